"""Reading a grants list written as a workbook (:mod:`workbooks`) the way an ingest reads it, for the spreadsheet
tests: its extraction with every issue reported, its grants' amounts by line, its warnings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import RDF

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI, SCHEMA
from graph.table_checks import collected_issues


def ingest(data: bytes, name: str = "subventions.xlsx"):
    """The extraction of a grants workbook, and the issues the ingest reports with it (its tables' too)."""
    with collected_issues() as issues:
        ex = extract(SourceContext(Path(name), data))
    return ex, issues + ex.issues


def amounts(ex) -> dict[int, Decimal]:
    """The amount of each grant, by its row's line."""
    return {int(ex.graph.value(g, MAI.rowNumber)): ex.graph.value(g, SCHEMA.amount).toPython()
            for g in ex.graph.subjects(RDF.type, MAI.Grant)}


def warned(issues, words: str) -> list[tuple[int | None, str]]:
    """The line and message of each warning that says ``words``."""
    return [(i.line, i.message) for i in issues if i.level == "warning" and words in i.message]
