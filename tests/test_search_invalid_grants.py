"""Grants that break the SHACL shapes, stored without --strict, as the search index shows them: as the pages do
(tests/test_invalid_grants_web.py). A negative amount counts in no actor's, deliberation's or agreement's sum, nor
as a grant's sort amount, yet its grant is still found by it; a funder or a beneficiary that a source wrote as a text
names the grant, and finds it."""

from __future__ import annotations

import pytest
from web_fixture import BASE, DANAECARE, DELIBERATION, SEM, client_with

from search.documents import format_amount

LYON_GRANT = BASE + "grant/lyon-danaecare-2024"
CLUB_GRANT = BASE + "grant/sem-club-2024"
NEGATIVE = BASE + "grant/sem-danaecare-negative"
REFUND = BASE + "grant/sem-danaecare-trop-percu"
AGREEMENT = BASE + "agreement/sem-danaecare-2024"

#: Grants of one RDF file, each a violation: a funder written as a text, a beneficiary written as a text, an amount
#: below zero (decided by the fixture's deliberation, governed by an agreement), and one below zero with a title
#: (its name then says no amount), next to the fixture's grants of 20 000 € and 5 000 €.
INVALID = f"""@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<{LYON_GRANT}> a mai:Grant ; schema:funder "Ville de Lyon" ; mai:beneficiary <{DANAECARE}> ;
    schema:amount 1000 ; mai:fiscalYear 2024 .
<{CLUB_GRANT}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary "Club des aînés" ;
    schema:amount 700 ; mai:fiscalYear 2024 .
<{NEGATIVE}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{DANAECARE}> ;
    schema:amount -500 ; mai:fiscalYear 2024 ; mai:decidedBy <{DELIBERATION}> ; mai:governedBy <{AGREEMENT}> .
<{REFUND}> a mai:Grant ; rdfs:label "Reversement du trop-perçu" ; schema:funder <{SEM}> ;
    mai:beneficiary <{DANAECARE}> ; schema:amount -250 ; mai:fiscalYear 2024 .
<{AGREEMENT}> a mai:Agreement ; dcterms:title "Convention d'objectifs avec DanaeCare" ; mai:party <{DANAECARE}> .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("invalid-search"), INVALID, "invalid.ttl", indexed=True) as client:
        yield client


def _hits(client, q: str, **params) -> dict[str, dict]:
    """The results of a search, by IRI."""
    response = client.get("/api/search", query_string={"q": q, **params})
    assert response.status_code == 200
    return {hit["iri"]: hit for hit in response.get_json()["results"]}


@pytest.mark.parametrize("actor, table, key, said", [(DANAECARE, "by_beneficiary", "beneficiary", "reçus"),
                                                     (SEM, "by_funder", "funder", "attribués")])
def test_an_actors_summary_and_amount_are_the_funding_pages_total(client, actor, table, key, said):
    rows = client.get("/funding.json").get_json()[table]["rows"]
    total = next(row["total"] for row in rows if row[key].get("iri") == actor)
    hit = _hits(client, "", type="actor")[actor]
    assert f" · {format_amount(total)} {said} (" in hit["summary"]
    assert hit["amount"] == total == (21000 if actor == DANAECARE else 25700)


def test_a_deliberations_and_an_agreements_totals_leave_a_negative_amount_out(client):
    hits = _hits(client, "", type=["deliberation", "agreement"])
    assert hits[DELIBERATION]["summary"].endswith("2 subventions, 20 000 €")
    assert hits[DELIBERATION]["amount"] == 20000
    assert hits[AGREEMENT]["summary"].endswith("1 subvention, 0 €") and hits[AGREEMENT]["amount"] is None


def test_a_negative_amount_sorts_as_none_and_the_grant_is_still_found_by_it(client):
    by_amount = client.get("/api/search", query_string={"type": "grant", "sort": "amount"}).get_json()["results"]
    assert [hit["amount"] for hit in by_amount] == [20000, 5000, 1000, 700, None, None]
    assert {hit["iri"] for hit in by_amount[-2:]} == {NEGATIVE, REFUND}
    negative = _hits(client, "500", type="grant")[NEGATIVE]
    assert negative["label"] == "Subvention de -500 € à DanaeCare (2024)"
    assert negative["summary"].startswith("-500 € · de Saint-Etienne Métropole")
    assert _hits(client, "-250 €", type="grant")[REFUND]["label"] == "Reversement du trop-perçu"


def test_a_grant_to_a_beneficiary_written_as_a_text_is_found_and_named_by_that_text(client):
    hit = _hits(client, "Club des aînés", type="grant")[CLUB_GRANT]
    assert hit["label"] == "Subvention de 700 € à Club des aînés (2024)"
    assert hit["summary"] == "700 € · de Saint-Etienne Métropole · à Club des aînés · 2024"
    # its page names it so too, but for the no-break space before the euro sign
    page = client.get("/resource", query_string={"iri": CLUB_GRANT}, headers={"Accept": "text/html"})
    assert "Subvention de 700\u00a0€ à Club des aînés" in page.get_data(as_text=True)
    assert SEM in _hits(client, "Club des aînés", type="actor")  # the funder, by the name of what it funded


def test_a_grant_from_a_funder_written_as_a_text_is_found_and_summed_up_with_that_text(client):
    hit = _hits(client, "Ville de Lyon", type="grant")[LYON_GRANT]
    assert hit["summary"] == "1 000 € · de Ville de Lyon · à DanaeCare · 2024"
    assert hit["label"] == "Subvention de 1 000 € à DanaeCare (2024)"
    assert _hits(client, "", funder=SEM, type="grant").keys() == {CLUB_GRANT, NEGATIVE, REFUND,
                                                                 BASE + "grant/sem-danaecare-2024",
                                                                 BASE + "grant/sem-xss-2023"}
