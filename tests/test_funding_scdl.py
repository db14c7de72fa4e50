"""The grants as an SCDL file from the web explorer (webapp.scdl_download): the command line's file, its spreadsheet
variant, one funder's grants, what the file leaves out; and the funding page's chart, written to the cent.

Strategy: the official SCDL example (29 grants of Antibes) and a list whose funder has no SIRET (3 grants, left out)
are ingested once per module into a template data directory; each test builds a fresh app on its own copy.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from web_fixture import fresh_app

from graph.export import export_scdl
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

TABULAR = Path(__file__).parent / "fixtures" / "tabular"
BASE = "https://w3id.org/maillage/id/"
ANTIBES = BASE + "actor/siren-210600045"
NO_SIRET = BASE + "actor/test-socle-scdl"
HTML = {"Accept": "text/html"}
#: What the links to the file say of the grants it leaves out, whose funder has no SIRET (webapp.scdl_download).
NO_SIRET_FR = ("l&#39;attribuant n&#39;a pas de SIRET valide — donnez-le par l&#39;extrait SIRENE de son "
               "établissement, ou par «\u00a0--funder &#34;NOM;SIRET&#34;\u00a0» à l&#39;import de ses subventions")
NO_SIRET_EN = ("the funder has no valid SIRET — give it through the SIRENE extract of its establishment, or through "
               "`--funder &#34;NAME;SIRET&#34;` when ingesting its grants")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("scdl") / "data"
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    try:
        reports = ingest_paths(store, [TABULAR / "exemple_valide_v2.1.1.csv", TABULAR / "SCDL.csv"])
        assert [r.status for r in reports] == ["stored", "stored"]
    finally:
        store.close()
    return data


@pytest.fixture
def client_of(template, tmp_path):
    from webapp.resources import close_resources

    apps = []

    def make(**config):
        app = fresh_app(template, tmp_path / str(len(apps)), **config)
        apps.append(app)
        return app.test_client()

    yield make
    for app in apps:
        close_resources(app)


@pytest.fixture
def client(client_of):
    return client_of()


def _exported(template: Path, tmp_path: Path) -> bytes:
    """What ``maillage export --format scdl`` writes of the template's grants."""
    copy = tmp_path / "cli"
    shutil.copytree(template, copy)
    store = open_store({"store": "oxigraph", "data_dir": str(copy)})
    try:
        out = io.BytesIO()
        export_scdl(store, out)
        return out.getvalue()
    finally:
        store.close()


