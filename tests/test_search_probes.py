"""What a tester's probes of /api/search missed: a prefix of a name's word, acronyms, the names of kinds, amounts
whatever their grouping, and the operators ET/AND, OU/OR, SAUF/NOT.

The shared corpus of tests/test_search_corpus.py, and two more actors: a CCAS named in full, and an association
whose text names the CCAS of Firminy and an EHPAD by their acronyms.
"""

from __future__ import annotations

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from search.analysis import term_set, terms
from search.errors import IndexUnavailable
from search.index_check import check_index
from search.index_layout import current_version, index_root
from search.indexer import build_index
from search.query import search, suggest
from search.reader import SearchIndex
from search.synonyms import expansions
from test_search_corpus import ACTORS_TTL, PREFIXES, THEMES_TTL, iri, make_config, write
from test_search_index import _contents, _current, whoosh_own_index

PROBES_TTL = PREFIXES + """
<actor/ccas> a mai:PublicAuthority ; rdfs:label "Centre communal d'action sociale de Roche-Vernaz" .
<actor/tilleuls> a mai:Association ; rdfs:label "Les Amis des Tilleuls" ;
    dcterms:description "Visites à l'Ehpad des Tilleuls, avec le CCAS de Firminy." .
"""


def build_probes(tmp_path):
    """Ingest the shared corpus and the probes' actors, and build the index; return (store, config)."""
    config = make_config(tmp_path)
    store = open_store(config)
    ingest_paths(store, [write(tmp_path, "themes.ttl", THEMES_TTL), write(tmp_path, "actors.ttl", ACTORS_TTL),
                         write(tmp_path, "probes.ttl", PROBES_TTL)])
    build_index(store, config)
    return store, config


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return SearchIndex.from_config(build_probes(tmp_path_factory.mktemp("probes"))[1])


def found(index, text: str, **options) -> list[str]:
    return [r["iri"] for r in search(index, text, page_size=100, **options)["results"]]


# --- a. a prefix of a name's word ---------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Danae", "Danaé", "danaec"])
def test_the_start_of_a_word_of_a_name_finds_the_name(corpus, query):
    answer = search(corpus, query)
    assert answer["results"][0]["iri"] == iri("actor/ptce") and not answer["fuzzy"]


def test_a_whole_word_of_a_name_ranks_before_a_name_it_only_starts(corpus):
    assert found(corpus, "Veilleurs")[0] == iri("actor/veilleurs")


def test_three_letters_do_not_match_as_the_start_of_a_word(corpus):
    assert iri("actor/ptce") not in found(corpus, "Dan")


# --- b. acronyms --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["CCAS", "ccas"])
def test_an_acronym_finds_the_name_it_stands_for(corpus, query):
    assert found(corpus, query)[0] == iri("actor/ccas")


def test_a_name_finds_the_text_that_writes_it_as_an_acronym(corpus):
    assert found(corpus, "centre communal d'action sociale", kind="actor") == [iri("actor/ccas"),
                                                                               iri("actor/tilleuls")]


def test_an_acronym_of_four_letters_is_found_whatever_its_case(corpus):
    assert found(corpus, "établissement d'hébergement pour personnes âgées dépendantes", kind="actor") == [
        iri("actor/tilleuls")]


@pytest.mark.parametrize("text, expected", [
    ("Ars-sur-Formans", []), ("ARS Auvergne-Rhône-Alpes", ["agence régionale de santé"]),
    ("Agence régionale de santé", ["ARS"]), ("Centres communaux d'action sociale", ["CCAS"]),
    ("centre communal, action sociale", ["CCAS"]), ("action sociale du centre communal", []),
])
def test_an_acronym_is_found_in_capitals_and_an_expansion_in_its_words_order(text, expected):
    assert expansions([text], term_set([text])) == expected


# --- c. the names of kinds ----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["collectivité", "collectivités", "Collectivite", "public authority"])
def test_the_name_of_an_actor_type_finds_the_actors_of_that_type(corpus, query):
    assert set(found(corpus, query, kind="actor")) == {iri("actor/metropole"), iri("actor/departement"),
                                                       iri("actor/ccas")}


def test_the_name_of_a_kind_finds_the_documents_of_that_kind(corpus):
    assert set(found(corpus, "subventions")) == {iri("grant/g1"), iri("grant/g2")}


# --- d. amounts ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["20000", "20000€", "20 000", "20 000 euros", "20.000 EUR", "20 000,00 €"])
def test_an_amount_is_found_whatever_its_grouping(corpus, query):
    answer = search(corpus, query)
    assert {iri("grant/g1"), iri("actor/veilleurs")} <= {r["iri"] for r in answer["results"]}
    assert not answer["fuzzy"]


def test_an_amount_does_not_find_another_amount(corpus):
    assert iri("grant/g1") not in found(corpus, "2000")


@pytest.mark.parametrize("text", ["20 000", "20\u202f000", "20.000", "20000"])
def test_a_number_is_one_term_whatever_its_grouping(text):
    assert terms(text) == ["20000"]


@pytest.mark.parametrize("text, expected", [("2023 2024", ["2023", "2024"]), ("2024.00240", ["2024", "00240"])])
def test_years_and_deliberation_numbers_are_not_read_as_grouped_numbers(text, expected):
    assert terms(text) == expected


# --- e. operators -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["santé AND mentale", "santé ET mentale"])
def test_and_between_words_finds_what_the_words_alone_find(corpus, query):
    assert found(corpus, query) == found(corpus, "santé mentale") != []


@pytest.mark.parametrize("operator", ["OR", "OU"])
def test_or_finds_what_either_word_finds(corpus, operator):
    either = set(found(corpus, "Veilleurs")) | set(found(corpus, "Pilat"))
    assert set(found(corpus, f"Veilleurs {operator} Pilat")) == either
    assert {iri("actor/veilleurs"), iri("actor/pilat")} <= either


@pytest.mark.parametrize("operator", ["NOT", "SAUF"])
def test_not_leaves_out_what_holds_the_next_word(corpus, operator):
    assert iri("actor/metropole") in found(corpus, "collectivité")
    assert set(found(corpus, f"collectivité {operator} Métropole", kind="actor")) == {iri("actor/departement"),
                                                                                    iri("actor/ccas")}


@pytest.mark.parametrize("query", ["AND", "and", "OR NOT", "le et ou"])
def test_a_text_of_operators_and_stop_words_finds_nothing(corpus, query):
    assert search(corpus, query)["total"] == 0


def test_english_operators_in_lower_case_are_not_indexed():
    assert terms("Health and care, or not") == terms("Health care")


def test_completion_still_offers_the_name_that_a_word_starts(corpus):
    assert [s["iri"] for s in suggest(corpus, "Danae")] == [iri("actor/ptce")]


# --- the index's format ---------------------------------------------------------------------------------------


def test_the_bulk_writer_indexes_acronyms_amounts_and_kinds_as_whoosh_own_writer_does(tmp_path):
    store, config = build_probes(tmp_path)
    assert _contents(_current(config)) == _contents(whoosh_own_index(store, tmp_path / "reference"))


def test_an_index_built_before_acronyms_amounts_and_kinds_were_indexed_is_refused_and_reported(tmp_path):
    store, config = build_probes(tmp_path)
    root = index_root(config)
    (root / current_version(root) / "FORMAT").write_text("3\n")
    with pytest.raises(IndexUnavailable, match="maillage index"):
        search(SearchIndex.from_config(config), "CCAS")
    assert "format 3" in check_index(store, config).format()
