"""Odd arguments to every command of ``maillage``: each mistake is one line naming the argument and why, a non-zero
exit, never a traceback, and nothing stored is touched.

Found by a sweep of ~400 cases (every command and option with wrong or odd values, the data directory of every
wrong kind, the settings with wrong values, closed or full outputs), through click's runner and real processes; each
test is the smallest case of one mistake that the sweep showed handled badly. The store is a one-triple Turtle file
ingested into ``tmp_path``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from webapp.cli import main
from webapp.settings import SettingError, load_settings

MAILLAGE = [sys.executable, "-c", "from webapp.console import run; run()"]


def cli(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def data(tmp_path) -> Path:
    """A data directory holding a store of one source, one triple."""
    source = tmp_path / "one.ttl"
    source.write_text('<https://example.org/a> <http://schema.org/name> "A" .\n')
    assert cli("--data", str(tmp_path / "data"), "ingest", "--no-index", str(source)).exit_code == 0
    return tmp_path / "data"


def test_an_empty_path_to_ingest_is_refused_not_read_as_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.ttl").write_text('<https://example.org/n> <http://schema.org/name> "N" .\n')
    ran = cli("--data", str(tmp_path / "data"), "ingest", "")
    assert ran.exit_code == 2 and "chemin vide" in ran.stderr and "FICHIERS" in ran.stderr
    assert not (tmp_path / "data").exists()


def test_a_dash_to_ingest_says_that_the_standard_input_is_not_read(tmp_path):
    ran = cli("--data", str(tmp_path / "data"), "ingest", "-", env={"MAILLAGE_LANG": "en"})
    assert ran.exit_code == 2 and "'-': the standard input is not read" in ran.stderr


@pytest.mark.parametrize("given", ["", "  "])
def test_an_empty_data_option_is_refused_naming_it(tmp_path, given):
    ran = cli("--data", given, "query", "ASK {}")
    assert ran.exit_code == 2 and "--data / MAILLAGE_DATA" in ran.stderr and "chemin vide" in ran.stderr


def test_an_empty_data_variable_is_refused_naming_it():
    with pytest.raises(SettingError, match="MAILLAGE_DATA=«  » : un chemin de dossier est attendu"):
        load_settings(environ={"MAILLAGE_DATA": ""})


@pytest.mark.parametrize("value", ["maybe", "2", "vrai"])
def test_a_debug_setting_that_is_neither_yes_nor_no_is_refused(value):
    with pytest.raises(SettingError, match=f"MAILLAGE_DEBUG=« {value} » : attendu : 1, true, yes, oui ou on"):
        load_settings(environ={"MAILLAGE_DEBUG": value})


@pytest.mark.parametrize(("value", "read"), [("oui", True), ("ON", True), ("0", False), ("non", False), ("", False)])
def test_a_debug_setting_reads_yes_and_no_in_french_and_english(value, read):
    assert load_settings(environ={"MAILLAGE_DEBUG": value})["debug"] is read


def test_a_query_argument_not_in_utf8_is_refused_naming_it(data):
    ran = cli("--data", str(data), "query", 'ASK { ?s ?p "\udcff" }')
    assert ran.exit_code == 1 and ran.stderr.startswith("maillage: argument non UTF-8 : QUERY")


def test_a_parameter_not_in_utf8_is_refused_naming_it(data):
    ran = cli("--data", str(data), "query", "objectifs-du-pole", "--param", "ptce=\udcff")
    assert ran.exit_code == 1 and ran.stderr.startswith("maillage: argument non UTF-8 : --param")


def test_a_damaged_embedded_store_is_not_told_as_a_sparql_server_that_does_not_answer(data):
    (data / "store" / "current").write_text("gone\n")
    ran = cli("--data", str(data), "query", "ASK {}")
    assert ran.exit_code == 1 and ran.stderr.startswith("maillage: base indisponible : cannot open snapshot gone")
    assert "serveur SPARQL" not in ran.stderr


@pytest.mark.parametrize("output", ["backups/", "backups/sub/"])
def test_an_export_to_a_name_ending_with_a_slash_is_refused_not_written_as_a_file(data, tmp_path, output):
    ran = cli("--data", str(data), "export", "-o", f"{tmp_path}/{output}")
    assert ran.exit_code == 2 and "nomme un dossier : donnez le nom du fichier à écrire" in ran.stderr
    assert not (tmp_path / "backups").exists()


def test_an_export_to_an_empty_name_is_refused(data):
    ran = cli("--data", str(data), "export", "-o", "")
    assert ran.exit_code == 2 and "« -o » / « --output » : chemin vide" in ran.stderr


@pytest.mark.parametrize("host", ["256.0.0.1", "localhost:80", "no such host"])
def test_serve_on_a_host_that_does_not_resolve_names_the_host_not_the_port(tmp_path, host):
    ran = cli("--data", str(tmp_path), "serve", "--host", host, env={"MAILLAGE_LANG": "en"})
    assert ran.exit_code == 1
    assert ran.stderr.startswith(f"maillage: --host '{host}': unknown address or host name") and "in use" not in \
        ran.stderr


def test_serve_on_an_empty_host_is_refused_rather_than_listening_everywhere(tmp_path):
    ran = cli("--data", str(tmp_path), "serve", "--host", "")
    assert ran.exit_code == 1 and ran.stderr.startswith("maillage: --host : adresse vide")


@pytest.mark.parametrize("args", [["export"], ["query", "ASK {}", "--format", "json"]])
def test_a_closed_standard_output_is_one_line_not_a_traceback(data, args):
    ran = subprocess.run([*MAILLAGE, "--data", str(data), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True, env={**os.environ, "MAILLAGE_LANG": "en"},
                         preexec_fn=lambda: os.close(1))  # the shell's `>&-`
    assert ran.returncode == 1
    assert ran.stderr == "maillage: the standard output is closed: redirect it to a file, or write to a file " \
                         "(-o FILE)\n"


def test_an_export_over_a_read_only_file_is_refused_and_the_file_kept(data, tmp_path):
    # the export is written beside the file and renamed over it: a backup kept with `chmod 444` was replaced
    backup = tmp_path / "sauvegarde.trig"
    backup.write_text("# the backup of last month\n")
    backup.chmod(0o444)
    ran = cli("--data", str(data), "export", "--format", "trig", "-o", str(backup))
    assert ran.exit_code == 1 and "en lecture seule" in ran.stderr, ran.stderr
    assert backup.read_text() == "# the backup of last month\n"
    backup.chmod(0o644)
    assert cli("--data", str(data), "export", "--format", "trig", "-o", str(backup)).exit_code == 0
    assert "example.org/a" in backup.read_text()
