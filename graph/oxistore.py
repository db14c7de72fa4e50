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
import io
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
from graph.sparql import syntax_error
from graph.store import PARSE_BASE, RdfSyntaxError, Store, StoreError, Writer, fault_point
from graph.terms import as_uri, to_oxigraph
from graph.triples import TripleSet

#: Snapshots kept besides the current one; older ones are removed once older than SNAPSHOT_GRACE_S, the time a
#: reader may take between reading the pointer and opening the directory.
KEEP_SNAPSHOTS = 2
#: Payloads from this size go through bulk_load (parallel, writes SST files directly); smaller ones through load,
#: which is ~40 ms faster for a small file because it writes no new files.
BULK_LOAD_BYTES = 4 * 1024 * 1024
#: Additions from this many quads go through bulk_extend (a transactional extend of 100k quads takes ~4 s).
BULK_EXTEND_QUADS = 30_000
#: N-Triples payloads from BULK_LOAD_BYTES are cut at line ends into parts, bulk-loaded this many at once …
PARALLEL_LOADS = max(1, min(4, os.cpu_count() or 1))
#: … in parts of at most this size (~250k triples): the loader's memory grows with the part. Each part is one more
#: sorted file per index, which RocksDB soon merges into the others (Oxigraph compacts from two such files), so a
#: payload is cut no finer than that and the cores the ingest leaves idle ask (see :meth:`_Loads.put`).
LOAD_PART_BYTES = 32 * 1024 * 1024
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
        """See :meth:`Writer.replacing`. A document of BULK_LOAD_BYTES or more (not in a quads format) starts
        loading in threads at once; the block's N-Triples join it as parts, and the block's own thread helps
        load what is left when it ends. Smaller documents and quads are loaded when the block has ended."""
        name = str(as_uri(name))
        node = ox.NamedNode(name)
        if isinstance(data, (Graph, TripleSet)):
            data, fmt = data.serialize(format="nt", encoding="utf-8"), "ntriples"
        pieces = data if isinstance(data, list) else [data]  # pieces of one document, read in turn, not copied
        fmt_ = rdf_format(fmt)
        if fmt_.quads or sum(map(len, pieces)) < BULK_LOAD_BYTES:
            more: list[bytes] = []
            yield more.append
            self._replace_now(name, pieces, fmt_, more)
            return
        self._start_replacing(name)
        loads = _Loads(self.primary, node)
        loads.put(pieces, fmt_.engine)
        loads.start(max(1, PARALLEL_LOADS - 1))  # the block keeps this thread busy meanwhile
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
        data = _reader(pieces) if len(pieces) > 1 else pieces[0]
        try:
            if fmt_.quads:
                # Whatever graph a quads file names, this source's graph holds it.
                for quads in _chunks(ox.parse(data, fmt_.engine, base_iri=PARSE_BASE)):
                    self.primary.extend(ox.Quad(q.subject, q.predicate, q.object, node) for q in quads)
            elif sum(map(len, pieces)) < BULK_LOAD_BYTES:
                self.primary.load(data, fmt_.engine, base_iri=PARSE_BASE, to_graph=node)
            else:
                self.primary.bulk_load(data, fmt_.engine, base_iri=PARSE_BASE, to_graph=node)
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
        (self.primary.bulk_extend if len(quads) >= BULK_EXTEND_QUADS else self.primary.extend)(quads)

    def remove(self, name, triples):
        name = str(as_uri(name))
        self._touch(name)
        node = ox.NamedNode(name)
        for s, p, o in triples:
            self.primary.remove(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), node))

    def add_ntriples(self, name, data):
        self._touch(str(as_uri(name)))
        load = self.primary.bulk_load if len(data) >= BULK_LOAD_BYTES else self.primary.load
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


def _reader(pieces: list) -> io.BufferedReader:
    """One stream over ``pieces``; read a megabyte at a time (the engine's reads of 8 kB each cost ~0.3 s per
    100 MB in Python calls)."""
    return io.BufferedReader(_Pieces(pieces), 1 << 20)


def _splittable(pieces: list) -> bool:
    """Whether an N-Triples document can be loaded in parts: each load names its blank nodes afresh, so a
    document with blank nodes (or ``_:`` in a literal: the check is a plain search) is loaded whole."""
    return not any(b"_:" in piece for piece in pieces)


