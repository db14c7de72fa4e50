"""The French search page at ``/search``: results with highlights, facets with counts, pagination.

It calls the search package's ``search.query.search(index, text, kind=, theme=, page=, sort=)`` through
``webapp.resources.get_index()``, as ``/api/search`` does; the JSON twin is ``/api/search``, the download of every
result ``/search.csv`` (:mod:`webapp.search_download`).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

from flask import Blueprint, render_template, request
from rdflib import URIRef

from graph.french_text import counted
from search.errors import SearchError
from search.syntax import Reading, read
from webapp.api_parameters import check_integers, page_arg
from webapp.errors import ApiError
from webapp.formatting import money_text
from webapp.i18n import get_lang, pick, t
from webapp.links import site_path
from webapp.resources import index_missing
from webapp.search_api import resolved_filters
from webapp.search_download import csv_url

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


#: Where the shipped schemes' concepts live (themes, circles, natures): they have English labels.
CONCEPTS = "https://w3id.org/maillage/ontology/"


def in_language(results: dict | None, lang: str | None = None) -> dict | None:
    """``results`` with the kinds', types' and vocabulary concepts' labels in ``lang``, by default the interface's.

    The index keeps French labels; in English, a kind or actor type takes its English name, a theme or circle
    (a concept of the shipped schemes) its English label, and a summary that opens with the kind says it in English.
    """
    if not results or (lang or get_lang()) != "en":
        return results
    from rdflib import URIRef

    from search.document_kinds import LABELS_EN
    from webapp.labels import in_english, term_label

    def concept(iri: str | None, label: str) -> str:
        english = term_label(URIRef(iri), "en") if iri and iri.startswith(CONCEPTS) else None
        return english if english and english != iri else label

    def part_in_english(part: str) -> str:  # "dans Santé mentale": a theme's broader theme, by its French label
        if part.startswith("dans "):
            return f"in {in_english(part[5:], CONCEPTS)}"
        # a theme or a circle by its French label ("Accès aux soins, Prévention", "Cercle opérationnel")
        names = [in_english(name, CONCEPTS) for name in part.split(", ")]
        if names != part.split(", "):
            return ", ".join(names)
        return summary_part_in_english(part)

    for named in results.get("themes", []):  # the themes that the text names, as the results name them
        named["label"] = concept(named.get("iri"), named.get("label") or "")
    for hit in results.get("results", []):
        if hit.get("snippet") and (hit.get("iri") or "").startswith(CONCEPTS):
            hit["snippet"] = definition_in_english(URIRef(hit["iri"]), hit["snippet"])
        french = hit.get("type_label") or ""
        english = LABELS_EN.get(hit.get("type") or "") or LABELS_EN.get(hit.get("kind") or "") or french
        hit["type_label"] = english
        summary = hit.get("summary") or ""
        if french and summary.startswith(french):
            hit["summary"] = english + summary[len(french):]
        if hit.get("summary"):
            hit["summary"] = " · ".join(part_in_english(part) for part in hit["summary"].split(" · "))
        said = re.sub(r"</?mark>", "", hit.get("snippet") or "")  # the words sought are marked in a snippet
        if french and said == french:  # a document without a text of its own
            hit["snippet"] = english
        elif summary and said == summary:  # the same, that the summary stands for
            hit["snippet"] = hit["summary"]
        elif hit.get("snippet") and not (hit.get("iri") or "").startswith(CONCEPTS):
            hit["snippet"] = _concepts_in_english(hit["snippet"])
        hit["label"] = label_in_english(concept(hit.get("iri"), hit.get("label") or ""))
        if matched := hit.get("matched_theme"):
            hit["matched_theme"] = {**matched, "label": concept(matched.get("iri"), matched.get("label") or ""),
                                    "via_label": concept(matched.get("via"), matched.get("via_label") or "")}
    for name, values in (results.get("facets") or {}).items():
        for value in values:
            if name in ("kind", "type"):
                value["label"] = LABELS_EN.get(value.get("value") or "", value.get("label"))
            else:
                value["label"] = concept(value.get("value"), value.get("label"))
    return results


def _concepts_in_english(snippet: str) -> str:
    """A snippet of the names a document relates to (" · " between them), each theme's or circle's French label said
    in English ("Accès aux soins · Cercle opérationnel" → "Access to care · Operational circle"); a name translated
    loses the marks of the words sought in it.

    >>> _concepts_in_english("Accès aux soins · Cercle <mark>opérationnel</mark> · Maison de santé")
    'Access to care · Operational circle · Maison de santé'
    """
    from webapp.labels import in_english

    parts = snippet.split(" · ")
    for n, part in enumerate(parts):
        plain = html.unescape(re.sub(r"</?mark>", "", part))
        if (english := in_english(plain, CONCEPTS)) != plain:
            parts[n] = html.escape(english, quote=False)
    return " · ".join(parts)


def definition_in_english(concept: URIRef, snippet: str) -> str:
    """A snippet cut from the French definition of a shipped concept (a theme, a circle…) as its English
    definition, escaped; another snippet as it is."""
    from webapp.labels import term_comments

    definitions = term_comments(concept)
    said = html.unescape(re.sub(r"</?mark>", "", snippet)).strip(" …")
    if said and definitions.get("en") and said in definitions.get("fr", ""):
        return html.escape(definitions["en"], quote=False)
    return snippet


def _grants(count: str) -> str:
    return counted(int(count), "grant", lang="en")


def _left_out(count: str | None) -> str:
    """What an actor's summary says in English of the grants its total leaves out (« dont 1 hors du total »)."""
    return f", {count} of them left out of the total" if count else ""


