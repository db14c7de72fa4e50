"""A query over the union of the sources' graphs answers as over their set union (graph/sparql_union.py).

Fixture strategy: one tiny vocabulary, its triples stated by two or three graphs of a pyoxigraph store (the engine
matches a triple once per graph in the union: oxigraph/oxigraph#1919), and an oracle store holding each distinct
triple once in its default graph. Each query runs through graph.querypool.execute as the endpoint runs it; its
answer must equal, as a multiset, the oracle's.
"""

from __future__ import annotations

import json
from collections import Counter

import pyoxigraph as ox
import pytest

from graph.querypool import execute
from graph.sparql import check_query
from graph.sparql_union import as_set_query

EX = "http://ex.org/"
PREFIX = "PREFIX : <http://ex.org/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "

#: (graphs that state it, triple in N-Triples) — the funder's label and type in three graphs, the grant's in two.
STATEMENTS = [
    ("abc", '<http://ex.org/f1> <http://ex.org/label> "Ville {de} Lyon. #1" .'),
    ("abc", "<http://ex.org/f1> <http://ex.org/type> <http://ex.org/Funder> ."),
    ("ab", "<http://ex.org/f2> <http://ex.org/label> \"Région\" ."),
    ("ab", "<http://ex.org/f2> <http://ex.org/type> <http://ex.org/Funder> ."),
    ("ab", "<http://ex.org/g1> <http://ex.org/type> <http://ex.org/Grant> ."),
    ("ab", '<http://ex.org/g1> <http://ex.org/amount> "40000"^^<http://www.w3.org/2001/XMLSchema#integer> .'),
    ("abc", "<http://ex.org/g1> <http://ex.org/funder> <http://ex.org/f1> ."),
    ("a", "<http://ex.org/g2> <http://ex.org/type> <http://ex.org/Grant> ."),
    ("ab", '<http://ex.org/g2> <http://ex.org/amount> "2500"^^<http://www.w3.org/2001/XMLSchema#integer> .'),
    ("ab", "<http://ex.org/g2> <http://ex.org/funder> <http://ex.org/f1> ."),
    ("b", "<http://ex.org/g3> <http://ex.org/type> <http://ex.org/Grant> ."),
    ("bc", '<http://ex.org/g3> <http://ex.org/amount> "700"^^<http://www.w3.org/2001/XMLSchema#integer> .'),
    ("bc", "<http://ex.org/g3> <http://ex.org/funder> <http://ex.org/f2> ."),
    ("abc", "<http://ex.org/g3> <http://ex.org/beneficiary> <http://ex.org/a1> ."),
    ("ab", "<http://ex.org/g1> <http://ex.org/beneficiary> <http://ex.org/a1> ."),
    ("ab", "<http://ex.org/a1> <http://ex.org/type> <http://ex.org/Actor> ."),
    ("abc", '<http://ex.org/a1> <http://ex.org/label> "Vélo Club" .'),
    ("ab", "<http://ex.org/a1> <http://ex.org/memberOf> <http://ex.org/a2> ."),
    ("bc", "<http://ex.org/a2> <http://ex.org/memberOf> <http://ex.org/a3> ."),
    ("ac", "<http://ex.org/a2> <http://ex.org/type> <http://ex.org/Actor> ."),
    ("ab", "<http://ex.org/s1> <http://ex.org/session> <http://ex.org/g1> ."),
    ("b", "<http://ex.org/s2> <http://ex.org/session> <http://ex.org/g1> ."),
    ("ab", "<http://ex.org/s1> <http://ex.org/funder> <http://ex.org/f1> ."),
]


def stores() -> tuple[ox.Store, ox.Store]:
    """The store whose graphs repeat triples, and the oracle holding each triple once in its default graph."""
    repeated, oracle = ox.Store(), ox.Store()
    for graphs, line in STATEMENTS:
        triple = next(iter(ox.parse(line.encode(), ox.RdfFormat.N_TRIPLES)))
        oracle.add(ox.Quad(triple.subject, triple.predicate, triple.object))
        for graph in graphs:
            repeated.add(ox.Quad(triple.subject, triple.predicate, triple.object, ox.NamedNode(EX + graph)))
    return repeated, oracle


REPEATED, ORACLE = stores()


