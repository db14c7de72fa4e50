"""The deliberation's own number: where the act writes it ("Délibération n° …", a number alone on one of its first
lines, a directorate's number); its title is :mod:`graph.ingest.delib_title`'s."""

from __future__ import annotations

import re
from functools import lru_cache

from graph.ingest.delib_meta import in_a_citation
from graph.ingest.french import MONTH_NAMES, MONTHS


#: "n° …": a number, or a file's number whose parts a space parts, year first, that ends its line or its part of
#: it ("Dossier N° 2024 C11 B 08 53").
_NUMBER = re.compile(r"(?:d[ée]lib[ée]ration|DELIBERATION)?\s*\bn\s*[°ºo]\s*"
                     # "N° d'ordre : 31", "N° de délibération : OT-2025-003"
                     r"(?:d['’]ordre\s*|de\s+(?:la\s+)?d[ée]lib[ée]ration\s*)?[:.]?\s*"
                     r"(?P<num>(?:19|20)\d\d(?:[ ](?-i:[A-Z]{0,3}\d+[A-Z]?|[A-Z](?=[ ]\d)))+(?=[ \t]*(?:\n|$|[-–—:]))"
                     # a part in capitals after a slash too: "2024.00412/CP", "2024/CP/412"; an authority's acronym
                     # before it ("SMEMLA/2025/004"), or the authority's and its organ's ("CCAS-CA-2025-09"); a
                     # rank in brackets after it ("E 3(1)")
                     r"|(?:(?-i:[A-Z]{2,8}[-_/.]){2,3}|(?-i:[A-Z]{5,8})[-_/.]|[A-Z]{0,4}[-_ /.]?)\d[\w.-]*"
                     r"(?:\(\d{1,3}\)(?!\w))?"
                     # a part in capitals may end in figures: "2025/E3/112", as the Collectivité de Corse numbers
                     r"(?:\s*/\s*(?:\d[\w.-]*|(?-i:[A-Z]{1,6}\d{0,3})\b(?![ \t]+\w)))*"
                     # its organ's code after a space, in capitals, as the Collectivité de Corse writes it ("25/087 AC",
                     # "25/112 CP"), before the line's end or the organ's name, not a word ("N° 12 DU CONSEIL")
                     r"(?:[ ](?-i:(?!(?:DE|DU|DES|LA|LE|LES|ET|EN|AU|AUX|SUR|PAR|POUR|UN|UNE)\b)[A-Z]{2,4})"
                     r"(?=[ \t]*(?:\n|$|[-–—:,]|(?:DE|DU|DES|D['’])\b)))?)", re.I)


#: The deliberation's own number where it heads its line or a column of the heading, without "n°": "Délibération
#: DCM-2024-03-07", "Délibération : 2024-089", "Délib. CA 24/031" (a date after the word is no number), or a label
#: with its colon: "Numéro : CM-2025-09-30-17", "Numéro de délibération : 2025-12".
#: (A run of spaces tried from its first one only: from each of the others the search had tried the same, and each
#: try went through the rest of the run, quadratic in a deep indent.)
_OWN_NUMBER = re.compile(r"(?:^|(?<![ \t])[ \t]{2})[ \t]*"
                         r"(?:(?:D[ée]lib[ée]ration|DÉLIBÉRATION|D[ée]lib\.)[ \t]*(?::[ \t]*)?"
                         r"|Num[ée]ro(?:[ \t]+(?:de[ \t]+(?:la[ \t]+)?d[ée]lib[ée]ration|d['’]ordre"
                         r"|de[ \t]+l['’]acte))?[ \t]*:[ \t]*)"
                         r"(?P<num>(?-i:[A-Z]{0,5})[-_ /]?\d[\w.-]*(?:\s*/\s*\d[\w.-]*)*)(?![\w/])"
                         r"(?!\s+(?:" + "|".join(sorted({*MONTH_NAMES, *MONTHS})) + r")\b)", re.I | re.M)
#: What makes a "n° …" another act's or item's: an agenda item ("point n° 5"), an act named with an article ("de la
#: délibération n° 2024-021", "vu la délibération n° …"), a law, an ordinance or a decree, wherever the text names
#: it ("Le Président rappelle que la loi n° 2005-95 …").
_NOT_OWN = re.compile(r"(?:\bpoint|\b(?:la|les|une|des|de|par|vu|cette)\s+d[ée]lib[ée]rations?"
                      # a beneficiary's account with the authority ("Tiers n° 098765", under its name in a list), an
                      # invoice, a contract, a plot
                      r"|\btiers|\bfactures?|\bmarch[ée]s?|\blots?|\bparcelles?|\bbons?\s+de\s+commande"
                      r"|\b(?:loi|ordonnance|d[ée]cret)(?:\s+organique)?)\s*$", re.I)


