"""One file's way through the ingest pipeline (:mod:`graph.ingest.pipeline`): read (:func:`read_source`), its kind
detected, left alone when the store holds it unchanged and read by the current version of its kind's reader
(:mod:`graph.ingest.reader_versions`), extracted, stored (:mod:`graph.ingest.pipeline_storage`), and, under
``--strict``, validated and refused whole when it fails (:func:`ingest_file`).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import URIRef

from graph.backup import is_dump, restore_report
from graph.ingest import get_kind
from graph.ingest.base import Extraction, InputError, Issue, SourceContext, SourceKind, strict_refusals
from graph.ingest.lookahead import Prepared, extract, kind_of, lost
from graph.ingest.pipeline_reports import IngestRefused, IngestReport
from graph.ingest.pipeline_storage import describe_file, store_extraction, store_rdf
from graph.ingest.rdf_lines import with_lines
from graph.ingest.reader_versions import is_current, reread_issue
from graph.ingest.session_redatings import redatings
from graph.ingest.source_changes import (GraphState, change_summary, continued_memberships, former_names, graph_state,
                                        renamed_actors, reworded_actions, summary_issue)
from graph.ingest.source_mentions import settle_mentions
from graph.ingest.source_messages import identical_issue, read_as_chosen, replacement_issues, same_source
from graph.ingest.source_renames import record_renames, recorded_names, recorded_renames
from graph.ingest.source_report import change_notes, kept_change_notes
from graph.ingest.source_versions import imported_time, kept_versions, restored_version
from graph.ingest.sources import (StoredSources, identical_source, lost_things, stored_reading, stored_sha256,
                                  stored_subjects, stored_title)
from graph.ingest.unknown import compressed, word_document
from graph.namespaces import DEFAULT_BASE
from graph.store import fault_point, parse_base
from graph.triples import TripleSet
from graph.validation import THREADS, validate

#: Files larger than this are refused before reading (a 2M-triple N-Triples file is ~250 MB).
MAX_FILE_BYTES = 2 * 1024**3


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
        if exc.filename is not None and os.fsdecode(exc.filename) != str(path):
            raise  # another file's error (a store's, a lock's): not this input's to be blamed for
        raise _unreadable(path, exc) from None
    if (refused := compressed(data) or word_document(data)) is not None:
        raise refused
    return SourceContext(path=path, data=data, base=base, options=dict(options or {}))


def _unreadable(path: Path, exc: OSError) -> InputError:
    """Why the input ``path`` cannot be read; a relative path that is not found is said with the folder it was
    looked for in (an input said not found while the user sees it there was looked for elsewhere).

    >>> import errno
    >>> _unreadable(Path("/d/f.csv"), FileNotFoundError(errno.ENOENT, "No such file or directory", "/d/f.csv")
    ...             ).issue.message
    'lecture impossible : fichier ou dossier introuvable'
    """
    from graph.french_text import os_reason

    said, said_en = os_reason(exc)
    if isinstance(exc, FileNotFoundError) and not path.is_absolute():
        try:
            folder = os.getcwd()
        except OSError:  # the current folder itself removed
            folder = "(le dossier courant, supprimé)", "(the current folder, removed)"
        else:
            folder = folder, folder
        said, said_en = f"{said} dans le dossier {folder[0]}", f"{said_en} in the folder {folder[1]}"
    return InputError(f"lecture impossible : {said}", message_en=f"cannot read: {said_en}")


def ingest_file(writer, ctx: SourceContext, kind: str | None = None, strict: bool = False,
                force: bool = False, prepared: Prepared | None = None,
                sources: StoredSources | None = None) -> IngestReport:
    """Ingest one read file through ``writer`` and return its report.

    Raises InputError when the file cannot be read or extracted (nothing stored), IngestRefused when ``strict``
    refuses it (nothing stored either). Only ``strict`` validates here; otherwise the report's violations are left
    for :func:`graph.ingest.pipeline.ingest_paths` to find with the other files of the publish
    (:func:`graph.validation.validate_graphs`).
    ``prepared``: what :func:`graph.ingest.lookahead.prepare` made of ``ctx`` in advance, if anything;
    ``sources``: what the store held of the sources when the ingest started (else ``writer`` is asked).
    """
    started = time.perf_counter()
    source_kind, prepared = _source_kind(ctx, kind, prepared)
    if source_kind.name == "rdf" and is_dump(ctx.data, ctx.path):  # a `maillage export` dump: restore it
        if sources is not None:
            sources.forget_all()  # a dump may restore any graph
        if (restored := restore_report(writer, ctx, started)) is not None:
            return restored
    report = IngestReport(file=ctx.name, kind=source_kind.name, source=ctx.source)
    stored_sha = sources.sha256(ctx.source) if sources is not None else stored_sha256(writer.query, ctx.source)
    reread = None  # the file stored as it is, by another version of its kind's reader: why it is read again
    if stored_sha == ctx.sha256:
        versions = (sources.reading(ctx.source) if sources is not None
                    else stored_reading(writer.query, ctx.source)).versions
        if not is_current(source_kind.name, versions):
            reread = reread_issue(source_kind.name, versions)
        elif not force:
            report.status = "unchanged"
            return report
    if stored_sha is not None and stored_sha != ctx.sha256 and not ctx.options.get("source_name") \
            and (title := stored_title(writer.query, ctx.source)) not in (None, ctx.name):
        raise same_source(ctx, title)
    if prepared is None or source_kind.name == "rdf":
        prepared = extract(ctx, source_kind.name)
    try:
        extraction: Extraction = prepared.result()
    except InputError as exc:
        raise (read_as_chosen(exc, ctx, kind) if kind else exc) from None
    report.issues, report.stats, report.told = list(extraction.issues), dict(extraction.stats), set(extraction.told)
    _tell_nonconforming(report, extraction)
    said_first = _say_first(writer, ctx, report, extraction, (source_kind, stored_sha, reread))
    if strict and (extraction.errors or extraction.nonconforming):
        report.issues = strict_refusals(report.issues, extraction)
        report.status = "refused"
        raise IngestRefused(report)
    before = _Before.read(writer, ctx, source_kind, sources, stored_sha)
    description = _description(writer.query, ctx, source_kind.name, extraction, stored_sha)
    new_subjects = _store(writer, ctx, source_kind, extraction, description, strict, report)
    lost = before.form_before.losses(source_kind.form_state(writer.query, ctx.source)) \
        if before.form_before is not None else []
    _tell_changes(writer, ctx, report, said_first, before.replaced, before.renames, lost, before.notes)
    report.touched = {str(s) for s in before.subjects} | new_subjects
    if before.title is not None:  # the other sources' warnings that named the version replaced, told anew
        report.touched |= settle_mentions(writer, {ctx.source: before.title})
    report.seconds = time.perf_counter() - started
    return report


def _say_first(writer, ctx: SourceContext, report: IngestReport, extraction: Extraction,
               stored: tuple[SourceKind, str | None, Issue | None]) -> int:
    """Put first in ``report``'s issues what a new version withdraws, why a file stored as it is was read again,
    and that another source holds the same bytes; return how many lines that made, above what the reading found.
    ``stored``: the file's kind, the sha256 of the version stored (None for none), and why it is read again."""
    source_kind, stored_sha, reread = stored
    # a new version, or another file of the same name: what it withdraws is said first (the lines after the
    # twentieth are cut from the report)
    if stored_sha is not None and stored_sha != ctx.sha256:
        fewer = lost_things(writer.query, ctx.source, extraction.graph) if extraction.graph is not None else []
        report.issues[:0] = replacement_issues(ctx.options.get("source_name") or ctx.name, fewer)  # --name's
    if reread is not None:
        report.issues.insert(0, reread)
    if stored_sha != ctx.sha256 and (twin := identical_source(writer.query, ctx.sha256, ctx.source)):
        report.issues.insert(0, identical_issue(*twin, grants=source_kind.rows_kept == "grants"))
    found = len(extraction.issues) + len(extraction.nonconforming)
    return len(report.issues) - found


