"""Regressions found by the generated corpus at scale, one test each."""

from __future__ import annotations

import re
import textwrap

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from graph.identity import actor_keys, canonical_deliberations
from graph.ingest.delib_grants import _EXCLUDE, _STOP
from graph.ingest.pipeline import ingest_paths
from graph.namespaces import MAI

BASE = "https://w3id.org/maillage/id/"


def test_a_place_name_with_sur_is_not_cut_at_the_hyphen():
    name = re.match(r"(?P<n>.*?)" + _STOP, "Association de Veauche-sur-Furan sur le territoire").group("n")
    assert name == "Association de Veauche-sur-Furan"


def test_a_beneficiary_named_ecoute_is_not_taken_for_a_cost():
    assert not _EXCLUDE.search("Association Écoute et Soutien")
    assert _EXCLUDE.search("le coût du projet")


def test_an_acronym_variant_is_not_a_name_key():
    graph = Graph()
    actor = URIRef(BASE + "actor/aide-a-domicile")
    graph.add((actor, RDFS.label, Literal("Aide à domicile en milieu rural")))
    graph.add((actor, SKOS.altLabel, Literal("ADMR")))
    assert ("name", "admr") not in actor_keys(graph, actor)


def test_a_deliberation_is_named_after_its_resolved_authority_and_number():
    graph = Graph()
    old = URIRef(BASE + "deliberation/244200770/2024-00240")
    graph.add((old, RDF.type, MAI.Deliberation))
    graph.add((old, MAI.authority, URIRef(BASE + "actor/siren-244200770")))
    graph.add((old, DCTERMS.identifier, Literal("2024.00240")))
    canonical_deliberations(graph)
    assert set(graph.subjects(RDF.type, MAI.Deliberation)) == {
        URIRef(BASE + "deliberation/siren-244200770/2024-00240")}


def test_an_actor_named_differently_by_a_second_source_keeps_one_display_name(oxi_store, tmp_path):
    first = tmp_path / "a.ttl"
    first.write_text(textwrap.dedent(f"""\
        @prefix mai: <https://w3id.org/maillage/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <{BASE}actor/siren-244200770> a mai:PublicAuthority ; rdfs:label "Saint-Etienne Métropole" ;
            mai:siren "244200770" ; mai:nameKey "saint etienne metropole" ."""), encoding="utf-8")
    register = tmp_path / "registre.csv"
    register.write_text("name;kind;circle;joined;left;themes;goals;siren;siret;rna\n"
                        "SAINT ETIENNE METROPOLE;collectivite;financeurs;2024-05-16;;;;244200770;;\n",
                        encoding="utf-8")
    ingest_paths(oxi_store, [first, register], kind=None)
    actor = URIRef(BASE + "actor/siren-244200770")
    labels = {str(r[0]) for r in oxi_store.query(f"SELECT ?l WHERE {{ ?a <{RDFS.label}> ?l }}", {"a": actor})}
    variants = {str(r[0]) for r in oxi_store.query(f"SELECT ?l WHERE {{ ?a <{SKOS.altLabel}> ?l }}", {"a": actor})}
    assert labels == {"Saint-Etienne Métropole"}
    assert "SAINT ETIENNE METROPOLE" in variants


def test_sparql_update_and_graph_store_writes_are_logged_with_who_and_what(tmp_path):
    import json

    from webapp import create_app

    app = create_app({"data_dir": str(tmp_path / "data"), "write_token": "secret"})
    client = app.test_client()
    auth = {"Authorization": "Bearer secret"}
    update = 'INSERT DATA { GRAPH <https://ex.org/g> { <https://ex.org/a> <https://ex.org/p> "1" } }'
    assert client.post("/sparql", data=update, content_type="application/sparql-update", headers=auth).status_code == 204
    assert client.delete("/store?graph=https://ex.org/g", headers=auth).status_code == 204
    assert client.post("/sparql", data=update, content_type="application/sparql-update").status_code == 401
    lines = (tmp_path / "data" / "logs" / "writes.jsonl").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert [(e["action"], e["result"]) for e in entries] == [
        ("sparql-update", "ok"), ("graph-store", "ok"), ("sparql-update", "refused: bad token")]
    assert entries[0]["token"] != "-" and "secret" not in lines[0]
