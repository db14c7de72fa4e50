"""A beneficiary's name ends where the grants given to it in the plural begin: "à l'association X des crédits
d'équipement égaux à 40 % du coût …, plafonnés à 9 000 €" grants X its ceiling, which the import report says. The
fixture commune-credits-equipement-taux-plafonnes has two such grants.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_grants import find_grants

_DECIDED = "Le Conseil municipal, après en avoir délibéré, à l'unanimité :\n\n{}\n\nDIT que les crédits sont ouverts.\n"


def _found(sentence: str):
    found = find_grants(_DECIDED.format(sentence))
    return [(g.beneficiary, g.amount) for g in found.grants], found.warnings


@pytest.mark.parametrize("sentence, name", [
    ("Le Conseil décide d'attribuer à l'association Les Amis du Moulin des crédits d'équipement égaux à 40 % du coût\n"
     "des travaux, plafonnés à 9 000 €.", "Les Amis du Moulin"),
    ("Le Conseil décide d'attribuer à l'association Les Amis du Moulin des subventions égales à 40 % du coût des\n"
     "travaux, plafonnées à 9 000 €.", "Les Amis du Moulin"),
    ("DÉCIDE d'attribuer au Football Club de Lavaur des subventions d'investissement égales à 40 % du coût HT, dans la "
     "limite de 9 000 €.", "Football Club de Lavaur"),
])
def test_grants_in_the_plural_after_the_name_end_it_and_the_ceiling_is_said(sentence, name):
    grants, warnings = _found(sentence)
    assert grants == [(name, Decimal(9000))]
    assert [fr.split(" ; ")[0] for fr, _ in warnings] == [
        f"plafond lu comme montant : « {name} » reçoit au plus 9000 € (un taux d'un coût, plafonné : montant plafond)"]


@pytest.mark.parametrize("sentence, name", [
    ("DÉCIDE d'attribuer à l'association Les Amis du Moulin des crédits de 9 000 €.", "Les Amis du Moulin"),
    # "des" before words in capitals, or before aids that no nature or amount follows, goes on a name
    ("DÉCIDE d'attribuer à l'association Union des Aides Familiales une subvention de 9 000 €.",
     "Union des Aides Familiales"),
    ("DÉCIDE d'attribuer à l'association Collectif des aides à domicile du Lot une subvention de 9 000 €.",
     "Collectif des aides à domicile du Lot"),
])
def test_a_name_ends_before_grants_in_the_plural_only(sentence, name):
    assert _found(sentence) == ([(name, Decimal(9000))], [])
