"""Grants that break the SHACL shapes, stored without --strict, as the explorer, the API and the named queries show
them: a funder or a beneficiary that a source wrote as a text is a text, never a link to a page that answers 400 nor
an IRI in the JSON; a negative amount counts in no total, and each page that shows totals says how many grants it
leaves out, and why (in French, in English with ``?lang=en``)."""

from __future__ import annotations

import re

import pytest
from web_fixture import BASE, DANAECARE, GOAL, PTCE, SEM, XSS, client_with

LYON_GRANT = BASE + "grant/lyon-danaecare-2024"
CLUB_GRANT = BASE + "grant/sem-club-2024"
NEGATIVE = BASE + "grant/sem-danaecare-negative"
LYON = {"label": "Ville de Lyon"}
CLUB = {"label": "Club des aînés"}

#: Three grants of one RDF file, each a violation: a funder written as a text, a beneficiary written as a text, an
#: amount below zero (serving the fixture's goal, to the fixture's DanaeCare, from its Métropole).
INVALID = f"""@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
<{LYON_GRANT}> a mai:Grant ; schema:funder "Ville de Lyon" ; mai:beneficiary <{DANAECARE}> ;
    schema:amount 1000 ; mai:fiscalYear 2024 .
<{CLUB_GRANT}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary "Club des aînés" ;
    schema:amount 700 ; mai:fiscalYear 2024 .
<{NEGATIVE}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{DANAECARE}> ;
    schema:amount -500 ; mai:fiscalYear 2024 ; mai:contributesTo <{GOAL}> .
"""
NOTE_FR = "Hors des totaux\u00a0: 1 subvention dont le montant manque, est négatif ou n'est pas un nombre"
NOTE_EN = "Left out of the totals: 1 grant whose amount is missing, negative or not a number"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("invalid"), INVALID, "invalid.ttl") as client:
        yield client


def _html(client, url: str, lang: str = "fr", **params) -> str:
    """A page in ``lang`` (the client keeps the language of its last page in a cookie)."""
    response = client.get(url, query_string={**params, "lang": lang}, headers={"Accept": "text/html"})
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _party(value) -> str:
    """A party as a table of the JSON gives it: its IRI, or its text (a named query's text, a page's {"label"})."""
    return value if isinstance(value, str) else value.get("iri") or value["label"]


def _parties(rows: list[dict], key: str) -> list:
    """A funding table's rows as sorted (party, grants, total)."""
    return sorted((_party(row[key]), row["grants"], row["total"]) for row in rows)


@pytest.mark.parametrize("url, params, texts", [
    ("/funding", {}, ["Ville de Lyon", "Club des aînés"]),
    ("/funding", {"pole": PTCE}, ["Ville de Lyon"]),
    ("/", {}, ["Ville de Lyon", "Club des aînés"]),
    ("/resource", {"iri": DANAECARE}, ["Ville de Lyon"]),
    ("/resource", {"iri": SEM}, ["Club des aînés"]),
    ("/resource", {"iri": LYON_GRANT}, ["Ville de Lyon"]),
    ("/network", {"focus": DANAECARE}, ["Ville de Lyon"]),
    ("/network", {"focus": SEM}, ["Club des aînés"]),
    ("/queries/totaux-par-financeur", {"run": 1}, ["Ville de Lyon"]),
    ("/queries/flux-de-financement", {"run": 1}, ["Ville de Lyon", "Club des aînés"]),
    ("/queries/subventions-d-un-beneficiaire", {"beneficiary": DANAECARE, "run": 1}, ["Ville de Lyon"]),
])
def test_a_party_written_as_a_text_is_shown_as_text_and_every_link_of_the_page_leads_somewhere(client, url, params,
                                                                                                 texts):
    page = _html(client, url, **params)
    for text in texts:
        assert text in page
    assert not re.search(r'href="[^"]*(Ville(\+|%20)de|Club(\+|%20)des)', page)
    links = {link.replace("&amp;", "&") for link in re.findall(r'href="(/(?:resource\?|network\?focus=|id/)[^"]*)"',
                                                               page)}
    assert [link for link in sorted(links) if client.get(link).status_code == 400] == []


def test_the_api_gives_a_party_written_as_a_text_by_its_name_with_no_iri(client):
    rows = {row["grant"]["iri"]: row for row in client.get("/api/grants").get_json()["rows"]}
    assert (rows[LYON_GRANT]["funder"], rows[CLUB_GRANT]["beneficiary"]) == (LYON, CLUB)
    assert rows[LYON_GRANT]["beneficiary"]["iri"] == DANAECARE
    received = client.get("/api/resource", query_string={"iri": DANAECARE}).get_json()["grants_received"]["rows"]
    assert [row["funder"] for row in received if row["grant"]["iri"] == LYON_GRANT] == [LYON]
    edges = client.get("/network.json", query_string={"focus": SEM}).get_json()["edges"]["rows"]
    assert [row["other"] for row in edges if "iri" not in row["other"]] == [CLUB]


def test_a_downloaded_table_leaves_the_iri_of_a_text_empty(client):
    lines = client.get("/funding.csv", query_string={"table": "by_funder"}).get_data(as_text=True).splitlines()
    assert "Ville de Lyon,,1,1000" in lines


