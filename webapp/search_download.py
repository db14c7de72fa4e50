"""Every result of a search as CSV, at ``/search.csv``: the search page's download.

It takes the parameters of ``/search`` (the text, types, themes, facet filters, the order; ``excel=1`` for the
spreadsheet variant) and gives every result in the page's order, not one page, up to
:data:`search.query.MAX_EXPORT_RESULTS` (a search that finds more says how many it left out in the
``X-Maillage-Truncated`` header, as the other downloads do). A bad parameter answers as ``/search`` does: a 400 that
says which and why.
"""

from __future__ import annotations

from flask import Blueprint, request
from werkzeug.datastructures import MultiDict

from search.errors import SearchError
from search.query import MAX_EXPORT_RESULTS, every_result
from search.syntax import read
from webapp.api_parameters import check_integers, page_arg
from webapp.links import local_path, site_path
from webapp.i18n import t
from webapp.page_data import Ref, Table
from webapp.rendering import csv_response, download_name, wants_excel
from webapp.search_api import required_index, resolved_filters, search_error

bp = Blueprint("search_download", __name__)

#: The columns of a search's CSV: its place in the order, the result (its label, then its IRI), its kind and type
#: (stable codes, as ``/api/search`` gives them) and their name, its summary, its score (relevance order only), the
#: amount its summary says, the theme asked that it is tagged with, and the address of its page in the explorer.
COLUMNS = [("rank", "rank"), ("result", "result"), ("kind", "kind"), ("type", "type"), ("type_label", "type_label"),
           ("summary", "summary"), ("score", "score"), ("amount", "amount"), ("theme", "theme"), ("page", "page")]


def search_download_name(text: str) -> str:
    """The name of a search's download: « recherche » (« search » in English) and the text folded to a short key, as
    the funding page's downloads are named (:func:`webapp.rendering.download_name`): « recherche-prevention-et-sante »
    for « Prévention ET « santé » », « recherche » for no text."""
    return download_name(t("file_search"), text)


@bp.get("/search.csv")
def search_csv():
    """Download every result of a search as CSV."""
    text = request.args.get("q", "")
    types = [k for k in request.args.getlist("type") if k]
    themes = [one for one in request.args.getlist("theme") if one]
    for name in ("year", "fiscal_year"):  # as /search checks them
        check_integers(name)
    page_arg()  # /search's links carry it; every result is given whatever its value, but a bad one is said
    filters = resolved_filters(request.args)
    table = Table("results", COLUMNS, links=("result", "theme"), download=search_download_name(text))
    if text or types or themes or filters:  # as the page, which searches nothing before something is asked
        answer = _every_result(text, types, themes, filters)
        table.rows = [_row(hit) for hit in answer["results"]]
        table.more = answer["total"] - len(table.rows)
    return csv_response(table, excel=wants_excel())


def _every_result(text: str, types: list[str], themes: list[str], filters: dict) -> dict:
    """Every result of the search, its kinds, types and summaries in the interface's language; raises ApiError as
    ``/api/search`` says a bad search (400) or a missing index (503)."""
    from webapp.i18n import get_lang
    from webapp.search_english import in_language

    sort = request.args.get("sort") or "relevance"
    try:
        answer = every_result(required_index(), text, kind=types or None, theme=themes or None, sort=sort,
                              filters=filters, reading=read(text), limit=MAX_EXPORT_RESULTS,
                              lang=get_lang())
    except SearchError as exc:
        raise search_error(exc) from None
    return in_language(answer)


def _row(hit: dict) -> dict:
    """A result as a row of the CSV (see COLUMNS)."""
    matched = hit.get("matched_theme")
    return {"rank": hit["rank"], "result": Ref(hit["iri"], hit["label"]), "kind": hit["kind"], "type": hit["type"],
            "type_label": hit["type_label"], "summary": hit["summary"], "score": hit["score"],
            "amount": hit["amount"], "theme": Ref(matched["iri"], matched["label"]) if matched else None,
            "page": request.host_url.rstrip("/") + local_path(hit["iri"])}


def csv_url(args: MultiDict, excel: bool = False) -> str:
    """The address of the download of the search that ``args`` (a request's parameters) asks for: the same
    parameters but the page, the spreadsheet variant with ``excel``."""
    from urllib.parse import urlencode

    kept = [(k, v) for k, v in args.items(multi=True) if k not in ("page", "excel")]
    return site_path("/search.csv?") + urlencode(kept + ([("excel", "1")] if excel else []))
