"""Grants read from a deliberation's sentences: computed aids, amounts on their own line, amendments."""

from __future__ import annotations

import pytest

from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_title import find_title
from graph.ingest.delib_text import normalise_text


def _read(text: str) -> list[tuple[str, str]]:
    return sorted((g.beneficiary, str(g.amount)) for g in find_grants(text, "").grants)


@pytest.mark.parametrize("text, grants", [
    ("1. Commune de Vals – restauration du lavoir : dépense subventionnable\n24 000 € HT, taux 30 %, soit une aide "
     "de 7 200 € ;\n\n2. Association Pierres Sèches – remontage de murets : dépense subventionnable\n9 750 € TTC, "
     "taux 40 %, soit une aide de 3 900 €.\n\nLe Comité syndical, après en avoir délibéré :\n- ATTRIBUE les aides "
     "d'investissement détaillées ci-dessus.",
     [("Association Pierres Sèches", "3900"), ("Commune de Vals", "7200")]),
    ("1. Commune de Vals – lavoir : coût 24 000 € HT, taux 30 %, soit une subvention de 7 200 € ;\n\nLe Comité, "
     "après en avoir délibéré :\n- ATTRIBUE les subventions énumérées ci-dessus.", [("Commune de Vals", "7200")]),
    # the cost alone, no aid computed from it: nothing granted
    ("1. Commune de Vals – lavoir : dépense subventionnable 24 000 € HT, soit 30 % du programme ;\n\nLe Comité, "
     "après en avoir délibéré :\n- ATTRIBUE les aides détaillées ci-dessus.", []),
])
def test_a_numbered_item_whose_aid_is_computed_from_a_rate_of_a_cost_grants_the_result(text, grants):
    assert _read(text) == grants


@pytest.mark.parametrize("text, grants", [
    ("Le Conseil ATTRIBUE une subvention de fonctionnement de 4 000 € au\nGroupe d'Entraide Mutuelle (GEM) L'Escale "
     "pour l'ouverture d'une permanence.", [("Groupe d'Entraide Mutuelle (GEM) L'Escale", "4000")]),
    ("ATTRIBUE une subvention de 900 € à l'association Confédération syndicale des familles (CSF) Les Tilleuls.",
     [("Confédération syndicale des familles (CSF) Les Tilleuls", "900")]),
    # the bracket ends the name when no name goes on after it
    ("ATTRIBUE une subvention de 4 000 € au Groupe d'Entraide Mutuelle (GEM) pour l'ouverture d'une permanence.",
     [("Groupe d'Entraide Mutuelle", "4000")]),
])
def test_a_name_that_goes_on_after_its_bracketed_acronym_is_read_whole(text, grants):
    assert _read(text) == grants


@pytest.mark.parametrize("unit", ["EUR", "€", "euros"])
def test_an_amount_whose_currency_a_wrapped_line_puts_below_it_is_read(unit):
    text = ("Le Conseil municipal, après en avoir délibéré, décide d'attribuer les subventions suivantes :\n"
            "- Comité des fêtes de Vaudrecourt : 1 200 EUR\n"
            f"- Club de l'âge d'or de Vaudrecourt-sur-Ornain et environs : 350\n{unit}\nsoit un total de 1 550 EUR.")
    assert _read(text) == [("Club de l'âge d'or de Vaudrecourt-sur-Ornain et environs", "350"),
                           ("Comité des fêtes de Vaudrecourt", "1200")]


def test_the_subject_of_the_e_mail_that_forwards_an_act_is_not_its_title():
    body = ("De : Secrétariat de mairie\nEnvoyé : mardi 8 avril 2025 09:12\nÀ : associations\n"
            "Objet : TR: Délibération subventions 2025\n\nBonjour,\n\n-----Message d'origine-----\n\n"
            "COMMUNE DE VAUDRECOURT\n\nDélibération n° 2025/019\n\nObjet : Attribution des subventions 2025\n\n"
            "Le Conseil municipal, après en avoir délibéré, …")
    assert find_title(body, None, 0)[0] == "Attribution des subventions 2025"


