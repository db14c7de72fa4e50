"""Maillage behind a reverse proxy that serves it under a path prefix (``https://data.example.fr/maillage/``): with
the ``proxy`` setting, every link, form, asset and redirect carries the prefix, and the service description, the
OpenAPI document, the logs and the language cookie name the public address; without it, the headers change nothing.
Also ``/healthz`` and ``maillage serve`` on a data directory that cannot be served.

Fixture strategy: the demo corpus's data directory (``demo_data``, a copy per test) served by a fresh app whose test
client sends the headers a proxy sends; damaged copies made by overwriting the store's files.
"""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from tests.conftest import free_port
from webapp import create_app
from webapp.cli import main
from webapp.resources import close_resources

PROXIED = {"X-Forwarded-Prefix": "/maillage", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "data.example.fr",
           "X-Forwarded-For": "203.0.113.7", "Accept": "text/html"}
TOKEN = "s3cret-token-for-tests"
PAGES = ["/", "/search?q=sant%C3%A9", "/id/actor/danaecare", "/id/deliberation/siren-244200770/2024-00240",
         "/funding", "/goals", "/network", "/queries/acteurs-par-theme", "/sparql", "/upload"]


@pytest.fixture
def app_over(demo_data):
    """Make apps over the demo corpus with settings of the test's choosing; their resources closed after."""
    apps = []

    def make(**config):
        app = create_app({"data_dir": str(demo_data), "write_token": TOKEN, **config})
        apps.append(app)
        return app

    yield make
    for app in apps:
        close_resources(app)


def addresses(html: str) -> list[str]:
    """Every href, src and action that ``html`` writes."""
    return re.findall(r'(?:href|src|action)="([^"]*)"', html)


def outside_the_prefix(address: str) -> bool:
    """Whether ``address`` leads out of the site's prefix: root-absolute, not under /maillage/."""
    return address.startswith("/") and not address.startswith("//") and not address.startswith("/maillage/") \
        and address != "/maillage"


@pytest.mark.parametrize("page", PAGES)
def test_every_address_of_a_page_behind_the_proxy_carries_the_prefix(app_over, page):
    response = app_over(proxy=1).test_client().get(page, headers=PROXIED)
    assert response.status_code == 200
    written = addresses(response.get_data(as_text=True))
    assert written and [a for a in written if outside_the_prefix(a)] == []


@pytest.mark.parametrize("page", PAGES)
def test_without_the_proxy_setting_the_headers_change_nothing(app_over, page):
    app = app_over()
    plain = app.test_client().get(page, headers={"Accept": "text/html"}).get_data()
    assert app.test_client().get(page, headers=PROXIED).get_data() == plain


def test_a_resource_s_alternate_links_carry_the_prefix(app_over):
    response = app_over(proxy=1).test_client().get("/id/actor/danaecare", headers=PROXIED)
    assert "</maillage/id/actor/danaecare.ttl>" in response.headers["Link"]


def test_the_service_description_names_the_public_endpoint(app_over):
    body = app_over(proxy=1).test_client().get("/sparql", headers={**PROXIED, "Accept": "text/turtle"}).get_data(
        as_text=True)
    assert "<https://data.example.fr/maillage/sparql>" in body
    assert "<https://data.example.fr/maillage/ontology>" in body


def test_the_openapi_document_names_the_public_server(app_over):
    document = app_over(proxy=1).test_client().get("/api/openapi.json", headers=PROXIED).get_json()
    assert document["servers"] == [{"url": "https://data.example.fr/maillage"}]


def test_the_openapi_document_names_the_server_it_is_asked_of_without_a_proxy(app_over):
    document = app_over().test_client().get("/api/openapi.json", headers=PROXIED).get_json()
    assert document["servers"] == [{"url": "http://localhost"}]


def test_the_gunicorn_script_name_gives_the_prefix_as_the_proxy_header_does(app_over):
    response = app_over().test_client().get("/", base_url="http://localhost/maillage/")
    written = addresses(response.get_data(as_text=True))
    assert written and [a for a in written if outside_the_prefix(a)] == []


