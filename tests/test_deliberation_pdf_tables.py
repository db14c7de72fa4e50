"""Grant tables that a PDF draws without vertical rules (fixtures/deliberations/pdf/tableau-*.pdf, printed from the
HTML beside them): each row one ``| … |`` line with its cells whole, a row that a page break cuts made whole.

Their expected facts are checked with the other PDFs' (tests/test_deliberation_pdf.py); here, the text the reader
gets, and the rules on small tables of lines placed by hand.
"""

from __future__ import annotations

import pytest

from graph.ingest.delib_pdf_tables import GridTable, grid_tables, join_parts
from graph.ingest.pdf_lines import Line
from tests.test_deliberation_pdf import text_of


def table_lines(name: str) -> list[str]:
    """The ``| … |`` lines of the text of ``NAME.pdf``, the last one a page's, if any."""
    return [line for line in text_of(name).splitlines() if line.startswith("|")]


def test_the_wrapped_cells_of_a_table_without_rules_are_read_whole_one_row_a_line():
    assert table_lines("tableau-sans-filets-objets-sur-plusieurs-lignes") == [
        "| Bénéficiaire | Objet de la subvention | Montant |",
        "| Comité des fêtes de Villers-sur-Audelle | Organisation de la fête patronale et du marché de Noël, location "
        "du chapiteau | 2 800 € |",
        "| Amicale des sapeurs-pompiers | Fonctionnement | 650 € |",
        "| Association familiale et intercommunale d'aide à domicile du canton de Brenne-Nord | Portage de repas aux "
        "personnes âgées isolées | 4 200 € |",
        "| Union sportive audellienne | Achat de buts mobiles et de filets pour le terrain d'entraînement, "
        "déplacements de l'équipe des moins de 13 ans en championnat régional | 3 150 € |",
        "| Les Amis de la bibliothèque | Animations lecture en direction des écoles | 480 € |",
        "| Total |  | 11 280 € |",
    ]


@pytest.mark.parametrize("name, row", [
    ("tableau-filets-ouverts-ligne-coupee-par-la-page",
     "| Association pour la sauvegarde du patrimoine religieux et des chapelles rurales du canton de Haute-Brèche "
     "| Restauration des vitraux de la chapelle Saint-Roch, journées européennes du patrimoine, visites guidées et "
     "conférences | 6 300 € |"),
    ("tableau-filet-d-entete-montants-en-bas-ligne-coupee-par-la-page",
     "| Foyer laïque d'éducation permanente de Lavernède et des communes associées de la vallée de l'Orbize et du "
     "plateau de Montagut | Rencontres théâtrales intercommunales, ateliers d'écriture et de mise en scène avec les "
     "collégiens, représentation publique de fin d'année au théâtre de verdure | 3 400 € |"),
])
def test_a_row_that_a_page_break_cuts_is_one_row_of_one_table(name, row):
    lines = table_lines(name)
    assert (row in lines, len([line for line in lines if "Total" in line]), lines[0].count("|")) == (True, 1, 4)


def test_the_header_repeated_on_the_next_page_and_the_running_lines_leave_the_table_whole():
    text = text_of("tableau-filets-ouverts-ligne-coupee-par-la-page")
    rows = text.split("| Bénéficiaire | Objet | Montant |\n")
    assert len(rows) == 2 and all(line.startswith("|") for line in rows[1].splitlines()[:14])


def words(top: float, *placed: tuple[str, float]) -> Line:
    """A line of words 8 pt high, each given as (text, x0), 5 pt a letter."""
    parts = tuple({"text": text, "x0": x0, "x1": x0 + 5 * len(text), "top": top, "bottom": top + 8}
                  for text, x0 in placed)
    return Line(top, parts[0]["x0"], parts[-1]["x1"], " ".join(t for t, _ in placed), parts)


#: A table's heads: the names at x 40, the amounts at x 300 (a gutter between).
HEAD = words(100, ("Bénéficiaire", 40), ("Montant", 300))


