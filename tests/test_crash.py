"""Crash consistency: SIGKILL the ``maillage ingest`` process at the worst moments, then look at what is left.

What must hold (issue 8): readers see the old or the new version of a source, never half of it; the next run
is not blocked by a lock; the search index agrees with the store, or ``maillage index --check`` says it is stale
and ``maillage index`` repairs it.

Two ways of killing: the fault-injection hook (``MAILLAGE_FAULT``, :func:`graph.store.fault_point`), which dies
at one named point of the write path, and a timing sweep, which kills a large ingest after a given delay
(``@pytest.mark.slow``). Each ingest runs in its own process, as a user runs it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.namespaces import mint
from graph.store import open_store

#: The command a user runs, from this virtual environment.
MAILLAGE = [sys.executable, "-c", "from webapp.cli import run; run()"]

#: Actors in the generated file of the fast tests (a few seconds per ingest) and of the slow sweeps.
SMALL, LARGE = 300, 20_000


def write_actors(path: Path, n: int, tag: str) -> Path:
    """Write ``n`` associations as N-Triples; ``tag`` marks the version in every label and description."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        s = f"<https://w3id.org/maillage/id/actor/crash-{path.stem}-{i}>"
        lines.append(f"{s} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                     f"<https://w3id.org/maillage/ontology#Association> .\n")
        lines.append(f'{s} <http://www.w3.org/2000/01/rdf-schema#label> "Association {tag} {path.stem} {i}" .\n')
        lines.append(f'{s} <http://purl.org/dc/terms/description> "version {tag}" .\n')
    path.write_text("".join(lines))
    return path


def maillage(data: Path, *args: str, fault: str | None = None, timeout: float = 300,
             kill_after: float | None = None, publish_interval: float = 0) -> subprocess.CompletedProcess:
    """Run ``maillage --data DATA ARGS`` in a new process; ``kill_after`` seconds SIGKILLs it (timing sweep).

    Files are published one by one unless ``publish_interval`` says otherwise (the setting gathers them).
    """
    env = {**os.environ, "MAILLAGE_LOCK_TIMEOUT": "5", "MAILLAGE_PUBLISH_INTERVAL": str(publish_interval)}
    env.pop("MAILLAGE_FAULT", None)
    if fault:
        env["MAILLAGE_FAULT"] = fault
    process = subprocess.Popen([*MAILLAGE, "--data", str(data), *args], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        out, err = process.communicate(timeout=kill_after if kill_after is not None else timeout)
    except subprocess.TimeoutExpired:
        if kill_after is None:
            process.kill()
            raise
        process.send_signal(signal.SIGKILL)
        out, err = process.communicate(timeout=30)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


#: Leaves out what the source keeps of its ingests: its report's issues (a replacement's warning since u30's
#: finding 3) and the versions it replaced.
_NOT_REPORT = ("FILTER NOT EXISTS { ?s a ?run VALUES ?run { <https://w3id.org/maillage/ontology#IngestIssue> "
               "<https://w3id.org/maillage/ontology#SourceVersion> } }")


def version_of(data: Path, file: Path, n: int) -> str:
    """Say which version of ``file``'s source readers see: ``absent``, ``v1``, ``v2``, or ``half: …``.

    A complete version has its source description (sha256 of that version's bytes), all ``n`` actors with that
    version's description, and the pipeline's materialised types and provenance on each.
    """
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    graph = mint("source", file.name)
    try:
        def count(pattern: str) -> int:
            rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} }} }}", {"g": graph})
            return int(next(iter(rows))[0])

        total = count("?s ?p ?o")
        if total == 0:
            return "absent"
        shas = [str(r[0]) for r in store.query(
            "SELECT ?sha WHERE { GRAPH ?g { ?g <https://w3id.org/maillage/ontology#sha256> ?sha } }", {"g": graph})]
        descriptions = {str(r[0]): int(r[1]) for r in store.query(
            "SELECT ?d (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s <http://purl.org/dc/terms/description> ?d "
            f"{_NOT_REPORT} }} FILTER(?s != ?g) }} GROUP BY ?d", {"g": graph})}
        derived = count(f"?s <http://www.w3.org/ns/prov#wasDerivedFrom> ?g {_NOT_REPORT}")
        actors = count("?s a <https://w3id.org/maillage/ontology#Actor>")
    finally:
        store.close()
    for tag in ("v1", "v2"):
        sha = hashlib.sha256(version_bytes(file, tag)).hexdigest()
        if shas == [sha] and descriptions == {f"version {tag}": n} and derived == n and actors == n:
            return tag
    return f"half: sha={shas} descriptions={descriptions} derived={derived} actors={actors} triples={total}"


_VERSIONS: dict[tuple[str, str], bytes] = {}


