"""The page of one resource, at ``/id/…`` (instance IRIs under the base) or ``/resource?iri=…`` (any other IRI).

HTML shows every property with its ontology label and tooltip, the incoming relations, grants given and received
with totals by year, memberships with circle and dates, and a "Pourquoi ?" for each fact that has evidence (also at
``.html``). The same data is JSON (``.json``); the resource's triples are Turtle, JSON-LD, N-Triples or RDF/XML by
``Accept`` or by the ``.ttl``, ``.jsonld``, ``.nt``, ``.rdf`` suffixes.
"""

from __future__ import annotations

import io
from collections import defaultdict
from decimal import Decimal
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, has_request_context, request
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graph.formats import UnknownFormat, rdf_format, xml_safe
from graph.namespaces import DCTERMS, MAI, NOT_REPLACED, OA, ORG, PREFIXES, PROV, SCHEMA
from graph.terms import to_oxigraph
from webapp.cache import cached_select
from webapp.errors import ApiError
from webapp.display import by_language, page_context, shown_as, value_order
from webapp.i18n import t
from webapp.labels import qname, specific_types, term_comment, term_label
from webapp.named_queries import is_iri
from webapp.resource_tables import (approved_agreements, attendance_at_vote, cooperations_created, decided_grants,
                                    goal_inverse, incoming, instances, memberships)
from webapp.resources import get_store
from webapp.views import (Table, amount_cell, collapse, deliberation_label, deliberations_by_number, descending,
                          downloaded, grant_label, names_of_unnamed, number_of, page_window, pick_label, quote_label,
                          ref, render_page, select, session_label)

bp = Blueprint("resource", __name__)

RDF_SUFFIXES = {".ttl": "turtle", ".jsonld": "jsonld", ".nt": "ntriples", ".rdf": "rdfxml"}
RDF_MEDIA = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"]
#: Incoming links of each property (and instances of a class) on one page of the lists, before "n de plus", a link.
INVERSE_CAP = 50

#: Grant rows per page of a funder's or a beneficiary's tables (a funder of the 10k bench has ~400 grants).
GRANTS_PAGE_SIZE = 50
#: Safety cap on the rows of the resource query (its own triples, labelled).
RESOURCE_ROWS_CAP = 20000
#: Memberships on one page of a resource's page: a PTCE's members on its own page, those of a circle a page at a
#: time (a circle of the 100 poles of 100k generated actors has 2,220: 1.2 MB of HTML in 1.7 s, on one page).
MEMBERSHIPS_PAGE_SIZE = 200

# One query gathers the resource's own triples (?p ?o) and whether it has memberships (one ?membership: they are
# read with their members and circles by webapp.resource_tables.memberships, a page at a time), each branch starting
# from the bound ?s and told apart by the variables it binds (a tag literal per row cost more than the rest of the
# row: rdflib's Literal is slow to build). Measured at 10k actors (bench/web.py, pyoxigraph alone): a label OPTIONAL
# on a variable that an earlier OPTIONAL may leave unbound made a hash join over every label (7 ms for 2 rows) —
# labels are nested in the OPTIONAL that binds their subject; and FILTER(?member = ?s || …) scanned every membership.
# A value's rank or family name (?order) orders the values of a property: goals by rank, people by family name.
# Each triple is taken once (a DISTINCT sub-select) before the labels are joined, and the rows are distinct before
# the cap: a triple that several sources state (two registers of one PTCE, a register and the deliberation) matches
# once per graph in their union.
_RESOURCE = """SELECT DISTINCT ?p ?o ?label ?order ?membership WHERE {
  { { SELECT DISTINCT ?p ?o WHERE { ?s ?p ?o } }
    OPTIONAL { ?o rdfs:label|skos:prefLabel|dcterms:title ?label }
    OPTIONAL { ?o skos:notation|foaf:familyName|mai:from/foaf:familyName ?order } }
  UNION { SELECT ?membership WHERE {
      { ?membership org:member ?s } UNION { ?membership org:organization ?s } UNION { ?membership org:role ?s }
    } LIMIT 1 }
} LIMIT %CAP%"""
# The facts whose evidence the page quotes: the resource and the grants, memberships, deliberations and sessions it
# links to; then (:func:`_evidence_of`) their evidence read without OPTIONAL: written as one query with OPTIONAL
# parts, Oxigraph evaluated those over all the store's evidence (350–450 ms per page at 100k actors, against 1–3 ms
# this way). Of the facts that link to it, those its tables list (its grants, its memberships, the grants a
# deliberation decides) are given by IRI: a query of every fact that links to the resource checked them all (a
# SIRENE extract's source page 20,000: 325 ms at 100k actors; a theme's 860 actors: 26 ms), to quote in the JSON
# the evidence of facts that the page does not list.
_FACTS = """SELECT DISTINCT ?fact WHERE {
  { BIND(?s AS ?fact) }
  UNION { ?s ?link ?fact . ?fact a ?factType
          FILTER(?factType IN (mai:Grant, org:Membership, mai:Deliberation, mai:Session)) }
  ?fact mai:evidence [] .
}"""
# %FACTS% and %SOURCES% are IRIs read from the store, written with rdflib's escaping (never request text).
_EVIDENCE = ("SELECT ?fact ?evidence ?p ?o WHERE { VALUES ?fact { %FACTS% } "
             "?fact mai:evidence ?evidence . ?evidence ?p ?o }")
