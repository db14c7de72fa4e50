"""Read spreadsheets — XLSX and ODS (zip archives), legacy XLS (an OLE compound file) — into rows of text cells.

The cells come from python-calamine, a binding of a Rust library. Before it sees a file, the file is checked for
what would make it exhaust memory (a zip bomb: uncompressed size and ratio) or make its Rust code panic or loop (a
legacy XLS cut short, or whose allocation table is damaged): such a file is refused with a clear message. Whatever
calamine still raises — its own errors, and pyo3's ``PanicException``, which is no ``Exception`` — is the file's
error ("classeur illisible"), never the end of an ingest; a legacy XLS is read in a forked process, which a Rust
abort on a damaged record ends alone.

What calamine does not tell of a sheet is read from the workbook's XML (:mod:`graph.sheet_layout`), or a legacy
XLS's records (:mod:`graph.xls_layout`): the columns it hides (put after the visible ones), the rows it hides, its
merged ranges in an ODS (calamine gives those of an XLSX or XLS), its formulas without a computed value. A merged
range's first cell is copied down the range's rows: a name merged over the rows of its grants is each row's. The
sheet read says what was so done (:class:`Sheet`), for its reader to tell.

>>> read_sheet(b"PK\\x03\\x04 cut short")
Traceback (most recent call last):
graph.ingest.base.InputError: classeur illisible (archive zip corrompue)
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import io
import os
import pickle
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any, Callable

from graph.encodings import composed
from graph.ingest.base import EXITING, InputError, internal_error
from graph.ole_check import OLE, check_ole, encrypted_error
from graph.sheet_layout import Layout, lines_within, read_layout
from graph.xls_layout import xls_layout

#: Rows accepted from a spreadsheet (Excel's own maximum is 1,048,576 rows).
MAX_ROWS = 1_048_576
#: Uncompressed bytes accepted inside a spreadsheet's zip, and the largest compression ratio: real XLSX files
#: compress 5–20x; a zip bomb compresses 1000x and more.
MAX_UNCOMPRESSED = 512 * 1024**2
MAX_RATIO = 200

ZIP = b"PK\x03\x04"

#: Rows of each sheet looked at to choose the sheet to read, and sheets looked at (a workbook of notes, then data).
HEAD_ROWS = 30
MAX_SHEETS = 50

#: A sheet's rows: (1-based row number, its cells as text).
Rows = list[tuple[int, list[str]]]


def is_spreadsheet(data: bytes) -> bool:
    """Return True for XLSX/ODS (zip) and legacy XLS (OLE) bytes."""
    return data.startswith(ZIP) or data.startswith(OLE[:4])


#: The formats of a workbook, as :func:`workbook_format` names them.
WORKBOOK_FORMATS = ("xlsx", "ods", "xls")


def workbook_format(data: bytes) -> str | None:
    """Return the format of the spreadsheet ``data``: ``xls`` (an OLE compound file), ``ods`` (a zip with an
    OpenDocument ``content.xml``) or ``xlsx`` (another zip); None for another file.

    >>> workbook_format(OLE + b"..."), workbook_format(b"nom;montant\\n")
    ('xls', None)
    """
    if data.startswith(OLE[:4]):
        return "xls"
    if not data.startswith(ZIP):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "ods" if "content.xml" in z.namelist() else "xlsx"
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return "xlsx"  # told unreadable by whoever reads it


def check_zip(data: bytes) -> None:
    """Refuse a zip whose directory is damaged, or that would expand beyond the limits (a zip bomb)."""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, NotImplementedError):
        # A damaged central directory also raises UnicodeDecodeError (a ValueError) on a name flagged UTF-8.
        raise InputError("classeur illisible (archive zip corrompue)",
                         message_en="unreadable spreadsheet (corrupt zip archive)") from None
    size = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if size > MAX_UNCOMPRESSED or size / packed > MAX_RATIO:
        raise InputError(f"classeur refusé : {size} octets une fois décompressé (taux {size // packed}:1), "
                         f"au-delà des limites ({MAX_UNCOMPRESSED} octets, {MAX_RATIO}:1)",
                         message_en=f"spreadsheet refused: {size} bytes uncompressed (ratio {size // packed}:1), "
                                    f"beyond the limits ({MAX_UNCOMPRESSED} bytes, {MAX_RATIO}:1)")


def _calamine(call: Callable[..., Any], *args) -> Any:
    """``call(*args)``, a call into calamine, whatever it raises told as the file's error."""
    try:
        return call(*args)
    except EXITING:
        raise
    except BaseException as exc:  # calamine's errors, and pyo3's PanicException (no Exception) when Rust panics
        if "password" in str(exc).lower():  # calamine's XlsError::Password, for a legacy XLS with a FILEPASS record
            raise encrypted_error() from None
        raise InputError(f"classeur illisible : {exc}", message_en=f"unreadable spreadsheet: {exc}") from None


