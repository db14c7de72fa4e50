"""Every named query (webapp/queries/*.rq): a complete header, and the expected rows on the fixture graph."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime

import pytest
from rdflib import Graph, Literal, URIRef
from web_fixture import (BASE, COEUR, DANAECARE, DELIBERATION, GOAL, LONELY, PARTENAIRES, PLACE, PREVENTION, PTCE,
                         SEM, SESSION, XSS, client_with, fresh_app, template_data)

from graph.bindings import substitute
from graph.namespaces import sparql_prologue
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
    "totaux-par-beneficiaire": ({}, lambda rows: [(r["beneficiary"]["iri"], r["grants"], r["total"]) for r in rows][0]
                                == (DANAECARE, 1, 20000)),
    # the fixture's grants have no M57 account: one row, without one
    "totaux-par-compte-budgetaire": ({}, lambda rows: [(r["account"], r["grants"], r["total"]) for r in rows]
                                     == [(None, 2, 25000)]),
    # the fixture's grants have no convention: those of 1 000 € or more to an association
    "subventions-sans-convention": ({"threshold": "1000"}, lambda rows: [r["amount"] for r in rows]
                                    == [20000, 5000]),
    "flux-de-financement": ({}, lambda rows: [(r["funder"]["iri"], r["beneficiary"]["iri"], r["total"])
                                              for r in rows][0] == (SEM, DANAECARE, 20000)),
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


@pytest.mark.parametrize("engine", ["memory", "oxigraph"])
def test_an_actor_funded_under_another_node_of_the_same_organisation_is_not_without_funding(engine, tmp_path):
    """An RDF file's own IRI for an organisation that Maillage holds under its node (the same SIREN, SIRET or RNA),
    or one linked to a funded node by owl:sameAs either way, is funded; another actor with an identifier of its own,
    or an identifier of the same digits under another property, is not."""
    from web_fixture import FIXTURE_TTL

    from graph.namespaces import MAI
    from graph.store import open_store

    store = open_store({"store": engine, "data_dir": str(tmp_path / "data")})
    ext, owl = "https://example.org/partenaires/", "http://www.w3.org/2002/07/owl#"
    funded = URIRef(f"{BASE}actor/siren-812345676")
    turtle = FIXTURE_TTL + (
        f"<{funded}> a <{MAI}Actor> ; <{MAI}siren> \"812345676\" ; <{MAI}siret> \"81234567600017\" ;"
        f" <{MAI}rna> \"W432007789\" .\n<{BASE}grant/g> a <{MAI}Grant> ; <{MAI}beneficiary> <{funded}> .\n"
        + "".join(f"<{ext}{name}> a <{MAI}Actor> ; {facts} .\n" for name, facts in [
            ("same-siren", f'<{MAI}siren> "812345676"'), ("same-siret", f'<{MAI}siret> "81234567600017"'),
            ("same-rna", f'<{MAI}rna> "W432007789"'), ("same-as", f"<{owl}sameAs> <{funded}>"),
            ("other-siren", f'<{MAI}siren> "512345678"'), ("siren-as-rna", f'<{MAI}rna> "812345676"')])
        + f"<{funded}> <{owl}sameAs> <{ext}same-as-back> .\n<{ext}same-as-back> a <{MAI}Actor> .\n")
    with store.writer() as writer:
        writer.replace_graph("https://w3id.org/maillage/id/source/test", Graph().parse(data=turtle, format="turtle"))
        writer.commit()
    rows = store.query(sparql_prologue() + named_queries()["acteurs-sans-financement"].text)
    listed = {str(row[0]) for row in rows}
    store.close()
    assert {iri.removeprefix(ext) for iri in listed if iri.startswith(ext)} == {"other-siren", "siren-as-rna"}
    assert str(funded) not in listed


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
    assert [(row[5].toPython(), row[6].toPython()) for row in rows] == [(1, 20000)]


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


#: A Popolo-style membership of a person in an organisation that is not a pole, with a blank node for a role and
#: dates inside every period the tests ask for.
FOREIGN = """@prefix org: <http://www.w3.org/ns/org#> .
@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<http://example.com/memberships/593> a org:Membership ; org:member <http://example.com/people/john-q-public> ;
    org:organization <http://example.com/organizations/abc-inc> ; org:role [ a org:Role ] ;
    mai:joinedOn "2024-07-01"^^xsd:date .