def _date_in_english(text: str) -> str:
    """A date that the index wrote in French words (« 1er janvier 2023 ») as English pages write it; else as it is."""
    from graph.ingest.french import parse_date

    day = parse_date(text)
    return f"{day.day} {day.strftime('%B')} {day.year}" if day else text


#: The parts of a search summary that the index writes in French, and how to say them in English (a text, or a
#: function of the match that counts in the singular or the plural).
_SUMMARY_EN = [(re.compile(p), r) for p, r in (
    (r"^(.+) reçus \((\d+) subventions?(?:, dont (\d+) hors du total)?\)$",
     lambda m: f"{m[1]} received ({_grants(m[2])}{_left_out(m[3])})"),
    (r"^(.+) attribués \((\d+) subventions?(?:, dont (\d+) hors du total)?\)$",
     lambda m: f"{m[1]} given ({_grants(m[2])}{_left_out(m[3])})"),
    (r"^(?:dissoute?|dissous) le (.+)$", lambda m: f"dissolved on {_date_in_english(m[1])}"),
    (r"^cessée? le (.+)$", lambda m: f"ceased on {_date_in_english(m[1])}"),
    (r"^a quitté (.+) le (.+)$", lambda m: f"left {m[1]} on {_date_in_english(m[2])}"),
    (r"^(\d+) subventions?, (.+)$", lambda m: f"{_grants(m[1])}, {m[2]}"),
    (r"^(\d+) subventions?$", lambda m: _grants(m[1])),
    (r"^(\d+) acteurs? ou actions?$", lambda m: counted(int(m[1]), "actor or action", "actors or actions", lang="en")),
    (r"^Objectif n°\u00a0?(\S+)$", r"Goal no. \1"), (r"^Objectif stratégique$", "Strategic goal"),
    (r"^Objectif n°\u00a0?(\S+) : (.+)$", r"Goal no. \1: \2"), (r"^Objectif : (.+)$", r"Goal: \1"),
    (r"^(?:de |d')(.+)$", r"from \1"), (r"^à (.+)$", r"to \1"), (r"^dans (.+)$", r"in \1"))]


def summary_part_in_english(part: str) -> str:
    """One part of a search summary said in English, when it is one that the index writes in French, its amounts
    written as English pages write them.

    >>> summary_part_in_english("52 897 € reçus (2 subventions)"), summary_part_in_english("Objectif n°1")
    ('€52,897 received (2 grants)', 'Goal no. 1')
    >>> summary_part_in_english("1 200 € reçus (2 subventions, dont 1 hors du total)")
    '€1,200 received (2 grants, 1 of them left out of the total)'
    >>> summary_part_in_english("dissoute le 30 juin 2021"), summary_part_in_english("cessée le 1er janvier 2023")
    ('dissolved on 30 June 2021', 'ceased on 1 January 2023')
    >>> summary_part_in_english("a quitté PTCE santé Forez le 30 juin 2025")
    'left PTCE santé Forez on 30 June 2025'
    >>> summary_part_in_english("1 subvention, 20 000 €"), summary_part_in_english("1 acteur ou action")
    ('1 grant, €20,000', '1 actor or action')
    >>> summary_part_in_english("d'Auvergne-Rhône-Alpes"), summary_part_in_english("de Lyon")
    ('from Auvergne-Rhône-Alpes', 'from Lyon')
    """
    for pattern, english in _SUMMARY_EN:
        if pattern.match(part):
            return money_in_english(pattern.sub(english, part))
    return money_in_english(part)


