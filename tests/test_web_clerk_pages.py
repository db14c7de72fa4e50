"""The founding deliberation (``examples/``, n° 2024.00240) and its session as a clerk of the council reads them: a
session's facts in the order of a register's heading, with its authority and each list's count; each quote beside
the fact it supports; the deliberation's number in its heading, its grants' nature, year and account; each of an
actor's places once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from web_fixture import client_over

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DEMO = [EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt",
        EXAMPLES / "ptce-registre.yaml"]
DELIBERATION = "/id/deliberation/siren-244200770/2024-00240"
SESSION = "/id/session/siren-244200770/bureau-metropolitain/2024-05-16"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """A client of an app over the demo's deliberation and register, ingested once: the tests only read it."""
    yield from client_over(tmp_path_factory.mktemp("clerk") / "data", DEMO)


def _page(client, path: str, lang: str = "fr") -> str:
    return client.get(path, query_string={"lang": lang}, headers=HTML).get_data(as_text=True)


def _terms(section: str) -> list[str]:
    """The names of the properties of a ``<dl>``, as shown (their tooltips' texts aside)."""
    return [re.sub(r"<[^>]+>", "", term).strip() for term in re.findall(r'<dt><span title="[^"]*">(.*?)</span>',
                                                                         section)]


def _quotes(html: str) -> list[str]:
    return re.findall(r"<blockquote>«&nbsp;(.*?)&nbsp;»</blockquote>", html, re.S)


def _properties(page: str, heading: str = "Propriétés") -> str:
    start = page.index(f"<h2>{heading}</h2>")
    return page[start:page.index("</section>", start)]


def test_a_sessions_page_says_its_facts_in_the_order_of_a_registers_heading_each_list_with_its_count(client):
    """They came in alphabetical order: « excusé » before « présent », the chair after the 54 names."""
    terms = _terms(_properties(_page(client, SESSION)))
    assert terms[:13] == ["collectivité", "organe", "date", "convoquée le", "président de séance",
                          "secrétaire de séance", "membres en exercice", "membres présents", "nombre de pouvoirs",
                          "nombre de voix", "Présents (54)", "Pouvoirs (8)", "Excusés (6)"]
    english = _terms(_properties(_page(client, SESSION, "en"), "Properties"))
    assert english[10:13] == ["Present (54)", "Proxies (8)", "Excused (6)"]


def test_a_sessions_page_names_the_authority_whose_body_met(client):
    properties = _properties(_page(client, SESSION))
    first = properties[properties.index("<dd>"):properties.index("</dd>")]
    assert 'href="/id/actor/siren-244200770">Saint-Etienne Métropole</a>' in first
    assert client.get(SESSION + ".json").get_json()["authority"] == {
        "iri": "https://w3id.org/maillage/id/actor/siren-244200770", "label": "Saint-Etienne Métropole"}


def test_a_sessions_page_sets_each_quote_beside_the_fact_it_supports(client):
    page = _page(client, SESSION)
    properties = _properties(page)
    assert '<details class="why">' not in page[:page.index("<h2>Propriétés</h2>")]  # all ten were atop the page
    chair = properties[properties.index("président de séance"):properties.index("secrétaire de séance")]
    assert _quotes(chair) == ["Président de séance : Mme Sylvie FAYOLLE"]
    present = properties[properties.index("Présents (54)"):properties.index("Pouvoirs (8)")]
    assert [q[:30] for q in _quotes(present)] == ["Membres titulaires présents :\n"]
    assert len(_quotes(properties)) == 10


def test_a_deliberations_key_facts_are_quoted_with_their_counts_and_its_lists_with_their_names(client):
    """« L'essentiel » showed 68/54/8/62 under the quotes of its vote and its stamp; the counts', the chair's and
    the lists' quotes were under the session's « Pourquoi ? » far below."""
    page = _page(client, DELIBERATION)
    summary = page[page.index('<section class="summary">'):]
    summary = summary[:summary.index("</section>")]
    assert {"membres en exercice : 68", "Nombre de présents : 54", "Nombre de pouvoirs : 8",
            "Nombre de voix : 62", "Ce dossier a été adopté à l&#39;unanimité."} <= set(_quotes(summary))
    attendance = page[page.index('<section class="attendance">'):]
    attendance = attendance[:attendance.index("</section>")]
    facts = attendance[:attendance.index('<details class="attendance-list"')]
    assert set(_quotes(facts)) == {"convoqué le 07 mai 2024", "Président de séance : Mme Sylvie FAYOLLE",
                                   "Secrétaire de séance : Mme Siham LABICH"}
    excused = attendance[attendance.index('id="attendance-excused"'):]
    excused = excused[:excused.index('<div class="print-only')]
    assert [q[:35] for q in _quotes(excused)] == ["Membres titulaires absents excusés "]
    below = _quotes(_properties(page))  # the session's ten quotes are no longer repeated below (the title's, for
    assert below and all(q.startswith("PROGRAMME") for q in below)  # its themes, are)


def test_a_deliberations_heading_says_its_number(client):
    assert "<h1>Délibération n°\u00a02024.00240 — <span>PROGRAMME DE COOPÉRATION" in _page(client, DELIBERATION)
    assert "<title>Délibération n°\u00a02024.00240 — PROGRAMME" in _page(client, DELIBERATION)


def test_a_deliberations_decided_grants_say_their_nature_year_and_account(client):
    data = client.get(DELIBERATION + ".json").get_json()["decided_grants"]
    assert data["columns"] == ["grant", "beneficiary", "amount", "nature", "year", "account", "purpose"]
    [row] = data["rows"]
    assert (row["nature"]["label"], row["year"], row["account"]) == ("subvention de fonctionnement", 2024,
                                                                       "SERV/65748/PROCE")
    page = _page(client, DELIBERATION)
    table = page[page.index("Ce que la délibération décide"):page.index("</table>", page.index("Ce que la"))]
    assert all(f"<th scope=\"col\">{header}</th>" in table for header in ("Nature", "Année", "Imputation"))
    assert "<td>SERV/65748/PROCE</td>" in table and "<td>2024</td>" in table


def test_an_actors_places_are_each_said_once_by_its_site_there(client):
    """DanaeCare's « lieu » listed 4 values for 2 places: the deliberation links the actor to each place and to its
    site there (the place and since when)."""
    [location] = [p for p in client.get("/id/actor/danaecare.json").get_json()["properties"]
                  if p["property"]["iri"] == "http://schema.org/location"]
    assert [v["label"] for v in location["values"]] == ["implantation de DanaeCare (bassin stéphanois, depuis 2019)",
                                                        "tiers-lieu santé (L'Étrat)"]
    assert len(location["value_sources"]) == 2
