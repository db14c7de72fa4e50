"""SHACL validation against ``ontology/shapes.ttl``: a SHACL-core subset evaluated over one fetch per class.

pySHACL checks ~2M triples in minutes, and one SPARQL query per constraint took 12 s for 200k triples here (154
scans). The shapes use a subset — targetClass; IRI or inverse paths; min/maxCount, datatype (or an sh:or of
datatypes), class, nodeKind, min/maxInclusive, pattern, in, hasValue, uniqueLang, qualifiedMaxCount of one
datatype — so the validator fetches, per target class present, the values of its constrained paths in one query, and
evaluates the constraints in Python on the engine's own terms.
``tests/test_validation.py`` checks that it reports what pySHACL reports on the samples, and
``tests/test_shapes_corpus.py`` on the exported demo corpus; a name and its translation are not two display names
because the shapes say so (sh:uniqueLang, and sh:qualifiedMaxCount of the untagged names), not by a departure of
sh:maxCount from SHACL.

On Oxigraph, reading the values costs far more than checking them (a string lookup per term: 6–7 s of CPU for a
316k-triple graph), so the engine first narrows a large class to the focus nodes that may fail
(:mod:`graph.shacl_narrowing`: 0.6–1 s for that graph); ``tests/test_validation_speed_paths.py`` checks that the
answer is the same.

Focus nodes can be limited to one named graph (the file being ingested) while values, and the classes of values,
are read over the union of the store, so that a grant may name a funder described by another source, and an
actor that the file names be located by another.

This module runs the checks of each target class present, and places their results (one graph, or the graphs of
one publish); the shapes are compiled by :mod:`graph.validation_shapes`, the checks fetch the focus nodes' values in
:mod:`graph.validation_checks`, and each shape's constraints are evaluated in :mod:`graph.validation_constraints`.
"""

from __future__ import annotations

import os
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from rdflib import URIRef

from graph.shacl_narrowing import FOCUS, narrowing, worth_narrowing
from graph.terms import term_parts
from graph.validation_checks import (WRITABLE_IRI, check_focus, check_missing, check_suspects, terms_to_value_blocks,
                                     values_clause)
from graph.validation_constraints import Violation
from graph.validation_hints import unread_names
from graph.validation_memberships import outside_ptce
from graph.validation_names import NAMED_IRI, name_violations
from graph.validation_shapes import PropertyShape, UnsupportedShape, compile_shapes, compiled_shapes

#: Checks run at once when the query function may be called from several threads (Oxigraph evaluates much of a
#: query without holding the GIL; two cores: two).
THREADS = max(1, min(2, os.cpu_count() or 1))


