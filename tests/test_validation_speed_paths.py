"""The validator's narrowing (its fast path on Oxigraph) reports exactly what reading every value reports.

Fixture strategy: tiny inline TriG in a fresh in-memory pyoxigraph store per test. Each sample is validated twice,
with narrowing forced whatever the class sizes and with it turned off; the two answers must be equal, and the
direct one is what tests/test_validation.py holds to pySHACL's. Edge cases are the values where the engine and
Python could disagree: values from other graphs or the default graph, blank nodes, language tags, numbers of other
datatypes, ill-typed literals, strings with quotes, backslashes and newlines.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from graph import shacl_narrowing, validation, validation_checks
from graph.bindings import run_query
from graph.store import open_store
from graph.validation import compile_shapes, validate
from test_validation import BROKEN, PREFIXES, VALID, materialised

SOURCE = URIRef("https://ex.org/source")
TRIG_PREFIXES = PREFIXES.replace("@prefix", "PREFIX").replace(" .", "")


def oxigraph_query(trig: str):
    """A query callable over a pyoxigraph store loaded with ``trig``."""
    store = ox.Store()
    store.load(TRIG_PREFIXES + trig, ox.RdfFormat.TRIG)
    return lambda sparql, bindings=None: run_query(store, sparql, bindings)


@pytest.fixture
def both_ways(monkeypatch):
    """Validate narrowed (every class, whatever its size) and direct; return both answers."""
    def run(query, graph=SOURCE):
        monkeypatch.setattr(shacl_narrowing, "DIRECT_BELOW", 0)
        monkeypatch.setattr(shacl_narrowing, "VALUES_PER_FOCUS", 10**9)
        narrowed = validate(query, graph)
        monkeypatch.setattr(shacl_narrowing, "VALUES_PER_FOCUS", 0)
        return narrowed, validate(query, graph)

    return run


def in_source(turtle: str) -> str:
    return f"<{SOURCE}> {{ {turtle} }}"


def found(violations) -> set[tuple[str, str, str | None]]:
    return {(v.focus, v.path.rsplit("#", 1)[-1].rsplit("/", 1)[-1], v.value) for v in violations}


@pytest.mark.parametrize("graph", [SOURCE, None], ids=["one graph", "every graph"])
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_narrowing_reports_what_reading_every_value_reports(both_ways, case, graph):
    trig = in_source(materialised(BROKEN[case]).serialize(format="nt"))
    narrowed, direct = both_ways(oxigraph_query(trig), graph)
    assert narrowed and narrowed == direct


def sample(turtle: str = VALID, elsewhere: str = "") -> str:
    """TriG of ``turtle`` (types materialised) in the source graph, and of ``elsewhere`` (TriG) besides."""
    return in_source(materialised(turtle).serialize(format="nt")) + elsewhere


#: Each case differs from the valid sample in one value, so that nothing else makes the grant a suspect.
EDGE_CASES = {
    "a second amount from another graph": sample(elsewhere="<https://ex.org/other> { ex:grant schema:amount 5.0 }"),
    "a second amount in the default graph": sample(elsewhere="ex:grant schema:amount 5.0 ."),
    # maxCount counts distinct values: the same value stated by two graphs is one (narrowing counted rows).
    "the same amount stated by another graph": sample(
        elsewhere='<https://ex.org/other> { ex:grant schema:amount "20000"^^xsd:decimal }'),
    "a funder typed by another graph only": sample(VALID.replace("ex:funder a mai:PublicAuthority ;", "ex:funder"),
                                                   "<https://ex.org/other> { ex:funder a mai:Actor }"),
    "a funder stated by another graph only": sample(VALID.replace("schema:funder ex:funder ;", ""),
                                                    "<https://ex.org/other> { ex:grant schema:funder ex:funder }"),
    # An actor that another source locates: the place's type is read wherever it is stated, as the value is.
    "a location stated and typed by another graph only": sample(
        elsewhere="<https://ex.org/other> { ex:asso schema:location ex:place . ex:place a schema:Place }"),
    "a location stated by another graph, of no class": sample(
        elsewhere="<https://ex.org/other> { ex:asso schema:location ex:nowhere }"),
    "a blank node grant without funder": sample(VALID + "_:g a mai:Grant ; schema:amount 1.0 ; "
                                                        "mai:beneficiary ex:asso ."),
    # A suspect that cannot be named in a query: the check reads it through the narrowing's pattern.
    "a blank node grant with two amounts": sample(VALID + '_:g a mai:Grant ; schema:funder ex:funder ; '
                                                          'mai:beneficiary ex:asso ; schema:amount 1.0 , 2.0 ; '
                                                          'schema:currency "EUR" ; mai:fiscalYear 2024 .'),
    "a siren ending with a newline": sample(VALID.replace('"244200770"', '"244200770\\n"')),
    "a siren with a language tag": sample(VALID.replace('"244200770"', '"244200770"@fr')),
    "an amount written as a double": sample(VALID.replace('"20000"^^xsd:decimal', '"2E4"^^xsd:double')),
    "a fiscal year as a gYear": sample(VALID.replace("mai:fiscalYear 2024", 'mai:fiscalYear "2024"^^xsd:gYear')),
    "an ill-typed fiscal year": sample(VALID.replace("mai:fiscalYear 2024", 'mai:fiscalYear "MMXXIV"^^xsd:integer')),
    "a fiscal year out of range": sample(VALID.replace("mai:fiscalYear 2024", "mai:fiscalYear 1789")),
    "a share just above one": sample(VALID + 'ex:grant mai:shareOf "1.0000000000000000000001"^^xsd:decimal .'),
    "a currency with a language tag": sample(VALID.replace('schema:currency "EUR"', 'schema:currency "EUR"@en')),
    "a theme given as text": sample(VALID + 'ex:asso dcterms:subject "santé" .'),
    "a label given as an IRI": sample(VALID + "ex:asso rdfs:label ex:name ."),
    "an organ that is no organisational unit": sample(VALID + "ex:organ org:unitOf ex:funder ."),
}


def test_the_edge_cases_differ_from_a_sample_without_violation(both_ways):
    assert both_ways(oxigraph_query(sample())) == ([], [])


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_narrowing_agrees_on_values_where_engine_and_python_could_differ(both_ways, case):
    narrowed, direct = both_ways(oxigraph_query(EDGE_CASES[case]))
    assert narrowed == direct


def test_values_outside_the_graph_are_checked_too(both_ways):
    narrowed, _ = both_ways(oxigraph_query(EDGE_CASES["a second amount in the default graph"]))
    assert ("https://ex.org/grant", "amount", "20000, 5") in found(narrowed)


def test_suspects_named_a_few_at_a_time_are_reported_as_at_once(both_ways, monkeypatch):
    """The narrowing's suspects are picked once, then named in the check's queries, IRIS_PER_QUERY at a time."""
    grants = "".join(f'ex:grant{n} a mai:Grant ; schema:funder ex:funder ; mai:beneficiary ex:asso ; '
                     f'schema:amount {n}.0 , {n + 1}.0 ; schema:currency "EUR" ; mai:fiscalYear 2024 .\n'
                     for n in range(5))
    query = oxigraph_query(sample(VALID + grants))
    monkeypatch.setattr(validation_checks, "IRIS_PER_QUERY", 2)
    narrowed, direct = both_ways(query)
    assert narrowed == direct
    assert {focus for focus, path, _ in found(narrowed) if path == "amount"} == {f"https://ex.org/grant{n}"
                                                                                 for n in range(5)}


def test_the_class_of_a_value_from_another_graph_is_read_over_every_graph(both_ways):
    """A file's actor that another source locates (or funds) is checked with the types that any source states:
    the value comes from the union of the graphs, and so does its class."""
    for case in ("a location stated and typed by another graph only", "a funder stated by another graph only"):
        assert both_ways(oxigraph_query(EDGE_CASES[case])) == ([], []), case
    narrowed, direct = both_ways(oxigraph_query(EDGE_CASES["a location stated by another graph, of no class"]))
    assert found(narrowed) == found(direct) == {("https://ex.org/asso", "location", "https://ex.org/nowhere")}


def test_a_required_value_missing_is_reported_with_its_focus_node(both_ways):
    narrowed, direct = both_ways(oxigraph_query(sample(VALID.replace("mai:beneficiary ex:asso ;", ""))))
    assert found(narrowed) == found(direct) == {("https://ex.org/grant", "beneficiary", None)}


CUSTOM_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://ex.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:S sh:targetClass ex:C ; sh:property
    [ sh:path ex:quoted ; sh:pattern "^say \\"hi\\"\\\\.$" ] ,
    [ sh:path ex:choice ; sh:in ( "a \\"b\\"\\nc" "x"@fr ex:y 2 ) ] ,
    [ sh:path ex:fixed ; sh:hasValue "on" ] ,
    [ sh:path ex:pair ; sh:minCount 2 ] ,
    [ sh:path [ sh:inversePath ex:partOf ] ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] .
# Patterns that Python and Oxigraph read differently: every value goes to Python.
ex:T sh:targetClass ex:D ; sh:property
    [ sh:path ex:digits ; sh:pattern "^\\\\d+$" ] , [ sh:path ex:word ; sh:pattern "^\\\\w+$" ] .
"""
#: One valid node, and one node per constraint breaking that constraint only.
VALID_NODE = ('a ex:C , ex:D ; ex:quoted "say \\"hi\\"." ; ex:digits "42" ; ex:word "été" ; '
              'ex:choice "a \\"b\\"\\nc" , "x"@fr , ex:y , 2 ; ex:fixed "on" ; ex:pair 1 , 2 .')
