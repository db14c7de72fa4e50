"""Process-level write locks and atomic file replacement, shared by the store and the search index.

Both keep one writer at a time with an ``flock`` (released by the kernel when the process dies) and publish a
new state by writing a small file next to its target and moving it into place with ``os.replace``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

#: The write-lock files this process holds (closed in forked children, see _exit_with_parent).
_HELD_LOCKS: set[IO] = set()


def _exit_with_parent() -> None:
    """In a forked child, exit as soon as the parent is gone (``os.register_at_fork`` runs this in every child).

    Forked children inherit the parent's open files, and with them its ``flock`` locks: whoosh's index-writer
    processes, orphaned by a SIGKILLed ``maillage ingest``, waited forever on their job queue and kept the store's
    and the index's write locks held, blocking every later run (tests/test_crash.py). Closing the inherited lock
    files and exiting with the parent releases them.
    """
    for handle in list(_HELD_LOCKS):
        with contextlib.suppress(OSError):
            handle.close()
    _HELD_LOCKS.clear()
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="maillage-exit-with-parent", daemon=True).start()


os.register_at_fork(after_in_child=_exit_with_parent)

#: Who hears, as soon as a writer finds a lock held, that it waits (:func:`announcing_waits`).
_WAIT_LISTENERS: list[Callable[[Path, float], None]] = []


@contextlib.contextmanager
def announcing_waits(listener: Callable[[Path, float], None]) -> Iterator[None]:
    """Call ``listener(path, timeout)`` each time :func:`exclusive_lock` finds ``path`` held by another process and
    starts waiting up to ``timeout`` seconds, while the block runs: the command line says so at once (an ingest
    started while another wrote waited in silence, 12.5 s on a terminal).

    >>> import tempfile
    >>> folder, heard = tempfile.TemporaryDirectory(), []
    >>> lock, busy = Path(folder.name) / "write.lock", lambda: RuntimeError("busy")
    >>> with exclusive_lock(lock, 1, busy), announcing_waits(lambda path, timeout: heard.append((path.name, timeout))):
    ...     try:
    ...         with exclusive_lock(lock, 0.2, busy):  # another open file: flock locks it apart
    ...             pass
    ...     except RuntimeError as exc:
    ...         print(exc, heard)
    busy [('write.lock', 0.2)]
    >>> folder.cleanup()
    """
    _WAIT_LISTENERS.append(listener)
    try:
        yield
    finally:
        _WAIT_LISTENERS.remove(listener)


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float, on_timeout: Callable[[], Exception],
                   poll: float = 0.1) -> Iterator[IO]:
    """Hold an exclusive ``flock`` on ``path``, waiting up to ``timeout`` seconds; raise ``on_timeout()`` after.
    The listeners of :func:`announcing_waits` hear when it starts to wait.

    >>> import tempfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> with exclusive_lock(Path(folder.name) / "write.lock", 1, lambda: RuntimeError("busy")):
    ...     pass
    >>> folder.cleanup()
    """
    with open(path, "a+") as handle:
        deadline, waiting = time.monotonic() + timeout, False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise on_timeout() from None
                if not waiting:
                    waiting = True
                    for listener in list(_WAIT_LISTENERS):
                        listener(path, timeout)
                time.sleep(poll)
        _HELD_LOCKS.add(handle)
        try:
            yield handle
        finally:
            _HELD_LOCKS.discard(handle)
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def store_write_lock(directory: Path, timeout: float) -> Iterator[None]:
    """Hold ``directory/write.lock`` as a store's one writer, waiting up to ``timeout`` seconds, while
    ``write.lock.info`` says who holds it (process id, command line, start), for the waiting message of the command
    line and for the StoreError raised after the wait; the file goes with the lock (a killed writer leaves it,
    naming a process that is gone). The embedded store's layout, which a remote store's writers take too."""
    from graph.store import StoreBusyError

    info = directory / "write.lock.info"

    def busy() -> StoreBusyError:
        holder = _read_json(info)
        pid, since = holder.get("pid", "?"), holder.get("since", "?")
        return StoreBusyError(f"la base est en cours d'écriture par le processus {pid} "
                          f"({holder.get('command', 'commande inconnue')}) depuis {since} ; "
                          f"attendu {timeout:.0f} s : réessayez quand il aura fini (réglage lock_timeout)",
                          f"the store is being written by process {pid} "
                          f"({holder.get('command', 'unknown command')}) since {since}; waited {timeout:.0f} s: "
                          "try again once it is done (lock_timeout setting)")

    with exclusive_lock(directory / "write.lock", timeout, busy, poll=0.2):
        argv = [Path(sys.argv[0]).name, *sys.argv[1:]] if sys.argv else []
        write_atomic(info, json.dumps({"pid": os.getpid(), "command": " ".join(argv),
                                       "since": time.strftime("%Y-%m-%dT%H:%M:%S")}))
        try:
            yield
        finally:
            with contextlib.suppress(FileNotFoundError):
                info.unlink()


def held_by_live_writer(directory: Path) -> bool:
    """Whether a live process holds ``directory``'s store write lock (:func:`store_write_lock`), as its
    ``write.lock.info`` tells: one read, no lock taken, so that a writer waiting for the lock is never held up by a
    reader asking. A writer killed mid-way leaves the file behind, naming a process that is gone: not writing.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     held_by_live_writer(Path(folder))
    False
    """
    pid = _read_json(directory / "write.lock.info").get("pid")
    return isinstance(pid, int) and process_alive(pid)


def process_alive(pid: int) -> bool:
    """Whether a process runs under ``pid``: a signal 0 that finds none means none, one refused means another
    user's process; an id no process can have (too large) means none.

    >>> process_alive(os.getpid()), process_alive(2 ** 40)
    (True, False)
    """
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # alive, another user's
        pass
    return True


def _read_json(path: Path) -> dict:
    """The object that the JSON file ``path`` holds; {} when it is missing or not an object."""
    try:
        value = json.loads(path.read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return {}
    return value if isinstance(value, dict) else {}


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically: readers see the old content or the new one, never a mix."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
