"""JSON-LD keys that JSON-LD makes no property of, whose values the engine drops without a word: a key that no
context defines (without ``@vocab``), a key of the form of a keyword that is none (``@Id``), a blank node key
(``_:p``) are warned at the first one's line with how many values they lose and what to write; a key that is an IRI
with a character no IRI holds is refused with its line, as Turtle refuses such an IRI; a document all of whose
statements are lost is refused saying why. A remote context, which could define any key, leaves the keys alone:
the document is refused for that context, as before. And the searches that find a document's distinct keys find
every key that ``json`` reads."""

from __future__ import annotations

import json

import pytest

from graph.ingest.base import InputError
from graph.ingest.rdf_json_keys import lost_keys
from graph.ingest.rdf_json_tokens import _split_keys, document_keys
from ingesting import ingest_text

A = "http://ex.org/a"
P = "http://ex.org/p"


def ingested(tmp_path, text: str):
    """The error of ``text`` ingested as JSON-LD, its warnings (line, message), and the predicates stored."""
    store, report, error = ingest_text(tmp_path, "noeuds.jsonld", text)
    warnings = [(issue.line, issue.message) for issue in report.issues if issue.level == "warning"] if report else []
    stored = {str(row[0]) for row in store.query("SELECT DISTINCT ?p WHERE { GRAPH ?g { ?s ?p ?o } "
                                                 "FILTER(STRSTARTS(STR(?p), 'http://ex.org/')) }")}
    return error, warnings, stored


def test_keys_that_no_context_defines_are_warned_at_the_first_with_the_values_they_lose(tmp_path):
    error, warnings, stored = ingested(tmp_path, '{"@id": "' + A + '",\n "' + P + '": "kept",\n "name": "A",\n'
                                                 ' "title": ["B", "C"], "name ": null}\n')
    assert error is None
    assert warnings == [(3, "clés « name », « title » sans définition : ni des termes d'un « @context », ni des IRI, "
                            "ni des mots-clés ; JSON-LD les ignore avec leurs valeurs (3 valeurs non importées) ; "
                            "définissez-les dans le « @context » (« \"name\": \"http://…\" », ou « \"@vocab\": "
                            "\"http://…\" » pour toutes les clés), ou écrivez leur IRI complète")]
    assert stored == {P}


@pytest.mark.parametrize("key, said", [
    ("@Id", "clé « @Id » : de la forme d'un mot-clé, mais aucun mot-clé de JSON-LD, qui l'ignore avec sa valeur "
            "(1 valeur non importée) ; écrivez « @id »"),
    ("@label", "clé « @label » : de la forme d'un mot-clé, mais aucun mot-clé de JSON-LD, qui l'ignore avec sa valeur "
               "(1 valeur non importée) ; retirez le « @ » et définissez la clé dans le « @context », ou écrivez une "
               "IRI"),
    ("_:p", "clé « _:p » : un nœud anonyme, que RDF n'admet pas comme prédicat ; JSON-LD l'ignore avec sa valeur "
            "(1 valeur non importée) ; écrivez une IRI, ou un terme défini dans le « @context »"),
])
def test_a_key_shaped_as_a_keyword_or_a_blank_node_is_warned_with_what_to_write(tmp_path, key, said):
    error, warnings, stored = ingested(tmp_path, '{"@id": "' + A + '", "' + P + '": "kept",\n "' + key + '": "x"}')
    assert error is None and warnings == [(2, said)] and stored == {P}


@pytest.mark.parametrize("text, line, said", [
    ('{"@id": "' + A + '",\n "' + P + '": "x",\n "http://ex.org/a b": "y"}', 3,
     "(« http://ex.org/a b », clé d'une propriété : une espace) ; JSON-LD ignore ses valeurs (1 clé ainsi) ; "
     "encodez-le en %20"),
    # a compact IRI, a key against @vocab, with the @id values that are no IRI
    ('{"@context": {"@vocab": "http://ex.org/", "ex": "http://ex.org/"},\n "@id": "' + A + '",\n'
     ' "ex:a|b": "x", "p": {"@id": "http://ex.org/o p"},\n "date de création": "2024"}', 3,
     "(« ex:a|b », clé d'une propriété : « | ») ; JSON-LD ignore ses valeurs (1 valeur de @id ou @type et 2 clés "
     "ainsi, lignes 3, 4) ; encodez-le en %7C"),
])
def test_a_key_that_is_an_iri_with_a_character_no_iri_holds_is_refused_with_its_line(tmp_path, text, line, said):
    error, _, stored = ingested(tmp_path, text)
    assert isinstance(error, InputError)
    assert (error.issue.line, error.issue.message) == (line, "RDF invalide : caractère interdit dans une IRI (une "
                                                             "adresse entre guillemets : @id, @type, @base, @vocab…) "
                                                             + said)
    assert stored == set()


