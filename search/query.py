"""French full-text search with themes, facets, typo tolerance and completion — what the CLI and the API run.

A query is first a small boolean tree (:mod:`search.trees`), evaluated on cached term bitsets: the bitset of the
matches gives the total and the facet counts, and a best-first split of it by the query's terms gives the shown
page in score order. whoosh's own collectors scored every match through Python matchers: 46 ms median and
390 ms p99 at 10k actors, against a few milliseconds this way (bench/README.md, "Search speed"). The text's
operators (ET/AND, OU/OR, SAUF/NOT, in capitals) and filters (``type:``, ``theme:``) are read by :mod:`search.syntax`;
what it leaves out of a text is said in the answer's ``notices``.

>>> SearchError("page invalide").status
400
"""

from __future__ import annotations

import heapq
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from graph.french_text import counted
from search import fewer_words, plan, syntax, trees
from search.analysis import ABBREVIATIONS, fold, fold_word, iter_words, stem_word
from search.document_kinds import FACETS, KINDS
from search.errors import IndexUnavailable, SearchError
from search.filter_values import read_kind, theme_iris
from search.reader import IndexView, SearchIndex

__all__ = ["search", "every_result", "suggest", "format_results", "snippet", "SearchError", "IndexUnavailable"]

SORTS = ("relevance", "name", "amount")
MAX_PAGE_SIZE = 100
#: The results at most that :func:`every_result` gives (``/search.csv``): each is read from the index's stored
#: documents; a search that finds more says how many it left out.
MAX_EXPORT_RESULTS = 10_000
MAX_QUERY_CHARS = 500
#: Facet values returned per facet (the most frequent first).
FACET_VALUES = 20
SNIPPET_WORDS = 30

#: Facets filterable by a parameter of the same name (``year`` is accepted for ``fiscal_year``).
FILTER_ALIASES = {"year": "fiscal_year", **{f: f for f in FACETS}}


def _check(text, page, sort, page_size) -> str:
    """The text sought, checked with the page and the order asked for."""
    text = (text or "").strip()
    if len(text) > MAX_QUERY_CHARS:
        raise SearchError(f"requête trop longue ({len(text)} caractères, {MAX_QUERY_CHARS} au plus)",
                          f"query too long ({len(text)} characters, at most {MAX_QUERY_CHARS})")
    if not isinstance(page, int) or page < 1:
        raise SearchError("le numéro de page doit être un entier positif", "page must be a positive integer")
    if not isinstance(page_size, int) or not 1 <= page_size <= MAX_PAGE_SIZE:
        raise SearchError(f"la taille de page doit être entre 1 et {MAX_PAGE_SIZE}",
                          f"page size must be between 1 and {MAX_PAGE_SIZE}")
    if sort not in SORTS:
        raise SearchError(f"tri inconnu « {sort} » (possibles : relevance, name, amount)",
                          f"unknown sort '{sort}' (known: relevance, name, amount)")
    return text


def _values(values: str | list[str] | None) -> list[str]:
    """The values of a filter given as one or several (alternatives: ``type=grant&type=deliberation``), the empty
    ones left out."""
    return [one for one in ([values] if isinstance(values, str) else values or []) if one]


def _filters(view: IndexView, kinds: list[str], theme, filters) -> tuple[dict[str, tuple], dict[str, str]]:
    """The filter clauses by the facet each filters, and the themes that the theme filter stands for (each theme
    named and the narrower ones), each with the theme named that it stands for. The values of one filter are
    alternatives (``year=2013&year=2016``: either year), the filters all apply."""
    clauses, theme_set = {}, {}
    if kinds:
        clauses["kind"] = trees.any_of([trees.term("kind" if kind in KINDS else "type", kind) for kind in kinds])
    if themes := _theme_iris(view, theme):
        theme_set = {t: named for named in themes for t in view.themes().expand(named)}
        clauses["theme"] = trees.any_of([trees.term("theme", t) for t in sorted(theme_set)]
                                        + [plan.theme_said(view, named) for named in themes])
    for name, values in (filters or {}).items():
        facet = FILTER_ALIASES.get(name)
        if facet is None:
            raise SearchError(f"filtre inconnu « {name} »", f"unknown filter '{name}'")
        alternatives = [trees.term(facet, str(value).strip())
                        for value in ([values] if isinstance(values, str) else values) if value]
        if alternatives:
            clauses[facet] = trees.any_of(alternatives + ([clauses[facet]] if facet in clauses else []))
    return clauses, theme_set


