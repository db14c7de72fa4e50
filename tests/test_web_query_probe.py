"""What a crawl of the named queries found: a deliberation listed once per title, a goal's rank that two PTCEs share,
a place's accents, a kind that a property's label shares, the editor given the bare query, and a place that names
nothing said « Aucun résultat » only."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from urllib.parse import unquote

import pytest
from rdflib import Graph
from web_fixture import BASE, DANAECARE, DELIBERATION, FIXTURE_TTL, GRANT_XSS, PLACE, PTCE, SEM, client_with

from graph.namespaces import sparql_prologue
from webapp.named_queries import named_queries

MAI = "https://w3id.org/maillage/ontology#"
#: What the probe's store held: a second PTCE whose goal 2 is not the fixture's; the fixture's deliberation titled
#: a second time, in capitals (an SCDL list's wording); a place that the SIRENE names in capitals without accents.
RIVIERA = BASE + "actor/ptce-riviera"
RIVIERA_GOAL = BASE + "goal/ptce-riviera/2"
ROCHETAILLEE = BASE + "place/42184"
SPORT = BASE + "actor/sport-sante"
TITLE = "Création d'un PTCE santé – subvention à DanaeCare"
PROBE_TTL = f"""@prefix mai: <{MAI}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <http://schema.org/> .
<{RIVIERA}> a mai:Cooperation ; rdfs:label "PTCE Riviera" ; mai:hasGoal <{RIVIERA_GOAL}> .
<{RIVIERA_GOAL}> a mai:StrategicGoal ; skos:prefLabel "Sport-santé"@fr ; skos:notation "2" .
<{DELIBERATION}> dcterms:title "{TITLE.upper()}" .
<{ROCHETAILLEE}> a schema:Place ; rdfs:label "ROCHETAILLEE" ; mai:inseeCode "42184" .
<{SPORT}> a mai:Association ; rdfs:label "Sport Santé Rochetaillée" ; schema:location <{ROCHETAILLEE}> .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("probe"), PROBE_TTL, "probe.ttl") as client:
        yield client


def _rows(client, name: str, **params) -> list[dict]:
    answer = client.get(f"/api/queries/{name}", query_string={**params, "lang": "fr"})
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()["rows"]


def _page(client, name: str, **params) -> str:
    return client.get(f"/queries/{name}", query_string={**params, "run": "1"},
                      headers={"Accept": "text/html"}).get_data(as_text=True)


# M1: one row a deliberation, whatever its titles


def test_a_deliberation_with_two_titles_is_one_row_titled_in_small_letters_its_grants_counted_once(client):
    rows = _rows(client, "deliberations-d-une-collectivite", authority=SEM)
    assert [(r["deliberation"]["iri"], r["title"], r["grants"], r["total"]) for r in rows] == [
        (DELIBERATION, TITLE, 1, 20000)]
    text = client.get("/queries/deliberations-d-une-collectivite.csv", query_string={"authority": SEM}).get_data(
        as_text=True)
    assert [(r["deliberation_iri"], r["title"], r["total"]) for r in csv.DictReader(io.StringIO(text))] == [
        (DELIBERATION, TITLE, "20000")]


@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
def test_the_title_a_deliberation_is_listed_under_does_not_depend_on_the_engine(tmp_path, engine):
    from graph.store import open_store

    store = open_store({"store": engine, "data_dir": str(tmp_path / "data")})
    try:
        with store.writer() as writer:
            for name, turtle in (("a", FIXTURE_TTL), ("b", PROBE_TTL)):
                writer.replace_graph(f"{BASE}source/{name}", Graph().parse(data=turtle, format="turtle"))
            writer.commit()
        query = named_queries()["deliberations-d-une-collectivite"]
        rows = list(store.query(sparql_prologue() + query.text, query.bindings({"authority": SEM})))
    finally:
        store.close()
    assert [(str(row[0]), str(row[3]), row[4].toPython(), row[5].toPython()) for row in rows] == [
        (DELIBERATION, TITLE, 1, 20000)]


# M2: a goal's rank is one per PTCE, which ``pole`` tells apart


POLE_NAME = "PTCE santé Loire"


@pytest.mark.parametrize("pole", [POLE_NAME, PTCE])
def test_a_goal_given_by_its_rank_is_the_goal_of_the_ptce_given(client, pole):
    rows = _rows(client, "subventions-par-objectif", goal="2", pole=pole)
    assert [(r["pole"]["iri"], r["rank"], r["grants"], r["total"]) for r in rows] == [(PTCE, "2", 1, 5000)]
    rows = _rows(client, "subventions-par-objectif", goal="2", pole="PTCE Riviera")
    assert [(r["goal"]["iri"], r["grants"]) for r in rows] == [(RIVIERA_GOAL, 0)]
    assert "<table>" in _page(client, "subventions-par-objectif", goal="2", pole=pole)
    grants = client.get("/api/grants", query_string={"goal": "2", "pole": pole}).get_json()
    assert (grants["matching_count"], grants["matching_total_amount"]) == (1, "5000")
    found = client.get("/api/search", query_string={"goal": "2", "pole": pole})
    assert found.status_code == 200 and GRANT_XSS in {r["iri"] for r in found.get_json()["results"]}


@pytest.mark.parametrize("url", ["/api/queries/subventions-par-objectif?goal=2", "/api/grants?goal=2",
                                 "/api/search?goal=2"])
