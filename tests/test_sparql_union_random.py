"""Random basic graph patterns and OPTIONALs over a tiny vocabulary answer over the union of graphs as over their set
of triples (graph/sparql_union.py): the same oracle as tests/test_sparql_union.py, on generated queries."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_sparql_union import PREFIX, answer, expected

subjects = st.sampled_from(["?a", "?b", "?c", ":g1", ":f1", "[]", "_:x"])
objects = st.sampled_from(["?a", "?b", "?c", "?d", ":f1", ":Grant", ":Funder", "[]", '"Vélo Club"', "40000"])
predicates = st.sampled_from([":type", ":funder", ":label", ":amount", ":memberOf", ":beneficiary", "?p",
                              ":funder/:label", "^:funder", ":memberOf*", ":memberOf+", ":session?", "a"])
triple = st.tuples(subjects, predicates, objects).map(" ".join)
blank_object = st.tuples(subjects, predicates, predicates, objects).map(lambda t: f"{t[0]} {t[1]} [ {t[2]} {t[3]} ]")
patterns = st.lists(st.one_of(triple, blank_object), min_size=1, max_size=3).map(" . ".join)


@st.composite
def groups(draw, depth: int = 0) -> str:
    """A group: ?a's type, triple patterns, then OPTIONALs, a UNION, a MINUS (nested twice at most), a FILTER."""
    pattern = draw(patterns)
    parts = ["?a :type ?t .", (pattern if depth == 0 else pattern.replace("_:x", "[]")) + " ."]  # a label: one group
    if depth < 2:
        parts += [f"OPTIONAL {{ {draw(groups(depth + 1))} }}" for _ in range(draw(st.integers(0, 2)))]
        if draw(st.booleans()):
            parts.append(f"{{ {draw(groups(depth + 1))} }} UNION {{ {draw(groups(depth + 1))} }}")
        if draw(st.booleans()):
            parts.append(f"MINUS {{ {draw(groups(depth + 1))} }}")
    parts.append(draw(st.sampled_from(["", "FILTER(BOUND(?b))", "FILTER(?t != :Funder)", "BIND(?t AS ?bound)"])))
    return " ".join(parts).replace("?bound", f"?bound{depth}")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(groups(), st.booleans())
def test_a_random_pattern_over_the_union_answers_as_over_the_set_of_triples(group, counted):
    text = PREFIX + ("SELECT (COUNT(*) AS ?n) " if counted else "SELECT * ") + "{ " + group + " }"
    assert answer(text) == expected(text)
