"""The benchmarks' account of where a process's CPU went (bench/run_measure.py ``ThreadCPU``): its main thread,
its other threads, and its child processes, which ``wait4`` counts together."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).resolve().parent.parent / "bench"))
from run_measure import ThreadCPU  # noqa: E402

#: Spins for CPU time, not wall time: the test holds on a loaded machine.
SPIN = "import time\ndef spin(s):\n    t = time.process_time()\n    while time.process_time() - t < s: pass\n"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux's /proc")
def test_cpu_is_told_apart_by_main_thread_other_threads_and_child_processes():
    child = SPIN + textwrap.dedent(f"""
        import subprocess, sys, threading
        subprocess.run([sys.executable, "-c", {SPIN + "spin(0.6)"!r}], check=True)  # a child process
        worker = threading.Thread(target=spin, args=(0.6,))
        worker.start(); worker.join()                                                # another thread
        spin(0.6)                                                                    # the main thread
    """)
    process = subprocess.Popen([sys.executable, "-c", child])
    threads = ThreadCPU(process.pid)
    _, status, usage = os.wait4(process.pid, 0)
    threads.stop()
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: Popen must not wait again
    assert process.returncode == 0
    split = threads.split(usage.ru_utime + usage.ru_stime)
    # Each part spun 0.6 s of CPU; sampling every 0.1 s may miss the end of a part.
    assert split["main_s"] >= 0.4, split
    assert split["other_threads_s"] >= 0.4, split
    assert split["children_s"] >= 0.4, split
    assert split["compaction_s"] == split["flush_s"] == 0, split


def test_work_that_needs_memory_runs_apart_and_answers(tmp_path):
    """``apart`` runs a benchmark step in a child process (so that the benchmark's own RSS, which Linux counts in
    every later child's peak, stays small) and returns its answer: here what the store holds for an ingested file."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store
    from run_measure import apart

    source = tmp_path / "two.nt"
    source.write_text('<https://ex.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "a" .\n'
                      '<https://ex.org/b> <http://www.w3.org/2000/01/rdf-schema#label> "b" .\n', encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    assert ingest_paths(store, [source])[0].status == "stored"
    store.close()
    out = tmp_path / "stored.nt"
    count = apart("dump_stored", tmp_path / "data", source, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert count == len(lines) > 2 and any('"a"' in line for line in lines)