@pytest.mark.parametrize("text", [
    # terms, a compact IRI, an IRI of any scheme, a term defined as null (left out on purpose), a term with a space
    '{"@context": {"ex": "http://ex.org/", "name": "ex:name", "hidden": null, "my p": "ex:q"}, "@id": "' + A + '",'
    ' "name": "A", "ex:p": "B", "urn:x:p": "C", "hidden": "D", "my p": "E"}',
    '{"@context": {"@vocab": "http://ex.org/"}, "@id": "' + A + '", "p": "A", "address": {"street": "1 rue"}}',
    # maps (their keys are languages, indexes, IRIs), a JSON literal, a nested property, a value object's keys
    '{"@context": {"ex": "http://ex.org/", "p": "ex:p", "l": {"@id": "ex:l", "@container": "@language"},'
    ' "i": {"@id": "ex:i", "@container": "@index"}, "j": {"@id": "ex:j", "@container": ["@id", "@set"]},'
    ' "data": {"@id": "ex:data", "@type": "@json"}, "meta": "@nest"}, "@id": "' + A + '",'
    ' "l": {"fr": "x", "@none": "y"}, "i": {"one": {"p": 1}}, "j": {"http://ex.org/b": {"p": 2}},'
    ' "data": {"any key": [{"k": 1}]}, "meta": {"p": 3}, "ex:v": {"@value": {"k": 1}, "@type": "@json"}}',
    # a term defined in a scoped context only, used outside it: the check takes it as defined
    '{"@context": {"ex": "http://ex.org/", "p": {"@id": "ex:p", "@context": {"q": "ex:q"}}}, "@id": "' + A + '",'
    ' "p": {"q": 1}, "ex:r": 2}',
])
def test_what_json_ld_makes_a_property_of_or_leaves_on_purpose_is_not_warned(text):
    assert lost_keys(text.encode()) == []


@pytest.mark.parametrize("context, said", [
    ('{"name": {"@id": "foo"}}', "clé « name » : le « @context » la définit par « foo », qui n'est pas une IRI ; "
                                 "JSON-LD l'ignore avec ses valeurs (2 valeurs non importées) ; définissez-la par une "
                                 "IRI complète (« \"name\": \"http://…\" »), ou compacte, d'un préfixe défini"),
    ('{"name": "foo"}', "clé « name » : le « @context » la définit par « foo », qui n'est pas une IRI ; JSON-LD "
                        "l'ignore avec ses valeurs (2 valeurs non importées) ; définissez-la par une IRI complète "
                        "(« \"name\": \"http://…\" »), ou compacte, d'un préfixe défini"),
    ('{"name": "_:n", "title": {"@id": "bar"}}', "clés « name », « title » : le « @context » les définit par « _:n », "
                                                 "« bar », qui ne sont pas des IRI ; JSON-LD les ignore avec leurs "
                                                 "valeurs (3 valeurs non importées) ; définissez-les par des IRI "
                                                 "complètes (« \"name\": \"http://…\" »), ou compactes, de "
                                                 "préfixes définis"),
])
def test_a_term_that_its_context_maps_to_no_iri_is_warned_with_the_values_it_loses(tmp_path, context, said):
    title = ', "title": "C"' if '"title"' in context else ""
    error, warnings, stored = ingested(tmp_path, '{"@context": ' + context + ', "@id": "' + A + '", "' + P + '": 1,\n'
                                                 ' "name": ["A", "B"]' + title + '}')
    assert error is None and warnings == [(2, said)] and stored == {P}


@pytest.mark.parametrize("context", [
    '{"@vocab": "http://ex.org/", "name": {"@id": "foo"}}',  # against the vocabulary
    '{"ex": "http://ex.org/", "n": "ex:n", "name": {"@id": "n"}, "title": {"@type": "@id", "@id": "ex:t"}}',  # a term
])
def test_a_term_that_maps_to_an_iri_through_the_vocabulary_or_a_term_is_not_warned(context):
    assert lost_keys(('{"@context": ' + context + ', "@id": "' + A + '", "name": "A", "title": "B"}').encode()) == []


