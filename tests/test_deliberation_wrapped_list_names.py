"""A list's item with no bullet whose name wraps over two lines before its dot leaders ("Association des parents
d'élèves de l'école" / "Jean-de-La-Fontaine …………… 350 €") is one item: its name joined, the items below it read, and
the total below the list checked. The fixture commune-liste-pointilles-nom-sur-deux-lignes has such a list.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_grants import find_grants

_LIST = ("Le Conseil Municipal, après en avoir délibéré, à l'unanimité,\n"
         "DÉCIDE d'attribuer les subventions suivantes au titre de l'année 2024 :\n\n"
         "Coopérative scolaire de l'école maternelle ……………………… 420 €\n"
         "Association des parents d'élèves de l'école\n"
         "Jean-de-La-Fontaine ……………………………………………… 350 €\n"
         "Foyer socio-éducatif du collège Les Tilleuls …………………… 600 €\n"
         "Sou des écoles laïques ……………………………………………… 780 €\n\n"
         "soit un montant total de {total}.\n\n"
         "DIT que les crédits sont inscrits au budget primitif 2024, article 6574.\n")


def test_a_name_wrapped_over_two_lines_is_joined_and_every_item_below_it_read():
    found = find_grants(_LIST.format(total="2 150 €"))
    assert [(g.beneficiary, g.amount) for g in found.grants] == [
        ("Coopérative scolaire de l'école maternelle", Decimal(420)),
        ("Association des parents d'élèves de l'école Jean-de-La-Fontaine", Decimal(350)),
        ("Foyer socio-éducatif du collège Les Tilleuls", Decimal(600)), ("Sou des écoles laïques", Decimal(780))]
    assert ([(t.amount, t.reconciled) for t in found.totals], found.warnings) == ([(Decimal(2150), True)], [])


def test_the_total_below_a_list_with_a_wrapped_name_is_checked():
    found = find_grants(_LIST.format(total="2 250 €"))
    assert [fr for fr, _ in found.warnings] == [
        "total annoncé 2 250,00 € ≠ somme des subventions extraites 2 150,00 € (« soit un montant total de 2 250 €. »)"]


@pytest.mark.parametrize("lead", [
    "Le Conseil Municipal attribue\nSou des écoles laïques ……………………………………………… 780 €\n",
    "DÉCIDE d'allouer au titre de l'année 2024\nSou des écoles laïques ……………………………………………… 780 €\n",
])
def test_a_lead_without_a_colon_above_an_item_is_no_part_of_its_name(lead):
    names = [g.beneficiary for g in find_grants(lead).grants]
    assert all("attribue" not in name and "allouer" not in name for name in names)