"""


@pytest.fixture(scope="module")
def foreign_client(tmp_path_factory):
    """The fixture graph and a membership of another kind of organisation, ingested from a second file."""
    with client_with(tmp_path_factory.mktemp("foreign"), FOREIGN, "popolo.ttl") as client:
        yield client


@pytest.fixture(scope="module")
def register_client(tmp_path_factory):
    """An app on the demo corpus's partner register, ingested by the product's pipeline."""
    from conftest import EXAMPLES

    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    folder = tmp_path_factory.mktemp("register")
    store = open_store({"store": "oxigraph", "data_dir": str(folder / "data")})
    assert [r.status for r in ingest_paths(store, [EXAMPLES / "ptce-registre.yaml"])] == ["stored"]
    store.close()
    from webapp import create_app

    app = create_app({"store": "oxigraph", "data_dir": str(folder / "data"), "query_workers": 1})
    yield app.test_client()
    close_resources(app)


@pytest.mark.parametrize("name, params", [("membres-actuels-par-cercle", {}), ("partenaires-par-cercle", {}),
                                          ("entrees-sorties-periode", {"start": "2024-01-01", "end": "2024-12-31"})])
def test_membership_queries_list_the_memberships_of_a_pole_only(foreign_client, name, params):
    rows = foreign_client.get(f"/api/queries/{name}", query_string=params).get_json()["rows"]
    assert rows and {r["organization"]["iri"] for r in rows} == {PTCE}


@pytest.mark.parametrize("circle", ["coeur", "Cœur", "CERCLE CŒUR", "cercle coeur", "1", COEUR])
def test_a_circle_is_given_by_its_label_a_variant_or_its_rank(client, circle):
    rows = client.get("/api/queries/partenaires-par-cercle", query_string={"circle": circle}).get_json()["rows"]
    assert [r["member"]["iri"] for r in rows] == [DANAECARE]


@pytest.mark.parametrize("session", ["2024-05-14", "14 mai 2024", "Séance du 14 mai 2024", "14 May 2024", SESSION])
def test_a_session_is_given_by_its_date_or_its_name_as_its_page_shows_it(client, session):
    rows = client.get("/api/queries/presents-a-une-seance", query_string={"session": session}).get_json()["rows"]
    assert sorted(r["person"]["label"] for r in rows) == ["Alice Martin", "Bob Durand"]


def test_a_period_that_ends_before_it_starts_is_a_400_that_says_so(client):
    answer = client.get("/api/queries/entrees-sorties-periode", query_string={"start": "2025-01-01",
                                                                              "end": "2020-01-01"})
    error = answer.get_json()["error"]
    assert answer.status_code == 400 and error["code"] == "bad-parameter"
    assert "la date de début « start » (2025-01-01) est après la date de fin « end » (2020-01-01)" in error["message"]
    assert "the start date 'start' (2025-01-01) is after the end date 'end' (2020-01-01)" in error["message_en"]
    same_day = client.get("/api/queries/entrees-sorties-periode", query_string={"start": "2024-05-14",
                                                                                "end": "2024-05-14"})
    assert same_day.status_code == 200


def test_a_name_that_several_values_have_is_a_400_that_lists_them_with_their_iris(client):
    answer = client.get("/api/queries/partenaires-par-cercle", query_string={"circle": "cercle", "lang": "fr"})
    error = answer.get_json()["error"]
    assert error["code"] == "bad-parameter" and "4 noms correspondent" in error["message"]
    for circle, label in ((COEUR, "Cercle cœur"), ("https://w3id.org/maillage/ontology/circle/financeurs",
                                                   "Cercle des financeurs")):
        assert f"{label} <{circle}>" in error["message"]
    assert "4 names match" in error["message_en"]


def test_a_parameter_with_a_few_concepts_for_values_is_a_drop_down_list_in_rank_order(client):
    page = client.get("/queries/membres-actuels-par-cercle?lang=en", headers={"Accept": "text/html"})
    html = page.get_data(as_text=True)
    select = html[html.index('<select id="p-circle" name="circle">'):html.index("</select>")]
    import re

    assert re.findall(r'<option value="([^"]*)"', select) == [
        "", COEUR, *(f"https://w3id.org/maillage/ontology/circle/{c}" for c in ("operationnel", "partenaires",
                                                                                "financeurs"))]
    assert ">Core circle</option>" in select
    chosen = client.get(f"/queries/partenaires-par-cercle?circle={COEUR}", headers={"Accept": "text/html"})
    assert f'<option value="{COEUR}" selected>' in chosen.get_data(as_text=True)


@pytest.mark.parametrize("name", sorted(n for n, q in named_queries().items()
                                        if any(not p.optional and p.default is None for p in q.parameters)))
def test_the_json_twin_of_a_form_with_required_parameters_is_its_description_not_an_error(client, name):
    page = client.get(f"/queries/{name}", headers={"Accept": "text/html"}).get_data(as_text=True)
    import html as markup
    import re

    twin = markup.unescape(re.search(r'<a href="([^"]+)" rel="alternate" type="application/json"', page).group(1))
    answer = client.get(twin)
    assert answer.status_code == 200 and answer.get_json()["query"]["name"] == name
    assert "results" not in answer.get_json()
    assert client.get(f"/queries/{name}.json?run=1").get_json()["error"]["code"] == "missing-parameter"


#: The comment keys of a named query's header: what it shows to users.
HEADER = re.compile(r"^# (title|title@en|description|description@en|param|labels): ")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_sparql_shown_to_users_carries_no_developer_note(client, name):
    query = named_queries()[name]
    assert all(HEADER.match(line) for line in query.text.splitlines() if line.lstrip().startswith("#"))
    page = client.get(f"/queries/{name}", headers={"Accept": "text/html"}).get_data(as_text=True)
    shown = page[page.index("<pre><code>"):page.index("</code></pre>")]
    assert all(HEADER.match(line) for line in shown.split("<code>", 1)[1].splitlines() if line.startswith("#"))


def test_developer_notes_stay_in_the_file_out_of_the_editors_examples(client):
    query = named_queries()["acteurs-sans-financement"]
    assert any("14.4 s -> 4.6 s" in note for note in query.notes) and "14.4 s" not in query.text
    editor = client.get("/sparql", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "acteurs-sans-financement" not in editor or "14.4 s" not in editor
    assert "14.4" not in editor and "Sorted on a computed copy" not in editor


def test_a_sessions_attendance_is_said_in_english_in_english(client):
    rows = client.get("/api/queries/presents-a-une-seance", query_string={"session": SESSION, "lang": "en"}).get_json()
    assert sorted(r["status"] for r in rows["rows"]) == ["excused", "present"]


def test_a_circle_is_named_in_english_in_english(client):
    page = client.get("/queries/partenaires-par-cercle?run=1&lang=en", headers={"Accept": "text/html"})
    table = page.get_data(as_text=True).split("<table", 1)[1]
    assert ">Core circle</a>" in table and "Cercle cœur" not in table
#: The columns of the members' CSV, in order: a stable contract for the spreadsheets that read it (README).
MEMBER_COLUMNS = ["circle", "circle_iri", "circleLabel", "member", "member_iri", "memberLabel", "kind", "themes",
                  "siren", "siret", "organization", "organization_iri", "organizationLabel", "joined"]


@pytest.mark.parametrize("name, columns", [
    ("partenaires-par-cercle", MEMBER_COLUMNS + ["left", "themes_other_sources", "rna"]),
    ("membres-actuels-par-cercle", MEMBER_COLUMNS + ["themes_other_sources", "rna"])])
def test_the_members_csv_gives_each_members_kind_themes_siren_and_siret(register_client, name, columns):
    import csv
    import io

    response = register_client.get(f"/queries/{name}.csv")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0]) == columns
    found = {r["memberLabel"]: (r["kind"], set(r["themes"].split(" | ")), r["siren"], r["siret"]) for r in rows}
    assert found["Saint-Etienne Métropole"] == ("Collectivité", {"ESS et santé", "Coopération territoriale"},
                                                "244200770", "")
    assert found["Coopérative Santé Numérique Furan (fictive)"] == (
        "Entreprise de l'ESS", {"E-santé", "Télémédecine"}, "100000000", "10000000000008")
    assert found["DanaeCare"][:1] + found["DanaeCare"][2:] == ("Association", "", "")
    rna = {r["memberLabel"]: r["rna"] for r in rows if r["rna"]}  # an association known only by its RNA number
    assert rna == {"Association Les Aidants du Gier (fictive)": "W423000001"}


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
    assert [(row[5].toPython(), row[6].toPython()) for row in rows] == expected


_SECOND_PTCE = """format: maillage-register/1
ptce:
  nom: PTCE Riviera
  objectifs: [{rang: 1, libellé: Sport-santé}]
