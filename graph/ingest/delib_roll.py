"""The roll as a table: one member a row, a mark in the column of what they were that day, and the member who
holds their proxy in a column of its own — as small communes' registers set it out, in a PDF's columns or in a
table with rules.

>>> attendance = Attendance()
>>> parse_roll("NOM Prénom     Présent   Absent   Pouvoir à\\nDURAND Paul    X\\n"
...            "MARTIN Léa               X        DURAND Paul\\n", attendance)
>>> [p.label for p in attendance.present], [(p.giver.label, p.holder.label) for p in attendance.proxies]
(['Paul DURAND'], [('Léa MARTIN', 'Paul DURAND')])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ingest.delib_names import Person, parse_person, surname_only
from graph.ingest.delib_members import with_initials
from graph.ingest.delib_people import Attendance, add_proxy, append_member
from graph.ingest.delib_pipe_tables import pipe_cells
from graph.ingest.french import fold

#: What a column's head says it holds: the list its marks put a member in, or the proxy's holder.
_HEADS = [("present", re.compile(r"presente?s?")), ("absent", re.compile(r"absente?s?(?: non excuse\w*)?")),
          ("excused", re.compile(r"(?:absente?s? )?excusee?s?")),
          ("holder", re.compile(r"(?:pouvoir|procuration|mandataire|represente\w*)(?: (?:donne\w* )?(?:a|par))?"))]
#: A mark in a cell: the member is what its column says.
_MARK = re.compile(r"[xX✓✔☑•+]|oui|OUI|Oui")
#: The gap between two cells of a line set out in columns: two spaces or more, or a tab.
_GAP = re.compile(r"\t+|[ ]{2,}")


@dataclass
class _Column:
    kind: str
    start: int
    end: int


def _cells(line: str) -> list[tuple[int, int, str]]:
    """The cells of a line, with where each starts and ends: a PDF's columns apart by two spaces and more, or a
    table with rules ("| DURAND Paul | | X |"), whose cells are placed by their rank (their rules are not aligned),
    the empty ones counted."""
    if (ruled := pipe_cells(line)) is not None:
        return [(rank, rank + 1, cell) for rank, cell in enumerate(ruled) if cell]
    cells, at = [], 0
    for part in _GAP.split(line):
        at = line.index(part, at) if part else at
        if part.strip():
            start = at + len(part) - len(part.lstrip())
            cells.append((start, start + len(part.strip()), part.strip()))
        at += len(part)
    return cells


#: Heads of one letter, as a narrow roll writes them: « P | A | E » (présent, absent, excusé).
_LETTERS = {"p": "present", "a": "absent", "e": "excused"}


def _head(line: str) -> list[_Column] | None:
    """The columns of a roll's head line: one of the present, and one of the absent, the excused or the proxies'
    holders; the other cells (the members' names) are columns of kind "name" when the roll sets its members side by
    side (its heads twice: « Membre | Présent | … | Membre | Présent | … »), else aside."""
    cells = _cells(line)
    folded = [fold(text).strip(" :.*()") for _, _, text in cells]
    letters = {"p", "a"} <= set(folded) or {"p", "e"} <= set(folded)
    columns = []
    for (start, end, _), text in zip(cells, folded):
        kind = next((kind for kind, head in _HEADS if head.fullmatch(text)), None) \
            or (_LETTERS.get(text) if letters else None)
        columns.append(_Column(kind or "name", start, end))
    kinds = [c.kind for c in columns if c.kind != "name"]
    if "present" not in kinds or not set(kinds) - {"present"}:
        return None
    return columns if kinds.count("present") > 1 else [c for c in columns if c.kind != "name"]


def _column_of(columns: list[_Column], start: int, end: int, ruled: bool) -> _Column | None:
    """The column a cell stands under: in a table with rules, the one of its rank; else the one it overlaps, else the
    nearest by their middles."""
    if ruled:
        return next((c for c in columns if c.start == start), None)
    overlapping = [c for c in columns if start < c.end + 2 and c.start - 2 < end]
    if overlapping:
        return overlapping[0]
    middle = (start + end) / 2
    return min(columns, key=lambda c: abs((c.start + c.end) / 2 - middle))


def _member(cell: str) -> Person | None:
    """The member a row's first cell names: "DURAND Paul", "M. Paul DURAND", "P. DURAND", or the family name alone
    ("DURAND"), which a roll's row is enough to make a member's."""
    return parse_person(cell) or with_initials(cell) or surname_only(cell)


def parse_roll(body: str, attendance: Attendance) -> None:
    """Fill ``attendance`` from the roll's table, when the text sets one out: each row a member, in the lists its
    marks say, and their proxy's holder; the first head line that rows of members follow."""
    at = 0
    for line in body.split("\n"):
        columns = _head(line) if re.search(r"r[ée]sent|\|\s*P\s*\|", line, re.I) else None
        if columns is not None and (end := _read_rows(body, at + len(line) + 1, columns,
                                                      pipe_cells(line) is not None, attendance)) is not None:
            attendance.quote((at, end), *_lists_filled(attendance))
            return
        at += len(line) + 1


def _read_rows(body: str, at: int, columns: list[_Column], ruled: bool, attendance: Attendance) -> int | None:
    """Read the rows from offset ``at`` to the blank line, or the first line that names no member before the
    columns: the offset where they end, or None when no row named a member."""
    if any(c.kind == "name" for c in columns):
        return _read_halves(body, at, columns, ruled, attendance)
    first_column = min(c.start for c in columns)
    end = None
    for cells, row_end in _rows_from(body, at):
        if not cells or cells[0][0] >= first_column - (0 if ruled else 1) or (member := _member(cells[0][2])) is None:
            break
        for cell_start, cell_end, text in cells[1:]:
            _mark(attendance, member, _column_of(columns, cell_start, cell_end, ruled), text)
        end = row_end
    return end


def _rows_from(body: str, at: int):
    """The lines of a roll's table from offset ``at``, each as its cells and the offset where it ends; the rule under
    a table's head ("|---|---|") is no line of it."""
    for row in body[at:].split("\n"):
        at += len(row) + 1
        if not (re.fullmatch(r"[\s|:-]*", row) and row.strip()):
            yield _cells(row), at - 1


def _mark(attendance: Attendance, member: Person, column: _Column | None, text: str) -> None:
    """What a cell of ``member``'s row under ``column`` says: their proxy's holder, or a mark that puts them in the
    column's list."""
    if column is not None and column.kind == "holder" and (holder := _member(text)) is not None:
        add_proxy(attendance, member, holder)
    elif column is not None and column.kind not in ("holder", "name") and _MARK.fullmatch(text):
        append_member(getattr(attendance, column.kind), member)


def _read_halves(body: str, at: int, columns: list[_Column], ruled: bool, attendance: Attendance) -> int | None:
    """Read the rows of a roll that sets its members side by side, a member and their marks in each half of a
    row (« | AUBERT Christian | X | | | | HAMON Brigitte | | | X | | »): each cell is the member's of the name
    cell before it. The right half's marks were given to the left half's member, and its members lost."""
    end = None
    for cells, row_end in _rows_from(body, at):
        first = _column_of(columns, cells[0][0], cells[0][1], ruled) if cells else None
        if first is None or first.kind != "name" or _member(cells[0][2]) is None:
            break
        member = None
        for cell_start, cell_end, text in cells:
            column = _column_of(columns, cell_start, cell_end, ruled)
            if column is not None and column.kind == "name":
                member = _member(text)
            elif member is not None:
                _mark(attendance, member, column, text)
        end = row_end
    return end


def _lists_filled(attendance: Attendance) -> list[str]:
    """The lists of ``attendance`` that name someone (a roll's rows fill each list its marks say)."""
    return [name for name in ("present", "excused", "absent", "proxies") if getattr(attendance, name)]
