"""The SCDL délibérations kind: the official layout, Montpellier's list, and the --funder fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from graph.ingest.base import InputError, SourceContext
from graph.ingest.scdl_deliberations import detect, extract
from graph.namespaces import MAI

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"
SCDL = ("COLL_NOM;COLL_SIRET;DELIB_ID;DELIB_DATE;DELIB_MATIERE_CODE;DELIB_MATIERE_NOM;DELIB_OBJET;BUDGET_ANNEE;"
        "BUDGET_NOM;PREF_ID;PREF_DATE;VOTE_EFFECTIF;VOTE_REEL;VOTE_POUR;VOTE_CONTRE;VOTE_ABSTENTION;DELIB_URL\n"
        "Saint-Etienne Métropole;24420077000018;2024.00240;2024-05-16;7.5;finances locales/subventions;"
        "Subvention à DanaeCare;;;PREF042;2024-05-21;20;18;16;1;1;https://ex.org/d.pdf\n"
        "Saint-Etienne Métropole;24420077000018;2024.00241;2024-05-16;7.5;finances locales/subventions;"
        "Autre;;;PREF042;2024-05-10;20;18;16;1;0;\n"
        "Saint-Etienne Métropole;24420077000018;;2024-05-16;7.5;x;Sans numéro;;;;;;;;;;\n")
DELIB = URIRef("https://w3id.org/maillage/id/deliberation/siren-244200770/2024-00240")


def scdl() -> SourceContext:
    return SourceContext(Path("delibs.csv"), SCDL.encode())


def test_an_scdl_row_becomes_a_deliberation_with_its_contract_terms():
    g = extract(scdl()).graph
    assert [str(g.value(DELIB, p)) for p in (DCTERMS.identifier, DCTERMS.date, DCTERMS.title, DCTERMS.subject,
                                             MAI.receivedByPrefecture, MAI.votesFor, MAI.votesAgainst,
                                             MAI.abstentions, MAI.authority)] == [
        "2024.00240", "2024-05-16", "Subvention à DanaeCare", "7.5 finances locales/subventions", "2024-05-21",
        "16", "1", "1", "https://w3id.org/maillage/id/actor/siren-244200770"]
    assert g.value(DELIB, MAI.votesFor) == Literal(16, datatype=XSD.integer)


def test_the_deliberation_iri_is_the_one_a_grant_reference_points_to():
    from graph.ingest.scdl_grants import extract as extract_grants

    grants = extract_grants(SourceContext(Path("g.csv"), (
        "nomAttribuant;idAttribuant;referenceDecision;nomBeneficiaire;montant\n"
        "Saint-Etienne Métropole;24420077000018;2024.00240;DanaeCare;20000\n").encode()))
    assert set(grants.graph.objects(None, MAI.decidedBy)) == {DELIB}


def test_incoherent_votes_and_dates_are_warned_and_rows_without_id_rejected():
    ex = extract(scdl())
    assert [(i.level, i.line, i.field) for i in ex.issues] == [
        ("warning", 3, "PREF_DATE"), ("warning", 3, "VOTE_REEL"), ("error", 4, "DELIB_ID")]
    assert ex.stats == {"rows_read": 3, "deliberations": 2, "rows_rejected": 1, "warnings": 2, "encoding": "utf-8"}


@pytest.mark.parametrize("raw, siret, said", [
    ("2.4420077000018E+13", "24420077000018", "SIRET écrit comme un nombre (passage par un tableur), ses 14 chiffres "
                                              "entiers : lu 24420077000018"),
    ("24420077000019", None, "SIRET invalide (clé de contrôle) : ignoré"),
])
def test_an_authority_siret_is_read_as_in_grants_lists_whole_from_a_float(raw, siret, said):
    ex = extract(SourceContext(Path("delibs.csv"), f"COLL_NOM;COLL_SIRET;DELIB_ID;DELIB_DATE;DELIB_OBJET\n"
                                                   f"Saint-Etienne Métropole;{raw};D1;2024-05-16;Objet\n".encode()))
    authority = ex.graph.value(None, MAI.authority)
    assert (ex.graph.value(authority, MAI.siret), [(i.value, i.message) for i in ex.issues]) == (
        Literal(siret) if siret else None, [(raw, said)])


def test_montpellier_list_needs_the_authority_option():
    ctx = SourceContext(FIXTURES / "VilleMTP_MTP_Delibs.csv", (FIXTURES / "VilleMTP_MTP_Delibs.csv").read_bytes())
    with pytest.raises(InputError, match='--funder "NOM\\[;SIRET\\]"'):
        extract(ctx)


def test_montpellier_list_imports_its_160_deliberations_with_the_authority_option():
    ctx = SourceContext(FIXTURES / "VilleMTP_MTP_Delibs.csv", (FIXTURES / "VilleMTP_MTP_Delibs.csv").read_bytes(),
                        options={"funder": "Ville de Montpellier;213401722"})
    ex = extract(ctx)
    assert (ex.stats["deliberations"], len(set(ex.graph.subjects(RDF.type, MAI.Deliberation)))) == (160, 160)


@pytest.mark.parametrize("name, score", [("VilleMTP_MTP_Delibs.csv", 82), ("exemple_valide_v2.1.1.csv", 0),
                                         ("rna_sample_waldec.csv", 0)])
def test_detection_scores_deliberation_lists_only(name, score):
    assert detect(SourceContext(FIXTURES / name, (FIXTURES / name).read_bytes())) == score


def test_pitfall_15_a_deliberation_date_with_a_time_zone_keeps_its_day():
    data = SCDL.replace("2024.00240;2024-05-16;", "2024.00240;2024-05-16T00:00:00+02:00;")
    g = extract(SourceContext(Path("delibs.csv"), data.encode())).graph
    assert g.value(DELIB, DCTERMS.date) == Literal("2024-05-16", datatype=XSD.date)


def test_two_columns_of_one_field_are_reported_and_the_first_is_read():
    data = "COLL_NOM;DELIB_ID;DELIB_DATE;DELIB_OBJET;Objet\nVille;2024.1;2024-05-16;Subvention;Autre\n"
    ex = extract(SourceContext(Path("delibs.csv"), data.encode()))
    assert [(i.line, i.field, i.message.split(" : ")[0]) for i in ex.issues] == [
        (1, "Objet", "colonnes « DELIB_OBJET » (4) et « Objet » (5) lues comme un même champ")]
    assert [str(t) for t in ex.graph.objects(None, DCTERMS.title)] == ["Subvention"]


def rows(header: str, *cells: str) -> SourceContext:
    """A deliberations list of the columns ``header`` (after COLL_NOM;COLL_SIRET) and the rows ``cells``."""
    lines = [f"COLL_NOM;COLL_SIRET;{header}"] + [f"Saint-Etienne Métropole;24420077000018;{c}" for c in cells]
    return SourceContext(Path("delibs.csv"), "\n".join(lines + [""]).encode())


def warnings(ex) -> list[tuple[int, str]]:
    return [(i.line, i.message) for i in ex.issues if i.level == "warning"]


@pytest.mark.parametrize("nature, warning", [
    ("Délibération", None), ("DE", None), ("1", None), ("", None), ("Délibérations", None),
    ("Arrêté réglementaire", "acte de nature « Arrêté réglementaire », pas une délibération : ignoré"),
    ("AI", "acte de nature « AI », pas une délibération : ignoré"),
    ("Contrat convention et avenant",
     "acte de nature « Contrat convention et avenant », pas une délibération : ignoré"),
    ("Documents budgétaires et financiers",
     "acte de nature « Documents budgétaires et financiers », pas une délibération : ignoré"),
    ("Bidule", "nature d'acte inconnue « Bidule », pas une délibération : ignoré"),
])
def test_only_acts_of_the_nature_deliberation_become_deliberations(nature, warning):
    ex = extract(rows("DELIB_ID;DELIB_DATE;DELIB_OBJET;NATURE_ACTE", "D1;2024-05-16;Délibération;Délibération",
                      f"X2;2024-05-17;Acte;{nature}"))
    assert len(set(ex.graph.subjects(RDF.type, MAI.Deliberation))) == (2 if warning is None else 1)
    assert warnings(ex) == ([] if warning is None else [(3, warning)])


@pytest.mark.parametrize("code, subject, warning", [
    ("7.5", "7.5 Subventions", None),
    ("7.10", "7.10 Subventions", None),
    ("7.5.1", "7.5 Subventions",
     "code de matière « 7.5.1 » plus fin que le niveau 2 ACTES que le schéma demande : lu 7.5"),
    ("7,5", "7.5 Subventions", "code de matière « 7,5 » lu 7.5"),
    ("9.7", "9.7 Subventions", "code de matière « 9.7 » absent de la nomenclature ACTES (1.1 à 1.7, 2.1 à 2.3 … 9.1 à "
                               "9.4)"),
    ("75", "Subventions", "code de matière « 75 » hors du format ACTES (niveau 2, par exemple 7.5) : ignoré"),
    ("12.1", "Subventions", "code de matière « 12.1 » hors du format ACTES (niveau 2, par exemple 7.5) : ignoré"),
    ("Finances", "Subventions", "code de matière « Finances » hors du format ACTES (niveau 2, par exemple 7.5) : "
                                "ignoré"),
])
def test_a_matiere_code_not_of_the_schemas_form_is_warned_about_and_read_or_dropped(code, subject, warning):
    ex = extract(rows("DELIB_ID;DELIB_DATE;DELIB_MATIERE_CODE;DELIB_MATIERE_NOM", f"D1;2024-05-16;{code};Subventions"))
    assert [str(s) for s in ex.graph.objects(None, DCTERMS.subject)] == [subject]
    assert warnings(ex) == ([] if warning is None else [(2, warning)])


def test_an_identifier_given_again_to_another_row_is_an_error_of_that_row_naming_the_first():
    ex = extract(rows("DELIB_ID;DELIB_DATE;DELIB_OBJET", "2024.00240;2024-05-16;Première",
                      "2024.00240;2024-06-27;Autre délibération même numéro"))
    assert [(i.level, i.line, i.message) for i in ex.issues] == [
        ("error", 3, "identifiant « 2024.00240 » déjà donné ligne 2 à une autre délibération de la collectivité : "
                     "ligne refusée (un numéro par délibération)")]
    assert ([str(t) for t in ex.graph.objects(DELIB, DCTERMS.title)], [str(d) for d in ex.graph.objects(
        DELIB, DCTERMS.date)], ex.stats["deliberations"]) == (["Première"], ["2024-05-16"], 1)


def test_a_row_given_twice_the_same_is_kept_once_with_a_warning():
    ex = extract(rows("DELIB_ID;DELIB_DATE;DELIB_OBJET", "2024.00240;2024-05-16;Première",
                      "2024.00240;2024-05-16;Première"))
    assert (warnings(ex), ex.errors, ex.stats["deliberations"]) == ([(3, "ligne identique à la ligne 2 : ignorée")],
                                                                     [], 1)


@pytest.mark.parametrize("votes, said", [
    ("30;28;26;0;2", []),
    ("20;28;28;0;0", ["VOTE_REEL (28) supérieur à VOTE_EFFECTIF (20)"]),
    ("30;28;35;0;0", ["VOTE_REEL ≠ POUR + CONTRE + ABSTENTION (35)"]),
    ("30;28;30;;0", ["VOTE_POUR (30) supérieur à VOTE_REEL (28)"]),
    ("30;;31;;", ["VOTE_POUR (31) supérieur à VOTE_EFFECTIF (30)"]),
    ("30;28;30;-2;0", ["nombre entier attendu, lu « -2 »", "VOTE_POUR (30) supérieur à VOTE_REEL (28)"]),
])
def test_vote_counts_above_those_entitled_or_those_who_voted_are_warned_about(votes, said):
    ex = extract(rows("DELIB_ID;DELIB_DATE;VOTE_EFFECTIF;VOTE_REEL;VOTE_POUR;VOTE_CONTRE;VOTE_ABSTENTION",
                      f"D1;2024-05-16;{votes}"))
    assert [message for _, message in warnings(ex)] == said