membres:
  - {nom: Handisports, type: association, cercle: coeur, date d'entrée: 2023-03-01, objectifs: [1]}
"""
RIVIERA = "https://w3id.org/maillage/id/actor/ptce-riviera"
DANAECARE_PTCE = "https://w3id.org/maillage/id/actor/ptce-sante-danaecare"


@pytest.fixture(scope="module")
def two_poles(tmp_path_factory):
    """A store with two PTCEs' registers: the demo's and a second one's."""
    from conftest import EXAMPLES

    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    folder = tmp_path_factory.mktemp("poles")
    second = folder / "riviera.yaml"
    second.write_text(_SECOND_PTCE, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(folder / "data")})
    assert [r.status for r in ingest_paths(store, [EXAMPLES / "ptce-registre.yaml", second])] == ["stored"] * 2
    yield store
    store.close()


def _run(store, name: str, params: dict) -> list[dict]:
    query = named_queries()[name]
    return list(store.query(sparql_prologue() + query.text, query.bindings(params)).dicts())


@pytest.mark.parametrize("params, poles", [({}, [RIVIERA] + [DANAECARE_PTCE] * 3), ({"pole": RIVIERA}, [RIVIERA])])
def test_grants_by_goal_tell_each_goals_pole_and_keep_one_pole_when_asked(two_poles, params, poles):
    rows = _run(two_poles, "subventions-par-objectif", params)
    assert [str(r["pole"]) for r in rows] == poles
    assert [(str(r["poleLabel"]), r["rank"].toPython()) for r in rows][0] == ("PTCE Riviera", 1)


