"""The change note of a source's new version names what changed in values and the resources added and removed (the
blind archivist's test u30: a deliberation's erratum read « aucune ressource ajoutée ni retirée », a grants list's
correction « Acteur −1, Subvention −1 », and a register's renamed goal and corrected SIRET were not told; a
deliberation's date, or its dates of receipt in the prefecture and of publication, corrected neither; its session
redated read « Pouvoir +8 −8 (…), Séance +1 −1 (…) », named by IRIs).

Fixture strategy: each test writes two versions of one file under ``tmp_path`` (the example deliberation and
register, or a small SCDL list written here) and ingests them one after the other into a fresh store (the product's
:func:`graph.ingest.pipeline.ingest_paths`), then reads the last report's info line, the stored ``skos:changeNote``
or the source's page on a fresh app (:func:`tests.web_fixture.fresh_app`).
"""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import SKOS
from web_fixture import ingest_versions

from graph.ingest.base import source_iri
from graph.namespaces import DEFAULT_BASE
from graph.store import open_store
from tests.web_fixture import fresh_app

EXAMPLES = Path(__file__).parent.parent / "examples"
DELIBERATION = (EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt").read_text("utf-8")
REGISTER = (EXAMPLES / "ptce-registre.yaml").read_text("utf-8")
GOAL_3, GOAL_3_RENAMED = ("Accompagnement de porteurs de projet santé en post-incubation",
                          "Incubation et accompagnement de porteurs de projets en santé")
HEADER = "nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,montant\n"


def grants(amounts: list[int]) -> str:
    """A SCDL grants list, one row per amount, to « Asso 0 », « Asso 1 »…"""
    return HEADER + "".join(f"Ville,21000000000000,2024-03-01,Asso {n},,{amount}\n" for n, amount in enumerate(amounts))


def change_lines(report) -> tuple[str, str]:
    """What the last version changed, as its report's info line says it (French, English)."""
    [issue] = [issue for issue in report.issues if issue.message.startswith("ce que change")]
    return issue.message.split(" : ", 1)[1], issue.message_en.split(": ", 1)[1]


def test_a_deliberations_erratum_names_the_amount_it_corrected(tmp_path):
    report = ingest_versions(tmp_path, "d.txt", DELIBERATION, DELIBERATION.replace("20 000 €", "25 000 €"))
    assert change_lines(report) == ("1 valeur changée (DanaeCare : montant 20 000 € → 25 000 €)",
                                    "1 value changed (DanaeCare: amount €20,000 → €25,000)")


def test_a_grants_lists_correction_names_the_grant_removed_and_the_amount_corrected(tmp_path):
    report = ingest_versions(tmp_path, "g.csv", grants([1000, 24740, 10000]), grants([1000, 24470]))
    assert change_lines(report) == (
        "Association −1 (− Asso 2), Subvention −1 (− Asso 2), 1 valeur changée (Asso 1 : montant 24 740 € → 24 470 €)",
        "Association −1 (− Asso 2), Grant −1 (− Asso 2), 1 value changed (Asso 1: amount €24,740 → €24,470)")


def test_a_registers_new_version_names_the_goal_renamed_and_the_siret_corrected(tmp_path):
    corrected = REGISTER.replace(GOAL_3, GOAL_3_RENAMED).replace('"10000000000008"', '"10000000900017"')
    fr, en = change_lines(ingest_versions(tmp_path, "r.yaml", REGISTER, corrected))
    assert fr == ("3 valeurs changées (Coopérative Santé Numérique Furan (fictive) : SIREN 100000000 → 100000009, "
                  "SIRET 10000000000008 → 10000000900017 ; "
                  f"objectif 3 : intitulé « {GOAL_3} » → « {GOAL_3_RENAMED} »)")
    assert en == ("3 values changed (Coopérative Santé Numérique Furan (fictive): SIREN 100000000 → 100000009, "
                  f"SIRET 10000000000008 → 10000000900017; goal 3: title '{GOAL_3}' → '{GOAL_3_RENAMED}')")


def test_the_resources_added_are_named_up_to_five_then_counted(tmp_path):
    report = ingest_versions(tmp_path, "g.csv", grants([1000]), grants([1000] * 8))
    assert change_lines(report)[0] == ("Association +7 (+ Asso 1, Asso 2, Asso 3, Asso 4, Asso 5 et 2 autres), "
                                       "Subvention +7 (+ Asso 1, Asso 2, Asso 3, Asso 4, Asso 5 et 2 autres)")


def test_the_source_page_shows_the_values_changed_as_the_ingest_said_them(tmp_path):
    from webapp.resources import close_resources

    report = ingest_versions(tmp_path, "d.txt", DELIBERATION, DELIBERATION.replace("20 000 €", "25 000 €"))
    source = source_iri(tmp_path / "d.txt", DEFAULT_BASE)
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        notes = {note.language: str(note) for note, in store.query(
            "SELECT ?note WHERE { GRAPH ?g { ?g ?p ?note } }", {"g": URIRef(source), "p": SKOS.changeNote})}
    finally:
        store.close()
    app = fresh_app(tmp_path / "data", tmp_path / "app")
    try:
        pages = [app.test_client().get("/id/" + source[len(DEFAULT_BASE):] + query).get_data(as_text=True)
                 for query in ("", "?lang=en")]
    finally:
        close_resources(app)
    assert (notes["fr"], notes["en"]) == change_lines(report)
    assert ["montant 20 000 € → 25 000 €" in pages[0], "amount €20,000 → €25,000" in pages[1]] == [True, True]


def decided(day: str) -> str:
    """A SCDL grants list of one grant, with a convention date (which its address keeps) and a decision date that no
    deliberation holds (no reference: kept on the grant)."""
    return ("nomAttribuant,idAttribuant,dateConvention,dateDecision,nomBeneficiaire,idBeneficiaire,montant\n"
            f"Ville,21000000000000,2016-04-01,{day},Asso 0,,1000\n")


def test_a_grants_lists_correction_names_the_decision_date_it_changed(tmp_path):
    report = ingest_versions(tmp_path, "g.csv", decided("2016-03-12"), decided("2016-03-14"))
    assert change_lines(report) == ("1 valeur changée (Asso 0 : date de la décision 12 mars 2016 → 14 mars 2016)",
                                    "1 value changed (Asso 0: decision date 12 March 2016 → 14 March 2016)")


TITLE = "PROGRAMME DE COOPÉRATION DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE (PROCESS) - SUBVENTION À DANAECARE"


def test_a_deliberations_new_version_names_the_date_it_corrected_and_its_session_redated_once(tmp_path):
    # the deliberation's IRI is minted from its number, kept; its session's and its 8 proxies' from its date: one
    # session redated, its proxies moved with it (the note read « Pouvoir +8 −8 (…), Séance +1 −1 (…) », by IRIs)
    report = ingest_versions(tmp_path, "d.txt", DELIBERATION, DELIBERATION.replace("16 MAI 2024", "23 MAI 2024"))
    assert change_lines(report) == (
        "1 séance changée de date (Bureau Métropolitain du 16 mai 2024 → 23 mai 2024), "
        f"1 valeur changée ({TITLE} : date 16 mai 2024 → 23 mai 2024)",
        "1 session moved to another date (Bureau Métropolitain session of 16 May 2024 → 23 May 2024), "
        f"1 value changed ({TITLE}: date 16 May 2024 → 23 May 2024)")


def test_a_session_redated_whose_proxy_changed_holder_tells_that_proxy(tmp_path):
    corrected = DELIBERATION.replace("16 MAI 2024", "23 MAI 2024").replace(
        "M. Jérôme GABIAUD donne pouvoir à M. Marc JANDOT", "M. Jérôme GABIAUD donne pouvoir à M. Gilles THIZY")
    fr, en = change_lines(ingest_versions(tmp_path, "d.txt", DELIBERATION, corrected))
    assert fr.startswith("1 séance changée de date (Bureau Métropolitain du 16 mai 2024 → 23 mai 2024), "
                         "Pouvoir +1 −1 (+ Jérôme GABIAUD à Gilles THIZY ; − Jérôme GABIAUD à Marc JANDOT), ")
    assert en.startswith("1 session moved to another date (Bureau Métropolitain session of 16 May 2024 → 23 May 2024), "
                         "Proxy +1 −1 (+ Jérôme GABIAUD to Gilles THIZY; − Jérôme GABIAUD to Marc JANDOT), ")


def test_a_session_of_another_body_is_told_removed_and_added_with_its_proxies(tmp_path):
    # the council's session is not the bureau's redated, though one replaced the other in the text
    council = (DELIBERATION.replace("BUREAU METROPOLITAIN DU 16 MAI 2024", "CONSEIL METROPOLITAIN DU 23 MAI 2024")
               .replace("Le Bureau Métropolitain a été", "Le Conseil Métropolitain a été")
               .replace("Le Bureau de Saint-Etienne", "Le Conseil de Saint-Etienne"))
    assert change_lines(ingest_versions(tmp_path, "d.txt", DELIBERATION, council)) == (
        "Séance +1 −1 (+ Conseil Métropolitain du 23 mai 2024 et ses 8 pouvoirs ; "
        "− Bureau Métropolitain du 16 mai 2024 et ses 8 pouvoirs), "
        f"1 valeur changée ({TITLE} : date 16 mai 2024 → 23 mai 2024)",
        "Session +1 −1 (+ Conseil Métropolitain session of 23 May 2024 and its 8 proxies; "
        "− Bureau Métropolitain session of 16 May 2024 and its 8 proxies), "
        f"1 value changed ({TITLE}: date 16 May 2024 → 23 May 2024)")


def test_a_deliberations_new_version_names_its_receipt_and_publication_dates_corrected(tmp_path):
    corrected = DELIBERATION.replace("Le 28 mai 2024", "Le 29 mai 2024").replace(
        "Date de mise en ligne : 28 mai 2024", "Date de mise en ligne : 30 mai 2024")
    assert change_lines(ingest_versions(tmp_path, "d.txt", DELIBERATION, corrected)) == (
        f"2 valeurs changées ({TITLE} : date de réception en préfecture 28 mai 2024 → 29 mai 2024, "
        "date de publication 28 mai 2024 → 30 mai 2024)",
        f"2 values changed ({TITLE}: prefecture reception date 28 May 2024 → 29 May 2024, "
        "publication date 28 May 2024 → 30 May 2024)")


def test_a_deliberation_ingested_again_unchanged_is_told_no_change(tmp_path):
    report = ingest_versions(tmp_path, "d.txt", DELIBERATION, DELIBERATION)
    assert [issue for issue in report.issues if issue.message.startswith("ce que change")] == []


def test_a_deliberations_new_bytes_that_change_no_date_tell_no_value_changed(tmp_path):
    report = ingest_versions(tmp_path, "d.txt", DELIBERATION, DELIBERATION + "\n\n")
    assert change_lines(report) == ("aucune ressource ajoutée ni retirée", "no resource added or removed")


def referenced(day: str) -> str:
    """A SCDL grants list of one grant decided by deliberation « DEL-2024-01 » on ``day`` (the deliberation holds the
    date)."""
    return ("nomAttribuant,idAttribuant,dateConvention,referenceDecision,dateDecision,nomBeneficiaire,idBeneficiaire,"
            f"montant\nVille,21000000000000,2016-04-01,DEL-2024-01,{day},Asso 0,,1000\n")


def test_a_grants_lists_correction_names_the_date_of_the_deliberation_it_references(tmp_path):
    deliberation = "https://w3id.org/maillage/id/deliberation/ville/del-2024-01"
    report = ingest_versions(tmp_path, "g.csv", referenced("2016-03-12"), referenced("2016-03-14"))
    assert change_lines(report) == (f"1 valeur changée ({deliberation} : date 12 mars 2016 → 14 mars 2016)",
                                    f"1 value changed ({deliberation}: date 12 March 2016 → 14 March 2016)")


SESSION_TURTLE = """@prefix mai: <https://w3id.org/maillage/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://ex.org/seance/1> a mai:Session ; dcterms:date "%s"^^xsd:date .
"""


def test_an_rdf_files_new_version_names_the_date_of_a_session_it_names_otherwise_than_by_its_date(tmp_path):
    report = ingest_versions(tmp_path, "s.ttl", SESSION_TURTLE % "2024-05-16", SESSION_TURTLE % "2024-05-23")
    assert change_lines(report) == ("1 valeur changée (https://ex.org/seance/1 : date 16 mai 2024 → 23 mai 2024)",
                                    "1 value changed (https://ex.org/seance/1: date 16 May 2024 → 23 May 2024)")


def sessions_turtle(*days: str) -> str:
    """An RDF file of a council's sessions on ``days``, their IRIs minted from their dates as our readers mint them."""
    return SESSION_TURTLE.split("<https://ex.org/seance/1>")[0] + "".join(
        f'<https://ex.org/session/cm/{day}> a mai:Session ; dcterms:date "{day}"^^xsd:date ; '
        "mai:body <https://ex.org/cm> .\n" for day in days) + (
        '<https://ex.org/cm> <http://www.w3.org/2000/01/rdf-schema#label> "Conseil Municipal" .\n')


def test_a_session_redated_beside_another_kept_is_told_once(tmp_path):
    report = ingest_versions(tmp_path, "s.ttl", sessions_turtle("2024-05-16", "2024-06-20"),
                             sessions_turtle("2024-05-23", "2024-06-20"))
    assert change_lines(report) == ("1 séance changée de date (Conseil Municipal du 16 mai 2024 → 23 mai 2024)",
                                    "1 session moved to another date (Conseil Municipal session of 16 May 2024 → "
                                    "23 May 2024)")


def test_two_sessions_of_one_body_redated_at_once_are_told_removed_and_added(tmp_path):
    # their dates do not tell which became which
    report = ingest_versions(tmp_path, "s.ttl", sessions_turtle("2024-05-16", "2024-06-20"),
                             sessions_turtle("2024-05-23", "2024-06-27"))
    assert change_lines(report)[0] == (
        "Séance +2 −2 (+ Conseil Municipal du 23 mai 2024, Conseil Municipal du 27 juin 2024 ; "
        "− Conseil Municipal du 16 mai 2024, Conseil Municipal du 20 juin 2024)")
