"""What a PTCE coordinator reads for the annual report, on the demo corpus (``examples/``): the period query asks
about the year of the request and says which period it shows; every table of grants names the goals they serve; an
actor's grants tables name each grant and its other party as their pages do; downloads are named after what they
hold and whose; the goals page counts former members apart; the named queries' headers are French on French pages;
a grant's « Pourquoi ? » stands in its row."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from webapp import create_app
from webapp.named_queries import named_queries
from webapp.resources import close_resources

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DEMO = [EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt",
        EXAMPLES / "ptce-registre.yaml"]
BASE = "https://w3id.org/maillage/id/"
DANAECARE = BASE + "actor/danaecare"
GOAL_2 = "Animation de l'écosystème « santé » grâce à la synergie des différentes communautés d'acteurs"
GRANT_NAME = "Subvention de 20\u202f000\u00a0€ à DanaeCare"
PURPOSE = "création d'un pôle territorial de coopération économique (PTCE) en santé"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory) -> Path:
    """A data directory holding the demo's deliberation and register, ingested once: the tests only read it."""
    data = tmp_path_factory.mktemp("annual-report") / "data"
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    try:
        assert [r.status for r in ingest_paths(store, DEMO)] == ["stored"] * len(DEMO)
    finally:
        store.close()
    return data


