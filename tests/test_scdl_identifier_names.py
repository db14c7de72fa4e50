"""One SIRET, two unrelated names in two grants lists: the ingest of the second says so at the row that gives the
SIRET, and at the rows that its name alone joins to that actor; names that are variants of each other are not told."""

from __future__ import annotations

import pytest
from rdflib import URIRef
from rdflib.namespace import RDFS

from graph.identity_names import names_related
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

HEAD = "nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;montant\n"
ANTIBES = HEAD + ("Ville d'Antibes;21060004500012;2015-07-07;CONV 2074-15;CEA DU PERSONNEL DE LA VILLE D'ANTIBES;"
                  "52499120500013;99786.57\n")
POITIERS = HEAD + ("Ville de Poitiers;21860194600013;2016-12-05;2016-0391;Trouver sonnette a son pied;52499120500013;"
                   "10000\n"
                   "Ville de Poitiers;21860194600013;2017-04-10;2017-0049;Union poitiers basket 86;38033590100027;"
                   "2000\n"
                   "Ville de Poitiers;21860194600013;2017-04-10;2017-0050;Trouver sonnette a son pied;45032466000000;"
                   "10000\n")


@pytest.fixture
def store(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    yield store
    store.close()


def _ingest(store, tmp_path, lists: list[tuple[str, str]]):
    for name, text in lists:
        (tmp_path / name).write_text(text, encoding="utf-8")
    return ingest_paths(store, [tmp_path / name for name, _ in lists])


def _told(report) -> list[tuple]:
    return [(i.line, i.field, i.value, i.message, i.message_en) for i in report.issues if "sans rapport" in i.message]


def test_a_siret_that_another_list_gives_an_unrelated_name_is_told_at_its_row_with_both_names(store, tmp_path):
    _, poitiers = _ingest(store, tmp_path, [("antibes.csv", ANTIBES), ("poitiers.csv", POITIERS)])
    assert _told(poitiers)[0] == (
        2, "idBeneficiaire", "52499120500013",
        "SIRET 52499120500013 donné à « Trouver sonnette a son pied », quand « antibes.csv » le nomme « CEA DU "
        "PERSONNEL DE LA VILLE D'ANTIBES », un nom sans rapport : un seul acteur sous les deux noms, l'identifiant "
        "l'emportant sur le nom ; vérifiez le numéro",
        "SIRET 52499120500013 given to 'Trouver sonnette a son pied', while 'antibes.csv' names it 'CEA DU PERSONNEL "
        "DE LA VILLE D'ANTIBES', an unrelated name: one actor under both names, the identifier outweighing the name; "
        "check the number")


def test_a_row_of_unusable_siret_that_its_name_joins_to_that_actor_is_told_at_its_row(store, tmp_path):
    _, poitiers = _ingest(store, tmp_path, [("antibes.csv", ANTIBES), ("poitiers.csv", POITIERS)])
    assert _told(poitiers)[1:] == [(
        4, "nomBeneficiaire", "Trouver sonnette a son pied",
        "bénéficiaire sans SIRET ni RNA retenu, rattaché par son nom (« Trouver sonnette a son pied ») à l'acteur du "
        "SIRET 52499120500013 (ligne 2), alors que « antibes.csv » le nomme « CEA DU PERSONNEL DE LA VILLE "
        "D'ANTIBES », un nom sans rapport : la subvention va à cet acteur ; vérifiez",
        "beneficiary without a SIRET or RNA number kept, joined by its name ('Trouver sonnette a son pied') to the "
        "actor of SIRET 52499120500013 (line 2), while 'antibes.csv' names it 'CEA DU PERSONNEL DE LA VILLE "
        "D'ANTIBES', an unrelated name: the grant goes to that actor; check it")]


def test_the_list_ingested_second_is_the_one_told_whichever_it_is(store, tmp_path):
    poitiers, antibes = _ingest(store, tmp_path, [("poitiers.csv", POITIERS), ("antibes.csv", ANTIBES)])
    assert not _told(poitiers)
    assert [(line, field) for line, field, *_ in _told(antibes)] == [(2, "idBeneficiaire")]
    assert "quand « poitiers.csv » le nomme « Trouver sonnette a son pied »" in _told(antibes)[0][3]


@pytest.mark.parametrize("name", ["C.E.A. du personnel de la Ville d'Antibes", "Cea Du Personnel Ville Antibes",
                                  "CEA DU PERSONNEL DE LA VILLE D’ANTIBES JUAN-LES-PINS", "Association CEA Antibes",
                                  "C E A Personnel Antibes", "CEA"])
def test_a_name_that_is_a_variant_of_the_other_lists_is_not_told(store, tmp_path, name):
    variant = POITIERS.replace("Trouver sonnette a son pied", name)
    _, poitiers = _ingest(store, tmp_path, [("antibes.csv", ANTIBES), ("poitiers.csv", variant)])
    assert not _told(poitiers)


@pytest.mark.parametrize("one, other, related", [
    ("CEA DU PERSONNEL DE LA VILLE D'ANTIBES JUAN-LES-PINS", "Trouver sonnette a son pied", False),
    ("Union poitiers basket 86", "Choeur de femmes sibylla", False),
    ("Trouver sonnette à son pied", "TROUVER SONNETTE A SON PIED", True),
    ("Association Raisons d'agir", "RAISONS D AGIR", True),
    ("CTRE HOSP GRPE HOSP ROCHELLE", "Centre hospitalier de La Rochelle", True),
    ("ADMR", "Aide à domicile en milieu rural", True),
    ("ASA", "Association sportive automobile d'Antibes", True),
    ("Mission locale d'insertion du Poitou", "Mision locale insertion", True),
    ("Personne physique", "Trouver sonnette a son pied", True),
])
def test_names_are_related_when_they_share_a_key_a_word_an_abbreviation_or_an_acronym(one, other, related):
    assert names_related(one, other) is related
    assert names_related(other, one) is related


def test_each_source_is_weighed_by_its_own_names_and_only_its_display_names_are_kept_as_labels(store, tmp_path):
    again = HEAD + ("Ville de Niort;21790191300011;2018-03-01;2018-0007;Trouver sonnette a son pied;52499120500013;"
                    "500\n")
    *_, niort = _ingest(store, tmp_path, [("antibes.csv", ANTIBES), ("poitiers.csv", POITIERS), ("niort.csv", again)])
    assert [(line, field) for line, field, *_ in _told(niort)] == [(2, "idBeneficiaire")]
    assert "quand « antibes.csv » le nomme « CEA DU PERSONNEL DE LA VILLE D'ANTIBES », un nom" in _told(niort)[0][3]
    labels = store.query(f"SELECT ?label WHERE {{ GRAPH ?g {{ ?actor <{RDFS.label}> ?label }} }}",
                         {"actor": URIRef("https://w3id.org/maillage/id/actor/siren-524991205")})
    assert [str(label) for label, in labels] == ["CEA DU PERSONNEL DE LA VILLE D'ANTIBES"]


def test_a_name_that_the_other_source_also_gives_the_actor_as_an_alternative_label_is_not_told(store, tmp_path):
    both = ANTIBES + ("Ville d'Antibes;21060004500012;2016-07-07;CONV 2075-16;Trouver sonnette a son pied;"
                      "52499120500013;1000\n")
    _, poitiers = _ingest(store, tmp_path, [("antibes.csv", both), ("poitiers.csv", POITIERS)])
    assert not _told(poitiers)
