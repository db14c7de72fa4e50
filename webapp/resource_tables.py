"""The lists of a resource's page that may be long, each cut to a page: its incoming links (a goal's with its pole's
former members marked) and, by its kind, the grants a deliberation decides (the first ones; all in the table's CSV)
and the instances of a class by name, from an offset. The memberships of an actor, a pole or a circle are
webapp.resource_memberships'; what else a deliberation's page shows is in webapp.deliberation_tables.
"""

from __future__ import annotations

from collections import defaultdict

from flask import current_app
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import PROV

from graph.identity_names import fold
from graph.namespaces import MAI, NOT_REPLACED, ORG, SCHEMA, sparql_prologue
from graph.terms import term_parts
from webapp.cache import cached_slice
from webapp.deliberation_citations import NOT_CITED
from webapp.deliberation_links import DELIBERATION_LINKS, dated_deliberations, entry_name, newest_first
from webapp.goal_references import Resolved, also_named, resolved_references
from webapp.grant_amounts import amount_cell, descending
from webapp.i18n import get_lang, t
from webapp.labels import inverse_label, term_comment, term_label
from webapp.links import twin_url
from webapp.page_data import Table, ref
from webapp.page_queries import select
from webapp.rendering import shown_rows
from webapp.resource_memberships import membership_status
from webapp.resource_names import collapse, grant_label, labels_of, names_of_unnamed, party_label, pick_label
from webapp.resources import get_store

#: Grants of a deliberation shown on its page (an SCDL file may tie hundreds of rows to one deliberation).
DECIDED_CAP = 50

# The deliberation's grants, the largest first, then what the table shows of those kept; a grant that its sources give
# two amounts (a SHACL violation) once, at the smaller, as everywhere (webapp.grant_amounts.COUNTED_AMOUNT).
# A grant's nature, year and account, said beside its amount as a clerk reads a decision (« subvention de
# fonctionnement, 2024, SERV/65748/PROCE »): one of each per grant, taken with its amount. The grants that a grants
# list publishes under its number are not its text's: they have a table of their own (webapp.deliberation_citations).
_DECIDED = """SELECT ?grant ?amount ?nature ?year ?account ?beneficiary ?beneficiaryLabel ?purpose WHERE {
  { SELECT ?grant (MIN(?stated) AS ?amount) (SAMPLE(?aNature) AS ?nature) (MIN(?aYear) AS ?year)
           (MIN(?anAccount) AS ?account) WHERE {
      ?grant mai:decidedBy ?s OPTIONAL { ?grant schema:amount ?stated } OPTIONAL { ?grant mai:nature ?aNature }
      OPTIONAL { ?grant mai:fiscalYear ?aYear } OPTIONAL { ?grant mai:budgetAccount ?anAccount } %NOT_REPLACED%
      %NOT_CITED% }
    GROUP BY ?grant ORDER BY DESC(?amount) ?grant LIMIT %CAP% }
  OPTIONAL { ?grant mai:beneficiary ?beneficiary OPTIONAL { ?beneficiary rdfs:label ?beneficiaryLabel } }
  OPTIONAL { ?grant dcterms:description ?purpose }
}""".replace("%NOT_REPLACED%", NOT_REPLACED).replace("%NOT_CITED%", NOT_CITED)
_DECIDED_COUNT = ("SELECT (COUNT(DISTINCT ?grant) AS ?grants) WHERE { ?grant mai:decidedBy ?s "
                  f"{NOT_REPLACED} {NOT_CITED} }}")
