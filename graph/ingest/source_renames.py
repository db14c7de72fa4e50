"""The members that new versions of a source renamed, recorded in its graph: a member's actor IRI is minted from its
name (or its identifiers), so a name mended by a register gave the member a new address, and the links to the old
one (bookmarks, exported CSVs) answered 404. A renamed member is one that the change summary pairs
(:func:`graph.ingest.source_changes.renamed_actors`: the only one gone and the only one new of the same entry
dates). Each rename is stated as ``<old> dcterms:isReplacedBy <new>`` in the named graph of the version that made
it, where the web pages read it (:mod:`webapp.resource_suggestions`) whatever the worker or the store.

A graph is replaced whole at each ingest, and the same file ingested again is compared with itself (no rename seen):
the renames that the replaced graph recorded are carried over, as long as their old IRI is still absent from the new
graph (a member named back has its old address again). Chains are followed, so that each old IRI leads to the last
name (« A » renamed « B », then « C »: A → C and B → C).

>>> a, b, c = (URIRef(f"https://ex.org/{key}") for key in "abc")
>>> sorted(collapsed([(a, b), (b, c)])) == [(a, c), (b, c)], collapsed([(a, b), (b, a)])
(True, set())
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DCTERMS

from graph.triples import TripleSet

_RECORDED = f"SELECT ?old ?new WHERE {{ GRAPH ?g {{ ?old <{DCTERMS.isReplacedBy}> ?new }} }}"
_HOLDS = f"SELECT ?p WHERE {{ GRAPH ?g {{ ?old ?p ?o }} FILTER(?p != <{DCTERMS.isReplacedBy}>) }} LIMIT 1"


def recorded_renames(query, graph: URIRef) -> list[tuple[URIRef, URIRef]]:
    """The renames (old IRI, new IRI) that the stored ``graph`` records (none, when it is not stored)."""
    return [(old, new) for old, new in query(_RECORDED, {"g": graph})
            if isinstance(old, URIRef) and isinstance(new, URIRef)]


def record_renames(writer, graph: URIRef, renames: list[tuple[URIRef, URIRef]]) -> None:
    """State in the stored ``graph`` the ``renames`` (old IRI, new IRI) whose old IRI it holds no data about, their
    chains collapsed to the last name."""
    kept = [(old, new) for old, new in renames if not list(writer.query(_HOLDS, {"g": graph, "old": old}))]
    triples = TripleSet()
    for old, new in collapsed(kept):
        triples.add((old, DCTERMS.isReplacedBy, new))
    if triples:
        writer.add(graph, triples)


def collapsed(renames: list[tuple[URIRef, URIRef]]) -> set[tuple[URIRef, URIRef]]:
    """``renames`` with each old IRI leading to the end of its chain; those that lead back to themselves (a member
    named back) left out."""
    replaced_by = dict(renames)
    out = set()
    for old in replaced_by:
        new, seen = replaced_by[old], {old}
        while new in replaced_by and new not in seen:
            seen.add(new)
            new = replaced_by[new]
        if new not in seen:
            out.add((old, new))
    return out


__all__ = ["collapsed", "record_renames", "recorded_renames"]
