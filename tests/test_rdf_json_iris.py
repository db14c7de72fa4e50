"""A JSON-LD file whose ``@id`` or ``@type`` value is no IRI (``"http://ex.org/a b"``): JSON-LD drops the node or
the type without a word (the engine follows the spec); a Turtle, N-Triples or RDF/XML file with such an IRI is
refused with its line, and so is a JSON-LD one, naming the IRI, its line and how many such values the file has.
An IRI error that the engine itself raises (of ``@base``, of a value's ``@type``) is placed at the line that writes
it, found by the IRI that its message quotes."""

from __future__ import annotations

import pytest

from graph.ingest.base import InputError
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

SAID = "RDF invalide : caractère interdit dans une IRI (une adresse entre guillemets : @id, @type, @base, @vocab…)"


def ingest(tmp_path, text: str):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    (tmp_path / "acteurs.jsonld").write_text(text, encoding="utf-8")
    said = []
    ingest_paths(store, [tmp_path / "acteurs.jsonld"], on_report=lambda report, error, _: said.append(error))
    [error] = said
    stored = {str(row[0]) for row in store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } "
                                                 "FILTER(STRSTARTS(STR(?s), 'http://ex.org/')) }")}
    return error, stored


@pytest.mark.parametrize("text, line, said", [
    ('{"@id": "http://ex.org/a",\n "http://ex.org/p": "x"}\n', None, None),
    ('[{"@id": "http://ex.org/a", "http://ex.org/p": "x"},\n {"@id": "http://ex.org/a b",\n  "http://ex.org/p": "y"}]',
     2, "(« http://ex.org/a b » de @id : une espace) ; JSON-LD ignore les triplets qui la nomment "
        "(1 valeur de @id ou @type ainsi) ; encodez-le en %20"),
    ('{"@id": "http://ex.org/a",\n "@type": ["http://ex.org/T", "http://ex.org/My type"],\n'
     ' "http://ex.org/p": {"@id": "http://ex.org/o<1>"}}',
     2, "(« http://ex.org/My type » de @type : une espace) ; JSON-LD ignore les triplets qui la nomment "
        "(2 valeurs de @id ou @type ainsi, lignes 2, 3) ; encodez-le en %20"),
    ('{"@id": "http://ex.org/a%zz",\n "http://ex.org/p": "x"}', 1,
     "(« http://ex.org/a%zz » de @id : « % » sans deux chiffres hexadécimaux) ; JSON-LD ignore les triplets "
     "qui la nomment (1 valeur de @id ou @type ainsi) ; un « % » s'écrit %25"),
])
def test_an_id_or_type_that_is_no_iri_is_refused_with_its_line_and_count(tmp_path, text, line, said):
    error, stored = ingest(tmp_path, text)
    if said is None:
        assert error is None and stored == {"http://ex.org/a"}
        return
    assert isinstance(error, InputError)
    assert (error.issue.line, error.issue.message) == (line, f"{SAID} {said}")
    assert stored == set()


@pytest.mark.parametrize("text", [
    # a term that a context defines, with a space in its name: the term's IRI
    '{"@context": {"my type": "http://ex.org/T"}, "@id": "http://ex.org/a", "@type": "my type"}',
    # a keyword, escapes that decode to an IRI
    '{"@id": "http:\\/\\/ex.org\\/a", "http://ex.org/p": {"@id": "http://ex.org/b", "@type": "@id"}}',
    # a space in a text, not in an IRI
    '{"@id": "http://ex.org/a", "http://ex.org/p": "a b"}',
])
def test_what_is_an_iri_or_a_term_is_read(tmp_path, text):
    error, stored = ingest(tmp_path, text)
    assert error is None
    assert "http://ex.org/a" in stored


@pytest.mark.parametrize("text, line, said", [
    ('{"@context": {\n  "@base": "http://ex.org/a b/"},\n "@id": "x",\n "http://ex.org/p": "x"}', 2,
     f"{SAID} (Invalid @base 'http://ex.org/a b/'"),
    ('{"@id": "http://ex.org/a",\n "http://ex.org/p": {"@value": "1",\n  "@type": "@id"}}', 3,
     "RDF invalide : le « @type » d'une valeur (un objet avec « @value ») est l'IRI de son type de données, pas "
     "« @id » (@type value '@id' must be an IRI"),
])
def test_an_iri_error_of_the_engine_names_the_line_of_the_iri_it_quotes(tmp_path, text, line, said):
    error, stored = ingest(tmp_path, text)
    assert isinstance(error, InputError)
    assert error.issue.line == line
    assert error.issue.message.startswith(said)
    assert stored == set()


