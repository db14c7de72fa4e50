"""The columns of a grants list that no field reads are said once, by name and place, in the import report: their
values are kept nowhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract


def listed(header: str, row: str):
    return extract(SourceContext(Path("list.csv"), f"{header}\n{row}\n".encode()))


def said(ex) -> list[tuple[int | None, str, str]]:
    return [(i.line, i.message, i.message_en) for i in ex.issues]


def test_columns_that_no_field_reads_are_said_once_with_their_place():
    ex = listed("NomAttribuant;IdAttribuant;Nom Bénéficiaire *;Montant ;exercice;termeConvention;type",
                "Saint-Etienne Métropole;24420077000018;DanaeCare;20 000,00;2024;2025-05-16;association")
    assert said(ex) == [(1, "colonnes non lues : termeConvention (colonne 6), type (colonne 7)",
                         "columns not read: termeConvention (column 6), type (column 7)")]


def test_an_scdl_1_list_says_the_column_whose_name_is_none_of_the_scdl_1_names_it_reads():
    ex = listed("COLL_NOM;COLL_SIRET;ACTE_REF;ATTRIB_NOM;ATTRIB_SIRET;SUB_OBJET;SUB_MONTANT;SUB_DATE",
                "Saint-Etienne Métropole;24420077000018;2024.00240;DanaeCare;38054558000058;Coordination;20000;"
                "2024-05-16")
    assert said(ex) == [(1, "colonne non lue : SUB_DATE (colonne 8)", "column not read: SUB_DATE (column 8)")]


@pytest.mark.parametrize("header, row", [
    ("nomAttribuant;idAttribuant;nomBeneficiaire;montant;idRAE", "Ville;21060004500392;Club;100;"),
    ("nomAttribuant;idAttribuant;nomBeneficiaire;montant;", "Ville;21060004500392;Club;100;"),
])
def test_an_empty_idrae_column_or_an_empty_column_without_a_name_is_not_said(header, row):
    assert said(listed(header, row)) == []


def test_an_idrae_column_that_holds_a_value_is_said_not_read():
    ex = listed("nomAttribuant;idAttribuant;nomBeneficiaire;montant;idRAE", "Ville;21060004500392;Club;100;12345")
    assert said(ex) == [(1, "colonne non lue : idRAE (colonne 5)", "column not read: idRAE (column 5)")]
