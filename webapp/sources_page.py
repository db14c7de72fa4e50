"""The « Sources » page (``/sources``, its JSON twin ``/sources.json``) and ``/api/sources``: every file ingested, the
newest first, with its kind, when its bytes were imported, its sha256, its triples, its ingest's warnings and errors
(:mod:`graph.ingest.source_report`), the note of what its version changed and how many versions it replaced
(:mod:`graph.ingest.source_versions`), each linked to its page. The shipped vocabularies are left out: they are no
one's file (SPARQL lists them).

The source's page lists its versions (:func:`source_versions`). The sources removed (``maillage remove``) and not
ingested again are listed apart, with when they were removed (:mod:`webapp.removed_sources`).
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph.ingest import get_kind
from graph.ingest.base import InputError
from webapp.api_parameters import check_known
from webapp.cache import cached_select
from webapp.formatting import format_value
from webapp.i18n import get_lang
from webapp.links import local_path
from webapp.page_data import Ref
from webapp.page_queries import select
from webapp.removed_sources import listed_removals
from webapp.rendering import render_page

bp = Blueprint("sources", __name__)

#: Each ingested source's description; its change notes a row each (one per language).
_SOURCES = """SELECT ?g ?title ?kind ?time ?sha ?warnings ?errors ?note WHERE {
  GRAPH ?g { ?g a mai:Source ; dcterms:title ?title ; mai:sha256 ?sha
    OPTIONAL { ?g dcterms:type ?kind } OPTIONAL { ?g prov:generatedAtTime ?time }
    OPTIONAL { ?g mai:warningCount ?warnings } OPTIONAL { ?g mai:errorCount ?errors }
    OPTIONAL { ?g skos:changeNote ?note FILTER(isLiteral(?note)) } }
  FILTER NOT EXISTS { GRAPH ?g { ?g dcterms:type "vocabulary" } }
}"""
#: The triples of each graph: one scan of the store, kept once per published state.
_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
#: The versions each graph keeps (graph.ingest.source_versions).
_VERSION_COUNTS = "SELECT ?g (COUNT(DISTINCT ?v) AS ?n) WHERE { GRAPH ?g { ?v a mai:SourceVersion } } GROUP BY ?g"
#: The versions that the source ?s replaced, newest first.
_VERSIONS = """SELECT ?v ?sha ?title ?time ?note WHERE {
  ?s prov:wasRevisionOf+ ?v . ?v a mai:SourceVersion ; mai:sha256 ?sha ; prov:generatedAtTime ?time
  OPTIONAL { ?v dcterms:title ?title } OPTIONAL { ?v skos:changeNote ?note }
}"""


def _number(value) -> int:
    return int(value) if value is not None else 0


def _kind_label(kind: str) -> str:
    """The name of the kind ``kind`` (``scdl-subventions``) in the page's language; the name itself when unknown."""
    try:
        found = get_kind(kind)
    except InputError:  # a kind of another Maillage's, or "rdf" stored by an older one
        return kind
    return found.label_en if get_lang() == "en" else found.label


def listed_sources() -> list[dict]:
    """Every ingested source, as plain data, the most recently imported first (then by file name)."""
    sizes = {str(row["g"]): int(row["n"]) for row in cached_select(_SIZES, pin=True)}
    versions = {str(row["g"]): int(row["n"]) for row in cached_select(_VERSION_COUNTS, pin=True)}
    found: dict[str, dict] = {}
    for row in cached_select(_SOURCES, pin=True):
        iri = str(row["g"])
        source = found.setdefault(iri, {
            "iri": iri, "title": str(row["title"]), "kind": str(row["kind"]) if row.get("kind") else None,
            "imported": str(row["time"]) if row.get("time") is not None else None, "sha256": str(row["sha"]),
            "triples": sizes.get(iri, 0), "warnings": _number(row.get("warnings")),
            "errors": _number(row.get("errors")), "change_note": {},
            "previous_versions": versions.get(iri, 0), "page": local_path(iri)})
        if (note := row.get("note")) is not None:
            source["change_note"][note.language or "fr"] = str(note)
    listed = sorted(found.values(), key=lambda source: source["title"])
    return sorted(listed, key=lambda source: source["imported"] or "", reverse=True)


def source_versions(s: URIRef) -> list[dict]:
    """The versions that the source ``s`` replaced, the newest first: sha256, file name, when imported, what each
    changed (by language)."""
    found: dict[str, dict] = {}
    for row in select(_VERSIONS, s=s):
        version = found.setdefault(str(row["v"]), {
            "iri": str(row["v"]), "sha256": str(row["sha"]), "imported": row["time"],
            "title": str(row["title"]) if row.get("title") is not None else None, "change_note": {}})
        if (note := row.get("note")) is not None:
            version["change_note"][note.language or "fr"] = str(note)
    return sorted(found.values(), key=lambda version: str(version["imported"]), reverse=True)


def _time_shown(time: str | None) -> str:
    """A time of import or removal as the page shows it: to the second (two versions of one minute told apart)."""
    return format_value(Literal(time, datatype=XSD.dateTime), seconds=True) if time else ""


@bp.get("/sources")
@bp.get("/sources.json")
def sources():
    """List the ingested sources, newest first (:func:`listed_sources`), then those removed."""
    listed, removed = listed_sources(), listed_removals()
    for source in listed + removed:
        source["kind_label"] = _kind_label(source["kind"]) if source["kind"] else ""
        source["imported_shown"] = _time_shown(source["imported"])
    for source in listed:
        source["link"] = Ref(source["iri"], source["title"])
    for source in removed:
        source["removed_shown"] = _time_shown(source["removed"])
    return render_page("sources.html", {"sources": listed, "removed": removed})


@bp.get("/api/sources")
def api_sources():
    """The ingested sources as JSON, newest first: the fields of the « Sources » page; those removed apart."""
    check_known([])
    return jsonify({"sources": listed_sources(), "removed": listed_removals()})


__all__ = ["bp", "listed_sources", "source_versions"]
