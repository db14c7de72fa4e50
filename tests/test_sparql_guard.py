"""The guard in front of user SPARQL: refusals, the row cap, and syntax errors with their position."""

from __future__ import annotations

import pytest

from graph.sparql import QueryRefused, check_query, check_update, tokenize
from graph.store import QuerySyntaxError


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <https://ex.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { service <https://ex.org/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <https://ex.org/sparql> { ?s ?p ?o } }",
    "PREFIX e: <https://ex.org/> SELECT * WHERE { ?s ?p ?o . SERVICE e:x { ?s ?p ?o } }",
    "ASK { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
])
def test_service_is_refused_before_any_engine_sees_it(query):
    with pytest.raises(QueryRefused):
        check_query(query)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p 'SERVICE <x>' }",
    "SELECT * WHERE { ?s <https://ex.org/SERVICE> ?o } # SERVICE <x>",
    "PREFIX service: <https://ex.org/> SELECT ?service WHERE { ?service service:SERVICE ?o }",
])
def test_the_word_service_inside_strings_iris_names_and_comments_is_allowed(query):
    assert check_query(query).kind == "select"


def test_from_a_graph_outside_the_store_is_refused():
    with pytest.raises(QueryRefused, match="file:///etc/passwd"):
        check_query("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", graph_exists=lambda iri: False)


def test_from_named_with_a_prefixed_name_is_expanded_and_checked():
    seen = []
    check_query("PREFIX g: <https://ex.org/g/> SELECT * FROM NAMED g:one WHERE { GRAPH ?g { ?s ?p ?o } }",
                graph_exists=lambda iri: seen.append(iri) or True)
    assert seen == ["https://ex.org/g/one"]


def test_protocol_dataset_parameters_are_checked_like_from():
    with pytest.raises(QueryRefused):
        check_query("SELECT * WHERE { ?s ?p ?o }", graph_exists=lambda iri: False,
                    default_graph_uris=["http://example.org/remote"])


@pytest.mark.parametrize("update", ["LOAD <http://example.org/data.ttl>",
                                    "INSERT { ?s ?p ?o } WHERE { SERVICE <http://x/> { ?s ?p ?o } }"])
def test_load_and_service_are_refused_in_updates(update):
    with pytest.raises(QueryRefused):
        check_update(update)


def test_a_select_without_limit_gets_the_row_cap():
    plan = check_query("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", max_rows=7)
    assert plan.text.rstrip().endswith("LIMIT 7") and plan.capped


def test_a_lower_limit_of_the_user_is_kept_and_not_flagged():
    plan = check_query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", max_rows=7)
    assert plan.text.endswith("LIMIT 3") and not plan.capped


def test_a_higher_limit_is_lowered_to_the_cap():
    plan = check_query("SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 100 } } LIMIT 5000", max_rows=7)
    assert "LIMIT 100" in plan.text and plan.text.endswith("LIMIT 7")


def test_the_cap_goes_before_a_trailing_values_block():
    plan = check_query("SELECT ?s WHERE { ?s ?p ?o } VALUES ?s { <https://ex.org/a> }", max_rows=7)
    assert "LIMIT 7\nVALUES" in plan.text


def test_a_syntax_error_gives_the_parsers_message_line_and_column():
    with pytest.raises(QuerySyntaxError) as caught:
        check_query("SELECT ?s\nWHERE { ?s ?p }")
    assert (caught.value.line, caught.value.column) == (2, 9)


def test_the_lexer_keeps_braces_inside_strings_out_of_the_depth():
    tokens = tokenize('SELECT * { ?s ?p "}}" } LIMIT 1')
    assert [t.depth for t in tokens if t.value == "LIMIT"] == [0]
