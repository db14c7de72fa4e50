"""The remote store's export (``maillage export --format trig|nquads`` of a ``sparql`` store) counts its dump as a
restore holds it, in one streaming read: read back into a store, as a restore reads it, the dump of 300,000 quads
took the export to 273 MB. What a SPARQL server answers may hold a quad twice, or a literal in a form that Oxigraph
holds in another (``"007"^^xsd:integer`` is ``"7"``): the counts are still those that a restore finds.

The memory is the process's peak resident memory, which the kernel lets a process reset (``/proc/self/clear_refs``):
tracemalloc does not see what pyoxigraph allocates (in Rust), and saw 2 MB where the process grew by 42 MB.
Against ``oxigraph serve`` on loopback, and a loopback server that answers a fixed result.
"""

from __future__ import annotations

import http.server
import io
import json
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.dump_check import check_whole, graph_sizes, load_dump
from graph.dump_writing import _tally, write_dump
from graph.formats import rdf_format
from graph.store import open_store

QUADS = 50_000  # read back into a store, the dump took the process 42 MB beyond its resident memory
INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
TITLE = "http://purl.org/dc/terms/title"


def iri(value: str) -> dict:
    return {"type": "uri", "value": value}


def literal(value: str, **more: str) -> dict:
    return {"type": "literal", "value": value, **more}


def row(s: dict, p: str, o: dict, g: str) -> dict:
    return {"s": s, "p": iri(p), "o": o, "g": iri(g)}


A, B, P = "https://ex.org/a", "https://ex.org/b", "https://ex.org/p"
#: A server's answer that holds quads twice and integers in two forms of one value: graph a holds 3 quads once
#: loaded in a store, graph b 2.
ROWS = [row(iri(A), TITLE, literal("Un"), A), row(iri(A), TITLE, literal("Un"), A),
        row(iri(A), P, literal("007", datatype=INTEGER), A), row(iri(A), P, literal("7", datatype=INTEGER), A),
        row(iri(A), P, literal("x", **{"xml:lang": "fr"}), A),
        row({"type": "bnode", "value": "n"}, P, literal("y"), B),
        row({"type": "bnode", "value": "n"}, P, literal("y"), B),
        row(iri(B), P, literal("7", datatype=INTEGER), B)]


def resident(field: str) -> int:
    """The process's ``field`` of ``/proc/self/status`` (``VmRSS``, ``VmHWM``), in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise LookupError(field)


def test_a_remote_export_counts_its_dump_without_holding_it(remote_store, tmp_path):
    triples = "\n".join(f'<https://ex.org/s{i}> <https://ex.org/p> "value {i}"@fr .' for i in range(QUADS))
    remote_store.update(f"INSERT DATA {{ GRAPH <https://ex.org/g> {{ {triples} }} }}")
    try:
        Path("/proc/self/clear_refs").write_text("5")  # the peak resident memory reset to the resident memory
    except OSError:
        pytest.skip("the kernel does not let this process reset its peak resident memory")
    before = resident("VmRSS")
    with open(tmp_path / "dump.nq", "wb") as out:
        assert write_dump(remote_store, out, "nquads") == (QUADS + 4, 2)
    assert resident("VmHWM") - before < 15_000_000


class _Answer(http.server.BaseHTTPRequestHandler):
    """Answer any POST with :data:`ROWS` in SPARQL 1.1 Query Results JSON."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        sent = json.dumps({"head": {"vars": ["s", "p", "o", "g"]}, "results": {"bindings": ROWS}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(sent)))
        self.end_headers()
        self.wfile.write(sent)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def answering():
    """A store on a loopback server that answers :data:`ROWS` to any query."""
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield open_store({"store": "sparql", "query_url": f"http://127.0.0.1:{server.server_address[1]}/query"})
        finally:
            server.shutdown()
            thread.join()


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_a_remote_export_counts_each_quad_as_a_restore_holds_it(answering, tmp_path, fmt):
    out = io.BytesIO()
    stated = 2 + 2 * 2 + 1  # the counts' graph: its type and total, each graph's subset and size, a's title
    assert write_dump(answering, out, fmt) == (5 + stated, 3)
    dump = load_dump(str(tmp_path / "read"), rdf_format(fmt), out.getvalue())
    assert check_whole(dump)
    assert graph_sizes(dump) == {A: 3, B: 2, "urn:maillage:dump": stated}
    titles = dump.quads_for_pattern(ox.NamedNode(A), ox.NamedNode(TITLE), None, ox.NamedNode("urn:maillage:dump"))
    assert [q.object.value for q in titles] == ["Un"]


def test_the_count_of_a_remote_dump_keeps_the_quads_seen_in_a_file_far_smaller_than_the_dump(tmp_path):
    # what a server answers, written out: long literals, as descriptions and deliberation quotes are
    lines = [f'<https://ex.org/s{i}> <https://ex.org/p> "{"x" * 200} {i}" <https://ex.org/g> .\n'
             for i in range(20_000)]
    dump = tmp_path / "dump.nq"
    dump.write_text("".join(lines + lines[:10_000]))  # half of it twice
    held = tmp_path / "held.sqlite"
    counts, _, total = _tally(dump, rdf_format("nquads"), held)
    assert (counts, total) == ({"https://ex.org/g": 20_000}, 20_000)
    assert held.stat().st_size < dump.stat().st_size / 10
