"""Grants that a deliberation says twice or in parts, and totals said inside a line, that a blind test of the
deliberation reader misread: a report's list and the decision's (an amendment between them), a name's place after
a dash in a list's block, a title's beneficiary before what the grant is for and its instalment, one beneficiary's
"soit un montant total de" after a monthly amount, and "La dépense correspondante, soit …" after the articles that
make the grants. Their texts are fixtures too (agglo-amendement-…, commune-pdftotext-acompte-…,
cc-decision-president-…).
"""

from __future__ import annotations

from decimal import Decimal

from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_recipients import title_beneficiary


def _read(body: str, title: str = "") -> tuple[list[tuple[str, Decimal]], list[tuple[Decimal, bool]], list[str]]:
    found = find_grants(body, title)
    return (sorted((g.beneficiary, g.amount) for g in found.grants),
            [(t.amount, t.reconciled) for t in found.totals], [fr for fr, _ in found.warnings])


_TWICE = ("Le rapporteur propose d'attribuer les subventions suivantes :\n"
          "  —  PASS'Santé Jeunes Valentinois, accueil santé des 16-25 ans : 3 000 € ;\n"
          "  —  Comité Drôme de cardiologie : 1 500 €.\n\n"
          "Un amendement visant à porter la subvention de PASS'Santé Jeunes Valentinois à 4 500 € est adopté.\n\n"
          "Le Conseil communautaire, après en avoir délibéré,\n"
          "DÉCIDE d'attribuer les subventions suivantes :\n"
          "  —  PASS'Santé Jeunes Valentinois : 4 500 € ;\n"
          "  —  Comité Drôme de cardiologie : 1 500 €.\n")


def test_a_reports_item_and_its_description_is_the_decisions_grant_whatever_amount_the_amendment_set():
    grants, _, warnings = _read(_TWICE)
    assert grants == [("Comité Drôme de cardiologie", Decimal(1500)), ("PASS'Santé Jeunes Valentinois", Decimal(4500))]
    assert any("3000 € (exposé), 4500 € (décision)" in w for w in warnings)


def test_a_reports_item_and_its_description_of_the_same_amount_is_one_grant_said_twice():
    grants, _, warnings = _read(_TWICE.replace("4 500 €", "3 000 €"))
    assert grants == [("Comité Drôme de cardiologie", Decimal(1500)), ("PASS'Santé Jeunes Valentinois", Decimal(3000))]
    assert warnings == []


def test_a_reports_item_whose_branch_is_followed_by_its_description_is_the_decisions_grant():
    body = ("Le rapporteur propose d'attribuer les subventions suivantes :\n"
            "  —  Les Petits Frères des Pauvres – Équipe de Valence-Sud, visites aux aînés isolés : 2 000 €.\n\n"
            "Le Conseil, après en avoir délibéré,\nDÉCIDE d'attribuer les subventions suivantes :\n"
            "  —  Les Petits Frères des Pauvres – Équipe de Valence-Sud : 2 200 €.\n")
    grants, _, _ = _read(body)
    assert grants == [("Les Petits Frères des Pauvres", Decimal(2200))]


def test_a_blocks_place_after_the_names_dash_is_the_names_its_description_after_the_comma_is_not():
    body = ("Le rapporteur propose d'attribuer les subventions suivantes :\n"
            "  —  Association Addictions France – Drôme, consultations jeunes consommateurs délocalisées :\n"
            "     5 000 € ;\n"
            "  —  Club Santé Senior : 900 €.\n\n"
            "Le Conseil, après en avoir délibéré,\nDÉCIDE d'attribuer les subventions suivantes :\n"
            "  —  Association Addictions France – Drôme : 5 000 € ;\n"
            "  —  Club Santé Senior : 900 €.\n")
    found = find_grants(body)
    assert sorted((g.beneficiary, g.amount) for g in found.grants) == [
        ("Association Addictions France – Drôme", Decimal(5000)), ("Club Santé Senior", Decimal(900))]
    purpose = next(g.purpose for g in found.grants if g.amount == 5000)
    assert purpose == "consultations jeunes consommateurs délocalisées"


