"""A grants list giving a party both a SIRET and a SIREN column: the SIRET is read, the SIREN where the SIRET is
missing or invalid, and a SIREN that is not its SIRET's first nine digits is said with both numbers and the one kept
(the SIRET when its check digit is valid)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI, SCHEMA

ACTOR = "https://w3id.org/maillage/id/actor/siren-"
HEAD = "nomAttribuant;idAttribuant;SIREN attribuant;nomBeneficiaire;SIRET;SIREN;montant"


def listed(*rows: str):
    """The extraction of the grants list ``list.csv`` of the columns ``HEAD`` and ``rows``."""
    return extract(SourceContext(Path("list.csv"), "\n".join([HEAD, *rows, ""]).encode()))


def differing(ex) -> list[tuple[int | None, str | None, str | None, str]]:
    return [(i.line, i.field, i.value, i.message) for i in ex.issues if "neuf premiers chiffres" in i.message]


def test_a_row_without_a_siret_is_identified_by_its_siren_column():
    ex = listed("Ville;21860194600013;218601946;Club;;429013667;100")
    assert ex.graph.value(None, MAI.beneficiary) == URIRef(ACTOR + "429013667")
    assert not ex.graph.value(None, MAI.beneficiarySiret)
    assert not [i for i in ex.issues if "identifiant" in i.message or "SIREN" in i.message]


def test_a_funder_without_a_siret_is_identified_by_its_siren_column():
    ex = listed("Saint-Etienne Métropole;;244200770;Club;42901366700028;;100")
    assert set(ex.graph.objects(None, SCHEMA.funder)) == {URIRef(ACTOR + "244200770")}


def test_a_siren_other_than_its_valid_sirets_first_digits_is_said_and_the_siret_kept():
    ex = listed("Ville;21860194600013;218601946;Club;42901366700028;244200770;100")
    assert ex.graph.value(None, MAI.beneficiary) == URIRef(ACTOR + "429013667")
    assert ex.graph.value(None, MAI.beneficiarySiret) == Literal("42901366700028")
    assert differing(ex) == [(2, "SIREN", "244200770", "SIREN 244200770 (colonne « SIREN ») différent des neuf "
                              "premiers chiffres du SIRET 42901366700028 (colonne « SIRET ») : le SIRET, valide, est "
                              "retenu ; vérifiez lequel est juste")]


def test_a_siren_other_than_an_invalid_sirets_first_digits_is_kept_and_said():
    ex = listed("Ville;21860194600013;218601946;Club;42901366700029;244200770;100")
    assert ex.graph.value(None, MAI.beneficiary) == URIRef(ACTOR + "244200770")
    assert [message.split(" : ", 1)[1] for *_, message in differing(ex)] == [
        "ce SIRET étant invalide, le SIREN est retenu ; vérifiez lequel est juste"]
    assert [i.message for i in ex.issues if i.field == "SIRET"] == ["SIRET invalide (clé de contrôle) : ignoré"]


def test_a_funders_siren_other_than_its_sirets_first_digits_is_said_on_the_funders_column():
    ex = listed("Ville;21860194600013;244200770;Club;42901366700028;429013667;100")
    assert set(ex.graph.objects(None, SCHEMA.funder)) == {URIRef(ACTOR + "218601946")}
    assert [(line, field) for line, field, *_ in differing(ex)] == [(2, "SIREN attribuant")]


@pytest.mark.parametrize("siren", ["429013667", "429 013 667"])
def test_a_siren_that_is_its_sirets_first_digits_is_not_said(siren):
    ex = listed(f"Ville;21860194600013;218601946;Club;42901366700028;{siren};100")
    assert differing(ex) == []
    assert not [i for i in ex.issues if "lues comme un même champ" in i.message]


def test_a_row_whose_identifiers_are_only_its_siren_is_no_totals_row():
    ex = listed("Ville;21860194600013;218601946;Total;;429013667;100")
    assert ex.stats["grants"] == 1
