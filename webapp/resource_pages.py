"""The page of one resource, at ``/id/…`` (instance IRIs under the base) or ``/resource?iri=…`` (any other IRI).

HTML shows every property with its ontology label and tooltip, the incoming relations, grants given and received
with totals by year, memberships with circle and dates, a "Pourquoi ?" for each fact that has evidence, and a
source's ingest report (also at ``.html``). The same data is JSON (``.json``); the resource's triples are Turtle,
JSON-LD, N-Triples or RDF/XML by ``Accept`` or by the ``.ttl``, ``.jsonld``, ``.nt``, ``.rdf`` suffixes; an Accept
that refuses them all is a 406. The old address of a member that a new version of its register renamed, or of a
session that a new version of its text redated, redirects to its new one
(:func:`webapp.resource_suggestions.replacement`); that of a source removed answers 410 Gone, saying which
file it was (:mod:`webapp.removed_sources`).

This module answers the requests and puts the page together; its parts come from webapp.resource_properties (title
and properties), webapp.resource_evidence (quotes), webapp.resource_grants, webapp.resource_tables (incoming links,
memberships, instances), webapp.deliberation_tables, and webapp.resource_paging (which page of each list).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from urllib.parse import urlencode

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, redirect, request, url_for
from rdflib import BNode, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graph.formats import Format, UnknownFormat, rdf_format, serialize_triples, xml_safe
from graph.namespaces import MAI, PREFIXES, SCHEMA
from graph.terms import to_oxigraph
from webapp.deliberation_citations import cited_grants, text_differs, text_missing
from webapp.deliberation_tables import (approved_agreements, attendance_at_vote, cooperations_created,
                                       session_authority)
from webapp.display import page_context, shown_as
from webapp.errors import ApiError
from webapp.labels import specific_types, term_label
from webapp.links import local_path
from webapp.named_queries import is_iri
from webapp.negotiation import accepted, media_types, not_acceptable
from webapp.page_data import ref
from webapp.page_queries import select
from webapp.removed_sources import gone
from webapp.rendering import name_downloads, page_window, render_page
from webapp.resource_evidence import add_evidence, evidence_of, evidence_rows, unquoted_deciders
from webapp.resource_grants import fiscal_year_origin, goals_served, grants_tables, lists_grants
from webapp.resource_names import collapse
from webapp.resource_paging import incoming_at, int_arg, last_offset, lists_length, offset_url, page_arg, page_url
from webapp.resource_properties import blank_values, own_name, page_title, places_once, properties, sources_of
from webapp.resource_report import ingest_report
from webapp.resource_suggestions import (grant_at_row, old_row_address, replacement, suggested_actors,
                                         withdrawn_from)
from webapp.resource_memberships import memberships
from webapp.resource_tables import decided_grants, goal_inverse, instances
from webapp.resources import get_store
from webapp.sources_page import source_versions

bp = Blueprint("resource", __name__)

RDF_SUFFIXES = {".ttl": "turtle", ".jsonld": "jsonld", ".nt": "ntriples", ".rdf": "rdfxml"}
#: How a page names each RDF version of its resource.
FORMAT_NAMES = {"turtle": "Turtle", "jsonld": "JSON-LD", "ntriples": "N-Triples", "rdfxml": "RDF/XML"}
#: The formats of a resource's page, by the Accept header: the page first (what no Accept, or */*, gets), its JSON
#: twin, one of its tables as CSV (webapp.rendering), its triples.
PAGE_FORMATS = (Format("html", "text/html", ("html",), None), Format("json", "application/json", ("json",), None),
                Format("csv", "text/csv", ("csv",), None), *(rdf_format(name) for name in RDF_SUFFIXES.values()))
#: Incoming links of each property (and instances of a class) on one page of the lists, then a link to the next.
INVERSE_CAP = 50

#: Grant rows per page of a funder's or a beneficiary's tables (a funder of the 10k bench has ~400 grants).
GRANTS_PAGE_SIZE = 50
#: Safety cap on the rows of the resource query (its own triples, labelled).
RESOURCE_ROWS_CAP = 20000
#: Memberships on one page of a resource's page: a PTCE's members on its own page, those of a circle a page at a
#: time (a circle of the 100 poles of 100k generated actors has 2,220: 1.2 MB of HTML in 1.7 s, on one page).
MEMBERSHIPS_PAGE_SIZE = 200

# One query gathers the resource's own triples (?p ?o) and whether it has memberships (one ?membership: they are
# read with their members and circles by webapp.resource_memberships.memberships, a page at a time), each branch
# starting from the bound ?s and told apart by the variables it binds (a tag literal per row cost more than the rest
# of the row: rdflib's Literal is slow to build). Measured at 10k actors (bench/web.py, pyoxigraph alone): a label OPTIONAL
# on a variable that an earlier OPTIONAL may leave unbound made a hash join over every label (7 ms for 2 rows) —
# labels are nested in the OPTIONAL that binds their subject; and FILTER(?member = ?s || …) scanned every membership.
# A value's rank or family name (?order) orders the values of a property: goals by rank, people by family name.
# Each triple is taken once (a grouping sub-select) before the labels are joined, with the sources that state it
# (?sources: their graphs' IRIs, each graph one source; two registers of one PTCE, a register and the deliberation):
# the page says which source gives each value. The rows are distinct before the cap.
_RESOURCE = """SELECT DISTINCT ?p ?o ?label ?order ?sources ?membership WHERE {
  { { SELECT ?p ?o (GROUP_CONCAT(STR(?g); separator=" ") AS ?sources) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p ?o }
    OPTIONAL { ?o rdfs:label|skos:prefLabel|dcterms:title ?label }
    OPTIONAL { ?o skos:notation|foaf:familyName|mai:from/foaf:familyName ?order } }
  UNION { SELECT ?membership WHERE {
      { ?membership org:member ?s } UNION { ?membership org:organization ?s } UNION { ?membership org:role ?s }
    } LIMIT 1 }
} LIMIT %CAP%"""


def iri_from_request(key: str | None, base: str | None = None) -> tuple[str, str | None]:
    """The IRI a request names (``base`` + ``key``, by default the instances' base; ``?iri=`` without a key), and the
    RDF format its suffix asks for."""
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
    iri = (current_app.config["MAILLAGE"]["base"] if base is None else base) + key
    if not is_iri(iri):  # a character no IRI has (a space, ">", an undecodable byte): no resource is there
        raise ApiError(f"aucune donnée sur <{iri}>", f"no data about <{iri}>", status=404, code="not-found")
    return iri, fmt


@bp.get("/id/<path:key>")
def by_key(key: str):
    """Show the resource ``{base}{key}``: HTML, JSON or RDF."""
    iri, fmt = iri_from_request(key)
    base = current_app.config["MAILLAGE"]["base"]
    return _moved(iri, key[len(iri) - len(base):]) or answer_resource(iri, fmt)


@bp.get("/resource")
def by_iri():
    """Show any resource of the graph by its IRI (vocabulary terms, themes, circles…)."""
    iri, _ = iri_from_request(None)
    return _moved(iri, None) or answer_resource(iri, None)


def _moved(iri: str, suffix: str | None) -> Response | None:
    """A redirect to the resource that replaces ``iri`` (a member's old address, that a new version of its register
    renamed; a session's, that its text redated), asked in the same form: at ``/id/`` with the same ``suffix``
    (``.json``, ``.ttl``…), at ``/resource`` (``suffix`` None) by its IRI, the other parameters kept; None when
    nothing replaces it. A 302, not a 301: the rename is the data's, which a later version may undo (a member named
    back, a session redated back), and a browser keeps a 301 for good — it would then go round between the two
    addresses. A grant's address of the form that ended in its list's line redirects to the grant that its source
    states at that line (:func:`grant_at_row`)."""
    base = current_app.config["MAILLAGE"]["base"]
    new = replacement(iri) or grant_at_row(iri, base)
    if new is None:
        return None
    args = [(name, value) for name, value in request.args.items(multi=True) if name != "iri"]
    if suffix is not None and new.startswith(base):
        location = url_for("resource.by_key", key=new[len(base):] + suffix)
    else:  # an IRI outside the base has no /id/ address: its page by IRI, the suffix's RDF format as a parameter
        location = url_for("resource.by_iri")
        args[:0] = [("iri", new)] + [("format", name) for end, name in RDF_SUFFIXES.items() if suffix == end]
    return redirect(location + (f"?{urlencode(args)}" if args else ""), 302)


def answer_resource(iri: str, fmt: str | None, document: Callable[[str], Response] | None = None) -> Response:
    """Answer the resource ``iri``: in the RDF format ``fmt`` (a suffix's), ``?format=``'s, or the Accept header's,
    by ``document`` (by default :func:`describe`); else its page (HTML, JSON or CSV). Every answer names the RDF
    versions in a ``Link`` header, and says ``Vary: Accept`` only when the header chose it."""
    wanted = request.args.get("format") or None  # an empty ?format= leaves the choice to the Accept header
    negotiated = fmt is None and wanted is None and not request.path.endswith((".json", ".html"))
    if fmt is None and wanted:
        fmt = _format_arg(wanted)
    if negotiated:
        fmt = _negotiated_format()
    if fmt is not None:
        response = (document or partial(describe, iri))(fmt)
    else:
        data = resource_data(iri)
        response = render_page("resource.html", data, highlight=_highlight(), page_url=page_url,
                               offset_url=offset_url, last_offset=last_offset, shown_as=shown_as,
                               list_size=INVERSE_CAP, members_size=MEMBERSHIPS_PAGE_SIZE,
                               rdf_links=rdf_links(iri), format_names=FORMAT_NAMES, **page_context(data))
    if negotiated:
        response.vary.add("Accept")
    else:
        response.vary.discard("Accept")
    response.headers["Link"] = ", ".join(f'<{href}>; rel="alternate"; type="{version.media_type}"'
                                         for version, href in rdf_links(iri))
    return response


def rdf_links(iri: str) -> list[tuple[Format, str]]:
    """The RDF versions of the resource ``iri``, each with its address: its page's with the format's suffix
    (``/id/….ttl``, ``/ontology/….ttl``), or ``/resource?iri=…&format=…`` for an IRI that has no page of its own."""
    page = local_path(iri)
    if "?" in page:  # /resource?iri=…
        return [(rdf_format(name), f"{page}&{urlencode({'format': name})}") for name in RDF_SUFFIXES.values()]
    return [(rdf_format(name), page + suffix) for suffix, name in RDF_SUFFIXES.items()]


def _negotiated_format() -> str | None:
    """The RDF format that the Accept header prefers among :data:`PAGE_FORMATS`, None for the page (HTML, JSON or a
    table's CSV, that :func:`webapp.rendering.render_page` tells apart); a 406 when it names only types that the page
    has not (``application/xml``, ``image/png``) or refuses them all."""
    accept = accepted()
    best = accept.best_match(media_types(PAGE_FORMATS))
    if best is None and request.headers.get("Accept", "").strip():
        raise not_acceptable(PAGE_FORMATS)
    fmt = next((f for f in PAGE_FORMATS if best in (f.media_type, *f.aliases)), PAGE_FORMATS[0])
    return fmt.name if fmt.name in RDF_SUFFIXES.values() else None


def _format_arg(wanted: str) -> str | None:
    """The RDF format that ``?format=`` names by its name, suffix or media type (``turtle``, ``ttl``,
    ``text/turtle``…), among those a resource is described in; None for one of the page's own (html, json, csv). A
    400 that lists them for any other value (``nquads``): the request's mistake, not an Accept header to honour."""
    try:
        name = rdf_format(wanted.strip().lower()).name
    except UnknownFormat:
        name = None
    if name in RDF_SUFFIXES.values():
        return name
    if wanted in ("html", "json", "csv"):
        return None
    known = ", ".join(f.name for f in PAGE_FORMATS)
    raise ApiError(f"format inconnu « {wanted[:40]} » ; possibles : {known}",
                   f"unknown format '{wanted[:40]}'; known: {known}", code="unknown-format")


def _highlight() -> tuple[int, int] | None:
    try:
        return int(request.args["start"]), int(request.args["end"])
    except (KeyError, ValueError):
        return None


#: The statements about a resource that states nothing itself (a grant that a later act replaces, named only by
#: that act's "replaces"), up to this many: its HTML page shows them as incoming links.
MAX_INCOMING_DESCRIBED = 10_000


#: The triples of the blank nodes that a resource ?s reaches through blank nodes only, three levels deep at most (its
#: concise bounded description: an address ``schema:address _:b`` with its street, postal code and town; the
#: description gave ``_:b`` and nothing of it).
_BLANK_NODES_REACHED = """CONSTRUCT { ?b ?p ?o } WHERE {
  { ?s ?x ?b } UNION { ?s ?x ?m . ?m ?y ?b FILTER(isBlank(?m)) }
  UNION { ?s ?x ?m . ?m ?y ?n . ?n ?z ?b FILTER(isBlank(?m) && isBlank(?n)) }
  FILTER(isBlank(?b)) ?b ?p ?o }"""


def describe(iri: str, fmt_name: str) -> Response:
    """The resource's own triples (its outgoing statements) and those of the blank nodes it reaches
    (:data:`_BLANK_NODES_REACHED`), serialised by Oxigraph; of a resource with none, the statements that name it
    (its page's incoming links), so that its page's formats give what its page shows."""
    fmt = rdf_format(fmt_name)
    result = get_store().query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef(iri)})
    triples = list(dict.fromkeys(ox.Triple(*map(to_oxigraph, t)) for t in result))  # a set, whatever the engine
    if any(isinstance(triple.object, ox.BlankNode) for triple in triples):
        reached = get_store().query(_BLANK_NODES_REACHED, {"s": URIRef(iri)})
        triples = list(dict.fromkeys([*triples, *(ox.Triple(*map(to_oxigraph, t)) for t in reached)]))
    if not triples and (removed := gone(iri)):  # a source removed: its record names it, which is no description
        raise removed
    if not triples:
        result = get_store().query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }} LIMIT {MAX_INCOMING_DESCRIBED}",
                                   {"o": URIRef(iri)})
        triples = list(dict.fromkeys(ox.Triple(*map(to_oxigraph, t)) for t in result))
    if not triples:
        raise ApiError(f"aucune donnée sur <{iri}>", f"no data about <{iri}>", status=404, code="not-found")
    response = Response(xml_safe(serialize_triples(triples, fmt), fmt), mimetype=fmt.media_type)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _not_found(iri: str) -> ApiError:
    """The 404 of an address that holds no data: for an actor's, with the actors it may have meant (a member renamed
    by its register has a new address); for a grant's whose source is stored, saying that the source no longer
    publishes it, with a link to the source's page (a row removed from a corrected list)."""
    base = current_app.config["MAILLAGE"]["base"]
    if source := withdrawn_from(iri, base):
        title = source[1]
        if old := old_row_address(iri, base):
            return ApiError(f"aucune donnée sur <{iri}> : la source « {title} » n'a pas de subvention à la ligne "
                            f"{old[1]}", f"no data about <{iri}>: the source '{title}' has no grant on line {old[1]}",
                            status=404, code="not-found", see=source)
        return ApiError(f"aucune donnée sur <{iri}> : cette subvention n'est plus publiée par la source « {title} » "
                        "(sa version actuelle ne la contient pas)", f"no data about <{iri}>: this grant is no longer "
                        f"published by the source '{title}' (its current version does not hold it)", status=404,
                        code="not-found", see=source)
    return ApiError(f"aucune donnée sur <{iri}>", f"no data about <{iri}>", status=404, code="not-found",
                    meant=suggested_actors(iri, base))


