"""The SPARQL 1.1 Graph Store HTTP Protocol at ``/store?graph=<IRI>``: read a named graph; write it (PUT, POST,
DELETE) only with the write token, through the store's writer. The default graph is the union of the named graphs:
it can be read, not written."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from rdflib import URIRef

from graph.formats import UnknownFormat, rdf_format
from graph.sparql import check_query
from graph.store import RdfSyntaxError
from webapp.errors import ApiError
from webapp.named_queries import is_iri
from webapp.negotiation import best_format
from webapp.resources import get_query_runner, get_store
from webapp.sparql import GRAPH_FORMATS, READ_CORS, answer_body, check_write_token, graph_exists
from webapp.upload import log_write

bp = Blueprint("graph_store", __name__)


def _graph() -> str | None:
    """The graph a request names: its ``?graph=`` IRI, or None for ``?default``; exactly one of them (the Graph Store
    Protocol, §4.2), else a 400."""
    if "default" in request.args and "graph" in request.args:
        raise ApiError("?graph= et ?default à la fois : précisez l'un ou l'autre",
                       "both ?graph= and ?default: give one or the other", code="bad-request")
    if "default" in request.args:
        return None
    iri = request.args.get("graph", "")
    if not is_iri(iri):
        raise ApiError("précisez ?graph=<IRI> ou ?default", "give ?graph=<IRI> or ?default", code="bad-iri")
    return iri


@bp.get("/store")
def read_graph():
    """Return a named graph (or the union default graph), capped at max_rows triples."""
    iri = _graph()
    config = current_app.config["MAILLAGE"]
    if iri is None:
        plan = check_query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", config["max_rows"])
    else:
        if not graph_exists(iri):
            raise ApiError(f"aucun graphe <{iri}>", f"no graph <{iri}>", status=404, code="not-found")
        plan = check_query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", config["max_rows"])
    fmt = rdf_format(request.args["format"]) if request.args.get("format") else best_format(GRAPH_FORMATS)
    answer = get_query_runner().run(plan, fmt.name, {"g": URIRef(iri)} if iri else None)
    response = Response(answer_body(answer), mimetype=fmt.media_type, headers=READ_CORS)
    response.headers["X-Maillage-Truncated"] = "true" if answer.truncated else "false"
    return response


@bp.route("/store", methods=["PUT", "POST", "DELETE"])
def write_graph():
    """Replace (PUT), extend (POST) or drop (DELETE) a named graph; needs the write token."""
    iri = _graph()
    what = {"method": request.method, "graph": str(iri) if iri is not None else None}
    token = check_write_token("graph-store", what)
    if iri is None:
        raise ApiError("le graphe par défaut est l'union des graphes : écrivez dans un graphe nommé (?graph=)",
                       "the default graph is the union of the graphs: write to a named graph (?graph=)",
                       status=405, code="default-graph-read-only", headers={"Allow": "GET, HEAD"})
    store = get_store()
    if request.method == "DELETE":
        if not graph_exists(iri):
            raise ApiError(f"aucun graphe <{iri}>", f"no graph <{iri}>", status=404, code="not-found")
        with store.writer() as writer:
            writer.drop_graph(iri)
        log_write("graph-store", what, "ok", token)
        return Response(status=204)
    try:
        fmt = rdf_format(request.mimetype or "text/turtle")
    except UnknownFormat:
        raise ApiError(f"type de contenu RDF inconnu : {request.mimetype}", f"unknown RDF content type: "
                       f"{request.mimetype}", status=415, code="unsupported-media-type") from None
    data = request.get_data()
    existed = graph_exists(iri)
    try:
        with store.writer() as writer:
            if request.method == "PUT":
                writer.replace_graph(iri, data, fmt.name)
            else:
                from graph.store import parse_rdflib

                writer.add(iri, parse_rdflib(data, fmt.name))
    except RdfSyntaxError as exc:
        raise ApiError(f"RDF invalide (ligne {exc.line}) : {exc}", f"invalid RDF (line {exc.line}): {exc}",
                       code="bad-rdf") from None
    log_write("graph-store", {**what, "bytes": len(data)}, "ok", token)
    return Response(status=204 if existed else 201)
