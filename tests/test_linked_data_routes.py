"""What a semantic-web engineer's test of Maillage as Linked Data found: the shapes and the ontology served where
their IRIs say, resources that name their RDF versions, SPARQL answers that always say their row count, and content
negotiation that answers alike everywhere.

Fixture strategy: the explorer's fixture graph (tests/web_fixture.py), a fresh app on a copy of it per test; graphs
compared by isomorphism.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, VOID
from web_fixture import COEUR, DANAECARE, app_on_fixture

from graph.ontology import load_ontology, read_vocabulary
from webapp.sparql import SD

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app.test_client()


def parsed(response) -> Graph:
    """The triples of an RDF answer, read by Oxigraph (rdflib's JSON-LD parser warns of its own deprecations)."""
    fmt = ox.RdfFormat.from_media_type(response.mimetype)
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(response.data, fmt)]
    return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")


def canonical(data: bytes, fmt: ox.RdfFormat) -> set[ox.Quad]:
    """The triples of ``data``, their blank nodes labelled canonically (Oxigraph's): two graphs are isomorphic when
    these sets are equal. rdflib's isomorphism took 3.4 s on the shapes' blank nodes, this 10 ms."""
    dataset = ox.Dataset(ox.parse(data, fmt))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return set(dataset)


# --- 2. the shapes over HTTP ---------------------------------------------------------------------------------------


def test_the_shapes_are_served_in_turtle_as_shipped(client):
    response = client.get("/shapes")
    assert (response.status_code, response.mimetype) == (200, "text/turtle")
    assert response.data == read_vocabulary("shapes.ttl")


@pytest.mark.parametrize("suffix,accept", [(".nt", None), (".jsonld", None), (".rdf", None), ("", "text/turtle"),
                                           ("", "application/ld+json")])
