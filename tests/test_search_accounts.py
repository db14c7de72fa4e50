"""A search for a budget account's number: the grants charged to that account, then those charged to its
sub-accounts in the M57 chart (skos:broader), whatever word names the account before its number (u16, finding 6:
"6574" did not find the grant on 65748, "compte 6574" found nothing)."""

from __future__ import annotations

import pytest
from web_fixture import BASE, DANAECARE, SEM, client_with

from search import syntax
from search.accounts import add_accounts
from search.facts import load_facts

M57 = "https://w3id.org/maillage/ontology/m57/"
ON_6574, ON_65748, ON_6513 = BASE + "grant/club-6574", BASE + "grant/club-65748", BASE + "grant/bourse-6513"

#: Three grants of the fixture's funder, one on 6574, one on its sub-account 65748, one on another account.
ACCOUNTS = f"""@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
<{ON_6574}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{DANAECARE}> ; schema:amount 1200 ;
    mai:fiscalYear 2014 ; mai:budgetAccount "chapitre 920, nature 6574, ligne de crédit 17566" ;
    mai:budgetNature <{M57}6574> .
<{ON_65748}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{DANAECARE}> ; schema:amount 3400 ;
    mai:fiscalYear 2024 ; mai:budgetAccount "SERV/65748/PROCE" ; mai:budgetNature <{M57}65748> .
<{ON_6513}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{DANAECARE}> ; schema:amount 5600 ;
    mai:fiscalYear 2024 ; mai:budgetNature <{M57}6513> .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("accounts-search"), ACCOUNTS, "accounts.ttl", indexed=True) as client:
        yield client


def _found(client, q: str) -> list[str]:
    """The IRIs of the grants that a search finds, in order."""
    response = client.get("/api/search", query_string={"q": q, "type": "grant"})
    assert response.status_code == 200
    return [hit["iri"] for hit in response.get_json()["results"]]


def test_an_accounts_number_finds_its_grants_then_those_of_its_sub_accounts(client):
    assert _found(client, "6574") == [ON_6574, ON_65748]


def test_a_sub_accounts_number_finds_its_grants_only(client):
    assert _found(client, "65748") == [ON_65748]


@pytest.mark.parametrize("q", ["compte 6574", "article 6574", "nature 6574", "Compte 6574", "imputation 6574"])
def test_the_word_that_names_the_account_before_its_number_does_not_make_the_search_fail(client, q):
    assert _found(client, q) == [ON_6574, ON_65748]


def test_a_chapter_of_a_vote_by_function_finds_the_grant_whose_imputation_prints_it(client):
    assert _found(client, "chapitre 920") == [ON_6574]


@pytest.mark.parametrize("text, words", [
    ("compte 6574", [("6574", "6574")]),
    ("article 3", [("articl", "article"), ("3", "3")]),  # an article's number, not an account's
    ("nature morte", [("natur", "nature"), ("mort", "morte")]),
])
def test_an_account_word_is_left_out_before_an_account_number_only(text, words):
    assert syntax.parse(text)[0].words == words


def test_a_grants_document_holds_its_account_in_its_body_and_the_accounts_above_it_in_its_classes():
    doc = {"related": ["SERV/65748/PROCE"], "classes": ["subvention"]}
    add_accounts(doc, [M57 + "65748", "https://ex.org/not-an-account"])
    assert doc == {"related": ["SERV/65748/PROCE", "65748"], "classes": ["65", "657", "6574", "65748", "subvention"]}


def test_an_update_reads_the_grants_account_as_a_rebuild_does():
    from graph.store import open_store

    store = open_store({"store": "memory"})
    with store.writer() as writer:
        writer.replace_graph("https://ex.org/g", f"<{ON_65748}> <https://w3id.org/maillage/ontology#budgetNature> "
                                                 f"<{M57}65748> .".encode(), "ntriples")
    nature = "https://w3id.org/maillage/ontology#budgetNature"
    assert load_facts(store, [ON_65748]).get(ON_65748, nature) == load_facts(store).get(ON_65748, nature) == [
        M57 + "65748"]
