"""The embedded store's writer: its changes to the primary database, journaled before they are made.

Apart from :mod:`graph.oxistore`, which owns the layout on disk (snapshots, pointer, journal, write lock) and the
readers, because writing is its own protocol: journal a graph before its first change, load it in the way
:mod:`graph.oxiload` chooses, restore it on an error, publish on commit. The store opens one writer at a time.
"""

from __future__ import annotations

import contextlib
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pyoxigraph as ox
from rdflib import Graph

from graph.bindings import run_query
from graph.formats import rdf_format
from graph.oxiload import Loads, chunks, extender, is_bulk, loader, pieces_reader
from graph.sparql_syntax import syntax_error
from graph.store import RdfSyntaxError, Writer, fault_point, parse_base
from graph.terms import as_uri, to_oxigraph
from graph.triples import TripleSet

if TYPE_CHECKING:
    from graph.oxistore import OxigraphStore

#: The journal entry of a SPARQL Update: its graphs are unknown, so recovery restores them all.
ALL_GRAPHS = "*"
#: The engine calls that an exception (a Ctrl-C) left running in their threads, each by the event set when it ends
#: (:func:`interruptibly`).
_LEFT_RUNNING: set[threading.Event] = set()


def interruptibly(call: Callable[[], None]) -> None:
    """Run ``call``, a long engine call (it releases the GIL), in a thread while this one waits, so that a Ctrl-C
    is raised here at once: Python sees a signal only between its own instructions, and an ingest of 20,000 grants
    interrupted while the engine removed their previous 680,000 triples went on for 6-10 s. The call then ends in
    its thread, or with the process; what it did stays unpublished, and the next writer discards it.

    The wait is on an event, not on ``Thread.join``: a join interrupted by a Ctrl-C marks a running thread ended.
    """
    errors: list[BaseException] = []
    ended = threading.Event()

    def run() -> None:
        try:
            call()
        except BaseException as exc:  # raised in the caller's thread, as if it had made the call
            errors.append(exc)
        finally:
            ended.set()

    try:
        threading.Thread(target=run, name="maillage-engine-call", daemon=True).start()  # a Ctrl-C may come here too
        while not ended.wait(0.1):
            pass
    except BaseException:
        _LEFT_RUNNING.add(ended)
        raise
    if errors:
        raise errors[0]


def wait_for_calls_left_running() -> None:
    """Wait for the engine calls that an exception left running (:func:`interruptibly`): a writer of this process
    must not replace or reopen the primary while one of them still writes it."""
    for ended in list(_LEFT_RUNNING):
        ended.wait()
        _LEFT_RUNNING.discard(ended)


