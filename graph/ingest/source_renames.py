"""The members that new versions of a source renamed, recorded in its graph: a member's actor IRI is minted from its
name (or its identifiers), so a name mended by a register gave the member a new address, and the links to the old
one (bookmarks, exported CSVs) answered 404. A renamed member is one that the change summary pairs
(:func:`graph.ingest.source_changes.renamed_actors`: the only one gone and the only one new of the same entry
dates). Each rename is stated as ``<old> dcterms:isReplacedBy <new>`` in the named graph of the version that made
it, where the web pages read it (:mod:`webapp.resource_suggestions`) whatever the worker or the store.

The member's name in the version before is recorded too, as ``<new> skos:hiddenLabel "old name"`` in the same
graph: partners still use the old name, which search finds the member by, and its page shows as « ancien nom », or
« graphie précédente » when the new name only corrects its spelling (the old address, which only leads back to that
page, is not shown). A member renamed with its SIRET keeps its IRI and
gets its old name all the same.

A graph is replaced whole at each ingest, and the same file ingested again is compared with itself (no rename seen):
the renames that the replaced graph recorded are carried over, as long as their old IRI is still absent from the new
graph (a member named back has its old address again), and so are the old names, moved to the member's last IRI, as
long as the new graph names that member and by another name. Chains are followed, so that each old IRI leads to the last
name (« A » renamed « B », then « C »: A → C and B → C).

A roadmap action reworded is recorded alike (:func:`graph.ingest.source_changes.reworded_actions`): its old IRI
replaced by its new one, its old title a ``skos:hiddenLabel`` of it. So is a session that a deliberation's text
redated, with the proxies given at it (:mod:`graph.ingest.session_redatings`: their IRIs are minted from its date);
they have no names to keep.

>>> a, b, c = (URIRef(f"https://ex.org/{key}") for key in "abc")
>>> sorted(collapsed([(a, b), (b, c)])) == [(a, c), (b, c)], collapsed([(a, b), (b, a)])
(True, set())
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from graph.triples import TripleSet

_RECORDED = f"SELECT ?old ?new WHERE {{ GRAPH ?g {{ ?old <{DCTERMS.isReplacedBy}> ?new }} }}"
_HOLDS = f"SELECT ?p WHERE {{ GRAPH ?g {{ ?old ?p ?o }} FILTER(?p != <{DCTERMS.isReplacedBy}>) }} LIMIT 1"
_OLD_NAMES = f"SELECT ?actor ?name WHERE {{ GRAPH ?g {{ ?actor <{SKOS.hiddenLabel}> ?name }} }}"
_NAMES = (f"SELECT ?name WHERE {{ GRAPH ?g {{ VALUES ?p {{ <{RDFS.label}> <{SKOS.altLabel}> <{DCTERMS.title}> }} "
          "?actor ?p ?name } }")


def recorded_renames(query, graph: URIRef) -> list[tuple[URIRef, URIRef]]:
    """The renames (old IRI, new IRI) that the stored ``graph`` records (none, when it is not stored)."""
    return [(old, new) for old, new in query(_RECORDED, {"g": graph})
            if isinstance(old, URIRef) and isinstance(new, URIRef)]


def recorded_names(query, graph: URIRef) -> list[tuple[URIRef, str]]:
    """The old names (actor IRI, name) that the stored ``graph`` records (none, when it is not stored)."""
    return [(actor, str(name)) for actor, name in query(_OLD_NAMES, {"g": graph}) if isinstance(actor, URIRef)]


def record_renames(writer, graph: URIRef, renames: list[tuple[URIRef, URIRef]],
                   old_names: list[tuple[URIRef, str]] = ()) -> None:
    """State in the stored ``graph`` the ``renames`` (old IRI, new IRI) whose old IRI it holds no data about, their
    chains collapsed to the last name, and the ``old_names`` (actor IRI, name) of its members, each on the member's
    last IRI when the graph names it, and by another name."""
    kept = collapsed([(old, new) for old, new in renames if not list(writer.query(_HOLDS, {"g": graph, "old": old}))])
    triples = TripleSet()
    for old, new in kept:
        triples.add((old, DCTERMS.isReplacedBy, new))
    last = dict(kept)
    names: dict[URIRef, set[str]] = {}
    for actor, name in old_names:
        actor = last.get(actor, actor)
        if actor not in names:
            names[actor] = {str(n) for n, in writer.query(_NAMES, {"g": graph, "actor": actor})}
        if names[actor] and name not in names[actor]:
            triples.add((actor, SKOS.hiddenLabel, Literal(name)))
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


__all__ = ["collapsed", "record_renames", "recorded_names", "recorded_renames"]
