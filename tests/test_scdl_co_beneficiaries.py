"""Co-beneficiaries of one grant in a grants list without idSubvention, whose rows each state their beneficiary's own
amount where SCDL expects the grant's total (« Montant total de la subvention avant répartition entre les
bénéficiaires »): rows that name one decision and one purpose are one grant, each amount kept as its beneficiary's,
as Etalab's exemple.csv (« une subvention octroyée par la Région Bretagne à deux bénéficiaires ») writes them; rows
that nothing ties keep the rule, montant × pourcentageSubvention, and the warning says that their amounts look like
the shares already."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib.namespace import RDF

from graph.ingest.base import SourceContext
from graph.ingest.scdl_grants import extract
from graph.namespaces import MAI, SCHEMA

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"
HEAD = ("nomAttribuant;idAttribuant;referenceDecision;objet;nomBeneficiaire;rnaBeneficiaire;montant;"
        "pourcentageSubvention")
FUNDER = "Ville de Lyon;21690123100011"
OWN = (f"{FUNDER};DEL-2024-12;Équipe mobile;Club A;W691000001;6000;0,6",
       f"{FUNDER};DEL-2024-12;Équipe mobile;Amicale B;W691000002;4000;0,4")


def listed(*rows: str, head: str = HEAD):
    return extract(SourceContext(Path("list.csv"), "\n".join([head, *rows, ""]).encode()))


def by_line(ex, prop) -> dict[int, Decimal]:
    """The value of ``prop`` of each grant, by its row's line."""
    return {int(ex.graph.value(g, MAI.rowNumber)): ex.graph.value(g, prop).toPython()
            for g in ex.graph.subjects(RDF.type, MAI.Grant)}


def said(ex, field: str, lang: str = "fr") -> list[tuple[int, str]]:
    return [(i.line, i.message if lang == "fr" else i.message_en) for i in ex.issues if i.field == field]


def test_rows_of_one_decision_that_each_state_their_own_amount_are_one_grant_whose_amounts_are_kept():
    ex = listed(*OWN)
    assert by_line(ex, SCHEMA.amount) == {2: Decimal(6000), 3: Decimal(4000)}
    assert by_line(ex, MAI.statedTotal) == {2: Decimal(10000), 3: Decimal(10000)}
    assert (ex.stats["total_amount"], "shares_applied" in ex.stats) == (Decimal(10000), False)
    assert said(ex, "pourcentageSubvention") == []
    assert said(ex, "montant") == [(2, "les lignes d'une même subvention (décision « DEL-2024-12 », objet « Équipe "
                                       "mobile ») indiquent des montants différents (6 000 € ligne 2, 4 000 € ligne "
                                       "3), alors que le SCDL y attend le montant total de la subvention, le même sur "
                                       "chaque ligne : chacun étant la part (pourcentageSubvention) de sa ligne dans "
                                       "leur somme (10 000 €), il est lu comme le montant propre de son bénéficiaire")]
    assert said(ex, "montant", "en")[0][1].startswith(
        "the rows of one grant (decision 'DEL-2024-12', purpose 'Équipe mobile') state different amounts")


def test_etalabs_example_is_one_grant_to_two_beneficiaries_each_row_stating_its_own_amount():
    ex = extract(SourceContext(FIXTURES / "exemple.csv", (FIXTURES / "exemple.csv").read_bytes()))
    assert by_line(ex, SCHEMA.amount) == {2: Decimal("22000.80"), 3: Decimal("5500.20")}
    assert by_line(ex, MAI.statedTotal) == {2: Decimal("27501.00"), 3: Decimal("27501.00")}
    assert by_line(ex, MAI.shareOf) == {2: Decimal("0.8"), 3: Decimal("0.2")}
    assert said(ex, "pourcentageSubvention") == []


def test_co_beneficiaries_among_other_grants_of_their_decision_are_joined_alone():
    """A deliberation's other grants (their own amounts, whole, or a pair stating their total) stay as they are."""
    ex = listed(f"{FUNDER};DEL-2024-12;Équipe mobile;Foyer C;W691000003;2500;",
                OWN[0],
                f"{FUNDER};DEL-2024-12;Équipe mobile;Club D;W691000004;3000;0,5",
                f"{FUNDER};DEL-2024-12;Équipe mobile;Club E;W691000005;3000;0,5",
                OWN[1])
    assert by_line(ex, SCHEMA.amount) == {2: Decimal(2500), 3: Decimal(6000), 4: Decimal(1500), 5: Decimal(1500),
                                          6: Decimal(4000)}
    assert said(ex, "pourcentageSubvention") == []
    assert [line for line, _ in said(ex, "montant")] == [3]