# The instances of a class with their names: each instance once, then its names. As the union of the labelled and
# the bare instances, every label came once for each source that types the instance and once for each that names it
# (289,516 rows for the 100,135 actors of 100k generated actors, 4.7 s; this way 100,135 rows, 2.6 s, both on a
# busy host).
_INSTANCES = """SELECT ?x ?label WHERE {
  { SELECT DISTINCT ?x WHERE { ?x a ?s } } OPTIONAL { ?x rdfs:label|skos:prefLabel|dcterms:title ?label }
}"""
_INSTANCES_BARE = "SELECT DISTINCT ?x WHERE { ?x a ?s }"
# Every name of the store, for the instances of a large class (SCANNED_FROM).
_ALL_NAMES = "SELECT ?x ?label WHERE { ?x rdfs:label|skos:prefLabel|dcterms:title ?label }"
# The incoming links, without labels: the page of a source has one for each resource that came from it (20,000 for
# a SIRENE extract). They are sorted and cut to a page of each property here, then only those shown are labelled: a
# label OPTIONAL on each link took the engine 0.7 s for those 20,000 (the page 1.5–2.2 s at 100k actors), sorting
# them by IRI in the engine 0.8 s (each comparison decodes both strings), reading them bare 0.08 s.
# The grants that the page lists in its grants tables (webapp.resource_grants: those the resource received, and those
# it gave that have a beneficiary) are left out by the engine: read and then taken out in Python, a funder's 167
# grants at 100k actors cost a query of their own (2.7 ms) besides the links (1.8 ms); this way 1.3 ms. So are, on a
# page with a memberships table (%LISTED%: :data:`MEMBERSHIP_LINKS`), the memberships that link to the resource as
# its pole or its circle, which that table lists whole: a circle that the 100 poles of 100k actors share has 3,332,
# which were read again here, then a page of them named (its page 63 -> 32 ms, the largest pole's 32 -> 16 ms).
# A node of another class than mai:Grant that names the resource as funder or beneficiary is no grant of those tables:
# a link here. A renamed member's old address (dcterms:isReplacedBy) is not shown: it only leads back to this page,
# whose « ancien nom » says the rename.
_INCOMING_LINKS = """{ ?x ?ip ?s FILTER(?ip NOT IN (schema:funder, mai:beneficiary, dcterms:isReplacedBy%LISTED%)) }
  UNION { ?x schema:funder ?s FILTER(NOT EXISTS { ?x mai:beneficiary [] } || NOT EXISTS { ?x a mai:Grant })
          BIND(schema:funder AS ?ip) }
  UNION { ?x mai:beneficiary ?s FILTER NOT EXISTS { ?x a mai:Grant } BIND(mai:beneficiary AS ?ip) }"""
#: How a membership links to its pole and its circle: on their pages, rows of the memberships table, not incoming
#: links. A member's page lists its few memberships among its incoming links too ("membre de", which names each).
MEMBERSHIP_LINKS = (ORG.organization, ORG.role)
_INCOMING = f"SELECT ?ip ?x WHERE {{ {_INCOMING_LINKS} }}"
#: Incoming links of one property past which its list is cut by the engine, in the order of its index, instead of
#: sorted by IRI here: reading the 20,000 links of a SIRENE extract's source page took 0.25 s at 100k actors on a
#: slow host (the engine decodes each IRI from its strings' table, ~8 µs), sorting them in the engine 2.3 s; counting
#: them 15 ms and reading one page of 50 in the index's order 1 ms. That order is the IRIs' hashes': stable for a
#: published snapshot, and as meaningful to a reader as the order of thousands of IRIs.
LONG_LIST = 2000
_INCOMING_COUNTS = f"SELECT ?ip (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {_INCOMING_LINKS} }} GROUP BY ?ip"
_INCOMING_SHORT = f"SELECT ?ip ?x WHERE {{ {_INCOMING_LINKS} FILTER(?ip NOT IN (%LONG%)) }}"
_INCOMING_PAGE = f"SELECT DISTINCT ?x WHERE {{ {_INCOMING_LINKS} FILTER(?ip = ?link) }} LIMIT %SIZE% OFFSET %OFFSET%"
# A class's incoming links, but its instances (listed apart, by name: :func:`instances`): those stated in the graphs
# that describe the class (the vocabulary's), read through their graph's index, where every link to it took 0.35 s
# for the 145,000 instances of mai:Actor at 100k actors (0.04 s filtered in the engine).
_CLASS_INCOMING = """SELECT ?ip ?x WHERE {
  { SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } } GRAPH ?g { ?x ?ip ?s } FILTER(?ip != rdf:type)
}"""


