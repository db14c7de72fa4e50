"""Workbooks as a reviewer's third probe wrote them: a hidden column of last year's amounts before this year's, a
hidden sheet of last year before the visible one, a funder's name merged down its column and a beneficiary merged
over two rows, a formula never computed. Each workbook is written here (:mod:`workbooks`), cut to the rows that show
one behaviour; its names and numbers are fictitious.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from graph.ingest.base import SourceContext
from graph.ingest.register import extract as extract_register
from graph.spreadsheets import read_sheet
from graph.table_checks import collected_issues
from graph.tabular import read_table
from grants_workbooks import amounts, ingest, warned
from workbooks import Formula, SheetSpec, ods, xlsx

HEAD = ["nomAttribuant", "idAttribuant", "nomBeneficiaire", "objet", "montant", "Montant voté"]
FUNDER = ["Ville de Lussac", "21860194600013"]
WRITERS = {"xlsx": xlsx, "ods": ods}


# --- a hidden column (finding 2) ---------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_hidden_column_of_last_years_amounts_gives_way_to_the_visible_one_and_is_said(kind):
    """« montant » (E), hidden, held last year's amounts: they were stored, and the warning never said it hidden."""
    book = WRITERS[kind](SheetSpec("Feuille1", [HEAD, [*FUNDER, "Club A", "Sport", 900, 1200],
                                                [*FUNDER, "Club B", "Danse", 300, 450]], hidden_columns=[4]))
    ex, issues = ingest(book, f"subventions.{kind}")
    assert amounts(ex) == {2: Decimal("1200"), 3: Decimal("450")}
    assert warned(issues, "masquée") == [
        (1, "colonne « montant » (E) masquée dans le classeur : une colonne visible qui donne le même champ est lue "
            "à sa place ; sinon elle est lue, vérifiez ses valeurs")]


def test_a_hidden_column_that_alone_gives_its_field_is_read_and_said_hidden():
    book = xlsx(SheetSpec("S", [HEAD[:5], [*FUNDER, "Club A", "Sport", 900]], hidden_columns=[4]))
    ex, issues = ingest(book)
    assert amounts(ex) == {2: Decimal("900")}
    assert [line for line, _ in warned(issues, "colonne « montant » (E) masquée")] == [1]


def test_hidden_columns_are_put_after_the_visible_ones_whose_order_is_kept():
    sheet = read_sheet(xlsx(SheetSpec("S", [["a", "b", "c", "d"], [1, 2, 3, 4]], hidden_columns=[0, 2])))
    assert (sheet.rows, sheet.columns, sheet.hidden_columns) == (
        [(1, ["b", "d", "a", "c"]), (2, ["2", "4", "1", "3"])], [1, 3, 0, 2], {0, 2})


# --- a hidden sheet (findings 3 and 12) ----------------------------------------------------------------------------

def test_the_visible_sheet_is_read_and_not_the_hidden_first_one_of_the_same_header():
    """The hidden first sheet « 2023 » was read (111 €), and neither grant of « 2024 », the only visible sheet."""
    book = xlsx(SheetSpec("2023", [HEAD[:5], [*FUNDER, "Club 2023", "X", 111]], hidden=True),
                SheetSpec("2024", [HEAD[:5], [*FUNDER, "Club 2024", "X", 2000], [*FUNDER, "Club B", "Y", 3000]]))
    ex, issues = ingest(book)
    assert amounts(ex) == {2: Decimal("2000"), 3: Decimal("3000")}
    assert warned(issues, "feuille") == [
        (None, "feuille « 2023 » (masquée) non lue, bien que son en-tête nomme les mêmes colonnes : une feuille est "
               "lue par fichier ; enregistrez chacune dans un fichier à part pour l'importer")]


def test_a_hidden_sheet_of_the_same_header_after_the_sheet_read_is_said_not_read():
    """f02: « Détail » was read, and « 2023 », hidden, with the same header, ignored without a word."""
    book = xlsx(SheetSpec("Synthèse", [["Bénéficiaire", "Montant"], ["Club", 500]]),
                SheetSpec("Détail", [HEAD[:5], [*FUNDER, "Club", "X", 500]]),
                SheetSpec("2023", [HEAD[:5], [*FUNDER, "Ancienne association", "X", 9999]], hidden=True))
    ex, issues = ingest(book)
    assert amounts(ex) == {2: Decimal("500")}
    assert warned(issues, "feuille") == [
        (None, "feuille « Détail » lue, et non la première (« Synthèse ») : c'est son en-tête qui nomme les colonnes "
               "attendues ; feuille « 2023 » (masquée) non lue, bien que son en-tête nomme les mêmes colonnes : une "
               "feuille est lue par fichier ; enregistrez chacune dans un fichier à part pour l'importer")]


def test_a_hidden_sheet_is_read_when_no_visible_one_names_the_columns_and_that_is_said():
    book = xlsx(SheetSpec("Lisez-moi", [["Subventions 2024"], ["Contact : mairie"]]),
                SheetSpec("Données", [HEAD[:5], [*FUNDER, "Club", "X", 700]], hidden=True))
    ex, issues = ingest(book)
    assert amounts(ex) == {2: Decimal("700")}
    assert warned(issues, "feuille") == [
        (None, "feuille masquée « Données » lue : aucune feuille visible ne nomme les colonnes attendues ; vérifiez "
               "que ce sont bien les données à importer")]


