"""Search speed: index build, query latency with facets and index size — whoosh (ours) next to tantivy.

    python bench/search.py --actors 10000 100000 --queries 300

For each size: generate the corpus (bench/gen_search_corpus.py, fixed seed), load it into a fresh embedded
store, build our index (``build_index``: graph read, then writer processes that convert and write documents),
then run the same queries — each with all seven facets counted — through ``search.query.search`` and through
tantivy on the same documents, analysed by the same French analyzer and queried with the same boolean plan.
Prints a Markdown table, and per size the build's CPU in the parent and in the writers. Latencies are per query,
first run of each distinct query (term caches warm up as in a real worker).

    python bench/search.py --actors 10000 --update

measures instead the incremental update that follows a 10-grant file of one funder (``run_update``).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

# This file is bench/search.py: its own directory, first on sys.path, would hide the `search` package.
BENCH = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != BENCH]
sys.path.insert(0, str(BENCH.parent))
sys.path.append(str(BENCH))

from gen_search_corpus import ADJECTIVES, PLACES, THEMES, generate  # noqa: E402

from graph.store import open_store  # noqa: E402
from search import plan, trees  # noqa: E402
from search.analysis import fold_word, iter_words, stem_word, terms  # noqa: E402
from search.document_kinds import FACETS  # noqa: E402
from search.documents import facts_to_documents  # noqa: E402
from search.facts import load_facts  # noqa: E402
from search.indexer import build_index  # noqa: E402
from search.query import search  # noqa: E402
from search.reader import SearchIndex  # noqa: E402

WORDS = ["santé", "aidants", "psychiatrie", "prévention", "soignants", "numérique", "accompagnement", "répit",
         "nutrition", "handicap", "coopérative", "association", "maison de santé", "accès aux soins",
         "santé mentale", "personnes âgées", "téléconsultation", "ateliers cuisine", "réduction des risques",
         "jeunes parents", "qualité de l'air", "subvention fonctionnement", "grand âge"]
TYPOS = ["psychiatrei", "prevension", "teleconsultation", "nutrision", "handikap", "cooperativ"]


def make_queries(n: int, seed: int) -> list[dict]:
    """Deterministic queries: words, names, places, typos; a third with a kind, theme or year filter."""
    rng = random.Random(seed)
    queries = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.45:
            text = rng.choice(WORDS)
        elif roll < 0.65:
            text = f"{rng.choice(WORDS)} {rng.choice(PLACES)}"
        elif roll < 0.80:
            text = f"{rng.choice(ADJECTIVES)} {rng.choice(PLACES)}"
        elif roll < 0.88:
            text = rng.choice(TYPOS)
        else:
            text = ""
        options = {}
        if rng.random() < 0.33 or not text:
            options = rng.choice([{"kind": "actor"}, {"kind": "grant"}, {"theme": THEMES[rng.choice(list(THEMES))][0]},
                                  {"filters": {"year": str(rng.randrange(2019, 2026))}}])
        queries.append({"text": text, **options})
    return queries


def prepare_store(n: int, seed: int, work: Path):
    """A store holding the corpus of ``n`` actors (kept in ``work`` between runs)."""
    data = work / f"store-{n}-{seed}"
    marker = data / "loaded"
    if not marker.exists():
        shutil.rmtree(data, ignore_errors=True)
        started = time.perf_counter()
        turtle = generate(n, seed).encode()
        store = open_store({"store": "oxigraph", "data_dir": str(data)})
        with store.writer() as writer:
            writer.replace_graph("urn:bench:corpus", turtle, "turtle")
        del store, writer
        marker.write_text(f"{time.perf_counter() - started:.1f}\n")
    return open_store({"store": "oxigraph", "data_dir": str(data)}), {"data_dir": str(data)}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run_whoosh(store, config, queries, procs: int, reuse: bool = False) -> dict:
    from search.index_layout import current_version, index_root
    from search.indexer import BuildStats

    root = index_root(config)
    if reuse and current_version(root):
        stats = BuildStats(version=current_version(root), documents={"?": SearchIndex(root).view().size},
                           seconds=float("nan"))
        build_cpu = parent_cpu = float("nan")
    else:
        shutil.rmtree(root, ignore_errors=True)
        cpu, parent = _cpu(), _cpu(children=False)
        stats = build_index(store, {**config, "index_procs": procs})
        build_cpu, parent_cpu = _cpu() - cpu, _cpu(children=False) - parent
    index = SearchIndex.from_config(config)
    started = time.perf_counter()
    index.view().warm()
    warm = time.perf_counter() - started
    latencies, cpu_ms = [], []
    for spec in queries:
        t, c = time.perf_counter(), time.process_time()
        search(index, spec["text"], kind=spec.get("kind"), theme=spec.get("theme"), filters=spec.get("filters"))
        latencies.append((time.perf_counter() - t) * 1000)
        cpu_ms.append((time.process_time() - c) * 1000)
    return {"docs": stats.total, "build_s": stats.seconds, "read_s": stats.read_seconds,
            "read_cpu_s": stats.read_cpu_seconds, "size_mb": stats.size_bytes / 1e6, "warm_s": warm,
            "latencies": latencies, "cpu_ms": cpu_ms, "build_cpu_s": build_cpu, "parent_cpu_s": parent_cpu,
            "procs": procs}


def _cpu(children: bool = True) -> float:
    """CPU seconds of this process and (unless ``children`` is False) of its finished children (the writer
    processes): on a shared machine, wall-clock time says as much about the neighbours as about the code."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    total = own.ru_utime + own.ru_stime
    if children:
        waited = resource.getrusage(resource.RUSAGE_CHILDREN)
        total += waited.ru_utime + waited.ru_stime
    return total