def solutions(data: bytes) -> Counter:
    """JSON results as a multiset of solutions, each a sorted tuple of (variable, value, type)."""
    return Counter(tuple(sorted((name, term["value"], term["type"]) for name, term in row.items()))
                   for row in json.loads(data)["results"]["bindings"])


def answer(text: str) -> Counter:
    """The solutions of ``text`` as the endpoint gives them (execute on the repeated store), as a multiset; its
    rewritten text must parse (execute would run the user's text instead, logging our failure)."""
    plan = check_query(text, max_rows=100_000, graph_exists=lambda iri: True)
    ox.Store().query(as_set_query(plan.text))
    data, _, _ = execute(REPEATED, plan, "json")
    return solutions(data)


def expected(text: str, dataset: bool = False) -> Counter:
    """The solutions of ``text`` over one graph that holds each triple once."""
    if dataset:  # FROM <a> FROM <b>: the oracle is the union of those two graphs, each triple once
        oracle = ox.Store()
        for graphs, line in STATEMENTS:
            if set(graphs) & {"a", "b"}:
                oracle.add(next(iter(ox.parse(line.encode(), ox.RdfFormat.N_QUADS))))
        text = text.replace("FROM <http://ex.org/a> FROM <http://ex.org/b>", "")
    else:
        oracle = ORACLE
    results = oracle.query(text)
    data = results.serialize(format=ox.QueryResultsFormat.JSON)
    return solutions(data)


QUERIES = {
    "count star": "SELECT (COUNT(*) AS ?n) { ?x :type ?t }",
    "sum over a join": "SELECT ?fl (SUM(?amount) AS ?t) { ?g :type :Grant ; :amount ?amount ; :funder ?f . "
                       "?f :label ?fl } GROUP BY ?fl",
    "plain rows": "SELECT ?g ?s ?fl { ?s :session ?g . ?g :funder ?f . ?f :label ?fl }",
    "select star": "SELECT * { ?g :type :Grant ; :amount ?a }",
    "optional": "SELECT ?g ?b { ?g :type :Grant OPTIONAL { ?g :beneficiary ?b . ?b :label ?l } }",
    "optional filter reading the solution it extends": "SELECT ?g ?h { ?g :amount ?a OPTIONAL { ?h :amount ?b "
                                                        "FILTER(?b > ?a) } }",
    "optional sequence path": "SELECT ?g ?l { ?g :type :Grant OPTIONAL { ?g :funder/:label ?l } }",
    "minus with a blank node": "SELECT ?x { ?x :type ?t MINUS { ?x :funder [] } }",
    "union": "SELECT ?x { { ?x :type :Grant } UNION { ?x :type :Funder } }",
    "minus": "SELECT ?x { ?x :type ?t MINUS { ?x :type :Actor } }",
    "filter exists": "SELECT ?g { ?g :type :Grant FILTER EXISTS { ?g :beneficiary ?b } }",
    "filter not exists": "SELECT ?g ?a { ?g :amount ?a FILTER NOT EXISTS { ?s :session ?g } }",
    "filter between triples": "SELECT ?g ?a { ?g :amount ?a FILTER(?a > 1000) ?g :funder ?f . ?f :type ?t }",
    "dots around elements": "SELECT ?g ?a { ?g :amount ?a . FILTER(?a > 1) . ?g :funder ?f . "
                            "OPTIONAL { ?f :label ?l } . ?f :type ?t . }",
    "bind": "SELECT ?g ?d ?f { ?g :amount ?a BIND(?a * 2 AS ?d) ?g :funder ?f }",
    "values": "SELECT ?g ?f { VALUES ?f { :f1 :f2 } ?g :funder ?f }",
    "nested groups": "SELECT ?g ?l { { ?g :funder ?f { ?f :label ?l } } }",
    "subquery with aggregate": "SELECT ?f ?n { ?f :type :Funder { SELECT ?f (COUNT(?g) AS ?n) { ?g :funder ?f } "
                               "GROUP BY ?f } }",
    "sequence path": "SELECT ?g ?l { ?g :funder/:label ?l }",
    "inverse path": "SELECT ?f ?g { ?f ^:funder ?g }",
    "star path": "SELECT ?a ?b { ?a :memberOf* ?b }",
    "plus path": "SELECT ?a ?b { ?a :memberOf+ ?b }",
    "optional path": "SELECT ?a ?b { :a1 :memberOf? ?b BIND(:a1 AS ?a) }",
    "alternative in a sequence": "SELECT ?g ?x { ?g (:funder|:beneficiary)/:type ?x }",
    "anonymous blank node": "SELECT ?g { ?g :funder [ :type :Funder ] }",
    "empty blank node": "SELECT ?g { ?g :funder [] }",
    "labelled blank node": "SELECT ?l { _:f :label ?l ; :type :Funder }",
    "blank node only": "SELECT (COUNT(*) AS ?n) { [] :type :Grant }",
    "order limit offset": "SELECT ?g ?a { ?g :amount ?a ; :funder ?f } ORDER BY DESC(?a) LIMIT 2 OFFSET 1",
    "strings and comments": 'SELECT ?f { # a { comment } . \n ?f :label "Ville {de} Lyon. #1" . ?f :type ?t }',
    "typed literal": 'SELECT ?g { ?g :amount "700"^^xsd:integer ; :type :Grant }',
    "group concat": "SELECT ?a (GROUP_CONCAT(?l) AS ?ls) { ?g :beneficiary ?a . ?a :label ?l } GROUP BY ?a",
    "exists over an aggregate subquery": "SELECT ?x { ?x :type ?t FILTER EXISTS { { SELECT ?x (COUNT(*) AS ?n) "
                                         "{ ?x ?p ?o } GROUP BY ?x } FILTER(?n >= 3) } }",
    "not exists over an aggregate subquery in a union": "SELECT ?x { { ?x :type :Grant } UNION { ?x :type :Actor } "
                                                        "FILTER NOT EXISTS { { SELECT ?x (COUNT(*) AS ?n) { ?x ?p ?o "
                                                        "} GROUP BY ?x } FILTER(?n >= 3) } }",
    "exists over an aggregate subquery in an optional": "SELECT ?g ?f { ?g :type :Grant OPTIONAL { ?g :funder ?f "
                                                        "FILTER EXISTS { { SELECT ?f (COUNT(*) AS ?n) { ?f ?p ?o } "
                                                        "GROUP BY ?f } FILTER(?n = 2) } } }",
    "minus over an aggregate subquery": "SELECT ?x { ?x :type ?t MINUS { { SELECT ?x (COUNT(*) AS ?n) { ?x ?p ?o } "
                                        "GROUP BY ?x } FILTER(?n >= 3) } }",
}


