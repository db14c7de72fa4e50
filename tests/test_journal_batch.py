"""The embedded store's journal written for many graphs at once: ``Writer.expect``.

A writer told of the graphs it is about to change journals them in one write (one fsync) rather than one per
graph; a recovery must still leave every graph as published, those expected and never changed included.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import graph.oxistore

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