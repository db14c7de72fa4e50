"""Measurements of bench/run.py: HTTP latency and load, the engines alone (pyoxigraph, rdflib, tantivy).

Every latency list is summarised as median and p99 (nearest rank); figures from one run are comparable with each
other, not with another run's on a loaded machine.
"""

from __future__ import annotations

import http.client
import json
import math
import os
import resource
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
#: The project's packages, whose bytecode :func:`cache_bytecode` writes before a benchmark starts processes.
PACKAGES = ("graph", "search", "webapp", "ontology")


def cache_bytecode() -> None:
    """Measure the processes as an installed Maillage runs them: with Python's bytecode cache. Where the environment
    sets ``PYTHONDONTWRITEBYTECODE`` (some sandboxes and containers do), every process the benchmark starts compiled
    the project's modules that it imports from source before doing anything (a web worker 126 of them: 0.24 s of
    compiling under a profiler), counted in the server's start: on a 2-core Intel Xeon host, `maillage serve` answered
    `/healthz` on a 10k-actor store after 1.29–1.41 s without the cache, 0.75–0.93 s with it (three starts each,
    alternating); an ingest of 200k triples took 3.3–3.7 s either way (four each).
    So the variable is taken out of the children's environment, and the modules compiled once here, unmeasured."""
    import compileall

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    for package in PACKAGES:
        compileall.compile_dir(HERE.parent / package, quiet=1)


class ThreadCPU:
    """Where a process's CPU goes, sampled from ``/proc`` every 0.1 s while it runs: its main thread, the
    engine's background threads (RocksDB's compactions are ``rocksdb:low``, its flushes ``rocksdb:high``), its other
    threads (the engine's bulk loaders, validation's and counting's threads, seen or ended), and its child
    processes (the extracting processes of an ingest): what ``wait4`` counts beyond the process itself."""

    def __init__(self, pid: int):
        self.pid, self.tick = pid, os.sysconf("SC_CLK_TCK")
        self.by_thread: dict[int, tuple[str, float]] = {}
        self.own = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _cpu(self, stat: str) -> tuple[str, float]:
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        return name, (int(fields[11]) + int(fields[12])) / self.tick  # utime, stime

    def _sample(self) -> None:
        while not self._done.wait(0.1):
            try:
                self.own = self._cpu(Path(f"/proc/{self.pid}/stat").read_text())[1]
                for task in Path(f"/proc/{self.pid}/task").iterdir():
                    self.by_thread[int(task.name)] = self._cpu((task / "stat").read_text())
            except (OSError, ValueError):  # the process or a thread has just ended
                pass

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def split(self, total: float) -> dict:
        main = self.by_thread.get(self.pid, ("", 0.0))[1]
        compaction = sum(c for n, c in self.by_thread.values() if n == "rocksdb:low")
        flush = sum(c for n, c in self.by_thread.values() if n == "rocksdb:high")
        own = max(self.own, main + compaction + flush)
        return {"main_s": round(main, 1), "compaction_s": round(compaction, 1), "flush_s": round(flush, 1),
                "other_threads_s": round(own - main - compaction - flush, 1),
                "children_s": round(max(total - own, 0.0), 1)}


def summary(samples: list[float]) -> dict:
    """Median, p99 (nearest rank) and count of latencies in seconds, reported in milliseconds."""
    if not samples:
        return {"n": 0, "p50_ms": None, "p99_ms": None}
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]
    return {"n": len(samples), "p50_ms": round(statistics.median(ordered) * 1000, 2), "p99_ms": round(p99 * 1000, 2)}


class Client:
    """One keep-alive HTTP/1.1 connection to the server under test."""

    def __init__(self, port: int, timeout: float = 120.0):
        self.port, self.timeout = port, timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """Return (status, body bytes, seconds); reconnects once when the server closed the connection."""
        for attempt in (1, 2):
            started = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                data = response.read()
                return response.status, data, time.perf_counter() - started
            except (http.client.HTTPException, ConnectionError, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def get(self, path: str, accept: str = "text/html"):
        return self.request("GET", path, headers={"Accept": accept})

    def sparql(self, text: str):
        return self.request("POST", "/sparql", text.encode("utf-8"),
                            {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})

    def close(self):
        self.conn.close()


def time_http(client: Client, paths: list[str], runs: int, accept: str = "text/html") -> tuple[dict, dict]:
    """GET each path ``runs`` times; return the latency summary and the status counts."""
    samples, statuses = [], {}
    for _ in range(runs):
        for path in paths:
            status, _, seconds = client.get(path, accept)
            statuses[status] = statuses.get(status, 0) + 1
            if status == 200:
                samples.append(seconds)
    return summary(samples), statuses


def snapshot_path(data_dir: Path) -> Path:
    """The directory of the published snapshot of an embedded store (graph/oxistore.py layout)."""
    root = data_dir / "store"
    return root / "snapshots" / (root / "current").read_text().strip()


def apart(function: str, *args: str | Path):
    """Run ``function(*args)`` of this module in a child process and return its answer (JSON).

    The benchmarks measure each child's peak RSS with ``wait4``, and Linux counts in it the RSS that the parent had
    when it started the child: a dump of 3M triples held in the benchmark's own process (1.6 GB) made every later
    child's peak read 1.6 GB. Work that needs memory runs apart, so that the benchmark's process stays small.
    """
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.append(sys.argv[2]); import run_measure; "
            f"print(json.dumps(run_measure.{function}(*json.loads(sys.argv[3]))))")
    done = subprocess.run([sys.executable, "-c", code, str(HERE.parent), str(HERE), json.dumps([str(a) for a in args])],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.splitlines()[-1])


