"""The page of one resource, at ``/id/…`` (instance IRIs under the base) or ``/resource?iri=…`` (any other IRI).

HTML shows every property with its ontology label and tooltip, the incoming relations, grants given and received
with totals by year, memberships with circle and dates, and a "Pourquoi ?" for each fact that has evidence. The
same data is JSON (``.json``); the resource's triples are Turtle, JSON-LD or N-Triples by ``Accept`` or by the
``.ttl``, ``.jsonld``, ``.nt`` suffixes.
"""

from __future__ import annotations

import io
from collections import defaultdict

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request
from rdflib import Literal, URIRef

from graph.formats import rdf_format
from graph.namespaces import MAI, PREFIXES, SCHEMA
from graph.store import to_oxigraph
from webapp.errors import ApiError
from webapp.labels import inverse_label, term_comment, term_label
from webapp.views import Table, collapse, ref, render_page, select

bp = Blueprint("resource", __name__)

RDF_SUFFIXES = {".ttl": "turtle", ".jsonld": "jsonld", ".nt": "ntriples"}
RDF_MEDIA = ["text/turtle", "application/ld+json", "application/n-triples"]
#: Incoming links shown before "n de plus".
INVERSE_CAP = 50

_OUT = """SELECT ?p ?o ?label WHERE { ?s ?p ?o OPTIONAL { ?o rdfs:label|skos:prefLabel|dcterms:title ?label } }
LIMIT 5000"""
_IN = """SELECT ?p ?x ?label WHERE { ?x ?p ?s OPTIONAL { ?x rdfs:label|skos:prefLabel|dcterms:title ?label } }
ORDER BY ?p ?x LIMIT 400"""
_IN_COUNT = "SELECT ?p (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x ?p ?s } GROUP BY ?p"
_EVIDENCE = """SELECT ?fact ?evidence ?quote ?start ?end ?source ?title WHERE {
  ?fact mai:evidence ?evidence . ?evidence oa:exact ?quote .
  OPTIONAL { ?evidence oa:start ?start ; oa:end ?end }
  OPTIONAL { ?evidence prov:wasDerivedFrom ?source OPTIONAL { ?source dcterms:title ?title } }
  { BIND(?s AS ?fact) } UNION { ?s ?link ?fact . ?fact a ?factType
    FILTER(?factType IN (mai:Grant, org:Membership, mai:Deliberation, mai:Session)) }
  UNION { ?fact ?link ?s . ?fact a ?factType FILTER(?factType IN (mai:Grant, org:Membership)) }
}"""
_GRANTS = """SELECT ?grant ?role ?other ?otherLabel ?amount ?year ?purpose ?deliberation ?deliberationLabel WHERE {
  { ?grant schema:funder ?s ; mai:beneficiary ?other . BIND("given" AS ?role) }
  UNION { ?grant mai:beneficiary ?s . OPTIONAL { ?grant schema:funder ?other } BIND("received" AS ?role) }
  OPTIONAL { ?other rdfs:label ?otherLabel }
  OPTIONAL { ?grant schema:amount ?amount } OPTIONAL { ?grant mai:fiscalYear ?year }
  OPTIONAL { ?grant dcterms:description ?purpose }
  OPTIONAL { ?grant mai:decidedBy ?deliberation OPTIONAL { ?deliberation dcterms:identifier ?deliberationLabel } }
} ORDER BY DESC(?year) DESC(?amount)"""
_MEMBERSHIPS = """SELECT ?membership ?member ?memberLabel ?organization ?organizationLabel ?circle ?circleLabel
  ?joined ?left WHERE {
  ?membership org:member ?member ; org:organization ?organization .
  FILTER(?member = ?s || ?organization = ?s)
  OPTIONAL { ?member rdfs:label ?memberLabel } OPTIONAL { ?organization rdfs:label ?organizationLabel }
  OPTIONAL { ?membership org:role ?circle OPTIONAL { ?circle skos:prefLabel ?circleLabel } }
  OPTIONAL { ?membership mai:joinedOn ?joined } OPTIONAL { ?membership mai:leftOn ?left }
} ORDER BY ?joined"""


