"""Concurrency: queries, searches and page loads during an ingest and a re-index return complete, correct answers.

A real ``maillage serve`` on a free loopback port answers client threads while another process re-ingests a
source (v1 ↔ v2, same file name) and rebuilds the search index, as an operator would. Every answer must be whole
and right: the untouched source always counts all its actors, the moving one holds exactly one version, searches
for the untouched actors always find all of them, pages always load.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from graph.namespaces import mint
from tests.conftest import MAILLAGE_COMMAND, serving

STABLE, MOVING = 120, 400
WORD = "Zéphyrine"  # a word only the stable actors' labels carry


def write_source(path: Path, prefix: str, n: int, label: str, tag: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        s = f"<https://w3id.org/maillage/id/actor/{prefix}-{i}>"
        lines += [f"{s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/maillage/ontology#Association> .",
                  f'{s} <http://www.w3.org/2000/01/rdf-schema#label> "{label} {i}" .',
                  f'{s} <http://purl.org/dc/terms/description> "version {tag}" .']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def maillage(data: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([*MAILLAGE_COMMAND, "--data", str(data), *args], capture_output=True, text=True,
                            timeout=300, env={**os.environ, "MAILLAGE_LOCK_TIMEOUT": "120"})
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A served data directory with a stable source, a moving source (v1) and an index; yields what tests need."""
    root = tmp_path_factory.mktemp("concurrency")
    stable = write_source(root / "stable.nt", "conc-stable", STABLE, f"Association {WORD}", "v1")
    v1 = write_source(root / "v1" / "moving.nt", "conc-moving", MOVING, "Association mouvante", "v1")
    v2 = write_source(root / "v2" / "moving.nt", "conc-moving", MOVING, "Association mouvante", "v2")
    data = root / "data"
    maillage(data, "ingest", str(stable), str(v1))
    maillage(data, "index")
    with serving(data) as url:
        yield {"url": url, "data": data, "v1": v1, "v2": v2, "stable": mint("source", "stable.nt"),
               "moving": mint("source", "moving.nt")}


def get(url: str, accept: str = "application/json") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read()


def sparql(site, query: str) -> list[dict]:
    status, body = get(site["url"] + "/sparql?" + urllib.parse.urlencode({"query": query}),
                       "application/sparql-results+json")
    assert status == 200, body[:300]
    return json.loads(body)["results"]["bindings"]


def check_stable_source(site) -> None:
    rows = sparql(site, f"SELECT (COUNT(?s) AS ?n) WHERE {{ GRAPH <{site['stable']}> "
                        "{ ?s a <https://w3id.org/maillage/ontology#Association> } }")
    assert int(rows[0]["n"]["value"]) == STABLE


def check_moving_source(site) -> str:
    # its actors' descriptions (the source's kept report describes its warnings too)
    rows = sparql(site, f"SELECT ?d (COUNT(?s) AS ?n) WHERE {{ GRAPH <{site['moving']}> "
                        "{ ?s <http://purl.org/dc/terms/description> ?d } "
                        "FILTER(STRSTARTS(STR(?s), 'https://w3id.org/maillage/id/actor/')) } GROUP BY ?d")
    versions = {r["d"]["value"]: int(r["n"]["value"]) for r in rows}
    assert len(versions) == 1 and list(versions.values()) == [MOVING], versions
    return next(iter(versions))


def check_search(site) -> None:
    status, body = get(site["url"] + "/api/search?" + urllib.parse.urlencode({"q": WORD, "page_size": 5}))
    assert status == 200, body[:300]
    assert json.loads(body)["total"] == STABLE


def check_pages(site) -> None:
    status, body = get(site["url"] + "/id/actor/conc-stable-7", "text/html")
    assert status == 200 and f"Association {WORD} 7" in body.decode()
    status, body = get(site["url"] + "/id/actor/conc-moving-3", "text/html")
    assert status == 200 and "Association mouvante 3" in body.decode()
    assert get(site["url"] + "/", "text/html")[0] == 200


CHECKS = {"sparql-stable": check_stable_source, "sparql-moving": check_moving_source, "search": check_search,
          "pages": check_pages}


def hammer(site, stop: threading.Event, seen: dict, errors: list) -> None:
    """Run every check in turn until ``stop``; record failures and the versions of the moving source seen."""
    while not stop.is_set():
        for name, check in CHECKS.items():
            try:
                result = check(site)
                seen[name] = seen.get(name, 0) + 1
                if name == "sparql-moving":
                    seen.setdefault("versions", set()).add(result)
            except Exception as exc:  # every failure is collected and reported at the end
                errors.append(f"{name}: {type(exc).__name__}: {exc}"[:500])


def hammer_during(site, *commands: tuple[str, ...]) -> dict:
    """Run the checks from 4 client threads while ``commands`` run one after the other; return what was seen."""
    for check in CHECKS.values():
        check(site)  # the baseline holds before anything moves
    stop, seen, errors = threading.Event(), {}, []
    clients = [threading.Thread(target=hammer, args=(site, stop, seen, errors)) for _ in range(4)]
    for client in clients:
        client.start()
    try:
        for command in commands:
            maillage(site["data"], *command)
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=120)
    assert not errors, f"{len(errors)} wrong answers, first ones: {errors[:5]}"
    return seen


def test_answers_stay_complete_and_correct_during_an_ingest(site):
    seen = hammer_during(site, ("ingest", str(site["v2"])))
    assert seen["versions"] <= {"version v1", "version v2"}
    assert min(seen[name] for name in CHECKS) >= 1, seen


@pytest.mark.slow
def test_answers_stay_complete_and_correct_during_ingests_and_reindexes(site):
    seen = hammer_during(site, ("ingest", str(site["v1"])), ("index",), ("ingest", str(site["v2"])), ("index",),
                         ("ingest", str(site["v1"])), ("index",))
    assert seen["versions"] == {"version v1", "version v2"}, seen
    assert min(seen[name] for name in CHECKS) >= 5, seen
