"""The grants of a grants list whose beneficiary is their funder itself: Somme names the Département, by its own
SIRET, as the beneficiary of European Social Fund operations that it runs. Funds passed back through its own budget,
or a row typed wrong: nothing in the row tells which, so the grant is kept, and warned about; the funding page marks
its flow (« (l'attribuant lui-même) »), which read as a beneficiary among the others."""

from __future__ import annotations

from graph.ingest.base import Issue
from graph.namespaces import MAI, SCHEMA
from graph.triples import TripleSet


def self_funded(graph: TripleSet) -> list[Issue]:
    """Warn at each row of the extracted list ``graph`` whose grant's beneficiary is its funder (the one actor:
    the same SIREN, or the same name without one)."""
    issues = []
    for grant, _, funder in graph.triples((None, SCHEMA.funder, None)):
        line = graph.value(grant, MAI.rowNumber)
        if funder == graph.value(grant, MAI.beneficiary) and line is not None:
            same = ("même SIREN", "same SIREN") if str(funder).rsplit("/", 1)[-1].startswith("siren-") else (
                "même nom", "same name")
            issues.append(Issue("warning", f"le bénéficiaire est l'attribuant lui-même ({same[0]}) : fonds reversés "
                                "ou erreur de saisie ? la subvention est gardée, et comptée dans les totaux",
                                f"the beneficiary is the funder itself ({same[1]}): funds passed back, or a typing "
                                "error? the grant is kept, and counted in the totals", line=int(line)))
    return sorted(issues, key=lambda issue: issue.line)
