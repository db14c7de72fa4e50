"""The memberships list of a pole's or a circle's page, a page at a time: its link to the next page says how many it
loads (« 3 de plus » loaded 2), and a page past its end says so and links to the last page (it said « Aucun
résultat. »), as the instances and incoming links already did."""

from __future__ import annotations

import html
import re

import pytest
from web_fixture import COEUR, client_with

HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/json"}
#: A pole of five members, today's first: Membre 1, 2, 4, then the former ones, Membre 5 and 3.
POLE = """@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://ex.org/> .
ex:pole a mai:Cooperation ; rdfs:label "Pôle" .
""" + "".join(f'ex:a{n} a mai:Association ; rdfs:label "Membre {n}" .\n'
              f'ex:m{n} a org:Membership ; org:member ex:a{n} ; org:organization ex:pole ; org:role <{COEUR}> ;\n'
              f'  mai:joinedOn "{joined}"^^xsd:date{left} .\n'
              for n, joined, left in [(1, "2020-01-01", ""), (2, "2021-01-01", ""),
                                      (3, "2019-01-01", ' ; mai:leftOn "2022-01-01"^^xsd:date'), (4, "2022-06-01", ""),
                                      (5, "2018-01-01", ' ; mai:leftOn "2020-01-01"^^xsd:date')])
PAGE = "/resource?iri=https://ex.org/pole"


@pytest.fixture
def two_per_page(monkeypatch):
    monkeypatch.setattr("webapp.resource_pages.MEMBERSHIPS_PAGE_SIZE", 2)


def main_of(page: str) -> str:
    return re.search(r"<main.*?</main>", page, re.S).group(0)


def text_of(page: str) -> str:
    """A page's words, tags left out and entities read."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.parametrize("lang, wording", [("fr", r"2 suivants \(3 de plus\)"), ("en", r"next 2 \(3 more\)")])
def test_the_link_to_the_next_memberships_says_how_many_it_loads(tmp_path, two_per_page, lang, wording):
    with client_with(tmp_path, POLE) as client:
        page = client.get(f"{PAGE}&lang={lang}", headers=HTML).get_data(as_text=True)
        link = re.search(rf'<a href="([^"]+)" rel="next">{wording}</a>', page)
        assert link, main_of(page)
        rows = client.get(html.unescape(link.group(1)), headers=JSON).get_json()["memberships"]["rows"]
    assert [row["member"]["label"] for row in rows] == ["Membre 4", "Membre 5"]


@pytest.mark.parametrize("offset", [5, 99])
def test_a_memberships_page_past_the_end_says_so_and_links_to_the_last_page(tmp_path, two_per_page, offset):
    with client_with(tmp_path, POLE) as client:
        page = main_of(client.get(f"{PAGE}&members_offset={offset}", headers=HTML).get_data(as_text=True))
        last = re.search(r'<a href="([^"]+)">Aller à la dernière page</a>', page)
        assert last, page
        last_page = main_of(client.get(html.unescape(last.group(1)), headers=HTML).get_data(as_text=True))
    assert f"Rien à afficher à partir de la position {offset + 1} : les listes de cette page s'arrêtent à 5." \
        in text_of(page)
    assert "Aucun résultat." not in text_of(page) and 'rel="prev"' not in page
    assert "members_offset=4" in last.group(1) and ">Membre 3<" in last_page and "Rien à afficher" not in last_page


def test_the_json_twin_counts_the_memberships_past_the_end_of_their_list(tmp_path, two_per_page):
    """The count is what tells a reader of the JSON where the list ends, where its page of rows is empty."""
    with client_with(tmp_path, POLE) as client:
        data = client.get(f"{PAGE}&members_offset=99", headers=JSON).get_json()
    assert (data["memberships"]["rows"], data["memberships_count"], data["members_offset"]) == ([], 5, 99)
