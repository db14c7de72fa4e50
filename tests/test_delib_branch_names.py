"""How the deliberation reader cuts a body's local branch off a beneficiary's name and keeps the rest, as a seventh
blind test found it misread: a branch whose place follows its word with no particle (« – antenne Sud-Aveyron »), a
federation's or a union's departmental branch (« – fédération de l'Ariège », « – union départementale de
l'Ariège »), the same branches in a name written all in capitals (« UNAFAM – DÉLÉGATION DU PAS-DE-CALAIS »), and a
legal form in brackets after a name in a sentence (« (SISA) »), kept as lists and tables keep it. The texts are
fixtures too (centre-hospitalier-ca-…, oph-conseil-…, agglo-bureau-tableau-…, mdph-commission-executive-…).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_bare_names import bare_name
from graph.ingest.delib_grants import find_grants


def _grants(body: str) -> list[tuple[str, Decimal]]:
    return sorted((g.beneficiary, g.amount) for g in find_grants(body).grants)


def _decided(*clauses: str) -> str:
    """A session's heading and a decision that grants in ``clauses``, one a line."""
    return ("COMMUNE DE TESTVILLE\nConseil municipal – séance du 10 juin 2024\n\nLe Conseil, après en avoir "
            "délibéré,\nDÉCIDE :\n" + "".join(f"- {clause}\n" for clause in clauses) + "Adopté à l'unanimité.\n")


@pytest.mark.parametrize("name, body", [
    ("Association française des aidants – antenne Sud-Aveyron", "Association française des aidants"),
    ("UNAFAM – délégation Loire", "UNAFAM"),
    ("Confédération nationale du logement – fédération de l'Ariège", "Confédération nationale du logement"),
    ("Confédération syndicale des familles – union départementale de l'Ariège",
     "Confédération syndicale des familles"),
    ("Restos du Cœur – centre de Luzech", "Restos du Cœur"),
])
def test_a_branch_named_by_its_place_is_cut_off_its_bodys_name(name, body):
    assert bare_name(name) == (body, "branch", name)


@pytest.mark.parametrize("name, body", [
    ("RESTOS DU CŒUR – CENTRE D'ARQUES", "RESTOS DU CŒUR"),
    ("UNAFAM – DÉLÉGATION DU PAS-DE-CALAIS", "UNAFAM"),
    ("ASSOCIATION DES PARALYSÉS DE FRANCE – DÉLÉGATION DE LA CREUSE", "ASSOCIATION DES PARALYSÉS DE FRANCE"),
    ("CONFÉDÉRATION SYNDICALE DES FAMILLES – UNION DÉPARTEMENTALE DE L'ARIÈGE", "CONFÉDÉRATION SYNDICALE DES FAMILLES"),
])
def test_a_branch_in_a_name_all_in_capitals_is_cut_off_its_bodys_name(name, body):
    assert bare_name(name) == (body, "branch", name)


@pytest.mark.parametrize("name", [
    "Croix-Rouge – unité locale Métropole Sud",  # the unit's own words, not a place after the branch's word
    "Union nationale des combattants – section locale",  # no place tells which branch it is
    "Association Prévention Routière – comité départemental",
    "APF France handicap – délégation 64",
    "Siel Bleu – Délégation Limousin",  # a capital: a name of its own
    "Aurore – pôle Addictions",  # a service of the body, not a branch
    "Association Addictions France – Drôme",
    "Les Dragons de Rouen – Hockey sur glace",
    "MUTUALITÉ DE LA RÉUNION – CENTRE DE SANTÉ",  # what a centre serves, not where it is
    "Amis de la Loire – union Les Roses",
    "Association Saint-Jean – centre Jean-Moulin",  # an establishment's own name, not its place
])
def test_words_after_a_dash_that_name_no_branch_by_its_place_stay_in_the_name(name):
    assert bare_name(name) == (name, None, None)


def test_a_branch_in_capitals_in_a_table_is_cut_off_its_bodys_name():
    body = ("COMMUNE DE TESTVILLE\nConseil municipal – séance du 10 juin 2024\n\nLe Conseil DÉCIDE d'attribuer les "
            "subventions figurant au tableau ci-dessous :\n\n"
            "Axe                     Porteur                                              Montant (en €)\n"
            "Santé mentale           UNAFAM – DÉLÉGATION DU PAS-DE-CALAIS                      1 500\n"
            "Nutrition / activité    RESTOS DU CŒUR – CENTRE D'ARQUES                           2 000\n"
            "Accès aux droits        CENTRE SOCIAL ESPACE 36                                    3 800\n"
            "                        TOTAL                                                      7 300\n\n"
            "Adopté à l'unanimité.\n")
    assert _grants(body) == [("CENTRE SOCIAL ESPACE 36", Decimal(3800)), ("RESTOS DU CŒUR", Decimal(2000)),
                             ("UNAFAM", Decimal(1500))]


def test_a_branch_after_a_dash_in_a_sentence_is_cut_off_its_bodys_name():
    body = _decided("d'attribuer à l'Association française des aidants – antenne Sud-Aveyron, une subvention de "
                    "900 € ;",
                    "d'attribuer une subvention de 1 500 € à la Confédération nationale du logement – fédération de "
                    "l'Ariège (CNL 09), pour ses permanences ;")
    assert _grants(body) == [("Association française des aidants", Decimal(900)),
                             ("Confédération nationale du logement", Decimal(1500))]


@pytest.mark.parametrize("clause, name", [
    ("d'attribuer une subvention de 18 000 € à la Maison de santé du Haut-Forez (SISA).",
     "Maison de santé du Haut-Forez (SISA)"),
    ("d'attribuer une subvention de 18 000 € à la SCIC Les Ateliers du Lien (SCIC SA), pour son étude.",
     "SCIC Les Ateliers du Lien (SCIC SA)"),
    ("d'attribuer une subvention de 18 000 € à l'Association Martiniquaise des Diabétiques (AMD).",
     "Association Martiniquaise des Diabétiques"),  # an acronym is another label of the name, no part of it
])
def test_a_legal_form_in_brackets_after_a_name_in_a_sentence_stays_in_it_as_in_a_list(clause, name):
    assert _grants(_decided(clause)) == [(name, Decimal(18000))]

