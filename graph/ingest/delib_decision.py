"""What a deliberation decided besides its grants and its vote: the programme, the publication date, the fiscal
year. The vote is :mod:`graph.ingest.delib_vote`'s, the budget accounts :mod:`graph.ingest.delib_accounts`'.
"""

from __future__ import annotations

import datetime as dt
import re

from graph.ingest.french import DATE_RE, SHORT_DATE_RE, date_from_match, short_date


def find_programme(text: str) -> str | None:
    """Return the acronym of the programme named "Programme … (ACRONYM)"."""
    match = re.search(r"\bprogramme\b[^()\n]{3,120}\((?P<acr>[A-Z][A-Z0-9-]{2,})\)", text, re.I)
    return match.group("acr") if match else None


#: "Publié sur testville.fr le …", "Mis en ligne sur le site de la Métropole le …", "Publiée sur l'intranet de
#: l'université le …": a site named by its address, or "mis(e) en ligne" with where, as "publié" has it, and the noun
#: too ("Publication sur le site internet de la Ville le …"); "Publié au RAA le …", the recueil des actes
#: administratifs by its initials. The date is the same sentence's: not "Publication au recueil des actes. Rendu
#: exécutoire après transmission le …", the transmission's.
_PUBLISHED = re.compile(r"(?:(?:publi[ée]e?s?|publication|mise?\s+en\s+ligne)(?:\s+(?:sur\s+(?:le\s+(?:site|portail)"
                        r"|internet|l['’]\s*(?:intra|extra)net|[\w.-]+\.fr\b)"
                        r"|au\s+recueil\s+des\s+actes|au\s+(?-i:R\.?A\.?A)\b\.?|par\s+voie\s+[ée]lectronique)"
                        r"(?:(?!\.\s)[^\n]){0,60}?)?"
                        r"|affich[ée]e?s?|affichage)"
                        r"\s+le\s*:?\s*|(?:mise\s+en\s+ligne|(?:date\s+de\s+)?publication|date\s+d['’]affichage)\s*:\s*"
                        r"|date\s+d['’]affichage\s+du\s+pr[ée]sent\s+acte\s*[,:]?\s*(?:le\s+)?", re.I)


def date_at(body: str, at: int) -> dt.date | None:
    """The date written at offset ``at`` of ``body``, in full or with its month abbreviated.

    >>> date_at("le 12 NOV. 2024", 3), date_at("le 2 juin 2024", 3)
    (datetime.date(2024, 11, 12), datetime.date(2024, 6, 2))
    """
    if (date := DATE_RE.match(body, at)) is not None:
        return date_from_match(date)
    short = SHORT_DATE_RE.match(body, at)
    return short_date(short) if short is not None else None


def find_published(body: str, session: dt.date | None = None) -> dt.date | None:
    """Return the publication date ("Publiée le : 25 avril 2014", "Date de mise en ligne : …", "Publié sur le site
    internet de la commune le …", "Publié au recueil des actes administratifs le …", "… et publication le …",
    "Publication : …", "… et affichage le …"): the first such phrase that a date follows, and not before the
    ``session``: a register's "Date d'affichage" beside the convocation's is that of the convocation, posted before
    the session.

    >>> find_published("dès sa publication le cas échéant.\\nPublié sur le site internet de la commune le 03/04/2024")
    datetime.date(2024, 4, 3)
    >>> find_published("Date d'affichage : 02/05/2024\\n… et publication le 13/05/2024", dt.date(2024, 5, 7))
    datetime.date(2024, 5, 13)
    >>> find_published("Publiée par voie électronique le : 16 octobre 2024")
    datetime.date(2024, 10, 16)
    >>> find_published("Publiée sur l'intranet de l'université le 4 octobre 2025")
    datetime.date(2025, 10, 4)
    >>> find_published("Publié au RAA le 05/03/2024")
    datetime.date(2024, 3, 5)
    >>> find_published("Publication sur le site internet de la Ville le 29/09/2025")
    datetime.date(2025, 9, 29)
    >>> find_published("Rendu exécutoire après transmission le 20 mai 2025 et affichage le 21 mai 2025")
    datetime.date(2025, 5, 21)
    """
    for match in _PUBLISHED.finditer(body):
        if (found := date_at(body, match.end())) and (session is None or found >= session):
            return found
    for match in _POSTED_FROM.finditer(body):
        if (found := _first_day(body, match.end())) and (session is None or found >= session):
            return found
    return None


#: A posting for a span of days, that publishes the act on its first: "Affiché au siège du syndicat du 10 octobre
#: au 10 décembre 2025", "Affichée en mairie du 04/10/2025 au 04/12/2025".
_POSTED_FROM = re.compile(r"affich[ée]e?s?(?:\s+(?:au|aux|en|[àa]|sur)\b[^\n]{0,60}?)?\s+du\s+(?=\d)", re.I)


def _first_day(body: str, at: int) -> dt.date | None:
    """The first day of a span "… au <date>" written at offset ``at`` of ``body``, its month and year those of the
    span's last day when it gives none ("du 4 au 18 octobre 2025", "du 10 octobre au 10 décembre 2025").

    >>> _first_day("du 10 octobre au 10 décembre 2025", 3), _first_day("du 4 au 18 octobre 2025", 3)
    (datetime.date(2025, 10, 10), datetime.date(2025, 10, 4))
    """
    start = DATE_RE.match(body, at) or re.compile(r"(?P<bare>\d{1,2})(?:er)?").match(body, at)
    until = re.compile(r"\s+au\s+").match(body, start.end()) if start else None
    last = DATE_RE.match(body, until.end()) if until else None
    if last is None or (end := date_from_match(last)) is None:
        return None
    if "bare" in start.groupdict():
        return end.replace(day=int(start["bare"])) if 1 <= int(start["bare"]) <= end.day else None
    first = date_from_match(start, end.year)
    if first and first > end and start["month"] and not start["year"]:
        return date_from_match(start, end.year - 1)  # a span across the new year: "du 15 décembre au 15 février 2026"
    return first if first and first <= end else None


#: The words that name a deliberation's fiscal year: "pour l'année 2024", "exercice 2014", "budget 2014".
_FISCAL_YEAR = re.compile(r"(?:pour\s+l['’]ann[ée]e|exercice|budget(?:\s+primitif)?"
                          r"|au\s+titre\s+de\s+l['’]ann[ée]e)\s+(?P<y>(?:19|20)\d\d)\b", re.I)


def find_fiscal_year(body: str) -> int | None:
    """Return the fiscal year ("pour l'année 2024", "exercice 2014", "budget 2014")."""
    match = fiscal_year_words(body)
    return int(match.group("y")) if match else None


def fiscal_year_words(body: str) -> re.Match | None:
    """The words of ``body`` that name the fiscal year (:func:`find_fiscal_year`), the year their group ``y``: the
    evidence of the year of the grants that take it.

    >>> fiscal_year_words("un montant global de 20 000 € pour l'année 2024 ;").group(0)
    "pour l'année 2024"
    """
    return _FISCAL_YEAR.search(body)
