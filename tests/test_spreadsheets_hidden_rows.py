"""What a workbook hides or leaves uncomputed, beyond what tests/test_spreadsheets_third_probe.py covers: hidden rows
(XLSX, ODS, legacy XLS) read as the others and named in the import report, as a hidden column is when no visible one
gives its field; a legacy XLS's hidden columns, put after the visible ones as an XLSX's are; an ODS's formulas
without a computed value, said with their cell as an XLSX's are. Each workbook is written here (:mod:`workbooks`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.spreadsheets import read_sheet
from graph.tabular import read_table
from grants_workbooks import amounts, ingest, warned
from workbooks import Formula, SheetSpec, ods, ods_content, ods_package, xls, xlsx

HEAD = ["nomAttribuant", "idAttribuant", "nomBeneficiaire", "objet", "montant", "Montant voté"]
FUNDER = ["Ville de Lussac", "21860194600013"]
WRITERS = {"xlsx": xlsx, "ods": ods, "xls": xls}


# --- hidden rows ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["xlsx", "ods", "xls"])
def test_a_hidden_row_is_read_and_named_in_the_report(kind):
    """Row 3 was hidden (a grant withdrawn, or left out by a filter): read, and nothing said of it."""
    rows = [HEAD[:5], [*FUNDER, "Club A", "Sport", 900], [*FUNDER, "Club B", "Danse", 300],
            [*FUNDER, "Club C", "Judo", 450]]
    ex, issues = ingest(WRITERS[kind](SheetSpec("S", rows, hidden_rows=[2])), f"subventions.{kind}")
    assert amounts(ex) == {2: 900, 3: 300, 4: 450}
    assert warned(issues, "masquée") == [
        (3, "ligne 3 masquée dans le classeur : elle est lue comme les autres ; vérifiez qu'elle est à importer "
            "(masquée plutôt que supprimée, ou écartée par un filtre ?)")]


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_hidden_rows_are_said_once_naming_the_first_ten_and_counting_the_others(kind):
    rows = [["nom", "montant"]] + [[f"Club {n}", 100 + n] for n in range(14)]
    table = read_table(WRITERS[kind](SheetSpec("S", rows, hidden_rows=list(range(2, 15)))), known={"nom", "montant"})
    assert [(i.line, i.message.split(" : ")[0]) for i in table.issues] == [
        (3, "lignes 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 et 3 autres masquées dans le classeur")]
    assert len(table.rows) == 14


def test_a_hidden_empty_row_or_title_row_above_the_header_is_not_said():
    rows = [["Subventions 2024"], ["nom", "montant"], ["Club A", 100], [], ["Club B", 200]]
    table = read_table(xlsx(SheetSpec("S", rows, hidden_rows=[0, 3])), known={"nom", "montant"})
    assert table.issues == []


def test_an_ods_row_left_out_by_a_filter_and_repeated_is_read_and_said():
    """LibreOffice writes the rows an autofilter leaves out as ``table:visibility="filter"``, alike ones repeated."""
    content = ods_content(SheetSpec("S", [["nom", "montant"], ["Club A", 100], ["Club B", 200]]))
    last = content.rindex("<table:table-row>")
    content = content[:last] + '<table:table-row table:visibility="filter" table:number-rows-repeated="2">' + \
        content[last + len("<table:table-row>"):]
    sheet = read_sheet(ods_package(content))
    assert (sheet.rows[-2:], sheet.hidden_rows) == ([(3, ["Club B", "200"]), (4, ["Club B", "200"])], [3, 4])


# --- a legacy XLS's hidden columns ---------------------------------------------------------------------------------

def test_a_legacy_xls_hidden_column_of_last_years_amounts_gives_way_to_the_visible_one_and_is_said():
    """As an XLSX's or an ODS's: « montant » (E), hidden, held last year's amounts and was read."""
    book = xls(SheetSpec("Feuille1", [HEAD, [*FUNDER, "Club A", "Sport", 900, 1200],
                                      [*FUNDER, "Club B", "Danse", 300, 450]], hidden_columns=[4]))
    ex, issues = ingest(book, "subventions.xls")
    assert amounts(ex) == {2: Decimal("1200"), 3: Decimal("450")}
    assert warned(issues, "masquée") == [
        (1, "colonne « montant » (E) masquée dans le classeur : une colonne visible qui donne le même champ est lue "
            "à sa place ; sinon elle est lue, vérifiez ses valeurs")]


def test_a_legacy_xls_hidden_columns_are_put_after_the_visible_ones():
    sheet = read_sheet(xls(SheetSpec("S", [["a", "b", "c", "d"], [1, 2, 3, 4]], hidden_columns=[0, 2])))
    assert (sheet.rows, sheet.columns, sheet.hidden_columns) == (
        [(1, ["b", "d", "a", "c"]), (2, ["2", "4", "1", "3"])], [1, 3, 0, 2], {0, 2})


# --- an ODS formula without a computed value -----------------------------------------------------------------------

def test_an_ods_formula_never_computed_is_said_with_its_cell_beside_the_missing_amount():
    rows = [HEAD[:5], [*FUNDER, "Club A", "Sport", 2500], [*FUNDER, "Club B", "Danse", Formula("SUM(H2:H3)")],
            [*FUNDER, "Club C", "Judo", Formula("E2*2", 5000)]]
    ex, issues = ingest(ods(SheetSpec("S", rows)), "subventions.ods")
    assert amounts(ex) == {2: 2500, 4: 5000}
    assert [(i.line, i.field, i.value, i.message) for i in issues if "formule" in i.message] == [
        (3, "montant", "=SUM(H2:H3)", "formule sans valeur calculée (cellule E3) : le classeur n'a jamais été "
         "recalculé (écrit par un programme ?) et la cellule est lue vide ; ouvrez-le dans un tableur, "
         "enregistrez-le, puis importez-le de nouveau")]


@pytest.mark.parametrize("cell", [
    '<table:table-cell table:formula="of:=&quot;a&quot;" office:value-type="string"><text:p>a</text:p>',
    '<table:table-cell table:formula="of:=[.B1]" office:value-type="date" office:date-value="2024-03-01">',
    '<table:table-cell table:formula="of:=1=1" office:value-type="boolean" office:boolean-value="true">',
    '<table:table-cell table:formula="of:=2" office:value-type="float" office:value="2">',
], ids=["text", "date", "boolean", "number"])
def test_an_ods_formula_with_a_computed_value_of_any_type_is_not_said(cell):
    content = ods_content(SheetSpec("S", [["nom", "montant"], ["A", Formula("1")]]))
    content = content.replace('<table:table-cell table:formula="of:=1"/>', cell + "</table:table-cell>")
    assert read_sheet(ods_package(content)).uncomputed == []


def test_an_ods_formula_cell_repeated_across_columns_names_each_cell():
    content = ods_content(SheetSpec("S", [["nom", "a", "b"], ["A", Formula("1"), None]])).replace(
        '<table:table-cell table:formula="of:=1"/><table:table-cell/>',
        '<table:table-cell table:formula="of:=1" table:number-columns-repeated="2"/>')
    assert read_sheet(ods_package(content)).uncomputed == [((2, 1), "=1"), ((2, 2), "=1")]
