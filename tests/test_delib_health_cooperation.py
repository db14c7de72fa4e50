"""What an eleventh blind test of the deliberation reader (health cooperation: a contrat local de santé's fiches
action, a Maison sport-santé, a tiers-lieu's CPO, an appel à projets) misread, each a rule with a few lines of text:
a fiche action's label is no beneficiary, its line's carrier is ("porteur : X"); a line run in house gives no grant;
a "pour" inside a name ending with its département's number; the "Objet :" line below a "Rapport :" heading; a
grant's own words for its nature before the budget account; a publication on the authority's site."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_table_context import referred_nature

_HEAD = ("COMMUNE DE TESTVILLE\nConseil municipal – Séance du 3 juin 2025\nDélibération n° 2025-02\n"
         "Objet : Contrat local de santé – subventions 2025\n\n")


def _grants(body: str) -> list[tuple[str, Decimal]]:
    return sorted((g.beneficiary, g.amount) for g in find_grants(body, "").grants)


def _facts(tmp_path, text: str) -> dict:
    path = tmp_path / "deliberation.txt"
    path.write_text(text, encoding="utf-8")
    return deliberation_facts(extract_fixture(path).graph)


@pytest.mark.parametrize("carrier", ["porteur : Association Sport Nature", "structure porteuse : Association Sport "
                                     "Nature", "porteur du projet : Association Sport Nature"])
def test_a_fiche_action_s_carrier_is_its_line_s_beneficiary_not_its_label(carrier):
    body = ("Le Conseil municipal, après en avoir délibéré, à l'unanimité, attribue les subventions suivantes "
            "(compte 6574) :\n"
            f"  Fiche action 2.1 – « Nutrition des enfants » – {carrier} – 3 600 €\n"
            "  Fiche action 2.3 – « Addictions » – porteur : Association Prévention Jeunes – 5 000 €\n")
    assert _grants(body) == [("Association Prévention Jeunes", Decimal(5000)),
                             ("Association Sport Nature", Decimal(3600))]


def test_a_carrier_named_with_its_kind_in_small_letters_is_named_as_prose_names_it():
    body = ("Le Conseil attribue les subventions suivantes :\n"
            "  Fiche action 1.1 – « Bus santé » – porteur : l'association Santé Plus – 5 000 € ;\n"
            "  Fiche action 1.3 – « Dépistage » – porteur : Commune de Vals – 900 €.\n")
    assert _grants(body) == [("Commune de Vals", Decimal(900)), ("Santé Plus", Decimal(5000))]


def test_a_fiche_action_s_long_line_is_read_whole():
    body = ("Le Conseil municipal, après en avoir délibéré, à l'unanimité, attribue les subventions suivantes "
            "(compte 6574) :\n"
            "  Fiche action 3.1 – « Premiers secours en santé mentale » – porteur : CPTS Sambre-Avesnois – 4 000 €\n"
            "  Fiche action 4.2 – « Qualité de l'air intérieur dans les logements » – porteur : Association Habitat "
            "Santé Environnement 59 – 2 700 €\n")
    assert _grants(body) == [("Association Habitat Santé Environnement 59", Decimal(2700)),
                             ("CPTS Sambre-Avesnois", Decimal(4000))]


@pytest.mark.parametrize("heading_1, heading_2", [("Programmation :\n", ""),
                                                  ("Axe 1 – Accès aux soins\n", "\nAxe 2 – Prévention\n")])
def test_a_line_run_in_house_with_no_grant_gives_none_and_leaves_the_next_line_its_own(heading_1, heading_2):
    body = (heading_1 +
            "  Fiche action 1.2 – « Bus santé » – porteur : Association Itinéraires Santé – 7 200 €\n"
            "  Fiche action 1.4 – « Accueil des internes » – réalisée en régie (hébergement, 4 800 € de crédits de "
            "fonctionnement) – pas de subvention\n" + heading_2 +
            "  Fiche action 2.1 – « Nutrition » – porteur : Association Sport Nature – 3 600 €\n\n"
            "Le Conseil municipal, après en avoir délibéré, à l'unanimité, attribue les subventions ci-dessus "
            "(compte 6574).\n")
    assert _grants(body) == [("Association Itinéraires Santé", Decimal(7200)),
                             ("Association Sport Nature", Decimal(3600))]


def test_a_bulleted_line_that_says_it_has_no_grant_gives_none():
    body = ("Le Conseil attribue les subventions suivantes :\n"
            "- Association Itinéraires Santé : 7 200 € ;\n"
            "- Accueil des internes, réalisé en régie (4 800 € de crédits de fonctionnement) : pas de subvention ;\n"
            "- Association Sport Nature : 3 600 €.\n")
    assert _grants(body) == [("Association Itinéraires Santé", Decimal(7200)),
                             ("Association Sport Nature", Decimal(3600))]


@pytest.mark.parametrize("name, written", [("Bouger pour sa santé 82", "Bouger pour sa santé 82"),
                                           ("Bouger pour sa santé", "« Bouger pour sa santé »")])
def test_a_pour_inside_a_name_ends_no_name(name, written):
    body = (f"Le Conseil municipal, à l'unanimité, attribue à l'association {written} une subvention de "
            "fonctionnement de 15 000 €.\n")
    assert _grants(body) == [(name, Decimal(15000))]


def test_a_pour_that_says_what_the_grant_is_for_still_ends_the_name():
    body = ("Le Conseil municipal, à l'unanimité, attribue à l'association Les Amis pour ses 30 ans une subvention "
            "de 1 500 €.\n")
    assert _grants(body) == [("Les Amis", Decimal(1500))]


def test_a_list_item_s_name_that_ends_with_its_departement_s_number_keeps_its_pour():
    body = ("Le Conseil municipal attribue les subventions suivantes :\n"
            "- Association Sportive Bouger pour sa santé 82 : 15 000 € ;\n- Club Alpha : 900 €.\n")
    assert _grants(body) == [("Association Sportive Bouger pour sa santé 82", Decimal(15000)),
                             ("Club Alpha", Decimal(900))]


def test_the_object_below_a_report_s_heading_is_the_title(tmp_path):
    facts = _facts(tmp_path, "RÉGION TEST\nCOMMISSION PERMANENTE – SÉANCE DU 19 SEPTEMBRE 2025\n"
                             "Délibération n° 25CP.1\n\nRapport : Économie sociale et solidaire / Santé\n"
                             "Objet : Convention pluriannuelle d'objectifs avec la SCIC Tiers-Lieu Santé\n\n"
                             "La Commission permanente, après en avoir délibéré, à l'unanimité, attribue à la SCIC "
                             "Tiers-Lieu Santé une subvention de fonctionnement de 40 000 €.\n")
    assert facts["title"] == "Convention pluriannuelle d'objectifs avec la SCIC Tiers-Lieu Santé"


def test_a_table_s_grants_said_of_project_are_project_grants_whatever_their_account(tmp_path):
    facts = _facts(tmp_path, "DÉPARTEMENT TEST\nCommission permanente – Réunion du 17 octobre 2025\n"
                             "Délibération n° 2025.1\nObjet : Appel à projets Prévention 2025\n\n"
                             "Il est proposé d'attribuer les subventions de projet suivantes :\n\n"
                             "N°  | Porteur                  | Projet                    | Montant\n"
                             "1   | Association Promo Santé  | « Mon corps, mes choix »  | 9 500 €\n"
                             "2   | CPTS Rive Droite         | « Fragilité à domicile »  | 12 000 €\n\n"
                             "Ces subventions seront imputées au compte 6574.\n\nAdopté à l'unanimité.\n")
    assert facts["natures"] == {"Association Promo Santé": "project", "CPTS Rive Droite": "project"}


def test_a_decision_that_grants_an_annex_s_project_grants_gives_them_that_nature():
    assert referred_nature("Article 1 : d'attribuer aux six lauréats les subventions de projet figurant en annexe, "
                           "pour un montant total de 53 500 € ;") == "project"


def test_the_account_that_its_bracket_says_the_grants_gives_their_nature(tmp_path):
    facts = _facts(tmp_path, "VILLE DE TESTVILLE\nConseil municipal – Séance du lundi 22 septembre 2025\n"
                             "Délibération n° 2025-05\nObjet : Subventions\n\n"
                             "Le Conseil municipal, après en avoir délibéré, à l'unanimité :\n"
                             "Article 1 – Attribue les subventions suivantes :\n"
                             "   – GEM L'Escale : 4 000 €\n   – UNAFAM : 1 800 €\n"
                             "Article 2 – Les dépenses seront imputées au budget principal 2025, comptes 6281 "
                             "(cotisation) et 6574 (subventions).\n")
    assert facts["natures"] == {"GEM L'Escale": "operating", "UNAFAM": "operating"}


def test_a_publication_on_the_authority_s_site_dates_the_act_s_publication(tmp_path):
    facts = _facts(tmp_path, "VILLE DE TESTVILLE\nConseil municipal – Séance du lundi 22 septembre 2025\n"
                             "Délibération n° 2025-04\nObjet : Subvention\n\n"
                             "Le Conseil municipal, après en avoir délibéré, à l'unanimité, attribue à l'association "
                             "GEM L'Escale une subvention de 4 000 €.\n\nReçu à la Préfecture le 26/09/2025\n"
                             "Publication sur le site internet de la Ville le 29/09/2025\n")
    assert facts["published"] == dt.date(2025, 9, 29).isoformat()
