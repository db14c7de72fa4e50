"""How a beneficiary's name and the words around it are read, as a fifth blind test of the deliberation reader found
them misread: a list item's description after a comma, a place in that description, a name that opens with « Aide
à », the deliberating body asked to decide, last year's amount recalled beside this year's, « la coopérative X ».
The texts are fixtures too (cias-formats-montants-…, cc-ptce-sante-liste-tirets-…,
commune-subvention-ramenee-reversement-…, metropole-majorite-absolue-…).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_item_names import item_name


def _grants(body: str) -> list[tuple[str, Decimal]]:
    return sorted((g.beneficiary, g.amount) for g in find_grants(body).grants)


def _listed(*items: str) -> str:
    """A session's heading, a report's list of ``items`` and the decision that grants them."""
    return ("COMMUNE DE TESTVILLE\nConseil municipal – séance du 10 juin 2024\n\nLes demandes sont les suivantes :\n"
            + "".join(f"* {item}\n" for item in items)
            + "Le Conseil DÉCIDE d'attribuer les subventions ci-dessus. Adopté à l'unanimité.\n")


def test_a_list_items_description_after_a_comma_is_no_part_of_its_name():
    body = _listed("Association France Alzheimer Béarn, halte-relais des aidants : 2 500 €",
                   "GEM L'Escale Béarnaise, groupe d'entraide mutuelle : 3 000,50 €",
                   "Club « Les Amis de l'Arribère », repas partagés : 450 €",
                   "APF France handicap – délégation 64, transport accompagné : 1 200 €")
    assert _grants(body) == [("APF France handicap – délégation 64", Decimal(1200)),
                             ("Association France Alzheimer Béarn", Decimal(2500)),
                             ("Club « Les Amis de l'Arribère »", Decimal(450)),
                             ("GEM L'Escale Béarnaise", Decimal("3000.50"))]


@pytest.mark.parametrize("item, name", [
    ("- Ligue contre le cancer, comité du Gard : 1 200 €", "Ligue contre le cancer, comité du Gard"),
    ("- Les Restos du Cœur, antenne de Luzech : 1 200 €", "Les Restos du Cœur, antenne de Luzech"),
    ("- Scouts et Guides de France, groupe Saint-Exupéry : 1 200 €", "Scouts et Guides de France, groupe Saint-Exupéry"),
    ("- Conseil d'architecture, d'urbanisme et de l'environnement : 1 200 €",
     "Conseil d'architecture, d'urbanisme et de l'environnement"),
    ("- SCIC Soins Solidaires Garonne, tête de réseau du PTCE, pour l'animation : 1 200 €",
     "SCIC Soins Solidaires Garonne"),
])
def test_a_branch_or_an_enumeration_after_a_comma_stays_in_the_name_a_description_does_not(item, name):
    assert item_name(item, item.index("1 200")) == name


def test_a_place_in_a_list_items_description_is_not_its_beneficiary():
    body = _listed("Les Blouses Roses – comité de Pau, animations à l'EHPAD de Morlaàs : 750 €",
                   "Club des aînés, sorties à Lourdes : 300 €")
    assert _grants(body) == [("Club des aînés", Decimal(300)), ("Les Blouses Roses", Decimal(750))]


@pytest.mark.parametrize("item, name", [
    ("Aide à Domicile en Milieu Rural : 3 500 € ;", "Aide à Domicile en Milieu Rural"),
    ("Aide à Domicile en Milieu Rural – Fédération de la Loire : formation, 3 500 € ;",
     "Aide à Domicile en Milieu Rural – Fédération de la Loire"),
])
def test_a_list_item_that_opens_with_aide_a_and_capitals_is_that_name(item, name):
    body = ("Le Conseil DÉCIDE d'attribuer les subventions suivantes :\n- " + item
            + "\n- Forez Insertion & Soins : 11 000 €.\nAdopté à l'unanimité.\n")
    assert _grants(body) == [(name, Decimal(3500)), ("Forez Insertion & Soins", Decimal(11000))]


@pytest.mark.parametrize("verb, amounts, amount", [("ramener", "de 5 000 € à 3 500 €", 3500),
                                                   ("porter", "de 3 500 € à 5 000 €", 5000)])
def test_the_deliberating_body_asked_to_decide_is_no_beneficiary(verb, amounts, amount):
    body = (f"Il est proposé au Conseil municipal de {verb} la subvention 2024 {amounts}.\n"
            f"Le Conseil municipal DÉCIDE de {verb} {amounts} la subvention 2024 attribuée à l'association Les Nuits "
            "de la Rive Gauche.\nAdopté à l'unanimité.\n")
    assert _grants(body) == [("Les Nuits de la Rive Gauche", Decimal(amount))]


@pytest.mark.parametrize("recalled", ["la somme de 500 € versée en 2023 étant portée à 650 €",
                                      "la somme de 500 € accordée l'an dernier étant portée à 650 €"])
def test_an_amount_paid_in_an_earlier_year_is_no_grant_of_this_act(recalled):
    body = ("COMMUNE DE TESTVILLE\nConseil municipal – séance du 10 juin 2024\n\n"
            "Le Conseil municipal DÉCIDE d'attribuer pour 2024 :\n- au Comité des fêtes : 1 800 € ;\n"
            f"- à l'APE de l'école Jean-Moulin : 650 €, {recalled} ;\nAdopté à l'unanimité.\n")
    assert _grants(body) == [("APE de l'école Jean-Moulin", Decimal(650)), ("Comité des fêtes", Decimal(1800))]


def test_an_amount_paid_in_the_sessions_year_is_this_acts_grant():
    body = ("COMMUNE DE TESTVILLE\nConseil municipal – séance du 10 juin 2024\n\nLe Conseil municipal DÉCIDE "
            "d'attribuer une subvention de 500 € versée en 2024 à l'association Les Amis du Vélo.\n")
    assert _grants(body) == [("Les Amis du Vélo", Decimal(500))]


def test_a_cooperative_in_small_letters_is_named_by_its_name():
    body = ("Les membres du PTCE portent les actions suivantes :\n"
            "— l'association Psy'Cités, pour les permanences d'écoute : 18 500 € ;\n"
            "— la coopérative Domicile Plus Services, pour l'expérimentation d'un bus : 9 800 €.\n\n"
            "Le Conseil DÉCIDE d'attribuer les subventions ci-dessus. Adopté à l'unanimité.\n"
            "Le Conseil attribue une subvention de 700 € à la coopérative Les Jardins Solidaires.\n")
    assert _grants(body) == [("Domicile Plus Services", Decimal(9800)), ("Les Jardins Solidaires", Decimal(700)),
                             ("Psy'Cités", Decimal(18500))]


def test_a_grant_of_an_earlier_year_that_this_act_cancels_is_still_read_to_be_cancelled():
    body = ("COMMUNE DE TESTVILLE\nConseil municipal – séance du 10 juin 2025\n\nLa subvention de 2 000 euros "
            "accordée en 2024 à l'association Briance en Fête est annulée, la fête n'ayant pas eu lieu.\n")
    found = find_grants(body)
    assert found.grants == []
    assert [fr for fr, _ in found.warnings] == ["subvention annulée : « Briance en Fête » (2000 €), non retenue"]
