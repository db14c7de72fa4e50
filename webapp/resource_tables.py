"""Tables of a resource's page by its kind: the grants a deliberation decides.
"""

from __future__ import annotations

from rdflib import URIRef

from webapp.views import Table, collapse, format_money, ref, select

#: Grants of a deliberation shown on its page (an SCDL file may tie hundreds of rows to one deliberation).
DECIDED_CAP = 50

# The deliberation's grants, the largest first, then what the table shows of those kept.
_DECIDED = """SELECT ?grant ?amount ?beneficiary ?beneficiaryLabel ?purpose WHERE {
  { SELECT DISTINCT ?grant ?amount WHERE { ?grant mai:decidedBy ?s OPTIONAL { ?grant schema:amount ?amount } }
    ORDER BY DESC(?amount) ?grant LIMIT %CAP% }
  OPTIONAL { ?grant mai:beneficiary ?beneficiary OPTIONAL { ?beneficiary rdfs:label ?beneficiaryLabel } }
  OPTIONAL { ?grant dcterms:description ?purpose }
}"""
_DECIDED_COUNT = "SELECT (COUNT(DISTINCT ?grant) AS ?grants) WHERE { ?grant mai:decidedBy ?s }"


def decided_grants(s: URIRef) -> Table:
    """The grants the deliberation ``s`` decides: beneficiary, amount and purpose, the largest first."""
    rows = collapse(select(_DECIDED.replace("%CAP%", str(DECIDED_CAP)), s=s), ["beneficiaryLabel", "purpose"])
    rows.sort(key=lambda r: (-float(r["amount"].toPython()) if r.get("amount") is not None else 0, str(r["grant"])))
    table = Table("decided_grants", [("grant", "grant"), ("beneficiary", "beneficiary"), ("amount", "amount"),
                                     ("purpose", "purpose")])
    for row in rows:
        named = row.get("purpose") or format_money(row.get("amount")) or None
        table.rows.append({"grant": ref(row["grant"], named),
                           "beneficiary": ref(row.get("beneficiary"), row.get("beneficiaryLabel")),
                           "amount": row["amount"].toPython() if row.get("amount") is not None else None,
                           "purpose": row.get("purpose")})
    if len(table.rows) >= DECIDED_CAP:
        table.more = int(select(_DECIDED_COUNT, s=s)[0]["grants"]) - len(table.rows)
    return table
