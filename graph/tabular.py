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
  (:func:`read_best_sheet`), its merged cells copied down their rows and its hidden columns after the visible ones,
  which is said, as are its hidden rows (:func:`graph.sheet_notes.sheet_notes`).

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
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterator

from graph.encodings import SUSPECT, decode, encoding_issue, repair_text
from graph.identity import fold
from graph.ingest.base import InputError, Issue
from graph.limits import check_line_length
# is_spreadsheet, MAX_ROWS, spreadsheet_error: for the callers of this module too.
from graph.sheet_notes import sheet_notes
from graph.spreadsheets import (MAX_ROWS, FractionCell, Rows, Sheet, column_letters, is_spreadsheet, read_heads,
                               read_sheet, spreadsheet_error, workbook_format)

#: Lines looked at to sniff the separator and find the header row.
SNIFF_LINES = 30
#: A row that sums those above it names itself so in its first cell or as its beneficiary ("Total", "TOTAL
#: GÉNÉRAL", "Sous-total sport", "Totaux"), folded; "TotalEnergies" is a name, not a total.
_TOTAL = re.compile(r"(?:sous )?tota(?:l|ux)\b")

#: Where :func:`read_table` puts the issues of its tables while a :func:`collected_issues` block runs.
_COLLECTED: ContextVar[list[Issue] | None] = ContextVar("table_issues", default=None)


def is_total(text: str) -> bool:
    """Whether a cell's ``text`` names its row a totals row.

    >>> is_total("Sous-total sport"), is_total("TOTAL GÉNÉRAL"), is_total("TotalEnergies")
    (True, True, False)
    """
    return bool(text) and bool(_TOTAL.match(fold(text)))


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
    #: encoding read; also given to :func:`collected_issues`.
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


def sniff_delimiter(text: str) -> str:
    """Return the separator (``;`` ``,`` tab ``|``) that cuts the first lines into the most regular rows.

    >>> sniff_delimiter("a;b;c\\n1;2,5;3\\n"), sniff_delimiter("a\\tb,c\\n1\\t2\\n")
    (';', '\\t')
    """
    sample = "\n".join(text.splitlines()[:SNIFF_LINES])
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
    """Join back rows that an unquoted newline cut in two (UTF-16 Montpellier lists), when that gives ``width``."""
    out: list[Row] = []
    for row in records:
        prev = out[-1] if out else None
        if prev and prev.cells and row.cells and len(prev.cells) < width \
                and len(prev.cells) + len(row.cells) - 1 == width:
            prev.cells = prev.cells[:-1] + [prev.cells[-1] + "\n" + row.cells[0]] + row.cells[1:]
            continue
        out.append(row)
    return out


def _spreadsheet_records(data: bytes, max_rows: int, known: frozenset[str] | set[str]
                         ) -> tuple[list[Row], Sheet, Issue | None]:
    """The rows of the sheet whose header names most ``known`` columns (:func:`read_best_sheet`), the sheet, and a
    warning when that is not the first sheet."""
    def hits(rows: Rows) -> int:
        return _header_hits([Row(line, cells) for line, cells in rows], known)[1]

    sheet, warning = _best_sheet(data, hits if known else None, max_rows)
    return [Row(line, cells) for line, cells in sheet.rows], sheet, warning


def read_best_sheet(data: bytes, score: Callable[[Rows], Any] | None, max_rows: int = MAX_ROWS
                    ) -> tuple[Sheet, Issue | None]:
    """Read the sheet of the spreadsheet ``data`` whose first rows ``score`` highest — how well its header names
    the columns a kind expects — among its visible worksheets, the first one on a tie, or without ``score``; a
    hidden sheet only when no visible one names any (a sheet of last year's data, hidden rather than deleted, is
    not this year's). Also a warning naming the sheet read when it is hidden or not the first (a workbook may open
    on a sheet of notes, its data on the next one), and naming the other sheets whose header scores as high, which
    are not read (a sheet a year: their grants were left out in silence). Every kind that reads a workbook chooses
    its sheet so; what reading the sheet did (:func:`sheet_notes`) goes to :func:`collected_issues`. Raises
    InputError when the workbook cannot be read."""
    sheet, warning = _best_sheet(data, score, max_rows)
    if (collected := _COLLECTED.get()) is not None:
        collected.extend(sheet_notes(sheet))
    return sheet, warning


