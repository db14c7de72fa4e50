"""What a sweep of single-character mutations of small RDF files left: the engine's errors still told in English
only (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD), a JSON-LD escape of half a character told as a file that
stops half-way, and RDF/XML names that XML forbids stored as IRIs."""

from __future__ import annotations

import pytest

from ingesting import ingest_text

A = "http://ex.org/a"
TTL = "@prefix ex: <http://ex.org/> .\n"
RDF_XML = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/">\n'
           '  <ex:A rdf:about="http://ex.org/a">\n'
           "    {}\n  </ex:A>\n</rdf:RDF>\n")
JSON = '{{"@context": {{"ex": "http://ex.org/"}},\n "@id": "' + A + '",\n {}}}'


def refused(tmp_path, name: str, text: str):
    """The error's line and French message of ``text``, which the ingest refuses."""
    _, _, error = ingest_text(tmp_path, name, text)
    assert error is not None
    return error.issue.line, error.issue.message


@pytest.mark.parametrize("name, text, line, said", [
    ("a.ttl", TTL + 'ex:a ex:p "x"@en-@ .\n', 2, "signe « + » ou « - » sans chiffres"),
    ("a.ttl", TTL + 'ex:a ex:p "x"@en-GBxxxxxxxxx .\n', 2, "étiquette de langue mal écrite : BCP 47"),
    ("a.ttl", TTL + "ex:a ex:p _: .\n", 2, "« _: » est suivi du nom d'un nœud anonyme"),
    ("a.ttl", TTL + "ex:a ex:p 1.5e .\n", 2, "nombre mal écrit : « e » (l'exposant)"),
    ("a.ttl", "@prefix ex: <http://ex.org/> \nex:a ex:p ex:b .\n", 2, "un « . » manque à la fin"),
    ("a.ttl", TTL + "ex:a ex:p 'y' # .\n", 3, "un « . » manque à la fin"),
    ("a.ttl", "@base .\n", 1, "@base est suivi d'une IRI"),
    ("a.ttl", "@prefix ex. <http://ex.org/> .\n", 1, "@prefix est suivi d'un préfixe"),
    ("a.ttl", TTL + "ex:a ex:p ex:b\\{ .\n", 2, "« \\{ » dans un nom préfixé"),
    ("a.ttl", "@prefix e.: <http://ex.org/> .\n", 1, "préfixe « e. » mal écrit"),
    ("a.ttl", TTL + "ex:a ex:p ex:b .\n<< ex:a ex:p ex:b . >> ex:q ex:c .\n", 3, "« >> » manque pour fermer"),
    ("a.ttl", TTL + '"@en , " ex:p ex:b .\n', 2, "« \"@en , \" » ne peut pas commencer une instruction"),
    ("a.trig", TTL + "ex:g { ex:a ex:p ex:b ex:c }\n", 2, "un « } » manque pour fermer le graphe"),
    ("a.trig", TTL + "ex:g { ex:a ex:p ex:b . }\n. ex:a ex:p ex:b .\n", 3, "« . » ne peut pas commencer"),
    ("a.trig", TTL + "ex:g { prefix ex:p ex:b . }\n", 2, "« prefix » ne peut pas commencer une instruction"),
    ("a.nt", f"<{A}> <http://ex.org/p> .\n", 1, "l'objet d'un triplet est une IRI"),
    ("a.nt", f"<{A}> <http://ex.org/p>\n<http://ex.org/b> .\n", 2, "fin de ligne au milieu d'une instruction"),
    ("a.nt", f"<{A}> <http://ex.org/p> <http://:x.org/b> .\n", 1, "IRI mal formée : caractère « x »"),
    ("a.nq", f'<{A}> <http://ex.org/p> "x" <{A}> . <{A}> <http://ex.org/p> "y" .\n', 1,
     "une seule instruction par ligne"),
    ("a.nq", f'<{A}> <http://ex.org/p> "x"@e1 .\n', 1, "étiquette de langue mal écrite"),
    ("a.rdf", RDF_XML.format("<ex:p ex:q='x\">y</ex:p>"), 4, "balise jamais fermée"),
    ("a.jsonld", JSON.format('"ex:p": [,1]'), 3, "virgule inattendue"),
    ("a.jsonld", JSON.format('"ex:p":: 1'), 3, "« : » inattendu"),
    ("a.rdf", RDF_XML.format("<ex:p>x<ex:q/></ex:p>"), 4, "un élément après un texte dans une propriété"),
    ("a.rdf", RDF_XML.replace('version="1.0"', "version='1.0\""), 1, "valeur d'attribut sans guillemet fermant"),
    ("a.rdf", RDF_XML.format("<ex:p><![CDATA[x</ex:p>"), 4, "section « <![CDATA[ » jamais fermée"),
    ("a.rdf", RDF_XML.format("<ex:p>x&#x;</ex:p>"), 4, "référence de caractère mal écrite"),
    ("a.rdf", RDF_XML.format('<ex:p rdf:nodeID="1"/>'), 4, "« 1 » n'est pas un rdf:nodeID valable"),
    ("a.jsonld", JSON.format('"ex:p": "a\nb"'), 3, "caractère de contrôle \\n dans un texte JSON"),
    ("a.jsonld", JSON.format('"ex:p": 1.e3'), 3, "nombre mal écrit : le « . » décimal"),
    ("a.jsonld", JSON.format('"ex:p": 1e'), 3, "nombre mal écrit : « e » (l'exposant)"),
    ("a.jsonld", JSON.format('"ex:p": -x'), 3, "nombre mal écrit, ou mot sans guillemets : « x »"),
    ("a.jsonld", '{"@context": {"p": {"@id": "http://ex.org/p", "type": "@id"}},\n "@id": "' + A + '"}', 1,
     "clé « type » inconnue dans la définition d'un terme"),
    ("a.jsonld", '{"@context": {"p": {"@type": "@d"}},\n "@id": "' + A + '", "p": "x"}', 1,
     "le « @type » d'un terme du « @context » est @id"),
    ("a.jsonld", '{"@context": {"p": {"@type": "@id"}},\n "@id": "' + A + '", "p": "x"}', 1,
     "le terme « p » du « @context » n'a pas d'IRI"),
    ("a.jsonld", '{"@context": {"@base": "http://[x.org/"},\n "@id": "a", "http://ex.org/p": "x"}', 1,
     "« @base » est une IRI complète"),
])
def test_an_engine_error_left_in_english_is_told_in_french(tmp_path, name, text, line, said):
    at, message = refused(tmp_path, name, text)
    assert message.startswith(f"RDF invalide : {said}"), message
    assert message.endswith(")")  # the engine's own text after ours
    assert at == line


