"""Killable query workers: user SPARQL runs in worker processes that are killed past the time limit.

Neither engine can cancel a running query: pyoxigraph ignores signals and threads. So each query of the endpoint
runs in a worker process that has the current snapshot open read-only; the worker serialises the answer with
Oxigraph's own serialisers and sends it back in chunks, which the web process streams to the client. When the
answer does not start within the time limit, the worker is killed (SIGKILL), a fresh one takes its place and the
caller gets QueryTimeout; other requests keep being served by the other workers meanwhile.

Workers come from a ``forkserver``: forking a multi-threaded web process is unsafe, and a fork of the small,
single-threaded server that has already imported pyoxigraph answers its first query in milliseconds. As a
backstop against a web process that dies mid-query, each worker also runs under an RLIMIT_CPU that the kernel
enforces (pyoxigraph cannot ignore that one).

Stores that are not the embedded Oxigraph (rdflib's memory store in tests, a remote SPARQL server) run queries in
the calling thread with :class:`InlineRunner`: a remote server enforces its own limits.
"""

from __future__ import annotations

import atexit
import io
import logging
import multiprocessing
import os
import queue
import resource
import threading
import time
import weakref
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

import pyoxigraph as ox

from graph.formats import Format, rdf_format, results_format, serialize_triples, xml_safe
from graph.projection import in_query_order, without_columns
from graph.sparql import QueryCrashed, QueryPlan, QueryRefused, QueryTimeout, QueryWorkersBusy, unsupported_function
from graph.sparql_syntax import syntax_error
from graph.sparql_union import as_set_query
from graph.store import QuerySyntaxError, Store, StoreError

#: Bytes per message from a worker: large enough that the pipe is not the bottleneck, small enough to stream.
CHUNK_BYTES = 1 << 20
#: Seconds a worker may spend beyond the time limit before the kernel stops it (only if nobody killed it).
CPU_BACKSTOP_S = 30
#: How much lower a query worker's CPU priority is than its web process's (``nice``): a long analytical query takes
#: the cores the pages and searches leave. At 100k actors under 16 clients on 2 cores (bench/README.md), pages
#: 89–90 -> 40–52 ms and searches 84–138 -> 52–60 ms at p50, the named queries within the noise (p50 2.3–5.6 s
#: before, 2.3–6.8 s after; 2–3 and 1–4 of them past their time limit).
QUERY_WORKER_NICE = 10


class QueryFailed(RuntimeError):
    """The engine failed on a query (our failure: HTTP 500, logged)."""


@dataclass
class Answer:
    """A query's answer: its kind and format, the rows it holds, whether the cap cut it, and its bytes."""

    kind: str
    format: str
    rows: int | None
    truncated: bool
    chunks: Iterator[bytes]

    def read(self) -> bytes:
        return b"".join(self.chunks)


def _format(kind: str, name: str) -> Format:
    return rdf_format(name) if kind == "graph" else results_format(name)


# --- what runs the query (in a worker, or inline) ------------------------------------------------------------


def execute(engine: ox.Store, plan: QueryPlan, fmt_name: str, bindings: Mapping[str, Any] | None = None) -> tuple:
    """Run ``plan`` on a pyoxigraph store and serialise it; return (bytes, rows, truncated).

    Called in the worker. A SELECT is capped by its LIMIT (see :func:`graph.sparql.check_query`), a graph by
    stopping after ``max_rows`` triples.
    """
    from graph.bindings import substitute

    text = substitute(plan.text, bindings) if bindings else plan.text  # as graph.bindings.run_query does
    options: dict[str, Any] = {}
    if not plan.has_dataset:
        options["use_default_graph_as_union"] = True
    try:
        return _serialise(_query(engine, text, plan, options), plan, fmt_name)
    except SyntaxError as exc:
        raise syntax_error(exc, text) from None
    except RuntimeError as exc:  # a function the engine does not know: the user's mistake
        if (refused := unsupported_function(exc)) is not None:
            raise refused from None
        raise
    except BaseException as exc:  # pyo3 turns a Rust panic into PanicException, a BaseException
        if type(exc).__name__ == "PanicException":
            raise QueryCrashed(f"panic: {str(exc)[:200]}") from None
        raise


def _query(engine: ox.Store, text: str, plan: QueryPlan, options: dict[str, Any]):
    """Run ``text`` on ``engine``, over a default graph that merges several graphs as over their set union
    (:mod:`graph.sparql_union`); a rewritten text that the engine does not read (our failure, logged) runs as the
    user wrote it, whose errors are the user's to read."""
    if plan.has_dataset and len(plan.default_graphs) < 2:  # one graph, or none, is a set already
        return engine.query(text, **options)
    rewritten = as_set_query(text)
    try:
        return engine.query(rewritten, **options)
    except SyntaxError:
        if rewritten == text:
            raise
        logging.getLogger(__name__).exception("the set-union rewrite of a query does not parse: %s", rewritten)
        return engine.query(text, **options)


