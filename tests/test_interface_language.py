"""The interfaces' language: the command line's query results in the ``lang`` setting's language in every format,
French texts marked ``lang="fr"`` on English pages, plain wording of counts and of the ingest report, one name for
a deliberation everywhere, and the README's word on switching to English. The demo corpus (``demo_data``) where
data is needed; tiny inline Turtle otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal

from webapp import create_app
from webapp.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
DATA = """@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://ex.org/a1> a mai:Association ; rdfs:label "A 1" . <https://ex.org/a2> a mai:Association ; rdfs:label "A 2" .
"""


def _query(data: Path, *args: str, lang: str = "en"):
    return CliRunner().invoke(main, ["--data", str(data), "query", *args], env={"MAILLAGE_LANG": lang})


def _loaded(tmp_path: Path) -> Path:
    path = tmp_path / "actors.ttl"
    path.write_text(DATA, encoding="utf-8")
    CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(path)], catch_exceptions=False)
    return tmp_path / "data"


def test_a_named_querys_table_names_circles_kinds_and_themes_in_english_with_maillage_lang_en(demo_data):
    result = _query(demo_data, "membres-actuels-par-cercle", "--format", "table")
    assert result.exit_code == 0, result.stderr
    assert "Core circle" in result.stdout and "Funders circle" in result.stdout
    assert "Local authority" in result.stdout
    assert "Cercle cœur" not in result.stdout and "Collectivité" not in result.stdout


def test_a_named_querys_json_is_its_english_pages_json(demo_data):
    result = _query(demo_data, "membres-actuels-par-cercle", "--format", "json")
    rows = json.loads(result.stdout)["results"]["rows"]
    danaecare = next(row for row in rows if row["memberLabel"] == "DanaeCare")
    assert danaecare["circle"]["label"] == "Core circle"
    assert danaecare["themes"] == "Health third place | Caregiver-patient relationship"
    client = create_app({"data_dir": str(demo_data), "query_workers": 1}).test_client()
    page = client.get("/queries/membres-actuels-par-cercle.json", query_string={"lang": "en"}).get_json()
    assert rows == page["results"]["rows"]


def test_a_named_querys_table_stays_french_by_default(demo_data):
    result = _query(demo_data, "membres-actuels-par-cercle", "--format", "table", lang="fr")
    assert "Cercle cœur" in result.stdout and "Core circle" not in result.stdout


@pytest.mark.parametrize("lang, said", [("en", "(results cut at 1 row: --max-rows N gives more)"),
                                        ("fr", "(résultat coupé à 1 ligne : --max-rows N en donne davantage)")])
def test_a_result_cut_at_one_row_says_row_in_the_singular(tmp_path, lang, said):
    result = _query(_loaded(tmp_path), "SELECT ?s WHERE { ?s a mai:Association }", "--max-rows", "1", lang=lang)
    assert result.exit_code == 0 and result.stderr.strip() == said


def test_a_constructs_turtle_declares_and_uses_the_vocabularys_prefixes(tmp_path):
    result = _query(_loaded(tmp_path), "CONSTRUCT { ?s a mai:Association } WHERE { ?s a mai:Association }",
                    "--format", "turtle")
    assert result.exit_code == 0
    assert "@prefix mai: <https://w3id.org/maillage/ontology#> ." in result.stdout
    assert "<https://ex.org/a1> a mai:Association ." in result.stdout


def test_csv_for_a_construct_is_a_usage_error_exit_2_with_its_message(tmp_path):
    result = _query(_loaded(tmp_path), "CONSTRUCT { ?s a mai:Association } WHERE { ?s a mai:Association }",
                    "--format", "csv", lang="fr")
    assert result.exit_code == 2
    assert result.stderr == ("maillage: le format csv ne convient pas à une requête CONSTRUCT ; formats possibles : "
                             "table, turtle, jsonld, ntriples\n")


@pytest.mark.parametrize("lang, stats, said", [
    ("en", {"grants": 1, "stated_total": "", "totals_reconciled": "0/0"}, "grants: 1"),
    ("fr", {"grants": 1, "stated_total": "", "totals_reconciled": "0/0"}, "subventions : 1"),
    ("en", {"stated_total": "40000", "totals_reconciled": "1/1"},
     "stated total: €40,000, stated totals equal to the grants' sum: 1/1"),
    ("fr", {"stated_total": "40000", "totals_reconciled": "0/1"},
     "total annoncé : 40 000 €, totaux annoncés égaux à la somme des subventions : 0/1"),
])
def test_the_ingest_report_says_stated_totals_plainly_and_not_at_all_when_the_text_states_none(lang, stats, said):
    from webapp.reports import format_stats

    assert format_stats(stats, lang) == said


def _page(demo_data: Path, path: str) -> str:
    client = create_app({"data_dir": str(demo_data), "query_workers": 1}).test_client()
    response = client.get(path, query_string={"lang": "en"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_an_english_actor_page_marks_its_french_description_place_and_grant_purpose_as_french(demo_data):
    html = _page(demo_data, "/id/actor/danaecare")
    assert '<span lang="fr">Fondée en 2012, DanaeCare' in html
    assert '<span lang="fr">une douzaine de pays</span>' in html
    assert 'lang="fr">création d&#39;un pôle territorial' in html


def test_an_english_deliberation_page_marks_its_french_title_as_french(demo_data):
    html = _page(demo_data, "/id/deliberation/siren-244200770/2024-00240")
    assert '<dd><span lang="fr">PROGRAMME DE COOPÉRATION DE L&#39;ÉCONOMIE SOCIALE' in html



@pytest.mark.parametrize("path, heading", [
    ("/id/deliberation/siren-244200770/2024-00240",
     '<h1>Deliberation no. 2024.00240 — <span lang="fr">PROGRAMME DE COOPÉRATION DE L&#39;ÉCONOMIE'),
    ("/id/goal/ptce-sante-danaecare/1", '<h1 lang="fr">')])
def test_an_english_pages_heading_of_a_french_title_or_label_is_marked_as_french(demo_data, path, heading):
    assert heading in _page(demo_data, path)


def test_an_english_actor_pages_heading_is_its_name_unmarked(demo_data):
    """A proper name (an untagged ``rdfs:label``) is no text of a language, as an actor's name in a link is not."""
    assert "<h1>DanaeCare</h1>" in _page(demo_data, "/id/actor/danaecare")