_TITLES = "SELECT ?source ?title WHERE { VALUES ?source { %SOURCES% } ?source dcterms:title ?title }"
# The grants the resource gave (with a beneficiary) and received, with their year and amount: the two tables,
# ordered by year then amount a page at a time, and the totals by year over all of them, come from these rows, kept
# per snapshot (a funder's 167 grants at 100k actors: ~8 ms, which each page of its tables and the totals, an
# aggregate of the same rows, took again). A grant that a later act replaces is left out; one that its sources give
# two amounts (a SHACL violation) is one row, at the smaller, as everywhere (webapp.views.NUMERIC_AMOUNT).
_GIVEN = "?grant schema:funder ?s ; mai:beneficiary [] ."
_RECEIVED = "?grant mai:beneficiary ?s ."
_GRANT_KEYS = f"""SELECT ?grant ?role ?year (MIN(?stated) AS ?amount) WHERE {{
  {{ {_GIVEN} BIND("given" AS ?role) }} UNION {{ {_RECEIVED} BIND("received" AS ?role) }}
  OPTIONAL {{ ?grant mai:fiscalYear ?year }} OPTIONAL {{ ?grant schema:amount ?stated }} {NOT_REPLACED} }}
  GROUP BY ?grant ?role ?year"""
# What the tables show of one page's grants, the other party by name; their evidence comes after, by _EVIDENCE (an
# OPTIONAL evidence part here, nested OPTIONALs and all, made Oxigraph join with every evidence of the store: 0.7 s
# for an actor of 4 grants at 100k actors, against 1 ms). The rows distinct: a label or a number that several
# sources state matches once per graph in their union (132 rows for a funder's page of 50 grants at 100k actors,
# 17 ms; 50 rows, 12 ms). %GIVEN_GRANTS% and %RECEIVED_GRANTS% are IRIs read from the store, written with rdflib's
# escaping (never request text).
_GRANTS_PAGE = """SELECT DISTINCT ?grant ?role ?other ?otherLabel ?purpose ?deliberation ?deliberationLabel WHERE {
  { VALUES ?grant { %GIVEN_GRANTS% } BIND("given" AS ?role)
    ?grant mai:beneficiary ?other OPTIONAL { ?other rdfs:label ?otherLabel } }
  UNION { VALUES ?grant { %RECEIVED_GRANTS% } BIND("received" AS ?role)
    OPTIONAL { ?grant schema:funder ?other OPTIONAL { ?other rdfs:label ?otherLabel } } }
  OPTIONAL { ?grant dcterms:description ?purpose }
  OPTIONAL { ?grant mai:decidedBy ?deliberation OPTIONAL { ?deliberation dcterms:identifier ?deliberationLabel } }
}"""
# A grant that the resource gave or received and that the grants tables list (the incoming links leave those out: a
# funder's page listed its grants twice, and naming them took a fifth of the page's time at 100k actors): asked only
# of a resource with no other triple, whose page is then its grants.
_A_LISTED_GRANT = f"SELECT ?grant WHERE {{ {{ {_GIVEN} }} UNION {{ {_RECEIVED} }} }} LIMIT 1"


