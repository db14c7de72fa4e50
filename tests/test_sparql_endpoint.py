"""The SPARQL 1.1 Protocol at /sparql and the Graph Store Protocol at /store, through the Flask client."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from web_fixture import DANAECARE, FIXTURE_GRAPH, app_on_fixture, data_with, fresh_app

from webapp.resources import close_resources

SELECT = "SELECT ?label WHERE { <%s> <http://www.w3.org/2000/01/rdf-schema#label> ?label }" % DANAECARE
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { BIND(<%s> AS ?s) ?s ?p ?o }" % DANAECARE
AUTH = {"Authorization": "Bearer s3cret"}


@pytest.fixture
def app(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app


@pytest.fixture
def client(app):
    return app.test_client()


def labels_from(response) -> list[str]:
    results = ox.parse_query_results(response.data, ox.QueryResultsFormat.JSON)
    return [s["label"].value for s in results]


def test_get_answers_a_select_in_json_by_default(client):
    response = client.get("/sparql?query=" + quote(SELECT))
    assert response.status_code == 200
    assert response.mimetype == "application/sparql-results+json"
    assert labels_from(response) == ["DanaeCare"]


def test_form_post_and_direct_post_give_the_same_answer(client):
    form = client.post("/sparql", data={"query": SELECT})
    direct = client.post("/sparql", data=SELECT, content_type="application/sparql-query")
    assert labels_from(form) == labels_from(direct) == ["DanaeCare"]


@pytest.mark.parametrize("accept,media_type", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values")])
def test_select_results_in_every_format_by_accept(client, accept, media_type):
    response = client.get("/sparql?query=" + quote(SELECT), headers={"Accept": accept})
    assert response.mimetype == media_type
    assert b"DanaeCare" in response.data


def test_csv_results_parse_as_csv(client):
    response = client.get("/sparql?format=csv&query=" + quote(SELECT))
    assert list(csv.reader(io.StringIO(response.get_data(as_text=True)))) == [["label"], ["DanaeCare"]]


@pytest.mark.parametrize("fmt,media_type", [("turtle", "text/turtle"), ("jsonld", "application/ld+json"),
                                            ("ntriples", "application/n-triples"),
                                            ("rdfxml", "application/rdf+xml")])
def test_construct_results_in_every_graph_format(client, fmt, media_type):
    response = client.get(f"/sparql?format={fmt}&query=" + quote(CONSTRUCT))
    assert response.status_code == 200 and response.mimetype == media_type
    triples = list(ox.parse(response.data, {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD,
                                             "ntriples": ox.RdfFormat.N_TRIPLES,
                                             "rdfxml": ox.RdfFormat.RDF_XML}[fmt]))
    assert any(t.object == ox.Literal("DanaeCare") for t in triples)



@pytest.mark.parametrize("fmt, engine", [("turtle", ox.RdfFormat.TURTLE), ("trig", ox.RdfFormat.TRIG)])
def test_a_constructs_turtle_and_trig_declare_and_use_the_contracts_prefixes(client, fmt, engine):
    """As a resource page's Turtle and the CLI's: ``mai:Actor``, not the ontology's full IRI; the same triples."""
    body = client.get("/sparql", query_string={"query": CONSTRUCT, "format": fmt}).data
    assert b"@prefix mai: <https://w3id.org/maillage/ontology#> ." in body and b" mai:" in body
    assert body.count(b"https://w3id.org/maillage/ontology#") == 1  # in the prefix's declaration only
    plain = client.get("/sparql", query_string={"query": CONSTRUCT, "format": "ntriples"}).data
    stated = {(t.subject, t.predicate, t.object) for t in ox.parse(body, engine)}
    assert stated == {(t.subject, t.predicate, t.object) for t in ox.parse(plain, ox.RdfFormat.N_TRIPLES)}


def test_a_constructs_prefixed_turtle_reads_in_rdflib_as_the_same_graph(client):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    turtle = client.get("/sparql", query_string={"query": CONSTRUCT}, headers={"Accept": "text/turtle"}).data
    plain = client.get("/sparql", query_string={"query": CONSTRUCT, "format": "ntriples"}).data
    assert b"mai:" in turtle
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), Graph().parse(data=plain, format="nt"))


