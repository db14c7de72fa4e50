"""``maillage remove``: a source's named graph dropped as if its file had never been ingested, the links that
partner registers state and the search index following; a name of no source changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from webapp.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MEMBERSHIPS = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a org:Membership }"
GOAL_LINKS = "SELECT (COUNT(*) AS ?n) WHERE { ?grant a mai:Grant ; mai:contributesTo ?goal }"
GRANTS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { ?g a mai:Grant }"


def _cli(data: Path, *args: str):
    return CliRunner().invoke(main, ["--data", str(data), *args])


def _count(data: Path, query: str) -> int:
    result = _cli(data, "query", "--format", "json", query)
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])


def _found(data: Path, text: str) -> list[str]:
    result = _cli(data, "search", "--json", text)
    assert result.exit_code == 0, result.output
    return [hit["label"] for hit in json.loads(result.stdout)["results"]]


def test_removing_the_register_takes_its_members_and_links_away_and_keeps_the_deliberation(demo_data):
    assert _count(demo_data, MEMBERSHIPS) == 8 and _count(demo_data, GOAL_LINKS) == 1
    assert "Association Les Aidants du Gier (fictive)" in _found(demo_data, "Aidants du Gier")
    result = _cli(demo_data, "remove", "ptce-registre.yaml")
    assert result.exit_code == 0, result.output
    assert "ptce-registre.yaml : source retirée, " in result.stderr and "Résumé : 1 source retirée ; " in result.stderr
    assert _count(demo_data, MEMBERSHIPS) == 0 and _count(demo_data, GOAL_LINKS) == 0
    assert _count(demo_data, GRANTS) == 1  # the founding deliberation's grant stays, without the goal the register gave
    assert "Association Les Aidants du Gier (fictive)" not in _found(demo_data, "Aidants du Gier")
    assert "DanaeCare" in _found(demo_data, "DanaeCare")
    assert _cli(demo_data, "validate").exit_code == 0


def test_a_source_is_named_by_its_path_too_and_then_ingested_again_as_new(demo_data):
    assert _cli(demo_data, "remove", str(EXAMPLES / "ptce-registre.yaml")).exit_code == 0
    again = _cli(demo_data, "ingest", str(EXAMPLES / "ptce-registre.yaml"))
    assert again.exit_code == 0 and "1 fichier enregistré, 0 inchangé" in again.stderr, again.output
    assert _count(demo_data, MEMBERSHIPS) == 8 and _count(demo_data, GOAL_LINKS) == 1


def test_a_name_of_no_source_is_one_line_with_the_closest_names_and_removes_nothing(demo_data):
    result = _cli(demo_data, "remove", "ptce-registre.yaml", "registre-ptce.yaml")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("maillage: aucune source nommée « registre-ptce.yaml » dans le graphe ; vouliez-vous "
                                     "dire : ptce-registre.yaml ? (rien n'a été retiré)")
    assert _count(demo_data, MEMBERSHIPS) == 8


def test_the_report_is_in_english_with_the_lang_setting(demo_data, monkeypatch):
    monkeypatch.setenv("MAILLAGE_LANG", "en")
    result = _cli(demo_data, "remove", "ptce-registre.yaml")
    assert "ptce-registre.yaml: removed, " in result.stderr and "Summary: 1 source removed; " in result.stderr


def test_a_source_ingested_under_a_name_with_folders_is_removed_by_that_name(demo_data, tmp_path):
    """« --name ../../etc/x » named the source etc-x, and « remove ../../etc/x » answered that no source had it."""
    copy = tmp_path / "copie.csv"
    copy.write_text((Path(__file__).parent / "fixtures" / "tabular" / "SCDL.csv").read_text(encoding="utf-8"),
                    encoding="utf-8")
    assert _cli(demo_data, "ingest", "--name", "../../etc/x", str(copy), "--no-index").exit_code == 0
    removed = _cli(demo_data, "remove", "../../etc/x", "--no-index")
    assert removed.exit_code == 0 and "../../etc/x : source retirée" in removed.stderr, removed.output


def test_a_shipped_vocabulary_is_no_source_and_is_not_removed(demo_data):
    """`remove themes.ttl` dropped the themes' thesaurus, and the closest names suggested it."""
    themes = "SELECT (COUNT(*) AS ?n) WHERE { ?t skos:inScheme mai:themes }"
    before = _count(demo_data, themes)
    result = _cli(demo_data, "remove", "themes.ttl")
    assert result.exit_code == 1 and result.stderr.strip() == (
        "maillage: « themes.ttl » est un vocabulaire livré avec Maillage, pas une source : il ne se retire pas (rien "
        "n'a été retiré)")
    assert _count(demo_data, themes) == before > 30
    assert "themes.ttl" not in _cli(demo_data, "remove", "hemes.ttl").stderr
