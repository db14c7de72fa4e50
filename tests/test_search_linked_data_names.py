"""A partner's Linked Data file may name its organisations by ``schema:name`` or ``foaf:name`` only, without the
``rdfs:label`` that the vocabulary contract asks for (the ingest advises adding it). Their pages are named so already;
the search finds and names them so too, and a resource's ``rdfs:label`` still names it first."""

from __future__ import annotations

import pytest
from web_fixture import client_with

EX = "https://reseau-sante.example.org/id/"
LINKED_DATA = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{EX}orthoptistes> a mai:Association ; schema:name "Collectif des orthoptistes du Forez (fictif)" .
<{EX}kinés> a mai:Association ; foaf:name "Kinésithérapeutes solidaires du Pilat (fictif)" .
<{EX}both> a mai:Association ; rdfs:label "Podologues en réseau (fictif)" ; schema:name "PodoRéseau fictif" .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("ld-names"), LINKED_DATA, "reseau.ttl", indexed=True) as client:
        yield client


def first(client, query: str) -> dict:
    response = client.get("/api/search", query_string={"q": query})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["results"][0]


@pytest.mark.parametrize(("query", "iri", "label"), [
    ("orthoptistes", EX + "orthoptistes", "Collectif des orthoptistes du Forez (fictif)"),
    ("kinésithérapeutes solidaires", EX + "kinés", "Kinésithérapeutes solidaires du Pilat (fictif)"),
])
def test_an_organisation_named_by_schema_or_foaf_name_only_is_found_and_named_so(client, query, iri, label):
    result = first(client, query)
    assert (result["iri"], result["label"]) == (iri, label)


def test_the_rdfs_label_names_it_first_and_its_schema_name_finds_it_too(client):
    result = first(client, "PodoRéseau")
    assert (result["iri"], result["label"]) == (EX + "both", "Podologues en réseau (fictif)")
