"""The sessions that a new version of a source redated: a session's IRI is minted from its date
(:func:`graph.identity.session_iri`), and so are those of the proxies given at it, so a deliberation's text whose
new version corrects « 16 MAI 2024 » into « 23 MAI 2024 » read in its change note « Pouvoir +8 −8 (…), Séance +1 −1
(…/2024-05-16 …) », a session and its proxies removed and added, named by IRIs a coordinator cannot read.

A session gone and a session new are one session redated when their IRIs differ only by their last segments, each
the session's own date (the same authority and organ), their bodies (``mai:body``) are the same, and they are the
only two, one on each side, of that authority and body: the change note says « Bureau Métropolitain du 16 mai 2024
→ 23 mai 2024 ». A proxy of the session gone and a proxy of the session new with the same giver and holder are one
proxy that moved with it, not told. A session removed and another added of another body, or whose IRIs are not
minted from their dates (an RDF file's), are told as removed and added; so are two sessions of one body redated at
once, which their dates do not pair. A session removed or added is told with its proxies (« Séance +1 −1 (+
Conseil Métropolitain du 23 mai 2024 et ses 8 pouvoirs ; − Bureau Métropolitain du 16 mai 2024 et ses 8 pouvoirs)
»), not each proxy again as removed or added: when one session replaces another, its proxies named by their persons
were the same list on both sides, and read as if nothing had changed. What this reads is in the graph's types and
watched values (:data:`graph.ingest.source_value_changes.SESSION_LINKS`): no query of its own.

The old addresses of a session redated and of the proxies that moved with it lead to their new ones, as a renamed
member's does: the ingest records them (:attr:`Redatings.moved`, :mod:`graph.ingest.source_renames`), where they
answered 404 once the change note had told the session redated. A session removed and another added are not paired,
and the old one's address leads nowhere.

>>> from rdflib.namespace import RDFS
>>> from graph.ingest.source_changes import GraphState
>>> def held(day):
...     session, body = URIRef(f"x:session/cm/{day}"), URIRef("x:cm")
...     return GraphState({MAI.Session: {session}}, {}, values={
...         session: {DCTERMS.date: frozenset({date.fromisoformat(day)}), MAI.body: frozenset({body})},
...         body: {RDFS.label: frozenset({"Conseil Municipal"})}})
>>> before, after = held("2024-05-16"), held("2024-05-23")
>>> fr, en = redatings(before, after).change(before.values, after.values)
>>> fr
'1 séance changée de date (Conseil Municipal du 16 mai 2024 → 23 mai 2024)'
>>> en
'1 session moved to another date (Conseil Municipal session of 16 May 2024 → 23 May 2024)'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from rdflib import URIRef
from rdflib.namespace import DCTERMS

from graph.ingest.source_value_changes import Values, date_names, listed, session_names
from graph.namespaces import MAI

if TYPE_CHECKING:  # the change summary's, which imports this module
    from graph.ingest.source_changes import GraphState


@dataclass
class Redatings:
    """The sessions redated, each its IRI before and after, and the proxies that moved with them."""

    sessions: list[tuple[URIRef, URIRef]] = field(default_factory=list)
    proxies: list[tuple[URIRef, URIRef]] = field(default_factory=list)
    #: The proxies given at the sessions removed or added (not redated), which are told with them.
    with_their_sessions: set[URIRef] = field(default_factory=set)

    @property
    def moved(self) -> list[tuple[URIRef, URIRef]]:
        """The sessions redated and the proxies that moved with them, each its old IRI and its new one: what
        :mod:`graph.ingest.source_renames` records, for their old addresses to lead to the new ones."""
        return self.sessions + self.proxies

    @property
    def told_apart(self) -> set[URIRef]:
        """The sessions and proxies that the resources added and removed leave out: the redating tells them, or
        their sessions do."""
        return {iri for pair in self.moved for iri in pair} | self.with_their_sessions

    def change(self, before: Values, after: Values) -> tuple[str, str]:
        """« 1 séance changée de date (Bureau Métropolitain du 16 mai 2024 → 23 mai 2024) » (French, English): the
        sessions redated, in the order of their old dates, named in ``before``, the first SHOWN said."""
        said = []
        for old, new in sorted(self.sessions, key=lambda pair: str(_day(pair[0], before))):
            (old_fr, old_en), (new_fr, new_en) = session_names(old, before), date_names(_day(new, after))
            said.append((f"{old_fr} → {new_fr}", f"{old_en} → {new_en}"))
        (fr, en), many = listed(said), len(said) > 1
        return (f"{len(said)} séance{'s' * many} changée{'s' * many} de date ({fr})",
                f"{len(said)} session{'s' * many} moved to another date ({en})")


def redatings(before: GraphState, after: GraphState) -> Redatings:
    """The sessions that the graph ``before`` held and ``after`` redated, and the proxies given at them that moved
    with them (see the module's docstring)."""
    found = Redatings()
    sessions_before, sessions_after = before.typed.get(MAI.Session, set()), after.typed.get(MAI.Session, set())
    gone = _by_place(sessions_before - sessions_after, before.values)
    new = _by_place(sessions_after - sessions_before, after.values)
    for place, olds in gone.items():
        if len(olds) == len(news := new.get(place, [])) == 1:
            found.sessions.append((olds[0], news[0]))
    proxies_before, proxies_after = before.typed.get(MAI.Proxy, set()), after.typed.get(MAI.Proxy, set())
    for old, new_session in found.sessions:
        found.proxies += _moved(before.values[old].get(MAI.proxy, frozenset()) - proxies_after,
                                after.values[new_session].get(MAI.proxy, frozenset()) - proxies_before,
                                before.values, after.values)
    redated = {iri for pair in found.sessions for iri in pair}
    for sessions, state, kept in ((sessions_before - sessions_after, before, proxies_after),
                                  (sessions_after - sessions_before, after, proxies_before)):
        found.with_their_sessions.update(proxy for session in sessions - redated
                                         for proxy in state.values.get(session, {}).get(MAI.proxy, ())
                                         if proxy not in kept)
    return found


def _by_place(sessions: set[URIRef], values: Values) -> dict[tuple[str, frozenset], list[URIRef]]:
    """The ``sessions`` whose IRIs end with their dates, by their IRIs' other segments (an authority's key and its
    organ's) and their bodies."""
    places: dict[tuple[str, frozenset], list[URIRef]] = {}
    for session in sessions:
        stem, _, last = session.rpartition("/")
        if (day := _day(session, values)) is not None and last == str(day):
            places.setdefault((stem, values[session].get(MAI.body, frozenset())), []).append(session)
    return places


def _day(session: URIRef, values: Values) -> date | None:
    """A session's date, when it has one (and one only)."""
    days = values.get(session, {}).get(DCTERMS.date, frozenset())
    return next(iter(days)) if len(days) == 1 else None


def _moved(gone: frozenset[URIRef], new: frozenset[URIRef], before: Values,
           after: Values) -> list[tuple[URIRef, URIRef]]:
    """The proxies of ``gone`` and ``new`` with the same giver and holder, the only two, one on each side."""
    def persons(proxy: URIRef, values: Values) -> tuple[frozenset, frozenset]:
        props = values.get(proxy, {})
        return props.get(MAI["from"], frozenset()), props.get(MAI.to, frozenset())

    olds: dict[tuple, list[URIRef]] = {}
    for proxy in gone:
        olds.setdefault(persons(proxy, before), []).append(proxy)
    news: dict[tuple, list[URIRef]] = {}
    for proxy in new:
        news.setdefault(persons(proxy, after), []).append(proxy)
    return [(was[0], news[key][0]) for key, was in olds.items() if len(was) == len(news.get(key, [])) == 1]


__all__ = ["Redatings", "redatings"]
