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
primary ahead of the pointer, and its journal; the next writer finds the journal and makes the primary a checkpoint of
the current snapshot again.
The journal names every graph a writer touches (replaced, added to, dropped, inserted into; ``*`` after a SPARQL
Update whose text does not show its one target graph) and goes only once the pointer has moved: a file's graph is
complete only after its source description, materialised types and validation, so a writer killed anywhere
before the publish must leave nothing of it for the next writer to publish (tests/test_crash.py kills it at each
of these points). Each write of the journal costs an fsync (~3 ms), so a writer may also name in advance the
graphs it is about to touch (``Writer.expect``: an ingest names the next files' graphs), all in one write; a
graph journaled and never changed is restored from the snapshot it already matches.

This module holds the layout and the readers; the writer is :mod:`graph.oxiwriter`, and the engine calls that
load its data are chosen in :mod:`graph.oxiload`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import threading
import time
from pathlib import Path
from typing import Any, Mapping

import pyoxigraph as ox

from graph.bindings import run_query
from graph.formats import rdf_format
from graph.french_text import counted
from graph.locks import held_by_live_writer, store_write_lock, write_atomic
from graph.oxiwriter import ALL_GRAPHS, OxigraphWriter, wait_for_calls_left_running
from graph.store import Store, StoreError, fault_point

#: Snapshots kept besides the current one; older ones are removed once older than SNAPSHOT_GRACE_S, the time a
#: reader may take between reading the pointer and opening the directory.
KEEP_SNAPSHOTS = 2
SNAPSHOT_GRACE_S = 60.0

log = logging.getLogger("maillage.store")


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

    def read_pointer(self) -> str | None:
        """The name of the current snapshot, None before the first publish."""
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
            name = self.read_pointer()
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

    def writing(self) -> bool:
        """Whether a live process holds the write lock, as ``write.lock.info`` tells (one read, no lock taken: a
        writer waiting for the lock is never held up by a reader asking). A writer killed mid-way leaves the file
        behind, naming a process that is gone: not writing."""
        return held_by_live_writer(self.root)

    # -- writing --

    @contextlib.contextmanager
    def writer(self):
        """The store's one writer, on the primary. What a writer leaves unpublished when its block raises — a
        Ctrl-C, an error — or when it is killed stays journaled: the next writer discards it before it starts
        (:meth:`_recover`)."""
        with store_write_lock(self.root, self.lock_timeout):
            wait_for_calls_left_running()
            self._recover()
            try:
                primary = ox.Store(str(self.root / "primary"))
            except OSError as exc:
                raise StoreError(f"cannot open the store for writing: {exc}") from None
            writer = OxigraphWriter(self, primary)
            try:
                yield writer
                if writer.dirty:
                    self.publish(primary)
                self.clear_journal()
            finally:
                # pyoxigraph has no close(): the database (and its RocksDB lock) is released with the last
                # reference, so none may outlive the lock — not even through a caller's `as w` variable.
                writer.primary = None
                del primary

    def _recover(self) -> None:
        """Discard what a writer stopped mid-way (killed, or ended by an exception) left unpublished in the primary:
        its journal is still there. Said on the ``maillage.store`` logger: after a SIGKILL the next ingest sat silent
        for 1-3 minutes while the graphs it names were copied back one by one."""
        journal = _read_json(self.root / "journal.json")
        if not journal:
            return
        graphs = set(journal.get("graphs", [])) | ({journal["graph"]} if "graph" in journal else set())
        if ALL_GRAPHS in graphs:
            put_back = ("tous les graphes remis tels qu'avant elle", "every graph put back as before it")
        else:
            put_back = (f"{counted(len(graphs), 'graphe')} remis tel{'s' * (len(graphs) > 1)} qu'avant elle",
                        f"{counted(len(graphs), 'graph', lang='en')} put back as before it")
        log.warning(f"maillage: reprise d'une écriture interrompue : la base revient à sa dernière version publiée "
                    f"({put_back[0]})",
                    extra={"message_en": "maillage: resuming after an interrupted write: the store goes back to its "
                                         f"last published version ({put_back[1]})"})
        self._discard_unpublished()

    def _discard_unpublished(self) -> None:
        """Make the primary the current snapshot again, discarding whatever a writer changed since its last publish
        (the journal names all of it), then forget the journal.

        The primary is replaced by a checkpoint of the snapshot (hard links, milliseconds) rather than each journaled
        graph restored from it, and is not even opened (RocksDB would replay its write-ahead log first): an ingest of
        20,000 grants stopped by a Ctrl-C exited 83 s after it, copying its 680,000-triple graph back, and after a
        SIGKILL the next run did the same in silence (1-3 minutes). The primary differs from the snapshot only in
        the graphs that the journal names (a graph is journaled before its first change), so nothing else is lost.
        Called with the write lock held and the primary closed.
        """
        primary = self.root / "primary"
        discarded = self.root / "primary.discarded"
        shutil.rmtree(discarded, ignore_errors=True)  # a discard interrupted in its turn
        if primary.exists():
            primary.rename(discarded)
        if (snapshot := self._open_current()) is not None:
            snapshot.backup(str(primary))
            del snapshot
        shutil.rmtree(discarded, ignore_errors=True)
        self.clear_journal()

    def _open_current(self) -> ox.Store | None:
        name = self.read_pointer()
        return None if name is None else ox.Store.read_only(str(self.root / "snapshots" / name))

    def restore_graph(self, primary: ox.Store, graph: str, snapshot: ox.Store | None = None) -> None:
        """Put back in ``primary`` the version of ``graph`` that the current snapshot holds (or none)."""
        node = ox.NamedNode(graph)
        primary.remove_graph(node) if primary.contains_named_graph(node) else None
        snapshot = snapshot or self._open_current()
        if snapshot is not None and snapshot.contains_named_graph(node):
            primary.extend(ox.Quad(q.subject, q.predicate, q.object, node)
                           for q in snapshot.quads_for_pattern(None, None, None, node))

    # -- the journal and the snapshots, for the writer --

    def write_journal(self, graphs: set[str]) -> None:
        """Name in the journal the graphs a writer has touched since the last publish (one write: one fsync)."""
        _write_json_atomic(self.root / "journal.json", {"graphs": sorted(graphs)})

    def clear_journal(self) -> None:
        """Forget the journal: what it names is published, nothing is left for a recovery to undo."""
        with contextlib.suppress(FileNotFoundError):
            (self.root / "journal.json").unlink()

    def publish(self, primary: ox.Store) -> Path:
        """Publish ``primary`` as the next snapshot; return its directory.

        ``backup()`` flushes the memtables itself (a snapshot's write-ahead log is empty): a ``flush()`` before it
        only flushed them in another way, and the ingests measured no slower without it (grants lists of the 100k
        corpus, four alternating pairs: medians 47.7 against 52.6 s, RocksDB's compactions 20.1 against 25.2 s).
        """
        current = self.read_pointer()
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


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def _write_json_atomic(path: Path, data: dict) -> None:
    write_atomic(path, json.dumps(data))
