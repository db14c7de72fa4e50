"""Deliberations of the health sector: vote tables, lists decided by reference, totals that are not the grants'."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.delib_facts import deliberation_facts, extract_fixture

HEAD = ("COMMUNE DE TESTVILLE\nDélibération n° 2025-01 du Conseil municipal\nSéance du 3 juillet 2025\n"
        "En exercice : 15 / Présents : 13 / Procurations : 0 / Votants : 13\n")


def _facts(tmp_path: Path, text: str, name: str = "deliberation.txt") -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return deliberation_facts(extract_fixture(path).graph)


def _grants(facts: dict) -> list[tuple[str, str]]:
    return sorted((name, str(amount)) for name, amount in facts["grants"])


@pytest.mark.parametrize("rejected", ["Rejetée", "Refusée", "Non adoptée"])
def test_a_row_rejected_in_a_table_of_votes_refuses_its_grant_only(tmp_path, rejected):
    text = HEAD + ("OBJET : Subventions 2025\n\nTABLEAU RÉCAPITULATIF DES VOTES\n"
                   "  Association                  Montant   Pour  Contre  Abst.  Résultat\n"
                   "  Arve Santé Prévention         1 800 €    13      0      0   Adoptée\n"
                   f"  Collectif Ondes               1 000 €     4      9      0   {rejected}\n"
                   "  Les Blouses Roses               600 €    13      0      0   Adoptée\n\n"
                   "Le Conseil municipal, au vu des votes ci-dessus, ATTRIBUE les subventions adoptées pour un "
                   "montant total de 2 400 € et REJETTE la demande du Collectif Ondes.\n")
    facts = _facts(tmp_path, text)
    assert facts["outcome"] == "adopted"
    assert _grants(facts) == [("Arve Santé Prévention", "1800"), ("Les Blouses Roses", "600")]


def test_a_table_of_votes_each_row_rejected_rejects_the_act(tmp_path):
    text = HEAD + ("OBJET : Subventions 2025\n\n"
                   "  Association                  Montant   Pour  Contre  Abst.  Résultat\n"
                   "  Arve Santé Prévention         1 800 €     3     10      0   Rejetée\n"
                   "  Collectif Ondes               1 000 €     4      9      0   Rejetée\n")
    assert _facts(tmp_path, text)["outcome"] == "rejected"


@pytest.mark.parametrize("lead, grants", [
    ("Le Maire expose les demandes :", [("Association Lèze Dépistage", "1250"), ("Répit Lézois", "2000")]),
    ("Le Maire présente les demandes reçues :", [("Association Lèze Dépistage", "1250"), ("Répit Lézois", "2000")]),
    # the authority's own requests to its funders: no grant of its own
    ("La commune a déposé les demandes suivantes auprès de ses partenaires :", []),
])
def test_requests_set_out_above_and_granted_by_a_reference_back_are_grants(tmp_path, lead, grants):
    text = HEAD + (f"OBJET : Subventions 2025\n\n{lead}\n   • Association Lèze Dépistage : 1 250 € (fonctionnement)\n"
                   "   • Répit Lézois : 2 000 €\n\nLe Conseil municipal, après en avoir délibéré, à l'unanimité, "
                   "ATTRIBUE les subventions ci-dessus.\n")
    assert _grants(_facts(tmp_path, text)) == grants


@pytest.mark.parametrize("reference", ["énumérées au I.", "listées au point 1", "présentées à la partie I"])
def test_a_decision_that_grants_the_list_of_a_numbered_part_above_grants_its_items(tmp_path, reference):
    text = HEAD + ("OBJET : Subventions 2025\n\nI. EXPOSÉ\n\nLa commission du 4 novembre 2025 a retenu :\n"
                   "   a) l'association Sauveterre Aide et Présence : 6 000 € ;\n"
                   "   b) l'association Prévention Seniors Sauveterre : 1 100 €.\n\nII. DÉCISION\n\n"
                   f"Le Conseil, après en avoir délibéré, à l'unanimité, ATTRIBUE les subventions {reference}, pour "
                   "un total de 7 100 €.\n")
    assert _grants(_facts(tmp_path, text)) == [("Prévention Seniors Sauveterre", "1100"),
                                               ("Sauveterre Aide et Présence", "6000")]


@pytest.mark.parametrize("ditto", ["〃", '"', "id.", "Idem", "d°"])
def test_a_ditto_mark_in_a_table_repeats_the_cell_above(tmp_path, ditto):
    text = ("# Délibération n° C-2025-01 – Conseil municipal de Testville – séance du 3 juillet 2025\n\n"
            "Conseillers en exercice : 15 – Présents : 13 – Votants : 13\n\n"
            "Il est proposé d'attribuer les subventions suivantes :\n\n"
            "| Bénéficiaire          | Objet             |  Montant |\n"
            "|:----------------------|:------------------|---------:|\n"
            "| CPTS Ornelle-Littoral | Fonctionnement    | 15 000 € |\n"
            f"| {ditto}                    | Soins non programmés |  6 500 € |\n"
            "| GEM La Passerelle     | Fonctionnement    |  3 200 € |\n\n"
            "Le Conseil municipal, après en avoir délibéré, à l'unanimité, ATTRIBUE les subventions figurant au "
            "tableau ci-dessus.\n")
    assert _grants(_facts(tmp_path, text, "deliberation.md")) == [
        ("CPTS Ornelle-Littoral", "15000"), ("CPTS Ornelle-Littoral", "6500"), ("GEM La Passerelle", "3200")]


@pytest.mark.parametrize("line, secretary", [
    ("Présidence : M. Pascal DUNAND, Maire – Secrétaire : Mme Aurélie GAVARD", "Aurélie GAVARD"),
    ("Séance présidée par M. Rémi CAZALS, Maire. Secrétaire : M. Julien BOSC.", "Julien BOSC"),
    ("Présidence : M. Christophe NAUDIN, Président ; Secrétaire : Mme Maud FERRAND.", "Maud FERRAND"),
    # a secretary general is no secretary of the session
    ("Présidence : M. Christophe NAUDIN, Président. Secrétaire général : M. Paul ROY.", None),
])
def test_the_secretary_named_after_the_chair_on_the_same_line_is_read(line, secretary):
    from graph.ingest.delib_officers import parse_officers
    from graph.ingest.delib_people import Attendance
    attendance = Attendance()
    parse_officers(line, attendance)
    assert attendance.chair is not None
    assert (attendance.secretary.label if attendance.secretary else None) == secretary


@pytest.mark.parametrize("words, nature", [("en investissement", "investment"), ("d'investissement", "investment"),
                                           ("de fonctionnement", "operating")])
def test_a_fonds_de_concours_names_its_nature(tmp_path, words, nature):
    text = HEAD + ("OBJET : Fonds de concours\n\nLe Conseil, après en avoir délibéré, à l'unanimité, ATTRIBUE à la "
                   f"commune de Vernaison un fonds de concours {words} de 82 000 €.\n")
    assert _facts(tmp_path, text)["natures"] == {"Commune de Vernaison": nature}


@pytest.mark.parametrize("recall", [
    "Pour mémoire, en 2024, le Conseil avait attribué 4 500 € à l'association Aubrac Soins Palliatifs, 2 800 € au "
    "Réseau Diabète Aubrac-Lot et 1 200 € à l'association France Alzheimer Aubrac.",
    "Pour rappel, en 2024, 1 200 € avaient été versés à l'association France Alzheimer Aubrac.",
])
def test_a_past_grant_recalled_for_the_record_is_not_a_grant(tmp_path, recall):
    text = HEAD + (f"OBJET : Subventions 2025\n\n{recall}\n\nPour 2025, la commission propose de reconduire le "
                   "soutien à Aubrac Soins Palliatifs (4 500 €) et de porter l'aide au Réseau Diabète Aubrac-Lot à "
                   "3 000 €.\n\nLe Conseil municipal, après en avoir délibéré, à "
                   "l'unanimité, DÉCIDE d'attribuer au titre de 2025 les subventions suivantes :\n"
                   "   Aubrac Soins Palliatifs ........ 4 500 €\n   Réseau Diabète Aubrac-Lot ...... 3 000 €\n")
    assert _grants(_facts(tmp_path, text)) == [("Aubrac Soins Palliatifs", "4500"),
                                               ("Réseau Diabète Aubrac-Lot", "3000")]


def test_a_grant_said_for_information_is_still_a_grant(tmp_path):
    text = HEAD + ("OBJET : Subvention\n\nPour information, le Conseil municipal, après en avoir délibéré, ATTRIBUE "
                   "une subvention de 1 200 € à l'association France Alzheimer Aubrac.\n")
    assert _grants(_facts(tmp_path, text)) == [("France Alzheimer Aubrac", "1200")]


@pytest.mark.parametrize("lead, rows", [
    ("Plan de financement prévisionnel :", ["FEDER   180 000,00 €", "Communauté de communes   60 000,00 €",
                                            "Autofinancement SISA   120 000,00 €", "TOTAL   360 000,00 €"]),
    ("Répartition entre les communes, pour information :", ["Testville   3 214   1 607,00 €",
                                                            "Autreville   1 402   701,00 €",
                                                            "Total   4 616   2 308,00 €"]),
])
def test_the_total_of_a_table_of_other_amounts_than_the_grants_is_not_theirs(tmp_path, lead, rows):
    table = "".join(f"  {row.replace('   ', '            ')}\n" for row in rows)
    text = HEAD + (f"OBJET : Subvention 2025\n\n{lead}\n{table}\nLe Conseil, après en avoir délibéré, à l'unanimité, "
                   "ATTRIBUE à la SISA « Les Tilleuls » une subvention d'investissement de 60 000 €.\n")
    facts = _facts(tmp_path, text)
    assert facts["stated_totals"] == []
    assert _grants(facts) == [("SISA « Les Tilleuls »", "60000")]


ERRATUM = ("COMMUNE DE ROCHEFORT-EN-VALDAINE\n\nERRATUM\n\nà la délibération n° 2025-034 du Conseil municipal "
           "du 12 juin 2025\n« Attribution de subventions aux associations – santé et solidarités »\n\n"
           "Une erreur matérielle de saisie s'est glissée dans la délibération susvisée.\n\nAu lieu de :\n"
           "   « – Association Valdaine Accueil Santé : 5 300 € »\nIl convient de lire :\n"
           "   « – Association Valdaine Accueil Santé : 3 500 € »\n\n"
           "Les autres dispositions de la délibération n° 2025-034 restent inchangées.\n\nFait à "
           "Rochefort-en-Valdaine, le 1er juillet 2025.\n\nLe Maire,\nThierry BOUVAREL\n")


def test_an_erratum_to_a_deliberation_is_read_as_the_corrected_deliberation(tmp_path):
    from graph.ingest.deliberation import looks_like_deliberation
    assert looks_like_deliberation(ERRATUM)
    facts = _facts(tmp_path, ERRATUM)
    assert _grants(facts) == [("Association Valdaine Accueil Santé", "3500")]
    assert str(facts["session_date"]) == "2025-06-12"


def test_a_rectification_of_a_material_error_is_read_as_an_erratum(tmp_path):
    """« Objet : Rectification d'une erreur matérielle – Délibération n° … (subvention à l'association X) » with « au
    lieu de : « … 45 000 € » / lire : « … 4 500 € » »: both amounts were grants, to « X) »."""
    text = ("SYNDICAT MIXTE DU PAYS DES TROIS VALLONS\nComité syndical du 20 janvier 2025\n"
            "Délibération n° CS-2025-004\n"
            "Objet : Rectification d'une erreur matérielle – Délibération n° CS-2024-087 (subvention à l'association "
            "Mobil'Santé des Vallons)\n\nLe Comité syndical, après en avoir délibéré, DÉCIDE de rectifier l'article 1 "
            "de la délibération n° CS-2024-087 du 12 novembre 2024 comme suit :\n"
            "au lieu de : « une subvention de fonctionnement de 45 000 € »\n"
            "lire : « une subvention de fonctionnement de 4 500 € »\n\nAdopté à l'unanimité.\n")
    assert _grants(_facts(tmp_path, text)) == [("Mobil'Santé des Vallons", "4500")]


def test_a_note_that_only_says_erratum_is_no_deliberation():
    from graph.ingest.deliberation import looks_like_deliberation
    assert not looks_like_deliberation("ERRATUM\n\nLa réunion du comité des fêtes aura lieu le 3 mai, et non le 2.\n")


def test_a_long_name_cut_over_two_lines_in_a_list_is_read_whole(tmp_path):
    text = HEAD + ("OBJET : Subventions 2026\n\nLe Conseil, après en avoir délibéré, ATTRIBUE les subventions "
                   "suivantes :\n      a) l'Union nationale de familles et amis de personnes malades et/ou handicapées "
                   "psychiques – délégation\n         du Sauveterrois (UNAFAM) : 900 € ;\n"
                   "      b) l'association Prévention Seniors Sauveterre : 1 100 €.\n")
    assert _grants(_facts(tmp_path, text)) == [
        ("Prévention Seniors Sauveterre", "1100"),
        ("Union nationale de familles et amis de personnes malades et/ou handicapées psychiques – délégation du "
         "Sauveterrois", "900")]
