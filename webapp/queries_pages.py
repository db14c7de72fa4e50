"""The named queries as pages: ``/queries`` lists them, ``/queries/<name>`` is a form and its results, as a table,
CSV or JSON (``?format=csv|json``, or the ``.csv``/``.json`` suffix)."""

from __future__ import annotations

from flask import Blueprint, current_app, request
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from graph.namespaces import sparql_prologue
from graph.sparql import check_query
from webapp.editor import run_for_table
from webapp.i18n import get_lang, t
from webapp.named_queries import get_named_query, named_queries
from webapp.errors import ApiError, wants_html_page
from webapp.labels import qname, term_label
from webapp.views import (Table, labels_of, names_of_unnamed, pick_label, ref, render_page, select, short_iri,
                          wanted_format)

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


def resolve_names(query, values) -> dict:
    """``values`` with a name given for an IRI parameter replaced by the IRI it names. A parameter whose values are
    a scheme's concepts or a class's instances takes one of their labels, notations, titles or dates (a session by
    its day or by its name as its page shows it); another takes a vocabulary term's label (a class, a theme), else
    the one search document of that name (an actor, a goal…). Raises ApiError (400) when no name matches, or when
    several do: the message lists them, each with its IRI."""
    resolved = {key: values.get(key) for key in values}
    for parameter in query.parameters:
        raw = (values.get(parameter.name) or "").strip()
        if parameter.type != "iri" or not raw or raw.startswith(("http://", "https://", "urn:")):
            continue
        found = values_named(parameter, raw) if parameter.values else _named(raw)
        if len(found) > 1 and parameter.default and not parameter.values:
            # "Association": the class, not the kind of member, for a class
            namespace = parameter.default[:max(parameter.default.rfind("#"), parameter.default.rfind("/")) + 1]
            found = [hit for hit in found if hit[0].startswith(namespace)] or found
        if len(found) != 1:
            raise _unresolved(parameter, raw, found)
        resolved[parameter.name] = found[0][0]
    return resolved


#: Matches listed in the message of an ambiguous name.
LISTED_MATCHES = 10


def _unresolved(parameter, raw: str, found: list[tuple[str, dict]]) -> ApiError:
    """The 400 of a name that matches nothing, or several values (listed, label and IRI)."""
    if not found:
        return ApiError(f"« {raw} » ({parameter.label_fr}) : aucun nom ne correspond ; précisez le nom ou donnez "
                        f"l'IRI", f"'{raw}' ({parameter.label_en}): no name matches; give the full name or the IRI",
                        code="bad-parameter")
    rest = len(found) - LISTED_MATCHES

    def listed(lang: str) -> str:
        return ", ".join(f"{labels[lang]} <{iri}>" for iri, labels in found[:LISTED_MATCHES])

    return ApiError(f"« {raw} » ({parameter.label_fr}) : {len(found)} noms correspondent : {listed('fr')}"
                    f"{f' et {rest} autres' if rest > 0 else ''} ; précisez le nom ou donnez l'IRI",
                    f"'{raw}' ({parameter.label_en}): {len(found)} names match: {listed('en')}"
                    f"{f' and {rest} more' if rest > 0 else ''}; give the full name or the IRI", code="bad-parameter")


def _named(text: str) -> list[tuple[str, str]]:
    from graph.identity import fold
    from search.query import suggest
    from webapp.labels import term_label, terms_labelled
    from webapp.resources import get_index

    if terms := terms_labelled(text):
        return [(iri, dict.fromkeys(("fr", "en"), term_label(URIRef(iri)))) for iri in terms]
    index = get_index()
    hits = suggest(index, text, 10) if index is not None else []
    exact = [(h["iri"], {"fr": h["label"], "en": h["label"]}) for h in hits if fold(h["label"]) == fold(text)]
    # the name itself, else what the typed words begin
    return exact or [(h["iri"], {"fr": h["label"], "en": h["label"]}) for h in hits]


