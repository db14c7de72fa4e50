"""SCDL re-export of a payment period that matches the schema's pattern but cannot be true — its end before its start
(``2018-03-14/2017-03-14``, warned at ingest and stored as the source wrote it), or a day no calendar has: an SCDL
consumer checks the pattern only and would read it as a fact. It is written as the convention date, like a period
stored unreadable, and counted among the values replaced, the period held named with ``--verbose``.
"""

from __future__ import annotations

import csv
import io

import pytest

from graph.export import export_scdl
from graph.ingest.pipeline import ingest_paths
from graph.scdl_export_rows import replaced_cells
from graph.scdl_export_summary import scdl_summary
from graph.store import open_store

HEADER = ("nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;"
          "objet;montant;nature;conditionsVersement;datesPeriodeVersement;idRAE;notificationUE;pourcentageSubvention;"
          "dispositifAide\n")


def _row(n: int, period: str) -> str:
    return (f"Saint-Etienne Métropole;24420077000018;2024-05-16;2024.00240;Asso {n};;W42301260{n};Coordination santé;"
            f"20000;aide en numéraire;unique;{period};;non;1;\n")


def test_a_reversed_period_is_written_as_the_convention_date_and_counted_as_replaced(tmp_path):
    source = tmp_path / "subventions.csv"
    source.write_text(HEADER + _row(0, "2018-03-14/2017-03-14") + _row(1, "2017-03-14/2018-03-14"), encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    ingest_paths(store, [source])
    out = io.BytesIO()
    counts = export_scdl(store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert [r["datesPeriodeVersement"] for r in rows] == ["2024-05-16", "2017-03-14/2018-03-14"]
    assert counts["replaced"] == {"datesPeriodeVersement": 1}
    assert [(s["column"], s["held"]) for s in counts["substituted"]] == [
        ("datesPeriodeVersement", "2018-03-14/2017-03-14")]
    assert scdl_summary(counts, verbose=True).splitlines()[1:] == [
        "  1 valeur remplacée : datesPeriodeVersement (1, par la date de dateConvention)",
        "    datesPeriodeVersement remplacée : https://w3id.org/maillage/id/grant/subventions-csv/2 "
        "(« 2018-03-14/2017-03-14 »)"]


@pytest.mark.parametrize("period, replaced", [
    ("2018-03-14/2017-03-14", True),  # its end before its start
    ("2017-02-30", True),  # no such day
    ("2017-03-14/2017-13-01", True),
    ("2017-03-14/2017-03-14", False),  # one day
    ("2017-03-14", False),
    ("2016-02-29/2017-02-28", False),
])
def test_a_period_that_cannot_be_true_is_replaced(period, replaced):
    assert replaced_cells({"paymentPeriod": period, "aidForms": "aide en numéraire", "purpose": "x",
                           "conventionDate": "2017-03-14"}) == ({"datesPeriodeVersement": period} if replaced else {})
