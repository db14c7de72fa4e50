"""A remote SPARQL 1.1 server as the store, over the SPARQL 1.1 Protocol (query and update URLs).

The server must answer queries over the union of its named graphs (Oxigraph: ``--union-default-graph``, Fuseki:
``unionDefaultGraph``, GraphDB and QLever do so by default). Pre-bound variables are substituted in the query
text (:func:`graph.bindings.substitute`). A graph is replaced by loading it into a staging
graph and then running ``MOVE`` in one update request, which the server applies atomically.
"""

from __future__ import annotations

import contextlib
import io
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph

from graph.bindings import substitute
from graph.formats import rdf_format
from graph.results import RowsResult
from graph.store import PARSE_BASE, QuerySyntaxError, RdfSyntaxError, Store, StoreError, Writer, parse_base
from graph.terms import as_uri, to_rdflib
from graph.triples import TripleSet

#: Triples per INSERT DATA request: large enough to keep the request count low, small enough for servers' body
#: limits (Oxigraph and Fuseki accept several MB).
CHUNK_TRIPLES = 20_000


class RemoteStore(Store):
    """A SPARQL 1.1 server at ``config["query_url"]`` / ``config["update_url"]``."""

    name = "sparql"

    def __init__(self, config: Mapping[str, Any]):
        self.query_url = config.get("query_url")
        self.update_url = config.get("update_url") or self.query_url
        self.timeout = float(config.get("remote_timeout", 60))
        if not self.query_url:
            raise StoreError("the sparql store needs a query URL (setting MAILLAGE_QUERY_URL)")

    def _post(self, url: str, body: bytes, content_type: str, accept: str | None = None) -> bytes:
        request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
        if accept:
            request.add_header("Accept", accept)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
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

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql.encode("utf-8"), "application/sparql-update")

    @contextlib.contextmanager
    def writer(self):
        writer = _RemoteWriter(self)
        try:
            yield writer
        finally:
            for name in writer.backups:
                self.update(f"DROP SILENT GRAPH <{_backup_name(name)}>")

    def dump(self, out, fmt="nquads"):
        result = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        quads = [ox.Quad(*(_ox(t) for t in row[:3]), _ox(row[3])) for row in result]
        ox.serialize(quads, out, rdf_format(fmt).engine)

    def state(self):
        return {"backend": self.name, "query_url": self.query_url}


def _ox(term):
    from graph.terms import to_oxigraph

    return to_oxigraph(term)


def _backup_name(name: str) -> str:
    return name + "#maillage-backup"


class _RemoteWriter(Writer):
    def __init__(self, store: RemoteStore):
        self.store = store
        self.backups: set[str] = set()

    def _backup(self, name: str) -> None:
        if name not in self.backups:
            self.store.update(f"COPY SILENT GRAPH <{name}> TO GRAPH <{_backup_name(name)}>")
            self.backups.add(name)

    def add(self, name, triples):
        name = str(as_uri(name))
        self._backup(name)
        lines = _ntriples_lines(triples, "ntriples")
        self.store.update(f"INSERT DATA {{ GRAPH <{name}> {{\n" + "\n".join(lines) + "\n} }")

    def remove(self, name, triples):
        name = str(as_uri(name))
        self._backup(name)
        lines = [" ".join(t.n3() for t in triple) + " ." for triple in triples]
        if lines:
            self.store.update(f"DELETE DATA {{ GRAPH <{name}> {{\n" + "\n".join(lines) + "\n} }")

    def commit(self):
        for name in self.backups:
            self.store.update(f"DROP SILENT GRAPH <{_backup_name(name)}>")
        self.backups.clear()

    def restore(self, name):
        name = str(as_uri(name))
        if name in self.backups:
            self.store.update(f"COPY SILENT GRAPH <{_backup_name(name)}> TO GRAPH <{name}>")

    def replace_graph(self, name, data, fmt="ntriples"):
        name = str(as_uri(name))
        staging = name + "#maillage-staging"
        lines = _ntriples_lines(data, fmt, parse_base(name))
        self._backup(name)
        self.store.update(f"DROP SILENT GRAPH <{staging}>")
        for start in range(0, len(lines), CHUNK_TRIPLES):
            chunk = "\n".join(lines[start:start + CHUNK_TRIPLES])
            self.store.update(f"INSERT DATA {{ GRAPH <{staging}> {{\n{chunk}\n}} }}")
        # One request: the server applies it atomically, readers see the old graph or the new one.
        self.store.update(f"DROP SILENT GRAPH <{name}> ; MOVE SILENT GRAPH <{staging}> TO GRAPH <{name}>")

    def drop_graph(self, name):
        self.store.update(f"DROP SILENT GRAPH <{as_uri(name)}>")

    def update(self, sparql):
        self.store.update(sparql)

    def query(self, sparql, bindings=None):
        return self.store.query(sparql, bindings)


def _ntriples_lines(data: bytes | Graph | TripleSet, fmt: str, base: str = PARSE_BASE) -> list[str]:
    """Serialise ``data`` as N-Triples lines; blank nodes become IRIs so that chunks keep their identity."""
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
