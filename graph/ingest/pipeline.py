"""The ingest pipeline: file -> kind -> extraction -> actors resolved -> one named graph, validated, stored.

All or nothing per file: a file that cannot be read raises InputError before the store is touched, as does a
table none of whose rows could be kept (:func:`graph.ingest.lookahead.extract`); a file whose RDF turns out not to
parse while the store loads it, or that ``--strict`` refuses, is rolled back inside the writer, so readers never
see it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph.identity import siren_of
from graph.ingest import get_kind, kinds
from graph.ingest.base import Extraction, InputError, Issue, SourceContext, new_graph, source_iri
from graph.ingest.checker import Checker
from graph.ingest.lookahead import LOOKAHEAD_MAX_BYTES, Lookaheads, Prepared, extract, kind_of, lost
from graph.ingest.rdf_checks import others_hold_identifiers, rdf_file_issues
from graph.ingest.rdf_first_pass import Observed
from graph.ingest.rdf_lines import file_with_lines, with_lines
from graph.ingest.register_links import relink
from graph.ingest.shared_concepts import keep_one_pref_label
from graph.ingest.source_messages import (graphs_issue, relative_issue, replacement_issues, same_name,
                                          same_source)
from graph.ingest.sources import StoredSources, lost_things, stored_sha256, stored_subjects, stored_title
from graph.ingest.unknown import compressed, word_document
from graph.namespaces import DEFAULT_BASE, MAI, SCHEMA
from graph.ontology import read_vocabulary, superclasses, vocabulary_files
from graph.parse_errors import invalid_rdf
from graph.resolution import canonical_deliberations, resolve_actors
from graph.backup import is_dump, restore_report
from graph.formats import rdf_format_for_path
from graph.gc_pause import cyclic_gc_paused
from graph.store import RdfSyntaxError, fault_point, parse_base
from graph.triples import TripleSet, plain_literal
from graph.validation import THREADS, Violation, validate, validate_graphs

#: Validating publishes in a third process (:mod:`graph.ingest.checker`) pays from this many cores: on two, the
#: writer and the lookahead keep both busy, and the check's own cost (a snapshot read with cold caches: +20 %) made
#: the 100k-actor corpus's small files 5-15 % slower (3 runs each, alternating).
CHECK_APART_FROM_CORES = 3
#: Files larger than this are refused before reading (a 2M-triple N-Triples file is ~250 MB).
MAX_FILE_BYTES = 2 * 1024**3
#: Files whose graphs the writer is told of at once (``Writer.expect``): the embedded store journals them in one
#: write, one fsync for this many files instead of one each (300 SCDL grant lists at 100k actors, 2 cores, load
#: 0.4 to 4: 300 writes in 0.5-1.7 s became 6 or 7 in 0.02-0.05 s). The price: a writer killed before its publish
#: has the next writer restore from the snapshot the graphs of the files it had not reached too, each copied back
#: unchanged (a recovery of 64 such lists took 0.19 s, as one of 10 did; a large file among them costs its whole
#: graph's copy).
EXPECT_BATCH = 64


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


def read_source(path: Path, base: str = DEFAULT_BASE, options: dict | None = None) -> SourceContext:
    """Read a file into a SourceContext; raises InputError when it cannot be read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"fichier trop volumineux ({size} octets, limite {MAX_FILE_BYTES})",
                             message_en=f"file too large ({size} bytes, limit {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError("c'est un dossier, pas un fichier", message_en="is a directory, not a file") from None
    except OSError as exc:
        from graph.french_text import os_reason

        said, said_en = os_reason(exc)
        raise InputError(f"lecture impossible : {said}", message_en=f"cannot read: {said_en}") from None
    if (refused := compressed(data) or word_document(data)) is not None:
        raise refused
    return SourceContext(path=path, data=data, base=base, options=dict(options or {}))


