"""A grants list's decision date (``dateDecision``) is kept once: by the deliberation that the row's reference names
(``dcterms:date``), else on the grant itself (``dcterms:dateAccepted``): a row without a reference, or whose reference
names no deliberation (a convention, another act), lost it, though it gave the grant's year."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, XSD

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI

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
