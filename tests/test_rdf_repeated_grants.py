"""A grant of an RDF file that another source already publishes (same funder, or one linked by owl:sameAs; same
beneficiary, by IRI, identifier or name; equal amount; same fiscal year): warned at the grant's line, as a grants
list's are, since every total counts it twice."""

from __future__ import annotations

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

PREFIXES = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
#: The grant as first published: the Metropolis's 20 000 € to DanaeCare in 2024.
PUBLISHED = PREFIXES + """
<https://ex.org/sem> a mai:PublicAuthority ; rdfs:label "Saint-Étienne Métropole"@fr .
<https://ex.org/danaecare> a mai:Association ; rdfs:label "DanaeCare"@fr .
<https://ex.org/grant/1> a mai:Grant ; schema:funder <https://ex.org/sem> ;
    mai:beneficiary <https://ex.org/danaecare> ; schema:amount "20000"^^xsd:decimal ; mai:fiscalYear 2024 .
"""
#: A partner's file restating it under its own IRIs: the funder linked by owl:sameAs, the beneficiary by its name.
RESTATED = PREFIXES + """
<https://dac.example/sem> a mai:PublicAuthority ; rdfs:label "Saint-Etienne Métropole"@fr ;
    owl:sameAs <https://ex.org/sem> .
<https://dac.example/danaecare> a mai:Association ; rdfs:label "Danaecare"@fr .

<https://dac.example/grant> a mai:Grant ;
    schema:funder <https://dac.example/sem> ;
    mai:beneficiary <https://dac.example/danaecare> ;
    schema:amount "20000"^^xsd:decimal ;
    mai:fiscalYear %(year)s .
"""


def _ingested(tmp_path, restated: str):
    """The report of the partner's file ``restated``, ingested after the published grant."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / "published.ttl").write_text(PUBLISHED, encoding="utf-8")
    (tmp_path / "partner.ttl").write_text(restated, encoding="utf-8")
    said = []
    ingest_paths(store, [tmp_path / "published.ttl", tmp_path / "partner.ttl"],
                 on_report=lambda report, error, _: said.append((report, error)))
    [(_, first_error), (report, error)] = said
    assert (first_error, error) == (None, None)
    return [issue for issue in report.issues if "déjà publiée" in issue.message]


def test_a_grant_restated_under_other_iris_of_funder_and_beneficiary_is_warned_at_its_line(tmp_path):
    [issue] = _ingested(tmp_path, RESTATED % {"year": "2024"})
    assert (issue.level, issue.line) == ("warning", 11)
    assert issue.message.startswith("subvention <https://dac.example/grant> déjà publiée par « published.ttl » "
                                    "(même attribuant, même bénéficiaire, même montant, même exercice) : elle sera "
                                    "comptée deux fois dans les totaux")
    assert issue.message_en.startswith("grant <https://dac.example/grant> already published by 'published.ttl'")


@pytest.mark.parametrize("year, name, amount", [
    ("2025", "Danaecare", "20000"),  # another fiscal year
    ("2024", "Aidants du Gier", "20000"),  # another beneficiary
    ("2024", "Danaecare", "15000"),  # another amount
])
def test_a_grant_of_another_year_beneficiary_or_amount_is_not_warned(tmp_path, year, name, amount):
    restated = (RESTATED % {"year": year}).replace('"Danaecare"', f'"{name}"').replace('"20000"', f'"{amount}"')
    assert _ingested(tmp_path, restated) == []


def test_beneficiaries_of_one_name_but_two_sirens_are_two(tmp_path):
    restated = (RESTATED % {"year": "2024"}).replace('rdfs:label "Danaecare"@fr .',
                                                     'rdfs:label "Danaecare"@fr ; mai:siren "100000000" .')
    published = PUBLISHED.replace('rdfs:label "DanaeCare"@fr .', 'rdfs:label "DanaeCare"@fr ; mai:siren "319294831" .')
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / "published.ttl").write_text(published, encoding="utf-8")
    (tmp_path / "partner.ttl").write_text(restated, encoding="utf-8")
    said = []
    ingest_paths(store, [tmp_path / "published.ttl", tmp_path / "partner.ttl"],
                 on_report=lambda report, error, _: said.append(report))
    assert [issue for issue in said[1].issues if "déjà publiée" in issue.message] == []
