"""Load test on loopback: N clients for D seconds against ``maillage serve``, searches, pages and SPARQL mixed.

    .venv/bin/python bench/loadtest.py                      # 60 s, 32 clients, demo corpus in a temporary dir
    .venv/bin/python bench/loadtest.py --data maillage-data --duration 60 --clients 32 --workers 2

Each client is a thread with its own keep-alive connection, picking a request at random (fixed seed) from a mix:
40 % searches (/api/search and the /search page), 35 % explorer pages (/, resource pages, /funding), 25 % SPARQL
(small SELECTs over the union graph). An answer counts as an error when its status is not 200 or its body is not
what that kind of request returns. Latency percentiles per kind and throughput are printed; the exit status is 1
when any request failed. No network beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAILLAGE = [sys.executable, "-c", "from webapp.cli import run; run()"]

SEARCHES = ["DanaeCare", "santé", "association", "subvention", "prévention", "Saint-Étienne", "PTCE", "métropole",
            "coopération", "soins"]
SPARQL = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/maillage/ontology#Actor> }",
    "SELECT ?s ?label WHERE { ?s a <https://w3id.org/maillage/ontology#Actor> ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label LIMIT 20",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "SELECT ?grant ?amount WHERE { ?grant a <https://w3id.org/maillage/ontology#Grant> ; "
    "<http://schema.org/amount> ?amount } LIMIT 50",
]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def resource_paths(port: int) -> list[str]:
    """A few actor pages of the served graph (found through the endpoint itself)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    query = ("SELECT ?s WHERE { ?s a <https://w3id.org/maillage/ontology#Actor> "
             "FILTER(STRSTARTS(STR(?s), 'https://w3id.org/maillage/id/')) } LIMIT 20")
    connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                       headers={"Accept": "application/sparql-results+json"})
    rows = json.loads(connection.getresponse().read())["results"]["bindings"]
    connection.close()
    return ["/id/" + r["s"]["value"].removeprefix("https://w3id.org/maillage/id/") for r in rows] or ["/"]


def make_mix(pages: list[str]) -> list[tuple[str, str, str, int]]:
    """(kind, path, accept, weight) of each request in the mix."""
    mix = []
    for q in SEARCHES:
        mix.append(("search-api", "/api/search?" + urllib.parse.urlencode({"q": q}), "application/json", 3))
        mix.append(("search-page", "/search?" + urllib.parse.urlencode({"q": q}), "text/html", 1))
    for path in pages:
        mix.append(("page", path, "text/html", 2))
    mix += [("page", "/", "text/html", 4), ("page", "/funding", "text/html", 2)]
    for query in SPARQL:
        mix.append(("sparql", "/sparql?" + urllib.parse.urlencode({"query": query}),
                    "application/sparql-results+json", 6))
    return mix


def valid(kind: str, status: int, body: bytes) -> bool:
    if status != 200:
        return False
    if kind == "search-api":
        return "total" in json.loads(body)
    if kind == "sparql":
        return "results" in json.loads(body)
    return body.rstrip().endswith(b"</html>")


def client(port: int, mix, weights, deadline: float, seed: int, results, errors) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < deadline:
        kind, path, accept, _ = rng.choices(mix, weights)[0]
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept": accept})
            response = connection.getresponse()
            body = response.read()
            ok = valid(kind, response.status, body)
            detail = f"{response.status} {path}"
        except (OSError, http.client.HTTPException, ValueError) as exc:
            ok, detail = False, f"{type(exc).__name__} {path}"
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        results[kind].append(time.perf_counter() - started)
        if not ok:
            errors.append(detail)
    connection.close()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(results, errors, seconds: float, clients: int) -> str:
    total = sum(len(v) for v in results.values())
    lines = [f"{clients} clients, {seconds:.0f} s: {total} requests, {total / seconds:.0f} req/s, "
             f"{len(errors)} error(s)", "",
             "| kind | requests | p50 ms | p90 ms | p99 ms | max ms | mean ms |", "|---|---|---|---|---|---|---|"]
    for kind in sorted(results):
        v = results[kind]
        lines.append(f"| {kind} | {len(v)} | {percentile(v, 50) * 1000:.0f} | {percentile(v, 90) * 1000:.0f} | "
                     f"{percentile(v, 99) * 1000:.0f} | {max(v) * 1000:.0f} | {statistics.fmean(v) * 1000:.0f} |")
    if errors:
        lines += ["", "first errors:"] + [f"  {e}" for e in errors[:10]]
    return "\n".join(lines)


def prepare_data(data: Path | None) -> Path:
    """The data directory to serve: the given one, or the demo corpus ingested and indexed into a temporary one."""
    if data is not None:
        return data
    data = Path(tempfile.mkdtemp(prefix="maillage-load-")) / "data"
    subprocess.run([*MAILLAGE, "--data", str(data), "ingest", str(ROOT / "examples")], check=True,
                   capture_output=True)
    subprocess.run([*MAILLAGE, "--data", str(data), "index"], check=True, capture_output=True)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, help="data directory to serve (default: the demo corpus)")
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn worker processes")
    args = parser.parse_args(argv)
    from run_measure import cache_bytecode  # bench/, the script's own directory, is first on sys.path

    cache_bytecode()
    data = prepare_data(args.data)
    port = free_port()
    server = subprocess.Popen([*MAILLAGE, "--data", str(data), "serve", "--port", str(port), "--workers",
                               str(args.workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/healthz")
                connection.getresponse().read()
                connection.close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not start")
                time.sleep(0.2)
        mix = make_mix(resource_paths(port))
        weights = [m[3] for m in mix]
        results, errors = defaultdict(list), []
        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(port, mix, weights, started + args.duration, seed,
                                                         results, errors)) for seed in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(report(results, errors, time.monotonic() - started, args.clients))
        return 1 if errors else 0
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
