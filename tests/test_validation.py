"""The compiled SPARQL validator agrees with pySHACL, the reference implementation, on the shipped shapes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from graph.bindings import run_query
from graph.ontology import read_vocabulary, superclasses
from graph.terms import to_oxigraph
from graph.validation import UnsupportedShape, compile_shapes, validate, validate_graphs

PREFIXES = """
@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix ex: <https://ex.org/> .
"""
VALID = PREFIXES + """
ex:funder a mai:PublicAuthority ; rdfs:label "Métropole" ; mai:siren "244200770" .
ex:asso a mai:Association ; rdfs:label "DanaeCare" .
ex:grant a mai:Grant ; schema:funder ex:funder ; mai:beneficiary ex:asso ; schema:amount "20000"^^xsd:decimal ;
    schema:currency "EUR" ; mai:fiscalYear 2024 .
ex:m a org:Membership ; org:member ex:asso ; org:organization ex:ptce ; mai:joinedOn "2024-05-16"^^xsd:date ;
    org:role <https://w3id.org/maillage/ontology/circle/coeur> .
ex:ptce a mai:Cooperation ; rdfs:label "PTCE santé" .
ex:p a foaf:Person ; rdfs:label "Sylvie FAYOLLE" .
"""
BROKEN = {
    "two amounts": VALID + 'ex:grant schema:amount "1"^^xsd:decimal .',
    "negative amount": VALID.replace('"20000"^^xsd:decimal', '"-5"^^xsd:decimal'),
    "no funder": VALID.replace("schema:funder ex:funder ;", ""),
    "actor without label": VALID + "ex:other a mai:Association .",
    "bad siren": VALID.replace('"244200770"', '"24420077"'),
    "membership without member": VALID.replace("org:member ex:asso ;", ""),
    "amount as a string": VALID.replace('"20000"^^xsd:decimal', '"20000"'),
    "amount as a double": VALID.replace('"20000"^^xsd:decimal', "2.0E4"),
    "siret written as a number": VALID.replace('mai:siren "244200770"', "mai:siret 24420077000017"),
    # sh:class: the types of the values, read by IRI (VALUES) or, with a blank node among them, in one query
    "beneficiary of another class": VALID.replace("mai:beneficiary ex:asso", "mai:beneficiary ex:p"),
    "blank beneficiary of no class": VALID.replace("mai:beneficiary ex:asso", 'mai:beneficiary [ rdfs:label "B" ]'),
}



def _shapes() -> Graph:
    """A fresh parse of the shipped shapes: pySHACL may add to the graph it is given, and the cached one
    (graph.ontology.load_shapes) is what Maillage's own validator compiles."""
    return Graph().parse(data=read_vocabulary("shapes.ttl"), format="turtle")

def materialised(turtle: str) -> Graph:
    graph = Graph().parse(data=turtle, format="turtle")
    for s, _, cls in list(graph.triples((None, RDF.type, None))):
        for sup in superclasses().get(cls, ()):
            graph.add((s, RDF.type, sup))
    return graph


def compiled_results(graph: Graph) -> set[tuple[str, str]]:
    store = ox.Store()
    g = ox.NamedNode("https://ex.org/source")
    store.extend(ox.Quad(*(to_oxigraph(t) for t in triple), g) for triple in graph)
    query = lambda sparql, bindings=None: run_query(store, sparql, bindings)
    return {(v.focus, v.path) for v in validate(query) if v.severity == "Violation"}


def pyshacl_results(graph: Graph) -> set[tuple[str, str]]:
    _, report, _ = pyshacl_validate(graph, shacl_graph=_shapes(), inference="none")
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) == SH.Violation:
            path = report.value(result, SH.resultPath)
            found.add((str(report.value(result, SH.focusNode)), str(path)))
    return found


@pytest.mark.parametrize("sample", [VALID, VALID.replace("mai:beneficiary ex:asso",
                                                         'mai:beneficiary [ a mai:Association ; rdfs:label "B" ]'),
                                    VALID.replace('"20000"^^xsd:decimal', "20000")],
                         ids=["valid", "blank beneficiary", "integer amount"])
