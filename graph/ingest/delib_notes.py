"""Footnotes inside a list or a table of grants: a note block ("(1) Action de dépistage au quartier …") that a page
break set between two rows, after a rule and before the next page's running head, and the markers ("(1)", "*")
that call them after a beneficiary's name.

The rows below such a block still belong to the list; the marker is no part of the name.

>>> lines = ["Club A (1)   300 €", "_____", "(1) Action de prévention.", "", "Ville – Page 2/3", "", "Club B   200 €"]
>>> notes_end(lines, 1, lambda line: "€" in line), note_markers(lines)
(6, {'1'})
>>> without_marker("Club A (1)", {"1"}), without_marker("Club A (UDAF 86)", {"1"})
('Club A', 'Club A (UDAF 86)')
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: The marker that opens a footnote's line, and calls it after a name: "(1)", "(*)", "*", "¹".
_MARKER = r"\(\s*(?:\d{1,2}|\*{1,3})\s*\)|\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹]"
_NOTE = re.compile(rf"\s*(?P<marker>{_MARKER})\s*\S")
#: A line that rules the page's foot off ("_______", "-----").
_RULE = re.compile(r"\s*[-_—–=]{5,}\s*")
#: A page's running head or foot: a line that ends with its page number ("… Page 2/3", "- 2 -").
_PAGE_LINE = re.compile(r".*\bpage\s*\d{1,3}(?:\s*(?:/|sur)\s*\d{1,3})?\s*|\s*[-–]\s*\d{1,3}\s*[-–]\s*"
                        r"|\s*\d{1,3}\s*/\s*\d{1,3}\s*", re.I)


def _marker(text: str) -> str:
    return re.sub(r"[()\s]", "", text)


#: A note's call that ends a cell after its words or its figures: "4 800 (1)", "reporté (1)", "sans objet (2)",
#: "1 200 €*", "néant¹" — a bracketed number of one or two figures, asterisks, a superscript.
_CALL = re.compile(r"(?<=\S)\s*(?:\(\s*(?:\d{1,2}|\*{1,3})\s*\)|\*{1,3}|[¹²³⁴⁵⁶⁷⁸⁹])$")


def without_call(cell: str) -> str:
    """``cell`` without the note's call that ends it: a call is never an amount, nor part of one.

    >>> without_call("4 800 (1)"), without_call("reporté (1)"), without_call("1 200 €*"), without_call("(2)")
    ('4 800', 'reporté', '1 200 €', '(2)')
    >>> without_call("Club (UDAF 86)"), without_call("12 500 €")
    ('Club (UDAF 86)', '12 500 €')
    """
    return _CALL.sub("", cell.rstrip())


def note_markers(lines: list[str]) -> set[str]:
    """The markers of the footnotes of ``lines``: the notes below a rule ("____" then "(1) …", "(2) …")."""
    markers, below_rule = set(), False
    for line in lines:
        if (match := _NOTE.match(line)) and below_rule:
            markers.add(_marker(match.group("marker")))
        elif line.strip():
            below_rule = bool(_RULE.fullmatch(line)) or below_rule and line[:1].islower()
    return markers


def notes_end(lines: list[str], i: int, is_row: Callable[[str], bool]) -> int | None:
    """Where the rows go on after the footnotes that start at line ``i`` (a rule, then notes, blank lines and a page's
    running head); None when line ``i`` opens no note or no row (``is_row``) follows them."""
    markers = set()
    while i < len(lines) and (not lines[i].strip() or _RULE.fullmatch(lines[i])):
        i += 1
    while i < len(lines) and (match := _NOTE.match(lines[i])):
        markers.add(_marker(match.group("marker")))
        i += 1
        while i < len(lines) and lines[i].strip() and not _NOTE.match(lines[i]) and not is_row(lines[i]) \
                and not _PAGE_LINE.fullmatch(lines[i]):
            i += 1  # the note's next line
    if not markers:
        return None
    while i < len(lines) and (not lines[i].strip() or _PAGE_LINE.fullmatch(lines[i])):
        i += 1
    return i if i < len(lines) and is_row(lines[i]) else None


def without_marker(name: str, markers: set[str]) -> str:
    """``name`` without the call of one of the ``markers`` that ends it."""
    match = re.search(rf"\s*(?:{_MARKER})$", name)
    return name[:match.start()] if match and match.start() and _marker(match.group(0)) in markers else name
