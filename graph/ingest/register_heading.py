"""The top of a CSV register (see :mod:`graph.ingest.register_read`): the lines before its header, which name the
PTCE and declare its goals (:func:`read_heading`), the header itself, found among the first lines by the columns it
names, and its columns, each mapped to a member key (:func:`read_columns`).
"""

from __future__ import annotations

import csv
import re
from typing import Any

from graph.ingest.base import InputError, Issue
from graph.ingest.register_entries import Entry
from graph.ingest.register_keys import (canonical, column, duplicate_key, suggestion, unknown_key,
                                        written_in_french)
from graph.tabular import SNIFF_LINES, normalise_header, sniff_delimiter

#: ``# objectif 1: …`` (or ``goal 1``, ``objectif n° 1``) before a CSV register's header: a goal and its rank.
_GOAL_KEY = re.compile(r"(?:objectif|goal)s?(?:no?)?(\d+)")
#: ``# financement …`` (or ``subvention``, ``grant``) before a CSV register's header: a grant's goals, which only the
#: YAML form reads.
_GRANT_KEY = re.compile(r"financement|subvention|grant")


def read_heading(lines: list[str]) -> tuple[int, Entry, list[Entry], list[Issue]]:
    """Read the lines before a CSV register's header: (the header's index, the PTCE, its goals, problems).
    ``# ptce: NAME``, ``# coordinator: NAME`` (and the ``ptce:`` keys of the YAML format, ``territory``,
    ``description``, or their French names) describe the PTCE, ``# objectif N: LABEL`` declares its goal of rank
    N; other lines are free text, unless their key is a near spelling of one of these. The ``#`` may be left out
    (a sheet's first rows, the key and its value in one cell or two) when a line among the first names the
    register's name, kind and circle columns: the first such line is the header; else it is the first line that
    is neither a comment nor blank.

    >>> start, ptce, goals, issues = read_heading(["# ptce: P", "# Objectif 2 : Soutenir", "# registre de mars", "a"])
    >>> start, ptce.values, [(g.line, g.values) for g in goals], issues
    (3, {'name': 'P'}, [(2, {'rank': 2, 'label': 'Soutenir'})], [])
    >>> start, ptce, goals, issues = read_heading(["Registre 2024;;", "ptce;P;", "objectif 1:;Un;", "Nom;Type;Cercle"])
    >>> start, ptce.values, [(g.line, g.values) for g in goals]
    (3, {'name': 'P'}, [(3, {'rank': 1, 'label': 'Un'})])
    """
    values: dict[str, Any] = {}
    lines_of: dict[str, int] = {}
    written: dict[str, str] = {}  # each key as the line wrote it (« Coordinateur »), the PTCE's « ptce » aside
    goals: list[Entry] = []
    issues: list[Issue] = []
    header = _header_line(lines)
    delimiter = sniff_delimiter("\n".join(lines[header:])) if header is not None else ";"
    start = 0
    while start < len(lines) and (start < header if header is not None else
                                  (_comment(lines[start]) is not None or _blank(lines[start]))):
        comment = _comment(lines[start])
        if comment is None and not _blank(lines[start]):
            comment = _uncommented(lines[start], delimiter)
        start += 1
        key, colon, value = (comment or "").partition(":")
        folded, value = normalise_header(key), value.strip()
        name = "name" if folded == "ptce" else canonical("ptce", key)
        if not colon or not value:
            continue
        if m := _GOAL_KEY.fullmatch(folded):
            goals.append(Entry({"rank": int(m[1]), "label": value}, start))
        elif _GRANT_KEY.match(folded):
            issues.append(Issue("warning", f"ligne « #{key}: » non lue : les financements (les objectifs que sert une "
                                           "subvention) ne s'écrivent que dans un registre YAML, sous grants: "
                                           "(ou financements:)", f"line '#{key}:' not read: grants (the goals that a "
                                "grant serves) are written in a YAML register only, under grants: (or "
                                "financements:)", line=start, field=key.strip()))
        elif name is not None and name != "goals":
            values.setdefault(name, value)
            lines_of.setdefault(name, start)
            if folded != "ptce":
                written.setdefault(name, key.strip())
        elif name == "goals" or (near := suggestion("ptce", key)) is not None:
            hint = "objectif 1" if name == "goals" or near == "goals" else "ptce" if near == "name" else near
            issues.append(Issue("warning", f"ligne « #{key}: » non lue : écrivez « # {hint}: … »",
                                f"line '#{key}:' not read: write '# {hint}: …'", line=start, field=key.strip()))
    return start, Entry(values, 1, lines_of, written), goals, issues


