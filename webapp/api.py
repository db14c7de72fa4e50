"""The JSON API: resources, grants, named queries, and its OpenAPI 3.1 description at ``/api/openapi.json``.

``/api/search`` and ``/api/suggest`` belong to the search blueprint (``webapp/search_api.py``); they are
described here too, so that one document covers the whole API.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask import Blueprint, current_app, jsonify, request
from rdflib import URIRef

from graph.namespaces import MAI, NOT_REPLACED
from search.query import MAX_PAGE_SIZE
from webapp.api_parameters import check_known, integer_arg, page_arg, pole_arg
from webapp.budget_accounts import ACCOUNT_COLUMNS, GRANT_ACCOUNT, account_fields
from webapp.errors import ApiError
from webapp.grant_amounts import (COUNTED_AMOUNT, EVERY_GRANT_YEAR_AMOUNT, EVERY_GRANT_YEAR_COUNTED_AMOUNT,
                                  LISTED_TWICE, counted_amount, same_grants)
from webapp.grant_decisions import OWN_DECISION_DATE, decision_date
from webapp.named_queries import Parameter, get_named_query, is_iri, named_queries
from webapp.page_data import Table, json_value_deep, ref
from webapp.page_queries import select
from webapp.query_parameters import resolve_goal, resolve_name
from webapp.resource_names import collapse, labels_of, names_of_unnamed, pick_label

bp = Blueprint("api", __name__, url_prefix="/api")

#: Grants a page gives unless ``page_size`` says otherwise (1 to MAX_PAGE_SIZE, as on /api/search).
PAGE_SIZE = 50

# One page of grants: the engine sorts the grants on their (inlined) year and amount only, then fetches the
# page's details. Sorted with their details, every grant's labels were read (4–6 s at 100,000 actors; 1 s so).
_GRANTS = """SELECT ?grant ?funder ?funderLabel ?beneficiary ?beneficiaryLabel ?amount ?year ?purpose ?deliberation
  ?deliberationDate ?accepted ?goal ?accountNumber ?accountLabel ?imputation WHERE {
  { SELECT ?grant ?year (MIN(?stated) AS ?amount) WHERE { %GRANTS% } GROUP BY ?grant ?year
    ORDER BY DESC(?year) DESC(?amount) ?grant LIMIT ?limit OFFSET ?offset }
  OPTIONAL { ?grant schema:funder ?funder OPTIONAL { ?funder rdfs:label ?funderLabel } }
  OPTIONAL { ?grant mai:beneficiary ?beneficiary OPTIONAL { ?beneficiary rdfs:label ?beneficiaryLabel } }
  OPTIONAL { ?grant dcterms:description ?purpose }
  OPTIONAL { ?grant mai:decidedBy ?deliberation OPTIONAL { ?deliberation dcterms:date ?deliberationDate } }
  %OWN_DECISION_DATE%
  OPTIONAL { ?grant mai:contributesTo ?goal }
  %GRANT_ACCOUNT%
} ORDER BY DESC(?year) DESC(?amount) ?grant""".replace("%GRANT_ACCOUNT%", GRANT_ACCOUNT) \
    .replace("%OWN_DECISION_DATE%", OWN_DECISION_DATE)

# What the pages of grants add up to: the same rows as the pages list (a grant, its year and amount), counted and
# summed by the engine in xsd:decimal, so that the total is exact whatever the number of grants; the amounts that the
# totals count only (webapp.grant_amounts.COUNTED_AMOUNT), as the funding page's, and how many grants have none.
# A list's grant that a stored deliberation's text decides too (webapp.grant_amounts.LISTED_TWICE) is a row, but the
# total counts it once, as the text decides it: ?same says how many such rows it leaves out.
_GRANTS_TOTAL = """SELECT (COUNT(*) AS ?count) (SUM(?value) AS ?total) (SUM(?left) AS ?uncounted) (SUM(?twice) AS ?same)
WHERE {
  { SELECT ?grant ?year (MIN(?stated) AS ?amount) WHERE { %GRANTS% } GROUP BY ?grant ?year }
  OPTIONAL { %LISTED_TWICE% BIND(1 AS ?listed) }
  BIND(IF(BOUND(?listed), 1, 0) AS ?twice)
  BIND(IF(BOUND(?listed), 0.0, COALESCE(xsd:decimal(?amount), 0.0)) AS ?value)
  BIND(IF(BOUND(?listed) || BOUND(?amount), 0, 1) AS ?left)
}""".replace("%LISTED_TWICE%", LISTED_TWICE)

_FILTERS = {"f": "?grant schema:funder ?f .", "b": "?grant mai:beneficiary ?b .", "y": "?grant mai:fiscalYear ?y .",
            "g": "?grant mai:contributesTo ?g .",  # stated by the grant's source or by a partner register
            # the theme or a narrower one, that the grant's purpose states or its beneficiary works on, as the
            # funding page's « Par thème » counts them (webapp.funding); a grant of several such themes is one
            # grant of the pages and totals, which group by grant
            "t": "?tagged skos:broader* ?t . ?grant dcterms:subject|mai:beneficiary/dcterms:subject ?tagged ."}


def _grants_pattern(filters: str, counted: bool = False) -> str:
    """The grants (with their year and amount) that ``filters`` keep; ``counted``: the amounts that the totals count
    only, unbound for a grant with none. Filtered, each grant's year and amount are looked up; unfiltered, every year
    and amount is read whole, then joined: looked up grant after grant, the 22,029 grants of 100k actors took the
    engine 0.92–1.06 s for a page and 0.51–0.52 s for the total, read whole 0.47 s and 0.10 s."""
    if filters:
        amount = COUNTED_AMOUNT if counted else "?grant schema:amount ?stated"
        return (f"?grant a mai:Grant . {filters} "
                f"OPTIONAL {{ ?grant mai:fiscalYear ?year }} OPTIONAL {{ {amount} }} " + NOT_REPLACED)
    return EVERY_GRANT_YEAR_COUNTED_AMOUNT if counted else EVERY_GRANT_YEAR_AMOUNT


def _iri_arg(name: str) -> URIRef | None:
    value = request.args.get(name)
    if not value:
        return None
    if not is_iri(value):
        raise ApiError(f"« {name} » doit être une IRI", f"'{name}' must be an IRI", code="bad-iri")
    return URIRef(value)


#: The filters of /api/grants that take a name as well as an IRI, as the named queries' parameters of the same
#: names do (``funder``, ``beneficiary`` and ``goal`` of « Subventions par bénéficiaire » and the others).
#: A goal is one of the strategic goals, by its name or its rank (« 2 »), as a circle is by its own, among the goals
#: of the PTCE that ``pole`` gives, if any.
_NAMED_FILTERS = {name: Parameter(name, "iri", fr, en, optional=True, values=values) for name, fr, en, values in (
    ("funder", "Financeur (nom ou IRI)", "Funder (name or IRI)", ("search", "actor")),
    ("beneficiary", "Bénéficiaire (nom ou IRI)", "Beneficiary (name or IRI)", ("search", "actor")),
    ("goal", "Objectif (nom, rang ou IRI)", "Goal (name, rank or IRI)", ("a", str(MAI.StrategicGoal))))}


def _named_arg(name: str, pole: str | None = None) -> URIRef | None:
    """The IRI of ``?name=``: an IRI, or the one actor or goal of that name (the named queries' resolution; an actor
    by its SIRET, SIREN or RNA number too, among the actors that fund a grant for ``funder``, that receive one for
    ``beneficiary``; a goal among the goals of the PTCE ``pole``, if given); raises ApiError (400) for a name that
    names nothing, or several (listed with their IRIs)."""
    from webapp.grant_parties import BENEFICIARIES, FUNDERS
    from webapp.queries_pages import web_lookup

    raw = (request.args.get(name) or "").strip()
    if not raw:
        return None
    parameter = _NAMED_FILTERS[name]
    if name == "goal":
        return parameter.bind(resolve_goal(parameter, raw, web_lookup(), pole))
    side = FUNDERS if name == "funder" else BENEFICIARIES
    return parameter.bind(resolve_name(parameter, raw, web_lookup(), side))


def _theme_arg() -> URIRef | None:
    """The theme that ``?theme=`` names, by label, IRI or slug, read as /api/search reads it: the same 400 and
    suggestion for a name that names none (:func:`search.query.themes_named`); one that names several themes
    (schemes sharing a label) is a 400 that lists their IRIs."""
    from search.query import SearchError, themes_named
    from webapp.search_api import required_index, search_error

    raw = (request.args.get("theme") or "").strip()
    if not raw:
        return None
    try:
        iris = themes_named(required_index(), raw)
    except SearchError as exc:
        raise search_error(exc) from None
    if len(iris) > 1:
        listed = ", ".join(iris)
        raise ApiError(f"« {raw} » nomme plusieurs thèmes ({listed}) : donnez son IRI",
                       f"'{raw}' names several themes ({listed}): give its IRI", code="bad-parameter")
    return URIRef(iris[0])


@bp.get("/resource")
def resource():
    """Return everything the page of ``?iri=`` shows, as JSON."""
    from webapp.resource_pages import resource_data

    check_known(("iri",))
    iri = _iri_arg("iri")
    if iri is None:
        raise ApiError("paramètre « iri » manquant", "missing 'iri' parameter", code="bad-iri")
    return jsonify(json_value_deep(resource_data(str(iri))))


@bp.get("/grants")
def grants():
    """List grants, filtered by funder, beneficiary, year, goal or theme (each an IRI or a name; a goal's PTCE,
    ``pole``, tells apart the goals of one rank or name), a page at a time (``page_size`` grants, 50 unless given)."""
    check_known(("funder", "beneficiary", "year", "goal", "theme", "page", "page_size", "pole"))
    page = page_arg()
    size = integer_arg("page_size", PAGE_SIZE, 1, MAX_PAGE_SIZE)  # the bounds of /api/search's
    year = integer_arg("year", None)
    bindings = {"f": _named_arg("funder"), "b": _named_arg("beneficiary"), "y": year,
                "g": _named_arg("goal", pole_arg()), "t": _theme_arg()}
    # Constant patterns for the filters asked (their values are bound, never formatted in); LIMIT and OFFSET take
    # no variables in SPARQL: they are integers computed here, not request text.
    filters = " ".join(_FILTERS[k] for k, v in bindings.items() if v is not None)
    query = _GRANTS.replace("%GRANTS%", _grants_pattern(filters)).replace("?limit", str(size + 1)) \
        .replace("?offset", str((page - 1) * size))
    rows = collapse(select(query, **bindings), ["funderLabel", "beneficiaryLabel", "accountLabel"])
    # The engine pages by grant (its year and amount); a grant with several goals has a row for each, merged here.
    keys = list(dict.fromkeys((row["grant"], row.get("year"), row.get("amount")) for row in rows))
    shown = set(keys[:size])
    table = Table("grants", [(k, k) for k in ("grant", "funder", "beneficiary", "amount", "year", "purpose",
                                             "deliberation", "decision_date", "goal", "goals", *ACCOUNT_COLUMNS,
                                             "same_grant_as", "counted_in_totals")],
                  links=("grant", "funder", "beneficiary", "deliberation", "goal"))
    same, listed = same_grants(grant for grant, _, _ in keys[:size])
    names = _names([row.get(k) for row in rows for k in ("grant", "deliberation", "goal")]
                   + [other for found in same.values() for other in found])
    table.rows += _grant_rows(rows, shown, (same, listed), names)
    total = select(_GRANTS_TOTAL.replace("%GRANTS%", _grants_pattern(filters, counted=True)), **bindings)[0]
    count = int(total["count"].toPython())
    body = table.to_json()
    page_total = sum((_decimal(counted_amount(amount)) for grant, _, amount in keys[:size] if grant not in listed),
                     Decimal(0))
    # the filtered grants' total first: ``total_amount``, the page's only, was quoted as a funder's total; it is
    # kept for the clients that read it, beside ``page_total_amount``, which says what it is
    body.update({"page": page, "page_size": size, "has_next": len(keys) > size,
                 "more": max(count - page * size, 0), "matching_count": count,
                 "matching_total_amount": _decimal_text(total.get("total")),
                 "matching_uncounted_count": int(total["uncounted"].toPython()),
                 "matching_same_grant_count": int(total["same"].toPython()),
                 "page_total_amount": _decimal_text(page_total), "total_amount": _decimal_text(page_total)})
    return jsonify(body)


def _grant_rows(rows: list[dict], shown: set[tuple], pairs: tuple[dict, set], names: dict) -> list[dict]:
    """The grants of the query's ``rows`` whose keys (grant, year, amount) are ``shown``, a row each, the rows of a
    grant with several goals merged; ``pairs``: the grants that other sources publish too (:func:`same_grants`), and
    those of them that the totals leave out; ``names``: the names of grants, deliberations and goals."""
    same, listed = pairs
    merged: dict[tuple, dict] = {}
    for row in rows:
        key = (row["grant"], row.get("year"), row.get("amount"))
        if key not in shown:
            continue
        if key not in merged:
            merged[key] = {"grant": ref(row["grant"], names.get(row["grant"])),
                           "funder": ref(row.get("funder"), row.get("funderLabel")),
                           "beneficiary": ref(row.get("beneficiary"), row.get("beneficiaryLabel")),
                           "amount": _amount_text(row.get("amount")), "year": row.get("year"),
                           "purpose": row.get("purpose"),
                           "deliberation": ref(row.get("deliberation"), names.get(row.get("deliberation"))),
                           "decision_date": decision_date(row.get("deliberationDate"), row.get("accepted")),
                           "goals": [], **account_fields(row),
                           # one grant that a list publishes and a deliberation's text decides: both rows say so
                           "same_grant_as": [ref(other, names.get(other)) for other in same.get(row["grant"], [])],
                           "counted_in_totals": row["grant"] not in listed}
        goal = ref(row.get("goal"), names.get(row.get("goal")))
        if goal is not None and goal not in merged[key]["goals"]:
            merged[key]["goals"].append(goal)
    for row in merged.values():
        row["goals"].sort(key=lambda goal: (goal.label, goal.iri or ""))
        row["goal"] = row["goals"][0] if row["goals"] else None  # the field before ``goals``, kept for clients
    return list(merged.values())


def _names(iris) -> dict:
    """The names of grants, deliberations and goals as their pages give them: a label in the interface's language
    (a goal's ``skos:prefLabel``), else the name of what no source names ("Subvention de 11 750 € à X",
    "Délibération CONV N° 365-15 — Ville d'Antibes")."""
    iris = {iri for iri in iris if isinstance(iri, URIRef)}
    labels = labels_of(iris)
    names = names_of_unnamed(iris - set(labels))
    return {iri: pick_label(labels.get(iri, ())) or names.get(iri) for iri in iris}


def _decimal(amount) -> Decimal:
    """An amount as an exact decimal (0 for none, or for a value that is no number)."""
    try:
        return Decimal(str(amount)) if amount is not None else Decimal(0)
    except InvalidOperation:
        return Decimal(0)


def _amount_text(amount) -> str | None:
    """A grant's amount as the JSON API gives money: an exact decimal string in plain notation ("20000", "4989.33"),
    as ``matching_total_amount`` is (:func:`_decimal_text`); an amount that is no number as written ("mille
    euros"), None for none. (Not :func:`webapp.formatting.money_text`, which writes an amount for a reader.)

    >>> from rdflib import Literal
    >>> from rdflib.namespace import XSD
    >>> _amount_text(Literal("20000", datatype=XSD.decimal)), _amount_text(Literal("mille euros")), _amount_text(None)
    ('20000', 'mille euros', None)
    """
    if amount is None:
        return None
    try:
        return format(Decimal(str(amount)), "f")
    except InvalidOperation:
        return str(amount)


def _decimal_text(value) -> str:
    """A sum as the engine computed it, in plain decimal notation ("2250220.97", never "2.25E+6").

    >>> _decimal_text(None), _decimal_text("4989.3285"), _decimal_text("20000.00")
    ('0', '4989.3285', '20000.00')
    """
    return format(_decimal(value), "f")


@bp.get("/queries")
def queries():
    """List the named queries with their parameters."""
    return jsonify({"queries": [q.to_json() for q in named_queries().values()]})


@bp.get("/queries/<name>")
def run_query(name: str):
    """Run a named query with its parameters from the query string; return its rows."""
    from webapp.queries_pages import run_named

    check_known([parameter.name for parameter in get_named_query(name).parameters])
    query, table, truncated = run_named(name, request.args)
    body = table.to_json()
    body.update({"query": query.name, "truncated": truncated})
    return jsonify(body)


@bp.get("/openapi.json")
def openapi():
    """Return the OpenAPI 3.1 description of the JSON API."""
    from webapp.openapi import openapi_document

    return jsonify(openapi_document(current_app.config["MAILLAGE"], request.url_root.rstrip("/")))
