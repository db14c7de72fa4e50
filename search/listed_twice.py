"""Which grants of grants lists a stored deliberation's text decides too: one grant published twice
(:data:`graph.ingest.decided_amounts.SAME_GRANT`), which an actor's summary counts once, as the text decides it, as
the pages' totals do (webapp.grant_amounts.NOT_LISTED_TWICE).

The facts hold no named graph, and the rule tells a list from a text by the kind of source that its graph states:
:func:`search.facts.load_facts` asks the store for those grants in a query of their own, once for the facts it
fills (:attr:`search.facts.Facts.listed_twice`), as the pages read them once for their anti-join.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from graph.ingest.decided_amounts import SAME_GRANT
from graph.namespaces import sparql_prologue

#: Every such grant, the pairs of the rule read whole, as the pages' anti-join reads them (16–37 ms at 100k generated
#: actors, graph.ingest.decided_amounts; 2 ms at 10k, which hold none). Looked up from each grant an update reads
#: instead (``SAME_GRANT_OF_LISTED``, a VALUES block of them), 72 grants took 17–25 ms at 10k: read whole, once.
_EVERY = f"SELECT DISTINCT ?grant WHERE {{ {SAME_GRANT} }}"


def listed_twice(rows: Callable[[str], Iterable[tuple]]) -> frozenset[str]:
    """The IRIs of the grants of lists that a stored deliberation's text decides too; ``rows(sparql)`` answers a
    query as plain values."""
    return frozenset(grant for (grant,) in rows(sparql_prologue() + _EVERY))
