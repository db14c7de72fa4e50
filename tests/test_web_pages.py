"""The explorer's pages, their JSON and CSV twins, content negotiation, escaping, "Pourquoi ?", languages."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from markupsafe import escape
from web_fixture import (BASE, COEUR, DANAECARE, DELIBERATION, END, GOAL, GOAL2, GRANT, GRANT_XSS, LONELY, MENU_SCRIPT,
                         PARTENAIRES, PREVENTION, PTCE, QUOTE, SEM, SESSION, START, XSS, app_on_fixture, client_with,
                         data_with, fresh_app, without_menu_script)

from webapp.i18n import STRINGS
from webapp.resources import close_resources

HTML = {"Accept": "text/html"}


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app.test_client()


PAGES = ["/", "/id/actor/danaecare", "/funding", "/goals", "/network", f"/network?focus={DANAECARE}",
         "/queries", "/queries/totaux-par-financeur", "/search", f"/resource?iri={COEUR}"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_html_and_links_its_json_twin(client, url):
    if url == "/search" and not any(r.rule == "/api/search" for r in client.application.url_map.iter_rules()):
        pytest.skip("/api/search (the search page's JSON twin) comes with webapp/search_api.py, not there yet")
    response = client.get(url, headers=HTML)
    assert response.status_code == 200 and response.mimetype == "text/html"
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', response.get_data(as_text=True))
    assert twin, "no JSON twin link"
    json_response = client.get(twin.group(1).replace("&amp;", "&"))
    assert json_response.status_code == 200 and json_response.mimetype == "application/json"


@pytest.mark.parametrize("url,table", [("/funding", "by_funder"), ("/goals", "goals"), ("/", "counts"),
                                       (f"/network?focus={DANAECARE}", "edges"), ("/queries", "queries")])
def test_tables_download_as_csv(client, url, table):
    response = client.get(url + ("&" if "?" in url else "?") + f"format=csv&table={table}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.get_data(as_text=True).splitlines()[0]


def test_home_shows_counts_the_pole_its_goals_and_the_latest_grants(client):
    page = client.get("/", headers=HTML).get_data(as_text=True)
    assert "PTCE santé Loire" in page and "Améliorer l&#39;accès aux soins" in page
    assert "20\u202f000\u00a0€" in page and 'name="q"' in page
    counts = {row["kind"]["label"]: row["count"] for row in client.get("/index.json").get_json()["counts"]["rows"]}
    assert counts["Subvention"] == 2 if "Subvention" in counts else counts


def test_the_latest_grants_are_ten_grants_even_when_one_has_two_labels():
    """The ten grants are chosen before their labels are joined: a LIMIT on the rows showed fewer grants."""
    from graph.namespaces import sparql_prologue
    from graph.bindings import run_query
    from webapp.home import _LATEST

    mai, schema = "https://w3id.org/maillage/ontology#", "http://schema.org/"
    turtle = "".join(f'<https://ex.org/g{i}> a <{mai}Grant> ; <{mai}fiscalYear> 2024 ; <{schema}amount> {1000 + i} ; '
                     f'<{mai}beneficiary> <https://ex.org/b> .\n' for i in range(12))
    store = ox.Store()
    store.load((turtle + '<https://ex.org/b> <http://www.w3.org/2000/01/rdf-schema#label> "B"@fr, "B"@en .')
               .encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("https://ex.org/source"))
    rows = list(run_query(store, sparql_prologue() + _LATEST).raw_rows())
    grants = list(dict.fromkeys(row[0].value for row in rows))
    assert grants == [f"https://ex.org/g{i}" for i in range(11, 1, -1)]


def test_a_label_with_markup_is_shown_as_text(client):
    page = client.get("/id/actor/xss", headers=HTML).get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_an_actor_page_shows_properties_with_labels_and_tooltips_grants_and_memberships(client):
    page = client.get("/id/actor/danaecare", headers=HTML).get_data(as_text=True)
    assert '<span class="visually-hidden"> (' in page and "W423012345" in page
    assert "Subventions reçues" in page and "Saint-Etienne Métropole" in page
    assert "Appartenances" in page and "15 janvier 2024" in page
    assert "membre de" in page


def test_an_actors_grants_are_listed_once_in_its_grants_tables_not_again_among_its_incoming_links(client):
    data = client.get("/id/actor/danaecare.json").get_json()
    assert [row["grant"]["iri"] for row in data["grants_received"]["rows"]] == [GRANT]
    assert GRANT not in {value["iri"] for group in data["inverse"] for value in group["values"]}
    assert {group["property"]["iri"].rsplit("#", 1)[-1] for group in data["inverse"]} >= {"member"}
    page = client.get("/id/actor/danaecare", headers=HTML).get_data(as_text=True)
    assert page.count('href="/id/grant/sem-danaecare-2024"') == 1 and "bénéficiaire de" not in page


def test_a_grant_the_grants_tables_leave_out_stays_among_the_incoming_links(tmp_path):
    """A grant without a beneficiary is in no table of its funder's page (a table row names the other party): its
    link to the funder is listed with the other incoming links, and a funder known only by such links has a page."""
    data = json_of_a_store_of(tmp_path, """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix schema: <http://schema.org/> .
<https://ex.org/g1> a mai:Grant ; schema:funder <https://ex.org/city> ; schema:amount 1500 .
""", "/resource?iri=https://ex.org/city&format=json")
    assert [[(v["iri"], v["label"]) for v in group["values"]] for group in data["inverse"]] == [
        [("https://ex.org/g1", "Subvention de 1\u202f500\u00a0€ à bénéficiaire inconnu")]]
    assert "grants_given" not in data


def test_a_resource_known_only_by_the_grants_its_tables_list_has_a_page_of_them(tmp_path):
    """No triple of its own and no other link: its page is its grants tables, not a 404."""
    data = json_of_a_store_of(tmp_path, """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix schema: <http://schema.org/> .
<https://ex.org/g1> a mai:Grant ; schema:funder <https://ex.org/city> ; mai:beneficiary <https://ex.org/asso> ;
  schema:amount 1500 .
""", "/resource?iri=https://ex.org/asso&format=json")
    assert [row["grant"]["iri"] for row in data["grants_received"]["rows"]] == ["https://ex.org/g1"]
    assert data["inverse"] == []


@pytest.mark.parametrize("lang, yes, no", [("fr", "oui", "non"), ("en", "yes", "no")])
def test_a_boolean_is_shown_as_yes_or_no_in_the_pages_language(tmp_path, lang, yes, no):
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    source = tmp_path / "scic.ttl"
    source.write_text("""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://ex.org/scic> a mai:Enterprise ; rdfs:label "SCIC Mobilité Soins" ; mai:esus true ; mai:ess false .
""", encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "template")})
    ingest_paths(store, [source])
    store.close()
    app = fresh_app(tmp_path / "template", tmp_path / "app")
    try:
        page = app.test_client().get(f"/resource?iri=https://ex.org/scic&lang={lang}", headers=HTML).get_data(
            as_text=True)
    finally:
        close_resources(app)
    shown = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", page)  # a property's meaning, for screen readers
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", shown))
    assert re.search(rf"(agrément ESUS|ESUS approval) {yes}\b", text) and re.search(rf"(ESS|flag) {no}\b", text)
    assert not re.search(r"\b(true|false)\b", text)


def test_a_fact_with_evidence_has_a_why_that_links_to_the_highlighted_quote(client):
    page = client.get("/id/actor/danaecare", headers=HTML).get_data(as_text=True)
    assert "<details class=\"why\">" in page and QUOTE.replace("'", "&#39;") in page
    assert "<summary>Pourquoi ?</summary>" in page  # one quote: no count
    link = re.search(r'href="(/id/source/deliberation-txt\?start=\d+&amp;end=\d+#quote)"', page).group(1)
    source = client.get(link.replace("&amp;", "&").split("#")[0], headers=HTML).get_data(as_text=True)
    assert f'<mark id="quote">{QUOTE}</mark>'.replace("'", "&#39;") in source
    assert f"start={START}" in link and f"end={END}" in link


def test_an_authority_page_totals_its_grants_by_year(client):
    data = client.get("/id/actor/saint-etienne-metropole.json").get_json()
    assert {(r["year"], r["total"]) for r in data["totals_by_year"]["rows"]} == {(2024, 20000.0), (2023, 5000.0)}


@pytest.mark.parametrize("suffix,accept,fmt", [
    (".ttl", "text/turtle", ox.RdfFormat.TURTLE), (".jsonld", "application/ld+json", ox.RdfFormat.JSON_LD),
    (".nt", "application/n-triples", ox.RdfFormat.N_TRIPLES), (".rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML)])
def test_resources_negotiate_rdf_by_suffix_and_by_accept(client, suffix, accept, fmt):
    by_suffix = client.get("/id/actor/danaecare" + suffix)
    by_accept = client.get("/id/actor/danaecare", headers={"Accept": accept})
    assert by_suffix.mimetype == by_accept.mimetype == accept
    triples = {str(t) for t in ox.parse(by_suffix.data, fmt)}
    assert triples == {str(t) for t in ox.parse(by_accept.data, fmt)}
    assert any("DanaeCare" in t for t in triples)


@pytest.mark.parametrize("accept", ["*/*", "application/json", "text/turtle"])
def test_a_resources_page_is_served_by_the_html_suffix_whatever_the_accept_header(client, accept):
    page = client.get("/id/actor/danaecare.html", headers={"Accept": accept})
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "<h1>DanaeCare</h1>" in page.get_data(as_text=True)
    assert client.get("/id/actor/nobody.html", headers={"Accept": accept}).status_code == 404


@pytest.mark.parametrize("path", ["/id/actor/danaecare", f"/resource?iri={DANAECARE}"])
@pytest.mark.parametrize("accept", ["application/xml", "image/png", "application/pdf; q=0.5",
                                    "text/html;q=0, application/json;q=0"])
def test_an_accept_that_names_no_format_of_a_resources_page_is_a_406_that_lists_them(client, path, accept):
    error = client.get(path, headers={"Accept": accept})
    assert (error.status_code, error.get_json()["error"]) == (406, {
        "status": 406, "code": "unknown-format",
        "message": f"aucun des formats demandés n'est disponible (Accept : « {accept} ») ; possibles : html, json, "
                   "csv, turtle, jsonld, ntriples, rdfxml, ou leurs types de média",
        "message_en": f"none of the formats asked for is available (Accept: '{accept}'); known: html, json, csv, "
                      "turtle, jsonld, ntriples, rdfxml, or their media types"})


@pytest.mark.parametrize("path", ["/id/actor/danaecare", f"/resource?iri={DANAECARE}"])
@pytest.mark.parametrize("accept, mimetype", [
    (None, "text/html"), ("*/*", "text/html"), ("image/png, */*;q=0.1", "text/html"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("application/json", "application/json"), ("text/turtle; charset=utf-8", "text/turtle")])
def test_a_resources_page_answers_any_accept_that_admits_one_of_its_formats(client, path, accept, mimetype):
    page = client.get(path, headers={"Accept": accept} if accept else {})
    assert (page.status_code, page.mimetype) == (200, mimetype)


@pytest.mark.parametrize("path, mimetype", [("/id/actor/danaecare.ttl", "text/turtle"),
                                            ("/id/actor/danaecare.json", "application/json"),
                                            ("/id/actor/danaecare?format=nt", "application/n-triples"),
                                            (f"/resource?iri={DANAECARE}&format=turtle", "text/turtle")])
def test_a_resources_suffix_or_format_parameter_wins_over_an_accept_it_does_not_name(client, path, mimetype):
    page = client.get(path, headers={"Accept": "image/png"})
    assert (page.status_code, page.mimetype) == (200, mimetype)


def test_a_resources_table_still_downloads_as_csv_by_the_accept_header(client):
    table = client.get("/id/actor/danaecare?table=grants_received", headers={"Accept": "text/csv"})
    assert (table.status_code, table.mimetype) == (200, "text/csv")


def test_funding_gives_totals_by_funder_year_and_theme_and_a_chart(client):
    response = client.get("/funding", headers=HTML)
    assert "<svg" in response.get_data(as_text=True)
    data = client.get("/funding.json").get_json()
    assert data["by_funder"]["rows"][0]["total"] == 25000.0
    assert {r["year"] for r in data["by_year"]["rows"]} == {2023, 2024}
    assert data["by_theme"]["rows"][0]["total"] == 25000.0


def test_goals_list_the_grants_and_actors_serving_each_goal(client):
    rows = {r["goal"]["iri"]: r for r in client.get("/goals.json").get_json()["goals"]["rows"]}
    assert rows[GOAL]["grants"] == 1 and rows[GOAL]["total"] == 20000.0 and rows[GOAL]["actors"] == 1


def test_the_network_is_capped_with_n_more_and_expandable(client):
    page = client.get(f"/network?focus={SEM}&limit=1", headers=HTML).get_data(as_text=True)
    assert "<svg" in page and "2 de plus" in page and "limit=2" in page
    full = client.get(f"/network.json?focus={SEM}&limit=10").get_json()
    assert full["more"] == 0 and len(full["edges"]["rows"]) == 3


def test_english_is_one_switch_away_and_remembered(client):
    page = client.get("/?lang=en", headers=HTML)
    assert "Latest grants" in page.get_data(as_text=True)
    assert "maillage_lang=en" in page.headers["Set-Cookie"]
    assert "Latest grants" in client.get("/", headers=HTML).get_data(as_text=True)


def test_every_ui_string_exists_in_both_languages_and_every_template_key_is_known():
    assert all(fr and en for fr, en in STRINGS.values())
    templates = Path(__file__).resolve().parent.parent / "webapp" / "templates"
    used = set()
    for path in templates.glob("*.html"):
        used |= set(re.findall(r'(?<![\w.])t\("([a-z_]+)"', path.read_text(encoding="utf-8")))
    assert used and used <= set(STRINGS)


def test_no_page_needs_javascript_its_only_script_is_the_deferred_menu_key(client):
    for url in PAGES:
        page = client.get(url, headers=HTML).get_data(as_text=True)
        assert MENU_SCRIPT in page and "<script" not in without_menu_script(page), url


@pytest.mark.parametrize("url,status", [
    ("/id/actor/nobody", 404), ("/id/actor/nobody.ttl", 404), ("/resource?iri=nope", 400),
    ("/queries/nope", 404), ("/queries/presents-a-une-seance?run=1", 400),
    ("/queries/entrees-sorties-periode?start=hier&run=1", 400), ("/network?focus=nope", 400),
    ("/network?focus=https://ex.org/x&limit=x", 400), ("/funding?format=pdf", 406), ("/funding?format=csv", 400),
    ("/api/resource", 400), ("/api/resource?iri=https://ex.org/none", 404), ("/api/grants?year=x", 400),
    ("/api/queries/nope", 404), ("/sparql?query=", 400), ("/sparql?query=SELEC", 400),
    ("/sparql?query=SELECT%20*%20%7B%7D&format=pdf", 406), ("/store", 400), ("/store?graph=urn:none", 404),
    ("/nowhere", 404)])
def test_every_error_has_the_one_json_shape(client, url, status):
    response = client.get(url)
    assert response.status_code == status, response.data[:300]
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message", "message_en"}
    assert body["error"]["status"] == status and body["error"]["message"] and body["error"]["message_en"]


@pytest.mark.parametrize("path", ["/id/actor/a%3Eb", "/id/actor/a%20b", "/id/actor/a%22b", "/id/actor/a%7Bb%7D",
                                  "/id/actor/a%5Cb", "/id/actor/a%60b", "/id/actor/a%7Cb", "/id/actor/%FF",
                                  "/id/actor/a%3Eb.ttl"])
@pytest.mark.parametrize("accept", ["text/html", "application/json"])
def test_an_address_with_a_character_no_iri_has_is_a_404_not_a_500(client, path, accept):
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 404, response.data[:300]
    assert "requête SPARQL" not in response.get_data(as_text=True) and "query" not in response.get_data(as_text=True)


@pytest.mark.parametrize("iri", ["http://x/a b", "http://x/a>b", 'http://x/a"b', "http://x/a\\b", "http://x/a\x00"])
def test_an_iri_parameter_with_a_character_no_iri_has_is_a_400_that_says_so(client, iri):
    response = client.get("/api/resource", query_string={"iri": iri})
    assert response.status_code == 400, response.data[:300]
    assert response.get_json()["error"]["message"] == "« iri » doit être une IRI"
    assert client.get("/api/grants", query_string={"funder": iri}).status_code == 400


@pytest.mark.parametrize("page", ["0", "-3", "1000001", "99999999999999999999", "abc", "1.5"])
def test_a_grants_page_outside_the_openapi_bounds_is_a_400_that_says_them(client, page):
    response = client.get("/api/grants", query_string={"page": page})
    assert response.status_code == 400, response.data[:300]
    error = response.get_json()["error"]
    assert error["code"] == "bad-parameter" and "SPARQL" not in error["message"] + error["message_en"]
    assert "entre 1 et 1000000" in error["message"] and "between 1 and 1000000" in error["message_en"]


@pytest.mark.parametrize("route", ["/api/grants", "/api/search"])
def test_the_last_page_the_openapi_document_allows_is_answered_and_the_next_refused(client, route):
    document = client.get("/api/openapi.json").get_json()
    bounds = next(p["schema"] for p in document["paths"][route]["get"]["parameters"] if p["name"] == "page")
    assert client.get(f"{route}?page={bounds['maximum'] + 1}").status_code == 400
    assert client.get(f"{route}?page={bounds['maximum']}").status_code == 200


@pytest.mark.parametrize("query", ["amount_min=5", "foo=bar&year=2024"])
def test_an_unknown_grants_parameter_is_a_400_naming_the_accepted_ones(client, query):
    response = client.get("/api/grants?" + query)
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "unknown-parameter" and query.split("=")[0] in error["message"]
    assert "funder, beneficiary, year, goal, theme, page" in error["message"]


@pytest.mark.parametrize("route, query, accepted", [("/api/resource", {"iri": PTCE}, "iri, lang"),
                                                     ("/api/suggest", {"q": "sant"}, "q, limit, lang")])
def test_an_unknown_resource_or_suggest_parameter_is_a_400_naming_the_accepted_ones(client, route, query, accepted):
    assert client.get(route, query_string=query).status_code == 200
    response = client.get(route, query_string={**query, "format": "ttl"})
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "unknown-parameter" and "format" in error["message"] and accepted in error["message"]


def test_a_named_query_refuses_a_parameter_it_does_not_take_naming_the_ones_it_takes(client):
    assert client.get("/api/queries/totaux-par-beneficiaire").status_code == 200
    response = client.get("/api/queries/totaux-par-beneficiaire?year=2025")
    assert response.status_code == 400  # the totals of every year would have been answered as if filtered
    error = response.get_json()["error"]
    assert error["code"] == "unknown-parameter" and "year" in error["message"]
    assert client.get(f"/api/queries/presents-a-une-seance?session={SESSION}&lang=en").status_code == 200
    error = client.get(f"/api/queries/presents-a-une-seance?session={SESSION}&seance=1").get_json()["error"]
    assert "seance" in error["message"] and "(acceptés : session, lang)" in error["message"]


def test_a_parameter_that_is_not_utf8_is_a_400_naming_it(client):
    for url in ("/api/grants?funder=%FF%FE", "/funding?pole=%E9t%E9", "/sparql?query=%FF"):
        response = client.get(url)
        assert response.status_code == 400, (url, response.data[:300])
        assert response.get_json()["error"]["message"].startswith("paramètre non UTF-8")


def test_every_link_of_the_explorer_to_the_api_is_accepted_by_it(client):
    links = set()
    for url in [*PAGES, "/goals?lang=en"]:
        page = client.get(url, headers=HTML).get_data(as_text=True)
        links |= {link.replace("&amp;", "&") for link in re.findall(r'href="(/api/[^"]+)"', page)}
    assert links
    for link in links:
        assert client.get(link).status_code == 200, link


def test_a_browser_gets_errors_as_a_page(client):
    response = client.get("/id/actor/nobody", headers=HTML)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "Erreur 404" in response.get_data(as_text=True)


def test_our_own_failures_are_500_with_a_logged_traceback(client, caplog, monkeypatch):
    import webapp.home

    monkeypatch.setattr(webapp.home, "cooperations", lambda: 1 / 0)
    response = client.get("/")
    assert response.status_code == 500 and response.get_json()["error"]["code"] == "internal-error"
    assert any("ZeroDivisionError" in (r.exc_text or "") or r.exc_info for r in caplog.records)


def test_the_session_page_lists_who_was_present(client):
    data = client.get(f"/api/queries/presents-a-une-seance?session={SESSION}").get_json()
    assert {(r["personLabel"], r["status"]) for r in data["rows"]} == {("Alice Martin", "présent"),
                                                                         ("Bob Durand", "excusé")}


def test_the_pole_page_lists_its_members_in_its_memberships_table_not_again_among_its_incoming_links(client):
    data = client.get("/api/resource?iri=" + PTCE).get_json()
    members = {(r["member"]["label"], r["circle"]["iri"]) for r in data["memberships"]["rows"]}
    assert ("DanaeCare", COEUR) in members
    assert not any(p["property"]["label"] == "a pour adhésion" for p in data["inverse"])


def test_a_circles_memberships_are_listed_once_in_its_table_even_one_a_source_left_without_its_pole(tmp_path):
    """A pole's or a circle's page lists the memberships that link to it in its memberships table (a circle that
    the poles share has thousands), no longer again among its incoming links; a member's page still names its
    memberships among them too ("membre de"). The shapes require a membership's pole; one stored without it (a
    warning at ingest) still has its row, with an empty pole, rather than vanishing from the page."""
    circle, pole, member = jsons_of_a_store_of(tmp_path, GOALS_TTL + f"""@prefix org: <http://www.w3.org/ns/org#> .
