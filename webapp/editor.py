"""The SPARQL editor page (``GET /sparql`` from a browser): the named queries as examples, prefixes declared,
the results as a table with download links. It is a plain form: it works without JavaScript."""

from __future__ import annotations

from urllib.parse import urlencode

import pyoxigraph as ox
from flask import current_app, render_template, request

from graph.namespaces import PREFIXES, sparql_prologue
from graph.sparql import QueryPlan
from graph.terms import to_rdflib
from webapp.links import site_path
from webapp.named_queries import named_queries
from webapp.resources import get_query_runner

#: Not sorted, so that it answers at once at any size (sorting 100,000 actors by label took the engine 20 s).
DEFAULT_QUERY = sparql_prologue() + """
SELECT DISTINCT ?actor ?label WHERE {
  ?actor a mai:Actor ; rdfs:label ?label .
}
LIMIT 50
"""


#: The result formats as the pages name them elsewhere.
FORMAT_NAMES = {"json": "JSON", "xml": "XML", "csv": "CSV", "tsv": "TSV", "turtle": "Turtle", "jsonld": "JSON-LD",
                "ntriples": "N-Triples", "rdfxml": "RDF/XML"}


def run_for_table(plan: QueryPlan, bindings=None) -> dict:
    """Run ``plan`` in a query worker and return {"kind", "variables", "rows", "boolean", "truncated"}."""
    fmt = "ntriples" if plan.kind == "graph" else "json"
    answer = get_query_runner().run(plan, fmt, bindings)
    data = answer.read()
    if plan.kind == "graph":
        rows = [tuple(to_rdflib(t) for t in (q.subject, q.predicate, q.object))
                for q in ox.parse(data, ox.RdfFormat.N_TRIPLES)]
        return {"kind": "graph", "variables": ["subject", "predicate", "object"], "rows": rows,
                "truncated": answer.truncated, "boolean": None}
    parsed = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return {"kind": "ask", "variables": [], "rows": [], "boolean": bool(parsed), "truncated": False}
    variables = [v.value for v in parsed.variables]
    rows = [tuple(to_rdflib(solution[v]) for v in variables) for solution in parsed]
    return {"kind": "select", "variables": variables, "rows": rows, "boolean": None,
            "truncated": answer.truncated}


def editor_page(text: str | None = None, plan: QueryPlan | None = None, error: str | None = None):
    """Render the editor, with the results of ``plan`` when a query was submitted, or the ``error`` it met."""
    result = run_for_table(plan) if plan is not None else None
    downloads = {}
    if text is not None and plan is not None:
        names = ("turtle", "jsonld", "ntriples", "rdfxml") if plan.kind == "graph" else ("json", "xml", "csv", "tsv")
        # the dataset the query ran on goes with it: a download is the same query's answer, not the whole graph's
        dataset = [(key, iri) for key in ("default-graph-uri", "named-graph-uri")
                   for iri in request.values.getlist(key)]
        downloads = {FORMAT_NAMES[name]:
                     site_path("/sparql?") + urlencode([("query", text), *dataset, ("format", name)])
                     for name in names}
    config = current_app.config["MAILLAGE"]
    examples = [(q, sparql_prologue() + "\n" + q.text) for q in named_queries().values() if not q.parameters]
    return render_template("sparql.html", query=text if text is not None else request.args.get("example")
                           or DEFAULT_QUERY, result=result, downloads=downloads, examples=examples,
                           prefixes=", ".join(PREFIXES), seconds=f"{config['query_timeout']:g}",
                           max_rows=config["max_rows"], error=error)