@pytest.mark.parametrize("verb", ["y figurait pour", "mentionnait", "prévoyait"])
def test_the_wrong_amount_that_an_act_corrects_recalls_is_no_grant(verb):
    text = ("Mme le Maire indique que la délibération n° 2025-021 comportait une erreur matérielle : la subvention de "
            f"l'association Foyer rural d'Astarac {verb} 1 500 € alors que le montant décidé était de 1 050 €.\n\n"
            "Le Conseil municipal, après en avoir délibéré :\n- ANNULE la délibération n° 2025-021 ;\n"
            "- ATTRIBUE à l'association Foyer rural d'Astarac une subvention de 1 050 €.")
    assert _read(text) == [("Foyer rural d'Astarac", "1050")]


def test_a_grant_that_a_visa_recalls_from_an_organs_numbered_act_is_no_grant():
    text = ("Vu la délibération du Bureau n° B-2025-031 du 8 avril 2025 attribuant une subvention de\n8 000 € à "
            "l'association Festival des Hautes Terres ;\n\nLe Bureau communautaire, après en avoir délibéré,\n"
            "ARTICLE 1 : ATTRIBUE à l'association Familles en Chemin une subvention de 1 750 €.")
    assert _read(text) == [("Familles en Chemin", "1750")]


def test_the_account_of_a_total_below_a_last_item_whose_currency_wrapped_is_the_whole_lists():
    body = ("Le Conseil municipal, après en avoir délibéré, décide d'attribuer les subventions suivantes :\n"
            "- Comité des fêtes de Vaudrecourt : 1 200 EUR\n- Club de l'âge d'or de Vaudrecourt et environs : 350\n"
            "EUR\nsoit un total de 1 550 EUR, imputé à l'article 6574 du budget primitif 2025.")
    grants = find_grants(body, "").grants
    assert [body[g.span[0]:g.span[1]].count("6574") for g in grants] == [0, 0]


_NAME_THEN_AMOUNT = ("Le Conseil municipal, après en avoir délibéré, DÉCIDE d'attribuer les subventions de "
                     "fonctionnement suivantes :\n\nHarmonie Les Deux Rives\n{amount}\n\nSki-Club Les Cornettes\n"
                     "300 €\n\nLes crédits, soit {total}, seront inscrits au budget primitif 2026, compte 6574.")


@pytest.mark.parametrize("amount, value", [
    ("quinze mille euros (15 000 €)", "15000"), ("EUR 2'500.-", "2500"), ("2’500.- €", "2500"),
    ("€ 1.250,00", "1250.00"), ("800 € net de taxe", "800"), ("1 200 € TTC", "1200"),
])
def test_a_beneficiary_on_one_line_and_its_amount_alone_on_the_next_is_a_grant(amount, value):
    body = normalise_text(_NAME_THEN_AMOUNT.format(amount=amount, total="3 000 €")).body
    found = find_grants(body, "")
    assert sorted((g.beneficiary, str(g.amount), g.nature) for g in found.grants) == [
        ("Harmonie Les Deux Rives", value, "operating"), ("Ski-Club Les Cornettes", "300", "operating")]


@pytest.mark.parametrize("total, value", [("3 000 €", "3000"), ("trois mille euros (3 000 €)", "3000")])
def test_the_credits_that_the_sentence_below_a_list_of_grants_states_are_its_total(total, value):
    body = normalise_text(_NAME_THEN_AMOUNT.format(amount="2 700 €", total=total)).body
    assert [str(t.amount) for t in find_grants(body, "").totals] == [value]


