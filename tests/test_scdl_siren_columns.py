"""A grants list's SIREN columns: « SIREN » alone is the beneficiary's, as « SIRET » alone is (a list names its
funder's as such), « SIREN attribuant » the funder's; the SIREN identifies the actor as a SIRET's first nine digits
do, so the same association met by its SIRET in another list is one actor."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI, SCHEMA

ACTOR = "https://w3id.org/maillage/id/actor/siren-"


def listed(header: str, row: str):
    """The extraction of a one-row grants list of the columns ``header``."""
    return extract(SourceContext(Path("list.csv"), f"{header}\n{row}\n".encode()))


@pytest.mark.parametrize("column", ["SIREN", "N° SIREN", "Siren bénéficiaire", "SIREN du bénéficiaire"])
def test_a_siren_column_named_by_no_party_gives_the_beneficiarys_siren_without_a_warning(column):
    ex = listed(f"nomAttribuant;nomBeneficiaire;{column};montant", "Ville de Poitiers;Club de Poitiers;429013667;100")
    club = ex.graph.value(None, MAI.beneficiary)
    assert (club, ex.graph.value(club, MAI.siren)) == (URIRef(ACTOR + "429013667"), Literal("429013667"))
    assert not ex.graph.value(club, MAI.siret)
    assert not [i.message for i in ex.issues if "identifiant" in i.message or "SIREN" in i.message]


def test_the_association_of_a_siren_column_is_the_one_another_list_names_by_its_siret():
    by_siren = listed("nomAttribuant;nomBeneficiaire;SIREN;montant", "Ville de Poitiers;Club de Poitiers;429013667;100")
    by_siret = listed("nomAttribuant;nomBeneficiaire;SIRET;montant",
                      "Département;Club sportif de Poitiers;42901366700028;200")
    assert by_siren.graph.value(None, MAI.beneficiary) == by_siret.graph.value(None, MAI.beneficiary) == URIRef(
        ACTOR + "429013667")
    assert by_siret.graph.value(URIRef(ACTOR + "429013667"), MAI.siret) == Literal("42901366700028")


@pytest.mark.parametrize("column", ["SIREN attribuant", "SIREN de l'attribuant"])
def test_a_funder_siren_column_gives_the_funders_siren(column):
    ex = listed(f"nomAttribuant;{column};nomBeneficiaire;SIREN;montant",
                "Saint-Etienne Métropole;244200770;Club de Poitiers;429013667;100")
    assert set(ex.graph.objects(None, SCHEMA.funder)) == {URIRef(ACTOR + "244200770")}
    assert ex.graph.value(None, MAI.beneficiary) == URIRef(ACTOR + "429013667")


def test_an_identifier_column_still_unread_is_still_warned_of():
    ex = listed("nomAttribuant;nomBeneficiaire;SIREN de l'organisme;montant", "Ville;Club;429013667;100")
    assert [i.field for i in ex.issues if "qui nomme un identifiant, non lue" in i.message] == ["SIREN de l'organisme"]
    assert ex.graph.value(None, MAI.beneficiary) != URIRef(ACTOR + "429013667")


def test_a_list_giving_a_siren_before_a_siret_reads_the_siret_and_does_not_call_the_siren_ignored():
    """The SIREN is read where the SIRET is missing (tests/test_scdl_siren_beside_siret.py): not ignored."""
    ex = listed("nomAttribuant;nomBeneficiaire;SIREN;SIRET;montant", "Ville;Club;429013667;42901366700028;100")
    assert ex.graph.value(None, MAI.beneficiarySiret) == Literal("42901366700028")
    assert [i.field for i in ex.issues if "lues comme un même champ" in i.message] == []
