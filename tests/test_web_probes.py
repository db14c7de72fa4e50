"""What an HTTP probe of the server found: nesting that crashed the engine, malformed graph IRIs, missing Vary,
CORS and Allow headers, bodies not in UTF-8, mechanical French labels — each answered as the protocol says."""

from __future__ import annotations

import html
import re
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from rdflib.namespace import RDFS
from web_fixture import DANAECARE, FIXTURE_GRAPH, SEM, app_on_fixture, client_with

from graph.namespaces import MAI, SCHEMA
from graph.sparql import MAX_NESTING, QueryRefused, check_query, check_update

AUTH = {"Authorization": "Bearer s3cret"}
ASK = "ASK { ?s ?p ?o }"
#: Nested past the bound, yet far below the depth at which the engine crashes (a failing test must not segfault).
DEEP_GROUPS = "ASK" + "{" * (MAX_NESTING + 44) + "?s ?p ?o" + "}" * (MAX_NESTING + 44)
DEEP_PARENTHESES = "ASK { FILTER(" + "(" * (MAX_NESTING + 44) + "1" + ")" * (MAX_NESTING + 44) + ") }"
RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . "
           "?p ?q ?r . ?s ?t ?u }")


@pytest.fixture
def app(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


def error_of(response) -> dict:
    return response.get_json()["error"]


# --- 1. nesting -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [DEEP_GROUPS, DEEP_PARENTHESES])
def test_the_guard_refuses_a_query_nested_past_the_bound(text):
    with pytest.raises(QueryRefused, match="trop imbriquée"):
        check_query(text)


def test_the_guard_refuses_an_update_nested_past_the_bound():
    update = "INSERT { <urn:a> <urn:b> <urn:c> } WHERE " + DEEP_GROUPS[3:]
    with pytest.raises(QueryRefused, match="trop imbriquée"):
        check_update(update)


def test_brackets_in_strings_iris_and_comments_do_not_count_as_nesting():
    deep = "{" * (MAX_NESTING + 10)
    text = f"ASK {{ ?s ?p '{deep}' . ?s ?p <urn:x{quote(deep)}> }} # {deep}"
    assert check_query(text).kind == "ask"


def test_the_engine_copes_with_twice_the_bound_so_that_the_bound_keeps_a_margin():
    depth = 2 * MAX_NESTING
    assert bool(ox.Store().query("ASK" + "{" * depth + "?s ?p ?o" + "}" * depth)) is False


@pytest.mark.parametrize("send", [
    lambda c: c.get("/sparql", query_string={"query": DEEP_GROUPS}),
    lambda c: c.post("/sparql", data=DEEP_PARENTHESES, content_type="application/sparql-query"),
    lambda c: c.post("/sparql", data={"query": DEEP_GROUPS}),
    lambda c: c.post("/sparql", data=DEEP_GROUPS, content_type="application/sparql-update", headers=AUTH),
], ids=["get", "direct-post", "form-post", "update"])
def test_the_endpoint_answers_a_query_nested_past_the_bound_with_a_400(client, send):
    response = send(client)
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "query-refused"
    assert error["message"].startswith("requête trop imbriquée : 30")
    assert error["message"].endswith(f"la limite est {MAX_NESTING}")
    assert error["message_en"].startswith("query nested too deeply: 30")


def test_the_editor_says_a_query_nested_past_the_bound_is_refused(client):
    response = client.post("/sparql", data={"query": DEEP_GROUPS, "format": "html"})
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "requête trop imbriquée" in response.get_data(as_text=True)


# --- 2. graph IRIs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name,value", [("default-graph-uri", "not an iri<>"), ("named-graph-uri", "http://a b")])
def test_a_malformed_graph_iri_is_a_400_that_names_the_parameter(client, name, value):
    response = client.get("/sparql", query_string={"query": ASK, name: value})
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "bad-iri" and f"« {name} »" in error["message"] and f"'{name}'" in error["message_en"]


# --- 3. Vary ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url,accept", [
    ("/id/actor/danaecare", "text/html"), ("/id/actor/danaecare", "text/turtle"),
    ("/sparql", "text/html"), ("/sparql", "text/turtle"),
    ("/sparql?query=" + quote(ASK), "text/html"), ("/sparql?query=" + quote(ASK), "application/json"),
    ("/funding", "text/html"), ("/id/actor/nobody", "text/html")])
def test_every_negotiated_answer_varies_by_accept(client, url, accept):
    response = client.get(url, headers={"Accept": accept})
    assert "Accept" in response.vary, (response.status_code, response.mimetype)


