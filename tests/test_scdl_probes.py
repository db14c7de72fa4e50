"""The SCDL lists as a tester's probes wrote them: placeholders and persons for beneficiaries, English amounts, Paris
open-data and currency headers, identifiers wrapped by spreadsheets, shares below the cent, totals rows in any
column, compact dates, and deliberations lists numbered per session, with votes, or with an amount column.

Each list is inline and fictitious (the tester's files, cut to the rows that show one behaviour).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from graph.ingest import detect_kind
from graph.ingest.base import SourceContext
from graph.ingest.scdl_deliberations import extract as extract_deliberations
from graph.ingest.scdl_grants import detect, extract
from graph.namespaces import MAI, SCHEMA

HEADER = "nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;objet;montant;nature"
FUNDER = "Ville de Lussac;21860194600013"
ACTOR = "https://w3id.org/maillage/id/actor/"
NATURE = "https://w3id.org/maillage/ontology/nature/"
UNANIMOUS = URIRef("https://w3id.org/maillage/ontology/outcome/adopted-unanimously")


def grants(*lines: str, header: str = HEADER, name: str = "list.csv") -> SourceContext:
    return SourceContext(Path(name), "\n".join((header, *lines, "")).encode())


def by_line(ex, prop) -> dict[int, object]:
    """The value of ``prop`` of each grant, by its row's line."""
    return {int(ex.graph.value(g, MAI.rowNumber)): ex.graph.value(g, prop)
            for g in ex.graph.subjects(RDF.type, MAI.Grant)}


def said(ex, level: str = "warning") -> list[tuple[int | None, str | None, str]]:
    return [(i.line, i.field, i.message) for i in ex.issues if i.level == level]


# --- beneficiaries who are natural persons (findings 2 and 4) ---------------------------------------------------

@pytest.mark.parametrize("name", ["PERSONNE PHYSIQUE (anonymisée)", "Personne physique - RGPD", "Particulier n°12",
                                  "Données personnelles non diffusées"])
def test_a_placeholder_with_a_remark_a_dash_or_a_number_is_an_actor_of_its_grant_alone(name):
    ex = extract(grants(f"{FUNDER};{name};;Aide;200;aide en numéraire"))
    beneficiary = next(ex.graph.objects(None, MAI.beneficiary))
    assert str(beneficiary).startswith(ACTOR + "sans-nom/")
    assert said(ex) == [(2, "nomBeneficiaire", "bénéficiaire non nommé : un acteur propre à cette subvention, "
                                               "rapproché d'aucun autre")]


def test_one_placeholder_in_the_lists_of_two_funders_is_two_actors():
    first = extract(grants(f"{FUNDER};PERSONNE PHYSIQUE (anonymisée);;Aide;200;", name="lussac.csv"))
    second = extract(grants("Département du Lot;22460001500511;PERSONNE PHYSIQUE (anonymisée);;Aide;100;",
                            name="lot.csv"))
    assert set(first.graph.objects(None, MAI.beneficiary)).isdisjoint(second.graph.objects(None, MAI.beneficiary))


@pytest.mark.parametrize("name, civility", [("Mme Sophie LEROY", "Mme"), ("M. MARTIN Pierre", "M."),
                                            ("Monsieur Paul LEROY", "Monsieur"), ("Madame LEROY", "Madame"),
                                            ("Mlle Léa LEROY", "Mlle")])
def test_a_beneficiary_named_with_a_civility_is_a_person_whose_name_no_actor_keeps(name, civility):
    ex = extract(grants(f"{FUNDER};{name};;Bourse;5000;aide en numéraire"))
    beneficiary = next(ex.graph.objects(None, MAI.beneficiary))
    assert str(beneficiary).startswith(ACTOR + "sans-nom/")
    assert ex.graph.value(beneficiary, RDFS.label) == Literal("Personne physique")
    assert not [o for _, _, o in ex.graph.triples((None, None, None)) if "LEROY" in str(o) or "MARTIN" in str(o)]
    assert said(ex) == [(2, "nomBeneficiaire", f"bénéficiaire nommé avec une civilité (« {civility} ») : une personne "
                         "physique, dont le nom, donnée personnelle, n'est pas gardé ; un acteur propre à cette "
                         "subvention, libellé « Personne physique », rapproché d'aucun autre")]