def _cites(body: str, match: re.Match) -> bool:
    """Whether a "n° …" is another act's or item's: in a visa or a recital, inside brackets on its line, or named
    as another act or an agenda item (:data:`_NOT_OWN`)."""
    line = body[body.rfind("\n", 0, match.start()) + 1:match.start("num")]
    return (in_a_citation(body, match.start("num")) or line.count("(") > line.count(")")
            or _NOT_OWN.search(re.sub(r"\s*n\s*[°ºo]\s*[:.]?\s*$", "", line, flags=re.I)) is not None)


#: A number alone on one of the first lines, often set to the right ("2024/4512", "DSSJ/2024/1027"), or a
#: directorate's number heading its line, year first ("2024 DASES 187 Subventions …", as the Conseil de Paris
#: numbers its acts): a year among its parts, and not a date nor a span of years ("2023-2028").
NUMBER_ALONE = re.compile(r"^[ \t]*(?P<num>(?=[\w/.-]*\b(?:19|20)\d\d\b)[A-Z]{0,6}[/.-]?\d\w*(?:[/.-]\w+)+(?=[ \t]*$)"
                           r"|(?:19|20)\d\d[ \t]+[A-Z]{2,6}(?:[ \t]*-[ \t]*[A-Z]{2,6})?[ \t]+\d{1,4}\b(?![/.-]?\d)"
                           # the year in two figures, then the act's rank, then its directorate's code: "24/0519/VDV"
                           r"|\d\d/\d{3,5}(?:/[A-Z]{2,6})?(?=[ \t]*$))",
                           re.M)
#: How many of the first lines may hold such a number.
_NUMBER_ALONE_LINES = 12


def _number_alone(body: str) -> re.Match | None:
    """A number that heads the act without "n°" nor "Délibération" (:data:`NUMBER_ALONE`), on its first lines."""
    lines = re.match(r"(?:[^\n]*\n){0,%d}" % _NUMBER_ALONE_LINES, body)
    for match in NUMBER_ALONE.finditer(body, 0, lines.end()):
        if not re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:19|20)\d\d[/-](?:19|20)?\d\d", match.group("num")):
            return match
    return None


@lru_cache(maxsize=4)  # the reader asks it of one text twice: the number's place, then the number (find_number)
def number_match(body: str) -> re.Match | None:
    """Where the deliberation's own number is written (see :func:`find_number`): "Délibération …" heading its line,
    else the first "n° …" that cites no other act or item (:func:`_cites`), else a number alone on one of the first
    lines (:func:`_number_alone`), else the first "n° …" that is no agenda item's and in no visa or recital (a law's
    number, "Vu la loi n° 2000-321", is never the act's).

    >>> number_match("Vu la loi n° 2000-321 du 12 avril 2000 ;\\nN° d'ordre : 31").group("num")
    '31'
    >>> number_match("Arrivée de Mme PIVERT au point n° 5.\\n   Délibération DCM-2024-03-07").group("num")
    'DCM-2024-03-07'
    >>> number_match("Conseil de Paris\\n2024 DASES 187 Subvention (2 000 euros)\\nVu la loi n° 2000-321").group("num")
    '2024 DASES 187'
    >>> number_match("Marseille\\n24/0519/VDV\\n")["num"], number_match("Dossier N° 2024 C11 B 08 53\\n")["num"]
    ('24/0519/VDV', '2024 C11 B 08 53')
    >>> number_match("Séance du 14 juin 2024\\n\\nObjet : 2024-031 - Subvention au Comité des fêtes\\n").group("num")
    '2024-031'
    >>> number_match("Rapport n° 2024/CP/412\\nDélibération n° 2024.00412/CP\\n").group("num")
    '2024.00412/CP'
    >>> number_match("CONSEIL D'ADMINISTRATION DU 20 MARS 2025\\n\\nDÉLIBÉRATION N° CCAS-CA-2025-09\\n").group("num")
    'CCAS-CA-2025-09'
    >>> number_match("DÉLIBÉRATION N° 2025/E3/112 DU CONSEIL EXÉCUTIF DE CORSE\\n").group("num")
    '2025/E3/112'
    >>> number_match("DÉLIBÉRATION N° 25/087 AC DE L'ASSEMBLÉE DE CORSE\\n").group("num")
    '25/087 AC'
    """
    own = next((m for m in _OWN_NUMBER.finditer(body) if not _cites(body, m)), None)
    if own is not None:
        return own
    # "Délibération n° …" (or "N° de délibération : …") before any other "n° …": a report's ("Rapport n°
    # 2024/CP/412") heads it on the line above, an invoice's ("la facture n° 2024-311") may come before it
    own = next((m for m in _NUMBER.finditer(body) if re.search(r"d[ée]lib", body[m.start():m.start("num")], re.I)
                and not _cites(body, m)), None)
    if own is not None:
        return own
    first = None
    for match in _NUMBER.finditer(body):
        if not _cites(body, match):
            return match
        line = body[body.rfind("\n", 0, match.start()) + 1:match.start()]
        if (not re.search(r"\b(?:point|loi|ordonnance|d[ée]cret)(?:\s+organique)?\s*$", line, re.I)
                and not in_a_citation(body, match.start("num"))):
            first = first or match  # an agenda item's or a law's number is no act's, even for want of another
    return (_number_alone(body) or _reference(body) or _OBJECT_NUMBER.search(body) or _heading_number(body)
            or first)


