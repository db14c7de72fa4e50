"""``maillage serve`` stopped or reloaded as a service manager does it: SIGTERM to the master (systemd, a deployment,
Ctrl-C) and SIGHUP (a graceful reload, whose new workers are forked from the master like the first ones).

Fixture strategy: a data directory with one small Turtle file ingested, served by a real ``maillage serve`` on a free
loopback port, its log (gunicorn's lines and the workers') kept in a file that each test reads after the stop.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import MAILLAGE_COMMAND, free_port, wait_for_http
from webapp.cli import main

TURTLE = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://example.org/actor/a> a mai:Association ; rdfs:label "Association A"@fr .
"""


@pytest.fixture
def data(tmp_path) -> Path:
    """A data directory whose store holds one small file."""
    source = tmp_path / "small.ttl"
    source.write_text(TURTLE, encoding="utf-8")
    ingested = CliRunner().invoke(main, ["--data", str(tmp_path / "data"), "ingest", str(source)])
    assert ingested.exit_code == 0, ingested.output
    return tmp_path / "data"


def serve(data: Path, log: Path, *options: str) -> tuple[subprocess.Popen, str]:
    """Start ``maillage serve`` on ``data`` with gunicorn's log in ``log``; the master process and its URL, once it
    answers."""
    port = free_port()
    with open(log, "wb") as written:
        master = subprocess.Popen([*MAILLAGE_COMMAND, "--data", str(data), "serve", "--port", str(port), *options],
                                  stdout=subprocess.DEVNULL, stderr=written, env={**os.environ, "MAILLAGE_LANG": "en"})
    url = f"http://127.0.0.1:{port}"
    wait_for_http(url + "/healthz", timeout=60)
    return master, url


def stop(master: subprocess.Popen) -> int:
    """Stop the server as a service manager does (SIGTERM to the master); its exit code."""
    master.send_signal(signal.SIGTERM)
    return master.wait(timeout=60)


def wait_for_line(log: Path, text: str, count: int) -> None:
    """Wait until ``log`` holds ``count`` lines that contain ``text``, or fail the test."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if log.read_text(encoding="utf-8").count(text) >= count:
            return
        time.sleep(0.1)
    pytest.fail(f"{log} never held {count} lines with {text!r}:\n{log.read_text(encoding='utf-8')}")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_server_stopped_by_sigterm_exits_0_without_a_worker_crash(data, tmp_path, workers):
    """Each worker died by SIGSEGV as it exited: the master had opened the store to check it, so the engine's
    background threads were started there, and the workers (its forks) joined threads that did not exist in them."""
    log = tmp_path / "serve.log"
    master, url = serve(data, log, "--workers", workers)
    for page in ("/", "/funding", "/search?q=association", "/sparql"):
        assert urllib.request.urlopen(url + page, timeout=30).status == 200
    assert stop(master) == 0
    said = log.read_text(encoding="utf-8")
    assert "SIGSEGV" not in said and said.count("Worker exiting") == int(workers), said


def test_the_workers_of_a_graceful_reload_exit_without_a_crash(data, tmp_path):
    """A reload (SIGHUP) forks new workers from the master and stops the old ones: neither crashes as it exits."""
    log = tmp_path / "serve.log"
    master, url = serve(data, log)
    master.send_signal(signal.SIGHUP)
    wait_for_line(log, "Booting worker", 2)
    wait_for_line(log, "Worker exiting", 1)
    assert urllib.request.urlopen(url + "/", timeout=30).status == 200
    assert stop(master) == 0
    said = log.read_text(encoding="utf-8")
    assert "SIGSEGV" not in said and said.count("Worker exiting") == 2, said
