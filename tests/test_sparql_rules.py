"""A researcher's grouped query was refused as « the query stops before it is complete (expected: « The »,
SELECT…) »: the engine says a broken rule of SPARQL (a grouped SELECT that names an ungrouped variable, a name given
twice, a VALUES row too short…) as one more token expected, or not at all. Each is now told in words, with the
variable at fault and its place, by the endpoint and ``maillage query`` alike."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from web_fixture import app_on_fixture, template_data

from graph.sparql import check_query, check_update
from graph.sparql_syntax import with_prologue
from graph.sparql_rules import broken_rule
from graph.store import QuerySyntaxError
from webapp.cli import main

#: The researcher's query: the datatypes of the grants' literals, grouped by an expression it does not name.
RESEARCHERS = ("PREFIX mai: <https://w3id.org/maillage/ontology#>\n"
               "SELECT ?p (datatype(?o) AS ?dt) (COUNT(*) AS ?n) WHERE { ?g a mai:Grant ; ?p ?o . "
               "FILTER(isLiteral(?o)) } GROUP BY ?p (datatype(?o)) ORDER BY ?p")


def refusal(text: str, update: bool = False) -> QuerySyntaxError:
    with pytest.raises(QuerySyntaxError) as caught:
        check_update(text) if update else check_query(text)
    return caught.value


def at(text: str, error: QuerySyntaxError) -> str:
    """The text from the place an error is told at."""
    line = text.split("\n")[error.line - 1]
    return line[error.column - 1:]


def test_the_researchers_query_is_told_what_to_group_by():
    error = refusal(RESEARCHERS)
    assert str(error) == (
        "l'expression datatype(?o) de SELECT emploie ?o, qui n'est ni dans GROUP BY ni dans un agrégat (une "
        "expression de GROUP BY ne groupe pas ses variables) : groupez par l'expression nommée, GROUP BY "
        "(datatype(?o) AS ?dt), et sélectionnez ?dt ; ou prenez un agrégat, SAMPLE(?o)")
    assert error.message_en.startswith("the expression datatype(?o) of SELECT uses ?o, which is neither in GROUP BY")
    assert at(RESEARCHERS, error).startswith("datatype(?o) AS ?dt")
    fixed = RESEARCHERS.replace("SELECT ?p (datatype(?o) AS ?dt)", "SELECT ?p ?dt").replace(
        "GROUP BY ?p (datatype(?o))", "GROUP BY ?p (datatype(?o) AS ?dt)")
    check_query(fixed)  # what the message advises runs


@pytest.mark.parametrize("text, said, place", [
    ("SELECT ?p ?o WHERE { ?s ?p ?o } GROUP BY ?p",
     "SELECT nomme ?o, qui n'est ni dans GROUP BY ni dans un agrégat : ajoutez-la au GROUP BY ou prenez-en un agrégat "
     "(SAMPLE(?o), COUNT(?o)…)", "?o WHERE"),
    ("SELECT ?s (COUNT(?o) AS ?n) WHERE { ?s ?p ?o }",
     "SELECT nomme ?s, qui n'est ni dans GROUP BY ni dans un agrégat : ajoutez-la au GROUP BY ou prenez-en un agrégat "
     "(SAMPLE(?s), COUNT(?s)…)", "?s (COUNT"),
    ("SELECT ?p ?p WHERE { ?s ?p ?o }", "SELECT nomme deux fois ?p", "?p WHERE"),
    ("SELECT ?p (STR(?o) AS ?p) WHERE { ?s ?p ?o }",
     "SELECT donne le nom ?p à une expression, mais la requête lie déjà ?p : donnez-lui un autre nom", "?p) WHERE"),
    ("SELECT * WHERE { VALUES (?a ?b) { (1 2) (1) } }",
     "cette ligne de VALUES a 1 valeur pour 2 variables (?a, ?b) : donnez à chaque variable sa valeur, UNDEF pour "
     "aucune", "(1) }"),
    ("SELECT * WHERE { ?s ?p ?o BIND(STR(?s) AS ?o) }",
     "BIND(… AS ?o) donne une valeur à ?o, mais son groupe lie déjà ?o avant lui : donnez-lui un autre nom", "?o) }"),
    ("SELECT * WHERE { _:a ?p ?o OPTIONAL { _:a ?q ?r } }",
     "le nœud anonyme _:a est employé dans deux groupes de la requête : un nœud anonyme n'est le même nœud que dans "
     "un groupe ; employez une variable (?a)", "_:a ?q"),
])
def test_a_broken_rule_is_told_with_the_variable_at_fault_and_its_place(text, said, place):
    error = refusal(text)
    assert str(error) == said
    assert at(text, error).startswith(place)
    assert "«" not in error.message_en and error.message_en != said


@pytest.mark.parametrize("text, said", [
    ("SELECT * WHERE { ?s ?p ?o } GROUP BY ?s", "SELECT * ne s'emploie pas avec GROUP BY"),
    ("SELECT * WHERE { ?s ?p ?o } VALUES (?a ?b) { (1) (1 2) }", "une ligne de VALUES n'a pas autant de valeurs"),
])
def test_a_rule_the_engine_names_is_told_even_where_the_text_does_not_show_the_place(text, said):
    assert str(refusal(text)).startswith(said)


@pytest.mark.parametrize("text, said", [
    ("INSERT DATA { ?s <urn:p> 1 }", "INSERT DATA n'admet que des termes, pas de variables"),
    ("DELETE WHERE { _:b <urn:p> ?o }", "un DELETE n'admet pas de nœud anonyme"),
])
def test_an_update_that_breaks_a_rule_is_told_it(text, said):
    assert str(refusal(text, update=True)).startswith(said)


def test_a_rule_broken_where_the_outermost_select_shows_no_variable_at_fault_is_told_alone():
    """In a subquery: the variables at fault are looked for on the outermost SELECT only."""
    text = "SELECT ?x WHERE { { SELECT ?p ?o WHERE { ?s ?p ?o } GROUP BY ?p } ?x ?p ?o }"
    said, said_en, place = broken_rule("error at 1:70: expected one of The SELECT contains a variable that is unbound",
                                       text)
    assert (said.split(" : ")[0], place) == ("SELECT nomme une variable qui n'est ni dans GROUP BY ni dans un agrégat",
                                             None)
    assert said_en.startswith("SELECT names a variable that is neither in GROUP BY nor inside an aggregate")


def test_a_query_whose_prefixes_maillage_declares_is_told_at_the_users_own_place():
    users = "SELECT ?p ?o WHERE { ?s a mai:Grant ; ?p ?o } GROUP BY ?p"
    error = refusal(with_prologue(users))
    assert (error.line, at(users, error)) == (1, "?o WHERE { ?s a mai:Grant ; ?p ?o } GROUP BY ?p")


def test_the_endpoint_and_the_command_line_say_it_alike(tmp_path):
    with app_on_fixture(tmp_path) as app:
        response = app.test_client().get("/sparql", query_string={"query": RESEARCHERS})
    error = response.get_json()["error"]
    assert response.status_code == 400
    assert error["message"].startswith("requête SPARQL invalide (ligne 2, colonne 12) : l'expression datatype(?o) de "
                                       "SELECT emploie ?o")
    assert error["message_en"].startswith("invalid SPARQL query (line 2, column 12): the expression datatype(?o)")
    data = shutil.copytree(template_data(), tmp_path / "cli-data")
    result = CliRunner().invoke(main, ["--data", str(data), "query", RESEARCHERS])
    assert (result.exit_code, result.stderr) == (1, f"maillage: {error['message']}\n")
