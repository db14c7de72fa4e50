"""The search API: ``GET /api/search`` (results, facets, pages) and ``GET /api/suggest`` (completion), in JSON.

``/api/search`` returns exactly what ``maillage search --json`` prints for the same parameters; errors use the
application's one JSON error shape (:mod:`webapp.errors`).
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from graph.namespaces import MAI, SCHEMA
from search.query import MAX_PAGE_SIZE
from webapp.api_parameters import check_integers, check_known, integer_arg, page_arg, pole_arg
from webapp.errors import ApiError
from webapp.named_queries import Parameter
from webapp.resources import get_index, index_missing

bp = Blueprint("search_api", __name__)

#: Facet filters accepted as query parameters (each may be repeated); ``fiscal_year``, the facet's own name, is
#: what the search page's facet links send (and so its JSON twin), ``year`` its short form.
FILTER_PARAMETERS = ("place", "funder", "year", "fiscal_year", "goal", "circle")
#: Every parameter of ``/api/search``: ``pole``, the PTCE of the goals given by their rank or name, is no facet.
SEARCH_PARAMETERS = ("q", "type", "theme", *FILTER_PARAMETERS, "pole", "page", "page_size", "sort")


#: The filters that take a name as well as an IRI, resolved as the named queries' parameters of the same kind are
#: (an actor by its name, a goal by its name or rank, a circle by its name or rank, a place by its name): the
#: index knows their IRIs only, and a name matched nothing, in silence.
NAMED_FILTERS = {name: Parameter(name, "iri", fr, en, optional=True, values=values) for name, fr, en, values in (
    ("funder", "Financeur (nom ou IRI)", "Funder (name or IRI)", ("search", "actor")),
    ("goal", "Objectif (nom, rang ou IRI)", "Goal (name, rank or IRI)", ("a", str(MAI.StrategicGoal))),
    ("circle", "Cercle (nom, rang ou IRI)", "Circle (name, rank or IRI)", ("in", str(MAI.circles))),
    ("place", "Lieu (nom ou IRI)", "Place (name or IRI)", ("a", str(SCHEMA.Place))))}


def resolved_filters(args) -> dict[str, list[str]]:
    """The facet filters of a search request, each value that is a name replaced by the IRI it names (a name that
    names nothing, or several things, is a 400 that says so); a goal's among the goals of the PTCE ``pole``; a
    funder's among the actors that fund a grant, as on /api/grants (:mod:`webapp.grant_parties`)."""
    from webapp.grant_parties import FUNDERS
    from webapp.queries_pages import web_lookup
    from webapp.query_parameters import is_goal, resolve_goal, resolve_name

    filters = {name: [value.strip() for value in args.getlist(name) if value.strip()] for name in FILTER_PARAMETERS}
    filters["fiscal_year"] += filters.pop("year")  # one facet under two names: alternatives, as repeated values are
    lookup = web_lookup()
    pole = pole_arg()
    for name, parameter in NAMED_FILTERS.items():
        side = FUNDERS if name == "funder" else None
        filters[name] = [resolve_goal(parameter, value, lookup, pole) if is_goal(parameter)
                         else resolve_name(parameter, value, lookup, side) for value in filters[name]]
    return {name: values for name, values in filters.items() if values}


def required_index():
    """The search index, or a 503 that says why there is none (an ingest building it, or ``maillage index`` to run)."""
    index = get_index()
    if index is None:
        raise ApiError(*index_missing(), 503, "index-unavailable")
    return index


@bp.get("/api/search")
def search():
    """Search the graph in French; return results, facet counts and pagination."""
    from search.query import SearchError, search as run_search
    from webapp.i18n import get_lang
    from webapp.search_english import in_language

    check_known(SEARCH_PARAMETERS, repeatable=("type", "theme", *FILTER_PARAMETERS))
    for name in ("year", "fiscal_year"):  # as /api/grants says of its year, not an empty page
        check_integers(name)
    args = request.args
    filters = resolved_filters(args)
    try:
        return jsonify(in_language(run_search(required_index(), args.get("q", ""), kind=args.getlist("type"),
                                              theme=args.getlist("theme"), page=page_arg(),
                                              sort=args.get("sort") or "relevance", filters=filters,
                                              page_size=integer_arg("page_size", 20, 1, MAX_PAGE_SIZE),
                                              lang=get_lang())))
    except SearchError as exc:
        raise search_error(exc) from None


def search_error(exc) -> ApiError:
    """The answer to a search's SearchError: a 503 for a missing index, else the 4xx of a bad search."""
    if exc.status == 503:
        return ApiError(exc.message, exc.message_en, 503, "index-unavailable")
    return ApiError(exc.message, exc.message_en, exc.status, "bad-search")


@bp.get("/api/suggest")
def suggest():
    """Complete a name being typed; return matching actors, themes, goals and deliberations."""
    from search.query import SearchError, suggest as run_suggest
    from webapp.search_english import in_language

    check_known(("q", "limit"))
    text = request.args.get("q", "")
    try:
        suggestions = run_suggest(required_index(), text, integer_arg("limit", 10))
        # the index's French labels of kinds, themes and circles in the interface's language, as /api/search gives
        return jsonify({"query": text, "suggestions": in_language({"results": suggestions})["results"]})
    except SearchError as exc:
        raise search_error(exc) from None
