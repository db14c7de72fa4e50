"""What ``maillage ingest`` tells of a file: one message per problem, at its line; what a new version of a source
changed; every warning when asked (``--verbose``); and the actor that the old address of a renamed one may mean.

Fixture strategy: each test writes the smallest file that shows its behaviour and ingests it into a fresh store
under ``tmp_path`` (:func:`tests.ingesting.ingest_text`), then reads the report's lines as the CLI prints them; the
404 tests use a fresh app on the web tests' fixture graph (:func:`tests.web_fixture.app_on_fixture`).
"""

from __future__ import annotations

import pytest

from graph.ingest.base import Issue
from graph.ingest.pipeline_reports import IngestReport
from webapp.reports import MAX_ISSUES_SHOWN, format_report
from tests.ingesting import ingest_text
from tests.web_fixture import BASE, DANAECARE, app_on_fixture

REGISTER = ("format: maillage-register/1\nptce:\n  nom: P\nmembres:\n"
            "  - {nom: A, type: association, cercle: coeur, date d'entrée: 31/02/2024}\n"
            "  - {nom: B, type: association, cercle: cercle des soutiens, date d'entrée: 2024-02-01}\n")


def test_a_register_s_impossible_date_and_unknown_circle_are_each_told_once_at_their_line(tmp_path):
    _, report, _ = ingest_text(tmp_path, "r.yaml", REGISTER)
    assert format_report(report).split("\n")[2:] == [
        "  r.yaml:5: date d'entrée='31/02/2024': avertissement : membre « A » : date impossible « 31/02/2024 » : "
        "ignorée, le membre est enregistré sans date d'entrée",
        "  r.yaml:6: cercle='cercle des soutiens': avertissement : membre « B » : cercle inconnu « cercle des "
        "soutiens » (connus : coeur, operationnel, partenaires, financeurs) : membre enregistré sans cercle"]


def _report_with_warnings(count: int) -> IngestReport:
    """A stored file's report with ``count`` distinct warnings, one a line."""
    return IngestReport(file="f.csv", kind="scdl-subventions", issues=[
        Issue("warning", f"cellule illisible n° {n}", f"unreadable cell no. {n}", line=n + 1) for n in range(count)])


@pytest.mark.parametrize("lang, cut", [("fr", "  … et 5 de plus (--verbose les montre toutes)"),
                                       ("en", "  … and 5 more (--verbose lists them all)")])
def test_a_report_cut_after_twenty_warnings_says_how_to_see_them_all(lang, cut):
    lines = format_report(_report_with_warnings(25), lang).split("\n")
    assert (len(lines), lines[-1]) == (1 + MAX_ISSUES_SHOWN + 1, cut)


def test_a_verbose_report_lists_every_warning():
    lines = format_report(_report_with_warnings(25), verbose=True).split("\n")
    assert lines[1:] == [f"  f.csv:{n + 1}: avertissement : cellule illisible n° {n}" for n in range(25)]


def test_a_verbose_report_gives_every_line_of_a_warning_repeated_on_many():
    repeated = [Issue("warning", "SIREN retenu", "SIREN kept", n, "idAttribuant", "218601946") for n in range(2, 8)]
    report = IngestReport(file="f.csv", kind="scdl-subventions", issues=repeated)
    assert format_report(report, verbose=True).split("\n")[1:] == [
        "  f.csv:2: idAttribuant='218601946': avertissement : SIREN retenu × 6 (lignes 2, 3, 4, 5, 6, 7)"]


def _changes(report) -> list[str]:
    return [issue.message for issue in report.issues if issue.message.startswith("ce que change")]


def test_a_new_version_of_a_register_says_who_joined_left_and_was_renamed(tmp_path):
    head = "format: maillage-register/1\nptce:\n  nom: P\nmembres:\n"
    ingest_text(tmp_path, "r.yaml", head + "  - {nom: Télésoins SCIC, cercle: coeur, date d'entrée: 2024-04-01}\n"
                                          "  - {nom: Usagers, cercle: coeur, date d'entrée: 2024-05-10}\n")
    _, report, _ = ingest_text(tmp_path, "r.yaml", head + (
        "  - {nom: Télésoins du Forez SCIC, cercle: coeur, date d'entrée: 2024-04-01}\n"
        "  - {nom: Usagers, cercle: coeur, date d'entrée: 2024-05-10, date de sortie: 2025-01-31}\n"
        "  - {nom: Mutuelle, cercle: coeur, date d'entrée: 2025-02-01}\n"))
    assert _changes(report) == [
        "ce que change la nouvelle version de « r.yaml » : 1 membre arrivé (Mutuelle), 1 membre sorti (Usagers le "
        "2025-01-31), 1 membre renommé (« Télésoins SCIC » → « Télésoins du Forez SCIC »)"]


