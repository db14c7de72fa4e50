"""The SPARQL 1.1 Protocol endpoint (read-only): query via GET, form POST or direct POST."""

from __future__ import annotations

from flask import Blueprint, Response, request

from graph.formats import RDF_FORMATS, RESULTS_FORMATS, rdf_format, results_format
from webapp.errors import ApiError
from webapp.resources import get_store

bp = Blueprint("sparql", __name__)


def _query_text() -> str:
    if request.method == "POST" and request.mimetype == "application/sparql-query":
        return request.get_data(as_text=True)
    query = request.values.get("query")
    if not query:
        raise ApiError("paramètre « query » manquant", "missing 'query' parameter", code="missing-query")
    return query


def _negotiate(kind: str):
    table = RDF_FORMATS if kind == "graph" else RESULTS_FORMATS
    lookup = rdf_format if kind == "graph" else results_format
    wanted = request.values.get("format")
    if wanted:
        return lookup(wanted)
    best = request.accept_mimetypes.best_match([f.media_type for f in table] + [a for f in table for a in f.aliases])
    return lookup(best) if best else table[0]


@bp.route("/sparql", methods=["GET", "POST"])
def sparql():
    """Answer a SPARQL query over the union of the named graphs."""
    result = get_store().query(_query_text())
    fmt = _negotiate(result.kind)
    return Response(result.serialize(fmt), mimetype=fmt.media_type)
