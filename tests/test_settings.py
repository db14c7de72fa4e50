"""Settings: declared once, read in order (defaults, environment, test configuration), all documented."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from webapp.settings import SETTINGS, SettingError, load_settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_the_readme_documents_every_setting_with_its_default(setting):
    rows = [line for line in README.splitlines() if line.startswith(f"| `{setting.name}` |")]
    assert rows, f"README.md has no row for {setting.name}"


def test_environment_variables_override_defaults_and_test_config_overrides_both():
    config = load_settings({"max_rows": 5}, environ={"MAILLAGE_QUERY_TIMEOUT": "2.5", "MAILLAGE_MAX_ROWS": "9"})
    assert config["query_timeout"] == 2.5
    assert config["max_rows"] == 5
    assert config["store"] == "oxigraph"


def test_every_setting_has_help_text():
    assert all(setting.help for setting in SETTINGS)


@pytest.mark.parametrize("variable, value, said", [
    ("MAILLAGE_LOCK_TIMEOUT", "abc", "un nombre de secondes est attendu, entre 0 et 86400"),
    ("MAILLAGE_QUERY_TIMEOUT", "-5", "un nombre de secondes est attendu, entre 0,1 et 86400"),
    ("MAILLAGE_MAX_ROWS", "-1", "un nombre entier de lignes est attendu, entre 1 et 1000000000"),
    # past what the time limit and the engine's LIMIT can hold: a traceback, then a SPARQL parse error
    ("MAILLAGE_QUERY_TIMEOUT", "inf", "un nombre de secondes est attendu, entre 0,1 et 86400"),
    ("MAILLAGE_MAX_ROWS", "99999999999999999999999", "un nombre entier de lignes est attendu, entre 1 et 1000000000"),
    ("MAILLAGE_QUERY_URL", "notaurl", "une adresse http(s) est attendue"),
    ("MAILLAGE_BASE", "notaniri", "une IRI absolue http(s) qui finit par / ou # est attendue"),
    ("MAILLAGE_STORE", "foo", "attendu : oxigraph ou memory ou sparql"),
    ("MAILLAGE_LANG", "de", "attendu : fr ou en")])
def test_a_setting_that_cannot_be_used_is_one_line_that_says_what_is_expected(variable, value, said):
    """They gave tracebacks (ValueError), an English message, a SPARQL parse error, or were taken silently."""
    with pytest.raises(SettingError) as caught:
        load_settings(environ={variable: value})
    assert caught.value.message.startswith(f"{variable}=« {value} » : {said}")


def test_the_language_setting_is_read_whatever_its_case():
    assert load_settings(environ={"MAILLAGE_LANG": "EN"})["lang"] == "en"


@pytest.mark.parametrize("raised, said", [
    (SettingError("MAILLAGE_LOCK_TIMEOUT=« abc » : un nombre…", "…"),
     "maillage: MAILLAGE_LOCK_TIMEOUT=« abc » : un nombre…"),
    (PermissionError(13, "Permission denied", "d/store/write.lock"),
     "maillage: d/store/write.lock : permission refusée ; le dossier de données doit être modifiable par qui lance "
     "cette commande"),
    (OSError(28, "No space left on device"), "maillage: plus de place sur le disque"),
    (RuntimeError("Corruption: Sst file size mismatch"), "maillage: base endommagée (Corruption: Sst file size "
     "mismatch) : restaurez une sauvegarde (maillage export) dans un nouveau dossier, ou ingérez-y de nouveau ses "
     "fichiers")])
def test_the_command_says_in_one_line_what_stopped_it_never_with_a_traceback(monkeypatch, capsys, raised, said):
    import sys

    import webapp.cli as cli

    def stopped(*args, **kwargs):
        raise raised

    monkeypatch.setattr(cli, "main", stopped)
    monkeypatch.setattr(sys, "argv", ["maillage", "query", "ASK {}"])
    with pytest.raises(SystemExit) as exit_:
        cli.run()
    assert exit_.value.code == 1 and capsys.readouterr().err.strip() == said


def test_a_setting_that_cannot_be_used_is_said_in_english_when_the_language_setting_asks_for_it():
    result = subprocess.run([sys.executable, "-m", "webapp.cli", "query", "ASK {}"], capture_output=True, text=True,
                            env={**os.environ, "MAILLAGE_LANG": "en", "MAILLAGE_QUERY_TIMEOUT": "-1"}, timeout=120)
    assert result.returncode == 1
    assert result.stderr == ("maillage: MAILLAGE_QUERY_TIMEOUT='-1': a number of seconds is expected, from 0.1 to "
                             "86400\n")
