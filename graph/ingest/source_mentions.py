"""The warnings kept with other sources that name a source once it is removed or replaced by a new version.

A source keeps the warnings its ingest gave (:mod:`graph.ingest.source_report`), among them some that name another
source: a grant « déjà publiée par « lot.csv » », a file « identique à « lot.csv » ». Once ``lot.csv`` is removed or
replaced by other bytes, they may no longer be true: the sources that keep such warnings — found by one query on
the kept messages — have them checked anew, in the write that removes or replaces it. Those naming it are replaced
by what the check that gave them says now at their line (:data:`RECHECKS`, by kind: a grants list's or an RDF
file's grants that other sources publish too), or dropped when no such check gives them again; the other warnings are
kept as they are.
"""

from __future__ import annotations

import importlib

from rdflib import Literal, URIRef

from graph.ingest.source_report import keep_settled
from graph.namespaces import sparql_prologue

#: The checks of a kind's ``check_stored`` whose warnings name other sources, by kind: the module and the name of
#: ``check(query, source)``, imported when a source of that kind is checked anew (an ingest imports no other kind's
#: code).
RECHECKS: dict[str, tuple[str, str]] = {"scdl-subventions": ("graph.ingest.scdl_repeated", "check_repeated"),
                                         "rdf": ("graph.ingest.rdf_check_grants", "recheck_repeated")}

#: The sources (with their kind) that keep a warning whose French message ``names`` (a filter on ?message) a source.
_NAMING = """SELECT DISTINCT ?g ?kind WHERE {{
  GRAPH ?g {{ ?g mai:ingestIssue ?issue ; dcterms:type ?kind . ?issue dcterms:description ?message
              FILTER(lang(?message) = "fr" && ({names})) }} }}"""


def naming(title: str) -> str:
    """How a French message names the source of file name ``title``."""
    return f"« {title} »"


def settle_mentions(writer, titles: dict[URIRef, str]) -> set[str]:
    """Check anew, through ``writer``, the kept warnings of the other sources that name the sources ``titles``
    (their file names, by IRI) just removed or replaced: each is replaced by what its check says now, or dropped.
    Return the sources whose kept report changed (for the search index)."""
    if not titles:
        return set()
    names = " || ".join(f"CONTAINS(STR(?message), {Literal(naming(title)).n3()})" for title in titles.values())
    found = writer.query(sparql_prologue() + _NAMING.format(names=names))  # (Oxigraph: VALUES here finds none)
    named, changed = [naming(title) for title in titles.values()], set()
    for source, kind in sorted({(URIRef(str(g)), str(kind)) for g, kind in found}):
        if source in titles:
            continue
        module, name = RECHECKS.get(kind, (None, None))
        fresh = getattr(importlib.import_module(module), name)(writer.query, source) if module else []
        if keep_settled(writer, source, lambda issue: any(n in issue.message for n in named), fresh, in_place=True):
            changed.add(str(source))
    return changed


__all__ = ["RECHECKS", "naming", "settle_mentions"]
