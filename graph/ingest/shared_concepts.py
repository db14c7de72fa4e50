"""One ``skos:prefLabel`` per language for the concepts that several sources state: a PTCE's strategic goals and
their scheme, which both the deliberation that creates the PTCE and the partner register describe, under the same
IRIs (the PTCE's key and each goal's rank).

SKOS allows a resource no more than one preferred label per language tag. When two sources word a goal differently
("Valorisation des acteurs" in the register, the deliberation's whole sentence), the register's wording, which
the PTCE's coordinators keep, is the preferred one; between other sources the one stored first stays. The other
wording becomes a ``skos:altLabel`` in its own source's graph: still shown, still searchable, and preferred again
once the source that outranked it is removed (``maillage remove``: :func:`restore_pref_labels`). An RDF file's
labels are its own, as an actor's are (:mod:`graph.resolution`): never changed, and never outranked.
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
    # (concept, language) -> each stored label, and whether it stays preferred whatever comes: the register's, and
    # an RDF file's (or one of no known source), which are never changed
    stored: dict[tuple[URIRef, str], list[tuple[Literal, bool]]] = {}
    for concept, label, stored_kind in query(_STORED % " ".join(c.n3() for c in concepts), {"source": source}):
        if isinstance(label, Literal):
            kept = stored_kind is None or str(stored_kind) in (PREFERRED_KIND, "rdf")
            stored.setdefault((concept, label.language or ""), []).append((label, kept))
    outranked = set()
    for concept in concepts:
        for label in list(graph.objects(concept, SKOS.prefLabel)):
            held = stored.get((concept, getattr(label, "language", None) or ""), [])
            if not held or any(label == other for other, _ in held):
                continue
            if kind == PREFERRED_KIND and not any(kept for _, kept in held):
                outranked |= {(concept, other) for other, _ in held}
            else:
                graph.remove((concept, SKOS.prefLabel, label))
                graph.add((concept, SKOS.altLabel, label))
    return [(where, concept, label) for concept, label in sorted(outranked)
            for (where,) in query(_GRAPHS, {"source": source, "concept": concept, "label": label})]


#: The shared concepts that a source's graph gives a preferred label, and in which language.
_IN_GRAPH = ("SELECT DISTINCT ?concept (LANG(?label) AS ?lang) WHERE { GRAPH ?source { ?concept a ?class ; <"
             + str(SKOS.prefLabel) + "> ?label } VALUES ?class { " + " ".join(c.n3() for c in SHARED) + " } }")
#: The alternative labels of some concepts, in the graphs of sources other than RDF files, in a language in which
#: the concept has no preferred label.
_BARE = ("SELECT ?concept ?label ?g WHERE { VALUES ?concept { %s } GRAPH ?g { ?concept <" + str(SKOS.altLabel)
         + "> ?label } FILTER NOT EXISTS { ?g <" + str(DCTERMS.type) + "> \"rdf\" } FILTER NOT EXISTS { ?concept <"
         + str(SKOS.prefLabel) + "> ?pref FILTER(LANG(?pref) = LANG(?label)) } }")


def labelled_in(query, source: URIRef) -> set[tuple[URIRef, str]]:
    """(concept, language) for each preferred label that the graph of ``source`` gives a shared concept (read before
    a removal drops it)."""
    return {(concept, str(lang)) for concept, lang in query(_IN_GRAPH, {"source": source})
            if isinstance(concept, URIRef)}


def restore_pref_labels(writer, lost: set[tuple[URIRef, str]]) -> set[str]:
    """Once sources are removed, give each concept of ``lost`` that has no preferred label left in that language the
    wording that another source (not an RDF file) gives it, made alternative when the removed source's outranked it
    (the first, in the order of the text, of those left in that language); return the concepts changed."""
    concepts = sorted({concept for concept, _ in lost}, key=str)
    bare: dict[tuple[URIRef, str], list[tuple[str, URIRef, Literal]]] = {}
    for i in range(0, len(concepts), 500):
        values = " ".join(c.n3() for c in concepts[i:i + 500])
        for concept, label, where in writer.query(_BARE % values):
            if (concept, label.language or "") in lost:
                bare.setdefault((concept, label.language or ""), []).append((str(label), where, label))
    for (concept, _), labels in bare.items():
        _, where, label = min(labels, key=lambda found: (found[0], str(found[1])))
        writer.remove(where, [(concept, SKOS.altLabel, label)])
        writer.add(where, TripleSet([(concept, SKOS.prefLabel, label)]))
    return {str(concept) for concept, _ in bare}
