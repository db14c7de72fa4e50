"""Search relevance: recall@5 and MRR of the queries of bench/relevance_queries.yaml.

    python bench/relevance.py [--verbose]

The demo corpus (examples/) is ingested through the real pipeline; the generated one is loaded straight into
the store (bench/gen_search_corpus.py). Both are indexed by ``build_index`` and queried through
``search.query.search``, as the CLI and the API do. Prints one line per miss and a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

# This directory holds bench/search.py, which would hide the `search` package.
BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
sys.path.insert(0, str(ROOT))
sys.path.append(str(BENCH))

import yaml  # noqa: E402

from gen_search_corpus import generate  # noqa: E402
from graph.ingest.pipeline import ingest_paths  # noqa: E402
from graph.namespaces import DEFAULT_BASE  # noqa: E402
from graph.store import open_store  # noqa: E402
from search.indexer import build_index  # noqa: E402
from search.query import search  # noqa: E402
from search.reader import SearchIndex  # noqa: E402


def demo_index(work: Path) -> SearchIndex:
    config = {"store": "oxigraph", "data_dir": str(work / "demo"), "index_procs": 1}
    store = open_store(config)
    files = sorted((ROOT / "examples").rglob("*.yaml")) + sorted((ROOT / "examples" / "deliberations").iterdir())
    ingest_paths(store, files)
    build_index(store, config)
    return SearchIndex.from_config(config)


def generated_index(work: Path, actors: int, seed: int) -> SearchIndex:
    config = {"store": "oxigraph", "data_dir": str(work / "generated"), "index_procs": 1}
    store = open_store(config)
    with store.writer() as writer:
        writer.replace_graph("urn:bench:generated", generate(actors, seed).encode(), "turtle")
    del writer
    build_index(store, config)
    return SearchIndex.from_config(config)


def _iri(key: str) -> str:
    return key if key.startswith("http") else DEFAULT_BASE + key


def evaluate(index: SearchIndex, queries: list[dict], verbose: bool) -> tuple[float, float, int]:
    """Return (recall@5, MRR@10, number of queries)."""
    recalls, reciprocal = [], []
    for case in queries:
        options = dict(case.get("options") or {})
        filters = {"year": options.pop("year")} if "year" in options else None
        text = "" if case.get("note") == "theme filter only" else case["query"]
        answer = search(index, text, kind=options.get("type"), theme=options.get("theme"), filters=filters,
                        page_size=10, lang=options.get("lang", "fr"))
        ranked = [r["iri"] for r in answer["results"]]
        expected = [_iri(e) for e in case["expected"]]
        recall = len(set(expected) & set(ranked[:5])) / min(len(expected), 5)
        rank = next((i + 1 for i, iri in enumerate(ranked) if iri in expected), None)
        recalls.append(recall)
        reciprocal.append(1 / rank if rank else 0.0)
        if verbose or recall < 1:
            print(f"  {'ok ' if recall == 1 else 'MISS'} {case['query']!r}: recall@5 {recall:.2f}, rank {rank}, "
                  f"top 3 {[r['label'][:40] for r in answer['results'][:3]]}", file=sys.stderr)
    return sum(recalls) / len(recalls), sum(reciprocal) / len(reciprocal), len(recalls)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=BENCH / "relevance_queries.yaml")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    spec = yaml.safe_load(args.queries.read_text(encoding="utf-8"))
    rows = []
    with tempfile.TemporaryDirectory(prefix="maillage-relevance-") as tmp:
        work = Path(tmp)
        print("demo corpus (examples/):", file=sys.stderr)
        rows.append(("demo (examples/)", *evaluate(demo_index(work), spec["demo"], args.verbose)))
        generated = spec["generated"]
        print(f"generated corpus ({generated['actors']} actors, seed {generated['seed']}):", file=sys.stderr)
        index = generated_index(work, generated["actors"], generated["seed"])
        rows.append((f"generated ({generated['actors']} actors)", *evaluate(index, generated["queries"],
                                                                             args.verbose)))
    total = sum(r[3] for r in rows)
    print("| corpus | queries | recall@5 | MRR@10 |")
    print("|---|---|---|---|")
    for name, recall, mrr, count in rows:
        print(f"| {name} | {count} | {recall:.3f} | {mrr:.3f} |")
    recall = sum(r[1] * r[3] for r in rows) / total
    mrr = sum(r[2] * r[3] for r in rows) / total
    print(f"| all | {total} | {recall:.3f} | {mrr:.3f} |")


if __name__ == "__main__":
    main()
