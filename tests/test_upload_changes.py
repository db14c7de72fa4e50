"""What a new version of a source changed is kept with the source: the upload's result said it once, and the source's
page lost it; now the source's graph keeps it (``skos:changeNote``, in French and in English) and its page says it
under « Changements par rapport à la version précédente », until another version replaces it. The same file read
again changes nothing: it keeps the note it had and adds none.

Fixture strategy: the page tests upload a small register's versions through the form of a fresh app on a copy of
the web fixture's data (:func:`web_fixture.app_on_fixture`); the graph tests ingest them into a fresh store under
``tmp_path`` (:func:`graph.ingest.pipeline.ingest_paths`, ``force`` for a reading again) and read its change notes.
"""

from __future__ import annotations

import html
import io

import pytest
from rdflib import Literal
from rdflib.namespace import SKOS
from web_fixture import app_on_fixture

from graph.ingest.base import source_iri
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

TOKEN = "s3cret"
V1 = ("format: maillage-register/1\nptce:\n  name: PTCE Essai\nmembers:\n"
      "  - {name: Asso A, kind: association, circle: partenaires, joined: 2024-01-01}\n")
V2 = V1 + "  - {name: Asso B, kind: association, circle: partenaires, joined: 2024-02-01}\n"
V3 = V2.replace("circle: partenaires, joined: 2024-02-01", "circle: coeur, joined: 2024-02-01")
NOTES = "SELECT ?note WHERE { GRAPH ?g { ?g ?p ?note } }"


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path, write_token=TOKEN) as app:
        yield app.test_client()


def upload(client, text: str) -> None:
    response = client.post("/upload", data={"file": (io.BytesIO(text.encode()), "registre.yaml"), "token": TOKEN})
    assert response.status_code == 200


def source_page(client, lang: str) -> str:
    page = client.get("/id/source/registre-yaml", query_string={"lang": lang}).get_data(as_text=True)
    return html.unescape(page)


@pytest.mark.parametrize("lang, heading, said", [
    ("fr", "Changements par rapport à la version précédente", "1 membre arrivé (Asso B)"),
    ("en", "Changes from the previous version", "1 member joined (Asso B)")])
def test_the_registers_second_version_changes_are_on_its_source_page_after_the_upload(client, lang, heading, said):
    upload(client, V1)
    upload(client, V2)
    page = source_page(client, lang)
    assert f"<h3>{heading}</h3>\n<p class=\"changes\">{said}</p>" in page
    assert "changeNote" not in page  # said under its heading, not again among the properties


def test_a_first_version_has_no_changes_on_its_page(client):
    upload(client, V1)
    page = source_page(client, "fr")
    assert "Rapport d'import" in page and "Changements par rapport" not in page


def test_the_source_json_twin_gives_the_changes_in_both_languages(client):
    upload(client, V1)
    upload(client, V2)
    report = client.get("/id/source/registre-yaml.json").get_json()["ingest_report"]
    assert report["changes"] == {"fr": "1 membre arrivé (Asso B)", "en": "1 member joined (Asso B)"}


def ingest(tmp_path, *versions: str, force: bool = False) -> set[Literal]:
    """Ingest each of ``versions`` of ``r.yaml`` in turn (the last one ``force``d); return the change notes that
    the source's graph keeps."""
    path = tmp_path / "r.yaml"
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        for n, text in enumerate(versions, 1):
            path.write_text(text, encoding="utf-8")
            ingest_paths(store, [path], force=force and n == len(versions))
        source = source_iri(path)
        return {note for note, in store.query(NOTES, {"g": source, "p": SKOS.changeNote})}
    finally:
        store.close()


def test_the_source_graph_keeps_what_its_new_version_changed_in_french_and_english(tmp_path):
    assert ingest(tmp_path, V1, V2) == {Literal("1 membre arrivé (Asso B)", lang="fr"),
                                        Literal("1 member joined (Asso B)", lang="en")}


def test_a_third_version_replaces_the_note_of_the_second(tmp_path):
    assert ingest(tmp_path, V1, V2, V3) == {
        Literal("1 membre changé de cercle (Asso B : cercle des partenaires → cercle cœur)", lang="fr"),
        Literal("1 member moved to another circle (Asso B: partners circle → core circle)", lang="en")}


@pytest.mark.parametrize("force", [False, True])
def test_the_same_file_ingested_again_keeps_its_note_and_adds_none(tmp_path, force):
    assert ingest(tmp_path, V1, V2, V2, force=force) == ingest(tmp_path / "once", V1, V2)


def test_a_first_version_keeps_no_note(tmp_path):
    assert ingest(tmp_path, V1) == set()
