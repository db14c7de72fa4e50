"""The SCDL grants lists of a reviewer's third probe: rows of one idSubvention stating different amounts (each
beneficiary's own, or one grant stated twice for one beneficiary), SIRET columns named « N° SIRET » or « … (SIRET) »,
dates exported as UTC moments, a printed report saved as CSV (a decision date without a reference, page numbers, a
printing stamp beside the total), and amounts written « € 450 » or « (1 500,00) ».

Each list is inline and fictitious (five of the reviewer's files, cut to the rows that show one behaviour).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, XSD

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI, SCHEMA
from graph.dates import parse_date
from graph.values import parse_amount

SCDL = ("idSubvention,nomAttribuant,idAttribuant,dateConvention,nomBeneficiaire,idBeneficiaire,objet,montant,"
        "pourcentageSubvention")
REGION = "Région Auvergne-Rhône-Alpes,20005372600010"


def grants(*lines: str, header: str = SCDL, **options) -> SourceContext:
    return SourceContext(Path("list.csv"), "\n".join((header, *lines, "")).encode(), options=options)


def by_line(ex, prop) -> dict[int, object]:
    """The value of ``prop`` of each grant, by its row's line."""
    return {int(ex.graph.value(g, MAI.rowNumber)): ex.graph.value(g, prop)
            for g in ex.graph.subjects(RDF.type, MAI.Grant)}


def said(ex, level: str = "warning") -> list[tuple[int | None, str | None, str]]:
    return [(i.line, i.field, i.message) for i in ex.issues if i.level == level]


def decimal(value: str) -> Literal:
    return Literal(Decimal(value), datatype=XSD.decimal)


# --- rows of one idSubvention stating different amounts (items 1 and 2) ------------------------------------------

def test_amounts_that_are_each_their_share_of_their_sum_are_kept_as_each_beneficiarys_own():
    ex = extract(grants(f"SUB-4,{REGION},2024-03-10,Prévention Santé,77556733200017,Projet,30000,0.6",
                        f"SUB-4,{REGION},2024-03-10,ADMR de la Loire,44312345000019,Projet,20000,0.4"))
    assert by_line(ex, SCHEMA.amount) == {2: decimal("30000"), 3: decimal("20000")}
    assert by_line(ex, MAI.statedTotal) == {2: decimal("50000"), 3: decimal("50000")}
    assert by_line(ex, MAI.shareOf) == {2: decimal("0.6"), 3: decimal("0.4")}
    assert (ex.stats["total_amount"], "shares_applied" in ex.stats) == (Decimal(50000), False)
    assert (2, "montant", "les lignes de la subvention « SUB-4 » indiquent des montants différents (30 000 € ligne 2, "
            "20 000 € ligne 3), alors que le SCDL y attend le montant total de la subvention, le même sur chaque "
            "ligne : chacun étant la part (pourcentageSubvention) de sa ligne dans leur somme (50 000 €), il est lu "
            "comme le montant propre de son bénéficiaire") in said(ex)


def test_amounts_that_are_not_their_shares_of_their_sum_are_read_by_the_rule_and_said():
    ex = extract(grants(f"SUB-5,{REGION},2024-03-10,Prévention Santé,77556733200017,Projet,30000,0.5",
                        f"SUB-5,{REGION},2024-03-10,ADMR de la Loire,44312345000019,Projet,10000,0.5"))
    assert by_line(ex, SCHEMA.amount) == {2: decimal("15000.0"), 3: decimal("5000.0")}
    assert (2, "montant", "les lignes de la subvention « SUB-5 » indiquent des montants différents (30 000 € ligne 2, "
            "10 000 € ligne 3), alors que le SCDL y attend le montant total de la subvention, le même sur chaque "
            "ligne : chacun est lu comme ce total, la part de son bénéficiaire appliquée (montants retenus 15 000 €, "
            "5 000 €) ; à vérifier") in said(ex)


def test_a_share_written_to_four_decimals_still_tells_each_beneficiarys_own_amount():
    ex = extract(grants(*(f"SUB-6,{REGION},2024-03-10,{name},{siret},Projet,{amount},{share}" for name, siret, amount,
                          share in (("A", "77556733200017", 10000, "0.3333"), ("B", "44312345000019", 10000, "0.3333"),
                                    ("C", "38047555800058", 10001, "0.3334")))))
    assert by_line(ex, SCHEMA.amount) == {2: decimal("10000"), 3: decimal("10000"), 4: decimal("10001")}


