"""The answer to a query, whatever engine gave it: rows, a boolean or triples, and their serialisation.

Apart from the store because every backend (embedded, in memory, remote) and the query workers build these
answers, and the web layer reads them without knowing which engine answered.

>>> from rdflib import Literal
>>> RowsResult("select", ["n"], [(Literal(1),)]).serialize("csv")
b'n\\r\\n1\\r\\n'
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import BNode
from rdflib.term import Node

from graph.formats import Format, rdf_format, results_format, serialize_triples, xml_safe
from graph.terms import to_oxigraph, to_rdflib


class QueryResult:
    """The answer to a query: rows (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE).

    Iterating gives tuples of rdflib terms in ``variables`` order (SELECT) or rdflib triples (graphs).
    ``serialize(fmt)`` writes the whole answer in a results format (SELECT, ASK) or an RDF format (graphs),
    with the engine's own serialiser where there is one.
    """

    kind: str  # "select" | "ask" | "graph"
    variables: list[str]
    boolean: bool | None = None
    #: "oxigraph" when Oxigraph evaluated the query, for callers that rely on its dialect (graph.validation pushes
    #: regular expressions and number comparisons into the query); None when the engine is not known.
    engine: str | None = None

    def __iter__(self) -> Iterator[tuple]:
        raise NotImplementedError

    def raw_rows(self) -> Iterator[tuple]:
        """Iterate rows as the engine's own terms (no conversion: for bulk work with :func:`graph.terms.term_parts`)."""
        return iter(self)

    def dicts(self) -> Iterator[dict[str, Node]]:
        """Iterate SELECT rows as dicts of bound variables."""
        for row in self:
            yield {v: t for v, t in zip(self.variables, row) if t is not None}

    def serialize(self, fmt: str | Format) -> bytes:
        raise NotImplementedError


class OxigraphResult(QueryResult):
    """A result straight from pyoxigraph, serialised by Oxigraph itself."""

    engine = "oxigraph"

    def __init__(self, native: Any):
        self._native = native
        if isinstance(native, ox.QueryBoolean):
            self.kind, self.variables, self.boolean = "ask", [], bool(native)
        elif isinstance(native, ox.QuerySolutions):
            self.kind, self.variables = "select", [v.value for v in native.variables]
        else:
            self.kind, self.variables = "graph", ["subject", "predicate", "object"]

    def __iter__(self):
        if self.kind == "select":
            # A solution iterates its values in the order of the projection (4x faster than indexing by name).
            for solution in self._native:
                yield tuple(map(to_rdflib, solution))
        elif self.kind == "graph":
            for t in self._native:
                yield to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)
        else:
            return iter(())

    def raw_rows(self):
        if self.kind == "select":
            return (tuple(solution) for solution in self._native)
        return iter(self)

    def serialize(self, fmt: str | Format) -> bytes:
        out = io.BytesIO()
        fmt = _result_format(self.kind, fmt)
        self._native.serialize(out, fmt.engine)
        return xml_safe(out.getvalue(), fmt)


class RowsResult(QueryResult):
    """A result held as Python rows (rdflib engine, remote server), serialised through pyoxigraph."""

    def __init__(self, kind: str, variables: list[str], rows: list[tuple] | None = None,
                 boolean: bool | None = None):
        self.kind, self.variables, self._rows, self.boolean = kind, variables, rows or [], boolean

    def __iter__(self):
        return iter(self._rows)

    def serialize(self, fmt: str | Format) -> bytes:
        fmt = _result_format(self.kind, fmt)
        return xml_safe(self._serialize(fmt), fmt)

    def _serialize(self, fmt: Format) -> bytes:
        if self.kind == "graph":
            return serialize_triples([ox.Triple(*map(to_oxigraph, t)) for t in self._rows], fmt)
        out = io.BytesIO()
        store = ox.Store()
        if self.kind == "ask":
            store.query("ASK {}" if self.boolean else "ASK { FILTER(false) }").serialize(out, fmt.engine)
            return out.getvalue()
        # Rebuild a solution sequence with VALUES so that Oxigraph's serialisers write it, byte-compatible
        # with the embedded backend's output.
        if not self.variables:
            store.query("SELECT * {}").serialize(out, fmt.engine)
            return out.getvalue()
        header = " ".join("?" + v for v in self.variables)
        body = " ".join("(" + " ".join(_values_term(t) for t in row) + ")" for row in self._rows)
        store.query(f"SELECT {header} WHERE {{}} VALUES ({header}) {{ {body} }}").serialize(out, fmt.engine)
        return out.getvalue()


def _values_term(term: Node | None) -> str:
    if term is None:
        return "UNDEF"
    if isinstance(term, BNode):
        return f"<urn:bnode:{term}>"
    return term.n3()


def _result_format(kind: str, fmt: str | Format) -> Format:
    if isinstance(fmt, Format):
        return fmt
    return rdf_format(fmt) if kind == "graph" else results_format(fmt)
