"""A partner's Linked Data on the pages: actors named in the page's language (the funding page, the named queries),
named by ``schema:name`` or ``foaf:name`` where no label is, a blank node's own properties shown, and the
standard terms labelled as what they are."""

from __future__ import annotations

import pytest
from web_fixture import DANAECARE, PTCE, SEM, client_with, data_with, template_data

from graph.namespaces import sparql_prologue
from webapp.named_queries import named_queries

#: The fixture's actors given a French and an English label each, as a Linked Data file names them.
TWO_LANGUAGES = f"""@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{SEM}> rdfs:label "Saint-Étienne Métropole"@fr , "Saint-Étienne Metropolitan Area"@en .
<{DANAECARE}> rdfs:label "DanaeCare santé"@fr , "DanaeCare Health"@en .
<{PTCE}> rdfs:label "PTCE santé de la Loire"@fr , "Loire Health Cluster"@en .
"""


@pytest.fixture(scope="module")
def two_languages(tmp_path_factory):
    """The fixture's data directory, and a copy with :data:`TWO_LANGUAGES` ingested after it."""
    return template_data(), data_with(tmp_path_factory.mktemp("languages"), TWO_LANGUAGES)


def _rows(data, name: str) -> list[dict]:
    from test_web_named_queries import EXPECTED

    from graph.store import open_store

    query = named_queries()[name]
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    try:
        return list(store.query(sparql_prologue() + query.text, query.bindings(EXPECTED[name][0])).dicts())
    finally:
        store.close()


@pytest.mark.parametrize("name", sorted(set(named_queries()) - {"sources-et-triplets"}))  # it lists the sources
def test_a_named_query_gives_one_row_whatever_the_languages_an_actor_is_labelled_in(two_languages, name):
    one, two = (_rows(data, name) for data in two_languages)
    assert len(two) == len(one) != 0


@pytest.mark.parametrize("name", ["membres-actuels-par-cercle", "partenaires-par-cercle"])
def test_the_members_queries_name_a_member_by_its_french_label(two_languages, name):
    rows = _rows(two_languages[1], name)
    labels = {str(row["member"]): str(row["memberLabel"]) for row in rows}
    assert labels[DANAECARE] == "DanaeCare santé" and {str(row["organizationLabel"]) for row in rows} == {
        "PTCE santé de la Loire"}


def _funding_labels(client, lang: str, table: str, key: str) -> dict[str, str]:
    rows = client.get("/funding.json", query_string={"lang": lang}).get_json()[table]["rows"]
    return {row[key]["iri"]: row[key]["label"] for row in rows}


@pytest.mark.parametrize("lang, sem", [("fr", "Saint-Étienne Métropole"), ("en", "Saint-Étienne Metropolitan Area")])
def test_the_funding_page_names_an_actor_in_the_page_s_language(tmp_path, lang, sem):
    with client_with(tmp_path, TWO_LANGUAGES) as client:
        assert _funding_labels(client, lang, "by_funder", "funder")[SEM] == sem
        assert _funding_labels(client, lang, "flows", "funder")[SEM] == sem


def test_the_scdl_export_names_an_actor_by_its_french_label(two_languages):
    import io

    from graph.export import export_scdl
    from graph.store import open_store

    store = open_store({"store": "oxigraph", "data_dir": str(two_languages[1])})
    try:
        out = io.BytesIO()
        result = export_scdl(store, out)
    finally:
        store.close()
    written = out.getvalue().decode("utf-8") + repr(result)
    assert "Saint-Étienne Métropole" in written and "Metropolitan Area" not in written


#: A funder and a member that a Linked Data file names by schema:name or foaf:name only (no rdfs:label).
NAMED_ONLY = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://data.example.org/id/firminy> a mai:PublicAuthority ; schema:name "Ville de Firminy"@fr , "Firminy"@en .
<https://data.example.org/id/dac> a mai:Association ; foaf:name "DAC Loire Sud" ;
    schema:member <https://data.example.org/id/firminy> .
<https://data.example.org/id/grant-1> a mai:Grant ; schema:funder <https://data.example.org/id/firminy> ;
    mai:beneficiary <https://data.example.org/id/dac> ; schema:amount "1500"^^xsd:decimal ; mai:fiscalYear 2024 .
