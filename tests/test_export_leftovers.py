"""What a killed ``maillage export -o FILE`` leaves beside its output — the hidden partial file
(``.NAME.PID.partiel``) and the dump's spool directory (``.maillage-export-PID-*``) — is removed by the next export to
that directory once its process is gone, and left alone while it runs (its files are still being written).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from webapp.cli import main

TURTLE = ('<https://ex.org/a> a <https://w3id.org/maillage/ontology#Source> ; '
          '<http://purl.org/dc/terms/title> "a.ttl" .\n')


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "a.ttl").write_text(TURTLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", "--no-index",
                                       str(tmp_path / "a.ttl")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return tmp_path / "data"


@pytest.fixture
def gone_pid() -> int:
    """The id of a process that has ended (and been reaped): no process holds it now."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def live_pid():
    """The id of a process that runs while the test does."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield child.pid
    child.kill()
    child.wait()


def leftovers(directory: Path, pid: int) -> list[Path]:
    """The files a process ``pid`` killed while exporting to ``directory`` leaves there."""
    partial = directory / f".backup.trig.{pid}.partiel"
    partial.write_bytes(b"half a dump")
    spool = directory / f".maillage-export-{pid}-x1y2z3"
    spool.mkdir()
    (spool / "dump.trig").write_bytes(b"half a dump")
    return [partial, spool]


@pytest.mark.parametrize("fmt, name", [("trig", "backup.trig"), ("nquads", "backup.nq"), ("scdl", "grants.csv")])
def test_an_export_removes_the_leftovers_of_a_killed_export_to_its_directory(data, tmp_path, gone_pid, fmt, name):
    backups = tmp_path / "backups"
    backups.mkdir()
    leftovers(backups, gone_pid)
    result = CliRunner().invoke(main, ["--data", str(data), "export", "--format", fmt, "-o", str(backups / name)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in backups.iterdir()) == [name]


def test_an_export_leaves_alone_the_files_of_an_export_that_still_runs(data, tmp_path, live_pid, gone_pid):
    backups = tmp_path / "backups"
    backups.mkdir()
    running, stale = leftovers(backups, live_pid), leftovers(backups, gone_pid)
    result = CliRunner().invoke(main, ["--data", str(data), "export", "-o", str(backups / "backup.trig")])
    assert result.exit_code == 0, result.output
    assert all(p.exists() for p in running) and not any(p.exists() for p in stale)
    assert (running[1] / "dump.trig").read_bytes() == b"half a dump"


def test_an_export_leaves_alone_the_files_that_only_look_like_leftovers(data, tmp_path):
    """A name that does not end in a process id, a user's own hidden file: not an export's."""
    backups = tmp_path / "backups"
    backups.mkdir()
    kept = [backups / ".backup.trig.partiel", backups / ".notes.12a.partiel", backups / ".maillage-export-x"]
    for path in kept:
        path.write_bytes(b"mine")
    result = CliRunner().invoke(main, ["--data", str(data), "export", "-o", str(backups / "backup.trig")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in backups.iterdir()) == sorted([p.name for p in kept] + ["backup.trig"])


def test_the_spool_directory_of_a_dump_names_its_process(data, tmp_path, monkeypatch):
    """So that the next export can tell whether its process is gone."""
    from graph.oxistore import OxigraphStore

    spooled = []
    dump = OxigraphStore.dump

    def spooling(self, out, fmt):
        spooled.append(Path(out.name).parent.name)
        dump(self, out, fmt)

    monkeypatch.setattr(OxigraphStore, "dump", spooling)
    result = CliRunner().invoke(main, ["--data", str(data), "export", "-o", str(tmp_path / "backup.trig")])
    assert result.exit_code == 0, result.output
    assert [name.startswith(f".maillage-export-{os.getpid()}-") for name in spooled] == [True]
