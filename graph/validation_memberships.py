"""Results of the membership shape that do not apply to a membership in another organisation than a PTCE.

``maish:MembershipShape`` asks each ``org:Membership`` for a role (``org:role``): the circle of the PTCE its member
is in. A partner's file may also state memberships of its own network (« Les Aidants du Gier are a member of the
DAC »), which are in no circle of the PTCE; telling its publisher that such a membership lacks one, at each ingest
and each ``maillage validate``, asks for what cannot be given. SHACL targets match on types only
(``ontology/shapes.ttl``), so these results are dropped after the checks: those whose membership's
``org:organization`` some source describes (types), and none as a PTCE (``mai:Cooperation``). An organisation that
no source describes is kept: it may be the PTCE's IRI mistyped.
"""

from __future__ import annotations

from graph.namespaces import MAI, ORG
from graph.terms import term_parts
from graph.validation_constraints import Violation
from graph.validation_names import IRIS_PER_QUERY, NAMED_IRI

#: Of some memberships, those in an organisation that some source types, but not as a PTCE.
_OUTSIDE_PTCE = (f"SELECT DISTINCT ?m WHERE {{ VALUES ?m {{ %s }} ?m <{ORG.organization}> ?o . "
                 f"FILTER EXISTS {{ ?o a ?type }} FILTER NOT EXISTS {{ ?o a <{MAI.Cooperation}> }} }}")


def outside_ptce(query, violations: list[Violation]) -> set[Violation]:
    """The results among ``violations`` of a membership without a role (``org:role``, which only a minimum count
    leaves without a value) in an organisation that is not a PTCE (see the module's docstring). One query per
    IRIS_PER_QUERY such memberships; none when no membership lacks a role."""
    missing = [v for v in violations if v.path == str(ORG.role) and v.value is None and NAMED_IRI.fullmatch(v.focus)]
    iris = sorted({v.focus for v in missing})
    outside: set[str] = set()
    for start in range(0, len(iris), IRIS_PER_QUERY):
        values = " ".join(f"<{iri}>" for iri in iris[start:start + IRIS_PER_QUERY])
        outside |= {term_parts(m)[1] for (m,) in query(_OUTSIDE_PTCE % values).raw_rows()}
    return {v for v in missing if v.focus in outside}