def _iri_from_request(key: str | None) -> tuple[str, str | None]:
    """The IRI a request names, and the RDF format its suffix asks for."""
    fmt = None
    if key is None:
        iri = request.args.get("iri", "")
        if not iri.startswith(("http://", "https://", "urn:")):
            raise ApiError("paramètre « iri » manquant ou invalide", "missing or invalid 'iri' parameter",
                           code="bad-iri")
        return iri, None
    for suffix, name in RDF_SUFFIXES.items():
        if key.endswith(suffix):
            key, fmt = key[: -len(suffix)], name
    if key.endswith(".json"):
        key = key[:-5]
    return current_app.config["MAILLAGE"]["base"] + key, fmt


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
    if fmt is None and request.args.get("format") in RDF_SUFFIXES.values():
        fmt = request.args["format"]
    if fmt is None and not request.path.endswith(".json") and request.args.get("format") is None:
        best = request.accept_mimetypes.best_match(["text/html", "application/json", *RDF_MEDIA], "text/html")
        fmt = rdf_format(best).name if best in RDF_MEDIA else None
    if fmt is not None:
        return describe(iri, fmt)
    data = resource_data(iri)
    return render_page("resource.html", data, highlight=_highlight())


def _highlight() -> tuple[int, int] | None:
    try:
        return int(request.args["start"]), int(request.args["end"])
    except (KeyError, ValueError):
        return None


def describe(iri: str, fmt_name: str) -> Response:
    """The resource's own triples (its outgoing statements), serialised by Oxigraph."""
    from webapp.resources import get_store

    fmt = rdf_format(fmt_name)
    result = get_store().query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef(iri)})
    triples = [ox.Triple(*map(to_oxigraph, t)) for t in result]
    if not triples:
        raise ApiError(f"aucune donnée sur <{iri}>", f"no data about <{iri}>", status=404, code="not-found")
    out = io.BytesIO()
    options = {"prefixes": {k: str(v) for k, v in PREFIXES.items()}} if fmt.name == "turtle" else {}
    ox.serialize(triples, out, fmt.engine, **options)
    response = Response(out.getvalue(), mimetype=fmt.media_type)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.vary.add("Accept")
    return response


def resource_data(iri: str) -> dict:
    """Everything the page of ``iri`` shows, as plain data (the JSON twin)."""
    s = URIRef(iri)
    out = collapse(select(_OUT, s=s), ["label"])
    incoming = collapse(select(_IN, s=s), ["label"])
    if not out and not incoming:
        raise ApiError(f"aucune donnée sur <{iri}>", f"no data about <{iri}>", status=404, code="not-found")
    types = [row["o"] for row in out if str(row["p"]) == str(PREFIXES["rdf"]) + "type"]
    label = next((row["o"] for row in out if row["p"] in _LABEL_PREDICATES and isinstance(row["o"], Literal)), None)
    labels = [row["o"] for row in out if row["p"] in _LABEL_PREDICATES and isinstance(row["o"], Literal)]
    from webapp.views import pick_label

    data = {"iri": iri, "label": pick_label(labels) or label or iri,
            "types": [ref(t, term_label(t)) for t in types if isinstance(t, URIRef)],
            "properties": _properties(out), "inverse": _inverse(s, incoming),
            "evidence": _evidence(s)}
    grants = select(_GRANTS, s=s)
    if grants:
        data.update(_grants(grants))
    memberships = select(_MEMBERSHIPS, s=s)
    if memberships:
        data["memberships"] = _memberships(memberships)
    text = next((row["o"] for row in out if row["p"] == SCHEMA.text), None)
    data["source_text"] = str(text) if text is not None else None
    return data


_LABEL_PREDICATES = {URIRef(str(PREFIXES["rdfs"]) + "label"), URIRef(str(PREFIXES["skos"]) + "prefLabel"),
                     URIRef(str(PREFIXES["dcterms"]) + "title")}