@pytest.mark.parametrize("name", ["membres-actuels-par-cercle", "partenaires-par-cercle"])
@pytest.mark.parametrize("pole, members", [(RIVIERA, {"Handisports"}), (None, None)])
def test_the_members_queries_keep_one_pole_when_asked(two_poles, name, pole, members):
    rows = _run(two_poles, name, {"pole": pole} if pole else {})
    organizations = {str(r["organization"]) for r in rows}
    if pole:
        assert organizations == {pole} and {str(r["memberLabel"]) for r in rows} == members
    else:
        assert organizations == {RIVIERA, DANAECARE_PTCE}


#: Parameters that give rows on the demo corpus (examples/), for the queries that need some.
DEMO_ACTOR = "https://w3id.org/maillage/id/actor/"
DEMO_GOAL2 = "https://w3id.org/maillage/id/goal/ptce-sante-danaecare/2"
DEMO_PARAMS = {"acteurs-d-un-type-dans-un-lieu": {"place": "Étrat"},
               "deliberations-d-une-collectivite": {"authority": DEMO_ACTOR + "siren-244200770"},
               "liens-entre-deux-acteurs": {"a": DEMO_ACTOR + "danaecare", "b": DEMO_ACTOR + "siren-244200770"},
               "presents-a-une-seance": {"session": "2024-05-16"},
               "subventions-d-un-beneficiaire": {"beneficiary": DEMO_ACTOR + "danaecare"}}


