"""The grants that other sources publish under a deliberation's number, told apart on its page from those its own
text decides (webapp.resource_tables.decided_grants).

A grants list's row names the deliberation that decided its grant (``referenceDecision`` → ``mai:decidedBy``): the
list says so, the deliberation's text does not. Its page lists such grants apart, « Publiées par d'autres sources qui
citent cette délibération », each with its file and line and, when the text decides another amount for the same
beneficiary (same actor, or same SIREN or RNA), that amount and the difference (the ingest warned of it:
:mod:`graph.ingest.decided_amounts`). A deliberation that only such rows name has no text in the graph: its page says
so, and what to ingest (:func:`text_missing`), and so does the funding page's list of grants beside its link
(:func:`texts_absent`).
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import URIRef

from graph.ingest.decided_amounts import LIST_KIND, TEXT_KIND
from webapp.formatting import format_money
from webapp.grant_amounts import amount_cell, descending, number_of
from webapp.i18n import t
from webapp.links import twin_url
from webapp.page_data import Table, ref
from webapp.page_queries import select
from webapp.rendering import shown_rows
from webapp.resource_names import collapse, grant_label, party_label

#: Cited grants shown on a deliberation's page (a list may tie hundreds of rows to one deliberation).
CITED_CAP = 50

#: A pattern that leaves out a grant (?grant) of the deliberation ?s that a grants list states: the text's own grants.
NOT_CITED = ("FILTER NOT EXISTS { GRAPH ?citing { ?grant mai:decidedBy ?s } ?citing dcterms:type "
             f'"{LIST_KIND}" }}')
# The grants that lists publish under the deliberation ?s, each with its list, row and amount as the list gives it.
_CITED = """SELECT ?grant ?source ?title ?line ?amount ?year ?beneficiary ?beneficiaryLabel ?number ?purpose WHERE {
  { SELECT DISTINCT ?grant ?source WHERE { GRAPH ?source { ?grant mai:decidedBy ?s }
      ?source dcterms:type "%LIST%" } ORDER BY ?source ?grant LIMIT %CAP% }
  OPTIONAL { GRAPH ?source { ?grant mai:rowNumber ?line } } OPTIONAL { GRAPH ?source { ?grant schema:amount ?amount } }
  OPTIONAL { ?grant mai:fiscalYear ?year } OPTIONAL { ?grant dcterms:description ?purpose }
  OPTIONAL { ?grant mai:beneficiary ?beneficiary OPTIONAL { ?beneficiary rdfs:label ?beneficiaryLabel }
             OPTIONAL { ?beneficiary mai:siren|mai:rna ?number } }
  OPTIONAL { ?source dcterms:title ?title }
}""".replace("%LIST%", LIST_KIND)
_CITED_COUNT = ("SELECT (COUNT(DISTINCT ?grant) AS ?grants) WHERE { GRAPH ?source { ?grant mai:decidedBy ?s } "
                f'?source dcterms:type "{LIST_KIND}" }}')
# The amounts that the deliberation's own text decides, by beneficiary (and its SIREN or RNA).
_TEXT_AMOUNTS = """SELECT DISTINCT ?beneficiary ?number ?amount WHERE {
  GRAPH ?text { ?grant mai:decidedBy ?s ; schema:amount ?amount ; mai:beneficiary ?beneficiary }
  ?text dcterms:type "%TEXT%" OPTIONAL { ?beneficiary mai:siren|mai:rna ?number } }""".replace("%TEXT%", TEXT_KIND)
# Which of the deliberations %IRIS% (VALUES: IRIs read from the store, written with rdflib's escaping, never request
# text) a source other than a grants list states: its text (or an RDF file describing it).
_STATED_OTHERWISE = ('SELECT DISTINCT ?s WHERE { VALUES ?s { %IRIS% } GRAPH ?g { ?s a mai:Deliberation } '
                     f'FILTER NOT EXISTS {{ ?g dcterms:type "{LIST_KIND}" }} }}')


def cited_grants(s: URIRef) -> Table:
    """The grants that grants lists publish under the deliberation ``s``: beneficiary, amount, year, purpose, the
    list and its line, and what the deliberation's text decides for that beneficiary when it decides another
    amount (``text_amount``), by list then line."""
    cap = shown_rows(CITED_CAP, "cited_grants")
    rows = collapse(select(_CITED.replace("%CAP%", str(cap)), s=s), ["beneficiaryLabel", "purpose", "title"])
    decided = _text_amounts(s)
    table = Table("cited_grants", [("grant", "grant"), ("beneficiary", "beneficiary"), ("amount", "amount"),
                                   ("text_amount", "text_amount"), ("year", "year"), ("purpose", "purpose"),
                                   ("source", "source"), ("line", "source_line")],
                  links=("grant", "beneficiary", "source"))
    by_grant: dict[URIRef, dict] = {}
    for row in rows:
        entry = by_grant.setdefault(row["grant"], {**row, "numbers": set()})
        if row.get("number") is not None:
            entry["numbers"].add(str(row["number"]))
    for row in sorted(by_grant.values(), key=lambda r: (str(r["source"]), _line(r), descending(r.get("amount")))):
        named = grant_label(row.get("amount"), party_label(row.get("beneficiary"), row.get("beneficiaryLabel")))
        table.rows.append({"grant": ref(row["grant"], named),
                           "beneficiary": ref(row.get("beneficiary"), row.get("beneficiaryLabel")),
                           "amount": amount_cell(row.get("amount")),
                           "text_amount": _difference(number_of(row.get("amount")),
                                                      _decided_for(decided, row.get("beneficiary"), row["numbers"])),
                           "year": row["year"].toPython() if row.get("year") is not None else None,
                           "purpose": row.get("purpose"), "source": ref(row["source"], row.get("title")),
                           "line": _line(row) or None})
    if len(table.rows) >= cap:
        table.more = int(select(_CITED_COUNT, s=s)[0]["grants"]) - len(table.rows)
        table.more_url = twin_url("csv", table="cited_grants") if table.more else None  # the whole list
    return table


# The deliberations that a grants list says decided the grant ?grant, with the grant's amount in the list and its
# beneficiary (and SIREN or RNA).
_LIST_DECIDERS = """SELECT ?s ?amount ?beneficiary ?number WHERE {
  GRAPH ?source { ?grant mai:decidedBy ?s ; schema:amount ?amount } ?source dcterms:type "%LIST%"
  OPTIONAL { ?grant mai:beneficiary ?beneficiary OPTIONAL { ?beneficiary mai:siren|mai:rna ?number } } }
