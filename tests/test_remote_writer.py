"""The remote store's writer against an ``oxigraph serve`` process (the ``oxigraph_server`` fixture).

What must hold: nothing of the writer's own is in the union that readers and validation query (a ``--strict``
re-ingest of a changed file passes, an ingest reports what the embedded store reports); a graph below the request
bound is replaced in one request; a writer that fails, is cut from its server or is killed leaves the graphs it
changed as they were before it, for itself or for the next writer to put back, and no ``#maillage-*`` graph; two
writers on one host wait for each other on the data directory's lock.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

import graph.remote_writer as remote_writer_module
from graph.ingest.pipeline import ingest_paths
from graph.namespaces import SCHEMA
from graph.store import StoreError, open_store

ROOT = Path(__file__).resolve().parent.parent
MAILLAGE = [sys.executable, "-c", "from webapp.cli import run; run()"]
P = "https://ex.org/p"
A, B, C = "https://ex.org/a", "https://ex.org/b", "https://ex.org/c"
SCDL = ("nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,"
        "objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,"
        "dispositifAide\n"
        "Ville de Saint-Martin,21740012600058,2023-04-19,2023-002,Association Avenir Autonomie d'Aurec-sur-Furan,,"
        "W019001553,Ateliers nutrition et activité physique adaptée,{amount},aide en numéraire,unique,"
        "2023-05-04/2023-12-31,,non,1,Appel à projets santé 2023\n")


def remote_config(url: str, data: Path, **more) -> dict:
    return {"store": "sparql", "query_url": url + "/query", "update_url": url + "/update", "data_dir": str(data),
            "lock_timeout": 5, **more}


def remote_env(url: str, data: Path) -> dict:
    return {**os.environ, "MAILLAGE_STORE": "sparql", "MAILLAGE_QUERY_URL": url + "/query",
            "MAILLAGE_UPDATE_URL": url + "/update", "MAILLAGE_DATA": str(data), "MAILLAGE_LOCK_TIMEOUT": "5"}


@pytest.fixture
def remote(oxigraph_server, tmp_path):
    """A remote store on the emptied test server, its data directory under ``tmp_path``."""
    store = open_store(remote_config(oxigraph_server, tmp_path / "data"))
    store.update("DROP SILENT ALL")
    return store


def every_graph(store) -> set[str]:
    """The server's named graphs, empty ones included (Oxigraph keeps a graph whose triples were deleted)."""
    return {str(row[0]) for row in store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g {} }")}


def leftovers(store) -> set[str]:
    return {g for g in every_graph(store) if "#maillage-" in g}


def values(store, name: str) -> list[str]:
    rows = store.query(f"SELECT ?o WHERE {{ GRAPH <{name}> {{ ?s <{P}> ?o }} }} ORDER BY ?o")
    return [str(row[0]) for row in rows]


def triples(tag: str, n: int = 2) -> bytes:
    return "".join(f'<https://ex.org/s{i}> <{P}> "{tag}-{i}" .\n' for i in range(n)).encode()


def journal_files(data: Path) -> list[Path]:
    return sorted((data / "remote" / "store").glob("journal-*/*"))


def scdl(path: Path, amount: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SCDL.format(amount=amount), encoding="utf-8")
    return path


def amounts(store) -> list[str]:
    return sorted(str(row[0]) for row in store.query(f"SELECT ?a WHERE {{ ?grant <{SCHEMA.amount}> ?a }}"))


def ingest(store, paths: list[Path], strict: bool = False) -> tuple[list, list]:
    """Ingest ``paths`` in this process; return the reports and the failures."""
    failures: list = []
    reports = ingest_paths(store, paths, strict=strict, lookahead=False,
                           on_report=lambda report, error, path: failures.append((path.name, error)) if error else None)
    return reports, failures


# --- nothing of the writer's own in the union ----------------------------------------------------------------


def test_a_strict_reingest_of_a_changed_file_is_stored_with_no_false_violation(remote, tmp_path):
    path = scdl(tmp_path / "in" / "ville-de-saint-martin_subventions_2023.csv", "21400.00")
    ingest(remote, [path])
    scdl(path, "21500.00")
    reports, failures = ingest(remote, [path], strict=True)
    assert failures == [] and [r.status for r in reports] == ["stored"]
    assert [v.message for v in reports[0].violations if v.severity == "Violation"] == []
    assert amounts(remote) == ["21500"]
    assert leftovers(remote) == set() and journal_files(tmp_path / "data") == []


def test_an_ingest_into_a_remote_store_reports_what_the_embedded_store_reports(remote, tmp_path):
    corpus = tmp_path / "corpus"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "--actors", "120", "--seed", "11", "-o",
                    str(corpus)], check=True, capture_output=True)
    files = sorted(path for path in corpus.rglob("*") if path.is_file() and not path.name.startswith("."))
    embedded = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "embedded"), "lock_timeout": 5})

    def said(store) -> dict:
        reports, failures = ingest(store, files)
        assert failures == []
        return {r.file: ([i.message for i in r.issues], [(str(v.focus), v.message) for v in r.violations])
                for r in reports}

    assert said(remote) == said(embedded)


