"""A PTCE coordinator's review of querying and searching from the command line: where a syntax error is, a
mistyped vocabulary term, the CSV of a named query, French words for commands and parameters, search filters in
French, and what README.md says of them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_fixture import app_on_fixture, template_data

from graph.namespaces import MAI
from graph.sparql import check_query
from graph.sparql_syntax import with_prologue
from graph.store import QuerySyntaxError
from webapp.cli import main

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def fixture_data(tmp_path: Path) -> str:
    """A copy of the web fixture's data directory (store and search index)."""
    return str(shutil.copytree(template_data(), tmp_path / "data"))


def run(data: str, *args: str):
    return CliRunner().invoke(main, ["--data", data, *args])


# --- 1. a syntax error, told in the text typed ---------------------------------------------------------------


def declared_place(text: str) -> tuple[int, int]:
    """Where the error of ``text`` is told when ``mai:`` is declared on a line of its own before it."""
    with pytest.raises(QuerySyntaxError) as caught:
        check_query(f"PREFIX mai: <{MAI}>\n{text}")
    return caught.value.line - 1, caught.value.column


@pytest.mark.parametrize("text", [
    "SELECT ?x WHERE { ?x a mai:Actor FILTRE(?x != 1) }",
    "SELECT ?x WHERE { ?x a mai:Actor ; ?p }",
    "SELECT ?x WHERE {\n  ?x a mai:Actor ; ?p }",
])
def test_a_syntax_error_is_placed_in_the_text_typed_not_after_the_prefixes_declared_for_it(text):
    """« error at 1:92 » on a 50-character line: the declarations written before the query counted."""
    with pytest.raises(QuerySyntaxError) as caught:
        check_query(with_prologue(text))
    assert (caught.value.line, caught.value.column) == declared_place(text)


def test_the_editors_form_places_a_syntax_error_in_the_text_typed(tmp_path):
    text = "SELECT ?x WHERE { ?x a mai:Actor ; ?p }"
    with app_on_fixture(tmp_path) as app:
        page = app.test_client().post("/sparql", data={"query": text, "format": "html"}).get_data(as_text=True)
    line, column = declared_place(text)
    assert f"(ligne {line}, colonne {column})" in page


@pytest.mark.parametrize("lang, query, column, said", [
    ("fr", "SELECT ?x WHERE { ?x a mai:Actor FILTRE(?x != 1) }", 34,
     "la requête ne se lit plus à partir de « FILTRE(?x != 1) } » : « FILTRE » n'est pas un mot de SPARQL ; "
     "vouliez-vous dire FILTER ?"),
    ("fr", "SELECT ?x WHERE { ?x a mai:Actor } ORDRE BY ?x", 36,
     "la requête ne se lit plus à partir de « ORDRE BY ?x » : « ORDRE » n'est pas un mot de SPARQL ; "
     "vouliez-vous dire ORDER ?"),
    ("fr", 'SELECT ?x WHERE { ?x a mai:Actor FILTER(regexp(?x, "a")) }', 41,
     "la requête ne se lit plus à partir de « regexp(?x, \"a\")) } » : fonction inconnue « regexp » (vouliez-vous "
     "dire REGEX ?) ; ce point d'accès connaît les fonctions de SPARQL 1.1 et les conversions xsd: "
     "(xsd:integer(?x)…)"),
    ("en", "SELECT ?x WHERE { ?x a mai:Actor FILTER(STRLENN(?x) > 2) }", 41,
     "the query cannot be read from 'STRLENN(?x) > 2) }' on: unknown function 'STRLENN' (did you mean STRLEN?); "
     "this endpoint knows the functions of SPARQL 1.1 and the xsd: casts (xsd:integer(?x)…)"),
])
def test_a_misspelt_keyword_or_an_unknown_function_is_quoted_from_its_start_and_named(tmp_path, monkeypatch, lang,
                                                                                       query, column, said):
    """The quote began after the word (« x != 1) } »), and the engine's « expected OPTIONAL » misled; the place is
    the word's (the engine's was inside the parentheses after it)."""
    monkeypatch.setenv("MAILLAGE_LANG", lang)
    result = run(fixture_data(tmp_path), "query", query)
    refused = f"invalid SPARQL query (line 1, column {column}): " if lang == "en" else \
        f"requête SPARQL invalide (ligne 1, colonne {column}) : "
    assert (result.exit_code, result.stderr) == (1, f"maillage: {refused}{said}\n")


