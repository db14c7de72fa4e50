"""The two Montpellier PDFs (Conseil Municipal, 24 April 2014): read through the pipeline into a store."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal

from graph.ingest.pipeline import ingest_paths
from graph.namespaces import sparql_prologue
from graph.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "deliberations"
PDFS = [FIXTURES / "2014-04-24-0000071272.pdf", FIXTURES / "2014-04-24-0000071276.pdf"]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path_factory.mktemp("montpellier"))})
    reports = ingest_paths(store, PDFS)
    assert [r.status for r in reports] == ["stored", "stored"]
    yield store
    store.close()


def values(store, sparql: str) -> list[tuple]:
    return [tuple(t.toPython() if isinstance(t, Literal) else str(t) for t in row)
            for row in store.query(sparql_prologue() + sparql)]


def test_both_deliberations_belong_to_one_session_of_the_conseil_municipal_of_montpellier(store):
    assert values(store, "SELECT DISTINCT ?a ?b ?d WHERE { ?x a mai:Deliberation ; mai:authority/rdfs:label ?a ; "
                         "mai:body/rdfs:label ?b ; mai:session/dcterms:date ?d }") == [
        ("Ville de Montpellier", "Conseil Municipal", __import__("datetime").date(2014, 4, 24))]


def test_the_numbers_and_actes_ids_are_read_from_the_margin_and_the_stamp(store):
    assert values(store, "SELECT ?n ?a WHERE { ?x a mai:Deliberation ; dcterms:identifier ?n ; mai:actesId ?a } "
                         "ORDER BY ?n") == [("2014/159", "034-213401722-20140424-0000071272-DE"),
                                             ("2014/171", "034-213401722-20140424-0000071276-DE")]


def test_the_only_grant_is_40000_euros_to_the_convention_nationale_des_avocats(store):
    rows = values(store, "SELECT ?b ?a ?n WHERE { ?g a mai:Grant ; mai:beneficiary/rdfs:label ?b ; schema:amount ?a ;"
                         " mai:nature ?n }")
    assert [(b, str(a), n.rsplit("/", 1)[-1]) for b, a, n in rows] == [
        ("Convention Nationale des Avocats", "40000", "project")]


def test_the_amount_requested_is_not_a_grant(store):
    assert values(store, "SELECT (COUNT(*) AS ?n) WHERE { ?g schema:amount 75000.0 }") == [(0,)]


def test_62_members_are_present_and_3_voted_by_proxy_without_a_named_holder(store):
    assert values(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) (COUNT(DISTINCT ?x) AS ?m) WHERE { ?s a mai:Session ; "
                         "mai:present ?p ; mai:proxy ?x FILTER NOT EXISTS { ?x mai:to ?h } }") == [(62, 3)]


def test_particle_names_in_capitals_are_kept_whole(store):
    assert values(store, "SELECT DISTINCT ?f WHERE { ?p rdfs:label 'Cédric DE SAINT JOUAN' ; foaf:familyName ?f }") == [
        ("DE SAINT JOUAN",)]