def _theme_iris(view: IndexView, theme: str | list[str] | None) -> list[str]:
    """The themes that the ``theme`` filter names (several: alternatives, ``theme=A&theme=B``), each by label, IRI
    or slug (:func:`search.filter_values.theme_iris`); raises SearchError for one that names none."""
    found = []
    for name in [theme] if isinstance(theme, str) else theme or []:
        if name and name.strip():
            found += [i for i in theme_iris(view.themes(), name) if i not in found]
    return found


def themes_named(index: SearchIndex, name: str) -> list[str]:
    """The themes that ``name`` names as the ``theme`` filter reads it (by label, IRI or slug), without their narrower
    themes: what ``/api/grants?theme=`` looks up in the graph. Raises SearchError (400) as :func:`search` does for a
    name that names none, with the theme it likely stands for."""
    view = index.view()
    with view.lock:
        return _theme_iris(view, name)


def search(index: SearchIndex, text: str, kind: str | list[str] | None = None,
           theme: str | list[str] | None = None,
           page: int = 1, sort: str = "relevance", filters: Mapping[str, str | list[str]] | None = None,
           page_size: int = 20, reading: syntax.Reading | None = None, lang: str = "fr") -> dict:
    """Search the index; return the JSON-able answer that ``/api/search`` and ``maillage search --json`` give.

    The text's own filters (``type:association``, :func:`search.syntax.read`) are read as ``kind`` and ``theme``
    are (:mod:`search.filter_values`), and apply with them; ``reading``, the text already read by
    :func:`search.syntax.read` (the search page reads it for its own notes), is not read again. ``lang``, the
    interface's language ("fr" or "en"): on the English one, English words are read as English
    (:func:`search.plan._word_clause`), not through the French stemmer. Raises SearchError
    (400) for bad parameters, IndexUnavailable (a SearchError, 503) when no index was built.
    """
    text = _check(text, page, sort, page_size)
    reading = reading or syntax.read(text)
    view = index.view()
    with view.lock:
        found = _match(view, reading, kind, theme, filters, lang)
        hits = _page(view, found.query, found.matched, sort, (page - 1) * page_size, page_size)
        results = [_result(view, docnum, score, found.query.highlight, found.themes) for docnum, score in hits]
        return {"query": text, "total": found.matched.bit_count(), "page": page, "page_size": page_size,
                "sort": sort, "fuzzy": found.fuzzy, "themes": _themes_read(view, found.query),
                "read_as": fewer_words.read_as(found.query, text), "partial": found.partial, "results": results,
                "notices": [{"message": fr, "message_en": en} for fr, en in reading.notices()],
                "facets": _facets(view, found.matched, others=_unfiltered(view, found.query, found.by_facet,
                                                                          found.in_text))}


