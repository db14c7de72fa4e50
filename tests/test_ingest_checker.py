"""Validation of published snapshots in a second process: the same reports, in the same order, as validating each
publish before it."""

from __future__ import annotations

import io
import os
import signal
from pathlib import Path

import pytest

from graph.ingest import checker as checker_module
from graph.ingest.checker import Checker, check_snapshot
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from tests.test_ingest_lookahead import FILES
from tests.test_validation import BROKEN, PREFIXES


@pytest.fixture
def files(tmp_path) -> list[Path]:
    """The broken validation samples (each its own file, its resources renamed apart) among real files; not the
    one with a blank node, whose label differs from one ingest to the other."""
    folder = tmp_path / "files"
    folder.mkdir()
    samples = []
    for i, case in enumerate(sorted(case for case in BROKEN if "blank" not in case)):
        sample = folder / f"sample-{i}.ttl"
        sample.write_text(PREFIXES + BROKEN[case][len(PREFIXES):].replace("ex:", f"ex:f{i}-"), encoding="utf-8")
        samples.append(sample)
    return [FILES[0], *samples[:4], FILES[3], FILES[1], *samples[4:], FILES[2]]


def ingest(data: Path, files: list[Path], check_apart: bool, publish_interval: float):
    store = open_store({"store": "oxigraph", "data_dir": str(data), "lock_timeout": 5})
    heard = []
    ingest_paths(store, files, publish_interval=publish_interval, check_apart=check_apart,
                 on_report=lambda report, error, path: heard.append(
                     ("report", path.name, report and (report.status, report.triples, report.violations))),
                 on_publish=lambda reports: heard.append(("publish", [r.file for r in reports])))
    out = io.BytesIO()
    store.dump(out, "nquads")
    store.close()
    return heard, sorted(line for line in out.getvalue().splitlines() if b"generatedAtTime" not in line)


def stored_and_publishes(heard: list) -> list:
    return [event for event in heard if event[0] == "publish" or event[2] is not None]


def failed(heard: list) -> list[str]:
    return sorted(event[1] for event in heard if event[0] == "report" and event[2] is None)


@pytest.mark.parametrize("publish_interval", [0, 3600])
def test_publishes_checked_apart_are_reported_as_publishes_checked_before(tmp_path, files, publish_interval):
    heard, quads = ingest(tmp_path / "apart", files, True, publish_interval)
    heard_before, quads_before = ingest(tmp_path / "before", files, False, publish_interval)
    assert quads == quads_before
    # Failures are reported at once, stored files after their check: only the order between the two differs.
    assert stored_and_publishes(heard) == stored_and_publishes(heard_before)
    assert failed(heard) == failed(heard_before) == ["SCDL_MANY_MISSING_MANDATORY.csv", "VilleMTP_MTP_Delibs.csv"]
    stored = [event[2] for event in stored_and_publishes(heard) if event[0] == "report"]
    assert sum(v.severity == "Violation" for _, _, violations in stored for v in violations) >= len(BROKEN) - 1
    assert all(triples > 0 for status, triples, _ in stored if status == "stored")


def published(data: Path, files: list[Path]):
    """Ingest ``files`` (validated by the writer) and return their reports and the snapshot that holds them."""
    store = open_store({"store": "oxigraph", "data_dir": str(data), "lock_timeout": 5})
    reports = ingest_paths(store, files, publish_interval=3600, check_apart=False)
    with store.writer() as writer:
        writer.commit()
        snapshot = writer.published
    store.close()
    return reports, snapshot


def test_a_snapshot_is_checked_as_the_writer_would_have_checked_it(tmp_path, files):
    reports, snapshot = published(tmp_path / "data", files[1:5])
    sources = [str(r.source) for r in reports]
    checked = check_snapshot(snapshot, sources)
    assert checked.violations == {str(r.source): r.violations for r in reports}
    assert checked.sizes == {str(r.source): r.triples for r in reports}


def test_when_the_checking_process_dies_the_writer_checks_the_snapshot_itself(tmp_path, files):
    reports, snapshot = published(tmp_path / "data", files[1:3])
    checker = Checker()
    os.kill(checker._process.pid, signal.SIGKILL)
    checker._process.join()
    checker.send(snapshot, [str(r.source) for r in reports])
    checked = checker.receive()
    checker.close()
    assert checked.violations == {str(r.source): r.violations for r in reports}


def test_a_bug_in_a_check_is_raised_by_the_ingest(tmp_path, files, monkeypatch):
    def boom(*args, **kwargs):
        raise ZeroDivisionError("bug")

    monkeypatch.setattr(checker_module, "validate_graphs", boom)  # before the fork: the process has it too
    with pytest.raises(ZeroDivisionError, match="bug"):
        ingest(tmp_path / "data", files[:3], True, 0)


def test_the_checking_process_ends_when_closed():
    checker = Checker()
    checker.close()
    assert checker._process.exitcode == 0
