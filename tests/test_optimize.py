"""``maillage optimize``: the embedded store compacted after a large import, its content unchanged, published as a
new snapshot that readers open at their next request; a store with no files of its own says there is nothing to do."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from graph.oxistore import OxigraphStore
from webapp.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _cli(data: Path, *args: str, env: dict | None = None):
    return CliRunner().invoke(main, ["--data", str(data), *args], env=env)


def _quads(data: Path) -> list[str]:
    result = _cli(data, "export", "--format", "nquads")
    assert result.exit_code == 0, result.output
    return sorted(line for line in result.stdout.splitlines() if line.strip())


def test_optimize_keeps_every_quad_and_publishes_the_compacted_store(demo_data):
    before, pointer = _quads(demo_data), (demo_data / "store" / "current").read_text().strip()
    result = _cli(demo_data, "optimize")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("base compactée en ") and " Mo avant, " in result.stderr
    assert "les lecteurs l'ouvrent à leur prochaine requête" in result.stderr
    assert int((demo_data / "store" / "current").read_text()) == int(pointer) + 1
    assert _quads(demo_data) == before
    assert not (demo_data / "store" / "journal.json").exists()


def test_a_reader_open_before_reads_the_same_graph_after(demo_data):
    reader = OxigraphStore({"data_dir": str(demo_data)})
    count = int(next(iter(reader.query(COUNT)))[0])
    assert _cli(demo_data, "optimize").exit_code == 0
    assert reader.refresh()  # the pointer moved: the reader opens the compacted snapshot
    assert int(next(iter(reader.query(COUNT)))[0]) == count > 0


def test_the_message_in_english(demo_data):
    result = _cli(demo_data, "optimize", env={"MAILLAGE_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("store compacted in ") and " MB before, " in result.stderr


def test_no_store_there_is_said_and_nothing_is_created(tmp_path):
    result = _cli(tmp_path / "nowhere", "optimize")
    assert result.exit_code == 1
    assert "aucune base dans" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_a_store_without_files_of_its_own_has_nothing_to_compact(tmp_path):
    result = _cli(tmp_path, "optimize", env={"MAILLAGE_STORE": "memory"})
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("rien à compacter : seule la base embarquée a des fichiers à elle")