@pytest.mark.parametrize("decision, nature", [
    ("ATTRIBUE les aides d'investissement détaillées ci-dessus", "investment"),
    ("accorde les subventions de fonctionnement présentées ci-avant", "operating"),
    ("ATTRIBUE les aides détaillées ci-dessus", None),
])
def test_the_nature_that_the_decision_granting_the_items_above_names_is_theirs(decision, nature):
    text = ("1. Commune de Vals – restauration du lavoir : dépense subventionnable 24 000 € HT, taux 30 %, soit une "
            "aide de 7 200 € ;\n\n2. Association Pierres Sèches – murets : une subvention exceptionnelle de 900 € ;\n\n"
            f"Le Comité, après en avoir délibéré :\n- {decision} ;")
    assert sorted((g.beneficiary, g.nature) for g in find_grants(text, "").grants) == [
        ("Association Pierres Sèches", "project"), ("Commune de Vals", nature)]


@pytest.mark.parametrize("years", [("pour 2025", "pour 2026", "pour 2027"),
                                   ("pour l'exercice 2025", "pour l'exercice 2026", "pour l'exercice 2027")])
def test_each_yearly_grant_of_a_multi_year_agreement_has_the_year_said_after_its_amount(years):
    text = ("ARTICLE 2 : ATTRIBUE à l'association Les Cordes Sensibles une subvention de fonctionnement de 8 000 € "
            f"{years[0]}, de 9 000 € {years[1]} et de 9 500 € {years[2]}, soit 26 500 € sur la durée de la "
            "convention.")
    assert [(str(g.amount), g.year) for g in find_grants(text, "").grants] == [
        ("8000", 2025), ("9000", 2026), ("9500", 2027)]


def test_a_page_footer_that_a_dash_sets_before_its_page_number_parts_no_list_of_grants():
    text = ("DEPARTEMENT DU LOT-ET-DORDOGNE\nCommission permanente du 6 octobre 2025\n\n"
            "DELIBERATION N° 2025-CP-0342\n\nDECIDE :\n\n- d'attribuer les subventions de fonctionnement suivantes :"
            "\n\nComité de canoë-kayak\n2 700,00 EUR\n\n"
            "Département du Lot-et-Dordogne - Commission permanente du 6 octobre 2025 - Page 1 sur 2\n"
            "DELIBERATION N° 2025-CP-0342\n\nComité handisport\n5 500,00 EUR\n\n"
            "soit un montant total de 8 200,00 EUR ;")
    found = find_grants(normalise_text(text).body, "")
    assert sorted((g.beneficiary, str(g.amount)) for g in found.grants) == [
        ("Comité de canoë-kayak", "2700.00"), ("Comité handisport", "5500.00")]
    assert [str(t.amount) for t in found.totals] == ["8200.00"]


@pytest.mark.parametrize("lines, name", [
    ("Comité départemental de l'Union\nFrançaise des Oeuvres Laïques\nd'Education Physique",
     "Comité départemental de l'Union Française des Oeuvres Laïques d'Education Physique"),
    ("Comité départemental handisport\ndu Lot-et-Dordogne", "Comité départemental handisport du Lot-et-Dordogne"),
    # an address below the name is not the name's
    ("Association Femmes Santé\n22 rue des Oliviers\n13013 Marseille", "Association Femmes Santé"),
])
def test_a_name_cut_over_lines_above_its_amount_alone_is_read_whole(lines, name):
    text = (f"DÉCIDE d'attribuer les subventions suivantes :\n\n{lines}\n3 150,00 EUR\n\nComité de canoë-kayak\n"
            "2 700,00 EUR\n")
    assert [g.beneficiary for g in find_grants(text, "").grants] == [name, "Comité de canoë-kayak"]


_DRAFT = ("Le projet de délibération {lead} la répartition suivante :\n"
          "  - Banque alimentaire de Testval ........................ 6 000 €\n"
          "  - Maison des Aidants Testval ........................... 3 000 €\n"
          "  - Association Sport Santé Testval ...................... 2 500 €\n"
          "                                               Total :  11 500 €\n"
          "En séance, un amendement visant à retirer la subvention prévue pour l'association Sport Santé\n"
          "Testval et à porter la subvention de la Maison des Aidants Testval à 3 500 € est adopté.\n"
          "Le Conseil municipal adopte la délibération ainsi amendée, à l'unanimité, et :\n"
          "- ATTRIBUE les subventions suivantes :\n"
          "  Banque alimentaire de Testval : 6 000 €\n"
          "  Maison des Aidants Testval : 3 500 €\n"
          "  soit un total de 9 500 € ;\n")