@pytest.mark.parametrize("url", ["/", "/id/actor/danaecare", "/sparql"])
def test_a_page_varies_by_the_language_cookie_even_when_the_request_had_none(client, url):
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.mimetype == "text/html" and "Cookie" in response.vary


# --- 4. CORS ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("send,status", [
    (lambda c: c.get("/sparql?query=SELEC"), 400),
    (lambda c: c.get("/sparql?query=" + quote("SELECT * { SERVICE <https://ex.org/s> { ?s ?p ?o } }")), 400),
    (lambda c: c.put("/sparql"), 405),
    (lambda c: c.post("/sparql", data={"update": "CLEAR ALL"}), 401)])
def test_the_endpoint_errors_carry_the_cors_header(client, send, status):
    response = send(client)
    assert response.status_code == status
    assert response.headers.get("Access-Control-Allow-Origin") == "*"


def test_a_timeout_carries_the_cors_header(tmp_path):
    with app_on_fixture(tmp_path, query_timeout=0.5, query_workers=1) as app:
        response = app.test_client().get("/sparql?query=" + quote(RUNAWAY))
        assert response.status_code == 503 and error_of(response)["code"] == "query-timeout"
        assert response.headers.get("Access-Control-Allow-Origin") == "*"


# --- 5. Allow ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method,url,allowed", [
    ("PUT", "/sparql", {"GET", "HEAD", "POST", "OPTIONS"}), ("POST", "/api/search", {"GET", "HEAD", "OPTIONS"}),
    ("PUT", "/store?default", {"GET", "HEAD"})])
def test_a_405_says_the_methods_allowed(client, method, url, allowed):
    response = client.open(url, method=method, headers=AUTH, data="<urn:a> <urn:b> <urn:c> .",
                           content_type="text/turtle")
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["Allow"].split(",")} == allowed


# --- 6. encodings -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("body,content_type", [
    (b"ASK { ?s ?p '\xe9' }", "application/sparql-query"),
    (b"ASK { ?s ?p '\xe9' }", "application/sparql-query; charset=utf-8"),
    (b"query=ASK%20%7B%20%3Fs%20%3Fp%20%27%E9%27%20%7D", "application/x-www-form-urlencoded")])
def test_a_body_not_in_utf8_is_a_400_bad_encoding(client, body, content_type):
    response = client.post("/sparql", data=body, content_type=content_type)
    assert response.status_code == 400 and error_of(response)["code"] == "bad-encoding"


def test_a_body_in_its_declared_charset_is_read_in_it(client):
    query = "SELECT ?x WHERE { BIND('é' AS ?x) }".encode("iso-8859-1")
    response = client.post("/sparql", data=query, content_type="application/sparql-query; charset=iso-8859-1")
    results = ox.parse_query_results(response.data, ox.QueryResultsFormat.JSON)
    assert [s["x"].value for s in results] == ["é"]


def test_an_unknown_charset_is_a_400_bad_encoding(client):
    response = client.post("/sparql", data=ASK, content_type="application/sparql-query; charset=klingon")
    assert response.status_code == 400 and error_of(response)["code"] == "bad-encoding"


# --- 7. query and update ----------------------------------------------------------------------------------


def test_a_form_with_both_query_and_update_is_a_malformed_request(client):
    response = client.post("/sparql", data={"query": ASK, "update": "CLEAR ALL"}, headers=AUTH)
    assert response.status_code == 400 and error_of(response)["code"] == "bad-request"


# --- 8. 414 -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path,advises_post", [("/api/search?q=", False), ("/search?q=", False),
                                               ("/sparql?query=", True)])
def test_a_uri_too_long_advises_post_only_where_post_is_accepted(client, path, advises_post):
    error = error_of(client.get(path + "a" * 9000))
    assert error["status"] == 414
    assert ("POST" in error["message"]) is advises_post and ("POST" in error["message_en"]) is advises_post


# --- 10. French labels ------------------------------------------------------------------------------------


@pytest.mark.parametrize("term,french,english", [
    (MAI["from"], "pouvoir donné", "proxy given"), (MAI.to, "pouvoir reçu", "proxy received"),
    (RDFS.subPropertyOf, "sous-propriétés", "subproperties"),
    (SCHEMA.fundedItem, "élément financé de", "funded item of"),
    (MAI.memberKind, "type des membres de", "kind of members of"), (RDFS.seeAlso, "cité en « voir aussi » par",
                                                                     "see also from")])
def test_an_inverse_property_has_its_own_label(app, term, french, english):
    from webapp.labels import inverse_label

    for lang, expected in (("fr", french), ("en", english)):
        with app.test_request_context(f"/?lang={lang}"):
            assert inverse_label(term) == expected


