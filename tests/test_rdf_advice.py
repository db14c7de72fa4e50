"""The advice an RDF file's ingest gives agrees with what it read: no class advised for a standard class read as it
is (org:Membership), the resources that were read said, skos:Concept advised as mai:StrategicGoal only for concepts
that are goals, and a membership in another organisation than a PTCE not asked for a circle of the PTCE."""

from __future__ import annotations

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

PREFIXES = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix ex: <https://ex.org/> .
"""
MEMBERSHIPS = PREFIXES + """
ex:m1 a org:Membership ; org:member ex:a ; org:organization ex:b ;
    org:memberDuring [ a time:Interval ; time:hasBeginning [ a time:Instant ; time:inXSDDate "2025-03-01" ] ] .
"""
THEMES = PREFIXES + """
ex:themes a skos:ConceptScheme ; skos:prefLabel "Thèmes"@fr .
ex:parcours a skos:Concept ; skos:inScheme ex:themes ; skos:prefLabel "Parcours complexes"@fr .
"""
#: An organisation (a PTCE or a partner's own network) and a membership in it without a role.
NETWORK = PREFIXES + """
ex:net a mai:%s ; rdfs:label "Réseau"@fr .
ex:member a mai:Association ; rdfs:label "Membre"@fr .
ex:m a org:Membership ; org:member ex:member ; org:organization ex:net .
"""


def _report(tmp_path, text: str):
    """The report of the Turtle file ``text`` ingested into an empty store."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / "file.ttl").write_text(text, encoding="utf-8")
    said = []
    ingest_paths(store, [tmp_path / "file.ttl"], on_report=lambda report, error, _: said.append((report, error)))
    [(report, error)] = said
    assert error is None
    return report


def _no_contract_warning(tmp_path, text: str) -> str:
    [warning] = [issue.message for issue in _report(tmp_path, text).issues
                 if "aucune ressource des classes" in issue.message]
    return warning


def test_memberships_read_as_they_are_get_no_advice_and_are_said_to_be_read(tmp_path):
    warning = _no_contract_warning(tmp_path, MEMBERSHIPS)
    assert "typez-les org:Membership" not in warning
    assert "rien de ce fichier ne sera lu comme acteur, subvention ou délibération (seules ses ressources " \
           "org:Membership (1) sont lues, telles quelles) ;" in warning


def test_concepts_that_are_themes_are_not_advised_as_strategic_goals(tmp_path):
    warning = _no_contract_warning(tmp_path, THEMES)
    assert "skos:Concept (1)" in warning
    assert "mai:StrategicGoal" not in warning


def test_concepts_that_something_contributes_to_are_advised_as_strategic_goals(tmp_path):
    goals = THEMES + "ex:action skos:prefLabel \"Action\"@fr ; mai:contributesTo ex:parcours .\n"
    assert "skos:Concept (1) → typez-les mai:StrategicGoal" in _no_contract_warning(tmp_path, goals)


@pytest.mark.parametrize("kind, warned", [("Cooperation", True), ("Association", False)])
def test_a_membership_without_a_circle_is_warned_only_in_a_ptce(tmp_path, kind, warned):
    circles = [result for result in _report(tmp_path, NETWORK % kind).violations
               if "sans lui, il n'est dans aucun cercle" in result.message]
    assert bool(circles) is warned
