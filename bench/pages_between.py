"""The resource pages of ``bench/run.py``, timed on servers of several checkouts of Maillage in turn, on one store.

    python bench/pages_between.py --data /tmp/maillage-bench-100000/data CHECKOUT [CHECKOUT ...] [--rounds 3]

Each CHECKOUT is a directory holding a version of the code (``git worktree add DIR COMMIT``); its server runs with
that directory first on ``PYTHONPATH``. For each round, each checkout in turn: ``maillage serve`` on the store under
``--data`` (2 web workers), then the pages that ``bench/run.py`` times (evenly spaced actors, the three funders of
the most grants, grants, deliberations; 7 requests each, the first included), p50 and p99 over HTTP. Taking the
versions in turn, round after round, on the same store and the same samples, is what lets their figures be compared
on a host whose speed drifts.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))

import pyoxigraph as ox  # noqa: E402

import run  # noqa: E402
from run_measure import Client, snapshot_path  # noqa: E402

KINDS = ("actor", "funder", "grant", "deliberation")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a data directory (store and index)")
    parser.add_argument("checkouts", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    snapshot = ox.Store.read_only(str(snapshot_path(args.data)))
    values = run.samples(snapshot)
    del snapshot
    print("| round | checkout | " + " | ".join(f"{k} p50 / p99 ms" for k in KINDS) + " |")
    print("|---|---|" + "---|" * len(KINDS))
    for round_ in range(1, args.rounds + 1):
        for checkout in args.checkouts:
            os.environ["PYTHONPATH"] = str(checkout.resolve())
            process, port, _, _ = run.start_server(args.data, 2, args.data.parent / "pages-between.log")
            try:
                client = Client(port)
                pages = run.measure_pages(client, values, 7)
                client.close()
            finally:
                run.stop_server(process)
            cells = [f"{pages[k]['p50_ms']} / {pages[k]['p99_ms']}" for k in KINDS]
            print(f"| {round_} | {checkout.name} | " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