class FractionCell(str):
    """The text of a cell that holds a number with a fraction ("2024.0024"). A workbook keeps a number, not what was
    typed: a reference typed as a number ("2024.00240") lost its trailing zeros, which whoever reads an identifier
    column tells."""

    __slots__ = ()


def cell_text(value) -> str:
    """The text of a cell as calamine gives it: whole floats without ``.0``, dates in ISO 8601, other numbers as
    :class:`FractionCell`, texts with their accents composed (:func:`graph.encodings.composed`), as a CSV file's.

    >>> cell_text(164000.0), cell_text(dt.datetime(2024, 3, 1, 0, 0)), cell_text(None), cell_text("Ho\u0302pital")
    ('164000', '2024-03-01', '', 'Hôpital')
    >>> type(cell_text(2024.0024)).__name__
    'FractionCell'
    """
    if isinstance(value, float):
        if not value.is_integer():
            return FractionCell(value)
        return str(int(value))  # 164000.0 -> "164000"; XLSX numbers keep all 15 digits, unlike CSV exports
    if isinstance(value, (dt.datetime, dt.date)):
        return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    return "" if value is None else composed(str(value))


#: A cell of a sheet: (line, column), its row as the rows number them (1: the first) and its column (0: A).
Cell = tuple[int, int]


@dataclass
class Sheet:
    """A sheet read from a workbook: its name, its place among the sheets (0: the first), its rows, whether the
    workbook hides it, and what reading its rows did that whoever reads them tells (:func:`graph.tabular.sheet_notes`).
    """

    name: str
    index: int
    rows: Rows
    hidden: bool = False
    #: The workbook's column (0: A) of each cell of a row. The columns that the workbook hides come after the
    #: visible ones: every reader maps a field to the first column that names it, and a visible column is to be
    #: preferred to a hidden one of the same field (last year's amounts, hidden rather than deleted, before this
    #: year's). Empty for the first rows looked at to choose a sheet.
    columns: list[int] = field(default_factory=list)
    #: The columns among them that the workbook hides.
    hidden_columns: frozenset[int] = frozenset()
    #: The merged ranges over several rows whose first cell was copied down their first column (first cell, last
    #: cell): their cells below it are empty in the workbook, which keeps a merged range's value in its first cell.
    merged: list[tuple[Cell, Cell]] = field(default_factory=list)
    #: The formulas without a computed value (read as empty cells): their cell and their text.
    uncomputed: list[tuple[Cell, str]] = field(default_factory=list)
    #: The lines of the rows read that the workbook hides (by hand, or left out by a filter): read as the others.
    hidden_rows: list[int] = field(default_factory=list)