def test_a_name_wrapped_over_lines_is_one_row_with_the_amount_of_its_first_line():
    lines = [HEAD, words(114, ("Club", 40), ("des", 65), ("aînés", 85), ("500", 300), ("€", 320)),
             words(124, ("de", 40), ("Brossac", 55)),
             words(138, ("Judo", 40), ("Club", 65), ("300", 300), ("€", 320))]
    (table, taken), = grid_tables(lines, [])
    assert (table.rows, taken) == ([["Club des aînés de Brossac", "500 €"], ["Judo Club", "300 €"]], {0, 1, 2, 3})


def test_a_section_heading_across_the_columns_is_a_row_of_its_own_and_the_table_goes_on():
    lines = [HEAD, words(114, ("ASSOCIATIONS", 40), ("SPORTIVES", 105), ("ET", 155), ("CULTURELLES", 170),
                         ("DU", 230), ("CANTON", 245), ("DE", 280), ("VAUX", 295)),
             words(128, ("Judo", 40), ("Club", 65), ("300", 300), ("€", 320))]
    (table, _), = grid_tables(lines, [])
    assert table.rows == [["ASSOCIATIONS SPORTIVES ET CULTURELLES DU CANTON DE VAUX", ""], ["Judo Club", "300 €"]]


@pytest.mark.parametrize("below", [
    [words(138, ("Adopté", 40), ("à", 75), ("l'unanimité.", 85))],  # a sentence at a cell's line spacing
    [words(138, ("Les", 40), ("crédits", 60), ("sont", 100), ("inscrits", 125), ("au", 170), ("budget", 185),
           ("de", 220), ("la", 235), ("commune", 250)),  # prose across the columns, at a cell's line spacing
     words(148, ("pour", 40), ("l'exercice", 65), ("2024.", 120))],
])
def test_the_text_right_below_a_table_is_none_of_its_rows(below):
    lines = [HEAD, words(114, ("Club", 40), ("des", 65), ("aînés", 85), ("500", 300), ("€", 320)),
             words(128, ("Total", 40), ("500", 300), ("€", 320))] + below
    (table, taken), = grid_tables(lines, [])
    assert (table.rows[-1], taken) == (["Total", "500 €"], {0, 1, 2})


def test_a_table_of_cofunders_is_left_to_the_text():
    assert grid_tables([words(100, ("Financeur", 40), ("Montant", 300)),
                        words(114, ("Région", 40), ("500", 300), ("€", 320))], []) == []


def part(rows: list[list[str]], amounts: list[bool], closed: bool = False) -> GridTable:
    return GridTable(0, ["Bénéficiaire", "Objet", "Montant"], [HEAD], [2], [2], rows, amounts, closed)


def test_a_row_whose_amount_the_page_break_sent_to_the_next_page_is_joined_to_its_beginning():
    first = part([["Club A", "Fête", "100 €"], ["Association pour la sauvegarde du", "Restauration de la", ""]],
                 [True, False])
    then = part([["patrimoine", "chapelle", "6 300 €"], ["Club B", "Sortie", "200 €"]], [True, True])
    assert join_parts(first, then).rows == [
        ["Club A", "Fête", "100 €"], ["Association pour la sauvegarde du patrimoine", "Restauration de la chapelle",
                                      "6 300 €"], ["Club B", "Sortie", "200 €"]]


@pytest.mark.parametrize("first, then", [
    (part([["Club A", "Fête", "100 €"]], [True], closed=True), part([["Patrimoine", "chapelle", ""]], [False])),
    (part([["Club A", "Fête", "100 €"]], [True]), part([["SPORT", "", ""]], [False])),
    (part([["Club A", "Fête", "100 €"]], [True]), part([["Club B", "Sortie", "200 €"]], [True])),
])
def test_rows_on_two_pages_stay_apart_when_a_rule_closes_the_first_a_heading_opens_the_next_or_both_are_whole(
        first, then):
    assert len(join_parts(first, then).rows) == 2
