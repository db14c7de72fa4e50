"""A page sets a session's quote beside the fact the reader says it supports (``mai:supports``), not beside the
fact whose values its words happen to name: a row of figures « 10 7 1 8 » names every count of the session, and
the matching by values (kept for a store that an older reader ingested) set it beside the last of them; a
deliberation's number is quoted among its key facts."""

from __future__ import annotations

import re

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from tests.test_delib_quotes import CHAIRED, EXAMPLE
from webapp import create_app
from webapp.fact_quotes import placed_quotes, quotes_by_fact
from webapp.page_data import Ref
from webapp.resources import close_resources

SESSION = "/id/session/commune-saint-genest-fictif/conseil-municipal/2024-06-20"
DELIBERATION = "/id/deliberation/siren-244200770/2024-00240"
HTML = {"Accept": "text/html"}
ONTOLOGY = "https://w3id.org/maillage/ontology#"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """A client of an app over the founding deliberation and a small act whose counts are a row of figures."""
    folder = tmp_path_factory.mktemp("stated")
    chaired = folder / "chaired.txt"
    chaired.write_text(CHAIRED, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(folder / "data")})
    try:
        assert [r.status for r in ingest_paths(store, [EXAMPLE, chaired])] == ["stored"] * 2
    finally:
        store.close()
    app = create_app({"store": "oxigraph", "data_dir": str(folder / "data"), "query_timeout": 10.0})
    app.config["TESTING"] = True
    yield app.test_client()
    close_resources(app)


def _quotes(html: str) -> list[str]:
    return [" ".join(q.split()) for q in re.findall(r"<blockquote>«&nbsp;(.*?)&nbsp;»</blockquote>", html, re.S)]


def _between(page: str, first: str, then: str) -> str:
    start = page.index(first)
    return page[start:page.index(then, start)]


def test_a_sessions_page_sets_the_row_of_its_counts_beside_the_first_count_it_states(client):
    page = client.get(SESSION, headers=HTML).get_data(as_text=True)
    assert _quotes(_between(page, "membres en exercice", "membres présents")) == ["10 7 1 8"]
    assert "10 7 1 8" not in _quotes(_between(page, "nombre de voix", "Présents ("))


def test_a_sessions_page_sets_the_chairs_quote_beside_the_chair_once_though_it_states_the_title_too(client):
    page = client.get(SESSION, headers=HTML).get_data(as_text=True)
    assert [q for q in _quotes(page) if "présidence" in q] == ["sous la présidence de Mme Claire VIDAL, Maire"]
    assert _quotes(_between(page, "président de séance", "membres en exercice")) == [
        "sous la présidence de Mme Claire VIDAL, Maire"]


def test_the_json_twin_gives_a_session_quote_every_property_it_supports(client):
    evidence = client.get(SESSION + ".json").get_json()["evidence"]
    [row] = [q for quotes in evidence.values() for q in quotes if q["quote"].split() == ["10", "7", "1", "8"]]
    assert row["stated"] == [ONTOLOGY + p for p in ("membersInOffice", "membersPresent", "proxyCount", "voteCount")]


def test_a_deliberations_number_is_quoted_among_its_key_facts(client):
    page = client.get(DELIBERATION, headers=HTML).get_data(as_text=True)
    summary = _between(page, '<section class="summary">', "</section>")
    assert "DELIBERATION N°2024.00240" in _quotes(summary)


def _fact(prop: str, *values) -> dict:
    return {"property": Ref(ONTOLOGY + prop, prop), "values": list(values)}


def test_a_quote_that_states_its_property_goes_beside_it_whatever_values_it_names():
    """« Votants : 8 » on the line of the chair: the chair's name would take it to the chair."""
    chair = Ref("p", "Claire VIDAL")
    facts = [_fact("chair", chair), _fact("voteCount", 8)]
    quote = {"quote": "Mme Claire VIDAL, Maire – Votants : 9", "stated": [ONTOLOGY + "voteCount"],
             "supports": ONTOLOGY + "voteCount"}
    assert quotes_by_fact([quote], facts) == {ONTOLOGY + "voteCount": [quote]}
    assert quotes_by_fact([{"quote": quote["quote"]}], facts) == {ONTOLOGY + "chair": [{"quote": quote["quote"]}]}


def test_a_stated_quote_of_a_fact_the_deliberations_page_does_not_show_stays_with_the_sessions_facts():
    session = Ref("s", "séance")
    quote = {"quote": "Maire", "stated": [ONTOLOGY + "roleTitle"], "supports": ONTOLOGY + "roleTitle"}
    data = {"iri": "d", "evidence": {"s": [quote]},
            "attendance": {"session": session, "session_facts": [], "properties": []}}
    placed = placed_quotes(data, [], [])
    assert (placed["facts"], placed["moved"]) == ([quote], [quote])