@pytest.mark.parametrize("label,lang,expected", [
    ("sous-propriété de", "fr", "inverse de « sous-propriété de »"), ("donné par", "fr", "inverse de « donné par »"),
    ("lieu de tournage", "fr", "lieu de tournage de"), ("from", "en", "inverse of 'from'"),
    ("part of", "en", "inverse of 'part of'"), ("sponsor", "en", "sponsor of")])
def test_a_label_read_backwards_never_doubles_its_preposition(label, lang, expected):
    from webapp.labels import inverse_of_label

    assert inverse_of_label(label, lang) == expected


def test_a_resource_page_names_incoming_links_without_a_mechanical_inverse(tmp_path):
    turtle = (f"<https://ex.org/p> <{RDFS.subPropertyOf}> <https://ex.org/q> ; <{RDFS.seeAlso}> <https://ex.org/q> .")
    with client_with(tmp_path, turtle) as client:
        page = client.get("/resource?iri=" + quote("https://ex.org/q"), headers={"Accept": "text/html"})
        text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "sous-propriétés" in text and "cité en «\u00a0voir aussi\u00a0» par" in text
    assert "de de" not in text and "est voir aussi de" not in text


@pytest.mark.parametrize("variable,french,english", [("grant", "Subvention", "Grant"), ("pole", "Pôle", "Pole")])
def test_named_query_result_columns_are_labelled(app, variable, french, english):
    from webapp.queries_pages import result_headers

    for lang, expected in (("fr", french), ("en", english)):
        with app.test_request_context(f"/?lang={lang}"):
            assert result_headers([variable]) == {variable: expected}


def test_a_missing_named_query_parameter_is_named_by_its_label(client):
    error = error_of(client.get("/queries/subventions-d-un-beneficiaire.json?run=1"))
    assert error["message"] == "paramètre « beneficiary » manquant : Bénéficiaire (nom ou IRI)"
    assert error["message_en"] == "missing parameter 'beneficiary': Beneficiary (name or IRI)"


def test_an_invalid_named_query_value_says_the_expected_type_in_french():
    from webapp.errors import ApiError
    from webapp.named_queries import Parameter

    with pytest.raises(ApiError) as caught:
        Parameter("year", "integer", "Année", "Year").bind("abc")
    assert caught.value.message == "valeur invalide pour « Année » (year) : « abc » ; attendu : un nombre entier"
    assert caught.value.message_en == "invalid value for 'Year' (year): 'abc'; expected: an integer"


# --- 11. formats and parameters ---------------------------------------------------------------------------


@pytest.mark.parametrize("value,media_type", [("ttl", "text/turtle"), ("nt", "application/n-triples"),
                                              ("text/turtle", "text/turtle"), ("turtle", "text/turtle")])
def test_a_resource_format_may_be_named_by_its_suffix_or_media_type(client, value, media_type):
    response = client.get("/id/actor/danaecare", query_string={"format": value})
    assert response.status_code == 200 and response.mimetype == media_type
    assert DANAECARE.encode() in response.data or b"danaecare" in response.data


def test_a_search_year_that_is_no_integer_is_a_400_as_for_grants(client):
    for url in ("/api/search?year=abc", "/api/search?fiscal_year=abc", "/api/grants?year=abc"):
        error = error_of(client.get(url))
        assert (error["status"], error["code"]) == (400, "bad-parameter"), url