def test_a_graph_is_replaced_in_one_request_unless_it_is_larger_than_the_bound(remote, monkeypatch):
    sent: list[str] = []
    post = remote.update
    monkeypatch.setattr(remote, "update", lambda sparql: (sent.append(sparql), post(sparql))[1])
    with remote.writer() as w:
        w.replace_graph(A, triples("v1", 3))
    assert len(sent) == 1 and sent[0].startswith(f"DROP SILENT GRAPH <{A}> ;\nINSERT DATA")
    sent.clear()
    monkeypatch.setattr(remote_writer_module, "REQUEST_BYTES", 120)  # two triples a request
    with remote.writer() as w:
        w.replace_graph(A, triples("v2", 5))
    staging = A + "#maillage-staging"
    assert sent[0] == f"DROP SILENT GRAPH <{staging}>"
    assert [s.split("{")[0] for s in sent[1:-1]] == ["INSERT DATA "] * 3 and all(staging in s for s in sent[1:-1])
    assert sent[-1] == f"DROP SILENT GRAPH <{A}> ; MOVE SILENT GRAPH <{staging}> TO GRAPH <{A}>"
    assert values(remote, A) == [f"v2-{i}" for i in range(5)] and leftovers(remote) == set()


# --- failures, cuts and kills ----------------------------------------------------------------------------------


def test_an_error_that_ends_a_writer_puts_back_every_graph_it_changed(remote, tmp_path):
    with remote.writer() as w:
        w.replace_graph(A, triples("a1"))
        w.replace_graph(B, triples("b1"))
    with pytest.raises(RuntimeError), remote.writer() as w:
        w.replace_graph(A, triples("a2"))
        w.update(f'INSERT {{ GRAPH <{B}> {{ ?s <{P}> "b2" }} }} WHERE {{ GRAPH <{B}> {{ ?s ?p ?o }} }}')
        w.add(B, Graph().add((URIRef("https://ex.org/x"), URIRef(P), Literal("b3"))))
        w.replace_graph(C, triples("c2"))
        w.drop_graph(A)
        raise RuntimeError("stopped half-way")
    assert (values(remote, A), values(remote, B), values(remote, C)) == (["a1-0", "a1-1"], ["b1-0", "b1-1"], [])
    assert leftovers(remote) == set() and journal_files(tmp_path / "data") == []


class Cut:
    """A server that stops answering after ``after`` more update requests (the reviewer stopped it mid-ingest)."""

    def __init__(self, store, after: int):
        self.store, self.left, self.post = store, after, store._post

    def __call__(self, url, body, content_type, accept=None):
        if url == self.store.update_url:
            if self.left <= 0:
                raise StoreError(f"cannot reach {url}: connection refused")
            self.left -= 1
        return self.post(url, body, content_type, accept)


def test_a_writer_cut_from_its_server_mid_way_is_undone_by_the_next_writer(remote, oxigraph_server, tmp_path,
                                                                           monkeypatch, caplog):
    with remote.writer() as w:
        w.replace_graph(A, triples("a1"))
        w.replace_graph(B, triples("b1"))
    monkeypatch.setattr(remote_writer_module, "REQUEST_BYTES", 120)
    monkeypatch.setattr(remote, "_post", Cut(remote, after=3))  # A whole, B's staging graph half loaded
    with pytest.raises(StoreError, match="cannot reach"), remote.writer() as w:
        w.replace_graph(A, triples("a2"))
        w.replace_graph(B, triples("b2", 5))
    assert values(remote, A) == ["a2-0", "a2-1"] and leftovers(remote) == {B + "#maillage-staging"}
    assert journal_files(tmp_path / "data") != []
    with caplog.at_level(logging.WARNING, "maillage.store"), \
            open_store(remote_config(oxigraph_server, tmp_path / "data")).writer():
        pass
    assert (values(remote, A), values(remote, B)) == (["a1-0", "a1-1"], ["b1-0", "b1-1"])
    assert leftovers(remote) == set() and journal_files(tmp_path / "data") == []
    assert caplog.messages == [f"maillage: une écriture interrompue a été réparée ; 2 graphes remis tels qu'avant "
                               f"elle ({A}, {B}) ; 1 graphe temporaire retiré"]


def test_the_backup_graphs_of_earlier_versions_are_put_back_and_their_staging_graphs_dropped(remote, caplog):
    remote.update(f'INSERT DATA {{ GRAPH <{A}> {{ <https://ex.org/s> <{P}> "half" }} '
                  f'GRAPH <{A}#maillage-backup> {{ <https://ex.org/s> <{P}> "whole" }} '
                  f'GRAPH <{B}#maillage-staging> {{ <https://ex.org/s> <{P}> "half" }} }}')
    with caplog.at_level(logging.WARNING, "maillage.store"), remote.writer():
        pass
    assert values(remote, A) == ["whole"] and leftovers(remote) == set()
    assert "1 graphe remis tel qu'avant elle" in caplog.text and "1 graphe temporaire retiré" in caplog.text


