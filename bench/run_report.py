"""The Markdown report of bench/run.py: one table per measurement, ratios next to the figures they compare."""

from __future__ import annotations

import statistics


def _failed(failed: dict[str, dict[str, int]] | None) -> str:
    """Which paths the failed requests of the load test asked for: " (503 ×2 /queries/x.json)"."""
    if not failed:
        return ""
    return " (" + ", ".join(f"{status} ×{count} {path}" for path, statuses in sorted(failed.items())
                            for status, count in sorted(statuses.items())) + ")"


def _ms(entry: dict | None, key: str = "p50_ms") -> str:
    if not entry or entry.get(key) is None:
        if entry and entry.get("timeout_s"):
            return f"> {entry['timeout_s'] * 1000:.0f}"
        return "n/a"
    return f"{entry[key]:.1f}"


def _ratio(a: dict | None, b: dict | None) -> float | None:
    if not a or not b or a.get("p50_ms") is None or not b.get("p50_ms"):
        return None
    return a["p50_ms"] / b["p50_ms"]


def _fmt_ratio(r: float | None) -> str:
    return "n/a" if r is None else f"{r:.2f}x"


def table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join("" if c is None else str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def report(r: dict) -> str:
    m = r["machine"]
    out = [f"### {r['actors']:,} actors (seed {r['seed']})".replace(",", " "), "",
           f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_mb']} MB, {m['os']}, Python {m['python']}, "
           f"pyoxigraph {m['pyoxigraph']}. Load average before {m['load_before']}, after {m.get('load_after')}.", ""]
    if "ingest" in r:
        how = ("`maillage ingest --no-index DIR`, one process per source kind, then one `maillage index`"
               if r.get("no_index") else "`maillage ingest DIR`, one process per source kind, index updated as it goes")
        if any(x["kind"] == "optimize (compaction)" for x in r["ingest"]):
            how += ", then `maillage optimize`"
        out += [f"**Ingest** ({how})", "",
                table(["kind", "files", "rows", "triples", "s", "triples/s", "files/s", "rows/s", "peak RSS MB",
                       "failed", "warnings"],
                      [[x["kind"], x["files"], x["rows"], x["triples"], x["wall_s"], x["triples_per_s"],
                        x["files_per_s"], x["rows_per_s"], x["peak_rss_mb"], x["failed"], x["warnings"]]
                       for x in r["ingest"]]), ""]
        total = r["ingest"][-1]
        out.append(f"Triples per actor: {total['triples'] / r['actors']:.1f}. CPU time {total['cpu_s']} s for "
                   f"{total['wall_s']} s of wall time.")
        out.append("")
        if all("cpu_split" in x for x in r["ingest"]):
            out += ["Where the CPU went (s), sampled from `/proc` every 0.1 s: the process's main thread; the "
                    "engine's background threads, RocksDB's compactions (`rocksdb:low`) and flushes "
                    "(`rocksdb:high`); its other threads (the engine's bulk loaders, validation's and counting's "
                    "threads); its child processes (the extracting processes of small files, the index writers)", "",
                    table(["kind", "wall s", "CPU s", "main thread", "compactions", "flushes", "other threads",
                           "child processes"],
                          [[x["kind"], x["wall_s"], x["cpu_s"], *(x["cpu_split"][k] for k in (
                              "main_s", "compaction_s", "flush_s", "other_threads_s", "children_s"))]
                           for x in r["ingest"]]), ""]
    rdf = r.get("rdf")
    if rdf:
        ours, engine, index = rdf["maillage"], rdf["pyoxigraph"], rdf["index"]
        n = rdf["triples"]
        rows = [["`maillage ingest --kind rdf --no-index`", n, ours["wall_s"], round(n / ours["wall_s"]),
                 ours["peak_rss_mb"]],
                ["pyoxigraph `bulk_load` (engine alone)", n, engine["wall_s"], round(n / engine["wall_s"]),
                 engine["peak_rss_mb"]]]
        named, stored = rdf.get("pyoxigraph_named"), rdf.get("pyoxigraph_stored")
        if named and stored:
            rows += [["pyoxigraph `bulk_load` into a named graph (as Maillage stores a file)", n, named["wall_s"],
                      round(n / named["wall_s"]), named["peak_rss_mb"]],
                     ["pyoxigraph `bulk_load` of what Maillage stored for the file, into a named graph",
                      rdf["stored_triples"], stored["wall_s"], round(rdf["stored_triples"] / stored["wall_s"]),
                      stored["peak_rss_mb"]]]
        rows.append(["`maillage index` (full rebuild)", "", index["wall_s"], "", index["peak_rss_mb"]])
        out += ["**RDF load** of the same triples as one N-Triples file", "",
                table(["what", "triples", "s", "triples/s", "peak RSS MB"], rows), "",
                f"maillage / engine time: {ours['wall_s'] / max(engine['wall_s'], 1e-6):.1f}x"
                + (f"; against the engine's load into a named graph {ours['wall_s'] / named['wall_s']:.1f}x, against "
                   f"its load of the triples Maillage stored {ours['wall_s'] / stored['wall_s']:.1f}x."
                   if named and stored else "."), ""]
        if "cpu_split" in ours and "cpu_split" in engine:
            def split(x: dict) -> str:
                c = x["cpu_split"]
                return (f"{x['cpu_s']} s (main thread {c['main_s']}, compactions {c['compaction_s']}, flushes "
                        f"{c['flush_s']}, other threads {c['other_threads_s']}, child processes {c['children_s']})")
            out += [f"CPU: maillage {split(ours)}; the engine alone {split(engine)}"
                    + (f"; into a named graph {split(named)}; the stored triples {split(stored)}."
                       if named and stored else "."), ""]
    s = r.get("serve_start")
    if s:
        out += [f"**`maillage serve` start** on the existing store (median of 3): `/healthz` answers after "
                f"{s['healthz_s']} s, the home page after {s['home_s']} s.", ""]
    sparql = r.get("sparql")
    if sparql:
        rows, ratios = [], []
        for name, x in sparql.items():
            if name.startswith("_"):
                continue
            ratio = _ratio(x["http"], x["engine"])
            ratios.append(ratio) if ratio else None
            rows.append([name, _ms(x["http"]), _ms(x["named"]), _ms(x["engine"]), _fmt_ratio(ratio),
                         _ms(x.get("rdflib")), _fmt_ratio(_ratio(x.get("rdflib"), x["engine"])),
                         ",".join(map(str, x["status"]))])
        out += ["**Named queries** (p50 ms): `POST /sparql`, `/queries/<name>.json`, pyoxigraph alone (query and "
                "JSON serialisation on the same snapshot), rdflib's memory store", "",
                table(["query", "HTTP /sparql", "HTTP named", "pyoxigraph", "HTTP/ox", "rdflib", "rdflib/ox",
                       "HTTP status"], rows), ""]
        if ratios:
            out.append(f"Median HTTP/pyoxigraph ratio: {statistics.median(ratios):.2f}x.")
        if "_rdflib" in sparql:
            b = sparql["_rdflib"]
            out.append(f"rdflib memory store: {b['quads']} quads loaded in {b['load_s']} s, peak RSS "
                       f"{b['peak_rss_mb']} MB.")
        out.append("")
    search = r.get("search")
    if search:
        t = search.get("tantivy", {})
        rows = [["`GET /api/search` (HTTP)", _ms(search["api"]), _ms(search["api"], "p99_ms"),
                 _status(search["api_status"])],
                ["`GET /search` page (HTTP)", _ms(search["page"]), _ms(search["page"], "p99_ms"),
                 _status(search["page_status"])],
                ["search in process (whoosh)", _ms(search["in_process"]), _ms(search["in_process"], "p99_ms"),
                 search["in_process"].get("error", "")],
                [f"tantivy, same {t.get('documents', '?')} documents", _ms(t), _ms(t, "p99_ms"),
                 t.get("error", f"built in {t.get('build_s')} s")]]
        out += ["**Search** (ms)", "", table(["what", "p50", "p99", "note"], rows), ""]
    pages = r.get("pages")
    if pages:
        rows = [[k, _ms(v), _ms(v, "p99_ms"), _status(pages[k + "_status"])] for k, v in pages.items()
                if not k.endswith("_status")]
        out += ["**Pages** (ms)", "", table(["page", "p50", "p99", "HTTP status"], rows), ""]
    load = r.get("load")
    if load:
        out += [f"**{load['clients']} concurrent clients** on loopback for {load['seconds']} s: "
                f"{load['req_per_s']} requests/s, p50 {_ms(load)} ms, p99 {_ms(load, 'p99_ms')} ms, "
                f"errors {load['errors'] or 'none'}{_failed(load.get('failed'))}.", ""]
        if load.get("by_kind"):
            out += ["| requests | answered | p50 ms | p99 ms |", "|---|---|---|---|"]
            out += [f"| {kind} | {entry['n']} | {_ms(entry)} | {_ms(entry, 'p99_ms')} |"
                    for kind, entry in load["by_kind"].items()] + [""]
    rss = r.get("rss")
    if rss:
        by_role: dict[str, list[int]] = {}
        for role, mb in rss.values():
            by_role.setdefault(role, []).append(mb)
        rows = [[role, len(v), max(v)] for role, v in sorted(by_role.items())]
        out += ["**Peak RSS of the server's processes** (after the load test)", "",
                table(["process", "count", "largest peak RSS MB"], rows), ""]
    rows = targets(r)
    if rows:
        out += ["**Targets** of the scale issue (set for 100k actors on 2 cores), each against the figure above that "
                "measures it; for the ingest targets, the same work done by the engine alone in this run (one "
                "`bulk_load` of what the ingest stored)", "",
                table(["target", "measured", "the engine alone", ""], rows), ""]
    return "\n".join(out) + "\n"


def targets(r: dict) -> list[list]:
    """The rows of the targets table, for the measurements that ``r`` holds: target, figure, the engine's figure
    for the same work (ingest targets), and whether it is met — "missed, as by the engine alone" when the engine
    itself does not reach it."""
    rows = []

    def row(name: str, ours: float, engine: float | None, at_least: float, fmt: str) -> None:
        status = "met" if ours >= at_least else "missed" + (", as by the engine alone" if engine is not None
                                                             and engine < at_least else "")
        rows.append([name, fmt.format(ours), "" if engine is None else fmt.format(engine), status])

    ingest = {x["kind"]: x for x in r.get("ingest", [])}
    engine = r.get("engine_ingest", {})
    rdf = r.get("rdf")
    if rdf and rdf.get("pyoxigraph_named"):
        n = rdf["triples"]
        row("RDF ingest ≥ 100,000 triples/s", n / rdf["maillage"]["wall_s"], n / rdf["pyoxigraph_named"]["wall_s"],
            100_000, "{:,.0f} triples/s")
    if (grants := ingest.get("scdl-subventions")) and grants.get("rows"):
        alone = engine.get("scdl-subventions")
        row("SCDL ≥ 10,000 rows/s", grants["rows"] / grants["wall_s"],
            grants["rows"] / alone["wall_s"] if alone else None, 10_000, "{:,.0f} rows/s")
    if total := ingest.get("whole corpus"):
        alone = engine.get("corpus")
        row("whole corpus ≥ 20,000 triples/s", total["triples"] / total["wall_s"],
            total["triples"] / alone["wall_s"] if alone else None, 20_000, "{:,.0f} triples/s")
    sparql = r.get("sparql")
    ratios = [x for name, q in (sparql or {}).items() if not name.startswith("_")
              if (x := _ratio(q["http"], q["engine"])) is not None]
    if ratios:
        median = statistics.median(ratios)
        rows.append(["SPARQL over HTTP ≤ 1.3x pyoxigraph", f"median {median:.2f}x", "",
                     "met" if median <= 1.3 else "missed"])
    search = r.get("search")
    if search and search["api"].get("p50_ms") is not None:
        api, t = search["api"], search.get("tantivy", {})
        engine_text = f"tantivy {_ms(t)} / {_ms(t, 'p99_ms')} ms" if t.get("p50_ms") is not None else ""
        rows.append(["search p50 ≤ 20 ms, p99 ≤ 100 ms", f"{_ms(api)} / {_ms(api, 'p99_ms')} ms", engine_text,
                     "met" if api["p50_ms"] <= 20 and api["p99_ms"] <= 100 else "missed"])
    pages = {k: v for k, v in (r.get("pages") or {}).items()
             if k in ("actor", "funder", "grant", "deliberation", "class") and v.get("p50_ms") is not None}
    if pages:
        slowest = max(v["p50_ms"] for v in pages.values())
        rows.append(["resource page p50 ≤ 50 ms", ", ".join(f"{k} {_ms(v)} ms" for k, v in pages.items()), "",
                     "met" if slowest <= 50 else "missed"])
    if start := r.get("serve_start"):
        rows.append(["`serve` answers ≤ 2 s", f"{start['healthz_s']} s", "",
                     "met" if start["healthz_s"] <= 2 else "missed"])
    ingesting = [x["peak_rss_mb"] for x in (*ingest.values(), *([rdf["maillage"]] if rdf else []))]
    workers = [mb for role, mb in (r.get("rss") or {}).values() if role == "web worker"]
    if ingesting and workers:
        rows.append(["peak RSS ≤ 1,500 MB ingesting, ≤ 500 MB a web worker",
                     f"{max(ingesting):,.0f} MB ingesting, {max(workers):,} MB a web worker", "",
                     "met" if max(ingesting) <= 1500 and max(workers) <= 500 else "missed"])
    return rows


def _status(counts: dict) -> str:
    return ", ".join(f"{k}×{v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0])))
