"""What a PTCE coordinator's blind test found on the pages and downloads: identifiers of digits that a spreadsheet
turned into numbers in the « pour Excel » CSV, every named query downloaded as ``results.csv``, vocabulary labels
left in French on English pages, and search results that did not say that a member had left the PTCE."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import URIRef
from web_fixture import GOAL, GOAL2, PTCE, SEM, app_on_fixture, client_with

from webapp.page_data import Ref, Table

EX = "https://ex.org/id/"
M57_ACCOUNT = "https://w3id.org/maillage/ontology/m57/65748"
#: A term of Maillage's vocabulary labelled in French only (none is: the test adds it).
FRENCH_ONLY = "https://w3id.org/maillage/ontology/m57/6599"
KIND = "https://w3id.org/maillage/ontology/kind/collectivite"

#: A member of the fixture's PTCE, working on prevention, that left it on 30 June 2025.
FORMER_MEMBER = f"""@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{SEM}> mai:memberCount 53 .
<{EX}mutuelle> a mai:Association ; rdfs:label "Mutuelle de l'Ondaine"@fr ;
    dcterms:subject <https://w3id.org/maillage/ontology/theme/prevention> .
<{EX}mutuelle-ptce> a org:Membership ; org:member <{EX}mutuelle> ; org:organization <{PTCE}> ;
    org:role <https://w3id.org/maillage/ontology/circle/partenaires> ; mai:joinedOn "2024-06-01"^^xsd:date ;
    mai:leftOn "2025-06-30"^^xsd:date .
"""


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app.test_client()


@pytest.fixture(scope="module")
def former(tmp_path_factory):
    with client_with(tmp_path_factory.mktemp("former-member"), FORMER_MEMBER, "former.ttl", indexed=True) as client:
        yield client


def _rows(response) -> list[dict]:
    text = response.get_data(as_text=True).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text), delimiter=";" if "excel=1" in response.request.url else ","))


def _members(client, **args) -> dict:
    """The members list's CSV rows by member's IRI."""
    response = client.get("/queries/partenaires-par-cercle.csv", query_string=args)
    return {row["member_iri"]: row for row in _rows(response)}


def test_the_excel_members_list_writes_a_siren_as_text_and_the_plain_csv_as_digits(client):
    assert _members(client, excel=1)[SEM]["siren"] == '="244200770"'
    assert _members(client)[SEM]["siren"] == "244200770"


def test_the_excel_csv_keeps_every_text_of_digits_as_text_and_leaves_other_cells_as_they_were(client):
    from webapp.rendering import csv_response

    table = Table("t", [("id", "id"), ("n", "n")], [{"id": "01234567800012", "n": 2024}, {"id": "W423000001", "n": 1.5},
                                                    {"id": "=1+1", "n": None}])
    with client.application.test_request_context("/"):
        text = csv_response(table, excel=True).get_data(as_text=True)
    assert text == '\ufeffid;n\r\n"=""01234567800012""";2024\r\nW423000001;1,5\r\n\'=1+1;\r\n'


@pytest.mark.parametrize("args, name", [({}, "partenaires-par-cercle.csv"),
                                        ({"excel": 1}, "partenaires-par-cercle-excel.csv")])
def test_a_named_querys_download_is_named_after_the_query(client, args, name):
    response = client.get("/queries/partenaires-par-cercle.csv", query_string=args)
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'


def test_the_members_list_in_english_gives_kinds_and_themes_in_english_and_in_french_by_default(client):
    page = client.get("/queries/partenaires-par-cercle", query_string={"run": 1, "lang": "en"}).get_data(as_text=True)
    assert "Local authority" in page and "Prevention" in page
    assert "Collectivité" not in page and "Prévention" not in page
    assert _members(client, lang="en")[SEM]["kind"] == "Local authority"
    assert _members(client, lang="fr")[SEM]["kind"] == "Collectivité"


@pytest.mark.parametrize("lang, said", [("en", "did you mean &#39;Prevention&#39;?"),
                                        ("fr", "vouliez-vous dire «\u00a0Prévention\u00a0» ?")])