# --- 2. a term that the vocabulary does not have -------------------------------------------------------------


def test_a_query_that_finds_nothing_names_the_terms_the_vocabulary_lacks_with_the_one_meant(tmp_path):
    result = run(fixture_data(tmp_path), "query", "SELECT ?x WHERE { ?x a mai:Acteur ; mai:siren ?s }")
    assert (result.exit_code, result.stdout) == (0, "x\n-\n(0 ligne)\n")
    assert result.stderr == "mai:Acteur n'est pas un terme du vocabulaire ; vouliez-vous dire mai:Actor ?\n"


@pytest.mark.parametrize("query", [
    "SELECT ?x WHERE { ?x a mai:Actor ; mai:siren ?s }",  # terms of the vocabulary
    "SELECT ?x WHERE { ?x a mai:Actor OPTIONAL { ?x mai:Acteur ?y } }",  # results all the same
])
def test_a_query_with_results_or_known_terms_gets_no_note(tmp_path, query):
    result = run(fixture_data(tmp_path), "query", "--format", "csv", query)
    assert result.exit_code == 0 and result.stderr == ""


def test_the_editor_names_a_term_the_vocabulary_lacks(tmp_path):
    with app_on_fixture(tmp_path) as app:
        page = app.test_client().post("/sparql", data={"query": "SELECT ?x WHERE { ?x a mai:Subvention }",
                                                       "format": "html"}).get_data(as_text=True)
    assert "mai:Subvention n&#39;est pas un terme du vocabulaire ; vouliez-vous dire mai:Grant ?" in page


# --- 3. a named query's CSV: its page's, the contract ---------------------------------------------------------


@pytest.mark.parametrize("name", ["partenaires-par-cercle", "membres-actuels-par-cercle"])
def test_a_named_querys_csv_is_its_pages_csv(demo_data, tmp_path, name):
    """The command line gave IRIs in « circle » and « member », without the ``_iri`` columns of the page's."""
    from webapp import create_app
    from webapp.resources import close_resources

    result = CliRunner().invoke(main, ["--data", str(demo_data), "query", name, "--format", "csv"])
    app = create_app({"data_dir": str(demo_data), "store": "oxigraph"})
    try:
        page = app.test_client().get(f"/queries/{name}.csv").data
    finally:
        close_resources(app)
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == page


def test_the_readme_lists_every_column_of_the_members_csv(demo_data):
    result = CliRunner().invoke(main, ["--data", str(demo_data), "query", "partenaires-par-cercle", "--format", "csv"])
    table = README[README.index("The CSV's columns, in this order"):].split("\n\n")[1]
    documented = [name for row in table.splitlines()[2:] for name in re.findall(r"`(\w+)`", row.split("|")[1])]
    assert documented == result.stdout.splitlines()[0].split(",")


# --- 4. French words for commands and parameters --------------------------------------------------------------


@pytest.mark.parametrize("word, meant", [
    ("import", "ingest"), ("importer", "ingest"), ("chercher", "search"), ("rechercher", "search"),
    ("supprimer", "remove"), ("retirer", "remove"), ("requête", "query"), ("requete", "query"),
    ("valider", "validate"), ("exporter", "export"), ("servir", "serve"), ("serveur", "serve"), ("aide", "--help"),
])
def test_a_french_word_for_a_command_suggests_that_command(tmp_path, word, meant):
    """« maillage import » suggested « export », the opposite."""
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), word])
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2, f"Erreur : commande inconnue « {word} ». Vouliez-vous dire « {meant} » ?")


def test_a_parameter_named_in_french_suggests_the_one_its_label_names(tmp_path):
    result = run(fixture_data(tmp_path), "query", "subventions-d-un-beneficiaire", "--param", "beneficiaire=DanaeCare")
    assert (result.exit_code, result.stderr) == (1, "maillage: subventions-d-un-beneficiaire : paramètre inconnu "
                                                    "« beneficiaire » : vouliez-vous dire « beneficiary » "
                                                    "(Bénéficiaire) ? (paramètres : beneficiary)\n")


