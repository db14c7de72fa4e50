"""What a tenth blind test of the deliberation reader misread in layouts, each a rule with a few lines of text: grants
voted line by line under a lead that only says the council deliberated, a member who takes no part in one line's
vote, a town hall web page's table flattened into « label : value » fields that the decision refers back to (its
caption, last year's amounts and total), a nature that a decision referring back to blocks names after them, a
total of eligible expenditure, a cooperative's SIRET given after its legal form written out in full, an acronym in
brackets before a club's section. Their texts are fixtures too (b10-*).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_grants import find_grants


def _grants(body: str) -> list[tuple[str, Decimal]]:
    return sorted((g.beneficiary, g.amount) for g in find_grants(body, "").grants)


def _totals(body: str) -> list[Decimal]:
    return sorted(t.amount for t in find_grants(body, "").totals)


_PER_LINE = ("OBJET : SUBVENTIONS DE FONCTIONNEMENT 2025\n\n{lead}\n\n"
             "1. Harmonie municipale : 6 400 €\n   Adopté à l'unanimité (31 voix pour).\n\n"
             "2. Comité des œuvres sociales : 18 500 €\n{not_voting}   Adopté à l'unanimité des votants.\n\n"
             "3. Saint-Junien Commerces : 9 000 €\n   Adopté par 25 voix pour, 4 voix contre.\n\n"
             "Les crédits sont inscrits à l'article 6574.\n")
_NOT_VOTING = "   M. Alain DUBREUIL, président du COS, ne prend pas part au vote pour la subvention au COS.\n"


@pytest.mark.parametrize("lead", [
    "Le Conseil municipal, après en avoir délibéré :",
    "Le Conseil municipal, après en avoir délibéré, attribue les subventions suivantes :"])
@pytest.mark.parametrize("not_voting", ["", _NOT_VOTING])
def test_grants_voted_line_by_line_are_read_whoever_takes_no_part_in_a_vote(lead, not_voting):
    body = _PER_LINE.format(lead=lead, not_voting=not_voting)
    assert _grants(body) == [("Comité des œuvres sociales", Decimal(18500)), ("Harmonie municipale", Decimal(6400)),
                             ("Saint-Junien Commerces", Decimal(9000))]


def test_amounts_voted_line_by_line_under_a_title_that_speaks_of_no_grant_are_none():
    body = _PER_LINE.format(lead="Le Conseil municipal, après en avoir délibéré :", not_voting="")
    assert _grants(body.replace("SUBVENTIONS DE FONCTIONNEMENT", "TARIFS DES SALLES")) == []


_WEB_TABLE = ("Objet : Subventions aux associations 2025\n\n"
              "La commission Vie associative, réunie le 20 février 2025, propose les montants suivants :\n\n"
              "Tableau des subventions 2025\n"
              "Association : Comité des fêtes\nMontant 2024 : 1 200 €\nMontant proposé 2025 : 1 300 €\n"
              "Association : Les Galopins\nMontant 2024 : 800 €\nMontant proposé 2025 : 850 €\n"
              "Association : Club de l'Amitié\nMontant 2024 : 250 €\n"
              "Montant proposé 2025 : néant (dissolution de l'association)\n"
              "Total 2024 : 2 250 €\nTotal proposé 2025 : 2 150 €\n\n"
              "Le conseil municipal DÉCIDE d'attribuer les subventions figurant dans le tableau ci-dessus.\n")


def test_a_flattened_table_that_the_decision_refers_back_to_gives_this_years_amounts():
    assert _grants(_WEB_TABLE) == [("Comité des fêtes", Decimal(1300)), ("Les Galopins", Decimal(850))]


def test_a_flattened_tables_total_of_last_year_is_no_stated_total():
    assert _totals(_WEB_TABLE) == [Decimal(2150)]


def test_a_flattened_tables_caption_is_no_beneficiary_when_the_decision_comes_first():
    body = _WEB_TABLE.replace("propose les montants suivants :", "a examiné les demandes.").replace(
        "Tableau des", "Le conseil municipal DÉCIDE d'attribuer les subventions suivantes :\n\nTableau des")
    assert _grants(body) == [("Comité des fêtes", Decimal(1300)), ("Les Galopins", Decimal(850))]


_KEUR = ("OBJET : Soutien aux équipements de proximité\n\n"
         "Bénéficiaire : Association Fablab du Haut-Doubs\nDépense éligible : 50,0 k€ HT\nAide régionale : 12,5 k€\n\n"
         "Bénéficiaire : Commune de Morteau\nDépense éligible : 180,0 k€ HT\nAide régionale : 45,0 k€\n\n"
         "Total des dépenses éligibles : 230,0 k€\nTotal de l'aide régionale : 57,5 k€\n\n"
         "La Commission permanente attribue aux bénéficiaires désignés ci-dessus des subventions d'investissement.\n")


def test_a_nature_that_the_decision_referring_back_to_blocks_names_after_them_is_theirs():
    assert {g.beneficiary: g.nature for g in find_grants(_KEUR, "").grants} == {
        "Association Fablab du Haut-Doubs": "investment", "Commune de Morteau": "investment"}


def test_a_total_of_eligible_expenditure_is_no_total_of_the_grants():
    assert _totals(_KEUR) == [Decimal(57500)]


def test_a_siret_given_after_a_cooperatives_legal_form_written_in_full_is_the_cooperatives(tmp_path):
    path = tmp_path / "scic.txt"
    path.write_text("MÉTROPOLE ROUEN NORMANDIE\n\nBUREAU MÉTROPOLITAIN - Séance du 24 mars 2025\n\n"
                    "La société coopérative d'intérêt collectif (SCIC SAS) Les Ateliers du Réemploi (SIRET 912 345 "
                    "675 00017) collecte et répare du mobilier.\n\nLe Bureau métropolitain décide d'attribuer à la "
                    "SCIC Les Ateliers du Réemploi une subvention d'investissement de 25 000 €.\n", encoding="utf-8")
    facts = deliberation_facts(extract_fixture(path).graph)
    assert facts["identifiers"] == {"SCIC Les Ateliers du Réemploi": {"siret": "91234567500017",
                                                                      "siren": "912345675"}}


def test_an_acronym_in_brackets_before_a_clubs_section_is_no_part_of_its_name():
    body = ("Le Conseil municipal, après en avoir délibéré, attribue les subventions suivantes :\n\n"
            "1. Union sportive saint-juniaude (USSJ) - section football : 12 000 €\n")
    assert _grants(body) == [("Union sportive saint-juniaude - section football", Decimal(12000))]