#: The kind of resource (:data:`webapp.resource_names.UNNAMED_KINDS`) that links to another through each of these
#: properties; "titled": resources that their sources always name.
_LINKED_FROM = {str(p): kind for kind, properties in (
    ("grant", (SCHEMA.funder, MAI.beneficiary, MAI.decidedBy, MAI.governedBy)),
    ("membership", (ORG.member, ORG.organization, ORG.role)), ("proxy", (MAI["from"], MAI.to)),
    ("deliberation", (MAI.authority, MAI.session)),
    ("titled", (MAI.party, MAI.approvedBy))) for p in properties}  # agreements: a title each (AgreementShape)


#: The properties through which a source's previous versions (mai:SourceVersion) link to it, or to each other.
_VERSION_LINKS = {str(PROV.wasDerivedFrom), str(PROV.wasRevisionOf)}


def incoming(s: URIRef, offset: int, size: int, of_class: bool = False, memberships: bool = False) -> list[dict]:
    """Incoming links grouped by property in IRI order, ``size`` of each from ``offset`` (blank nodes first,
    then IRIs in order; deliberations newest first, named by number, date and title: webapp.deliberation_links;
    past LONG_LIST links, in the engine's order), with how many more; only the links shown are labelled.
    ``of_class``: ``s`` is a class, whose instances are not read here. The grants that the page lists in its grants
    tables are left out (_INCOMING), and with ``memberships`` (the page has a memberships table) the memberships of
    which ``s`` is the pole or the circle."""
    store = get_store()
    listed = "".join(f", <{p}>" for p in MEMBERSHIP_LINKS) if memberships else ""

    def query_of(template: str) -> str:
        return sparql_prologue() + template.replace("%LISTED%", listed)

    query = query_of(_CLASS_INCOMING if of_class else _INCOMING)
    rows = list(store.query(f"{query} LIMIT {LONG_LIST + 1}", {"s": s}).raw_rows())
    long: dict[str, int] = {}  # the properties whose lists the engine cuts, with their lengths
    if len(rows) > LONG_LIST:  # not all read: perhaps a long list
        long = {} if of_class else _long_lists(s, query_of(_INCOMING_COUNTS))
        if long:
            query = query_of(_INCOMING_SHORT.replace("%LONG%", ", ".join(f"<{p}>" for p in long)))
        rows = store.query(query, {"s": s}).raw_rows()
    links = _links(rows)
    dated = dated_deliberations(URIRef(x) for p, xs in links.items() if p in DELIBERATION_LINKS
                                for is_iri, x in xs if is_iri)
    shown = {p: (newest_first(xs, dated) if p in DELIBERATION_LINKS else sorted(xs))[offset:offset + size]
             for p, xs in links.items()}
    sizes = {p: len(xs) for p, xs in links.items()} | long
    for p in long:  # in the engine's order, deliberations too: dated only once shown
        page = query_of(_INCOMING_PAGE.replace("%SIZE%", str(size)).replace("%OFFSET%", str(offset)))
        found = store.query(page, {"s": s, "link": URIRef(p)}).raw_rows()
        shown[p] = [(kind != "bnode", value) for kind, value, *_ in (term_parts(x) for x, in found)]
    shown = {p: xs for p, xs in sorted(shown.items()) if xs}
    dated |= dated_deliberations(URIRef(x) for p in long if p in DELIBERATION_LINKS
                                 for is_iri, x in shown.get(p, ()) if is_iri)
    return [{"property": ref(URIRef(p), inverse_label(URIRef(p))), "tooltip": term_comment(URIRef(p)),
             "values": values, "more": sizes[p] - offset - len(values)}
            for p, values in _named_links(shown, dated).items()]


