"""The ``memory`` backend: rdflib's in-memory dataset, for tests and as the naive baseline of the benchmarks.

Apart from the interface (:mod:`graph.store`) as the other backends are, so that opening one loads only its own
code; rdflib's SPARQL engine answers its queries.

>>> store = MemoryStore()
>>> with store.writer() as w:
...     w.replace_graph("https://ex.org/g", b'<https://ex.org/a> <https://ex.org/p> "1" .', "ntriples")
>>> store.state()
{'backend': 'memory', 'version': 1}
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any, Mapping

from rdflib import Dataset, URIRef

from graph.bindings import checked
from graph.formats import rdf_format
from graph.results import RowsResult
from graph.store import QuerySyntaxError, Store, Writer, parse_base, parse_rdflib
from graph.terms import as_uri


class MemoryStore(Store):
    """rdflib's in-memory dataset, its default graph the union of the named graphs.

    A lock makes each write atomic for readers of the same process.
    """

    name = "memory"

    def __init__(self, config: Mapping[str, Any] | None = None):
        self._dataset = Dataset(default_union=True)
        self._lock = threading.RLock()
        self._version = 0

    def query(self, sparql, bindings=None):
        from pyparsing import ParseException

        with self._lock:
            try:
                result = self._dataset.query(sparql, initBindings=dict(checked(bindings or {})))
            except ParseException as exc:
                raise QuerySyntaxError(str(exc), exc.lineno, exc.col) from None
            return _rdflib_result(result)

    @contextlib.contextmanager
    def writer(self):
        with self._lock:
            yield _MemoryWriter(self)
            self._version += 1

    def dump(self, out, fmt="nquads"):
        with self._lock:
            data = self._dataset.serialize(format=rdf_format(fmt).rdflib_name)
        out.write(data.encode("utf-8") if isinstance(data, str) else data)

    def state(self):
        return {"backend": self.name, "version": self._version}


def _rdflib_result(result) -> RowsResult:
    if result.type == "ASK":
        return RowsResult("ask", [], boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return RowsResult("graph", ["subject", "predicate", "object"], list(result.graph))
    variables = [str(v) for v in result.vars]
    return RowsResult("select", variables, [tuple(row) for row in result])


class _MemoryWriter(Writer):
    def __init__(self, store: MemoryStore):
        self._store = store
        self._backups: dict[URIRef, list] = {}

    def _backup(self, name: URIRef) -> None:
        if name not in self._backups:
            self._backups[name] = list(self._store._dataset.graph(name))

    def replace_graph(self, name, data, fmt="ntriples"):
        new = parse_rdflib(data, fmt, parse_base(as_uri(name)))
        self._backup(as_uri(name))
        target = self._store._dataset.graph(as_uri(name))
        target.remove((None, None, None))
        for triple in new:
            target.add(triple)

    def add(self, name, triples):
        self._backup(as_uri(name))
        target = self._store._dataset.graph(as_uri(name))
        for triple in triples:
            target.add(triple)

    def remove(self, name, triples):
        self._backup(as_uri(name))
        target = self._store._dataset.graph(as_uri(name))
        for triple in triples:
            target.remove(triple)

    def commit(self):
        self._backups.clear()
        self._store._version += 1

    def restore(self, name):
        name = as_uri(name)
        if name in self._backups:
            target = self._store._dataset.graph(name)
            target.remove((None, None, None))
            for triple in self._backups.pop(name):
                target.add(triple)

    def drop_graph(self, name):
        self._backup(as_uri(name))
        self._store._dataset.remove_graph(as_uri(name))

    def update(self, sparql):
        from pyparsing import ParseException

        try:
            self._store._dataset.update(sparql)
        except ParseException as exc:
            raise QuerySyntaxError(str(exc), exc.lineno, exc.col) from None

    def query(self, sparql, bindings=None):
        return self._store.query(sparql, bindings)
