"""OCR'd scans: a page's running header written again at a page break with no page footer before it ("Registre des
délibérations – Délibération n° 2025-022", "Conseil municipal du 12 mars 2025" alone between two rows of a list of
grants) is dropped, known as a line the text opens with, so that the list goes on and a row that it cut joins up;
genuine lines stay. The fixture commune-ocr-entete-courant-sans-pied-de-page has such headers in its list.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_running_heads import drop_running_heads
from graph.ingest.delib_text import normalise_text

_HEAD = "Registre des délibérations – Délibération n° 2025-022\nConseil municipal du 12 mars 2025\n"
_TOP = (_HEAD + "\nCOMMUNE DE SAINT-GERVAIS-FICTIF\n\nEXTRAIT DU REGISTRE DES DELIBERATIONS\n\n"
        "Séance du 12 mars 2025\n\n"
        "Conseillers en exercice : 15\nPrésents : 12\nVotants : 14\n\nOBJET : Subventions 2025\n\n"
        "Le Conseil municipal, après en avoir délibéré, DECIDE d'attribuer les subventions suivantes :\n\n")
_GRANTS = [("Amicale des sapeurs-pompiers", Decimal(600)), ("Comité des fêtes de Saint-Gervais", Decimal(1200)),
           ("Club des aînés Les Trois Fontaines", Decimal(450)), ("Gym volontaire Saint-Gervaisienne", Decimal(400))]


def _grants(text: str) -> list[tuple[str, Decimal]]:
    return sorted((g.beneficiary, g.amount) for g in find_grants(normalise_text(text).body).grants)


@pytest.mark.parametrize("head", ["Registre des délibérations – Délibération n° 2025-022",
                                  "Conseil municipal du 12 mars 2025", _HEAD.rstrip("\n")])
def test_a_running_header_between_two_rows_of_a_list_does_not_end_it(head):
    rows = ["Amicale des sapeurs-pompiers ........ 600 €", "Comité des fêtes de Saint-Gervais ........ 1 200 €",
            "Club des aînés Les Trois Fontaines ........ 450 €", "Gym volontaire Saint-Gervaisienne ........ 400 €"]
    text = _TOP + "\n".join(rows[:2] + [head] + rows[2:]) + "\n\nsoit un total de 2 650 €.\n"
    assert _grants(text) == sorted(_GRANTS)


@pytest.mark.parametrize("blank", ["", "\n"])
def test_a_running_header_inside_a_row_lets_the_row_join_up(blank):
    text = _TOP + ("- Amicale des sapeurs-pompiers ........ 600 €\n- Association des parents d'élèves de l'école\n"
                   f"{blank}Conseil municipal du 12 mars 2025\n{blank}"
                   "  Jean-de-La-Fontaine ........ 350 €\n- Club des aînés Les Trois Fontaines ........ 450 €\n")
    assert ("Association des parents d'élèves de l'école Jean-de-La-Fontaine", Decimal(350)) in _grants(text)


def test_a_running_header_between_rows_of_a_table_is_no_part_of_a_name():
    text = _TOP + ("Association                              Objet              Montant\n"
                   "Amicale des sapeurs-pompiers             Fonctionnement       600 €\n"
                   "Comité des fêtes de Saint-Gervais        Fête patronale     1 200 €\n"
                   "Registre des délibérations – Délibération n° 2025-022\n"
                   "Club des aînés Les Trois Fontaines       Fonctionnement       450 €\n"
                   "Gym volontaire Saint-Gervaisienne        Fonctionnement       400 €\n")
    assert _grants(text) == sorted(_GRANTS)


@pytest.mark.parametrize("body", [
    # the heading written again over a second extract, between paragraphs
    _TOP + "Club A ........ 600 €\n\nAdopté.\n\n" + _HEAD + "\nSéance du 12 mars 2025\n",
    # below a rule that ends the first extract
    _TOP + "Club A ........ 600 €\n\nAdopté.\n------------\n\n" + _HEAD + "\nSéance du 12 mars 2025\n",
    # between a table's total and the next article, blank lines around
    _TOP + "Club A        600 €\n       TOTAL        600 €\n\nConseil municipal du 12 mars 2025\n\nArticle 2 : dit\n",
    # an agenda at the top, whose items' headings come again below, in a PDF's text without blank lines
    "COMMUNE DE SAINT-GENEST-FICTIF\nOrdre du jour :\nDélibération n° 2024-021 – Subvention au club\n"
    "Présents : 7 – Votants : 8\nDélibération n° 2024-021 – Subvention au club\nLe Maire propose 600 €.\n",
    "Délibération n° 2024-021 – Subvention au club\nCOMMUNE DE SAINT-GENEST-FICTIF\nPrésents : 7 – Votants : 8\n"
    "Adopté.\nDélibération n° 2024-021 – Subvention au club\nLe Maire propose 600 €.\n",
    # a line the text opens with, then says again in a sentence's lines that are not a header's
    "COMMUNE DE LUZECH\nSubventions aux associations\n\nLe Maire présente :\nSubventions aux associations,\n"
    "dont la liste suit.\n",
    # a one-word line, a label, said again
    "Délibération\nObjet : Subventions\n\nClub A 600 €\nDélibération\nObjet : Subventions\nClub B 300 €\n",
])
def test_a_line_that_stands_apart_or_is_no_running_header_stays(body):
    assert drop_running_heads(body) == body
