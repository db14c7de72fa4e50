"""The explorer's CSV downloads: what a spreadsheet makes of the « pour Excel » variant, its convention in each
language, the downloads' names, the same columns whatever the rows, and label columns that say something.

Fixture strategy: the shared fixture graph (tests/web_fixture.py) and, for the funding page, one more grant of 2018
decided by a deliberation numbered as the Somme numbers its decisions (« 18.5.1 »), ingested after it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import XSD
from test_web_named_queries import EXPECTED
from web_fixture import BASE, COEUR, DANAECARE, GRANT, PTCE, SEM, client_with

from webapp.named_queries import named_queries
from webapp.page_data import Ref, Table
from webapp.rendering import csv_response

SOMME_GRANT = BASE + "grant/somme-2018-1"
SOMME_DELIBERATION = BASE + "deliberation/saint-etienne-metropole/18-5-1"
SOMME_TTL = f"""
@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<{SOMME_GRANT}> a mai:Grant ; schema:funder <{SEM}> ; mai:beneficiary <{DANAECARE}> ;
    schema:amount "1500.50"^^xsd:decimal ; mai:fiscalYear 2018 ; mai:decidedBy <{SOMME_DELIBERATION}> .
<{SOMME_DELIBERATION}> a mai:Deliberation ; dcterms:identifier "18.5.1" ; dcterms:date "2018-03-30"^^xsd:date ;
    mai:authority <{SEM}> .
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("csv-downloads"), SOMME_TTL, "somme.ttl") as client:
        yield client


def _rows(response, separator: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=separator))


def _excel(client, table: Table, lang: str = "fr") -> str:
    with client.application.test_request_context("/", query_string={"lang": lang}):
        return csv_response(table, excel=True).get_data(as_text=True)


# 1. Texts that a spreadsheet converts


@pytest.mark.parametrize("text", ["18.5.1", "18.3.2", "2017-04-24", "1/2", "01234", "+33 6 12 34 56 78", "12 %",
                                  "1E5", "-12", "10000000000008", "3,5"])
def test_the_excel_csv_keeps_as_text_every_text_that_a_spreadsheet_would_convert(client, text):
    table = Table("t", [("number", "number")], [{"number": text}])
    assert _excel(client, table) == f'\ufeffnumber\r\n"=""{text}"""\r\n'


@pytest.mark.parametrize("text", ["Soin", "W423000001", "CP 2017-04-24", "=1+1", "-x", "2024.00240 bis"])
def test_the_excel_csv_leaves_a_text_that_no_spreadsheet_converts_as_it_was(client, text):
    table = Table("t", [("number", "number")], [{"number": text}])
    written = _excel(client, table).splitlines()[1]
    assert written == (text if text[0] not in "=-" else "'" + text)


def test_the_excel_csv_keeps_amounts_years_and_dates_as_values_and_protects_a_label_and_a_literal_text(client):
    table = Table("t", [(k, k) for k in ("amount", "year", "day", "decided", "number", "who")], [
        {"amount": 1500.5, "year": 2018, "day": dt.date(2018, 3, 30),
         "decided": Literal("2018-03-30", datatype=XSD.date), "number": Literal("18.5.1"),
         "who": Ref(BASE + "actor/x", "1/2")}])
    assert _excel(client, table).splitlines()[1] == (
        f'1500,5;2018;2018-03-30;2018-03-30;"=""18.5.1""";"=""1/2""";{BASE}actor/x')


def test_the_excel_funding_grants_keep_the_sommes_decision_number_as_text(client):
    response = client.get("/funding.csv", query_string={"year": 2018, "table": "grants", "excel": 1, "lang": "fr"})
    [row] = _rows(response, ";")
    assert (row["deliberation_number"], row["deliberation_date"], row["amount"]) == (
        '="18.5.1"', "2018-03-30", "1500,5")


# 2. The Excel variant in English


def test_the_excel_csv_of_an_english_page_has_commas_decimal_points_and_a_byte_order_mark(client):
    response = client.get("/funding.csv", query_string={"year": 2018, "table": "grants", "excel": 1, "lang": "en"})
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeffyear,funder,funder_iri,")
    [row] = _rows(response, ",")
    assert (row["amount"], row["deliberation_number"]) == ("1500.5", '="18.5.1"')
    french = client.get("/funding.csv", query_string={"year": 2018, "table": "grants", "excel": 1, "lang": "fr"})
    assert french.get_data(as_text=True).startswith("\ufeffyear;funder;funder_iri;")


@pytest.mark.parametrize("lang, label, title", [
    ("fr", "pour Excel en français", "un tableur réglé en français"),
    ("en", "for Excel in English", "CSV with commas and decimal points")])