def test_a_date_parameter_takes_a_date_as_a_register_writes_it(tmp_path):
    data = fixture_data(tmp_path)
    iso = run(data, "query", "entrees-sorties-periode", "--param", "start=2024-01-01", "--param", "end=2024-12-31",
              "--format", "csv")
    french = run(data, "query", "entrees-sorties-periode", "--param", "start=01/01/2024", "--param",
                 "end=31/12/2024", "--format", "csv")
    assert (french.exit_code, french.stdout) == (0, iso.stdout) and len(iso.stdout.splitlines()) > 1


def test_a_date_parameter_that_is_no_date_is_refused_with_both_forms_and_an_example(tmp_path):
    result = run(fixture_data(tmp_path), "query", "entrees-sorties-periode", "--param", "start=janvier")
    assert (result.exit_code, result.stderr) == (1, "maillage: entrees-sorties-periode : valeur invalide pour « Du "
                                                    "(AAAA-MM-JJ) » (start) : « janvier » ; attendu : une date "
                                                    "AAAA-MM-JJ ou JJ/MM/AAAA (2024-01-31, 31/01/2024)\n")


# --- 5. search filters in French -----------------------------------------------------------------------------


def kinds_found(data: str, *args: str) -> tuple[int, set[str]]:
    result = run(data, "search", "", *args, "--json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    return found["total"], {hit["kind"] for hit in found["results"]}


@pytest.mark.parametrize("spelt, code", [("conventions", "agreement"), ("Associations", "association"),
                                         ("subventions", "grant"), ("délibérations", "deliberation"),
                                         ("collectivités", "collectivite")])
def test_a_type_in_french_or_in_the_plural_is_taken(demo_data, spelt, code):
    assert kinds_found(str(demo_data), "--type", spelt) == kinds_found(str(demo_data), "--type", code)


@pytest.mark.parametrize("args, said", [
    (["--type", "asociation"], "type inconnu « asociation » : vouliez-vous dire « association » ? (possibles : "
                               "acteur, subvention, délibération, convention, objectif, thème, action, association, "
                               "collectivite, cooperation, entreprise, professionnel-de-sante, universite, usagers ; "
                               "ou leurs codes : actor, grant, deliberation, agreement, goal, theme, action)"),
    (["--theme", "prevension"], "thème inconnu « prevension » : vouliez-vous dire « Prévention » ?"),
])
def test_a_misspelt_type_or_theme_is_refused_with_the_one_meant(demo_data, args, said):
    result = run(str(demo_data), "search", "", *args)
    assert (result.exit_code, result.stderr) == (1, f"maillage: {said}\n")


def test_the_help_of_type_names_the_agreements():
    result = CliRunner().invoke(main, ["search", "--help"], terminal_width=200)
    assert "acteur, subvention, délibération, convention, objectif, thème" in " ".join(result.stdout.split())


# --- 6. what README.md and the help say -----------------------------------------------------------------------


def test_the_readme_gives_the_search_index_format():
    from search.index_layout import INDEX_FORMAT

    assert f"`INDEX_FORMAT`, now {INDEX_FORMAT})" in README


@pytest.mark.parametrize("command, said", [("maillage query", "ntriples"), ("maillage search", "--page"),
                                           ("maillage ingest", "`backup`")])
def test_the_readmes_table_of_commands_says_each_commands_options(command, said):
    row = next(line for line in README.splitlines() if line.startswith(f"| `{command} "))
    assert said in row


def test_the_query_help_lists_the_named_queries_and_their_parameters(monkeypatch):
    monkeypatch.setenv("MAILLAGE_LANG", "fr")
    shown = " ".join(CliRunner().invoke(main, ["query", "--help"], terminal_width=200).stdout.split())
    assert "Les requêtes nommées et leurs paramètres sont listés à la fin de cette aide" in shown
    assert "subventions-d-un-beneficiaire Subventions reçues par un acteur — beneficiary (obligatoire)" in shown
    assert "partenaires-par-cercle Partenaires par cercle — circle, pole" in shown
