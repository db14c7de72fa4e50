"""Embedded Oxigraph on disk: one writer, many readers on published snapshots.

The layout under ``{data}/store``::

    primary/          the read-write RocksDB database, opened only by the writer
    snapshots/<n>/    immutable copies made with ``Store.backup()`` (hard links: about a millisecond); a reader holds
                      the one it has open with a shared ``flock`` on its directory
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

Each publish removes the snapshots before the KEEP_SNAPSHOTS latest, but those a reader holds: a process keeps a
shared ``flock`` on the directory of the snapshot it has open (released when it moves on, or dies), and the writer
removes a directory only under an exclusive one. A reader that read the pointer just before the snapshot it names
went reads the pointer again. (A 60 s minimum age did this job before, and the data directory grew without bound
while the ingests came quicker: twelve re-ingests of three small files in 20 s left 14 snapshots, 30 MB.)

This module holds the layout and the readers; the writer is :mod:`graph.oxiwriter`, and the engine calls that
load its data are chosen in :mod:`graph.oxiload`.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
import threading
from pathlib import Path
from typing import Any, Mapping

import pyoxigraph as ox

from graph.bindings import run_query
from graph.formats import rdf_format
from graph.french_text import counted
from graph.locks import held_by_live_writer, store_write_lock, write_atomic
from graph.oxiwriter import ALL_GRAPHS, OxigraphWriter, wait_for_calls_left_running
from graph.store import Store, StoreError, fault_point

#: Snapshots kept besides the current one at each publish (and those a reader holds): the validation process of an
#: ingest reads the one before the current (graph.ingest.checker). ``maillage optimize``, which no ingest runs beside,
#: keeps none but those held.
KEEP_SNAPSHOTS = 2
#: How many times a reader reads the pointer again when the snapshot it named was removed meanwhile: a writer would
#: have to publish KEEP_SNAPSHOTS + 1 times between two reads for a second one to be needed.
OPEN_ATTEMPTS = 5
#: RocksDB's info logs of the primary kept besides the current ``LOG``: each opening of the primary (each ingest) moves
#: the last one to ``LOG.old.<time>`` (137 kB for three small files) and RocksDB keeps 1,000 of them; they are not
#: data, and were most of what 24 re-ingests still added (3.6 MB) once the snapshots were bounded.
KEEP_INFO_LOGS = 2

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
        self._hold: SnapshotHold | None = None
        self._files: tuple[Path, dict[str, FileStamp | None]] = (self.root, {})  # the open snapshot's, as opened
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
            name, hold, reader = self._open_snapshot(name)
            if self._hold is not None:
                self._hold.close()
            self._reader, self._snapshot, self._hold, self._pointer_stamp = reader, name, hold, stamp
            self._files = (self.root / "snapshots" / name, file_stamps(self.root / "snapshots" / name))
            return True

    def changed_files(self) -> list[str]:
        """The files of the open snapshot that are gone or were written since it was opened (a ``stat`` each, tens
        of files): its store reads damaged data, while the pointer, all that :meth:`refresh` looks at, stays.

        Never one in normal operation: a snapshot is a read-only checkpoint that no process writes, and the files
        it shares with the primary and the other snapshots are hard links that the writer's RocksDB only ever
        creates and unlinks (a compaction, ``maillage optimize``, a pruned snapshot), never opens for writing; the
        files it does not share are copies. An unlink changes the ctime that a link shares, which is why it is
        not compared; a publish moves the pointer, and the next :meth:`refresh` takes the new snapshot's stamps.
        """
        with self._lock:  # refresh() lets the old snapshot go before it stamps the new: a writer may remove it then
            folder, opened = self._files
            return sorted(name for name, stamp in opened.items() if file_stamp(folder / name) != stamp)

    def _open_snapshot(self, name: str) -> tuple[str, SnapshotHold, ox.Store]:
        """Hold and open the snapshot ``name``, or the one the pointer names next if a writer removed it meanwhile;
        return its name, its hold and the store open on it."""
        for _ in range(OPEN_ATTEMPTS):
            path = self.root / "snapshots" / name
            hold = hold_snapshot(path)
            if hold is not None:
                try:
                    return name, hold, ox.Store.read_only(str(path))
                except OSError as exc:
                    hold.close()
                    raise StoreError(f"cannot open snapshot {name}: {exc}") from None
            moved = self.read_pointer()
            if moved is None or moved == name:
                break
            name = moved
        raise StoreError(f"cannot open snapshot {name}: no such directory in {self.root / 'snapshots'}")

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
            prune_info_logs(self.root / "primary", KEEP_INFO_LOGS - 1)  # opening it moves LOG to one more
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
        self.prune_snapshots()
        return target

    def prune_snapshots(self, keep: int = KEEP_SNAPSHOTS) -> None:
        """Remove the snapshots before the current one but the ``keep`` latest of them and those a reader holds;
        with the write lock held (a publish, ``maillage optimize``)."""
        current = self.read_pointer()
        names = sorted(p.name for p in (self.root / "snapshots").iterdir() if p.is_dir())
        for name in [n for n in names if current is not None and n < current][:-keep or None]:
            remove_unless_held(self.root / "snapshots" / name)


def prune_info_logs(primary: Path, keep: int) -> None:
    """Remove the primary's older RocksDB info logs (``LOG.old.<time>``) but the ``keep`` latest; with the write lock
    held and the primary closed.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("LOG", "LOG.old.1", "LOG.old.2", "LOG.old.3", "000010.sst"):
    ...     _ = (folder / name).write_text("")
    >>> prune_info_logs(folder, keep=1)
    >>> sorted(p.name for p in folder.iterdir())
    ['000010.sst', 'LOG', 'LOG.old.3']
    >>> import shutil; shutil.rmtree(folder)
    """
    old = sorted(primary.glob("LOG.old.*"))  # LOG.old.<microseconds since 1970>: 16 digits until 2286
    for path in old[:-keep or None]:
        path.unlink(missing_ok=True)


#: What tells a file rewritten from the same file: its inode, size and modification time in nanoseconds.
FileStamp = tuple[int, int, int]


def file_stamp(path: Path) -> FileStamp | None:
    """The :data:`FileStamp` of ``path``, None when it is gone."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def file_stamps(folder: Path) -> dict[str, FileStamp | None]:
    """The :data:`FileStamp` of each file of the directory ``folder``, by name.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "000010.sst").write_bytes(b"table")
    >>> stamps = file_stamps(folder)
    >>> _ = (folder / "000010.sst").write_bytes(b"garbage")
    >>> list(stamps), file_stamp(folder / "000010.sst") == stamps["000010.sst"], file_stamp(folder / "gone.sst")
    (['000010.sst'], False, None)
    >>> import shutil; shutil.rmtree(folder)
    """
    return {entry.name: file_stamp(Path(entry.path)) for entry in os.scandir(folder)
            if entry.is_file(follow_symlinks=False)}


