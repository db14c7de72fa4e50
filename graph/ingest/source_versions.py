"""The versions of a source that new versions replaced, kept on its description: an archivist can tell which file
(its sha256), imported when, stated a fact that the source no longer states.

A new version of a source (other bytes under the same source name) makes the version it replaces a
``mai:SourceVersion``, ``{base}version/{source key}/{n}`` (n: 1 for the first file ever stored), with its sha256,
its file name, when it was imported and its change notes; the source says ``prov:wasRevisionOf`` it, and it says so
of the version before it, each carried over from one version to the next. The same bytes read again (``--force``, a
reader's new version) are no new version: the source keeps its versions, and the time its bytes were first imported
(``prov:generatedAtTime``), which is the time that version began to state its facts; a reading again changes none.
A new version whose bytes are those of a previous one (a rollback) is one, and its change note says which
(:func:`restored_version`).
"""

from __future__ import annotations

import datetime as dt

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from graph.namespaces import DEFAULT_BASE, MAI, mint
from graph.triples import TripleSet

#: The triples of the versions that the stored graph ?g keeps, each reached from the source by prov:wasRevisionOf.
_VERSIONS = (f"SELECT ?v ?p ?o WHERE {{ GRAPH ?g {{ ?g <{PROV.wasRevisionOf}>+ ?v . ?v a <{MAI.SourceVersion}> ; "
             "?p ?o } }")
#: The version the stored graph ?g says it revises, if any.
_LATEST = f"SELECT ?v WHERE {{ GRAPH ?g {{ ?g <{PROV.wasRevisionOf}> ?v }} }}"
#: The stored version of the source ?g: its sha256, file name, time of import and change notes.
_STORED = (f"SELECT ?sha ?title ?time ?note WHERE {{ GRAPH ?g {{ ?g <{MAI.sha256}> ?sha ; <{DCTERMS.title}> ?title ; "
           f"<{PROV.generatedAtTime}> ?time OPTIONAL {{ ?g <{SKOS.changeNote}> ?note FILTER(isLiteral(?note)) }} }} }}")
_IMPORTED = f"SELECT ?time WHERE {{ GRAPH ?g {{ ?g <{PROV.generatedAtTime}> ?time }} }} LIMIT 1"
#: When each version that the stored graph ?g keeps with the sha256 ?sha was imported.
_SAME_BYTES = (f"SELECT ?time WHERE {{ GRAPH ?g {{ ?v a <{MAI.SourceVersion}> ; <{MAI.sha256}> ?sha ; "
               f"<{PROV.generatedAtTime}> ?time }} }}")


def imported_time(query, source: URIRef) -> Literal | None:
    """When the stored version of ``source`` was imported (None when it is not stored)."""
    return next((row[0] for row in query(_IMPORTED, {"g": source})), None)


def kept_versions(query, source: URIRef, key: str, replaced: bool, base: str = DEFAULT_BASE) -> TripleSet:
    """The versions of the stored ``source`` to keep on the description of the file that comes in its place, and,
    when that file ``replaced`` the stored one (other bytes), the stored version as the newest of them; ``key``: the
    source's key (:attr:`graph.ingest.base.SourceContext.key`), which names them. Nothing for a source not stored."""
    versions = TripleSet(tuple(row) for row in query(_VERSIONS, {"g": source}))
    latest = [row[0] for row in query(_LATEST, {"g": source})]
    stored = list(query(_STORED, {"g": source}))
    if not replaced or not stored:
        versions += [(source, PROV.wasRevisionOf, version) for version in latest]
        return versions
    node = mint("version", key, len(set(versions.subjects(RDF.type, MAI.SourceVersion))) + 1, base=base)
    sha, title, time, _ = stored[0]
    versions += [(source, PROV.wasRevisionOf, node), (node, RDF.type, MAI.SourceVersion), (node, RDF.type, PROV.Entity),
                 (node, MAI.sha256, sha), (node, DCTERMS.title, title), (node, PROV.generatedAtTime, time)]
    versions += [(node, SKOS.changeNote, note) for *_, note in stored if note is not None]
    versions += [(node, PROV.wasRevisionOf, version) for version in latest]
    return versions


def restored_version(query, source: URIRef, sha256: str) -> tuple[str, str] | None:
    """What to say (French, English) of a new version of the stored ``source`` whose bytes (``sha256``) are those of
    one of its previous versions: a rollback, « identique à la version importée le … » (the latest such version);
    None when no previous version has them."""
    times = sorted(row[0].toPython() for row in query(_SAME_BYTES, {"g": source, "sha": Literal(sha256)}))
    if not times or not isinstance(when := times[-1], dt.datetime):
        return None
    from graph.ingest.french import format_date_words

    english = f"{when.day} {when.strftime('%B')} {when.year}"
    return (f"identique à la version importée le {format_date_words(when.date())} à {when:%H:%M:%S}",
            f"identical to the version ingested on {english} at {when:%H:%M:%S}")


__all__ = ["imported_time", "kept_versions", "restored_version"]
