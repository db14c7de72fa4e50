"""Four misreadings of grants that a blind test of the deliberation reader found, each as a small text: a list's
items that open with whom they go to and have no bullet, a grant's ceiling stated after a table, a name that goes
on after "pour", and the law's threshold for an agreement said of the beneficiaries it names. The four texts are
fixtures too (metropole-addictions-…, syndicat-mixte-msp-…, ville-sante-mentale-…, departement-cp-perinatalite-…).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib.namespace import RDF

from graph.ingest.delib_facts import extract_fixture
from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_recipient_phrases import beneficiary_in
from graph.namespaces import MAI

_DATIVE_LIST = ("Le Conseil, après en avoir délibéré,\nDÉCIDE\n"
                "Article 1 – Attribue, au titre de l'année 2024, les subventions suivantes :\n"
                "à l'association Addictions Prévention, la somme de 25.000,00 euros pour son programme\n"
                "d'intervention en milieu scolaire ;\n"
                "au Centre hospitalier du Val, pour sa consultation jeunes\n"
                "consommateurs, la somme de 12.000,00 euros ;\n"
                "à la commune de Saint-Cloët, pour l'organisation d'un forum prévention jeunesse,\n"
                "la somme de 1.500,00 euros ;\n"
                "au Collectif Fêtes Sans Risques, la somme de 3.500,00 euros ;\n"
                "soit un montant total de 42.000,00 euros.\n")


def _read(body: str) -> tuple[list[tuple[str, Decimal]], list[tuple[Decimal, bool]], list[str]]:
    found = find_grants(body)
    return ([(g.beneficiary, g.amount) for g in found.grants], [(t.amount, t.reconciled) for t in found.totals],
            [fr for fr, _ in found.warnings])


def test_a_lists_items_that_open_with_whom_they_go_to_are_each_read_with_no_bullet():
    grants, totals, warnings = _read(_DATIVE_LIST)
    assert grants == [("Addictions Prévention", Decimal(25000)), ("Centre hospitalier du Val", Decimal(12000)),
                      ("Commune de Saint-Cloët", Decimal(1500)), ("Collectif Fêtes Sans Risques", Decimal(3500))]
    assert (totals, warnings) == ([(Decimal(42000), True)], [])


def test_a_line_that_names_no_one_after_its_dative_is_no_item_of_the_list():
    body = _DATIVE_LIST.replace("au Collectif Fêtes Sans Risques, la somme de 3.500,00 euros ;\n",
                                "au titre de la prévention, la somme de 3.500,00 euros ;\n")
    grants, _, _ = _read(body)
    assert [name for name, _ in grants] == ["Addictions Prévention", "Centre hospitalier du Val",
                                            "Commune de Saint-Cloët"]


_CAPPED = ("Le Comité syndical, après en avoir délibéré, par 19 voix pour :\n\nATTRIBUE les aides suivantes :\n\n"
           "Commune bénéficiaire          Opération                          Dépense HT      Taux    Aide\n"
           "Lachaux                       Extension de la MSP                 285 000 €      10 %    28 500 €\n"
           "Saint-Géraud-d'Oze            Création d'une MSP                  520 000 €      10 %    40 000 €\n"
           "                                                                                 Total   68 500 €\n\n"
           "PRÉCISE que l'aide attribuée à la commune de Saint-Géraud-d'Oze est plafonnée à 40 000 €\n"
           "conformément au règlement du dispositif ;\n")


def test_a_ceiling_stated_of_a_tables_grant_is_that_grant_not_another():
    grants, totals, warnings = _read(_CAPPED)
    assert grants == [("Commune de Lachaux", Decimal(28500)), ("Commune de Saint-Géraud-d'Oze", Decimal(40000))]
    assert (totals, warnings) == ([(Decimal(68500), True)], [])


@pytest.mark.parametrize("verb", ["est plafonnée", "sera limitée", "sont destinées"])
def test_a_name_ends_before_a_verb_in_the_passive(verb):
    sentence = f"PRÉCISE que l'aide attribuée à l'association Les Amis du Vélo {verb} à 4 000 € ;"
    assert beneficiary_in(sentence, sentence.index("4 000")) == "Les Amis du Vélo"


@pytest.mark.parametrize("after, name", [
    # its words after "pour" in capitals up to the comma: the name's
    ("pour la Santé Psychique du Valmorinois, de 3 000 €", "Union des Familles pour la Santé Psychique du Valmorinois"),
    ("pour la Santé Psychique du Valmorinois ;", "Union des Familles pour la Santé Psychique du Valmorinois"),
    # a purpose: words in small letters, or one word in capitals
    ("pour l'organisation de la Semaine de la Santé Mentale, de 3 000 €", "Union des Familles"),
    ("pour son action auprès des familles, de 3 000 €", "Union des Familles"),
    ("pour le Téléthon, de 3 000 €", "Union des Familles"),
])
def test_a_name_goes_on_after_pour_only_with_words_in_capitals_to_its_end(after, name):
    sentence = f"DÉCIDE d'attribuer une subvention de 5 500 € à l'Union des Familles {after} au Club X ;"
    assert beneficiary_in(sentence, sentence.index("5 500")) == name


def test_a_name_with_no_head_of_such_names_stops_at_pour():
    sentence = "DÉCIDE d'attribuer une subvention de 900 € au Club Sportif pour la Fête Locale du Bourg ;"
    assert beneficiary_in(sentence, sentence.index("900")) == "Club Sportif"


def test_several_grants_of_one_sentence_keep_a_name_that_goes_on_after_pour():
    grants, _, _ = _read("Le Conseil, après en avoir délibéré, DÉCIDE d'attribuer une subvention de 8 000 € à "
                         "l'association Écoute et Partage, de 5 500 € à l'Union des Familles pour la Santé Psychique "
                         "du Valmorinois, et de 2 000 € à l'association Les Pairs Aidants ;")
    assert sorted(grants) == [("Les Pairs Aidants", Decimal(2000)),
                              ("Union des Familles pour la Santé Psychique du Valmorinois", Decimal(5500)),
                              ("Écoute et Partage", Decimal(8000))]


_THRESHOLD_TABLE = ("La Commission permanente, après en avoir délibéré,\nDÉCIDE :\n\n"
                    "Article 1 : D'attribuer les subventions de fonctionnement suivantes :\n\n"
                    "   Bénéficiaire                                             Montant\n"
                    "   Association Naître et Grandir                         12 500,00 €\n"
                    "   Maison des Familles                                    8 000,00 €\n"
                    "   Réseau Périnat                                        15 000,00 €\n"
                    "   TOTAL                                                 35 500,00 €\n\n"
                    "Article 2 : D'autoriser Madame la Présidente à signer les conventions à intervenir avec\n"
                    "le Réseau Périnat et l'association Naître et Grandir{threshold}.\n")


@pytest.mark.parametrize("threshold", [", dont la subvention excède\n23 000 € sur deux exercices",
                                       ", dont la subvention dépasse 23 000 € sur deux exercices"])
def test_the_laws_threshold_said_of_named_beneficiaries_is_no_amount_of_theirs(threshold):
    grants, totals, warnings = _read(_THRESHOLD_TABLE.format(threshold=threshold))
    assert sorted(grants) == [("Association Naître et Grandir", Decimal(12500)), ("Maison des Familles", Decimal(8000)),
                              ("Réseau Périnat", Decimal(15000))]
    assert (totals, warnings) == ([(Decimal(35500), True)], [])


def _governed(tmp_path: Path, threshold: str) -> list[str]:
    path = tmp_path / "deliberation.txt"
    path.write_text("DÉPARTEMENT DES HAUTES-COMBES\nCOMMISSION PERMANENTE\nRéunion du 14/10/2024\n"
                    "Délibération n° CP-2024-10-057\nObjet : Périnatalité – subventions\n\n"
                    + _THRESHOLD_TABLE.format(threshold=threshold) + "\nAdopté à l'unanimité.\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    agreement, = graph.subjects(RDF.type, MAI.Agreement)
    return sorted(str(graph.value(grant, MAI.beneficiary)).rsplit("/", 1)[-1]
                  for grant in graph.subjects(MAI.governedBy, agreement))


@pytest.mark.parametrize("threshold", ["", ", dont la subvention excède 23 000 € sur deux exercices"])
def test_an_agreement_that_names_its_parties_governs_their_table_grants_whatever_threshold_it_says(tmp_path,
                                                                                                   threshold):
    assert _governed(tmp_path, threshold) == ["naitre-grandir", "reseau-perinat"]
