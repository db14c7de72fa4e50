"""Grants' budget accounts as the lists and totals give them: the M57 nature account that a grant is charged to
(``mai:budgetNature``, a concept of the shipped chart ``ontology/m57.ttl``: its number and label) and its imputation
as its source writes it (``mai:budgetAccount``, « chapitre 920, nature 6574, ligne de crédit 17566 »); and the
funding page's totals by account (« Par compte budgétaire »). An auditor sums grants by account: only SPARQL did.
"""

from __future__ import annotations

from webapp.i18n import t
from webapp.page_data import Table, ref

#: A grant's account (bound to ?grant), for a query that lists grants: its M57 account with its number and labels,
#: and its imputation as written; the labels (one per language) are merged by the caller
#: (:func:`webapp.resource_names.collapse` on ``accountLabel``).
GRANT_ACCOUNT = """OPTIONAL { ?grant mai:budgetNature ?account OPTIONAL { ?account skos:notation ?accountNumber }
             OPTIONAL { ?account skos:prefLabel ?accountLabel } }
  OPTIONAL { ?grant mai:budgetAccount ?imputation }"""
#: The columns that a list of grants gives of each one's account (:func:`account_fields`).
ACCOUNT_COLUMNS = ("budget_account", "budget_account_label", "budget_imputation")

#: The totals by M57 account of the grants that %ACCOUNT_GRANTS% reads (each with its amount bound to ?stated and its
#: account, if any, to ?nature): each grant counted once, on one account (the least IRI of those its sources give:
#: two are a SHACL violation), the grants of no account together on a row without one: grouped under the key ""
#: (an unbound key, joined with the labels, matched every concept of the chart), their ?account left unbound.
BY_ACCOUNT = """SELECT ?account ?accountNumber ?accountLabel ?grants ?total WHERE {
  { SELECT ?key (COUNT(?grant) AS ?grants) (SUM(?amount) AS ?total) WHERE {
      { SELECT ?grant (MIN(?stated) AS ?amount) (COALESCE(MIN(?nature), "") AS ?key) WHERE { %ACCOUNT_GRANTS% }
        GROUP BY ?grant } } GROUP BY ?key }
  OPTIONAL { ?key skos:notation ?accountNumber } OPTIONAL { ?key skos:prefLabel ?accountLabel }
  BIND(IF(isIRI(?key), ?key, ?none) AS ?account)
} ORDER BY DESC(?total) ?key"""


def account_fields(row: dict) -> dict:
    """The account columns (:data:`ACCOUNT_COLUMNS`) of a listed grant's ``row`` as :data:`GRANT_ACCOUNT` reads it:
    the M57 number and label, and the imputation as its source writes it; None where unknown.

    >>> from rdflib import Literal
    >>> account_fields({"accountNumber": Literal("6574"), "accountLabel": Literal("Subventions", lang="fr")})
    {'budget_account': '6574', 'budget_account_label': 'Subventions', 'budget_imputation': None}
    """
    def text(key: str) -> str | None:
        return str(row[key]) if row.get(key) is not None else None

    return {"budget_account": text("accountNumber"), "budget_account_label": text("accountLabel"),
            "budget_imputation": text("imputation")}


def by_account_table(rows: list[dict]) -> Table:
    """The « Par compte budgétaire » table of the totals by account that :data:`BY_ACCOUNT` gives (labels merged by
    the caller): the account (« 6574 — Subventions de fonctionnement… », linked to its page), how many grants and
    their total; the grants of no M57 account on a row of their own (« compte non indiqué »)."""
    table = Table("by_account", [("account", "account_m57"), ("grants", "grants"), ("total", "total")],
                  links=("account",), blanks={"account": t("no_budget_account")})
    for row in rows:
        number, label = row.get("accountNumber"), row.get("accountLabel")
        name = " — ".join(str(part) for part in (number, label) if part is not None) or None
        table.rows.append({"account": ref(row.get("account"), name), "grants": int(row["grants"]),
                           "total": float(row["total"].toPython()) if row.get("total") is not None else 0.0})
    return table
