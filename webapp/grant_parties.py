"""The two sides of a grant that the filters ``funder=`` and ``beneficiary=`` take: the actors that fund a grant,
and those that receive one.

A filter's name is looked up among the actors of its side only: « Ville d'Antibes » named one actor, the staff
association « CEA du personnel de la ville d'Antibes », a beneficiary, and ``/api/grants?funder=Ville d'Antibes``
answered 0 grants as if the city funded nothing. A name that names no actor of the side is a 400, which suggests
the actors of that side whose names are closest (« ANTIBES »), found as the 404 of an unknown actor's address finds
its own (:mod:`webapp.resource_suggestions`).
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from rdflib import URIRef

from graph.identity_names import fold
from graph.namespaces import MAI, SCHEMA
from webapp.resource_suggestions import CLOSE_ENOUGH, SUGGESTED


@dataclass(frozen=True)
class GrantSide:
    """A side of grants: ``link`` leads from a grant to its actor on that side; ``among`` says in French and in
    English where a name was looked up (« parmi les financeurs »)."""

    link: URIRef
    among: tuple[str, str]

    def holding(self, lookup, iris: list[str]) -> set[str]:
        """Those of ``iris`` (actors that a name or an identifier gives) that are on this side of a grant."""
        if not iris:
            return set()
        # the IRIs are the index's or the store's, written with rdflib's escaping (never request text)
        values = " ".join(URIRef(iri).n3() for iri in iris)
        return {str(row["actor"]) for row in lookup.select(
            f"SELECT DISTINCT ?actor WHERE {{ VALUES ?actor {{ {values} }} ?grant ?link ?actor . "
            "?grant a mai:Grant }", link=self.link)}

    def closest(self, lookup, text: str) -> list[tuple[str, str]]:
        """The actors of this side (IRI, name) whose names are closest to ``text``, best first: among the actors
        that the search finds by any of its words, those of this side at least :data:`CLOSE_ENOUGH` alike
        (« Ville d'Antibes » and « ANTIBES »: 0.64); none without a search index, or for a text it refuses."""
        from search.errors import SearchError
        from search.query import MAX_PAGE_SIZE, search

        words = [word for word in fold(text).split() if len(word) > 2]
        if not words or (index := lookup.index()) is None:
            return []
        try:
            found = search(index, " OU ".join(words), kind="actor", page_size=MAX_PAGE_SIZE)["results"]
        except SearchError:  # a word the search refuses: no suggestion rather than another error
            return []
        sided = self.holding(lookup, [result["iri"] for result in found])
        scored = sorted(((SequenceMatcher(None, fold(text), fold(result["label"] or "")).ratio(), result["iri"],
                          result["label"]) for result in found if result["iri"] in sided), reverse=True)
        return [(actor, name) for score, actor, name in scored[:SUGGESTED] if score >= CLOSE_ENOUGH]


FUNDERS = GrantSide(SCHEMA.funder, (" parmi les financeurs", " among the funders"))
BENEFICIARIES = GrantSide(MAI.beneficiary, (" parmi les bénéficiaires", " among the beneficiaries"))
