"""The named queries as pages: ``/queries`` lists them, ``/queries/<name>`` is a form and its results, as a table,
CSV or JSON (``?format=csv|json``, or the ``.csv``/``.json`` suffix)."""

from __future__ import annotations

import datetime as dt
import re

from flask import Blueprint, current_app, request
from rdflib import Literal, URIRef

from graph.bindings import substitute
from graph.namespaces import sparql_prologue
from graph.sparql import check_query
from webapp.editor import run_for_table
from webapp.i18n import get_lang, t
from webapp.formatting import format_date
from webapp.named_queries import PERIOD, get_named_query, is_iri, named_queries
from webapp.errors import ApiError, wants_html_page
from webapp.labels import in_english, qname, term_label
from webapp.query_parameters import Lookup, names_none, parameter_values, resolve_names
from webapp.resources import get_index, get_store
from webapp.grant_amounts import number_of
from webapp.page_data import Ref, Table, ref
from webapp.rendering import download_name, render_page, wanted_format
from webapp.resource_names import labels_of, names_of_unnamed, pick_label

bp = Blueprint("queries", __name__)


@bp.get("/queries")
@bp.get("/queries.json")
def index():
    """List the named queries."""
    lang = get_lang()
    table = Table("queries", [("name", "name"), ("title", "title"), ("description", "description")])
    for query in named_queries().values():
        table.rows.append({"name": query.name, "title": query.title(lang), "description": query.description(lang)})
    return render_page("queries.html", {"queries": table})


def web_lookup() -> Lookup:
    """Names looked up in the application's store and search index, labelled in the interface's language."""
    return Lookup(get_store, get_index, get_lang())


#: A parameter whose values are the concepts of a scheme is a drop-down list when they are at most this many.
MAX_CHOICES = 30


def choices(parameter) -> list[tuple[str, str]] | None:
    """The (IRI, label) of a parameter's values, in their rank's order, when they are a closed set (a scheme's
    concepts) small enough for a drop-down list; else None (the form has a text field)."""
    if not parameter.values or parameter.values[0] != "in":
        return None
    values = parameter_values(parameter, web_lookup())
    if not values or len(values) > MAX_CHOICES:
        return None

    def order(item):
        rank = item[1]["rank"] or ""
        return (not rank.isdigit(), int(rank) if rank.isdigit() else 0, rank, item[1]["label"])

    return [(iri, value["label"]) for iri, value in sorted(values.items(), key=order)]


def run_named(name: str, values) -> tuple:
    """Run the named query ``name`` with the parameters in ``values``; return (query, Table, truncated)."""
    query = get_named_query(name)
    return (query, *run_bound(query, named_bindings(query, values)))


def named_bindings(query, values) -> dict:
    """The bindings of ``query``'s parameters to ``values``, a name given for an IRI replaced by the IRI it names,
    the parameters not given to their defaults on the request's day (:func:`request_today`)."""
    return query.bindings(resolve_names(query, values, web_lookup()), request_today())


def request_today() -> dt.date:
    """The day of the request, on which a default such as « this year » is read: the application's ``today`` (a test
    fixes the day with it), else the current day."""
    return current_app.config["MAILLAGE"].get("today") or dt.date.today()


def run_bound(query, bindings: dict) -> tuple:
    """Run the named query ``query`` with ``bindings``; return (Table, truncated)."""
    plan = check_query(sparql_prologue() + query.text, current_app.config["MAILLAGE"]["max_rows"])
    result = run_for_table(plan, bindings)
    variables = result["variables"]
    table = Table("results", [(v, v) for v in variables], download=_download_name(query, bindings),
                  links=tuple(v for v in variables if v in query.resource_variables()))
    rows = [dict(zip(variables, row)) for row in result["rows"]]
    unlabelled = _unlabelled(rows)
    labels = labels_of(unlabelled)
    names = names_of_unnamed(unlabelled - set(labels))  # a grant: as its own page names it
    for values in rows:
        cells = {v: _cell(term, values.get(v + "Label"), labels, names) for v, term in values.items()}
        for v, cell in list(cells.items()):  # a label column in another language says what the link says
            label = values.get(v + "Label")
            if isinstance(cell, Ref) and isinstance(label, Literal) and label.language not in (None, get_lang()) \
                    and query.meta.get("labels") != "fr":
                cells[v + "Label"] = Literal(cell.label)
        table.rows.append(_vocabulary_in_language(_circle_named(cells)))
    return table, result["truncated"]


