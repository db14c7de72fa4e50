"""The remote store's dump (``maillage export`` of a ``sparql`` store) writes the server's terms as the server writes
them: through rdflib terms, ``" 5"^^xsd:integer`` became ``"5"`` (and ``"x"@EN`` ``"x"@en``, on a server that keeps
the case), and a restore of the export was not the server's data. Against ``oxigraph serve`` on loopback.
"""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest

from graph.dump_writing import write_dump
from graph.store import open_store

SOURCE = "https://w3id.org/maillage/ontology#Source"
INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
# Oxigraph keeps " 5" as written (not an integer's form), writes "007" as "7" (it is one): the first shows the dump.
QUADS = f'<https://ex.org/a> a <{SOURCE}> ; <https://ex.org/p> " 5"^^<{INTEGER}>, "5"^^<{INTEGER}>, "x"@fr'



@pytest.fixture
def remote(oxigraph_server):
    store = open_store({"store": "sparql", "query_url": oxigraph_server + "/query",
                        "update_url": oxigraph_server + "/update"})
    store.update("DROP SILENT ALL")
    store.update(f"INSERT DATA {{ GRAPH <https://ex.org/a> {{ {QUADS} }} }}")
    return oxigraph_server


def server_quads(url: str) -> set[ox.Quad]:
    """The server's quads as it writes them itself (SPARQL JSON results read by pyoxigraph, no rdflib term)."""
    import urllib.request

    request = urllib.request.Request(url + "/query", data=b"SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        rows = ox.parse_query_results(response.read(), ox.QueryResultsFormat.JSON)
        return {ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in rows}


@pytest.mark.parametrize("fmt, engine", [("nquads", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG)])
def test_the_remote_dump_writes_the_servers_lexical_forms(remote, fmt, engine):
    store = open_store({"store": "sparql", "query_url": remote + "/query"})
    out = io.BytesIO()
    store.dump(out, fmt)
    dumped = set(ox.parse(out.getvalue(), engine))
    assert dumped == server_quads(remote)
    assert {q.object.value for q in dumped if isinstance(q.object, ox.Literal)} == {" 5", "5", "x"}


def test_an_export_of_the_remote_store_restores_as_the_servers_data(remote):
    store = open_store({"store": "sparql", "query_url": remote + "/query"})
    out = io.BytesIO()
    write_dump(store, out, "nquads")
    restored = ox.Store()
    restored.load(out.getvalue(), ox.RdfFormat.N_QUADS)
    graph = ox.NamedNode("https://ex.org/a")
    assert set(restored.quads_for_pattern(None, None, None, graph)) == server_quads(remote)
