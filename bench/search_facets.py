"""Search latency with the seven facets counted, and a reader process's memory, on an existing index.

    python bench/search_facets.py --data /tmp/maillage-bench-100000/data \
        --manifest /tmp/maillage-bench-100000/corpus/.manifest.json --runs 3

Two query sets run through ``search.query.search`` in a fresh child process (so that its RSS is a reader's
alone, without the bench's imports): the 23 theme-word queries of bench/run.py (``search_queries``, from the
corpus manifest), ``--runs`` times each, every sample counted; and bench/search.py's mixed queries
(``make_queries``, first run of each). Each query's wall and CPU time (``time.process_time``) are measured: on a
shared machine, CPU says more about the code than wall time does. The child also reports its RSS at its start,
once the index is open, after warm-up and after each query set, and the load averages around the run.

With ``--webapp``, the child is a web worker instead: the app from ``create_app`` (its store opens the current
Oxigraph snapshot read-only), warmed as ``maillage serve`` warms it, and the queries go through ``/api/search``
(Flask's test client, no HTTP); its RSS is a worker's. Its figures then include the JSON answers; its RSS is also
taken after the HTML search page of each theme-word query and the home page (the store's share of a worker).

The index is opened read-only and never written (nor the store, whose snapshots are only read). To measure
another version of the code, run this file from a copy of that version (``git archive HEAD | tar -x -C
/tmp/head``, then ``python /tmp/head/bench/...``): the child imports the packages of the tree this file sits in.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def _bench_module(name: str):
    """A bench script loaded under another name (bench/search.py would shadow the ``search`` package)."""
    sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != BENCH] + [str(BENCH)]
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def queries(manifest: Path, mix: int, seed: int) -> dict:
    """The run's theme-word queries and bench/search.py's query mix, as plain data for the child."""
    run = _bench_module("run")
    themes = [{"text": text} for text in run.search_queries(json.loads(manifest.read_text()))]
    return {"theme words": themes, "mixed": _bench_module("search").make_queries(mix, seed)}


def summary(wall: list[float], cpu: list[float]) -> dict:
    """Median and p99 (nearest rank, as bench/run_measure.py) of wall and CPU milliseconds."""
    def p99(values):
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]
    return {"n": len(wall), "p50_ms": statistics.median(wall), "p99_ms": p99(wall),
            "p50_cpu_ms": statistics.median(cpu), "p99_cpu_ms": p99(cpu)}


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def in_process(data: str):
    """The index and a function running one query through ``search.query.search`` (False: refused)."""
    from search.errors import SearchError
    from search.query import search
    from search.reader import SearchIndex

    index = SearchIndex.from_config({"data_dir": data})

    def run(spec: dict) -> bool:
        try:
            search(index, spec["text"], kind=spec.get("kind"), theme=spec.get("theme"), filters=spec.get("filters"))
        except SearchError:  # a theme of bench/search.py's corpus that this corpus lacks
            return False
        return True
    return index, run


def web_worker(data: str):
    """The app's index and a function running one query through ``/api/search`` (False: refused)."""
    from webapp import create_app

    client = create_app({"data_dir": data}).test_client()

    def run(spec: dict) -> bool:
        params = {"q": spec["text"], "type": spec.get("kind") or "", "theme": spec.get("theme") or "",
                  **(spec.get("filters") or {})}
        if spec.get("page"):
            return client.get(spec["page"], query_string=params).status_code == 200
        answer = client.get("/api/search", query_string=params)
        answer.get_json()
        return answer.status_code == 200
    return client.application.extensions["maillage.index"], run


def child(data: str, sets: dict, runs: int, webapp: bool) -> dict:
    """Open the index, warm it, run the query sets; what the parent prints."""
    sys.path.insert(0, str(ROOT))
    out = {"rss_mb": {"start": rss_mb()}, "load": {"start": os.getloadavg()}}
    wall, cpu = time.perf_counter(), time.process_time()
    index, run = (web_worker if webapp else in_process)(data)
    out["code"] = str(Path(sys.modules["search.reader"].__file__).parent.parent)
    out["rss_mb"]["opened"] = rss_mb()
    index.view().warm()
    out["warm_s"] = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
    out["rss_mb"]["warm-up"] = rss_mb()
    for name, specs in sets.items():
        walls, cpus, errors = [], [], 0
        for _ in range(runs if name == "theme words" else 1):
            for spec in specs:
                t, c = time.perf_counter(), time.process_time()
                if not run(spec):
                    errors += 1
                    continue
                walls.append((time.perf_counter() - t) * 1000)
                cpus.append((time.process_time() - c) * 1000)
        out[name] = {**summary(walls, cpus), "errors": errors}
        out["rss_mb"][f"after {name}"] = rss_mb()
    if webapp:
        for spec in sets["theme words"] + [{"text": "", "page": "/"}]:
            run({"page": "/search", **spec})
        out["rss_mb"]["after pages"] = rss_mb()
    out["load"]["end"] = os.getloadavg()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="The data directory holding index/ (opened read-only).")
    parser.add_argument("--manifest", type=Path, required=True, help="The corpus's .manifest.json.")
    parser.add_argument("--runs", type=int, default=3, help="Runs of each theme-word query.")
    parser.add_argument("--mix", type=int, default=300, help="bench/search.py queries (first run of each).")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--webapp", action="store_true", help="Measure a web worker (the app, /api/search).")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.data, json.loads(sys.stdin.read()), args.runs, args.webapp)))
        return 0
    sets = queries(args.manifest, args.mix, args.seed)
    done = subprocess.run([sys.executable, __file__, "--child", "--data", args.data, "--manifest",
                           str(args.manifest), "--runs", str(args.runs)] + ["--webapp"] * args.webapp,
                          input=json.dumps(sets), stdout=subprocess.PIPE, text=True)
    if done.returncode:
        return done.returncode  # the child's traceback is on stderr
    result = json.loads(done.stdout)
    print(f"{'web worker' if args.webapp else 'reader process'}, code: {result['code']}; load average "
          f"{result['load']['start'][0]:.2f} at the start, {result['load']['end'][0]:.2f} at the end; "
          f"open + warm-up {result['warm_s']['wall']:.2f} s "
          f"(CPU {result['warm_s']['cpu']:.2f} s)\n")
    print("| queries | samples | p50 (ms) | p99 (ms) | p50 CPU (ms) | p99 CPU (ms) |")
    print("|---|---|---|---|---|---|")
    for name in sets:
        r = result[name]
        refused = f" ({r['errors']} refused)" if r["errors"] else ""
        print(f"| {name} | {r['n']}{refused} | {r['p50_ms']:.1f} "
              f"| {r['p99_ms']:.1f} | {r['p50_cpu_ms']:.1f} | {r['p99_cpu_ms']:.1f} |")
    print("\nRSS (MB): " + ", ".join(f"{step} {mb:.0f}" for step, mb in result["rss_mb"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
