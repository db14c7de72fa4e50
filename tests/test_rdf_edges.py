"""Edges of the RDF kind found by a sweep: a JSON-LD prefix defined through a prefix that no context defines, a key
written twice in one JSON object, the engine's errors that reached the user in English only, and characters that
XML forbids in an RDF/XML document (Turtle and N-Triples allow any character in a literal)."""

from __future__ import annotations

import pytest

from ingesting import ingest_text

A = "http://ex.org/a"
RDF_XML = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/">\n'
           '  <ex:A rdf:about="http://ex.org/a">\n'
           "    {}\n  </ex:A>\n</rdf:RDF>\n")


def warned(tmp_path, name: str, text: str, word: str):
    """The warnings (line, French message) of ``text`` ingested as ``name`` whose message holds ``word``, and the
    values stored for the subject ``A`` and the property ``ex:p``."""
    store, report, error = ingest_text(tmp_path, name, text)
    assert error is None
    stored = {str(row[0]) for row in store.query(f"SELECT ?o WHERE {{ GRAPH ?g {{ <{A}> <http://ex.org/p> ?o }} }}")}
    return [(issue.line, issue.message) for issue in report.issues if word in issue.message], stored


def refused(tmp_path, name: str, text: str):
    """The error's line and French message of ``text``, which the ingest refuses."""
    _, _, error = ingest_text(tmp_path, name, text)
    assert error is not None
    return error.issue.line, error.issue.message


# A prefix defined through an undefined prefix

def test_a_json_ld_prefix_defined_through_an_undefined_prefix_is_warned_at_its_definition(tmp_path):
    said, stored = warned(tmp_path, "a.jsonld", '{"@context": {"p": "http://ex.org/p",\n "ex": "undeclared:base/"},\n'
                                                ' "@id": "' + A + '",\n "p": {"@id": "ex:b"}}', "préfixe")
    assert said == [(2, "préfixe « ex » : le « @context » le définit par « undeclared:base/ », écrit avec le préfixe "
                        "« undeclared », qu'aucun « @context » ne définit ; JSON-LD lit donc les IRI compactes "
                        "« ex:… » (dès la ligne 4) comme des IRI complètes, de schéma « undeclared: » ; définissez "
                        "« undeclared » dans le « @context », ou « ex » par une IRI complète : « \"ex\": "
                        "\"http://…/\" »")]
    assert stored == {"undeclared:base/b"}  # the spec's reading, kept


@pytest.mark.parametrize("context", [
    '{"base": "http://ex.org/", "ex": "base:sub/"}',  # through a prefix that a context defines
    '{"ex": "urn:x:"}',  # a scheme that IRIs write without //
    '{"ex": "http:ex/"}',
])
def test_a_json_ld_prefix_defined_through_a_defined_prefix_or_a_scheme_is_not_warned(tmp_path, context):
    said, _ = warned(tmp_path, "a.jsonld", '{"@context": ' + context + ',\n "@id": "' + A + '",\n'
                                           ' "http://ex.org/p": {"@id": "ex:b"}}', "préfixe")
    assert said == []


def test_a_json_ld_vocabulary_written_with_an_undefined_prefix_is_warned_at_its_line(tmp_path):
    said, _ = warned(tmp_path, "a.jsonld", '{"@context": {"p": "http://ex.org/p",\n "@vocab": "undeclared:base/"},\n'
                                           ' "@id": "' + A + '", "name": "x"}', "@vocab")
    assert said == [(2, "« @vocab » : le « @context » le définit par « undeclared:base/ », écrit avec le préfixe "
                        "« undeclared », qu'aucun « @context » ne définit ; JSON-LD lit donc les clés et les types "
                        "qu'il définit (« undeclared:base/… ») comme des IRI complètes, de schéma « undeclared: » ; "
                        "définissez « undeclared » dans le « @context », ou écrivez l'IRI complète du vocabulaire : "
                        "« \"@vocab\": \"http://…/\" »")]


# A key twice in one object

def test_a_json_key_twice_in_one_object_is_warned_at_its_second_line(tmp_path):
    said, stored = warned(tmp_path, "a.jsonld", '{"@id": "' + A + '",\n "http://ex.org/p": "A",\n'
                                                ' "http://ex.org/p": "B"}', "deux fois")
    assert said == [(3, "clé « http://ex.org/p » deux fois dans un même objet (lignes 2 et 3) : JSON n'admet qu'une "
                        "valeur par clé, et la plupart des lecteurs JSON ne gardent que la dernière, sans un mot ; "
                        "écrivez ses valeurs en tableau (« \"http://ex.org/p\": [ … ] ») ou gardez-en une")]
    assert stored == {"A", "B"}  # what the engine makes of it, kept