def _serialise(native, plan: QueryPlan, fmt_name: str) -> tuple:
    fmt = _format(plan.kind, fmt_name)
    if plan.kind == "graph":
        # A graph is a set: over the union of the graphs (a bag in pyoxigraph 0.5), DESCRIBE gave a triple that two
        # sources state twice (CONSTRUCT is deduplicated by the engine).
        triples, seen, truncated = [], set(), False
        for triple in native:
            if triple in seen:
                continue
            if len(triples) == plan.max_rows:
                truncated = True
                break
            seen.add(triple)
            triples.append(triple)
        return xml_safe(serialize_triples(triples, fmt), fmt), len(triples), truncated
    if plan.star_order == () and native.variables:  # the rewrite's column, in a query that names no variable
        native = without_columns(native)
    out = io.BytesIO()
    native.serialize(out, fmt.engine)
    data = xml_safe(out.getvalue(), fmt)
    if plan.kind == "ask":
        return data, None, False
    if plan.star_order is not None:
        data = in_query_order(data, fmt.name, [v.value for v in native.variables], plan.star_order)
    rows = count_rows(data, fmt)  # every answer says how many rows it holds (X-Maillage-Rows), not only a long one
    return data, rows, plan.capped and rows >= plan.max_rows


def count_rows(data: bytes, fmt: Format) -> int:
    """Count the solutions in serialised SELECT results (exactly: TSV lines and XML elements cannot be forged)."""
    if fmt.name == "tsv":
        return max(data.count(b"\n") - 1, 0)
    if fmt.name == "xml":
        return data.count(b"<result>")
    if fmt.name == "csv":  # Oxigraph does not parse CSV results back (lossy format): count records
        import csv

        return max(sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8")))) - 1, 0)
    return sum(1 for _ in ox.parse_query_results(data, fmt.engine))


def _worker_main(conn, config: dict) -> None:
    """Serve queries from the pipe until it closes; each answer is a header, then its chunks."""
    from graph.oxistore import OxigraphStore

    os.nice(QUERY_WORKER_NICE)
    store = OxigraphStore(config)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        used = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
        limit = int(used + request["timeout"] + CPU_BACKSTOP_S)
        resource.setrlimit(resource.RLIMIT_CPU, (limit, resource.RLIM_INFINITY))
        try:
            data, rows, truncated = execute(store.engine, request["plan"], request["format"], request["bindings"])
        except QuerySyntaxError as exc:
            conn.send(("syntax", str(exc), exc.line, exc.column, exc.message_en))
            continue
        except QueryRefused as exc:
            conn.send(("refused", exc.message, exc.message_en))
            continue
        except QueryCrashed as exc:
            conn.send(("crashed", exc.reason))
            continue
        except Exception as exc:  # reported to the web process, which logs it as our failure (500)
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
            continue
        chunks = [data[i:i + CHUNK_BYTES] for i in range(0, len(data), CHUNK_BYTES)] or [b""]
        conn.send(("ok", rows, truncated, len(chunks)))
        for chunk in chunks:
            conn.send_bytes(chunk)


# --- the pool ------------------------------------------------------------------------------------------------


#: What a worker's report that is not an answer raises in the web process.
_REPORTED = {"syntax": QuerySyntaxError, "refused": QueryRefused, "crashed": QueryCrashed}


def resource_signal() -> int:
    """The signal the kernel sends a worker past its RLIMIT_CPU."""
    import signal

    return int(signal.SIGXCPU)


def _signal_name(number: int) -> str:
    """``SIGABRT`` for 6: the signal a worker died of, as its report names it."""
    import signal

    try:
        return f"query worker killed by {signal.Signals(number).name}"
    except ValueError:
        return f"query worker killed by signal {number}"


class _Worker:
    def __init__(self, ctx, config: dict):
        parent, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, config), daemon=True,
                                   name="maillage-query-worker")
        self.process.start()
        child.close()
        self.conn = parent

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class _Chunks:
    """The chunks of an answer, read from its worker's pipe as they are iterated; closing them gives the worker
    back when all were read, and replaces it when some are left in the pipe (a client that went away mid-answer).

    An iterator object rather than a generator: a generator closed before its first ``next`` skips its ``finally``,
    and a WSGI server closes a HEAD answer's body without reading it — each HEAD kept a worker busy for good, until
    every GET was a 503 (a review of /sparql). Here ``close`` does the same whether or not iteration started.
    """

    def __init__(self, pool: QueryPool, worker: _Worker, count: int):
        self._pool, self._worker, self._left = pool, worker, count

    def __iter__(self) -> _Chunks:
        return self

    def __next__(self) -> bytes:
        if self._worker is None:
            raise StopIteration
        try:
            chunk = self._worker.conn.recv_bytes()
        except BaseException:
            self.close()
            raise
        self._left -= 1
        if not self._left:  # all read: the worker is free before the client has taken the last chunk
            self.close()
        return chunk

    def close(self) -> None:
        """Give the worker back (every chunk read) or replace it (some left); once, then nothing."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        if self._left:
            self._pool._replace(worker)
        else:
            self._pool._release(worker)


_POOLS: "weakref.WeakSet[QueryPool]" = weakref.WeakSet()


class QueryPool:
    """``size`` worker processes on the embedded store of ``config``; ``run`` answers within ``timeout`` or kills."""

    def __init__(self, config: Mapping[str, Any], size: int = 2, timeout: float = 10.0):
        self.config = {k: config[k] for k in ("store", "data_dir", "lock_timeout") if k in config}
        self.size, self.timeout = max(1, int(size)), float(timeout)
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["graph.querypool", "graph.oxistore"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._started = 0
        self._lock = threading.Lock()
        self._closed = False
        self.kills = 0
        _POOLS.add(self)

    def _acquire(self, deadline: float) -> _Worker:
        with self._lock:
            if self._closed:
                raise StoreError("the query pool is closed")
            if self._idle.empty() and self._started < self.size:
                self._started += 1
                return _Worker(self._ctx, self.config)
        try:
            return self._idle.get(timeout=max(deadline - time.monotonic(), 0.001))
        except queue.Empty:
            raise QueryWorkersBusy(self.timeout) from None

    def _release(self, worker: _Worker) -> None:
        if self._closed:
            worker.kill()
        else:
            self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and put a fresh one in its place."""
        worker.kill()
        self.kills += 1
        with self._lock:
            if self._closed:
                self._started -= 1
                return
        self._idle.put(_Worker(self._ctx, self.config))

    def run(self, plan: QueryPlan, fmt_name: str, bindings: Mapping[str, Any] | None = None,
            timeout: float | None = None) -> Answer:
        """Run ``plan`` in a worker; raises QueryTimeout, QueryWorkersBusy, QuerySyntaxError or StoreError."""
        timeout = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        worker = self._acquire(deadline)
        try:
            worker.conn.send({"plan": plan, "format": fmt_name, "bindings": dict(bindings or {}),
                              "timeout": timeout})
            if not worker.conn.poll(max(deadline - time.monotonic(), 0)):
                self._replace(worker)
                raise QueryTimeout(timeout)
            header = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            self._replace(worker)
            code = worker.process.exitcode
            if code == -resource_signal():  # the kernel's CPU backstop: a query past its time
                raise QueryTimeout(timeout) from None
            if code is not None and code < 0:  # another signal: the engine aborted on this query (a Rust panic)
                raise QueryCrashed(_signal_name(-code)) from None
            raise StoreError(f"query worker died: {exc or type(exc).__name__}") from None
        if header[0] in ("syntax", "refused", "crashed"):
            self._release(worker)
            raise _REPORTED[header[0]](*header[1:])
        if header[0] == "error":
            self._release(worker)
            raise QueryFailed(header[1])
        _, rows, truncated, count = header
        return Answer(plan.kind, fmt_name, rows, truncated, _Chunks(self, worker, count))

    def close(self) -> None:
        """Stop every worker (idle ones now; busy ones when they come back)."""
        with self._lock:
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                break


