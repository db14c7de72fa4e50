"""Links that pages give: a resource's page in the explorer (:func:`local_path`) and the page's own twins in JSON
or CSV (:func:`twin_url`).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import current_app, request


def local_path(iri: str) -> str:
    """The explorer's page of ``iri``: ``/id/…`` under the configured base, ``/resource?iri=…`` otherwise."""
    base = current_app.config["MAILLAGE"]["base"]
    if iri.startswith(base) and len(iri) > len(base):
        return "/id/" + quote(iri[len(base):], safe="/-_.~")
    return "/resource?" + urlencode({"iri": iri})


def twin_url(fmt: str, **extra) -> str:
    """The URL of this page in ``fmt`` (json or csv), keeping its query string."""
    args = {k: v for k, v in request.args.items() if k not in ("format", "table")}
    args.update({"format": fmt, **extra})
    return request.path + "?" + urlencode(args)
