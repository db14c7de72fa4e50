"""A register switched from its YAML form to its CSV form: the change summary of the new version names what only the
YAML said and the CSV form cannot (grants and their goals, roadmap actions) or did not (the PTCE's description,
goals and territory, which lines before a CSV header declare), and why, in French then English.

Fixture strategy: each test writes the YAML version of a small register and then its CSV version under ``tmp_path``
and ingests both under one source name (``--name r.yaml``) into a fresh store, then reads the last report.
"""

from __future__ import annotations

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

YAML = """format: maillage-register/1
ptce:
  name: P
  description: Un pôle de santé.
  goals:
    - {rank: 1, label: Soigner}
members:
  - {name: A, kind: association, circle: coeur, joined: 2024-01-01}
actions:
  - {title: Cartographie, goal: 1}
  - {title: Forum, goal: 1}
grants:
  - {deliberation: 2024.1, beneficiary: A, goals: [1]}
  - {deliberation: 2024.2, beneficiary: A, goals: [1]}
"""
CSV = "# ptce: P\nname;kind;circle;joined\nA;association;coeur;2024-01-01\n"
FULL_CSV = "# ptce: P\n# description: Un pôle de santé.\n# objectif 1: Soigner\n" + CSV.split("\n", 1)[1]


def change_summary(tmp_path, *files: tuple[str, str]) -> tuple[str, str]:
    """The change summary (French, English) of the last of ``files`` (name, text), each ingested as ``r.yaml``."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        for name, text in files:
            (tmp_path / name).write_text(text, encoding="utf-8")
            [report] = ingest_paths(store, [tmp_path / name], options={"source_name": "r.yaml"})
    finally:
        store.close()
    [issue] = [i for i in report.issues if i.message.startswith("ce que change")]
    return issue.message, issue.message_en


def test_a_register_turned_csv_says_its_grants_and_actions_are_read_only_from_yaml(tmp_path):
    fr, en = change_summary(tmp_path, ("r.yaml", YAML), ("r.csv", CSV))
    assert "les subventions et leurs objectifs ne sont lus que dans la forme YAML du registre : 2 subventions " \
           "retirées" in fr
    assert "les actions de la feuille de route ne sont lues que dans la forme YAML du registre : 2 actions " \
           "retirées" in fr
    assert "grants and their goals are read only from the register's YAML form: 2 grants removed" in en
    assert "roadmap actions are read only from the register's YAML form: 2 actions removed" in en


def test_a_register_turned_csv_says_how_to_keep_its_description_and_goals(tmp_path):
    fr, en = change_summary(tmp_path, ("r.yaml", YAML), ("r.csv", CSV))
    assert "description du PTCE retirée : dans la forme CSV du registre, écrivez une ligne « # description: … » " \
           "avant l'en-tête" in fr
    assert "1 objectif retiré : dans la forme CSV du registre, écrivez une ligne « # objectif 1: LIBELLÉ » avant " \
           "l'en-tête" in fr
    assert "PTCE's description removed: in the register's CSV form, write a line '# description: …' before the " \
           "header" in en


def test_a_csv_that_declares_the_description_and_goals_is_not_told_to(tmp_path):
    fr, _ = change_summary(tmp_path, ("r.yaml", YAML), ("r.csv", FULL_CSV))
    assert ("description du PTCE" in fr, "objectif retiré" in fr, "forme YAML" in fr) == (False, False, True)


def test_a_yaml_register_that_drops_its_grants_is_not_told_of_the_csv_form(tmp_path):
    fr, _ = change_summary(tmp_path, ("r.yaml", YAML), ("r.yaml", YAML.split("grants:")[0]))
    assert "forme" not in fr
