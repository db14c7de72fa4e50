"""What a second probe of /sparql and `maillage query` found: an ASK evaluated while its kind was read, an engine
crash told as a store outage, unknown functions as 500s, dataset parameters that broke valid queries, the CLI's
FROM, content negotiation of graph formats, a 401 without its scheme, and byte order marks."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from web_fixture import FIXTURE_GRAPH, app_on_fixture

from graph.sparql import QueryRefused, check_query, check_update
from graph.store import QuerySyntaxError
from webapp.cli import main

AUTH = {"Authorization": "Bearer s3cret"}
HUNDRED = " ".join(str(i) for i in range(100))
#: Ten million solutions before its FILTER: tens of seconds when it is evaluated.
SLOW_WHERE = "{ VALUES ?a { %s } VALUES ?b { %s } VALUES ?c { %s } VALUES ?d { %s } FILTER(?a + ?b + ?c + ?d < 0) }" \
    % (HUNDRED, HUNDRED, HUNDRED, HUNDRED)
#: Literals of mixed types whose sorting makes pyoxigraph 0.5.13 panic and abort its process (the reviewer's).
MIXED = ('"6597"^^<http://www.w3.org/2001/XMLSchema#integer> "Christophe" "FAVERJON" "Christophe FAVERJON" '
         '"Président de séance : Mme Sylvie FAYOLLE" "370"^^<http://www.w3.org/2001/XMLSchema#integer> '
         '"410"^^<http://www.w3.org/2001/XMLSchema#integer> "Nombre de pouvoirs : 8" '
         '"325"^^<http://www.w3.org/2001/XMLSchema#integer> "347"^^<http://www.w3.org/2001/XMLSchema#integer> '
         '"Membres titulaires absents excusés :\\n\\nMme Ingrid ARNAUD, Mme Françoise BERGER, M. Jordan DA SILVA, '
         'M. Philippe DENIS,\\nM. Gérard TARDY, M. Julien VASSAL" "2037"^^<http://www.w3.org/2001/XMLSchema#integer> '
         '"2188"^^<http://www.w3.org/2001/XMLSchema#integer> "Kamel" "BOUCHOU" "Kamel BOUCHOU" "Frédéric" "DURAND" '
         '"membres actifs"@fr "opérationnel"@fr "porteurs d\'actions"@fr '
         '"The active members who carry actions of the roadmap."@en '
         '"Les membres actifs qui portent des actions de la feuille de route."@fr "Operational circle"@en '
         '"Cercle opérationnel"@fr "2" "membres associés"@fr '
         '"The associated partners, kept informed and consulted without carrying actions."@en '
         '"Les partenaires associés, informés et sollicités sans porter d\'action."@fr "Partners circle"@en '
         '"Cercle des partenaires"@fr "3" "financeurs"@fr "institutions"@fr "financeurs et institutions"@fr '
         '"The funders and institutions that support the PTCE."@en '
         '"Les financeurs et les institutions qui soutiennent le PTCE."@fr "Funders circle"@en '
         '"Cercle des financeurs"@fr "4" '
         '"The founding members and the coordination of the PTCE, who carry its strategy and governance."@en')
PANIC_SELECT = "SELECT ?o WHERE { VALUES ?o { %s } } ORDER BY ?o" % MIXED
UNKNOWN_FUNCTION = "SELECT (<http://ex.org/f>(1) AS ?x) {}"


@pytest.fixture
def app(tmp_path):
    with app_on_fixture(tmp_path, write_token="s3cret") as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


def error_of(response) -> dict:
    return response.get_json()["error"]


def in_a_process(code: str, timeout: float = 20) -> subprocess.CompletedProcess:
    """Run ``code`` in a Python of its own: an engine that aborts or runs away must not take the tests with it."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=timeout, cwd=Path(__file__).resolve().parents[1])


# --- 1. the kind of a query and its syntax, never by evaluating it -------------------------------------------