def test_co_beneficiaries_stating_the_grants_total_on_each_row_are_not_said_to_differ():
    ex = extract(grants(f"SUB-2,{REGION},2024-02-15,Prévention Santé,77556733200017,Consortium,50000,0.6",
                        f"SUB-2,{REGION},2024-02-15,Réseau Santé Mentale 42,78456123500010,Consortium,50000,0.4"))
    assert by_line(ex, SCHEMA.amount) == {2: decimal("30000.0"), 3: decimal("20000.0")}
    assert said(ex) == []  # SCDL writes a co-financed grant's idSubvention on each beneficiary's row


def test_one_grant_stated_again_for_its_beneficiary_with_another_amount_is_said_and_counted_twice():
    ex = extract(grants(f"SUB-1,{REGION},2024-02-01,ADMR de la Loire,44312345000019,Démarrage,10000,1",
                        f"SUB-1,{REGION},2024-05-01,ADMR de la Loire,44312345000019,Démarrage (avenant),12000,1"))
    assert (ex.stats["grants"], ex.stats["total_amount"]) == (2, Decimal(22000))
    assert said(ex) == [(3, "idSubvention", "subvention déjà indiquée ligne 2 pour ce même bénéficiaire, avec un autre "
                         "montant (10 000 €, ici 12 000 €) : un avenant qui remplace le premier montant, ou un second "
                         "versement ? les deux lignes sont gardées, et comptées toutes deux dans les totaux "
                         "(22 000 €)")]


def test_one_grant_stated_again_for_its_beneficiary_with_the_same_amount_is_said_and_counted_twice():
    ex = extract(grants(f"SUB-1,{REGION},2024-02-01,ADMR de la Loire,44312345000019,Démarrage,10000,1",
                        f"SUB-1,{REGION},2024-05-01,ADMR de la Loire,44312345000019,Démarrage,10000,1"))
    assert said(ex) == [(3, "idSubvention", "subvention déjà indiquée ligne 2 pour ce même bénéficiaire, avec le même "
                         "montant (10 000 €) : la même subvention écrite deux fois ? les deux lignes sont gardées, et "
                         "comptées toutes deux dans les totaux (20 000 €)")]


# --- SIRET columns named otherwise (item 3) -------------------------------------------------------------------

def test_a_column_n_siret_beside_the_funders_own_is_the_beneficiarys_siret():
    ex = extract(grants("Département de la Loire;22420001400013;Prévention Santé;77556733200017;Prévention;15000",
                        header="COLLECTIVITÉ;SIRET COLLECTIVITÉ;BÉNÉFICIAIRE;N° SIRET;OBJET;MONTANT ACCORDÉ"))
    assert by_line(ex, MAI.beneficiarySiret) == {2: Literal("77556733200017")}
    assert said(ex) == []


def test_a_portals_identification_siret_columns_are_the_funders_and_the_beneficiarys():
    ex = extract(grants("Saint-Etienne Métropole;24420077000018;Prévention Santé;77556733200017;15000.0",
                        header="Nom de l'attribuant;Identification de l'attribuant (SIRET);Nom du bénéficiaire;"
                               "Identification du bénéficiaire (SIRET);Montant"))
    assert (by_line(ex, MAI.funderSiret), by_line(ex, MAI.beneficiarySiret)) == (
        {2: Literal("24420077000018")}, {2: Literal("77556733200017")})


def test_an_unread_column_that_names_an_identifier_is_said_once():
    ex = extract(grants("Ville de Lussac;21860194600013;Club A;775567332;Aide;1000",
                        "Ville de Lussac;21860194600013;Club B;443123450;Aide;2000",
                        header="nomAttribuant;idAttribuant;nomBeneficiaire;SIREN de l'organisme;objet;montant"))
    assert said(ex) == [(1, "SIREN de l'organisme", "colonne « SIREN de l'organisme » (4), qui nomme un identifiant, "
                         "non lue : son nom n'est pas l'un de ceux que lit ce format (idBeneficiaire, idAttribuant, "
                         "rnaBeneficiaire…) ; renommez-la pour que ses numéros soient lus")]


# --- dates exported as UTC moments (item 4) ---------------------------------------------------------------------

def test_a_utc_moment_is_read_on_the_day_it_falls_in_paris():
    assert [parse_date(text) for text in ("2024-03-14T23:00:00+00:00", "2024-06-30T22:00:00Z",
                                          "2024-12-31T23:30:00.000Z", "2024-03-14T21:00:00+00:00")] == [
        dt.date(2024, 3, 15), dt.date(2024, 7, 1), dt.date(2025, 1, 1), dt.date(2024, 3, 14)]