def run_child(command: list[str], out=subprocess.DEVNULL, env: dict | None = None) -> dict:
    """Run ``command`` (its output into ``out``) and wait for it: wall and CPU time, where the CPU went
    (:class:`ThreadCPU`), the peak RSS of that child alone (``wait4``) and its exit code."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT if out is not subprocess.DEVNULL
                               else subprocess.DEVNULL, env=env)
    threads = ThreadCPU(process.pid)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    threads.stop()
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall_s": wall, "cpu_s": cpu, "cpu_split": threads.split(cpu),
            "peak_rss_mb": _child_peak_rss_mb(usage, command), "exit": os.waitstatus_to_exitcode(status)}


def _child_peak_rss_mb(usage, command: list[str]) -> float:
    """The peak RSS in MB of a child reaped by ``wait4`` (``usage``); says so on stderr when it may be the
    benchmark's own RSS rather than the child's (see :func:`apart`)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if usage.ru_maxrss <= own:
        print(f"warning: the peak RSS of {Path(command[0]).name} is not told apart from the benchmark's own "
              f"({own // 1024} MB)", file=sys.stderr)
    return usage.ru_maxrss / 1024


def dump_stored(data_dir: str | Path, source: str | Path, out: str | Path) -> int:
    """Write as N-Triples what the store of ``data_dir`` holds for the file ``source`` (its graph: the file, and the
    types, provenance and SIRENs that Maillage adds); return the count of triples written. Run it :func:`apart`."""
    from graph.ingest.base import source_iri

    store = ox.Store.read_only(str(snapshot_path(Path(data_dir))))
    quads = store.quads_for_pattern(None, None, None, ox.NamedNode(str(source_iri(Path(source)))))
    return _write_counted((ox.Triple(q.subject, q.predicate, q.object) for q in quads), out)


