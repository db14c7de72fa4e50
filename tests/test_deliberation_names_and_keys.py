"""Beneficiaries' names and identifiers as lists and tables cut them, and the act's keys written in less usual forms
(the session's date in the act's number line, votes counted in brackets, a number's organ suffix)."""

from __future__ import annotations

import pytest

from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_text import normalise_text


def _facts(tmp_path, text: str, suffix: str = ".txt") -> dict:
    path = tmp_path / f"deliberation{suffix}"
    path.write_text(text, encoding="utf-8")
    return deliberation_facts(extract_fixture(path).graph)


_LIST_WITH_SIRETS = """DÉPARTEMENT DE TESTVAL

COMMISSION PERMANENTE DU 2 JUIN 2025

DÉLIBÉRATION N° CP/2025/06/14

LA COMMISSION PERMANENTE, APRÈS EN AVOIR DÉLIBÉRÉ, DÉCIDE :

Article 1 : d'attribuer les aides suivantes au titre de 2025 :

- Recyclerie du Testval (SIRET 519 874 630 00048) : 24 500 €
- Association intermédiaire Coup de Main Emploi 82-

Département de Testval — Commission permanente du 2 juin 2025 — page 1/2

  Fictive (SIRET 408 221 992 00014) : 11 000 €
- Garage solidaire Testval (SIREN 880 412 374) : 7 500 €

Adopté à l'unanimité.
"""


def test_a_siret_in_brackets_after_a_listed_name_is_the_beneficiarys_identifier_not_part_of_its_name(tmp_path):
    facts = _facts(tmp_path, _LIST_WITH_SIRETS)
    assert sorted(facts["grants"]) == [["Association intermédiaire Coup de Main Emploi 82-Fictive", "11000"],
                                       ["Garage solidaire Testval", "7500"], ["Recyclerie du Testval", "24500"]]
    assert facts["identifiers"] == {
        "Recyclerie du Testval": {"siret": "51987463000048", "siren": "519874630"},
        "Association intermédiaire Coup de Main Emploi 82-Fictive": {"siret": "40822199200014",
                                                                     "siren": "408221992"},
        "Garage solidaire Testval": {"siren": "880412374"}}


def test_a_listed_name_cut_after_a_hyphen_at_a_line_end_joins_without_a_space():
    found = find_grants("Le Conseil DÉCIDE d'attribuer les aides suivantes :\n- Amicale laïque de Saint-\n"
                        "  Étienne-Fictif : 3 000 €\n- Club de la Vallée –\n  section judo : 500 €\n")
    assert sorted(g.beneficiary for g in found.grants) == ["Amicale laïque de Saint-Étienne-Fictif",
                                                           "Club de la Vallée – section judo"]


_TABLE_OVER_PAGES = """COMMUNE DE VELLEZAC

Séance du 10 mars 2025

Le Conseil municipal, à l'unanimité, DÉCIDE d'attribuer les subventions suivantes :

Bénéficiaire                              Objet                         Montant (€)
Comité des Fêtes de Vellezac              Fête de la Saint-Jean               1 200
Union Sportive Vellezacoise               Fonctionnement et école             4 800
                                          de football

Conseil municipal du 10 mars 2025 — Délibération n° D2025-041              Page 1 sur 2

Bénéficiaire                              Objet                         Montant (€)
Les Amis de la Bibliothèque               Animation lecture                     650
Jean-Moulinier
Association d'Aide à Domi-
cile du Pays de Dronne (ADPD)             Fonctionnement                      7 250
TOTAL                                                                        13 900
"""


def test_a_table_rows_name_begun_on_the_lines_above_its_amount_line_is_its_own_not_the_row_aboves():
    found = find_grants(normalise_text(_TABLE_OVER_PAGES).body)
    assert sorted((g.beneficiary, str(g.amount)) for g in found.grants) == [
        ("Association d'Aide à Domicile du Pays de Dronne", "7250"), ("Comité des Fêtes de Vellezac", "1200"),
        ("Les Amis de la Bibliothèque Jean-Moulinier", "650"), ("Union Sportive Vellezacoise", "4800")]


