"""The pure steps of an ingest (detection, extraction, name keys), and forked processes that run them on the next
files while the writer stores the current one.

A kind's extraction never touches the store (:mod:`graph.ingest.base`): the next files can be extracted while the
current one is resolved against the store, stored and validated. For files of a few kilobytes (a grants list, a
deliberation) extraction is a third to a half of the work or more, so the processes of one ingest overlap it with
the store's work. The store is only written by the writer's process: what the promises of
:mod:`graph.ingest.pipeline` say (all or nothing per file, crash safety) do not depend on these processes.

>>> from pathlib import Path
>>> from graph.ingest.base import SourceContext
>>> prepare(SourceContext(Path("x.bin"), b"\\x00"), None).issue.message.startswith("type de fichier non reconnu")
True
"""

from __future__ import annotations

import copyreg
import datetime as dt
import io
import os
import pickle
from collections import deque
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Literal, URIRef

from graph.identity import add_name_keys
from graph.ingest import detect_kind, get_kind
from graph.ingest.base import (EXITING, Extraction, InputError, Issue, SourceContext, SourceKind, internal_error,
                               nothing_kept)
from graph.ingest.forked import ForkedWorker, Lost
from graph.table_checks import collected_issues

#: Larger files are extracted by the writer's process: sending a large file and its triples through a pipe costs
#: copies and memory (both versions held at once) for little overlap (such ingests hold a few large files).
LOOKAHEAD_MAX_BYTES = 4 * 1024**2
#: Processes that extract ahead of the writer, each one file at a time. One kept up with the writer on grants lists
#: (~4 ms of extraction a file), not on deliberation texts (~25 ms): the writer waited for it half the time. With
#: two, the 1,112 texts of the 100k-actor corpus took 28.5 s against 32.0 s (2 cores, medians of 3, alternating);
#: the 1,996 grants lists, where the writer is the slower, 29.1–40.0 s against 32.1–38.2 s (4 runs each).
LOOKAHEAD_PROCESSES = 2 if (os.cpu_count() or 1) >= 2 else 1


@dataclass
class Prepared:
    """What the pure steps made of one file: its kind's name ("" when undetected) and its extraction, or the
    InputError's issue (``issue``) — a bug met on the way is one too (:func:`graph.ingest.base.internal_error`) —,
    or :class:`graph.ingest.forked.Lost` (``error``) when the process that prepared it died."""

    kind: str
    extraction: Extraction | None = None
    issue: Issue | None = None
    error: BaseException | None = None

    def result(self) -> Extraction:
        """Return the extraction, or raise what extracting raised."""
        if self.issue is not None:
            # InputError pickles with its message only: it is rebuilt from its whole issue.
            i = self.issue
            raise InputError(i.message, line=i.line, field=i.field, message_en=i.message_en, value=i.value)
        if self.error is not None:
            raise self.error
        return self.extraction


def kind_of(ctx: SourceContext, kind: str | None) -> SourceKind:
    """The kind ``kind`` names, else the one detected; raises InputError — for a bug met detecting too
    (:func:`graph.ingest.base.internal_error`)."""
    try:
        return get_kind(kind) if kind else detect_kind(ctx)
    except (InputError, *EXITING):
        raise
    except BaseException as exc:  # a bug, or a library's panic: this file's error
        raise internal_error(exc) from exc


def prepare(ctx: SourceContext, kind: str | None) -> Prepared:
    """Detect the kind of ``ctx`` (unless given), extract it, and key its names; nothing is extracted for an RDF
    file (the pipeline hands its bytes to the engine's parser)."""
    try:
        source_kind = kind_of(ctx, kind)
    except InputError as exc:
        return Prepared("", issue=exc.issue)
    if source_kind.name == "rdf":
        return Prepared("rdf")
    return extract(ctx, source_kind.name)


def extract(ctx: SourceContext, kind: str) -> Prepared:
    """Extract ``ctx`` as ``kind`` and key its names (:func:`graph.identity.add_name_keys`). An empty file is said so
    whatever the kind its name gives (a 0-byte PDF was "no %%EOF marker"); an RDF file's own check says more."""
    if not ctx.data and kind != "rdf":
        return Prepared(kind, issue=InputError("fichier vide", message_en="empty file").issue)
    try:
        source_kind = get_kind(kind)
        with collected_issues() as refused:  # rows that the table reader refused, whichever kind read the table
            extraction = source_kind.extract(ctx)
        if refused:
            _report_refused(extraction, refused)
        refuse_rowless(source_kind, extraction)
        if extraction.graph is not None:
            add_name_keys(extraction.graph)
    except InputError as exc:
        return Prepared(kind, issue=exc.issue)
    except EXITING:
        raise
    except BaseException as exc:  # a bug, or a library's panic: this file's error
        return Prepared(kind, issue=internal_error(exc).issue)
    return Prepared(kind, extraction)


def _report_refused(extraction: Extraction, refused: list[Issue]) -> None:
    """Put the rows that the table reader refused first in ``extraction``'s issues, and count them in its summary
    (rows read and rejected) when it has one."""
    extraction.issues[:0] = refused
    stats = extraction.stats
    if "rows_read" in stats:
        stats["rows_read"] += len({i.line for i in refused if i.level == "error"})
    if "rows_rejected" in stats:
        stats.update(extraction.issue_counts())