def column_letters(column: int) -> str:
    """The letters that name the workbook's ``column`` (0: A).

    >>> column_letters(0), column_letters(25), column_letters(26), column_letters(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def read_sheet(data: bytes, max_rows: int = MAX_ROWS, choose: Callable[[list[Sheet]], int] | None = None) -> Sheet:
    """Read a sheet of the spreadsheet ``data``: the first visible worksheet, or the one that ``choose`` picks
    among the first rows (``HEAD_ROWS``) of each worksheet when there are several. Raises InputError when it cannot
    be read or has more than ``max_rows`` rows."""
    if data.startswith(OLE[:4]):
        return _apart(_read_sheet, data, max_rows, choose)
    return _read_sheet(data, max_rows, choose)


def _read_sheet(data: bytes, max_rows: int, choose: Callable[[list[Sheet]], int] | None) -> Sheet:
    book = _open(data)
    sheets = _calamine(lambda: book.sheets_metadata)
    if choose is not None and len(heads := sheet_heads(book)) > 1:
        index = heads[choose(heads)].index
    else:
        index = _first_visible(sheets)
    sheet = _calamine(book.get_sheet_by_index, index)
    if sheet.total_height > max_rows:
        raise InputError(f"classeur refusé : {sheet.total_height} lignes (limite {max_rows})",
                         message_en=f"spreadsheet refused: {sheet.total_height} rows (limit {max_rows})")
    read = Sheet(sheets[index].name, index, _rows(sheet, _calamine(sheet.to_python)), _hidden(sheets[index]))
    _arrange(read, sheet, xls_layout(data, index) if data.startswith(OLE[:4]) else read_layout(data, index))
    return read


def _first_visible(sheets: list) -> int:
    """The index of the first visible worksheet among calamine's ``sheets`` (metadata); the first worksheet when
    all are hidden."""
    from python_calamine import SheetTypeEnum

    worksheets = [i for i, meta in enumerate(sheets) if meta.typ == SheetTypeEnum.WorkSheet]
    return next((i for i in worksheets if not _hidden(sheets[i])), worksheets[0] if worksheets else 0)


def _hidden(meta) -> bool:
    """Whether calamine's sheet metadata ``meta`` says the sheet is hidden (or "very hidden", by a macro)."""
    from python_calamine import SheetVisibleEnum

    return meta.visible != SheetVisibleEnum.Visible


def read_heads(data: bytes) -> list[Sheet]:
    """The first rows of each worksheet of the spreadsheet ``data``, hidden or not (kind detection looks at them,
    and the choice of the sheet to read); raises InputError when it cannot be read."""
    if data.startswith(OLE[:4]):
        return _apart(lambda: sheet_heads(_open(data)))
    return sheet_heads(_open(data))


