"""Reading a partner register (see :mod:`graph.ingest.register`): its CSV text (or a sheet's rows) into entries, plain
values with the line of each, before any of them becomes a triple; the YAML form is read by
:mod:`graph.ingest.register_yaml` into the same entries.

This module reads the table (:func:`entries_from_csv`) and turns a sheet into such a text (:func:`sheet_as_csv`);
what the entries are is in :mod:`graph.ingest.register_entries`, the lines before the header and the header in
:mod:`graph.ingest.register_heading`, the rows that are no member in :mod:`graph.ingest.register_notes`, the rows
that a separator shifted in :mod:`graph.ingest.register_shifts`.
"""

from __future__ import annotations

import csv
import io
import re

from graph.ingest.base import InputError, Issue, missing_columns
from graph.ingest.register_entries import Entry, Register
from graph.ingest.register_heading import REQUIRED_COLUMNS, header_not_found, read_columns, read_heading
from graph.ingest.register_keys import column
from graph.ingest.register_notes import footer_row, note_row, repeated_header
from graph.ingest.register_shifts import find_cut_value, shifted_row
from graph.tabular import Row, check_quotes, cut_short, sniff_delimiter, text_lines, without_controls


def entries_from_csv(text: str, spreadsheet: bool = False) -> Register:
    """Read a CSV register; ``# key: value`` lines before the header name the PTCE (the ``#`` may be left out: the
    header is the first line that names the name, kind and circle columns). Its columns are read as the
    YAML format's member keys (any case, accents or spaces, or their French names); the others are warned about.
    Empty cells beyond the header (a row ending with an extra separator) are ignored; a row with values beyond it
    (a separator inside an unquoted value shifted them), or a longer row whose values read better shifted back
    (:func:`graph.ingest.register_shifts.find_cut_value`: the value cut in two was on a row whose last cell is
    empty), refuses the register with its line and the value to put in quotes (InputError) — or, in a sheet
    (``spreadsheet``), the column to name. A row that is a comment or a note
    (:func:`graph.ingest.register_notes.note_row`: a total, a section's title), a footer
    (:func:`graph.ingest.register_notes.footer_row`) or the header repeated is reported and not read; a quote never
    closed (it swallows the rows after it) refuses the register.

    >>> read = entries_from_csv(" Nom ;KIND;cercle;email\\nA;association;coeur;a@b.fr;\\n")
    >>> [m.values for m in read.members]
    [{'name': 'A', 'kind': 'association', 'circle': 'coeur'}]
    >>> for issue in read.issues: print(issue.line, issue.message)
    1 clé inconnue « email » d'un membre, ignorée : clés lues d'un membre : nom, type, cercle, date d'entrée, \
date de sortie, thèmes, objectifs, siren, siret, rna, esus
    >>> read = entries_from_csv("ptce: P;;\\nNom;Type;Cercle\\nA;association;coeur\\n")
    >>> read.ptce.values, [(m.line, m.values["name"]) for m in read.members]
    ({'name': 'P'}, [(3, 'A')])
    """
    lines = text_lines(text)
    controls = drop_controls(lines) + space_separators(lines)
    try:  # the separator is sniffed from the first lines, as the CSV reader cuts them
        start, ptce, goals, issues = read_heading(lines)
        body = "\n".join(lines[start:])
        delimiter = sniff_delimiter(body)
    except csv.Error as exc:
        raise _too_long(exc, next((i + 1 for i, line in enumerate(lines) if _LONG_CELL.search(line)), None)) from None
    issues[:0] = controls
    header, rows = _records(body, delimiter, start)
    while header and not header[-1].strip():
        header.pop()
    columns = read_columns(header, start + 1, issues)
    if not columns and header:
        raise header_not_found(header, start + 1)
    if columns and "name" not in columns.values():  # no row would give a member: say what the header lacks
        lacks = [key for key in ("name", "kind", "circle") if key not in columns.values()]
        raise missing_columns(lacks, ("un registre des partenaires", "a partner register"), header, start + 1)
    if len(header) > 1:  # a quote never closed swallows the rows after it: which are members cannot be told
        check_quotes("\n".join(lines), [Row(line, cells) for line, cells in rows], delimiter, len(header))
    members = _read_members(rows, header, columns, delimiter, start, spreadsheet, issues)
    if not text.endswith(("\n", "\r")) and (cut := _cut_member(rows, members, len(header))) is not None:
        raise cut
    return Register(ptce, members, goals, issues=issues)


