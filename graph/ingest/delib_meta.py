"""A deliberation's ACTES id, its heading (the lines that open it, where the authority, the organ and the session
are read first) and the lines that cite other acts (the authority is :mod:`graph.ingest.delib_authority`'s; the
organ and the session date :mod:`graph.ingest.delib_session`'s; the number :mod:`graph.ingest.delib_number`'s, the
title :mod:`graph.ingest.delib_title`'s; the vote :mod:`graph.ingest.delib_vote`'s, the publication
:mod:`graph.ingest.delib_decision`'s, the budget :mod:`graph.ingest.delib_accounts`').

>>> parse_actes("99_DE-042-244200770-20240516-D20240024010")
ActesId(raw='99_DE-042-244200770-20240516-D20240024010', dept='042', siren='244200770', date=datetime.date(2024, 5, 16), number='D20240024010', nature='DE')
>>> parse_actes("99_DE-042-244200770-20240516-D20240024010").normalised
'042-244200770-20240516-D20240024010-DE'

A transmission platform's file suffix after the nature, without the file's rank, is no part of the number:

>>> parse_actes("031-213104821-20241004-lmc1124911-DE-1-1").normalised
'031-213104821-20241004-lmc1124911-DE'

Corsica's départements are "02A" and "02B", which a text may print "2A" and "2B":

>>> parse_actes("2A-200076958-20250506-2025E3112-DE").normalised
'02A-200076958-20250506-2025E3112-DE'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

#: ACTES identifier, tolerant (DATA-FORMATS.md 1.3): TypePJ prefix, nature suffix and file suffix optional.
ACTES_RE = re.compile(r"""^(?:(?P<typepj>\d{2}_[A-Z]{2})-)?
    (?P<dept>\d{3}|0?2[AB])-(?P<siren>\d{9})-(?P<date>\d{8})-
    (?P<num>.+?)(?:-(?P<nature>DE|AR|AI|CC|BF|AU)(?:-\d+-\d+)?)?
    (?:-\d+-\d+_\d+(?:\.\w+)?)?$""", re.X)


@dataclass
class ActesId:
    raw: str
    dept: str
    siren: str
    date: dt.date
    number: str
    nature: str

    @property
    def normalised(self) -> str:
        return f"{self.dept}-{self.siren}-{self.date:%Y%m%d}-{self.number}-{self.nature}"


def parse_actes(raw: str | None) -> ActesId | None:
    """Parse an ACTES id as printed; the nature defaults to the TypePJ's ("99_DE" → DE), else DE."""
    match = ACTES_RE.match(re.sub(r"\s", "", raw or ""))
    if not match:
        return None
    nature = match.group("nature") or (match.group("typepj") or "_DE")[-2:]
    try:
        date = dt.datetime.strptime(match.group("date"), "%Y%m%d").date()
    except ValueError:
        return None
    dept = match.group("dept").rjust(3, "0")  # Corsica's "2A" printed for its code "02A"
    return ActesId(re.sub(r"\s", "", raw), dept, match.group("siren"), date, match.group("num"), nature)


#: What looks like an ACTES id though it is none, its SIREN or its date misprinted
#: ("076-247600XXX-20250612-B2025_114-DE", "042-24420077-20240516-D2024_24-DE"): after a stamp's label
#: ("Identifiant :", "ID :") or with its nature.
_ACTES_LIKE = re.compile(r"(?:(?P<label>\b(?:Identifiant|ID|ACTES)\b[^:\n]{0,30}:)[ \t]*)?"
                         r"(?P<raw>(?:\d{2}_[A-Z]{2}-)?(?:\d{3}|0?2[AB])-\d[\dA-Z]{5,11}-[\dX]{6,10}-[\w.]+?"
                         r"(?P<nature>-(?:DE|AR|AI|CC|BF|AU))?)(?=[\s,;)]|\.?$)", re.M)


def unread_actes(raw: str | None, text: str) -> str | None:
    """The ACTES id a stamp prints that :func:`parse_actes` cannot read, as printed: the stamp's ``raw`` id, or one in
    ``text`` that the stamp's patterns passed over; a stamp seen but not read is said, not dropped.

    >>> unread_actes(None, "Reçu en préfecture le 17 juin 2025 – Identifiant : 076-247600XXX-20250612-B2025_114-DE")
    '076-247600XXX-20250612-B2025_114-DE'
    >>> unread_actes("042-244200770-20241332-D2024_24-DE", "")
    '042-244200770-20241332-D2024_24-DE'
    >>> unread_actes(None, "Délibération n° 2025-022 du 22-05-2025"), unread_actes(None, "ID : 03-1234-56")
    (None, None)
    """
    if raw:
        return None if parse_actes(raw) else raw
    for match in _ACTES_LIKE.finditer(text):
        if (match.group("label") or match.group("nature")) and not parse_actes(match.group("raw")):
            return match.group("raw")
    return None


#: At most how many non-blank lines open a deliberation (its heading), and the first line of what follows it.
HEADING_LINES = 8
_AFTER_HEADING = re.compile(r"\s*(?:Vu\b|Consid[ée]rant|L['’]an\b|Objet\b|Article\b|Apr[èe]s\b|Attribue|D[ée]cide|"
                            r"(?-i:Le|La|Les|Il)\s)|.{101}", re.I)
