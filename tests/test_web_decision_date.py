"""A grant's decision that no deliberation holds (a grants list's ``dateDecision`` without ``referenceDecision``, kept
on the grant: ``dcterms:dateAccepted``) is said where the grants tables name the deciding deliberation: « Décision du
12 mars 2016 », unlinked, under « Décidé par » on /funding and on a funder's and a beneficiary's page (the cell was
empty); their JSON and CSV, and /api/grants, give each grant's ``decision_date``: its deliberation's, else its own.

Fixture strategy: one small list of two grants of 2016 ingested once per module (one decided by a numbered
deliberation, one by a date alone), each test on a fresh app over a copy of it
(:func:`tests.web_fixture.client_on_copy`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from web_fixture import client_on_copy, data_of

HTML = {"Accept": "text/html"}
LIST = """nomAttribuant,idAttribuant,referenceDecision,dateDecision,nomBeneficiaire,idBeneficiaire,objet,montant
ANTIBES,21060004500392,DELIB 2016-12,2016-03-04,CLUB DEUX,78247179100015,Fonctionnement,2000
ANTIBES,21060004500392,,2016-03-12,CLUB CINQ,81223113200026,Sport,5000
"""
FUNDER, BENEFICIARY = "/id/actor/siren-210600045", "/id/actor/siren-812231132"
#: Each grant's beneficiary, whether a deliberation decided it, and its decision's date, the largest first.
DECISIONS = [("CLUB CINQ", False, "2016-03-12"), ("CLUB DEUX", True, "2016-03-04")]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return data_of(tmp_path_factory.mktemp("decisions"), "decisions.csv", LIST)


@pytest.fixture
def client(template, tmp_path):
    with client_on_copy(template, tmp_path) as client:
        yield client


def decisions(rows: list[dict]) -> list[tuple]:
    return [(row["beneficiary"]["label"], row["deliberation"] is not None, row["decision_date"]) for row in rows]


@pytest.mark.parametrize("lang, said", [("fr", "Décision du 12 mars 2016"), ("en", "Decision of 12 March 2016")])
def test_the_funding_list_says_a_decision_that_no_deliberation_holds_without_a_link(client, lang, said):
    page = client.get(f"/funding?year=2016&lang={lang}", headers=HTML).get_data(as_text=True)
    assert f"<td>{said}</td>" in page


def test_the_funding_list_s_json_and_csv_give_each_grant_s_decision_date_last(client):
    assert decisions(client.get("/funding.json?year=2016").get_json()["grants"]["rows"]) == DECISIONS
    text = client.get("/funding.csv?year=2016&table=grants").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[-1] == "decision_date"
    assert [(row["beneficiary"], row["deliberation"], row["decision_date"]) for row in rows] == [
        ("CLUB CINQ", "", "2016-03-12"), ("CLUB DEUX", "Délibération DELIB 2016-12 du 4 mars 2016 (texte absent)",
                                              "2016-03-04")]


@pytest.mark.parametrize("path, table", [(FUNDER, "grants_given"), (BENEFICIARY, "grants_received")])
@pytest.mark.parametrize("lang, label, said", [("fr", "Décidé par", "Décision du 12 mars 2016"),
                                               ("en", "Decided by", "Decision of 12 March 2016")])
def test_an_actor_s_grants_tables_say_a_decision_that_no_deliberation_holds_without_a_link(client, path, table, lang,
                                                                                          label, said):
    page = client.get(f"{path}?lang={lang}", headers=HTML).get_data(as_text=True)
    assert f'<td data-label="{label}">{said}</td>' in page


def test_an_actor_s_grants_tables_give_each_grant_s_decision_date_in_json_and_csv(client):
    rows = client.get(f"{FUNDER}.json").get_json()["grants_given"]["rows"]
    assert sorted((row["deliberation"] is not None, row["decision_date"]) for row in rows) == [
        (False, "2016-03-12"), (True, "2016-03-04")]
    text = client.get(f"{BENEFICIARY}?format=csv&table=grants_received").get_data(as_text=True)
    [row] = csv.DictReader(io.StringIO(text))
    assert (row["deliberation"], row["decision_date"]) == ("", "2016-03-12")


def test_the_grants_api_gives_each_grant_s_decision_date(client):
    assert decisions(client.get("/api/grants?year=2016").get_json()["rows"]) == DECISIONS
