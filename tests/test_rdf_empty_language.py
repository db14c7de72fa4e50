"""An RDF/XML file with ``xml:lang=""`` (RDF 1.1 XML Syntax, section 2.7: no language), which Oxigraph's parser
refuses: imported with those texts as plain literals, the rest as the engine reads it; and an RDF/XML error of the
engine given its line."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.ingest.base import InputError
from graph.ingest.rdf import without_empty_languages
from ingesting import ingest_text

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:skos="http://www.w3.org/2004/02/skos/core#"{root}>\n'
        '  <skos:Concept rdf:about="http://purl.org/essglobal/standard/themes/T12">\n')
TAIL = "  </skos:Concept>\n</rdf:RDF>\n"
#: ESSGlobal's style: a label in no language among labels in some.
ESSGLOBAL = HEAD.format(root="") + (
    '    <skos:prefLabel xml:lang="fr">Justice sociale et insertion</skos:prefLabel>\n'
    '    <skos:prefLabel xml:lang="">Justice sociale</skos:prefLabel>\n'
    "    <skos:prefLabel xml:lang=''>Justice</skos:prefLabel>\n"
    '    <skos:prefLabel xml:lang="en">Social justice</skos:prefLabel>\n') + TAIL
T12 = "http://purl.org/essglobal/standard/themes/T12"
PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


def ingested(tmp_path, name: str, text: str):
    store, report, error = ingest_text(tmp_path, name, text)
    return store, (report, error)


def test_an_empty_xml_lang_is_read_as_no_language_and_said_once(tmp_path):
    store, (report, error) = ingested(tmp_path, "themes.rdf", ESSGLOBAL)
    assert error is None
    labels = {(str(row[0]), row[0].language) for row in store.query(
        f"SELECT ?l WHERE {{ GRAPH ?g {{ <{T12}> <{PREF_LABEL}> ?l }} }}")}
    assert labels == {("Justice sociale et insertion", "fr"), ("Justice sociale", None), ("Justice", None),
                      ("Social justice", "en")}
    [info] = [issue for issue in report.issues if issue.level == "Info"]
    assert (info.line, info.message) == (5, 'xml:lang="" (RDF/XML : aucune langue) sur 2 éléments : textes '
                                            "enregistrés sans langue")


def test_the_blanked_file_is_the_engine_s_reading_of_the_rest_line_for_line():
    data = ESSGLOBAL.replace('xml:lang=""', 'xml:lang=""\n   ').encode()
    blanked, lines = without_empty_languages(data)
    assert lines == [5, 7]
    assert len(blanked) == len(data) and blanked.count(b"\n") == data.count(b"\n")
    assert b'xml:lang=""' not in blanked and b"xml:lang=''" not in blanked
    assert len(list(ox.parse(blanked, ox.RdfFormat.RDF_XML))) == 5


def test_an_empty_xml_lang_in_an_xml_literal_or_a_text_is_left_as_written():
    text = (HEAD.format(root="") + '    <skos:note rdf:parseType="Literal"><b xml:lang="">x</b></skos:note>\n'
            '    <skos:note>écrire xml:lang="" pour aucune langue</skos:note>\n' + TAIL).encode()
    assert without_empty_languages(text) == (text, [])


def test_an_empty_xml_lang_under_a_language_is_refused_with_its_line():
    text = HEAD.format(root=' xml:lang="fr"') + '    <skos:prefLabel xml:lang="">Justice</skos:prefLabel>\n' + TAIL
    with pytest.raises(InputError) as raised:
        without_empty_languages(text.encode())
    assert raised.value.issue.line == 4
    assert "« fr »" in str(raised.value)


@pytest.mark.parametrize("written, line", [
    ('<skos:prefLabel xml:lang="a b">x</skos:prefLabel>', 5),  # a language tag
    ('<skos:broader rdf:resource="http://ex.org/a b"/>', 5),  # an IRI
])
def test_an_rdf_xml_error_of_the_engine_names_its_line(tmp_path, written, line):
    text = HEAD.format(root="") + '    <skos:prefLabel>x</skos:prefLabel>\n    ' + written + "\n" + TAIL
    _, (_, error) = ingested(tmp_path, "themes.rdf", text)
    assert isinstance(error, InputError)
    assert error.issue.line == line