def _iri_from_request(key: str | None) -> tuple[str, str | None]:
    """The IRI a request names, and the RDF format its suffix asks for."""
    fmt = None
    if key is None:
        iri = request.args.get("iri", "")
        if not is_iri(iri):
            raise ApiError("paramètre « iri » manquant ou invalide", "missing or invalid 'iri' parameter",
                           code="bad-iri")
        return iri, None
    for suffix, name in RDF_SUFFIXES.items():
        if key.endswith(suffix):
            key, fmt = key[: -len(suffix)], name
    if key.endswith((".json", ".html")):  # the page's JSON twin, or the page itself named as a document
        key = key[:-5]
    iri = current_app.config["MAILLAGE"]["base"] + key
    if not is_iri(iri):  # a character no IRI has (a space, ">", an undecodable byte): no resource is there
        raise ApiError(f"aucune donnée sur <{iri}>", f"no data about <{iri}>", status=404, code="not-found")
    return iri, fmt


@bp.get("/id/<path:key>")
def by_key(key: str):
    """Show the resource ``{base}{key}``: HTML, JSON or RDF."""
    iri, fmt = _iri_from_request(key)
    return _answer(iri, fmt)


@bp.get("/resource")
def by_iri():
    """Show any resource of the graph by its IRI (vocabulary terms, themes, circles…)."""
    iri, _ = _iri_from_request(None)
    return _answer(iri, None)


def _answer(iri: str, fmt: str | None):
    if fmt is None and request.args.get("format"):
        fmt = _rdf_format_arg(request.args["format"])
    if fmt is None and not request.path.endswith((".json", ".html")) and request.args.get("format") is None:
        best = request.accept_mimetypes.best_match(["text/html", "application/json", *RDF_MEDIA], "text/html")
        fmt = rdf_format(best).name if best in RDF_MEDIA else None
    if fmt is not None:
        return describe(iri, fmt)
    data = resource_data(iri)
    return render_page("resource.html", data, highlight=_highlight(), page_url=_page_url, offset_url=_offset_url,
                       shown_as=shown_as, list_size=INVERSE_CAP, members_size=MEMBERSHIPS_PAGE_SIZE,
                       **page_context(data))


def _rdf_format_arg(wanted: str) -> str | None:
    """The RDF format that ``?format=`` names by its name, suffix or media type (``turtle``, ``ttl``,
    ``text/turtle``…), among those a resource is described in; None for another value (the page's html, json, csv).
    """
    try:
        name = rdf_format(wanted.strip().lower()).name
    except UnknownFormat:
        return None
    return name if name in RDF_SUFFIXES.values() else None


def _page_url(page: int) -> str:
    """This page's URL at ``page`` of its grant tables, keeping the rest of its query string."""
    return request.path + "?" + urlencode({**request.args, "page": page})


def _offset_url(offset: int, name: str = "offset") -> str:
    """This page's URL with its lists (incoming links, instances; its memberships with ``name`` "members_offset")
    from ``offset``, keeping the rest of its query string."""
    return request.path + "?" + urlencode({**request.args, name: offset})


def _highlight() -> tuple[int, int] | None:
    try:
        return int(request.args["start"]), int(request.args["end"])
    except (KeyError, ValueError):
        return None


#: The statements about a resource that states nothing itself (a grant that a later act replaces, named only by
#: that act's "replaces"), up to this many: its HTML page shows them as incoming links.
MAX_INCOMING_DESCRIBED = 10_000


def describe(iri: str, fmt_name: str) -> Response:
    """The resource's own triples (its outgoing statements), serialised by Oxigraph; of a resource with none, the
    statements that name it (its page's incoming links), so that its page's formats give what its page shows."""
    fmt = rdf_format(fmt_name)
    result = get_store().query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef(iri)})
    triples = list(dict.fromkeys(ox.Triple(*map(to_oxigraph, t)) for t in result))  # a set, whatever the engine
    if not triples:
        result = get_store().query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }} LIMIT {MAX_INCOMING_DESCRIBED}",
                                   {"o": URIRef(iri)})
        triples = list(dict.fromkeys(ox.Triple(*map(to_oxigraph, t)) for t in result))
    if not triples:
        raise ApiError(f"aucune donnée sur <{iri}>", f"no data about <{iri}>", status=404, code="not-found")
    out = io.BytesIO()
    options = {"prefixes": {k: str(v) for k, v in PREFIXES.items()}} if fmt.name == "turtle" else {}
    ox.serialize(triples, out, fmt.engine, **options)
    response = Response(xml_safe(out.getvalue(), fmt), mimetype=fmt.media_type)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.vary.add("Accept")
    return response


