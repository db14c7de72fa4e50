"""The actors that an address of an actor that the graph does not hold may have meant, for its 404 page: a member
whose name a register corrected has a new IRI (``/id/actor/telesoins-ruraux-forez``), and the links to the old one
answered « aucune donnée » with nowhere to go.

The search index finds the candidates (any word of the address's key, typos tolerated), then the closest by key
and by name are kept: no query of the store, a few milliseconds at 100k actors.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from graph.identity_names import fold

#: Actors suggested at most.
SUGGESTED = 3
#: How close (difflib ratio, 0 to 1) an actor's key or name must be to the address's key to be suggested: measured
#: on the renamed members of the blind tests (« telesoins-ruraux-scic » → « telesoins-ruraux-forez »: 0.78), while
#: actors that share one common word (« sante ») with the key stay below 0.5.
CLOSE_ENOUGH = 0.6


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


__all__ = ["suggested_actors"]
