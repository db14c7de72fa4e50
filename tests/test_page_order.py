"""The order and wording of the resource pages and the named query pages, as a phone user reads them from the top:
a deliberation's key facts before who attended, an actor's circle before its IRI, a theme's actors before its
thesaurus relations, a query's results before its form (a blind phone user's findings 5, 6, 10 and 11)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from web_fixture import BASE, COEUR, DANAECARE, DELIBERATION, PREVENTION, PTCE, SESSION, app_on_fixture, client_with

HTML = {"Accept": "text/html"}

#: The fixture's deliberation, with the outcome and counts of its vote, the people present at it and a quote.
VOTE = f"""@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix oa: <http://www.w3.org/ns/oa#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<{DELIBERATION}> mai:outcome <https://w3id.org/maillage/ontology/outcome/adopted-unanimously> ;
    mai:membersPresent 3 ; mai:proxyCount 1 ; mai:voteCount 4 ;
    mai:present <{BASE}person/anne-a>, <{BASE}person/bruno-b>, <{BASE}person/chloe-c> ;
    mai:excused <{BASE}person/denis-d> ; mai:evidence <{BASE}evidence/vote-1> .
<{BASE}evidence/vote-1> a oa:TextQuoteSelector ; oa:exact "Ce dossier a été adopté à l'unanimité." ;
    prov:wasDerivedFrom <{BASE}source/deliberation-txt> .
