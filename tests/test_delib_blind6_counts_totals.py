"""A deliberation's votes, totals and session details as a fourth blind round wrote them (Corsica, Guyane, Mayotte,
La Réunion, a region's annex): members counted as taking no part in the vote, a total "montant global … soit", a
total "pour l'exercice 2024", an annex's total line, proxies listed in brackets after their count, the members
"composant l'Assemblée", a publication "au RAA" and an article that is part of a place's name. Their texts
ctg-assemblee-guyane-… and departement-mayotte-… are fixtures too.
"""

from __future__ import annotations

import pytest

from graph.ingest.delib_counts import parse_counts
from graph.ingest.delib_decision import find_published
from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_people import Attendance

HEAD = ("COMMUNE DE TESTVILLE\nConseil municipal – séance du 10 juin 2024\n{attendance}Délibération n° 2024-50\n"
        "Objet : Subventions\n\n")
ARTICLES = ("DÉCIDE :\n"
            "ARTICLE 1 : Une subvention de 18 000 € est attribuée à l'association Alpha Santé.\n"
            "ARTICLE 2 : Une subvention de 14 000 € est attribuée à l'association Beta Soins.\n")


def _facts(tmp_path, body: str, attendance: str = "") -> dict:
    path = tmp_path / "deliberation.txt"
    path.write_text(HEAD.format(attendance=attendance) + body, encoding="utf-8")
    return deliberation_facts(extract_fixture(path).graph)


PRESENT_AND_PROXIES = "Présents : 52 – Pouvoirs : 3 – Votants : 55\n"


@pytest.mark.parametrize("vote", [
    "Après en avoir délibéré, par 45 voix pour, 7 voix contre, 3 conseillers n'ayant pas pris part au vote,\n",
    "À la majorité,\nOnt voté POUR : 45\nOnt voté CONTRE : 7\n"
    "Non-participation : 3 conseillers n'ayant pas pris part au vote (Mme A, M. B, Mme C)\n",
    "Pour : 45 – Contre : 7 – Ne prennent pas part au vote : 3\n",
])
def test_a_count_left_out_is_zero_when_the_counts_and_the_members_taking_no_part_make_up_those_present(
        tmp_path, vote):
    facts = _facts(tmp_path, vote + ARTICLES, PRESENT_AND_PROXIES)
    assert facts["votes"] == {"for": 45, "against": 7, "abstentions": 0}


@pytest.mark.parametrize("attendance", ["Votants : 55\n", "Présents : 52 – Pouvoirs : 8 – Votants : 60\n"])
def test_a_count_left_out_stays_unknown_unless_those_present_and_represented_are_made_up(tmp_path, attendance):
    """Voters stated alone may count the members who took no part or not; 60 present and represented leave 5 unsaid."""
    vote = "par 45 voix pour, 7 voix contre, 3 conseillers n'ayant pas pris part au vote,\n"
    assert _facts(tmp_path, vote + ARTICLES, attendance)["votes"] == {"for": 45, "against": 7, "abstentions": None}


@pytest.mark.parametrize("sentence", [
    "ARTICLE 3 : Le montant global de ces aides, soit 32 000 €, est imputé au chapitre 934.\n",
    "ARTICLE 3 : Le montant global de ces aides, soit TRENTE-DEUX MILLE EUROS (32 000 €), est imputé au chapitre 934.\n",
    "Le montant total des aides pour l'exercice 2024 s'élève à 32 000 €.\n",
])
def test_a_total_of_the_grants_above_is_stated(tmp_path, sentence):
    facts = _facts(tmp_path, ARTICLES + sentence + "Adopté à l'unanimité.\n")
    assert facts["stated_totals"] == ["32000"]
    assert sorted(amount for _, amount in facts["grants"]) == ["14000", "18000"]


def test_a_total_line_that_names_its_annex_is_the_total_of_its_grants(tmp_path):
    annex = ("DÉCIDE d'attribuer les aides détaillées en annexe 1, soit :\n"
             "- Commune de Saint-Aignan-des-Marais : 90 000 € ;\n- SISA Pôle Santé Brière-Est : 12 600 €.\n"
             "Adopté à l'unanimité.\n\n"
             "ANNEXE 1\n\n"
             "Bénéficiaire                        | Opération                   | Aide régionale\n"
             "Commune de Saint-Aignan-des-Marais  | Création d'une MSP          | 90 000,00 €\n"
             "SISA Pôle Santé Brière-Est          | Salle de téléconsultation   | 12 600,00 €\n\n"
             "TOTAL ANNEXE 1                                                      102 600,00 €\n")
    facts = _facts(tmp_path, annex)
    assert len(facts["grants"]) == 2
    assert facts["stated_totals"] == ["102600"]


def test_proxies_listed_in_brackets_after_their_count_and_who_they_are_are_read(tmp_path):
    attendance = ("Étaient présents : 21 conseillers départementaux sur 26 en exercice.\n"
                  "Avaient donné procuration : 3 conseillers départementaux (Mme Zaïnaba ATTOUMANI à M. Ali DJAMADAR, "
                  "M. Soula SAÏD à Mme Mariame MADI, Mme Echati ISSA à M. Daniel ZAÏDANI).\n")
    facts = _facts(tmp_path, ARTICLES + "Adopté.\n", attendance)
    assert (facts["proxy_count"], facts["proxies"], facts["proxy_holders"]) == (3, 3, 3)


@pytest.mark.parametrize("text, in_office, present", [
    ("Le quorum étant atteint avec 44 conseillers présents sur les 55 membres composant l'Assemblée.", 55, 44),
    ("Les 55 membres composant l'Assemblée ont été convoqués le 16 février 2024.", 55, None),
    ("Les 55 membres qui composent le Conseil ont été convoqués.", 55, None),
])
def test_the_members_composing_the_assembly_are_those_in_office(text, in_office, present):
    attendance = Attendance()
    parse_counts(text, attendance)
    assert (attendance.in_office, attendance.present_count) == (in_office, present)


@pytest.mark.parametrize("line", ["Publié au RAA le 05/03/2024", "Publiée au R.A.A. le 5 mars 2024"])
def test_a_publication_in_the_recueil_des_actes_by_its_initials_is_read(line):
    assert str(find_published("Acte reçu en préfecture le 04/03/2024\n" + line)) == "2024-03-05"


def test_an_article_the_text_writes_with_a_capital_is_part_of_the_authoritys_place(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("CONSEIL DÉPARTEMENTAL DE LA RÉUNION\nCOMMISSION PERMANENTE\nDélibération n° DCP2024-12\n"
                    "Objet : Subventions\n\nLa Commission Permanente du Conseil départemental de La Réunion s'est "
                    "réunie le 18 septembre 2024.\n" + ARTICLES + "Adopté.\n", encoding="utf-8")
    assert deliberation_facts(extract_fixture(path).graph)["authority"] == "Département de La Réunion"
    path.write_text(path.read_text(encoding="utf-8").replace("RÉUNION", "GIRONDE").replace("La Réunion", "la Gironde"),
                    encoding="utf-8")
    assert deliberation_facts(extract_fixture(path).graph)["authority"] == "Département de la Gironde"