@pytest.fixture(scope="module")
def one_and_three_registers(tmp_path_factory):
    """Two apps: the demo corpus, and the demo with two more copies of its register under other names (a 2025
    version, a corrected copy), whose triples the union of the graphs holds three times."""
    import shutil

    from conftest import EXAMPLES

    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    folder = tmp_path_factory.mktemp("registers")
    copies = [folder / "registre-2025.yaml", folder / "registre-corrige.yaml"]
    for copy in copies:
        shutil.copy(EXAMPLES / "ptce-registre.yaml", copy)
    demo = [EXAMPLES / "ptce-registre.yaml", *sorted((EXAMPLES / "deliberations").glob("*.txt"))]
    clients, apps = [], []
    for name, paths in (("one", demo), ("three", [*demo, *copies])):
        store = open_store({"store": "oxigraph", "data_dir": str(folder / name / "data")})
        try:
            assert {r.status for r in ingest_paths(store, paths)} == {"stored"}
        finally:
            store.close()
        apps.append(fresh_app(folder / name / "data", folder / name / "app"))
        clients.append(apps[-1].test_client())
    yield clients
    for app in apps:
        close_resources(app)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_named_query_gives_the_same_rows_when_three_registers_describe_one_ptce(one_and_three_registers, name):
    one, three = one_and_three_registers
    answers = [client.get(f"/api/queries/{name}", query_string={**DEMO_PARAMS.get(name, {}), "lang": "fr"})
               for client in (one, three)]
    assert [a.status_code for a in answers] == [200, 200], answers[1].get_json()
    rows = [a.get_json()["rows"] for a in answers]
    if name != "sources-et-triplets":  # it lists the sources: two more
        assert rows[1] == rows[0]
    assert len(rows[0]) == len({repr(sorted(row.items())) for row in rows[0]}), "a row repeated"


def test_the_goals_of_the_pole_are_one_row_a_goal(one_and_three_registers):
    rows = one_and_three_registers[0].get("/api/queries/objectifs-du-pole").get_json()["rows"]
    assert [r["rank"] for r in rows] == [1, 2, 3]


def test_the_ptce_page_counts_its_members_alike_when_three_registers_describe_it(one_and_three_registers):
    pages = [client.get("/id/actor/ptce-sante-danaecare.json?lang=fr").get_json() for client in one_and_three_registers]
    assert pages[0]["members"] == {"current": 7, "former": 1, "future": 0}
    assert pages[1]["members"] == pages[0]["members"]
    assert pages[1]["memberships"]["rows"] == pages[0]["memberships"]["rows"]


@pytest.mark.parametrize("lang, themes, grant", [
    ("fr", {"ESS et santé", "Coopération territoriale"}, "Subvention de 20\u202f000\u00a0€ à DanaeCare"),
    ("en", {"Social economy and health", "Territorial cooperation"}, "Grant of €20,000 to DanaeCare")])
def test_what_links_two_actors_is_one_row_a_link_labelled_in_the_interfaces_language(
        one_and_three_registers, lang, themes, grant):
    params = {**DEMO_PARAMS["liens-entre-deux-acteurs"], "lang": lang}
    rows = one_and_three_registers[0].get("/api/queries/liens-entre-deux-acteurs", query_string=params).get_json()
    links = [(r["via"]["iri"], r["fromA"]["iri"], r["fromB"]["iri"]) for r in rows["rows"]]
    assert len(links) == len(set(links)) == 6  # themes, PTCE, grant, goal, and the agreement they are parties to
    labels = [(r["via"]["iri"].rsplit("/", 2)[1], r["via"]["label"]) for r in rows["rows"]]
    assert {label for kind, label in labels if kind == "theme"} == themes
    assert [r["via"]["label"] for r in rows["rows"] if "/grant/" in r["via"]["iri"]] == [grant]
    assert [r["via"]["label"][:25] for r in rows["rows"] if "/agreement/" in r["via"]["iri"]] == [
        "Convention à intervenir e"]


@pytest.mark.parametrize("name, params, count", [
    ("subventions-par-objectif", {"pole": DEMO_ACTOR + "ptce-sante-danaecare", "goal": DEMO_GOAL2}, 1),
    ("partenaires-par-cercle", {"pole": DEMO_ACTOR + "ptce-sante-danaecare", "circle": "1"}, 1),
    ("membres-actuels-par-cercle", {"pole": DEMO_ACTOR + "ptce-sante-danaecare", "circle": "1"}, 1)])
