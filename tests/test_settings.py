"""Settings: declared once, read in order (defaults, environment, test configuration), all documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from webapp.settings import SETTINGS, load_settings

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