@pytest.mark.parametrize("before, after, fr, en", [
    ("cercle: coeur, date d'entrée: 2024-05-10", "cercle: operationnel, date d'entrée: 2024-05-10",
     "1 membre changé de cercle (Usagers : cercle cœur → cercle opérationnel)",
     "1 member moved to another circle (Usagers: core circle → operational circle)"),
    ("cercle: coeur, date d'entrée: 2024-05-10", "cercle: coeur, date d'entrée: 2024-06-01",
     "1 membre aux dates changées (Usagers : entrée 2024-05-10 → 2024-06-01)",
     "1 member's dates changed (Usagers: joined 2024-05-10 → 2024-06-01)"),
    ("cercle: coeur, date d'entrée: 2024-05-10, date de sortie: 2025-01-31",
     "cercle: coeur, date d'entrée: 2024-05-10, date de sortie: 2025-03-31",
     "1 membre aux dates changées (Usagers : sortie 2025-01-31 → 2025-03-31)",
     "1 member's dates changed (Usagers: left 2025-01-31 → 2025-03-31)"),
    ("cercle: coeur, date d'entrée: 2024-05-10, date de sortie: 2025-01-31", "cercle: coeur, date d'entrée: 2024-05-10",
     "1 membre aux dates changées (Usagers : sortie 2025-01-31 → aucune)",
     "1 member's dates changed (Usagers: left 2025-01-31 → none)"),
    ("cercle: coeur, date d'entrée: 2024-05-10, date de sortie: 2025-01-31",
     "cercle: coeur, date d'entrée: 2024-06-01, date de sortie: 2025-03-31",
     "1 membre aux dates changées (Usagers : entrée 2024-05-10 → 2024-06-01, sortie 2025-01-31 → 2025-03-31)",
     "1 member's dates changed (Usagers: joined 2024-05-10 → 2024-06-01, left 2025-01-31 → 2025-03-31)")])
def test_a_new_version_of_a_register_says_whose_circle_or_dates_changed(tmp_path, before, after, fr, en):
    head = "format: maillage-register/1\nptce:\n  nom: P\nmembres:\n"
    ingest_text(tmp_path, "r.yaml", head + f"  - {{nom: Usagers, {before}}}\n")
    _, report, _ = ingest_text(tmp_path, "r.yaml", head + f"  - {{nom: Usagers, {after}}}\n")
    [said] = [issue for issue in report.issues if issue.message.startswith("ce que change")]
    assert (said.message, said.message_en) == (f"ce que change la nouvelle version de « r.yaml » : {fr}",
                                               f"what the new version of 'r.yaml' changes: {en}")


TURTLE = ('@prefix mai: <https://w3id.org/maillage/ontology#> .\n@prefix rdfs: '
          '<http://www.w3.org/2000/01/rdf-schema#> .\n')


def test_a_new_version_of_another_source_counts_the_resources_added_and_removed_by_class(tmp_path):
    ingest_text(tmp_path, "g.ttl", TURTLE + '<https://ex.org/g1> a mai:Grant ; rdfs:label "G1" .\n')
    _, report, _ = ingest_text(tmp_path, "g.ttl", TURTLE + (
        '<https://ex.org/g2> a mai:Grant ; rdfs:label "G2" .\n<https://ex.org/g3> a mai:Grant ; rdfs:label "G3" .\n'
        '<https://ex.org/a> a mai:Association ; rdfs:label "A" .\n'))
    assert _changes(report) == ["ce que change la nouvelle version de « g.ttl » : Association +1 (+ A), "
                                "Subvention +2 −1 (+ G2, G3 ; − G1)"]


def test_the_404_of_an_actor_s_address_suggests_the_actor_of_the_closest_key_or_name(tmp_path):
    """A member renamed by its register has a new address: the old one's 404 says which actor it may have meant."""
    with app_on_fixture(tmp_path) as app:
        client = app.test_client()
        page = client.get("/id/actor/danaecar", headers={"Accept": "text/html"})
        error = client.get("/id/actor/danaecar.json").get_json()["error"]
    assert page.status_code == 404
    text = page.get_data(as_text=True)
    assert 'Vouliez-vous dire <a href="/id/actor/danaecare">DanaeCare</a> ?' in text and "« DanaeCare »" not in text
    assert error["message"] == (f"aucune donnée sur <{BASE}actor/danaecar> ; vouliez-vous dire « DanaeCare » "
                                f"<{DANAECARE}> ?")


def test_the_404_of_an_address_like_no_actor_suggests_nothing(tmp_path):
    with app_on_fixture(tmp_path) as app:
        error = app.test_client().get("/id/actor/zzzz-qqqq.json").get_json()["error"]
    assert error["message"] == f"aucune donnée sur <{BASE}actor/zzzz-qqqq>"
