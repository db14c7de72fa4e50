"""Narrowing for :mod:`graph.validation`: the engine picks the focus nodes that may fail before Python reads them.

Reading a term out of Oxigraph costs a lookup of its string (about 3 µs), and a direct fetch reads every value of
every focus node: 6–7 s of CPU for a 316k-triple graph, against 0.2 s for the engine to evaluate the same joins. So on
Oxigraph the engine first narrows the focus nodes, with scans and hash joins on its internal ids:
- to those without any value for a path that needs one: their violations are known without their values;
- to the "suspects", that may fail another constraint: these go through the exact check in Python.
The narrowing must never drop a node that the Python check would report: each test below is true whenever that
check may fail (an engine error counts as "may fail"), so it may let through nodes that pass, never hide one
that fails. Only tests that must read a term (isIRI, REGEX, a cast) look its string up; sameTerm, IN, joins and
MINUS compare ids.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from rdflib.namespace import XSD

from graph.terms import sparql_string, term_parts

if TYPE_CHECKING:
    from graph.validation import PropertyShape

#: The focus nodes of the target class (bound as ?target) in the graph being validated.
FOCUS = "GRAPH ?graph { ?focus a ?target }"
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { %s }"
_COUNT_VALUES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT ?v WHERE { %s } LIMIT %d }"
#: Which values each sh:nodeKind allows, by term kind.
NODE_KINDS = {"IRI": {"iri"}, "Literal": {"literal"}, "BlankNode": {"bnode"}, "BlankNodeOrIRI": {"bnode", "iri"},
              "IRIOrLiteral": {"iri", "literal"}, "BlankNodeOrLiteral": {"bnode", "literal"}}


#: Narrowing costs about 3 µs per value of the constrained paths in the whole store, reading and checking a focus
#: node's own values about 400 µs (measured on 5,000 grants in a store of 25,000): narrowing pays up to ~130 values
#: per focus node across the paths it scans. So the focus nodes' values are read directly when they are few (at most
#: ~40 ms), or when the store holds more than that many values per focus node — a small file in a large store —
#: which counting one path up to its share of the budget tells (an actor has 12 constrained paths, a grant 12, an
#: association 2: with a fixed 25 values per path, an RNA extract of 5,000 actors in a 100k-actor store was narrowed
#: in 1.19 s where reading it directly took 0.69 s).
DIRECT_BELOW = 100
VALUES_PER_FOCUS = 130


def worth_narrowing(query, bindings, shapes: list[PropertyShape]) -> bool:
    """Whether narrowing beats reading the values of every focus node of ?target."""
    focus = _count(query, _COUNT % FOCUS, bindings)
    if focus < DIRECT_BELOW:
        return False
    # One path stands for all: a required one, that every focus node has.
    path, inverse = min((not s.constraints.get("minCount"), s.path, s.inverse) for s in shapes)[1:]
    limit = VALUES_PER_FOCUS * focus // len({(s.path, s.inverse) for s in shapes})
    return _count(query, _COUNT_VALUES % (edge(path, inverse, "?v", "[]"), limit), bindings) < limit


def _count(query, sparql: str, bindings) -> int:
    return int(term_parts(next(query(sparql, bindings).raw_rows())[0])[1])


def narrowing(shapes: list[PropertyShape]) -> tuple[list[tuple[str, bool]], str | None]:
    """Return the paths whose value-less focus nodes to look for, and a group pattern binding ?focus to suspects.

    The pattern is None when no other constraint can fail. Oxigraph's dialect is assumed (its REGEX, its
    canonical numbers).
    """
    by_path: dict[tuple[str, bool], list[dict]] = defaultdict(list)
    for shape in shapes:
        by_path[shape.path, shape.inverse].append(shape.constraints)
    missing = sorted(key for key, cs in by_path.items() if any(c.get("minCount") == 1 for c in cs))
    branches = [b for (path, inverse), cs in sorted(by_path.items()) for b in _branches(path, inverse, cs)]
    if not branches:
        return missing, None
    # Each branch is a subquery so that Oxigraph joins it by hash (one scan) rather than by a lookup per node.
    return missing, f"{{ SELECT DISTINCT ?focus WHERE {{ {FOCUS} {' UNION '.join(branches)} }} }}"


def edge(path: str, inverse: bool, value: str = "?v", focus: str = "?focus") -> str:
    return f"{value} <{path}> {focus}" if inverse else f"{focus} <{path}> {value}"


def _names_concepts(constraints: list[dict]) -> bool:
    """Whether the values are expected to be IRIs: a vocabulary's few concepts rather than one name per node."""
    return any(c.get("nodeKind", "").endswith(("#IRI", "#BlankNodeOrIRI"))
               or c.get("in") and all(kind == "iri" for kind, *_ in c["in"]) for c in constraints)


