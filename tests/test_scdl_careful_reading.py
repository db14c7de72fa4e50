"""What a careful reader makes of a grants list's rows together: one beneficiary named with its RNA number on one
row and its SIRET on another, a ``type`` column of natures, a decision reference that holds its sitting's date, a
reference without a year given to several dates, a payment condition of several choices; and the SCDL export's
count of the values outside the schema's bounds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DCTERMS

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI
from graph.scdl_export_rows import out_of_bounds_cells

HEADER = "nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire," \
         "objet,montant,nature,conditionsVersement,notificationUE,pourcentageSubvention"
NATURE = "https://w3id.org/maillage/ontology/nature/"


def listed(*rows: str, header: str = HEADER):
    return extract(SourceContext(Path("list.csv"), "\n".join((header, *rows, "")).encode()))


def messages(ex) -> list[tuple[int | None, str]]:
    return [(i.line, i.message) for i in ex.issues]


def test_one_grant_written_with_the_rna_then_the_siret_is_one_beneficiary_counted_once():
    ex = listed("Ville,21060004500392,2016-12-05,2016-0387,Entente sportive,,W322216459,Avance,12800,aide en numéraire,"
                "unique,non,0.8",
                "Ville,21060004500392,2016-12-05,2016-0387,Entente sportive,38033590100027,,Avance,12800,aide en "
                "numéraire,unique,non,0.8")
    beneficiaries = set(ex.graph.objects(None, MAI.beneficiary))
    assert beneficiaries == {URIRef("https://w3id.org/maillage/id/actor/siren-380335901")}
    assert {str(o) for o in ex.graph.objects(next(iter(beneficiaries)), MAI.rna)} == {"W322216459"}
    assert ex.stats["grants"] == 1 and ex.stats["total_amount"] == Decimal("10240.0")
    assert (3, "même nom de bénéficiaire (« Entente sportive ») avec des identifiants qui ne se contredisent pas : un "
            "seul bénéficiaire (rna-w322216459 ligne 2, siren-380335901 ligne 3)") in messages(ex)
    assert (3, "même subvention que la ligne 2, pour le même bénéficiaire (même décision, objet, montant et part) : "
            "ligne comptée une fois") in messages(ex)


def test_namesakes_whose_identifiers_conflict_stay_two_and_are_said_naming_both_lines():
    ex = listed("Ville,21060004500392,2016-12-05,2016-0387,Entente sportive,38033590100027,,Avance,100,aide en "
                "numéraire,unique,non,1",
                "Ville,21060004500392,2016-12-05,2016-0388,Entente sportive,52499120500013,,Stage,200,aide en "
                "numéraire,unique,non,1")
    assert len(set(ex.graph.objects(None, MAI.beneficiary))) == 2
    assert (3, "même nom de bénéficiaire (« Entente sportive ») avec des identifiants différents : deux bénéficiaires "
            "homonymes, gardés distincts (siren-380335901 ligne 2, siren-524991205 ligne 3)") in messages(ex)


def test_a_type_column_of_natures_gives_each_grant_its_nature():
    ex = listed("Ville;21060004500392;Club;100;fonctionnement", "Ville;21060004500392;Cercle;200;Investissement",
                header="nomAttribuant;idAttribuant;nomBeneficiaire;montant;type")
    assert sorted(str(o) for o in ex.graph.objects(None, MAI.nature)) == [NATURE + "investment", NATURE + "operating"]
    assert messages(ex) == []


def test_a_type_column_that_holds_other_things_stays_unread_and_said():
    ex = listed("Ville;21060004500392;Club;100;fonctionnement", "Ville;21060004500392;Cercle;200;association",
                header="nomAttribuant;idAttribuant;nomBeneficiaire;montant;type")
    assert list(ex.graph.objects(None, MAI.nature)) == []
    assert messages(ex) == [(1, "colonne non lue : type (colonne 5)")]


def test_a_nature_column_that_holds_the_section_wins_over_the_type_column():
    ex = listed("Ville;21060004500392;Club;100;Projet;fonctionnement",
                header="nomAttribuant;idAttribuant;nomBeneficiaire;montant;nature;type")
    assert [str(o) for o in ex.graph.objects(None, MAI.nature)] == [NATURE + "project"]


def deliberation_dates(ex) -> dict[str, list[str]]:
    deliberations = set(ex.graph.objects(None, MAI.decidedBy))
    return {str(d).rsplit("/", 1)[1]: sorted(str(o) for o in ex.graph.objects(d, DCTERMS.date)) for d in deliberations}


def test_a_reference_that_holds_its_sittings_date_dates_the_deliberation():
    ex = listed("Lot;22460001500511;CP 2017-04-24;ADDA;100", "Lot;22460001500511;Délibération 12 du 26/06/2017;X;5",
                "Lot;22460001500511;CD du 3 juillet 2017;Y;7", "Lot;22460001500511;2017-04-24;Z;9",
                header="nomAttribuant;idAttribuant;referenceDecision;nomBeneficiaire;montant")
    assert deliberation_dates(ex) == {"cp-2017-04-24": ["2017-04-24"], "deliberation-12-du-26-06-2017": ["2017-06-26"],
                                      "cd-du-3-juillet-2017": ["2017-07-03"], "2017-04-24": []}
    assert {str(o) for o in ex.graph.objects(None, DCTERMS.identifier)} >= {"CP 2017-04-24", "2017-04-24"}


def test_a_reference_without_a_year_given_to_two_decision_dates_names_two_deliberations_and_says_so():
    ex = listed("Somme;22800001400016;6.3;2018-01-30;A;100", "Somme;22800001400016;6.3;2018-02-02;B;200",
                header="nomAttribuant;idAttribuant;referenceDecision;dateDecision;nomBeneficiaire;montant")
    assert deliberation_dates(ex) == {"6-3-2018-01-30": ["2018-01-30"], "6-3-2018-02-02": ["2018-02-02"]}
    assert messages(ex) == [(2, "référence sans année donnée à des décisions de 2 dates (2018-01-30 (ligne 2), "
                                "2018-02-02 (ligne 3)) : une délibération par date, non une seule")]


def test_a_reference_without_a_year_nor_decision_date_given_to_conventions_of_two_dates_is_said():
    ex = listed("Somme;22800001400016;2018/01/30;6.3;A;100", "Somme;22800001400016;2018/02/02;6.3;B;200",
                "Somme;22800001400016;2018/02/02;18.5.1;C;300",
                header="nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;montant")
    assert deliberation_dates(ex) == {"6-3": [], "18-5-1": []}
    assert messages(ex) == [(2, "référence de décision « 6.3 », sans année ni date de décision, donnée à des "
                                "conventions de plusieurs dates (2018/01/30, 2018/02/02) : lues comme une seule "
                                "délibération n° 6.3, ce que rien dans le fichier ne confirme (le même point d'une "
                                "autre séance serait un autre acte) ; lignes 2, 3")]


def test_payment_conditions_of_several_choices_are_warned_naming_line_and_field():
    ex = listed("Ville;21060004500392;Club;100;\"unique;échelonné\"", "Ville;21060004500392;Cercle;100;échelonné",
                header="nomAttribuant;idAttribuant;nomBeneficiaire;montant;conditionsVersement")
    assert [(i.line, i.field, i.value) for i in ex.issues] == [(2, "conditionsVersement", "unique;échelonné")]


def test_payment_conditions_longer_than_the_schema_allows_are_counted_outside_its_bounds():
    assert out_of_bounds_cells({"paymentConditions": "avance de 30 % " * 20}) == {"conditionsVersement": "300 > 256"}
    assert out_of_bounds_cells({"paymentConditions": "échelonné"}) == {}
