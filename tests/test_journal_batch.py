"""The embedded store's journal written for many graphs at once: ``Writer.expect`` and the ingest's batches.

A writer told of the graphs it is about to change journals them in one write (one fsync) rather than one per
graph, and an ingest tells it the graphs of its next files; a recovery must still leave every graph as published,
those expected and never changed included. The SIGKILL variant is in tests/test_crash.py.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import graph.oxistore
from graph.ingest import pipeline
from graph.ingest.base import source_iri
from graph.ingest.pipeline import ingest_paths
from graph.oxiwriter import OxigraphWriter

G1, G2, G3, G4, G5 = (f"https://ex.org/g{i}" for i in range(1, 6))
DATA = b'<https://ex.org/a> <https://ex.org/p> "1" .\n<https://ex.org/b> <https://ex.org/p> "2" .\n'
OTHER = b'<https://ex.org/c> <https://ex.org/p> "3" .\n'


class Killed(Exception):
    """Stands for the SIGKILL: the writer stops where it is, without publishing."""


def journal_writes(monkeypatch) -> list[list[str]]:
    """Record the graphs of each write of the journal from now on."""
    writes: list[list[str]] = []
    original = graph.oxistore._write_json_atomic

    def recording(path: Path, data: dict) -> None:
        if path.name == "journal.json":
            writes.append(data["graphs"])
        original(path, data)

    monkeypatch.setattr(graph.oxistore, "_write_json_atomic", recording)
    return writes


def everything(writer) -> set[tuple[str, ...]]:
    """Every quad the writer sees, as strings."""
    rows = writer.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {tuple(map(str, row)) for row in rows}


def test_a_writer_that_only_expects_graphs_publishes_nothing_and_leaves_no_journal(oxi_store, tmp_path):
    root = tmp_path / "data" / "store"
    with oxi_store.writer() as writer:
        writer.replace_graph(G1, DATA, "ntriples")
    snapshots = sorted(p.name for p in (root / "snapshots").iterdir())
    with oxi_store.writer() as writer:
        writer.expect([G1, G2])
        assert json.loads((root / "journal.json").read_text()) == {"graphs": [G1, G2]}
    assert sorted(p.name for p in (root / "snapshots").iterdir()) == snapshots
    assert not (root / "journal.json").exists()


def test_expecting_graphs_already_journaled_writes_nothing(oxi_store, monkeypatch):
    writes = journal_writes(monkeypatch)
    with oxi_store.writer() as writer:
        writer.replace_graph(G1, DATA, "ntriples")
        writer.expect([G1, G2])
        writer.expect([G2])
        writer.replace_graph(G2, DATA, "ntriples")
    assert writes == [[G1], [G1, G2]]


def test_a_stopped_writer_leaves_every_graph_as_published_whether_expected_or_changed(oxi_store, tmp_path):
    with oxi_store.writer() as writer:
        for name in (G1, G2, G3, G4):
            writer.replace_graph(name, DATA, "ntriples")
        published = everything(writer)
    with pytest.raises(Killed):
        with oxi_store.writer() as writer:
            writer.expect([G1, G2, G5])  # G2: expected, never changed; G5: expected, absent, never created
            writer.replace_graph(G1, OTHER, "ntriples")  # expected and changed
            writer.drop_graph(G3)  # changed without being expected
            raise Killed  # G4: neither expected nor changed
    journal = json.loads((tmp_path / "data" / "store" / "journal.json").read_text())
    assert journal == {"graphs": [G1, G2, G3, G5]}
    with oxi_store.writer() as writer:
        assert everything(writer) == published
    assert not (tmp_path / "data" / "store" / "journal.json").exists()


# --- the ingest: one write of the journal per EXPECT_BATCH files ---------------------------------------------------

def write_files(folder: Path, count: int, stem: str = "file") -> list[Path]:
    """Write ``count`` N-Triples files of one actor each, named ``{stem}-{i}.nt``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{stem}-{i}.nt"
        path.write_text(f'<https://ex.org/actor/{i}> <http://www.w3.org/2000/01/rdf-schema#label> "Actor {i}" .\n')
        paths.append(path)
    return paths


