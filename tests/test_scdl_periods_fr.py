"""A grants list's payment period written in French is read as a period: a month is the whole month, two dates
joined by a dash or by "au" are its start and end, and an end before the start is said, the text kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI

HEAD = "nomAttribuant;idAttribuant;nomBeneficiaire;rnaBeneficiaire;montant;datesPeriodeVersement"


def listed(period: str):
    row = f"Saint-Etienne Métropole;24420077000018;Asso;W423016800;20000;{period}"
    return extract(SourceContext(Path("list.csv"), "\n".join([HEAD, row, ""]).encode()))


@pytest.mark.parametrize("period, read", [
    ("juin 2024", "2024-06-01/2024-06-30"),
    ("février 2024", "2024-02-01/2024-02-29"),
    ("01/06/2024 - 31/12/2024", "2024-06-01/2024-12-31"),
    ("du 01/06/2024 au 31/12/2024", "2024-06-01/2024-12-31"),
    ("2024-06-01 au 2024-12-31", "2024-06-01/2024-12-31"),
    ("du 1er juin 2024 au 31 décembre 2024", "2024-06-01/2024-12-31"),
])
def test_a_period_written_in_french_is_read_as_its_start_and_end(period, read):
    ex = listed(period)
    assert set(ex.graph.objects(None, MAI.paymentPeriod)) == {Literal(read)}
    assert [i.message for i in ex.issues] == []


@pytest.mark.parametrize("period", ["31/12/2024 - 01/06/2024", "du 2024-12-31 au 2024-06-01"])
def test_a_period_in_french_that_ends_before_it_starts_is_said_and_kept_as_written(period):
    ex = listed(period)
    assert set(ex.graph.objects(None, MAI.paymentPeriod)) == {Literal(period)}
    assert [(i.line, i.field, i.message) for i in ex.issues] == [
        (2, "datesPeriodeVersement", f"période à l'envers « {period} » : gardée telle quelle")]


def test_a_period_whose_dates_are_unreadable_is_kept_as_written_and_said_so():
    ex = listed("du début au 31/12/2024")
    assert set(ex.graph.objects(None, MAI.paymentPeriod)) == {Literal("du début au 31/12/2024")}
    assert [i.message.split(" : ")[0] for i in ex.issues] == ["période illisible « du début au 31/12/2024 »"]


def test_a_row_with_a_trailing_separator_and_a_period_in_french_is_read_not_taken_for_a_shifted_row():
    ex = extract(SourceContext(Path("list.csv"), f"{HEAD}\nVille;21060004500392;Club;W423016800;100;"
                                                 "du 01/06/2024 au 31/12/2024;\n".encode()))
    assert set(ex.graph.objects(None, MAI.paymentPeriod)) == {Literal("2024-06-01/2024-12-31")}
