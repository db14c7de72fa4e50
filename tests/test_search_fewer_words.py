"""A search whose words find nothing all together is searched again with fewer of them, and says so: « santé
mentale ado » found nothing where « santé mentale » finds the right actor (a « médiatrice en santé » on her phone).

Fixture: the web fixture's graph and three actors: a collective for mental health in the Loire, a mental health
centre in the Rhône, and a house for teenagers (« adolescents »). « ado » now names the theme Santé des jeunes: the
word that no text holds here is « lundi ».
"""

from __future__ import annotations

import pytest
from web_fixture import BASE, client_with

from search.fewer_words import notice as fewer_words_notice

LOIRE = BASE + "actor/collectif-loire"
RHONE = BASE + "actor/centre-rhone"
MAISON = BASE + "actor/maison-adolescents"
ACTORS_TTL = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{LOIRE}> a mai:Association ; rdfs:label "Collectif santé mentale Loire" ;
    dcterms:description "Écoute et soutien aux familles." .
<{RHONE}> a mai:Association ; rdfs:label "Centre santé mentale Rhône" .
<{MAISON}> a mai:Association ; rdfs:label "Maison des adolescents" .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("fewer"), ACTORS_TTL, "actors.ttl", indexed=True) as client:
        yield client


def answer(client, text: str, **filters) -> dict:
    response = client.get("/api/search", query_string={"q": text, "page_size": 100, **filters})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def found(answer: dict) -> list[str]:
    return [result["iri"] for result in answer["results"]]


def test_words_that_find_nothing_together_are_searched_without_the_one_that_no_text_holds(client):
    got = answer(client, "sante mentale lundi")
    assert {LOIRE, RHONE} <= set(found(got))
    assert got["partial"] == {"words": ["sante", "mentale", "lundi"], "left_out": ["lundi"], "all_but_one": True}
    assert fewer_words_notice(got["partial"]) == (
        "Aucun résultat avec tous les mots ; résultats sans «\u00a0lundi\u00a0».",
        "No result with all the words; results without 'lundi'.")


def test_the_words_left_out_are_named_as_typed(client):
    assert answer(client, "Santé mentale LUNDI")["partial"]["words"] == ["Santé", "mentale", "LUNDI"]


def test_words_found_together_are_not_searched_with_fewer(client):
    got = answer(client, "santé mentale loire")
    assert found(got) == [LOIRE] and got["partial"] is None


def test_without_a_set_of_all_words_but_one_any_word_finds_and_the_word_found_nowhere_is_named(client):
    got = answer(client, "collectif maison xyzzyq")
    assert {LOIRE, MAISON} <= set(found(got)) and RHONE not in found(got)
    assert got["partial"] == {"words": ["collectif", "maison", "xyzzyq"], "left_out": ["xyzzyq"],
                              "all_but_one": False}
    assert fewer_words_notice(got["partial"])[0].endswith(
        "résultats avec une partie des mots. Introuvables : «\u00a0xyzzyq\u00a0».")


def test_a_document_holding_more_of_the_words_comes_first(client):
    got = answer(client, "collectif loire rhone xyzzyq")  # no three together: two of them at most
    assert found(got)[0] == LOIRE


def test_quoted_words_are_not_searched_with_fewer(client):
    got = answer(client, '"santé mentale" lundi')
    assert got["total"] == 0 and got["partial"] is None


def test_words_that_find_nothing_even_alone_still_find_nothing(client):
    got = answer(client, "xyzzyq wxyvq")
    assert got["total"] == 0 and got["partial"] is None


def test_the_filters_still_apply_to_a_search_with_fewer_words(client):
    got = answer(client, "sante mentale lundi", type="actor")
    assert got["results"] and {result["kind"] for result in got["results"]} == {"actor"}
    assert found(answer(client, "sante mentale lundi", type="grant"))[0] == BASE + "grant/sem-danaecare-2024"


def test_the_search_page_says_which_word_it_left_out(client):
    page = client.get("/search", query_string={"q": "sante mentale lundi"}, headers={"Accept": "text/html"})
    text = page.get_data(as_text=True)
    assert "Aucun résultat avec tous les mots ; résultats sans «\u00a0lundi\u00a0»." in text
    assert "Collectif santé mentale Loire" in text


def test_the_command_line_says_which_word_it_left_out(client):
    from search.query import format_results

    said = format_results(answer(client, "sante mentale lundi"))
    assert "note : Aucun résultat avec tous les mots ; résultats sans «\u00a0lundi\u00a0»." in said