@dataclass
class _Before:
    """What the store held of a source before its file is stored, that what the file changes is told against: the
    subjects of its graph, and — when a new version replaces it — the graph's state, its title and the state of
    what its form keeps (:attr:`graph.ingest.base.SourceKind.form_state`); the renames and old names it recorded
    (None for an RDF file); the change notes it keeps (when the same file is read again)."""

    subjects: set
    replaced: GraphState | None
    title: str | None
    form_before: Any
    renames: tuple[list[tuple[URIRef, URIRef]], list[tuple[URIRef, str]]] | None
    notes: TripleSet | None

    @classmethod
    def read(cls, writer, ctx: SourceContext, source_kind: SourceKind, sources: StoredSources | None,
             stored_sha: str | None) -> _Before:
        replacing = stored_sha is not None and stored_sha != ctx.sha256
        subjects = sources.subjects(ctx.source) if sources is not None else stored_subjects(writer.query, ctx.source)
        replaced = graph_state(writer.query, ctx.source) if replacing else None
        title = stored_title(writer.query, ctx.source) if replacing else None
        form = source_kind.form_state if replacing else None
        form_before = form(writer.query, ctx.source) if form is not None else None
        renames = ((recorded_renames(writer.query, ctx.source), recorded_names(writer.query, ctx.source))
                   if source_kind.name != "rdf" else None)
        notes = kept_change_notes(writer.query, ctx.source) if stored_sha == ctx.sha256 else None  # the same file
        return cls(subjects, replaced, title, form_before, renames, notes)


