"""How the words of a query meet the words of the documents (a health-promotion officer's report): English words
read as English on the English interface (« carers » found camping-car grants through the French stemmer), a word
as typed before the other words of its stem (« soignants » before « soigner »), « aidants » (caregivers) apart
from « aide » (help), which Snowball stems alike, a minus sign that excludes, quotes that
ask for words side by side, and two words found side by side weighing more.

The shipped themes (in every store) and a small register of inline Turtle, as tests/test_search_corpus.py builds
its corpus.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from search.indexer import build_index
from search.query import search
from search.reader import SearchIndex
from search.syntax import parse
from test_search_corpus import PREFIXES, iri, make_config, write
from web_fixture import client_on
from webapp.cli import main

REGISTER_TTL = PREFIXES + """
<actor/gier> a mai:Actor ; rdfs:label "Les Veilleurs du Gier" ; dcterms:subject th:aidants , th:vieillissement ;
    dcterms:description "Soutien et répit pour les proches." .
<actor/admr> a mai:Actor ; rdfs:label "Aide à Domicile en Milieu Rural" .
<actor/services> a mai:Actor ; rdfs:label "Services Domicile Aide Plus" .
<actor/causerie> a mai:Actor ; rdfs:label "Causeries du mardi" ; dcterms:description "Rencontres entre aidants." .
<actor/lieu> a mai:Actor ; rdfs:label "Le Lieu" ; dcterms:description "Une aide pour tous." .
<actor/veille> a mai:Actor ; rdfs:label "Veillées du jeudi" ; dcterms:description "Rencontres entre soignants." .
<actor/atelier> a mai:Actor ; rdfs:label "L'Atelier" ; dcterms:description "Soigner pour tous." .
<actor/psy> a mai:Actor ; rdfs:label "Collectif Parole" ; dcterms:subject th:sante-mentale .
<actor/ouen> a mai:Actor ; rdfs:label "Commune de Saint-Ouen" .
<actor/synapse> a mai:Actor ; rdfs:label "Synapse" .
<actor/residentiel> a mai:Actor ; rdfs:label "Le Résidentiel numérique" .
<actor/chutes> a mai:Actor ; rdfs:label "Atelier équilibre" ; dcterms:description "Prévention des chutes et santé." .
<actor/routiere> a mai:Actor ; rdfs:label "Ligue routière" ; dcterms:description "Prévention routière." .
<grant/camping> a mai:Grant ; mai:beneficiary <actor/ouen> ; schema:amount "54780"^^xsd:decimal ;
    mai:fiscalYear 2017 ; dcterms:description "Création d'une aire de camping-cars" .
<grant/synapse> a mai:Grant ; mai:beneficiary <actor/synapse> ; schema:amount "80000"^^xsd:decimal ;
    mai:fiscalYear 2017 ; dcterms:description "Subvention pour l'accès au numérique des personnes âgées" .
<grant/residentiel> a mai:Grant ; mai:beneficiary <actor/residentiel> ; schema:amount "67730"^^xsd:decimal ;
    mai:fiscalYear 2017 ; dcterms:description "Faciliter l'accès des personnes âgées aux ressources" .
