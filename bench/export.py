"""``maillage export --format trig|nquads`` timed on checkouts of Maillage in turn, on one store, next to the engine
dumping the same snapshot alone.

    python bench/export.py --data /tmp/maillage-bench-100000/data CHECKOUT [CHECKOUT ...] [--runs 5]

Each CHECKOUT is a directory holding a version of the code (``git worktree add DIR COMMIT``), run with that directory
first on ``PYTHONPATH``. Each run takes, for each format, each checkout in turn, then the engine alone (pyoxigraph's
``Store.dump`` of the store's snapshot: the floor of an export, which adds its counts graph), each in a process of
its own writing a file in a temporary directory; then prints the median wall and CPU time of each (CPU of the child
and its threads: the host's speed drifts, and taking them in turn is what keeps their ratio meaningful), the ratio
of its CPU time to the engine's, and whether the checkouts wrote the same bytes. The store is not changed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))

from run import maillage_cmd  # noqa: E402
from run_measure import cache_bytecode, run_child, snapshot_path  # noqa: E402

FORMATS = {"trig": "TRIG", "nquads": "N_QUADS"}
ENGINE = "engine alone"


def engine_cmd(data: Path, fmt: str, out: Path) -> list[str]:
    """pyoxigraph dumping the store's current snapshot to ``out``, as ``maillage export`` reads it."""
    code = ("import sys, pyoxigraph as ox; ox.Store.read_only(sys.argv[1]).dump(open(sys.argv[2], 'wb'), "
            f"ox.RdfFormat.{FORMATS[fmt]})")
    return [sys.executable, "-c", code, str(snapshot_path(data)), str(out)]


def digest(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a data directory (store and index)")
    parser.add_argument("checkouts", nargs="+", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    cache_bytecode()
    names = [str(c) for c in args.checkouts] + [ENGINE]
    times = {(fmt, name): ([], []) for fmt in FORMATS for name in names}
    written: dict[tuple[str, str], tuple[str, int]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        for _ in range(args.runs):
            for fmt in FORMATS:
                for checkout, name in [*zip(args.checkouts, names), (None, ENGINE)]:
                    out = Path(tmp) / f"export.{fmt}"
                    if checkout is None:
                        command, env = engine_cmd(args.data, fmt, out), None
                    else:
                        command = maillage_cmd() + ["--data", str(args.data), "export", "--format", fmt, "-o", str(out)]
                        env = {**os.environ, "PYTHONPATH": str(checkout.resolve())}
                    result = run_child(command, env=env)
                    if result["exit"]:
                        sys.exit(f"{name}: {' '.join(command[-6:])} exited with {result['exit']}")
                    times[fmt, name][0].append(result["wall_s"])
                    times[fmt, name][1].append(result["cpu_s"])
                    written[fmt, name] = digest(out), out.stat().st_size
                    out.unlink()
    print(f"{args.runs} runs, medians; store {args.data}")
    print("| format | code | MB written | wall s | CPU s | CPU / engine's | same bytes as the first checkout |")
    print("|---|---|---|---|---|---|---|")
    for fmt in FORMATS:
        engine_cpu = statistics.median(times[fmt, ENGINE][1])
        for name in names:
            wall, cpu = (statistics.median(t) for t in times[fmt, name])
            same = "" if name == ENGINE else "yes" if written[fmt, name][0] == written[fmt, names[0]][0] else "no"
            print(f"| {fmt} | {name} | {written[fmt, name][1] / 1e6:.1f} | {wall:.2f} | {cpu:.2f} | "
                  f"{cpu / engine_cpu:.2f}x | {same} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
