"""The search page on a phone: it says how it read the words (« psy » as the theme Santé mentale), shows the
filters on above the results with a link that removes each and a link down to the facets, and does not say a
result's summary twice (u25, a « médiatrice en santé »: findings 6, 7 and 13).
"""

from __future__ import annotations

import html
import re

import pytest
from web_fixture import GOAL2, app_on_fixture

HTML = {"Accept": "text/html"}


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app.test_client()


def page(client, query: str) -> str:
    response = client.get("/search?" + query, headers=HTML)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_page_says_which_words_it_read_as_a_theme(client):
    assert '<p class="note understood">«\u00a0psy\u00a0» : thème Santé mentale</p>' in page(client, "q=psy")


def test_the_api_names_the_words_that_name_a_theme(client):
    answer = client.get("/api/search?q=psy").get_json()
    assert answer["read_as"] == [{"words": "psy", "iri": "https://w3id.org/maillage/ontology/theme/sante-mentale"}]


def test_the_english_page_says_it_in_english(client):
    assert "'psy': theme Mental health" in html.unescape(page(client, "q=psy&lang=en"))


def test_the_filters_on_are_said_above_the_results_each_with_a_link_that_removes_it(client):
    text = page(client, "q=sant%C3%A9&type=actor")
    top = text[:text.index("<ol>")]
    links = re.findall(r'<a href="([^"]*)" class="remove-filter">(.*?)</a>', top)
    assert [(html.unescape(url), re.sub(r"<[^>]+>", "", label)) for url, label in links] == [
        ("/search?q=sant%C3%A9", "retirer le filtre Type\u00a0: Acteur ✕")]


def test_a_link_near_the_top_leads_down_to_the_facets(client):
    text = page(client, "q=sant%C3%A9")
    assert text.index('<a href="#facets" class="to-facets">Affiner</a>') < text.index("<ol>")
    assert '<aside class="facets" id="facets"' in text


def test_without_a_filter_none_is_said_on(client):
    assert 'class="remove-filter"' not in page(client, "q=sant%C3%A9")


def test_a_goals_summary_is_not_said_again_as_its_snippet(client):
    text = page(client, "q=d%C3%A9velopper")
    item = next(li for li in text.split("<li>") if GOAL2.rsplit("/", 1)[1] in li)
    assert item.count("Objectif n°\u00a02") == 1, item


def test_the_words_of_a_theme_are_said_as_typed_with_the_small_words_between_them(client):
    answer = client.get("/api/search?q=Acc%C3%A8s+aux+soins").get_json()
    assert [read["words"] for read in answer["read_as"]] == ["Accès aux soins"]


YEAR_TTL = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/maillage/id/actor/halte> a mai:Actor ; rdfs:label "HALTE SANTE" .
<https://w3id.org/maillage/id/grant/halte-6> a mai:Grant ;
    schema:funder <https://w3id.org/maillage/id/actor/saint-etienne-metropole> ;
    mai:beneficiary <https://w3id.org/maillage/id/actor/halte> ; schema:amount "25000"^^xsd:decimal ;
    mai:fiscalYear 2017 ; mai:conventionDate "2017-12-18"^^xsd:date ;
    dcterms:description "Projet d'action de santé pour les bénéficiaires du Rsa sans domicile fixe 2018" .
"""


def test_a_grants_result_and_the_year_facet_both_name_its_fiscal_year(tmp_path):
    """Finding 9 of u25: « (2017) » for a purpose of 2018 is the grant's fiscal year, that of its convention; the
    year facet counts the same year, so that its link finds what the results name (a guard: they never differed)."""
    from web_fixture import client_with

    with client_with(tmp_path, YEAR_TTL, "year.ttl", indexed=True) as client:
        answer = client.get("/api/search?q=halte&type=grant").get_json()
    assert [result["label"] for result in answer["results"]] == ["Subvention de 25 000 € à HALTE SANTE (2017)"]
    assert [(f["value"], f["count"]) for f in answer["facets"]["fiscal_year"]] == [("2017", 1)]