def ensure_vocabularies(writer) -> list[str]:
    """Store the shipped ontology and SKOS schemes, each in its graph, when missing or changed."""
    import hashlib

    loaded = []
    for name, iri in vocabulary_files().items():
        data = read_vocabulary(name)
        sha = hashlib.sha256(data).hexdigest()
        graph = URIRef(iri)
        if stored_sha256(writer.query, graph) == sha:
            continue
        writer.replace_graph(graph, data, "turtle")
        writer.add(graph, _describe(graph, name, sha, "text/turtle", "vocabulary"))
        loaded.append(name)
    return loaded


def _describe(source: URIRef, title: str, sha: str, media_type: str, kind: str, text: str | None = None) -> TripleSet:
    graph = new_graph()
    graph.add((source, RDF.type, MAI.Source))
    graph.add((source, RDF.type, PROV.Entity))
    graph.add((source, DCTERMS.title, Literal(title)))
    graph.add((source, MAI.sha256, Literal(sha)))
    graph.add((source, DCTERMS.format, Literal(media_type)))
    graph.add((source, DCTERMS.type, Literal(kind)))
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    graph.add((source, PROV.generatedAtTime, Literal(now.isoformat(), datatype=XSD.dateTime)))
    if text is not None:
        graph.add((source, SCHEMA.text, Literal(text)))
    return graph


def _media_type(ctx: SourceContext, kind: str) -> str:
    fmt = rdf_format_for_path(ctx.path)
    if kind == "rdf" and fmt:
        return fmt.media_type
    suffix = ctx.path.suffix.lower()
    return {".pdf": "application/pdf", ".csv": "text/csv", ".tsv": "text/tab-separated-values",
            ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".ods": "application/vnd.oasis.opendocument.spreadsheet", ".md": "text/markdown",
            ".yaml": "application/yaml", ".yml": "application/yaml"}.get(suffix, "text/plain")


def _materialise_extraction(graph: TripleSet, source: URIRef) -> None:
    """Add to ``graph`` the superclass types of its resources, their ``prov:wasDerivedFrom`` source, and the SIREN
    of actors known only by a SIRET (so that identity lookups find them).

    Superclass types are materialised once here rather than inferred at query time (OWL-RL inference did not
    finish at 10k actors, DESIGN.md). RDF files get the same through
    :class:`graph.ingest.rdf_first_pass.Observed`.
    """
    supers, a, derived_from, siren_p = superclasses(), RDF.type, PROV.wasDerivedFrom, MAI.siren
    add = graph.add  # rdflib makes a new term at each RDF.type or PROV.… (~1 s per 100k actors' extract)
    for subject, _, cls in list(graph.triples((None, a, None))):
        for sup in supers.get(cls, ()):
            add((subject, a, sup))
        if isinstance(subject, URIRef) and subject != source:
            add((subject, derived_from, source))
    for subject, _, siret in list(graph.triples((None, MAI.siret, None))):
        if graph.value(subject, siren_p) is None and (siren := siren_of(str(siret))):
            add((subject, siren_p, plain_literal(siren)))


