"""What a coordinator's words missed, found by a tester's probe of the search: feminine forms, hyphenated words
written in one, a theme's synonym beside its name in a text, English labels stemmed as French, typos of numbers,
accented kinds, several themes, "sauf" in small letters, and a whole name ranked below a text that names it.

The shared corpus of tests/test_search_corpus.py, its themes with an English synonym that the French stemmer cuts
short ("Carers"), and actors whose names and texts use those words.
"""

from __future__ import annotations

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from search.analysis import stem_word
from search.errors import SearchError
from search.indexer import build_index
from search.query import search
from search.reader import SearchIndex
from test_search_corpus import ACTORS_TTL, PREFIXES, TH, THEMES_TTL, iri, make_config, write

TEST_AIDANTS = TH + "test-aidants"

WORDS_TTL = PREFIXES + """
th:test-aidants skos:altLabel "Carers"@en .
<actor/soins> a mai:Association ; rdfs:label "Soins infirmiers à domicile du Furan" ;
    dcterms:description "Des infirmiers et des aides-soignants auprès des personnes handicapées." .
<actor/medsoc> a mai:Association ; rdfs:label "Accompagnement médico-social du Gier" ;
    dcterms:description "Télé-consultation et suivi des salariés isolés." .
<actor/tele> a mai:Association ; rdfs:label "Réseau Télémédecine Loire" .
<actor/collectif> a mai:Association ; rdfs:label "Collectif santé mentale de Rozier" .
<actor/car> a mai:Association ; rdfs:label "Transport solidaire en car" .
<agreement/a1> a mai:Agreement ; dcterms:title "Convention entre Saint-Etienne Métropole et les Soins infirmiers" ;
    mai:party <actor/metropole> , <actor/soins> ; mai:signatory "le Président de Saint-Etienne Métropole" .
<grant/g15> a mai:Grant ; schema:funder <actor/departement> ; mai:beneficiary <actor/soins> ;
    schema:amount "15900"^^xsd:decimal ; mai:fiscalYear 2024 .
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("words")
    config = make_config(tmp_path)
    store = open_store(config)
    ingest_paths(store, [write(tmp_path, "themes.ttl", THEMES_TTL), write(tmp_path, "actors.ttl", ACTORS_TTL),
                         write(tmp_path, "words.ttl", WORDS_TTL)])
    build_index(store, config)
    store.close()
    return SearchIndex.from_config(config)


def found(index, text: str, **options) -> list[str]:
    return [r["iri"] for r in search(index, text, page_size=100, **options)["results"]]


@pytest.mark.parametrize("feminine, masculine", [("infirmière", "infirmier"), ("infirmières", "infirmiers"),
                                                 ("handicapées", "handicapé"), ("handicapee", "handicape"),
                                                 ("salariée", "salarié"), ("isolée", "isolé"),
                                                 ("usagère", "usager"), ("aidée", "aidé")])
def test_a_feminine_form_has_the_term_of_its_masculine_with_or_without_accents(feminine, masculine):
    """Snowball stems the accented feminine as the masculine, the folded one not: « infirmière » gave "infirmier"
    where « infirmier » gives "infirmi"."""
    assert stem_word(feminine) == stem_word(masculine)


@pytest.mark.parametrize("query", ["infirmière", "handicapées"])
def test_a_feminine_word_finds_the_masculine_ones_without_typo_tolerance(corpus, query):
    answer = search(corpus, query)
    assert iri("actor/soins") in [r["iri"] for r in answer["results"]] and not answer["fuzzy"]


@pytest.mark.parametrize("query, actor", [("medicosocial", "actor/medsoc"), ("médico-social", "actor/medsoc"),
                                          ("médico social", "actor/medsoc"), ("télé-médecine", "actor/tele"),
                                          ("téléconsultation", "actor/medsoc"), ("aides-soignants", "actor/soins"),
                                          ("aides soignants", "actor/soins")])
def test_a_hyphenated_word_and_its_joined_form_find_each_other(corpus, query, actor):
    assert iri(actor) in found(corpus, query, kind="actor")


def test_a_themes_synonym_finds_a_text_that_says_the_themes_name(corpus):
    """« santé psychique » found what is tagged « santé mentale », not the collective whose name says it."""
    assert iri("actor/collectif") in found(corpus, "santé psychique")
    assert iri("actor/veilleurs") in found(corpus, "santé psychique")  # tagged with a narrower theme, as before


@pytest.mark.parametrize("query", ["car", "Danae Care"])
def test_an_english_label_is_not_stemmed_as_french(corpus, query):
    """"Carers" stemmed as French was "car": "car" and "Danae Care" named the theme of the carers."""
    answer = search(corpus, query)
    assert answer["themes"] == [] and iri("actor/pilat") not in [r["iri"] for r in answer["results"]]
    assert TEST_AIDANTS in [t["iri"] for t in search(corpus, "carers")["themes"]]


@pytest.mark.parametrize("query", ["15 000", "15000", "244200771"])
def test_a_number_gets_no_typo_tolerance(corpus, query):
    """« 15 000 » found the grant of 15 900 €, another SIREN the metropole, through one edit."""
    answer = search(corpus, query)
    assert answer["results"] == [] and not answer["fuzzy"]


@pytest.mark.parametrize("kind", ["collectivité", "Collectivite", "université", "coopération", "délibération",
                                  "Professionnel de santé"])
def test_a_kind_is_taken_with_or_without_its_accents(corpus, kind):
    search(corpus, "", kind=kind)


def test_an_unknown_kind_is_still_refused(corpus):
    with pytest.raises(SearchError, match="type inconnu « gâteau »"):
        search(corpus, "", kind="gâteau")


def test_several_themes_are_alternatives(corpus):
    both = set(found(corpus, "", theme=["santé mentale", "vieillissement"]))
    assert both == set(found(corpus, "", theme="santé mentale")) | set(found(corpus, "", theme="vieillissement"))
    assert iri("actor/veilleurs") in both and iri("actor/repit") in both
    with pytest.raises(SearchError, match="thème inconnu « gâteau »"):
        search(corpus, "", theme=["santé mentale", "gâteau"])


def test_sauf_in_small_letters_is_a_stop_word(corpus):
    """« santé sauf mentale » required the word "sauf", which nothing holds: it found nothing."""
    assert found(corpus, "santé sauf mentale") == found(corpus, "santé mentale") != []


@pytest.mark.parametrize("query, first", [("Saint-Etienne Métropole", "actor/metropole"),
                                          ("saint etienne metropole", "actor/metropole"),
                                          ("Soins infirmiers à domicile du Furan", "actor/soins")])
def test_a_query_that_is_a_whole_name_ranks_that_name_first(corpus, query, first):
    """The agreement that names the Métropole in its title, its parties and its signatory came before it."""
    assert found(corpus, query)[0] == iri(first)


@pytest.mark.parametrize("typed", ["St-Ét", "st etienne", "Saint-Ét", "St"])
def test_completion_reads_an_abbreviation_as_the_search_does(corpus, typed):
    """« St-Ét » completed nothing, where the search finds « Saint-Etienne Métropole » for « St-Étienne »."""
    from search.query import suggest

    assert iri("actor/metropole") in [hit["iri"] for hit in suggest(corpus, typed, 50)]


def test_the_health_of_the_index_counts_its_live_documents(tmp_path):
    """/healthz said 347 documents for an index of 150: the deleted ones counted until a merge."""
    from graph.ingest.removal import remove_sources
    from search.indexer import update_index
    from test_search_corpus import build_corpus

    store, config, _ = build_corpus(tmp_path)
    try:
        update_index(store, config, remove_sources(store, ["actors.ttl"]).touched)
        index = SearchIndex.from_config(config)
        assert index.state()["documents"] == search(index, "")["total"] < index.view().size
    finally:
        store.close()
