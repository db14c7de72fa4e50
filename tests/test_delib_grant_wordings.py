"""How a grant's sentence and its beneficiary's name are read, as a third blind test of the deliberation reader found
them misread: an aid that a passive verb attributes after its amount, "à l'association" with no name after it, a
schedule of equal yearly amounts and a yearly amount summed over the agreement's years, a beneficiary's name followed
by the operation it is for, and an envelope "affected" to the grants that follow. The texts are fixtures too
(commune-arrete-maire-aide-installation-…, cu-cpo-par-an-trois-exercices-…, region-cp-ap-ae-affectation-…).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_antecedents import this_association
from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_item_names import item_name


def _read(body: str) -> tuple[list[tuple[str, Decimal]], list[tuple[Decimal, bool]], list[str]]:
    found = find_grants(body)
    return ([(g.beneficiary, g.amount) for g in found.grants], [(t.amount, t.reconciled) for t in found.totals],
            [fr for fr, _ in found.warnings])


@pytest.mark.parametrize("sentence", [
    "Article 1er : Une aide à l'installation d'un montant de 8 000 € (huit mille euros) est attribuée au Docteur "
    "Mathilde AUZANNE, médecin généraliste.",
    "Article 1er : Une aide de 8 000 € est attribuée au Dr Mathilde AUZANNE.",
    "Article 1er : L'aide de 8 000 € est accordée à Mme Mathilde AUZANNE.",
])
def test_an_aid_that_a_passive_verb_attributes_after_its_amount_is_a_grant(sentence):
    grants, _, _ = _read("Le Maire,\n\nARRÊTE\n\n" + sentence + "\n")
    assert grants == [("Mathilde AUZANNE", Decimal(8000))]


def test_an_aid_that_no_verb_attributes_is_no_grant():
    grants, _, _ = _read("Le Maire,\n\nARRÊTE\n\nArticle 1er : Une aide de 8 000 € est sollicitée par le Docteur "
                         "Mathilde AUZANNE auprès de la Région.\n")
    assert grants == []


_AGREEMENT = ("Après en avoir délibéré, le Conseil communautaire :\n"
              "- APPROUVE la convention pluriannuelle d'objectifs 2024-2026 à conclure avec l'association « Pôle Santé "
              "Coopérative Bourbince » ;\n- ATTRIBUE {grant} ;\nADOPTÉ À L'UNANIMITÉ.\n")


@pytest.mark.parametrize("grant", ["à l'association une subvention de fonctionnement de 10 000 €",
                                   "une subvention de fonctionnement de 10 000 € à l'association"])
def test_the_association_left_unnamed_is_the_one_the_text_named_before(grant):
    grants, _, _ = _read(_AGREEMENT.format(grant=grant))
    assert grants == [("Pôle Santé Coopérative Bourbince", Decimal(10000))]


def test_an_association_named_by_what_it_gathers_keeps_its_name():
    assert this_association("avec l'association « Pôle Santé »", "à l'association des parents d'élèves") is None
    grants, _, _ = _read(_AGREEMENT.format(grant="à l'association des parents d'élèves de Bourbince une subvention de "
                                                 "500 €"))
    assert grants == [("Association des parents d'élèves de Bourbince", Decimal(500))]


_NAMED = "« Pôle Santé Coopérative Bourbince »"


def test_equal_amounts_for_each_year_are_one_grant_a_year_as_different_ones_are():
    grants, totals, warnings = _read(_AGREEMENT.format(
        grant=f"à l'association {_NAMED} une subvention de fonctionnement de 10 000 € pour 2024, 10 000 € pour "
              "2025 et 10 000 € pour 2026, soit 30 000 €"))
    assert grants == [("Pôle Santé Coopérative Bourbince", Decimal(10000))] * 3
    assert (totals, warnings) == ([(Decimal(30000), True)], [])


def test_a_yearly_amount_summed_over_the_years_is_neither_a_grant_nor_a_total():
    grants, totals, warnings = _read(_AGREEMENT.format(
        grant=f"à l'association {_NAMED} une subvention de fonctionnement de 10 000 € par an pour 2024, 2025 et "
              "2026, soit 30 000 € sur la durée de la convention"))
    assert (grants, totals) == ([("Pôle Santé Coopérative Bourbince", Decimal(10000))], [])
    assert [w.split(" :")[0] for w in warnings] == ["montant annuel"]


_PROGRAMME = ("Après en avoir délibéré, la Commission permanente DÉCIDE :\n\n"
              "Article 1 : d'affecter un montant de 412 000 € sur l'autorisation de programme P412-I-2024 « Maisons "
              "et\ncentres de santé », pour l'attribution des subventions d'investissement suivantes :\n\n"
              "  - SISA Maison de santé du Lauragais, construction d'une maison de santé pluriprofessionnelle à "
              "Villefranche-\n    Lauragais (dossier n° 24005871) : subvention de 250 000 € ;\n"
              "  - Commune de Cazères-sur-Garonne, extension du centre de santé municipal (dossier n° 24006012) :\n"
              "    subvention de 112 000 € ;\n"
              "  - Communauté de communes Cœur de Comminges, équipement de trois cabinets de téléconsultation "
              "(dossier\n    n° 24006140) : subvention de 50 000 €.\n\nVote : Pour : 39 ; Contre : 0.\n")


def test_a_name_ends_at_the_comma_before_the_operation_it_describes_and_the_operations_place_is_no_one():
    grants, _, _ = _read(_PROGRAMME)
    assert sorted(grants) == [("Communauté de communes Cœur de Comminges", Decimal(50000)),
                              ("Commune de Cazères-sur-Garonne", Decimal(112000)),
                              ("SISA Maison de santé du Lauragais", Decimal(250000))]
    item = "- Foyer rural de Lussac, travaux de toiture : 1 200 €"
    assert item_name(item, item.index("1 200")) == "Foyer rural de Lussac"
    item = "- Ligue contre le cancer, comité du Gard : 1 200 €"
    assert item_name(item, item.index("1 200")) == "Ligue contre le cancer, comité du Gard"


def test_an_amount_affected_to_the_grants_that_follow_is_their_stated_total():
    _, totals, warnings = _read(_PROGRAMME)
    assert (totals, warnings) == ([(Decimal(412000), True)], [])


def test_an_amount_affected_to_no_envelope_nor_list_is_no_total():
    _, totals, _ = _read("Le Conseil DÉCIDE d'affecter un montant de 5 000 € à l'entretien des locaux.")
    assert totals == []
