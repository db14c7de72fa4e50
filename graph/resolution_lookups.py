"""The lookups of an extraction's actors' keys in the store (:mod:`graph.resolution`): by SIREN, by RNA number and by
name key, in batched SPARQL queries (:func:`lookup_keys`); and by their names as an RDF file writes them, whose actors
have no name key.

Apart from :mod:`graph.resolution` because it is what the resolution asks the store, in batches of
:data:`LOOKUP_BATCH` keys; what the store's answers decide is :mod:`graph.resolution_decisions`'.
"""

from __future__ import annotations

import unicodedata

from rdflib import URIRef
from rdflib.namespace import RDFS

from graph.identity import ALT_LABEL, LABEL, name_key_iri
from graph.identity_names import is_acronym, name_key
from graph.terms import sparql_string
from graph.triples import TripleSet

#: Lookups by kind of key, each answering (?key ?actor) for a batch of keys given as VALUES, put first so that
#: the engine looks each key up in its index (a UNION over every SIRET's prefix cost 1 s per file at 10k actors).
#: Every actor in the store has its mai:siren: the pipeline derives it from a SIRET when a source gives only that.
#: The resources that hold each key, then which of them are actors: in one query, Oxigraph joined the keys' holders
#: with every actor of the store (0.1–0.25 s per 500 keys at 100k actors, 4x the two queries).
#: Each reads the graphs of the store but ``?source``'s, the one that the extraction replaces (:func:`skipping`).
_LOOKUPS = {
    "siren": "SELECT DISTINCT ?key ?actor WHERE { VALUES ?key { %s } GRAPH ?g { ?actor mai:siren ?key } "
             "FILTER(?g != ?source) }",
    "rna": "SELECT DISTINCT ?key ?actor WHERE { VALUES ?key { %s } GRAPH ?g { ?actor mai:rna ?key } "
           "FILTER(?g != ?source) }",
    "name": "SELECT DISTINCT ?key ?actor WHERE { VALUES ?key { %s } GRAPH ?g { ?actor mai:nameKey ?key } "
            "FILTER(?g != ?source) }",
    # Which are actors; also an actor minted from a name key (actor_iri(name=…)) in an RDF file that has no
    # mai:nameKey.
    "iri": "SELECT DISTINCT ?actor WHERE { VALUES ?actor { %s } GRAPH ?g { ?actor a mai:Actor } "
           "FILTER(?g != ?source) }",
    # The resources named by the very name, as written (an RDF file's actor, which has no mai:nameKey: adding keys
    # to the bulk load of RDF files would be work per triple). The literal is bound, so the engine reads the few
    # triples that have it as object.
    "label": "SELECT DISTINCT ?key ?actor ?p WHERE { VALUES ?key { %s } GRAPH ?g { ?actor ?p ?key } "
             f"FILTER(?g != ?source && (?p = <{RDFS.label}> || ?p = <{ALT_LABEL}>)) }}",
}
#: The forms in which an RDF file writes a name that a table gives as a plain string.
_LABEL_LANGUAGES = (None, "fr", "fr-fr")
#: Keys per lookup query (VALUES blocks of this size stay fast in both engines).
LOOKUP_BATCH = 500


#: The graph that an extraction replaces when it replaces none (a file ingested for the first time).
NO_SOURCE = URIRef("urn:maillage:none")


def skipping(query, source: URIRef | None):
    """``query(sparql, bindings)`` with ``?source`` bound to ``source``, the graph that the extraction replaces,
    which the identity queries leave out (``GRAPH ?g { … } FILTER(?g != ?source)``): the previous version of a
    file is no other source, and its actors found again by their keys linked the file's actors to themselves (the
    same file ingested twice gave more warnings, and a new version kept what it no longer says)."""
    skip = source or NO_SOURCE

    def scoped(sparql, bindings=None):
        return query(sparql, {"source": skip, **(bindings or {})})
    return scoped


def labels_of(graph: TripleSet, actors) -> set[str]:
    """The names (labels and variants) of ``actors``, as the source writes them."""
    return {str(label) for actor in actors for p in (LABEL, ALT_LABEL) for label in graph.objects(actor, p)}