def _read_members(rows: list[tuple[int, list[str]]], header: list[str], columns: dict[int, str], delimiter: str,
                  start: int, spreadsheet: bool, issues: list[Issue]) -> list[Entry]:
    """The members of a CSV register's ``rows`` below its ``header`` (line ``start + 1``), each row's cells read
    as its ``columns``; the rows that are no member are told in ``issues`` (see :func:`entries_from_csv`)."""
    table = any(sum(1 for c in cells if c.strip()) > 1 for _, cells in rows)
    members, repeated = [], []
    for line, cells in rows:
        if (note := note_row(cells, table, line)) is not None:
            issues.append(note)
            continue
        if REQUIRED_COLUMNS <= {column(c) for c in cells}:  # the header again, above a section of the table
            repeated.append(line)
            continue
        values = {columns[i]: cell.strip() for i, cell in enumerate(cells[:len(header)]) if i in columns}
        if len(cells) > len(header):
            cut = None if spreadsheet else find_cut_value(cells, columns, len(header), delimiter)
            if cut is not None or any(c.strip() for c in cells[len(header):]):
                raise shifted_row(cells, len(header), line, cut, start + 1 if spreadsheet else None)
        if (footer := footer_row(cells, values, line)) is not None:
            issues.append(footer)
        elif any(values.values()):
            members.append(Entry(values, line, written={columns[i]: header[i].strip() for i in columns}))
    if repeated:
        issues.append(repeated_header(repeated))
    return members


def _cut_member(rows: list[tuple[int, list[str]]], members: list[Entry], width: int) -> InputError | None:
    """Why a CSV register that does not end with a line end is refused as cut short: its last row, a member, has
    fewer cells than the header (``width``) while every other member has them all (:func:`graph.table_checks.cut_short`);
    None otherwise (a register that merely lacks its final line end, or whose rows leave out their empty last cells).

    >>> rows = [(2, ["A", "association", "coeur"]), (3, ["B", "asso"])]
    >>> _cut_member(rows, [Entry({}, 2), Entry({}, 3)], 3).issue.line
    3
    """
    if not rows or not members or members[-1].line != rows[-1][0]:
        return None
    cells = {line: len(row) for line, row in rows}
    last = cells[members[-1].line]
    if last >= width or any(cells[member.line] < width for member in members[:-1]):
        return None
    return cut_short(members[-1].line, (f"elle n'a que {last} cellule{'s' * (last > 1)} sur {width}",
                                        f"it has only {last} cell{'s' * (last > 1)} of {width}"))


