"""The partner register against registers written blind, from README.md alone: a PTCE given by its name alone
(« ptce: NAME ») or by a list, themes quoted as the file writes them, a member's unknown goal told as a grant's, the
columns named as the header writes them, a repeated line's warnings said once, a deliberation number that writes
its own « n° » — each read or refused with a message that says what to write."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from graph.ingest.base import InputError, SourceContext
from graph.ingest.register import extract

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
ID = "https://w3id.org/maillage/id/"
MEMBERS = "membres:\n  - {nom: A, type: association, cercle: coeur, date d'entrée: 2024-01-15}\n"


def register(text: str, name: str = "r.yaml") -> object:
    return extract(SourceContext(Path(name), text.encode()))


def refusal(text: str, name: str = "r.yaml") -> InputError:
    with pytest.raises(InputError) as refused:
        register(text, name)
    return refused.value


def issues_of(ex) -> list[tuple]:
    return [(i.line, i.field, i.value, i.message) for i in ex.issues]


# 1. « ptce: NAME » names the PTCE, as a CSV register's « # ptce: NAME » line; another shape says what to write.

@pytest.mark.parametrize("text, name", [
    ("ptce: PTCE santé Gier-Ondaine\n" + MEMBERS, "r.yaml"),
    ("# ptce: PTCE santé Gier-Ondaine\nnom;type;cercle;date d'entrée\nA;association;coeur;2024-01-15\n", "r.csv"),
], ids=["yaml", "csv"])
def test_a_ptce_given_by_its_name_alone_is_read_as_its_name_in_yaml_as_in_csv(text, name):
    ex = register(text, name)
    ptce = URIRef(ID + "actor/ptce-sante-gier-ondaine")
    assert (ex.graph.value(ptce, RDFS.label), ex.stats["members"], ex.issues) == (
        Literal("PTCE santé Gier-Ondaine"), 1, [])


def test_a_ptce_key_written_beside_a_ptce_given_by_its_name_is_reported_with_how_to_write_the_block():
    ex = register("ptce: P\ncoordinateur: A\n" + MEMBERS)
    assert issues_of(ex) == [(2, "coordinateur", None, (
        "clé « coordinateur » du registre, ignorée : c'est une clé de ptce:, qui ne donne ici que le nom du PTCE ; "
        "pour qu'elle soit lue, écrivez ptce: en bloc : « ptce: » puis, en retrait, «   nom: P », et « coordinateur: » "
        "en retrait au-dessous"))]


@pytest.mark.parametrize("value, shown", [("[P, Q]", "une liste"), ("42", "« 42 »"), ("0", "« 0 »"),
                                          ("false", "« false »")])
def test_a_ptce_neither_a_name_nor_a_block_refuses_the_register_listing_its_keys_with_an_example(value, shown):
    refused = refusal(f"ptce: {value}\n" + MEMBERS)
    assert (refused.issue.line, refused.issue.field, refused.issue.message) == (1, "ptce", (
        "la clé ptce attend le nom du PTCE (ptce: NOM) ou un bloc de ses clés, en retrait : nom, coordinateur, "
        "territoire, description, objectifs (ou name, coordinator, territory, description, goals), pas "
        f"{shown} ; par exemple, sur deux lignes : « ptce: » puis, en retrait, «   nom: PTCE santé Loire Sud »"))


def test_the_readme_shows_a_yaml_register_that_reads_without_a_warning():
    blocks = [block for block in re.findall(r"```yaml\n(.*?)```", README, re.S) if "members:" in block]
    assert len(blocks) == 1
    ex = register(blocks[0])
    assert (ex.stats["members"], ex.stats["goals"], ex.issues) == (2, 1, [])


# 2. A list's value is quoted as the file writes it, not as Python renders it.

def test_an_unknown_theme_quotes_the_list_as_the_register_writes_it():
    ex = register("ptce: P\nmembres:\n  - {nom: A, type: association, cercle: coeur, date d'entrée: 2024-01-15, "
                  "thématiques: [Santé mentalle, Aidants]}\n")
    assert issues_of(ex) == [(3, "thématiques", "[Santé mentalle, Aidants]",
                              "membre « A » : thème inconnu « Santé mentalle » du thésaurus : vouliez-vous dire "
                              "« Santé mentale » ?")]


# 3. A member's unknown goal is told as a grant's: with the goals the register declares.

_GOALS = ("ptce:\n  nom: P\n  objectifs: [{rang: 1, libellé: Un}, {rang: 2, libellé: Deux}]\n"
          "membres:\n  - {nom: A, type: association, cercle: coeur, date d'entrée: 2024-01-15, objectifs: 1 et 4}\n")


def test_a_members_unknown_goal_is_told_with_the_declared_goals_in_the_words_of_a_grants():
    [warned] = register(_GOALS).issues
    refused = refusal(_GOALS.replace("objectifs: 1 et 4", "objectifs: 1") + "financements:\n"
                      "  - {délibération: 2024.1, objectifs: [4]}\n")
    assert (warned.message, refused.issue.message) == (
        "membre « A » : objectif inconnu « 4 » (objectifs déclarés sous ptce: objectifs : 1, 2)",
        "objectif inconnu « 4 » (objectifs déclarés sous ptce: objectifs : 1, 2)")


def test_a_csv_members_unknown_goal_is_told_with_the_goals_its_heading_declares():
    ex = register("# ptce: P\n# objectif 1: Un\nnom;type;cercle;date d'entrée;objectifs\n"
                  "A;association;coeur;2024-01-15;1|3\n", "r.csv")
    assert issues_of(ex) == [(4, "objectifs", "1|3", "membre « A » : objectif inconnu « 3 » (objectifs déclarés par "
                                                     "les lignes « # objectif N: » avant l'en-tête : 1)")]


# 4. A column is named as the header writes it.

_STRUCTURES = "# ptce: P\nNom de la structure;Type de structure;Cercle;Date d'entrée\n"


@pytest.mark.parametrize("rows, expected", [
    ("A;association;coeur;2024-01-15\nA;association;coeur;2024-01-15\n",
     (4, "Nom de la structure", "A", "membre listé deux fois, lignes 3 et 4 : la seconde est ignorée")),
    ("A;association;coeur;2023-01-15\nA;association;coeur;2024-01-15\n",
     (4, "Nom de la structure", "A", "membre listé deux fois, lignes 3 et 4, pour des périodes qui se chevauchent "
                                     "(ou sans date d'entrée) : deux adhésions distinctes")),
    ("A;association;coeur;2024-01-15\n;association;coeur;2024-01-15\n",
     (4, "Nom de la structure", None, "membre sans nom")),
], ids=["repeated", "overlapping", "unnamed"])
def test_a_member_warning_names_the_name_column_as_the_header_writes_it(rows, expected):
    assert issues_of(register(_STRUCTURES + rows, "r.csv")) == [expected]


def test_a_coordinator_warning_names_the_heading_key_as_the_register_writes_it():
    ex = register("# ptce: P\n# Coordinatrice: B\nnom;type;cercle;date d'entrée\nA;association;coeur;2024-01-15\n",
                  "r.csv")
    assert issues_of(ex) == [(2, "Coordinatrice", "B", "Coordinatrice « B » : aucun membre de ce nom ; lu comme un "
                                                       "acteur hors du registre")]


# 5. A line repeated is reported once, its own warnings not said again.

def test_a_repeated_line_is_reported_once_without_its_warnings_said_again():
    ex = register("# ptce: P\nnom;type;cercle;date d'entrée;siren;siret;thèmes\n"
                  "A;mutuelle;partenaires;2024-01-10;800123457;8,00123E+13;Santé mentalle\n"
                  "A;mutuelle;partenaires;2024-01-10;800123457;8,00123E+13;Santé mentalle\n", "r.csv")
    assert [(line, field, message) for line, field, _, message in issues_of(ex)] == [
        (3, "siret", "membre « A » : SIRET abîmé par un passage en nombre à virgule (chiffres perdus) : ignoré"),
        (3, "thèmes", "membre « A » : thème inconnu « Santé mentalle » du thésaurus : vouliez-vous dire « Santé "
                      "mentale » ?"),
        (4, "nom", "membre listé deux fois, lignes 3 et 4 : la seconde est ignorée")]


# 6. A deliberation number that writes its own « n° » is not given another; spaces separate its digits.

def test_a_grant_entrys_number_that_writes_its_own_number_sign_is_not_given_a_second(tmp_path):
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    path = tmp_path / "r.yaml"
    path.write_text("ptce:\n  name: P\n  goals: [{rank: 1, label: Un}]\nmembers:\n"
                    "  - {name: A, kind: association, circle: coeur, joined: 2024-01-15}\n"
                    "grants:\n  - {deliberation: n° CP 24 06 114, goals: [1]}\n", encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        [report] = ingest_paths(store, [path])
    finally:
        store.close()
    assert [(i.line, i.message) for i in report.issues] == [(7, (
        "financement (délibération n° CP 24 06 114) : aucune délibération n° CP 24 06 114 dans le graphe ; il sera "
        "relié à ses objectifs dès que la subvention sera importée"))]


def test_the_readme_says_that_spaces_separate_a_deliberation_numbers_digits_as_they_are_read():
    from graph.ingest.register_grants import number_forms

    assert "24.06.114" in number_forms("n° CP 24 06 114")
    assert "with its separators (`.`, `-`, `/`,\n`_` or spaces) written" in README
