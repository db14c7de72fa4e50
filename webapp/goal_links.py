"""The goals that grants serve, as the pages read them: stated on a grant, or by a partner register's grant
reference (:mod:`graph.ingest.register_grants`).

The references are joined to the grants they describe once per published snapshot, and the pairs found are given
to the pages' queries as a VALUES block. Joined in each page query instead, the join ran once per goal of
``/goals`` (9 s at 10k actors, against 0.05 s without it) and added 0.1 s to each grant's page.
"""

from __future__ import annotations

from rdflib import URIRef

from graph.ingest.register_grants import REFERENCED_GRANTS
from webapp.cache import cached_select

#: Each grant that a register's grant reference describes, each goal the reference gives, and the register.
_REFERENCED = ("SELECT DISTINCT ?grant ?goal ?source WHERE { " + REFERENCED_GRANTS
               + " GRAPH ?source { ?ref mai:contributesTo ?goal } } ORDER BY ?grant ?goal ?source")
#: Pairs kept: a register links a few dozen grants (all the grants of a deliberation at most, for each entry).
MAX_PAIRS = 20_000


def referenced() -> list[tuple[URIRef, URIRef, URIRef]]:
    """The (grant, goal, register) triples of the grants that the registers link to goals, in IRI order."""
    return [(row["grant"], row["goal"], row["source"]) for row in cached_select(_REFERENCED, max_rows=MAX_PAIRS)]


def grant_goals(goal: str = "?goal", of: URIRef | None = None) -> str:
    """A subquery binding ``?grant`` and the variable ``goal`` to each grant and each goal it serves, stated or
    linked by a register; ``of``: the goal that ``goal`` is bound to (its grants only, and ``goal`` heads no VALUES
    block: some engines have its value substituted into the text)."""
    linked = referenced()
    if of is None:
        values = " ".join(dict.fromkeys(f"({grant.n3()} {goal_iri.n3()})" for grant, goal_iri, _ in linked))
        block = f"VALUES (?grant {goal}) {{ {values} }}"
    else:
        block = f"VALUES ?grant {{ {' '.join(dict.fromkeys(g.n3() for g, o, _ in linked if o == of))} }}"
    return (f"{{ SELECT DISTINCT ?grant {goal} WHERE {{\n"
            f"  {{ ?grant mai:contributesTo {goal} FILTER EXISTS {{ ?grant a mai:Grant }} }}\n"
            f"  UNION {{ {block} }} }} }}")
