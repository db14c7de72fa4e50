"""SCDL deliberation lists at their edges: a date cell that holds the mark of an empty one (« NULL », « None »,
« 0000-00-00 »…), as a database's, a script's or a spreadsheet's export writes it, is empty and said once per
column when the date is optional (PREF_DATE, PUBLICATION_DATE); in DELIB_DATE, the deliberation's own date, it
rejects its row as an empty cell does, saying so."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import DCTERMS

from graph.ingest.base import SourceContext
from graph.ingest.scdl_deliberations import extract
from graph.namespaces import MAI

HEADER = "COLL_NOM;COLL_SIRET;DELIB_ID;DELIB_DATE;DELIB_OBJET;PREF_DATE;PUBLICATION_DATE\n"
MARKS = ["NULL", "null", "None", "NaN", "N/A", "#N/A", "0000-00-00", "00/00/0000", "0000-00-00 00:00:00"]


def deliberations(*rows: tuple[str, str, str, str]):
    """The extraction of a list whose rows give (DELIB_ID, DELIB_DATE, PREF_DATE, PUBLICATION_DATE) for one
    authority."""
    lines = "".join(f"Saint-Etienne Métropole;24420077000018;{number};{date};Objet {number};{prefecture};{published}\n"
                    for number, date, prefecture, published in rows)
    return extract(SourceContext(Path("delibs.csv"), (HEADER + lines).encode()))


@pytest.mark.parametrize("mark", MARKS)
def test_an_optional_date_that_is_a_mark_of_an_empty_cell_is_empty_and_said_once_per_column(mark):
    ex = deliberations(("2024.1", "2024-05-16", mark, mark), ("2024.2", "2024-05-16", mark, mark),
                       ("2024.3", "2024-05-16", mark, "2024-05-20"))
    assert [(i.level, i.line, i.field, i.value) for i in ex.issues] == [
        ("warning", 2, "PREF_DATE", mark), ("warning", 2, "PUBLICATION_DATE", mark)]
    assert ex.issues[0].message == (f"« {mark} » : marque d'une cellule vide (export d'une base de données, d'un "
                                    "script ou d'un tableur), pas une date : lue comme vide, ici et dans le reste de "
                                    "la colonne")
    assert ex.issues[0].message_en == (f"'{mark}': the mark of an empty cell (a database's, a script's or a "
                                       "spreadsheet's export), not a date: read as empty, here and in the rest of "
                                       "the column")
    assert ex.stats["deliberations"] == 3
    assert not set(ex.graph.objects(None, MAI.receivedByPrefecture))
    assert {str(o) for o in ex.graph.objects(None, MAI.publishedOn)} == {"2024-05-20"}


@pytest.mark.parametrize("mark", MARKS)
def test_a_deliberation_date_that_is_a_mark_of_an_empty_cell_rejects_its_row_as_a_missing_date(mark):
    ex = deliberations(("2024.1", mark, "", ""), ("2024.2", "2024-05-16", "", ""), ("2024.3", mark, "", ""))
    assert [(i.level, i.line, i.field, i.value) for i in ex.issues] == [
        ("error", 2, "DELIB_DATE", mark), ("error", 4, "DELIB_DATE", mark)]
    assert ex.issues[0].message == (f"date de délibération manquante : « {mark} » est la marque d'une cellule vide "
                                    "(export d'une base de données, d'un script ou d'un tableur), pas une date")
    assert ex.issues[0].message_en == (f"deliberation date missing: '{mark}' is the mark of an empty cell (a "
                                       "database's, a script's or a spreadsheet's export), not a date")
    assert ex.stats["deliberations"] == 1 and ex.stats["rows_rejected"] == 2
    assert {str(o) for o in ex.graph.objects(None, DCTERMS.identifier)} == {"2024.2"}


@pytest.mark.parametrize("raw, said", [
    ("nullement", "unreadable date 'nullement'"),
    ("2024-00-00", "impossible date '2024-00-00'"),
])
def test_a_date_that_is_no_date_nor_a_mark_is_still_said_on_each_row(raw, said):
    ex = deliberations(("2024.1", "2024-05-16", raw, ""), ("2024.2", "2024-05-16", raw, ""))
    assert [(i.line, i.field, i.message_en) for i in ex.issues] == [(2, "PREF_DATE", said), (3, "PREF_DATE", said)]
