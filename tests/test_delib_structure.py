"""What a sixth blind test of the deliberation reader misread in a deliberation's structure, each a rule with a few
lines of text: a body's branch as the subject that asks for the grant, a total "pour un montant maximal global", a
maison départementale des personnes handicapées or a groupement de coopération sanitaire as the authority and its
commission exécutive as the body, a SIRET after a line's wrap in prose, a grant's whole over years with its yearly
amount in brackets, a table's nature in its title's brackets. Their texts are fixtures too (commune-taux-soit-…,
gcs-conseil-administration-…, region-cp-programmes-annexe-1-…).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_authority import find_authority
from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_session import find_body
from graph.ingest.delib_table_context import heading_nature


def _grants(body: str) -> list[tuple[str, Decimal]]:
    return sorted((g.beneficiary, g.amount) for g in find_grants(body, "").grants)


@pytest.mark.parametrize("branch", ["La section locale de la", "L'antenne départementale de la",
                                   "L'unité locale de la"])
def test_a_bodys_branch_that_asks_for_the_grant_before_it_is_the_bodys(branch):
    body = (f"Le Conseil municipal, après en avoir délibéré,\n\n{branch} Croix-Rouge française souhaite acquérir un "
            "défibrillateur. Il est proposé un\nmontant de 800 € (huit cents euros).\n\nATTRIBUE l'aide décrite "
            "ci-dessus.\n")
    assert _grants(body) == [("Croix-Rouge française", Decimal(800))]


@pytest.mark.parametrize("said", ["pour un montant maximal global de", "pour un montant global de",
                                  "soit"])
def test_the_amount_of_the_grants_described_above_is_their_total(said):
    body = ("1) L'association Alpha Santé organise des ateliers. Il est proposé un montant de 2 000 €.\n\n"
            "2) L'association Beta Répit accueille des aidants. Il est proposé un montant de 1 500 €.\n\n"
            f"Le Conseil municipal, après en avoir délibéré :\n- ATTRIBUE les aides décrites ci-dessus, {said} "
            "3 500 € ;\n")
    found = find_grants(body, "")
    assert [t.amount for t in found.totals] == [Decimal(3500)]
    assert sorted((g.beneficiary, g.amount) for g in found.grants) == [("Alpha Santé", Decimal(2000)),
                                                                       ("Beta Répit", Decimal(1500))]


def test_a_maison_departementale_des_personnes_handicapees_is_the_authority_its_commission_executive_the_body():
    body = ("MAISON DÉPARTEMENTALE DES PERSONNES HANDICAPÉES DE LA CREUSE\nGroupement d'intérêt public\n\n"
            "COMMISSION EXÉCUTIVE\n\nSéance du vendredi 27 septembre 2024\n\nLa Commission exécutive, après en avoir "
            "délibéré, DÉCIDE d'accorder une subvention de 3 000 € à l'association Valentin Haüy.\n")
    assert find_authority(body)[0] == "Maison départementale des personnes handicapées de la Creuse"
    assert find_body(body) == "Commission Exécutive"


def test_a_gip_whose_name_is_below_its_kind_is_no_organ_of_the_line_after():
    body = "GROUPEMENT D'INTÉRÊT PUBLIC\n\nCOMMISSION EXÉCUTIVE\n\nSéance du 27 septembre 2024\n"
    assert find_authority(body) is None


def test_a_groupement_de_cooperation_sanitaire_in_capitals_keeps_its_kinds_words_in_small_letters():
    body = ("GROUPEMENT DE COOPÉRATION SANITAIRE « SANTÉ TERRITOIRES DU HAUT-QUERCY »\n\nCONSEIL D'ADMINISTRATION\n"
            "Séance du jeudi 14 mars 2024\n")
    assert find_authority(body)[0] == "Groupement de coopération sanitaire Santé Territoires du Haut-Quercy"


def test_the_commission_executive_of_another_body_is_not_the_body_that_deliberates():
    assert find_body("Le Conseil municipal désigne M. X à la commission exécutive de la MDPH.") \
        == "Conseil Municipal"


def test_a_siret_that_a_prose_sentence_gives_after_a_line_wrap_is_the_beneficiarys(tmp_path):
    path = tmp_path / "siret.txt"
    path.write_text("COMMUNE DE SAINT-JULIEN\n\nSéance du 5 mars 2025\n\nL'association « Les Amis du Vélo », "
                    "constituée en association\nen 2021 (SIRET 51332722100018), anime des ateliers.\n\nLe Conseil "
                    "municipal, après en avoir délibéré, ATTRIBUE à l'association Les Amis du Vélo une subvention de "
                    "1 000 €.\n", encoding="utf-8")
    facts = deliberation_facts(extract_fixture(path).graph)
    assert facts["identifiers"] == {"Les Amis du Vélo": {"siret": "51332722100018", "siren": "513327221"}}


@pytest.mark.parametrize("said", ["18 000 € sur trois ans (6 000 € par an)",
                                  "18 000 € pour les années 2024 à 2026, soit 6 000 € par an",
                                  "18 000 € sur trois ans, soit 6 000 € par an",
                                  "12 000 € pour 2024 et 2025, soit 6 000 € par an",
                                  "6 000 € par an de 2024 à 2026"])
def test_a_grant_over_several_years_is_its_yearly_amount_however_the_text_orders_them(said):
    found = find_grants(f"DÉCIDE :\n- d'attribuer à l'association Lire Ensemble une subvention de {said} ;", "")
    assert [(g.beneficiary, g.amount) for g in found.grants] == [("Lire Ensemble", Decimal(6000))]
    assert [fr for fr, _ in found.warnings if fr.startswith("montant annuel")]
    assert found.totals == []


@pytest.mark.parametrize("title, nature", [("Programme 412 – Accès aux soins (investissement)", "investment"),
                                           ("Programme 415 – Prévention (fonctionnement)", "operating"),
                                           ("Programme 415 – Prévention", None)])
def test_a_tables_title_gives_its_rows_the_nature_it_names_in_brackets(title, nature):
    text = f"ANNEXE 1\n\n{title}\n\nBénéficiaire     |   Action     |   Aide régionale\n"
    assert heading_nature(text, text.index("Bénéficiaire")) == nature