_EXECUTIVE_COUNCIL = """# Collectivité Territoriale de Testval

## Conseil exécutif

**Délibération n° 25-0312-1 du 12 mars 2025**

**Portant attribution d'une subvention**

- Conseillers exécutifs en exercice : 9
- Présents : 8
- Représenté : 0
- Votants : 8

Le Conseil exécutif de Testval, après en avoir délibéré, DÉLIBÈRE :

**Article 1** – Une subvention de 5 500 € est attribuée à l'association Bèlè Testval.

*Adoptée à l'unanimité.*
"""


def test_the_session_date_that_only_the_acts_number_line_gives_is_read_and_a_count_of_zero_represented_too(tmp_path):
    facts = _facts(tmp_path, _EXECUTIVE_COUNCIL, ".md")
    assert (facts["session_date"], facts["number"], facts["proxy_count"], facts["vote_count"]) == (
        "2025-03-12", "25-0312-1", 0, 8)


def test_a_cited_acts_number_line_dates_no_session(tmp_path):
    facts = _facts(tmp_path, _EXECUTIVE_COUNCIL.replace("**Délibération n° 25-0312-1 du 12 mars 2025**",
                                                        "*Vu* la délibération n° 25-0312-1 du 12 mars 2025 ;"), ".md")
    assert facts["session_date"] is None


_ASSEMBLY = """COLLECTIVITÉ DE TESTVAL

DÉLIBÉRATION N° 25/087 AC DE L'ASSEMBLÉE DE CORSE
APPROUVANT L'ATTRIBUTION DE SUBVENTIONS

SÉANCE DU 26 JUIN 2025

Conseillers en exercice : 63
Présents : 51
Mandats : 9
Votants : 60

VU la délibération n° 25/012 AC de l'Assemblée de Corse du 27 février 2025 ;

APRÈS EN AVOIR DÉLIBÉRÉ

À la majorité,

Ont voté POUR (49) : Mmes et MM. (groupes A, B)
Ont voté CONTRE (0) :
Abstention (11) : Mmes et MM. (groupe C)

ARTICLE PREMIER :
APPROUVE l'attribution d'une subvention de 30 000 € à l'association Ressourcerie A Rinascita.

Publication au recueil des actes. Rendu exécutoire après transmission le 27 juin 2025 et affichage le 30 juin 2025.

Le Président,
Marc TESTU
"""


@pytest.mark.parametrize("key, value", [
    ("number", "25/087 AC"),  # the organ's code after the number
    ("votes", {"for": 49, "against": 0, "abstentions": 11}),  # counts in brackets after their labels
    ("proxy_count", 9),  # "Mandats : 9"
    ("published", "2025-06-30"),  # "… et affichage le …"
    ("chair", "Marc TESTU"),  # the signer, when no chair is named otherwise
    ("chair_title", "Président"),
])
def test_an_assemblys_keys_written_in_its_own_forms_are_read(tmp_path, key, value):
    assert _facts(tmp_path, _ASSEMBLY)[key] == value


@pytest.mark.parametrize("above", ["Pour le Président et par délégation,\nLe Vice-Président,",
                                   "Pour le Président et par délégation,\nLe Président,"])
def test_a_signature_by_delegation_names_no_chair(tmp_path, above):
    facts = _facts(tmp_path, _ASSEMBLY.replace("Le Président,", above))
    assert facts["chair"] is None


def test_a_chair_named_in_the_text_is_kept_whoever_signs(tmp_path):
    facts = _facts(tmp_path, _ASSEMBLY.replace("Conseillers en exercice", "Sous la présidence de Mme Anna VESPA, "
                                               "Présidente.\nConseillers en exercice"))
    assert (facts["chair"], facts["chair_title"]) == ("Anna VESPA", "Présidente")