def _best_sheet(data: bytes, score: Callable[[Rows], Any] | None, max_rows: int) -> tuple[Sheet, Issue | None]:
    """:func:`read_best_sheet`, its sheet's notes left to the caller."""
    heads = read_heads(data) if score is not None else []
    if len(heads) < 2:
        return read_sheet(data, max_rows), None
    scores = [score(head.rows) for head in heads]
    chosen = max(range(len(heads)), key=lambda i: (_names_columns(scores[i]) and not heads[i].hidden, scores[i],
                                                   not heads[i].hidden, -i))
    sheet = read_sheet(data, max_rows, lambda _: chosen)
    first = next((i for i, head in enumerate(heads) if not head.hidden), 0)
    french, english = [], []
    if sheet.hidden:
        french.append(f"feuille masquée « {sheet.name} » lue : aucune feuille visible ne nomme les colonnes "
                      "attendues ; vérifiez que ce sont bien les données à importer")
        english.append(f"hidden sheet '{sheet.name}' read: no visible sheet names the expected columns; check that "
                       "these are the data to import")
    elif chosen != first:
        french.append(f"feuille « {sheet.name} » lue, et non la première (« {heads[first].name} ») : c'est son "
                      "en-tête qui nomme les colonnes attendues")
        english.append(f"sheet '{sheet.name}' read, not the first one ('{heads[first].name}'): its header names the "
                       "expected columns")
    if alike := [head for i, head in enumerate(heads) if i != chosen and _names_columns(scores[i])
                 and scores[i] >= scores[chosen]]:
        names = ", ".join(f"« {head.name} »" + " (masquée)" * head.hidden for head in alike)
        names_en = ", ".join(repr(head.name) + " (hidden)" * head.hidden for head in alike)
        several = len(alike) > 1
        french.append((f"feuilles {names} non lues, bien que leur en-tête" if several else
                       f"feuille {names} non lue, bien que son en-tête") + " nomme les mêmes colonnes : une feuille "
                      "est lue par fichier ; enregistrez chacune dans un fichier à part pour l'importer")
        english.append(f"{'sheets' if several else 'sheet'} {names_en} not read, though "
                       f"{'their headers name' if several else 'its header names'} the same columns: one sheet is "
                       "read per file; save each in a file of its own to import it")
    warning = Issue("warning", " ; ".join(french), "; ".join(english)) if french else None
    return sheet, warning


def _names_columns(score: Any) -> bool:
    """Whether a sheet's ``score`` says that its header names some of the expected columns: a count above 0, or
    counts not all 0."""
    return any(score) if isinstance(score, tuple) else bool(score)


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


def read_table(data: bytes, known: frozenset[str] | set[str] = frozenset(), max_rows: int = MAX_ROWS) -> Table:
    """Read a CSV/TSV or spreadsheet file into a :class:`Table`; ``known`` are header keys the caller expects.

    Raises InputError when the file cannot be read at all (bad zip, limits, empty file).
    """
    other_sheet = sheet = None
    if is_spreadsheet(data):
        (records, sheet, other_sheet), encoding, delimiter = _spreadsheet_records(data, max_rows, known), None, None
    else:
        check_line_length(data)
        text, encoding = decode(data)
        delimiter = sniff_delimiter(text)
        records = _csv_records(text, delimiter)
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
        table.header = _drop_controls(table, header_row.line, table.header)
    while table.header and not table.header[-1]:
        table.header.pop()
    if sheet is not None:
        table.columns = sheet.columns
        table.issues += sheet_notes(sheet, table.header, header_row.line, known)
    width = len(table.header)
    body = records[start + 1:]
    suspect = None
    if delimiter is not None:
        check_quotes(text, records, delimiter, width)
        body = _join_broken(body, width)
        suspect = _suspect_lines(text)
    header_cells = len(header_row.cells)
    usual = min((len(r.cells) for r in body if len(r.cells) >= header_cells), default=header_cells)
    for n, row in enumerate(body):
        if delimiter is not None and (issue := _overlong(row, width, header_cells, usual)) is not None:
            table.issues.append(issue)
            continue
        if suspect is not None and not _spans(suspect, row.line, body[n + 1].line if n + 1 < len(body) else None):
            cells = [c.strip() for c in row.cells]
        else:
            cells = [_repair_cell(table, row.line, i, c) for i, c in enumerate(row.cells)]
        if controls:
            cells = _drop_controls(table, row.line, cells)
        if repeats_header(cells, table.keys):
            table.issues.append(Issue(
                "warning", f"en-tête répété (ligne {row.line}), pas une ligne de données : ignoré",
                f"repeated header (line {row.line}), not a data row: skipped", line=row.line))
        elif any(cells):
            short = max(0, width - len(cells)) if delimiter is not None else 0
            table.rows.append(Row(row.line, cells + [""] * (width - len(cells)), max(0, len(cells) - header_cells),
                                  short))
    _skip_footer_notes(table)
    if table.unterminated and body and (cut := _cut_last_row(table, body[-1].line)) is not None:
        raise cut
    if (collected := _COLLECTED.get()) is not None:
        collected.extend(table.issues)
    return table