@pytest.mark.parametrize("title", ["", "N° 2025-06-088 – SUBVENTIONS AUX ASSOCIATIONS\n"])
@pytest.mark.parametrize("lead", ["proposait", "soumis au Conseil prévoyait"])
def test_the_grants_of_a_list_amended_in_session_are_those_of_the_decision_not_of_the_draft(title, lead):
    found = find_grants(title + _DRAFT.format(lead=lead), "")
    assert sorted((g.beneficiary, str(g.amount)) for g in found.grants) == [
        ("Banque alimentaire de Testval", "6000"), ("Maison des Aidants Testval", "3500")]
    assert [str(t.amount) for t in found.totals] == ["9500"]
    assert not any("total" in fr for fr, _ in found.warnings)


def test_a_draft_list_that_no_later_decision_lists_again_is_read():
    text = ("Le projet de délibération proposait la répartition suivante :\n"
            "  - Banque alimentaire de Testval ........................ 6 000 €\n"
            "  - Maison des Aidants Testval ........................... 3 000 €\n"
            "Le Conseil municipal, après en avoir délibéré, APPROUVE les subventions ci-dessus.\n")
    assert _read(text) == [("Banque alimentaire de Testval", "6000"), ("Maison des Aidants Testval", "3000")]


def test_what_a_rejected_amendment_set_out_to_grant_is_no_grant():
    text = ("Le Conseil ATTRIBUE une subvention de 2 000 € à l'association Les Amis du Vélo.\n"
            "Un amendement visant à porter la subvention de l'association Les Amis du Vélo à 3 000 € est rejeté par "
            "20 voix contre et 5 pour.\n")
    assert _read(text) == [("Les Amis du Vélo", "2000")]


@pytest.mark.parametrize("text, grants", [
    ("- ATTRIBUE une subvention de fonctionnement de 2 500 € à l'association Épicerie Solidaire\n  Ti Boutik et "
     "APPROUVE la convention de mise à disposition des locaux du 4 rue des Tanneurs ;",
     [("Épicerie Solidaire Ti Boutik", "2500")]),
    ("DÉCIDE d'attribuer une subvention de 2 500 € à l'association Handicap et Valide et d'approuver la convention.",
     [("Handicap et Valide", "2500")]),
    ("Le Conseil attribue une subvention de 800 € au Club des Aînés et autorise le Maire à signer la convention.",
     [("Club des Aînés", "800")]),
])
def test_the_decision_s_next_clause_after_and_is_no_part_of_the_beneficiary_s_name(text, grants):
    assert _read(text) == grants


#: A prize, a cash grant, premises lent and valued, a loan guaranteed: one grant each for the prize and the cash.
_PRIZE_IN_KIND_GUARANTEE = (
    "Le jury du prix de l'innovation sociale, réuni le 9 septembre 2025, a distingué l'association\n"
    "Repair Café de l'Odet pour son atelier de réparation itinérant dans les quartiers. Le règlement du\n"
    'prix, adopté par délibération n° 2025-03-021, prévoit une dotation de 1 500 €.\n'
    '\n'
    "L'épicerie solidaire Ti Boutik, association qui accueille 140 foyers, sollicite une subvention de\n"
    'fonctionnement. Il est proposé de lui attribuer 2 500 € et de poursuivre la mise à disposition\n'
    'gratuite des locaux du 4 rue des Tanneurs, valorisée à 3 200 € par an, qui figurera en annexe de\n'
    'ses comptes.\n'
    '\n'
    "La SCIC Habitat Odet Solidaire réalise six logements d'insertion rue de Kerfeunteun et sollicite\n"
    "la garantie de la commune à hauteur de 50 % d'un prêt de 400 000 € (PLAI) auprès de la Caisse des\n"
    'dépôts et consignations, soit 200 000 € garantis.\n'
    '\n'
    'Le Conseil municipal, après en avoir délibéré,\n'
    "- ATTRIBUE le prix de l'innovation sociale 2025, d'un montant de 1 500 €, à l'association Repair\n"
    "  Café de l'Odet ;\n"
    "- ATTRIBUE une subvention de fonctionnement de 2 500 € à l'association Épicerie Solidaire\n"
    '  Ti Boutik et APPROUVE la convention de mise à disposition des locaux du 4 rue des Tanneurs ;\n'
    '- ACCORDE sa garantie à hauteur de 50 % pour le remboursement du prêt de 400 000 € souscrit par\n'
    '  la SCIC Habitat Odet Solidaire ;\n'
    '- AUTORISE le Maire à signer la convention de mise à disposition et le contrat de garantie.\n')


