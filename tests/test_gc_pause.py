"""The cyclic garbage collector is paused over one piece of work at a time, and always resumed after it."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from graph.gc_pause import cyclic_gc_paused
from graph.ingest import pipeline_storage
from graph.ingest.forked import ForkedWorker
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
#: A grants list that is stored, and a list of deliberations refused for want of its authority (``--funder``).
FILES = [FIXTURES / "tabular" / "exemple_valide_v2.1.1.csv", FIXTURES / "tabular" / "VilleMTP_MTP_Delibs.csv"]


def _collector_state(*_request):
    return gc.isenabled()


def test_a_pause_inside_a_pause_leaves_the_collector_paused_until_the_outer_one_ends():
    with cyclic_gc_paused():
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_resumed_when_the_paused_work_fails():
    with pytest.raises(ZeroDivisionError):
        with cyclic_gc_paused():
            1 / 0
    assert gc.isenabled()


def test_a_forked_process_does_its_work_with_the_collector_paused_and_the_writer_gets_it_back_on():
    with ForkedWorker(_collector_state, "maillage-test") as worker:
        worker.send()
        assert worker.receive() is False  # the handler ran paused
        worker.send()
        assert worker.receive() is False  # and again for the next request: the pause is per request
    assert gc.isenabled()


def test_an_ingest_leaves_the_collector_on_after_its_files_whether_they_pass_or_fail(tmp_path, monkeypatch):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data"), "lock_timeout": 5})
    refused, publishing = [], []
    reports = ingest_paths(store, FILES, publish_interval=3600,
                           on_report=lambda report, error, path: error and refused.append(path.name),
                           on_publish=lambda reports: publishing.append(gc.isenabled()))
    assert ([r.status for r in reports], refused) == (["stored"], [FILES[1].name])
    assert publishing == [False] and gc.isenabled()  # paused while publishing, on after

    def boom(*args, **kwargs):
        raise ZeroDivisionError("bug")

    # a bug while storing (one while reading is the file's error)
    monkeypatch.setattr(pipeline_storage, "resolve_actors", boom)
    with pytest.raises(ZeroDivisionError):
        ingest_paths(store, FILES, force=True, publish_interval=3600)
    store.close()
    assert gc.isenabled()


class _Finalised:
    """Records in a pipe that it was finalised, and in which process."""

    def __init__(self, write_end: int):
        self.write_end = write_end
        self.cycle = self

    def __del__(self):
        os.write(self.write_end, str(os.getpid()).encode() + b"\n")


def _collect(*_request):
    return gc.collect()


def test_a_forked_process_never_finalises_the_garbage_that_the_writer_had_not_collected_yet():
    read_end, write_end = os.pipe()
    with cyclic_gc_paused():
        _Finalised(write_end)  # garbage at once, a cycle that only the collector frees
        with ForkedWorker(_collect, "maillage-test") as worker:
            worker.send()
            worker.receive()
    gc.collect()  # the writer's own collector finalises it, once
    os.close(write_end)
    with os.fdopen(read_end) as finalised:
        assert finalised.read().split() == [str(os.getpid())]
