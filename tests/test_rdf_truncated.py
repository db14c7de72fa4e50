"""An RDF/XML file cut short (its last elements never closed): Oxigraph's parser takes the end of the input for the
end of the document and loads what it read, without a word. The import refuses it as truncated, as it refuses a
table cut short, naming the line where it stops and the elements left open; nothing of it is stored, the version
stored before is kept."""

from __future__ import annotations

import pytest

from graph.ingest.base import InputError
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

WHOLE = ('<?xml version="1.0" encoding="UTF-8"?>\n'
         '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
         '         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
         '  <rdf:Description rdf:about="http://ex.org/a">\n'
         '    <rdfs:label>Association A</rdfs:label>\n'
         '  </rdf:Description>\n'
         '  <rdf:Description rdf:about="http://ex.org/b">\n'
         '    <rdfs:label>Association B</rdfs:label>\n'
         '  </rdf:Description>\n'
         '</rdf:RDF>\n')


def ingest(store, path, text: str):
    path.write_text(text, encoding="utf-8")
    said = []
    ingest_paths(store, [path], on_report=lambda report, error, _: said.append(error))
    [error] = said
    return error


def labels(store) -> set[str]:
    return {str(row[0]) for row in store.query("SELECT ?l WHERE { GRAPH ?g { ?s "
                                               "<http://www.w3.org/2000/01/rdf-schema#label> ?l } "
                                               "FILTER(STRSTARTS(STR(?s), 'http://ex.org/')) }")}


@pytest.mark.parametrize("cut, line, said", [
    ("</rdf:RDF>\n", 9, "sans fermer l'élément « rdf:RDF » (ouvert ligne 2)"),
    ("  </rdf:Description>\n</rdf:RDF>\n", 8,
     "sans fermer l'élément « rdf:Description » (ouvert ligne 7), ni « rdf:RDF » (ligne 2)"),
    ("B</rdfs:label>\n  </rdf:Description>\n</rdf:RDF>\n", 8,
     "sans fermer l'élément « rdfs:label » (ouvert ligne 8), ni « rdf:Description » (ligne 7), ni « rdf:RDF » "
     "(ligne 2)"),
    ("bel>Association B</rdfs:label>\n  </rdf:Description>\n</rdf:RDF>\n", 8,
     "au milieu d'une balise, sans fermer l'élément « rdf:Description » (ouvert ligne 7), ni « rdf:RDF » (ligne 2)"),
])
def test_an_rdf_xml_file_cut_short_is_refused_and_the_version_before_kept(tmp_path, cut, line, said):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    assert ingest(store, tmp_path / "acteurs.rdf", WHOLE) is None
    error = ingest(store, tmp_path / "acteurs.rdf", WHOLE.removesuffix(cut))
    assert isinstance(error, InputError)
    assert error.issue.line == line
    assert error.issue.message == (f"fichier tronqué : il s'arrête à la ligne {line} {said} (téléchargement, copie "
                                   "ou export interrompu, ou fichier encore en cours d'écriture ?) ; rien n'en est "
                                   "importé : importez-le de nouveau une fois écrit en entier")
    assert labels(store) == {"Association A", "Association B"}


def test_a_truncated_rdf_xml_file_stores_nothing(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    error = ingest(store, tmp_path / "acteurs.rdf", WHOLE.removesuffix("</rdf:RDF>\n"))
    assert isinstance(error, InputError)
    assert error.issue.message_en.startswith("truncated file: it stops at line 9 without closing element 'rdf:RDF' "
                                             "(opened at line 2)")
    assert labels(store) == set()


@pytest.mark.parametrize("text", [
    WHOLE + "<!-- exported by a tool -->\n\n",
    WHOLE.replace("</rdf:RDF>", "</rdf:RDF >"),
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/">'
    '<ex:Thing rdf:about="http://ex.org/a"/></rdf:RDF>',
    # a single node element as the document's root, which RDF/XML allows
    '<ex:Thing xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex.org/" '
    'rdf:about="http://ex.org/a">\n<ex:p>x</ex:p>\n</ex:Thing>',
])
def test_a_whole_rdf_xml_file_is_not_taken_for_a_truncated_one(tmp_path, text):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    assert ingest(store, tmp_path / "acteurs.rdf", text) is None
