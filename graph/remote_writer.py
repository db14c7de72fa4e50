"""The remote store's writer (:class:`RemoteWriter`): each change an update request to the server, each graph
journaled on local disk before its first change (:class:`graph.remote_journal.Journal`), put back by an error, by
the next writer after one killed; see :mod:`graph.remote`'s docstring.
"""

from __future__ import annotations

import contextlib
import io
import logging
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import BNode, Graph

from graph.formats import rdf_format
from graph.french_text import counted
from graph.oxiwriter import update_target
from graph.store import PARSE_BASE, RdfSyntaxError, Writer, fault_point, parse_base
from graph.terms import as_uri
from graph.triples import TripleSet

if TYPE_CHECKING:
    from graph.remote import RemoteStore
    from graph.remote_journal import Journal

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

log = logging.getLogger("maillage.store")


class RemoteWriter(Writer):
    def __init__(self, store: RemoteStore, journal: Journal):
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
