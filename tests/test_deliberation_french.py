"""French dates and amounts: parsers checked against their writers over generated values (hypothesis)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import URIRef
from rdflib.namespace import FOAF, SKOS

from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_table_header import choose_amount_column
from graph.ingest.delib_accounts import find_budget_account
from graph.ingest.delib_decision import find_published
from graph.ingest.delib_vote import parse_vote
from graph.ingest.delib_authority import find_authority
from graph.ingest.delib_session import find_body, find_session_date
from graph.ingest.delib_number import find_number, number_match
from graph.ingest.delib_title import find_title
from graph.ingest.delib_moves import apply_moves
from graph.ingest.delib_ocr import repair_ocr, unreadable_amounts
from graph.ingest.delib_names import Person, parse_person
from graph.ingest.delib_people import parse_attendance
from graph.ingest.delib_stamps import strip_stamps
from graph.ingest.delib_text import normalise_text
from graph.ingest.delib_text_layout import clean_text
from graph.ingest.deliberation import looks_like_deliberation
from graph.ingest.french import format_amount, format_date_words, parse_amount, parse_date
from graph.ingest.french_numbers import find_amounts_in_words, number_to_words, words_to_number
from graph.namespaces import DCTERMS, MAI, RDF, RDFS, SCHEMA

DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
AMOUNTS = st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2, allow_nan=False)


@given(DATES, st.booleans())
def test_a_date_written_in_words_reads_back_as_itself(day, weekday):
    assert parse_date(format_date_words(day, weekday=weekday)) == day


@given(DATES)
def test_a_date_in_figures_reads_back_as_itself(day):
    assert parse_date(f"le {day:%d/%m/%Y}") == day


@given(AMOUNTS, st.sampled_from([" ", "\u00a0", "\u202f"]), st.sampled_from([" €", " euros", "€", ""]))
def test_an_amount_written_the_french_way_reads_back_as_itself(value, sep, currency):
    assert parse_amount(format_amount(value, sep=sep, currency=currency)) == value


@given(st.integers(min_value=0, max_value=999_999_999))
def test_a_number_spelled_in_french_reads_back_as_itself(n):
    assert words_to_number(number_to_words(n)) == n


@pytest.mark.parametrize("text, value", [
    ("vingt mille", 20000), ("quatre-vingts", 80), ("soixante-dix-sept", 77), ("deux cents", 200),
    ("mille cinq cents", 1500), ("vingt-cinq mille", 25000), ("un million deux cent mille", 1200000),
])
def test_common_spelled_amounts_read_as_their_value(text, value):
    assert words_to_number(text) == value


@pytest.mark.parametrize("text, day", [
    ("jeudi 22 mai 2014", dt.date(2014, 5, 22)), ("1er juillet 2022", dt.date(2022, 7, 1)),
    ("SEANCE DU 16 MAI 2024", dt.date(2024, 5, 16)), ("17/04/2014", dt.date(2014, 4, 17)),
    ("2024-05-16", dt.date(2024, 5, 16)), ("le 3 février 2020", dt.date(2020, 2, 3)),
])
def test_dates_as_deliberations_write_them_are_read(text, day):
    assert parse_date(text) == day


def _amounts_in_words_as_before(text: str) -> list[tuple[int, int, int]]:
    """find_amounts_in_words with the pattern it had before its lookbehind and its check for "euro"."""
    found = []
    for match in re.finditer(r"((?:[a-zà-ÿ]+[\s-]+){1,12}?)euros?\b", text, re.I):
        words = match.group(1).split()
        for i in range(len(words)):
            value = words_to_number(" ".join(words[i:]))
            if value:
                found.append((value, text.index(words[i], match.start()), match.end()))
                break
    return found


PIECES = st.sampled_from(["vingt", "mille", "cent", "deux", "et", "un", "euro", "euros", "EUROS", "Euro", "europe",
                          "sept", "ſ", "÷", "×", "ÿ", "Ÿ", "é", "x", "K", "_", "2", "0 ", " ", "  ", "-", "\n", ",",
                          ".", "'", "s"])


@given(st.lists(PIECES, max_size=40).map("".join))
def test_amounts_in_words_are_found_as_the_plain_pattern_found_them(text):
    assert find_amounts_in_words(text) == _amounts_in_words_as_before(text)


@pytest.mark.parametrize("text", ["vingt euros÷mille euros", "mille euros÷ cent euros", "cent EUROS et deux Euros",
                                  "soixante-dix euros", "vingteuros mille euros", "mille europe cent euros"])
def test_amounts_in_words_cases_at_word_edges(text):
    assert find_amounts_in_words(text) == _amounts_in_words_as_before(text)


@pytest.mark.parametrize("text, outcome", [
    ("Le Conseil, à l'unanimité, DÉCIDE", "adopted-unanimously"),
    ("Vote : unanimité", "adopted-unanimously"),
    ("VOTE : Unanimité des membres présents et représentés.", "adopted-unanimously"),
    ("UNANIMITE", "adopted-unanimously"),
    ("LE CONSEIL MUNICIPAL APRES EN AVOIR DELIBERE A L UNANIMITE DECIDE", "adopted-unanimously"),
    ("à la majorité (25 voix pour, 2 abstentions)", "adopted"),
    ("adoptée à la majorité absolue", "adopted"),
    ("La délibération est rejetée à la majorité", "rejected"),
    ("selon la règle de l'unanimité des membres", None),
    ("Le Conseil municipal approuve la convention", None),
])
def test_the_outcome_is_read_from_the_phrases_councils_use(text, outcome):
    assert parse_vote(text).outcome == outcome


@pytest.mark.parametrize("text", [
    "Résultat du vote :\nPour                        117\nContre                        0\n"
    "Abstentions                   9\nNon participation au vote     0\n",
    "RÉSULTAT DU VOTE\n| Pour | Contre | Abstentions | Ne prend pas part au vote |\n| 117 | 0 | 9 | 0 |\n",
    "Pour       Contre      Abstentions\n 117          0            9\n",
])
def test_a_vote_set_out_as_a_table_gives_each_count_its_own_label(text):
    vote = parse_vote(text)
    assert (vote.votes_for, vote.against, vote.abstentions, vote.outcome) == (117, 0, 9, "adopted")


@pytest.mark.parametrize("text, date", [
    ("Séance du 16 mai 2024", dt.date(2024, 5, 16)),
    ("COMMISSION PERMANENTE DU 12 JUIN 2023", dt.date(2023, 6, 12)),
    ("Conseil communautaire du 16 mai 2024", dt.date(2024, 5, 16)),
    ("BUREAU MÉTROPOLITAIN DU 3 AVRIL 2024", dt.date(2024, 4, 3)),
    ("Assemblée plénière du 29 juin 2023", dt.date(2023, 6, 29)),
    ("Le Conseil départemental, réuni le 5 février 2024", dt.date(2024, 2, 5)),
    ("CONSEIL MUNICIPAL DU 12/06/2023", dt.date(2023, 6, 12)),
    ("Vu la délibération du Conseil municipal du 3 mai 2021", None),
    ("L'an deux mille vingt-quatre, le douze mars à dix-huit heures trente, le Conseil municipal, régulièrement "
     "convoqué, s'est réuni au nombre prescrit par la loi, dans le lieu habituel de ses séances.\n"
     "Date de convocation : 05/03/2024", dt.date(2024, 3, 12)),
    ("L'an deux mille vingt-trois, le premier février, le Conseil", dt.date(2023, 2, 1)),
    ("DÉPARTEMENT DU NORD-FICTIF\nCOMMISSION PERMANENTE\nRéunion du 14 octobre 2024\n\nOBJET : Subventions (2e série)\n"
     "Une première série a été financée par la Commission permanente du 8 juillet 2024.\n", dt.date(2024, 10, 14)),
    ("COMMUNAUTÉ DE COMMUNES DU VAL\nRéunion du jeudi 26 septembre 2024\nObjet : Contrat local de santé\nLa "
     "présente délibération annule et remplace celle du Conseil communautaire du 4 juillet 2024.",
     dt.date(2024, 9, 26)),
    ("TOULOUSE MÉTROPOLE-FICTIVE\nConseil de la Métropole du jeudi 10 octobre 2024\n", dt.date(2024, 10, 10)),
    ("RÉGION BRETAGNE\nCOMMISSION PERMANENTE DU CONSEIL REGIONAL\n2 décembre 2024\nDELIBERATION\n\nLe Conseil",
     dt.date(2024, 12, 2)),
    ("Le Conseil régional, convoqué le 15 novembre 2024, s'est réuni le lundi 2 décembre\n2024 au siège",
     dt.date(2024, 12, 2)),
    ("PETR DU PAYS DES MAUGES-FICTIF\nComité syndical du 10 octobre 2024\nDÉLIBÉRATION N° 2024-10-05\n",
     dt.date(2024, 10, 10)),
    # the register's opening sentence dated first, the day "du mois de", a département's session
    ("Le 9 décembre 2024 à 18 heures 30, le Conseil municipal s'est réuni en mairie", dt.date(2024, 12, 9)),
    ("L'an deux mil vingt-quatre, le neuf du mois de décembre, le Conseil municipal", dt.date(2024, 12, 9)),
    ("DÉPARTEMENT DE LA FICTIVE\nSession du 9 décembre 2024\nRapport n° 12", dt.date(2024, 12, 9)),
    # a date opening another sentence is no sitting's
    ("Le 3 mai 2021, la Commune a signé une convention.", None),
])
def test_the_session_date_is_read_from_the_heading_or_the_session_but_never_from_a_cited_act(text, date):
    assert find_session_date(text) == date


@pytest.mark.parametrize("heading, name", [
    ("COMMUNAUTÉ D'AGGLOMÉRATION DES MONTS DU VELAY-ARGENT", "Communauté d'agglomération des Monts du Velay-Argent"),
    ("COMMUNAUTÉ DE COMMUNES DU PAYS DE LORVANE", "Communauté de communes du Pays de Lorvane"),
    ("SYNDICAT MIXTE DU PAYS DE FOREZAN", "Syndicat mixte du Pays de Forezan"),
    ("CENTRE COMMUNAL D'ACTION SOCIALE DE RIVE-D'ARGENT", "Centre communal d'action sociale de Rive-d'Argent"),
    ("MAIRIE DE MONTCLAIR-LES-PINS", "Commune de Montclair-les-Pins"),
    ("VILLE DE BELLEFONTAINE-SUR-ARGENT", "Ville de Bellefontaine-sur-Argent"),
    ("COMMUNE DU PUY-FICTIF", "Commune du Puy-Fictif"),
    ("MAIRIE DE LA ROCHE-FICTIVE", "Commune de La Roche-Fictive"),
    ("COMMUNE NOUVELLE DE VAL-D'ORSANNE", "Commune nouvelle de Val-d'Orsanne"),
    ("CCAS de Villemarne-Fictive", "Centre communal d'action sociale de Villemarne-Fictive"),
    ("SIVOM DU VAL DE BRUYÈRE", "Syndicat intercommunal à vocation multiple du Val de Bruyère"),
    ("SYNDICAT MIXTE DÉPARTEMENTAL D'ÉNERGIES DU LOT-ET-GARONNE-FICTIF (SDE 47-F)",
     "Syndicat mixte départemental d'énergies du Lot-et-Garonne-Fictif"),
    ("PETR DU PAYS DE LA LOIRE-FICTIVE", "Pôle d'équilibre territorial et rural du Pays de la Loire-Fictive"),
    ("PÔLE D'ÉQUILIBRE TERRITORIAL ET RURAL DU PAYS DES COMBRAILLES",
     "Pôle d'équilibre territorial et rural du Pays des Combrailles"),
    ("ÉTABLISSEMENT PUBLIC TERRITORIAL PLAINE-DE-L'OURCQ-FICTIVE (T10-F)",
     "Établissement public territorial Plaine-de-l'Ourcq-Fictive"),
    ("SERVICE DÉPARTEMENTAL D'INCENDIE ET DE SECOURS DE LA HAUTE-SAUVINE",
     "Service départemental d'incendie et de secours de la Haute-Sauvine"),
    ("SDIS DU VAL-D'ORSANNE", "Service départemental d'incendie et de secours du Val-d'Orsanne"),
    ("EUROMÉTROPOLE DE VERLAC-FICTIVE", "Eurométropole de Verlac-Fictive"),
    ("Conseil de Paris", "Ville de Paris"),
    ("COLLECTIVITÉ TERRITORIALE DE LA SAUVINE-FICTIVE", "Collectivité territoriale de la Sauvine-Fictive"),
    ("COLLECTIVITÉ EUROPÉENNE D'ORSANNE", "Collectivité européenne d'Orsanne"),
    ("DEPARTEMENT DE LA GIRONDE-FICTIVE", "Département de la Gironde-Fictive"),
    ("REGION BRETAGNE", "Région Bretagne"),
    ("RÉGION NOUVELLE-AQUITAINE", "Région Nouvelle-Aquitaine"),
    ("CONSEIL MUNICIPAL DE NANTES-FICTIVE", "Ville de Nantes-Fictive"),
    # a name with "de l'" inside or at its start
    ("COMMUNAUTÉ D'AGGLOMÉRATION DES PORTES DE L'ARGONNE-FICTIVE",
     "Communauté d'agglomération des Portes de l'Argonne-Fictive"),
    ("COMMUNAUTÉ DE COMMUNES DE LA VALLÉE DE L'HÉRAULT-FICTIF",
     "Communauté de communes de la Vallée de l'Hérault-Fictif"),
    ("COMMUNAUTÉ D'AGGLOMÉRATION DU PAYS DE L'OR-FICTIF", "Communauté d'agglomération du Pays de l'Or-Fictif"),
    ("COMMUNAUTÉ DE COMMUNES DE L'ERNÉE-FICTIVE", "Communauté de communes de l'Ernée-Fictive"),
    ("Communauté de communes de l'Ernée-Fictive", "Communauté de communes de l'Ernée-Fictive"),
    ("SYNDICAT MIXTE DE L'OUST-FICTIF", "Syndicat mixte de l'Oust-Fictif"),
    # two places joined by "et" and a particle
    ("SYNDICAT MIXTE DES EAUX DU MARSAN-FICTIF ET DES LANDES D'ARMAGNAC (SMEMLA)",
     "Syndicat mixte des Eaux du Marsan-Fictif et des Landes d'Armagnac"),
    # a métropole named first, its place after it
    ("TOURS MÉTROPOLE VAL DE LOIRE\n\nCONSEIL MÉTROPOLITAIN DU 24 MARS 2025", "Tours Métropole Val de Loire"),
    ("NOUVELLE-CALÉDONIE\nPROVINCE NORD\n\nASSEMBLÉE DE LA PROVINCE NORD", "Province Nord"),
    # a gloss in brackets after the name in capitals
    ("SIVOM DU CANTON DE LA BASTIDE-FICTIVE (Ariège)\n\nComité syndical – séance du 18 décembre 2024",
     "Syndicat intercommunal à vocation multiple du Canton de la Bastide-Fictive"),
    ("PETR DU PAYS DE L'AUXOIS-FICTIF", "Pôle d'équilibre territorial et rural du Pays de l'Auxois-Fictif"),
    # a PETR named by its territory without a particle
    ("PÔLE D'ÉQUILIBRE TERRITORIAL ET RURAL CŒUR SAUVINE-FICTIVE\nComité syndical\nSéance du 6 octobre 2025",
     "Pôle d'équilibre territorial et rural Cœur Sauvine-Fictive"),
    # a syndicat mixte of a parc naturel régional, in a title line that names the act, its day and its organ
    ("Délibération n° 2025-37 du 25 septembre 2025 du comité syndical du Syndicat mixte du Parc naturel régional du "
     "Haut-Fictif relative au soutien de l'économie sociale et solidaire",
     "Syndicat mixte du Parc naturel régional du Haut-Fictif"),
    # établissements publics, which deliberate through their own board
    ("ÉTABLISSEMENT PUBLIC DE COOPÉRATION CULTURELLE « LA FABRIQUE DES ARTS »", "EPCC La Fabrique des Arts"),
    ("OFFICE DE TOURISME INTERCOMMUNAL DES GORGES DU TARN-FICTIF\nÉtablissement public industriel et commercial (EPIC)",
     "Office de tourisme intercommunal des Gorges du Tarn-Fictif"),
    ("VAL DE GARONNE HABITAT\nOffice Public de l'Habitat du Val de Garonne-Fictif",
     "Office public de l'Habitat du Val de Garonne-Fictif"),
    # the other établissements publics that vote subventions
    ("CAISSE DES ÉCOLES DE VILLEURBANNE-FICTIVE\nÉtablissement public communal",
     "Caisse des écoles de Villeurbanne-Fictive"),
    ("CHAMBRE D'AGRICULTURE DE LA HAUTE-SAUVINE", "Chambre d'agriculture de la Haute-Sauvine"),
    ("CHAMBRE DE MÉTIERS ET DE L'ARTISANAT DE LA NIÈVRE-FICTIVE",
     "Chambre de métiers et de l'artisanat de la Nièvre-Fictive"),
    ("Chambre de commerce et d'industrie Côte-Fictive", "Chambre de commerce et d'industrie Côte-Fictive"),
    ("CENTRE DE GESTION DE LA FONCTION PUBLIQUE TERRITORIALE DE LA SAUVINE",
     "Centre de gestion de la fonction publique territoriale de la Sauvine"),
    ("GROUPEMENT D'INTÉRÊT PUBLIC MAISON DE L'EMPLOI DU VAL-FICTIF",
     "Groupement d'intérêt public Maison de l'Emploi du Val-Fictif"),
    ("LYCÉE PROFESSIONNEL JEAN-MOULIN-FICTIF", "Lycée professionnel Jean-Moulin-Fictif"),
    ("CENTRE HOSPITALIER DE VIRE-FICTIVE", "Centre hospitalier de Vire-Fictive"),
    ("EHPAD PUBLIC DE SAINT-AMOUR-FICTIF", "EHPAD public de Saint-Amour-Fictif"),
    ("RÉGIE MUNICIPALE DES EAUX DE GRENOBLE-FICTIVE", "Régie municipale des Eaux de Grenoble-Fictive"),
    ("ÉTABLISSEMENT PUBLIC FONCIER DE LA SAUVINE\n\nBUREAU\n\nSéance du 15 mai 2025\n\nObjet : Commune de "
     "Saint-Fictif (Aveyron) – Convention opérationnelle", "Établissement public foncier de la Sauvine"),
    ("MÉTROPOLE EUROPÉENNE DE FICTIVILLE\n\nCONSEIL DE LA MÉTROPOLE", "Métropole européenne de Fictiville"),
    # a pôle métropolitain; a communauté d'agglomération under its short name, unless its full name follows
    ("PÔLE MÉTROPOLITAIN SUD FICTIVE-COMTÉ\n\nCOMITÉ SYNDICAL", "Pôle métropolitain Sud Fictive-Comté"),
    ("PÔLE MÉTROPOLITAIN DU GENEVOIS-FICTIF", "Pôle métropolitain du Genevois-Fictif"),
    ("FICTIVILLE AGGLO\n\nCONSEIL COMMUNAUTAIRE", "Fictiville Agglo"),
    ("VALENCE-FICTIVE ROMANS AGGLO", "Valence-Fictive Romans Agglo"),
    ("ORSANNE AGGLO\nCommunauté d'agglomération de l'Orsanne", "Communauté d'agglomération de l'Orsanne"),
    # a communauté under its name, with no line of its kind under it
    ("COMBES-FICTIF COMMUNAUTÉ\n\nProcès-verbal de délibération du Conseil communautaire",
     "Combes-Fictif Communauté"),
    # a SIVU whose purpose is a word of its name, before its territory
    ("SYNDICAT INTERCOMMUNAL À VOCATION UNIQUE SANTÉ DU HAUT-FICTIF\n\nCOMITÉ SYNDICAL",
     "Syndicat intercommunal à vocation unique Santé du Haut-Fictif"),
    # a métropole whose name writes "métropole" in small letters, alone on its line
    ("Fictibrest métropole\nConseil de la métropole du 8 octobre 2024", "Fictibrest métropole"),
    # a compound name that a line wrap cut after a hyphen
    ("DEPARTEMENT du VAR-FICTIF MAIRIE DE SAINT-ANDRÉ-DES-\nOLIVIERS\nCOMPTE RENDU du Conseil Municipal",
     "Commune de Saint-André-des-Oliviers"),
    # a région's council named without a particle
    ("Conseil régional Provence-Fictive-Côte d'Azur\nSéance plénière du 25 octobre 2024",
     "Région Provence-Fictive-Côte d'Azur"),
    ("CONSEIL RÉGIONAL\nCommission permanente du 18 octobre 2024\nRÉGION AUVERGNE-FICTIVE", "Région Auvergne-Fictive"),
])
def test_an_authority_is_found_in_a_heading_in_capitals(heading, name):
    assert find_authority(heading + "\n")[0] == name


@pytest.mark.parametrize("heading, name", [
    ("SYNDICAT INTERCOMMUNAL À VOCATION UNIQUE SANTÉ DU HAUT-FICTIF\nSiège : Mairie de Lamastre-Fictive (Ardèche)",
     "Syndicat intercommunal à vocation unique Santé du Haut-Fictif"),
    ("SYNDICAT DES EAUX DE LA SAUVINE\nSiège social : Mairie de Montclair-Fictif", "Syndicat des Eaux de la Sauvine"),
    ("ASSOCIATION FONCIÈRE DU HAUT-FICTIF\nSiège : Mairie de Montclair-Fictif", None),
])
def test_the_town_hall_that_a_heading_names_as_the_seat_is_not_the_authority(heading, name):
    assert (find_authority(heading + "\n\nCOMITÉ SYNDICAL\nSéance du 5 mai 2025\n") or (None,))[0] == name


@pytest.mark.parametrize("text, given, family", [
    ("M. Jean DUPONT", "Jean", "DUPONT"),
    ("M. DUPONT Jean", "Jean", "DUPONT"),
    ("Mme LE GALL Anne-Marie", "Anne-Marie", "LE GALL"),
    ("Mesdames et Messieurs FAURE Gérard", "Gérard", "FAURE"),
    ("M. D'ARTOIS Pauline", "Pauline", "D'ARTOIS"),
    # a particle elided in small letters before capitals, alone or inside a compound
    ("Mme Anne-Marie d'ARRIFICTIA", "Anne-Marie", "d'ARRIFICTIA"),
    ("M. Jean-François ETCHEFICTIF-d'ARCAMONT", "Jean-François", "ETCHEFICTIF-d'ARCAMONT"),
    # a family name in small letters that opens with its particle, after a civility
    ("Mme Marie-Pierre de La Tour d'Auvergne-Fictive", "Marie-Pierre", "de La Tour d'Auvergne-Fictive"),
    ("M. Charles du Plessis-Fictif", "Charles", "du Plessis-Fictif"),
])
def test_a_listed_name_is_read_given_name_first_or_family_name_first(text, given, family):
    assert parse_person(text) == Person(given, family)


@pytest.mark.parametrize("text", ["SAINT-ÉTIENNE Métropole", "DUPONT", "LOIRE Département", "Commune de Saint-Fictif",
                                  "Maison de La Tour"])
def test_an_institution_or_a_family_name_alone_is_no_person(text):
    assert parse_person(text) is None


def test_a_proxy_written_beside_an_absent_members_name_is_read_once():
    attendance = parse_attendance("Présents : M. Jean DUPONT, Mme Marie DURAND\n"
                                  "Absents excusés : M. Luc ROUX (pouvoir à M. Jean DUPONT), Mme Lise BLANC\n"
                                  "Pouvoirs : M. Luc ROUX à M. Jean DUPONT\n")
    assert [p.label for p in attendance.excused] == ["Luc ROUX", "Lise BLANC"]
    assert [(p.giver.label, p.holder.label) for p in attendance.proxies] == [("Luc ROUX", "Jean DUPONT")]


@pytest.mark.parametrize("text, proxies", [
    ("Pouvoirs : pouvoir de M. Luc ROUX à M. Paul CASANOVA-FICTIF ; pouvoir de Mme Rosa CESARI à\n"
     "M. Paul CASANOVA-FICTIF\nLe Conseil municipal, après en avoir délibéré, à l'unanimité, attribue à l'association",
     [("Luc ROUX", "Paul CASANOVA-FICTIF"), ("Rosa CESARI", "Paul CASANOVA-FICTIF")]),
    ("Procurations : M. Didier POTTIER a donné pouvoir à M. Hervé LEMARCHAND ; Mme Sylvie COLLIN a donné\n"
     "pouvoir à Mme Odile FRÉMONT.\n\nObjet : Sensibilisation à l'urbanisme durable\n",
     [("Didier POTTIER", "Hervé LEMARCHAND"), ("Sylvie COLLIN", "Odile FRÉMONT")]),
    # the list's last proxy, then a line with an "à" that is no proxy
    ("Pouvoirs : M. Franck DEMAUMONT à M. Benoît DIGEON, Mme Josiane VIDAL à M. Thierry ANDRÉ,\n"
     "M. Patrice COQUARD à Mme Sophie MERCIER\n\nRapporteure : Mme Nadia HAMIDI, vice-présidente déléguée à la santé\n",
     [("Franck DEMAUMONT", "Benoît DIGEON"), ("Josiane VIDAL", "Thierry ANDRÉ"),
      ("Patrice COQUARD", "Sophie MERCIER")]),
    # the list, a blank line, then a paragraph whose "a" after a capitalised name is a verb, not a proxy's "à"
    ("Pouvoirs :\nM. Gaël VERNAY-FICTIF donne pouvoir à M. Marc JOLIOT\n\n\nPar délibération n°2024.00240 du 16 mai "
     "2024, Saint-Fictif Métropole a soutenu l'association Alpha Santé.\n",
     [("Gaël VERNAY-FICTIF", "Marc JOLIOT")]),
    ("Pouvoirs :\nM. Gaël VERNAY-FICTIF donne pouvoir à M. Marc JOLIOT\n\nEn 2024, Saint-Fictif Métropole a soutenu "
     "l'association Alpha Santé.\n", [("Gaël VERNAY-FICTIF", "Marc JOLIOT")]),
    # a heading in capitals that says absent and proxy in one sentence
    ("ÉTAIENT PRÉSENTS : M. Paul FICTIF-ROSSI, Mme Lisa MATTEI-FICTIF\n\nÉTAIT ABSENT ET AVAIT DONNÉ POUVOIR : "
     "Mme Anna GIACOMO-FICTIF à Mme Lisa MATTEI-FICTIF\n\nÉTAIT ABSENT : M. Lionel PAOLI-FICTIF\n",
     [("Anna GIACOMO-FICTIF", "Lisa MATTEI-FICTIF")]),
    # in sentences of their own, under no heading: the giver first, or the holder first
    ("Présents : Mme Odile ROY-FICTIF, M. Paul DURAND-FICTIF\n\nMme Annie AUZOU-FICTIF a donné pouvoir à Mme Odile "
     "ROY-FICTIF.\nMadame Nathalie LEHERON-FICTIF a le pouvoir de Monsieur Luc VIAL-FICTIF pour le représenter et "
     "voter en son nom.\n", [("Annie AUZOU-FICTIF", "Odile ROY-FICTIF"), ("Luc VIAL-FICTIF", "Nathalie LEHERON-FICTIF")]),
    # the letters of a heading spaced out, as a PDF's copy of spaced capitals gives them
    ("P R E S E N T S\nP. ABALAIN-FICTIF, O. CADIOU-FICTIF\n\nA B S E N T S E X C U S E S AYA N T D O N N E P O U V O I R"
     "\n\nB. QUEMENER-FICTIF (Pouvoir à O. CADIOU-FICTIF),\nF. RIOU-FICTIF (Pouvoir à P. ABALAIN-FICTIF).\n",
     [("B. QUEMENER-FICTIF", "O. CADIOU-FICTIF"), ("F. RIOU-FICTIF", "P. ABALAIN-FICTIF")]),
])
def test_each_proxy_of_a_list_is_read_with_its_holder_however_it_is_written(text, proxies):
    attendance = parse_attendance(text)
    assert [(p.giver.label, p.holder and p.holder.label) for p in attendance.proxies] == proxies


@pytest.mark.parametrize("text, name", [
    ("COMMUNAUTÉ DE COMMUNES CŒUR DE SAUVINE\nSéance du 12 mars 2024\nVu la délibération du conseil municipal de la "
     "Commune de Lavaur-Fictif en date du 8 février 2024", "Communauté de communes Cœur de Sauvine"),
    ("DÉPARTEMENT DE LA HAUTE-SAUVINE\nCOMMISSION PERMANENTE\nAttribue à la Commune de Belvès-Fictif 5 000 €",
     "Département de la Haute-Sauvine"),
    ("CONSEIL DÉPARTEMENTAL DES HAUTES-FALAISES\nSéance publique du vendredi 26 janvier 2024",
     "Département des Hautes-Falaises"),
    ("COMMUNE DE LA ROCHE-AUX-FÉES-FICTIVE\nSéance du 14 décembre 2023", "Commune de La Roche-aux-Fées-Fictive"),
    ("SYNDICAT INTERCOMMUNAL À VOCATION MULTIPLE DU VAL DE BRUYÈRE (SIVOM)\nRéunion du Comité syndical",
     "Syndicat intercommunal à vocation multiple du Val de Bruyère"),
    ("MÉTROPOLE DU GRAND VERLAC-FICTIF\n\nLa Métropole soutient les associations.", "Métropole du Grand Verlac-Fictif"),
    ("DÉPARTEMENT DE LA LOIRE-FICTIVE                    RÉPUBLIQUE FRANÇAISE\nCOMMUNE DE SAINT-BAUDILE-SUR-ORVANNE\n"
     "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL", "Commune de Saint-Baudile-sur-Orvanne"),
    ("VILLE DE ROCHE-VERNAZ\nCENTRE COMMUNAL D'ACTION SOCIALE DE ROCHE-VERNAZ\nConseil d'administration",
     "Centre communal d'action sociale de Roche-Vernaz"),
    ("Département de Maine-et-Loire-Fictif           République française\nArrondissement de Segré-Fictif\n\n"
     "COMMUNE NOUVELLE DE VAL-D'ORSANNE\n", "Commune nouvelle de Val-d'Orsanne"),
    ("ÉTABLISSEMENT PUBLIC TERRITORIAL EST-FICTIF\nMétropole du Grand Paris\n\nCONSEIL DE TERRITOIRE\n",
     "Établissement public territorial Est-Fictif"),
    ("VILLE DE RENNES-FICTIVE                          Conseil municipal du 14 octobre 2024\n"
     "                                                  Délibération n° DCM 2024-0389\n", "Ville de Rennes-Fictive"),
    ("                                         Délibération n° CP-2024-10 / 07-18-7312 (running header, far right)\n"
     "                                 RÉGION AUVERGNE-RHÔNE-ALPES\n\nObjet : Santé\n"
     "Décide d'attribuer à la Commune de Saint-Flour-Fictive une subvention de 200 000 €",
     "Région Auvergne-Rhône-Alpes"),
    ("Département de l'Isère-Fictive\nDélibération n° 2024-C11-0853\n"
     "Bénéficiaire                      Projet                     Coût HT    Taux   Aide\n"
     "Commune de Mens-Fictive           Télémédecine en mairie      74 000    50 %   37 000\n",
     "Département de l'Isère-Fictive"),
    ("Délibération n° 12\nDécide d'attribuer à la Commune de Mens-Fictive 3 000 €.\nLa Région Bretagne…",
     "Région Bretagne"),
    ("                                          Commission permanente du 16 septembre 2024\n"
     "                                                       Délibération n° CP-2024-3105\n\n"
     "                                           MÉTROPOLE DE LYON-FICTIVE\n", "Métropole de Lyon-Fictive"),
    # a name that its column of a two-column heading wraps, the sitting in the other column
    ("SERVICE DÉPARTEMENTAL D'INCENDIE          BUREAU DU CONSEIL D'ADMINISTRATION\n"
     "ET DE SECOURS DE LA SAUVINE               Séance du 9 décembre 2024\n\n"
     "Objet : Subventions\nARTICLE 2 : la contribution du Département de la Sauvine au budget du SDIS",
     "Service départemental d'incendie et de secours de la Sauvine"),
    # the authority's kind alone under its name, then the register's heading
    ("AGGLOMÉRATION DU LOING-FICTIF ET RIVES DE L'OUANNE\nCommunauté d'agglomération\n\nPROCÈS-VERBAL – EXTRAIT DU "
     "REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE\nSéance du 27 mars 2025\n",
     "Agglomération du Loing-Fictif et Rives de l'Ouanne"),
    # a département's name above "LE DÉPARTEMENT", its own line
    ("CÔTES DE SAUVINE\nLE DÉPARTEMENT\n\nCOMMISSION PERMANENTE DU 12 MAI 2025\n", "Côtes de Sauvine"),
    # a name of one word, hyphenated, above its kind, then its council's sitting
    ("SAINT-QUENTIN-EN-FICTIF\nCommunauté d'agglomération\n\nCONSEIL COMMUNAUTAIRE DU JEUDI 10 AVRIL 2025\n",
     "Saint-Quentin-en-Fictif"),
    # a name that opens with an accented capital
    ("RÉGION ÎLE-DE-FICTIVE\n\nDÉLIBÉRATION N° CP 2025-118\nDU 19 MARS 2025\n\nCOMMISSION PERMANENTE DU CONSEIL "
     "RÉGIONAL\nAccusé de réception en préfecture : 075-237500079-20250319-CP2025_118-DE\n", "Région Île-de-Fictive"),
    # a name's "en" and the word after it
    ("COMMUNAUTÉ DE COMMUNES DU VAL DE SAUVINE EN BIOFICTIVE\n\nDÉCISION DU PRÉSIDENT\n",
     "Communauté de communes du Val de Sauvine en Biofictive"),
    ("DÉPARTEMENT DE LA SAUVINE EN COMMISSION PERMANENTE\nSéance du 5 mai 2025\n", "Département de la Sauvine"),
    # a CIAS named by its territory, with no particle, over its board
    ("CENTRE INTERCOMMUNAL D'ACTION SOCIALE TERRES SAUVINOISES\n\nCONSEIL D'ADMINISTRATION\n\nSéance du 12 mai 2025\n"
     "Identifiant : 054-200070000-20250512-2025CA07-DE\n",
     "Centre intercommunal d'action sociale Terres Sauvinoises"),
    ("CCAS\nCONSEIL D'ADMINISTRATION\nVILLE DE ROCHE-VERNAZ\n", "Ville de Roche-Vernaz"),
    # a métropole's place with an elided particle inside it
    ("MÉTROPOLE SAUVINE CÔTE D'ARGENT\n\nBUREAU MÉTROPOLITAIN\n\nSéance du 12 mai 2025\n",
     "Métropole Sauvine Côte d'Argent"),
    # a communauté named by two places joined by a dash, not its organ after a dash
    ("COMMUNAUTÉ D'AGGLOMÉRATION MONT-FICTIF – NORMANDIE\n\nCONSEIL COMMUNAUTAIRE DU 3 JUILLET 2025\n",
     "Communauté d'agglomération Mont-Fictif – Normandie"),
    ("COMMUNAUTÉ D'AGGLOMÉRATION DU COTENTIN-FICTIF – CONSEIL COMMUNAUTAIRE\nSéance du 3 juillet 2025\n",
     "Communauté d'agglomération du Cotentin-Fictif"),
    # an agglomération named first, its kind at the end of its line
    ("SAUVINE PROVENCE VERDON AGGLOMÉRATION\n\nCONSEIL COMMUNAUTAIRE\n\nSéance du 30 juin 2025\n",
     "Sauvine Provence Verdon Agglomération"),
    # an article after the kind, with or without a logo's lines and an address above
    ("COMMUNAUTÉ D'AGGLOMÉRATION LE GRAND VERLAC\nCONSEIL COMMUNAUTAIRE\nSéance du lundi 6 octobre 2025\n",
     "Communauté d'agglomération Le Grand Verlac"),
    ("LE GRAND\nVERLAC\nCommunauté d'agglomération\n12 boulevard Frédéric Mistral – CS 50100\n11785 Verlac Cedex\n"
     "COMMUNAUTÉ D'AGGLOMÉRATION LE GRAND VERLAC\nCONSEIL COMMUNAUTAIRE\n",
     "Communauté d'agglomération Le Grand Verlac"),
    # a commune's heading under its collectivité territoriale's
    ("RÉPUBLIQUE FRANÇAISE – COLLECTIVITÉ TERRITORIALE DE SAUVINE\nCOMMUNE DE ROCHE-VERNAZ\nSéance du Conseil "
     "municipal du 30 juillet 2025\n", "Commune de Roche-Vernaz"),
    # a public EHPAD's kind spelled out, its name in quotes on the next line; a Département named in the footer
    ("ÉTABLISSEMENT D'HÉBERGEMENT POUR PERSONNES ÂGÉES DÉPENDANTES\n« RÉSIDENCE DES SAULES » – ÉTABLISSEMENT PUBLIC "
     "AUTONOME – 99500 ROCHE\n\nCONSEIL D'ADMINISTRATION DU 26 JUIN 2025\n\nLe Conseil d'administration, après en "
     "avoir délibéré :\n\nDélibération transmise au Conseil départemental de la Sauvine le 30 juin 2025.\n",
     "EHPAD Résidence des Saules"),
    # a société d'économie mixte named above its kind and capital; a communauté named in the exposé
    ("SAUVINE AMÉNAGEMENT\nSociété anonyme d'économie mixte locale au capital de 2 450 000 €\n\nPROCÈS-VERBAL DES "
     "DÉLIBÉRATIONS DU CONSEIL D'ADMINISTRATION\nLa SEM a construit la maison de santé pour le compte de la "
     "Communauté de communes du Val de Sauvine.\n", "Sauvine Aménagement"),
    # a CCAS's heading that names its commune above its kind: the CCAS deliberates, not the commune
    ("VILLE DE ROCHE-VERNAZ\nCENTRE COMMUNAL D'ACTION SOCIALE\n\nProcès-verbal des délibérations du Conseil "
     "d'Administration\nSéance du 18 avril 2024\n", "Centre communal d'action sociale de Roche-Vernaz"),
    ("Commune de Saint-Aubin\nCCAS\n\nConseil d'administration du 3 mai 2024\n",
     "Centre communal d'action sociale de Saint-Aubin"),
])
def test_the_authority_is_the_one_the_heading_names_not_one_the_body_names_first(text, name):
    assert find_authority(text)[0] == name


@pytest.mark.parametrize("text, name", [
    # a commune's name spaced, its particles in small letters, in a heading in capitals or in a sentence
    ("COMMUNE DE SAINT AUBIN LES LORVANES\nSéance du 9 avril 2024\n", "Commune de Saint Aubin les Lorvanes"),
    ("VILLE DE BOURG LA FICTIVE\nSéance du 9 avril 2024\n", "Ville de Bourg la Fictive"),
    ("MAIRIE DE VILLENEUVE SUR LORVANE\nSéance du 9 avril 2024\n", "Commune de Villeneuve sur Lorvane"),
    ("Séance du 9 avril 2024\nLe Conseil Municipal de la Commune de Saint Aubin les Lorvanes, régulièrement "
     "convoqué, s'est réuni.\n", "Commune de Saint Aubin les Lorvanes"),
    ("Séance du 9 avril 2024\nLe conseil municipal de la commune de Saint Aubin les Lorvanes, régulièrement "
     "convoqué, s'est réuni.\n", "Commune de Saint Aubin les Lorvanes"),
    # nor the organ, nor a person, that follows the name
    ("Séance du 9 avril 2024\nLa Commune de Mens-Fictive le Conseil municipal entendu\n", "Commune de Mens-Fictive"),
    # a council of the town's children is no town
    ("Séance du 9 avril 2024\nLe Conseil Municipal des Enfants de la Ville a proposé un projet.\n", None),
])
def test_a_communes_name_keeps_its_spaced_particles_wherever_the_text_names_it(text, name):
    assert (find_authority(text) or (None,))[0] == name


@pytest.mark.parametrize("text, name, variants", [
    # the text's other spellings, with or without accents, in capitals, over a line end: kept as variants
    ("Saint-Etienne Métropole\nSéance du 16 mai 2024\nSaint-Étienne Métropole attribue 20 000 €.\n",
     "Saint-Etienne Métropole", ["Saint-Étienne Métropole"]),
    ("COMMUNAUTE DE COMMUNES DU PAYS DE LORVANE\nSéance du 17 septembre 2024\nLa Communauté de communes du Pays\n"
     "de Lorvane attribue 6 500 €.\n", "Communauté de communes du Pays de Lorvane",
     ["COMMUNAUTE DE COMMUNES DU PAYS DE LORVANE"]),
    # the sitting after a commune's name on its line is no part of it
    ("Procès-verbal du Conseil Municipal de la commune de Montlorvan Séance du 10 DECEMBRE 2024\n",
     "Commune de Montlorvan", []),
])
def test_an_authority_is_named_once_with_the_other_spellings_its_text_uses(text, name, variants):
    assert find_authority(text) == (name, variants)


def test_an_authoritys_organ_on_the_line_below_its_kind_is_not_its_name():
    assert find_authority("Communauté d'agglomération\n\nCONSEIL COMMUNAUTAIRE DU JEUDI 10 AVRIL 2025\n\n"
                          "Délibération n° 2025-112\n") is None


def test_an_etablissement_public_named_in_a_sentence_or_a_list_is_not_the_authority():
    assert find_authority("Séance du 5 avril 2024\nLa commune attribue à la Caisse des écoles de Mens-Fictive "
                          "3 000 €\n- Centre hospitalier de Vire-Fictive : 5 000 €\n") is None


@pytest.mark.parametrize("text, grants, totals", [
    ("Le Conseil municipal décide d'attribuer une subvention de 1.500,00 euros au Comité des fêtes.",
     [("Comité des fêtes", "1500.00")], []),
    ("Le Conseil municipal DÉCIDE d'attribuer les subventions suivantes :\n- Comité des fêtes : 1 500,00 euros\n"
     "- Foyer rural de Sainte-Olive …… 1 200 €\n- Club des aînés ... 850 €\n",
     [("Comité des fêtes", "1500.00"), ("Foyer rural de Sainte-Olive", "1200"), ("Club des aînés", "850")], []),
    ("DÉCIDE\n\n1) d'attribuer les subventions de fonctionnement suivantes :\n\n"
     "   a) Association Alzheimer Creuse-Fictive : 11 800 € pour les haltes-relais ;\n"
     "   b) Association Siel Bleu – antenne de Guéret : 7 350 € pour les ateliers ;\n\n"
     "2) d'imputer les dépenses au chapitre 935, article 6574.",
     [("Association Alzheimer Creuse-Fictive", "11800"), ("Association Siel Bleu", "7350")], []),
    ("1. ATTRIBUE les subventions de fonctionnement suivantes au titre de l'année 2025 :\n"
     "   1.1 Ski Club Morez-Fictif (SCMF) ...................... 7 800 €\n"
     "   1.2 Les Écuries du Risoux ............................ 1 100 €\n",
     [("Ski Club Morez-Fictif", "7800"), ("Les Écuries du Risoux", "1100")], []),
    ("M. Paul ROUX, adjoint aux sports, présente la répartition proposée par la commission (article 6574) :\n\n"
     "  ▪ Office municipal des sports ........ 4 500 €\n  ▪ Volley-Ball Club Zénith .......... 620 €\n\n"
     "Le Conseil municipal, à l'unanimité, APPROUVE les subventions ci-dessus.",
     [("Office municipal des sports", "4500"), ("Volley-Ball Club Zénith", "620")], []),
    ("M. Paul ROUX présente la répartition proposée par la commission :\n\n  ▪ Office municipal des sports "
     "........ 4 500 €\n\nLe Conseil municipal prend acte de cette présentation.", [], []),
    # aligned lines under a lead that grants nothing itself, granted by the decision below
    ("La commission a retenu les candidatures suivantes :\n\n    Mme Léa FONTVIEILLE, interne à la faculté de Tours"
     "        7 200 €\n    M. Hugo RIBEYRE, interne à la faculté de Tours            3 600 €\n\nLe Bureau, après "
     "en avoir délibéré :\n- ATTRIBUE les bourses d'études listées ci-dessus ;",
     [("Léa FONTVIEILLE", "7200"), ("Hugo RIBEYRE", "3600")], []),
    ("Le jury a retenu les candidats suivants :\n  - Mme Léa FONTVIEILLE : 7 200 €\n  - M. Hugo RIBEYRE : 3 600 €\n\n"
     "Le Conseil ATTRIBUE les bourses proposées ci-dessus.", [("Léa FONTVIEILLE", "7200"), ("Hugo RIBEYRE", "3600")],
     []),
    # the decision names the year between its verb and the grants it refers back to
    ("Il est proposé de renouveler les conventions d'objectifs :\n\n  - Association Vernoise de Santé : 42 000 € pour "
     "2025 ;\n  - Maison des Aidants Vernois : 18 500 €.\n\nDÉCIDE\nArticle 1 : d'attribuer au titre de l'exercice "
     "2025 les subventions de fonctionnement ci-dessus, soit 60 500 € ;",
     [("Association Vernoise de Santé", "42000"), ("Maison des Aidants Vernois", "18500")], ["60500"]),
    # a list that no colon announces, in the exposé, granted by the decision below
    ("Les montants indiqués sont ceux de l'exercice 2025.\n\n  - Association Vernoise de Santé : 42 000 € pour 2025 ;"
     "\n  - Maison des Aidants Vernois : 18 500 € pour 2025.\n\nDÉCIDE\nArticle 1 : d'attribuer au titre de "
     "l'exercice 2025 les subventions de fonctionnement ci-dessus ;",
     [("Association Vernoise de Santé", "42000"), ("Maison des Aidants Vernois", "18500")], []),
    ("Le plan de financement est établi.\n\n  - État : 4 500 € ;\n  - Région : 2 000 €.\n\nATTRIBUE les "
     "subventions ci-dessus.", [], []),
    # a list in the exposé whose beneficiaries the decision below names back: "aux associations ci-dessus"
    ("Les demandes retenues figurent ci-après.\n\nAssociation Vernoise de Santé : 4 200 €\nChorale La Clé des "
     "Champs : 650 €\n\nLe Conseil, après en avoir délibéré :\nArticle 1 : attribue aux associations ci-dessus les "
     "subventions indiquées ;\n", [("Association Vernoise de Santé", "4200"), ("Chorale La Clé des Champs", "650")],
     []),
    # items that give their amount first, then whom it goes to
    ("DÉCIDE d'attribuer les subventions suivantes :\n1) 1 800 € : Association Vernoise des Aidants ;\n"
     "2) 420 € : Club Cyclo de la Vesle.\n", [("Association Vernoise des Aidants", "1800"),
                                             ("Club Cyclo de la Vesle", "420")], []),
    ("Le Conseil DÉCIDE d'attribuer les subventions suivantes :\n- 3 200 € – Maison des Aidants Vernois ;\n"
     "- 750 € – Les Amis du Causse.\n", [("Maison des Aidants Vernois", "3200"), ("Les Amis du Causse", "750")], []),
    ("DÉCIDE d'attribuer à l'association Entraide Vernoise les subventions suivantes :\n- 1 500 € : Fonctionnement "
     "2025 ;\n- 600 € : Action jardin partagé.\n", [], []),
    ("La commission a retenu les demandes suivantes :\n\n    Club Athlétique Vernois        1 500 €\n"
     "    Chorale La Clé des Champs        800 €\n\nLe Conseil ATTRIBUE les subventions listées ci-dessus.",
     [("Club Athlétique Vernois", "1500"), ("Chorale La Clé des Champs", "800")], []),
    ("La commission a retenu les candidatures suivantes :\n\n    Mme Léa FONTVIEILLE        7 200 €\n\n"
     "Le Conseil municipal prend acte de cette présentation.", [], []),
    ("Le plan de financement du projet est le suivant :\n- État : 4 500 €\n- Région : 2 000 €\n\n"
     "ATTRIBUE les subventions ci-dessus.", [], []),
    ("DÉCIDE d'attribuer un fonds de concours de 15 000 € à la commune de Lavaur-Fictif pour l'isolation.",
     [("Commune de Lavaur-Fictif", "15000")], []),
    ("- ATTRIBUE à la commune de Val-Cenis-Fictif un fonds de concours de 80 000 € pour le centre de santé ;",
     [("Commune de Val-Cenis-Fictif", "80000")], []),
    ("Deux communes ont déposé un dossier :\n\nCommune de Varennes-Fictive : rénovation de l'école, coût HT 112 000 €, "
     "fonds de concours 33 600 €.\nCommune de Dombasle-Fictive : menuiseries, coût HT 150 000 €, fonds de concours "
     "40 000 € (plafond).\n\nATTRIBUE les fonds de concours ci-dessus pour un montant total de 73 600 €.",
     [("Commune de Varennes-Fictive", "33600"), ("Commune de Dombasle-Fictive", "40000")], ["73600"]),
    ("Commune de Varennes-Fictive : réfection de la toiture de la mairie, fonds de concours de 12 000 €.",
     [("Commune de Varennes-Fictive", "12000")], []),
    ("Commune de Varennes-Fictive : plan de financement : coût HT 100 000 €, subvention de l'État 20 000 €.", [], []),
    ("Objet : rénovation de la mairie, coût HT 10 000 €, subvention 3 000 €.", [], []),
    ("Le conseil accorde une subvention de 900 € a l'association des parents d'eleves (APE).",
     [("Association des parents d'eleves", "900")], []),
    ("Le conseil, apres en avoir delibere, decide d'attribuer 400 € a la commune de Lussac et 300 € a la Mission "
     "Locale.", [("Commune de Lussac", "400"), ("Mission Locale", "300")], []),
    ("Le Club Nautique a la Présidence de l'office ; une subvention de 300 € lui est attribuee.", [], []),
    ("DÉCIDE de verser à l'association Réseau Périnatal Verlac la somme de 8 000 €.",
     [("Réseau Périnatal Verlac", "8000")], []),
    ("DÉCIDE d'attribuer une subvention de 1 700 € à l'association dite « Les Amis du Causse ».",
     [("Les Amis du Causse", "1700")], []),
    ("DÉCIDE d'attribuer une subvention de 900 € à l'association dénommée Entraide Vernoise.",
     [("Entraide Vernoise", "900")], []),
    ("Article 1 : Une subvention de 2 500 € est attribuée, sur les crédits de la vie étudiante, à l'association "
     "étudiante Écoute Campus Vernois.", [("Écoute Campus Vernois", "2500")], []),
    ("DÉCIDE d'attribuer une subvention de 600 € à l'association sportive La Vernoise.", [("La Vernoise", "600")], []),
    ("DÉCIDE d'attribuer une subvention de 1 200 € à l'association Sourire d'Automne et de 750 € à l'association "
     "Les Amis.", [("Sourire d'Automne", "1200"), ("Les Amis", "750")], []),
    ("soit un total de 3.950,00 euros de subventions attribuées.", [], ["3950.00"]),
    ("APPROUVE l'attribution des subventions telles que présentées ci-dessus, pour un total de 25 500 €,", [],
     ["25500"]),
    ("DÉCIDE d'attribuer une subvention de 1 500 € à chacune des associations suivantes : Les Petits Débrouillards, "
     "Maison des jeunes du Moulin, Boxing Club des Trois Cités ;\n- dit que la dépense totale de 4 500 € sera imputée",
     [("Les Petits Débrouillards", "1500"), ("Maison des jeunes du Moulin", "1500"),
      ("Boxing Club des Trois Cités", "1500")], ["4500"]),
    ("DÉCIDE d'attribuer une subvention de 800 € à chacune des structures suivantes :\n- Club A\n- Maison B\n\nVu",
     [("Club A", "800"), ("Maison B", "800")], []),
    # one amount shared in equal parts: each its computed share (and a warning that the text states only the whole)
    ("- d'attribuer une subvention de 3 000 € à répartir à parts égales entre l'association Loire Aidants\net "
     "l'association Vélo Solidaire, au titre de l'exercice 2025.", [("Loire Aidants", "1500"), ("Vélo Solidaire", "1500")],
     []),
    ("ARTICLE 1 : d'attribuer une aide à l'installation de 15 000 € chacun aux médecins généralistes suivants,\n"
     "qui s'engagent à exercer cinq ans dans le département :\n  - Dr Amandine VEYRAC-FICTIVE, installée à la MSP de "
     "Riom ;\n  - Dr Thibault ROUQUET, installé à Maurs.\n",
     [("Amandine VEYRAC-FICTIVE", "15000"), ("Thibault ROUQUET", "15000")], []),
    ("ARTICLE 2 : d'attribuer une bourse de 4 800 € à M. Yassine EL-MOKHTAR-FICTIF, interne en 4e année.",
     [("Yassine EL-MOKHTAR-FICTIF", "4800")], []),
    # a prize awarded is a grant to its winner, as a bursary is; a price is none
    ("DÉCIDE d'attribuer le Prix de l'initiative citoyenne 2025, d'un montant de 800 €, à Mme Léna ROUVIER-FICTIVE.",
     [("Léna ROUVIER-FICTIVE", "800")], []),
    ("DÉCIDE d'attribuer un second prix, d'un montant de 500 €, à M. Malo KERGUEN-FICTIF.",
     [("Malo KERGUEN-FICTIF", "500")], []),
    ("DÉCIDE d'attribuer :\n  • le Prix de l'initiative citoyenne, d'un montant de 800 €, à Mme Léna ROUVIER ;\n"
     "  • la bourse « Jeunes aidants », d'un montant de 300 €, à M. Malo KERGUEN.",
     [("Léna ROUVIER", "800"), ("Malo KERGUEN", "300")], []),
    ("DÉCIDE :\n- d'attribuer à Mme Léna ROUVIER un secours de 400 € ;", [("Léna ROUVIER", "400")], []),
    ("Article 3 : Un prix de 600 € est attribué à l'association Jeunes Talents Vernois.",
     [("Jeunes Talents Vernois", "600")], []),
    ("Article 3 : Le Prix de l'initiative 2025, d'un montant de 800 €, est décerné à Mme Léna ROUVIER, lycéenne.",
     [("Léna ROUVIER", "800")], []),
    ("Article 3 : La parcelle AB 12 est cédée au prix de 12 000 € à la SCI Les Tilleuls.", [], []),
    ("DÉCIDE d'attribuer la parcelle AB 12 au prix de 12 000 € à la SCI Les Tilleuls.", [], []),
    # a grant raised from last year's amount: the amount it was, with its year, is no second grant
    ("ATTRIBUE à l'association Loire Santé Solidaire une subvention de fonctionnement de 2 600 €,\nportée de 2 000 € "
     "en 2024 à 2 600 € en 2025.", [("Loire Santé Solidaire", "2600")], []),
    ("PORTE la subvention de l'association Loire Santé Solidaire de 2 000 € en 2024 à 2 600 € en 2025.",
     [("Loire Santé Solidaire", "2600")], []),
    # a programme's authorisation is a budget envelope, not a grant; the grants are those the table lists
    ("1. AFFECTE, au titre du programme « Santé », une autorisation de programme de 230 000 € et\nATTRIBUE les "
     "subventions d'investissement suivantes :\n\nBénéficiaire                       Opération"
     "                  Subvention\nSISA Pôle Santé de Vallet        Extension de la MSP          150 000\n"
     "SISA Maison de santé de Nort     Équipement                    80 000\n",
     [("SISA Pôle Santé de Vallet", "150000"), ("SISA Maison de santé de Nort", "80000")], []),
    # a word in a project's quoted title says nothing of the amount ("prix", "budget")
    ("DÉCIDE d'attribuer les financements suivants :\n   1) Nutrition Santé – « Bien manger à petit prix » : 4 000 €\n"
     "   2) Aidants Ensemble – « Un budget pour souffler » : 2 500 €",
     [("Nutrition Santé", "4000"), ("Aidants Ensemble", "2500")], []),
    ("DÉCIDE d'attribuer les subventions suivantes :\n- Comité des fêtes : 1.500,00 euros\n"
     "- Association sportive (football) : 1.200,00 euros\nsoit un total de 2.700,00 euros, imputé au c/6574.",
     [("Comité des fêtes", "1500.00"), ("Association sportive", "1200.00")], ["2700.00"]),
    ("décide :\n– d'attribuer une subvention de 12 000 € à l'association Maison des\nadolescents du Haut-\nPoitou pour "
     "le déploiement d'un point écoute jeunes à Montmorillon ;", [("Maison des adolescents du Haut-Poitou", "12000")], []),
    ("décide d'attribuer les subventions suivantes :\nComité des fêtes de Lussac : 1 500 € ;\n(cid:0) Football Club "
     "Lussacais : 2 000 € ;\nsoit un total de 3 500 €.\n", [("Comité des fêtes de Lussac", "1500"),
                                                           ("Football Club Lussacais", "2000")], ["3500"]),
    # the shapes and arrows of a word processor's bullets: a diamond under an arrow, a square, a check mark
    ("DÉCIDE :\n➢ d'attribuer les subventions suivantes :\n◆ Aidants du Val : 3 000 €\n◆ SISA Pôle santé : 4 000 €\n"
     "➢ d'imputer la dépense à l'article 6574.", [("Aidants du Val", "3000"), ("SISA Pôle santé", "4000")], []),
    ("DÉCIDE d'attribuer les subventions suivantes :\n  ■ Club Nautique : 900 €\n  ✓ Chorale du Lac : 450 €\n",
     [("Club Nautique", "900"), ("Chorale du Lac", "450")], []),
    # lines with no bullet, one with a bracket after its amount: still an item of its own
    ("d'attribuer les subventions suivantes :\nAidants du Val : 3 000 €\nSISA Pôle santé : 4 000 € (subvention "
     "d'investissement, article 20422)\nVivre à Domicile : 2 200 €\nd'imputer la dépense au chapitre 65.",
     [("Aidants du Val", "3000"), ("SISA Pôle santé", "4000"), ("Vivre à Domicile", "2200")], []),
    # indented lines with no bullet, the amount after a dash
    ("- d'attribuer les subventions suivantes :\n  Maison de santé de Tillac – fonctionnement – 9 000 €\n"
     "  Commune d'Arvieu – construction d'une MSP – investissement – 45 000 €\n  Club Olympique - 1 200 €\n\n"
     "- d'approuver la convention.", [("Maison de santé de Tillac", "9000"), ("Commune d'Arvieu", "45000"),
                                      ("Club Olympique", "1200")], []),
    ("Le Conseil d'administration décide d'allouer :\n\n1) à l'association France Alzheimer Sud-Fictif : 3 500 "
     "euros (halte-répit du mardi) ;\n2) à l'association Les Pauses Bleues : 2 000 euros (café des aidants).\n\n"
     "Soit un total de 5 500 euros.", [("France Alzheimer Sud-Fictif", "3500"), ("Les Pauses Bleues", "2000")],
     ["5500"]),
    ("DÉCIDE :\n- d'attribuer les subventions suivantes :\n   . Judo Club Savournin : 1 800 €\n   . Union Cycliste "
     "des Calanques : 1 200 € (subvention exceptionnelle)\n- dit que les crédits sont inscrits au budget 2024.",
     [("Judo Club Savournin", "1800"), ("Union Cycliste des Calanques", "1200")], []),
    ("DÉCIDE d'attribuer les subventions suivantes :\n1. Comité des fêtes : 1 500 €\n2. Club des aînés : 850 €\n",
     [("Comité des fêtes", "1500"), ("Club des aînés", "850")], []),
    # a total after a dotted leader, as its items
    ("Article 1 : d'attribuer les subventions de fonctionnement suivantes :\n"
     "  - Association Répit Fictif ...................................... 9 000 €\n"
     "  - Club Santé Fictif .............................................. 4 600 €\n"
     "  Total ............................................................. 13 600 €\n",
     [("Association Répit Fictif", "9000"), ("Club Santé Fictif", "4600")], ["13600"]),
    ("Objet : Attribution de subventions aux associations\nLe Conseil municipal, convoqué le 8 avril 2024, s'est "
     "réuni le 15\navril 2024. Votants : 13\n", [], []),
    ("N° dossier    Porteur de projet              Quartier     Sollicité     Accordé\n"
     "2024-PV-041   Association Trait d'Union      Bellevue     35 000 €      30 000 €\n", [("Association Trait d'Union",
                                                                                       "30000")], []),
    ("DÉCIDE d'allouer 3 000 € au Basket Club et 1 800 € au Cercle d'Escrime.",
     [("Basket Club", "3000"), ("Cercle d'Escrime", "1800")], []),
    ("ATTRIBUE à la SAS Alpha une subvention de 125 000 € et à la SAS Beta une subvention de 18 000 €.",
     [("SAS Alpha", "125000"), ("SAS Beta", "18000")], []),
    ("Il décide d'attribuer des subventions exceptionnelles de 500 € et 300 € respectivement à l'association Les "
     "Crayons Solidaires et au Club photo Objectif Olivettes.",
     [("Les Crayons Solidaires", "500"), ("Club photo Objectif Olivettes", "300")], []),
    ("DÉCIDE d'attribuer aux associations Les Crayons Solidaires et Club Photo, respectivement 500 € et 300 €.",
     [("Les Crayons Solidaires", "500"), ("Club Photo", "300")], []),
    # "respectivement" before the amounts, the beneficiaries after them
    ("- ATTRIBUE respectivement 3 000 € et 2 000 € aux associations Les Lucioles Fictives et Écoute Fictive\n"
     "  pour leurs groupes de parole ;", [("Les Lucioles Fictives", "3000"), ("Écoute Fictive", "2000")], []),
    ("DÉCIDE d'attribuer à l'association Mimos Jeunesse, à l'association Les Nuits Vézériennes et à l'association "
     "Sinfonia des subventions de\nrespectivement 25 000 €, 8 000 € et 12 500 € au titre de l'exercice 2025 ;",
     [("Mimos Jeunesse", "25000"), ("Les Nuits Vézériennes", "8000"), ("Sinfonia", "12500")], []),
    ("DÉCIDE d'attribuer à l'association Phare Santé (PS), à l'association Prévention et Soins – Antenne Nord et à "
     "l'association Vélo-Cité des subventions d'un montant respectif de\n12 000 €, 4 500 € et 2 300 €, au titre de "
     "l'exercice 2025 ;", [("Phare Santé", "12000"), ("Prévention et Soins – Antenne Nord", "4500"),
                            ("Vélo-Cité", "2300")], []),
    ("ATTRIBUE au Club Léo, à l'association Aide et Répit et à la Ligue Santé Jeunes des aides de montants "
     "respectifs 900 €, 700 € et 500 €.",
     [("Club Léo", "900"), ("Aide et Répit", "700"), ("Ligue Santé Jeunes", "500")], []),
    ("DÉCIDE en outre d'allouer aux associations Ciné-Passion Périgord et La Lanterne Magique\nde Boulazac la somme "
     "de 3 000 € chacune pour leur programmation ;",
     [("Ciné-Passion Périgord", "3000"), ("La Lanterne Magique de Boulazac", "3000")], []),
    ("DÉCIDE d'attribuer au Tennis Club et à l'association Les Archers une subvention de 400 € chacun.",
     [("Tennis Club", "400"), ("Les Archers", "400")], []),
    ("- accorde à l'association Les Amis des Embruns une aide en nature consistant en la mise à disposition gratuite "
     "de la salle polyvalente Jean-Bart du 12 au 15 juillet 2024, valorisée à 2 400 € ;\n"
     "- précise que ces avantages en nature ne donnent lieu à aucun versement.",
     [("Les Amis des Embruns", "2400")], []),
    ("Le conseil municipal, après en avoir délibéré :\n- décide de verser au Ski-Club Haute-Fictif une subvention de "
     "fonctionnement de mille deux cents euros ;\n- décide de mettre gratuitement à la disposition du club le chalet "
     "communal ; cet avantage en nature est valorisé à six cent cinquante euros.",
     [("Ski-Club Haute-Fictif", "1200"), ("Ski-Club Haute-Fictif", "650")], []),
    ("- décide de verser au Ski-Club Haute-Fictif une subvention de 1 200 € et au Tennis Club Fictif une subvention de "
     "800 € ;\n- décide de mettre à la disposition du club le chalet ; cet avantage en nature est valorisé à 650 €.",
     [("Ski-Club Haute-Fictif", "1200"), ("Tennis Club Fictif", "800")], []),
    ("Elle propose :\n   → une subvention de 500 € à France Alzheimer Haute-Savoie ;\n   → la mise à disposition "
     "gratuite de la salle polyvalente, dix jours par an, à l'EHPAD\n     public Les Tilleuls, valorisée à 1 500 € ;",
     [("France Alzheimer Haute-Savoie", "500"), ("EHPAD public Les Tilleuls", "1500")], []),
    # the beneficiary named again as "the same" one
    ("DÉCIDE :\n- d'attribuer à l'association Trézilly Écoute une subvention de 4 000 € ;\n- d'accorder à la même "
     "association une aide en nature, valorisée à 1 200 €, sous forme de mise à disposition d'une salle.",
     [("Trézilly Écoute", "4000"), ("Trézilly Écoute", "1200")], []),
    ("DÉCIDE :\n- de mettre gratuitement à la disposition de la Maison des Adolescents de\n  Meurthe-et-Moselle les "
     "locaux du 14 rue Sigisbert-Adam, avantage en nature valorisé à\n  9 600 € par an ;",
     [("Maison des Adolescents de Meurthe-et-Moselle", "9600")], []),
    ("Article 2 : FIXE le montant de la subvention de fonctionnement 2025 allouée à la Maison des Jeunes et de la "
     "Culture de Beaulieu à 68 500 €, dont 24 800 € déjà versés au titre de l'acompte, le solde de 43 700 € restant "
     "à verser.", [("Maison des Jeunes et de la Culture de Beaulieu", "68500")], []),
    ("Le conseil fixe à 3 000 € le montant de la subvention allouée à l'association Les Amis du Vélo.",
     [("Les Amis du Vélo", "3000")], []),
    ("DÉCIDE de fixer à 3 000 € le montant de la participation financière versée au Comité des fêtes.",
     [("Comité des fêtes", "3000")], []),
    ("Le conseil fixe à 3 000 € le montant de l'indemnité versée à M. Paul DURAND.", [], []),
    ("Considérant que la Communauté a lancé un marché pour l'installation de bornes de téléconsultation, attribué à la "
     "société MédiBorne-Fictive SAS pour 84 600 € HT ;\nDécide :\n- d'attribuer à l'association Addictions Estuaire "
     "une subvention de 22 000 € ;\n- de prendre acte de l'attribution du marché à la société MédiBorne-Fictive SAS.",
     [("Addictions Estuaire", "22000")], []),
    ("DÉCIDE de verser 2 400 € à la société Sono Plus au titre de la prestation de services du 14 juillet.", [], []),
    ("DÉCIDE d'attribuer une subvention de 1 500 € au Comité des fêtes pour le marché de Noël, attribué au "
     "comité par la commune.", [("Comité des fêtes", "1500")], []),
    ("- ATTRIBUE à la SCIC La Fabrique une subvention d'équipement de 18 600 € HT, soit 30 % d'une dépense "
     "subventionnable de 62 000 € HT (compte 20422) ;", [("SCIC La Fabrique", "18600")], []),
    ("DÉCIDE d'attribuer une subvention de 5 000 € au Club Nautique, soit 30 % du coût du projet (16 700 €).",
     [("Club Nautique", "5000")], []),
    ("DÉCIDE d'attribuer une subvention de 5 000 € au Club Nautique, représentant 30 % du budget de l'action.",
     [("Club Nautique", "5000")], []),
    ("DÉCIDE d'allouer à l'association Bus Santé Est, pour les permanences de son unité mobile dans\nles villages de "
     "Saint-Guilhem-le-Désert et Montpeyroux, une aide de 4 200 euros ;", [("Bus Santé Est", "4200")], []),
    # the decision's own words for a payment: "participe à hauteur de", "le versement à X de la somme de", "prend en
    # charge … par une subvention à X"
    ("Après en avoir délibéré :\n- PARTICIPE à hauteur de 9 000 € au financement de l'extension de la maison de santé "
     "de Lafage portée par la SISA Pôle Santé de Lafage, sous forme d'une subvention d'équipement ;",
     [("SISA Pôle Santé de Lafage", "9000")], []),
    ("Après en avoir délibéré :\n- DÉCIDE de participer à hauteur de 6 000 € au financement du dispositif d'écoute de "
     "la CPTS Fictive du Lac, par le versement d'une subvention de fonctionnement ;\n- DÉCIDE de prendre en charge la "
     "moitié du coût du matériel, soit 4 000 €, par une subvention d'équipement à la SISA Fictive du Lac ;",
     [("CPTS Fictive du Lac", "6000"), ("SISA Fictive du Lac", "4000")], []),
    ("Après en avoir délibéré :\n- PREND EN CHARGE, par le versement d'une participation de 1 300 € à l'association "
     "Répit Fictif, une partie du coût du stage ;", [("Répit Fictif", "1300")], []),
    ("Après en avoir délibéré :\n- VALIDE le versement à l'association Santé Fictive du Lac de la somme de 9 000 € au "
     "titre de l'année 2025 ;", [("Santé Fictive du Lac", "9000")], []),
    # a co-funder's share, told in the report: no grant of the authority's
    ("Le Département participe à hauteur de 20 000 € au financement de l'extension de la maison de santé portée par "
     "la SISA Pôle Santé de Lafage.", [], []),
    ("Après en avoir délibéré :\n- PARTICIPE à hauteur de 9 000 € au financement des Rencontres de la santé.", [], []),
    ("ATTRIBUE à l'association Calvi Santé une subvention de 1 000 € (budget 2025, article 6574).",
     [("Calvi Santé", "1000")], []),
    ("ATTRIBUE à l'Association des parents d'élèves du Bourg une subvention de 400 €, imputée au budget 2025.",
     [("Association des parents d'élèves du Bourg", "400")], []),
])
def test_grants_in_prose_and_in_lists_are_read_with_their_beneficiary(text, grants, totals):
    found = find_grants(text, "")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == grants
    assert [str(t.amount) for t in found.totals] == totals


@pytest.mark.parametrize("text", [
    "- d'accorder à l'association Vélo Solidaire une aide au projet à hauteur de 50 % du coût du projet, plafonnée à "
    "8 000 €.",
    "ATTRIBUE au Club Sénior une subvention de 40 % de la dépense éligible, dans la limite de 8 000 €.",
])
def test_a_rate_of_a_cost_capped_reads_the_ceiling_as_the_grant_with_a_warning(text):
    found = find_grants(text, "")
    assert [str(g.amount) for g in found.grants] == ["8000"]
    assert [fr for fr, _ in found.warnings if fr.startswith("plafond lu comme montant")]


def test_an_amount_shared_in_equal_parts_warns_that_the_shares_are_computed():
    found = find_grants("DÉCIDE d'attribuer une subvention de 3 000 € à répartir à parts égales entre l'association "
                        "Loire Aidants, l'association Vélo Solidaire et le Club Sénior.", "")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [
        ("Loire Aidants", "1000"), ("Vélo Solidaire", "1000"), ("Club Sénior", "1000")]
    assert [fr for fr, _ in found.warnings if fr.startswith("part calculée : 3000 €")]


def test_a_list_with_each_amount_indented_on_the_line_below_its_name_reads_each_name_with_its_amount():
    found = find_grants("DÉCIDE d'attribuer au titre de l'exercice 2025 les subventions suivantes :\n\n"
                        "Comité des Fêtes de Lussac\n    1 200 €\nUnion Sportive Lussacaise\n    850 €\n", "")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [
        ("Comité des Fêtes de Lussac", "1200"), ("Union Sportive Lussacaise", "850")]


def test_a_sub_bullet_that_says_what_part_of_an_item_is_for_stays_with_that_item():
    found = find_grants("Article 1er : attribue les subventions suivantes :\n▪ Estuaire Aidants : 3 000 €\n"
                        "   ➢ dont 1 000 € au titre du projet « Pair-aidance »\n▪ Club Ouest : 500 €\n", "")
    assert [(g.beneficiary, str(g.amount), g.purpose) for g in found.grants] == [
        ("Estuaire Aidants", "3000", "projet « Pair-aidance »"), ("Club Ouest", "500", None)]


@pytest.mark.parametrize("items, grants", [
    ("     • une subvention de fonctionnement de 38 000 € (imputation 65-6574) ;\n"
     "     • une subvention d'investissement de 28 800 €, soit 30 % du coût des travaux (imputation 204-20421) ;\n",
     [("Club Santé Vivarais", "38000", "operating", "6574"), ("Club Santé Vivarais", "28800", "investment", "20421"),
      ("Les Amis du Rhône", "3500", "operating", None)]),
    ("     - une participation de 1 200 € ;\n", [("Club Santé Vivarais", "1200", None, None),
                                                ("Les Amis du Rhône", "3500", "operating", None)]),
    # an item that names its own beneficiary, or a loan: not the lead's grants
    ("     • une subvention de 2 000 € à l'association Les Pas Perdus ;\n", [("Les Pas Perdus", "2000", None, None),
                                                                        ("Les Amis du Rhône", "3500", "operating",
                                                                         None)]),
    ("     • une avance remboursable de 20 000 € ;\n", [("Les Amis du Rhône", "3500", "operating", None)]),
])
def test_a_lead_naming_one_beneficiary_gives_it_each_grant_its_items_list(items, grants):
    found = find_grants("Le Conseil départemental DÉCIDE :\n– d'allouer à l'association Club Santé Vivarais :\n"
                        + items + "– d'allouer à l'association Les Amis du Rhône une subvention de fonctionnement "
                        "de 3 500 €.")
    assert sorted((g.beneficiary, str(g.amount), g.nature, g.account) for g in found.grants) == sorted(grants)


@pytest.mark.parametrize("title, text, grants", [
    ("Attribution d'un fonds de concours à la commune de Saint-Gaultier - Réhabilitation de la halle",
     "DÉCIDE de verser un fonds de concours d'un montant de 24 000 € à la commune pour la halle du marché ;",
     [("Commune de Saint-Gaultier", "24000")]),
    ("Fonds de concours à la Ville de Brières (voirie)", "DÉCIDE d'attribuer à la commune un fonds de concours de "
     "9 000 €.", [("Ville de Brières", "9000")]),
    ("Subvention à l'association Les Amis du Vélo", "DÉCIDE d'attribuer à l'association une subvention de 800 €.",
     [("Les Amis du Vélo", "800")]),
    ("Fonds de concours aux communes membres", "DÉCIDE de verser un fonds de concours de 9 000 € à la commune.", []),
    ("Subvention au centre social Les Tilleuls - café des aidants", "DÉCIDE d'attribuer au centre social une "
     "subvention de 3 000 €.", [("Les Tilleuls", "3000")]),
])
def test_a_decision_that_names_no_beneficiary_grants_to_the_one_its_title_names(title, text, grants):
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text, title).grants] == grants


@pytest.mark.parametrize("title, text", [
    ("Centre de santé – Demande de subvention à l'Agence régionale de santé et au Département du Gers",
     "DÉCIDE\nArticle 1 : De solliciter auprès de l'Agence régionale de santé une subvention de 80 000 € au titre du "
     "fonds d'intervention régional, et auprès du Département du Gers une subvention de 40 000 €."),
    ("Maison de santé – Plan de financement",
     "Le Maire sollicite de l'État une subvention de 120 000 € au titre de la DETR, et du Département du Gers une "
     "subvention de 45 000 €."),
])
def test_money_the_authority_asks_for_is_no_grant_however_far_the_request_is_from_the_amount(title, text):
    """The title's "Demande de subvention à X" names whom the authority asks, not a beneficiary."""
    assert find_grants(text, title).grants == []


@pytest.mark.parametrize("text, grants", [
    ("Le Conseil de fabrique de l'église Saint-Michel-Fictif sollicite une participation aux travaux de l'orgue (coût "
     "total : 86 400 € TTC). Le Maire propose une subvention d'investissement égale à 25 % du coût, soit 21 600 €.\n\n"
     "Par ailleurs, il est proposé d'attribuer :\n - à l'association Harmonie Concordia, une subvention de 1 500 € ;\n"
     "\nAprès en avoir délibéré, le Conseil Municipal approuve les propositions du Maire.",
     [("Conseil de fabrique de l'église Saint-Michel-Fictif", "21600"), ("Harmonie Concordia", "1500")]),
    ("L'association Les Amis du Vélo sollicite une aide. Il est proposé de lui attribuer une subvention de 500 €.",
     [("Les Amis du Vélo", "500")]),
    ("Le Comité sollicite une aide. Il est proposé de lui attribuer une subvention de 500 €.", []),
    ("Pour cette édition l'association sollicite une aide. Il est proposé de lui attribuer une subvention de 500 €.",
     []),
    ("Le Maire sollicite l'avis du conseil. Il propose une subvention de 500 €.", []),
])
def test_a_grant_proposed_with_no_name_goes_to_the_body_that_the_sentence_before_says_asks_for_it(text, grants):
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == grants


@pytest.mark.parametrize("text, outcome, counts", [
    ("Vu le budget primitif 2024 adopté le 4 avril 2024 ;\nPour : 7 – Contre : 11 – Abstentions : 1\n"
     "La délibération n'est pas adoptée.", "rejected", (7, 11, 1)),
    ("Le Conseil, par 19 voix pour et 2 abstentions :\n1°) APPROUVE la convention", "adopted", (19, None, 2)),
    ("Les crédits sont imputés au compte 65738 pour le GIP. Contre : 12 – Abstentions : 5. Adopté.",
     "adopted", (None, 12, 5)),
    ("Vote : 16 votants – 13 pour – 2 contre (M. NOUHAUD, Mme PEYRAT) – 1 abstention (M. RATINAUD)", "adopted",
     (13, 2, 1)),
    ("Vote : 13 pour, aucune abstention.", "adopted", (13, None, 0)),
    ("Il reste 65738 pour le GIP et 3 pour la commune.", None, (None, None, None)),
    ("Résultat du vote : Pour 72 – Contre 0 – Abstention 2 – Ne prend pas part au vote 0", "adopted", (72, 0, 2)),
    ("Votes : Pour 112 – Contre 0 – Abstentions 6", "adopted", (112, 0, 6)),
    ("Vote : Pour 53 ; Contre 0 ; Abstention 0 ; Ne prend pas part au vote 0", "adopted", (53, 0, 0)),
    # a vote's line that goes on below
    ("Vote : Pour 41 (groupes Ensemble, Centre) ; Contre 0 ;\nAbstentions 10 (groupes Écologie, Gauche) – Adoptée.",
     "adopted", (41, 0, 10)),
    ("Une convention pour 3 ans ;\nAbstentions 10", None, (None, None, None)),
    ("Une aide pour 3 ans est versée à l'association.", None, (None, None, None)),
    ("- PREND ACTE des montants de 12 000 € pour 2025 et de 12 000 € pour 2026 ;\nAdoptée (30 voix pour).",
     "adopted", (30, None, None)),
    # a request refused among the decisions, or an amendment's vote, is not the act's
    ("par 23 voix pour et 3 abstentions,\nDÉCIDE :\n- d'attribuer 1 800 € au Judo Club ;\n"
     "- de rejeter la demande du Tennis Club Municipal.", "adopted", (23, None, 3)),
    ("Le Conseil rejette la demande de l'association Les Amis.\nVote : unanimité", "adopted-unanimously",
     (None, None, None)),
    ("La demande du Tennis Club est rejetée.\nPour : 20 – Contre : 0 – Abstentions : 1", "adopted", (20, 0, 1)),
    ("L'amendement, mis aux voix, est adopté par 70 voix pour, 36 contre et 6 abstentions.\nLe Conseil attribue "
     "15 000 €.\nAdoptée par 98 voix pour, 0 contre, 14 abstentions.", "adopted", (98, 0, 14)),
    ("Mis aux voix, l'amendement de M. DURAND est rejeté par 30 voix contre et 10 pour.\nLe Conseil adopte la "
     "délibération par 35 voix pour et 5 contre.", "adopted", (35, 5, None)),
    ("Pour : 7 – Contre : 11\nLa délibération est REJETÉE.", "rejected", (7, 11, None)),
    ("Le rejet des eaux pluviales au réseau est autorisé. Vote : 20 voix pour.", "adopted", (20, None, None)),
    # a register typed without accents
    ("Apres en avoir delibere, le Conseil adopte a l'unanimite la proposition.", "adopted-unanimously",
     (None, None, None)),
    # a roll-call vote
    ("Vote par appel nominal : unanimité des 14 votants.", "adopted-unanimously", (None, None, None)),
    # one sentence a line: the visa's line goes on to the decision, whose vote it says
    ("Vu le rapport de Mme la Présidente, la Commission permanente, après en avoir délibéré, décide à l'unanimité "
     "d'attribuer une subvention de 18 000 € à la CPTS X.", "adopted-unanimously", (None, None, None)),
    ("Vu le rapport du Maire, le Conseil municipal décide à l'unanimité d'attribuer 500 € au Club X.",
     "adopted-unanimously", (None, None, None)),
    ("Vu la délibération du 3 mars 2025 adoptée à l'unanimité ;\nLe Conseil attribue 500 € au Club X.", None,
     (None, None, None)),
    # the members against or abstaining named, not counted: each name is one vote, when each item is one member
    ("Votants : 27\nPour : 20\nOnt voté contre : M. ALPHA-FICTIF, Mme BÊTA, M. GAMMA\n"
     "Se sont abstenus : Mme DELTA, M. Jean de la EPSILON, Mme ZÊTA, M. ÊTA (pouvoir à Mme ZÊTA)\n"
     "ADOPTÉE À LA MAJORITÉ", "adopted", (20, 3, 4)),
    ("Pour : 20\nOnt voté contre : le groupe Ensemble-Fictif, M. ALPHA\nSe sont abstenus : MM. BÊTA et GAMMA\n"
     "ADOPTÉE À LA MAJORITÉ", "adopted", (20, None, None)),
    # votes for and against labelled "pour l'adoption" and "pour le refus" (or "le rejet"), which is no rejection
    ("Pour l'adoption : 30\nPour le refus : 10\nAbstentions : 2\nAdoptée.", "adopted", (30, 10, 2)),
    ("Votants : 42. Pour l'adoption : 30 ; pour le refus : 10 ; abstentions : 2. Adopté.", "adopted", (30, 10, 2)),
    ("Pour l’adoption 30 voix, pour le rejet 10 voix, abstention 2.", "adopted", (30, 10, 2)),
    ("Pour l'adoption : 10\nPour le refus : 30", "rejected", (10, 30, None)),
    # counts a line each, label then figure (a PDF's table without rules, or with): each label its own figure, not
    # the one of the line above read number first
    ("Résultat du vote :\nVotants 20\nPour 17\nContre 2\nAbstentions 1\nAdoptée à la majorité.", "adopted",
     (17, 2, 1)),
    ("| Votants | 20 |\n| Pour | 14 |\n| Contre | 4 |\n| Abstentions | 2 |\nLa délibération est adoptée.", "adopted",
     (14, 4, 2)),
])
def test_a_vote_is_read_from_its_own_sentence_not_from_a_visa_an_account_or_the_next_line(text, outcome, counts):
    vote = parse_vote(text)
    assert (vote.outcome, (vote.votes_for, vote.against, vote.abstentions)) == (outcome, counts)


def test_in_minutes_of_several_items_the_vote_is_the_deliberations_own_item(tmp_path):
    path = tmp_path / "pv.txt"
    path.write_text("COMMUNE DE VERNOUX-FICTIF\nPROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL DU 6 JUIN 2024\n"
                    "2. Tarifs de la cantine\nAdopté par 10 voix pour et 2 contre.\n\n"
                    "4. Subventions aux associations – Délibération n° 2024-031\nLe Conseil municipal attribue une "
                    "subvention de 300 € au Comité des fêtes.\nAdopté par 11 voix pour et 1 abstention.\n",
                    encoding="utf-8")
    graph = extract_fixture(path).graph
    assert [(str(p).rsplit("#", 1)[-1], int(o)) for p, o in sorted(
        (p, o) for p in (MAI.votesFor, MAI.votesAgainst, MAI.abstentions) for o in graph.objects(None, p))] == [
        ("abstentions", 1), ("votesFor", 11)]


@pytest.mark.parametrize("last_vote, outcome", [
    ("Adopté par 25 voix pour, 2 abstentions.", "adopted"),
    ("Adopté à l'unanimité (26 voix).", "adopted-unanimously"),
])
def test_a_list_that_puts_each_grant_to_the_vote_gives_each_grant_and_no_items_counts_as_the_acts(tmp_path,
                                                                                                  last_vote, outcome):
    path = tmp_path / "deliberation.txt"
    path.write_text("VILLE DE MARSANGES-FICTIF\nConseil municipal – séance du 2 octobre 2025\n"
                    "Délibération n° 2025-077\nPrésents : 25. Pouvoirs : 2. Votants : 27.\n\n"
                    "Sur proposition de la commission, le Conseil municipal, après en avoir délibéré, se prononce "
                    "comme suit :\n\n1. Club Cœur Actif : subvention de 2 400 €\n   Adopté à l'unanimité (27 voix).\n\n"
                    "2. Association Aidants du Val : subvention de 4 100 €\n   Mme Lucie MOREL, trésorière de "
                    "l'association, n'a pas pris part au vote.\n   Adopté à l'unanimité des votants (26 voix).\n\n"
                    "3. Maison des Jeunes du Val : subvention de 900 €\n   " + last_vote + "\n\n"
                    "Le Conseil municipal autorise le Maire à signer la convention avec l'association Aidants du "
                    "Val.\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    facts = deliberation_facts(graph)
    assert sorted(facts["grants"]) == [["Association Aidants du Val", "4100"], ["Club Cœur Actif", "2400"],
                                       ["Maison des Jeunes du Val", "900"]]
    assert (facts["outcome"], facts["votes"]) == (outcome, None)
    assert [a["governs"] for a in facts["agreements"]] == [["Association Aidants du Val"]]


@pytest.mark.parametrize("counts, votes", [
    ("Membres en exercice : 30 – Présents : 22 – Pouvoirs : 3 – Votants : 25",
     [("abstentions", 3), ("votesAgainst", 0), ("votesFor", 22)]),
    ("Membres en exercice : 30 – Présents : 22 – Pouvoirs : 3",
     [("abstentions", 3), ("votesAgainst", 0), ("votesFor", 22)]),
    ("Membres en exercice : 30 – Suffrages exprimés : 22",
     [("abstentions", 3), ("votesAgainst", 0), ("votesFor", 22)]),
    # no count of voters: what is known
    ("Membres en exercice : 30", [("abstentions", 3), ("votesAgainst", 0)]),
])
def test_unanimity_of_the_votes_cast_with_abstentions_gives_none_against_and_the_voters_less_the_abstainers_for(
        tmp_path, counts, votes):
    path = tmp_path / "delib.txt"
    path.write_text("COMMUNE DE VERNOUX-FICTIF\nSÉANCE DU CONSEIL MUNICIPAL DU 6 JUIN 2024\n" + counts + "\n"
                    "Délibération n° 2024-031\nLe Conseil municipal attribue une subvention de 300 € au Comité des "
                    "fêtes.\nAdopté à l'unanimité des suffrages exprimés (3 abstentions : M. ALPHA, Mme BÊTA, "
                    "M. GAMMA).\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    assert [(str(p).rsplit("#", 1)[-1], int(o)) for p, o in sorted(
        (p, o) for p in (MAI.votesFor, MAI.votesAgainst, MAI.abstentions) for o in graph.objects(None, p))] == votes


@pytest.mark.parametrize("counts, vote, votes", [
    ("Présents : 27 – Pouvoirs : 4 – Votants : 31", "Adopté à l'unanimité moins une abstention.",
     [("abstentions", 1), ("votesAgainst", 0), ("votesFor", 30)]),
    ("Présents : 27 – Pouvoirs : 4", "Adopté à l'unanimité moins deux voix contre.",
     [("abstentions", 0), ("votesAgainst", 2), ("votesFor", 29)]),
    ("Présents : 27 – Pouvoirs : 4 – Votants : 31", "Adopté à l'unanimité moins 3 abstentions et 1 voix contre.",
     [("abstentions", 3), ("votesAgainst", 1), ("votesFor", 27)]),
    # the counts stated beside are kept; without a count of voters, the votes for stay unknown
    ("Présents : 27 – Pouvoirs : 4 – Votants : 31",
     "Adopté à l'unanimité moins une abstention (30 pour, 1 abstention).",
     [("abstentions", 1), ("votesAgainst", 0), ("votesFor", 30)]),
    ("Membres en exercice : 33", "Adopté à l'unanimité moins une abstention.",
     [("abstentions", 1), ("votesAgainst", 0)]),
])
def test_unanimity_less_a_few_members_is_adopted_not_unanimously_with_their_counts(tmp_path, counts, vote, votes):
    path = tmp_path / "delib.txt"
    path.write_text("COMMUNE DE VERNOUX-FICTIF\nSÉANCE DU CONSEIL MUNICIPAL DU 6 JUIN 2024\n" + counts + "\n"
                    "Délibération n° 2024-031\nLe Conseil municipal attribue une subvention de 300 € au Comité des "
                    "fêtes.\n" + vote + "\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    assert [str(o).rsplit("/", 1)[-1] for o in graph.objects(None, MAI.outcome)] == ["adopted"]
    assert [(str(p).rsplit("#", 1)[-1], int(o)) for p, o in sorted(
        (p, o) for p in (MAI.votesFor, MAI.votesAgainst, MAI.abstentions) for o in graph.objects(None, p))] == votes


@pytest.mark.parametrize("counts, vote, votes", [
    ("Présents : 27 – Pouvoirs : 4 – Votants : 31", "Adopté par 27 voix pour et 4 abstentions.",
     [("abstentions", 4), ("votesAgainst", 0), ("votesFor", 27)]),
    ("Présents : 27 – Pouvoirs : 4 – Votants : 31", "Adopté par 25 voix pour et 6 voix contre.",
     [("abstentions", 0), ("votesAgainst", 6), ("votesFor", 25)]),
    # the voters present and represented, no count of them stated
    ("Présents : 27 – Pouvoirs : 4", "Adopté par 25 voix pour et 6 voix contre.",
     [("abstentions", 0), ("votesAgainst", 6), ("votesFor", 25)]),
    # counts short of the voters (members who took no part), no count of voters, the votes cast without the
    # abstainers: the count left out stays unknown
    ("Présents : 27 – Pouvoirs : 4 – Votants : 31", "Adopté par 25 voix pour et 4 voix contre.",
     [("votesAgainst", 4), ("votesFor", 25)]),
    ("Membres en exercice : 33", "Adopté par 25 voix pour et 6 voix contre.", [("votesAgainst", 6), ("votesFor", 25)]),
    ("Suffrages exprimés : 31", "Adopté par 25 voix pour et 6 voix contre.", [("votesAgainst", 6), ("votesFor", 25)]),
])
def test_a_vote_that_leaves_a_count_out_gives_it_0_only_when_the_counts_it_states_make_up_the_voters(
        tmp_path, counts, vote, votes):
    path = tmp_path / "delib.txt"
    path.write_text("COMMUNE DE VERNOUX-FICTIF\nSÉANCE DU CONSEIL MUNICIPAL DU 6 JUIN 2024\n" + counts + "\n"
                    "Délibération n° 2024-031\nLe Conseil municipal attribue une subvention de 300 € au Comité des "
                    "fêtes.\n" + vote + "\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    assert [(str(p).rsplit("#", 1)[-1], int(o)) for p, o in sorted(
        (p, o) for p in (MAI.votesFor, MAI.votesAgainst, MAI.abstentions) for o in graph.objects(None, p))] == votes


@pytest.mark.parametrize("text, present, excused, proxies, secretary, chair", [
    ("Étaient présents :\nM. Régis AUBERTIN\nMme Claire BOYER\nM. Henri IZARD\n\nPouvoirs :\n"
     "M. Henri IZARD à M. Régis AUBERTIN\nMme Anne ROUX à Mme Claire BOYER\n",
     ["Régis AUBERTIN", "Claire BOYER", "Henri IZARD"], [],
     [("Henri IZARD", "Régis AUBERTIN"), ("Anne ROUX", "Claire BOYER")], None, None),
    ("Présents : M. Jean DUPONT, Mme Odile MARCHETTI\nReprésentés : M. Kevin LAFONT par Mme Odile MARCHETTI\n",
     ["Jean DUPONT", "Odile MARCHETTI"], [], [("Kevin LAFONT", "Odile MARCHETTI")], None, None),
    ("Présents : M. Jean DUPONT\nAbsente excusée : Mme Maud NICOLAS\n", ["Jean DUPONT"], ["Maud NICOLAS"], [], None,
     None),
    ("Mme Sandrine JOUVE a été désignée pour remplir les fonctions de secrétaire de séance.\n", [], [], [],
     "Sandrine JOUVE", None),
    ("Mme Lucie TEXIER est nommée secrétaire de séance.\n", [], [], [], "Lucie TEXIER", None),
    ("Secrétaire : Mme Josette CAZALS\nPrésident : M. Fernand LABORIE\n", [], [], [], "Josette CAZALS",
     "Fernand LABORIE"),
    ("Le Conseil s'est réuni sous la présidence de M. le Maire, Patrice ROUVIÈRE.\n", [], [], [], None,
     "Patrice ROUVIÈRE"),
    ("Absents : M. Kévin LEROUX, Mme Laure MÉNAGER\nA été nommé secrétaire : M. Nicolas MARTEAU\n", [], [], [],
     "Nicolas MARTEAU", None),
    ("Présents (2) : Mme Josette LAPLAUD (Maire), M. Alain DESBORDES\nProcurations (1) :\n"
     "- M. Lionel BOSSELUT a donné procuration à Mme Josette LAPLAUD\n", ["Josette LAPLAUD", "Alain DESBORDES"], [],
     [("Lionel BOSSELUT", "Josette LAPLAUD")], None, "Josette LAPLAUD"),
    ("Absents ayant donné pouvoir : M. SAUZEAU (pouvoir à M. POUPIN), Mme JAUNET (pouvoir à Mme MORIN).\n"
     "Secrétaire de séance : Mme PROUST.\n", [], [], [("SAUZEAU", "POUPIN"), ("JAUNET", "MORIN")], "PROUST", None),
    ("PRÉSENTS : M. GÉRARD DUBOSCLARD (PRÉSIDENT), MME FRANÇOISE CHEVALEYRE\n"
     "REPRÉSENTÉS : M. MARC ANDANSON PAR MME FRANÇOISE CHEVALEYRE\nEXCUSÉS : M. DANIEL BONJEAN, M. LE GALL\n"
     "SECRÉTAIRE DE SÉANCE : MME ANNIE LAMADON\n", ["Gérard DUBOSCLARD", "Françoise CHEVALEYRE"],
     ["Daniel BONJEAN", "LE GALL"], [("Marc ANDANSON", "Françoise CHEVALEYRE")], "Annie LAMADON", "Gérard DUBOSCLARD"),
    # the last two joined by "et", with or without civilities; a name, or a proxy's holder, cut at the line's end
    ("Étaient présents : M. Paul ARNOULT, Mme Odile BRETON et M. Rémi CASTEL.\n", ["Paul ARNOULT", "Odile BRETON",
     "Rémi CASTEL"], [], [], None, None),
    ("Étaient présents : Paul ARNOULT, Odile BRETON et Rémi CASTEL-VIDAL.\n", ["Paul ARNOULT", "Odile BRETON",
     "Rémi CASTEL-VIDAL"], [], [], None, None),
    ("Étaient présents : M. Paul ARNOULT, Mme Odile BRETON et M. Rémi\nCASTEL-VIDAL.\n"
     "Absent ayant donné pouvoir : M. Luc DORAT à Mme Odile\nBRETON.\nObjet : budget\n",
     ["Paul ARNOULT", "Odile BRETON", "Rémi CASTEL-VIDAL"], [], [("Luc DORAT", "Odile BRETON")], None, None),
    ("Présents : M. Yves LEGENDRE (élus) ; Mme Aminata KONÉ (UDAF) (membres nommés)\n"
     "Excusés : M. le Maire, Mme Louisa HADDAD\n", ["Yves LEGENDRE", "Aminata KONÉ"], ["Louisa HADDAD"], [], None,
     None),
])
def test_attendance_lists_and_officers_are_read_however_the_text_lays_them_out(text, present, excused, proxies,
                                                                               secretary, chair):
    a = parse_attendance(text)
    assert [p.label for p in a.present] == present and [p.label for p in a.excused] == excused
    assert [(p.giver.label, p.holder.label) for p in a.proxies] == proxies
    assert (a.secretary and a.secretary.label, a.chair and a.chair.label) == (secretary, chair)


@pytest.mark.parametrize("text, title", [
    ("sous la présidence de M. Dominique TESSIER, Maire de la commune nouvelle.", "Maire"),
    ("sous la présidence de Mme Véronique DELACOURT, Vice-présidente du CCAS, par délégation", "Vice-présidente"),
    ("sous la présidence de M. Jean DUPONT, Mairesse honoraire", None),
    ("La séance est présidée par Mme Brigitte FICTIF-MARTY, Vice-Présidente du CIAS, par délégation du Président.",
     "Vice-Présidente"),
])
def test_the_chairs_office_after_their_name_is_their_title(text, title):
    assert parse_attendance(text).chair_title == title


@pytest.mark.parametrize("text, title", [
    ("Présidence : M. Frédéric BLONDEAU-FICTIF, Maire\nObjet : Subvention", "Maire"),
    ("Président de séance : M. Arnaud VUILLEMIN-FICTIF, Maire\nSecrétaire de séance : Mme Léa ROY", "Maire"),
    ("Présidence : M. Gérald POUJADE-FICTIF, Vice-président du CIAS, par délégation du Président", "Vice-président"),
    ("Président : M. Paul DURAND-FICTIF, Conseiller délégué\nObjet : Santé", "Conseiller délégué"),
    # a word after the comma that is no office
    ("Présidence : M. Paul DURAND-FICTIF, Mairesse honoraire", None),
    ("Présidence : M. Paul DURAND-FICTIF\nMaire de la commune", None),
])
def test_the_office_after_the_name_that_a_chairs_heading_gives_is_their_title(text, title):
    assert parse_attendance(text).chair_title == title


@pytest.mark.parametrize("text", [
    "Le Président, Raymond ESCOFFIER\nLe secrétaire de séance, Mme Isabelle CHABRAND-FICTIVE\n",
    "Le Maire,\nLa secrétaire de séance,\nMme Isabelle CHABRAND-FICTIVE\n",
])
def test_the_secretary_named_only_in_the_signature_block_is_read(text):
    a = parse_attendance(text)
    assert a.secretary and a.secretary.label == "Isabelle CHABRAND-FICTIVE"


@pytest.mark.parametrize("text", [
    "M. Paul DURAND-FICTIF, Maire, préside la séance.\nPrésents : M. Paul DURAND-FICTIF, Mme Léa MARTIN\n",
    "Monsieur le Maire, Paul DURAND-FICTIF, ouvre la séance à 20 h.\nPrésents : Mme Léa MARTIN\n",
    "M. Paul DURAND-FICTIF, Maire, ouvre la séance à 20 h.\nPrésents : Mme Léa MARTIN\n",
])
def test_the_chair_who_opens_or_chairs_the_session_in_a_sentence_is_read_with_their_office(text):
    a = parse_attendance(text)
    assert (a.chair and a.chair.label, a.chair_title) == ("Paul DURAND-FICTIF", "Maire")


@pytest.mark.parametrize("text", [
    # the council designates them
    "Présents : Mme Isabelle CHABRAND-FICTIVE, M. Paul DURAND\nLe Conseil désigne Mme Isabelle CHABRAND-FICTIVE "
    "comme secrétaire de séance.\n",
    # in a text run together on one line, the sentence before it ending just before the name
    "Etaient présents : Isabelle CHABRAND-FICTIVE, Paul DURAND Absent(s) excusé(s): Luc ROUX formant la majorité des "
    "membres en exercice. Madame CHABRAND-FICTIVE est nommée secrétaire de séance Nombre de membres Présents 2",
])
def test_the_secretary_that_a_sentence_names_is_read(text):
    a = parse_attendance(text)
    assert a.secretary and a.secretary.label == "Isabelle CHABRAND-FICTIVE"


@pytest.mark.parametrize("text, chair, title", [
    ("s'est réuni à la mairie, sous la présidence de Mme Sylvie\nDARDENNE-FICTIVE, Maire.\nObjet : Subvention",
     "Sylvie DARDENNE-FICTIVE", "Maire"),
    ("sous la présidence de M. Jean-Paul\nLE GALL\nPrésents : M. Jean-Paul LE GALL", "Jean-Paul LE GALL", None),
    ("sous la présidence de Mme Sylvie\nPRÉSENTS : M. Jean DUPONT, Mme Anne ROUX", None, None),
    ("s'est réuni, dans la salle du Conseil Municipal, sous la\nprésidence de\n"
     "                                  Monsieur Pierre HURMIC-FICTIF - Maire\n\nIl vous est proposé",
     "Pierre HURMIC-FICTIF", "Maire"),
    ("Étaient présents : Mme Annie DAMBRUNE-FICTIVE, Vice-Présidente, présidant la séance par délégation du\n"
     "Maire, Président ; Mme Colette ROBIN ; M. Hervé TISSIER.", "Annie DAMBRUNE-FICTIVE", "Vice-Présidente"),
    # the chair named in the list of the members present
    ("Présents : Mme Annie DAMBRUNE-FICTIVE, Vice-présidente, présidente de séance ; M. Paul LEMESLE, M. Hervé "
     "TISSIER.", "Annie DAMBRUNE-FICTIVE", "Vice-présidente"),
    ("Présents : M. Paul LEMESLE, président de la séance ; Mme Colette ROBIN.", "Paul LEMESLE", None),
    ("Présidence de séance : Mme Hélène ROUVIÈRE-FICTIVE, Présidente\nObjet : Santé", "Hélène ROUVIÈRE-FICTIVE",
     "Présidente"),
    # a compound family name cut at its hyphen
    ("s'est réuni sous la présidence de M. Ange SANTINI-\nFERRANDI, Maire.\nPouvoirs :", "Ange SANTINI-FERRANDI",
     "Maire"),
    # a compound given name cut at its hyphen
    ("réuni en mairie sous la présidence de M. Jean-\nClaude CALMELS, Maire.\nPrésents : Jean-Claude CALMELS",
     "Jean-Claude CALMELS", "Maire"),
    # the sitting "présidée par" its chair
    ("Conseillers en exercice : 92\n\nSéance présidée par M. Michel DELAVAUX-FICTIF, Président du Conseil de "
     "Métropole\n\nObjet : Santé", "Michel DELAVAUX-FICTIF", "Président"),
])
def test_a_chairs_name_that_the_line_wrapped_is_read_whole(text, chair, title):
    a = parse_attendance(text)
    assert (a.chair and a.chair.label, a.chair_title) == (chair, title)


@pytest.mark.parametrize("text, chair", [
    ("Convoqué le 23 juin 2025 – Président : M. Paul DURAND-FICTIF, Maire\nConseillers en exercice : 19",
     "Paul DURAND-FICTIF"),
    ("Convocation du 2 mai 2025 - Présidente : Mme Léa ROY\nObjet : Santé", "Léa ROY"),
    # a vice-president named on the line is not the chair
    ("Convoqué le 23 juin 2025 – Vice-Président : M. Paul DURAND-FICTIF\nObjet : Santé", None),
])
def test_the_chair_after_a_dash_on_the_line_of_the_convocation_is_read(text, chair):
    a = parse_attendance(text)
    assert (a.chair and a.chair.label) == chair


def test_a_list_in_columns_gives_each_member_that_a_line_sets_side_by_side():
    a = parse_attendance("ÉTAIENT PRÉSENTS :\nM. Frédéric BLONDEAU        Mme Agnès PERROTIN\tM. Hugo LAMBERT\n\n"
                         "ABSENTS REPRÉSENTÉS :\nMme Anne BRUNEAU (pouvoir à M. BLONDEAU)        M. Marc HERVÉ "
                         "(pouvoir à Mme PERROTIN)\nMme Laure PIGEON (pouvoir à M. LAMBERT)\n\n"
                         "Présents : 3 – Représentés : 3 – Votants : 6\n")
    assert [p.label for p in a.present] == ["Frédéric BLONDEAU", "Agnès PERROTIN", "Hugo LAMBERT"]
    assert [p.giver.label for p in a.proxies] == ["Anne BRUNEAU", "Marc HERVÉ", "Laure PIGEON"]
    assert (a.present_count, a.proxy_count) == (3, 3)


def test_the_members_named_after_etaient_absents_are_the_absent():
    a = parse_attendance("Étaient présents : M. Paul ROUX\nÉtaient absents : Mme Christiane ADÈLE, M. Olivier "
                         "MARIE-SAINTE.\n")
    assert [p.label for p in a.absent] == ["Christiane ADÈLE", "Olivier MARIE-SAINTE"]


def test_the_member_named_after_etait_absente_or_excuse_is_listed_with_the_proxy_given_after_the_name():
    a = parse_attendance("Étaient présents : M. Xavier LÉDÉE, Mme Marie AUBIN\n"
                         "Était absent excusé : M. Jean-Marc BERRY, pouvoir à M. Xavier LÉDÉE\n"
                         "Était absente : Mme Nina QUESTEL\nAprès en avoir délibéré\n")
    assert ([p.label for p in a.excused], [p.label for p in a.absent]) == (["Jean-Marc BERRY"], ["Nina QUESTEL"])
    assert [(p.giver.label, p.holder and p.holder.label) for p in a.proxies] == [("Jean-Marc BERRY", "Xavier LÉDÉE")]


@pytest.mark.parametrize("text, present, proxies", [
    ("Assistaient à la séance : M. Paul DURAND-FICTIF, Mme Léa MARTIN-FICTIF\n\nObjet : x\n", 2, []),
    ("Étaient présents les conseillers municipaux suivants : M. Paul DURAND-FICTIF, Mme Léa MARTIN-FICTIF\n\n"
     "Objet : x\n", 2, []),
    ("Conseillers présents : M. Paul DURAND-FICTIF, Mme Léa MARTIN-FICTIF\nOnt donné procuration : M. Luc ROUX-FICTIF "
     "à M. Paul DURAND-FICTIF\n\nObjet : x\n", 2, [("Luc ROUX-FICTIF", "Paul DURAND-FICTIF")]),
    ("Présents : M. Paul DURAND-FICTIF, Mme Léa MARTIN-FICTIF\nExcusé(s) ayant donné procuration : M. Luc ROUX-FICTIF "
     "à M. Paul DURAND-FICTIF\n\nObjet : x\n", 2, [("Luc ROUX-FICTIF", "Paul DURAND-FICTIF")]),
    ("Présents : M. Paul DURAND-FICTIF, Mme Léa MARTIN-FICTIF\nProcuration de M. Luc ROUX-FICTIF à M. Paul "
     "DURAND-FICTIF\n\nObjet : x\n", 2, [("Luc ROUX-FICTIF", "Paul DURAND-FICTIF")]),
])
def test_a_lists_heading_is_read_however_the_council_words_it(text, present, proxies):
    a = parse_attendance(text)
    assert (len(a.present), [(p.giver.label, p.holder and p.holder.label) for p in a.proxies]) == (present, proxies)


@pytest.mark.parametrize("heading, excused, absent, proxies", [
    ("Conseillers absents :", 0, 1, 0),
    ("Absents sans excuse :", 0, 1, 0),
    ("Conseillers municipaux absents excusés :", 1, 0, 0),
    ("Étaient excusés et avaient donné pouvoir : M. Paul DURAND-FICTIF à", 1, 0, 1),
    # the list of the absent with each one's proxy after the name
    ("Excusés représentés : M. Paul DURAND-FICTIF par", 1, 0, 1),
    ("Excusé : M. Paul DURAND-FICTIF qui a donné pouvoir à", 1, 0, 1),
])
def test_a_list_of_the_absent_is_read_however_its_heading_words_them(heading, excused, absent, proxies):
    a = parse_attendance(f"Présents : M. Marc PIC-FICTIF, Mme Léa MARTIN-FICTIF\n{heading} M. Luc ROUX-FICTIF\n\n"
                         "Objet : x\n")
    assert (len(a.excused), len(a.absent), len(a.proxies)) == (excused, absent, proxies)


@pytest.mark.parametrize("text", [
    # a list in columns as a text keeps it, its names apart by spaces
    "Présents :\nPaul DURAND-FICTIF          Léa MARTIN-FICTIF\nMarc PIC-FICTIF             Anne VIAL-FICTIF\n\nObjet : x\n",
    "Présents :\nDURAND-FICTIF Paul          MARTIN-FICTIF Léa\nPIC-FICTIF Marc             VIAL-FICTIF Anne\n\nObjet : x\n",
    # as a PDF's text closes it up, nothing between the names
    "Présents :\nPaul DURAND-FICTIF Léa MARTIN-FICTIF\nMarc PIC-FICTIF Anne VIAL-FICTIF\n\nObjet : x\n",
])
def test_a_list_of_names_in_columns_without_civilities_gives_each_member(text):
    assert len(parse_attendance(text).present) == 4


def test_a_proxy_in_brackets_that_the_line_sent_below_the_members_name_keeps_the_list_going():
    a = parse_attendance("Étaient excusés et représentés : Mme Éliane DUPUIS (pouvoir à M. Jean BRIAUDEAU), M. Rémi "
                         "FOUCHER\n(pouvoir à Mme Christine MÉRY), Mme Karine BLONDEAU (pouvoir à M. Guy TESSIER)\n")
    assert [p.label for p in a.excused] == ["Éliane DUPUIS", "Rémi FOUCHER", "Karine BLONDEAU"]
    assert [p.holder and p.holder.label for p in a.proxies] == ["Jean BRIAUDEAU", "Christine MÉRY", "Guy TESSIER"]


def test_a_members_aside_in_brackets_leaves_them_listed():
    a = parse_attendance("Absents : Mathieu LAVERGNE (arrivé au point 4), Pierre COSTES\n")
    assert [p.label for p in a.absent] == ["Mathieu LAVERGNE", "Pierre COSTES"]


def test_an_aside_that_a_line_end_cuts_leaves_the_members_listed():
    a = parse_attendance("Étaient présents : Mme Sylvie LABORDE, M. Rémi LAFITTE (représentant des locataires CNL),\n"
                         "Mme Fatou DIALLO (représentante des\nlocataires CLCV), M. Serge COSTES (représentant CAF).\n")
    assert [p.label for p in a.present] == ["Sylvie LABORDE", "Rémi LAFITTE", "Fatou DIALLO", "Serge COSTES"]


def test_the_chair_named_with_their_office_first_in_the_list_of_the_present_chairs():
    a = parse_attendance("Étaient présents (19) : M. Bernard FAVRE-FICTIF, Maire ; Mmes et MM. les adjoints et\n"
                         "conseillers municipaux (liste annexée au registre).\n")
    assert (a.chair and a.chair.label, a.chair_title) == ("Bernard FAVRE-FICTIF", "Maire")


def test_a_proxys_holder_sent_to_the_next_line_keeps_the_proxy():
    a = parse_attendance("Absents ayant donné pouvoir (3) : M. Gérard PIOT à M. Paul GIRAUD ; Mme Inès DURAND à\n"
                         "M. Paul GIRAUD ; M. Fabien ROUX à Mme Élodie CHAMBON.\n")
    assert [(p.giver.label, p.holder and p.holder.label) for p in a.proxies] == [
        ("Gérard PIOT", "Paul GIRAUD"), ("Inès DURAND", "Paul GIRAUD"), ("Fabien ROUX", "Élodie CHAMBON")]


@pytest.mark.parametrize("text, counts", [
    ("Délégués présents ou suppléés : 44 (dont 3 suppléants)\nPouvoirs : 4", (44, 4)),
    ("Présents : 121 – Absents ayant donné pouvoir : 17 – Absents : 12", (121, 17)),
    ("Présents lors du vote : 49 – Pouvoirs : 4 – Votants : 53", (49, 4)),
    ("Présents (14) : Mme Josette LAPLAUD\nProcurations (3) :", (14, 3)),
    ("Membres en exercice : 54 – Présents ou représentés : 49 – Votants : 49", (None, None)),
    ("Présents : 58 - Excusés avec pouvoir : 12 - Absents : 3", (58, 12)),
    ("Nombre de membres présents : 24\nNombre de membres absents ayant donné procuration : 3", (24, 3)),
    ("ÉTAIENT PRÉSENTS : 55 conseillers\nÉTAIENT ABSENTS ET AVAIENT DONNÉ POUVOIR : 7 conseillers", (55, 7)),
    ("Nombre de membres présents : 15\nNombre de membres absents : 4 dont 2 ayant donné procuration", (15, 2)),
    # a list of proxies is no stated count, as a list of the present is none
    ("Présents : 8\nPouvoir : Denis FAVRE à Jean-Pierre VIBERT.", (8, None)),
    ("Membres du Bureau en exercice : 15       Présents : 12      Pouvoir : 1      Votants : 13", (12, 1)),
    ("Présents : 9\nM. Paul ROUX donne pouvoir 2 fois par an", (9, None)),
    ("Présents à l'ouverture de la séance : 26 – Pouvoirs : 5\n"
     "Arrivée de Mme Laurence PIVERT à partir du point n° 5 (présents : 27 – votants : 32).", (26, 5)),
    ("Membres en exercice : 36\nMembres présents ou représentés : 29 (23 présents, 6 procurations)", (23, 6)),
    # a session held by video
    ("Membres en exercice : 16\nMembres connectés (présents) : 12\nPouvoirs : 2\nVotants : 14", (12, 2)),
    # the counts before their words, in a sentence
    ("Le quorum étant atteint : 22 conseillers présents, 5 représentés, 2 absents.", (22, 5)),
    # the counts after their words without a colon, "ayant donné pouvoir" among them
    ("Conseillers : en exercice 34 ; présents 27 ; ayant donné pouvoir 4 ; votants 31", (27, 4)),
])
def test_the_stated_counts_of_present_members_and_proxies_are_read(text, counts):
    a = parse_attendance(text)
    assert (a.present_count, a.proxy_count) == counts


@pytest.mark.parametrize("text, counts", [
    # spelled out after their labels, as a small commune's register may write them
    ("Nombre de conseillers en exercice : dix-neuf\nPrésents : quinze\nVotants : dix-sept", (19, 15, 17)),
    ("En exercice : vingt-neuf – Présents : vingt et un – Votants : vingt-trois", (29, 21, 23)),
    # the present out of those in office, in one phrase
    ("Le quorum étant atteint (15 présents sur 19), le Conseil délibère.", (19, 15, None)),
    ("22 membres présents sur 29.\nVotants : 25", (29, 22, 25)),
    ("Présents : 22 sur 29", (29, 22, None)),
    # a label stated on its own keeps its count
    ("En exercice : 23\nPrésents : 19 sur 23", (23, 19, None)),
    # words after no colon are no count
    ("Les membres présents une fois par mois", (None, None, None)),
])
def test_counts_spelled_out_or_out_of_those_in_office_are_read(text, counts):
    a = parse_attendance(text)
    assert (a.in_office, a.present_count, a.vote_count) == counts


@pytest.mark.parametrize("text, present, excused, proxies", [
    # a métropole's record: a civility and the family name alone, in small letters after its capital
    ("Présents : M. Delorme, Mme Marchand, M. Le Faou, Mme de Lavernée.\n"
     "Absents excusés : Mme Hamon (pouvoir à M. Delorme), M. Joly.\n",
     ["Delorme", "Marchand", "Le Faou", "de Lavernée"], ["Hamon", "Joly"], [("Hamon", "Delorme")]),
    # the civilities of several before family names alone
    ("Étaient présents : MM. Lebreton, Garnier, Mmes Le Bihan, Morvan, M. Tanguy.\n"
     "Étaient absents et représentés : M. Abgrall (pouvoir à M. Garnier).\n",
     ["Lebreton", "Garnier", "Le Bihan", "Morvan", "Tanguy"], [], [("Abgrall", "Garnier")]),
    # "Mesdames" and "Messieurs" before the family names of several; elided parts of a family name
    ("Présents : Mesdames Dupont, N'Diaye, Messieurs Durand, O'Brien, d'Harcourt.\n"
     "Membres absents représentés : Monsieur Luc Fabre a donné pouvoir à Madame Dupont\n",
     ["Dupont", "N'Diaye", "Durand", "O'Brien", "d'Harcourt"], [], [("Luc FABRE", "Dupont")]),
    # a CCAS's board
    ("Administrateurs présents : Mme Sylvie BONNET, M. Gérard PICHON.\n"
     "Administrateurs excusés : M. Paul JOURDAN (pouvoir à Mme Sylvie BONNET).\n",
     ["Sylvie BONNET", "Gérard PICHON"], ["Paul JOURDAN"], [("Paul JOURDAN", "Sylvie BONNET")]),
    # the delegates of a council of communities, full members and substitutes
    ("Délégués titulaires présents : Régis CHAVEROT, Annick BOUCHUT\n"
     "Délégués suppléants présents : Maurice TISSOT (suppléant de Louis VERNAY)\n"
     "Excusés : Sylvie GIRIN\n",
     ["Régis CHAVEROT", "Annick BOUCHUT", "Maurice TISSOT"], ["Sylvie GIRIN"], []),
])
def test_members_named_by_family_name_in_small_letters_or_as_delegates_are_listed(text, present, excused, proxies):
    a = parse_attendance(text)
    assert [p.label for p in a.present] == present
    assert [p.label for p in a.excused] == excused
    assert [(p.giver.label, p.holder.label) for p in a.proxies] == proxies


@pytest.mark.parametrize("text, chair, secretary", [
    ("sous la présidence de M. Lebreton, Maire.\nSecrétaire de séance : Mme Quéré.", "Lebreton", "Quéré"),
    # an office after the civility is no family name
    ("sous la présidence de M. le Maire.\nSecrétaire de séance : M. le Directeur général", None, None),
    # the secretary's heading worded otherwise
    ("Présidence : Jean DUPONT\nSecrétariat de séance : Anne MARTIN\n", "Jean DUPONT", "Anne MARTIN"),
    ("Président de séance : M. Jean DUPONT\nSecrétaire de séance élu(e) : M. Paul DURAND\n", "Jean DUPONT",
     "Paul DURAND"),
])
def test_officers_named_by_civility_and_family_name_alone_are_read(text, chair, secretary):
    a = parse_attendance(text)
    assert (a.chair and a.chair.label, a.secretary and a.secretary.label) == (chair, secretary)


@pytest.mark.parametrize("sentence, beneficiary", [
    ("- 13 000 € au profit du Groupe d'entraide mutuelle Les Tilleuls,", "Groupe d'entraide mutuelle Les Tilleuls"),
    ("- 900 € au profit des Petits Frères des Pauvres ;", "Petits Frères des Pauvres"),
    ("une subvention de 4 000 € en faveur du centre social Les Tilleuls.", "Les Tilleuls"),
])
def test_a_beneficiary_after_au_profit_du_or_en_faveur_du_is_read(sentence, beneficiary):
    text = f"Le Conseil, après en avoir délibéré, DÉCIDE d'attribuer les subventions suivantes :\n{sentence}\n"
    assert [g.beneficiary for g in find_grants(text).grants] == [beneficiary]


@pytest.mark.parametrize("decision, beneficiary", [
    # the subject "se voit attribuer" its grant
    ("Article 1 – L'association Santé Solidaire se voit attribuer une subvention de 2 000 €.", "Santé Solidaire"),
    # "pour" inside a name
    ("FIXE à 3 200 € le montant de la subvention allouée au Comité départemental d'éducation pour la santé.",
     "Comité départemental d'éducation pour la santé"),
    ("ATTRIBUE une subvention de 900 € à l'Association pour le développement des soins palliatifs.",
     "Association pour le développement des soins palliatifs"),
    # and "pour" after another name ends it still
    ("ATTRIBUE une subvention de 900 € à l'association Les Amis pour l'organisation du forum.", "Les Amis"),
])
def test_a_beneficiary_that_receives_as_subject_or_whose_name_goes_on_with_pour_is_read(decision, beneficiary):
    text = f"Le Conseil municipal, après en avoir délibéré, à l'unanimité, DÉCIDE :\n{decision}\n"
    assert [g.beneficiary for g in find_grants(text).grants] == [beneficiary]


@pytest.mark.parametrize("comparison", [
    ", soit 500 € de plus qu'en 2023.", ", en hausse de 500 € par rapport à 2023.", " (contre 1 000 € en 2023).",
    " au lieu de 1 000 € l'an dernier.", ", soit une augmentation de 500 €.", ", soit 500 € d'augmentation.",
])
def test_an_amount_that_compares_the_grant_with_another_years_is_no_grant_and_leaves_it_whole(comparison):
    text = ("Le Conseil, après en avoir délibéré, à l'unanimité,\nDÉCIDE d'attribuer à l'association Gym Santé une "
            f"subvention de 1 500 €{comparison}\n")
    assert [(g.beneficiary, g.amount) for g in find_grants(text).grants] == [("Gym Santé", Decimal("1500"))]


@pytest.mark.parametrize("decision", [
    # a request's amount before the grant's, in an aside: its words are its own
    "DÉCIDE d'attribuer à l'association Gym Santé, qui avait sollicité 3 000 €, une subvention de 2 000 €.",
    # a grant kept at its amount
    "DÉCIDE de maintenir à 2 000 € la subvention allouée à l'association Gym Santé pour 2025.",
])
def test_a_grant_after_a_request_in_its_sentence_or_kept_at_its_amount_is_read(decision):
    text = f"Le Conseil, après en avoir délibéré, à l'unanimité,\n{decision}\n"
    assert [(g.beneficiary, g.amount) for g in find_grants(text).grants] == [("Gym Santé", Decimal("2000"))]


@pytest.mark.parametrize("decision, nature", [
    ("une subvention annuelle de fonctionnement de 5 000 € à l'association Gym Santé", "operating"),
    ("une subvention forfaitaire d'investissement de 5 000 € à l'association Gym Santé", "investment"),
    ("une subvention sur projet de 5 000 € à l'association Gym Santé", "project"),
    ("une subvention affectée de 5 000 € à l'association Gym Santé pour le projet « Bouger plus »", "project"),
    ("une subvention de 5 000 € à l'association Gym Santé au titre de son fonctionnement", "operating"),
    # what the grant pays for names no nature unless it says so
    ("une subvention de 5 000 € à l'association Gym Santé pour l'organisation du forum santé", None),
])
def test_a_grants_nature_said_after_an_adjective_or_by_what_it_pays_for_is_read(decision, nature):
    text = f"Le Conseil, après en avoir délibéré, à l'unanimité,\nDÉCIDE d'attribuer {decision}.\n"
    assert [g.nature for g in find_grants(text).grants] == [nature]


def test_a_dotted_leader_that_runs_into_the_amount_leaves_it_whole():
    from graph.ingest.delib_text import normalise_text

    text = ("Le Conseil, après en avoir délibéré, à l'unanimité, DÉCIDE d'attribuer les subventions suivantes :\n"
            "1) Association Gym Santé..........................1 500 €\n2) Club des Aînés…………800 €\nAdopté.\n")
    found = find_grants(normalise_text(text).body)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Association Gym Santé", "1500"),
                                                                       ("Club des Aînés", "800")]


def test_a_nature_said_after_en_beside_each_amount_of_an_item_is_each_grants():
    text = ("Le Conseil, après en avoir délibéré, à l'unanimité, DÉCIDE d'attribuer les subventions suivantes :\n"
            "- Gym Santé : 1 500 € en fonctionnement et 500 € en investissement\n- Club des Aînés : 800 €\nAdopté.\n")
    assert [(g.amount, g.nature) for g in find_grants(text).grants] == [
        (Decimal("1500"), "operating"), (Decimal("500"), "investment"), (Decimal("800"), None)]


@pytest.mark.parametrize("title, decision, beneficiary", [
    ("Attribution d'une subvention exceptionnelle à l'association Les Amis de la Maternité",
     "DÉCIDE d'attribuer à cette association une subvention exceptionnelle de 1 200 €.", "Les Amis de la Maternité"),
    ("Subvention 2024 – Association Prévention Suicide Loire",
     "Article 1 : Une subvention de 2 500 € est attribuée à l'association pour l'année 2024.",
     "Association Prévention Suicide Loire"),
    ("Subvention de fonctionnement au Comité des fêtes de Roche", "DÉCIDE d'attribuer une subvention de 800 €.",
     "Comité des fêtes de Roche"),
])
def test_a_decision_that_names_no_beneficiary_grants_the_one_its_title_names(title, decision, beneficiary):
    text = f"Le Conseil municipal, après en avoir délibéré, à l'unanimité,\n\n{decision}\n"
    assert [g.beneficiary for g in find_grants(text, title).grants] == [beneficiary]


@pytest.mark.parametrize("text", [
    "Considérant la demande présentée par l'association Les Amis de la Maternité pour l'achat de matériel,\n\n"
    "Le Conseil municipal, après en avoir délibéré, à l'unanimité,\n\n"
    "DÉCIDE d'attribuer à cette association une subvention exceptionnelle de 1 200 €.\n",
    "L'association Les Amis de la Maternité sollicite une aide pour l'achat de matériel.\n\n"
    "Le Conseil municipal, après en avoir délibéré, DÉCIDE d'attribuer à ladite association une subvention de 1 200 €.\n",
    "L'association Les Amis de la Maternité sollicite une aide.\n\n"
    "Le Conseil municipal DÉCIDE d'attribuer une subvention de 1 200 € à l'association précitée.\n",
])
def test_an_association_named_again_as_this_one_is_the_one_the_text_named_before(text):
    found = find_grants(text, "Santé – soutien à la parentalité")
    assert [(g.beneficiary, g.amount) for g in found.grants] == [("Les Amis de la Maternité", Decimal("1200"))]


def test_a_name_that_a_line_wrap_cut_after_its_given_name_in_a_list_without_civilities_is_whole():
    a = parse_attendance("Présents : Alain BERTHIER, Marc PONCET, Élodie\nREY, Thierry SOULIER\n"
                         "Absents excusés : Rémi VIAL (pouvoir à Marc PONCET)\n")
    assert [p.label for p in a.present] == ["Alain BERTHIER", "Marc PONCET", "Élodie REY", "Thierry SOULIER"]


def test_the_names_of_all_but_that_a_line_wrap_sends_below_are_read():
    a = parse_attendance("Présents : Tous les membres du Conseil Municipal en exercice, à l'exception de M. Jacques "
                         "LE GUEN\nayant donné procuration à M. Yves QUÉRÉ et de Mme Armelle TANGUY.\n")
    assert [(p.giver.label, p.holder.label) for p in a.proxies] == [("Jacques LE GUEN", "Yves QUÉRÉ")]


def test_a_list_written_family_name_first_cut_by_a_line_wrap_before_a_given_name_goes_on():
    a = parse_attendance("Présents : Mesdames et Messieurs FAURE Gérard, BESSON Martine, PERRIN\nSylvie, VIALLON Marc\n"
                         "Absent : M. BLANC Lucien\n")
    assert [p.label for p in a.present] == ["Gérard FAURE", "Martine BESSON", "Sylvie PERRIN", "Marc VIALLON"]


def test_a_married_name_after_a_members_own_is_no_part_of_it():
    a = parse_attendance("Présents : M. Jean DUPONT, Mme Anne MARTIN épouse DURAND, Mme Rose VIAL née FAURE.\n")
    assert [p.label for p in a.present] == ["Jean DUPONT", "Anne MARTIN", "Rose VIAL"]


def test_an_item_of_a_list_named_with_a_civility_that_reads_as_no_name_is_reported_not_dropped(tmp_path):
    a = parse_attendance("Présents : M. Jean DUPONT, M. 1er adjoint, M. le Maire, M. Paul DURAND.\n")
    assert ([p.label for p in a.present], a.unread) == (["Jean DUPONT", "Paul DURAND"], [("present", "M. 1er adjoint")])
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE SAINT-FICTIF\nSéance du 4 juillet 2024\nDélibération n° 2024-40\n"
                    "Présents : M. Jean DUPONT, M. 1er adjoint, M. Paul DURAND.\n"
                    "Le Conseil municipal, après en avoir délibéré, DÉCIDE d'attribuer une subvention de 500 € à "
                    "l'association X.\n", encoding="utf-8")
    assert any("« M. 1er adjoint » ne se lit pas comme un nom" in i.message for i in extract_fixture(path).issues)


def test_a_reference_heading_the_act_is_its_number_and_a_letters_is_not():
    assert find_number("COMMUNE DE X\nSéance du 12 mars 2024\nREF : DEL-2024-045\n\nObjet : Subvention") == \
        "DEL-2024-045"
    assert find_number("N/Réf. : DGS/2024-12\nObjet : Subvention") is None


def test_a_vote_in_a_markdown_table_is_read_across_its_rule():
    vote = parse_vote("Après en avoir délibéré, à l'unanimité,\n\n| Pour | Contre | Abstention |\n|---|---|---|\n"
                      "| 33 | 0 | 0 |\n")
    assert (vote.votes_for, vote.against, vote.abstentions) == (33, 0, 0)


@pytest.mark.parametrize("text, voters", [
    ("Membres présents ou représentés : 29 (présents : 22 ; procurations : 7)", 29),
    ("Nombre de membres présents ou représentés : 57", 57),
    # the voters stated come first
    ("Membres en exercice : 54 – Présents ou représentés : 49 – Votants : 48", 48),
])
def test_the_members_present_or_represented_are_the_voters_when_none_are_stated(text, voters):
    assert parse_attendance(text).vote_count == voters


@pytest.mark.parametrize("text, expected", [
    ("Nombre de conseillers : en exercice : 15 ; presents : 12 ; votants : 14\nDate de la convoquation : 11/10/2024",
     (12, None, dt.date(2024, 10, 11), None)),
    ("Le Conseil municipal, legalement convoque le 30 septembre 2024, s'est reuni sous la presidence de M. Roger "
     "VIGIER, Maire.\nPresents : 8 - Pouvoirs : 1", (8, 1, dt.date(2024, 9, 30), "Roger VIGIER")),
])
def test_a_register_typed_without_accents_gives_its_counts_convocation_and_chair(text, expected):
    a = parse_attendance(text)
    assert (a.present_count, a.proxy_count, a.convened, a.chair and a.chair.label) == expected


@pytest.mark.parametrize("text, in_office", [
    ("Nombre de membres : 130      Présents : 97      Pouvoirs : 21", 130),
    ("Nombre de conseillers : 29 – Présents : 21", 29),
    ("Conseillers en exercice : 11       Présents : 8", 11),
    ("Nombre de membres présents : 15", None),
])
def test_the_members_in_office_are_read_however_the_count_is_labelled(text, in_office):
    assert parse_attendance(text).in_office == in_office


_OPENING = ("Présents : 4 – Pouvoirs : 1 – Votants : 5\nPrésents : M. Paul DURAND, Mme Léa MARTIN, M. Jean ROUX, "
            "Mme Anne VIAL\nPouvoirs : M. Luc FAURE à M. Paul DURAND\nAbsents : Mme Rose PONS, M. Yves GUY\n")


def _moved(text: str) -> tuple:
    """Attendance of ``text`` after its moves: present, absent, proxies' givers, counts; and the warnings."""
    a, warnings = parse_attendance(text), []
    own = number_match(text)
    apply_moves(text, a, own, parse_vote(text, own.start() if own else 0), lambda fr, en: warnings.append(fr))
    return ([p.family for p in a.present], [p.family for p in a.absent], [p.giver.family for p in a.proxies],
            (a.present_count, a.proxy_count, a.vote_count), len(warnings))


@pytest.mark.parametrize("moves, present, absent, proxies, counts", [
    ("Arrivée de Mme Rose PONS à partir du point n° 5 (présents : 5 – votants : 6).\n",
     ["DURAND", "MARTIN", "ROUX", "VIAL", "PONS"], ["GUY"], ["FAURE"], (5, 1, 6)),
    ("Arrivée de Mme Rose PONS à partir du point n° 9.\n",
     ["DURAND", "MARTIN", "ROUX", "VIAL"], ["PONS", "GUY"], ["FAURE"], (4, 1, 5)),
    ("Arrivée de M. Luc FAURE au point 3.\n",
     ["DURAND", "MARTIN", "ROUX", "VIAL", "FAURE"], ["PONS", "GUY"], [], (5, 0, 5)),
    ("M. Jean ROUX a quitté la séance après le vote du point n° 6 et n'a pas donné de procuration.\n",
     ["DURAND", "MARTIN", "VIAL"], ["PONS", "GUY"], ["FAURE"], (3, 1, 4)),
    ("M. Jean ROUX quitte la séance à partir du point 5 et donne pouvoir à Mme Anne VIAL.\n",
     ["DURAND", "MARTIN", "VIAL"], ["PONS", "GUY"], ["FAURE", "ROUX"], (3, 2, 5)),
    ("Arrivée de Mme Rose PONS à la délibération n° 2024-06.\n",
     ["DURAND", "MARTIN", "ROUX", "VIAL", "PONS"], ["GUY"], ["FAURE"], (5, 1, 6)),
    ("M. Jean ROUX quitte la séance après la délibération n° 2024-07.\n",
     ["DURAND", "MARTIN", "ROUX", "VIAL"], ["PONS", "GUY"], ["FAURE"], (4, 1, 5)),
    ("Présents : 3 à partir du point 7.\n", ["DURAND", "MARTIN", "ROUX", "VIAL"], ["PONS", "GUY"], ["FAURE"],
     (3, 1, 5)),
])
def test_a_member_who_arrives_or_leaves_before_the_deliberations_item_is_moved_between_the_lists(
        moves, present, absent, proxies, counts):
    text = _OPENING + moves + "Point n° 7 – Subventions\nDélibération n° 2024-07\nAdopté à l'unanimité.\n"
    assert _moved(text) == (present, absent, proxies, counts, 0)


def test_in_minutes_an_arrival_between_two_items_counts_for_the_later_one_only():
    minutes = _OPENING + "3. Tarifs{}\nAdopté.\nArrivée de Mme Rose PONS à 20 h 45.\n4. Subventions{}\nAdopté.\n"
    fourth = _moved(minutes.format("", " – Délibération n° 2024-04"))
    assert (fourth[0][-1], fourth[3]) == ("PONS", (5, 1, 6))
    assert _moved(minutes.format(" – Délibération n° 2024-03", ""))[3] == (4, 1, 5)


@pytest.mark.parametrize("vote, present_count", [
    ("Adopté par 4 voix pour.", 3),  # the tally leaves out one of the 5 votes stated: she left the room
    ("Adopté par 5 voix pour.", 4),  # the tally counts all 5: the counts say nothing of her leaving
])
def test_a_member_who_leaves_the_room_for_the_vote_is_taken_out_only_when_the_tally_shows_it(vote, present_count):
    text = _OPENING + "Mme Léa MARTIN, présidente du club, quitte la salle et ne prend pas part au vote.\n" + vote
    assert _moved(text)[3][0] == present_count


def test_the_count_of_voters_stated_for_the_item_is_the_deliberations_over_the_sessions():
    text = _OPENING + ("M. Paul DURAND, président du club, ne prend pas part au vote et quitte la salle.\n"
                       "Votants pour ce point : 3\nAdopté à l'unanimité des votants.\n")
    assert _moved(text)[3][2] == 3
    minutes = _OPENING + "3. Tarifs\nVotants pour ce point : 2\nAdopté.\n4. Subventions{}\nAdopté.\n"
    assert _moved(minutes.format(" – Délibération n° 2024-04"))[3][2] == 5


def test_a_move_from_an_item_when_the_deliberations_item_is_unknown_is_reported_and_not_applied():
    text = _OPENING + "Arrivée de Mme Rose PONS à partir du point n° 5.\nDélibération n° 2024-07\nAdopté.\n"
    assert _moved(text)[3:] == ((4, 1, 5), 1)


_SESSION_TEXT = (Path(__file__).parent / "fixtures" / "deliberations" / "commune-depart-avec-pouvoir.txt").read_text(
    encoding="utf-8")


@pytest.fixture(scope="module")
def one_session(tmp_path_factory):
    """Three deliberations of one session, voted before both moves, after a departure, after an arrival too:
    ingested into one store through the real pipeline (SHACL included)."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    root = tmp_path_factory.mktemp("one-session")
    paths = []
    for number in ("2024-018", "2024-021", "2024-024"):
        paths.append(root / f"{number}.txt")
        paths[-1].write_text(_SESSION_TEXT.replace("2024-021", number, 1), encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(root / "data")})
    reports = ingest_paths(store, paths)
    yield store, reports
    store.close()


def _at(one_session, node: str) -> tuple:
    """The counts (present, proxies, votes) and the family names of those present that ``node`` states."""
    from graph.namespaces import sparql_prologue

    def values(prop: str) -> list:
        query = f"SELECT DISTINCT ?v WHERE {{ {node} {prop} ?x OPTIONAL {{ ?x foaf:familyName ?f }} " \
                "BIND(COALESCE(?f, ?x) AS ?v) }"
        return sorted(row[0].toPython() for row in one_session[0].query(sparql_prologue() + query))

    return (values("mai:membersPresent"), values("mai:proxyCount"), values("mai:voteCount"),
            values("mai:present"))


_SESSION_IRI = "<https://w3id.org/maillage/id/session/commune-saint-julien-chaumes-fictif/conseil-municipal/2024-03-21>"
_OPENING_PRESENT = sorted(["BOUSSAC", "DELMAS", "FABRE", "GRANIER", "JOUVE", "LAGARDE", "MOLINIER", "NÈGRE", "PAGÈS",
                           "QUINTARD", "ROUQUETTE", "SABATIER", "TEISSIER"])


def test_the_session_keeps_its_opening_attendance_whatever_item_its_deliberations_are_read_at(one_session):
    assert [r.status for r in one_session[1]] == ["stored"] * 3
    assert _at(one_session, _SESSION_IRI) == ([13], [1], [14], _OPENING_PRESENT)


@pytest.mark.parametrize("number, counts, came, left", [
    ("2024-021", ([12], [2], [14]), [], ["QUINTARD"]),
    ("2024-024", ([13], [2], [15]), ["ALBOUY"], ["QUINTARD"]),
])
def test_a_deliberation_voted_after_members_came_or_left_states_the_attendance_at_its_vote(one_session, number,
                                                                                         counts, came, left):
    node = f"<https://w3id.org/maillage/id/deliberation/commune-saint-julien-chaumes-fictif/{number}>"
    present = sorted({*_OPENING_PRESENT, *came} - set(left))
    assert _at(one_session, node) == (*counts, present)


def test_a_deliberation_voted_with_the_opening_attendance_states_none_of_its_own(one_session):
    node = "<https://w3id.org/maillage/id/deliberation/commune-saint-julien-chaumes-fictif/2024-018>"
    assert _at(one_session, node) == ([], [], [], [])


def test_the_attendance_at_the_vote_of_a_sessions_deliberations_conforms_to_the_shapes(one_session):
    assert [v.message for r in one_session[1] for v in r.violations if v.severity == "Violation"] == []


@pytest.mark.parametrize("text, repaired", [
    ("Séance du l8 mars 2O24, reçu le 22/O3/2024", "Séance du 18 mars 2024, reçu le 22/03/2024"),
    ("2O24\nComité ...... l 200 €\nClub ...... 1 5OO €", "2024\nComité ...... 1 200 €\nClub ...... 1 500 €"),
    ("C0MMUNE, Procurati0ns, 2O24, l0", "COMMUNE, Procurations, 2024, 10"),
    ("Extralt du Conseil Municlpal, exerclce 2O24, l'associatl0n Les Ailes, l2", "Extrait du Conseil Municipal, "
     "exercice 2024, l'association Les Ailes, 12"),
    ("Le 2O24 seul, une fois : l'Île, le lac, W9M1OO5120", "Le 2O24 seul, une fois : l'Île, le lac, W9M1OO5120"),
    ("2O24, l2\n - Transport solidaire ......     300 E\n - Club : 1 200 E ;\n - Classe 5 E, bâtiment E",
     "2024, 12\n - Transport solidaire ......     300 €\n - Club : 1 200 € ;\n - Classe 5 E, bâtiment E"),
    ("Le 2O24 seul.\n - Transport solidaire ...... 300 E", "Le 2O24 seul.\n - Transport solidaire ...... 300 E"),
    ("à I'unanimité : de 4 500 C a I'association ; de l 800 C au titre de I'année ; soit 6 300 C.",
     "à l'unanimité : de 4 500 € a l'association ; de 1 800 € au titre de l'année ; soit 6 300 €."),
    ("de I'Union, I'année : 12 C rue du Port, 20 °C, 2025 Classe C, 300 CV", "de l'Union, l'année : 12 C rue du Port, "
     "20 °C, 2025 Classe C, 300 CV"),
    ("Une seule I'année : 4 500 C a l'association", "Une seule I'année : 4 500 C a l'association"),
])
def test_a_scans_letters_read_for_digits_and_back_are_put_right_only_in_a_text_that_shows_them(text, repaired):
    assert repair_ocr(text)[0] == repaired


def test_a_scan_that_reads_its_euros_as_c_and_its_elisions_with_a_capital_i_gives_its_grants(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_text("CENTRE COMMUNAL D'ACTION SOCIALE DE VILLENEUVE-FICTIF\n\nConseil d'Administration du 12 mars "
                    "2025\nDélibération n° CA-2025-07\n\nOBJET : Subventions de fonctionnement 2025\n\nAprès en "
                    "avoir délibéré, le Conseil d'Administration, à I'unanimité :\n\n- ATTRIBUE une subvention de "
                    "fonctionnement de 4 500 C a I'association Le Relais Fictif ;\n- ATTRIBUE une subvention de "
                    "fonctionnement de l 800 C a I'association Accueil Fictif ;\n", encoding="utf-8")
    extraction = extract_fixture(path)
    facts = deliberation_facts(extraction.graph)
    assert (sorted(facts["grants"]), facts["outcome"]) == (
        [["Accueil Fictif", "1800"], ["Le Relais Fictif", "4500"]], "adopted-unanimously")
    assert [i.message[:60] for i in extraction.issues if "OCR" in i.message] == [
        "texte lu par reconnaissance de caractères (OCR) : 6 lectures"]


def test_amounts_in_cfp_francs_are_reported_not_read_as_grants_in_euros(tmp_path):
    text = tmp_path / "province.txt"
    text.write_text("PROVINCE NORD\n\nASSEMBLÉE DE LA PROVINCE NORD\n\nDÉLIBÉRATION N° 2025-37/APN DU 28 FÉVRIER "
                    "2025\n\nL'ASSEMBLÉE DE LA PROVINCE NORD,\nRéunie en séance publique le 28 février 2025,\n\n"
                    "Article 1er : Des "
                    "subventions sont attribuées aux associations suivantes :\n\n   1°) Association Arts Vivants "
                    "Fictifs : 3 500 000 F CFP ;\n   2°) Festival Fictif : 1 200 000 XPF.\n\nAdoptée à l'unanimité.\n",
                    encoding="utf-8")
    extraction = extract_fixture(text)
    assert list(extraction.graph.subjects(RDF.type, MAI.Grant)) == []
    assert [i.message for i in extraction.issues if "CFP" in i.message] == [
        "montant en francs CFP : non converti, aucune subvention n'en est tirée : « 1°) Association Arts Vivants "
        "Fictifs : 3 500 000 F CFP ; »",
        "montant en francs CFP : non converti, aucune subvention n'en est tirée : « 2°) Festival Fictif : 1 200 000 "
        "XPF. »"]


OA_EXACT = URIRef("http://www.w3.org/ns/oa#exact")


@pytest.mark.parametrize("sentence, grants, said", [
    ("DÉCIDE de verser à l'association Visites Solidaires Fictives la\nsomme de 3 000 au titre de l'année 2025.",
     {("Visites Solidaires Fictives", "3000")}, "montant sans devise : « 3 000 », lu en euros dans une phrase qui "
                                                "l'attribue"),
    ("PREND ACTE que le projet a coûté la somme de 3 000 en 2024.", set(),
     "montant sans devise : « 3 000 », aucune subvention n'en est tirée"),
])
def test_a_sum_with_no_currency_is_said_and_read_as_euros_only_where_it_is_plainly_granted(tmp_path, sentence, grants,
                                                                                            said):
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE LUSSAC-FICTIF\nDélibération n° 2024-50\nSéance du 5 novembre 2024\nObjet : Aides\n"
                    f"Le conseil, après en avoir délibéré, {sentence}\n\nAdopté à l'unanimité.\n", encoding="utf-8")
    extraction = extract_fixture(path)
    graph = extraction.graph
    assert {(str(graph.value(graph.value(g, MAI.beneficiary), RDFS.label)), str(graph.value(g, SCHEMA.amount)))
            for g in graph.subjects(RDF.type, MAI.Grant)} == grants
    assert [i.message for i in extraction.issues if "sans devise" in i.message] == [said]
    # nothing moves in the text: the quotes of what comes after the sum are whole
    assert "Adopté à l'unanimité." in {str(o).strip() for o in graph.objects(None, OA_EXACT)}


def test_an_amount_a_scan_left_unreadable_is_reported_not_read():
    text = "Club de pétanque ...... 2B0 €\nComité ...... 1 200 €, de 300 euros"
    assert unreadable_amounts(text) == ["Club de pétanque ...... 2B0 €"]
@pytest.mark.parametrize("text, in_office", [
    ("Nombre de membres en exercice : 73", 73),
    ("Membres du conseil d'administration : 13\nPrésents : 9", 13),
    ("Membres de l'assemblée : 22\nPrésents : 18\nProcurations : 3", 22),
    ("Nombre de membres du Conseil municipal en fonction : 29", 29),
    ("Conseillers en fonction : 18", 18),
    ("Nombre de délégués titulaires : 16. Présents : 11. Pouvoirs : 2. Votants : 13.", 16),
    ("Membres ayant voix délibérative : 12\nPrésents : 8", 12),
    ("Membres en exercice ayant voix délibérative : 14\nPrésents : 11", 14),
    ("Membres de l'assemblée générale ayant voix délibérative : 9\nPrésents : 7\nReprésentés : 1", 9),
    ("Nombre de membres du Bureau : 12\nPrésents : 8 – Pouvoirs : 2 – Votants : 10", 12),
    ("Nombre de membres composant le Conseil municipal : 29\nNombre de membres présents : 25", 29),
    ("Membres composant le Conseil d'administration : 16\nPrésents : 12", 16),
    ("Les subventions sont calculées en fonction de 3 critères.", None),
])
def test_the_members_in_office_are_read_however_they_are_named(text, in_office):
    assert parse_attendance(text).in_office == in_office


@pytest.mark.parametrize("text", [
    "QUORUM\n| En exercice | Présents | Pouvoirs | Votants |\n| 50 | 41 | 5 | 46 |\n",
    "En exercice      Présents      Pouvoirs      Votants\n    50              41             5            46\n",
])
def test_the_counts_set_out_as_a_row_of_labels_over_a_row_of_figures_are_read(text):
    a = parse_attendance(text)
    assert (a.in_office, a.present_count, a.proxy_count, a.vote_count) == (50, 41, 5, 46)


def test_the_counts_in_a_left_margin_column_beside_the_prose_are_read():
    a = parse_attendance("Nombre de membres        Séance du 14 juin 2024\n"
                         "afférents au Conseil     L'an deux mil vingt-quatre et le quatorze juin, le Conseil\n"
                         "Municipal : 11           Municipal de cette commune, régulièrement convoqué, s'est\n"
                         "en exercice : 11         réuni au nombre prescrit par la loi, dans le lieu habituel de\n"
                         "qui ont pris part        ses séances, sous la présidence de Mme Odile VIGIER-FICTIVE,\n"
                         "à la délibération : 10   Maire.\n")
    assert (a.in_office, a.vote_count) == (11, 10)


@pytest.mark.parametrize("text, number", [
    ("Vu la loi n° 2000-321 du 12 avril 2000 ;\nN° d'ordre : 31\n", "31"),
    ("Vu le règlement (UE) n° 1407/2013 ;\nDélibération n° CP/2024-04/12.07\n", "CP/2024-04/12.07"),
    ("DELIBERATION N°2014/159", "2014/159"),
    ("Délibération n° CP-2023-045 : Santé", "CP-2023-045"),
    ("Conseil municipal du 28/03/2024\n      Délibération DCM-2024-03-07\nArrivée au point n° 5\n", "DCM-2024-03-07"),
    ("Arrivée de Mme PIVERT au point n° 5.\n      Délibération DCM-2024-03-07\n", "DCM-2024-03-07"),
    ("Arrivée de Mme PIVERT au point n° 5.\nObjet : Subventions\n", None),
    ("Conseil municipal                  Délibération : 2024-089\nObjet : Subventions (délibération modificative de "
     "la délibération n° 2024-021 du 28 mars 2024)", "2024-089"),
    ("DÉCISION PRISE PAR DÉLÉGATION DU CONSEIL (délibération n° 2020-07-45 du 16 juillet 2020)\n\nN° B-2024-118\n",
     "B-2024-118"),
    ("Par délibération n° D2024_022 du 26 mars 2024, le Conseil a attribué…\nActe n° D2024_061", "D2024_061"),
    ("CONSEIL D'ADMINISTRATION DU 03.10.2024\n              Délib. CA 24/031\n", "CA 24/031"),
    ("Délibération du 12 mars 2024\nN° 2024-12", "2024-12"),
    ("Objet : Subvention au club\nVu la loi n° 2000-321 du 12 avril 2000 ;\nVu le décret n° 2001-495 du 6 juin 2001 ;",
     None),
    ("                                        DSSJ/2024/1027\nDÉPARTEMENT DU NORD\nCOMMISSION PERMANENTE\n",
     "DSSJ/2024/1027"),
    ("                    2024/4512\nVILLE DE LYON\nSéance du 26 septembre 2024\n", "2024/4512"),
    ("Conseil de Paris\nSéance des 19 et 20 novembre 2024\n2024 DASES 187 Subvention (22 000 euros) à l'association\n"
     "Vu la loi n° 2000-321 du 12 avril 2000 ;\n", "2024 DASES 187"),
    ("CONTRAT LOCAL DE SANTÉ\n2023-2028\nSéance du\n14/10/2024\nLe Conseil", None),
    ("Département de l'Isère\nCOMMISSION PERMANENTE DU 22 NOVEMBRE 2024\nDossier N° 2024 C11 B 08 53\n",
     "2024 C11 B 08 53"),
    ("DÉLIBÉRATION N° 2024-087 DU 4 OCTOBRE 2024\n", "2024-087"),
    # a report's number on the line above, and a directorate's code after a slash
    ("COMMISSION PERMANENTE\nRéunion du 6 décembre 2024\n\nRapport n° 2024/CP/412\nDélibération n° 2024.00412/CP\n",
     "2024.00412/CP"),
    ("Délibération n° 2024/CP/412\nObjet : Santé\n", "2024/CP/412"),
    # an authority's acronym heading the number, a law named in the prose before it, a rank in brackets
    ("SYNDICAT MIXTE\nSéance du 27 janvier 2025 — Délibération n° SMEMLA/2025/004\nLe Président rappelle que la "
     "loi n° 2005-95 du 9 février 2005 permet…", "SMEMLA/2025/004"),
    ("Le Président rappelle que la loi n° 2005-95 du 9 février 2005 permet…\nDélibération n° SMX/2025/004\n",
     "SMX/2025/004"),
    ("Le Président rappelle que la loi n° 2005-95 du 9 février 2005 permet…\nObjet : Eau", None),
    ("DÉPARTEMENT DES LANDES-FICTIVES\nRéunion du 27 mars 2025\n\nN° E 3(1)\n\nObjet : Santé\n\n"
     "VU la loi n° 2005-95 du 9 février 2005 ;\n", "E 3(1)"),
    # "no" in a month's name is no "n°"
    ("DÉLIBÉRATION DU BUREAU DU 7 NOVEMBRE 2024\nObjet : Santé", None),
    # "N° de délibération" heads the act's number, not an invoice's that the decision names before it
    ("COMITÉ DE DIRECTION\nN° de délibération : OT-2025-003\nObjet : Manifestations\n2°) de régler la facture "
     "n° 2024-311 relative au guide\n", "OT-2025-003"),
    # a number whose parts dots part, its organ's code first
    ("COMMISSION PERMANENTE\nDélibération n° CP.2025-02-03.4-12\nObjet : Santé mentale\n", "CP.2025-02-03.4-12"),
    # the authority's and its organ's codes first
    ("CENTRE COMMUNAL D'ACTION SOCIALE DE FICTIVILLE\n\nDÉLIBÉRATION N° CCAS-CA-2025-09\n\nObjet : Aidants\n",
     "CCAS-CA-2025-09"),
    ("Délibération n° DEL/CM/2025/112\nObjet : Santé\n", "DEL/CM/2025/112"),
    # a label with its colon heading the line
    ("COMMUNE DE FICTIVILLE\nSéance du 29 septembre 2025\nNuméro : CM-2025-09-29-17\nObjet : Santé\n",
     "CM-2025-09-29-17"),
    # a part in capitals that ends in figures, as the Collectivité de Corse numbers its executive's acts
    ("CONSEIL EXÉCUTIF DE CORSE\nDÉLIBÉRATION N° 2025/E3/112 DU CONSEIL EXÉCUTIF DE CORSE\n", "2025/E3/112"),
    # a beneficiary's account number under its name in a list, before the number alone in the heading is found
    ("VILLE DE FICTIVILLE\n\nSéance du 4 avril 2025\n\n25/0214/VDV\n\nObjet : Subventions\n\n"
     "            Association Bêta\n            Tiers n° 098765 – Dossier EX025471\n", "25/0214/VDV"),
    ("Commune de Laroquebrou\nSéance du 14 juin 2024\n\nObjet : 2024-031 - Subvention au Comité des fêtes\n",
     "2024-031"),
    ("Ville de Marseille\nDélibération du Conseil Municipal du 4 octobre 2024\n24/0519/VDV\n\nLE CONSEIL MUNICIPAL",
     "24/0519/VDV"),
    # a number opening the line of the act's title
    ("Commune de Plouzevede-Fictif\nSeance du 18 octobre 2024\n2024-059 - Subventions diverses\nLe conseil", "2024-059"),
    ("Commune de Plouzevede-Fictif\nSeance du 18 octobre 2024\n2024-2025 - Programme d'actions\nLe conseil", None),
    ("Commune de Plouzevede-Fictif\nSeance du 18 octobre 2024\n" + "Present : M. Yves GUILLERM-FICTIF\n" * 12
     + "\n2024-059 - Subventions diverses\nLe conseil", "2024-059"),
])
def test_the_deliberations_own_number_is_read_not_that_of_an_act_it_cites(text, number):
    assert find_number(text) == number


def test_a_number_heading_the_object_is_no_part_of_the_title():
    assert find_title("Objet : 2024-031 - Subvention au Comité des fêtes\n\nAprès", None, 0)[0] == (
        "Subvention au Comité des fêtes")


def test_a_deliberation_without_a_number_says_so_and_keeps_its_files_name_as_identifier(tmp_path):
    text = tmp_path / "sans-numero.txt"
    text.write_text("COMMUNE DE ROZIER-FICTIF\nSéance du 14 juin 2024\n\nObjet : Subvention au Comité des fêtes\n\n"
                    "Après en avoir délibéré, le Conseil municipal DÉCIDE d'attribuer une subvention de 500 € au "
                    "Comité des fêtes.\n", encoding="utf-8")
    extraction = extract_fixture(text)
    assert [i.message for i in extraction.issues if "numéro" in i.message] == [
        "numéro de la délibération introuvable : elle est identifiée par le nom de son fichier « sans-numero-txt »"]
    assert [str(n) for n in extraction.graph.objects(None, DCTERMS.identifier)] == ["sans-numero-txt"]


@pytest.mark.parametrize("text, title", [
    ("Objet : Attribution de subventions aux associations\nMonsieur le Maire rappelle que la commune soutient\n",
     "Attribution de subventions aux associations"),
    ("Objet : Subvention exceptionnelle à l'association\nLes Amis du Vélo\n\nVu", "Subvention exceptionnelle à "
     "l'association Les Amis du Vélo"),
    ("Objet : SUBVENTIONS AUX\nASSOCIATIONS SPORTIVES\nLe Conseil municipal", "SUBVENTIONS AUX ASSOCIATIONS SPORTIVES"),
])
def test_a_one_line_title_does_not_take_the_first_sentence_a_pdf_sets_below_it(text, title):
    assert find_title(text, None, 0)[0] == title


def test_a_title_does_not_take_the_rapporteur_or_number_line_below_it():
    assert find_title("Objet : Subvention au club\nRapporteur : M. Jean DUPONT\n", None, 0)[0] == "Subvention au club"
    assert find_title("Objet : Subventions\nDélibération n° 2024-10-08\n\nLe Conseil", None, 0)[0] == "Subventions"
    assert find_title("Objet : Modification de la\ndélibération du 12 mars 2024\n\nLe", None, 0)[0] == (
        "Modification de la délibération du 12 mars 2024")
    assert find_title("Objet : Subvention au club de football\ndu quartier nord\n\nVu", None, 0)[0] == (
        "Subvention au club de football du quartier nord")


@pytest.mark.parametrize("text, title", [
    ("Secrétaire de séance : Mme Anne LEROUX\n\nPoint n° 7 – Vie associative – Convention avec Familles Rurales\n\n"
     "Rapporteur : Mme Sylvie HUMEAU\n", "Vie associative – Convention avec Familles Rurales"),
    ("Secrétaire de séance : Mme Fanny ROQUES\n\nSPORTS – SUBVENTIONS EXCEPTIONNELLES AUX CLUBS SPORTIFS\n\n"
     "Rapporteur : M. Thomas ALIBERT\n", "SPORTS – SUBVENTIONS EXCEPTIONNELLES AUX CLUBS SPORTIFS"),
    ("OBJET : CONTRAT LOCAL DE SANTÉ – PRÉVENTION DU MAL-ÊTRE EN MILIEU AGRI-\nCOLE – FICHE-ACTION\n\nVu",
     "CONTRAT LOCAL DE SANTÉ – PRÉVENTION DU MAL-ÊTRE EN MILIEU AGRICOLE – FICHE-ACTION"),
    ("RAPPORT : FORMATION PROFESSIONNELLE, ORIENTATION ET EMPLOI\n\nLA COMMISSION PERMANENTE,",
     "FORMATION PROFESSIONNELLE, ORIENTATION ET EMPLOI"),
])
def test_a_title_is_read_from_a_heading_without_objet(text, title):
    assert find_title(text, None, 0)[0] == title


@pytest.mark.parametrize("text, title", [
    # the number's line, wrapped after a dash, a little word, or before the act it modifies
    ("Délibération n° 2023-087 : Attribution d'une subvention à l'association Les Petits Pas –\nAccueil "
     "parents-enfants\nLe Maire expose que", "Attribution d'une subvention à l'association Les Petits Pas – Accueil "
     "parents-enfants"),
    ("Délibération n° 23.06.14\nRapport n° 14 – Santé : Aides à l'installation et aux\ncentres de santé\nLe "
     "Conseil régional, réuni", "Santé : Aides à l'installation et aux centres de santé"),
    # a line that ends the title whole is no part of the next
    ("Délibération n° 2023-087 : Attribution d'une subvention à l'association Les Petits Pas\nLe Maire expose que",
     "Attribution d'une subvention à l'association Les Petits Pas"),
])
def test_a_title_that_a_pdf_wrapped_on_its_numbers_line_goes_on_below(text, title):
    line_end = text.index("\n")
    assert find_title(text, line_end if text.startswith("Délibération n° 2023") else None, 0)[0] == title


def test_fiches_that_a_pdfs_text_gives_without_blank_lines_between_them_are_each_a_grant():
    text = ("ARTICLE 1 : ATTRIBUE les participations suivantes au titre de l'exercice 2025 :\n"
            "Association : Prévention Routière et Santé des Jeunes\nAction : ateliers\nMontant : 3.500,00 €\n"
            "Association : Réseau Diabète Orze\nAction : éducation thérapeutique\nMontant : 7.200,00 €\n"
            "Association : Les Aidants du Val\nAction : café des aidants\nMontant : 1.800,00 €\n\nARTICLE 2 : …\n")
    assert [(g.beneficiary, g.amount) for g in find_grants(text).grants] == [
        ("Prévention Routière et Santé des Jeunes", Decimal("3500.00")), ("Réseau Diabète Orze", Decimal("7200.00")),
        ("Les Aidants du Val", Decimal("1800.00"))]


def test_a_financing_plans_line_that_a_pdf_wrapped_after_a_semicolon_gives_its_share():
    from graph.ingest.delib_funding_lines import financing_line_grants
    from graph.ingest.delib_columns import ColumnHints
    from graph.ingest.delib_grants import GrantsFound

    found = GrantsFound()
    financing_line_grants("• Centre social du Val – « Marche nordique » : coût total 7 200 € ; CAF 2 000 € ;\n"
                          "PETR 2 800 €.\n• Association Aidants – « Café » : coût 12 600 € ; ARS 5 000 € ; PETR 4 200 €.\n",
                          found, ColumnHints("PETR DU PAYS DES MAUGES-FICTIF"))
    assert [(g.beneficiary, g.amount) for g in found.grants] == [("Centre social du Val", Decimal("2800")),
                                                                 ("Association Aidants", Decimal("4200"))]


@pytest.mark.parametrize("text, names", [
    # the list of names that a PDF's line wrap sent on below
    ("- attribue une subvention de 1 500 € à chacune des associations suivantes : Les Petits Débrouillards\n"
     "Sud-Lorvane, Maison des jeunes du Moulin, Boxing Club des Trois Cités ;\n- dit que la dépense …\n",
     ["Les Petits Débrouillards Sud-Lorvane", "Maison des jeunes du Moulin", "Boxing Club des Trois Cités"]),
    # a sentence below the list is none of its names
    ("une subvention de 1 500 € à chacune des associations suivantes : Les Aidants, Club Santé et Amis du Gier\n"
     "Le Conseil autorise le Maire.\n", ["Les Aidants", "Club Santé", "Amis du Gier"]),
])
def test_the_names_of_one_amount_each_that_a_line_wrap_sends_below_are_read_whole(text, names):
    from graph.ingest.delib_several import each_grants

    assert [g.beneficiary for g in each_grants(text)] == names


def test_a_heading_in_capitals_between_a_sentence_and_the_report_is_the_title_without_blank_lines():
    text = ("Présents : Tous les membres.\nM. Yves QUÉRÉ est élu secrétaire de l'assemblée.\n"
            "ATTRIBUTION D'UNE SUBVENTION À L'ASSOCIATION DES AIDANTS\nLe Conseil Municipal, après en avoir délibéré,\n")
    assert find_title(text, None, 0)[0] == "ATTRIBUTION D'UNE SUBVENTION À L'ASSOCIATION DES AIDANTS"


@pytest.mark.parametrize("text, count", [
    ("M. le Maire ouvre la séance. Avec 26\nmembres présents, le quorum est atteint.\n", 26),
    # a label on the next line is no count's words
    ("Nombre de membres en exercice : 40\nPrésents ou représentés : 36\n", None),
])
def test_a_count_before_its_words_over_a_line_end(text, count):
    assert parse_attendance(text).present_count == count


def test_a_title_after_a_directorates_number_is_read_and_a_number_alone_gives_none():
    body = ("Conseil de Paris\n2024 DASES 187 Subventions (9 500 euros) et conventions avec deux associations œuvrant "
            "dans\nle champ de la santé mentale (10e, 11e)\nPROJET DE DÉLIBÉRATION\n")
    assert find_title(body, body.index("\nle champ"), 0)[0] == (
        "Subventions (9 500 euros) et conventions avec deux associations œuvrant dans le champ de la santé mentale "
        "(10e, 11e)")
    body = ("Conseil de Paris\n2024 DASES 212 Subvention (15 000 euros) et convention avec l'association « Les Ateliers "
            "de la\nGoutte-Fictive » (18e)\nPROJET DE DÉLIBÉRATION\nMesdames, Messieurs,\n")
    assert find_title(body, body.index("\nGoutte"), 0)[0] == (
        "Subvention (15 000 euros) et convention avec l'association « Les Ateliers de la Goutte-Fictive » (18e)")
    body = "          2024/4512\nVILLE DE LYON\nSéance du 26 septembre 2024\n\nLe Conseil municipal,"
    assert find_title(body, body.index("\nVILLE"), 0) is None


@pytest.mark.parametrize("body", [
    "DÉLIBÉRATION N° 2024.2511.CP\n\nDÉCIDE\n\n- D'ATTRIBUER aux bénéficiaires ci-après les aides suivantes :\n",
    "Délibération n° 2024-C11-0853\n\nBénéficiaire                      Projet                     Coût HT    Aide\n"
    "Commune de Mens-Fictive           Télémédecine en mairie      74 000    37 000\n\nLa commission permanente",
    "Dossier N° 2024 C11 B 08 53\nDélibération du 22 novembre 2024\n\nLa commission permanente, après",
])
def test_the_decisions_word_a_tables_row_or_the_acts_date_below_the_number_is_no_title(body):
    assert find_title(body, body.index("\n"), 0) is None


def test_the_councils_sentence_in_capitals_is_no_title():
    body = ("Ville de Marseille\n24/0519/VDV\n\nLE CONSEIL MUNICIPAL DE MARSEILLE\nOUI LE RAPPORT CI-DESSUS\n\n"
            "DELIBERE\n")
    assert find_title(body, None, 0) is None


def test_a_title_before_the_number_on_its_line_is_read():
    body = "1. Approbation du procès-verbal\n4. Subventions aux associations 2024 – Délibération n° 2024-031\nSur"
    assert find_title(body, body.index("\nSur"), 0)[0] == "Subventions aux associations 2024"


def test_a_title_in_a_column_of_a_two_column_heading_leaves_the_other_column_out():
    body = ("DÉLIBÉRATION N° B-2024-074                 Nombre de membres :\n"
            "Objet : Subventions aux associations de    - présents : 5\n"
            "sapeurs-pompiers pour l'année 2025         - pouvoirs : 2\n\nLe Bureau, après en avoir délibéré")
    assert find_title(body, 26, 0)[0] == "Subventions aux associations de sapeurs-pompiers pour l'année 2025"


def test_two_columns_of_prose_flattened_line_by_line_are_read_column_by_column():
    text = ("Objet : Prévention\n\n"
            "Exposé                                          Le Conseil municipal, après en avoir\n"
            "La commune aide depuis 2019 les acteurs de      délibéré, à l'unanimité :\n"
            "la prévention des chutes des aînés. Le coût     1° attribue une subvention de 2 300 € à\n"
            "du programme 2025 est de 19 000 €.              l'association Vernoise Équilibre ;\n"
            "                                                2° attribue une subvention de 700 € à\n"
            "                                                l'association Pas à Pas Vernois.\n")
    body = normalise_text(text).body
    assert "Le coût\ndu programme 2025 est de 19 000 €.\n\nLe Conseil municipal, après en avoir\ndélibéré" in body
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(body).grants] == [
        ("Vernoise Équilibre", "2300"), ("Pas à Pas Vernois", "700")]


@pytest.mark.parametrize("text", [
    # a table of names and purposes, each cell wrapped
    "Association Vernoise Équilibre              ateliers de prévention des chutes, de\n"
    "                                            l'équilibre et de la marche ;\n"
    "Association Pas à Pas Vernois               promenades accompagnées des aînés, une\n"
    "                                            fois par semaine, et goûters ;\n"
    "Club des Aînés de la Vesle                  transport solidaire vers les marchés.\n",
    # a heading's two blocks
    "COMMUNE DE VERNES-FICTIVE                       EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\n"
    "Département de la Marne                         DU CONSEIL MUNICIPAL\n"
    "Conseillers en exercice : 15                    Séance du 6 octobre 2025\n"
    "Présents : 12                                   Convocation du 29 septembre 2025\n",
])
def test_lines_in_two_columns_that_are_not_both_prose_stay_as_they_stand(text):
    assert normalise_text(text).body == text.strip("\n")


PLENARY = ("CONSEIL DÉPARTEMENTAL DES CÔTES-FICTIVES\n\nASSEMBLÉE DÉPARTEMENTALE\nRéunion des 9 et 10 décembre 2024\n\n"
           "Délibération n° 2024-BP-3.2-014\nConseillers départementaux en exercice : 54\n\n"
           "Objet : Dotations complémentaires aux collèges publics\n\nL'Assemblée départementale,\n\n"
           "Vu le Code de l'éducation ;\n\n{decides}\n\n- d'allouer au collège Jean-Monnet une dotation de 4 350 €.\n")


@pytest.mark.parametrize("text, verdict", [
    (PLENARY.format(decides="DÉCIDE"), True),
    (PLENARY.format(decides="PROPOSE"), False),
    ("Données publiques ouvertes – Fiche métadonnées\n* TITRE : Délibérations du Conseil Municipal\n* DESCRIPTION : "
     "Le Conseil municipal règle par ses délibérations les affaires de la commune ; membres en exercice, séances.\n",
     False),
    ("VILLE DE LILLE-FICTIVE                                       CONSEIL MUNICIPAL\n"
     "                                                             SEANCE DU 15 NOVEMBRE 2024\n\n"
     "1°) ATTRIBUER une subvention d'équipement de 40 000 € à la SISA Les Soignants du Faubourg ;\n\n"
     "Présents : 48         Représentés : 10        Absents : 3        En exercice : 61\n\n"
     "Vote : Pour : 50      Contre : 5      Abstentions : 3\n\nAdopté\n", True),
    ("RÉGION BRETAGNE\nCOMMISSION PERMANENTE DU CONSEIL REGIONAL\nDELIBERATION\n\nLe Conseil régional s'est réuni."
     "\n\nEt après avoir délibéré ;\n- d'ATTRIBUER à l'association Bretagne Santé Rurale 20 000 €.\n", True),
])
def test_a_plenarys_act_is_a_deliberation_though_it_names_no_seance_nor_formula(text, verdict):
    assert looks_like_deliberation(text) is verdict


@pytest.mark.parametrize("headers, column", [
    (["Association", "Attribué en 2023", "Proposé pour 2024"], 2),
    (["Association", "Attribué en 2024", "Proposé pour 2023"], 1),
    (["Bénéficiaire", "Montant demandé", "Montant proposé"], 2),
    (["Association", "Subvention 2023", "Subvention 2024"], 2),
    (["Association", "Alloué 2023", "Sollicité", "Octroyé 2024"], 3),
    (["Association", "Montant", "Montant versé en 2023"], 1),
    (["Association", "Subvention", "Rappel subvention 2024"], 1),
    (["Association", "Montant", "Pour mémoire montant 2023"], 1),
])
def test_of_a_tables_amount_columns_the_decided_one_of_the_latest_year_is_read(headers, column):
    assert choose_amount_column(headers) == column


def test_a_fonds_de_concours_column_beside_the_cost_of_each_operation_is_the_grants_one():
    found = find_grants("DÉCIDE d'attribuer les fonds de concours suivants :\n"
                        "Projet                  Commune maître d'ouvrage      Coût HT       Fonds de concours\n"
                        "Centre de santé         Commune de Varennes-Fictive   420 000 €     42 000 €\n"
                        "Cabinet médical         Commune de Dombasle-Fictive   180 000 €     18 000 €\n"
                        "                                                      Total         60 000 €\n")
    assert [(g.beneficiary, str(g.amount), g.purpose) for g in found.grants] == [
        ("Commune de Varennes-Fictive", "42000", "Centre de santé"),
        ("Commune de Dombasle-Fictive", "18000", "Cabinet médical")]
    assert [str(t.amount) for t in found.totals] == ["60000"]


FINANCING_PLAN = """{heading}
Conseil du 2 avril 2024
{said}
Porteur                                   Coût total      État     Agglo     Ville
Association Pierre Blanche-Fictive            24 000     8 000     4 000     6 000
Centre social Les Trois Cités                 15 500     5 000     2 000     4 500
TOTAL                                         39 500    13 000     6 000    10 500
"""


@pytest.mark.parametrize("heading, said, grants", [
    ("VILLE DE TESTVILLE-FICTIVE", "Le Conseil ATTRIBUE les subventions suivantes :", ["6000", "4500"]),
    ("COMMUNAUTÉ D'AGGLOMÉRATION DU GRAND TEST", "Le Conseil ATTRIBUE les subventions suivantes :",
     ["4000", "2000"]),
    ("RÉGION TESTIE", "Le Conseil ATTRIBUE les subventions figurant dans la colonne « Ville » :", ["6000", "4500"]),
    ("RÉGION TESTIE", "Seule la colonne Agglo fait l'objet de la présente délibération.", ["4000", "2000"]),
])
def test_of_a_financing_plans_columns_the_one_the_text_names_or_else_the_authoritys_holds_the_grants(
        heading, said, grants):
    found = find_grants(FINANCING_PLAN.format(heading=heading, said=said))
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [
        ("Association Pierre Blanche-Fictive", grants[0]), ("Centre social Les Trois Cités", grants[1])]
    assert [t.reconciled for t in found.totals] == [True]


@pytest.mark.parametrize("authority, grants", [
    ("PÔLE D'ÉQUILIBRE TERRITORIAL ET RURAL DU PAYS DES COTEAUX-FICTIF", [
        ("Association Coteaux Nutrition", "5000", "project", "« Bien manger à petit prix »"),
        ("Centre socioculturel Val-d'Aubance", "3500", "project", "« Bouger après 60 ans »")]),
    ("VILLE DE SAINT-AUBANCE-FICTIVE", []),
])
def test_a_financing_plan_on_a_line_gives_the_authoritys_own_share_as_the_grant(authority, grants):
    found = find_grants(f"{authority}\nLe comité de pilotage a retenu les projets suivants, que le PETR cofinance :\n\n"
                        "• Association Coteaux Nutrition – « Bien manger à petit prix » : coût total 18 400 € ; "
                        "ARS 6 000 € ; PETR 5 000 €.\n"
                        "• Centre socioculturel Val-d'Aubance – « Bouger après 60 ans » : coût total 9 800 € ; "
                        "MSA 2 500 € ; PETR 3 500 €.\n")
    assert [(g.beneficiary, str(g.amount), g.nature, g.purpose) for g in found.grants] == grants


def test_a_column_of_a_year_before_the_grants_one_is_not_the_decided_one():
    found = find_grants("Au titre de l'exercice 2024, le Conseil ATTRIBUE les subventions suivantes :\n\n"
                        "| Association | Montant alloué pour 2023 | Montant proposé |\n|---|---|---|\n"
                        "| Club de judo | 800 € | 1 000 € |\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Club de judo", "1000")]


@pytest.mark.parametrize("header", [
    "Association                                   Alloué 2023   Sollicité   Octroyé 2024\n",
    "                                              Montant alloué    Montant     Montant\n"
    "                                              pour 2023        sollicité   octroyé 2024\n",
])
def test_of_a_tables_columns_of_several_years_the_one_granted_for_the_deliberations_year_is_read(header):
    found = find_grants("Séance du 5 avril 2024 – budget 2024\nIl est proposé d'attribuer les subventions suivantes :\n"
                        + header
                        + "Association Alsace Air Santé-Fictive            8 000 €        12 000 €     10 000 €\n"
                          "Association Vélo-Santé Rhénan                   2 000 €         2 500 €      2 500 €\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [
        ("Association Alsace Air Santé-Fictive", "10000"), ("Association Vélo-Santé Rhénan", "2500")]


@pytest.mark.parametrize("text, account", [
    ("Les crédits sont inscrits au c/6574 du budget 2024.", "6574"),
    ("Imputation : 65-6574-025.", "6574"),
    ("Dit que les crédits sont inscrits au chapitre 204, article 2041412.", "2041412"),
    ("Dépense imputée sur le compte SERV/65748/PROCE.", "65748"),
    ("ATTRIBUE les subventions suivantes au titre de l'exercice 2025 (imputation 65-6574) :", "6574"),
    ("Imputation 204 – 20421.", "20421"),
])
def test_the_budget_account_is_read_however_it_is_written(text, account):
    assert find_budget_account(text)[1] == account


@pytest.mark.parametrize("text", [
    "ATTRIBUE les subventions suivantes :\n   ▪ Santé Péi : 6 000 € ;\n"
    "   ▪ Répit Ouest : 20 000 € (vingt mille euros).",
    "ATTRIBUE les subventions suivantes :\n   ▪ Club Ouest : 600 € (six cents euros) ;\n"
    "   ▪ Club Est : 900 € (neuf cents euros).",
])
def test_an_amount_in_words_after_its_figures_agrees_with_them_whole(text):
    assert find_grants(text).warnings == []


@pytest.mark.parametrize("text, organ", [
    ("REGISTRE DES DÉLIBÉRATIONS DU CONSEIL DE COMMUNAUTÉ", "Conseil Communautaire"),
    ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL DE LA MÉTROPOLE", "Conseil Métropolitain"),
    ("Le Conseil d'agglomération, après en avoir délibéré", "Conseil Communautaire"),
    ("DÉPARTEMENT DE LA MAYENNE\n   CONSEIL DÉPARTEMENTAL\n   COMMISSION PERMANENTE - RÉUNION DU 8 JUILLET 2024\n"
     "Rapport n° 4.19\nLa Commission permanente du Conseil départemental, réunie…", "Commission Permanente"),
    ("COMMISSION PERMANENTE DU CONSEIL RÉGIONAL\nRéunion du vendredi 19 avril 2024\n", "Commission Permanente"),
    ("CONSEIL DÉPARTEMENTAL DE LA SEINE-FICTIVE\nDÉLIBÉRATION n° 03-12\nDE LA COMMISSION PERMANENTE\n"
     "Réunion du 7 novembre 2024\nLa commission permanente du Conseil départemental,\nVu la délibération du Conseil "
     "départemental portant délégation à la commission permanente,\naprès en avoir délibéré", "Commission Permanente"),
    ("RÉGION BRETAGNE\nn°24_0305_09\nCOMMISSION PERMANENTE DU CONSEIL REGIONAL\n2 décembre 2024\nDELIBERATION\n\n"
     "Le Conseil régional convoqué par son Président le 15 novembre 2024, s'est réuni le lundi 2 décembre\n2024",
     "Commission Permanente"),
    ("ÉTABLISSEMENT PUBLIC TERRITORIAL EST-FICTIF\n\nCONSEIL DE TERRITOIRE\nSéance du mardi 24 septembre 2024\n",
     "Conseil de Territoire"),
    ("EUROMÉTROPOLE DE VERLAC-FICTIVE\nExtrait du registre des délibérations du Conseil de l'Eurométropole\n",
     "Conseil Métropolitain"),
    ("Conseil de Paris\nSéance des 19, 20 et 21 novembre 2024\n", "Conseil de Paris"),
    # a mairie d'arrondissement's council, though its city's council is named first, in the sentence it opines on
    ("VILLE DE LYON-FICTIF\nMAIRIE DU 3e ARRONDISSEMENT\n\nCONSEIL D'ARRONDISSEMENT\n\nSéance du 5 mai 2025\n\n"
     "Le Conseil municipal se prononcera sur les subventions.\nLE CONSEIL D'ARRONDISSEMENT, APRÈS EN AVOIR DÉLIBÉRÉ,",
     "Conseil d'Arrondissement"),
    ("SYNDICAT DÉPARTEMENTAL D'ÉNERGIE DE LA SAUVINE           BUREAU SYNDICAL DU 14 JANVIER 2025\n"
     "Vu la délibération du Comité syndical n° CS-2024-055 du 10 décembre 2024 ;\nLe Bureau syndical, après en avoir "
     "délibéré", "Bureau Syndical"),
    ("COLLECTIVITÉ TERRITORIALE DE SAINT-PIERRE-ET-MIQUELON\nCONSEIL TERRITORIAL\nSéance du 12 septembre 2024\n"
     "Le Conseil territorial de Saint-Pierre-et-Miquelon, après en avoir délibéré", "Conseil Territorial"),
    ("CAISSE DES ÉCOLES DE VILLEURBANNE-FICTIVE\nCOMITÉ DE LA CAISSE DES ÉCOLES\nSéance du jeudi 17 octobre 2024\n",
     "Comité de la Caisse des écoles"),
    ("CHAMBRE D'AGRICULTURE DE LA HAUTE-SAUVINE\nSESSION DU 25 NOVEMBRE 2024\nLe Bureau propose de maintenir les "
     "montants.\nLa Session, après en avoir délibéré, à l'unanimité", "Session"),
    ("COLLECTIVITÉ TERRITORIALE DE LA SAUVINE\nCONSEIL EXÉCUTIF DE LA SAUVINE\nLe Conseil exécutif s'est réuni",
     "Conseil Exécutif"),
    ("COLLECTIVITÉ DE CORSE\nASSEMBLÉE DE CORSE\nDÉLIBÉRATION N° 24/157 AC DE L'ASSEMBLÉE DE CORSE\n"
     "SÉANCE DU 24 OCTOBRE 2024\n\nL'ASSEMBLÉE DE CORSE\nSUR rapport du Président du Conseil exécutif de Corse,\n"
     "APRÈS EN AVOIR DÉLIBÉRÉ", "Assemblée de Corse"),
    ("COLLECTIVITÉ TERRITORIALE DE MARTINIQUE\nAssemblée de Martinique\nSur le rapport du Président du Conseil "
     "exécutif,\nL'Assemblée de Martinique, après en avoir délibéré", "Assemblée de Martinique"),
    ("NOUVELLE-CALÉDONIE\nPROVINCE NORD\n\nASSEMBLÉE DE LA PROVINCE NORD\n\nDÉLIBÉRATION N° 2025-37/APN DU 28 "
     "FÉVRIER 2025\n\nL'ASSEMBLÉE DE LA PROVINCE NORD,\nRéunie en séance publique le 28 février 2025",
     "Assemblée de la Province Nord"),
    ("COMMUNAUTÉ D'AGGLOMÉRATION DU VAL\nDÉCISION DU PRÉSIDENT N° DP-2024-0318\nprise en vertu de la délégation du "
     "Conseil communautaire\nObjet : Subvention\nVu la délibération du Conseil communautaire du 15 juillet 2020 ;\n"
     "DÉCIDE\nIl sera rendu compte de la présente décision au Conseil communautaire lors de sa prochaine séance.",
     "Président"),
    ("COMMUNE DE ROCHE-VERNAZ\nDÉCISION DU MAIRE N° 2024-07\nVu la délibération du Conseil municipal donnant "
     "délégation au Maire ;\nDÉCIDE", "Maire"),
    # an executive's arrêté, named as such or signed by its author's line below the heading
    ("COMMUNE DE ROCHE-VERNAZ\nARRÊTÉ DU MAIRE N° 2025-12\nVu la délibération du Conseil municipal ;\nARRÊTE",
     "Maire"),
    ("DÉPARTEMENT DE LA SAUVINE\nARRÊTÉ N° ARR-2025-0412\nportant attribution de subventions\n\nLE PRÉSIDENT DU "
     "CONSEIL DÉPARTEMENTAL,\n\nVU la délibération de l'Assemblée départementale ;\nARRÊTE", "Président"),
    ("OFFICE DE TOURISME DU LAC-FICTIF\nCOMITÉ DE DIRECTION\nSéance du 8 octobre 2024\n", "Comité de Direction"),
    # a commune déléguée's council, under the commune nouvelle's name
    ("COMMUNE NOUVELLE DE FICTIVILLE\nCOMMUNE DÉLÉGUÉE DE ROCHE\nSéance du Conseil de la commune déléguée du 5 mai "
     "2025\nLe Conseil de la commune déléguée, après en avoir délibéré,", "Conseil de la Commune Déléguée"),
    ("SERVICE DÉPARTEMENTAL D'INCENDIE          BUREAU DU CONSEIL D'ADMINISTRATION\n"
     "ET DE SECOURS DE LA SAUVINE               Séance du 9 décembre 2024\n\nObjet : Subventions\n",
     "Bureau du Conseil d'Administration"),
    ("SAUVINE MÉTROPOLE\n\nCONSEIL DE MÉTROPOLE\n\nSéance ordinaire du mardi 25 mars 2025\n", "Conseil Métropolitain"),
    # an agglomération's conseil permanent, which its council delegates to
    ("COMMUNAUTÉ D'AGGLOMÉRATION DU PAYS FICTIF\n\nCONSEIL PERMANENT\n\nSéance du 8 avril 2025\n\nVu la "
     "délibération du Conseil communautaire du 15 juillet 2020 ;", "Conseil Permanent"),
    # an établissement public's bureau, whose chair presides over its board
    ("ÉTABLISSEMENT PUBLIC FONCIER DE LA SAUVINE\n\nBUREAU\n\nSéance du 15 mai 2025\n\nPrésident de séance : M. "
     "Jean FICTIF, Président du Conseil d'administration\n\nLe Bureau, après en avoir délibéré :", "Bureau"),
    ("COMMUNE DE FICTIVILLE\nCONSEIL MUNICIPAL\nSéance du 3 mars 2025\nLa Commune met un bureau à disposition.",
     "Conseil Municipal"),    # a GIP's general assembly, not an association's that a sentence names
    ("GROUPEMENT D'INTÉRÊT PUBLIC SANTÉ SAUVINE\n\nASSEMBLÉE GÉNÉRALE\n\nSéance du 12 juin 2025\n\nL'assemblée "
     "générale, après en avoir délibéré,", "Assemblée Générale"),
    ("COMMUNE DE FICTIVILLE\nVu la demande présentée par l'association lors de son assemblée générale du 3 mars "
     "2025\nLe Conseil municipal, après en avoir délibéré,", "Conseil Municipal"),
    # a public hospital's board, not the one a council names its members to
    ("CENTRE HOSPITALIER SPÉCIALISÉ DE LA SAUVINE\nConseil de surveillance\nSéance du 14 octobre 2025\n"
     "Présidence : Mme Anne FICTIVE, Présidente du conseil de surveillance\n", "Conseil de Surveillance"),
    ("Le Conseil de surveillance, après en avoir délibéré, approuve la convention.", "Conseil de Surveillance"),
    ("Objet : désignation des représentants au conseil de surveillance du centre hospitalier de Fictiville\n"
     "Le Conseil municipal, après en avoir délibéré,", "Conseil Municipal"),
])
def test_the_organ_is_read_under_its_other_names(text, organ):
    assert find_body(text) == organ


def test_a_list_of_family_names_alone_is_read_when_it_opens_with_a_civility():
    a = parse_attendance("Présents : MM. CHAMBON, FAYARD, Mmes BRUYÈRE, COSTE.\n"
                         "Absents excusés : M. ODIN (pouvoir à M. CHAMBON), Mme SABOT (pouvoir à Mme COSTE).\n"
                         "Absents : MM. BERLIOZ, TARDY.\n")
    assert [p.label for p in a.present] == ["CHAMBON", "FAYARD", "BRUYÈRE", "COSTE"]
    assert [p.label for p in a.excused] == ["ODIN", "SABOT"] and [p.label for p in a.absent] == ["BERLIOZ", "TARDY"]
    assert [(p.giver.label, p.holder.label) for p in a.proxies] == [("ODIN", "CHAMBON"), ("SABOT", "COSTE")]
    assert parse_attendance("Présents : DÉCIDE, APPROUVE\n").present == []


def test_a_heading_in_capitals_below_a_closed_list_of_family_names_is_no_name_of_it():
    a = parse_attendance("Absents : M. BERLIOZ, Mme FAURE-DUMAS, M. TARDY-MOREL.\n\nRAPPORT\n\nLe Conseil, …\n")
    assert [p.label for p in a.absent] == ["BERLIOZ", "FAURE-DUMAS", "TARDY-MOREL"]


def test_a_list_opened_by_both_plural_civilities_gives_its_family_names():
    a = parse_attendance("Présents : MM. et Mmes LAHITÈTE-CASTETS, BARRÈRE, CAZAUBON-LABAT\n"
                         "Pouvoirs : M. BORDES à M. LACOSTE ; Mme DUCOURNAU à Mme HAURIE\n")
    assert [p.label for p in a.present] == ["LAHITÈTE-CASTETS", "BARRÈRE", "CAZAUBON-LABAT"]
    assert [(p.giver.label, p.holder.label) for p in a.proxies] == [("BORDES", "LACOSTE"), ("DUCOURNAU", "HAURIE")]


@pytest.mark.parametrize("text, present, excused, absent, proxies", [
    ("Étaient présents : MM. et Mmes R. PERRAD-GIROD, C. VUILLERMOZ, J. BOUVERET-MICHAUD\n"
     "Absents représentés : M. J.-M. BEZ (pouvoir à M. R. PERRAD-GIROD), Mme L. CHEVASSUS (pouvoir à Mme C.\n"
     "VUILLERMOZ)\nAbsents excusés : Mme F. BOURGEOIS, M. G. CUYNET\n"
     "Absents : M. D. LAMY-CHAPPUIS, Mme N. MOREL-JEAN,\nM. X. ROUSSEL\nSecrétaire de séance : Mme I. GAUTHIER\n",
     ["R. PERRAD-GIROD", "C. VUILLERMOZ", "J. BOUVERET-MICHAUD"], ["F. BOURGEOIS", "G. CUYNET"],
     ["D. LAMY-CHAPPUIS", "N. MOREL-JEAN", "X. ROUSSEL"],
     [("J.-M. BEZ", "R. PERRAD-GIROD"), ("L. CHEVASSUS", "C. VUILLERMOZ")]),
    ("Présents : J.-P. GOUAZÉ-DESTREM, C. BARRAU-SOULA, B. CAZALS, J. ESTAQUE\n"
     "Procurations : Mme N. VIDAL donne pouvoir à M. J. ESTAQUE ; M. H. ROUGÉ donne pouvoir à M. B. CAZALS\n"
     "Excusés : Mme F. ABADIE, M. D. PIQUEMAL\n\nOBJET : Subvention\n",
     ["J.-P. GOUAZÉ-DESTREM", "C. BARRAU-SOULA", "B. CAZALS", "J. ESTAQUE"], ["F. ABADIE", "D. PIQUEMAL"], [],
     [("N. VIDAL", "J. ESTAQUE"), ("H. ROUGÉ", "B. CAZALS")]),
])
def test_lists_that_name_members_by_their_initials_are_read(text, present, excused, absent, proxies):
    a = parse_attendance(text)
    assert ([p.label for p in a.present], [p.label for p in a.excused], [p.label for p in a.absent]) == (
        present, excused, absent)
    assert [(p.giver.label, p.holder and p.holder.label) for p in a.proxies] == proxies


def test_the_absent_without_a_proxy_are_read_under_absents_non_representes():
    a = parse_attendance("Absents non représentés : M. Patrick DUVAL-HÉBERT, Mme Claudine BISSON\n\nObjet : Santé\n")
    assert ([p.label for p in a.absent], a.proxies) == (["Patrick DUVAL-HÉBERT", "Claudine BISSON"], [])


def test_aid_in_kind_valued_in_euros_is_a_grant_of_that_nature():
    found = find_grants("DÉCIDE d'accorder au Comité de jumelage une aide en nature consistant en le prêt du minibus "
                        "communal et de 40 barrières de sécurité, valorisée à 650 €.")
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == [("Comité de jumelage", "650", "in-kind")]


def test_a_cash_grant_and_aid_in_kind_in_one_sentence_keep_each_its_nature():
    found = find_grants("Article 1 : attribue à l'association Les Amis du Moulin une subvention de fonctionnement de "
                        "2 000 € et une aide en nature, sous la forme du prêt gratuit de la salle des fêtes, valorisée "
                        "à 900 € pour l'année 2025.")
    assert sorted((g.beneficiary, str(g.amount), g.nature) for g in found.grants) == [
        ("Les Amis du Moulin", "2000", "operating"), ("Les Amis du Moulin", "900", "in-kind")]
    assert found.warnings == []


    found = find_grants("Considérant que la Métropole met gracieusement à disposition de l'association Vivre avec un "
                        "cancer en\nPays de Brest (VCPB) un local de 120 m², avantage en nature valorisé à 8 400 € par "
                        "an ;")
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == [
        ("Vivre avec un cancer en Pays de Brest", "8400", "in-kind")]


def test_premises_lent_in_one_sentence_and_valued_in_the_next_are_aid_in_kind_to_whom_they_are_lent():
    found = find_grants("La Commune met gratuitement à la disposition de l'Association Soins Palliatifs Var Est un "
                        "bureau ; cette mise à disposition\nconstitue une aide en nature valorisée à 2 400 € par an.")
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == [
        ("Association Soins Palliatifs Var Est", "2400", "in-kind")]

TWO_NATURES = """DÉCIDE d'attribuer les subventions figurant au tableau ci-dessous :

| Association | Subvention de fonctionnement 2024 | Subvention exceptionnelle 2024 | Total |
|---|---|---|---|
| Union sportive | 6 000 € | 1 500 € | 7 500 € |
| Tennis club | 2 200 € | | 2 200 € |
| Les Nageurs du Lac | 3 100 € | 800 € | 3 900 € |
| Total | 11 300 € | 2 300 € | 13 600 € |
"""


def test_a_table_of_two_natures_of_one_year_gives_a_grant_a_cell_and_its_totals_reconcile():
    found = find_grants(TWO_NATURES)
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == [
        ("Union sportive", "6000", "operating"), ("Tennis club", "2200", "operating"),
        ("Les Nageurs du Lac", "3100", "operating"), ("Union sportive", "1500", "project"),
        ("Les Nageurs du Lac", "800", "project")]
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [("11300", True), ("2300", True), ("13600", True)]
    assert not found.warnings


@pytest.mark.parametrize("lead, header, unit", [
    ("décide d'attribuer les subventions suivantes (en K€) :", "Fonct.     Projet     Total", ""),
    ("décide d'attribuer les subventions suivantes, en milliers d'euros :", "Fonct.     Projet     Total", ""),
    ("décide d'attribuer les subventions suivantes :", "Fonct.     Projet     Total (K€)", ""),
    ("décide d'attribuer les subventions suivantes :", "Fonct.     Projet     Total", " €"),
])
def test_a_table_of_nature_columns_headed_by_short_words_gives_a_grant_a_cell_in_its_unit(lead, header, unit):
    scale = "" if unit else "000"
    found = find_grants(f"{lead}\n\n"
                        f"   Bénéficiaire                               {header}\n"
                        f"   Théâtre des Deux Rives (SCIC)              85,5{unit:<5}  -          85,5{unit}\n"
                        f"   Association Le Tetris du Grand Quevilly    60{unit:<7}  10{unit:<7}  70{unit}\n"
                        f"   Collectif Chahuts Barentinois              -          12{unit:<7}  12{unit}\n"
                        f"                                              Total                 167,5{unit}\n")
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == [
        ("Théâtre des Deux Rives (SCIC)", "85500" if scale else "85.5", "operating"),
        ("Association Le Tetris du Grand Quevilly", "60" + scale, "operating"),
        ("Association Le Tetris du Grand Quevilly", "10" + scale, "project"),
        ("Collectif Chahuts Barentinois", "12" + scale, "project")]
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [("167500" if scale else "167.5", True)]
    assert not found.warnings


@pytest.mark.parametrize("decision, warned", [
    ("- d'attribuer les subventions figurant au tableau ci-dessus, tel que modifié par l'amendement n° 1 ;", True),
    ("- d'attribuer les subventions figurant au tableau ci-dessus ;", False),
])
def test_a_table_adopted_as_an_amendment_changed_it_is_read_with_a_warning(decision, warned):
    found = find_grants("Le rapport proposait les subventions suivantes :\n\n"
                        "   Association                        Montant\n"
                        "   Collectif Chahuts Clairvent        12 500 €\n"
                        "   Compagnie des Quais                18 000 €\n\n"
                        "Amendement n° 1 : porter la subvention du Collectif Chahuts Clairvent de 12 500 € à 15 000 €.\n"
                        "Le Conseil, après en avoir délibéré, décide :\n" + decision + "\n")
    assert any("amendement" in fr for fr, _ in found.warnings) is warned


def test_two_grants_to_one_beneficiary_are_two_grants_in_the_graph(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("VILLE DE MARSANGES-FICTIF\nDélibération n° 2024-041\nObjet : Subventions sportives 2024\n"
                    "Séance du 4 avril 2024\nLe Conseil municipal, après en avoir délibéré, à l'unanimité, "
                    + TWO_NATURES, encoding="utf-8")
    graph = extract_fixture(path).graph
    grants = {(str(amount), str(nature).rsplit("/", 1)[-1]) for grant in graph.subjects(RDF.type, MAI.Grant)
              for amount in graph.objects(grant, SCHEMA.amount) for nature in graph.objects(grant, MAI.nature)}
    assert grants == {("6000", "operating"), ("2200", "operating"), ("3100", "operating"), ("1500", "project"),
                      ("800", "project")}


@pytest.mark.parametrize("text, received, body", [
    ("Accusé de réception en préfecture 042-214200000-20240312-DEL2024_12-DE Reçu le 14/03/2024\nCOMMUNE", "2024-03-14",
     "COMMUNE"),
    ("Accusé de réception en préfecture\n042-214200000-20240312-DEL2024_12-DE\nReçu le 14/03/2024\nCOMMUNE",
     "2024-03-14", "COMMUNE"),
    ("Accusé de réception en préfecture\n\nLe dossier reçu le 14 mars 2024 est complet.", None,
     "\nLe dossier reçu le 14 mars 2024 est complet."),
    ("Le dossier reçu le 14 mars 2024.", None, "Le dossier reçu le 14 mars 2024."),
    # a transmission platform's header block: the receipt's date below the act's id (S²LOW) or above it (iXBus)
    ("Identifiant unique de l'acte : 064-200000000-20251004-2025_CC_12-DE\n"
     "Date de réception de l'accusé de réception : 09/10/2025\n\nCOMMUNE", "2025-10-09",
     "Identifiant unique de l'acte :\n\nCOMMUNE"),
    ("Date de décision : 30/09/2025\nDate de réception : 03/10/2025\n"
     "Identifiant : 064-200000000-20250930-2025_D_87-DE\n\nCOMMUNE", "2025-10-03",
     "Date de décision : 30/09/2025\nIdentifiant :\n\nCOMMUNE"),
    ("Date de décision : 30/09/2025\nDate de réception : 03/10/2025\nObjet : subvention\n\nCOMMUNE", None,
     "Date de décision : 30/09/2025\nDate de réception : 03/10/2025\nObjet : subvention\n\nCOMMUNE"),
])
def test_a_stamps_received_on_date_is_read_only_on_the_stamp(text, received, body):
    left, stamp = strip_stamps(text)
    assert (str(stamp.received) if stamp.received else None, left) == (received, body)


@pytest.mark.parametrize("text, sent, received", [
    ("Transmis en préfecture le 02/04/2024 – Accusé de réception n° 049-200926392-20240328-DCM2024_03_07-DE",
     "2024-04-02", None),
    ("Transmise au représentant de l'État le 13 décembre 2024 – Identifiant : 022-222200016-20241210-X-DE",
     "2024-12-13", None),
    ("Acte rendu exécutoire après dépôt en préfecture le 24/09/2024 et publication le 24/09/2024", "2024-09-24", None),
    ("Acte certifié exécutoire – transmis au contrôle de légalité le 07/10/2024", "2024-10-07", None),
    ("Accusé de réception - Ministère de l'Intérieur\n053-224557348-20240708-CP240708_0419-DE\n"
     "Réception par le préfet : 11/07/2024", None, "2024-07-11"),
    ("Accusé de réception en préfecture : 037-216734376-20241121-2024_089-DE – Date de réception : 26/11/2024", None,
     "2024-11-26"),
    ("La date de réception : 12/03/2024 du dossier", None, None),
    ("Télétransmis en préfecture le 08/04/2024 – Publié le 09/04/2024", "2024-04-08", None),
    ("Transmis en sous-préfecture de Riom le 15/04/2024", "2024-04-15", None),
    ("Transmis à la sous-préfecture de Vesoul-Fictif le 13/09/2024", "2024-09-13", None),
    # a département named with its article
    ("Transmis en préfecture de la Meuse-Fictive le 16 avril 2025.", "2025-04-16", None),
    ("Transmis à la Préfecture de l'Orne-Fictive le 16/04/2025", "2025-04-16", None),
    # the State's representative in New Caledonia, French Polynesia, Wallis and Futuna
    ("Transmise au commissaire délégué de la République le 5 mars 2025", "2025-03-05", None),
    ("Transmise au haut-commissaire de la République le 5 mars 2025", "2025-03-05", None),
    ("Le Président,\nJean MARTIN\n\nDate d'envoi en préfecture : 26/11/2024\nDate de réception : 27/11/2024",
     "2024-11-26", "2024-11-27"),
    ("Acte rendu exécutoire – réception en sous-préfecture le 21/04/2024", None, "2024-04-21"),
    ("Certifié exécutoire – Reçu en Sous-Préfecture le 26/03/2024", None, "2024-03-26"),
    ("Reçu en Sous-Préfecture de Vierzon le 22 mars 2024", None, "2024-03-22"),
    ("Reçu au contrôle de légalité le : vendredi 20 septembre 2024", None, "2024-09-20"),
    ("Date de télétransmission en préfecture : 08/11/2024", "2024-11-08", None),
    ("Date de transmission au contrôle de légalité : 15 mai 2025", "2025-05-15", None),
    ("Reçu à la préfecture le 04/12/2024", None, "2024-12-04"),
    ("Reçu à la Préfecture de la Guadeloupe le 04/12/2024", None, "2024-12-04"),
    ("Reçu à la sous-préfecture de Caen-Fictif le 15/11/2024", None, "2024-11-15"),
    ("Acte reçu par la préfecture le 26/11/2024", None, "2024-11-26"),
    ("Accusé de réception préfecture : 067-200094332-20240923-CP202497-4-DE du 27/09/2024", None, "2024-09-27"),
    ("Acte certifié exécutoire – Réception par le représentant de l'État le 21 novembre 2024", None, "2024-11-21"),
    ("Accusé certifié exécutoire : réception par le préfet le 05/02/2025, publication le 06/02/2025", None,
     "2025-02-05"),
    ("Affiché le 27/11/2024 – Accusé réception Préfecture : 29/11/2024", None, "2024-11-29"),
    ("Certifie executoire - recu en Sous-Prefecture de Morlaix le 23 oct. 2024", None, "2024-10-23"),
    ("RECU EN SOUS PREFECTURE DE MAURIAC LE 08/04/2025", None, "2025-04-08"),
    ("Délibération transmise au Préfet de la région Occitanie le 20 mai 2025", "2025-05-20", None),
    ("Télétransmis le 22/11/2024 – Reçu en Préfecture des Deux-Sèvres le 25/11/2024", "2024-11-22", "2024-11-25"),
    ("Accusé de réception en préfecture le 12/12/2024 : 095-229500017-20241209-202450-DE", None, "2024-12-12"),
    ("Date de dépôt en préfecture : 14/02/2025\nDate de publication : 17/02/2025", None, "2025-02-14"),
    ("Date de réception en préfecture de Meurthe-et-Sauvine : 1er juin 2025", None, "2025-06-01"),
    # an act sent to both the sub-prefecture and the prefecture
    ("Transmis en sous-préfecture de Roche-Fictive / préfecture de la Haute-Sauvine le 15 mai 2025", "2025-05-15",
     None),
    # a university's acts go to the rectorat, not to the prefecture
    ("Date de transmission au Rectorat : 16 décembre 2024", None, None),
    # dates with dashes or dots
    ("Acte certifié exécutoire\nRéception par le Préfet : 20-05-2024", None, "2024-05-20"),
    ("Rendu exécutoire après dépôt en Préfecture le 20.05.2024 et publication le 21.05.2024", "2024-05-20", None),
    # the acknowledgement of receipt by its initials
    ("Identifiant de télétransmission : 042-214202079-20240516-D2024_045-DE\nAR Préfecture du 20/05/2024", None,
     "2024-05-20"),
    # "AR" alone in a word is no acknowledgement
    ("Le PAR Préfecture du 20/05/2024", None, None),
    # the minutes' acts together, in the plural
    ("Le Maire certifie le caractère exécutoire des présentes délibérations, reçues en préfecture le 19 novembre 2024.",
     None, "2024-11-19"),
])
def test_the_dates_a_prefecture_stamp_gives_are_read_however_it_words_them(text, sent, received):
    stamp = strip_stamps(text)[1]
    assert (stamp.sent and str(stamp.sent), stamp.received and str(stamp.received)) == (sent, received)


def test_a_publication_in_a_collectivites_official_journal_is_read_and_leaves_the_body():
    left, stamp = strip_stamps("   Saint-B'Art Basket ........ 12 000,00 €\n"
                               "Publié au Journal officiel de Saint-Barthélemy le 03/02/2025\n")
    assert (str(stamp.published), left) == ("2025-02-03", "   Saint-B'Art Basket ........ 12 000,00 €\n")


@pytest.mark.parametrize("stamp_lines", ["Reçu en préfecture le 20 septembre\n2024",
                                         "Reçu en préfecture le 20 sep-\ntembre 2024",
                                         "Reçu en préfecture le 20 sep-\ntembre\n2024"])
def test_a_stamps_date_wrapped_or_its_month_cut_by_a_hyphen_at_a_line_end_is_read(stamp_lines):
    text = ("COMMUNE DE VALBRUNE-FICTIVE\nSéance du 16 septembre 2024\nDélibération n° 2024-09-12\n"
            "Le Conseil municipal décide d'attribuer 3 000 € à l'association Santé Valbrune.\n\n" + stamp_lines + "\n")
    document = normalise_text(text)
    assert (str(document.stamp.received), document.body.endswith("Santé Valbrune.")) == ("2024-09-20", True)


@pytest.mark.parametrize("posted", ["Affichée au siège de l'EPCC le 3 avril 2025",
                                    "Affiché en mairie d'arrondissement le 3 avril 2025",
                                    "Affiché en mairie le 03/04/2025",
                                    "Affichée à la mairie de Roche-Fictive le 3 avril 2025"])
def test_a_posting_at_the_seat_of_an_etablissement_public_or_at_a_town_hall_is_its_publication(posted):
    stamp = strip_stamps("Reçue en préfecture du Finistère le 2 avril 2025\n" + posted + "\n")[1]
    assert (str(stamp.received), str(stamp.published)) == ("2025-04-02", "2025-04-03")


@pytest.mark.parametrize("line, actes", [
    ("Accusé de réception préfecture : 067-200094332-20240923-CP202497-4-DE du 27/09/2024",
     "067-200094332-20240923-CP202497-4-DE"),
    ("Acte reçu par la préfecture le 26/11/2024", None),
    ("Accusé de réception en préfecture le 12/12/2024 : 095-229500017-20241209-202450-DE",
     "095-229500017-20241209-202450-DE"),
    ("Certifie executoire - recu en Sous-Prefecture de Morlaix le 23 oct. 2024", None),
    # Corsica's département "02A", printed "2A"
    ("ID : 2A-200076958-20250506-2025E3112-DE", "2A-200076958-20250506-2025E3112-DE"),
])
def test_a_receipt_line_leaves_the_text_whole_and_gives_its_actes_id(line, actes):
    left, stamp = strip_stamps("Le Conseil approuve.\n" + line + "\nFait à Colmar-Fictif")
    assert (left, stamp.actes_raw) == ("Le Conseil approuve.\nFait à Colmar-Fictif", actes)


def test_a_stamp_wrapped_after_a_dates_slash_or_an_actes_ids_underscore_gives_them_whole():
    stamp = strip_stamps("Le Conseil approuve.\nTransmis en Préfecture le 03/10/\n2025\n"
                         "Accusé de réception n° 025-212500999-20250930-2025_\n090-DE\n")[1]
    assert (stamp.sent, stamp.actes_raw) == (dt.date(2025, 10, 3), "025-212500999-20250930-2025_090-DE")


def test_a_teletransmitted_act_sent_on_a_day_is_received_that_day(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE VERNOUX-FICTIF\nSéance du Conseil municipal du 5 avril 2024\nDélibération n° 12\n"
                    "Objet : Subventions\nLe Conseil municipal, après en avoir délibéré, approuve le budget.\n"
                    "Transmis en préfecture le 09/04/2024 – 007-210700000-20240405-DEL12-DE\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    assert [str(d) for d in graph.objects(None, MAI.receivedByPrefecture)] == ["2024-04-09"]


@pytest.mark.parametrize("text, published", [
    ("Publié sur le site internet de la commune le 03/04/2024", dt.date(2024, 4, 3)),
    ("Publié sur roche-fictive.fr le 16 mai 2025", dt.date(2025, 5, 16)),
    ("Mis en ligne sur le site de la Métropole le 16 mai 2025", dt.date(2025, 5, 16)),
    ("Acte rendu exécutoire après et publication le 24/09/2024", dt.date(2024, 9, 24)),
    ("exécutoire dès sa publication le cas échéant ; publiée le 5 mars 2024", dt.date(2024, 3, 5)),
    ("Réception par le Préfet : 21/04/2024 – Publication : 22/04/2024", dt.date(2024, 4, 22)),
    ("Publié au recueil des actes administratifs le 18/04/2024", dt.date(2024, 4, 18)),
    ("Date d'affichage : 02/05/2024\nL'an deux mille vingt-quatre, le sept mai", None),
    ("Publiée par voie électronique le : 16 octobre 2024", dt.date(2024, 10, 16)),
    ("Publiée sur l'intranet de l'université le 4 octobre 2025", dt.date(2025, 10, 4)),
    ("Publié sur le portail de la collectivité le 4 octobre 2025", dt.date(2025, 10, 4)),
    ("Date d'affichage du présent acte, le 12 NOV. 2024", dt.date(2024, 11, 12)),
    # a posting for a span of days publishes the act on its first
    ("Affiché au siège du syndicat du 10 octobre au 10 décembre 2024", dt.date(2024, 10, 10)),
    ("Affichée en mairie du 04/10/2024 au 04/12/2024", dt.date(2024, 10, 4)),
    ("Affiché du 4 au 18 octobre 2024", dt.date(2024, 10, 4)),
])
def test_the_publication_date_is_read_however_it_is_worded(text, published):
    assert find_published(text, dt.date(2024, 3, 1) if published else dt.date(2024, 5, 7)) == published


@pytest.mark.parametrize("stamp, received", [
    ("Transmis au représentant de l'État le 18/04/2024", "2024-04-18"),
    ("Acte rendu exécutoire après dépôt en Préfecture le 13/04/2024 et publication le 13/04/2024", "2024-04-13"),
    ("Affiché le 28/04/2024 – Transmis en Préfecture le 28/04/2024", "2024-04-28"),
])
def test_an_act_transmitted_to_the_prefecture_on_a_day_is_received_that_day_without_an_actes_id(tmp_path, stamp,
                                                                                                 received):
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE VERNOUX-FICTIF\nSéance du Conseil municipal du 5 avril 2024\nDélibération n° 12\n"
                    "Objet : Subventions\nLe Conseil municipal, après en avoir délibéré, approuve le budget.\n"
                    + stamp + "\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    assert [str(d) for d in graph.objects(None, MAI.receivedByPrefecture)] == [received]


def test_a_posting_dated_before_the_session_is_not_the_acts_publication(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE VERNOUX-FICTIF\nREGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n"
                    "Date de convocation : 02/05/2024\nDate d'affichage : 02/05/2024\nSéance du 7 mai 2024\n"
                    "Délibération n° 12\nObjet : Subventions\n"
                    "Le Conseil municipal, après en avoir délibéré, approuve le budget.\n", encoding="utf-8")
    assert list(extract_fixture(path).graph.objects(None, MAI.publishedOn)) == []


@pytest.mark.parametrize("text, convened", [
    ("Date de convocation et d'affichage : 21/03/2024", dt.date(2024, 3, 21)),
    ("L'an deux mil vingt-quatre, le onze juin, le Conseil communautaire, dûment convoqué le 4 juin, s'est réuni",
     dt.date(2024, 6, 4)),
    ("Séance du 8 janvier 2025\nLe Conseil, convoqué le 30 décembre, s'est réuni", dt.date(2024, 12, 30)),
    ("Convocation : 4 octobre 2024", dt.date(2024, 10, 4)),
    ("Date d'envoi de la convocation : 5 mai 2025", dt.date(2025, 5, 5)),
    ("Le Conseil régional convoqué par son Président le 15 novembre 2024, s'est réuni", dt.date(2024, 11, 15)),
    ("Date de convocation de la Commission permanente : vendredi 30 août 2024", dt.date(2024, 8, 30)),
    ("pour examiner les affaires inscrites à l'ordre du\njour, la convocation ayant été adressée aux conseillers "
     "municipaux le 20 septembre 2024.", dt.date(2024, 9, 20)),
    ("la convocation ayant été adressée aux conseillers\nmunicipaux le 7 novembre 2024.", dt.date(2024, 11, 7)),
    ("Le Conseil régional convoqué par son\nPrésident le 8 novembre 2024, s'est réuni", dt.date(2024, 11, 8)),
    ("Séance du 12 décembre 2024\nLe Conseil municipal, légalement convoqué le six décembre, s'est réuni",
     dt.date(2024, 12, 6)),
    ("les membres du Conseil se sont réunis sur la convocation\nqui leur a été adressée le 17 mars 2025, sous la "
     "présidence", dt.date(2025, 3, 17)),
    ("Le Conseil municipal, réuni à l'Hôtel de ville, après convocation légale du 12 mars 2025, sous la présidence",
     dt.date(2025, 3, 12)),
    ("Le Conseil est convoqué par courriel du 5 septembre 2025.", dt.date(2025, 9, 5)),
    ("Le Comité, convoqué par courrier électronique en date du 2 mai 2025, s'est réuni", dt.date(2025, 5, 2)),
    ("Date de convocation : le 16 septembre 2025", dt.date(2025, 9, 16)),
    # in a table of the session's facts, the date in the label's next cell
    ("| | |\n|---|---|\n| Date de convocation | 13 novembre 2025 |\n| Présents | 30 |", dt.date(2025, 11, 13)),
    ("| Convocation | 5 mai 2025 |\n| Votants | 34 |", dt.date(2025, 5, 5)),
])
def test_the_convocation_date_is_read_its_year_from_the_session_when_it_gives_none(text, convened):
    assert parse_attendance(text).convened == convened


def test_a_flattened_table_of_two_natures_gives_a_grant_a_cell_and_a_row_lacking_one_its_amount_without_nature():
    found = find_grants("DÉCIDE d'attribuer les subventions suivantes :\n"
                        "Association Subvention de fonctionnement 2024 Subvention exceptionnelle 2024 Total\n"
                        "Union sportive 6 000 € 1 500 € 7 500 €\nTennis club 2 200 € 2 200 €\n"
                        "Les Nageurs du Lac 3 100 € 800 € 3 900 €\nTotal 11 300 € 2 300 € 13 600 €\n")
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == [
        ("Union sportive", "6000", "operating"), ("Tennis club", "2200", None),
        ("Les Nageurs du Lac", "3100", "operating"), ("Union sportive", "1500", "project"),
        ("Les Nageurs du Lac", "800", "project")]
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [("11300", True), ("2300", True), ("13600", True)]



def test_a_numbered_lists_item_whose_name_holds_a_heads_word_is_no_flattened_tables_header():
    found = find_grants("ARTICLE 1 : ATTRIBUE les subventions de fonctionnement suivantes :\n"
                        "   1. Association Entr'Aides Testval (Saint-Loup, Vernet) : 14 500 €\n"
                        "   2. Croix-Rouge française – Unité locale de Testval (Vernet) : 7 000 €\n"
                        "   3. Commune de Vernet (centre de santé communal) : 5 000 €\n")
    assert sorted((g.beneficiary, str(g.amount)) for g in found.grants) == [
        ("Association Entr'Aides Testval", "14500"), ("Commune de Vernet", "5000"),
        ("Croix-Rouge française – Unité locale de Testval", "7000")]


def test_a_year_that_ends_a_titles_wrapped_line_is_no_flattened_tables_amount():
    found = find_grants("AFFAIRES SCOLAIRES – Subventions aux écoles et associations de parents d'élèves – Classes de\n"
                        "découverte 2025\nLe Conseil municipal ATTRIBUE à l'Association des parents d'élèves du Bourg "
                        "une subvention de 400 €.")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Association des parents d'élèves du Bourg",
                                                                        "400")]

@pytest.mark.parametrize("rows, grants, total", [
    ("Comité des fêtes 3 000,00 €\nTennis Club 1 800,50 €\nTotal 4 800,50 €\n",
     [("Comité des fêtes", "3000.00"), ("Tennis Club", "1800.50")], "4800.50"),
    ("Comité des fêtes 12 500 €\nTennis Club 1 200,50\nTotal 13 700,50\n",
     [("Comité des fêtes", "12500"), ("Tennis Club", "1200.50")], "13700.50"),
    ("Comité des fêtes 3 000,00\nTennis Club 44 125,00 €\nTotal 47 125,00 €\n",
     [("Comité des fêtes", "3000.00"), ("Tennis Club", "44125.00")], "47125.00"),
])
def test_a_flattened_rows_amount_with_cents_is_read_whole(rows, grants, total):
    found = find_grants("DÉCIDE d'attribuer les subventions suivantes :\nAssociation Montant\n" + rows)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == grants
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [(total, True)]


ALIGNED_SIRET = """Article 1 : d'attribuer les subventions d'investissement suivantes :

   Bénéficiaire                   SIRET               Objet de la            Dépense           Subvention
                                                      dépense                subvention-       attribuée
                                                                             nable (HT)
   Association d'Aide à Domicile  36227586900018      Acquisition de         100 000 €         30 000 €
   en Milieu Rural (ADMR) du                          4 véhicules (coût
   canton de Pontvieux                                120 000 € TTC)
   SSIAD du Haut-Bocage           53053041900015      Logiciel              26 000 €          7 800 €
                                                                             TOTAL             37 800 €

Article 2 : d'attribuer les subventions de fonctionnement suivantes :

   Bénéficiaire                                Action                              Montant
   Plateforme d'accompagnement et de répit     Accueil de jour                      18 000 €
   des aidants Mayenne-Angevine
   Association Présence Verte Pays de Loire-   Téléassistance                        6 200 €
   Fictifs                                     (complément)
                                                               TOTAL                24 200 €
"""


@pytest.mark.parametrize("text, grants, totals", [
    ("DÉCIDE d'attribuer les subventions suivantes :\n\nAssociation                 Montant\n"
     "Comité des fêtes            3 000,00 €\nTennis Club                 1 800,00 €\n"
     "Total                       4 800,00 €\n",
     [("Comité des fêtes", "3000.00", None), ("Tennis Club", "1800.00", None)], ["4800.00"]),
    ("le Conseil municipal attribue les subventions suivantes pour l'année 2024 :\n"
     "  Comité des fêtes de Luzech        2 200 €\n  Club de pétanque                    350 €\n"
     "  Total                             2 550 €\nMme Annie LAFON, présidente du Comité des fêtes, quitte la salle.\n",
     [("Comité des fêtes de Luzech", "2200", None), ("Club de pétanque", "350", None)], ["2550"]),
    ("- d'allouer les dotations complémentaires de fonctionnement suivantes :\n\n"
     "Collège (UAI)                                    Motif                     Dotation\n"
     "Collège Anatole-Le-Braz, Plouvenez (0221234K)    Internat – 48 places      18 600 €\n"
     "Collège Ernest-Renan, Tréguier-sur-Jaudy         Internat – 32 places      12 400 €\n"
     "(0220321R)\n"
     "                                                 Total                     31 000 €\n",
     [("Collège Anatole-Le-Braz, Plouvenez (0221234K)", "18600", "operating"),
      ("Collège Ernest-Renan, Tréguier-sur-Jaudy (0220321R)", "12400", "operating")], ["31000"]),
    ("Trois dossiers ont été instruits :\n\n"
     "Commune           Nature des travaux             Montant des        Taux      Aide du SDE\n"
     "                                                 travaux HT\n"
     "Castelnaud-      Remplacement de 64 points       38 400,00 €     x 50 % =    19 200,00 €\n"
     "sur-Garonne      lumineux\n"
     "Fictif\n"
     "Agen-le-Haut      Rénovation de 112 points       52 000,00 €      plafond    20 000,00 €\n"
     "                                                                 TOTAL       39 200,00 €\n",
     [("Commune de Castelnaud-sur-Garonne Fictif", "19200.00", None), ("Commune d'Agen-le-Haut", "20000.00", None)],
     ["39200.00"]),
    ("APPROUVE l'attribution des subventions d'investissement suivantes :\n\n"
     "Maître d'ouvrage        Opération                  Dépense éligible   Taux   Aide\n"
     "Commune de Loué-Fictif  Construction d'une MSP        480 000,00 €    20 %    96 000,00 €\n"
     "(Sarthe)                (plafond atteint)\n"
     "Communauté de           Extension du pôle de          612 300,00 €    25 %   153 075,00 €\n"
     "communes de Craon-Fictif  santé\n"
     "                                                          TOTAL         249 075,00 €\n",
     [("Commune de Loué-Fictif", "96000.00", "investment"),
      ("Communauté de communes de Craon-Fictif", "153075.00", "investment")],
     ["249075.00"]),
    ("Porteur               Action               État (P147)    Ville      Coût total\n"
     "Régie Solidarités     Soutien scolaire       8 000 €     5 000 €    21 400 €\n"
     "Boxing Club           Sport                     —        3 200 €     7 800 €\n"
     "                                TOTAUX       8 000 €     8 200 €    29 200 €\n\n"
     "ATTRIBUE les subventions figurant dans la colonne « Ville ».\n",
     [("Régie Solidarités", "5000", None), ("Boxing Club", "3200", None)], ["8200"]),
    ("ATTRIBUE les bourses d'études suivantes :\n"
     "   Nom – Prénom                 Formation                       Montant annuel\n"
     "   BOUSQUET Manon               Infirmière, 2e année            4 000,00 € net\n"
     "   FAURE-VIGNAL Clémence        Aide-soignante                  2 500,00 € net\n"
     "soit 6 500,00 €.\n",
     [("Manon BOUSQUET", "4000.00", None), ("Clémence FAURE-VIGNAL", "2500.00", None)], ["6500.00"]),
    (ALIGNED_SIRET, [("Association d'Aide à Domicile en Milieu Rural (ADMR) du canton de Pontvieux", "30000",
                      "investment"), ("SSIAD du Haut-Bocage", "7800", "investment"),
                     ("Plateforme d'accompagnement et de répit des aidants Mayenne-Angevine", "18000", "operating"),
                     ("Association Présence Verte Pays de Loire-Fictifs", "6200", "operating")], ["37800", "24200"]),
    ("Article 1 : d'attribuer les acomptes sur subvention suivants :\n"
     "Structure                          Montant prévisionnel 2025     Acompte (40 %)\n"
     "PLIE Rhône-Sèvre                     420 000 €                  168 000 €\n"
     "Atelier chantier d'insertion Les Jardins de\n"
     "Cocagne de l'Ozon                     60 000 €                   24 000 €\n"
     "Total                                480 000 €                  192 000 €\n",
     [("PLIE Rhône-Sèvre", "168000", None), ("Atelier chantier d'insertion Les Jardins de Cocagne de l'Ozon", "24000",
                                             None)], ["192000"]),
    ("Porteur de projet        SIRET / RNA               Projet                  Nature          Montant\n"
     "Ressourcerie La Trouvaille  SIRET 92598815600012   Extension de l'atelier  Investissement  15 000 €\n"
     "                                                   de réparation\n"
     "Le Bocal Vrac (association  RNA W932011556         Épicerie vrac           Fonctionnement   6 000 €\n"
     "loi 1901)\n"
     "Page 1/2\n",
     [("Ressourcerie La Trouvaille", "15000", "investment"),
      ("Le Bocal Vrac", "6000", "operating")], []),
    ("DÉCIDE d'attribuer les aides suivantes au titre de l'exercice 2024 :\n"
     "  Bénéficiaire                 Commune        Objet                         Sollicité    Proposé\n"
     "  Kayak Club de l'Aulne        Châteaulin     Acquisition de 6 kayaks        4 500 €      2 250 €\n"
     "                                              (investissement)\n"
     "  Gouren Bro Leon              Lesneven       Championnats d'Europe          3 000 €      3 000 €\n"
     "  Surf Iroise Association      Le Conquet     Fonctionnement                 2 000 €      Dossier\n"
     "                                                                                         incomplet –\n"
     "                                                                                         non retenu\n"
     "  Union Cycliste               Landerneau     Tour du Léon                   5 000 €      4 000 €\n"
     "                                                                 TOTAL                    9 250 €\n",
     [("Kayak Club de l'Aulne", "2250", "investment"), ("Gouren Bro Leon", "3000", None),
      ("Union Cycliste", "4000", None)], ["9250"]),
    ("DÉCIDE d'accorder, au titre de l'exercice 2025, les aides détaillées ci-dessous :\n\n"
     "   Bénéficiaire                          Nature de l'aide             Montant (€)\n"
     "   Association Pôle ESS (PTCE Adour)     Subvention de                  28 000,00\n"
     "                                         fonctionnement\n"
     "   SCIC Garro Bizi                       Avance remboursable            30 000,00\n"
     "                                         (sans intérêt, 5 ans)\n"
     "   Coopérative d'activité Oldarra        Subvention de                  12 000,00\n"
     "                                         fonctionnement\n"
     "                                                   Total subventions    40 000,00\n",
     [("Association Pôle ESS (PTCE Adour)", "28000.00", "operating"),
      ("Coopérative d'activité Oldarra", "12000.00", "operating")], ["40000.00"]),
    ("DÉCIDE d'attribuer les subventions suivantes :\n\nAssociation          Montant\n-----------------    ---------\n"
     "Comité des fêtes     1 500 €\nClub de foot         2 000 €\n=================    =========\n"
     "Total                3 500 €\n", [("Comité des fêtes", "1500", None), ("Club de foot", "2000", None)], ["3500"]),
    # a programme's heading between rows: its nature in brackets is its rows', to the next programme's heading
    ("DÉCIDE d'attribuer les subventions ci-après :\n\n"
     "Programme / Opération                  Bénéficiaire                 Montant\n"
     "AXE 1 – PRÉVENTION\n"
     "  Action 1.1 – Ateliers              Club Santé Senior            4 000 €\n"
     "AXE 2 – ÉQUIPEMENTS (INVESTISSEMENT)\n"
     "  Action 2.1 – Cabinet               Commune de Saint-Pons        30 000 €\n"
     "AXE 3 – COORDINATION\n"
     "  Action 3.1 – Réseau                CPTS du Haut-Vallon          8 000 €\n",
     [("Club Santé Senior", "4000", None), ("Commune de Saint-Pons", "30000", "investment"),
      ("CPTS du Haut-Vallon", "8000", None)], []),
    # an annex whose first column is the amount: its total's row is a total, whichever cell comes first
    ("Article 1er : d'attribuer les subventions du tableau annexé.\n\nANNEXE\n\n"
     "Montant (€)   Bénéficiaire                                   Commune\n"
     " 9 500        Association Tremplin Creusois                   Aubusson\n"
     " 7 200        Régie de quartier du Plateau                    Guéret\n───────────\n"
     "16 700        TOTAL\n",
     [("Association Tremplin Creusois", "9500", None), ("Régie de quartier du Plateau", "7200", None)], ["16700"]),
    # dot leaders from each name to its amount are no words of the name
    ("- ATTRIBUE les subventions 2025 suivantes :\n\n"
     "      Foyer rural d'Astarac ...................................  1 050,00 €\n"
     "      Société de chasse La Diane de Lagraulet ...............    300,00 €\n"
     "                                                   Total :       1 350,00 €\n",
     [("Foyer rural d'Astarac", "1050.00", None), ("Société de chasse La Diane de Lagraulet", "300.00", None)],
     ["1350.00"]),
    # a record's codes on the line below each name
    ("ARTICLE 1   Sont attribuées les subventions suivantes :\n\n"
     "            Association Lou Cigalon                       12 000 Euros\n"
     "            Tiers n° 041122 – Dossier EX025233\n\n"
     "            Association Bus 14                             5 500 Euros\n"
     "            Tiers n° 052211 – Dossier EX025301\n\nARTICLE 2   Le Maire est habilité à signer les conventions.",
     [("Association Lou Cigalon", "12000", None), ("Association Bus 14", "5500", None)], []),
])
def test_a_table_aligned_with_spaces_is_read_a_cell_a_column(text, grants, totals):
    found = find_grants(text)
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == grants
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [(t, True) for t in totals]


@pytest.mark.parametrize("note", [
    "(1) Atelier de prévention au quartier des Glières.\n",
    "(1) Dont 400 € au titre de la journée du sport santé.\n\n"
    "Ville de Testbourg – Conseil municipal du 3 juin 2025                          Page 2/3\n"])
def test_a_footnote_between_a_lists_rows_leaves_the_rows_below_it_in_the_list_and_its_call_out_of_the_name(note):
    found = find_grants("DÉCIDE d'attribuer les subventions suivantes :\n\n"
                        "  Club Omnisports Testbourg (1)                       1 600 €\n"
                        "  Comité des fêtes                                      900 €\n"
                        "______________________________\n" + note + "\n"
                        "  Union départementale des associations familiales (UDAF 99)   2 500 €\n"
                        "  Secours populaire de Testbourg                        700 €\n"
                        "                                           Total      5 700 €\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [
        ("Club Omnisports Testbourg", "1600"), ("Comité des fêtes", "900"),
        ("Union départementale des associations familiales", "2500"), ("Secours populaire de Testbourg", "700")]
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [("5700", True)]


@pytest.mark.parametrize("text", [
    # a table aligned with spaces, its amounts without currency (the call then makes the row look like a header)
    "DÉCIDE d'attribuer les subventions suivantes :\n"
    "N°  Association                   Action                  Montant proposé\n"
    "1   Maecha Testval                Accueil parents          14 000,00 €\n"
    "2   Union Sportive Testval        Fonctionnement           4 800 (1)\n"
    "3   Collectif Ouvoimoja Testval   Parentalité              reporté (1)\n"
    "4   Association Ntsaha Testval    Ludothèque               sans objet (2)\n"
    "    TOTAL                                                  18 800,00 €\n"
    "(1) dossier incomplet.\n(2) demande retirée par l'association.\n",
    "| Association | Action | Montant proposé |\n|---|---|---|\n| Maecha Testval | Accueil parents | 14 000 € |\n"
    "| Union Sportive Testval | Fonctionnement | 4 800 € (1) |\n| Collectif Ouvoimoja Testval | Parentalité | "
    "reporté (1) |\n| Association Ntsaha Testval | Ludothèque | sans objet (2) |\n| Total | | 18 800 € |\n",
    "Bénéficiaire Montant\nMaecha Testval 14 000 €\nUnion Sportive Testval 4 800 (1)\nTotal 18 800 €\n"])
def test_a_notes_call_after_an_amount_or_a_status_word_is_never_an_amount(text):
    found = find_grants(text)
    assert [(g.beneficiary, g.amount) for g in found.grants] == [("Maecha Testval", Decimal(14000)),
                                                                 ("Union Sportive Testval", Decimal(4800))]
    assert [(t.amount, t.reconciled) for t in found.totals] == [(Decimal(18800), True)]


def test_a_rows_amounts_that_do_not_sit_under_their_heads_are_read_a_cell_a_column():
    found = find_grants("Bénéficiaire                                   Montant N-1 (2024)     Montant N (2025)\n"
                        "Maison de santé Testbourg                      12 000 €               14 000 €\n"
                        "Club Cœur et Santé                     3 000 €               3 500 €\n"
                        "Épicerie solidaire du Val       —                  6 000 €\n\n"
                        "Le Conseil attribue les subventions figurant dans la colonne « Montant N (2025) ».\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [
        ("Maison de santé Testbourg", "14000"), ("Club Cœur et Santé", "3500"), ("Épicerie solidaire du Val", "6000")]


@pytest.mark.parametrize("name", ["Réseau Sport Santé Testval", "Fédération Mutualiste Testval-Nord"])
def test_the_column_the_decision_names_is_read_not_the_one_the_expose_says_another_body_pays(name):
    found = find_grants("  Action                          Porteur                            Ville       ARS\n"
                        "  Fiche 1.1 Ateliers mémoire      Centre social Testval              4 000 €     4 000 €\n"
                        f"  Fiche 3.2 Aller-vers            {name:<34} 6 000 €    12 000 €\n\n"
                        "La colonne ARS est versée directement par l'Agence aux porteurs.\n\n"
                        "Le Conseil attribue les subventions figurant dans la colonne « Ville » du tableau.\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Centre social Testval", "4000"),
                                                                       (name, "6000")]


def test_an_aligned_row_whose_amount_cell_says_why_it_has_none_gives_no_grant_and_a_warning():
    found = find_grants("DÉCIDE d'attribuer les aides suivantes :\n"
                        "  Bénéficiaire            Objet                Proposé\n"
                        "  Gouren Bro Leon         Championnats         3 000 €\n"
                        "  Surf Iroise Association Fonctionnement       Dossier\n"
                        "                                               non retenu\n"
                        "  Union Cycliste          Tour du Léon         4 000 €\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Gouren Bro Leon", "3000"),
                                                                       ("Union Cycliste", "4000")]
    assert [fr for fr, _ in found.warnings] == [
        "« Surf Iroise Association » : « Dossier non retenu » au lieu d'un montant, aucune subvention retenue"]


@pytest.mark.parametrize("last, more, total", [
    ("  Gym Volontaire                250 €     Cyclo-Club du Val         150 €\n", [("Cyclo-Club du Val", "150")],
     "3 250"),
    ("  Gym Volontaire                250 €\n", [], "3 100"),
], ids=["even", "odd"])
def test_two_lists_side_by_side_give_each_item_of_both_and_the_total_below(last, more, total):
    found = find_grants("Le Conseil municipal attribue les subventions suivantes :\n"
                        "  Judo Club de Trézilly         450 €     Tennis Club               300 €\n"
                        "  Pétanque du Bourg           1 200 €     Football Club             900 €\n\n"
                        f"{last}soit un total de {total} €. Adopté à l'unanimité.\n")
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [(total.replace(" ", ""), True)]
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [
        ("Judo Club de Trézilly", "450"), ("Pétanque du Bourg", "1200"), ("Gym Volontaire", "250"),
        ("Tennis Club", "300"), ("Football Club", "900")] + more


def test_an_aligned_table_that_amends_grants_reads_the_new_amounts():
    found = find_grants("Il est proposé d'ajuster les montants attribués comme suit :\n\n"
                        "Association              Montant voté le      Ajustement      Nouveau montant\n"
                        "                         28/03/2024                           2024\n"
                        "Comité des fêtes         3 000,00 €           - 1 200,00 €     1 800,00 €\n"
                        "Gym Volontaire           —                    + 450,00 €       450,00 €\n"
                        "Total                    3 000,00 €           - 750,00 €       2 250,00 €\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Comité des fêtes", "1800.00"),
                                                                       ("Gym Volontaire", "450.00")]
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [("2250.00", True)]


@pytest.mark.parametrize("text, grants", [
    ("ARTICLE 1 : porte de 5 000 € à 7 000 € le montant de la subvention de fonctionnement 2024 attribuée au Comité "
     "d'animation du Pays ;", [("Comité d'animation du Pays", "7000")]),
    ("DÉCIDE de porter la subvention attribuée au Vélo Club Bocage de 4 000 € à 5 500 €.",
     [("Vélo Club Bocage", "5500")]),
    ("ARTICLE 2 : ramène de 4 000 € à 2 500 € la subvention attribuée au Vélo Club Bocage ; la somme de 1 500 € "
     "déjà versée en trop fera l'objet d'un titre de recettes ;", [("Vélo Club Bocage", "2500")]),
    ("Par délibération du 26 mars 2024, le Conseil a attribué les subventions suivantes, dont :\n"
     "- 5 000 € au Comité d'animation ;\n- 4 000 € au Vélo Club.\n"
     "Le Conseil, après en avoir délibéré : porte de 4 000 € à 4 500 € la subvention attribuée au Vélo Club.",
     [("Vélo Club", "4500")]),
    ("DÉCIDE :\n- RAMÈNE à 2 500 € la subvention attribuée à l'association Vélo Club Bocage ;",
     [("Vélo Club Bocage", "2500")]),
    ("DÉCIDE :\n- PORTE à 4 500 € la subvention de fonctionnement attribuée au Vélo Club ;", [("Vélo Club", "4500")]),
])
def test_a_grant_amended_from_one_amount_to_another_is_the_new_amount(text, grants):
    found = find_grants(text)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == grants


@pytest.mark.parametrize("text", [
    "Le programme est cofinancé par la Collectivité de Sauvine, qui verse à la Ville une participation de 20 000 € "
    "au titre de 2025.\nLE CONSEIL MUNICIPAL DÉCIDE d'attribuer une subvention de 9 500 € à l'association Alpha.",
    "L'Agence régionale de santé apporte à la Commune une participation de 20 000 €.\nLe Conseil, après en avoir "
    "délibéré, attribue une subvention de 9 500 € à l'association Alpha.",
    "Le Comité syndical, après en avoir délibéré :\n- attribue une subvention de 9 500 € à l'association Alpha ;\n"
    "- approuve la convention avec l'ARS, par laquelle l'ARS verse au Pôle une participation de 15 000 € ;",
    "Le Comité syndical, après en avoir délibéré :\n- attribue une subvention de 9 500 € à l'association Alpha ;\n"
    "- approuve la convention par laquelle le Département verse au Syndicat mixte une participation de 15 000 € ;",
])
def test_what_a_co_funder_pays_the_authority_itself_is_no_grant(text):
    found = find_grants(text)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Alpha", "9500")]


@pytest.mark.parametrize("text, grants", [
    ("Le GEM Le Fil occupe un pavillon communal. L'ARS verse au GEM un financement de 78 000 € par an.\nLe Conseil, "
     "après en avoir délibéré, approuve la convention de mise à disposition du pavillon.", []),
    ("La CAF, qui accorde à la crèche Les Lutins une aide de 30 000 €, soutient le projet.\nLe Conseil, après en "
     "avoir délibéré, attribue une subvention de 9 500 € à l'association Alpha.", [("Alpha", "9500")]),
    ("L'ARS finance le GEM. Le Conseil, après en avoir délibéré, verse au GEM Le Fil une subvention de 4 000 €.",
     [("GEM Le Fil", "4000")]),
])
def test_what_a_co_funder_pays_a_beneficiary_in_the_report_is_no_grant(text, grants):
    found = find_grants(text)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == grants


@pytest.mark.parametrize("text", [
    "ARTICLE 1 : ATTRIBUE à l'association Maison de Santé des Rives une subvention complémentaire de\nfonctionnement "
    "de 12 000 € au titre de l'exercice 2025, portant la subvention 2025 à 52 000 €.",
    "DÉCIDE d'attribuer à l'association Maison de Santé des Rives une aide de 12 000 €, ce qui porte son aide totale "
    "pour 2025 à 52 000 €.",
    "DÉCIDE d'attribuer à l'association Maison de Santé des Rives une subvention de 12 000 €, portant de 40 000 € à "
    "52 000 € sa subvention 2025.",
])
def test_the_total_a_grant_brings_its_beneficiary_to_is_not_a_second_grant(text):
    found = find_grants(text)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Maison de Santé des Rives", "12000")]
    assert found.warnings == []


def test_a_beneficiary_named_again_in_the_total_its_grant_brings_it_to_is_not_its_name():
    found = find_grants("- OCTROIE au Centre communal d'action sociale de Val-Joli une subvention complémentaire de "
                        "9 000 €, portant la subvention 2025 au CCAS de 120 000 € à 129 000 € ;")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [
        ("Centre communal d'action sociale de Val-Joli", "9000")]


def test_a_budget_amendments_credit_rows_in_the_expose_are_no_grants():
    found = find_grants("Décision modificative n° 1\n  022 – Dépenses imprévues                  - 9 000,00 €\n"
                        "  65 / 657362 – Subvention au CCAS          + 9 000,00 €\n\n"
                        "Le Conseil municipal, après en avoir délibéré :\n- ADOPTE la décision modificative n° 1 ;\n"
                        "- OCTROIE au Centre communal d'action sociale de Val-Joli une subvention complémentaire de "
                        "9 000 € ;\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [
        ("Centre communal d'action sociale de Val-Joli", "9000")]
    assert found.warnings == []


def test_a_cancelled_grant_is_left_out_with_a_warning():
    found = find_grants("Par délibération du 14 mars 2024, le Conseil a attribué à l'association L'Escale Solidaire "
                        "une subvention de 1 500 €.\nLe Conseil, après en avoir délibéré :\n1. ANNULE la subvention de "
                        "1 500 € attribuée à l'association L'Escale Solidaire par la délibération CA 24/008 ;\n"
                        "2. ATTRIBUE à l'Épicerie sociale Le Panier une subvention exceptionnelle de 1 500 € ;")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Épicerie sociale Le Panier", "1500")]
    assert [fr for fr, _ in found.warnings] == ["subvention annulée : « L'Escale Solidaire » (1500 €), non retenue"]


@pytest.mark.parametrize("text", [
    "DÉCIDE D'ATTRIBUER À L'ASSOCIATION LIEN HANDICAP UNE SUBVENTION DE FONCTIONNEMENT DE 4 000 € ;",
    "DECIDE D'ATTRIBUER A L'ASSOCIATION LIEN HANDICAP UNE SUBVENTION DE FONCTIONNEMENT DE 4 000 € ;",
    "ARTICLE 1 : ATTRIBUE UNE SUBVENTION EXCEPTIONNELLE DE 4 000 € A L'ASSOCIATION LIEN HANDICAP POUR SON\nPROJET.",
])
def test_a_grant_of_an_operative_part_in_capitals_is_read_with_its_name_as_written(text):
    found = find_grants("Le Conseil municipal, après en avoir délibéré,\n" + text + "\nADOPTE A L'UNANIMITE.")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("LIEN HANDICAP", "4000")]


def test_a_name_in_capitals_keeps_its_particles_in_an_operative_part_in_capitals():
    found = find_grants("Le Conseil, après en avoir délibéré,\nDECIDE D'ATTRIBUER UNE SUBVENTION EXCEPTIONNELLE DE "
                        "1 200 € A L'ASSOCIATION LES AMIS DU FOYER POUR L'ACHAT D'UN MINIBUS ;")
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == [("LES AMIS DU FOYER", "1200", "project")]


def test_a_heading_in_capitals_is_not_read_as_a_sentence_in_small_letters():
    from graph.ingest.delib_capitals import in_small_letters

    text = "VILLE DE LIEN\nCONSEIL MUNICIPAL\nDÉCIDE D'ATTRIBUER A L'ASSOCIATION LIEN UNE AIDE DE 500 € ;\nOBJET : DE"
    assert in_small_letters(text) == ("VILLE DE LIEN\nCONSEIL MUNICIPAL\ndécide d'attribuer à l'association LIEN une "
                                      "aide de 500 € ;\nOBJET : DE")


_OPINION_ON_GRANTS = ("Le Conseil municipal de la Ville se prononcera le 3 juin sur les subventions suivantes :\n"
                      "- Association Les Jardins du Quartier : 4 000 € ;\n- Club Senior Actif : 1 500 €.\n"
                      "LE CONSEIL D'ARRONDISSEMENT, APRÈS EN AVOIR DÉLIBÉRÉ,\n")


@pytest.mark.parametrize("operative", [
    "ÉMET UN AVIS FAVORABLE à l'attribution par le Conseil municipal des subventions ci-dessus.",
    "DECIDE D'EMETTRE UN AVIS FAVORABLE A L'ATTRIBUTION DES SUBVENTIONS CI-DESSUS.\nADOPTE A L'UNANIMITE",
])
def test_an_opinion_on_grants_another_body_decides_grants_nothing_and_says_why(operative):
    found = find_grants(_OPINION_ON_GRANTS + operative)
    assert found.grants == [] and found.totals == []
    assert [en.split(" (")[0] for _, en in found.warnings] == ["opinion only: the operative part gives an opinion"]
    assert "2 amount(s) read are not kept as grants" in found.warnings[0][1]


def test_a_council_that_gives_an_opinion_and_decides_keeps_its_grants():
    found = find_grants(_OPINION_ON_GRANTS + "ÉMET UN AVIS FAVORABLE au projet et DÉCIDE d'attribuer les subventions "
                                             "ci-dessus.")
    assert [g.beneficiary for g in found.grants] == ["Association Les Jardins du Quartier", "Club Senior Actif"]


@pytest.mark.parametrize("text, cancelled", [
    ("La subvention de 3 000 euros accordée en 2024 à l'association Grans en Musique est annulée, la manifestation "
     "n'ayant pas eu lieu.", "Grans en Musique"),
    ("DÉCIDE :\n- de constater la caducité de la subvention de 6 200 € attribuée en 2021 à la Commune de "
     "Lury-sur-Arnon, l'opération n'ayant pas été engagée ;", "Commune de Lury-sur-Arnon"),
])
def test_a_grant_said_cancelled_or_lapsed_after_it_is_left_out_with_a_warning(text, cancelled):
    found = find_grants(text)
    assert found.grants == []
    assert [fr.split(" : ")[1].split(" (")[0] for fr, _ in found.warnings] == [f"« {cancelled} »"]


def test_a_grant_of_a_deliberation_that_this_one_withdraws_is_left_out_with_a_warning():
    found = find_grants("Le Conseil municipal, après en avoir délibéré :\nARTICLE 1 : RETIRE la délibération "
                        "n° 2025-02-021 du 11 février 2025 attribuant une subvention de 3 000 € à l'association Les "
                        "Aidants du Lac.\nARTICLE 2 : ATTRIBUE une subvention de 2 500 € à l'association Répit Lac.")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Répit Lac", "2500")]
    assert [fr for fr, _ in found.warnings] == ["subvention annulée : « Les Aidants du Lac » (3000 €), non retenue"]


@pytest.mark.parametrize("text", [
    "VU la délibération n° 24CP.0733 du 18 octobre 2024 attribuant au PTCE Santé du Val une\nsubvention de 60 000 € "
    "pour la création d'un centre de santé ;",
    "Vu la délibération du conseil municipal du 4 mars 2024 portant attribution d'une subvention de 800 € au Vélo "
    "Club ;",
])
def test_a_grant_that_an_earlier_deliberation_named_before_its_amount_made_is_no_grant(text):
    assert find_grants(text + "\nLe Conseil, après en avoir délibéré, APPROUVE l'avenant.").grants == []


@pytest.mark.parametrize("text", [
    "DÉCIDE de verser au Groupement d'intérêt public « Landes Numérique Santé » la contribution statutaire 2025 de "
    "48 000 € (article 6561).",
    "DÉCIDE de verser au Centre hospitalier régional universitaire de Brest la participation de 20 000 € prévue au "
    "marché de coordination du CLS.",
])
def test_a_statutory_contribution_or_a_payment_under_a_contract_is_no_grant(text):
    assert find_grants(text).grants == []


@pytest.mark.parametrize("text", [
    "DÉCIDE de verser la cotisation 2025 à l'Agence départementale d'information sur le logement du Var (ADIL 83), "
    "d'un montant de 1 850 €.",
    "DÉCIDE de verser la cotisation 2025 à l'ADIL 83, d'un montant de 1 850 €.",
])
def test_a_members_fee_paid_with_a_grants_verb_is_no_grant(text):
    text += "\nDÉCIDE d'attribuer une subvention de 2 500 € à l'association Var Aidants."
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == [("Var Aidants", "2500")]


def test_a_table_of_attributions_de_compensation_to_the_communes_is_no_grant():
    text = ("ARTICLE 1 – FIXE les attributions de compensation définitives 2025 comme suit :\n\n"
            "Commune                         Attribution de compensation\n"
            "Saint-Véran                     412 380 €\n"
            "Molines                          96 120 €\n\n"
            "ARTICLE 2 – ATTRIBUE une subvention de fonctionnement de 2 500 € à l'association Queyras Répit.\n")
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == [("Queyras Répit", "2500")]


def test_a_table_whose_cells_tabs_part_gives_each_cell_its_column():
    text = clean_text("Article 1 : d'attribuer les subventions de fonctionnement suivantes :\n\n"
                      "Bénéficiaire\tObjet\tMontant\n"
                      "CPTS Var Nord\tCoordination du parcours des personnes âgées\t25 000 €\n"
                      "Association Azur Écoute\tAteliers d'entraide\t8 000 €\n\tTOTAL\t33 000 €\n")
    found = find_grants(text)
    assert [(g.beneficiary, str(g.amount), g.nature, g.purpose) for g in found.grants] == [
        ("CPTS Var Nord", "25000", "operating", "Coordination du parcours des personnes âgées"),
        ("Association Azur Écoute", "8000", "operating", "Ateliers d'entraide")]
    assert [str(t.amount) for t in found.totals] == ["33000"]


def test_a_table_row_of_nothing_is_no_grant():
    found = find_grants("DÉCIDE d'attribuer les subventions suivantes :\n\n| Association | Nouveau montant |\n"
                        "|---|---|\n| Comité des fêtes | 1 800,00 € |\n| Association des Parents d'Élèves | 0,00 € |\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Comité des fêtes", "1800.00")]
    assert [fr for fr, _ in found.warnings] == [
        "« Association des Parents d'Élèves » : montant de 0 €, aucune subvention retenue"]


@pytest.mark.parametrize("refused, warning", [
    ("0 € (rejet)", "« Mme L. T. » : montant de 0 €, aucune subvention retenue"),
    ("150 € (refusée)", "« Mme L. T. » : « 150 € (refusée) », aucune subvention retenue"),
])
def test_a_refused_row_at_the_end_of_a_table_is_no_grant_nor_part_of_the_row_above(refused, warning):
    text = ("DÉCIDE d'accorder les aides facultatives suivantes :\n\n"
            "Dossier          Demandeur           Nature de l'aide                         Montant\n"
            "2025-114         Mme S. M.           Impayé d'énergie                         320 €\n"
            "2025-121         M. J.-P. R.         Reste à charge appareillage auditif      280 €\n"
            f"2025-123         Mme L. T.           Dépassement du plafond de ressources     {refused}\n")
    found = find_grants(text)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("S. M.", "320"), ("J.-P. R.", "280")]
    assert [fr for fr, _ in found.warnings] == [warning]


@pytest.mark.parametrize("text, grants, totals", [
    ("Le Conseil ATTRIBUE à l'association Les Amis du Vélo une subvention de fonctionnement de 12\n"
     "500 € au titre de l'année 2024.", [("Les Amis du Vélo", "12500")], []),
    ("- ATTRIBUE au Club de judo une subvention de 20 000 € ;\n- ATTRIBUE au Comité des fêtes une subvention de "
     "5 500 € ;\n- ATTRIBUE ces subventions pour un montant total de 25\n500 € ;",
     [("Club de judo", "20000"), ("Comité des fêtes", "5500")], ["25500"]),
    ("Monsieur le Maire propose de soutenir les actions suivantes :\n- l'association Combrailles Sport Santé pour "
     "le programme « Bouger sur ordonnance » : 4 200\n€ ;\n- l'association Écoute Rurale : 5 500 €.",
     [("Combrailles Sport Santé", "4200"), ("Écoute Rurale", "5500")], []),
])
def test_an_amount_cut_by_a_line_break_at_a_space_is_read_whole(text, grants, totals):
    found = find_grants(normalise_text(text).body)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == grants
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [(t, True) for t in totals]


@pytest.mark.parametrize("after", ["Adopté à l'unanimité.", "Adopté.", "Vu le rapport du Maire ;"])
def test_the_sentence_right_below_a_tables_last_row_is_no_part_of_its_name(after):
    found = find_grants("Le Conseil municipal ATTRIBUE les subventions suivantes :\n"
                        "Association                         Montant\n"
                        "Club de judo de Testville            1 000 €\n"
                        "Comité des fêtes de Testville          500 €\n" + after + "\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Club de judo de Testville", "1000"),
                                                                       ("Comité des fêtes de Testville", "500")]


@pytest.mark.parametrize("header, row, name, identifier", [
    ("Association (SIRET)                                            Subvention 2025",
     "Réseau Ville-Hôpital Poitou (SIRET 732 829 320 00074)                48 000 €", "Réseau Ville-Hôpital Poitou",
     "SIRET 732 829 320 00074"),
    ("Association                                                     Montant",
     "Maison des usagers de la Vienne, RNA W862001234                      48 000 €", "Maison des usagers de la Vienne",
     "RNA W862001234"),
    ("Association (SIRET)                                            Subvention 2025",
     "Maison des usagers de la Vienne (SIRET                               48 000 €\n732 829 320 00074)",
     "Maison des usagers de la Vienne", "SIRET 732 829 320 00074"),
    ("N° dossier Bénéficiaire                               Commune            Montant",
     "24R-0101    Association Jeunes Santé Amiénoise        Amiens            48 000 €",
     "Association Jeunes Santé Amiénoise", None),
])
def test_a_name_cell_gives_the_name_without_its_dossier_code_or_its_identifier(header, row, name, identifier):
    found = find_grants(f"Le Conseil ATTRIBUE les subventions suivantes :\n{header}\n{row}\n")
    assert [(g.beneficiary, str(g.amount), g.identifier) for g in found.grants] == [(name, "48000", identifier)]


def test_a_name_in_guillemets_keeps_both():
    found = find_grants("ARTICLE 1 : ATTRIBUE à la SISA « Pôle Santé du Haut-Berry » une subvention d'équipement "
                        "d'un montant de 20 000 €.")
    assert [g.beneficiary for g in found.grants] == ["SISA « Pôle Santé du Haut-Berry »"]


@pytest.mark.parametrize("article", [
    "« une subvention de 3 500 € est attribuée à la Maison des Adolescents du Val » ;",
    "« Une subvention de 3 500 € est\nattribuée à la Maison des Adolescents du Val. »",
])
def test_an_amended_article_quoted_in_guillemets_gives_its_own_beneficiary_not_the_titles(article):
    found = find_grants("DÉCIDE :\nARTICLE 2 : MODIFIE l'article 2 de la délibération du 26 mars 2025 comme suit : "
                        + article, title="Subvention au GEM « La Boussole du Val »")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Maison des Adolescents du Val", "3500")]


def test_a_clause_ending_in_a_comma_below_a_table_and_running_under_its_columns_ends_it():
    found = find_grants("Association                 Objet                  Montant\n"
                        "Club de judo de Testville   Tatamis                1 000 €\n"
                        "Comité des fêtes            Fête locale              500 €\n"
                        "Le Conseil municipal, après en avoir délibéré,\nATTRIBUE ces subventions.\n")
    assert [g.beneficiary for g in found.grants] == ["Club de judo de Testville", "Comité des fêtes"]


def test_a_name_that_one_space_parts_from_the_next_columns_cell_is_cut_where_that_column_begins():
    found = find_grants("DÉCIDE d'attribuer les subventions suivantes :\n"
                        "Porteur                                   Action                     Montant\n"
                        "Association Pierre Blanche-Fictive         Accompagnement scolaire     6 000 €\n"
                        "Club de prévention spécialisée Vesle-Avenir Chantiers éducatifs      4 000 €\n"
                        "ARRONDISSEMENT DE DOUAI\n"
                        "Amicale des locataires Croix-Rouge-Fictive Fête de quartier          1 500 €\n")
    assert [(g.beneficiary, g.purpose) for g in found.grants] == [
        ("Association Pierre Blanche-Fictive", "Accompagnement scolaire"),
        ("Club de prévention spécialisée Vesle-Avenir", "Chantiers éducatifs"),
        ("Amicale des locataires Croix-Rouge-Fictive", "Fête de quartier")]


def test_figures_cut_at_a_line_end_after_a_day_or_a_number_are_not_joined_but_said():
    document = normalise_text("Le Conseil, réuni le 12\n500 € sont inscrits au budget.")
    assert "le 12\n500 €" in document.body
    assert [fr for fr, _ in document.doubts] == [
        "montant peut-être coupé en fin de ligne, non joint "
        "(« Le Conseil, réuni le 12 / 500 € sont inscrits au budget. ») : vérifiez-le"]


@pytest.mark.parametrize("text, grants", [
    ("DÉCIDE d'attribuer les subventions suivantes :\n- la Mutualité sociale agricole : 1 800 € ;\n"
     "- Les Restos du Cœur : 300 €.", [("Mutualité sociale agricole", "1800"), ("Les Restos du Cœur", "300")]),
    ("IL EST PROPOSÉ DE SOUTENIR LES PROJETS SUIVANTS :\n- L'ASSOCIATION SOLIDARITÉ PAYSANS, POUR DES GROUPES DE "
     "PAROLE : 3 500,00 EUROS ;\n- LA MUTUALITÉ SOCIALE AGRICOLE (MSA), POUR TROIS SOIRÉES : 1 800,00 EUROS.\n"
     "- DÉCIDE D'ATTRIBUER LES SUBVENTIONS CI-DESSUS.",
     [("ASSOCIATION SOLIDARITÉ PAYSANS", "3500.00"), ("MUTUALITÉ SOCIALE AGRICOLE", "1800.00")]),
    ("il est proposé de conclure une convention assortie d'un soutien financier annuel fixé comme suit :\n"
     "- 2024 : 10 000 €\n- 2025 : 12 000 €\nLe Conseil ATTRIBUE à l'association Familles Rurales une subvention de "
     "10 000 € au titre de l'exercice 2024.", [("Familles Rurales", "10000")]),
])
def test_a_list_item_is_read_after_an_article_under_a_lead_that_supports_and_never_names_a_year(text, grants):
    found = find_grants(text)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == grants


@pytest.mark.parametrize("text, grants", [
    ("Le Conseil municipal, après en avoir délibéré, à l'unanimité :\n- ATTRIBUE à l'association des parents "
     "d'élèves une subvention de 1 200 € ;", [("Association des parents d'élèves", "1200")]),
    ("- ATTRIBUE à l'association des Amis de l'église Saint-Martial une subvention d'équipement de 250 € ;",
     [("Association des Amis de l'église Saint-Martial", "250")]),
    ("ARTICLE 1 : ATTRIBUE à la SISA « Pôle Santé du Haut-Berry » une subvention d'équipement de 20 000 €.",
     [("SISA « Pôle Santé du Haut-Berry »", "20000")]),
    ("ARTICLE 2 : ACCORDE une prime d'installation de 5 000 € au Dr Camille ROUSSEL et une prime d'installation de "
     "5 000 € au Dr Mehdi AMRANI.", [("Camille ROUSSEL", "5000"), ("Mehdi AMRANI", "5000")]),
    ("Le Conseil municipal, après en avoir délibéré, à l'unanimité :\n- RAMÈNE la subvention 2023 de l'Association "
     "Santé Monts d'Arrée de 20 000 € à 16 000 €.", [("Association Santé Monts d'Arrée", "16000")]),
    ("Il vous est proposé d'attribuer les subventions exceptionnelles suivantes :\n"
     "  - Club Nautique des Bassins à Flot ...................... 12.000 €\n"
     "  - Les Amis de la Maison à Colombages ........................... 1.500 €\n",
     [("Club Nautique des Bassins à Flot", "12000"), ("Les Amis de la Maison à Colombages", "1500")]),
    ("ARTICLE 1er : Des subventions de fonctionnement sont attribuées aux associations suivantes :\n"
     "   Association Miquelon Culture Patrimoine ............................ 7 500,00 €\n"
     "   Association Le Nordet Musique ...................................... 4 000,00 €\n",
     [("Association Miquelon Culture Patrimoine", "7500.00"), ("Association Le Nordet Musique", "4000.00")]),
    ("ARTICLE 1er : Des subventions sont attribuées, au titre de l'année 2024, aux\nassociations suivantes :\n"
     "   Association Le Nordet Musique ...................................... 4 000 €\n"
     "   Association Les Amis du Musée ...................................... 2 300 €\n",
     [("Association Le Nordet Musique", "4000"), ("Association Les Amis du Musée", "2300")]),
    ("Association Montant\nClub de foot ....... 1 500 €\nClub de judo ....... 800 €\n",
     [("Club de foot", "1500"), ("Club de judo", "800")]),
    ("DÉCIDE d'attribuer une subvention de 1 200 € à Vivre à Lyon et une subvention de 300 € versée à Club Nautique "
     "des Bassins à Flot.", [("Vivre à Lyon", "1200"), ("Club Nautique des Bassins à Flot", "300")]),
    ("Il est proposé d'attribuer :\n   - Coopérative scolaire de l'école Claires-Fontaines (séjour à Chausey,\n"
     "     48 élèves, 2 nuitées) : 1 440 € ;\n   - Coopérative scolaire de l'école Jacques-Prévert (classe de mer à "
     "Granville) : 1 170 € ;\n", [("Coopérative scolaire de l'école Claires-Fontaines", "1440"),
                                  ("Coopérative scolaire de l'école Jacques-Prévert", "1170")]),
    ("D'attribuer à l'association Gap Jazz Alpes une subvention de projet de 3 200 € pour l'organisation du festival "
     "« Jazz aux Sommets ».", [("Gap Jazz Alpes", "3200")]),
    ("DÉCIDE d'accorder à l'association Médecins Solidaires du Val (MSV), qui assure des consultations à Gignac et "
     "Aniane, une subvention de 12 000 € ;", [("Médecins Solidaires du Val", "12000")]),
    ("ARTICLE 1 : attribue au Conseil d'architecture, d'urbanisme et de l'environnement de l'Orne une subvention de "
     "3 360 €.", [("Conseil d'architecture, d'urbanisme et de l'environnement de l'Orne", "3360")]),
    ("ATTRIBUE à l'association Les Amis, d'une part, une subvention de 500 €.", [("Les Amis", "500")]),
    ("ARTICLE 1 : accorde une subvention de 2 400 € à l'Œuvre des pupilles orphelins et fonds d'entraide des "
     "sapeurs-pompiers de France.", [("Œuvre des pupilles orphelins et fonds d'entraide des sapeurs-pompiers de France",
                                      "2400")]),
])
def test_a_beneficiarys_name_is_its_own_words_not_the_clause_around_it(text, grants):
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == grants


@pytest.mark.parametrize("text, grants", [
    ("La commission propose :\n  Mlle Jade POUPARD, 18 ans                bourse de 600 €\n"
     "  M. Nolan BEAUVAIS, 19 ans                bourse de 450 €\n"
     "Le conseil municipal, après en avoir délibéré, ATTRIBUE les bourses ci-dessus, pour un total de 1 050 €.",
     [("Jade POUPARD", "600"), ("Nolan BEAUVAIS", "450")]),
    ("Le conseil décide d'attribuer l'aide à l'installation aux médecins suivants :\n"
     "  - Docteur Camille ROUSSELET, médecin généraliste, installée au sein de la MSP de\n"
     "    Lignières (Cher) : 20 000 € ;\n  - Docteur Mathieu N'GUESSAN, médecin généraliste, installé en cabinet à\n"
     "    Châtillon-sur-Indre (Indre) : 15 000 €.", [("Camille ROUSSELET", "20000"), ("Mathieu N'GUESSAN", "15000")]),
    ("Mme Claire DUPONT, adjointe, présente une subvention de 500 € à l'association Les Amis du Vélo.",
     [("Les Amis du Vélo", "500")]),
    ("Bourses aux internes en médecine générale (600 € par mois) :\n"
     "   - M. Thomas VIALLARD, interne de 3e année, 12 mois, soit 7 200 € ;\n"
     "   - Mme Inès CHABRIER, interne de 2e année, 6 mois, soit 3 600 € ;\n",
     [("Thomas VIALLARD", "7200"), ("Inès CHABRIER", "3600")]),
    ("ARTICLE 2 : d'attribuer une bourse de 4 800 € à M. Yassine EL-MOKHTARI-BRUNEL, interne en 4e année.",
     [("Yassine EL-MOKHTARI-BRUNEL", "4800")]),
    ("Le Conseil d'administration accorde les secours exceptionnels suivants :\n  - Mme S. L. .............. 950 €\n"
     "  - M. et Mme J.-P. V. ...... 1 300 €\n", [("S. L.", "950"), ("J.-P. V.", "1300")]),
    ("Le Conseil d'administration attribue les aides suivantes :\n  - Mme S. L. : 400 €\n  - M. N. O. : 250 €\n",
     [("S. L.", "400"), ("N. O.", "250")]),
    # initials in prose: their dots end no sentence
    ("Article 1 : d'accorder une aide exceptionnelle de 1 500 € à Mme L. D., dont le logement a été détruit.",
     [("L. D.", "1500")]),
    ("Article 1 : d'accorder une aide exceptionnelle de 1 500 € à Mme L. D. pour le rachat de son matériel ;",
     [("L. D.", "1500")]),
    ("Article 1 : d'accorder une aide de 800 € à M. J.-P. V. Le versement interviendra en mai.", [("J.-P. V.", "800")]),
])
def test_a_grant_to_a_natural_person_names_the_person_without_title_or_qualification(text, grants):
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == grants


@pytest.mark.parametrize("text, grants", [
    ("2. Aide à l'installation : le Dr Paul-Henri DESSAIGNE, médecin généraliste, s'installe au\n1er janvier 2025 à "
     "Arlanc. Une aide forfaitaire\nde 15 000 € lui est attribuée.", [("Paul-Henri DESSAIGNE", "15000")]),
    ("- l'Association des Parents d'Élèves du RPI des Trois Vallons sollicite une aide pour le\n  spectacle de Noël : "
     "il est proposé de lui attribuer six cents euros (600 €).",
     [("Association des Parents d'Élèves du RPI des Trois Vallons", "600")]),
    ("L'association Les Amis de Noël sollicite une aide pour son spectacle. Il est proposé de lui accorder 600 €.",
     [("Les Amis de Noël", "600")]),
    ("L'Association de coordination de la maison de santé des Trois Villages sollicite une aide. Il est proposé de "
     "lui attribuer une subvention de 7 500 €.", [("Association de coordination de la maison de santé des Trois "
                                                  "Villages", "7500")]),
    ("Enfin, le Dr Nicolas FERAUD, chirurgien-dentiste, s'installe à la MSP. Une aide à l'installation de 10 000 € "
     "lui est accordée.", [("Nicolas FERAUD", "10000")]),
    ("Considérant que l'association Les Maisons de Santé du Ponant (MSPonant) coordonne les quatre maisons de\n"
     "santé et qu'elle porte le projet de santé commun ; qu'il est proposé de lui accorder\nune subvention de "
     "fonctionnement de 32 000 € ;", [("Les Maisons de Santé du Ponant (MSPonant)", "32000")]),
    ("Considérant que l'Institut brestois de prévention des addictions – IBPA, qui intervient dans les lycées\n"
     "et les quartiers, a sollicité 15 000 € ; qu'il est proposé de lui allouer 11 000 € ;",
     [("Institut brestois de prévention des addictions", "11000")]),
    ("La Métropole met à disposition une salle. Il est proposé de lui attribuer 500 €.", []),
])
def test_a_grant_given_with_a_pronoun_goes_to_whom_the_text_named_before(text, grants):
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == grants


@pytest.mark.parametrize("text, grants", [
    ("L'association Le Relais du Port accueille les personnes sans domicile. Il est proposé de lui verser 9 500 €, "
     "dont 2 500 € au titre de l'action « Santé des femmes ».", [("Le Relais du Port", "9500")]),
    ("Elle sollicite une subvention de 12 000 €, dont 4 000 € au titre de la formation aux premiers secours.", []),
])
def test_a_share_said_with_dont_is_part_of_the_amount_before_it_not_a_grant_to_another(text, grants):
    """Under the title "Subventions aux acteurs de la santé", which names no beneficiary of its own."""
    found = find_grants(text, "SUBVENTIONS AUX ACTEURS DE LA SANTÉ")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == grants


@pytest.mark.parametrize("text, grants", [
    ("L'Association des Professionnels de Santé du Lac (APSL) anime la prévention.\nIl est proposé au Conseil "
     "municipal d'attribuer à l'APSL une subvention de fonctionnement de 6 000 €.\n\nAprès en avoir délibéré, le "
     "Conseil municipal ATTRIBUE à l'Association des Professionnels de Santé du Lac (APSL) une subvention de "
     "fonctionnement de 6 000 €.", [("Association des Professionnels de Santé du Lac", "6000")]),
    ("Il est proposé au Conseil communautaire d'allouer une subvention de 1 200 € au Club Nautique du Lac.",
     [("Club Nautique du Lac", "1200")]),
])
def test_the_body_a_proposal_is_addressed_to_is_no_beneficiary_and_an_acronym_names_its_full_name(text, grants):
    """"Il est proposé au Conseil municipal d'attribuer à l'APSL …": the acronym the decision writes after the name."""
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == grants


@pytest.mark.parametrize("text, grants", [
    ("L'association Fos Ciné Mer, qui anime le cinéma\nassociatif de Fos-sur-Mer, recevrait 12 500 euros.",
     [("Fos Ciné Mer", "12500")]),
    ("Le Conservatoire associatif de musique de\nPort-Saint-Louis-du-Rhône (CAMPSL) bénéficierait de 9 000 euros, "
     "et la Compagnie Les Étangs Bleus de\n2 750 euros pour ses ateliers en milieu scolaire.",
     [("Conservatoire associatif de musique de Port-Saint-Louis-du-Rhône", "9000"),
      ("Compagnie Les Étangs Bleus", "2750")]),
    ("L'association Flers Santé Jeunes (FSJ) bénéficie par ailleurs d'une subvention de 3 500 € pour le\n« Bus des "
     "jeunes », et l'Association des Étudiants en Santé accueillis dans le Bocage (AESB) de 1 200 €\npour "
     "l'hébergement des internes.", [("Flers Santé Jeunes", "3500"),
                                     ("Association des Étudiants en Santé accueillis dans le Bocage", "1200")]),
    ("L'association Les Amis du Vélo bénéficiait jusqu'ici d'une subvention de 800 €.", []),
    # not the verb that opens the clause, nor the article's heading
    ("ARTICLE 1er : DÉCIDE que l'association Répit Fictif bénéficiera d'une aide de 5 000 € pour son fonctionnement.",
     [("Répit Fictif", "5000")]),
    ("ARTICLE 2 : DÉCIDE que la Mutualité Fictive du Lac percevra une subvention de 3 500 € pour ses ateliers.",
     [("Mutualité Fictive du Lac", "3500")]),
    ("Article 3 – L'association Écoute Fictive reçoit, pour la formation de bénévoles, une subvention de 900 €.",
     [("Écoute Fictive", "900")]),
])
def test_the_subject_of_a_receiving_verb_is_the_beneficiary_and_a_second_one_may_leave_the_verb_out(text, grants):
    """"X recevrait 12 500 euros", "X bénéficierait de 9 000 euros, et Y de 2 750 euros": each its own amount."""
    assert sorted((g.beneficiary, str(g.amount)) for g in find_grants(text).grants) == sorted(grants)


def test_a_natural_person_who_receives_a_grant_is_typed_a_person_and_a_doctor_a_health_professional(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE LUSSAC-FICTIF\nDélibération n° 2024-50\nSéance du 5 novembre 2024\nObjet : Aides\n"
                    "Le conseil, à l'unanimité, décide d'attribuer :\n"
                    "  - Docteur Camille ROUSSELET, médecin généraliste, installée à Lussac : 20 000 € ;\n"
                    "  - Mlle Jade POUPARD, 18 ans, bourse au permis de conduire : 600 €.\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    people = {str(graph.value(actor, FOAF.givenName)): sorted(str(t).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                                                              for t in graph.objects(actor, RDF.type))
              for actor in graph.objects(None, MAI.beneficiary)}
    assert people == {"Camille": ["HealthProfessional", "Person"], "Jade": ["Actor", "Person"]}


def test_two_persons_anonymised_by_the_same_initials_keep_two_grants_each_a_person_of_the_granting_body(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("CENTRE COMMUNAL D'ACTION SOCIALE DE LUSSAC-FICTIF\nDélibération n° 2025-08\n"
                    "Séance du 5 mai 2025\nObjet : Secours\n"
                    "Le Conseil d'administration, après en avoir délibéré, accorde les secours suivants :\n"
                    "  - Mme S. L. .............. 950 €\n  - Mme S. L. .............. 400 €\n", encoding="utf-8")
    extraction = extract_fixture(path)
    graph = extraction.graph
    grants = sorted((str(graph.value(graph.value(g, MAI.beneficiary), RDFS.label)), str(graph.value(g, SCHEMA.amount)))
                    for g in graph.subjects(RDF.type, MAI.Grant))
    actors = set(graph.objects(None, MAI.beneficiary))
    assert grants == [("S. L.", "400"), ("S. L.", "950")]
    assert all((actor, RDF.type, FOAF.Person) in graph for actor in actors)
    assert all(str(actor).endswith("--s-l") for actor in actors)


@pytest.mark.parametrize("text, grants", [
    ("- ATTRIBUE une bourse d'études de 1 200 € à Mme Léa DUPRÉ-FICTIVE ;", [("Léa DUPRÉ-FICTIVE", "1200")]),
    ("- ATTRIBUE une subvention de 6 500 € à l'association Sport Santé Aisne-Nord (SSAN) pour l'antenne ;",
     [("Sport Santé Aisne-Nord", "6500")]),
    ("ARTICLE 1 : ATTRIBUE, au titre de l'exercice 2024, les subventions suivantes :\n"
     " - Association Kalawachi Santé (médiation en santé, Saint-Georges) ........ 20 000,00 €\n"
     " - Commune de Saint-Amour (Jura) ......................................... 82 400,00 €\n"
     " - Réseau Périnatal de Mayotte (REPEMA) .................................. 40 000,00 €\n"
     " - Théâtre des Deux Rives (SCIC) ..........................................  1 500,00 €\n"
     " - Coopérative scolaire de l'école Jean-Giraudoux (OCCE 87) ...............    300,00 €\n",
     [("Association Kalawachi Santé", "20000.00"), ("Commune de Saint-Amour", "82400.00"),
      ("Réseau Périnatal de Mayotte", "40000.00"), ("Théâtre des Deux Rives (SCIC)", "1500.00"),
      ("Coopérative scolaire de l'école Jean-Giraudoux (OCCE 87)", "300.00")]),
    ("D'ATTRIBUER les subventions suivantes :\n| Bénéficiaire | Montant (EUR) |\n| Commune de Cavaillon (CLS) | "
     "10 000,00 |\n| Union départementale des sapeurs-pompiers (UDSP 12) | 5 000,00 |\n",
     [("Commune de Cavaillon", "10000.00"), ("Union départementale des sapeurs-pompiers", "5000.00")]),
    ("ARTICLE 1er – Attribue les aides suivantes (compte 6745) :\n\n"
     "   ● Association Landes-Burkina Eau Solidaire (LBES) – forage et château d'eau à Koudougou (Burkina\n"
     "     Faso) : 14 000 € ;\n   ● Eau Vive Adour-Sahel – réhabilitation de puits pastoraux : 9 500 € ;\n"
     "   ● Les Restos du Cœur – antenne de Luzech : 300 €.\n",
     [("Association Landes-Burkina Eau Solidaire", "14000"), ("Eau Vive Adour-Sahel", "9500"),
      ("Les Restos du Cœur", "300")]),
    ("ARTICLE 3 : d'attribuer au club Les Dragons de Rouen – Hockey sur glace une subvention de 85 000 €.",
     [("Les Dragons de Rouen – Hockey sur glace", "85000")]),
    # the place of a body's branch after a dash, in prose and in a list
    ("Article 1 : attribue une subvention de 1 500 € à la Ligue contre le cancer – comité du Gers-Fictif, pour ses "
     "actions de prévention.", [("Ligue contre le cancer", "1500")]),
    ("- ATTRIBUE une subvention de 1 500 € à l'association Les Blouses Roses – comité départemental de l'Orsanne, "
     "pour ses animations ;", [("Les Blouses Roses", "1500")]),
    ("- ATTRIBUE une subvention de 900 € à l'UNAFAM – délégation de la Sauvine ;", [("UNAFAM", "900")]),
    ("DÉCIDE d'allouer aux associations Les Petits Frères des Pauvres – équipe de Val-Joli, Aidants du Val et "
     "Équilibre Seniors des subventions d'un montant respectif de 1 000 €, 2 500 € et 1 200 €.",
     [("Les Petits Frères des Pauvres", "1000"), ("Aidants du Val", "2500"), ("Équilibre Seniors", "1200")]),
    # not a place: what the branch does
    ("- ATTRIBUE une subvention de 900 € au Judo Club Fictif – section féminine ;",
     [("Judo Club Fictif – section féminine", "900")]),
    # two branches of one body, which only their place tells apart
    ("ATTRIBUE les subventions suivantes :\n- Restos du Cœur – antenne de Luzech : 300 € ;\n"
     "- Restos du Cœur – antenne de Cahors : 500 €.\n",
     [("Restos du Cœur – antenne de Luzech", "300"), ("Restos du Cœur – antenne de Cahors", "500")]),
    ("ATTRIBUE à l'association Maison des usagers en santé mentale Auvergne – MUSMA une subvention de 7 200 €.",
     [("Maison des usagers en santé mentale Auvergne", "7200")]),
    ("DÉCIDE d'attribuer les subventions suivantes :\n- PTCE Santé Côte Sud (Seignanx – Maremne) : 32 000 € ;\n",
     [("PTCE Santé Côte Sud", "32000")]),
    ("DÉCIDE d'attribuer les subventions suivantes :\n- Club X (association loi 1901) : 500 € ;\n",
     [("Club X", "500")]),
])
def test_a_beneficiarys_name_is_read_without_its_civility_nor_a_bracket_that_glosses_it(text, grants):
    """A place, a gloss or an acronym in brackets, or a branch's place after a dash, is no part of the name; a legal
    form or a code is."""
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == grants


@pytest.mark.parametrize("item", [
    "Café des aidants de Cusset (association Le Temps pour Soi) ........... 3 200 €",
    "Café des aidants de Cusset (Association Le Temps pour Soi) : 3 200 € ;",
    "Café des aidants de Cusset (l'association Le Temps pour Soi) : 3 200 € ;",
])
def test_the_association_in_brackets_after_a_projects_name_is_the_beneficiary_the_project_its_purpose(item):
    found = find_grants(f"Le Conseil municipal attribue les subventions suivantes :\n  - {item}\n")
    assert [(g.beneficiary, str(g.amount), g.purpose) for g in found.grants] == [
        ("Le Temps pour Soi", "3200", "Café des aidants de Cusset")]


def test_an_acronym_in_brackets_is_a_variant_and_a_gloss_the_description_of_a_beneficiary(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE LUSSAC-FICTIF\nDélibération n° 2024-50\nSéance du 5 novembre 2024\nObjet : Aides\n"
                    "Le conseil, à l'unanimité, décide d'attribuer :\n"
                    "  - au Réseau Périnatal du Cher (REPEC) une subvention de 4 000 € ;\n"
                    "  - à Mme Léa DUPRÉ une bourse d'études de 1 200 € ;\n"
                    "  - à l'Association Kalawachi Santé (médiation en santé, Saint-Georges) une subvention de "
                    "900 €.\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    names = {str(graph.value(actor, RDFS.label)): (sorted(map(str, graph.objects(actor, SKOS.altLabel))),
                                                   str(graph.value(actor, DCTERMS.description)),
                                                   str(graph.value(actor, FOAF.familyName)))
             for actor in graph.objects(None, MAI.beneficiary)}
    assert names == {"Réseau Périnatal du Cher": (["REPEC"], "None", "None"), "Léa DUPRÉ": ([], "None", "DUPRÉ"),
                     "Association Kalawachi Santé": ([], "médiation en santé, Saint-Georges", "None")}


def test_capitals_in_brackets_are_a_variant_only_when_they_are_the_initials_of_the_name(tmp_path):
    """"(CLS)" after the Commune de Cavaillon is its contrat local de santé; "(UDSP 12)" is the Union's acronym."""
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE LUSSAC-FICTIF\nDélibération n° 2024-50\nSéance du 5 novembre 2024\nObjet : Aides\n"
                    "Le conseil, à l'unanimité, décide d'attribuer :\n"
                    "  - à la Commune de Cavaillon (CLS) une subvention de 500 € ;\n"
                    "  - à l'Union départementale des sapeurs-pompiers (UDSP 12) une subvention de 700 €.\n",
                    encoding="utf-8")
    graph = extract_fixture(path).graph
    assert {str(graph.value(actor, RDFS.label)): sorted(map(str, graph.objects(actor, SKOS.altLabel)))
            for actor in graph.objects(None, MAI.beneficiary)} == {
        "Commune de Cavaillon": [], "Union départementale des sapeurs-pompiers": ["UDSP 12"]}


def test_an_associations_acronym_may_open_with_the_a_of_association(tmp_path):
    """"(ASMSD)" after "l'association Saint-Martin Santé Diabète" is its acronym, not a gloss; "(ARS)" after a
    Région is not the Région's."""
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE LUSSAC-FICTIF\nDélibération n° 2024-50\nSéance du 5 novembre 2024\nObjet : Aides\n"
                    "Le conseil, à l'unanimité, décide d'attribuer :\n"
                    "  - à l'association Sauvine Santé Diabète (ASSD) une subvention de 500 € ;\n"
                    "  - à la Région Sud-Fictive (ARS) une subvention de 700 €.\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    assert {str(graph.value(actor, RDFS.label)): sorted(map(str, graph.objects(actor, SKOS.altLabel)))
            for actor in graph.objects(None, MAI.beneficiary)} == {
        "Sauvine Santé Diabète": ["ASSD"], "Région Sud-Fictive": []}


def test_an_alias_in_brackets_that_opens_with_the_names_acronym_is_a_variant(tmp_path):
    """"(GEM Clermont Centre)" after a groupe d'entraide mutuelle is another name of it, as "– IBPA" after a name."""
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE LUSSAC-FICTIF\nDélibération n° 2024-50\nSéance du 5 novembre 2024\nObjet : Aides\n"
                    "Le conseil, à l'unanimité, décide d'attribuer :\n"
                    "  - au Groupe d'entraide mutuelle « Le Puy de Jour » (GEM Clermont Centre) une subvention de "
                    "500 € ;\n"
                    "  - à l'Institut brestois de prévention des addictions – IBPA une subvention de 700 €.\n",
                    encoding="utf-8")
    graph = extract_fixture(path).graph
    assert {str(graph.value(actor, RDFS.label)): sorted(map(str, graph.objects(actor, SKOS.altLabel)))
            for actor in graph.objects(None, MAI.beneficiary)} == {
        "Groupe d'entraide mutuelle « Le Puy de Jour »": ["GEM Clermont Centre"],
        "Institut brestois de prévention des addictions": ["IBPA"]}


@pytest.mark.parametrize("call, note, names", [
    ("¹", "\n__________\n¹ Association Fictivoise de Santé Mentale.\n",
     {"Association Fictivoise de Santé Mentale": ["AFSM"]}),
    ("*", "\n* Association Fictivoise de Santé Mentale, association loi 1901.\n",
     {"Association Fictivoise de Santé Mentale": ["AFSM"]}),
    ("", "\nAFSM : Association Fictivoise de Santé Mentale.\n", {"Association Fictivoise de Santé Mentale": ["AFSM"]}),
    # a note whose initials are not the acronym's names something else: the acronym stays, without its call
    ("¹", "\n¹ Voir le rapport annuel joint.\n", {"AFSM": []}),
])
def test_an_acronym_alone_is_named_by_its_footnote_or_glossary_when_they_spell_it_out(tmp_path, call, note, names):
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE LUSSAC-FICTIF\nDélibération n° 2024-50\nSéance du 5 novembre 2024\nObjet : Aides\n"
                    "Le conseil, à l'unanimité, décide d'attribuer les subventions suivantes :\n"
                    f"   – à l'AFSM{call} : 4 500 € ;\n\nAdopté à l'unanimité.\n{note}", encoding="utf-8")
    graph = extract_fixture(path).graph
    assert {str(graph.value(actor, RDFS.label)): sorted(map(str, graph.objects(actor, SKOS.altLabel)))
            for actor in graph.objects(None, MAI.beneficiary)} == names


def test_a_branch_named_by_its_place_after_a_dash_is_its_body_with_the_whole_name_as_a_variant(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE LUSSAC-FICTIF\nDélibération n° 2024-50\nSéance du 5 novembre 2024\nObjet : Aides\n"
                    "Le conseil, à l'unanimité, décide d'attribuer une subvention de 1 500 € à la Ligue contre le "
                    "cancer – comité du Gers-Fictif, pour ses actions de prévention.\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    assert {str(graph.value(actor, RDFS.label)): sorted(map(str, graph.objects(actor, SKOS.altLabel)))
            for actor in graph.objects(None, MAI.beneficiary)} == {
        "Ligue contre le cancer": ["Ligue contre le cancer – comité du Gers-Fictif"]}


@pytest.mark.parametrize("text, names", [
    ("Le conseil, à l'unanimité, décide d'attribuer les subventions suivantes :\n"
     "- Ligue contre le cancer – Comité du Cher-Fictif : 3 000 €\n- Les Amis de l'Hôpital : 900 €\n",
     [("Ligue contre le cancer", ("branch", "Ligue contre le cancer – Comité du Cher-Fictif")),
      ("Les Amis de l'Hôpital", None)]),
    ("Le conseil décide d'attribuer une subvention de 3 000 € à la Ligue contre le cancer – Comité du Cher-Fictif.",
     [("Ligue contre le cancer – Comité du Cher-Fictif", None)]),
])
def test_a_lists_item_names_the_body_before_a_capital_branch_after_a_dash_a_sentence_the_branch(text, names):
    assert [(g.beneficiary, g.bracket) for g in find_grants(text).grants] == names


def test_a_table_row_s_branch_after_a_dash_is_its_body_with_the_whole_name_as_a_variant(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE LUSSAC-FICTIF\nDélibération n° 2024-50\nSéance du 5 novembre 2024\nObjet : Aides\n"
                    "Le conseil, à l'unanimité, décide d'attribuer les subventions suivantes :\n\n"
                    "  Club                                                    Montant\n"
                    "  Union Sportive Lussacaise – section Sport Santé          3 500 €\n"
                    "  Ligue contre le cancer – Comité du Cher-Fictif          3 000 €\n"
                    "  Amicale des Boulistes – section féminine                1 000 €\n\nAdopté à l'unanimité.\n",
                    encoding="utf-8")
    graph = extract_fixture(path).graph
    assert {str(graph.value(actor, RDFS.label)): sorted(map(str, graph.objects(actor, SKOS.altLabel)))
            for actor in graph.objects(None, MAI.beneficiary)} == {
        "Union Sportive Lussacaise": ["Union Sportive Lussacaise – section Sport Santé"],
        "Ligue contre le cancer – Comité du Cher-Fictif": [],
        "Amicale des Boulistes – section féminine": []}


@pytest.mark.parametrize("text, grants", [
    ("Il est proposé d'attribuer :\n • au centre social Les Tilleuls de Montrevel, une subvention de 3 K€ pour le "
     "café des\n   aidants mensuel.", [("Les Tilleuls de Montrevel", "3000")]),
    ("ATTRIBUE au centre hospitalier de Vierzon une subvention d'investissement de 1,2 M€.",
     [("Centre hospitalier de Vierzon", "1200000")]),
    ("DÉCIDE d'attribuer une subvention de 500 € au comité des fêtes de Lussac et de 800 € au centre communal "
     "d'action sociale de Vierzon.", [("Comité des fêtes de Lussac", "500"),
                                      ("Centre communal d'action sociale de Vierzon", "800")]),
    ("ATTRIBUE à la maison de santé de Pontaumur une subvention de 3 000 €.", [("Maison de santé de Pontaumur",
                                                                                "3000")]),
    ("ATTRIBUE au collège Jean Moulin une subvention de 1 000 €.", [("Collège Jean Moulin", "1000")]),
    ("ATTRIBUE une subvention de 500 € au CCAS de Vierzon.", [("CCAS de Vierzon", "500")]),
    ("DÉCIDE de verser au centre communal d'action sociale de Vierzon un complément de subvention de 1 500 €.",
     [("Centre communal d'action sociale de Vierzon", "1500")]),
    ("ATTRIBUE à l'association Les Amis une subvention de 500 € pour les animations au centre du village.",
     [("Les Amis", "500")]),
    ("ATTRIBUE une subvention de 500 € au club pour le tournoi.", []),
    ("ATTRIBUE à l'association gestionnaire du Centre de santé de Balagne une subvention de 35 000 €.",
     [("Association gestionnaire du Centre de santé de Balagne", "35000")]),
])
def test_a_beneficiary_introduced_by_its_kind_in_small_letters_is_read_with_its_name(text, grants):
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == grants


@pytest.mark.parametrize("text, natures", [
    ("3 - attribue au Centre Social Les Mouettes une subvention de fonctionnement de 6 500 € pour l'accueil de "
     "loisirs, et au Comité des fêtes une subvention de 1 200 € pour le marché de Noël ;", ["operating", None]),
    ("DÉCIDE d'attribuer des subventions exceptionnelles de 1 200 € au Club A et de 750 € au Club B.",
     ["project", "project"]),
])
def test_a_sentence_of_several_grants_gives_each_the_nature_its_own_clause_states(text, natures):
    assert [g.nature for g in find_grants(text).grants] == natures


@pytest.mark.parametrize("text, grants", [
    ("Vu la délibération du Conseil communautaire du 15 juillet 2020 portant délégation au Président, l'autorisant à "
     "attribuer les subventions d'un montant inférieur ou égal à 5 000 € par bénéficiaire et par an ;\nDÉCIDE\n"
     "Article 1 : Une subvention de 3 500 € est attribuée à l'association Bizi Osasuna au titre de l'exercice 2024.",
     [("Bizi Osasuna", "3500")]),
    ("Le Conseil municipal, après en avoir délibéré, à l'unanimité :\n- ATTRIBUE au Club de judo une subvention de "
     "1 000 € ;\n- DÉCIDE de ne pas verser le solde de la subvention 2023 au Centre de santé infirmier de Morlaix et "
     "AUTORISE l'émission d'un titre de recettes de 1 500 € à son encontre.", [("Club de judo", "1000")]),
    ("Monsieur le Maire expose que l'association « Villeneuve Sport Adapté » voit sa subvention portée de 3 000 € à "
     "4 500 € pour tenir compte d'un second créneau.\nLe Conseil municipal, après en avoir délibéré :\n"
     "- ATTRIBUE les subventions suivantes :\nBénéficiaire                         Montant 2024\n"
     "Villeneuve Sport Adapté                  4 500 €\nClub de judo                             1 000 €\n"
     "Total                                    5 500 €\n",
     [("Villeneuve Sport Adapté", "4500"), ("Club de judo", "1000")]),
    ("Le Maire expose : l'association Les Restos du Cœur bénéficiait jusqu'ici d'une\nsubvention de 800 €. Elle est "
     "désormais soutenue par le CCAS ; aucune subvention n'est proposée.\nLe conseil ATTRIBUE une subvention de "
     "2 500 € à l'Office Municipal des Sports.", [("Office Municipal des Sports", "2500")]),
    ("L'association percevait une subvention de 1 200 € ; aucune subvention de 1 200 € n'est reconduite.", []),
])
def test_a_ceiling_money_received_or_a_report_restating_a_row_is_no_grant(text, grants):
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == grants


def test_a_list_items_fiscal_year_is_the_one_its_own_clause_names():
    text = ("Le conseil, à l'unanimité :\n1. ATTRIBUE une subvention complémentaire de 2 500 € à l'Office Municipal "
            "des Sports au titre de 2024 ;\n2. ATTRIBUE une subvention de 18 200 € à l'association Accords Majeurs "
            "au titre de 2025.\n3. ATTRIBUE une subvention de 300 € au Club de judo.")
    assert [(g.beneficiary, g.year) for g in find_grants(text).grants] == [
        ("Office Municipal des Sports", 2024), ("Accords Majeurs", 2025), ("Club de judo", None)]


def test_a_grant_split_over_two_years_gives_each_part_the_year_said_after_it_and_no_warning():
    found = find_grants("Le Conseil municipal DÉCIDE d'attribuer à l'association Répit Vosges une subvention de "
                        "2 000 € en 2025 et 3 000 € en 2026.")
    assert [(g.beneficiary, str(g.amount), g.year) for g in found.grants] == [
        ("Répit Vosges", "2000", 2025), ("Répit Vosges", "3000", 2026)]
    assert found.warnings == []


@pytest.mark.parametrize("text, grants", [
    ("Le Conseil, après en avoir délibéré :\n- DÉCIDE le versement du solde de la subvention 2023 au Centre de santé "
     "du Pays Bigouden, soit 16 000 € ;", [("Centre de santé du Pays Bigouden", "16000")]),
    ("Le Conseil, après en avoir délibéré, VERSE à l'association Les Amis du Vélo le solde de 16 000 € de la "
     "subvention de 20 000 € attribuée par délibération du 4 mars 2024.", [("Les Amis du Vélo", "16000")]),
    ("Le Conseil, après en avoir délibéré, VERSE le solde de 16 000 € de la subvention de 20 000 € attribuée à "
     "l'association Les Amis du Vélo par délibération du 4 mars 2024.", [("Les Amis du Vélo", "16000")]),
    ("Le Conseil, après en avoir délibéré :\n- RAMÈNE la subvention 2024 de l'Association Santé Monts d'Arrée de "
     "20 000 € à 16 000 € et DÉCIDE le versement du solde correspondant, soit 4 000 €.",
     [("Association Santé Monts d'Arrée", "16000")]),
    ("Le Conseil, après en avoir délibéré :\n- ATTRIBUE au Comité des fêtes une subvention de 3 000 € pour l'année "
     "2024, versée en deux fois : un acompte de 1 500 € en juin et le solde de 1 500 € sur présentation du bilan ;",
     [("Comité des fêtes", "3000")]),
    ("DÉCIDE d'attribuer au Réseau Périnatal de Mayotte une subvention de quarante mille\neuros (40 000 €), versée en "
     "deux fois : 70 % (28 000 €) à la notification de la\nconvention et le solde (12 000 €) sur présentation du "
     "bilan.", [("Réseau Périnatal de Mayotte", "40000")]),
    ("Le Conseil, après en avoir délibéré :\n- d'attribuer à l'association Vélo Santé une subvention de 8 000 € pour "
     "l'année 2025, dont une avance de 40 %, soit 3 200 €, versée à la signature de la convention ;",
     [("Vélo Santé", "8000")]),
    ("Le Conseil, après en avoir délibéré :\n- d'attribuer à l'association Vélo Santé une subvention de 8 000 € pour "
     "l'année 2025, dont une avance de 3 200 € versée à la signature de la convention ;", [("Vélo Santé", "8000")]),
    # an amendment that raises the grant, then pays what it adds: the new amount (24 000 + 6 000 were two grants)
    ("Le Conseil communautaire, après en avoir délibéré,\n- APPROUVE l'avenant n° 1 à la convention conclue avec "
     "l'association Réseau Santé Sornac, portant le montant de la subvention 2024 de 18 000 € à 24 000 € ;\n- DÉCIDE "
     "en conséquence le versement d'un complément de subvention de 6 000 € à l'association Réseau Santé Sornac.",
     [("Réseau Santé Sornac", "24000")]),
    # a complement alone is the grant the deliberation makes
    ("Le Conseil, après en avoir délibéré, DÉCIDE d'attribuer un complément de subvention de 2 000 € à "
     "l'association Les Amis du Vélo.", [("Les Amis du Vélo", "2000")]),
])
def test_a_grant_is_the_amount_the_deliberation_sets_else_the_instalment_it_pays(text, grants):
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == grants


_EARLIER_GRANT = ("Par délibération n° 2023.00120 du 13 mars 2023, le Conseil a attribué à l'association Santé Pour "
                  "Tous une subvention de fonctionnement de 20 000 € au titre de l'année 2023, dont un acompte de "
                  "12 000 € a été versé.\n\n")


@pytest.mark.parametrize("text, title, grants", [
    # the instalment in a paragraph of its own, no name in it: the grant the earlier act made, recalled above
    (_EARLIER_GRANT + "Il est proposé de procéder au versement du solde de la subvention, soit 8 000 €.\n\nLe "
     "Conseil, après en avoir délibéré, DÉCIDE d'approuver le versement du solde.", "", [("Santé Pour Tous", "8000")]),
    # the beneficiary named before "du solde": its name ends there (it was « Santé Pour Tous du solde de »)
    (_EARLIER_GRANT + "Le Conseil, après en avoir délibéré, DÉCIDE le versement à l'association Santé Pour Tous du "
     "solde de la subvention 2023, soit 8 000 €.", "", [("Santé Pour Tous", "8000")]),
    # the title names the association before a dash, the text only "l'association"
    ("Il est proposé de verser le solde de la subvention de l'association, soit 8 000 €.\n\nLe Conseil, après en "
     "avoir délibéré, DÉCIDE le versement du solde.", "Association Santé Pour Tous – Versement du solde de la "
     "subvention 2023", [("Santé Pour Tous", "8000")]),
])
def test_an_instalment_paid_without_its_beneficiary_named_goes_to_the_grant_it_is_part_of(text, title, grants):
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text, title).grants] == grants


def test_a_payment_of_an_instalment_of_which_no_amount_is_read_is_said():
    """« DÉCIDE le versement du solde » with its amount in a sentence the reader does not know: no grant, and it was
    not said."""
    found = find_grants("Une subvention de 20 000 € a été inscrite au budget primitif 2023 pour l'association Santé "
                        "Pour Tous. Le solde, de 8 000 €, reste à verser.\n\nLe Conseil, après en avoir délibéré, "
                        "DÉCIDE le versement du solde à l'association Santé Pour Tous.")
    assert found.grants == [] and [fr for fr, _ in found.warnings] == [
        "aucune subvention lue, bien que le texte en annonce (« versement du solde ») : sa présentation n'a pas été "
        "reconnue"]


@pytest.mark.parametrize("text, grants, warnings", [
    ("Le Conseil municipal, après en avoir délibéré, à l'unanimité :\n- ATTRIBUE à l'association Coopérative Santé "
     "une subvention de fonctionnement de 30 000 € au titre de 2024 ;\n- ATTRIBUE en outre à l'association "
     "Coopérative Santé une subvention d'investissement de 18 500 € pour l'achat d'un véhicule.",
     [("Coopérative Santé", "30000", "operating"), ("Coopérative Santé", "18500", "investment")], []),
    ("ARTICLE 1 : ATTRIBUE à la SCIC Pôle Santé une subvention d'équipement de 20 000 €, dont 8 000 € imputés sur "
     "l'exercice 2024 et 12 000 € sur l'exercice 2025.", [("SCIC Pôle Santé", "20000", "investment")], []),
    ("Il est proposé d'attribuer au Club de judo une subvention de fonctionnement de 3 000 €.\nAprès en avoir "
     "délibéré, le Conseil ATTRIBUE au Club de judo une subvention de 3 000 €.",
     [("Club de judo", "3000", "operating")], []),
    ("Il est proposé d'attribuer au Club de judo une subvention de 2 500 €.\nAprès en avoir délibéré, le Conseil "
     "ATTRIBUE au Club de judo une subvention de 3 000 €.", [("Club de judo", "3000", None)],
     ["montants différents pour « Club de judo » : 2500 € (exposé), 3000 € (décision) ; la décision est retenue"]),
    ("Le Maire propose de soutenir les actions suivantes :\n- la Maison de santé pluriprofessionnelle de Pontaumur "
     "(SISA) : 3 000 € ;\n- le Club des aînés : 500 €.\nAprès en avoir délibéré, le Conseil ATTRIBUE à la SISA MSP "
     "de Pontaumur une subvention de 3 000 €.",
     [("Club des aînés", "500", None), ("SISA MSP de Pontaumur", "3000", None)],
     ["« Maison de santé pluriprofessionnelle de Pontaumur (SISA) » (exposé) et « SISA MSP de Pontaumur » (décision) "
      ": une seule subvention de 3000 €"]),
    ("Après en avoir délibéré, le Conseil ATTRIBUE au Club de judo une subvention de 1 000 € et une subvention de "
     "500 €.", [("Club de judo", "1000", None), ("Club de judo", "500", None)],
     ["« Club de judo » reçoit 2 subventions (1000 €, 500 €) que ni leur nature ni leur objet ne distinguent : "
      "vérifier qu'elles ne reviennent pas à d'autres bénéficiaires"]),
    ("Après en avoir délibéré, le Conseil ATTRIBUE au Club de judo une subvention de 1 000 € pour le tournoi "
     "régional ; ATTRIBUE au Club de judo une subvention de 500 € pour le gala de fin d'année.",
     [("Club de judo", "1000", None), ("Club de judo", "500", None)], []),
])
def test_a_beneficiarys_mentions_are_one_grant_only_when_they_restate_it(text, grants, warnings):
    found = find_grants(text)
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == grants
    assert [fr for fr, _ in found.warnings] == warnings


@pytest.mark.parametrize("text, grants", [
    ("Monsieur le Maire propose de soutenir les actions suivantes :\n- l'association Combrailles Sport Santé pour le "
     "programme « Bouger sur ordonnance » : 4 200\n€ ;\n- la Maison de santé pluriprofessionnelle de Pontaumur "
     "(SISA) pour le dispositif\nd'éducation thérapeutique du patient diabétique : 3 000 € ;\n- l'association "
     "Écoute et Soutien Rural pour les permanences d'écoute : 5 500 €.\nLe Conseil municipal, après en avoir "
     "délibéré, à l'unanimité, APPROUVE ces propositions.",
     [("Combrailles Sport Santé", "4200"), ("Maison de santé pluriprofessionnelle de Pontaumur (SISA)", "3000"),
      ("Écoute et Soutien Rural", "5500")]),
    ("Le Conseil municipal, après en avoir délibéré, à l'unanimité, ATTRIBUE les subventions suivantes au titre de "
     "l'exercice 2024 : Combrailles Sport Santé 4 200 € ; SISA MSP de Pontaumur 3 000 € ; Écoute et Soutien Rural "
     "63 5 500 €.", [("Combrailles Sport Santé", "4200"), ("SISA MSP de Pontaumur", "3000"),
                    ("Écoute et Soutien Rural 63", "5500")]),
    ("ATTRIBUE les subventions suivantes : au Comité des fêtes 600 € ; à l'association Les Amis de l'orgue 350 €, "
     "soit un total de 950 €.", [("Comité des fêtes", "600"), ("Les Amis de l'orgue", "350")]),
    ("DÉCIDE d'octroyer les aides suivantes : Club Handi Nage (2 200 €), Les Lucioles de l'Autisme 12\n(1 500 €) et "
     "Dys'Parole Rouergue (900 €), sur le compte 6574 du budget 2025.",
     [("Club Handi Nage", "2200"), ("Les Lucioles de l'Autisme 12", "1500"), ("Dys'Parole Rouergue", "900")]),
    ("DÉCIDE d'attribuer la subvention répartie comme suit : 2024 : 10 000 € ; 2025 : 12 000 €.", []),
    ("Article 1 : une enveloppe de 40 000 € est répartie comme suit :\n- Association Les Tilleuls : 15 000 €\n"
     "- Association Bel Âge : 25 000 €", [("Association Les Tilleuls", "15000"), ("Association Bel Âge", "25000")]),
    ("1 - approuve les conventions avec l'association Maison Santé Ouest et l'association Écoute Jeunes ;\n\n"
     "2 - attribue, au titre de l'exercice 2024, les subventions suivantes :\n    - Maison Santé Ouest : 30 000 €,\n"
     "    - Écoute Jeunes : 15 000 €,\n    - Point Santé Nord : 4 500 € (subvention complémentaire) ;",
     [("Maison Santé Ouest", "30000"), ("Écoute Jeunes", "15000"), ("Point Santé Nord", "4500")]),
    ("Le conseil, apres en avoir delibere, a l'unanimite, decide d'allouer pour l'annee 2024 :\n"
     "  au comite des fetes de Lussac la somme de trois cent cinquante euros (350 €),\n"
     "  a la societe de chasse \"La Diane\" la somme de cent cinquante euros (150 €),\n"
     "  au club des aines \"Les Genets d'Or\" deux cents euros (200 €).",
     [("Comite des fetes de Lussac", "350"), ('Societe de chasse "La Diane"', "150"),
      ('Club des aines "Les Genets d\'Or"', "200")]),
    ("DÉCIDE d'allouer :\n  à l'association Les Amis de Lussac la somme de cinq cents euros (500 €),\n"
     "  au Comité des fêtes de Lussac la somme de trois cents euros (300 €).",
     [("Les Amis de Lussac", "500"), ("Comité des fêtes de Lussac", "300")]),
])
def test_a_list_of_grants_is_read_item_by_item_on_its_lines_or_along_its_lead(text, grants):
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == grants


@pytest.mark.parametrize("first", [
    "1) Association Le Relais Jeunes, pour des ateliers d'estime de soi,\n     une subvention de 12 000 € ;",
    "1) Association Le Relais Jeunes, une subvention de 12 000 € ;",
    "1) Association Le Relais Jeunes, d'un montant de 12 000 € ;",
], ids=["estime-de-soi", "virgule-une-subvention", "virgule-d-un-montant"])
def test_a_numbered_items_name_stops_at_its_comma_and_its_purpose_is_no_estimate(first):
    text = ("Article 1er – Attribue les subventions suivantes :\n  " + first + "\n  2) Association Addictions "
            "France, pour le programme « Unplugged », une\n     subvention de 18 500 € ;\n")
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == [
        ("Association Le Relais Jeunes", "12000"), ("Association Addictions France", "18500")]


def test_a_pour_inside_a_list_items_bracketed_purpose_does_not_cut_the_name():
    text = ("DÉCIDE d'attribuer les subventions suivantes :\n   • Val Répit Handicap (séjours de répit pour les "
            "aidants) : 18 500 € ;\n   • Entraide Psy du Val (permanences d'accueil) : 3 000 € ;\n")
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == [
        ("Val Répit Handicap", "18500"), ("Entraide Psy du Val", "3000")]


def test_an_estimated_cost_in_a_list_item_is_still_no_grant():
    text = "Article 1er – Attribue les subventions suivantes :\n  1) Association X, coût estimé : 12 000 € ;\n"
    assert find_grants(text).grants == []


def test_a_list_line_of_fields_between_dashes_gives_its_grant_the_nature_one_of_them_names():
    text = ("- d'attribuer les subventions suivantes :\n  CPTS du Causse – fonctionnement – 15 000 €\n"
            "  SISA Santé Ségala – équipement – investissement – 40 000 €\n"
            "  Club Rando Santé – fonctionnement – investissement – 2 000 €\n")
    assert [(g.beneficiary, str(g.amount), g.nature) for g in find_grants(text).grants] == [
        ("CPTS du Causse", "15000", "operating"), ("SISA Santé Ségala", "40000", "investment"),
        ("Club Rando Santé", "2000", None)]


@pytest.mark.parametrize("scheme, nature", [
    ("au titre de l'aide régionale à l'investissement", "investment"),
    ("au titre des aides départementales au fonctionnement", "operating"),
])
def test_a_grant_under_a_scheme_named_by_what_it_funds_has_that_nature(scheme, nature):
    text = f"DÉCIDE d'attribuer, {scheme}, une subvention de 96 000 € à l'Association Santé des Monts ;"
    assert [(g.beneficiary, g.nature) for g in find_grants(text).grants] == [("Association Santé des Monts", nature)]


def test_a_grant_stating_no_nature_has_the_one_its_beneficiarys_record_in_the_expose_states():
    text = ("Opération n° 25-0412 – Équipement de télésurveillance\nBénéficiaire : GCS Télésanté du Val\n"
            "Nature : investissement (matériel)\nDépense subventionnable : 72 000 € HT – taux 40 %\n\n"
            "DÉCIDE d'attribuer une aide régionale de 28 800 € au GCS Télésanté du Val pour l'opération n° 25-0412 ;")
    assert [(g.beneficiary, str(g.amount), g.nature) for g in find_grants(text).grants] == [
        ("GCS Télésanté du Val", "28800", "investment")]


@pytest.mark.parametrize("heading_a, heading_b", [
    ("A – Investissement (compte 204182) :", "B – Fonctionnement (compte 6574) :"),
    ("I. Section d'investissement :", "II. Section de fonctionnement :"),
    ("Investissement :", "Fonctionnement :"),
])
def test_a_list_of_grants_cut_into_sections_under_its_lead_gives_each_item_its_sections_nature(heading_a, heading_b):
    text = (f"DÉCIDE d'attribuer les aides suivantes :\n\n{heading_a}\n"
            "   Commune de Saint-Aulaire – aménagement d'une maison de santé : 60 000 € ;\n\n"
            f"{heading_b}\n   Association Santé Lien : 4 000 € ;\n   Association Répit Loire : 1 500 €.\n")
    assert [(g.beneficiary, str(g.amount), g.nature) for g in find_grants(text).grants] == [
        ("Commune de Saint-Aulaire", "60000", "investment"), ("Association Santé Lien", "4000", "operating"),
        ("Association Répit Loire", "1500", "operating")]


@pytest.mark.parametrize("item, name", [
    ("• l'association Santé Lien, inscrite au registre des associations, vol. 12 n° 884, pour les consultations : "
     "18 000 € ;", "Santé Lien"),
    ("• le Cercle Sportif Saint-Georges e.V. pour son programme « Sport sans alcool » : 18 000 € ;",
     "Cercle Sportif Saint-Georges e.V."),
    ("• l'association Lien Santé (art. 4 des statuts) : 18 000 € ;", "Lien Santé"),
    ("• Association Santé Lien, inscrite au registre des associations, vol. 12 n° 884 : 18 000 € ;",
     "Association Santé Lien"),
], ids=["registre-vol-n", "e-V", "art-des-statuts", "inscrite-au-registre"])
def test_the_dots_of_an_abbreviation_in_a_list_item_do_not_cut_it_nor_the_list(item, name):
    text = f"DÉCIDE d'attribuer les subventions suivantes :\n{item}\n• l'association Répit Loire : 1 750 €.\n"
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == [
        (name, "18000"), ("Répit Loire", "1750")]


def test_a_heading_that_signs_agreements_below_a_list_of_grants_ends_it():
    text = ("DÉCIDE d'attribuer les aides suivantes :\n   Association Santé Lien : 4 000 € ;\n\n"
            "B – Conventions à signer :\n   Association Répit Loire : 1 500 €.\n")
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == [("Association Santé Lien", "4000")]


@pytest.mark.parametrize("text, grants", [
    ("- d'attribuer aux clubs les subventions figurant dans le tableau ci-dessous (article 6574) :\n"
     "| Bénéficiaire | Montant |\n|---|---|\n| Handball Club Auray-Quiberon | 7.000 € |\n\n"
     "- d'approuver le versement de la cotisation annuelle 2025 de la Commune au Comité départemental olympique\n"
     "  et sportif du Morbihan (CDOS 56) d'un montant de 1.200 € ;\n", [("Handball Club Auray-Quiberon", "7000")]),
    ("3. ATTRIBUE des bourses d'études aux internes, au taux de 600 € par mois :\n"
     "     - Mme Elsa CHAMBONNET, interne de 2e année, 12 mois, soit 7 200 € ;\n"
     "4. PREND ACTE du remboursement par le Dr Laurent VIGNAL de l'aide de 15 000 € perçue en 2022 ;\n",
     [("Elsa CHAMBONNET", "7200")]),
    ("DÉCIDE d'attribuer les subventions suivantes :\n- d'attribuer au Comité des fêtes une subvention de 500 € ;\n",
     [("Comité des fêtes", "500")]),
], ids=["cotisation-sous-un-tableau", "prend-acte-apres-une-liste", "clause-qui-attribue"])
def test_a_clause_of_the_decision_below_a_list_of_grants_is_no_item_of_it(text, grants):
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == grants


@pytest.mark.parametrize("sep", [" ........................ ", " : ", "    "], ids=["pointilles", "deux-points", "espaces"])
def test_sub_headings_above_a_lists_items_keep_them_in_the_list(sep):
    text = ("La Commission permanente décide d'attribuer les subventions de fonctionnement suivantes :\n\n"
            f"Canton de Saint-Gély\n    Association Répit Garrigue{sep}4 000 €\n"
            f"Canton de Mèze\n    Association Thau Alzheimer{sep}5 500 €\n    Ligue contre le cancer{sep}1 500 €\n"
            "                                                     Total rapport 11 000 €\n")
    found = find_grants(text)
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == [
        ("Association Répit Garrigue", "4000", "operating"), ("Association Thau Alzheimer", "5500", "operating"),
        ("Ligue contre le cancer", "1500", "operating")]
    assert [str(t.amount) for t in found.totals] == ["11000"]


_ALIGNED_LEAD = ("La Commission permanente, après en avoir délibéré, à l'unanimité, DÉCIDE d'attribuer les subventions "
                 "de fonctionnement suivantes :\n\n")


@pytest.mark.parametrize("lines, grants", [
    # a name wrapped to its amount's line, first of the list: it was two grants of 2 500 €, the list read twice
    (["   Association d'aide à domicile en milieu rural",
      "   de Brenne-Ouest (ADMR Brenne-Ouest)                              2 500 €",
      "   Croix-Rouge française – Unité locale de Brenne                    1 500 €"],
     [("Association d'aide à domicile en milieu rural de Brenne-Ouest", "2500"),
      ("Croix-Rouge française – Unité locale de Brenne", "1500")]),
    # the same under a sub-heading written left of the names: the heading got the grant
    (["Canton de Brenne-Ouest", "   Association d'aide à domicile en milieu rural",
      "   de Brenne-Ouest (ADMR Brenne-Ouest)                              2 500 €",
      "   Les Amis de l'Hôpital local de Saint-Gildas                         650 €"],
     [("Association d'aide à domicile en milieu rural de Brenne-Ouest", "2500"),
      ("Les Amis de l'Hôpital local de Saint-Gildas", "650")]),
    # a branch after a dash on its amount's line: the name above it went to the row before
    (["   Les Amis de l'Hôpital local de Saint-Gildas                         650 €",
      "   Comité départemental de la Ligue contre le cancer",
      "   – antenne d'Ouche-Nord                                           1 700 €"],
     [("Les Amis de l'Hôpital local de Saint-Gildas", "650"),
      ("Comité départemental de la Ligue contre le cancer", "1700")]),
    # sections headed with their count and subtotal: each heading was a grant of its subtotal
    (["Canton de Brenne-Ouest – 2 dossiers – 2 150 €",
      "   Les Amis de l'Hôpital local de Saint-Gildas                         650 €",
      "   Croix-Rouge française                                             1 500 €",
      "Canton d'Ouche-Nord – 1 dossier – 800 €",
      "   Club Cœur et Santé de Val-d'Ouche                                  800 €", "",
      "Total de la répartition : 2 950 €"],
     [("Les Amis de l'Hôpital local de Saint-Gildas", "650"), ("Croix-Rouge française", "1500"),
      ("Club Cœur et Santé de Val-d'Ouche", "800")]),
])
def test_a_list_aligned_with_spaces_reads_wrapped_names_and_headings_as_no_grants(lines, grants):
    found = find_grants(_ALIGNED_LEAD + "\n".join(lines) + "\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == grants
    assert all(t.reconciled for t in found.totals) and found.warnings == []


@pytest.mark.parametrize("below", [
    "Transmis au représentant de l'État le 31/01/2025\n"
    "Publié au Journal officiel de Saint-Barthélemy le 03/02/2025\n",
    "                                                         TOTAL    30 000,00 €\n"
    "Publié au Journal officiel de Saint-Barthélemy le 03/02/2025\n",
], ids=["publication", "total-puis-publication"])
def test_the_lines_below_a_dotted_lists_last_item_are_no_part_of_it(below):
    text = ("Article 1er : Les subventions suivantes sont attribuées au titre de l'exercice 2025 (compte 6574) :\n"
            "   Saint-Barth Tennis Club ....................................... 18 000,00 €\n"
            "   Saint-B'Art Basket ............................................ 12 000,00 €\n" + below)
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == [
        ("Saint-Barth Tennis Club", "18000.00"), ("Saint-B'Art Basket", "12000.00")]


@pytest.mark.parametrize("text, grants", [
    ("DÉCIDE\n\n- D'ATTRIBUER aux bénéficiaires ci-après les aides suivantes :\n\n"
     "  * PTCE Santé Saintonge (porté par l'association Coopérer pour Soigner)\n"
     "    Projet : structuration d'un groupement d'employeurs\n"
     "    Dépense subventionnable : 180 000 € TTC - Taux : 25 %\n"
     "    Montant : 45 K€ (fonctionnement) - Imputation : 65 - 6574\n\n"
     "  * PTCE Le Lien Creusois (SCIC SA)\n"
     "    Projet : création d'une plateforme numérique de services aux aidants\n"
     "    Montant : 60 K€ (investissement) - Imputation : 204 - 20422\n",
     [("PTCE Santé Saintonge", "45000", "operating"), ("PTCE Le Lien Creusois (SCIC SA)", "60000", "investment")]),
    ("Décide d'attribuer les subventions d'investissement suivantes :\n\n"
     " Dossier n° EX045512 - Commune de Saint-Flour (Cantal)\n Création d'une maison de santé\n"
     " Dépense subventionnable : 1 250 000 € HT\n Montant de la subvention régionale : 200 000 €\n\n"
     " Dossier n° EX045530 - Communauté de communes du Pays de Gex (Ain)\n Équipement d'un centre de santé\n"
     " Dépense subventionnable : 310 000 € HT\n Montant de la subvention régionale : 93 000 €\n",
     [("Commune de Saint-Flour", "200000", "investment"),
      ("Communauté de communes du Pays de Gex", "93000", "investment")]),
    ("ARTICLE 1         Sont attribuées, au titre de l'année 2024, les subventions suivantes :\n\nTiers 198234\n"
     "Association Femmes Santé\n22 rue des Oliviers\n13013 Marseille\nDossier EX024733" + " " * 30 + "12 500 Euros\n\n"
     "Tiers 201177\nLes Voisins Solidaires du Panier\n4 place de Lenche\n13002 Marseille\nDossier EX025102"
     + " " * 31 + "6 000 Euros\n",
     [("Association Femmes Santé", "12500", None), ("Les Voisins Solidaires du Panier", "6000", None)]),
])
def test_a_list_of_blocks_gives_each_the_name_on_its_first_line_and_the_amount_and_nature_of_its_field(text, grants):
    assert [(g.beneficiary, str(g.amount), g.nature) for g in find_grants(text).grants] == grants


@pytest.mark.parametrize("text, grants", [
    ("ARTICLE 3 : d'attribuer à la SCIC Tiers-Lieu des Métiers une subvention d'investissement correspondant à 40 % "
     "d'une dépense éligible de 250 000 € HT, soit 100 000 €, pour l'aménagement d'un plateau technique ;",
     [("SCIC Tiers-Lieu des Métiers", "100000", "investment", "aménagement d'un plateau technique")]),
    ("la participation de la commune s'établit comme suit :\n"
     "- Coopérative scolaire de l'école Jean-Giraudoux : 58 élèves × 35 € × 5 jours = 10 150 € ;\n"
     "- Coopérative scolaire de l'école Les Coquelicots : 24 élèves x 35 € x 2 jours = 1 680 €.",
     [("Coopérative scolaire de l'école Jean-Giraudoux", "10150", None, None),
      ("Coopérative scolaire de l'école Les Coquelicots", "1680", None, None)]),
    ("d'attribuer les subventions de fonctionnement suivantes :\n- GIP Cité des métiers : 75 K€, pour les actions "
     "d'orientation ;", [("GIP Cité des métiers", "75000", "operating", "actions d'orientation")]),
    ("Le Conseil, à l'unanimité :\n- ATTRIBUE à la Mission Locale du Val une subvention de 0,80 € par habitant, soit "
     "1 975,20 € ;\n- ATTRIBUE à l'association Banque Alimentaire une subvention de 0,40 €/hab., soit 9 877,20 € ;",
     [("Mission Locale du Val", "1975.20", None, None), ("Banque Alimentaire", "9877.20", None, None)]),
    ("Le Maire rappelle que la commune aide les familles par une subvention versée à l'établissement, à raison de "
     "12 € par jour et par élève. Le Conseil attribue au Collège Jules Verne une subvention de 1 080 €.",
     [("Collège Jules Verne", "1080", None, None)]),
    ("La commune verse à l'Office de Tourisme une participation de 1,50 € par habitant.", []),
    ("DÉCIDE :\n- d'attribuer au Club Nautique Vaubanais une subvention de 4 000 € majorée de 5 %,\n"
     "  soit 4 200 €, au titre de l'exercice 2025.", [("Club Nautique Vaubanais", "4200", None, None)]),
    ("La subvention habituelle de 4 000 € au Club Nautique Vaubanais est proposée majorée de 5 % pour son école de "
     "voile.\n\nDÉCIDE :\n- d'attribuer au Club Nautique Vaubanais une subvention de 4 000 € majorée de 5 %, soit "
     "4 200 €.", [("Club Nautique Vaubanais", "4200", None, None)]),
])
def test_a_computed_grant_is_its_result_not_its_operands(text, grants):
    found = find_grants(text)
    assert [(g.beneficiary, str(g.amount), g.nature, g.purpose) for g in found.grants] == grants


@pytest.mark.parametrize("text, grants", [
    ("DÉCIDE :\n- d'attribuer à l'association Lire Ensemble une subvention de 6 000 € par an de 2026 à 2028 ;",
     [("Lire Ensemble", "6000", 2026, True)]),
    ("DÉCIDE :\n- d'attribuer à l'association Lire Ensemble une subvention de 6 000 € par an ;",
     [("Lire Ensemble", "6000", None, True)]),
    ("DÉCIDE :\n- d'attribuer à l'association Lire Ensemble une subvention de 18 000 € sur trois ans (6 000 € par "
     "an) ;", [("Lire Ensemble", "6000", None, True)]),
    ("DÉCIDE :\n- d'attribuer à l'association Lire Ensemble une subvention de 2 € par an et par adhérent ;", []),
])
def test_a_grants_yearly_amount_is_one_years_grant_with_a_warning(text, grants):
    found = find_grants(text)
    yearly = any(fr.startswith("montant annuel") for fr, _ in found.warnings)
    assert [(g.beneficiary, str(g.amount), g.year, yearly) for g in found.grants] == grants


@pytest.mark.parametrize("text, totals", [
    ("Au titre des aides facultatives, la commission a accordé du 1er juillet au 30 septembre 2024 : 14 secours "
     "d'urgence pour un montant total de 2 380 € et 6 aides au paiement de factures d'énergie pour 1 140 €.", []),
    ("- ATTRIBUE aux communes les aides figurant dans le tableau ci-dessus, pour un montant total de 44 125,00 € ;",
     ["44125.00"]),
    ("4. PREND ACTE du remboursement de l'aide de 15 000 € ;\n\nMontant total des aides attribuées : 50 800 €.",
     ["50800"]),
])
def test_a_total_is_the_grants_only_when_its_clause_speaks_of_them(text, totals):
    assert [str(t.amount) for t in find_grants(text).totals] == totals


_DECIDED_BELOW = ("Le Conseil municipal, après en avoir délibéré :\n- ATTRIBUE une subvention de 6 000 € à "
                  "l'association Handi Val ;\n- ATTRIBUE une subvention de 3 500 € à l'association Sourire Val ;\n")


@pytest.mark.parametrize("expose, totals", [
    ("Le comité a retenu deux projets, pour un montant total de 9 500 €.", [("9500", True)]),
    # a total of something else, or two totals: none is taken
    ("Le projet, d'un montant total de 48 000 €, est financé par l'ARS.", []),
    ("Le comité a retenu deux projets, pour un montant total de 9 500 €, sur des demandes d'un montant total de "
     "9 500 €.", []),
])
def test_a_total_in_the_exposes_prose_is_stated_only_when_it_sums_the_grants_decided_below(expose, totals):
    found = find_grants(expose + "\n\n" + _DECIDED_BELOW)
    assert [(str(t.amount), t.reconciled) for t in found.totals] == totals


def test_a_tables_siret_or_rna_cell_identifies_a_beneficiary_whose_name_is_wrapped(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("VILLE DE MARSANGES-FICTIF\nDélibération n° 2024-042\nObjet : Subventions 2024\n"
                    "Séance du 4 avril 2024\nLe Conseil municipal, après en avoir délibéré, à l'unanimité, "
                    "DÉCIDE d'attribuer les subventions suivantes :\n\n"
                    "Bénéficiaire                    SIRET / RNA          Montant\n"
                    "Centre intercommunal d'action   265527374 00028      12 450 €\n"
                    "sociale (CIAS)\n"
                    "Le Bocal Vrac (association      RNA W932011556        6 000 €\n"
                    "loi 1901)\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    ids = {(str(label), str(p).rsplit("#", 1)[-1], str(value)) for grant in graph.subjects(RDF.type, MAI.Grant)
           for actor in graph.objects(grant, MAI.beneficiary) for label in graph.objects(actor, RDFS.label)
           for p, value in graph.predicate_objects(actor) if p in (MAI.siret, MAI.rna)}
    assert ids == {("Centre intercommunal d'action sociale (CIAS)", "siret", "26552737400028"),
                   ("Le Bocal Vrac", "rna", "W932011556")}


def test_a_siret_or_a_project_title_after_a_dash_on_a_list_line_is_no_part_of_the_name(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("VILLE DE MARSANGES-FICTIF\nDélibération n° 2024-043\nObjet : Subventions 2024\n"
                    "Séance du 4 avril 2024\nLe Conseil municipal, après en avoir délibéré, à l'unanimité, "
                    "DÉCIDE d'attribuer les subventions suivantes :\n\n"
                    "  Association Aidants du Val – SIRET 441 203 578 00022 ........ 3 000 €\n"
                    "  Club Cœur Actif – SIRET 512 345 678 00021 ................... 1 200 €\n"
                    "  - Maison des Jeunes – « Bouger ensemble » : 900 €\n\n"
                    "APPROUVE la convention d'objectifs avec le Club Cœur Actif.\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    names = {str(label): {str(value) for value in graph.objects(actor, MAI.siret)}
             for grant in graph.subjects(RDF.type, MAI.Grant) for actor in graph.objects(grant, MAI.beneficiary)
             for label in graph.objects(actor, RDFS.label)}
    # the first SIRET is valid, the second is not (its key is wrong): it identifies no one
    assert names == {"Association Aidants du Val": {"44120357800022"}, "Club Cœur Actif": set(),
                     "Maison des Jeunes": set()}


def test_a_siret_that_a_dash_parts_from_the_name_after_it_is_no_part_of_the_name(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("VILLE DE MARSANGES-FICTIF\nDélibération n° 2024-044\nObjet : Subventions 2024\n"
                    "Séance du 4 avril 2024\nLe Conseil municipal, après en avoir délibéré, à l'unanimité, "
                    "DÉCIDE d'attribuer les subventions suivantes :\n\n"
                    "SIRET 441 203 578 00022 – Association Aidants du Val : 3 000 €\n"
                    "SIRET 512 345 678 00021 – Club Cœur Actif : 1 200 €\n\n"
                    "et AUTORISE le Maire à signer la convention d'objectifs avec l'Association Aidants du Val.\n",
                    encoding="utf-8")
    facts = deliberation_facts(extract_fixture(path).graph)
    assert sorted(facts["grants"]) == [["Association Aidants du Val", "3000"], ["Club Cœur Actif", "1200"]]
    assert [a["governs"] for a in facts["agreements"]] == [["Association Aidants du Val"]]
    # the first SIRET is valid, the second is not (its key is wrong): it identifies no one
    assert facts["identifiers"] == {"Association Aidants du Val": {"siret": "44120357800022", "siren": "441203578"}}


@pytest.mark.parametrize("text, grants", [
    ("il est proposé de soutenir ce projet par :\n- une subvention d'investissement de 48 000 € ;\n"
     "- une avance remboursable à taux zéro de 96 000 €.\nLe Bureau, après en avoir délibéré :\n"
     "- ATTRIBUE à la SAS Méca-Vienne une subvention d'investissement de 48 000 € ;", [("SAS Méca-Vienne", "48000")]),
    ("DÉCIDE : ACCORDE à la SAS Méca-Vienne une avance remboursable de 96 000 €.", []),
    ("Article 2 - d'accorder un prêt d'honneur à taux zéro de 15 000 € au Dr Camille FRIEDRICH, médecin généraliste "
     "s'installant à Bitche-Fictif (57), remboursable sur 5 ans.", []),
    ("DÉCIDE d'accorder une aide de 15 000 € au Dr Camille FRIEDRICH, médecin généraliste s'installant à "
     "Bitche-Fictif, remboursable sur 5 ans.", []),
    ("DÉCIDE d'accorder une aide non remboursable de 15 000 € à la SAS Méca-Vienne.", [("SAS Méca-Vienne", "15000")]),
    ("Article 2 - d'accorder un prêt d'honneur à taux zéro de 15 000 € au Dr Camille FRIEDRICH-FICTIF, remboursable "
     "sur 5 ans.", []),
    ("DÉCIDE d'attribuer une subvention de 2 000 € à l'association Médecins en Herbe et un prêt d'honneur de 8 000 € "
     "à M. Paul RENAUD.", [("Médecins en Herbe", "2000")]),
])
def test_a_repayable_advance_is_a_loan_not_a_grant(text, grants):
    assert [(g.beneficiary, str(g.amount)) for g in find_grants(text).grants] == grants


def test_a_table_written_a_column_after_the_other_pairs_names_and_amounts_by_position():
    found = find_grants("Il est proposé de les soutenir par des subventions exceptionnelles.\n\n"
                        "Club\nStade Rugby (section féminine)\nCastelrouge Natation\nTotal\n\n"
                        "Compétition\nChampionnat de France Élite 2\nNationaux d'été – Chartres\n\n"
                        "Frais justifiés\n11 250 €\n3 875 €\n15 125 €\n\n"
                        "Subvention proposée\n4 500 €\n1 550 €\n6 050 €\n\n"
                        "Le Conseil municipal, après en avoir délibéré :\n- DÉCIDE d'attribuer les subventions "
                        "figurant dans le tableau ci-dessus, pour un montant total de 6 050 € ;")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Stade Rugby", "4500"),
                                                                       ("Castelrouge Natation", "1550")]
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [("6050", True), ("6050", True)]


STACKED_CELLS = ("- ATTRIBUE aux organismes figurant ci-dessous les subventions de fonctionnement suivantes au titre\n"
                 "de l'exercice 2024 :\nOrganisme\nObjet\nMontant\n"
                 "Association Prévention Addictions 93-Fictive\nInterventions en milieu scolaire\n"
                 "dans les collèges de Saint-Denis,\nAubervilliers et La Courneuve\n14 000 €\n"
                 "Centre de santé sexuelle\nMarie-Thérèse Vialle-Fictif\nActions de dépistage hors les murs\n"
                 "11 000 €\nLes Passerelles de Bondy\nConsultations jeunes consommateurs\n9 500 €\n"
                 "- DIT que les dépenses seront imputées au budget 2024.\n")


def test_a_table_whose_cells_are_one_a_line_gives_each_row_the_name_that_begins_it():
    found = find_grants(STACKED_CELLS)
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == [
        ("Association Prévention Addictions 93-Fictive", "14000", "operating"),
        ("Centre de santé sexuelle Marie-Thérèse Vialle-Fictif", "11000", "operating"),
        ("Les Passerelles de Bondy", "9500", "operating")]
    assert found.grants[0].purpose == ("Interventions en milieu scolaire dans les collèges de Saint-Denis, "
                                       "Aubervilliers et La Courneuve")


def test_a_table_of_cells_one_a_line_whose_names_are_not_first_is_said_in_a_warning_not_guessed():
    found = find_grants("DÉCIDE d'attribuer les subventions suivantes :\nObjet\nOrganisme\nMontant\n"
                        "Consultations jeunes consommateurs\net accompagnement des familles\nLes Passerelles de Bondy\n"
                        "9 500 €\nTournées du bus\nAssociation Bus Santé\n6 500 €\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Association Bus Santé", "6500")]
    assert [w[0] for w in found.warnings] == [
        "tableau aux cellules une par ligne (« Objet / Organisme / Montant ») : ligne « Consultations jeunes "
        "consommateurs / et accompagnement des familles / Les Passerelles de Bondy » non lue, son bénéficiaire ne se "
        "distingue pas de façon sûre : vérifiez-la"]


#: A table of cells one a line with a cost and a rate beside the grant, over two pages (a running foot, the heads
#: repeated), as pdftotext writes it without -layout; the attendance counts above it are "label : figure" lines.
COST_RATE_CELLS = ("Objet : Fonds local d'initiatives –\n"
                   "attribution de subventions aux porteurs de projets associatifs\n"
                   "Délégués en exercice : 24\nDélégués présents : 17\nPouvoirs : 2\nVotants : 19\n"
                   "Le Comité syndical, à l'unanimité, décide d'attribuer les subventions suivantes :\n"
                   "Porteur de projet\nProjet\nCoût total\nTaux\nSubvention\n"
                   "Association Combrailles\nMobilité Solidaire\nGarage solidaire\nitinérant\n"
                   "42 000 €\n30 %\n12 600 €\n"
                   "Les Ateliers du Sioulet-\nFictif\nRessourcerie – achat\nd'un véhicule\n28 000 €\n25 %\n7 000 €\n"
                   "Syndicat mixte du Pays – Comité syndical du 11/02/2025\n1/2\n"
                   "Porteur de projet\nProjet\nCoût total\nTaux\nSubvention\n"
                   "Foyer Rural de Pontaumur-\nFictif\nCafé associatif\n9 600 €\n40 %\n3 840 €\n"
                   "Total\n79 600 €\n23 440 €\nLe Comité autorise le Président à signer les conventions.\n")


def test_a_table_of_cells_one_a_line_with_a_cost_and_a_rate_gives_the_grants_column_and_its_total():
    found = find_grants(COST_RATE_CELLS)
    assert [(g.beneficiary, str(g.amount), g.purpose) for g in found.grants] == [
        ("Association Combrailles Mobilité Solidaire", "12600", "Garage solidaire itinérant"),
        ("Les Ateliers du Sioulet-Fictif", "7000", "Ressourcerie – achat d'un véhicule"),
        ("Foyer Rural de Pontaumur-Fictif", "3840", "Café associatif")]
    assert [str(t.amount) for t in found.totals] == ["23440"]
    assert found.warnings == []


@pytest.mark.parametrize("lines", ["Votants : 19", "Délégués présents : 17", "Pouvoirs : 2",
                                   "Membres en exercice : 33", "Conseillers municipaux en exercice : 27",
                                   "Abstentions : 2", "30 %\n12 600 €"])
def test_an_attendance_count_or_a_rate_is_never_a_grant(lines):
    found = find_grants("Bénéficiaire Montant\nClub des Aînés 1 200 €\n" + lines + "\nAmicale Laïque 800 €\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Club des Aînés", "1200"),
                                                                      ("Amicale Laïque", "800")]


def test_a_table_whose_figures_are_one_a_line_under_a_one_line_header_is_said_in_a_warning_not_guessed():
    found = find_grants("Le Conseil décide d'attribuer les subventions suivantes :\n"
                        "Bénéficiaire Projet Coût Taux Subvention\nAssociation Combrailles\nGarage solidaire\n"
                        "42 000 €\n30 %\n12 600 €\nFoyer Rural\nCafé associatif\n9 600 €\n40 %\n3 840 €\n"
                        "Adopté à l'unanimité.\n")
    assert found.grants == []
    assert found.warnings[0][0] == (
        "tableau aux cellules une par ligne non lu (« Garage solidaire / 42 000 € / 30 % ») : ses colonnes ne se "
        "distinguent pas de façon sûre, aucune de ses subventions n'est retenue : vérifiez-les")


@pytest.mark.parametrize("text, grants", [
    ("ARTICLE 1         Sont attribuées, au titre de l'année 2024, les subventions suivantes :\n\n"
     "Tiers 198234\nAssociation Femmes Santé Méditerranée\n22 rue des Oliviers Fictifs\n13013 Marseille\n"
     "Dossier EX024733                                         12 500 Euros\n\n"
     "Tiers 201177\nLes Voisins Solidaires du Panier\n4 place de Lenche Fictive\n13002 Marseille\n"
     "Dossier EX025102                                          6 000 Euros\n\n"
     "ARTICLE 2         La dépense correspondante sera imputée sur le Budget 2024.\n",
     [("Association Femmes Santé Méditerranée", "12500", None, None),
      ("Les Voisins Solidaires du Panier", "6000", None, None)]),
    ("Décide d'attribuer les subventions d'investissement suivantes, sur l'autorisation de programme\n"
     "« Santé » (chapitre 904) :\n\n"
     " Dossier n° EX045512 - Commune de Saint-Flour-Fictive (Cantal)\n Création d'une maison de santé\n"
     " Dépense subventionnable : 1 250 000 € HT\n Montant de la subvention régionale : 200 000 €\n\n"
     " Dossier n° EX045530 - Communauté de communes du Pays de Gex-Fictif (Ain)\n Équipement d'un centre de santé\n"
     " Montant de la subvention régionale : 93 000 €\n\nRésultat du vote : adopté\n",
     [("Commune de Saint-Flour-Fictive", "200000", "investment", None),
      ("Communauté de communes du Pays de Gex-Fictif", "93000", "investment", None)]),
    ("- D'ATTRIBUER aux bénéficiaires ci-après les aides suivantes :\n\n"
     "  * PTCE Santé Haute-Saintonge-Fictif (porté par l'association Coopérer en Saintonge)\n"
     "    Projet : structuration d'un groupement d'employeurs\n"
     "    Dépense subventionnable : 180 000 € TTC - Taux : 25 %\n"
     "    Montant : 45 K€ (fonctionnement) - Imputation : 65 - 6574\n\n"
     "  * PTCE Le Lien Creusois-Fictif (SCIC SA)\n    Projet : création d'une plateforme numérique\n"
     "    Montant : 60 K€ (investissement) - Imputation : 204 - 20422\n\n- D'AUTORISER le Président à signer.\n",
     [("PTCE Santé Haute-Saintonge-Fictif", "45000", "operating", "6574"),
      ("PTCE Le Lien Creusois-Fictif (SCIC SA)", "60000", "investment", "20422")]),
    ("Article 1 - d'attribuer les subventions d'investissement suivantes :\n\n"
     "Commune de Ribeauvillé-Fictive (68) – Maison de santé pluriprofessionnelle du Haut-Ried :\n"
     "dépense subventionnable 1 250 000 € HT – taux 15 % – subvention : 187 500 €\n\n"
     "SCI Les Soignants du Saulnois (57) – Locaux de la MSP de Château-Salins :\n"
     "dépense subventionnable 380 000 € HT ; taux 10 % ; montant de la subvention régionale : 38 000 €\n\n"
     "Article 2 - d'imputer les subventions sur l'autorisation de programme 2024.\n",
     [("Commune de Ribeauvillé-Fictive", "187500", "investment", None),
      ("SCI Les Soignants du Saulnois", "38000", "investment", None)]),
    ("ÉTABLISSEMENT PUBLIC TERRITORIAL DE BASSIN DE LA VIENNE-AMONT (EPTB)\n\nOpérations proposées :\n\n"
     " Commune d'Eymoutiers – restauration de la tourbière (tranche 2)\n"
     "     Dépense éligible : 46 500,00 euros H.T.\n     Aide EPTB (20 %) : 9 300,00 euros H.T.\n"
     "     Aide Agence de l'eau (50 %) : 23 250,00 euros H.T.\n"
     " Syndicat d'aménagement du bassin de la Maulde (SABM) – acquisition foncière de prairies\n"
     " humides à Saint-Léonard\n     Dépense éligible : 31 000,00 euros H.T.\n"
     "     Aide EPTB (20 %) : 6 200,00 euros H.T.\n\n"
     "Le Comité syndical ATTRIBUE les aides ci-dessus pour un montant total de 15 500,00 €.\n",
     [("Commune d'Eymoutiers", "9300.00", None, None),
      ("Syndicat d'aménagement du bassin de la Maulde", "6200.00", None, None)]),
    ("DÉCIDE d'attribuer les subventions suivantes :\n\nBénéficiaire : Maison des Aidants Vernois\nObjet : café des "
     "aidants\nMontant : 1 250,00 €\n\nBénéficiaire : Chorale La Clé des Champs\nObjet : concert solidaire\n"
     "Montant : 400,00 €\n",
     [("Maison des Aidants Vernois", "1250.00", None, None), ("Chorale La Clé des Champs", "400.00", None, None)]),
    ("Les dossiers examinés en commission sont les suivants.\n\nBénéficiaire : Maison des Aidants Vernois\nObjet : "
     "café des aidants\nMontant : 1 250,00 €\n\nBénéficiaire : Chorale La Clé des Champs\nObjet : concert "
     "solidaire\nMontant : 400,00 €\n\nLe Conseil, après en avoir délibéré :\nArticle 1 : attribue aux associations "
     "ci-dessus les subventions de fonctionnement indiquées ;\n",
     [("Maison des Aidants Vernois", "1250.00", "operating", None),
      ("Chorale La Clé des Champs", "400.00", "operating", None)]),
], ids=["tiers-adresse-dossier", "dossier-montant-de-la-subvention", "puces-montant-imputation",
        "projet-apres-tiret-depense-taux-subvention", "aide-de-l-autorite-pres-de-celle-d-un-cofinanceur",
        "fiches-beneficiaire-objet-montant", "fiches-dans-l-expose-aux-associations-ci-dessus"])
def test_blocks_of_lines_under_a_granting_sentence_give_one_grant_a_block(text, grants):
    found = find_grants(text)
    assert [(g.beneficiary, str(g.amount), g.nature, g.account) for g in found.grants] == grants
    assert found.warnings == []


def test_blocks_set_out_in_the_expose_that_no_decision_grants_give_no_grant():
    found = find_grants("Les dossiers examinés en commission sont les suivants.\n\nBénéficiaire : Maison des Aidants "
                        "Vernois\nObjet : café des aidants\nMontant : 1 250,00 €\n\nLe Conseil prend acte de cette "
                        "présentation.\n")
    assert found.grants == []


def test_a_list_of_grants_announced_but_not_read_is_said_in_a_warning():
    found = find_grants("Le Conseil municipal attribue les subventions suivantes :\nFootball Club Saint-Pons 1 200 €\n"
                        "Société de chasse 300 €\n")
    assert found.grants == []
    assert [w[1] for w in found.warnings] == ["no grant read, though the text announces some ('attribue les "
                                              "subventions suivantes'): its layout was not recognised"]


def test_a_list_items_name_stops_at_the_line_that_opens_a_field():
    from graph.ingest.delib_item_names import item_name

    item = "  * PTCE Le Lien Creusois-Fictif (SCIC SA)\n    Projet : création d'une plateforme\n    Montant : 60 K€"
    assert item_name(item, item.index("60")) == "PTCE Le Lien Creusois-Fictif (SCIC SA)"


def test_a_total_when_no_grant_is_read_is_quoted_with_the_table_of_amounts_whose_column_was_not_chosen():
    found = find_grants("RÉGION TESTIE\nSéance du 5 avril 2024\n"
                        "Porteur                                   Coût total      État     Département\n"
                        "Association Pierre Blanche-Fictive            24 000     8 000     6 000\n"
                        "Centre social Les Trois Cités                 15 500     5 000     4 500\n"
                        "Le Conseil ATTRIBUE les subventions du tableau ci-dessus, pour un montant total de 10 500 €.\n")
    assert [fr for fr, _ in found.warnings] == [
        "total annoncé 10 500,00 € ≠ somme des subventions extraites 0,00 € (« …ATTRIBUE les subventions du tableau "
        "ci-dessus, pour un montant total de 10 500 €. ») : un tableau de montants a été vu (« Porteur Coût total État "
        "Département »), mais aucune de ses colonnes n'a été reconnue comme celle des subventions décidées"]


def test_totals_of_a_long_table_are_reconciled_in_one_pass():
    import time

    from graph.ingest.delib_grant_checks import reconcile
    from graph.ingest.delib_grants import GrantFact, GrantsFound, StatedTotal

    found = GrantsFound([GrantFact(f"Association {i}", Decimal(100 + i), (0, 0)) for i in range(2000)],
                        [StatedTotal(Decimal(100 + 7) + Decimal(100 + 8), (0, 0), "Sous-total"),
                         StatedTotal(Decimal(1), (0, 0), "Total")])
    began = time.perf_counter()
    reconcile(found)
    assert time.perf_counter() - began < 1  # summing every run of 2000 grants took minutes
    assert [t.reconciled for t in found.totals] == [True, False]


def test_a_grant_read_from_a_total_row_does_not_reconcile_that_total():
    from graph.ingest.delib_grant_checks import reconcile
    from graph.ingest.delib_grants import GrantFact, GrantsFound, StatedTotal

    found = GrantsFound([GrantFact("Association Tremplin", Decimal(9500), (0, 10)),
                         GrantFact("Régie de quartier", Decimal(7200), (11, 20)),
                         GrantFact("TOTAL", Decimal(16700), (21, 30))],
                        [StatedTotal(Decimal(16700), (21, 30), "TOTAL")])
    reconcile(found)
    assert [t.reconciled for t in found.totals] == [False]


@pytest.mark.parametrize("text, grants, totals", [
    # a schedule of one grant by year: its lines name years, no beneficiary; the decision names it
    ("La convention fixe, par exercice, le montant de la subvention :\n\n"
     "    Exercice 2025 ........  8 000 €\n    Exercice 2026 ........  9 000 €\n"
     "    Exercice 2027 ........  9 500 €\n    Total sur la durée ... 26 500 €\n\n"
     "Le Conseil municipal, après en avoir délibéré, à l'unanimité,\n"
     "ARTICLE 1 : ATTRIBUE à l'association « Les Cordes Sensibles » une subvention de\n"
     "fonctionnement de 8 000 € pour 2025, de 9 000 € pour 2026 et de 9 500 € pour 2027, soit\n"
     "26 500 € sur la durée de la convention.\n",
     [("Les Cordes Sensibles", "8000"), ("Les Cordes Sensibles", "9000"), ("Les Cordes Sensibles", "9500")],
     ["26500"]),
    ("La Ville décide d'attribuer une subvention de 4 000 € au Club A et de 2 500 € au Club B, soit 6 500 €.",
     [("Club A", "4000"), ("Club B", "2500")], ["6500"]),
    # a rule drawn between a list and its total
    ("Le Conseil DÉCIDE d'attribuer les subventions suivantes :\n\n"
     "  Les Amis de la Résidence Bellevue ........................ 1 200 €\n"
     "  Vivre Chez Soi en Verdal ................................. 3 600 €\n"
     "                                                            ---------\n"
     "  TOTAL .................................................... 4 800 €\n\nAdopté à l'unanimité.\n",
     [("Les Amis de la Résidence Bellevue", "1200"), ("Vivre Chez Soi en Verdal", "3600")], ["4800"]),
])
def test_a_schedule_by_year_gives_no_grant_to_a_year_and_a_sum_said_after_the_grants_is_their_total(
        text, grants, totals):
    found = find_grants(text)
    assert sorted((g.beneficiary, str(g.amount)) for g in found.grants) == grants
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [(t, True) for t in totals]


def test_a_cofunding_column_beside_the_grants_leaves_the_table_a_grants_table():
    found = find_grants("| Association | Action | Subvention Ville | Cofinancement État |\n|---|---|---|---|\n"
                        "| Régie de quartier | Jardins | 4 000 € | 6 000 € |\n| Club Ados | Sorties | 1 500 € | |\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Régie de quartier", "4000"),
                                                                      ("Club Ados", "1500")]


@pytest.mark.parametrize("text, total", [
    ("Le total des subventions s'élève à 5 700 €.", "5700"),
    ("La dépense, soit 2 750 € au total, sera imputée à l'article 6574.", "2750"),
    ("APPROUVE l'attribution des subventions telles que présentées ci-dessus, pour un total de 25 500 €,", "25500"),
    ("Approuve en conséquence l'affectation d'un montant de 321 500 € sur l'autorisation de programme n° 2024-01.",
     "321500"),
    ("DÉCIDE\n\n- d'attribuer à l'association Wana une subvention de vingt-deux mille cinq cents\n  euros (22 500 €) ;"
     "\n\nsoit un montant total de vingt-deux mille cinq cents euros (22 500 €), imputé au chapitre 935.", "22500"),
    # the subject named at length before its verb
    ("Article 3 : le montant total des subventions attribuées par la présente délibération s'élève à 4 100,50 €.",
     "4100.50"),
    ("Le montant total des aides allouées aux associations du secteur social est de 9 800 €.", "9800"),
])
def test_totals_said_another_way_are_read(text, total):
    assert [str(t.amount) for t in find_grants(text).totals] == [total]


@pytest.mark.parametrize("text, totals", [
    ("décide d'attribuer les subventions suivantes :\n\n— Ensemble Baroque du Vieux-Port ............ 7 500 €\n"
     "— Chorale des Remparts ..................... 1 200 €\n\nTotal de la 3e répartition : 8 700 €\n", ["8700"]),
    ("décide d'allouer :\n\n1) à l'association Les Pauses Bleues-Fictives : 2 000 euros (café des aidants) ;\n"
     "2) à l'association Répit Provence : 3 500 euros (halte-répit).\n\n"
     "Soit un total de 5 500 euros imputé à l'article 6574 du budget 2024.\n", ["5500"]),
    ("un soutien financier annuel fixé comme suit :\n\n- 2024 : 10 000 €\n- 2025 : 12 000 €\n\n"
     "soit un montant total de 22 000 € sur la durée de la convention.\n", []),
    ("Article 1er : Les subventions suivantes sont attribuées au titre de l'exercice 2025 :\n"
     "   Saint-Barth Tennis Club ....................................... 18 000,00 €\n"
     "   Saint-B'Art Basket ............................................ 12 000,00 €\n"
     "                                                         TOTAL    30 000,00 €\n", ["30000.00"]),
], ids=["total-de-la-repartition", "soit-un-total-sous-une-liste-numerotee", "plan-sur-plusieurs-annees",
        "total-aligne-a-droite-sous-une-liste-pointillee"])
def test_a_line_opening_with_a_total_below_a_list_of_grants_is_a_stated_total(text, totals):
    assert [str(t.amount) for t in find_grants(text).totals] == totals


@pytest.mark.parametrize("text, totals", [
    # a table of the exposé without a header, the grants decided in a sentence below
    ("Commune de Roche          95 000 €\nCommune du Val             60 000 €\nTotal                     155 000 €\n\n"
     "DÉCIDE d'attribuer un fonds de concours de 95 000 € à la Commune de Roche et un fonds de concours de 60 000 € "
     "à la Commune du Val.\n", ["155000"]),
    # a table of four columns, its total under the cost's column's head
    ("Opération            Commune           Coût HT        Fonds de concours\n"
     "MSP de Roche         Commune de Roche  1 150 000 €    95 000 €\n"
     "MSP du Val           Commune du Val      780 000 €    60 000 €\n"
     "                                       Total          155 000 €\n", ["155000"]),
    # a total that is not the sum of the rows above it is none
    ("Commune de Roche          95 000 €\nCommune du Val             60 000 €\nTotal                     200 000 €\n",
     []),
], ids=["tableau-sans-entete-dans-l-expose", "tableau-a-quatre-colonnes", "total-qui-ne-somme-pas"])
def test_a_total_row_that_sums_the_amounts_above_it_is_a_stated_total_in_a_table_not_read(text, totals):
    assert [str(t.amount) for t in find_grants(text).totals] == totals


@pytest.mark.parametrize("text, warned", [
    ("Le Conseil municipal attribue les subventions suivantes :\nFootball Club Saint-Pons\n1 200 €\nSociété de "
     "chasse\n300 €\n", True),
    ("Le Conseil municipal a attribué les subventions suivantes en 2023 :\nFootball Club : 1 200 €\n", False),
    ("DÉCIDE d'attribuer les subventions suivantes :\n- Comité des fêtes : 1 500 €\n", False),
    ("Le Conseil d'administration décide d'allouer :\nFootball Club Saint-Pons\n1 200 €\n", "décide d'allouer"),
    ("Le Conseil d'administration décide d'allouer :\n1) au Football Club Saint-Pons : 1 200 euros (tournoi) ;\n",
     False),
])
def test_a_list_of_grants_announced_of_which_none_is_read_is_reported(text, warned):
    warnings = [fr for fr, _ in find_grants(text).warnings if fr.startswith("aucune subvention lue")]
    quote = warned if isinstance(warned, str) else "attribue les subventions suivantes"
    assert warnings == ([f"aucune subvention lue, bien que le texte en annonce (« {quote} ») : sa présentation n'a "
                         f"pas été reconnue"] if warned else [])


def test_what_a_pdf_writes_of_the_session_is_read():
    a = parse_attendance("Le Conseil, sur convocation adressée le 7 mai 2024, s'est réuni le 14 mai 2024.\n"
                         "| En exercice | 11 |\n| Présents | 9 |\n")
    assert (str(a.convened), a.in_office, a.present_count) == ("2024-05-07", 11, 9)
    assert str(find_published("Date d'affichage : 18/03/2024")) == "2024-03-18"


def test_a_pdfs_page_header_and_line_wraps_do_not_change_the_organ_or_the_authority():
    text = ("RÉGION VAL-DE-LUSSAC\nConseil régional\nCOMMISSION PERMANENTE DU CONSEIL RÉGIONAL\n"
            "Séance du 15 avril 2024\n"
            "La Commission permanente, après en avoir délibéré, décide")
    assert find_body(text) == "Commission Permanente"
    wrapped = ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nLe Conseil communautaire de la Communauté d'Agglomération du "
               "Val de\nLussac, convoqué le 8 avril 2024, s'est réuni")
    assert find_authority(wrapped)[0] == "Communauté d'agglomération du Val de Lussac"


@pytest.mark.parametrize("before, after", [("", ""), ("\n", "\n")], ids=["no-blank-lines", "blank-lines"])
def test_a_page_break_in_a_list_drops_its_footer_and_running_header_and_joins_a_name_it_cut(before, after):
    body = normalise_text("COMMUNE DE TRÉZILLY\nConseil municipal – séance du 5 novembre 2024\n\n"
                          "Le Conseil attribue les subventions suivantes :\n"
                          "     Association France Parrainages                                       14 000 €\n"
                          "     Association La Maison des Liens Familiaux (espace de rencontre,\n"
                          f"     médiation familiale et accueil des pères en\n{before}"
                          "CP du 9 décembre 2024 – Délibération 2024-50                       1 / 2\n"
                          "______________________________________________________________________\n"
                          f"                        COMMUNE DE TRÉZILLY\n{after}"
                          "     situation de rupture)                                                21 300 €\n"
                          "     Association Jumeaux et Plus                                           1 600 €\n"
                          "                                                        Total :         36 900 €\n").body
    found = find_grants(body)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [
        ("Association France Parrainages", "14000"),
        ("Association La Maison des Liens Familiaux", "21300"), ("Association Jumeaux et Plus", "1600")]
    assert found.grants[1].bracket == ("gloss", "espace de rencontre, médiation familiale et accueil des pères en "
                                                "situation de rupture")
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [("36900", True)]


@pytest.mark.parametrize("cut, whole", [
    ("une subvention de 6 000 € à l'associa-\ntion Dracénie Aidants ;", "à l'association\nDracénie Aidants ;"),
    ("une subvention de 2 800 € à l'Association de Préven-\ntion des Chutes ;", "de Prévention\ndes Chutes ;"),
    ("APPROUVE la conven-\ntion d'objectifs avec le club.", "APPROUVE la convention\nd'objectifs avec le club."),
    ("à la ville de Saint-\nÉtienne ;", "à la ville de Saint-\nÉtienne ;"),
    ("à l'amicale des sapeurs-\npompiers ;", "à l'amicale des sapeurs-\npompiers ;"),
    ("à la mairie de Boulogne-\nsur-Mer ;", "à la mairie de Boulogne-\nsur-Mer ;"),
    ("le service médico-\nsocial ;", "le service médico-\nsocial ;"),
    ("les montants ci-\ndessous ;", "les montants ci-\ndessous ;"),
    ("après en avoir délibéré, à l'u-\nnanimité :", "à l'unanimité\n:"),
], ids=["associa-tion", "in-a-name", "conven-tion", "capital-after", "compound-head", "particle-and-hyphen",
        "compound-in-o", "ci-dessous", "one-letter-after-an-elision"])
def test_a_word_cut_by_a_hyphen_at_a_line_end_is_whole_again_and_a_compound_keeps_its_hyphen(cut, whole):
    assert whole in normalise_text("COMMUNE DE TRÉZILLY\nConseil municipal\n\n" + cut + "\n").body


def test_a_word_cut_by_a_hyphen_in_a_list_in_columns_leaves_the_amounts_in_their_column():
    body = normalise_text("COMMUNE DE TRÉZILLY\nConseil municipal\n\n"
                          "Le Conseil attribue les subventions suivantes :\n"
                          "     Association Varoise de Préven-\n"
                          "     tion des Chutes                                                       2 800 €\n"
                          "     Association Jumeaux et Plus                                           1 600 €\n").body
    assert "     Association Varoise de Prévention\n" \
           "          des Chutes                                                       2 800 €" in body


def test_ligatures_and_typographic_apostrophes_are_spelled_plain_and_a_name_ends_before_afin_de():
    text = ("COMMUNE DE TRÉZILLY\nConseil municipal\n\nLe Conseil décide d’attribuer une subvention de 1 500 € à "
            "l’association Trézilly Diﬀérences et Handicap aﬁn de ﬁnancer ses ateliers.\n\n"
            "Bénéﬁciaire                  Montant\nL’Eﬀort Solidaire              800 €\nClub Aﬄux      300 €\n")
    body = normalise_text(text).body
    assert "ﬀ" not in body and "’" not in body
    # a line in columns keeps its amount where it stood: the added letter is taken from the gap before it
    assert "\nL'Effort Solidaire             800 €\nClub Afflux    300 €" in body
    found = find_grants(body)
    assert ("Trézilly Différences et Handicap", "1500") in [(g.beneficiary, str(g.amount)) for g in found.grants]


def test_a_margin_of_line_numbers_is_dropped_and_names_do_not_keep_them():
    lines = ["COMMUNE DE TRÉZILLY", "", "Conseil municipal du 5 mai 2024", "",
             "Le Conseil attribue les subventions suivantes :", "– Association Les Aidants : 3 000 €",
             "– Club Santé Jeunes : 2 000 €", "", "Adopté à l'unanimité."]
    text = "\n".join(f"{n:3}   {line}".rstrip() for n, line in enumerate(lines, start=1))
    body = normalise_text(text).body
    assert body.split("\n") == lines
    assert [g.beneficiary for g in find_grants(body).grants] == ["Association Les Aidants", "Club Santé Jeunes"]



@pytest.mark.parametrize("left, right, top, rule, bottom", [("|", "|", "+", "-", "+"), ("│", "│", "┌", "─", "└")])
def test_a_form_laid_out_in_boxes_is_read_as_its_lines_and_a_table_keeps_its_cells(left, right, top, rule, bottom):
    def box(*lines):
        edge = rule * 60
        return "\n".join([top + edge] + [f"{left} {line:<58} {right}" for line in lines] + [bottom + edge])
    text = "\n".join(["COMMUNE DE TRÉZILLY", "Délibération n° 2024-50", "Séance du 5 mai 2024",
                      box("Convocation : 28 avril 2024"),
                      box("Le Conseil municipal, après en avoir délibéré :",
                          "- attribue une subvention de 2 500 € à l'association Trézilly Aidants ;"),
                      "", "| Bénéficiaire | Montant |", "| Club A | 300 € |", "", "Adopté à l'unanimité."])
    body = normalise_text(text).body
    assert "\nConvocation : 28 avril 2024\n" in body and "| Club A | 300 € |" in body
    assert sorted(g.beneficiary for g in find_grants(body).grants) == ["Club A", "Trézilly Aidants"]

@pytest.mark.parametrize("text", [
    "\n".join(f"{n}   Club n° {n}   {n} 000 €" for n in range(1, 5)),
    "\n".join(f"{year}        {n} 000 €" for n, year in enumerate(range(2016, 2026), start=1)),
    "ANNEXE\n N°     Bénéficiaire           Montant\n"
    + "\n".join(f"{n:2}      Club n° {n}      {n} 000" for n in range(1, 13)),
], ids=["few-numbered-lines", "years", "numbered-table"])
def test_numbers_that_open_a_few_lines_or_years_are_no_margin_of_line_numbers(text):
    assert clean_text(text) == text


@pytest.mark.parametrize("text", [
    "Bénéficiaire                        Objet                          Montant (€)\n"
    "Association des Aidants de Trézilly Plateforme d'écoute                  8 000\n"
    "Club Santé Seniors                  Ateliers d'équilibre                15 000\n"
    "                                                        Report ..... 23 000\n\n"
    "Délibération 2024-50                                               Page 2/3\n\n"
    "Bénéficiaire                        Objet                          Montant (€)\n"
    "                                       Report de la page précédente 23 000\n"
    "Maison de Santé du Val              Coordination                         4 500\n"
    "                                                        TOTAL ...... 27 500\n",
    "| Bénéficiaire | Objet | Montant |\n| Association des Aidants de Trézilly | Écoute | 8 000 € |\n"
    "| Club Santé Seniors | Équilibre | 15 000 € |\n| À reporter | | 23 000 € |\n"
    "| Bénéficiaire | Objet | Montant |\n| Maison de Santé du Val | Coordination | 4 500 € |\n"
    "| Total | | 27 500 € |\n",
], ids=["aligned", "pipes"])
def test_a_table_over_two_pages_reads_no_row_in_its_repeated_header_nor_its_carried_forward_sum(text):
    document = normalise_text("COMMUNE DE TRÉZILLY\nConseil municipal\n\nLe Conseil attribue les subventions "
                              "figurant dans le tableau ci-dessous :\n\n" + text)
    found = find_grants(document.body)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [
        ("Association des Aidants de Trézilly", "8000"), ("Club Santé Seniors", "15000"),
        ("Maison de Santé du Val", "4500")]
    assert [(str(t.amount), t.reconciled) for t in found.totals] == [("27500", True)]


def test_a_page_break_between_paragraphs_leaves_them_apart():
    body = normalise_text("COMMUNE DE TRÉZILLY\nConseil municipal\n\nLe Maire expose le projet.\n\n"
                          "Délibération 2024-50                     Page 1/2\nCOMMUNE DE TRÉZILLY\n\n"
                          "Le Conseil, après en avoir délibéré,\n").body
    assert body.split("\n")[2:] == ["", "Le Maire expose le projet.", "", "Le Conseil, après en avoir délibéré,"]


def test_a_grant_whose_sentence_names_its_account_has_that_one_and_page_numbers_do_not_cut_lists(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE SAINT-AVOLD-FICTIF\nDélibération n° 2024-12\nObjet : Subventions\n"
                    "Séance du 4 avril 2024\n"
                    "Présents : M. Jean DUPONT, Mme Annie\nPage 1/3\nFAURIE, M. Paul MARTIN\n"
                    "Le Conseil municipal, après en avoir délibéré, DÉCIDE :\n"
                    "- d'allouer au Conseil de fabrique une subvention de 4 500 € (compte 20418) ;\n"
                    "- d'allouer à l'Amicale des pompiers une subvention de 600 € ;\n"
                    "Les crédits sont inscrits au compte 6574.\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    accounts = {str(next(graph.objects(next(graph.objects(g, MAI.beneficiary)), RDFS.label))):
                str(next(graph.objects(g, MAI.budgetNature))).rsplit("/", 1)[-1]
                for g in graph.subjects(RDF.type, MAI.Grant)}
    assert accounts == {"Conseil de fabrique": "20418", "Amicale des pompiers": "6574"}
    assert parse_attendance("Présents : M. Jean DUPONT, Mme Annie\nFAURIE, M. Paul MARTIN\n").present[1].label == \
        "Annie FAURIE"


def _grant_accounts(graph) -> dict[str, tuple[str | None, str | None]]:
    """Each grant's beneficiary: its account (M57 concept, else as printed) and its nature."""
    found = {}
    for grant in graph.subjects(RDF.type, MAI.Grant):
        label = str(next(graph.objects(next(graph.objects(grant, MAI.beneficiary)), RDFS.label)))
        account = next((str(n).rsplit("/", 1)[-1] for n in graph.objects(grant, MAI.budgetNature)),
                       next((str(a) for a in graph.objects(grant, MAI.budgetAccount)), None))
        found[label] = (account, next((str(n).rsplit("/", 1)[-1] for n in graph.objects(grant, MAI.nature)), None))
    return found


@pytest.mark.parametrize("decision, accounts", [
    ("Il est proposé d'attribuer les subventions exceptionnelles suivantes :\n"
     "  - Club Nautique des Bassins ...................... 12.000 €\n"
     "Ces subventions seront imputées sur le budget de l'exercice 2024, chapitre 65, compte 6745.\n",
     {"Club Nautique des Bassins": ("6745", "project")}),
    ("ARTICLE 1 : Une subvention exceptionnelle de 1 500,00 euros est attribuée à l'association Patrimoine Vivant.\n"
     "ARTICLE 2 : Une subvention de 750,00 euros est attribuée à l'Union Sportive Montreuillaise.\n"
     "ARTICLE 3 : Une subvention de 3 200 € est attribuée à l'association Thouet Santé.\n"
     "ARTICLE 4 : Les crédits sont inscrits au budget 2024 : compte 6745 pour les articles 1\net 2, compte 6574 pour "
     "l'article 3.\n",
     {"Patrimoine Vivant": ("6745", "project"), "Union Sportive Montreuillaise": ("6745", None),
      "Thouet Santé": ("6574", "operating")}),
    ("Bénéficiaire                      Projet                                  Coût HT    Taux   Aide\n"
     "Commune de Mens-Fictive           Cabinet de télémédecine en mairie        74 000    50 %   37 000\n"
     "Association Trièves Santé         Animation du réseau e-santé du Trièves   25 000    50 %   12 500\n\n"
     "La commission, après en avoir délibéré, décide d'attribuer les aides figurant dans le tableau ci-dessus.\n"
     "Les crédits sont imputés aux comptes 204142 (subventions aux communes) et 6574 (subventions aux\n"
     "associations) du budget 2024.\n",
     {"Commune de Mens-Fictive": ("204142", "investment"), "Association Trièves Santé": ("6574", "operating")}),
    ("ARTICLE 1 : Sont attribuées les subventions suivantes :\n- à l'association Femmes Santé : 12 500 € ;\n"
     "ARTICLE 2 : La dépense sera imputée sur le Budget 2024 - Nature 6574.1 - Fonction 411.\n",
     {"Femmes Santé": ("6574", "operating")}),
    ("DÉCIDE d'attribuer une subvention de 540 € au Collège Les Goussons et une subvention de 144 € au FSE du "
     "Collège Jean Monnet.\nLa dépense sera imputée au compte 65738 du budget 2025, sauf pour le FSE (compte 6574).\n",
     {"Collège Les Goussons": ("65738", "operating"), "FSE du Collège Jean Monnet": ("6574", "operating")}),
    ("– d'attribuer les aides régionales suivantes :\n\n"
     "Bénéficiaire                     Objet                        Aide régionale\n"
     "PTCE Loire Santé                 Animation du pôle            35 000 €\n"
     "SCIC Vieillir Ensemble           Équipement de l'atelier      48 500 €\n"
     "Association Aidants du Cher      Poste de coordination        15 000 €\n\n"
     "(l'aide à la SCIC Vieillir Ensemble est une subvention d'investissement, imputée au chapitre 909,\n"
     "nature 20422 ; les deux autres sont des subventions de fonctionnement, chapitre 939, nature 6574)\n",
     {"PTCE Loire Santé": ("6574", "operating"), "SCIC Vieillir Ensemble": ("20422", "investment"),
      "Association Aidants du Cher": ("6574", "operating")}),
    ("SECTION DE FONCTIONNEMENT – DÉPENSES\n Chap.  Article  Fonction  Libellé                        Montant\n"
     " 65     6574     40        Subv. fonct. (Basket Club)     + 3 500,00\n"
     " 65     65548    020       Contributions                  + 8 740,00\n"
     " 022    022      01        Dépenses imprévues            - 12 240,00\n\n"
     "- APPROUVE la décision modificative n° 3 ;\n- ATTRIBUE une subvention de 3 500 € au Langon Basket Club.\n",
     {"Langon Basket Club": ("6574", "operating")}),
    ("Décision modificative n° 2\n  022 – Dépenses imprévues                  - 9 000,00 €\n"
     "  65 / 657362 – Subvention au CCAS          + 9 000,00 €\n\n- ADOPTE la décision modificative n° 2 ;\n"
     "- OCTROIE au Centre communal d'action sociale de Val-Joli une subvention complémentaire de 9 000 € ;\n",
     {"Centre communal d'action sociale de Val-Joli": ("657362", "operating")}),
    ("ARTICLE 1 : accorde une subvention de 2 400 € à l'Amicale des pupilles de l'Aveyron ;\n"
     "ARTICLE 2 : accorde une subvention exceptionnelle d'investissement de 5 500 € à l'Amicale des sapeurs-\n"
     "pompiers de Millau pour l'acquisition d'un véhicule ;\n"
     "ARTICLE 3 : les dépenses seront imputées aux articles 6574 (article 1) et 20421 (article 2) du budget 2025.\n",
     {"Amicale des pupilles de l'Aveyron": ("6574", "operating"),
      "Amicale des sapeurs-pompiers de Millau": ("20421", "investment")}),
    ("APPROUVE l'attribution des aides suivantes, imputées sur le budget 2025 (compte 6574) :\n\n"
     "  Association                                Projet                       Montant\n"
     "  Ciné-Club de la Faculté des Lettres        Cycle courts-métrages        650,00 EUR\n\n"
     "APPROUVE l'attribution des aides individuelles à la mobilité suivantes (compte 6714,\nbourses et prix) :\n"
     "  - Mme Clémence VERGNAUD, master 2, semestre à Montréal : 1 200,00 EUR ;\n"
     "  - M. Yanis BOUKHALFA, licence 3, stage à Valence : 800,00 EUR.\n",
     {"Ciné-Club de la Faculté des Lettres": ("6574", "operating"), "Clémence VERGNAUD": ("6714", None),
      "Yanis BOUKHALFA": ("6714", None)}),
    ("1. ATTRIBUE une aide à l'installation de 20 000 € au Docteur Mathilde FAURIEL, médecin généraliste ;\n"
     "2. ATTRIBUE des bourses d'études aux internes en médecine générale, au taux de 600 € par mois :\n"
     "     - Mme Elsa CHAMBONNET, interne de 2e année, 12 mois, soit 7 200 € ;\n"
     "3. DIT que les dépenses seront imputées au budget 2025 : compte 6574 pour les aides à\n"
     "   l'installation et compte 6513 (bourses) pour les bourses d'études.\n",
     {"Mathilde FAURIEL": ("6574", "operating"), "Elsa CHAMBONNET": ("6513", None)}),
    ("DÉCIDE :\n  – d'attribuer à l'association Lune Solidaire une subvention de 45 000 € ;\n"
     "  – d'attribuer à la SCIC Roule Ensemble une subvention d'équipement de 18 000 € (compte 20422) ;\n"
     "  – d'attribuer à l'association Mains Tendues une subvention de 6 000 €.\n",
     {"Lune Solidaire": (None, None), "SCIC Roule Ensemble": ("20422", "investment"), "Mains Tendues": (None, None)}),
    ("1°) ACCORDE une subvention exceptionnelle de 3 500 € à l'association Fil d'Ariane (compte 6745) ;\n"
     "2°) ACCORDE une subvention de 2 000 € à l'association Les Copains d'Abord.\n",
     {"Fil d'Ariane": ("6745", "project"), "Les Copains d'Abord": (None, None)}),
    ("DÉCIDE d'attribuer les subventions suivantes :\n- Comité des fêtes : 1 500 €\n- Club de l'Amitié : 450 €\n"
     "soit un total de 1 950 €, imputé au c/6574 du budget primitif 2024.\n",
     {"Comité des fêtes": ("6574", "operating"), "Club de l'Amitié": ("6574", "operating")}),
    ("ARTICLE 1 : ALLOUE une aide de 9 000 € à l'association Val Répit pour le fonctionnement de sa plateforme.\n\n"
     "ARTICLE 2 : ALLOUE une aide de 3 100 € à l'association Les Genêts du Val pour l'achat d'un\n"
     "minibus adapté (subvention d'investissement, compte 20421).\n",
     {"Val Répit": (None, None), "Les Genêts du Val": ("20421", "investment")}),
], ids=["compte-6745", "compte-par-article", "compte-par-type-de-beneficiaire", "nature-sous-article",
        "compte-nomme-pour-un-beneficiaire", "compte-d-une-ligne-dit-apres-le-tableau",
        "compte-de-la-ligne-de-decision-modificative", "compte-de-la-ligne-de-decision-modificative-chapitre-barre",
        "articles-entre-parentheses-apres-les-comptes", "compte-de-la-phrase-qui-annonce-la-liste",
        "compte-des-bourses", "compte-d-une-puce-reste-le-sien", "compte-d-une-clause-numerotee-reste-le-sien",
        "compte-sous-la-liste-vaut-pour-toute-la-liste",
        "compte-sur-la-ligne-de-suite-d-un-article-reste-le-sien"])
def test_each_grant_has_the_account_named_for_it_its_article_or_its_kind_of_beneficiary(tmp_path, decision,
                                                                                        accounts):
    path = tmp_path / "deliberation.txt"
    path.write_text("VILLE DE MONTREUIL-BELLAY-FICTIVE\nSÉANCE DU 12 DÉCEMBRE 2024\nDélibération n° 2024-12-087\n"
                    "Le Conseil municipal, après en avoir délibéré,\n" + decision + "Adopté à l'unanimité.\n",
                    encoding="utf-8")
    assert _grant_accounts(extract_fixture(path).graph) == accounts


@pytest.mark.parametrize("imputation, investment", [
    ("- d'imputer les dépenses de fonctionnement sur le compte 6574 et les dépenses d'investissement sur le compte "
     "204182 du budget 2024.", ("204182", None)),
    ("Les crédits sont imputés aux comptes 6574 pour le fonctionnement et 204142 pour l'investissement.",
     (None, "204142")),
])
def test_a_code_column_headed_f_i_gives_each_grant_its_nature_and_the_account_stated_for_it(tmp_path, imputation,
                                                                                             investment):
    path = tmp_path / "deliberation.txt"
    path.write_text("DÉPARTEMENT DE SAÔNE-ET-LOIRE-FICTIVE\nCOMMISSION PERMANENTE du vendredi 15 novembre 2024\n"
                    "Délibération n° 204\nOBJET : Centres de santé – Subventions 2024\n"
                    "La Commission permanente, après en avoir délibéré, DÉCIDE d'attribuer les aides suivantes :\n"
                    " Bénéficiaire                              Objet                               F/I     Montant\n"
                    " Association Santé Mentale Charolais       Permanences psychologues            F       9 500 €\n"
                    " Commune de Digoin-Fictive                 Travaux du centre de santé          I      45 000 €\n"
                    "                                                                  TOTAL          54 500 €\n"
                    + imputation + "\nAdopté à l'unanimité.\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    grants = {}
    for grant in graph.subjects(RDF.type, MAI.Grant):
        label = str(next(graph.objects(next(graph.objects(grant, MAI.beneficiary)), RDFS.label)))
        grants[label] = (str(next(graph.objects(grant, MAI.nature))).rsplit("/", 1)[-1],
                         next((str(n).rsplit("/", 1)[-1] for n in graph.objects(grant, MAI.budgetNature)), None),
                         next((str(a) for a in graph.objects(grant, MAI.budgetAccount)), None))
    assert grants == {"Association Santé Mentale Charolais": ("operating", "6574", None),
                      "Commune de Digoin-Fictive": ("investment", investment[0], investment[1])}


def test_amounts_written_after_their_currency_are_read():
    from graph.ingest.delib_text import normalise_text

    text = "DÉCIDE d'attribuer les subventions suivantes :\nUnion Musicale ....... € 2 300,00\nClub Amitié ....... € 850\n"
    found = find_grants(normalise_text(text).body)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Union Musicale", "2300.00"), ("Club Amitié", "850")]


@pytest.mark.parametrize("table", [
    "Nom du bénéficiaire           Opération   Objet                                 Montant proposé\n"
    "INVESTISSEMENT\n"
    "IFSI de Cornouaille-Fictif    24007781    Équipement du laboratoire de          90 000,00\n"
    "                                          simulation en santé\n"
    "FONCTIONNEMENT\n"
    "Association Bretagne Santé    24007815    Ingénierie du dispositif              20 000,00\n"
    "Rurale                                    d'accueil des internes\n",
    "| Nom du bénéficiaire | Opération | Objet | Montant proposé |\n| INVESTISSEMENT |  |  |  |\n"
    "| IFSI de Cornouaille-Fictif | 24007781 | Équipement du laboratoire de simulation en santé | 90 000,00 |\n"
    "| Fonctionnement |  |  |  |\n"
    "| Association Bretagne Santé Rurale | 24007815 | Ingénierie du dispositif d'accueil des internes | 20 000,00 |\n",
], ids=["aligne", "filets"])
def test_a_section_row_that_names_a_nature_gives_it_to_the_rows_below(table):
    found = find_grants("- d'AFFECTER les crédits pour le financement des opérations figurant ci-dessous :\n\n" + table)
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == [
        ("IFSI de Cornouaille-Fictif", "90000.00", "investment"),
        ("Association Bretagne Santé Rurale", "20000.00", "operating")]


def test_the_nature_that_the_decision_gives_the_grants_of_its_table_is_theirs():
    found = find_grants("Bénéficiaire                      Objet                                      Montant\n"
                        "Les Ateliers de l'Estran          Ateliers d'éducation thérapeutique          8 500 €\n"
                        "Collectif Aidants Lyonnais        Accueil, écoute et formation des aidants    6 800 €\n\n"
                        "DELIBERE\n1° - Attribue des subventions de fonctionnement d'un montant total de 15 300 € au "
                        "profit des\nassociations mentionnées dans le tableau ci-dessus pour l'année 2024.\n")
    assert [(g.beneficiary, g.nature) for g in found.grants] == [("Les Ateliers de l'Estran", "operating"),
                                                                 ("Collectif Aidants Lyonnais", "operating")]


def test_a_row_without_a_name_under_a_merged_cell_is_a_second_grant_to_the_beneficiary_above():
    found = find_grants("attribue les aides suivantes :\n| Bénéficiaire | Opération | Nature | Montant affecté |\n"
                        "| Sport |  |  |  |\n"
                        "| Ligue de Handball | Plan de féminisation | Fonctionnement | 18 000 € |\n"
                        "|  | Acquisition de minibus | Investissement | 25 000 € |\n"
                        "| Sous-total Sport |  |  | 43 000 € |\n")
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == [
        ("Ligue de Handball", "18000", "operating"), ("Ligue de Handball", "25000", "investment")]
    assert found.warnings == []


def test_a_pipe_tables_row_that_goes_on_the_name_above_is_part_of_it_not_a_row_of_its_own():
    found = find_grants("attribue les subventions suivantes :\n| Bénéficiaire | Objet | Montant |\n|---|---|---|\n"
                        "| Association Festival des Causses Musicales | 12e édition | 6.500,00 € |\n"
                        "| (FCM) |  |  |\n"
                        "| Union régionale des professionnels de | Déploiement des CPTS en Meuse et Haute- | 7 000 € |\n"
                        "| santé (URPS) | Marne |  |\n"
                        "| FOYERS RURAUX |  |  |\n"
                        "| Foyer rural de Meyrueis-Fictif | Saison théâtrale | 2.200,00 € |\n")
    assert [(g.beneficiary, str(g.amount), g.purpose, g.bracket) for g in found.grants] == [
        ("Association Festival des Causses Musicales", "6500.00", "12e édition", ("acronym", "FCM")),
        ("Union régionale des professionnels de santé", "7000", "Déploiement des CPTS en Meuse et Haute-Marne",
         ("acronym", "URPS")),
        ("Foyer rural de Meyrueis-Fictif", "2200.00", "Saison théâtrale", None)]


@pytest.mark.parametrize("table", [
    # no frame, a head on two lines, in thousands of euros, beside an eligible cost and a rate
    "Bénéficiaire            | Opération        | Dépense éligible | Taux | Subvention\n"
    "                        |                  |     (k€ HT)      |      |    (k€)\n"
    "Commune de Vallon-Test  | MSP – travaux    |     1 250,0      | 12 % |  150,0\n"
    "SISA Santé Gamma        | Équipements MSP  |       165,0      | 30 % |   49,5\n"
    "                        |                  |                  | TOTAL|  199,5\n",
    "Bénéficiaire            | Opération        | Subvention (k€)\n"
    "Commune de Vallon-Test  | MSP – travaux    |  150,0\n"
    "SISA Santé Gamma        | Équipements MSP  |   49,5\n",
    "Bénéficiaire            | Subvention (€)\nCommune de Vallon-Test  | 150 000\nSISA Santé Gamma        |  49 500\n"])
def test_a_pipe_table_without_frame_is_read_a_cell_a_column_in_its_unit(table):
    found = find_grants("DÉCIDE d'attribuer les subventions figurant dans le tableau ci-dessous :\n\n" + table)
    assert [(g.beneficiary, g.amount) for g in found.grants] == [("Commune de Vallon-Test", Decimal("150000")),
                                                                ("SISA Santé Gamma", Decimal("49500"))]


@pytest.mark.parametrize("investment, operating", [("Inv.", "Fonct."), ("Invest.", "Fonct"), ("INV.", "FONCT.")])
def test_a_nature_column_of_words_cut_short_gives_each_grant_its_nature(investment, operating):
    found = find_grants("DÉCIDE d'attribuer les aides figurant ci-dessous :\n\n"
                        " N°   Bénéficiaire                  Objet                        Nature   Montant\n"
                        f" 1    Commune de Mayet-Fictif       Centre de santé              {investment:<8} 35 000\n"
                        f" 2    CPTS Sud Vendée Littoral      Coordination                 {operating:<8} 15 000\n")
    assert [(g.beneficiary, str(g.amount), g.nature) for g in found.grants] == [
        ("Commune de Mayet-Fictif", "35000", "investment"),
        ("CPTS Sud Vendée Littoral", "15000", "operating")]


def test_an_imputation_column_gives_each_grant_its_account_and_a_loans_row_is_no_grant():
    found = find_grants("| Bénéficiaire | Objet | Nature | Imputation | Montant |\n"
                        "| Épicerie sociale | Achat d'un véhicule | Investissement | 204-20421 | 12 000 € |\n"
                        "| Association Emploi Solidarité | Ateliers collectifs | Fonctionnement | 65-6574 | 8 500 € |\n"
                        "| SAS Pyrène Robotique | Robot | Avance remboursable | 274 | 300 000 € |\n")
    assert [(g.beneficiary, g.account) for g in found.grants] == [("Épicerie sociale", "20421"),
                                                                  ("Association Emploi Solidarité", "6574")]


def test_a_table_headed_as_given_for_the_record_is_no_grant():
    found = find_grants("attribue aux associations figurant en annexe 1 les subventions indiquées.\n"
                        "Annexe 1 – Subventions attribuées au titre de 2024\n| N° | Association | Montant |\n"
                        "| 1 | Foyer Notre-Dame | 9 000 € |\n"
                        "Annexe 2 – Pour mémoire : subventions attribuées en 2023\n| Association | Montant 2023 |\n"
                        "| Foyer Notre-Dame | 8 500 € |\n| Secours Catholique | 2 000 € |\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Foyer Notre-Dame", "9000")]


def test_a_sections_heading_in_capitals_is_no_part_of_the_next_rows_name():
    found = find_grants("N°  Association                         Commune             Montant\n"
                        "CANTON DE LAMASTRE-FICTIF\n"
                        "7   Les Amis du Vieux Lamastre           Lamastre-Fictif     1 100 €\n"
                        "8   ASSOCIATION DES AMIS DU\n    MOULIN                             Lamastre-Fictif     900 €\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Les Amis du Vieux Lamastre", "1100"),
                                                                      ("ASSOCIATION DES AMIS DU MOULIN", "900")]


@pytest.mark.parametrize("recall", [
    "Le Centre de soins Les Aulnes-Fictif perçoit chaque année une subvention de fonctionnement de la Ville "
    "(48 000 € en 2025).",
    "Le Centre de soins Les Aulnes-Fictif bénéficie depuis 2019 d'une subvention de 48 000 € de la Ville.",
])
def test_the_grant_a_beneficiary_receives_year_after_year_recalled_is_no_grant(recall):
    found = find_grants(recall + " Afin de lui éviter une rupture de trésorerie, il est proposé de lui verser une "
                        "avance.\n\nLe Conseil municipal, après en avoir délibéré :\n"
                        "DÉCIDE de verser au Centre de soins Les Aulnes-Fictif une avance de 16 000 € sur la "
                        "subvention 2026.\n")
    assert [(g.beneficiary, str(g.amount), g.year) for g in found.grants] == [
        ("Centre de soins Les Aulnes-Fictif", "16000", 2026)]


def test_the_budget_year_of_one_grants_clause_is_not_the_other_grants(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("VILLE DE BRESSANGES-FICTIF\nDélibération n° DCM-2025-301\nSéance du 11 décembre 2025\n"
                    "Objet : Subvention exceptionnelle et avance sur subvention 2026\n"
                    "Le Conseil municipal, après en avoir délibéré, à l'unanimité :\n"
                    "1°) ACCORDE une subvention exceptionnelle de 2 500 € à l'association Abri Gare-Fictif ;\n"
                    "2°) DÉCIDE de verser au Centre de soins Les Aulnes-Fictif une avance de 16 000 € sur la "
                    "subvention 2026, imputée au compte 6574 du budget 2026.\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    years = {str(graph.value(grant, SCHEMA.amount)): [int(y) for y in graph.objects(grant, MAI.fiscalYear)]
             for grant in graph.subjects(RDF.type, MAI.Grant)}
    assert years == {"2500": [2025], "16000": [2026]}


def test_an_aligned_table_of_applicants_by_initials_with_words_spilling_under_the_amounts_head():
    found = find_grants(
        "Les demandes ci-dessous dépassent le plafond de la commission ; les noms sont anonymisés.\n\n"
        "  Réf.          Demandeur        Nature de l'aide                          Montant accordé\n"
        "  AF-25-041     Mme L. G.        Aide – facture d'eau (réglée au fournisseur)      850 €\n"
        "  AF-25-047     M. et Mme T. N.  Aide – frais de déménagement                      1 300 €\n"
        "  AF-25-052     M. J.-P. R.      Aide – dépôt de garantie                          990 €\n\n"
        "Le Conseil d'administration, après en avoir délibéré, accorde les aides proposées ci-dessus.\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("L. G.", "850"), ("T. N.", "1300"),
                                                                      ("J.-P. R.", "990")]


@pytest.mark.parametrize("imputation, accounts", [
    # an account for each kind of beneficiary, in the singular too
    ("Les dépenses seront imputées à l'article 6574 (associations) et 657341 (commune).",
     {"1500": "6574", "9000": "657341"}),
    # the kinds' accounts of investment spending are no account of an association's operating grant
    ("Les dépenses de fonctionnement sont imputées au compte 6574, et les dépenses d'investissement aux comptes "
     "204142 (collectivités) et 20422 (organismes privés).", {"1500": "6574", "9000": "6574"}),
])
def test_an_account_named_for_a_kind_of_beneficiary_goes_to_its_grants_of_that_nature(tmp_path, imputation, accounts):
    path = tmp_path / "deliberation.txt"
    path.write_text("COLLECTIVITÉ DE MARONI-FICTIVE\nDélibération n° CP-2025-77\nSéance du 10 juin 2025\n"
                    "Objet : Santé communautaire\nLa Commission permanente, après en avoir délibéré, à l'unanimité :\n"
                    "ARTICLE 1 : attribue une subvention de fonctionnement de 1 500 € à l'association Kalina Santé ;\n"
                    "ARTICLE 2 : attribue une subvention de fonctionnement de 9 000 € à la Commune d'Awala-Fictive ;\n"
                    f"ARTICLE 3 : {imputation}\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    found = {str(graph.value(grant, SCHEMA.amount)): str(graph.value(grant, MAI.budgetNature)).rsplit("/", 1)[-1]
             for grant in graph.subjects(RDF.type, MAI.Grant)}
    assert found == accounts


def test_a_grants_purpose_that_runs_onto_an_indented_line_is_one_phrase(tmp_path):
    path = tmp_path / "deliberation.txt"
    path.write_text("COMMUNE DE LUSSAC-FICTIF\nDélibération n° 2025-12\nSéance du 5 mars 2025\nObjet : Aides\n"
                    "Le conseil, à l'unanimité, décide d'attribuer :\n"
                    "- Association Trame Santé : 35 000 € pour l'animation du PTCE et le fonctionnement du tiers-lieu\n"
                    "  santé ;\n- Association Les Ateliers : 8 500 € pour les ateliers de bien-être\n"
                    "  psychique en milieu rural.\n", encoding="utf-8")
    graph = extract_fixture(path).graph
    assert sorted(str(graph.value(grant, DCTERMS.description)) for grant in graph.subjects(RDF.type, MAI.Grant)) == [
        "animation du PTCE et le fonctionnement du tiers-lieu santé", "ateliers de bien-être psychique en milieu rural"]


@pytest.mark.parametrize("text, excused, proxies", [
    # the executive who signs under that office, in their own name
    ("Présents : Mme Anne MOREL, M. Paul GIRARD\nExcusés ayant donné pouvoir : M. le Maire à Mme Anne MOREL, "
     "M. Victor ROY à M. Paul GIRARD.\n\nAdopté.\n\nPour extrait conforme,\nLe Maire,\nBernard FAYOLLE\n",
     ["Bernard FAYOLLE", "Victor ROY"], [("Victor ROY", "Paul GIRARD"), ("Bernard FAYOLLE", "Anne MOREL")]),
    ("Présents : Mme Anne MOREL\nExcusés : M. le Maire (pouvoir à Mme Anne MOREL), M. Luc ROY.\n\nAdopté.\n"
     "Le Maire,\nBernard FAYOLLE\n", ["Bernard FAYOLLE", "Luc ROY"], [("Bernard FAYOLLE", "Anne MOREL")]),
    ("Présents : Mme Anne MOREL\nPouvoir : M. le Président à Mme Anne MOREL\n\nAdopté.\nLe Président,\nLuc VIAL\n",
     [], [("Luc VIAL", "Anne MOREL")]),
])
def test_a_member_named_by_their_office_is_the_person_the_text_names_in_it(text, excused, proxies):
    a = parse_attendance(text)
    assert sorted(p.label for p in a.excused) == excused
    assert sorted((p.giver.label, p.holder.label) for p in a.proxies) == sorted(proxies)
    assert a.by_office == []


@pytest.mark.parametrize("signature, by_office", [
    ("", [("proxies", "M. le Maire")]),
    # one who signs for the mayor is not the mayor
    ("Pour le Maire empêché,\nLe Maire,\nAnne MOREL\n", [("proxies", "M. le Maire")]),
])
def test_a_member_named_by_an_office_the_text_names_no_one_in_is_reported(tmp_path, signature, by_office):
    text = ("COMMUNE DE SAINT-FICTIF\nSéance du 4 juillet 2024\nDélibération n° 2024-40\n"
            "Présents : Mme Anne MOREL, M. Paul DURAND.\nPouvoirs : M. le Maire à Mme Anne MOREL.\n\n"
            "Le Conseil municipal, après en avoir délibéré, DÉCIDE d'attribuer une subvention de 500 € à "
            "l'association Santé Solidaire.\n\nAdopté à l'unanimité.\n\n" + signature)
    assert [(kind, office) for kind, office, _ in parse_attendance(text).by_office] == by_office
    path = tmp_path / "deliberation.txt"
    path.write_text(text, encoding="utf-8")
    assert any("« M. le Maire » est nommé par sa fonction" in i.message and "Anne MOREL" in i.message
               for i in extract_fixture(path).issues)


@pytest.mark.parametrize("head", ["Professionnel", "Professionnel de santé", "Praticien", "Bénéficiaire"])
def test_a_table_whose_cells_tabs_part_is_read_cell_by_cell_whatever_its_heads_width(head):
    """Aids to health professionals, headed by whom they go to; a long cell ("Infirmière en pratique avancée") runs
    past the next column's head once its tabs are spaces: the tabs part the cells."""
    body = ("DÉCIDE d'attribuer l'aide à l'installation suivante :\n\n"
            f"{head}\tProfession\tDate d'installation\tAide\n"
            "Dr Camille ROUMEGOUX\tMédecin généraliste\t02/01/2024\t5 000 €\n"
            "Mme Inès BOUDOU\tInfirmière en pratique avancée\t03/06/2024\t4 000 €\n"
            "Total\t\t\t9 000 €\n")
    found = find_grants(body)
    assert sorted((g.beneficiary, str(g.amount)) for g in found.grants) == [
        ("Camille ROUMEGOUX", "5000"), ("Inès BOUDOU", "4000")]
    assert [str(t.amount) for t in found.totals] == ["9000"] and not found.warnings


def test_a_run_of_grants_given_amount_first_is_read_whole_with_its_stated_total():
    body = ("Le Conseil municipal, après en avoir délibéré, à l'unanimité, décide de verser au titre de l'année 2024 : "
            "650 € à l'ADMR du Haut-Pilat, 400 € à la Banque alimentaire de la Loire, 250 € à APF France handicap – "
            "délégation de la Loire, 150 € à l'Association des Conjoints Survivants du Pilat et 120 € à l'association "
            "JALMALV Loire (accompagnement des personnes en fin de vie), soit au total 1 570 €.\n")
    found = find_grants(body)
    assert sorted((g.beneficiary, str(g.amount)) for g in found.grants) == [
        ("ADMR du Haut-Pilat", "650"), ("APF France handicap", "250"),
        ("Association des Conjoints Survivants du Pilat", "150"), ("Banque alimentaire de la Loire", "400"),
        ("JALMALV Loire", "120")]
    assert [str(t.amount) for t in found.totals] == ["1570"]


@pytest.mark.parametrize("text", [
    "Étaient absents et représentés :\nMme Catherine LYONNET, représentée par Mme Sylvie POYET\n"
    "M. Jean-Luc DURIEU, représenté par M. Christian BRUYÈRE\n\nÉtait absent : M. Yannick ROCHETTE.\n",
    "Pouvoirs : Mme Catherine LYONNET, pouvoir à Mme Sylvie POYET, M. Jean-Luc DURIEU, procuration à M. Christian "
    "BRUYÈRE.\nÉtait absent : M. Yannick ROCHETTE.\n",
])
def test_a_proxy_whose_holder_follows_a_comma_is_the_one_of_the_member_before_it(text):
    a = parse_attendance(text)
    assert [(p.giver.label, p.holder and p.holder.label) for p in a.proxies] == [
        ("Catherine LYONNET", "Sylvie POYET"), ("Jean-Luc DURIEU", "Christian BRUYÈRE")]
    assert [p.label for p in a.absent] == ["Yannick ROCHETTE"]


@pytest.mark.parametrize("text, chair, secretary", [
    ("Président : M. Alain BERTHOLON – Secrétaire de séance : Mme Élise FAURE\n", "Alain BERTHOLON", "Élise FAURE"),
    ("Président de séance : M. Daniel JOUFFROY – Secrétaire : Mme Anne ROY\n", "Daniel JOUFFROY", "Anne ROY"),
    ("Séance du 26 septembre 2024. Président de séance : M. Serge LAVERGNE. Secrétaire de séance : Mme Léa VIDAL.\n",
     "Serge LAVERGNE", "Léa VIDAL"),
])
def test_a_chair_named_on_one_line_with_the_secretary_is_read(text, chair, secretary):
    a = parse_attendance(text)
    assert (a.chair and a.chair.label, a.secretary and a.secretary.label) == (chair, secretary)


@pytest.mark.parametrize("heading, title", [
    ("Délibération n° B-2024-0187\nSanté des jeunes et prévention des conduites à risques – Subventions 2024\n"
     "Date de convocation : 14 mai 2024\n", "Santé des jeunes et prévention des conduites à risques – Subventions 2024"),
    ("N° CP-2024-07-118\nSanté – Soutien régional aux structures d'exercice coordonné – 3e affectation 2024\n"
     "La Commission permanente du Conseil régional, régulièrement convoquée, s'est réunie le 12 juillet 2024.\n",
     "Santé – Soutien régional aux structures d'exercice coordonné – 3e affectation 2024"),
    ("Délibération n° CP 24-1121-14\nProtection maternelle et infantile – Soutien aux lieux d'accueil et à la\n"
     "périnatalité\nÉtaient présents : 19 conseillers départementaux.\n",
     "Protection maternelle et infantile – Soutien aux lieux d'accueil et à la périnatalité"),
])
def test_a_title_in_small_letters_right_below_the_number_without_a_blank_line_is_read(tmp_path, heading, title):
    """As a PDF's text gives a heading: no blank line between the title and the session's facts below it."""
    path = tmp_path / "deliberation.txt"
    path.write_text("DÉPARTEMENT DE LA LOIRE\n" + heading + "Après en avoir délibéré, DÉCIDE d'attribuer une "
                    "subvention de 5 000 € à l'association Santé Jeunes.\nAdopté à l'unanimité.\n", encoding="utf-8")
    assert str(next(extract_fixture(path).graph.objects(None, DCTERMS.title))) == title


@pytest.mark.parametrize("footer_first", [True, False])
def test_a_pages_running_foot_that_ends_with_the_number_is_not_the_title(tmp_path, footer_first):
    foot = "Ville de Montclar – Conseil municipal du 8 février 2024 – Délibération n° DEL-2024-012\n"
    body = ("VILLE DE MONTCLAR\nCONSEIL MUNICIPAL DU 8 FÉVRIER 2024\n"
            "DEL-2024-012 – Action sociale et santé – Subventions de fonctionnement 2024 aux associations\n"
            "Le Conseil municipal, après en avoir délibéré, DÉCIDE d'attribuer une subvention de 2 000 € à "
            "l'association Santé Solidaire.\nAdopté à l'unanimité.\n")
    path = tmp_path / "deliberation.txt"
    path.write_text(foot + body if footer_first else body + foot, encoding="utf-8")
    assert str(next(extract_fixture(path).graph.objects(None, DCTERMS.title))) \
        == "Action sociale et santé – Subventions de fonctionnement 2024 aux associations"


def test_a_name_cell_that_also_holds_the_address_and_the_siret_gives_the_name_alone():
    body = ("DÉCIDE d'attribuer les subventions suivantes :\n\n| Bénéficiaire | Objet | Montant |\n|---|---|---|\n"
            "| Association Le Relais 12 rue des Tanneurs 18100 VIERZON SIRET : 419 876 543 00027 | Accueil | 5 000 € |\n"
            "| Commune de Saint-Julien SIRET 214 202 345 00010 | Travaux | 10 000 € |\n")
    assert sorted((g.beneficiary, g.identifier) for g in find_grants(body).grants) == [
        ("Association Le Relais", "SIRET : 419 876 543 00027"), ("Commune de Saint-Julien", "SIRET 214 202 345 00010")]


@pytest.mark.parametrize("text, proxies, excused", [
    # two sentences on one line, each a proxy
    ("Présents : Mme Clotilde ROBIN, M. Gérard PAPUT\nMme Hélène CHAMPALLE donne procuration à Mme Clotilde ROBIN. "
     "M. Yves NICOLIN donne procuration à M. Gérard PAPUT.\n",
     [("Hélène CHAMPALLE", "Clotilde ROBIN"), ("Yves NICOLIN", "Gérard PAPUT")], []),
    # the holder after a comma and "qui a donné procuration à"
    ("Présents : Mme Lucie BRUN\nÉtaient excusés : Mme Odile PONCET, qui a donné procuration à Mme Lucie BRUN ; "
     "M. Alain VIAL.\n", [("Odile PONCET", "Lucie BRUN")], ["Odile PONCET", "Alain VIAL"]),
])
def test_proxies_given_in_sentences_of_one_line_or_after_a_comma_are_read(text, proxies, excused):
    a = parse_attendance(text)
    assert [(p.giver.label, p.holder and p.holder.label) for p in a.proxies] == proxies
    assert [p.label for p in a.excused] == excused


@pytest.mark.parametrize("how", ["de ne pas procéder au scrutin secret", "de voter à main levée",
                                 "de ne pas recourir au scrutin secret pour cette désignation"])
def test_a_unanimous_choice_of_how_to_vote_is_not_the_acts_vote(how):
    vote = parse_vote(f"Le Conseil municipal décide à l'unanimité {how}. Après vote à main levée, M. Éric GRANJON est "
                      "désigné par 25 voix pour et 2 abstentions.")
    assert (vote.outcome, vote.votes_for, vote.abstentions) == ("adopted", 25, 2)


def test_a_list_of_grants_closed_by_soit_une_somme_globale_states_its_total():
    body = ("Après en avoir délibéré, le Conseil d'Administration décide d'attribuer pour 2024 :\n"
            "• une subvention de 4.500 € à la Banque Alimentaire du Roannais ;\n"
            "• une subvention de 2000€ au Secours Populaire Français ;\n"
            "• une subvention de 1.250,00 € à l'association Accès Soins Pour Tous ;\n"
            "soit une somme globale de 7.750 €.\n")
    found = find_grants(body)
    assert len(found.grants) == 3 and [str(t.amount) for t in found.totals] == ["7750"]


def test_the_authoritys_own_share_in_a_table_of_co_funders_is_no_grant(tmp_path):
    path = tmp_path / "cls.txt"
    path.write_text(
        "VILLE DE FONTCLAIR\nConseil municipal du 18 mars 2024\nDélibération n° 2024-031\n\n"
        "Contrat local de santé – Programmation 2024\n\n"
        "Action\tPorteur\tCoût total\tARS\tVille\n"
        "1.2 Dépistage bucco-dentaire\tMutualité Française Loire\t18 000 €\t9 000 €\t6 000 €\n"
        "2.1 Maraudes en santé mentale\tAssociation L'Escale\t42 000 €\t25 000 €\t12 000 €\n"
        "4.1 Coordination du CLS\tVille (poste de coordinateur)\t60 000 €\t30 000 €\t30 000 €\n\n"
        "Le Conseil municipal, après en avoir délibéré, ATTRIBUE aux porteurs des actions 1.2 et 2.1 les subventions "
        "figurant dans la colonne « Ville » du tableau ci-dessus.\nAdopté à l'unanimité.\n", encoding="utf-8")
    extraction = extract_fixture(path)
    assert sorted(deliberation_facts(extraction.graph)["grants"]) == [
        ["Association L'Escale", "12000"], ["Mutualité Française Loire", "6000"]]
    assert any(i.message.startswith("« Ville » (30 000,00 €) : la collectivité elle-même") for i in extraction.issues)


@pytest.mark.parametrize("text, present, absent", [
    ("Présents : Mmes et MM. GIRAUD-COSTE, BARRALON, FAURE.\n", ["GIRAUD-COSTE", "BARRALON", "FAURE"], []),
    # the delegates' communes in brackets, the list closed by a full stop
    ("Présents : M. Paul ROY\nAbsents : M. Louis CHAUX (Chagnon), Mme Évelyne RAVEL (Chagnon).\n", ["Paul ROY"],
     ["Louis CHAUX", "Évelyne RAVEL"]),
])
def test_lists_opened_by_mmes_et_mm_or_closed_after_an_aside_are_read(text, present, absent):
    a = parse_attendance(text)
    assert ([p.label for p in a.present], [p.label for p in a.absent]) == (present, absent)


def test_items_that_give_the_amount_asked_then_the_one_proposed_each_with_its_vote_are_read():
    body = ("Le Conseil municipal, après en avoir délibéré, décide d'attribuer les subventions suivantes :\n\n"
            "ADMR de Chambœuf (aide à domicile) : demande 3 500 €, proposition 3 000 €.\n"
            "Vote : 17 voix pour, unanimité.\n\n"
            "Association Alcool Assistance : demande 800 €, proposition ramenée à 400 € compte tenu de sa trésorerie.\n"
            "Vote : 14 pour, 1 contre, 2 abstentions.\n\n"
            "Ligue contre le cancer – comité de la Loire : demande 500 €, proposition 250 €.\n"
            "Vote : 16 pour, 1 abstention.\n\n"
            "Soit un montant total attribué de 3 650 €, imputé à l'article 6574 du budget 2024.\n")
    found = find_grants(body)
    assert sorted((g.beneficiary, str(g.amount)) for g in found.grants) == [
        ("ADMR de Chambœuf", "3000"), ("Association Alcool Assistance", "400"), ("Ligue contre le cancer", "250")]
    assert [str(t.amount) for t in found.totals] == ["3650"] and not found.warnings
    # each item's vote its own: the act's, adopted, has no counts (not 17 for, 1 against, 2 abstentions)
    vote = parse_vote(body)
    assert (vote.outcome, vote.votes_for, vote.against, vote.abstentions) == ("adopted", None, None, None)


def test_the_total_of_the_members_statutory_contributions_is_no_total_of_grants():
    body = ("Le Comité syndical, après en avoir délibéré :\n- FIXE les participations statutaires des membres pour "
            "2024 pour un total de 96 000 € ;\n- ATTRIBUE une subvention de 1 500 € à l'association Les Amis du centre "
            "de santé.\n")
    found = find_grants(body)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Les Amis du centre de santé", "1500")]
    assert found.totals == [] and not found.warnings


SPELLED_SENTENCE = ("Étaient présents dix-sept conseillers, deux conseillers absents ayant donné pouvoir, le nombre de "
                    "conseillers en exercice étant de dix-neuf.")


@pytest.mark.parametrize("text, counts", [
    (SPELLED_SENTENCE, (19, 17, 2)),
    ("Étaient présents 17 conseillers, 2 conseillers absents ayant donné pouvoir, le nombre de conseillers en "
     "exercice étant de 19.", (19, 17, 2)),
    ("Le nombre de membres en exercice est de vingt et un. Sont présents quinze membres.", (21, 15, None)),
    # a spelled number counts members only before their noun
    ("Présents : M. Jean DUPONT et Mme Marie DURAND, tous deux présents dès l'ouverture.", (None, None, None)),
])
def test_counts_that_a_sentence_gives_in_figures_or_words_are_read(text, counts):
    attendance = parse_attendance(text)
    assert (attendance.in_office, attendance.present_count, attendance.proxy_count) == counts


@pytest.mark.parametrize("text, counts", [
    ("Le Conseil, à l'unanimité des suffrages exprimés (deux abstentions : Mmes MARNAT et SALLES), décide :",
     (None, None, 2)),
    ("Adopté par quinze voix pour, trois voix contre et une abstention.", (15, 3, 1)),
    ("Mme X présente un contre-projet. Adopté par 12 voix pour.", (12, None, None)),
])
def test_vote_counts_spelled_out_are_read(text, counts):
    vote = parse_vote(text)
    assert (vote.votes_for, vote.against, vote.abstentions) == counts


def test_substitutes_who_vote_are_present_and_an_aside_may_hold_a_comma():
    attendance = parse_attendance(
        "Présents : M. Bernard CHAVANNE (Lorette), Mme Ginette ROUX (Lorette).\n"
        "Suppléants ayant voix délibérative : Mme Agnès CROS (suppléante de M. Yves BALAY, La Grand-Croix), "
        "M. Hervé DUMAS (suppléant de Mme Paule GIRAUD, Cellieu).\n")
    assert [p.label for p in attendance.present] == ["Bernard CHAVANNE", "Ginette ROUX", "Agnès CROS", "Hervé DUMAS"]


def test_a_proxy_written_with_an_arrow_is_read():
    attendance = parse_attendance("Pouvoirs : M. Didier GRANGE → Mme Karima HADJ ; Mme Corinne LAFAY -> M. Julien "
                                  "LUYA.\n")
    assert [(p.giver.label, p.holder.label) for p in attendance.proxies] == [
        ("Didier GRANGE", "Karima HADJ"), ("Corinne LAFAY", "Julien LUYA")]


@pytest.mark.parametrize("text, convened", [
    ("Séance du 4 juillet 2024. Les membres se sont réunis sur convocation de Monsieur le Président en date du "
     "vingt-six juin deux mille vingt-quatre.", dt.date(2024, 6, 26)),
    ("Séance du 4 juillet 2024, sur convocation du Maire du 26 juin 2024.", dt.date(2024, 6, 26)),
    ("Séance du 4 juillet 2024. Convocation de la séance du 4 juillet 2024.", None),  # no one's convocation
])
def test_a_convocation_dated_after_who_sent_it_is_read(text, convened):
    assert parse_attendance(text).convened == convened


def test_counts_and_votes_in_tables_whose_cells_tabs_part_are_read(tmp_path):
    path = tmp_path / "cc-effectifs.txt"
    path.write_text("COMMUNAUTÉ DE COMMUNES DU PAYS DE VÈRE\n\nCONSEIL COMMUNAUTAIRE DU 26 SEPTEMBRE 2024\n\n"
                    "En exercice\tPrésents\tPouvoirs\tVotants\n35\t27\t4\t31\n\n"
                    "Délibération n° 2024-DEL-088 – Maison de santé – Aide à l'installation\n\n"
                    "Le Conseil communautaire, après en avoir délibéré, décide de verser à l'association Santé Vère "
                    "une subvention de 5 000 €.\n\nVotants\tPour\tContre\tAbstentions\n31\t29\t0\t2\n\n"
                    "Le Président,\nSerge LAVERGNE\n", encoding="utf-8")
    facts = deliberation_facts(extract_fixture(path).graph)
    assert (facts["in_office"], facts["present_count"], facts["proxy_count"], facts["vote_count"]) == (35, 27, 4, 31)
    assert facts["votes"] == {"for": 29, "against": 0, "abstentions": 2}


def test_the_voices_of_a_unanimity_in_brackets_are_its_votes_for():
    vote = parse_vote("Le Conseil d'administration, à l'unanimité des membres présents et représentés (13 voix) :\n"
                      "- APPROUVE l'attribution des subventions.")
    assert (vote.outcome, vote.votes_for) == ("adopted-unanimously", 13)
    assert parse_vote("Adopté à l'unanimité. Le budget (30 voix) est voté.").votes_for is None  # another sentence's


def test_a_ccas_delegated_president_who_signs_chairs():
    attendance = parse_attendance("Adopté à l'unanimité.\n\nPour extrait conforme,\n\nLa Présidente déléguée,\n"
                                  "Geneviève MATHEVON\n")
    assert (attendance.chair.label, attendance.chair_title) == ("Geneviève MATHEVON", "Présidente déléguée")
    assert parse_attendance("Adopté.\n\nLe Vice-Président délégué,\nJean MARTIN\n").chair is None


TAB_TABLE_ACT = ("CCAS DE VILLENEUVE-FICTIVE\n\nCONSEIL D'ADMINISTRATION\nSéance du jeudi 28 mars 2024\n\n"
                 "Délibération n° 2024-CA-09\n\nObjet : Aides aux associations – Exercice 2024\n\n"
                 "La Vice-Présidente présente les propositions d'aides aux associations pour 2024 :\n\n{table}\n\n"
                 "Le Conseil d'administration, après en avoir délibéré, décide d'attribuer les aides aux "
                 "associations figurant au tableau ci-dessus, pour un montant total de {total} €.\n")


@pytest.mark.parametrize("table, total, grants", [
    # sections between the rows, a blank line around each, and their subtotals
    ("Association\tObjet\tMontant 2023\tMontant proposé 2024\n\nLutte contre la précarité\n\n"
     "Restos du Cœur\tAide alimentaire\t2 500 €\t2 800 €\nSecours populaire\tAide alimentaire\t2 000 €\t2 000 €\n"
     "Sous-total\t\t4 500 €\t4 800 €\n\nPersonnes âgées\n\nClub des Aînés du Centre\tSorties\t600 €\t650 €\n"
     "Sous-total\t\t600 €\t650 €\nTOTAL GÉNÉRAL\t\t5 100 €\t5 450 €",
     "5 450", [["Club des Aînés du Centre", "650"], ["Restos du Cœur", "2800"], ["Secours populaire", "2000"]]),
    # a header of two levels whose second row leaves its first cell out
    ("Association\tMontant (en euros)\nAttribué 2023\tProposé 2024\nAccueil de jour Le Fil\t1 200 €\t1 300 €\n"
     "Banque alimentaire\t800 €\t900 €", "2 200", [["Accueil de jour Le Fil", "1300"], ["Banque alimentaire", "900"]]),
])
def test_a_table_whose_cells_tabs_part_is_read_across_its_sections_and_its_headers_two_levels(tmp_path, table, total,
                                                                                                grants):
    path = tmp_path / "ca-2024-09.txt"
    path.write_text(TAB_TABLE_ACT.format(table=table, total=total), encoding="utf-8")
    facts = deliberation_facts(extract_fixture(path).graph)
    assert sorted(facts["grants"]) == grants
    assert total.replace(" ", "") in facts["stated_totals"]


@pytest.mark.parametrize("written", [
    "| Centre hospitalier de Feurs SIRET 264 200 188 00015 | Télémédecine | 25 500,00 |",
    "- Centre hospitalier de Feurs (SIRET 264 200 188 00015) : 25 500 €"])
def test_a_beneficiarys_siret_whose_check_digit_is_wrong_is_said_not_dropped_silently(tmp_path, written):
    head = "| Bénéficiaire | Opération | Subvention (€) |\n" if written.startswith("|") else ""
    path = tmp_path / "cp.txt"
    path.write_text("RÉGION VAL-DE-VÈRE\n\nCOMMISSION PERMANENTE\nSéance du 12 juillet 2024\n\n"
                    "Délibération n° CP-2024-118\n\nAprès en avoir délibéré, la Commission permanente DÉCIDE "
                    "d'attribuer les subventions suivantes :"
                    f"\n\n{head}{written}\n\nAdopté.\n", encoding="utf-8")
    extraction = extract_fixture(path)
    assert [i.message for i in extraction.issues if "clé de contrôle" in i.message] == [
        "« Centre hospitalier de Feurs » : SIRET 264 200 188 00015 invalide (clé de contrôle) : non enregistré ; le "
        "bénéficiaire n'est rapproché des autres sources que par son nom"]


@pytest.mark.parametrize("text", [
    "Membres du Bureau en exercice : 18\nÉtaient présents : 13 membres. Avaient donné pouvoir : M. Éric NOYER à "
    "M. Alain ROCHE, Mme Paule SIMON à Mme Inès BERTHO.\nExcusés : M. Luc DAVID, Mme Lise FERRAND.\n",
    "Procurations : 2 (M. Éric NOYER à M. Alain ROCHE, Mme Paule SIMON à Mme Inès BERTHO)\nLe Bureau",
])
def test_proxies_listed_after_avaient_donne_pouvoir_or_in_brackets_after_their_count_are_each_read(text):
    """Neither list gave a proxy: the first heading was not known, the second list was read as its count alone."""
    proxies = [(p.giver.label, p.holder.label) for p in parse_attendance(text).proxies]
    assert proxies == [("Éric NOYER", "Alain ROCHE"), ("Paule SIMON", "Inès BERTHO")]


@pytest.mark.parametrize("text", ["Quorum : 71 conseillers en exercice\nPrésents : 50\n",
                                  "71 conseillers municipaux en exercice, 50 présents.\n"])
def test_the_members_in_office_counted_before_their_words_are_read(text):
    attendance = parse_attendance(text)
    assert (attendance.in_office, attendance.present_count) == (71, 50)


def test_a_list_of_the_present_a_member_a_line_with_their_office_after_a_comma_is_read_whole():
    """« Mme Sophie LEGRAND, 1re adjointe » ended the list at its second line: 1 of 6 members read."""
    text = ("Étaient présents :\nM. Jean-Marc THIBAULT, Maire\nMme Sophie LEGRAND, 1re adjointe\nM. Olivier MASSON, "
            "2e adjoint\nMme Claire DUVERNOY, adjointe aux finances\nMme Hélène MARCHETTI\nM. Bernard COLLINET\n"
            "Absents excusés : M. Paul RIVIÈRE.\n")
    attendance = parse_attendance(text)
    assert [p.label for p in attendance.present] == ["Jean-Marc THIBAULT", "Sophie LEGRAND", "Olivier MASSON",
                                                     "Claire DUVERNOY", "Hélène MARCHETTI", "Bernard COLLINET"]
    assert attendance.chair.label == "Jean-Marc THIBAULT" and [p.label for p in attendance.excused] == ["Paul RIVIÈRE"]


@pytest.mark.parametrize("heads", [("Présent", "Absent", "Excusé"), ("P", "A", "E")])
def test_a_roll_that_sets_its_members_side_by_side_gives_each_half_its_members_marks(heads):
    """The right half's marks went to the left half's member (the chair present and excused), its members lost; a
    roll headed « P | A | E » gave nobody, without a word."""
    present, absent, excused = heads
    head = f"| Membre | {present} | {absent} | {excused} | Pouvoir à "
    text = (head * 2 + "|\n"
            "| M. AUBERT Christian | X |  |  |  | Mme HAMON Brigitte |  |  | X |  |\n"
            "| M. CORDIER Fabrice |  |  | X | M. AUBERT | Mme JOLY Catherine | X |  |  |  |\n"
            "| M. ÉTIENNE Romain |  | X |  |  | M. KERVELLA Yann |  |  | X | Mme JOLY |\n\nLe Conseil, …\n")
    attendance = parse_attendance(text)
    assert sorted(p.label for p in attendance.present) == ["Catherine JOLY", "Christian AUBERT"]
    assert [p.label for p in attendance.absent] == ["Romain ÉTIENNE"]
    assert sorted(p.label for p in attendance.excused) == ["Brigitte HAMON", "Fabrice CORDIER", "Yann KERVELLA"]
    assert sorted((p.giver.label, p.holder.label) for p in attendance.proxies) == [
        ("Fabrice CORDIER", "Christian AUBERT"), ("Yann KERVELLA", "Catherine JOLY")]


_AMENDED_IN_SESSION = ("M. Pierre ARNOUX propose par amendement de porter cette subvention à 4 000 €. L'amendement est "
                       "adopté à l'unanimité.\n\nLe Conseil municipal, après en avoir délibéré, décide d'attribuer à "
                       "l'association Les Blouses Roses de l'Orvanne une subvention exceptionnelle de 4 000 €.")


@pytest.mark.parametrize("draft", [
    "Le projet de délibération proposait une subvention de 3 000 € à l'association Les Blouses Roses de l'Orvanne.",
    "Projet de délibération : « Le Conseil municipal décide d'attribuer une subvention exceptionnelle de 3 000 € à "
    "l'association Les Blouses Roses de l'Orvanne pour l'achat de jeux. »",
])
def test_a_drafts_amount_that_an_amendment_changed_in_session_is_no_grant(draft):
    """The draft's 3 000 € and the decision's 4 000 € were two grants."""
    found = find_grants(draft + "\n\n" + _AMENDED_IN_SESSION)
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Les Blouses Roses de l'Orvanne", "4000")]


def test_what_an_amendment_given_after_a_colon_changes_is_no_grant():
    """« Amendement présenté par M. X : ramener … de 8 000 € à 5 000 € et supprimer la subvention au Comité … »:
    the Comité, whose grant the amendment removed, got 5 000 €."""
    found = find_grants(
        "Amendement présenté par M. Lionel MENDIBURU : ramener la subvention de l'Association Prévention Addictions "
        "Montbrisac de 8 000 € à 5 000 € et supprimer la subvention au Comité des Fêtes Santé-Vous Bien.\n"
        "Mis aux voix, l'amendement est adopté par 15 voix pour, 12 contre.\n\n"
        "Le Conseil municipal, après en avoir délibéré, DÉCIDE d'attribuer les subventions suivantes :\n"
        "- Association Prévention Addictions Montbrisac : 5 000 €\n"
        "- Association Les Restos du Partage de Montbrisac : 4 500 €\n")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [
        ("Association Prévention Addictions Montbrisac", "5000"), ("Association Les Restos du Partage de Montbrisac",
                                                                   "4500")]


def test_an_amount_with_a_dash_for_its_cents_is_read():
    """« 12 500,- € »: no grant was read (or « montant sans devise » was said of it)."""
    found = find_grants("Le Conseil, après en avoir délibéré, DÉCIDE d'attribuer à l'association Les Amis du Vélo une "
                        "subvention de 12 500,- €.")
    assert [(g.beneficiary, str(g.amount)) for g in found.grants] == [("Les Amis du Vélo", "12500")]
    assert found.warnings == []
