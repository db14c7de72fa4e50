"""The search page keeps its filters: every value of a repeated one, in its page, facet and JSON links and its form.

The corpus is the generated one of the facet-count tests (fixed seed): actors and their grants over three years,
an actor holding the years of all its grants, so that ``q=soins`` finds two kinds and several years.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from click.testing import CliRunner

from test_search_corpus import THEMES_TTL, iri, write
from test_search_facet_counts import generated_ttl
from webapp.cli import main
from web_fixture import client_on

HTML = {"Accept": "text/html"}
BOTH_KINDS = "q=soins&type=actor&type=grant"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A data directory holding the generated corpus, filled by `maillage ingest` (which builds the index)."""
    root = tmp_path_factory.mktemp("filters")
    files = [str(write(root, "themes.ttl", THEMES_TTL)), str(write(root, "actors.ttl", generated_ttl()))]
    result = CliRunner().invoke(main, ["--data", str(root / "data"), "ingest", *files])
    assert result.exit_code == 0, result.output
    return str(root / "data")


@pytest.fixture
def client(data):
    yield from client_on(data)


def _page(client, query: str) -> str:
    response = client.get("/search?" + query, headers=HTML)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _params(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(html.unescape(url)).query, keep_blank_values=True)


def _total(page: str) -> int:
    return int(re.search(r'<h2 id="results-count">(\d+) (?:résultats?|results?)</h2>', page)[1])


def _next_url(page: str) -> str:
    return html.unescape(re.search(r'<a href="([^"]*)" rel="next">', page)[1])


def _json_url(page: str) -> str:
    return html.unescape(re.search(r'<a href="([^"]*)" rel="alternate" type="application/json">', page)[1])


def _facets(page: str) -> dict[str, dict[str, tuple[str, int | None]]]:
    """Each facet's links by heading: {label: (url, count)}, the link that clears the facet with no count."""
    facets = {}
    for heading, block in re.findall(r"<h3>([^<]*)</h3>\s*<ul>(.*?)</ul>", page, re.S):
        links = re.findall(r'<a href="([^"]*)"[^>]*>([^<]*)(?:<span[^>]*>[^<]*</span>)?</a>(?: \((\d+)\))?', block)
        facets[heading] = {html.unescape(label): (html.unescape(url), int(count) if count else None)
                           for url, label, count in links}
    return facets


def _hidden(page: str) -> list[tuple[str, str]]:
    form = re.search(r'<form class="search".*?</form>', page, re.S)[0]
    return [(html.unescape(n), html.unescape(v)) for n, v in
            re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', form)]


def test_the_next_page_link_keeps_both_kinds_and_gives_the_same_total(client):
    first = _page(client, BOTH_KINDS)
    following = _next_url(first)
    assert _params(following) == [("q", "soins"), ("type", "actor"), ("type", "grant"), ("page", "2")]
    assert _total(_page(client, urlsplit(following).query)) == _total(first) == 128


def test_a_page_link_replaces_the_page_and_keeps_every_other_value(client):
    second = _page(client, "q=soins&page=2&type=actor&type=grant&year=2023&year=2024")
    assert _params(_next_url(second)) == [("q", "soins"), ("type", "actor"), ("type", "grant"), ("year", "2023"),
                                          ("year", "2024"), ("page", "3")]


def test_the_json_twin_keeps_both_kinds_and_answers_the_pages_total(client):
    page = _page(client, BOTH_KINDS + "&page=2")
    twin = _json_url(page)
    assert _params(twin) == [("q", "soins"), ("type", "actor"), ("type", "grant"), ("page", "2")]
    assert client.get(twin).get_json()["total"] == _total(page)


def test_two_themes_are_alternatives_on_the_page_as_on_its_json_twin(client):
    page = _page(client, "q=soins&theme=test-psychiatrie&theme=test-aidants")
    one, other = (_total(_page(client, f"q=soins&theme={theme}")) for theme in ("test-psychiatrie", "test-aidants"))
    assert max(one, other) < _total(page) == client.get(_json_url(page)).get_json()["total"]
    assert _hidden(page) == [("theme", "test-psychiatrie"), ("theme", "test-aidants")]


def test_a_kind_facet_link_from_two_kinds_keeps_the_other_filters_and_gives_its_count(client):
    kinds = _facets(_page(client, BOTH_KINDS + "&year=2023&year=2024"))["Type"]
    url, count = kinds["Subvention"]
    assert _params(url) == [("q", "soins"), ("year", "2023"), ("year", "2024"), ("type", "grant")]
    assert _total(_page(client, urlsplit(url).query)) == count == 53


def test_a_facet_link_of_another_facet_keeps_both_kinds(client):
    url, count = _facets(_page(client, BOTH_KINDS))["Année"]["2023"]
    assert _params(url) == [("q", "soins"), ("type", "actor"), ("type", "grant"), ("fiscal_year", "2023")]
    assert _total(_page(client, urlsplit(url).query)) == count


@pytest.mark.parametrize("name", ["year", "fiscal_year"])
def test_a_year_facet_link_replaces_the_year_under_either_name_and_does_not_widen(client, name):
    url, _ = _facets(_page(client, f"q=soins&{name}=2023"))["Année"]["2024"]
    assert _params(url) == [("q", "soins"), ("fiscal_year", "2024")]
    assert _total(_page(client, urlsplit(url).query)) == _total(_page(client, "q=soins&year=2024"))


def test_a_year_facet_link_from_two_years_narrows_to_its_year_and_its_count(client):
    page = _page(client, "q=soins&year=2023&year=2024")
    url, count = _facets(page)["Année"]["2023"]
    assert _params(url) == [("q", "soins"), ("fiscal_year", "2023")]
    assert _total(_page(client, urlsplit(url).query)) == count == 43 < _total(page)


def test_the_year_facets_clear_link_clears_the_year_under_both_names(client):
    clear, count = _facets(_page(client, "q=soins&type=grant&year=2023&fiscal_year=2024"))["Année"]["Tout afficher"]
    assert count is None and _params(clear) == [("q", "soins"), ("type", "grant")]


def test_the_form_carries_every_filter_value_but_not_the_page_nor_its_own_fields(client):
    funder = iri("actor/metropole")
    query = f"q=soins&type=actor&type=grant&year=2023&year=2024&funder={funder}&sort=name&page=2"
    assert _hidden(_page(client, query)) == [("type", "actor"), ("type", "grant"), ("year", "2023"),
                                             ("year", "2024"), ("funder", funder)]


def test_sorting_with_the_form_keeps_the_total(client):
    page = _page(client, BOTH_KINDS + "&year=2023")
    submitted = [("q", "soins"), *_hidden(page), ("sort", "name")]
    assert _total(client.get("/search", query_string=submitted, headers=HTML).get_data(as_text=True)) == \
        _total(page) == 43


def test_in_english_the_page_keeps_both_kinds_in_its_links_and_its_form(client):
    page = _page(client, BOTH_KINDS + "&lang=en")
    assert _total(page) == 128 and "<h3>Year</h3>" in page
    assert _params(_next_url(page)) == [("q", "soins"), ("type", "actor"), ("type", "grant"), ("lang", "en"),
                                        ("page", "2")]
    assert _hidden(page) == [("type", "actor"), ("type", "grant"), ("lang", "en")]
    url, count = _facets(page)["Kind"]["Grant"]
    assert _params(url) == [("q", "soins"), ("lang", "en"), ("type", "grant")] and count == 74
