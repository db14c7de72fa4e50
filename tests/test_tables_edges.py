"""The tables' shared code at its edges: a table without data rows refused at its header's line, a line separator
inside a cell that keeps the lines numbered as the file's, and the marks of an empty date (« NULL »,
« 0000-00-00 ») in an SCDL grants list read as empty, said once per column."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import DCTERMS

from graph.ingest.base import SourceContext
from graph.ingest.lookahead import extract as prepare_as
from graph.ingest.scdl_grants import extract as extract_grants
from graph.namespaces import MAI
from graph.tabular import peek_lines, read_table

RNA_HEADER = ("id;id_ex;siret;gestion;date_creat;date_publi;nature;groupement;titre;objet;objet_social1;"
              "objet_social2;adr1;adr2;adr3;adrs_codepostal;libcom;adrs_codeinsee;position;maj_time\n")


# 3. A table without data rows: refused at its header's line.

@pytest.mark.parametrize("kind, text, line", [
    ("rna", RNA_HEADER, 1),
    ("rna", "Liste des associations\n\n" + RNA_HEADER, 3),
    ("scdl-deliberations", "Délibérations 2024\nCOLL_NOM;COLL_SIRET;DELIB_ID;DELIB_DATE;DELIB_OBJET\n", 2),
    ("sirene", "siren;denominationUniteLegale;categorieJuridiqueUniteLegale;etatAdministratifUniteLegale\n", 1),
])
def test_a_table_without_data_rows_is_refused_at_its_headers_line(kind, text, line):
    prepared = prepare_as(SourceContext(Path("t.csv"), text.encode()), kind)
    assert (prepared.issue.line, prepared.issue.message, prepared.issue.message_en) == (
        line, "aucune ligne de données sous l'en-tête", "no data rows under the header")


# 2. Line separators inside a cell.

def test_a_line_separator_in_a_cell_keeps_the_table_lines_the_files():
    table = read_table("nom;montant\nA\u2028B;1\nC;2\n".encode())
    assert [(row.line, row.cells) for row in table.rows] == [(2, ["A\u2028B", "1"]), (3, ["C", "2"])]


def test_a_line_separator_before_a_header_keeps_its_line_for_detection():
    assert peek_lines("Titre\u2028suite\nnom;montant\n".encode())[-1][0] == 2


# 4. The marks of an empty date in an SCDL grants list.

HEADER = ("nomAttribuant,idAttribuant,dateConvention,dateDecision,referenceDecision,nomBeneficiaire,idBeneficiaire,"
          "objet,montant,nature,conditionsVersement,datesPeriodeVersement,notificationUE,pourcentageSubvention\n")


def grants(*dates: str):
    rows = "".join(f"ANTIBES,21060004500392,{d},{d},D{n},ASSO {n},52499120500013,Fonct,1000,aide en numéraire,unique,"
                   f"{d},non,1\n" for n, d in enumerate(dates))
    return extract_grants(SourceContext(Path("g.csv"), (HEADER + rows).encode()))


@pytest.mark.parametrize("mark", ["null", "NULL", "None", "NaN", "0000-00-00", "00/00/0000", "0000-00-00 00:00:00"])
def test_a_mark_of_an_empty_date_is_read_as_empty_and_said_once_per_column(mark):
    ex = grants("2024-01-05", mark, mark)
    assert [(i.level, i.line, i.field, i.value) for i in ex.issues] == [
        ("warning", 3, column, mark) for column in ("dateDecision", "dateConvention", "datesPeriodeVersement")]
    assert ex.issues[0].message_en == (f"'{mark}': the mark of an empty cell (a database's, a script's or a "
                                       "spreadsheet's export), not a date: read as empty, here and in the rest of "
                                       "the column")
    assert ex.stats["grants"] == 3


@pytest.mark.parametrize("mark", ["null", "0000-00-00", "00/00/0000"])
def test_a_payment_period_of_a_mark_of_an_empty_date_is_not_stored(mark):
    ex = grants("2024-01-05", mark)
    assert {str(o) for o in ex.graph.objects(None, MAI.paymentPeriod)} == {"2024-01-05"}
    assert {str(o) for o in ex.graph.objects(None, MAI.conventionDate)} == {"2024-01-05"}
    assert {str(o) for o in ex.graph.objects(None, DCTERMS.date)} == {"2024-01-05"}


def test_a_real_date_beside_marks_of_empty_dates_is_kept():
    ex = grants("NULL", "2024-03-01")
    assert {str(o) for o in ex.graph.objects(None, MAI.conventionDate)} == {"2024-03-01"}


def test_a_word_that_is_no_date_nor_a_mark_is_still_unreadable_on_its_row():
    ex = grants("2024-01-05", "nullement")
    assert [(i.line, i.message_en) for i in ex.issues if i.field == "dateConvention"] == [
        (3, "unreadable date 'nullement': ignored")]
