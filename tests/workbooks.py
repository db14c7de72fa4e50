"""Small XLSX and ODS workbooks written by hand for tests, as a spreadsheet program saves them (no writer library is
a dependency): shared strings, number cells, formulas with or without their computed value, merged ranges, hidden
columns, rows and sheets; and legacy XLS workbooks of one sheet (text and number cells, hidden columns and rows).

>>> from graph.spreadsheets import read_sheet
>>> read_sheet(xlsx(SheetSpec("S", [["nom", "montant"], ["A", 12.5]]))).rows
[(1, ['nom', 'montant']), (2, ['A', '12.5'])]
>>> read_sheet(ods(SheetSpec("S", [["nom", "montant"], ["A", 12.5]]))).rows
[(1, ['nom', 'montant']), (2, ['A', '12.5'])]
>>> read_sheet(xls(SheetSpec("S", [["nom", "montant"], ["A", 12.5]]))).rows
[(1, ['nom', 'montant']), (2, ['A', '12.5'])]
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

NS = "http://schemas.openxmlformats.org/"
REL = f"{NS}officeDocument/2006/relationships"


@dataclass(frozen=True)
class Formula:
    """A formula cell (``text`` without its ``=``), with the value a spreadsheet program computed, or None: a
    workbook written by a program and never recalculated."""

    text: str
    value: float | str | None = None


@dataclass
class SheetSpec:
    """A sheet to write: its name, its rows of cells (str, int, float, :class:`Formula` or None), its merged
    ranges ("A2:A6"), its hidden columns (0: A), whether it is hidden, and its hidden rows (0: the first)."""

    name: str
    rows: list[list]
    merges: list[str] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)
    hidden: bool = False
    hidden_rows: list[int] = field(default_factory=list)


def letters(column: int) -> str:
    """The letters of a column (0: A)."""
    name, column = "", column + 1
    while column:
        column, rest = divmod(column - 1, 26)
        name = chr(65 + rest) + name
    return name


def _bounds(ref: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The first and last cells, (row, column) 0-based, of a range such as "A2:B6"."""
    cells = []
    for part in ref.split(":"):
        col, row = re.fullmatch(r"([A-Z]+)(\d+)", part).groups()
        cells.append((int(row) - 1, sum((ord(c) - 64) * 26 ** i for i, c in enumerate(reversed(col))) - 1))
    return cells[0], cells[-1]


# --- XLSX ----------------------------------------------------------------------------------------------------------

def _xlsx_cell(ref: str, value, shared: dict[str, int]) -> str:
    if isinstance(value, Formula):
        computed = value.value
        kind = ' t="str"' if isinstance(computed, str) else ""
        cached = "" if computed is None else f"<v>{escape(str(computed))}</v>"
        return f'<c r="{ref}"{kind}><f>{escape(value.text)}</f>{cached}</c>'
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    number = shared.setdefault(value, len(shared))
    return f'<c r="{ref}" t="s"><v>{number}</v></c>'


def _xlsx_sheet(spec: SheetSpec, shared: dict[str, int]) -> str:
    rows = "".join(f'<row r="{r}"' + ' hidden="1"' * (r - 1 in spec.hidden_rows) + ">"
                   + "".join(_xlsx_cell(f"{letters(c)}{r}", v, shared) for c, v in enumerate(row))
                   + "</row>" for r, row in enumerate(spec.rows, start=1))
    cols = "".join(f'<col min="{c + 1}" max="{c + 1}" width="0" hidden="1" customWidth="1"/>'
                   for c in spec.hidden_columns)
    merges = "".join(f'<mergeCell ref="{ref}"/>' for ref in spec.merges)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NS}spreadsheetml/2006/main" '
            f'xmlns:r="{REL}">' + (f"<cols>{cols}</cols>" if cols else "") + f"<sheetData>{rows}</sheetData>"
            + (f'<mergeCells count="{len(spec.merges)}">{merges}</mergeCells>' if merges else "") + "</worksheet>")


