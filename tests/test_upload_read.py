"""An upload's « Ce qui a été lu »: after a stored upload, the page and the API's answer say what the file was read as
in a coordinator's words — its deliberations, its grants and their beneficiaries, their funders, a register's PTCE
and its members —, each with a link to its page, read from the source's stored graph.

Fixture strategy: a fresh app on a copy of the web fixture's data per test (:func:`web_fixture.app_on_fixture`),
the file uploaded through the form or the API as a coordinator would (a demo file, or a small one written inline).
"""

from __future__ import annotations

import html
import io
from pathlib import Path

import pytest
from web_fixture import app_on_fixture, without_menu_script

TOKEN = "s3cret"
DEMO = Path(__file__).parent.parent / "examples" / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
SCDL = Path(__file__).parent / "fixtures" / "tabular" / "SCDL.csv"
ID = "https://w3id.org/maillage/id/"
DELIBERATION = ID + "deliberation/saint-etienne-metropole/2024-00240"
GRANT = ID + "grant/siren-244200770/2024-00240/danaecare"
REGISTER = ("format: maillage-register/1\nptce:\n  name: PTCE Essai\nmembers:\n"
            "  - {name: Asso A, kind: association, circle: partenaires, joined: 2024-01-01}\n"
            "  - {name: Asso B, kind: association, circle: partenaires, joined: 2024-02-01}\n")
HEADER = "nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;objet;montant\n"
#: Seven grants of one funder, each decided by a deliberation of its own: more than the page names one by one.
SEVEN = HEADER + "".join(f"Ville de Test;21420218600013;2024-03-0{n};2024-0{n};Asso {n};;Objet {n};{n}000\n"
                         for n in range(1, 8))


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path, write_token=TOKEN) as app:
        yield app.test_client()


def post(client, data: bytes, name: str, lang: str = "fr") -> str:
    """The upload form's page after ``data`` is uploaded as ``name``, its entities and no-break spaces plain."""
    response = client.post(f"/upload?lang={lang}", data={"file": (io.BytesIO(data), name), "token": TOKEN})
    assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
    return html.unescape(response.get_data(as_text=True)).replace("\u00a0", " ").replace("\u202f", " ")


def read_part(page: str) -> str:
    """The page's « Ce qui a été lu » list."""
    start = page.index('<ul class="read"')
    return page[start:page.index("</ul>\n  \n", start)]


def api_read(client, data: bytes, name: str, lang: str = "fr") -> list[dict]:
    response = client.post(f"/api/upload?lang={lang}", data={"file": (io.BytesIO(data), name)},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.get_json()
    return [{**item, "label": item["label"].replace("\u00a0", " ").replace("\u202f", " ")}
            for item in response.get_json()["read"]]


def test_the_demo_deliberations_upload_lists_its_deliberation_and_its_grant_with_their_pages(client):
    page = post(client, DEMO.read_bytes(), DEMO.name)
    assert "<h3 id=\"read-heading\">Ce qui a été lu</h3>" in page
    listed = read_part(page)
    assert ('<a href="/id/deliberation/saint-etienne-metropole/2024-00240">Délibération n° 2024.00240 du 16 mai 2024 '
            "— Saint-Etienne Métropole</a>") in listed
    assert '<a href="/id/grant/siren-244200770/2024-00240/danaecare">Subvention de 20 000 € à DanaeCare</a>' in listed
    assert "<script" not in without_menu_script(page)


def test_the_upload_page_says_what_was_read_in_english_too(client):
    listed = read_part(post(client, DEMO.read_bytes(), DEMO.name, lang="en"))
    assert "Deliberation no. 2024.00240 of 16 May 2024 — Saint-Etienne Métropole</a>" in listed
    assert "Grant of €20,000 to DanaeCare</a>" in listed


def test_the_upload_api_answers_what_was_read_each_with_its_iri_kind_and_label(client):
    assert api_read(client, DEMO.read_bytes(), DEMO.name) == [
        {"iri": DELIBERATION, "kind": "deliberation",
         "label": "Délibération n° 2024.00240 du 16 mai 2024 — Saint-Etienne Métropole"},
        {"iri": GRANT, "kind": "grant", "label": "Subvention de 20 000 € à DanaeCare"},
        {"iri": ID + "actor/saint-etienne-metropole", "kind": "funder",
         "label": "Financeur : Saint-Etienne Métropole (1 subvention)"}]


def test_an_scdl_lists_upload_names_its_funder_and_counts_its_grants_with_their_largest_beneficiaries(client):
    listed = read_part(post(client, SCDL.read_bytes(), SCDL.name))
    assert '<a href="/id/actor/test-socle-scdl">Financeur : TEST_SOCLE_SCDL (3 subventions)</a>' in listed
    assert "<li>3 subventions, 60 000 € au total" in listed
    assert '<li><a href="/id/actor/rna-w123456789">ANNO_1 : 45 000 € (1 subvention)</a></li>' in listed


def test_a_long_list_names_its_first_deliberations_and_counts_the_others(client):
    read = api_read(client, SEVEN.encode(), "sept.csv", lang="en")
    assert [item["label"] for item in read if item["kind"].startswith("deliberation")] == [
        "Deliberation no. 2024-01 — Ville de Test", "Deliberation no. 2024-02 — Ville de Test",
        "Deliberation no. 2024-03 — Ville de Test", "Deliberation no. 2024-04 — Ville de Test",
        "Deliberation no. 2024-05 — Ville de Test", "… and 2 more"]
    assert [item["label"] for item in read if item["kind"] in ("grants", "funder")] == [
        "7 grants, €28,000 in all", "Funder: Ville de Test (7 grants)"]


def test_a_registers_upload_names_its_ptce_and_counts_its_members(client):
    assert api_read(client, REGISTER.encode(), "registre.yaml") == [
        {"iri": ID + "actor/ptce-essai", "kind": "ptce", "label": "PTCE Essai : 2 membres"}]


def test_an_unchanged_upload_says_nothing_was_read_anew(client):
    post(client, REGISTER.encode(), "registre.yaml")
    page = post(client, REGISTER.encode(), "registre.yaml")
    assert "inchangé, déjà chargé" in page and "Ce qui a été lu" not in page
