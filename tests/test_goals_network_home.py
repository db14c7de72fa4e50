"""The goal pages, the network page and the home page's latest grants, on the demo corpus and small inline graphs:
a grant that a register's reference names is shown once; the legend tells every relation apart; a PTCE's network
shows the funding between its members; the latest grants are the last decided, dated or ingested."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from webapp import create_app
from webapp.resources import close_resources

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REGISTER = EXAMPLES / "ptce-registre.yaml"
DELIBERATION = EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
BASE = "https://w3id.org/maillage/id/"
GOAL2 = "goal/ptce-sante-danaecare/2"
GRANT = BASE + "grant/siren-244200770/2024-00240/danaecare"
PTCE = BASE + "actor/ptce-sante-danaecare"
SEM = BASE + "actor/saint-etienne-metropole"
DANAECARE = BASE + "actor/danaecare"
MSP = BASE + "actor/maison-sante-pluriprofessionnelle-pilat-fictive"
GRANT_NAME = "Subvention de 20\u202f000\u00a0€ à DanaeCare"


@pytest.fixture
def demo(tmp_path):
    """A client of a fresh app over what ``paths`` ingested (the demo's files), its resources closed after use."""
    apps = []

    def client_of(*paths: Path):
        data = tmp_path / "data"
        store = open_store({"store": "oxigraph", "data_dir": str(data)})
        try:
            assert [r.status for r in ingest_paths(store, list(paths))] == ["stored"] * len(paths)
        finally:
            store.close()
        app = create_app({"store": "oxigraph", "data_dir": str(data), "query_timeout": 10.0})
        app.config["TESTING"] = True
        apps.append(app)
        return app.test_client()

    yield client_of
    for app in apps:
        close_resources(app)


def served_by(client, goal: str) -> list[dict]:
    """The values of a goal page's « servi par » (its JSON twin), actors and grants."""
    inverse = client.get(f"/id/{goal}.json").get_json()["inverse"]
    return next(g for g in inverse if g["property"]["label"] == "servi par")["values"]


def test_a_goal_shows_a_grant_that_a_registers_reference_names_once_with_the_register_as_its_second_source(demo):
    client = demo(DELIBERATION, REGISTER)
    values = served_by(client, GOAL2)
    assert [v for v in values if "grant-reference" in v["iri"]] == []
    assert [v for v in values if "/grant/" in v["iri"]] == [
        {"iri": GRANT, "label": f"{GRANT_NAME} (aussi : registre ptce-registre.yaml, ligne 101)"}]
    page = client.get(f"/id/{GOAL2}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Financement «\u00a02024.00240\u00a0»" not in page and page.count(GRANT_NAME) == 1
    goals = {g["goal"]["iri"]: g for g in client.get("/goals.json").get_json()["details"]}
    assert goals[BASE + GOAL2]["grant_count"] == 1 and [g["iri"] for g in goals[BASE + GOAL2]["grants"]] == [GRANT]


def test_a_goal_keeps_a_registers_reference_that_names_no_grant_of_the_graph(demo):
    client = demo(REGISTER)
    values = served_by(client, GOAL2)
    assert [v["label"] for v in values if "grant-reference" in v["iri"]] == [
        "Financement «\u00a02024.00240\u00a0» — registre ptce-registre.yaml, ligne 101"]
    assert [v for v in values if "/grant/" in v["iri"]] == []


#: The kinds of line of the network (CSS classes), in the legend's order.
LINES = ["funds", "member", "former", "future", "coordinates", "serves"]


def edge_styles() -> dict[str, dict[str, str]]:
    """The stroke and dashes of each kind of line of the network (its CSS class), as the style sheet gives them."""
    css = (ROOT / "webapp" / "static" / "style.css").read_text(encoding="utf-8")
    styles: dict[str, dict[str, str]] = {}
    for name, body in re.findall(r"\.edge-([a-z]+) \{([^}]*)\}", css):
        declared = dict(part.split(":", 1) for part in body.split(";") if ":" in part)
        styles.setdefault(name, {}).update({k.strip(): v.strip() for k, v in declared.items()})
    return styles


def test_each_relation_of_the_network_legend_has_its_own_colour_and_is_drawn_as_its_lines_are(demo):
    """« membre de » and « membre à venir de » were one green; the legend's squares showed no dashes."""
    styles = edge_styles()
    colours = [styles[css]["stroke"].lower() for css in LINES]
    assert len(set(colours)) == len(LINES), colours
    assert {styles[css].get("stroke-dasharray") for css in ("member", "future", "former")} != {None}
    assert styles["future"].get("stroke-dasharray") != styles["former"].get("stroke-dasharray")
    client = demo(DELIBERATION, REGISTER)
    page = client.get(f"/network?focus={PTCE}", headers={"Accept": "text/html"}).get_data(as_text=True)
    caption = page[page.index("<figcaption>"):page.index("</figcaption>")]
    assert re.findall(r'class="edge edge-([a-z]+)"', caption) == LINES
    assert "membre à venir de" in caption and "membre de" in caption


def test_a_network_centred_on_a_ptce_shows_the_funding_between_its_members(demo):
    client = demo(DELIBERATION, REGISTER)
    data = client.get(f"/network.json?focus={PTCE}").get_json()
    members = {row["other"]["iri"] for row in data["edges"]["rows"] if row["relation"] == "has-member"}
    sem = next(row["other"]["iri"] for row in data["edges"]["rows"]
               if row["other"]["label"] == "Saint-Etienne Métropole")
    assert {sem, DANAECARE} <= members
    assert [(r["funder"]["iri"], r["beneficiary"]["iri"], r["grants"], r["amount"]) for r in data["among"]["rows"]] == [
        (sem, DANAECARE, 1, 20000.0)]
    page = client.get(f"/network?focus={PTCE}", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert page.count('class="edge edge-funds edge-among"') == 1
    assert "Saint-Etienne Métropole → DanaeCare" in page and "Financements entre eux" in page


def served(client, focus: str, relation: str) -> list[tuple]:
    """The edges of ``relation`` of the network around ``focus``: (neighbour, its label, links, amount)."""
    rows = client.get(f"/network.json?focus={focus}").get_json()["edges"]["rows"]
    return [(r["other"]["iri"], r["relation_label"], r["links"], r["amount"]) for r in rows
            if r["relation"] == relation]


def test_a_members_network_shows_the_goal_it_serves_as_the_goals_network_shows_the_member(demo):
    """The register's « goals: [2] » of the MSP: its network showed only its pole."""
    client = demo(DELIBERATION, REGISTER)
    assert served(client, MSP, "served-by") == [(BASE + GOAL2, "objectif qu'il sert", 1, None)]
    assert (MSP, "sert l'objectif", 1, None) in served(client, BASE + GOAL2, "serves")
    page = client.get(f"/network?focus={MSP}", headers={"Accept": "text/html"}).get_data(as_text=True)
    drawing = page[page.index("<svg"):page.index("<figcaption>")]
    assert drawing.count('class="edge edge-serves"') == 1 and "objectif qu&#39;il sert" in page


def test_a_beneficiarys_network_counts_the_grant_that_serves_a_goal_with_its_amount_as_the_goals_does(demo):
    client = demo(DELIBERATION, REGISTER)
    assert (BASE + GOAL2, "objectif qu'il sert", 2, 20000.0) in served(client, DANAECARE, "served-by")
    assert (DANAECARE, "sert l'objectif", 2, 20000.0) in served(client, BASE + GOAL2, "serves")


def test_the_funding_between_neighbours_is_that_between_those_drawn(demo):
    """Past the limit, a member is not drawn, nor is a grant to or from it."""
    client = demo(DELIBERATION, REGISTER)
    rows = client.get(f"/network.json?focus={PTCE}&limit=1").get_json()
    assert len(rows["edges"]["rows"]) == 1 and rows["among"]["rows"] == []


def latest_order(grants: list[tuple[str, str, dict]]) -> list[tuple[str, str]]:
    """The latest grants (webapp.home._LATEST) of an inline graph, each (name, which date places it): ``grants`` are
    (name, source graph, facts), the facts a dict of decided, accepted, agreed (xsd:date), year, amount; each source
    graph has its ingest time, "ingested-<graph>"."""
    import pyoxigraph as ox

    from graph.bindings import run_query
    from graph.namespaces import sparql_prologue
    from webapp.home import _LATEST

    mai, schema = "https://w3id.org/maillage/ontology#", "http://schema.org/"
    date = "^^<http://www.w3.org/2001/XMLSchema#date>"
    store = ox.Store()
    times = {"early": "2026-01-10T09:00:00+00:00", "late": "2026-03-01T09:00:00+00:00"}
    for name, source, facts in grants:
        turtle = f"<https://ex.org/{name}> a <{mai}Grant> ; <{schema}amount> {facts.get('amount', 100)} .\n"
        if "year" in facts:
            turtle += f"<https://ex.org/{name}> <{mai}fiscalYear> {facts['year']} .\n"
        if "agreed" in facts:
            turtle += f'<https://ex.org/{name}> <{mai}conventionDate> "{facts["agreed"]}"{date} .\n'
        if "accepted" in facts:  # a decision's date that the grant keeps, no deliberation holding it
            turtle += f'<https://ex.org/{name}> <http://purl.org/dc/terms/dateAccepted> "{facts["accepted"]}"{date} .\n'
        if "decided" in facts:
            turtle += (f"<https://ex.org/{name}> <{mai}decidedBy> <https://ex.org/d-{name}> .\n"
                       f'<https://ex.org/d-{name}> <http://purl.org/dc/terms/date> "{facts["decided"]}"{date} .\n')
        store.load(turtle.encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(f"https://ex.org/{source}"))
    for source, time in times.items():
        store.add(ox.Quad(ox.NamedNode(f"https://ex.org/{source}"),
                          ox.NamedNode("http://www.w3.org/ns/prov#generatedAtTime"),
                          ox.Literal(time, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")),
                          ox.NamedNode(f"https://ex.org/{source}")))
    rows = run_query(store, sparql_prologue() + _LATEST).raw_rows()
    return [(row[0].value.rsplit("/", 1)[1], row[8].value) for row in rows]


def test_the_latest_grants_are_ordered_by_decision_agreement_year_then_ingest_time_and_say_which():
    """The Somme's lists give an agreement date and no decision date: their grants were listed by amount."""
    assert latest_order([
        ("big-old-agreement", "early", {"agreed": "2018-01-30", "year": 2018, "amount": 756283}),
        ("small-new-agreement", "early", {"agreed": "2018-03-12", "year": 2018, "amount": 2000}),
        ("decided", "early", {"decided": "2018-02-15", "year": 2018, "amount": 50}),
        ("year-only", "early", {"year": 2019, "amount": 10}),
        ("undated-early", "early", {"amount": 90000}),
        ("undated-late", "late", {"amount": 5}),
    ]) == [("year-only", "year"), ("small-new-agreement", "convention"), ("decided", "decision"),
           ("big-old-agreement", "convention"), ("undated-late", "ingest"), ("undated-early", "ingest")]


def test_a_grant_s_own_decision_date_places_it_among_the_latest_as_its_decision():
    """A list's row with a decision date and no reference: the grant keeps the date (dcterms:dateAccepted), which
    places it as a deliberation's would, not its year alone."""
    assert latest_order([("agreed", "early", {"agreed": "2018-02-10", "year": 2018, "amount": 50}),
                         ("own-decision", "early", {"accepted": "2018-02-20", "year": 2018, "amount": 50})]) == [
        ("own-decision", "decision"), ("agreed", "convention")]


def test_a_grant_with_no_date_nor_ingest_time_comes_last_among_the_latest():
    assert latest_order([("none", "unknown", {"amount": 10**6}), ("dated", "early", {"year": 2001, "amount": 1})]) == [
        ("dated", "year"), ("none", "none")]


def test_the_home_page_says_which_date_places_each_latest_grant(demo, tmp_path):
    grants = tmp_path / "grants.ttl"
    grants.write_text("""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://ex.org/g1> a mai:Grant ; schema:amount 5000 ; mai:conventionDate "2018-01-30"^^xsd:date ;
    mai:fiscalYear 2018 .
<https://ex.org/g2> a mai:Grant ; schema:amount 9000 .
""", encoding="utf-8")
    client = demo(DELIBERATION, grants)
    rows = client.get("/index.json").get_json()["latest_grants"]["rows"]
    assert [(row["grant"]["iri"].rsplit("/", 1)[1], row["date"][:4], row["dated_by"]) for row in rows] == [
        ("danaecare", "2024", "la décision"), ("g1", "2018", "la convention"),
        ("g2", rows[2]["date"][:4], "l'import (aucune autre date)")]
    page = client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Source de la date" in page and "la convention" in page
