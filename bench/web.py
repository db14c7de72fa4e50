"""Web and SPARQL endpoint benchmark: page and query latency (p50/p99) at 10k actors, and the endpoint's cost
over pyoxigraph alone. Run: ``.venv/bin/python bench/web.py [--actors 10000]`` (writes bench/out/web.json)."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BASE = "https://w3id.org/maillage/id/"
CLASSES = ["Association", "Enterprise", "HealthProfessional", "University", "UserGroup", "PublicAuthority"]
THEMES = ["prevention", "vaccination", "depistage", "nutrition", "sport-sante"]
PREFIX = ("PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX schema: <http://schema.org/> "
          "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")


def generate(actors: int, seed: int = 42) -> str:
    """A Turtle file of ``actors`` actors, 2 grants per actor, one PTCE with memberships and goals, and one
    deliberation per funder and year deciding that funder's grants of the year (fixed seed)."""
    rnd = random.Random(seed)
    lines = ["@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .",
             "@prefix schema: <http://schema.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dcterms: <http://purl.org/dc/terms/> .",
             "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> ."]
    funders = [f"<{BASE}actor/funder-{i}>" for i in range(50)]
    for i, f in enumerate(funders):
        lines.append(f'{f} a mai:PublicAuthority, mai:Actor ; rdfs:label "Collectivité {i}" .')
    goals = [f"<{BASE}goal/g{i}>" for i in range(6)]
    for i, g in enumerate(goals):
        lines.append(f'{g} a mai:StrategicGoal ; skos:prefLabel "Objectif {i}"@fr ; skos:notation "{i + 1}" .')
    lines.append(f'<{BASE}actor/ptce> a mai:Cooperation, mai:Actor ; rdfs:label "PTCE" ; '
                 f'mai:hasGoal {", ".join(goals)} .')
    decided: dict[tuple[int, int], list[str]] = {}
    for i in range(actors):
        a = f"<{BASE}actor/a{i}>"
        lines.append(f'{a} a mai:{rnd.choice(CLASSES)}, mai:Actor ; rdfs:label "Acteur {i} {rnd.random():.6f}" ; '
                     f'dcterms:subject <https://w3id.org/maillage/ontology/theme/{rnd.choice(THEMES)}> .')
        for k in range(2):
            funder, amount, year = rnd.randrange(len(funders)), rnd.randint(1, 500) * 100, rnd.randint(2018, 2025)
            lines.append(f'<{BASE}grant/g{i}-{k}> a mai:Grant ; schema:funder {funders[funder]} ; '
                         f'mai:beneficiary {a} ; schema:amount "{amount}"^^xsd:decimal ; '
                         f'mai:fiscalYear {year} ; mai:contributesTo {rnd.choice(goals)} .')
            decided.setdefault((funder, year), []).append(f"<{BASE}grant/g{i}-{k}>")
        if i % 30 == 0:
            lines.append(f'<{BASE}membership/m{i}> a org:Membership ; org:member {a} ; '
                         f'org:organization <{BASE}actor/ptce> ; '
                         f'org:role <https://w3id.org/maillage/ontology/circle/partenaires> .')
    # Deliberations come last, from the draws above only: the actors and grants stay those of earlier runs.
    for (funder, year), grants in sorted(decided.items()):
        d = f"<{BASE}deliberation/funder-{funder}/{year}>"
        lines.append(f'{d} a mai:Deliberation ; dcterms:identifier "{year}.{funder:05d}" ; dcterms:title '
                     f'"Subventions {year} de la collectivité {funder}" ; mai:authority {funders[funder]} ; '
                     f'dcterms:date "{year}-03-15"^^xsd:date .')
        lines.extend(f"{g} mai:decidedBy {d} ." for g in grants)
    return "\n".join(lines) + "\n"


def load(data_dir: Path, turtle: str) -> None:
    from graph.ingest.pipeline import ensure_vocabularies
    from graph.store import open_store

    store = open_store({"store": "oxigraph", "data_dir": str(data_dir)})
    with store.writer() as writer:
        ensure_vocabularies(writer)
        writer.replace_graph(BASE + "source/bench-ttl", turtle.encode(), "turtle")


def timed(call, runs: int, budget_s: float = 20.0, least: int = 5) -> list[float]:
    """Time ``runs`` calls, stopping early (after ``least`` calls at least) once ``budget_s`` seconds are spent:
    a slow page then costs its budget, not ``runs`` times its latency, and the whole run stays within minutes."""
    times: list[float] = []
    deadline = time.monotonic() + budget_s
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
        if len(times) >= least and time.monotonic() > deadline:
            break
    return times


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"p50_ms": round(statistics.median(ordered), 2),
            "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2), "runs": len(ordered)}