def test_a_valid_sample_has_no_violation_for_either_validator(sample):
    graph = materialised(sample)
    assert compiled_results(graph) == set() == pyshacl_results(graph)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_both_validators_report_the_same_violations(case):
    graph = materialised(BROKEN[case])
    compiled = compiled_results(graph)
    assert compiled, f"{case}: no violation found"
    assert compiled == pyshacl_results(graph)


def _messages(turtle: str) -> list[tuple[str, str, str]]:
    """(path, severity, French message) of every result of the compiled validator on ``turtle``."""
    store = ox.Store()
    g = ox.NamedNode("https://ex.org/source")
    store.extend(ox.Quad(*(to_oxigraph(t) for t in triple), g) for triple in materialised(turtle))
    query = lambda sparql, bindings=None: run_query(store, sparql, bindings)
    return sorted((v.path.rsplit("/", 1)[-1].rsplit("#", 1)[-1], v.severity, v.message) for v in validate(query))


def test_an_agreement_no_council_voted_is_valid_and_said_as_an_info():
    """A partnership agreement between the PTCE's members, described by the PTCE itself, is often never voted."""
    sample = VALID + 'ex:ag a mai:Agreement ; dcterms:title "Convention de partenariat" ; mai:party ex:asso .'
    graph = materialised(sample)
    assert compiled_results(graph) == set() == pyshacl_results(graph)
    assert [m for m in _messages(sample) if m[0] == "approvedBy"] == [
        ("approvedBy", "Info", "Convention sans délibération qui l'approuve (mai:approvedBy) : sa source n'en cite pas.")]


def test_a_value_of_the_wrong_datatype_gets_only_the_datatype_message():
    found = _messages(VALID.replace('"20000"^^xsd:decimal', '"12 000 €"').replace("2024 .", '"2024" .'))
    assert [(path, severity) for path, severity, _ in found] == [("amount", "Violation"), ("fiscalYear", "Violation")]
    assert "La valeur est un texte (entre guillemets) : écrivez 12000, sans guillemets." in found[0][2]
    assert "écrivez 2024, sans guillemets." in found[1][2]


@pytest.mark.parametrize(("replacement", "hint"), [
    ("1.5E4", "La valeur est de type xsd:double : écrivez 15000."),
    ('"2000.0"^^xsd:decimal ; mai:fiscalYear "2024"^^xsd:gYear', "La valeur est de type xsd:gYear : écrivez 2024."),
    ("12500.5E0", 'écrivez 12500.5 (en JSON-LD : {"@value": "12500.5", "@type": "xsd:decimal"}).'),
], ids=["double amount", "gYear fiscal year", "double amount with a fraction"])
def test_a_number_of_another_datatype_is_reported_with_its_datatype_and_what_to_write(replacement, hint):
    sample = VALID.replace("; mai:fiscalYear 2024", "").replace('"20000"^^xsd:decimal', replacement)
    [(_, _, message)] = _messages(sample)
    assert message.endswith(hint)


@pytest.mark.parametrize("siret", ["42345678900012", "03312345600012"])
def test_a_siret_written_as_a_number_is_told_to_be_quoted_and_nothing_else(siret):
    [(path, severity, message)] = _messages(VALID + f"ex:asso mai:siret {siret} .")
    assert (path, severity) == ("siret", "Violation")
    assert "La valeur est écrite comme un nombre (xsd:integer) : écrivez \"" in message
    assert "entre guillemets" in message