def test_a_named_query_with_all_its_parameters_given_answers_alike_with_three_registers(
        one_and_three_registers, name, params, count):
    answers = [client.get(f"/api/queries/{name}", query_string={**params, "lang": "fr"})
               for client in one_and_three_registers]
    assert [a.status_code for a in answers] == [200, 200], answers[1].get_json()
    rows = [a.get_json()["rows"] for a in answers]
    assert len(rows[0]) == count and rows[1] == rows[0]


#: Two actors, and what links them that no source names: a grant (its amount given per test), a membership, a proxy
#: and a session.
UNNAMED_LINKS = """@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix schema: <http://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://ex.org/a> a mai:Association ; rdfs:label "Aidants 42" .
<https://ex.org/b> a mai:PublicAuthority ; rdfs:label "Ville de Roanne" .
<https://ex.org/grant> a mai:Grant ; schema:funder <https://ex.org/b> ; mai:beneficiary <https://ex.org/a> %AMOUNT% .
<https://ex.org/membership> a org:Membership ; org:member <https://ex.org/a> ; org:organization <https://ex.org/b> ;
    org:role <https://ex.org/circle> .
<https://ex.org/circle> skos:prefLabel "Cercle cœur"@fr , "Core circle"@en .
<https://ex.org/proxy> a mai:Proxy ; mai:from <https://ex.org/a> ; mai:to <https://ex.org/b> .
<https://ex.org/session> a mai:Session ; dcterms:date "2022-07-01"^^xsd:date ; mai:body <https://ex.org/organ> ;
    mai:present <https://ex.org/a> , <https://ex.org/b> .
<https://ex.org/organ> rdfs:label "Conseil municipal" .
"""


@pytest.mark.parametrize("kind", ["memory", "oxigraph"])
@pytest.mark.parametrize("amount", ["20000.00", "1500.5", "97176.97", "100", "0.05", "1234567", "9999.999", None])
def test_what_links_two_actors_names_in_french_what_no_source_names_as_its_page_does(tmp_path, kind, amount):
    from graph.store import open_store
    from webapp.formatting import money_text

    turtle = UNNAMED_LINKS.replace("%AMOUNT%", f'; schema:amount "{amount}"^^xsd:decimal' if amount else "")
    store = open_store({"store": kind, "data_dir": str(tmp_path / "data")})
    try:
        with store.writer() as writer:
            writer.replace_graph("https://w3id.org/maillage/id/source/a", Graph().parse(data=turtle, format="turtle"))
            writer.replace_graph("https://w3id.org/maillage/id/source/b", Graph().parse(data=turtle, format="turtle"))
            writer.commit()
        query = named_queries()["liens-entre-deux-acteurs"]
        bindings = query.bindings({"a": "https://ex.org/a", "b": "https://ex.org/b"})
        rows = list(store.query(sparql_prologue() + query.text, bindings))
    finally:
        if kind == "oxigraph":
            store.close()
    money = money_text(float(amount), "fr") if amount else "montant inconnu"
    assert {(str(row[0]), row[1]) for row in rows} == {
        ("https://ex.org/grant", Literal(f"Subvention de {money} à Aidants 42", lang="fr")),
        ("https://ex.org/membership", Literal("Aidants 42, membre de Ville de Roanne (Cercle cœur)", lang="fr")),
        ("https://ex.org/proxy", Literal("pouvoir de Aidants 42 à Ville de Roanne", lang="fr")),
        ("https://ex.org/session", Literal("Séance du 1er juillet 2022 — Conseil municipal", lang="fr"))}
    assert len(rows) == 4


@pytest.mark.parametrize("lang, label", [("fr", "Subvention de 20\u202f000\u00a0€ à DanaeCare"),
                                         ("en", "Grant of €20,000 to DanaeCare")])
def test_the_label_column_of_a_grant_that_links_two_actors_names_it_in_the_interfaces_language(client, lang, label):
    for path in ("/api/queries/liens-entre-deux-acteurs", "/queries/liens-entre-deux-acteurs.json"):
        answer = client.get(path, query_string={"a": SEM, "b": DANAECARE, "lang": lang}).get_json()
        rows = answer["rows"] if "rows" in answer else answer["results"]["rows"]
        assert [(r["via"]["label"], r["viaLabel"]) for r in rows if "/grant/" in r["via"]["iri"]] == [(label, label)]