def lookup_keys(seekers: dict[tuple[str, str], set[URIRef]], query, base: str, labels: set[str] = frozenset(),
                own: set[tuple[str, str]] | None = None, unkeyed: bool = True) -> dict[tuple[str, str], set[URIRef]]:
    """Return (how, key) -> IRIs of the store's actors, for every key of ``seekers`` (each with the extraction's
    actors that look it up), in batched queries.

    ``labels``: names of the seekers, also looked up as they are written (:func:`_lookup_labels`), each found
    resource counted as a holder of the name's key. ``unkeyed``: whether the store may hold actors without name
    keys — an RDF file's —, which are also sought under the IRIs minted from the name keys looked up.

    A key's holder that is the one actor looking it up is left out unasked:
    :func:`graph.resolution_decisions.decide` never counts an actor as its own match, so whether the store holds it
    as an actor changes nothing (an association with a SIRET finds its SIRENE unit under its own IRI: a third of the
    questions of an RNA extract, two thirds of a grants list's).
    ``own``, when given, gets the keys of one seeker that the store holds under that seeker's own IRI.
    """
    from graph.namespaces import sparql_prologue

    def others(key: tuple[str, str], iris: set[URIRef]) -> set[URIRef]:
        return iris - seekers[key] if len(seekers[key]) == 1 else iris

    def actors_among(iris) -> set[URIRef]:
        iris, actors = sorted(iris, key=str), set()
        for i in range(0, len(iris), LOOKUP_BATCH):
            values = " ".join(iri.n3() for iri in iris[i:i + LOOKUP_BATCH])
            actors.update(actor for (actor,) in query(sparql_prologue() + _LOOKUPS["iri"] % values, None))
        return actors

    holders: dict[tuple[str, str], set[URIRef]] = {}
    for how in ("siren", "rna", "name"):
        wanted = sorted(k for h, k in seekers if h == how)
        for i in range(0, len(wanted), LOOKUP_BATCH):
            values = " ".join(sparql_string(k) for k in wanted[i:i + LOOKUP_BATCH])
            for key, holder in query(sparql_prologue() + _LOOKUPS[how] % values, None):
                if isinstance(holder, URIRef):  # a blank node, local to its source, is no identity to join
                    holders.setdefault((how, str(key)), set()).add(holder)
                    if own is not None and how != "name" and {holder} == seekers[(how, str(key))]:
                        own.add((how, str(key)))
    for key, holder in _lookup_labels(labels, query):
        if ("name", key) in seekers:  # a name with no key of its seekers (a placeholder, a person's) joins no one
            holders.setdefault(("name", key), set()).add(holder)
    holders = {key: kept for key, held_by in holders.items() if (kept := others(key, held_by))}
    by_iri = {iri: k for h, k in seekers if h == "name" for iri in others((h, k), {name_key_iri(k, base)})} \
        if unkeyed else {}
    actors = actors_among({iri for held_by in holders.values() for iri in held_by} | set(by_iri))
    found = {key: kept for key, held_by in holders.items() if (kept := held_by & actors)}
    for actor in actors & set(by_iri):
        found.setdefault(("name", by_iri[actor]), set()).add(actor)
    return found


def _lookup_labels(labels: set[str], query) -> list[tuple[str, URIRef]]:
    """(name key, IRI) for each resource of the store whose ``rdfs:label`` or ``skos:altLabel`` is one of
    ``labels`` as written (a plain string, or tagged French): an RDF file's actor, which has no ``mai:nameKey``.
    An alternative label that is an acronym is no key (:func:`graph.identity.actor_keys`)."""
    from graph.namespaces import sparql_prologue

    found, wanted = [], sorted(labels)
    for i in range(0, len(wanted), LOOKUP_BATCH):
        values = " ".join(_label_terms(text) for text in wanted[i:i + LOOKUP_BATCH])
        for label, holder, predicate in query(sparql_prologue() + _LOOKUPS["label"] % values, None):
            key = name_key(str(label))
            if isinstance(holder, URIRef) and key and not (predicate == ALT_LABEL and is_acronym(key)):
                found.append((key, holder))
    return found


def _label_terms(text: str) -> str:
    """``text`` as the SPARQL literals of :data:`_LABEL_LANGUAGES`: plain, and tagged in each language; also with
    its accents written apart from their letters (Unicode NFD), as an RDF file may write them and stores them as
    written, where the tables' names are composed (:func:`graph.encodings.composed`).

    >>> _label_terms('Le "Pole"')
    '"Le \\\\"Pole\\\\"" "Le \\\\"Pole\\\\""@fr "Le \\\\"Pole\\\\""@fr-fr'
    >>> len(_label_terms("Hôpital").split()), len(_label_terms("Pole").split())
    (6, 3)
    """
    forms = dict.fromkeys((text, unicodedata.normalize("NFD", text)))
    return " ".join(sparql_string(form) + (f"@{lang}" if lang else "") for form in forms for lang in _LABEL_LANGUAGES)
