"""Every named query (webapp/queries/*.rq): a complete header, and the expected rows on the fixture graph."""

from __future__ import annotations

from datetime import datetime

import pytest
from rdflib import Graph, Literal
from web_fixture import (COEUR, DANAECARE, DELIBERATION, GOAL, LONELY, PLACE, PREVENTION, PTCE, SEM, SESSION, XSS,
                         fresh_app, template_data)

from graph.namespaces import sparql_prologue
from graph.store import substitute
from webapp.named_queries import named_queries
from webapp.resources import close_resources

#: name -> (parameters, a function of the rows that must hold)
EXPECTED = {
    "partenaires-par-cercle": ({"circle": COEUR}, lambda rows: [r["member"]["iri"] for r in rows] == [DANAECARE]),
    # The Métropole left the pole in November 2024: today's members are DanaeCare alone.
    "membres-actuels-par-cercle": ({}, lambda rows: [r["member"]["iri"] for r in rows] == [DANAECARE]),
    "subventions-par-financeur-et-annee": ({"funder": SEM}, lambda rows: sorted(
        (r["year"], r["total"]) for r in rows) == [(2023, 5000), (2024, 20000)]),
    "acteurs-par-theme": ({"theme": PREVENTION}, lambda rows: {r["actor"]["iri"] for r in rows} == {DANAECARE, XSS}),
    "acteurs-sans-financement": ({}, lambda rows: LONELY in {r["actor"]["iri"] for r in rows}
                                 and DANAECARE not in {r["actor"]["iri"] for r in rows}),
    "liens-entre-deux-acteurs": ({"a": SEM, "b": DANAECARE},
                                 lambda rows: any("grant/sem-danaecare-2024" in r["via"]["iri"] for r in rows)),
    "entrees-sorties-periode": ({"start": "2024-06-01", "end": "2024-12-31"},
                                lambda rows: [(r["member"]["iri"], r["event"]) for r in rows] == [(SEM, "sortie")]),
    "subventions-par-objectif": ({"goal": GOAL}, lambda rows: [(r["grants"], r["total"]) for r in rows] == [(1, 20000)]),
    "totaux-par-financeur": ({}, lambda rows: [(r["funder"]["iri"], r["total"]) for r in rows] == [(SEM, 25000)]),
    "deliberations-d-une-collectivite": ({"authority": SEM}, lambda rows: [(r["deliberation"]["iri"], r["grants"])
                                                                         for r in rows] == [(DELIBERATION, 1)]),
    "presents-a-une-seance": ({"session": SESSION}, lambda rows: len(rows) == 2),
    "sources-et-triplets": ({}, lambda rows: any(r["title"] == "fixture.ttl" and r["triples"] > 50 for r in rows)),
    "acteurs-d-un-type-dans-un-lieu": ({"kind": "https://w3id.org/maillage/ontology#Association", "place": "42218"},
                                       lambda rows: [r["actor"]["iri"] for r in rows] == [DANAECARE]),
    "objectifs-du-pole": ({}, lambda rows: [r["goal"]["iri"] for r in rows if r["cooperation"]["iri"] == PTCE][0]
                          == GOAL),
    "subventions-d-un-beneficiaire": ({"beneficiary": DANAECARE}, lambda rows: [r["amount"] for r in rows] == [20000]),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = fresh_app(template_data(), tmp_path_factory.mktemp("named"))
    yield app.test_client()
    close_resources(app)


def test_there_are_at_least_twelve_named_queries_each_with_a_test():
    assert len(named_queries()) >= 12
    assert set(named_queries()) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_answers_as_expected_on_the_fixture_graph(client, name):
    params, check = EXPECTED[name]
    response = client.get(f"/api/queries/{name}", query_string=params)
    assert response.status_code == 200, response.get_json()
    rows = response.get_json()["rows"]
    assert rows and check(rows), rows


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_runs_as_a_form_with_csv_and_json(client, name):
    params, _ = EXPECTED[name]
    page = client.get(f"/queries/{name}", query_string={**params, "run": "1"}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<table>" in page.get_data(as_text=True)
    assert client.get(f"/queries/{name}.csv", query_string=params).mimetype == "text/csv"
    assert client.get(f"/queries/{name}.json", query_string=params).get_json()["results"]["rows"]


def test_places_are_found_by_name_too(client):
    rows = client.get("/api/queries/acteurs-d-un-type-dans-un-lieu",
                      query_string={"kind": "https://w3id.org/maillage/ontology#Actor", "place": "étienne"}).get_json()
    assert {r["location"]["iri"] for r in rows["rows"]} == {PLACE}


@pytest.mark.parametrize("name", sorted(name for name, (params, _) in EXPECTED.items() if params))
def test_parameters_substituted_in_the_text_give_the_same_rows(client, name):
    """What a remote SPARQL server receives: each parameter written into the query's text, those that the query
    projects or groups by too (a bare term there is no SPARQL); the same rows as the embedded engine's own
    substitution."""
    params, _ = EXPECTED[name]
    query = named_queries()[name]
    bindings = query.bindings(params)
    text = sparql_prologue() + query.text
    store = client.application.extensions["maillage.store"]

    def rows(result):
        return sorted(tuple(map(str, row)) for row in result)

    assert rows(store.query(substitute(text, bindings))) == rows(store.query(text, bindings)) != []


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """The fixture graph and an actor without a label, in rdflib's in-memory store and in the embedded Oxigraph
    store, each ingested by the same pipeline."""
    from web_fixture import BASE, FIXTURE_TTL

    from graph.ingest.pipeline import ingest_paths
    from graph.namespaces import MAI
    from graph.store import open_store

    folder = tmp_path_factory.mktemp("engines")
    (folder / "fixture.ttl").write_text(FIXTURE_TTL, encoding="utf-8")
    (folder / "unlabelled.ttl").write_text(f"<{BASE}actor/sans-nom> a <{MAI}HealthProfessional> .\n", encoding="utf-8")
    stores = {"memory": open_store({"store": "memory"}),
              "oxigraph": open_store({"store": "oxigraph", "data_dir": str(folder / "data")})}
    for store in stores.values():
        reports = ingest_paths(store, sorted(folder.glob("*.ttl")))
        assert [report.status for report in reports] == ["stored", "stored"], reports
    yield stores
    stores["oxigraph"].close()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_gives_the_same_rows_in_the_same_order_on_rdflibs_engine(engines, name):
    """The named queries are portable SPARQL: rdflib's engine (the memory store) answers each as Oxigraph does,
    in the same order — also those sorted on a computed copy of a label, for Oxigraph's speed."""
    params, _ = EXPECTED[name]
    query = named_queries()[name]
    bindings = query.bindings(params)
    text = sparql_prologue() + query.text

    def rows(store):
        """Values, not lexical forms (the engines write a sum's decimal differently); an ingest's time left out (the
        two stores ingested the fixture at different times)."""
        return [tuple(None if isinstance(value, datetime) else value
                      for value in (term.toPython() if isinstance(term, Literal) else term for term in row))
                for row in store.query(text, bindings)]

    memory, oxigraph = rows(engines["memory"]), rows(engines["oxigraph"])
    if "ORDER BY" not in query.text:  # no order to keep
        memory, oxigraph = sorted(memory, key=repr), sorted(oxigraph, key=repr)
    assert memory == oxigraph != []


def test_actors_without_funding_are_listed_by_label_with_the_unlabelled_first(engines):
    """Sorted on a computed copy of the label: the order of the labels themselves, an actor without one first."""
    text = sparql_prologue() + named_queries()["acteurs-sans-financement"].text
    labels = [None if label is None else str(label) for _, label in engines["oxigraph"].query(text)]
    assert len(labels) > 2 and labels[0] is None and labels[1:] == sorted(labels[1:])


def test_grants_by_goal_counts_grants_not_the_actors_and_actions_that_serve_the_goal_too():
    from web_fixture import FIXTURE_TTL

    from graph.namespaces import MAI
    from graph.store import open_store

    store = open_store({"store": "memory"})
    turtle = FIXTURE_TTL + f"<{DANAECARE}> <{MAI}contributesTo> <{GOAL}> .\n<{PTCE}> <{MAI}contributesTo> <{GOAL}> .\n"
    with store.writer() as writer:
        writer.replace_graph("https://w3id.org/maillage/id/source/test", Graph().parse(data=turtle, format="turtle"))
        writer.commit()
    query = named_queries()["subventions-par-objectif"]
    rows = list(store.query(sparql_prologue() + query.text, query.bindings({"goal": GOAL})))
    assert [(row[3].toPython(), row[4].toPython()) for row in rows] == [(1, 20000)]


def test_grants_of_a_beneficiary_give_one_row_a_grant_whatever_the_sources_say_twice():
    from web_fixture import FIXTURE_TTL, GRANT

    from graph.store import open_store

    store = open_store({"store": "memory"})
    again = (f"<{SEM}> <http://www.w3.org/2000/01/rdf-schema#label> \"SAINT ETIENNE METROPOLE\" .\n"
             f"<{GRANT}> <http://schema.org/funder> <{SEM}> .\n")
    with store.writer() as writer:
        writer.replace_graph("https://w3id.org/maillage/id/source/a", Graph().parse(data=FIXTURE_TTL, format="turtle"))
        writer.replace_graph("https://w3id.org/maillage/id/source/b", Graph().parse(data=again, format="nt"))
        writer.commit()
    query = named_queries()["subventions-d-un-beneficiaire"]
    rows = list(store.query(sparql_prologue() + query.text, query.bindings({"beneficiary": DANAECARE})))
    assert [str(row[0]) for row in rows] == [GRANT]


def test_the_words_a_query_writes_are_said_in_english_in_english(client):
    params = {"start": "2024-06-01", "end": "2024-12-31"}
    french = client.get("/api/queries/entrees-sorties-periode", query_string=params).get_json()["rows"]
    english = client.get("/api/queries/entrees-sorties-periode", query_string={**params, "lang": "en"}).get_json()
    assert [r["event"] for r in french] == ["sortie"] and [r["event"] for r in english["rows"]] == ["left"]


@pytest.mark.parametrize("rank, expected", [(1, [(0, 0)]), (2, [(1, 20000)]), (3, [(0, 0)])])
def test_grants_by_goal_counts_the_grants_that_the_register_links_to_the_goal(tmp_path, rank, expected):
    from pathlib import Path

    from rdflib import URIRef

    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    examples = Path(__file__).resolve().parent.parent / "examples"
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        for path in (examples / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt",
                     examples / "ptce-registre.yaml"):
            assert ingest_paths(store, [path])[0].status == "stored"
        query = named_queries()["subventions-par-objectif"]
        goal = URIRef(f"https://w3id.org/maillage/id/goal/ptce-sante-danaecare/{rank}")
        rows = list(store.query(sparql_prologue() + query.text, query.bindings({"goal": str(goal)})))
    finally:
        store.close()
    assert [(row[3].toPython(), row[4].toPython()) for row in rows] == expected
