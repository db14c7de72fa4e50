"""Where a resource's page is in its lists, a page at a time: the page of its grants tables and the offsets of its
lists that the request asks for, the URLs of their other pages, and how long they are: past their end, the page says
that nothing is left from its offset and links to their last page.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import has_request_context, request
from rdflib import URIRef

from webapp.errors import ApiError
from webapp.links import site_path
from webapp.resource_tables import incoming


def page_url(page: int) -> str:
    """This page's URL at ``page`` of its grant tables, keeping the rest of its query string."""
    return site_path(request.path) + "?" + urlencode({**request.args, "page": page})


def offset_url(offset: int, name: str = "offset") -> str:
    """This page's URL with its lists (incoming links, instances; its memberships with ``name`` "members_offset")
    from ``offset``, keeping the rest of its query string."""
    return site_path(request.path) + "?" + urlencode({**request.args, name: offset})


def page_arg() -> int:
    """The page of the grants tables that the request asks for (``?page=``), from 1."""
    return int_arg("page", 1)


def int_arg(name: str, least: int) -> int:
    """The request's integer parameter ``name`` (``least`` when absent), at least ``least``."""
    value = request.args.get(name) if has_request_context() else None
    try:
        number = int(value or least)
    except ValueError:
        raise ApiError(f"« {name} » doit être un entier", f"'{name}' must be an integer",
                       code="bad-parameter") from None
    if number < least:
        raise ApiError(f"« {name} » commence à {least}", f"'{name}' starts at {least}", code="bad-parameter")
    return number


def incoming_at(s: URIRef, offset: int, size: int, of_class: bool,
                has_memberships: bool) -> tuple[list[dict], list[dict]]:
    """The incoming links of ``s`` from ``offset``, ``size`` of each property (:func:`incoming`), and the links that
    tell what links to it: the same, but those from the first when ``offset`` is past the end of every list. Past the
    end, a class that only its instances' types name is still a class, and its page says the page does not exist, not
    that it knows nothing. A declared class is known as one by its own triples, and its instances are its longest
    list: not read again."""
    links_in = incoming(s, offset, size, of_class, has_memberships)
    if links_in or not offset or of_class:
        return links_in, links_in
    return links_in, incoming(s, 0, 1, of_class, has_memberships)


def lists_length(instances: int, offset: int, links_in: list[dict], linked: list[dict]) -> int:
    """The length of the longest list that the page's ``offset`` goes through: its ``instances`` (a class's), or one
    property's incoming links (``links_in`` from ``offset``, else ``linked`` from the first); past it, the page is
    past the end of its lists."""
    if linked is not links_in:
        offset, links_in = 0, linked
    return max([instances, *(offset + len(group["values"]) + group["more"] for group in links_in)])


def last_offset(length: int, size: int) -> int:
    """The offset of the last page of a list of ``length`` items, ``size`` a page: where a page past its end links.

    >>> last_offset(5, 2), last_offset(4, 2), last_offset(0, 2)
    (4, 2, 0)
    """
    return (length - 1) // size * size if length else 0