ex:m1 a org:Membership ; org:member ex:member ; org:organization ex:pole-a ; org:role <{COEUR}> .
ex:m2 a org:Membership ; org:member ex:asso ; org:role <{COEUR}> .
""", [f"/resource?iri={COEUR}&format=json", "/resource?iri=https://ex.org/pole-a&format=json",
      "/resource?iri=https://ex.org/member&format=json"])
    rows = {row["membership"]["iri"]: row for row in circle["memberships"]["rows"]}
    assert set(rows) == {"https://ex.org/m1", "https://ex.org/m2"}
    assert (rows["https://ex.org/m2"]["member"]["label"], rows["https://ex.org/m2"]["organization"]) == (
        "Asso bénéficiaire", None)
    assert rows["https://ex.org/m1"]["organization"]["label"] == "PTCE A"

    def linking(data: dict) -> dict[str, set[str]]:
        return {group["property"]["iri"].rsplit("#", 1)[-1]: {value["iri"] for value in group["values"]}
                for group in data["inverse"]}

    assert [row["membership"]["iri"] for row in pole["memberships"]["rows"]] == ["https://ex.org/m1"]
    assert not {"role", "organization"} & (set(linking(circle)) | set(linking(pole)))
    assert linking(member)["member"] == {"https://ex.org/m1"}


def test_xss_actor_is_escaped_in_search_free_pages_too(client):
    page = client.get(f"/network?focus={XSS}", headers=HTML).get_data(as_text=True)
    assert "<script>" not in page


def test_the_search_page_shows_results_facets_and_escaped_highlights(client):
    pytest.importorskip("search.query", reason="the search package (search/query.py) is not there yet")
    page = client.get("/search?q=DanaeCare", headers=HTML).get_data(as_text=True)
    assert '<a href="/id/actor/danaecare">DanaeCare</a>' in page
    assert "<mark>DanaeCare</mark>" in page and "<script>alert" not in page
    assert "type=actor" in page and "(2)" in page
    filtered = client.get("/search?q=DanaeCare&type=grant", headers=HTML).get_data(as_text=True)
    assert "/id/grant/sem-danaecare-2024" in filtered and '/id/actor/danaecare"' not in filtered


@pytest.fixture
def one_grant_per_page(monkeypatch):
    import webapp.resource_pages

    monkeypatch.setattr(webapp.resource_pages, "GRANTS_PAGE_SIZE", 1)


def test_a_funders_grants_are_paged_with_totals_over_all_its_grants(client, one_grant_per_page):
    first = client.get("/id/actor/saint-etienne-metropole.json").get_json()
    second = client.get("/id/actor/saint-etienne-metropole.json?page=2").get_json()
    assert [r["year"] for r in first["grants_given"]["rows"]] == [2024]
    assert [r["year"] for r in second["grants_given"]["rows"]] == [2023]
    assert first["grants_page"] == {"page": 1, "pages": 2, "page_size": 1, "given": 2, "received": 0}
    assert second["grants_page"]["page"] == 2 and second["grants_given"]["more"] == 0
    for data in (first, second):
        assert {(r["year"], r["total"]) for r in data["totals_by_year"]["rows"]} == {(2024, 20000.0),
                                                                                    (2023, 5000.0)}


def test_the_grant_pages_link_to_each_other_and_their_json_twin_keeps_the_page(client, one_grant_per_page):
    first = client.get("/id/actor/saint-etienne-metropole", headers=HTML).get_data(as_text=True)
    assert 'href="/id/actor/saint-etienne-metropole?page=2" rel="next"' in first and 'rel="prev"' not in first
    second = client.get("/id/actor/saint-etienne-metropole?page=2", headers=HTML).get_data(as_text=True)
    assert 'href="/id/actor/saint-etienne-metropole?page=1" rel="prev"' in second and 'rel="next"' not in second
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', second).group(1)
    assert client.get(twin.replace("&amp;", "&")).get_json()["grants_page"]["page"] == 2


def test_a_page_past_the_last_shows_no_grant_rows_but_the_totals(client, one_grant_per_page):
    data = client.get("/id/actor/saint-etienne-metropole.json?page=9").get_json()
    assert data["grants_given"]["rows"] == [] and len(data["totals_by_year"]["rows"]) == 2


def test_a_resource_with_few_grants_has_no_pagination(client):
    page = client.get("/id/actor/danaecare", headers=HTML).get_data(as_text=True)
    assert 'aria-label="Pagination"' not in page
    assert client.get("/id/actor/danaecare.json").get_json()["grants_page"]["pages"] == 1


@pytest.mark.parametrize("page", ["0", "x", "-1"])
def test_a_bad_grant_page_is_a_400(client, page):
    response = client.get(f"/id/actor/saint-etienne-metropole.json?page={page}")
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad-parameter"


def test_grants_api_lists_a_page_of_grants_latest_year_first_with_filters(client, monkeypatch):
    def grants(**params):
        body = client.get("/api/grants", query_string=params).get_json()
        return [(row["grant"]["iri"], row["year"], row["goal"]["iri"]) for row in body["rows"]], body["has_next"]

    assert grants() == ([(GRANT, 2024, GOAL), (GRANT_XSS, 2023, GOAL2)], False)
    assert grants(beneficiary=XSS) == ([(GRANT_XSS, 2023, GOAL2)], False)
    assert grants(funder=SEM, year=2024) == ([(GRANT, 2024, GOAL)], False)
    assert grants(goal=GOAL2, year=2024) == ([], False)
    monkeypatch.setattr("webapp.api.PAGE_SIZE", 1)  # a page of one grant: the engine pages by grant
    assert grants() == ([(GRANT, 2024, GOAL)], True)
    assert grants(page=2) == ([(GRANT_XSS, 2023, GOAL2)], False)


def app_with_another_source(tmp_path: Path, turtle: str):
    """An app on the fixture's data and a second source file, ``turtle``, ingested after it."""
    return fresh_app(data_with(tmp_path, turtle), tmp_path / "copy")


def test_grants_api_totals_all_matching_grants_exactly_and_counts_those_after_the_page(tmp_path, monkeypatch):
    """Amounts whose float sum is noisy (0.1 + 0.2): the total over every page is the exact decimal sum, the page's
    own total is rounded to the cent, and ``more`` counts the grants after the page, as ``has_next`` says."""
    mai, schema = "https://w3id.org/maillage/ontology#", "http://schema.org/"
    turtle = "".join(f'<{GRANT}-{i}> a <{mai}Grant> ; <{schema}funder> <{SEM}> ; <{mai}fiscalYear> 2020 ; '
                     f'<{schema}amount> "{amount}"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'
                     for i, amount in enumerate(("0.1", "0.2", "1000.0001")))
    app = app_with_another_source(tmp_path, turtle)
    client = app.test_client()
    monkeypatch.setattr("webapp.api.PAGE_SIZE", 2)
    try:
        first = client.get("/api/grants", query_string={"funder": SEM}).get_json()
        assert (first["has_next"], first["more"], first["matching_count"]) == (True, 3, 5)
        assert (first["total_amount"], first["matching_total_amount"]) == ("25000", "26000.3001")
        second = client.get("/api/grants", query_string={"funder": SEM, "page": 2}).get_json()
        assert (second["has_next"], second["more"], second["total_amount"]) == (True, 1, "1000.2001")
        last = client.get("/api/grants", query_string={"funder": SEM, "page": 3}).get_json()
        assert (last["has_next"], last["more"], last["total_amount"]) == (False, 0, "0.1")
        assert last["matching_total_amount"] == "26000.3001"
        none = client.get("/api/grants", query_string={"year": 1990}).get_json()
        assert (none["matching_count"], none["matching_total_amount"], none["more"]) == (0, "0", 0)
    finally:
        close_resources(app)


def test_a_grant_serving_two_goals_is_one_row_of_the_grants_api_with_both_goals(tmp_path, monkeypatch):
    app = app_with_another_source(tmp_path, f"<{GRANT}> <https://w3id.org/maillage/ontology#contributesTo> <{GOAL2}> .\n")
    client = app.test_client()
    monkeypatch.setattr("webapp.api.PAGE_SIZE", 1)
    try:
        body = client.get("/api/grants").get_json()
        assert [(r["grant"]["iri"], r["goal"]["iri"], [g["iri"] for g in r["goals"]]) for r in body["rows"]] == [
            (GRANT, GOAL, [GOAL, GOAL2])]
        assert (body["has_next"], body["total_amount"]) == (True, "20000")
        body = client.get("/api/grants", query_string={"page": 2}).get_json()
        assert [r["grant"]["iri"] for r in body["rows"]] == [GRANT_XSS] and not body["has_next"]
    finally:
        close_resources(app)


def test_the_grants_api_names_grants_deliberations_and_goals_as_their_pages_do(tmp_path):
    mai, dcterms = "https://w3id.org/maillage/ontology#", "http://purl.org/dc/terms/"
    deliberation = BASE + "deliberation/sem/conv-n-365-15"
    app = app_with_another_source(
        tmp_path, f'<{GRANT_XSS}> <{mai}decidedBy> <{deliberation}> .\n<{deliberation}> a <{mai}Deliberation> ; '
                  f'<{dcterms}identifier> "CONV N° 365-15" ; <{mai}authority> <{SEM}> .\n')
    client = app.test_client()
    try:
        title = "Création d'un PTCE santé – subvention à DanaeCare"
        french = [("Subvention de 20\u202f000\u00a0€ à DanaeCare", title, ["Améliorer l'accès aux soins"]),
                  ("Subvention de 5\u202f000\u00a0€ à <script>alert('x')</script>",
                   "Délibération CONV N° 365-15 — Saint-Etienne Métropole", ["Développer la prévention"])]
        english = [("Grant of €20,000 to DanaeCare", title, ["Improve access to care"])]
        for lang, names in (("fr", french), ("en", english)):
            rows = client.get("/api/grants", query_string={"lang": lang}).get_json()["rows"]
            assert [(r["grant"]["label"], r["deliberation"]["label"], [g["label"] for g in r["goals"]])
                    for r in rows][:len(names)] == names
    finally:
        close_resources(app)


