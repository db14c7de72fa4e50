"""The web application that another WSGI server than ``maillage serve`` runs (``gunicorn 'webapp:create_app()'``)
prints the library's warnings in the ``lang`` setting's language, as ``maillage serve`` does: nothing configured the
logging of it, and Python's last resort printed their French message whatever the language. A logging that the
server or the program configured keeps them its own, and ``maillage serve``'s handler prints them once.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import urllib.request

import gunicorn.config
import pytest

from graph.store import open_store
from tests.conftest import free_port, wait_for_http
from webapp.server import NO_CONTROL_SOCKET

A = "https://ex.org/a"


def clean_env(**settings: str) -> dict:
    """This process's environment without its ``MAILLAGE_*`` settings, with ``settings`` instead."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith("MAILLAGE_")}, **settings}


def warned(lang: str, tmp_path, before: str = "", around: str = "") -> str:
    """What a process that creates the app, then hears a warning of a ``maillage.*`` logger, prints on stderr:
    ``before`` runs first; ``around`` wraps both (a ``with`` statement)."""
    body = textwrap.dedent("""
        from webapp import create_app
        create_app()
        logging.getLogger("maillage.store").warning("base réparée", extra={"message_en": "store repaired"})
    """)
    if around:
        body = f"{around}:\n" + textwrap.indent(body, "    ")
    script = f"import logging\n{before}\n{body}"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env=clean_env(MAILLAGE_LANG=lang, MAILLAGE_DATA=str(tmp_path / "data")))
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_gunicorn_running_the_app_factory_prints_a_recovery_in_the_lang_settings_language(oxigraph_server, tmp_path):
    """The warning of a remote store's recovery, which a SPARQL update's writer makes, in English under lang en."""
    store = open_store({"store": "sparql", "query_url": oxigraph_server + "/query",
                        "update_url": oxigraph_server + "/update"})
    store.update("DROP SILENT ALL")
    store.update(f'INSERT DATA {{ GRAPH <{A}#maillage-staging> {{ <https://ex.org/s> <https://ex.org/p> "half" }} }}')
    port, options = free_port(), []
    if NO_CONTROL_SOCKET in gunicorn.config.Config().settings:  # 25.1+: else a socket in the user's home
        options.append("--no-control-socket")
    env = clean_env(MAILLAGE_LANG="en", MAILLAGE_DATA=str(tmp_path / "data"), MAILLAGE_STORE="sparql",
                    MAILLAGE_QUERY_URL=oxigraph_server + "/query", MAILLAGE_UPDATE_URL=oxigraph_server + "/update",
                    MAILLAGE_WRITE_TOKEN="s3cret")
    with open(tmp_path / "server.log", "wb") as log:
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
                                   *options, "webapp:create_app()"], env=env, stdout=subprocess.DEVNULL, stderr=log)
        try:
            wait_for_http(f"http://127.0.0.1:{port}/healthz", timeout=60)
            update = urllib.request.Request(f"http://127.0.0.1:{port}/sparql", method="POST",
                                            data=b"INSERT DATA { <https://ex.org/s> <https://ex.org/p> 1 }",
                                            headers={"Content-Type": "application/sparql-update",
                                                     "Authorization": "Bearer s3cret"})
            with urllib.request.urlopen(update, timeout=60) as answer:
                assert answer.status == 204
        finally:
            server.terminate()
            server.wait(timeout=30)
    said = (tmp_path / "server.log").read_text(encoding="utf-8").splitlines()
    assert "maillage: an interrupted write was repaired; 1 temporary graph dropped" in said, said
    assert not any("réparée" in line for line in said), said


@pytest.mark.parametrize("lang, said", [("fr", "base réparée\n"), ("en", "store repaired\n")])
def test_the_app_factory_prints_the_librarys_warnings_in_the_lang_settings_language(tmp_path, lang, said):
    assert warned(lang, tmp_path) == said


def test_a_logging_configured_before_the_app_keeps_the_librarys_warnings_its_own(tmp_path):
    """A server's or a program's own logging configuration: its handler alone prints them, in its format."""
    before = 'logging.basicConfig(format="%(levelname)s %(name)s %(message)s")'
    assert warned("en", tmp_path, before=before) == "WARNING maillage.store base réparée\n"


def test_the_app_under_maillage_serves_handler_prints_each_warning_once(tmp_path):
    """``maillage serve`` creates the app in its workers under the command line's handler (:func:`logs_said`)."""
    before = "from webapp.cli_context import logs_said"
    assert warned("en", tmp_path, before=before, around='with logs_said("en")') == "store repaired\n"
