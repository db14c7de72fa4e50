"""What the ingest of a grants list says of it, beyond the grants it stores (a blind test's findings): the total of
its grants before their shares counts each grant once; co-beneficiaries repeating their grant's idSubvention are
not told that it is used again; shares rounded as thirds say what they leave unshared; an empty idAttribuant and a
list without pourcentageSubvention are said; a repeated line, an empty or negative amount, and a rejected row in
the summary are said as they are; a list's warnings come in the order of its lines.

Each list is inline and fictitious, cut from six of the blind test's files to the rows that show one behaviour.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract

SCDL = ("idSubvention,nomAttribuant,idAttribuant,referenceDecision,nomBeneficiaire,idBeneficiaire,objet,montant,"
        "pourcentageSubvention")
REGION = "Région Auvergne-Rhône-Alpes,20005372600010"
#: Three co-beneficiaries of one grant of 90 000 € at 0.33 each (07's SUB-2024-101).
THIRDS = (f"SUB-101,{REGION},CP-112,CPTS Ondaine,41234598500011,e-santé,90000,0.33",
          f"SUB-101,{REGION},CP-112,Maison de santé du Gier,51234567900017,e-santé,90000,0.33",
          f"SUB-101,{REGION},CP-112,Centre hospitalier du Gier,20004682900012,e-santé,90000,0.33")


def listed(*lines: str, header: str = SCDL, name: str = "list.csv"):
    return extract(SourceContext(Path(name), "\n".join((header, *lines, "")).encode()))


def said(ex, level: str = "warning") -> list[tuple[int | None, str | None, str]]:
    return [(i.line, i.field, i.message) for i in ex.issues if i.level == level]


# --- item 1: the total before the shares counts each grant once -------------------------------------------------

def test_the_total_before_the_shares_counts_a_co_financed_grant_once():
    ex = listed(f"SUB-1,{REGION},CP-1,CPTS Ondaine,41234598500011,ETP,50000,0.60",
                f"SUB-1,{REGION},CP-1,Maison de santé du Gier,51234567900017,ETP,50000,0.40",
                f"SUB-2,{REGION},CP-2,Aidants Forez,33221144000018,Répit,15000.50,1")
    assert (ex.stats["total_amount"], ex.stats["total_before_shares"]) == (Decimal("65000.50"), Decimal("65000.50"))


def test_the_total_before_the_shares_counts_each_grant_once_when_shares_fall_short():
    ex = listed(*THIRDS, f"SUB-102,{REGION},CP-113,Aidants Forez,33221144000018,Répit,60000,0.5",
                f"SUB-102,{REGION},CP-113,GEM L'Escale,45678912200011,Répit,60000,0.4")
    assert (ex.stats["total_amount"], ex.stats["total_before_shares"]) == (Decimal("143100.00"), Decimal(150000))


def test_the_total_before_the_shares_counts_each_row_of_full_grants_of_one_decision():
    """Two beneficiaries at the whole of equal amounts under one decision are two grants, each counted."""
    header = "nomAttribuant,idAttribuant,referenceDecision,objet,nomBeneficiaire,montant,pourcentageSubvention"
    ex = listed("Ville,21420218600026,D-1,Fête,Club A,1000,1", "Ville,21420218600026,D-1,Fête,Club B,1000,1",
                "Ville,21420218600026,D-2,Projet,Club C,3000,0.5", "Ville,21420218600026,D-2,Projet,Club D,3000,0.5",
                header=header)
    assert (ex.stats["total_amount"], ex.stats["total_before_shares"]) == (Decimal(5000), Decimal(5000))


@pytest.mark.parametrize("lang, label", [
    ("fr", "total des subventions avant répartition (chacune comptée une fois) : 50 000 €"),
    ("en", "total of the grants before the shares (each counted once): €50,000")])
def test_the_summary_names_the_total_before_the_shares_as_the_grants_each_counted_once(lang, label):
    from webapp.reports import format_stats

    ex = listed(f"SUB-1,{REGION},CP-1,CPTS Ondaine,41234598500011,ETP,50000,0.60",
                f"SUB-1,{REGION},CP-1,Maison de santé du Gier,51234567900017,ETP,50000,0.40")
    assert label in format_stats(ex.stats, lang)


# --- item 2: an idSubvention repeated by a grant's co-beneficiaries ----------------------------------------------

def test_co_beneficiaries_repeating_their_grants_identifier_are_not_told_it_is_used_again():
    assert said(listed(*THIRDS[:2], THIRDS[2].replace("0.33", "0.34"))) == []


@pytest.mark.parametrize("second", [
    "SUB-1,Département de la Loire,22420001400013,CP-1,Maison de santé du Gier,51234567900017,ETP,50000,0.40",
    f"SUB-1,{REGION},CP-1,Maison de santé du Gier,51234567900017,Autre projet,50000,0.40",
    f"SUB-1,{REGION},CP-9,Maison de santé du Gier,51234567900017,ETP,50000,0.40",
    f"SUB-1,{REGION},CP-1,Maison de santé du Gier,51234567900017,ETP,50000,1"])
def test_an_identifier_used_again_by_another_funder_purpose_decision_or_a_whole_grant_is_said(second):
    ex = listed(f"SUB-1,{REGION},CP-1,CPTS Ondaine,41234598500011,ETP,50000,0.60", second)
    assert (3, "idSubvention", "identifiant de subvention déjà employé ligne 2 : une subvention distincte pour cette "
            "ligne") in said(ex)


# --- item 3: rounded shares that leave part of the grant unshared ------------------------------------------------

def test_thirds_rounded_to_033_say_the_amount_they_leave_unshared_and_keep_the_shares_as_written():
    ex = listed(*THIRDS)
    assert ex.stats["total_amount"] == Decimal("89100.00")
    assert said(ex) == [(2, "pourcentageSubvention", "parts (pourcentageSubvention) arrondies, 99 % en tout (lignes 2, "
                         "3, 4) : chaque bénéficiaire garde montant × sa part, comme écrit, et 900 € des 90 000 € "
                         "de la subvention « SUB-101 » ne reviennent à aucun ; si elle est partagée tout entière, "
                         "écrivez des parts qui font 100 % (0,34 + 0,33 + 0,33)")]
    assert [i.message_en for i in ex.issues] == [
        "shares (pourcentageSubvention) rounded, 99 % in all (lines 2, 3, 4): each beneficiary keeps montant × its "
        "share, as written, and 900 € of the 90000 € of grant 'SUB-101' go to none of them; if it is shared out "
        "whole, write shares that make 100 % (0.34 + 0.33 + 0.33)"]


def test_rounded_shares_above_the_whole_say_how_much_the_amounts_kept_pass_the_grant():
    """Sixths written 0.17 make 102 %, within their rounding (3 points): each amount kept is 10 200 €."""
    rows = [f"SUB-6,{REGION},Club {n},60000,0.17" for n in range(6)]
    ex = listed(*rows, header="idSubvention,nomAttribuant,idAttribuant,nomBeneficiaire,montant,pourcentageSubvention")
    assert [(line, message.split(" ; ")[0]) for line, _, message in said(ex)] == [
        (2, "parts (pourcentageSubvention) arrondies, 102 % en tout (lignes 2, 3, 4, 5, 6…) : chaque bénéficiaire "
            "garde montant × sa part, comme écrit, et les montants retenus dépassent de 1 200 € les 60 000 € de la "
            "subvention « SUB-6 »")]


def test_shares_that_make_the_whole_exactly_say_nothing():
    assert said(listed(*THIRDS[:2], THIRDS[2].replace("0.33", "0.34"))) == []


# --- item 4: the funder's SIRET missing -----------------------------------------------------------------------------

def test_an_empty_funder_identifier_is_said_once_with_its_lines():
    header = "nomAttribuant,idAttribuant,nomBeneficiaire,idBeneficiaire,montant,pourcentageSubvention"
    ex = listed("Commune,21420218600133,Club A,78945612600018,3500,1", "Commune,,Club B,45678912200011,750,1",
                "Commune,,Club C,33221144000018,450,1", header=header)
    assert said(ex) == [(3, "idAttribuant", "2 lignes sans idAttribuant (le SIRET de l'attribuant, que le SCDL "
                         "demande) : attribuant rapproché des autres sources par son seul nom (lignes 3, 4)")]


@pytest.mark.parametrize("header, row", [
    ("nomAttribuant,nomBeneficiaire,idBeneficiaire,montant,pourcentageSubvention",
     "Commune,Club A,78945612600018,3500,1"),
    ("nomAttribuant,idAttribuant,nomBeneficiaire,idBeneficiaire,montant,pourcentageSubvention",
     "Commune,,Club A,78945612600018,3500,1")])
def test_a_list_without_a_funder_identifier_column_or_with_it_empty_throughout_is_not_told_of_it(header, row):
    assert said(listed(row, header=header)) == []


# --- item 5: a list written to the schema without pourcentageSubvention ---------------------------------------------

def test_a_scdl_list_without_the_share_column_says_once_that_each_amount_is_its_beneficiarys():
    """05's layout: the schema's columns but pourcentageSubvention and dispositifAide."""
    header = ("nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,"
              "rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE")
    ex = listed("Ville,21690123100011,2023-11-20,2023-118,Club A,33221144000018,,Répit,1500.50,,,,,",
                "Ville,21690123100011,2023-11-20,2023-119,Club B,41234598500011,,Soins,24000,,,,,", header=header)
    assert said(ex) == []  # said by the ingest's report, apart from the rows' issues: --strict refuses the list
    assert [(i.line, i.field, i.message) for i in ex.nonconforming] == [
        (1, None, "colonne pourcentageSubvention absente, que le SCDL demande : chaque montant est lu comme celui de "
                  "son seul bénéficiaire (part de 100 %)")]


def test_a_list_of_human_labels_without_a_share_column_is_not_told_of_it():
    """A list of a few columns named as the schema names them is told what it lacks (tests/test_steward_bad_inputs.py):
    a publisher who copied its names meant to follow it."""
    ex = listed("Ville,Club A,1500", header="Collectivité,Bénéficiaire,Montant")
    assert said(ex) == [] and ex.nonconforming == []


# --- item 6: the smaller ones ---------------------------------------------------------------------------------------

def test_a_repeated_line_is_said_without_naming_a_column():
    header = "nomAttribuant,idAttribuant,nomBeneficiaire,montant,pourcentageSubvention"
    ex = listed("Ville,21690123100011,Club A,24000,1", "Ville,21690123100011,Club A,24000,1", header=header)
    assert said(ex) == [(3, None, "ligne identique à la ligne 2 : ignorée")]


@pytest.mark.parametrize("amount, message", [("", "montant vide"), ("-500", "montant négatif")])
def test_an_empty_or_negative_amount_is_refused_saying_which(amount, message):
    header = "nomAttribuant,idAttribuant,nomBeneficiaire,montant,pourcentageSubvention"
    ex = listed("Ville,21690123100011,Club A,1000,1", f"Ville,21690123100011,Club B,{amount},1", header=header)
    assert said(ex, "error") == [(3, "montant", f"ligne de « Club B » non importée : {message}")]


def test_a_lists_warnings_come_in_the_order_of_its_lines():
    """The warning of a grant's shares, said once every row is read, came after those of the rows below it."""
    ex = listed(f"SUB-102,{REGION},CP-113,Aidants Forez,33221144000018,Répit,60000,0.5",
                f"SUB-102,{REGION},CP-113,GEM L'Escale,45678912200011,Répit,60000,0.4",
                f"SUB-103,{REGION},CP-114,Club A,78945612600019,Pair-aidance,8000,1")
    assert [line for line, *_ in said(ex)] == [2, 4]


def test_the_summary_counts_the_rows_rejected_beside_the_warnings():
    from graph.ingest.pipeline import IngestReport
    from webapp.reports import format_summary

    done = IngestReport(file="f.csv", kind="scdl-subventions", triples=9, stats={"rows_rejected": 1, "warnings": 0})
    assert (format_summary([done], [], "fr"), format_summary([done], [], "en")) == (
        "Résumé : 1 fichier enregistré, 0 inchangé, 0 en échec ; 9 triplets ; 1 ligne rejetée ; 0 avertissement",
        "Summary: 1 file stored, 0 unchanged, 0 failed; 9 triples; 1 row rejected; 0 warnings")
