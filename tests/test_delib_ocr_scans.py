"""What a scan's character recognition (OCR) makes of a deliberation, as a blind test (b10, text t2) found it
misread: accents written apart after their letters (« Pre´sident », « a` », « Valenc¸ay »), a table's border rows
of underscores, a name wrapped over two rows after a dash, amounts with letters among their digits (« 45 OOO € »,
« l 500 € »), a small l for an I in capitals (« L'lNDRE ») or opening a name (« l'lndre »), and a grant word glued
to the next (« subventionsde fonctionnement »). The whole text is a fixture too
(departement-cp-ocr-accents-separes-tableau-bordures).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_text import normalise_text
from graph.ingest.delib_text_layout import join_accents

HEAD = """DEPARTEMENT DE L'INDRE
COMMISSION PERMANENTE
Réunion du 20 janvier 2025
Délibération n° CP-2025-012
OBJET : Attribution de subventions

"""
TABLE_LEAD = "La Commission Permanente DÉCIDE d'attribuer les subventions de fonctionnement suivantes :\n\n"
END = "\nAdopté à l'unanimité.\n"


def _read(tmp_path: Path, text: str):
    """The facts of the deliberation ``text`` and its warnings."""
    path = tmp_path / "d.txt"
    path.write_text(text, encoding="utf-8")
    extraction = extract_fixture(path)
    return deliberation_facts(extraction.graph), extraction.issues


def test_accents_written_apart_after_their_letters_are_joined_before_the_text_is_read(tmp_path):
    facts, _ = _read(tmp_path, """DEPARTEMENT DE L'INDRE
COMMISSION PERMANENTE
Re´union du 20 janvier 2025
De´libe´ration n° CP-2025-012
OBJET : Solidarite´s - Attribution de subventions
Nombre de membres en exercice : 26
Nombre de membres pre´sents : 21
Nombre de pouvoirs : 3
Nombre de votants : 24
Pre´sident de se´ance : M. Ge´rard DUPLAIX, Pre´sident du Conseil de´partemental
Secre´taire de se´ance : Mme Claire BONNIN

La Commission Permanente DECIDE d'attribuer une subvention de fonctionnement de 1 500 € a` l'association Familles \
Rurales de Valenc¸ay.

Adopte´ a` l'unanimite´.

Date de re´ception : 24/01/2025
Publie´ le : 27 janvier 2025
""")
    assert (facts["present_count"], facts["chair"], facts["chair_title"], facts["secretary"]) == \
        (21, "Gérard DUPLAIX", "Président", "Claire BONNIN")
    assert (facts["outcome"], str(facts["published"])) == ("adopted-unanimously", "2025-01-27")
    assert facts["title"] == "Solidarités - Attribution de subventions"
    assert facts["grants"] == [["Familles Rurales de Valençay", "1500"]]


def test_a_combining_accent_after_its_letter_is_joined_whatever_the_text_came_from():
    assert normalise_text("Pre\u0301sident de se\u0301ance : M. Ge\u0301rard DUPLAIX").text == \
        "Président de séance : M. Gérard DUPLAIX"


def test_joined_accents_keep_a_table_in_columns_where_it_stood():
    text = "Be´ne´ficiaire          Montant\nAssociation Se´ve       1 200 €\nClub                    300 €"
    joined = join_accents(text).split("\n")
    assert joined[0] == "Bénéficiaire            Montant"
    assert [line.index(cell) for line, cell in zip(joined, ("Montant", "1 200", "300"))] == [24, 24, 24]


def test_backticks_of_a_line_that_quotes_with_them_are_no_accents():
    assert join_accents("le champ `objet` puis a` l'unanimite´") == "le champ `objet` puis a` l'unanimité"


def test_a_backtick_typed_for_an_apostrophe_after_qu_is_no_accent():
    assert join_accents("lorsqu`il vote, ou` qu´il siège") == "lorsqu`il vote, où qu´il siège"


def test_a_warning_on_a_date_finds_its_line_through_the_accents_written_apart(tmp_path):
    _, issues = _read(tmp_path, HEAD + TABLE_LEAD.replace("DÉCIDE", "DE´CIDE le 30 fe´vrier 2025")
                      + "- Club des Aînés : 1 200 €\n" + END)
    impossible = [i for i in issues if i.message.startswith("date impossible")]
    assert [(i.message.split(" :")[0], i.line) for i in impossible] == [("date impossible « 30 février 2025 »", 7)]


