"""What an eighth blind test of the deliberation reader (texts in the style of PDFs' text layers, typed irregularly)
misread, each a rule with a few lines of text: attendance lists set in two columns on the same lines, a total in
money beside aid in kind, an unaccented "a" after a bullet, an amount "versée sous forme de subvention à X", the
total of a later item of minutes, a nature word cut in a table's cell, the chair's title against the signature's, a
table drawn with box lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_grants import GrantFact, StatedTotal, find_grants
from graph.ingest.delib_line_joins import join_cell_words
from graph.ingest.delib_people import parse_attendance
from graph.ingest.delib_reader_report import outside_totals
from graph.ingest.delib_text import normalise_text


def test_two_columns_of_attendance_lists_on_the_same_lines_are_read_each_whole():
    a = parse_attendance("Présents : Mme Nathalie COMBES,           Pouvoirs : M. Henri BARRAL à Mme Nathalie\n"
                         "M. Alain ASTRUC, Mme Claire BONNAL,       COMBES, Mme Régine FOLCHER à M. Alain\n"
                         "M. Patrice BRUGERON.                      ASTRUC.\n"
                         "M. Luc VIDAL.\n"
                         "                                          Absents excusés : M. Jacques ROUVEYRE.\n\n"
                         "Objet : subvention")
    assert [p.label for p in a.present] == ["Nathalie COMBES", "Alain ASTRUC", "Claire BONNAL", "Patrice BRUGERON",
                                            "Luc VIDAL"]
    assert [(p.giver.label, p.holder.label) for p in a.proxies] == [("Henri BARRAL", "Nathalie COMBES"),
                                                                    ("Régine FOLCHER", "Alain ASTRUC")]
    assert [p.label for p in a.excused] == ["Jacques ROUVEYRE"]


def test_a_line_of_counts_set_apart_by_wide_gaps_is_no_pair_of_columns():
    a = parse_attendance("Membres en exercice : 26          Présents : 3          Pouvoirs : 1\n\n"
                         "Présents : M. Paul DURAND, Mme Anne MOREL, M. Luc ROUX\n"
                         "Pouvoirs : M. Henri BARRAL à M. Paul DURAND\n")
    assert [p.label for p in a.present] == ["Paul DURAND", "Anne MOREL", "Luc ROUX"]
    assert [(p.giver.label, p.holder.label) for p in a.proxies] == [("Henri BARRAL", "Paul DURAND")]


def test_a_total_in_money_leaves_out_the_aid_in_kind_listed_among_the_grants():
    found = find_grants("Le conseil municipal, après en avoir délibéré, décide :\n"
                        "- d'attribuer au Club Informatique une subvention de 500 € ;\n"
                        "- d'accorder au Club des Tilleuls une aide en nature sous forme de mise à disposition "
                        "gratuite de la salle polyvalente, valorisée à 600 € ;\n"
                        "- d'attribuer à l'association Entraide Locale une subvention de 300 € ;\n"
                        "soit un total en numéraire de 800 €.\n")
    assert [(g.beneficiary, g.amount, g.nature) for g in found.grants] == [
        ("Club Informatique", Decimal(500), None), ("Club des Tilleuls", Decimal(600), "in-kind"),
        ("Entraide Locale", Decimal(300), None)]
    assert [(t.amount, t.reconciled) for t in found.totals] == [(Decimal(800), True)]
    assert found.warnings == []


def test_the_aid_in_kind_between_grants_in_money_is_the_only_grant_outside_a_total_in_money():
    grants = [GrantFact("A", Decimal(500), (0, 1)), GrantFact("B", Decimal(600), (1, 2), nature="in-kind"),
              GrantFact("C", Decimal(300), (2, 3))]
    outside = outside_totals(grants, [StatedTotal(Decimal(800), (3, 4), "", True)])
    assert [g.beneficiary for g in outside] == ["B"]


def _grants(body: str) -> list[tuple[str, Decimal, str | None]]:
    return [(g.beneficiary, g.amount, g.nature) for g in find_grants(body).grants]


def test_an_unaccented_a_after_a_list_items_bullet_is_the_preposition():
    assert _grants("Le conseil municipal decide d'attribuer :\n"
                   "  * au Club Informatique, une subvention de 500 €\n"
                   "  * a la Ligue contre le cancer, une subvention de 300 €\n"
                   "Adopte a l'unanimite.\n") == [("Club Informatique", Decimal(500), None),
                                                   ("Ligue contre le cancer", Decimal(300), None)]


@pytest.mark.parametrize("sentence, name", [
    ("une participation de la commune de 1.200 €, versée sous forme de subvention à la coopérative scolaire de "
     "l'école Jules Ferry.", "Coopérative scolaire de l'école Jules Ferry"),
    ("une participation de la commune de 1.200 €uros,\nversee sous forme de subvention a l'Association Sportive.",
     "Association Sportive"),
])
def test_an_amount_paid_in_the_form_of_a_grant_to_someone_is_their_grant(sentence, name):
    assert _grants(f"Monsieur le maire propose {sentence}\nAdopté à l'unanimité.\n") == [(name, Decimal(1200), None)]


def test_the_total_that_a_later_item_of_minutes_states_is_among_the_stated_totals(tmp_path):
    text = tmp_path / "pv.txt"
    text.write_text("Commune de Testville\ncompte rendu de la seance du conseil municipal du 12 avril 2024\n\n"
                    "Deliberation n° 2024-014 : Vote des taux d'imposition 2024\n"
                    "Le conseil municipal adopte les taux proposes a l'unanimite.\n\n"
                    "Deliberation n° 2024-015 : Subventions aux associations 2024\n"
                    "Le conseil municipal attribue les subventions suivantes pour 2024 :\n"
                    " - Football Club .......................  2 400 EUR\n"
                    " - Gym Volontaire ......................    650 EUR\n"
                    " TOTAL .................................  3 050 EUR\n"
                    "Adopte a l'unanimite.\n", encoding="utf-8")
    facts = deliberation_facts(extract_fixture(text).graph)
    assert (facts["grants"], facts["stated_totals"]) == ([["Football Club", "2400"], ["Gym Volontaire", "650"]],
                                                         ["3050"])


def test_a_nature_word_cut_at_a_table_cells_line_end_is_read_whole():
    assert _grants("Association              Objet                      Nature        Montant\n"
                   "Union Sportive           Saison 2024-2025           Fonction-     3 500\n"
                   "Ripagérienne                                        nement\n"
                   "Les Petits               Achat d'un minibus         Investis-     8 000\n"
                   "Débrouillards                                       sement\n\n"
                   "Le Conseil Municipal attribue les subventions ci-dessus.\n") == [
        ("Union Sportive Ripagérienne", Decimal(3500), "operating"),
        ("Les Petits Débrouillards", Decimal(8000), "investment")]


@pytest.mark.parametrize("text, more, joined", [("Fonction-", "nement", "Fonctionnement"),
                                                ("Coëvrons-", "Fictifs", "Coëvrons-Fictifs"),
                                                ("Sapeurs-", "pompiers", "Sapeurs-pompiers"),
                                                ("Union Sportive", "Ripagérienne", "Union Sportive Ripagérienne")])
def test_a_cells_lines_are_joined_a_cut_words_hyphen_dropped_a_compounds_kept(text, more, joined):
    assert join_cell_words(text, more) == joined


def test_the_title_written_with_the_chair_is_kept_over_the_signatures():
    a = parse_attendance("Le conseil communautaire, sous la présidence de M. Hervé COSTES, président, attribue au "
                         "Club Photo une subvention de 750 €.\nLe Président,\nHervé COSTES\n")
    assert (a.chair.label, a.chair_title) == ("Hervé COSTES", "président")


def test_a_table_drawn_with_box_lines_is_read_one_row_between_two_rules():
    body = normalise_text("Il est proposé d'attribuer les subventions suivantes :\n\n"
                          "┌──────────────────┬──────────┬───────┐\n"
                          "│ Association      │ Nature   │ Montant │\n"
                          "├──────────────────┼──────────┼───────┤\n"
                          "│ Union Sportive   │ Fonction-│ 3 500 │\n"
                          "│ Ripagérienne     │ nement   │       │\n"
                          "├──────────────────┼──────────┼───────┤\n"
                          "│ Club Photo de la │ Projet   │ 750   │\n"
                          "│ Vallée du Gier   │          │       │\n"
                          "└──────────────────┴──────────┴───────┘\n\n"
                          "Le Conseil Municipal attribue les subventions ci-dessus, pour un montant total de "
                          "4 250 €.\n").body
    found = find_grants(body)
    assert [(g.beneficiary, g.amount, g.nature) for g in found.grants] == [
        ("Union Sportive Ripagérienne", Decimal(3500), "operating"),
        ("Club Photo de la Vallée du Gier", Decimal(750), "project")]
    assert [(t.amount, t.reconciled) for t in found.totals] == [(Decimal(4250), True)]
