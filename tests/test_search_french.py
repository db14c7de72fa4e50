"""French analysis and matching: accents, case, elision, stemming, stop words, typos, snippets, completion."""

from __future__ import annotations

import re

import pytest

from search.analysis import COMPOUND, LETTER, folded_names, folded_terms, term_set, terms, whole_name
from search.query import SearchError, search, suggest
from test_search_corpus import corpus, iri  # noqa: F401  (fixture)


@pytest.mark.parametrize("variant", ["santé", "sante", "SANTÉ", "Santé"])
def test_accents_and_case_give_the_same_term(variant):
    assert terms(variant) == terms("santé")


@pytest.mark.parametrize("plural, singular", [("soignants", "soignant"), ("répits", "répit"),
                                              ("usagers", "usager"), ("maisons", "maison")])
def test_plural_and_singular_give_the_same_stem(plural, singular):
    assert terms(plural) == terms(singular)


@pytest.mark.parametrize("text", ["W423000001", "2024.00240", "g1011"])
def test_words_with_digits_are_only_folded(text):
    assert terms(text) == folded_terms(text)


@pytest.mark.parametrize("text", ["l'hôpital", "d'hôpital", "qu'hôpital", "jusqu'hôpital", "L’hôpital"])
def test_elided_articles_are_dropped(text):
    assert terms(text) == terms("hôpital")


@pytest.mark.parametrize("short, full", [("St-Étienne", "Saint-Étienne"), ("st etienne", "saint etienne"),
                                         ("Ste-Foy-lès-Lyon", "Sainte-Foy-lès-Lyon"), ("STE CROIX", "sainte croix"),
                                         ("Sts-Pierre", "Saints-Pierre")])
def test_the_abbreviations_of_saint_in_place_names_give_the_terms_of_the_word(short, full):
    assert terms(short) == terms(full)


def test_the_abbreviation_of_societe_is_not_read_as_sainte():
    assert terms("Sté coopérative") != terms("sainte coopérative")


def test_stop_words_are_dropped_but_kept_in_folded_names():
    assert terms("le la des aux pour") == []
    assert folded_terms("Maison de Santé") == ["maison", "de", "sante"]


@pytest.mark.parametrize("text", ["x" * 10_000 + " un accompagnement médico-social",
                                  "St-Just-St-Rambert, l'aide-soignante et -x- ou x-", "a_b-c ŒUVRE--sociale 2024-2025",
                                  "Lʼhôpital-de-jour télé-médecine-", "é-è-ê"])
def test_hyphenated_words_are_sought_where_a_word_starts_and_found_as_before(text):
    """Hyphenated words are sought where a word starts, its letters never given back (``++``): sought from every
    letter, each try giving letters back one by one, the compounds of a text with a word of 10,000 letters took 1.2 s
    (bench/README.md, "Search speed"). The words found are those that the pattern of before finds."""
    assert COMPOUND.findall(text) == re.findall(rf"(?<!{LETTER}){LETTER}+(?:-{LETTER}+)+", text)
    assert COMPOUND.pattern.startswith(rf"(?<!{LETTER}){LETTER}++")


@pytest.mark.parametrize("name", ["L'Atelier de la Santé", "Saint-Étienne Métropole", "St-Just-St-Rambert",
                                  "Aujourd'hui-Demain", "Lʼhôpital", "De la", "Saison 2024-2025", "Don de 20 000 €",
                                  "ŒUVRE ÉCONOMIE--sociale", "Centre médico-psychologique", ""])
def test_a_names_folded_terms_and_whole_name_are_those_read_one_at_a_time(name):
    """The index writers read a name's words once for its folded terms and its whole name."""
    assert folded_names([name]) == (set(term_set([name], folded=True)), {whole_name(name)} - {""})


@pytest.mark.parametrize("query", ["sante pilat", "SANTÉ PILAT", "Santé du Pilat"])
def test_a_query_matches_whatever_its_accents_and_case(corpus, query):  # noqa: F811
    assert search(corpus[2], query)["results"][0]["iri"] == iri("actor/pilat")


@pytest.mark.parametrize("query", ["st etienne", "St-Étienne", "ST ETIENNE"])
def test_a_place_name_abbreviated_finds_what_its_full_name_finds(corpus, query):  # noqa: F811
    full = search(corpus[2], "saint etienne")
    answer = search(corpus[2], query)
    assert full["total"] > 0 and not answer["fuzzy"]
    assert [r["iri"] for r in answer["results"]] == [r["iri"] for r in full["results"]]


def test_a_plural_query_finds_the_singular_word(corpus):  # noqa: F811
    answer = search(corpus[2], "soignants")
    assert iri("actor/pilat") in [r["iri"] for r in answer["results"]]
    assert not answer["fuzzy"]


def test_a_plural_query_finds_the_singular_word_that_the_stemmer_cuts_differently(corpus):  # noqa: F811
    answer = search(corpus[2], "répits", kind="actor")
    assert [r["iri"] for r in answer["results"]] == [iri("actor/repit")] and not answer["fuzzy"]


def test_an_exact_match_uses_no_typo_tolerance(corpus):  # noqa: F811
    assert search(corpus[2], "Veilleurs")["fuzzy"] is False


@pytest.mark.parametrize("query", ["initiatives", "budget"])
def test_a_word_with_one_typo_still_finds_the_document_when_the_exact_query_finds_little(corpus, query):  # noqa: F811
    answer = search(corpus[2], query)
    assert answer["fuzzy"] is True
    assert answer["results"][0]["iri"] == iri("actor/initiatives")


def test_the_snippet_highlights_the_matched_words_and_escapes_the_rest(corpus):  # noqa: F811
    result = next(r for r in search(corpus[2], "soignant prévention")["results"] if r["iri"] == iri("actor/pilat"))
    assert result["snippet"] == ("Le <mark>soignant</mark> coordonne l'accès aux soins &lt;b&gt;&amp;&lt;/b&gt; la "
                                 "<mark>prévention</mark>.")


def test_completion_finds_names_by_their_first_letters_whatever_the_accents(corpus):  # noqa: F811
    assert [s["iri"] for s in suggest(corpus[2], "zeph")] == [iri("actor/repit")]
    assert iri("actor/pilat") in [s["iri"] for s in suggest(corpus[2], "Maison de sant")]


def test_completion_offers_the_shortest_names_first(corpus):  # noqa: F811
    assert [s["label"] for s in suggest(corpus[2], "saint")] == ["Saint-Etienne Métropole"]
    labels = [s["label"] for s in suggest(corpus[2], "s")] + [s["label"] for s in suggest(corpus[2], "sa")]
    assert labels == sorted(labels, key=len)


def test_completion_of_a_single_character_gives_nothing(corpus):  # noqa: F811
    assert suggest(corpus[2], "z") == []


@pytest.mark.parametrize("options, message", [
    ({"page": 0}, "page"), ({"sort": "date"}, "tri inconnu"), ({"kind": "personne"}, "type inconnu"),
    ({"theme": "astronomie"}, "thème inconnu"), ({"page_size": 1000}, "taille de page"),
    ({"filters": {"colour": "red"}}, "filtre inconnu"),
])
def test_bad_parameters_raise_a_search_error_in_french(corpus, options, message):  # noqa: F811
    with pytest.raises(SearchError, match=message):
        search(corpus[2], "santé", **options)


def test_a_query_longer_than_the_limit_is_refused(corpus):  # noqa: F811
    with pytest.raises(SearchError, match="trop longue"):
        search(corpus[2], "santé " * 200)
