"""What a crawl of the explorer found on its pages: figures whose links lead to other figures, pages past the end that
say nothing, an unknown language refused in another language than the reader's, two English names for one kind,
and smaller things (a quote's page titled by its IRI, "n more" links that load fewer, goals out of rank, source
kinds by their codes, "latest" grants that were the latest years')."""

from __future__ import annotations

import html
import re

import pyoxigraph as ox
import pytest
from web_fixture import COEUR, DANAECARE, GOAL, GOAL2, PTCE, app_on_fixture, client_with

HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/json"}
PREFIXES = """@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <https://ex.org/> .
"""


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app.test_client()


def text_of(page: str) -> str:
    """A page's words, tags left out and entities read."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def main_of(page: str) -> str:
    return re.search(r"<main.*?</main>", page, re.S).group(0)


# --- a circle's count on the home page ------------------------------------------------------------------------


def test_a_circles_count_on_the_home_page_links_to_the_poles_members_in_that_circle(tmp_path):
    """The circle's own page counts its members in every pole: « Cercle cœur — 1 membre » led to « Membres
    aujourd'hui : 2 »."""
    turtle = PREFIXES + f"""ex:pole a mai:Cooperation ; rdfs:label "Pôle voisin" .
ex:voisine a mai:Association ; rdfs:label "Association voisine" .
ex:m a org:Membership ; org:member ex:voisine ; org:organization ex:pole ; org:role <{COEUR}> ;
  mai:joinedOn "2024-02-01"^^xsd:date .
"""
    with client_with(tmp_path, turtle) as client:
        page = client.get("/", headers=HTML).get_data(as_text=True)
        card = re.search(r'<section class="card">\s*<h2>[^\n]*PTCE santé Loire.*?</section>', page, re.S).group(0)
        item = re.search(r'<li><a href="([^"]+)">Cercle cœur — 1 membre</a></li>', card)
        assert item, card
        rows = client.get(html.unescape(item.group(1)), headers=JSON).get_json()["results"]["rows"]
    assert [row["member"]["iri"] for row in rows] == [DANAECARE]


# --- pages past the end ---------------------------------------------------------------------------------------


@pytest.fixture
def one_grant_per_page(monkeypatch):
    monkeypatch.setattr("webapp.resource_pages.GRANTS_PAGE_SIZE", 1)


def test_a_grants_page_past_the_last_says_so_and_links_to_the_last_page(client, one_grant_per_page):
    page = main_of(client.get("/id/actor/saint-etienne-metropole?page=99", headers=HTML).get_data(as_text=True))
    assert "La page 99 n'existe pas : les subventions s'arrêtent à la page 2." in text_of(page)
    assert '<a href="/id/actor/saint-etienne-metropole?page=2">Aller à la dernière page</a>' in page
    assert "Page 99" not in page and "page=98" not in page


@pytest.mark.parametrize("url", ["/resource?iri=https://ex.org/Thing&offset=99",
                                 "/resource?iri=https://ex.org/Thing&offset=4"])
def test_a_class_page_past_the_end_of_its_instances_says_so_and_links_to_the_last_page(tmp_path, monkeypatch, url):
    """A class that only its instances' types name answered « aucune donnée » (404) past the end of its list."""
    monkeypatch.setattr("webapp.resource_pages.INVERSE_CAP", 2)
    turtle = PREFIXES + "".join(f'ex:t{n} a ex:Thing ; rdfs:label "Chose {n}" .\n' for n in range(3))
    with client_with(tmp_path, turtle) as client:
        response = client.get(url, headers=HTML)
        page = main_of(response.get_data(as_text=True))
        last = re.search(r'<a href="([^"]+)">Aller à la dernière page</a>', page)
        assert response.status_code == 200 and last, page
        last_page = main_of(client.get(html.unescape(last.group(1)), headers=HTML).get_data(as_text=True))
    assert "Rien à afficher à partir de la position" in text_of(page) and 'rel="prev"' not in page
    assert "offset=2" in last.group(1) and "Chose 2" in last_page and "Rien à afficher" not in last_page


def test_an_incoming_links_page_past_the_end_says_so(client):
    page = main_of(client.get("/id/actor/danaecare?offset=50", headers=HTML).get_data(as_text=True))
    assert "Rien à afficher à partir de la position 51" in text_of(page)
    assert '<a href="/id/actor/danaecare?offset=0">Aller à la dernière page</a>' in page


def test_a_page_shows_no_empty_heading_nor_empty_list_of_kinds(client):
    """foaf:Person, which no source describes: « Propriétés » over nothing, and an empty ``<p class="kinds">``."""
    page = main_of(client.get("/resource?iri=http://xmlns.com/foaf/0.1/Person", headers=HTML).get_data(as_text=True))
    assert "<h2>Propriétés</h2>" not in page and 'class="kinds"' not in page
    assert "<h2>Instances</h2>" in page and "Alice Martin" in page


# --- the language of a refusal --------------------------------------------------------------------------------


def test_an_unknown_language_is_refused_in_the_cookies_language(client):
    client.set_cookie("maillage_lang", "en")
    response = client.get("/?lang=de", headers=HTML)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and '<html lang="en">' in page and "unknown language" in page


# --- one English name for a kind of actor ---------------------------------------------------------------------


def test_the_search_names_each_kind_of_actor_as_the_ontology_does():
    from search.document_kinds import ACTOR_TYPES, LABELS_EN
    from webapp.labels import term_label

    from rdflib import URIRef

    names = [(french, LABELS_EN[code]) for _, code, french in ACTOR_TYPES]
    assert names == [(term_label(URIRef(cls), "fr"), term_label(URIRef(cls), "en")) for cls, _, _ in ACTOR_TYPES]


