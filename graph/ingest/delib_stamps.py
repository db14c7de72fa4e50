"""The prefecture stamps of a deliberation's text: their wordings (:data:`STAMP_PATTERNS`), cut out of the flow
with their data kept in a :class:`Stamp` (:func:`strip_stamps`).

Apart from :mod:`delib_text` because a stamp's wordings are many (each prefecture's platform words its own) and
their reading is one task: the stamps land anywhere in the text (mid-sentence, mid-table: DATA-FORMATS.md
pitfall 22), and a month's name that a line break cut is made whole first (:func:`join_cut_months`) so that their
dates read.

>>> body, stamp = strip_stamps("La Ville attribue une\\nReçu en préfecture le 02/06/2023\\nsubvention de 500 €.")
>>> body, stamp.received
('La Ville attribue une\\nsubvention de 500 €.', datetime.date(2023, 6, 2))
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from graph.ingest.french import MONTHS, first_date, fold


_DATE = (r"(?P<date>(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
         r"(?:\d{1,2}(?:er)?\s+[a-zéû]+\.?\s+\d{4})|\d{1,2}/\d{1,2}/\n?\d{4}"
         # "Réception par le Préfet : 20-05-2024", "après dépôt en Préfecture le 20.05.2024"
         r"|\d{1,2}-\d{1,2}-\d{4}|\d{1,2}\.\d{1,2}\.\d{4})")
#: An ACTES id; a narrow stamp may wrap it after one of its hyphens ("…-20240627-\nDEL2024_112-DE") or underscores
#: ("…-2025_\n090-DE"). Corsica's départements are "02A" and "02B", which a text may print "2A" and "2B".
_ACTES = (r"(?:\d{2}_[A-Z]{2}-\n?)?(?:\d\s?\d{2}|0?2[AB])-\n?\d{9}-\n?\d{8}-\n?"
          r"(?:[A-Za-z0-9]|[-_]\n?)+?(?<!-)(?<![-_]\n)(?:-\n?(?:DE|AR|AI|CC|BF|AU))?(?=[\s.,;)]|$)")


#: A prefecture or a sub-prefecture, and the place it is of ("préfecture de Meurthe-et-Moselle"); or both, for an act
#: sent to each: "sous-préfecture de Bellac / préfecture de la Haute-Vienne".
_PLACE = r"(?:\s+(?:de\s+(?:la\s+|l['’])?|du\s+|des\s+|d['’])[A-ZÉ][\w'’-]*)?"
_PREFECTURE = (r"(?:sous[- ]?)?pr[ée]fecture" + _PLACE
               + r"(?:\s*(?:/|ou|et)\s*(?:(?:en|[àa]\s+la)\s+)?(?:sous[- ]?)?pr[ée]fecture" + _PLACE + ")?")


def _loose(word: str) -> str:
    """A pattern matching ``word`` even when the PDF split it with one stray space ("Ac te", "E nvoi")."""
    return r"\s?".join(re.escape(c) if c != " " else r"\s+" for c in word)


#: Stamp fragments: (what the fragment tells, pattern). Dates are in the ``date`` group. A narrow stamp, or one
#: printed along the margin, may wrap its wording anywhere: words are apart by any white space, line breaks too.
STAMP_PATTERNS = [
    # "Accusé de réception préfecture : 067-…-DE du 27/09/2024": the id and the day of its receipt
    ("received", re.compile(_loose("Accusé de réception") + r"\s+(?:en\s+|de\s+la\s+)?pr[ée]fecture\s*:?\s*"
                            r"(?P<actes>" + _ACTES + r")\s+(?:du|le)\s+" + _DATE, re.I)),
    # "Accusé de réception en préfecture le 12/12/2024 : 095-…-DE", "Accusé réception Préfecture : 29/11/2024"
    ("received", re.compile(r"Accus[ée]\s+(?:de\s+)?r[ée]ception\s+(?:en\s+|de\s+la\s+)?pr[ée]fecture\s*"
                            r"(?::|le|du)\s*" + _DATE + r"(?:\s*:\s*(?P<actes>" + _ACTES + "))?", re.I)),
    ("marker", re.compile(_loose("Accusé de réception") + r"\s*[–-]\s*Minist[èe]re de l['’]int[ée]rieur", re.I)),
    ("marker", re.compile(_loose("Accusé de réception en préfecture"), re.I)),
    ("marker", re.compile(_loose("Acte Certifié exécutoire"), re.I)),
    ("marker", re.compile(r"Certifi[ée]e?\s+ex[ée]cutoire(?=\s*[–-]\s*(?:re[çc]u|r[ée]ception)\b)", re.I)),
    ("received", re.compile(r"RE[CÇ]U\s+EN\s+PR[EÉ]FECTURE\s+Le\s+" + _DATE, re.I)),
    ("platform", re.compile(r"^VIA\s+(?P<value>[^\n]+?)[ \t]*$", re.M)),
    ("sent", re.compile(_loose("Envoi Préfecture") + r"\s*:\s*" + _DATE, re.I)),
    ("received", re.compile(r"(?:Date\s+de\s+)?" + _loose("Réception en Préfecture") + r"\s*:\s*" + _DATE, re.I)),
    # "Date de transmission au contrôle de légalité : 15 mai 2025"
    ("sent", re.compile(r"Date\s+de\s+(?:t[ée]l[ée]transmission(?:\s+en\s+(?:sous[- ]?)?pr[ée]fecture)?|(?:t[ée]l[ée])?"
                        r"transmission\s+(?:au\s+contr[ôo]le\s+de\s+l[ée]galit[ée]|en\s+(?:sous[- ]?)?pr[ée]fecture"
                        r"|au\s+repr[ée]sentant\s+de\s+l['’][ÉE]tat))\s*:\s*" + _DATE, re.I)),
    # "Date d'envoi en préfecture : 26/11/2024"
    ("sent", re.compile(r"Date\s+d['’]envoi\s+(?:en\s+|[àa]\s+la\s+)(?:sous[- ]?)?pr[ée]fecture\s*:\s*" + _DATE, re.I)),
    # "Date de dépôt en préfecture : 14/02/2025": an act deposited at the prefecture is received there on the spot
    # "Date de réception en préfecture de Meurthe-et-Moselle : 1er juin 2025"
    ("received", re.compile(r"Date\s+de\s+(?:r[ée]ception|d[ée]p[ôo]t)\s+(?:en\s+|[àa]\s+la\s+)?"
                            + _PREFECTURE + r"\s*:\s*" + _DATE, re.I)),
    ("sent", re.compile(r"(?:Envoy[ée]\s+en\s+pr[ée]fecture|T[ée]l[ée]transmise?s?)\s+le\s*:?\s*" + _DATE, re.I)),
    # "Transmis en préfecture le …", "Transmise au représentant de l'État le …", "après dépôt en préfecture le …",
    # "Télétransmis en préfecture le …", "Transmis en sous-préfecture de Riom le …", "Transmis à la sous-préfecture
    # de Vesoul le …", "Transmis en préfecture de la Meuse le …", "Transmis en sous-préfecture de Bellac /
    # préfecture de la Haute-Vienne le …"; in New Caledonia, French Polynesia and Wallis and
    # Futuna the State's representative who holds the legality control is the haut-commissaire, or in a province
    # the commissaire délégué de la République: "Transmise au commissaire délégué de la République le …"; a label,
    # its date after a colon, its preposition left out or not: "Transmission préfecture : 03/02/2025",
    # "Télétransmis en préfecture : …", "Envoi à la préfecture : …"
    ("sent", re.compile(r"(?:(?:T[ée]l[ée])?transmise?s?|d[ée]p[ôo]t|(?:t[ée]l[ée])?transmission|envoi)\s+"
                        r"(?:(?:(?:en|[àa]\s+la)\s+)?" + _PREFECTURE + r"|au\s+repr[ée]sentant\s+"
                        r"de\s+l['’][ÉE]tat|au\s+contr[ôo]le\s+de\s+l[ée]galit[ée]|au\s+haut-commissariat"
                        r"|au\s+(?:haut-)?commissaire\s+(?:d[ée]l[ée]gu[ée]\s+)?de\s+la\s+R[ée]publique"
                        # "Délibération transmise au Préfet de la région Occitanie le 20 mai 2025"
                        r"|au\s+(?:sous-)?pr[ée]fet(?:\s+(?:de\s+(?:la\s+|l['’])?|du\s+|des\s+|d['’])(?:r[ée]gion\s+)?"
                        r"[A-ZÉ][\w'’-]*)?)"
                        r"(?:\s+le\s*:?|\s*:)\s*" + _DATE, re.I)),
    # "Reçu en Sous-Préfecture de Vierzon le …", "Reçu au contrôle de légalité le : vendredi 20 septembre 2024",
    # "Reçu à la Préfecture de la Guadeloupe le …", "Acte reçu par la préfecture le …", "Reçu en Préfecture des
    # Deux-Sèvres le …", "Réception par le représentant de l'État le …", "… des présentes délibérations, reçues en
    # préfecture le …"; a label, its date after a colon, its preposition left out or not: "Réception préfecture : …"
    ("received", re.compile(r"(?:Acte\s+)?(?:Re[çc]ue?s?|R[ée]ception)\s+(?:(?:(?:en|[àa]\s+la|par\s+la)\s+)?"
                            r"(?:sous[- ]?)?pr[ée]fecture"
                            r"(?:\s+(?:de\s+(?:la\s+|l['’])?|du\s+|des\s+|d['’])[A-ZÉ][\w'’-]*)?"
                            r"|au\s+contr[ôo]le\s+de\s+l[ée]galit[ée]|par\s+le\s+repr[ée]sentant\s+de\s+l['’][ÉE]tat)"
                            r"(?:\s+le\s*:?|\s*:)\s*" + _DATE, re.I)),
    # "AR Préfecture du 20/05/2024": the acknowledgement of receipt's initials
    ("received", re.compile(r"\b(?-i:AR)\s+(?:de\s+la\s+|en\s+)?" + _PREFECTURE + r"\s+(?:du|le)\s*:?\s*" + _DATE,
                            re.I)),
    # "Réception par le préfet : 05/02/2025", "réception par le préfet le 05/02/2025"
    ("received", re.compile(r"R[ée]ception\s+par\s+le\s+pr[ée]fet\s*(?::|\ble\b\s*:?)\s*" + _DATE, re.I)),
    # "Affichée au siège de l'EPCC le 3 avril 2025", "Affiché en mairie d'arrondissement le 16 mai 2025"
    ("published", re.compile(r"Affich[ée]e?\s+(?:(?:au\s+siège|en\s+mairie|[àa]\s+la\s+mairie)"
                             r"(?:\s+(?:de\s+l['’]|de\s+la\s+|du\s+|des\s+|de\s+)?[\w'’ -]{2,40}?)?\s+)?"
                             r"le\s*:?\s*(?:" + _DATE + ")?", re.I)),
    ("published", re.compile(r"Date\s+de\s+mise\s+en\s+ligne\s*:\s*" + _DATE, re.I)),
    # "Publié au Journal officiel de Saint-Barthélemy le 03/02/2025": a collectivité's official journal
    ("published", re.compile(r"Publi[ée]e?\s+au\s+Journal\s+officiel\b[^\n]{0,60}?\s+le\s*:?\s*" + _DATE, re.I)),
    ("actes", re.compile(r"(?:\bID\s*:\s*)?(?P<value>" + _ACTES + ")")),
    # Last: these are the stamp's only on a line, or below one, that held another of its fragments.
    # "Date de réception de l'accusé de réception : 09/10/2025" (S²LOW's header block, below the act's id)
    ("received beside a stamp", re.compile(r"\b(?:Re[çc]u\s+le|Date\s+de\s+r[ée]ception"
                                           r"(?:\s+de\s+l['’]accus[ée]\s+de\s+r[ée]ception)?)\s*:?\s*" + _DATE, re.I)),
    # A transmission platform's header block of "label : value" lines, "Date de réception : 03/10/2025" just above
    # "Identifiant : 064-…-DE" (iXBus): the line below holds the stamp's fragment
    ("received above a stamp", re.compile(r"^Date\s+de\s+r[ée]ception\s*:\s*" + _DATE + r"[ \t]*$", re.I | re.M)),
    ("published beside a stamp", re.compile(r"\b(?:Publi[ée]e?|Mise?\s+en\s+ligne)\s+le\s*:?\s*" + _DATE, re.I)),
]


@dataclass
class Stamp:
    """What the prefecture stamps say: ACTES id as printed, dates, platform, and their text."""

    actes_raw: str | None = None
    sent: dt.date | None = None
    received: dt.date | None = None
    published: dt.date | None = None
    platform: str | None = None
    quotes: list[str] = field(default_factory=list)


def _date(text: str) -> dt.date | None:
    # A narrow stamp may wrap a date after its month: "03/10/" / "2025", "20 septembre" / "2024".
    return first_date(re.sub(r"\s+", " ", re.sub(r"/\n", "/", text)))


def _record(stamp: Stamp, what: str, match: re.Match) -> None:
    groups = match.groupdict()
    if groups.get("actes"):
        stamp.actes_raw = stamp.actes_raw or re.sub(r"\s", "", groups["actes"])
    if what == "actes":
        stamp.actes_raw = stamp.actes_raw or re.sub(r"\s", "", groups["value"])
    elif what == "platform":
        stamp.platform = stamp.platform or groups["value"].strip()
    elif what.startswith(("sent", "received", "published")) and groups.get("date"):
        what = what.split()[0]
        if getattr(stamp, what) is None:
            setattr(stamp, what, _date(groups["date"]))
    quote = re.sub(r"-\n", "-", match.group(0)) if what == "actes" else match.group(0)
    stamp.quotes.append(re.sub(r"\s+", " ", quote).strip())


def _line_and_previous(text: str, at: int) -> str:
    """The line of ``text`` around offset ``at`` and the line before it: a "Reçu le …" or a "Publié le …" there is
    the stamp's only when another fragment of the stamp was cut from them."""
    line_start = text.rfind("\n", 0, at)
    start = text.rfind("\n", 0, line_start) + 1 if line_start > 0 else 0
    end = text.find("\n", at)
    return text[start:end if end >= 0 else len(text)]


