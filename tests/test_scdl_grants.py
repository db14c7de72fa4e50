"""The SCDL subventions kind on real files: counts and totals computed independently, errors by line, pitfalls.

The expected totals were computed with a separate script (csv module and Decimal, or calamine's raw floats for
XLSX), not with Maillage's parsers: sum of montant × pourcentageSubvention over the rows kept, each product below
the cent rounded to it half up.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from graph.ingest.base import InputError, SourceContext
from graph.ingest.scdl_grants import detect, extract
from graph.namespaces import MAI, SCHEMA
from graph.resolution_deliberations import canonical_deliberations
from graph.table_checks import collected_issues

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"
NATURE = "https://w3id.org/maillage/ontology/nature/"


def context(name: str, **options) -> SourceContext:
    return SourceContext(FIXTURES / name, (FIXTURES / name).read_bytes(), options=options)


def inline(text: str, name: str = "list.csv", encoding: str = "utf-8", **options) -> SourceContext:
    return SourceContext(Path(name), text.encode(encoding), options=options)


def grant_values(ex, prop):
    return sorted(o for o in ex.graph.objects(None, prop))


@pytest.mark.parametrize("name, rows, grants, total", [
    ("exemple_valide_v2.1.1.csv", 29, 29, Decimal("1693684.86")),  # each share rounded to the cent, half up
    ("DEP_Lot_Subventions_2017_DONNEES.xlsx_pour_exemple.csv", 13, 13, Decimal("878205.00")),
    ("DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv", 41, 41, Decimal("3201952.64")),
    ("DEP_Charente_Maritime_donnees-conventions-subventions.xlsx", 101, 101, Decimal("11109233.26")),
    ("DEP_Vendee_Publication_donnees_Open_data_Subventions_Conventions.xlsx", 4, 4, Decimal("2367625")),
    ("antibes_fixture.csv", 3, 3, Decimal("350000")),
    ("exemple.csv", 2, 2, Decimal("27501.00")),  # one grant whose rows each state their own amount: their sum
    ("SCDL_DILCRAH_2019.csv", 4, 4, Decimal("110000")),
])
def test_valid_files_import_completely_with_their_exact_totals(name, rows, grants, total):
    ex = extract(context(name))
    assert (ex.stats["rows_read"], ex.stats["grants"], ex.stats["rows_rejected"], ex.stats["total_amount"]) == (
        rows, grants, 0, total)
    assert len(set(ex.graph.subjects(RDF.type, MAI.Grant))) == grants


def test_the_valid_example_keeps_the_total_of_shared_grants_before_their_shares():
    ex = extract(context("exemple_valide_v2.1.1.csv"))
    assert ex.stats["total_before_shares"] == Decimal("2821393.50") and ex.stats["shares_applied"] > 0


@pytest.mark.parametrize("lang,said", [
    ("fr", "montant total des parts des bénéficiaires : 2 000 €, subventions réparties (part du bénéficiaire "
           "appliquée, pourcentageSubvention) : 1, total des subventions avant répartition (chacune comptée une "
           "fois) : 3 000 €"),
    ("en", "total of the beneficiaries' shares: €2,000, grants shared out (the beneficiary's share applied, "
           "pourcentageSubvention): 1, total of the grants before the shares (each counted once): €3,000")])
def test_the_summary_says_that_the_beneficiaries_shares_were_applied(lang, said):
    """Two totals side by side, with no word on the shares, read as money lost."""
    from webapp.reports import format_stats

    data = ("nomAttribuant;idAttribuant;nomBeneficiaire;montant;pourcentageSubvention\n"
            "Ville;21060004500392;Club;2000;0,5\nVille;21060004500392;Cercle;1000;\n").encode()
    stats = extract(SourceContext(Path("s.csv"), data)).stats
    assert said in format_stats(stats, lang) and "total annoncé" not in format_stats(stats)


def test_a_list_without_shares_says_its_total_once():
    from webapp.reports import format_stats

    data = "nomAttribuant;idAttribuant;nomBeneficiaire;montant\nVille;21060004500392;Club;1 000,50\n".encode()
    shown = format_stats(extract(SourceContext(Path("s.csv"), data)).stats)
    assert "montant total : 1 000,50 €" in shown and "total annoncé" not in shown and "répartition" not in shown


@pytest.mark.parametrize("name, errors", [
    ("DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv", [(8, "SUB_MONTANT", "NC"), (60, "SUB_MONTANT", ""),
                                                    (91, "SUB_MONTANT", "SEM"), (94, "SUB_MONTANT", "SEM"),
                                                    (95, "SUB_MONTANT", "ODHLM"), (96, "SUB_MONTANT", "SEM"),
                                                    (97, "SUB_MONTANT", "SEM")]),
    ("exemple_invalide_erreurs_cellules_v2.1.1.csv", [(10, "montant", "")]),
    ("SCDL.csv", [(3, "nomAttribuant", "")]),
    ("SCDL_WITH_EXERCICE.csv", [(2, "nomAttribuant", "")]),
])
def test_invalid_rows_are_rejected_by_line_field_and_value_and_the_others_kept(name, errors):
    ex = extract(context(name))
    assert [(i.line, i.field, i.value) for i in ex.errors] == errors
    counted_once = [i for i in ex.issues if i.message.startswith("même subvention que la ligne")]  # Poitiers line 4
    assert ex.stats["grants"] == ex.stats["rows_read"] - len(errors) - len(counted_once)


def test_the_nievre_total_counts_only_the_kept_rows():
    assert extract(context("DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv")).stats["total_amount"] == Decimal("17140715")


def test_rejections_say_why_in_french_and_english():
    issue = extract(context("exemple_invalide_erreurs_cellules_v2.1.1.csv")).errors[0]
    assert (issue.message, issue.message_en) == ("ligne de « Stade poitevin hockey club » non importée : montant vide",
                                              "row of 'Stade poitevin hockey club' not imported: amount empty")


def test_a_file_without_an_amount_column_cannot_be_read():
    with pytest.raises(InputError, match="colonnes obligatoires absentes : montant"):
        extract(context("SCDL_MANY_MISSING_MANDATORY.csv"))


def test_a_list_without_the_beneficiarys_name_column_is_refused_not_stored_with_nameless_actors():
    with pytest.raises(InputError, match="^colonnes obligatoires absentes : nomBeneficiaire "):
        extract(inline("nomAttribuant;idBeneficiaire;rnaBeneficiaire;montant\nVille;88012345000012;;15000\n"))


def test_a_grants_list_without_funder_columns_is_refused_naming_the_funder_option():
    with pytest.raises(InputError, match='--funder "NOM\\[;SIRET\\]"'):
        extract(inline("nomBeneficiaire;montant;objet\nDanaeCare;20 000;PTCE santé\n"))


def test_a_grants_list_without_funder_columns_is_imported_with_the_funder_option():
    ex = extract(inline("nomBeneficiaire;montant;objet\nDanaeCare;20 000;PTCE santé\n",
                        funder="Saint-Etienne Métropole;24420077000018"))
    funder = URIRef("https://w3id.org/maillage/id/actor/siren-244200770")
    assert (ex.stats["grants"], set(ex.graph.objects(None, SCHEMA.funder))) == (1, {funder})
    assert (funder, RDF.type, MAI.PublicAuthority) in ex.graph


def test_a_share_below_one_gives_the_beneficiary_amount_and_keeps_the_total():
    ex = extract(inline("nomAttribuant;nomBeneficiaire;montant;pourcentageSubvention\nVille;Club;22000.80;0.8\n"))
    grant = URIRef("https://w3id.org/maillage/id/grant/list-csv/club")
    assert [ex.graph.value(grant, p) for p in (SCHEMA.amount, MAI.statedTotal, MAI.shareOf)] == [
        Literal(Decimal("17600.640"), datatype=XSD.decimal), Literal(Decimal("22000.80"), datatype=XSD.decimal),
        Literal(Decimal("0.8"), datatype=XSD.decimal)]


@pytest.mark.parametrize("rows, line, said", [
    ("Ville;;Club;;30000;0,3\n", 2, "font 30 %, et non 100 % : les autres bénéficiaires ne sont pas dans le fichier, "
     "ou la colonne donne un taux de cofinancement ; montant indiqué 30 000 €, montant retenu 9 000 €"),
    ("Ville;;Club;S1;1000;0,5\nVille;;Amicale;S1;1000;0,25\n", 2, "font 75 %, et non 100 % (lignes 2, 3) : les autres"
     " bénéficiaires ne sont pas dans le fichier, ou la colonne donne un taux de cofinancement ; montant indiqué "
     "1 000 €, montant retenu 750 €"),
])
def test_shares_of_a_grant_that_do_not_add_up_to_one_are_applied_with_a_warning(rows, line, said):
    ex = extract(inline("nomAttribuant;idAttribuant;nomBeneficiaire;idSubvention;montant;pourcentageSubvention\n"
                        + rows))
    assert [(i.line, i.field, i.message) for i in ex.issues if i.field == "pourcentageSubvention"] == [
        (line, "pourcentageSubvention", "les parts (pourcentageSubvention) de cette subvention " + said)]


def test_shares_of_a_grant_that_add_up_to_one_say_nothing():
    ex = extract(inline("nomAttribuant;nomBeneficiaire;idSubvention;montant;pourcentageSubvention\n"
                        "Ville;Club;S1;1000;0,6\nVille;Amicale;S1;1000;0,4\n"))
    assert (ex.stats["total_amount"], [i.field for i in ex.issues]) == (Decimal("1000.0"), [])


@pytest.mark.parametrize("second, warned", [
    ("Ville;CP-12;2023-05-22;Équipe mobile;Amicale;50000;0,4", []),  # one grant, as SCDL 2.1.1 writes it
    ("Ville;CP-12;2023-06-30;Équipe mobile;Amicale;50000;0,4", []),  # each co-beneficiary signed on its own day
    ("Ville;CP-13;2023-05-22;Équipe mobile;Amicale;50000;0,4", [2, 3]),  # another decision: two grants
    ("Ville;;;;Amicale;50000;0,4", [2, 3]),  # nothing in common but the funder and the amount
])
def test_rows_of_one_grant_without_idsubvention_are_told_by_what_they_share(second, warned):
    ex = extract(inline("nomAttribuant;referenceDecision;dateConvention;objet;nomBeneficiaire;montant;"
                        "pourcentageSubvention\nVille;CP-12;2023-05-22;Équipe mobile;Club;50000;0,6\n" + second + "\n"))
    assert [i.line for i in ex.issues if i.field == "pourcentageSubvention"] == warned


SHIFT_HEADER = ("nomAttribuant,nomBeneficiaire,objet,montant,nature,datesPeriodeVersement,notificationUE,"
                "pourcentageSubvention\n")


@pytest.mark.parametrize("row, said", [
    ("Ville,Club,Prévention,9800,50,aide en numéraire,2024-05-14,non,\n", "« 9800,50 » ?"),  # a decimal comma
    ("Ville,Club,Journée des aidants, 2024,15000,aide en numéraire,2024-05-14,non,\n", "?"),  # a comma in a text
])
def test_a_row_whose_unquoted_separator_pushed_its_last_empty_cell_out_is_refused_not_read_shifted(row, said):
    ex = extract(inline(SHIFT_HEADER + "Ville,Club,Sport,1500,aide en numéraire,2024-05-14,non,1,\n" + row))
    assert (ex.stats["grants"], grant_values(ex, SCHEMA.amount)) == (1, [Literal(Decimal(1500))])
    assert [(i.level, i.line, i.message.split(" : ")[0], i.message.endswith(f"guillemets{' ' if said == '?' else ', '}"
                                                                             f"{said}) : ligne ignorée"))
            for i in ex.issues] == [("error", 3, "9 cellules pour 8 colonnes", True)]


def test_rows_that_each_end_with_a_separator_are_read_when_their_values_fit_their_columns():
    ex = extract(inline(SHIFT_HEADER + "Ville,Club,Sport,1500,aide en numéraire,2024-05-14,non,1,\n"))
    assert (ex.stats["grants"], ex.issues) == (1, [])


def test_a_grant_row_carries_its_contract_terms():
    ex = extract(context("exemple.csv"))
    grant = URIRef("https://w3id.org/maillage/id/grant/exemple-csv/siren-812231132-2017-06-27-z34507")
    g = ex.graph
    assert [str(g.value(grant, p)) for p in (SCHEMA.currency, MAI.fiscalYear, MAI.conventionDate,
                                             MAI.decisionReference, MAI.paymentPeriod, MAI.rowNumber, MAI.nature)] == [
        "EUR", "2017", "2017-06-27", "Z34507", "2017-12-14/2018-12-14", "2", NATURE + "in-kind"]
    assert str(g.value(grant, MAI.decidedBy)) == "https://w3id.org/maillage/id/deliberation/siren-233500016/z34507"


@pytest.mark.parametrize("nature, conditions, notified, expected", [
    ("aide en numéraire;aide en nature", "échelonné", "oui",
     ["aide en numéraire;aide en nature", "échelonné", True]),
    ("Aide en nature", "unique", "NON", ["aide en nature", "unique", False]),
    ("aide en numéraire", "", "", ["aide en numéraire", None, None]),
])
def test_a_grant_row_keeps_its_forms_of_aid_payment_conditions_and_eu_notification(nature, conditions, notified,
                                                                                    expected):
    ex = extract(inline("nomAttribuant,idAttribuant,nomBeneficiaire,montant,nature,conditionsVersement,"
                        f"notificationUE\nVille,21060004500392,Club,1000,{nature},{conditions},{notified}\n"))
    grant = next(ex.graph.subjects(RDF.type, MAI.Grant))
    values = [ex.graph.value(grant, p) for p in (MAI.aidForms, MAI.paymentConditions, MAI.euNotified)]
    assert [None if v is None else v.toPython() for v in values] == expected
    assert ex.issues == []


def test_an_unreadable_eu_notification_is_ignored_with_a_warning():
    ex = extract(inline("nomAttribuant,idAttribuant,nomBeneficiaire,montant,notificationUE\n"
                        "Ville,21060004500392,Club,1000,peut-être\n"))
    assert (grant_values(ex, MAI.euNotified), [(i.line, i.field, i.value) for i in ex.issues]) == (
        [], [(2, "notificationUE", "peut-être")])


def test_a_decision_is_minted_as_stored_so_that_nothing_is_renamed_unless_its_funder_is():
    graph = extract(context("exemple.csv")).graph
    assert canonical_deliberations(graph) == {}


def test_an_exercice_column_gives_the_fiscal_year():
    ex = extract(context("SCDL_WITH_EXERCICE.csv"))
    assert grant_values(ex, MAI.fiscalYear) == [Literal(2023, datatype=XSD.integer)] * 3


def test_a_budget_section_gives_the_operating_nature():
    ex = extract(context("antibes_fixture.csv"))
    assert grant_values(ex, MAI.nature) == [URIRef(NATURE + "operating")] * 3


def test_identical_rows_are_reported_and_counted_once():
    ex = extract(context("antibes_fixture-errors.csv"))
    duplicates = [i.line for i in ex.issues if i.message.startswith("ligne identique")]
    assert (duplicates, ex.stats["grants"], ex.stats["total_amount"]) == ([5, 9], 6, Decimal("555176.97"))


def test_pitfall_2_the_somme_file_with_a_bom_and_cp1252_bytes_imports():
    assert extract(context("DEP_Somme_TB_20180302_DONNEES_CONVENTIONS.csv")).stats["encoding"] == "utf-8-bom+cp1252"


def test_pitfall_4_mojibake_is_repaired_and_reported_with_the_raw_value():
    ex = extract(context("donneesessentielles2019_publiINTERNET_import_errors.csv"))
    first = next(issue for issue in ex.issues if issue.line != 1)  # line 1 says the import report's columns unread
    assert (first.line, first.field, first.value, first.message) == (
        2, "nomAttribuant", "D‚partement de l'Aude", "texte réparé (encodage) : « Département de l'Aude »")
    assert ex.graph.value(URIRef("https://w3id.org/maillage/id/actor/siren-221100019"),
                          URIRef("http://www.w3.org/2000/01/rdf-schema#label")) == Literal("Département de l'Aude")


def test_pitfall_7_replacement_characters_are_flagged():
    ex = extract(inline("nomAttribuant;nomBeneficiaire;montant\nVille;Caf\ufffd des sports;100\n"))
    assert [(i.line, i.field, i.message) for i in ex.issues] == [
        (2, "nomBeneficiaire", "caractères perdus (U+FFFD), déjà dans le fichier : valeur à vérifier à sa source")]


def test_pitfall_8_a_tab_separated_file_named_csv_is_read():
    ex = extract(inline("nomAttribuant\tnomBeneficiaire\tmontant\nVille\tClub\t1 000,00\n"))
    assert ex.stats["total_amount"] == Decimal("1000.00")


def test_pitfall_10_human_labels_and_scdl1_names_are_mapped():
    assert [extract(context(n)).stats["grants"] for n in
            ("SCDL_DILCRAH_2019.csv", "DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv", "grants_header_row3.ods")] == [
        4, 90, 2]


def test_pitfall_11_cp1252_nbsp_thousands_and_euro_signs_are_read():
    data = "nomAttribuant;nomBeneficiaire;montant\nVille;Club;12\xa0350\xa0000 €\n".encode("cp1252")
    assert extract(SourceContext(Path("l.csv"), data)).stats["total_amount"] == Decimal("12350000")


def test_pitfall_12_percent_shares_are_read_as_ratios_with_a_warning():
    ex = extract(context("exemple_invalide_erreurs_cellules_v2.1.1.csv"))
    percent = [(i.line, i.value) for i in ex.issues if i.message.startswith("pourcentage écrit en %")]
    assert percent == [(2, "100"), (3, "80"), (4, "80")]


def test_pitfall_15_excel_serial_dates_are_read():
    ex = extract(context("donneesessentielles2019_publiINTERNET_import_errors.csv"))
    # 43566, 43599, 43643, 43655 counted from Excel's day 0, 1899-12-30 (43466 is 2019-01-01).
    assert sorted({str(d) for d in ex.graph.objects(None, MAI.conventionDate)}) == [
        "2019-04-11", "2019-05-14", "2019-06-27", "2019-07-09"]


@pytest.mark.parametrize("convention, period, year, said", [
    ("5 mars 2024", "05/03/24", "2024", ["date « 05/03/24 » : année écrite sur deux chiffres, lue 2024"]),
    ("1er mars 2024", "5 mars 2024", "2024", []),
    ("05/03/98", "", None, ["année écrite sur deux chiffres « 05/03/98 » : 1998 ou 2098 ? à écrire en entier : "
                            "ignorée"]),
])
def test_dates_in_words_or_with_a_two_digit_year_are_read_and_give_the_fiscal_year(convention, period, year, said):
    ex = extract(inline("nomAttribuant;nomBeneficiaire;montant;dateConvention;datesPeriodeVersement\n"
                        f"Ville;Club;1500;{convention};{period}\n"))
    assert ([str(y) for y in ex.graph.objects(None, MAI.fiscalYear)], [i.message for i in ex.issues]) == (
        [year] if year else [], said)
    assert [str(d) for d in ex.graph.objects(None, MAI.paymentPeriod)] == (["2024-03-05"] if period else [])


def test_pitfall_16_non_dates_in_periods_are_kept_as_written_with_a_warning():
    ex = extract(context("antibes_fixture-errors.csv"))
    assert [(i.line, i.value) for i in ex.issues if i.field == "datesPeriodeVersement"] == [(3, "Bonjour toto")]


def test_pitfall_18_float_mangled_sirets_are_flagged_and_only_their_whole_siren_is_used_as_identity():
    ex = extract(context("exemple_invalide_erreurs_cellules_v2.1.1.csv"))
    mangled = {i.value: i.message for i in ex.issues if "nombre à virgule" in i.message}
    assert mangled["21860194600000"].endswith("son SIREN 218601946, intact, retenu")
    assert not any(str(o).startswith("2186019460") for o in ex.graph.objects(None, MAI.siret))
    # "Poitiers" with the mangled SIRET and "Ville de Poitiers" with the SIREN alone are one funder.
    funders = set(ex.graph.objects(None, SCHEMA.funder))
    assert funders == {URIRef("https://w3id.org/maillage/id/actor/siren-218601946")}


@pytest.mark.parametrize("raw, kept", [("21860194600000", "218601946"), ("2.18601946E+13", "218601946"),
                                       ("21860190000000", None), ("21860194700000", None)])
def test_pitfall_18_a_mangled_siret_gives_its_siren_only_when_no_digit_of_it_can_have_been_lost(raw, kept):
    ex = extract(inline(f"nomAttribuant;idAttribuant;nomBeneficiaire;montant\nVille;{raw};Club;100\n"))
    funder = ex.graph.value(None, SCHEMA.funder)
    assert (ex.graph.value(funder, MAI.siren), ex.graph.value(funder, MAI.siret)) == (
        Literal(kept) if kept else None, None)


def test_pitfall_18_a_siren_in_a_siret_column_is_kept_as_siren():
    ex = extract(context("DEP_Nievre_CD58_SUBVENTIONS_2016_LISTE.csv"))
    assert set(ex.graph.objects(None, MAI.siren)) >= {Literal("225800010")}


def test_pitfall_19_rna_numbers_with_letters_identify_the_beneficiary():
    ex = extract(inline("nomAttribuant;nomBeneficiaire;rnaBeneficiaire;montant\nVille;Club;W9T1002867;100\n"))
    club = URIRef("https://w3id.org/maillage/id/actor/rna-w9t1002867")
    assert ((club, RDF.type, MAI.Association) in ex.graph, ex.graph.value(club, MAI.rna)) == (
        True, Literal("W9T1002867"))


@pytest.mark.parametrize("name, score", [("exemple_valide_v2.1.1.csv", 100), ("rna_sample_waldec.csv", 0),
                                         ("StockUniteLegale_utf8_sample.csv", 0), ("VilleMTP_MTP_Delibs.csv", 0),
                                         ("le-compte-asso-export-tests.tsv", 0)])
def test_detection_scores_grants_lists_and_nothing_else(name, score):
    assert detect(context(name)) == score


def test_map_columns_keeps_the_names_of_each_table_of_fields_apart():
    from graph.ingest.scdl_headers import DELIBERATION_FIELDS, GRANT_FIELDS, map_columns

    header = ["DELIB_ID", "Montant ", "Objet"]
    other = {"amount": ("Objet",)}
    assert [map_columns(header, fields) for fields in (GRANT_FIELDS, DELIBERATION_FIELDS, other, GRANT_FIELDS)] == [
        {"amount": 1, "purpose": 2}, {"id": 0, "title": 2}, {"amount": 2}, {"amount": 1, "purpose": 2}]


HEADER = "nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;montant\n"
ROWS = "Ville;21060004500392;Club;40261754200012;1500\nVille;21060004500392;Amicale;W691000120;2 500\n"


@pytest.mark.parametrize("totals_row, field, value", [
    ("Ville;21060004500392;Total général;;4 000,00", "nomBeneficiaire", "Total général"),
    (";;TOTAL;;4000", "nomBeneficiaire", "TOTAL"),
    ("TOTAL;;;;4000", "nomAttribuant", "TOTAL"),
    ("Sous-total;;;;4000", "nomAttribuant", "Sous-total"),
])
def test_a_totals_row_is_skipped_with_a_warning_not_made_a_grant(totals_row, field, value):
    ex = extract(inline(HEADER + ROWS + totals_row + "\n"))
    assert (ex.stats["grants"], ex.stats["rows_rejected"], ex.stats["total_amount"]) == (2, 0, Decimal(4000))
    assert [(i.line, i.field, i.value, i.message) for i in ex.issues] == [
        (4, field, value, "ligne de total, pas une subvention : ignorée")]


def test_a_repeated_header_row_is_skipped_with_one_warning_naming_its_line_and_makes_no_actor():
    with collected_issues() as table_issues:
        ex = extract(inline(HEADER + ROWS.splitlines(True)[0] + HEADER + ROWS.splitlines(True)[1]))
    assert (ex.stats["grants"], ex.stats["rows_rejected"], ex.issues) == (2, 0, [])
    assert [(i.level, i.line, i.message) for i in table_issues] == [
        ("warning", 3, "en-tête répété (ligne 3), pas une ligne de données : ignoré")]
    assert sorted(map(str, ex.graph.objects(None, RDFS.label))) == ["Amicale", "Club", "Ville"]


def test_a_row_rejected_for_its_amount_leaves_neither_its_funder_nor_its_beneficiary():
    ex = extract(inline(HEADER + ROWS + "Département;22060001900016;Chorale;;NC\n"))
    assert (ex.stats["grants"], [i.line for i in ex.errors]) == (2, [4])
    assert sorted(map(str, ex.graph.objects(None, RDFS.label))) == ["Amicale", "Club", "Ville"]


def test_a_total_that_is_not_the_sum_of_the_grants_above_is_reported():
    ex = extract(inline(HEADER + ROWS + "Total;;;;4 100\n"))
    assert [i.message for i in ex.issues][1:] == [
        "le total de la ligne (4100) diffère de la somme des subventions retenues au-dessus (4000)"]


def test_subtotals_and_a_grand_total_each_sum_their_own_rows():
    ex = extract(inline(HEADER + ROWS + "Sous-total sport;;;;4000\nVille;21060004500392;Chorale;W691000121;600\n"
                        "Sous-total culture;;;;600\nTotal général;;;;4600\n"))
    assert (ex.stats["grants"], [i.line for i in ex.issues]) == (3, [4, 6, 7])


@pytest.mark.parametrize("name, ids, label, said", [
    ("Centre Addictions (509 988 770 00012)", ";", "Centre Addictions", "SIRET « 509 988 770 00012 »"),
    ("Club sportif - SIREN : 423456789", ";", "Club sportif", "SIREN « 423456789 »"),
    ("Amicale [RNA W691000123]", ";", "Amicale", "RNA « W691000123 »"),
])
def test_an_identifier_written_in_the_beneficiarys_name_is_taken_out_of_it_with_a_warning(name, ids, label, said):
    ex = extract(inline("nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;montant\n"
                        f"Ville;21060004500392;{name};{ids};1500\n"))
    actors = {str(o): s for s, _, o in ex.graph.triples((None, RDFS.label, None))}
    beneficiary = actors[label]
    ids_stored = sorted(str(o) for p in (MAI.siren, MAI.siret, MAI.rna) for o in ex.graph.objects(beneficiary, p))
    assert ids_stored and [(i.line, i.field, i.value, i.message) for i in ex.issues] == [(
        2, "nomBeneficiaire", name, f"{said} écrit dans le nom du bénéficiaire, sans colonne d'identifiant remplie : "
                                    f"retenu comme son identifiant, le nom lu « {label} »")]


@pytest.mark.parametrize("name, ids, unidentified", [
    ("Comité des fêtes (2024)", ";", True), ("Club (509 988 770 00013)", ";", True),  # not one, not a valid one
    ("Centre Addictions (509 988 770 00012)", "50998877000012;", False),  # the column gives it: the name as written
])
def test_a_beneficiarys_name_is_kept_whole_without_a_valid_identifier_in_it_or_with_the_column_filled(
        name, ids, unidentified):
    ex = extract(inline("nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;montant\n"
                        f"Ville;21060004500392;{name};{ids};1500\n"))
    assert (name in {str(o) for o in ex.graph.objects(None, RDFS.label)}, [i.message[:33] for i in ex.issues]) == (
        True, ["1 bénéficiaire sans identifiant ("] if unidentified else [])


def test_beneficiaries_without_an_identifier_are_told_once_with_their_count_and_first_lines():
    """SCDL requires idBeneficiaire or rnaBeneficiaire: the grants are kept, one warning names how many and where.
    A beneficiary with an identifier in a column or in its name, an unnamed one (a natural person) and a rejected
    row are not counted."""
    rows = "".join(f"Ville;21060004500392;Association {n};;;{100 + n}\n" for n in range(7))
    ex = extract(inline("nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;montant\n"
                        + rows + "Ville;21060004500392;Club;40261754200012;;50\nVille;21060004500392;Amicale;;"
                        "W691000120;50\nVille;21060004500392;Centre (509 988 770 00012);;;50\n"
                        "Ville;21060004500392;Personne physique;;;50\nVille;21060004500392;Chorale;;;NC\n"))
    told = [i for i in ex.issues if i.message.startswith("7 bénéficiaires")]
    assert (ex.stats["grants"], [(i.level, i.line, i.field) for i in told]) == (11, [("warning", 2, None)])
    assert told[0].message == (
        "7 bénéficiaires sans identifiant (ni idBeneficiaire ni rnaBeneficiaire, dont le SCDL demande l'un) : "
        "subventions gardées, bénéficiaires rapprochés des autres sources par leur seul nom (lignes 2, 3, 4, 5, 6…)")
    assert len([i for i in ex.issues if "sans identifiant" in i.message]) == 1


def test_a_grants_list_without_identifier_columns_is_not_told_of_each_beneficiary_without_one():
    ex = extract(inline("nomAttribuant;idAttribuant;nomBeneficiaire;montant\nVille;21060004500392;Club;1500\n"))
    assert (ex.stats["grants"], ex.issues) == (1, [])


def test_a_note_line_above_the_total_row_under_the_table_is_no_rejected_row():
    ex = extract(inline("Subventions 2024;;;;\n" + HEADER + ROWS + ";;;;\nSource : direction des finances;;;;\n"
                        "Total;;;;4000\n"))
    assert (ex.stats["grants"], ex.stats["rows_rejected"]) == (2, 0)
    assert [(i.line, i.message) for i in ex.issues] == [(7, "ligne de total, pas une subvention : ignorée")]


def test_a_beneficiary_whose_name_begins_with_total_as_a_word_part_is_a_grant():
    ex = extract(inline(HEADER + "Ville;21060004500392;TotalEnergies;54205118000066;1500\n"))
    assert (ex.stats["grants"], ex.issues) == (1, [])


@pytest.mark.parametrize("amount", ["0", "0,00 €"])
def test_a_zero_amount_is_kept_as_a_grant_with_a_warning_naming_its_line(amount):
    ex = extract(inline(HEADER + ROWS + f"Ville;21060004500392;Chorale;W691000121;{amount}\n"))
    assert ex.stats["grants"] == 3
    assert [(i.line, i.field, i.value, i.message) for i in ex.issues] == [
        (4, "montant", amount, "montant nul : subvention gardée à 0 €, à vérifier")]


@pytest.mark.parametrize("amount", ["1,2E+04", "1.235e+04", "1,2E4 €"])
def test_an_amount_in_scientific_notation_is_rejected_saying_so_and_what_to_write(amount):
    ex = extract(inline(HEADER + ROWS + f"Ville;;Chorale;;{amount}\n"))
    assert (ex.stats["grants"], [(i.line, i.field, i.value, i.message) for i in ex.errors]) == (2, [(
        4, "montant", amount, "ligne de « Chorale » non importée : "
                              f"montant « {amount} » en notation scientifique (celle d'un tableur, qui a pu perdre "
                              "des chiffres) : écrivez-le en entier, sans exposant (12350 ou 12 350,00), la cellule "
                              "au format Nombre ou Texte")])


def test_a_file_none_of_whose_rows_is_kept_is_refused_with_the_first_reasons():
    with pytest.raises(InputError) as caught:
        extract(inline(HEADER + "Ville;;Club;;NC\nVille;;Amicale;;-5\n"))
    assert caught.value.issue.message == ("aucune ligne valide sur 2 : ligne 2 (montant) : ligne de « Club » non "
                                          "importée : montant illisible « NC » ; ligne 3 (montant) : ligne de "
                                          "« Amicale » non importée : montant négatif")


def test_a_grants_list_with_a_header_and_no_row_is_refused():
    with pytest.raises(InputError, match="aucune ligne de données sous l'en-tête"):
        extract(inline(HEADER))


def test_a_new_version_of_a_file_whose_rows_are_all_rejected_leaves_the_stored_grants(oxi_store, tmp_path):
    from graph.ingest.pipeline import ingest_paths

    path = tmp_path / "subventions.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    ingest_paths(oxi_store, [path], lookahead=False)
    path.write_text(HEADER + "Ville;;Club;;NC\n", encoding="utf-8")
    failures = []
    ingest_paths(oxi_store, [path], lookahead=False, on_report=lambda report, error, p: failures.append(error))
    grants = oxi_store.query("PREFIX mai: <https://w3id.org/maillage/ontology#> "
                             "SELECT (COUNT(?g) AS ?n) WHERE { GRAPH ?s { ?g a mai:Grant } }")
    assert (int(next(iter(grants))[0]), [type(e) for e in failures]) == (2, [InputError])


@pytest.mark.parametrize("amounts, total, read_as", [
    (["12.500", "2.500,00", "750", "1.000"], Decimal("16750.00"),
     "séparateur des milliers dans les montants tels que « 12.500 » (lignes 2, 5)"),
    (["12.500", "750", "1.000"], Decimal("14250"),
     "séparateur des milliers dans les montants tels que « 12.500 » (lignes 2, 4)"),
    (["12.500", "22000.80"], Decimal("22013.300"), "marque décimale : « 12.500 » (ligne 2)"),
])
def test_pitfall_11_a_lone_dot_before_three_digits_is_read_as_the_amount_column_says_once(amounts, total, read_as):
    ex = extract(inline(HEADER + "".join(f"Ville;;Club {i};W69100012{i};{a}\n" for i, a in enumerate(amounts))))
    assert (ex.stats["grants"], ex.stats["total_amount"]) == (len(amounts), total)
    assert [(i.line, i.field, i.value) for i in ex.issues] == [(None, "montant", "12.500")]
    assert f"point lu comme {read_as}" in ex.issues[0].message


def test_pitfall_11_a_lone_dot_is_refused_when_the_amount_column_writes_both_conventions():
    ex = extract(inline(HEADER + "Ville;;A;W691000120;1.234\nVille;;B;W691000121;1 234,56\n"
                        "Ville;;C;W691000122;1234.56\n"))
    assert (ex.stats["grants"], [(i.level, i.line) for i in ex.issues]) == (2, [("warning", None), ("error", 2)])
    assert ex.errors[0].message.startswith("ligne de « A » non importée : montant ambigu « 1.234 »")


@pytest.mark.parametrize("written, siren, siret, warned", [
    ("52499120500013.0", "524991205", "52499120500013", False),
    ("402617542.0", "402617542", None, True),
    ("552013500004", "005520135", "00552013500004", True),
    ("0552013500004", "005520135", "00552013500004", True),
    ("5520135", "005520135", None, True),
    ("8.1234567600017E+13", "812345676", "81234567600017", True),
    ("8,1234567600017E+13", "812345676", "81234567600017", True),
])
def test_pitfall_18_identifiers_written_as_numbers_by_a_spreadsheet_are_repaired(written, siren, siret, warned):
    ex = extract(inline(HEADER + f"Ville;;Club;{written};100\n"))
    assert (sorted(map(str, ex.graph.objects(None, MAI.siren))), sorted(map(str, ex.graph.objects(None, MAI.siret))),
            bool(ex.issues)) == ([siren], [siret] if siret else [], warned)


def test_pitfall_18_a_siret_written_as_a_float_with_all_its_digits_is_read_whole_with_a_warning():
    ex = extract(inline(HEADER + "Ville;;Club;8.1234567600017E+13;100\n"))
    assert [(i.line, i.field, i.message) for i in ex.issues] == [
        (2, "idBeneficiaire", "SIRET écrit comme un nombre (passage par un tableur), ses 14 chiffres entiers : lu "
                              "81234567600017")]


def test_pitfall_18_a_siret_whose_lost_zeros_are_restored_is_reported():
    ex = extract(inline(HEADER + "Ville;;Club;552013500004;100\n"))
    assert [(i.line, i.field, i.value, i.message) for i in ex.issues] == [
        (2, "idBeneficiaire", "552013500004", "zéros de tête perdus (passage par un tableur) : lu 00552013500004")]


RNA_HEADER = "nomAttribuant;nomBeneficiaire;idBeneficiaire;rnaBeneficiaire;montant\n"


@pytest.mark.parametrize("row", ["Ville;Rallye;W322216459;;800", "Ville;Rallye;w322 216 459;;800",
                                 "Ville;Rallye;W322216459;W322216459;800"])
def test_pitfall_19_an_rna_number_in_the_siret_column_identifies_the_association(row):
    ex = extract(inline(RNA_HEADER + row + "\n"))
    rally = URIRef("https://w3id.org/maillage/id/actor/rna-w322216459")
    assert ((rally, RDF.type, MAI.Association) in ex.graph, ex.graph.value(rally, MAI.rna), ex.issues) == (
        True, Literal("W322216459"), [])


def test_pitfall_19_two_different_rna_numbers_keep_the_rna_columns_with_a_warning():
    ex = extract(inline(RNA_HEADER + "Ville;Rallye;W322216459;W061000101;800\n"))
    assert ([str(o) for o in ex.graph.objects(None, MAI.rna)], [(i.field, i.value) for i in ex.issues]) == (
        ["W061000101"], [("idBeneficiaire", "W322216459")])


def test_pitfall_19_a_siret_in_the_rna_column_is_kept_as_a_siret_with_a_warning():
    ex = extract(inline(RNA_HEADER + "Ville;Club;;40261754200012;1500\n"))
    assert ([str(o) for o in ex.graph.objects(None, MAI.siret)], [i.message for i in ex.issues]) == (
        ["40261754200012"], ["SIRET dans la colonne RNA : retenu comme SIRET"])


def test_pitfall_15_a_convention_date_with_a_time_zone_keeps_its_day():
    ex = extract(inline("nomAttribuant;nomBeneficiaire;montant;dateConvention\n"
                        "Ville;Club;100;2024-03-01T00:00:00+01:00\n"))
    assert (grant_values(ex, MAI.conventionDate), ex.issues) == ([Literal("2024-03-01", datatype=XSD.date)], [])


def test_co_beneficiaries_sharing_an_idsubvention_are_each_a_grant_of_their_own():
    ex = extract(inline("idSubvention;nomAttribuant;nomBeneficiaire;idBeneficiaire;montant;pourcentageSubvention\n"
                        "SUB-1;Ville;Club;40261754200012;10000;0.6\nSUB-1;Ville;Fontonne;37939422400016;10000;0.4\n"
                        "SUB-2;Ville;Juan;41052058900020;500;1\n"))
    grant = "https://w3id.org/maillage/id/grant/list-csv/"
    amounts = {str(g): ex.graph.value(g, SCHEMA.amount).value for g in ex.graph.subjects(RDF.type, MAI.Grant)}
    assert amounts == {grant + "sub-1/siren-402617542": Decimal("6000.0"),
                       grant + "sub-1/siren-379394224": Decimal("4000.0"), grant + "sub-2": Decimal(500)}
    assert [(i.line, i.field, i.value) for i in ex.issues] == []  # SCDL writes its idSubvention on each row


def test_rows_sharing_an_idsubvention_and_a_beneficiary_are_told_apart_by_their_line():
    ex = extract(inline("idSubvention;nomAttribuant;nomBeneficiaire;montant\nS1;Ville;Club;100\nS1;Ville;Club;200\n"))
    grant = "https://w3id.org/maillage/id/grant/list-csv/s1/"
    assert sorted(map(str, ex.graph.subjects(RDF.type, MAI.Grant))) == [grant + "3", grant + "club"]


def test_an_amount_with_float_noise_is_stored_to_the_cent():
    ex = extract(inline(HEADER + "Ville;;Club;;1100.0000000000002\nVille;;Amicale;;0.30000000000000004\n"))
    assert grant_values(ex, SCHEMA.amount) == [Literal(Decimal(v), datatype=XSD.decimal) for v in ("0.30", "1100.00")]


@pytest.mark.parametrize("header, first, second", [
    ("nomAttribuant;nomBeneficiaire;montant;montant", "« montant » (3)", "« montant » (4)"),
    ("nomAttribuant;nomBeneficiaire;Montant voté;Montant attribué", "« Montant voté » (3)",
     "« Montant attribué » (4)"),
])
def test_two_columns_of_one_field_are_reported_and_the_first_is_read(header, first, second):
    ex = extract(inline(header + "\nVille;Club;100;200\n"))
    assert (ex.stats["total_amount"], [(i.line, i.message) for i in ex.issues]) == (Decimal(100), [
        (1, f"colonnes {first} et {second} lues comme un même champ : la première est lue, la seconde ignorée")])


def test_a_grant_keeps_its_id_subvention_as_its_identifier():
    ex = extract(inline("nomAttribuant;idAttribuant;idSubvention;nomBeneficiaire;montant\n"
                        "Ville;21060004500392;SUB-2024-017;Club;100\nVille;21060004500392;;Club B;200\n"))
    assert sorted(map(str, ex.graph.objects(None, DCTERMS.identifier))) == ["SUB-2024-017"]


_TWICE_HEAD = "nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;montant\n"
_TWICE_ROW = "Ville d'Antibes;21060004500012;2022-09-30;N° 2706-22;Club;37939422400016;125000\n"
_OTHER_ROW = "Ville d'Antibes;21060004500012;2022-09-30;N° 2706-22;Club;37939422400016;9000\n"


def _ingest_lists(store, tmp_path: Path, *contents: str):
    from graph.ingest.pipeline import ingest_paths

    paths = []
    for number, content in enumerate(contents, 1):
        (path := tmp_path / f"liste{number}.csv").write_text(_TWICE_HEAD + content, encoding="utf-8")
        paths.append(path)
    return [report for path in paths for report in ingest_paths(store, [path])]


def _twice_warnings(report) -> list[tuple[int | None, str, str]]:
    return [(i.line, i.message, i.message_en) for i in report.issues if "publiée" in i.message]


def test_a_grant_that_another_list_publishes_is_warned_naming_that_list_and_row(any_store, tmp_path):
    first, second = _ingest_lists(any_store, tmp_path, _OTHER_ROW + _TWICE_ROW, _TWICE_ROW)
    assert (_twice_warnings(first), _twice_warnings(second)) == ([], [(
        2, "subvention déjà publiée par « liste1.csv » (ligne 3) : elle sera comptée deux fois dans les totaux",
        "grant already published by 'liste1.csv' (line 3): it will be counted twice in the totals")])


@pytest.mark.parametrize("second, warned", [
    (_TWICE_ROW.replace("125000", "125 000,00"), True),  # the same amount, written otherwise
    (_TWICE_ROW.replace("2022-09-30", ""), True),  # one has no convention date
    (_TWICE_ROW.replace("125000", "125001"), False),
    (_TWICE_ROW.replace("2022-09-30", "2022-10-01"), False),
    (_TWICE_ROW.replace("2706-22", "2707-22"), False),
    (_TWICE_ROW.replace("Club;37939422400016", "Amicale;38033590100027"), False),
    (_TWICE_ROW.replace("Ville d'Antibes;21060004500012", "Département;22060001900016"), False),
])
def test_only_a_grant_of_the_same_funder_beneficiary_deliberation_amount_and_date_is_warned(tmp_path, second,
                                                                                            warned):
    from graph.store import open_store

    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        _, report = _ingest_lists(store, tmp_path, _TWICE_ROW, second)
    finally:
        store.close()
    assert bool(_twice_warnings(report)) is warned
