"""The roadmap actions that a new version of a register reworded: an action without ``id:`` has an address minted
from its title (:meth:`graph.ingest.register_builder.RegisterBuilder.action_key`), so a title mended gave it a new
one, and its old address answered 404 where a renamed member's leads to its new page.

An action of a goal whose title is gone and an action of the same goal whose title is new are one action reworded
when their titles are close (:data:`CLOSE`) and neither is close to another gone or new action of that goal: each
then leads from its old address to its new one as a renamed member does (:mod:`graph.ingest.source_renames`), and
its old title stays a name of it. Two actions of one goal reworded at once whose titles do not tell which became
which are not paired — a guess would send a bookmark to another action —: the change summary says so, and to give
them an ``id:`` (so are several actions gone and new whose titles are not close: some may be reworded). One action gone
and one new whose titles are not close are one removed and another added.

>>> gone = {URIRef("x:a"): Action("Cartographie des acteurs", frozenset({"1"}))}
>>> new = {URIRef("x:b"): Action("Cartographie des acteurs du territoire", frozenset({"1"}))}
>>> rewordings(gone, new)
Rewordings(pairs=[(rdflib.term.URIRef('x:a'), rdflib.term.URIRef('x:b'))], unpaired=[])
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process
from rdflib import URIRef


#: How close two titles are to be one action reworded, by rapidfuzz's ``token_set_ratio`` (words in any order, one
#: title's words within the other's scoring 100). Measured on the demo register's actions: a title lengthened or
#: shortened scores 87–100 (« Cartographie des acteurs de santé » → « … du territoire »: 100, « Rencontres
#: trimestrielles des communautés d'acteurs au tiers-lieu santé » → « Rencontres mensuelles des communautés
#: d'acteurs »: 87), two of its different actions 41–47.
CLOSE = 70


@dataclass(frozen=True)
class Action:
    """A roadmap action as a register's graph states it: its title and the ranks (or IRIs) of the goals it serves."""

    title: str
    goals: frozenset[str]


@dataclass
class Rewordings:
    """The actions reworded: ``pairs`` (old IRI, new IRI), and ``unpaired``: each goal (its ranks) where actions
    whose titles are gone and actions whose titles are new are left once these are paired, more than one on a side,
    with how many of each — some may be reworded, which cannot be told."""

    pairs: list[tuple[URIRef, URIRef]] = field(default_factory=list)
    unpaired: list[tuple[frozenset[str], int, int]] = field(default_factory=list)


def rewordings(before: dict[URIRef, Action], after: dict[URIRef, Action]) -> Rewordings:
    """The actions of ``before`` that ``after`` reworded, their IRIs changed with their titles (see the module's
    docstring)."""
    titles_before, titles_after = {a.title for a in before.values()}, {a.title for a in after.values()}
    gone = {iri: a for iri, a in before.items() if iri not in after and a.title not in titles_after}
    new = {iri: a for iri, a in after.items() if iri not in before and a.title not in titles_before}
    found = Rewordings()
    for goals in sorted({a.goals for a in gone.values()}, key=sorted):
        olds = {iri: a.title for iri, a in gone.items() if a.goals == goals}
        news = {iri: a.title for iri, a in new.items() if a.goals == goals}
        close = {(old, one) for old in olds for one in news if _close(olds[old], news[one])}
        paired = [(old, one) for old, one in sorted(close) if sum(o == old for o, _ in close) == 1
                  and sum(n == one for _, n in close) == 1]
        found.pairs += paired
        left, came = len(olds) - len(paired), len(news) - len(paired)
        if left and came and left + came > 2:  # some perhaps reworded, but which became which cannot be told
            found.unpaired.append((goals, left, came))
    return found


def _close(one: str, other: str) -> bool:
    """Whether two titles are close enough to be one action's (:data:`CLOSE`)."""
    return fuzz.token_set_ratio(one, other, processor=default_process) >= CLOSE


__all__ = ["Action", "CLOSE", "Rewordings", "rewordings"]