def _line_and_next(text: str, at: int) -> str:
    """The line of ``text`` around offset ``at`` and the line after it."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    following = text.find("\n", end + 1) if end >= 0 else -1
    return text[start:] if end < 0 or following < 0 else text[start:following]


def strip_stamps(text: str) -> tuple[str, Stamp]:
    """Cut stamp fragments out of ``text``; return the text left and the stamp's data.

    A line left empty by a cut (or with punctuation only) disappears, so that a sentence or table cut by a stamp
    joins up again.

    >>> body, stamp = strip_stamps("M. A donne pouvoir\\n034-213401722-20140522-0000072187-DE\\nà M. B")
    >>> body, stamp.actes_raw
    ('M. A donne pouvoir\\nà M. B', '034-213401722-20140522-0000072187-DE')
    >>> strip_stamps("Reçu en préfecture le 28 mai 2024\\n042-244200770-20240516-D1-DE\\nDate de mise en ligne : "
    ...              "28 mai 2024")[1].quotes
    ['Reçu en préfecture le 28 mai 2024', '042-244200770-20240516-D1-DE', 'Date de mise en ligne : 28 mai 2024']
    >>> strip_stamps("Accusé de réception en préfecture\\n039-200045128-20240627-\\nDEL2024_112-\\nDE")[1].actes_raw
    '039-200045128-20240627-DEL2024_112-DE'
    """
    stamp = Stamp()
    marked = text
    starts: list[int] = []  # where each quote was found: a cut shortens the text only inside itself, order is kept
    for what, pattern in STAMP_PATTERNS:
        if what == "platform" and not stamp.received:
            continue  # "VIA …" is a stamp line only next to "REÇU EN PRÉFECTURE"
        matches = [m for m in pattern.finditer(marked)
                   if not what.endswith("beside a stamp") or "\x00" in _line_and_previous(marked, m.start())
                   if not what.endswith("above a stamp") or "\x00" in _line_and_next(marked, m.start())]
        for match in matches:
            _record(stamp, what, match)
            starts.append(match.start())
        for match in reversed(matches):  # cut out, as many NULs as it had characters: the lines stay in place
            cut = "\x00" * len(match.group(0).strip())
            marked = marked[:match.start()] + cut + marked[match.end():]
    lines = []
    for line in marked.split("\n"):
        if "\x00" in line:
            line = re.sub(r"[ \t]*\x00+[ \t]*", " ", line).strip()
            if not re.search(r"\w", line):  # nothing left, or the dashes that stood between the stamp's parts
                continue
        lines.append(line)
    # The quotes in the file's order, not the patterns': the stamp's text, quoted as evidence, reads as the file has
    # it ("… VIA DOTELEC - iXBus", then the ACTES id, then "Date de mise en ligne : …").
    stamp.quotes = [quote for _, quote in sorted(zip(starts, stamp.quotes), key=lambda pair: pair[0])]
    return "\n".join(lines), stamp


#: A day, then a word that a line break cut with a hyphen, then a year or the line's end: a month's name, if its two
#: parts make one.
_CUT_MONTH = re.compile(r"(?P<day>\b\d{1,2}(?:er)?[ \t]+)(?P<head>[^\W\d_]{2,8})-[ \t]*\n[ \t]*"
                        r"(?P<tail>[^\W\d_]{2,8})(?:[ \t]+(?=\d{4}\b)|[ \t]*\n|[ \t]*$)")


def join_cut_months(text: str) -> str:
    r"""Make whole a month's name that a line break cut with a hyphen, its end going up to the line above, before
    the stamps are read ("Reçu en préfecture le 20 sep-" / "tembre 2024"); another word stays as it is.

    >>> join_cut_months("Reçu le 20 sep-\ntembre 2024\nle 3 avril, Jean-\nPierre\nle 1er fé-\nvrier\nfin")
    'Reçu le 20 septembre\n2024\nle 3 avril, Jean-\nPierre\nle 1er février\nfin'
    """
    def join(match: re.Match) -> str:
        whole = match["head"] + match["tail"]
        return match["day"] + whole + "\n" if fold(whole) in MONTHS else match.group(0)

    return _CUT_MONTH.sub(join, text)
