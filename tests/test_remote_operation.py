"""Running on a remote store that fails: its time limit is a setting (the web server's no longer than a user query's),
``/healthz`` says 503 while it does not answer, pages say so in their language without its address, every command says
it in one line, and ``maillage serve`` warns of it at start; and what ``/api/search`` says while an ingest builds the
first index.

A store that does not answer is a closed loopback port, or a socket that takes connections and never answers; one that
does is the session's ``oxigraph serve`` (:func:`tests.conftest.oxigraph_server`).
"""

from __future__ import annotations

import logging
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.store import open_store
from tests.conftest import EXAMPLES, free_port
from webapp.cli import main
from webapp.settings import load_settings, store_config


def remote(url: str, **more) -> dict:
    return {"store": "sparql", "query_url": f"{url}/query", "update_url": f"{url}/update", **more}


@pytest.fixture
def closed_url() -> str:
    """The address of a loopback port that nothing listens on."""
    return f"http://127.0.0.1:{free_port()}"


@pytest.fixture
def silent_url():
    """The address of a loopback port that takes connections and never answers (a store that hangs)."""
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen(16)
        yield f"http://127.0.0.1:{listening.getsockname()[1]}"


@pytest.fixture
def remote_env(monkeypatch, tmp_path):
    """Set the environment of the remote mode for the command line, at ``url``."""
    def set_env(url: str, **more: str) -> None:
        for name, value in {"MAILLAGE_STORE": "sparql", "MAILLAGE_QUERY_URL": f"{url}/query",
                            "MAILLAGE_UPDATE_URL": f"{url}/update", "MAILLAGE_DATA": str(tmp_path / "data"),
                            **more}.items():
            monkeypatch.setenv(name, value)
    return set_env


# --- the time limit --------------------------------------------------------------------------------------------


def test_the_remote_timeout_is_a_setting_of_the_environment_that_the_store_takes():
    config = load_settings(environ={"MAILLAGE_REMOTE_TIMEOUT": "7.5"})
    assert config["remote_timeout"] == 7.5
    assert open_store(store_config({**config, **remote("http://127.0.0.1:1")})).timeout == 7.5


def test_the_web_server_waits_for_a_remote_store_no_longer_than_a_user_query_may_run(app_of, closed_url):
    client = app_of(**remote(closed_url, remote_timeout=60.0, query_timeout=4.0))
    assert client.application.extensions["maillage.store"].timeout == 4.0
    assert app_of(**remote(closed_url, remote_timeout=2.0)).application.extensions["maillage.store"].timeout == 2.0


# --- /healthz --------------------------------------------------------------------------------------------------


def test_healthz_answers_503_while_the_remote_store_does_not_answer(app_of, closed_url):
    response = app_of(**remote(closed_url)).get("/healthz")
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    body = response.get_json()
    assert body["status"] == "store-unavailable"
    assert body["message"] == "la base de données ne répond pas pour l'instant : réessayez dans un moment"
    assert body["message_en"] == "the database is not answering at the moment: try again in a moment"


def test_healthz_answers_ok_when_the_remote_store_answers(app_of, oxigraph_server):
    response = app_of(**remote(oxigraph_server)).get("/healthz")
    assert response.status_code == 200 and response.get_json()["status"] == "ok"


def test_healthz_asks_the_remote_store_once_in_a_few_seconds(app_of, closed_url, monkeypatch):
    import webapp.health

    asked = []
    probe = webapp.health.probe_store
    monkeypatch.setattr(webapp.health, "probe_store", lambda config: asked.append(1) or probe(config))
    client = app_of(**remote(closed_url))
    assert [client.get("/healthz").status_code for _ in range(3)] == [503] * 3
    assert len(asked) == 1


def test_healthz_waits_for_a_store_that_hangs_no_longer_than_its_probe(app_of, silent_url, monkeypatch):
    """The probe asks with its own timeout, not the queries' (60 s here): a monitor hears of a hung store at once."""
    import webapp.health
    from webapp.health import PROBE_TIMEOUT_S

    timeouts, opening = [], webapp.health.open_store
    monkeypatch.setattr(webapp.health, "open_store",
                        lambda config: timeouts.append(config["remote_timeout"]) or opening(config))
    client = app_of(**remote(silent_url, remote_timeout=60.0, query_timeout=60.0))
    assert client.get("/healthz").status_code == 503
    assert timeouts == [PROBE_TIMEOUT_S]


def test_healthz_of_the_embedded_store_does_not_change(app_of):
    response = app_of().get("/healthz")
    assert response.status_code == 200 and response.get_json()["status"] == "ok"


# --- pages -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, said", [
    ("fr", "la base de données ne répond pas pour l&#39;instant : réessayez dans un moment"),
    ("en", "the database is not answering at the moment: try again in a moment"),
])
def test_a_page_of_a_store_out_of_reach_says_so_in_its_language_without_the_address(app_of, closed_url, caplog,
                                                                                     lang, said):
    with caplog.at_level(logging.ERROR):
        response = app_of(**remote(closed_url)).get(f"/?lang={lang}", headers={"Accept": "text/html"})
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert f'<p class="error">{said}</p>' in page
    assert "127.0.0.1" not in page and "urlopen" not in page
    assert f"cannot reach {closed_url}/query" in caplog.text  # the detail, for the operator


