"""Which source states each value of a resource's page, when its facts come from more than one source."""

from __future__ import annotations

import pytest
from web_fixture import BASE, DANAECARE, FIXTURE_GRAPH, PREVENTION, SEM, app_on_fixture, client_with

SECOND_SOURCE = BASE + "source/second-ttl"
SANTE_MENTALE = "https://w3id.org/maillage/ontology/theme/sante-mentale"

# A second file that says again DanaeCare's name and gives it a theme of its own.
SECOND = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{DANAECARE}> a mai:Association ; rdfs:label "DanaeCare" ; dcterms:subject <{SANTE_MENTALE}> .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("sources"), SECOND, "second.ttl") as client:
        yield client


def _values_by_source(data: dict, prop: str) -> dict[str, list[str]]:
    """The values of ``prop`` on a page's JSON, each with the sources that state it."""
    group = next(g for g in data["properties"] if g["property"]["iri"] == prop)
    return {(v["iri"] if isinstance(v, dict) else v): sources for v, sources in zip(group["values"],
                                                                                     group["value_sources"])}


def test_a_page_names_the_sources_of_its_facts_in_order_of_their_names(client):
    data = client.get("/id/actor/danaecare.json").get_json()
    assert data["sources"] == [{"iri": FIXTURE_GRAPH, "label": "fixture.ttl"},
                               {"iri": SECOND_SOURCE, "label": "second.ttl"}]


def test_each_value_says_which_sources_state_it(client):
    data = client.get("/id/actor/danaecare.json").get_json()
    assert _values_by_source(data, "http://purl.org/dc/terms/subject") == {
        PREVENTION: [FIXTURE_GRAPH], SANTE_MENTALE: [SECOND_SOURCE]}
    assert _values_by_source(data, "http://www.w3.org/2000/01/rdf-schema#label") == {
        "DanaeCare": [FIXTURE_GRAPH, SECOND_SOURCE]}


@pytest.mark.parametrize("lang, note, stated_by", [
    ("fr", "Ces faits viennent de 2 sources", "selon second.ttl"),
    ("en", "These facts come from 2 sources", "according to second.ttl")])
def test_the_html_page_marks_each_value_with_a_numbered_link_to_its_source(client, lang, note, stated_by):
    page = client.get(f"/id/actor/danaecare.html?lang={lang}").get_data(as_text=True)
    assert note in page
    theme = page[page.index("sante-mentale"):]
    mark = theme[:theme.index("</dd>")]
    assert f'<a href="/id/source/second-ttl" title="{stated_by}" aria-label="{stated_by}">2</a>' in mark
    assert "/id/source/fixture-ttl" not in mark


def test_a_value_that_every_source_states_has_no_mark(client):
    page = client.get("/id/actor/danaecare.html?lang=fr").get_data(as_text=True)
    assert "<dd>DanaeCare</dd>" in page


def test_a_page_whose_facts_come_from_one_source_has_no_marks(tmp_path):
    with app_on_fixture(tmp_path) as app:
        client = app.test_client()
        data = client.get("/id/actor/saint-etienne-metropole.json").get_json()
        page = client.get("/id/actor/saint-etienne-metropole.html").get_data(as_text=True)
    assert data["iri"] == SEM and data["sources"] == [{"iri": FIXTURE_GRAPH, "label": "fixture.ttl"}]
    assert 'class="sources"' not in page
