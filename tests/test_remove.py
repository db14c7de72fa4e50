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



_HEADER = "nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;objet;montant\n"


def test_an_actor_whose_name_the_removed_source_gave_takes_the_name_another_source_gives(tmp_path):
    """Two grants lists name one funder (one SIRET) two ways: the first's name is its name, the second's an
    alternative one in its own graph. Once the first was removed, the funder had no name (« siren-210600045 » on
    every page, in the search facets, a SHACL violation)."""
    first, second = tmp_path / "antibes-2023.csv", tmp_path / "antibes-2024.csv"
    first.write_text(_HEADER + "COMMUNE D'ANTIBES;21060004500012;2023-03-01;D-1;Club Santé;13579246800043;Soins;"
                     "1000\n", encoding="utf-8")
    second.write_text(_HEADER + "Ville d'Antibes Juan-les-Pins;21060004500012;2024-03-01;D-2;Club Santé;"
                      "13579246800043;Soins;2000\n", encoding="utf-8")
    data = tmp_path / "data"
    assert _cli(data, "ingest", str(first), str(second)).exit_code == 0
    assert _cli(data, "remove", "antibes-2023.csv").exit_code == 0
    unnamed = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a mai:Actor FILTER NOT EXISTS { ?a rdfs:label ?l } }"
    assert _count(data, unnamed) == 0
    funder = ("SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/maillage/id/actor/siren-210600045> rdfs:label "
              "\"Ville d'Antibes Juan-les-Pins\" }")
    assert _count(data, funder) == 1
    assert "Ville d'Antibes Juan-les-Pins" in _found(data, "Antibes")


def test_a_file_name_that_two_sources_share_is_refused_naming_them(tmp_path):
    """Two communes' « subventions.csv », ingested under --name commune1 and commune2: `remove subventions.csv`
    removed one of them, whichever came first."""
    for name, amount in (("commune1", 1000), ("commune2", 2000)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "subventions.csv").write_text(_HEADER + f"Commune X;21060004500012;2023-03-01;D-1;Club Santé;"
                                                f"13579246800043;Soins;{amount}\n", encoding="utf-8")
        assert _cli(tmp_path / "data", "ingest", "--name", name, str(folder / "subventions.csv")).exit_code == 0
    refused = _cli(tmp_path / "data", "remove", "subventions.csv")
    assert refused.exit_code == 1 and "« subventions.csv » est le fichier de 2 sources (commune1, commune2)" in (
        refused.stderr)
    assert _count(tmp_path / "data", GRANTS) == 2
    assert _cli(tmp_path / "data", "remove", "commune1").exit_code == 0
    assert _count(tmp_path / "data", GRANTS) == 1


def test_a_file_of_another_name_that_names_a_stored_source_is_refused_and_replaces_nothing(tmp_path):
    """« Antibes 2017.csv » and « antibes_2017.csv » are one source name: the second replaced the first in
    silence (or with a warning cut from the report)."""
    first, second = tmp_path / "Antibes 2017.csv", tmp_path / "antibes_2017.csv"
    first.write_text(_HEADER + "Commune X;21060004500012;2023-03-01;D-1;Club Santé;13579246800043;Soins;1000\n",
                     encoding="utf-8")
    second.write_text(_HEADER + "Commune X;21060004500012;2023-03-01;D-1;Club Santé;13579246800043;Soins;2000\n",
                      encoding="utf-8")
    data = tmp_path / "data"
    assert _cli(data, "ingest", str(first)).exit_code == 0
    refused = _cli(data, "ingest", str(second))
    assert refused.exit_code == 1 and "même nom de source que « Antibes 2017.csv », déjà importé" in refused.output
    amount = "SELECT (SUM(?a) AS ?n) WHERE { ?g a mai:Grant ; schema:amount ?a }"
    assert _count(data, amount) == 1000
    assert _cli(data, "ingest", "--name", "antibes-bis", str(second)).exit_code == 0
    assert _count(data, amount) == 3000


def test_a_replacements_warning_comes_first_where_a_long_report_is_cut(tmp_path):
    """The warning that a file replaces a stored source came after the file's own warnings, and a report shows 20:
    a version with 24 invalid SIRETs hid it."""
    rows = "".join(f"Commune X;21060004500012;2023-03-01;D-{i};Club {i};1357924680004{i % 10};Soins;{1000 + i}\n"
                   for i in range(25))
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    (tmp_path / "v1" / "liste.csv").write_text(_HEADER + rows, encoding="utf-8")
    (tmp_path / "v2" / "liste.csv").write_text(_HEADER + rows.replace(";Soins;1000", ";Soins;9000"), encoding="utf-8")
    assert _cli(tmp_path / "data", "ingest", str(tmp_path / "v1" / "liste.csv")).exit_code == 0
    again = _cli(tmp_path / "data", "ingest", str(tmp_path / "v2" / "liste.csv"))
    assert again.exit_code == 0 and "… et" in again.output
    assert "remplace la source « liste.csv » déjà importée" in again.output


def test_a_dump_restored_among_other_sources_leaves_each_actor_one_name(tmp_path):
    """A backup of a store that holds one grants list, restored into a store that holds another naming the same
    funder otherwise: the funder had two names (two rdfs:label), as no ingest would give it."""
    first, second = tmp_path / "antibes-2023.csv", tmp_path / "antibes-2024.csv"
    first.write_text(_HEADER + "COMMUNE D'ANTIBES;21060004500012;2023-03-01;D-1;Club Santé;13579246800043;Soins;"
                     "1000\n", encoding="utf-8")
    second.write_text(_HEADER + "Ville d'Antibes Juan-les-Pins;21060004500012;2024-03-01;D-2;Club Santé;"
                      "13579246800043;Soins;2000\n", encoding="utf-8")
    assert _cli(tmp_path / "one", "ingest", str(first)).exit_code == 0
    assert _cli(tmp_path / "one", "export", "--format", "trig", "-o", str(tmp_path / "one.trig")).exit_code == 0
    assert _cli(tmp_path / "two", "ingest", str(second)).exit_code == 0
    assert _cli(tmp_path / "two", "ingest", str(tmp_path / "one.trig")).exit_code == 0
    names = ("SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { <https://w3id.org/maillage/id/actor/siren-210600045> "
             "rdfs:label ?l }")
    assert _count(tmp_path / "two", names) == 1
    result = _cli(tmp_path / "two", "validate")
    assert "seul nom" not in result.output
