"""A grant that a grants list publishes and that the text of the deliberation it names decides too (one grant
published twice: graph.ingest.decided_amounts.SAME_GRANT) counts once, at the deliberation's amount, in the totals of
an actor's page, of the network around an actor or a goal, and of the goals page, as on the funding page
(tests/test_funding_listed_twice.py, whose stores these are: the founding deliberation 2024.00240 decides 20 000 €
for DanaeCare, the list publishes it at 25 000 €, and 5 000 € under a deliberation that no text gives). Each page
says so in a note; the actor's grants tables keep both grants, as their sources give them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_funding_listed_twice import _FOUNDING_ROW, _OTHER_ROW, DANAECARE, DECIDED, LISTED, ONCE, SEM, _store
from web_fixture import client_on_copy, data_of, page_text

GOAL = "https://w3id.org/maillage/id/goal/test-prevenir"
#: A goal that both grants serve, and that the métropole serves too: the network around the goal draws the funding
#: between the métropole and DanaeCare.
GOAL_TURTLE = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<{GOAL}> a mai:StrategicGoal ; skos:prefLabel "Prévenir"@fr ; skos:notation "1" .
<{DECIDED}> mai:contributesTo <{GOAL}> .
<{LISTED}> mai:contributesTo <{GOAL}> .
<{SEM}> mai:contributesTo <{GOAL}> .
"""
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[str, Path]:
    def made(name: str, text: bool) -> Path:
        root = tmp_path_factory.mktemp(name)
        _store(root, text, _FOUNDING_ROW.format(amount="25000") + _OTHER_ROW)
        return data_of(root, "objectif.ttl", GOAL_TURTLE)

    return {"differing": made("differing", True), "list only": made("list-only", False)}


@pytest.fixture
def client_of(stores, tmp_path):
    """A client of a fresh app on a copy of one of the stores, by name."""
    import contextlib

    with contextlib.ExitStack() as stack:
        yield lambda name: stack.enter_context(client_on_copy(stores[name], tmp_path / name.replace(" ", "-")))


def _page(iri: str) -> str:
    return iri.removeprefix("https://w3id.org/maillage")


def _totals(body: dict) -> list[tuple]:
    return [(row["direction"], row["year"], row["total"]) for row in body["totals_by_year"]["rows"]]


@pytest.mark.parametrize("actor, direction", [(SEM, "given"), (DANAECARE, "received")])
def test_an_actor_s_totals_count_a_grant_published_twice_once_and_its_tables_list_both(client_of, actor, direction):
    client = client_of("differing")
    body = client.get(_page(actor) + ".json").get_json()
    # 20 000 € as the text decides it (the list says 25 000 €), and the 5 000 € of 2024.00999
    assert _totals(body) == [(direction, 2024, 25000)]
    assert body["totals_listed_twice"] == 1 and body["totals_uncounted"] == 0
    assert body["grants_page"][direction] == 3 and len(body[f"grants_{direction}"]["rows"]) == 3
    assert ONCE in client.get(_page(actor), headers=HTML).get_data(as_text=True)


def test_an_actor_s_totals_with_a_list_alone_count_its_amounts_and_say_nothing(client_of):
    client = client_of("list only")
    body = client.get(_page(SEM) + ".json").get_json()
    assert _totals(body) == [("given", 2024, 30000)] and body["totals_listed_twice"] == 0
    assert "comptée une fois" not in client.get(_page(SEM), headers=HTML).get_data(as_text=True)


def _edges(body: dict) -> list[tuple]:
    return sorted((row["other"]["iri"], row["relation"], row["links"], row["amount"]) for row in body["edges"]["rows"]
                  if row["amount"] is not None)


def test_the_network_around_an_actor_counts_a_grant_published_twice_once(client_of):
    client = client_of("differing")
    around_funder = client.get("/network.json", query_string={"focus": SEM}).get_json()
    assert _edges(around_funder) == [(DANAECARE, "funds", 2, 25000)]
    assert around_funder["listed_twice"] == 1
    around_beneficiary = client.get("/network.json", query_string={"focus": DANAECARE}).get_json()
    # the goal through the deliberation's grant only, and the grant under its funder only in the note's count
    assert _edges(around_beneficiary) == [(SEM, "funded-by", 2, 25000), (GOAL, "served-by", 1, 20000)]
    assert around_beneficiary["listed_twice"] == 1
    assert ONCE in client.get("/network", query_string={"focus": SEM}, headers=HTML).get_data(as_text=True)


def test_the_network_around_a_goal_counts_it_once_in_its_links_and_the_funding_between_neighbours(client_of):
    client = client_of("differing")
    body = client.get("/network.json", query_string={"focus": GOAL}).get_json()
    assert _edges(body) == [(DANAECARE, "serves", 1, 20000)]
    assert [(row["funder"]["iri"], row["beneficiary"]["iri"], row["grants"], row["amount"])
            for row in body["among"]["rows"]] == [(SEM, DANAECARE, 2, 25000)]
    assert body["listed_twice"] == 2  # once around the goal, once between the métropole and DanaeCare


def test_the_network_with_a_list_alone_counts_both_and_says_nothing(client_of):
    client = client_of("list only")
    body = client.get("/network.json", query_string={"focus": SEM}).get_json()
    assert _edges(body) == [(DANAECARE, "funds", 2, 30000)] and body["listed_twice"] == 0
    assert "comptée une fois" not in client.get("/network", query_string={"focus": SEM},
                                                headers=HTML).get_data(as_text=True)


def test_the_goals_page_counts_a_grant_published_twice_once_and_lists_the_deliberation_s(client_of):
    client = client_of("differing")
    body = client.get("/goals.json").get_json()
    row = next(row for row in body["goals"]["rows"] if row["goal"]["iri"] == GOAL)
    # the goal's grants: the text's only; what DanaeCare received: 20 000 € and 5 000 €
    assert (row["grants"], row["total"], row["received"]) == (1, 20000, 25000)
    details = next(goal for goal in body["details"] if goal["goal"]["iri"] == GOAL)
    assert [grant["iri"] for grant in details["grants"]] == [DECIDED] and details["more_grants"] == 0
    assert body["listed_twice"] == 1 and body["uncounted"] == 0
    assert ONCE in client.get("/goals", headers=HTML).get_data(as_text=True)
    english = client.get("/goals", query_string={"lang": "en"}, headers=HTML).get_data(as_text=True)
    assert "is counted once, at the deliberation's amount" in page_text(english)


def test_the_goals_page_with_a_list_alone_counts_its_grant(client_of):
    client = client_of("list only")
    body = client.get("/goals.json").get_json()
    row = next(row for row in body["goals"]["rows"] if row["goal"]["iri"] == GOAL)
    assert (row["grants"], row["total"], row["received"]) == (1, 25000, 30000) and body["listed_twice"] == 0
