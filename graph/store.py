"""The RDF store: one interface, three backends looked up by name.

- ``oxigraph`` — embedded Oxigraph on disk (default): one writer, many readers on published snapshots
  (see :mod:`graph.oxistore`);
- ``memory`` — rdflib's in-memory dataset, for tests and as the naive baseline of the benchmarks (see
  :mod:`graph.memstore`);
- ``sparql`` — any SPARQL 1.1 server over the protocol (query and update URLs), see :mod:`graph.remote`.

Every backend answers queries over the union of its named graphs (as Fuseki's ``unionDefaultGraph``) while
``GRAPH ?g`` still reaches each source's own graph, and replaces a named graph atomically for its readers.

>>> store = open_store({"store": "memory"})
>>> with store.writer() as w:
...     w.replace_graph("https://ex.org/g", b'<https://ex.org/a> <https://ex.org/p> "1" .', "ntriples")
>>> [str(row[0]) for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")]
['1']
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import signal
from collections.abc import Iterable, Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from graph.formats import rdf_format
from graph.results import QueryResult
from graph.terms import as_uri, to_rdflib
from graph.triples import TripleSet

#: Backend name -> "module:Class". Looked up on demand so that a backend's dependencies load only when used.
BACKENDS = {
    "oxigraph": "graph.oxistore:OxigraphStore",
    "memory": "graph.memstore:MemoryStore",
    "sparql": "graph.remote:RemoteStore",
}


#: How to get a damaged store's data back, as the command line and ``/healthz`` say it, in French and in English.
RESTORE_ADVICE = ("restaurez une sauvegarde (maillage export) dans un nouveau dossier, ou ingérez-y de nouveau ses "
                  "fichiers",
                  "restore a backup (maillage export) into a new directory, or ingest its files there again")


class StoreError(Exception):
    """A store could not be opened or written (lock held, server unreachable, corrupt data); ``message_en``: the
    message in English, when it is said in French."""

    def __init__(self, message: str = "", message_en: str | None = None):
        super().__init__(message)
        self.message_en = message_en or message


class StoreBusyError(StoreError):
    """Another process held the store's write lock for longer than a writer would wait (``lock_timeout``): the
    message names it; the write may be tried again once it is done."""


class QuerySyntaxError(ValueError):
    """A SPARQL query or update does not parse; ``line`` and ``column`` point at the error when known.
    ``message_en``: the message in English when ours is in French (the engine's own messages are English)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 message_en: str | None = None):
        super().__init__(message)
        self.line, self.column, self.message_en = line, column, message_en or message


class RdfSyntaxError(ValueError):
    """An RDF payload does not parse; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.line, self.column = line, column


def open_store(config: Mapping[str, Any]) -> "Store":
    """Open the store that ``config["store"]`` names (``oxigraph``, ``memory`` or ``sparql``).

    Raises StoreError when the backend is unknown or cannot be opened.
    """
    name = config.get("store", "oxigraph")
    try:
        module_name, class_name = BACKENDS[name].split(":")
    except KeyError:
        raise StoreError(f"unknown store backend '{name}' (known: {', '.join(BACKENDS)})") from None
    return getattr(importlib.import_module(module_name), class_name)(config)


def fault_point(name: str) -> None:
    """Die here with SIGKILL when ``MAILLAGE_FAULT`` names this point: the crash tests' fault injection.

    ``MAILLAGE_FAULT=after-replace`` kills the process the first time it reaches ``after-replace``;
    ``after-publish@2`` the second time. Points: ``mid-replace`` (graph.oxiwriter; graph.remote_writer, between the
    requests of a graph loaded through its staging graph), ``before-pointer`` (graph.oxistore),
    ``after-replace``, ``after-validate``, ``after-publish`` (graph.ingest.pipeline). Unset, it costs one lookup.
    """
    wanted = os.environ.get("MAILLAGE_FAULT")
    if not wanted or wanted.partition("@")[0] != name:
        return
    _FAULT_HITS[name] = _FAULT_HITS.get(name, 0) + 1
    if _FAULT_HITS[name] >= int(wanted.partition("@")[2] or 1):
        os.kill(os.getpid(), signal.SIGKILL)


_FAULT_HITS: dict[str, int] = {}


#: The base IRI of relative references in parsed documents that belong to no graph (a dump, whose graphs are
#: restored as they were written).
PARSE_BASE = "urn:maillage:base:"


def parse_base(graph) -> str:
    """The base IRI of the relative references of a document stored as ``graph`` (a source): the graph's IRI and a
    slash. Each source has its own, so that ``<acteur/1>`` of two files without ``@base`` are two resources, and
    the same file ingested twice under its name gives the same IRIs; every parser of a source's document uses it.

    >>> parse_base("https://w3id.org/maillage/id/source/acteurs-ttl")
    'https://w3id.org/maillage/id/source/acteurs-ttl/'
    """
    return f"{graph}/"


# --- the interface -----------------------------------------------------------------------------------------


class Writer:
    """Write access to a store, obtained from ``Store.writer()``; one writer at a time."""

    #: Whether ``query`` may be called from another thread while this one works (not when the writer holds a lock
    #: that every query takes).
    concurrent_queries = False
    #: Whether all that this writer left unpublished is undone, without the caller's help, once an exception ends
    #: its block (the embedded store's next writer discards it in milliseconds): a caller stopped by a Ctrl-C then
    #: leaves it so at once rather than restore each graph first.
    discards_when_ended = False
    #: The directory of the snapshot that the last commit published, when the store has snapshots: immutable, it
    #: holds what the writer held then, for another process to read (graph.ingest.checker validates it).
    published: str | None = None

    def expect(self, names: Iterable[str | URIRef]) -> None:
        """Say in advance which graphs the coming changes may touch, so that a writer that journals its changes
        journals them in one write rather than one per graph.

        Changes nothing that readers or this writer see, and promises nothing: a graph expected and never
        changed stays as it is. The embedded store journals the names at once (a recovery restores each from
        the current snapshot: for one never changed, the same content); the others ignore them (the remote store
        journals a graph's triples, which it reads from the server, at its first change only).
        """

    def replace_graph(self, name: str | URIRef, data: bytes | list[bytes] | Graph | TripleSet,
                      fmt: str = "ntriples") -> None:
        """Replace the named graph ``name`` with ``data`` (bytes in ``fmt``, a list of byte strings that together
        make one document, or triples); ``graph_size`` counts it.

        Readers see the old or the new graph, never a mix. Raises RdfSyntaxError when ``data`` does not parse,
        and then the store keeps the old graph.
        """
        raise NotImplementedError

    @contextlib.contextmanager
    def replacing(self, name: str | URIRef, data: bytes, fmt: str = "ntriples"):
        """Replace graph ``name`` with the document ``data`` and the N-Triples that the block adds through the
        function it is given: ``with writer.replacing(g, data, "turtle") as add: add(more)``.

        A store may start loading ``data`` while the block works out what else the graph holds (the embedded
        store does, in threads: the engine releases the GIL). Everything is stored when the block ends, with
        replace_graph's promises: RdfSyntaxError (its line within ``data``) and the old graph kept; an exception
        raised in the block also leaves the old graph.
        """
        more: list[bytes] = []
        yield more.append
        self.replace_graph(name, data, fmt)
        for piece in more:
            if piece:
                self.add_ntriples(name, piece)

    def add(self, name: str | URIRef, triples: Graph) -> None:
        """Add ``triples`` to the named graph ``name``."""
        raise NotImplementedError

    def remove(self, name: str | URIRef, triples: Iterable[tuple]) -> None:
        """Remove ``triples`` (without blank nodes) from the named graph ``name``; those it does not hold are
        ignored. ``restore`` puts them back, as it undoes ``add``."""
        raise NotImplementedError

    def add_ntriples(self, name: str | URIRef, data: bytes) -> None:
        """Add the N-Triples ``data`` (blank nodes not allowed: their labels would not meet) to graph ``name``."""
        self.add(name, parse_rdflib(data, "ntriples"))

    def restore(self, name: str | URIRef) -> None:
        """Undo what this writer did to graph ``name``: back to the version readers see."""
        raise NotImplementedError

    def drop_graph(self, name: str | URIRef) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        """Publish what this writer wrote so far to the readers (it is also published when the writer closes)."""

    def optimize(self) -> tuple[int, int] | None:
        """Compact the store's files, its content unchanged, so that reads seek fewer of them; return the bytes
        they took before and after, or None when the store has none of its own to compact (a SPARQL server
        compacts its own database; the memory store has no files)."""
        return None

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update (raises QuerySyntaxError when it does not parse)."""
        raise NotImplementedError

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Query the writer's current state (what this writer already wrote included)."""
        raise NotImplementedError

    def graph_size(self, name: str | URIRef) -> int:
        return graph_size(self.query, name)


def graph_size(query, name: str | URIRef) -> int:
    """The number of triples of graph ``name``, through ``query(sparql, bindings)`` (a store's, a writer's)."""
    result = query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": as_uri(name)})
    return int(next(iter(result))[0])


class Store:
    """A dataset of named graphs, one per source, queried as their union."""

    name = "abstract"
    #: Whether a writer's commit publishes a snapshot directory (``Writer.published``) that other processes read.
    snapshots = False

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> QueryResult:
        """Run a SPARQL 1.1 query over the union of the named graphs; ``bindings`` pre-bind variables, each
        variable's name (without ``?``) to an rdflib term (``URIRef``, ``Literal``, ``BNode``), never a plain ``str``.

        Raises QuerySyntaxError when the query does not parse, TypeError when a bound value is not an rdflib term
        (:func:`graph.bindings.checked`).
        """
        raise NotImplementedError

    def writer(self) -> contextlib.AbstractContextManager[Writer]:
        """Return a context manager giving the store's only writer; the writes are published when it exits."""
        raise NotImplementedError

    def named_graphs(self) -> list[URIRef]:
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
        return [row[0] for row in result]

    def dump(self, out: io.BufferedIOBase, fmt: str = "nquads") -> None:
        """Write every named graph to ``out`` in a quads format (``nquads`` or ``trig``)."""
        raise NotImplementedError

    def refresh(self) -> bool:
        """Pick up what a writer published since the last call; True when the view changed."""
        return False

    def state(self) -> dict[str, Any]:
        """Describe the store for /healthz: backend and version of the published data."""
        return {"backend": self.name}

    def changed_files(self) -> list[str]:
        """The names of the files of the published data it reads that were removed or written under this store
        since it opened them, for /healthz: none for a store without files of its own."""
        return []

    def writing(self) -> bool:
        """Whether a writer (this process's or another's) holds the store now; False where the store cannot tell."""
        return False

    def close(self) -> None:
        pass


def parse_rdflib(data: bytes | Graph | TripleSet, fmt: str, base: str = PARSE_BASE) -> Graph | TripleSet:
    """Return ``data`` as triples, parsing bytes with Oxigraph's parser into an rdflib graph (rdflib's own parser
    is ~10x slower); relative IRIs against ``base``."""
    if isinstance(data, (Graph, TripleSet)):
        return data
    if isinstance(data, list):
        data = b"".join(data)
    graph = Graph()
    try:
        for quad in ox.parse(data, rdf_format(fmt).engine, base_iri=base):
            graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    except SyntaxError as exc:
        raise RdfSyntaxError(exc.msg, exc.lineno, exc.offset) from None
    return graph