def resource_data(iri: str, page: int | None = None) -> dict:
    """Everything the page of ``iri`` shows, as plain data (the JSON twin); ``page`` of its grant tables (by
    default the request's ``?page=``, else 1).

    One query reads the resource's own triples and whether it has memberships; its incoming links, memberships
    (a page of them), evidence and grants tables (a page of them) come after, each by its own; the sorted
    memberships and the grants' keys are kept per published snapshot.
    """
    s = URIRef(iri)
    page = page_arg() if page is None else page
    rows = select(_RESOURCE.replace("%CAP%", str(RESOURCE_ROWS_CAP)), s=s)
    has_memberships = any("membership" in row for row in rows)  # the other branch's rows bind ?p
    offset = int_arg("offset", 0)
    out = collapse([row for row in rows if "p" in row], ["label", "order"])
    if not out and (removed := gone(iri)):  # a source removed (410): its record's link to it makes no page
        raise removed
    types = [row["o"] for row in out if str(row["p"]) == str(PREFIXES["rdf"]) + "type"]
    of_class = not _CLASSES.isdisjoint(types)
    links_in, linked = incoming_at(s, offset, INVERSE_CAP, of_class, has_memberships)
    if not out and not linked and not lists_grants(s):
        raise _not_found(iri)
    members_offset = int_arg("members_offset", 0)
    listed, listed_count, members = memberships(s, *page_window("memberships", members_offset, MEMBERSHIPS_PAGE_SIZE)) \
        if has_memberships else (None, 0, None)
    decided = decided_grants(s) if MAI.Deliberation in types else None
    evidence: dict[str, list[dict]] = {}
    seen: set[tuple[str, str]] = set()
    tables = [URIRef(row[key].iri) for table, key in ((listed, "membership"), (decided, "grant")) if table
              for row in table.rows]
    add_evidence(evidence_rows(s, tables), evidence, seen)
    name = own_name(out)
    data = _described(iri, s, types, out, name, links_in, evidence)
    if MAI.StrategicGoal in types:
        data["inverse"] = goal_inverse(s, links_in)
    if MAI.Deliberation in types:
        data.update(_deliberation_sections(s, decided, evidence, seen))
    data.update(grants_tables(s, name, page, GRANTS_PAGE_SIZE, evidence, seen))
    data.update(_typed_sections(s, types, out, data["sources"], evidence))
    if listed is not None:
        data["memberships"], data["memberships_count"], data["members_offset"] = listed, listed_count, members_offset
        if members is not None:
            data["members"] = members  # a pole's or a circle's: how many members today, how many former
    if of_class or any(str(group["property"].iri) == str(RDF.type) for group in linked):
        _add_instances(data, s, links_in, offset)
    data["offset"] = offset
    data["lists_length"] = lists_length(data.get("instances_count", 0), offset, links_in, linked)
    text = next((row["o"] for row in out if row["p"] == SCHEMA.text), None)
    data["source_text"] = str(text) if text is not None else None
    name_downloads(data, download_key(iri))
    return data


