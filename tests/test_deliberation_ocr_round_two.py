"""A scanned deliberation's list of grants, second round (review h24, text d6): a running head repeated at each page
break inside the list, a lead word that OCR garbled a letter of, a club's dotted initials before dot leaders."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.delib_facts import deliberation_facts, extract_fixture

HEADING = """COMMUNE DE SAINT-GERMAIN-DES-FOSSES-FICTIF
EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL

Séance du 22 mai 2O25

Nombre de conseillers en exercice : 15    Présents : 12    Votants : 13
Date de convocation : l6 mai 2025

L'an deux mille vingt-cinq, le vingt-deux mai à l9 h 00, le Conseil municipal s'est réuni en mairie sous la
présidence de Mme Paulette CHARRIER, Maire.

Présents : Mme Paulette CHARRIER, M. Roger AUFAUVRE, Mme Denise BARDET, M. Gilles CHAMBONNIER, Mme Eliane
DEVAUX, M. Fernand GIRAUD, Mme Hélène JAMET, M. Louis LAFAYE, Mme Marcelle MOMPEYSSIN, M. Noël PERONNET,
Mme Rose SABY, M. Théo VERNIER.
Absent représenté : M. Alain BOUCHET (pouvoir à Mme Paulette CHARRIER).
Absents : Mme Josette DUPUIS, M. Jacques FAYET.
Secrétaire de séance : Mme Hélène JAMET.

Délibération n° 2O25-O22
Objet : Attribution des subventions aux associations communales pour l'année 2025

Madame le Maire présente les demandes de subventions. Il est proposé d'attribuer les subventions suivantes :

"""
DECISION = """
Le Conseil municipal, après en avoir délibéré, à l'unanimité,
DECIDE d'attribuer les subventions telles que présentées ci-dessus ;
DIT que les crédits sont inscrits au budget primitif 2025, article 6574.
"""


def grants(tmp_path: Path, rows: str, name: str = "d.txt") -> tuple[list, list[str]]:
    """The grants read from a deliberation whose list is ``rows``, and its warnings."""
    path = tmp_path / name
    path.write_text(HEADING + rows + DECISION, encoding="utf-8")
    extraction = extract_fixture(path)
    return sorted(deliberation_facts(extraction.graph)["grants"]), [i.message for i in extraction.issues]


@pytest.mark.parametrize("footer, head", [
    ("Commune de Saint-Germain-des-Fossés-Fictif – Conseil municipal du 22 mai 2025                    Page {}/3",
     "Registre des délibérations – Délibération n° 2025-022"),
    ("Saint-Germain-des-Fossés-Fictif        {} / 3",
     "Registre des délibérations – Feuillet n° 2025-14{}\nSéance publique"),
    ("Délibération 2025-022                      Page {} sur 3\n__________",
     "Recueil des actes administratifs n° 14"),
])
def test_a_running_head_repeated_at_each_page_break_is_taken_out_of_a_list_and_the_rows_below_it_are_read(
        tmp_path, footer, head):
    rows = ("- Comité des fêtes de Saint-Germain ............... 1 5OO €\n"
            "- Amicale des Sapeurs-Pompiers .............................. 35O €\n\n"
            f"{footer.format(2)}\n{head.format(2)}\n\n"
            "- Société de pêche La Gaule Germinoise ............... 25O €\n"
            "- Association Familles Rurales ......................... l 200 €\n\n"
            "soit un total de 3 3OO €.\n\n"
            f"{footer.format(3)}\n{head.format(3)}\n\n")
    found, warnings = grants(tmp_path, rows)
    assert found == [["Amicale des Sapeurs-Pompiers", "350"], ["Association Familles Rurales", "1200"],
                     ["Comité des fêtes de Saint-Germain", "1500"], ["Société de pêche La Gaule Germinoise", "250"]]
    assert not any("total annoncé" in w for w in warnings)


@pytest.mark.parametrize("lead, right", [("l'associaticn", "l'association"), ("L'ASSOCIATIQN", "L'ASSOCIATION"),
                                         ("Associatiom", "Association"), ("l'assocjation", "l'association")])
def test_a_scans_lead_word_one_letter_off_association_is_read_as_it_and_its_row_kept(tmp_path, lead, right):
    def rows(word: str) -> str:
        return (f"- {word} Les Amis de l'Ecole ..................... 8OO €\n"
                "- Amicale des Sapeurs-Pompiers .............................. 35O €\n\n"
                "soit un total de 1 15O €.\n")

    found, warnings = grants(tmp_path, rows(lead))
    assert found == grants(tmp_path, rows(right), "right.txt")[0]
    assert len(found) == 2 and ["Amicale des Sapeurs-Pompiers", "350"] in found
    assert not any("total annoncé" in w for w in warnings)


@pytest.mark.parametrize("initials, leader", [("U.S.S.G.", " ........................... "),
                                              ("A.S.P.T.T.", " …… "), ("U.S.C.", "........ ")])
def test_a_clubs_dotted_initials_before_dot_leaders_keep_its_row_and_their_last_dot(tmp_path, initials, leader):
    rows = (f"- Club de football {initials}{leader}2 l00 €\n"
            "- Amicale des Sapeurs-Pompiers .............................. 35O €\n\n"
            "soit un total de 2 45O €.\n")
    found, warnings = grants(tmp_path, rows)
    assert found == [["Amicale des Sapeurs-Pompiers", "350"], [f"Club de football {initials}", "2100"]]
    assert not any("total annoncé" in w for w in warnings)
