"""What the site says of the sources that ``maillage remove`` removed (:mod:`graph.ingest.removal_records`): the
« Sources » page and ``/api/sources`` list them apart, and the address of one answers 410 Gone saying which file it
was, when it was removed and what it held, where it answered a bare 404.

A source ingested again after its removal is a source again: neither listed here nor gone, its records stay in the
store (SPARQL reaches them, its page's links name them).
"""

from __future__ import annotations

import datetime as dt

from rdflib import URIRef

from webapp.cache import cached_select
from webapp.errors import ApiError
from webapp.i18n import pick
from webapp.links import local_path
from webapp.page_queries import select

#: The records of the removals of the sources that are not stored again (?source bound: of that one), the latest
#: first.
_REMOVED = """SELECT ?r ?source ?title ?kind ?sha ?imported ?removed ?triples WHERE {
  ?r a mai:RemovedSource ; dcterms:isVersionOf ?source ; dcterms:title ?title ; prov:invalidatedAtTime ?removed ;
     mai:tripleCount ?triples
  OPTIONAL { ?r mai:sha256 ?sha } OPTIONAL { ?r dcterms:type ?kind } OPTIONAL { ?r prov:generatedAtTime ?imported }
  FILTER NOT EXISTS { GRAPH ?source { ?source a mai:Source } }
} ORDER BY DESC(?removed) ?title"""


def _removal(row: dict) -> dict:
    """A removal record's row as plain data: the record's IRI and page, the source's IRI and page (its address,
    which answers 410), the file's name, kind and sha256, when it was imported and removed, its triples."""
    text = {key: str(row[key]) if row.get(key) is not None else None for key in ("kind", "sha", "imported")}
    return {"iri": str(row["r"]), "page": local_path(str(row["r"])), "source": str(row["source"]),
            "source_page": local_path(str(row["source"])), "title": str(row["title"]), "kind": text["kind"],
            "sha256": text["sha"], "imported": text["imported"], "removed": str(row["removed"]),
            "triples": int(row["triples"])}


def listed_removals() -> list[dict]:
    """The sources removed and not ingested again, each removal a row (:func:`_removal`), the latest first."""
    return [_removal(row) for row in cached_select(_REMOVED, pin=True)]


def gone(iri: str) -> ApiError | None:
    """The 410 Gone of the address of the source ``iri`` removed, and not stored again (the caller knows that the
    store says nothing of ``iri``), after its latest removal; None when no record names it."""
    rows = select(_REMOVED, source=URIRef(iri))
    if not rows:
        return None
    latest, when = rows[0], rows[0]["removed"].toPython()
    said = removal_said(str(latest["title"]), when, int(latest["triples"])) if isinstance(when, dt.datetime) else \
        (f"Cette source, « {latest['title']} », a été retirée.", f"This source, '{latest['title']}', was removed.")
    record = pick("ce qui reste de la source", "what is left of the source")
    return ApiError(*said, status=410, code="gone", see=(str(latest["r"]), record))


def removal_said(title: str, removed: dt.datetime, triples: int) -> tuple[str, str]:
    """What the address of a removed source says (French, English), to the second as a source's time of import.

    >>> removal_said("lot.csv", dt.datetime(2026, 12, 6, 10, 42, 5), 1234)[0]
    'Cette source, « lot.csv », a été retirée le 6 décembre 2026 à 10:42:05. Elle comptait 1 234 triplets.'
    >>> removal_said("lot.csv", dt.datetime(2026, 12, 1, 9, 0, 0), 1)[1]
    "This source, 'lot.csv', was removed on 1 December 2026 at 09:00:00. It held 1 triple."
    """
    from graph.ingest.french import format_date_words

    clock, number = f"{removed:%H:%M:%S}", f"{triples:,}"
    return (f"Cette source, « {title} », a été retirée le {format_date_words(removed.date())} à {clock}. Elle "
            f"comptait {number.replace(',', ' ')} triplet{'s' * (triples > 1)}.",
            f"This source, '{title}', was removed on {removed.day} {removed:%B} {removed.year} at {clock}. It held "
            f"{number} triple{'s' * (triples != 1)}.")


__all__ = ["gone", "listed_removals", "removal_said"]