"""
FIRMINY = "https://data.example.org/id/firminy"
DAC = "https://data.example.org/id/dac"


def test_the_funding_page_names_an_actor_without_a_label_by_its_schema_or_foaf_name(tmp_path):
    with client_with(tmp_path, NAMED_ONLY) as client:
        assert _funding_labels(client, "fr", "by_funder", "funder")[FIRMINY] == "Ville de Firminy"
        assert _funding_labels(client, "en", "by_funder", "funder")[FIRMINY] == "Firminy"
        assert _funding_labels(client, "fr", "by_beneficiary", "beneficiary")[DAC] == "DAC Loire Sud"
        grants = client.get("/funding.json", query_string={"year": "2024"}).get_json()["grants"]["rows"]
        assert {row["funder"]["label"] for row in grants if row["funder"]["iri"] == FIRMINY} == {"Ville de Firminy"}


def test_a_resource_page_is_titled_by_a_schema_name_and_names_its_values_so(tmp_path):
    with client_with(tmp_path, NAMED_ONLY) as client:
        page = client.get("/api/resource", query_string={"iri": DAC, "lang": "fr"}).get_json()
        firminy = client.get("/api/resource", query_string={"iri": FIRMINY, "lang": "en"}).get_json()
    assert page["label"] == "DAC Loire Sud" and firminy["label"] == "Firminy"
    members = next(p for p in page["properties"] if p["property"]["iri"] == "http://schema.org/member")["values"]
    assert [value["label"] for value in members] == ["Ville de Firminy"]
    assert [row["funder"]["label"] for row in page["grants_received"]["rows"]] == ["Ville de Firminy"]


@pytest.mark.parametrize("lang, label", [("fr", "élément financé"), ("en", "funded item")])
def test_schema_funded_item_is_labelled_as_schema_org_defines_it_not_as_a_register_s_beneficiary(app_fr_en, lang,
                                                                                                   label):
    from graph.namespaces import SCHEMA
    from webapp.labels import term_comment, term_label

    with app_fr_en.test_request_context(f"/?lang={lang}"):
        assert term_label(SCHEMA.fundedItem) == label
        assert "schema.org" in term_comment(SCHEMA.fundedItem) and "regist" not in term_comment(SCHEMA.fundedItem)


@pytest.fixture
def app_fr_en(tmp_path):
    from web_fixture import app_on_fixture

    with app_on_fixture(tmp_path) as app:
        yield app


#: An actor whose address is a blank node, as a Linked Data file writes it.
ADDRESSED = f"""@prefix schema: <http://schema.org/> .
<{DANAECARE}> schema:address [ a schema:PostalAddress ; schema:streetAddress "12 rue Gambetta" ;
    schema:postalCode "42000" ; schema:addressLocality "Saint-Étienne" ] .
"""


def test_a_blank_node_value_is_shown_by_its_own_properties_on_the_page(tmp_path):
    with client_with(tmp_path, ADDRESSED) as client:
        page = client.get("/api/resource", query_string={"iri": DANAECARE, "lang": "fr"}).get_json()
        html = client.get("/resource", query_string={"iri": DANAECARE, "lang": "fr"},
                          headers={"Accept": "text/html"}).get_data(as_text=True)
    address = next(p for p in page["properties"] if p["property"]["iri"] == "http://schema.org/address")["values"]
    assert len(address) == 1 and "12 rue Gambetta" in address[0] and "42000" in address[0]
    assert '<ul class="nested">' in html and "Saint-Étienne</li>" in html


def test_a_resource_s_rdf_description_holds_the_blank_nodes_it_reaches(tmp_path):
    from rdflib import Graph, URIRef

    with client_with(tmp_path, ADDRESSED) as client:
        turtle = client.get("/resource", query_string={"iri": DANAECARE, "format": "turtle"}).get_data(as_text=True)
    graph = Graph().parse(data=turtle, format="turtle")
    address = graph.value(URIRef(DANAECARE), URIRef("http://schema.org/address"))
    assert str(graph.value(address, URIRef("http://schema.org/postalCode"))) == "42000"
