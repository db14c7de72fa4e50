"""SHACL validation against ``ontology/shapes.ttl``: a SHACL-core subset evaluated over one fetch per class.

pySHACL checks ~2M triples in minutes, and one SPARQL query per constraint took 12 s for 200k triples here (154
scans). The shapes use a subset — targetClass; IRI or inverse paths; min/maxCount, datatype (or an sh:or of
datatypes), class, nodeKind, min/maxInclusive, pattern, in, hasValue — so the validator fetches, per target class
present, the values of its constrained paths in one query, and evaluates the constraints in Python on the engine's
own terms.
``tests/test_validation.py`` checks that it reports what pySHACL reports on the samples. One departure: sh:maxCount
counts the values of one language at a time, untagged values in every language (:func:`_in_one_language`), so that
a name and its translation are not two display names.

On Oxigraph, reading the values costs far more than checking them (a string lookup per term: 6–7 s of CPU for a
316k-triple graph), so the engine first narrows a large class to the focus nodes that may fail
(:mod:`graph.shacl_narrowing`: 0.6–1 s for that graph); ``tests/test_validation_speed_paths.py`` checks that the
answer is the same.

Focus nodes can be limited to one named graph (the file being ingested) while values, and the classes of values,
are read over the union of the store, so that a grant may name a funder described by another source, and an
actor that the file names be located by another.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Set as AbstractSet
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, partial

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD

from graph.ingest.base import one_line
from graph.ontology import load_shapes
from graph.shacl_narrowing import FOCUS, NODE_KINDS, edge, narrowing, worth_narrowing
from graph.terms import term_parts
from graph.validation_hints import LEXICAL_FORMS, datatype_hint, unread_names, well_formed
from graph.validation_names import NAMED_IRI, name_violations

#: Checks run at once when the query function may be called from several threads (Oxigraph evaluates much of a
#: query without holding the GIL; two cores: two).
THREADS = max(1, min(2, os.cpu_count() or 1))
SUPPORTED = {SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.minInclusive, SH.maxInclusive,
             SH.pattern, SH["in"], SH.hasValue, SH["or"]}
STRUCTURE = {SH.path, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group}
NUMERIC = {str(XSD[t]) for t in ("decimal", "integer", "int", "long", "nonNegativeInteger", "positiveInteger",
                                 "double", "float", "gYear")}


@dataclass(frozen=True)
class Violation:
    """One result: the focus node, the property path, the message (fr, en) and the severity."""

    focus: str
    path: str
    message: str
    message_en: str
    severity: str  # "Violation" | "Warning" | "Info" (shown on demand: ``--verbose``)
    value: str | None = None
    #: What a report names the result by (:func:`graph.validation_names.name_violations`), not what it is: the
    #: shape's target class, the focus node's name, whether it is a blank node, the files that state it.
    target: str = field(default="", compare=False)
    label: str | None = field(default=None, compare=False)
    blank: bool = field(default=False, compare=False)
    sources: tuple[str, ...] = field(default=(), compare=False)
    #: A result about the values that several files state together (too many): a file is told of it only when it
    #: states one of them, not each file that merely mentions the focus node.
    of_values: bool = field(default=False, compare=False)
    #: Where the file being ingested writes the focus node's statement, for a result of an RDF file
    #: (:mod:`graph.ingest.rdf_lines`); None when unknown, or for any other result.
    line: int | None = field(default=None, compare=False)

    def format(self, lang: str = "fr") -> str:
        text = self.message_en if lang == "en" else self.message
        shown = f" ({'value' if lang == 'en' else 'valeur'} {one_line(self.value)})" if self.value else ""
        return f"{self.severity.lower()}: <{self.focus}> {self.path}: {text}{shown}"


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
        if p in STRUCTURE:
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
        else:
            o = str(o)
        result.constraints[str(p).rsplit("#", 1)[-1]] = o
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


@cache
def compiled_shapes() -> tuple[PropertyShape, ...]:
    """The shipped shapes, compiled once per process."""
    return tuple(compile_shapes(load_shapes()))


#: One index lookup per target class (listing the graph's classes scanned all its types: 0.07 s at 316k triples).
_PRESENT = "SELECT ?class WHERE { %s FILTER EXISTS { GRAPH ?graph { ?focus a ?class } } }"
#: The same for the graphs of one publish (validate_graphs scopes ``GRAPH ?graph`` with a VALUES of graphs): their
#: types listed, then kept if a shape targets them. The EXISTS with 222 graphs inside took 1.3 s at 100k actors
#: (Oxigraph joined each class's resources across the store with the graphs); the listing reads only the types of
#: these graphs (8 ms).
_PRESENT_IN_GRAPHS = "SELECT DISTINCT ?class WHERE { GRAPH ?graph { ?focus a ?class } }"
_FETCH = "SELECT ?focus ?p ?value WHERE { %s OPTIONAL { ?focus ?p ?value %s } }"
_FETCH_INVERSE = "SELECT ?focus ?p ?value WHERE { %s OPTIONAL { ?value ?p ?focus %s } }"
#: The values first, deduplicated, each path's edge with its predicate, the classes as VALUES: written otherwise,
#: Oxigraph scanned every typed resource or every edge of the store (1.1 s instead of 0.1 s for 4,549
#: deliberations, 0.09 s instead of 0.001 s for one public authority).
#: The values are the focus nodes' (over every graph, as :func:`_fetch` reads them), never the whole store's.
_TYPES = "SELECT DISTINCT ?value ?class WHERE { { SELECT DISTINCT ?value WHERE { %s %s } } %s ?value a ?class }"
_VALUES = "SELECT DISTINCT ?value WHERE { %s %s }"
#: The nodes that the graphs of a publish type, picked in Python: with the focus nodes as VALUES too, Oxigraph
#: tried every pair of node and graph (0.32 s for 2,201 actors and 175 files at 100k actors, against 0.03 s).
_TYPING = "SELECT ?focus ?graph WHERE { %s ?focus a <%s> } }"
#: The classes as a FILTER (as VALUES, Oxigraph took 11 s instead of 0.1 s for 1,688 values): only the rows needed,
#: half the time of reading every type of the values (an actor has ~10).
_TYPES_OF = "SELECT ?value ?class WHERE { VALUES ?value { %s } ?value a ?class %s }"
#: IRIs that one query names in a VALUES block: the values whose types it reads, the suspects it checks.
IRIS_PER_QUERY = 2000
#: The focus nodes that the narrowing lets through (:func:`_check_suspects`).
_SUSPECTS = "SELECT DISTINCT ?focus WHERE %s"
#: The graphs, among those of a VALUES block, that state a value of ``path`` for each of the focus nodes.
#: Which of some focus nodes one graph gives a value of a path. The graph is written in the pattern: bound by a VALUES
#: block instead, Oxigraph 0.5 reads the path in every graph (200 nodes of the 100k corpus's dump: 455 ms, 3 ms so).
_STATING = "SELECT DISTINCT ?focus WHERE { VALUES ?focus { %s } GRAPH <%s> { ?focus <%s> ?value } }"
#: Values that a result about too many values names, at most.
MAX_SHOWN = 5
#: Graphs that one validation scopes its queries to (:func:`validate_graphs`), at most. Oxigraph 0.5 evaluates some
#: of these queries another way as the VALUES block of graphs grows: at 100k actors, validating 590 grants lists
#: took 2.3 s, 620 lists 9 s, 1,010 lists 41.2 s (counting the grants of 1,000 lists: 33 ms, of 1,010: 1.06 s); in
#: runs of at most this many, 1,010 lists took 5.5 s (bench/validate_publish.py, bench/README.md).
GRAPHS_PER_VALIDATION = 500
#: An IRI that can be written between <> in a query (SPARQL's IRIREF).
_WRITABLE_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_MISSING = "SELECT ?focus ?path WHERE { %s }"


# The IRIs written into queries come from our own shapes file, never from data or users.
def _in_filter(variable: str, iris) -> str:
    return f"FILTER({variable} IN ({', '.join(f'<{i}>' for i in sorted(iris))}))"


def _values(variable: str, iris) -> str:
    return f"VALUES {variable} {{ {' '.join(f'<{i}>' for i in sorted(iris))} }}"


def validate(query, graph: URIRef | None = None, threads: int = 1) -> list[Violation]:
    """Validate through ``query(sparql, bindings)`` (a store's or a writer's); focus nodes limited to ``graph``.

    With ``threads`` > 1 (for a ``query`` that may be called from several threads at once), that many checks run
    at a time: Oxigraph evaluates much of a query without holding the GIL (a 2M-triple file: 7.4 s -> 5.6 s on
    two cores).
    """
    found = {v for _, v in _violations(query, {"graph": graph} if graph is not None else {}, threads)}
    if graph is not None:
        found = _stated_in(query, found, str(graph))
    return name_violations(query, sorted(found, key=_order_key))


def _stated_in(query, violations: set[Violation], graph: str) -> set[Violation]:
    """``violations`` less those about several files' values (``of_values``) of which ``graph`` states no value: a
    file that only mentions an actor is not told that two others disagree on it."""
    keep = {v for v in violations if not v.of_values or not NAMED_IRI.fullmatch(v.focus)}  # blank nodes: as found
    by_path: dict[str, list[Violation]] = defaultdict(list)
    for violation in violations - keep:
        by_path[violation.path].append(violation)
    for path, about in by_path.items():
        if (named := _named([("iri", v.focus) for v in about])) is None or not _WRITABLE_IRI.fullmatch(graph):
            keep.update(about)
            continue
        stating = set()
        for chunk in named:
            stating |= {term_parts(focus)[1] for (focus,) in query(_STATING % (chunk, graph, path)).raw_rows()}
        keep.update(v for v in about if v.focus in stating)
    return keep


def validate_graphs(query, graphs: list[URIRef], threads: int = 1) -> dict[URIRef, list[Violation]]:
    """Validate the focus nodes of several graphs at once: what :func:`validate` gives each of them, for the
    queries of one validation (~30 per file of a deliberation or a grants list: 60–90 ms at 100k actors).

    Each ``GRAPH ?graph`` pattern of the queries ranges over ``graphs`` (a VALUES block in front of it), and a
    violation goes to the graphs that give its focus node the shape's target class, as one graph's validation
    would have found it. More than GRAPHS_PER_VALIDATION graphs are validated in runs of equal size, none larger.
    """
    graphs = sorted(set(graphs))
    if len(graphs) > GRAPHS_PER_VALIDATION:
        size = -(-len(graphs) // -(-len(graphs) // GRAPHS_PER_VALIDATION))  # 560 graphs: 280 and 280, not 500 and 60
        found: dict[URIRef, list[Violation]] = {}
        for start in range(0, len(graphs), size):
            found.update(validate_graphs(query, graphs[start:start + size], threads))
        return found
    if len(graphs) == 1:
        return {graphs[0]: validate(query, graphs[0], threads)}
    scope = "VALUES ?graph { " + " ".join(f"<{g}>" for g in graphs) + " } GRAPH ?graph {"

    def scoped(sparql: str, bindings=None):
        bindings = {k: v for k, v in (bindings or {}).items() if k != "graph"}
        return query(sparql.replace("GRAPH ?graph {", scope), bindings or None)

    by_target: dict[str, set[Violation]] = defaultdict(set)
    for target, violation in _violations(scoped, {"graph": None}, threads):
        by_target[target].add(violation)
    gathered: dict[URIRef, set[Violation]] = {g: set() for g in graphs}
    for target, violations in by_target.items():
        holders = _graphs_typing(query, scope, target, {v.focus for v in violations})
        for violation in violations:
            for graph in holders.get(violation.focus, ()):
                gathered[URIRef(graph)].add(violation)
    for graph in graphs:
        gathered[graph] = _stated_in(query, gathered[graph], str(graph))
    named = iter(name_violations(query, [v for graph in graphs for v in sorted(gathered[graph], key=_order_key)]))
    return {graph: [next(named) for _ in gathered[graph]] for graph in graphs}


def _graphs_typing(query, scope: str, target: str, focus_nodes: set[str]) -> dict[str, set[str]]:
    """The graphs (of ``scope``) that give each of ``focus_nodes`` the class ``target``."""
    holders: dict[str, set[str]] = defaultdict(set)
    for focus, graph in query(_TYPING % (scope, target)).raw_rows():
        if (name := term_parts(focus)[1]) in focus_nodes:
            holders[name].add(term_parts(graph)[1])
    return holders


def _violations(query, bound: dict, threads: int = 1):
    """Yield (target class, violation) for the focus nodes of the target classes present (limited to
    ``bound["graph"]`` when given), ``threads`` checks at a time."""
    by_target: dict[str, list[PropertyShape]] = defaultdict(list)
    for shape in compiled_shapes():
        by_target[shape.target].append(shape)
    if "graph" in bound and bound["graph"] is None:  # the graphs of validate_graphs' scope
        answer = query(_PRESENT_IN_GRAPHS)
    else:
        answer = query(_PRESENT % _values("?class", by_target), bound or None)
    present = {term_parts(row[0])[1] for row in answer.raw_rows()} & set(by_target)
    narrow = getattr(answer, "engine", None) == "oxigraph"
    checks = []  # (target, a check of some of its shapes on some of its focus nodes)
    for target, shapes in by_target.items():
        if target not in present:
            continue
        bindings = {**bound, "target": URIRef(target)}
        if not narrow or not worth_narrowing(query, bindings, shapes):
            checks.append((target, partial(_check_focus, query, bindings, FOCUS, shapes)))
        else:
            missing, suspects = narrowing(shapes)
            if missing:
                checks.append((target, partial(_check_missing, query, bindings, missing, shapes)))
            if suspects:
                checks.append((target, partial(_check_suspects, query, bindings, suspects, shapes)))
    if threads > 1 and len(checks) > 1:
        with ThreadPoolExecutor(threads, thread_name_prefix="validate") as pool:
            results = list(pool.map(lambda check: check(), (check for _, check in checks)))
    else:
        results = [check() for _, check in checks]
    found = [(target, violation) for (target, _), violations in zip(checks, results) for violation in violations]
    told = unread_names(query, [violation for _, violation in found])
    yield from ((target, told.get(violation, violation)) for target, violation in found)


def _order_key(v: Violation) -> tuple:
    return (v.focus, v.path, v.message, v.severity, v.value or "")


def _check_suspects(query, bindings, suspects: str, shapes) -> set[Violation]:
    """Check ``shapes`` on the focus nodes that the narrowing ``suspects`` lets through, named once picked: each of
    the check's queries (the values, the inverse values, the values' types) would evaluate the narrowing again (the
    actors of a 2M-triple dump: 1.3 s each time, for 553 suspects whose values take 0.2 s to read)."""
    nodes = [term_parts(row[0]) for row in query(_SUSPECTS % suspects, bindings).raw_rows()]
    if not nodes:
        return set()
    if (chunks := _named(nodes)) is None:
        return _check_focus(query, bindings, suspects, shapes)
    found = set()
    for named in chunks:
        found |= _check_focus(query, bindings, f"VALUES ?focus {{ {named} }}", shapes)
    return found


def _named(terms: list[tuple]) -> list[str] | None:
    """The IRIs of ``terms`` (term parts), distinct and written for a VALUES block, IRIS_PER_QUERY a block; None
    when one of them cannot be written into a query (a blank node, or an IRI that would not parse)."""
    if not all(kind == "iri" and _WRITABLE_IRI.fullmatch(value) for kind, value, *_ in terms):
        return None
    iris = sorted({value for _, value, *_ in terms})
    return [" ".join(f"<{iri}>" for iri in iris[start:start + IRIS_PER_QUERY])
            for start in range(0, len(iris), IRIS_PER_QUERY)]


def _check_focus(query, bindings, focus: str, shapes) -> set[Violation]:
    """Check ``shapes`` on the focus nodes that the group pattern ``focus`` binds, with all their values."""
    values = _fetch(query, bindings, focus, shapes)
    if not values[False] and not values[True]:
        return set()
    typed = _types_needed(query, bindings, focus, shapes)
    datatypes = defaultdict(list)  # (path, inverse): the datatypes its values may have, one set per shape
    for shape in shapes:
        if "datatype" in shape.constraints:
            datatypes[shape.path, shape.inverse].append(shape.constraints["datatype"])
    ill_formed = _ill_formed(values)
    found = set()
    for shape in shapes:
        for node, vals in values[shape.inverse].items():
            found.update(_check(shape, node, vals.get(shape.path, []), typed, datatypes[shape.path, shape.inverse],
                                ill_formed))
    return found


def _ill_formed(values: dict[bool, dict[str, dict[str, list]]]) -> set[tuple]:
    """The values (term parts) of a datatype of LEXICAL_FORMS not written as it allows: each value checked once,
    not once per shape of its path (5,000 grants read directly: 15k checks, 17 ms, instead of 58k, 120 ms)."""
    return {value for by_focus in values.values() for by_path in by_focus.values() for vals in by_path.values()
            for value in vals if value[2] in LEXICAL_FORMS and not well_formed(value[1], value[2])}


def _fetch(query, bindings, focus, shapes) -> dict[bool, dict[str, dict[str, list]]]:
    """Return {inverse?: {focus: {path: [value parts]}}} for the focus nodes that ``focus`` binds."""
    values: dict[bool, dict] = {False: defaultdict(lambda: defaultdict(list)),
                                True: defaultdict(lambda: defaultdict(list))}
    for inverse, template in ((False, _FETCH), (True, _FETCH_INVERSE)):
        paths = {s.path for s in shapes if s.inverse == inverse}
        if not paths:
            continue
        for node, p, value in query(template % (focus, _in_filter("?p", paths)), bindings).raw_rows():
            slot = values[inverse][term_parts(node)[1]]
            if p is not None:
                slot[term_parts(p)[1]].append(term_parts(value))
        if not values[inverse]:
            break  # no focus node at all: the other direction has none either
    return values


def _types_needed(query, bindings, focus, shapes) -> set[tuple[str, str]]:
    """Return the (value, class) pairs that the sh:class constraints of ``shapes`` need for ``focus``'s values.

    The values and their types are read over every graph, as the values are fetched: a file's actor that
    another source locates has the place that source types. The values first, then their types by a VALUES-first
    query: in one query, Oxigraph joined the values with every resource of the classes (0.1–0.4 s per ingested
    file at 100k actors instead of 1 ms).
    """
    classes = {s.constraints["class"] for s in shapes if "class" in s.constraints}
    if not classes:
        return set()
    edges = sorted({edge(s.path, s.inverse, "?value") for s in shapes if "class" in s.constraints})
    union = " UNION ".join(f"{{ {e} }}" for e in edges)
    values = [term_parts(row[0]) for row in query(_VALUES % (focus, union), bindings).raw_rows()]
    if (chunks := _named(values)) is None:  # one query for all
        sparql = _TYPES % (focus, union, _values("?class", classes))
        return {(term_parts(v)[1], term_parts(c)[1]) for v, c in query(sparql, bindings).raw_rows()}
    typed = set()
    for chunk in chunks:
        for value, cls in query(_TYPES_OF % (chunk, _in_filter("?class", classes))).raw_rows():
            typed.add((term_parts(value)[1], term_parts(cls)[1]))
    return typed


def _check_missing(query, bindings, missing: list[tuple[str, bool]], shapes) -> set[Violation]:
    """Check the shapes of each path in ``missing`` on the focus nodes that have no value for it at all."""
    branches = [f"{{ {FOCUS} MINUS {{ {edge(path, inverse)} }} BIND({number} AS ?path) }}"
                for number, (path, inverse) in enumerate(missing)]
    found = set()
    for node, number in query(_MISSING % " UNION ".join(branches), bindings).raw_rows():
        path_key = missing[int(term_parts(number)[1])]
        for shape in shapes:
            if (shape.path, shape.inverse) == path_key:
                found.update(_check(shape, term_parts(node)[1], [], set()))
    return found


def _check(shape: PropertyShape, focus: str, vals: list, typed: set, datatypes=(),
           ill_formed: AbstractSet[tuple] = frozenset()) -> list[Violation]:
    """The results of ``shape`` on one focus node's values, of which ``ill_formed`` are not written as their
    datatype allows (:func:`_ill_formed`). A value that another shape of the path refuses for its datatype
    (``datatypes``) is not checked further by this one: "12 000 €" or "8 000,00"^^xsd:decimal gets the datatype's
    message, not also "positif ou nul"."""
    found = []

    def fail(value=None, of_values=False, hint=("", "")):
        found.append(Violation(focus, shape.shown_path, _sentence(shape.message, hint[0]),
                               _sentence(shape.message_en, hint[1]), shape.severity, value,
                               target=shape.target, of_values=of_values))

    distinct = set(vals)
    c = shape.constraints
    if "minCount" in c and len(distinct) < c["minCount"]:
        fail(str(len(distinct)) if c["minCount"] > 1 else None)
    if "maxCount" in c and len(distinct) > c["maxCount"] and len(crowded := _in_one_language(distinct)) > c["maxCount"]:
        shown = sorted(value[1] for value in crowded)  # the values, not their count: which ones disagree
        fail(", ".join(shown[:MAX_SHOWN]) + (f", … ({len(shown)})" if len(shown) > MAX_SHOWN else ""),
             of_values=not shape.inverse)
    if "hasValue" in c and c["hasValue"] not in distinct:
        fail()
    for value in sorted(distinct):
        if "datatype" in c and not _datatype_ok(c["datatype"], value, ill_formed):
            fail(value[1], hint=datatype_hint(value, c["datatype"]))
        elif "datatype" not in c and any(not _datatype_ok(d, value, ill_formed) for d in datatypes):
            continue
        elif not _value_ok(c, value, typed):
            fail(value[1])
    return found


def _in_one_language(values: set) -> set:
    """The most of ``values`` (term parts) that a page in one language shows: its language's texts and the untagged
    values (:func:`webapp.display.by_language`). A text and its translation (``"X"@fr``, ``"Y"@en``) are one name
    in two languages, not two names: sh:maxCount counts the values of one language, as sh:uniqueLang would — which
    ignores untagged values, where two plain names are two display names all the same."""
    untagged = {value for value in values if not value[3]}
    by_language: dict[str, set] = defaultdict(set)
    for value in values:
        if value[3]:
            by_language[value[3].lower()].add(value)
    return max((untagged | tagged for _, tagged in sorted(by_language.items())), key=len, default=untagged)


def _sentence(message: str, hint: str) -> str:
    return f"{message} {hint}" if hint else message


def _datatype_ok(allowed: frozenset[str], value: tuple, ill_formed: AbstractSet[tuple]) -> bool:
    """Whether ``value`` is a literal of one of the ``allowed`` datatypes, written as that datatype allows (not among
    ``ill_formed``): the engine keeps "10/02/2025"^^xsd:date as written, and SHACL refuses it (sh:datatype: a
    literal that is not ill-formed)."""
    return value[0] == "literal" and value[2] in allowed and value not in ill_formed


def _value_ok(c: dict, value: tuple, typed: set) -> bool:
    kind, lexical, _, _ = value
    if "nodeKind" in c and not _node_kind_ok(c["nodeKind"], kind):
        return False
    if "class" in c and (lexical, c["class"]) not in typed:
        return False
    if "pattern" in c and not c["pattern"].search(lexical):
        return False
    if "in" in c and value not in c["in"]:
        return False
    for bound, ok in (("minInclusive", lambda x, b: x >= b), ("maxInclusive", lambda x, b: x <= b)):
        if bound in c:
            number = _number(value)
            if number is None or not ok(number, c[bound]):
                return False
    return True


def _node_kind_ok(node_kind: str, kind: str) -> bool:
    return kind in NODE_KINDS[node_kind.rsplit("#", 1)[-1]]


def _number(value: tuple) -> Decimal | None:
    kind, lexical, datatype, _ = value
    if kind != "literal" or datatype not in NUMERIC:
        return None
    try:
        return Decimal(lexical)
    except InvalidOperation:
        return None


__all__ = ["Violation", "PropertyShape", "UnsupportedShape", "compile_shapes", "compiled_shapes", "validate"]