def test_a_titles_association_named_by_what_it_gathers_keeps_its_word_and_stops_at_pour_in_capitals():
    title = "MAISON DE SANTÉ – SUBVENTION À L'ASSOCIATION DES PROFESSIONNELS DE SANTÉ DES ABERS POUR LE PROJET 2024"
    assert title_beneficiary(title) == "ASSOCIATION DES PROFESSIONNELS DE SANTÉ DES ABERS"
    assert title_beneficiary("Subvention à l'association des parents d'élèves") == "Association des parents d'élèves"
    assert title_beneficiary("SUBVENTION À L'ASSOCIATION SANTÉ POUR TOUS") == "SANTÉ POUR TOUS"


def test_an_instalment_of_the_grant_is_no_grant_when_the_title_names_its_beneficiary_before_the_project():
    title = "MAISON DE SANTÉ – SUBVENTION À L'ASSOCIATION DES PROFESSIONNELS DE SANTÉ DES ABERS POUR LE PROJET 2024"
    body = ("Le conseil municipal, après en avoir délibéré, à l'unanimité :\n\n"
            "– ATTRIBUE à l'Association des professionnels de santé des Abers une subvention de fonctionnement de\n"
            "8 000 € pour la mise en œuvre du projet de santé ;\n\n"
            "– DÉCIDE que cette subvention sera versée en deux temps : un acompte de 50 %, soit 4 000 €, à la signa-\n"
            "ture de la convention, et le solde de 4 000 € sur production du bilan.\n")
    grants, _, _ = _read(body, title)
    assert grants == [("Association des professionnels de santé des Abers", Decimal(8000))]


_MONTHLY = ("Après en avoir délibéré,\nDÉCIDE\nArticle 1 : d'attribuer une bourse d'études aux étudiants suivants :\n"
            "  • M. Hugo CASTELNAU, interne en médecine générale, 600 € par mois\n"
            "    pendant 24 mois, soit un montant total de 14 400 € ;\n"
            "  • Mme Léa FONTANILLE, interne en médecine générale, 600 € par mois\n"
            "    pendant 12 mois, soit un montant total de 7 200 €.\n"
            "Le montant total des bourses attribuées s'élève à 21 600 €.\n")


def test_one_beneficiarys_total_after_a_monthly_amount_is_its_grant_not_a_total_of_grants():
    grants, totals, warnings = _read(_MONTHLY)
    assert grants == [("Hugo CASTELNAU", Decimal(14400)), ("Léa FONTANILLE", Decimal(7200))]
    assert (totals, warnings) == ([(Decimal(21600), True)], [])


def test_an_items_total_after_two_grants_of_its_own_is_still_a_total():
    body = ("DÉCIDE d'attribuer les subventions suivantes :\n"
            "  • Club A : 1 000 € en 2024 et 2 000 € en 2025, soit un montant total de 3 000 € ;\n"
            "  • Club B : 500 €.\n")
    _, totals, _ = _read(body)
    assert Decimal(3000) in [amount for amount, _ in totals]


_ARTICLES = ("Le Président de la Communauté de communes DÉCIDE :\n"
             "Article 1er : Une subvention exceptionnelle de 1 500 € est attribuée à l'association Don du Sang.\n"
             "Article 2 : Une subvention de fonctionnement de 2 800 € est attribuée à l'association Pilat Écoute.\n"
             "Article 3 : La dépense correspondante, soit 4 300 €, sera imputée au compte 6574.\n")


def test_the_expense_said_after_the_articles_that_make_two_grants_is_their_stated_total():
    grants, totals, warnings = _read(_ARTICLES)
    assert grants == [("Don du Sang", Decimal(1500)), ("Pilat Écoute", Decimal(2800))]
    assert (totals, warnings) == ([(Decimal(4300), True)], [])


def test_a_wrong_expense_said_after_the_articles_is_warned_as_a_wrong_total():
    _, totals, warnings = _read(_ARTICLES.replace("4 300 €", "4 000 €"))
    assert totals == [(Decimal(4000), False)]
    assert any("4 000,00 €" in w and "4 300,00 €" in w for w in warnings)