def test_the_write_log_records_the_client_behind_a_trusted_proxy_only(app_over, demo_data):
    for config in ({"proxy": 1}, {}):
        app_over(**config).test_client().post("/sparql", data={"update": "INSERT DATA { GRAPH <urn:x> { <urn:a> "
                                                                          "<urn:b> <urn:c> } }"},
                                              headers={**PROXIED, "Authorization": f"Bearer {TOKEN}"})
    lines = (demo_data / "logs" / "writes.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["remote"] for line in lines] == ["203.0.113.7", "127.0.0.1"]


def test_the_language_cookie_is_secure_over_https_and_kept_to_the_prefix(app_over):
    response = app_over(proxy=1).test_client().get("/?lang=en", headers=PROXIED)
    cookie = response.headers["Set-Cookie"]
    assert "Path=/maillage;" in cookie + ";" and "Secure" in cookie


def test_the_language_cookie_is_as_before_without_a_proxy(app_over):
    cookie = app_over().test_client().get("/?lang=en", headers=PROXIED).headers["Set-Cookie"]
    assert "Path=/;" in cookie + ";" and "Secure" not in cookie


# --- a renamed member's redirect -------------------------------------------------------------------------------


def test_a_renamed_member_s_redirect_carries_the_prefix(tmp_path):
    from tests.test_register_action_rewordings import register
    from tests.test_source_renames import ingest_versions

    ingest_versions(tmp_path, register("Cartographie des acteurs"), register("Cartographie des acteurs du territoire"))
    app = create_app({"data_dir": str(tmp_path / "data"), "proxy": 1})
    try:
        response = app.test_client().get("/id/action/p/cartographie-des-acteurs", headers=PROXIED)
    finally:
        close_resources(app)
    assert (response.status_code, response.headers["Location"]) == (
        302, "/maillage/id/action/p/cartographie-des-acteurs-du-territoire")


# --- /healthz ----------------------------------------------------------------------------------------------------


def health(app) -> tuple[int, dict]:
    response = app.test_client().get("/healthz")
    return response.status_code, response.get_json()


def test_healthz_is_ok_on_a_sound_data_directory(app_over):
    status, body = health(app_over())
    assert (status, body["status"]) == (200, "ok")


def test_healthz_is_503_when_the_search_index_is_missing(app_over, demo_data):
    import shutil

    shutil.rmtree(demo_data / "index")
    status, body = health(app_over())
    assert (status, [p["code"] for p in body["problems"]]) == (503, ["index-unavailable"])


def test_healthz_is_503_when_the_store_pointer_names_no_snapshot(app_over, demo_data):
    app = app_over()
    (demo_data / "store" / "current").write_text("garbage\n")
    status, body = health(app)
    assert (status, [p["code"] for p in body["problems"]]) == (503, ["store-unavailable"])


def test_healthz_is_503_when_the_data_directory_is_gone(app_over, demo_data):
    import shutil

    app = app_over()
    shutil.rmtree(demo_data)
    status, body = health(app)
    assert (status, [p["code"] for p in body["problems"]]) == (503, ["data-dir-missing"])
    assert str(demo_data) in body["message"]


def test_healthz_of_an_empty_site_that_nothing_was_ingested_into_is_ok(tmp_path):
    app = create_app({"data_dir": str(tmp_path / "data")})
    try:
        assert health(app)[0] == 200
    finally:
        close_resources(app)


# --- maillage serve on a data directory that cannot be served ----------------------------------------------------


@pytest.fixture
def not_started(monkeypatch):
    """``webapp.server.serve`` replaced: the ports it would have served on."""
    import webapp.server

    started = []
    monkeypatch.setattr(webapp.server, "serve", lambda host, port, workers: started.append(port))
    return started


def serve_on(data) -> object:
    return CliRunner().invoke(main, ["--data", str(data), "serve", "--port", str(free_port())])


def test_serve_refuses_a_data_directory_that_does_not_exist_and_creates_none(tmp_path, not_started):
    result = serve_on(tmp_path / "nosuch")
    assert (result.exit_code, not_started, (tmp_path / "nosuch").exists()) == (1, [], False)
    assert result.stderr == (f"maillage: le dossier de données « {tmp_path / 'nosuch'} » n'existe pas : --data / "
                             "MAILLAGE_DATA nomme-t-il un autre dossier ? (maillage ingest le crée)\n")


def test_serve_refuses_a_store_whose_files_are_damaged_in_one_line(demo_data, not_started):
    for table in (demo_data / "store" / "snapshots").glob("*/*.sst"):
        table.write_bytes(b"\0" * 100)
    result = serve_on(demo_data)
    assert (result.exit_code, not_started) == (1, [])
    assert result.stderr.startswith("maillage: base endommagée (Corruption") and result.stderr.endswith(
        ": restaurez une sauvegarde (maillage export) dans un nouveau dossier, ou ingérez-y de nouveau ses fichiers\n")
    assert result.stderr.count("\n") == 1


def test_serve_refuses_a_store_pointer_that_names_no_snapshot_in_one_line(demo_data, not_started):
    (demo_data / "store" / "current").write_text("garbage\n")
    result = serve_on(demo_data)
    assert (result.exit_code, not_started) == (1, [])
    assert result.stderr.startswith("maillage: ") and "garbage" in result.stderr and result.stderr.count("\n") == 1


def test_serve_starts_on_a_sound_data_directory(demo_data, not_started):
    assert (serve_on(demo_data).exit_code, len(not_started)) == (0, 1)