#: The kinds of a property of the vocabulary, whose page's title takes a capital its label does not have.
_PROPERTY_TYPES = {RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}


def resource_data(iri: str, page: int | None = None) -> dict:
    """Everything the page of ``iri`` shows, as plain data (the JSON twin); ``page`` of its grant tables (by
    default the request's ``?page=``, else 1).

    One query reads the resource's own triples and whether it has memberships; its incoming links, memberships
    (a page of them), evidence and grants tables (a page of them) come after, each by its own; the sorted
    memberships and the grants' keys are kept per published snapshot.
    """
    s = URIRef(iri)
    page = _page_arg() if page is None else page
    rows = select(_RESOURCE.replace("%CAP%", str(RESOURCE_ROWS_CAP)), s=s)
    has_memberships = any("membership" in row for row in rows)  # the other branch's rows bind ?p
    offset = _int_arg("offset", 0)
    out = collapse([row for row in rows if "p" in row], ["label", "order"])
    types = [row["o"] for row in out if str(row["p"]) == str(PREFIXES["rdf"]) + "type"]
    of_class = not _CLASSES.isdisjoint(types)
    links_in, linked = _incoming_at(s, offset, of_class, has_memberships)
    if not out and not linked and not select(_A_LISTED_GRANT, s=s):
        raise ApiError(f"aucune donnée sur <{iri}>", f"no data about <{iri}>", status=404, code="not-found")
    labels = [row["o"] for row in out if row["p"] in _LABEL_PREDICATES and isinstance(row["o"], Literal)]
    members_offset = _int_arg("members_offset", 0)
    listed, members = memberships(s, *page_window("memberships", members_offset, MEMBERSHIPS_PAGE_SIZE)) \
        if has_memberships else (None, None)
    decided = decided_grants(s) if MAI.Deliberation in types else None
    evidence: dict[str, list[dict]] = {}
    seen: set[tuple[str, str]] = set()
    tables = [URIRef(row[key].iri) for table, key in ((listed, "membership"), (decided, "grant")) if table
              for row in table.rows]
    _evidence(_evidence_rows(s, tables), evidence, seen)
    label = pick_label(labels) or _unlabelled_name(s, types, out) or (
        names_of_unnamed([s]).get(s) if not types else None)
    if not label and (known := term_label(s)) != iri:
        label = known  # a class of another vocabulary that the graph names nowhere (foaf:Person: « Personne »)
    if label and _PROPERTY_TYPES & set(types):  # a property's label is written small ("bénéficiaire"): not its title
        label = label[:1].upper() + label[1:]
    data = {"iri": iri, "label": label or iri,
            "types": [ref(t, term_label(t)) for t in specific_types(types)],
            "networked": bool(_NETWORKED & set(types)),
            "properties": _properties(out, names_of_unnamed(_unlabelled_values(out)), _numbered(out)),
            "inverse": links_in,
            "evidence": evidence}
    if MAI.StrategicGoal in types:
        data["inverse"] = goal_inverse(s, links_in)
    if MAI.Deliberation in types:
        data["decided_grants"] = decided
        data["approved_agreements"] = approved_agreements(s)
        data["attendance"] = attendance_at_vote(s)
        data["creates"] = _created(s, evidence, seen)
    data.update(_grants(s, pick_label(labels), page, evidence, seen))
    if MAI.Grant in types:
        data["goals"] = _goals_served(s, out)
    if listed is not None:
        data["memberships"], data["members_offset"] = listed, members_offset
        if members is not None:
            data["members"] = members  # a pole's or a circle's: how many members today, how many former
    # A class (declared, or of the types that sources give without the vocabulary declaring them): its instances,
    # by name.
    if of_class or any(str(group["property"].iri) == str(_TYPE) for group in linked):
        data["inverse"] = [group for group in links_in if str(group["property"].iri) != str(_TYPE)]
        data["instances"], data["instances_count"] = instances(s, *page_window("instances", offset, INVERSE_CAP))
    data["offset"] = offset
    data["lists_length"] = _lists_length(data.get("instances_count", 0), offset, links_in, linked)
    text = next((row["o"] for row in out if row["p"] == SCHEMA.text), None)
    data["source_text"] = str(text) if text is not None else None
    return data


