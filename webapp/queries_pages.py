"""The named queries as pages: ``/queries`` lists them, ``/queries/<name>`` is a form and its results, as a table,
CSV or JSON (``?format=csv|json``, or the ``.csv``/``.json`` suffix)."""

from __future__ import annotations

from flask import Blueprint, current_app, request

from graph.namespaces import sparql_prologue
from graph.sparql import check_query
from webapp.editor import run_for_table
from webapp.i18n import get_lang
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
    table = Table("results", [(v, v) for v in result["variables"]])
    for row in result["rows"]:
        table.rows.append({v: _cell(t) for v, t in zip(result["variables"], row)})
    return query, table, result["truncated"]


def _cell(term):
    from rdflib import URIRef

    if isinstance(term, URIRef):
        return ref(term)
    return term


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
    return render_page("query.html", data, named=query, values=request.args, prologue=sparql_prologue())