<{BASE}person/anne-a> a foaf:Person ; rdfs:label "Anne A" .
<{BASE}person/bruno-b> a foaf:Person ; rdfs:label "Bruno B" .
<{BASE}person/chloe-c> a foaf:Person ; rdfs:label "Chloé C" .
<{BASE}person/denis-d> a foaf:Person ; rdfs:label "Denis D" .
"""


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app.test_client()


@pytest.fixture
def voted(tmp_path):
    with client_with(tmp_path, VOTE, "vote.ttl") as client:
        yield client


def _page(client, url: str, lang: str = "fr") -> str:
    response = client.get(url + ("&" if "?" in url else "?") + f"lang={lang}", headers=HTML)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True).replace("&#39;", "'")


def _text(body: str) -> str:
    """An HTML fragment's text as shown, tags and runs of spaces made single spaces (a property's meaning, in
    visually hidden text for screen readers, left out)."""
    shown = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", body)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", shown)).strip()


def _main(page: str) -> str:
    return page[page.index('<main id="main">'):page.index("</main>")]


def test_a_deliberations_key_facts_come_before_who_attended(voted):
    page = _main(_page(voted, "/id/deliberation/saint-etienne-metropole/2024-00240"))
    summary = page[page.index('<section class="summary">'):page.index("</section>")]
    text = _text(summary)
    for fact in ("2024.00240", "14 mai 2024", "Saint-Etienne Métropole", "Adopté à l'unanimité",
                 "membres présents 3", "nombre de pouvoirs 1", "nombre de voix 4"):
        assert fact.lower() in text.lower(), fact
    assert page.index('<section class="summary">') < page.index("Anne A") and "Anne A" not in summary
    # the quote that supports these facts is under them, and says so
    why = re.search(r'<details class="why">\s*<summary>([^<]*)</summary>', summary)
    assert why and why.group(1) == "Pourquoi ces faits ? (1 extrait)" and "adopté à l'unanimité" in summary


def test_a_deliberations_attendance_lists_are_folded_with_their_counts(voted):
    page = _main(_page(voted, "/id/deliberation/saint-etienne-metropole/2024-00240"))
    folded = re.findall(r'<details class="attendance-list" id="([\w-]+)">\s*<summary>(.*?)</summary>(.*?)</details>',
                        page, re.S)
    assert [(anchor, _text(heading)) for anchor, heading, _ in folded] == [
        ("attendance-present", "Présents (3)"), ("attendance-excused", "Excusés (1)")]
    assert all(" open" not in anchor for anchor, _, _ in folded)
    assert [_text(names) for _, _, names in folded] == ["Anne A Bruno B Chloé C", "Denis D"]


def test_a_deliberations_attendance_lists_are_named_in_english_too(voted):
    page = _main(_page(voted, "/id/deliberation/saint-etienne-metropole/2024-00240", "en"))
    assert "Present (3)" in page and "Excused (1)" in page and "Why these facts? (1 quote)" in page


def test_a_session_without_its_own_vote_keeps_its_folded_lists(client):
    page = _main(_page(client, "/id/deliberation/saint-etienne-metropole/2024-00240"))
    assert "Présents (1)" in _text(page) and "Excusés (1)" in _text(page)


def test_an_actors_page_says_its_circle_first_and_its_address_and_formats_last(client):
    page = _main(_page(client, "/id/actor/danaecare"))
    circle = page.index('<ul class="membership-summary">')
    line = _text(page[circle:page.index("</ul>", circle)]).replace(" ,", ",")
    assert line == "PTCE santé Loire — Cercle cœur, depuis le 15 janvier 2024"
    assert circle < page.index("<h2>Propriétés</h2>")
    data = page.index('<section class="data">')
    assert page.index('<p class="iri">') > data and page.index('<p class="formats">') > data
    assert page.index(">Turtle</a>") > page.index("<h2>Propriétés</h2>")
    assert "<h2>Données</h2>" in page[data:]


def test_an_actors_page_names_only_its_most_specific_types(client):
    page = _main(_page(client, "/id/actor/danaecare"))
    for jargon in (">Agent<", ">ONG<", ">Organisation formelle<", ">Acteur<"):
        assert jargon not in page, jargon
    assert ">Association<" in page


def test_an_actors_incoming_links_are_named_in_plain_words(client):
    fr, en = _main(_page(client, "/id/actor/danaecare")), _main(_page(client, "/id/actor/danaecare", "en"))
    assert "Relations entrantes" not in fr and "<h2>Liens vers cette fiche</h2>" in fr
    assert "membre par l'adhésion" not in fr and ">ses adhésions<" in fr
    assert "Incoming relations" not in en and "<h2>Links to this page</h2>" in en and ">its memberships<" in en


def test_a_named_query_given_its_parameters_shows_its_results_before_its_form(client):
    url = f"/queries/membres-actuels-par-cercle?circle={quote(COEUR, safe='')}&pole={quote(PTCE, safe='')}&run=1"
    page = _main(_page(client, url))
    assert page.index("<h2>Résultats</h2>") < page.index("<form")
    assert page.index("DanaeCare") < page.index("<form")
    given = _text(re.search(r'<p class="query-given">(.*?)</p>', page, re.S).group(1))
    assert given == "Paramètres de la recherche : Cercle : Cercle cœur · PTCE : PTCE santé Loire"
    assert re.search(r'<details class="query-change">\s*<summary>Modifier les paramètres</summary>\s*<form', page)


def test_a_named_query_without_parameters_given_shows_its_form_first(client):
    page = _main(_page(client, "/queries/membres-actuels-par-cercle"))
    assert "<form" in page and "<h2>Résultats</h2>" not in page and "query-given" not in page


def test_an_optional_parameters_label_has_one_pair_of_brackets(client):
    page = _main(_page(client, "/queries/membres-actuels-par-cercle"))
    labels = [_text(label) for label in re.findall(r"<label for=\"p-\w+\">(.*?)</label>", page, re.S)]
    assert labels and all(") (" not in label for label in labels), labels
    assert "Cercle (nom, rang ou IRI ; facultatif)" in labels


def test_a_themes_page_lists_who_has_it_first_and_its_relations_in_plain_words(client):
    page = _main(_page(client, "/resource?iri=" + quote(PREVENTION, safe="")))
    tagged = page.index('<section class="tagged">')
    assert tagged < page.index("<h2>Propriétés</h2>")
    assert "DanaeCare" in page[tagged:page.index("</section>", tagged)]
    text = _text(page)
    assert "thèmes plus précis" in text and "Vaccination" in text
    for jargon in ("plus général que", "concept de tête de", "thème de"):
        assert jargon not in text, jargon


def test_a_narrower_themes_page_names_its_broader_theme_in_plain_words(client):
    page = _main(_page(client, "/resource?iri=" + quote(PREVENTION.replace("prevention", "vaccination"), safe="")))
    text = _text(page)
    assert "thème plus large Prévention" in text and "plus général" not in text


def test_another_concepts_page_keeps_its_thesaurus_words(client):
    page = _main(_page(client, "/resource?iri=" + quote(COEUR, safe="")))
    assert "thème plus large" not in page and "thèmes plus précis" not in page and 'class="tagged"' not in page


def test_a_sessions_page_is_not_a_deliberations_summary(client):
    page = _main(_page(client, "/id/session/saint-etienne-metropole/2024-05-14"))
    assert 'class="summary"' not in page and SESSION not in page[:page.index('<section class="data">')]
    assert DANAECARE  # the fixture's actor is the one the other tests read