def ingest_file(writer, ctx: SourceContext, kind: str | None = None, strict: bool = False,
                force: bool = False, prepared: Prepared | None = None,
                sources: StoredSources | None = None) -> IngestReport:
    """Ingest one read file through ``writer`` and return its report.

    Raises InputError when the file cannot be read or extracted (nothing stored), IngestRefused when ``strict``
    refuses it (nothing stored either). Only ``strict`` validates here; otherwise the report's violations are left
    for :func:`ingest_paths` to find with the other files of the publish (:func:`graph.validation.validate_graphs`).
    ``prepared``: what :func:`graph.ingest.lookahead.prepare` made of ``ctx`` in advance, if anything;
    ``sources``: what the store held of the sources when the ingest started (else ``writer`` is asked).
    """
    started = time.perf_counter()
    if prepared is None or not prepared.kind:
        prepared = None if prepared is None or lost(prepared) else prepared.result()  # raises the detection's error
        source_kind = kind_of(ctx, kind)
    else:
        source_kind = get_kind(prepared.kind)
    if source_kind.name == "rdf" and is_dump(ctx.data, ctx.path):  # a `maillage export` dump: restore it
        if sources is not None:
            sources.forget_all()  # a dump may restore any graph
        if (restored := restore_report(writer, ctx, started)) is not None:
            return restored
    report = IngestReport(file=ctx.name, kind=source_kind.name, source=ctx.source)
    stored_sha = sources.sha256(ctx.source) if sources is not None else stored_sha256(writer.query, ctx.source)
    if not force and stored_sha == ctx.sha256:
        report.status = "unchanged"
        return report
    if stored_sha is not None and stored_sha != ctx.sha256 and not ctx.options.get("source_name") \
            and (title := stored_title(writer.query, ctx.source)) not in (None, ctx.name):
        raise same_source(ctx, title)
    if prepared is None or source_kind.name == "rdf":
        prepared = extract(ctx, source_kind.name)
    extraction: Extraction = prepared.result()
    report.issues, report.stats = list(extraction.issues), dict(extraction.stats)
    if stored_sha is not None and stored_sha != ctx.sha256:  # a new version, or another file of the same name
        # what a replacement withdraws is said first: the lines after the twentieth are cut from the report
        fewer = lost_things(writer.query, ctx.source, extraction.graph) if extraction.graph is not None else []
        report.issues[:0] = replacement_issues(ctx.name, fewer)
    if strict and extraction.errors:
        report.status = "refused"
        raise IngestRefused(report)
    old_subjects = (sources.subjects(ctx.source) if sources is not None
                    else stored_subjects(writer.query, ctx.source))
    description = _describe(ctx.source, ctx.name, ctx.sha256, _media_type(ctx, source_kind.name), source_kind.name,
                            extraction.text)
    if extraction.graph is not None:
        new_subjects = _store_extraction(writer, ctx, source_kind, extraction.graph, description, report)
        refused = False
    else:
        new_subjects, refused = _store_rdf(writer, ctx, extraction.rdf, description, strict, report)
    if strict and not refused:
        report.violations = validate(writer.query, ctx.source, _threads(writer))
        if extraction.rdf is not None:
            report.violations = with_lines(report.violations, *extraction.rdf, parse_base(ctx.source))
    if refused or strict and any(v.severity == "Violation" for v in report.violations):
        writer.restore(ctx.source)
        report.status = "refused"
        raise IngestRefused(report)
    fault_point("after-validate")
    report.touched = {str(s) for s in old_subjects} | new_subjects
    report.seconds = time.perf_counter() - started
    return report


def _store_extraction(writer, ctx: SourceContext, source_kind, graph: TripleSet, description: TripleSet,
                      report: IngestReport) -> set[str]:
    """Store what an extractor made of a file, its actors resolved against the store, as the file's named graph;
    return the subjects it touched. What the stored graph tells beyond the file (``check_stored``) goes to
    ``report``."""
    resolution = resolve_actors(graph, writer.query, ctx.source, source_kind.name)
    outranked = keep_one_pref_label(graph, writer.query, ctx.source, source_kind.name)
    canonical_deliberations(graph)
    report.issues += [Issue("warning", fr, en, line) for fr, en, line in resolution.ambiguous]
    graph += description
    _materialise_extraction(graph, ctx.source)
    writer.replace_graph(ctx.source, graph)
    _demote_labels(writer, resolution.demoted)
    _demote_labels(writer, outranked, SKOS.prefLabel)
    changed: set[str] = set()
    if source_kind.check_stored is not None:
        issues, changed, *counts = source_kind.check_stored(writer, ctx.source)
        report.issues += issues
        report.stored_issues = issues
        report.stats.update(*counts)  # what only the store tells: the grants a register links to goals
    fault_point("after-replace")
    return {str(s) for s in graph.subjects() if isinstance(s, URIRef)} | changed


