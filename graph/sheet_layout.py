"""What a workbook's files tell of a sheet that calamine does not, read from the XML of an XLSX or an ODS: the
columns and rows it hides, its merged ranges in an ODS (calamine gives those of an XLSX or XLS), its formulas without
a computed value (:class:`Layout`). A legacy XLS's are read from its records by :mod:`graph.xls_layout`.

Whatever cannot be followed in that XML adds nothing: the cells calamine read are the file's.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from typing import Iterator, NamedTuple
from xml.parsers import expat


class Layout(NamedTuple):
    """What a workbook's files tell of a sheet that calamine does not: the columns it hides, its merged ranges
    (None: calamine's are to be used), its formulas without a computed value, the rows it hides (ranges of rows,
    first and last) — cells as (row, column), rows and columns 0-based."""

    hidden_columns: frozenset[int] = frozenset()
    merged: list[tuple[tuple[int, int], tuple[int, int]]] | None = None
    uncomputed: tuple[tuple[tuple[int, int], str], ...] = ()
    hidden_rows: tuple[tuple[int, int], ...] = ()


def lines_within(ranges: tuple[tuple[int, int], ...], lines: list[int]) -> list[int]:
    """The ``lines`` (1-based) within the ``ranges`` of rows (0-based, first and last), in order: a range may be a
    million rows long (the rest of a sheet hidden), the lines read a few.

    >>> lines_within(((2, 3), (10, 1_048_575)), [1, 3, 4, 5, 12])
    [3, 4, 12]
    """
    found: set[int] = set()
    read = set(lines)
    for first, last in ranges:
        if last - first < len(read):
            found.update(row + 1 for row in range(first, last + 1) if row + 1 in read)
        else:
            found.update(line for line in read if first < line <= last + 1)
    return sorted(found)


def read_layout(data: bytes, index: int) -> Layout:
    """What the XML of the workbook ``data`` (an XLSX or an ODS) tells of its sheet ``index`` that calamine does not
    (:class:`Layout`); nothing for another file (a legacy XLS: :mod:`graph.xls_layout`), or when that XML cannot be
    followed: the cells calamine read are the file's, and what this adds may be missing."""
    if not data.startswith(b"PK\x03\x04"):
        return Layout()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if "content.xml" in z.namelist():
                return _ods_layout(z, index)
            part = _xlsx_sheet_part(z, index)
            return _xlsx_layout(z.read(part)) if part else Layout()
    except (KeyError, ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error, expat.ExpatError):
        return Layout()


class _Enough(Exception):
    """Raised by an expat handler once it has seen what it looks for: the rest of the XML is not parsed."""


def _elements(xml: bytes, final: bool = True) -> Iterator[tuple[str, dict[str, str]]]:
    """The start tags of ``xml`` (or of its beginning, ``final`` False), streamed by expat: each element's and its
    attributes' local names (whatever prefix a producer gives its namespaces), and its attributes' values; an
    element that ends is told as ``("/" + name, {})``."""
    events: list[tuple[str, dict[str, str]]] = []
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = lambda name, attrs: events.append(
        (name.rpartition("}")[2], {k.rpartition("}")[2]: v for k, v in attrs.items()}))
    parser.EndElementHandler = lambda name: events.append(("/" + name.rpartition("}")[2], {}))
    for at in range(0, len(xml), _CHUNK):
        parser.Parse(xml[at:at + _CHUNK], final and at + _CHUNK >= len(xml))
        yield from events
        events.clear()


#: Bytes of XML given to expat at a time, so that a walk that has seen enough stops early.
_CHUNK = 256 * 1024
#: Columns of a sheet (Excel's and LibreOffice's): a hidden range of columns is counted up to it.
MAX_COLUMNS = 16_384


