"""The cache of aggregate query results per published state of the store (webapp/cache.py).

Unit tests drive SnapshotCache with plain states and rows; the app tests use the web fixture's Oxigraph store and
publish a new snapshot through the store's own writer, as an ingest would.
"""

from __future__ import annotations

import pytest
from rdflib import URIRef
from web_fixture import BASE, DANAECARE, SEM, app_on_fixture

from webapp.cache import SnapshotCache, cached_select, get_cache, state_key


def rows_of(*values):
    return lambda: [{"n": v} for v in values]


def test_a_result_is_computed_once_per_state_and_key():
    cache, calls = SnapshotCache(), []

    def compute():
        calls.append(1)
        return [{"n": 1}]

    assert cache.get_or_compute("s1", "q", compute) == cache.get_or_compute("s1", "q", compute) == [{"n": 1}]
    assert len(calls) == 1 and (cache.hits, cache.misses) == (1, 1)


def test_a_new_state_forgets_every_result_of_the_old_one():
    cache = SnapshotCache()
    cache.get_or_compute("s1", "a", rows_of(1))
    cache.get_or_compute("s1", "b", rows_of(2))
    assert cache.get_or_compute("s2", "a", rows_of(10)) == [{"n": 10}]
    assert len(cache) == 1


def test_different_bindings_are_different_entries():
    cache = SnapshotCache()
    assert cache.get_or_compute("s1", ("q", (("s", URIRef(SEM)),)), rows_of(1)) == [{"n": 1}]
    assert cache.get_or_compute("s1", ("q", (("s", URIRef(DANAECARE)),)), rows_of(2)) == [{"n": 2}]


def test_the_least_recently_used_entry_goes_first_when_full():
    cache = SnapshotCache(max_entries=2)
    cache.get_or_compute("s", "a", rows_of(1))
    cache.get_or_compute("s", "b", rows_of(2))
    cache.get_or_compute("s", "a", rows_of(99))  # a is now the most recent
    cache.get_or_compute("s", "c", rows_of(3))
    assert cache.get_or_compute("s", "a", rows_of(99)) == [{"n": 1}]
    assert cache.get_or_compute("s", "b", rows_of(20)) == [{"n": 20}]


def test_the_least_recently_used_long_listings_go_first_when_their_rows_exceed_the_budget():
    cache = SnapshotCache(max_rows=2, max_kept_rows=10)
    cache.get_or_compute("s", "a", rows_of(*range(4)), max_rows=100)
    cache.get_or_compute("s", "aggregate", rows_of(1, 2))  # not a long listing: kept whatever the budget
    cache.get_or_compute("s", "b", rows_of(*range(4)), max_rows=100)
    cache.get_or_compute("s", "a", rows_of(99))  # a is now the most recent
    cache.get_or_compute("s", "c", rows_of(*range(4)), max_rows=100)  # 12 rows: b goes
    assert (len(cache), cache.kept_rows) == (3, 8)
    assert cache.get_or_compute("s", "a", rows_of(99)) == [{"n": n} for n in range(4)]
    assert cache.get_or_compute("s", "aggregate", rows_of(99)) == [{"n": 1}, {"n": 2}]
    assert cache.get_or_compute("s", "b", rows_of(7)) == [{"n": 7}]


def test_a_listing_longer_than_the_budget_is_returned_but_not_kept():
    cache = SnapshotCache(max_rows=2, max_kept_rows=10)
    cache.get_or_compute("s", "a", rows_of(1))
    assert cache.get_slice("s", "long", rows_of(*range(30)), 25, 30, max_rows=100) == (
        [{"n": n} for n in range(25, 30)], 30)
    assert (len(cache), cache.kept_rows) == (1, 0)


def test_a_pinned_entry_stays_whatever_else_comes_until_the_state_moves_on():
    cache = SnapshotCache(max_entries=1, max_rows=2, max_kept_rows=3)
    cache.get_or_compute("s", "overview", rows_of(1, 2), pin=True)
    for key in "abc":
        cache.get_or_compute("s", key, rows_of(1, 2, 3), max_rows=10)
    assert cache.get_or_compute("s", "overview", rows_of(99)) == [{"n": n} for n in (1, 2)]
    assert (len(cache), cache.kept_rows) == (2, 3)  # the pinned one and the latest listing
    assert cache.get_or_compute("s2", "overview", rows_of(5), pin=True) == [{"n": 5}]
    assert len(cache) == 1


def test_pinned_long_listings_count_against_the_budget_and_the_others_make_room_for_them():
    cache = SnapshotCache(max_rows=2, max_kept_rows=10)
    cache.get_or_compute("s", "visited", rows_of(*range(5)), max_rows=100)
    cache.get_or_compute("s", "warmed", rows_of(*range(6)), max_rows=100, pin=True)  # 11 rows: "visited" goes
    assert (cache.kept_rows, cache.pinned_rows) == (6, 6)
    assert cache.get_or_compute("s", "visited", rows_of(7)) == [{"n": 7}]
    # a listing that the pinned ones leave no room for is kept as any other, and goes first
    cache.get_or_compute("s", "warmed too", rows_of(*range(5)), max_rows=100, pin=True)
    assert (cache.kept_rows, cache.pinned_rows) == (6, 6)
    assert cache.get_or_compute("s", "warmed", rows_of(99)) == [{"n": n} for n in range(6)]