@pytest.mark.parametrize("second", [
    f"{FUNDER};DEL-2024-12;Équipe mobile;Amicale B;W691000002;4000;0,5",  # shares of 110 %
    f"{FUNDER};DEL-2024-12;Équipe mobile;Amicale B;W691000002;5000;0,4",  # 6 000 is not 60 % of 11 000
    f"{FUNDER};DEL-2024-13;Équipe mobile;Amicale B;W691000002;4000;0,4",  # another decision
    f"{FUNDER};DEL-2024-12;Accueil de jour;Amicale B;W691000002;4000;0,4",  # another purpose
    f"{FUNDER};DEL-2024-12;Équipe mobile;Club A;W691000001;4000;0,4",  # the same beneficiary
])
def test_rows_of_one_decision_that_are_not_one_grants_own_amounts_stay_two_grants(second):
    ex = listed(OWN[0], second)
    shares = [Decimal("0.6"), Decimal(second.rsplit(";", 1)[1].replace(",", "."))]
    stated = [Decimal(6000), Decimal(second.split(";")[-2])]
    assert by_line(ex, SCHEMA.amount) == {2: stated[0] * shares[0], 3: stated[1] * shares[1]}
    assert [line for line, _ in said(ex, "pourcentageSubvention")] == [2, 3]


def test_rows_whose_amounts_look_like_the_shares_already_are_read_by_the_rule_and_said_so():
    """Nothing but the funder ties them: two grants, each short of its other beneficiaries, but their amounts are
    each its share of their sum."""
    ex = listed(*(row.replace(";DEL-2024-12;Équipe mobile", "") for row in OWN),
                head=HEAD.replace(";referenceDecision;objet", ""))
    assert by_line(ex, SCHEMA.amount) == {2: Decimal(3600), 3: Decimal(1600)}
    looks = ("les montants des lignes 2, 3 (6 000 €, 4 000 €) semblent être déjà les parts de leurs bénéficiaires, "
             "chacun étant la part de sa ligne dans leur somme (10 000 €), et la part leur est appliquée une seconde "
             "fois ; s'ils sont ceux d'une même subvention, indiquez son total sur chacune de ses lignes, ou un même "
             "idSubvention")
    assert said(ex, "pourcentageSubvention") == [
        (2, f"les parts (pourcentageSubvention) de cette subvention font 60 %, et non 100 % : {looks} ; montant "
            "indiqué 6 000 €, montant retenu 3 600 €"),
        (3, f"les parts (pourcentageSubvention) de cette subvention font 40 %, et non 100 % : {looks} ; montant "
            "indiqué 4 000 €, montant retenu 1 600 €")]
    assert said(ex, "pourcentageSubvention", "en")[0][1] == (
        "the shares (pourcentageSubvention) of this grant add up to 60 %, not 100 %: the amounts of lines 2, 3 "
        "(6000 €, 4000 €) look like their beneficiaries' shares already, each being its row's share of their sum "
        "(10000 €), and the share is applied to them a second time; if they are one grant's, state its total on each "
        "of its rows, or one idSubvention; amount stated 6000 €, amount kept 3600.0 €")


def test_shares_short_of_the_whole_whose_amounts_are_not_shares_say_the_other_beneficiaries_are_missing():
    ex = listed(f"{FUNDER};;;Club A;W691000001;6000;0,6", f"{FUNDER};;;Amicale B;W691000002;5000;0,4")
    assert said(ex, "pourcentageSubvention")[0] == (
        2, "les parts (pourcentageSubvention) de cette subvention font 60 %, et non 100 % : les autres bénéficiaires "
           "ne sont pas dans le fichier, ou la colonne donne un taux de cofinancement ; montant indiqué 6 000 €, "
           "montant retenu 3 600 €")


def test_equal_amounts_at_equal_shares_do_not_look_like_shares_already():
    ex = listed(f"{FUNDER};;;Club A;W691000001;1000;0,5", f"{FUNDER};;;Amicale B;W691000002;1000;0,5")
    assert [message.split(" : ")[1][:30] for _, message in said(ex, "pourcentageSubvention")] == [
        "les autres bénéficiaires ne so"] * 2

