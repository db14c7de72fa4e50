"""SCDL re-export: the graph's grants as an SCDL subventions v2.1.1 CSV that passes the official Table Schema."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from graph.export import COLUMNS, export_scdl
from graph.identifiers import siret_ok
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"


@pytest.fixture
def exported(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    files = [FIXTURES / n for n in ("exemple_valide_v2.1.1.csv", "DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv",
                                    "exemple.csv", "SCDL.csv")]
    ingest_paths(store, files)
    out = io.BytesIO()
    counts = export_scdl(store, out)
    path = tmp_path / "export.csv"
    path.write_bytes(out.getvalue())
    return counts, path


def test_every_expressible_grant_is_exported_and_the_others_counted(exported):
    # 29 + 13 + 1 grants have a valid funder SIRET and a beneficiary SIRET or RNA; SCDL.csv's 3 have no valid
    # funder SIRET, and exemple.csv's Bellandier SAS has an invalid SIRET and no RNA.
    assert exported[0] == {"written": 43, "skipped": 4, "because": {"funder-siret": 3, "beneficiary-id": 1}}


def test_the_export_passes_the_official_table_schema(exported):
    from frictionless import Resource, Schema

    descriptor = json.loads((FIXTURES / "schema_v2.1.1.json").read_text(encoding="utf-8"))
    path = exported[1]
    report = Resource(path=path.name, basepath=str(path.parent), schema=Schema.from_descriptor(descriptor)).validate()
    assert (report.valid, report.flatten(["rowNumber", "fieldName", "type"])) == (True, [])


def test_the_export_passes_the_custom_checks_frictionless_does_not_run(exported):
    with exported[1].open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0].keys() == set(COLUMNS)
    assert all(siret_ok(r["idAttribuant"]) for r in rows)
    assert all(siret_ok(r["idBeneficiaire"]) or r["rnaBeneficiaire"] for r in rows)
    assert all(not r["idBeneficiaire"] or siret_ok(r["idBeneficiaire"]) for r in rows)


def test_shared_grants_are_exported_with_their_total_and_share(exported):
    with exported[1].open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["nomBeneficiaire"] == "Rodriguez SA"]
    assert [(r["montant"], r["pourcentageSubvention"], r["nature"]) for r in rows] == [
        ("22000.8", "0.8", "aide en nature")]


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_an_actor_of_many_sirets_and_names_gives_one_row_per_grant_with_the_least_of_each(tmp_path, backend):
    """An authority's SIRETs are its establishments' (hundreds for a département), and two sources may name an
    actor differently: each grant is one row, with the least SIRET and name, as SCDL wants one of each."""
    from rdflib import Graph

    base = "https://w3id.org/maillage/id/"
    turtle = f"""
        @prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <{base}actor/dep> a mai:PublicAuthority ; rdfs:label "Département" , "DEPARTEMENT" ;
            mai:siret "22420001700024" , "22420001700008" , "22420001700016" .
        <{base}actor/asso> a mai:Association ; rdfs:label "Asso" ; mai:rna "W423012345" .
        """ + "".join(f"""
        <{base}grant/g{n}> a mai:Grant ; schema:funder <{base}actor/dep> ; mai:beneficiary <{base}actor/asso> ;
            schema:amount "{n}00"^^xsd:decimal ; mai:conventionDate "2024-05-16"^^xsd:date .""" for n in (1, 2))
    store = open_store({"store": backend, "data_dir": str(tmp_path / "store")})
    with store.writer() as writer:
        writer.replace_graph(f"{base}source/test", Graph().parse(data=turtle, format="turtle"))
        writer.commit()
    out = io.BytesIO()
    assert export_scdl(store, out) == {"written": 2, "skipped": 0, "because": {}}
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert [(r["nomAttribuant"], r["idAttribuant"], r["montant"]) for r in rows] == [
        ("DEPARTEMENT", "22420001700008", "100"), ("DEPARTEMENT", "22420001700008", "200")]


def test_a_grant_read_from_a_deliberation_is_exported_with_the_deliberations_number(tmp_path):
    from rdflib import Graph

    base = "https://w3id.org/maillage/id/"
    turtle = f"""
        @prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        <{base}actor/dep> a mai:PublicAuthority ; rdfs:label "Département" ; mai:siret "22420001700008" .
        <{base}actor/asso> a mai:Association ; rdfs:label "Asso" ; mai:rna "W423012345" .
        <{base}deliberation/d> a mai:Deliberation ; dcterms:identifier "2025-CP-03-112" ;
            dcterms:date "2025-03-17"^^xsd:date .
        <{base}grant/g> a mai:Grant ; schema:funder <{base}actor/dep> ; mai:beneficiary <{base}actor/asso> ;
            schema:amount "500"^^xsd:decimal ; mai:decidedBy <{base}deliberation/d> ."""
    store = open_store({"store": "memory"})
    with store.writer() as writer:
        writer.replace_graph(f"{base}source/test", Graph().parse(data=turtle, format="turtle"))
        writer.commit()
    out = io.BytesIO()
    export_scdl(store, out)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert (row["referenceDecision"], row["dateConvention"]) == ("2025-CP-03-112", "2025-03-17")