def test_a_portals_convention_date_in_utc_gives_the_paris_day_and_its_year():
    ex = extract(grants("Ville de Lussac;21860194600013;2024-12-31T23:00:00+00:00;Club A;77556733200017;1000",
                        header="nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;montant"))
    assert (by_line(ex, MAI.conventionDate)[2], by_line(ex, MAI.fiscalYear)[2]) == (
        Literal("2025-01-01", datatype=XSD.date), Literal(2025, datatype=XSD.integer))


# --- a printed report saved as CSV (item 5) ---------------------------------------------------------------------

PRINTED = """Ville de Saint-Just-Saint-Rambert;;;;;
Etat des subventions votées - exercice 2024;;;;;
;;;;;
Bénéficiaire;N° SIRET;Objet;Date de décision;Montant voté;Imputation
ADMR DE LA LOIRE;44312345000019;Fonctionnement;28/02/2024;3 200,00;6574
ASSO PREVENTION SANTE LOIRE;77556733200017;Atelier mémoire;28/02/2024;1 100,00;6574
;;;;;
Page 1/2;;;;;
RESEAU SANTE MENTALE 42;78456123500010;SISM;28/02/2024;900,00;6574
;;;;;
Page 2/2;;;;;
Edité le 12/03/2025 à 10:32 par jdupont;;;;Total : 5 200,00;
"""


def printed_report() -> SourceContext:
    return SourceContext(Path("etat.csv"), PRINTED.encode("cp1252"), options={"funder": "Commune de Saint-Just"})


def test_a_decision_date_without_a_reference_gives_the_year_stays_on_the_grant_and_the_ingest_says_so():
    ex = extract(printed_report())
    assert set(by_line(ex, MAI.fiscalYear).values()) == {Literal(2024, datatype=XSD.integer)}
    assert by_line(ex, DCTERMS.dateAccepted) == dict.fromkeys((5, 6, 9), Literal("2024-02-28", datatype=XSD.date))
    assert (5, "Date de décision", "exercice tiré de la date de décision, faute de colonne d'exercice et de date de "
            "convention ; sans référence de décision, cette date est gardée sur la subvention mais ne date aucune "
            "délibération (lignes 5, 6, 9)") in said(ex)


def test_a_printed_reports_page_numbers_and_stamp_are_not_rejected_rows():
    ex = extract(printed_report())
    assert (ex.errors, ex.stats["grants"], ex.stats["total_amount"]) == ([], 3, Decimal("5200.00"))
    assert (8, "Bénéficiaire", "lignes de mise en page d'un état imprimé (« Page 1/2 »), pas des subventions : "
            "ignorées (lignes 8, 11)") in said(ex)
    assert (12, "Montant voté", "ligne de total, pas une subvention : ignorée") in said(ex)
    assert not [message for _, _, message in said(ex) if "diffère" in message]  # 5 200,00 is the sum: checked


def test_a_printed_total_that_is_not_the_sum_is_said():
    ex = extract(SourceContext(Path("etat.csv"), PRINTED.replace("Total : 5 200,00", "Total : 5 300,00").encode(),
                               options={"funder": "Commune de Saint-Just"}))
    assert (12, "Montant voté", "le total de la ligne (5300.00) diffère de la somme des subventions retenues "
            "au-dessus (5200.00)") in said(ex)


# --- amounts (item 6) ---------------------------------------------------------------------------------------------

def test_a_currency_sign_before_the_amount_is_read():
    assert parse_amount("€ 450") == Decimal(450)
    ex = extract(grants("Ville de Lussac;21860194600013;Comité des fêtes;;€ 450",
                        header="nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;montant"))
    assert (ex.errors, by_line(ex, SCHEMA.amount)) == ([], {2: decimal("450")})


def test_an_amount_in_brackets_is_refused_as_an_accountants_negative():
    ex = extract(grants("Ville de Lussac;21860194600013;Club A;77556733200017;(1 500,00)",
                        "Ville de Lussac;21860194600013;Club B;44312345000019;800",
                        header="nomAttribuant;idAttribuant;nomBeneficiaire;idBeneficiaire;montant"))
    assert said(ex, "error") == [(2, "montant", "ligne de « Club A » non importée : montant entre parenthèses, un "
                                                "négatif en notation comptable (-1 500 €) : refusé comme montant de "
                                                "subvention")]
