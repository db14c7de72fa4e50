"""The RNA and SIRENE kinds on what a tester's probes found: homonyms of the RNA import layout, W numbers of other
associations, public and social-security categories, withheld names, bad cells, identifiers through a spreadsheet,
commune codes, titles, websites, establishments extracts, repeated SIRENs."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from graph.ingest import detect_kind
from graph.ingest.base import InputError, SourceContext
from graph.ingest.rna import extract as extract_rna
from graph.ingest.sirene import extract as extract_sirene
from graph.namespaces import MAI, SCHEMA

ACTOR = "https://w3id.org/maillage/id/actor/"
IMPORT_HEADER = "id;id_ex;siret;gestion;date_creat;titre;objet;adrs_codeinsee;libcom;observation;position\n"
WALDEC_HEADER = ("id;siret;gestion;date_creat;date_disso;titre;titre_court;objet;adrs_codeinsee;adrs_libcommune;"
                 "siteweb;position\n")
SIRENE_HEADER = ("siren,denominationUniteLegale,categorieJuridiqueUniteLegale,activitePrincipaleUniteLegale,"
                 "economieSocialeSolidaireUniteLegale,dateCreationUniteLegale,etatAdministratifUniteLegale,dateDebut\n")


def rna(text):
    return extract_rna(SourceContext(Path("rna.csv"), text.encode()))


def waldec(**cells):
    """An RNA waldec extract of one association, ``cells`` over an active one's."""
    row = {"id": "W423001270", "siret": "", "gestion": "421P", "date_creat": "2012-03-01",
           "date_disso": "0001-01-01", "titre": "AIDE MALADES LOIRE", "titre_court": "", "objet": "aide",
           "adrs_codeinsee": "42218", "adrs_libcommune": "Saint-Étienne", "siteweb": "", "position": "A", **cells}
    return rna(WALDEC_HEADER + ";".join(row.values()) + "\n")


def sirene(rows, header=SIRENE_HEADER, name="StockUniteLegale.csv"):
    return extract_sirene(SourceContext(Path(name), (header + rows).encode()))


def issues(ex):
    return [(i.level, i.line, i.field, i.message) for i in ex.issues]


# --- RNA: identity --------------------------------------------------------------------------------------------------

def test_import_rows_without_a_w_number_are_known_by_their_old_number_not_merged_by_their_common_name():
    ex = rna(IMPORT_HEADER +
             "031S0031000113;0031000113;;031S;0001-01-01;COMITE DES FETES;fetes;03185;MONTLUCON;;A\n"
             "031S0031000957;0031000957;;031S;1978-05-02;COMITE DES FETES;fetes;03298;VALLON EN SULLY;;A\n"
             "421S0421004567;0421004567;;421S;1965-01-10;COMITE DES FETES;fetes;42091;ESTIVAREILLES;W421004567;R\n")
    committees = sorted(str(s) for s in ex.graph.subjects(RDF.type, MAI.Association))
    assert committees == [ACTOR + "rna-import-031s0031000113", ACTOR + "rna-import-031s0031000957",
                          ACTOR + "rna-w421004567"]
    assert [str(ex.graph.value(URIRef(c), DCTERMS.identifier)) for c in committees] == [
        "031S0031000113", "031S0031000957", "421S0421004567"]
    assert [len(list(ex.graph.objects(URIRef(c), SCHEMA.location))) for c in committees] == [1, 1, 1]
    assert issues(ex) == []


@pytest.mark.parametrize("observation, own", [
    ("W751085568", "W751085568"), ("W691000123 - Dissolution du 3 mars 2010", "W691000123"),
    ("fusion-absorption par W751000777, dissoute le 3 mars 2015", None),
    ("transfert vers W751200002 le 01/02/2012", None),
])
def test_only_a_w_number_that_opens_the_observation_is_the_associations_own(observation, own):
    ex = rna(IMPORT_HEADER + f"751P00100003;00100003;;751P;1992-02-01;ASSOCIATION ABSORBEE;sante;75117;PARIS;"
                             f"{observation};R\n")
    assert [str(o) for o in ex.graph.objects(None, MAI.rna)] == ([own] if own else [])
    told = [(i.line, i.field, i.value) for i in ex.issues if "numéro RNA" in i.message]
    assert told == ([] if own else [(2, "observation", observation)])


# --- RNA: dissolution -----------------------------------------------------------------------------------------------

def test_an_active_association_with_a_dissolution_date_is_a_contradiction_warned_of_without_a_date():
    ex = waldec(date_disso="2019-01-15", position="A")
    assert list(ex.graph.objects(None, SCHEMA.dissolutionDate)) == []
    assert issues(ex) == [("warning", 2, "date_disso", "position A (active) mais date_disso 2019-01-15 : "
                                                       "contradiction, date de dissolution non enregistrée")]
    assert ex.stats["dissolved"] == 0


@pytest.mark.parametrize("position, told", [("D", "association dissoute"), ("S", "association supprimée")])
def test_a_dissolved_association_without_a_date_keeps_its_warning(position, told):
    ex = waldec(position=position)
    assert (issues(ex), ex.stats["dissolved"]) == ([("warning", 2, "position", told)], 1)


