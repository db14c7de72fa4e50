"""Accents written apart from their letters (Unicode NFD, « Ho\\u0302pital »: macOS tools, some PDFs' text layer)
are read as the composed letters everywhere Maillage reads text: a table's or a deliberation's text is composed
when it is decoded, an RDF file's literals are stored as written, and name keys and the search's analysis read a
decomposed text as its composed form.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import RDFS

from graph.identity_names import fold, name_key, name_variants
from graph.ingest.base import SourceContext
from graph.ingest.delib_reader import extract as extract_deliberation
from graph.ingest.delib_web_text import html_characters
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from search.analysis import FOLDED, FRENCH, folded_names, term_set, whole_name
from search.index_layout import INDEX_FORMAT, current_version, index_root
from search.indexer import build_index, update_index
from search.query import search, snippet
from search.syntax import parse
from grants_workbooks import ingest as ingest_workbook
from test_search_corpus import build_corpus, ingest, iri
from workbooks import SheetSpec, ods, xlsx

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
MAI = "https://w3id.org/maillage/ontology#"
NAME = "Les Amis de l'Hôpital Nord"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def test_the_decomposed_name_is_really_written_apart_from_its_accents():
    assert nfd(NAME) != NAME and "o\u0302" in nfd(NAME)


# --- name keys ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [NAME, "Saint-Étienne Métropole", "Comité de l'Hérault de la Ligue contre le cancer",
                                  "Maison de santé pluriprofessionnelle (MSP) des Côtes", "Crèche « Les Lutins »",
                                  "Département de la Loire", "Association Française des Sclérosés en Plaques"])
def test_a_decomposed_name_has_the_keys_and_variants_of_its_composed_spelling(name):
    assert (fold(nfd(name)), name_key(nfd(name)), name_variants(nfd(name))) == (
        fold(name), name_key(name), name_variants(name))


def test_an_accent_written_apart_is_not_taken_for_punctuation():
    assert name_key(nfd(NAME)) == "amis hopital nord"


# --- tables ---------------------------------------------------------------------------------------------------------

def _store(tmp_path):
    return open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})


def _ingest(store, *paths: Path) -> list:
    said = []
    ingest_paths(store, list(paths), on_report=lambda report, error, _: said.append((report, error)))
    assert [error for _, error in said] == [None] * len(paths)
    return [report for report, _ in said]


def _grants_list(tmp_path, name: str, beneficiary: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(("nomAttribuant;idAttribuant;nomBeneficiaire;objet;montant\n"
                      f"Commune de Roanne;21420187300012;{beneficiary};Accueil des familles à l'hôpital;3000\n")
                     .encode(encoding))
    return path


def _register(tmp_path, member: str) -> Path:
    path = tmp_path / "registre.yaml"
    path.write_text(f"format: maillage-register/1\nptce:\n  name: PTCE santé du Roannais\nmembers:\n"
                    f"  - name: \"{member}\"\n    kind: association\n    circle: coeur\n    joined: 2024-05-16\n",
                    encoding="utf-8")
    return path


def _actors_named(store) -> list[tuple[str, str]]:
    """(actor, label) of every actor named NAME, composed or not."""
    rows = store.query(f"PREFIX mai: <{MAI}> SELECT DISTINCT ?a ?l WHERE {{ ?a a mai:Actor ; <{RDFS}label> ?l }} "
                       "ORDER BY ?a ?l")
    return [(str(a), str(label)) for a, label in rows if unicodedata.normalize("NFC", str(label)) == NAME]


@pytest.mark.parametrize("second", ["grants list", "register"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_association_named_decomposed_in_a_grants_list_and_composed_elsewhere_is_one_actor(tmp_path, second,
                                                                                              encoding):
    store = _store(tmp_path)
    decomposed = _grants_list(tmp_path, "roanne-nfd.csv", nfd(NAME), encoding)
    composed = _grants_list(tmp_path, "roanne.csv", NAME) if second == "grants list" else _register(tmp_path, NAME)
    _ingest(store, decomposed, composed)
    [(_, label)] = _actors_named(store)
    assert label == NAME


@pytest.mark.parametrize("workbook", [xlsx, ods])
def test_a_workbooks_decomposed_cell_is_read_composed(workbook):
    data = workbook(SheetSpec("Subventions", [["nomAttribuant", "idAttribuant", "nomBeneficiaire", "montant"],
                                              ["Commune de Roanne", "21420187300012", nfd(NAME), 3000]]))
    ex, _ = ingest_workbook(data, "subventions." + workbook.__name__)
    assert NAME in [str(o) for o in ex.graph.objects(None, RDFS.label)]


def test_a_register_naming_a_member_decomposed_joins_the_grants_lists_composed_beneficiary(tmp_path):
    store = _store(tmp_path)
    _ingest(store, _grants_list(tmp_path, "roanne.csv", NAME), _register(tmp_path, nfd(NAME)))
    [(_, label)] = _actors_named(store)
    assert label == NAME


def test_a_grants_lists_decomposed_text_is_stored_composed(tmp_path):
    store = _store(tmp_path)
    _ingest(store, _grants_list(tmp_path, "roanne-nfd.csv", nfd(NAME)))
    texts = [str(o) for _, _, o in store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isLiteral(?o)) }")]
    assert NAME in texts and "Accueil des familles à l'hôpital" in texts
    assert all(is_nfc(text) for text in texts)


# --- deliberations --------------------------------------------------------------------------------------------------

DELIBERATION = EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"


def _extracted(text: str, name: str = "deliberation.txt"):
    return extract_deliberation(SourceContext(Path(name), text.encode("utf-8")))


def test_a_decomposed_deliberation_gives_the_graph_and_text_of_its_composed_twin():
    """Every fact alike, the evidence's offsets included: the text is composed before anything reads it."""
    text = DELIBERATION.read_text(encoding="utf-8")
    composed, decomposed = _extracted(text), _extracted(nfd(text))
    assert nfd(text) != text
    assert decomposed.text == composed.text and is_nfc(decomposed.text)
    assert set(decomposed.graph) == set(composed.graph)
    assert all(is_nfc(str(o)) for _, _, o in decomposed.graph if isinstance(o, Literal))


