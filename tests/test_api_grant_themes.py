"""The themes of grants: ``/api/grants?theme=`` (a theme's label, IRI or slug, as /api/search reads it) and the
funding page's « Par thème », both counting a grant under the themes that its own purpose states (an SCDL row's
``dcterms:subject``) as well as under its beneficiary's; an unknown theme's message.

Fixture: the web fixture's graph (two grants of Saint-Etienne Métropole to beneficiaries tagged « Prévention »,
20 000 € and 5 000 €), and two grants to a beneficiary of no theme: one whose purpose states « Vieillissement » and
« Dépistage » (a theme narrower than « Prévention »), one that states none.
"""

from __future__ import annotations

import pytest
from web_fixture import BASE, GRANT, GRANT_XSS, SEM, client_with

THEME = "https://w3id.org/maillage/ontology/theme/"
CCAS = BASE + "actor/ccas"
FALLS = BASE + "grant/somme-26"
ROADS = BASE + "grant/somme-27"
GRANTS_TTL = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{CCAS}> a mai:Actor ; rdfs:label "CCAS AMIENS" .
<{FALLS}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{CCAS}> ; schema:amount "30000"^^xsd:decimal ;
    mai:fiscalYear 2017 ; dcterms:description "Dépistage des risques de chute des personnes âgées" ;
    dcterms:subject <{THEME}vieillissement> , <{THEME}depistage> .
<{ROADS}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{CCAS}> ; schema:amount "1000"^^xsd:decimal ;
    mai:fiscalYear 2017 ; dcterms:description "Travaux de voirie" .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("themes"), GRANTS_TTL, "themes.ttl", indexed=True) as client:
        yield client


def grants_of_theme(client, theme: str) -> tuple[list[str], str]:
    response = client.get("/api/grants", query_string={"theme": theme})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    return sorted(row["grant"]["iri"] for row in body["rows"]), body["matching_total_amount"]


@pytest.mark.parametrize("theme, grants, total", [
    ("Vieillissement", [FALLS], "30000"),
    (THEME + "vieillissement", [FALLS], "30000"),
    ("vieillissement", [FALLS], "30000"),
    # its beneficiary's theme, or a narrower one that the purpose states (« Dépistage »): each grant once
    ("Prévention", sorted([GRANT, GRANT_XSS, FALLS]), "55000"),
    ("Dépistage", [FALLS], "30000"),
])
def test_the_grants_api_keeps_the_grants_of_a_theme_and_totals_them_in_one_call(client, theme, grants, total):
    assert grants_of_theme(client, theme) == (grants, total)


@pytest.mark.parametrize("theme, said", [
    ("prevension", "thème inconnu « prevension » : vouliez-vous dire « Prévention » ?"),
    ("Santé", "thème inconnu « Santé » : aucun thème de ce nom ; le nom de "),
    ("astronomie", "thème inconnu « astronomie »"),
])
def test_an_unknown_theme_of_the_grants_api_is_the_400_of_the_search_api(client, theme, said):
    for url in ("/api/grants", "/api/search"):
        response = client.get(url, query_string={"theme": theme})
        assert response.status_code == 400 and response.get_json()["error"]["message"].startswith(said), url


def test_a_theme_that_no_label_holds_gets_no_suggestion(client):
    response = client.get("/api/grants", query_string={"theme": "astronomie"})
    assert response.get_json()["error"]["message"] == "thème inconnu « astronomie »"


def test_santé_names_the_themes_whose_name_holds_it(client):
    said = client.get("/api/grants", query_string={"theme": "Santé"}).get_json()["error"]
    assert "« Santé mentale »" in said["message"] and "'Mental health'" in said["message_en"]


def test_the_funding_page_counts_a_grant_under_the_themes_its_purpose_states(client):
    rows = {row["theme"]["iri"]: (row["grants"], row["total"])
            for row in client.get("/funding.json").get_json()["by_theme"]["rows"]}
    assert rows == {THEME + "prevention": (2, 25000), THEME + "vieillissement": (1, 30000),
                    THEME + "depistage": (1, 30000)}


def test_the_openapi_document_describes_the_theme_of_the_grants_api(client):
    parameters = client.get("/api/openapi.json").get_json()["paths"]["/api/grants"]["get"]["parameters"]
    assert "theme" in {parameter["name"] for parameter in parameters}
