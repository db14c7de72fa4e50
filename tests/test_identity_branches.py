"""Branches of one body that deliberations tell apart ("l'antenne gardoise de la Ligue contre le cancer", "Les Restos
du Cœur – antenne de Luzech") are actors of their own, named with their branch, in one deliberation or several: no
branch is folded into another nor into the body, and the body named alone stays the body."""

from __future__ import annotations

import pytest

from graph.ingest.delib_grants import find_grants
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

GARD, HERAULT, BODY = ("Ligue contre le cancer – antenne gardoise", "Ligue contre le cancer – antenne héraultaise",
                       "Ligue contre le cancer")
LUZECH, CAHORS = "Restos du Cœur – antenne de Luzech", "Restos du Cœur – antenne de Cahors"
#: What each deliberation decides, by its file's name (its commune and number).
GRANTS_TO = {
    "gard": "DÉCIDE d'attribuer une subvention de 1 500 € à l'antenne gardoise de la Ligue contre le cancer.",
    "herault": "DÉCIDE d'attribuer une subvention de 2 000 € à l'antenne héraultaise de la Ligue contre le cancer.",
    "both": ("DÉCIDE d'attribuer une subvention de 1 500 € à l'antenne gardoise de la Ligue contre le cancer et une "
             "subvention de 2 000 € à l'antenne héraultaise de la Ligue contre le cancer."),
    "body": "DÉCIDE d'attribuer une subvention de 700 € à la Ligue contre le cancer.",
    "luzech": "DÉCIDE d'attribuer une subvention de 300 € aux Restos du Cœur – antenne de Luzech.",
    "cahors": "DÉCIDE d'attribuer une subvention de 500 € aux Restos du Cœur – antenne de Cahors.",
    "listed": ("ATTRIBUE les subventions suivantes :\n- Les Restos du Cœur – antenne de Luzech : 300 € ;\n"
               "- Les Restos du Cœur – antenne de Cahors : 500 €."),
}
ACTORS = """PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label (SUM(?amount) AS ?total) WHERE {
  { SELECT DISTINCT ?grant ?actor ?amount WHERE { ?grant mai:beneficiary ?actor ; <http://schema.org/amount> ?amount } }
  ?actor rdfs:label ?label } GROUP BY ?actor ?label ORDER BY ?label"""


def deliberation(folder, name: str, number: int, grants_to: dict[str, str] | None = None):
    """The deliberation n° 2024-``number`` of the commune ``name``, which grants what ``grants_to`` (GRANTS_TO by
    default) says of it."""
    path = folder / f"commune-{name}-2024-{number:03d}.txt"
    path.write_text(f"COMMUNE DE {name.upper()}\nSéance du Conseil municipal du 5 avril 2024\n"
                    f"Délibération n° 2024-{number:03d}\n\nObjet : Subventions aux associations de santé\n\n"
                    f"Le Conseil municipal, après en avoir délibéré,\n\n{(grants_to or GRANTS_TO)[name]}\n\n"
                    "Adopté à l'unanimité.\n", encoding="utf-8")
    return path


def actors_after(tmp_path, *names: str) -> list[tuple[str, str]]:
    """Ingest the deliberations ``names``, one after the other, into a new store; return each beneficiary's label
    and the sum of its grants."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    for number, name in enumerate(names, 1):
        failures = []
        ingest_paths(store, [deliberation(tmp_path, name, number)],
                     on_report=lambda report, error, path: error and failures.append(error))
        assert failures == []
    return sorted((str(label), str(total)) for label, total in store.query(ACTORS))


@pytest.mark.parametrize("names, actors", [
    (("gard", "herault", "body"), [(BODY, "700"), (GARD, "1500"), (HERAULT, "2000")]),
    (("body", "both"), [(BODY, "700"), (GARD, "1500"), (HERAULT, "2000")]),
    (("luzech", "cahors"), [(CAHORS, "500"), (LUZECH, "300")]),
    (("luzech", "cahors", "listed"), [(CAHORS, "1000"), (LUZECH, "600")]),  # the list's branches: the same two
], ids=["small letters, one deliberation each", "small letters, one deliberation", "dashes, one deliberation each",
        "dashes, then both in a list"])
def test_each_branch_that_deliberations_tell_apart_is_an_actor_of_its_own(tmp_path, names, actors):
    assert actors_after(tmp_path, *names) == actors


def test_two_branches_in_small_letters_in_one_clause_are_two_beneficiaries_named_with_their_branch():
    found = find_grants(GRANTS_TO["both"], "")
    assert sorted((g.beneficiary, str(g.amount)) for g in found.grants) == [(GARD, "1500"), (HERAULT, "2000")]
    assert found.warnings == []  # not « reçoit 2 subventions que ni leur nature ni leur objet ne distinguent »


@pytest.mark.parametrize("item", [
    "– 1 200 € à l'antenne locale des Restos du Cœur ;",  # every body has its local antenna: the body
    "– 1 200 € à la délégation départementale de l'APF France handicap ;",
])
def test_a_branch_whose_words_tell_it_from_no_other_stays_the_body_s(item):
    grants = find_grants("DÉCIDE d'attribuer les subventions suivantes :\n" + item + "\n\nAdopté.", "").grants
    assert [g.bracket for g in grants] == [None]


GRANTS = """PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?grant ?label ?amount WHERE { ?grant a mai:Grant ; mai:beneficiary ?actor ; <http://schema.org/amount> ?amount .
  ?actor rdfs:label ?label }"""
#: More deliberations: a branch named in small letters and after its body's dash in one text, and given two grants.
GRANTS_TO |= {
    "mixed": ("DÉCIDE d'attribuer une subvention de 1 500 € à l'antenne gardoise de la Ligue contre le cancer et une "
              "subvention de 2 000 € à la Ligue contre le cancer – antenne gardoise."),
    "twice": ("DÉCIDE d'attribuer à l'antenne gardoise de la Ligue contre le cancer une subvention de fonctionnement "
              "de 1 500 € et une subvention d'investissement de 2 000 €."),
}


def grants_of(store) -> list[tuple[str, str, str]]:
    """Each grant of ``store``: its IRI after ``…/grant/``, its beneficiary's label, its amount."""
    return sorted((str(grant).rpartition("/grant/")[2], str(label), str(amount))
                  for grant, label, amount in store.query(GRANTS))