TABLE = """|____________________________________|___________________|___________|
| Bénéficiaire                       | Objet             | Montant   |
|____________________________________|___________________|___________|
| Fédération ADMR de l'Indre         | fonctionnement    | 45 000 €  |
| Secours Populaire Français -       | aide alimentaire  | 8 200 €   |
| Fédération de l'Indre              |                   |           |
|____________________________________|___________________|___________|
| TOTAL                              |                   | 53 200 €  |
|____________________________________|___________________|___________|
"""


def test_border_rows_of_underscores_are_a_tables_rules_and_its_heading_gives_the_nature(tmp_path):
    facts, _ = _read(tmp_path, HEAD + TABLE_LEAD + TABLE + END)
    names = ["Fédération ADMR de l'Indre", "Secours Populaire Français - Fédération de l'Indre"]
    assert sorted(facts["grants"]) == [[names[0], "45000"], [names[1], "8200"]]
    assert facts["stated_totals"] == ["53200"]
    assert facts["natures"] == dict.fromkeys(names, "operating")


def test_rows_that_border_rules_keep_as_a_block_under_the_head_and_above_the_total_stay_rows(tmp_path):
    table = """|____________________________________|___________________|___________|
| Bénéficiaire                       | Objet             | Montant   |
|------------------------------------|-------------------|-----------|
| Fédération ADMR de l'Indre         | fonctionnement    | 45 000 €  |
| Secours Populaire Français         | aide alimentaire  | 8 200 €   |
| Club                               | aide              | 1 000 €   |
|_________________________________|______________________|___________|
| TOTAL                              |                   | 54 200 €  |
|__________________________________|_____________________|___________|
"""
    facts, _ = _read(tmp_path, HEAD + TABLE_LEAD + table + END)
    assert sorted(facts["grants"]) == [["Club", "1000"], ["Fédération ADMR de l'Indre", "45000"],
                                       ["Secours Populaire Français", "8200"]]


def test_a_name_wrapped_after_a_dash_that_stands_apart_keeps_its_space(tmp_path):
    rows = "\n".join(line for line in TABLE.split("\n") if "___" not in line)
    facts, _ = _read(tmp_path, HEAD + TABLE_LEAD + rows + END)
    assert ["Secours Populaire Français - Fédération de l'Indre", "8200"] in facts["grants"]


@pytest.mark.parametrize("rows, grants", [
    ("- Fédération ADMR : 45 OOO €\n- Familles Rurales : l 500 €\n- Banque Alimentaire : l2 750 €\n",
     [["Banque Alimentaire", "12750"], ["Familles Rurales", "1500"], ["Fédération ADMR", "45000"]]),
    ("| Bénéficiaire | Montant |\n| Fédération ADMR | 45 OOO € |\n| Familles Rurales | l 500 € |\n",
     [["Familles Rurales", "1500"], ["Fédération ADMR", "45000"]]),
], ids=["list", "table"])
def test_an_amount_with_letters_for_its_digits_before_its_currency_is_read_and_said(tmp_path, rows, grants):
    facts, issues = _read(tmp_path, HEAD + TABLE_LEAD + rows + END)
    assert sorted(facts["grants"]) == grants
    assert any("45 OOO → 45 000" in i.message and "OCR" in i.message for i in issues)


def test_a_small_l_for_an_i_in_a_word_in_capitals_is_an_i_in_the_authority(tmp_path):
    facts, issues = _read(tmp_path, HEAD.replace("L'INDRE", "L'lNDRE") + TABLE_LEAD.replace("suivantes :", "de "
                          "1 500 € à l'association Familles Rurales de Valençay.") + END)
    assert facts["authority"] == "Département de l'Indre"
    assert any("1 lecture corrigée (« lNDRE → INDRE »)" in i.message for i in issues)


def test_a_scans_small_l_that_opens_a_name_before_a_consonant_is_an_i(tmp_path):
    facts, _ = _read(tmp_path, HEAD.replace("20 janvier 2025", "2O janvier 2O25") + "La Commission Permanente DÉCIDE "
                     "d'attribuer une subvention de 1 500 € à la Fédération ADMR de l'lndre.\n" + END)
    assert facts["grants"] == [["Fédération ADMR de l'Indre", "1500"]]


def test_a_grant_word_glued_to_the_particle_after_it_still_gives_a_tables_nature(tmp_path):
    rows = "| Bénéficiaire | Montant |\n| Fédération ADMR | 45 000 € |\n| Familles Rurales | 1 500 € |\n"
    facts, _ = _read(tmp_path, HEAD + TABLE_LEAD.replace("subventions de", "subventionsde") + rows + END)
    assert facts["natures"] == {"Fédération ADMR": "operating", "Familles Rurales": "operating"}