BREAKS = {
    "quoted": ('ex:quoted "say \\"hi\\"."', 'ex:quoted "say hi."'),
    "digits": ('ex:digits "42"', 'ex:digits "4 2"'),
    # Python's \w refuses a combining accent, Oxigraph's takes it: only Python may judge this pattern.
    "word": ('ex:word "été"', 'ex:word "e\u0301te\u0301"'),
    "choice": ('"x"@fr', '"x"@en'),
    "fixed": ('ex:fixed "on"', 'ex:fixed "off"'),
    "pair": ("ex:pair 1 , 2", "ex:pair 1"),
}
CUSTOM_DATA = "ex:valid " + VALID_NODE + "".join(
    f" ex:{name} " + VALID_NODE.replace(*change) for name, change in BREAKS.items()
) + " ex:whole " + VALID_NODE + " ex:part ex:partOf ex:valid , ex:whole . _:b ex:partOf ex:whole ."


def test_narrowing_quotes_patterns_and_listed_values_as_python_reads_them(both_ways, monkeypatch):
    shapes = tuple(compile_shapes(Graph().parse(data=CUSTOM_SHAPES, format="turtle")))
    monkeypatch.setattr(validation, "compiled_shapes", lambda: shapes)
    narrowed, direct = both_ways(oxigraph_query(in_source(CUSTOM_DATA)))
    assert narrowed == direct
    assert {(focus, path) for focus, path, _ in found(narrowed)} == {
        *((f"https://ex.org/{name}", name) for name in BREAKS), ("https://ex.org/whole", "partOf")}