#: A member of the fixture's pole with no circle (a register's unknown or missing circle: no org:role).
NO_CIRCLE_TTL = (f'<https://w3id.org/maillage/id/membership/lonely-ptce> a <http://www.w3.org/ns/org#Membership> ;'
                 f' <http://www.w3.org/ns/org#member> <{LONELY}> ; <http://www.w3.org/ns/org#organization> <{PTCE}> ;'
                 ' <https://w3id.org/maillage/ontology#joinedOn>'
                 ' "2024-02-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n')


@pytest.mark.parametrize("name, params, expected", [
    ("membres-actuels-par-cercle", {}, {(COEUR, DANAECARE), (None, LONELY)}),
    ("partenaires-par-cercle", {}, {(PARTENAIRES, SEM), (COEUR, DANAECARE), (None, LONELY)}),
    ("membres-actuels-par-cercle", {"circle": COEUR}, {(COEUR, DANAECARE)}),
    ("partenaires-par-cercle", {"circle": COEUR}, {(COEUR, DANAECARE)})])
def test_the_members_with_no_circle_are_listed_with_an_empty_circle_unless_a_circle_is_asked_for(
        tmp_path, name, params, expected):
    with client_with(tmp_path, NO_CIRCLE_TTL) as client:
        rows = client.get(f"/api/queries/{name}", query_string={**params, "lang": "fr"}).get_json()["rows"]
    found = [((r["circle"] or {}).get("iri"), r["member"]["iri"]) for r in rows]
    assert set(found) == expected and len(found) == len(expected)


def test_the_members_who_gave_a_proxy_are_listed_as_represented_with_their_proxy_holder(one_and_three_registers):
    """The founding session: 54 present (its chair and its secretary among them), 8 represented by another member,
    6 excused."""
    from collections import Counter

    rows = one_and_three_registers[0].get("/api/queries/presents-a-une-seance",
                                          query_string={"session": "2024-05-16", "lang": "fr"}).get_json()["rows"]
    assert Counter(r["status"] for r in rows) == {"présent": 52, "présent, président": 1, "présent, secrétaire": 1,
                                                  "représenté": 8, "excusé": 6}
    represented = [r for r in rows if r["status"] == "représenté"]
    assert all(r["holder"]["label"] for r in represented) and len({r["person"]["iri"] for r in represented}) == 8
    assert not [r for r in rows if r["status"] != "représenté" and r["holder"]]


def test_a_sessions_attendance_has_one_row_per_member_each_role_in_one_cell_by_status_then_family_name(
        one_and_three_registers):
    """68 members, 68 rows: the chair was listed again as « président » (69 rows), the secretary not at all."""
    client = one_and_three_registers[0]
    rows = client.get("/api/queries/presents-a-une-seance", query_string={"session": "2024-05-16"}).get_json()["rows"]
    assert len(rows) == len({r["person"]["iri"] for r in rows}) == 68
    roles = {r["person"]["label"]: r["status"] for r in rows if r["status"] not in ("présent", "représenté", "excusé")}
    assert roles == {"Sylvie FAYOLLE": "présent, président", "Siham LABICH": "présent, secrétaire"}
    statuses = [r["status"].split(", ")[0] for r in rows]
    assert statuses == ["présent"] * 54 + ["représenté"] * 8 + ["excusé"] * 6
    represented = [r["person"]["label"] for r in rows if r["status"] == "représenté"]
    assert represented[:3] == ["Gilles ARTIGUES", "Patrick BOUCHET", "Jean-Claude FLACHAT"]  # by family name
    english = client.get("/api/queries/presents-a-une-seance", query_string={"session": "2024-05-16", "lang": "en"})
    assert {r["status"] for r in english.get_json()["rows"]} == {"present", "present, chair", "present, secretary",
                                                                  "represented", "excused"}


