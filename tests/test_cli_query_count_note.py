"""``maillage query`` names a misspelt vocabulary term when a query counted nothing, as when it found nothing: the
usual way to look for "none" is a COUNT that gives 0 (webapp/cli_queries.py found_nothing).

Fixture strategy: the web fixture's data directory, copied per test, queried through the command line."""

from __future__ import annotations

import pytest

from tests.test_cli_query_probe import fixture_data, run

NOTE = "mai:Acteur n'est pas un terme du vocabulaire ; vouliez-vous dire mai:Actor ?\n"


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv", "xml"])
@pytest.mark.parametrize("query", [
    "SELECT (COUNT(*) AS ?n) WHERE { ?x a mai:Acteur }",
    "SELECT (COUNT(?x) AS ?n) (SUM(?a) AS ?t) (MAX(?a) AS ?m) WHERE { ?x a mai:Acteur ; mai:amount ?a }",
    "SELECT ?x (COUNT(?y) AS ?n) WHERE { ?x a mai:Actor OPTIONAL { ?x mai:Acteur ?y } } GROUP BY ?x",
])
def test_a_query_whose_aggregates_counted_nothing_names_the_misspelt_term(tmp_path, query, fmt):
    result = run(fixture_data(tmp_path), "query", "--format", fmt, query)
    assert result.exit_code == 0 and result.stderr.startswith(NOTE)


@pytest.mark.parametrize("query", [
    "SELECT (COUNT(*) AS ?n) WHERE { ?x a mai:Actor OPTIONAL { ?x mai:Acteur ?y } }",  # counted something
    "SELECT (0 AS ?n) WHERE { ?x a mai:Actor OPTIONAL { ?x mai:Acteur ?y } }",  # a zero that no aggregate gave
])
def test_a_query_that_counted_something_gets_no_note(tmp_path, query):
    result = run(fixture_data(tmp_path), "query", "--format", "json", query)
    assert result.exit_code == 0 and result.stderr == ""


def test_the_editor_names_the_misspelt_term_of_a_count_that_gives_0(tmp_path):
    from web_fixture import app_on_fixture

    with app_on_fixture(tmp_path) as app:
        page = app.test_client().post("/sparql", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?x a mai:Acteur }",
                                                       "format": "html"}).get_data(as_text=True)
    assert "mai:Acteur n&#39;est pas un terme du vocabulaire ; vouliez-vous dire mai:Actor ?" in page