def _xlsx_sheet_part(z: zipfile.ZipFile, index: int) -> str | None:
    """The zip entry of the XLSX's sheet ``index`` (in the order of the workbook's ``<sheets>``, calamine's)."""
    book = next((attrs["Target"] for name, attrs in _elements(z.read("_rels/.rels"))
                 if name == "Relationship" and attrs.get("Type", "").endswith("/officeDocument")), "xl/workbook.xml")
    book = book.lstrip("/")
    folder, leaf = posixpath.split(book)
    targets = {attrs.get("Id"): attrs.get("Target", "")
               for name, attrs in _elements(z.read(posixpath.join(folder, "_rels", leaf + ".rels")))
               if name == "Relationship"}
    ids = [attrs.get("id") for name, attrs in _elements(z.read(book)) if name == "sheet"]
    if index >= len(ids) or not (target := targets.get(ids[index])):
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))


def _xlsx_layout(xml: bytes) -> Layout:
    """The hidden columns of an XLSX sheet's ``xml`` (``<col min max hidden="1">``, before its rows), its formulas
    without a computed value and its hidden rows (``<row r hidden="1">``)."""
    head = xml[:max(xml.find(b"sheetData"), 0)]  # the columns come before the rows
    hidden: set[int] = set()
    for name, attrs in _elements(head, final=False):
        if name == "col" and attrs.get("hidden") in ("1", "true"):
            hidden.update(range(int(attrs["min"]) - 1, min(int(attrs.get("max", attrs["min"])), MAX_COLUMNS)))
    return Layout(frozenset(hidden), None, _uncomputed(xml), _xlsx_hidden_rows(xml, len(head)))


#: An XLSX row's start tag, its attributes; a hidden one (by hand, or left out by a filter); a row's number.
_XLSX_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_XLSX_HIDDEN_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?\bhidden=\"(?:1|true)\"[^>]*)>")
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')


def _xlsx_hidden_rows(xml: bytes, rows_at: int) -> tuple[tuple[int, int], ...]:
    """The rows (0-based, each its own range) that the XLSX sheet's ``xml`` hides, its rows beginning at
    ``rows_at``; rows are counted only when a hidden one does not say its number (``r`` is optional)."""
    if xml.find(b'hidden="', rows_at) < 0:  # found at memory speed: the rows' tags are not looked at one by one
        return ()
    hidden = [_ROW_NUMBER.search(m[1]) for m in _XLSX_HIDDEN_ROW.finditer(xml, rows_at)]
    if all(ref is not None for ref in hidden):
        return tuple((int(ref[1]) - 1, int(ref[1]) - 1) for ref in hidden)
    found, row = [], -1
    for m in _XLSX_ROW.finditer(xml, rows_at):
        row = int(ref[1]) - 1 if (ref := _ROW_NUMBER.search(m[1])) else row + 1
        if b'hidden="1"' in m[1] or b'hidden="true"' in m[1]:
            found.append((row, row))
    return tuple(found)


#: The end of a cell whose formula has no computed value: the formula's end (``</f>``, or ``/>`` of an empty
#: one), no value or an empty one, the cell's end. Both patterns begin with text that the regex engine seeks fast:
#: a sheet of a million formula cells is looked at in a few hundredths of a second.
_FORMULA_END = (re.compile(rb"f>\s*(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"),
                re.compile(rb"/>\s*</(?:\w+:)?c>"))
#: A whole cell of a formula without a computed value: its attributes, the formula, and an empty value if any.
_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)\s*"
                           rb"(<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>")
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')


def _uncomputed(xml: bytes) -> tuple[tuple[tuple[int, int], str], ...]:
    """The cells of an XLSX sheet's ``xml`` that hold a formula and no computed value, with the formula: a workbook
    written by a program and never opened in a spreadsheet (an empty text result, ``t="str"``, is a value)."""
    found = {}
    for pattern in _FORMULA_END:
        for end in pattern.finditer(xml):
            plain, prefixed = xml.rfind(b"<c ", 0, end.start()), xml.rfind(b":c ", 0, end.start())
            start = plain if plain >= prefixed else xml.rfind(b"<", 0, prefixed)  # <c r=…> or <x:c r=…>
            cell = _FORMULA_CELL.match(xml, start) if start >= 0 else None
            ref = _CELL_REF.search(cell[1]) if cell and cell.end() == end.end() else None
            if ref is None or (cell[3] is not None and b't="str"' in cell[1]):
                continue
            column = sum((ord(c) - 64) * 26 ** i for i, c in enumerate(reversed(ref[1].decode()))) - 1
            found[(int(ref[2]) - 1, column)] = "=" + _unescape(cell[2] or b"")
    return tuple(sorted(found.items()))


