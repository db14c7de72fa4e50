"""What a journalist or a city's officer cites from the pages and the downloads: the filtered grants' total before
the page's, a grant's purpose, source file and line in the year's list, a source line that says it is the file's,
an authority's deliberations by number and date, and a named query's download named after its parameters."""

from __future__ import annotations

import csv
import io
import re

import pytest
from web_fixture import app_on_fixture, client_with

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with app_on_fixture(tmp_path_factory.mktemp("citable")) as app:
        yield app.test_client()


def test_the_grants_api_gives_the_filtered_total_first_and_the_page_s_total_under_a_name_that_says_so(client):
    body = client.get("/api/grants", query_string={"page_size": 1}).get_json()
    keys = list(body)
    assert (body["matching_total_amount"], body["page_total_amount"], body["total_amount"]) == ("25000", "20000",
                                                                                                "20000")
    assert keys.index("matching_total_amount") < keys.index("page_total_amount") < keys.index("total_amount")


def test_the_openapi_description_says_the_page_s_total_amount_is_deprecated(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    body = paths["/api/grants"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["allOf"][1]
    fields = body["properties"]
    assert fields["total_amount"]["deprecated"] is True and "page_total_amount" in fields["total_amount"]["description"]
    assert "deprecated" not in fields["page_total_amount"] and "deprecated" not in fields["matching_total_amount"]


#: A grants list whose first purpose spans two lines of the file: its second grant starts on the file's line 4,
#: the spreadsheet's row 3.
LOT_CSV = ("nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;objet;montant\n"
           'Département du Lot;22460001500511;2016-03-01;SOLIHA Lot;"Amélioration de l\'habitat\nen milieu rural";'
           "12000\n"
           "Département du Lot;22460001500511;2016-04-01;ADMR du Lot;Bien vieillir ensemble grâce au numérique;"
           "47174\n")


@pytest.fixture(scope="module")
def lot(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("lot"), LOT_CSV, "subventions-lot-2016.csv") as client:
        yield client


def test_the_year_s_grants_csv_gives_each_grant_s_purpose_source_file_and_line_after_its_first_columns(lot):
    text = lot.get("/funding.csv", query_string={"year": 2016, "table": "grants"}).get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0])[:13] == ["year", "funder", "funder_iri", "beneficiary", "beneficiary_iri", "amount",
                                  "deliberation", "deliberation_iri", "grant", "grant_iri", "deliberation_number",
                                  "deliberation_date", "goals"]
    assert list(rows[0])[13:17] == ["purpose", "source", "source_iri", "source_line"]
    assert list(rows[0])[17:20] == ["budget_account", "budget_account_label", "budget_imputation"]  # added after
    assert list(rows[0])[20:] == ["decision_date"]  # added after them
    assert [(r["beneficiary"], r["purpose"], r["source"], r["source_line"]) for r in rows] == [
        ("ADMR du Lot", "Bien vieillir ensemble grâce au numérique", "subventions-lot-2016.csv", "4"),
        ("SOLIHA Lot", "Amélioration de l'habitat\nen milieu rural", "subventions-lot-2016.csv", "2")]


def test_a_grant_of_an_rdf_file_has_its_source_file_and_no_line_in_the_year_s_csv(client):
    text = client.get("/funding.csv", query_string={"year": 2024, "table": "grants"}).get_data(as_text=True)
    [row] = csv.DictReader(io.StringIO(text))
    assert (row["purpose"], row["source"], row["source_line"]) == ("Création du PTCE santé", "fixture.ttl", "")


def test_the_year_s_grants_page_leaves_purpose_source_and_line_to_the_grant_s_page(client):
    page = client.get("/funding", query_string={"year": 2024}, headers=HTML).get_data(as_text=True)
    assert "fixture.ttl" not in page and ">Objet<" not in page


@pytest.mark.parametrize("url, name", [
    ("/queries/subventions-d-un-beneficiaire.csv?beneficiary=DanaeCare", "subventions-d-un-beneficiaire-danaecare"),
    ("/queries/subventions-d-un-beneficiaire.csv?beneficiary=https://w3id.org/maillage/id/actor/danaecare",
     "subventions-d-un-beneficiaire-danaecare"),
    ("/queries/acteurs-par-theme.csv", "acteurs-par-theme-prevention"),
    ("/queries/entrees-sorties-periode.csv?start=2024-01-01&end=2024-06-30",
     "entrees-sorties-periode-2024-01-01-2024-06-30"),
    ("/queries/partenaires-par-cercle.csv", "partenaires-par-cercle")])