def every_result(index: SearchIndex, text: str, kind: str | list[str] | None = None,
                 theme: str | list[str] | None = None, sort: str = "relevance",
                 filters: Mapping[str, str | list[str]] | None = None, reading: syntax.Reading | None = None,
                 limit: int = MAX_EXPORT_RESULTS, lang: str = "fr") -> dict:
    """Every result of the search that :func:`search` pages (``limit`` at most, the first in its order), without
    snippets nor facets: what ``/search.csv`` downloads. Raises SearchError as :func:`search` does.

    The answer holds ``query``, ``total`` (every match, those past ``limit`` too), ``sort``, ``fuzzy``, ``themes``
    and ``results``, each result as :func:`search` gives it with ``rank`` (its place, from 1) and no snippet.
    """
    text = _check(text, 1, sort, 1)
    if not isinstance(limit, int) or not 1 <= limit <= MAX_EXPORT_RESULTS:
        raise SearchError(f"la limite doit être entre 1 et {MAX_EXPORT_RESULTS}",
                          f"limit must be 1 to {MAX_EXPORT_RESULTS}")
    reading = reading or syntax.read(text)
    view = index.view()
    with view.lock:
        found = _match(view, reading, kind, theme, filters, lang)
        hits = _page(view, found.query, found.matched, sort, 0, limit)
        results = [{"rank": n, **_result(view, docnum, score, set(), found.themes, with_snippet=False)}
                   for n, (docnum, score) in enumerate(hits, start=1)]
        return {"query": text, "total": found.matched.bit_count(), "sort": sort, "fuzzy": found.fuzzy,
                "themes": _themes_read(view, found.query), "partial": found.partial, "results": results}


@dataclass
class _Matches:
    """What a search text and its filters match: the plan of the text, the bitset of the matches, whether typos
    were tolerated, the filters by facet (the parameters') and the text's own, and the theme that each theme a
    match may be tagged with stands for."""

    query: plan.TextQuery
    matched: int
    fuzzy: bool
    by_facet: dict[str, tuple]
    in_text: list[tuple]
    themes: dict[str, str]
    partial: dict | None = None


def _match(view: IndexView, reading: syntax.Reading, kind, theme, filters, lang: str = "fr") -> _Matches:
    """The matches of a text read by :func:`search.syntax.read` and of the filters ``kind``, ``theme`` and
    ``filters``, in the interface's language ``lang`` (see :func:`search`), found under the view's lock."""
    asked = [_asked(values, name) for values, name in ((kind, "kind"), (theme, "theme"))]
    typed = [_asked(reading.values(name), name) for name in ("kind", "theme")]
    by_facet, theme_set = _filters(view, *asked, filters)
    in_text, text_themes = _filters(view, *typed, None)
    theme_set = {**text_themes, **theme_set}
    groups, scope = syntax.parse(reading.text), trees.all_of([*by_facet.values(), *in_text.values()])
    query = plan.parsed_query(view, groups, scope=scope, lang=lang)
    matched, fuzzy = trees.matches(view, trees.all_of([query.tree, scope])), False
    # typos are tolerated when the words find too few, not when what they find is all excluded: "A SAUF B"
    # finds what A finds less what B finds
    if matched.bit_count() < plan.FUZZY_BELOW and query.words and _too_few(view, query.wanted, scope):
        query = plan.parsed_query(view, groups, fuzzy=True, scope=scope, lang=lang)
        fuzzy_matched = trees.matches(view, trees.all_of([query.tree, scope]))
        if fuzzy_matched.bit_count() > matched.bit_count():
            matched, fuzzy = fuzzy_matched, True
        else:
            query = plan.parsed_query(view, groups, scope=scope, lang=lang)
    partial = None
    if not matched and query.words and (fewer := fewer_words.search_with_fewer(view, reading.text, groups, scope,
                                                                                 lang)):
        query, matched, partial = fewer
    themes = dict(theme_set)
    for iri, _ in query.themes:
        themes.update({t: iri for t in view.themes().expand(iri)})
    return _Matches(query, matched, fuzzy, by_facet, list(in_text.values()), themes, partial)


def _themes_read(view: IndexView, query: plan.TextQuery) -> list[dict]:
    """The themes that the text names (a misspelt one too, when typos were tolerated), with their labels."""
    return [{"iri": i, "label": view.themes().labels.get(i, i)} for i in dict.fromkeys(i for i, _ in query.themes)]


def _too_few(view: IndexView, tree: tuple, scope: tuple) -> bool:
    """True when ``tree`` matches too few documents within ``scope`` for typos to be left untolerated."""
    return trees.matches(view, trees.all_of([tree, scope])).bit_count() < plan.FUZZY_BELOW


