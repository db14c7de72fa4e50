"""Regressions found by the generated corpus at scale, one test each."""

from __future__ import annotations

import re
import textwrap

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from graph.identity import actor_keys
from graph.ingest.delib_prose_cues import EXCLUDE
from graph.ingest.delib_recipient_names import NAME_END
from graph.ingest.pipeline import ingest_paths
from graph.namespaces import MAI
from graph.resolution_deliberations import canonical_deliberations

BASE = "https://w3id.org/maillage/id/"


def test_a_place_name_with_sur_is_not_cut_at_the_hyphen():
    name = re.match(r"(?P<n>.*?)" + NAME_END, "Association de Veauche-sur-Furan sur le territoire").group("n")
    assert name == "Association de Veauche-sur-Furan"


def test_a_beneficiary_named_ecoute_is_not_taken_for_a_cost():
    assert not EXCLUDE.search("Association Écoute et Soutien")
    assert EXCLUDE.search("le coût du projet")


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


SESSION_TEXT = """COMMUNAUTÉ D'AGGLOMÉRATION DORLAY FURAN
Conseil communautaire

Séance du 14 décembre 2023
Délibération n° DEL-2023-{number}

Objet : Subvention à l'association {beneficiary}

Le Conseil communautaire de la Communauté d'agglomération Dorlay Furan, régulièrement convoqué le 7 décembre 2023, \
s'est réuni sous la présidence de M. Mehdi ANDRÉ.

Nombre de conseillers en exercice : 7
Nombre de présents : 5
Nombre de pouvoirs : 2

Étaient présents : M. Mehdi ANDRÉ, M. Kamel MARTIN-ROY, Mme Sophie MATHEVON, Mme Fatima TEYSSIER, Mme Élodie MICHEL

Pouvoirs : {proxies}

Secrétaire de séance : Mme Élodie MICHEL

Le Conseil communautaire, après en avoir délibéré, décide d'attribuer une subvention de fonctionnement de 2 500 € \
à l'association {beneficiary}.

Adopté à l'unanimité.
"""


def test_the_texts_of_one_session_listing_its_proxies_in_another_order_give_one_proxy_per_member(oxi_store, tmp_path):
    """Two deliberations of one session name the same proxies in their own order: each member's proxy is one node
    (they were numbered in each text's order, so that the first of one text and the first of the other became one
    proxy of two givers and two holders)."""
    one = "Mme Julie VINCENT donne pouvoir à Mme Fatima TEYSSIER, M. David BENOÎT donne pouvoir à M. Kamel MARTIN-ROY"
    other = "M. David BENOÎT donne pouvoir à M. Kamel MARTIN-ROY, Mme Julie VINCENT donne pouvoir à Mme Fatima TEYSSIER"
    paths = []
    for number, beneficiary, proxies in (("004", "Atelier Santé Coise", one), ("005", "Comptoir Conseil Anzieux", other)):
        path = tmp_path / f"del-2023-{number}.txt"
        path.write_text(SESSION_TEXT.format(number=number, beneficiary=beneficiary, proxies=proxies), encoding="utf-8")
        paths.append(path)
    reports = ingest_paths(oxi_store, paths, kind="deliberation")
    assert [v.format() for r in reports for v in r.violations if v.severity == "Violation"] == []
    rows = {(str(g), str(h)) for g, h in oxi_store.query(
        "SELECT ?giver ?holder WHERE { ?session <https://w3id.org/maillage/ontology#proxy> ?proxy . "
        "?proxy <https://w3id.org/maillage/ontology#from> ?giver ; <https://w3id.org/maillage/ontology#to> ?holder }")}
    assert rows == {(BASE + "person/julie-vincent", BASE + "person/fatima-teyssier"),
                    (BASE + "person/david-benoit", BASE + "person/kamel-martin-roy")}
