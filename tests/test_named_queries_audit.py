"""The auditor's named queries: « Subventions sans convention » lists the grants above 23 000 € (décret
2001-495) to a private body with no convention date nor agreement governing them; an auditor had to write SPARQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_fixture import client_on_copy, data_of


ID = "https://w3id.org/maillage/id/"
SOURCE = ID + "source/audit-ttl"


def _grant(key: str, amount: str, beneficiary: str, extra: str = "") -> str:
    return (f"<{ID}grant/{key}> a mai:Grant ; schema:funder <{ID}actor/ville> ; mai:beneficiary "
            f"<{ID}actor/{beneficiary}> ; schema:amount \"{amount}\"^^xsd:decimal ; mai:fiscalYear 2024 {extra}.\n")


# Only « nue » is listed: « petite » is below the threshold, « seuil » at it (the décret: « dépasse »), « datee » has
# a convention date, « regie » an agreement, « publique » goes to a public authority, « remplacee » is replaced by an
# erratum.
TURTLE = """@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
""" + f"""<{ID}actor/ville> a mai:PublicAuthority ; rdfs:label "Ville" .
<{ID}actor/commune> a mai:PublicAuthority ; rdfs:label "Commune" .
<{ID}actor/club> a mai:Association ; rdfs:label "Club" .
<{ID}agreement/c> a mai:Agreement .
<{ID}grant/erratum> a mai:Grant ; dcterms:replaces <{ID}grant/remplacee> ; schema:funder <{ID}actor/ville> ;
    mai:beneficiary <{ID}actor/club> ; schema:amount "100"^^xsd:decimal .
""" + "".join((_grant("nue", "23000.01", "club"), _grant("petite", "22999.99", "club"),
               _grant("seuil", "23000", "club"),
               _grant("datee", "30000", "club", '; mai:conventionDate "2024-02-01"^^xsd:date '),
               _grant("regie", "30000", "club", f"; mai:governedBy <{ID}agreement/c> "),
               _grant("publique", "50000", "commune"), _grant("remplacee", "60000", "club")))


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return data_of(tmp_path_factory.mktemp("audit"), "audit.ttl", TURTLE)


@pytest.fixture
def client(template, tmp_path):
    with client_on_copy(template, tmp_path) as client:
        yield client


def test_grants_above_23000_to_a_private_body_without_a_convention_are_listed_with_their_source(client):
    rows = client.get("/api/queries/subventions-sans-convention").get_json()["rows"]
    assert [(row["grant"]["iri"], row["funder"]["iri"], row["year"], row["amount"], row["source"]["iri"])
            for row in rows] == [(f"{ID}grant/nue", f"{ID}actor/ville", 2024, 23000.01, SOURCE)]


def test_a_lower_threshold_lists_the_smaller_grants_too(client):
    rows = client.get("/api/queries/subventions-sans-convention", query_string={"threshold": "1000"}).get_json()
    assert [row["grant"]["iri"] for row in rows["rows"]] == [f"{ID}grant/nue", f"{ID}grant/seuil", f"{ID}grant/petite"]


@pytest.mark.parametrize("lang, words", [("fr", ("décret 2001-495", "Limites")),
                                         ("en", ("décret 2001-495", "Limits"))])
def test_its_description_says_what_it_checks_and_its_limits(client, lang, words):
    query = next(q for q in client.get("/api/queries").get_json()["queries"]
                 if q["name"] == "subventions-sans-convention")
    description = query["description"] if lang == "fr" else query["description_en"]
    assert all(word in description for word in words)