def _store_rdf(writer, ctx: SourceContext, rdf: tuple[bytes, str], description: TripleSet, strict: bool,
               report: IngestReport) -> tuple[set[str], bool]:
    """Load an RDF file through the engine's parser as the file's named graph, with what its first pass implies
    (materialised types, provenance); return the subjects it touched and whether ``strict`` refuses it (it redefines
    terms of the vocabulary contract)."""
    data, fmt = rdf
    others_identified = others_hold_identifiers(writer.query, ctx.source)  # before the file is in the store
    try:
        # A large file starts loading while the first pass reads what it implies (the store's threads).
        with writer.replacing(ctx.source, data, fmt) as add:
            observed = Observed(data, fmt, parse_base(ctx.source))
            ntriples, blank_updates = observed.materialised(ctx.source)
            add(ntriples)
            relative = relative_issue(observed, ctx.source)  # while the engine's threads load
            named = graphs_issue(observed)
    except RdfSyntaxError as exc:
        said, said_en = invalid_rdf(str(exc), exc.line)
        raise InputError(said, line=exc.line, message_en=said_en) from None
    fault_point("after-replace")
    _materialise_extraction(description, ctx.source)
    writer.add(ctx.source, description)
    for update in blank_updates:
        writer.update(update)
    report.issues += [issue for issue in (relative, named) if issue is not None]
    file_issues = rdf_file_issues(writer.query, ctx.source, observed, strict, others_identified)
    report.issues += file_issues
    return observed.touched() | {str(ctx.source)}, any(i.level == "error" for i in file_issues)


def _demote_labels(writer, demoted: list[tuple[URIRef, URIRef, Literal]], predicate: URIRef = RDFS.label) -> None:
    """Make alternative labels, in their sources' graphs, the stored labels (``predicate``) that a better-ranked
    source's name of the same resource outranks (:data:`graph.resolution.LABEL_RANKS` for an actor's ``rdfs:label``,
    :mod:`graph.ingest.shared_concepts` for a goal's ``skos:prefLabel``): one display name per resource."""
    by_graph: dict[URIRef, list[tuple[URIRef, Literal]]] = {}
    for where, actor, label in demoted:
        by_graph.setdefault(where, []).append((actor, label))
    for where, labels in by_graph.items():
        writer.remove(where, [(actor, predicate, label) for actor, label in labels])
        alternative = TripleSet()
        for actor, label in labels:
            alternative.add((actor, SKOS.altLabel, label))
        writer.add(where, alternative)


def _own_error(ctx: SourceContext | InputError, prepared: Prepared | None, kind: str | None) -> InputError | None:
    """Why a file could not be ingested whatever its name — unreadable, of no known kind, or refused by the
    extraction that the lookahead already ran —, told before its name's clash with another file's: the clash
    would hide that it cannot be ingested at all."""
    if isinstance(ctx, InputError):
        return ctx
    if prepared is not None and prepared.issue is not None:
        try:
            prepared.result()
        except InputError as exc:
            return exc
    try:
        kind_of(ctx, kind)
    except InputError as exc:
        return exc
    return None


