"""bench/heavy_pages.py: its queries find the heaviest resource of each kind, and its paths are the pages'."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
from web_fixture import DANAECARE, FIXTURE_TTL, GOAL, GOAL2, PLACE, PTCE, SEM, SESSION, SOURCE, XSS

sys.path.append(str(Path(__file__).resolve().parent.parent / "bench"))
from heavy_pages import HEAVIEST, PREFIXES, page_of  # noqa: E402


def test_each_query_finds_the_resource_with_the_most_links_of_its_kind():
    store = ox.Store()
    store.load(FIXTURE_TTL, ox.RdfFormat.TURTLE)
    found = {what: [s["x"].value for s in store.query(PREFIXES + query)] for what, query in HEAVIEST}
    assert found["funder of the most grants"] == [SEM]
    assert found["beneficiary of the most grants"] in ([DANAECARE], [XSS])  # a grant each: either
    assert found["place of the most actors"] == [PLACE] and found["pole of the most members"] == [PTCE]
    assert found["goal of the most grants"] in ([GOAL], [GOAL2])
    assert found["session of the most people present"] == [SESSION]
    assert found["source of the most resources"] == [SOURCE]


def test_a_resource_under_the_base_has_its_own_path_any_other_the_resource_page():
    assert page_of(DANAECARE) == "/id/actor/danaecare"
    assert page_of("https://w3id.org/maillage/ontology/theme/prevention") == (
        "/resource?iri=https%3A%2F%2Fw3id.org%2Fmaillage%2Fontology%2Ftheme%2Fprevention")