# --- amounts (findings 5 and 13) ------------------------------------------------------------------------------

def test_a_comma_that_groups_thousands_in_the_column_reads_25_000_as_twenty_five_thousand():
    funder = FUNDER.replace(";", ",")
    ex = extract(grants(f'{funder},Club A,38047555800058,X,"25,000",', f'{funder},Club B,42901366700028,X,"1,500",',
                        f'{funder},Club C,40772080400019,X,"12,345.67",', header=HEADER.replace(";", ",")))
    assert by_line(ex, SCHEMA.amount) == {2: Literal(Decimal("25000"), datatype=XSD.decimal),
                                          3: Literal(Decimal("1500"), datatype=XSD.decimal),
                                          4: Literal(Decimal("12345.67"), datatype=XSD.decimal)}
    assert said(ex) == [(2, "montant", "virgule lue comme séparateur des milliers dans les montants tels que "
                                       "« 25,000 » (lignes 2, 3) : « 25,000 » vaut 25000 (comme ligne 4 : "
                                       "« 12,345.67 »)")]


def test_a_lone_comma_before_three_digits_that_the_column_does_not_explain_is_a_decimal_comma_to_check():
    ex = extract(grants(f"{FUNDER};Club A;38047555800058;X;1,500;", f"{FUNDER};Club B;42901366700028;X;800;"))
    assert by_line(ex, SCHEMA.amount)[2] == Literal(Decimal("1.500"), datatype=XSD.decimal)
    assert said(ex) == [(2, "montant", "virgule lue comme marque décimale : « 1,500 » (ligne 2) vaut 1.500, mais aucun "
                                       "montant du fichier ne dit si la virgule y sépare les milliers (« 25,000 » pour "
                                       "25 000) : à vérifier")]


def test_a_lone_comma_before_three_digits_in_a_column_of_both_conventions_is_refused():
    ex = extract(grants(f"{FUNDER};Club A;38047555800058;X;1,500;", f"{FUNDER};Club B;42901366700028;X;750,50;",
                        f"{FUNDER};Club C;40772080400019;X;12,345.67;"))
    assert [(line, field) for line, field, _ in said(ex, "error")] == [(2, "montant")]
    assert said(ex, "error")[0][2].startswith("ligne de « Club A » non importée : montant ambigu « 1,500 » : "
                                             "virgule des milliers ou virgule décimale ?")


def test_a_share_below_the_cent_gives_an_amount_rounded_half_up_and_keeps_the_stated_total():
    ex = extract(grants(f"{FUNDER};Club D;40261754200012;X;3333,33;;0.3333",
                        header=HEADER + ";pourcentageSubvention"))
    assert (by_line(ex, SCHEMA.amount)[2], by_line(ex, MAI.statedTotal)[2]) == (
        Literal(Decimal("1111.00"), datatype=XSD.decimal), Literal(Decimal("3333.33"), datatype=XSD.decimal))


# --- headers (findings 6 and 7) -------------------------------------------------------------------------------