#: What parts the columns of a line that a PDF's text sets out as on the page: three spaces or more ("VILLE DE
#: RENNES                    Conseil municipal du 14 octobre 2024": the logo's block at the left, the sitting at
#: the right).
COLUMN_GAP = re.compile(r"[ \t]{3,}")
#: A table's cell that is a figure: an amount, a rate, a count.
FIGURE_CELL = re.compile(r"[\d\u00a0\u202f .,]*\d(?:\s*(?:€|%|euros?|K€))?", re.I)


@lru_cache(maxsize=4)  # the authority's and the session's readers ask it of one text six times
def heading(body: str) -> str:
    """The lines that open a deliberation, before its first sentence, visa, object or table, each column of a line
    set out as on the page (:data:`COLUMN_GAP`) on a line of its own, column by column over consecutive such lines
    (:func:`_by_columns`).

    >>> heading("DÉPARTEMENT DE LA LOIRE\\nCOMMUNE DE ROZIER\\n\\nVu le code…\\nLa commune de Lézigneux…")
    'DÉPARTEMENT DE LA LOIRE\\nCOMMUNE DE ROZIER'
    >>> heading("VILLE DE RENNES            Conseil municipal du 14 octobre 2024\\n\\nSanté\\n\\nAprès en avoir")
    'VILLE DE RENNES\\nConseil municipal du 14 octobre 2024\\nSanté'
    """
    lines: list[str] = []
    run: list[list[str]] = []  # consecutive lines set out in columns
    count = 0
    for line in body.split("\n"):
        line = line.strip()
        cells = COLUMN_GAP.split(line)
        if len(cells) < 2 or not line:
            lines += _by_columns(run)
            run = []
        if not line:
            continue
        # a table's row (a figure among three cells or more) ends the heading too
        if (_AFTER_HEADING.match(line) or count == HEADING_LINES
                or (len(cells) >= 3 and any(FIGURE_CELL.fullmatch(c) for c in cells))):
            break
        if len(cells) >= 2:
            run.append(cells)
        else:
            lines.append(line)
        count += 1
    return "\n".join(lines + _by_columns(run))


def _by_columns(run: list[list[str]]) -> list[str]:
    """The cells of consecutive lines set out in columns, column by column: a name that a column wraps over two
    lines ("SERVICE DÉPARTEMENTAL D'INCENDIE" / "ET DE SECOURS DE L'AVEYRON", the sitting in the other column) is
    whole again.

    >>> _by_columns([["SERVICE D'INCENDIE", "BUREAU"], ["ET DE SECOURS DU LOT", "Séance du 9 mai 2024"]])
    ["SERVICE D'INCENDIE", 'ET DE SECOURS DU LOT', 'BUREAU', 'Séance du 9 mai 2024']
    """
    return [cells[column] for column in range(max(map(len, run), default=0)) for cells in run if column < len(cells)]


#: A visa or a recital opens its line: what it says ("Vu la loi n° …", "Vu le budget adopté le …") is of another act.
_CITING_LINE = re.compile(r"\s*(?:vu|consid[ée]rant)\b", re.I)
#: At most how many lines a visa or a recital runs on.
_CITATION_LINES = 8
_IN_SMALL_LETTERS = re.compile(r"[ \t]*[a-zà-ÿ]")
_ENDS_SENTENCE = re.compile(r"(?:[.;:!?]|^)[ \t]*$", re.M)  # or is blank


def goes_on(body: str, start: int) -> bool:
    """Whether the line of ``body`` that opens at offset ``start`` goes on the sentence of the line above: it opens in
    small letters, and that line ends with no full stop, semicolon or colon.

    >>> text = "Considérant que neuf demandes, dont six ont un avis\\nfavorable ;\\nle Conseil adopte."
    >>> goes_on(text, text.index("favorable")), goes_on(text, text.index("le Conseil")), goes_on("A\\n\\nb", 3)
    (True, False, False)
    """
    if start == 0 or not _IN_SMALL_LETTERS.match(body, start):
        return False
    return not _ENDS_SENTENCE.search(body, body.rfind("\n", 0, start - 1) + 1, start - 1)


def citation_start(body: str, at: int) -> int | None:
    """Where the visa or the recital that offset ``at`` of ``body`` lies in opens its line, or None: on the line of
    ``at``, or on a line above that this one goes on (:func:`goes_on`), its sentence unfinished ("Considérant que
    neuf demandes …, dont six reçoivent un avis" / "favorable, une est ajournée et deux sont rejetées ;").

    >>> text = "Considérant que neuf demandes, dont six ont un avis\\nfavorable, et deux sont rejetées ;\\nAdopté."
    >>> citation_start(text, text.index("rejetées")), citation_start(text, text.index("Adopté"))
    (0, None)
    """
    start = body.rfind("\n", 0, at) + 1
    for _ in range(_CITATION_LINES):
        if _CITING_LINE.match(body, start):
            return start
        if not goes_on(body, start):
            return None
        start = body.rfind("\n", 0, start - 1) + 1
    return None


def in_a_citation(body: str, at: int) -> bool:
    """Whether offset ``at`` of ``body`` lies in a visa or a recital (:func:`citation_start`)."""
    return citation_start(body, at) is not None