_TYPE = URIRef(str(PREFIXES["rdf"]) + "type")
#: The types of a class: its page lists its instances apart from its other incoming links.
_CLASSES = frozenset({OWL.Class, RDFS.Class})
#: What the network page draws around (webapp.network): an actor, a pole, a goal.
_NETWORKED = {MAI.Actor, MAI.Cooperation, MAI.StrategicGoal}


def _incoming_at(s: URIRef, offset: int, of_class: bool, has_memberships: bool) -> tuple[list[dict], list[dict]]:
    """The incoming links of ``s`` from ``offset`` (:func:`incoming`), and the links that tell what links to it: the
    same, but those from the first when ``offset`` is past the end of every list. Past the end, a class that only its
    instances' types name is still a class, and its page says the page does not exist, not that it knows nothing. A
    declared class is known as one by its own triples, and its instances are its longest list: not read again."""
    links_in = incoming(s, offset, INVERSE_CAP, of_class, has_memberships)
    if links_in or not offset or of_class:
        return links_in, links_in
    return links_in, incoming(s, 0, 1, of_class, has_memberships)


def _lists_length(instances: int, offset: int, links_in: list[dict], linked: list[dict]) -> int:
    """The length of the longest list that the page's ``offset`` goes through: its ``instances`` (a class's), or one
    property's incoming links (``links_in`` from ``offset``, else ``linked`` from the first); past it, the page is
    past the end of its lists."""
    if linked is not links_in:
        offset, links_in = 0, linked
    return max([instances, *(offset + len(group["values"]) + group["more"] for group in links_in)])


def _unlabelled_name(s: URIRef, types: list, out: list[dict]) -> str | None:
    """A name for a resource that no source names: a grant by its amount and beneficiary, a session by its day and
    organ, a deliberation without a title by its number and authority (as the links to them name them), a quote by
    its source."""
    def first(predicate: URIRef, column: str = "o"):
        return next((row.get(column) for row in out if row["p"] == predicate and row.get(column) is not None), None)

    if MAI.Grant in types:
        return grant_label(first(SCHEMA.amount), first(MAI.beneficiary, "label"))
    if ORG.Membership in types and (member := first(ORG.member, "label")) and (
            organization := first(ORG.organization, "label")):
        circle = first(ORG.role, "label")
        return t("membership_name", member=member, organization=organization, circle=f" ({circle})" if circle else "")
    if MAI.Proxy in types and (giver := first(MAI["from"], "label")) and (holder := first(MAI.to, "label")):
        return t("proxy_name", giver=giver, holder=holder)
    if MAI.Session in types and (day := first(DCTERMS.date)) is not None:
        return session_label(day, first(MAI.body, "label"))
    if MAI.Deliberation in types and (first(DCTERMS.identifier) or first(MAI.authority)) is not None:
        return deliberation_label(first(DCTERMS.identifier), first(MAI.authority, "label"))
    if OA.TextQuoteSelector in types:
        return _quote_name(s, out)
    return None


#: The sources of a quote that hold the text it quotes: an RDF file that states a quote is its source too.
_QUOTED_SOURCES = "SELECT DISTINCT ?source WHERE { ?s prov:wasDerivedFrom ?source . ?source schema:text [] }"


def _quote_name(s: URIRef, out: list[dict]) -> str | None:
    """A quote (the evidence of a fact) named by the source it is taken from, « Extrait de deliberation.txt » (its
    IRI was its page's title); by its words when no source of it has a title."""
    titled = {row["o"]: row["label"] for row in out if row["p"] == PROV.wasDerivedFrom and row.get("label")}
    if len(titled) > 1:
        quoted = {row["source"] for row in select(_QUOTED_SOURCES, s=s)}
        titled = {source: title for source, title in titled.items() if source in quoted} or titled
    if titled:
        return t("evidence_name", source=titled[min(titled, key=str)])
    quote = next((row["o"] for row in out if row["p"] == OA.exact), None)
    return quote_label(quote) if quote is not None else None