def test_paris_open_data_headers_give_the_grant_number_its_year_and_its_section_as_nature():
    ex = extract(grants("2023_01234;2023;Ville de Paris;Les Petits Frères;31075493500008;Isolement;15000;Fonctionnement",
                        "2023_01235;2023;Ville de Paris;MSP Belleville;18750303100002;Locaux;40000;Investissement",
                        "2023_01236;2023;Ville de Paris;Samu social;18750303100002;Maraudes;25000;Projet",
                        header="Numéro de dossier;Année budgétaire;Collectivité;Nom Bénéficiaire;Numéro Siret;"
                               "Objet du dossier;Montant voté;Nature de la subvention"))
    assert said(ex) == []
    assert by_line(ex, DCTERMS.identifier) == {2: Literal("2023_01234"), 3: Literal("2023_01235"),
                                               4: Literal("2023_01236")}
    assert set(by_line(ex, MAI.fiscalYear).values()) == {Literal(2023, datatype=XSD.integer)}
    assert by_line(ex, MAI.nature) == {2: URIRef(NATURE + "operating"), 3: URIRef(NATURE + "investment"),
                                       4: URIRef(NATURE + "project")}


@pytest.mark.parametrize("column", ["Montant en €", "Montant de la subvention (en euros)"])
def test_an_amount_column_named_with_its_currency_is_the_amount(column):
    ctx = grants(f"{FUNDER};Club A;38047555800058;Fonctionnement;1500",
                 header=f"Collectivité;SIRET collectivité;Bénéficiaire;SIRET;Objet;{column}")
    assert detect(ctx) > 0
    assert extract(ctx).stats["total_amount"] == Decimal("1500")


# --- identifiers (finding 12) ---------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, siret, rna, warning", [
    ('="00552013500004"', "00552013500004", None, 'formule texte de tableur (="…") : lu 00552013500004'),
    ("'42901366700028", "42901366700028", None, "apostrophe de tête (cellule forcée en texte) : lu 42901366700028"),
    ("38047555800058 / W861000123", "38047555800058", "W861000123",
     "SIRET et numéro RNA dans une même cellule : lu 38047555800058 et W861000123"),
    ("SIRET : 429 013 667 00028", "42901366700028", None,
     "libellé « SIRET : » avant le numéro : lu 42901366700028"),
])
def test_an_identifier_wrapped_by_a_spreadsheet_or_a_typist_is_read_saying_what_was_taken_off(cell, siret, rna,
                                                                                              warning):
    ex = extract(grants(f"{FUNDER};Club A;{cell};X;1500;"))
    beneficiary = next(ex.graph.objects(None, MAI.beneficiary))
    assert (str(ex.graph.value(beneficiary, MAI.siret)), ex.graph.value(beneficiary, MAI.rna)) == (
        siret, None if rna is None else Literal(rna))
    assert said(ex) == [(2, "idBeneficiaire", warning)]


@pytest.mark.parametrize("cell, warning", [
    ("380 475 558 000 581", "SIRET de 15 chiffres (14 attendus, 9 pour un SIREN) : ignoré"),
    ("38047555800058 bis", "SIRET illisible (des caractères autres que des chiffres) : ignoré"),
    ("38047555800059", "SIRET invalide (clé de contrôle) : ignoré"),
])
def test_an_identifier_refused_says_whether_its_characters_its_length_or_its_check_digit_is_wrong(cell, warning):
    ex = extract(grants(f"{FUNDER};Club A;{cell};X;1500;"))
    assert said(ex)[0] == (2, "idBeneficiaire", warning)


# --- totals rows and dates (findings 14 and 16) ---------------------------------------------------------------

def test_a_row_whose_words_beyond_its_funder_all_say_total_is_a_totals_row():
    ex = extract(grants(f"{FUNDER};Club de foot;38047555800058;Fonctionnement;1000;aide en numéraire",
                        f"{FUNDER};Amicale;42901366700028;Fonctionnement;2000;aide en numéraire",
                        f"{FUNDER};;;TOTAL SPORT;3000;",
                        ";;Montant total des subventions;;;3000;"))
    assert (ex.stats["grants"], ex.errors) == (2, [])
    assert said(ex) == [(4, "objet", "ligne de total, pas une subvention : ignorée"),
                        (5, "nomBeneficiaire", "ligne de total, pas une subvention : ignorée")]


