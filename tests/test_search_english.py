"""What an English-speaking user types, found as the French is (a blind user's report): a circle's English name
(« Funders circle »), an amount written the English way ("€20,000"), a grant's nature and a deliberation's outcome in
English or French ("operating grant", « fonctionnement », "adopted").

The shared corpus of tests/test_search_corpus.py, with members in the shipped circles, grants of the shipped natures
and deliberations of the shipped outcomes (the vocabulary is in every store).
"""

from __future__ import annotations

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from search.analysis import terms
from search.indexer import build_index
from search.query import search
from search.reader import SearchIndex
from test_search_corpus import ACTORS_TTL, PREFIXES, THEMES_TTL, ingest, iri, make_config, write

ENGLISH_TTL = PREFIXES + """
@prefix nature: <https://w3id.org/maillage/ontology/nature/> .
@prefix outcome: <https://w3id.org/maillage/ontology/outcome/> .
<membership/m2> a org:Membership ; org:member <actor/metropole> ; org:organization <actor/ptce> ;
    org:role circle:financeurs .
<membership/m3> a org:Membership ; org:member <actor/departement> ; org:organization <actor/ptce> ;
    org:role circle:partenaires .
<grant/g1> mai:nature nature:operating .
<grant/g2> mai:nature nature:investment .
<grant/g3> a mai:Grant ; schema:funder <actor/departement> ; mai:beneficiary <actor/repit> ;
    schema:amount "1234.5"^^xsd:decimal ; mai:fiscalYear 2024 ; mai:nature nature:operating .
<grant/g4> a mai:Grant ; schema:funder <actor/metropole> ; mai:beneficiary <actor/initiatives> ;
    schema:amount "700"^^xsd:decimal ; mai:fiscalYear 2024 ; dcterms:description "Fonctionnement de l'association" .
<deliberation/d1> mai:outcome outcome:adopted-unanimously .
<deliberation/d2> a mai:Deliberation ; dcterms:identifier "2024.00300" ; dcterms:title "Tarifs du centre nautique" ;
    dcterms:date "2024-06-20"^^xsd:date ; mai:authority <actor/metropole> ; mai:outcome outcome:rejected .
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("english")
    config = make_config(tmp_path)
    store = open_store(config)
    ingest_paths(store, [write(tmp_path, "themes.ttl", THEMES_TTL), write(tmp_path, "actors.ttl", ACTORS_TTL),
                         write(tmp_path, "english.ttl", ENGLISH_TTL)])
    build_index(store, config)
    store.close()
    return SearchIndex.from_config(config)


def found(index, text: str) -> list[str]:
    answer = search(index, text, page_size=100)
    assert not answer["fuzzy"], text  # found as written, not as a typo of another word (« Fondée » for "funders")
    return [r["iri"] for r in answer["results"]]


@pytest.mark.parametrize("query, member", [
    ("funders circle", "actor/metropole"), ("Funders", "actor/metropole"), ("Cercle des financeurs", "actor/metropole"),
    ("financeurs", "actor/metropole"), ("partners circle", "actor/departement"),
    ("operational circle", "actor/veilleurs"), ("Cercle opérationnel", "actor/veilleurs")])
def test_a_circle_in_english_or_french_finds_its_members(corpus, query, member):
    assert found(corpus, query) == [iri(member)]


def test_a_circle_in_english_finds_its_members_after_an_update(tmp_path):
    """An update reads less of the graph than a build (search.facts.load_facts): the circle's English label too."""
    config = make_config(tmp_path)
    store = open_store(config)
    ingest_paths(store, [write(tmp_path, "themes.ttl", THEMES_TTL)])
    build_index(store, config)
    ingest(store, config, write(tmp_path, "actors.ttl", ACTORS_TTL), write(tmp_path, "english.ttl", ENGLISH_TTL))
    store.close()
    assert found(SearchIndex.from_config(config), "funders circle") == [iri("actor/metropole")]


@pytest.mark.parametrize("text, expected", [
    ("€20,000", ["20000"]), ("EUR 20,000.50", ["eur", "20000,5"]), ("1,234,567", ["1234567"]),
    ("20,000.00", ["20000"]), ("20 000,50 €", ["20000,5"]), ("1.234,50", ["1234,5"]), ("20,5", ["20,5"]),
    ("20,50 €", ["20,5"]), ("0,500", ["0", "500"]), ("1,2345", ["1", "2345"]), ("2023,2024", ["2023", "2024"])])
def test_a_comma_before_exactly_three_digits_groups_thousands_and_one_before_one_or_two_is_decimal(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize("query", ["20,000", "€20,000", "EUR 20,000", "20,000.00", "20,000 EUR", "20 000 €",
                                   "20 000,00 €", "20000"])
def test_an_amount_grouped_the_english_or_french_way_finds_the_grant(corpus, query):
    assert iri("grant/g1") in found(corpus, query)


@pytest.mark.parametrize("query", ["1,234.50", "€1,234.5", "1 234,50 €", "1234,5"])
def test_an_amount_with_cents_grouped_either_way_finds_the_grant(corpus, query):
    assert found(corpus, query)[0] == iri("grant/g3")


@pytest.mark.parametrize("query, grants", [
    ("operating grant", ["grant/g1", "grant/g3"]), ("operating", ["grant/g1", "grant/g3"]),
    ("subvention de fonctionnement", ["grant/g1", "grant/g3", "grant/g4"]), ("investment grant", ["grant/g2"]),
    ("subvention d'investissement", ["grant/g2"])])
def test_a_grant_is_found_by_its_natures_name_in_english_or_french(corpus, query, grants):
    assert sorted(found(corpus, query)) == [iri(g) for g in grants]


def test_a_natures_word_finds_the_grants_of_that_nature_after_the_text_that_says_it(corpus):
    """« fonctionnement » in a grant's purpose is rarer than the grants of that nature: it comes first, and they
    still come (a word that thousands of grants are classified by does not drown the texts that say it)."""
    first, *others = found(corpus, "fonctionnement")
    assert first == iri("grant/g4") and sorted(others) == [iri("grant/g1"), iri("grant/g3")]


@pytest.mark.parametrize("query, deliberation", [
    ("adopted unanimously", "deliberation/d1"), ("adopté à l'unanimité", "deliberation/d1"),
    ("rejected", "deliberation/d2"), ("rejeté", "deliberation/d2")])
def test_a_deliberation_is_found_by_its_outcome_in_english_or_french(corpus, query, deliberation):
    assert found(corpus, query) == [iri(deliberation)]


def test_a_circles_english_name_is_searched_but_not_shown_in_a_french_result(corpus):
    """The pages translate the names a result shows: the English name beside the French one said it twice."""
    snippet = search(corpus, "financeurs")["results"][0]["snippet"]
    assert "financeurs" in snippet and "Funders" not in snippet
