"""Ingesting one file written by a test into a fresh embedded store, as ``maillage ingest`` does
(:func:`graph.ingest.pipeline.ingest_paths`), for the tests that read its report."""

from __future__ import annotations

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store


def ingest_text(tmp_path, name: str, text: str, strict: bool = False):
    """Write ``text`` to ``tmp_path / name`` and ingest it into a fresh store under ``tmp_path / "data"``: the store,
    the file's report (None when the file was refused) and its error (None when it was ingested)."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / name).write_text(text, encoding="utf-8")
    said = []
    ingest_paths(store, [tmp_path / name], strict=strict,
                 on_report=lambda report, error, _: said.append((report, error)))
    [(report, error)] = said
    return store, report, error
