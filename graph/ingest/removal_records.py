"""The record that a removed source leaves: an archivist who finds a link to it, or who asks what a file said, learns
which file it was (its name, its sha256), imported when, removed when, and how much it held.

``maillage remove`` drops a source's graph, and with it everything the source said of itself (its ``mai:Source``
description, its versions). Before it does, it writes a ``mai:RemovedSource``, ``{base}removal/{source key}/{n}`` (n:
1 for the source's first removal), as a new version keeps the one it replaces (:mod:`graph.ingest.source_versions`):
its file name, sha256, kind, time of import, time of removal (``prov:invalidatedAtTime``), its triples
(``mai:tripleCount``) and the source it was a version of (``dcterms:isVersionOf``). The records are kept in a graph
of their own, ``{base}removals``, which describes no source: the pages and commands that list sources, and the
checks that compare a file with the stored ones, do not see it; it is exported and restored with the sources
(:mod:`graph.backup`). A file ingested again after its removal is a source again; its records stay, history.

>>> from graph.store import open_store
>>> source, store = URIRef("https://ex.org/id/source/a-csv"), open_store({"store": "memory"})
>>> with store.writer() as w:
...     w.add(source, [(source, RDF.type, MAI.Source), (source, DCTERMS.title, Literal("a.csv"))])
...     record = removal_record(w.query, source, w.graph_size(source), "https://ex.org/id/")
>>> [str(o) for o in record.objects(URIRef("https://ex.org/id/removal/a-csv/1"), MAI.tripleCount)]
['2']
"""

from __future__ import annotations

import datetime as dt

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from graph.ingest.sources import stored_title
from graph.namespaces import DEFAULT_BASE, MAI, mint
from graph.triples import TripleSet

#: What the stored source ?g said of itself that its record keeps: its sha256, kind and time of import (each
#: optional: a source restored from a dump of another Maillage may lack one).
_KIND_AND_TIME = (f"SELECT ?sha ?kind ?time WHERE {{ GRAPH ?g {{ ?g a <{MAI.Source}> "
                  f"OPTIONAL {{ ?g <{MAI.sha256}> ?sha }} OPTIONAL {{ ?g <{DCTERMS.type}> ?kind }} "
                  f"OPTIONAL {{ ?g <{PROV.generatedAtTime}> ?time }} }} }} LIMIT 1")
#: The records of the removals of ?source already kept, to number the next one.
_RECORDS = (f"SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r a <{MAI.RemovedSource}> ; "
            f"<{DCTERMS.isVersionOf}> ?source }}")


def removals_graph(base: str = DEFAULT_BASE) -> URIRef:
    """The graph that keeps the records of removed sources (no source's).

    >>> str(removals_graph("https://ex.org/id/"))
    'https://ex.org/id/removals'
    """
    return URIRef(base + "removals")


def removal_record(query, source: URIRef, triples: int, base: str = DEFAULT_BASE,
                   when: dt.datetime | None = None) -> TripleSet:
    """The record of the removal of the stored ``source``, whose graph holds ``triples``, at ``when`` (by default
    now), read through ``query`` before its graph is dropped (see the module's docstring)."""
    when = when or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    count = int(next(iter(query(_RECORDS, {"source": source})))[0])
    node = mint("removal", str(source).rsplit("/", 1)[-1], count + 1, base=base)
    record = TripleSet()
    record += [(node, RDF.type, MAI.RemovedSource), (node, RDF.type, PROV.Entity),
               (node, DCTERMS.isVersionOf, source),
               (node, DCTERMS.title, Literal(stored_title(query, source) or str(source))),
               (node, MAI.tripleCount, Literal(triples, datatype=XSD.integer)),
               (node, PROV.invalidatedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime))]
    for row in query(_KIND_AND_TIME, {"g": source}):
        record += [(node, p, o) for p, o in zip((MAI.sha256, DCTERMS.type, PROV.generatedAtTime), row) if o is not None]
    return record


__all__ = ["removal_record", "removals_graph"]
