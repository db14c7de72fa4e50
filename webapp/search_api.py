"""The search API: ``GET /api/search`` (results, facets, pages) and ``GET /api/suggest`` (completion), in JSON.

``/api/search`` returns exactly what ``maillage search --json`` prints for the same parameters; errors use the
application's one JSON error shape (:mod:`webapp.errors`).
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from webapp.api_parameters import check_integers, check_known, integer_arg, page_arg
from webapp.errors import ApiError
from webapp.resources import get_index

bp = Blueprint("search_api", __name__)

#: Facet filters accepted as query parameters (each may be repeated); ``fiscal_year``, the facet's own name, is
#: what the search page's facet links send (and so its JSON twin), ``year`` its short form.
FILTER_PARAMETERS = ("place", "funder", "year", "fiscal_year", "goal", "circle")
#: Every parameter of ``/api/search``.
SEARCH_PARAMETERS = ("q", "type", "theme", *FILTER_PARAMETERS, "page", "page_size", "sort")


def _index():
    index = get_index()
    if index is None:
        raise ApiError("l'index de recherche n'est pas encore construit : lancez « maillage index »",
                       "the search index has not been built yet: run `maillage index`", 503, "index-unavailable")
    return index


@bp.get("/api/search")
def search():
    """Search the graph in French; return results, facet counts and pagination."""
    from search.query import SearchError, search as run_search
    from webapp.search_page import in_language

    check_known(SEARCH_PARAMETERS, repeatable=("type", *FILTER_PARAMETERS))
    for name in ("year", "fiscal_year"):  # as /api/grants says of its year, not an empty page
        check_integers(name)
    args = request.args
    filters = {name: args.getlist(name) for name in FILTER_PARAMETERS if any(args.getlist(name))}
    try:
        return jsonify(in_language(run_search(_index(), args.get("q", ""), kind=args.getlist("type"),
                                              theme=args.get("theme") or None, page=page_arg(),
                                              sort=args.get("sort") or "relevance", filters=filters,
                                              page_size=integer_arg("page_size", 20))))
    except SearchError as exc:
        raise _api_error(exc) from None


def _api_error(exc) -> ApiError:
    if exc.status == 503:
        return ApiError(exc.message, exc.message_en, 503, "index-unavailable")
    return ApiError(exc.message, exc.message_en, exc.status, "bad-search")


@bp.get("/api/suggest")
def suggest():
    """Complete a name being typed; return matching actors, themes, goals and deliberations."""
    from search.query import SearchError, suggest as run_suggest
    from webapp.search_page import in_language

    check_known(("q", "limit"))
    text = request.args.get("q", "")
    try:
        suggestions = run_suggest(_index(), text, integer_arg("limit", 10))
        # the index's French labels of kinds, themes and circles in the interface's language, as /api/search gives
        return jsonify({"query": text, "suggestions": in_language({"results": suggestions})["results"]})
    except SearchError as exc:
        raise _api_error(exc) from None
