"""Grant tables whose amounts some rows write in words, and beneficiaries that a branch of a body in small letters
names ("à l'antenne gardoise de la Ligue contre le cancer")."""

from __future__ import annotations

import pytest

from graph.ingest.delib_grants import find_grants

LEAD = ("Le Conseil, après en avoir délibéré,\n\n- ATTRIBUE aux associations ci-dessous les subventions de "
        "fonctionnement suivantes, pour un montant total de 6 500 € :\n\n")
#: The same rows, laid out as texts and PDFs write grant tables; the second amount in words.
TABLES = {
    "amounts set right, the words reaching under the column before": (
        "Association                   Action                                      Montant\n"
        "Club des Aînés                Goûters                                     1 200 €\n"
        "Atelier Vélo Solidaire        Réparation              mille cinq cents euros\n"
        "Médiation Nomade              Médiation sociale  trois mille cinq cents euros\n"
        "Foyer Rural de Clairmont      Animation seniors                         300 €\n"),
    "amounts set left": (
        "Association                   Montant\n"
        "Club des Aînés                1 200 €\n"
        "Atelier Vélo Solidaire        mille cinq cents euros\n"
        "Médiation Nomade              trois mille cinq cents euros\n"
        "Foyer Rural de Clairmont      300 €\n"),
    "the name above wrapped": (
        "Association                   Action                                      Montant\n"
        "Club des Aînés de             Goûters                                     1 200 €\n"
        "la Vallée\n"
        "Atelier Vélo Solidaire        Réparation              mille cinq cents euros\n"
        "Médiation Nomade              Médiation sociale  trois mille cinq cents euros\n"
        "Foyer Rural de Clairmont      Animation seniors                         300 €\n"),
    "cells ruled with |": (
        "| Association | Action | Montant |\n|---|---|---|\n"
        "| Club des Aînés | Goûters | 1 200 € |\n"
        "| Atelier Vélo Solidaire | Réparation | mille cinq cents euros |\n"
        "| Médiation Nomade | Médiation sociale | trois mille cinq cents euros |\n"
        "| Foyer Rural de Clairmont | Animation seniors | 300 € |\n"),
    "flattened into lines": (
        "Association Montant\n"
        "Club des Aînés 1 200 €\n"
        "Atelier Vélo Solidaire mille cinq cents euros\n"
        "Médiation Nomade trois mille cinq cents euros\n"
        "Foyer Rural de Clairmont 300 €\n"),
}


def _read(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    found = find_grants(text, "")
    return sorted((g.beneficiary, str(g.amount)) for g in found.grants), [french for french, _ in found.warnings]


@pytest.mark.parametrize("layout", TABLES)
def test_a_table_s_row_whose_amount_is_written_in_words_is_a_grant_of_its_own(layout):
    grants, warnings = _read(LEAD + TABLES[layout] + "\nAdoptée à l'unanimité.")
    club = "Club des Aînés de la Vallée" if layout == "the name above wrapped" else "Club des Aînés"
    assert grants == sorted([(club, "1200"), ("Atelier Vélo Solidaire", "1500"), ("Médiation Nomade", "3500"),
                             ("Foyer Rural de Clairmont", "300")])
    assert not [w for w in warnings if "au lieu d'un montant" in w or "total annoncé" in w]


@pytest.mark.parametrize("said, warned", [("dossier incomplet – néant", "au lieu d'un montant"),
                                          ("zéro euro", "montant de 0 €")])
def test_words_in_the_amount_column_that_are_no_amount_or_none_grant_nothing_and_are_warned(said, warned):
    table = ("Association                   Montant\n"
             "Club des Aînés                1 200 €\n"
             f"Quartiers Numériques          {said}\n"
             "Foyer Rural de Clairmont      300 €\n")
    grants, warnings = _read(LEAD + table + "\nAdoptée à l'unanimité.")
    assert grants == [("Club des Aînés", "1200"), ("Foyer Rural de Clairmont", "300")]
    assert any("Quartiers Numériques" in w and warned in w for w in warnings)


def test_a_flattened_row_whose_name_ends_in_a_number_word_gets_no_amount_made_of_it():
    grants, _ = _read("Association Montant\nClub des Aînés 1 200 €\nClub Sept deux mille euros\nFoyer Rural 300 €\n")
    assert {amount for _, amount in grants} == {"1200", "300"}  # not 9 000 € ("sept deux mille")


DECIDES = "Le Conseil municipal, après en avoir délibéré,\n\nDÉCIDE d'attribuer les subventions suivantes :\n"


@pytest.mark.parametrize("item, body", [
    ("– 1 200 € à l'antenne gardoise de la Ligue contre le cancer pour l'opération Octobre Rose ;",
     "Ligue contre le cancer"),
    ("– 1 200 € à la section locale du Secours Populaire pour les colis de Noël ;", "Secours Populaire"),
    ("– 1 200 € à la délégation départementale de l'APF France handicap ;", "APF France handicap"),
    ("– 1 200 € à l'unité locale de la Croix-Rouge française ;", "Croix-Rouge française"),
    ("– 1 200 € à l'antenne locale des Restos du Cœur au titre de l'aide alimentaire ;", "Restos du Cœur"),
    # typed without accents
    ("- 1 200 euros a l'antenne locale du Secours Catholique ;", "Secours Catholique"),
])
def test_a_grant_to_a_body_s_branch_named_in_small_letters_goes_to_the_body(item, body):
    text = DECIDES + "– 4 500 € à l'association Cèze Solidarité Santé pour le bus de prévention ;\n" + item
    grants, _ = _read(text + "\n\nAdopté à l'unanimité.")
    assert grants == sorted([("Cèze Solidarité Santé", "4500"), (body, "1200")])


def test_a_branch_in_small_letters_and_the_body_with_its_branch_after_a_dash_name_one_beneficiary():
    small = _read(DECIDES + "– 1 200 € à l'antenne gardoise de la Ligue contre le cancer ;\n\nAdopté.")[0]
    dashed = _read(DECIDES + "– 1 200 € à la Ligue contre le cancer – comité du Gard ;\n\nAdopté.")[0]
    assert small == dashed == [("Ligue contre le cancer", "1200")]


@pytest.mark.parametrize("text", [
    # a budget's section is no branch of a body
    "DÉCIDE d'attribuer une subvention de 1 200 € imputée à la section fonctionnement du Budget principal.",
    # a branch named by its place first: the place is not taken for the body
    "DÉCIDE d'attribuer 1 200 € à l'antenne de Luzech des Restos du Cœur.",
])
def test_what_is_no_branch_of_a_named_body_gives_no_beneficiary_of_its_words(text):
    grants, _ = _read(text)
    assert not [name for name, _ in grants if name in ("Budget principal", "Luzech des Restos du Cœur")]
