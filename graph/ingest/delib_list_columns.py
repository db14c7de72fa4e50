"""Attendance lists set in two columns, as the text of a PDF page read with its layout flattens them: each line holds
a piece of the left column's list, a wide gap of spaces, then a piece of the right one's ("Présents : Mme A,
Pouvoirs : M. B à Mme A" on one line, each list going on below in its own column). Read as they stand, the right
column's heading ends the left list on its first line and its names run into the left ones;
:func:`unfold_list_columns` sets the right column below the left one, so that each list reads whole.

>>> from graph.ingest.delib_attendance_lists import SECTIONS
>>> text = ("Présents : Mme Anne MOREL,      Pouvoirs : M. Paul ROUX à Mme\\n"
...         "M. Luc DURAND.                  Anne MOREL.\\n\\nOBJET : budget")
>>> [line.rstrip() for line in unfold_list_columns(text, [heading for _, heading in SECTIONS]).split("\\n")]
['Présents : Mme Anne MOREL,', 'M. Luc DURAND.', 'Pouvoirs : M. Paul ROUX à Mme', 'Anne MOREL.', '', 'OBJET : budget']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: The gap between two columns on a line that starts them: three spaces or more (a sentence's words are one apart).
_WIDE_GAP = re.compile(r"[ \t]{3,}(?=\S)")
#: The gap between two columns on a line below: two spaces or more, where the right column starts.
_GAP = re.compile(r"[ \t]{2,}(?=\S)")
#: How far, in characters, a line's right piece may start from the column that its heading set (a hand-typed copy
#: aligns it less strictly than a PDF's layout).
_SLACK = 2


def unfold_list_columns(body: str, headings: Iterable[re.Pattern[str]]) -> str:
    """Return ``body`` with each block of two columns of lists set one column below the other, the same length (so
    that what is found in it keeps its place in ``body``, within the block). A block opens on a line that starts
    with a list's heading (one of ``headings``) and holds another after a wide gap, each heading followed by names,
    not a count ("Présents : 21     Pouvoirs : 3" is a line of counts); it ends at a blank line."""
    headings = list(headings)
    lines = body.split("\n")
    out, i = [], 0
    while i < len(lines):
        column = _second_column(lines[i], headings)
        if column is None:
            out.append(lines[i])
            i += 1
            continue
        j = next((k for k in range(i + 1, len(lines)) if not lines[k].strip()), len(lines))
        out.append(_unfolded(lines[i:j], column))
        i = j
    return "\n".join(out)


def _second_column(line: str, headings: list[re.Pattern[str]]) -> int | None:
    """Where the second column starts on ``line``, when it opens two columns of lists: a heading at its start and
    another after a wide gap, both followed by names."""
    if not _names_heading(line, headings):
        return None
    return next((gap.end() for gap in _WIDE_GAP.finditer(line) if _names_heading(line[gap.end():], headings)), None)


def _names_heading(text: str, headings: list[re.Pattern[str]]) -> bool:
    """Whether ``text`` opens with a list's heading and its colon, then something else than a count."""
    for heading in headings:
        if (match := heading.match(text)) is not None and match.group(0).rstrip().endswith(":"):
            after = text[match.end():].lstrip()
            return bool(after) and not after[0].isdigit()
    return False


def _unfolded(lines: list[str], column: int) -> str:
    """The ``lines`` of a block in two columns, the right one starting at ``column``: the left column's pieces, then
    the right one's (a run of lines with none, one blank line), padded with spaces to the block's length; the block
    as it was if it does not fit (its gaps too narrow to be columns)."""
    left, right = [], []
    for line in lines:
        piece_left, piece_right = _split(line, column)
        left.append(piece_left)
        if piece_right or (right and right[-1]):
            right.append(piece_right)
    while right and not right[-1]:
        right.pop()
    block = "\n".join(lines)
    unfolded = "\n".join(left + right)
    return unfolded.ljust(len(block)) if len(unfolded) <= len(block) else block


def _split(line: str, column: int) -> tuple[str, str]:
    """The left and right pieces of one line of a block whose right column starts at ``column``: cut at a gap that
    ends there; a line indented that far is the right column's only, a line without such a gap the left one's."""
    for gap in _GAP.finditer(line):
        if abs(gap.end() - column) <= _SLACK:
            return line[:gap.start()].rstrip(), line[gap.end():].rstrip()
    if len(line) - len(line.lstrip()) >= column - _SLACK:
        return "", line.strip()
    return line.rstrip(), ""
