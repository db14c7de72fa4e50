"""Answering a page: :func:`render_page` answers its ``data`` as HTML, JSON (``.json`` suffix, ``?format=json`` or
``Accept``) or one of its tables as CSV (``?table=NAME``); a table downloaded as CSV is read whole
(:func:`shown_rows`, :func:`page_window`).
"""

from __future__ import annotations

import csv
import io
import re

from flask import Response, jsonify, render_template, request
from rdflib import Literal

from graph.namespaces import slugify
from webapp.errors import ApiError
from webapp.i18n import get_lang
from webapp.links import twin_url
from webapp.negotiation import accepted
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
    best = accepted().best_match(["text/html", "application/json", "text/csv"], "text/html")
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


def download_name(word: str, *details) -> str:
    """The name of a download (without ``.csv``): ``word``, what it holds in the page's language, then each detail
    given (the text sought, a pole, a year), folded to a short key: two downloads of one table with other filters no
    longer land as ``grants.csv`` and ``grants (1).csv``. Named queries keep their own name (their address).

    >>> download_name("subventions", "PTCE Santé", None, 2018), download_name("search", "")
    ('subventions-ptce-sante-2018', 'search')
    """
    return "-".join([word] + [slugify(str(detail), 60) for detail in details
                              if detail is not None and re.search(r"\w", str(detail))])


def name_downloads(data: dict, *details) -> None:
    """Name the download of each table of a page's ``data`` (:func:`download_name`): what it holds in the page's
    language (the ``file_<table>`` string of webapp.i18n, else the table's name), then ``details`` (the pole, the
    year, the resource): two actors' « memberships-excel.csv » overwrote each other in a Downloads folder."""
    from webapp.i18n import STRINGS, t

    for table in data.values():
        if isinstance(table, Table):
            key = f"file_{table.name}"
            table.download = download_name(t(key) if key in STRINGS else table.name, *details)


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


#: A text that a spreadsheet reads as a number, a date, a time, a fraction or a percentage when it opens a CSV: digits
#: with the signs, separators and marks of numbers and dates between or around them (« 18.5.1 », « 2017-04-24 »,
#: « 1/2 », « 01234 », « +33 6 12 34 56 78 », « 12 % », « 1E5 »). LibreOffice fr-FR showed the Somme's decision
#: numbers 18.5.1 and 18.3.2 as the dates 18/05/2001 and 18/03/2002.
_CONVERTIBLE = re.compile(r"[+\-]?[0-9\s.,/:%\-\u00a0\u202f]*[0-9][0-9\s.,/:%\-\u00a0\u202f]*(?:[eE][+\-]?[0-9]+)?",
                          re.ASCII)


def spreadsheet_text(value):
    """Write a text that a spreadsheet would convert (:data:`_CONVERTIBLE`: a SIRET, a decision number « 18.5.1 », a
    date written as text, a phone number, « 1E5 ») as the formula ``="…"``, which a spreadsheet keeps as text: read as
    a number, a SIRET showed as « 1,00000E+13 » and lost its digits when saved again, a leading zero was dropped, and
    « 18.5.1 » became the date 18/05/2001. Excel evaluates the formula on opening; LibreOffice Calc 7.4 too when its
    import dialog evaluates formulas, else it shows the cell as written, its characters intact. Only texts are given:
    the caller leaves the cells of numbers and dates (amounts, a date column) as values. Other texts are returned as
    they are.

    >>> spreadsheet_text("10000000000008"), spreadsheet_text("18.5.1"), spreadsheet_text("W423000001")
    ('="10000000000008"', '="18.5.1"', 'W423000001')
    """
    if isinstance(value, str) and _CONVERTIBLE.fullmatch(value):
        return f'="{value}"'
    return value


#: How a spreadsheet opens a CSV with a double click, by the interface's language: its separator and decimal mark.
SPREADSHEET_CONVENTIONS = {"fr": (";", ","), "en": (",", ".")}


def csv_response(table: Table, excel: bool = False) -> Response:
    """One table as CSV: a Ref gives two columns, its label and its IRI. For ``excel``, as a spreadsheet set to the
    page's language opens it with a double click: a byte order mark (else it reads UTF-8 as Windows-1252: « Ã© »),
    in French cells apart by ";" and a decimal comma (else every line lands in one cell), in English "," and a
    decimal point (:data:`SPREADSHEET_CONVENTIONS`), and every text cell that the spreadsheet would convert kept as
    text (:func:`spreadsheet_text`); numbers and dates stay values. The file is named after the table, or what it
    holds (:attr:`Table.download`)."""
    separator, decimal = SPREADSHEET_CONVENTIONS[get_lang()] if excel else (",", ".")
    out = io.StringIO()
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=separator)
    header = []
    for key, _ in table.columns:
        header.append(key)
        if key in table.links or any(isinstance(row.get(key), Ref) for row in table.rows):
            header.append(key + "_iri")
    writer.writerow(header)
    for row in table.rows:
        writer.writerow([_csv_cell(row, key, decimal, excel) for key in header])
    response = Response(out.getvalue(), mimetype="text/csv")
    if table.more:  # cut at MAX_DOWNLOAD_ROWS, as the SPARQL endpoint says a result cut at max_rows
        response.headers["X-Maillage-Truncated"] = str(table.more)
    name = table.download or table.name
    response.headers["Content-Disposition"] = f'attachment; filename="{name}{"-excel" * excel}.csv"'
    return response


def _csv_cell(row: dict, key: str, decimal: str, excel: bool):
    """The cell of ``row`` under the CSV header ``key`` (``x_iri``: the IRI of the Ref under ``x``)."""
    if key.endswith("_iri") and key[:-4] in row and isinstance(row[key[:-4]], Ref):
        return row[key[:-4]].iri
    raw = row.get(key)
    value = raw.label if isinstance(raw, Ref) else ("" if raw is None else json_value(raw))
    if isinstance(value, float) and value.is_integer():
        return int(value)  # an amount of 20 000 € is written 20000, not 20000.0
    if isinstance(value, float):  # 0.1 + 0.2 as 0.3, 1e-07 as 0.0000001; -1250.5 stays a number
        # 15 significant digits, what a float holds for sure: 1693684.86, not 1693684.8600000001
        text = f"{value:.15g}"
        return (text if "e" not in text else f"{value:.10f}".rstrip("0")).replace(".", decimal)
    if excel and _is_text(raw) and (kept := spreadsheet_text(value)) != value:
        return kept  # ="+33…", ="-12": a formula that gives the text, never run as one
    return spreadsheet_safe(value)


def _is_text(raw) -> bool:
    """Whether a cell's value is a text (a label, an identifier, a literal string), not a number or a date of ours."""
    if isinstance(raw, Ref):
        return True
    if isinstance(raw, Literal):
        raw = raw.toPython()
    return isinstance(raw, str)
