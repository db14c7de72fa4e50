"""SCDL re-export of a payment period that matches the schema's pattern but looks wrong: its end before its start
(``2018-03-14/2017-03-14``, warned at ingest and stored as the source wrote it) is the publisher's value, which the
schema accepts: written as published and counted among the doubtful values (the convention date put in its place was
no payment period at all); a day no calendar has is no period: written as the convention date, like a period stored
unreadable, and counted among the values replaced. ``--verbose`` names the grants and the periods held.
"""

from __future__ import annotations

import csv
import io

import pytest

from graph.export import export_scdl
from graph.ingest.pipeline import ingest_paths
from graph.scdl_export_rows import doubtful_cells, replaced_cells
from graph.scdl_export_summary import scdl_summary
from graph.store import open_store

HEADER = ("nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;"
          "objet;montant;nature;conditionsVersement;datesPeriodeVersement;idRAE;notificationUE;pourcentageSubvention;"
          "dispositifAide\n")


def _row(n: int, period: str) -> str:
    return (f"Saint-Etienne Métropole;24420077000018;2024-05-16;2024.00240;Asso {n};;W42301260{n};Coordination santé;"
            f"20000;aide en numéraire;unique;{period};;non;1;\n")


def test_a_reversed_period_is_written_as_published_and_said_doubtful_and_a_day_of_no_calendar_replaced(tmp_path):
    source = tmp_path / "subventions.csv"
    source.write_text(HEADER + _row(0, "2018-03-14/2017-03-14") + _row(1, "2017-03-14/2018-03-14")
                      + _row(2, "2017-30-05"), encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    ingest_paths(store, [source])
    out = io.BytesIO()
    counts = export_scdl(store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert [r["datesPeriodeVersement"] for r in rows] == ["2018-03-14/2017-03-14", "2017-03-14/2018-03-14",
                                                          "2024-05-16"]
    assert (counts["replaced"], counts["doubtful"]) == ({"datesPeriodeVersement": 1}, {"datesPeriodeVersement": 1})
    assert scdl_summary(counts, verbose=True).splitlines()[1:] == [
        "  1 valeur remplacée : datesPeriodeVersement (1, par la date de dateConvention) ; 1 valeur douteuse, écrite "
        "telle que publiée : datesPeriodeVersement (1, période qui finit avant de commencer)",
        "    datesPeriodeVersement remplacée : https://w3id.org/maillage/id/grant/subventions-csv/"
        "rna-w423012602-2024-05-16-2024-00240 (« 2017-30-05 »)",
        "    datesPeriodeVersement douteuse : https://w3id.org/maillage/id/grant/subventions-csv/"
        "rna-w423012600-2024-05-16-2024-00240 (2018-03-14/2017-03-14)"]


@pytest.mark.parametrize("period, replaced, doubtful", [
    ("2018-03-14/2017-03-14", False, True),  # its end before its start: the publisher's, which the schema accepts
    ("2017-02-30", True, False),  # no such day
    ("2017-03-14/2017-13-01", True, False),
    ("2017", True, False),
    ("2017-03-14/2017-03-14", False, False),  # one day
    ("2017-03-14", False, False),
    ("2016-02-29/2017-02-28", False, False),
])
def test_a_period_of_no_calendar_is_replaced_and_a_reversed_one_kept_as_doubtful(period, replaced, doubtful):
    grant = {"paymentPeriod": period, "aidForms": "aide en numéraire", "purpose": "x", "conventionDate": "2017-03-14"}
    assert (replaced_cells(grant), doubtful_cells(grant)) == (
        {"datesPeriodeVersement": period} if replaced else {}, {"datesPeriodeVersement": period} if doubtful else {})