@pytest.mark.parametrize("text, kind", [
    ("ASK " + SLOW_WHERE, "ask"),
    ("SELECT * " + SLOW_WHERE + " ORDER BY ?a", "select"),
    ("ASK { { %s } }" % PANIC_SELECT, "ask"),
    ("SELECT * { %s }" % PANIC_SELECT, "select"),
    (PANIC_SELECT, "select"),
])
def test_checking_a_query_never_evaluates_it(text, kind):
    done = in_a_process(f"""
        import time
        from graph.sparql import check_query
        start = time.monotonic()
        plan = check_query({text!r})
        print(plan.kind, time.monotonic() - start < 2)
    """)
    assert (done.returncode, done.stdout.split()) == (0, [kind, "True"]), done.stderr[-500:]


def test_checking_an_update_never_runs_it():
    update = "INSERT { <urn:a> <urn:b> ?a } WHERE " + SLOW_WHERE
    done = in_a_process(f"""
        import time
        from graph.sparql import check_update
        start = time.monotonic()
        check_update({update!r})
        print(time.monotonic() - start < 2)
    """)
    assert (done.returncode, done.stdout.split()) == (0, ["True"]), done.stderr[-500:]


@pytest.mark.parametrize("text, kind", [
    ("PREFIX ex: <https://ex.org/a#SELECT> # ASK\nBASE <https://ex.org/> construct { ?s ?p ?o } WHERE { ?s ?p ?o }",
     "graph"),
    ("describe <https://ex.org/a>", "graph"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "graph"),
    ("ASK {}", "ask"),
    ("SELECT * { SELECT ?s { ?s ?p ?o } }", "select"),
])
def test_the_kind_is_read_after_the_prologue(text, kind):
    assert check_query(text).kind == kind


@pytest.mark.parametrize("text, line, column", [  # at the token at fault, or the start of the triple that has it
    ("ASK\n{ ?s ?p }", 2, 3),
    ("SELECT * { SELECT ?s { ?s ?p } }", 1, 32),
    ("SELECT * { ?s ?p ?o } LIMIT x", 1, 29),
])
def test_a_syntax_error_is_placed_in_the_users_text(text, line, column):
    with pytest.raises(QuerySyntaxError) as caught:
        check_query(text)
    assert (caught.value.line, caught.value.column) == (line, column)


def test_an_update_with_a_syntax_error_says_where_in_its_own_text():
    with pytest.raises(QuerySyntaxError) as caught:
        check_update("CLEAR ALL ;\nINSERT DATA { <urn:a> <urn:b> }")
    assert (caught.value.line, caught.value.column) == (2, 31)


# --- 2. an engine crash in the worker ----------------------------------------------------------------------------


def test_a_query_that_crashes_the_engine_is_told_as_the_engines_failure_not_the_stores(client):
    response = client.get("/sparql", query_string={"query": PANIC_SELECT})
    error = error_of(response)
    assert (response.status_code, error["code"]) == (500, "query-engine-failed")
    assert "moteur SPARQL a échoué sur cette requête" in error["message"]
    after = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})  # a fresh worker answers the next
    assert after.status_code == 200


def test_the_cli_tells_an_engine_crash_in_one_line(tmp_path, app):
    data = app.config["MAILLAGE"]["data_dir"]
    result = CliRunner().invoke(main, ["--data", data, "query", PANIC_SELECT])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("maillage: le moteur SPARQL a échoué sur cette requête")
    assert len(result.stderr.strip().splitlines()) == 1


# --- 3. a function the engine does not know ----------------------------------------------------------------------


@pytest.mark.parametrize("text", [UNKNOWN_FUNCTION, "ASK { FILTER(<http://ex.org/f>(1)) }",
                                  "SELECT * { OPTIONAL { ?s ?p ?o FILTER(<http://ex.org/f>(?o)) } }"])
def test_an_unknown_function_is_a_400_that_names_it(client, text):
    response = client.get("/sparql", query_string={"query": text})
    error = error_of(response)
    assert (response.status_code, error["code"]) == (400, "query-refused")
    assert "fonction non prise en charge : <http://ex.org/f>" in error["message"]
    assert "function not supported: <http://ex.org/f>" in error["message_en"]


def test_an_unknown_function_in_an_update_is_a_400(client):
    response = client.post("/sparql", data="INSERT { <urn:a> <urn:b> ?x } WHERE { BIND(<http://ex.org/f>() AS ?x) }",
                           content_type="application/sparql-update", headers=AUTH)
    assert (response.status_code, error_of(response)["code"]) == (400, "query-refused")