# --- RNA: identifiers, places, titles, websites ---------------------------------------------------------------------

@pytest.mark.parametrize("written, siren, siret, told", [
    ("7.3282932000074E+13", "732829320", "73282932000074",
     "SIRET écrit comme un nombre (passage par un tableur), ses 14 chiffres entiers : lu 73282932000074"),
    ("732829320", "732829320", None, "SIREN à 9 chiffres dans une colonne SIRET : SIREN retenu"),
    ("21860194600000.0", "218601946", None, "SIRET abîmé par un passage en nombre à virgule (chiffres perdus) : "
                                            "son SIREN 218601946, intact, retenu"),
    ("73282932000075", None, None, "SIRET invalide (clé de contrôle) : ignoré"),
])
def test_pitfall_18_a_siret_through_a_spreadsheet_is_read_as_the_other_importers_read_it(written, siren, siret, told):
    ex = waldec(siret=written)
    assert [str(o) for o in ex.graph.objects(None, MAI.siren)] == ([siren] if siren else [])
    assert [str(o) for o in ex.graph.objects(None, MAI.siret)] == ([siret] if siret else [])
    assert [(i.line, i.field, i.value, i.message) for i in ex.issues] == [(2, "siret", written, told)]


def test_a_commune_code_that_lost_its_leading_zero_is_restored_with_a_warning():
    ex = waldec(adrs_codeinsee="1053", adrs_libcommune="Bourg-en-Bresse")
    place = URIRef("https://w3id.org/maillage/id/place/01053")
    assert (ex.graph.value(None, SCHEMA.location), str(ex.graph.value(place, MAI.inseeCode))) == (place, "01053")
    assert [(i.field, i.value, i.message) for i in ex.issues] == [
        ("adrs_codeinsee", "1053", "zéro de tête perdu (passage par un tableur) : code INSEE lu 01053")]


@pytest.mark.parametrize("written", ["_", "4205x", "2C004"])
def test_an_unreadable_commune_code_gives_no_place_and_a_warning_with_its_field(written):
    ex = waldec(adrs_codeinsee=written)
    assert list(ex.graph.objects(None, SCHEMA.location)) == []
    assert [(i.line, i.field, i.message.split(" :")[0]) for i in ex.issues] == [
        (2, "adrs_codeinsee", "code INSEE de commune illisible (5 chiffres, 2A ou 2B en Corse)")]


def test_an_association_without_a_title_takes_its_short_title_with_a_warning():
    ex = waldec(titre="", titre_court="AIDE MALADES LOIRE")
    assert str(ex.graph.value(URIRef(ACTOR + "rna-w423001270"), RDFS.label)) == "AIDE MALADES LOIRE"
    assert [(i.level, i.field, i.value, i.message) for i in ex.issues] == [
        ("warning", "titre", "", "association sans titre : titre court « AIDE MALADES LOIRE » retenu")]


def test_an_association_without_a_title_or_a_short_title_is_rejected_showing_the_title_not_the_id():
    ex = waldec(titre="   ", titre_court="")
    assert ex.stats["associations"] == 0
    assert [(i.level, i.field, i.value, i.message) for i in ex.issues] == [
        ("error", "titre", "", "association sans titre")]


@pytest.mark.parametrize("written, stored, told", [
    ("https://www.amis-hopital.fr/contact", "https://www.amis-hopital.fr/contact", []),
    ("www.amis-hopital.fr", "www.amis-hopital.fr", []),
    ("marie.dupont@gmail.com", None,
     [("siteweb", None, "adresse électronique dans siteweb : non enregistrée (donnée personnelle)")]),
    ("voir facebook", None, [("siteweb", "voir facebook", "siteweb qui n'est pas une adresse web "
                                                          "(http(s)://… ou nom de domaine) : ignoré")]),
])
def test_pitfall_30_a_website_is_stored_only_when_it_is_a_web_address(written, stored, told):
    ex = waldec(siteweb=written)
    assert [str(o) for o in ex.graph.objects(None, SCHEMA.url)] == ([stored] if stored else [])
    assert [(i.field, i.value, i.message) for i in ex.issues] == told
    assert "marie.dupont@gmail.com" not in {str(o) for o in ex.graph.objects()}


# --- SIRENE ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("category, cls", [
    ("7171", MAI.PublicAuthority), ("7172", MAI.PublicAuthority), ("7410", MAI.PublicAuthority),
    ("7470", MAI.PublicAuthority), ("8110", MAI.Actor), ("8160", MAI.Actor), ("8210", MAI.Enterprise),
])
def test_state_administrations_public_law_bodies_and_social_security_are_no_enterprises(category, cls):
    ex = sirene(f"402617542,ORGANISME,{category},84.12Z,,,A,\n")
    assert set(ex.graph.objects(URIRef(ACTOR + "siren-402617542"), RDF.type)) == {cls}