def test_a_link_or_a_value_tagged_in_another_language_is_marked_with_it_and_one_in_the_pages_is_not():
    from webapp.page_data import ref
    from webapp.views import cell

    with create_app({"data_dir": "/nonexistent-maillage"}).test_request_context("/?lang=en"):
        assert cell(ref("https://ex.org/goal/1", Literal("Prévenir", lang="fr"))) == \
            '<a href="/resource?iri=https%3A%2F%2Fex.org%2Fgoal%2F1" lang="fr">Prévenir</a>'
        assert cell(Literal("Accès aux soins", lang="fr")) == '<span lang="fr">Accès aux soins</span>'
        assert cell(Literal("Access to care", lang="en")) == "Access to care"
        assert cell(Literal("DanaeCare")) == "DanaeCare"


@pytest.mark.parametrize("lang, said", [("fr", "titre du président de séance"), ("en", "chair's title")])
def test_the_chairs_title_on_a_session_is_named_as_the_chairs(lang, said):
    from graph.namespaces import MAI
    from webapp.labels import term_label

    assert term_label(MAI.roleTitle, lang) == said


@pytest.mark.parametrize("lang, number, said", [
    ("fr", "18.5.1", "Délibération n°\u00a018.5.1"), ("fr", "CP 2017-04-24", "Délibération CP 2017-04-24"),
    ("en", "18.5.1", "Deliberation no. 18.5.1"), ("en", "CP 2017-04-24", "Deliberation CP 2017-04-24"),
])
def test_a_deliberation_is_named_by_its_number_by_one_rule(lang, number, said):
    from webapp.funding_grants import deliberation_name
    from webapp.resource_names import deliberation_label, numbered_deliberation

    with create_app({"data_dir": "/nonexistent-maillage"}).test_request_context(f"/?lang={lang}"):
        assert numbered_deliberation(number) == said
        assert deliberation_label(number, "Département du Lot") == f"{said} — Département du Lot"
        assert deliberation_name(number, None) == said


def test_the_funding_list_names_a_deliberation_as_the_other_pages_do_with_its_date():
    import datetime as dt

    from webapp.funding_grants import deliberation_name

    with create_app({"data_dir": "/nonexistent-maillage"}).test_request_context("/?lang=fr"):
        assert deliberation_name("2024.00240", dt.date(2024, 5, 14)) == "Délibération n°\u00a02024.00240 du 14 mai 2024"


def test_the_readme_says_how_to_switch_the_web_explorer_to_english():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### In English"):text.index("## Command line")]
    assert all(said in section for said in ("**English**", "?lang=en", "maillage_lang", "MAILLAGE_LANG"))