def test_the_scdl_download_is_the_file_that_the_command_line_exports(client, template, tmp_path):
    response = client.get("/funding/scdl.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data == _exported(template, tmp_path)
    assert response.data.startswith(b"nomAttribuant,idAttribuant,") and b"\r\n" in response.data
    assert response.headers["Content-Disposition"] == 'attachment; filename="subventions-scdl.csv"'
    assert (response.headers["X-Maillage-Written"], response.headers["X-Maillage-Skipped"]) == ("29", "3")


def test_the_excel_variant_has_a_byte_order_mark_semicolons_decimal_commas_and_sirets_kept_as_text(client):
    response = client.get("/funding/scdl.csv?excel=1")
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeffnomAttribuant;idAttribuant;dateConvention;")
    assert response.headers["Content-Disposition"] == 'attachment; filename="subventions-scdl-excel.csv"'
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    gymnastics = next(row for row in rows if row["nomBeneficiaire"] == "OAJLP GYMNASTIQUE")
    assert (gymnastics["idAttribuant"], gymnastics["idBeneficiaire"], gymnastics["montant"],
            gymnastics["pourcentageSubvention"], gymnastics["dateConvention"], gymnastics["nature"]) == (
        '="21060004500392"', '="39094771100011"', "182054,25", "0,6", "2013-07-12", "aide en numéraire")
    assert len(rows) == 29


def test_the_excel_variant_follows_the_language_of_the_page(client):
    text = client.get("/funding/scdl.csv?excel=1&lang=en").get_data(as_text=True)
    assert text.startswith("\ufeffnomAttribuant,idAttribuant,") and ",182054.25," in text


@pytest.mark.parametrize("funder, written, skipped", [(ANTIBES, "29", "0"), (NO_SIRET, "0", "3")])
def test_a_funder_narrows_the_file_to_its_own_grants(client, funder, written, skipped):
    response = client.get("/funding/scdl.csv", query_string={"funder": funder})
    assert (response.headers["X-Maillage-Written"], response.headers["X-Maillage-Skipped"]) == (written, skipped)
    assert response.data.count(b"\r\n") == 1 + int(written)


def test_an_unknown_parameter_is_refused_naming_it(client):
    response = client.get("/funding/scdl.csv?annee=2017")
    assert response.status_code == 400 and "annee" in response.get_json()["error"]["message"]


def test_the_summary_page_says_what_the_file_leaves_out_and_why(client):
    page = client.get("/funding/scdl", headers=HTML).get_data(as_text=True)
    assert f"<strong>29 subventions exportées ; 3 omises : {NO_SIRET_FR}</strong>" in page
    assert "<li>attribuant «\u00a0TEST_SOCLE_SCDL\u00a0» : ni SIREN ni SIRET connu (3 subventions)</li>" in page
    # each cell written with a stand-in named with its grant, as --verbose names them
    assert ('<li class="detail">datesPeriodeVersement remplacée : ' + BASE + "grant/exemple-valide-v2-1-1-csv/"
            "siren-399356401-2016-05-26-conv-n-1589-15 («\u00a02017-03-02/2017-30-05\u00a0»)</li>") in page
    assert '<a href="/funding/scdl.csv?excel=1" download' in page
    body = client.get("/funding/scdl.json").get_json()
    assert (body["written"], body["skipped"], body["counts"]["because"]) == (29, 3, {"funder-siret": 3})


def test_the_summary_page_speaks_english_too(client):
    page = client.get("/funding/scdl?lang=en", headers=HTML).get_data(as_text=True)
    assert f"<strong>29 grants exported; 3 left out: {NO_SIRET_EN}</strong>" in page
    assert "funder &#39;TEST_SOCLE_SCDL&#39;: no SIREN nor SIRET known (3 grants)" in page


def test_the_funding_page_links_the_scdl_file_its_spreadsheet_variant_and_what_it_leaves_out(client):
    page = client.get("/funding", headers=HTML).get_data(as_text=True)
    assert '<a href="/funding/scdl.csv" download' in page
    assert ">Télécharger les subventions au format SCDL (CSV)</a>" in page
    assert '<a href="/funding/scdl.csv?excel=1" download' in page
    assert '<a href="/funding/scdl">ce que le fichier laisse de côté, et pourquoi</a>' in page


def test_the_funding_page_says_beside_the_scdl_link_what_the_file_leaves_out_and_what_to_do(client):
    page = client.get("/funding", headers=HTML).get_data(as_text=True)
    links = page.index('<a href="/funding/scdl">ce que le fichier laisse de côté, et pourquoi</a></p>')
    assert page.index(f'<p class="scdl-note">29 subventions exportées ; 3 omises : {NO_SIRET_FR}</p>') > links
    assert client.get("/funding.json").get_json()["scdl_export"] == {
        "written": 29, "skipped": 3, "note": "29 subventions exportées ; 3 omises : l'attribuant n'a pas de SIRET "
        "valide — donnez-le par l'extrait SIRENE de son établissement, ou par « --funder \"NOM;SIRET\" » à "
        "l'import de ses subventions"}


def test_an_empty_scdl_file_is_said_empty_beside_its_link_with_why(client):
    page = client.get("/funding/scdl", query_string={"funder": NO_SIRET}, headers=HTML).get_data(as_text=True)
    assert f"<strong>0 subvention exportée ; 3 omises : {NO_SIRET_FR}</strong>" in page


def test_a_file_that_leaves_nothing_out_says_only_its_count(client):
    body = client.get("/funding/scdl.json", query_string={"funder": ANTIBES}).get_json()
    assert body["note"] == "29 subventions exportées"


def test_the_funding_page_counts_the_scdl_file_once_per_published_state(client):
    client.get("/funding")
    cache = client.application.extensions["maillage.cache"]
    misses = cache.misses
    client.get("/funding")
    client.get("/funding/scdl")
    assert cache.misses == misses


def test_a_funder_s_page_links_the_scdl_file_of_its_own_grants(client):
    page = client.get("/id/actor/siren-210600045", headers=HTML).get_data(as_text=True)
    assert '<a href="/funding/scdl.csv?funder=https%3A%2F%2Fw3id.org%2Fmaillage%2Fid%2Factor%2Fsiren-210600045"' in page
    assert '<a href="/funding/scdl?funder=https%3A%2F%2Fw3id.org%2Fmaillage%2Fid%2Factor%2Fsiren-210600045">' in page


def test_an_export_past_the_time_limit_is_a_503_that_points_to_the_command_line(client_of):
    response = client_of(query_timeout=0.001).get("/funding/scdl.csv")
    error = response.get_json()["error"]
    assert (response.status_code, error["code"]) == (503, "query-timeout")
    assert "maillage export --format scdl" in error["message"] and "maillage export" in error["message_en"]


def test_the_chart_writes_a_total_with_its_cents_as_the_table_below_it(client):
    page = client.get("/funding", headers=HTML).get_data(as_text=True)
    assert 'class="chart-value chart-value-inside">583\u202f450,13\u00a0€</text>' in page
    assert 'class="chart-value">301\u202f189,33\u00a0€</text>' in page
    assert 'class="chart-value">60\u202f000\u00a0€</text>' in page  # no ",00" where there are no cents