def test_the_english_search_badge_names_an_authority_as_the_home_page_does(client):
    page = client.get("/search?q=Saint-Etienne&type=collectivite&lang=en", headers=HTML).get_data(as_text=True)
    counts = client.get("/index.json?lang=en").get_json()["counts"]["rows"]
    assert "Public authority" in {row["kind"]["label"] for row in counts}
    assert "Public authority" in page and "Local authority" not in page


def test_an_authority_is_still_found_by_the_name_of_its_kind_of_member(client):
    """The kinds of PTCE members name a public authority « Local authority » (ontology/kinds.ttl): a reader who
    searches so finds it, though its type is shown "Public authority"."""
    found = client.get("/api/search?q=local+authority").get_json()
    assert any(hit["type"] == "collectivite" for hit in found["results"]), found


# --- smaller things -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, title", [("fr", "Extrait de deliberation.txt"), ("en", "Excerpt of deliberation.txt")])
def test_a_quotes_page_is_titled_by_its_source(client, lang, title):
    page = client.get(f"/id/evidence/deliberation-txt/1?lang={lang}", headers=HTML).get_data(as_text=True)
    assert f"<h1>{title}</h1>" in page and f"<title>{title}" in page


def test_the_link_to_the_next_instances_says_how_many_it_loads(tmp_path, monkeypatch):
    monkeypatch.setattr("webapp.resource_pages.INVERSE_CAP", 2)
    turtle = PREFIXES + "".join(f'ex:t{n} a ex:Thing ; rdfs:label "Chose {n}" .\n' for n in range(5))
    with client_with(tmp_path, turtle) as client:
        page = client.get("/resource?iri=https://ex.org/Thing", headers=HTML).get_data(as_text=True)
        link = re.search(r'<a href="([^"]+)" rel="next">2 suivants \(3 de plus\)</a>', page)
        assert link, main_of(page)
        rows = client.get(html.unescape(link.group(1)), headers=JSON).get_json()["instances"]["rows"]
    assert [row["instance"]["label"] for row in rows] == ["Chose 2", "Chose 3"]


def test_the_network_chooser_lists_a_poles_goals_in_rank_order(tmp_path):
    turtle = PREFIXES + f"""<{PTCE}> mai:hasGoal ex:g3 , ex:g10 .
ex:g3 a mai:StrategicGoal ; skos:prefLabel "Accompagner les projets"@fr ; skos:notation "3" .
ex:g10 a mai:StrategicGoal ; skos:prefLabel "Bâtir des partenariats"@fr ; skos:notation "10" .
"""
    with client_with(tmp_path, turtle) as client:
        rows = client.get("/network.json").get_json()["choices"]["rows"]
    assert [row["resource"]["iri"] for row in rows if (row["pole"] or {}).get("iri") == PTCE] == [
        GOAL, GOAL2, "https://ex.org/g3", "https://ex.org/g10"]


@pytest.mark.parametrize("lang, name", [("fr", "Fichier RDF"), ("en", "RDF file")])
def test_the_sources_query_names_their_kinds_as_source_pages_do(client, lang, name):
    page = client.get(f"/queries/sources-et-triplets?run=1&lang={lang}", headers=HTML).get_data(as_text=True)
    source = client.get(f"/id/source/fixture-ttl?lang={lang}", headers=HTML).get_data(as_text=True)
    assert f"<dd>{name}</dd>" in source
    assert f"<td>{name}</td>" in page and "<td>rdf</td>" not in page


def test_the_latest_grants_are_those_decided_last():
    """By year then amount, a grant decided in January came before one decided in December; one with a year only
    comes after the dated decisions of its year."""
    from graph.bindings import run_query
    from graph.namespaces import sparql_prologue
    from webapp.home import _LATEST

    mai, schema, dcterms = "https://w3id.org/maillage/ontology#", "http://schema.org/", "http://purl.org/dc/terms/"
    grants = [("january", 2024, 90000, "2024-01-10"), ("december", 2024, 100, "2024-12-01"),
              ("may", 2024, 20000, "2024-05-14"), ("undated", 2024, 50000, None), ("older", 2023, 99000, "2023-12-20")]
    turtle = "".join(
        f'<https://ex.org/{name}> a <{mai}Grant> ; <{mai}fiscalYear> {year} ; <{schema}amount> {amount} .\n'
        + (f'<https://ex.org/{name}> <{mai}decidedBy> <https://ex.org/d-{name}> .\n'
           f'<https://ex.org/d-{name}> <{dcterms}date> "{day}"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
           if day else "") for name, year, amount, day in grants)
    store = ox.Store()
    store.load(turtle.encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://ex.org/source"))
    rows = list(run_query(store, sparql_prologue() + _LATEST).raw_rows())
    assert [row[0].value.rsplit("/", 1)[1] for row in rows] == ["december", "may", "january", "undated", "older"]


@pytest.mark.parametrize("lang, unknown", [("fr", "année inconnue"), ("en", "unknown year")])
def test_a_grant_without_a_fiscal_year_is_shown_of_an_unknown_year(tmp_path, lang, unknown):
    """An RDF file's grant may give no `mai:fiscalYear`: its year and its total by year read « année inconnue », not
    "None"."""
    turtle = PREFIXES + (f'ex:g1 a mai:Grant ; mai:beneficiary <{DANAECARE}> ; '
                         '<http://schema.org/funder> ex:f ; <http://schema.org/amount> 900.0 .\n'
                         'ex:f a mai:PublicAuthority ; rdfs:label "Commune fictive" .\n')
    with client_with(tmp_path, turtle) as client:
        page = text_of(main_of(client.get(f"{DANAECARE}?lang={lang}".replace("https://w3id.org/maillage", ""),
                                          headers=HTML).get_data(as_text=True)))
    assert "None" not in page and unknown in page
