"""The partner register against a reviewer's second probe: a stray quote, namesakes of two identifiers, a goal
declared twice, footers and a repeated header, one SIRET for two names, a PTCE named as a member, a misspelt
coordinator, control characters and an oversized cell — each refused or reported with its line, none lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from graph.ingest.base import InputError, SourceContext
from graph.ingest.register import extract
from graph.namespaces import MAI, ORG

ID = "https://w3id.org/maillage/id/"


def register(text: str, name: str = "r.csv") -> object:
    return extract(SourceContext(Path(name), text.encode()))


def memberships(ex) -> list[tuple[str, str]]:
    """Each membership's IRI (after ``membership/``) and its member's (after ``actor/``), sorted."""
    return sorted((str(m).split("/membership/")[1], str(ex.graph.value(m, ORG.member)).split("/actor/")[1])
                  for m in ex.graph.subjects(RDF.type, ORG.Membership))


def issues_of(ex) -> list[tuple]:
    return [(i.level, i.line, i.message) for i in ex.issues]


def refusal(text: str, name: str = "r.csv") -> InputError:
    with pytest.raises(InputError) as refused:
        register(text, name)
    return refused.value


# 1. A stray opening quote swallows the members after it.

UNCLOSED = "guillemet ouvert jamais fermé : la cellule avale les lignes suivantes"


@pytest.mark.parametrize("text", [
    '# ptce: P\nname;kind;circle;joined\n"La Passerelle" Saint-Étienne;association;coeur;2024-01-01\n'
    '"Les Amis du Gier;association;coeur;2024-01-01\nB;association;coeur;2024-01-01\nC;association;coeur;2024-01-01\n',
    '# ptce: P\nname;kind;circle;joined\nA;association;coeur;2024-01-01\n"Les Amis du Gier;association;coeur\n'
    'B;association;coeur;2024-01-01\n',
], ids=["to-the-end", "short-row"])
def test_a_stray_opening_quote_refuses_the_register_naming_the_line_where_it_opens(text):
    refused = refusal(text)
    assert (refused.issue.line, refused.issue.message) == (4, UNCLOSED)


def test_a_stray_quote_in_a_register_of_three_columns_refuses_it_instead_of_reading_one_bogus_member():
    refused = refusal('# ptce: P\nname;kind;circle\n"A;association;coeur\nB;association;coeur\n')
    assert (refused.issue.line, refused.issue.message) == (3, UNCLOSED)


# 2. Namesakes with two identifiers are two actors, each its own membership.

def test_two_members_of_one_name_and_two_rna_numbers_get_one_membership_each():
    ex = register("# ptce: P\nname;kind;circle;joined;left;rna\nADMR;association;operationnel;2024-01-01;;W423000001\n"
                  "ADMR;association;partenaires;2024-06-01;;W423000002\n")
    assert memberships(ex) == [("p/admr/rna-w423000001", "rna-w423000001"),
                               ("p/admr/rna-w423000002", "rna-w423000002")]
    assert (ex.stats["members"], ex.issues) == (2, [])


# 3. A goal's rank declared twice.

DUP_GOALS = "# ptce: P\n# objectif 1: Prévenir\n# objectif 2: Soigner\n# objectif 2: Accompagner\n"


@pytest.mark.parametrize("goals", ["2", "Accompagner"])
def test_a_goal_rank_declared_twice_that_a_member_refers_to_refuses_the_register_naming_both_lines(goals):
    refused = refusal(DUP_GOALS + f"name;kind;circle;joined;goals\nA;association;coeur;2024-01-01;{goals}\n")
    assert (refused.issue.line, refused.issue.message) == (4, (
        "objectif 2 déclaré deux fois, lignes 3 (« Soigner ») et 4 (« Accompagner »), et la ligne 6 y renvoie : on ne "
        "sait lequel elle veut dire ; donnez à chaque objectif son propre rang ; registre refusé"))


def test_a_goal_rank_declared_twice_in_yaml_that_a_member_refers_to_refuses_the_register():
    refused = refusal("format: maillage-register/1\nptce:\n  name: P\n  goals:\n    - {rank: 2, label: Soigner}\n"
                      "    - {rank: 2, label: Accompagner}\nmembers:\n"
                      "  - {name: A, kind: association, circle: coeur, joined: 2024-01-01, goals: [2]}\n", "r.yaml")
    assert (refused.issue.line, refused.issue.message.split(",")[0]) == (6, "objectif 2 déclaré deux fois")


def test_a_goal_rank_declared_twice_that_nothing_refers_to_is_reported_with_both_lines_the_first_kept():
    ex = register(DUP_GOALS + "name;kind;circle;joined;goals\nA;association;coeur;2024-01-01;1\n")
    assert (ex.stats["goals"], issues_of(ex)) == (2, [("warning", 4, (
        "objectif 2 déclaré deux fois, lignes 3 (« Soigner ») et 4 (« Accompagner ») : le second est ignoré ; "
        "donnez-lui son propre rang"))])


def test_a_goal_declared_twice_alike_is_reported_and_read_once():
    ex = register("# ptce: P\n# objectif 1: Soigner\n# objectif 1: Soigner\nname;kind;circle;joined;goals\n"
                  "A;association;coeur;2024-01-01;1\n")
    assert (ex.stats["goals"], issues_of(ex)) == (1, [("warning", 3, "objectif 1 déclaré deux fois, lignes 2 et 3 : "
                                                                     "lu une fois")])


# 4. Footers and a repeated header are no members.

def test_footer_rows_below_the_members_are_read_as_notes_naming_their_lines():
    ex = register("# ptce: P\nNom;Type;Cercle;Date d'entrée;Date de sortie;Thèmes\n"
                  "A;association;coeur;01/02/2024;;aidants\nB;entreprise;partenaires;01/03/2024;;prévention\n;;;;;\n"
                  "Total;2;;;;\nMis à jour le;15/03/2025;;;;\nSource :;fichier adhérents;;;;\n"
                  "Sous-total;1;;;;\nDate de mise à jour;mars 2025;;;;\n")
    footer = ("ligne « {} » lue comme une note de bas de tableau (total, date de mise à jour, source) et ignorée, pas "
              "comme un membre ; si c'en est un, donnez son type et son cercle")
    assert (memberships(ex), issues_of(ex)) == ([("p/a", "a"), ("p/b", "b")], [
        ("warning", 6, footer.format("Total 2")), ("warning", 7, footer.format("Mis à jour le 15/03/2025")),
        ("warning", 8, footer.format("Source : fichier adhérents")), ("warning", 9, footer.format("Sous-total 1")),
        ("warning", 10, footer.format("Date de mise à jour mars 2025"))])


def test_a_member_whose_name_begins_like_a_footer_but_has_a_circle_stays_a_member():
    ex = register("# ptce: P\nname;kind;circle;joined\nA;association;coeur;2024-01-01\n"
                  "Source de Vie;;coeur;2024-01-01\n")
    assert memberships(ex) == [("p/a", "a"), ("p/source-de-vie", "source-vie")]


def test_a_repeated_header_row_is_skipped_and_said_once():
    ex = register("# ptce: P\nNom;Type;Cercle;Date d'entrée;Date de sortie\nA;association;coeur;2024-01-01;\n;;;;\n"
                  "Anciens membres;;;;\nNom;Type;Cercle;Date d'entrée;Date de sortie\n"
                  "B;association;partenaires;2020-01-01;2022-01-01\nNom;Type;Cercle;;\n"
                  "C;association;partenaires;2020-01-01;2022-01-01\n")
    assert memberships(ex) == [("p/a", "a"), ("p/b", "b"), ("p/c", "c")]
    assert issues_of(ex)[1:] == [("warning", 6, "en-tête répété, lignes 6 et 8 : lignes ignorées, ce ne sont pas des "
                                                "membres")]


# 5. One SIRET for two names.

def test_two_names_of_one_siret_are_reported_with_their_lines_and_names():
    ex = register("# ptce: P\nname;kind;circle;joined;left;siret\n"
                  "Maison de santé du Pilat;association;operationnel;2022-01-01;2023-01-01;42345678900019\n"
                  "Centre Social Les Tilleuls;association;partenaires;2024-01-01;;42345678900019\n")
    assert issues_of(ex) == [("warning", 4, "même SIRET 42345678900019 pour deux noms différents, lignes 3 (« Maison "
                                            "de santé du Pilat ») et 4 (« Centre Social Les Tilleuls ») : lus comme "
                                            "un seul acteur ; si ce sont deux structures, corrigez le SIRET de l'une")]


def test_one_siret_written_twice_under_two_spellings_of_one_name_is_not_reported():
    ex = register("# ptce: P\nname;kind;circle;joined;left;siret\n"
                  "Croix-Rouge (Saint-Chamond);association;coeur;2022-01-01;2023-01-01;42345678900019\n"
                  "Croix Rouge Saint Chamond;association;coeur;2024-01-01;;42345678900019\n")
    assert ex.issues == []


# 6. A pole is not its own member.

@pytest.mark.parametrize("siren", ["", "423456789"])
def test_a_member_named_as_the_ptce_refuses_the_register(siren):
    refused = refusal(f"# ptce: DanaeCare\nname;kind;circle;joined;siren\nDanaeCare;association;coeur;2024-01-01;"
                      f"{siren}\nB;association;coeur;2024-01-01;\n")
    assert (refused.issue.line, refused.issue.message) == (3, (
        "le membre « DanaeCare » porte le nom du PTCE (ligne 1) : un pôle n'est pas son propre membre ; nommez le "
        "PTCE autrement (« PTCE DanaeCare ») ou ôtez ce membre ; registre refusé"))


# 7. A coordinator who is no member.

def test_a_misspelt_coordinator_is_reported_with_the_closest_members_name():
    ex = register("# ptce: P\n# coordinateur: DanaeCar\nname;kind;circle;joined\nDanaeCare;association;coeur;"
                  "2024-01-01\n")
    assert issues_of(ex) == [("warning", 2, "coordinateur « DanaeCar » : aucun membre de ce nom ; vouliez-vous dire "
                                            "« DanaeCare » ?")]


def test_a_coordinator_far_from_every_member_is_reported_as_no_member():
    ex = register("# ptce: P\n# coordinateur: Ville de Lyon\nname;kind;circle;joined\nA;association;coeur;2024-01-01\n")
    assert issues_of(ex) == [("warning", 2, "coordinateur « Ville de Lyon » : aucun membre de ce nom ; lu comme un "
                                            "acteur hors du registre")]


def test_a_coordinator_written_as_a_variant_of_a_members_name_is_that_member():
    ex = register("# ptce: P\n# coordinateur: Association DanaeCare\nname;kind;circle;joined;siren\n"
                  "DanaeCare;association;coeur;2024-01-01;423456789\n")
    assert (ex.graph.value(URIRef(ID + "actor/p"), MAI.coordinatedBy), ex.issues) == (
        URIRef(ID + "actor/siren-423456789"), [])


# 8. Control characters.

def test_a_nul_byte_in_a_cell_is_removed_with_a_warning_naming_its_line():
    ex = register("# ptce: P\nname;kind;circle;joined\nA\x00B;association;coeur;2024-01-01\n")
    assert (memberships(ex), issues_of(ex)) == ([("p/ab", "ab")], [("warning", 3, (
        "caractère de contrôle U+0000 dans la ligne, retiré (export abîmé ?) : valeurs à vérifier à leur source"))])


def test_a_nul_byte_in_a_yaml_register_is_removed_with_a_warning_naming_its_line_instead_of_a_refusal_without_one():
    ex = register("format: maillage-register/1\nptce:\n  name: P\nmembers:\n"
                  "  - {name: \"A\x00B\", kind: association, circle: coeur, joined: 2024-01-01}\n", "r.yaml")
    assert (memberships(ex), issues_of(ex)) == ([("p/ab", "ab")], [("warning", 5, (
        "caractère de contrôle U+0000 dans la ligne, retiré (export abîmé ?) : valeurs à vérifier à leur source"))])


# 9. A cell too long to be a value.

def test_a_cell_longer_than_the_csv_readers_limit_refuses_the_register_naming_its_line():
    refused = refusal("# ptce: P\nname;kind;circle;joined;left;themes\nA;association;coeur;2024-01-01;;aidants\n"
                      "B;association;coeur;2024-01-01;;" + "x" * 140_000 + "\n")
    assert (refused.issue.line, refused.issue.message) == (4, (
        "cellule de plus de 131072 caractères : trop longue pour une valeur du registre (un guillemet jamais fermé ?) "
        "; registre refusé"))
