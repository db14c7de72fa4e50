"""The engine's time for the app's own queries: the named queries, the funding page's aggregates and the
editor's first query, with pyoxigraph alone on the current snapshot of a data directory (no HTTP, no cache), and
their rows.

    python bench/queries.py --data DIR [--runs 3] [--save rows.json] [--compare rows.json] [NAME ...]

The named queries are bound as ``bench/run.py`` binds them. ``--save`` keeps each query's time and rows;
``--compare`` prints, for each query, the time saved earlier (by another version of the code, on the same data)
next to this one's, whether the rows are the same and, for a sorted query, whether they come in the same order:
the evidence that a rewritten query answers the same.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.append(str(HERE))

import pyoxigraph as ox  # noqa: E402

from run import named_query_texts, samples  # noqa: E402
from run_measure import snapshot_path  # noqa: E402


def page_queries() -> dict[str, str]:
    """The funding page's aggregates, with their role bound as the page binds it, and the editor's first query."""
    from graph.namespaces import MAI, SCHEMA, sparql_prologue
    from graph.bindings import substitute
    from webapp import editor, funding, goals

    texts = {"funding:flows": (funding._FLOWS, None), "funding:by-year": (funding._BY_YEAR, None),
             "funding:by-theme": (funding._BY_THEME, None), "funding:goal-totals": (goals._GOAL_TOTALS, None),
             "funding:by-funder": (funding._BY_ROLE, SCHEMA.funder),
             "funding:by-beneficiary": (funding._BY_ROLE, MAI.beneficiary)}
    # the page without a pole: its aggregates over every grant, its lists of the first TOP rows; the role bound
    # after the pole's patterns are in, as the page binds it (those patterns name ?role)
    return {**{name: sparql_prologue() + substitute(funding._for_pole(text, None).replace("%TOP%", str(funding.TOP)),
                                                    {"role": role} if role is not None else {})
               for name, (text, role) in texts.items()},
            "editor:default": editor.DEFAULT_QUERY}


def measure(snapshot: ox.Store, text: str, runs: int) -> tuple[float, list]:
    """The median time of ``runs`` runs of ``text``, and its rows in the order the engine gave them."""
    times, rows = [], []
    for _ in range(runs):
        started = time.perf_counter()
        rows = [tuple(str(v) if v is not None else None for v in row)
                for row in snapshot.query(text, use_default_graph_as_union=True)]
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a Maillage data directory (its current snapshot)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--save", type=Path, help="write each query's median time and rows to this JSON file")
    parser.add_argument("--compare", type=Path, help="a file written by --save, to compare with")
    parser.add_argument("names", nargs="*", help="only these queries")
    args = parser.parse_args(argv)
    snapshot = ox.Store.read_only(str(snapshot_path(args.data)))
    texts, _ = named_query_texts(samples(snapshot))
    texts.update(page_queries())
    before = json.loads(args.compare.read_text()) if args.compare else {}
    saved = {}
    print("| query | rows | s | before s | same rows | same order |\n|---|---|---|---|---|---|")
    for name, text in texts.items():
        if args.names and name not in args.names:
            continue
        seconds, ordered = measure(snapshot, text, args.runs)
        rows = sorted(ordered, key=repr)
        saved[name] = {"s": seconds, "rows": rows, "ordered": ordered}
        earlier = before.get(name)
        if earlier is None:
            print(f"| {name} | {len(rows)} | {seconds:.3f} | | | |", flush=True)
            continue
        same = "yes" if [tuple(r) for r in earlier["rows"]] == rows else "**no**"
        # rows that tie on the sort keys may come in another order: read a "no" here with the query
        in_order = "" if "ordered" not in earlier or " ORDER BY " not in text.replace("\n", " ") else (
            "yes" if [tuple(r) for r in earlier["ordered"]] == ordered else "**no**")
        print(f"| {name} | {len(rows)} | {seconds:.3f} | {earlier['s']:.3f} | {same} | {in_order} |", flush=True)
    if args.save:
        args.save.write_text(json.dumps(saved), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
