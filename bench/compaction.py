"""What compacting the store (``maillage optimize``) changes for the readers: the same pages and queries on a store's
current snapshot and on a compacted copy of it, taken in turn.

    python bench/compaction.py --data /tmp/maillage-bench-100000/data [--runs 15]

Copies the current snapshot of the store under ``--data`` and compacts the copy as ``maillage optimize`` does
(pyoxigraph's ``Store.optimize``), timed; then, in one process, for the resources that ``bench/run.py`` samples
(evenly spaced actors, the three funders of the most grants, grants, deliberations):

- each resource page through a Flask test client of each store (the same code, the same search index), and
- the engine alone on the page's heaviest query (the keys of a funder's grants), on each snapshot,

alternating the two stores request by request, and prints the median CPU time of each (ms) and their ratio. CPU
time of this process, not wall time: the host's speed drifts by up to 2x within a minute on a shared machine, and
alternating the two in one process is what keeps their ratio meaningful. The store under ``--data`` is not changed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))
sys.path.append(str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402

from graph.oxiwriter import disk_bytes  # noqa: E402
from run import samples  # noqa: E402
from run_measure import quote_key, snapshot_path  # noqa: E402

BASE = "https://w3id.org/maillage/id/"


def compacted_copy(data: Path, work: Path) -> tuple[Path, float, int, int]:
    """A data directory under ``work`` whose store is a compacted copy of ``data``'s current snapshot, sharing its
    search index; the seconds the compaction took and the snapshot's bytes before and after."""
    source = snapshot_path(data)
    copy = work / "data" / "store" / "snapshots" / "00000001"
    shutil.copytree(source, copy)
    (work / "data" / "store" / "current").write_text("00000001\n")
    (work / "data" / "index").symlink_to((data / "index").resolve())
    before = disk_bytes(copy)
    store = ox.Store(str(copy))
    start = time.perf_counter()
    store.optimize()
    seconds = time.perf_counter() - start
    del store
    return work / "data", seconds, before, disk_bytes(copy)


def alternate(calls: dict[str, callable], runs: int) -> dict[str, float]:
    """The median CPU time (ms) of each call, after one call each, the calls taken in turn ``runs`` times."""
    times: dict[str, list[float]] = {name: [] for name in calls}
    for call in calls.values():
        call()
    for _ in range(runs):
        for name, call in calls.items():
            start = time.process_time()
            call()
            times[name].append(time.process_time() - start)
    return {name: statistics.median(values) * 1000 for name, values in times.items()}


def keys_query(snapshot: ox.Store, funder: str):
    """The engine alone on the keys of ``funder``'s grants (year, amount), the heaviest query of its page."""
    from graph.bindings import substitute
    from graph.namespaces import sparql_prologue
    from rdflib import URIRef
    from webapp.resource_grants import _GRANT_KEYS

    # as on a store holding no grant that a list and a deliberation's text both publish (the generated corpus)
    text = substitute(sparql_prologue() + _GRANT_KEYS.replace("%TWICE%", ""), {"s": URIRef(funder)})
    return lambda: list(snapshot.query(text, use_default_graph_as_union=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a data directory (store and index)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    from webapp import create_app

    with tempfile.TemporaryDirectory(prefix="maillage-compaction-") as tmp:
        compacted, seconds, before, after = compacted_copy(args.data, Path(tmp))
        print(f"compaction of the current snapshot: {seconds:.1f} s, {before / 1e6:.0f} MB before, "
              f"{after / 1e6:.0f} MB after\n")
        snapshots = {"as ingested": ox.Store.read_only(str(snapshot_path(args.data))),
                     "compacted": ox.Store.read_only(str(snapshot_path(compacted)))}
        values = samples(snapshots["as ingested"])
        clients = {name: create_app({"data_dir": str(data)}).test_client()
                   for name, data in (("as ingested", args.data), ("compacted", compacted))}
        print("| what | resources | as ingested (ms CPU) | compacted (ms CPU) | compacted / as ingested |")
        print("|---|---|---|---|---|")
        for kind in ("actors", "funders", "grants", "deliberations"):
            paths = [quote_key(iri, BASE) for iri in values[kind]]
            medians = alternate({name: (lambda c=client: [c.get(p) for p in paths])
                                 for name, client in clients.items()}, args.runs)
            a, b = medians["as ingested"] / len(paths), medians["compacted"] / len(paths)
            print(f"| page of {kind[:-1]} (each) | {len(paths)} | {a:.1f} | {b:.1f} | {b / a:.2f} |")
        funder = values["funders"][0]
        medians = alternate({name: keys_query(store, funder) for name, store in snapshots.items()}, args.runs)
        a, b = medians["as ingested"], medians["compacted"]
        print(f"| engine alone: the keys of the first funder's grants | 1 | {a:.1f} | {b:.1f} | {b / a:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
