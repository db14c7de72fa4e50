"""One command for the scale benchmark: generate a corpus, ingest it, serve it, and measure everything from one run.

    python bench/run.py --actors 10000 [--seed 7] [--work /tmp/maillage-bench-10000] [--rdflib]

Prints Markdown tables (and writes ``results.json`` and ``results.md`` in the work directory):

1. ingest through ``maillage ingest``, one command per source kind (a fresh process each, so that its peak RSS is
   its own): triples/s, files/s, rows/s, peak RSS; then the same triples as one N-Triples file through
   ``maillage ingest`` next to pyoxigraph's ``bulk_load`` (the engine's limit) and the index rebuild; and the
   engine's own time for what the ingest stored (all of it, and the grants lists' graphs), one ``bulk_load`` each;
2. the start time of ``maillage serve`` on the existing store (until ``/healthz`` answers, and until the home page
   does), median of three starts;
3. the named queries (``webapp/queries``) through HTTP — ``POST /sparql`` and ``/queries/<name>.json`` — next to
   pyoxigraph alone on the same snapshot (query + JSON serialisation; the samples of each query taken in turn)
   and, with ``--rdflib`` (default at 10k actors and below), rdflib's memory store on the same quads;
4. search through ``/api/search``, in process, and tantivy (French stemming) on the same documents;
5. resource pages (evenly spaced actors, the three funders of the most grants, grants, deliberations, the classes
   of actors, grants and deliberations with their instances: first request, then kept), the search page, and 16 concurrent keep-alive clients on loopback; the peak RSS of each web worker and query worker;
6. the targets of the scale issue, each with the figure it is measured by, and, for the ingest targets, the same
   work done by the engine alone in the same run.

Medians and ratios come from the same run: on a shared machine compare them with each other, not across runs.
The load average before and after is printed with the machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The project first: bench/ holds modules (search.py, web.py) whose names would shadow the project's packages.
sys.path.insert(0, str(HERE.parent))
sys.path.append(str(HERE))

import pyoxigraph as ox  # noqa: E402

from run_measure import (Client, apart, cache_bytecode, load_test, oxigraph_query, process_tree_rss,  # noqa: E402
                         quote_key, run_child, snapshot_path, summary, tantivy_baseline, time_http)

BASE = "https://w3id.org/maillage/id/"
MAI = "https://w3id.org/maillage/ontology#"
#: Source kind of each corpus directory, and the manifest's row count that measures it.
KIND_DIRS = {"1-sirene": ("sirene", "sirene"), "2-rna": ("rna", "rna"), "3-registres": ("register", "memberships"),
             "4-scdl-deliberations": ("scdl-deliberations", "scdl-deliberations"),
             "5-scdl-subventions": ("scdl-subventions", "scdl-subventions"), "6-deliberations": ("deliberation", None)}


def maillage_cmd() -> list[str]:
    script = Path(sys.executable).with_name("maillage")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from webapp.cli import run; run()"]


def run_measured(cmd: list[str], log: Path, env: dict | None = None) -> dict:
    """Run ``cmd``, its stderr and stdout into ``log``; return wall time, CPU time, peak RSS and exit code, and
    where the CPU went (:func:`run_measure.run_child`)."""
    with open(log, "wb") as out:
        result = run_child(cmd, out, env)
    return {**result, "wall_s": round(result["wall_s"], 2), "cpu_s": round(result["cpu_s"], 2),
            "peak_rss_mb": round(result["peak_rss_mb"])}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mb": mem, "os": platform.platform(),
            "python": platform.python_version(), "pyoxigraph": ox.__version__,
            "load_before": [round(x, 2) for x in os.getloadavg()]}


# --- 1. ingest ----------------------------------------------------------------------------------------------------


def ingest(corpus: Path, data: Path, work: Path, manifest: dict, no_index: bool = False) -> list[dict]:
    """Ingest each kind's directory in its own process; with ``no_index``, as a bulk load (``--no-index``, then one
    ``maillage index``); then ``maillage optimize``. Each of the last two is reported as a row of its own and counted
    in the whole corpus."""
    rows = []
    for sub in sorted(p for p in corpus.iterdir() if p.is_dir()):
        kind, row_key = KIND_DIRS.get(sub.name, (sub.name, None))
        files = sum(1 for p in sub.rglob("*") if p.is_file())
        log = work / f"ingest-{sub.name}.log"
        print(f"  ingest {sub.name}: {files} files …", file=sys.stderr, flush=True)
        result = run_measured(maillage_cmd() + ["--data", str(data), "ingest", *(["--no-index"] * no_index),
                                                str(sub)], log)
        text = log.read_text(encoding="utf-8", errors="replace")
        summary_line = re.search(r"Résumé : (\d+) fichiers? enregistrés?, (\d+) inchangés?, (\d+) en échec ; "
                                 r"(\d+) triplets? ; (\d+) avertissement", text)
        if summary_line is None:
            sys.exit(f"no summary line in {log}: the ingest failed, or its report changed its wording")
        stored, _, failed, triples, warnings = map(int, summary_line.groups())
        n_rows = manifest["rows"].get(row_key) if row_key else manifest["grants"]["deliberation"]
        wall = max(result["wall_s"], 1e-6)
        rows.append({"kind": kind, "files": files, "stored": stored, "failed": failed, "rows": n_rows,
                     "triples": triples, "warnings": warnings, **result,
                     "triples_per_s": round(triples / wall), "files_per_s": round(files / wall, 1),
                     "rows_per_s": round(n_rows / wall) if n_rows else None})
    if no_index:
        print("  index (full rebuild) …", file=sys.stderr, flush=True)
        result = run_measured(maillage_cmd() + ["--data", str(data), "index"], work / "index.log")
        rows.append({"kind": "index (full rebuild)", "files": 0, "stored": 0, "failed": 0, "rows": None,
                     "triples": 0, "warnings": 0, **result, "triples_per_s": None, "files_per_s": None,
                     "rows_per_s": None})
    # After an import this size, the store's files are compacted once (`maillage optimize`, README "Bulk loads"):
    # the pages and queries below read the compacted store, and the whole corpus counts the time it took.
    print("  optimize (compaction) …", file=sys.stderr, flush=True)
    result = run_measured(maillage_cmd() + ["--data", str(data), "optimize"], work / "optimize.log")
    rows.append({"kind": "optimize (compaction)", "files": 0, "stored": 0, "failed": 0, "rows": None, "triples": 0,
                 "warnings": 0, **result, "triples_per_s": None, "files_per_s": None, "rows_per_s": None})
    total = {k: round(sum(r[k] for r in rows), 2) for k in ("files", "stored", "failed", "triples", "warnings",
                                                            "wall_s", "cpu_s")}
    total["cpu_split"] = {k: round(sum(r["cpu_split"][k] for r in rows), 1) for k in rows[0]["cpu_split"]}
    total.update(kind="whole corpus", rows=None, peak_rss_mb=max(r["peak_rss_mb"] for r in rows),
                 triples_per_s=round(total["triples"] / total["wall_s"]),
                 files_per_s=round(total["files"] / total["wall_s"], 1), rows_per_s=None, exit=0)
    return rows + [total]


def rdf_load(data: Path, work: Path) -> dict:
    """Dump the ingested graph as one N-Triples file; load it with ``maillage ingest`` and with pyoxigraph."""
    nquads, ntriples = work / "dump.nq", work / "all.nt"
    count = apart("dump_corpus", data, nquads, ntriples, MAI[:-1])
    rdf_data = work / "data-rdf"
    shutil.rmtree(rdf_data, ignore_errors=True)
    # --no-index: the engine's side builds no index either; the rebuild is measured on its own below.
    ours = run_measured(maillage_cmd() + ["--data", str(rdf_data), "ingest", "--kind", "rdf", "--no-index",
                                          str(ntriples)], work / "ingest-rdf.log")
    # The engine alone: into the default graph, and into a named graph, as Maillage stores a file (six indexes
    # instead of three); then what Maillage stored for the file (the file, and the types and provenance it adds),
    # into a named graph: the engine's time for the design's triples.
    stored = work / "stored.nt"
    stored_count = apart("dump_stored", rdf_data, ntriples, stored)
    engine = {what: engine_load(path, work, to_graph=graph) for what, path, graph in (
        ("default", ntriples, None), ("named", ntriples, "urn:g"), ("stored", stored, "urn:g"))}
    index = run_measured(maillage_cmd() + ["--data", str(data), "index"], work / "index.log")
    return {"triples": count, "maillage": ours, "pyoxigraph": engine["default"], "pyoxigraph_named": engine["named"],
            "pyoxigraph_stored": engine["stored"], "stored_triples": stored_count, "index": index, "nquads": nquads}


def engine_load(path: Path, work: Path, fmt: str = "N_TRIPLES", to_graph: str | None = None) -> dict:
    """pyoxigraph alone: one ``bulk_load`` of the file ``path`` (into the named graph ``to_graph``, if given) into a
    fresh store, in a child process, measured as the ingests are."""
    engine_dir = work / "engine-bulk"
    shutil.rmtree(engine_dir, ignore_errors=True)
    graph = f", to_graph=ox.NamedNode({to_graph!r})" if to_graph else ""
    code = ("import pyoxigraph as ox, sys; s = ox.Store(sys.argv[1]); "
            f"s.bulk_load(path=sys.argv[2], format=ox.RdfFormat.{fmt}{graph}); s.flush()")
    try:
        return run_measured([sys.executable, "-c", code, str(engine_dir), str(path)], work / "bulk.log")
    finally:
        shutil.rmtree(engine_dir, ignore_errors=True)


def engine_ingest(data: Path, work: Path, nquads: Path) -> dict:
    """The engine alone storing what the ingest stored, in one ``bulk_load`` of N-Quads (its fastest way): the whole
    store (``nquads``: the corpus's graphs and the shipped vocabularies), then the grants lists' graphs — the work
    that the ingest's triples/s and SCDL rows/s measure, at the engine's own speed."""
    grants = work / "scdl-subventions.nq"
    quads = apart("dump_kind", data, "scdl-subventions", grants)
    result = {"corpus": engine_load(nquads, work, "N_QUADS"),
              "scdl-subventions": {**engine_load(grants, work, "N_QUADS"), "quads": quads}}
    grants.unlink()
    return result


# --- 2. serve -----------------------------------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(data: Path, workers: int, log: Path) -> tuple[subprocess.Popen, int, float, float]:
    """Start ``maillage serve``; return the process, its port, and the seconds until /healthz and / answer."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen(maillage_cmd() + ["--data", str(data), "serve", "--port", str(port), "--workers",
                                                 str(workers)], stdout=open(log, "ab"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    health = home = None
    client = None
    while time.perf_counter() - started < 120:
        try:
            client = client or Client(port, timeout=60)
            status, _, _ = client.get("/healthz", "application/json")
            if status == 200:
                health = time.perf_counter() - started
                break
        except OSError:
            client = None
            time.sleep(0.02)
    if health is None:
        stop_server(process)
        raise RuntimeError(f"maillage serve did not answer within 120 s (see {log})")
    status, _, _ = client.get("/")
    home = time.perf_counter() - started
    client.close()
    return process, port, health, home


def stop_server(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- 3-5. queries, search, pages ------------------------------------------------------------------------------


def samples(snapshot: ox.Store) -> dict:
    """Resources to ask for: actors, grants, deliberations, sessions, and values for the named queries."""
    def column(query: str, limit: int = 10) -> list[str]:
        rows = [r[0].value for r in snapshot.query(f"PREFIX mai: <{MAI}> " + query, use_default_graph_as_union=True)]
        step = max(1, len(rows) // limit)
        return rows[::step][:limit]

    top = list(snapshot.query(f"PREFIX mai: <{MAI}> PREFIX schema: <http://schema.org/> SELECT ?b ?f (COUNT(?g) AS ?n)"
                              " WHERE { ?g a mai:Grant ; mai:beneficiary ?b ; schema:funder ?f } GROUP BY ?b ?f "
                              "ORDER BY DESC(?n) ?b LIMIT 1", use_default_graph_as_union=True))
    return {
        "actors": column("SELECT DISTINCT ?a WHERE { ?a a mai:Actor } ORDER BY ?a", 20),
        # The heaviest actor pages: the funders of the most grants (evenly spaced actors are mostly small ones).
        "funders": [r[0].value for r in snapshot.query(
            f"PREFIX mai: <{MAI}> PREFIX schema: <http://schema.org/> SELECT ?f (COUNT(?g) AS ?n) WHERE "
            "{ ?g a mai:Grant ; schema:funder ?f } GROUP BY ?f ORDER BY DESC(?n) ?f LIMIT 3",
            use_default_graph_as_union=True)],
        "grants": column("SELECT ?g WHERE { ?g a mai:Grant } ORDER BY ?g"),
        "deliberations": column("SELECT ?d WHERE { ?d a mai:Deliberation ; mai:session ?s } ORDER BY ?d"),
        "sessions": column("SELECT DISTINCT ?s WHERE { ?s mai:present ?p } ORDER BY ?s", 3),
        "authority": column("SELECT DISTINCT ?a WHERE { ?d a mai:Deliberation ; mai:authority ?a } ORDER BY ?a", 1),
        "beneficiary": top[0][0].value if top else None, "funder": top[0][1].value if top else None,
        "place": next(iter(snapshot.query("SELECT ?l WHERE { ?p <https://w3id.org/maillage/ontology#inseeCode> ?c ;"
                                          " <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?c LIMIT 1",
                                          use_default_graph_as_union=True)))[0].value,
    }


def named_query_texts(values: dict) -> tuple[dict[str, str], dict[str, str]]:
    """The named queries as full SPARQL (prologue, parameters substituted) and as ``/queries`` URLs."""
    from rdflib import Literal, URIRef

    from graph.namespaces import sparql_prologue
    from graph.bindings import substitute
    from webapp.named_queries import named_queries

    iri = {"beneficiary": values["beneficiary"], "a": values["beneficiary"], "b": values["funder"],
           "authority": (values["authority"] or [None])[0], "session": (values["sessions"] or [None])[0]}
    texts, urls = {}, {}
    for name, nq in named_queries().items():
        params = {}
        for p in nq.parameters:
            if p.type == "iri" and iri.get(p.name):
                params[p.name] = iri[p.name]
            elif p.name == "place":
                params[p.name] = values["place"]
        bound = nq.bindings(params)
        texts[name] = sparql_prologue() + substitute(nq.text, {k: v if isinstance(v, (URIRef, Literal)) else v
                                                               for k, v in bound.items()})
        urls[name] = f"/queries/{name}.json" + ("?" + urllib.parse.urlencode(params) if params else "")
    return texts, urls


SEARCHES = ["aidants", "santé mentale", "sante mentale jeunes", "prévention des addictions", "adictions", "diabete",
            "maison de santé", "exercice coordonné", "télémédecine", "sport santé", "périnatalité", "handicap",
            "subvention fonctionnement", "collectif des usagers", "coopérative santé", "bien vieillir",
            "éducation thérapeutique", "cancer dépistage", "relation de soin", "centre de santé"]


def search_queries(manifest: dict) -> list[str]:
    sample = manifest["sample"]["association"].split()
    return SEARCHES + [" ".join(sample[:3]), sample[-1], manifest["sample"]["authority"]]


def measure_sparql(client: Client, data: Path, texts: dict, urls: dict, runs: int, nquads: Path | None,
                   with_rdflib: bool, work: Path) -> dict:
    """Each named query through HTTP (``/sparql`` and ``/queries/<name>.json``) and with pyoxigraph alone, their
    samples taken in turn so that the ratio of their medians compares the same moments of a shared machine."""
    rows = {}
    snapshot = ox.Store.read_only(str(snapshot_path(data)))
    for name, text in texts.items():
        client.sparql(text)
        oxigraph_query(snapshot, text)
        engine_samples, http_samples, named_samples, status = [], [], [], set()
        for _ in range(runs):
            started = time.perf_counter()
            oxigraph_query(snapshot, text)
            engine_samples.append(time.perf_counter() - started)
            code, _, s = client.sparql(text)
            status.add(code)
            http_samples.append(s)
            code2, _, s2 = client.get(urls[name], "application/json")
            status.add(code2)
            named_samples.append(s2)
        rows[name] = {"http": summary(http_samples), "named": summary(named_samples),
                      "engine": summary(engine_samples), "status": sorted(status)}
    if with_rdflib and nquads is not None:
        out = work / "rdflib.json"
        code = ("import sys, json; sys.path[:0] = [sys.argv[2]]; sys.path.append(sys.argv[1]); "
                "from pathlib import Path; "
                "from run_measure import rdflib_baseline; "
                "rdflib_baseline(Path(sys.argv[3]), json.loads(Path(sys.argv[4]).read_text()), 3, 60.0, "
                "Path(sys.argv[5]))")
        (work / "queries.json").write_text(json.dumps(texts))
        subprocess.run([sys.executable, "-c", code, str(HERE), str(HERE.parent), str(nquads),
                        str(work / "queries.json"), str(out)], check=False)
        if out.exists():
            baseline = json.loads(out.read_text())
            rows["_rdflib"] = {k: v for k, v in baseline.items() if k != "queries"}
            for name, result in baseline["queries"].items():
                rows[name]["rdflib"] = result
    return rows


def measure_search(client: Client, data: Path, queries: list[str], runs: int) -> dict:
    from graph.store import open_store

    out = {}
    api = [f"/api/search?q={urllib.parse.quote(q)}" for q in queries]
    out["api"], out["api_status"] = time_http(client, api, runs, "application/json")
    page = [f"/search?q={urllib.parse.quote(q)}" for q in queries]
    out["page"], out["page_status"] = time_http(client, page, runs)
    try:
        from search.query import search
        from search.reader import SearchIndex

        index = SearchIndex.from_config({"data_dir": str(data)})
        samples_ = []
        for _ in range(runs):
            for q in queries:
                t0 = time.perf_counter()
                search(index, q)
                samples_.append(time.perf_counter() - t0)
        out["in_process"] = summary(samples_)
    except Exception as exc:  # the search package may not have landed: the table says so
        out["in_process"] = {"error": f"{type(exc).__name__}: {exc}"[:120]}
    try:
        from search.documents import facts_to_documents
        from search.facts import load_facts

        store = open_store({"store": "oxigraph", "data_dir": str(data)})
        documents = list(facts_to_documents(load_facts(store)))
        out["tantivy"] = tantivy_baseline(documents, queries, runs)
    except Exception as exc:
        out["tantivy"] = {"error": f"{type(exc).__name__}: {exc}"[:120]}
    return out


def measure_pages(client: Client, values: dict, runs: int) -> dict:
    keys = {"actor": values["actors"], "funder": values["funders"], "grant": values["grants"],
            "deliberation": values["deliberations"]}
    out = {}
    for kind, iris in keys.items():
        out[kind], out[kind + "_status"] = time_http(client, [quote_key(i, BASE) for i in iris], runs)
    out["home"], out["home_status"] = time_http(client, ["/"], runs)
    # A class's page lists its instances sorted by name, kept per published state: the first request sorts them all,
    # the next ones (other pages of the list too) read the kept order.
    classes = [f"/resource?iri={urllib.parse.quote(MAI + name)}" for name in ("Actor", "Grant", "Deliberation")]
    out["class_first"], out["class_first_status"] = time_http(client, classes, 1)
    out["class"], out["class_status"] = time_http(client, classes + [c + "&offset=5000" for c in classes], runs)
    return out


def load_paths(values: dict, queries: list[str], urls: dict) -> list[tuple[str, str]]:
    paths = [(quote_key(i, BASE), "text/html") for i in values["actors"] + values["grants"]]
    paths += [(f"/api/search?q={urllib.parse.quote(q)}", "application/json") for q in queries]
    paths += [(u, "application/json") for u in list(urls.values())[:6]]
    return paths


# --- report -------------------------------------------------------------------------------------------------------

from run_report import report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, help="work directory (default /tmp/maillage-bench-<actors>)")
    parser.add_argument("--runs", type=int, default=7, help="repetitions per latency measurement (default 7)")
    parser.add_argument("--workers", type=int, default=2, help="web workers of the server under test")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of the concurrent load test")
    parser.add_argument("--rdflib", action=argparse.BooleanOptionalAction, default=None,
                        help="time rdflib's memory store too (default: only up to 10k actors)")
    parser.add_argument("--keep", action="store_true", help="reuse the corpus and store of an earlier run")
    parser.add_argument("--no-index", action="store_true",
                        help="ingest as a bulk load: --no-index, then one full `maillage index`")
    args = parser.parse_args(argv)
    cache_bytecode()
    if importlib.util.find_spec("tantivy") is None:  # an hour's run without the search baseline would be wasted
        sys.exit("bench/run.py: tantivy, the search baseline, is not installed: `make bench-scale`, or "
                 "pip install -e '.[bench]'")
    work = args.work or Path(f"/tmp/maillage-bench-{args.actors}")
    corpus, data = work / "corpus", work / "data"
    results: dict = {"actors": args.actors, "seed": args.seed, "machine": machine()}
    if not (args.keep and (corpus / ".manifest.json").exists()):
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        from generate import generate

        t0 = time.perf_counter()
        print(f"generating {args.actors} actors …", file=sys.stderr, flush=True)
        generate(args.actors, args.seed, corpus)
        results["generate_s"] = round(time.perf_counter() - t0, 1)
    manifest = json.loads((corpus / ".manifest.json").read_text())
    results["manifest"] = manifest
    if not (args.keep and (data / "store" / "current").exists()):
        results["ingest"] = ingest(corpus, data, work, manifest, args.no_index)
        results["no_index"] = args.no_index
    print("  RDF load and index …", file=sys.stderr, flush=True)
    load = rdf_load(data, work)
    nquads = load.pop("nquads")
    results["rdf"] = load
    print("  the engine alone on the ingest's work …", file=sys.stderr, flush=True)
    results["engine_ingest"] = engine_ingest(data, work, nquads)
    starts = []
    for _ in range(3):
        process, port, health, home = start_server(data, args.workers, work / "serve.log")
        starts.append((health, home))
        stop_server(process)
    results["serve_start"] = {"healthz_s": round(sorted(s[0] for s in starts)[1], 2),
                              "home_s": round(sorted(s[1] for s in starts)[1], 2)}
    process, port, _, _ = start_server(data, args.workers, work / "serve.log")
    try:
        client = Client(port)
        snapshot = ox.Store.read_only(str(snapshot_path(data)))
        values = samples(snapshot)
        texts, urls = named_query_texts(values)
        with_rdflib = args.rdflib if args.rdflib is not None else args.actors <= 10_000
        print("  SPARQL …", file=sys.stderr, flush=True)
        results["sparql"] = measure_sparql(client, data, texts, urls, args.runs, nquads, with_rdflib, work)
        queries = search_queries(manifest)
        print("  search and pages …", file=sys.stderr, flush=True)
        results["search"] = measure_search(client, data, queries, args.runs)
        results["pages"] = measure_pages(client, values, args.runs)
        client.close()
        print(f"  {args.clients} clients for {args.duration:.0f} s …", file=sys.stderr, flush=True)
        results["load"] = load_test(port, load_paths(values, queries, urls), args.clients, args.duration)
        results["rss"] = {str(pid): info for pid, info in process_tree_rss(process.pid).items()}
    finally:
        stop_server(process)
    results["machine"]["load_after"] = [round(x, 2) for x in os.getloadavg()]
    (work / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str))
    text = report(results)
    (work / "results.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
