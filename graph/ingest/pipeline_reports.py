"""What the ingest pipeline (:mod:`graph.ingest.pipeline`) tells of each file: its :class:`IngestReport`, and the
:class:`IngestRefused` that ``--strict`` raises with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from rdflib import URIRef

from graph.ingest.base import Issue
from graph.triples import TripleSet
from graph.validation import Violation


@dataclass
class IngestReport:
    """What happened to one file."""

    file: str
    kind: str = ""
    source: URIRef | None = None
    status: str = "stored"  # stored | unchanged | refused
    triples: int = 0  # the graph's size once stored, counted by ingest_paths when it publishes
    issues: list[Issue] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    touched: set[str] = field(default_factory=set)  # IRIs of the resources the file added, changed or removed
    seconds: float = 0.0
    stored_issues: list[Issue] = field(default_factory=list, repr=False)  # what its kind's check_stored said
    told: set[tuple[str, str]] = field(default_factory=set, repr=False)  # its extraction's (Extraction.told)
    #: The report's triples kept with its source, and how to make them of other issues (pipeline_storage.keep_report)
    kept: TripleSet | None = field(default=None, repr=False)
    keeping: Callable[[list[Issue]], TripleSet] | None = field(default=None, repr=False)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "warning"]


class IngestRefused(Exception):
    """``--strict`` refused a file: its report says why; the store is unchanged."""

    def __init__(self, report: IngestReport):
        super().__init__(f"{report.file}: refused")
        self.report = report


__all__ = ["IngestReport", "IngestRefused"]