def xlsx(*sheets: SheetSpec) -> bytes:
    """An XLSX workbook of ``sheets``, as Excel writes one (shared strings, a relationship per sheet)."""
    shared: dict[str, int] = {}
    parts = [_xlsx_sheet(spec, shared) for spec in sheets]
    numbers = range(1, len(sheets) + 1)
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-'
                        'officedocument.spreadsheetml.worksheet+xml"/>' for n in numbers)
    files = {
        "[Content_Types].xml": f'<Types xmlns="{NS}package/2006/content-types"><Default Extension="rels" ContentType='
        '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/'
        'xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        f'spreadsheetml.sheet.main+xml"/>{overrides}</Types>',
        "_rels/.rels": f'<Relationships xmlns="{NS}package/2006/relationships"><Relationship Id="rId1" Type="{REL}/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{NS}spreadsheetml/2006/main" xmlns:r="{REL}"><sheets>' + "".join(
            f'<sheet name={quoteattr(spec.name)} sheetId="{n}"' + (' state="hidden"' if spec.hidden else "")
            + f' r:id="rId{n}"/>' for n, spec in zip(numbers, sheets)) + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{NS}package/2006/relationships">' + "".join(
            f'<Relationship Id="rId{n}" Type="{REL}/worksheet" Target="worksheets/sheet{n}.xml"/>' for n in numbers)
        + f'<Relationship Id="rId{len(sheets) + 1}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/sharedStrings.xml": f'<sst xmlns="{NS}spreadsheetml/2006/main" count="{len(shared)}" uniqueCount='
        f'"{len(shared)}">' + "".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>' for t in shared) + "</sst>",
        **{f"xl/worksheets/sheet{n}.xml": part for n, part in zip(numbers, parts)},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
    return out.getvalue()


# --- ODS -----------------------------------------------------------------------------------------------------------

ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3"')


def _ods_cell(value, span: tuple[int, int] | None) -> str:
    spanned = f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"' if span else ""
    if isinstance(value, Formula):
        computed = "" if value.value is None else f' office:value-type="float" office:value="{value.value}"'
        return f'<table:table-cell table:formula="of:={escape(value.text)}"{computed}{spanned}/>'
    if value is None or value == "":
        return f"<table:table-cell{spanned}/>"
    if isinstance(value, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{value}"{spanned}><text:p>{value}</text:p>'
                "</table:table-cell>")
    return (f'<table:table-cell office:value-type="string"{spanned}><text:p>{escape(value)}</text:p>'
            "</table:table-cell>")


def _ods_table(spec: SheetSpec) -> str:
    width = max((len(row) for row in spec.rows), default=0)
    spans, covered = {}, set()
    for ref in spec.merges:
        (top, left), (bottom, right) = _bounds(ref)
        spans[(top, left)] = (bottom - top + 1, right - left + 1)
        covered |= {(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)} - {(top, left)}
    columns = "".join('<table:table-column table:visibility="collapse"/>' if c in spec.hidden_columns else
                      "<table:table-column/>" for c in range(width))
    rows = "".join("<table:table-row" + ' table:visibility="collapse"' * (r in spec.hidden_rows) + ">" + "".join(
        "<table:covered-table-cell/>" if (r, c) in covered else _ods_cell(value, spans.get((r, c)))
        for c, value in enumerate(row + [None] * (width - len(row)))) + "</table:table-row>"
        for r, row in enumerate(spec.rows))
    return f"<table:table table:name={quoteattr(spec.name)}>{columns}{rows}</table:table>"


def ods(*sheets: SheetSpec) -> bytes:
    """An ODS workbook of ``sheets``, as LibreOffice writes one (merged ranges as spanned and covered cells, hidden
    columns and rows as collapsed ones)."""
    return ods_package(ods_content(*sheets))


