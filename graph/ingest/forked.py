"""A forked process that answers the writer's requests in order, beside an ingest.

An ingest keeps the store's writer in one process; work that needs neither the writer nor its database — extracting
the next file (:mod:`graph.ingest.lookahead`), validating a published snapshot (:mod:`graph.ingest.checker`) — runs
in such a process on the machine's other core. The writer sends a request, goes on, and receives the answer
later; requests are answered in the order they were sent.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import pickle
import signal
import threading
import traceback
import warnings
from collections.abc import Iterator
from typing import Any, Callable

from graph.gc_pause import cyclic_gc_paused


class Lost(Exception):
    """The process ended before answering (killed, out of memory): the writer does the work itself."""


class ForkedWorker:
    """One forked process that answers each request with ``handler(*request)``.

    Requests and answers are pickled with ``dumps``; an answer that does not pickle (an exception of a library, say)
    is replaced by ``unpicklable(answer, traceback_text)``. The writer should send a request when the process waits
    for one (after receiving the previous answer), so that neither end blocks on a full pipe while the other writes.

    Fork it before the store's write lock is taken and its primary database opened: the process holds neither.
    It ends at :meth:`close`, or when the writer's process dies (its end of the pipe is then closed).
    """

    def __init__(self, handler: Callable[..., Any], name: str, dumps: Callable[[Any], bytes] = pickle.dumps,
                 unpicklable: Callable[[Any, str], Any] = lambda answer, text: Lost(text)):
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._dumps = dumps
        self._process = context.Process(target=_serve, args=(child, self._conn, handler, dumps, unpicklable),
                                        daemon=True, name=name)
        with _interrupts_held() as held, warnings.catch_warnings():
            # Python 3.12+ warns when a process with threads forks (here RocksDB's, of a store opened to read):
            # a child may deadlock on a lock held by a thread that it does not have. The child runs only its
            # handler — Python code, and stores it opens itself; glibc's malloc is fork-safe.
            warnings.filterwarnings("ignore", r"This process .* is multi-threaded", DeprecationWarning)
            self._process.start()
        child.close()
        self.pending, self._broken = 0, False
        if held:  # a Ctrl-C while forking: this process is ended, and the interrupt raised now
            self.close()
            signal.raise_signal(signal.SIGINT)

    def send(self, *request) -> None:
        self.pending += 1
        if not self._broken:
            try:
                self._conn.send_bytes(self._dumps(request))
            except OSError:
                self._broken = True

    def receive(self) -> Any:
        """The answer to the oldest request not yet received, or a :class:`Lost` when the process died."""
        answer: Any = Lost("the process ended before answering")
        if not self._broken:
            try:
                data = self._conn.recv_bytes()
            except (EOFError, OSError):
                self._broken = True
            else:
                with cyclic_gc_paused():  # an extraction is ~100k objects (graph.gc_pause)
                    answer = pickle.loads(data)
        # Counted once received: a Ctrl-C while waiting for it leaves it pending, and close() then stops the process,
        # which may be blocked writing that answer.
        self.pending -= 1
        return answer

    def close(self) -> None:
        """End the process: by the end marker once it has answered every request, else (an ingest stopped by Ctrl-C
        or an error, an answer that will never be read) at once, with SIGTERM. Closing the pipe would not end it: a
        sibling forked later holds a copy of the writer's end, so the process waited on its pipe until the join's
        timeout (10 s after each Ctrl-C). It writes nothing that outlives it: an extraction, a snapshot's check."""
        ended = False
        if not self.pending and not self._broken:
            try:
                self._conn.send_bytes(self._dumps(None))
                ended = True
            except OSError:
                pass
        if not ended:
            self._process.terminate()
        self._conn.close()
        self._process.join(timeout=10)
        if self._process.exitcode is None:
            self._process.kill()
            self._process.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@contextlib.contextmanager
def _interrupts_held() -> Iterator[list[int]]:
    """Hold back a Ctrl-C that comes while the block runs (a fork), and yield the list that records it. Python raises
    KeyboardInterrupt in the first Python code that runs after the signal, and during a fork that is the fork's hooks
    (``os.register_at_fork``: logging's, :mod:`graph.locks`'), which report it as ignored and go on: an ingest
    interrupted so went on to its end. Signals are the main thread's only: elsewhere nothing is held."""
    held: list[int] = []
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGINT) is None:
        yield held
        return
    previous = signal.signal(signal.SIGINT, lambda number, frame: held.append(number))
    try:
        yield held
    finally:
        signal.signal(signal.SIGINT, previous)


def _serve(conn, writer_end, handler, dumps, unpicklable) -> None:
    # What the writer's process held when it forked is the writer's: never collected here. Its garbage not yet
    # collected (a store it closed, say) would otherwise be finalised in this process, which has none of the threads
    # that the store's native locks and handles belong to; and the collector would walk (and so copy) its pages.
    gc.freeze()
    writer_end.close()  # else the process would hold its own pipe open and never see the writer die
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle; it then closes this process
    while True:
        try:
            request = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        if request is None:
            return
        with cyclic_gc_paused():  # the handler's work, one request at a time (graph.gc_pause)
            answer = handler(*request)
            try:
                data = dumps(answer)
            except Exception:  # e.g. an exception that does not pickle: its traceback as text
                data = dumps(unpicklable(answer, "".join(traceback.format_exc())))
            del answer  # freed while the collector is paused, not walked once more after it
        try:
            conn.send_bytes(data)
        except OSError:  # the writer closed its end
            return
