"""A grants workbook's hidden SIREN column beside a visible SIRET column: read, to identify the rows whose SIRET is
missing or invalid (graph/ingest/scdl_sirens.py), and its hidden-column note says so; a hidden column that a visible
one of its field is read instead of keeps the note that says so."""

from __future__ import annotations

import pytest
from rdflib import RDF

from graph.namespaces import MAI
from grants_workbooks import ingest
from workbooks import SheetSpec, ods, xls, xlsx

HEAD = ["nomAttribuant", "idAttribuant", "nomBeneficiaire", "SIRET", "montant", "SIREN"]
FUNDER = ["Ville de Lussac", "21860194600013"]
WRITERS = {"xlsx": xlsx, "ods": ods, "xls": xls}


def hidden_notes(issues) -> list[tuple[int | None, str]]:
    return [(i.line, i.message) for i in issues if "masquée" in i.message]


@pytest.mark.parametrize("kind", ["xlsx", "ods", "xls"])
def test_a_hidden_siren_column_beside_a_visible_siret_column_is_said_to_be_read_for_the_sirets_gaps(kind):
    rows = [HEAD, [*FUNDER, "Club A", "42345678900019", 900, "423456789"], [*FUNDER, "Club B", "", 300, "244200770"]]
    ex, issues = ingest(WRITERS[kind](SheetSpec("S", rows, hidden_columns=[5])), f"subventions.{kind}")
    beneficiaries = {str(ex.graph.value(g, MAI.beneficiary)).rsplit("/", 1)[1]
                     for g in ex.graph.subjects(RDF.type, MAI.Grant)}
    assert beneficiaries == {"siren-423456789", "siren-244200770"}  # Club B's, from the hidden SIREN column
    assert hidden_notes(issues) == [
        (1, "colonne « SIREN » (F) masquée dans le classeur : elle est lue, ses SIREN identifiant les lignes dont le "
            "SIRET (colonne « SIRET », D) manque ou est invalide ; vérifiez ses valeurs")]


def test_a_hidden_siren_column_and_another_hidden_column_get_a_note_each():
    rows = [HEAD + ["Montant voté"], [*FUNDER, "Club A", "", 900, "423456789", 1200]]
    _, issues = ingest(xlsx(SheetSpec("S", rows, hidden_columns=[4, 5])), "subventions.xlsx")
    assert hidden_notes(issues) == [
        (1, "colonne « montant » (E) masquée dans le classeur : une colonne visible qui donne le même champ est lue "
            "à sa place ; sinon elle est lue, vérifiez ses valeurs"),
        (1, "colonne « SIREN » (F) masquée dans le classeur : elle est lue, ses SIREN identifiant les lignes dont le "
            "SIRET (colonne « SIRET », D) manque ou est invalide ; vérifiez ses valeurs")]


def test_a_hidden_siren_column_beside_a_visible_one_gives_way_to_it_as_its_note_says():
    rows = [HEAD + ["N° SIREN"], [*FUNDER, "Club A", "", 900, "423456789", "244200770"]]
    ex, issues = ingest(xlsx(SheetSpec("S", rows, hidden_columns=[6])), "subventions.xlsx")
    grant = next(ex.graph.subjects(RDF.type, MAI.Grant))
    assert str(ex.graph.value(grant, MAI.beneficiary)).endswith("/siren-423456789")
    assert hidden_notes(issues) == [
        (1, "colonne « N° SIREN » (G) masquée dans le classeur : une colonne visible qui donne le même champ est lue "
            "à sa place ; sinon elle est lue, vérifiez ses valeurs")]
