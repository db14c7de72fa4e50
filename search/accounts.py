"""The budget accounts of a grant as its document holds them: a search for an account number finds the grants
charged to that account first, then those charged to its sub-accounts.

A grant's M57 account (``mai:budgetNature``, a concept of the shipped chart ``ontology/m57.ttl``) puts its number in
the document's body, and that number with those of every account above it (``skos:broader``: 65748 → 6574 → 657 →
65) in its ``classes``: "6574" finds the grants on 6574 by both, and those on 65741–65748 by their classes only,
after them, as a finance officer who asks for an account expects its sub-accounts' grants too.

>>> doc = {"related": [], "classes": []}
>>> add_accounts(doc, ["https://w3id.org/maillage/ontology/m57/65748"])
>>> doc["related"], doc["classes"]
(['65748'], ['65', '657', '6574', '65748'])
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from rdflib.namespace import SKOS


@cache
def _chart() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each account of the shipped chart by IRI: its number, and the numbers of the accounts above it."""
    from graph.ontology import load_schemes

    schemes = load_schemes()
    notation = {str(c): str(n) for c, n in schemes.subject_objects(SKOS.notation)}
    broader = {str(c): str(b) for c, b in schemes.subject_objects(SKOS.broader) if str(c) in notation}
    chart = {}
    for iri, number in notation.items():
        above, at = [], broader.get(iri)
        while at in notation and notation[at] not in above:
            above.append(notation[at])
            at = broader.get(at)
        chart[iri] = (number, tuple(above))
    return chart


def add_accounts(doc: dict, accounts: Iterable[str]) -> None:
    """Add to a grant's document the numbers of its ``accounts`` (IRIs of ``mai:budgetNature``): each in its body,
    each and those above it in its classes (see the module docstring). An account outside the chart adds none."""
    chart = _chart()
    known = [chart[a] for a in accounts if a in chart]
    doc["related"] += [number for number, _ in known]
    doc["classes"] = sorted(set(doc["classes"]).union(n for number, above in known for n in (number, *above)))
