"""An RDF file that does not parse is told in its format's words (an IRI between « < » and « > » is Turtle's; in
RDF/XML it is an attribute's value, in JSON-LD a text between quotes), with its line, whichever reading finds the
error: the first pass, or the engine's load of what the first pass does not read (an N-Triples file's other
lines)."""

from __future__ import annotations

import pytest

from graph.ingest.base import InputError
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

RDF_XML = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
           'xmlns:skos="http://www.w3.org/2004/02/skos/core#">\n'
           '  <skos:Concept rdf:about="http://purl.org/essglobal/standard/themes/T12">\n'
           "    {}\n  </skos:Concept>\n</rdf:RDF>\n")


def refused(tmp_path, name: str, text: str) -> InputError:
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / name).write_text(text, encoding="utf-8")
    said = []
    ingest_paths(store, [tmp_path / name], on_report=lambda report, error, _: said.append(error))
    [error] = said
    assert isinstance(error, InputError)
    return error


@pytest.mark.parametrize("name, text, line, said", [
    ("themes.ttl", '<http://ex.org/a> <http://ex.org/p>\n  <http://ex.org/a b> .\n', 2,
     "caractère interdit dans une IRI (entre « < » et « > »)"),
    ("themes.rdf", RDF_XML.format('<skos:broader rdf:resource="http://ex.org/a b"/>'), 4,
     "caractère interdit dans une IRI (valeur d'un attribut : rdf:about, rdf:resource, rdf:datatype, xml:base, "
     "xmlns…)"),
    ("themes.jsonld", '{"@id": "http://ex.org/a",\n "http://ex.org/p": {"@value": "1", "@type": "http://ex.org/a b"}}',
     2, "caractère interdit dans une IRI (une adresse entre guillemets : @id, @type, @base, @vocab…)"),
])
def test_a_character_not_allowed_in_an_iri_is_placed_in_the_format_s_words(tmp_path, name, text, line, said):
    error = refused(tmp_path, name, text)
    assert error.issue.line == line
    assert error.issue.message.startswith(f"RDF invalide : {said} (")


def test_a_json_ld_file_that_stops_half_way_is_said_to_stop_in_an_object(tmp_path):
    error = refused(tmp_path, "themes.jsonld", '{"@id": "http://ex.org/a",\n "http://ex.org/p": "x')
    assert error.issue.line == 2
    assert error.issue.message.startswith("RDF invalide : le fichier s'arrête au milieu d'un objet (une « } », un "
                                          "« ] » ou un guillemet manque ?) (Parser error")


def test_an_n_triples_error_that_only_the_engine_s_load_reads_names_its_line(tmp_path):
    """The first pass of an N-Triples file reads only the lines it needs (types, identifiers): an error on another
    line is the engine's load's, told as the first pass tells its own."""
    text = ('<http://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex.org/C> .\n' * 3
            + '<http://ex.org/a> <http://ex.org/p> <http://ex.org/a b> .\n')
    error = refused(tmp_path, "themes.nt", text)
    assert error.issue.line == 4
    assert error.issue.message.startswith("RDF invalide : caractère interdit dans une IRI (entre « < » et « > ») (")