def _asked(values: str | list[str] | None, name: str) -> list[str]:
    """The values of the filter ``name`` ("kind" or "theme") as the search takes them: a kind's code
    (:func:`search.filter_values.read_kind`); a theme as given, found in the index's scheme under its lock
    (:func:`_theme_iris`)."""
    return [read_kind(one) for one in _values(values)] if name == "kind" else _values(values)


def _unfiltered(view: IndexView, query, by_facet: dict[str, tuple], in_text: list[tuple]) -> dict[str, int]:
    """For each facet that a parameter's filter narrows, the matches of the query, of the text's filters and of the
    other parameters' filters: its values are counted there, so that each value's count is what its link (which
    sets that value instead, the text unchanged) finds. Counted within the matches, an actor's grant years made
    "2024 (11)" from ``year=2023``, whose link found 54."""
    return {facet: trees.matches(view, trees.all_of([query.tree, *in_text,
                                                     *(c for f, c in by_facet.items() if f != facet)]))
            for facet in by_facet}


def _page(view: IndexView, query, matched: int, sort: str, start: int, size: int):
    """The (docnum, score) pairs of the page: whoosh ranks by relevance; name and amount use cached orders."""
    if not matched:
        return []
    if sort == "relevance" and query.words:
        return trees.rank(view, query.tree, matched, start + size)[start:start + size]
    chosen = view.first(matched, "amount" if sort == "amount" else "name", start + size)
    return [(d, None) for d in chosen[start:start + size]]


def _result(view: IndexView, docnum: int, score, highlight: set[str], themes: dict[str, str],
            with_snippet: bool = True) -> dict:
    fields = view.stored(docnum)
    doc = fields["doc"]
    result = {"iri": fields["iri"], "label": doc["label"], "kind": doc["kind"], "type": doc["type"],
              "type_label": doc["type_label"], "summary": doc["summary"],
              **({"snippet": snippet(doc, highlight)} if with_snippet else {}), "score": score,
              "amount": doc.get("amount"), "identifier": doc.get("identifier"), "matched_theme": None}
    for tagged in doc.get("facets", {}).get("theme", []):
        if tagged in themes:
            asked = themes[tagged]
            result["matched_theme"] = {"iri": asked, "label": view.themes().labels.get(asked, asked),
                                       "via": tagged, "via_label": view.themes().labels.get(tagged, tagged)}
            break
    return result


def snippet(doc: dict, highlight: set[str]) -> str:
    """An HTML extract of the document around its first matched word, matches in ``<mark>``, the rest escaped.

    >>> snippet({"text": "Soutien aux soignants & aidants", "related": "", "summary": ""}, {"soign"})
    'Soutien aux <mark>soignants</mark> &amp; aidants'
    """
    sources = [s for s in (doc.get("text", ""), doc.get("related", ""), doc.get("summary", "")) if s]
    for source in sources:
        if source is not sources[-1] and not _may_match(source, highlight):
            continue
        words = list(iter_words(source))
        first = next((i for i, (w, _, _) in enumerate(words) if _matches(w, highlight)), None)
        if first is None and source is not sources[-1]:
            continue
        start = max(0, (first or 0) - 8)
        chosen = words[start:start + SNIPPET_WORDS]
        if not chosen:
            return html.escape(source[:200], quote=False)
        marked = {i for i, (w, _, _) in enumerate(chosen) if first is not None and _matches(w, highlight)}
        return _mark(source, chosen, marked, start > 0, start + SNIPPET_WORDS < len(words))
    return ""


def _may_match(source: str, highlight: set[str]) -> bool:
    """Cheap test first: a word can match only if its stem or folded form is in the folded text."""
    folded = fold(source)
    return any(term in folded for term in highlight)


def _matches(word: str, highlight: set[str]) -> bool:
    return stem_word(word) in highlight or fold_word(word) in highlight


