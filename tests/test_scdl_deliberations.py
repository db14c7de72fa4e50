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
    assert ex.stats == {"rows_read": 3, "deliberations": 2, "rows_rejected": 1, "warnings": 2}


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