def ingest_paths(store, paths: Iterable[Path], kind: str | None = None, strict: bool = False,
                 force: bool = False, base: str = DEFAULT_BASE, options: dict | None = None,
                 on_report: Callable[[IngestReport | None, InputError | IngestRefused | None, Path], None]
                 = lambda *a: None,
                 on_publish: Callable[[list[IngestReport]], None] = lambda reports: None,
                 publish_interval: float = 0.0, lookahead: bool = True,
                 check_apart: bool | None = None,
                 before_publish: Callable[[set], None] = lambda touched: None) -> list[IngestReport]:
    """Ingest files one by one under one writer, and publish them to readers.

    Files are published together once ``publish_interval`` seconds have passed since the last publish (0: after
    each file), and at the end: each snapshot, and each search-index update that follows it, then serves many small
    files at once. Readers see every file whole, in its old or its new version, never half. ``on_report`` hears
    of each stored file once readers can see it, ``on_publish`` of the files of each publish (so that the search
    index, which reads the published graph, can follow); ``before_publish`` of what a publish touches, before it
    (so that an ingest stopped between a publish and its index update leaves a note of what the index lacks).

    A file that fails (InputError, IngestRefused) is reported through ``on_report`` at once and leaves its graph
    as it was; the others go on. With ``lookahead``, other processes extract the next files while this one
    stores the current one (:mod:`graph.ingest.lookahead`). With ``check_apart`` (None: when the machine has
    CHECK_APART_FROM_CORES cores) and a store that publishes snapshots, the files of a publish are validated by
    another process on its snapshot while this one goes on (:mod:`graph.ingest.checker`): they are reported, with
    their violations, at the next publish or at the end.
    """
    if check_apart is None:
        check_apart = (os.cpu_count() or 1) >= CHECK_APART_FROM_CORES
    reports: list[IngestReport] = []
    paths = list(paths)
    several = len(paths) > 1
    ahead = None
    if lookahead and several:
        if any(rdf_format_for_path(path) is None for path in paths):
            # The kinds' modules, which detecting any file but RDF imports, imported once, before the fork, not
            # again by each process (the deliberation reader, 0.15 s, is imported by the processes that read one).
            kinds()
        ahead = Lookaheads()  # forked before the store is opened for writing
    checker = Checker() if check_apart and several and not strict and store.snapshots else None
    with ahead or contextlib.nullcontext(), checker or contextlib.nullcontext(), store.writer() as writer:

        def worth_preparing(ctx: SourceContext) -> bool:  # not when the file is unchanged: nothing to extract
            return len(ctx.data) <= LOOKAHEAD_MAX_BYTES and (force or sources.sha256(ctx.source) != ctx.sha256)

        ensure_vocabularies(writer)
        writer.commit()
        sources = StoredSources(writer.query)
        publishing = _Publishing(writer, checker, strict, on_report, on_publish, before_publish)
        published = time.monotonic()
        expected: set[URIRef] = set()  # the graphs the writer was told of since the last publish
        batch = EXPECT_BATCH if publish_interval > 0 else 1  # a publish after each file: nothing to gather
        first_of = {}  # source IRI -> the first file of this ingest that names it
        for path in paths:
            first_of.setdefault(source_iri(path, base, options), path)
        for i, (path, ctx, prepared) in enumerate(_read_ahead(paths, base, options, kind, ahead, worth_preparing)):
            if (first := first_of[source_iri(path, base, options)]) != path:
                on_report(None, _own_error(ctx, prepared, kind) or same_name(first), path)
                continue
            if source_iri(path, base, options) not in expected:
                coming = {source_iri(p, base, options) for p in paths[i:i + batch]}
                writer.expect(coming)
                expected |= coming
            try:
                if isinstance(ctx, InputError):
                    raise ctx
                try:
                    with cyclic_gc_paused():  # graph.gc_pause
                        report = ingest_file(writer, ctx, kind, strict, force, prepared, sources)
                except BaseException:
                    writer.restore(ctx.source)
                    raise
                finally:
                    sources.changed(ctx.source)
            except (InputError, IngestRefused) as exc:
                on_report(None, exc, path)
                continue
            reports.append(report)
            publishing.pending.append((report, path))
            # The last file is published with what the end of the batch changes (publishing.finish).
            if time.monotonic() - published >= publish_interval and i < len(paths) - 1:
                publishing.publish()
                published = time.monotonic()
                expected.clear()  # the publish cleared the journal
        if stored := {report.source for report in reports if report.status == "stored"}:
            publishing.link_grants(stored)
        publishing.finish()
    return reports