def test_a_decomposed_deliberation_names_its_beneficiary_composed_with_its_grant(tmp_path):
    text = re.sub("(?i)danaecare", "Amis de l'Hôpital Nord", DELIBERATION.read_text(encoding="utf-8"))
    store = _store(tmp_path)
    (tmp_path / "delib.txt").write_text(nfd(text), encoding="utf-8")
    _ingest(store, tmp_path / "delib.txt")
    rows = store.query(f"PREFIX mai: <{MAI}> PREFIX schema: <http://schema.org/> SELECT ?l ?amount WHERE {{ "
                       f"?g a mai:Grant ; mai:beneficiary ?a ; schema:amount ?amount . "
                       f"?a mai:nameKey 'amis hopital nord' ; <{RDFS}label> ?l }}")
    assert [(str(label), str(amount)) for label, amount in rows] == [("Amis de l'Hôpital Nord", "20000")]


def test_an_html_reference_to_a_combining_accent_is_composed_with_its_letter():
    assert html_characters("l&rsquo;Ho&#x302;pital Nord") == "l’Hôpital Nord"


# --- RDF files ------------------------------------------------------------------------------------------------------

def test_an_rdf_files_decomposed_label_is_stored_as_written_and_keyed_as_its_composed_spelling(tmp_path):
    """Its actor is the grants list's namesake: the file is warned of it under the composed name's key."""
    store = _store(tmp_path)
    turtle = tmp_path / "carto.ttl"
    turtle.write_text(f'<https://carto.example/amis> a <{MAI}Association> ; <{RDFS}label> "{nfd(NAME)}" .\n',
                      encoding="utf-8")
    _, report = _ingest(store, _grants_list(tmp_path, "roanne.csv", NAME), turtle)
    [label] = [str(o) for o, in store.query(f"SELECT ?l WHERE {{ <https://carto.example/amis> <{RDFS}label> ?l }}")]
    assert label == nfd(NAME)
    [issue] = [issue for issue in report.issues if issue.message_en.startswith("actor <https://carto.example/amis>")]
    assert "same name (key 'amis hopital nord')" in issue.message_en


