"""Links that pages give: a resource's page in the explorer (:func:`local_path`), the page's own twins in JSON
or CSV (:func:`twin_url`), and any page of the site (:func:`site_path`), all under the site's path prefix.

Behind a reverse proxy that serves the site under a prefix (``https://data.example.fr/maillage/``), the prefix is
the request's ``script_root`` (``SCRIPT_NAME``, set by the WSGI server or, with the ``proxy`` setting, from
``X-Forwarded-Prefix``): every root-absolute path a page writes goes through :func:`site_path`, and the templates
write ``{{ root }}`` before theirs (:mod:`webapp.views`).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import current_app, has_request_context, request

from graph.namespaces import MAI

#: The ontology's IRI (its terms' namespace without the "#"), served at ``/ontology`` (webapp.vocabulary_pages).
ONTOLOGY = str(MAI).rstrip("#")
#: The SHACL shapes' IRI (their ``maish:`` namespace without the "#"), served at ``/shapes``.
SHAPES = "https://w3id.org/maillage/shapes"


def site_path(path: str) -> str:
    """The root-absolute ``path`` of a page of this site (``/search?q=…``) under the prefix it is served at, if any.

    >>> from flask import Flask
    >>> with Flask(__name__).test_request_context("/", base_url="http://localhost/maillage/"):
    ...     site_path("/search?q=sant%C3%A9")
    '/maillage/search?q=sant%C3%A9'
    """
    return (request.script_root if has_request_context() else "") + path


def local_path(iri: str) -> str:
    """The explorer's page of ``iri``: ``/id/…`` under the configured base, ``/ontology`` and ``/ontology/…`` for the
    ontology and the concepts of its vocabularies (where their IRIs dereference), ``/resource?iri=…`` otherwise
    (a term of the ontology, ``…/ontology#Grant``, whose address without its fragment is the whole ontology's)."""
    base = current_app.config["MAILLAGE"]["base"]
    if iri.startswith(base) and len(iri) > len(base):
        return site_path("/id/" + quote(iri[len(base):], safe="/-_.~"))
    if iri == ONTOLOGY or iri.startswith(ONTOLOGY + "/") and len(iri) > len(ONTOLOGY) + 1:
        return site_path("/ontology" + quote(iri[len(ONTOLOGY):], safe="/-_.~"))
    return site_path("/resource?" + urlencode({"iri": iri}))


def twin_url(fmt: str, **extra) -> str:
    """The URL of this page in ``fmt`` (json or csv), keeping its query string."""
    args = {k: v for k, v in request.args.items() if k not in ("format", "table")}
    args.update({"format": fmt, **extra})
    return site_path(request.path + "?" + urlencode(args))