#: The values of a parameter (a scheme's concepts, a class's instances) with the names a user may type for them.
_VALUES = """SELECT ?value ?p ?name ?date ?organ ?session WHERE {
  { ?value skos:inScheme ?set } UNION { ?value a ?set }
  OPTIONAL { VALUES ?p { rdfs:label skos:prefLabel skos:altLabel skos:notation dcterms:title dcterms:identifier }
    ?value ?p ?name }
  OPTIONAL { ?value dcterms:date ?date }
  OPTIONAL { ?value mai:body ?body . ?body rdfs:label|skos:prefLabel ?organ }
  OPTIONAL { ?value a mai:Session . BIND(true AS ?session) }
}"""


def parameter_values(parameter) -> dict[str, dict]:
    """The values of ``parameter`` (declared ``in <scheme>`` or ``a <class>``) by IRI: {"labels": the name shown in
    French and in English, "label": in the interface's language, "names": the folded names a user may type for it,
    "rank": its notation}."""
    from graph.identity import fold

    found: dict[str, dict] = {}
    for row in select(_VALUES, set=URIRef(parameter.values[1])):
        value = found.setdefault(str(row["value"]), {"names": set(), "rank": None, "shown": [], "dated": {}})
        if (name := row.get("name")) is not None:
            value["names"].add(fold(str(name)))
            if row["p"] == SKOS.notation:
                value["rank"] = str(name)
            elif row["p"] not in (SKOS.altLabel, DCTERMS.identifier):
                value["shown"].append(name)
        if (day := row.get("date")) is not None:
            value["dated"] = _dated_names(day.toPython(), row.get("organ"), row.get("session") is not None)
            value["names"].update(fold(text) for text in value["dated"].values())
            value["names"].add(fold(str(day)))
    for iri, value in found.items():
        value["labels"] = {lang: _label_in(value["shown"], lang) or value["dated"].get(lang) or short_iri(iri)
                           for lang in ("fr", "en")}
        value["label"] = value["labels"][get_lang()]
    return found


def _label_in(labels: list, lang: str) -> str | None:
    """The label in ``lang``, else one without a language, in French, any."""
    for wanted in (lang, None, "fr"):
        if chosen := sorted(str(label) for label in labels if getattr(label, "language", None) == wanted):
            return chosen[0]
    return min((str(label) for label in labels), default=None)


def _dated_names(day, organ, session: bool) -> dict[str, str]:
    """A dated value's name in each language: its day ("16 mai 2024"), a session's as its page names it ("Séance du
    16 mai 2024 — Bureau Métropolitain")."""
    import datetime as dt

    from graph.ingest.french import format_date_words
    from webapp.i18n import STRINGS

    if not isinstance(day, dt.date):
        return {"fr": str(day), "en": str(day)}
    if isinstance(day, dt.datetime):
        day = day.date()
    words = {"fr": format_date_words(day), "en": f"{day.day} {day.strftime('%B')} {day.year}"}
    if not session:
        return words
    of = dict(zip(("fr", "en"), STRINGS["session_of"]))
    return {lang: of[lang].format(date=words[lang], organ=f" — {organ}" if organ else "") for lang in of}


def values_named(parameter, text: str) -> list[tuple[str, dict]]:
    """The values of ``parameter`` that ``text`` names, as (IRI, its label in French and English): those with a
    name equal to it (case, accents and punctuation aside), else those with a name that contains its words."""
    from graph.identity import fold

    key = fold(text)
    values = parameter_values(parameter)
    exact = [(iri, v["labels"]) for iri, v in values.items() if key in v["names"]]
    if exact or not key:
        return sorted(exact, key=lambda hit: hit[1]["fr"])
    return sorted(((iri, v["labels"]) for iri, v in values.items()
                   if any(f" {key} " in f" {name} " for name in v["names"])), key=lambda hit: hit[1]["fr"])


#: A parameter whose values are the concepts of a scheme is a drop-down list when they are at most this many.
MAX_CHOICES = 30


