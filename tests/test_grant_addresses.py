"""A grant's address names the same grant in every version of its list: a grants list's row without an idSubvention
is minted from its beneficiary, date and decision reference, never from its line (a row removed from a corrected
list gave the next grant its address: u30's SOLIHA LOT) nor its amount; the address of a row removed answers 404,
saying that its source no longer publishes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, RDFS, URIRef
from web_fixture import fresh_app
from workbooks import SheetSpec, xlsx

from graph.ingest.base import SourceContext
from graph.ingest.pipeline import ingest_paths
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI, SCHEMA
from graph.store import open_store

HTML = {"Accept": "text/html"}
BASE = "https://w3id.org/maillage/id/"
HEADER = ["nomAttribuant", "idAttribuant", "dateConvention", "referenceDecision", "nomBeneficiaire",
          "idBeneficiaire", "objet", "montant"]
FUNDER = ["Département du Lot", "22460001500511"]
ROWS = [
    [*FUNDER, "2017-12-21", "CP 2017-11-13", "Club Un", "52499120500013", "Fonctionnement", "1000"],
    [*FUNDER, "2017-12-21", "CP 2017-12-18", "Soliha Lot", "77705342200039", "Habitat", "10000"],
    [*FUNDER, "2017-12-21", "CP 2017-12-18", "Quercy énergies", "39347830000016", "Énergie", "13291"],
    [*FUNDER, "2017-12-18", "CP 2017-11-13", "Regain", "39243227400034", "Insertion", "24740"],
    [*FUNDER, "2017-06-01", "", "Anonyme", "", "Secours", "300"],
]


def csv_of(rows: list[list[str]]) -> str:
    return "\n".join(";".join(row) for row in [HEADER, *rows]) + "\n"


def corrected(rows: list[list[str]]) -> list[list[str]]:
    """u30's v2 in small: Soliha Lot's row removed, Regain's amount corrected (24 740 → 24 470)."""
    kept = [list(row) for row in rows if row[4] != "Soliha Lot"]
    kept[2][7] = "24470"
    return kept


def grants(data: bytes, name: str = "lot.csv") -> dict[str, tuple[URIRef, str]]:
    """Each grant of a list, by its beneficiary's name: its IRI and its amount."""
    ex = extract(SourceContext(Path(name), data))
    return {str(ex.graph.value(ex.graph.value(grant, MAI.beneficiary), RDFS.label)):
            (grant, str(ex.graph.value(grant, SCHEMA.amount))) for grant in ex.graph.subjects(RDF.type, MAI.Grant)}


def test_the_grants_of_a_corrected_list_keep_their_addresses():
    before = grants(csv_of(ROWS).encode())
    after = grants(csv_of(corrected(ROWS)).encode())
    assert set(after) == set(before) - {"Soliha Lot"}
    assert {name: iri for name, (iri, _) in after.items()} == {name: before[name][0] for name in after}
    assert after["Regain"] == (before["Regain"][0], "24470")


def test_a_grant_address_names_its_beneficiary_date_and_decision_not_its_line():
    iri, _ = grants(csv_of(ROWS).encode())["Soliha Lot"]
    assert str(iri) == BASE + "grant/lot-csv/siren-777053422-2017-12-21-cp-2017-12-18"


def test_a_beneficiary_the_list_does_not_name_is_not_addressed_by_its_line():
    iri, _ = grants(csv_of(ROWS).encode())["Anonyme"]
    assert str(iri) == BASE + "grant/lot-csv/sans-nom-2017-06-01"


def test_two_instalments_on_one_day_get_two_addresses_that_a_row_removed_above_keeps():
    second = [*FUNDER, "2017-12-21", "CP 2017-11-13", "Club Un", "52499120500013", "Fonctionnement", "1500"]
    rows = [ROWS[1], ROWS[0], second]
    ex = extract(SourceContext(Path("lot.csv"), csv_of(rows).encode()))
    again = extract(SourceContext(Path("lot.csv"), csv_of(rows[1:]).encode()))
    minted = {str(ex.graph.value(g, SCHEMA.amount)): str(g) for g in ex.graph.subjects(RDF.type, MAI.Grant)}
    key = BASE + "grant/lot-csv/siren-524991205-2017-12-21-cp-2017-11-13"
    assert {minted["1000"], minted["1500"]} == {key, key + "-2"}
    assert minted["1000"] == key
    assert {str(again.graph.value(g, SCHEMA.amount)): str(g)
            for g in again.graph.subjects(RDF.type, MAI.Grant)} == {"1000": key, "1500": key + "-2"}