def test_a_cash_grant_beside_a_prize_a_valued_in_kind_aid_and_a_loan_guarantee_is_read():
    assert _read(_PRIZE_IN_KIND_GUARANTEE) == [("Repair Café de l'Odet", "1500"),
                                               ("Épicerie Solidaire Ti Boutik", "2500")]


def test_a_verb_said_of_the_amount_after_the_beneficiary_is_no_part_of_its_name():
    text = ("Sur proposition d'un conseiller, le montant attribué au Tennis Club des Aigues a été ramené en\n"
            "séance à 1 800 €, montant identique à celui de 2024.")
    assert _read(text) == [("Tennis Club des Aigues", "1800")]


@pytest.mark.parametrize("lead", [
    "Le Conseil municipal, après en avoir délibéré, attribue les subventions suivantes :\n", ""])
def test_a_title_line_above_a_list_of_grants_heads_no_table_that_glues_the_lead_and_dashes_to_the_names(lead):
    text = ("N° 2025-06-088 – SUBVENTIONS AUX ASSOCIATIONS\n" + lead
            + "  - Banque alimentaire de Testval ........................ 6 000 €\n"
            "  - Maison des Aidants Testval ........................... 3 000 €\n"
            "Le Conseil ATTRIBUE les subventions ci-dessus.\n")
    assert _read(text) == [("Banque alimentaire de Testval", "6000"), ("Maison des Aidants Testval", "3000")]


def _granted(tmp_path, text: str) -> list[tuple[str, str, str | None]]:
    """The grants a deliberation's text gives, read as an ingest reads it: (beneficiary, amount, M57 account)."""
    from rdflib import RDFS

    from graph.ingest.delib_facts import extract_fixture
    from graph.namespaces import MAI, SCHEMA

    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE TESTVILLE\nConseil municipal du 30 janvier 2023\nDélibération n° 2023-04\n"
                    "Objet : Subventions\n\n" + text, encoding="utf-8")
    graph = extract_fixture(path).graph
    def account(grant):
        nature = graph.value(grant, MAI.budgetNature)
        return str(nature).rsplit("/", 1)[-1] if nature is not None else None

    return sorted((str(graph.value(graph.value(grant, MAI.beneficiary), RDFS.label)),
                   str(graph.value(grant, SCHEMA.amount)), account(grant))
                  for grant in graph.subjects(MAI.decidedBy, None))


def test_a_rule_drawn_under_the_amounts_above_their_total_makes_no_grant(tmp_path):
    """The rule and the total below it were read as a third grant, "-------- Total", of the total's amount."""
    text = ("Le Conseil municipal, après en avoir délibéré, DÉCIDE d'attribuer les subventions suivantes :\n\n"
            "   Bénéficiaire ............................................. Montant\n"
            "   Association Alpha ........................................ 12 000 €\n"
            "   Association Beta ......................................... 4 000 €\n"
            "                                                              --------\n"
            "   Total .................................................... 16 000 €\n\nAdopté à l'unanimité.")
    assert _granted(tmp_path, text) == [("Association Alpha", "12000", None), ("Association Beta", "4000", None)]


