"""A removed source leaves a record (an archivist's finding): ``maillage remove`` keeps in the
store, outside any source, the file's name, sha256, kind, times of import and removal and its triples; its address
answers 410 Gone saying so, where it answered a bare 404; « Sources » and ``/api/sources`` list it apart; the same
file ingested again is a source again; a backup keeps the records."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_fixture import page_text

from webapp.cli import main

LIST = ("nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;objet;montant;nature\n"
        "Commune de Lyon;21690123100011;2023-03-01;Association A;44306184100047;Fête du quartier;1500;"
        "aide en numéraire\n")
SOURCE = "https://w3id.org/maillage/id/source/lot-csv"
RECORD = "https://w3id.org/maillage/id/removal/lot-csv/1"
#: The record of a removal, as SPARQL reads it.
RECORDS = ("SELECT ?r ?title ?sha ?kind ?imported ?removed ?triples ?source WHERE { ?r a mai:RemovedSource ; "
           "dcterms:title ?title ; mai:sha256 ?sha ; dcterms:type ?kind ; prov:generatedAtTime ?imported ; "
           "prov:invalidatedAtTime ?removed ; mai:tripleCount ?triples ; dcterms:isVersionOf ?source }")
#: What the address of the removed source says, its time aside.
SAID = re.compile(r"Cette source, « lot\.csv », a été retirée le \d{1,2}(?:er)? [a-zéû]+ \d{4} à \d\d:\d\d:\d\d\. "
                  r"Elle comptait (\d+) triplets\.")


def cli(data: Path, *args: str, code: int = 0):
    result = CliRunner().invoke(main, ["--data", str(data), *args])
    assert result.exit_code == code, result.output
    return result


def rows(data: Path, query: str) -> list[dict[str, str]]:
    bindings = json.loads(cli(data, "query", "--format", "json", query).stdout)["results"]["bindings"]
    return [{name: value["value"] for name, value in row.items()} for row in bindings]


@pytest.fixture
def removed(tmp_path) -> tuple[Path, int]:
    """A data directory where ``lot.csv`` was ingested, then removed, through the command line, and the triples
    that the removal said it held."""
    (tmp_path / "lot.csv").write_text(LIST, encoding="utf-8")
    data = tmp_path / "data"
    cli(data, "ingest", str(tmp_path / "lot.csv"), "--no-index")
    said = cli(data, "remove", "lot.csv", "--no-index").stderr
    return data, int(re.search(r"source retirée, (\d+) triplets", said)[1])


def test_removing_a_source_keeps_a_record_of_the_file_outside_any_source(removed):
    data, triples = removed
    [record] = rows(data, RECORDS)
    assert record["r"] == RECORD and record["source"] == SOURCE and record["title"] == "lot.csv"
    assert record["sha"] == hashlib.sha256(LIST.encode()).hexdigest() and record["kind"] == "scdl-subventions"
    assert record["imported"] and record["removed"] and int(record["triples"]) == triples
    graphs = rows(data, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?r a mai:RemovedSource } }")
    assert graphs == [{"g": "https://w3id.org/maillage/id/removals"}]
    assert rows(data, "SELECT ?s WHERE { GRAPH ?g { ?s a mai:Source } FILTER(?s = ?g) FILTER NOT EXISTS { "
                      "?s dcterms:type 'vocabulary' } }") == []  # no source left, the record none
    cli(data, "validate")


def test_each_removal_of_a_source_ingested_again_is_a_record_of_its_own(removed, tmp_path):
    data, _ = removed
    again = cli(data, "ingest", str(tmp_path / "lot.csv"), "--no-index")
    assert "1 fichier enregistré, 0 inchangé" in again.stderr and "identique" not in again.stderr
    cli(data, "remove", "lot.csv", "--no-index")
    assert sorted(row["r"] for row in rows(data, RECORDS)) == [RECORD, RECORD[:-1] + "2"]


def test_a_removal_says_no_warning_of_its_record_naming_the_source_gone(removed, tmp_path):
    data, _ = removed
    cli(data, "ingest", str(tmp_path / "lot.csv"), "--no-index")
    said = cli(data, "remove", "lot.csv", "--no-index").stderr
    assert "avertissement" not in said and "reste cité" not in said


def test_the_address_of_a_removed_source_answers_410_saying_which_file_and_when(removed, app_of):
    data, triples = removed
    client = app_of()
    response = client.get("/id/source/lot-csv", headers={"Accept": "text/html"})
    assert response.status_code == 410
    said = SAID.search(page_text(response.get_data(as_text=True)))
    assert said and int(said[1]) == triples
    assert 'href="/id/removal/lot-csv/1"' in response.get_data(as_text=True)
    error = client.get("/id/source/lot-csv.json").get_json()["error"]
    assert error["status"] == 410 and error["code"] == "gone" and SAID.match(error["message"])
    assert error["message_en"].startswith("This source, 'lot.csv', was removed on ")
    assert client.get("/id/source/lot-csv.ttl").status_code == 410
    assert client.get("/api/resource", query_string={"iri": SOURCE}).status_code == 410
    assert client.get("/id/removal/lot-csv/1").status_code == 200
    assert client.get("/id/source/never-ingested-csv").status_code == 404


def test_the_sources_page_and_api_list_the_removed_sources_apart(removed, app_of):
    data, triples = removed
    client = app_of()
    body = client.get("/api/sources").get_json()
    assert body["sources"] == []
    [listed] = body["removed"]
    assert listed["title"] == "lot.csv" and listed["source"] == SOURCE and listed["iri"] == RECORD
    assert listed["source_page"] == "/id/source/lot-csv" and listed["page"] == "/id/removal/lot-csv/1"
    assert listed["sha256"] == hashlib.sha256(LIST.encode()).hexdigest() and listed["triples"] == triples
    assert listed["kind"] == "scdl-subventions" and listed["imported"] and listed["removed"]
    page = page_text(client.get("/sources").get_data(as_text=True))
    section = page[page.index('<h2 id="removed">Sources retirées</h2>'):]
    assert '<a href="/id/source/lot-csv">lot.csv</a>' in section and "Retiré le" in section
    assert "Removed sources" in client.get("/sources?lang=en").get_data(as_text=True)


def test_a_removed_source_ingested_again_has_its_page_again_and_is_no_longer_listed_removed(removed, tmp_path,
                                                                                           app_of):
    data, _ = removed
    cli(data, "ingest", str(tmp_path / "lot.csv"), "--no-index")
    client = app_of()
    assert client.get("/id/source/lot-csv").status_code == 200
    body = client.get("/api/sources").get_json()
    assert [source["title"] for source in body["sources"]] == ["lot.csv"] and body["removed"] == []
    assert "Sources retirées" not in client.get("/sources").get_data(as_text=True)


def test_a_backup_restored_elsewhere_keeps_the_records_of_removals(removed, tmp_path):
    data, _ = removed
    cli(data, "export", "--format", "trig", "-o", str(tmp_path / "backup.trig"))
    restored = cli(tmp_path / "other", "ingest", str(tmp_path / "backup.trig"), "--no-index")
    assert "0 avertissement" in restored.stderr and "mai:Source" not in restored.stderr, restored.stderr
    assert [row["r"] for row in rows(tmp_path / "other", RECORDS)] == [RECORD]


def test_the_named_query_of_sources_lists_no_graph_of_removal_records(removed):
    data, _ = removed
    assert rows(data, RECORDS)  # the record is stored …
    listed = rows(data, "sources-et-triplets")
    assert listed and all(row.get("title") for row in listed)  # … but is no source: every row names its file
    assert not any(row["source"].endswith("/removals") for row in listed)
