"""How the ingest pipeline (:mod:`graph.ingest.pipeline`) publishes the files it stored: validated together (by the
writer, the stored graphs counted meanwhile, or on the snapshot by a :class:`graph.ingest.checker.Checker`),
published to readers, the grants that partner registers describe linked anew, then announced, the results of an
RDF file each with its line.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from rdflib import URIRef

from graph.gc_pause import cyclic_gc_paused
from graph.ingest import get_kind
from graph.ingest.checker import Checker
from graph.ingest.pipeline_file import validation_threads
from graph.ingest.pipeline_reports import IngestReport
from graph.ingest.pipeline_storage import keep_anew
from graph.ingest.rdf_lines import file_with_lines
from graph.ingest.register_links import relink
from graph.ingest.sources import stored_sha256
from graph.store import fault_point, parse_base
from graph.validation import Violation, validate_graphs


class Publishing:
    """The files an ingest stored since its last publish, and their way to readers: validated (by the writer, or
    on the snapshot by a :class:`graph.ingest.checker.Checker`), published, then announced through ``on_report``
    and ``on_publish`` (see :func:`graph.ingest.pipeline.ingest_paths`)."""

    def __init__(self, writer, checker: Checker | None, strict: bool, on_report, on_publish,
                 before_publish=lambda touched: None, lines_for_infos: bool = False):
        self.writer, self.checker, self.strict = writer, checker, strict
        self.lines_for_infos = lines_for_infos  # the reports show the infos too (--verbose)
        self.on_report, self.on_publish, self.before_publish = on_report, on_publish, before_publish
        self.pending: list[tuple[IngestReport, Path]] = []  # stored since the last publish
        self.checking: list[tuple[IngestReport, Path]] = []  # the files of the publish whose check is under way

    @cyclic_gc_paused()  # graph.gc_pause
    def publish(self) -> None:
        writer = self.writer
        stored = [report for report, _ in self.pending if report.status == "stored" and report.source is not None]
        if self.checker is None:
            with _counting(writer, stored):
                if not self.strict and stored:  # the files of one publish together (each its own violations)
                    found = validate_graphs(writer.query, [report.source for report in stored],
                                            validation_threads(writer))
                    for report in stored:
                        report.violations = found[report.source]
        if touched := set().union(*(report.touched for report in stored)):
            self.before_publish(touched)
        writer.commit()
        fault_point("after-publish")  # published, the search index not yet updated
        if self.checking:
            self._announce_checked()
        if self.checker is not None and stored:
            self.checker.send(writer.published, [str(report.source) for report in stored])
            self.checking = self.pending
        else:
            self._announce(self.pending)
        self.pending = []

    def link_grants(self, stored: set[URIRef | None]) -> None:
        """Link anew the grants that partner registers describe (:func:`graph.ingest.register_links.relink`), once
        the files of a batch (``stored``: their sources) are stored: the grants whose goals changed are touched by
        the publish to come, in the report of its last stored file, with the warnings about the registers that the
        batch did not store. Without such a file (the last ones failed or were unchanged), they are published at once
        in a report of their own that ``on_publish`` alone hears of: the search index follows, the warnings go
        unsaid."""
        touched, issues = relink(self.writer, {source for source in stored if source is not None})
        if touched:
            self._settle_stored_issues()
        if not touched and not issues:
            return
        last = next((report for report, _ in reversed(self.pending) if report.status == "stored"), None)
        if last is not None:
            last.touched |= touched
            last.issues += issues
            return
        if touched:
            self.before_publish(touched)
        self.writer.commit()
        self.on_publish([IngestReport(file="", kind="register", status="stored", issues=issues, touched=touched)])

    def _settle_stored_issues(self) -> None:
        """Drop from the reports not yet announced the issues of their kind's ``check_stored`` that a later file of
        the batch settled (a register's grant reference that its grants list links): it is told anew, and so is the
        report kept with its source."""
        for report, _ in self.pending:
            recheck = get_kind(report.kind).recheck_stored if report.stored_issues else None
            if recheck is None or report.source is None:
                continue
            fresh, counts = recheck(self.writer, report.source)
            report.stats.update(counts)
            settled = [issue for issue in report.stored_issues if issue not in fresh]
            report.issues = [issue for issue in report.issues if issue not in settled]
            report.stored_issues = [issue for issue in report.stored_issues if issue in fresh]
            if settled:
                keep_anew(self.writer, report)  # the source's kept report says what its ingest says now

    def finish(self) -> None:
        """Publish what is left, and announce the last check's files."""
        if self.pending:
            self.publish()
        if self.checking:
            self._announce_checked()

    def _announce(self, files: list[tuple[IngestReport, Path]]) -> None:
        for report, path in files:
            if report.kind == "rdf" and report.violations and not self.strict:  # --strict: given by ingest_file
                report.violations = _with_lines(self.writer, report, path, self.lines_for_infos)
            self.on_report(report, None, path)
        self.on_publish([report for report, _ in files])

    def _announce_checked(self) -> None:
        checked = self.checker.receive()
        for report, _ in self.checking:
            if (source := str(report.source)) in checked.sizes:
                report.violations, report.triples = checked.violations[source], checked.sizes[source]
        self._announce(self.checking)
        self.checking = []


def _with_lines(writer, report: IngestReport, path: Path, infos: bool) -> list[Violation]:
    """The results of an RDF file's report, each with the line where the file writes its focus node's statement
    (its infos too only with ``infos``): the file read again, only once it has results to give lines to
    (:mod:`graph.ingest.rdf_lines`), and only if it is still the one stored."""
    return file_with_lines(report.violations, path, report.stats.get("format", ""), parse_base(report.source),
                           stored_sha256(writer.query, report.source), infos)


@contextlib.contextmanager
def _counting(writer, reports: list[IngestReport]):
    """Count the stored graphs of ``reports`` in a thread while the block runs: the engine evaluates a COUNT without
    holding the GIL, so it overlaps the block's validation (2M triples: 1.8 s of counting hidden)."""
    failed: list[BaseException] = []

    def count() -> None:
        try:
            for report in reports:
                report.triples = writer.graph_size(report.source)
        except BaseException as exc:  # raised in the caller's thread below, not lost with this one
            failed.append(exc)

    if not writer.concurrent_queries:  # e.g. rdflib's memory store: its writer holds the store's lock
        count()
        yield
    else:
        counter = threading.Thread(target=count, name="count-graphs")
        counter.start()
        try:
            yield
        finally:
            counter.join()
    if failed:
        raise failed[0]


__all__ = ["Publishing"]
