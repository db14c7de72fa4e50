"""The grants of an RDF file that another source of the store already publishes, checked at its ingest
(:mod:`graph.ingest.rdf_checks`), as a grants list's are (:mod:`graph.ingest.scdl_repeated`).

A partner's file may restate a grant that a deliberation or a grants list already publishes (« the 20 000 € that
the Metropolis voted to DanaeCare », in the partner's words and IRIs). The two are two resources, and every total
counts the grant twice; they are not merged, nothing saying they are one grant rather than two equal ones. The
ingest warns instead, at the line of the file's grant, for each grant of another source that matches it: the same
funder (or one that some source states ``owl:sameAs`` with it), an equal amount, the same fiscal year when both
have one, and the same beneficiary: one IRI, or two that share a SIREN or an RNA number, are linked by
``owl:sameAs``, or whose names have one key (:func:`graph.identity_names.name_key`): a partner's file names the
beneficiary under its own IRI.
"""

from __future__ import annotations

import re

from rdflib import URIRef

from graph.identity_names import name_key
from graph.ingest.base import Issue
from graph.ingest.rdf_check_wording import MAX_SHARED_SHOWN, more_unshown
from graph.namespaces import MAI, sparql_prologue

#: The file's grants and, for each, the grants of other sources with the same funder (or one linked by owl:sameAs)
#: and an equal amount, the fiscal years agreeing when both have one; with both beneficiaries, to compare in
#: Python, and the other source's title and row. Joined from the file's grants: a file of grants is small, and each
#: of its grants looks up its funder's (Oxigraph keeps the order written).
_CANDIDATES = """SELECT ?grant ?beneficiary ?twin ?otherBeneficiary ?title ?otherLine WHERE {
  GRAPH ?source { ?grant mai:beneficiary ?beneficiary ; schema:amount ?amount ; schema:funder ?funder }
  FILTER(isIRI(?grant))
  ?funder (owl:sameAs|^owl:sameAs)? ?otherFunder
  GRAPH ?other { ?twin schema:funder ?otherFunder ; schema:amount ?amount ; mai:beneficiary ?otherBeneficiary }
  FILTER(?other != ?source && ?twin != ?grant)
  OPTIONAL { GRAPH ?source { ?grant mai:fiscalYear ?year } } OPTIONAL { ?twin mai:fiscalYear ?otherYear }
  FILTER(!BOUND(?year) || !BOUND(?otherYear) || STR(?year) = STR(?otherYear))
  OPTIONAL { GRAPH ?other { ?twin mai:rowNumber ?otherLine } }
  OPTIONAL { ?other dcterms:title ?title }
}"""
#: Whether another source states a grant: without one, a file of many grants is not looked through (each of its
#: grants looked up its funder's in other graphs: 11 s for the 100k grants of the scale run's RDF file, alone in
#: its store).
_OTHERS_GRANTED = "ASK { GRAPH ?other { ?twin a mai:Grant } FILTER(?other != ?source) }"
#: The French messages and lines of the warnings kept with the source ?g (graph.ingest.source_report) that a grant
#: is published already: :func:`recheck_repeated` tells them anew.
_KEPT_REPEATED = """SELECT ?message ?line WHERE { GRAPH ?g { ?g mai:ingestIssue ?issue .
  ?issue dcterms:description ?message FILTER(lang(?message) = "fr" && STRSTARTS(?message, "subvention <"))
  OPTIONAL { ?issue mai:rowNumber ?line } } }"""
#: The grant that a kept warning of :func:`_repeated_issue` names.
_WARNED_GRANT = re.compile(r"subvention <([^<>\s]+)> déjà publiée par ")
#: What tells some beneficiaries apart or joins them: their identifiers, names, name keys and owl:sameAs links.
_BENEFICIARIES = """SELECT ?actor ?p ?value WHERE {
  VALUES ?actor { %s }
  VALUES ?p { mai:siren mai:rna rdfs:label mai:nameKey owl:sameAs }
  ?actor ?p ?value
}"""


def repeated_grants(query, source: URIRef, observed) -> list[Issue]:
    """A warning for each grant of the RDF file stored as ``source`` that another source of the store publishes too
    (see the module's docstring), at the grant's line in the file (``observed``, its first pass, tells it), naming
    the other source and its row. One query for a file without a grant whose funder and amount meet another's;
    two otherwise."""
    if not observed.states(str(MAI.beneficiary)):
        return []
    twins = _twins(query, source)
    grants = sorted(twins)
    lines = observed.lines_of([(str(grant), "", None) for grant in grants[:MAX_SHARED_SHOWN]])
    issues = [_repeated_issue(grant, twins[grant], line) for grant, line in zip(grants, lines)]
    return issues + more_unshown(len(grants) - MAX_SHARED_SHOWN,
                                 "subventions déjà publiées par une autre source : {} autres",
                                 "grants another source already publishes: {} more")


