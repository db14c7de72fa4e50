"""The remote store's dump (``maillage export`` of a ``sparql`` store) reads the server's answer as it comes, each
quad written as it is read: read whole, the answer of 300,000 quads (87 MB of JSON) and its parse held 175 MB. A
connection that fails while the answer comes is a StoreError that names the server's address, as one that fails
before it. Against ``oxigraph serve`` on loopback, and a loopback server that cuts its answer short.
"""

from __future__ import annotations

import http.server
import threading
import tracemalloc

import pyoxigraph as ox
import pytest

from graph.store import StoreError, open_store

QUADS = 20_000  # an answer of about 6 MB of JSON, read whole before
HEAD = b'{"head":{"vars":["s","p","o","g"]},"results":{"bindings":['
ROW = (b'{"s":{"type":"uri","value":"https://ex.org/a"},"p":{"type":"uri","value":"https://ex.org/p"},'
       b'"o":{"type":"literal","value":"x"},"g":{"type":"uri","value":"https://ex.org/g"}}')


def test_a_remote_dump_holds_a_small_part_of_the_servers_answer_at_a_time(remote_store, tmp_path):
    triples = "\n".join(f'<https://ex.org/s{i}> <https://ex.org/p> "value {i}"@fr .' for i in range(QUADS))
    remote_store.update(f"INSERT DATA {{ GRAPH <https://ex.org/g> {{ {triples} }} }}")
    tracemalloc.start()
    try:
        with open(tmp_path / "dump.nq", "wb") as out:
            remote_store.dump(out, "nquads")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
    assert len(list(ox.parse(path=str(tmp_path / "dump.nq"), format=ox.RdfFormat.N_QUADS))) == QUADS


class _CutShort(http.server.BaseHTTPRequestHandler):
    """Answer any POST with the start of a SPARQL JSON result, then close the connection: the server's answer as a
    client sees it when the server stops, or the network fails, while it sends it."""

    chunked = False

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        sent = HEAD + b",".join([ROW] * 100)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        if self.chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            self.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(sent), sent))  # whole chunks, the JSON unfinished
        else:
            self.send_header("Content-Length", str(len(sent) * 2))
            self.end_headers()
            self.wfile.write(sent)
        self.close_connection = True

    def log_message(self, *args) -> None:
        pass


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_remote_dump_whose_answer_is_cut_short_is_a_store_error_that_names_the_server(tmp_path, chunked):
    handler = type("Handler", (_CutShort,), {"chunked": chunked})
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{server.server_address[1]}/query"
        try:
            with open(tmp_path / "dump.nq", "wb") as out, pytest.raises(StoreError, match=url):
                open_store({"store": "sparql", "query_url": url}).dump(out, "nquads")
        finally:
            server.shutdown()
            thread.join()