def dump_corpus(data_dir: str | Path, nquads: str | Path, ntriples: str | Path, vocabulary_prefix: str) -> int:
    """Dump the store of ``data_dir`` as N-Quads, and its triples as one N-Triples file (one triple once, whatever
    the number of source graphs that state it; the graphs named under ``vocabulary_prefix``, the shipped
    vocabularies, left out: ``maillage ingest`` stores them itself); return the count of triples. Run it
    :func:`apart`."""
    snapshot = ox.Store.read_only(str(snapshot_path(Path(data_dir))))
    snapshot.dump(str(nquads), format=ox.RdfFormat.N_QUADS)
    rows = snapshot.query("SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                          f"FILTER(!STRSTARTS(STR(?g), \"{vocabulary_prefix}\")) }}")
    return _write_counted((ox.Triple(row[0], row[1], row[2]) for row in rows), ntriples)


def dump_kind(data_dir: str | Path, kind: str, out: str | Path) -> int:
    """Write as N-Quads the graphs of the sources of ``kind`` (their ``dcterms:type``) in the store of ``data_dir``:
    all that the ingest stored for them; return the count of quads. Run it :func:`apart`."""
    snapshot = ox.Store.read_only(str(snapshot_path(Path(data_dir))))
    rows = snapshot.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?g <http://purl.org/dc/terms/type> %s . ?s ?p ?o } }"
                          % ox.Literal(kind))
    return _write_counted((ox.Quad(row[0], row[1], row[2], row[3]) for row in rows), out, ox.RdfFormat.N_QUADS)


def _write_counted(items, out: str | Path, fmt: ox.RdfFormat = ox.RdfFormat.N_TRIPLES) -> int:
    """Write ``items`` (triples, or quads for N-Quads; streamed, not held) into ``out``; return how many."""
    count = 0

    def counted():
        nonlocal count
        for item in items:
            count += 1
            yield item

    with open(out, "wb") as stream:
        ox.serialize(counted(), stream, fmt)
    return count


def oxigraph_query(store: ox.Store, text: str) -> bytes:
    """Run ``text`` over the union of the graphs and serialise the answer as the endpoint would (JSON)."""
    result = store.query(text, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b""
    return result.serialize(format=ox.QueryResultsFormat.JSON) or b""


class _Timeout(Exception):
    pass


def rdflib_baseline(nquads: Path, texts: dict[str, str], runs: int, limit_s: float, out: Path) -> None:
    """In a child process: load ``nquads`` into rdflib's memory store, time each query, write JSON to ``out``.

    A query past ``limit_s`` is interrupted (rdflib runs in Python, so an alarm stops it) and reported as such.
    """
    import resource

    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(nquads), format="nquads")
    load_s = time.perf_counter() - started
    results = {"load_s": round(load_s, 2), "quads": len(dataset), "queries": {}}

    def alarm(signum, frame):
        raise _Timeout()

    signal.signal(signal.SIGALRM, alarm)
    for name, text in texts.items():
        samples = []
        try:
            for _ in range(runs):
                signal.setitimer(signal.ITIMER_REAL, limit_s)
                t0 = time.perf_counter()
                for _row in dataset.query(text):
                    pass
                samples.append(time.perf_counter() - t0)
                signal.setitimer(signal.ITIMER_REAL, 0)
            results["queries"][name] = summary(samples)
        except _Timeout:
            results["queries"][name] = {"n": 0, "p50_ms": None, "p99_ms": None, "timeout_s": limit_s}
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    out.write_text(json.dumps(results))


def tantivy_baseline(documents: list[dict], queries: list[str], runs: int) -> dict:
    """Index ``documents`` (names, text, related) in tantivy with French stemming, time ``queries`` (top 20)."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("iri", stored=True, tokenizer_name="raw")
    for name in ("names", "text", "related"):
        builder.add_text_field(name, stored=False, tokenizer_name="fr")
    index = tantivy.Index(builder.build())
    analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase())
                .filter(tantivy.Filter.ascii_fold()).filter(tantivy.Filter.stemmer("french")).build())
    index.register_tokenizer("fr", analyzer)
    started = time.perf_counter()
    writer = index.writer(200_000_000, 1)
    for doc in documents:
        writer.add_document(tantivy.Document(iri=str(doc["iri"]), names=" ".join(doc["names"]),
                                             text=" ".join(doc["text"]), related=" ".join(map(str, doc["related"]))))
    writer.commit()
    index.reload()
    build_s = time.perf_counter() - started
    searcher = index.searcher()
    samples = []
    for _ in range(runs):
        for q in queries:
            t0 = time.perf_counter()
            parsed, _errors = index.parse_query_lenient(q, ["names", "text", "related"])
            hits = searcher.search(parsed, 20).hits
            [searcher.doc(address)["iri"] for _, address in hits]
            samples.append(time.perf_counter() - t0)
    return {"documents": len(documents), "build_s": round(build_s, 2), **summary(samples)}


def request_kind(path: str) -> str:
    """What the load test's request asks for, to tell its latencies apart: a named query, a search or a page.

    >>> request_kind("/queries/flux-de-financement.json"), request_kind("/api/search?q=x"), request_kind("/id/a")
    ('named query', 'search', 'page')
    """
    if path.startswith("/queries/"):
        return "named query"
    if path.startswith(("/api/search", "/search")):
        return "search"
    return "page"


def load_test(port: int, paths: list[tuple[str, str]], clients: int, seconds: float) -> dict:
    """``clients`` threads GET the (path, accept) pairs round-robin for ``seconds``; throughput, latency (also by
    :func:`request_kind`), and the failed requests by status and by path."""
    samples: list[tuple[str, float]] = []
    errors: dict[str, int] = {}
    failed: dict[str, dict[str, int]] = {}  # path -> status -> count
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(k: int) -> None:
        client = Client(port)
        mine, i = [], k
        try:
            while time.perf_counter() < deadline:
                path, accept = paths[i % len(paths)]
                i += clients
                try:
                    status, _, s = client.get(path, accept)
                except OSError as exc:
                    status, s = type(exc).__name__, 0.0
                if status == 200:
                    mine.append((request_kind(path), s))
                else:
                    with lock:
                        errors[str(status)] = errors.get(str(status), 0) + 1
                        by_status = failed.setdefault(path, {})
                        by_status[str(status)] = by_status.get(str(status), 0) + 1
        finally:
            client.close()
            with lock:
                samples.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    kinds = sorted({kind for kind, _ in samples})
    by_kind = {kind: summary([s for k, s in samples if k == kind]) for kind in kinds}
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(samples),
            "req_per_s": round(len(samples) / elapsed, 1), "errors": errors, "failed": failed, "by_kind": by_kind,
            **summary([s for _, s in samples])}


def process_tree_rss(pid: int) -> dict[int, tuple[str, int]]:
    """pid -> (role, peak RSS in MB) of ``pid`` and all its descendants (Linux /proc).

    Roles: the gunicorn master (``pid``), its web workers (its children), and the query pool's processes below
    them (multiprocessing forkserver and its workers).
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    out, todo = {}, [(pid, 0)]
    while todo:
        p, depth = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            cmd = Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        hwm = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
        role = "master" if depth == 0 else ("web worker" if depth == 1 and "maillage" in cmd else "query pool")
        out[p] = (role, hwm // 1024)
        todo += [(c, depth + 1) for c in children.get(p, [])]
    return out


def quote_key(iri: str, base: str) -> str:
    """The ``/id/…`` path of a resource IRI."""
    return "/id/" + urllib.parse.quote(iri[len(base):], safe="/")
