"""The SHACL shapes that :mod:`graph.validation` evaluates, compiled: each property shape of ``ontology/shapes.ttl``
becomes a :class:`PropertyShape`, its constraints read into Python values (a compiled pattern, a set of allowed
terms, a number), and a shape that uses a SHACL feature outside the supported subset raises UnsupportedShape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from graph.ontology import load_shapes
from graph.terms import term_parts

SUPPORTED = {SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.minInclusive, SH.maxInclusive,
             SH.pattern, SH["in"], SH.hasValue, SH["or"], SH.uniqueLang, SH.qualifiedValueShape, SH.qualifiedMaxCount}
STRUCTURE = {SH.path, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group}


@dataclass
class PropertyShape:
    """The constraints on one path of one target class, compiled from a SHACL property shape."""

    target: str
    path: str
    inverse: bool
    message: str
    message_en: str
    severity: str
    constraints: dict = field(default_factory=dict)

    @property
    def shown_path(self) -> str:
        return ("^" if self.inverse else "") + self.path


class UnsupportedShape(ValueError):
    """A shape uses a SHACL feature that this validator does not support."""


def compile_shapes(shapes: Graph) -> list[PropertyShape]:
    """Compile every property shape of ``shapes``; raises UnsupportedShape on anything outside the subset."""
    compiled = []
    for shape in sorted(set(shapes.subjects(SH.targetClass, None))):
        for target in shapes.objects(shape, SH.targetClass):
            for prop in shapes.objects(shape, SH.property):
                compiled.append(_compile_property(shapes, target, prop))
    return compiled


def _compile_property(shapes: Graph, target: URIRef, prop) -> PropertyShape:
    path = shapes.value(prop, SH.path)
    inverse = shapes.value(path, SH.inversePath) if not isinstance(path, URIRef) else None
    if not isinstance(path, URIRef) and not isinstance(inverse, URIRef):
        raise UnsupportedShape(f"property shape {prop}: only IRI and inverse paths are supported")
    fr = en = ""
    for m in shapes.objects(prop, SH.message):
        en, fr = (str(m), fr) if isinstance(m, Literal) and m.language == "en" else (en, str(m))
    severity = str(shapes.value(prop, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
    result = PropertyShape(str(target), str(inverse or path), inverse is not None, fr or en, en or fr, severity)
    for p, o in shapes.predicate_objects(prop):
        if p in STRUCTURE or p == SH.qualifiedValueShape:  # read with its sh:qualifiedMaxCount
            continue
        if p not in SUPPORTED:
            raise UnsupportedShape(f"property shape {prop}: {p} is not supported")
        if p == SH["in"]:
            o = {term_parts(m) for m in Collection(shapes, o)}
        elif p in (SH.datatype, SH["or"]):
            p, o = SH.datatype, _datatypes(shapes, prop, p, o)
        elif p == SH.pattern:
            o = re.compile(str(o))
        elif p in (SH.minCount, SH.maxCount):
            o = int(o)
        elif p in (SH.minInclusive, SH.maxInclusive):
            o = Decimal(str(o))
        elif p == SH.hasValue:
            o = term_parts(o)
        elif p == SH.uniqueLang:
            o = o.toPython() is True
        elif p == SH.qualifiedMaxCount:
            o = (int(o), _qualified_datatypes(shapes, prop))
        else:
            o = str(o)
        result.constraints[str(p).rsplit("#", 1)[-1]] = o
    if (prop, SH.qualifiedValueShape, None) in shapes and "qualifiedMaxCount" not in result.constraints:
        raise UnsupportedShape(f"property shape {prop}: sh:qualifiedValueShape is supported only with "
                               "sh:qualifiedMaxCount")
    return result


def _datatypes(shapes: Graph, prop, p, o) -> frozenset[str]:
    """The datatypes that a value may have: sh:datatype's one, or those of an sh:or of datatype-only shapes
    (xsd:decimal or xsd:integer: an integer is a decimal, but SHACL compares datatype IRIs)."""
    if len(set(shapes.objects(prop, SH.datatype))) + len(set(shapes.objects(prop, SH["or"]))) != 1:
        raise UnsupportedShape(f"property shape {prop}: one sh:datatype or one sh:or of datatypes, not both")
    if p == SH.datatype:
        return frozenset({str(o)})
    members = list(Collection(shapes, o))
    if not members or any(set(shapes.predicates(m, None)) != {SH.datatype}
                          or len(set(shapes.objects(m, SH.datatype))) != 1 for m in members):
        raise UnsupportedShape(f"property shape {prop}: sh:or is supported only of shapes with one sh:datatype each")
    return frozenset(str(shapes.value(m, SH.datatype)) for m in members)


def _qualified_datatypes(shapes: Graph, prop) -> frozenset[str]:
    """The datatypes of the values that sh:qualifiedMaxCount counts: its sh:qualifiedValueShape must be one
    sh:datatype (xsd:string: the untagged texts, which sh:uniqueLang leaves aside)."""
    qualified = shapes.value(prop, SH.qualifiedValueShape)
    if qualified is None or set(shapes.predicates(qualified, None)) != {SH.datatype} \
            or len(set(shapes.objects(qualified, SH.datatype))) != 1:
        raise UnsupportedShape(f"property shape {prop}: sh:qualifiedMaxCount is supported only with an "
                               "sh:qualifiedValueShape of one sh:datatype")
    return frozenset({str(shapes.value(qualified, SH.datatype))})


@cache
def compiled_shapes() -> tuple[PropertyShape, ...]:
    """The shipped shapes, compiled once per process."""
    return tuple(compile_shapes(load_shapes()))


__all__ = ["PropertyShape", "UnsupportedShape", "compile_shapes", "compiled_shapes", "SUPPORTED", "STRUCTURE"]