def test_an_ingest_of_many_files_writes_the_journal_once_per_batch(oxi_store, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "EXPECT_BATCH", 4)
    ingest_paths(oxi_store, write_files(tmp_path, 1, "first"), lookahead=False)  # loads the vocabularies
    writes = journal_writes(monkeypatch)
    paths = write_files(tmp_path / "files", 10)
    reports = ingest_paths(oxi_store, paths, publish_interval=3600, lookahead=False)
    assert [r.status for r in reports] == ["stored"] * 10
    sources = [str(source_iri(p)) for p in paths]
    assert writes == [sorted(sources[:4]), sorted(sources[:8]), sorted(sources)]


def test_after_each_publish_the_next_file_is_journaled_again(oxi_store, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "EXPECT_BATCH", 4)
    ingest_paths(oxi_store, write_files(tmp_path, 1, "first"), lookahead=False)
    writes = journal_writes(monkeypatch)
    paths = write_files(tmp_path / "files", 6)

    class Clock:  # the publish interval passes while the second file is ingested, and only then
        now = 0.0
        monotonic = lambda self: self.now
        perf_counter = staticmethod(time.perf_counter)

    clock, original = Clock(), pipeline.ingest_file

    def ingest_file(*args, **kwargs):
        report = original(*args, **kwargs)
        clock.now += 3600 if report.file == paths[1].name else 0
        return report

    monkeypatch.setattr(pipeline, "time", clock)
    monkeypatch.setattr(pipeline, "ingest_file", ingest_file)
    ingest_paths(oxi_store, paths, publish_interval=3600, lookahead=False)
    sources = [str(source_iri(p)) for p in paths]
    assert writes == [sorted(sources[:4]), sorted(sources[2:])]


def test_a_publish_after_each_file_journals_each_file_alone(oxi_store, tmp_path, monkeypatch):
    ingest_paths(oxi_store, write_files(tmp_path, 1, "first"), lookahead=False)
    writes = journal_writes(monkeypatch)
    paths = write_files(tmp_path / "files", 3)
    ingest_paths(oxi_store, paths, publish_interval=0, lookahead=False)
    assert writes == [[str(source_iri(p))] for p in paths]  # nothing gathered: no graph restored for nothing


@pytest.mark.parametrize("publish_interval", [0, 3600])
def test_every_graph_an_ingest_changes_is_in_the_journal_on_disk_before_its_change(oxi_store, tmp_path,
                                                                                     monkeypatch, publish_interval):
    monkeypatch.setattr(pipeline, "EXPECT_BATCH", 4)
    journal = tmp_path / "data" / "store" / "journal.json"
    missing: list[str] = []
    original = OxigraphWriter._touch

    def checking(self, name: str) -> None:
        original(self, name)
        if name not in json.loads(journal.read_text())["graphs"]:
            missing.append(name)

    monkeypatch.setattr(OxigraphWriter, "_touch", checking)
    ingest_paths(oxi_store, write_files(tmp_path / "files", 6), publish_interval=publish_interval, lookahead=False)
    assert missing == []


def test_a_stopped_ingest_leaves_the_files_it_reached_and_those_it_did_not_as_published(oxi_store, tmp_path,
                                                                                          monkeypatch):
    monkeypatch.setattr(pipeline, "EXPECT_BATCH", 4)
    paths = write_files(tmp_path / "files", 5)
    ingest_paths(oxi_store, paths, lookahead=False)
    with oxi_store.writer() as writer:
        published = everything(writer)
    for path in paths:
        path.write_text(path.read_text().replace("Actor", "Renamed actor"))
    reached = 0
    original = pipeline.ingest_file

    def stopping(*args, **kwargs):
        nonlocal reached
        reached += 1
        report = original(*args, **kwargs)
        if reached == 2:
            raise Killed
        return report

    monkeypatch.setattr(pipeline, "ingest_file", stopping)
    with pytest.raises(Killed):
        ingest_paths(oxi_store, paths, publish_interval=3600, lookahead=False)
    journal = json.loads((tmp_path / "data" / "store" / "journal.json").read_text())
    assert journal == {"graphs": sorted(str(source_iri(p)) for p in paths[:4])}
    with oxi_store.writer() as writer:
        assert everything(writer) == published