@pytest.mark.parametrize("spelling,media_type", [
    ("rdf+xml", "application/rdf+xml"), ("xml", "application/rdf+xml"), ("application/rdf+xml", "application/rdf+xml"),
    ("text/turtle", "text/turtle"), ("text/turtle; charset=utf-8", "text/turtle"), ("n3", "text/turtle"),
    ("application/ld+json", "application/ld+json"), ("json", "application/ld+json"), ("JSON-LD", "application/ld+json"),
    ("nt", "application/n-triples"), ("n-triples", "application/n-triples")])
def test_a_graphs_format_parameter_takes_the_usual_spellings(client, spelling, media_type):
    response = client.get("/sparql", query_string={"query": CONSTRUCT, "format": spelling})
    assert response.status_code == 200 and response.mimetype == media_type


@pytest.mark.parametrize("spelling,media_type", [("application/sparql-results+json", "application/sparql-results+json"),
                                                 ("application/json", "application/sparql-results+json"),
                                                 ("text/csv", "text/csv"), ("srx", "application/sparql-results+xml")])
def test_a_selects_format_parameter_takes_the_usual_spellings(client, spelling, media_type):
    response = client.get("/sparql", query_string={"query": SELECT, "format": spelling})
    assert response.status_code == 200 and response.mimetype == media_type


def test_a_format_that_fits_no_answer_is_a_406_said_in_french_then_in_english(client):
    error = client.get("/sparql", query_string={"query": SELECT, "format": "text/turtle"}).get_json()["error"]
    assert error["status"] == 406
    assert error["message"] == ("format de résultats SPARQL inconnu « text/turtle » (possibles : json, xml, csv, tsv, "
                                "ou leurs types de média)")
    assert error["message_en"].startswith("unknown SPARQL results format 'text/turtle' (known: json, xml")


