"""One ``skos:prefLabel`` per language for the concepts that several sources state: a PTCE's strategic goals and
their scheme, which both the deliberation that creates the PTCE and the partner register describe, under the same
IRIs (the PTCE's key and each goal's rank).

SKOS allows a resource no more than one preferred label per language tag. When two sources word a goal differently
("Valorisation des acteurs" in the register, the deliberation's whole sentence), the register's wording, which
the PTCE's coordinators keep, is the preferred one; between other sources the one stored first stays. The other
wording becomes a ``skos:altLabel`` in its own source's graph: still shown, still searchable, and preferred again
once the source that outranked it is removed (``maillage remove``: :func:`restore_pref_labels`).
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from graph.namespaces import MAI
from graph.triples import TripleSet

#: The classes whose resources several sources state under one IRI.
SHARED = (MAI.StrategicGoal, SKOS.ConceptScheme)
#: The source kind whose wording of a shared concept is preferred to the others'.
PREFERRED_KIND = "register"

_STORED = ("SELECT ?concept ?label ?kind WHERE { VALUES ?concept { %s } GRAPH ?g { ?concept <" + str(SKOS.prefLabel)
           + "> ?label } FILTER(?g != ?source) OPTIONAL { ?g <" + str(DCTERMS.type) + "> ?kind } }")
_GRAPHS = ("SELECT ?g WHERE { GRAPH ?g { ?concept <" + str(SKOS.prefLabel) + "> ?label } FILTER(?g != ?source) }")


def keep_one_pref_label(graph: TripleSet, query, source: URIRef, kind: str) -> list[tuple[URIRef, URIRef, Literal]]:
    """Make alternative, in ``graph`` (the extraction of ``source``, of kind ``kind``), the preferred labels of its
    shared concepts that another source words otherwise in the same language; return the stored labels that this
    source's wording outranks instead, as (graph, concept, label), for the caller to make alternative there."""
    concepts = sorted({s for cls in SHARED for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)}, key=str)
    if not concepts:
        return []
    stored: dict[tuple[URIRef, str], list[tuple[Literal, bool]]] = {}  # (concept, language) -> (label, preferred?)
    for concept, label, stored_kind in query(_STORED % " ".join(c.n3() for c in concepts), {"source": source}):
        if isinstance(label, Literal):
            stored.setdefault((concept, label.language or ""), []).append((label, str(stored_kind) == PREFERRED_KIND))
    outranked = []
    for concept in concepts:
        for label in list(graph.objects(concept, SKOS.prefLabel)):
            held = stored.get((concept, getattr(label, "language", None) or ""), [])
            if not held or any(label == other for other, _ in held):
                continue
            if kind == PREFERRED_KIND and not any(preferred for _, preferred in held):
                outranked += [(concept, other) for other, _ in held]
            else:
                graph.remove((concept, SKOS.prefLabel, label))
                graph.add((concept, SKOS.altLabel, label))
    return [(where, concept, label) for concept, label in outranked
            for (where,) in query(_GRAPHS, {"source": source, "concept": concept, "label": label})]


_IN_GRAPH = ("SELECT DISTINCT ?concept WHERE { GRAPH ?source { ?concept a ?class } VALUES ?class { "
             + " ".join(c.n3() for c in SHARED) + " } }")
_BARE = ("SELECT ?concept ?label ?g WHERE { VALUES ?concept { %s } GRAPH ?g { ?concept <" + str(SKOS.altLabel)
         + "> ?label } FILTER NOT EXISTS { ?concept <" + str(SKOS.prefLabel) + "> ?pref "
         "FILTER(LANG(?pref) = LANG(?label)) } }")


def shared_concepts_of(query, source: URIRef) -> list[URIRef]:
    """The shared concepts that the graph of ``source`` states (before a removal drops it)."""
    return [concept for (concept,) in query(_IN_GRAPH, {"source": source}) if isinstance(concept, URIRef)]


def restore_pref_labels(writer, concepts: list[URIRef]) -> set[str]:
    """Once sources are removed, give each of ``concepts`` that has lost its preferred label in a language the
    wording that another source gives it, made alternative when the removed source's outranked it (the first, in
    the order of the text, of those left in that language); return the concepts changed."""
    bare: dict[tuple[URIRef, str], list[tuple[str, URIRef, Literal]]] = {}
    for i in range(0, len(concepts), 500):
        values = " ".join(c.n3() for c in concepts[i:i + 500])
        for concept, label, where in writer.query(_BARE % values):
            bare.setdefault((concept, label.language or ""), []).append((str(label), where, label))
    for (concept, _), labels in bare.items():
        _, where, label = min(labels, key=lambda found: (found[0], str(found[1])))
        writer.remove(where, [(concept, SKOS.altLabel, label)])
        writer.add(where, TripleSet([(concept, SKOS.prefLabel, label)]))
    return {str(concept) for concept, _ in bare}
