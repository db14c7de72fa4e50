"""What a JSON-LD file writes that the engine would store wrongly, or drop, without a word, and that the import now
warns about at the file's line: a node IRI of a prefix that no context defines (``"@id": "ex:a"`` stored as
``<ex:a>``), a prefix that a context defines by a relative IRI or a blank node identifier (its compact IRIs become
no IRIs), a type after a text that holds a ``]`` in a ``@type`` array, and a language that is not well-formed
written through an alias of ``@language`` (told with the key the file writes). An IRI of a scheme written without
``//`` (``urn:``, ``mailto:``, ``tag:``, ``did:``…) is no compact IRI."""

from __future__ import annotations

import pytest

from graph.ingest.base import InputError
from graph.ingest.rdf_json_keys import lost_keys
from ingesting import ingest_text

A = "http://ex.org/a"
P = "http://ex.org/p"
Q = "http://ex.org/q"


def ingested(tmp_path, text: str):
    """The error of ``text`` ingested as JSON-LD, its warnings about what it writes (line, message), and the IRIs
    and blank nodes stored as subjects and objects of types and of the properties of http://ex.org/, in the file's
    graph (its own description and its ingest report left out)."""
    store, report, error = ingest_text(tmp_path, "noeuds.jsonld", text)
    warnings = [(issue.line, issue.message) for issue in report.issues
                if issue.level == "warning" and issue.line is not None] if report else []
    stored = {str(term) for row in store.query(
        "SELECT ?s ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g = <https://w3id.org/maillage/id/source/noeuds-jsonld> "
        "&& ?s != ?g && !STRSTARTS(STR(?s), 'https://w3id.org/maillage/id/issue/') "
        "&& (STRSTARTS(STR(?p), 'http://ex.org/') "
        "|| ?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>)) }")
              for term in row if not hasattr(term, "datatype")}
    return error, warnings, stored


def test_a_node_iri_of_a_prefix_that_no_context_defines_is_warned_naming_the_value_and_the_prefix(tmp_path):
    error, warnings, stored = ingested(tmp_path, '{"@context": {"p": "' + P + '"},\n "@id": "ex:a",\n "p": 1}')
    assert error is None
    assert warnings == [(2, "préfixe « ex » défini par aucun « @context » : JSON-LD lit « ex:a » comme une IRI "
                            "complète, de schéma « ex: » (écrit 1 fois) ; déclarez-le dans le « @context » : "
                            "« \"ex\": \"http://…/\" »")]
    assert "ex:a" in stored  # the spec's reading, kept


@pytest.mark.parametrize("text, line, iri", [
    # an alias of @id, an object's @id, a value of a term whose values are IRIs, in an array
    ('{"@context": {"id": "@id"},\n "id": "org:1",\n "' + P + '": 1}', 2, "org:1"),
    ('{"@id": "' + A + '",\n "' + P + '": {"@id": "org:2"}}', 2, "org:2"),
    ('{"@context": {"q": {"@id": "' + P + '", "@type": "@id"}},\n "@id": "' + A + '",\n "q": ["http://ex.org/b",'
     ' "org:3"]}', 3, "org:3"),
])
def test_an_iri_value_of_a_prefix_that_no_context_defines_is_warned_at_its_line(tmp_path, text, line, iri):
    _, warnings, stored = ingested(tmp_path, text)
    assert [(at, message.split(" :")[0], f"« {iri} »" in message) for at, message in warnings] == [
        (line, "préfixe « org » défini par aucun « @context »", True)]
    assert iri in stored


@pytest.mark.parametrize("iri", ["http://ex.org/b", "https://ex.org/b", "ftp://ex.org/b", "x-app://b",
                                 "urn:isbn:978-2-07-036822-8", "URN:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
                                 "mailto:contact@ex.org", "tag:ex.org,2024:b", "did:example:123", "_:b1", "b/c",
                                 "#b", "ex:b"])
def test_an_iri_of_a_scheme_a_defined_prefix_or_no_scheme_is_not_warned(iri):
    text = ('{"@context": {"ex": "http://ex.org/", "q": {"@id": "' + P + '", "@type": "@id"}}, "@id": "' + iri
            + '", "q": "' + iri + '", "' + P + '": {"@id": "' + iri + '"}}')
    assert lost_keys(text.encode()) == []


@pytest.mark.parametrize("definition, kind", [
    ('"foo/"', "relative"), ('{"@id": "foo#"}', "relative"), ('"/ns/"', "relative"),
    ('"_:b"', "blank"), ('{"@id": "_:b", "@prefix": true}', "blank"),
])
def test_a_prefix_defined_by_a_relative_iri_or_a_blank_node_is_warned_at_its_definition(tmp_path, definition, kind):
    error, warnings, stored = ingested(tmp_path, '{"@context": {\n  "ex": ' + definition + '},\n "@id": "' + A
                                                 + '",\n "' + P + '": {"@id": "ex:b"}, "ex:p": 1, "' + Q + '": 2}')
    assert error is None
    iri = definition.strip('"') if definition.startswith('"') else definition.split('"')[3]
    what = "une IRI relative" if kind == "relative" else "un identifiant de nœud anonyme"
    [(line, message)] = warnings
    assert line == 2 and message.startswith(f"préfixe « ex » : le « @context » le définit par « {iri} », {what}")
    assert "ex:b" not in stored  # JSON-LD reads ex:b against the prefix it defines, never as <ex:b>


