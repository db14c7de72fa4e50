"""The « Rapport d'import » of a source's page: the report that its ingest kept with it
(:mod:`graph.ingest.source_report`) — what its version changed from the one before, when it replaced one, its counts
of warnings and errors, then each issue kept, with its line, field and value, the errors first (the rows not
imported, which Nièvre's page showed after twenty warnings alike), each severity in the file's order, the first of
each kind with how many the file gave.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import SKOS

from graph.ingest.source_report import ISSUES_KEPT_PER_KIND
from graph.namespaces import MAI
from webapp.page_queries import select

#: Safety cap on the issues a page lists: the ingest keeps 20 of each kind, but a file may give many kinds.
ISSUES_SHOWN_CAP = 2000

_ISSUES = """SELECT ?issue ?severity ?message ?line ?field ?value ?occurrences WHERE {
  ?s mai:ingestIssue ?issue . ?issue mai:severity ?severity ; dcterms:description ?message .
  OPTIONAL { ?issue mai:rowNumber ?line } OPTIONAL { ?issue mai:field ?field } OPTIONAL { ?issue rdf:value ?value }
  OPTIONAL { ?issue mai:occurrences ?occurrences }
} LIMIT %CAP%"""


def ingest_report(s: URIRef, rows: list[dict]) -> dict | None:
    """The report kept with the source ``s`` (``rows``: its own triples, which give its counts and what its version
    changed, ``changes``: its text by language, empty when it replaced none), as the page and its JSON twin give it;
    None for a source stored without one (a shipped vocabulary, a Maillage that kept none)."""
    counts = {row["p"]: int(row["o"]) for row in rows if row["p"] in (MAI.warningCount, MAI.errorCount)}
    if not counts:
        return None
    issues: dict[str, dict] = {}
    for row in select(_ISSUES.replace("%CAP%", str(ISSUES_SHOWN_CAP * 2)), s=s):  # a message a language
        issue = issues.setdefault(str(row["issue"]), _issue(row))
        issue["message"][row["message"].language or "fr"] = str(row["message"])
    listed = sorted(issues.values(), key=_rank)[:ISSUES_SHOWN_CAP]
    changes = {row["o"].language or "fr": str(row["o"]) for row in rows if row["p"] == SKOS.changeNote}
    return {"warnings": counts.get(MAI.warningCount, 0), "errors": counts.get(MAI.errorCount, 0),
            "kept_per_kind": ISSUES_KEPT_PER_KIND, "issues": listed, "changes": changes}


def _issue(row: dict) -> dict:
    """An issue of the report, as plain data, its messages to be added by language."""
    return {"iri": str(row["issue"]), "severity": str(row["severity"]), "message": {},
            "line": int(row["line"]) if row.get("line") is not None else None,
            "field": str(row["field"]) if row.get("field") is not None else None,
            "value": str(row["value"]) if row.get("value") is not None else None,
            "occurrences": int(row["occurrences"]) if row.get("occurrences") is not None else None}


def _rank(issue: dict) -> tuple[bool, int, str]:
    """An issue's rank in its file's report: errors first, then the number that ends its IRI
    (``…/issue/<source>/12``)."""
    tail = issue["iri"].rsplit("/", 1)[-1]
    return issue["severity"] != "error", (int(tail) if tail.isdigit() else 0), issue["iri"]


__all__ = ["ISSUES_SHOWN_CAP", "ingest_report"]
