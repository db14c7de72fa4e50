"""Table files that a seeded fuzz sweep of the table kinds (grants and deliberation lists, RNA, SIRENE, registers)
found mishandled, each reduced to the smallest file that shows it: a row gone wrong that vanished into the next one,
null dates and huge amounts that crashed the grants reader, a percent share that lost its written precision."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDF

from graph.ingest.base import SourceContext
from graph.ingest.lookahead import extract as prepare
from graph.ingest.scdl_checks import share_rounding
from graph.namespaces import MAI, SCHEMA
from graph.tabular import read_table
from graph.values import ValueProblem, parse_amount, parse_ratio

GRANTS_HEAD = "nomAttribuant,idAttribuant,nomBeneficiaire,objet,montant"


def grants(text: str, kind: str = "scdl-subventions", name: str = "liste.csv"):
    """The extraction of ``text`` as the ingest makes it (rows that the table reader refused included), or the
    issue that refused it."""
    prepared = prepare(SourceContext(Path(name), text.encode()), kind)
    assert prepared.issue is None, prepared.issue
    return prepared.extraction


def amounts(ex) -> dict[int, Decimal]:
    return {int(ex.graph.value(g, MAI.rowNumber)): ex.graph.value(g, SCHEMA.amount).toPython()
            for g in ex.graph.subjects(RDF.type, MAI.Grant)}


# --- a row of one cell is not glued into the next row ---------------------------------------------------------------


def test_a_row_written_with_another_separator_stays_a_row_of_its_own():
    table = read_table(b"nom,objet,montant\nA;Sport;100\nB,Culture,200\n")
    assert [(r.line, r.cells) for r in table.rows] == [(2, ["A;Sport;100", "", ""]), (3, ["B", "Culture", "200"])]


def test_a_grant_written_with_another_separator_is_reported_on_its_line_and_the_next_grant_is_kept_clean():
    ex = grants(f"{GRANTS_HEAD}\nVille,,Club A,Sport,100\nVille;;Club B;Culture;200\nVille,,Club C,Santé,300\n")
    assert amounts(ex) == {2: Decimal(100), 4: Decimal(300)}
    assert {(i.line, i.level) for i in ex.issues} >= {(3, "warning"), (3, "error")}
    assert "ligne courte : 1 cellules pour 5 colonnes" in next(i.message for i in ex.issues if i.line == 3)
    texts = {str(o) for _, _, o in ex.graph if isinstance(o, Literal)}
    assert not any("Club B" in text for text in texts)  # nothing of the refused row, glued into another row's cell


def test_a_row_cut_after_its_first_cell_is_reported_not_joined_to_the_next():
    ex = grants(f"{GRANTS_HEAD}\nVille,,Club A,Sport,100\nVille\nVille,,Club C,Santé,300\n")
    assert amounts(ex) == {2: Decimal(100), 4: Decimal(300)}
    assert ex.stats["rows_read"] == 3 and ex.stats["rows_rejected"] == 1


def test_a_row_cut_by_an_unquoted_newline_after_two_cells_is_still_joined_back():
    table = read_table("id;titre;date\n1;Première ligne\nsuite;2014-01-01\n".encode())
    assert [r.cells for r in table.rows] == [["1", "Première ligne\nsuite", "2014-01-01"]]


# --- null dates in a payment period ---------------------------------------------------------------------------------


@pytest.mark.parametrize("period", ["0001-01-01", "1900-01-01", "du 0001-01-01 au 31/12/2024",
                                    "du 01/01/2024 au 0001-01-01", "0001-01-01 - 2024-05-01"])
def test_a_payment_period_of_a_null_date_is_kept_as_written_with_a_warning(period):
    ex = grants(f"nomAttribuant;nomBeneficiaire;montant;datesPeriodeVersement\nVille;Club A;100;{period}\n")
    assert amounts(ex) == {2: Decimal(100)}
    assert [(i.line, i.field, i.value) for i in ex.issues] == [(2, "datesPeriodeVersement", period)]
    assert ex.issues[0].message.startswith(f"période illisible « {period} »")


# --- huge amounts ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("share", ["", ";0.5"])
def test_an_amount_of_forty_figures_is_refused_on_its_line(share):
    head = "nomAttribuant;nomBeneficiaire;montant" + (";pourcentageSubvention" if share else "")
    ex = grants(f"{head}\nVille;Club A;100{share}\nVille;Club B;{'9' * 40}{share}\n")
    assert list(amounts(ex)) == [2]
    assert [(i.line, i.field, i.level) for i in ex.issues if i.line == 3] == [(3, "montant", "error")]
    assert "montant démesuré" in next(i.message for i in ex.issues if i.line == 3)


def test_an_amount_of_seventeen_figures_is_still_read_and_one_of_eighteen_refused():
    assert parse_amount("12345678901234567") == Decimal("12345678901234567")
    with pytest.raises(ValueProblem, match="plus de 17 chiffres"):
        parse_amount("123456789012345678")


# --- the precision of a percent share -------------------------------------------------------------------------------


@pytest.mark.parametrize("text, ratio, exponent", [("33,30 %", "0.333", -4), ("80", "0.8", -2), ("50 %", "0.5", -2),
                                                   ("33,3 %", "0.333", -3), ("0,3330", "0.333", -4)])
def test_a_percent_share_keeps_the_figures_it_was_written_with(text, ratio, exponent):
    value, _ = parse_ratio(text)
    assert (value, value.as_tuple().exponent) == (Decimal(ratio), exponent)


def test_the_rounding_allowed_a_percent_share_is_half_a_unit_of_its_last_written_figure():
    assert share_rounding(parse_ratio("33,30 %")[0]) == Decimal("0.00005")


def test_thirds_written_as_33_30_percent_fall_short_of_a_whole_grant_as_when_written_0_3330():
    head = "nomAttribuant;nomBeneficiaire;idSubvention;montant;pourcentageSubvention"

    def warned(share: str) -> list[str]:
        rows = [f"Ville;{name};S1;30000;{share}" for name in ("Club A", "Amicale B", "Foyer C")]
        ex = grants("\n".join([head, *rows, ""]))
        return [i.message.split(" :")[0] for i in ex.issues if i.message.startswith("les parts")]

    said = ["les parts (pourcentageSubvention) de cette subvention font 99,9 %, et non 100 % (lignes 2, 3, 4)"]
    assert warned("0,3330") == said
    assert warned("33,30 %") == said


# --- a grants list none of whose rows is kept -----------------------------------------------------------------------


def test_a_grants_list_refused_whole_tells_the_rows_that_the_table_reader_refused_and_counts_them():
    """A stray carriage return in the header cut it in two: the data rows, wider than its first part, were refused by
    the table reader, unsaid in the refusal, which told only of the header's second part read as a row."""
    text = "nomAttribuant,nomBeneficiaire,montant\r,objet\nVille,Club A,100,Sport\nVille,Club B,200,Santé\n"
    prepared = prepare(SourceContext(Path("liste.csv"), text.encode()), "scdl-subventions")
    assert prepared.issue.message.startswith(
        "aucune ligne valide sur 3 : ligne 3 : 4 cellules pour 3 colonnes (un séparateur dans une valeur non entre "
        "guillemets ?) : ligne ignorée ; ligne 4 : 4 cellules pour 3 colonnes")