def version_bytes(file: Path, tag: str) -> bytes:
    return _VERSIONS[(file.name, tag)]


def make_versions(folder: Path, names: list[str], n: int) -> tuple[list[Path], list[Path]]:
    """Write v1 and v2 of each named file (same names, so v2 replaces v1's graph); return both lists."""
    v1 = [write_actors(folder / "v1" / name, n, "v1") for name in names]
    v2 = [write_actors(folder / "v2" / name, n, "v2") for name in names]
    for a, b in zip(v1, v2):
        _VERSIONS[(a.name, "v1")], _VERSIONS[(b.name, "v2")] = a.read_bytes(), b.read_bytes()
    return v1, v2


def assert_index_agrees_or_is_repaired(data: Path) -> None:
    """``index --check`` passes, or says the index is stale and how to fix it; ``maillage index`` fixes it."""
    check = maillage(data, "index", "--check")
    if check.returncode != 0:
        assert check.returncode == 1, check.stderr
        assert "maillage index" in check.stdout, check.stdout
        rebuild = maillage(data, "index")
        assert rebuild.returncode == 0, rebuild.stderr
        check = maillage(data, "index", "--check")
    assert check.returncode == 0, check.stdout + check.stderr


def assert_no_lock_blocks(data: Path, other: Path) -> None:
    """The next writer gets the lock (its lock timeout is 5 s: a lock left behind would fail it) and publishes."""
    result = maillage(data, "ingest", str(other))
    assert result.returncode == 0, result.stderr
    assert "en cours d'écriture" not in result.stderr and "being written" not in result.stderr


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A data directory holding v1 of ``big.nt`` (ingested and indexed once, copied by each test)."""
    folder = tmp_path_factory.mktemp("crash")
    (v1,), (v2,) = make_versions(folder, ["big.nt"], SMALL)
    other = write_actors(folder / "other" / "other.nt", 5, "v1")
    data = folder / "template"
    result = maillage(data, "ingest", str(v1))
    assert result.returncode == 0, result.stderr
    return {"data": data, "v1": v1, "v2": v2, "other": other}


def fresh_copy(template, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(template["data"], data)
    return data


# --- the fault-injection points --------------------------------------------------------------------------------

#: Where the write path dies, and the version readers must then see.
POINTS = [
    ("mid-replace", "v1"),     # old graph removed from the primary, new one half loaded
    ("after-replace", "v1"),   # new triples in, no source description, no materialised types yet
    ("after-validate", "v1"),  # complete in the primary, not yet published
    ("before-pointer", "v1"),  # snapshot written, pointer not moved
    ("after-publish", "v2"),   # published, search index not yet updated
]


@pytest.mark.parametrize("point, expected", POINTS)
def test_an_ingest_killed_at_a_fault_point_leaves_the_old_or_the_new_version(template, tmp_path, point, expected):
    data = fresh_copy(template, tmp_path)
    killed = maillage(data, "ingest", str(template["v2"]), fault=point)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert version_of(data, template["v2"], SMALL) == expected
    # The next run — another file — must neither wait for a lock nor publish what the killed one left half done.
    assert_no_lock_blocks(data, template["other"])
    assert version_of(data, template["v2"], SMALL) == expected


def test_after_a_kill_running_the_same_ingest_again_stores_the_new_version(template, tmp_path):
    data = fresh_copy(template, tmp_path)
    assert maillage(data, "ingest", str(template["v2"]), fault="after-replace").returncode == -signal.SIGKILL
    again = maillage(data, "ingest", str(template["v2"]))
    assert again.returncode == 0, again.stderr
    assert version_of(data, template["v2"], SMALL) == "v2"


def test_an_index_left_behind_by_a_kill_is_reported_stale_and_repaired(template, tmp_path):
    data = fresh_copy(template, tmp_path)
    assert maillage(data, "ingest", str(template["v2"]), fault="after-publish").returncode == -signal.SIGKILL
    check = maillage(data, "index", "--check")
    assert check.returncode == 1 and "maillage index" in check.stdout
    assert_index_agrees_or_is_repaired(data)


def test_an_index_left_behind_by_a_kill_is_said_by_search_and_caught_up_by_the_same_ingest_again(template, tmp_path):
    """The files unchanged, the ingest run again published nothing and left the index behind for good."""
    data = fresh_copy(template, tmp_path)
    assert maillage(data, "ingest", str(template["v2"]), fault="after-publish").returncode == -signal.SIGKILL
    assert "l'index de recherche est en retard sur la base" in maillage(data, "search", "Association").stderr
    again = maillage(data, "ingest", str(template["v2"]))
    assert again.returncode == 0 and "inchangé" in again.stderr, again.stderr
    assert maillage(data, "index", "--check").returncode == 0


def three_files_stored_at_v1(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A data directory holding three 50-actor files at v1; return it and the files' v2."""
    v1, v2 = make_versions(tmp_path / "files", ["one.nt", "two.nt", "three.nt"], 50)
    data = tmp_path / "data"
    assert maillage(data, "ingest", *map(str, v1)).returncode == 0
    return data, v2