def many_grants(count: int, broken: set[int]) -> str:
    """``count`` grants of one funder and beneficiary; those in ``broken`` have a negative amount."""
    grants = "".join(f"ex:g{i} a mai:Grant ; schema:funder ex:funder ; mai:beneficiary ex:asso ; "
                     f"schema:amount {'-1' if i in broken else '10'}.0 .\n" for i in range(count))
    return VALID + grants


def test_a_class_large_enough_is_narrowed_by_default_and_reports_the_same(monkeypatch):
    turtle = many_grants(shacl_narrowing.DIRECT_BELOW + 50, broken={3, 70})
    query = oxigraph_query(in_source(materialised(turtle).serialize(format="nt")))
    narrowed = validate(query, SOURCE)
    monkeypatch.setattr(shacl_narrowing, "VALUES_PER_FOCUS", 0)
    assert narrowed == validate(query, SOURCE)
    assert {f for f, path, _ in found(narrowed) if path == "amount"} == {"https://ex.org/g3", "https://ex.org/g70"}


def test_every_backend_reports_the_same_violations(any_store):
    sample = materialised(BROKEN["two amounts"] + "ex:other a mai:Association .")
    with any_store.writer() as writer:
        writer.replace_graph(SOURCE, sample)
        reported = validate(writer.query, SOURCE)
    expected = validate(oxigraph_query(in_source(sample.serialize(format="nt"))), SOURCE)
    assert reported == expected
    assert {path for _, path, _ in found(reported)} == {"amount", "label"}


def test_results_say_when_oxigraph_answered(tmp_path):
    oxigraph = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    assert oxigraph.query("ASK {}").engine == "oxigraph"
    assert open_store({"store": "memory"}).query("ASK {}").engine is None
