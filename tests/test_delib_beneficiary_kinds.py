"""The kind of a deliberation's beneficiary that its text says, where a line end cuts its name: « L'association
Convention⏎Nationale des Avocats » is an association as « L'association Convention Nationale des Avocats » is."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from graph.ingest.base import SourceContext
from graph.ingest.delib_profile import profile_of
from graph.ingest.deliberation import extract
from graph.namespaces import MAI

NAME = "Convention Nationale des Avocats"
TEXT_171 = Path(__file__).parent / "fixtures" / "deliberations" / "2014-04-24-0000071276.pdf"


@pytest.mark.parametrize("said", [
    "L'association Convention\nNationale des Avocats assure l'organisation de l'événement.",
    "Elle est portée par l’association Convention Nationale\ndes Avocats, qui sollicite la Ville.",
    "Convention Nationale des\nAvocats (association loi 1901) sollicite la Ville."])
def test_a_name_cut_by_a_line_end_after_the_word_association_is_an_associations(said):
    body = f"Attribution d'une subvention à la Convention Nationale des Avocats\n\n{said}\n"
    assert profile_of(body, NAME, alone=True).kind == "Association"


@pytest.mark.parametrize("said", [
    "Le Barreau et l'association des jeunes avocats organisent la Convention\nNationale des Avocats.",
    "L'association Convention\nNationale des Avocats-Conseils est partenaire.",
    "L'association Grande Convention\nNationale des Avocats est partenaire."])
def test_a_name_cut_by_a_line_end_that_another_party_follows_or_holds_keeps_its_kind(said):
    body = f"Attribution d'une subvention à la Convention Nationale des Avocats\n\n{said}\n"
    assert profile_of(body, NAME, alone=True).kind == "Actor"


def test_a_persons_name_cut_by_a_line_end_after_a_civility_is_a_persons():
    body = "Attribution d'une bourse à Jade POUPARD\n\nMme Jade\nPOUPARD, étudiante, sollicite la commune.\n"
    assert profile_of(body, "Jade POUPARD", alone=True).person is not None


def test_the_beneficiary_of_deliberation_2014_171_is_an_association():
    graph = extract(SourceContext(TEXT_171, TEXT_171.read_bytes())).graph
    actor = URIRef("https://w3id.org/maillage/id/actor/convention-nationale-avocats")
    assert set(graph.objects(actor, RDF.type)) == {MAI.Association}
