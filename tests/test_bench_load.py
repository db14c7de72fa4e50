"""The benchmark's load test (bench/run_measure.py ``load_test``): it says which requests failed, by path, and how
long each kind of request took."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent / "bench"))
from run_measure import load_test  # noqa: E402
from run_report import report  # noqa: E402


class _Handler(BaseHTTPRequestHandler):
    """Answers 200, but 503 for /busy, on keep-alive connections."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        body = b"busy" if self.path == "/busy" else b"ok"
        self.send_response(503 if self.path == "/busy" else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_the_load_test_counts_failed_requests_by_path():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = load_test(server.server_address[1], [("/ok", "text/html"), ("/busy", "text/html")], 2, 1.0)
    finally:
        server.shutdown()
        server.server_close()
    assert result["requests"] > 0 and set(result["errors"]) == {"503"}
    assert result["failed"] == {"/busy": {"503": result["errors"]["503"]}}
    machine = dict.fromkeys(("cpu", "cores", "memory_mb", "os", "python", "pyoxigraph", "load_before"), "?")
    line = next(line for line in report({"actors": 1, "seed": 1, "machine": machine, "load": result}).splitlines()
                if "concurrent clients" in line)
    assert f"503 ×{result['errors']['503']} /busy" in line


def test_the_load_test_times_each_kind_of_request_apart():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = load_test(server.server_address[1], [("/id/a", "text/html"), ("/queries/q.json", "application/json"),
                                                      ("/api/search?q=x", "application/json")], 3, 1.0)
    finally:
        server.shutdown()
        server.server_close()
    by_kind = result["by_kind"]
    assert set(by_kind) == {"page", "named query", "search"}
    assert sum(entry["n"] for entry in by_kind.values()) == result["requests"]
    machine = dict.fromkeys(("cpu", "cores", "memory_mb", "os", "python", "pyoxigraph", "load_before"), "?")
    lines = report({"actors": 1, "seed": 1, "machine": machine, "load": result}).splitlines()
    assert any(line.startswith(f"| named query | {by_kind['named query']['n']} | ") for line in lines)
