"""An identifier that the store gives one actor is never attached to another: rows of one name whose identifiers
lead to two known actors (namesakes of one list, a row giving two organisations' identifiers) each go to the actor
their own identifiers name, and the conflict is warned at the line, naming both actors and the identifier."""

from __future__ import annotations

import io

import pytest

from graph.export import export_scdl
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

ACTOR = "https://w3id.org/maillage/id/actor/"
HEADER = ("nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;"
          "montant\n")
ANTIBES = HEADER + ("ANTIBES;21060004500392;2013-10-04;CONV N° 2994-13;ANTIBES RALLYE ASSOCIATION;;W322216459;33000\n"
                    "ANTIBES;21060004500392;2016-06-17;CONV N° 01-4;ASA;38033590100027;;113000\n")
PREFIX = "PREFIX mai: <https://w3id.org/maillage/ontology#> PREFIX schema: <http://schema.org/> "


@pytest.fixture
def store(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    yield store
    store.close()


def _ingest(store, tmp_path, name: str, text: str):
    (path := tmp_path / name).write_text(text, encoding="utf-8")
    (report,) = ingest_paths(store, [path])
    return report


def _rows(store, sparql: str) -> list[tuple[str, ...]]:
    return sorted(tuple(str(v) for v in row) for row in store.query(PREFIX + sparql))


def _conflicts(report) -> list[tuple[int | None, str, str]]:
    return [(i.line, i.message, i.message_en) for i in report.issues if "deux organisations" in i.message]


POITIERS = HEADER + ("Ville de Poitiers;21860194600013;2016-12-05;2016-0387;Entente sportive;;W322216459;12800\n"
                     "Ville de Poitiers;21860194600013;2016-12-05;2016-0388;Entente sportive;38033590100027;;9000\n")


def test_namesakes_of_a_list_whose_identifiers_name_two_known_actors_each_go_to_their_own(store, tmp_path):
    _ingest(store, tmp_path, "antibes.csv", ANTIBES)
    report = _ingest(store, tmp_path, "poitiers.csv", POITIERS)
    assert _rows(store, "SELECT ?a WHERE { ?a mai:rna 'W322216459' }") == [(ACTOR + "rna-w322216459",)]
    assert _rows(store, "SELECT ?b ?amount WHERE { ?g schema:funder/mai:siren '218601946' ; mai:beneficiary ?b ; "
                        "schema:amount ?amount }") == [(ACTOR + "rna-w322216459", "12800"),
                                                       (ACTOR + "siren-380335901", "9000")]
    assert _conflicts(report) == [(3, (
        f"acteur « Entente sportive » : son SIREN 380335901 et son numéro RNA W322216459 sont ceux de deux "
        f"organisations ({ACTOR}siren-380335901, {ACTOR}rna-w322216459) ; son nom ne dit pas laquelle : rapproché par "
        f"son SIREN, vérifiez la ligne ; le numéro RNA W322216459 reste à {ACTOR}rna-w322216459, laissé de côté ici ; "
        "ligne 2, qui ne donne que ce numéro RNA, va à son titulaire"), (
        f"actor 'Entente sportive': its SIREN 380335901 and its RNA number W322216459 are two organisations' "
        f"({ACTOR}siren-380335901, {ACTOR}rna-w322216459); its name does not say which: joined by its SIREN, check "
        f"the row; the RNA number W322216459 stays with {ACTOR}rna-w322216459, left out here; line 2, which gives "
        "that RNA number alone, sent to its holder"))]


def test_a_row_giving_one_actors_siret_and_anothers_rna_number_does_not_attach_that_rna_number(store, tmp_path):
    _ingest(store, tmp_path, "antibes.csv", ANTIBES)
    row = "Ville de Poitiers;21860194600013;2016-12-05;2016-0387;Entente sportive;38033590100027;W322216459;12800\n"
    report = _ingest(store, tmp_path, "poitiers.csv", HEADER + row)
    assert _rows(store, "SELECT ?a WHERE { ?a mai:rna 'W322216459' }") == [(ACTOR + "rna-w322216459",)]
    assert [line for line, *_ in _conflicts(report)] == [2]


def test_the_scdl_export_writes_on_a_row_no_rna_number_another_source_attached(store, tmp_path):
    _ingest(store, tmp_path, "antibes.csv", ANTIBES)
    _ingest(store, tmp_path, "poitiers.csv", POITIERS)
    out = io.BytesIO()
    export_scdl(store, out)
    lines = out.getvalue().decode("utf-8").splitlines()
    assert sorted(line.split(",")[4:7] for line in lines if line.startswith("ANTIBES")) == [
        ["ANTIBES RALLYE ASSOCIATION", "", "W322216459"], ["ASA", "38033590100027", ""]]


def test_the_scdl_export_writes_the_rna_number_each_row_was_read_with(store, tmp_path):
    _ingest(store, tmp_path, "antibes.csv", HEADER + (
        "ANTIBES;21060004500392;2016-06-17;CONV N° 1;Club;38033590100027;W322216459;100\n"
        "ANTIBES;21060004500392;2016-06-17;CONV N° 2;Club;38033590100027;W322216460;200\n"
        "ANTIBES;21060004500392;2016-06-17;CONV N° 3;Club;38033590100027;;300\n"))
    out = io.BytesIO()
    export_scdl(store, out)
    rows = [line.split(",") for line in out.getvalue().decode("utf-8").splitlines()[1:]]
    assert sorted((row[3], row[6]) for row in rows) == [
        ("CONV N° 1", "W322216459"), ("CONV N° 2", "W322216460"), ("CONV N° 3", "")]
