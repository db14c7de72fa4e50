"""The grants of a stored grants list that another source of the store publishes too, or that the list itself
publishes twice.

Two lists may publish one grant: a commune's list and a corrected version of it under another name, or the
funder's and the beneficiary's. A grant's IRI is minted per source file and row (:mod:`graph.ingest.scdl_grants`),
so such a grant is two resources, and every total counts it twice. They are not merged: nothing in two rows says
they are one grant rather than two equal ones. The ingest warns instead, once a list is stored, for each grant of
it that a grant of another source matches: same funder and beneficiary, equal amount, the same convention date and
the same decision date kept on the grant (``dcterms:dateAccepted``: a list's ``dateDecision`` that no deliberation
holds) when both have one, and the same decision: the deliberation that both references name, else, when either
names none, the same reference as written (« CONV N° 2994-13 », which names a convention: an SCDL export of a list,
ingested beside it, repeats every such grant), else the same convention date, else the same decision date, which
both then have: two lists that date a grant by its decision alone publish one grant when they give one day, and two
(a yearly grant decided in 2016 and in 2017) when they give two, as two rows of one list do (:data:`_SAME_GRANT`);
else the decision date of one that has no convention date, equal to the convention date of one that has no
decision (none kept, no deliberation): the project's SCDL export (:mod:`graph.export`) writes a grant's decision
date as its ``dateConvention``, SCDL 2.1.1 having no column for it, so a list that dates a grant by its decision
alone, ingested beside its export, is warned of it too. That rule never matches two grants whose convention dates,
or decision dates, differ, nor a grant that a deliberation decides (whose date is not compared) to one that its
decision date alone dates.
The text of the deliberation that a grant names, stored, deciding it to its beneficiary is no such source: the totals
count the two once, as the text decides it (:data:`graph.ingest.decided_amounts.SAME_GRANT`).

One list may publish one grant twice too: Charente-Maritime writes a convention on two rows that differ only by the
beneficiary's SIRET, two establishments of one SIREN, which makes them one beneficiary. Such rows are kept, and
warned about at the second, as the list is read (:func:`repeated_in_list`): same funder and beneficiary, equal
amount, the same purpose, convention date, decision reference and decision date (or none on both), and no
idSubvention (one written twice is warned of as it is read, two different ones say two grants). Rows without a
purpose are not compared: two equal amounts on one date, with nothing said of what they pay for, may be two
instalments.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DCTERMS

from graph.identity import actor_key
from graph.ingest.base import Issue
from graph.ingest.decided_amounts import TEXT_KIND, check_list_amounts
from graph.ingest.dissolutions import check_dissolved
from graph.namespaces import MAI, SCHEMA, sparql_prologue
from graph.triples import TripleSet

#: The grants of ``?source`` and, for each, the grants of the other sources that match it, but the text of the
#: deliberation that the grant names deciding it, which the totals count once (decided_amounts.SAME_GRANT). Joined first
#: on the beneficiary, which few grants share (an amount or a deliberation may have dozens; measured in a generated
#: store of 10k actors: 0.7 ms a list, 1.5 ms joined first on the amount, 4.5 ms on the deliberation). Oxigraph stores a
#: decimal as its value, so "125000" and "125000.00" are one term; rdflib's memory store tells them apart. The
#: decision dates' two OPTIONALs add ~0.5 ms a list, whatever it holds: 2.5 ms against 1.9 for a list of that store
#: on a loaded 2-core host (no grant of it with a twin), ~30 ms either way for a list whose 46 grants each have one.
#: Matching a decision date to a convention date (the export's rule) costs nothing measurable where no pair reaches
#: it: 1.8 ms a list either way (median of 200 lists, 3 rounds alternating); 20.6 -> 23.6 ms (31.0 -> 35.1 in
#: another round) for a list whose 46 grants, dated by their decision alone, it finds in their export.
_REPEATED = """SELECT ?line ?title ?otherLine WHERE {
  GRAPH ?source { ?grant mai:beneficiary ?beneficiary ; schema:amount ?amount ; schema:funder ?funder ;
                         mai:rowNumber ?line }
  GRAPH ?other { ?twin mai:beneficiary ?beneficiary ; schema:amount ?amount ; schema:funder ?funder }
  FILTER(?other != ?source && ?twin != ?grant)
  OPTIONAL { ?grant mai:conventionDate ?date } OPTIONAL { ?twin mai:conventionDate ?otherDate }
  FILTER(!BOUND(?date) || !BOUND(?otherDate) || ?date = ?otherDate)
  OPTIONAL { ?grant dcterms:dateAccepted ?decided } OPTIONAL { ?twin dcterms:dateAccepted ?otherDecided }
  FILTER(!BOUND(?decided) || !BOUND(?otherDecided) || ?decided = ?otherDecided)
  OPTIONAL { ?grant mai:decidedBy ?deliberation } OPTIONAL { ?twin mai:decidedBy ?otherDeliberation }
  OPTIONAL { ?grant mai:decisionReference ?reference } OPTIONAL { ?twin mai:decisionReference ?otherReference }
  # one grant: the same deliberation, else reference, else both convention dates, else both decision dates, else
  # the decision date of one without a convention date (the filters above leave no other case) equal to the
  # convention date of one without a decision, kept or by a deliberation: an SCDL export's dateConvention
  FILTER(IF(BOUND(?deliberation) && BOUND(?otherDeliberation), ?deliberation = ?otherDeliberation,
            IF(BOUND(?reference) && BOUND(?otherReference), ?reference = ?otherReference,
               BOUND(?date) && BOUND(?otherDate) || BOUND(?decided) && BOUND(?otherDecided)
               || !BOUND(?otherDeliberation) && ?decided = ?otherDate
               || !BOUND(?deliberation) && ?date = ?otherDecided)))
  FILTER(!BOUND(?deliberation) || NOT EXISTS { GRAPH ?other { ?other dcterms:type "%TEXT%" .
                                                                 ?twin mai:decidedBy ?deliberation } })
  OPTIONAL { GRAPH ?other { ?twin mai:rowNumber ?otherLine } }
  OPTIONAL { ?other dcterms:title ?title }
}""".replace("%TEXT%", TEXT_KIND)


def check_repeated(query, source: URIRef) -> list[Issue]:
    """Warn about each grant of the grants list ``source`` that another source of the store publishes too (see the
    module's docstring), naming that source and its row; ``query``: a store's query function. One query."""
    twins: dict[int, set[tuple[str, int | None]]] = {}
    for line, title, other_line in query(sparql_prologue() + _REPEATED, {"source": source}):
        twins.setdefault(int(line), set()).add((str(title), int(other_line) if other_line is not None else None))
    if (whole := _all_repeated(query, source, twins)) is not None:
        return [whole]
    issues = []
    for line, found in sorted(twins.items()):
        where = [f"« {title} »" + (f" (ligne {other})" if other else "") for title, other in sorted(found, key=str)]
        where_en = [f"'{title}'" + (f" (line {other})" if other else "") for title, other in sorted(found, key=str)]
        issues.append(Issue(
            "warning", f"subvention déjà publiée par {', '.join(where)} : elle sera comptée deux fois dans les totaux",
            f"grant already published by {', '.join(where_en)}: it will be counted twice in the totals", line=line))
    return issues


_GRANTS = "SELECT (COUNT(DISTINCT ?grant) AS ?n) WHERE { GRAPH ?source { ?grant a mai:Grant } }"
#: The file names of the other sources whose file had the bytes of ?source's.
_SAME_BYTES = """SELECT ?title WHERE { GRAPH ?source { ?source mai:sha256 ?sha }
  GRAPH ?other { ?other mai:sha256 ?sha ; dcterms:title ?title } FILTER(?other != ?source) }"""


def _all_repeated(query, source: URIRef, twins: dict[int, set[tuple[str, int | None]]]) -> Issue | None:
    """The one warning of a list of several grants that another source of the same bytes publishes all of (the same
    file ingested again under a new name, which its ingest tells first: ``source_messages.identical_issue``), said
    once rather than row by row, each row's twin being the same row there; None otherwise (another file, an export
    of the list, is told row by row: its rows are not the list's)."""
    if len(twins) < 2:
        return None
    titles = set.intersection(*({title for title, _ in found} for found in twins.values()))
    titles &= {str(row[0]) for row in query(sparql_prologue() + _SAME_BYTES, {"source": source})}
    if not titles or int(next(iter(query(sparql_prologue() + _GRANTS, {"source": source})))[0]) != len(twins):
        return None
    title, count = min(titles), len(twins)
    return Issue("warning", f"ses {count} subventions sont toutes déjà publiées par « {title} » : elles seront "
                            "comptées deux fois dans les totaux",
                 f"its {count} grants are all already published by '{title}': they will be counted twice in the "
                 "totals")


#: What two rows of one list must share to publish one grant: the grant's funder, beneficiary, amount, purpose,
#: convention date, decision reference and the decision date it keeps when no deliberation holds it (each absent on
#: both, or equal): two rows without a reference that differ by their decision date alone are two decisions (a
#: yearly grant decided in 2016 and in 2017), not one grant published twice.
_SAME_GRANT = (SCHEMA.funder, MAI.beneficiary, SCHEMA.amount, DCTERMS.description, MAI.conventionDate,
               MAI.decisionReference, DCTERMS.dateAccepted)


def repeated_in_list(graph: TripleSet) -> list[Issue]:
    """Warn at the later row of each two grants of one extracted list (``graph``) that publish one grant (see the
    module's docstring): the totals count it twice, which the reader must know; the rows are not merged, nothing in
    them telling one grant written twice from two equal grants."""
    first: dict[tuple, tuple[int, URIRef]] = {}
    issues = []
    for line, grant in sorted((int(n), g) for g, _, n in graph.triples((None, MAI.rowNumber, None))):
        if graph.value(grant, DCTERMS.identifier) is not None or graph.value(grant, DCTERMS.description) is None:
            continue
        key = tuple(graph.value(grant, prop) for prop in _SAME_GRANT)
        earlier = first.setdefault(key, (line, grant))
        if earlier[1] != grant:
            issues.append(_repeated_issue(graph, grant, line, *earlier))
    return issues


def _repeated_issue(graph: TripleSet, grant: URIRef, line: int, first_line: int, first: URIRef) -> Issue:
    """The warning at ``line`` that its ``grant`` is the one of ``first_line`` published again, naming the
    beneficiary by its SIREN (or its key) and the SIRETs that tell the two rows apart."""
    beneficiary = actor_key(graph.value(grant, MAI.beneficiary))
    kind, _, number = beneficiary.partition("-")
    who = f"{kind.upper()} {number.upper()}" if kind in ("siren", "rna") else beneficiary
    sirets = [graph.value(g, MAI.beneficiarySiret) for g in (first, grant)]
    if None not in sirets and sirets[0] != sirets[1]:
        who_fr = f"{who}, SIRET {sirets[0]} ligne {first_line} et {sirets[1]} ici"
        who_en = f"{who}, SIRET {sirets[0]} on line {first_line} and {sirets[1]} here"
    else:
        who_fr = who_en = who
    return Issue("warning", f"même subvention que la ligne {first_line} (même attribuant, même bénéficiaire "
                 f"({who_fr}), même montant, même objet, même date de convention) — publiée deux fois ? elle est "
                 "comptée deux fois dans les totaux", f"same grant as line {first_line} (same funder, same "
                 f"beneficiary ({who_en}), same amount, same purpose, same convention date): published twice? it is "
                 "counted twice in the totals", line=line)


def grants_stored(writer, source: URIRef) -> tuple[list[Issue], set[str]]:
    """What the ingest checks once a grants list is stored (its kind's ``check_stored``): the warnings of
    :func:`check_repeated`, :func:`graph.ingest.dissolutions.check_dissolved` and
    :func:`graph.ingest.decided_amounts.check_list_amounts`; it changes no other resource."""
    return (check_repeated(writer.query, source) + check_dissolved(writer.query, source)
            + check_list_amounts(writer.query, source)), set()
