"""A member's name whose spelling a new version of its register corrected (« Comite de Gestion Rue Pinnel » → « … Rue
Pinel »): counted as a name corrected in the change summary, and its old spelling, still found by search, shown as
« graphie précédente », not « ancien nom »; a real rename keeps « ancien nom » and « membre renommé »
(tests/test_source_renames.py, tests/test_ingest_messages.py).

Fixture strategy: the versions of a small register are ingested one after the other into a fresh store
(tests.test_source_renames.ingest_versions), and a fresh app reads it (client_after).
"""

from __future__ import annotations

from rdflib.namespace import SKOS

from tests.test_source_renames import client_after, ingest_versions, member

TYPO, FIXED = "Comite de Gestion Rue Pinnel", "Comite de Gestion Rue Pinel"
PAGE = "/id/actor/comite-gestion-rue-pinel"


def _changes(report) -> list[tuple[str, str]]:
    return [(issue.message, issue.message_en) for issue in report.issues if issue.message.startswith("ce que change")]


def _old_names(page: dict) -> list[tuple[str, list[str]]]:
    return [(p["property"]["label"], p["values"]) for p in page["properties"]
            if p["property"]["iri"] == str(SKOS.hiddenLabel)]


def test_a_corrected_spelling_is_counted_as_a_name_corrected_not_a_member_renamed(tmp_path):
    report = ingest_versions(tmp_path, member(TYPO), member(FIXED))
    assert _changes(report) == [(
        f"ce que change la nouvelle version de « r.yaml » : 1 nom corrigé (« {TYPO} » → « {FIXED} »)",
        f"what the new version of 'r.yaml' changes: 1 name corrected ('{TYPO}' → '{FIXED}')")]


def test_a_name_whose_accents_only_were_mended_is_a_name_corrected(tmp_path):
    report = ingest_versions(tmp_path, member("Telesoins du Forez"), member("Télésoins du Forez"))
    assert [fr for fr, _ in _changes(report)] == [
        "ce que change la nouvelle version de « r.yaml » : 1 nom corrigé (« Telesoins du Forez » → « Télésoins du "
        "Forez »)"]


def test_the_page_shows_a_corrected_spelling_as_the_earlier_spelling(tmp_path):
    with client_after(tmp_path, member(TYPO), member(FIXED)) as client:
        page = client.get(PAGE + ".json").get_json()
        html = client.get(PAGE, headers={"Accept": "text/html"}).get_data(as_text=True)
        english = client.get(PAGE + ".json?lang=en").get_json()  # the language chosen is kept: asked last
    assert _old_names(page) == [("graphie précédente", [TYPO])]
    assert _old_names(english) == [("earlier spelling", [TYPO])]
    assert "graphie précédente" in html and TYPO in html and "ancien nom" not in html


def test_a_page_says_a_former_name_and_an_earlier_spelling_apart(tmp_path):
    with client_after(tmp_path, member("Comite de Quartier Pinel"), member(TYPO), member(FIXED)) as client:
        page = client.get(PAGE + ".json").get_json()
    assert _old_names(page) == [("graphie précédente", [TYPO]), ("ancien nom", ["Comite de Quartier Pinel"])]