#: The labels and ranks of the goals that a grant serves, and the titles of the registers that link it to them.
_GOALS_SERVED = """SELECT ?x ?label ?rank WHERE { VALUES ?x { %IRIS% }
  OPTIONAL { ?x skos:prefLabel|dcterms:title ?label } OPTIONAL { ?x skos:notation ?rank } }"""
#: The goals that partner registers link a grant to, and those registers (graph.ingest.register_links states the
#: links in the register's graph).
_LINKING_REGISTERS = """SELECT ?goal ?source WHERE {
  GRAPH ?source { ?grant mai:contributesTo ?goal } ?source dcterms:type "register" } ORDER BY ?source"""


def _goals_served(grant: URIRef, out: list[dict]) -> list[dict]:
    """The goals that ``grant`` serves, in rank order (``out``: its properties' rows), each with the partner
    registers that say so."""
    served: dict[URIRef, list[URIRef]] = {row["o"]: [] for row in out if row["p"] == MAI.contributesTo}
    if not served:
        return []
    for row in select(_LINKING_REGISTERS, grant=grant):
        served.setdefault(row["goal"], []).append(row["source"])
    iris = dict.fromkeys([*served, *(r for registers in served.values() for r in registers)])
    found = collapse(select(_GOALS_SERVED.replace("%IRIS%", " ".join(iri.n3() for iri in iris))), ["label"])
    labels = {row["x"]: row.get("label") for row in found}
    ranks = {row["x"]: row["rank"].toPython() for row in found if row.get("rank") is not None}
    goals = [{"goal": ref(goal, labels.get(goal)), "rank": ranks.get(goal),
              "registers": [ref(r, labels.get(r)) for r in registers]} for goal, registers in served.items()]
    return sorted(goals, key=lambda g: (g["rank"] is None, str(g["rank"]).zfill(9), g["goal"].iri))


def _created(s: URIRef, evidence: dict[str, list[dict]], seen: set[tuple[str, str]]) -> list[dict]:
    """The PTCEs that the deliberation ``s`` creates (:func:`cooperations_created`), with the evidence of each and of
    its goals added to ``evidence``."""
    created = cooperations_created(s)
    facts = [URIRef(x.iri) for c in created for x in (c["cooperation"], *(g["goal"] for g in c["goals"]))]
    _evidence(_evidence_of(facts), evidence, seen)
    return created


def _page_arg() -> int:
    return _int_arg("page", 1)


def _int_arg(name: str, least: int) -> int:
    """The request's integer parameter ``name`` (``least`` when absent), at least ``least``."""
    value = request.args.get(name) if has_request_context() else None
    try:
        number = int(value or least)
    except ValueError:
        raise ApiError(f"« {name} » doit être un entier", f"'{name}' must be an integer",
                       code="bad-parameter") from None
    if number < least:
        raise ApiError(f"« {name} » commence à {least}", f"'{name}' starts at {least}", code="bad-parameter")
    return number


_LABEL_PREDICATES = {URIRef(str(PREFIXES["rdfs"]) + "label"), URIRef(str(PREFIXES["skos"]) + "prefLabel"),
                     URIRef(str(PREFIXES["dcterms"]) + "title")}


def _value(term, label=None):
    """A property's value: an IRI as a link named by its label, else by the interface's name for a vocabulary term
    (a class, a concept: as the badges name them), else by the end of the IRI; a literal as it is."""
    if not isinstance(term, URIRef):
        return term
    if label is None and (known := term_label(term)) != qname(term):
        label = known
    return ref(term, label)


def _unlabelled_values(rows: list[dict]) -> list[URIRef]:
    """The IRIs among the values of ``rows`` that have no label, nor a name in the vocabulary (a proxy, a grant)."""
    return [row["o"] for row in rows if isinstance(row["o"], URIRef) and row.get("label") is None
            and row["p"] not in (_TYPE, MAI.evidence) and term_label(row["o"]) == qname(row["o"])]


#: The properties whose values are deliberations: named by their number, as the tables name them.
_DELIBERATION_PROPERTIES = frozenset({MAI.decidedBy, MAI.approvedBy})