def test_a_rank_that_two_ptces_goals_share_is_a_400_that_says_to_give_the_pole(client, url):
    answer = client.get(url)
    error = answer.get_json()["error"]
    assert answer.status_code == 400 and "2 noms correspondent" in error["message"]
    assert "ou le PTCE de l'objectif (pole=son nom ou son IRI)" in error["message"]
    assert "or the goal's PTCE (pole=its name or IRI)" in error["message_en"]


def test_a_rank_that_the_ptce_given_has_not_is_a_400_that_names_the_ptce(client):
    error = client.get("/api/grants", query_string={"goal": "3", "pole": POLE_NAME}).get_json()["error"]
    assert f"aucun nom ne correspond parmi les objectifs du PTCE <{PTCE}>" in error["message"]


@pytest.mark.parametrize("url", ["/api/grants", "/api/search"])
def test_a_pole_without_a_goal_is_a_400_rather_than_a_filter_ignored(client, url):
    answer = client.get(url, query_string={"pole": POLE_NAME})
    assert answer.status_code == 400 and "donnez aussi « goal »" in answer.get_json()["error"]["message"]


def test_the_pole_of_the_apis_is_declared_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    for path in ("/api/grants", "/api/search"):
        assert "pole" in {p["name"] for p in paths[path]["get"]["parameters"]}


# M4: a place named with or without its accents; a kind is a class


@pytest.mark.parametrize("place, location", [("Rochetaillée", ROCHETAILLEE), ("rochetaillee", ROCHETAILLEE),
                                             ("ROCHETAILLÉE", ROCHETAILLEE), ("saint etienne", PLACE),
                                             ("SAINT-ETIENNE", PLACE), ("42218", PLACE)])
def test_a_place_is_found_whatever_its_accents_case_and_hyphens(client, place, location):
    rows = _rows(client, "acteurs-d-un-type-dans-un-lieu", kind=MAI + "Actor", place=place)
    assert rows and {r["location"]["iri"] for r in rows} == {location}


@pytest.mark.parametrize("kind, actor", [("collectivité", SEM), ("Collectivité", SEM), ("association", DANAECARE)])
def test_a_kind_is_looked_up_among_the_classes_only(client, kind, actor):
    """« collectivité » is the label of the class mai:PublicAuthority and of the property mai:authority."""
    rows = _rows(client, "acteurs-d-un-type-dans-un-lieu", kind=kind, place="42218")
    assert [r["actor"]["iri"] for r in rows] == [actor]


def test_a_kind_that_names_a_property_only_is_a_400_that_says_no_class_matches(client):
    answer = client.get("/api/queries/acteurs-d-un-type-dans-un-lieu",
                        query_string={"kind": "bénéficiaire", "place": "42218"})
    assert answer.status_code == 400 and "aucun nom ne correspond" in answer.get_json()["error"]["message"]


# L1: the editor gets the query as the page ran it


def _editor_text(page: str) -> str:
    link = re.search(r'<a href="/sparql\?example=([^"]+)">', page).group(1)
    return unquote(html.unescape(link))


def test_the_editor_gets_the_query_with_the_forms_values_written_in(client):
    page = _page(client, "entrees-sorties-periode", start="2024-06-01", end="2024-12-31")
    text = _editor_text(page)
    assert '"2024-06-01"^^<http://www.w3.org/2001/XMLSchema#date>' in text and "?start" not in text
    answer = client.get("/sparql", query_string={"query": text}, headers={"Accept": "application/sparql-results+json"})
    members = [b["member"]["value"] for b in answer.get_json()["results"]["bindings"]]
    assert members == [SEM] and 'href="/id/actor/saint-etienne-metropole"' in page.split("<table", 1)[1]


def test_the_editor_gets_a_goal_given_by_its_rank_as_the_iri_it_names(client):
    text = _editor_text(_page(client, "subventions-par-objectif", goal="2", pole=POLE_NAME))
    assert f"<{BASE}goal/prevention>" in text and f"<{PTCE}>" in text


def test_the_editor_gets_the_defaults_of_a_form_not_yet_sent(client):
    page = client.get("/queries/entrees-sorties-periode", headers={"Accept": "text/html"}).get_data(as_text=True)
    # the period's default: the current calendar year
    assert f'"{dt.date.today().year}-01-01"^^<http://www.w3.org/2001/XMLSchema#date>' in _editor_text(page)


# L2: a place that names nothing is said so


@pytest.mark.parametrize("lang, said", [
    ("fr", "«\u00a0Nulle-part\u00a0» (Lieu (nom ou code INSEE)) : aucun nom ne correspond"),
    ("en", "&#39;Nulle-part&#39; (Place (name or INSEE code)): no name matches")])
def test_a_place_that_no_places_name_contains_is_said_so_in_the_interfaces_language(client, lang, said):
    page = _page(client, "acteurs-d-un-type-dans-un-lieu", kind=MAI + "Association", place="Nulle-part", lang=lang)
    assert said in page


@pytest.mark.parametrize("place", ["Saint-Étienne", "42218", "rochetaillee"])
def test_a_place_that_names_a_place_where_no_actor_of_the_kind_is_is_not_said_unknown(client, place):
    page = _page(client, "acteurs-d-un-type-dans-un-lieu", kind=MAI + "Enterprise", place=place, lang="fr")
    assert "Aucun résultat." in page and "aucun nom ne correspond" not in page