def test_a_new_state_starts_with_no_rows_kept():
    cache = SnapshotCache(max_rows=2)
    cache.get_or_compute("s1", "a", rows_of(1, 2, 3), max_rows=10)
    assert cache.kept_rows == 3
    cache.get_or_compute("s2", "a", rows_of(1, 2, 3, 4), max_rows=10)
    assert cache.kept_rows == 4


def test_a_result_over_the_row_cap_is_returned_but_not_kept():
    cache = SnapshotCache(max_rows=2)
    assert cache.get_or_compute("s", "big", rows_of(1, 2, 3)) == [{"n": 1}, {"n": 2}, {"n": 3}]
    assert len(cache) == 0


def test_editing_returned_rows_does_not_edit_the_cache():
    cache = SnapshotCache()
    cache.get_or_compute("s", "q", rows_of(1))[0]["n"] = 2
    cache.get_or_compute("s", "q", rows_of(3))[0].pop("n")
    assert cache.get_or_compute("s", "q", rows_of(3)) == [{"n": 1}]


@pytest.mark.parametrize("state,key", [
    ({"backend": "oxigraph", "snapshot": "3"}, ("oxigraph", "snapshot", "3")),
    ({"backend": "oxigraph", "snapshot": None}, ("oxigraph", "snapshot", None)),
    ({"backend": "memory", "version": 2}, ("memory", "version", 2)),
    ({"backend": "sparql", "query_url": "http://127.0.0.1:7878/query"}, None)])
def test_the_state_key_is_the_published_version_and_none_for_a_remote_store(state, key):
    assert state_key(state) == key


@pytest.fixture
def app(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app


def test_each_app_has_its_own_cache(app, tmp_path):
    with app_on_fixture(tmp_path / "other") as other:
        assert app.extensions["maillage.cache"] is not other.extensions["maillage.cache"]


def test_the_funding_page_runs_its_aggregates_once_per_snapshot(app):
    client = app.test_client()
    first = client.get("/funding.json").get_json()
    with app.app_context():
        misses = get_cache().misses
    assert client.get("/funding.json").get_json() == first
    with app.app_context():
        assert get_cache().misses == misses and get_cache().hits >= misses



def test_a_funders_page_asks_for_its_grants_once_per_snapshot(app, monkeypatch):
    # the details of a page's grants (webapp.resource_grants._GRANTS_PAGE), kept as the keys are: a large funder's
    # page asked them again on every request
    store, asked = app.extensions["maillage.store"], []
    query = store.query

    def spied(sparql, bindings=None):
        asked.append("?accepted ?goals WHERE" in sparql)
        return query(sparql, bindings)

    monkeypatch.setattr(store, "query", spied)
    client = app.test_client()
    path = "/id/" + SEM[len(BASE):] + ".json"
    first = client.get(path).get_json()
    assert first["grants_given"]["rows"] and sum(asked) == 1
    assert client.get(path).get_json() == first and sum(asked) == 1

GRANT_2025 = f"""<{BASE}grant/sem-danaecare-2025> a <https://w3id.org/maillage/ontology#Grant> ;
  <http://schema.org/funder> <{SEM}> ; <https://w3id.org/maillage/ontology#beneficiary> <{DANAECARE}> ;
  <http://schema.org/amount> "1000"^^<http://www.w3.org/2001/XMLSchema#decimal> ;
  <https://w3id.org/maillage/ontology#fiscalYear> 2025 .
"""


def test_a_published_write_is_seen_by_the_next_request(app):
    client = app.test_client()
    before = client.get("/funding.json").get_json()
    assert {r["year"] for r in before["by_year"]["rows"]} == {2023, 2024}
    assert client.get("/index.json").status_code == 200
    with app.app_context():
        store = app.extensions["maillage.store"]
        with store.writer() as writer:
            writer.replace_graph(BASE + "source/test-2025", GRANT_2025.encode(), "turtle")
    after = client.get("/funding.json").get_json()
    assert {r["year"] for r in after["by_year"]["rows"]} == {2023, 2024, 2025}
    assert after["by_funder"]["rows"][0]["total"] == 26000.0
    counts = {r["kind"]["iri"]: r["count"] for r in client.get("/index.json").get_json()["counts"]["rows"]}
    assert counts["https://w3id.org/maillage/ontology#Grant"] == 3


def test_a_store_without_a_published_version_is_queried_every_time(app, monkeypatch):
    with app.test_request_context("/"):
        store = app.extensions["maillage.store"]
        monkeypatch.setattr(store, "state", lambda: {"backend": "sparql", "query_url": "http://127.0.0.1:1/q"})
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert cached_select(query) == cached_select(query)
        assert len(get_cache()) == 0 and get_cache().misses == 0


def test_bindings_are_part_of_the_key(app):
    with app.test_request_context("/"):
        query = "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
        assert [str(r["label"]) for r in cached_select(query, s=URIRef(SEM))] == ["Saint-Etienne Métropole"]
        assert [str(r["label"]) for r in cached_select(query, s=URIRef(DANAECARE))] == ["DanaeCare"]
        assert len(get_cache()) == 2


def test_a_query_may_keep_an_answer_larger_than_the_caches_own_bound():
    cache = SnapshotCache(max_rows=2)
    rows = [{"n": i} for i in range(5)]
    cache.get_or_compute("s", "big", lambda: rows)
    assert len(cache) == 0
    cache.get_or_compute("s", "big", lambda: rows, max_rows=10)
    assert len(cache) == 1 and cache.get_or_compute("s", "big", lambda: []) == rows