""".replace("%LIST%", LIST_KIND)


def text_differs(grant: URIRef) -> dict[str, str]:
    """For a grant that a grants list publishes under a deliberation whose text decides another amount for its
    beneficiary: that deliberation's IRI → « le texte décide 20 000 € (écart de 5 000 €) », which its page says beside
    « décidée par » (the ingest warned of it; the deliberation's page says it in its cited grants). Empty for another
    grant, or one of the amount the text decides."""
    found: dict[URIRef, dict] = {}
    for row in select(_LIST_DECIDERS, grant=grant):
        entry = found.setdefault(row["s"], {**row, "numbers": set()})
        if row.get("number") is not None:
            entry["numbers"].add(str(row["number"]))
    said = {}
    for deliberation, row in found.items():
        decided = _decided_for(_text_amounts(deliberation), row.get("beneficiary"), row["numbers"])
        amount = number_of(row.get("amount"))
        if decided and amount is not None and Decimal(str(amount)) not in decided:
            said[str(deliberation)] = _difference(amount, decided)
    return said


def text_missing(s: URIRef, cited: Table) -> list | None:
    """The sources that name the deliberation ``s`` when nothing but grants lists states it (its text is not in the
    graph), each with the lines that cite it: what its page says it is known by; None when a text states it."""
    if not cited.rows or not texts_absent({s}):
        return None
    lines: dict[str, dict] = {}
    for row in cited.rows:
        entry = lines.setdefault(row["source"].iri, {"source": row["source"], "lines": []})
        if row["line"] is not None and row["line"] not in entry["lines"]:
            entry["lines"].append(row["line"])
    return list(lines.values())


def texts_absent(deliberations: set[URIRef]) -> set[URIRef]:
    """Those of ``deliberations`` that nothing but grants lists states: their text is not in the graph, they are known
    only by the reference that the lists give (their page says so, :func:`text_missing`; the funding page's list of
    grants, beside its link: « texte absent »). One query."""
    if not deliberations:
        return set()
    iris = " ".join(d.n3() for d in sorted(deliberations))
    return set(deliberations) - {row["s"] for row in select(_STATED_OTHERWISE.replace("%IRIS%", iris))}


def _line(row: dict) -> int:
    return int(row["line"]) if row.get("line") is not None else 0


def _text_amounts(s: URIRef) -> list[tuple[URIRef, str | None, Decimal]]:
    """The (beneficiary, SIREN or RNA, amount) of each grant that the text of ``s`` decides."""
    return [(row["beneficiary"], str(row["number"]) if row.get("number") is not None else None,
             Decimal(str(number_of(row["amount"])))) for row in select(_TEXT_AMOUNTS, s=s)
            if number_of(row["amount"]) is not None]


def _decided_for(decided: list, beneficiary, numbers: set[str]) -> list[Decimal]:
    """The amounts of ``decided`` for ``beneficiary``: the same actor, or one of its ``numbers`` (SIREN, RNA)."""
    return sorted({amount for who, number, amount in decided if who == beneficiary or number in numbers})


def _difference(amount, decided: list[Decimal]) -> str | None:
    """What the « according to the text » cell says of a cited ``amount``: nothing when the text decides nothing for
    its beneficiary, « même montant » when it decides that amount, else the text's amounts and the difference."""
    if amount is None or not decided:
        return None
    stated = Decimal(str(amount))
    if stated in decided:
        return t("text_amount_same")
    return " ; ".join(t("text_amount_differs", amount=format_money(float(d)), difference=format_money(
        float(abs(stated - d)))) for d in decided)