@atexit.register
def _close_all() -> None:
    for pool in list(_POOLS):
        pool.close()


class InlineRunner:
    """Run queries in the calling thread on any store (memory, remote): no kill, the engine's own limits."""

    def __init__(self, store: Store):
        self.store = store
        self.kills = 0

    def run(self, plan: QueryPlan, fmt_name: str, bindings: Mapping[str, Any] | None = None,
            timeout: float | None = None) -> Answer:
        engine = getattr(self.store, "engine", None)
        if isinstance(engine, ox.Store):
            data, rows, truncated = execute(engine, plan, fmt_name, bindings)
            return Answer(plan.kind, fmt_name, rows, truncated, iter([data]))
        result = self.store.query(plan.text, bindings)
        fmt = _format(plan.kind, fmt_name)
        if plan.kind == "graph":
            from graph.results import RowsResult

            triples = list(dict.fromkeys(result))  # a set, as execute() gives it
            truncated = len(triples) > plan.max_rows
            result = RowsResult("graph", result.variables, triples[:plan.max_rows])
            return Answer(plan.kind, fmt_name, len(result._rows), truncated, iter([result.serialize(fmt)]))
        data = result.serialize(fmt)
        if plan.kind == "select" and plan.star_order is not None:
            data = in_query_order(data, fmt.name, list(result.variables), plan.star_order)
        rows = None if plan.kind == "ask" else sum(1 for _ in result)
        return Answer(plan.kind, fmt_name, rows, bool(plan.capped and rows and rows >= plan.max_rows), iter([data]))
