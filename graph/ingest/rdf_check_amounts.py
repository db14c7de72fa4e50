"""Amounts of an RDF file that Maillage does not read, checked at ingest (:mod:`graph.ingest.rdf_checks`): a grant's
``schema:amount`` written as a node (``[ a schema:MonetaryAmount ; schema:value 1200 ; schema:currency "EUR" ]``,
as schema.org allows) where Maillage reads a number (``schema:amount 1200``, an xsd:decimal in euros).

The amount is not read from the node: its literal beside the node would give the grant two amounts, and SHACL would
still refuse the node; removing the file's statement would change what its author wrote. The warning says what to
write instead, at the statement's line.
"""

from __future__ import annotations

from rdflib import BNode, URIRef

from graph.ingest.base import Issue
from graph.ingest.rdf_check_wording import MAX_SHARED_SHOWN, more_unshown
from graph.namespaces import SCHEMA

#: The file's amounts that are nodes, each with the value and currency that the node gives, if any.
_NODE_AMOUNTS = (f"SELECT ?s ?node (SAMPLE(?v) AS ?value) (SAMPLE(?c) AS ?currency) WHERE {{ GRAPH <%s> {{ "
                 f"?s <{SCHEMA.amount}> ?node FILTER(!isLiteral(?node)) OPTIONAL {{ ?node <{SCHEMA.value}> ?v }} "
                 f"OPTIONAL {{ ?node <{SCHEMA.currency}> ?c }} }} }} GROUP BY ?s ?node ORDER BY ?s")


def node_amounts(query, source: URIRef, observed) -> list[Issue]:
    """A warning for each ``schema:amount`` of the file that is a node, not a number, at its line, with the
    statement to write (the node's ``schema:value``, in euros). One query, for a file that states schema:amount."""
    if not observed.states(str(SCHEMA.amount)):
        return []
    rows = list(query(_NODE_AMOUNTS % source))
    named = [str(s) for s, *_ in rows[:MAX_SHARED_SHOWN] if isinstance(s, URIRef)]
    lines = dict(zip(named, observed.lines_of([(s, str(SCHEMA.amount), None) for s in named])))
    issues = []
    for s, node, value, currency in rows[:MAX_SHARED_SHOWN]:
        who_fr, who_en = (f"<{s}>", f"<{s}>") if isinstance(s, URIRef) else ("un nœud anonyme", "a blank node")
        what_fr, what_en = ("un nœud anonyme", "a blank node") if isinstance(node, BNode) \
            else (f"<{node}>", f"<{node}>")
        number = str(value) if value is not None else "1200"
        euros_fr, euros_en = ("", "") if currency is None or str(currency).strip().upper() in ("EUR", "€") else \
            (f" (Maillage compte en euros, pas en « {currency} »)", f" (Maillage counts in euros, not in '{currency}')")
        issues.append(Issue("warning", f"{who_fr} : schema:amount est {what_fr} (schema:MonetaryAmount ?), que "
                                       "Maillage ne lit pas : le montant se lit comme un nombre (xsd:decimal, en "
                                       f"euros) ; écrivez schema:amount {number}{euros_fr}",
                            f"{who_en}: schema:amount is {what_en} (a schema:MonetaryAmount?), which Maillage does "
                            "not read: the amount is read as a number (xsd:decimal, in euros); write schema:amount "
                            f"{number}{euros_en}", line=lines.get(str(s)), field="schema:amount"))
    return issues + more_unshown(len(rows) - MAX_SHARED_SHOWN, "montants écrits comme des nœuds : {} autres",
                                 "amounts written as nodes: {} more", "schema:amount")
