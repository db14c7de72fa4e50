"""What a fifth blind test of the deliberation reader misread in its lists of grants, each a rule with a few lines of
text: items numbered "1°", "2°" (the number is no part of the name, and an item may wrap its amount to the next
line), an "aux" inside an item's name ("Association Accès aux Soins" is not a grant "aux Soins"), and a heading
inside a list ("Thème 1 – …" above dash items, "Budget principal – chapitre 65, article 6574 :" above dotted lines)
that groups the items below it. Two of their texts are fixtures too (agglo-conseil-ptce-sante-…, cc-2024-del-0157-…).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_grants import find_grants


def _read(body: str) -> tuple[list[tuple[str, Decimal]], list[Decimal], list[str]]:
    found = find_grants(body, "Subventions aux associations")
    return (sorted((g.beneficiary, g.amount) for g in found.grants), sorted(t.amount for t in found.totals),
            [fr.split(" :")[0] for fr, _ in found.warnings])


_DECIDES = "Le Conseil municipal, après en avoir délibéré,\n\n"


@pytest.mark.parametrize("lead", ["DÉCIDE d'attribuer les subventions suivantes :",
                                  "DÉCIDE :\n\nUne enveloppe de 20 000 € est répartie comme suit :"])
def test_the_number_of_an_item_numbered_with_a_degree_sign_is_no_part_of_its_name(lead):
    grants, _, _ = _read(f"{_DECIDES}{lead}\n\n1° Association Penthièvre Solidarité, pour le transport : 3 000 € ;\n"
                         "2° Centre social Le Goëland, pour les ateliers : 4 800 € ;\n")
    assert grants == [("Association Penthièvre Solidarité", Decimal(3000)),
                      ("Centre social Le Goëland", Decimal(4800))]


def test_an_item_numbered_with_a_degree_sign_may_wrap_its_amount_to_the_next_line():
    grants, _, _ = _read(f"{_DECIDES}DÉCIDE :\n\nUne enveloppe de 20 000 € est répartie comme suit :\n\n"
                         "1° Association Penthièvre Solidarité, pour le transport solidaire vers les consultations :\n"
                         "   3 000 € ;\n2° Centre social Le Goëland, pour les ateliers : 4 800 € ;\n\n"
                         "Le solde de l'enveloppe, soit 12 200 €, reste disponible.\n")
    assert grants == [("Association Penthièvre Solidarité", Decimal(3000)),
                      ("Centre social Le Goëland", Decimal(4800))]


@pytest.mark.parametrize("item, name", [
    ("- Association Penthièvre Accès aux Soins : 3 000 € ;", "Association Penthièvre Accès aux Soins"),
    ("- Association d'Aide aux Victimes : 3 000 € ;", "Association d'Aide aux Victimes"),
    ("1° Association Accès aux Droits, pour les permanences : 3 000 € ;", "Association Accès aux Droits"),
    ("- Versement au Club Nautique : 3 000 € ;", "Club Nautique"),  # a grant's word opens it: "au X" is whom to
])
def test_an_au_inside_the_name_that_opens_a_list_item_is_part_of_the_name(item, name):
    grants, _, _ = _read(f"{_DECIDES}DÉCIDE d'attribuer les subventions suivantes :\n{item}\n"
                         "- Centre social Le Goëland : 4 800 € ;\n")
    assert grants == sorted([(name, Decimal(3000)), ("Centre social Le Goëland", Decimal(4800))])


_THEMES = ("{lead}\n{gap}Thème 1 – Aide aux aidants\n"
           "{indent}- la SCIC Tarn Santé Solidaire, pour l'animation du pôle : 22 000 €\n"
           "{indent}- l'association Relais Aidants Albigeois : 6 500 €\n\n"
           "Thème 2 – Santé mentale des jeunes\n{indent}- l'association Maison des adolescents du Tarn : 9 000 €\n")


@pytest.mark.parametrize("lead", ["DÉCIDE d'apporter le soutien suivant, au titre de l'exercice 2024 :",
                                  "DÉCIDE d'attribuer les subventions suivantes :"])
@pytest.mark.parametrize("gap, indent", [("\n", "  "), ("", "  "), ("", "")])
def test_a_heading_line_above_dash_items_groups_them_under_the_lead(lead, gap, indent):
    grants, _, warnings = _read(_DECIDES + _THEMES.format(lead=lead, gap=gap, indent=indent))
    assert (grants, warnings) == ([("Maison des adolescents du Tarn", Decimal(9000)),
                                   ("Relais Aidants Albigeois", Decimal(6500)),
                                   ("SCIC Tarn Santé Solidaire", Decimal(22000))], [])


def test_budget_headings_with_their_account_above_dotted_lines_are_sections_of_the_list():
    grants, totals, warnings = _read(
        f"{_DECIDES}ARTICLE 1 : ATTRIBUE les subventions suivantes :\n\n"
        "Budget principal – chapitre 65, article 6574 :\n"
        "  Association Bresse Prévention Jeunes ................................ 4 000 €\n"
        "  La Maison des Familles de Louhans .................................... 6 000 €\n"
        "  Sous-total budget principal ......................................... 10 000 €\n\n"
        "Budget annexe « Pôle de santé » – chapitre 65, article 6574 :\n"
        "  Association Sport Santé Bresse ....................................... 1 500 €\n\n"
        "Total général ......................................................... 11 500 €\n\n"
        "ARTICLE 2 : DIT que les crédits sont inscrits au budget principal.\n")
    assert (grants, totals, warnings) == ([("Association Bresse Prévention Jeunes", Decimal(4000)),
                                           ("Association Sport Santé Bresse", Decimal(1500)),
                                           ("La Maison des Familles de Louhans", Decimal(6000))],
                                          [Decimal(10000), Decimal(11500)], [])


def test_an_article_of_the_decision_ending_with_a_colon_is_still_no_section_heading():
    grants, _, _ = _read(f"{_DECIDES}ARTICLE 1 : ATTRIBUE les subventions suivantes :\n"
                         "- Club A : 500 € ;\nArticle 2 – Imputation :\n- la cotisation au CNAS : 300 € ;\n")
    assert grants == [("Club A", Decimal(500))]
