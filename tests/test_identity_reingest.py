"""Identity at re-ingest: the lookups of a file's actors do not see the named graph that the file replaces, so that
the same file ingested twice gives the same graph and the same report, and a new version of a file the graph that
it gives alone (DESIGN.md, "Identity"), with the renames that it records beside."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import PROV, SKOS

from graph.ingest.pipeline import ingest_paths
from graph.namespaces import MAI
from graph.store import open_store

#: Two rows of one club: one by its RNA number, one by its SIRET. Stored, they are two actors of one name, which
#: the second ingest found again, each the other's namesake in the graph being replaced.
GRANTS = (
    "nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,"
    "objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention\n"
    "Ville de Poitiers,21860194600013,2016-12-05,2016-0387,Entente sportive des trois cites football,,W322216459,"
    "Avance 2017,12800,aide en numéraire,unique,2016-12-06,,non,1\n"
    "Ville de Poitiers,21860194600013,2016-12-05,2016-0387,Entente sportive des trois cites football,"
    "38033590100027,,Avance 2017,12800,aide en numéraire,unique,2016-12-06,,non,1\n")

REGISTER = """format: maillage-register/1
ptce:
  name: PTCE test
members:
  - name: Entente sportive des trois cites football
    kind: association
    rna: W322216459
    circle: coeur
    joined: 2024-05-16
  - name: Entente sportive des trois cites football
    kind: association
    siren: "380335901"
    circle: operationnel
    joined: 2024-05-16
"""

#: A register whose member's SIREN (wrong) its coordinator takes out in the next version.
REGISTER_V1 = """format: maillage-register/1
ptce:
  name: PTCE test
members:
  - name: Les Jardins du Forez
    kind: association
    siren: "380335901"
    circle: coeur
    joined: 2024-05-16
"""
REGISTER_V2 = REGISTER_V1.replace('    siren: "380335901"\n', "")


@pytest.fixture
def store(tmp_path):
    return open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})


def ingest(store, path: Path) -> list[tuple]:
    """Ingest ``path`` (again, if stored); return its report's issues."""
    failures = []
    reports = ingest_paths(store, [path], force=True, on_report=lambda r, e, p: e and failures.append(e))
    assert failures == []
    return [(i.level, i.line, i.message) for i in reports[0].issues]


def quads(store) -> list[tuple[str, ...]]:
    """Every quad of the store but the ingest times of the sources' descriptions."""
    rows = store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                       "FILTER(?p NOT IN (<http://www.w3.org/ns/prov#generatedAtTime>)) }")
    return sorted(tuple(str(v) for v in row) for row in rows)


def _of_the_run(quad: tuple[str, ...]) -> bool:
    """Whether ``quad`` tells of an ingest's run: its report's issues and counts, the versions its source replaced."""
    _, subject, predicate, _ = quad
    return ("/id/issue/" in subject or "/id/version/" in subject
            or predicate in (str(PROV.wasRevisionOf), str(MAI.warningCount), str(MAI.errorCount), str(MAI.ingestIssue)))


def test_the_actors_of_a_grants_list_ingested_again_are_not_linked_to_the_list_they_replace(store, tmp_path):
    path = tmp_path / "subventions.csv"
    path.write_text(GRANTS, encoding="utf-8")
    first, stored = ingest(store, path), quads(store)
    assert (ingest(store, path), quads(store)) == (first, stored)


def test_the_members_of_a_register_ingested_again_are_not_linked_to_the_register_they_replace(store, tmp_path):
    path = tmp_path / "registre.yaml"
    path.write_text(REGISTER, encoding="utf-8")
    first, stored = ingest(store, path), quads(store)
    assert (ingest(store, path), quads(store)) == (first, stored)


def test_a_new_version_of_a_register_gives_the_graph_it_gives_alone(store, tmp_path):
    path = tmp_path / "registre.yaml"
    path.write_text(REGISTER_V2, encoding="utf-8")
    ingest(store, path)
    alone = quads(store)
    other = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "other")})
    path.write_text(REGISTER_V1, encoding="utf-8")
    ingest(other, path)
    path.write_text(REGISTER_V2, encoding="utf-8")
    ingest(other, path)
    # but for the old address of the member whose IRI the new version changed, that leads to its new one
    # (graph.ingest.source_renames), and for what the new version changed, which its source keeps
    # (graph.ingest.source_report.change_notes)
    # (graph.ingest.source_report.change_notes), and for what its source keeps of the run: the replacement's warning
    # (graph.ingest.source_report) and the version it replaced (graph.ingest.source_versions)
    again = [quad for quad in quads(other) if not _of_the_run(quad)]
    alone = [quad for quad in alone if not _of_the_run(quad)]
    source = "https://w3id.org/maillage/id/source/registre-yaml"
    assert sorted(set(again) - set(alone)) == [
        (source, "https://w3id.org/maillage/id/actor/siren-380335901", "http://purl.org/dc/terms/isReplacedBy",
         "https://w3id.org/maillage/id/actor/jardins-forez"),
        (source, source, str(SKOS.changeNote), "1 valeur changée (Les Jardins du Forez : SIREN 380335901 → aucun)"),
        (source, source, str(SKOS.changeNote), "1 value changed (Les Jardins du Forez: SIREN 380335901 → none)")]
    assert set(alone) - set(again) == set()