def ods_content(*sheets: SheetSpec) -> str:
    """The ``content.xml`` of an ODS workbook of ``sheets`` (:func:`ods`), for a test to edit."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS}><office:body>'
            f'<office:spreadsheet>{"".join(map(_ods_table, sheets))}</office:spreadsheet></office:body>'
            "</office:document-content>")


def ods_package(content: str) -> bytes:
    """An ODS workbook of the ``content.xml`` ``content``: the zip, its ``mimetype`` first, and its manifest."""
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- legacy XLS ----------------------------------------------------------------------------------------------------

def _biff(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _biff_cell(row: int, column: int, value) -> bytes:
    """A LABEL record (Latin-1 text, one byte a character, else UTF-16) or a NUMBER record; nothing for None."""
    if value is None or value == "":
        return b""
    if isinstance(value, Formula):
        raise ValueError("a legacy XLS written here holds no formula")
    if isinstance(value, (int, float)):
        return _biff(0x0203, struct.pack("<HHHd", row, column, 0, value))
    try:
        raw, wide = value.encode("latin-1"), 0
    except UnicodeEncodeError:
        raw, wide = value.encode("utf-16-le"), 1
    return _biff(0x0204, struct.pack("<HHHHB", row, column, 0, len(value), wide) + raw)


def _biff_stream(spec: SheetSpec) -> bytes:
    """A BIFF8 workbook stream (MS-XLS): globals (BOF, CODEPAGE, BOUNDSHEET8, EOF), then the sheet: its hidden
    columns (COLINFO, fHidden), its rows (ROW, fDyZero when hidden) and cells."""
    def bof(kind: int) -> bytes:
        return _biff(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 1996, 0, 6))

    def globals_(sheet_at: int) -> bytes:
        name = spec.name.encode("latin-1")
        return (bof(0x0005) + _biff(0x0042, struct.pack("<H", 1200))
                + _biff(0x0085, struct.pack("<IBBBB", sheet_at, int(spec.hidden), 0, len(name), 0) + name)
                + _biff(0x000A, b""))

    columns = b"".join(_biff(0x007D, struct.pack("<HHHHHH", c, c, 0, 0, 1, 0)) for c in spec.hidden_columns)
    rows = b"".join(_biff(0x0208, struct.pack("<HHHHHHI", r, 0, len(row), 255, 0, 0, 0x100 | 0x20 * (
        r in spec.hidden_rows))) for r, row in enumerate(spec.rows))
    cells = b"".join(_biff_cell(r, c, v) for r, row in enumerate(spec.rows) for c, v in enumerate(row))
    return globals_(len(globals_(0))) + bof(0x0010) + columns + rows + cells + _biff(0x000A, b"")


def xls(spec: SheetSpec) -> bytes:
    """A legacy XLS of one sheet (:func:`compound_file` of its workbook stream)."""
    return compound_file(_biff_stream(spec))


def compound_file(stream: bytes) -> bytes:
    """A version-3 OLE compound file (MS-CFB, 512-byte sectors) holding the workbook ``stream``, padded to 4096
    bytes so that it lies in whole sectors; then its FAT sector, then its directory."""
    stream += bytes(max(0, 4096 - len(stream)))
    stream += bytes(-len(stream) % 512)
    n = len(stream) // 512
    end, fat_sector, free = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [*range(1, n), end, fat_sector, end]
    header = bytearray(512)
    header[:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<8I", header, 0x2C, 1, n + 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, n, *[free] * 108)

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        out = bytearray(128)
        raw = (name + "\0").encode("utf-16-le")
        out[:len(raw)] = raw
        struct.pack_into("<HBBIII", out, 64, len(raw), kind, 1, free, free, child)
        struct.pack_into("<IQ", out, 116, start, size)
        return bytes(out)

    directory = entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, free, 0, len(stream))
    return (bytes(header) + stream + struct.pack("<128I", *fat, *[free] * (128 - len(fat))) + directory
            + bytes(512 - len(directory)))
