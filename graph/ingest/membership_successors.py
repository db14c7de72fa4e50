"""Where a membership's old address leads once a new version of its register minted it anew: a membership's IRI is
its PTCE's and its member's keys (with its entry date when the member has several periods), so a member who moved
to another circle (``…/universite-…`` became ``…/2025-01-10`` and ``…/2026-04-01``) or was renamed left the old
address answering 404, while its actor's old address redirected.

Each membership gone is continued by the membership of the same member (its actor, or the actor it was renamed to)
in the same PTCE, the current one, else the latest; or, when the member has none left, by the member itself. These
pairs are recorded with the renames (:mod:`graph.ingest.source_renames`), as ``<old> dcterms:isReplacedBy <new>``,
where the web's redirect reads them.

>>> old, new = URIRef("https://ex.org/m/a"), URIRef("https://ex.org/m/a/2026-04-01")
>>> actor, ptce = URIRef("https://ex.org/a"), URIRef("https://ex.org/p")
>>> successors({old: Period(actor, ptce, "2025-01-10", None)},
...            {new: Period(actor, ptce, "2026-04-01", None)}, {}) == [(old, new)]
True
"""

from __future__ import annotations

from typing import NamedTuple

from rdflib import URIRef

from graph.namespaces import MAI, ORG

_MEMBERSHIPS = (f"SELECT ?m ?actor ?org ?joined ?left WHERE {{ GRAPH ?g {{ ?m a <{ORG.Membership}> ; "
                f"<{ORG.member}> ?actor OPTIONAL {{ ?m <{ORG.organization}> ?org }} "
                f"OPTIONAL {{ ?m <{MAI.joinedOn}> ?joined }} OPTIONAL {{ ?m <{MAI.leftOn}> ?left }} }} }}")


class Period(NamedTuple):
    """A membership as a graph states it: its member, its PTCE, its entry and exit dates (None when not given)."""

    actor: URIRef
    ptce: URIRef | None
    joined: str | None
    left: str | None


def membership_periods(query, graph: URIRef) -> dict[URIRef, Period]:
    """The memberships of the stored ``graph`` by IRI (none, when it is not stored)."""
    return {membership: Period(actor, ptce, str(joined) if joined is not None else None,
                               str(left) if left is not None else None)
            for membership, actor, ptce, joined, left in query(_MEMBERSHIPS, {"g": graph})
            if isinstance(membership, URIRef)}


def successors(before: dict[URIRef, Period], after: dict[URIRef, Period],
               renamed: dict[URIRef, URIRef]) -> list[tuple[URIRef, URIRef]]:
    """Each membership of ``before`` absent from ``after`` and what continues it: the same member's (its actor, or
    the one ``renamed`` maps it to) membership of the same PTCE in ``after``, the current one else the latest, or
    the member itself when it has none."""
    pairs = []
    for membership, period in before.items():
        if membership in after:
            continue
        actor = renamed.get(period.actor, period.actor)
        same = [(iri, later) for iri, later in after.items() if later.actor == actor and later.ptce == period.ptce]
        pairs.append((membership, max(same, key=_recency)[0] if same else actor))
    return sorted(pairs)


def _recency(item: tuple[URIRef, Period]) -> tuple[bool, str, str, str]:
    """How a membership ranks as the one that continues another: current first, then by its latest entry date."""
    iri, period = item
    return period.left is None, period.joined or "", period.left or "", str(iri)


__all__ = ["Period", "membership_periods", "successors"]
