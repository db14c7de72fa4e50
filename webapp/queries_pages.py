"""The named queries as pages: ``/queries`` lists them, ``/queries/<name>`` is a form and its results, as a table,
CSV or JSON (``?format=csv|json``, or the ``.csv``/``.json`` suffix)."""

from __future__ import annotations

from flask import Blueprint, current_app, request

from graph.namespaces import sparql_prologue
from graph.sparql import check_query
from webapp.editor import run_for_table
from webapp.i18n import get_lang, t
from webapp.named_queries import get_named_query, named_queries
from webapp.views import Table, ref, render_page, wanted_format

bp = Blueprint("queries", __name__)


@bp.get("/queries")
@bp.get("/queries.json")
def index():
    """List the named queries."""
    lang = get_lang()
    table = Table("queries", [("name", "name"), ("title", "title"), ("description", "description")])
    for query in named_queries().values():
        table.rows.append({"name": query.name, "title": query.title(lang), "description": query.description(lang)})
    return render_page("queries.html", {"queries": table})


def run_named(name: str, values) -> tuple:
    """Run the named query ``name`` with the parameters in ``values``; return (query, Table, truncated)."""
    query = get_named_query(name)
    bindings = query.bindings(values)
    plan = check_query(sparql_prologue() + query.text, current_app.config["MAILLAGE"]["max_rows"])
    result = run_for_table(plan, bindings)
    variables = result["variables"]
    table = Table("results", [(v, v) for v in variables])
    for row in result["rows"]:
        values = dict(zip(variables, row))
        table.rows.append({v: _cell(term, values.get(v + "Label")) for v, term in values.items()})
    return query, table, result["truncated"]


def _cell(term, label=None):
    """A result's value: an IRI as a link named by its ``?xLabel`` column when the query has one."""
    from rdflib import URIRef

    if isinstance(term, URIRef):
        return ref(term, label)
    return term


#: Result variables that the page names in the interface's language (key of ``var_<name>`` in webapp.i18n), and
#: those that hold amounts.
NAMED_VARIABLES = ("actor", "amount", "beneficiary", "circle", "coordinator", "cooperation", "date", "deliberation",
                   "event", "funder", "goal", "grants", "identifier", "ingested", "joined", "kind", "left",
                   "location", "member", "organization", "person", "purpose", "rank", "source", "status", "subject",
                   "title", "total", "triples", "via", "year")
MONEY_VARIABLES = ("amount", "total")


def result_headers(variables: list[str]) -> dict[str, str]:
    """The headers of a named query's results table: known variables named, the others as the query names them."""
    return {v: t(f"var_{v}") if v in NAMED_VARIABLES else v for v in variables}


@bp.get("/queries/<name>")
@bp.get("/queries/<name>.json")
@bp.get("/queries/<name>.csv")
def show(name: str):
    """Show a named query as a form; run it when the form is submitted (or when it has no parameters)."""
    for suffix in (".json", ".csv"):
        if request.path.endswith(suffix) and name.endswith(suffix):
            name = name[: -len(suffix)]
    query = get_named_query(name)
    submitted = "run" in request.args or not query.parameters or wanted_format() != "html"
    data = {"query": query.to_json()}
    truncated = False
    if submitted:
        query, table, truncated = run_named(name, request.args)
        data["results"] = table
        data["truncated"] = truncated
    variables = [key for key, _ in data["results"].columns] if submitted else []
    return render_page("query.html", data, named=query, values=request.args, prologue=sparql_prologue(),
                       headers=result_headers(variables), money=MONEY_VARIABLES,
                       skip=[v for v in variables if v.endswith("Label") and v[:-len("Label")] in variables])