def test_a_proxy_holder_is_headed_in_the_interfaces_language(client):
    page = client.get(f"/queries/presents-a-une-seance?session={SESSION}&run=1&lang=en",
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<th>Proxy given to</th>" in page or ">Proxy given to<" in page


@pytest.mark.parametrize("lang, headers, links", [
    ("fr", ("Lien du premier acteur", "Lien du second acteur"), {"financeur", "bénéficiaire", "membre"}),
    ("en", ("First actor&#39;s link", "Second actor&#39;s link"), {"funder", "beneficiary", "member"})])
def test_what_links_two_actors_heads_its_columns_and_names_its_properties_in_the_interfaces_language(
        client, lang, headers, links):
    page = client.get("/queries/liens-entre-deux-acteurs", query_string={"a": SEM, "b": DANAECARE, "run": 1,
                                                                         "lang": lang},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    table = page.split("<table", 1)[1]
    assert all(f">{header}<" in table for header in headers) and ">fromA<" not in table
    assert links <= set(re.findall(r'<a href="[^"]+">([^<]+)</a>', table))
    assert not re.search(r">(schema|dcterms|org|mai):\w+<", table)


@pytest.mark.parametrize("year, rows", [(2023, [(2023, 1, 5000)]), (2024, [(2024, 1, 20000)]), (1990, [])])
def test_a_year_given_keeps_that_years_grants_only(client, year, rows):
    """The year was substituted into an OPTIONAL pattern, always met: every year's total was shown as that year's."""
    answer = client.get("/api/queries/subventions-par-financeur-et-annee", query_string={"funder": SEM, "year": year})
    assert [(r["year"], r["grants"], r["total"]) for r in answer.get_json()["rows"]] == rows


def test_a_name_too_long_to_look_up_is_a_400_that_says_so(client):
    answer = client.get("/api/queries/subventions-d-un-beneficiaire", query_string={"beneficiary": "a" * 1000})
    error = answer.get_json()["error"]
    assert answer.status_code == 400 and error["code"] == "bad-parameter"
    assert error["message"].startswith("Bénéficiaire (nom ou IRI) : texte trop long (1000 caractères, ")
    page = client.get("/queries/subventions-d-un-beneficiaire", headers={"Accept": "text/html"},
                      query_string={"beneficiary": "a" * 1000, "run": "1", "lang": "fr"})
    assert page.status_code == 400 and "texte trop long" in page.get_data(as_text=True)


@pytest.mark.parametrize("name", ["membres-actuels-par-cercle", "partenaires-par-cercle"])
def test_the_members_csvs_circle_label_is_french_whatever_the_visitors_language(client, name):
    """README: circleLabel is the circle's French label (a contract), circle its name in the interface's language."""
    for lang, circle in (("fr", "Cercle cœur"), ("en", "Core circle")):
        text = client.get(f"/queries/{name}.csv", query_string={"lang": lang}).get_data(as_text=True)
        row = next(r for r in csv.DictReader(io.StringIO(text)) if r["member_iri"] == DANAECARE)
        assert (row["circle"], row["circleLabel"]) == (circle, "Cercle cœur")


@pytest.mark.parametrize("goal", ["2", "Développer la prévention", "prévention"])
def test_a_goal_is_given_by_its_name_or_its_rank_as_a_circle_is(client, goal):
    rows = client.get("/api/queries/subventions-par-objectif", query_string={"goal": goal}).get_json()["rows"]
    assert [(r["rank"], r["grants"], r["total"]) for r in rows] == [("2", 1, 5000)]
    grants = client.get("/api/grants", query_string={"goal": goal}).get_json()
    assert (grants["matching_count"], grants["matching_total_amount"]) == (1, "5000")


def test_a_beneficiary_given_by_name_is_an_actor_never_a_deliberation_of_that_name(client):
    """The deliberation « Création d'un PTCE santé – subvention à DanaeCare » was taken for the beneficiary named
    « Création d'un PTCE santé »: no rows, and no word of why."""
    answer = client.get("/api/queries/subventions-d-un-beneficiaire",
                        query_string={"beneficiary": "Création d'un PTCE santé", "lang": "fr"})
    assert answer.status_code == 400 and "aucun nom ne correspond" in answer.get_json()["error"]["message"]
    rows = client.get("/api/queries/subventions-d-un-beneficiaire", query_string={"beneficiary": "Danae"}).get_json()
    assert [r["grant"]["iri"] for r in rows["rows"]] == [BASE + "grant/sem-danaecare-2024"]