#: The act's reference heading a line, a year among its parts: "REF : DEL-2024-045", "Référence : 2024/118" (not a
#: letter's "N/Réf." nor "V/Réf.", which an annexed letter may give).
_REFERENCE = re.compile(r"^[ \t]*R[ée]f(?:[ée]rence)?\.?[ \t]*:[ \t]*(?P<num>(?=[\w/.-]*\b(?:19|20)\d\d\b)"
                        r"(?-i:[A-Z]{0,5})[-_ /]?\d[\w.-]*(?:/[\w.-]+)*)[ \t]*$", re.I | re.M)


def _reference(body: str) -> re.Match | None:
    """The act's reference on one of its first lines (:data:`_REFERENCE`).

    >>> _reference("COMMUNE DE SAINT-JUST\\nSéance du 12 mars 2024\\nREF : DEL-2024-045\\n")["num"]
    'DEL-2024-045'
    >>> _reference("N/Réf. : DGS/2024-12\\n") is None
    True
    """
    return _REFERENCE.search(body, 0, _first_lines_end(body))


#: A number heading the act's object, before its title: "Objet : 2024-031 - Subvention au Comité des fêtes".
NUMBER_BEFORE_TITLE = r"(?P<num>(?:\d+[-/._]\d+|[A-Z]{1,5}[-_ ]?\d+)[\w./-]*)[ \t]+[-–—:][ \t]+(?=\S)"
_OBJECT_NUMBER = re.compile(r"^[ \t]*Objet[ \t]*:[ \t]*" + NUMBER_BEFORE_TITLE, re.M)


#: A number with a year among its parts opening a line, before the act's title: "2024-059 - Subventions diverses",
#: "2013-21 : Subvention à l'association …".
HEADING_NUMBER = re.compile(r"^[ \t]*(?P<num>(?=[\w/.-]*\b(?:19|20)\d\d\b)(?:\d+[-/._]\d+|[A-Z]{1,5}[-_ ]?\d+)"
                             r"[\w./-]*)(?:[ \t]+[-–—]|[ \t]*:)[ \t]+(?=[A-ZÀ-Ý])", re.M)


#: How many of the first lines may hold such a number, blank lines aside: a register's attendance block may come
#: before it.
_HEADING_NUMBER_LINES = 20


def _first_lines_end(body: str) -> int:
    """Where the text's first :data:`_HEADING_NUMBER_LINES` lines end, blank lines aside."""
    return re.match(r"(?:[ \t]*\n)*(?:[^\n]*\n(?:[ \t]*\n)*){0,%d}" % _HEADING_NUMBER_LINES, body).end()


def _heading_number(body: str) -> re.Match | None:
    """A number heading a line of the first ones, before the title (:data:`HEADING_NUMBER`), not a date nor a span of
    years ("2024-2025 - Programme").

    >>> _heading_number("Seance du 18 octobre 2024\\n2024-059 - Subventions diverses\\n")["num"]
    '2024-059'
    >>> _heading_number("Séance du jeudi 4 avril 2013\\n2013-21 : Subvention à l'association\\n")["num"]
    '2013-21'
    >>> _heading_number("Seance du 18 octobre 2024\\n2024-2025 - Programme d'actions\\n") is None
    True
    """
    return next((m for m in HEADING_NUMBER.finditer(body, 0, _first_lines_end(body))
                 if not re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}", m["num"]) and not _years_span(m["num"])), None)


def _years_span(number: str) -> bool:
    """Whether a number is a span of years: "2024-2025", "2021-2027", a season's "2024-25"; not the 21st act of
    2013, "2013-21".

    >>> _years_span("2024-2025"), _years_span("2024-25"), _years_span("2013-21"), _years_span("2024-059")
    (True, True, False, False)
    """
    span = re.fullmatch(r"((?:19|20)\d\d)[/-]((?:19|20)\d\d|\d\d)", number)
    if span is None:
        return False
    first, second = int(span[1]), int(span[2])
    return 0 < second - first <= 10 if second >= 1900 else second == (first + 1) % 100


def find_number(body: str) -> str | None:
    """Return the deliberation's own number ("2024.00240", "2014/159", "CP-2023-045")."""
    match = number_match(body)
    return as_number(match.group("num")) if match else None


def as_number(written: str) -> str:
    """A deliberation's number as written, its spaces and slashes made even.

    >>> as_number("2024 / 12 "), as_number("DCM  2024-021.")
    ('2024/12', 'DCM 2024-021')
    """
    return re.sub(r"[ \t]+", " ", re.sub(r"\s*/\s*", "/", written)).strip(".- \t")