def _described(iri: str, s: URIRef, types: list, out: list[dict], name, links_in: list[dict],
               evidence: dict[str, list[dict]]) -> dict:
    """What every resource's page says of it: its title, types, own properties, sources and incoming links."""
    blanks = blank_values(s) if any(isinstance(row["o"], BNode) for row in out) else None
    return {"iri": iri, "label": page_title(s, types, out, name),
            "types": [ref(t, term_label(t)) for t in specific_types(types)],
            "networked": bool(_NETWORKED & set(types)),
            "properties": places_once(properties(out, blanks)),
            "sources": sources_of(out),
            "inverse": links_in,
            "evidence": evidence}


def _add_instances(data: dict, s: URIRef, links_in: list[dict], offset: int) -> None:
    """A class's page (declared, or of the types that sources give without the vocabulary declaring them): its
    instances by name, a page of them, instead of its incoming ``rdf:type`` links."""
    data["inverse"] = [group for group in links_in if str(group["property"].iri) != str(RDF.type)]
    data["instances"], data["instances_count"] = instances(s, *page_window("instances", offset, INVERSE_CAP))


def _deliberation_sections(s: URIRef, decided, evidence: dict[str, list[dict]], seen: set[tuple[str, str]]) -> dict:
    """What a deliberation's page shows besides its own triples: the grants it decides (``decided``) and those it
    cites, whether its text is missing, the agreements it approves, the attendance at its vote, and what it creates
    (its evidence joins ``evidence``)."""
    cited = cited_grants(s)
    return {"decided_grants": decided, "cited_grants": cited, "text_missing": text_missing(s, cited),
            "approved_agreements": approved_agreements(s), "attendance": attendance_at_vote(s),
            "creates": _created(s, evidence, seen)}