"""

TH = "https://w3id.org/maillage/ontology/theme/"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("words")
    config = make_config(tmp_path)
    store = open_store(config)
    ingest_paths(store, [write(tmp_path, "register.ttl", REGISTER_TTL)])
    build_index(store, config)
    store.close()
    return SearchIndex.from_config(config)


def found(index, text: str, **options) -> list[str]:
    return [r["iri"] for r in search(index, text, page_size=100, **options)["results"]]


def test_an_english_word_on_the_english_interface_does_not_meet_french_words_of_its_french_stem(index):
    carers = found(index, "carers", lang="en")
    assert iri("actor/gier") in carers and TH + "aidants" in carers
    assert iri("grant/camping") not in carers  # « camping-cars »: "carers" and "cars" stem "car" in French


@pytest.mark.parametrize("query, theme", [("elderly", "vieillissement"), ("older people", "vieillissement"),
                                          ("caregivers", "aidants"), ("carers", "aidants"),
                                          ("mental health", "sante-mentale")])
def test_english_words_find_their_theme_and_its_actors_on_the_english_interface(index, query, theme):
    results = found(index, query, lang="en")
    tagged = iri("actor/psy") if theme == "sante-mentale" else iri("actor/gier")
    assert TH + theme in results[:3] and tagged in results[:3]


@pytest.mark.parametrize("query", ["aidants", "santé mentale", "prévention", "personnes âgées", "aide à domicile"])
def test_a_french_query_on_the_english_interface_finds_what_it_finds_in_french(index, query):
    # the same documents; their English texts may order them otherwise
    assert sorted(found(index, query, lang="en")) == sorted(found(index, query))


def test_a_word_as_typed_ranks_before_another_word_of_its_stem(index):
    results = found(index, "soignants")
    # « soignants » and « soigner » share the French stem "soign"; « L'Atelier », shorter, came first on a tie
    assert results.index(iri("actor/veille")) < results.index(iri("actor/atelier"))


@pytest.mark.parametrize("query", ["aidants", "aidant", "Aidantes"])
def test_caregivers_do_not_find_what_says_aide(index, query):
    results = found(index, query)
    assert iri("actor/causerie") in results and iri("actor/lieu") not in results


@pytest.mark.parametrize("query", ["aide", "aider"])
def test_aide_finds_aide_but_not_the_caregivers(index, query):
    results = found(index, query)
    assert iri("actor/lieu") in results and iri("actor/causerie") not in results


@pytest.mark.parametrize("query", ["prévention -santé", "prévention −santé", "-santé prévention"])
def test_a_minus_sign_before_a_word_excludes_it_as_sauf_does(index, query):
    results = found(index, query)
    assert iri("actor/routiere") in results and iri("actor/chutes") not in results
    assert results == found(index, "prévention SAUF santé")


@pytest.mark.parametrize("text", ["camping-cars médico-social", "-250 €"])
def test_a_hyphen_inside_a_word_or_a_numbers_sign_excludes_nothing(text):
    assert [g.excluded for g in parse(text)] == [[]]


@pytest.mark.parametrize("query, expected, left_out", [
    ('"aide à domicile"', "actor/admr", "actor/services"),
    ('"domicile aide"', "actor/services", "actor/admr"),
    ("« aide à domicile »", "actor/admr", "actor/services"),
])
def test_quoted_words_must_stand_side_by_side_in_that_order(index, query, expected, left_out):
    results = found(index, query)
    assert iri(expected) in results and iri(left_out) not in results


def test_a_minus_sign_before_quoted_words_excludes_what_holds_them_side_by_side(index):
    results = found(index, 'domicile -"aide à domicile"')
    assert iri("actor/services") in results and iri("actor/admr") not in results


def test_unquoted_words_find_them_in_any_order(index):
    results = found(index, "domicile aide")
    assert iri("actor/admr") in results and iri("actor/services") in results


def test_words_found_side_by_side_as_typed_rank_first(index):
    # « Le Résidentiel numérique » says « numérique » in its name and « accès » in its purpose: it came first
    assert found(index, "accès au numérique")[0] == iri("grant/synapse")


def test_the_themes_that_the_text_names_are_in_the_language_of_the_request(tmp_path):
    data = str(tmp_path / "data")
    result = CliRunner().invoke(main, ["--data", data, "ingest", str(write(tmp_path, "register.ttl", REGISTER_TTL))])
    assert result.exit_code == 0, result.output
    for client in client_on(data):
        english = client.get("/api/search", query_string={"q": "aidants", "lang": "en"}).get_json()
        french = client.get("/api/search", query_string={"q": "aidants", "lang": "fr"}).get_json()
        assert [t["label"] for t in english["themes"]] == ["Carers"]
        assert [t["label"] for t in french["themes"]] == ["Aidants"]
        carers = client.get("/api/search", query_string={"q": "carers", "lang": "en"}).get_json()
        assert iri("grant/camping") not in [r["iri"] for r in carers["results"]]
