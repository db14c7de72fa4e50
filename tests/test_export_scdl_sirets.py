"""The SIRET each grant was read with, kept on the grant and written back by the SCDL export.

An organisation is one actor per SIREN, which keeps the SIRETs of all its establishments that a list names: a
métropole granting through two establishments, an association paid at two of its sites. Each grant keeps its row's
(``mai:funderSiret``, ``mai:beneficiarySiret``), and its exported row carries it, not the actor's least.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from graph.export import export_scdl
from graph.ingest.base import SourceContext
from graph.ingest.pipeline import ingest_paths
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI, SCHEMA, sparql_prologue
from graph.store import open_store

BASE = "https://w3id.org/maillage/id/"
HEADER = ("nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,"
          "rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,"
          "pourcentageSubvention,dispositifAide\r\n")
#: Saint-Etienne Métropole (SIREN 244200770) grants through two establishments, to one association paid at three
#: of its own (SIREN 423000009); the least SIRET of each (…018, …005) is on a row that does not give it first.
ROWS = [("24420077000026", "2024.00240", "42300000900013", "Prévention", "30000"),
        ("24420077000018", "2024.00241", "42300000900021", "Soins", "25000"),
        ("24420077000026", "2024.00242", "42300000900005", "Accueil", "24000")]
LIST = HEADER + "".join(
    f"Saint-Etienne Métropole,{funder},2024-05-16,{reference},Asso Santé,{beneficiary},,{purpose},{amount},"
    "aide en numéraire,unique,2024-06-01,,non,1,\r\n" for funder, reference, beneficiary, purpose, amount in ROWS)
#: What identifies a grant in a store, whatever its IRI: its own SIRETs, the actors', and what its row said.
GRANTS = """SELECT ?fsiret ?bsiret ?funder ?beneficiary ?amount ?reference ?purpose ?date WHERE {
  ?grant a mai:Grant ; mai:funderSiret ?fsiret ; mai:beneficiarySiret ?bsiret ; schema:amount ?amount ;
         mai:decisionReference ?reference ; dcterms:description ?purpose ; mai:conventionDate ?date ;
         schema:funder ?funder ; mai:beneficiary ?beneficiary }"""


def _exported(store) -> tuple[dict, bytes]:
    out = io.BytesIO()
    counts = export_scdl(store, out)
    return counts, out.getvalue()


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _grants(store) -> Counter:
    return Counter(tuple(str(v) for v in row) for row in store.query(sparql_prologue() + GRANTS))


def test_each_grant_keeps_the_sirets_its_row_gives_its_funder_and_beneficiary():
    ex = extract(SourceContext(Path("metropole.csv"), LIST.encode("utf-8")))
    g = ex.graph
    kept = sorted((str(g.value(grant, MAI.decisionReference)), str(g.value(grant, MAI.funderSiret)),
                   str(g.value(grant, MAI.beneficiarySiret))) for grant in g.subjects(SCHEMA.funder, None))
    assert kept == [(reference, funder, beneficiary) for funder, reference, beneficiary, *_ in ROWS]
    # One actor each, with all its establishments' SIRETs: the grant's own is not told by the actor.
    funder, beneficiary = URIRef(BASE + "actor/siren-244200770"), URIRef(BASE + "actor/siren-423000009")
    assert set(g.subjects(SCHEMA.funder, None)) == set(g.subjects(MAI.beneficiary, beneficiary))
    assert sorted(map(str, g.objects(funder, MAI.siret))) == ["24420077000018", "24420077000026"]
    assert sorted(map(str, g.objects(beneficiary, MAI.siret))) == ["42300000900005", "42300000900013",
                                                                    "42300000900021"]


@pytest.mark.parametrize("text, options, funder, beneficiary", [
    # The funder given by --funder; the beneficiary's SIRET in the RNA column.
    ("nomBeneficiaire;rnaBeneficiaire;montant\nAsso;42300000900013;500\n",
     {"funder": "Saint-Etienne Métropole;24420077000026"}, "24420077000026", "42300000900013"),
    # The beneficiary's SIRET at the end of its name, no identifier column filled.
    ("nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;montant\n"
     "Métropole;24420077000018;Asso (423 000 009 00021);;500\n", {}, "24420077000018", "42300000900021"),
    # Neither row gives a SIRET: a SIREN, an RNA number; the grant keeps none.
    ("nomAttribuant;idAttribuant;nomBeneficiaire;rnaBeneficiaire;montant\nMétropole;244200770;Asso;W423012345;500\n",
     {}, None, None),
])
def test_a_grant_keeps_the_siret_it_was_read_with_wherever_the_list_gives_it(text, options, funder, beneficiary):
    g = extract(SourceContext(Path("list.csv"), text.encode("utf-8"), options=options)).graph
    [grant] = g.subjects(SCHEMA.funder, None)
    assert (g.value(grant, MAI.funderSiret), g.value(grant, MAI.beneficiarySiret)) == (
        funder and Literal(funder), beneficiary and Literal(beneficiary))


@pytest.mark.parametrize("backend", ["oxigraph", "memory"])
def test_a_list_of_two_establishments_of_one_funder_round_trips_with_each_rows_sirets(tmp_path, backend):
    """Exported, each row carries its own SIRETs (all were the least: …018 and …005); the export ingested again
    gives the same grants, and exported again the same bytes."""
    source = tmp_path / "metropole.csv"
    source.write_text(LIST, encoding="utf-8")
    store = open_store({"store": backend, "data_dir": str(tmp_path / "store")})
    ingest_paths(store, [source])
    counts, exported = _exported(store)
    assert counts["written"] == len(ROWS)
    assert sorted((r["referenceDecision"], r["idAttribuant"], r["idBeneficiaire"]) for r in _rows(exported)) == [
        (reference, funder, beneficiary) for funder, reference, beneficiary, *_ in ROWS]
    again = tmp_path / "export.csv"
    again.write_bytes(exported)
    reread = open_store({"store": backend, "data_dir": str(tmp_path / "again")})
    ingest_paths(reread, [again])
    assert _grants(reread) == _grants(store) and len(_grants(store)) == len(ROWS)
    assert _exported(reread)[1] == exported


def test_a_grants_own_siret_that_fails_the_luhn_key_gives_way_to_its_organisations():
    """An RDF file may give a grant's SIRET with a typo: the funder's valid one is written, as for an actor's."""
    turtle = f"""
        @prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        <{BASE}actor/funder> a mai:PublicAuthority ; rdfs:label "Métropole" ; mai:siret "24420077000026" .
        <{BASE}actor/beneficiary> a mai:Association ; rdfs:label "Asso" ; mai:siret "42300000900005" .
        <{BASE}grant/g> a mai:Grant ; schema:funder <{BASE}actor/funder> ; mai:beneficiary <{BASE}actor/beneficiary> ;
            schema:amount "500"^^xsd:decimal ; mai:conventionDate "2024-05-16"^^xsd:date ;
            mai:funderSiret "24420077000010" ; mai:beneficiarySiret "42300000900013" ."""
    store = open_store({"store": "memory"})
    with store.writer() as writer:
        writer.replace_graph(BASE + "source/test", Graph().parse(data=turtle, format="turtle"))
        writer.commit()
    [row] = _rows(_exported(store)[1])
    assert (row["idAttribuant"], row["idBeneficiaire"]) == ("24420077000026", "42300000900013")
