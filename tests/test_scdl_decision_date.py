"""A grants list's decision date (``dateDecision``) is kept once: by the deliberation that the row's reference names
(``dcterms:date``), else on the grant itself (``dcterms:dateAccepted``): a row without a reference, or whose reference
names no deliberation (a convention, another act), lost it, though it gave the grant's year. Two lists that publish
one grant are told by it as by the convention date (:mod:`graph.ingest.scdl_repeated`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, XSD

from graph.ingest.base import SourceContext
from graph.ingest.pipeline import ingest_paths
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI
from graph.store import open_store

HEAD = "nomAttribuant;idAttribuant;referenceDecision;dateDecision;nomBeneficiaire;rnaBeneficiaire;montant"
DAY = Literal("2016-03-12", datatype=XSD.date)


def decision_dates(reference: str, day: str = "2016-03-12") -> tuple[list, list]:
    """The decision dates that one row of a list, of ``reference`` and dated ``day``, gives its grant
    (``dcterms:dateAccepted``) and its deliberations (``dcterms:date``)."""
    row = f"Saint-Etienne Métropole;24420077000018;{reference};{day};Asso;W423012700;20000"
    graph = extract(SourceContext(Path("list.csv"), "\n".join([HEAD, row, ""]).encode())).graph
    (grant,) = graph.subjects(RDF.type, MAI.Grant)
    return (list(graph.objects(grant, DCTERMS.dateAccepted)),
            [day for d in graph.subjects(RDF.type, MAI.Deliberation) for day in graph.objects(d, DCTERMS.date)])


@pytest.mark.parametrize("reference", ["", "CONV N° 978-15", "042-244200770-20160312-A2016_12-AI"])
def test_a_decision_date_that_no_deliberation_holds_is_kept_on_the_grant(reference):
    assert decision_dates(reference) == ([DAY], [])


@pytest.mark.parametrize("reference", ["2016.00240", "042-244200770-20160312-D2016_12-DE"])
def test_a_decision_date_that_a_deliberation_holds_is_not_repeated_on_the_grant(reference):
    assert decision_dates(reference) == ([], [DAY])


def test_a_row_without_a_decision_date_gives_its_grant_none():
    assert decision_dates("", day="") == ([], [])


TWICE_HEAD = ("nomAttribuant;idAttribuant;dateConvention;referenceDecision;dateDecision;nomBeneficiaire;"
              "idBeneficiaire;montant")
#: A grant that only its decision date dates: no reference, no convention date.
DECIDED_ROW = "Ville d'Antibes;21060004500012;;;2016-03-12;Club;37939422400016;33000"


def published_again(store, tmp_path: Path, *rows: str) -> list[int]:
    """The lines of the last of ``rows``' lists (one row each, ingested in turn into ``store``) warned as already
    published by another."""
    for number, row in enumerate(rows, 1):
        (path := tmp_path / f"liste{number}.csv").write_text(f"{TWICE_HEAD}\n{row}\n", encoding="utf-8")
        (report,) = ingest_paths(store, [path])
    return [i.line for i in report.issues if i.message.startswith("subvention déjà publiée par")]


def test_a_grant_that_two_lists_date_by_one_decision_date_alone_is_warned_as_published_twice(any_store, tmp_path):
    assert published_again(any_store, tmp_path, DECIDED_ROW, DECIDED_ROW) == [2]


def test_a_grant_that_a_list_dates_by_its_decision_and_another_by_a_convention_of_that_day_is_warned(any_store,
                                                                                                     tmp_path):
    """The convention date that the second row alone gives is the one that the project's SCDL export writes for the
    first (SCDL 2.1.1 has no dateDecision column)."""
    convention_alone = DECIDED_ROW.replace(";;;2016-03-12", ";2016-03-12;;")
    assert published_again(any_store, tmp_path, DECIDED_ROW, convention_alone) == [2]


@pytest.mark.parametrize("first, second, warned", [
    (DECIDED_ROW, DECIDED_ROW.replace("2016-03-12", "2017-03-14"), False),  # a yearly grant, decided each year
    (DECIDED_ROW.replace(";;;", ";2016-04-01;;"), DECIDED_ROW.replace(";;;", ";2016-04-01;;"), True),
    (DECIDED_ROW.replace(";;;", ";2016-04-01;;"),
     DECIDED_ROW.replace(";;;2016-03-12", ";2016-04-01;;2017-03-14"), False),  # one convention date, two decisions
    (DECIDED_ROW.replace(";;;", ";;CONV N° 978-15;"), DECIDED_ROW.replace(";;;", ";;CONV N° 978-15;"), True),
    (DECIDED_ROW.replace(";;;", ";;CONV N° 978-15;"),
     DECIDED_ROW.replace(";;;2016-03-12", ";;CONV N° 978-15;2017-03-14"), False),  # one convention, two decisions
    (DECIDED_ROW.replace(";;;", ";;CONV N° 978-15;"), DECIDED_ROW.replace(";;;2016-03-12", ";;CONV N° 978-15;"),
     True),  # one of the two gives no decision date
    (DECIDED_ROW, DECIDED_ROW.replace(";;;2016-03-12", ";2016-03-14;;"), False),
    (DECIDED_ROW.replace(";;;", ";2016-04-01;;"), DECIDED_ROW.replace(";;;2016-03-12", ";2016-03-12;;"),
     False),  # two convention dates
    (DECIDED_ROW, DECIDED_ROW.replace(";;;2016-03-12", ";2016-03-12;;2017-03-14"), False),  # two decision dates
    (DECIDED_ROW, DECIDED_ROW.replace(";;;2016-03-12", ";2016-03-12;2016.00240;2016-01-10"),
     False),  # the second's decision date is its deliberation's
    (DECIDED_ROW.replace(";;;2016-03-12", ";2016-03-12;2016.00240;2016-01-10"), DECIDED_ROW, False),
], ids=["two decision dates", "one convention date", "one convention date, two decision dates", "one convention",
        "one convention, two decision dates", "one convention, one decision date",
        "a decision date, the convention date of another day",
        "a decision date and convention date, the convention date of the decision's day",
        "a decision date, the convention date of that day and another decision date",
        "a decision date, the convention date of that day and a deliberation of another day",
        "the convention date of a decision date's day and a deliberation of another day, that decision date"])
def test_two_lists_grants_with_decision_dates_are_one_grant_only_if_those_dates_agree(tmp_path, first, second,
                                                                                       warned):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        assert bool(published_again(store, tmp_path, first, second)) is warned
    finally:
        store.close()