def _typed_sections(s: URIRef, types: list, out: list[dict], sources: list, evidence: dict[str, list[dict]]) -> dict:
    """What the page of a session (its authority), a grant (the goals it serves, where its fiscal year comes from,
    whether its text differs between sources; the deciders that its evidence does not quote) or a source (its ingest
    report and its versions) shows besides its own triples."""
    data: dict = {}
    if MAI.Session in types:
        data["authority"] = session_authority(s)
    if MAI.Grant in types:
        unquoted_deciders(evidence, out, sources)
        data["goals"] = goals_served(s, out)
        data["fiscal_year_origin"] = fiscal_year_origin(s, out)
        data["text_differs"] = text_differs(s)
    if MAI.Source in types:
        data["ingest_report"] = ingest_report(s, out)
        data["source_versions"] = source_versions(s)
    return data


def download_key(iri: str) -> str:
    """What names a resource in its tables' downloads: its address after its kind (« danaecare » for
    ``…/id/actor/danaecare``, « siren-244200770-2024-00240 » for a deliberation's), else its last segment.

    >>> download_key("https://w3id.org/maillage/id/actor/danaecare"), download_key("https://x.org/a/b")
    ('danaecare', 'b')
    """
    path = iri.rstrip("/")
    if "/id/" in path and "/" in (after := path.split("/id/", 1)[1]):
        return after.split("/", 1)[1].replace("/", "-")
    return path.rsplit("/", 1)[-1]


#: The types of a class: its page lists its instances apart from its other incoming links.
_CLASSES = frozenset({OWL.Class, RDFS.Class})
#: What the network page draws around (webapp.network): an actor, a pole, a goal.
_NETWORKED = {MAI.Actor, MAI.Cooperation, MAI.StrategicGoal}


def _created(s: URIRef, evidence: dict[str, list[dict]], seen: set[tuple[str, str]]) -> list[dict]:
    """The PTCEs that the deliberation ``s`` creates (:func:`cooperations_created`), with the evidence of each and of
    its goals added to ``evidence``."""
    created = cooperations_created(s)
    facts = [URIRef(x.iri) for c in created for x in (c["cooperation"], *(g["goal"] for g in c["goals"]))]
    add_evidence(evidence_of(facts), evidence, seen)
    return created