def test_a_named_query_s_download_is_named_after_its_parameters_values(client, url, name):
    response = client.get(url)
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}.csv"'


def test_a_long_parameter_value_names_a_named_query_s_download_cut_short(client):
    response = client.get("/queries/acteurs-d-un-type-dans-un-lieu.csv", query_string={"place": "Saint " * 40})
    name = response.headers["Content-Disposition"].split('"')[1]
    assert name.startswith("acteurs-d-un-type-dans-un-lieu-association-saint-saint-") and len(name) <= 110


@pytest.mark.parametrize("lang, label", [("fr", "ligne du fichier source"), ("en", "source file line")])
def test_a_grant_s_page_says_its_line_is_the_source_file_s(lot, lang, label):
    grants = lot.get("/funding.json", query_string={"year": 2016}).get_json()["grants"]["rows"]
    iri = next(row["grant"]["iri"] for row in grants if row["beneficiary"]["label"] == "ADMR du Lot")
    page = lot.get(iri.removeprefix("https://w3id.org/maillage"), query_string={"lang": lang},
                   headers=HTML).get_data(as_text=True)
    assert re.search(f">{label}</span>" + r"<span class=\"visually-hidden\">[^<]*</span></dt>\s*<dd>4</dd>", page)
    assert "numéro de ligne" not in page and "row number" not in page


MTP = "https://w3id.org/maillage/id/actor/siren-213401722"
#: A city's deliberations: two of one title, adopted at two councils, and one whose number is larger but older.
MONTPELLIER_TTL = f"""
@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix d: <https://w3id.org/maillage/id/deliberation/montpellier/> .

<{MTP}> a mai:PublicAuthority ; rdfs:label "Ville de Montpellier" ; mai:siren "213401722" .
d:504 a mai:Deliberation ; dcterms:identifier "504" ; dcterms:date "2013-11-25"^^xsd:date ; mai:authority <{MTP}> ;
    dcterms:title "Mise à disposition de locaux associatifs" .
d:595 a mai:Deliberation ; dcterms:identifier "595" ; dcterms:date "2013-12-16"^^xsd:date ; mai:authority <{MTP}> ;
    dcterms:title "Mise à disposition de locaux associatifs" .
d:99 a mai:Deliberation ; dcterms:identifier "99" ; dcterms:date "2014-04-24"^^xsd:date ; mai:authority <{MTP}> ;
    dcterms:title "Théâtre Jean Vilar" .
d:600 a mai:Deliberation ; dcterms:identifier "600" ; dcterms:date "2013-12-16"^^xsd:date ; mai:authority <{MTP}> ;
    dcterms:title "Montpellier Grand Cœur" .
"""


@pytest.fixture(scope="module")
def montpellier(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("montpellier"), MONTPELLIER_TTL, "montpellier.ttl") as client:
        yield client


def _adopted(client, **args) -> list[str]:
    body = client.get("/id/actor/siren-213401722.json", query_string=args).get_json()
    [group] = [g for g in body["inverse"] if g["property"]["iri"].endswith("#authority")]
    return [value["label"] for value in group["values"]]


def test_an_authority_s_page_lists_its_deliberations_newest_first_by_number_date_and_title(montpellier):
    assert _adopted(montpellier) == [
        "Délibération n°\u00a099 du 24 avril 2014 — Théâtre Jean Vilar",
        "Délibération n°\u00a0600 du 16 décembre 2013 — Montpellier Grand Cœur",
        "Délibération n°\u00a0595 du 16 décembre 2013 — Mise à disposition de locaux associatifs",
        "Délibération n°\u00a0504 du 25 novembre 2013 — Mise à disposition de locaux associatifs"]


def test_an_authority_s_deliberations_are_paged_newest_first(montpellier):
    page = montpellier.get("/id/actor/siren-213401722", query_string={"offset": 2}, headers=HTML)
    text = page.get_data(as_text=True)
    assert text.index("n°\u00a0595 du 16 décembre 2013") < text.index("n°\u00a0504 du 25 novembre 2013")
    assert "Théâtre Jean Vilar" not in text


def test_an_authority_s_deliberations_are_dated_in_english_on_an_english_page(montpellier):
    assert _adopted(montpellier, lang="en")[0] == "Deliberation no. 99 of 24 April 2014 — Théâtre Jean Vilar"