def refuse_rowless(kind: SourceKind, extraction: Extraction) -> None:
    """Raise InputError when ``extraction``, of a kind of table (one that names its ``rows_kept`` stat), read no
    data row under its header, or kept none of those it read while rejecting some: rows skipped without an error
    (a SIRENE unit of a person, a closed period) are a file's own content, not a broken file. (The register counts
    no ``rows_read``: a register without members is left to its kind to judge.) The refusal of a table without data
    rows names its header's line, where the reader looked for them (the caller names the file).

    >>> try:
    ...     refuse_rowless(get_kind("rna"), Extraction(stats={"rows_read": 0, "associations": 0}, header_line=3))
    ... except InputError as exc:
    ...     exc.issue.line, exc.issue.message
    (3, "aucune ligne de données sous l'en-tête")
    >>> ex = Extraction(stats={"rows_read": 2, "associations": 0})
    >>> ex.reject("association sans titre", "association without a title", line=3)
    >>> refuse_rowless(get_kind("rna"), ex)
    Traceback (most recent call last):
    graph.ingest.base.InputError: aucune ligne valide sur 2 : ligne 3 : association sans titre
    """
    stats = extraction.stats
    if (kept := kind.rows_kept) is None or kept not in stats:
        return
    read = stats.get("rows_read")
    if read == 0:
        raise InputError("aucune ligne de données sous l'en-tête", message_en="no data rows under the header",
                         line=extraction.header_line)
    if stats[kept] == 0 and extraction.errors:
        raise nothing_kept(extraction, read)


class Lookahead(ForkedWorker):
    """One forked process that prepares files sent to it, in order: ``send`` one, ``receive`` its
    :class:`Prepared` (:class:`graph.ingest.forked.ForkedWorker`: fork it before the store is opened for writing;
    send the next file just after receiving the current one)."""

    def __init__(self) -> None:
        super().__init__(prepare, "maillage-extract", dumps, _unpicklable)

    def send(self, ctx: SourceContext, kind: str | None) -> None:
        super().send(ctx, kind)

    def receive(self) -> Prepared:
        answer = super().receive()
        # The process died (killed, out of memory): the writer prepares the file itself.
        return Prepared("", error=answer) if isinstance(answer, Lost) else answer


class Lookaheads:
    """Forked :class:`Lookahead` processes that prepare the files sent to them, answered in the order they were
    sent: ``send`` a file while one of them is ``free``, ``receive`` the oldest's :class:`Prepared`."""

    def __init__(self, processes: int = LOOKAHEAD_PROCESSES) -> None:
        self.processes = [Lookahead() for _ in range(processes)]
        self._order: deque[Lookahead] = deque()  # the process of each file sent and not yet received

    @property
    def free(self) -> bool:
        return len(self._order) < len(self.processes)

    def send(self, ctx: SourceContext, kind: str | None) -> None:
        process = next(p for p in self.processes if p not in self._order)
        process.send(ctx, kind)
        self._order.append(process)

    def receive(self) -> Prepared:
        return self._order.popleft().receive()

    def close(self) -> None:
        for process in self.processes:
            process.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def lost(prepared: Prepared) -> bool:
    """Whether ``prepared`` says that the lookahead process died (then the writer prepares the file itself)."""
    return isinstance(prepared.error, Lost)


def _unpicklable(prepared: Prepared, text: str) -> Prepared:
    """What to send instead of a Prepared that does not pickle (a bug): the file's error, told with the last line
    of the pickling's traceback ``text``."""
    last = text.strip().splitlines()[-1] if text.strip() else "an extraction that does not pickle"
    return Prepared(prepared.kind, issue=internal_error(RuntimeError(last)).issue)


#: Literal values that pickle as themselves (rdflib's own XML and HTML values are left to its pickling).
_PLAIN_VALUES = (str, int, float, bool, Decimal, dt.date, dt.time, type(None))


def _literal(lexical: str, value, language: str | None, datatype: URIRef | None, ill_typed: bool | None) -> Literal:
    literal = str.__new__(Literal, lexical)
    literal._value, literal._language, literal._datatype, literal._ill_typed = value, language, datatype, ill_typed
    return literal


def _reduce_literal(literal: Literal):
    if not isinstance(literal._value, _PLAIN_VALUES):
        return literal.__reduce__()
    return _literal, (str(literal), literal._value, literal._language, literal._datatype, literal._ill_typed)


def _uri(value: str) -> URIRef:
    return str.__new__(URIRef, value)


#: rdflib pickles a term as the arguments of its constructor, which parses and checks them again when unpickled
#: (a third of the writer's unpickling of an extraction): here its state is copied as it is.
_DISPATCH = {**copyreg.dispatch_table, Literal: _reduce_literal, URIRef: lambda uri: (_uri, (str(uri),))}


def dumps(value) -> bytes:
    """Pickle ``value``, its rdflib literals and IRIs as their state (see ``_DISPATCH``)."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(value)
    return out.getvalue()