# --- a byte order mark in the middle of a file ----------------------------------------------------------------------


def test_a_byte_order_mark_in_the_middle_of_a_list_is_removed_from_the_values_with_a_warning_on_its_line():
    """Two exports pasted one after the other: the second one's BOM, invisible, stayed in a name."""
    ex = grants("nomAttribuant;nomBeneficiaire;montant\nVille;Club A;100\n\ufeffVille;\ufeffClub B;200\n")
    assert not [o for _, _, o in ex.graph if "\ufeff" in str(o)]
    assert [(i.line, i.field, i.message.split(" dans")[0]) for i in ex.issues] == [
        (3, "nomAttribuant", "caractère de contrôle U+FEFF"), (3, "nomBeneficiaire", "caractère de contrôle U+FEFF")]


def test_a_byte_order_mark_in_the_middle_of_a_yaml_register_is_removed_with_a_warning_on_its_line():
    text = ("format: maillage-register/1\nptce:\n  name: P\nmembers:\n"
            "  - name: \ufeffClub A\n    kind: association\n    circle: coeur\n    joined: 2024-01-01\n")
    ex = grants(text, kind="register", name="registre.yaml")
    assert not [o for _, _, o in ex.graph if "\ufeff" in str(o)]
    assert [(i.line, i.message.split(" dans")[0]) for i in ex.issues] == [(5, "caractère de contrôle U+FEFF")]
