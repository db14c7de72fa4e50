"""A JSON-LD compact IRI whose prefix no context defines (``"schema:name"`` with no ``"schema"`` in a ``@context``):
JSON-LD takes it for a whole IRI of the scheme ``schema:``, and the engine stores ``<schema:name>`` without a word.
The import keeps the spec's reading and warns, once a prefix, at its first use's line, naming the prefix and what
to declare (the namespace of a prefix that Maillage knows); a prefix that a context defines, but that JSON-LD does
not use as one, is told so. A scheme that IRIs write without ``//`` (``urn:``, ``mailto:``) is an IRI."""

from __future__ import annotations

import pytest

from graph.ingest.rdf_json_keys import lost_keys
from ingesting import ingest_text

A = "http://ex.org/a"


def ingested(tmp_path, text: str):
    """The warnings (line, message) of ``text`` ingested as JSON-LD, and the IRIs stored as predicates and objects."""
    store, report, error = ingest_text(tmp_path, "acteurs.jsonld", text)
    assert error is None
    stored = {str(term) for row in store.query(f"SELECT ?p ?o WHERE {{ GRAPH ?g {{ <{A}> ?p ?o }} }}")
              for term in row if not hasattr(term, "language")}
    return [(issue.line, issue.message) for issue in report.issues if "préfixe" in issue.message], stored


def test_a_key_whose_prefix_no_context_defines_is_warned_with_the_namespace_to_declare(tmp_path):
    said, stored = ingested(tmp_path, '{"@id": "' + A + '",\n "http://ex.org/p": "kept",\n'
                                      ' "schema:name": "A", "schema:url": "http://ex.org/",\n "schema:note": null}\n')
    assert said == [(3, "préfixe « schema » défini par aucun « @context » : JSON-LD lit « schema:name », "
                        "« schema:url » comme des IRI complètes, de schéma « schema: », et non dans l'espace de noms "
                        "http://schema.org/ (écrit 2 fois) ; déclarez-le dans le « @context » : "
                        "« \"schema\": \"http://schema.org/\" »")]
    assert {"schema:name", "schema:url"} <= stored  # the spec's reading, kept


@pytest.mark.parametrize("text, line, iri", [
    # a node's type, in an array, and a value's datatype
    ('{"@id": "' + A + '",\n "@type": ["http://ex.org/T", "schema:Organization"]}', 2, "schema:Organization"),
    ('{"@id": "' + A + '",\n "@type": ["schema:Organization", "http://ex.org/T"]}', 2, "schema:Organization"),
    ('{"@id": "' + A + '",\n "http://ex.org/d": {"@value": "2024-01-01", "@type": "xsd:date"}}', 2, "xsd:date"),
    # what a context maps a term to, told where the term is written; a term's datatype, told in the context
    ('{"@context": {"name": "schema:name"},\n "@id": "' + A + '",\n "name": "A"}', 3, "schema:name"),
    ('{"@context": {"d": {"@id": "http://ex.org/d",\n  "@type": "xsd:date"}},\n "@id": "' + A + '", "d": "2024-01-01"}',
     2, "xsd:date"),
    # with @vocab: a key with a colon is an IRI, not a term of the vocabulary
    ('{"@context": {"@vocab": "http://schema.org/"},\n "@id": "' + A + '",\n "schema:name": "A", "url": "u"}', 3,
     "schema:name"),
])
def test_a_key_or_a_type_of_an_undefined_prefix_is_warned_at_its_line(tmp_path, text, line, iri):
    said, stored = ingested(tmp_path, text)
    prefix = iri.partition(":")[0]
    assert [(at, message.split(" :")[0], f"« {iri} »" in message) for at, message in said] == [
        (line, f"préfixe « {prefix} » défini par aucun « @context »", True)]


def test_a_prefix_that_maillage_does_not_know_is_told_to_be_declared(tmp_path):
    said, _ = ingested(tmp_path, '{"@id": "' + A + '",\n "@type": "acme:Partner",\n "acme:rank": 1}')
    assert said == [(2, "préfixe « acme » défini par aucun « @context » : JSON-LD lit « acme:Partner », « acme:rank » "
                        "comme des IRI complètes, de schéma « acme: » (écrit 2 fois) ; déclarez-le dans le "
                        "« @context » : « \"acme\": \"http://…/\" »")]


def test_each_prefix_is_warned_once_at_its_first_use(tmp_path):
    said, _ = ingested(tmp_path, '{"@id": "' + A + '",\n "schema:name": "A",\n "dcterms:title": "T",\n'
                                 ' "schema:url": "u"}')
    assert [(line, message.split(" :")[0]) for line, message in said] == [
        (2, "préfixe « schema » défini par aucun « @context »"),
        (3, "préfixe « dcterms » défini par aucun « @context »")]


@pytest.mark.parametrize("definition, why", [
    ('"http://ex.org/a"', "son IRI « http://ex.org/a » ne finit ni par « / », ni par « # », ni par « : »"),
    ('{"@id": "http://ex.org/", "@prefix": false}', "sa définition dit « \"@prefix\": false »"),
])
def test_a_term_that_json_ld_does_not_use_as_a_prefix_is_told_so(tmp_path, definition, why):
    said, stored = ingested(tmp_path, '{"@context": {"s": ' + definition + '},\n "@id": "' + A + '",\n "s:b": "x"}')
    assert said == [(3, f"préfixe « s » : le « @context » définit « s », mais pas comme un préfixe ({why}) ; JSON-LD "
                        "lit « s:b » comme une IRI complète (écrit 1 fois) ; finissez son IRI par « / » ou « # », ou "
                        "écrivez « \"@prefix\": true » dans sa définition")]
    assert "s:b" in stored


@pytest.mark.parametrize("text", [
    # prefixes that a context defines: plainly, expanded, with @prefix, through a compact IRI
    '{"@context": {"schema": "http://schema.org/", "ex": {"@id": "http://ex.org/"}, "s": {"@id": "http://ex.org/s",'
    ' "@prefix": true}, "sub": "ex:sub/"}, "@id": "' + A + '", "@type": "schema:Thing", "schema:name": "A",'
    ' "ex:p": 1, "s:b": 2, "sub:c": 3}',
    # IRIs of schemes written without //, full IRIs, blank nodes, keywords, a term with a colon that maps to an IRI
    '{"@context": {"a:b": "http://ex.org/ab"}, "@id": "' + A + '", "urn:isbn:p": 1, "mailto:x@ex.org": 2,'
    ' "http://ex.org/p": {"@id": "tag:ex.org,2024:x", "@type": "urn:x:T"}, "a:b": 3,'
    ' "http://ex.org/q": {"@value": "1", "@type": "http://www.w3.org/2001/XMLSchema#integer"}}',
    # a type that is a term, keys within a JSON literal and within a language map
    '{"@context": {"Org": "http://ex.org/Org", "data": {"@id": "http://ex.org/data", "@type": "@json"},'
    ' "l": {"@id": "http://ex.org/l", "@container": "@language"}}, "@id": "' + A + '", "@type": "Org",'
    ' "data": {"schema:name": 1, "@type": "schema:X"}, "l": {"fr": "x"}}',
])
def test_what_is_a_defined_prefix_a_scheme_or_no_iri_is_not_warned(text):
    assert lost_keys(text.encode()) == []