def _download_name(query, bindings: dict) -> str:
    """The name of a query's CSV download: the query's name, then the value of each parameter bound (given or by
    default), in the query's order, each folded and cut short by :func:`download_name`: a resource by its name
    (« subventions-d-un-beneficiaire-ccas-amiens »), a date or a number as written
    (« entrees-sorties-periode-2026-01-01-2026-12-31 »). What the file holds, which its rows do not say: two
    beneficiaries' grants landed as « subventions-d-un-beneficiaire.csv » and « … (1).csv »."""
    values = [bindings[p.name] for p in query.parameters if bindings.get(p.name) is not None]
    labels = labels_of(value for value in values if isinstance(value, URIRef))
    return download_name(query.name, *(_value_named(value, labels) for value in values))


def _value_named(value, labels: dict) -> str:
    """A parameter's value as a download's name says it: a resource by its name (:func:`pick_label` of ``labels``),
    else its IRI's last segment; a literal as written."""
    if isinstance(value, URIRef):
        return pick_label(labels.get(value, ())) or re.split(r"[/#]", str(value).rstrip("/#"))[-1]
    return str(value)


def period_said(query, bindings: dict) -> str | None:
    """The period that ``bindings`` give the query's period parameters (:data:`PERIOD`), in words in the interface's
    language (« Période : du 1er janvier 2026 au 31 décembre 2026 »), or None for a query without a period."""
    start, end = (bindings.get(name) for name in PERIOD)
    if start is None or end is None:
        return None
    return t("query_period", start=format_date(start.toPython()), end=format_date(end.toPython()))


def _circle_named(cells: dict) -> dict:
    """``cells`` with a member's missing circle (a register's unknown or missing circle) named « Sans cercle », as
    the home page counts it, with no IRI: the members' lists left the cell blank, and its CSV's ``circle_iri`` and
    ``circleLabel`` stay empty (no circle has them)."""
    if "circle" in cells and cells["circle"] is None and cells.get("member") is not None:
        cells["circle"] = Ref(None, t("no_circle"))
    return cells


#: Result columns that a query writes as the French labels of a shipped vocabulary's concepts, several joined by
#: " | " (the members' kinds and themes), and the namespace of those concepts.
VOCABULARY_COLUMNS = {"kind": "https://w3id.org/maillage/ontology/kind/",
                      "themes": "https://w3id.org/maillage/ontology/theme/",
                      "themes_other_sources": "https://w3id.org/maillage/ontology/theme/"}


def _vocabulary_in_language(cells: dict) -> dict:
    """``cells`` with the vocabulary labels of :data:`VOCABULARY_COLUMNS` in the interface's language: in English,
    « Collectivité | Télémédecine » stayed French on a page whose other words (and the actor pages) were English."""
    if get_lang() != "en":
        return cells
    for column, namespace in VOCABULARY_COLUMNS.items():
        if isinstance(cells.get(column), Literal):
            names = str(cells[column]).split(" | ")
            cells[column] = Literal(" | ".join(in_english(name, namespace) for name in names))
    return cells


def _unlabelled(rows: list[dict]) -> set[URIRef]:
    """The IRIs of a query's results that its ``?xLabel`` columns leave without a label in the interface's language
    (no such column, unbound, or a label in another language): the page looks their labels up."""
    lang = get_lang()
    found = set()
    for values in rows:
        for variable, term in values.items():
            label = values.get(variable + "Label")
            if isinstance(term, URIRef) and (label is None or getattr(label, "language", None) not in (None, lang)):
                found.add(term)
    return found


def _cell(term, label=None, labels=None, names=None):
    """A result's value: an IRI as a link named by its ``?xLabel`` column, or by the label in the interface's
    language that ``labels`` (IRI -> its labels) gives it, or by the name ``names`` gives a resource that no source
    names; a word that a query writes in French (an event "entrée", "sortie"), or a list of them, in the interface's
    language."""
    if isinstance(term, URIRef):
        if labels and term in labels:
            label = pick_label([*labels[term], label])
        elif names and term in names:  # a name that the query gives in another language (a grant's, in French)
            label = names[term]
        if get_lang() == "en" and (english := term_label(term)) not in (qname(term), str(term)):
            label = english  # a vocabulary term (a circle, a theme, a class) by its English label
        elif label is None and (known := term_label(term)) not in (qname(term), str(term)):
            label = known  # a term of a standard vocabulary that the store does not name (dcterms:subject: "thème")
        return ref(term, label if label is not None else (names or {}).get(term))
    if isinstance(term, Literal) and get_lang() == "en":
        words = str(term).split(", ")  # one word, or a list of them (« présent, président »: a chair's roles)
        if all(word in WORDS_EN for word in words):
            return Literal(", ".join(WORDS_EN[word] for word in words))
    return term


#: The words that named queries write into their results, in English.
WORDS_EN = {"entrée": "joined", "sortie": "left", "présent": "present", "excusé": "excused", "absent": "absent",
            "président": "chair", "secrétaire": "secretary", "représenté": "represented"}


