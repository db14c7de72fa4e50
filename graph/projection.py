"""The columns of ``SELECT *`` in the order in which the query names its variables.

SPARQL 1.1 (§18.2.1) makes ``*`` project the variables in scope, and leaves their order to the engine: Oxigraph
sorts them by name (``["o", "p", "s"]`` for ``SELECT * { ?s ?p ?o }``), where a client reads the columns as it wrote
them. The engine's set of variables is kept (what is in scope is its to say); only their order changes, in the
serialised results (:func:`in_query_order`), since the engine plans a query before it gives its variables: asking it
for them first would run the query twice.

>>> from graph.sparql_text import tokenize
>>> star_order(tokenize("SELECT DISTINCT * WHERE { ?s ?p ?o . ?s ?q ?x }"))
('s', 'p', 'o', 'q', 'x')
>>> star_order(tokenize("SELECT ?o ?s WHERE { ?s ?p ?o }")) is None
True
"""

from __future__ import annotations

import csv
import io
import json
import re

from graph.sparql_text import Token

_MODIFIERS = {"DISTINCT", "REDUCED"}
#: Where the JSON results list their variables: ``"vars":[``, spaced or not as the serialiser writes it.
_VARS = re.compile(rb'"vars"\s*:\s*(\[)')


def star_order(tokens: list[Token]) -> tuple[str, ...] | None:
    """The variables of a query whose own projection is ``*``, in the order of their first mention; None for a
    query that names its columns (a subquery's ``*`` is no column of the answer)."""
    words = [(i, t) for i, t in enumerate(tokens) if t.kind != "comment"]
    for n, (i, token) in enumerate(words):
        if token.kind == "word" and token.depth == 0 and token.value.upper() == "SELECT":
            rest = [t for _, t in words[n + 1:]]
            while rest and rest[0].kind == "word" and rest[0].value.upper() in _MODIFIERS:
                rest = rest[1:]
            if not rest or rest[0].value != "*":
                return None
            return tuple(dict.fromkeys(t.value[1:] for t in tokens[i + 1:] if t.kind == "var"))
    return None


def without_columns(solutions):
    """The pyoxigraph ``solutions`` of a ``SELECT *`` whose query names no variable (``SELECT * { [] a mai:Grant }``),
    each as the empty solution that SPARQL 1.1 gives there: the set-union rewrite (:mod:`graph.sparql_union`)
    projects one variable, unbound in every row, since a projection names one at least.

    >>> import pyoxigraph as ox
    >>> without_columns(ox.Store().query("SELECT ?x WHERE { VALUES ?x { 1 2 } }")).serialize(
    ...     format=ox.QueryResultsFormat.JSON)
    b'{"head":{"vars":[]},"results":{"bindings":[{},{}]}}'
    """
    import pyoxigraph as ox

    count = sum(1 for _ in solutions)
    return ox.Store().query("SELECT * WHERE { VALUES () { " + "() " * count + "} }")


def in_query_order(data: bytes, fmt_name: str, variables: list[str], order: tuple[str, ...]) -> bytes:
    """SELECT results ``data`` in format ``fmt_name`` (json, xml, csv, tsv), whose columns are the engine's
    ``variables``, with those columns in the order of ``order`` (a variable it does not name last, as the engine
    gave it).

    >>> in_query_order(b'o,p,s\\r\\n1,2,3\\r\\n', "csv", ["o", "p", "s"], ("s", "p", "o"))
    b's,p,o\\r\\n3,2,1\\r\\n'
    """
    rank = {name: i for i, name in enumerate(order)}
    wanted = sorted(variables, key=lambda name: rank.get(name, len(rank)))
    if wanted == variables:
        return data
    if fmt_name == "json":
        return _json_head(data, wanted)
    if fmt_name == "xml":
        return _xml_head(data, wanted)
    columns = [variables.index(name) for name in wanted]
    if fmt_name == "tsv":  # the engine escapes tabs and line ends in terms: one line a row, one tab a cell
        lines = data.split(b"\n")
        return b"\n".join(b"\t".join(cells[c] for c in columns) if len(cells := line.split(b"\t")) == len(variables)
                          else line for line in lines)
    return _csv_columns(data, columns)


def _json_head(data: bytes, wanted: list[str]) -> bytes:
    """The JSON results with their ``head.vars`` in the order ``wanted`` (each solution is an object: its keys'
    order is nobody's to read)."""
    head = _VARS.search(data)
    start, end = head.start(1), data.index(b"]", head.end()) + 1
    return data[:start] + json.dumps(wanted, separators=(",", ":"), ensure_ascii=False).encode() + data[end:]


def _xml_head(data: bytes, wanted: list[str]) -> bytes:
    """The XML results with their ``<head>`` variables in the order ``wanted`` (a result's bindings are named)."""
    start, end = data.index(b"<head>") + len(b"<head>"), data.index(b"</head>")
    return data[:start] + "".join(f'<variable name="{name}"/>' for name in wanted).encode() + data[end:]


def _csv_columns(data: bytes, columns: list[int]) -> bytes:
    """CSV results (CRLF line ends, a cell quoted when it holds a comma, a quote or a line end) with their columns
    in the order ``columns``."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")):
        writer.writerow([row[c] for c in columns])
    return out.getvalue().encode("utf-8")