def test_the_shapes_are_served_in_every_rdf_format(client, suffix, accept):
    response = client.get("/shapes" + suffix, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    served = canonical(response.data, ox.RdfFormat.from_media_type(response.mimetype))
    assert served == canonical(read_vocabulary("shapes.ttl"), ox.RdfFormat.TURTLE)


def test_the_service_description_names_the_ontology_and_the_shapes(client):
    description = parsed(client.get("/sparql", headers={"Accept": "text/turtle"}))
    [dataset] = description.objects(None, SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in description
    assert (dataset, DCTERMS.conformsTo, URIRef("https://w3id.org/maillage/shapes")) in description
    assert (dataset, VOID.vocabulary, URIRef("https://w3id.org/maillage/ontology")) in description


def test_the_readme_says_where_the_ontology_and_the_shapes_are():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for said in ("`ontology/maillage.ttl`", "`ontology/shapes.ttl`", "served at `/shapes`", "served at `/ontology`",
                 "`/ontology/theme/depistage`"):
        assert said in readme


# --- 3. the ontology and its concepts where their IRIs say -----------------------------------------------------------


@pytest.mark.parametrize("url,accept", [("/ontology", "text/turtle"), ("/ontology.ttl", "text/html"),
                                        ("/ontology.nt", None), ("/ontology", "application/rdf+xml")])
def test_the_ontology_is_served_whole_at_its_own_address(client, url, accept):
    response = client.get(url, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert isomorphic(parsed(response), load_ontology())


def test_the_ontology_has_a_page_at_its_own_address(client):
    page = client.get("/ontology", headers={"Accept": "text/html"})
    assert (page.status_code, page.mimetype) == (200, "text/html")
    assert "Ontologie Maillage" in page.get_data(as_text=True)


@pytest.mark.parametrize("accept", ["text/turtle", "application/n-triples"])
def test_a_concept_dereferences_at_its_own_address_as_at_its_page_by_iri(client, accept):
    own = client.get("/ontology/circle/coeur", headers={"Accept": accept})
    by_iri = client.get("/resource", query_string={"iri": COEUR}, headers={"Accept": accept})
    assert own.status_code == 200 and isomorphic(parsed(own), parsed(by_iri))
    assert (URIRef(COEUR), None, None) in parsed(own)


def test_a_concept_has_its_page_and_its_suffixes_at_its_own_address(client):
    page = client.get("/ontology/circle/coeur", headers={"Accept": "text/html"})
    shown = re.sub(r"<[^>]+>", "", page.get_data(as_text=True))  # the address is drawn a segment a <span>
    assert page.status_code == 200 and COEUR in shown
    assert client.get("/ontology/circle/coeur.ttl").mimetype == "text/turtle"
    assert client.get("/ontology/circle/nothing").status_code == 404


def test_pages_link_a_concept_at_its_own_address(client):
    page = client.get("/id/actor/danaecare", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert 'href="/ontology/circle/coeur"' in page
    assert "/resource?iri=https%3A%2F%2Fw3id.org%2Fmaillage%2Fontology%2Fcircle" not in page


# --- 4. the RDF versions, advertised ---------------------------------------------------------------------------------


GRANT_TERM = quote("https://w3id.org/maillage/ontology#Grant", safe="")
FORMATS = {"text/turtle": (".ttl", "turtle"), "application/ld+json": (".jsonld", "jsonld"),
           "application/n-triples": (".nt", "ntriples"), "application/rdf+xml": (".rdf", "rdfxml")}


@pytest.mark.parametrize("path,links", [
    ("/id/actor/danaecare", {t: f"/id/actor/danaecare{suffix}" for t, (suffix, _) in FORMATS.items()}),
    (f"/resource?iri={GRANT_TERM}", {t: f"/resource?iri={GRANT_TERM}&format={name}"
                                     for t, (_, name) in FORMATS.items()}),
], ids=["instance", "term by its iri"])
def test_a_resources_page_names_its_rdf_versions_in_its_head_and_its_link_header(client, path, links):
    response = client.get(path, headers={"Accept": "text/html"})
    head = response.get_data(as_text=True).split("</head>")[0].replace("&amp;", "&")
    found = dict(re.findall(r'<link rel="alternate" type="([^"]+)" href="([^"]+)">', head))
    assert {t: found.get(t) for t in links} == links
    header = {t: href for href, t in re.findall(r'<([^>]+)>; rel="alternate"; type="([^"]+)"',
                                                 response.headers["Link"])}
    assert header == links


@pytest.mark.parametrize("url", ["/id/actor/danaecare.ttl", "/id/actor/danaecare.json"])
def test_every_representation_of_a_resource_has_the_link_header(client, url):
    assert '</id/actor/danaecare.ttl>; rel="alternate"; type="text/turtle"' in client.get(url).headers["Link"]


@pytest.mark.parametrize("url", ["/id/actor/danaecare", "/id/actor/danaecare.ttl"])
def test_every_advertised_rdf_version_is_the_resource_in_that_format(client, url):
    for href, media_type in re.findall(r'<([^>]+)>; rel="alternate"; type="([^"]+)"', client.get(url).headers["Link"]):
        response = client.get(href)
        assert (response.status_code, response.mimetype) == (200, media_type)
        assert (URIRef(DANAECARE), None, None) in parsed(response)


# --- 5. the row count on every SELECT --------------------------------------------------------------------------------


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "text/csv", "application/sparql-results+xml",
                                    "text/tab-separated-values"])
def test_a_short_select_says_its_row_count(client, accept):
    response = client.get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"},
                          headers={"Accept": accept})
    assert response.status_code == 200
    assert (response.headers.get("X-Maillage-Rows"), response.headers.get("X-Maillage-Truncated")) == ("3", "false")


def test_a_select_cut_by_the_row_limit_says_its_row_count_and_that_it_was_cut(tmp_path):
    with app_on_fixture(tmp_path, max_rows=5) as app:
        response = app.test_client().get("/sparql", query_string={"query": "SELECT ?s WHERE { ?s ?p ?o }"},
                                         headers={"Accept": "application/sparql-results+json"})
    assert len(response.get_json()["results"]["bindings"]) == 5
    assert (response.headers.get("X-Maillage-Rows"), response.headers.get("X-Maillage-Truncated")) == ("5", "true")


def test_the_readme_documents_the_row_limit_and_its_headers():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "At most `max_rows` rows" in readme and "`X-Maillage-Rows`" in readme
    assert "`X-Maillage-Truncated: true`" in readme


# --- 6. content negotiation, alike everywhere ------------------------------------------------------------------------


@pytest.mark.parametrize("accept", ["image/png", "application/sparql-results+json"])
def test_the_service_description_refuses_an_accept_that_names_none_of_its_formats(client, accept):
    response = client.get("/sparql", headers={"Accept": accept})
    assert (response.status_code, response.get_json()["error"]["code"]) == (406, "unknown-format")
    assert "turtle" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("accept,mimetype", [("text/turtle;q=abc", "text/turtle"),
                                             ("application/ld+json; q=2, text/html;q=0.5", "application/ld+json"),
                                             ("text/html;q=0.5, text/turtle;q=", "text/turtle")])
def test_a_malformed_quality_counts_as_one(client, accept, mimetype):
    response = client.get("/id/actor/danaecare", headers={"Accept": accept})
    assert (response.status_code, response.mimetype) == (200, mimetype)


@pytest.mark.parametrize("url", ["/id/actor/danaecare.ttl", "/id/actor/danaecare.nt", "/ontology.ttl",
                                 "/shapes.ttl", f"/resource?iri={quote(DANAECARE)}&format=turtle"])
def test_an_answer_whose_format_the_address_fixes_does_not_vary_by_accept(client, url):
    response = client.get(url, headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and "Accept" not in response.vary


@pytest.mark.parametrize("url", ["/id/actor/danaecare", "/ontology", "/shapes", "/ontology/circle/coeur"])
def test_an_answer_that_the_accept_header_chose_varies_by_it(client, url):
    response = client.get(url, headers={"Accept": "text/turtle"})
    assert response.status_code == 200 and "Accept" in response.vary


@pytest.mark.parametrize("url", ["/id/actor/danaecare?format=nquads", f"/resource?iri={quote(DANAECARE)}&format=pdf"])
def test_an_unknown_format_parameter_is_a_400_that_lists_the_formats(client, url):
    response = client.get(url)
    error = response.get_json()["error"]
    assert (response.status_code, error["code"]) == (400, "unknown-format")
    assert error["message"].endswith("possibles : html, json, csv, turtle, jsonld, ntriples, rdfxml")
    assert error["message_en"].endswith("known: html, json, csv, turtle, jsonld, ntriples, rdfxml")