def test_a_quoted_line_end_is_shown_escaped_and_a_long_quote_cut(tmp_path):
    _, message = refused(tmp_path, "a.rdf", RDF_XML.format("x" * 100 + "<ex:p>y</ex:p>"))
    assert message.startswith("RDF invalide : texte « \\n    " + "x" * 54 + "… » inattendu")
    assert "\n" not in message  # nor in the engine's text, which follows in full


# Half a character in a JSON string

@pytest.mark.parametrize("written, escape", [
    ("a\\ud800", "\\ud800"), ("\\udc00b", "\\udc00"), ("a\\ud800\\u0041", "\\ud800"), ("\\ud83d\\ud83d", "\\ud83d"),
])
def test_a_json_ld_escape_of_half_a_character_is_told_at_its_line(tmp_path, written, escape):
    at, message = refused(tmp_path, "a.jsonld", JSON.format('"ex:p": "ok",\n "ex:q": "' + written + '"'))
    assert (at, message.split(" (")[0]) == (
        4, f"RDF invalide : « {escape} » à la ligne 4 écrit la moitié d'un caractère")


@pytest.mark.parametrize("written, value", [("\\ud83d\\ude00", "\U0001F600"), ("\\\\ud800", "\\ud800")])
def test_a_json_ld_pair_of_escapes_or_an_escaped_backslash_is_read(tmp_path, written, value):
    store, _, error = ingest_text(tmp_path, "a.jsonld", JSON.format('"ex:p": "' + written + '"'))
    assert error is None
    assert {str(row[0]) for row in store.query(f"SELECT ?o WHERE {{ GRAPH ?g {{ <{A}> <http://ex.org/p> ?o }} }}")} \
        == {value}


# Names that XML forbids

@pytest.mark.parametrize("written, column, name", [
    ("<ex:1p>x</ex:1p>", 6, "ex:1p"),
    ("<ex:p$q>x</ex:p$q>", 6, "ex:p$q"),
    ('<ex:p ex:-q="x"/>', 11, "ex:-q"),
    ("<ex:p>x</ex:p><é:×/>", 20, "é:×"),
    ("<1ex:p>x</1ex:p>", 6, "1ex:p"),
    ("<ex:œuvre_é×>x</ex:œuvre_é×>", 6, "ex:œuvre_é×"),
])
def test_an_xml_name_that_xml_forbids_refuses_an_rdf_xml_file_at_its_line_and_column(tmp_path, written, column,
                                                                                     name):
    at, message = refused(tmp_path, "a.rdf", RDF_XML.format(written))
    assert (at, message.split(" ;")[0]) == (4, f"nom XML interdit à la ligne 4, colonne {column} : « {name} »")


def test_the_names_that_xml_allows_are_read(tmp_path):
    store, _, error = ingest_text(tmp_path, "a.rdf", RDF_XML.format(
        '<ex:Événement_1 ex:a-b.c="x"/><ex:œuvre_ǅ>z</ex:œuvre_ǅ><ex:_p>y</ex:_p>'
        '<!-- <ex:1p> --><ex:q><![CDATA[<1p>]]></ex:q>'))
    assert error is None
    assert {str(row[0]) for row in store.query("SELECT ?p WHERE { GRAPH ?g { ?s ?p ?o } }")} >= {
        "http://ex.org/Événement_1", "http://ex.org/a-b.c", "http://ex.org/œuvre_ǅ", "http://ex.org/_p",
        "http://ex.org/q"}