#: The columns that make a table a register: its header is the first line among the first that names them all.
REQUIRED_COLUMNS = frozenset({"name", "kind", "circle"})


def _header_line(lines: list[str]) -> int | None:
    """The index of a CSV register's header: the first line among the first :data:`SNIFF_LINES` (not a comment)
    whose cells name the name, kind and circle columns; None when none does."""
    for i, line in enumerate(lines[:SNIFF_LINES]):
        if _comment(line) is not None:
            continue
        cells = re.split(r"[;,\t|]", line)
        if REQUIRED_COLUMNS <= {column(c.strip().strip('"')) for c in cells}:
            return i
    return None


def _uncommented(line: str, delimiter: str) -> str:
    """A line before a register's header written without its ``#``, as a comment's text: its cells' values, the
    first (a key, its colon optional) then ``:`` and the others (a sheet's row ``ptce | NAME``).

    >>> _uncommented("ptce: P;;", ";"), _uncommented("objectif 1;Soutenir les aidants;", ";")
    ('ptce: P', 'objectif 1: Soutenir les aidants')
    """
    cells = [c.strip() for c in next(csv.reader([line], delimiter=delimiter), []) if c.strip()]
    if len(cells) < 2:
        return cells[0] if cells else ""
    return f"{cells[0].rstrip(':').rstrip()}: {' '.join(cells[1:])}"


def _blank(line: str) -> bool:
    """Whether a line of a CSV register has no value: empty, or only separators and quotes (an empty row)."""
    return not line.strip(' \t;,|"')


def _comment(line: str) -> str | None:
    """The text after the ``#`` of a comment line of a CSV register, or None when ``line`` is not one. A
    spreadsheet that saved the file again padded the line with the separators of a row and quoted it when it held
    one: those are not the comment's.

    >>> _comment("# ptce: PTCE Resave;;;;;;;;;"), _comment('"# ptce: PTCE Santé, Loire",,,'), _comment("a;b")
    (' ptce: PTCE Resave', ' ptce: PTCE Santé, Loire', None)
    """
    text = line.strip().rstrip(";,\t|").strip()
    if len(text) > 1 and text[0] == text[-1] == '"':
        text = text[1:-1].replace('""', '"')
    return text[1:].rstrip(";,\t|") if text.startswith("#") else None


def read_columns(header: list[str], line: int, issues: list[Issue]) -> dict[int, str]:
    """Map the index of each column of a CSV register's header that it reads to its member key."""
    columns: dict[int, str] = {}
    named: dict[str, str] = {}
    french = written_in_french({name: cell for cell in header if (name := column(cell)) is not None})
    for i, cell in enumerate(header):
        if (name := column(cell)) is None:
            if cell.strip():
                issues.append(unknown_key("member", cell.strip(), line, french))
        elif name in named:
            issues.append(duplicate_key("member", named[name], cell.strip(), line))
        else:
            named[name], columns[i] = cell.strip(), name
    return columns


def header_not_found(taken: list[str], line: int) -> InputError:
    """Why a register whose header cannot be found is refused: the line taken for it names none of its columns."""
    text = " ".join(c.strip() for c in taken if c.strip())
    return InputError(
        f"en-tête du registre introuvable : la ligne « {text} » ne nomme aucune de ses colonnes, et aucune des "
        f"{SNIFF_LINES} premières lignes ne nomme à la fois nom, type et cercle (name, kind, circle) ; écrivez "
        "l'en-tête avant les membres (par exemple nom;type;cercle;date d'entrée)", line=line,
        message_en=f"register header not found: the line '{text}' names none of its columns, and none of the first "
                   f"{SNIFF_LINES} lines names name, kind and circle together; write the header before the members "
                   "(for example name;kind;circle;joined)")


__all__ = ["REQUIRED_COLUMNS", "read_heading", "read_columns", "header_not_found"]