def _named_links(shown: dict[str, list[tuple[bool, str]]], dated: dict[URIRef, tuple]) -> dict[str, list]:
    """The links ``shown`` of each property (whether an IRI, the value), each named: by its label, a deliberation
    by number, date and label (``dated``: its date and number), what no source names as its own page names it."""
    labels = labels_of({URIRef(x) for xs in shown.values() for is_iri, x in xs if is_iri})
    # a grant, a membership: named as their own pages name them; what links through a property of known subjects
    # is of their kind (the grants that link to a funder: only the grants' names are read)
    unnamed: dict[str | None, set[URIRef]] = defaultdict(set)
    for p, xs in shown.items():
        unnamed[_LINKED_FROM.get(p)].update(URIRef(x) for is_iri, x in xs if is_iri and URIRef(x) not in labels)
    names = {}
    for kind, group in unnamed.items():
        names.update(names_of_unnamed(group, None if kind is None else [kind]))
    # a source's previous versions, which their file name titles, named by their time of import (one file name
    # each, they read the same)
    names |= names_of_unnamed({URIRef(x) for p, xs in shown.items() if p in _VERSION_LINKS
                               for is_iri, x in xs if is_iri and URIRef(x) in labels}, ["version"])

    def name(p: str, x: URIRef) -> str | None:
        if p in _VERSION_LINKS and x in names:
            return names[x]
        label = pick_label(labels.get(x, ()))
        if p in DELIBERATION_LINKS and x in dated:
            label = entry_name(dated[x], label)
        return label or names.get(x)

    return {p: [ref(URIRef(x), name(p, URIRef(x))) if is_iri else BNode(x) for is_iri, x in xs]
            for p, xs in shown.items()}


def _long_lists(s: URIRef, query: str) -> dict[str, int]:
    """The properties of more than LONG_LIST links to ``s`` (counted by the engine's ``query``), with how many each
    has."""
    counts = get_store().query(query, {"s": s}).raw_rows()
    lengths = {term_parts(ip)[1]: int(term_parts(n)[1]) for ip, n in counts}
    return {p: n for p, n in lengths.items() if n > LONG_LIST}


def _links(rows) -> dict[str, set[tuple[bool, str]]]:
    """The rows (property, linking resource) by property, each link once (two sources may state it), with whether
    it is an IRI (blank nodes first when sorted) and its value."""
    links: dict[str, set[tuple[bool, str]]] = defaultdict(set)
    for ip, x in rows:
        kind, value, *_ = term_parts(x)
        links[term_parts(ip)[1]].add((kind != "bnode", value))
    return links


def decided_grants(s: URIRef) -> Table:
    """The grants the deliberation ``s`` decides, as its own sources state them (not the grants lists that cite
    it): beneficiary, amount, nature, fiscal year, budget account and purpose, the largest first."""
    cap = shown_rows(DECIDED_CAP, "decided_grants")  # the page's first ones, or all of them for the table's CSV
    rows = collapse(select(_DECIDED.replace("%CAP%", str(cap)), s=s), ["beneficiaryLabel", "purpose"])
    rows.sort(key=lambda r: (descending(r.get("amount")), str(r["grant"])))
    table = Table("decided_grants", [("grant", "grant"), ("beneficiary", "beneficiary"), ("amount", "amount"),
                                     ("nature", "grant_nature"), ("year", "year"), ("account", "budget_account"),
                                     ("purpose", "purpose")], links=("grant", "beneficiary", "nature"))
    for row in rows:
        # named as its page names it (« Subvention de 20 000 € à DanaeCare »): its purpose, in a column of its own,
        # was its name, and the CSV's ``grant`` column repeated ``purpose``
        named = grant_label(row.get("amount"), party_label(row.get("beneficiary"), row.get("beneficiaryLabel")))
        table.rows.append({"grant": ref(row["grant"], named),
                           "beneficiary": ref(row.get("beneficiary"), row.get("beneficiaryLabel")),
                           "amount": amount_cell(row.get("amount")),
                           "nature": ref(row["nature"], term_label(row["nature"])) if row.get("nature") else None,
                           "year": row["year"].toPython() if row.get("year") is not None else None,
                           "account": row.get("account"), "purpose": row.get("purpose")})
    if len(table.rows) >= cap:
        table.more = int(select(_DECIDED_COUNT, s=s)[0]["grants"]) - len(table.rows)
        # the whole list is the table's download (« 80 de plus » led nowhere)
        table.more_url = twin_url("csv", table="decided_grants") if table.more else None
    return table


# The actors among some (VALUES) that left a membership: only they may be former members of a pole. A goal's
# lists at 100k actors name ~1,200 actors, of whom ~100 left one.
_LEFT_ONE = """SELECT DISTINCT ?actor WHERE { VALUES ?actor { %IRIS% }
  ?membership org:member ?actor ; mai:leftOn [] }"""