def _with_sign(source: str, start: int) -> int:
    """Where a snippet that starts with the word at ``start`` starts: before its minus sign, if it is a number's
    (« -2 500 € »: a snippet of a negative amount showed « 2 500 € »), else at the word."""
    if start and source[start - 1] in "-\u2212" and (start == 1 or source[start - 2].isspace()):
        return start - 1
    return start


def _mark(source: str, words, marked: set[int], cut_before: bool, cut_after: bool) -> str:
    """The text from the first to the last of ``words``, escaped, the ``marked`` ones in ``<mark>``. Escaping
    replaces characters one by one, so the runs between marks are escaped at once, not word by word (a page of
    20 snippets of theme queries at 100k actors: 1.2 ms instead of 1.5)."""
    out, position = ["…" if cut_before else ""], _with_sign(source, words[0][1])
    for i in sorted(marked):
        _, start, end = words[i]
        out += [html.escape(source[position:start], quote=False), "<mark>",
                html.escape(source[start:end], quote=False), "</mark>"]
        position = end
    last = words[-1][2]
    out.append(html.escape(source[position:last], quote=False))
    out.append(html.escape(source[last:], quote=False) if not cut_after else "…")
    return "".join(out)


def _facets(view: IndexView, matched: int, strategy: str = "auto", others: dict[str, int] | None = None) -> dict:
    """The FACET_VALUES most frequent values of each facet among the matches, with their labels and counts
    (``strategy``: how they are counted, see ``IndexView.counts``); a facet of ``others`` among those matches
    instead (the matches without its own filter, :func:`_unfiltered`)."""
    answer, others = {}, others or {}
    counted = view.counts(matched, tuple(f for f in ("kind", *FACETS) if f not in others), strategy)
    for facet, bits in others.items():
        counted.update(view.counts(bits, (facet,), strategy))
    for facet in ("kind", *FACETS):
        found, among = counted[facet], others.get(facet, matched)
        if facet == "theme":
            found = _theme_counts(view, among, found)
        if len(found) > FACET_VALUES:  # the values that can make the top, found by count alone (in C)
            least = heapq.nlargest(FACET_VALUES, found.values())[-1]
            found = {value: count for value, count in found.items() if count >= least}
        counts = heapq.nlargest(FACET_VALUES, found.items(), key=lambda vc: (vc[1], vc[0]))
        label = KINDS.get if facet == "kind" else (lambda v, f=facet: view.label(f, v) if f != "fiscal_year" else v)
        if facet == "theme":  # a broader theme no match is tagged with is named by the scheme
            label = (lambda v: view.themes().labels.get(v) if view.label("theme", v) == v else view.label("theme", v))
        answer[facet] = [{"value": v, "label": label(v) or v, "count": c} for v, c in counts]
    return answer


def _theme_counts(view: IndexView, matched: int, found: dict[str, int]) -> dict[str, int]:
    """``found`` (the documents tagged with each theme) counted as the theme filter selects: a theme with narrower
    themes counts the documents tagged with any of them too, so that a facet's count is its link's total."""
    scheme = view.themes()
    for iri in scheme.narrower:
        below = scheme.expand(iri)
        if len(below) > 1:
            bits = 0
            for theme in below:
                bits |= view.bits("theme", theme)
            if count := (bits & matched).bit_count():
                found[iri] = count
    return found


