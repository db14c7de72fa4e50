"""The shipped graph conforms to the shipped shapes under pySHACL, the reference implementation, and ``maillage
validate`` reports what pySHACL reports on it; the extracted nodes of the register carry their provenance.

Fixture strategy: the demo corpus (``examples/``) and a real SCDL list (Antibes's ``exemple_valide_v2.1.1.csv``, 29
rows) ingested once for the module by ``maillage ingest`` into a temporary data directory, then exported as TriG
by ``maillage export``, as a data user gets it; pySHACL checks the union of its graphs (the dump's own description
left out) against ``ontology/shapes.ttl`` in well under a second.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, SH

from conftest import EXAMPLES, FIXTURES
from graph.bindings import run_query
from graph.ontology import read_vocabulary
from graph.store import open_store
from graph.terms import to_oxigraph
from graph.validation import validate
from test_validation import VALID, materialised
from webapp.cli import main

SCDL = FIXTURES / "tabular" / "exemple_valide_v2.1.1.csv"
DUMP_GRAPH = "urn:maillage:dump"
ISSUE = """@prefix prov: <http://www.w3.org/ns/prov#> .
ex:src a mai:Source ; dcterms:title "f.csv" ; mai:sha256 "%s" ;
    prov:generatedAtTime "2024-06-01T10:00:00Z"^^xsd:dateTime ; mai:ingestIssue ex:issue .
ex:issue a mai:IngestIssue ; mai:severity "warning" ;
    dcterms:description "Ligne 3 : montant absent."@fr , "Line 3: no amount."@en .
""" % ("0" * 64)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The data directory with the corpus ingested, and the union of its exported graphs."""
    data = tmp_path_factory.mktemp("corpus") / "data"
    runner = CliRunner()
    ingested = runner.invoke(main, ["--data", str(data), "ingest", str(EXAMPLES), str(SCDL)], catch_exceptions=False)
    assert ingested.exit_code == 0, ingested.output
    dump = data.parent / "dump.trig"
    exported = runner.invoke(main, ["--data", str(data), "export", "--format", "trig", "-o", str(dump)],
                             catch_exceptions=False)
    assert exported.exit_code == 0, exported.output
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(path=dump, format=ox.RdfFormat.TRIG)
               if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == DUMP_GRAPH)]
    union = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    return data, union


def _shapes() -> Graph:
    """A fresh parse of the shipped shapes: pySHACL may add to the graph it is given, and the cached one
    (graph.ontology.load_shapes) is what Maillage's own validator compiles."""
    return Graph().parse(data=read_vocabulary("shapes.ttl"), format="turtle")


def pyshacl_report(graph: Graph) -> tuple[bool, set[tuple[str, str, str]]]:
    """pySHACL's verdict on ``graph`` and its results as (focus node, path, severity)."""
    conforms, report, _ = pyshacl_validate(graph, shacl_graph=_shapes(), inference="none", allow_warnings=True)
    return conforms, {(str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)),
                       str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1])
                      for r in report.subjects(RDF.type, SH.ValidationResult)}


def compiled_report(graph: Graph) -> set[tuple[str, str, str]]:
    """The compiled validator's results on ``graph`` (in a fresh Oxigraph store) as (focus node, path, severity)."""
    store = ox.Store()
    store.extend(ox.Quad(*(to_oxigraph(t) for t in triple), ox.NamedNode("https://ex.org/source")) for triple in graph)
    query = lambda sparql, bindings=None: run_query(store, sparql, bindings)
    return {(v.focus, v.path, v.severity) for v in validate(query)}


def test_the_exported_corpus_conforms_to_the_shipped_shapes_under_pyshacl(corpus):
    _, union = corpus
    conforms, results = pyshacl_report(union)
    assert conforms, sorted(r for r in results if r[2] == "Violation")[:5]
    assert {severity for *_, severity in results} <= {"Info"}


def test_maillage_validate_reports_what_pyshacl_reports_on_the_corpus(corpus):
    data, union = corpus
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    try:
        ours = {(v.focus, v.path, v.severity) for v in validate(store.query)}
    finally:
        store.close()
    assert ours == pyshacl_report(union)[1]
    said = CliRunner().invoke(main, ["--data", str(data), "validate"], catch_exceptions=False)
    assert said.exit_code == 0
    assert said.stderr.startswith("0 violation, 0 avertissement")


def test_an_ingest_issue_with_its_message_in_french_and_english_is_valid_for_both_validators():
    graph = materialised(VALID + ISSUE)
    assert {r for r in compiled_report(graph) if r[2] != "Info"} == set()
    assert compiled_report(graph) == pyshacl_report(graph)[1]


@pytest.mark.parametrize("labels", [
    '"Les Amis du Soin"@fr, "Friends of Care"@en',
    '"Les Amis du Soin"@fr, "Amis du Soin"@fr',
    '"Les Amis du Soin", "Amis du Soin"',
    '"Les Amis du Soin", "Friends of Care"@en',
], ids=["french and english", "two french", "two plain", "plain and english"])
def test_both_validators_count_display_names_alike(labels):
    graph = materialised(VALID.replace('rdfs:label "DanaeCare"', f"rdfs:label {labels}"))
    assert compiled_report(graph) == pyshacl_report(graph)[1]


def test_every_extracted_node_of_the_register_carries_its_source(corpus):
    _, union = corpus
    register = {s for s in union.subjects() if isinstance(s, URIRef) and "/ptce-registre-yaml/" in str(s)}
    assert register
    assert sorted(str(s) for s in register if union.value(s, PROV.wasDerivedFrom) is None) == []
