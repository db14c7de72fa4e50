"""Read the tables that French public bodies publish — CSV, TSV, XLSX, XLS, ODS — into rows of text cells.

What real files do (DATA-FORMATS.md §5) and what this module does about it:

- encodings (pitfalls 1–3) are decided once per file, and mojibake already in the text (pitfall 4) repaired, by
  :mod:`graph.encodings`; each repair is recorded with the raw value (``Table.repairs``);
- separators ``;`` ``,`` tab (pitfall 8) are sniffed from the first lines, whatever the extension says;
- embedded newlines (pitfall 9): quoted ones are kept, the OOXML escape ``_x0001_`` becomes a newline, rows cut by
  an unquoted newline are joined back when that restores the header's width;
- a header row below title lines is found by the known column names the caller gives; headers are normalised
  (case, accents, spaces, ``*``) by :func:`normalise_header` so that callers map synonyms on one key;
- spreadsheets are read by :mod:`graph.spreadsheets` (python-calamine, after checks for zip bombs and damaged
  legacy XLS files), with a cap on the number of rows: the visible sheet whose header names the expected columns
  (:func:`graph.sheet_choice.read_best_sheet`), its merged cells copied down their rows and its hidden columns
  after the visible ones, which is said, as are its hidden rows (:func:`graph.sheet_notes.sheet_notes`).

This module reads a table; :mod:`graph.sheet_choice` chooses a workbook's sheet, and :mod:`graph.table_checks`
checks its rows and cells (totals, control characters, notes below the table, short and overlong rows, a file cut
short, a quote never closed) and gathers the issues of the tables read (:func:`graph.table_checks.collected_issues`).

>>> table = read_table(b"Titre\\n\\nnom;montant\\nA;40 000,00\\n", known={"nom", "montant"})
>>> table.header, table.delimiter, [(r.line, r.cells) for r in table.rows]
(['nom', 'montant'], ';', [(4, ['A', '40 000,00'])])
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from graph.encodings import SUSPECT, decode, encoding_issue, repair_text
from graph.ingest.base import InputError, Issue
from graph.limits import check_line_length
# read_best_sheet: for the callers of this module too (the register reader imports it from here).
from graph.sheet_choice import choose_sheet, read_best_sheet
from graph.sheet_notes import sheet_notes
# is_spreadsheet, MAX_ROWS, spreadsheet_error: for the callers of this module too.
from graph.spreadsheets import (MAX_ROWS, FractionCell, Rows, Sheet, column_letters, is_spreadsheet, read_heads,
                               spreadsheet_error, workbook_format)
# cut_short, is_total, lost_characters, repair_issues, short_row, without_controls: for the callers of this module
# too (the SCDL grants and register readers import them from here).
from graph.table_checks import (CONTROL, check_quotes, collect_issues, cut_short, drop_controls, is_total,
                                lost_characters, overlong_row, repair_issues, short_row, skip_footer_notes,
                                why_cut_short, without_controls)

#: Lines looked at to sniff the separator and find the header row.
SNIFF_LINES = 30


@dataclass
class Row:
    """One data row: the 1-based line (CSV) or row number (spreadsheet) where it starts, and its cells."""

    line: int
    cells: list[str]
    #: Empty cells the row had beyond the header row's (a separator at the end of the row, or a value cut in two
    #: by an unquoted separator that pushed the last, empty, cell out): whoever knows the columns' values tells which.
    extra: int = 0
    #: Cells the row lacks to fill the header (a CSV line cut short: an interrupted download), filled with empty
    #: ones: whoever knows whether its columns may be left out tells whether that matters.
    short: int = 0


@dataclass
class Repair:
    """A cell whose text was repaired: where, the raw text, the repaired text."""

    line: int
    column: int
    raw: str
    fixed: str


@dataclass
class Table:
    """A table read from a file: its header (repaired, stripped), its data rows, and how it was read."""

    header: list[str]
    rows: list[Row]
    header_line: int = 1
    #: The text's encoding, or a workbook's format: ``xlsx``, ``ods`` or ``xls`` (:func:`workbook_format`).
    encoding: str | None = None
    delimiter: str | None = None
    repairs: list[Repair] = field(default_factory=list)
    #: Whether the text does not end with a line end: its last line may be cut (an interrupted download or export).
    unterminated: bool = False
    #: What reading met: rows refused (not in ``rows``) with their line and why, warnings about the sheet or the
    #: encoding read; also given to :func:`graph.table_checks.collected_issues`.
    issues: list[Issue] = field(default_factory=list)
    #: A workbook's column (0: A) of each cell (:attr:`graph.spreadsheets.Sheet.columns`): its hidden columns come
    #: after the visible ones, so a cell's place is not its column. Empty for a text file, whose cells are in order.
    columns: list[int] = field(default_factory=list)

    def column_place(self, i: int) -> str:
        """How a warning names the column of the ``i``-th cell: its letters in a workbook ("H"), as the user sees
        them, else its number from 1.

        >>> Table(["nom", "montant"], [], columns=[0, 7]).column_place(1), Table(["nom", "montant"], []).column_place(1)
        ('H', '2')
        """
        return column_letters(self.columns[i]) if i < len(self.columns) else str(i + 1)

    @property
    def keys(self) -> list[str]:
        """The normalised header, one key per column."""
        return [normalise_header(h) for h in self.header]


@lru_cache(maxsize=4096)  # detection folds the first rows of every file for four kinds: the same names recur
def normalise_header(text: str) -> str:
    """Fold a column name to its key: lowercase, no accents, no spaces, punctuation or ``*``.

    >>> normalise_header(" Nom du bénéficiaire* "), normalise_header("datesperiodeVersement")
    ('nomdubeneficiaire', 'datesperiodeversement')
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]", "", folded)


