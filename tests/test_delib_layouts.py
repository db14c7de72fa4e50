"""What a ninth blind test of the deliberation reader misread in how its texts were laid out, each a rule with a few
lines of text: grants listed in an annex that the decision refers to (under canton headings or not), fiches of
key/value lines ("Bénéficiaire : … / Montant : … / Nature : …"), a grant's instalments in brackets after their rate,
an authority's kind and territory on two heading lines, a numbered item of the exposé that names a commune, proxies
given in a table, and a vote that names the members of each side.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.ingest.delib_authority import find_authority
from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_people import parse_attendance
from graph.ingest.delib_vote import parse_vote


def _grants(body: str) -> list[tuple[str, Decimal]]:
    return sorted((g.beneficiary, g.amount) for g in find_grants(body).grants)


_ANNEX_ITEMS = ("   Association sportive uzerchoise ........... 800 €\n"
                "   Harmonie municipale d'Uzerche ............ 1 200 €\n"
                "TOTAL .......................................................... 2 000 €\n")


@pytest.mark.parametrize("decision", [
    "Article 1 : Le Département attribue les subventions figurant en annexe, pour un montant total de 2 000 €.",
    "Article 1 : Le Département apporte son concours financier aux bénéficiaires dont la liste figure dans\n"
    "l'annexe à la présente délibération, pour un montant total de 2 000 €.",
])
@pytest.mark.parametrize("heading", ["ANNEXE\n", "ANNEXE À LA DÉLIBÉRATION N° CP-2024-09-117\n\n",
                                     "ANNEXE\nCanton d'Uzerche\n", "Annexe 1 – Répartition par canton\n\n"
                                     "Canton d'Uzerche\n"])
def test_the_grants_that_the_decision_refers_to_an_annex_are_read_from_its_lines(decision, heading):
    found = find_grants(f"Après en avoir délibéré,\n{decision}\n\nAdopté à l'unanimité.\n\n{heading}{_ANNEX_ITEMS}")
    assert sorted((g.beneficiary, g.amount) for g in found.grants) == [
        ("Association sportive uzerchoise", Decimal(800)), ("Harmonie municipale d'Uzerche", Decimal(1200))]
    assert {t.amount for t in found.totals} == {Decimal(2000)} and not found.warnings


def test_an_annex_that_no_granting_sentence_refers_to_gives_no_grant():
    body = ("Après en avoir délibéré, le Conseil approuve la convention figurant en annexe.\n\nAdopté.\n\n"
            "ANNEXE\n   Loyer annuel ........... 800 €\n   Charges ............ 1 200 €\n")
    assert _grants(body) == []


_FICHES = ("Bénéficiaire : Compagnie Off\nObjet : résidence artistique au Sanitas\nMontant : 9 500 €\n"
           "Imputation budgétaire : 65 – 312 – 6574 – CULQPV\nNature : projet\n\n"
           "Bénéficiaire : Régie de quartier Rives du Cher\nObjet : achat d'un véhicule utilitaire\n"
           "Montant : 25 000 €\nImputation budgétaire : 204 – 524 – 20421 – POLVILLE\nNature : investissement\n\n")


@pytest.mark.parametrize("lead", ["", "Il est proposé de soutenir les actions suivantes.\n\n"])
def test_each_fiche_of_key_value_lines_is_one_grant_with_the_nature_it_states(lead):
    found = find_grants(f"{lead}{_FICHES}Le Conseil métropolitain, après en avoir délibéré, valide le versement des "
                        "subventions ci-dessus.\n\nAdopté à l'unanimité.")
    assert sorted((g.beneficiary, g.amount, g.nature) for g in found.grants) == [
        ("Compagnie Off", Decimal(9500), "project"),
        ("Régie de quartier Rives du Cher", Decimal(25000), "investment")]


def test_fiches_that_no_decision_grants_back_give_no_grant():
    assert _grants(f"{_FICHES}Le Conseil prend acte des demandes ci-dessus.") == []


@pytest.mark.parametrize("schedule", ["versée à raison de 60 % en 2024 (10 800 €), le solde (7 200 €) en 2025",
                                      "versée pour 60 % en 2024 (10 800 €) et pour le solde (7 200 €) en 2025"])
def test_the_instalments_in_brackets_after_their_rate_are_parts_of_one_grant(schedule):
    body = ("Le Conseil municipal, après en avoir délibéré, alloue au Centre hospitalier de Sainte-Foy-la-Grande une "
            f"subvention d'équipement de 18 000 €, {schedule}.")
    found = find_grants(body)
    assert [(g.beneficiary, g.amount) for g in found.grants] == [
        ("Centre hospitalier de Sainte-Foy-la-Grande", Decimal(18000))]
    assert not found.warnings


@pytest.mark.parametrize("kind, territory, name", [
    ("PÔLE D'ÉQUILIBRE TERRITORIAL ET RURAL", "DU PAYS VAL DE GARTEMPE",
     "Pôle d'équilibre territorial et rural du Pays Val de Gartempe"),
    ("COMMUNAUTÉ DE COMMUNES", "DU PAYS DE SALERS-FICTIF", "Communauté de communes du Pays de Salers-Fictif"),
])
def test_an_authoritys_kind_and_its_territory_on_two_heading_lines_are_one_name(kind, territory, name):
    body = (f"{kind}\n{territory}\n\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nSéance du 8 octobre 2024\n\n"
            "1. Commune de Blond – Réhabilitation de la halle\n\nLe Conseil, après en avoir délibéré, octroie à la "
            "commune de Blond une subvention d'investissement de 12 600 €.")
    assert find_authority(body)[0] == name


def test_a_commune_that_a_numbered_item_of_the_expose_names_is_not_the_authority():
    body = ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU COMITÉ SYNDICAL\nSéance du 8 octobre 2024\n\n"
            "Objet : Subventions aux communes de Blond et de Mézières\n\n1. Commune de Blond – Réhabilitation de la "
            "halle\nPlan de financement : PETR du Pays Val de Gartempe : 12 600 € ; Autofinancement communal : "
            "21 000 €\n\nLe Comité syndical, après en avoir délibéré, octroie à la commune de Blond une subvention "
            "d'investissement de 12 600 €.")
    assert find_authority(body)[0] == "Pôle d'équilibre territorial et rural du Pays Val de Gartempe"


@pytest.mark.parametrize("table", [
    "| Mandant | Mandataire |\n|---|---|\n| M. Marcel FABRE | Mme Christiane VIGUIER |\n"
    "| Mme Yvette CAUSSE | M. Serge CALMELS |\n",
    "   Conseiller absent              Mandataire\n   M. Marcel FABRE                Mme Christiane VIGUIER\n"
    "   Mme Yvette CAUSSE              M. Serge CALMELS\n",
])
@pytest.mark.parametrize("heading", ["Pouvoirs :\n\n", "Procurations :\n"])
def test_each_row_of_a_proxies_table_is_one_proxy(heading, table):
    text = f"{heading}{table}\nAbsent excusé : M. Didier LACOSTE.\n\nObjet : subventions\n"
    attendance = parse_attendance(text)
    assert [(p.giver.family, p.holder.family) for p in attendance.proxies] == [("FABRE", "VIGUIER"),
                                                                              ("CAUSSE", "CALMELS")]
    assert [p.family for p in attendance.excused] == ["LACOSTE"]


@pytest.mark.parametrize("lines, counts", [
    ("Ont voté pour : M. ROUGIER, Mme FAUCHER, M. LACOTTE ;\nOnt voté contre : M. NADAUD, Mme DUVERGER ;\n"
     "S'est abstenu : M. VALADE.", (3, 2, 1)),
    ("Ont voté pour : M. ROUGIER, Mme FAUCHER (et par pouvoir M. BESSE), M. LACOTTE ;\n"
     "Ont voté contre : M. NADAUD ;\nS'est abstenu : M. VALADE.", (4, 1, 1)),
    ("POUR : Mme LAVAL (+ pouvoir de M. TEYSSANDIER), M. DUBOIS, Mme MOREAU\n(+ pouvoir de M. BOUYSSOU), "
     "M. ESTEVE\nCONTRE : M. FAYE\nABSTENTION : néant", (6, 1, 0)),
    ("Ont voté pour : Sophie BRUNEL (et pour Franck BARNIER), Denis CHABERT.\nOnt voté contre : Laurent JOUBERT.\n"
     "Se sont abstenus : Olivier PELLAT, M. ÊTA (pouvoir à Mme ZÊTA).", (3, 1, 2)),
])
def test_a_vote_that_names_the_members_of_each_side_counts_them_all(lines, counts):
    vote = parse_vote(f"{lines}\n\nLa délibération est adoptée.")
    assert (vote.votes_for, vote.against, vote.abstentions) == counts
