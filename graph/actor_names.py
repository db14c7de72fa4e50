"""One display name per actor, put right again after sources leave or come back whole.

An ingest gives each actor one ``rdfs:label``: the name of the best-ranked source that names it
(:data:`graph.resolution.LABEL_RANKS`: the partner register, then the registries, then the others, the first
ingested among sources of one rank), the other sources' names made ``skos:altLabel`` in their own graphs. Two
operations change the sources without an ingest's ranking: ``maillage remove`` drops the source whose name was the
display name (the actor was left without one: « siren-210600045 » on every page, a SHACL violation), and restoring a
dump into a store that holds other sources puts its graphs back as they were (the actor had two names).
:func:`one_name_each` ranks the names of some actors again. An RDF file's labels are its own, never changed.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from graph.namespaces import sparql_prologue
from graph.resolution import LABEL_RANKS
from graph.triples import TripleSet

#: The names that sources other than RDF files give some actors, preferred or alternative, each with its graph, its
#: source's kind and time; and whether an RDF file names the actor.
_NAMES = """SELECT ?actor ?p ?label ?g ?kind ?time WHERE { VALUES ?actor { %s }
  ?actor a mai:Actor
  VALUES ?p { rdfs:label skos:altLabel }
  GRAPH ?g { ?actor ?p ?label }
  OPTIONAL { ?g dcterms:type ?kind } OPTIONAL { ?g prov:generatedAtTime ?time } }"""

#: The rank of a source of a kind that :data:`LABEL_RANKS` does not list: after those it lists.
_OTHER_RANK = max(LABEL_RANKS.values()) + 1
#: Actors ranked per query.
_BATCH = 500


def one_name_each(writer, iris: set[str]) -> set[str]:
    """Give each actor among ``iris`` one display name: its best-ranked source's, the others' made alternative in
    their graphs; an actor that no source names any more takes the best-ranked alternative name. Return the actors
    changed (for the search index)."""
    actors = sorted(URIRef(iri) for iri in iris if iri.startswith(("http://", "https://", "urn:")))
    changed: set[str] = set()
    for i in range(0, len(actors), _BATCH):
        names: dict[URIRef, list[tuple]] = {}
        values = " ".join(actor.n3() for actor in actors[i:i + _BATCH])
        for actor, p, label, where, kind, time in writer.query(sparql_prologue() + _NAMES % values):
            rank = (LABEL_RANKS.get(str(kind), _OTHER_RANK), str(time or ""), str(label), str(where))
            names.setdefault(actor, []).append((p == RDFS.label, str(kind) == "rdf", rank, where, label))
        for actor, found in names.items():
            if _rank_again(writer, actor, found):
                changed.add(str(actor))
    return changed


def _rank_again(writer, actor: URIRef, found: list[tuple]) -> bool:
    """Apply :func:`one_name_each` to one actor's names ``found`` (preferred?, from an RDF file?, rank, graph,
    name); whether any changed."""
    if any(preferred and rdf for preferred, rdf, *_ in found):
        return False  # an RDF file names it: its name is the file's own, and the others stay as they are
    preferred = sorted((rank, where, label) for is_preferred, rdf, rank, where, label in found if is_preferred)
    if len({label for _, _, label in preferred}) == 1:
        return False
    if not preferred:  # the source that named it is gone: the best of the others' names
        candidates = sorted((rank, where, label) for _, rdf, rank, where, label in found if not rdf)
        if not candidates:
            return False
        _, where, label = candidates[0]
        writer.remove(where, [(actor, SKOS.altLabel, label)])
        writer.add(where, TripleSet([(actor, RDFS.label, label)]))
        return True
    kept = preferred[0][2]
    for _, where, label in preferred[1:]:
        if label != kept:  # another source's other name: alternative in its graph
            writer.remove(where, [(actor, RDFS.label, label)])
            writer.add(where, TripleSet([(actor, SKOS.altLabel, label)]))
    return True
