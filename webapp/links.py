"""Links that pages give: a resource's page in the explorer (:func:`local_path`) and the page's own twins in JSON
or CSV (:func:`twin_url`).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import current_app, request

from graph.namespaces import MAI

#: The ontology's IRI (its terms' namespace without the "#"), served at ``/ontology`` (webapp.vocabulary_pages).
ONTOLOGY = str(MAI).rstrip("#")
#: The SHACL shapes' IRI (their ``maish:`` namespace without the "#"), served at ``/shapes``.
SHAPES = "https://w3id.org/maillage/shapes"


def local_path(iri: str) -> str:
    """The explorer's page of ``iri``: ``/id/…`` under the configured base, ``/ontology`` and ``/ontology/…`` for the
    ontology and the concepts of its vocabularies (where their IRIs dereference), ``/resource?iri=…`` otherwise
    (a term of the ontology, ``…/ontology#Grant``, whose address without its fragment is the whole ontology's)."""
    base = current_app.config["MAILLAGE"]["base"]
    if iri.startswith(base) and len(iri) > len(base):
        return "/id/" + quote(iri[len(base):], safe="/-_.~")
    if iri == ONTOLOGY or iri.startswith(ONTOLOGY + "/") and len(iri) > len(ONTOLOGY) + 1:
        return "/ontology" + quote(iri[len(ONTOLOGY):], safe="/-_.~")
    return "/resource?" + urlencode({"iri": iri})


def twin_url(fmt: str, **extra) -> str:
    """The URL of this page in ``fmt`` (json or csv), keeping its query string."""
    args = {k: v for k, v in request.args.items() if k not in ("format", "table")}
    args.update({"format": fmt, **extra})
    return request.path + "?" + urlencode(args)