@pytest.mark.parametrize("head", ["Association", "Bénéficiaire"])
def test_a_column_of_communes_beside_the_beneficiaries_names_where_they_are_not_who_is_granted(tmp_path, head):
    text = ("Le Conseil communautaire, après en avoir délibéré, à l'unanimité, attribue les aides suivantes :\n\n"
            f"| Commune | {head} | Discipline | Montant (€) |\n|---|---|---|---|\n"
            "| Saint-Jouan-des-Prés | Avenir sportif Saint-Jouan | Football | 1 800 |\n"
            "| Lanrigan | Lanrigan Basket Club | Basket-ball | 1 250 |\n| TOTAL | | | 3 050 |\n")
    assert _granted(tmp_path, text) == [("Avenir sportif Saint-Jouan", "1800", None),
                                        ("Lanrigan Basket Club", "1250", None)]


def test_a_grant_an_earlier_deliberation_made_recalled_however_far_its_verb_is_from_its_amount_is_no_grant(tmp_path):
    text = ("Par délibération du 14 février 2023, le Conseil municipal a attribué à l'association Les Petits "
            "Débrouillards une subvention de fonctionnement de 4 000 €.\n\nLe Conseil municipal, après en avoir "
            "délibéré, à l'unanimité, DÉCIDE d'attribuer une subvention complémentaire de 1 500 € à l'association "
            "Les Petits Débrouillards.")
    assert _granted(tmp_path, text) == [("Les Petits Débrouillards", "1500", None)]


def test_an_amount_brought_down_to_another_grants_the_second_and_its_words_are_not_checked_against_the_next_item(
        tmp_path):
    from graph.ingest.delib_facts import extract_fixture

    text = ("Le Conseil municipal, après en avoir délibéré, à l'unanimité, décide d'attribuer :\n"
            "- à l'Association des parents d'élèves : une subvention de deux cent cinquante euros ;\n"
            "- au Sou des écoles laïques : 1 200 € ramenés à 900 € compte tenu de la trésorerie de l'association.\n")
    assert _granted(tmp_path, text) == [("Association des parents d'élèves", "250", None),
                                        ("Sou des écoles laïques", "900", None)]
    assert not [issue for issue in extract_fixture(tmp_path / "deliberation.txt").issues if "lettres" in issue.message]


@pytest.mark.parametrize("imputation, accounts", [
    ("article 65734 (CCAS) et article 6574 (associations)", ("65734", "6574")),
    ("article 65734 (CCAS) et 6574 (associations)", ("65734", "6574")),
])
def test_an_account_named_for_each_kind_of_beneficiary_goes_to_the_grants_of_that_kind(tmp_path, imputation, accounts):
    text = ("Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n- d'attribuer une subvention de 12 000 € au "
            "CCAS de Testville ;\n- d'attribuer une subvention de 4 000 € à l'association Siel Bleu ;\n"
            f"- de prélever les crédits correspondants sur le chapitre 65, {imputation}.")
    assert _granted(tmp_path, text) == [("CCAS de Testville", "12000", accounts[0]),
                                        ("Siel Bleu", "4000", accounts[1])]