class _Publishing:
    """The files an ingest stored since its last publish, and their way to readers: validated (by the writer, or
    on the snapshot by a :class:`graph.ingest.checker.Checker`), published, then announced through ``on_report``
    and ``on_publish`` (see :func:`ingest_paths`)."""

    def __init__(self, writer, checker: Checker | None, strict: bool, on_report, on_publish,
                 before_publish=lambda touched: None):
        self.writer, self.checker, self.strict = writer, checker, strict
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
                    found = validate_graphs(writer.query, [report.source for report in stored], _threads(writer))
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
        the batch settled (a register's grant reference that its grants list links): it is told anew."""
        for report, _ in self.pending:
            recheck = get_kind(report.kind).recheck_stored if report.stored_issues else None
            if recheck is None or report.source is None:
                continue
            fresh, counts = recheck(self.writer, report.source)
            report.stats.update(counts)
            settled = [issue for issue in report.stored_issues if issue not in fresh]
            report.issues = [issue for issue in report.issues if issue not in settled]
            report.stored_issues = [issue for issue in report.stored_issues if issue in fresh]

    def finish(self) -> None:
        """Publish what is left, and announce the last check's files."""
        if self.pending:
            self.publish()
        if self.checking:
            self._announce_checked()

    def _announce(self, files: list[tuple[IngestReport, Path]]) -> None:
        for report, path in files:
            if report.kind == "rdf" and report.violations and not self.strict:  # --strict: given by ingest_file
                report.violations = _with_lines(self.writer, report, path)
            self.on_report(report, None, path)
        self.on_publish([report for report, _ in files])

    def _announce_checked(self) -> None:
        checked = self.checker.receive()
        for report, _ in self.checking:
            if (source := str(report.source)) in checked.sizes:
                report.violations, report.triples = checked.violations[source], checked.sizes[source]
        self._announce(self.checking)
        self.checking = []


def _with_lines(writer, report: IngestReport, path: Path) -> list[Violation]:
    """The results of an RDF file's report, each with the line where the file writes its focus node's statement:
    the file read again, only once it has results (:mod:`graph.ingest.rdf_lines`), and only if it is still the
    one stored."""
    return file_with_lines(report.violations, path, report.stats.get("format", ""), parse_base(report.source),
                           stored_sha256(writer.query, report.source))


def _threads(writer) -> int:
    """How many validation checks may run at once through ``writer.query``."""
    return THREADS if writer.concurrent_queries else 1


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


def _read_ahead(paths: list[Path], base: str, options: dict | None, kind: str | None, ahead: Lookaheads | None,
                worth_preparing: Callable[[SourceContext], bool]
                ) -> Iterator[tuple[Path, SourceContext | InputError, Prepared | None]]:
    """Yield each path with its file read (or why it cannot be), and what ``ahead`` prepared of it (None: the
    writer extracts it). The next files are sent to ``ahead``, as many as it has processes free, before the current
    one is yielded: they are extracted while the current one is stored. A file not worth sending (large, or
    unchanged) stops the reading: no file after it is read until it is yielded, so that large files are held no
    more than two at once, the one stored and the next."""

    def read(path: Path) -> tuple[Path, SourceContext | InputError, bool]:
        try:
            ctx = read_source(path, base, options)
        except InputError as exc:
            return path, exc, False
        return path, ctx, ahead is not None and worth_preparing(ctx)

    files = map(read, paths)
    window: deque = deque()  # the files read and not yet yielded, in order

    def read_on() -> None:  # while the last file read went ahead and a process is free for the next
        while not window or (window[-1][2] and ahead.free):
            if (item := next(files, None)) is None:
                return
            if item[2]:
                ahead.send(item[1], kind)
            window.append(item)

    read_on()
    while window:
        path, ctx, sent = window.popleft()
        prepared = ahead.receive() if sent else None
        read_on()
        yield path, ctx, prepared