def text_lines(text: str) -> list[str]:
    """The lines of a text as a CSV reader and an editor number them, cut at ``\\r\\n``, ``\\r`` or ``\\n`` only:
    ``str.splitlines`` also cuts at a form feed, U+001C to U+001E, NEL, U+2028 and U+2029, which a value may hold (a
    line break pasted from a word processor or a web page), so that the lines after it were numbered one too far
    and the value cut in two.

    >>> text_lines("a\\u2028b;1\\r\\nc;2\\n"), "a\\u2028b;1\\r\\nc;2\\n".splitlines()
    (['a\\u2028b;1', 'c;2'], ['a', 'b;1', 'c;2'])
    """
    lines = _LINE_END.split(text)
    return lines[:-1] if lines[-1] == "" else lines


#: What ends a line of a CSV text (:func:`text_lines`).
_LINE_END = re.compile(r"\r\n|\r|\n")


def sniff_delimiter(text: str) -> str:
    """Return the separator (``;`` ``,`` tab ``|``) that cuts the first lines into the most regular rows.

    >>> sniff_delimiter("a;b;c\\n1;2,5;3\\n"), sniff_delimiter("a\\tb,c\\n1\\t2\\n")
    (';', '\\t')
    """
    sample = "\n".join(text_lines(text)[:SNIFF_LINES])
    best, best_score = ",", (0, 0)
    for delimiter in (";", ",", "\t", "|"):
        widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if len(r) > 1]
        if not widths:
            continue
        width, freq = Counter(widths).most_common(1)[0]
        if (freq, width) > best_score:
            best, best_score = delimiter, (freq, width)
    return best