@pytest.mark.parametrize("name, data", [
    ("lot.xlsx", xlsx(SheetSpec("Feuil1", [HEADER, *([*row[:7], int(row[7])] for row in ROWS)]))),
    ("lot.csv", csv_of(ROWS).encode("cp1252")),
])
def test_a_list_in_another_format_or_encoding_gives_its_grants_the_same_keys(name, data):
    keys = {beneficiary: str(iri).rsplit("/", 1)[-1] for beneficiary, (iri, _) in grants(data, name).items()}
    assert keys == {beneficiary: str(iri).rsplit("/", 1)[-1]
                    for beneficiary, (iri, _) in grants(csv_of(ROWS).encode()).items()}


@pytest.fixture
def client(tmp_path):
    """An app on a store that holds the list, then its corrected version (stored under the same name)."""
    from webapp.resources import close_resources

    path = tmp_path / "lot.csv"
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "template")})
    try:
        for rows in (ROWS, corrected(ROWS)):
            path.write_text(csv_of(rows), encoding="utf-8")
            assert ingest_paths(store, [path])[0].status == "stored"
    finally:
        store.close()
    app = fresh_app(tmp_path / "template", tmp_path / "app")
    yield app.test_client()
    close_resources(app)


def test_a_grant_keeps_its_page_after_its_list_is_corrected(client):
    iri, _ = grants(csv_of(ROWS).encode())["Quercy énergies"]
    page = client.get(f"/id/{str(iri)[len(BASE):]}.json")
    assert page.status_code == 200
    assert "Quercy énergies" in page.get_json()["label"]


def test_the_address_of_a_grant_removed_from_its_list_says_its_source_no_longer_publishes_it(client):
    path = "/id/grant/lot-csv/siren-777053422-2017-12-21-cp-2017-12-18"
    body = client.get(path + ".json")
    assert body.status_code == 404
    error = body.get_json()["error"]
    assert error["message"] == (f"aucune donnée sur <{BASE + path[4:]}> : cette subvention n'est plus publiée par la "
                                f"source « lot.csv » (sa version actuelle ne la contient pas) <{BASE}source/lot-csv>")
    assert error["message_en"] == (f"no data about <{BASE + path[4:]}>: this grant is no longer published by the "
                                   f"source 'lot.csv' (its current version does not hold it) <{BASE}source/lot-csv>")
    page = client.get(path, headers=HTML)
    assert page.status_code == 404
    assert '<p class="see">Voir : <a href="/id/source/lot-csv">lot.csv</a></p>' in page.get_data(as_text=True)
    english = client.get(path + "?lang=en", headers=HTML).get_data(as_text=True)
    assert "this grant is no longer published by the source" in english
    assert '<p class="see">See: <a href="/id/source/lot-csv">lot.csv</a></p>' in english


def test_a_grant_address_of_a_source_not_stored_says_only_that_it_holds_no_data(client):
    error = client.get("/id/grant/autre-csv/1.json").get_json()["error"]
    assert error["message"] == f"aucune donnée sur <{BASE}grant/autre-csv/1>"


# Addresses of the form that ended in the row's line (links made before grants were addressed by what identifies
# them: an audit report's citations)


@pytest.mark.parametrize("suffix", ["", ".json"])
def test_an_old_address_of_a_row_redirects_to_the_grant_its_list_states_at_that_row(client, suffix):
    # the corrected list: line 3 is Quercy énergies's row (Soliha Lot's was removed above it)
    answer = client.get(f"/id/grant/lot-csv/3{suffix}", headers=HTML)
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/id/grant/lot-csv/quercy-energies-2017-12-21-cp-2017-12-18{suffix}"


def test_an_old_address_of_a_line_the_list_has_no_grant_on_says_so(client):
    error = client.get("/id/grant/lot-csv/99.json").get_json()["error"]
    assert error["message"] == (f"aucune donnée sur <{BASE}grant/lot-csv/99> : la source « lot.csv » n'a pas de "
                                f"subvention à la ligne 99 <{BASE}source/lot-csv>")
    assert error["message_en"] == (f"no data about <{BASE}grant/lot-csv/99>: the source 'lot.csv' has no grant on "
                                   f"line 99 <{BASE}source/lot-csv>")