def test_a_shape_outside_the_supported_subset_is_refused():
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://ex.org/> .
        ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:qualifiedMinCount 1 ] .""", format="turtle")
    with pytest.raises(UnsupportedShape):
        compile_shapes(shapes)


def test_focus_nodes_can_be_limited_to_one_graph():
    graph = materialised(BROKEN["actor without label"])
    store = ox.Store()
    store.extend(ox.Quad(*(to_oxigraph(t) for t in triple), ox.NamedNode("https://ex.org/other")) for triple in graph)
    query = lambda sparql, bindings=None: run_query(store, sparql, bindings)
    assert validate(query, URIRef("https://ex.org/source")) == []
    assert validate(query, URIRef("https://ex.org/other"))


def _store_of(graphs: dict[str, Graph]) -> ox.Store:
    store = ox.Store()
    for name, graph in graphs.items():
        store.extend(ox.Quad(*(to_oxigraph(t) for t in triple), ox.NamedNode(name)) for triple in graph)
    return store


def test_graphs_validated_together_get_what_each_gets_alone():
    """One file per broken sample (their resources renamed apart), and two files that type the same actor."""
    graphs = {f"https://ex.org/source/{i}": materialised(PREFIXES + BROKEN[case][len(PREFIXES):]
                                                         .replace("ex:", f"ex:f{i}-"))
              for i, case in enumerate(sorted(BROKEN))}
    graphs["https://ex.org/source/shared-1"] = materialised(PREFIXES + "ex:shared a mai:Association .")
    graphs["https://ex.org/source/shared-2"] = materialised(PREFIXES + "ex:shared a foaf:Agent .\n"
                                                            "ex:solo a mai:Association .")
    store = _store_of(graphs)
    query = lambda sparql, bindings=None: run_query(store, sparql, bindings)
    together = validate_graphs(query, [URIRef(g) for g in graphs])
    alone = {URIRef(g): validate(query, URIRef(g)) for g in graphs}
    assert together == alone
    assert all(alone[URIRef(f"https://ex.org/source/{i}")] for i in range(len(BROKEN)))
    shared = {v.focus for v in alone[URIRef("https://ex.org/source/shared-2")]}
    assert "https://ex.org/solo" in shared and "https://ex.org/shared" not in shared  # typed Actor in -1 only


def test_graphs_beyond_one_validation_are_validated_in_runs(monkeypatch):
    from graph import validation

    graphs = {f"https://ex.org/source/{i}": materialised(PREFIXES + BROKEN[case][len(PREFIXES):]
                                                         .replace("ex:", f"ex:f{i}-"))
              for i, case in enumerate(sorted(BROKEN))}
    store = _store_of(graphs)
    scopes: list[int] = []

    def query(sparql, bindings=None):
        if "VALUES ?graph" in sparql:
            scopes.append(sparql.split("VALUES ?graph {", 1)[1].split("}", 1)[0].count("<"))
        return run_query(store, sparql, bindings)

    names = [URIRef(g) for g in graphs]
    at_once = validate_graphs(query, names)
    monkeypatch.setattr(validation, "GRAPHS_PER_VALIDATION", 2)
    scopes.clear()
    assert validate_graphs(query, names) == at_once
    assert len(names) > 2 and scopes and max(scopes) == 2


def test_checks_run_in_threads_find_what_they_find_one_after_the_other():
    graphs = {f"https://ex.org/source/{i}": materialised(PREFIXES + BROKEN[case][len(PREFIXES):]
                                                         .replace("ex:", f"ex:f{i}-"))
              for i, case in enumerate(sorted(BROKEN))}
    store = _store_of(graphs)
    query = lambda sparql, bindings=None: run_query(store, sparql, bindings)
    names = [URIRef(g) for g in graphs]
    assert validate_graphs(query, names, threads=2) == validate_graphs(query, names)
    for name in names:
        assert validate(query, name, threads=2) == validate(query, name)


def test_a_blank_focus_node_goes_to_its_own_graph():
    graphs = {"https://ex.org/source/a": materialised(PREFIXES + "[] a mai:Association ."),
              "https://ex.org/source/b": materialised(VALID)}
    store = _store_of(graphs)
    query = lambda sparql, bindings=None: run_query(store, sparql, bindings)
    together = validate_graphs(query, [URIRef(g) for g in graphs])
    assert together[URIRef("https://ex.org/source/a")] == validate(query, URIRef("https://ex.org/source/a"))
    assert together[URIRef("https://ex.org/source/a")] and not together[URIRef("https://ex.org/source/b")]