def suggest(index: SearchIndex, prefix: str, limit: int = 10) -> list[dict]:
    """Complete a name being typed: documents whose name has these words, the last one as a prefix, shortest
    names first.

    Accents and case do not matter ("sant" completes "Santé"); fewer than two characters give nothing.
    """
    prefix = (prefix or "").strip()
    if len(prefix) > MAX_QUERY_CHARS:
        raise SearchError(f"texte trop long ({len(prefix)} caractères, {MAX_QUERY_CHARS} au plus)",
                          f"text too long ({len(prefix)} characters, at most {MAX_QUERY_CHARS})")
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise SearchError(f"la limite doit être entre 1 et {MAX_PAGE_SIZE}", f"limit must be 1 to {MAX_PAGE_SIZE}")
    words = [fold_word(w) for w, _, _ in iter_words(prefix)]
    if not words or len(prefix) < 2:
        return []
    view = index.view()
    with view.lock:
        # "St-Ét" completes « Saint-Étienne », as the search finds it: an abbreviation is its word, or (the last one,
        # being typed) that word's start too
        matched = trees.matches(view, trees.all_of([trees.term("exact", ABBREVIATIONS.get(w, w)) for w in words[:-1]]))
        if matched:
            last = view.prefixed("exact", words[-1])
            if words[-1] in ABBREVIATIONS:
                last |= view.prefixed("exact", ABBREVIATIONS[words[-1]])
            matched &= last
        results = [view.stored(docnum) for docnum in view.first(matched, "short", limit)] if matched else []
        return [{"iri": hit["iri"], "label": hit["doc"]["label"], "kind": hit["doc"]["kind"],
                 "type_label": hit["doc"]["type_label"]} for hit in results]


#: The facets' names in the text for a terminal: (French, English).
FACET_NAMES = {"kind": ("type", "kind"), "theme": ("thème", "theme"), "place": ("lieu", "place"),
               "funder": ("financeur", "funder"), "fiscal_year": ("exercice", "fiscal year"),
               "goal": ("objectif", "goal"), "circle": ("cercle", "circle")}


def format_results(results: dict, lang: str = "fr") -> str:
    """The answer as text for a terminal, in ``lang`` (``fr`` or ``en``): one block per result, then the facets."""
    en = lang == "en"
    fuzzy = (" (typos tolerated)" if en else " (avec tolérance aux fautes)") if results.get("fuzzy") else ""
    said = (f"{counted(results['total'], 'result', lang='en')} for '{results['query']}'" if en else
            f"{counted(results['total'], 'résultat')} pour « {results['query']} »")
    lines = [said + fuzzy + f" — page {results['page']}"]
    # what the text held that the search left out or read as words (``^2``, ``auteur:``): said before the results
    lines += [f"note{':' if en else ' :'} {notice['message_en' if en else 'message']}"
              for notice in results.get("notices", [])]
    if results.get("partial"):
        lines.append(f"note{':' if en else ' :'} {fewer_words.notice(results['partial'])[en]}")
    last = max(-(-results["total"] // results["page_size"]), 1)
    if results["page"] > last:  # as the page says it: not an empty list that looks like no result
        lines.append(f"There is no page {results['page']}: the results end on page {last}." if en else
                     f"La page {results['page']} n'existe pas : les résultats s'arrêtent à la page {last}.")
    for i, result in enumerate(results["results"], start=(results["page"] - 1) * results["page_size"] + 1):
        number = result.get("identifier")  # what tells namesakes apart (« FONDATION ARP » twice)
        lines.append(f"{i:>3}. {result['label']}  [{result['type_label']}]"
                     + (f"  {number['scheme']} {number['value']}" if number else ""))
        lines.append(f"     {result['iri']}")
        if result["summary"]:
            lines.append(f"     {result['summary']}")
        # A snippet that only repeats the kind or the summary, the words sought marked, says nothing (as on the page).
        said = html.unescape(re.sub(r"</?mark>", "", result["snippet"]))
        if said and said not in (result["summary"], result["type_label"]):
            lines.append(f"     {html.unescape(result['snippet'].replace('<mark>', '«').replace('</mark>', '»'))}")
        if result["matched_theme"]:
            matched = result["matched_theme"]
            lines.append(f"     {'theme:' if en else 'thème :'} {matched['label']} (via {matched['via_label']})")
    for facet, values in results["facets"].items():
        if values:
            name = FACET_NAMES.get(facet, (facet, facet))[en]
            shown = ", ".join(f"{v['label']} ({v['count']})" for v in values[:8])
            lines.append(f"{name}{':' if en else ' :'} {shown}")
    return "\n".join(lines)
