"""What foreign RDF files showed of the validator: a typed value is checked as written, not by its datatype's IRI
alone; a name and its translation are one display name (one per language tag, one untagged); a foaf:name, which
Maillage does not read, is said.

Fixture strategy: the valid sample of tests/test_validation.py with one value changed, in a fresh in-memory
pyoxigraph store (also rdflib's); each Oxigraph answer is taken twice, with the narrowing forced and with every value
read, and the two must agree. The samples are parsed by rdflib with its literals as written, as Oxigraph's parsers
give an ingested file's to the store (rdflib would write "2024-06-01 10:00"^^xsd:dateTime as a valid time). The
command line runs on a temporary data directory.
"""

from __future__ import annotations

import textwrap

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib import URIRef

from graph import shacl_narrowing, validation_hints
from graph.bindings import run_query
from graph.store import open_store
from graph.validation import validate, validate_graphs
from test_validation import PREFIXES, VALID, materialised
from test_validation_speed_paths import both_ways  # noqa: F401  (a fixture: narrowed and direct validation)
from webapp.cli import main

SOURCE = URIRef("https://ex.org/source")
OTHER = URIRef("https://ex.org/other")
XSD = "http://www.w3.org/2001/XMLSchema#"
SOURCE_NODE = ('ex:src a mai:Source ; dcterms:title "f.ttl" ; mai:sha256 "' + "0" * 64 + '" ; '
               'prov:generatedAtTime "2024-06-01T10:00:00Z"^^xsd:dateTime .\n')
SAMPLE = VALID.replace("@prefix ex:", "@prefix prov: <http://www.w3.org/ns/prov#> . @prefix ex:") + SOURCE_NODE


@pytest.fixture(autouse=True)
def as_written(monkeypatch):
    monkeypatch.setattr(rdflib, "NORMALIZE_LITERALS", False)


