"""What the funding page says beside its totals of what they leave out of a funder's list: the rows that its ingest
refused (an amount « NC », « SEM » or empty), which no grant stands for, counted from the report kept with the
source (:mod:`graph.ingest.source_report`), with a link to the source's page that names them; and a flow whose
beneficiary is its funder itself, marked (« Département de la Somme → Département de la Somme » read as one
beneficiary among the others)."""

from __future__ import annotations

from webapp.cache import cached_select
from webapp.i18n import t
from webapp.page_data import Ref, in_language, ref

#: The rows refused of each list that has some, with each funder of its grants kept: the lines of the errors kept
#: in its report (:data:`graph.ingest.source_report.ISSUES_KEPT_PER_KIND` of a kind: a refusal names its row's
#: beneficiary, so that each is a kind of its own). The sources with errors first, few: their grants only are read.
_REFUSED = """SELECT ?funder (SAMPLE(?fl) AS ?funderLabel) ?source (SAMPLE(?t) AS ?title) ?lines WHERE {
  { SELECT ?source (COUNT(DISTINCT ?line) AS ?lines) WHERE {
      ?source mai:errorCount ?errors FILTER(?errors > 0)
      ?source mai:ingestIssue ?issue . ?issue mai:severity "error" ; mai:rowNumber ?line } GROUP BY ?source }
  { SELECT DISTINCT ?source ?funder WHERE {
      ?source mai:errorCount ?errors FILTER(?errors > 0) GRAPH ?source { ?grant schema:funder ?funder } } }
  OPTIONAL { ?funder rdfs:label ?fl } OPTIONAL { ?source dcterms:title ?t }
} GROUP BY ?funder ?source ?lines ORDER BY DESC(?lines) ?funder ?source"""


def refused_rows() -> list[dict]:
    """For each funder of a list that has refused rows: the funder, the list (a link to its page) and how many of
    its rows were not imported, said in the interface's language."""
    return [{"funder": ref(row["funder"], row.get("funderLabel")), "source": ref(row["source"], row.get("title")),
             "lines": int(row["lines"]), "said": t("rows_not_imported", n=int(row["lines"])) if int(row["lines"]) > 1
             else t("row_not_imported")} for row in cached_select(_REFUSED, pin=True)]


def beneficiary_ref(row: dict) -> Ref | None:
    """The beneficiary of a flow of the funding page (``row``: its funder, beneficiary and their labels), marked
    when it is the funder itself."""
    if row["beneficiary"] != row["funder"]:
        return ref(row["beneficiary"], row.get("beneficiaryLabel"))
    label = in_language(row.get("beneficiaryLabel")) if row.get("beneficiaryLabel") is not None else None
    found = ref(row["beneficiary"], label)
    return Ref(found.iri, f"{found.label} {t('funder_itself')}")
