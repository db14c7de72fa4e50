"""Benchmark: the validation of one publish of N files, as the writer runs it (graph.validation.validate_graphs),
on the published snapshot of an existing store — with the files in runs of GRAPHS_PER_VALIDATION, and at once.

Past ~1,000 graphs scoped at once, Oxigraph 0.5 evaluates ``GRAPH ?graph { … }`` another way (at 100k actors: a
publish of 1,120 grants lists took 53 s at once). Prints, for each N, the seconds of each way and whether both
found the same violations.

    .venv/bin/python bench/validate_publish.py --data DIR [--match subventions] [--sizes 560 1010 1500] [--runs 2]

With ``--graph IRI``, the validation of that one graph instead (a large file's, as its ingest runs it): the median
seconds, the violations and a digest of them, to compare two versions of the validator on the same store.

    .venv/bin/python bench/validate_publish.py --data DIR --graph https://w3id.org/maillage/id/source/all-nt --runs 3
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time

from rdflib import URIRef

from graph import validation
from graph.store import open_store


def timed(graphs: list[URIRef], query, runs: int) -> tuple[float, dict]:
    seconds, found = [], {}
    for _ in range(runs):
        started = time.perf_counter()
        found = validation.validate_graphs(query, graphs, validation.THREADS)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="data directory of an ingested store")
    parser.add_argument("--match", default="subventions", help="validate the source graphs whose IRI holds this")
    parser.add_argument("--sizes", type=int, nargs="+", default=[560, 1010, 1500])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--graph", help="validate this one graph instead, --runs times")
    args = parser.parse_args()
    store = open_store({"store": "oxigraph", "data_dir": args.data})
    if args.graph:
        graph = URIRef(args.graph)
        timed([graph], store.query, 1)  # warm-up
        seconds, found = timed([graph], store.query, args.runs)
        digest = hashlib.sha256("\n".join(v.format() for v in found[graph]).encode()).hexdigest()[:12]
        print(f"{args.graph}: {seconds:.2f} s (median of {args.runs}), {len(found[graph])} violations, digest {digest}")
        store.close()
        return
    names = sorted(str(row[0]) for row in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))
    graphs = [URIRef(name) for name in names if args.match in name]
    in_runs = validation.GRAPHS_PER_VALIDATION
    print(f"{len(graphs)} graphs match '{args.match}'; runs of {in_runs}")
    print("| files | in runs (s) | at once (s) | same violations |\n|---|---|---|---|")
    for size in args.sizes:
        chosen = graphs[:size]
        timed(chosen, store.query, 1)  # warm-up: the first read of these graphs fills the engine's caches
        runs_s, runs_found = timed(chosen, store.query, args.runs)
        validation.GRAPHS_PER_VALIDATION = len(chosen)
        try:
            once_s, once_found = timed(chosen, store.query, args.runs)
        finally:
            validation.GRAPHS_PER_VALIDATION = in_runs
        print(f"| {len(chosen)} | {runs_s:.2f} | {once_s:.2f} | {runs_found == once_found} |", flush=True)
    store.close()


if __name__ == "__main__":
    main()