@pytest.mark.parametrize("name", QUERIES)
def test_a_query_over_the_union_answers_as_over_the_set_of_triples(name):
    text = PREFIX + QUERIES[name]
    assert answer(text) == expected(text)


def test_a_named_graph_answers_as_its_own_triples():
    text = PREFIX + "SELECT ?gr ?x ?a { ?x :amount ?a GRAPH ?gr { ?x :type :Grant } }"
    data = REPEATED.query(PREFIX + "SELECT ?gr ?x ?a { ?x :amount ?a GRAPH ?gr { ?x :type :Grant } }",
                          use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.JSON)
    assert answer(text) == Counter({row: 1 for row in solutions(data)})


def test_a_query_over_two_from_graphs_answers_as_over_their_merge():
    text = PREFIX + "SELECT ?fl (SUM(?amount) AS ?t) FROM <http://ex.org/a> FROM <http://ex.org/b> { ?g :amount " \
                    "?amount ; :funder ?f . ?f :label ?fl } GROUP BY ?fl"
    assert answer(text) == expected(text, dataset=True)


def test_a_grant_that_two_sources_state_is_summed_once():
    text = PREFIX + "SELECT (SUM(?a) AS ?t) { ?g :type :Grant ; :amount ?a ; :funder :f1 }"
    assert list(answer(text)) == [(("t", "42500", "literal"),)]


@pytest.mark.parametrize("text", [
    "ASK { ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CONSTRUCT { ?s <http://ex.org/p> ?o } FROM <http://ex.org/a> WHERE { ?s ?p ?o }",
    "DESCRIBE <http://ex.org/a>",
    "SELECT DISTINCT ?s WHERE { ?s ?p ?o } ORDER BY ?s",
    "SELECT REDUCED ?s WHERE { ?s ?p ?o }",
])
def test_a_query_whose_answer_multiplicity_cannot_change_runs_as_written(text):
    assert as_set_query(text) == text


