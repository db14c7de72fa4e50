"""End to end: `maillage serve` on a free loopback port, queried by SPARQLWrapper (a real client) in every format."""

from __future__ import annotations

import shutil

import pytest
from conftest import serving
from web_fixture import DANAECARE, template_data

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper as Client  # noqa: E402

SELECT = f"SELECT ?label WHERE {{ <{DANAECARE}> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"
CONSTRUCT = f"CONSTRUCT {{ <{DANAECARE}> ?p ?o }} WHERE {{ <{DANAECARE}> ?p ?o }}"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    data = tmp_path_factory.mktemp("serve") / "data"
    shutil.copytree(template_data(), data)
    with serving(data, env={"MAILLAGE_QUERY_TIMEOUT": "5"}, log=data.parent / "serve.log") as url:
        yield url + "/sparql"


def client(url: str, query: str, fmt: str, method: str = "GET") -> Client:
    sparql = Client(url)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_select_as_json(endpoint, method):
    result = client(endpoint, SELECT, JSON, method).queryAndConvert()
    assert [b["label"]["value"] for b in result["results"]["bindings"]] == ["DanaeCare"]


def test_select_as_xml(endpoint):
    document = client(endpoint, SELECT, XML).queryAndConvert()
    assert [n.firstChild.data for n in document.getElementsByTagName("literal")] == ["DanaeCare"]


@pytest.mark.parametrize("fmt", [CSV, TSV])
def test_select_as_csv_and_tsv(endpoint, fmt):
    text = client(endpoint, SELECT, fmt).queryAndConvert().decode()
    assert "DanaeCare" in text.splitlines()[1]


@pytest.mark.parametrize("fmt,media_type", [(TURTLE, "text/turtle"), (N3, "text/turtle"),
                                            (JSONLD, "application/ld+json"), (XML, "application/rdf+xml")])
def test_construct_in_every_graph_format(endpoint, fmt, media_type):
    # The raw answer, parsed by Oxigraph: SPARQLWrapper's own conversion uses rdflib's deprecated ConjunctiveGraph.
    import pyoxigraph as ox

    with client(endpoint, CONSTRUCT, fmt).query().response as response:
        assert response.headers["Content-Type"].split(";")[0] == media_type
        triples = list(ox.parse(response.read(), ox.RdfFormat.from_media_type(media_type)))
    assert any(t.object == ox.Literal("DanaeCare") for t in triples)


@pytest.mark.parametrize("query", [CONSTRUCT, f"DESCRIBE <{DANAECARE}>"])
def test_a_graph_in_sparqlwrappers_rdfxml_return_format(endpoint, query):
    # SPARQLWrapper sends format=rdf+xml beside its Accept header.
    import pyoxigraph as ox

    with client(endpoint, query, RDFXML).query().response as response:
        assert response.headers["Content-Type"].split(";")[0] == "application/rdf+xml"
        assert any(t.object == ox.Literal("DanaeCare") for t in ox.parse(response.read(), ox.RdfFormat.RDF_XML))


def _long_select(encoded_bytes: int) -> str:
    """A SELECT whose query string, URL-encoded as SPARQLWrapper sends it, is about ``encoded_bytes`` long."""
    from urllib.parse import urlencode

    values = []
    while len(urlencode({"query": SELECT + " VALUES ?x { " + " ".join(values) + " }"})) < encoded_bytes:
        values.append(f'"v{len(values)}"')
    return SELECT + " VALUES ?x { " + " ".join(values) + " }"


def test_a_get_query_within_the_applications_limit_is_answered_not_refused_by_the_server(endpoint):
    result = client(endpoint, _long_select(7000), JSON).queryAndConvert()  # gunicorn's default line limit is 4094
    assert {b["label"]["value"] for b in result["results"]["bindings"]} == {"DanaeCare"}


def test_a_get_query_over_the_applications_limit_gets_its_json_414(endpoint):
    import json
    import urllib.error
    import urllib.parse
    import urllib.request

    url = endpoint + "?" + urllib.parse.urlencode({"query": _long_select(9000)})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=30)
    assert refused.value.code == 414
    assert json.loads(refused.value.read())["error"]["code"] == "uri-too-long"


def test_ask(endpoint):
    assert client(endpoint, "ASK { ?s ?p ?o }", JSON).queryAndConvert()["boolean"] is True
