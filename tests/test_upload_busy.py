"""An upload while another process writes the store: after ``lock_timeout``, a 503 that says the store is busy, who
holds it and to retry (it was a 500 « erreur interne », the reason in the server's log only), logged in English."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from web_fixture import app_on_fixture

from graph.locks import store_write_lock

TOKEN = "s3cret"
NTRIPLES = b'<https://ex.org/busy> <http://www.w3.org/2000/01/rdf-schema#label> "Mutuelle" .\n'


@pytest.fixture
def app(tmp_path):
    with app_on_fixture(tmp_path, write_token=TOKEN, lock_timeout=0.3) as app:
        yield app


def held(app):
    """The store's write lock, held by this process as another writer holds it."""
    return store_write_lock(Path(app.config["MAILLAGE"]["data_dir"]) / "store", 1)


def writes(app) -> list[dict]:
    path = Path(app.config["MAILLAGE"]["data_dir"]) / "logs" / "writes.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_an_upload_while_another_process_writes_is_told_the_store_is_busy(app):
    with held(app):
        response = app.test_client().post("/api/upload", data={"file": (io.BytesIO(NTRIPLES), "depot.nt")},
                                          headers={"Authorization": f"Bearer {TOKEN}"})
    error = response.get_json()["error"]
    assert (response.status_code, error["code"], response.headers["Retry-After"]) == (503, "store-busy", "30")
    assert error["message"].startswith(f"fichier non enregistré : la base est en cours d'écriture par le processus "
                                       f"{os.getpid()} (")
    assert error["message_en"].startswith(f"file not stored: the store is being written by process {os.getpid()} (")
    assert "try again once it is done" in error["message_en"]


def test_the_upload_form_says_in_its_page_that_the_store_is_busy(app):
    with held(app):
        response = app.test_client().post("/upload", data={"file": (io.BytesIO(NTRIPLES), "depot.nt"),
                                                           "token": TOKEN})
    page = response.get_data(as_text=True)
    assert (response.status_code, response.headers["Retry-After"]) == (503, "30")
    assert "non enregistré : la base est occupée, réessayez plus tard" in page
    assert f"la base est en cours d&#39;écriture par le processus {os.getpid()}" in page


def test_an_upload_refused_for_a_busy_store_is_logged_in_english(app):
    with held(app):
        app.test_client().post("/api/upload", data={"file": (io.BytesIO(NTRIPLES), "depot.nt")},
                               headers={"Authorization": f"Bearer {TOKEN}"})
    entry = writes(app)[-1]
    assert (entry["file"], entry["result"]) == ("depot.nt", "refused: store busy")
    assert entry["reason"].startswith(f"store busy: the store is being written by process {os.getpid()} (")
