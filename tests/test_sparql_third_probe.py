"""What a third probe of /sparql found: HEAD requests that kept query workers busy for good, Accept headers with
parameters (and q=0) not heeded, a graph named twice in a dataset counted twice, carriage returns lost in XML
answers, a LIMIT after a comment capped twice, a misspelt first keyword not named, an OPTIONS without Allow, and a
413 without the way out."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
from web_fixture import FIXTURE_GRAPH, app_on_fixture, template_data

from graph.querypool import QueryPool
from graph.sparql import check_query
from graph.sparql_syntax import with_prologue
from graph.store import QuerySyntaxError

ROOT = Path(__file__).resolve().parents[1]
SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1"
COUNT = "SELECT (COUNT(*) AS ?n) %s WHERE { ?s ?p ?o }"


@pytest.fixture
def app(tmp_path):
    with app_on_fixture(tmp_path, query_workers=1, query_timeout=3.0) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


def error_of(response) -> dict:
    return response.get_json()["error"]


def count_of(response) -> int:
    (solution,) = ox.parse_query_results(response.data, ox.QueryResultsFormat.JSON)
    return int(solution["n"].value)


# --- 1. HEAD never keeps a query worker ------------------------------------------------------------------------


def test_an_answer_closed_unread_gives_its_worker_back():
    """A WSGI server closes a HEAD answer's body without reading it: the worker must come back all the same."""
    pool = QueryPool({"store": "oxigraph", "data_dir": str(template_data())}, size=1, timeout=3.0)
    try:
        pool.run(check_query("ASK {}"), "json").chunks.close()
        assert pool.run(check_query("ASK {}"), "json").read() == b'{"head":{},"boolean":true}'
    finally:
        pool.close()


def test_an_answer_read_to_its_end_gives_its_worker_back_without_a_close():
    pool = QueryPool({"store": "oxigraph", "data_dir": str(template_data())}, size=1, timeout=3.0)
    try:
        for _ in range(2):
            assert list(pool.run(check_query("ASK {}"), "json").chunks) == [b'{"head":{},"boolean":true}']
        assert pool.kills == 0
    finally:
        pool.close()


@pytest.mark.parametrize("path", ["/sparql?query=ASK%20%7B%7D", "/store?graph=" + FIXTURE_GRAPH])
def test_two_heads_then_a_get_are_all_answered_by_one_worker(client, path):
    assert [client.head(path).status_code for _ in range(2)] == [200, 200]
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/sparql?query=" + SELECT.replace(" ", "%20"), "/store?graph=" + FIXTURE_GRAPH])
def test_a_head_has_the_headers_of_the_get_without_its_body(client, path):
    head, get = client.head(path), client.get(path)
    assert head.data == b""
    for name in ("Content-Type", "X-Maillage-Rows", "X-Maillage-Truncated", "Access-Control-Allow-Origin"):
        assert head.headers.get(name) == get.headers.get(name)


# --- 2. Accept: media types with parameters, and q=0 ---------------------------------------------------------


@pytest.mark.parametrize("accept, media_type", [
    ("text/csv; charset=utf-8", "text/csv"), ("text/csv; header=present", "text/csv"),
    ("application/sparql-results+xml; charset=utf-8", "application/sparql-results+xml"),
    ("text/tab-separated-values; charset=utf-8", "text/tab-separated-values"),
    ("text/csv;header=present;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml")])
