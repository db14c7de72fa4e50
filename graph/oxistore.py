"""Embedded Oxigraph on disk: one writer, many readers on published snapshots.

The layout under ``{data}/store``::

    primary/          the read-write RocksDB database, opened only by the writer
    snapshots/<n>/    immutable copies made with ``Store.backup()`` (hard links: about a millisecond)
    current           the number of the snapshot that readers open (moved atomically with ``os.replace``)
    write.lock        an ``flock`` held by the writer; ``write.lock.info`` says who holds it
    journal.json      the graphs a writer has touched since the last publish, until the pointer has moved

Why: RocksDB admits one read-write process, and opening it read-only while another process writes is undefined
behaviour (pyoxigraph's documentation). Readers therefore never open the primary: each opens the current
snapshot with ``Store.read_only()``, and reopens when the pointer moves. A writer killed half-way leaves the
primary behind the pointer; the next writer reads the journal and restores those graphs from the current snapshot.
The journal names every graph a writer touches (replaced, added to, dropped, inserted into; ``*`` after a SPARQL
Update whose text does not show its one target graph) and goes only once the pointer has moved: a file's graph is
complete only after its source description, materialised types and validation, so a writer killed anywhere
before the publish must leave nothing of it for the next writer to publish (tests/test_crash.py kills it at each
of these points). Each write of the journal costs an fsync (~3 ms), so a writer may also name in advance the
graphs it is about to touch (``Writer.expect``: an ingest names the next files' graphs), all in one write; a
graph journaled and never changed is restored from the snapshot it already matches.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import threading
import time
from pathlib import Path
from typing import Any, Mapping

import pyoxigraph as ox
from rdflib import Graph

from graph.bindings import run_query
from graph.formats import rdf_format
from graph.locks import exclusive_lock, write_atomic
from graph.oxiload import Loads, chunks, extender, is_bulk, loader, pieces_reader
from graph.sparql import syntax_error
from graph.store import PARSE_BASE, RdfSyntaxError, Store, StoreError, Writer, fault_point
from graph.terms import as_uri, to_oxigraph
from graph.triples import TripleSet

#: Snapshots kept besides the current one; older ones are removed once older than SNAPSHOT_GRACE_S, the time a
#: reader may take between reading the pointer and opening the directory.
KEEP_SNAPSHOTS = 2
SNAPSHOT_GRACE_S = 60.0
#: The journal entry of a SPARQL Update: its graphs are unknown, so recovery restores them all.
ALL_GRAPHS = "*"


class OxigraphStore(Store):
    """The embedded store under ``config["data_dir"]``; see the module docstring for the layout."""

    name = "oxigraph"
    snapshots = True

    def __init__(self, config: Mapping[str, Any]):
        self.root = Path(config.get("data_dir", "maillage-data")) / "store"
        self.lock_timeout = float(config.get("lock_timeout", 30))
        (self.root / "snapshots").mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._pointer_stamp: tuple | None = None
        self._snapshot: str | None = None
        self._reader = ox.Store()  # empty until a snapshot is published
        self.refresh()

    # -- reading --

    def _read_pointer(self) -> str | None:
        try:
            return (self.root / "current").read_text().strip() or None
        except FileNotFoundError:
            return None

    def refresh(self) -> bool:
        """Reopen the current snapshot if the pointer moved (one ``stat`` when it did not)."""
        try:
            st = os.stat(self.root / "current")
            stamp = (st.st_mtime_ns, st.st_ino, st.st_size)
        except FileNotFoundError:
            stamp = None
        if stamp == self._pointer_stamp:
            return False
        with self._lock:
            name = self._read_pointer()
            if name is None or name == self._snapshot:
                self._pointer_stamp = stamp
                return False
            try:
                reader = ox.Store.read_only(str(self.root / "snapshots" / name))
            except OSError as exc:
                raise StoreError(f"cannot open snapshot {name}: {exc}") from None
            self._reader, self._snapshot, self._pointer_stamp = reader, name, stamp
            return True

    def query(self, sparql, bindings=None):
        self.refresh()
        return run_query(self._reader, sparql, bindings)

    @property
    def engine(self) -> ox.Store:
        """The pyoxigraph store of the current snapshot (for engine-level work: streaming, dumps)."""
        self.refresh()
        return self._reader

    def dump(self, out, fmt="nquads"):
        self.refresh()
        self._reader.dump(out, rdf_format(fmt).engine)

    def state(self):
        return {"backend": self.name, "snapshot": self._snapshot}

    # -- writing --

    @contextlib.contextmanager
    def writer(self):
        with self._write_lock():
            try:
                primary = ox.Store(str(self.root / "primary"))
            except OSError as exc:
                raise StoreError(f"cannot open the store for writing: {exc}") from None
            writer = _OxigraphWriter(self, primary)
            try:
                self._recover(primary)
                yield writer
                if writer.dirty:
                    self._publish(primary)
                with contextlib.suppress(FileNotFoundError):
                    (self.root / "journal.json").unlink()
            finally:
                # pyoxigraph has no close(): the database (and its RocksDB lock) is released with the last
                # reference, so none may outlive the lock — not even through a caller's `as w` variable.
                writer.primary = None
                del primary

    @contextlib.contextmanager
    def _write_lock(self):
        def busy() -> StoreError:
            holder = _read_json(self.root / "write.lock.info") or {}
            return StoreError(f"la base est en cours d'écriture par le processus {holder.get('pid', '?')} "
                              f"({holder.get('command', 'commande inconnue')}) depuis {holder.get('since', '?')} ; "
                              f"attendu {self.lock_timeout:.0f} s : réessayez quand il aura fini (réglage "
                              "lock_timeout)")

        with exclusive_lock(self.root / "write.lock", self.lock_timeout, busy, poll=0.2):
            info = {"pid": os.getpid(), "command": " ".join(_argv()), "since": time.strftime("%Y-%m-%dT%H:%M:%S")}
            _write_json_atomic(self.root / "write.lock.info", info)
            try:
                yield
            finally:
                with contextlib.suppress(FileNotFoundError):
                    (self.root / "write.lock.info").unlink()

    def _recover(self, primary: ox.Store) -> None:
        """Restore the graphs that a killed writer left unpublished in the primary, from the current snapshot."""
        journal = _read_json(self.root / "journal.json")
        if not journal:
            return
        graphs = set(journal.get("graphs", [])) | ({journal["graph"]} if "graph" in journal else set())
        snapshot = self._open_current()
        if ALL_GRAPHS in graphs:
            graphs.discard(ALL_GRAPHS)
            graphs |= {g.value for g in primary.named_graphs() if isinstance(g, ox.NamedNode)}
            if snapshot is not None:
                graphs |= {g.value for g in snapshot.named_graphs() if isinstance(g, ox.NamedNode)}
            primary.clear_graph(ox.DefaultGraph())
            if snapshot is not None:
                primary.extend(snapshot.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        for graph in sorted(graphs):
            self.restore_graph(primary, graph, snapshot)
        primary.flush()
        (self.root / "journal.json").unlink()

    def _open_current(self) -> ox.Store | None:
        name = self._read_pointer()
        return None if name is None else ox.Store.read_only(str(self.root / "snapshots" / name))

    def restore_graph(self, primary: ox.Store, graph: str, snapshot: ox.Store | None = None) -> None:
        """Put back in ``primary`` the version of ``graph`` that the current snapshot holds (or none)."""
        node = ox.NamedNode(graph)
        primary.remove_graph(node) if primary.contains_named_graph(node) else None
        snapshot = snapshot or self._open_current()
        if snapshot is not None and snapshot.contains_named_graph(node):
            primary.extend(ox.Quad(q.subject, q.predicate, q.object, node)
                           for q in snapshot.quads_for_pattern(None, None, None, node))

    def _publish(self, primary: ox.Store) -> Path:
        """Publish ``primary`` as the next snapshot; return its directory.

        ``backup()`` flushes the memtables itself (a snapshot's write-ahead log is empty): a ``flush()`` before it
        only flushed them in another way, and the ingests measured no slower without it (grants lists of the 100k
        corpus, four alternating pairs: medians 47.7 against 52.6 s, RocksDB's compactions 20.1 against 25.2 s).
        """
        current = self._read_pointer()
        number = int(current) + 1 if current else 1
        name = f"{number:08d}"
        target = self.root / "snapshots" / name
        if target.exists():  # left by a writer killed between backup and pointer move
            shutil.rmtree(target)
        primary.backup(str(target))
        fault_point("before-pointer")
        write_atomic(self.root / "current", name + "\n")
        self._prune_snapshots(name)
        return target

    def _prune_snapshots(self, current: str) -> None:
        names = sorted(p.name for p in (self.root / "snapshots").iterdir() if p.is_dir())
        old = [n for n in names if n < current][:-KEEP_SNAPSHOTS or None]
        now = time.time()
        for n in old:
            path = self.root / "snapshots" / n
            if now - path.stat().st_mtime > SNAPSHOT_GRACE_S and n != self._snapshot:
                shutil.rmtree(path, ignore_errors=True)


class _OxigraphWriter(Writer):
    concurrent_queries = True

    def __init__(self, owner: OxigraphStore, primary: ox.Store):
        self.owner, self.primary, self.dirty = owner, primary, False
        self.touched: set[str] = set()

    def expect(self, names):
        """See :meth:`Writer.expect`: journal the names not yet journaled since the last publish, in one write.

        A recovery restores each from the current snapshot, changed or not: a graph expected and never changed
        comes back with the content it has (the primary holds the published version of every graph this writer
        has not changed). Readers see nothing, and a writer that changes nothing publishes nothing.
        """
        new = {str(as_uri(name)) for name in names} - self.touched
        if new:
            self.touched |= new
            self._write_journal()

    def _touch(self, name: str) -> None:
        """Journal ``name`` before its first change, unless it was expected: until the publish, a crash must
        restore it."""
        self.dirty = True
        if name not in self.touched:
            self.touched.add(name)
            self._write_journal()

    def _write_journal(self) -> None:
        _write_json_atomic(self.owner.root / "journal.json", {"graphs": sorted(self.touched)})

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
        except BaseException:
            loads.abandon()
            self.owner.restore_graph(self.primary, name)
            raise
        finally:
            loads.primary = None  # the block's `as` name may outlive it: it must not hold the database open

    def _start_replacing(self, name: str) -> None:
        node = ox.NamedNode(name)
        self._touch(name)
        if self.primary.contains_named_graph(node):
            self.primary.remove_graph(node)
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
                for quads in chunks(ox.parse(data, fmt_.engine, base_iri=PARSE_BASE)):
                    self.primary.extend(ox.Quad(q.subject, q.predicate, q.object, node) for q in quads)
            else:
                load = loader(self.primary, sum(map(len, pieces)))
                load(data, fmt_.engine, base_iri=PARSE_BASE, to_graph=node)
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
        self.owner.restore_graph(self.primary, str(as_uri(name)))
        self.dirty = True

    def commit(self) -> None:
        if self.dirty:
            self.published = str(self.owner._publish(self.primary))
            self.dirty = False
        elif self.published is None and (current := self.owner._read_pointer()) is not None:
            self.published = str(self.owner.root / "snapshots" / current)
        # Published: nothing left for a recovery to undo.
        self.touched.clear()
        with contextlib.suppress(FileNotFoundError):
            (self.owner.root / "journal.json").unlink()

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
_INSERT_INTO_ONE_GRAPH = re.compile(r'\s*INSERT\s*\{\s*GRAPH\s*<([^<>"{}|^`\\\s;]*)>\s*\{[^{}]*\}\s*\}\s*WHERE\s*\{[^;]*',
                                    re.IGNORECASE)


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


def _argv() -> list[str]:
    import sys

    return [Path(sys.argv[0]).name, *sys.argv[1:]] if sys.argv else []


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def _write_json_atomic(path: Path, data: dict) -> None:
    write_atomic(path, json.dumps(data))
