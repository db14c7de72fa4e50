"""/api/grants's ``beneficiary=`` as a data engineer used it: an RNA import row's old number (« 751P00085568 ») is
an identifier as the W number is; two actors of one name are listed with their SIREN, and the 400 asks for a
SIREN, a SIRET or an RNA number rather than a fuller name; a legal-form word that the identity rules fold away
(« Asso Club des Minines ») does not hide the actor, as the search finds it.

Fixture: the web fixture's graph with the actors and grants of tests/test_search_identifiers.py, indexed.
"""

from __future__ import annotations

import pytest
from test_search_identifiers import ARP, ARP_OTHER, IDENTIFIERS_TTL
from web_fixture import BASE, client_with

MININES_GRANT, INDIGO_GRANT = BASE + "grant/dep42-1", BASE + "grant/dep42-3"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("grant-ids"), IDENTIFIERS_TTL, "dep42.ttl", indexed=True) as client:
        yield client


def grants(client, **params) -> list[str]:
    response = client.get("/api/grants", query_string=params)
    assert response.status_code == 200, response.get_json()
    return [row["grant"]["iri"] for row in response.get_json()["rows"]]


def error(client, **params) -> dict:
    response = client.get("/api/grants", query_string=params)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    return response.get_json()["error"]


@pytest.mark.parametrize("number", ["751P00085568", "751p00085568", " 751P00085568 "])
def test_the_old_rna_number_that_the_page_shows_gives_the_association_s_grants(client, number):
    assert grants(client, beneficiary=number) == [INDIGO_GRANT]


def test_an_old_rna_number_that_no_association_holds_is_a_400_that_says_so(client):
    said = error(client, beneficiary="999P99999999")
    assert said["message"] == ("« 999P99999999 » (Bénéficiaire (nom ou IRI)) : aucun acteur n'a cet ancien numéro "
                               "RNA ; précisez le nom ou donnez l'IRI")
    assert said["message_en"] == ("'999P99999999' (Beneficiary (name or IRI)): no actor holds this old RNA number; "
                                  "give the full name or the IRI")


def test_two_beneficiaries_of_one_name_are_listed_with_their_siren_and_the_400_asks_for_an_identifier(client):
    said = error(client, beneficiary="Fondation ARP")
    assert said["message"] == (
        "« Fondation ARP » (Bénéficiaire (nom ou IRI)) : 2 acteurs du même nom correspondent parmi les bénéficiaires : "
        f"FONDATION ARP (SIREN 319294831) <{ARP}>, FONDATION ARP (SIREN 482417367) <{ARP_OTHER}> ; donnez son "
        "SIREN, son SIRET, son numéro RNA ou l'IRI")
    assert said["message_en"] == (
        "'Fondation ARP' (Beneficiary (name or IRI)): 2 actors of the same name match among the beneficiaries: "
        f"FONDATION ARP (SIREN 319294831) <{ARP}>, FONDATION ARP (SIREN 482417367) <{ARP_OTHER}>; give its SIREN, "
        "SIRET, RNA number or IRI")


def test_the_siren_that_the_400_lists_gives_that_namesake_s_grants(client):
    assert grants(client, beneficiary="482417367") == [BASE + "grant/dep42-5"]


@pytest.mark.parametrize("name", ["Asso Club des Minines", "ASSO Club des Minines", "Association Club des Minines",
                                  "Club des Minines (association loi 1901)"])
def test_a_legal_form_word_that_the_identity_rules_fold_away_does_not_hide_the_beneficiary(client, name):
    assert grants(client, beneficiary=name) == [MININES_GRANT]


def test_the_start_of_a_name_that_namesakes_share_asks_for_an_identifier_too(client):
    """« Fondation » names the two « FONDATION ARP » only: a fuller name would not tell them apart either."""
    said = error(client, beneficiary="Fondation")
    assert "2 acteurs du même nom correspondent" in said["message"] and "(SIREN 482417367)" in said["message"]