def choices(parameter) -> list[tuple[str, str]] | None:
    """The (IRI, label) of a parameter's values, in their rank's order, when they are a closed set (a scheme's
    concepts) small enough for a drop-down list; else None (the form has a text field)."""
    if not parameter.values or parameter.values[0] != "in":
        return None
    values = parameter_values(parameter)
    if not values or len(values) > MAX_CHOICES:
        return None

    def order(item):
        rank = item[1]["rank"] or ""
        return (not rank.isdigit(), int(rank) if rank.isdigit() else 0, rank, item[1]["label"])

    return [(iri, value["label"]) for iri, value in sorted(values.items(), key=order)]


def run_named(name: str, values) -> tuple:
    """Run the named query ``name`` with the parameters in ``values``; return (query, Table, truncated)."""
    query = get_named_query(name)
    bindings = query.bindings(resolve_names(query, values))
    plan = check_query(sparql_prologue() + query.text, current_app.config["MAILLAGE"]["max_rows"])
    result = run_for_table(plan, bindings)
    variables = result["variables"]
    table = Table("results", [(v, v) for v in variables])
    rows = [dict(zip(variables, row)) for row in result["rows"]]
    unlabelled = _unlabelled(rows)
    labels = labels_of(unlabelled)
    names = names_of_unnamed(unlabelled - set(labels))  # a grant: as its own page names it
    for values in rows:
        table.rows.append({v: _cell(term, values.get(v + "Label"), labels, names) for v, term in values.items()})
    return query, table, result["truncated"]


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
    names; a word that a query writes in French (an event "entrée", "sortie") in the interface's language."""
    if isinstance(term, URIRef):
        if labels and term in labels:
            label = pick_label([*labels[term], label])
        if get_lang() == "en" and (english := term_label(term)) not in (qname(term), str(term)):
            label = english  # a vocabulary term (a circle, a theme, a class) by its English label
        return ref(term, label if label is not None else (names or {}).get(term))
    if isinstance(term, Literal) and get_lang() == "en" and str(term) in WORDS_EN:
        return Literal(WORDS_EN[str(term)])
    return term


#: The words that named queries write into their results, in English.
WORDS_EN = {"entrée": "joined", "sortie": "left", "présent": "present", "excusé": "excused", "absent": "absent",
            "président": "chair"}


#: Result variables that the page names in the interface's language (key of ``var_<name>`` in webapp.i18n), and
#: those that hold amounts.
NAMED_VARIABLES = ("actor", "amount", "beneficiary", "circle", "coordinator", "cooperation", "date", "deliberation",
                   "event", "funder", "goal", "grants", "identifier", "ingested", "joined", "kind", "left",
                   "location", "member", "organization", "person", "purpose", "rank", "siren", "siret", "source",
                   "status", "subject", "themes", "title", "total", "triples", "via", "year")
MONEY_VARIABLES = ("amount", "total")


def result_headers(variables: list[str]) -> dict[str, str]:
    """The headers of a named query's results table: known variables named, the others as the query names them."""
    return {v: t(f"var_{v}") if v in NAMED_VARIABLES else v for v in variables}


def _required(parameter) -> bool:
    return not parameter.optional and parameter.default is None


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
    query = get_named_query(name)
    submitted = "run" in request.args or not query.parameters or (wanted_format() != "html" and (
        wanted_format() == "csv" or all(request.args.get(p.name) for p in query.parameters if _required(p))))
    data = {"query": query.to_json()}
    truncated, error = False, None
    if submitted:
        try:
            query, table, truncated = run_named(name, request.args)
        except ApiError as exc:
            if not wants_html_page():  # the API's clients get the one JSON error
                raise
            error = exc.message_en if get_lang() == "en" else exc.message  # said on the form, its values kept
        else:
            data["results"] = table
            data["truncated"] = truncated
    variables = [key for key, _ in data["results"].columns] if "results" in data else []
    page = render_page("query.html", data, named=query, values=request.args, prologue=sparql_prologue(),
                       choices={p.name: choices(p) for p in query.parameters} if wanted_format() == "html" else {},
                       headers=result_headers(variables), money=MONEY_VARIABLES, error=error,
                       skip=[v for v in variables if v.endswith("Label") and v[:-len("Label")] in variables])
    return (page, 400) if error else page