@pytest.mark.parametrize("query", [SELECT, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"])
def test_an_accept_header_that_names_none_of_the_formats_is_a_406(client, query):
    """``Accept: image/png`` was answered in JSON; so is an Accept that names formats of the other kind of query
    only (it was answered in the default format of the query's kind, a body that the client cannot read); a client
    that sends none, or ``*/*``, gets that default."""
    refused = client.get("/sparql", query_string={"query": query}, headers={"Accept": "image/png, text/rtf;q=0.5"})
    assert refused.status_code == 406 and "image/png" in refused.get_json()["error"]["message"]
    other_kind = ("text/turtle" if query == SELECT else "application/sparql-results+json")
    assert client.get("/sparql", query_string={"query": query}, headers={"Accept": other_kind}).status_code == 406
    assert client.get("/sparql", query_string={"query": query}, headers={"Accept": ""}).status_code == 200
    assert client.get("/sparql", query_string={"query": query}, headers={"Accept": "image/png, */*;q=0.1"}
                      ).status_code == 200


def test_describe_answers_a_set_of_triples_when_two_sources_state_one(tmp_path):
    data = data_with(tmp_path, f'<{DANAECARE}> <http://www.w3.org/2000/01/rdf-schema#label> "DanaeCare" .')
    app = fresh_app(data, tmp_path / "app")
    try:
        response = app.test_client().get("/sparql", query_string={"query": f"DESCRIBE <{DANAECARE}>",
                                                                   "format": "ntriples"})
        lines = response.get_data(as_text=True).splitlines()
        assert len(lines) == len(set(lines)) and sum('"DanaeCare"' in line for line in lines) == 1
        described = app.test_client().get("/id/actor/danaecare.nt").get_data(as_text=True).splitlines()
        assert len(described) == len(set(described))
    finally:
        close_resources(app)


def test_ask_answers_a_boolean(client):
    response = client.get("/sparql?query=" + quote("ASK { ?s a <https://w3id.org/maillage/ontology#Grant> }"))
    assert json.loads(response.data) == {"head": {}, "boolean": True}


def test_without_a_query_a_client_gets_the_service_description(client):
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.mimetype == "text/turtle"
    graph = list(ox.parse(response.data, ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(t.predicate.value == sd + "endpoint" for t in graph)


def test_the_service_description_says_that_the_union_matches_a_fact_once(client):
    """The default graph is the union of the named graphs, a set (graph/sparql_union.py): the description claims
    sd:UnionDefaultGraph and says, in French and English, that a fact several sources state is matched once."""
    graph = list(ox.parse(client.get("/sparql", headers={"Accept": "text/turtle"}).data, ox.RdfFormat.TURTLE))
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(t.object == ox.NamedNode(sd + "UnionDefaultGraph") for t in graph)
    comments = {t.object.language: t.object.value for t in graph
                if t.predicate.value == "http://www.w3.org/2000/01/rdf-schema#comment"}
    assert "plusieurs sources déclarent y est trouvé une fois, et COUNT et SUM le comptent une fois" in comments["fr"]
    assert "several sources state is matched once, and COUNT and SUM count it once" in comments["en"]


def test_without_a_query_a_browser_gets_the_editor_with_the_named_queries(client):
    response = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert response.mimetype == "text/html"
    assert b"<textarea" in response.data and b"Totaux par financeur" in response.data


@pytest.mark.parametrize("lang, said", [("fr", "sources déclarent y est trouvé une fois"),
                                        ("en", "sources state is matched once")])
def test_the_editor_says_that_a_fact_several_sources_state_is_matched_once(client, lang, said):
    response = client.get(f"/sparql?lang={lang}", headers={"Accept": "text/html"})
    assert said in response.get_data(as_text=True)


def test_the_editor_shows_results_as_a_table_with_download_links(client):
    response = client.post("/sparql", data={"query": SELECT, "format": "html"})
    page = response.get_data(as_text=True)
    assert "<td>DanaeCare</td>" in page and "format=csv" in page


def test_reads_allow_cross_origin_requests(client):
    response = client.get("/sparql?query=" + quote(SELECT), headers={"Origin": "https://ex.org"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/sparql", headers={"Origin": "https://ex.org",
                                                   "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 204 and "POST" in preflight.headers["Access-Control-Allow-Methods"]


def test_a_malformed_query_is_a_400_with_line_and_column(client):
    response = client.get("/sparql?query=" + quote("SELECT ?s\nWHERE { ?s ?p }"))
    error = response.get_json()["error"]
    assert response.status_code == 400 and error["code"] == "bad-query"
    assert "ligne 2, colonne 9" in error["message"] and "line 2, column 9" in error["message_en"]


def test_an_undeclared_prefix_is_named_and_the_engines_list_of_expected_tokens_cut_short(client):
    response = client.get("/sparql?query=" + quote("SELECT * WHERE { ?s skos:prefLabel ?l ; ex:x ?y }"))
    error = response.get_json()["error"]
    assert response.status_code == 400 and error["code"] == "bad-query"
    assert error["message"].endswith("préfixe non déclaré « skos: » ; ajoutez PREFIX skos: "
                                     "<http://www.w3.org/2004/02/skos/core#>")
    assert error["message_en"].endswith("undeclared prefix 'skos:'; add PREFIX skos: "
                                        "<http://www.w3.org/2004/02/skos/core#>")
    response = client.get("/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o } ORDER BY"))
    assert response.status_code == 400 and len(response.get_json()["error"]["message"]) < 300


def test_service_is_refused_with_a_400(client):
    response = client.get("/sparql?query=" + quote("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"))
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "query-refused"


def test_from_a_local_file_is_refused_but_from_a_source_graph_is_answered(client):
    refused = client.get("/sparql?query=" + quote("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }"))
    assert refused.status_code == 400
    inside = client.get("/sparql?query=" + quote(f"SELECT ?label FROM <{FIXTURE_GRAPH}> WHERE {{ <{DANAECARE}> "
                                                 "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"))
    assert labels_from(inside) == ["DanaeCare"]


COUNT_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def _number(response, name="n") -> list[str]:
    assert response.status_code == 200, response.data
    return [s[name].value for s in ox.parse_query_results(response.data, ox.QueryResultsFormat.JSON)]


@pytest.mark.parametrize("send", ["get", "form", "direct"])
def test_the_protocols_default_graph_uri_and_named_graph_uri_set_the_dataset(client, send):
    in_query = _number(client.get("/sparql?query=" + quote(COUNT_TRIPLES.replace("WHERE", f"FROM <{FIXTURE_GRAPH}>"
                                                                                            " WHERE"))))
    assert int(in_query[0]) > 10

    def ask(query, **dataset):
        if send == "get":
            return client.get("/sparql", query_string={"query": query, **dataset})
        if send == "form":
            return client.post("/sparql", data={"query": query, **dataset})
        return client.post("/sparql?" + "&".join(f"{k}={quote(v)}" for k, v in dataset.items()), data=query,
                           content_type="application/sparql-query")

    assert _number(ask(COUNT_TRIPLES, **{"default-graph-uri": FIXTURE_GRAPH})) == in_query
    assert _number(ask(GRAPHS, **{"named-graph-uri": FIXTURE_GRAPH}), "g") == [FIXTURE_GRAPH]
    assert _number(ask(COUNT_TRIPLES, **{"named-graph-uri": FIXTURE_GRAPH})) == ["0"]  # no default graph given
    # The protocol's dataset overrides the query's own.
    overridden = COUNT_TRIPLES.replace("WHERE", "FROM <https://w3id.org/maillage/id/source/nope> WHERE")
    assert _number(ask(overridden, **{"default-graph-uri": FIXTURE_GRAPH})) == in_query
    unknown = ask(COUNT_TRIPLES, **{"default-graph-uri": "https://w3id.org/maillage/id/source/nope"})
    assert unknown.status_code == 400


def test_the_row_cap_cuts_and_flags_the_answer(tmp_path):
    with app_on_fixture(tmp_path, max_rows=3) as app:
        response = app.test_client().get("/sparql?format=tsv&query=" + quote("SELECT ?s WHERE { ?s ?p ?o }"))
        assert response.get_data(as_text=True).count("\n") == 4
        assert response.headers["X-Maillage-Truncated"] == "true"


def test_an_update_without_the_token_is_refused(client):
    response = client.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert response.status_code == 401 and response.get_json()["error"]["code"] == "unauthorized"
    wrong = client.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
                        headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_an_update_with_the_token_is_written_and_read_back(client):
    update = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> 'written' } }"
    response = client.post("/sparql", data=update, content_type="application/sparql-update", headers=AUTH)
    assert response.status_code == 204
    answer = client.get("/sparql?query=" + quote("SELECT ?label WHERE { <urn:a> <urn:b> ?label }"))
    assert labels_from(answer) == ["written"]


def test_writes_are_disabled_when_no_token_is_configured(tmp_path):
    with app_on_fixture(tmp_path, write_token="") as app:
        response = app.test_client().post("/sparql", data={"update": "CLEAR ALL"}, headers=AUTH)
    assert response.status_code == 403


def test_graph_store_reads_a_graph_and_writes_only_with_the_token(client):
    assert b"DanaeCare" in client.get("/store?graph=" + quote(FIXTURE_GRAPH)).data
    body = "<urn:x> <urn:y> 'put' ."
    assert client.put("/store?graph=urn:new", data=body, content_type="text/turtle").status_code == 401
    assert client.put("/store?graph=urn:new", data=body, content_type="text/turtle", headers=AUTH).status_code == 201
    assert b"put" in client.get("/store?graph=urn:new", headers={"Accept": "application/n-triples"}).data
    assert client.delete("/store?graph=urn:new", headers=AUTH).status_code == 204
    assert client.get("/store?graph=urn:new").status_code == 404


RUNAWAY = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n1 ?o . "
           "?p ?q ?r . ?s ?t ?u }")


def test_a_runaway_query_is_stopped_at_its_limit_while_other_requests_are_answered(tmp_path):
    with app_on_fixture(tmp_path, query_timeout=1.5, query_workers=2) as app:
        client = app.test_client()
        client.get("/sparql?query=" + quote(SELECT))  # start the workers
        outcome = {}

        def runaway():
            started = time.monotonic()
            response = app.test_client().get("/sparql?query=" + quote(RUNAWAY))
            outcome.update(status=response.status_code, seconds=time.monotonic() - started,
                           body=response.get_json())

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(0.3)
        answered = []
        while thread.is_alive():
            response = client.get("/sparql?query=" + quote(SELECT))
            answered.append(response.status_code == 200 and labels_from(response) == ["DanaeCare"])
            page = client.get("/id/actor/danaecare")
            answered.append(page.status_code == 200)
            time.sleep(0.05)
        thread.join()
        assert outcome["status"] == 503 and outcome["body"]["error"]["code"] == "query-timeout"
        assert 1.4 <= outcome["seconds"] < 4
        assert answered and all(answered)
        assert labels_from(client.get("/sparql?query=" + quote(SELECT))) == ["DanaeCare"]


def test_an_error_in_the_editors_form_is_shown_in_the_editor_with_the_query_kept(client):
    query = "SELECT * WHERE { ?s ex:unknown ?o }"
    response = client.post("/sparql", data={"query": query, "format": "html"}, headers={"Accept": "text/html"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert 'role="alert"' in page and "préfixe non déclaré «\u00a0ex:\u00a0»" in page
    assert "SELECT * WHERE { ?s ex:unknown ?o }</textarea>" in page
    api = client.post("/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert api.status_code == 400 and api.get_json()["error"]["code"] == "bad-query"


def test_the_editors_form_declares_the_contracts_prefixes_that_a_query_uses_and_the_endpoint_does_not(client):
    query = "SELECT ?label WHERE { ?a a mai:Association ; rdfs:label ?label }"
    page = client.post("/sparql", data={"query": query, "format": "html"}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<td>DanaeCare</td>" in page.get_data(as_text=True)
    assert "query=PREFIX+mai" in page.get_data(as_text=True)  # the download links run the query as it ran
    raw = client.post("/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    assert raw.status_code == 400 and raw.get_json()["error"]["message"].endswith(
        "préfixe non déclaré « mai: » ; ajoutez PREFIX mai: <https://w3id.org/maillage/ontology#>")


def test_an_update_by_get_is_a_400_not_the_service_description(client):
    response = client.get("/sparql", query_string={"update": "DROP ALL"})
    assert response.status_code == 400
    assert response.get_json()["error"]["message"].startswith("une mise à jour SPARQL s'envoie en POST")


@pytest.mark.parametrize("content_type", [None, "application/x-www-form-urlencoded"])
def test_a_post_without_a_query_is_a_400_not_the_service_description(client, content_type):
    response = client.post("/sparql", content_type=content_type)
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "missing-query"


def test_a_post_of_another_content_type_is_a_415_not_the_service_description(client):
    response = client.post("/sparql", data=SELECT, content_type="text/plain")
    assert response.status_code == 415
    assert "application/sparql-query" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("method, path, status, words", [
    ("get", "/nulle-part", 404, "page introuvable"), ("put", "/sparql", 405, "méthode PUT non acceptée"),
])
def test_the_http_errors_werkzeug_raises_are_said_in_french_and_in_english(client, method, path, status, words):
    response = getattr(client, method)(path)
    error = response.get_json()["error"]
    assert (response.status_code, words in error["message"]) == (status, True)
    assert error["message_en"] != error["message"]


def test_a_browser_that_sends_a_malformed_query_gets_the_error_in_the_editor_a_client_gets_json(client):
    bad = "SELECT ?s WHERE { ?s ?p }"
    page = client.get("/sparql", query_string={"query": bad},
                      headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert page.status_code == 400 and page.mimetype == "text/html"
    assert "ligne 1" in page.get_data(as_text=True) and "?s ?p }" in page.get_data(as_text=True)
    api = client.get("/sparql", query_string={"query": bad}, headers={"Accept": "application/sparql-results+json"})
    assert api.status_code == 400 and api.get_json()["error"]["code"] == "bad-query"
    assert client.get("/sparql", query_string={"query": bad}).get_json()["error"]["code"] == "bad-query"


def test_two_query_parameters_are_a_400(client):
    response = client.get("/sparql?query=" + quote(SELECT) + "&query=" + quote(SELECT))
    assert response.status_code == 400 and "plusieurs fois" in response.get_json()["error"]["message"]