def test_a_multi_file_ingest_killed_after_the_second_file_keeps_the_first_two_and_the_old_third(tmp_path):
    data, v2 = three_files_stored_at_v1(tmp_path)
    killed = maillage(data, "ingest", *map(str, v2), fault="after-publish@2")
    assert killed.returncode == -signal.SIGKILL
    assert [version_of(data, f, 50) for f in v2] == ["v2", "v2", "v1"]
    assert_index_agrees_or_is_repaired(data)


def test_files_gathered_into_one_publish_are_all_old_until_it_and_all_new_after(tmp_path):
    data, v2 = three_files_stored_at_v1(tmp_path)
    before = maillage(data, "ingest", *map(str, v2), fault="after-validate@3", publish_interval=3600)
    assert before.returncode == -signal.SIGKILL
    assert [version_of(data, f, 50) for f in v2] == ["v1", "v1", "v1"]
    after = maillage(data, "ingest", *map(str, v2), fault="after-publish", publish_interval=3600)
    assert after.returncode == -signal.SIGKILL
    assert [version_of(data, f, 50) for f in v2] == ["v2", "v2", "v2"]
    assert_index_agrees_or_is_repaired(data)


def test_files_journaled_together_are_all_old_after_a_kill_whether_done_half_done_or_not_reached(tmp_path):
    data, v2 = three_files_stored_at_v1(tmp_path)
    killed = maillage(data, "ingest", *map(str, v2), fault="mid-replace@2", publish_interval=3600)
    assert killed.returncode == -signal.SIGKILL
    journal = json.loads((data / "store" / "journal.json").read_text())
    assert journal == {"graphs": sorted(str(mint("source", f.name)) for f in v2)}  # the third one not yet reached
    assert_no_lock_blocks(data, write_actors(tmp_path / "other" / "other.nt", 5, "v1"))
    assert [version_of(data, f, 50) for f in v2] == ["v1", "v1", "v1"]


# --- timing sweeps over a large ingest ----------------------------------------------------------------------------

#: Fractions of an unharmed ingest's duration at which the sweep kills (start-up, load, describe, validate,
#: publish, index update all fall between them).
SWEEP = (0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95)


@pytest.mark.slow
def test_a_large_ingest_killed_at_any_moment_leaves_the_old_or_the_new_version(tmp_path):
    (v1,), (v2,) = make_versions(tmp_path / "files", ["large.nt"], LARGE)
    base = tmp_path / "base"
    assert maillage(base, "ingest", str(v1)).returncode == 0
    probe = tmp_path / "probe"
    shutil.copytree(base, probe)
    started = time.monotonic()
    assert maillage(probe, "ingest", str(v2)).returncode == 0
    duration = time.monotonic() - started
    seen = set()
    for fraction in SWEEP:
        data = tmp_path / f"kill-{fraction}"
        shutil.copytree(base, data)
        result = maillage(data, "ingest", str(v2), kill_after=duration * fraction)
        state = version_of(data, v2, LARGE)
        assert state in ("v1", "v2"), f"killed at {fraction:.0%} ({result.returncode}): {state}"
        seen.add(state)
        other = write_actors(tmp_path / "other" / f"other-{fraction}.nt", 3, "v1")
        _VERSIONS[(other.name, "v1")] = other.read_bytes()
        assert_no_lock_blocks(data, other)
        assert version_of(data, v2, LARGE) == state
        assert_index_agrees_or_is_repaired(data)
        shutil.rmtree(data)
    assert seen == {"v1", "v2"}, "the sweep should kill both before and after the publish"


@pytest.mark.slow
def test_a_multi_file_ingest_killed_at_any_moment_leaves_each_file_old_or_new(tmp_path):
    names = [f"part-{i}.nt" for i in range(6)]
    v1, v2 = make_versions(tmp_path / "files", names, 2_000)
    base = tmp_path / "base"
    assert maillage(base, "ingest", *map(str, v1)).returncode == 0
    probe = tmp_path / "probe"
    shutil.copytree(base, probe)
    started = time.monotonic()
    assert maillage(probe, "ingest", *map(str, v2)).returncode == 0
    duration = time.monotonic() - started
    for fraction in SWEEP:
        data = tmp_path / f"kill-{fraction}"
        shutil.copytree(base, data)
        maillage(data, "ingest", *map(str, v2), kill_after=duration * fraction)
        states = [version_of(data, f, 2_000) for f in v2]
        assert set(states) <= {"v1", "v2"}, f"killed at {fraction:.0%}: {states}"
        # Files are ingested in order: once one is old, every later one is old too.
        assert states == sorted(states, key=lambda s: s != "v2"), states
        rerun = maillage(data, "ingest", *map(str, v2))
        assert rerun.returncode == 0, rerun.stderr
        assert [version_of(data, f, 2_000) for f in v2] == ["v2"] * len(v2)
        assert_index_agrees_or_is_repaired(data)
        shutil.rmtree(data)