def test_totals_count_each_grant_once_when_another_source_restates_the_actors(tmp_path):
    """The union of the graphs repeats a triple stated by two sources (an actor's label in an RNA extract and in a
    grants list, a grant in a deliberation and a grants list): totals count each grant once, whatever the copies of
    its own triples or of its funder's or beneficiary's label."""
    app = app_with_another_source(
        tmp_path, f'<{DANAECARE}> <http://www.w3.org/2000/01/rdf-schema#label> "DanaeCare" .\n'
                  f'<{SEM}> <http://www.w3.org/2000/01/rdf-schema#label> "Saint-Etienne Métropole" .\n'
                  f'<{GRANT}> a <https://w3id.org/maillage/ontology#Grant> ; <http://schema.org/funder> <{SEM}> ; '
                  f'<http://schema.org/amount> "20000.00"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n')
    client = app.test_client()
    try:
        funding = client.get("/funding.json").get_json()
        assert [(r["funder"]["iri"], r["grants"], r["total"]) for r in funding["by_funder"]["rows"]] == [(SEM, 2, 25000.0)]
        assert {r["beneficiary"]["iri"]: r["total"] for r in funding["by_beneficiary"]["rows"]} == {
            DANAECARE: 20000.0, XSS: 5000.0}
        assert {(r["beneficiary"]["iri"], r["grants"], r["total"]) for r in funding["flows"]["rows"]} == {
            (DANAECARE, 1, 20000.0), (XSS, 1, 5000.0)}
        totals = client.get("/api/queries/totaux-par-financeur").get_json()["rows"]
        assert [(r["funder"]["iri"], r["grants"], r["total"]) for r in totals] == [(SEM, 2, 25000)]
        by_year = client.get("/api/queries/subventions-par-financeur-et-annee").get_json()["rows"]
        assert sorted((r["year"], r["total"]) for r in by_year) == [(2023, 5000), (2024, 20000)]
        latest = client.get("/index.json").get_json()["latest_grants"]["rows"]
        assert [r["grant"]["iri"] for r in latest] == [GRANT, GRANT_XSS]
        edges = client.get(f"/network.json?focus={SEM}").get_json()["edges"]["rows"]
        assert [(r["other"]["iri"], r["relation"], r["links"], r["amount"]) for r in edges] == [
            (DANAECARE, "funds", 1, 20000.0), (XSS, "funds", 1, 5000.0), (PTCE, "former-member-of", 1, None)]
    finally:
        close_resources(app)