def test_the_search_page_says_a_year_or_page_that_is_no_number_and_takes_year_as_the_api_does(client):
    for url in ("/search?q=danaecare&year=abc", "/search?q=danaecare&fiscal_year=abc", "/search?q=danaecare&page=x"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert "doit être" in response.get_data(as_text=True), url
    assert "avec ces filtres" in client.get("/search?q=danaecare&year=2023").get_data(as_text=True)
    assert "avec ces filtres" not in client.get("/search?q=danaecare&year=2024").get_data(as_text=True)


# --- 12. Graph Store --------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_the_graph_store_takes_exactly_one_of_graph_and_default(client, method):
    response = client.open("/store?graph=urn:x&default", method=method, headers=AUTH)
    assert response.status_code == 400 and error_of(response)["code"] == "bad-request"


def test_a_graph_store_iri_with_a_space_is_a_400(client):
    assert client.get("/store", query_string={"graph": "http://a b"}).status_code == 400


def test_the_editors_language_switch_runs_the_query_posted_again_and_carries_no_other_form_field(client):
    query = "SELECT ?s WHERE { ?s a <https://w3id.org/maillage/ontology#Grant> }"
    page = client.post("/sparql", data={"query": query}, headers={"Accept": "text/html"}).get_data(as_text=True)
    link = html.unescape(re.search(r'<a class="lang" href="([^"]+)"', page).group(1))
    assert link.startswith("?query=") and link.endswith("&lang=en")
    again = client.get("/sparql" + link, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<html lang="en">' in again and "sem-danaecare-2024" in again
    upload = client.post("/upload", data={"token": "s3cret"}, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "s3cret" not in re.search(r'<a class="lang" href="([^"]*)"', upload).group(1)


def test_the_editors_downloads_run_the_query_on_the_dataset_it_ran_on_and_name_formats_as_elsewhere(client):
    """The page counted the triples of one graph, its CSV link those of the whole store."""
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    args = {"query": query, "default-graph-uri": FIXTURE_GRAPH}
    page = client.get("/sparql", query_string=args, headers={"Accept": "text/html"}).get_data(as_text=True)
    links = dict((name, html.unescape(url)) for url, name in re.findall(r'<a href="(/sparql\?[^"]+)">([^<]+)</a>',
                                                                       page))
    assert set(links) >= {"JSON", "XML", "CSV", "TSV"}
    on_page = client.get("/sparql", query_string={**args, "format": "csv"}).get_data(as_text=True)
    assert client.get(links["CSV"]).get_data(as_text=True) == on_page
    assert on_page != client.get("/sparql", query_string={"query": query, "format": "csv"}).get_data(as_text=True)
    construct = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s a ?o } LIMIT 1"},
                           headers={"Accept": "text/html"}).get_data(as_text=True)
    assert all(f">{name}</a>" in construct for name in ("Turtle", "JSON-LD", "N-Triples", "RDF/XML"))


def test_a_repeated_search_filter_gives_either_value_and_another_repeated_parameter_is_a_400(client):
    """type=grant&type=deliberation gave the grants alone, year=2023&year=2024 nothing, /api/grants?year=…&year=…
    the first year's grants: each value past the first was lost, or made the filters exclude each other."""
    def total(query):
        response = client.get("/api/search?" + query)
        assert response.status_code == 200, (query, response.get_json())
        return response.get_json()["total"]

    assert total("type=grant&type=deliberation") == total("type=grant") + total("type=deliberation")
    assert total("type=grant&year=2023&year=2024") == total("type=grant&year=2023") + total("type=grant&year=2024")
    error = error_of(client.get("/api/grants?year=2023&year=2024"))
    assert (error["status"], error["code"]) == (400, "repeated-parameter") and "donné 2 fois" in error["message"]
    # several themes are alternatives too (they were a 400)
    assert total("theme=prevention&theme=acces-aux-soins") >= total("theme=prevention") > 0
    assert client.get("/api/grants?year=2024&year=2024").status_code == 200  # the same value twice is one


@pytest.mark.parametrize("name, value", [("funder", "Saint-Etienne Métropole"), ("goal", "2"), ("circle", "cœur"),
                                         ("place", "Saint-Étienne")])
def test_a_search_filter_takes_a_name_as_grants_does_and_one_that_names_nothing_is_a_400(client, name, value):
    """funder=ANTIBES gave no result where /api/grants takes the name; circle=nope, place=nope too, in silence."""
    by_name = client.get("/api/search", query_string={name: value})
    assert by_name.status_code == 200 and by_name.get_json()["total"] > 0
    error = error_of(client.get("/api/search", query_string={name: "nope"}))
    assert error["status"] == 400 and "aucun nom ne correspond" in error["message"]


def test_a_funder_filter_takes_the_funder_among_the_actors_its_name_starts(tmp_path):
    """funder=Saint-Etienne named the Métropole and an actor that funds nothing: the Métropole, the one funder."""
    from graph.store import open_store
    from search.indexer import build_index
    from web_fixture import data_with, fresh_app

    from webapp.resources import close_resources

    data = data_with(tmp_path, '<https://w3id.org/maillage/id/actor/saint-etienne-habitat> a <https://w3id.org/'
                               'maillage/ontology#Association> ; <http://www.w3.org/2000/01/rdf-schema#label> '
                               '"Saint-Etienne Habitat Solidaire" .\n')
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    build_index(store, {"store": "oxigraph", "data_dir": str(data)})
    store.close()
    app = fresh_app(data, tmp_path / "app")
    try:
        client = app.test_client()
        by_name = client.get("/api/search", query_string={"funder": "Saint-Etienne", "type": "grant"})
        by_iri = client.get("/api/search", query_string={"funder": SEM, "type": "grant"})
        assert by_name.status_code == 200 and by_name.get_json()["total"] == by_iri.get_json()["total"] > 0
        # a name that names one actor only, which funds nothing, is a 400 that suggests the funders of close names
        error = error_of(client.get("/api/search", query_string={"funder": "Saint-Etienne Habitat"}))
        assert error["status"] == 400 and "aucun nom ne correspond parmi les financeurs" in error["message"]
        assert f"vouliez-vous dire « Saint-Etienne Métropole » <{SEM}> ?" in error["message"]
    finally:
        close_resources(app)


@pytest.mark.parametrize("url", ["/id/actor/nope.json", "/id/actor/nope?format=json", "/funding.json?pole=nope",
                                 "/funding.csv?table=nope", "/funding?format=csv&table=nope"])
def test_a_twin_asked_for_by_its_suffix_or_format_answers_its_error_as_json_even_to_a_browser(client, url):
    response = client.get(url, headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.status_code in (400, 404) and response.mimetype == "application/json", url
    assert error_of(response)["message"]


@pytest.mark.parametrize("url", ["/?lang=de", "/api/search?q=x&lang=de", "/id/actor/danaecare?lang=xx"])
def test_a_language_that_is_none_of_the_interfaces_is_a_400_that_names_the_two(client, url):
    response = client.get(url)
    assert response.status_code == 400 and "(possibles : fr, en)" in response.get_data(as_text=True)


@pytest.mark.parametrize("query", ["type=grant&funder=Saint-Etienne Métropole", "type=grant&year=2023&year=2024",
                                   "type=grant&year=2023&fiscal_year=2024", "type=grant&type=deliberation",
                                   "circle=1", "goal=2"])
def test_the_search_page_finds_what_its_json_twin_finds(client, query):
    """The page read the first value of each filter and no names: « Aucun résultat » where its JSON link had some."""
    from urllib.parse import quote

    url = "?" + "&".join(f"{k}={quote(v)}" for k, v in (part.split("=") for part in query.split("&")))
    total = client.get("/api/search" + url).get_json()["total"]
    page = client.get("/search" + url).get_data(as_text=True)
    assert total > 0 and re.search(rf"\b{total} résultats?\b", page), (query, total)
    assert "donné" not in error_of(client.get("/api/search?funder=Nobody"))["message"]
    assert client.get("/search?funder=Nobody").status_code == 400


def test_the_editor_runs_again_and_switches_language_on_the_dataset_the_query_ran_on(client):
    """Its form and its language link dropped default-graph-uri: run again, the query counted the whole graph."""
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    page = client.post("/sparql", data={"query": query, "default-graph-uri": FIXTURE_GRAPH},
                       headers={"Accept": "text/html"}).get_data(as_text=True)
    assert f'<input type="hidden" name="default-graph-uri" value="{FIXTURE_GRAPH}">' in page
    assert "Requête limitée aux graphes donnés" in page
    link = html.unescape(re.search(r'<a class="lang" href="([^"]+)"', page).group(1))
    assert "default-graph-uri=" in link and link.endswith("&lang=en")
    two = client.get("/sparql", query_string=[("query", query), ("default-graph-uri", FIXTURE_GRAPH),
                                              ("default-graph-uri", "urn:x")], headers={"Accept": "text/html"})
    link = html.unescape(re.search(r'<a class="lang" href="([^"]+)"', two.get_data(as_text=True)).group(1))
    assert link.count("default-graph-uri=") == 2


def test_a_long_name_that_names_nothing_is_said_by_its_beginning(client):
    error = error_of(client.get("/api/search", query_string={"goal": "x" * 5000}))
    assert error["status"] == 400 and len(error["message"]) < 300 and "x" * 79 + "…" in error["message"]


def test_a_file_that_relabels_a_contract_term_does_not_rename_its_page(tmp_path):
    """A file's ``mai:Grant rdfs:label "Bourse"@fr`` is warned at ingest (Maillage reads its own ontology): the term's
    page kept the file's label as its title, « Bourse »; it is titled as the ontology names it."""
    relabel = f'<{MAI.Grant}> <{RDFS.label}> "Bourse"@fr , "Purse"@en .\n'
    with client_with(tmp_path, relabel, "relabel.ttl") as client:
        for lang, title in (("fr", "Subvention"), ("en", "Grant")):
            page = client.get(f"/resource?iri={quote(str(MAI.Grant), safe='')}&lang={lang}").get_data(as_text=True)
            assert re.search(r"<h1[^>]*>\s*([^<]*?)\s*<", page).group(1) == title
            assert html.unescape(re.search(r"<title>([^<]*)</title>", page).group(1)).startswith(title)
