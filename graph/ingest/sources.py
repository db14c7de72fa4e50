"""What the store holds of the sources an ingest writes: each one's recorded sha256, the kind and reader versions
that read it (:mod:`graph.ingest.reader_versions`), and the subjects of its graph.

The pipeline asks both of every file (is it unchanged? which resources did its old version describe?): two or
three queries of about a millisecond each at 100k actors, per file of a few kilobytes. :class:`StoredSources` asks
the store once for all the files of an ingest, and again only about the graphs that this ingest has itself
changed since (or about every graph, once a backup was restored): while the writer holds the store's lock, its
changes are the only ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import datetime as dt

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from graph.ingest.reader_versions import OutdatedSource, outdated, version_of
from graph.namespaces import MAI

_SHA256 = f"SELECT ?sha WHERE {{ GRAPH ?g {{ ?g <{MAI.sha256}> ?sha }} }}"
#: What the description of a source says of who read it: its sha256, kind and reader versions (OPTIONAL: stores
#: written before reader versions were recorded hold none); of one source (its graph bound to ?g), or of all.
_READ_PATTERN = (f"GRAPH ?g {{ ?g <{MAI.sha256}> ?sha OPTIONAL {{ ?g <{DCTERMS.type}> ?kind }} "
                 f"OPTIONAL {{ ?g <{MAI.readerVersion}> ?version }} }}")
_READ = f"SELECT ?sha ?kind ?version WHERE {{ {_READ_PATTERN} }}"
_READ_ALL = f"SELECT ?g ?sha ?kind ?version WHERE {{ {_READ_PATTERN} }}"
_TITLE = f"SELECT ?title WHERE {{ GRAPH ?g {{ ?g <{DCTERMS.title}> ?title }} }}"
_TITLES = f"SELECT ?g ?title WHERE {{ GRAPH ?g {{ ?g <{DCTERMS.title}> ?title }} }}"
#: The source, other than ?source, whose file had the bytes of sha256 ?sha: its file name and when it was imported
#: (the shipped vocabularies left out: they are no user's file to remove).
_SAME_BYTES = (f"SELECT ?title ?time WHERE {{ GRAPH ?g {{ ?g <{MAI.sha256}> ?sha ; <{DCTERMS.title}> ?title "
               f"OPTIONAL {{ ?g <{PROV.generatedAtTime}> ?time }} "
               f"FILTER NOT EXISTS {{ ?g <{DCTERMS.type}> \"vocabulary\" }} }} FILTER(?g != ?source) }} "
               "ORDER BY ?time LIMIT 1")
_SUBJECTS = "SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s)) }"
_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { } }"


def stored_sha256(query, graph: URIRef) -> str | None:
    """Return the sha256 recorded for the source stored as ``graph``, if any."""
    rows = list(query(_SHA256, {"g": graph}))
    return str(rows[0][0]) if rows else None


@dataclass(frozen=True)
class Reading:
    """Who read a stored source, as its description says: its kind, and the versions of that kind's reader it
    records (none for a source stored before they were recorded)."""

    kind: str | None = None
    versions: frozenset[int] = frozenset()


def _readings(rows) -> tuple[dict[URIRef, set[str]], dict[URIRef, Reading]]:
    """The sha256 and the :class:`Reading` of each graph of ``rows`` (of :data:`_READ_ALL`)."""
    shas: dict[URIRef, set[str]] = {}
    kinds: dict[URIRef, str | None] = {}
    versions: dict[URIRef, set[int]] = {}
    for graph, sha, kind, version in rows:
        shas.setdefault(graph, set()).add(str(sha))
        if kinds.get(graph) is None:
            kinds[graph] = str(kind) if kind is not None else None
        numbers = versions.setdefault(graph, set())
        if version is not None and (number := version_of(version)) is not None:
            numbers.add(number)
    return shas, {graph: Reading(kinds[graph], frozenset(versions[graph])) for graph in shas}


def stored_reading(query, graph: URIRef) -> Reading:
    """Return who read the source stored as ``graph`` (nothing known when it is not stored)."""
    return _readings((graph, *row) for row in query(_READ, {"g": graph}))[1].get(graph, Reading())


def outdated_sources(query) -> list[OutdatedSource]:
    """The stored sources that another version of their kind's reader read, or that were stored before versions were
    recorded, by file name (:func:`graph.ingest.reader_versions.outdated`): what ``maillage validate`` lists."""
    titles = {graph: str(title) for graph, title in query(_TITLES)}
    found = (outdated(titles.get(graph, str(graph)), reading.kind, reading.versions)
             for graph, reading in _readings(query(_READ_ALL))[1].items())
    return sorted((source for source in found if source is not None), key=lambda source: source.title)


def stored_title(query, graph: URIRef) -> str | None:
    """Return the file name recorded for the source stored as ``graph``, if any."""
    rows = list(query(_TITLE, {"g": graph}))
    return str(rows[0][0]) if rows else None


def identical_source(query, sha: str, source: URIRef) -> tuple[str, dt.date | None] | None:
    """The file name of a stored source other than ``source`` whose file had the same bytes (``sha``: their
    sha256), and the day it was imported, if any: a file ingested again under a new name, whose facts would then be
    told twice."""
    for title, time in query(_SAME_BYTES, {"sha": Literal(sha), "source": source}):
        day = time.toPython() if time is not None else None
        return str(title), day.date() if isinstance(day, dt.datetime) else None
    return None


def stored_subjects(query, graph: URIRef) -> set[URIRef]:
    """Return the IRIs that are subjects in the stored ``graph``."""
    return {row[0] for row in query(_SUBJECTS, {"g": graph})}


class StoredSources:
    """The sha256, the reading (:class:`Reading`) and the subjects of stored sources, through ``query`` (a
    writer's): read once, in one query, for the graphs that this ingest has not changed, queried for the others.

    Call :meth:`changed` after each file written, refused or failed (its graph may be new, or restored from the
    last snapshot), and :meth:`forget_all` before anything that may change other graphs (restoring a backup).
    """

    def __init__(self, query):
        self.query = query
        self.graphs = {row[0] for row in query(_GRAPHS)}
        shas, self.readings = _readings(query(_READ_ALL))
        # Two hashes in one graph (a file that states its own): the per-graph query decides which one counts.
        self.sha: dict[URIRef, str | None] = {g: next(iter(sha)) if len(sha) == 1 else None for g, sha in shas.items()}
        self.unknown: set[URIRef] = {g for g, sha in self.sha.items() if sha is None}
        self.all_unknown = False

    def _known(self, graph: URIRef) -> bool:
        return not self.all_unknown and graph not in self.unknown

    def sha256(self, graph: URIRef) -> str | None:
        """What :func:`stored_sha256` would answer for ``graph``."""
        return self.sha.get(graph) if self._known(graph) else stored_sha256(self.query, graph)

    def reading(self, graph: URIRef) -> Reading:
        """What :func:`stored_reading` would answer for ``graph``."""
        return self.readings.get(graph, Reading()) if self._known(graph) else stored_reading(self.query, graph)

    def subjects(self, graph: URIRef) -> set[URIRef]:
        """What :func:`stored_subjects` would answer for ``graph`` (nothing, without a query, for a graph absent
        when the ingest started and not written since)."""
        if self._known(graph) and graph not in self.graphs:
            return set()
        return stored_subjects(self.query, graph)

    def changed(self, graph: URIRef) -> None:
        self.unknown.add(graph)

    def forget_all(self) -> None:
        self.all_unknown = True


#: What a new version of a source cannot have fewer of without a warning (French, English names).
COUNTED = {MAI.Grant: ("subvention", "grant"), MAI.Deliberation: ("délibération", "deliberation"),
           MAI.Association: ("association", "association"), MAI.Enterprise: ("entreprise", "enterprise")}
#: The stored source's count of each of them (its graph is bound to ?g), and of nothing else.
_TYPED = ("SELECT ?t (COUNT(DISTINCT ?s) AS ?n) WHERE { VALUES ?t { %s } GRAPH ?g { ?s a ?t } } GROUP BY ?t"
          % " ".join(cls.n3() for cls in COUNTED))


def lost_things(query, graph: URIRef, new) -> list[tuple[str, str]]:
    """What the new version ``new`` (a graph) of the stored source ``graph`` has fewer of than the stored one: one
    (French, English) phrase per class of :data:`COUNTED` ("1 subvention de moins (2 → 1)"), for a replacement that
    loses rows (a file cut short, an export filtered by mistake) to be told, not only done."""
    old = {row[0]: int(row[1]) for row in query(_TYPED, {"g": graph})}
    said = []
    for cls in COUNTED:
        if (before := old.get(cls, 0)) == 0:
            continue
        after = len(set(new.subjects(RDF.type, cls)))
        if after < before:
            fr, en = COUNTED[cls]
            less = before - after
            said.append((f"{less} {fr}{'s' if less > 1 else ''} de moins ({before} → {after})",
                         f"{less} {en}{'s' if less > 1 else ''} fewer ({before} → {after})"))
    return said