#: One index lookup per target class (listing the graph's classes scanned all its types: 0.07 s at 316k triples).
_PRESENT = "SELECT ?class WHERE { %s FILTER EXISTS { GRAPH ?graph { ?focus a ?class } } }"
#: The same for the graphs of one publish (validate_graphs scopes ``GRAPH ?graph`` with a VALUES of graphs): their
#: types listed, then kept if a shape targets them. The EXISTS with 222 graphs inside took 1.3 s at 100k actors
#: (Oxigraph joined each class's resources across the store with the graphs); the listing reads only the types of
#: these graphs (8 ms).
_PRESENT_IN_GRAPHS = "SELECT DISTINCT ?class WHERE { GRAPH ?graph { ?focus a ?class } }"
#: The nodes that the graphs of a publish type, picked in Python: with the focus nodes as VALUES too, Oxigraph
#: tried every pair of node and graph (0.32 s for 2,201 actors and 175 files at 100k actors, against 0.03 s).
_TYPING = "SELECT ?focus ?graph WHERE { %s ?focus a <%s> } }"
#: The graphs, among those of a VALUES block, that state a value of ``path`` for each of the focus nodes.
#: Which of some focus nodes one graph gives a value of a path. The graph is written in the pattern: bound by a VALUES
#: block instead, Oxigraph 0.5 reads the path in every graph (200 nodes of the 100k corpus's dump: 455 ms, 3 ms so).
_STATING = "SELECT DISTINCT ?focus WHERE { VALUES ?focus { %s } GRAPH <%s> { ?focus <%s> ?value } }"
#: Graphs that one validation scopes its queries to (:func:`validate_graphs`), at most. Oxigraph 0.5 evaluates some
#: of these queries another way as the VALUES block of graphs grows: at 100k actors, validating 590 grants lists
#: took 2.3 s, 620 lists 9 s, 1,010 lists 41.2 s (counting the grants of 1,000 lists: 33 ms, of 1,010: 1.06 s); in
#: runs of at most this many, 1,010 lists took 5.5 s (bench/validate_publish.py, bench/README.md).
GRAPHS_PER_VALIDATION = 500


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
    file that only mentions an actor is not told that two others disagree on it; and less those about one value
    that another file states (:func:`_of_others`)."""
    keep = {v for v in violations if not v.of_values or not NAMED_IRI.fullmatch(v.focus)}  # blank nodes: as found
    keep = _of_others(query, keep, graph)
    by_path: dict[str, list[Violation]] = defaultdict(list)
    for violation in violations - keep:
        by_path[violation.path].append(violation)
    for path, about in by_path.items():
        named = terms_to_value_blocks([("iri", v.focus) for v in about])
        if named is None or not WRITABLE_IRI.fullmatch(graph):
            keep.update(about)
            continue
        stating = set()
        for chunk in named:
            stating |= {term_parts(focus)[1] for (focus,) in query(_STATING % (chunk, graph, path)).raw_rows()}
        keep.update(v for v in about if v.focus in stating)
    return keep


#: Which of some focus nodes ``graph`` gives the class ``target``, when no graph that states their value of ``path``
#: does: the class that this file gives is what makes another file's value wrong (a register's « entreprise » and
#: SIRENE's legal category 9300, a foundation's).
_TYPING_ALONE = ("SELECT DISTINCT ?focus WHERE { VALUES ?focus { %s } GRAPH <%s> { ?focus a <%s> } "
                 "FILTER NOT EXISTS { GRAPH ?other { ?focus <%s> ?value ; a <%s> } } }")


def _of_others(query, violations: set[Violation], graph: str) -> set[Violation]:
    """``violations`` less those about one value (a NAF code, a legal category) that ``graph`` does not state and
    whose shape's class it does not alone give the focus node: a grants list that names an actor is not told that
    SIRENE wrote its NAF code oddly — SIRENE's report is. Kept with the class it gives, the report names the file
    of the value (:attr:`Violation.sources`)."""
    keep = {v for v in violations if v.value is None or v.of_values or not NAMED_IRI.fullmatch(v.focus)
            or not NAMED_IRI.fullmatch(v.path) or not WRITABLE_IRI.fullmatch(graph)}
    by_shape: dict[tuple[str, str], list[Violation]] = defaultdict(list)
    for violation in violations - keep:
        by_shape[violation.path, violation.target].append(violation)
    for (path, target), about in by_shape.items():
        named = terms_to_value_blocks([("iri", v.focus) for v in about])
        if named is None or not NAMED_IRI.fullmatch(target):
            keep.update(about)
            continue
        owned = set()
        for chunk in named:
            owned |= {term_parts(focus)[1] for (focus,) in query(_STATING % (chunk, graph, path)).raw_rows()}
            owned |= {term_parts(focus)[1] for (focus,) in
                      query(_TYPING_ALONE % (chunk, graph, target, path, target)).raw_rows()}
        keep.update(v for v in about if v.focus in owned)
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
        answer = query(_PRESENT % values_clause("?class", by_target), bound or None)
    present = {term_parts(row[0])[1] for row in answer.raw_rows()} & set(by_target)
    narrow = getattr(answer, "engine", None) == "oxigraph"
    checks = []  # (target, a check of some of its shapes on some of its focus nodes)
    for target, shapes in by_target.items():
        if target not in present:
            continue
        bindings = {**bound, "target": URIRef(target)}
        if not narrow or not worth_narrowing(query, bindings, shapes):
            checks.append((target, partial(check_focus, query, bindings, FOCUS, shapes)))
        else:
            missing, suspects = narrowing(shapes)
            if missing:
                checks.append((target, partial(check_missing, query, bindings, missing, shapes)))
            if suspects:
                checks.append((target, partial(check_suspects, query, bindings, suspects, shapes)))
    if threads > 1 and len(checks) > 1:
        with ThreadPoolExecutor(threads, thread_name_prefix="validate") as pool:
            results = list(pool.map(lambda check: check(), (check for _, check in checks)))
    else:
        results = [check() for _, check in checks]
    found = [(target, violation) for (target, _), violations in zip(checks, results) for violation in violations]
    dropped = outside_ptce(query, [violation for _, violation in found])
    found = [(target, violation) for target, violation in found if violation not in dropped]
    told = unread_names(query, [violation for _, violation in found])
    yield from ((target, told.get(violation, violation)) for target, violation in found)


def _order_key(v: Violation) -> tuple:
    return (v.focus, v.path, v.message, v.severity, v.value or "")


__all__ = ["Violation", "PropertyShape", "UnsupportedShape", "compile_shapes", "compiled_shapes", "validate"]