def test_the_excel_link_says_which_spreadsheet_convention_it_gives(client, lang, label, title):
    page = client.get("/funding", query_string={"year": 2018, "lang": lang}).get_data(as_text=True)
    assert label in page and title in page


# 3. Download names


@pytest.mark.parametrize("args, name", [
    ({"year": 2018, "table": "grants"}, "subventions-2018.csv"),
    ({"year": 2018, "table": "grants", "lang": "en"}, "grants-2018.csv"),
    ({"year": 2018, "table": "grants", "excel": 1}, "subventions-2018-excel.csv"),
    ({"table": "by_funder"}, "par-financeur.csv"),
    ({"table": "by_funder", "year": 2024, "lang": "en"}, "by-funder-2024.csv"),
    ({"table": "by_beneficiary", "year": 2024}, "par-beneficiaire-2024.csv"),
    ({"table": "flows"}, "flux.csv"),
    ({"table": "by_year", "pole": PTCE}, "par-annee-ptce-sante-loire.csv"),
    ({"table": "grants", "pole": PTCE, "year": 2024}, "subventions-ptce-sante-loire-2024.csv"),
    ({"table": "by_theme", "lang": "en"}, "by-theme.csv")])
def test_a_funding_download_is_named_after_what_it_holds_and_its_filters_in_the_pages_language(client, args, name):
    response = client.get("/funding.csv", query_string={"lang": "fr", **args})  # the cookie of another test
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'


# 4. The same columns whatever the rows


def test_a_named_querys_csv_has_the_same_columns_with_rows_or_without(client):
    with_rows = client.get("/queries/acteurs-par-theme.csv", query_string={"theme": "prevention"})
    without = client.get("/queries/acteurs-par-theme.csv", query_string={"theme": "mental health"})
    assert with_rows.get_data(as_text=True).splitlines()[0] == "actor,actor_iri,actorLabel,subject,subject_iri"
    assert without.get_data(as_text=True).splitlines() == ["actor,actor_iri,actorLabel,subject,subject_iri"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_named_querys_csv_header_is_read_from_the_query_not_from_its_rows(client, name):
    """Each column that holds resources on the fixture has its IRI column from the query alone (an empty result's
    header is this one too)."""
    query = named_queries()[name]
    response = client.get(f"/queries/{name}.csv", query_string={**EXPECTED[name][0], "lang": "fr"})
    lines = response.get_data(as_text=True).splitlines()
    assert len(lines) > 1
    variables = [v for v in lines[0].split(",") if not v.endswith("_iri")]
    assert lines[0].split(",") == [column for v in variables
                                   for column in ([v, v + "_iri"] if v in query.resource_variables() else [v])]


def test_the_command_lines_csv_of_an_empty_result_has_the_columns_of_one_with_rows(client):
    from webapp.cli import main

    data = client.application.config["MAILLAGE"]["data_dir"]
    runner = CliRunner()
    headers = []
    for theme in ("prevention", "mental health"):
        result = runner.invoke(main, ["--data", data, "query", "acteurs-par-theme", "--param", f"theme={theme}",
                                     "--format", "csv"])
        assert result.exit_code == 0, result.output
        headers.append(result.stdout.splitlines()[0])
    assert headers == ["actor,actor_iri,actorLabel,subject,subject_iri"] * 2


# 5. Label columns that say something


@pytest.mark.parametrize("lang, name", [("fr", "Subvention de 20\u202f000\xa0€ à DanaeCare"),
                                        ("en", "Grant of €20,000 to DanaeCare")])
def test_the_grants_csv_names_each_grant_as_its_page_does_beside_its_iri(client, lang, name):
    rows = _rows(client.get("/funding.csv", query_string={"year": 2024, "table": "grants", "lang": lang}), ",")
    assert [(row["grant"], row["grant_iri"]) for row in rows if row["grant_iri"] == GRANT] == [(name, GRANT)]
    page = client.get("/id/grant/sem-danaecare-2024", query_string={"lang": lang}).get_data(as_text=True)
    assert name in page


def test_the_memberships_csv_names_each_membership_as_its_page_does_beside_its_iri(client):
    rows = _rows(client.get("/id/actor/danaecare", query_string={"format": "csv", "table": "memberships",
                                                                 "lang": "fr"}), ",")
    assert [(row["membership"], row["membership_iri"]) for row in rows] == [
        ("DanaeCare, membre de PTCE santé Loire (Cercle cœur)", BASE + "membership/danaecare-ptce")]
    page = client.get("/id/membership/danaecare-ptce", query_string={"lang": "fr"}).get_data(as_text=True)
    assert "DanaeCare, membre de PTCE santé Loire (Cercle cœur)" in page
    assert COEUR in [row["circle_iri"] for row in rows]
