"""/api/grants's filters and pages, as a researcher used them: ``funder=`` looks among the actors
that fund a grant and ``beneficiary=`` among those that receive one, either takes a SIRET, a SIREN or an RNA number
(as the named queries' actor parameters do), ``page_size`` is /api/search's, and the OpenAPI document describes
every parameter the route accepts.

Fixtures: the web fixture's graph (Saint-Etienne Métropole, SIREN 244200770, funds DanaeCare, RNA W423012345), and
for names that a beneficiary's name holds, that graph with Antibes's two actors of the researcher's SCDL list.
"""

from __future__ import annotations

import pytest
from web_fixture import BASE, GRANT, GRANT_XSS, app_on_fixture, client_with

ANTIBES = BASE + "actor/siren-210600045"
STAFF = BASE + "actor/siren-378480032"
STAFF_GRANT = BASE + "grant/antibes-cea-2017"
# The city as its SCDL list names it (« ANTIBES ») and its staff association, the only actor « Ville d'Antibes » named.
ANTIBES_TTL = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
<{ANTIBES}> a mai:PublicAuthority ; rdfs:label "ANTIBES" ; mai:siren "210600045" ; mai:siret "21060004500392" .
<{STAFF}> a mai:Association ; rdfs:label "CEA DU PERSONNEL DE LA VILLE D'ANTIBES JUAN-LES-PINS" ;
    mai:siren "378480032" .
<{STAFF_GRANT}> a mai:Grant ; schema:funder <{ANTIBES}> ; mai:beneficiary <{STAFF}> ;
    schema:amount "4989.33"^^<http://www.w3.org/2001/XMLSchema#decimal> ; mai:fiscalYear 2017 .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with app_on_fixture(tmp_path_factory.mktemp("grants")) as app:
        yield app.test_client()


@pytest.fixture(scope="module")
def antibes(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("antibes"), ANTIBES_TTL, "antibes.ttl", indexed=True) as client:
        yield client


def grants(client, **params) -> list[str]:
    response = client.get("/api/grants", query_string=params)
    assert response.status_code == 200, response.get_json()
    return [row["grant"]["iri"] for row in response.get_json()["rows"]]


def error(client, url: str, **params) -> dict:
    response = client.get(url, query_string=params)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    return response.get_json()["error"]


@pytest.mark.parametrize("url", ["/api/grants", "/api/search", "/funding/scdl.json"])
def test_a_funder_name_that_names_a_beneficiary_only_is_a_400_that_suggests_the_close_funders(antibes, url):
    """« Ville d'Antibes » named the staff association alone: 200 and 0 grants, as if the city funded nothing."""
    said = error(antibes, url, funder="Ville d'Antibes")
    assert said["code"] == "bad-parameter"
    assert said["message"] == ("« Ville d'Antibes » (Financeur (nom ou IRI)) : aucun nom ne correspond parmi les "
                               "financeurs ; précisez le nom ou donnez l'IRI ; vouliez-vous dire « ANTIBES » "
                               f"<{ANTIBES}> ?")
    assert said["message_en"] == ("'Ville d'Antibes' (Funder (name or IRI)): no name matches among the funders; give "
                                  f"the full name or the IRI; did you mean 'ANTIBES' <{ANTIBES}>?")


def test_the_same_name_as_a_beneficiary_gives_that_beneficiary_s_grants(antibes):
    assert grants(antibes, beneficiary="Ville d'Antibes") == [STAFF_GRANT]


@pytest.mark.parametrize("params, among", [({"funder": "DanaeCare"}, "parmi les financeurs"),
                                           ({"beneficiary": "Saint-Etienne Métropole"}, "parmi les bénéficiaires")])
def test_a_name_of_an_actor_on_the_other_side_of_grants_is_a_400(client, params, among):
    assert f"aucun nom ne correspond {among}" in error(client, "/api/grants", **params)["message"]


@pytest.mark.parametrize("params, expected", [
    ({"funder": "244200770"}, [GRANT, GRANT_XSS]), ({"funder": "244 200 770"}, [GRANT, GRANT_XSS]),
    ({"funder": "24420077000018"}, [GRANT, GRANT_XSS]), ({"beneficiary": "W423012345"}, [GRANT]),
    ({"beneficiary": "w423012345"}, [GRANT]), ({"funder": "244200770", "beneficiary": "W423012345"}, [GRANT])])
def test_a_filter_takes_the_siren_siret_or_rna_number_of_an_actor(client, params, expected):
    """A SIRET gives its SIREN's actor: the store keys an organisation's actor by its SIREN."""
    assert grants(client, **params) == expected


def test_a_siret_that_an_actor_states_gives_that_actor(antibes):
    assert grants(antibes, funder="21060004500392") == [STAFF_GRANT]


@pytest.mark.parametrize("params, said", [
    ({"funder": "999999999"}, "aucun acteur n'a ce numéro SIREN ;"),
    ({"beneficiary": "W999999999"}, "aucun acteur n'a ce numéro RNA ;"),
    ({"beneficiary": "24420077000018"}, "aucun acteur n'a ce numéro SIRET parmi les bénéficiaires ;"),
    ({"funder": "W423012345"}, "aucun acteur n'a ce numéro RNA parmi les financeurs ;")])
def test_an_identifier_that_no_actor_or_none_of_that_side_holds_is_a_400_that_says_so(client, params, said):
    assert said in error(client, "/api/grants", **params)["message"]


def test_the_grants_api_gives_page_size_grants_a_page(client):
    first = client.get("/api/grants", query_string={"page_size": 1}).get_json()
    assert ([row["grant"]["iri"] for row in first["rows"]], first["page_size"], first["has_next"]) == ([GRANT], 1, True)
    assert grants(client, page_size=1, page=2) == [GRANT_XSS]
    assert client.get("/api/grants").get_json()["page_size"] == 50


@pytest.mark.parametrize("value", ["0", "101", "dix"])
def test_a_bad_page_size_of_the_grants_is_the_400_of_the_search(client, value):
    assert error(client, "/api/grants", page_size=value) == error(client, "/api/search", q="santé", page_size=value)


def test_the_openapi_document_describes_every_parameter_of_the_grants_and_the_search_s_page_size(client):
    """``lang`` was accepted, ``page_size`` refused, and neither described."""
    document = client.get("/api/openapi.json").get_json()
    described = {p["name"]: p["schema"] for p in document["paths"]["/api/grants"]["get"]["parameters"]}
    accepted = error(client, "/api/grants", nope="1")["message_en"].split("(accepted: ")[1].rstrip(")").split(", ")
    assert sorted(described) == sorted(accepted)
    search = {p["name"]: p["schema"] for p in document["paths"]["/api/search"]["get"]["parameters"]}
    assert described["page_size"] == search["page_size"] and described["lang"]["enum"] == ["fr", "en"]


def test_the_openapi_document_says_where_the_filters_take_identifiers(client):
    document = client.get("/api/openapi.json").get_json()
    described = {p["name"]: p["description"] for p in document["paths"]["/api/grants"]["get"]["parameters"]}
    assert all("SIRET, SIREN ou numéro RNA" in described[name] for name in ("funder", "beneficiary"))


def test_a_named_query_s_actor_parameter_takes_an_identifier_as_the_grants_filters_do(client):
    by_number = client.get("/api/queries/subventions-d-un-beneficiaire", query_string={"beneficiary": "W423012345"})
    by_name = client.get("/api/queries/subventions-d-un-beneficiaire", query_string={"beneficiary": "DanaeCare"})
    assert by_number.status_code == 200 and by_number.get_json()["rows"] == by_name.get_json()["rows"] != []