@pytest.fixture
def client_on(demo_data):
    """A client of a fresh app over the demo's data, on the day ``today`` when given; its resources closed after."""
    apps = []

    def client(today: dt.date | None = None):
        config = {"store": "oxigraph", "data_dir": str(demo_data), "query_timeout": 10.0}
        app = create_app({**config, **({"today": today} if today else {})})
        app.config["TESTING"] = True
        apps.append(app)
        return app.test_client()

    yield client
    for app in apps:
        close_resources(app)


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def csv_header(response) -> list[str]:
    return next(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def file_name(response) -> str:
    return re.search(r'filename="([^"]+)"', response.headers["Content-Disposition"]).group(1)


# 1. « Entrées et sorties sur une période »: this year by default, and the period said.

def test_the_period_query_defaults_to_the_calendar_year_of_the_day_given():
    query = named_queries()["entrees-sorties-periode"]
    bound = query.bindings({}, dt.date(2026, 12, 5))
    assert (bound["start"].toPython(), bound["end"].toPython()) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert [p["default"] for p in query.to_json(dt.date(2026, 12, 5))["parameters"]] == ["2026-01-01", "2026-12-31"]


def test_the_period_form_holds_this_years_dates_and_the_results_say_the_period(client_on):
    client = client_on(dt.date(2026, 12, 5))
    form = client.get("/queries/entrees-sorties-periode", headers=HTML).get_data(as_text=True)
    assert 'name="start" type="date" value="2026-01-01"' in form and 'name="end" type="date" value="2026-12-31"' in form
    page = client.get("/queries/entrees-sorties-periode?run=1", headers=HTML).get_data(as_text=True)
    assert "Période\u00a0: du 1er janvier 2026 au 31 décembre 2026" in page
    english = client.get("/queries/entrees-sorties-periode?run=1&lang=en", headers=HTML).get_data(as_text=True)
    assert "Period: from 1 January 2026 to 31 December 2026" in english


def test_the_period_csv_without_dates_holds_the_year_of_the_request_and_is_named_after_it(client_on):
    answer = client_on(dt.date(2024, 7, 1)).get("/queries/entrees-sorties-periode.csv")
    assert file_name(answer) == "entrees-sorties-periode-2024-01-01-2024-12-31.csv"
    assert {row["date"][:4] for row in csv_rows(answer)} == {"2024"} and len(csv_rows(answer)) == 6
    later = client_on(dt.date(2026, 12, 5)).get("/queries/entrees-sorties-periode.csv")
    assert file_name(later) == "entrees-sorties-periode-2026-01-01-2026-12-31.csv" and csv_rows(later) == []
    given = client_on(dt.date(2026, 12, 5)).get("/queries/entrees-sorties-periode.csv?start=2025-01-01&end=2025-12-31")
    assert file_name(given) == "entrees-sorties-periode-2025-01-01-2025-12-31.csv"


def test_the_command_line_binds_the_period_to_the_current_year_by_default():
    from webapp.cli_queries import query_to_run
    from webapp.query_parameters import Lookup

    today = dt.date.today()
    bound = query_to_run("entrees-sorties-periode", (), Lookup(lambda: None, lambda: None)).bindings
    assert (bound["start"].toPython(), bound["end"].toPython()) == (dt.date(today.year, 1, 1),
                                                                    dt.date(today.year, 12, 31))


# 2. The goals that each grant serves, in every table of grants.

def test_the_pole_funding_grants_list_the_goals_they_serve_before_purpose_and_source(client_on):
    client = client_on()
    answer = client.get("/funding?pole=ptce-sante-danaecare&format=csv&table=grants")
    header = csv_header(answer)
    assert header[header.index("goals"):][:5] == ["goals", "purpose", "source", "source_iri", "source_line"]
    assert [row["goals"] for row in csv_rows(answer)] == [GOAL_2]
    page = client.get("/funding?pole=ptce-sante-danaecare", headers=HTML).get_data(as_text=True)
    grants = page[page.index('id="grants"'):]
    assert "<th scope=\"col\">Objectif(s)</th>" in grants and "Animation de l&#39;écosystème" in grants


def test_an_actors_grants_received_list_the_goals_they_serve(client_on):
    client = client_on()
    rows = client.get("/id/actor/danaecare.json").get_json()["grants_received"]["rows"]
    assert [row["goals"] for row in rows] == [GOAL_2]
    page = client.get("/id/actor/danaecare", headers=HTML).get_data(as_text=True)
    assert "<th scope=\"col\">Objectif(s)</th>" in page


def test_the_grants_of_a_beneficiary_query_lists_the_goals_they_serve_last(client_on):
    client = client_on()
    params = {"beneficiary": DANAECARE}
    answer = client.get("/queries/subventions-d-un-beneficiaire.csv", query_string=params)
    assert csv_header(answer) == ["grant", "grant_iri", "funder", "funder_iri", "funderLabel", "year", "amount",
                                  "purpose", "deliberation", "deliberation_iri", "goals"]
    assert [row["goals"] for row in csv_rows(answer)] == [GOAL_2]
    rows = client.get("/api/queries/subventions-d-un-beneficiaire", query_string=params).get_json()["rows"]
    assert [row["goals"] for row in rows] == [GOAL_2]
    page = client.get("/queries/subventions-d-un-beneficiaire", query_string={**params, "run": 1},
                      headers=HTML).get_data(as_text=True)
    assert "<th scope=\"col\">Objectif(s)</th>" in page


# 3. An actor's grants tables: each grant by its name, the other party by its role.

def test_an_actors_grants_received_csv_names_the_grant_as_its_page_and_the_funder_so(client_on):
    answer = client_on().get("/id/actor/danaecare?format=csv&table=grants_received")
    assert csv_header(answer) == ["grant", "grant_iri", "funder", "funder_iri", "year", "amount", "purpose",
                                  "deliberation", "deliberation_iri", "goals", "decision_date"]
    [row] = csv_rows(answer)
    assert (row["grant"], row["funder"], row["purpose"]) == (GRANT_NAME, "Saint-Etienne Métropole", PURPOSE)


def test_a_funders_grants_given_csv_names_the_beneficiary_so(client_on):
    answer = client_on().get("/id/actor/siren-244200770?format=csv&table=grants_given")
    assert csv_header(answer)[:4] == ["grant", "grant_iri", "beneficiary", "beneficiary_iri"]
    assert [(row["grant"], row["beneficiary"]) for row in csv_rows(answer)] == [(GRANT_NAME, "DanaeCare")]


def test_a_deliberations_decided_grants_csv_names_each_grant_as_its_page(client_on):
    answer = client_on().get("/id/deliberation/siren-244200770/2024-00240?format=csv&table=decided_grants")
    assert [(row["grant"], row["purpose"]) for row in csv_rows(answer)] == [(GRANT_NAME, PURPOSE)]


# 4. Downloads named after what they hold, in the page's language, and whose.

@pytest.mark.parametrize(("url", "name"), [
    ("/goals?format=csv&table=goals", "objectifs.csv"),
    ("/goals?format=csv&table=goals&lang=en", "goals.csv"),
    ("/goals?format=csv&table=goals&pole=ptce-sante-danaecare", "objectifs-ptce-sante-danaecare.csv"),
    ("/id/actor/danaecare?format=csv&table=grants_received&excel=1", "subventions-recues-danaecare-excel.csv"),
    ("/id/actor/danaecare?format=csv&table=memberships&excel=1", "appartenances-danaecare-excel.csv"),
    ("/id/actor/ptce-sante-danaecare?format=csv&table=memberships&excel=1",
     "appartenances-ptce-sante-danaecare-excel.csv"),
    ("/id/actor/danaecare?format=csv&table=memberships&lang=en", "memberships-danaecare.csv"),
    ("/id/actor/siren-244200770?format=csv&table=grants_given", "subventions-accordees-siren-244200770.csv"),
    ("/id/deliberation/siren-244200770/2024-00240?format=csv&table=decided_grants",
     "subventions-decidees-siren-244200770-2024-00240.csv")])
def test_a_download_is_named_after_what_it_holds_in_the_pages_language_and_whose(client_on, url, name):
    assert file_name(client_on().get(url)) == name


# 5. The goals page counts its pole's former members apart.

def test_the_goals_page_counts_former_members_apart(client_on):
    client = client_on()
    rows = {row["rank"]: row for row in csv_rows(client.get("/goals?format=csv&table=goals"))}
    assert (rows["1"]["actors"], rows["1"]["former_actors"]) == ("3", "1")
    assert (rows["2"]["actors"], rows["2"]["former_actors"]) == ("4", "0")
    assert csv_header(client.get("/goals?format=csv&table=goals"))[-1] == "former_actors"
    page = client.get("/goals", headers=HTML).get_data(as_text=True)
    assert '<td data-label="Acteurs">3 (+1 ancien)</td>' in page and '<td data-label="Acteurs">4</td>' in page
    english = client.get("/goals?lang=en", headers=HTML).get_data(as_text=True)
    assert '<td data-label="Actors">3 (+1 former)</td>' in english


# 6. The named queries' RNA column.

def test_the_rna_column_is_named_rna_in_capitals(client_on):
    page = client_on().get("/queries/membres-actuels-par-cercle?run=1", headers=HTML).get_data(as_text=True)
    assert "<th scope=\"col\">RNA</th>" in page and "<th scope=\"col\">rna</th>" not in page


# 7. A grant's « Pourquoi ? » in its row.

def test_a_grants_why_stands_in_its_row_not_as_an_orphan_line_under_the_table(client_on):
    page = client_on().get("/id/actor/danaecare", headers=HTML).get_data(as_text=True)
    received = page[page.index("<h2>Subventions reçues</h2>"):page.index("<h2>Totaux par année</h2>")]
    assert 'class="why-for"' not in received and received.count('<details class="why">') == 1
    row = re.search(r"<tr><td[ >].*?</tr>", received, re.S).group(0)
    assert GRANT_NAME in row and "<summary>Pourquoi ?</summary>" in row and "20 000 €" in row


@pytest.mark.parametrize(("lang", "goal"), [("fr", "Améliorer l'accès aux soins"), ("en", "Improve access to care")])
def test_a_goal_named_in_two_languages_is_named_once_in_the_pages_language(tmp_path, lang, goal):
    from web_fixture import fresh_app, template_data

    app = fresh_app(template_data(), tmp_path)
    try:
        client = app.test_client()
        listed = client.get("/funding.json", query_string={"year": 2024, "lang": lang}).get_json()["grants"]["rows"]
        received = client.get("/id/actor/danaecare.json", query_string={"lang": lang}).get_json()["grants_received"]
        assert [row["goals"] for row in listed] == [row["goals"] for row in received["rows"]] == [goal]
    finally:
        close_resources(app)