def killed_while_storing_a_second_version(url: str, tmp_path: Path) -> tuple[Path, dict]:
    """Ingest a grants list with ``maillage ingest``, then its second version in a process SIGKILLed once the graph
    is replaced, before its commit; return the file and the environment of the ingests."""
    path = scdl(tmp_path / "in" / "ville-de-saint-martin_subventions_2023.csv", "21400.00")
    env = remote_env(url, tmp_path / "data")
    done = subprocess.run([*MAILLAGE, "ingest", "--no-index", str(path)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    scdl(path, "21500.00")
    killed = subprocess.run([*MAILLAGE, "ingest", "--no-index", str(path)],
                            env={**env, "MAILLAGE_FAULT": "after-replace"}, capture_output=True, text=True)
    assert killed.returncode == -9, killed.stderr
    return path, env


def test_an_ingest_killed_before_its_commit_is_undone_by_the_next_writer(oxigraph_server, remote, tmp_path, caplog):
    killed_while_storing_a_second_version(oxigraph_server, tmp_path)
    assert amounts(remote) == ["21500"]  # not committed: what readers see until the next writer
    with caplog.at_level(logging.WARNING, "maillage.store"), remote.writer():
        pass
    assert amounts(remote) == ["21400"] and leftovers(remote) == set() and journal_files(tmp_path / "data") == []
    assert caplog.messages == ["maillage: une écriture interrompue a été réparée ; 1 graphe remis tel qu'avant elle "
                               "(https://w3id.org/maillage/id/source/ville-de-saint-martin-subventions-2023-csv)"]


def test_the_next_ingest_after_a_kill_says_what_it_put_back_and_stores_the_file_again(oxigraph_server, remote,
                                                                                      tmp_path):
    path, env = killed_while_storing_a_second_version(oxigraph_server, tmp_path)
    again = subprocess.run([*MAILLAGE, "ingest", "--no-index", str(path)], env=env, capture_output=True, text=True)
    assert again.stderr.startswith("maillage: une écriture interrompue a été réparée ; 1 graphe remis tel qu'avant "
                                   "elle (https://w3id.org/maillage/id/source/"), again.stderr
    assert "Résumé : 1 fichier enregistré" in again.stderr  # not « inchangé »: the graph was put back first
    assert amounts(remote) == ["21500"] and leftovers(remote) == set()


@pytest.mark.parametrize("lang, said", [
    ("fr", f"maillage: une écriture interrompue a été réparée ; 1 graphe remis tel qu'avant elle ({A}) ; 1 graphe "
           "temporaire retiré"),
    ("en", f"maillage: an interrupted write was repaired; 1 graph put back as before it ({A}); 1 temporary graph "
           "dropped")])
def test_the_command_line_says_what_a_recovery_repaired_in_its_language(remote, oxigraph_server, tmp_path, lang, said):
    remote.update(f'INSERT DATA {{ GRAPH <{A}#maillage-backup> {{ <https://ex.org/s> <{P}> "whole" }} '
                  f'GRAPH <{B}#maillage-staging> {{ <https://ex.org/s> <{P}> "half" }} }}')
    path = scdl(tmp_path / "in" / "ville-de-saint-martin_subventions_2023.csv", "21400.00")
    env = {**remote_env(oxigraph_server, tmp_path / "data"), "MAILLAGE_LANG": lang}
    done = subprocess.run([*MAILLAGE, "ingest", "--no-index", str(path)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[0] == said, done.stderr


# --- the write lock --------------------------------------------------------------------------------------------


def test_two_writers_on_one_host_wait_for_each_other(remote, oxigraph_server, tmp_path):
    impatient = open_store(remote_config(oxigraph_server, tmp_path / "data", lock_timeout=0.3))
    with remote.writer():
        with pytest.raises(StoreError, match=f"la base est en cours d'écriture par le processus {os.getpid()}"):
            with impatient.writer():
                pass
    order: list[str] = []
    inside = threading.Event()

    def first() -> None:
        with remote.writer() as w:
            inside.set()
            time.sleep(0.5)
            w.replace_graph(A, triples("first"))
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    inside.wait(10)
    with open_store(remote_config(oxigraph_server, tmp_path / "data", lock_timeout=10)).writer() as w:
        order.append("second in")
        w.replace_graph(A, triples("second"))
    thread.join()
    assert order == ["first done", "second in"] and values(remote, A) == ["second-0", "second-1"]


def test_an_ingest_waits_for_the_writer_of_its_data_directory_then_gives_up(remote, oxigraph_server, tmp_path):
    path = scdl(tmp_path / "in" / "ville-de-saint-martin_subventions_2023.csv", "21400.00")
    env = {**remote_env(oxigraph_server, tmp_path / "data"), "MAILLAGE_LOCK_TIMEOUT": "1"}
    with remote.writer():
        done = subprocess.run([*MAILLAGE, "ingest", "--no-index", str(path)], env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith(f"la base est en cours d'écriture par le processus {os.getpid()} "), done.stderr
    assert amounts(remote) == []
