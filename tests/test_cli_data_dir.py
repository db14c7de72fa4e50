"""The data directory as the command line checks it: one that this user may not open is said to have to be readable
by the commands that only read it (it was said to have to be writable, which they never need), and writable by the
others; an empty ``--data`` or ``MAILLAGE_DATA`` is refused by the type of every path of the command line.

Permission bits do not stop root, who runs the tests here: a command is then run without the capabilities that let
root pass them (``setpriv``, util-linux), as another user would be; the tests are skipped where that cannot be done.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.conftest import MAILLAGE_COMMAND, free_port
from webapp.cli import main
from webapp.cli_context import PathGiven

#: What lets root read and list any file and directory whatever its permission bits.
_BYPASSING = "-dac_override,-dac_read_search"


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """A data directory holding a store and a search index of one source."""
    folder = tmp_path_factory.mktemp("data-dir")
    (folder / "a.ttl").write_text('<https://example.org/a> <http://schema.org/name> "A" .\n', encoding="utf-8")
    ran = CliRunner().invoke(main, ["--data", str(folder / "data"), "ingest", str(folder / "a.ttl")],
                             catch_exceptions=False)
    assert ran.exit_code == 0, ran.output
    return folder / "data"


def as_another_user() -> list[str]:
    """The prefix that runs a command bound by permission bits: none for a user other than root; for root,
    ``setpriv`` without the capabilities that pass them (the test is skipped without it)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root passes permission bits, and setpriv is not installed to run a command without that power")
    return ["setpriv", f"--bounding-set={_BYPASSING}"]


@pytest.fixture
def unreadable(data):
    """The data directory, that no one may list or enter (``chmod 000``) while the test runs."""
    data.chmod(0o000)
    try:
        if subprocess.run([*as_another_user(), "ls", str(data)], capture_output=True).returncode == 0:
            pytest.skip("permission bits do not stop this user here")
        yield data
    finally:
        data.chmod(0o755)


def run_in(data: Path, *args: str, lang: str = "fr") -> subprocess.CompletedProcess:
    return subprocess.run([*as_another_user(), *MAILLAGE_COMMAND, "--data", str(data), *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "MAILLAGE_LANG": lang})


@pytest.mark.parametrize("args", [["query", "ASK {}"], ["export"], ["validate"], ["search", "a"], ["serve"]],
                         ids=lambda args: args[0])
def test_a_command_that_only_reads_says_the_data_directory_must_be_readable(unreadable, args):
    if args == ["serve"]:
        args = ["serve", "--port", str(free_port())]
    ran = run_in(unreadable, *args)
    assert ran.returncode == 1
    assert ran.stderr.startswith(f"maillage: {unreadable}/") and ran.stderr.count("\n") == 1, ran.stderr
    assert ran.stderr.endswith(" : permission refusée ; le dossier de données doit être lisible par qui lance cette "
                               "commande\n"), ran.stderr


def test_a_command_that_only_reads_says_it_in_english_when_the_language_setting_asks_for_it(unreadable):
    ran = run_in(unreadable, "query", "ASK {}", lang="en")
    assert (ran.returncode, ran.stderr) == (1, f"maillage: {unreadable}/store: permission denied; the data directory "
                                               "must be readable by whoever runs this command\n")


@pytest.mark.parametrize("args", [["remove", "a.ttl"], ["index"], ["optimize"]], ids=lambda args: args[0])
def test_a_command_that_writes_says_the_data_directory_must_be_writable(unreadable, args):
    ran = run_in(unreadable, *args)
    assert ran.returncode == 1
    assert ran.stderr == (f"maillage: {unreadable}/store : permission refusée ; le dossier de données doit être "
                          "modifiable par qui lance cette commande\n")


def test_an_empty_data_option_says_it_may_be_an_unset_shell_variable(tmp_path):
    """``maillage --data "$DIR"`` with DIR unset: as every empty path of the command line is told."""
    ran = CliRunner().invoke(main, ["--data", "", "query", "ASK {}"], env={"MAILLAGE_LANG": "en"})
    assert ran.exit_code == 2
    assert "Invalid value for --data / MAILLAGE_DATA: empty path (an unset shell variable?)" in ran.stderr


def test_a_blank_data_variable_is_refused_naming_it(tmp_path):
    """A variable of spaces reaches click, which reads an empty one as unset (its setting refuses it then)."""
    ran = CliRunner().invoke(main, ["query", "ASK {}"], env={"MAILLAGE_DATA": "  "})
    assert ran.exit_code == 2
    assert "valeur invalide pour --data / MAILLAGE_DATA : chemin vide" in ran.stderr


def test_an_empty_path_of_an_option_that_a_variable_also_gives_is_refused_naming_both(monkeypatch):
    @click.command()
    @click.option("--folder", envvar="SOME_FOLDER", type=PathGiven())
    def command(folder):
        """Take a folder."""

    monkeypatch.setenv("MAILLAGE_LANG", "en")
    ran = CliRunner().invoke(command, [], env={"SOME_FOLDER": " "})
    assert ran.exit_code == 2 and "Invalid value for --folder / SOME_FOLDER: empty path" in ran.stderr
