"""Where an address that the graph holds no data about leads: a member whose name a register corrected has a new
IRI (``/id/actor/telesoins-ruraux-forez``), and the links to the old one answered « aucune donnée » with nowhere to
go.

A rename that a new version of the register made is recorded in its graph (``<old> dcterms:isReplacedBy <new>``,
:mod:`graph.ingest.source_renames`), and so is a session that a deliberation's text redated, with its proxies: the old
address redirects to the new one (:func:`replacement`). Otherwise its 404 suggests the actors it may have meant
(:func:`suggested_actors`): the search index finds the candidates (any word of the address's key, typos tolerated),
then the closest by key and by name are kept: no query of the store, a few milliseconds at 100k actors. A grant's
address ``{base}grant/{source key}/…`` that its source, still stored, no longer holds (the row removed from the
list's new version) says so and links the source (:func:`withdrawn_from`).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from graph.identity_names import fold
from graph.namespaces import MAI
from webapp.page_queries import select

#: Actors suggested at most.
SUGGESTED = 3
#: How close (difflib ratio, 0 to 1) an actor's key or name must be to the address's key to be suggested: measured
#: on the renamed members of the blind tests (« telesoins-ruraux-scic » → « telesoins-ruraux-forez »: 0.78), while
#: actors that share one common word (« sante ») with the key stay below 0.5.
CLOSE_ENOUGH = 0.6
#: Renames followed at most from an old address to the last name (the ingest collapses chains; this bounds a loop
#: that sources stating renames of their own could make).
MAX_RENAMES = 10

# What replaces a resource that states nothing else itself: one look-up by the bound ?old, nothing for a resource
# that has no dcterms:isReplacedBy (every page's case).
_REPLACED_BY = f"""SELECT DISTINCT ?new WHERE {{ ?old <{DCTERMS.isReplacedBy}> ?new FILTER(isIRI(?new))
  FILTER NOT EXISTS {{ ?old ?p ?o FILTER(?p != <{DCTERMS.isReplacedBy}>) }} }} LIMIT 2"""

# The title of a stored source, bound by ?source.
_SOURCE_TITLE = f"""SELECT ?title WHERE {{ ?source <{RDF.type}> <{MAI.Source}> ; <{DCTERMS.title}> ?title }} LIMIT 1"""


def replacement(iri: str) -> str | None:
    """The IRI of the resource that replaces ``iri`` (a member renamed, at the end of its renames; a session
    redated), when ``iri`` states nothing else itself and its replacement is one; else None."""
    seen, current = {iri}, iri
    for _ in range(MAX_RENAMES):
        rows = select(_REPLACED_BY, old=URIRef(current))
        if len(rows) != 1:
            return current if current != iri else None
        current = str(rows[0]["new"])
        if current in seen:  # renames that lead back: no address to send to
            return None
        seen.add(current)
    return None


#: The grant that a source states at a row, when the address asked (a grant's address of the old form, which ended
#: in the row's line) states nothing itself.
_AT_ROW = f"""SELECT ?grant WHERE {{ GRAPH ?source {{ ?grant <{MAI.rowNumber}> ?line ; <{RDF.type}> <{MAI.Grant}> }}
  FILTER NOT EXISTS {{ ?old ?p ?o }} }} LIMIT 2"""


def old_row_address(iri: str, base: str) -> tuple[str, int] | None:
    """The source key and line of ``iri`` when it is a grant's address of the form that a grants list's row had
    before grants were addressed by what identifies them (``{base}grant/{source key}/{line}``); else None.

    >>> old_row_address("https://x.org/id/grant/liste-csv/17", "https://x.org/id/")
    ('liste-csv', 17)
    >>> old_row_address("https://x.org/id/grant/liste-csv/danaecare-2024-06-10", "https://x.org/id/") is None
    True
    """
    key, _, line = iri[len(base) + len("grant/"):].partition("/") if iri.startswith(base + "grant/") else ("", "", "")
    return (key, int(line)) if key and line.isdigit() else None


def grant_at_row(iri: str, base: str) -> str | None:
    """The grant that the source of ``iri``, an old-form address (:func:`old_row_address`) that states nothing, now
    states at its row: links made before (an audit's citations) still reach their grant, when the list is the one they
    cited. None for another address, or when the source states no grant at that row."""
    if (old := old_row_address(iri, base)) is None:
        return None
    key, line = old
    rows = select(_AT_ROW, source=URIRef(f"{base}source/{key}"), line=Literal(line), old=URIRef(iri))
    return str(rows[0]["grant"]) if len(rows) == 1 else None


def suggested_actors(iri: str, base: str) -> list[tuple[str, str]]:
    """The actors (IRI, name) closest to ``iri``, an address ``{base}actor/KEY`` that holds no data, best first; none
    for another address, or without a search index."""
    from search.errors import SearchError
    from search.query import search
    from webapp.resources import get_index

    key = iri[len(base):].removeprefix("actor/") if iri.startswith(base + "actor/") else ""
    words = [word for word in fold(key.replace("-", " ")).split() if len(word) > 2]
    if not words or (index := get_index()) is None:
        return []
    try:
        found = search(index, " OU ".join(words), kind="actor", page_size=20)["results"]
    except SearchError:  # a word the search refuses: no suggestion rather than an error inside the 404
        return []
    scored = sorted(((_closeness(key, result), result["iri"], result["label"]) for result in found
                     if result["iri"] != iri), reverse=True)
    return [(actor, name) for score, actor, name in scored[:SUGGESTED] if score >= CLOSE_ENOUGH]


def _closeness(key: str, result: dict) -> float:
    """How close an actor found is to the address's ``key``: by its own key, or by its name."""
    own_key = result["iri"].rsplit("/", 1)[-1]
    spelled = fold(key.replace("-", " "))
    return max(SequenceMatcher(None, key, own_key).ratio(),
               SequenceMatcher(None, spelled, fold(result["label"] or "")).ratio())


def withdrawn_from(iri: str, base: str) -> tuple[str, str] | None:
    """The source (IRI, title) that minted ``iri``, an address ``{base}grant/{source key}/…`` that holds no data, when
    that source is stored: the grant is no longer in its current version. None for another address, or a source
    not stored."""
    key = iri[len(base) + len("grant/"):].split("/", 1)[0] if iri.startswith(base + "grant/") else ""
    if not key:
        return None
    source = f"{base}source/{key}"
    rows = select(_SOURCE_TITLE, source=URIRef(source))
    return (source, str(rows[0]["title"])) if rows else None


__all__ = ["grant_at_row", "old_row_address", "replacement", "suggested_actors", "withdrawn_from"]
