"""What says a theme's other name, found by a search for the theme: its words side by side, not scattered over a
text (a grant for « promotion des produits … Journées Aliments & Santé » is not about « promotion de la santé »,
a name of « Prévention »); and the search page's funder facet, named for what it counts.

Fixture: the web fixture's graph (DanaeCare and a second association tagged « Prévention »), and three grants of
no theme: one whose purpose says « promotion de la santé », one « promotion … santé » apart, one neither.
"""

from __future__ import annotations

import pytest
from web_fixture import BASE, SEM, client_with

SAYS_IT = BASE + "grant/cm-1"
APART = BASE + "grant/cm-23"
NEITHER = BASE + "grant/cm-2"
GRANTS_TTL = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{BASE}actor/critt> a mai:Actor ; rdfs:label "CRITT AGRO ALIMENTAIRE" .
<{BASE}actor/mda> a mai:Actor ; rdfs:label "MAISON DES JEUNES" .
<{SAYS_IT}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{BASE}actor/mda> ;
    schema:amount "1000"^^xsd:decimal ; dcterms:description "Actions de promotion de la santé des jeunes" .
<{APART}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{BASE}actor/critt> ;
    schema:amount "60000"^^xsd:decimal ;
    dcterms:description "Actions de promotion des produits à l'occasion des Journées Aliments & Santé" .
<{NEITHER}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{BASE}actor/critt> ;
    schema:amount "2000"^^xsd:decimal ; dcterms:description "Salon des produits régionaux" .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("names"), GRANTS_TTL, "names.ttl", indexed=True) as client:
        yield client


def grants_found(client, query: str) -> list[str]:
    response = client.get("/api/search", query_string={"q": query, "type": "grant", "page_size": 100})
    assert response.status_code == 200, response.get_json()
    return [result["iri"] for result in response.get_json()["results"]]


def test_a_theme_is_found_where_a_text_says_its_other_name_side_by_side(client):
    assert SAYS_IT in grants_found(client, "prévention")


def test_a_theme_is_not_found_where_the_words_of_its_other_name_lie_apart(client):
    assert APART not in grants_found(client, "prévention") and NEITHER not in grants_found(client, "prévention")


def test_the_words_typed_still_find_a_text_that_says_them_apart(client):
    assert APART in grants_found(client, "promotion santé")


def test_the_search_page_names_the_funder_facet_for_the_authorities_it_counts_too(client):
    page = client.get("/search", query_string={"q": "subvention"}).get_data(as_text=True)
    assert "Collectivité ou financeur" in page
