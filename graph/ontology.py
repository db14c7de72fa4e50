"""The ontology, shapes and SKOS schemes shipped in the ``ontology`` package, read through importlib.resources.

>>> from graph.namespaces import MAI
>>> (MAI.Grant, None, None) in load_ontology()
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

#: Vocabulary files and the IRI of the named graph each is stored in.
VOCABULARY_FILES = {
    "maillage.ttl": "https://w3id.org/maillage/ontology",
    "themes.ttl": "https://w3id.org/maillage/ontology/themes",
    "circles.ttl": "https://w3id.org/maillage/ontology/circles",
    "natures.ttl": "https://w3id.org/maillage/ontology/natures",
    "outcomes.ttl": "https://w3id.org/maillage/ontology/outcomes",
    "kinds.ttl": "https://w3id.org/maillage/ontology/kinds",
    "m57.ttl": "https://w3id.org/maillage/ontology/m57",
}


def read_vocabulary(name: str) -> bytes:
    """Return the bytes of one shipped vocabulary file."""
    return resources.files("ontology").joinpath(name).read_bytes()


def vocabulary_files() -> dict[str, str]:
    """Return the shipped vocabulary files (name -> graph IRI) that exist in this installation."""
    root = resources.files("ontology")
    return {name: iri for name, iri in VOCABULARY_FILES.items() if root.joinpath(name).is_file()}


def _parse(*names: str) -> Graph:
    """Parse shipped Turtle files into one rdflib graph, with Oxigraph's parser (rdflib's took ~1 s of every
    ingest process for the ontology and the shapes)."""
    from graph.namespaces import bind_prefixes
    from graph.terms import to_rdflib

    graph = Graph()
    bind_prefixes(graph)
    for name in names:
        for quad in ox.parse(read_vocabulary(name), ox.RdfFormat.TURTLE):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return graph


@cache
def load_ontology() -> Graph:
    """Return the OWL ontology (classes and properties with their labels)."""
    return _parse("maillage.ttl")


@cache
def load_shapes() -> Graph:
    """Return the SHACL shapes."""
    return _parse("shapes.ttl")


@cache
def load_schemes() -> Graph:
    """Return every SKOS scheme shipped (themes, circles, natures, outcomes, kinds, M57 accounts)."""
    return _parse(*(name for name in vocabulary_files() if name != "maillage.ttl"))


@cache
def superclasses() -> dict[URIRef, frozenset[URIRef]]:
    """Map each class of the ontology to all its superclasses (transitively), for type materialisation."""
    ontology = load_ontology()
    result = {}
    for cls in set(ontology.subjects(RDFS.subClassOf, None)):
        result[cls] = frozenset(c for c in ontology.transitive_objects(cls, RDFS.subClassOf) if c != cls)
    return result


@cache
def resource_properties() -> frozenset[URIRef]:
    """The properties whose values are resources, never literals: the ontology's object properties, and the paths
    that a shape gives a class, a node shape or an IRI node kind (``schema:funder``, ``org:member``).

    >>> from graph.namespaces import MAI, SCHEMA
    >>> {MAI.decidedBy, SCHEMA.funder} <= resource_properties(), SCHEMA.amount in resource_properties()
    (True, False)
    """
    shapes = load_shapes()
    found = set(load_ontology().subjects(RDF.type, OWL.ObjectProperty))
    for shape, path in shapes.subject_objects(SH.path):
        if isinstance(path, URIRef) and ((shape, SH["class"], None) in shapes or (shape, SH.node, None) in shapes
                                         or shapes.value(shape, SH.nodeKind) in (SH.IRI, SH.BlankNodeOrIRI)):
            found.add(path)
    return frozenset(found)