def test_the_api_of_a_store_out_of_reach_answers_503_without_the_address(app_of, closed_url):
    response = app_of(**remote(closed_url)).get("/api/grants")
    assert response.status_code == 503 and response.headers["Retry-After"] == "30"
    assert response.get_json()["error"]["code"] == "store-unavailable"
    assert "127.0.0.1" not in response.get_data(as_text=True)


# --- the command line ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("export",), ("export", "--format", "nquads"), ("validate",), ("query", "ASK {}"),
                                  ("ingest", str(EXAMPLES / "ptce-registre.yaml")), ("index",),
                                  ("remove", "registre.yaml")])
def test_every_command_says_a_store_out_of_reach_in_one_french_line(remote_env, closed_url, args):
    remote_env(closed_url)
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    last = result.stderr.strip().splitlines()[-1]
    assert result.exit_code == 1
    assert last == (f"maillage: le serveur SPARQL ne répond pas à {closed_url}/query (connexion refusée) : est-il "
                    "lancé, et MAILLAGE_QUERY_URL et MAILLAGE_UPDATE_URL le nomment-ils ?"), result.stderr


def test_a_store_out_of_reach_is_said_in_english_with_the_lang_setting(remote_env, closed_url):
    remote_env(closed_url, MAILLAGE_LANG="en")
    result = CliRunner().invoke(main, ["export"], catch_exceptions=False)
    assert result.exit_code == 1 and result.stderr.strip() == (
        f"maillage: the SPARQL server does not answer at {closed_url}/query (Connection refused): is it running, "
        "and do MAILLAGE_QUERY_URL and MAILLAGE_UPDATE_URL name it?")


def test_a_store_that_does_not_answer_in_time_is_said_with_the_setting_that_limits_the_wait(remote_env, silent_url):
    remote_env(silent_url, MAILLAGE_REMOTE_TIMEOUT="0.5")
    result = CliRunner().invoke(main, ["query", "ASK {}"], catch_exceptions=False)
    assert result.exit_code == 1 and result.stderr.strip() == (
        f"maillage: le serveur SPARQL n'a pas répondu à {silent_url}/query en 0,5 s (réglage remote_timeout)")


def test_a_remote_store_without_its_query_url_is_one_line_in_french(remote_env, closed_url, monkeypatch):
    remote_env(closed_url)
    monkeypatch.setenv("MAILLAGE_QUERY_URL", "")
    result = CliRunner().invoke(main, ["query", "ASK {}"], catch_exceptions=False)
    assert result.exit_code == 1 and result.stderr.startswith("maillage: la base SPARQL (store = sparql) demande")


@pytest.mark.parametrize("lang, said", [
    ("fr", "le site répondra 503 tant que la base ne répondra pas : le serveur SPARQL ne répond pas à "),
    ("en", "the site answers 503 until the store answers: the SPARQL server does not answer at "),
])
def test_serve_warns_at_start_of_a_remote_store_that_does_not_answer(remote_env, closed_url, monkeypatch, lang, said):
    import webapp.server

    started = []
    monkeypatch.setattr(webapp.server, "serve", lambda host, port, workers: started.append(port))
    remote_env(closed_url, MAILLAGE_LANG=lang)
    result = CliRunner().invoke(main, ["serve", "--port", str(free_port())], catch_exceptions=False)
    assert result.exit_code == 0 and started  # said, not refused: the store may come up after the server
    assert result.stderr.startswith(said + f"{closed_url}/query") and len(result.stderr.splitlines()) == 1


def test_serve_says_nothing_of_a_remote_store_that_answers(remote_env, oxigraph_server, monkeypatch):
    import webapp.server

    monkeypatch.setattr(webapp.server, "serve", lambda host, port, workers: None)
    remote_env(oxigraph_server)
    result = CliRunner().invoke(main, ["serve", "--port", str(free_port())], catch_exceptions=False)
    assert result.exit_code == 0 and result.stderr == ""


# --- the search index while an ingest builds it ----------------------------------------------------------------


def test_the_search_api_says_an_ingest_is_building_the_index_while_one_writes(app_of, tmp_path: Path):
    client = app_of()
    writer_store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    with writer_store.writer():  # an ingest's writer, at work on the first files
        during = client.get("/api/search?q=santé")
    after = client.get("/api/search?q=santé")
    assert during.status_code == after.status_code == 503
    assert during.get_json()["error"]["message"] == ("l'index de recherche est en cours de construction par une "
                                                     "ingestion : réessayez quand elle aura fini")
    assert after.get_json()["error"]["message"] == ("l'index de recherche n'est pas encore construit : lancez "
                                                    "« maillage index »")
