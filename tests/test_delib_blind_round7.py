"""What a fifth blind test of the deliberation reader misread, each a rule with a few lines of text: the total a
decision states as "la dépense (de l'année), soit …", a total below a request set aside, an item whose purpose is a
"point conseil budget", a grant proposed with "l'aider" or as "un montant"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_grants import find_grants

_LIST = ("Le Conseil municipal, après en avoir délibéré,\n\nATTRIBUE les subventions suivantes :\n"
         "- Association Alpha Santé : 5 000 € ;\n- Association Beta Répit : 2 500 € ;\n\n{said}\n\n"
         "Adopté à l'unanimité.\n")


def _read(body: str) -> tuple[list[tuple[str, Decimal]], list[Decimal]]:
    found = find_grants(body, "")
    return sorted((g.beneficiary, g.amount) for g in found.grants), [t.amount for t in found.totals]


@pytest.mark.parametrize("said", [
    "DIT que la dépense, soit 7 500 €, est imputée au compte 6574.",
    "DIT que la dépense 2025, soit 7 500 €, sera inscrite au budget primitif 2025.",
    "PRÉCISE que la dépense de l'exercice 2025, soit 7 500 €, sera inscrite au budget.",
])
def test_the_expense_that_the_decision_states_below_the_grants_is_their_total(said):
    grants, totals = _read(_LIST.format(said=said))
    assert grants == [("Association Alpha Santé", Decimal(5000)), ("Association Beta Répit", Decimal(2500))]
    assert totals == [Decimal(7500)]


@pytest.mark.parametrize("set_aside", ["La demande de l'association Rire Médecin (5 000 €) est ajournée.",
                                       "Les demandes de X et de Y sont rejetées."])
def test_a_request_set_aside_between_the_grants_and_their_total_does_not_part_them(set_aside):
    body = ("Le Conseil municipal, après en avoir délibéré,\n\nDÉCIDE d'attribuer :\n"
            "  • à l'association Les Amis Un une subvention de 2 000 € ;\n"
            "  • à l'association Le Sourire des Aînés une subvention de 1 750 €.\n\n"
            f"{set_aside}\n\nLe montant total engagé en 2024 s'élève à 3 750 €, imputé au compte 6574.\n")
    grants, totals = _read(body)
    assert grants == [("Le Sourire des Aînés", Decimal(1750)), ("Les Amis Un", Decimal(2000))]
    assert totals == [Decimal(3750)]


def test_a_point_conseil_budget_is_a_grants_purpose_not_a_budget():
    body = ("DÉCIDE d'accorder aux associations ci-après une subvention à hauteur des montants indiqués :\n"
            "  - l'association Bouriane Sport Santé, pour le programme « Bouger », à hauteur de 5 000 € ;\n"
            "  - l'Union départementale des associations familiales du Lot (UDAF 46), pour le point conseil budget,\n"
            "    à hauteur de 2 800 € ;\n")
    assert _read(body)[0] == [("Bouriane Sport Santé", Decimal(5000)),
                              ("Union départementale des associations familiales du Lot", Decimal(2800))]


def test_a_grant_proposed_with_l_aider_and_a_rate_goes_to_the_association_just_named():
    body = ("Le Conseil municipal, après en avoir délibéré,\n\nL'association Les Aidants de la Rance présente un "
            "projet de séjour de répit dont le coût s'élève à 4 500 €.\nIl est proposé de l'aider à hauteur de 50 % du "
            "coût du projet, soit 2 250 €.\n\nATTRIBUE l'aide décrite ci-dessus.\n")
    assert _read(body)[0] == [("Les Aidants de la Rance", Decimal(2250))]


def test_an_amount_proposed_to_no_one_named_goes_to_the_subject_of_the_sentence_before():
    body = ("Le Conseil municipal, après en avoir délibéré,\n\nLe Club Nautique Rancéen souhaite acquérir un "
            "défibrillateur. Il est proposé un\nmontant de 800 € (huit cents euros).\n\nATTRIBUE l'aide décrite "
            "ci-dessus.\n")
    assert _read(body)[0] == [("Club Nautique Rancéen", Decimal(800))]