def _apart(call: Callable[..., Any], *args) -> Any:
    """``call(*args)`` run in a forked process, for a legacy XLS: on some damaged records calamine's reader asks
    for petabytes and Rust aborts the process — no exception to catch. Only that process ends then, and the file
    is refused; the ingest goes on. What the reader writes to stderr (Rust's panic and abort messages) is dropped."""
    import python_calamine  # noqa: F401 - imported before the fork, not by the child

    read, write = os.pipe()
    with warnings.catch_warnings():
        # Python 3.12+ warns when a process with threads forks (a store's RocksDB threads): the child only reads
        # the file's bytes, with no lock that another thread could hold (glibc's malloc is fork-safe).
        warnings.filterwarnings("ignore", r"This process .* is multi-threaded", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: its answer, then an immediate exit (no atexit handler, no flush of inherited buffers)
        try:
            os.close(read)
            os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
            faulthandler.disable()  # an abort is this process's expected end, not to be told with a traceback
            try:
                answer = (None, call(*args))
            except InputError as exc:
                answer = (exc.issue, None)
            except BaseException as exc:  # a bug of ours: told as such, not as a damaged file
                answer = (internal_error(exc).issue, None)
            with os.fdopen(write, "wb") as out:
                pickle.dump(answer, out)
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as answers:
        answer = answers.read()
    os.waitpid(pid, 0)
    if not answer:
        raise InputError("classeur illisible : fichier .xls endommagé (sa lecture a échoué)",
                         message_en="unreadable spreadsheet: damaged .xls file (reading it failed)")
    issue, value = pickle.loads(answer)
    if issue is not None:
        raise InputError(issue.message, issue.line, issue.field, issue.message_en, issue.value)
    return value


def _open(data: bytes):
    from python_calamine import CalamineWorkbook

    if data.startswith(ZIP):
        check_zip(data)
    elif data.startswith(OLE[:4]):
        check_ole(data)
    return _calamine(CalamineWorkbook.from_filelike, io.BytesIO(data))


def sheet_heads(book) -> list[Sheet]:
    """The first rows (``HEAD_ROWS``) of the first sheet and of each other worksheet of ``book`` (a calamine
    workbook), hidden or not, at most ``MAX_SHEETS``."""
    from python_calamine import SheetTypeEnum

    heads = []
    for index, meta in enumerate(_calamine(lambda: book.sheets_metadata)[:MAX_SHEETS]):
        if index and meta.typ != SheetTypeEnum.WorkSheet:
            continue
        sheet = _calamine(book.get_sheet_by_index, index)
        heads.append(Sheet(meta.name, index, _rows(sheet, _calamine(sheet.to_python, True, HEAD_ROWS)),
                           _hidden(meta)))
    return heads


def _rows(sheet, values: list[list]) -> Rows:
    first = sheet.start[0] + 1 if sheet.start else 1
    return [(first + i, [cell_text(v) for v in cells]) for i, cells in enumerate(values)]


def _arrange(read: Sheet, sheet, layout: Layout) -> None:
    """Fill ``read``'s merged ranges, put its hidden columns after the visible ones and note its formulas without a
    computed value and its hidden rows, as ``layout`` and calamine's ``sheet`` tell them."""
    top, left = sheet.start or (0, 0)
    width = max((len(cells) for _, cells in read.rows), default=0)
    merged = _calamine(lambda: sheet.merged_cell_ranges)
    read.merged = _fill_merged(read.rows, layout.merged if merged is None else merged, left)
    read.uncomputed = [((row + 1, column), formula) for (row, column), formula in layout.uncomputed
                       if row >= top]
    read.hidden_rows = lines_within(layout.hidden_rows, [line for line, _ in read.rows])
    hidden = [j for j in range(width) if left + j in layout.hidden_columns]
    order = [j for j in range(width) if left + j not in layout.hidden_columns] + hidden
    read.columns, read.hidden_columns = [left + j for j in order], frozenset(left + j for j in hidden)
    if hidden:
        read.rows[:] = [(line, [cells[j] if j < len(cells) else "" for j in order]) for line, cells in read.rows]


def _fill_merged(rows: Rows, merged: list, left: int) -> list[tuple[Cell, Cell]]:
    """Copy the first cell of each range of ``merged`` (0-based cells of the workbook) over several rows down the
    range's first column, into its empty cells among ``rows`` (whose first cell is in column ``left``); the ranges
    so filled. A range over several columns keeps its value in its first column: a title merged across the table
    is no value of each column."""
    filled: list[tuple[Cell, Cell]] = []
    first = rows[0][0] if rows else 1
    for (top, column), (bottom, last) in merged or ():
        at, j = top + 1 - first, column - left
        if bottom <= top or not 0 <= at < len(rows) or not 0 <= j < len(rows[at][1]) or not rows[at][1][j]:
            continue
        value, copied = rows[at][1][j], False
        for _, cells in rows[at + 1:bottom + 2 - first]:
            if j < len(cells) and not cells[j]:
                cells[j], copied = value, True
        if copied:
            filled.append(((top + 1, column), (bottom + 1, last)))
    return filled


def spreadsheet_error(data: bytes) -> InputError | None:
    """Why the spreadsheet ``data`` cannot be read; None when it can, or when ``data`` is no spreadsheet."""
    if not is_spreadsheet(data):
        return None
    try:
        read_sheet(data, MAX_ROWS)
    except InputError as exc:
        return exc
    return None