def test_the_openapi_description_says_that_a_text_has_no_iri(client):
    document = client.get("/api/openapi.json").get_json()
    ref = document["components"]["schemas"]["Ref"]
    assert ref["required"] == ["label"] and "sans « iri »" in ref["description"]
    grants = document["paths"]["/api/grants"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    rows = grants["allOf"][1]["properties"]["rows"]["items"]["properties"]
    assert "sans « iri »" in rows["funder"]["description"] and "sans « iri »" in rows["beneficiary"]["description"]
    assert "matching_uncounted_count" in grants["allOf"][1]["properties"]


def test_the_funding_page_leaves_a_negative_amount_out_of_its_totals_and_counts_it_apart(client):
    funding = client.get("/funding.json").get_json()
    assert _parties(funding["by_funder"]["rows"], "funder") == [("Ville de Lyon", 1, 1000), (SEM, 3, 25700)]
    assert _parties(funding["by_beneficiary"]["rows"], "beneficiary") == [
        ("Club des aînés", 1, 700), (DANAECARE, 2, 21000), (XSS, 1, 5000)]
    assert sorted((row["year"], row["grants"], row["total"]) for row in funding["by_year"]["rows"]) == [
        (2023, 1, 5000), (2024, 3, 21700)]
    assert [row["total"] for row in funding["flows"]["rows"]
            if (_party(row["funder"]), _party(row["beneficiary"])) == (SEM, DANAECARE)] == [20000]
    assert funding["uncounted"] == 1
    pole = client.get("/funding.json", query_string={"pole": PTCE}).get_json()
    assert (pole["pole"]["grants"], pole["pole"]["total"], pole["uncounted"]) == (2, 21000, 1)


def test_the_goals_leave_a_negative_amount_out_of_their_totals(client):
    goals = client.get("/goals.json").get_json()
    first = next(row for row in goals["goals"]["rows"] if row["goal"]["iri"] == GOAL)
    # the grant serves the goal (counted among its grants) but its amount is in no total
    assert (first["grants"], first["total"], first["received"]) == (2, 20000, 21000)
    assert goals["uncounted"] == 1


def test_the_api_leaves_a_negative_amount_out_of_its_totals_and_says_how_many_it_left_out(client):
    every = client.get("/api/grants").get_json()
    assert (every["matching_count"], every["matching_total_amount"], every["matching_uncounted_count"],
            every["total_amount"]) == (5, "26700", 1, "26700")
    funder = client.get("/api/grants", query_string={"funder": SEM}).get_json()
    assert (funder["matching_count"], funder["matching_total_amount"], funder["matching_uncounted_count"]) == (
        4, "25700", 1)
    assert [row["amount"] for row in funder["rows"] if row["grant"]["iri"] == NEGATIVE] == ["-500"]


def test_the_named_queries_leave_a_negative_amount_out_of_their_sums_and_count_it_apart(client):
    def rows(name, **params):
        return client.get(f"/api/queries/{name}", query_string=params).get_json()["rows"]

    assert sorted((_party(r["funder"]), r["grants"], r["total"], r["uncounted"])
                  for r in rows("totaux-par-financeur")) == [("Ville de Lyon", 1, 1000, 0), (SEM, 3, 25700, 1)]
    assert [(r["grants"], r["total"], r["uncounted"]) for r in rows("totaux-par-beneficiaire")
            if _party(r["beneficiary"]) == DANAECARE] == [(2, 21000, 1)]
    assert [(r["grants"], r["total"], r["uncounted"]) for r in rows("flux-de-financement")
            if (_party(r["funder"]), _party(r["beneficiary"])) == (SEM, DANAECARE)] == [(1, 20000, 1)]
    assert [(r["year"], r["grants"], r["total"], r["uncounted"]) for r in rows("subventions-par-financeur-et-annee",
                                                                           funder=SEM)] == [
        (2024, 2, 20700, 1), (2023, 1, 5000, 0)]
    assert [(r["grants"], r["total"], r["uncounted"]) for r in rows("subventions-par-objectif", goal=GOAL)] == [
        (2, 20000, 1)]


def test_the_parties_pages_and_the_network_leave_a_negative_amount_out_of_their_totals(client):
    page = client.get("/api/resource", query_string={"iri": DANAECARE}).get_json()
    assert [(row["direction"], row["year"], row["total"]) for row in page["totals_by_year"]["rows"]] == [
        ("received", 2024, 21000)]
    assert page["totals_uncounted"] == 1
    network = client.get("/network.json", query_string={"focus": DANAECARE}).get_json()
    assert [(row["links"], row["amount"]) for row in network["edges"]["rows"]
            if row["other"].get("iri") == SEM and row["relation"] == "funded-by"] == [(2, 20000)]
    assert network["uncounted"] == 1


@pytest.mark.parametrize("url, params", [
    ("/funding", {}), ("/funding", {"pole": PTCE}), ("/goals", {}), ("/resource", {"iri": DANAECARE}),
    ("/network", {"focus": DANAECARE})])
def test_a_page_that_shows_totals_says_how_many_grants_they_leave_out_and_why(client, url, params):
    assert NOTE_FR in _html(client, url, **params).replace("&#39;", "'")
    assert NOTE_EN in _html(client, url, lang="en", **params)


def test_a_named_query_page_says_what_its_column_of_grants_left_out_means(client):
    page = _html(client, "/queries/totaux-par-financeur", run=1).replace("&#39;", "'")
    assert "Hors totaux" in page and "les subventions dont le montant manque, est négatif ou n'est pas un" in page
    assert "“Left out of totals”: the grants whose amount is missing" in _html(
        client, "/queries/totaux-par-financeur", run=1, lang="en")


def test_a_grant_to_a_beneficiary_written_as_a_text_is_named_by_that_text(client):
    assert "Subvention de 700\u00a0€ à Club des aînés" in _html(client, "/resource", iri=SEM)
    assert "Subvention de 700\u00a0€ à Club des aînés" in _html(client, "/resource", iri=CLUB_GRANT)
    assert "bénéficiaire inconnu" not in _html(client, "/")
