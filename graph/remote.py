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
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import io
import json
import logging
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph

from graph.bindings import substitute
from graph.formats import rdf_format
from graph.french_text import counted
from graph.locks import held_by_live_writer, store_write_lock, write_atomic
from graph.oxiwriter import update_target
from graph.results import RowsResult
from graph.store import (PARSE_BASE, QuerySyntaxError, RdfSyntaxError, Store, StoreError, Writer, fault_point,
                         parse_base)
from graph.terms import as_uri, to_rdflib
from graph.triples import TripleSet

#: The largest update request body: a graph whose N-Triples fit is replaced in one request; larger ones, and
#: triples added or removed, go in requests of at most this size. Oxigraph's server takes 128 MiB since 0.4 (1 MiB
#: before: oxigraph#892, #969), QLever 100 MB, Fuseki does not bound an ``application/sparql-update`` body; what
#: bounds it is time: Oxigraph 0.5 applied 8 MiB (84,000 triples) in one transaction in 4 s here, 9 s on a loaded
#: machine, while the client waits 60 s (``remote_timeout``).
REQUEST_BYTES = 8 * 1024 * 1024
#: The suffix of the graph into which a graph too large for one request is loaded before it is swapped in.
STAGING = "#maillage-staging"
#: The suffix of the backup graphs that versions before the journal kept in the store (recovery puts them back).
BACKUP = "#maillage-backup"

_LEFTOVERS = (f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{}} FILTER(STRENDS(STR(?g), "{STAGING}") '
              f'|| STRENDS(STR(?g), "{BACKUP}")) }}')

#: What :meth:`RemoteStore.dump` asks: every quad of the named graphs (the union default graph holds no triple of its
#: own).
_DUMP = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"

log = logging.getLogger("maillage.store")


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
            writer = _RemoteWriter(self, _Journal(directory / f"journal-{digest}", self.update_url))
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


class _Journal:
    """The graphs that a writer has changed since its last commit, each with its triples from before; see the module
    docstring for the files."""

    def __init__(self, directory: Path, server: str):
        self.directory, self.server = directory, server
        self.saved: dict[str, str | None] = {}  # graph IRI -> its content file; None: the graph did not exist

    def left(self) -> dict[str, str | None]:
        """The graphs that a writer which did not finish named, with their content files."""
        try:
            return json.loads((self.directory / "journal.json").read_text())["graphs"]
        except FileNotFoundError:
            return {}

    def save(self, name: str, ntriples: bytes) -> None:
        """Keep ``ntriples``, graph ``name``'s triples before its first change, then name the graph in the journal
        (two fsyncs)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        file = f"{len(self.saved) + 1}.nt" if ntriples.strip() else None
        if file is not None:
            with open(self.directory / file, "wb") as handle:
                handle.write(ntriples)
                handle.flush()
                os.fsync(handle.fileno())
        self.saved[name] = file
        write_atomic(self.directory / "journal.json", json.dumps({"server": self.server, "graphs": self.saved}))

    def triples(self, file: str | None) -> list[str]:
        """The N-Triples lines that the content file ``file`` keeps (none for a graph that did not exist)."""
        return [] if file is None else (self.directory / file).read_text(encoding="utf-8").splitlines()

    def clear(self) -> None:
        """Forget every saved graph: the journal first, so that it never names a missing file."""
        with contextlib.suppress(FileNotFoundError):
            (self.directory / "journal.json").unlink()
        for path in self.directory.glob("*.nt"):
            path.unlink()
        self.saved.clear()


class _RemoteWriter(Writer):
    def __init__(self, store: RemoteStore, journal: _Journal):
        self.store, self.journal = store, journal

    def _save(self, name: str) -> None:
        """Journal graph ``name`` with its triples before this writer's first change to it since the last commit."""
        if name not in self.journal.saved:
            self.journal.save(name, self.store.graph_ntriples(name))

    def replace_graph(self, name, data, fmt="ntriples"):
        with self.replacing(name, data, fmt):
            pass

    @contextlib.contextmanager
    def replacing(self, name, data, fmt="ntriples"):
        """See :meth:`Writer.replacing`: the document and the block's N-Triples go to the server together, in one
        request when they fit, so that readers never see the one without the other."""
        name = str(as_uri(name))
        lines = _ntriples_lines(data, fmt, parse_base(name))
        more: list[bytes] = []
        yield more.append
        for piece in more:
            if piece:
                lines += _ntriples_lines(piece, "ntriples")
        self._save(name)
        self._put(name, lines)

    def _put(self, name: str, lines: list[str]) -> None:
        """Replace graph ``name`` with the N-Triples ``lines``: in one request, which the server applies atomically,
        when they fit in REQUEST_BYTES; else through the staging graph, swapped in by one request."""
        batches = _batches(lines)
        if len(batches) <= 1:
            insert = f" ;\nINSERT DATA {{ GRAPH <{name}> {{\n{batches[0]}\n}} }}" if batches else ""
            self.store.update(f"DROP SILENT GRAPH <{name}>{insert}")
            return
        staging = name + STAGING
        self.store.update(f"DROP SILENT GRAPH <{staging}>")
        for batch in batches:
            self.store.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n{batch}\n}} }}")
            fault_point("mid-replace")
        self.store.update(f"DROP SILENT GRAPH <{name}> ; MOVE SILENT GRAPH <{staging}> TO GRAPH <{name}>")

    def add(self, name, triples):
        name = str(as_uri(name))
        self._save(name)
        for batch in _batches(_ntriples_lines(triples, "ntriples")):
            self.store.update(f"INSERT DATA {{ GRAPH <{name}> {{\n{batch}\n}} }}")

    def remove(self, name, triples):
        name = str(as_uri(name))
        lines = [" ".join(t.n3() for t in triple) + " ." for triple in triples]
        if lines:
            self._save(name)
        for batch in _batches(lines):
            self.store.update(f"DELETE DATA {{ GRAPH <{name}> {{\n{batch}\n}} }}")

    def restore(self, name):
        name = str(as_uri(name))
        if name in self.journal.saved:
            self._put_back(name, self.journal.saved[name])

    def _put_back(self, name: str, file: str | None) -> None:
        """Put graph ``name`` back as the journal's content file ``file`` keeps it, its staging graph dropped."""
        self.store.update(f"DROP SILENT GRAPH <{name + STAGING}>")
        self._put(name, self.journal.triples(file))

    def undo(self) -> None:
        """Put back every graph changed since the last commit, and forget them."""
        for name, file in self.journal.saved.items():
            self._put_back(name, file)
        self.journal.clear()

    def commit(self):
        """Readers see each change as it is made: what is left is to forget the saved graphs."""
        self.journal.clear()

    def recover(self) -> None:
        """Undo what an earlier writer left, and say so on the ``maillage.store`` logger: the graphs its journal names
        put back, the staging graphs dropped, and each backup graph of a version before the journal put back in
        place of its graph (left, it means that its writer stopped before its commit: the graph may be half-written).
        """
        leftovers = sorted(str(row[0]) for row in self.store.query(_LEFTOVERS))
        left = self.journal.left()
        for name, file in sorted(left.items()):
            self._put_back(name, file)
        restored = sorted(left) + [graph.removesuffix(BACKUP) for graph in leftovers if graph.endswith(BACKUP)]
        dropped = [graph for graph in leftovers if graph.endswith(STAGING)]
        for graph in leftovers:
            if graph.endswith(BACKUP):
                self.store.update(f"MOVE SILENT GRAPH <{graph}> TO GRAPH <{graph.removesuffix(BACKUP)}>")
            else:
                self.store.update(f"DROP SILENT GRAPH <{graph}>")
        self.journal.clear()
        if restored or dropped:
            said, said_en = _recovered(restored, dropped)
            log.warning(said, extra={"message_en": said_en})

    def drop_graph(self, name):
        name = str(as_uri(name))
        self._save(name)
        self.store.update(f"DROP SILENT GRAPH <{name}>")

    def update(self, sparql):
        """Run ``sparql``, its one target graph journaled when its text shows it (:func:`update_target`). Another
        update is not: it is one request, which the server applies whole, and journaling every graph before it
        would copy the store; an error later in the writer, or a recovery, leaves what it did."""
        if (target := update_target(sparql)) is not None:
            self._save(target)
        self.store.update(sparql)

    def query(self, sparql, bindings=None):
        return self.store.query(sparql, bindings)


