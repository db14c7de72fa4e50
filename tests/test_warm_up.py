"""A web worker warms the pages that aggregate the whole graph, at its start and after each publish
(webapp/warm_up.py), so that their first visitor reads kept results instead of computing them."""

from __future__ import annotations

import shutil
import time

import pytest
from web_fixture import BASE, DANAECARE, DELIBERATION, GRANT, SEM, app_on_fixture, template_data

from webapp.cache import SnapshotCache, get_cache, kept_for
from webapp.resources import close_resources
from webapp.server import _Server
from webapp import resource_tables
from webapp.resource_tables import WARMED_CLASSES
from webapp.warm_up import AGGREGATE_PAGES, CLASS_PAGES, PAGES, warm_pages, watch_in_background


@pytest.fixture
def app(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app


def cache_of(app):
    with app.app_context():
        return get_cache()


def published_state(app):
    with app.app_context():
        return kept_for()


def wait_until(condition, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the warm-up did not happen"
        time.sleep(0.02)


def assert_pages_compute_nothing(app, pages=PAGES) -> None:
    cache, client = cache_of(app), app.test_client()
    misses = cache.misses
    for path in pages:
        assert client.get(path).status_code == 200
    assert cache.misses == misses


def sorting_counted(monkeypatch) -> list[str]:
    """The classes whose instances the pages sort from now on."""
    sorted_ = []
    original = resource_tables._sorted_instances
    monkeypatch.setattr(resource_tables, "_sorted_instances", lambda s: sorted_.append(str(s)) or original(s))
    return sorted_


def publish_a_grant(app) -> None:
    turtle = f"""<{BASE}grant/sem-danaecare-2025> a <https://w3id.org/maillage/ontology#Grant> ;
      <http://schema.org/funder> <{SEM}> ; <https://w3id.org/maillage/ontology#beneficiary> <{DANAECARE}> ;
      <http://schema.org/amount> "1000"^^<http://www.w3.org/2001/XMLSchema#decimal> ;
      <https://w3id.org/maillage/ontology#fiscalYear> 2025 ."""
    with app.app_context():
        with app.extensions["maillage.store"].writer() as writer:
            writer.replace_graph(BASE + "source/test-warm-up", turtle.encode(), "turtle")


def test_after_the_warm_up_the_aggregate_pages_compute_nothing(app):
    assert len(cache_of(app)) == 0
    warm_pages(app)
    assert len(cache_of(app)) > 0
    assert_pages_compute_nothing(app)


def test_a_crawl_of_resource_pages_does_not_push_the_warmed_aggregates_out(app, monkeypatch):
    app.extensions["maillage.cache"] = SnapshotCache(max_entries=2)  # each resource page keeps an entry or more
    warm_pages(app)
    client = app.test_client()
    for iri in (DANAECARE, SEM, GRANT, DELIBERATION):
        assert client.get("/resource", query_string={"iri": iri}).status_code == 200
    assert_pages_compute_nothing(app, AGGREGATE_PAGES)
    sorted_ = sorting_counted(monkeypatch)
    for path in CLASS_PAGES:  # their instances still kept (the pages' other entries, cheap, may go)
        assert client.get(path).status_code == 200
    assert sorted_ == []


def test_after_the_warm_up_the_largest_classes_pages_sort_nothing_in_the_configured_language(app, monkeypatch):
    warm_pages(app)
    sorted_ = sorting_counted(monkeypatch)
    client = app.test_client()
    for path in CLASS_PAGES:
        assert client.get(path).status_code == 200
    assert sorted_ == []
    for path in CLASS_PAGES:  # the other language's order is sorted when asked for, and not pinned
        assert client.get(path + "&lang=en").status_code == 200
    assert sorted_ == [str(c) for c in WARMED_CLASSES]
    with app.app_context():
        pinned = {key[1][1] for key in get_cache()._pinned if key[0] == "rows" and key[1][0] == "instances"}
    assert pinned == {str(c) for c in WARMED_CLASSES}


def test_the_pages_are_warmed_at_start_then_after_each_publish_without_a_request(app):
    watch = watch_in_background(app, interval=0.02, quiet=0.1)
    try:
        first = published_state(app)
        wait_until(lambda: watch.warmed == first)
        assert cache_of(app).state == first and len(cache_of(app)) > 0
        publish_a_grant(app)
        second = published_state(app)
        assert second != first
        wait_until(lambda: watch.warmed == second)
        assert cache_of(app).state == second
        assert_pages_compute_nothing(app)
        funding = app.test_client().get("/funding.json").get_json()
        assert 2025 in {row["year"] for row in funding["by_year"]["rows"]}
    finally:
        watch.stop()


def test_no_page_is_warmed_while_a_writer_holds_the_store_and_they_are_once_it_is_done(app):
    watch = None
    try:
        with app.extensions["maillage.store"].writer():
            watch = watch_in_background(app, interval=0.02, quiet=0.1)
            time.sleep(0.3)
            assert watch.warmed is None and cache_of(app).misses == 0
        wait_until(lambda: watch.warmed == published_state(app))
        assert_pages_compute_nothing(app)
    finally:
        if watch is not None:
            watch.stop()


def test_a_store_that_cannot_tell_its_state_is_not_warmed(app, monkeypatch):
    store = app.extensions["maillage.store"]
    monkeypatch.setattr(store, "state", lambda: {"backend": "sparql", "query_url": "http://127.0.0.1:1/q"})
    watch = watch_in_background(app, interval=0.02, quiet=0.1)
    time.sleep(0.3)
    watch.stop()
    assert watch.warmed is None and cache_of(app).misses == 0


def test_a_worker_of_maillage_serve_warms_its_pages(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(template_data(), data)
    monkeypatch.setenv("MAILLAGE_DATA", str(data))
    app = _Server({"bind": "127.0.0.1:0"}).load()  # what each gunicorn worker runs after it starts
    watch = app.extensions["maillage.warm_up"]
    try:
        wait_until(lambda: watch.warmed is not None)
        assert watch.warmed == published_state(app)
        assert_pages_compute_nothing(app)
    finally:
        watch.stop()
        close_resources(app)


def test_the_warm_up_reads_each_named_querys_resource_columns_before_its_first_page(app):
    from webapp.named_queries import named_queries, resource_variables
    from webapp.warm_up import warm_named_queries

    resource_variables.cache_clear()
    warm_named_queries(app)
    assert resource_variables.cache_info().currsize == len(named_queries())