def test_incoming_links_show_the_first_of_each_property_in_order_labelled_with_how_many_more(tmp_path, monkeypatch):
    """A place that many actors point to (a source has one link per resource that came from it): blank nodes
    first, then IRIs in order, INVERSE_CAP of each property, a link that two sources state counted once, "n de
    plus" a link to the next ones; and
    however many they are, the place's own properties are all there (the resource query's row cap once cut
    them off the page of a source of 20,000 resources)."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store
    from webapp import create_app, resource_pages

    base = "https://w3id.org/maillage/id/"
    prefixes = ("@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .\n"
                "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n")
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    first.write_text(prefixes + f"<{base}place/1> a schema:Place ; rdfs:label \"Lieu\" .\n" + "".join(
        f'<{base}actor/a{n}> a mai:Association ; rdfs:label "Acteur {n}" ; schema:location <{base}place/1> .\n'
        for n in (4, 2, 3, 1)) + f"[] schema:location <{base}place/1> .\n", encoding="utf-8")
    second.write_text(prefixes + f"<{base}actor/a1> schema:location <{base}place/1> .\n", encoding="utf-8")
    data = tmp_path / "data"
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    ingest_paths(store, [first, second])
    store.close()
    monkeypatch.setattr(resource_pages, "INVERSE_CAP", 3)
    monkeypatch.setattr(resource_pages, "RESOURCE_ROWS_CAP", 4)  # the place's own triples, and no more
    app = create_app({"store": "oxigraph", "data_dir": str(data), "query_workers": 1})
    try:
        place = app.test_client().get("/id/place/1.json").get_json()
        page = app.test_client().get("/id/place/1", headers=HTML).get_data(as_text=True)
        more = re.search(r'<a href="([^"]+)" rel="next">2 de plus</a>', page)
        rest = app.test_client().get(more.group(1).replace("&amp;", "&") + "&format=json").get_json()
    finally:
        close_resources(app)
    assert place["label"] == "Lieu" and {p["property"]["label"] for p in place["properties"]} >= {"type", "source"}
    (located,) = [p for p in place["inverse"] if p["property"]["iri"] == "http://schema.org/location"]
    assert [v if isinstance(v, str) else v["label"] for v in located["values"]][1:] == ["Acteur 1", "Acteur 2"]
    assert not isinstance(located["values"][0], dict) and located["more"] == 2  # a blank node; a3 and a4 more
    (located,) = [p for p in rest["inverse"] if p["property"]["iri"] == "http://schema.org/location"]
    assert [v["label"] for v in located["values"]] == ["Acteur 3", "Acteur 4"] and located["more"] == 0


def test_a_long_list_of_incoming_links_is_cut_by_the_engine_each_link_once_over_its_pages(tmp_path, monkeypatch):
    """A property with more than LONG_LIST links to the resource (a SIRENE extract's source has 20,000) comes a
    page at a time from the engine, in its own order: over the pages, each link once (two sources stating one
    count once), the count right; the resource's shorter lists still whole and sorted."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store
    from webapp import resource_pages, resource_tables

    prefixes = ("@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .\n"
                "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix ex: <https://ex.org/> .\n")
    turtle = prefixes + "ex:place a schema:Place ; rdfs:label \"Lieu\" .\n" + "".join(
        f'ex:a{n} a mai:Association ; rdfs:label "Acteur {n}" ; schema:location ex:place .\n' for n in range(7)) \
        + "[] schema:location ex:place .\n" + "".join(
        f'ex:e{n} rdfs:label "Événement {n}" ; schema:about ex:place .\n' for n in (2, 1))
    monkeypatch.setattr(resource_tables, "LONG_LIST", 3)
    monkeypatch.setattr(resource_pages, "INVERSE_CAP", 3)
    data = data_with(tmp_path, turtle)
    again = tmp_path / "again.ttl"  # a second source states one of the links
    again.write_text(prefixes + "ex:a1 schema:location ex:place .\n", encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    ingest_paths(store, [again])
    store.close()
    app = fresh_app(data, tmp_path / "app")
    seen, about = [], []
    try:
        client = app.test_client()
        for offset in (0, 3, 6):
            data = client.get(f"/resource?iri=https://ex.org/place&offset={offset}&format=json").get_json()
            (located,) = [p for p in data["inverse"] if p["property"]["iri"] == "http://schema.org/location"]
            seen += [v["label"] if isinstance(v, dict) else "(blank)" for v in located["values"]]
            assert located["more"] == max(8 - offset - 3, 0)
            about += [[v["label"] for v in p["values"]] for p in data["inverse"]
                      if p["property"]["iri"] == "http://schema.org/about"]
    finally:
        close_resources(app)
    assert sorted(seen) == ["(blank)", *(f"Acteur {n}" for n in range(7))]
    assert about == [["Événement 1", "Événement 2"]]  # on the first page only, in order


def test_a_page_quotes_the_evidence_of_the_facts_its_tables_list_not_of_every_fact_that_links_to_it(client):
    """A grant that serves a goal is among the goal's links, its evidence on its own page (a theme's page checked
    each of its 860 actors for some); the grant that a deliberation decides is in its table, with its evidence."""
    goal = client.get("/id/goal/acces-aux-soins.json").get_json()
    assert GRANT in {v["iri"] for group in goal["inverse"] for v in group["values"]}
    assert GRANT not in goal["evidence"]
    deliberation = client.get("/id/deliberation/saint-etienne-metropole/2024-00240.json").get_json()
    assert [row["grant"]["iri"] for row in deliberation["decided_grants"]["rows"]] == [GRANT]
    assert deliberation["evidence"][GRANT][0]["quote"] == QUOTE


def test_a_long_list_of_memberships_comes_a_page_at_a_time_counted_whole(tmp_path, monkeypatch):
    """A circle of many poles has thousands of memberships: MEMBERSHIPS_PAGE_SIZE at a time, today's first then
    former ones, each by entry date, with a link to the next ones; the count of members today and former ones is
    over all of them, and the evidence of those shown is quoted."""
    from webapp import resource_pages

    prefixes = ("@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .\n"
                "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix ex: <https://ex.org/> .\n"
                "@prefix oa: <http://www.w3.org/ns/oa#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n")
    rows = [(1, "2020-01-01", None), (2, "2021-01-01", None), (3, "2019-01-01", "2022-01-01"), (4, "2022-06-01", None),
            (5, "2018-01-01", "2020-01-01")]
    turtle = prefixes + "ex:pole a mai:Cooperation ; rdfs:label \"Pôle\" .\n" + "".join(
        f'ex:a{n} a mai:Association ; rdfs:label "Membre {n}" .\n'
        f'ex:m{n} a org:Membership ; org:member ex:a{n} ; org:organization ex:pole ; org:role <{COEUR}> ;\n'
        f'  mai:joinedOn "{joined}"^^xsd:date'
        + (f' ; mai:leftOn "{left}"^^xsd:date' if left else "")
        + f' ; mai:evidence ex:e{n} .\nex:e{n} oa:exact "ligne {n}" .\n' for n, joined, left in rows)
    monkeypatch.setattr(resource_pages, "MEMBERSHIPS_PAGE_SIZE", 2)
    with client_with(tmp_path, turtle) as client:
        pages = [client.get(f"/resource?iri=https://ex.org/pole&members_offset={offset}&format=json").get_json()
                 for offset in (0, 2, 4)]
        html = client.get("/resource?iri=https://ex.org/pole", headers=HTML).get_data(as_text=True)
        next_link = r'<a href="([^"]+)" rel="next">2 suivants \(3 de plus\)</a>'  # it loads 2 of the 3 left
        more = re.search(next_link, html).group(1).replace("&amp;", "&")
        second = client.get(more, headers=HTML).get_data(as_text=True)
    shown = [[row["member"]["label"] for row in page["memberships"]["rows"]] for page in pages]
    assert shown == [["Membre 1", "Membre 2"], ["Membre 4", "Membre 5"], ["Membre 3"]]
    assert [page["memberships"]["more"] for page in pages] == [3, 1, 0]
    assert all(page["members"] == {"current": 3, "future": 0, "former": 2} for page in pages)
    assert [sorted(k.rsplit("/", 1)[1] for k in page["evidence"] if "/m" in k) for page in pages] == [
        ["m1", "m2"], ["m4", "m5"], ["m3"]]
    table = re.search(r"<h2>Appartenances</h2>(.*?)</section>", second, re.S).group(1)
    assert "members_offset=2" in more and ">Membre 4<" in table and ">Membre 1<" not in table
    assert 'rel="prev"' in table


def test_a_membership_whose_member_is_a_blank_node_is_listed_on_its_poles_page(tmp_path):
    """A blank node's name cannot be looked up by IRI (the shapes ask for an IRI, a lenient ingest stores it
    anyway): the pole's page lists the membership all the same."""
    turtle = ("@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .\n"
              "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
              "<https://ex.org/pole> a mai:Cooperation ; rdfs:label \"Pôle\" .\n"
              "<https://ex.org/m> a org:Membership ; org:organization <https://ex.org/pole> ;\n"
              "  org:member [ a mai:Association ; rdfs:label \"Sans IRI\" ] .\n")
    with client_with(tmp_path, turtle) as client:
        page = client.get("/resource?iri=https://ex.org/pole&format=json")
    assert page.status_code == 200
    (row,) = page.get_json()["memberships"]["rows"]
    assert row["organization"]["label"] == "Pôle" and row["member"]["iri"]


def test_a_sources_page_quotes_no_evidence_of_the_facts_that_came_from_it(client):
    """The facts derived from a source (a grants list's 20,000 grants) are not facts about it: their evidence is
    on their own pages (checking each for it took a SIRENE extract's page 0.33 s at 100k actors)."""
    data = client.get("/id/source/fixture-ttl.json").get_json()
    assert GRANT not in data["evidence"] and data["evidence"] == {}
    assert GRANT in client.get("/id/actor/danaecare.json").get_json()["evidence"]


GOALS_TTL = """@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://ex.org/> .
ex:pole-a a mai:Cooperation ; rdfs:label "PTCE A" ; mai:hasGoal ex:goal-a1 .
ex:pole-b a mai:Cooperation ; rdfs:label "PTCE B" ; mai:hasGoal ex:goal-b1 .
ex:goal-a1 a mai:StrategicGoal ; skos:prefLabel "Objectif A1"@fr ; skos:notation 1 .
ex:goal-b1 a mai:StrategicGoal ; skos:prefLabel "Objectif B1"@fr ; skos:notation 1 .
ex:city a mai:PublicAuthority ; rdfs:label "Ville" .
ex:asso a mai:Association ; rdfs:label "Asso bénéficiaire" .
ex:member a mai:Association ; rdfs:label "Membre du pôle" ; mai:contributesTo ex:goal-a1 .
ex:grant a mai:Grant ; schema:funder ex:city ; mai:beneficiary ex:asso ; schema:amount 1500.0 ;
    schema:currency "EUR" ; mai:contributesTo ex:goal-a1 .
"""


def json_of_a_store_of(tmp_path: Path, turtle: str, url: str) -> dict:
    """The JSON at ``url`` of an explorer on a store of ``turtle`` alone (ingested by the pipeline)."""
    return jsons_of_a_store_of(tmp_path, turtle, [url])[0]


def jsons_of_a_store_of(tmp_path: Path, turtle: str, urls: list[str]) -> list[dict]:
    """The JSON at each of ``urls`` in turn, from one explorer on a store of ``turtle`` alone."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    source = tmp_path / "data.ttl"
    source.write_text(turtle, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "template")})
    ingest_paths(store, [source])
    store.close()
    app = fresh_app(tmp_path / "template", tmp_path / "app")
    try:
        client = app.test_client()
        return [client.get(url).get_json() for url in urls]
    finally:
        close_resources(app)


def test_goals_count_grants_as_grants_and_actors_as_beneficiaries_or_members_under_their_pole(tmp_path):
    data = json_of_a_store_of(tmp_path, GOALS_TTL, "/goals.json")
    rows = {r["goal"]["label"]: r for r in data["goals"]["rows"]}
    assert {(label, r["pole"]["label"], r["grants"], r["actors"], r["total"]) for label, r in rows.items()} == {
        ("Objectif A1", "PTCE A", 1, 2, 1500.0), ("Objectif B1", "PTCE B", 0, 0, 0.0)}
    details = {d["goal"]["label"]: d for d in data["details"]}
    grants = [g["label"] for g in details["Objectif A1"]["grants"]]
    assert grants == ["Subvention de 1\u202f500\u00a0€ à Asso bénéficiaire"]
    assert sorted(a["label"] for a in details["Objectif A1"]["actors"]) == ["Asso bénéficiaire", "Membre du pôle"]


def test_the_home_page_shows_every_pole_however_many_labels_one_of_them_has(tmp_path):
    labels = " , ".join(f'"PTCE A variante {i}"' for i in range(30))
    goals = "".join(f'ex:pole-a mai:hasGoal ex:g{i} . ex:g{i} a mai:StrategicGoal ; skos:prefLabel "But {i}"@fr , '
                    f'"Goal {i}"@en ; skos:notation {i} .\n' for i in range(12))
    data = json_of_a_store_of(tmp_path, GOALS_TTL + f"ex:pole-a rdfs:label {labels} .\n" + goals, "/index.json")
    assert sorted(c["cooperation"]["iri"] for c in data["cooperations"]) == ["https://ex.org/pole-a",
                                                                              "https://ex.org/pole-b"]


def test_a_grant_and_a_session_that_no_source_names_are_named_and_only_networked_kinds_link_the_network(client):
    def page(iri: str) -> str:
        return client.get(f"/resource?iri={iri}", headers=HTML).get_data(as_text=True)

    grant, session, actor = page(GRANT), page(SESSION), page(DANAECARE)
    assert "<h1>Subvention de 20\u202f000\u00a0€ à DanaeCare</h1>" in grant
    assert "<h1>Séance du 14 mai 2024</h1>" in session
    assert "/network?focus=" not in grant and "/network?focus=" not in session and "/network?focus=" in actor
    english = client.get(f"/resource?iri={GRANT}&lang=en", headers=HTML).get_data(as_text=True)
    assert "<h1>Grant of €20,000 to DanaeCare</h1>" in english


def test_an_actors_page_speaks_french_in_its_types_grants_and_totals(client):
    page = client.get(f"/resource?iri={DANAECARE}", headers=HTML).get_data(as_text=True)
    text = re.sub(r"<[^>]+>", " ", page)
    assert "schema:NGO" not in text and "foaf:Agent" not in text and ">Association<" in page
    assert ">reçues<" in page and ">given<" not in page and ">received<" not in page
    received = page[page.index(t_fr("grants_received")):]
    head = received[:received.index("</thead>")]
    # the grant by its name, its purpose in a column of its own (the name repeated the purpose, « Objet » left out)
    assert head.count(">Objet<") == 1 and head.count(">Subvention<") == 1
    assert "Délibération n°\u00a02024.00240" in received


def t_fr(key: str) -> str:
    return STRINGS[key][0]


def test_the_network_table_says_each_relation_in_french_and_gives_money_only_to_grants(client):
    page = client.get(f"/network?focus={SEM}", headers=HTML).get_data(as_text=True)
    table = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page[page.index("<table"):page.index("</table>")]))
    assert "bénéficiaire" in table and "pôle dont il a été membre" in table
    assert "member-of" not in table and "funds" not in table and " 0 € " not in table


def test_the_network_of_a_goal_gives_no_money_to_an_actor_that_serves_it_as_a_member(tmp_path):
    """An actor that the register says serves the goal, and no grant of it, showed « 0 € »."""
    app = app_with_another_source(tmp_path, f"<{LONELY}> <https://w3id.org/maillage/ontology#contributesTo> "
                                            f"<{GOAL}> .\n")
    try:
        edges = app.test_client().get(f"/network.json?focus={GOAL}").get_json()["edges"]["rows"]
        amounts = {row["other"]["iri"]: row["amount"] for row in edges if row["relation"] == "serves"}
        assert amounts == {LONELY: None, DANAECARE: 20000.0}
    finally:
        close_resources(app)


def test_the_network_tells_a_membership_that_has_ended_from_a_current_one(client):
    """The fixture's Métropole left the pole on 2024-11-30; DanaeCare is still in it."""
    edges = client.get(f"/network.json?focus={PTCE}").get_json()["edges"]["rows"]
    relations = {(row["other"]["iri"], row["relation"]) for row in edges}
    assert {(SEM, "had-member"), (DANAECARE, "has-member")} <= relations and (SEM, "has-member") not in relations
    page = client.get(f"/network?focus={PTCE}", headers=HTML).get_data(as_text=True)
    assert 'class="edge edge-former"' in page and "ancien membre" in page


#: The fixture's lonely practice joins the pole in 2999.
JOINS_LATER = (f'<{BASE}membership/later> a <http://www.w3.org/ns/org#Membership> ; <http://www.w3.org/ns/org#member> '
               f'<{LONELY}> ; <http://www.w3.org/ns/org#organization> <{PTCE}> ; <https://w3id.org/maillage/ontology#'
               'joinedOn> "2999-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n')


def test_the_network_tells_a_membership_to_come_from_a_current_one(tmp_path):
    """A member joining in 2999 was drawn as a current one."""
    app = app_with_another_source(tmp_path, JOINS_LATER)
    try:
        client = app.test_client()
        edges = client.get(f"/network.json?focus={PTCE}").get_json()["edges"]["rows"]
        relations = {(row["other"]["iri"], row["relation"]) for row in edges}
        assert {(LONELY, "will-have-member"), (DANAECARE, "has-member")} <= relations
        page = client.get(f"/network?focus={PTCE}", headers=HTML).get_data(as_text=True)
        assert 'class="edge edge-future"' in page and "membre à venir" in page
        theirs = client.get(f"/network.json?focus={LONELY}").get_json()["edges"]["rows"]
        assert [(row["other"]["iri"], row["relation"]) for row in theirs] == [(PTCE, "future-member-of")]
    finally:
        close_resources(app)


def test_dates_are_written_as_the_interfaces_language_writes_them(tmp_path):
    import datetime as dt

    from rdflib import Literal
    from rdflib.namespace import XSD

    from webapp.formatting import format_value

    with app_on_fixture(tmp_path) as app:
        with app.test_request_context("/?lang=fr"):
            assert format_value(Literal("2024-05-16", datatype=XSD.date)) == "16 mai 2024"
            assert format_value(Literal("2026-12-01T12:55:36Z", datatype=XSD.dateTime)) == "1er décembre 2026 12:55"
            assert format_value(Literal("2012", datatype=XSD.gYear)) == Literal("2012", datatype=XSD.gYear)
            assert format_value("2024-05-16") == "2024-05-16" and format_value(dt.date(2024, 1, 15)) == "15 janvier 2024"
        with app.test_request_context("/?lang=en"):
            assert format_value(Literal("2024-05-16", datatype=XSD.date)) == "16 May 2024"


def test_a_named_querys_results_are_headed_in_french_labelled_and_in_euros(client):
    page = client.get("/queries/totaux-par-financeur", headers=HTML).get_data(as_text=True)
    table = page[page.index("<table"):page.index("</table>")]
    headers = re.findall(r"<th scope=\"col\">([^<]*)</th>", table)
    assert "Financeur" in headers and "funderLabel" not in headers and "funder" not in headers
    assert "25\u202f000\u00a0€" in table and ">Saint-Etienne Métropole</a>" in table
    data = client.get("/queries/totaux-par-financeur.json").get_json()
    assert {"funder", "funderLabel"} <= set(data["results"]["rows"][0])


def test_a_named_query_takes_a_name_where_it_asks_for_an_iri_and_says_on_its_form_when_none_matches(client):
    found = client.get("/queries/subventions-d-un-beneficiaire?run=1&beneficiary=danaecare", headers=HTML)
    assert found.status_code == 200 and "20\u202f000\u00a0€" in found.get_data(as_text=True)
    data = client.get("/queries/subventions-d-un-beneficiaire.json?beneficiary=DanaeCare").get_json()
    assert [r["amount"] for r in data["results"]["rows"]] == [20000.0]
    none = client.get("/queries/subventions-d-un-beneficiaire?run=1&beneficiary=Zzyzx", headers=HTML)
    page = none.get_data(as_text=True)
    assert none.status_code == 400 and 'role="alert"' in page and "aucun nom ne correspond" in page
    assert 'value="Zzyzx"' in page
    api = client.get("/queries/subventions-d-un-beneficiaire.json?beneficiary=Zzyzx")
    assert api.status_code == 400 and api.get_json()["error"]["code"] == "bad-parameter"


def test_a_colon_is_written_the_french_way_in_french_and_the_english_way_in_english(client):
    french = client.get(f"/resource?iri={DANAECARE}", headers=HTML).get_data(as_text=True)
    english = client.get(f"/resource?iri={DANAECARE}&lang=en", headers=HTML).get_data(as_text=True)
    assert "Autres formats\u00a0:" in french and "Other formats:" in english and "Other formats :" not in english


def test_whole_amounts_download_as_whole_numbers_and_a_circle_of_one_says_member(client):
    rows = client.get("/funding?format=csv&table=by_funder").get_data(as_text=True).splitlines()
    assert rows[1].endswith(",25000"), rows
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/", headers=HTML).get_data(as_text=True)))
    assert "1 membre" in page and "1 membres" not in page


def _many_grants(n: int) -> str:
    """N-Triples of ``n`` grants of Saint-Etienne Métropole, each to an actor of its own, of 100, 101… €."""
    base = "https://w3id.org/maillage/id/"
    return "".join(f"<{base}grant/many-{i}> a <https://w3id.org/maillage/ontology#Grant> ; "
                   f"<http://schema.org/funder> <{SEM}> ; <https://w3id.org/maillage/ontology#beneficiary> "
                   f"<{base}actor/many-{i}> ; <http://schema.org/amount> {100 + i} .\n" for i in range(n))


def test_the_funding_lists_order_equal_totals_by_iri_so_the_first_hundred_are_always_the_same(tmp_path):
    base = "https://w3id.org/maillage/id/"
    equal = "".join(f"<{base}grant/equal-{i}> a <https://w3id.org/maillage/ontology#Grant> ; "
                    f"<http://schema.org/funder> <{SEM}> ; <https://w3id.org/maillage/ontology#beneficiary> "
                    f"<{base}actor/equal-{name}> ; <http://schema.org/amount> 99 .\n"
                    for i, name in enumerate(["m", "c", "x", "a", "q", "f"] * 20))
    app = app_with_another_source(tmp_path, equal)
    try:
        body = app.test_client().get("/funding.json").get_json()
    finally:
        close_resources(app)
    for table in ("flows", "by_beneficiary"):
        rows = [(r["total"], r["beneficiary"]["iri"]) for r in body[table]["rows"]]
        ties = [iri for total, iri in rows if total == 99 * 20]
        assert ties == sorted(ties) and len(ties) == 6, (table, ties)


def test_the_funding_lists_say_how_many_rows_they_leave_out(tmp_path):
    app = app_with_another_source(tmp_path, _many_grants(120))
    try:
        body = app.test_client().get("/funding.json").get_json()
        assert (len(body["flows"]["rows"]), body["flows"]["more"]) == (100, 122 - 100)
        assert (len(body["by_beneficiary"]["rows"]), body["by_beneficiary"]["more"]) == (100, 122 - 100)
        assert body["by_funder"]["more"] == 0
        page = app.test_client().get("/funding", headers=HTML).get_data(as_text=True)
        assert "22 de plus" in page
    finally:
        close_resources(app)


def test_the_funding_lists_link_to_their_whole_list_and_name_an_unknown_year(tmp_path):
    app = app_with_another_source(tmp_path, _many_grants(120))
    client = app.test_client()
    try:
        page = client.get("/funding", headers=HTML).get_data(as_text=True)
        for query in ("flux-de-financement", "totaux-par-beneficiaire"):
            assert f'<a href="/queries/{query}?run=1">22 de plus : la liste complète</a>' in page
        whole = client.get("/api/queries/totaux-par-beneficiaire").get_json()["rows"]
        assert len(whole) == 122
        assert "<td>année inconnue</td>" in page
        english = client.get("/funding?lang=en", headers=HTML).get_data(as_text=True)
        assert "<td>unknown year</td>" in english and "22 more: the full list</a>" in english
        assert [r["year"] for r in client.get("/funding.json").get_json()["by_year"]["rows"]][-1] is None
    finally:
        close_resources(app)


@pytest.mark.parametrize("token, linked", [("s3cret", True), ("", False)])
def test_the_navigation_links_the_upload_page_when_uploads_are_open(tmp_path, token, linked):
    with app_on_fixture(tmp_path, write_token=token) as app:
        page = app.test_client().get("/", headers=HTML).get_data(as_text=True)
        assert ('<a href="/upload">Déposer un fichier</a>' in page) is linked


def test_a_name_in_small_letters_is_shown_before_one_in_capitals_that_another_source_gives(tmp_path):
    app = app_with_another_source(tmp_path, f'<{SEM}> <http://www.w3.org/2000/01/rdf-schema#label> '
                                            '"SAINT ETIENNE METROPOLE" .\n')
    try:
        page = app.test_client().get("/id/actor/saint-etienne-metropole", headers=HTML).get_data(as_text=True)
        assert re.search(r"<h1>[^<]*Saint-Etienne Métropole", page), re.search(r"<h1>.*?</h1>", page, re.S)
    finally:
        close_resources(app)


def test_every_page_names_its_icon_so_that_browsers_ask_no_favicon_that_is_not_there(client):
    page = client.get("/", headers=HTML).get_data(as_text=True)
    assert '<link rel="icon" href="data:image/svg+xml,' in page


def test_a_goal_says_what_the_actors_that_serve_it_received_apart_from_its_own_grants(tmp_path):
    app = app_with_another_source(tmp_path, f"<{DANAECARE}> <https://w3id.org/maillage/ontology#contributesTo> "
                                            f"<{GOAL2}> .\n")
    try:
        rows = app.test_client().get("/goals.json").get_json()["goals"]["rows"]
        second = next(r for r in rows if r["goal"]["iri"] == GOAL2)
        # its own grant (to XSS); what its actors received: DanaeCare's grant and XSS's, whose grant serves it (the
        # beneficiaries were left out: a goal's actors received less than the goal itself)
        assert (second["total"], second["received"]) == (5000, 25000)
        assert "Reçu par ses acteurs" in app.test_client().get("/goals", headers=HTML).get_data(as_text=True)
    finally:
        close_resources(app)


def test_a_goals_actors_leave_out_the_beneficiary_of_a_replaced_grant(tmp_path):
    """An erratum's grant replaces the grant to XSS: XSS served goal 2 only through it, yet stayed counted and
    listed among its actors."""
    mai, dcterms, schema = ("https://w3id.org/maillage/ontology#", "http://purl.org/dc/terms/",
                            "http://schema.org/")
    app = app_with_another_source(tmp_path, f"<{BASE}grant/erratum> a <{mai}Grant> ; <{schema}funder> <{SEM}> ; "
                                            f"<{mai}beneficiary> <{LONELY}> ; <{schema}amount> 4000 ; "
                                            f"<{mai}contributesTo> <{GOAL2}> ; <{dcterms}replaces> <{GRANT_XSS}> .\n")
    try:
        body = app.test_client().get("/goals.json").get_json()
        second = next(r for r in body["goals"]["rows"] if r["goal"]["iri"] == GOAL2)
        assert (second["grants"], second["actors"], second["total"], second["received"]) == (1, 1, 4000, 4000)
        listed = next(d for d in body["details"] if d["goal"]["iri"] == GOAL2)
        assert [a["iri"] for a in listed["actors"]] == [LONELY]
    finally:
        close_resources(app)


def test_a_goals_listed_grants_are_its_biggest(tmp_path, monkeypatch):
    """A goal of more grants than its list shows listed any hundred of them, in any order."""
    from webapp import goals

    monkeypatch.setattr(goals, "GOAL_LIST_CAP", 2)
    mai, schema = "https://w3id.org/maillage/ontology#", "http://schema.org/"
    app = app_with_another_source(tmp_path, "".join(
        f"<{BASE}grant/g{amount}> a <{mai}Grant> ; <{schema}funder> <{SEM}> ; <{mai}beneficiary> <{LONELY}> ; "
        f"<{schema}amount> {amount} ; <{mai}contributesTo> <{GOAL2}> .\n" for amount in (100, 9000, 300, 7000)))
    try:
        listed = next(d for d in app.test_client().get("/goals.json").get_json()["details"]
                      if d["goal"]["iri"] == GOAL2)
        assert [g["iri"].rsplit("/", 1)[1] for g in listed["grants"]] == ["g9000", "g7000"]
        assert listed["more_grants"] == 3
    finally:
        close_resources(app)


def test_the_dashboard_counts_todays_members_of_each_circle_in_the_circles_rank(tmp_path):
    """A member that has announced its exit is still in until then; one that joins later is not in yet; the
    circles come from the core outwards, whatever their sizes."""
    org, mai = "http://www.w3.org/ns/org#", "https://w3id.org/maillage/ontology#"
    xsd = "http://www.w3.org/2001/XMLSchema#"
    circle = "https://w3id.org/maillage/ontology/circle/"
    memberships = "".join(
        f'<{BASE}membership/m{i}> a <{org}Membership> ; <{org}member> <{BASE}actor/m{i}> ;'
        f' <{org}organization> <{PTCE}> ; <{org}role> <{circle}{role}>{dates} .\n'
        for i, (role, dates) in enumerate([
            ("operationnel", f' ; <{mai}leftOn> "2999-12-31"^^<{xsd}date>'),
            ("operationnel", ""),
            ("operationnel", f' ; <{mai}joinedOn> "2999-01-01"^^<{xsd}date>')]))
    app = app_with_another_source(tmp_path, memberships)
    try:
        circles = app.test_client().get("/index.json").get_json()["cooperations"][0]["circles"]
        assert [(c["circle"]["iri"].rsplit("/", 1)[1], c["members"]) for c in circles] == [
            ("coeur", 1), ("operationnel", 2)]
        page = app.test_client().get("/", headers=HTML).get_data(as_text=True)
        assert "<title>Le graphe du PTCE santé · Maillage</title>" in page
    finally:
        close_resources(app)


# Pages that showed the end of an IRI ("sem-danaecare-2024", "ptce-sante-loire", "fixture-ttl") where a label, or the
# name the explorer gives a resource no source names, exists: each now shows the name, in the page's language.
MEMBERSHIP = "https://w3id.org/maillage/id/membership/danaecare-ptce"


def _links(body: str) -> dict[str, str]:
    """The text of each link of an HTML page, by the page it leads to."""
    return {href: text for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]*)</a>', body)}


@pytest.mark.parametrize("lang, membership, grant", [
    ("fr", "DanaeCare, membre de PTCE santé Loire (Cercle cœur)", "Subvention de 20\u202f000\u00a0€ à DanaeCare"),
    ("en", "DanaeCare, member of PTCE santé Loire (Core circle)", "Grant of €20,000 to DanaeCare"),
])
def test_an_actors_incoming_memberships_and_listed_grants_are_named_not_shown_as_the_end_of_their_iri(client, lang,
                                                                                                      membership,
                                                                                                      grant):
    """A listed grant is named as its own page names it (its purpose was its name: README's CSV contract)."""
    data = client.get(f"/id/actor/danaecare.json?lang={lang}").get_json()
    inverse = {value["iri"]: value["label"] for group in data["inverse"] for value in group["values"]}
    listed = {row["grant"]["iri"]: row["grant"]["label"] for row in data["grants_received"]["rows"]}
    assert (listed[GRANT], inverse[MEMBERSHIP]) == (grant, membership)
    links = _links(client.get(f"/id/actor/danaecare?lang={lang}", headers=HTML).get_data(as_text=True))
    assert (links["/id/grant/sem-danaecare-2024"], links["/id/membership/danaecare-ptce"]) == (grant, membership)


@pytest.mark.parametrize("lang, name", [("fr", "DanaeCare, membre de PTCE santé Loire (Cercle cœur)"),
                                        ("en", "DanaeCare, member of PTCE santé Loire (Core circle)")])
def test_the_memberships_table_links_each_membership_by_its_pages_name_not_the_end_of_its_iri(client, lang, name):
    """Not the class's name either: « Adhésion » on every row told a CSV's reader (and a screen reader's list of
    links) nothing."""
    rows = client.get(f"/id/actor/danaecare.json?lang={lang}").get_json()["memberships"]["rows"]
    assert [r["membership"] for r in rows] == [{"iri": MEMBERSHIP, "label": name}]


def test_a_membership_page_is_titled_by_its_member_pole_and_circle(client):
    page = client.get("/id/membership/danaecare-ptce", headers=HTML).get_data(as_text=True)
    assert "<h1>DanaeCare, membre de PTCE santé Loire (Cercle cœur)</h1>" in page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_proxies_are_listed_by_their_givers_family_name_not_by_their_sentence(tmp_path, lang):
    """« pouvoir d'Aline ZOLA » sorts before « pouvoir de Gaël ARNAUD » as a sentence; by name, ARNAUD comes first,
    on the session's page and under the attendance of its deliberation, in either language."""
    mai, person, proxy = "https://w3id.org/maillage/ontology#", BASE + "person/", BASE + "proxy/session-2024-05-14/"
    people = {"aline-zola": ("Aline ZOLA", "ZOLA"), "gael-arnaud": ("Gaël ARNAUD", "ARNAUD"),
              "yves-roux": ("Yves ROUX", "ROUX")}
    foaf, rdfs = "http://xmlns.com/foaf/0.1/", "http://www.w3.org/2000/01/rdf-schema#"
    turtle = "".join(f'<{person}{key}> a <{foaf}Person> ; <{rdfs}label> "{label}" ; <{foaf}familyName> "{family}" .\n'
                     for key, (label, family) in people.items())
    for giver in ("aline-zola", "gael-arnaud"):
        turtle += (f"<{SESSION}> <{mai}proxy> <{proxy}{giver}> . <{proxy}{giver}> a <{mai}Proxy> ; "
                   f"<{mai}from> <{person}{giver}> ; <{mai}to> <{person}yves-roux> .\n")
    app = app_with_another_source(tmp_path, turtle)
    client = app.test_client()
    try:
        expected = [proxy + "gael-arnaud", proxy + "aline-zola"]
        session = client.get(f"/resource?iri={SESSION}&format=json&lang={lang}").get_json()
        listed = [v["iri"] for p in session["properties"] for v in p["values"] if isinstance(v, dict)
                  and v.get("iri", "").startswith(proxy)]
        assert listed == expected
        attendance = client.get(f"/resource?iri={DELIBERATION}&format=json&lang={lang}").get_json()["attendance"]
        proxies = next(p for p in attendance["properties"] if p["property"]["iri"] == mai + "proxy")
        assert [v["iri"] for v in proxies["values"]] == expected
    finally:
        close_resources(app)


@pytest.mark.parametrize("giver, holder, lang, name", [
    ("bob-durand", "alice-martin", "fr", "pouvoir de Bob Durand à Alice Martin"),
    ("bob-durand", "alice-martin", "en", "proxy from Bob Durand to Alice Martin"),
    ("alice-martin", "bob-durand", "fr", "pouvoir d'Alice Martin à Bob Durand"),  # « de » elided before a vowel
])
def test_a_proxy_is_named_by_who_gives_it_to_whom_on_the_session_and_person_pages(tmp_path, giver, holder, lang,
                                                                                  name):
    proxy = f"https://w3id.org/maillage/id/proxy/session-2024-05-14/{giver}"
    mai = "https://w3id.org/maillage/ontology#"
    app = app_with_another_source(tmp_path, f"""<{SESSION}> <{mai}proxy> <{proxy}> .
        <{proxy}> a <{mai}Proxy> ; <{mai}from> <https://w3id.org/maillage/id/person/{giver}> ;
            <{mai}to> <https://w3id.org/maillage/id/person/{holder}> .
        """)
    client = app.test_client()
    try:
        session = client.get(f"/resource?iri={SESSION}&format=json&lang={lang}").get_json()
        values = [v for p in session["properties"] for v in p["values"] if isinstance(v, dict)]
        assert {"iri": proxy, "label": name} in values
        person = client.get(f"/id/person/{giver}.json?lang={lang}").get_json()
        assert {"iri": proxy, "label": name} in [v for group in person["inverse"] for v in group["values"]]
        page = client.get(f"/resource?iri={proxy}&lang={lang}", headers=HTML).get_data(as_text=True)
        assert f"<h1>{escape(name)}</h1>" in page
    finally:
        close_resources(app)


@pytest.mark.parametrize("name, params, column, lang, iri, label", [
    # The pole: the query has no label column for it.
    ("partenaires-par-cercle", {"circle": COEUR}, "organization", "fr", PTCE, "PTCE santé Loire"),
    # The circle: the query's label is the French one.
    ("partenaires-par-cercle", {"circle": COEUR}, "circle", "en", COEUR, "Core circle"),
    ("membres-actuels-par-cercle", {}, "organization", "en", PTCE, "PTCE santé Loire"),
    ("acteurs-par-theme", {"theme": PREVENTION}, "subject", "fr", PREVENTION, "Prévention"),
    ("acteurs-par-theme", {"theme": PREVENTION}, "subject", "en", PREVENTION, "Prevention"),
    ("sources-et-triplets", {}, "source", "fr", "https://w3id.org/maillage/id/source/fixture-ttl", "fixture.ttl"),
    # A grant, which no source names: as its own page names it.
    ("subventions-d-un-beneficiaire", {"beneficiary": DANAECARE}, "grant", "fr", GRANT,
     "Subvention de 20\u202f000\u00a0€ à DanaeCare"),
    ("liens-entre-deux-acteurs", {"a": SEM, "b": DANAECARE}, "via", "en", GRANT,
     "Grant of €20,000 to DanaeCare"),
])
def test_a_named_querys_iris_are_shown_by_their_label_in_the_pages_language(client, name, params, column, lang, iri,
                                                                           label):
    rows = client.get(f"/queries/{name}.json", query_string={**params, "lang": lang}).get_json()["results"]["rows"]
    assert {"iri": iri, "label": label} in [r[column] for r in rows]
    links = _links(client.get(f"/queries/{name}", query_string={**params, "run": "1", "lang": lang},
                              headers=HTML).get_data(as_text=True))
    assert label in links.values()


def app_with_the_demo_corpus(tmp_path: Path):
    """An app on the demo deliberation and register (which links the deliberation's grant to its goal 2)."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    examples = Path(__file__).resolve().parent.parent / "examples"
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        for path in (examples / "ptce-registre.yaml", *sorted((examples / "deliberations").glob("*.txt"))):
            assert ingest_paths(store, [path])[0].status == "stored"
    finally:
        store.close()
    return fresh_app(tmp_path / "data", tmp_path / "copy")


DEMO_GRANT = "https://w3id.org/maillage/id/grant/siren-244200770/2024-00240/danaecare"
DEMO_GOAL2 = "https://w3id.org/maillage/id/goal/ptce-sante-danaecare/2"


def test_the_goals_page_names_its_listed_grants_and_actors_in_the_language_asked_each_time(tmp_path):
    """The lists under each goal are kept until the next publish, once per language: the English page after the
    French one (and the French one again) names the grants and the actors in its own language."""
    turtle = GOALS_TTL.replace('rdfs:label "Asso bénéficiaire"', 'rdfs:label "Asso bénéficiaire"@fr, "Beneficiary"@en')
    pages = jsons_of_a_store_of(tmp_path, turtle, [f"/goals.json?lang={lang}" for lang in ("fr", "en", "fr")])
    named = [({g["label"] for g in d["grants"]} | {a["label"] for a in d["actors"]})
             for data in pages for d in data["details"] if d["goal"]["label"] == "Objectif A1"]
    assert named == [{"Subvention de 1\u202f500\u00a0€ à Asso bénéficiaire", "Asso bénéficiaire", "Membre du pôle"},
                     {"Grant of €1,500 to Beneficiary", "Beneficiary", "Membre du pôle"},
                     {"Subvention de 1\u202f500\u00a0€ à Asso bénéficiaire", "Asso bénéficiaire", "Membre du pôle"}]


def test_goals_count_the_grants_that_the_register_links_to_them(tmp_path):
    app = app_with_the_demo_corpus(tmp_path)
    try:
        data = app.test_client().get("/goals.json").get_json()
        totals = {r["rank"]: (r["grants"], r["total"], r["received"]) for r in data["goals"]["rows"]}
        assert totals == {1: (0, 0, 20000), 2: (1, 20000, 20000), 3: (0, 0, 20000)}
        second = next(d for d in data["details"] if d["goal"]["iri"] == DEMO_GOAL2)
        assert [g["iri"] for g in second["grants"]] == [DEMO_GRANT]
        page = app.test_client().get("/goals", headers=HTML).get_data(as_text=True)
        assert DEMO_GRANT.split("/id/")[1] in page and "Reçu par ses acteurs" in page
    finally:
        close_resources(app)


def test_the_network_of_a_goal_shows_the_beneficiary_of_the_grant_that_the_register_links_to_it(tmp_path):
    app = app_with_the_demo_corpus(tmp_path)
    try:
        edges = app.test_client().get(f"/network.json?focus={DEMO_GOAL2}").get_json()["edges"]["rows"]
        served = [(r["other"]["label"], r["links"], r["amount"]) for r in edges if r["amount"]]
        assert served == [("DanaeCare", 2, 20000.0)]  # as a member that serves the goal, and through its grant
    finally:
        close_resources(app)


def test_a_grant_page_shows_the_goals_it_serves_and_the_register_that_says_so(tmp_path):
    app = app_with_the_demo_corpus(tmp_path)
    try:
        client = app.test_client()
        data = client.get("/id/" + DEMO_GRANT.split("/id/")[1] + ".json").get_json()
        assert [(g["rank"], g["goal"]["iri"], [r["label"] for r in g["registers"]]) for g in data["goals"]] == [
            (2, DEMO_GOAL2, ["ptce-registre.yaml"])]
        page = client.get("/id/" + DEMO_GRANT.split("/id/")[1], headers=HTML).get_data(as_text=True)
        assert "Objectifs servis" in page and "selon le registre" in page
    finally:
        close_resources(app)


MUTUELLE = "Mutuelle solidaire de l'Ondaine (fictive)"  # left the demo pole on 2025-06-30


def test_the_goals_page_marks_the_poles_former_members_among_the_actors_that_serve_a_goal(tmp_path):
    app = app_with_the_demo_corpus(tmp_path)
    try:
        client = app.test_client()
        data = client.get("/goals.json").get_json()
        page = client.get("/goals", headers=HTML).get_data(as_text=True)
    finally:
        close_resources(app)
    first = next(d for d in data["details"] if d["rank"] == 1)
    former = [a["label"] for a in first["actors"] if a["iri"] in first["former_actors"]]
    assert former == [MUTUELLE] and first["actors"][-1]["label"] == MUTUELLE  # after today's members
    assert re.search(r"Ondaine \(fictive\)</a> <span class=\"status\">\(ancien membre\)</span>", page)


def test_the_goals_page_marks_a_member_former_the_day_its_leaving_date_passes_without_a_new_publication(
        tmp_path, monkeypatch):
    import datetime as dt
    import types

    import webapp.cache
    import webapp.resource_memberships

    def on(day: dt.date):  # the day of the page's cache and of the members' status
        fake = types.SimpleNamespace(date=type("Day", (dt.date,), {"today": classmethod(lambda cls: day)}))
        for module in (webapp.cache, webapp.resource_memberships):
            monkeypatch.setattr(module, "dt", fake)

    def former(client) -> list[str]:
        first = next(d for d in client.get("/goals.json").get_json()["details"] if d["rank"] == 1)
        return [a["label"] for a in first["actors"] if a["iri"] in first["former_actors"]]

    app = app_with_the_demo_corpus(tmp_path)
    try:
        client = app.test_client()
        on(dt.date(2025, 6, 29))
        before = former(client)
        on(dt.date(2025, 6, 30))
        after = former(client)
    finally:
        close_resources(app)
    assert (before, after) == ([], [MUTUELLE])


def test_a_goal_page_lists_its_roadmap_actions_apart_and_marks_former_members(tmp_path):
    app = app_with_the_demo_corpus(tmp_path)
    try:
        data = app.test_client().get(f"/id/{DEMO_GOAL2.split('/id/')[1][:-1]}1.json").get_json()
    finally:
        close_resources(app)
    groups = {g["property"]["label"]: [v["label"] for v in g["values"]] for g in data["inverse"]}
    served, actions = groups["servi par"], groups["servi par les actions de la feuille de route"]
    assert served[-1] == f"{MUTUELLE} (ancien membre)" and MUTUELLE not in served
    assert actions and not set(actions) & set(served)


DEMO_REFERENCE = "https://w3id.org/maillage/id/grant-reference/ptce-sante-danaecare/ptce-registre-yaml/1"


@pytest.mark.parametrize("lang, name", [
    ("fr", "Financement «\u00a02024.00240\u00a0» — registre ptce-registre.yaml, ligne 101"),
    ("en", "Funding '2024.00240' — register ptce-registre.yaml, line 101"),
])
def test_a_registers_grant_reference_is_named_by_its_number_register_and_line(tmp_path, lang, name):
    app = app_with_the_demo_corpus(tmp_path)
    try:
        client = app.test_client()
        own = client.get(f"/id/{DEMO_REFERENCE.split('/id/')[1]}.json?lang={lang}").get_json()
        actor = client.get(f"/id/actor/danaecare.json?lang={lang}").get_json()
    finally:
        close_resources(app)
    assert own["label"] == name
    # the goal's page shows the grant it names instead (tests/test_goals_network_home.py)
    listed = {v["iri"]: v["label"] for group in actor["inverse"] for v in group["values"] if "iri" in v}
    assert listed[DEMO_REFERENCE] == name


def test_the_grants_api_filters_and_labels_grants_by_the_goal_the_register_links_them_to(tmp_path):
    app = app_with_the_demo_corpus(tmp_path)
    try:
        client = app.test_client()
        rows = client.get("/api/grants", query_string={"goal": DEMO_GOAL2}).get_json()["rows"]
        assert [(r["grant"]["iri"], r["goal"]["iri"]) for r in rows] == [(DEMO_GRANT, DEMO_GOAL2)]
        assert client.get("/api/grants", query_string={"goal": DEMO_GOAL2[:-1] + "1"}).get_json()["rows"] == []
    finally:
        close_resources(app)
# What a resource's page says in the page's language, whatever its kind (a deliberation, a grant, a session, a circle,
# a class, a vocabulary term): one more source on the fixture's data, ingested once for these tests.
DEPT = BASE + "actor/departement"
SCDL_DELIBERATION = BASE + "deliberation/departement/102"
VOTED_LATE = BASE + "deliberation/departement/103"  # a member left the session before its vote
BODY = BASE + "body/departement/bureau"
BUREAU_SESSION = BASE + "session/departement/bureau/2024-05-16"
SCDL_GRANT = BASE + "grant/departement/2"
POLE = BASE + "actor/pole"
PAGES_TTL = f"""@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <http://schema.org/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{DEPT}> a mai:PublicAuthority ; rdfs:label "Département de la Charente-Maritime" ; mai:nameKey "charente maritime" .
<{SCDL_DELIBERATION}> a mai:Deliberation ; dcterms:identifier "102" ; mai:authority <{DEPT}> ;
    mai:session <{BUREAU_SESSION}> .
<{VOTED_LATE}> a mai:Deliberation ; dcterms:identifier "103" ; mai:authority <{DEPT}> ;
    mai:session <{BUREAU_SESSION}> ; mai:membersPresent 2 ;
    mai:present <{BASE}person/zoe-arnaud> , <{BASE}person/adam-zola> .
<{BODY}> a org:OrganizationalUnit ; rdfs:label "Bureau Métropolitain" ; org:unitOf <{DEPT}> .
<{BUREAU_SESSION}> a mai:Session ; dcterms:date "2024-05-16"^^xsd:date ; mai:body <{BODY}> ;
    mai:chair <{BASE}person/zoe-arnaud> ; mai:roleTitle "Première Vice-Présidente" ;
    mai:secretary <{BASE}person/adam-zola> ; mai:convenedOn "2024-05-08"^^xsd:date ; mai:membersInOffice 5 ;
    mai:membersPresent 3 ;
    mai:present <{BASE}person/zoe-arnaud> , <{BASE}person/adam-zola> , <{BASE}person/eve-berger> .
<{BASE}person/zoe-arnaud> a foaf:Person ; rdfs:label "Zoé ARNAUD" ; foaf:familyName "ARNAUD" .
<{BASE}person/adam-zola> a foaf:Person ; rdfs:label "Adam ZOLA" ; foaf:familyName "ZOLA" .
<{BASE}person/eve-berger> a foaf:Person ; rdfs:label "Ève BERGER" ; foaf:familyName "BERGER" .
<{SCDL_GRANT}> a mai:Grant ; schema:funder <{DEPT}> ; mai:beneficiary <{LONELY}> ;
    schema:amount "4989.3285"^^xsd:decimal ; schema:currency "EUR" ; mai:statedTotal "99786.57"^^xsd:decimal ;
    mai:shareOf "0.05"^^xsd:decimal ; mai:paymentPeriod "2017-03-30/2017-05-24" ; mai:decidedBy <{SCDL_DELIBERATION}> ;
    dcterms:description "Fonctionnement" .
<{POLE}> a mai:Cooperation ; rdfs:label "Pôle rangé" ;
    mai:hasGoal <{POLE}/goal/3> , <{POLE}/goal/1> , <{POLE}/goal/10> , <{POLE}/goal/2> .
<{POLE}/goal/3> a mai:StrategicGoal ; skos:prefLabel "A, au rang 3"@fr ; skos:notation 3 .
<{POLE}/goal/1> a mai:StrategicGoal ; skos:prefLabel "D, au rang 1"@fr ; skos:notation 1 .
<{POLE}/goal/10> a mai:StrategicGoal ; skos:prefLabel "B, au rang 10"@fr ; skos:notation 10 .
<{POLE}/goal/2> a mai:StrategicGoal ; skos:prefLabel "C, au rang 2"@fr ; skos:notation 2 .
<{BASE}actor/zebre> a mai:HealthProfessional ; rdfs:label "zèbre" .
<{BASE}actor/eole> a mai:HealthProfessional ; rdfs:label "Éole" .
<{BASE}actor/abeille> a mai:HealthProfessional ; rdfs:label "abeille" .
<{BASE}membership/cabinet-ptce> a org:Membership ; org:member <{LONELY}> ; org:organization <{PTCE}> ;
    org:role <{PARTENAIRES}> ; mai:joinedOn "2025-01-10"^^xsd:date .
"""


@pytest.fixture(scope="module")
def pages_data(tmp_path_factory):
    """The fixture's data with PAGES_TTL ingested after it (built once for this module's tests)."""
    return data_with(tmp_path_factory.mktemp("pages"), PAGES_TTL, "pages.ttl")


@pytest.fixture
def pages(pages_data, tmp_path):
    app = fresh_app(pages_data, tmp_path)
    yield app.test_client()
    close_resources(app)


def _text(body: str) -> str:
    """An HTML page's text as it is shown (without what only screen readers read), tags and runs of spaces made
    single spaces."""
    shown = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", body)
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", shown)).replace("&#39;", "'")


def _html(client, url: str) -> str:
    return client.get(url, headers=HTML).get_data(as_text=True)


def test_a_deliberations_page_shows_the_grants_it_decides_before_its_properties(client):
    page = _html(client, "/id/deliberation/saint-etienne-metropole/2024-00240")
    decided = page[page.index(t_fr("decided_grants")):page.index(t_fr("properties"))]
    assert _links(decided)["/id/actor/danaecare"] == "DanaeCare" and "20\u202f000\u00a0€" in decided
    # the grant by its name, its purpose in a column of its own (its purpose was its name)
    assert _links(decided)["/id/grant/sem-danaecare-2024"] == "Subvention de 20\u202f000\u00a0€ à DanaeCare"
    assert "<td>Création du PTCE santé</td>" in decided
    rows = client.get("/id/deliberation/saint-etienne-metropole/2024-00240.json").get_json()["decided_grants"]["rows"]
    assert [(r["beneficiary"]["label"], r["amount"], r["purpose"]) for r in rows] == [
        ("DanaeCare", 20000.0, "Création du PTCE santé")]


@pytest.mark.parametrize("lang, deliberation, session", [
    ("fr", "Délibération n°\u00a0102 — Département de la Charente-Maritime",
     "Séance du 16 mai 2024 — Bureau Métropolitain"),
    ("en", "Deliberation no. 102 — Département de la Charente-Maritime",
     "Session of 16 May 2024 — Bureau Métropolitain"),
])
def test_a_deliberation_without_a_title_and_its_session_are_named_not_shown_as_iris(pages, lang, deliberation, session):
    page = _html(pages, f"/id/deliberation/departement/102?lang={lang}")
    assert f"<h1>{deliberation}</h1>" in page
    assert _links(page)["/id/session/departement/bureau/2024-05-16"] == session
    grant = _links(_html(pages, f"/id/grant/departement/2?lang={lang}"))  # by its number, as the tables name it
    assert grant["/id/deliberation/departement/102"] == ("Délibération n°\u00a0102" if lang == "fr" else
                                                         "Deliberation no. 102")


@pytest.mark.parametrize("lang, heading, number, others", [
    ("fr", "Présents au vote", "membres présents", "Propriétés"),
    ("en", "Present at the vote", "members present", "Properties")])
def test_a_deliberations_page_shows_who_was_present_at_its_vote_its_own_else_its_sessions(pages, lang, heading,
                                                                                        number, others):
    def present(url: str) -> tuple[str, list[str]]:
        page = _html(pages, f"{url}?lang={lang}")
        section = page[page.index(f"<h2>{heading}</h2>"):]
        section = section[section.index('<p class="note">'):section.index("</section>")]  # after the session's facts
        summary = page[page.index('<section class="summary">'):]  # the counts come first, with the key facts
        count = re.search(rf">{number}</span><span class=\"visually-hidden\">[^<]*</span></dt>\s*<dd>(\d+)</dd>",
                          summary[:summary.index("</section>")])
        return count and count.group(1), [label for href, label in _links(section).items() if "/person/" in href]

    assert present("/id/deliberation/departement/103") == ("2", ["Zoé ARNAUD", "Adam ZOLA"])
    assert present("/id/deliberation/departement/102") == ("3", ["Zoé ARNAUD", "Ève BERGER", "Adam ZOLA"])
    own = pages.get(f"/id/deliberation/departement/103.json?lang={lang}").get_json()["attendance"]
    assert (own["own"], own["session"]) == (True, None)
    shared = pages.get(f"/id/deliberation/departement/102.json?lang={lang}").get_json()["attendance"]
    assert (shared["own"], shared["session"]["iri"]) == (False, BUREAU_SESSION)
    properties = _html(pages, f"/id/deliberation/departement/103?lang={lang}")
    properties = properties[properties.index(f"<h2>{others}</h2>"):]
    assert "/person/" not in properties[:properties.index("</section>")]  # said once, under its heading


@pytest.mark.parametrize("lang, convened, office, chair, secretary", [
    ("fr", "convoquée le", "membres en exercice", "président de séance", "secrétaire de séance"),
    ("en", "convened on", "members in office", "chair", "secretary")])
def test_a_deliberations_page_shows_its_sessions_convocation_members_in_office_chair_and_secretary(
        pages, lang, convened, office, chair, secretary):
    page = _html(pages, f"/id/deliberation/departement/102?lang={lang}")
    summary = page[page.index('<section class="summary">'):]  # the members in office: a count, said first
    section = page[page.index(f"<h2>{t_fr('present_at_vote') if lang == 'fr' else 'Present at the vote'}</h2>"):]
    section = _text(summary[:summary.index("</section>")] + section[:section.index("</section>")])
    day = "8 mai 2024" if lang == "fr" else "8 May 2024"
    for label, value in ((convened, day), (office, "5"), (chair, "Zoé ARNAUD"), (secretary, "Adam ZOLA")):
        assert f" {label} {value} " in section, (label, section)


@pytest.mark.parametrize("lang, written", [
    ("fr", ["4\u202f989,33\u00a0€", "99\u202f786,57\u00a0€", "5\u00a0%", "du 30 mars 2017 au 24 mai 2017"]),
    ("en", ["€4,989.33", "€99,786.57", "5%", "30 March 2017 to 24 May 2017"]),
])
def test_a_grants_amounts_share_and_payment_period_are_written_in_the_pages_language(pages, lang, written):
    page = _html(pages, f"/id/grant/departement/2?lang={lang}")
    text = _text(page)
    assert all(f" {value} " in text for value in written), text
    assert "4989.3285" not in text and "0.05" not in text and "2017-03-30" not in text
    assert "devise" not in text and "currency" not in text and " EUR " not in text
    values = {p["property"]["iri"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]: p["values"]
              for p in pages.get(f"/id/grant/departement/2.json?lang={lang}").get_json()["properties"]}
    assert (values["amount"], values["shareOf"], values["paymentPeriod"], values["currency"]) == (
        [4989.3285], [0.05], ["2017-03-30/2017-05-24"], ["EUR"])


@pytest.mark.parametrize("lang, label, other, definition", [
    ("fr", "Prévention", "Prevention", "définition"), ("en", "Prevention", "Prévention", "definition")])
def test_a_themes_page_names_it_in_the_pages_language_and_its_properties_by_their_labels(client, lang, label, other,
                                                                                         definition):
    page = _html(client, f"/resource?iri={PREVENTION}&lang={lang}")
    labels = page[page.index("<dt><span title=\"Le libellé préféré.\">" if lang == "fr" else
                             "<dt><span title=\"The preferred label.\">"):]
    labels = labels[:labels.index("<dt>", 5)]
    assert f"<dd>{label}</dd>" in labels and f"<dd>{other}</dd>" not in labels
    assert f'<span lang="{"en" if lang == "fr" else "fr"}">{other}</span>' in labels  # in a discreet line
    text = _text(page)
    assert f" {definition} " in text
    assert not re.search(r"\b(skos|owl|rdfs|rdf):[A-Za-z]", text), re.findall(r"\b(?:skos|owl|rdfs):\w+", text)


def test_a_class_page_names_its_kind_and_properties_by_their_labels_in_the_pages_language(client):
    page = _html(client, "/resource?iri=https%3A%2F%2Fw3id.org%2Fmaillage%2Fontology%23Actor")
    text = _text(page)
    assert " Classe " in text and " sous-classe de " in text and "<dd>Toute structure ou tout groupe" in page
    assert re.search(r'<dd class="other-lang">[^\n]*<span lang="en">Any organisation', page)
    assert not re.search(r"\b(skos|owl|rdfs|rdf):[A-Za-z]", text)


@pytest.mark.parametrize("lang, kind", [("fr", "Fichier RDF"), ("en", "RDF file")])
def test_a_source_page_names_its_kind(client, lang, kind):
    page = _html(client, f"/id/source/fixture-ttl?lang={lang}")
    assert f"<dd>{kind}</dd>" in page and "<dd>rdf</dd>" not in page


def test_a_circles_page_lists_todays_members_first_and_marks_former_ones_as_the_dashboard_counts_them(pages):
    page = _html(pages, f"/resource?iri={PARTENAIRES}")
    table = _text(page[page.index(t_fr("memberships")):])
    assert "Membres aujourd'hui\u00a0: 1 · anciens membres\u00a0: 1" in table
    assert table.index("Cabinet isolé") < table.index("Saint-Etienne Métropole")
    assert "10 janvier 2025" in table and "30 novembre 2024 ancien membre" in table
    circles = {c["circle"]["iri"]: c["members"]
               for c in pages.get("/index.json").get_json()["cooperations"][0]["circles"]}
    assert circles[PARTENAIRES] == 1
    rows = pages.get(f"/resource?iri={PARTENAIRES}&format=json").get_json()["memberships"]["rows"]
    assert [(r["member"]["label"], r["status"]) for r in rows] == [("Cabinet isolé", "membre"),
                                                                   ("Saint-Etienne Métropole", "ancien membre")]


def test_a_class_page_lists_its_instances_by_name_and_links_the_rest(pages, monkeypatch):
    from webapp import resource_pages

    monkeypatch.setattr(resource_pages, "INVERSE_CAP", 2)
    url = "/resource?iri=https%3A%2F%2Fw3id.org%2Fmaillage%2Fontology%23HealthProfessional"
    page = _html(pages, url)
    section = page[page.index("<h2>Instances</h2>"):]
    section = section[:section.index("</section>")]
    assert list(_links(section).values())[:2] == ["abeille", "Cabinet isolé"]
    more = re.search(r'<a href="([^"]+)" rel="next">2 de plus</a>', section)
    assert more, section
    rest = pages.get(more.group(1).replace("&amp;", "&") + "&format=json").get_json()["instances"]
    assert [r["instance"]["label"] for r in rest["rows"]] == ["Éole", "zèbre"] and rest["more"] == 0


def test_a_class_page_names_the_instances_no_source_names_as_their_own_pages_do(client):
    """Grants have no label: the class page showed the ends of their IRIs (« sem-danaecare-2024 »)."""
    rows = client.get("/api/resource", query_string={"iri": "https://w3id.org/maillage/ontology#Grant"}).get_json()[
        "instances"]["rows"]
    assert [r["instance"]["label"] for r in rows] == ["Subvention de 20\u202f000\u00a0€ à DanaeCare",
                                                      "Subvention de 5\u202f000\u00a0€ à <script>alert('x')</script>"]


@pytest.mark.parametrize("cls", ["Actor", "HealthProfessional", "Grant", "Deliberation", "Session"])
def test_a_large_classs_instances_are_named_from_every_name_of_the_store_as_a_small_ones_one_by_one(pages, monkeypatch,
                                                                                                  cls):
    from rdflib import URIRef

    from webapp import resource_tables

    with pages.application.app_context():
        iri = URIRef("https://w3id.org/maillage/ontology#" + cls)
        monkeypatch.setattr(resource_tables, "SCANNED_FROM", 10 ** 9)
        one_by_one = resource_tables._sorted_instances(iri)
        monkeypatch.setattr(resource_tables, "SCANNED_FROM", 0)
        monkeypatch.setattr(resource_tables, "_INSTANCES", "not a query")
        scanned = resource_tables._sorted_instances(iri)
    assert scanned == one_by_one and one_by_one


def test_a_class_page_reads_the_vocabularys_links_to_it_not_every_instance_as_a_link(pages, monkeypatch):
    from webapp import resource_tables

    # The query of all incoming links, which reads every instance of a class, is not run for a class's page.
    monkeypatch.setattr(resource_tables, "_INCOMING", "not a query")
    data = pages.get("/resource?iri=https%3A%2F%2Fw3id.org%2Fmaillage%2Fontology%23Actor&format=json").get_json()
    inverse = {group["property"]["iri"].rsplit("#", 1)[-1]: [v["iri"] for v in group["values"]]
               for group in data["inverse"]}
    assert "https://w3id.org/maillage/ontology#HealthProfessional" in inverse["subClassOf"] and "type" not in inverse
    assert "abeille" in [row["instance"]["label"] for row in data["instances"]["rows"]]


def test_the_sessions_page_says_the_chairs_title_and_lists_those_present_by_family_name(pages):
    page = _html(pages, "/id/session/departement/bureau/2024-05-16")
    chair = page[page.index(">président de séance<"):]
    assert _text(chair[:chair.index("</dd>")]).strip().endswith("Zoé ARNAUD (Première Vice-Présidente)")
    assert ">titre<" not in page
    present = page[page.index(">Présents (3)<"):]
    present = present[:present.index("<dt>")]
    assert list(_links(present).values()) == ["Zoé ARNAUD", "Ève BERGER", "Adam ZOLA"]
    assert "Première Vice-Présidente" not in present


def test_a_poles_goals_are_listed_by_rank(pages):
    goals = pages.get("/id/actor/pole.json").get_json()["properties"]
    (listed,) = [p["values"] for p in goals if p["property"]["iri"].endswith("#hasGoal")]
    assert [v["label"] for v in listed] == ["D, au rang 1", "C, au rang 2", "A, au rang 3", "B, au rang 10"]


def test_type_badges_show_the_most_specific_types_with_a_capital_and_pages_hide_the_name_key(pages):
    page = _html(pages, "/id/actor/danaecare")
    kinds = page.index('<p class="kinds">')
    badges = _text(page[kinds:page.index("</p>", kinds)]).split()
    assert badges == ["Association"]
    assert ">Organisation formelle<" not in page  # the type row too names the specific type only
    authority = _html(pages, "/id/actor/departement")
    assert "clé de nom" not in authority and "charente maritime" not in authority
    keys = [p for p in pages.get("/id/actor/departement.json").get_json()["properties"]
            if p["property"]["iri"].endswith("#nameKey")]
    assert keys and keys[0]["values"] == ["charente maritime"]


@pytest.mark.parametrize("lang, heading, kind, three_quotes", [
    # the text supports DanaeCare « dans le cadre de la création d'un PTCE santé »: it does not create the PTCE itself
    ("fr", "Le PTCE dont la délibération soutient la création", "Usagers", "Pourquoi ? (3 extraits)"),
    ("en", "The PTCE whose creation the deliberation supports", "Users", "Why? (3 quotes)")])
def test_the_founding_deliberations_page_shows_the_ptce_it_creates_with_its_goals_and_their_quotes(
        tmp_path, lang, heading, kind, three_quotes):
    app = app_with_the_demo_corpus(tmp_path)
    try:
        client = app.test_client()
        path = "/id/deliberation/siren-244200770/2024-00240"
        data = client.get(f"{path}.json?lang={lang}").get_json()
        page = client.get(f"{path}?lang={lang}", headers={"Accept": "text/html"}).get_data(as_text=True)
    finally:
        close_resources(app)
    [created] = data["creates"]
    assert created["cooperation"] == {"iri": BASE + "actor/ptce-sante-danaecare", "label": "PTCE santé DanaeCare"}
    assert [c["label"] for c in created["coordinators"]] == ["DanaeCare"] and kind in [k["label"] for k in
                                                                                       created["kinds"]]
    goals = [g["goal"]["iri"] for g in created["goals"]]
    assert [g["rank"] for g in created["goals"]] == [1, 2, 3] and DEMO_GOAL2 in goals
    assert all(data["evidence"][iri] for iri in goals + [created["cooperation"]["iri"]])
    section = page[page.index('<section class="created">'):]
    section = section[:section.index("</section>")]
    # the PTCE's mention and the two sentences that say what it is for under one "why", then each goal's quote
    assert heading in section and section.count("<blockquote>") == 6
    assert section.count('<details class="why">') == 4 and f"<summary>{three_quotes}</summary>" in section
    assert "Accompagnement de porteurs de projet santé en post-incubation" in section


@pytest.mark.parametrize("lang, approves, signatory, governs", [("fr", "approuve", "signataire autorisé", "régit"),
                                                                 ("en", "approves", "authorised signatory", "governs")])
def test_the_founding_deliberations_agreement_has_its_page_and_is_linked_from_the_deliberation(
        tmp_path, lang, approves, signatory, governs):
    app = app_with_the_demo_corpus(tmp_path)
    try:
        client = app.test_client()
        agreement = "/id/agreement/siren-244200770/2024-00240/1"
        data = client.get(f"{agreement}.json?lang={lang}").get_json()
        deliberation = client.get(f"/id/deliberation/siren-244200770/2024-00240.json?lang={lang}").get_json()
        page = client.get(f"/id/deliberation/siren-244200770/2024-00240?lang={lang}",
                          headers={"Accept": "text/html"}).get_data(as_text=True)
        csv_text = client.get("/id/deliberation/siren-244200770/2024-00240?format=csv&table=approved_agreements"
                              ).get_data(as_text=True)
    finally:
        close_resources(app)
    assert data["label"].startswith("Convention à intervenir entre Saint-Etienne Métropole et Danaecare")
    properties = {p["property"]["label"]: p["values"] for p in data["properties"]}
    assert properties[signatory] == ["Monsieur le Président, ou son représentant dûment habilité"]
    inverse = {p["property"]["label"]: [v["label"] for v in p["values"]] for p in data["inverse"]}
    assert [label.replace("\u202f", " ").replace("\xa0", " ") for label in inverse[governs]] == [
        "Subvention de 20 000 € à DanaeCare" if lang == "fr" else "Grant of €20,000 to DanaeCare"]
    approved = {p["property"]["label"]: [v["iri"] for v in p["values"]] for p in deliberation["inverse"]}
    assert approved[approves] == [BASE + agreement[len("/id/"):]]
    # the deliberation's own section: the agreement, who signs, the parties, how many grants it governs
    [row] = deliberation["approved_agreements"]["rows"]
    assert (row["agreement"]["iri"], row["signatory"], row["parties"], row["grants"]) == (
        BASE + agreement[len("/id/"):], "Monsieur le Président, ou son représentant dûment habilité",
        "DanaeCare ; Saint-Etienne Métropole", 1)
    section = page[page.index('<section class="agreements">'):]
    section = section[:section.index("</section>")]
    assert STRINGS["approved_agreements"][lang == "en"] in section and f'href="{agreement}"' in section
    assert csv_text.splitlines()[0] == "agreement,agreement_iri,signatory,parties,grants"


def _pole_grants() -> str:
    """A second source: a grant to the pole's former member (Saint-Etienne Métropole, who left), and the
    fixture's grant to DanaeCare and its beneficiary's name stated again (the same facts from two sources)."""
    mai, schema, xsd = "https://w3id.org/maillage/ontology#", "http://schema.org/", "http://www.w3.org/2001/XMLSchema#"
    return (f'<{GRANT}-former> a <{mai}Grant> ; <{schema}funder> <{LONELY}> ; <{mai}beneficiary> <{SEM}> ; '
            f'<{schema}amount> "3000"^^<{xsd}decimal> ; <{mai}fiscalYear> 2024 .\n'
            f'<{GRANT}> a <{mai}Grant> ; <{schema}funder> <{SEM}> ; <{mai}beneficiary> <{DANAECARE}> ; '
            f'<{schema}amount> "20000.00"^^<{xsd}decimal> .\n'
            f'<{DANAECARE}> <http://www.w3.org/2000/01/rdf-schema#label> "DanaeCare" .\n')


@pytest.mark.parametrize("pole", [PTCE, "PTCE santé Loire", "ptce sante loire"])
def test_the_funding_of_a_pole_lists_its_members_grants_today_s_and_former_ones_with_its_totals(tmp_path, pole):
    """The grant to an actor of no pole (5 000 € to « xss ») is left out; each grant is counted once although
    two sources state it."""
    app = app_with_another_source(tmp_path, _pole_grants())
    client = app.test_client()
    try:
        body = client.get("/funding.json", query_string={"pole": pole}).get_json()
        assert {(r["funder"]["iri"], r["beneficiary"]["iri"], r["grants"], r["total"], r["membership"])
                for r in body["flows"]["rows"]} == {(SEM, DANAECARE, 1, 20000.0, "membre"),
                                                    (LONELY, SEM, 1, 3000.0, "ancien membre")}
        assert body["pole"] == {"pole": {"iri": PTCE, "label": "PTCE santé Loire"}, "members": 1,
                                "former_members": 1, "future_members": 0, "grants": 2, "total": 23000.0}
        assert [(r["funder"]["iri"], r["grants"], r["total"]) for r in body["by_funder"]["rows"]] == [
            (SEM, 1, 20000.0), (LONELY, 1, 3000.0)]
        assert [(r["beneficiary"]["iri"], r["total"], r["membership"]) for r in body["by_beneficiary"]["rows"]] == [
            (DANAECARE, 20000.0, "membre"), (SEM, 3000.0, "ancien membre")]
        assert {(r["year"], r["grants"], r["total"]) for r in body["by_year"]["rows"]} == {(2024, 2, 23000.0)}
        csv_rows = client.get("/funding.csv", query_string={"pole": pole, "table": "flows"}).get_data(as_text=True)
        assert "ancien membre" in csv_rows and "xss" not in csv_rows
        page = client.get("/funding", query_string={"pole": pole}, headers=HTML).get_data(as_text=True)
        assert "Total pour le pôle\u00a0: 2 subventions, 23\u202f000\u00a0€" in page
        assert "&lt;script&gt;" not in page
        english = client.get("/funding", query_string={"pole": pole, "lang": "en"}, headers=HTML)
        assert "Total for the pole: 2 grants, €23,000" in english.get_data(as_text=True)
    finally:
        close_resources(app)


def test_the_funding_without_a_pole_still_lists_every_grant(client):
    body = client.get("/funding.json").get_json()
    assert "pole" not in body and {r["beneficiary"]["iri"] for r in body["flows"]["rows"]} == {DANAECARE, XSS}


@pytest.mark.parametrize("pole,words", [("PTCE inconnu", "aucun nom ne correspond"),
                                        (DANAECARE, "n'est pas un PTCE")])
def test_a_pole_that_names_no_ptce_is_refused_with_a_reason(client, pole, words):
    response = client.get("/funding.json", query_string={"pole": pole})
    assert response.status_code == 400 and words in response.get_json()["error"]["message"]


@pytest.mark.parametrize("url", ["/", "/id/actor/ptce-sante-loire"])
def test_the_pole_s_page_and_the_home_page_link_to_the_pole_s_funding(client, url):
    page = client.get(url, headers=HTML).get_data(as_text=True)
    assert '<a href="/funding?pole=https%3A//w3id.org/maillage/id/actor/ptce-sante-loire">Qui finance ses membres</a>' \
        in page


# « Danae » names one actor; the deliberation and the grant whose names hold it are no beneficiaries.
@pytest.mark.parametrize("params", [{"beneficiary": "DanaeCare"}, {"beneficiary": "danaecare"},
                                    {"beneficiary": "Danae"},
                                    {"beneficiary": DANAECARE}, {"funder": "Saint-Etienne Métropole", "year": 2024},
                                    {"goal": "Améliorer l'accès aux soins"}])
def test_the_grants_api_takes_an_actor_or_a_goal_by_its_name_as_the_named_queries_do(client, params):
    body = client.get("/api/grants", query_string=params).get_json()
    assert [row["grant"]["iri"] for row in body["rows"]] == [GRANT]


# Two beneficiaries whose names « Danae » begins: a beneficiary filter looks among those that receive a grant.
TWO_NAMESAKES = f"""@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
<https://w3id.org/maillage/id/actor/danaecare-formation> a mai:Association ; rdfs:label "DanaeCare Formation" .
<{BASE}grant/sem-danaecare-formation-2024> a mai:Grant ; schema:funder <{SEM}> ;
    mai:beneficiary <https://w3id.org/maillage/id/actor/danaecare-formation> ;
    schema:amount "1000"^^<http://www.w3.org/2001/XMLSchema#decimal> ; mai:fiscalYear 2024 .