class OxigraphWriter(Writer):
    """The embedded store's writer, on its primary database; see :mod:`graph.oxistore` for the journal."""

    concurrent_queries = True
    discards_when_ended = True

    def __init__(self, owner: OxigraphStore, primary: ox.Store):
        self.owner, self.primary, self.dirty = owner, primary, False
        self.touched: set[str] = set()  # journaled since the last publish: expected, or changed
        self.changed: set[str] = set()  # changed since the last publish (ALL_GRAPHS: an update's, of graphs unknown)

    def expect(self, names):
        """See :meth:`Writer.expect`: journal the names not yet journaled since the last publish, in one write.

        A recovery restores each from the current snapshot, changed or not: a graph expected and never changed
        comes back with the content it has (the primary holds the published version of every graph this writer
        has not changed). Readers see nothing, and a writer that changes nothing publishes nothing.
        """
        new = {str(as_uri(name)) for name in names} - self.touched
        if new:
            self.touched |= new
            self.owner.write_journal(self.touched)

    def _touch(self, name: str) -> None:
        """Journal ``name`` before its first change, unless it was expected: until the publish, a crash must
        restore it."""
        self.dirty = True
        self.changed.add(name)
        if name not in self.touched:
            self.touched.add(name)
            self.owner.write_journal(self.touched)

    def replace_graph(self, name, data, fmt="ntriples"):
        with self.replacing(name, data, fmt):
            pass

    @contextlib.contextmanager
    def replacing(self, name, data, fmt="ntriples"):
        """See :meth:`Writer.replacing`. A document of oxiload.BULK_LOAD_BYTES or more (not in a quads format) starts
        loading in threads at once; the block's N-Triples join it as parts, and the block's own thread helps
        load what is left when it ends. Smaller documents and quads are loaded when the block has ended."""
        name = str(as_uri(name))
        node = ox.NamedNode(name)
        if isinstance(data, (Graph, TripleSet)):
            data, fmt = data.serialize(format="nt", encoding="utf-8"), "ntriples"
        pieces = data if isinstance(data, list) else [data]  # pieces of one document, read in turn, not copied
        fmt_ = rdf_format(fmt)
        if fmt_.quads or not is_bulk(sum(map(len, pieces))):
            more: list[bytes] = []
            yield more.append
            self._replace_now(name, pieces, fmt_, more)
            return
        self._start_replacing(name)
        loads = Loads(self.primary, node)
        loads.put(pieces, fmt_.engine)
        loads.start()  # the block keeps this thread busy meanwhile
        try:
            yield lambda ntriples: loads.put([ntriples], ox.RdfFormat.N_TRIPLES) if ntriples else None
            loads.finish()
        except (KeyboardInterrupt, SystemExit):  # the writer ends: the store discards all it left unpublished
            loads.abandon()
            raise
        except BaseException:
            loads.abandon()
            self.owner.restore_graph(self.primary, name)
            raise
        finally:
            loads.primary = None  # the block's `as` name may outlive it: it must not hold the database open

    def _start_replacing(self, name: str) -> None:
        node = ox.NamedNode(name)
        self._touch(name)
        if (primary := self.primary).contains_named_graph(node):
            interruptibly(lambda: primary.remove_graph(node))
        fault_point("mid-replace")

    def _replace_now(self, name: str, pieces: list, fmt_, more: list[bytes]) -> None:
        """Load a small document (or quads, moved into graph ``name``) and the N-Triples ``more`` after it."""
        more = [piece for piece in more if piece]
        if more and fmt_.engine == ox.RdfFormat.N_TRIPLES:  # one load for the document and what it implies
            pieces, more = [*pieces, b"\n", *more], []
        node = ox.NamedNode(name)
        self._start_replacing(name)
        data = pieces_reader(pieces) if len(pieces) > 1 else pieces[0]
        try:
            if fmt_.quads:
                # Whatever graph a quads file names, this source's graph holds it.
                for quads in chunks(ox.parse(data, fmt_.engine, base_iri=parse_base(name))):
                    self.primary.extend(ox.Quad(q.subject, q.predicate, q.object, node) for q in quads)
            else:
                load = loader(self.primary, sum(map(len, pieces)))
                load(data, fmt_.engine, base_iri=parse_base(name), to_graph=node)
        except SyntaxError as exc:
            self.owner.restore_graph(self.primary, name)
            raise RdfSyntaxError(exc.msg, exc.lineno, exc.offset) from None
        for piece in more:
            self.add_ntriples(name, piece)

    def add(self, name, triples):
        name = str(as_uri(name))
        self._touch(name)
        node = ox.NamedNode(name)
        terms: dict = {}  # predicates, classes and subjects repeat: each is converted once

        def term(t):
            converted = terms.get(t)
            if converted is None:
                converted = terms[t] = to_oxigraph(t)
            return converted

        quads = [ox.Quad(term(s), term(p), term(o), node) for s, p, o in triples]
        extender(self.primary, len(quads))(quads)

    def remove(self, name, triples):
        name = str(as_uri(name))
        self._touch(name)
        node = ox.NamedNode(name)
        for s, p, o in triples:
            self.primary.remove(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), node))

    def add_ntriples(self, name, data):
        self._touch(str(as_uri(name)))
        load = loader(self.primary, len(data))
        load(data, ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(as_uri(name))))

    def restore(self, name) -> None:
        """See :meth:`Writer.restore`. A graph this writer has not changed since the last publish is the version
        readers see already: nothing to copy back (opening the snapshot to look took ~30 ms a file that failed
        before its graph was written: one not of a kind Maillage reads, a file that cannot be read)."""
        graph = str(as_uri(name))
        if graph not in self.changed and ALL_GRAPHS not in self.changed:
            return
        self.owner.restore_graph(self.primary, graph)
        self.dirty = True

    def commit(self) -> None:
        if self.dirty:
            self.published = str(self.owner.publish(self.primary))
            self.dirty = False
        elif self.published is None and (current := self.owner.read_pointer()) is not None:
            self.published = str(self.owner.root / "snapshots" / current)
        # Published: nothing left for a recovery to undo.
        self.touched.clear()
        self.changed.clear()
        self.owner.clear_journal()

    def optimize(self) -> tuple[int, int]:
        """See :meth:`Writer.optimize`: RocksDB compacts the primary's files into the fewest, without overlaps, and
        the writer publishes the result as the next snapshot, for the readers to open.

        An LSM store adds files with each write and merges them only as more writes come: after an import, each
        lookup of a triple seeks several files of each index until then. A full compaction took 10 s for the
        2.6M quads of the 100k generated actors; on its snapshot, a page of a funder's grants took the engine 0.68x
        its time on the snapshot before, the whole page 0.83x (bench/compaction.py; bench/README.md, "Compacting
        the store").
        Nothing changes for a reader meanwhile: it reads the current snapshot, whose files stay (hard links).
        The snapshots before the compacted one then go, but those a reader holds: they hold the files as they were,
        and no ingest runs beside this writer to need them. This process's own reader moves to the compacted one
        first, so that the snapshot it held goes too.
        """
        before = disk_bytes(self.owner.root / "primary")
        self.primary.optimize()
        self.dirty = True  # the same content, in other files: published so that readers open them
        self.commit()
        self.owner.refresh()
        self.owner.prune_snapshots(keep=0)
        return before, disk_bytes(self.owner.root / "primary")

    def drop_graph(self, name):
        node = ox.NamedNode(str(as_uri(name)))
        if self.primary.contains_named_graph(node):
            self._touch(node.value)
            self.primary.remove_graph(node)

    def update(self, sparql):
        self._touch(update_target(sparql) or ALL_GRAPHS)
        try:
            self.primary.update(sparql)
        except SyntaxError as exc:
            raise syntax_error(exc, sparql) from None

    def query(self, sparql, bindings=None):
        return run_query(self.primary, sparql, bindings)


