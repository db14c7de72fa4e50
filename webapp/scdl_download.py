"""The grants as an SCDL subventions file, from the web explorer: ``/funding/scdl.csv`` is what ``maillage export
--format scdl`` writes (UTF-8 without a byte order mark, commas, CRLF, as the schema requires), ``?excel=1`` the same
rows as a spreadsheet set to the page's language opens them with a double click, ``?funder=`` one funder's grants
only; ``/funding/scdl`` (and its JSON twin) says what the file leaves out and why, and the cells it writes with a
stand-in, as the command's summary does.

The export's query reads every grant (22,064 at 100k actors: 7.9 s on the command line), so it runs in the killable
query workers, under the time limit of the users' queries (:func:`graph.querypool.QueryPool.run`): past it, the
request gets a 503 that points to the command line, and no web thread is held.
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, request
from rdflib import URIRef

from graph.export import write_scdl
from graph.namespaces import sparql_prologue
from graph.scdl_export_query import GRANTS
from graph.scdl_export_summary import scdl_summary
from graph.sparql import QueryPlan, QueryTimeout
from webapp.api_parameters import check_known
from webapp.errors import ApiError
from webapp.i18n import get_lang, t
from webapp.named_queries import Parameter
from webapp.query_parameters import resolve_name
from webapp.rendering import (SPREADSHEET_CONVENTIONS, download_name, render_page, spreadsheet_safe,
                              spreadsheet_text, wants_excel)
from webapp.resources import get_query_runner

bp = Blueprint("scdl", __name__)

#: The funder whose grants alone are written (``?funder=``): its IRI, or its name as the named queries take it.
FUNDER_PARAMETER = Parameter("funder", "iri", "Financeur (nom ou IRI)", "Funder (name or IRI)", optional=True,
                             values=("search", "actor"))
#: The columns written as numbers in the spreadsheet variant (a decimal comma in French), and as a date.
_NUMBERS = ("montant", "pourcentageSubvention")
_DATES = ("dateConvention",)


@bp.get("/funding/scdl.csv")
def scdl_file():
    """Download the grants as an SCDL subventions v2.1.1 CSV (``?excel=1``: for a spreadsheet; ``?funder=``)."""
    check_known(("funder", "excel"))
    funder = _funder_arg()
    data, counts = _export(funder)
    if wants_excel():
        data = for_spreadsheet(data, *SPREADSHEET_CONVENTIONS[get_lang()])
    response = Response(data, mimetype="text/csv")
    name = download_name(t("file_scdl"), str(funder).rstrip("/").rsplit("/", 1)[-1] if funder else None)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}{"-excel" * wants_excel()}.csv"'
    # what the file leaves out, counted where a script reads it; /funding/scdl says why
    response.headers["X-Maillage-Written"] = str(counts["written"])
    response.headers["X-Maillage-Skipped"] = str(counts["skipped"])
    return response


@bp.get("/funding/scdl")
@bp.get("/funding/scdl.json")
def scdl_report():
    """Say what the SCDL file of the grants holds, what it leaves out and why, with links to download it."""
    check_known(("funder",))
    funder = _funder_arg()
    counts = _export(funder)[1]
    lines = scdl_summary(counts, get_lang(), verbose=True).splitlines()
    data = {"funder": str(funder) if funder else None, "written": counts["written"], "skipped": counts["skipped"],
            "summary": [line.strip() for line in lines], "counts": counts}
    return render_page("scdl.html", data, indents=[len(line) - len(line.lstrip()) for line in lines])


def _funder_arg() -> URIRef | None:
    """The funder of ``?funder=``: its IRI, or that of the one actor that funds a grant among those it names, by
    name, SIRET, SIREN or RNA number, as on /api/grants (ApiError, 400, for none or several)."""
    from webapp.grant_parties import FUNDERS
    from webapp.queries_pages import web_lookup

    raw = (request.args.get("funder") or "").strip()
    if not raw:
        return None
    return FUNDER_PARAMETER.bind(resolve_name(FUNDER_PARAMETER, raw, web_lookup(), FUNDERS))


def _export(funder: URIRef | None) -> tuple[bytes, dict]:
    """The SCDL file of the grants (``funder``'s only, when given) and the export's counts
    (:func:`graph.export.write_scdl`), its query run by a query worker under the users' time limit."""
    import pyoxigraph as ox

    from graph.results import RowsResult
    from graph.terms import to_rdflib

    plan = QueryPlan(sparql_prologue() + GRANTS, "select")
    try:
        answer = get_query_runner().run(plan, "json")
    except QueryTimeout as exc:
        raise ApiError(f"l'export SCDL a dépassé la limite de temps des requêtes ({exc.seconds:g} s) : lancez-le en "
                       "ligne de commande, « maillage export --format scdl -o subventions.csv »",
                       f"the SCDL export went past the queries' time limit ({exc.seconds:g} s): run it from the "
                       "command line, `maillage export --format scdl -o grants.csv`", status=503,
                       code="query-timeout") from None
    parsed = ox.parse_query_results(answer.read(), ox.QueryResultsFormat.JSON)
    result = RowsResult("select", [v.value for v in parsed.variables],
                        [tuple(map(to_rdflib, solution)) for solution in parsed])
    out = io.BytesIO()
    counts = write_scdl(result, out, str(funder) if funder else None)
    return out.getvalue(), counts


def for_spreadsheet(data: bytes, separator: str, decimal: str) -> str:
    r"""An SCDL file as a spreadsheet opens it with a double click, as the other downloads' ``excel=1``
    (:func:`webapp.rendering.csv_response`): a byte order mark, ``separator`` between cells, ``decimal`` in the
    amounts and shares, the dates as they are, and the texts it would convert (a SIRET, a decision number) kept as
    text.

    >>> text = for_spreadsheet(b"idAttribuant,montant,objet\r\n21060004500392,1500.5,=1\r\n", ";", ",")
    >>> text[:1] == "\ufeff", list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    (True, [['idAttribuant', 'montant', 'objet'], ['="21060004500392"', '1500,5', "'=1"]])
    """
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(rows[0])
    kinds = ["number" if c in _NUMBERS else "date" if c in _DATES else "text" for c in rows[0]]
    for row in rows[1:]:
        writer.writerow([_cell(value, kind, decimal) for value, kind in zip(row, kinds)])
    return out.getvalue()


def _cell(value: str, kind: str, decimal: str) -> str:
    """One cell of :func:`for_spreadsheet`."""
    if kind == "number":
        return value.replace(".", decimal)
    if kind == "date" or not value:
        return value
    kept = spreadsheet_text(value)
    return kept if kept != value else spreadsheet_safe(value)