@pytest.mark.parametrize("name, grants", [
    ("gard", [("commune-gard/2024-001/ligue-contre-cancer-antenne-gardoise", GARD, "1500")]),
    ("luzech", [("commune-luzech/2024-001/restos-coeur-antenne-luzech", LUZECH, "300")]),
    ("mixed", [("commune-mixed/2024-001/ligue-contre-cancer-antenne-gardoise", GARD, "2000"),
               ("commune-mixed/2024-001/ligue-contre-cancer-antenne-gardoise-2", GARD, "1500")]),
    ("twice", [("commune-twice/2024-001/ligue-contre-cancer-antenne-gardoise", GARD, "1500"),
               ("commune-twice/2024-001/ligue-contre-cancer-antenne-gardoise-2", GARD, "2000")]),
    ("both", [("commune-both/2024-001/ligue-contre-cancer-antenne-gardoise", GARD, "1500"),
              ("commune-both/2024-001/ligue-contre-cancer-antenne-heraultaise", HERAULT, "2000")]),
], ids=["small letters", "dash", "both ways in one text", "two grants", "two branches"])
def test_a_branchs_grants_are_named_after_the_branch_each_its_own_and_again_so_when_ingested_again(
        tmp_path, name, grants):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    path = deliberation(tmp_path, name, 1)
    ingest_paths(store, [path])
    assert grants_of(store) == grants
    ingest_paths(store, [path], force=True)
    assert grants_of(store) == grants


def test_an_erratums_grant_to_a_branch_replaces_the_corrected_grant_under_its_branchs_name(tmp_path):
    item = "– Les Restos du Cœur – antenne de Luzech : {} €"
    (tmp_path / "deliberation-2024-001.txt").write_text(
        "COMMUNE DE LUZECH\n\nSéance du Conseil municipal du 5 avril 2024\nDélibération n° 2024-001\n\nObjet : "
        "Subventions aux associations\n\nLe Conseil municipal, après en avoir délibéré,\n\nATTRIBUE les subventions "
        f"suivantes :\n   {item.format(300)}\n\nAdopté à l'unanimité.\n", encoding="utf-8")
    (tmp_path / "erratum-2024-001.txt").write_text(
        "COMMUNE DE LUZECH\n\nERRATUM\n\nà la délibération n° 2024-001 du Conseil municipal du 5 avril 2024\n"
        "« Subventions aux associations »\n\nUne erreur matérielle de saisie s'est glissée dans la délibération "
        f"susvisée.\n\nAu lieu de :\n   « {item.format(300)} »\nIl convient de lire :\n   « {item.format(350)} »\n\n"
        "Les autres dispositions de la délibération n° 2024-001 restent inchangées.\n\nLe Maire,\nJean DUPONT\n",
        encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    ingest_paths(store, [tmp_path / "deliberation-2024-001.txt", tmp_path / "erratum-2024-001.txt"])
    rows = store.query("SELECT DISTINCT ?new ?old WHERE { ?new <http://purl.org/dc/terms/replaces> ?old . "
                       "?old a <https://w3id.org/maillage/ontology#Grant> }")
    assert [tuple(str(iri).rpartition("/grant/")[2] for iri in row) for row in rows] == [
        ("commune-luzech/2024-001-erratum/restos-coeur-antenne-luzech",
         "commune-luzech/2024-001/restos-coeur-antenne-luzech")]
