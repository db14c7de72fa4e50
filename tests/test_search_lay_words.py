"""The words people type, as a « médiatrice en santé » typed them on her phone (user test u25): a name typed in two
words (« danae care »), a question in a full sentence (« qui aide les aidants ? »), a theme's synonym that must not
find what merely shares a stem with another of its names (« ehpad »: « logement autonome »), and words of health
that the French stemmer folds into others (« généraliste »: « général »).

Strategy: the session's demo corpus (``demo_data_template``, ingested and indexed once) is only read; the traps
that it lacks (grants of a department's list) are a few grants of inline Turtle over the web fixture's graph.
"""

from __future__ import annotations

import pytest
from web_fixture import BASE, SEM, client_with

from search import plan, trees
from search.analysis import stem_word, terms
from search.query import search
from search.reader import SearchIndex
from search.syntax import parse

DANAECARE = "https://w3id.org/maillage/id/actor/danaecare"
AIDANTS_DU_GIER = "https://w3id.org/maillage/id/actor/rna-w423000001"
MSP_PILAT = "https://w3id.org/maillage/id/actor/maison-sante-pluriprofessionnelle-pilat-fictive"
PTCE = "https://w3id.org/maillage/id/actor/ptce-sante-danaecare"
THEME = "https://w3id.org/maillage/ontology/theme/"

YOUTH_HOUSING = BASE + "grant/cllaj"
GENERAL_COUNCILLORS = BASE + "grant/conseillers-generaux"
ELDERLY_AUTONOMY = BASE + "grant/autonomie-personnes-agees"
GRANTS_TTL = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{BASE}actor/cllaj> a mai:Actor ; rdfs:label "COMITE LOCAL LOGEMENT AUTONOME DES JEUNES" .
<{BASE}actor/amicale> a mai:Actor ; rdfs:label "ASSOCIATION AMICALE CONSEILLERS GENERAUX" .
<{BASE}actor/ccas> a mai:Actor ; rdfs:label "CCAS AMIENS" .
<{YOUTH_HOUSING}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{BASE}actor/cllaj> ;
    schema:amount "140283"^^xsd:decimal ;
    dcterms:description "Comité Local pour le Logement Autonome des Jeunes - La Rochelle (CLLAJ) - 2018" .
<{GENERAL_COUNCILLORS}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{BASE}actor/amicale> ;
    schema:amount "65000"^^xsd:decimal ; dcterms:description "Fonctionnement de l'amicale - 2017" .
<{ELDERLY_AUTONOMY}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{BASE}actor/ccas> ;
    schema:amount "30000"^^xsd:decimal ; dcterms:description "Ateliers pour l'autonomie à la maison" .
