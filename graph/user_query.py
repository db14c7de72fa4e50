"""A user's query run as the endpoint runs it, for ``maillage query``: the guard, the row cap, the time limit in a
killable worker (:class:`graph.querypool.QueryPool`; inline on a store that is not the embedded Oxigraph), and the
answer in the format asked for, when it fits the query's form.
"""

from __future__ import annotations

from typing import Any, Mapping

import pyoxigraph as ox

from graph.querypool import InlineRunner, QueryPool
from graph.sparql import check_query
from graph.sparql_text import tokenize
from graph.store import QuerySyntaxError, Store

_GRAPH_FORMATS = ("turtle", "jsonld", "ntriples")
#: The formats a query's answer can be printed in, by the query's kind (``table`` for every kind).
FORMATS_OF_KIND = {"graph": ("table", *_GRAPH_FORMATS), "select": ("table", "json", "csv", "tsv", "xml"),
                   "ask": ("table", "json", "csv", "tsv", "xml")}


class FormatMismatch(ValueError):
    """The format asked for does not fit the query's form: ``form`` (SELECT, ASK, CONSTRUCT, DESCRIBE) and the
    formats that fit it (``fitting``)."""

    def __init__(self, fmt: str, form: str, fitting: tuple[str, ...]):
        self.fmt, self.form, self.fitting = fmt, form, fitting
        super().__init__(f"le format {fmt} ne convient pas à une requête {form} ; formats possibles : "
                         f"{', '.join(fitting)}")

    @property
    def message_en(self) -> str:
        return f"the {self.fmt} format does not fit a {self.form} query; formats that fit: {', '.join(self.fitting)}"


def query_form(text: str) -> str:
    r"""The form of a query: its first SELECT, ASK, CONSTRUCT or DESCRIBE word (SELECT when none is found).

    >>> query_form('PREFIX ex: <x:> # SELECT\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }')
    'CONSTRUCT'
    """
    forms = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    return next((t.value.upper() for t in tokenize(text) if t.kind == "word" and t.value.upper() in forms),
                "SELECT")


def graph_exists_in(store: Store):
    """``graph_exists(iri)`` for :func:`graph.sparql.check_query` on ``store``: whether it holds that named graph
    (one ASK, the IRI bound, never formatted in), as the endpoint's ``FROM`` check asks."""
    from rdflib import URIRef

    def graph_exists(iri: str) -> bool:
        try:
            return bool(store.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(iri)}).boolean)
        except (ValueError, QuerySyntaxError):  # not an IRI the engine takes: no graph of the store has it
            return False

    return graph_exists


def run_user_query(store: Store, text: str, fmt: str, config: Mapping[str, Any],
                   bindings: Mapping[str, Any] | None = None):
    """Run a user's query as the endpoint does — guard, row cap, time limit in a killable worker — for the CLI,
    with ``bindings`` (a named query's parameters) substituted as the endpoint's named queries do.

    ``fmt`` is ``table`` or a results/RDF format name; returns (Answer, table result or None). Raises
    QueryRefused, QuerySyntaxError, QueryTimeout, or FormatMismatch when the format does not fit the query's form.
    """
    plan = check_query(text, int(config.get("max_rows", 10_000)), graph_exists_in(store))
    if fmt not in FORMATS_OF_KIND[plan.kind]:
        raise FormatMismatch(fmt, query_form(text), FORMATS_OF_KIND[plan.kind])
    wire = ("ntriples" if plan.kind == "graph" else "json") if fmt == "table" else fmt
    if store.name == "oxigraph":
        pool = QueryPool(config, size=1, timeout=float(config.get("query_timeout", 10)))
        try:
            answer = pool.run(plan, wire, bindings)
            data = answer.read()
        finally:
            pool.close()
    else:
        answer = InlineRunner(store).run(plan, wire, bindings)
        data = answer.read()
    answer.chunks = iter([data])
    if fmt != "table":
        return answer, None
    from graph.results import RowsResult
    from graph.terms import to_rdflib

    if plan.kind == "graph":
        triples = [tuple(map(to_rdflib, (t.subject, t.predicate, t.object)))
                   for t in ox.parse(data, ox.RdfFormat.N_TRIPLES)]
        return answer, RowsResult("graph", ["subject", "predicate", "object"], triples)
    parsed = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return answer, RowsResult("ask", [], boolean=bool(parsed))
    variables = [v.value for v in parsed.variables]
    return answer, RowsResult("select", variables, [tuple(map(to_rdflib, s)) for s in parsed])