def _csv_records(text: str, delimiter: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, line = [], 1
    try:
        for cells in reader:
            records.append(Row(line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"CSV illisible : {exc}", line=reader.line_num, message_en=f"unreadable CSV: {exc}") \
            from None
    return records


def _join_broken(records: list[Row], width: int) -> list[Row]:
    """Join back rows that an unquoted newline cut in two (UTF-16 Montpellier lists), when that gives ``width``.

    A row of one cell is never joined to the next: that next row is then whole on its own, and the one cell is
    rather a row of its own gone wrong (written with another separator, cut after its first cell), which the
    caller reports as a short row instead of gluing it, unsaid, into the next row's first cell.
    """
    out: list[Row] = []
    for row in records:
        prev = out[-1] if out else None
        if prev and 1 < len(prev.cells) < width and row.cells \
                and len(prev.cells) + len(row.cells) - 1 == width:
            prev.cells = prev.cells[:-1] + [prev.cells[-1] + "\n" + row.cells[0]] + row.cells[1:]
            continue
        out.append(row)
    return out


def _spreadsheet_records(data: bytes, max_rows: int, known: frozenset[str] | set[str]
                         ) -> tuple[list[Row], Sheet, Issue | None]:
    """The rows of the sheet whose header names most ``known`` columns (:func:`graph.sheet_choice.read_best_sheet`),
    the sheet, and a warning when that is not the first sheet."""
    def hits(rows: Rows) -> int:
        return _header_hits([Row(line, cells) for line, cells in rows], known)[1]

    sheet, warning = choose_sheet(data, hits if known else None, max_rows)
    return [Row(line, cells) for line, cells in sheet.rows], sheet, warning


def find_header(records: list[Row], known: frozenset[str] | set[str]) -> int:
    """Return the index of the header row: the first of the first lines that names most known columns.

    >>> find_header([Row(1, ["Subventions 2017"]), Row(2, ["Nom", "Montant"])], {"nom", "montant"})
    1
    """
    best, best_hits = _header_hits(records, known)
    if best_hits == 0:  # nothing known: the first row that is not blank
        best = next((i for i, r in enumerate(records) if any(c.strip() for c in r.cells)), 0)
    return best


def _header_hits(records: list[Row], known: frozenset[str] | set[str]) -> tuple[int, int]:
    """The first of the first rows that names most known columns, and how many it names."""
    best, best_hits = 0, 0
    for i, row in enumerate(records[:SNIFF_LINES]):
        hits = sum(normalise_header(repair_text(c)) in known for c in row.cells)
        if hits > best_hits:
            best, best_hits = i, hits
    return best, best_hits


def read_table(data: bytes, known: frozenset[str] | set[str] = frozenset(), max_rows: int = MAX_ROWS,
               read_beside: Callable[[list[str]], Mapping[int, int]] | None = None) -> Table:
    """Read a CSV/TSV or spreadsheet file into a :class:`Table`; ``known`` are header keys the caller expects;
    ``read_beside`` gives, for the header found, the columns that the caller reads beside another column of their
    field (:func:`graph.sheet_notes.sheet_notes` says so of a workbook's hidden ones).

    Raises InputError when the file cannot be read at all (bad zip, limits, empty file).
    """
    records, text, encoding, delimiter, sheet, other_sheet = _read_records(data, max_rows, known)
    if not records:
        raise InputError("fichier vide", message_en="empty file")
    start = find_header(records, known)
    header_row = records[start]
    table = Table([], [], header_row.line, encoding or workbook_format(data), delimiter,
                  unterminated=delimiter is not None and not text.endswith(("\n", "\r")))
    if (warning := other_sheet or encoding_issue(data, encoding)) is not None:
        table.issues.append(warning)
    table.header = [_repair_cell(table, header_row.line, i, c) for i, c in enumerate(header_row.cells)]
    # One search of the whole file, so that the rows of a clean file (nearly all of them) are not looked at one by one.
    controls = any(CONTROL.search(c) for r in records for c in r.cells) if delimiter is None \
        else CONTROL.search(text) is not None
    if controls:
        table.header = drop_controls(table, header_row.line, table.header)
    while table.header and not table.header[-1]:
        table.header.pop()
    if sheet is not None:
        table.columns = sheet.columns
        beside = read_beside(table.header) if read_beside is not None else None
        table.issues += sheet_notes(sheet, table.header, header_row.line, known, beside)
    width = len(table.header)
    body = records[start + 1:]
    suspect = None
    if delimiter is not None:
        check_quotes(text, records, delimiter, width)
        body = _join_broken(body, width)
        suspect = _suspect_lines(text)
    _read_body(table, body, len(header_row.cells), suspect, controls)
    skip_footer_notes(table)
    if table.unterminated and body and (cut := why_cut_short(table, body[-1].line)) is not None:
        raise cut
    collect_issues(table.issues)
    return table


def _read_records(data: bytes, max_rows: int, known: frozenset[str] | set[str]
                  ) -> tuple[list[Row], str | None, str | None, str | None, Sheet | None, Issue | None]:
    """The records of a table file, header and title lines included, and how they were read: a CSV text (the text,
    its encoding and separator), or a workbook's sheet (the sheet, and the warning about its choice)."""
    if is_spreadsheet(data):
        records, sheet, other_sheet = _spreadsheet_records(data, max_rows, known)
        return records, None, None, None, sheet, other_sheet
    check_line_length(data)
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text)
    return _csv_records(text, delimiter), text, encoding, delimiter, None, None


def _read_body(table: Table, body: list[Row], header_cells: int, suspect: list[int] | None, controls: bool) -> None:
    """Add to ``table`` the data rows of ``body``, the records below its header row of ``header_cells`` cells: their
    cells repaired on the ``suspect`` lines (None: every cell), their control characters dropped when the file holds
    some (``controls``); a CSV row with a value beyond the header is refused, a repeated header skipped, each said
    in ``table.issues``."""
    width, text_file = len(table.header), table.delimiter is not None
    usual = min((len(r.cells) for r in body if len(r.cells) >= header_cells), default=header_cells)
    for n, row in enumerate(body):
        if text_file and (issue := overlong_row(row, width, header_cells, usual)) is not None:
            table.issues.append(issue)
            continue
        if suspect is not None and not _spans(suspect, row.line, body[n + 1].line if n + 1 < len(body) else None):
            cells = [c.strip() for c in row.cells]
        else:
            cells = [_repair_cell(table, row.line, i, c) for i, c in enumerate(row.cells)]
        if controls:
            cells = drop_controls(table, row.line, cells)
        if repeats_header(cells, table.keys):
            table.issues.append(Issue(
                "warning", f"en-tête répété (ligne {row.line}), pas une ligne de données : ignoré",
                f"repeated header (line {row.line}), not a data row: skipped", line=row.line))
        elif any(cells):
            short = max(0, width - len(cells)) if text_file else 0
            table.rows.append(Row(row.line, cells + [""] * (width - len(cells)), max(0, len(cells) - header_cells),
                                  short))


def repeats_header(cells: list[str], keys: list[str]) -> bool:
    """Whether a row's ``cells`` repeat the header whose normalised names are ``keys`` (lists pasted one under
    another, or a header printed again on each page): two cells at least, and every filled cell but one at most,
    name their own column.

    >>> repeats_header(["nom", "Montant", ""], ["nom", "montant", "objet"]), repeats_header(["Nom", "12"], ["nom", "x"])
    (True, False)
    """
    filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
    same = sum(i < len(keys) and bool(keys[i]) and normalise_header(c) == keys[i] for i, c in filled)
    return same >= 2 and same >= len(filled) - (1 if len(filled) >= 5 else 0)


def table_error(data: bytes, text: bool = True) -> InputError | None:
    """Why the table ``data`` cannot be read at all, for kind detection to say instead of "unrecognised": a damaged
    spreadsheet, a CSV text whose quote is never closed (from its header on, every row may be one cell); None
    when it can, or when ``data`` is not a table (``text``: whether a text file may be one).

    >>> table_error(b'nom;"montant;objet\\nA;1500;Sport\\n').issue.message
    'guillemet ouvert jamais fermé : la cellule avale les lignes suivantes'
    """
    if is_spreadsheet(data) or not text:
        return spreadsheet_error(data)
    try:
        check_line_length(data)
        text, _ = decode(data)
        if "\x00" in text[:PEEK_BYTES]:  # a binary file
            return None
        delimiter = sniff_delimiter(text)
        records = _csv_records(text, delimiter)
        header = next((r for r in records if any(c.strip() for c in r.cells)), None)
        if header is not None and len(header.cells) > 1:
            check_quotes(text, records, delimiter, len(header.cells))
    except InputError as exc:
        return exc
    return None


def _suspect_lines(text: str) -> list[int]:
    """The lines of a CSV text, numbered as its reader numbers them, where a cell may need :func:`repair_text`.

    A cell is a piece of its lines (unquoting only drops quotes), and whatever ``repair_text`` looks for lies on one
    line: the cells of the other lines are only stripped (two thirds of the time of reading an RNA extract went on
    looking at cells one by one; upper-case French such as "CHÂTEAU" makes whole files suspect, not their rows).

    >>> _suspect_lines("a;b\\nD‚partement;1\\nok;2\\nCHÂTEAU;3\\n")
    [2, 4]
    """
    return [n for n, line in enumerate(io.StringIO(text, newline=""), start=1)
            if "_x" in line or SUSPECT.search(line)]


def _spans(lines: list[int], first: int, end: int | None) -> bool:
    """Whether a sorted list of line numbers holds one in ``[first, end)`` (``end`` None: to the end)."""
    i = bisect_left(lines, first)
    return i < len(lines) and (end is None or lines[i] < end)


def _repair_cell(table: Table, line: int, column: int, raw: str) -> str:
    if isinstance(raw, FractionCell):  # a workbook's number: digits to repair none, its type says it was a number
        return raw
    fixed = repair_text(raw).strip()
    if fixed != raw.strip() and "_x" not in raw:
        table.repairs.append(Repair(line, column, raw.strip(), fixed))
    return fixed


#: Bytes of a text file looked at by :func:`peek_keys` (detection must stay cheap).
PEEK_BYTES = 64 * 1024


def peek_keys(data: bytes) -> tuple[frozenset[str], ...]:
    """Return the normalised cells of the first lines of a table, for kind detection (empty if unreadable).

    >>> peek_keys(b"Nom;Montant\\nA;1\\n")[0] == {"nom", "montant"}
    True
    """
    return tuple(keys for _, keys in peek_lines(data))


@lru_cache(maxsize=2)  # four kinds peek at each file detected: it is read once (a bytes object keeps its hash)
def peek_lines(data: bytes) -> tuple[tuple[int, frozenset[str]], ...]:
    """Return (line, normalised cells) of the first lines of a table: :func:`peek_keys` with where each starts.

    >>> peek_lines(b"# a comment\\nNom;Montant\\n")[-1] == (2, frozenset({"nom", "montant"}))
    True
    """
    try:
        if is_spreadsheet(data):  # the first rows of each sheet: the data may follow a sheet of notes
            records = [Row(line, cells) for head in read_heads(data) for line, cells in head.rows[:SNIFF_LINES]]
        else:
            text, _ = decode(data[:PEEK_BYTES])
            records = _csv_records("\n".join(text_lines(text)[:SNIFF_LINES]), sniff_delimiter(text))[:SNIFF_LINES]
    except InputError:
        return ()
    return tuple((r.line, frozenset({normalise_header(repair_text(c)) for c in r.cells} - {""})) for r in records)


def peek_header(data: bytes, known: frozenset[str] | set[str]) -> tuple[int | None, frozenset[str]]:
    """Return (line, normalised cells) of a table's header for kind detection: of its first lines, the first that
    names most ``known`` columns, below any title or blank lines, as :func:`find_header` finds it; else its first
    line that is not blank; (None, empty) when it has none.

    >>> peek_header("Extrait du RNA, Loire\\n\\nid;titre;x\\n".encode(), {"id", "titre"}) == (3, {"id", "titre", "x"})
    True
    """
    filled = [(line, keys) for line, keys in peek_lines(data) if keys]
    return max(filled, key=lambda found: len(found[1] & known), default=(None, frozenset()))
