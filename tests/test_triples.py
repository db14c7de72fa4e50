"""The extraction graph (graph/triples.py) behaves as the part of rdflib.Graph that extractors use."""

from __future__ import annotations

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from graph.triples import TripleSet

EX = "https://ex.org/"
A, B, C = URIRef(EX + "a"), URIRef(EX + "b"), URIRef(EX + "c")
KNOWS, NAME = URIRef(EX + "knows"), URIRef(EX + "name")


def sample() -> TripleSet:
    return TripleSet([(A, KNOWS, B), (A, KNOWS, C), (B, KNOWS, C), (A, NAME, Literal("A")), (A, RDF.type, C)])


def test_add_is_a_set_and_len_counts_distinct_triples():
    g = sample()
    g.add((A, KNOWS, B))
    assert len(g) == 5
    assert (A, KNOWS, B) in g and (C, KNOWS, A) not in g
    assert (None, KNOWS, C) in g and (C, None, None) not in g


def test_lookups_by_subject_object_and_predicate():
    g = sample()
    assert list(g.objects(A, KNOWS)) == [B, C]
    assert sorted(g.subjects(KNOWS, C)) == [A, B]
    assert list(g.subjects(RDF.type, C)) == [A]
    assert sorted(g.subjects(KNOWS)) == [A, B]
    assert g.value(A, NAME) == Literal("A") and g.value(C, NAME) is None
    assert g.value(predicate=RDF.type, object=C) == A
    assert sorted(g.triples((None, KNOWS, None))) == sorted([(A, KNOWS, B), (A, KNOWS, C), (B, KNOWS, C)])
    assert set(g) == set(sample().to_rdflib())


def test_remove_with_wildcards_and_mutation_while_iterating():
    g = sample()
    for s, p, o in g.triples((None, None, C)):  # a snapshot: removing as we go is safe
        g.remove((s, p, o))
        g.add((s, p, URIRef(EX + "d")))
    assert (None, None, C) not in g and len(g) == 5
    g.remove((A, None, None))
    assert len(g) == 1 and list(g) == [(B, KNOWS, URIRef(EX + "d"))]
    g.set((B, KNOWS, A))
    assert list(g.objects(B, KNOWS)) == [A]


def test_ntriples_parse_back_to_the_same_triples_as_rdflib_writes():
    g = TripleSet([
        (A, RDFS.label, Literal('guillemets " et \\ barre, ligne\nretour\r tab\t fin', lang="fr")),
        (A, NAME, Literal("Pôle santé — Saint-Étienne")),
        (A, NAME, Literal("plain", datatype=XSD.string)),
        (A, URIRef(EX + "amount"), Literal("20000.00", datatype=XSD.decimal)),
        (A, URIRef(EX + "year"), Literal(2024)),
        (BNode("b1"), KNOWS, A),
    ])
    ours = {str(q) for q in ox.parse(g.ntriples().encode(), ox.RdfFormat.N_TRIPLES)}
    reference = Graph()
    for triple in g:
        reference.add(triple)
    theirs = {str(q) for q in ox.parse(reference.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)}
    assert ours == theirs and len(ours) == 6


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_string_literal_survives_ntriples(text):
    g = TripleSet([(A, NAME, Literal(text))])
    (quad,) = ox.parse(g.ntriples().encode(), ox.RdfFormat.N_TRIPLES)
    assert quad.object.value == text


def test_subjects_without_a_pattern_are_each_subject_once_in_the_order_first_added():
    g = sample()
    g.add((C, NAME, Literal("C")))
    g.remove((B, None, None))
    assert list(g.subjects()) == [A, C]


def test_a_literal_added_again_is_not_counted_twice_and_a_shared_one_is_found_from_both_subjects():
    g = TripleSet([(A, NAME, Literal("x")), (B, NAME, Literal("x")), (A, NAME, Literal("x"))])
    assert len(g) == 2 and list(g.subjects(NAME, Literal("x"))) == [A, B]
    assert g.ntriples() == f'<{A}> <{NAME}> "x" .\n<{B}> <{NAME}> "x" .\n'


@given(st.text())
def test_a_plain_literal_is_the_literal_rdflib_makes_of_a_string(text):
    from graph.triples import plain_literal

    made, expected = plain_literal(text), Literal(text)
    assert (type(made), str(made), made.value, made.language, made.datatype, made.ill_typed, hash(made)) == (
        type(expected), str(expected), expected.value, expected.language, expected.datatype, expected.ill_typed,
        hash(expected))
    assert made == expected and made.n3() == expected.n3()