"""


@pytest.mark.parametrize("name,words", [("Danae", "2 noms correspondent parmi les bénéficiaires : DanaeCare <"
                                         + DANAECARE + ">"),
                                        ("Zorglub", "aucun nom ne correspond")])
def test_the_grants_api_refuses_a_name_of_several_actors_or_of_none_with_the_candidates(tmp_path, name, words):
    from graph.store import open_store
    from search.indexer import build_index
    from webapp.resources import close_resources

    data = data_with(tmp_path, TWO_NAMESAKES, "homonyme.ttl")
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    build_index(store, {"data_dir": str(data), "store": "oxigraph"})  # names are looked up in the search index
    store.close()
    app = fresh_app(data, tmp_path / "app")
    try:
        response = app.test_client().get("/api/grants", query_string={"beneficiary": name})
    finally:
        close_resources(app)
    error = response.get_json()["error"]
    assert response.status_code == 400 and error["code"] == "bad-parameter" and words in error["message"]
    assert "Bénéficiaire" in error["message"] and "Beneficiary" in error["message_en"]


# A member with no circle (a register's unknown or missing circle: its membership has no org:role).
NO_CIRCLE_TTL = (f'<{BASE}membership/lonely-ptce> a <http://www.w3.org/ns/org#Membership> ;'
                 f' <http://www.w3.org/ns/org#member> <{LONELY}> ; <http://www.w3.org/ns/org#organization> <{PTCE}> ;'
                 ' <https://w3id.org/maillage/ontology#joinedOn>'
                 ' "2024-02-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n')


@pytest.mark.parametrize("url", ["/id/actor/ptce-sante-loire.json", "/id/actor/cabinet-isole.json"])
def test_a_membership_with_no_circle_is_one_row_with_no_circle(tmp_path, url):
    app = app_with_another_source(tmp_path, NO_CIRCLE_TTL)
    try:
        rows = app.test_client().get(url).get_json()["memberships"]["rows"]
        lonely = [row for row in rows if row["member"]["iri"] == LONELY]
        assert [row["circle"] for row in lonely] == [None]
    finally:
        close_resources(app)


def test_the_dashboard_counts_the_members_with_no_circle_apart_as_many_as_the_poles_page(tmp_path):
    app = app_with_another_source(tmp_path, NO_CIRCLE_TTL)
    try:
        client = app.test_client()
        circles = client.get("/index.json").get_json()["cooperations"][0]["circles"]
        assert [((c["circle"] or {}).get("iri"), c["members"]) for c in circles] == [(COEUR, 1), (None, 1)]
        assert sum(c["members"] for c in circles) == client.get(
            "/id/actor/ptce-sante-loire.json").get_json()["members"]["current"]
        assert "<li>Sans cercle — 1 membre</li>" in client.get("/", headers=HTML).get_data(as_text=True)
        assert "<li>No circle — 1 member</li>" in client.get("/?lang=en", headers=HTML).get_data(as_text=True)
    finally:
        close_resources(app)


# A grant whose sources give no purpose, decided by the fixture's deliberation.
UNNAMED_GRANT = BASE + "grant/sem-cabinet-2025"
UNNAMED_GRANT_TTL = (f'<{UNNAMED_GRANT}> a <https://w3id.org/maillage/ontology#Grant> ;'
                     f' <http://schema.org/funder> <{SEM}> ; <https://w3id.org/maillage/ontology#beneficiary> <{LONELY}> ;'
                     f' <https://w3id.org/maillage/ontology#decidedBy> <{DELIBERATION}> ;'
                     ' <http://schema.org/amount> "30000"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n')


@pytest.mark.parametrize("url, table", [("/id/actor/saint-etienne-metropole.json", "grants_given"),
                                        ("/id/actor/cabinet-isole.json", "grants_received"),
                                        ("/id/deliberation/saint-etienne-metropole/2024-00240.json", "decided_grants")])
def test_a_grant_without_a_purpose_has_the_same_name_in_every_table_as_on_its_page(tmp_path, url, table):
    app = app_with_another_source(tmp_path, UNNAMED_GRANT_TTL)
    try:
        client = app.test_client()
        rows = client.get(url).get_json()[table]["rows"]
        names = [row["grant"]["label"] for row in rows if row["grant"]["iri"] == UNNAMED_GRANT]
        assert names == [client.get(f"/resource?iri={UNNAMED_GRANT}&format=json").get_json()["label"]] == [
            "Subvention de 30\u202f000\u00a0€ à Cabinet isolé"]
    finally:
        close_resources(app)


AGREEMENT = BASE + "agreement/saint-etienne-metropole/2024-00240/1"
AGREEMENT_TTL = (f'<{AGREEMENT}> a <https://w3id.org/maillage/ontology#Agreement> ;'
                 f' <https://w3id.org/maillage/ontology#approvedBy> <{DELIBERATION}> ;'
                 ' <http://purl.org/dc/terms/title> "Convention de partenariat" .\n')


@pytest.mark.parametrize("lang, iri, prop, name", [
    ("fr", GRANT, "décidée par", "Délibération n°\u00a02024.00240"),
    ("en", GRANT, "decided by", "Deliberation no. 2024.00240"),
    ("fr", AGREEMENT, "approuvée par", "Délibération n°\u00a02024.00240"),
    ("en", AGREEMENT, "approved by", "Deliberation no. 2024.00240")])
def test_a_grant_and_an_agreement_name_their_deliberation_by_its_number_as_the_tables_do(tmp_path, lang, iri, prop,
                                                                                         name):
    app = app_with_another_source(tmp_path, AGREEMENT_TTL)
    try:
        data = app.test_client().get(f"/resource?iri={iri}&format=json&lang={lang}").get_json()
    finally:
        close_resources(app)
    properties = {p["property"]["label"]: p["values"] for p in data["properties"]}
    assert properties[prop] == [{"iri": DELIBERATION, "label": name}]


def test_the_network_picker_names_each_goal_with_its_pole(client):
    rows = client.get("/network.json").get_json()["choices"]["rows"]
    goals = {row["resource"]["iri"]: (row["pole"] or {}).get("label") for row in rows if row["kind"] == "goal"}
    assert goals == {GOAL: "PTCE santé Loire", GOAL2: "PTCE santé Loire"}
    page = client.get("/network", headers=HTML).get_data(as_text=True)
    assert "Améliorer l&#39;accès aux soins</a> (PTCE santé Loire)</li>" in page


def test_a_sources_quotes_are_named_by_the_words_they_quote_not_their_offsets(client):
    data = client.get("/id/source/deliberation-txt.json").get_json()
    quotes = [value for group in data["inverse"] for value in group["values"]
              if value["iri"] == BASE + "evidence/deliberation-txt/1"]
    assert [quote["label"] for quote in quotes] == [f"« {QUOTE} »"]


def test_what_links_to_an_authority_is_named_whatever_its_kind(tmp_path):
    data = json_of_a_store_of(tmp_path, GOALS_TTL + """@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
