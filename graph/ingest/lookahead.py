"""The pure steps of an ingest (detection, extraction, name keys), and a forked process that runs them on the next
file while the writer stores the current one.

A kind's extraction never touches the store (:mod:`graph.ingest.base`): the next file can be extracted while the
current one is resolved against the store, stored and validated. For files of a few kilobytes (a grants list, a
deliberation) extraction is a third to a half of the work, so the two processes of one ingest overlap it with the
store's work. The store is only written by the writer's process: what the promises of
:mod:`graph.ingest.pipeline` say (all or nothing per file, crash safety) does not depend on this process.

>>> from pathlib import Path
>>> from graph.ingest.base import SourceContext
>>> prepare(SourceContext(Path("x.bin"), b"\\x00"), None).issue.message.startswith("type de fichier non reconnu")
True
"""

from __future__ import annotations

import copyreg
import datetime as dt
import io
import multiprocessing
import pickle
import signal
import traceback
import warnings
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Literal, URIRef

from graph.identity import add_name_keys
from graph.ingest import detect_kind, get_kind
from graph.ingest.base import Extraction, InputError, Issue, SourceContext

#: Larger files are extracted by the writer's process: sending a large file and its triples through a pipe costs
#: copies and memory (both versions held at once) for little overlap (such ingests hold a few large files).
LOOKAHEAD_MAX_BYTES = 4 * 1024**2


@dataclass
class Prepared:
    """What the pure steps made of one file: its kind's name ("" when undetected) and its extraction, or the
    InputError's issue (``issue``), or another exception (``error``) to raise where extraction would have."""

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


def prepare(ctx: SourceContext, kind: str | None) -> Prepared:
    """Detect the kind of ``ctx`` (unless given), extract it, and key its names; nothing is extracted for an RDF
    file (the pipeline hands its bytes to the engine's parser)."""
    try:
        source_kind = get_kind(kind) if kind else detect_kind(ctx)
    except InputError as exc:
        return Prepared("", issue=exc.issue)
    except Exception as exc:  # a bug: raised again by the writer
        return Prepared("", error=exc)
    if source_kind.name == "rdf":
        return Prepared("rdf")
    return extract(ctx, source_kind.name)


def extract(ctx: SourceContext, kind: str) -> Prepared:
    """Extract ``ctx`` as ``kind`` and key its names (:func:`graph.identity.add_name_keys`)."""
    try:
        extraction = get_kind(kind).extract(ctx)
        if extraction.graph is not None:
            add_name_keys(extraction.graph)
    except InputError as exc:
        return Prepared(kind, issue=exc.issue)
    except Exception as exc:  # a bug: raised again by the writer, as if it had extracted the file
        return Prepared(kind, error=exc)
    return Prepared(kind, extraction)


class Lookahead:
    """One forked process that prepares files sent to it, in order: ``send`` one, ``receive`` its
    :class:`Prepared`. The writer sends the next file just after receiving the current one: the process is then
    waiting to read, so neither end blocks on a full pipe while the other writes.

    Fork it before the store's write lock is taken and its primary database opened: the process holds neither.
    It ends at :meth:`close`, or when the writer's process dies (its end of the pipe is then closed).
    """

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, self._conn), daemon=True,
                                        name="maillage-extract")
        with warnings.catch_warnings():
            # Python 3.12+ warns when a process with threads forks (here RocksDB's, of a store opened to read):
            # a child may deadlock on a lock held by a thread that it does not have. This child runs only
            # Python extraction code — no store, no lock of those threads; glibc's malloc is fork-safe.
            warnings.filterwarnings("ignore", r"This process .* is multi-threaded", DeprecationWarning)
            self._process.start()
        child.close()
        self.pending, self._broken = 0, False

    def send(self, ctx: SourceContext, kind: str | None) -> None:
        self.pending += 1
        if not self._broken:
            try:
                self._conn.send_bytes(dumps((ctx, kind)))
            except OSError:
                self._broken = True

    def receive(self) -> Prepared:
        self.pending -= 1
        if not self._broken:
            try:
                return pickle.loads(self._conn.recv_bytes())
            except (EOFError, OSError):
                self._broken = True
        # The process died (killed, out of memory): the writer prepares the file itself.
        return Prepared("", error=_Lost())

    def close(self) -> None:
        if not self.pending and not self._broken:  # else the process may be writing: it ends on the closed pipe
            try:
                self._conn.send_bytes(dumps(None))
            except OSError:
                pass
        self._conn.close()
        self._process.join(timeout=10)
        if self._process.exitcode is None:
            self._process.kill()
            self._process.join()

    def __enter__(self) -> "Lookahead":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Lost(Exception):
    """The lookahead process ended before answering."""


def lost(prepared: Prepared) -> bool:
    """Whether ``prepared`` says that the lookahead process died (then the writer prepares the file itself)."""
    return isinstance(prepared.error, _Lost)


def _serve(conn, writer_end) -> None:
    writer_end.close()  # else the process would hold its own pipe open and never see the writer die
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle; it then closes this process
    while True:
        try:
            request = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        if request is None:
            return
        prepared = prepare(*request)
        try:
            answer = dumps(prepared)
        except Exception:  # an exception that does not pickle: its traceback as text
            text = traceback.format_exception(prepared.error) if prepared.error else [traceback.format_exc()]
            answer = dumps(Prepared(prepared.kind, error=RuntimeError("".join(text))))
        try:
            conn.send_bytes(answer)
        except OSError:  # the writer closed its end
            return


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