def test_a_report_that_names_the_amount_an_amendment_changed_twice_is_warned_of_once(tmp_path):
    from graph.ingest.delib_facts import extract_fixture

    path = tmp_path / "deliberation.txt"
    path.write_text(
        "COMMUNE DE TESTVILLE\nProcès-verbal du Conseil municipal\nSéance du mercredi 15 mai 2024\n\n"
        "Point n° 7 – Délibération n° 2024-058\nObjet : Subvention de 10 000 € à l'Office municipal des sports (OMS)"
        "\n\nLe rapporteur propose d'attribuer une subvention de fonctionnement de 10 000 € à l'Office municipal des "
        "sports (OMS) pour l'année 2024.\n\nEn séance, un amendement visant à ramener ce montant à 8 000 € est adopté "
        "par 15 voix pour, 8 voix contre et 2 abstentions.\n\nLe Conseil municipal, après en avoir délibéré, par 19 "
        "voix pour et 5 voix contre :\n- ATTRIBUE à l'Office municipal des sports (OMS) une subvention de "
        "fonctionnement d'un montant de huit mille euros (8 000 €) au titre de l'exercice 2024 ;\n", encoding="utf-8")
    warned = [issue.message for issue in extract_fixture(path).issues if "montants différents" in issue.message]
    assert len(warned) == 1, warned


def test_a_tables_header_repeated_at_a_pages_head_with_years_in_it_makes_no_grant(tmp_path):
    """« | Bénéficiaire | Objet | Rappel 2023 | Montant 2024 | » again on page 2 was a grant « Bénéficiaire », 2024 €."""
    head = "| Bénéficiaire | Objet | Rappel 2023 | Montant 2024 |"
    text = ("Le Conseil départemental DÉCIDE d'attribuer les subventions suivantes :\n" + head + "\n"
            "| Ligue de l'enseignement | Accueils de mineurs | 12 000 € | 12 000 € |\n" + head + "\n"
            "| Les Francas de la Haute-Lorette | Fonctionnement | 3 000 € | 3 000 € |\n"
            "| TOTAL | | 15 000 € | 15 000 € |\n")
    assert _granted(tmp_path, text) == [("Les Francas de la Haute-Lorette", "3000", None),
                                        ("Ligue de l'enseignement", "12000", None)]


def test_a_table_row_that_a_page_break_split_is_one_grant_of_the_whole_name(tmp_path):
    """The name's first line, with no amount, was left out: the grant went to « Patrimoine local de Vaulnières »."""
    head = "| Bénéficiaire | Objet | Montant |"
    text = ("Le Conseil municipal DÉCIDE d'attribuer les subventions suivantes :\n" + head + "\n"
            "| Comité des fêtes | Fête de la Saint-Jean | 1 800 € |\n"
            "| Les Amis de la Bibliothèque municipale et du | Animations lecture | |\n" + head + "\n"
            "| Patrimoine local de Vaulnières | jeunesse | 650 € |\n| TOTAL | | 2 450 € |\n")
    assert _granted(tmp_path, text) == [("Comité des fêtes", "1800", None), (
        "Les Amis de la Bibliothèque municipale et du Patrimoine local de Vaulnières", "650", None)]


def test_a_dot_leader_table_whose_thousands_a_dot_parts_gives_its_grants(tmp_path):
    """« Association Alpha ........ 12.000 € » under a « Bénéficiaire ..... Montant » header gave no grant."""
    text = ("Le Conseil municipal, après en avoir délibéré, DÉCIDE d'attribuer les subventions suivantes :\n\n"
            "   Bénéficiaire ............................................. Montant\n"
            "   Association Alpha ........................................ 12.000 €\n"
            "   Association Beta ......................................... 4.000 €\n"
            "   Total .................................................... 16.000 €\n\nAdopté à l'unanimité.")
    assert _granted(tmp_path, text) == [("Association Alpha", "12000", None), ("Association Beta", "4000", None)]


def test_a_grant_proposed_without_a_name_goes_to_the_subject_of_the_clause_before_it(tmp_path):
    """« Le Handball Club … voit son équipe … ; il est proposé une aide de 3 500 € »: no grant was read."""
    text = ("Mme ROUSSEL expose :\n\nLe Handball Club de Port-Lambert voit son équipe féminine accéder à la Nationale "
            "2 ; il est proposé une aide de 3 500 €.\n\nLe Conseil municipal, après en avoir délibéré, décide "
            "d'accorder la subvention exceptionnelle proposée ci-dessus.\n")
    assert _granted(tmp_path, text) == [("Handball Club de Port-Lambert", "3500", None)]
