"""Where ``maillage export --format trig|nquads`` writes the dump's body while it counts it (its counts come first):
beside the output, and nothing of it is left there, whether the export succeeds or fails; and the counts it states
are those that a restore finds, whatever store wrote it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.backup import restore_dump
from graph.dump_writing import write_dump
from graph.oxistore import OxigraphStore
from graph.store import open_store
from webapp.cli import main

SOURCE = "https://w3id.org/maillage/ontology#Source"
TURTLE = f'<https://ex.org/a> a <{SOURCE}> ; <http://purl.org/dc/terms/title> "a.ttl" ; <https://ex.org/p> "1" .\n'


def loaded(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.ttl").write_text(TURTLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", "--no-index",
                                       str(tmp_path / "in" / "a.ttl")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return tmp_path / "data"


def test_an_export_to_a_file_counts_its_dump_beside_it_and_leaves_only_the_file(tmp_path, monkeypatch):
    """A temporary directory may be small, or in memory (a tmpfs): the body goes on the disk that is to hold it."""
    data, backups = loaded(tmp_path), tmp_path / "backups"
    backups.mkdir()
    spooled = []
    dump = OxigraphStore.dump

    def spooling(self, out, fmt):
        spooled.append(Path(out.name).parent.parent)
        dump(self, out, fmt)

    monkeypatch.setattr(OxigraphStore, "dump", spooling)
    result = CliRunner().invoke(main, ["--data", str(data), "export", "-o", str(backups / "backup.trig")])
    assert result.exit_code == 0, result.output
    assert spooled == [backups]
    assert [p.name for p in backups.iterdir()] == ["backup.trig"]


def test_an_export_whose_dump_does_not_parse_leaves_the_previous_file_and_nothing_beside_it(tmp_path, monkeypatch):
    data, backups = loaded(tmp_path), tmp_path / "backups"
    backups.mkdir()
    (backups / "backup.trig").write_bytes(b"previous")
    monkeypatch.setattr(OxigraphStore, "dump", lambda self, out, fmt: out.write(b"<https://ex.org/a> { <"))
    result = CliRunner().invoke(main, ["--data", str(data), "export", "-o", str(backups / "backup.trig")])
    assert result.exit_code != 0
    assert [p.name for p in backups.iterdir()] == ["backup.trig"]
    assert (backups / "backup.trig").read_bytes() == b"previous"


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_a_remote_stores_dump_states_the_counts_a_restore_finds(oxigraph_server, fmt):
    """A remote store's dump is read back for its counts: " 5"^^xsd:integer and "5"^^xsd:integer are two triples
    of the server, written and restored as two (through rdflib terms, the dump wrote the first as the second)."""
    store = open_store({"store": "sparql", "query_url": oxigraph_server + "/query",
                        "update_url": oxigraph_server + "/update"})
    store.update("DROP SILENT ALL")
    integer = "<http://www.w3.org/2001/XMLSchema#integer>"
    store.update(f'INSERT DATA {{ GRAPH <https://ex.org/a> {{ <https://ex.org/a> a <{SOURCE}> ; '
                 f'<https://ex.org/p> " 5"^^{integer}, "5"^^{integer} }} }}')
    out = io.BytesIO()
    write_dump(store, out, fmt)
    restored = open_store({"store": "memory"})
    with restored.writer() as writer:
        assert restore_dump(writer, out.getvalue(), fmt).triples == 3