#: Control characters that no text value holds (C0 but tab and line ends, DEL): a NUL from a broken export or a
#: C string, a form feed from a printer's file. XML 1.0 cannot carry them, even escaped, and a reader skips them.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_controls(text: str) -> tuple[str, list[str]]:
    """``text`` without its control characters (:data:`CONTROL`), and their code points as a warning names them.

    >>> without_controls("A\\x00B\\x7f")
    ('AB', ['U+0000', 'U+007F'])
    """
    if not CONTROL.search(text):
        return text, []
    return CONTROL.sub("", text), sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(text)})


def _drop_controls(table: Table, line: int, cells: list[str]) -> list[str]:
    """Remove the control characters of ``cells`` (a row starting at ``line``), with a warning for each cell that held
    some, naming its column: the value is kept, and its source is to be checked."""
    out = []
    for i, cell in enumerate(cells):
        cell, found = without_controls(cell)
        if found:
            cell = cell.strip()
            table.issues.append(Issue(
                "warning", f"caractère de contrôle {', '.join(found)} dans la valeur, retiré (export abîmé ?) : "
                           "valeur à vérifier à sa source",
                f"control character {', '.join(found)} in the value, removed (damaged export?): value to check at "
                "its source", line=line, value=cell,
                field=table.header[i] if i < len(table.header) and table.header[i] else f"colonne {i + 1}"))
        out.append(cell)
    return out


#: Two words of letters: the prose of a note ("Source : Direction des finances"), not a value.
_PROSE = re.compile(r"[^\W\d_]{2,}\W+[^\W\d_]{2,}")


def _skip_footer_notes(table: Table) -> None:
    """Drop the note lines below the last data row ("Source : …", "Extraction du …"): rows of one filled cell, of
    prose, after the last row of several; each is skipped with a warning, instead of rejected for the values it
    lacks. Totals rows ("Total", "Sous-total sport": what the kind reads and checks) may lie among or below them;
    they stay rows."""
    last, notes = len(table.rows), []
    while last > 1:
        filled = [c for c in table.rows[last - 1].cells if c]
        if len(filled) == 1 and _PROSE.search(filled[0]):
            notes.append(last - 1)
        elif not filled or not is_total(filled[0]):
            break
        last -= 1
    if not notes or sum(bool(c) for c in table.rows[last - 1].cells) < 2:
        return
    for row in [table.rows[n] for n in reversed(notes)]:
        i = next(i for i, c in enumerate(row.cells) if c)
        table.issues.append(Issue("warning", "note en pied de tableau, pas une ligne de données : ignorée",
                                  "note below the table, not a data row: skipped", line=row.line, value=row.cells[i],
                                  field=table.header[i] if i < len(table.header) else f"colonne {i + 1}"))
    for n in notes:
        del table.rows[n]


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


def repair_issues(table: Table) -> list[Issue]:
    """A warning for each cell of ``table`` whose text was repaired (mojibake, pitfall 4), with its raw text:
    whatever kind reads the table tells them alike.

    >>> [(i.line, i.field, i.message) for i in repair_issues(read_table("nom;n\\nAidÃ©s;1\\n".encode()))]
    [(2, 'nom', 'texte réparé (encodage) : « Aidés »')]
    """
    return [Issue("warning", f"texte réparé (encodage) : « {repair.fixed} »",
                  f"text repaired (encoding): '{repair.fixed}'", line=repair.line, value=repair.raw,
                  field=table.header[repair.column] if repair.column < len(table.header) else None)
            for repair in table.repairs]


