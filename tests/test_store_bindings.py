"""A query's bindings are rdflib terms: a value of another type is refused by every store, naming its variable,
rather than failing deep in the rewriting of the query (Oxigraph, a SPARQL server) or matching nothing (rdflib)."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef


def test_a_bound_value_that_is_no_rdflib_term_is_refused_naming_its_variable(any_store):
    with pytest.raises(TypeError, match=r"^the value bound to \?s is a str \('https://ex.org/a'\), not an rdflib "
                                        r"term: give a URIRef, a Literal or a BNode$"):
        any_store.query("SELECT ?o WHERE { ?s ?p ?o }", {"s": "https://ex.org/a"})


def test_bound_rdflib_terms_are_still_substituted(any_store):
    result = any_store.query("SELECT ?s ?o WHERE {}", {"s": URIRef("https://ex.org/a"), "o": Literal("b")})
    assert [tuple(row) for row in result] == [(URIRef("https://ex.org/a"), Literal("b"))]