def test_an_unknown_theme_suggests_the_theme_by_its_label_in_the_interfaces_language(client, lang, said):
    response = client.get("/search", query_string={"q": "x", "theme": "prevension", "lang": lang})
    assert response.status_code == 400 and said in response.get_data(as_text=True)


@pytest.mark.parametrize("iri, lang, marked", [(FRENCH_ONLY, "en", True), (FRENCH_ONLY, "fr", False),
                                               (M57_ACCOUNT, "en", False), (KIND, "en", False)])
def test_a_vocabulary_term_without_a_label_in_the_pages_language_is_marked_as_french(client, monkeypatch, iri, lang,
                                                                                     marked):
    """No shipped term is labelled in French only since the M57 accounts have English labels: one is added to the
    vocabulary that the pages read, as a later scheme could bring it."""
    from webapp import labels
    from webapp.views import cell

    vocabulary = {**labels._vocabulary(), URIRef(FRENCH_ONLY): {"label": {"fr": "Compte nouveau"}, "comment": {}}}
    monkeypatch.setattr(labels, "_vocabulary", lambda: vocabulary)
    with client.application.test_request_context("/", query_string={"lang": lang}):
        shown = str(cell(Ref(iri, "Autres personnes de droit privé")))
    assert ('lang="fr"' in shown) is marked


@pytest.mark.parametrize("lang, said", [("fr", "a quitté PTCE santé Loire le 30 juin 2025"),
                                        ("en", "left PTCE santé Loire on 30 June 2025")])
def test_a_search_result_says_that_a_member_left_the_pole(former, lang, said):
    results = former.get("/api/search", query_string={"q": "Mutuelle", "lang": lang}).get_json()["results"]
    assert said in next(hit["summary"] for hit in results if hit["iri"] == EX + "mutuelle")


def test_a_theme_search_says_that_a_member_left_the_pole(former):
    page = former.get("/search", query_string={"theme": "prevention", "lang": "fr"}).get_data(as_text=True)
    assert "a quitté PTCE santé Loire le 30 juin 2025" in page


def test_a_search_result_of_a_member_in_office_says_no_exit(former):
    results = former.get("/api/search", query_string={"q": "DanaeCare", "lang": "fr"}).get_json()["results"]
    assert "quitté" not in next(hit["summary"] for hit in results if hit["label"] == "DanaeCare")


def test_the_home_page_counts_the_users_sources_not_maillages_vocabularies(client):
    counts = client.get("/index.json").get_json()["counts"]["rows"]
    sources = next(row["count"] for row in counts if row["kind"]["iri"].endswith("#Source"))
    assert sources == 2  # fixture.ttl and the deliberation it describes


@pytest.mark.parametrize("lang, heading", [("fr", "ses adhésions"), ("en", "its memberships")])
def test_a_members_page_heads_its_memberships_by_a_relation_that_reads_from_the_member(client, lang, heading):
    data = client.get("/id/actor/danaecare.json", query_string={"lang": lang}).get_json()
    assert [group["property"]["label"] for group in data["inverse"]
            if group["property"]["iri"].endswith("org#member")] == [heading]


def test_an_authoritys_member_count_is_named_as_its_member_communes(former):
    page = former.get("/id/actor/saint-etienne-metropole", query_string={"lang": "fr"}).get_data(as_text=True)
    assert "nombre de communes membres" in page and "53" in page


#: A roadmap action that serves the fixture's first goal.
ACTION = f"""@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<{EX}action/cartographie> a mai:RoadmapAction ; dcterms:title "Cartographie des acteurs du territoire" ;
    mai:contributesTo <{GOAL}> .
"""


def test_the_goals_page_lists_each_goals_roadmap_actions(tmp_path):
    with client_with(tmp_path, ACTION, "action.ttl") as client:
        data = client.get("/goals.json").get_json()
        page = client.get("/goals", query_string={"lang": "fr"}).get_data(as_text=True)
    actions = {goal["goal"]["iri"]: goal["actions"] for goal in data["details"]}
    assert actions[GOAL] == [{"iri": EX + "action/cartographie", "label": "Cartographie des acteurs du territoire"}]
    assert actions[GOAL2] == []
    assert "Actions de la feuille de route" in page and "Cartographie des acteurs du territoire" in page
