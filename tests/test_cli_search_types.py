"""`maillage search --type` and `--theme` repeated: any of the values, as the API's repeated ``type`` and ``theme``
(not only the last one)."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner
from web_fixture import template_data

from webapp.cli import main


def kinds_found(data, *types: str) -> set[str]:
    arguments = [a for kind in types for a in ("--type", kind)]
    result = CliRunner().invoke(main, ["--data", str(data), "search", "", *arguments, "--json"])
    assert result.exit_code == 0, result.stderr
    return {hit["kind"] for hit in json.loads(result.stdout)["results"]}


def test_type_given_twice_finds_the_results_of_either_kind(tmp_path):
    data = shutil.copytree(template_data(), tmp_path / "data")
    grants, deliberations = kinds_found(data, "grant"), kinds_found(data, "deliberation")
    assert grants == {"grant"} and deliberations == {"deliberation"}
    assert kinds_found(data, "grant", "deliberation") == {"grant", "deliberation"}


def test_theme_given_twice_finds_the_results_of_either_theme(tmp_path):
    data = shutil.copytree(template_data(), tmp_path / "data")

    def total(*themes: str) -> int:
        arguments = [a for theme in themes for a in ("--theme", theme)]
        result = CliRunner().invoke(main, ["--data", str(data), "search", "", *arguments, "--json"])
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)["total"]

    one, other = total("prevention"), total("acces-aux-soins")
    assert one > 0 and other > 0 and total("prevention", "acces-aux-soins") >= max(one, other)


def test_a_page_past_the_last_is_said(tmp_path):
    """`--page 50` printed the total and the facets, and no result, without a word."""
    data = shutil.copytree(template_data(), tmp_path / "data")
    result = CliRunner().invoke(main, ["--data", str(data), "search", "", "--page", "50"])
    assert result.exit_code == 0 and "La page 50 n'existe pas : les résultats s'arrêtent à la page 4." in result.stdout