def test_a_key_repeated_in_several_objects_is_warned_once_at_the_first(tmp_path):
    node = '{"@id": "http://ex.org/%s",\n "http://ex.org/p": "A", "http://ex.org/p": "B"}'
    said, _ = warned(tmp_path, "a.jsonld", "[" + ",\n".join(node % n for n in "abc") + "]", "deux fois")
    assert [(line, message.split(" :")[0]) for line, message in said] == [
        (2, "clé « http://ex.org/p » deux fois dans un même objet (ligne 2), et dans 2 autres objets")]


def test_a_term_defined_twice_in_one_context_is_warned_at_its_second_definition(tmp_path):
    said, stored = warned(tmp_path, "a.jsonld", '{"@context": {"p": "http://ex.org/q",\n "p": "http://ex.org/p"},\n'
                                                ' "@id": "' + A + '", "p": "A"}', "deux fois")
    assert said == [(2, "terme « p » défini deux fois dans un même « @context » (lignes 1 et 2) : JSON n'admet qu'une "
                        "valeur par clé ; JSON-LD garde la dernière définition, sans un mot ; gardez-en une")]
    assert stored == {"A"}


@pytest.mark.parametrize("text, line, key", [
    ('{"@id": "' + A + '",\n "@type": "http://ex.org/T",\n "@type": "http://ex.org/U"}', 3, "@type"),
    ('{"@id": "' + A + '",\n "http://ex.org/p": {"@id": "http://ex.org/b",\n "http://ex.org/q": 1,\n'
     ' "http://ex.org/q": 2}}', 4, "http://ex.org/q"),
    ('{"@id": "' + A + '",\n "http://ex.org/p": "A", "http://ex.org/\\u0070": "B"}', 2, "http://ex.org/p"),  # escaped
])
def test_a_keyword_or_a_key_of_a_nested_object_or_escaped_twice_is_warned(tmp_path, text, line, key):
    said, _ = warned(tmp_path, "a.jsonld", text, "deux fois")
    assert [(at, message.split(" (")[0]) for at, message in said] == [
        (line, f"clé « {key} » deux fois dans un même objet")]


def test_the_same_key_in_two_objects_is_no_repetition(tmp_path):
    said, stored = warned(tmp_path, "a.jsonld", '{"@id": "' + A + '", "http://ex.org/p": {"http://ex.org/p": 1},\n'
                                                ' "http://ex.org/q": [{"http://ex.org/p": 2}, {"http://ex.org/p": 3}]}',
                          "deux fois")
    assert said == []


# The engine's errors in French

@pytest.mark.parametrize("name, text, line, said", [
    ("a.ttl", "@prefix ex: <http://ex.org/> .\nex:a ex:p ex:b .\n}\n", 3,
     "« } » ne peut pas commencer une instruction"),
    ("a.ttl", "@prefix ex: <http://ex.org/> .\nex:a ex:p .\n", 2, "« . » ne peut pas être l'objet d'un triplet"),
    ("a.ttl", '@prefix ex: <http://ex.org/> .\nex:a ex:p "x"^^"y" .\n', 2,
     "« ^^ » est suivi du type de données, une IRI (<…> ou xsd:…), pas de « \"y\" »"),
    ("a.ttl", '@prefix ex: <http://ex.org/> .\nex:a ex:p "x"@fr-- .\n', 2, "étiquette de langue mal écrite"),
    ("a.ttl", '@prefix ex: <http://ex.org/> .\nex:a ex:p "a\\u00zzb" .\n', 2, "séquence « \\u00zz » invalide"),
    ("a.ttl", "@prefix ex: <http://ex.org/> .\nex:a ex:p ex:b% .\n", 2, "« % » dans une IRI est suivi de deux"),
    ("a.ttl", "@prefix ex <http://ex.org/> .\nex:a ex:p ex:b .\n", 1, "@prefix est suivi d'un préfixe"),
    ("a.ttl", "@prefix ex: <http://ex.org/> .\nex:a ex:p ex:b . §\n", 2, "caractère « § » inattendu"),
    ("a.trig", "@prefix ex: <http://ex.org/> .\nex:g { ex:a ex:p ex:b . } }\n", 2,
     "« } » ne peut pas commencer une instruction"),
    ("a.nt", f"<{A}> <http://ex.org/p> <http://ex.org/b>\n", 2, "un « . » doit finir l'instruction"),
    ("a.nt", f"<a> <http://ex.org/p> <{A}> .\n", 1, "IRI sans schéma"),
    ("a.nq", f'<{A}> <http://ex.org/p> <{A}> "g" .\n', 1, "le sujet d'un triplet (et le graphe d'un quadruplet)"),
    ("a.rdf", RDF_XML.format("<ex:p>&foo;</ex:p>"), 4, "entité « &foo; » inconnue"),
    ("a.rdf", RDF_XML.format('<ex:p xml:lang="fr--">x</ex:p>'), 4, "étiquette de langue « fr-- » mal écrite"),
    ("a.rdf", RDF_XML.format("<p>x</p>"), 4, "élément ou attribut sans préfixe"),
    ("a.rdf", RDF_XML.format('<ex:p rdf:resource="http://ex.org/b">x</ex:p>'), 4, "texte « x » inattendu"),
    ("a.rdf", RDF_XML.format('<ex:p rdf:nodeID="b" rdf:resource="http://ex.org/b"/>'), 4,
     "rdf:resource et rdf:nodeID sur un même élément"),
    ("a.rdf", RDF_XML.format("<!-- x"), 4, "commentaire « <!-- » jamais fermé"),
    ("a.jsonld", '{"@id": "' + A + '",\n "http://ex.org/p": ["x" "y"]}', 2, "une virgule manque entre deux éléments"),
    ("a.jsonld", '{"@id": "' + A + '",\n "http://ex.org/p": "a\\qb"}', 2, "séquence d'échappement « \\q » inconnue"),
    ("a.jsonld", '{"@id": "' + A + '", // c\n "http://ex.org/p": "x"}', 1, "caractère « / » inattendu"),
    ("a.jsonld", '{"@id": "' + A + '",\n "http://ex.org/p": tru}', 2, "mot inconnu"),
    ("a.jsonld", '{"@id": "' + A + '"}\n}\n', 2, "texte après la fin du document JSON"),
    ("a.jsonld", '{"@id": "' + A + '",\n "http://ex.org/p" "x"}', 2, "une clé d'objet est un texte entre guillemets"),
])
def test_an_engine_error_is_told_in_french_at_its_line(tmp_path, name, text, line, said):
    at, message = refused(tmp_path, name, text)
    assert (at, message[:len("RDF invalide : ") + len(said)]) == (line, f"RDF invalide : {said}")
    assert message.endswith(")")  # the engine's own text after ours