def test_a_distinct_select_with_an_aggregate_is_rewritten():
    text = "SELECT DISTINCT (COUNT(?s) AS ?n) WHERE { ?s ?p ?o }"
    assert as_set_query(text) == ("SELECT DISTINCT (COUNT(?s) AS ?n) WHERE { { SELECT DISTINCT * WHERE "
                                  "{ ?s ?p ?o . } } }")


def test_a_named_graph_is_left_as_written():
    text = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert as_set_query(text) == text


def test_blank_nodes_become_variables_projected_away():
    text = "SELECT * WHERE { ?a <http://ex.org/p> [ <http://ex.org/q> _:b ] }"
    assert as_set_query(text) == ("SELECT * WHERE { { SELECT ?a WHERE { SELECT DISTINCT * WHERE { "
                                  "?_u1 <http://ex.org/q> ?_u2 . ?a <http://ex.org/p> ?_u1 . } } } }")


@pytest.mark.parametrize("text", [
    "CONSTRUCT { ?x :has [ :label ?l ] } WHERE { ?x :type :Funder ; :label ?l }",
    "CONSTRUCT { _:r :about ?x } WHERE { ?x :type ?t }",
    "CONSTRUCT { ?x :labels (?l) } WHERE { ?x :label ?l }",
])
def test_a_construct_template_makes_one_blank_node_a_solution_of_the_set(text):
    """Each solution makes new blank nodes: a solution that two sources match made two resources."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    plan = check_query(PREFIX + text, max_rows=100_000, graph_exists=lambda iri: True)
    data, _, _ = execute(REPEATED, plan, "ntriples")
    oracle = ORACLE.query(PREFIX + text).serialize(format=ox.RdfFormat.N_TRIPLES)
    assert isomorphic(Graph().parse(data=data, format="nt"), Graph().parse(data=oracle, format="nt"))


def test_the_columns_of_select_star_are_the_users_variables():
    text = PREFIX + "SELECT * { ?g :funder [ :type :Funder ] ; :amount ?a }"
    data, _, _ = execute(REPEATED, check_query(text), "json")
    assert json.loads(data)["head"]["vars"] == ["g", "a"]


@pytest.mark.parametrize("fmt, head", [("json", b'{"head":{"vars":[]}'), ("csv", b"\r\n"), ("tsv", b"\n"),
                                       ("xml", b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-'
                                               b'results#"><head></head>')])
def test_select_star_over_blank_nodes_alone_has_no_column_and_a_row_a_match(fmt, head):
    text = PREFIX + "SELECT * { [] :type :Grant }"
    data, rows, _ = execute(REPEATED, check_query(text), fmt)
    assert data.startswith(head) and rows == sum(expected(text).values()) == 3


def test_maillage_query_counts_a_fact_that_two_sources_state_once(tmp_path):
    """End to end: two sources' graphs in the embedded store, a user's query run as ``maillage query`` and the
    endpoint run it (guard, worker pool, execute)."""
    from graph.user_query import run_user_query
    from graph.store import open_store

    config = {"store": "oxigraph", "data_dir": str(tmp_path / "data"), "lock_timeout": 5}
    store = open_store(config)
    facts = b'<http://ex.org/g1> <http://ex.org/amount> "40000"^^<http://www.w3.org/2001/XMLSchema#integer> .'
    with store.writer() as writer:
        for source in ("http://ex.org/a", "http://ex.org/b"):
            writer.replace_graph(source, facts, "ntriples")
    answer, _ = run_user_query(store, "SELECT (SUM(?a) AS ?t) { ?g <http://ex.org/amount> ?a }", "json", config)
    assert solutions(answer.read()) == Counter({(("t", "40000", "literal"),): 1})
    store.close()


def test_a_rewrite_that_does_not_parse_runs_the_users_text_and_is_logged(monkeypatch, caplog):
    import graph.querypool

    monkeypatch.setattr(graph.querypool, "as_set_query", lambda text: "SELECT {")
    text = PREFIX + "SELECT ?g { ?g :type :Grant }"
    with caplog.at_level("ERROR", logger="graph.querypool"):
        data, _, _ = execute(REPEATED, check_query(text), "json")
    assert sum(solutions(data).values()) == 4  # the engine's bag, as before the rewrite
    assert "the set-union rewrite of a query does not parse" in caplog.text