def test_the_cli_tells_an_unknown_function_in_one_line(app):
    result = CliRunner().invoke(main, ["--data", app.config["MAILLAGE"]["data_dir"], "query", UNKNOWN_FUNCTION])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "fonction non prise en charge : <http://ex.org/f>" in result.stderr


def test_check_query_names_an_unknown_function_it_meets():
    with pytest.raises(QueryRefused, match="<http://ex.org/f>"):
        check_query("ASK { ?s ?p ?o FILTER(<http://ex.org/f>(?o)) }")


# --- 4. default-graph-uri and named-graph-uri --------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    "CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }",
    "SELECT (EXISTS { ?s ?p ?o } AS ?e) { }",
    "DESCRIBE <https://ex.org/a> LIMIT 1",
    "CONSTRUCT WHERE { ?s ?p ?o }",
])
@pytest.mark.parametrize("parameter", ["default-graph-uri", "named-graph-uri"])
def test_the_protocols_dataset_keeps_a_valid_query_valid(client, query, parameter):
    response = client.get("/sparql", query_string={"query": query, parameter: FIXTURE_GRAPH})
    assert response.status_code == 200, response.get_json()


def test_an_error_with_the_protocols_dataset_is_placed_in_the_query_sent(client):
    response = client.get("/sparql?query=" + quote("SELECT ?s\nWHERE { ?s ?p }") + "&default-graph-uri="
                          + quote(FIXTURE_GRAPH))
    assert "ligne 2, colonne 9" in error_of(response)["message"]


# --- 5. the CLI's FROM -------------------------------------------------------------------------------------------


def test_the_cli_accepts_from_a_graph_of_the_store_and_refuses_another(app):
    data = app.config["MAILLAGE"]["data_dir"]
    held = CliRunner().invoke(main, ["--data", data, "query", "--format", "csv",
                                     f"SELECT (COUNT(*) AS ?n) FROM <{FIXTURE_GRAPH}> WHERE {{ ?s ?p ?o }}"])
    assert held.exit_code == 0 and int(held.stdout.splitlines()[1]) > 0, held.stderr
    other = CliRunner().invoke(main, ["--data", data, "query", "SELECT * FROM <urn:nope> WHERE { ?s ?p ?o }"])
    assert other.exit_code == 1 and "urn:nope" in other.stderr


# --- 6. graph formats by Accept as by format= --------------------------------------------------------------------


@pytest.mark.parametrize("media_type, name", [("application/n-quads", "nquads"), ("application/trig", "trig"),
                                              ("text/turtle", "turtle"), ("application/rdf+xml", "rdfxml")])
def test_a_construct_is_answered_in_the_graph_format_that_accept_names_as_format_does(client, media_type, name):
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"
    by_accept = client.get("/sparql", query_string={"query": query}, headers={"Accept": media_type})
    by_format = client.get("/sparql", query_string={"query": query, "format": name})
    assert by_accept.mimetype == by_format.mimetype == media_type


# --- 7. a 401 names its scheme -----------------------------------------------------------------------------------


def test_an_update_without_the_token_is_a_401_that_names_the_bearer_scheme(client):
    response = client.post("/sparql", data="CLEAR ALL", content_type="application/sparql-update")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


# --- 8. a byte order mark ----------------------------------------------------------------------------------------


def test_a_query_posted_with_a_byte_order_mark_is_answered(client):
    body = "\ufeffASK { ?s ?p ?o }".encode("utf-8")
    response = client.post("/sparql", data=body, content_type="application/sparql-query")
    assert response.status_code == 200, response.get_json()


def test_a_query_file_with_a_byte_order_mark_is_run(app, tmp_path):
    path = tmp_path / "bom.rq"
    path.write_bytes("\ufeffSELECT * WHERE { ?s ?p ?o } LIMIT 1".encode("utf-8"))
    result = CliRunner().invoke(main, ["--data", app.config["MAILLAGE"]["data_dir"], "query", "--format", "csv",
                                       str(path)])
    assert result.exit_code == 0, result.stderr