@pytest.mark.parametrize("written", [nfd, str])
def test_a_grants_list_naming_composed_an_rdf_files_actor_labelled_decomposed_joins_it(tmp_path, written):
    """The RDF file first: its actor has no name key, and is found by its label as written, in either form."""
    store = _store(tmp_path)
    turtle = tmp_path / "carto.ttl"
    turtle.write_text(f'<https://carto.example/amis> a <{MAI}Association> ; <{RDFS}label> "{written(NAME)}" .\n',
                      encoding="utf-8")
    _ingest(store, turtle, _grants_list(tmp_path, "roanne.csv", NAME))
    assert [actor for actor, _ in _actors_named(store)] == ["https://carto.example/amis"]


def test_an_rdf_file_in_utf_16_keeps_its_decomposed_literal_as_written(tmp_path):
    store = _store(tmp_path)
    turtle = tmp_path / "carto.ttl"
    turtle.write_bytes(f'<https://carto.example/amis> <{RDFS}label> "{nfd(NAME)}" .\n'.encode("utf-16"))
    _ingest(store, turtle)
    assert [str(o) for o, in store.query("SELECT ?l WHERE { <https://carto.example/amis> ?p ?l }")] == [nfd(NAME)]


# --- search ---------------------------------------------------------------------------------------------------------

TEXTS = [NAME, "Saint-Étienne, médico-social, télé-médecine", "L'hôpital d'aujourd'hui, jusqu'à l'EHPAD",
         "Sté des infirmières de Sainte-Hélène", "Crèche « Les Lutins » : 20 000 € à Évian", "Forêt, fenêtre, Noël, ça"]


@pytest.mark.parametrize("text", TEXTS)
def test_the_bulk_writer_and_whooshs_analyzer_read_a_decomposed_text_as_its_composed_form(text):
    assert nfd(text) != text
    assert term_set([nfd(text)]) == term_set([text]) == {t.text for t in FRENCH(nfd(text))}
    assert term_set([nfd(text)], folded=True) == term_set([text], folded=True) == {t.text for t in FOLDED(nfd(text))}
    assert folded_names([nfd(text)]) == folded_names([text]) and whole_name(nfd(text)) == whole_name(text)


@pytest.mark.parametrize("text", TEXTS)
def test_a_decomposed_query_asks_for_the_words_of_its_composed_form(text):
    """Its words, and a hyphenated word's joined form (« Saint-E\u0301tienne » is also « saintetienne »)."""
    assert parse(nfd(text)) == parse(text)


def test_a_snippet_marks_a_decomposed_word_whole():
    assert snippet({"text": nfd("Accueil à l'Hôpital Nord")}, {"hopital"}) == nfd("Accueil à l'<mark>Hôpital</mark> "
                                                                                   "Nord")


def _decomposed_actor(tmp_path, how: str) -> Path:
    """A file naming NAME decomposed: a grants list (composed when read), or Turtle (stored as written)."""
    if how == "grants list":
        return _grants_list(tmp_path, "roanne-nfd.csv", nfd(NAME))
    turtle = tmp_path / "carto.ttl"
    turtle.write_text(f'<{iri("actor/amis")}> a <{MAI}Association> ; <{RDFS}label> "{nfd(NAME)}" .\n', encoding="utf-8")
    return turtle


def _found(index, text: str) -> list[str]:
    found = search(index, text, kind="actor", page_size=100)["results"]
    return [unicodedata.normalize("NFC", r["label"]) for r in found]


@pytest.mark.parametrize("how", ["grants list", "turtle"])
@pytest.mark.parametrize("rebuilt", [False, True], ids=["after an ingest", "after a rebuild"])
def test_an_actor_named_decomposed_is_found_by_hopital_with_or_without_its_accent(tmp_path, how, rebuilt):
    store, config, index = build_corpus(tmp_path)
    ingest(store, config, _decomposed_actor(tmp_path, how))
    if rebuilt:
        build_index(store, config)
    for query in ("hopital", "hôpital", nfd("hôpital"), "amis hopital nord"):
        assert NAME in _found(index, query), query
    assert _found(index, "amis hôpital nord")[0] == NAME  # its whole name, before the texts that mention it


def test_an_index_of_format_8_is_rebuilt_by_the_next_update(tmp_path):
    """Format 8 read « Ho\\u0302pital » as two words: such an index is rebuilt, not updated in place."""
    store, config, _ = build_corpus(tmp_path)
    root = index_root(config)
    (root / current_version(root) / "FORMAT").write_text("8\n")
    assert int(INDEX_FORMAT) > 8
    assert update_index(store, config, {iri("actor/pilat")}).rebuilt is not None
