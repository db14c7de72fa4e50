"""The checks that :mod:`graph.validation` runs, each for some shapes of one target class on some of its focus
nodes: the focus nodes' values fetched in one query per direction (:func:`check_focus`), the classes of the values
that sh:class needs read by a VALUES-first query, the focus nodes without any value of a path
(:func:`check_missing`), and the suspects that the engine's narrowing lets through (:func:`check_suspects`), named
IRIS_PER_QUERY at a time (:func:`terms_to_value_blocks`).
"""

from __future__ import annotations

import re
from collections import defaultdict

from graph.shacl_narrowing import FOCUS, edge
from graph.terms import term_parts
from graph.validation_constraints import Violation, check_shape
from graph.validation_hints import LEXICAL_FORMS, well_formed

_FETCH = "SELECT ?focus ?p ?value WHERE { %s OPTIONAL { ?focus ?p ?value %s } }"
_FETCH_INVERSE = "SELECT ?focus ?p ?value WHERE { %s OPTIONAL { ?value ?p ?focus %s } }"
#: The values first, deduplicated, each path's edge with its predicate, the classes as VALUES: written otherwise,
#: Oxigraph scanned every typed resource or every edge of the store (1.1 s instead of 0.1 s for 4,549
#: deliberations, 0.09 s instead of 0.001 s for one public authority).
#: The values are the focus nodes' (over every graph, as :func:`_fetch` reads them), never the whole store's.
_TYPES = "SELECT DISTINCT ?value ?class WHERE { { SELECT DISTINCT ?value WHERE { %s %s } } %s ?value a ?class }"
_VALUES = "SELECT DISTINCT ?value WHERE { %s %s }"
#: The classes as a FILTER (as VALUES, Oxigraph took 11 s instead of 0.1 s for 1,688 values): only the rows needed,
#: half the time of reading every type of the values (an actor has ~10).
_TYPES_OF = "SELECT ?value ?class WHERE { VALUES ?value { %s } ?value a ?class %s }"
#: IRIs that one query names in a VALUES block: the values whose types it reads, the suspects it checks.
IRIS_PER_QUERY = 2000
#: The focus nodes that the narrowing lets through (:func:`check_suspects`).
_SUSPECTS = "SELECT DISTINCT ?focus WHERE %s"
#: An IRI that can be written between <> in a query (SPARQL's IRIREF).
WRITABLE_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')
_MISSING = "SELECT ?focus ?path WHERE { %s }"


# The IRIs written into queries come from our own shapes file, never from data or users.
def _in_filter(variable: str, iris) -> str:
    return f"FILTER({variable} IN ({', '.join(f'<{i}>' for i in sorted(iris))}))"


def values_clause(variable: str, iris) -> str:
    return f"VALUES {variable} {{ {' '.join(f'<{i}>' for i in sorted(iris))} }}"


def check_suspects(query, bindings, suspects: str, shapes) -> set[Violation]:
    """Check ``shapes`` on the focus nodes that the narrowing ``suspects`` lets through, named once picked: each of
    the check's queries (the values, the inverse values, the values' types) would evaluate the narrowing again (the
    actors of a 2M-triple dump: 1.3 s each time, for 553 suspects whose values take 0.2 s to read)."""
    nodes = [term_parts(row[0]) for row in query(_SUSPECTS % suspects, bindings).raw_rows()]
    if not nodes:
        return set()
    if (chunks := terms_to_value_blocks(nodes)) is None:
        return check_focus(query, bindings, suspects, shapes)
    found = set()
    for named in chunks:
        found |= check_focus(query, bindings, f"VALUES ?focus {{ {named} }}", shapes)
    return found


def terms_to_value_blocks(terms: list[tuple]) -> list[str] | None:
    """The IRIs of ``terms`` (term parts), distinct and written for a VALUES block, IRIS_PER_QUERY a block; None
    when one of them cannot be written into a query (a blank node, or an IRI that would not parse)."""
    if not all(kind == "iri" and WRITABLE_IRI.fullmatch(value) for kind, value, *_ in terms):
        return None
    iris = sorted({value for _, value, *_ in terms})
    return [" ".join(f"<{iri}>" for iri in iris[start:start + IRIS_PER_QUERY])
            for start in range(0, len(iris), IRIS_PER_QUERY)]


def check_focus(query, bindings, focus: str, shapes) -> set[Violation]:
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
            found.update(check_shape(shape, node, vals.get(shape.path, []), typed,
                                     datatypes[shape.path, shape.inverse], ill_formed))
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
    if (chunks := terms_to_value_blocks(values)) is None:  # one query for all
        sparql = _TYPES % (focus, union, values_clause("?class", classes))
        return {(term_parts(v)[1], term_parts(c)[1]) for v, c in query(sparql, bindings).raw_rows()}
    typed = set()
    for chunk in chunks:
        for value, cls in query(_TYPES_OF % (chunk, _in_filter("?class", classes))).raw_rows():
            typed.add((term_parts(value)[1], term_parts(cls)[1]))
    return typed


def check_missing(query, bindings, missing: list[tuple[str, bool]], shapes) -> set[Violation]:
    """Check the shapes of each path in ``missing`` on the focus nodes that have no value for it at all."""
    branches = [f"{{ {FOCUS} MINUS {{ {edge(path, inverse)} }} BIND({number} AS ?path) }}"
                for number, (path, inverse) in enumerate(missing)]
    found = set()
    for node, number in query(_MISSING % " UNION ".join(branches), bindings).raw_rows():
        path_key = missing[int(term_parts(number)[1])]
        for shape in shapes:
            if (shape.path, shape.inverse) == path_key:
                found.update(check_shape(shape, term_parts(node)[1], [], set()))
    return found


__all__ = ["check_focus", "check_missing", "check_suspects", "terms_to_value_blocks", "values_clause",
           "IRIS_PER_QUERY", "WRITABLE_IRI"]