#: Result variables that the page names in the interface's language (key of ``var_<name>`` in webapp.i18n), and
#: those that hold amounts.
NAMED_VARIABLES = ("account", "actor", "amount", "beneficiary", "circle", "coordinator", "cooperation", "date",
                   "deliberation", "event", "fromA", "fromB", "funder", "goal", "goals", "grant", "grants", "holder",
                   "identifier", "ingested", "joined", "kind", "left", "location", "member", "number", "organization",
                   "person", "pole", "purpose", "rank", "rna", "siren", "siret", "source", "status", "subject",
                   "themes", "themes_other_sources", "title", "total", "triples", "uncounted", "via", "year")
MONEY_VARIABLES = ("amount", "total")


def result_headers(variables: list[str]) -> dict[str, str]:
    """The headers of a named query's results table: known variables named, the others as the query names them."""
    return {v: t(f"var_{v}") if v in NAMED_VARIABLES else v for v in variables}


def _required(parameter) -> bool:
    return not parameter.optional and parameter.default is None


def _defaults(query) -> dict:
    """The bindings of the parameters that have a default, to it on the request's day: what the form holds before it
    is sent."""
    today = request_today()
    return {p.name: p.bind(None, today) for p in query.parameters if p.default is not None}


def unmatched(query, values) -> list[str]:
    """What the page says of each text that names nothing its parameter looks for (a place that no place's name
    contains), in the interface's language: the reason of no rows, rather than « Aucun résultat » alone. A long
    text is said by its beginning."""
    lookup = web_lookup()
    return [t("query_nothing_named", text=raw if len(raw) <= 80 else raw[:79] + "…", label=p.label(lookup.lang))
            for p in query.parameters if p.type == "string" and p.values
            and (raw := (values.get(p.name) or "").strip()) and names_none(p, raw, lookup)]


def given_values(query, values) -> list[tuple[str, str]]:
    """The parameters that a request gives, each as (its label, its value): an IRI by the label the graph gives it
    (« PTCE santé DanaeCare », not its address), for the page to say what its results answer before them."""
    given = [(p, raw) for p in query.parameters if (raw := (values.get(p.name) or "").strip())]
    iris = [URIRef(raw) for _, raw in given if is_iri(raw)]
    names = {str(iri): pick_label(found) for iri, found in labels_of(iris).items()} if iris else {}
    # the label without its hint on what to type (« Cercle (nom, rang ou IRI) »): the value is already given
    return [(p.label(get_lang()).split(" (")[0], names.get(raw) or raw) for p, raw in given]


@bp.get("/queries/<name>")
@bp.get("/queries/<name>.json")
@bp.get("/queries/<name>.csv")
def show(name: str):
    """Show a named query as a form; run it when the form is submitted (or when it has no parameters).

    The JSON twin of a form not yet submitted, whose required parameters are not all given, is the query's
    description without results (the page's "in JSON" link must not be an error); ``run=1`` asks for the results.
    """
    for suffix in (".json", ".csv"):
        if request.path.endswith(suffix) and name.endswith(suffix):
            name = name[: -len(suffix)]
    query, today = get_named_query(name), request_today()
    submitted = "run" in request.args or not query.parameters or (wanted_format() != "html" and (
        wanted_format() == "csv" or all(request.args.get(p.name) for p in query.parameters if _required(p))))
    data = {"query": query.to_json(today)}
    truncated, error, bindings, notes = False, None, _defaults(query), []
    if submitted:
        try:
            bindings = named_bindings(query, request.args)
            table, truncated = run_bound(query, bindings)
        except ApiError as exc:
            if not wants_html_page():  # the API's clients get the one JSON error
                raise
            error = exc.message_en if get_lang() == "en" else exc.message  # said on the form, its values kept
        else:
            data["results"] = table
            data["truncated"] = truncated
            notes = unmatched(query, request.args) if not table.rows and wanted_format() == "html" else []
            if any((number_of(row.get("uncounted")) or 0) > 0 for row in table.rows):  # what it means, and why
                notes.append(t("uncounted_column"))
    variables = [key for key, _ in data["results"].columns] if "results" in data else []
    # the editor gets the query as the page ran it: its parameters' values written in, as the engine receives them
    page = render_page("query.html", data, named=query, values=request.args, notes=notes,
                       given=given_values(query, request.args) if "results" in data else [],
                       period=period_said(query, bindings) if "results" in data else None,
                       defaults={p.name: p.default_on(today) for p in query.parameters},
                       sparql=substitute(sparql_prologue() + query.text, bindings),
                       choices={p.name: choices(p) for p in query.parameters} if wanted_format() == "html" else {},
                       headers=result_headers(variables), money=MONEY_VARIABLES, error=error,
                       skip=[v for v in variables if v.endswith("Label") and v[:-len("Label")] in variables])
    return (page, 400) if error else page