def _branches(path: str, inverse: bool, constraints: list[dict]) -> list[str]:
    """The subqueries selecting the suspects of the ``constraints`` on one path (minCount 1 aside)."""
    link = edge(path, inverse)
    branches = []
    least = max((c.get("minCount", 0) for c in constraints), default=0)
    if least > 1:
        branches.append(f"{{ {FOCUS} MINUS {{ SELECT ?focus WHERE {{ {link} }} GROUP BY ?focus "
                        f"HAVING (COUNT(DISTINCT ?v) >= {least}) }} }}")
    for c in constraints:
        if "hasValue" in c:
            wanted = _sparql_term(c["hasValue"])
            branches.append(f"{{ {FOCUS} MINUS {{ {edge(path, inverse, wanted)} }} }}" if wanted
                            else f"{{ {FOCUS} }}")
    most = [c["maxCount"] for c in constraints if "maxCount" in c]
    most += [c["qualifiedMaxCount"][0] for c in constraints if "qualifiedMaxCount" in c]
    most += [1 for c in constraints if c.get("uniqueLang")]
    if most:
        # Distinct values, not rows: a triple that two sources state is two rows of the union of the graphs. A
        # qualified count or two values of one language needs more values than that bound: a superset, rechecked.
        branches.append(f"{{ SELECT ?focus WHERE {{ {link} }} GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) > {min(most)}) }}")
    tests = " || ".join(test for c in constraints for test in _value_tests(c))
    if tests and _names_concepts(constraints):
        # A test reads the value's IRI (a lookup); such values name a few concepts, so test each one once (GROUP
        # BY keeps Oxigraph from pushing the test down to every row) and come back to the nodes of the bad ones.
        bad = f"{{ SELECT ?v WHERE {{ {edge(path, inverse, '?v', '[]')} }} GROUP BY ?v HAVING ({tests}) }}"
        branches.append(f"{{ SELECT ?focus WHERE {{ {bad} {link} }} }}")
    elif tests:
        branches.append(f"{{ SELECT ?focus WHERE {{ {link} FILTER({tests}) }} }}")
    for c in constraints:
        if "class" in c and inverse:
            branches.append(f"{{ SELECT ?focus WHERE {{ {link} }} }}")
        elif "class" in c:
            # A value passes when some graph gives it the class, as in the Python check (values and types are read
            # over every graph). The typed values as a subquery: Oxigraph joins them by hash, one scan.
            typed = f"SELECT ?v WHERE {{ ?v a <{c['class']}> }}"
            branches.append(f"{{ SELECT ?focus WHERE {{ {link} MINUS {{ {typed} }} }} }}")
    return branches