def recheck_repeated(query, source: URIRef) -> list[Issue]:
    """What :func:`repeated_grants` says now of the grants that the RDF file stored as ``source`` was warned of,
    once a source that its warnings name is removed or replaced by a new version
    (:data:`graph.ingest.source_mentions.RECHECKS`): each grant still published by another source is warned of
    again, at the line its kept warning gave (the file is not read again), naming the sources that publish it now."""
    lines = {URIRef(found[1]): int(line) if line is not None else None
             for message, line in query(sparql_prologue() + _KEPT_REPEATED, {"g": source})
             if (found := _WARNED_GRANT.match(str(message)))}
    twins = _twins(query, source) if lines else {}
    return [_repeated_issue(grant, twins[grant], lines[grant]) for grant in sorted(twins) if grant in lines]


def _twins(query, source: URIRef) -> dict[URIRef, set[tuple[str, int | None]]]:
    """The grants of ``source`` that another source publishes too, each with those sources' titles and rows."""
    if not _others_granted(query, source):
        return {}
    rows = list(query(sparql_prologue() + _CANDIDATES, {"source": source}))
    facts = _facts(query, {row[i] for row in rows for i in (1, 3)}) if rows else {}
    twins: dict[URIRef, set[tuple[str, int | None]]] = {}
    for grant, beneficiary, _, other_beneficiary, title, other_line in rows:
        if _same_beneficiary(beneficiary, other_beneficiary, facts):
            twins.setdefault(grant, set()).add((str(title), int(other_line) if other_line is not None else None))
    return twins


def _others_granted(query, source: URIRef) -> bool:
    """Whether a source other than ``source`` states a grant (:data:`_OTHERS_GRANTED`)."""
    return bool(query(sparql_prologue() + _OTHERS_GRANTED, {"source": source}).boolean)


def _facts(query, actors: set) -> dict:
    """For each of ``actors`` (IRIs), what says who it is: ``("id", SIREN or RNA number)``, ``("key", name key)``
    and ``("same", IRI)`` facts, from every source."""
    iris = " ".join(f"<{actor}>" for actor in actors if isinstance(actor, URIRef))
    facts: dict = {actor: {("same", str(actor))} for actor in actors}
    if not iris:
        return facts
    for actor, p, value in query(sparql_prologue() + _BENEFICIARIES % iris):
        local = str(p).rsplit("#", 1)[-1]
        if local in ("siren", "rna"):
            facts[actor].add(("id", str(value).strip().upper()))
        elif local == "sameAs":
            facts[actor].add(("same", str(value)))
        elif key := (name_key(str(value)) if local == "label" else str(value)):  # a table's actor has its key
            facts[actor].add(("key", key))
    return facts


def _same_beneficiary(one, other, facts: dict) -> bool:
    """Whether ``one`` and ``other`` are one beneficiary: one IRI, linked by owl:sameAs, one SIREN or RNA number,
    or else one name key (two that hold different identifiers are two organisations, whatever their names)."""
    mine, theirs = facts.get(one, set()), facts.get(other, set())
    if one == other or any(kind in ("same", "id") for kind, _ in mine & theirs):
        return True
    if any(fact[0] == "id" for fact in mine) and any(fact[0] == "id" for fact in theirs):
        return False
    return any(fact[0] == "key" for fact in mine & theirs)


def _repeated_issue(grant: URIRef, found: set[tuple[str, int | None]], line: int | None) -> Issue:
    """The warning that the file's ``grant`` is one that the sources ``found`` (title, row) publish already."""
    shown = sorted(found, key=str)
    where_fr = ", ".join(f"« {title} »" + (f" (ligne {row})" if row else "") for title, row in shown)
    where_en = ", ".join(f"'{title}'" + (f" (line {row})" if row else "") for title, row in shown)
    return Issue("warning", f"subvention <{grant}> déjà publiée par {where_fr} (même attribuant, même bénéficiaire, "
                            "même montant, même exercice) : elle sera comptée deux fois dans les totaux ; si c'est "
                            "la même, retirez-la de ce fichier",
                 f"grant <{grant}> already published by {where_en} (same funder, same beneficiary, same amount, "
                 "same fiscal year): it will be counted twice in the totals; if it is the same one, remove it from "
                 "this file", line=line, field="mai:Grant")
