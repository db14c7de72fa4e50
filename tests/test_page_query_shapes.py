"""The shapes of the per-resource queries of the resource pages: each class pattern stays beside a pattern that
reaches the page's resource, so that Oxigraph never begins with every instance of the class.

Why: the grants received by a renamed member's old address came in through a UNION, and the grant's class was left
after it, alone: Oxigraph then read every grant of the store for each page (150 ms at 100k actors, once per resource
and published state, against 0.1 ms), which was every resource page's rare slow request. The results are the same
either way (tests/test_renamed_actor_pages.py); what differs is the plan, which the algebra shows without timing.
"""

from __future__ import annotations

import pytest
from rdflib import RDF, Variable
from rdflib.plugins.sparql import prepareQuery

from graph.namespaces import MAI, sparql_prologue
from webapp import resource_grants
from webapp.grant_amounts import LISTED_TWICE

GRANT = Variable("grant")


def basic_patterns(node) -> list[list[tuple]]:
    """The triples of every basic graph pattern in a query's algebra."""
    found = []
    if getattr(node, "name", None) == "BGP":
        found.append(list(node.triples))
    children = node.values() if hasattr(node, "values") else node if isinstance(node, (list, tuple)) else ()
    for child in children:
        if hasattr(child, "name") or isinstance(child, (list, tuple)):
            found.extend(basic_patterns(child))
    return found


def lone_class_patterns(query: str) -> list[list[tuple]]:
    """The basic graph patterns of ``query`` that name ?grant's class and nothing else about ?grant."""
    algebra = prepareQuery(sparql_prologue() + query).algebra
    return [bgp for bgp in basic_patterns(algebra)
            if (GRANT, RDF.type, MAI.Grant) in bgp and sum(GRANT in (t[0], t[2]) for t in bgp) == 1]


@pytest.mark.parametrize("twice", ["", f"OPTIONAL {{ {LISTED_TWICE} BIND(1 AS ?listedTwice) }}"])
def test_the_grants_of_a_page_are_reached_from_its_resource_never_from_every_grant(twice):
    """With the grants of lists that a deliberation's text decides too joined (a store that holds some) or not."""
    assert lone_class_patterns(resource_grants._GRANT_KEYS.replace("%TWICE%", twice)) == []


def test_whether_a_resource_lists_grants_is_asked_from_the_resource_too():
    assert lone_class_patterns(resource_grants._A_LISTED_GRANT) == []