def _unescape(text: bytes) -> str:
    """XML ``text`` (a formula) as it reads: its character references replaced."""
    from xml.sax.saxutils import unescape

    return unescape(text.decode("utf-8", "replace"), {"&quot;": '"', "&apos;": "'"})


#: In an ODS's content: a hidden column (or row), a cell merged over several rows, a formula that no value
#: follows in its cell's tag (a ``table:formula`` and none of ``office:value``, ``office:date-value``… after it, as
#: LibreOffice writes them: a cell that puts them first is found by :func:`_no_value`). Without them, the content is
#: not parsed; without the last two, its rows are not. Each begins with text that the regex engine seeks fast.
_ODS_HIDDEN = re.compile(rb':visibility="(?:collapse|filter)"')
_ODS_ROWS_SPANNED = re.compile(rb':number-rows-spanned="(?!1")\d')
_ODS_FORMULA = re.compile(rb':formula="[^"]*"(?![^>]*?(?:value="|value-type="string"))')
#: An ODS's table and row tags, their attributes: the rows a sheet hides are counted from them alone. The pattern
#: begins with the element's name, which the regex engine seeks fast (2 s for 100 MB when it began with ``<``); what
#: is before it is checked to be the tag's start (:data:`_ODS_TAG_START`), not text.
_ODS_ROW_TAGS = re.compile(rb"table(-row)?(?=[\s/>])([^>]*)>")
_ODS_TAG_START = re.compile(rb"<(/?)(?:[\w.-]+:)?")
_ODS_REPEATED = re.compile(rb':number-rows-repeated="(\d+)"')
#: The attributes of an ODS cell that hold its value (a text's is in its paragraphs: ``office:value-type="string"``).
_ODS_VALUES = ("value", "date-value", "time-value", "boolean-value", "string-value")
#: The cells of one repeated formula cell noted as without a value, at most.
_MAX_REPEATED = 10_000


def _ods_layout(z: zipfile.ZipFile, index: int) -> Layout:
    """The hidden columns and rows (``table:visibility="collapse"`` or ``"filter"``), the cells merged over several
    rows (``table:number-rows-spanned``) and the formulas without a value of the ODS's sheet ``index``, from its
    content, parsed only when it has some."""
    content = z.read("content.xml")
    hidden_rows = _ods_hidden_rows(content, index) if _hides_rows(content) else ()
    rows = _ODS_ROWS_SPANNED.search(content) is not None or _no_value(content)
    if not rows and not _ODS_HIDDEN.search(content):
        return Layout(merged=[])
    walk = _OdsWalk(index, rows)
    try:
        for name, attrs in _elements(content):
            walk.element(name, attrs)
    except _Enough:
        pass
    return Layout(frozenset(walk.hidden), walk.merged, tuple(walk.uncomputed), hidden_rows)


def _no_value(content: bytes) -> bool:
    """Whether an ODS's ``content`` has a formula cell without a value (:data:`_ODS_FORMULA`, then its whole tag)."""
    for found in _ODS_FORMULA.finditer(content):
        tag = content[content.rfind(b"<", 0, found.start()):found.end()]
        if b'value="' not in tag and b'value-type="string"' not in tag:
            return True
    return False


def _hides_rows(content: bytes) -> bool:
    """Whether an ODS's ``content`` hides a row, in any sheet: a hidden column's tag is no row's."""
    for found in _ODS_HIDDEN.finditer(content):
        tag = _ODS_TAG_START.match(content, content.rfind(b"<", 0, found.start()))
        if tag is not None and content.startswith(b"table-row", tag.end()):
            return True
    return False