class SnapshotHold:
    """A shared ``flock`` on a snapshot's directory, through a descriptor of its own: released when closed, or when
    this object is collected (a store dropped without a word must not keep its snapshot for the process's life).
    Closed, never unlocked: a forked child's copy of the descriptor still holds the snapshot for the child."""

    def __init__(self, descriptor: int):
        self.descriptor: int | None = descriptor

    def close(self) -> None:
        if self.descriptor is not None:
            with contextlib.suppress(OSError):  # a forked child that closed its descriptors
                os.close(self.descriptor)
            self.descriptor = None

    __del__ = close


def hold_snapshot(path: Path) -> SnapshotHold | None:
    """Hold the snapshot directory ``path`` for reading (:class:`SnapshotHold`); None when the directory is gone, or
    went while this waited for the lock.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> hold = hold_snapshot(folder)
    >>> remove_unless_held(folder), folder.is_dir()
    (False, True)
    >>> hold.close()
    >>> remove_unless_held(folder), folder.is_dir(), hold_snapshot(folder)
    (True, False, None)
    """
    try:
        hold = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except (FileNotFoundError, NotADirectoryError, ValueError):  # ValueError: a damaged pointer's null byte
        return None
    fcntl.flock(hold, fcntl.LOCK_SH)  # waits while a writer removes it
    if path.is_dir():
        return SnapshotHold(hold)
    os.close(hold)
    return None


def remove_unless_held(path: Path) -> bool:
    """Remove the snapshot directory ``path`` unless a reader holds it (:func:`hold_snapshot`); whether it is gone."""
    try:
        lock = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return True
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    else:
        shutil.rmtree(path, ignore_errors=True)
        return not path.exists()
    finally:
        os.close(lock)


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def _write_json_atomic(path: Path, data: dict) -> None:
    write_atomic(path, json.dumps(data))