def _numbered(rows: list[dict]) -> dict[URIRef, str]:
    """The deliberations among the values of ``rows`` (a grant's, an agreement's), named by their number."""
    return deliberations_by_number(row["o"] for row in rows if row["p"] in _DELIBERATION_PROPERTIES
                                   and isinstance(row["o"], URIRef))


def _properties(rows: list[dict], names: dict[URIRef, str], numbered: dict[URIRef, str] | None = None) -> list[dict]:
    """The resource's properties, with their values in order (by rank or family name, then by name); the texts in
    another language than the page's, where the page's has one, apart (``other_languages``); ``names`` names the
    values that no source names, ``numbered`` the deliberations by their number (whatever their title)."""
    grouped: dict[URIRef, list] = defaultdict(list)
    numbered = numbered or {}
    for row in rows:
        if row["p"] in (SCHEMA.text, MAI.evidence):
            continue
        # A type is named as its badge names it, in the interface's language, whatever the ontology's label.
        label = None if row["p"] == _TYPE else row.get("label")
        if row["p"] in _DELIBERATION_PROPERTIES and row["o"] in numbered:
            label = numbered[row["o"]]
        value = _value(row["o"], label if label is not None else names.get(row["o"]))
        grouped[row["p"]].append((value_order(row.get("order"), value), value))
    properties = []
    for p, values in sorted(grouped.items(), key=lambda kv: term_label(kv[0]).lower()):
        shown, others = by_language([value for _, value in sorted(values, key=lambda kv: kv[0])])
        properties.append({"property": ref(p, term_label(p)), "tooltip": term_comment(p), "values": shown,
                           "other_languages": others})
    return properties


def _evidence_rows(s: URIRef, listed: list[URIRef] = ()) -> list[dict]:
    """The evidence of ``s``, of the facts it links to and of the facts ``listed`` in its tables, as rows of fact,
    evidence, quote, start, end, source, title (the columns :func:`_evidence` reads)."""
    facts = select(_FACTS, s=s)
    return _evidence_of([row["fact"] for row in facts if isinstance(row["fact"], URIRef)] + list(listed))


def _evidence_of(facts: list[URIRef]) -> list[dict]:
    """The evidence of ``facts``, as rows of fact, evidence, quote, start, end, source, title."""
    if not facts:
        return []
    by_evidence: dict[tuple, dict] = {}
    for row in select(_EVIDENCE.replace("%FACTS%", " ".join(f.n3() for f in facts))):
        key = (row["fact"], row["evidence"])
        found = by_evidence.setdefault(key, {"fact": row["fact"], "evidence": row["evidence"]})
        column = _EVIDENCE_PROPERTIES.get(str(row["p"]))
        if column and column not in found:
            found[column] = row["o"]
    rows = [row for row in by_evidence.values() if "quote" in row]
    sources = sorted({row["source"] for row in rows if isinstance(row.get("source"), URIRef)})
    if sources:
        titles = {row["source"]: row["title"]
                  for row in select(_TITLES.replace("%SOURCES%", " ".join(src.n3() for src in sources)))}
        for row in rows:
            row["title"] = titles.get(row.get("source"))
    return sorted(rows, key=lambda row: (str(row["fact"]), str(row["evidence"])))


_EVIDENCE_PROPERTIES = {str(OA.exact): "quote", str(OA.start): "start", str(OA.end): "end",
                        str(PROV.wasDerivedFrom): "source"}


def _evidence(rows: list[dict], found: dict[str, list[dict]], seen: set[tuple[str, str]]) -> None:
    """Add to ``found`` (fact IRI -> its quotes, each with a link to the source page that highlights it) the
    evidence of ``rows`` (:func:`_evidence_of`) not ``seen`` yet."""
    for row in rows:
        fact = str(row["fact"])
        if (fact, str(row["evidence"])) in seen:
            continue
        seen.add((fact, str(row["evidence"])))
        found.setdefault(fact, []).append({
            "quote": str(row["quote"]), "source": ref(row.get("source"), row.get("title")),
            "start": int(row["start"]) if row.get("start") is not None else None,
            "end": int(row["end"]) if row.get("end") is not None else None})


