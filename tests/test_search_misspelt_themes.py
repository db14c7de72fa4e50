"""A theme's name misspelt finds the theme's actors as the right spelling does: « prévension » put the partners
tagged « Prévention » after a dozen theme concepts, since only the words were corrected, not the theme they name;
« acess soins » (a letter undoubled, another doubled: two edits) found the concept « Accès aux soins » alone, by
its English label « Access to care », and the page said that no actor matched.

The corpora: the demo one (``examples/``, whose register tags two partners « Prévention »), ingested by
``maillage ingest``, and the search tests' inline one (tests/test_search_corpus.py).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from search.typos import themes_near
from search.query import search
from search.themes import ThemeScheme
from test_search_corpus import build_corpus, iri
from webapp.cli import main
from web_fixture import client_on, demo_data

PREVENTION = "https://w3id.org/maillage/ontology/theme/prevention"
ACCESS = "https://w3id.org/maillage/ontology/theme/acces-aux-soins"
MSP = "https://w3id.org/maillage/id/actor/maison-sante-pluriprofessionnelle-pilat-fictive"
MSP_NAME = "Maison de santé pluriprofessionnelle du Pilat (fictive)"
#: The first results that the right spelling and its misspellings should share.
FIRST = 4


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return demo_data(tmp_path_factory, "misspelt")


@pytest.fixture
def client(data):
    yield from client_on(data)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("misspelt-corpus"))


def _answer(client, text: str) -> dict:
    response = client.get("/api/search", query_string={"q": text})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _tagged_actors(answer: dict) -> list[str]:
    return [r["iri"] for r in answer["results"] if r["kind"] == "actor" and r["matched_theme"]]


@pytest.mark.parametrize("misspelt", ["prévension", "prevension", "Prévantion", "prévetion"])
def test_a_misspelt_theme_ranks_the_themes_actors_as_the_right_spelling_does(client, misspelt):
    right, wrong = _answer(client, "prévention"), _answer(client, misspelt)
    actors = _tagged_actors(right)
    assert len(actors) >= 2 and not right["fuzzy"]
    assert [r["iri"] for r in wrong["results"][:FIRST]] == [r["iri"] for r in right["results"][:FIRST]]
    assert set(actors) <= {r["iri"] for r in wrong["results"][:FIRST]}


def test_a_misspelt_theme_is_said_approximate_and_names_the_theme_it_read(client):
    answer = _answer(client, "prévension")
    assert answer["fuzzy"] is True and answer["query"] == "prévension"
    assert answer["themes"] == [{"iri": PREVENTION, "label": "Prévention"}]
    page = client.get("/search?q=prévension", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Aucun résultat exact : voici des résultats approchés" in page and 'value="prévension"' in page


def test_the_actors_of_a_misspelt_theme_come_before_its_neighbours_in_the_small_corpus(corpus):
    _, _, index = corpus
    right, wrong = search(index, "vieillissement"), search(index, "vieillisement")
    assert wrong["fuzzy"] and [r["iri"] for r in wrong["results"][:3]] == [r["iri"] for r in right["results"][:3]]
    assert iri("actor/repit") in [r["iri"] for r in wrong["results"][:3]]


@pytest.mark.parametrize("misspelt", ["acess soins", "acess aux soins"])
def test_a_misspelt_theme_of_several_words_finds_its_actors_as_the_right_spelling_does(client, misspelt):
    right, wrong = _answer(client, "accès aux soins"), _answer(client, misspelt)
    assert wrong["themes"] == right["themes"] == [{"iri": ACCESS, "label": "Accès aux soins"}]
    assert [r["iri"] for r in wrong["results"][:2]] == [r["iri"] for r in right["results"][:2]]
    assert _tagged_actors(wrong) == _tagged_actors(right) == [MSP]


def test_the_page_of_a_misspelt_theme_shows_its_actor_and_does_not_say_that_no_actor_matches(client):
    page = client.get("/search?q=acess+soins", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert MSP_NAME in page and "Aucun acteur ne correspond" not in page


def test_the_command_line_finds_the_actors_of_a_misspelt_theme(data):
    result = CliRunner().invoke(main, ["--data", data, "search", "acess soins"])
    assert result.exit_code == 0 and MSP_NAME in result.output, result.output


@pytest.mark.parametrize("typed", [[("acess", "acess"), ("soin", "soins")],
                                   [("acce", "acces"), ("soin", "sooinss")]])
def test_a_letter_doubled_or_undoubled_names_a_theme_as_a_typo_does(typed):
    scheme = ThemeScheme([{"iri": "th:a", "doc": {"label": "Accès aux soins"}}])
    assert themes_near(scheme, typed) == [("th:a", (0, 2))]


def test_a_theme_of_two_words_is_named_with_a_typo_in_each():
    scheme = ThemeScheme([{"iri": "th:sm", "doc": {"label": "santé mentale"}},
                          {"iri": "th:s", "doc": {"label": "santé"}}])
    assert themes_near(scheme, [("sant", "sanet"), ("mental", "mentalle")]) == [("th:sm", (0, 2))]


@pytest.mark.parametrize("words", [[("sant", "sante")], [("sant", "sant")], [("sant3", "sant3")]])
def test_a_word_spelt_right_too_short_or_with_a_digit_names_no_theme_by_a_typo(words):
    scheme = ThemeScheme([{"iri": "th:s", "doc": {"label": "santé"}}])
    assert themes_near(scheme, words) == []