def _records(body: str, delimiter: str, start: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows of a CSV register's ``body`` (its text from the header on, which is line
    ``start + 1``), each row with its first line (a quoted cell may hold line breaks). InputError with the row's
    line when the CSV reader cannot read a cell: one longer than its limit (128 Kio), which no value of a register
    is — a quote never closed, in a long file, swallows the rest of it into one cell."""
    reader = csv.reader(io.StringIO(body), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    line = start + 1
    try:
        header = next(reader, [])
        line = start + reader.line_num + 1
        for cells in reader:
            if any(len(cell) > MAX_CELL for cell in cells):  # the reader's own limit is the process's, not ours
                raise _too_long(None, line)
            rows.append((line, cells))
            line = start + reader.line_num + 1
    except csv.Error as exc:
        raise _too_long(exc, line) from None
    return header, rows


#: The longest cell of a register (128 Kio, the CSV reader's default limit, which a library may raise for the whole
#: process): no value of a register is that long — a quote never closed swallows the rest of the file into one.
MAX_CELL = 131_072
#: A run of characters without a separator longer than that.
_LONG_CELL = re.compile(r"[^;,\t|]{%d}" % (MAX_CELL + 1))


def _too_long(exc: csv.Error | None, line: int | None) -> InputError:
    """Why a register is refused when a cell is longer than :data:`MAX_CELL`, read so or when the CSV reader stops
    at its own limit (the only error of a non-strict reader on text; another is our bug, raised as it is)."""
    if exc is not None and "field limit" not in str(exc):
        raise exc
    size = MAX_CELL
    return InputError(f"cellule de plus de {size} caractères : trop longue pour une valeur du registre (un guillemet "
                      "jamais fermé ?) ; registre refusé", line=line,
                      message_en=f"cell of more than {size} characters: too long for a register's value (a quote "
                                 "never closed?); register refused")


def drop_controls(lines: list[str]) -> list[Issue]:
    """Remove the control characters of a CSV register's ``lines`` (in place), as :mod:`graph.tabular` does a table's
    (a NUL from a broken export would stay in a member's name, and XML cannot carry it), with a warning for each line
    that held some: its values are kept, and their source is to be checked.

    >>> lines = ["name;kind", "A\\x00B;association"]
    >>> [(i.line, i.message_en) for i in drop_controls(lines)], lines[1]
    ([(2, 'control character U+0000 in the line, removed (damaged export?): values to check at their source')], \
'AB;association')
    """
    issues = []
    for i, line in enumerate(lines):
        lines[i], found = without_controls(line)
        if found:
            issues.append(Issue("warning", f"caractère de contrôle {', '.join(found)} dans la ligne, retiré (export "
                                           "abîmé ?) : valeurs à vérifier à leur source",
                                f"control character {', '.join(found)} in the line, removed (damaged export?): values "
                                "to check at their source", line=i + 1))
    return issues


#: Unicode's line and paragraph separators and NEL (U+0085): a line break pasted from a word processor or a web page.
#: Python's ``str.splitlines`` and YAML 1.1 (PyYAML) break lines there, an editor's line count and a CSV reader do not.
LINE_SEPARATORS = re.compile("[\x85\u2028\u2029]")


def space_separators(lines: list[str]) -> list[Issue]:
    """Replace the line separators (:data:`LINE_SEPARATORS`) in a register's ``lines`` by a space (in place), with a
    warning for each line that held some: its value stays whole — YAML would have cut it, or refused the register
    at a line that is not the file's — and the lines after it keep their numbers.

    >>> lines = ["name;kind", "A\\u2028B;association"]
    >>> [(i.line, i.message_en) for i in space_separators(lines)], lines[1]
    ([(2, 'line separator U+2028 inside the line (a line break pasted from a word processor?), replaced by a \
space')], 'A B;association')
    """
    issues = []
    for i, line in enumerate(lines):
        if found := sorted({f"U+{ord(c):04X}" for c in LINE_SEPARATORS.findall(line)}):
            lines[i] = LINE_SEPARATORS.sub(" ", line)
            issues.append(Issue("warning", f"séparateur de ligne {', '.join(found)} dans la ligne (un saut de ligne "
                                           "collé d'un traitement de texte ?), remplacé par une espace",
                                f"line separator {', '.join(found)} inside the line (a line break pasted from a word "
                                "processor?), replaced by a space", line=i + 1))
    return issues


def sheet_as_csv(rows: list[tuple[int, list[str]]]) -> str:
    """The text of a register's sheet (rows with their lines) as a ``;`` CSV whose lines are the sheet's, for
    :func:`entries_from_csv`: a line break inside a cell becomes a space, so that each row keeps its line — or, in
    a list's column below the header (themes, goals: Alt+Enter between values), a ``|`` between them.

    >>> sheet_as_csv([(1, ["# ptce: P", ""]), (3, ["name", "kind", "circle", "themes"]),
    ...               (4, ["A; B", "asso\\nciation", "coeur", "aidants\\ne-santé"])])
    '# ptce: P;\\n\\nname;kind;circle;themes\\n"A; B";asso ciation;coeur;aidants | e-santé\\n'
    """
    out, line, lists, header = io.StringIO(), 1, set(), None
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    for number, cells in rows:
        out.write("\n" * max(0, number - line))
        writer.writerow([(" | " if i in lists else " ").join(c.splitlines()) for i, c in enumerate(cells)])
        line = number + 1
        keys = [column(c) for c in cells] if header is None else []
        if REQUIRED_COLUMNS <= set(keys):
            header, lists = number, {i for i, key in enumerate(keys) if key in ("themes", "goals")}
    return out.getvalue()


__all__ = ["entries_from_csv", "sheet_as_csv", "drop_controls", "space_separators", "MAX_CELL", "Entry", "Register"]
