"""Web security: values from the data are escaped everywhere, security headers, no debug mode, no path traversal,
size limits on query strings and bodies.

The fixture graph (tests/web_fixture.py) holds an actor labelled ``<script>alert('x')</script>``.
"""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from web_fixture import XSS, app_on_fixture, template_data, without_menu_script

from tests.conftest import free_port, wait_for_http
from webapp.security import HEADERS, MAX_BODY_BYTES, MAX_QUERY_STRING

HTML = {"Accept": "text/html"}
RAW = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"


@pytest.fixture
def app(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def indexed_client(app):
    from search.indexer import build_index
    from webapp.resources import get_store

    with app.app_context():
        build_index(get_store(), app.config["MAILLAGE"])
    return app.test_client()


# --- escaping ----------------------------------------------------------------------------------------------------


def assert_shown_as_text(page: str) -> None:
    assert RAW not in page and "<script" not in without_menu_script(page)
    assert ESCAPED in page


def test_a_script_label_shows_as_text_on_its_resource_page(client):
    assert_shown_as_text(client.get("/id/actor/xss", headers=HTML).get_data(as_text=True))


def test_a_script_label_shows_as_text_on_the_search_page(indexed_client):
    page = indexed_client.get("/search?q=alert", headers=HTML).get_data(as_text=True)
    assert_shown_as_text(page)


def test_a_script_label_shows_as_text_on_a_query_page(client):
    page = client.get("/queries/acteurs-par-theme?run=1&theme=https://w3id.org/maillage/ontology/theme/prevention",
                      headers=HTML).get_data(as_text=True)
    assert_shown_as_text(page)


def test_a_script_label_shows_as_text_on_pages_that_link_to_it(client):
    for url in ("/funding", "/goals", f"/network?focus={XSS}"):
        assert "<script" not in without_menu_script(client.get(url, headers=HTML).get_data(as_text=True)), url


def test_a_script_in_the_query_string_is_not_reflected_raw(client):
    for url in ("/search?q=<script>alert(1)</script>", "/queries/<script>", "/id/<script>alert(1)</script>"):
        page = client.get(url, headers=HTML).get_data(as_text=True)
        assert "<script>alert(1)" not in page and "<script>" not in page, url


# --- headers -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/id/actor/xss", "/sparql?query=ASK%7B%7D", "/api/openapi.json",
                                 "/no-such-page", "/upload"])
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url, headers=HTML)
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (url, name)
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


# --- limits ------------------------------------------------------------------------------------------------------


def test_a_query_string_over_the_limit_is_refused_with_414(client):
    response = client.get("/search?q=" + "a" * (MAX_QUERY_STRING + 1))
    assert response.status_code == 414
    assert response.get_json()["error"]["code"] == "uri-too-long"


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read(client):
    response = client.post("/sparql", data=b"x" * (MAX_BODY_BYTES + 1),
                           headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too-large"


def test_an_upload_over_the_upload_limit_is_refused_with_413(tmp_path):
    with app_on_fixture(tmp_path, max_upload_bytes=1000) as app:
        response = app.test_client().post("/api/upload", data=b"x" * 2000, headers={
            "Authorization": "Bearer s3cret", "Content-Type": "multipart/form-data; boundary=x"})
    assert response.status_code == 413


# --- path traversal ----------------------------------------------------------------------------------------------

TRAVERSALS = ["/id/../../../../etc/passwd", "/id/..%2f..%2f..%2fetc%2fpasswd", "/id/%2e%2e/%2e%2e/etc/passwd",
              "/static/../../pyproject.toml", "/static/..%2f..%2fpyproject.toml", "/static/%2e%2e/settings.py",
              "/queries/..%2f..%2fsettings", "/queries/../../pyproject.toml", "/queries/%2e%2e%2fcli.csv",
              "/funding.csv/../../../etc/passwd", "/id/actor/xss.ttl/../../../../etc/passwd"]


@pytest.mark.parametrize("url", TRAVERSALS)
def test_no_file_outside_the_data_is_served_through_a_crafted_path(client, url):
    response = client.get(url)
    body = response.get_data(as_text=True)
    assert response.status_code in (400, 404, 308, 301), (url, response.status_code)
    assert "root:x:0:0" not in body and "[project]" not in body and "def load_settings" not in body


# --- no debug mode ------------------------------------------------------------------------------------------------


def test_serve_runs_without_debug_mode_and_hides_tracebacks(tmp_path):
    data = template_data()
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", "from webapp.cli import run; run()", "--data", str(data),
                                "serve", "--port", str(port)], env={"MAILLAGE_DEBUG": "1", "PATH": "/usr/bin:/bin"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/healthz")
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/id/actor/xss?format=nonsense-format", timeout=10)
        with error.value as response:
            body = response.read().decode()
        assert "Werkzeug Debugger" not in body and "Traceback" not in body
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as page:
            assert page.headers["X-Content-Type-Options"] == "nosniff"
            assert "Werkzeug" not in (page.headers.get("Server") or "")
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_the_app_of_serve_is_built_with_debug_off_whatever_the_environment(monkeypatch, tmp_path):
    from webapp.server import _Server

    monkeypatch.setenv("MAILLAGE_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("MAILLAGE_DEBUG", "1")
    server = _Server.__new__(_Server)
    app = server.load()
    assert app.debug is False and app.config["DEBUG"] is False