def cut_short(line: int, why: tuple[str, str]) -> InputError:
    """Why a file that stops in the middle of its ``line``, without a line end, is refused (``why``: what else shows
    it cut, French and English): an interrupted download, copy or export, or a file still being written — stored,
    a part of it would replace the whole source (a register read 4 of its 8 members, a grants list 11 of 27 rows).

    >>> cut_short(12, ("elle n'a que 2 cellules sur 3", "it has only 2 cells of 3")).issue.message_en
    'truncated file: it stops at line 12 without ending with a line end, and it has only 2 cells of 3 (interrupted \
download, copy or export, or a file still being written?); ingest it again once it is written in full (if it is, end \
it with a line end)'
    """
    return InputError(f"fichier tronqué : il s'arrête à la ligne {line} sans finir par une fin de ligne, et {why[0]} "
                      "(téléchargement, copie ou export interrompu, ou fichier encore en cours d'écriture ?) ; "
                      "importez-le de nouveau une fois écrit en entier (s'il l'est, finissez-le par une fin de ligne)",
                      line=line, message_en=f"truncated file: it stops at line {line} without ending with a line end, "
                                            f"and {why[1]} (interrupted download, copy or export, or a file still "
                                            "being written?); ingest it again once it is written in full (if it is, "
                                            "end it with a line end)")


def _cut_last_row(table: Table, last_line: int) -> InputError | None:
    """Why a CSV text that does not end with a line end (``table.unterminated``) is refused as cut short: its last
    line (``last_line``), a data row, has fewer cells than the header while every other row has them all — the lists
    that public bodies export write every column. None otherwise: a file that merely lacks its final line end, or
    whose export leaves out the empty cells at the end of its rows, is read (each short row with a warning)."""
    if not table.rows or (last := table.rows[-1]).line != last_line or not last.short \
            or any(row.short for row in table.rows[:-1]):
        return None
    cells, width = len(last.cells) - last.short, len(last.cells)
    return cut_short(last.line, (f"elle n'a que {cells} cellule{'s' * (cells > 1)} sur {width}",
                                 f"it has only {cells} cell{'s' * (cells > 1)} of {width}"))


def short_row(table: Table, row: Row) -> Issue | None:
    """A warning for a CSV row with fewer cells than the header (its missing cells are read empty): the lists that
    public bodies export write every column, so a short row was most likely cut, the more so when it is the last one
    and the file does not end with a line end (an interrupted download or export: refused when the other rows are
    whole, :func:`cut_short`); None for a row of full width.

    >>> table = read_table(b"nom;montant;objet;date\\nA;1\\nB;2")
    >>> short_row(table, table.rows[0]).message_en, short_row(table, table.rows[1]).message
    ('short row: 2 cells for 4 columns, cells left out by the export?; the missing cells are read empty', \
'ligne courte : 2 cellules pour 4 colonnes, la dernière du fichier, qui ne finit pas par une fin de ligne : \
fichier tronqué (téléchargement ou export interrompu ?) ; les cellules manquantes sont lues vides')
    >>> read_table(b"nom;montant;objet\\nA;1;Sport\\nB;2")
    Traceback (most recent call last):
    graph.ingest.base.InputError: fichier tronqué : il s'arrête à la ligne 3 sans finir par une fin de ligne, et \
elle n'a que 2 cellules sur 3 (téléchargement, copie ou export interrompu, ou fichier encore en cours d'écriture ?) \
; importez-le de nouveau une fois écrit en entier (s'il l'est, finissez-le par une fin de ligne)
    """
    if not row.short:
        return None
    cells, width = len(row.cells) - row.short, len(row.cells)
    if table.unterminated and row is table.rows[-1]:
        why = ("la dernière du fichier, qui ne finit pas par une fin de ligne : fichier tronqué (téléchargement ou "
               "export interrompu ?)", "the file's last, and the file does not end with a line end: truncated file "
               "(interrupted download or export?)")
    else:
        why = ("des cellules oubliées à l'export ?", "cells left out by the export?")
    return Issue("warning", f"ligne courte : {cells} cellules pour {width} colonnes, {why[0]} ; les cellules "
                            "manquantes sont lues vides",
                 f"short row: {cells} cells for {width} columns, {why[1]}; the missing cells are read empty",
                 line=row.line)