def test_a_select_is_answered_in_the_media_type_that_accept_names_with_parameters(client, accept, media_type):
    response = client.get("/sparql", query_string={"query": SELECT}, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == media_type


GRAPH_ACCEPTS = [("application/n-triples; charset=utf-8", "application/n-triples"),
                 ("application/rdf+xml; charset=utf-8", "application/rdf+xml"),
                 ('application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"', "application/ld+json")]


@pytest.mark.parametrize("accept, media_type", GRAPH_ACCEPTS)
@pytest.mark.parametrize("path, query", [("/sparql", {"query": CONSTRUCT}), ("/store", {"graph": FIXTURE_GRAPH}),
                                         ("/sparql", {})])
def test_a_graph_is_answered_in_the_media_type_that_accept_names_with_parameters(client, path, query, accept,
                                                                                  media_type):
    """The CONSTRUCT of /sparql, a graph of the Graph Store and the service description alike."""
    response = client.get(path, query_string=query, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype == media_type


@pytest.mark.parametrize("query, accept", [(SELECT, "application/sparql-results+json;q=0"),
                                           (CONSTRUCT, "text/turtle;q=0"), (SELECT, "*/*;q=0")])
def test_an_accept_that_refuses_every_format_it_names_is_a_406(client, query, accept):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code == 406 and accept in error_of(response)["message"]


@pytest.mark.parametrize("path, query, accept, refused", [
    ("/sparql", {"query": SELECT}, "*/*, application/sparql-results+json;q=0", "application/sparql-results+json"),
    ("/store", {"graph": FIXTURE_GRAPH}, "text/turtle;q=0", "text/turtle"),
    ("/sparql", {}, "text/turtle;q=0", "text/turtle")])
def test_the_default_format_is_never_one_that_accept_refuses(client, path, query, accept, refused):
    response = client.get(path, query_string=query, headers={"Accept": accept})
    assert response.status_code == 200 and response.mimetype != refused


def test_a_graph_store_read_that_refuses_every_format_is_a_406(client):
    response = client.get("/store", query_string={"graph": FIXTURE_GRAPH}, headers={"Accept": "*/*;q=0"})
    assert response.status_code == 406


# --- 3. a graph named twice counts once ----------------------------------------------------------------------


ONCE = f"SELECT (COUNT(*) AS ?n) FROM <{FIXTURE_GRAPH}> WHERE {{ ?s ?p ?o }}"
NAMED_ONCE = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{FIXTURE_GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"


@pytest.mark.parametrize("once, twice", [
    (ONCE, ONCE.replace("FROM", f"FROM <{FIXTURE_GRAPH}> FROM")),
    (ONCE, "PREFIX src: <https://w3id.org/maillage/id/source/>\n" + ONCE.replace("FROM", "FROM src:fixture-ttl FROM")),
    (NAMED_ONCE, NAMED_ONCE.replace("FROM NAMED", f"FROM NAMED <{FIXTURE_GRAPH}> FROM NAMED"))])
def test_a_graph_named_twice_in_from_counts_once(client, once, twice):
    counts = [count_of(client.get("/sparql", query_string={"query": text})) for text in (once, twice)]
    assert counts[0] == counts[1] > 0


def test_a_graph_given_twice_as_default_graph_uri_counts_once(client):
    once = client.get("/sparql", query_string={"query": COUNT % "", "default-graph-uri": FIXTURE_GRAPH})
    repeated = client.get("/sparql", query_string={"query": COUNT % "", "default-graph-uri": [FIXTURE_GRAPH] * 2,
                                                   "named-graph-uri": [FIXTURE_GRAPH] * 2})
    assert count_of(repeated) == count_of(once) > 0


def test_the_plan_names_each_graph_once_and_leaves_a_dataset_without_repeats_as_it_was_written():
    text = f"SELECT * FROM <{FIXTURE_GRAPH}> FROM NAMED <{FIXTURE_GRAPH}> FROM NAMED <{FIXTURE_GRAPH}> {{ ?s ?p ?o }}"
    plan = check_query(text, 10, lambda iri: True)
    assert (plan.default_graphs, plan.named_graphs) == ([FIXTURE_GRAPH], [FIXTURE_GRAPH])
    assert plan.text.count("FROM NAMED") == 1
    written = f"SELECT * FROM <{FIXTURE_GRAPH}> {{ ?s ?p ?o }}"
    assert check_query(written, 10, lambda iri: True).text == written + "\nLIMIT 10"


# --- 4. carriage returns in XML ------------------------------------------------------------------------------


def test_a_carriage_return_is_read_back_from_sparql_results_xml(client):
    response = client.get("/sparql", query_string={"query": 'SELECT ?x { BIND("a\\r\\nb" AS ?x) }', "format": "xml"})
    literal = ElementTree.fromstring(response.data).find(".//{http://www.w3.org/2005/sparql-results#}literal")
    assert literal.text == "a\r\nb"
    (solution,) = ox.parse_query_results(response.data, ox.QueryResultsFormat.XML)
    assert solution["x"].value == "a\r\nb"


def test_a_carriage_return_is_read_back_from_rdf_xml(client):
    """Read by an XML parser (Oxigraph's own RDF/XML parser keeps a raw CR: it does not normalise line ends)."""
    response = client.get("/sparql", query_string={"query": 'CONSTRUCT { <urn:x:a> <urn:x:b> "a\\r\\nb" } {}',
                                                   "format": "rdfxml"})
    assert ElementTree.fromstring(response.data).find(".//{urn:x:}b").text == "a\r\nb"
    (triple,) = ox.parse(response.data, ox.RdfFormat.RDF_XML)
    assert triple.object.value == "a\r\nb"


# --- 5. a LIMIT after a comment ------------------------------------------------------------------------------


def test_a_limit_whose_number_follows_a_comment_is_the_users_and_gets_no_second_one(client):
    text = "SELECT * { ?s ?p ?o } LIMIT # five\n 5"
    plan = check_query(text, 100)
    assert (plan.text, plan.capped) == (text, False)
    assert check_query("SELECT * { ?s ?p ?o } LIMIT # many\n 500", 100).text.endswith("LIMIT # many\n 100")
    response = client.get("/sparql", query_string={"query": text})
    assert response.status_code == 200 and len(response.get_json()["results"]["bindings"]) == 5


# --- 6. a misspelt first keyword is named --------------------------------------------------------------------


@pytest.mark.parametrize("text, word, meant", [
    ("SELEC * WHERE { ?s ?p ?o }", "SELEC", "SELECT"), ("SELEC ?s WHERE { ?s ?p ?o }", "SELEC", "SELECT"),
    ("PREFIX ex: <https://ex.org/>\n# a comment\nselectt ?s { ?s ?p ?o }", "selectt", "SELECT"),
    ("ASKK { ?s ?p ?o }", "ASKK", "ASK"), ("DESCRIBEE <https://ex.org/a>", "DESCRIBEE", "DESCRIBE"),
    ("CONSTRUKT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUKT", "CONSTRUCT")])
def test_a_misspelt_first_keyword_is_named_with_the_one_it_stands_for(text, word, meant):
    with pytest.raises(QuerySyntaxError) as raised:
        check_query(text)
    assert f"« {word} » n'est pas un mot de SPARQL ; vouliez-vous dire {meant} ?" in str(raised.value)
    assert f"'{word}' is no word of SPARQL; did you mean {meant}?" in raised.value.message_en
    offset = text.index(word)
    assert (raised.value.line, raised.value.column) == (text.count("\n", 0, offset) + 1,
                                                        offset - text.rfind("\n", 0, offset))


def test_a_misspelt_first_keyword_in_the_editor_is_placed_in_the_text_typed():
    with pytest.raises(QuerySyntaxError) as raised:
        check_query(with_prologue("SELEC * { ?s a mai:Actor }"))
    assert (raised.value.line, raised.value.column) == (1, 1) and "SELECT ?" in str(raised.value)


def test_a_first_word_that_stands_for_no_keyword_keeps_the_general_message():
    with pytest.raises(QuerySyntaxError) as raised:
        check_query("ASKWHERE { }")
    assert str(raised.value).startswith("une requête SPARQL commence (après ses PREFIX et BASE) par SELECT")


# --- 7. OPTIONS and the 413 ----------------------------------------------------------------------------------


def test_options_says_the_methods_allowed_and_how_long_a_preflight_holds(client):
    response = client.options("/sparql", headers={"Origin": "https://ex.org", "Access-Control-Request-Method": "POST"})
    assert response.status_code == 204 and response.data == b""
    assert response.headers["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert int(response.headers["Access-Control-Max-Age"]) > 0
    assert "Content-Type" not in response.headers


def test_a_query_too_large_for_a_form_is_told_to_go_as_it_is_and_passes_so(tmp_path):
    """800 kB of query take more than 1 MiB once percent-encoded in a form; sent as it is, they pass — in the
    time a loaded machine takes to parse them (past the other tests' 3 s: 503)."""
    text = "SELECT * WHERE { VALUES ?x { %s } } LIMIT 1" % " ".join(f"<urn:x:{i}>" for i in range(60_000))
    with app_on_fixture(tmp_path, query_workers=1, query_timeout=60.0) as app:
        client = app.test_client()
        form = client.post("/sparql", data={"query": text})
        assert form.status_code == 413
        assert "application/sparql-query" in error_of(form)["message"]
        assert "application/sparql-query" in error_of(form)["message_en"]
        direct = client.post("/sparql", data=text, content_type="application/sparql-query")
        assert direct.status_code == 200


def test_a_body_too_large_as_it_is_gets_no_such_advice(client):
    response = client.post("/sparql", data="#" * (1024 * 1024 + 1), content_type="application/sparql-query")
    assert response.status_code == 413 and "application/sparql-query" not in error_of(response)["message"]


def test_the_readme_does_not_say_that_max_upload_bytes_caps_every_post():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (row,) = [line for line in readme.splitlines() if line.startswith("| `max_upload_bytes` |")]
    assert "or POST body" not in row and "1 MiB" in row


# --- 8. the guard's module --------------------------------------------------------------------------------------


def test_the_guards_module_has_no_run_of_more_than_two_empty_lines():
    assert not re.search(r"\n\n\n\n", (ROOT / "graph" / "sparql.py").read_text(encoding="utf-8"))
