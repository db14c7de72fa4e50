"""What an actor's search summary says, as its page and the funding page say it: its grants (``mai:Grant`` only,
each once, the total as the pages sum it and how many it leaves out), and that it was dissolved or ceased trading.
Negative amounts are written with their minus sign wherever an amount is formatted (index, snippets, messages)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from web_fixture import client_with

from graph.ingest.french import format_amount as french_amount
from search.query import snippet
from webapp.formatting import money_text
from webapp.reports import money
from webapp.search_english import summary_part_in_english

EX = "https://ex.org/id/"

#: A store as the blind test had it: a misspelt class (mai:Grnat) with an amount and a beneficiary, a negative grant,
#: a grant without a funder; a funder of a typo alone; a dissolved association and a ceased company.
TURTLE = f"""@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{EX}firminy> a mai:PublicAuthority ; rdfs:label "Ville de Firminy"@fr .
<{EX}chambon> a mai:PublicAuthority ; rdfs:label "Ville du Chambon"@fr .
<{EX}escale> a mai:Association ; rdfs:label "GEM L'Escale"@fr .
<{EX}typo> a mai:Grnat ; schema:funder <{EX}chambon> ; mai:beneficiary <{EX}escale> ; schema:amount 3000 .
<{EX}negative> a mai:Grant ; schema:funder <{EX}firminy> ; mai:beneficiary <{EX}escale> ; schema:amount -2500 ;
    mai:fiscalYear 2024 .
<{EX}no-funder> a mai:Grant ; mai:beneficiary <{EX}escale> ; schema:amount 1200 ; mai:fiscalYear 2024 .
<{EX}amal> a mai:Association ; rdfs:label "Aide aux malades alcooliques"@fr ;
    schema:dissolutionDate "2021-06-30"^^xsd:date .
<{EX}scic> a mai:Enterprise ; rdfs:label "SCIC Soins solidaires"@fr ; schema:dissolutionDate "2023-01-01"^^xsd:date .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("actor-summaries"), TURTLE, "typo.ttl", indexed=True) as client:
        yield client


def _summary(client, iri: str, lang: str = "fr") -> str:
    results = client.get("/api/search", query_string={"q": "", "type": "actor", "lang": lang}).get_json()["results"]
    return next(hit["summary"] for hit in results if hit["iri"] == iri)


def test_an_actors_summary_counts_its_grants_only_and_says_how_many_its_total_leaves_out(client):
    assert _summary(client, EX + "escale") == "Association · 1 200 € reçus (2 subventions, dont 1 hors du total)"
    assert _summary(client, EX + "firminy") == "Collectivité · 0 € attribués (1 subvention, dont 1 hors du total)"


def test_a_funder_of_a_node_of_a_misspelt_class_alone_has_no_grants_in_its_summary(client):
    assert _summary(client, EX + "chambon") == "Collectivité"


def test_an_actors_page_lists_and_sums_its_grants_as_its_search_summary_does(client):
    page = client.get("/resource", query_string={"iri": EX + "escale"},
                      headers={"Accept": "application/json"}).get_json()
    listed = {row["grant"]["iri"] for row in page["grants_received"]["rows"]}
    assert listed == {EX + "negative", EX + "no-funder"}
    assert [row["total"] for row in page["totals_by_year"]["rows"]] == [1200] and page["totals_uncounted"] == 1
    inverse = {link["property"]["iri"]: [v["iri"] for v in link["values"]] for link in page["inverse"]}
    assert inverse["https://w3id.org/maillage/ontology#beneficiary"] == [EX + "typo"]  # an incoming link, not lost
    rows = client.get("/funding.json").get_json()["by_beneficiary"]["rows"]
    assert [row["total"] for row in rows if row["beneficiary"].get("iri") == EX + "escale"] == [1200]


def test_the_summary_in_english_says_how_many_grants_the_total_leaves_out(client):
    assert _summary(client, EX + "escale", "en").endswith("€1,200 received (2 grants, 1 of them left out of the total)")


@pytest.mark.parametrize("actor, said", [("amal", "Association · dissoute le 30 juin 2021"),
                                         ("scic", "Entreprise · cessée le 1er janvier 2023")])
def test_a_dissolved_or_ceased_actors_summary_says_since_when(client, actor, said):
    assert _summary(client, EX + actor) == said


@pytest.mark.parametrize("actor, said", [("amal", "dissolved on 30 June 2021"), ("scic", "ceased on 1 January 2023")])
def test_a_dissolved_or_ceased_actors_summary_says_it_in_english(client, actor, said):
    assert _summary(client, EX + actor, "en").endswith(said)


def test_a_snippet_that_starts_with_a_negative_amount_keeps_its_minus_sign():
    assert snippet({"text": "", "related": "-2 500 € · GEM L'Escale", "summary": ""}, {"escal"}) \
        == "-2 500 € · GEM L'<mark>Escale</mark>"


@pytest.mark.parametrize("formatted, expected", [
    (lambda: french_amount(Decimal(-500)), "-500 €"), (lambda: french_amount(Decimal("-250.5")), "-250,50 €"),
    (lambda: french_amount(Decimal("-0.001")), "0 €"), (lambda: money(-500, "en"), "-€500"),
    (lambda: money(-500, "fr"), "-500 €"), (lambda: money_text(-2500.5, "en"), "-€2,500.50"),
    (lambda: summary_part_in_english("-2 500 € reçus (1 subvention)"), "-€2,500 received (1 grant)")])
def test_a_negative_amount_is_written_with_its_minus_sign_against_the_figures(formatted, expected):
    assert formatted() == expected
