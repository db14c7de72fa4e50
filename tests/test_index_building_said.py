"""While an ingest builds the first search index, the web says so: a remote store tells that its writer is at work
(``RemoteStore.writing``, from the writers' ``write.lock.info``, as the embedded store does), and the HTML search page
says what ``/api/search`` says, in French and in English.

No remote server is needed: ``writing`` reads the lock's file only, and the search page asks the store nothing else.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.locks import store_write_lock
from graph.remote import RemoteStore
from graph.store import open_store
from tests.conftest import free_port
from tests.web_fixture import page_text

HTML = {"Accept": "text/html"}
BUILDING = {"fr": "L'index de recherche est en cours de construction par une ingestion : réessayez quand elle aura "
                  "fini.",
            "en": "The search index is being built by an ingest: try again once it is done."}
MISSING = {"fr": "L'index de recherche n'est pas encore construit : lancez « maillage index ».",
           "en": "The search index has not been built yet: run `maillage index`."}


def remote_store(data: Path) -> RemoteStore:
    """A remote store at a port that nothing listens on: ``writing`` must not need it."""
    return RemoteStore({"query_url": f"http://127.0.0.1:{free_port()}/query", "data_dir": str(data)})


def lock_info(data: Path, pid: int) -> None:
    """Leave the remote writers' ``write.lock.info`` naming process ``pid``, as a writer of that process does."""
    directory = data / "remote" / "store"
    directory.mkdir(parents=True)
    (directory / "write.lock.info").write_text(json.dumps({"pid": pid, "command": "maillage ingest",
                                                           "since": "2026-12-04T19:00:00"}))


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# --- RemoteStore.writing ---------------------------------------------------------------------------------------


def test_a_remote_store_is_writing_while_a_live_process_holds_its_writers_lock(tmp_path: Path):
    lock_info(tmp_path, os.getpid())
    assert remote_store(tmp_path).writing()


def test_a_remote_store_is_not_writing_when_its_lock_names_a_process_that_is_gone(tmp_path: Path):
    lock_info(tmp_path, dead_pid())  # a writer killed mid-way leaves the file
    assert not remote_store(tmp_path).writing()


@pytest.mark.parametrize("info", [None, "", "{not json", '["a list"]', '{"pid": "12"}'])
def test_a_remote_store_is_not_writing_without_a_readable_lock_file(tmp_path: Path, info: str | None):
    if info is not None:
        (tmp_path / "remote" / "store").mkdir(parents=True)
        (tmp_path / "remote" / "store" / "write.lock.info").write_text(info)
    assert not remote_store(tmp_path).writing()


def test_a_remote_store_without_a_data_directory_is_never_writing():
    assert not RemoteStore({"query_url": f"http://127.0.0.1:{free_port()}/query"}).writing()


def test_a_remote_store_is_writing_while_its_writers_lock_is_held_and_not_after(tmp_path: Path):
    store = remote_store(tmp_path)
    directory = tmp_path / "remote" / "store"
    directory.mkdir(parents=True)
    with store_write_lock(directory, 1):  # what RemoteStore.writer takes
        assert store.writing()
    assert not store.writing()


# --- the search page -------------------------------------------------------------------------------------------


def said(page) -> str:
    """The text of an HTML page, its characters unescaped and its no-break spaces (inside « … ») plain."""
    return page_text(page.get_data(as_text=True))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_search_page_says_an_ingest_is_building_the_index_while_one_writes(app_of, tmp_path: Path, lang: str):
    client = app_of(store="oxigraph", query_workers=1)
    writer_store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    with writer_store.writer():  # an ingest's writer, at work on the first files
        during = client.get("/search", query_string={"q": "santé", "lang": lang}, headers=HTML)
    after = client.get("/search", query_string={"q": "santé", "lang": lang}, headers=HTML)
    assert BUILDING[lang] in said(during) and MISSING[lang] not in said(during)
    assert MISSING[lang] in said(after) and BUILDING[lang] not in said(after)


def test_the_search_page_says_a_remote_ingest_is_building_the_index(app_of, tmp_path: Path, monkeypatch):
    monkeypatch.setattr("webapp.health.probe_store", lambda config: None)  # the store answers: only the index is busy
    client = app_of(store="sparql", query_url=f"http://127.0.0.1:{free_port()}/query")
    directory = tmp_path / "data" / "remote" / "store"
    directory.mkdir(parents=True)
    with store_write_lock(directory, 1):  # a remote ingest's writer
        during = client.get("/search", query_string={"q": "santé"}, headers=HTML)
        api = client.get("/api/search", query_string={"q": "santé"})
    assert BUILDING["fr"] in said(during)
    assert api.status_code == 503 and api.get_json()["error"]["message"].startswith("l'index de recherche est en cours")