def test_a_date_written_as_eight_figures_year_first_is_read():
    ex = extract(grants(f"{FUNDER};2024-01-01;Club A;38047555800058;X;1000;;20240516;20240601/20241231",
                        header="nomAttribuant;idAttribuant;dateDecision;nomBeneficiaire;idBeneficiaire;objet;montant;"
                               "nature;dateConvention;datesPeriodeVersement"))
    assert (by_line(ex, MAI.conventionDate)[2], str(by_line(ex, MAI.paymentPeriod)[2]), said(ex)) == (
        Literal("2024-05-16", datatype=XSD.date), "2024-06-01/2024-12-31", [])


# --- deliberations lists (findings 10, 11 and 17) -------------------------------------------------------------

DELIBS = "COLL_NOM;COLL_SIRET;DELIB_ID;DELIB_DATE;DELIB_OBJET"
LUSSAC = "Commune de Lussac;21860194600013"


def deliberations(*lines: str, header: str = DELIBS) -> SourceContext:
    return SourceContext(Path("delibs.csv"), "\n".join((header, *lines, "")).encode())


def test_a_number_given_again_at_another_session_identifies_a_deliberation_with_its_date():
    ex = extract_deliberations(deliberations(f"{LUSSAC};1;2024-01-25;Budget primitif", f"{LUSSAC};2;2024-01-25;Aides",
                                             f"{LUSSAC};1;20240328;Compte administratif"))
    assert (ex.errors, ex.stats["deliberations"]) == ([], 3)
    base = "https://w3id.org/maillage/id/deliberation/siren-218601946/"
    assert {str(d): str(ex.graph.value(d, DCTERMS.identifier))
            for d in ex.graph.subjects(RDF.type, MAI.Deliberation)} == {
        base + "1-2024-01-25": "1 (2024-01-25)", base + "2": "2", base + "1-2024-03-28": "1 (2024-03-28)"}
    assert [(line, field) for line, field, _ in said(ex)] == [(2, "DELIB_ID")]


def test_vote_reel_is_the_deliberations_vote_count_and_unanimite_its_outcome():
    ex = extract_deliberations(deliberations(
        f"{LUSSAC};2024.00243;2024-05-16;Vote;118;96;unanimité;;", f"{LUSSAC};2024.00244;2024-05-16;Motion;118;96;95;0;1",
        header=DELIBS + ";VOTE_EFFECTIF;VOTE_REEL;VOTE_POUR;VOTE_CONTRE;VOTE_ABSTENTION"))
    g = ex.graph
    unanimous, motion = (URIRef("https://w3id.org/maillage/id/deliberation/siren-218601946/" + n)
                         for n in ("2024-00243", "2024-00244"))
    assert said(ex) == []
    assert ([g.value(d, MAI.voteCount) for d in (unanimous, motion)], list(g.objects(unanimous, MAI.outcome)),
            g.value(unanimous, MAI.votesFor), g.value(motion, MAI.outcome)) == (
        [Literal(96, datatype=XSD.integer)] * 2, [UNANIMOUS], None, None)


def test_a_deliberations_list_with_an_amount_column_is_read_as_deliberations_saying_the_amount_is_ignored():
    ctx = deliberations(f"{LUSSAC};DEL-2024-015;2024-03-28;Subvention à l'association Les Aidants;1500",
                        header=DELIBS + ";MONTANT")
    assert detect_kind(ctx).name == "scdl-deliberations"
    ex = extract_deliberations(ctx)
    assert ex.stats["deliberations"] == 1 and [(line, field) for line, field, _ in said(ex)] == [(1, "MONTANT")]


# --- a workbook's numbers (finding 9) ---------------------------------------------------------------------------