class _Loads:
    """Parts of one graph's data bulk-loaded by threads, each part once, taken in the order they were given.

    pyoxigraph releases the GIL while it loads: below its batch of a million triples the engine's loader keeps one
    core busy, so two loads on two idle cores take ~55 % of the time of one, and parts of LOAD_PART_BYTES bound the
    memory the loader holds (2M triples: 0.8 GB instead of 1.6 GB, and no slower). Parts may be given while the
    threads load the first ones (:meth:`_OxigraphWriter.replacing`); :meth:`finish` loads what is left with the
    calling thread's help and raises the first part's error, a syntax error with its line in the whole data.
    """

    def __init__(self, primary: ox.Store, graph: ox.NamedNode):
        self.primary, self.graph = primary, graph
        self.parts: list[tuple[list, ox.RdfFormat]] = []
        self.errors: dict[int, BaseException] = {}  # any error, not only syntax: no part may be lost silently
        self._taken, self._closed, self._stopped = 0, False, False  # stopped: by an error, or abandoned
        self._ready = threading.Condition()
        self._threads: list[threading.Thread] = []

    def put(self, pieces: list, fmt: ox.RdfFormat) -> None:
        """Queue ``pieces`` (one document's byte strings): N-Triples without blank nodes in parts cut at line
        ends; any other document whole (each load names blank nodes afresh).

        Parts of at most LOAD_PART_BYTES, and at least one for each core the ingest leaves to the loads: it keeps
        one busy meanwhile (the first pass of an RDF file, the extracting process of a table). Cut finer, each
        part's files cost a merge of the indexes: on two cores, the RNA extracts of 100k actors (12 payloads of
        10 MB) loaded in two parts each took 10 % more time and 15 % more CPU than whole (bench/HISTORY.md)."""
        size = sum(map(len, pieces))
        if fmt == ox.RdfFormat.N_TRIPLES and _splittable(pieces):
            parts = _split_at_lines(pieces, max(PARALLEL_LOADS - 1, -(-size // LOAD_PART_BYTES)))
        else:
            parts = [pieces]
        with self._ready:
            self.parts += [(part, fmt) for part in parts]
            self._ready.notify_all()

    def start(self, threads: int) -> None:
        """Start ``threads`` loading threads, which wait for parts until :meth:`finish`."""
        for n in range(threads):
            thread = threading.Thread(target=self._work, name=f"bulk-load-{n + 1}")
            thread.start()
            self._threads.append(thread)

    def finish(self) -> None:
        """Load the parts left (with this thread's help), wait for the threads, raise the first part's error."""
        self._close()
        self._work()
        for thread in self._threads:
            thread.join()
        if self.errors:
            i = min(self.errors)
            exc = self.errors[i]
            if not isinstance(exc, SyntaxError):
                raise exc
            before = sum(bytes(segment).count(b"\n") for part, _ in self.parts[:i] for segment in part)
            raise RdfSyntaxError(exc.msg, before + exc.lineno if exc.lineno else None, exc.offset)

    def abandon(self) -> None:
        """Take no more parts and wait for the loads under way (their graph is then restored by the caller)."""
        with self._ready:
            self._stopped = True
        self._close()
        for thread in self._threads:
            thread.join()

    def _close(self) -> None:
        with self._ready:
            self._closed = True
            self._ready.notify_all()

    def _next(self) -> int | None:
        with self._ready:
            while self._taken == len(self.parts) and not self._closed and not self._stopped:
                self._ready.wait()
            if self._taken == len(self.parts) or self._stopped:
                return None
            self._taken += 1
            return self._taken - 1

    def _work(self) -> None:
        while (i := self._next()) is not None:
            part, fmt = self.parts[i]
            try:
                # A part is given as bytes (a copy of at most LOAD_PART_BYTES), not as a stream: the engine reads
                # a stream through Python calls, each waiting for the GIL, and while another thread holds it (the
                # first pass of `replacing`'s block) 200k triples took 80 s to load instead of 0.7 s.
                data = part[0] if len(part) == 1 and isinstance(part[0], bytes) else b"".join(part)
                self.primary.bulk_load(data, fmt, base_iri=PARSE_BASE, to_graph=self.graph)
            except BaseException as exc:
                with self._ready:
                    self.errors[i], self._stopped = exc, True
                    self._ready.notify_all()


def _split_at_lines(pieces: list[bytes], count: int) -> list[list[memoryview]]:
    """Cut the document that ``pieces`` make into about ``count`` parts of equal size, each ending at a line end.

    >>> [[bytes(s) for s in part] for part in _split_at_lines([b"a\\nb", b"b\\nc\\nd\\n"], 2)]
    [[b'a\\nb', b'b\\n'], [b'c\\nd\\n']]
    >>> [[bytes(s) for s in part] for part in _split_at_lines([b"one line, no end"], 3)]
    [[b'one line, no end']]
    """
    total = sum(map(len, pieces))
    parts: list[list[memoryview]] = [[]]
    filled = 0  # bytes of the document in the parts so far
    for piece in pieces:
        view, start = memoryview(piece), 0
        while start < len(piece):
            target = total * len(parts) // count  # where the current part should end
            cut = piece.find(b"\n", start + max(0, target - filled)) + 1 if len(parts) < count else 0
            if cut == 0 or filled + len(piece) - start <= target:  # the part goes on past this piece
                parts[-1].append(view[start:])
                filled += len(piece) - start
                break
            parts[-1].append(view[start:cut])
            filled += cut - start
            start = cut
            parts.append([])
    return [part for part in parts if part]


class _Pieces(io.RawIOBase):
    """A readable stream over byte strings, one after the other."""

    def __init__(self, pieces: list[bytes]):
        self.pieces, self.index, self.offset = [memoryview(p) for p in pieces], 0, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.index < len(self.pieces):
            piece = self.pieces[self.index][self.offset:]
            if piece.nbytes:
                n = min(len(buffer), piece.nbytes)
                buffer[:n] = piece[:n]
                self.offset += n
                return n
            self.index, self.offset = self.index + 1, 0
        return 0


def _chunks(iterable, size: int = 100_000):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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
