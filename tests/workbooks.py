"""Small XLSX and ODS workbooks written by hand for tests, as a spreadsheet program saves them (no writer library is
a dependency): shared strings, number cells, formulas with or without their computed value, merged ranges, hidden
columns and hidden sheets.

>>> from graph.spreadsheets import read_sheet
>>> read_sheet(xlsx(SheetSpec("S", [["nom", "montant"], ["A", 12.5]]))).rows
[(1, ['nom', 'montant']), (2, ['A', '12.5'])]
>>> read_sheet(ods(SheetSpec("S", [["nom", "montant"], ["A", 12.5]]))).rows
[(1, ['nom', 'montant']), (2, ['A', '12.5'])]
"""

from __future__ import annotations

import io
import re
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
    ranges ("A2:A6"), its hidden columns (0: A), and whether it is hidden."""

    name: str
    rows: list[list]
    merges: list[str] = field(default_factory=list)
    hidden_columns: list[int] = field(default_factory=list)
    hidden: bool = False


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
    rows = "".join(f'<row r="{r}">' + "".join(_xlsx_cell(f"{letters(c)}{r}", v, shared) for c, v in enumerate(row))
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
    rows = "".join("<table:table-row>" + "".join(
        "<table:covered-table-cell/>" if (r, c) in covered else _ods_cell(value, spans.get((r, c)))
        for c, value in enumerate(row + [None] * (width - len(row)))) + "</table:table-row>"
        for r, row in enumerate(spec.rows))
    return f"<table:table table:name={quoteattr(spec.name)}>{columns}{rows}</table:table>"


def ods(*sheets: SheetSpec) -> bytes:
    """An ODS workbook of ``sheets``, as LibreOffice writes one (merged ranges as spanned and covered cells, hidden
    columns as collapsed ones)."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS}><office:body>'
               f'<office:spreadsheet>{"".join(map(_ods_table, sheets))}</office:spreadsheet></office:body>'
               "</office:document-content>")
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