"""


@pytest.fixture(scope="module")
def demo_index(demo_data_template):
    return SearchIndex.from_config({"data_dir": str(demo_data_template)})


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("lay"), GRANTS_TTL, "lay.ttl", indexed=True) as client:
        yield client


def ranked(index, text: str) -> list[str]:
    """The IRIs of every result, best first (the demo corpus holds fewer than 100 documents)."""
    return [result["iri"] for result in search(index, text, page_size=100)["results"]]


def found(client, query: str) -> list[str]:
    response = client.get("/api/search", query_string={"q": query, "page_size": 100})
    assert response.status_code == 200, response.get_json()
    return [result["iri"] for result in response.get_json()["results"]]


# A name typed in two words


@pytest.mark.parametrize("query", ["danae care", "Danae Care", "DANAE CARE"])
def test_a_name_written_as_one_word_is_found_first_by_its_two_parts_typed_apart(demo_index, query):
    assert ranked(demo_index, query)[:1] == [DANAECARE]


def test_the_words_typed_apart_are_highlighted_as_the_name_written_as_one(demo_index):
    [first] = search(demo_index, "danae care", page_size=1)["results"]
    assert "<mark>DanaeCare</mark>" in first["snippet"]


def test_a_quoted_phrase_of_the_two_words_still_asks_for_them_side_by_side(demo_index):
    assert DANAECARE not in ranked(demo_index, '"danae care"')


def test_two_words_are_joined_only_where_the_index_holds_the_word_they_make(demo_index):
    view = demo_index.view()
    searched = {text for _, text in trees.leaves(plan.parsed_query(view, parse("santé mentale danae care")).tree)}
    assert "danaecare" in searched and not {"santementale", "mentaledanae", "santementale*"} & searched


# Stop words


@pytest.mark.parametrize("word", ["les", "LES", "cette", "quels", "dont"])
def test_the_plural_article_and_other_function_words_are_stop_words(word):
    assert stem_word(word) is None


def test_the_index_and_the_query_leave_out_the_same_words(demo_index):
    assert terms("Les Aidants du Gier") == terms("aidants Gier") and demo_index.view().bits("name", "le") == 0


@pytest.mark.parametrize("query", ["qui aide les aidants ?", "aide les aidants", "les aidants du Gier"])
def test_a_question_typed_whole_finds_the_caregivers_association_first(demo_index, query):
    assert ranked(demo_index, query)[:1] == [AIDANTS_DU_GIER]


def test_les_aidants_finds_what_aidants_finds(demo_index):
    assert ranked(demo_index, "les aidants") == ranked(demo_index, "aidants")


def test_a_query_of_the_article_alone_finds_nothing_as_any_stop_word(demo_index):
    assert ranked(demo_index, "les") == [] == ranked(demo_index, "le")


def test_a_name_that_holds_stop_words_is_found_first_by_its_full_name(demo_index):
    assert ranked(demo_index, "Association Les Aidants du Gier")[:1] == [AIDANTS_DU_GIER]


# A theme's other names, when the query names it by another


@pytest.mark.parametrize("query", ["ehpad", "maintien à domicile", "maintien a domicile"])
def test_a_synonym_of_the_theme_asked_does_not_find_a_word_of_its_stem_only(client, query):
    results = found(client, query)
    assert THEME + "perte-d-autonomie" in results and YOUTH_HOUSING not in results
    assert BASE + "actor/cllaj" not in results


def test_a_one_word_synonym_of_the_theme_asked_finds_a_text_that_writes_it(client):
    assert ELDERLY_AUTONOMY in found(client, "ehpad")


def test_the_word_typed_still_finds_every_word_of_its_stem(client):
    assert YOUTH_HOUSING in found(client, "autonomie")


# Words of health that the stemmer folds into others


@pytest.mark.parametrize(("word", "other"), [("généralistes", "générale"), ("généraliste", "généraux"),
                                             ("relation", "relatifs"), ("usagers", "usage")])
def test_a_health_word_has_a_stem_apart_from_a_word_of_another_sense(word, other):
    assert stem_word(word) != stem_word(other)


@pytest.mark.parametrize(("word", "other"), [("médecin", "médecine"), ("soignant", "soignés"),
                                             ("généraliste", "généralistes"), ("usagère", "usagers")])
def test_words_of_one_sense_keep_one_stem(word, other):
    assert stem_word(word) == stem_word(other)


def test_generaliste_does_not_find_the_general_councillors(client):
    assert GENERAL_COUNCILLORS not in found(client, "generaliste")


def test_a_gp_names_the_primary_care_theme_and_finds_the_health_centre(demo_index):
    results = ranked(demo_index, "medecin generaliste")
    assert results[:2] == [THEME + "soins-de-premier-recours", MSP_PILAT]


def test_relation_does_not_find_a_text_that_says_relatifs_only(demo_index):
    assert PTCE not in ranked(demo_index, "relation") and DANAECARE in ranked(demo_index, "relation")


@pytest.mark.parametrize("query", ["ado", "ados", "maison des ados"])
def test_the_short_word_for_teenagers_names_the_youth_health_theme(demo_index, query):
    assert ranked(demo_index, query)[:1] == [THEME + "sante-des-jeunes"]
