"""The « Sources » page and /api/sources list every file ingested, the newest first (u30, finding 4), and a source
keeps the versions that new versions replaced (sha256, time of import, change note), which its page lists; the same
bytes read again (``--force``) add no version and keep the time of their first import."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

V1 = """\
nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;objet;montant;nature
Commune de Lyon;21690123100011;2023-03-01;Association A;44306184100047;Fête du quartier;1500;aide en numéraire
Commune de Lyon;21690123100011;2023-03-02;Association B;44306184100047;Jardin partagé;2500;aide en numéraire
"""
V2 = V1.replace("2500", "2600")
V3 = V1.splitlines()[0] + "\n" + V1.splitlines()[1] + "\n"
SOURCE = "https://w3id.org/maillage/id/source/grants-csv"


def _ingest(tmp_path: Path, name: str, text: str, force: bool = False):
    """Write ``text`` as ``name`` and ingest it into the store of ``tmp_path/data``; its report."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    said = []
    ingest_paths(store, [tmp_path / name], force=force, on_report=lambda report, error, _: said.append(report))
    store.close()
    return said[0]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _three_versions(tmp_path: Path) -> None:
    for text in (V1, V2, V3):
        assert _ingest(tmp_path, "grants.csv", text).status == "stored"
        time.sleep(1.1)  # each version's time of import its own (to the second)


def test_the_api_lists_each_source_with_its_fields_the_newest_first(tmp_path, app_of):
    _ingest(tmp_path, "grants.csv", V1)
    time.sleep(1.1)
    _ingest(tmp_path, "other.csv", V2.replace("Lyon", "Lyon 2"))
    body = app_of().get("/api/sources").get_json()
    assert [source["title"] for source in body["sources"]] == ["other.csv", "grants.csv"]
    grants = body["sources"][1]
    assert grants["iri"] == SOURCE and grants["page"] == "/id/source/grants-csv"
    assert grants["kind"] == "scdl-subventions" and grants["sha256"] == _sha(V1)
    assert grants["triples"] > 0 and grants["warnings"] >= 1 and grants["errors"] == 0
    assert grants["imported"].startswith("20") and grants["previous_versions"] == 0
    assert not any(source["kind"] == "vocabulary" for source in body["sources"])


def test_the_sources_page_lists_them_linked_with_the_short_digest_and_the_whole_one_on_hover(tmp_path, app_of):
    _ingest(tmp_path, "grants.csv", V1)
    client = app_of()
    page = client.get("/sources").get_data(as_text=True)
    assert '<a href="/id/source/grants-csv">grants.csv</a>' in page
    assert f'title="{_sha(V1)}">{_sha(V1)[:12]}' in page
    assert "<h1>Sources</h1>" in page and "Importé le" in page and "Subventions (SCDL)" in page
    english = client.get("/sources?lang=en").get_data(as_text=True)
    assert "Imported" in english and "The files ingested, the newest first" in english
    home = client.get("/?lang=fr").get_data(as_text=True)
    assert 'href="/sources">Sources importées</a>' in home  # the footer's link


def test_the_openapi_description_documents_the_sources_route(app_of):
    document = app_of().get("/api/openapi.json").get_json()
    assert document["paths"]["/api/sources"]["get"]["operationId"] == "sources"
    assert "sha256" in document["components"]["schemas"]["Source"]["properties"]


def test_a_source_keeps_the_versions_it_replaced_with_their_digest_time_and_change_note(tmp_path, app_of):
    _three_versions(tmp_path)
    client = app_of()
    [source] = client.get("/api/sources").get_json()["sources"]
    assert source["sha256"] == _sha(V3) and source["previous_versions"] == 2
    page = client.get("/id/source/grants-csv").get_data(as_text=True)
    section = page[page.index("Versions précédentes"):]
    assert section.index(_sha(V2)) < section.index(_sha(V1))  # the newest first
    assert "/id/version/grants-csv/2" in section and "/id/version/grants-csv/1" in section
    assert client.get("/id/version/grants-csv/2").status_code == 200


def test_the_change_note_of_a_replaced_version_is_kept_on_it(tmp_path):
    _ingest(tmp_path, "grants.csv", V1)
    _ingest(tmp_path, "grants.csv", V3)  # one grant fewer: a change note
    report = _ingest(tmp_path, "grants.csv", V2)
    assert not [v for v in report.violations if v.severity == "Violation"]
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    rows = list(store.query(
        "SELECT ?sha ?note WHERE { GRAPH ?g { ?g <http://www.w3.org/ns/prov#wasRevisionOf> ?v . "
        "?v <https://w3id.org/maillage/ontology#sha256> ?sha ; <http://www.w3.org/2004/02/skos/core#changeNote> ?note "
        "FILTER(lang(?note) = 'fr') } }"))
    store.close()
    assert [(str(sha), str(note)) for sha, note in rows] == [(_sha(V3), "Subvention −1 (− Association A)")]


def test_the_same_bytes_read_again_add_no_version_and_keep_their_time_of_import(tmp_path, app_of):
    _ingest(tmp_path, "grants.csv", V1)
    _ingest(tmp_path, "grants.csv", V2)
    before = app_of().get("/api/sources").get_json()["sources"][0]
    time.sleep(1.1)
    assert _ingest(tmp_path, "grants.csv", V2, force=True).status == "stored"
    after = app_of().get("/api/sources").get_json()["sources"][0]
    assert after["imported"] == before["imported"]
    assert after["previous_versions"] == before["previous_versions"] == 1