ex:m1 a org:Membership ; org:member ex:city ; org:organization ex:pole-a .
ex:ag a mai:Agreement ; dcterms:title "Convention avec la Ville" ; mai:party ex:city ; mai:approvedBy ex:d1 .
ex:d1 a mai:Deliberation ; dcterms:identifier "2025-07" ; mai:authority ex:city .
""", "/resource?iri=https://ex.org/city&format=json")
    named = {link["property"]["iri"].rsplit("/", 1)[-1].rsplit("#", 1)[-1]: [v["label"] for v in link["values"]]
             for link in data["inverse"]}
    assert named == {"member": ["Ville, membre de PTCE A"], "party": ["Convention avec la Ville"],
                     "authority": ["Délibération n°\u00a02025-07"]}  # on the authority's own page
    assert [row["grant"]["label"] for row in data["grants_given"]["rows"]] == [
        "Subvention de 1\u202f500\u00a0€ à Asso bénéficiaire"]


OTHER_PTCE = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/maillage/id/actor/ptce-autre> a mai:Cooperation ; rdfs:label "PTCE du Val" ;
    mai:hasGoal <https://w3id.org/maillage/id/goal/val-1> .
<https://w3id.org/maillage/id/goal/val-1> a mai:StrategicGoal ; skos:prefLabel "Soutenir les aidants"@fr ;
    skos:notation "1" .
"""


