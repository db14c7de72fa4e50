"""The pages of the heaviest resource of each kind, timed on a running server: where evenly spaced samples miss.

    python bench/heavy_pages.py [--url http://127.0.0.1:5000] [--runs 3]

Asks the server's own SPARQL endpoint for the resources with the most links of each kind — the source of the
most resources, the place of the most actors, the funder and the beneficiary of the most grants, the pole of the
most members, the circle of the most memberships, the session of the most people present… — then times the page of
each (HTML: the first request, which fills the caches, and the median of ``--runs`` after it) and a few pages that
aggregate over everything. Prints a Markdown table.
`bench/run.py` times evenly spaced actors, mostly small ones; the funders' pages (26–30 s at 100k actors until the
evidence of their grants was read apart) and a large source's page (its own properties lost under its links) were
found this way (bench/README.md, "Web and SPARQL endpoint").
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent))
from run_measure import quote_key  # noqa: E402

BASE = "https://w3id.org/maillage/id/"
PREFIXES = ("PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX schema: <http://schema.org/> "
            "PREFIX org: <http://www.w3.org/ns/org#> PREFIX prov: <http://www.w3.org/ns/prov#> "
            "PREFIX dcterms: <http://purl.org/dc/terms/> ")
#: What to look for: (what it is, a query selecting ?x, the resource with the most of something, first).
HEAVIEST = [
    ("source of the most resources", "SELECT ?x WHERE { ?s prov:wasDerivedFrom ?x } GROUP BY ?x"
                                     " ORDER BY DESC(COUNT(?s)) LIMIT 1"),
    ("funder of the most grants", "SELECT ?x WHERE { ?g schema:funder ?x } GROUP BY ?x"
                                  " ORDER BY DESC(COUNT(?g)) LIMIT 1"),
    ("beneficiary of the most grants", "SELECT ?x WHERE { ?g mai:beneficiary ?x } GROUP BY ?x"
                                       " ORDER BY DESC(COUNT(?g)) LIMIT 1"),
    ("place of the most actors", "SELECT ?x WHERE { ?a schema:location ?x } GROUP BY ?x"
                                 " ORDER BY DESC(COUNT(?a)) LIMIT 1"),
    ("theme of the most actors", "SELECT ?x WHERE { ?a a mai:Actor ; dcterms:subject ?x } GROUP BY ?x"
                                 " ORDER BY DESC(COUNT(?a)) LIMIT 1"),
    ("pole of the most members", "SELECT ?x WHERE { ?m org:organization ?x } GROUP BY ?x"
                                 " ORDER BY DESC(COUNT(?m)) LIMIT 1"),
    ("circle of the most memberships", "SELECT ?x WHERE { ?m org:role ?x } GROUP BY ?x"
                                       " ORDER BY DESC(COUNT(?m)) LIMIT 1"),
    ("goal of the most grants", "SELECT ?x WHERE { ?g mai:contributesTo ?x } GROUP BY ?x"
                                " ORDER BY DESC(COUNT(?g)) LIMIT 1"),
    ("deliberation of the most grants", "SELECT ?x WHERE { ?g mai:decidedBy ?x } GROUP BY ?x"
                                        " ORDER BY DESC(COUNT(?g)) LIMIT 1"),
    ("session of the most people present", "SELECT ?x WHERE { ?x mai:present ?p } GROUP BY ?x"
                                           " ORDER BY DESC(COUNT(?p)) LIMIT 1"),
    ("person present at the most sessions", "SELECT ?x WHERE { ?s mai:present ?x } GROUP BY ?x"
                                            " ORDER BY DESC(COUNT(?s)) LIMIT 1"),
]
OVERVIEWS = ["/", "/funding", "/goals", "/queries", "/network", "/search?q=sant%C3%A9"]


def sparql(url: str, query: str) -> list[str]:
    request = urllib.request.Request(url + "/sparql", data=urllib.parse.urlencode({"query": PREFIXES + query}).encode(),
                                      headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=300) as answer:
        return [b["x"]["value"] for b in json.load(answer)["results"]["bindings"]]


def page_of(iri: str) -> str:
    """The page of ``iri``: its own path under the base, else the page of any IRI."""
    return quote_key(iri, BASE) if iri.startswith(BASE) else "/resource?" + urllib.parse.urlencode({"iri": iri})


def timed(url: str, path: str, runs: int) -> tuple[float, float, int, int]:
    """(seconds of the first request, which fills the caches, median seconds of ``runs`` requests after it, HTTP
    status, bytes)."""
    samples, status, size = [], 0, 0
    for n in range(runs + 1):
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url + path, timeout=300) as answer:
                size, status = len(answer.read()), answer.status
        except urllib.error.HTTPError as error:
            status = error.code
        samples.append(time.perf_counter() - started)
    return samples[0], statistics.median(samples[1:]), status, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:5000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = []
    for what, query in HEAVIEST:
        found = sparql(args.url, query)
        if found:
            rows.append((what, page_of(found[0])))
    rows += [(path, path) for path in OVERVIEWS]
    print("| page | path | first ms | p50 ms | HTTP status | bytes |\n|---|---|---|---|---|---|")
    for what, path in rows:
        first, seconds, status, size = timed(args.url, path, args.runs)
        print(f"| {what} | `{path[:60]}` | {first * 1000:.1f} | {seconds * 1000:.1f} | {status} | {size:,} |")


if __name__ == "__main__":
    main()