@pytest.mark.parametrize("blank, line, said", [
    ("_:a b", 2, "(de @id : une espace)"),
    ("_:a/b", 2, "(de @id : « / »)"),
    ("_:a.", 2, "(de @id : « . » à la fin)"),
    ("_:-a", 2, "(de @id : « - » en tête)"),
])
def test_a_blank_node_identifier_the_engine_does_not_read_is_refused_as_one(tmp_path, blank, line, said):
    """JSON-LD admits any label and would name the node afresh; the engine keeps the label, and drops the node
    when it is none that RDF writes: refused as Turtle refuses it, told as a blank node, not an IRI."""
    error, _ = ingest(tmp_path, '[{"@id": "http://ex.org/a", "http://ex.org/p": "x"},\n {"@id": "' + blank + '",'
                                ' "http://ex.org/p": "y"}]')
    fixed = "_:" + blank[2:].replace(" ", "_").replace("/", "_").replace("-", "_").replace(".", "_")
    assert isinstance(error, InputError)
    assert (error.issue.line, error.issue.message) == (
        line, f"identifiant de nœud anonyme « {blank} » {said} : le moteur ne lit que ceux de lettres, de chiffres, "
              "« _ », « - », « . » et « : », comme Turtle, et ignore les triplets qui le nomment, où la spécification "
              f"JSON-LD l'aurait renommé (1 valeur de @id ou @type ainsi) ; écrivez « {fixed} »")


@pytest.mark.parametrize("blank", ["_:b1", "_:a:b", "_:é", "_:1a", "_:a.b-c"])
def test_a_blank_node_identifier_the_engine_reads_is_read(tmp_path, blank):
    error, stored = ingest(tmp_path, '{"@id": "http://ex.org/a", "http://ex.org/p": {"@id": "' + blank + '",'
                                     ' "http://ex.org/q": "x"}}')
    assert error is None and stored == {"http://ex.org/a"}


@pytest.mark.parametrize("text, line, said", [
    # an alias of @id, of @type (in an array), each in either form
    ('{"@context": {"id": "@id"},\n "id": "http://ex.org/a b",\n "http://ex.org/p": "x"}', 2,
     "(« http://ex.org/a b » de id : une espace) ; JSON-LD ignore les triplets qui la nomment "
     "(1 valeur de @id ou @type ainsi) ; encodez-le en %20"),
    ('{"@context": {"type": {"@id": "@type"}},\n "@id": "http://ex.org/a",\n "type": ["http://ex.org/T",\n'
     ' "http://ex.org/My type"], "http://ex.org/p": "x"}', 4,
     "(« http://ex.org/My type » de type : une espace) ; JSON-LD ignore les triplets qui la nomment "
     "(1 valeur de @id ou @type ainsi) ; encodez-le en %20"),
])
def test_an_alias_of_id_or_type_is_checked_as_the_keyword(tmp_path, text, line, said):
    error, stored = ingest(tmp_path, text)
    assert isinstance(error, InputError)
    assert (error.issue.line, error.issue.message) == (line, f"{SAID} {said}")
    assert stored == set()


@pytest.mark.parametrize("definition, value", [
    ('{"@id": "http://ex.org/k", "@type": "@id"}', '"http://ex.org/b c"'),
    ('{"@id": "http://ex.org/k", "@type": "@vocab"}', '"b c"'),
    ('{"@id": "http://ex.org/k", "@type": "@id", "@container": "@list"}', '["http://ex.org/b", "http://ex.org/b c"]'),
])
def test_a_value_of_a_term_whose_values_are_iris_is_checked_as_an_iri(tmp_path, definition, value):
    error, stored = ingest(tmp_path, '{"@context": {"@vocab": "http://ex.org/", "knows": ' + definition + '},\n'
                                     ' "@id": "http://ex.org/a",\n "knows": ' + value + ', "p": "kept"}')
    assert isinstance(error, InputError)
    assert (error.issue.line, error.issue.message) == (
        3, f"{SAID} (« {value.strip('[]').split(', ')[-1].strip(chr(34))} » de knows : une espace) ; JSON-LD ignore "
           "les triplets qui la nomment (1 valeur d'IRI ainsi) ; encodez-le en %20")
    assert stored == set()


def test_a_term_whose_iri_holds_a_character_no_iri_holds_is_refused_where_it_is_defined(tmp_path):
    error, stored = ingest(tmp_path, '{"@context": {"ex": "http://ex.org/",\n "name": "http://ex.org/my name"},\n'
                                     ' "@id": "http://ex.org/a", "name": "A", "ex:p": "kept"}')
    assert isinstance(error, InputError)
    assert (error.issue.line, error.issue.message) == (
        2, f"{SAID} (« http://ex.org/my name », IRI du terme « name » : une espace) ; JSON-LD ignore ses valeurs "
           "(1 valeur d'IRI ainsi) ; encodez-le en %20")
    assert stored == set()


@pytest.mark.parametrize("text", [
    # aliases, and their definitions; terms whose values are IRIs: a relative one, a term of the vocabulary
    '{"@context": {"@vocab": "http://ex.org/", "id": "@id", "type": "@type", "T": "http://ex.org/T",'
    ' "k": {"@type": "@id"}, "v": {"@type": "@vocab"}}, "id": "http://ex.org/a", "type": ["T", "http://ex.org/U"],'
    ' "k": ["b", "http://ex.org/c"], "v": "T", "p": "a b"}',
    # a term typed @id in one scoped context only: its values elsewhere may be texts
    '{"@context": {"@vocab": "http://ex.org/", "n": {"@context": {"k": {"@type": "@id"}}}, "k": {"@id": '
    '"http://ex.org/k"}}, "@id": "http://ex.org/a", "k": "a text", "n": {"k": "http://ex.org/b"}}',
])
def test_what_aliases_and_terms_make_iris_of_is_read_when_it_is_one(tmp_path, text):
    error, stored = ingest(tmp_path, text)
    assert error is None
    assert "http://ex.org/a" in stored