#: The names the index gives what no source names (:mod:`search.documents`), and how to say them in English.
_LABEL_EN = [(re.compile(p), r) for p, r in (
    (r"^Subvention de (.+?) à (.+)$", r"Grant of \1 to \2"),
    (r"^Délibération n°\u00a0?(.+)$", r"Deliberation no. \1"),
    (r"^Délibération(?= |$)(.*)$", r"Deliberation\1"))]
#: An amount as the index writes it, the French way ("1 234,50 €"; spaces of any kind between thousands).
_FRENCH_MONEY = re.compile(r"(?<![\d,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})*)(?:,(\d{2}))?[ \u00a0\u202f]€")


def label_in_english(label: str) -> str:
    """A label the index made in French (a grant's, a deliberation's) said in English; others as they are.

    >>> label_in_english("Subvention de 11 750 € à Handisports (2017)")
    'Grant of €11,750 to Handisports (2017)'
    >>> label_in_english("Délibération CONV N° 365-15 — Ville d'Antibes")
    "Deliberation CONV N° 365-15 — Ville d'Antibes"
    """
    for pattern, english in _LABEL_EN:
        if pattern.match(label):
            text = pattern.sub(english, label, count=1)
            return money_in_english(text.replace("montant inconnu", "unknown amount")
                                    .replace("bénéficiaire inconnu", "unknown beneficiary"))
    return label


def money_in_english(text: str) -> str:
    """The amounts in euros of ``text`` written as English pages write them ("20 000 €" → "€20,000").

    >>> money_in_english("2 598 861,83 € given")
    '€2,598,861.83 given'
    """
    def english(match: re.Match) -> str:
        number = float(re.sub(r"\D", "", match[1]) + "." + (match[2] or "0"))
        return money_text(number, "en")

    return _FRENCH_MONEY.sub(english, text)


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


#: The kinds of documents whose label is a text of a French document (a goal's title, a grant's purpose), not a
#: name: the index keeps it in French.
TEXT_KINDS = ("goal", "action", "deliberation", "grant", "agreement")
#: The facets whose values' labels are French texts (a goal's title, a place as a register words it).
FRENCH_FACETS = ("goal", "place")


def marked_french(results: dict | None, labels: list) -> dict | None:
    """``results`` in the page's language (:func:`in_language`), with ``label_lang``, ``snippet_lang`` and a facet
    value's ``lang`` set to "fr" where an English page shows French: the label of a text kind that ``in_language``
    left as it was (``labels``, the labels before it), a snippet quoted from a document (a concept's definition, or
    the kind or summary said again, is English), a goal's or a place's label. A screen reader then reads them
    with French pronunciation (WCAG 3.1.2)."""
    if not results or get_lang() != "en":
        return results
    for hit, label in zip(results.get("results", []), labels):
        textual = (hit.get("kind") or hit.get("type")) in TEXT_KINDS and hit.get("label") == label
        hit["label_lang"] = "fr" if textual else None
        snippet = re.sub(r"</?mark>", "", str(hit.get("snippet") or ""))
        quoted = snippet not in ("", hit.get("type_label"), hit.get("summary"))
        hit["snippet_lang"] = "fr" if quoted and not (hit.get("iri") or "").startswith(CONCEPTS) else None
    for name in FRENCH_FACETS:
        for value in (results.get("facets") or {}).get(name) or []:
            value["lang"] = "fr"
    return results


def _index_missing() -> str:
    """Why there is no index to search, as ``/api/search`` says it (an ingest building it, or ``maillage index`` to
    run), as a sentence of the page in its language."""
    why = pick(*index_missing())
    return why[:1].upper() + why[1:] + "."


@bp.get("/search")
def search_page():
    """Search the graph in French, with facets and pages."""
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
