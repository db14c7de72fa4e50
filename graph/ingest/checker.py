"""Validation of a published snapshot in a forked process, while the writer goes on with the next files.

Without ``--strict``, validation decides nothing about what is stored: it reports. So the files of one publish can be
validated once published, on the snapshot that the publish made — immutable, and exactly what the writer held
when it committed, so the same violations — by another process, while the writer resolves, stores and publishes
the files that follow. Validation was a quarter to a third of the writer's time for the small files of a 100k-actor
corpus, and ~40 % for an RNA extract of 66k triples published alone. It pays only on a core of its own: an ingest
uses it from :data:`graph.ingest.pipeline.CHECK_APART_FROM_CORES` cores.

The writer checks one snapshot at a time: it receives a publish's answer before it sends the next one, so the
snapshot being read is always the current one or the one before, both kept by the store
(:data:`graph.oxistore.KEEP_SNAPSHOTS`). If the process dies, the writer checks the snapshot itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import URIRef

from graph.bindings import run_query
from graph.ingest.forked import ForkedWorker, Lost
from graph.store import graph_size
from graph.validation import THREADS, Violation, validate_graphs



@dataclass
class Checked:
    """What one snapshot's check found, by graph IRI: the violations whose focus node each graph types, and the
    number of triples each graph holds; or the exception that checking raised (``error``)."""

    violations: dict[str, list[Violation]] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    error: BaseException | None = None


def check_snapshot(snapshot: str, graphs: list[str], threads: int = THREADS) -> Checked:
    """Validate ``graphs`` of the published ``snapshot`` together and count their triples
    (:func:`graph.validation.validate_graphs`, as the writer would have before publishing)."""
    try:
        store = ox.Store.read_only(snapshot)

        def query(sparql, bindings=None):
            return run_query(store, sparql, bindings)

        found = validate_graphs(query, [URIRef(g) for g in graphs], threads)
        sizes = {g: graph_size(query, g) for g in graphs}
    except Exception as exc:  # a bug: raised again by the writer
        return Checked(error=exc)
    return Checked({str(g): v for g, v in found.items()}, sizes)


class Checker(ForkedWorker):
    """One forked process that checks the snapshots sent to it, in order: ``send`` a snapshot and its graphs,
    ``receive`` their :class:`Checked` (:class:`graph.ingest.forked.ForkedWorker`: fork it before the store is
    opened for writing)."""

    def __init__(self) -> None:
        super().__init__(check_snapshot, "maillage-check")
        self._sent: list[tuple[str, list[str]]] = []

    def send(self, snapshot: str, graphs: list[str]) -> None:
        self._sent.append((snapshot, graphs))
        super().send(snapshot, graphs)

    def receive(self) -> Checked:
        """The oldest check's answer (checked here when the process died); raises what checking raised."""
        snapshot, graphs = self._sent.pop(0)
        checked = super().receive()
        if isinstance(checked, Lost):
            checked = check_snapshot(snapshot, graphs)
        if checked.error is not None:
            raise checked.error
        return checked
