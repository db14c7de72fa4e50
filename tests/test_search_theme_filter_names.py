"""The theme filter (``theme=``, ``--theme``) finds what the README says: the documents tagged with the theme or a
narrower one, and those whose text says its name or one of its other names, words side by side. Before,
``/api/search?theme=Prévention&type=grant`` kept the tagged grants only: « Mission de prévention et de médiation »,
which no one tagged, was missing (a data journalist, u24).

Fixture: the web fixture's graph and five grants: one saying « prévention », one its other name « promotion de la
santé », one with the words of that name apart, one tagged with a narrower theme (Dépistage) saying none, one
saying nothing of it.
"""

from __future__ import annotations

import pytest
from web_fixture import BASE, SEM, client_with

SAYS_LABEL = BASE + "grant/cm-50"
SAYS_OTHER_NAME = BASE + "grant/cm-1"
APART = BASE + "grant/cm-23"
TAGGED_NARROWER = BASE + "grant/cm-7"
NEITHER = BASE + "grant/cm-2"
GRANTS_TTL = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{BASE}actor/altea> a mai:Actor ; rdfs:label "ALTEA CABESTAN" .
<{SAYS_LABEL}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{BASE}actor/altea> ;
    schema:amount "24000"^^xsd:decimal ; dcterms:description "Mission de prévention et de médiation" .
<{SAYS_OTHER_NAME}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{BASE}actor/altea> ;
    schema:amount "1000"^^xsd:decimal ; dcterms:description "Actions de promotion de la santé des jeunes" .
<{APART}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{BASE}actor/altea> ;
    schema:amount "60000"^^xsd:decimal ;
    dcterms:description "Actions de promotion des produits à l'occasion des Journées Aliments & Santé" .
<{TAGGED_NARROWER}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{BASE}actor/altea> ;
    schema:amount "3000"^^xsd:decimal ; dcterms:description "Bus itinérant" ;
    dcterms:subject <https://w3id.org/maillage/ontology/theme/depistage> .
<{NEITHER}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{BASE}actor/altea> ;
    schema:amount "2000"^^xsd:decimal ; dcterms:description "Salon des produits régionaux" .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("theme_filter"), GRANTS_TTL, "grants.ttl", indexed=True) as client:
        yield client


def grants_filtered(client, **parameters) -> set[str]:
    response = client.get("/api/search", query_string={"type": "grant", "page_size": 100, **parameters})
    assert response.status_code == 200, response.get_json()
    return {result["iri"] for result in response.get_json()["results"]}


@pytest.mark.parametrize("grant", [SAYS_LABEL, SAYS_OTHER_NAME, TAGGED_NARROWER])
def test_the_theme_filter_finds_what_is_tagged_with_it_or_says_its_name(client, grant):
    assert grant in grants_filtered(client, theme="Prévention")


@pytest.mark.parametrize("grant", [APART, NEITHER])
def test_the_theme_filter_leaves_out_what_says_its_name_only_in_scattered_words_or_not_at_all(client, grant):
    assert grant not in grants_filtered(client, theme="Prévention")


def test_the_theme_filter_applies_with_the_words_typed(client):
    assert grants_filtered(client, theme="Prévention", q="médiation") == {SAYS_LABEL}


def test_the_theme_filter_does_not_take_in_other_theme_concepts_whose_definition_says_its_name(client):
    response = client.get("/api/search", query_string={"type": "theme", "theme": "prevention", "page_size": 100})
    labels = {result["label"] for result in response.get_json()["results"]}
    assert "Prévention" in labels and "Nutrition" in labels and "Vieillissement" not in labels