def _ods_hidden_rows(content: bytes, index: int) -> tuple[tuple[int, int], ...]:
    """The ranges of rows (0-based, first and last) that the ODS's sheet ``index`` hides (``table:visibility``
    ``"collapse"`` or ``"filter"``), counted from its row tags alone: a walk of every cell by :class:`_OdsWalk`
    took seconds on a sheet of a hundred thousand rows."""
    tables, depth, row, hidden = -1, 0, 0, []
    for m in _ODS_ROW_TAGS.finditer(content):
        start = _ODS_TAG_START.fullmatch(content, content.rfind(b"<", 0, m.start()), m.start())
        if start is None:
            continue
        end, attrs = start[1] == b"/", m[2]
        if not m[1]:
            if not end and not attrs.endswith(b"/"):
                depth += 1
                tables += depth == 1
            elif end:
                depth -= 1
                if depth == 0 and tables == index:
                    break
        elif not end and depth == 1 and tables == index:
            repeat = int(r[1]) if (r := _ODS_REPEATED.search(attrs)) else 1
            if b'visibility="collapse"' in attrs or b'visibility="filter"' in attrs:
                hidden.append((row, row + repeat - 1))
            row += repeat
    return tuple(hidden)


class _OdsWalk:
    """Follows the elements of an ODS's content to the place of each column and cell of its sheet ``index`` (the
    repeated columns, rows and cells counted), noting the hidden columns and, when ``rows``, the cells merged over
    several rows and the formulas without a value; raises :class:`_Enough` once it has them."""

    def __init__(self, index: int, rows: bool) -> None:
        self.index, self.rows = index, rows
        self.tables, self.depth = -1, 0  # sheets begun; tables open (a sheet's, and any inside its cells)
        self.row, self.column, self.repeat = 0, 0, 1
        self.hidden: set[int] = set()
        self.merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
        self.uncomputed: list[tuple[tuple[int, int], str]] = []

    def element(self, name: str, attrs: dict[str, str]) -> None:
        if name in ("table", "/table"):
            self.depth += 1 if name == "table" else -1
            self.tables += name == "table" and self.depth == 1
            if name == "/table" and self.depth == 0 and self.tables == self.index:
                raise _Enough
            return
        if self.tables != self.index or self.depth != 1:
            return
        if name == "table-column":
            count = int(attrs.get("number-columns-repeated", 1))
            if attrs.get("visibility", "visible") != "visible":
                self.hidden.update(range(self.column, min(self.column + count, MAX_COLUMNS)))
            self.column = min(self.column + count, MAX_COLUMNS)
        elif name == "table-row":
            if not self.rows:
                raise _Enough  # the columns come before the rows
            self.column, self.repeat = 0, int(attrs.get("number-rows-repeated", 1))
        elif name == "/table-row":
            self.row += self.repeat
        elif name in ("table-cell", "covered-table-cell"):
            rows = int(attrs.get("number-rows-spanned", 1))
            if rows > 1:
                columns = int(attrs.get("number-columns-spanned", 1))
                self.merged.append(((self.row, self.column), (self.row + rows - 1, self.column + columns - 1)))
            repeated = int(attrs.get("number-columns-repeated", 1))
            if "formula" in attrs and attrs.get("value-type") != "string" and not any(
                    value in attrs for value in _ODS_VALUES):
                self.note_uncomputed(attrs["formula"], repeated)
            self.column += repeated

    def note_uncomputed(self, formula: str, repeated: int) -> None:
        """Note the cells of a formula without a value, at the row and column reached, repeated ``repeated`` times
        across and the row's repeat down, as a user reads it (``=SUM([.E2:.E3])``, without ``of:``)."""
        namespace, equals, text = formula.partition(":=")
        text = "=" + text if equals and namespace.isalpha() else formula
        cells = [(row, column) for row in range(self.row, self.row + min(self.repeat, _MAX_REPEATED))
                 for column in range(self.column, self.column + min(repeated, _MAX_REPEATED))]
        self.uncomputed += [(cell, text) for cell in cells[:_MAX_REPEATED]]
