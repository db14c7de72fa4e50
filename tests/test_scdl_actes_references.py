"""A grants list whose ``referenceDecision`` is an ACTES id: both spellings of one act name one deliberation, the one
that the deliberation text with that ACTES id is once stored; an act that is no deliberation, or another SIREN's,
names none, and is said."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph.ingest.base import SourceContext
from graph.ingest.pipeline import ingest_paths
from graph.ingest.scdl_decisions import point_references
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI, sparql_prologue

FOUNDING = Path(__file__).parent / "fixtures" / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
DELIB = URIRef("https://w3id.org/maillage/id/deliberation/siren-244200770/2024-00240")
HEAD = "nomAttribuant;idAttribuant;referenceDecision;nomBeneficiaire;rnaBeneficiaire;montant"
ROWS = ("Saint-Etienne Métropole;24420077000018;99_DE-042-244200770-20240516-D20240024010;Asso 0;W423012700;20000",
        "Saint-Etienne Métropole;24420077000018;042-244200770-20240516-D20240024010-DE;Asso 1;W423012701;20000",
        "Saint-Etienne Métropole;24420077000018;99_AR-013-211300074-20220106-AR-2022-02-AR-1-1_1.PDF;Asso 2;"
        "W423012702;20000")


def listed(*rows: str):
    return extract(SourceContext(Path("list.csv"), "\n".join([HEAD, *rows, ""]).encode()))


def decided(store) -> list[tuple[str, URIRef | None]]:
    """(beneficiary, deliberation) of each grant of a list: what its decision reference names."""
    got = store.query(sparql_prologue() + "SELECT ?name ?d WHERE { ?g mai:decisionReference ?r ; "
                      "mai:beneficiary/rdfs:label ?name OPTIONAL { ?g mai:decidedBy ?d } } ORDER BY ?name")
    return [(str(name), d) for name, d in got]


def deliberations(store) -> int:
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a mai:Deliberation }"
    return [int(n) for (n,) in store.query(sparql_prologue() + count)][0]


def test_both_spellings_of_one_actes_id_name_one_deliberation_with_that_actes_id():
    ex = listed(*ROWS[:2])
    (deliberation,) = set(ex.graph.objects(None, MAI.decidedBy))
    assert set(ex.graph.objects(deliberation, MAI.actesId)) == {Literal("042-244200770-20240516-D20240024010-DE")}
    assert str(deliberation).endswith("/deliberation/siren-244200770/d20240024010")


@pytest.mark.parametrize("reference, said", [
    ("99_AR-013-211300074-20220106-AR-2022-02-AR-1-1_1.PDF",
     "identifiant ACTES d'un arrêté réglementaire (nature AR), pas d'une délibération, et d'un autre SIREN "
     "(211300074) que celui de l'attribuant (244200770) : référence gardée telle quelle, sans délibération"),
    ("042-244200770-20240516-A2024_12-AI",
     "identifiant ACTES d'un arrêté individuel (nature AI), pas d'une délibération : référence gardée telle quelle, "
     "sans délibération"),
    ("013-211300074-20220106-D2022_02-DE",
     "identifiant ACTES d'un autre SIREN (211300074) que celui de l'attribuant (244200770) : référence gardée telle "
     "quelle, sans délibération"),
])
def test_an_actes_id_of_another_act_or_another_siren_is_kept_as_written_naming_no_deliberation(reference, said):
    ex = listed(f"Saint-Etienne Métropole;24420077000018;{reference};Asso 2;W423012702;20000")
    assert [(i.line, i.field, i.value, i.message) for i in ex.issues] == [(2, "referenceDecision", reference, said)]
    assert set(ex.graph.subjects(None, MAI.Deliberation)) == set()
    assert set(ex.graph.objects(None, MAI.decisionReference)) == {Literal(reference)}


def test_a_grants_list_ingested_after_the_deliberation_text_points_at_it(tmp_path, oxi_store):
    listing = tmp_path / "list.csv"
    listing.write_text("\n".join([HEAD, *ROWS, ""]), encoding="utf-8")
    reports = ingest_paths(oxi_store, [FOUNDING, listing])
    assert [r.status for r in reports] == ["stored", "stored"]
    assert decided(oxi_store) == [("Asso 0", DELIB), ("Asso 1", DELIB), ("Asso 2", None)]
    assert deliberations(oxi_store) == 1


def test_a_deliberation_text_stored_after_the_grants_list_has_the_lists_grants_pointed_at_it(tmp_path, oxi_store):
    listing = tmp_path / "list.csv"
    listing.write_text("\n".join([HEAD, *ROWS, ""]), encoding="utf-8")
    reports = ingest_paths(oxi_store, [listing, FOUNDING])
    assert [r.status for r in reports] == ["stored", "stored"]
    assert decided(oxi_store) == [("Asso 0", DELIB), ("Asso 1", DELIB), ("Asso 2", None)]
    assert deliberations(oxi_store) == 1
    with oxi_store.writer() as writer:  # once pointed, nothing is left to point
        assert point_references(writer, reports[1].source) == set()
