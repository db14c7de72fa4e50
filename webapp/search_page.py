"""The French search page at ``/search``: results with highlights, facets with counts, pagination.

It calls the search package's ``search.query.search(index, text, kind=, theme=, page=, sort=)`` through
``webapp.resources.get_index()``, as ``/api/search`` does; the JSON twin is ``/api/search``, the download of every
result ``/search.csv`` (:mod:`webapp.search_download`).
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple
from urllib.parse import urlencode

from flask import Blueprint, render_template, request

from search.errors import SearchError
from search.syntax import Reading, read
from webapp.api_parameters import check_integers, page_arg
from webapp.errors import ApiError
from webapp.i18n import get_lang, pick, t
from webapp.links import site_path
from webapp.resources import index_missing
from webapp.search_api import resolved_filters
from webapp.search_download import csv_url
from webapp.search_english import in_language, marked_french

bp = Blueprint("search_page", __name__)


#: What the search page says about its results, in French and English.
TEXTS = {
    "no_result": ("Aucun résultat pour «\u00a0{q}\u00a0».", "No results for '{q}'."),
    "no_result_filtered": ("Aucun résultat avec ces filtres.", "No results with these filters."),
    "try": ("Essayez :", "Try:"),
    "try_unfiltered": ("la même recherche sans ses filtres", "the same search without its filters"),
    "try_spelling": ("de vérifier l'orthographe, ou un mot plus court ou plus général",
                     "checking the spelling, or a shorter or more general word"),
    "try_themes": ("de parcourir les thèmes", "browsing the themes"),
    "no_actor": ("Aucun acteur ne correspond à cette recherche ; les résultats ci-dessous sont d'autres ressources.",
                 "No actor matches this search; the results below are other resources."),
    "past_last": ("La page {page} n'existe pas : les {total} résultats s'arrêtent à la page {last}.",
                  "There is no page {page}: the {total} results end on page {last}."),
    "go_last": ("Aller à la dernière page", "Go to the last page"),
    "page_of": ("Page {page} sur {pages}", "Page {page} of {pages}"),
    "page_n": ("page {page}", "page {page}"),
    "facet_active": ("filtre actif", "active filter"),
    "active_filters": ("Filtres actifs :", "Active filters:"),
    "remove_filter": ("retirer le filtre", "remove the filter"),
    "colon": ("\u00a0:", ":"),
    "to_facets": ("Affiner", "Refine"),
    "read_as_theme": ("«\u00a0{words}\u00a0» : thème {label}", "'{words}': theme {label}"),
    "sort": ("Trier par", "Sort by"),
    "sort_relevance": ("pertinence", "relevance"),
    "sort_name": ("nom", "name"),
    "sort_amount": ("montant", "amount"),
}


def say(key: str, **values) -> str:
    """A text of the search page in the interface's language."""
    return pick(*TEXTS[key]).format(**values)



def _search(text: str, reading: Reading, kind: list[str] | None, theme: list[str] | None, page: int,
            sort: str | None, filters: dict | None = None) -> dict | None:
    """Run the search of ``text``, which ``reading`` read (:func:`search.syntax.read`), or return None when the
    search package or its index is not there."""
    try:
        from search.query import search
        from webapp.resources import get_index
    except ImportError:
        return None
    index = get_index()
    if index is None:
        return None
    options = {"kind": kind, "theme": theme, "page": page, "reading": reading, "lang": get_lang()}
    if filters:
        options["filters"] = filters
    if sort:
        options["sort"] = sort
    found = search(index, text, **options)
    labels = [hit.get("label") for hit in found.get("results", [])] if found else []
    return marked_french(in_language(found), labels)



def _index_missing() -> str:
    """Why there is no index to search, as ``/api/search`` says it (an ingest building it, or ``maillage index`` to
    run), as a sentence of the page in its language."""
    why = pick(*index_missing())
    return why[:1].upper() + why[1:] + "."


