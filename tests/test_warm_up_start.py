"""What a web worker does first at its start: the pages a visitor asks for first, then the named queries' columns.

Why: rdflib's parsing of every named query (0.8 s at start, webapp.warm_up.warm_named_queries) holds the interpreter;
run beside the first warm-up, it delayed the home page of a worker just started (at 100k actors, ~3 s later).
"""

from __future__ import annotations

import threading
import time

import pytest
from web_fixture import app_on_fixture

import webapp.warm_up
from webapp.resources import close_resources


@pytest.fixture
def app(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app


@pytest.fixture
def steps(monkeypatch) -> list[str]:
    """The warm-up's steps as they happen, in order."""
    done: list[str] = []
    monkeypatch.setattr(webapp.warm_up, "warm_pages", lambda app, pages=(): done.append("pages"))
    monkeypatch.setattr(webapp.warm_up, "warm_named_queries", lambda app: done.append("named queries"))
    return done


def wait_for(steps: list[str], count: int) -> None:
    deadline = time.monotonic() + 30
    while len(steps) < count:
        assert time.monotonic() < deadline, f"the warm-up stopped at {steps}"
        time.sleep(0.02)


def test_the_named_queries_are_read_after_the_first_warm_up_of_the_pages(app, steps):
    watch = webapp.warm_up.watch_in_background(app, interval=0.05)
    try:
        wait_for(steps, 2)
        time.sleep(0.2)  # a few more looks at the same state
    finally:
        watch.stop()
        close_resources(app)
    assert steps == ["pages", "named queries"]


def test_the_search_warm_up_leaves_the_named_queries_to_the_pages_warm_up(app, steps):
    webapp.warm_up.warm_search_in_background(app)
    for thread in threading.enumerate():
        if thread.name == "maillage-search-warm-up":
            thread.join(30)
    close_resources(app)
    assert steps == []
