"""Fixtures shared by the whole suite.

Fixture strategy:
- real engines, never mocks: a temporary embedded Oxigraph store under ``tmp_path``, rdflib's memory store, and
  for the remote mode an ``oxigraph serve`` process started on a free loopback port for the session;
- a fresh store (and a fresh app, in web tests) per test, built by the same functions the product uses;
- tiny inline Turtle for behaviour tests; the demo corpus (``examples/``) and copies of real public files
  (``tests/fixtures/``) for end-to-end tests; generated data with a fixed seed for anything larger;
- nothing leaves the machine: servers bind 127.0.0.1 only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from graph.store import open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


#: A RAM file system for the suite's temporary files, used when it has this much room and TMPDIR names no other place:
#: the stores that tests create sync their writes to disk (the journal, each publish's snapshot), and on a disk that
#: another suite's processes shared, a test of a few small ingests waited up to 2 s beyond its CPU time
#: (tests/test_rdf_edges.py: 26.6 s on disk, 12.0 s in RAM, its CPU the same; the whole suite, in a calm hour: 8 min
#: 57 s on disk, 8 min 35 s in RAM). Syncing is the product's; what the tests check of it does not need a disk.
RAM_DIR = Path("/dev/shm")
RAM_ROOM = 4 << 30


def pytest_configure(config):
    """Put the suite's temporary files (pytest's ``tmp_path``, and those of the processes tests start) in
    :data:`RAM_DIR` when it has :data:`RAM_ROOM` free and ``TMPDIR`` is not set; the test processes of ``-n`` inherit
    the setting."""
    if os.environ.get("TMPDIR") or hasattr(config, "workerinput"):
        return
    with contextlib.suppress(OSError):
        free = os.statvfs(RAM_DIR)
        if free.f_bavail * free.f_frsize >= RAM_ROOM and os.access(RAM_DIR, os.W_OK):
            os.environ["TMPDIR"] = str(RAM_DIR)
            tempfile.tempdir = None  # tempfile reads TMPDIR again


#: Debian's Chromium, which the browser tests drive through Playwright (no browser is downloaded), and its options.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: A browser test is skipped, saying why, where Debian's chromium is not installed.
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed "
                                    "(apt-get install chromium): browser tests skipped")


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, timeout: float = 20.0) -> None:
    """Wait until ``url`` answers (any HTTP status), or fail the test."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"{url} did not answer within {timeout} s")


#: ``maillage`` run by this interpreter, whether or not the console script is on PATH.
MAILLAGE_COMMAND = [sys.executable, "-c", "from webapp.cli import run; run()"]


@contextlib.contextmanager
def serving(data: Path, *options: str, env: dict | None = None, log: Path | None = None):
    """Run ``maillage --data DATA serve OPTIONS`` on a free loopback port; yield its base URL, stop it after."""
    port = free_port()
    with open(log or os.devnull, "wb") as errors:
        process = subprocess.Popen([*MAILLAGE_COMMAND, "--data", str(data), "serve", "--host", "127.0.0.1",
                                    "--port", str(port), *options], env={**os.environ, **(env or {})},
                                   stdout=subprocess.DEVNULL, stderr=errors)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for_http(url + "/healthz", timeout=60)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=20)


def oxigraph_binary() -> str | None:
    """The ``oxigraph`` server command installed with the test tools, if any."""
    candidate = Path(sys.executable).with_name("oxigraph")
    return str(candidate) if candidate.exists() else shutil.which("oxigraph")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """An ``oxigraph serve`` process on a free loopback port, with the union default graph; yields its URL."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server (pip package 'oxigraph') is not installed")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(url + "/query?query=ASK%7B%7D")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def demo_data_template(tmp_path_factory) -> Path:
    """A data directory with the demo corpus ingested by ``maillage ingest``, once for the session: copy it
    (:func:`demo_data`) before changing it."""
    from click.testing import CliRunner

    from webapp.cli import main

    data = tmp_path_factory.mktemp("demo") / "data"
    result = CliRunner().invoke(main, ["--data", str(data), "ingest", str(EXAMPLES)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return data


@pytest.fixture
def demo_data(demo_data_template, tmp_path) -> Path:
    """A copy of the demo corpus's data directory (store and index), the test's own."""
    shutil.copytree(demo_data_template, tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def oxi_store(tmp_path):
    """A fresh embedded Oxigraph store in a temporary data directory."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data"), "lock_timeout": 5})
    yield store
    store.close()


@pytest.fixture
def remote_store(oxigraph_server):
    """A store on the session's ``oxigraph serve`` (:func:`oxigraph_server`), emptied before the test."""
    store = open_store({"store": "sparql", "query_url": oxigraph_server + "/query",
                        "update_url": oxigraph_server + "/update"})
    store.update("DROP SILENT ALL")
    return store


@pytest.fixture(params=["oxigraph", "memory", "sparql"])
def any_store(request, tmp_path):
    """Each of the three store modes, fresh (the remote one is emptied before the test)."""
    if request.param == "oxigraph":
        yield open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data"), "lock_timeout": 5})
    elif request.param == "memory":
        yield open_store({"store": "memory"})
    else:
        yield request.getfixturevalue("remote_store")


@pytest.fixture
def app_of(tmp_path):
    """Make test clients of apps over ``tmp_path/data`` with settings of the test's choosing (``app_of(store=…)``),
    their resources closed after the test."""
    from webapp import create_app
    from webapp.resources import close_resources

    apps = []

    def make(**config):
        app = create_app({"data_dir": str(tmp_path / "data"), **config})
        apps.append(app)
        return app.test_client()

    yield make
    for app in apps:
        close_resources(app)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, one per test module (the tests that ask for it are marked :data:`needs_chromium`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


def funder_of_many(directory: Path, names: list[str]) -> Path:
    """Store in ``directory/data`` a funder of one association a name of ``names`` (its drawing has labels on every
    side) and return the data directory; the funder is ``https://w3id.org/maillage/id/actor/departement``."""
    from graph.ingest.pipeline import ingest_paths

    base = "https://w3id.org/maillage/id/"
    lines = ["@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             f'<{base}actor/departement> a mai:PublicAuthority ; rdfs:label "Département de la Loire-Fictive" .']
    for i, name in enumerate(names):
        lines.append(f'<{base}actor/a{i}> a mai:Association ; rdfs:label "{name} {i}" .')
        lines.append(f'<{base}grant/g{i}> a mai:Grant ; schema:funder <{base}actor/departement> ; '
                     f'mai:beneficiary <{base}actor/a{i}> ; schema:amount {1000 + i}.0 .')
    (directory / "network.ttl").write_text("\n".join(lines), encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(directory / "data")})
    assert ingest_paths(store, [directory / "network.ttl"])[0].status == "stored"
    store.close()
    return directory / "data"


@pytest.fixture
def ctrl_c_raises():
    """Ctrl-C as a terminal gives it, for a test of Ctrl-C: a shell starts a background job (``make test &``, a
    script's ``&``, a CI job) with SIGINT ignored, which its processes inherit, and such a test then saw none and
    waited. Python's own handler here; a process the test starts gets the system's default, which Python turns into
    its own."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
