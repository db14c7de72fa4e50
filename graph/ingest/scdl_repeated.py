"""The grants of a stored grants list that another source of the store publishes too.

Two lists may publish one grant: a commune's list and a corrected version of it under another name, or the
funder's and the beneficiary's. A grant's IRI is minted per source file and row (:mod:`graph.ingest.scdl_grants`),
so such a grant is two resources, and every total counts it twice. They are not merged: nothing in two rows says
they are one grant rather than two equal ones. The ingest warns instead, once a list is stored, for each grant of
it that a grant of another source matches: same funder and beneficiary, equal amount, the same convention date when
both have one, and the same decision: the deliberation that both references name, else, when either names none, the
same reference as written (« CONV N° 2994-13 », which names a convention: an SCDL export of a list, ingested beside
it, repeats every such grant), else the same convention date, which both then have.
"""

from __future__ import annotations

from rdflib import URIRef

from graph.ingest.base import Issue
from graph.ingest.dissolutions import check_dissolved
from graph.namespaces import sparql_prologue

#: The grants of ``?source`` and, for each, the grants of the other sources that match it. Joined first on the
#: beneficiary, which few grants share (an amount or a deliberation may have dozens; measured in a generated store of
#: 10k actors: 0.7 ms a list, 1.5 ms joined first on the amount, 4.5 ms on the deliberation). Oxigraph stores a
#: decimal as its value, so "125000" and "125000.00" are one term; rdflib's memory store tells them apart.
_REPEATED = """SELECT ?line ?title ?otherLine WHERE {
  GRAPH ?source { ?grant mai:beneficiary ?beneficiary ; schema:amount ?amount ; schema:funder ?funder ;
                         mai:rowNumber ?line }
  GRAPH ?other { ?twin mai:beneficiary ?beneficiary ; schema:amount ?amount ; schema:funder ?funder }
  FILTER(?other != ?source && ?twin != ?grant)
  OPTIONAL { ?grant mai:conventionDate ?date } OPTIONAL { ?twin mai:conventionDate ?otherDate }
  FILTER(!BOUND(?date) || !BOUND(?otherDate) || ?date = ?otherDate)
  OPTIONAL { ?grant mai:decidedBy ?deliberation } OPTIONAL { ?twin mai:decidedBy ?otherDeliberation }
  OPTIONAL { ?grant mai:decisionReference ?reference } OPTIONAL { ?twin mai:decisionReference ?otherReference }
  FILTER(IF(BOUND(?deliberation) && BOUND(?otherDeliberation), ?deliberation = ?otherDeliberation,
            IF(BOUND(?reference) && BOUND(?otherReference), ?reference = ?otherReference,
               BOUND(?date) && BOUND(?otherDate))))
  OPTIONAL { GRAPH ?other { ?twin mai:rowNumber ?otherLine } }
  OPTIONAL { ?other dcterms:title ?title }
}"""


def check_repeated(query, source: URIRef) -> list[Issue]:
    """Warn about each grant of the grants list ``source`` that another source of the store publishes too (see the
    module's docstring), naming that source and its row; ``query``: a store's query function. One query."""
    twins: dict[int, set[tuple[str, int | None]]] = {}
    for line, title, other_line in query(sparql_prologue() + _REPEATED, {"source": source}):
        twins.setdefault(int(line), set()).add((str(title), int(other_line) if other_line is not None else None))
    issues = []
    for line, found in sorted(twins.items()):
        where = [f"« {title} »" + (f" (ligne {other})" if other else "") for title, other in sorted(found, key=str)]
        where_en = [f"'{title}'" + (f" (line {other})" if other else "") for title, other in sorted(found, key=str)]
        issues.append(Issue(
            "warning", f"subvention déjà publiée par {', '.join(where)} : elle sera comptée deux fois dans les totaux",
            f"grant already published by {', '.join(where_en)}: it will be counted twice in the totals", line=line))
    return issues


def grants_stored(writer, source: URIRef) -> tuple[list[Issue], set[str]]:
    """What the ingest checks once a grants list is stored (its kind's ``check_stored``): the warnings of
    :func:`check_repeated` and :func:`graph.ingest.dissolutions.check_dissolved`; it changes no other
    resource."""
    return check_repeated(writer.query, source) + check_dissolved(writer.query, source), set()