def _value(term, label=None):
    if isinstance(term, URIRef):
        return ref(term, label)
    return term


def _properties(rows: list[dict]) -> list[dict]:
    grouped: dict[URIRef, list] = defaultdict(list)
    for row in rows:
        if row["p"] in (SCHEMA.text, MAI.evidence):
            continue
        grouped[row["p"]].append(_value(row["o"], row.get("label")))
    return [{"property": ref(p, term_label(p)), "tooltip": term_comment(p), "values": values}
            for p, values in sorted(grouped.items(), key=lambda kv: term_label(kv[0]).lower())]


def _inverse(s: URIRef, rows: list[dict]) -> list[dict]:
    counts = {row["p"]: int(row["n"]) for row in select(_IN_COUNT, s=s)}
    grouped: dict[URIRef, list] = defaultdict(list)
    for row in rows:
        if len(grouped[row["p"]]) < INVERSE_CAP:
            grouped[row["p"]].append(_value(row["x"], row.get("label")))
    return [{"property": ref(p, inverse_label(p)), "tooltip": term_comment(p), "values": values,
             "more": max(counts.get(p, len(values)) - len(values), 0)} for p, values in grouped.items()]


def _evidence(s: URIRef) -> dict[str, list[dict]]:
    """fact IRI -> its quotes, each with a link to the source page that highlights it."""
    found: dict[str, list[dict]] = defaultdict(list)
    seen = set()
    for row in select(_EVIDENCE, s=s):
        key = (str(row["fact"]), str(row["evidence"]))
        if key in seen:
            continue
        seen.add(key)
        found[str(row["fact"])].append({
            "quote": str(row["quote"]), "source": ref(row.get("source"), row.get("title")),
            "start": int(row["start"]) if row.get("start") is not None else None,
            "end": int(row["end"]) if row.get("end") is not None else None})
    return dict(found)


def _grants(rows: list[dict]) -> dict:
    rows = collapse(rows, ["otherLabel", "deliberationLabel"])
    columns = [("grant", "grant"), ("other", "other"), ("year", "year"), ("amount", "amount"),
               ("purpose", "purpose"), ("deliberation", "deliberation")]
    given, received = Table("grants_given", columns), Table("grants_received", columns)
    totals: dict[tuple[str, int | None], float] = defaultdict(float)
    for row in rows:
        table = given if row["role"].value == "given" else received
        amount = float(row["amount"].toPython()) if row.get("amount") is not None else None
        year = int(row["year"].toPython()) if row.get("year") is not None else None
        table.rows.append({"grant": ref(row["grant"], row.get("purpose")), "other": ref(row.get("other"),
                           row.get("otherLabel")), "year": year, "amount": amount, "purpose": row.get("purpose"),
                           "deliberation": ref(row.get("deliberation"), row.get("deliberationLabel"))})
        totals[(table.name, year)] += amount or 0
    by_year = Table("totals_by_year", [("direction", "direction"), ("year", "year"), ("total", "total")])
    for (name, year), total in sorted(totals.items(), key=lambda kv: (kv[0][0], -(kv[0][1] or 0))):
        by_year.rows.append({"direction": "given" if name == "grants_given" else "received", "year": year,
                             "total": total})
    return {"grants_given": given, "grants_received": received, "totals_by_year": by_year}


def _memberships(rows: list[dict]) -> Table:
    rows = collapse(rows, ["memberLabel", "organizationLabel", "circleLabel"])
    table = Table("memberships", [("member", "member"), ("organization", "organization"), ("circle", "circle"),
                                  ("joined", "joined"), ("left", "left"), ("membership", "membership")])
    for row in rows:
        table.rows.append({"member": ref(row["member"], row.get("memberLabel")),
                           "organization": ref(row["organization"], row.get("organizationLabel")),
                           "circle": ref(row.get("circle"), row.get("circleLabel")),
                           "joined": row.get("joined"), "left": row.get("left"),
                           "membership": ref(row["membership"])})
    return table

