"""SCDL grants in a workbook: its number cells do not decide how the amounts typed as text read a dot or a comma
(pitfall 11), and the warnings of those readings name every line they concern."""

from decimal import Decimal
from pathlib import Path

from rdflib import RDF

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI, SCHEMA
from workbooks import SheetSpec, xlsx

HEAD = ["nomAttribuant", "idAttribuant", "nomBeneficiaire", "objet", "montant"]
FUNDER = ["Ville de Lussac", "21860194600013"]


def ingest(*amounts):
    """The extraction of a workbook with one grant per amount (str: typed as text; float: a number cell), from
    line 2."""
    rows = [HEAD] + [[*FUNDER, f"Club {i}", "X", amount] for i, amount in enumerate(amounts)]
    return extract(SourceContext(Path("subventions.xlsx"), xlsx(SheetSpec("S", rows))))


def amounts(ex):
    return {int(ex.graph.value(g, MAI.rowNumber)): ex.graph.value(g, SCHEMA.amount).toPython()
            for g in ex.graph.subjects(RDF.type, MAI.Grant)}


def said(ex, word):
    return [(i.level, i.line, i.value, i.message, i.message_en) for i in ex.issues if word in i.message]


def test_a_number_cell_with_a_fraction_does_not_decide_how_typed_amounts_dots_are_read():
    """f16b: « 1.500 » and « 12.000 » typed as text were stored 1.5 € and 12 €: a number cell, 2500.5, printed
    with a dot by the workbook's reader, had them read as decimal dots; the warning named line 3 alone."""
    ex = ingest(2500.5, "1.500", 3000, "12.000")
    assert amounts(ex) == {2: Decimal("2500.5"), 3: 1500, 4: 3000, 5: 12000}
    assert said(ex, "point") == [(
        "warning", None, "1.500",
        "point lu comme séparateur des milliers dans les montants tels que « 1.500 » (lignes 3, 5) : « 1.500 » vaut "
        "1500 (aucun montant n'ayant d'autres décimales que trois chiffres après un point)",
        "dot read as a thousands separator in amounts like '1.500' (lines 3, 5): '1.500' is 1500 (no amount having "
        "other decimals than three digits after a dot)")]


def test_a_number_cell_of_three_decimals_is_read_with_a_decimal_dot_in_a_column_of_thousands_dots():
    """133.333, a third of 400, is a number: not 133 333 €, whatever the typed amounts' dots group."""
    ex = ingest(133.333, "1.500", "2.500,00")
    assert amounts(ex) == {2: Decimal("133.333"), 3: 1500, 4: Decimal("2500.00")}
    assert [message for *_, message, _ in said(ex, "point")] == [
        "point lu comme séparateur des milliers : « 1.500 » (ligne 3) vaut 1500 (comme ligne 4 : « 2.500,00 »)"]


def test_typed_amounts_of_both_conventions_refuse_every_lone_dot_and_the_warning_names_their_lines():
    ex = ingest("1.500", "1.500,00 €", "12.000", "2500.5")
    assert amounts(ex) == {3: Decimal("1500.00"), 5: Decimal("2500.5")}
    assert [(i.level, i.line) for i in ex.issues if i.field == "montant"] == [
        ("warning", None), ("error", 2), ("error", 4)]
    warning = said(ex, "tantôt")[0]
    assert (warning[3].split(") : ")[-1], warning[4].split("): ")[-1]) == (
        "les montants comme « 1.500 » (lignes 2, 4) sont refusés", "amounts like '1.500' (lines 2, 4) are refused")


def test_the_comma_warning_names_every_line_of_a_lone_comma_before_three_digits():
    ex = ingest("25,000", "1,500", 1234.5)
    assert amounts(ex) == {2: Decimal("25.000"), 3: Decimal("1.500"), 4: Decimal("1234.5")}
    assert said(ex, "virgule") == [(
        "warning", 2, "25,000",
        "virgule lue comme marque décimale dans les montants tels que « 25,000 » (lignes 2, 3) : « 25,000 » vaut "
        "25.000, mais aucun montant du fichier ne dit si la virgule y sépare les milliers (« 25,000 » pour 25 000) : "
        "à vérifier",
        "comma read as a decimal mark in amounts like '25,000' (lines 2, 3): '25,000' is 25.000, but no amount of "
        "the file tells whether its comma separates thousands ('25,000' for 25 000): to check")]


def test_the_dot_warning_names_the_first_lines_and_an_ellipsis_past_them():
    ex = ingest(*(f"{i}.500" for i in range(1, 9)))
    assert sum(amounts(ex).values()) == 40000
    assert [message.split(" : ")[0] for *_, message, _ in said(ex, "point")] == [
        "point lu comme séparateur des milliers dans les montants tels que « 1.500 » (lignes 2, 3, 4, 5, 6…)"]


def test_a_totals_row_s_number_cell_is_read_with_a_decimal_dot():
    """500.125, the workbook's sum of 300.125 and 200, is not 500 125: no « total differs » warning."""
    rows = [HEAD, [*FUNDER, "Club 0", "X", 300.125], [*FUNDER, "Club 1", "X", 200], ["", "", "Total", "", 500.125]]
    ex = extract(SourceContext(Path("subventions.xlsx"), xlsx(SheetSpec("S", rows))))
    assert [i.message for i in ex.issues] == ["ligne de total, pas une subvention : ignorée"]