def oxigraph_query(turtle: str, graphs: dict[URIRef, str] | None = None):
    """A query callable over a fresh pyoxigraph store holding ``turtle`` (types materialised) in SOURCE, and each
    of ``graphs`` (Turtle, after the prefixes) in its own graph."""
    store = ox.Store()
    for name, text in {SOURCE: turtle, **{g: PREFIXES + t for g, t in (graphs or {}).items()}}.items():
        store.load(materialised(text).serialize(format="nt"), ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    return lambda sparql, bindings=None: run_query(store, sparql, bindings)


def memory_query(turtle: str):
    """A query callable over rdflib's store holding ``turtle`` (types materialised) in SOURCE: values as written."""
    store = open_store({"store": "memory"})
    with store.writer() as writer:
        writer.add(SOURCE, materialised(turtle))
        writer.commit()
    return store.query


def test_oxigraph_keeps_an_ill_formed_value_as_written_and_writes_a_valid_one_canonically():
    """What the check relies on: the value read back is the file's, not a repaired or dropped one."""
    store = ox.Store()
    written = [("10/02/2025", "date"), ("2025-13-45", "date"), ("8 000,00", "decimal"), (" 12 ", "integer"),
               ("08000", "integer"), ("1.50", "decimal"), ("1", "boolean")]
    for n, (text, datatype) in enumerate(written):
        store.add(ox.Quad(ox.NamedNode(f"https://ex.org/s{n}"), ox.NamedNode("https://ex.org/p"),
                          ox.Literal(text, datatype=ox.NamedNode(XSD + datatype))))
    read = {(q.object.value, q.object.datatype.value) for q in store}
    assert read == {("10/02/2025", XSD + "date"), ("2025-13-45", XSD + "date"), ("8 000,00", XSD + "decimal"),
                    (" 12 ", XSD + "integer"), ("8000", XSD + "integer"), ("1.5", XSD + "decimal"),
                    ("true", XSD + "boolean")}


#: Each case: the sample with one value ill-formed; the focus node and path that fail; the hint, French and English.
ILL_FORMED = {
    "french date": ('schema:currency "EUR" ;', 'schema:currency "EUR" ; mai:conventionDate "10/02/2025"^^xsd:date ;',
                    "grant", "conventionDate", "10/02/2025",
                    'La valeur n\'est pas un xsd:date valide : écrivez "2025-02-10"^^xsd:date.',
                    'The value is not a valid xsd:date: write "2025-02-10"^^xsd:date.'),
    "no such month": ('schema:currency "EUR" ;', 'schema:currency "EUR" ; mai:conventionDate "2025-13-45"^^xsd:date ;',
                      "grant", "conventionDate", "2025-13-45",
                      "La valeur n'est pas un xsd:date valide.", "The value is not a valid xsd:date."),
    "no such day": ('schema:currency "EUR" ;', 'schema:currency "EUR" ; mai:conventionDate "2025-02-29"^^xsd:date ;',
                    "grant", "conventionDate", "2025-02-29",
                    "La valeur n'est pas un xsd:date valide.", "The value is not a valid xsd:date."),
    "french amount": ('"20000"^^xsd:decimal', '"8 000,00"^^xsd:decimal', "grant", "amount", "8 000,00",
                      "La valeur n'est pas un xsd:decimal valide : écrivez 8000.",
                      "The value is not a valid xsd:decimal: write 8000."),
    "spaced year": ("mai:fiscalYear 2024", 'mai:fiscalYear "2 024"^^xsd:integer', "grant", "fiscalYear", "2 024",
                    "La valeur n'est pas un xsd:integer valide : écrivez 2024.",
                    "The value is not a valid xsd:integer: write 2024."),
    "french boolean": ('rdfs:label "DanaeCare" .', 'rdfs:label "DanaeCare" ; mai:esus "oui"^^xsd:boolean .',
                       "asso", "esus", "oui", "La valeur n'est pas un xsd:boolean valide : écrivez true.",
                       "The value is not a valid xsd:boolean: write true."),
    "time without seconds": ('"2024-06-01T10:00:00Z"^^xsd:dateTime', '"2024-06-01 10:00"^^xsd:dateTime', "src",
                             "generatedAtTime", "2024-06-01 10:00", "La valeur n'est pas un xsd:dateTime valide.",
                             "The value is not a valid xsd:dateTime."),
}


@pytest.mark.parametrize("case", sorted(ILL_FORMED))
def test_an_ill_formed_typed_value_is_a_violation_that_says_what_to_write(both_ways, case):
    before, after, focus, path, value, hint_fr, hint_en = ILL_FORMED[case]
    assert before in SAMPLE
    narrowed, direct = both_ways(oxigraph_query(SAMPLE.replace(before, after)))
    assert narrowed == direct
    [found] = direct  # only the datatype's result: not also « positif ou nul », nor the plausible year
    assert (found.focus, found.path.rsplit("#", 1)[-1].rsplit("/", 1)[-1], found.severity, found.value) == (
        f"https://ex.org/{focus}", path, "Violation", value)
    assert found.message.endswith(f". {hint_fr}") and found.message_en.endswith(f". {hint_en}")


@pytest.mark.parametrize("query", [oxigraph_query, memory_query], ids=["oxigraph", "rdflib"])
def test_a_value_written_otherwise_than_canonically_is_valid(query):
    """rdflib's store keeps these as written, Oxigraph writes them canonically: neither is an ill-formed value."""
    sample = SAMPLE
    for before, after in [('"20000"^^xsd:decimal', '"+020000.50"^^xsd:decimal'),
                          ("mai:fiscalYear 2024", 'mai:fiscalYear "02024"^^xsd:integer'),
                          ('rdfs:label "DanaeCare" .', 'rdfs:label "DanaeCare" ; mai:esus "1"^^xsd:boolean .'),
                          ('"2024-05-16"^^xsd:date', '"2024-02-29Z"^^xsd:date'),
                          ('"2024-06-01T10:00:00Z"', '"2024-06-01T10:00:00.250+02:00"')]:
        assert before in sample
        sample = sample.replace(before, after)
    assert validate(query(sample), SOURCE) == []


@pytest.mark.parametrize(("lexical", "datatype", "ok"), [
    ("2000-02-29", "date", True), ("1900-02-29", "date", False), ("2024-04-31", "date", False),
    ("-0044-03-15", "date", True), ("2024-01-01+14:00", "date", True), ("2024-01-01+15:00", "date", False),
    ("2024-01-01T24:00:00", "dateTime", True), ("2024-01-01T10:00", "dateTime", False),
    (".5", "decimal", True), ("1.", "decimal", True), ("1e3", "decimal", False), ("1e3", "double", True),
    ("INF", "double", True), ("0", "boolean", True), ("True", "boolean", False), ("-7", "integer", True),
    ("anything", "string", True),
])
def test_lexical_forms_are_those_of_xml_schema(lexical, datatype, ok):
    assert validation_hints.well_formed(lexical, XSD + datatype) is ok


def test_every_datatype_checked_as_written_is_one_that_the_narrowing_casts_to():
    """An ill-formed value fails its cast, so the narrowing never drops a node whose value the check refuses."""
    assert set(validation_hints.LEXICAL_FORMS) <= shacl_narrowing._CASTS


def cli(tmp_path, *args: str):
    return CliRunner().invoke(main, ["--data", str(tmp_path / "data"), *args], catch_exceptions=False)


GRANT_FILE = textwrap.dedent("""\
    @prefix mai: <https://w3id.org/maillage/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix schema: <http://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <https://ex.org/funder> a mai:PublicAuthority ; rdfs:label "Métropole" .
    <https://ex.org/asso> a mai:Association ; rdfs:label "DanaeCare" .
    <https://ex.org/grant> a mai:Grant ; schema:funder <https://ex.org/funder> ;
        mai:beneficiary <https://ex.org/asso> ; schema:amount 8000 ; schema:currency "EUR" ;
        mai:conventionDate "DATE"^^xsd:date .
    """)


def test_strict_refuses_an_ill_formed_date_and_validate_reports_it(tmp_path):
    good, bad = tmp_path / "good.ttl", tmp_path / "grants.ttl"
    good.write_text(GRANT_FILE.replace("DATE", "2025-02-10"), encoding="utf-8")
    bad.write_text(GRANT_FILE.replace("DATE", "10/02/2025"), encoding="utf-8")
    assert cli(tmp_path / "ok", "ingest", "--no-index", "--strict", str(good)).exit_code == 0
    refused = cli(tmp_path, "ingest", "--no-index", "--strict", str(bad))
    assert refused.exit_code == 1 and "refusé (--strict)" in refused.output
    assert cli(tmp_path, "ingest", "--no-index", str(bad)).exit_code == 0
    reported = cli(tmp_path, "validate")
    assert reported.exit_code == 1
    assert reported.stdout.splitlines() == [
        "grants.ttl: violation : <https://ex.org/grant> — date de la convention : Une subvention a au plus une date "
        "de convention (mai:conventionDate), de type xsd:date. La valeur n'est pas un xsd:date valide : écrivez "
        '"2025-02-10"^^xsd:date. (valeur 10/02/2025)']


def label_warnings(turtle: str, both_ways) -> set[tuple[str, str | None]]:
    narrowed, direct = both_ways(oxigraph_query(turtle))
    assert narrowed == direct
    return {(v.focus.rsplit("/", 1)[-1], v.value) for v in direct if v.path.endswith("#label")}


@pytest.mark.parametrize(("labels", "warned"), [
    ('"Les Amis du Soin"@fr, "Friends of Care"@en', None),
    ('"Les Amis du Soin"@fr, "Les Amis du Soin"@en, "Amici"@it', None),
    ('"Les Amis du Soin"@fr, "Amis du Soin"@fr, "Friends of Care"@en', "Amis du Soin, Les Amis du Soin"),
    ('"Les Amis du Soin", "Amis du Soin"', "Amis du Soin, Les Amis du Soin"),
    # One untagged name and one per language tag, as SHACL counts them (sh:uniqueLang leaves untagged names aside,
    # and sh:qualifiedMaxCount counts them alone): what pySHACL reports on the shipped shapes, too.
    ('"Les Amis du Soin", "Friends of Care"@en', None),
], ids=["french and english", "three languages", "two french", "two plain", "plain and english"])
@pytest.mark.parametrize("node", ["asso", "p"], ids=["actor", "person"])
def test_a_display_name_is_one_per_language(both_ways, labels, warned, node):
    name = {"asso": 'rdfs:label "DanaeCare"', "p": 'rdfs:label "Sylvie FAYOLLE"'}[node]
    found = label_warnings(SAMPLE.replace(name, f"rdfs:label {labels}"), both_ways)
    assert found == ({(node, warned)} if warned else set())


PERSONS = """
ex:jd a foaf:Person ; foaf:name "Jeanne Dupont" ; foaf:givenName "Jeanne" ; foaf:familyName "Dupont" .
[] a foaf:Person ; foaf:name "Dupont, Jeanne"@de , "Jeanne Dupont"@fr .
ex:nameless a foaf:Person ; foaf:givenName "Jeanne" .
ex:named a foaf:Person ; rdfs:label "Jeanne Dupont" ; foaf:name "Jeanne Dupont" .
"""


def test_a_person_named_by_foaf_name_only_is_told_to_be_given_an_rdfs_label(both_ways):
    """DESIGN.md's contract names a person by rdfs:label, which pages, search and queries read; the ontology aligns
    no other property with it: a foaf:name is not accepted as a name, but said."""
    narrowed, direct = both_ways(oxigraph_query(SAMPLE + PERSONS))
    assert narrowed == direct
    messages = sorted((v.blank, "" if v.blank else v.focus.rsplit("/", 1)[-1], v.message, v.message_en)
                      for v in direct)
    assert messages == [
        (False, "jd", 'Une personne a un nom (rdfs:label). Son foaf:name n\'est pas lu : écrivez aussi rdfs:label '
                      '"Jeanne Dupont".',
         'A person has a name (rdfs:label). Its foaf:name is not read: write rdfs:label "Jeanne Dupont" too.'),
        (False, "nameless", "Une personne a un nom (rdfs:label).", "A person has a name (rdfs:label)."),
        (True, "",
         'Une personne a un nom (rdfs:label). Son foaf:name n\'est pas lu : écrivez aussi rdfs:label '
         '"Jeanne Dupont"@fr.',
         'A person has a name (rdfs:label). Its foaf:name is not read: write rdfs:label "Jeanne Dupont"@fr too.'),
    ]


def test_graphs_validated_together_say_the_unread_foaf_name_too():
    query = oxigraph_query(SAMPLE, {OTHER: "ex:jd a foaf:Person ; foaf:name \"Jeanne Dupont\" ."})
    found = validate_graphs(query, [SOURCE, OTHER])
    assert found[SOURCE] == []
    assert [v.message_en for v in found[OTHER]] == [
        'A person has a name (rdfs:label). Its foaf:name is not read: write rdfs:label "Jeanne Dupont" too.']