# The memberships of some actors (VALUES), with the pole and the dates of each; each membership once before its
# dates are joined (two registers of one PTCE state the same memberships, matched once per graph in their union).
# The type in FILTER EXISTS: as a pattern of the group, the engine joined it with every membership of the store
# (1,200 actors at 100k: 0.9 s, and 0.18 s so).
_MEMBERSHIP_DATES = """SELECT DISTINCT ?actor ?pole ?joined ?left WHERE {
  { SELECT DISTINCT ?actor ?membership ?pole WHERE { VALUES ?actor { %IRIS% }
      ?membership org:member ?actor ; org:organization ?pole FILTER EXISTS { ?membership a org:Membership } } }
  OPTIONAL { ?membership mai:joinedOn ?joined } OPTIONAL { ?membership mai:leftOn ?left } }"""


def former_members(actors) -> set[tuple[str, str]]:
    """The (actor, pole) pairs, as IRI strings, of ``actors`` (IRIs) that were members of the pole and are no
    longer: every membership of the actor in that pole has ended (one who left a circle for another is still a
    member)."""
    iris = sorted({URIRef(str(a)) for a in actors}, key=str)
    if iris:
        iris = [row["actor"] for row in select(_LEFT_ONE.replace("%IRIS%", " ".join(iri.n3() for iri in iris)))]
    if not iris:
        return set()
    statuses: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in select(_MEMBERSHIP_DATES.replace("%IRIS%", " ".join(iri.n3() for iri in iris))):
        statuses[(str(row["actor"]), str(row["pole"]))].add(membership_status(row.get("joined"), row.get("left")))
    return {pair for pair, found in statuses.items() if found == {"former"}}


#: What serves a goal that is a roadmap action, and the goal's pole.
_GOAL_ACTIONS = "SELECT ?x WHERE { ?x mai:contributesTo ?s ; a mai:RoadmapAction }"
_GOAL_POLES = "SELECT ?pole WHERE { ?pole mai:hasGoal ?s }"


def goal_inverse(s: URIRef, groups: list[dict]) -> list[dict]:
    """A goal's incoming links (:func:`incoming`) with what serves it told apart: the roadmap actions in a group of
    their own, after the actors and grants, the pole's former members marked « ancien membre », and a register's
    grant reference that names a grant of the graph shown as that grant, the register named as its second source
    (webapp.goal_references)."""
    served = next((g for g in groups if g["property"].iri == str(MAI.contributesTo)), None)
    if served is None:
        return groups
    actions = {str(row["x"]) for row in select(_GOAL_ACTIONS, s=s)}
    poles = {str(row["pole"]) for row in select(_GOAL_POLES, s=s)}
    resolved = resolved_references(s)
    values = [v for v in served["values"] if isinstance(v, tuple)]
    former = {actor for actor, pole in former_members(v.iri for v in values) if pole in poles}
    mark = t("membership_former")
    kept = [_served_value(v, former, mark, resolved) for v in served["values"]
            if not (isinstance(v, tuple) and (v.iri in actions or v.iri in resolved.references))]
    kept.sort(key=lambda v: isinstance(v, tuple) and v.iri in former)  # today's first
    out = [{**g, "values": kept} if g is served else g for g in groups]
    if moved := [v for v in served["values"] if isinstance(v, tuple) and v.iri in actions]:
        out.append({**served, "property": ref(MAI.contributesTo, t("served_by_actions")), "values": moved,
                    "more": 0})
    return out


def _served_value(value, former: set[str], mark: str, resolved: Resolved):
    """A value of a goal's « servi par » as its page shows it: a former member marked, a grant that a register's
    reference names given that register as a second source."""
    if not isinstance(value, tuple):
        return value
    if value.iri in former:
        return ref(value.iri, f"{value.label} ({mark})")
    if value.iri in resolved.named_in:
        return ref(value.iri, also_named(value.label, resolved.named_in[value.iri]))
    return value