def test_a_decision_reference_typed_as_a_number_in_a_workbook_is_kept_and_said_to_have_lost_its_zeros():
    from test_register import xlsx

    header = ["nomAttribuant", "idAttribuant", "nomBeneficiaire", "idBeneficiaire", "objet", "montant",
              "referenceDecision"]
    rows = [[*FUNDER.split(";"), name, "", "Aide", 1000, reference] for name, reference in (
        ("Club A", 2024.0024), ("Club B", "2024.00240"), ("Club C", 2024.0031), ("Club D", 2024))]
    ex = extract(SourceContext(Path("liste.xlsx"), xlsx([header, *rows])))
    assert sorted(map(str, by_line(ex, MAI.decisionReference).values())) == ["2024", "2024.0024", "2024.00240",
                                                                               "2024.0031"]
    assert [issue for issue in said(ex) if "nombre" in issue[2]] == [
        (2, "referenceDecision", "référence de décision saisie comme un nombre dans le classeur (« 2024.0024 ») : "
         "gardée telle quelle, mais un nombre perd ses zéros finals (2024.00240 devient 2024.0024) ; vérifiez-la, "
         "et saisissez les références comme du texte (lignes 2, 4)")]


# --- a workbook of a sheet a year -------------------------------------------------------------------------------

def test_a_workbook_whose_other_sheet_has_the_same_header_says_that_sheet_is_not_read():
    """Sheets « 2023 » and « 2024 » of one workbook: the 2024 grants were left out without a word."""
    from test_register import xlsx

    head = HEADER.split(";")
    rows = {year: [head, ["Ville de Lussac", "21860194600013", f"Club {year}", "", "Aide", 500, "aide en numéraire"]]
            for year in ("2023", "2024")}
    from graph.table_checks import collected_issues

    with collected_issues() as issues:  # as the ingest reports a table's issues
        ex = extract(SourceContext(Path("subventions.xlsx"), xlsx(rows["2023"], ("2024", rows["2024"]),
                                                                  ("Notes", [["x"]]))))
    assert len(list(ex.graph.subjects(RDF.type, MAI.Grant))) == 1
    assert [issue.message for issue in issues if "non lue" in issue.message] == [
        "feuille « 2024 » non lue, bien que son en-tête nomme les mêmes colonnes : une feuille est lue par fichier ; "
        "enregistrez chacune dans un fichier à part pour l'importer"]


def test_a_column_of_dates_written_month_first_is_read_so_and_said_once():
    """« 03/15/2024 » and « 12/20/2024 » were refused as impossible, « 04/02/2024 » read as the 4th of February."""
    header = HEADER + ";dateConvention;datesPeriodeVersement"
    ex = extract(grants(*(f"{FUNDER};Club {n};;Aide;100;aide en numéraire;{day};{day}"
                          for n, day in enumerate(("03/15/2024", "04/02/2024", "12/20/2024"))), header=header))
    assert sorted(map(str, by_line(ex, MAI.conventionDate).values())) == ["2024-03-15", "2024-04-02", "2024-12-20"]
    assert sorted(map(str, by_line(ex, MAI.paymentPeriod).values())) == ["2024-03-15", "2024-04-02", "2024-12-20"]
    assert [message for _, field, message in said(ex) if "mois puis jour" in message] == [
        "dates écrites mois puis jour (« 03/15/2024 », ligne 2) : toutes celles de la colonne sont lues ainsi"] * 2
    day_first = extract(grants(f"{FUNDER};Club;;Aide;100;aide en numéraire;04/02/2024;13/02/2024", header=header))
    assert [str(d) for d in by_line(day_first, MAI.conventionDate).values()] == ["2024-02-04"]


def test_a_row_that_gives_its_amount_alone_is_a_sum_not_a_grant_rejected_for_lacking_everything():
    """« ;;;;;300 » below two grants was rejected (funder and beneficiary missing): `--strict` refused the file."""
    ex = extract(grants(f"{FUNDER};Club A;;Aide;100;aide en numéraire", f"{FUNDER};Club B;;Aide;200;aide en numéraire",
                        ";;;;;300;"))
    assert ex.errors == [] and len(list(ex.graph.subjects(RDF.type, MAI.Grant))) == 2
    assert (4, "montant", "ligne de total, pas une subvention : ignorée") in said(ex)