# --- the journal, in process: a writer that stops before publishing leaves nothing behind ---------------------------

G1, G2 = "https://ex.org/g1", "https://ex.org/g2"
DATA = b'<https://ex.org/a> <https://ex.org/p> "1" .\n<https://ex.org/b> <https://ex.org/p> "2" .\n'


class Killed(Exception):
    """Stands for the SIGKILL: the writer stops where it is, without publishing."""


def stopped_writer(store, work) -> None:
    with pytest.raises(Killed):
        with store.writer() as writer:
            work(writer)
            raise Killed


@pytest.mark.parametrize("work", [
    lambda w: w.replace_graph(G1, b'<https://ex.org/c> <https://ex.org/p> "3" .', "ntriples"),
    lambda w: w.drop_graph(G1),
    lambda w: w.update(f"DELETE WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} ; "
                       f"INSERT DATA {{ GRAPH <{G2}> {{ <https://ex.org/x> <https://ex.org/p> 1 }} }}"),
    lambda w: (w.replace_graph(G2, DATA, "ntriples"), w.drop_graph(G1)),
], ids=["replace", "drop", "sparql-update", "two-graphs"])
def test_whatever_an_unpublished_writer_did_is_undone_by_the_next_writer(tmp_path, work):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data"), "lock_timeout": 5})
    with store.writer() as writer:
        writer.replace_graph(G1, DATA, "ntriples")
    stopped_writer(store, work)
    assert (tmp_path / "data" / "store" / "journal.json").exists()
    with store.writer() as writer:
        assert (writer.graph_size(G1), writer.graph_size(G2)) == (2, 0)
    assert not (tmp_path / "data" / "store" / "journal.json").exists()
    assert sorted(map(str, store.named_graphs())) == [G1]


def test_a_committed_file_survives_a_stop_before_the_next_commit(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data"), "lock_timeout": 5})

    def two_files(writer):
        writer.replace_graph(G1, DATA, "ntriples")
        writer.commit()
        writer.replace_graph(G2, DATA, "ntriples")

    stopped_writer(store, two_files)
    with store.writer() as writer:
        assert (writer.graph_size(G1), writer.graph_size(G2)) == (2, 0)


# --- children of a killed writer release its locks -----------------------------------------------------------------

#: A writer that forks a long-lived child while it holds the write lock (as whoosh's index writers do), then waits.
FORKING_WRITER = r"""
import os, sys, time
from graph.store import open_store
store = open_store({"store": "oxigraph", "data_dir": sys.argv[1]})
with store.writer() as writer:
    if os.fork() == 0:
        time.sleep(600)  # an index-writer process waiting on its job queue
        os._exit(0)
    print("locked", flush=True)
    time.sleep(600)
"""


def test_a_killed_writers_forked_children_do_not_keep_the_lock(tmp_path):
    data = tmp_path / "data"
    writer = subprocess.Popen([sys.executable, "-c", FORKING_WRITER, str(data)], stdout=subprocess.PIPE, text=True,
                              start_new_session=True)  # its child, alive after it, is ended with its group at the end
    try:
        assert writer.stdout.readline().strip() == "locked"
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
        # A lock kept by the killed writer's children would make this writer give up with a StoreError.
        store = open_store({"store": "oxigraph", "data_dir": str(data), "lock_timeout": 5})
        with store.writer() as next_writer:
            next_writer.replace_graph(G1, DATA, "ntriples")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(writer.pid, signal.SIGKILL)
        writer.wait(timeout=10)
        writer.stdout.close()


def test_an_insert_into_one_graph_journals_that_graph_only_and_is_undone(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data"), "lock_timeout": 5})
    with store.writer() as writer:
        writer.replace_graph(G1, DATA, "ntriples")
        writer.replace_graph(G2, DATA, "ntriples")
    journal = tmp_path / "data" / "store" / "journal.json"

    def materialise(writer):  # the shape of the pipeline's materialisation updates
        writer.update(f"INSERT {{ GRAPH <{G1}> {{ ?s a <https://ex.org/T> }} }} WHERE {{ GRAPH <{G1}> {{ ?s ?p ?o }} }}")
        assert json.loads(journal.read_text()) == {"graphs": [G1]}

    stopped_writer(store, materialise)
    with store.writer() as writer:
        assert (writer.graph_size(G1), writer.graph_size(G2)) == (2, 2)
