"""``maillage export --format trig|nquads`` to the standard output spools the dump's body in the temporary directory
(``.maillage-export-PID-*``) while it counts it. An export killed there leaves nothing behind: a SIGTERM or a SIGHUP
removes the spool on the way out, a reader that closes the pipe makes it fail saying that the export is incomplete
(it said it had written the whole dump, exit 0) and remove it, and the next export to the standard output removes
what a SIGKILL left, once its process is gone. Each against a real ``maillage export`` process, its standard output
a pipe that the test does not read: the export waits there, its spool written, until the test ends it (Linux: the
kernel says where a process waits).
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from tests.conftest import MAILLAGE_COMMAND
from webapp.cli import main

SOURCE = "https://w3id.org/maillage/ontology#Source"


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """A store whose dump (about 400 kB) is larger than a pipe holds (64 kB)."""
    folder = tmp_path_factory.mktemp("export-stdout")
    triples = [f'<https://ex.org/a> a <{SOURCE}> ; <http://purl.org/dc/terms/title> "a.ttl" .']
    triples += [f'<https://ex.org/s{i}> <https://ex.org/p> "a value that fills the pipe, number {i}" .'
                for i in range(3000)]
    (folder / "a.ttl").write_text("\n".join(triples) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--data", str(folder / "data"), "ingest", "--no-index",
                                       str(folder / "a.ttl")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "data"


def spools(temporary: Path) -> list[str]:
    return sorted(p.name for p in temporary.iterdir() if p.name.startswith(".maillage-export-"))


def _default_signals() -> None:
    """In the export's process, before it starts: SIGTERM and SIGHUP at their default action."""
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)


def export_waiting(data: Path, temporary: Path) -> tuple[subprocess.Popen, int]:
    """Start ``maillage export`` to a pipe, its temporary directory ``temporary``; return it and the pipe's read end
    once the export waits in a write to the full pipe (the kernel's ``wchan``), its spool complete."""
    read, write = os.pipe()
    # The signals at their default, whatever the tests run under: under `nohup` a SIGHUP is ignored, which the export
    # leaves so (its choice), and the export waited on its pipe for ever.
    process = subprocess.Popen([*MAILLAGE_COMMAND, "--data", str(data), "export"], stdout=write,
                               stderr=subprocess.PIPE, env={**os.environ, "TMPDIR": str(temporary)},
                               preexec_fn=_default_signals)
    os.close(write)
    deadline = time.monotonic() + 60
    # pipe_write, anon_pipe_write (Linux 6.x), pipe_wait_writable (5.x)
    while "pipe_w" not in Path(f"/proc/{process.pid}/wchan").read_text():
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            os.close(read)
            pytest.fail(f"the export never waited on its pipe: {process.communicate()[1]!r}")
        time.sleep(0.05)
    assert len(spools(temporary)) == 1
    return process, read


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_an_export_to_the_standard_output_ended_by_a_signal_removes_its_spool(data, tmp_path, number):
    process, read = export_waiting(data, tmp_path)
    process.send_signal(number)
    process.communicate(timeout=30)
    os.close(read)
    assert process.returncode == -number  # ended by that signal all the same
    assert spools(tmp_path) == []


def test_an_export_to_a_pipe_closed_by_its_reader_fails_and_removes_its_spool(data, tmp_path):
    process, read = export_waiting(data, tmp_path)
    os.close(read)
    said = process.communicate(timeout=30)[1].decode("utf-8")
    assert process.returncode == 1 and "l'export est incomplet" in said and "écrit" not in said, said
    assert spools(tmp_path) == []


def test_the_next_export_to_the_standard_output_removes_the_spool_of_a_killed_one(data, tmp_path):
    process, read = export_waiting(data, tmp_path)
    process.kill()
    process.communicate(timeout=30)
    os.close(read)
    assert len(spools(tmp_path)) == 1  # SIGKILL: nothing of the process runs
    with open(tmp_path / "backup.trig", "wb") as out:
        after = subprocess.run([*MAILLAGE_COMMAND, "--data", str(data), "export"], stdout=out,
                               stderr=subprocess.PIPE, env={**os.environ, "TMPDIR": str(tmp_path)}, timeout=120)
    assert after.returncode == 0, after.stderr
    assert spools(tmp_path) == []
    assert len(list(ox.parse(path=str(tmp_path / "backup.trig"), format=ox.RdfFormat.TRIG))) > 3000


def test_an_export_to_the_standard_output_leaves_the_spool_of_a_running_export(data, tmp_path, monkeypatch):
    """Its process still runs: its spool is still being written, or read."""
    running = subprocess.Popen(["sleep", "60"])
    try:
        (tmp_path / f".maillage-export-{running.pid}-x1y2z3").mkdir()
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
        result = CliRunner().invoke(main, ["--data", str(data), "export"])
        assert result.exit_code == 0, result.output
        assert spools(tmp_path) == [f".maillage-export-{running.pid}-x1y2z3"]
    finally:
        running.kill()
        running.wait()
