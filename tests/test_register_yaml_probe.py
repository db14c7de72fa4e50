"""The YAML partner register against a reviewer's probe: a grant entry whose beneficiary's name contradicts its
SIREN, a key written twice in one inline mapping, a list where a text is expected, a goal of rank 0 or -1 and an
action that ends before it starts — each refused or reported with its line, none stored wrongly."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from graph.ingest.base import InputError, SourceContext
from graph.ingest.register import extract
from graph.namespaces import SCHEMA

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DELIBERATION = EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
ID = "https://w3id.org/maillage/id/"
METROPOLE = URIRef(ID + "actor/siren-244200770")

HEAD = """format: maillage-register/1
ptce:
  name: P
  goals: [{rank: 1, label: Un}, {rank: 2, label: Deux}, {rank: 3, label: Trois}]
members:
  - {name: DanaeCare, kind: association, circle: coeur, joined: 2024-05-16}
  - {name: Saint-Etienne Métropole, kind: collectivite, siren: "244200770", circle: financeurs, joined: 2024-05-16}
"""
CONTRADICTED = "grants:\n  - {beneficiary: DanaeCare, siren: \"244200770\", deliberation: 2024.00240, goals: [3]}\n"


def register(text: str) -> object:
    return extract(SourceContext(Path("r.yaml"), text.encode()))


def refusal(text: str) -> InputError:
    with pytest.raises(InputError) as refused:
        register(text)
    return refused.value


# 1. A grant entry's identifiers narrow which grant it means; its beneficiary's name names no actor.

def test_a_grant_beneficiary_given_with_another_members_siren_does_not_name_that_actor():
    ex = register(HEAD + CONTRADICTED)
    assert Literal("DanaeCare") not in set(ex.graph.objects(METROPOLE, RDFS.label)) | set(
        ex.graph.objects(METROPOLE, SKOS.altLabel))


def test_a_grant_beneficiary_that_contradicts_its_siren_is_reported_with_the_entry_line():
    ex = register(HEAD + CONTRADICTED)
    assert [(i.level, i.line, i.message) for i in ex.issues] == [("warning", 9, (
        "financement : le SIREN 244200770 est celui du membre « Saint-Etienne Métropole » (ligne 7), pas de "
        "« DanaeCare » : ce financement ne désigne aucune subvention ; corrigez le bénéficiaire ou le SIREN"))]


def test_a_grant_beneficiary_that_agrees_with_its_siren_is_not_reported():
    ex = register(HEAD + CONTRADICTED.replace("DanaeCare", "Saint-Etienne Métropole"))
    assert ex.issues == []


def test_an_ingested_grant_beneficiary_contradicting_its_siren_renames_no_actor_and_links_nothing(tmp_path):
    from graph.ingest.pipeline import ingest_paths
    from graph.namespaces import sparql_prologue
    from graph.store import open_store

    path = tmp_path / "r.yaml"
    path.write_text(HEAD + CONTRADICTED, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        for source in (DELIBERATION, path):
            ingest_paths(store, [source])
        labels = {str(row[0]) for row in store.query(
            sparql_prologue() + "SELECT ?l WHERE { GRAPH ?g { ?a rdfs:label|skos:altLabel ?l } }",
            {"a": METROPOLE})}
        links = list(store.query(sparql_prologue() + "SELECT ?g WHERE { ?g a mai:Grant ; mai:contributesTo ?o }"))
    finally:
        store.close()
    assert "DanaeCare" not in labels and links == []


# 2. A key written twice in one inline mapping is refused as on two lines.

def test_a_key_written_twice_in_one_inline_mapping_refuses_the_register_naming_its_line():
    refused = refusal("ptce: {name: P}\nmembers:\n  - {name: A1, kind: association, circle: coeur, joined: 2024-01-01, "
                      "circle: financeurs}\n")
    assert (refused.issue.line, refused.issue.field, refused.issue.message) == (3, "circle", (
        "clé « circle » en double, ligne 3 : YAML ne garderait que la seconde ; fusionnez-les ou renommez l'une"))


# 3. A list or a mapping where a text is expected.

@pytest.mark.parametrize("text, line, key", [
    ("ptce:\n  name: P\n  description: [a, b]\nmembers:\n  - {name: A, kind: association, circle: coeur}\n",
     3, "description"),
    ("ptce:\n  name: P\n  territoire:\n    ville: Loire\nmembers:\n  - {name: A, kind: association, circle: coeur}\n",
     4, "territoire"),
    ("ptce: {name: P}\nmembers:\n  - {name: A, kind: association, circle: coeur}\nactions:\n  - {title: [a, b]}\n",
     5, "title"),
    ("ptce: {name: P, goals: [{rank: 1, label: Un}]}\nmembers:\n  - {name: A, kind: association, circle: coeur}\n"
     "grants:\n  - {deliberation: 2024.00240, beneficiary: [A1, A2], goals: [1]}\n", 5, "beneficiary"),
], ids=["ptce-description", "ptce-territory", "action-title", "grant-beneficiary"])
def test_a_list_or_a_mapping_where_a_text_is_expected_refuses_the_register_naming_its_line_and_key(text, line, key):
    refused = refusal(text)
    assert (refused.issue.line, refused.issue.field) == (line, key)
    assert refused.issue.message.startswith(f"« {key} » attend un texte, pas une ")


# 4. A goal's rank is a positive integer.

@pytest.mark.parametrize("rank", [0, -1])
def test_a_goal_rank_that_is_not_positive_is_refused_naming_its_line_and_mints_no_goal(rank):
    ex = register(f"ptce:\n  name: P\n  goals:\n    - {{rank: 1, label: Un}}\n    - {{rank: {rank}, label: Autre}}\n"
                  "members:\n  - {name: A, kind: association, circle: coeur, joined: 2024-01-01}\n")
    assert [(i.level, i.line, i.message) for i in ex.issues] == [("error", 5, (
        f"objectif de rang {rank} : un rang est un entier positif (1, 2, 3…) ; objectif ignoré"))]
    assert set(ex.graph.subjects(SKOS.prefLabel, Literal("Autre", lang="fr"))) == set()


# 5. An action that ends before it starts.

def test_an_action_ending_before_it_starts_is_reported_and_its_end_date_ignored():
    ex = register("ptce: {name: P}\nmembers:\n  - {name: A, kind: association, circle: coeur, joined: 2024-01-01}\n"
                  "actions:\n  - {title: A1, start: 2025-01-01, end: 2024-01-01}\n")
    assert [(i.level, i.line, i.message) for i in ex.issues] == [("warning", 5, (
        "date de fin (2024-01-01) avant la date de début (2025-01-01) : date de fin ignorée ; corrigez l'une des "
        "deux"))]
    assert list(ex.graph.objects(URIRef(ID + "action/p/a1"), SCHEMA.startDate)) != []
    assert list(ex.graph.objects(URIRef(ID + "action/p/a1"), SCHEMA.endDate)) == []
