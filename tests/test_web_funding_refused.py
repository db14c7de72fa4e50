"""What the funding page and a list's page say of the rows that the totals leave out or that mislead: the rows of a
funder's list refused at ingest, counted beside the funder's total with a link to the list's page, which lists its
errors before its warnings; a flow whose beneficiary is its funder itself, marked.

Strategy: Nièvre's list (7 rows without a readable amount) and Somme's (2 grants to the Département itself) are
ingested once per module into a template data directory; each test builds a fresh app on its own copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from web_fixture import fresh_app

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

TABULAR = Path(__file__).parent / "fixtures" / "tabular"
BASE = "https://w3id.org/maillage/id/"
NIEVRE = BASE + "actor/siren-225800010"
SOMME = BASE + "actor/siren-228000014"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("refused") / "data"
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    try:
        reports = ingest_paths(store, [TABULAR / "DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv",
                                       TABULAR / "DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv"])
        assert [r.status for r in reports] == ["stored", "stored"]
    finally:
        store.close()
    return data


@pytest.fixture
def client(template, tmp_path):
    from webapp.resources import close_resources

    app = fresh_app(template, tmp_path)
    yield app.test_client()
    close_resources(app)


def test_the_funding_page_says_how_many_rows_of_a_funder_s_list_were_not_imported_with_a_link_to_it(client):
    refused = client.get("/funding.json").get_json()["not_imported"]
    assert [(row["funder"]["iri"], row["lines"], row["said"]) for row in refused] == [
        (NIEVRE, 7, "7\u00a0lignes de sa liste non importées (montant illisible ou autre refus)")]
    assert refused[0]["source"]["iri"].startswith(BASE + "source/")
    html = client.get("/funding?lang=fr", headers={"Accept": "text/html"}).get_data(as_text=True)
    section = html[html.index("7\u00a0lignes de sa liste") - 600:html.index("7\u00a0lignes de sa liste") + 400]
    assert "DEP_Nievre" in section or "dep-nievre" in section


def test_a_list_s_page_lists_its_errors_before_its_warnings(client):
    source = client.get("/funding.json").get_json()["not_imported"][0]["source"]["iri"]
    issues = client.get(source.replace("https://w3id.org/maillage", "") + ".json").get_json()["ingest_report"]["issues"]
    severities = [issue["severity"] for issue in issues]
    assert severities[:7] == ["error"] * 7 and "error" not in severities[7:] and "warning" in severities[7:]
    assert issues[0]["message"]["fr"] == ("ligne de « ASSOCIATION PREVENTION ROUTIERE » non importée : montant "
                                          "illisible « NC »")


def test_a_flow_whose_beneficiary_is_its_funder_is_marked(client):
    flows = client.get("/funding.json?lang=fr").get_json()["flows"]["rows"]
    itself = [row for row in flows if row["funder"]["iri"] == row["beneficiary"]["iri"]]
    assert [(row["beneficiary"]["iri"], row["beneficiary"]["label"], row["total"]) for row in itself] == [
        (SOMME, "Département de la Somme (l'attribuant lui-même)", 469424.0)]
    others = [row["beneficiary"]["label"] for row in flows if row not in itself]
    assert not any("lui-même" in label for label in others)
