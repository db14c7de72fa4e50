"""The funding page narrowed to one fiscal year (``?year=``), with the list of its grants and their deliberations."""

from __future__ import annotations

import pytest

from web_fixture import DANAECARE, DELIBERATION, FIXTURE_GRAPH, GRANT, PTCE, SEM, XSS, app_on_fixture

HTML = {"Accept": "text/html"}


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app.test_client()


def test_a_year_narrows_every_total_of_the_funding_page_to_that_year(client):
    body = client.get("/funding.json", query_string={"year": "2024"}).get_json()
    assert [(r["year"], r["grants"], r["total"]) for r in body["by_year"]["rows"]] == [(2024, 1, 20000.0)]
    assert [(r["funder"]["iri"], r["total"]) for r in body["by_funder"]["rows"]] == [(SEM, 20000.0)]
    assert [r["beneficiary"]["iri"] for r in body["flows"]["rows"]] == [DANAECARE]


def test_a_year_lists_its_grants_with_funder_beneficiary_amount_and_deciding_deliberation(client):
    body = client.get("/funding.json", query_string={"year": "2024"}).get_json()
    assert body["grants"]["rows"] == [{
        "year": 2024, "funder": {"iri": SEM, "label": "Saint-Etienne Métropole"},
        "beneficiary": {"iri": DANAECARE, "label": "DanaeCare"}, "amount": 20000.0,
        "deliberation": {"iri": DELIBERATION, "label": "Délibération n°\u00a02024.00240 du 14 mai 2024"},
        "grant": {"iri": GRANT, "label": "Subvention de 20\u202f000\u00a0€ à DanaeCare"},
        "deliberation_number": "2024.00240",
        "deliberation_date": "2024-05-14", "goals": "Améliorer l'accès aux soins", "purpose": "Création du PTCE santé",
        "source": {"iri": FIXTURE_GRAPH, "label": "fixture.ttl"}, "source_line": None,
        "budget_account": None, "budget_account_label": None, "budget_imputation": None,
        "decision_date": "2024-05-14"}]
    assert body["grants_page"] == {"page": 1, "pages": 1, "page_size": 100}


def test_the_year_s_grants_show_on_the_page_with_their_deliberation_linked_and_download_as_csv(client):
    page = client.get("/funding?year=2024", headers=HTML).get_data(as_text=True)
    link = ('<a href="/id/deliberation/saint-etienne-metropole/2024-00240">Délibération n°\u00a02024.00240 du 14 mai '
            '2024</a>')
    assert link in page
    assert "<title>Qui finance qui · 2024 · Maillage</title>" in page
    rows = client.get("/funding.csv?year=2024&table=grants").get_data(as_text=True).splitlines()
    assert rows[0].startswith("year,funder,funder_iri,beneficiary,beneficiary_iri,amount,deliberation,")
    assert len(rows) == 2 and ",2024.00240,2024-05-14" in rows[1]


def test_the_funding_page_links_each_year_to_its_list(client):
    page = client.get("/funding", headers=HTML).get_data(as_text=True)
    assert '<a href="/funding?year=2024">2024</a> · <a href="/funding?year=2023">2023</a>' in page
    assert "grants" not in client.get("/funding.json").get_json()  # every grant of the store: /api/grants pages them


def test_a_pole_and_a_year_narrow_the_pole_s_total_and_list_together(client):
    body = client.get("/funding.json", query_string={"pole": PTCE, "year": "2023"}).get_json()
    assert body["grants"]["rows"] == [] and (body["pole"]["grants"], body["pole"]["total"]) == (0, 0.0)
    body = client.get("/funding.json", query_string={"pole": PTCE}).get_json()
    assert [r["beneficiary"]["iri"] for r in body["grants"]["rows"]] == [DANAECARE]
    assert XSS not in str(body["grants"])


@pytest.mark.parametrize("query,names", [
    ({"year": "deux-mille"}, "« year »"), ({"year": "24"}, "« year »"), ({"annee": "2024"}, "annee"),
    ({"year": "2024", "page": "0"}, "« page »")])
def test_a_bad_year_or_an_unknown_parameter_is_a_400_that_says_what_is_expected(client, query, names):
    response = client.get("/funding.json", query_string=query)
    assert response.status_code == 400
    assert names in response.get_json()["error"]["message"]


def test_each_download_link_of_the_funding_page_names_its_table_to_a_screen_reader(client):
    page = client.get("/funding?year=2024", headers=HTML).get_data(as_text=True)
    assert ('Télécharger en CSV<span class="visually-hidden"> (tableau «\u00a0Par financeur\u00a0»)</span></a>'
            in page)
    assert page.count('class="visually-hidden"> (tableau «\u00a0') == 2 * 7  # CSV and Excel, for each of the seven tables


def test_the_search_page_s_title_says_what_was_searched(client):
    page = client.get("/search", query_string={"q": "DanaeCare"}, headers=HTML).get_data(as_text=True)
    assert "<title>«&nbsp;DanaeCare&nbsp;» · Recherche · Maillage</title>" in page


def test_a_pole_s_funding_page_is_titled_after_the_pole(client):
    page = client.get("/funding", query_string={"pole": PTCE}, headers=HTML).get_data(as_text=True)
    assert "<title>Qui finance qui\u00a0: PTCE santé Loire · Maillage</title>" in page


def test_the_year_chart_sits_in_a_box_that_scrolls_with_the_keyboard_on_a_narrow_screen(client):
    page = client.get("/funding", headers=HTML).get_data(as_text=True)
    assert '<div class="chart-box" tabindex="0" role="group" aria-label="Montants accordés par année"><svg' in page