def run_update(n: int, seed: int, work: Path) -> str:
    """The incremental update that follows a 10-row grant file of one funder (as an SCDL file names it: the
    funder, its 10 new grants and their 10 existing beneficiaries, all touched), on a copy of the corpus's store
    with a freshly built index: the documents re-derived and the time taken."""
    from search.indexer import build_index, update_index

    source, copy = work / f"store-{n}-{seed}", work / f"update-{n}-{seed}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("index"))
    config = {"store": "oxigraph", "data_dir": str(copy), "index_procs": 2}
    store = open_store(config)
    build_index(store, config)
    ns, label = "https://w3id.org/maillage/", "http://www.w3.org/2000/01/rdf-schema#label"
    funder = f"{ns}id/actor/funder-3"
    lines = [f"<{funder}> a <{ns}ontology#PublicAuthority> ; <{label}> {_label(store, funder)} ."]
    touched = {funder}
    for k in range(10):
        beneficiary, grant = f"{ns}id/actor/a{k * 7}", f"{ns}id/grant/update-{k}"
        lines += [f"<{beneficiary}> <{label}> {_label(store, beneficiary)} .",
                  f"<{grant}> a <{ns}ontology#Grant> ; <http://schema.org/funder> <{funder}> ; "
                  f"<{ns}ontology#beneficiary> <{beneficiary}> ; <http://schema.org/amount> \"{1000 + k}\" ; "
                  f"<{ns}ontology#fiscalYear> \"2024\" ; <{ns}ontology#decidedBy> <{ns}id/deliberation/d3> ."]
        touched |= {beneficiary, grant}
    with store.writer() as writer:
        writer.replace_graph("urn:bench:update", "\n".join(lines).encode(), "turtle")
    started, cpu = time.perf_counter(), _cpu()
    stats = update_index(store, config, touched)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    shutil.rmtree(copy, ignore_errors=True)
    return (f"{stats.updated + stats.unchanged} documents re-derived ({stats.updated} changed) in {seconds:.2f} s "
            f"({cpu:.2f} s CPU), load average {os.getloadavg()[0]:.1f}")


def _label(store, iri: str) -> str:
    """The label of ``iri`` in the store, as an N-Triples literal."""
    (value,), = store.engine.query(f"SELECT ?l WHERE {{ <{iri}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }}",
                                   use_default_graph_as_union=True)
    return str(value)