def test_a_key_within_a_dropped_key_s_value_is_counted_with_it(tmp_path):
    _, warnings, _ = ingested(tmp_path, '{"@id": "' + A + '", "' + P + '": 1,\n "address": {"street": "1 rue",'
                                        ' "city": "Lyon"}}')
    assert [(line, message.split(" sans")[0]) for line, message in warnings] == [(2, "clé « address »")]
    assert "(1 valeur non importée)" in warnings[0][1]


@pytest.mark.parametrize("text, said", [
    ('{\n "name": "A",\n "title": "B"}',
     "fichier vide : aucun triplet, car JSON-LD ignore ce qu'il écrit — clés « name », « title » sans définition"),
    ('{"@id": "' + A + '",\n "@Id": "x",\n "' + P + '": {"@value": "x", "@language": "fr FR"}}',
     "fichier vide : aucun triplet, car JSON-LD ignore ce qu'il écrit — clé « @Id » : de la forme d'un mot-clé"),
    ('{"@context": {"name": {"@id": "foo"}}, "@id": "' + A + '",\n "name": "A"}',
     "fichier vide : aucun triplet, car JSON-LD ignore ce qu'il écrit — clé « name » : le « @context » la définit "
     "par « foo »"),
])
def test_a_document_all_of_whose_statements_are_lost_is_refused_saying_why(tmp_path, text, said):
    error, _, _ = ingested(tmp_path, text)
    assert isinstance(error, InputError)
    assert error.issue.line == 2 and error.issue.message.startswith(said)


def test_a_document_lost_to_its_languages_too_says_both(tmp_path):
    error, _, _ = ingested(tmp_path, '{"@id": "' + A + '",\n "@Id": "x",\n "' + P + '": {"@value": "x", '
                                     '"@language": "fr FR"}}')
    assert error.issue.message_en.endswith("; \"@language\": \"fr FR\" in 1 value, not imported: 'fr FR' is not a "
                                           "well-formed language tag (BCP 47: 'fr', 'fr-CA', 'en'…); write 'fr-FR'")


@pytest.mark.parametrize("context, said", [
    ('"https://schema.org"', "RDF invalide : contexte JSON-LD distant « https://schema.org » : Maillage ne charge "
                             "pas de contexte distant"),
    ('["https://ex.org/ctx.jsonld", {"ex": "http://ex.org/"}]', "RDF invalide : contexte JSON-LD distant "
                                                               "« https://ex.org/ctx.jsonld »"),
])
def test_a_remote_context_that_may_define_any_key_leaves_the_keys_alone(tmp_path, context, said):
    """Its terms unknown, no key is told undefined, nor a type no IRI: the document is refused for its context."""
    error, _, _ = ingested(tmp_path, '{"@context": ' + context + ',\n "@id": "' + A + '", "@type": "my type",\n'
                                     ' "name": "A", "date de création": "2024"}')
    assert isinstance(error, InputError)
    assert (error.issue.line, error.issue.message.startswith(said)) == (1, True)


#: Keys that the searches find, beyond the document's first bytes (whose keys are known before): escapes, an empty
#: key, quotes in a key, a space or a line end before its colon, a text that looks like a key's end.
TRICKY = b'{"@id": "a", "k": {"l": "x\\": y", "k": 1}, "\\u00e9": [{"@id": 2}], "": 1, "a \\"b\\"" : 2,\n"c"\n:3}'
#: What comes first: more than the first bytes whose keys are split.
FILLER = b'{"@graph": [' + b", ".join([b'{"n": 1}'] * 40_000)


@pytest.mark.parametrize("data", [
    TRICKY,
    FILLER + b", " + TRICKY + b"]}",
    # more keys than are searched one by one, in the first bytes or after them
    json.dumps({"@graph": [{f"http://ex.org/p{n}": n, "n": {"m": n}} for n in range(300)]}).encode(),
    FILLER + b", " + json.dumps([{f"http://ex.org/p{n}": n} for n in range(300)]).encode() + b"]}",
])
def test_the_searches_find_every_key_that_json_reads(data):
    keys = set()
    json.loads(data, object_pairs_hook=lambda pairs: keys.update(key for key, _ in pairs))
    assert set(document_keys(data).values()) == set(_split_keys(data).values()) == keys
