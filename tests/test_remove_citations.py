"""``maillage remove`` of a file that described a resource another source still cites (a PTCE member named by a
file of memberships): warned, naming the citing file and statement; ``maillage validate`` then warns of the
membership whose member no source describes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from webapp.cli import main

PREFIXES = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://ex.org/> .
"""
PARTNERS = PREFIXES + """ex:arp a mai:Association ; rdfs:label "Fondation ARP"@fr .
"""
MEMBERSHIPS = PREFIXES + """ex:ptce a mai:Cooperation ; rdfs:label "PTCE santé"@fr .
ex:adhesion a org:Membership ; org:member ex:arp ; org:organization <https://ex.org/ptce> ;
    org:role <https://w3id.org/maillage/ontology/circle/partenaires> .
"""


def _cli(data: Path, *args: str):
    return CliRunner().invoke(main, ["--data", str(data), *args])


def _ingested(tmp_path) -> Path:
    """A store of the partners' file and the memberships' file (which cites the partner)."""
    (tmp_path / "partenaires.ttl").write_text(PARTNERS, encoding="utf-8")
    (tmp_path / "adhesions.ttl").write_text(MEMBERSHIPS, encoding="utf-8")
    data = tmp_path / "data"
    result = _cli(data, "ingest", "--no-index", str(tmp_path / "partenaires.ttl"), str(tmp_path / "adhesions.ttl"))
    assert result.exit_code == 0, result.output
    return data


def test_removing_the_file_that_described_a_cited_member_warns_of_it(tmp_path):
    data = _ingested(tmp_path)
    result = _cli(data, "remove", "--no-index", "partenaires.ttl")
    assert result.exit_code == 0, result.output
    assert ("avertissement : <https://ex.org/arp> (nommé « Fondation ARP » par « partenaires.ttl ») reste cité par "
            "« adhesions.ttl » (membre de « PTCE santé », adhésion <https://ex.org/adhesion>) et n'est plus décrit "
            "par aucune source") in result.stderr


def test_removing_a_file_whose_resources_no_other_source_cites_warns_of_nothing(tmp_path):
    result = _cli(_ingested(tmp_path), "remove", "--no-index", "adhesions.ttl")
    assert (result.exit_code, result.stderr.count("avertissement")) == (0, 0)


def test_validate_warns_of_a_membership_whose_member_no_source_describes(tmp_path):
    data = _ingested(tmp_path)
    assert "0 violation, 0 avertissement" in _cli(data, "validate").output
    assert _cli(data, "remove", "--no-index", "partenaires.ttl").exit_code == 0
    result = _cli(data, "validate")
    assert "<https://ex.org/adhesion> — membre : Le membre d'une adhésion (org:member) n'est décrit comme acteur par " \
           "aucune source" in result.output