def test_the_goals_page_of_one_ptce_lists_its_goals_and_a_name_of_none_is_a_400(tmp_path):
    """/goals took no ?pole= and said nothing of it: every PTCE's goals, whatever was asked."""
    with client_with(tmp_path, OTHER_PTCE, "autre-ptce.ttl") as client:
        every = client.get("/goals.json").get_json()["goals"]["rows"]
        assert len(every) == 3
        for pole in (PTCE, "PTCE santé Loire"):
            rows = client.get("/goals.json", query_string={"pole": pole}).get_json()["goals"]["rows"]
            assert sorted(r["goal"]["label"] for r in rows) == ["Améliorer l'accès aux soins",
                                                                "Développer la prévention"]
        rows = client.get("/goals.json", query_string={"pole": "PTCE du Val"}).get_json()["goals"]["rows"]
        assert [r["goal"]["label"] for r in rows] == ["Soutenir les aidants"]
        assert client.get("/goals.json", query_string={"pole": "x"}).status_code == 400


def test_a_propertys_page_is_titled_with_a_capital_its_label_does_not_have(client):
    page = client.get("/resource", query_string={"iri": "https://w3id.org/maillage/ontology#beneficiary", "lang": "fr"},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "<h1>Bénéficiaire</h1>" in page
    actor = client.get("/api/resource", query_string={"iri": XSS}).get_json()
    assert actor["label"] == "<script>alert('x')</script>"  # a name stays as it is written


@pytest.mark.parametrize("lang, title", [("fr", "Personne"), ("en", "Person")])
def test_a_class_of_another_vocabulary_is_titled_with_its_known_label_not_its_iri(client, lang, title):
    page = client.get("/resource", query_string={"iri": "http://xmlns.com/foaf/0.1/Person", "lang": lang},
                      headers={"Accept": "text/html"}).get_data(as_text=True)
    assert f"<h1>{title}</h1>" in page and f"<title>{title}" in page


def test_the_funding_pages_themes_say_that_their_totals_do_not_add_up(client):
    page = client.get("/funding", query_string={"lang": "fr"}, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "sa subvention compte sous chacun, et ces totaux ne s'additionnent pas" in html.unescape(page)


def test_the_ontology_page_names_what_the_ontology_says_of_itself_in_words(client):
    page = client.get("/resource", query_string={"iri": "https://w3id.org/maillage/ontology"}).get_data(as_text=True)
    assert "préfixe conseillé" in page and "espace de noms" in page and ">version<" in page
    assert ">http://purl.org/vocab/vann/" not in page and ">owl:versionInfo<" not in page


def test_a_memberships_table_does_not_repeat_the_pages_own_resource_on_every_row_but_its_csv_keeps_it(client):
    def headers(url):
        page = client.get(url).get_data(as_text=True)
        section = page[page.index(">Appartenances<"):]
        return re.findall(r'<th scope="col">([^<]+)</th>', section[:section.index("</thead>")])

    assert headers("/id/actor/ptce-sante-loire") == ["Membre", "Cercle", "Entrée", "Sortie", "Statut", "Adhésion"]
    assert headers("/id/actor/danaecare")[:2] == ["Organisation", "Cercle"]
    assert headers("/resource?iri=" + COEUR)[:3] == ["Membre", "Organisation", "Entrée"]
    csv = client.get("/id/actor/danaecare", query_string={"format": "csv", "table": "memberships"})
    assert csv.get_data(as_text=True).splitlines()[0].startswith("member,member_iri,organization,")


def test_a_tables_csv_for_excel_has_a_bom_semicolons_and_decimal_commas(client):
    from webapp.page_data import Table
    from webapp.rendering import csv_response

    table = Table("totals", [("year", "year"), ("total", "total"), ("name", "name")],
                  [{"year": 2024, "total": 1500.5, "name": "Cœur; santé"}, {"year": 2025, "total": 20000.0,
                                                                             "name": "=1+1"},
                   {"year": 2026, "total": -0.1 - 0.2, "name": "-x"}])
    with client.application.test_request_context("/"):
        plain = csv_response(table).get_data(as_text=True)
        excel = csv_response(table, excel=True)
    # a negative amount stays a number (not "'-0,3", text); a float's noise is not written (not 0.30000000000000004)
    assert plain == "year,total,name\r\n2024,1500.5,Cœur; santé\r\n2025,20000,'=1+1\r\n2026,-0.3,'-x\r\n"
    assert excel.get_data(as_text=True) == ("\ufeffyear;total;name\r\n2024;1500,5;\"Cœur; santé\"\r\n2025;20000;'=1+1"
                                            "\r\n2026;-0,3;'-x\r\n")
    assert excel.headers["Content-Disposition"] == 'attachment; filename="totals-excel.csv"'
    page = client.get("/id/actor/danaecare").get_data(as_text=True)
    link = html.unescape(re.search(r'<a href="([^"]+&amp;excel=1)"', page).group(1))
    assert client.get(link).get_data(as_text=True).startswith("\ufeffgrant;grant_iri;")


def test_a_tables_csv_has_the_same_columns_whether_it_has_rows_or_not(client):
    """A resource column's IRI column was written only when a row held a resource: an empty table's CSV, or a
    table whose deliberation column was empty on every row, had fewer columns than the same table elsewhere."""
    def header(url, table):
        response = client.get(url, query_string={"format": "csv", "table": table})
        assert response.status_code == 200, (url, table)
        return response.get_data(as_text=True).splitlines()

    given = header("/id/actor/saint-etienne-metropole", "grants_given")
    none_given = header("/id/actor/danaecare", "grants_given")
    assert len(given) > 1 and none_given == given[:1]
    assert given[0] == ("grant,grant_iri,beneficiary,beneficiary_iri,year,amount,purpose,deliberation,"
                        "deliberation_iri,goals,decision_date")


def test_a_tables_csv_writes_an_amount_without_a_floats_noise(client):
    """1 693 684,86 € summed as a float was written 1693684.8600000001 (ten decimals of a float that holds 15
    digits)."""
    from webapp.page_data import Table
    from webapp.rendering import csv_response

    table = Table("totals", [("total", "total")], [{"total": 1693684.8600000001}, {"total": 1234567.8899999999},
                                                    {"total": 1e-07}])
    with client.application.test_request_context("/"):
        assert csv_response(table).get_data(as_text=True) == ("total\r\n1693684.86\r\n1234567.89\r\n"
                                                              "0.0000001\r\n")
        assert csv_response(table, excel=True).get_data(as_text=True).splitlines()[1] == "1693684,86"


def test_a_poles_funding_counts_a_member_that_joins_later_apart_from_todays(tmp_path):
    """A member joining in 2999 was counted among « ceux d'aujourd'hui »; the pole's own page did not count it."""
    app = app_with_another_source(tmp_path, JOINS_LATER)
    try:
        client = app.test_client()
        pole = client.get("/funding.json", query_string={"pole": PTCE}).get_json()["pole"]
        assert (pole["members"], pole["former_members"], pole["future_members"]) == (1, 1, 1)
        page = client.get("/funding", query_string={"pole": PTCE}, headers=HTML).get_data(as_text=True)
        assert "ceux d'aujourd'hui (1), les anciens (1) et ceux à venir (1)" in html.unescape(page)
    finally:
        close_resources(app)


def test_a_tables_csv_gives_the_whole_table_where_its_page_shows_a_part_and_says_when_it_is_cut(client, monkeypatch):
    """A funder's grants CSV gave the page's 50 grants, the funding page's the first 100 beneficiaries: the others
    were lost without a word."""
    from webapp import funding, rendering, resource_pages

    monkeypatch.setattr(resource_pages, "GRANTS_PAGE_SIZE", 1)
    monkeypatch.setattr(resource_pages, "MEMBERSHIPS_PAGE_SIZE", 1)
    monkeypatch.setattr(funding, "TOP", 1)

    def lines(url, **args):
        response = client.get(url, query_string={"format": "csv", **args})
        assert response.status_code == 200, url
        return response.get_data(as_text=True).splitlines()[1:]

    assert len(lines("/id/actor/saint-etienne-metropole", table="grants_given")) == 2
    assert len(lines("/id/actor/saint-etienne-metropole", table="grants_given", page=2)) == 2
    assert len(lines("/id/actor/ptce-sante-loire", table="memberships", members_offset=1)) == 2
    assert len(lines("/funding", table="by_beneficiary")) == len(lines("/funding", table="flows")) == 2
    assert "1 de plus" in client.get("/funding").get_data(as_text=True)  # the page still shows the first only
    monkeypatch.setattr(rendering, "MAX_DOWNLOAD_ROWS", 1)
    cut = client.get("/funding", query_string={"format": "csv", "table": "flows"})
    assert cut.headers["X-Maillage-Truncated"] == "1" and len(cut.get_data(as_text=True).splitlines()) == 2


def test_a_resource_that_states_nothing_itself_is_described_by_the_statements_that_name_it(tmp_path):
    """A replaced grant, named only by the act that replaces it: its page showed it, its Turtle was a 404."""
    old = BASE + "grant/sem-danaecare-2023-replaced"
    app = app_with_another_source(tmp_path, f"<{GRANT}> <https://w3id.org/maillage/ontology#replaces> <{old}> .\n")
    try:
        client = app.test_client()
        assert client.get("/id/grant/sem-danaecare-2023-replaced").status_code == 200
        turtle = client.get("/id/grant/sem-danaecare-2023-replaced.ttl")
        assert turtle.status_code == 200 and turtle.mimetype == "text/turtle"
        triples = list(ox.parse(turtle.data, ox.RdfFormat.TURTLE))
        assert [(t.subject.value, t.object.value) for t in triples] == [(GRANT, old)]
        assert client.get("/id/grant/nothing-at-all.ttl").status_code == 404
    finally:
        close_resources(app)


def test_the_network_and_a_deliberations_grants_download_whole_whatever_the_page_draws_or_lists(client, monkeypatch):
    from webapp import resource_tables

    every = client.get("/network.json", query_string={"focus": SEM}).get_json()["edges"]["rows"]
    assert len(every) >= 2
    csv_rows = client.get("/network", query_string={"focus": SEM, "limit": 1, "format": "csv", "table": "edges"})
    assert len(csv_rows.get_data(as_text=True).splitlines()) == 1 + len(every)
    monkeypatch.setattr(resource_tables, "DECIDED_CAP", 0)
    decided = client.get(DELIBERATION.replace(BASE, "/id/"), query_string={"format": "csv", "table": "decided_grants"})
    assert len(decided.get_data(as_text=True).splitlines()) == 2


def test_a_deliberations_grants_beyond_its_page_link_their_whole_list(tmp_path, monkeypatch):
    """« 80 de plus » under « Ce que la délibération décide » led nowhere."""
    from webapp import resource_tables

    monkeypatch.setattr(resource_tables, "DECIDED_CAP", 1)
    mai, schema = "https://w3id.org/maillage/ontology#", "http://schema.org/"
    app = app_with_another_source(tmp_path, f"<{BASE}grant/second> a <{mai}Grant> ; <{schema}funder> <{SEM}> ; "
                                            f"<{mai}beneficiary> <{LONELY}> ; <{schema}amount> 100 ; "
                                            f"<{mai}decidedBy> <{DELIBERATION}> .\n")
    try:
        page = app.test_client().get(DELIBERATION.replace(BASE, "/id/"), headers=HTML).get_data(as_text=True)
        link = re.search(r'<p class="more"><a href="([^"]+)">1 de plus : la liste complète</a>', page)
        assert link, "no link to the whole list"
        whole = app.test_client().get(html.unescape(link.group(1)))
        assert whole.mimetype == "text/csv" and len(whole.get_data(as_text=True).splitlines()) == 3
    finally:
        close_resources(app)
