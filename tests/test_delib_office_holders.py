"""The members in office that a count of the present gives beside it ("17 conseillers départementaux sur 22 en
exercice"), and the proxies given to an office ("à M. le Président", "au Maire"): held by the person the text names
in that office, else by the office itself.
"""

from __future__ import annotations

import pytest

from graph.ingest.delib_facts import extract_fixture, session_facts
from graph.ingest.delib_people import parse_attendance
from graph.namespaces import MAI


@pytest.mark.parametrize("line, in_office, present", [
    ("Étaient présents : 17 conseillers départementaux sur 22 en exercice.", 22, 17),
    ("Présents : 15 membres sur 19 conseillers municipaux en exercice.", 19, 15),
    ("Présents : 17 sur 22 en exercice.", 22, 17),
])
def test_the_members_in_office_after_the_present_out_of_them_are_read(line, in_office, present):
    attendance = parse_attendance(line)
    assert (attendance.in_office, attendance.present_count) == (in_office, present)


def test_sur_before_a_figure_that_is_no_count_of_members_in_office_is_not_read():
    assert parse_attendance("Une aide de 400 € sur 24 mois ; membres présents : 12.").in_office is None


@pytest.mark.parametrize("proxies, chair, holder", [
    ("M. Serge CONDAMINE à M. le Président", "Présidence : M. Henri-Paul MONTEIL, Président.", "Henri-Paul MONTEIL"),
    ("M. Serge CONDAMINE au Président", "Présidence : M. Henri-Paul MONTEIL, Président.", "Henri-Paul MONTEIL"),
    ("M. Serge CONDAMINE (pouvoir à Mme la Présidente)", "Présidence : Mme Anne MOREL, Présidente.", "Anne MOREL"),
    ("M. Serge CONDAMINE à M. le Maire", "Le Maire,\nJean DUPONT", "Jean DUPONT"),
    # no one named in the office: a proxy counted, its holder unnamed (a person "le Président" would be every text's)
    ("M. Serge CONDAMINE à M. le Président", "", None),
    ("M. Serge CONDAMINE (pouvoir à Mme la Maire)", "", None),
])
def test_a_proxy_to_an_office_is_held_by_who_holds_it_or_else_by_no_one_named(proxies, chair, holder):
    attendance = parse_attendance(f"Pouvoirs : {proxies}.\n{chair}\n")
    assert [(p.giver.label, p.holder.label if p.holder else None) for p in attendance.proxies] == [
        ("Serge CONDAMINE", holder)]


_COMMISSION = """CONSEIL DÉPARTEMENTAL DU CANTAL-FICTIF
Commission permanente
Réunion du lundi 16 septembre 2024
Délibération n° 24-CP-09-041
OBJET : Bourses départementales d'études

Étaient présents : 17 conseillers départementaux sur 22 en exercice.
Pouvoirs : 3 (M. Bruno LAVAL à Mme Françoise TEYSSÈDRE ; Mme Nadine PUECH à M. Henri VALADOU ; M. Serge
CONDAMINE à M. le Président).
Absents excusés : Mme Josette BRUEL, M. Olivier ROQUES.

Présidence : M. Henri-Paul MONTEIL, Président du Conseil départemental.

La Commission permanente, après en avoir délibéré, DÉCIDE d'attribuer une bourse de 7 200 € à M. Hugo CASTELNAU.

Adopté à l'unanimité des membres présents et représentés.
"""


def test_a_commissions_members_in_office_and_its_proxy_to_its_president_are_read(tmp_path):
    path = tmp_path / "cp.txt"
    path.write_text(_COMMISSION, encoding="utf-8")
    graph = extract_fixture(path).graph
    deliberation = next(graph.subjects(MAI.session, None))
    facts = session_facts(graph, next(graph.objects(deliberation, MAI.session)), deliberation)
    assert (facts["in_office"], facts["present_count"], facts["proxies"], facts["proxy_holders"]) == (22, 17, 3, 3)
