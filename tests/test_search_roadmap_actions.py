"""The roadmap's actions are documents of the index: a word of an action's title finds the action, summarised with
its goal, linked to its own page.

The corpus is the demo one (``examples/``: the founding deliberation and the PTCE's register, whose three actions
serve its three goals), ingested by ``maillage ingest``; tests that write build their own inline Turtle.
"""

from __future__ import annotations

import html
import re

import pytest
from click.testing import CliRunner

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from search.indexer import build_index
from search.query import search
from search.reader import SearchIndex
from test_search_corpus import ACTORS_TTL, PREFIXES, THEMES_TTL, ingest, iri, make_config, write
from webapp.cli import main
from web_fixture import client_on

EXAMPLES = "examples"
MAPPING = "Cartographie des acteurs de santé du territoire"
FIRST_GOAL = ("Valorisation des acteurs et des actions / marketing territorial en santé (pour les usagers, les "
              "entreprises, les universités et le rayonnement du territoire)")


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A data directory holding the demo corpus, filled by `maillage ingest` (which builds the index)."""
    root = tmp_path_factory.mktemp("actions")
    result = CliRunner().invoke(main, ["--data", str(root / "data"), "ingest", EXAMPLES])
    assert result.exit_code == 0, result.output
    return str(root / "data")


@pytest.fixture
def client(data):
    yield from client_on(data)


def _results(client, **params) -> list[dict]:
    response = client.get("/api/search", query_string=params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["results"]


@pytest.mark.parametrize("word", ["cartographie", "Cartographie des acteurs"])
def test_a_word_of_an_actions_title_finds_the_action_first(client, word):
    first = _results(client, q=word)[0]
    assert (first["label"], first["kind"], first["type"]) == (MAPPING, "action", "action")
    assert first["iri"].startswith("https://w3id.org/maillage/id/action/")


def test_an_actions_result_is_summarised_with_its_goal(client):
    [action] = _results(client, q="trimestrielles", type="action")
    assert action["type_label"] == "Action de la feuille de route"
    assert action["summary"] == ("Action de la feuille de route · Objectif n°\u00a02 : Animation de l'écosystème "
                                 "« santé » grâce à la synergie des différentes communautés d'acteurs")


def test_an_actions_result_says_its_kind_and_goal_in_english(client):
    action = _results(client, q="cartographie", lang="en")[0]
    assert action["type_label"] == "Roadmap action"
    assert action["summary"] == f"Roadmap action · Goal no. 1: {FIRST_GOAL}"


def test_the_actions_are_a_kind_of_the_kind_facet_and_a_type_filter(client):
    response = client.get("/api/search", query_string={"q": "", "type": "actions"})
    answer = response.get_json()
    assert sorted(r["label"] for r in answer["results"]) == [
        MAPPING, "Programme d'accompagnement post-incubation de porteurs de projet santé",
        "Rencontres trimestrielles des communautés d'acteurs au tiers-lieu santé"]
    # counted without the type filter, as its link finds them
    assert {"value": "action", "label": "Action de la feuille de route", "count": 3} in answer["facets"]["kind"]


def test_the_goal_filter_finds_the_actions_that_serve_the_goal(client):
    labels = [r["label"] for r in _results(client, q="", type="action", goal="1")]
    assert labels == [MAPPING]


def test_the_search_page_links_an_action_to_its_own_page(client):
    page = client.get("/search?q=cartographie", headers={"Accept": "text/html"}).get_data(as_text=True)
    first = re.search(r'<ol>\s*<li><a href="([^"]+)">([^<]+)</a>\s*<span class="kind">([^<]+)</span>', page)
    assert first is not None, page
    link, label, kind = first.groups()
    assert link.startswith("/id/action/") and html.unescape(label) == MAPPING
    assert kind == "Action de la feuille de route"
    assert client.get(link, headers={"Accept": "text/html"}).status_code == 200


ACTION_TTL = PREFIXES + """
<action/ateliers> a mai:RoadmapAction ; dcterms:title "Ateliers de sophrologie itinérants" ;
    mai:contributesTo <goal/1> .
"""


def test_an_action_ingested_after_the_build_is_found_by_the_update(tmp_path):
    config = make_config(tmp_path)
    store = open_store(config)
    ingest_paths(store, [write(tmp_path, "themes.ttl", THEMES_TTL), write(tmp_path, "actors.ttl", ACTORS_TTL)])
    build_index(store, config)
    ingest(store, config, write(tmp_path, "action.ttl", ACTION_TTL))
    results = search(SearchIndex.from_config(config), "sophrologie")["results"]
    # the action, then the goal that it serves, whose document names its actions
    assert [(r["iri"], r["kind"]) for r in results] == [(iri("action/ateliers"), "action"), (iri("goal/1"), "goal")]
    found = results[0]
    assert found["summary"] == ("Action de la feuille de route · Objectif n°\u00a01 : Animation de l'écosystème des "
                                "acteurs")


def test_an_action_without_an_iri_is_found_through_its_goal(tmp_path):
    config = make_config(tmp_path)
    store = open_store(config)
    blank = PREFIXES + ('[] a mai:RoadmapAction ; dcterms:title "Ateliers de sophrologie" ; '
                        'mai:contributesTo <goal/1> .\n')
    ingest_paths(store, [write(tmp_path, "themes.ttl", THEMES_TTL), write(tmp_path, "actors.ttl", ACTORS_TTL),
                         write(tmp_path, "blank.ttl", blank)])
    build_index(store, config)
    results = search(SearchIndex.from_config(config), "sophrologie")["results"]
    assert [(r["iri"], r["kind"]) for r in results] == [(iri("goal/1"), "goal")]
