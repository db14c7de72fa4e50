"""The explorer's French text as a phone shows it: guillemets that no line break parts from their words, and the
home page's latest grants naming where each date comes from."""

from __future__ import annotations

import pytest

from web_fixture import BASE, PTCE, app_on_fixture, client_with

HTML = {"Accept": "text/html"}
ECOSYSTEM_GOAL = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<{PTCE}> mai:hasGoal <{BASE}goal/ecosysteme> .
<{BASE}goal/ecosysteme> a mai:StrategicGoal ; skos:notation "3" ;
    skos:prefLabel "Animation de l'écosystème « santé » grâce à la synergie des acteurs"@fr .
"""


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app.test_client()


def test_the_home_page_holds_guillemets_to_the_words_they_enclose(tmp_path):
    with client_with(tmp_path, ECOSYSTEM_GOAL) as client:
        page = client.get("/", headers=HTML).get_data(as_text=True)
    assert "écosystème «\u00a0santé\u00a0» grâce" in page


@pytest.mark.parametrize("lang, header", [("fr", "Source de la date"), ("en", "Date source")])
def test_the_latest_grants_name_the_column_that_says_where_a_date_comes_from(client, lang, header):
    page = client.get("/", query_string={"lang": lang}, headers=HTML).get_data(as_text=True)
    assert f'<th scope="col">{header}</th>' in page and '<th scope="col">Date de</th>' not in page
