"""A store damaged under a running server: the tables of the snapshot it has open overwritten (a disk's fault, a
hand's mistake) while its pointer stays. ``/healthz`` says 503 ``store-damaged`` so that a load balancer takes the
instance out of service, and a page that reads a damaged table answers the SPARQL endpoint's 503
``store-unavailable``, never a 500; the writes of normal operation (an ingest, ``maillage optimize``, the pruning of
snapshots) never raise the alarm.

Fixture strategy: the demo corpus's data directory (``demo_data``, a copy per test) served by a fresh app through
Flask's test client; the damage made by overwriting the open snapshot's ``.sst`` files with seeded random bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from webapp import create_app
from webapp.cli import main
from webapp.errors import STORE_DOWN
from webapp.resources import close_resources

PAGE = "/id/actor/danaecare"
MORE = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/maillage/id/actor/sante-plus-{n}> rdfs:label "Santé plus {n}" .
"""


@pytest.fixture
def app(demo_data):
    app = create_app({"data_dir": str(demo_data)})
    yield app
    close_resources(app)


def damage_current_snapshot(data: Path) -> list[str]:
    """Overwrite each table of the current snapshot with 100 random bytes, as the officer did; their names."""
    current = data / "store" / "snapshots" / (data / "store" / "current").read_text().strip()
    noise = random.Random(4)
    tables = sorted(current.glob("*.sst"))
    for table in tables:
        table.write_bytes(noise.randbytes(100))
    return [table.name for table in tables]


def ingest_more(data: Path, tmp_path: Path, n: int) -> None:
    """Ingest one small Turtle file of its own into ``data`` (a new snapshot published)."""
    source = tmp_path / f"plus-{n}.ttl"
    source.write_text(MORE.format(n=n))
    result = CliRunner().invoke(main, ["--data", str(data), "ingest", str(source)])
    assert result.exit_code == 0, result.output


def test_healthz_is_503_store_damaged_once_the_open_snapshots_tables_are_overwritten(app, demo_data):
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    tables = damage_current_snapshot(demo_data)
    response = client.get("/healthz")
    body = response.get_json()
    assert (response.status_code, body["status"], [p["code"] for p in body["problems"]]) == (
        503, "unavailable", ["store-damaged"])
    assert response.headers["Retry-After"] == "30"
    assert body["message"].startswith(f"base endommagée : {len(tables)} fichiers de la version publiée modifiés ou "
                                      f"supprimés depuis son ouverture ({', '.join(tables[:5])}, …)")
    assert body["message"].endswith(": restaurez une sauvegarde (maillage export) dans un nouveau dossier, ou "
                                    "ingérez-y de nouveau ses fichiers")
    assert body["message_en"].startswith(f"store damaged: {len(tables)} files of the published version changed or "
                                         "removed since it was opened (")
    assert "restore a backup" in body["message_en"]


def test_healthz_is_503_store_damaged_when_a_file_of_the_open_snapshot_is_removed(app, demo_data):
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    current = demo_data / "store" / "snapshots" / (demo_data / "store" / "current").read_text().strip()
    (current / "CURRENT").unlink()
    body = client.get("/healthz").get_json()
    assert [p["code"] for p in body["problems"]] == ["store-damaged"] and "(CURRENT)" in body["message"]


def page_on_damaged_store(app, data: Path, accept: str):
    """Ask :data:`PAGE` of a running server whose open snapshot was damaged after it opened it."""
    client = app.test_client()
    assert client.get("/healthz").status_code == 200  # the snapshot open before the damage, as on a running server
    damage_current_snapshot(data)
    response = client.get(PAGE, headers={"Accept": accept})
    assert (response.status_code, response.headers["Retry-After"]) == (503, "30")
    return response


def test_a_resource_page_on_a_damaged_store_is_the_503_page_of_a_store_unavailable(app, demo_data, caplog):
    response = page_on_damaged_store(app, demo_data, "text/html")
    text = response.get_data(as_text=True)
    assert response.mimetype == "text/html" and "Erreur 503" in text
    assert "la base de données ne répond pas pour l&#39;instant" in text and "Corruption" not in text
    assert not any(record.exc_info for record in caplog.records)  # no traceback: the store's state, not our bug
    assert any(record.getMessage().startswith("store damaged: Corruption") for record in caplog.records)


def test_a_resource_twin_on_a_damaged_store_is_the_sparql_endpoints_503_store_unavailable(app, demo_data):
    response = page_on_damaged_store(app, demo_data, "application/json")
    assert response.get_json() == {"error": {
        "status": 503, "code": "store-unavailable", "message": STORE_DOWN[0], "message_en": STORE_DOWN[1]}}


def test_another_engine_error_is_still_our_own_500(app, monkeypatch):
    import webapp.home

    def fail():
        raise RuntimeError("an engine's surprise")

    monkeypatch.setattr(webapp.home, "cooperations", fail)
    response = app.test_client().get("/")
    assert (response.status_code, response.get_json()["error"]["code"]) == (500, "internal-error")


def test_an_ingest_publishing_a_new_snapshot_under_a_running_server_keeps_healthz_ok(app, demo_data, tmp_path):
    client = app.test_client()
    before = client.get("/healthz").get_json()["store"]["snapshot"]
    ingest_more(demo_data, tmp_path, 1)
    response = client.get("/healthz")
    assert (response.status_code, response.get_json()["status"]) == (200, "ok")
    assert response.get_json()["store"]["snapshot"] > before


def test_ingests_optimize_and_pruning_leave_the_snapshot_a_server_holds_untouched(app, demo_data, tmp_path):
    """The held snapshot shares its tables with the primary as hard links: compactions and pruning unlink them."""
    store = app.extensions["maillage.store"]
    held = store.state()["snapshot"]
    for n in range(3):  # more publishes than the snapshots kept: the held one outlives its pruning
        ingest_more(demo_data, tmp_path, n)
    assert CliRunner().invoke(main, ["--data", str(demo_data), "optimize"]).exit_code == 0
    assert (demo_data / "store" / "snapshots" / held).is_dir() and store.state()["snapshot"] == held
    assert store.changed_files() == []
    assert app.test_client().get("/healthz").status_code == 200
