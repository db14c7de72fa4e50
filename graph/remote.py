"""A remote SPARQL 1.1 server as the store, over the SPARQL 1.1 Protocol (query and update URLs).

The server must answer queries over the union of its named graphs (Oxigraph: ``--union-default-graph``, Fuseki:
``unionDefaultGraph``, GraphDB and QLever do so by default). Pre-bound variables are substituted in the query
text (:func:`graph.bindings.substitute`).

Whatever the server holds is in that union, which readers and an ingest's validation query: a writer keeps nothing
of its own there (backup graphs did, and validation saw each file's old and new versions together). Before its
first change to a graph, a writer saves the graph's triples (a CONSTRUCT, in N-Triples) in a journal on local disk;
an error that ends the writer puts them back, a commit forgets them, and the next writer puts back what a killed
writer, or a server stopped mid-way, left. A graph is replaced in one update request, ``DROP SILENT GRAPH <g> ;
INSERT DATA {…}``, which the server applies atomically, when its N-Triples fit in REQUEST_BYTES; a larger one is
loaded into ``<g>#maillage-staging`` in requests of that size, then swapped in by ``DROP …; MOVE …`` in one request,
so that readers see its old and new triples together while it loads. Writers on one host wait for each other on
the data directory's write lock, as the embedded store's do; writers on several hosts are not kept apart.

The layout under ``{data}/remote/store`` (named ``store`` as the embedded store's directory is: the command line
says that a wait for its lock is a wait for the store)::

    write.lock, .info     the writers' lock (:func:`graph.locks.store_write_lock`)
    journal-<h>/          the journal of the server whose update URL hashes to <h>
        journal.json      {"server": that URL, "graphs": {graph IRI: its content file, or null: it did not exist}}
        <n>.nt            a graph's triples before the writer's first change to it

A content file is whole before the journal names it, and the journal goes before the content files. Without a
data directory (a store that a test or a script opens), the journal lives in a temporary directory for the
writer's life and nothing is locked.

This module is the store: its requests, its dump, its writers' lock. The writer is
:class:`graph.remote_writer.RemoteWriter` (where REQUEST_BYTES is), its journal :class:`graph.remote_journal.Journal`.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import io
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Mapping

import pyoxigraph as ox

from graph.bindings import substitute
from graph.formats import rdf_format
from graph.locks import held_by_live_writer, store_write_lock
from graph.remote_journal import Journal
from graph.remote_writer import RemoteWriter
from graph.results import RowsResult
from graph.store import QuerySyntaxError, Store, StoreError
from graph.terms import to_rdflib

#: What :meth:`RemoteStore.dump` asks: every quad of the named graphs (the union default graph holds no triple of its
#: own).
_DUMP = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


class RemoteStore(Store):
    """A SPARQL 1.1 server at ``config["query_url"]`` / ``config["update_url"]``; writers' lock and journal under
    ``config["data_dir"]``."""

    name = "sparql"

    def __init__(self, config: Mapping[str, Any]):
        self.query_url = config.get("query_url")
        self.update_url = config.get("update_url") or self.query_url
        self.timeout = float(config.get("remote_timeout", 60))
        self.data_dir = config.get("data_dir")
        self.lock_timeout = float(config.get("lock_timeout", 30))
        if not self.query_url:
            raise StoreError("the sparql store needs a query URL (setting MAILLAGE_QUERY_URL)")

    def _post(self, url: str, body: bytes, content_type: str, accept: str | None = None) -> bytes:
        with self._open(url, body, content_type, accept) as answer:
            return answer.read()

    def _open(self, url: str, body: bytes, content_type: str, accept: str | None = None) -> _Answer:
        """POST ``body`` to ``url``: the server's answer, to read as it comes and close. Raises QuerySyntaxError when
        the server refuses the request as malformed (400), StoreError when it refuses it otherwise or cannot be
        reached."""
        request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
        if accept:
            request.add_header("Accept", accept)
        try:
            return _Answer(urllib.request.urlopen(request, timeout=self.timeout), url)
        except urllib.error.HTTPError as exc:
            message = exc.read().decode("utf-8", "replace").strip()
            if exc.code == 400:
                raise QuerySyntaxError(message or "the server refused the request") from None
            raise StoreError(f"{url} answered {exc.code}: {message[:500]}") from None
        except OSError as exc:
            raise StoreError(f"cannot reach {url}: {exc}") from None

    def query(self, sparql, bindings=None):
        if bindings:
            sparql = substitute(sparql, bindings)
        body = self._post(self.query_url, sparql.encode("utf-8"), "application/sparql-query",
                          "application/sparql-results+json, application/n-triples;q=0.9")
        if body.lstrip().startswith(b"{"):
            parsed = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
            if isinstance(parsed, ox.QueryBoolean):
                return RowsResult("ask", [], boolean=bool(parsed))
            variables = [v.value for v in parsed.variables]
            rows = [tuple(to_rdflib(s[v]) for v in variables) for s in parsed]
            return RowsResult("select", variables, rows)
        triples = [(to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object))
                   for t in ox.parse(body, ox.RdfFormat.N_TRIPLES)]
        return RowsResult("graph", ["subject", "predicate", "object"], triples)

    def graph_ntriples(self, name: str) -> bytes:
        """The triples of graph ``name`` in N-Triples, as the server writes them (empty when it has none)."""
        sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
        return self._post(self.query_url, sparql.encode("utf-8"), "application/sparql-query", "application/n-triples")

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update")

    @contextlib.contextmanager
    def writer(self):
        """The one writer of this host (see the module docstring): it first undoes what an earlier one left; an error
        that ends it puts back the graphs it changed since its last commit (readers saw them already, the embedded
        store's readers never do), and the graphs are kept in the journal for the next writer if it cannot."""
        with self._writer_directory() as directory:
            digest = hashlib.sha256(self.update_url.encode("utf-8")).hexdigest()[:12]
            writer = RemoteWriter(self, Journal(directory / f"journal-{digest}", self.update_url))
            writer.recover()
            try:
                yield writer
            except BaseException:
                with contextlib.suppress(StoreError):  # the server gone: the next writer puts them back
                    writer.undo()
                raise
            writer.commit()

    @contextlib.contextmanager
    def _writer_directory(self):
        """The directory of the writers' lock and journals, the lock held; a temporary one without a data directory."""
        if not self.data_dir:
            with tempfile.TemporaryDirectory(prefix="maillage-remote-") as directory:
                yield Path(directory)
            return
        directory = Path(self.data_dir) / "remote" / "store"
        directory.mkdir(parents=True, exist_ok=True)
        with store_write_lock(directory, self.lock_timeout):
            yield directory

    def writing(self) -> bool:
        """Whether a live process of this host holds the writers' lock, as its ``write.lock.info`` tells (one read, no
        lock taken, no request to the server), as :meth:`graph.oxistore.OxigraphStore.writing` does: the web says
        that an ingest builds the search index, the warm-up waits for it. A writer killed mid-way leaves the file,
        naming a process that is gone: not writing; a writer of another host is not seen."""
        return bool(self.data_dir) and held_by_live_writer(Path(self.data_dir) / "remote" / "store")

    def dump(self, out, fmt="nquads"):
        """Write the quads of the server's named graphs to ``out`` in ``fmt``, each term as the server writes it.

        One SELECT, its results in SPARQL 1.1 Query Results JSON (what a SPARQL 1.1 server answers; a CONSTRUCT
        has no graph names, and a GET of the whole dataset by the Graph Store Protocol is Oxigraph's extension, GSP
        1.1 naming one graph per request), read by pyoxigraph, which keeps a literal's lexical form and language tag
        as written: as rdflib terms (:meth:`query`), ``" 5"^^xsd:integer`` became ``"5"`` and ``@EN`` ``@en``, and a
        restore of the dump was not the server's data. Blank nodes keep their labels across graphs within the one
        result. The answer is read as it comes, each quad written as it is read: read whole, the answer of 300,000
        quads (87 MB of JSON) and its parse took the process from 41 to 216 MB; read as it comes, to 42 MB.
        """
        with self._open(self.query_url, _DUMP.encode("utf-8"), "application/sparql-query",
                        "application/sparql-results+json") as answer:
            try:
                rows = ox.parse_query_results(answer, ox.QueryResultsFormat.JSON)
                ox.serialize((ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in rows), out,
                             rdf_format(fmt).engine)
            except SyntaxError as exc:  # a server's bad answer, or one cut short where the connection closed
                raise StoreError(f"{self.query_url} answered results that do not parse: {exc}") from None

    def state(self):
        return {"backend": self.name, "query_url": self.query_url}


class _Answer(io.RawIOBase):
    """A server's answer to a request of :class:`RemoteStore`, read as it comes: the connection's failure while it is
    read is a StoreError that names the address, as it is before the answer starts (an OSError that writing a dump
    meets is the dump's own)."""

    def __init__(self, response, url: str):
        super().__init__()
        self._response, self._url = response, url

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        with self._said():
            return self._response.read(None if size is None or size < 0 else size)

    def readinto(self, buffer) -> int:
        with self._said():
            return self._response.readinto(buffer)

    def close(self) -> None:
        self._response.close()
        super().close()

    @contextlib.contextmanager
    def _said(self):
        try:
            yield
        except (OSError, http.client.HTTPException) as exc:  # a timeout, a reset, an answer cut short
            raise StoreError(f"cannot reach {self._url}: {exc}") from None