def _recovered(restored: list[str], dropped: list[str]) -> tuple[str, str]:
    """What a recovery did, in French and in English."""
    shown = ", ".join(restored[:5]) + (f" et {len(restored) - 5} autres" if len(restored) > 5 else "")
    shown_en = ", ".join(restored[:5]) + (f" and {len(restored) - 5} more" if len(restored) > 5 else "")
    said, said_en = ["une écriture interrompue a été réparée"], ["an interrupted write was repaired"]
    if restored:
        s = "s" * (len(restored) > 1)
        said.append(f"{counted(len(restored), 'graphe')} remis tel{s} qu'avant elle ({shown})")
        said_en.append(f"{counted(len(restored), 'graph', lang='en')} put back as before it ({shown_en})")
    if dropped:
        s = "s" * (len(dropped) > 1)
        said.append(f"{counted(len(dropped), 'graphe temporaire', 'graphes temporaires')} retiré{s}")
        said_en.append(f"{counted(len(dropped), 'temporary graph', lang='en')} dropped")
    return "maillage: " + " ; ".join(said), "maillage: " + "; ".join(said_en)


def _batches(lines: list[str]) -> list[str]:
    """``lines`` joined into batches of at most REQUEST_BYTES each (a longer line makes a batch of its own)."""
    batches, batch, size = [], [], 0
    for line in lines:
        length = len(line.encode("utf-8")) + 1
        if batch and size + length > REQUEST_BYTES:
            batches.append("\n".join(batch))
            batch, size = [], 0
        batch.append(line)
        size += length
    if batch:
        batches.append("\n".join(batch))
    return batches


def _ntriples_lines(data: bytes | Graph | TripleSet, fmt: str, base: str = PARSE_BASE) -> list[str]:
    """Serialise ``data`` as N-Triples lines; blank nodes become IRIs so that requests keep their identity."""
    if isinstance(data, (Graph, TripleSet)):
        triples = [tuple(_skolem(t) for t in triple) for triple in data]
        return [" ".join(t.n3() for t in triple) + " ." for triple in triples]
    if isinstance(data, list):
        data = b"".join(data)
    try:
        quads = list(ox.parse(data, rdf_format(fmt).engine, base_iri=base))
    except SyntaxError as exc:
        raise RdfSyntaxError(exc.msg, exc.lineno, exc.offset) from None
    out = io.BytesIO()
    triples = [ox.Triple(_skolem_ox(q.subject), q.predicate, _skolem_ox(q.object)) for q in quads]
    ox.serialize(triples, out, ox.RdfFormat.N_TRIPLES)
    return out.getvalue().decode("utf-8").splitlines()


def _skolem(term):
    from rdflib import URIRef

    return URIRef(f"urn:maillage:bnode:{term}") if isinstance(term, BNode) else term


def _skolem_ox(term):
    return ox.NamedNode(f"urn:maillage:bnode:{term.value}") if isinstance(term, ox.BlankNode) else term
