"""How the command line shows what it read: a query's table names a blank node as SPARQL writes it (``_:id``), a
SHACL result's files are counted in the singular or the plural, and an ingest's summary counts a result that several
of its files are told of once, as ``maillage validate`` counts it."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

from graph.ingest.pipeline_reports import IngestReport
from graph.results import RowsResult
from graph.validation import Violation
from webapp.reports import format_summary, format_table
from webapp.shacl_results import format_violations

FOUNDING = "http://schema.org/foundingDate"


def test_a_query_table_shows_a_blank_node_as_sparql_writes_it():
    result = RowsResult("select", ["b", "t"], [(BNode("ed7ff4b3"), Literal("ed7ff4b3")), (URIRef("https://ex.org/a"),
                                                                                          None)])
    assert format_table(result).splitlines()[2:4] == ["_:ed7ff4b3        ed7ff4b3", "https://ex.org/a"]


@pytest.mark.parametrize("files, lang, said", [
    (4, "fr", "a.csv, b.csv, c.csv et 1 autre fichier:"), (5, "fr", "a.csv, b.csv, c.csv et 2 autres fichiers:"),
    (4, "en", "a.csv, b.csv, c.csv and 1 more file:"), (5, "en", "a.csv, b.csv, c.csv and 2 more files:")])
def test_the_files_beyond_the_first_three_are_counted_in_the_singular_or_the_plural(files, lang, said):
    sources = tuple(f"{name}.csv" for name in "abcde"[:files])
    found = Violation("https://ex.org/a", FOUNDING, "Dates différentes", "Dates differ", "Info", sources=sources)
    assert format_violations([found], lang)[0].startswith(said)


def _told_twice(severity: str) -> list[IngestReport]:
    """Two files of one ingest, each told of the same result (the founding dates that they state together)."""
    found = Violation("https://ex.org/a", FOUNDING, "Dates différentes", "Dates differ", severity, "1978, 2009")
    return [IngestReport(file=name, kind="rna", violations=[found]) for name in ("a.csv", "b.csv")]


@pytest.mark.parametrize("severity, lang, said", [
    ("Info", "fr", " ; 1 information non affichée (--verbose les affiche)"),
    ("Info", "en", "; 1 info not shown (--verbose shows them)"),
    ("Warning", "fr", " ; 1 avertissement"), ("Warning", "en", "; 1 warning"),
    ("Violation", "fr", " ; 1 violation des formes SHACL (maillage validate ; --strict les refuse)"),
    ("Violation", "en", "; 1 SHACL shape violation (maillage validate; --strict refuses them)")])
def test_an_ingest_summary_counts_a_result_that_two_files_are_told_of_once(severity, lang, said):
    assert format_summary(_told_twice(severity), [], lang).endswith(said)
