"""The ingest pipeline: file -> kind -> extraction -> actors resolved -> one named graph, validated, stored.

All or nothing per file: a file that cannot be read raises InputError before the store is touched, as does a
table none of whose rows could be kept (:func:`graph.ingest.lookahead.extract`); a file whose RDF turns out not to
parse while the store loads it, or that ``--strict`` refuses, is rolled back inside the writer, so readers never
see it.

This module runs an ingest of many files under one writer (:func:`ingest_paths`): the files read ahead and extracted
by other processes (:mod:`graph.ingest.lookahead`), each one ingested (:mod:`graph.ingest.pipeline_file`, stored by
:mod:`graph.ingest.pipeline_storage`), and published to readers in batches (:mod:`graph.ingest.pipeline_publishing`);
what each file's report says is in :mod:`graph.ingest.pipeline_reports`.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import deque
from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import URIRef

from graph.formats import rdf_format_for_path
from graph.gc_pause import cyclic_gc_paused
from graph.ingest import kinds
from graph.ingest.base import EXITING, InputError, SourceContext, source_iri
from graph.ingest.checker import Checker
from graph.ingest.lookahead import LOOKAHEAD_MAX_BYTES, Lookaheads, Prepared, kind_of
from graph.ingest.pipeline_file import MAX_FILE_BYTES, ingest_file, read_source
from graph.ingest.pipeline_publishing import Publishing
from graph.ingest.pipeline_reports import IngestRefused, IngestReport
from graph.ingest.pipeline_storage import ensure_vocabularies
from graph.ingest.reader_versions import is_current
from graph.ingest.source_messages import same_name
from graph.ingest.sources import StoredSources
from graph.namespaces import DEFAULT_BASE

#: Validating publishes in a third process (:mod:`graph.ingest.checker`) pays from this many cores: on two, the
#: writer and the lookahead keep both busy, and the check's own cost (a snapshot read with cold caches: +20 %) made
#: the 100k-actor corpus's small files 5-15 % slower (3 runs each, alternating).
CHECK_APART_FROM_CORES = 3
#: Files whose graphs the writer is told of at once (``Writer.expect``): the embedded store journals them in one
#: write, one fsync for this many files instead of one each (300 SCDL grant lists at 100k actors, 2 cores, load
#: 0.4 to 4: 300 writes in 0.5-1.7 s became 6 or 7 in 0.02-0.05 s). The price: a writer killed before its publish
#: has the next writer restore from the snapshot the graphs of the files it had not reached too, each copied back
#: unchanged (a recovery of 64 such lists took 0.19 s, as one of 10 did; a large file among them costs its whole
#: graph's copy).
EXPECT_BATCH = 64


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
                 before_publish: Callable[[set], None] = lambda touched: None,
                 lines_for_infos: bool = False) -> list[IngestReport]:
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
    their violations, at the next publish or at the end. An RDF file's SHACL results are given their lines in the
    file, its infos only with ``lines_for_infos`` (when the reports show them: ``--verbose``).
    """
    reports: list[IngestReport] = []
    paths = list(paths)
    several = len(paths) > 1
    ahead = _lookaheads(paths) if lookahead and several else None  # forked before the store is opened for writing
    checker = _checker(store, check_apart, strict) if several else None
    with ahead or contextlib.nullcontext(), checker or contextlib.nullcontext(), store.writer() as writer:

        def worth_preparing(ctx: SourceContext) -> bool:  # not when the file is unchanged: nothing to extract
            if len(ctx.data) > LOOKAHEAD_MAX_BYTES:
                return False
            if force or sources.sha256(ctx.source) != ctx.sha256:
                return True
            # unchanged, but read again if another version of its reader read it (the kind stored: likely its own)
            reading = sources.reading(ctx.source)
            return reading.kind is None or not is_current(reading.kind, reading.versions)

        ensure_vocabularies(writer)
        writer.commit()
        sources = StoredSources(writer.query)
        publishing = Publishing(writer, checker, strict, on_report, on_publish, before_publish, lines_for_infos)
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
                report = _ingest_one(writer, ctx, kind, strict, force, prepared, sources)
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


def _lookaheads(paths: list[Path]) -> Lookaheads:
    """The processes that extract the next files of ``paths`` while the writer stores the current one."""
    if any(rdf_format_for_path(path) is None for path in paths):
        # The kinds' modules, which detecting any file but RDF imports, imported once, before the fork, not
        # again by each process; so is the deliberation reader when a file may be a deliberation (its patterns
        # took 0.3 s to compile in each process, of two, that read one).
        kinds()
        from graph.ingest.deliberation import EXTENSIONS

        if any(path.suffix.lower() in EXTENSIONS for path in paths):
            import graph.ingest.delib_reader  # noqa: F401
    return Lookaheads()


def _checker(store, check_apart: bool | None, strict: bool) -> Checker | None:
    """The process that validates the files of each publish on its snapshot (see :func:`ingest_paths`), or None
    when the writer validates them itself."""
    if check_apart is None:
        check_apart = (os.cpu_count() or 1) >= CHECK_APART_FROM_CORES
    return Checker() if check_apart and not strict and store.snapshots else None


def _ingest_one(writer, ctx: SourceContext | InputError, kind: str | None, strict: bool, force: bool,
                prepared: Prepared | None, sources: StoredSources) -> IngestReport:
    """Ingest one file of :func:`ingest_paths` (:func:`ingest_file`), or raise why it could not be read
    (``ctx``): a file that fails leaves its graph as it was, and ``sources`` is told that its graph may have
    changed either way."""
    if isinstance(ctx, InputError):
        raise ctx
    try:
        with cyclic_gc_paused():  # graph.gc_pause
            return ingest_file(writer, ctx, kind, strict, force, prepared, sources)
    except EXITING:  # a Ctrl-C: stop now; the store undoes the file (copying a large graph back took longer than
        if not writer.discards_when_ended:  # its whole ingest: 83 s after the signal for 20,000 grants)
            writer.restore(ctx.source)
        raise
    except BaseException:
        writer.restore(ctx.source)
        raise
    finally:
        sources.changed(ctx.source)


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


__all__ = ["ingest_paths", "ingest_file", "read_source", "ensure_vocabularies", "IngestReport", "IngestRefused",
           "MAX_FILE_BYTES", "CHECK_APART_FROM_CORES", "EXPECT_BATCH"]
