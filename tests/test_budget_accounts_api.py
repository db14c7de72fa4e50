"""Grants' budget accounts outside SPARQL: each grant's M57 account (number, label) and its imputation as written in
/api/grants and the funding page's grants CSV, the « Par compte budgétaire » totals on /funding and its CSV, and the
named query « Totaux par compte budgétaire » (an auditor had to write SPARQL to total grants by account)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from web_fixture import client_on_copy, data_of


ID = "https://w3id.org/maillage/id/"
M57 = "https://w3id.org/maillage/ontology/m57/"
# Two grants on 6574 (one of them charged « chapitre 920 »), one on 65748, one of no account.
TURTLE = f"""@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{ID}actor/ville> a mai:PublicAuthority ; rdfs:label "Ville" .
<{ID}actor/club> a mai:Association ; rdfs:label "Club" .
<{ID}grant/a> a mai:Grant ; schema:funder <{ID}actor/ville> ; mai:beneficiary <{ID}actor/club> ;
    schema:amount "40000"^^xsd:decimal ; mai:fiscalYear 2014 ; mai:budgetNature <{M57}6574> ;
    mai:budgetAccount "chapitre 920, nature 6574, ligne de crédit 17566" .
<{ID}grant/b> a mai:Grant ; schema:funder <{ID}actor/ville> ; mai:beneficiary <{ID}actor/club> ;
    schema:amount "1000.50"^^xsd:decimal ; mai:fiscalYear 2014 ; mai:budgetNature <{M57}6574> .
<{ID}grant/c> a mai:Grant ; schema:funder <{ID}actor/ville> ; mai:beneficiary <{ID}actor/club> ;
    schema:amount "20000"^^xsd:decimal ; mai:fiscalYear 2014 ; mai:budgetNature <{M57}65748> .
<{ID}grant/d> a mai:Grant ; schema:funder <{ID}actor/ville> ; mai:beneficiary <{ID}actor/club> ;
    schema:amount "500"^^xsd:decimal ; mai:fiscalYear 2014 .
"""
LABEL_6574 = "Subventions de fonctionnement aux personnes, aux associations et aux autres organismes de droit privé"


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return data_of(tmp_path_factory.mktemp("accounts"), "comptes.ttl", TURTLE)


@pytest.fixture
def client(template, tmp_path):
    with client_on_copy(template, tmp_path) as client:
        yield client


def test_api_grants_gives_each_grant_s_account_number_label_and_imputation(client):
    rows = {row["grant"]["iri"]: row for row in client.get("/api/grants").get_json()["rows"]}
    assert {k: rows[f"{ID}grant/a"][k] for k in ("budget_account", "budget_account_label", "budget_imputation")} == {
        "budget_account": "6574", "budget_account_label": LABEL_6574,
        "budget_imputation": "chapitre 920, nature 6574, ligne de crédit 17566"}
    assert rows[f"{ID}grant/c"]["budget_account"] == "65748"
    assert rows[f"{ID}grant/d"]["budget_account"] is None and rows[f"{ID}grant/d"]["budget_imputation"] is None


def test_api_grants_gives_the_account_label_in_english_when_asked(client):
    rows = {row["grant"]["iri"]: row for row in client.get("/api/grants?lang=en").get_json()["rows"]}
    assert rows[f"{ID}grant/c"]["budget_account_label"] == "Other private-law persons"


def test_the_openapi_description_documents_the_account_fields_and_why_amounts_are_strings(client):
    grants = client.get("/api/openapi.json").get_json()["paths"]["/api/grants"]["get"]
    row = grants["responses"]["200"]["content"]["application/json"]["schema"]["allOf"][1]["properties"]["rows"]
    fields = row["items"]["properties"]
    assert {"budget_account", "budget_account_label", "budget_imputation"} <= set(fields)
    assert "flottant binaire" in fields["amount"]["description"]


def test_the_funding_page_totals_the_grants_by_account_with_counts(client):
    table = client.get("/funding.json").get_json()["by_account"]
    assert [(row["account"]["iri"] if row["account"] else None, row["grants"], row["total"])
            for row in table["rows"]] == [(f"{M57}6574", 2, 41000.5), (f"{M57}65748", 1, 20000.0), (None, 1, 500.0)]
    assert table["rows"][0]["account"]["label"] == f"6574 — {LABEL_6574}"


@pytest.mark.parametrize("lang, heading, blank", [("fr", "Par compte budgétaire", "compte non indiqué"),
                                                  ("en", "By budget account", "no account stated")])
def test_the_funding_page_shows_the_account_table_in_both_languages(client, lang, heading, blank):
    page = client.get(f"/funding?lang={lang}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert heading in page and blank in page


def test_the_account_table_downloads_as_csv(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/funding.csv?table=by_account").get_data(as_text=True))))
    assert [(row["account_iri"], row["grants"]) for row in rows] == [(f"{M57}6574", "2"), (f"{M57}65748", "1"),
                                                                    ("", "1")]


def test_the_funding_grants_csv_gives_each_grant_s_account(client):
    text = client.get("/funding.csv?year=2014&table=grants").get_data(as_text=True)
    rows = {row["grant_iri"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows[f"{ID}grant/a"]["budget_account"], rows[f"{ID}grant/a"]["budget_imputation"]) == (
        "6574", "chapitre 920, nature 6574, ligne de crédit 17566")
    assert rows[f"{ID}grant/d"]["budget_account"] == ""


def test_the_named_query_totals_by_account_counting_each_grant_once(client):
    rows = client.get("/api/queries/totaux-par-compte-budgetaire").get_json()["rows"]
    assert [(row["account"]["iri"] if row["account"] else None, row["number"], row["grants"], row["total"])
            for row in rows] == [(f"{M57}6574", "6574", 2, 41000.5), (f"{M57}65748", "65748", 1, 20000),
                                 (None, None, 1, 500)]


@pytest.mark.parametrize("lang, said", [("fr", "(compte 65748)"), ("en", "(account 65748)")])
def test_a_grant_page_names_its_account_with_its_number(client, lang, said):
    page = client.get(f"/id/grant/c?lang={lang}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert said in page
