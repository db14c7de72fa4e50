"""Identifiers as people type them, in the search: a SIRET or an RNA number written in groups (« 317 339 752
00014 », « W012 000 002 ») finds its actor as the number written in one word does, an RNA import row's old number
(« 751P00085568 ») finds its association, and the results of namesakes (« FONDATION ARP » twice) say their SIREN
or RNA number, on the page, in /api/search and in ``maillage search``; amounts written in groups stay amounts.

Fixture: the web fixture's graph with the actors of a data engineer's check (a SCDL list, SIRENE and RNA extracts)
ingested after it, and the search index built over both.
"""

from __future__ import annotations

import pytest
from web_fixture import BASE, client_with

from search.analysis import terms
from search.query import format_results
from search.syntax import parse

MININES = BASE + "actor/siren-317339752"
ARIADNE = BASE + "actor/rna-w012000002"
INDIGO = BASE + "actor/rna-w751085568"
ARP, ARP_OTHER = BASE + "actor/siren-319294831", BASE + "actor/siren-482417367"
FUNDER = BASE + "actor/siren-224200014"
IDENTIFIERS_TTL = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{FUNDER}> a mai:PublicAuthority ; rdfs:label "Département de la Loire" ; mai:siren "224200014" .
<{MININES}> a mai:Association ; rdfs:label "Club des Minines" ; mai:siren "317339752" ; mai:siret "31733975200014" .
<{ARIADNE}> a mai:Association ; rdfs:label "Ariadne" ; mai:rna "W012000002" .
<{INDIGO}> a mai:Association ; rdfs:label "INDIGO" ; mai:rna "W751085568" ; dcterms:identifier "751P00085568" .
<{ARP}> a mai:Enterprise ; rdfs:label "FONDATION ARP" ; mai:siren "319294831" .
<{ARP_OTHER}> a mai:Enterprise ; rdfs:label "FONDATION ARP" ; mai:siren "482417367" .
""" + "".join(f"""<{BASE}grant/dep42-{n}> a mai:Grant ; schema:funder <{FUNDER}> ; mai:beneficiary <{actor}> ;
    schema:amount "{amount}"^^xsd:decimal ; mai:fiscalYear 2024 .
""" for n, (actor, amount) in enumerate([(MININES, 25000), (ARIADNE, 23500), (INDIGO, 23200), (ARP, 30000),
                                          (ARP_OTHER, 24000)], start=1))


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("identifiers"), IDENTIFIERS_TTL, "dep42.ttl", indexed=True) as client:
        yield client


def found(client, q: str, **params) -> list[str]:
    response = client.get("/api/search", query_string={"q": q, **params})
    assert response.status_code == 200, response.get_json()
    return [hit["iri"] for hit in response.get_json()["results"]]


@pytest.mark.parametrize("query", ["317 339 752 00014", "317339752 00014", "317\u00a0339\u00a0752\u00a000014",
                                   "31733975200014", "317 339 752"])
def test_a_siret_written_in_groups_finds_its_actor_as_written_in_one_word(client, query):
    assert found(client, query) == [MININES]


@pytest.mark.parametrize("query", ["W012 000 002", "W 012 000 002", "w012 000 002", "W012000002"])
def test_an_rna_number_written_in_groups_finds_its_association(client, query):
    assert found(client, query) == [ARIADNE]


@pytest.mark.parametrize("query", ["751P00085568", "751p00085568"])
def test_the_old_rna_number_that_the_page_shows_finds_the_association(client, query):
    assert found(client, query) == [INDIGO]


@pytest.mark.parametrize("text, expected", [
    ("20 000", ["20000"]), ("20 000 €", ["20000"]), ("1 234 567,50", ["1234567,5"]), ("2023 2024", ["2023", "2024"]),
    ("2024.00240", ["2024", "00240"]), ("317 339 752", ["317339752"]), ("W12 345", ["w12", "345"]),
    ("SIRET 317 339 752 00014, 20 000 €", ["siret", "31733975200014", "20000"])])
def test_amounts_and_years_in_groups_stay_what_they_were_beside_identifiers(text, expected):
    assert terms(text) == expected


def test_the_query_parser_still_reads_an_amount_in_groups_as_one_number():
    assert [g.words for g in parse("20 000 euros")] == [[("20000", "20000")]]


def test_the_results_of_namesakes_say_their_siren(client):
    results = client.get("/api/search", query_string={"q": "FONDATION ARP", "type": "actor"}).get_json()["results"]
    assert {hit["iri"]: hit["identifier"] for hit in results if hit["label"] == "FONDATION ARP"} == {
        ARP: {"scheme": "SIREN", "value": "319294831"}, ARP_OTHER: {"scheme": "SIREN", "value": "482417367"}}


def test_an_association_s_result_says_its_rna_number_and_a_grant_s_none(client):
    results = client.get("/api/search", query_string={"q": "Ariadne"}).get_json()["results"]
    said = {hit["iri"]: hit["identifier"] for hit in results}
    assert (said[ARIADNE], said[BASE + "grant/dep42-2"]) == ({"scheme": "RNA", "value": "W012000002"}, None)


def test_the_search_page_shows_each_namesake_s_siren_in_its_result_line(client):
    page = client.get("/search", query_string={"q": "FONDATION ARP"}).get_data(as_text=True)
    assert page.count('<span class="identifier">SIREN 319294831</span>') == 1
    assert page.count('<span class="identifier">SIREN 482417367</span>') == 1


def test_the_terminal_s_results_say_each_namesake_s_siren(client):
    answer = client.get("/api/search", query_string={"q": "FONDATION ARP", "type": "actor"}).get_json()
    said = [line.split(". ", 1)[1] for line in format_results(answer).splitlines() if "FONDATION ARP  [" in line]
    assert sorted(said) == ["FONDATION ARP  [Entreprise]  SIREN 319294831",
                            "FONDATION ARP  [Entreprise]  SIREN 482417367"]
