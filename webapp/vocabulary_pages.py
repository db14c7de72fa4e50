"""The ontology, its vocabularies' concepts and the SHACL shapes at the addresses their IRIs name, as instances are
at ``/id/…``: ``https://w3id.org/maillage/ontology`` at ``/ontology``, a concept
``https://w3id.org/maillage/ontology/theme/depistage`` at ``/ontology/theme/depistage``, the shapes
``https://w3id.org/maillage/shapes`` at ``/shapes``.

``/ontology`` is the document of every term (``…/ontology#Grant`` dereferences to it, its fragment aside): its page
(HTML, JSON) is the ontology's own resource page, and its RDF (by Accept, or the ``.ttl``, ``.jsonld``, ``.nt``,
``.rdf`` suffixes) the whole shipped ontology. A concept is answered as any resource (webapp.resource_pages). The
shapes are RDF only: the shipped file as written for Turtle (its comments say why each constraint is there).
"""

from __future__ import annotations

from functools import partial

import pyoxigraph as ox
from flask import Blueprint, Response, request

from graph.formats import rdf_format, serialize_triples, xml_safe
from graph.ontology import read_vocabulary
from webapp.links import ONTOLOGY
from webapp.negotiation import accepted, media_types, not_acceptable
from webapp.resource_pages import RDF_SUFFIXES, answer_resource, iri_from_request

bp = Blueprint("vocabulary", __name__)

#: The RDF formats of a shipped document, Turtle first (what no Accept, or */*, gets).
DOCUMENT_FORMATS = tuple(rdf_format(name) for name in RDF_SUFFIXES.values())


@bp.get("/ontology")
@bp.get("/ontology.<any(ttl, jsonld, nt, rdf, json, html):suffix>")
def ontology(suffix: str | None = None):
    """Show the ontology: its page, or the whole ontology in RDF."""
    fmt = RDF_SUFFIXES.get(f".{suffix}")
    return answer_resource(ONTOLOGY, fmt, partial(vocabulary_document, "maillage.ttl"))


@bp.get("/ontology/<path:key>")
def concept(key: str):
    """Show a concept of the ontology's vocabularies (a theme, a nature, a circle…): HTML, JSON or RDF."""
    iri, fmt = iri_from_request(key, ONTOLOGY + "/")
    return answer_resource(iri, fmt)


@bp.get("/shapes")
@bp.get("/shapes.<any(ttl, jsonld, nt, rdf):suffix>")
def shapes(suffix: str | None = None):
    """Give the SHACL shapes that every ingest is validated against, in RDF."""
    if suffix is not None:
        return vocabulary_document("shapes.ttl", RDF_SUFFIXES[f".{suffix}"])
    best = accepted().best_match(media_types(DOCUMENT_FORMATS))
    if best is None and request.headers.get("Accept", "").strip():
        raise not_acceptable(DOCUMENT_FORMATS)
    fmt = next((f for f in DOCUMENT_FORMATS if best in (f.media_type, *f.aliases)), DOCUMENT_FORMATS[0])
    response = vocabulary_document("shapes.ttl", fmt.name)
    response.vary.add("Accept")
    return response


def vocabulary_document(name: str, fmt_name: str) -> Response:
    """The shipped vocabulary file ``name`` in the RDF format ``fmt_name``: as written for Turtle, else its triples
    written by Oxigraph."""
    fmt = rdf_format(fmt_name)
    text = read_vocabulary(name)
    if fmt.name != "turtle":
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text, ox.RdfFormat.TURTLE)]
        text = xml_safe(serialize_triples(triples, fmt), fmt)
    return Response(text, mimetype=fmt.media_type, headers={"Access-Control-Allow-Origin": "*"})
