"""The embedded store's older snapshots: each publish keeps the KEEP_SNAPSHOTS latest before the current one and those
a reader holds, however quick the publishes come; ``maillage optimize`` keeps only those held, and says the data
directory's size before and after. Real stores in ``tmp_path``; no clock: publishes follow each other at once."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from graph.oxistore import KEEP_SNAPSHOTS, OxigraphStore
from webapp.cli import main

G = "https://ex.org/g"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _publish(store: OxigraphStore, times: int) -> None:
    for n in range(times):
        with store.writer() as writer:
            writer.replace_graph(G, f'<https://ex.org/s> <https://ex.org/p> "{n}" .\n'.encode(), "ntriples")


def _folders(data: Path) -> list[str]:
    return sorted(p.name for p in (data / "store" / "snapshots").iterdir() if p.is_dir())


def _count(store: OxigraphStore) -> int:
    return int(next(iter(store.query(COUNT)))[0])


def test_publishes_in_a_row_leave_the_current_snapshot_and_the_two_before(tmp_path):
    _publish(OxigraphStore({"data_dir": str(tmp_path)}), 8)
    assert _folders(tmp_path) == ["00000006", "00000007", "00000008"] and KEEP_SNAPSHOTS == 2


def test_writers_in_a_row_leave_two_older_info_logs_of_the_engine(tmp_path):
    _publish(OxigraphStore({"data_dir": str(tmp_path)}), 6)
    logs = sorted(p.name for p in (tmp_path / "store" / "primary").glob("LOG*"))
    assert len(logs) == 3 and logs[0] == "LOG"  # graph.oxistore.KEEP_INFO_LOGS


def test_a_snapshot_a_reader_holds_is_kept_until_it_moves_on(tmp_path):
    writer_side = OxigraphStore({"data_dir": str(tmp_path)})
    _publish(writer_side, 1)
    reader = OxigraphStore({"data_dir": str(tmp_path)})  # opens and holds 00000001
    _publish(writer_side, 5)
    assert _folders(tmp_path) == ["00000001", "00000004", "00000005", "00000006"]
    assert _count(reader) == 1  # moves to 00000006: 00000001 is no longer held
    _publish(writer_side, 1)
    assert _folders(tmp_path) == ["00000005", "00000006", "00000007"]


def test_a_reader_whose_snapshot_went_after_it_read_the_pointer_opens_the_current_one(tmp_path):
    reader = OxigraphStore({"data_dir": str(tmp_path)})  # before any publish: holds none
    _publish(OxigraphStore({"data_dir": str(tmp_path)}), 5)  # 00000001 is gone, the pointer names 00000005
    name, hold, _ = reader._open_snapshot("00000001")  # as if it had read the pointer before the publishes
    hold.close()
    assert name == "00000005"


def test_optimize_removes_the_older_snapshots_but_those_held_and_says_the_directory_size(tmp_path):
    store = OxigraphStore({"data_dir": str(tmp_path)})
    _publish(store, 3)
    reader = OxigraphStore({"data_dir": str(tmp_path)})  # holds 00000003
    result = CliRunner().invoke(main, ["--data", str(tmp_path), "optimize"])
    assert result.exit_code == 0, result.output
    assert _folders(tmp_path) == ["00000003", "00000004"]
    said = result.stderr.splitlines()[-1]
    assert said.startswith("dossier de données : ") and " Mo avant, " in said and " Mo après (base " in said
    assert said.endswith("anciens instantanés : 2 avant, 1 après")
    assert _count(reader) == 1


def test_optimize_says_the_directory_size_in_english(tmp_path):
    _publish(OxigraphStore({"data_dir": str(tmp_path)}), 2)
    result = CliRunner().invoke(main, ["--data", str(tmp_path), "optimize"], env={"MAILLAGE_LANG": "en"})
    assert result.exit_code == 0, result.output
    said = result.stderr.splitlines()[-1]
    assert said.startswith("data directory: ") and said.endswith("older snapshots: 1 before, 0 after")
    assert _folders(tmp_path) == ["00000003"]