QUERIES = {
    "small: one label": PREFIX + f"SELECT ?l WHERE {{ <{BASE}actor/a17> rdfs:label ?l }}",
    "medium: totals by funder": PREFIX + "SELECT ?f (SUM(?a) AS ?t) (COUNT(?g) AS ?n) WHERE { ?g a mai:Grant ; "
                                "schema:funder ?f ; schema:amount ?a } GROUP BY ?f ORDER BY DESC(?t)",
    "large: 10000 sorted labels": PREFIX + "SELECT ?s ?l WHERE { ?s a mai:Actor ; rdfs:label ?l } ORDER BY ?l "
                                  "LIMIT 10000",
    "heavy: grants per theme and year": PREFIX + "SELECT ?th ?y (SUM(?a) AS ?t) WHERE { ?g a mai:Grant ; "
        "mai:beneficiary ?b ; schema:amount ?a ; mai:fiscalYear ?y . ?b <http://purl.org/dc/terms/subject> ?th } "
        "GROUP BY ?th ?y ORDER BY ?th ?y",
}
PAGES = ["/", "/id/actor/a17", "/id/grant/g17-0", "/id/deliberation/funder-3/2024", "/id/actor/funder-3",
         "/id/actor/funder-3?page=5", "/id/actor/funder-3.json", "/funding", "/goals",
         f"/network?focus={BASE}actor/ptce", "/queries/totaux-par-financeur?run=1"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds at most per query or page (5 runs at "
                        "least); keeps a run at 10k actors within ~10 minutes")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "web.json")
    args = parser.parse_args()
    from run_measure import cache_bytecode  # bench/, the script's own directory, is first on sys.path

    cache_bytecode()
    import socket

    import pyoxigraph as ox

    work = Path(tempfile.mkdtemp(prefix="maillage-bench-web-"))
    started = time.perf_counter()
    load(work / "data", generate(args.actors))
    print(f"generated and loaded {args.actors} actors in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    snapshot = (work / "data" / "store" / "current").read_text().strip()
    engine = ox.Store.read_only(str(work / "data" / "store" / "snapshots" / snapshot))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([str(Path(sys.executable).with_name("maillage")), "--data", str(work / "data"),
                               "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        deadline = time.monotonic() + 30
        while True:
            try:
                connection.request("GET", "/healthz")
                connection.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

        def get(path: str, accept: str = "text/html") -> bytes:
            nonlocal connection
            try:
                connection.request("GET", path, headers={"Accept": accept})
                response = connection.getresponse()
            except (http.client.RemoteDisconnected, ConnectionError):
                # gunicorn closes idle keep-alive connections after 2 s: reconnect (not timed as a query cost).
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                connection.request("GET", path, headers={"Accept": accept})
                response = connection.getresponse()
            body = response.read()
            assert response.status == 200, (path, response.status, body[:300])
            return body

        report = {"actors": args.actors, "cores": os.cpu_count(),
                  "load_average_before": [round(x, 2) for x in os.getloadavg()], "queries": {}, "pages": {}}
        for name, query in QUERIES.items():
            direct = lambda: engine.query(query, use_default_graph_as_union=True).serialize(  # noqa: E731
                format=ox.QueryResultsFormat.JSON)
            over_http = lambda: get("/sparql?query=" + quote(query), "application/sparql-results+json")  # noqa
            direct()
            over_http()
            d, h = summary(timed(direct, args.runs, args.budget)), summary(timed(over_http, args.runs, args.budget))
            report["queries"][name] = {"pyoxigraph": d, "http": h, "ratio_p50": round(h["p50_ms"] / d["p50_ms"], 2),
                                       "overhead_p50_ms": round(h["p50_ms"] - d["p50_ms"], 2)}
            print(f"{name:34} pyoxigraph {d['p50_ms']:8.2f} ms  http {h['p50_ms']:8.2f} ms  "
                  f"x{h['p50_ms'] / d['p50_ms']:.2f}  +{h['p50_ms'] - d['p50_ms']:.2f} ms", file=sys.stderr)
        for path in PAGES:
            # The first request of a page computes its aggregates for this snapshot (cold); the timed ones that
            # follow show the steady state, until a writer publishes the next snapshot.
            first = timed(lambda: get(path), 1)[0]
            report["pages"][path] = {**summary(timed(lambda: get(path), max(20, args.runs // 2), args.budget)),
                                     "first_ms": round(first, 2)}
            print(f"{path:50} first {first:8.2f} ms  p50 {report['pages'][path]['p50_ms']:7.2f} ms  p99 "
                  f"{report['pages'][path]['p99_ms']:7.2f} ms", file=sys.stderr)
        report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        print(json.dumps(report, indent=2, ensure_ascii=False))
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    main()