# Characters that XML forbids

@pytest.mark.parametrize("written, column, said", [
    ("a\x00b", 12, "U+0000 (nul)"),
    ("a\x08b", 12, "U+0008"),
    ("a\ufffeb", 12, "U+FFFE"),
    ("é&#0;", 12, "la référence « &#0; », U+0000 (nul)"),  # columns in characters, not bytes
    ("a&#x1F;", 12, "la référence « &#x1F; », U+001F"),
    ("a&#55296;", 12, "la référence « &#55296; », U+D800"),
])
def test_a_character_that_xml_forbids_refuses_an_rdf_xml_file_at_its_line_and_column(tmp_path, written, column,
                                                                                      said):
    assert refused(tmp_path, "a.rdf", RDF_XML.format(f"<ex:p>{written}</ex:p>")) == (
        4, f"caractère interdit en XML à la ligne 4, colonne {column} : {said} ; XML 1.0 n'admet aucun caractère de "
           "contrôle hormis la tabulation et les fins de ligne, ni U+FFFE, U+FFFF : retirez-le (ou remplacez-le par "
           "une espace)")


def test_an_attribute_value_with_a_nul_is_refused_too(tmp_path):
    assert refused(tmp_path, "a.rdf", RDF_XML.format('<ex:p ex:q="a\x00b"/>'))[0] == 4


def test_the_characters_that_xml_allows_are_read(tmp_path):
    _, stored = warned(tmp_path, "a.rdf", RDF_XML.format("<ex:p>a&#9;b&#10;&#233;&#xE9;\t&#x10000;</ex:p>"), "-")
    assert stored == {"a\tb\néé\t\U00010000"}


@pytest.mark.parametrize("name, written, value", [
    ("a.ttl", "a\x00b", "a\x00b"), ("a.ttl", "a\\u0000b", "a\x00b"), ("a.nt", "a\x01b", "a\x01b"),
    ("a.nt", "a\\u0000b", "a\x00b"),
])
def test_turtle_and_n_triples_allow_any_character_in_a_literal(tmp_path, name, written, value):
    """Their grammars exclude only the quote, the backslash and line ends from a string."""
    _, stored = warned(tmp_path, name, f'<{A}> <http://ex.org/p> "{written}" .\n', "-")
    assert stored == {value}



@pytest.mark.parametrize("text, line", [
    (f'"a" <http://ex.org/p> <{A}> .\n', 1),
    (f"# a comment\nex:a <http://ex.org/p> <{A}> .\n", 2),
])
def test_an_n_triples_file_whose_only_statement_is_miswritten_is_refused_at_its_line(tmp_path, text, line):
    """Not taken for an empty file (only comments): the first pass finds no line that opens as a statement."""
    at, message = refused(tmp_path, "a.nt", text)
    assert at == line and not message.startswith("fichier vide")


def test_an_n_triples_file_of_comments_only_is_still_said_empty(tmp_path):
    assert refused(tmp_path, "a.nt", "# nothing\n")[1].startswith("fichier vide")
