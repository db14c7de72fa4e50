"""What a fourth blind test of the deliberation reader misread in its grants, each a rule with a few lines of text:
an amount set in a clause of its own after the grant it belongs to, a list under "le soutien … aux structures
suivantes", a grant over two years given with its yearly amount, and an erratum's corrected line and the year's
total it brings down. Two of their texts are fixtures too (ville-centre-sante-…, commune-rectificative-…).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_grants import find_grants


def _read(body: str, title: str = "") -> tuple[list[tuple[str, Decimal]], list[Decimal], list[str]]:
    found = find_grants(body, title)
    return (sorted((g.beneficiary, g.amount) for g in found.grants), [t.amount for t in found.totals],
            [fr.split(" :")[0] for fr, _ in found.warnings])


@pytest.mark.parametrize("clause", [
    "- d'attribuer une subvention d'investissement à l'association SOS Médecins Forez pour l'aménagement du point "
    "fixe ; le montant de la subvention est fixé à 8 000 € ;",
    "- d'attribuer à l'association SOS Médecins Forez une subvention d'investissement. Le montant de cette "
    "subvention est fixé à 8 000 €.",
])
def test_an_amount_set_in_a_clause_of_its_own_is_that_of_the_grant_the_clause_before_gives(clause):
    found = find_grants(f"Le Conseil municipal, après en avoir délibéré,\nDÉCIDE :\n{clause}\n")
    assert [(g.beneficiary, g.amount, g.nature) for g in found.grants] == [
        ("SOS Médecins Forez", Decimal(8000), "investment")]


_SUPPORT = ("Le Conseil municipal, après en avoir délibéré,\n{lead}\n\n"
            "- Association Salute in Castagniccia : 18 500 €\n- Centre de santé associatif U Borgu : 9 600 €\n")


@pytest.mark.parametrize("lead, grants", [
    ("APPROUVE le soutien de la Collectivité aux structures d'exercice coordonné suivantes :",
     [("Association Salute in Castagniccia", Decimal(18500)), ("Centre de santé associatif U Borgu", Decimal(9600))]),
    ("APPROUVE le soutien aux structures suivantes :",
     [("Association Salute in Castagniccia", Decimal(18500)), ("Centre de santé associatif U Borgu", Decimal(9600))]),
    ("APPROUVE le soutien technique aux structures suivantes :", []),
])
def test_a_list_under_the_authoritys_support_is_a_list_of_grants_whatever_the_title(lead, grants):
    assert _read(_SUPPORT.format(lead=lead), "Soutien aux structures d'exercice coordonné")[0] == grants


def test_a_grant_over_two_years_given_with_its_yearly_amount_is_one_years_grant():
    grants, totals, warnings = _read(
        "DÉCIDE :\n- d'attribuer à l'association Alpha Santé une subvention de 36 000 € pour les années 2024 et "
        "2025, soit 18 000 € par an ;\n- d'attribuer à l'association Beta Soins une subvention de 14 000 € ;\n")
    assert (grants, totals, warnings) == ([("Alpha Santé", Decimal(18000)), ("Beta Soins", Decimal(14000))], [],
                                          ["montant annuel"])


def test_a_cost_over_two_years_given_with_its_yearly_amount_is_no_grant():
    grants, _, _ = _read("L'association Alpha Santé sollicite une subvention pour un projet dont le coût est de "
                         "36 000 € sur deux ans, soit 18 000 € par an. DÉCIDE d'attribuer à l'association Alpha "
                         "Santé une subvention de 5 000 €.")
    assert grants == [("Alpha Santé", Decimal(5000))]


def test_an_erratas_words_before_the_line_they_correct_are_no_name():
    grants, _, _ = _read("Le Maire expose une erreur dans la délibération portant attribution des subventions aux "
                         "associations pour 2024 :\n- pour l'association « Sauveteurs en Mer », le montant de 2 400 € "
                         "a été porté par erreur à la ligne de l'« Amicale X ». Il convient de lire : Sauveteurs en "
                         "Mer : 2 400 € ; Amicale X : 0 €.\n")
    assert grants == [("Amicale X", Decimal(0)), ("Sauveteurs en Mer", Decimal(2400))]


@pytest.mark.parametrize("sentence", [
    "Le montant total des subventions aux associations pour 2024 est en conséquence ramené de 38 650 € à 25 150 €.",
    "Le montant total des subventions aux associations pour l'exercice 2024 est donc désormais ramené de 38 650 € "
    "à 25 150 €.",
])
def test_the_total_of_the_years_grants_brought_down_is_no_grant_however_far_its_words(sentence):
    grants, totals, _ = _read(sentence, "SUBVENTIONS AUX ASSOCIATIONS 2024 – RECTIFICATION D'UNE ERREUR MATÉRIELLE")
    assert (grants, totals) == ([], [])
