"""A roadmap action reworded by a new version of its register, without ``id:``: its old address, minted from its
old title, is recorded as replaced by its new one (``dcterms:isReplacedBy``, as a renamed member's) and kept across
later versions, its old title stays a name of it (``skos:hiddenLabel``), the change summary says « action
reformulée », and actions of one goal that cannot be paired are told, not guessed.

Fixture strategy: each test writes the versions of a small register under ``tmp_path`` and ingests them one after
the other into a fresh store (tests.test_source_renames.ingest_versions), then reads the store or the last report.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import SKOS

from graph.ingest.base import source_iri
from graph.namespaces import DEFAULT_BASE
from graph.store import open_store
from tests.test_source_renames import client_after, ingest_versions, renames

HEAD = ("format: maillage-register/1\nptce:\n  nom: P\n  objectifs:\n    - {rang: 1, libellé: Un}\n"
        "membres:\n  - {nom: A, cercle: coeur, date d'entrée: 2024-04-01}\nactions:\n")
ACTION = DEFAULT_BASE + "action/p/"


def register(*titles: str) -> str:
    """A register whose actions, all of goal 1, have these ``titles``."""
    return HEAD + "".join(f"  - {{titre: {title}, objectif: 1}}\n" for title in titles)


def summary(report) -> tuple[str, str]:
    """The change summary of an ingest's report (French, English)."""
    [issue] = [i for i in report.issues if i.message.startswith("ce que change")]
    return issue.message, issue.message_en


def old_titles(tmp_path) -> set[tuple[str, str]]:
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        rows = store.query("SELECT ?x ?name WHERE { GRAPH ?g { ?x ?hidden ?name } }",
                           {"g": URIRef(source_iri(tmp_path / "r.yaml", DEFAULT_BASE)), "hidden": SKOS.hiddenLabel})
        return {(str(x), str(name)) for x, name in rows}
    finally:
        store.close()


def test_a_reworded_action_is_recorded_as_replaced_by_its_new_address(tmp_path):
    ingest_versions(tmp_path, register("Cartographie des acteurs", "Forum"),
                    register("Cartographie des acteurs du territoire", "Forum"))
    assert renames(tmp_path) == {
        (ACTION + "cartographie-des-acteurs", ACTION + "cartographie-des-acteurs-du-territoire")}


def test_a_reworded_action_keeps_its_old_title_as_a_hidden_label(tmp_path):
    ingest_versions(tmp_path, register("Cartographie des acteurs"), register("Cartographie des acteurs du territoire"))
    assert old_titles(tmp_path) == {(ACTION + "cartographie-des-acteurs-du-territoire", "Cartographie des acteurs")}


def test_the_change_summary_says_an_action_was_reworded_in_french_then_english(tmp_path):
    report = ingest_versions(tmp_path, register("Cartographie des acteurs"),
                             register("Cartographie des acteurs du territoire"))
    assert summary(report) == (
        "ce que change la nouvelle version de « r.yaml » : 1 action reformulée (« Cartographie des acteurs » → "
        "« Cartographie des acteurs du territoire »)",
        "what the new version of 'r.yaml' changes: 1 action reworded ('Cartographie des acteurs' → "
        "'Cartographie des acteurs du territoire')")


def test_a_later_version_keeps_the_rewording_and_the_old_title(tmp_path):
    ingest_versions(tmp_path, register("Cartographie des acteurs"), register("Cartographie des acteurs du territoire"),
                    register("Cartographie des acteurs du territoire", "Forum"))
    assert (renames(tmp_path), old_titles(tmp_path)) == (
        {(ACTION + "cartographie-des-acteurs", ACTION + "cartographie-des-acteurs-du-territoire")},
        {(ACTION + "cartographie-des-acteurs-du-territoire", "Cartographie des acteurs")})


def test_the_old_address_of_a_reworded_action_redirects_to_its_new_one(tmp_path):
    with client_after(tmp_path, register("Cartographie des acteurs"),
                      register("Cartographie des acteurs du territoire")) as client:
        response = client.get("/id/action/p/cartographie-des-acteurs.json")
    assert (response.status_code, response.headers["Location"]) == (
        302, "/id/action/p/cartographie-des-acteurs-du-territoire.json")


def test_an_action_replaced_by_an_unrelated_one_is_no_rewording(tmp_path):
    report = ingest_versions(tmp_path, register("Cartographie des acteurs"), register("Forum annuel"))
    assert (renames(tmp_path), "reformulée" in summary(report)[0]) == (set(), False)


def test_two_actions_of_one_goal_reworded_alike_are_told_not_paired(tmp_path):
    report = ingest_versions(tmp_path, register("Atelier santé A", "Atelier santé B"),
                             register("Atelier santé C", "Atelier santé D"))
    assert renames(tmp_path) == set()
    assert (
        "2 actions de l'objectif 1 retirées et 2 ajoutées : si certaines sont reformulées, leurs titres ne disent "
        "pas lesquelles, et leurs anciennes adresses ne mènent pas aux nouvelles ; donnez à chaque action un id: "
        "pour garder son adresse") in summary(report)[0]


def test_two_actions_of_one_goal_reworded_each_its_own_way_are_paired(tmp_path):
    ingest_versions(tmp_path, register("Cartographie des acteurs", "Rencontres trimestrielles des aidants"),
                    register("Cartographie des acteurs du territoire", "Rencontres mensuelles des aidants"))
    assert renames(tmp_path) == {
        (ACTION + "cartographie-des-acteurs", ACTION + "cartographie-des-acteurs-du-territoire"),
        (ACTION + "rencontres-trimestrielles-des-aidants", ACTION + "rencontres-mensuelles-des-aidants")}


def test_an_action_reworded_under_its_id_keeps_its_address_and_its_old_title(tmp_path):
    with_id = HEAD + "  - {id: carto, titre: TITLE, objectif: 1}\n"
    report = ingest_versions(tmp_path, with_id.replace("TITLE", "Cartographie"),
                             with_id.replace("TITLE", "Annuaire des acteurs"))
    assert (renames(tmp_path), old_titles(tmp_path)) == (set(), {(ACTION + "carto", "Cartographie")})
    assert "1 action reformulée (« Cartographie » → « Annuaire des acteurs »)" in summary(report)[0]


def test_a_reworded_action_is_found_by_its_old_title(tmp_path):
    from tests.test_register_lifecycle import client_after as indexed_client

    with indexed_client(tmp_path, register("Cartographie des soignants du Forez"),
                        register("Cartographie des soignants")) as client:
        found = client.get("/api/search", query_string={"q": "Forez"}).get_json()
    assert ACTION + "cartographie-des-soignants" in [r["iri"] for r in found["results"]]
