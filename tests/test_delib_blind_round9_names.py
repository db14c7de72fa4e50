"""What a ninth blind test of the deliberation reader misread in names and sentences, each a rule with a few lines
of text: an ampersand inside an authority's name, a grant's amount changed in the act that gives it ("…, la
subvention à X étant portée à 15 000 €"), a commune that carries the project an amount goes to ("porté par la
Commune de X"), an event after a dash in a list of grants, a conditional verb after a beneficiary's name."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_authority import find_authority
from graph.ingest.delib_grants import find_grants


def _grants(body: str) -> list[tuple[str, Decimal]]:
    return sorted((g.beneficiary, g.amount) for g in find_grants(body, "").grants)


@pytest.mark.parametrize("heading, name", [
    ("Pôle métropolitain Estuaire & Vallée", "Pôle métropolitain Estuaire & Vallée"),
    ("COMMUNAUTÉ DE COMMUNES TERRES & RIVIÈRES", "Communauté de communes Terres & Rivières"),
])
def test_an_ampersand_between_the_words_of_an_authority_s_name_is_part_of_it(heading, name):
    body = f"{heading}\n\nCOMITÉ SYNDICAL DU 19 NOVEMBRE 2024\n\nLe Comité, après en avoir délibéré, alloue à " \
           "l'association Vélocité une subvention de 22 000 €.\n"
    assert find_authority(body)[0] == name


@pytest.mark.parametrize("change", [
    "la subvention à l'association Les Ateliers de la Loire étant portée à 15 000 € conformément à l'amendement n° 1",
    "la subvention à l'association Les Ateliers de la Loire étant portée de 12 000 € à 15 000 € par amendement",
])
def test_an_amount_the_act_changes_replaces_the_one_it_gave_and_ends_the_name(change):
    body = ("Le Conseil métropolitain, après en avoir délibéré, attribue à l'association Les Ateliers de la Loire "
            f"une subvention de 12 000 €, {change}.\n\nAdopté à l'unanimité.\n")
    assert _grants(body) == [("Les Ateliers de la Loire", Decimal(15000))]


def test_an_amount_the_act_changes_replaces_a_table_s_row():
    body = ("Il est proposé d'attribuer les subventions suivantes :\n\n| Bénéficiaire | Montant |\n|---|---|\n"
            "| Les Ateliers de la Loire | 12 000 € |\n| Compagnie Off | 9 500 € |\n\n"
            "Le Conseil, après en avoir délibéré, attribue les subventions figurant au tableau ci-dessus, la "
            "subvention à l'association Les Ateliers de la Loire étant portée à 15 000 € conformément à "
            "l'amendement n° 1.\n")
    found = find_grants(body, "")
    assert sorted((g.beneficiary, g.amount) for g in found.grants) == [("Compagnie Off", Decimal(9500)),
                                                                        ("Les Ateliers de la Loire", Decimal(15000))]
    assert any("porté à 15000 €" in fr for fr, _ in found.warnings)


def test_a_change_of_one_of_two_grants_of_one_beneficiary_replaces_that_one_only():
    body = ("Le Conseil municipal, après en avoir délibéré :\nATTRIBUE au Club de canoë-kayak une subvention de "
            "fonctionnement de 2 000 € et une subvention d'investissement de 3 000 €, la subvention "
            "d'investissement au Club de canoë-kayak étant portée à 4 000 € par amendement.\n")
    assert _grants(body) == [("Club de canoë-kayak", Decimal(2000)), ("Club de canoë-kayak", Decimal(4000))]


@pytest.mark.parametrize("carrier, name", [("la Commune de Morez", "Commune de Morez"),
                                           ("l'association Jura Santé", "Jura Santé")])
def test_the_body_that_carries_the_project_an_amount_goes_to_is_its_beneficiary(carrier, name):
    body = ("Le Conseil régional décide de participer à hauteur de 80 000 € à l'aménagement du centre de santé "
            f"communal porté par {carrier} (subvention d'investissement).\n")
    assert _grants(body) == [(name, Decimal(80000))]


def test_an_event_after_a_dash_in_a_list_of_grants_is_the_purpose_as_words_in_small_letters_are():
    body = ("Article 1 : Le Département attribue les subventions suivantes :\n"
            "   Association sportive uzerchoise – Course des Remparts ........... 800 €\n"
            "   Harmonie municipale d'Uzerche – achat d'instruments ............ 1 200 €\n"
            "   Club alpin uzerchois – Course d'orientation ...................... 500 €\n"
            "soit un montant total de 2 500 €.\n")
    assert _grants(body) == [("Association sportive uzerchoise", Decimal(800)),
                             ("Club alpin uzerchois – Course d'orientation", Decimal(500)),
                             ("Harmonie municipale d'Uzerche", Decimal(1200))]


def test_a_conditional_verb_after_a_beneficiary_s_name_ends_it():
    body = ("Par délibération du 11 avril 2024, le Bureau a attribué 4 500 € à Sologne Nature Environnement. Le "
            "montant attribué à Sologne Nature Environnement aurait dû être de 5 400 €.\n\nLe Bureau, après en "
            "avoir délibéré, VERSE à l'association Sologne Nature Environnement une subvention de 5 400 €.\n")
    found = find_grants(body, "")
    assert [(g.beneficiary, g.amount) for g in found.grants] == [("Sologne Nature Environnement", Decimal(5400))]
    assert not any("aurait" in fr for fr, _ in found.warnings)


def test_a_feast_of_something_or_an_event_in_quotes_after_a_dash_is_the_purpose_too():
    body = ("Article 1 : Le Département attribue les subventions suivantes :\n"
            "   Comité des fêtes de Voutezac – Fête de la châtaigne ................ 1 200 €\n"
            "   Foyer rural de Chanteix – Fête du livre jeunesse ..................... 900 €\n"
            "   Commune de Saint-Étienne-aux-Clos – Festival « Les Estivales » ..... 1 500 €\n"
            "soit un montant total de 3 600 €.\n")
    assert _grants(body) == [("Comité des fêtes de Voutezac", Decimal(1200)),
                             ("Commune de Saint-Étienne-aux-Clos", Decimal(1500)),
                             ("Foyer rural de Chanteix", Decimal(900))]
