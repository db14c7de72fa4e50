"""SHACL validation against ``ontology/shapes.ttl``, compiled to SPARQL so that the store's engine runs it.

pySHACL checks ~2M triples in minutes; the shapes use a SHACL-core subset (targetClass; IRI or inverse paths;
min/maxCount, datatype, class, nodeKind, min/maxInclusive, pattern, in, hasValue) that compiles to one SPARQL
query per constraint, which Oxigraph answers in milliseconds. ``tests/test_validation.py`` checks that both
validators report the same violations on the samples.

Focus nodes can be restricted to one named graph (the file being ingested) while values are read over the union
of the store, so that a grant may name a funder described by another source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from graph.ontology import load_shapes

SUPPORTED = {SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.minInclusive, SH.maxInclusive,
             SH.pattern, SH["in"], SH.hasValue}
STRUCTURE = {SH.path, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group}


@dataclass(frozen=True)
class Violation:
    """One result: the focus node, the property path, the message (fr, en) and the severity."""

    focus: str
    path: str
    message: str
    message_en: str
    severity: str  # "Violation" | "Warning"
    value: str | None = None

    def format(self, lang: str = "fr") -> str:
        text = self.message_en if lang == "en" else self.message
        value = f" (valeur {self.value})" if self.value and lang == "fr" else (
            f" (value {self.value})" if self.value else "")
        return f"{self.severity.lower()}: <{self.focus}> {self.path}: {text}{value}"


@dataclass(frozen=True)
class Check:
    """A compiled constraint: the SPARQL that selects its violations (?focus, optional ?value)."""

    sparql: str
    path: str
    message: str
    message_en: str
    severity: str


class UnsupportedShape(ValueError):
    """A shape uses a SHACL feature that the compiled validator does not support."""


def _messages(shapes: Graph, node) -> tuple[str, str]:
    fr = en = ""
    for m in shapes.objects(node, SH.message):
        if isinstance(m, Literal) and m.language == "en":
            en = str(m)
        else:
            fr = str(m)
    return fr or en, en or fr


def _focus(target_class: URIRef, graph_var: bool) -> str:
    if graph_var:
        return f"GRAPH ?graph {{ ?focus a <{target_class}> }}"
    return f"?focus a <{target_class}> ."


def compile_shapes(shapes: Graph) -> list[Check]:
    """Compile every property shape of ``shapes`` to checks; raises UnsupportedShape on anything else."""
    checks = []
    for shape in sorted(set(shapes.subjects(SH.targetClass, None))):
        for target in shapes.objects(shape, SH.targetClass):
            for prop in shapes.objects(shape, SH.property):
                checks.extend(_compile_property(shapes, target, prop))
    return checks


def _compile_property(shapes: Graph, target: URIRef, prop) -> list[Check]:
    path = shapes.value(prop, SH.path)
    inverse = shapes.value(path, SH.inversePath) if not isinstance(path, URIRef) else None
    if isinstance(path, URIRef):
        step, shown = f"<{path}>", str(path)
    elif isinstance(inverse, URIRef):
        step, shown = f"^<{inverse}>", f"^{inverse}"
    else:
        raise UnsupportedShape(f"property shape {prop}: only IRI and inverse paths are supported")
    message, message_en = _messages(shapes, prop)
    severity = str(shapes.value(prop, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
    checks = []
    focus = "%FOCUS%"
    for p, o in shapes.predicate_objects(prop):
        if p in STRUCTURE:
            continue
        if p not in SUPPORTED:
            raise UnsupportedShape(f"property shape {prop}: {p} is not supported")
        if p == SH.minCount and int(o) <= 1:
            sparql = f"SELECT DISTINCT ?focus WHERE {{ {focus} FILTER NOT EXISTS {{ ?focus {step} ?v }} }}"
        elif p == SH.minCount:
            sparql = (f"SELECT ?focus (COUNT(DISTINCT ?v) AS ?value) WHERE {{ {focus} OPTIONAL {{ ?focus {step} ?v }} }} "
                      f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) < {int(o)})")
        elif p == SH.maxCount:
            sparql = (f"SELECT ?focus (COUNT(DISTINCT ?v) AS ?value) WHERE {{ {focus} ?focus {step} ?v }} "
                      f"GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) > {int(o)})")
        else:
            sparql = f"SELECT DISTINCT ?focus ?value WHERE {{ {focus} ?focus {step} ?value . " \
                     f"FILTER ({_value_test(p, o, shapes)}) }}"
        checks.append(Check(sparql, shown, message, message_en, severity))
    return [Check(c.sparql.replace(focus, _focus(target, True)), c.path, c.message, c.message_en, c.severity)
            for c in checks]


def _value_test(p, o, shapes: Graph) -> str:
    """Return a SPARQL expression true when ?value VIOLATES constraint ``p o``."""
    if p == SH.datatype:
        return f"!isLiteral(?value) || datatype(?value) != <{o}>"
    if p == SH["class"]:
        return f"!EXISTS {{ ?value a <{o}> }}"
    if p == SH.nodeKind:
        tests = {SH.IRI: "isIRI(?value)", SH.Literal: "isLiteral(?value)", SH.BlankNode: "isBlank(?value)",
                 SH.BlankNodeOrIRI: "!isLiteral(?value)", SH.IRIOrLiteral: "!isBlank(?value)",
                 SH.BlankNodeOrLiteral: "!isIRI(?value)"}
        return f"!({tests[o]})"
    if p == SH.minInclusive:
        return f"!(?value >= {o.n3()})"
    if p == SH.maxInclusive:
        return f"!(?value <= {o.n3()})"
    if p == SH.pattern:
        return f"!REGEX(STR(?value), {Literal(str(o)).n3()})"
    if p == SH["in"]:
        members = ", ".join(m.n3() for m in Collection(shapes, o))
        return f"?value NOT IN ({members})"
    if p == SH.hasValue:
        return f"?value != {o.n3()}"
    raise UnsupportedShape(str(p))


@cache
def compiled_checks() -> tuple[Check, ...]:
    """The checks compiled from the shipped shapes (compiled once per process)."""
    return tuple(compile_shapes(load_shapes()))


def validate(query, graph: URIRef | None = None) -> list[Violation]:
    """Run every check through ``query(sparql, bindings)``; focus nodes are limited to ``graph`` when given.

    Values are read over the union of the store, so references to resources of other sources count.
    """
    results = []
    for check in compiled_checks():
        bindings = {"graph": graph} if graph is not None else None
        for row in query(check.sparql, bindings):
            value = str(row[1]) if len(row) > 1 and row[1] is not None else None
            results.append(Violation(str(row[0]), check.path, check.message, check.message_en, check.severity,
                                     value))
    return sorted(set(results), key=lambda v: (v.focus, v.path, v.message))
