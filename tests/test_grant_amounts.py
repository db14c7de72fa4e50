"""A grant whose sources state two amounts (an RDF file's, reported as a SHACL violation and stored without --strict)
counts once, at the smaller, as the SCDL export writes it; an amount written as text is summed nowhere. Neither
multiplies a count nor blanks a total: in the sums, counts and lists of the pages, the API and the named queries."""

from __future__ import annotations

import pytest
from web_fixture import BASE, DANAECARE, DELIBERATION, GOAL, GRANT, PTCE, SEM, XSS, client_with, funding_rows

#: The fixture's grant to DanaeCare (20 000 €) given a second amount, and a third grant of the Métropole whose amount
#: is a text: an RDF file that breaks "a grant has exactly one amount, a number".
FAULTY = f"""@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{GRANT}> schema:amount "24000"^^xsd:decimal .
<{BASE}grant/sem-xss-2024> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{XSS}> ;
    schema:amount "mille euros" ; mai:fiscalYear 2024 ; mai:decidedBy <{DELIBERATION}> ; mai:contributesTo <{GOAL}> .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("amounts"), FAULTY, "faulty.ttl") as client:
        yield client


def test_the_funding_pages_count_each_grant_once_at_one_number(client):
    funding = client.get("/funding.json").get_json()
    assert funding_rows(funding["by_funder"], "funder") == [(SEM, 2, 25000)]
    assert funding_rows(funding["by_beneficiary"], "beneficiary") == [(DANAECARE, 1, 20000), (XSS, 1, 5000)]
    assert funding_rows(funding["by_year"], "year") == [(2023, 1, 5000), (2024, 1, 20000)]
    assert sorted(row["total"] for row in funding["flows"]["rows"]) == [5000, 20000]
    assert sorted(row["total"] for row in funding["by_theme"]["rows"]) == [25000]
    pole = client.get("/funding.json", query_string={"pole": PTCE}).get_json()
    assert funding_rows(pole["by_funder"], "funder") == [(SEM, 1, 20000)]
    goals = client.get("/goals.json").get_json()
    first = next(row for row in goals["goals"]["rows"] if row["goal"]["iri"] == GOAL)
    assert (first["grants"], first["total"]) == (2, 20000)


def test_the_api_and_the_named_queries_count_each_grant_once_at_one_number(client):
    grants = client.get("/api/grants").get_json()
    assert (grants["matching_count"], grants["matching_total_amount"]) == (3, "25000")
    assert sorted((row["grant"]["iri"], row["amount"]) for row in grants["rows"]) == [
        (GRANT, "20000"), (BASE + "grant/sem-xss-2023", "5000"), (BASE + "grant/sem-xss-2024", "mille euros")]
    answers = {name: client.get(f"/api/queries/{name}", query_string=params).get_json()["rows"] for name, params in (
        ("totaux-par-financeur", {}), ("totaux-par-beneficiaire", {}), ("flux-de-financement", {}),
        ("subventions-par-financeur-et-annee", {"funder": SEM}), ("subventions-d-un-beneficiaire",
                                                                  {"beneficiary": DANAECARE}),
        ("subventions-par-objectif", {"goal": GOAL}), ("deliberations-d-une-collectivite", {"authority": SEM}))}
    assert [(r["grants"], r["total"]) for r in answers["totaux-par-financeur"]] == [(2, 25000)]
    assert sorted(r["total"] for r in answers["totaux-par-beneficiaire"]) == [5000, 20000]
    assert sorted(r["total"] for r in answers["flux-de-financement"]) == [5000, 20000]
    assert sorted(r["total"] for r in answers["subventions-par-financeur-et-annee"]) == [5000, 20000]
    assert [r["amount"] for r in answers["subventions-d-un-beneficiaire"]] == [20000]
    assert [(r["grants"], r["total"]) for r in answers["subventions-par-objectif"]] == [(2, 20000)]
    assert [(r["grants"], r["total"]) for r in answers["deliberations-d-une-collectivite"]] == [(2, 20000)]


def test_the_pages_of_the_parties_and_the_network_count_the_grant_once(client):
    page = client.get("/resource", query_string={"iri": SEM}, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "24\u202f000" not in page and "44\u202f000" not in page and "mille euros" in page
    assert "20\u202f000" in page and "5\u202f000" in page
    for focus, funded in ((DANAECARE, 20000), (XSS, 5000)):
        network = client.get("/network.json", query_string={"focus": focus}).get_json()
        assert [(row["links"], row["amount"]) for row in network["edges"]["rows"]
                if row["relation"] == "funded-by"] == [(1 if focus == DANAECARE else 2, funded)], focus
    deliberation = client.get("/api/resource", query_string={"iri": DELIBERATION}).get_json()
    assert [row["amount"] for row in deliberation["decided_grants"]["rows"]] == [20000, "mille euros"]
