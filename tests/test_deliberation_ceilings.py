"""Grants given as a rate of a cost with a ceiling: read at their ceiling, which the import report says, quoting the
text; a sentence of that kind whose beneficiary or ceiling cannot be read is warned of, never dropped in silence.
The fixture commune-taux-du-cout-plafonne-pour-cent has three such grants.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_grants import find_grants

_DECIDED = "Le Conseil municipal, après en avoir délibéré, à l'unanimité :\n\n{}\n\nDIT que les crédits sont ouverts.\n"


def _found(sentence: str):
    found = find_grants(_DECIDED.format(sentence))
    return [(g.beneficiary, g.amount) for g in found.grants], found.warnings


@pytest.mark.parametrize("sentence, name, ceiling", [
    ("Le Conseil décide d'attribuer à l'association Les Jardins de Cocagne une subvention d'investissement égale à\n"
     "50 pour cent du coût des travaux, plafonnée à 12 000 €.", "Les Jardins de Cocagne", 12000),
    ("DÉCIDE d'attribuer au Vélo-Club Saint-Albanais une subvention d'investissement de 50 % du montant HT des\n"
     "dépenses éligibles, dans la limite de 8 000 €.", "Vélo-Club Saint-Albanais", 8000),
    ("DÉCIDE d'attribuer à l'association Familles Rurales une subvention égale à 40 % des frais d'acquisition HT,\n"
     "plafonnés à 3 500 €.", "Familles Rurales", 3500),
    ("DÉCIDE d'attribuer à la commune de Lavaur un fonds de concours de 25 pour cent du montant HT des travaux, dans "
     "la limite de 15 000 €.", "Commune de Lavaur", 15000),
])
def test_a_rate_of_a_cost_with_a_ceiling_is_a_grant_of_the_ceiling_said_in_the_report(sentence, name, ceiling):
    grants, warnings = _found(sentence)
    assert grants == [(name, Decimal(ceiling))]
    (fr, en), = warnings
    quoted = " ".join(sentence.split()).rstrip(".")
    assert "montant plafond" in fr and f"« {name} » reçoit au plus {ceiling} €" in fr and quoted[-40:] in fr
    assert "the amount is a ceiling" in en and quoted[-40:] in en


def test_a_rate_in_words_computes_the_grant_it_gives():
    assert _found("DÉCIDE d'attribuer à l'association Familles Rurales une subvention égale à 40 pour cent du coût, "
                  "soit 3 500 €.")[0] == [("Familles Rurales", Decimal(3500))]


@pytest.mark.parametrize("sentence, said", [
    ("DÉCIDE d'attribuer une subvention d'investissement égale à 50 pour cent du coût des travaux, plafonnée à\n"
     "12 000 €.", "subvention plafonnée dont le bénéficiaire n'est pas lu, aucune subvention n'en est tirée (montant "
     "plafond 12 000 €)"),
    ("DÉCIDE d'attribuer à l'association Les Amis du Moulin une subvention égale à 50 % du coût des travaux,\n"
     "plafonnée.", "subvention calculée sur un coût dont le plafond n'est pas lu, aucune subvention n'en est tirée"),
])
def test_a_capped_grant_whose_beneficiary_or_ceiling_is_not_read_is_warned_of_with_its_line(sentence, said):
    grants, warnings = _found(sentence)
    assert (grants, [fr for fr, _ in warnings]) == ([], [f"{said} : « {' '.join(sentence.split())} »"])


@pytest.mark.parametrize("sentence", [
    "Article 1 : d'attribuer les subventions d'investissement suivantes, calculées au taux de 30 % de la dépense\n"
    "subventionnable HT, dans la limite de 30 000 € par bénéficiaire :",
    "Le Président rappelle que l'aide s'élève à 50 % du montant HT des travaux, plafonnée à 20 000 € par commune.",
    "PRÉCISE que chaque subvention sera versée au prorata des dépenses réalisées, dans la limite du montant attribué.",
])
def test_a_schemes_ceiling_or_a_payments_limit_is_no_grant_nor_warned_of_as_one(sentence):
    grants, warnings = _found(sentence)
    assert (grants, [fr for fr, _ in warnings if "plafon" in fr]) == ([], [])
