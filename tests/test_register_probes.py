"""The partner register as coordinators' spreadsheets and editors write it: notes and comments among the members,
lists in one cell, YAML sections that are no lists, short months, common column titles, kinds and identifiers."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from graph.ingest.base import InputError, SourceContext
from graph.ingest.register import extract
from graph.namespaces import MAI, ORG
from tests.test_register import xlsx

ID = "https://w3id.org/maillage/id/"
HEADER = "name;kind;circle;joined;left;themes"


def csv_register(*rows: str, header: str = HEADER) -> object:
    return extract(SourceContext(Path("r.csv"), ("# ptce: P\n" + header + "\n" + "\n".join(rows) + "\n").encode()))


def member_names(ex) -> list[str]:
    return sorted(str(ex.graph.value(m, ORG.member)).rsplit("/", 1)[1] for m in ex.graph.subjects(RDF.type,
                                                                                                ORG.Membership))


def issues_of(ex) -> list[tuple]:
    return [(i.level, i.line, i.message) for i in ex.issues]


NOTE = ("une seule cellule remplie (« {} ») : ligne lue comme une note (total, titre de section, remarque) et ignorée, "
        "pas comme un membre ; si c'en est un, donnez aussi son type et son cercle")


# 1. Notes, totals, sections and comments are no members.

@pytest.mark.parametrize("row, said", [
    ("Total : 5 membres;;;;;", NOTE.format("Total : 5 membres")),
    ("Membres sortis;;;;;", NOTE.format("Membres sortis")),
    ("# --- membres actuels ---", "commentaire « # --- membres actuels --- » : ligne ignorée, ce n'est pas un membre"),
    ('"# anciens membres, partis en 2024";;;;;', "commentaire « # anciens membres, partis en 2024 » : ligne "
                                                 "ignorée, ce n'est pas un membre"),
])
def test_a_csv_line_of_one_cell_or_a_comment_among_the_members_is_reported_as_a_note_not_read_as_a_member(row, said):
    ex = csv_register("A;association;coeur;2024-01-01;;aidants", row, "B;association;partenaires;2023-01-01;;")
    assert (member_names(ex), issues_of(ex)) == (["a", "b"], [("warning", 4, said)])


def test_a_comment_line_is_a_note_whatever_the_column_order_not_a_member_without_a_name():
    ex = extract(SourceContext(Path("r.csv"), (
        "# ptce: P\nCircle,Name,Kind,Joined\ncoeur,A,association,2024-09-01\n\n# anciens membres\n"
        "partenaires,B,entreprise,2024-06-01\n").encode()))
    assert (member_names(ex), issues_of(ex)) == (["a", "b"], [
        ("warning", 5, "commentaire « # anciens membres » : ligne ignorée, ce n'est pas un membre")])


def test_a_sheets_note_below_its_members_is_reported_with_its_row_not_read_as_a_member():
    ex = extract(SourceContext(Path("registre.xlsx"), xlsx([
        ["# ptce: P"], ["Nom", "Type", "Cercle", "Date d'adhésion"], ["A", "association", "coeur", "2024-10-15"], [],
        ["Mise à jour le 12/03/2025 par la coordination"]])))
    assert (member_names(ex), issues_of(ex)) == (["a"], [
        ("warning", 5, NOTE.format("Mise à jour le 12/03/2025 par la coordination"))])


# 2. Lists in one cell.

@pytest.mark.parametrize("themes", [
    '"aidants; vieillissement"', '"aidants\nvieillissement"', "aidants / vieillissement",
])
def test_themes_in_one_cell_are_split_at_semicolons_line_breaks_and_spaced_slashes(themes):
    ex = csv_register(f"A;association;coeur;2024-01-01;;{themes}")
    subjects = sorted(str(t).rsplit("/", 1)[1] for t in ex.graph.objects(URIRef(ID + "actor/a"), DCTERMS.subject))
    assert (subjects, issues_of(ex)) == (["aidants", "vieillissement"], [])


def test_a_slash_without_spaces_stays_inside_its_value():
    ex = csv_register("A;association;coeur;2024-01-01;;relation soignant/patient")
    subjects = [str(t).rsplit("/", 1)[1] for t in ex.graph.objects(URIRef(ID + "actor/a"), DCTERMS.subject)]
    assert (subjects, issues_of(ex)) == (["relation-soignant-soigne"], [])


def test_a_sheets_cell_of_themes_on_two_lines_gives_two_themes_and_a_name_on_two_lines_one_name():
    ex = extract(SourceContext(Path("registre.xlsx"), xlsx([
        ["# ptce: P"], ["Nom", "Type", "Cercle", "Date d'adhésion", "Thèmes"],
        ["Coopérative\nSanté", "association", "coeur", "2024-10-15", "e-santé\ntélémédecine"]])))
    coop = URIRef(ID + "actor/cooperative-sante")
    assert (sorted(str(t).rsplit("/", 1)[1] for t in ex.graph.objects(coop, DCTERMS.subject)), issues_of(ex)) == (
        ["e-sante", "telemedecine"], [])


@pytest.mark.parametrize("goals, served", [
    ("1 et 2", ["1", "2"]), ('"1;2"', ["1", "2"]), ('"1\n2"', ["1", "2"]), ("objectif 1 et 2", ["1", "2"]),
    ("1, 2 et 3", ["1", "2", "3"]),
])
def test_goals_in_one_cell_are_split_as_themes_are_and_at_et(goals, served):
    ex = extract(SourceContext(Path("r.csv"), (
        "# ptce: P\n# objectif 1: Un\n# objectif 2: Deux\n# objectif 3: Trois\nname;kind;circle;joined;goals\n"
        f"A;association;coeur;2024-01-01;{goals}\n").encode()))
    goals = sorted(str(g).rsplit("/", 1)[1] for g in ex.graph.objects(URIRef(ID + "actor/a"), MAI.contributesTo))
    assert (goals, issues_of(ex)) == (served, [])


def test_a_row_whose_quoted_cell_spans_two_lines_is_reported_at_its_first_line():
    ex = csv_register('A;martien;coeur;2024-01-01;;"aidants\nvieillissement"')
    assert [(i.line, i.field) for i in ex.issues] == [(3, "kind")]


# 3. YAML sections that are no lists.

YAML_HEAD = "format: maillage-register/1\nptce:\n  name: P\n"


@pytest.mark.parametrize("section, line, said", [
    ("members:\n  DanaeCare:\n    kind: association\n    circle: coeur\n", 5,
     "la clé members attend une liste « - name: … », un tiret devant chaque membre : écrite ici comme une table "
     "nommant chaque membre (« DanaeCare: ») ; écrivez « - name: DanaeCare »"),
    ("membres:\n  nom: DanaeCare\n  type: association\n", 5,
     "la clé membres attend une liste « - nom: … », un tiret devant chaque membre : un seul membre écrit sans tiret ? "
     "écrivez « - nom: … »"),
    ("members:\n  - name: A\nactions:\n  Cartographie:\n    goal: 1\n", 7,
     "la clé actions attend une liste « - title: … », un tiret devant chaque action : écrite ici comme une table "
     "nommant chaque action (« Cartographie: ») ; écrivez « - title: Cartographie »"),
    ("members: DanaeCare\n", 4, "la clé members attend une liste « - name: … », un tiret devant chaque membre"),
])
def test_a_yaml_section_written_as_a_mapping_refuses_the_register_saying_it_expects_a_list_and_where(
        section, line, said):
    with pytest.raises(InputError) as refused:
        extract(SourceContext(Path("r.yaml"), (YAML_HEAD + section).encode()))
    assert (refused.value.issue.line, refused.value.issue.message) == (line, said)


def test_the_ptces_goals_may_be_written_as_a_mapping_of_ranks_to_labels():
    ex = extract(SourceContext(Path("r.yaml"), (
        YAML_HEAD + "  goals:\n    1: Prévenir la perte d'autonomie\n    2: Soutenir les aidants\n"
        "members:\n  - {name: A, kind: association, circle: coeur, joined: 2024-01-01, goals: [2]}\n").encode()))
    goal = URIRef(ID + "goal/p/2")
    assert (str(ex.graph.value(goal, SKOS.prefLabel)), ex.graph.value(URIRef(ID + "actor/a"), MAI.contributesTo),
            issues_of(ex)) == ("Soutenir les aidants", goal, [])


def test_goals_mapping_with_a_key_that_is_no_rank_is_refused_saying_what_it_expects():
    with pytest.raises(InputError) as refused:
        extract(SourceContext(Path("r.yaml"), (YAML_HEAD + "  goals:\n    Prévenir: oui\nmembers:\n  - name: A\n")
                              .encode()))
    assert (refused.value.issue.line, refused.value.issue.message) == (5, (
        "la clé goals attend une liste « - rank: … », un tiret devant chaque objectif ou une table de rangs « 1: "
        "libellé »"))


# 4. Months cut short.

@pytest.mark.parametrize("written, day, warning", [
    ("20 nov. 2024", "2024-11-20", None), ("1 déc. 2024", "2024-12-01", None), ("16 sept. 2024", "2024-09-16", None),
    ("1er févr. 2024", "2024-02-01", None), ("16-mai-2024", "2024-05-16", None),
    ("16-mai-24", "2024-05-16", "date « 16-mai-24 » : année écrite sur deux chiffres, lue 2024"),
    ("janv. 2024", "2024-01-01", "date « janv. 2024 » : jour non précisé : le 1er du mois est retenu"),
])
def test_an_entry_date_whose_month_is_cut_short_is_read(written, day, warning):
    ex = csv_register(f"A;association;coeur;{written};;")
    assert (str(ex.graph.value(URIRef(ID + "membership/p/a"), MAI.joinedOn)), [i.message for i in ex.issues]) == (
        day, ["membre « A » : " + warning] if warning else [])


def test_an_impossible_date_with_a_short_month_is_told_as_written():
    ex = csv_register("A;association;coeur;31 sept. 2024;;")
    assert [i.message for i in ex.issues] == [
        "membre « A » : date impossible « 31 sept. 2024 » : ignorée, le membre est enregistré sans date d'entrée"]


# 5. Common column titles.

@pytest.mark.parametrize("header, number", [
    ("Nom de la structure;Type de structure;Cercle d'implication;Start date;End date;Thème;Objectif;N° SIRET;"
     "Numéro RNA", "423 456 789 00019"),
    ("Structure;Catégorie;Cercle;Date d'entrée;Date de sortie;Topics;Objectif;N° SIREN;N° RNA", "423 456 789"),
])
def test_common_column_titles_are_read_as_the_registers_columns(header, number):
    ex = extract(SourceContext(Path("r.csv"), (
        f"# ptce: P\n# objectif 1: Un\n{header}\nA;association;coeur;2024-01-01;2025-06-30;aidants;1;{number};"
        "W423000001\n").encode()))
    a, m = URIRef(ID + "actor/siren-423456789"), URIRef(ID + "membership/p/a")
    assert ([i.message for i in ex.issues], str(ex.graph.value(a, MAI.rna)), str(ex.graph.value(m, MAI.leftOn)),
            [str(o).rsplit("/", 1)[1] for p in (DCTERMS.subject, MAI.contributesTo) for o in ex.graph.objects(a, p)]
            ) == ([], "W423000001", "2025-06-30", ["aidants", "1"])


# 6. A SIRET against a SIREN that was repaired.

def test_a_valid_sirets_siren_wins_over_a_siren_whose_leading_zeros_were_guessed():
    ex = csv_register("Laboratoire X;universite;partenaires;2025-01-10;;;42345678;42345678900019",
                      header=HEADER + ";siren;siret")
    lab = URIRef(ID + "actor/siren-423456789")
    assert (str(ex.graph.value(lab, MAI.siret)), [(i.field, i.message) for i in ex.issues]) == ("42345678900019", [
        ("siren", "membre « Laboratoire X » : SIREN « 42345678 » incomplet : celui du SIRET 42345678900019 "
                  "(423456789) est retenu, et non 042345678 (ses zéros de tête rétablis, d'un autre SIREN que le "
                  "SIRET)")])


# 7. Kinds that the vocabulary does not name.

@pytest.mark.parametrize("kind, cls", [
    ("Commune", MAI.PublicAuthority), ("ESS", MAI.Enterprise), ("NGO", MAI.Association), ("Company", MAI.Enterprise),
    ("Users group", MAI.UserGroup), ("fondation", MAI.Actor),
])
def test_kinds_that_coordinators_write_get_the_class_that_fits_without_a_warning(kind, cls):
    ex = csv_register(f"A;{kind};coeur;2024-01-01;;")
    assert (issues_of(ex), (URIRef(ID + "actor/a"), RDF.type, cls) in ex.graph) == ([], True)