@pytest.mark.parametrize("header, row", [
    ("siren,denominationUniteLegale,sigleUniteLegale,categorieJuridiqueUniteLegale\n", "789456126,[ND],[ND],5499\n"),
    ("siren,statutDiffusionUniteLegale,denominationUniteLegale,categorieJuridiqueUniteLegale\n",
     "789456126,N,[ND],5710\n"),
])
def test_a_withheld_denomination_skips_the_unit_as_non_diffusible_with_its_line(header, row):
    ex = sirene(row, header=header)
    assert (ex.stats["actors"], ex.stats["skipped"], len(ex.graph)) == (0, 1, 0)
    assert issues(ex) == [("warning", 2, None, "unité non diffusible (denominationUniteLegale « [ND] ») : non "
                                               "importée (publication restreinte)")]


def test_a_withheld_acronym_is_no_name():
    ex = sirene("402617542,CERCLE DES NAGEURS,[ND],9220\n",
                header="siren,denominationUniteLegale,sigleUniteLegale,categorieJuridiqueUniteLegale\n")
    assert [str(o) for o in ex.graph.objects(URIRef(ACTOR + "siren-402617542"), None) if "[ND]" in str(o)] == []


@pytest.mark.parametrize("ess, created, kept, told", [
    ("X", "1990-05-12", [(MAI.ess, None), (SCHEMA.foundingDate, Literal("1990-05-12", datatype=XSD.date))],
     [(2, "economieSocialeSolidaireUniteLegale", "X")]),
    ("O", "19790101", [(MAI.ess, Literal(True)), (SCHEMA.foundingDate, None)],
     [(2, "dateCreationUniteLegale", "19790101")]),
    ("[ND]", "[ND]", [(MAI.ess, None), (SCHEMA.foundingDate, None)], []),
])
def test_the_ess_flag_and_the_creation_date_are_read_apart_each_warning_naming_its_field(ess, created, kept, told):
    ex = sirene(f"402617542,CERCLE DES NAGEURS,9220,93.12Z,{ess},{created},A,\n")
    unit = URIRef(ACTOR + "siren-402617542")
    assert [(p, ex.graph.value(unit, p)) for p, _ in kept] == kept
    assert [(i.line, i.field, i.value) for i in ex.issues] == told


ESTABLISHMENTS = ("siren,nic,siret,statutDiffusionEtablissement,etablissementSiege,etatAdministratifEtablissement,"
                  "denominationUsuelleEtablissement,activitePrincipaleEtablissement\n"
                  "402617542,00012,40261754200012,O,true,A,,93.12Z\n")


def test_an_establishments_extract_forced_as_sirene_is_refused_naming_the_columns_it_lacks():
    with pytest.raises(InputError) as refused:
        extract_sirene(SourceContext(Path("StockEtablissement.csv"), ESTABLISHMENTS.encode()))
    assert (refused.value.issue.line, refused.value.issue.message) == (1, (
        "extrait des établissements (StockEtablissement), pas un extrait SIRENE des unités légales "
        "(StockUniteLegale) : colonnes absentes : categorieJuridiqueUniteLegale, denominationUniteLegale (en-tête lu "
        "ligne 1 (8 colonnes) : « siren », « nic », « siret », « statutDiffusionEtablissement », « etablissementSiege »"
        ", « etatAdministratifEtablissement », …)"))


@pytest.mark.parametrize("name, data", [
    ("StockEtablissement.csv", ESTABLISHMENTS),
    ("402617542.json", '{"header": {"statut": 200}, "uniteLegale": {"siren": "402617542"}}'),
])
def test_an_establishments_extract_or_an_api_answer_is_not_told_to_try_kind(name, data):
    with pytest.raises(InputError) as refused:
        detect_kind(SourceContext(Path(name), data.encode()))
    assert "--kind" not in refused.value.issue.message
    assert "--kind" not in refused.value.issue.message_en


def test_a_siren_on_two_lines_of_one_file_is_one_actor_and_a_warning_with_both_lines():
    ex = sirene("420000564,ASSOCIATION ALPHA SANTE,9220,94.99Z,,,A,2008-01-01\n"
                "402617542,CERCLE DES NAGEURS,9220,93.12Z,,,A,\n"
                "420000564,ALPHA SANTE PREVENTION,9220,86.90F,O,,A,2023-05-01\n")
    assert ex.stats["actors"] == 2
    assert issues(ex) == [("warning", 4, "siren", (
        "SIREN 420000564 déjà lu ligne 2 : lignes 2 et 4 fusionnées en un acteur (un extrait et sa mise à jour, ou "
        "une ligne par établissement ? gardez-en une par SIREN)"))]


def test_many_repeated_sirens_are_told_in_one_warning_with_their_first_lines():
    ex = sirene("402617542,CERCLE DES NAGEURS,9220,93.12Z,,,A,\n" * 23)
    assert ex.stats["actors"] == 1
    assert [(i.line, i.message.split(" fusionnées")[0]) for i in ex.issues] == [
        (None, "SIREN déjà lu plus haut (ligne de sa première lecture entre parenthèses) : 22 lignes ("
               + ", ".join(f"{line} (2)" for line in range(3, 23)) + "…)")]