#: The classes whose instances a web worker sorts after each publish (webapp.warm_up: their pages in the configured
#: language) and keeps until the next, whatever else is visited: the home page's kinds of the most instances, whose
#: first page took 2.7 s (actors), 1.5 s (grants) and 0.24 s (deliberations) at 100k actors, against ~10 ms once
#: kept. They count against the long listings' bound (webapp.cache.MAX_KEPT_ROWS): the others make room for them.
WARMED_CLASSES = (MAI.Actor, MAI.Grant, MAI.Deliberation)
#: The instances of a class kept sorted for the next pages, up to this many (an actor's IRI and name, ~275 bytes;
#: webapp.cache.MAX_KEPT_ROWS bounds the long listings kept in all).
MAX_SORTED_INSTANCES = 250_000
#: From this many instances, their names are taken from one read of every name of the store, not looked up one
#: instance after another. At 100k actors the engine reads the store's ~145,000 names in ~1 s and looks up ~20,000 a
#: second (the actors' page first 6.2–6.4 s, so 3.6 s), fewer when most have none (22,029 unnamed grants: 0.96 s,
#: against 1.47 s so).
SCANNED_FROM = 50_000


def instances(s: URIRef, offset: int, size: int) -> tuple[Table, int]:
    """``size`` instances of the class ``s`` from ``offset``, sorted by name (case and accents aside, the
    unnamed last, by IRI), and how many there are. The sorted list is kept per published state and language: it
    took 0.6–1 s for the 10k actors of a generated corpus, each page of it."""
    warmed = s in WARMED_CLASSES and get_lang() == current_app.config["MAILLAGE"]["lang"]
    rows, count = cached_slice(("instances", str(s), get_lang()), lambda: _sorted_instances(s), offset,
                               offset + size, MAX_SORTED_INSTANCES, pin=warmed)
    table = Table("instances", [("instance", "instance")], links=("instance",))
    # what no source names (a grant, a membership…) named as its own page names it, the page's rows only
    named = names_of_unnamed([URIRef(iri) for iri, label in rows if label is None])
    for iri, label in rows:
        table.rows.append({"instance": ref(URIRef(iri), label or named.get(URIRef(iri)))})
    table.more = max(count - offset - len(table.rows), 0)
    return table, count


def _sorted_instances(s: URIRef) -> list[tuple[str, str | None]]:
    """The instances of ``s`` in the order of its page, each as (IRI, name): a tuple, 56 bytes, where a dict took
    184 (the list kept for the 100,134 actors of 100k generated ones: 40.3 -> 27.5 MB)."""
    store = get_store()
    instances = (term_parts(x) for x, in store.query(sparql_prologue() + _INSTANCES_BARE, {"s": s}).raw_rows())
    # an instance's label, or the set of its labels when it has several (a set each took 22 MB for the 100,134 actors
    # of 100k generated ones, nearly all of one name); a label that several sources state comes once from each
    names: dict[str, object] = dict.fromkeys(value for kind, value, *_ in instances if kind == "iri")
    # The instances are read twice for a small class (bare, then with their names): the bare read tells which way
    # to name them, and costs ~0.1 s for the 22,029 grants of 100k actors (1.25 -> 1.37 s for their page's first
    # request); reading their names by VALUES instead would take ~45 queries of 500 look-ups each.
    if len(names) >= SCANNED_FROM:
        rows = store.query(sparql_prologue() + _ALL_NAMES).raw_rows()
    else:
        rows = store.query(sparql_prologue() + _INSTANCES, {"s": s}).raw_rows()
    for x, label in rows:
        if label is None or (iri := term_parts(x)[1]) not in names:
            continue
        found = names[iri]
        if found is None:
            names[iri] = label
        elif type(found) is set:
            found.add(label)
        elif found != label:
            names[iri] = {found, label}
    labelled = {iri: _name(labels) for iri, labels in names.items()}
    order = sorted(labelled, key=lambda iri: (labelled[iri] is None, fold(labelled[iri] or ""), labelled[iri] or "",
                                              iri))
    return [(iri, labelled[iri]) for iri in order]


def _name(labels) -> str | None:
    """The name to show of an instance's labels (None, an engine literal, or a set of several): the one label most
    have as it is, else the one :func:`pick_label` chooses (1.1 s of the 145,000 actors' 3.4 s went to choosing among
    one)."""
    if labels is None:
        return None
    if type(labels) is not set:
        return term_parts(labels)[1]
    return pick_label([_literal(label) for label in labels])


def _literal(term) -> Literal:
    """An rdflib Literal of an engine literal (the label candidates :func:`pick_label` chooses among)."""
    _, value, _, language = term_parts(term)
    return Literal(value, lang=language)
