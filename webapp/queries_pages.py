"""The named queries as pages: ``/queries`` lists them, ``/queries/<name>`` is a form and its results, as a table,
CSV or JSON (``?format=csv|json``, or the ``.csv``/``.json`` suffix)."""

from __future__ import annotations

from flask import Blueprint, current_app, request
from rdflib import Literal, URIRef

from graph.namespaces import sparql_prologue
from graph.sparql import check_query
from webapp.editor import run_for_table
from webapp.i18n import get_lang, t
from webapp.named_queries import get_named_query, named_queries
from webapp.errors import ApiError, wants_html_page
from webapp.views import Table, labels_of, names_of_unnamed, pick_label, ref, render_page, wanted_format

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
    """``values`` with a name given for an IRI parameter replaced by the IRI it names: a vocabulary term of that
    label (a class, a circle, a theme), else the one search document of that name (an actor, a goal…). Raises
    ApiError (400) when no name, or more than one, matches."""
    resolved = {key: values.get(key) for key in values}
    for parameter in query.parameters:
        raw = (values.get(parameter.name) or "").strip()
        if parameter.type != "iri" or not raw or raw.startswith(("http://", "https://", "urn:")):
            continue
        found = _named(raw)
        if len(found) > 1 and parameter.default:  # "Association": the class, not the kind of member, for a class
            namespace = parameter.default[:max(parameter.default.rfind("#"), parameter.default.rfind("/")) + 1]
            found = [iri for iri in found if iri.startswith(namespace)] or found
        if len(found) != 1:
            said = "aucun nom ne correspond" if not found else f"{len(found)} noms correspondent"
            said_en = "no name matches" if not found else f"{len(found)} names match"
            raise ApiError(f"« {raw} » ({parameter.label_fr}) : {said} ; précisez le nom ou donnez l'IRI",
                           f"'{raw}' ({parameter.label_en}): {said_en}; give the full name or the IRI",
                           code="bad-parameter")
        resolved[parameter.name] = found[0]
    return resolved


def _named(text: str) -> list[str]:
    from graph.identity import fold
    from search.query import suggest
    from webapp.labels import terms_labelled
    from webapp.resources import get_index

    if terms := terms_labelled(text):
        return terms
    index = get_index()
    hits = suggest(index, text, 10) if index is not None else []
    exact = [h["iri"] for h in hits if fold(h["label"]) == fold(text)]
    return exact or [h["iri"] for h in hits]  # the name itself, else what the typed words begin


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
        return ref(term, label if label is not None else (names or {}).get(term))
    if isinstance(term, Literal) and get_lang() == "en" and str(term) in WORDS_EN:
        return Literal(WORDS_EN[str(term)])
    return term


#: The words that named queries write into their results, in English.
WORDS_EN = {"entrée": "joined", "sortie": "left"}


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


@bp.get("/queries/<name>")
@bp.get("/queries/<name>.json")
@bp.get("/queries/<name>.csv")
def show(name: str):
    """Show a named query as a form; run it when the form is submitted (or when it has no parameters)."""
    for suffix in (".json", ".csv"):
        if request.path.endswith(suffix) and name.endswith(suffix):
            name = name[: -len(suffix)]
    query = get_named_query(name)
    submitted = "run" in request.args or not query.parameters or wanted_format() != "html"
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
                       headers=result_headers(variables), money=MONEY_VARIABLES, error=error,
                       skip=[v for v in variables if v.endswith("Label") and v[:-len("Label")] in variables])
    return (page, 400) if error else page