def _value_tests(c: dict) -> list[str]:
    """SPARQL tests on ?v, true whenever :func:`graph.validation_constraints.check_shape` may refuse the value for
    ``c`` (its datatype, or a test of :func:`graph.validation_constraints._value_ok`)."""
    tests = []
    if "datatype" in c:
        tests.append(f"!({' || '.join(_has_datatype(d) for d in sorted(c['datatype']))})")
    if "nodeKind" in c:
        kinds = {"iri": "isIRI(?v)", "literal": "isLiteral(?v)", "bnode": "isBlank(?v)"}
        allowed = NODE_KINDS[c["nodeKind"].rsplit("#", 1)[-1]]
        tests.append(f"!({' || '.join(kinds[k] for k in sorted(allowed))})")
    if "pattern" in c:
        pattern = c["pattern"].pattern
        tests.append(f"!REGEX(STR(?v), {sparql_string(pattern)})" if _portable(pattern) else "true")
    if "in" in c:
        members = sorted(filter(None, map(_sparql_term, c["in"])))
        tests.append(f"!({' || '.join(f'sameTerm(?v, {m})' for m in members)})" if members else "true")
    # Integers and decimals compare exactly in the engine; other numbers (double, gYear…) go to Python.
    for bound, operator in (("minInclusive", ">="), ("maxInclusive", "<=")):
        if bound in c:
            limit = f'"{format(c[bound], "f")}"^^<{XSD.decimal}>'
            exact = f"({_has_datatype(str(XSD.integer))} || {_has_datatype(str(XSD.decimal))})"
            tests.append(f"!({exact} && ?v {operator} {limit})")
    # An engine error (DATATYPE of an IRI, STR of a blank node, an ill-typed number) means "may fail".
    return [f"COALESCE({t}, true)" for t in tests]


#: Datatypes that SPARQL can cast to: a value has one of them when the cast gives the value back. That is four
#: times cheaper in Oxigraph than DATATYPE(?v), which builds the datatype's IRI (0.09 s against 0.02 s for 20k values).
#: A value of one of them that is not written as its datatype allows (graph.validation_hints.LEXICAL_FORMS, checked
#: in Python) fails its cast — Oxigraph keeps it as written — so it is a suspect, as it should be.
_CASTS = {str(XSD[t]) for t in ("string", "boolean", "integer", "decimal", "float", "double", "date", "dateTime")}


def _has_datatype(datatype: str) -> str:
    """A SPARQL test that ?v is a literal of ``datatype`` (an error when it is not, for some datatypes)."""
    if datatype in _CASTS:
        return f"sameTerm(?v, <{datatype}>(?v))"
    return f"(isLiteral(?v) && sameTerm(DATATYPE(?v), <{datatype}>))"


#: Regular expressions written only with these tokens mean the same to Python's re and to Oxigraph's REGEX (Rust's
#: regex crate) — except that Python's $ also matches before a final newline, where the engine is stricter.
_PORTABLE_TOKENS = re.compile(r"""(?:[A-Za-z0-9 _,;:/@#%&=~'"<>!-]|\\[.\-/()\[\]{}?*+|^$\\]"""
                              r"""|\[\^?(?:[A-Za-z0-9 _,;:/@#.-]|\\[.\-\]\\])+\]|\{[0-9]+(?:,[0-9]*)?\}"""
                              r"""|\((?!\?)|[)|?*+.]|^\^|\$$)*""")


def _portable(pattern: str) -> bool:
    """Whether ``pattern`` matches the same strings in Python and in Oxigraph (or fewer there).

    >>> _portable("^[0-9]{2}\\\\.?[0-9]{2}[A-Z]$"), _portable("^\\\\d+$"), _portable("(?i)x")
    (True, False, False)
    """
    return _PORTABLE_TOKENS.fullmatch(pattern) is not None


def _sparql_term(parts: tuple) -> str | None:
    """The SPARQL syntax of a term given by :func:`term_parts`; None for a blank node, which SPARQL cannot name."""
    kind, lexical, datatype, lang = parts
    if kind == "iri":
        return f"<{lexical}>"
    if kind == "literal":
        return sparql_string(lexical) + (f"@{lang}" if lang else f"^^<{datatype}>")
    return None


__all__ = ["DIRECT_BELOW", "VALUES_PER_FOCUS", "FOCUS", "NODE_KINDS", "edge", "narrowing", "worth_narrowing"]
