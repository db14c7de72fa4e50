"""A reader that stops reading the output of ``maillage`` (``maillage query … | head -c 10``) ends the command
quietly, exit 0: no traceback, no word on stderr, the store as it was. Click ended it with exit 1 and no word, while
the same command whose output fitted in the pipe ended 0. An export, a backup that a reader left incomplete (a
``gzip`` that died), fails instead, saying so in one line.

Each against a real ``maillage`` process whose standard output is a pipe: the test reads a few bytes, closes its end
and waits. The store holds some 6,000 quads, whose export (about 400 kB) is larger than a pipe holds (64 kB): the
command writes to a pipe that its reader has closed, whatever the timing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import MAILLAGE_COMMAND
from webapp.cli import main

SOURCE = "https://w3id.org/maillage/ontology#Source"


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """A data directory whose store's export and whose query of every triple are larger than a pipe holds."""
    folder = tmp_path_factory.mktemp("closed-pipe")
    triples = [f'<https://ex.org/a> a <{SOURCE}> ; <http://purl.org/dc/terms/title> "a.ttl" .']
    triples += [f'<https://ex.org/s{i}> <https://ex.org/p> "a value that fills the pipe, number {i}" .'
                for i in range(3000)]
    (folder / "a.ttl").write_text("\n".join(triples) + "\n", encoding="utf-8")
    ran = CliRunner().invoke(main, ["--data", str(folder / "data"), "ingest", "--no-index", str(folder / "a.ttl")],
                             catch_exceptions=False)
    assert ran.exit_code == 0, ran.output
    return folder / "data"


def store_files(data: Path) -> dict[str, bytes]:
    """The store's files and their bytes: what a command that only reads leaves as it was."""
    return {str(path.relative_to(data)): path.read_bytes() for path in sorted((data / "store").rglob("*"))
            if path.is_file() and path.name != "LOCK"}


def read_a_little(data: Path, *args: str) -> tuple[int, bytes, str]:
    """Run ``maillage --data DATA ARGS`` with its standard output a pipe, read 10 bytes of it, close the pipe; the
    exit status, the bytes read and what it said on stderr."""
    process = subprocess.Popen([*MAILLAGE_COMMAND, "--data", str(data), *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    first = process.stdout.read(10)
    process.stdout.close()
    said = process.stderr.read().decode("utf-8")
    process.stderr.close()
    return process.wait(timeout=120), first, said


@pytest.mark.parametrize("args", [
    ["query", "SELECT * WHERE { ?s ?p ?o }", "--format", "json"],
    ["query", "SELECT * WHERE { ?s ?p ?o }", "--format", "csv"],
    ["query", "SELECT * WHERE { ?s ?p ?o }"],  # the table
], ids=["query-json", "query-csv", "query-table"])
def test_a_reader_that_stops_reading_ends_the_command_quietly_with_exit_0(data, args):
    before = store_files(data)
    status, first, said = read_a_little(data, *args)
    assert (status, said) == (0, "")
    assert len(first) == 10
    assert store_files(data) == before


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_an_export_that_its_reader_stops_reading_fails_saying_it_is_incomplete(data, fmt):
    before = store_files(data)
    status, first, said = read_a_little(data, "export", "--format", fmt)
    assert (status, said) == (1, "maillage: sortie standard fermée par son lecteur : l'export est incomplet\n")
    assert len(first) == 10
    assert store_files(data) == before


def test_the_output_is_whole_when_its_reader_reads_it_all(data):
    """The same pipe, read to its end: the export is all there, and its summary said."""
    ran = subprocess.run([*MAILLAGE_COMMAND, "--data", str(data), "export", "--format", "nquads"],
                         capture_output=True, timeout=120)
    assert ran.returncode == 0 and ran.stdout.count(b"a value that fills the pipe") == 3000
    assert ran.stderr.decode("utf-8").startswith("export nquads : ")


@pytest.mark.parametrize(("status", "expected"), [(0, 0), (1, 1)])
def test_a_command_whose_reader_stops_reading_keeps_its_verdict(tmp_path, status, expected):
    """``validate``'s exit says whether the graph has violations, whether or not its reader read them all."""
    program = ("import click\n"
               "from webapp.cli_context import quiet_when_unread\n"
               f"with quiet_when_unread({status}):\n"
               "    for number in range(100_000):\n"
               "        click.echo(f'violation number {number}')\n")
    process = subprocess.Popen([sys.executable, "-c", program], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=Path(__file__).resolve().parent.parent)
    process.stdout.read(10)
    process.stdout.close()
    said = process.stderr.read().decode("utf-8")
    process.stderr.close()
    assert (process.wait(timeout=60), said) == (expected, "")


def test_a_broken_pipe_that_is_not_the_standard_outputs_is_raised(tmp_path):
    """A remote store's connection closed under a command is no reader's choice: not taken for one."""
    program = ("from webapp.cli_context import quiet_when_unread\n"
               "with quiet_when_unread():\n"
               "    raise BrokenPipeError(32, 'Broken pipe')\n")
    ran = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parent.parent)
    assert ran.returncode == 1 and "BrokenPipeError" in ran.stderr