# --- tantivy, on the same documents and the same plans ---------------------------------------------------


def run_tantivy(store, queries) -> dict:
    import tantivy

    from search.schema import document_to_fields

    started, cpu = time.perf_counter(), _cpu()
    documents = list(facts_to_documents(load_facts(store)))
    read = time.perf_counter() - started
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("iri", stored=True, tokenizer_name="raw")
    for name in _TANTIVY_TEXT:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    for name in ("kind", "type", *FACETS):
        builder.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    schema = builder.build()
    path = tempfile.mkdtemp(prefix="tantivy-")
    index = tantivy.Index(schema, path)
    writer = index.writer(512_000_000)
    for doc in documents:
        fields = document_to_fields(doc)
        entry = {"iri": [doc["iri"]], "name": [" ".join(terms(fields["name"]))],
                 "body": [" ".join(terms(fields["body"]))],
                 "exact": [" ".join(fold_word(w) for w, _, _ in iter_words(fields.get("exact", "")))],
                 "classes": [" ".join(terms(fields.get("classes", "")))],
                 "kind": [doc["kind"]], "type": [doc["type"]]}
        for facet in FACETS:
            if doc["facets"][facet]:
                entry[facet] = doc["facets"][facet]
        writer.add_document(tantivy.Document(**entry))
    writer.commit()
    writer.wait_merging_threads()
    build = time.perf_counter() - started
    build_cpu = _cpu() - cpu  # tantivy's writer threads count in this process
    index.reload()
    searcher = index.searcher()
    size = sum(f.stat().st_size for f in Path(path).iterdir())
    latencies, cpu_ms = [], []
    aggregations = {f: {"terms": {"field": f, "size": 20}} for f in ("kind", *FACETS)}
    for spec in queries:
        t, c = time.perf_counter(), time.process_time()
        query = _tantivy_query(tantivy, schema, spec)
        searcher.search(query, limit=20)
        searcher.aggregate(query, aggregations)
        latencies.append((time.perf_counter() - t) * 1000)
        cpu_ms.append((time.process_time() - c) * 1000)
    shutil.rmtree(path, ignore_errors=True)
    return {"docs": len(documents), "build_s": build, "read_s": read, "size_mb": size / 1e6, "latencies": latencies,
            "cpu_ms": cpu_ms, "build_cpu_s": build_cpu}


class _NoThemes:
    def named_in(self, _terms):
        return []


class _PlainView:
    """What search.plan needs of a view, for building the same boolean plan for tantivy (no theme lookup, and no
    term found: a word is planned as its stem, without the as-typed and English clauses that the index's own terms
    would add)."""

    def themes(self):
        return _NoThemes()

    def bits(self, _field: str, _text: str) -> int:
        return 0


def _tantivy_query(tantivy, schema, spec):
    words = [(stem_word(w), fold_word(w)) for w, _, _ in iter_words(spec["text"])]
    tree = plan.text_query(_PlainView(), words).tree
    clauses = [tree]
    if spec.get("kind"):
        clauses.append(trees.term("kind", spec["kind"]))
    for value in (spec.get("filters") or {}).values():
        clauses.append(trees.term("fiscal_year", value))
    return _to_tantivy(tantivy, schema, trees.all_of(clauses))


#: The text fields that the tantivy index holds: those of the words' stems and of the names as typed. A plan's term
#: on another field of ours (a deliberation's own text, the English words…) matches nothing there.
_TANTIVY_TEXT = ("name", "body", "exact", "classes")