def _tell_changes(writer, ctx: SourceContext, report: IngestReport, said_first: int, replaced: GraphState | None,
                  renames: tuple[list[tuple[URIRef, URIRef]], list[tuple[URIRef, str]]] | None,
                  lost: list[tuple[str, str]], notes: TripleSet | None = None) -> None:
    """Say in ``report``, with the replacement, what a new version changed in the stored graph (``replaced``: its
    state before, None when nothing was replaced or the file is the same; the version it restores first, if any) and
    what it ``lost`` by its form (French, English: :attr:`graph.ingest.base.SourceKind.form_state`), and keep it
    with the source (its change notes, :func:`graph.ingest.source_report.change_notes`; the same file read again
    keeps the ``notes`` it had); and record the members it renamed, the actions it reworded and their old names and
    titles, the memberships it minted anew and the sessions it redated with their proxies
    (:mod:`graph.ingest.session_redatings`), with the replaced graph's ``renames`` (its renames, its old names),
    carried over (:mod:`graph.ingest.source_renames`); None for a source whose IRIs are its author's, not minted from
    names (an RDF file)."""
    state = graph_state(writer.query, ctx.source) if replaced is not None else None
    if replaced is not None:
        summary = change_summary(replaced, state, lost)
        if restored := restored_version(writer.query, ctx.source, ctx.sha256):  # a rollback
            summary = f"{restored[0]} ; {summary[0]}", f"{restored[1]}; {summary[1]}"
        report.issues.insert(said_first, summary_issue(ctx.options.get("source_name") or ctx.name, summary))
        notes = change_notes(ctx.source, summary)
    if notes:
        writer.add(ctx.source, notes)
    if renames is not None:
        moved, names = renames
        if replaced is not None:
            moved = (moved + renamed_actors(replaced, state) + reworded_actions(replaced, state)
                     + continued_memberships(replaced, state) + redatings(replaced, state).moved)
            names = names + former_names(replaced, state)
        record_renames(writer, ctx.source, moved, names)


def _source_kind(ctx: SourceContext, kind: str | None,
                 prepared: Prepared | None) -> tuple[SourceKind, Prepared | None]:
    """The kind of a read file (``kind`` when given), as ``prepared`` detected it if it could; ``prepared`` as
    :func:`ingest_file` goes on with it. Raises InputError when the kind cannot be told."""
    if prepared is None or not prepared.kind:
        prepared = None if prepared is None or lost(prepared) else prepared.result()  # raises the detection's error
        return kind_of(ctx, kind), prepared
    return get_kind(prepared.kind), prepared


def _tell_nonconforming(report: IngestReport, extraction: Extraction) -> None:
    """Put first in ``report`` what its file lacks of its format's schema (:attr:`Extraction.nonconforming`), as
    warnings counted with the reading's."""
    if extraction.nonconforming:
        report.issues[:0] = extraction.nonconforming
        if "warnings" in report.stats:
            report.stats["warnings"] += len(extraction.nonconforming)


def _description(query, ctx: SourceContext, kind: str, extraction: Extraction, stored_sha: str | None) -> TripleSet:
    """The description of the file of ``ctx`` (:func:`describe_file`), with the versions of its source that it keeps
    (:mod:`graph.ingest.source_versions`): the stored one too when the file replaces it (``stored_sha``: its
    sha256), and the time its bytes were first imported when they are the stored ones, read again."""
    same = stored_sha == ctx.sha256
    description = describe_file(ctx, kind, extraction.text, imported_time(query, ctx.source) if same else None)
    if stored_sha is not None:
        description += kept_versions(query, ctx.source, ctx.key, not same, ctx.base)
    return description


def _store(writer, ctx: SourceContext, source_kind: SourceKind, extraction: Extraction, description: TripleSet,
           strict: bool, report: IngestReport) -> set[str]:
    """Store a file's ``extraction`` with its ``description`` and its report (every warning and error of
    ``report.issues``, those found once it is stored too), and return the subjects it touched; under ``strict``,
    validate it and raise IngestRefused, its graph restored, when it fails."""
    if extraction.graph is not None:
        new_subjects = store_extraction(writer, ctx, source_kind, extraction.graph, description, report,
                                        extraction.actor_lines)
        refused = False
    else:
        new_subjects, refused = store_rdf(writer, ctx, extraction.rdf, description, strict, report)
    if strict and not refused:
        report.violations = validate(writer.query, ctx.source, validation_threads(writer))
        if extraction.rdf is not None:
            report.violations = with_lines(report.violations, *extraction.rdf, parse_base(ctx.source))
    if refused or strict and any(v.severity == "Violation" for v in report.violations):
        writer.restore(ctx.source)
        report.status = "refused"
        raise IngestRefused(report)
    fault_point("after-validate")
    return new_subjects


def validation_threads(writer) -> int:
    """How many validation checks may run at once through ``writer.query``."""
    return THREADS if writer.concurrent_queries else 1


__all__ = ["MAX_FILE_BYTES", "read_source", "ingest_file", "validation_threads"]