def lost_characters(row: Row, header: list[str]) -> list[Issue]:
    """A warning for each cell of ``row`` that holds U+FFFD, the character that replaced bytes lost before the file
    reached us (pitfall 7): nothing can restore them, the value is to be checked at its source.

    >>> [(i.line, i.field) for i in lost_characters(Row(3, ["Caf\ufffd", "12"]), ["nom", "montant"])]
    [(3, 'nom')]
    """
    return [Issue("warning", "caractères perdus (U+FFFD), déjà dans le fichier : valeur à vérifier à sa source",
                  "lost characters (U+FFFD), already in the file: value to check at its source", line=row.line,
                  field=header[i] if i < len(header) else f"colonne {i + 1}")
            for i, cell in enumerate(row.cells) if "\ufffd" in cell]


def _overlong(row: Row, width: int, header_cells: int, usual: int) -> Issue | None:
    """Why ``row`` is refused when it has a value beyond the header's cells, or more cells than the shortest of the
    rows as long as the header at least (``usual``): a separator inside an unquoted value ("1234,56" in a
    comma-separated file) cut a cell in two and shifted the following ones, the last one out of the header. Empty
    cells that every such row has beyond the header (rows ending with an extra separator) are kept."""
    if len(row.cells) <= usual and not any(c.strip() for c in row.cells[header_cells:]):
        return None
    return Issue("error", f"{len(row.cells)} cellules pour {width} colonnes (un séparateur dans une valeur non "
                          "entre guillemets ?) : ligne ignorée",
                 f"{len(row.cells)} cells for {width} columns (a separator inside an unquoted value?): row skipped",
                 line=row.line)


def check_quotes(text: str, rows: list[Row], delimiter: str, width: int) -> None:
    """Refuse a CSV text where a quote opened in a cell is never closed: the cell then swallows the following rows
    (a line of it that the separator cuts like a row), or runs to the end of the file. Which of the rows are data
    cannot be told: the file is refused, with the line of that quote's row.

    >>> check_quotes('a;b;c\\n1;"x;y;z\\n2;u;v\\n', [Row(2, ["1", "x;y;z\\n2;u;v\\n"])], ";", 3)
    Traceback (most recent call last):
    graph.ingest.base.InputError: guillemet ouvert jamais fermé : la cellule avale les lignes suivantes
    """
    needed = max(min(width - 1, 3), (width - 1) // 2)  # separators of a line that looks like a row of the table
    for row in rows:
        for cell in row.cells:
            if "\n" in cell and any(line.count(delimiter) >= needed for line in cell.splitlines()[1:]):
                raise _unclosed(row.line)
    if rows and any("\n" in c or "\r" in c for c in rows[-1].cells):  # a quoted cell may run to the end
        tail = "".join(io.StringIO(text, newline="").readlines()[rows[-1].line - 1:])
        try:
            for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
                pass
        except csv.Error as exc:
            if "end of data" in str(exc):
                raise _unclosed(rows[-1].line) from None


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


def _unclosed(line: int) -> InputError:
    return InputError("guillemet ouvert jamais fermé : la cellule avale les lignes suivantes", line=line,
                      message_en="quote opened and never closed: the cell swallows the following lines")


@contextmanager
def collected_issues() -> Iterator[list[Issue]]:
    """Gather the issues of the tables read in the block (rows refused by :func:`read_table`), so that whoever runs
    a kind's extraction reports them with the kind's own, whichever kind read the table.

    >>> with collected_issues() as issues:
    ...     table = read_table(b"nom,montant\\nA,1234,56\\n")
    >>> [(i.line, i.message[:25]) for i in issues], table.rows
    ([(2, '3 cellules pour 2 colonne')], [])
    """
    collected: list[Issue] = []
    token = _COLLECTED.set(collected)
    try:
        yield collected
    finally:
        _COLLECTED.reset(token)


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
            records = _csv_records("\n".join(text.splitlines()[:SNIFF_LINES]), sniff_delimiter(text))[:SNIFF_LINES]
    except InputError:
        return ()
    return tuple((r.line, frozenset({normalise_header(repair_text(c)) for c in r.cells} - {""})) for r in records)