#: A single ``INSERT { GRAPH <g> { … } } WHERE { … }``: the only graph it can change is <g> (the pipeline
#: materialises types this way). A ``;`` anywhere may start a second operation: then the target is unknown.
_INSERT_INTO_ONE_GRAPH = re.compile(r'\s*INSERT\s*\{\s*GRAPH\s*<([^<>"{}|^`\\\s;]*)>'
                                    r'\s*\{[^{}]*\}\s*\}\s*WHERE\s*\{[^;]*', re.IGNORECASE)


def update_target(sparql: str) -> str | None:
    """The one graph a SPARQL Update can change, when its text shows it; None when it may change any graph.

    Recovery then restores that graph only, instead of every graph of the store.

    >>> update_target("INSERT { GRAPH <https://ex.org/g> { ?s a ?t } } WHERE { GRAPH <https://ex.org/g> { ?s a ?u } }")
    'https://ex.org/g'
    >>> update_target("INSERT { GRAPH <https://ex.org/g> { ?s a ?t } } WHERE { ?s a ?u } ; DROP ALL") is None
    True
    >>> update_target("DELETE WHERE { GRAPH <https://ex.org/g> { ?s ?p ?o } }") is None
    True
    """
    match = _INSERT_INTO_ONE_GRAPH.fullmatch(sparql)
    return match.group(1) if match else None


def disk_bytes(directory: Path) -> int:
    """The bytes that the files of ``directory`` take (a RocksDB database's, not its subdirectories')."""
    return sum(path.stat().st_size for path in directory.iterdir() if path.is_file())
