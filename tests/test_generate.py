"""The corpus generator of the benchmarks (bench/generate.py): deterministic, and its output ingests cleanly.

Small corpora (200 actors, about 40 files) keep these in ``make test``; the 1 000-actor corpus is ``slow``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from term_labels import unlabelled

from graph.ingest import get_kind
from graph.ingest.base import SourceContext
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from webapp.named_queries import named_queries
from webapp.source_files import expand_paths

ROOT = Path(__file__).resolve().parent.parent
GENERATE = ROOT / "bench" / "generate.py"
MAI = "https://w3id.org/maillage/ontology#"


def generate(out: Path, actors: int = 200, seed: int = 3) -> dict:
    subprocess.run([sys.executable, str(GENERATE), "--actors", str(actors), "--seed", str(seed), "-o", str(out)],
                   check=True, capture_output=True)
    return json.loads((out / ".manifest.json").read_text(encoding="utf-8"))


def digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("corpus") / "c200"
    return out, generate(out)


def test_the_same_seed_gives_the_same_bytes(corpus, tmp_path):
    first, _ = corpus
    generate(tmp_path / "again")
    assert digests(tmp_path / "again") == digests(first)


def test_another_seed_gives_another_corpus(corpus, tmp_path):
    first, _ = corpus
    generate(tmp_path / "other", seed=4)
    assert digests(tmp_path / "other") != digests(first)


def test_the_corpus_holds_every_kind_of_source(corpus):
    root, manifest = corpus
    kinds = {p.parent.name.split("-", 1)[1] if p.parent.parent == root else p.parent.parent.name.split("-", 1)[1]
             for p in expand_paths([root])}
    assert kinds == {"sirene", "rna", "registres", "scdl-deliberations", "scdl-subventions", "deliberations"}
    assert all(n > 0 for n in manifest["files"].values())


def test_every_deliberation_text_reads_back_as_the_grants_it_was_written_with(corpus):
    root, manifest = corpus
    texts = {path: n for path, n in manifest["grants_per_file"].items() if path.startswith("6-deliberations/")}
    assert texts
    for relative, expected in texts.items():
        path = root / relative
        extraction = get_kind("deliberation").extract(SourceContext(path, path.read_bytes()))
        assert (relative, extraction.stats["grants"], extraction.errors) == (relative, expected, [])


@pytest.fixture(scope="module")
def ingested(corpus, tmp_path_factory) -> tuple[Path, list, list]:
    """The corpus ingested once for the module: its data directory (copy it before changing it), the ingest's
    reports and its failures."""
    data = tmp_path_factory.mktemp("ingested") / "data"
    store = open_store({"store": "oxigraph", "data_dir": str(data), "lock_timeout": 5})
    failures = []
    try:
        reports = ingest_paths(store, expand_paths([corpus[0]]),
                               on_report=lambda r, e, p: e and failures.append((p, e)))
    finally:
        store.close()
    return data, reports, failures


def copy_of(ingested, tmp_path: Path) -> Path:
    shutil.copytree(ingested[0], tmp_path / "data")
    return tmp_path / "data"


def test_the_corpus_ingests_without_errors_and_with_every_grant(corpus, ingested):
    _, manifest = corpus
    data, reports, failures = ingested
    assert failures == []
    assert [(r.file, [i.message for i in r.errors]) for r in reports if r.errors] == []
    assert [(r.file, v.format()) for r in reports for v in r.violations if v.severity == "Violation"] == []
    # The corpus's sources agree: each place is typed by the extract that locates its actor (another file naming
    # the actor has it too), and a deliberation's text and its authority's list give one prefecture receipt.
    disagreeing = {"http://schema.org/location", MAI + "receivedByPrefecture"}
    assert [(r.file, v.format()) for r in reports for v in r.violations if v.path in disagreeing] == []
    store = open_store({"store": "oxigraph", "data_dir": str(data), "lock_timeout": 5})
    try:
        by_file = {str(title): int(n) for title, n in store.query(
            f"SELECT ?title (COUNT(DISTINCT ?grant) AS ?n) WHERE {{ GRAPH ?g {{ ?grant a <{MAI}Grant> }} "
            f"?g <http://purl.org/dc/terms/title> ?title }} GROUP BY ?title")}
    finally:
        store.close()
    expected = {Path(path).name: n for path, n in manifest["grants_per_file"].items()}
    assert by_file == expected
    triples = sum(r.triples for r in reports)
    assert 15 * manifest["actors"] <= triples <= 40 * manifest["actors"]


@pytest.mark.slow
def test_the_1k_corpus_ingests_through_the_command_line_without_errors(tmp_path):
    manifest = generate(tmp_path / "c1k", actors=1000, seed=7)
    maillage = Path(sys.executable).with_name("maillage")
    done = subprocess.run([str(maillage), "--data", str(tmp_path / "data"), "ingest", str(tmp_path / "c1k")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert " 0 en échec" in done.stderr
    assert " error: " not in done.stderr
    files = sum(manifest["files"].values())
    assert f"Résumé : {files} fichiers enregistrés" in done.stderr


def test_the_query_benchmark_runs_every_named_query_and_page_aggregate_on_the_corpus(ingested, tmp_path):
    """bench/queries.py (the engine's time, rows and their order for the app's own queries) on the ingested
    corpus."""
    data = copy_of(ingested, tmp_path)
    saved = tmp_path / "rows.json"
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "queries.py"), "--data", str(data), "--runs", "1",
                          "--save", str(saved)], capture_output=True, text=True, check=True)
    rows = json.loads(saved.read_text(encoding="utf-8"))
    assert {name for name in rows if not name.startswith(("funding:", "editor:"))} == set(named_queries())
    assert rows["totaux-par-financeur"]["rows"] and rows["funding:flows"]["rows"], run.stdout
    again = subprocess.run([sys.executable, str(ROOT / "bench" / "queries.py"), "--data", str(data), "--runs", "1",
                            "--compare", str(saved), "totaux-par-financeur"], capture_output=True, text=True, check=True)
    assert "| totaux-par-financeur |" in again.stdout and "| yes | yes |" in again.stdout


def test_every_property_and_class_that_the_sources_write_has_a_french_and_an_english_label(ingested, tmp_path):
    """What the corpus and the demo register store; the deliberation fixtures' own terms are checked on their
    extractions (tests/test_deliberation_fixtures.py)."""
    store = open_store({"store": "oxigraph", "data_dir": str(copy_of(ingested, tmp_path)), "lock_timeout": 5})
    try:
        ingest_paths(store, [f for f in expand_paths([ROOT / "examples"]) if f.suffix in (".yaml", ".txt", ".pdf")])
        terms = {row[0] for row in store.query(
            "SELECT DISTINCT ?t WHERE { GRAPH ?g { { ?s ?t ?o } UNION { ?s a ?t } } "
            "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/maillage/id/')) }")}
    finally:
        store.close()
    assert len(terms) > 60 and unlabelled(terms) == []