@bp.get("/search")
def search_page():
    """Search the graph in French, with facets and pages."""
    text, sort, types, theme, filters, page, reading, results, error, unavailable = _asked()
    total, size = (results.get("total", 0), results.get("page_size", 20)) if results else (0, 20)
    pages = max(-(-total // size), 1)
    has_next = bool(results) and total > page * size
    # every value of every parameter, in order: a repeated filter (type=grant&type=deliberation) is alternatives
    # that the page's links, its form and its JSON twin must all keep; a page link or a new search starts anew
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
    api_url = site_path("/api/search?") + urlencode(list(request.args.items(multi=True)))

    def page_url(n: int) -> str:
        return site_path("/search?") + urlencode([*args, ("page", n)])

    def facet_url(name: str, value: str | None) -> str:
        return site_path("/search?") + urlencode(with_facet(args, name, value))

    def facet_active(name: str, value: str | None) -> bool:
        return is_active(args, name, value)

    facet_labels = {"kind": t("facet_kind"), "type": t("facet_kind"), "theme": t("facet_theme"),
                    "place": t("facet_place"), "funder": t("facet_funder"), "fiscal_year": t("year"),
                    "goal": t("goal"), "circle": t("circle")}
    notices = [pick(notice["message"], notice["message_en"]) for notice in (results or {}).get("notices", [])]
    if (results or {}).get("partial"):  # the words left out when all of them found nothing
        from search.fewer_words import notice

        notices.append(pick(*notice(results["partial"])))
    filtered = bool(types or theme or filters)
    kinds = {f.get("value") for f in ((results or {}).get("facets") or {}).get("kind", [])}
    hidden = [(k, v) for k, v in args if k not in FORM_FIELDS]
    page_html = render_template("search.html", facet_labels=facet_labels, q=text, hidden=hidden, page=page,
                                results=results, notices=notices, unavailable=unavailable, error=error,
                                has_next=has_next, json_url=api_url, page_url=page_url, facet_url=facet_url, say=say,
                                facet_active=facet_active, active_labels=active_labels(results, args),
                                active=active_filters(results, args, facet_labels), says_more=says_more,
                                understood=read_as(results),
                                csv_url=csv_url(request.args), excel_url=csv_url(request.args, excel=True),
                                pages=pages, total=total, filtered=filtered, sort=sort or "relevance", sorts=SORTS,
                                unfiltered_url=site_path("/search?")
                                + urlencode({"q": text, **({"sort": sort} if sort else {})}),
                                # a type asked in the text (type:grant) is asked as the parameter is: no note
                                no_actor=bool(total) and bool(text) and not types and not reading.values("kind")
                                and "actor" not in kinds)
    return (page_html, 400) if error else page_html


class _Asked(NamedTuple):
    """What the request asks the search page (its text, order, types, themes, other filters and page), the text as
    the search reads it, and the search's answer: its results, or the error that the page says, or why the index
    cannot answer (``unavailable``)."""

    text: str
    sort: str | None
    types: list[str]
    theme: list[str] | None
    filters: dict
    page: int
    reading: Reading
    results: dict | None
    error: str | None
    unavailable: str | None


def _asked() -> _Asked:
    """Read the request's parameters and search with them (nothing is searched when none asks anything)."""
    text, sort = request.args.get("q", ""), request.args.get("sort")
    # every type, as /api/search reads them (its JSON twin's answer): the first one, when empty, hid the others
    types = [k for k in request.args.getlist("type") if k]
    theme = [one for one in request.args.getlist("theme") if one] or None  # the same: alternatives
    filters: dict = {}
    error = None
    try:  # a year or a page that is no number, a name that names nothing: said, as /api/search says them
        for name in ("year", "fiscal_year"):
            check_integers(name)
        page = page_arg()
        filters = resolved_filters(request.args)
    except ApiError as exc:
        page, error = 1, pick(exc.message, exc.message_en)
    asked = (text or types or theme or filters) and error is None
    reading = read(text)  # once: the search gets it, and the note of missing actors asks it for the text's types
    try:
        results = _search(text, reading, types or None, theme, page, sort, filters) if asked else None
    except SearchError as exc:  # a query too long, a bad filter: said on the page, as the API says it
        results, error = None, exc.message_en if get_lang() == "en" and exc.message_en else exc.message
    unavailable = _index_missing() if results is None and asked and error is None else None
    return _Asked(text, sort, types, theme, filters, page, reading, results, error, unavailable)


#: The orders the page offers (those the search answers with, ``?sort=``).
SORTS = ("relevance", "name", "amount")
#: The parameters the search form sets with its own fields; it carries every other one as a hidden field.
FORM_FIELDS = ("q", "sort")
#: The parameters that name one filter (``/api/search`` joins their values as alternatives): a facet link sets one.
FILTER_NAMES = {"fiscal_year": ("fiscal_year", "year"), "year": ("fiscal_year", "year")}


def with_facet(args: list[tuple[str, str]], name: str, value: str | None) -> list[tuple[str, str]]:
    """The parameters ``args`` with the facet ``name`` set to ``value`` alone, or cleared when ``value`` is empty.

    Every value of the facet goes, under each of its names: a value added to them would be one more alternative
    and widen the results (``year=2022&fiscal_year=2024``: either year), where the link of one of the values
    asked (``type=grant&type=deliberation``) should narrow them to it, and another value's link switch to it.

    >>> with_facet([("q", "santé"), ("year", "2022"), ("type", "grant"), ("type", "actor")], "fiscal_year", "2024")
    [('q', 'santé'), ('type', 'grant'), ('type', 'actor'), ('fiscal_year', '2024')]
    >>> with_facet([("type", "grant"), ("type", "deliberation"), ("lang", "en")], "type", None)
    [('lang', 'en')]
    """
    names = FILTER_NAMES.get(name, (name,))
    return [(k, v) for k, v in args if k not in names] + ([(name, value)] if value else [])


def facet_parameter(name: str) -> str:
    """The query parameter that a facet of the results sets (the ``kind`` facet is the ``type`` parameter)."""
    return "type" if name == "kind" else name


def is_active(args: list[tuple[str, str]], name: str, value: str | None) -> bool:
    """Whether the facet ``name``'s ``value`` is one of the filters that ``args`` ask, under any of its names.

    >>> is_active([("q", "santé"), ("year", "2024")], "fiscal_year", "2024")
    True
    >>> is_active([("type", "grant")], "type", "actor")
    False
    """
    return any(k in FILTER_NAMES.get(name, (name,)) and v == value for k, v in args)


def active_labels(results: dict | None, args: list[tuple[str, str]]) -> list[str]:
    """The labels of the facet values that ``args`` filter on, in the facets' order: the page's title names them,
    so that two searches with other filters are two titles in the history and the tabs."""
    facets = (results or {}).get("facets") or {}
    return [f.get("label") or f.get("value") for name, values in facets.items() for f in values or []
            if is_active(args, facet_parameter(name), f.get("value"))]


def active_filters(results: dict | None, args: list[tuple[str, str]], names: dict[str, str]) -> list[dict]:
    """The filters that ``args`` ask, each with its facet's name (``names``), its value's label (as its facet
    names it, else as asked) and the link of the search without it: the top of the page says them, as a phone
    shows the facets, where they are also said, only below every result.

    >>> active_filters(None, [("q", "santé"), ("type", "actor"), ("page", "2")], {"type": "Type"})[0]["url"]
    '/search?q=sant%C3%A9'
    """
    facets = (results or {}).get("facets") or {}
    shown = []
    for name, value in args:
        parameter = "fiscal_year" if name == "year" else name
        facet = "kind" if parameter == "type" else parameter
        if facet not in ("kind", *FILTERS) or not value:
            continue
        label = next((f.get("label") or value for f in facets.get(facet) or [] if f.get("value") == value), value)
        rest = [(k, v) for k, v in args if (k, v) != (name, value) and k != "page"]
        shown.append({"name": names.get(parameter, parameter), "label": label,
                      "url": site_path("/search?") + urlencode(rest)})
    return shown


#: The filters a parameter of their name sets, besides ``type`` (the kind): those of /api/search.
FILTERS = ("theme", "place", "funder", "fiscal_year", "goal", "circle")


def read_as(results: dict | None) -> list[str]:
    """How the search read the words typed, in the page's language: each theme that some of them name, with those
    words (« «\u00a0psy\u00a0» : thème Santé mentale »). A word read as a theme finds what is tagged with it, which
    need not hold the word: the page says why such a result came."""
    labels = {theme.get("iri"): theme.get("label") for theme in (results or {}).get("themes") or []}
    return [say("read_as_theme", words=read["words"], label=labels.get(read["iri"]) or read["iri"])
            for read in (results or {}).get("read_as") or []]


def _plain(text: str) -> str:
    """A text as the page shows it, for comparing: without marks, entities read, spaces of any kind as one."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def says_more(hit: dict, summary: str) -> bool:
    """Whether a result's snippet says more than its kind and its summary (``summary``, as shown, and as given):
    one that repeats them (a goal's « Objectif n°\u00a02 · 1 subvention ») is not shown again.

    >>> says_more({"snippet": "Objectif n°\u00a02 · 1 subvention", "summary": "Objectif n°\u00a02 · 1 subvention"}, "")
    False
    """
    said = _plain(str(hit.get("snippet") or hit.get("highlight") or ""))
    repeated = (hit.get("type_label") or hit.get("kind") or "", hit.get("summary") or "", summary)
    return bool(said) and said not in {_plain(text) for text in repeated}