def test_a_workbook_read_without_expected_columns_opens_on_its_first_visible_sheet():
    table = read_table(xlsx(SheetSpec("Ancien", [["a", "b"], ["1", "2"]], hidden=True),
                            SheetSpec("Actuel", [["c", "d"], ["3", "4"]])))
    assert (table.header, table.issues) == (["c", "d"], [])


# --- merged cells (finding 5) --------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_funder_merged_down_its_column_is_each_rows_funder(kind):
    """f14: the funder's name and SIRET merged down A2:A6 and B2:B6: rows 3 to 6 were rejected, 1 grant of 5 kept."""
    rows = [HEAD[:5], [*FUNDER, "Club A", "Sport", 2500]] + [[None, None, f"Club {n}", "Sport", 1000 * n]
                                                            for n in range(1, 5)]
    ex, issues = ingest(WRITERS[kind](SheetSpec("S", rows, merges=["A2:A6", "B2:B6"])), f"subventions.{kind}")
    assert amounts(ex) == {2: 2500, 3: 1000, 4: 2000, 5: 3000, 6: 4000}
    assert not [i for i in issues if i.level == "error"]
    assert warned(issues, "fusionnées") == [
        (2, "cellules fusionnées recopiées : A2:A6, B2:B6 ; la valeur de la première cellule de chaque plage est lue "
            "sur chacune de ses lignes")]


def test_a_beneficiary_merged_over_two_rows_keeps_both_grants():
    """f01 line 11: the beneficiary merged over C10:C11 — its second grant, 18 000 €, was lost."""
    rows = [["Subventions 2024 — santé"], [], HEAD[:5], [*FUNDER, "ADMR", "Fonctionnement", 40000],
            [*FUNDER, None, "Investissement", 18000]]
    ex, issues = ingest(xlsx(SheetSpec("S", rows, merges=["A1:E1", "C4:C5"])))
    assert amounts(ex) == {4: 40000, 5: 18000}
    assert warned(issues, "fusionnées") == [
        (4, "cellules fusionnées recopiées : C4:C5 ; la valeur de la première cellule de la plage est lue sur "
            "chacune de ses lignes")]


def test_a_title_merged_across_the_columns_stays_in_its_first_cell_and_is_not_said():
    sheet = read_sheet(xlsx(SheetSpec("S", [["Titre", None, None], ["a", "b", "c"]], merges=["A1:C1"])))
    assert (sheet.rows[0], sheet.merged) == ((1, ["Titre", "", ""]), [])


def test_a_register_whose_circle_is_merged_over_its_members_reads_each_members_circle():
    book = xlsx(SheetSpec("Membres", [["# ptce: PTCE Santé"], ["Nom", "Type", "Cercle"],
                                      ["Mutuelle Girondine", "mutuelle", "financeurs"],
                                      ["Crédit Local", "entreprise", None]], merges=["C3:C4"]))
    with collected_issues() as issues:
        ex = extract_register(SourceContext(Path("registre.xlsx"), book))
    assert ex.stats["members"] == 2
    assert not [i for i in ex.issues if "cercle" in i.message.lower() or "circle" in (i.field or "")]
    assert [(i.line, i.message) for i in issues] == [
        (3, "cellules fusionnées recopiées : C3:C4 ; la valeur de la première cellule de la plage est lue sur "
            "chacune de ses lignes")]


# --- a formula without a computed value (finding 11) ---------------------------------------------------------------

def test_a_formula_never_computed_is_said_with_its_cell_beside_the_missing_amount():
    """f14 line 5: « montant manquant » alone, for a workbook written by a program and never recalculated."""
    rows = [HEAD[:5], [*FUNDER, "Club A", "Sport", 2500], [*FUNDER, "Club B", "Danse", Formula("SUM(H2:H3)")],
            [*FUNDER, "Club C", "Judo", Formula("E2*2", 5000)]]
    ex, issues = ingest(xlsx(SheetSpec("S", rows)))
    assert amounts(ex) == {2: 2500, 4: 5000}
    assert [(i.line, i.field, i.value, i.message) for i in issues if "formule" in i.message] == [
        (3, "montant", "=SUM(H2:H3)", "formule sans valeur calculée (cellule E3) : le classeur n'a jamais été "
         "recalculé (écrit par un programme ?) et la cellule est lue vide ; ouvrez-le dans un tableur, "
         "enregistrez-le, puis importez-le de nouveau")]
    assert [(i.line, i.level) for i in issues if i.level == "error"] == [(3, "error")]


def test_formulas_never_computed_are_said_once_naming_their_cells():
    rows = [["nom", "montant"]] + [[f"Club {n}", Formula(f"{n}*100")] for n in range(12)]
    table = read_table(xlsx(SheetSpec("S", rows)), known={"nom", "montant"})
    assert [i.message.split(" : ")[0] for i in table.issues] == [
        "formules sans valeur calculée (cellules B2, B3, B4, B5, B6, B7, B8, B9, B10, B11 et 2 autres)"]


def test_a_formula_whose_result_is_empty_text_has_a_value():
    sheet = read_sheet(xlsx(SheetSpec("S", [["nom", "montant"], ["A", Formula('IF(1,"","x")', "")]])))
    assert sheet.uncomputed == []