def _to_tantivy(tantivy, schema, node):
    if node[0] in ("term", "prefix") and node[1] not in _TANTIVY_TEXT and node[1] not in ("kind", "type", *FACETS):
        return tantivy.Query.empty_query()
    if node[0] == "all":
        return tantivy.Query.all_query()
    if node[0] == "none":
        return tantivy.Query.empty_query()
    if node[0] == "term":
        return tantivy.Query.boost_query(tantivy.Query.term_query(schema, node[1], node[2]), node[3])
    if node[0] == "prefix":  # the terms that start with the word, scored as one (as Maillage's plan scores them)
        return tantivy.Query.boost_query(tantivy.Query.const_score_query(
            tantivy.Query.regex_query(schema, node[1], re.escape(node[2]) + ".*"), 1.0), node[3])
    if node[0] == "not":
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, tantivy.Query.all_query()),
                                            (tantivy.Occur.MustNot, _to_tantivy(tantivy, schema, node[1]))])
    if node[0] == "unscored":
        return _to_tantivy(tantivy, schema, node[1])
    occur = tantivy.Occur.Must if node[0] == "and" else tantivy.Occur.Should
    return tantivy.Query.boolean_query([(occur, _to_tantivy(tantivy, schema, n)) for n in node[1]])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--procs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "maillage-bench-search")
    parser.add_argument("--no-tantivy", action="store_true")
    parser.add_argument("--reuse-index", action="store_true", help="Query the index of a previous run (no build).")
    parser.add_argument("--update", action="store_true",
                        help="Measure instead an incremental update after a 10-grant file of one funder.")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    if args.update:
        for n in args.actors:
            prepare_store(n, args.seed, args.work)
            print(f"{n} actors, update: {run_update(n, args.seed, args.work)}")
        return
    for n in args.actors:
        store, config = prepare_store(n, args.seed, args.work)
        queries = make_queries(args.queries, args.seed)
        ours = run_whoosh(store, config, queries, args.procs, args.reuse_index)
        print(f"{n} actors, whoosh: {_line(ours)}; warm-up {ours['warm_s']:.2f} s; {_critical_path(ours)}",
              file=sys.stderr)
        rows.append((n, "whoosh (Maillage)", ours))
        if not args.no_tantivy:
            theirs = run_tantivy(store, queries)
            print(f"{n} actors, tantivy: {_line(theirs)}", file=sys.stderr)
            rows.append((n, "tantivy", theirs))
    print(f"\ncpus: {os.cpu_count()}, load average at the end: {os.getloadavg()[0]:.1f}, queries: {args.queries}\n")
    print("| actors | engine | documents | build (s) | docs/s | docs per CPU-s | graph read (s) | index (MB) "
          "| p50 (ms) | p99 (ms) | p50 CPU (ms) | p99 CPU (ms) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n, engine, r in rows:
        print(f"| {n} | {engine} | {r['docs']} | {r['build_s']:.1f} | {r['docs'] / r['build_s']:.0f} "
              f"| {r['docs'] / r['build_cpu_s']:.0f} | {r['read_s']:.1f} | {r['size_mb']:.0f} "
              f"| {statistics.median(r['latencies']):.1f} | {percentile(r['latencies'], 0.99):.1f} "
              f"| {statistics.median(r['cpu_ms']):.1f} | {percentile(r['cpu_ms'], 0.99):.1f} |")


def _critical_path(r: dict) -> str:
    """The build's CPU in the parent (graph read, commit) and in the writers, and the rate it would reach with a
    core per process and thread: the graph read's CPU shared by its READ_THREADS threads, the rest of the
    parent's, and one writer's share (writers write runs of equal size)."""
    from search.facts import READ_THREADS

    writers = r["build_cpu_s"] - r["parent_cpu_s"]
    path = r["read_cpu_s"] / READ_THREADS + r["parent_cpu_s"] - r["read_cpu_s"] + writers / r["procs"]
    return (f"build CPU: parent {r['parent_cpu_s']:.1f} s (graph read {r['read_s']:.1f} s, CPU "
            f"{r['read_cpu_s']:.1f} s in {READ_THREADS} threads), writers {writers:.1f} s; "
            f"{r['docs'] / path:.0f} docs/s with a core per process and thread")


def _line(r: dict) -> str:
    return (f"{r['docs']} docs in {r['build_s']:.1f} s ({r['docs'] / r['build_s']:.0f}/s), "
            f"p50 {statistics.median(r['latencies']):.1f} ms, p99 {percentile(r['latencies'], 0.99):.1f} ms")


if __name__ == "__main__":
    main()
