"""What a third blind test of the deliberation reader misread, each a rule with a few lines of text: the members
present "à la séance", a prize's laureate in a list, a commune of a canton's list and the total rows below it, a
member's dues in a table's "Nature" column, a PDF table's rows with no amount, and the end of a "chacune" list.
Their texts are fixtures too (ville-trophees-…, departement-cp-…, cc-cotisations-…, petr-appel-a-projets-…).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from graph.ingest.delib_counts import parse_counts
from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_people import Attendance
from tests.test_deliberation_pdf_pages import text_pdf


def _read(body: str, title: str = "") -> tuple[list[tuple[str, Decimal]], list[Decimal], list[str]]:
    found = find_grants(body, title)
    return (sorted((g.beneficiary, g.amount) for g in found.grants), [t.amount for t in found.totals],
            [fr for fr, _ in found.warnings])


def test_the_members_present_at_the_session_are_the_present_count():
    attendance = Attendance()
    parse_counts("En exercice : 33\nPrésents à la séance : 26\nProcurations : 5\nVotants : 31", attendance)
    assert (attendance.in_office, attendance.present_count, attendance.vote_count) == (33, 26, 31)


_PRIZES = ("Le Conseil municipal, après en avoir délibéré, à l'unanimité,\n"
           "DÉCIDE de verser les dotations suivantes :\n\n"
           "Trophée d'or (1er prix, 1 500 €) : l'association Les Pieds dans l'Herbe, pour ses marches santé ;\n"
           "Prix « coup de cœur » du jury (300 €) : Mme Lina BENSAÏD, infirmière libérale.\n")


def test_a_prize_named_before_a_colon_is_a_grant_to_its_laureate_named_after_it():
    grants, _, warnings = _read(_PRIZES)
    assert grants == [("Les Pieds dans l'Herbe", Decimal(1500)), ("Lina BENSAÏD", Decimal(300))]
    assert warnings == []


def test_a_prizes_label_is_no_name_when_its_laureate_and_amount_follow_the_colon():
    body = ("Le Conseil municipal DÉCIDE d'attribuer les subventions suivantes :\n"
            "- 1er prix : Les Pieds dans l'Herbe, 1 500 € ;\n- 2e prix : le Collectif des 3 Fontaines, 1 000 €.\n")
    assert _read(body)[0] == [("Collectif des 3 Fontaines", Decimal(1000)), ("Les Pieds dans l'Herbe", Decimal(1500))]
    unbulleted = body.replace("- ", "").replace("d'attribuer les subventions", "de verser les dotations") \
        .replace(":\n", ":\n\n", 1)
    assert _read(unbulleted)[0] == _read(body)[0]


def test_the_prizes_dotations_above_for_a_total_amount_is_their_stated_total():
    body = _PRIZES + "\n- DÉCIDE de verser aux lauréats les dotations ci-dessus, pour un montant total de 1 800 € ;\n"
    grants, totals, warnings = _read(body)
    assert len(grants) == 2 and totals == [Decimal(1800)] and warnings == []


_CANTONS = ("La Commission permanente DÉCIDE d'attribuer les aides suivantes :\n\n"
            "Canton de Lamastre\n"
            "  Désaignes – réfection de la toiture de la mairie ........................ 14 300 €\n"
            "  Arlebosc – mise aux normes de l'école ................................... 8 750 €\n"
            "  Sous-total canton de Lamastre ........................................ 23 050 €\n\n"
            "Canton du Cheylard\n"
            "  Le Cheylard – aménagement de la maison de santé ......................... 5 000 €\n"
            "  Sous-total canton du Cheylard ......................................... 5 000 €\n\n"
            "TOTAL DE LA RÉPARTITION .......................................................... 28 050 €\n\n"
            "Adopté à l'unanimité.\n")


def test_a_place_listed_under_a_cantons_heading_is_a_commune():
    grants, _, _ = _read(_CANTONS)
    assert grants == [("Commune d'Arlebosc", Decimal(8750)), ("Commune de Désaignes", Decimal(14300)),
                      ("Commune du Cheylard", Decimal(5000))]


def test_a_list_s_sub_totals_and_total_lines_are_stated_totals_and_no_one_s_grant():
    _, totals, warnings = _read(_CANTONS)
    assert sorted(totals) == [Decimal(5000), Decimal(23050), Decimal(28050)] and warnings == []


def test_a_total_line_with_words_after_total_below_a_list_is_its_stated_total():
    body = ("La Commission permanente DÉCIDE d'attribuer les aides suivantes :\n\n"
            "  Désaignes – réfection de la toiture .............. 14 300 €\n"
            "  Nozières – mise aux normes de l'école ............ 8 750 €\n"
            "TOTAL DE LA RÉPARTITION ............................ 23 050 €\n\nAdopté à l'unanimité.\n")
    grants, totals, warnings = _read(body)
    assert [name for name, _ in grants] == ["Désaignes", "Nozières"]
    assert totals == [Decimal(23050)] and warnings == []


_DUES_TABLE = ("Les montants appelés pour 2024 sont les suivants :\n\n"
               "  Organisme                                  Nature                       Montant 2024\n"
               "  Association des Maires Ruraux du Tarn      cotisation                       1 240 €\n"
               "  GIP e-Santé Occitanie                      participation statutaire         3 600 €\n"
               "  Syndicat mixte du Pays Midi-Quercy         contribution budgétaire         48 910 €\n"
               "  Mission locale Tarn Est                    participation                   27 612 €\n"
               "  Total                                                                      81 362 €\n\n"
               "Le Conseil APPROUVE le versement des montants figurant au tableau ci-dessus.\n")


def test_a_table_row_whose_nature_is_a_members_dues_is_no_grant_nor_its_total_a_total_of_grants():
    grants, totals, warnings = _read(_DUES_TABLE)
    assert grants == [("Mission locale Tarn Est", Decimal(27612))]
    assert totals == [] and warnings == []


def test_a_members_contribution_to_its_syndicats_budget_is_no_grant_in_prose_either():
    body = ("Le Conseil communautaire DÉCIDE de verser une contribution budgétaire de 48 910 € au Syndicat mixte du "
            "Pays Midi-Quercy et une subvention de 4 500 € à l'association Maison Sport-Santé.\n")
    assert _read(body)[0] == [("Maison Sport-Santé", Decimal(4500))]


_EACH = ("Le Conseil municipal, après en avoir délibéré, à l'unanimité,\n"
         "ATTRIBUE une subvention de 2 000 € à chacune des associations suivantes :\n"
         " La Ligue contre le cancer\n Les Roses de Cèze\n")


def test_a_chacune_lists_names_end_at_its_total_line_and_the_line_below_is_no_name():
    body = _EACH + "soit 4 000 € au total ;\nTransmission préfecture : 03/02/2025 – Publication : 04/02/2025\n"
    grants, totals, warnings = _read(body)
    assert grants == [("La Ligue contre le cancer", Decimal(2000)), ("Les Roses de Cèze", Decimal(2000))]
    assert totals == [Decimal(4000)] and warnings == []


def test_a_chacune_lists_soit_un_total_de_line_is_its_stated_total():
    grants, totals, _ = _read(_EACH + "soit un total de 4 000 € ;\n")
    assert len(grants) == 2 and totals == [Decimal(4000)]


_PDF_HEAD = ["PETR DU PAYS TEST", "Comité syndical – Séance du 18 avril 2024", "Délibération n° CS-2024-021",
             "Objet : Appel à projets", "", "Le Comité syndical ATTRIBUE les subventions suivantes :", ""]
_PDF_TAIL = ["", "Adopté à l'unanimité."]
_COLUMNS = (50, 250, 430, 490)


def _row(*cells: str) -> list[tuple[str, int]]:
    return [(cell, x) for cell, x in zip(cells, _COLUMNS) if cell]


def _pdf_facts(tmp_path: Path, *pages: list) -> dict:
    path = tmp_path / "petr.pdf"
    path.write_bytes(text_pdf(*pages))
    return deliberation_facts(extract_fixture(path).graph)


def test_a_pdf_tables_row_marked_non_retenu_is_a_row_of_its_own_not_the_name_above_it(tmp_path):
    facts = _pdf_facts(tmp_path, _PDF_HEAD + [
        _row("Porteur de projet", "Action", "Note", "Subvention"),
        _row("Association Combrailles Sport Santé", "Marche nordique santé", "17,5", "8 000 €"),
        _row("MSP des Volcans", "Dépistage rétinopathie", "16", "6 500 €"),
        _row("Association Les 2 Rives", "Café santé mentale", "11", "non retenu"),
        _row("Total", "", "", "14 500 €")] + _PDF_TAIL)
    assert facts["grants"] == [["Association Combrailles Sport Santé", "8000"], ["MSP des Volcans", "6500"]]
    assert facts["stated_totals"] == ["14500"]


def test_a_pdf_tables_last_row_alone_with_its_total_on_the_next_page_keeps_its_whole_name(tmp_path):
    facts = _pdf_facts(tmp_path, _PDF_HEAD + [
        _row("Porteur de projet", "Action", "Note", "Subvention"),
        _row("Association Combrailles Sport Santé", "Marche nordique santé", "17,5", "8 000 €")],
        [_row("MSP des Volcans", "Dépistage rétinopathie", "16", "6 500 €"), _row("Total", "", "", "14 500 €")]
        + _PDF_TAIL)
    assert facts["grants"] == [["Association Combrailles Sport Santé", "8000"], ["MSP des Volcans", "6500"]]
    assert facts["stated_totals"] == ["14500"]