def _grants(s: URIRef, name, page: int, evidence: dict[str, list[dict]], seen: set[tuple[str, str]]) -> dict:
    """One page of the grants given and received by ``s`` (named ``name``), totals by year over all of them, and the
    page's evidence."""
    keys = cached_select(_GRANT_KEYS, s=s)
    if not keys and page == 1:
        return {}
    window = {role: page_window(f"grants_{role}", (page - 1) * GRANTS_PAGE_SIZE, GRANTS_PAGE_SIZE)
              for role in ("given", "received")}
    shown = {role: sorted((r for r in keys if r["role"].value == role), key=_table_order)[start:start + size]
             for role, (start, size) in window.items()}
    details: dict[tuple, list[dict]] = defaultdict(list)
    if shown["given"] or shown["received"]:
        query = _GRANTS_PAGE.replace("%GIVEN_GRANTS%", " ".join(r["grant"].n3() for r in shown["given"])) \
            .replace("%RECEIVED_GRANTS%", " ".join(r["grant"].n3() for r in shown["received"]))
        for row in select(query):
            details[(row["grant"], row["role"].value)].append(row)
    rows = [{**detail, **key} for role in ("given", "received") for key in shown[role]
            for detail in details.get((key["grant"], role)) or [{}]]
    if not any(downloaded(f"grants_{role}") for role in window):  # a page's, not a table's download
        _evidence(_evidence_of(sorted({row["grant"] for row in rows if isinstance(row["grant"], URIRef)}, key=str)),
                  evidence, seen)
    rows = collapse(rows, ["otherLabel", "deliberationLabel"])
    rows.sort(key=_table_order)
    columns = [("grant", "grant"), ("other", "other"), ("year", "year"), ("amount", "amount"),
               ("purpose", "purpose"), ("deliberation", "deliberation")]
    links = ("grant", "other", "deliberation")
    given, received = Table("grants_given", columns, links=links), Table("grants_received", columns, links=links)
    for row in rows:
        table = given if row["role"].value == "given" else received
        # A grant without a purpose is named as everywhere else: "Subvention de 30 000 € à DanaeCare".
        beneficiary = row.get("otherLabel") if row["role"].value == "given" else name
        named = row.get("purpose") or grant_label(row.get("amount"), beneficiary)
        table.rows.append({"grant": ref(row["grant"], named), "other": ref(row.get("other"),
                           row.get("otherLabel")), "year": _number(row.get("year"), int),
                           "amount": amount_cell(row.get("amount")), "purpose": row.get("purpose"),
                           "deliberation": ref(row.get("deliberation"),
                                               t("deliberation_no", number=row["deliberationLabel"])
                                               if row.get("deliberationLabel") is not None else None)})
    by_year = Table("totals_by_year", [("direction", "direction"), ("year", "year"), ("total", "total")])
    counts = {"given": 0, "received": 0}
    totals: dict[tuple, int | float | Decimal] = defaultdict(int)
    for row in keys:  # a grant whose sources give two years counts once for each, as a row each
        counts[row["role"].value] += 1
        totals[(row["role"].value, row.get("year"))] += _amount(row.get("amount"))
    for (role, year), total in sorted(totals.items(), key=lambda kv: (kv[0][0], descending(kv[0][1]))):
        by_year.rows.append({"direction": role, "year": _number(year, int), "total": float(total)})
    pages = max(1, -(-max(counts.values()) // GRANTS_PAGE_SIZE))
    given.more = max(counts["given"] - window["given"][0] - len(given.rows), 0)
    received.more = max(counts["received"] - window["received"][0] - len(received.rows), 0)
    return {"grants_given": given, "grants_received": received, "totals_by_year": by_year,
            "grants_page": {"page": page, "pages": pages, "page_size": GRANTS_PAGE_SIZE,
                            "given": counts["given"], "received": counts["received"]}}


def _table_order(row: dict) -> tuple:
    """The order of the grants tables: the latest year first, then the largest amount, then by IRI."""
    return descending(row.get("year")), descending(row.get("amount")), str(row["grant"])


def _amount(term) -> int | float | Decimal:
    """An amount to add up: its number, or 0 (none, or not a number)."""
    return number_of(term) or 0


def _number(term, kind):
    return kind(term.toPython()) if term is not None else None

