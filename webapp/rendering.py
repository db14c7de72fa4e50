"""Answering a page: :func:`render_page` answers its ``data`` as HTML, JSON (``.json`` suffix, ``?format=json`` or
``Accept``) or one of its tables as CSV (``?table=NAME``); a table downloaded as CSV is read whole
(:func:`shown_rows`, :func:`page_window`).
"""

from __future__ import annotations

import csv
import io

from flask import Response, jsonify, render_template, request

from webapp.errors import ApiError
from webapp.links import twin_url
from webapp.page_data import Ref, Table, json_value, json_value_deep


def wanted_format() -> str:
    """html, json or csv, from ``?format=``, the URL suffix, then the Accept header."""
    fmt = request.args.get("format")
    if fmt:
        if fmt not in ("html", "json", "csv"):
            raise ApiError(f"format inconnu « {fmt} » (html, json, csv)", f"unknown format '{fmt}' (html, json, csv)",
                           status=406, code="unknown-format")
        return fmt
    if request.path.endswith(".json"):
        return "json"
    if request.path.endswith(".csv"):
        return "csv"
    if request.path.endswith(".html"):
        return "html"
    best = request.accept_mimetypes.best_match(["text/html", "application/json", "text/csv"], "text/html")
    return {"application/json": "json", "text/csv": "csv"}.get(best, "html")


#: The rows at most of a table downloaded as CSV: the whole table, where its page shows a part of it (a page of
#: grants, the funding page's first 100); a table longer still is cut, and the download says so in a header.
MAX_DOWNLOAD_ROWS = 100_000


def shown_rows(size: int, table: str) -> int:
    """The rows of ``table`` to read: ``size`` for a page, the whole table when it is the one downloaded as CSV
    (a download of a page's first rows only lost the others without a word)."""
    return MAX_DOWNLOAD_ROWS if downloaded(table) else size


def downloaded(table: str) -> bool:
    """Whether this request downloads ``table`` as CSV (the whole table, not the page's part of it)."""
    return wanted_format() == "csv" and request.args.get("table", table) == table


def page_window(table: str, offset: int, size: int) -> tuple[int, int]:
    """Where the rows of ``table`` start and how many to read: the page's, or all of them from the first when the
    table is downloaded as CSV (:func:`shown_rows`)."""
    return (0, MAX_DOWNLOAD_ROWS) if downloaded(table) else (offset, size)


def wants_excel() -> bool:
    """Whether a CSV download asks for the spreadsheet variant (``excel=1``, ``yes``, ``true``…)."""
    return request.args.get("excel", "").lower() not in ("", "0", "false", "no", "non")


def render_page(template: str, data: dict, **context) -> Response:
    """Answer ``data`` as the HTML page ``template``, as JSON, or one of its tables as CSV; each says ``Vary: Accept``,
    since without ``?format=`` or a suffix the Accept header chooses (a cache must not serve the JSON to a browser)."""
    response = _render_page(template, data, **context)
    response.vary.add("Accept")
    return response


def _render_page(template: str, data: dict, **context) -> Response:
    fmt = wanted_format()
    tables = {v.name: v for v in data.values() if isinstance(v, Table)}
    if fmt == "json":
        return jsonify({k: (v.to_json() if isinstance(v, Table) else json_value_deep(v)) for k, v in data.items()})
    if fmt == "csv":
        name = request.args.get("table") or (next(iter(tables)) if len(tables) == 1 else None)
        if name not in tables:
            raise ApiError(f"précisez le tableau avec ?table= ({', '.join(tables)})",
                           f"name the table with ?table= ({', '.join(tables)})", code="unknown-table")
        return csv_response(tables[name], excel=wants_excel())
    return Response(render_template(template, **data, **context, json_url=twin_url("json")), mimetype="text/html")


def spreadsheet_safe(value):
    """Prefix with ' a text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR: OWASP CSV injection).

    Numbers stay numbers; only the explorer's table downloads are protected, not the SPARQL results format.

    >>> spreadsheet_safe('=HYPERLINK("http://x")')[:2], spreadsheet_safe(-12.5), spreadsheet_safe("Soin")
    ("'=", -12.5, 'Soin')
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def spreadsheet_text(value):
    """Write a text of digits alone (a SIREN, a SIRET, an INSEE code) as the formula ``="…"``, which a spreadsheet
    keeps as text: read as a number, a SIRET showed as « 1,00000E+13 » and lost its digits when saved again, and a
    leading zero was dropped. Excel evaluates the formula on opening; LibreOffice Calc 7.4 too when its import dialog
    evaluates formulas, else it shows the cell as written, digits intact. Other values are returned as they are.

    >>> spreadsheet_text("10000000000008"), spreadsheet_text("W423000001"), spreadsheet_text(2024)
    ('="10000000000008"', 'W423000001', 2024)
    """
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return f'="{value}"'
    return value


def csv_response(table: Table, excel: bool = False) -> Response:
    """One table as CSV: a Ref gives two columns, its label and its IRI. For ``excel``, as a spreadsheet in French
    opens it with a double click: a byte order mark (else it reads UTF-8 as Windows-1252: « Ã© »), cells apart by
    ";", a decimal comma (else every line lands in one cell) and identifiers of digits kept as text
    (:func:`spreadsheet_text`). The file is named after the table, or the named query it holds the results of."""
    out = io.StringIO()
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if excel else ",")
    header = []
    for key, _ in table.columns:
        header.append(key)
        if key in table.links or any(isinstance(row.get(key), Ref) for row in table.rows):
            header.append(key + "_iri")
    writer.writerow(header)
    for row in table.rows:
        line = []
        for key in header:
            if key.endswith("_iri") and key[:-4] in row and isinstance(row[key[:-4]], Ref):
                line.append(row[key[:-4]].iri)
                continue
            value = row.get(key)
            value = value.label if isinstance(value, Ref) else ("" if value is None else json_value(value))
            if isinstance(value, float) and value.is_integer():
                value = int(value)  # an amount of 20 000 € is written 20000, not 20000.0
            elif isinstance(value, float):  # 0.1 + 0.2 as 0.3, 1e-07 as 0.0000001; -1250.5 stays a number
                # 15 significant digits, what a float holds for sure: 1693684.86, not 1693684.8600000001
                text = f"{value:.15g}"
                value = (text if "e" not in text else f"{value:.10f}".rstrip("0")).replace(".", "," if excel else ".")
                line.append(value)
                continue
            line.append(spreadsheet_text(spreadsheet_safe(value)) if excel else spreadsheet_safe(value))
        writer.writerow(line)
    response = Response(out.getvalue(), mimetype="text/csv")
    if table.more:  # cut at MAX_DOWNLOAD_ROWS, as the SPARQL endpoint says a result cut at max_rows
        response.headers["X-Maillage-Truncated"] = str(table.more)
    name = table.download or table.name
    response.headers["Content-Disposition"] = f'attachment; filename="{name}{"-excel" * excel}.csv"'
    return response
