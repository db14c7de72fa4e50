"""A goal's grant references (a partner register's ``grants:`` entries, graph.ingest.register_grants) that name a
grant the graph holds: the goal's page shows that grant once, with the register as a second source of it, instead of
the reference and the grant side by side as if two things served the goal.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from graph.ingest.register_grants import Reference, describe, linked_grants
from webapp.i18n import t
from webapp.page_queries import select
from webapp.resources import get_store

#: The grant references that give the goal ``?s``, with their register's graph and title: untyped nodes with a row
#: number (graph.ingest.register_links tells them apart so too).
_GOAL_REFERENCES = """SELECT DISTINCT ?ref ?source ?register WHERE {
  GRAPH ?source { ?ref mai:contributesTo ?s ; mai:rowNumber ?line } FILTER NOT EXISTS { ?ref a ?type }
  OPTIONAL { ?source dcterms:title ?register } }"""


@dataclass
class Resolved:
    """What a goal's resolved references say: the references that name grants of the graph, and for each such grant
    where the registers name it ("registre ptce.yaml, ligne 101")."""

    references: set[str]
    named_in: dict[str, list[str]]


def resolved_references(goal: URIRef) -> Resolved:
    """The references of ``goal`` that describe grants of the graph (by number, identifier or the digits of their
    number, as the ingest links them), and where each of those grants is named; a reference that describes none is
    left out, and shown as it is."""
    resolved = Resolved(set(), {})
    query = get_store().query
    for row in select(_GOAL_REFERENCES, s=goal):
        ref = describe(query, Reference(row["ref"], row["source"]))
        grants = linked_grants(query, ref)
        if not grants:
            continue
        resolved.references.add(str(ref.iri))
        where = (t("register_line", register=row["register"], line=ref.line) if row.get("register") is not None
                 else t("line_number", line=ref.line))
        for grant in grants:
            resolved.named_in.setdefault(str(grant), []).append(where)
    return resolved


def also_named(label: str, places: list[str]) -> str:
    """A grant's name with the registers that name it too: "Subvention de 20 000 € à DanaeCare (aussi : registre
    ptce.yaml, ligne 101)"."""
    return t("grant_also_in_register", grant=label, where=" ; ".join(sorted(places)))