def test_a_relative_prefix_s_warning_says_what_is_lost_and_what_to_write(tmp_path):
    _, warnings, stored = ingested(tmp_path, '{"@context": {\n  "schema": "schema/"},\n "@id": "' + A + '",\n'
                                             ' "@type": "schema:Organization", "' + P + '": 1}')
    assert warnings == [(2, "préfixe « schema » : le « @context » le définit par « schema/ », une IRI relative, que "
                            "JSON-LD ne résout que contre un « @vocab », absent ; les IRI compactes « schema:… » (dès "
                            "la ligne 4) n'en deviennent pas, et JSON-LD ignore les triplets qui les écrivent ; "
                            "définissez-le par une IRI complète : « \"schema\": \"http://schema.org/\" »")]
    assert stored == {A}  # the type is lost


def test_a_blank_prefix_s_warning_says_its_iris_become_blank_nodes():
    [issue] = lost_keys(('{"@context": {"ex": "_:b"},\n "@id": "' + A + '",\n "' + P + '": {"@id": "ex:c"}}').encode())
    assert (issue.line, issue.message_en) == (
        1, "prefix 'ex': the \"@context\" defines it as '_:b', a blank node identifier; compact IRIs 'ex:…' (from "
           "line 3) become blank nodes ('_:b…'), and JSON-LD ignores the keys written so; define it as a full IRI: "
           "\"ex\": \"http://…/\"")


@pytest.mark.parametrize("context", [
    '{"@vocab": "http://ex.org/", "ex": "foo/"}',  # resolved against the vocabulary: http://ex.org/foo/b
    '{"ex": "foo/", "unused": "_:u"}',  # never written as a prefix
])
def test_a_prefix_that_the_vocabulary_resolves_or_that_nothing_uses_is_not_warned(context):
    text = '{"@context": ' + context + ', "@id": "' + A + '", "' + P + '": {"@id": "http://ex.org/b"}}'
    if "@vocab" in context:
        text = text.replace('"http://ex.org/b"', '"ex:b"')
    assert lost_keys(text.encode()) == []


def test_a_document_lost_to_a_relative_prefix_is_refused_saying_so(tmp_path):
    error, _, _ = ingested(tmp_path, '{"@context": {"ex": "foo/"},\n "@id": "ex:a",\n "ex:p": 1}')
    assert isinstance(error, InputError)
    assert error.issue.line == 1
    assert error.issue.message.startswith("fichier vide : aucun triplet, car JSON-LD ignore ce qu'il écrit — préfixe "
                                          "« ex » : le « @context » le définit par « foo/ », une IRI relative")


@pytest.mark.parametrize("types, line", [('["a]b", "ex:T"]', 2), ('["[a],", "ex:T"]', 2),
                                         ('["http://ex.org/U", "a]b",\n  "ex:T"]', 3)])
def test_a_type_after_a_text_that_holds_a_bracket_is_checked_like_any_other(tmp_path, types, line):
    error, warnings, stored = ingested(tmp_path, '{"@id": "' + A + '",\n "@type": ' + types + '}')
    assert error is None
    assert [(at, message.split(" :")[0], "« ex:T »" in message) for at, message in warnings] == [
        (line, "préfixe « ex » défini par aucun « @context »", True)]
    assert "ex:T" in stored


@pytest.mark.parametrize("tag, said", [
    ("en_US", '« "lang": "en_US" » dans 1 valeur, non importée : « en_US » n\'est pas une étiquette de langue bien '
              "formée (BCP 47 : « fr », « fr-CA », « en »…) ; écrivez « en-US »"),
    ("français", '« "lang": "français" » dans 1 valeur, non importée : « français » n\'est pas une étiquette de '
                 "langue bien formée (BCP 47 : « fr », « fr-CA », « en »…) ; corrigez-la, ou retirez « \"lang\" » des "
                 "textes sans langue"),
    ("", '« "lang": "" » dans 1 valeur, non importée : JSON-LD ne lit pas une langue vide comme l\'absence de langue ; '
         'retirez « "lang": "" » des textes sans langue'),
])
def test_a_language_written_through_an_alias_is_told_with_the_key_the_file_writes(tmp_path, tag, said):
    _, warnings, _ = ingested(tmp_path, '{"@context": {"lang": "@language"},\n "@id": "' + A + '",\n "' + P + '": ['
                                        '{"@value": "x", "lang": "fr"},\n  {"@value": "y", "lang": "' + tag + '"}]}')
    assert warnings == [(4, said)]


def test_languages_written_through_the_keyword_and_an_alias_are_told_each_with_its_key(tmp_path):
    _, warnings, _ = ingested(tmp_path, '{"@context": {"lang": "@language"},\n "@id": "' + A + '",\n "' + P + '": ['
                                        '{"@value": "x", "@language": "en_US"},\n  {"@value": "y", "lang": "en_US"},'
                                        ' {"@value": "z", "lang": "fr"}]}')
    assert [message.split(" dans")[0] for _, message in warnings] == [
        '« "@language": "en_US" », « "lang": "en_US" »']
