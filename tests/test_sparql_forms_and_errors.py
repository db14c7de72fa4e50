"""A data engineer's review of /sparql: a format the query's form cannot give is a 406, a syntax error is placed at
the token at fault and told in words (the endpoint and ``maillage query`` alike), and the editor declares the
vocabulary's prefixes for a query opened by its link as for one sent by its form."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_fixture import GRANT, app_on_fixture, template_data

from graph.sparql_place import expected_in_words
from webapp.cli import main

SELECT = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
ASK = "ASK { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
#: The reviewer's file: a stray ``?b`` at line 4, column 20, then a line end after the last line.
STRAY_VARIABLE = ("PREFIX mai: <https://w3id.org/maillage/ontology#>\nSELECT ?s WHERE {\n  ?s a mai:Grant .\n"
                  "  ?s mai:amount ?a ?b .\n}\n")


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app.test_client()


def error_of(response) -> dict:
    return response.get_json()["error"]


# --- 1. a format that the query's form cannot give -----------------------------------------------------------


@pytest.mark.parametrize("query, accept, form, known", [
    (CONSTRUCT, "text/csv", "CONSTRUCT ou DESCRIBE", "turtle (text/turtle)"),
    (CONSTRUCT, "application/sparql-results+json", "CONSTRUCT ou DESCRIBE", "jsonld (application/ld+json)"),
    (SELECT, "text/turtle", "SELECT", "csv (text/csv)"),
    (ASK, "text/turtle", "ASK", "json (application/sparql-results+json)"),
])
def test_an_accept_that_names_no_format_of_the_querys_form_is_a_406_that_lists_them(client, query, accept, form,
                                                                                    known):
    """A client that reads CSV only was answered Turtle, under a 200."""
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    error = error_of(response)
    assert (response.status_code, error["code"]) == (406, "unknown-format")
    assert error["message"].startswith(f"aucun des formats demandés ne convient à une requête {form} (Accept : "
                                       f"« {accept} ») ; possibles : ")
    assert known in error["message"] and error["message_en"].startswith("none of the formats asked for fits a ")


@pytest.mark.parametrize("query, accept, media_type", [
    (CONSTRUCT, "text/*", "text/turtle"), (CONSTRUCT, "*/*", "text/turtle"), (SELECT, "text/*", "text/csv"),
    (SELECT, "application/*", "application/sparql-results+json"), (ASK, "*/*", "application/sparql-results+json"),
    (CONSTRUCT, "text/csv, application/n-triples;q=0.5", "application/n-triples"),
])
def test_a_wildcard_or_a_fitting_type_among_others_is_answered_in_a_format_of_the_form(client, query, accept,
                                                                                       media_type):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert (response.status_code, response.mimetype) == (200, media_type)


@pytest.mark.parametrize("query", [SELECT, CONSTRUCT])
def test_a_browser_still_gets_the_editor_page(client, query):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": BROWSER})
    assert (response.status_code, response.mimetype) == (200, "text/html")


# --- 2. a syntax error, placed at the token at fault and told in words ---------------------------------------


def cli_query(tmp_path: Path, query: str):
    data = shutil.copytree(template_data(), tmp_path / "cli-data")
    return CliRunner().invoke(main, ["--data", str(data), "query", query])


@pytest.mark.parametrize("query, said", [
    (STRAY_VARIABLE, "requête SPARQL invalide (ligne 4, colonne 20) : la requête ne se lit plus à partir de « ?b . »"),
    ("SELECT ?s WHERE { ?s ?p ?o", "requête SPARQL invalide (ligne 1, colonne 27) : la requête s'arrête avant d'être "
     "complète (un terme, une « } », une « ) » ou un guillemet manque ?)"),
    ("SELECT ?x WHERE { ?x ?p ?o FILTRE(?x != 1) }", "requête SPARQL invalide (ligne 1, colonne 28) : la requête ne "
     "se lit plus à partir de « FILTRE(?x != 1) } » : « FILTRE » n'est pas un mot de SPARQL ; vouliez-vous dire "
     "FILTER ?"),
])
def test_a_syntax_error_is_told_at_the_token_at_fault_in_the_same_words_by_the_endpoint_and_the_cli(
        client, tmp_path, query, said):
    """The engine said « error at 6:1 » for the stray ``?b`` of a five-line file, the CLI without the line."""
    error = error_of(client.get("/sparql", query_string={"query": query}))
    assert error["message"] == said
    result = cli_query(tmp_path, query)
    assert (result.exit_code, result.stderr) == (1, f"maillage: {said}\n")


@pytest.mark.parametrize("query", [STRAY_VARIABLE, "SELECT ?s WHERE { ?s ?p ?o", "SELECT * { ?s ?p ?o BIND(1 AS ?o) }",
                                   "SELECT ?s WHERE {\n ?s ?p ?o\n\n"])
def test_a_syntax_error_never_shows_the_engines_classes_nor_a_place_past_the_text(client, query):
    error = error_of(client.get("/sparql", query_string={"query": query}))
    lines = query.rstrip().split("\n")
    line, column = (int(n) for n in error["message"].split("(ligne ")[1].split(")")[0].split(", colonne "))
    assert line <= len(lines) and column <= len(lines[line - 1]) + 1
    for message in (error["message"], error["message_en"]):
        assert "error at" not in message and "[" not in message and "\\u{" not in message


def test_the_engines_character_classes_are_told_as_a_term():
    said, said_en = expected_in_words("error at 1:27: expected one of \",\", \"}\", ['0' ..= '9' | '\\u{00B7}'], [_]")
    assert said == "attendu : « , », « } » ou un terme (variable, IRI, nom préfixé, nombre, littéral…)"
    assert said_en == "expected: ',', '}' or a term (variable, IRI, prefixed name, number, literal…)"


# --- 3. the editor's link declares the vocabulary's prefixes as its form does -------------------------------


def test_the_editor_declares_the_vocabularys_prefixes_for_a_query_opened_by_its_link(client):
    query = "SELECT ?s WHERE { ?s a mai:Grant }"
    linked = client.get("/sparql", query_string={"query": query}, headers={"Accept": BROWSER})
    page = linked.get_data(as_text=True)
    assert linked.status_code == 200 and "non déclaré" not in page and GRANT.rsplit("/", 1)[1] in page
    strict = client.get("/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert strict.status_code == 400 and "préfixe non déclaré « mai: »" in error_of(strict)["message"]
