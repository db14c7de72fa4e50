"""The act's vote against the other votes and rejections a deliberation tells of: a rejection that a recital or the
decision says of requests ("… dont six reçoivent un avis favorable et deux sont rejetées"), and the amendments put to
the vote in session, whose own vote is not the act's, whose rejected proposals are no grants, and whose adopted
changes give the amounts of the table that the decision adopts "tel que modifié par l'amendement"."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_grants import find_grants
from graph.ingest.delib_meta import in_a_citation
from graph.ingest.delib_vote import parse_vote


def _facts(tmp_path: Path, text: str) -> tuple[dict, list[str]]:
    path = tmp_path / "deliberation.txt"
    path.write_text(text, encoding="utf-8")
    extraction = extract_fixture(path)
    return deliberation_facts(extraction.graph), [issue.message for issue in extraction.issues]


# --- a rejection that is not the act's ---------------------------------------------------------------------------

_DEPARTEMENT = """CONSEIL DÉPARTEMENTAL DU VELAY-FICTIF
COMMISSION PERMANENTE
Réunion du lundi 12 mai 2025

Délibération n° CP-25-05-0150

Objet : Soutien aux associations de l'autonomie

Présents : 24 – Représentés : 4 – Absents : 2

LA COMMISSION PERMANENTE,

Vu le Code général des collectivités territoriales ;
{recital}

DÉCIDE :

Article 1er : d'attribuer une subvention de fonctionnement de 10 000 € à l'association ADMR du Mézenc-Fictif ;

Article 2 : de rejeter les demandes figurant en annexe pour les motifs qui y sont indiqués.

{vote}
"""


@pytest.mark.parametrize("recital", [
    "Considérant que neuf demandes ont été instruites au titre de cette répartition, dont six reçoivent un avis\n"
    "favorable, une est ajournée et deux sont rejetées ;",
    "Vu le rapport du Président et l'avis de la commission, qui a examiné neuf dossiers dont deux\n"
    "ont été rejetés ;",
    "Considérant que sur les neuf associations entendues,\ntrois ont été rejetées faute de comptes approuvés ;",
])
def test_a_rejection_on_a_recitals_next_line_is_not_the_acts(tmp_path, recital):
    """« … dont six reçoivent un avis » / « favorable, … et deux sont rejetées ; » made the act rejected and dropped
    its grants, though « Adopté. Pour : 27 » followed."""
    facts, issues = _facts(tmp_path, _DEPARTEMENT.format(recital=recital,
                                                         vote="Adopté.\nPour : 27 – Contre : 0 – Abstention : 0"))
    assert facts["outcome"] == "adopted"
    assert facts["votes"] == {"for": 27, "against": 0, "abstentions": 0}
    assert facts["grants"] == [["ADMR du Mézenc-Fictif", "10000"]]
    assert not any("rejetée" in message for message in issues)


@pytest.mark.parametrize("text", [
    "Considérant que neuf demandes ont été instruites, dont six reçoivent un avis\nfavorable et deux sont rejetées ;",
    "Vu la délibération du 4 mars 2025\nrejetée par le comité ;",
])
def test_a_recitals_line_that_goes_on_the_line_above_is_in_the_recital(text):
    assert in_a_citation(text, text.index("rejetée"))


@pytest.mark.parametrize("text", [
    "Vu le code général des collectivités territoriales ;\nrejeté par 12 voix contre.",
    "Vu le code général des collectivités territoriales\n\nrejeté par 12 voix contre.",
    "Vu le code général des collectivités territoriales\nLa délibération est rejetée.",
])
def test_a_line_after_a_finished_visa_is_not_in_it(text):
    assert not in_a_citation(text, text.index("rejet"))


@pytest.mark.parametrize("text, outcome", [
    # an explicit adoption outweighs a rejection that does not say it is the act's
    ("Six associations reçoivent un avis favorable, deux sont rejetées.\nLe Conseil attribue 500 € au Club X.\n"
     "Adopté.", "adopted"),
    ("Six associations reçoivent un avis favorable, deux sont rejetées.\nLe Conseil attribue 500 € au Club X.\n"
     "Pour : 27 – Contre : 0 – Abstention : 0", "adopted"),
    ("Les deux autres clubs sont rejetés.\nLe Conseil attribue 500 € au Club X.\nVote : adoptée à la majorité.",
     "adopted"),
    # a rejection that names the act, or opens its line, is the act's
    ("La délibération est rejetée.\n3. Tarifs municipaux\nAdopté.", "rejected"),
    ("REJETÉE\nPour : 7 – Contre : 11", "rejected"),
    ("Pour : 7 – Contre : 11\nLa délibération est REJETÉE.", "rejected"),
])
def test_an_explicit_adoption_outweighs_a_rejection_that_is_not_the_acts(text, outcome):
    assert parse_vote(text).outcome == outcome


# --- amendments ----------------------------------------------------------------------------------------------------

_VILLE = """VILLE DE MONTVAL-FICTIF

CONSEIL MUNICIPAL DU 3 FÉVRIER 2025
Délibération n° DEL-2025-014

Présents : 33 – Représentés : 5 – Absent : 1 – Votants : 38

Objet : Subventions de fonctionnement 2025 aux associations sportives et culturelles

Le rapporteur présente le tableau de répartition proposé par la commission :

  Association                                   Montant proposé
  Union Sportive Montvaloise                           18 000 €
  Montval Basket Club                                   9 500 €
  École de musique Le Diapason                         10 000 €
  TOTAL                                                37 500 €

{amendments}

Le Conseil municipal, après en avoir délibéré,

ATTRIBUE aux associations les subventions de fonctionnement figurant au tableau ci-dessus, tel que modifié par
l'amendement n° 2{total} ;

Vote : Pour : 30 – Contre : 0 – Abstentions : 8
"""
_TABLE = [["Montval Basket Club", "9500"], ["Union Sportive Montvaloise", "18000"],
          ["École de musique Le Diapason", "10000"]]
_AMENDED = [["Montval Basket Club", "9500"], ["Union Sportive Montvaloise", "16000"],
            ["École de musique Le Diapason", "12000"]]

_REJECTED_ONE = [
    "Amendement n° 1, présenté par le groupe « Montval Citoyen » : ajouter au tableau une subvention de 2 000 €\n"
    "à l'association Cinéma Itinérant Fictif pour ses séances en plein air.\n"
    "Mis aux voix : 9 voix pour, 29 voix contre. L'amendement n° 1 est rejeté.",
    "Le groupe « Montval Citoyen » a présenté un amendement n° 1 visant à ajouter au tableau une "
    "subvention de 2 000 €\n"
    "à l'association Cinéma Itinérant Fictif pour ses séances en plein air.\n"
    "Mis aux voix : 9 voix pour, 29 voix contre. L'amendement n° 1 est rejeté.",
    "Amendement n° 1, présenté par le groupe « Montval Citoyen » : ajouter au tableau une subvention de 2 000 €\n"
    "à l'association Cinéma Itinérant Fictif.\nMis aux voix : 9 voix pour, 29 voix contre.",
    "Amendement n° 1 : attribuer une subvention de 2 000 € à l'association Cinéma Itinérant Fictif.\n"
    "Mis aux voix, l'amendement n'est pas adopté.",
]
_ADOPTED_TWO = [
    "Amendement n° 2, présenté par Mme la Maire : porter de 10 000 € à 12 000 € la subvention de l'École de musique\n"
    "Le Diapason, afin de tenir compte de l'ouverture d'une classe d'orchestre, et réduire de 2 000 € celle\n"
    "de l'Union Sportive Montvaloise, dont la subvention est ramenée à 16 000 €.\nMis aux voix : adopté à l'unanimité.",
    "Amendement n° 2, présenté par Mme la Maire : porter la subvention de l'École de musique Le Diapason de\n"
    "10 000 € à 12 000 € et ramener celle de l'Union Sportive Montvaloise de 18 000 € à 16 000 €.\n"
    "Vote : unanimité.",
    "Mme la Maire présente un amendement n° 2 : porter à 12 000 € la subvention de l'École de musique Le Diapason\n"
    "et ramener à 16 000 € celle de l'Union Sportive Montvaloise.\nAdopté à l'unanimité.",
]


@pytest.mark.parametrize("rejected", _REJECTED_ONE)
def test_what_a_rejected_amendment_set_out_to_grant_is_no_grant(tmp_path, rejected):
    """« Amendement n° 1, présenté par … : ajouter au tableau une subvention de 2 000 € » / « à l'association X »,
    rejected, was a grant of 2 000 € to « Amendement n° 1 »."""
    text = _VILLE.format(amendments=rejected + "\n\n" + _ADOPTED_TWO[0], total=", pour un montant total de 37 500 €")
    facts, _ = _facts(tmp_path, text)
    assert sorted(facts["grants"]) == sorted(_AMENDED)


@pytest.mark.parametrize("adopted", _ADOPTED_TWO)
def test_an_amendments_own_vote_is_not_the_acts(tmp_path, adopted):
    """« Mis aux voix : adopté à l'unanimité. » under the amendment made the act adopted unanimously; its own vote
    is « Pour : 30 – Contre : 0 – Abstentions : 8 »."""
    facts, _ = _facts(tmp_path, _VILLE.format(amendments=_REJECTED_ONE[0] + "\n\n" + adopted, total=""))
    assert facts["outcome"] == "adopted"
    assert facts["votes"] == {"for": 30, "against": 0, "abstentions": 8}


_UNCHANGED = ", pour un montant total inchangé de 37 500 €"


@pytest.mark.parametrize("adopted, total", [(_ADOPTED_TWO[0], ""), (_ADOPTED_TWO[1], ""),
                                            *((adopted, _UNCHANGED) for adopted in _ADOPTED_TWO)])
def test_the_amounts_an_adopted_amendment_set_are_those_of_the_table_it_amended(tmp_path, adopted, total):
    """« porter de 10 000 € à 12 000 € la subvention de X … réduire de 2 000 € celle de Y » then « ATTRIBUE … au
    tableau ci-dessus, tel que modifié par l'amendement n° 2 »: the table's amounts were kept. They are the
    amendment's when it confirms the amounts it changes or the decision states a total they add up to, and the
    warning says so."""
    facts, issues = _facts(tmp_path, _VILLE.format(amendments=adopted, total=total))
    assert sorted(facts["grants"]) == sorted(_AMENDED)
    assert set(facts["stated_totals"]) == {"37500"}
    warned = [message for message in issues if "amendement" in message]
    assert len(warned) == 1 and "appliqués" in warned[0] and "10 000,00 € → 12 000,00 €" in warned[0]


@pytest.mark.parametrize("adopted, named", [
    # no old amount and no total to check the new ones against
    (_ADOPTED_TWO[2], ["École de musique Le Diapason", "Union Sportive Montvaloise"]),
    # an old amount that is not the table's
    (_ADOPTED_TWO[0].replace("porter de 10 000 €", "porter de 9 000 €"),
     ["École de musique Le Diapason", "Union Sportive Montvaloise"]),
    # a grant added, whose beneficiary is not the table's
    ("Amendement n° 2 : ajouter au tableau une subvention de 2 000 € à l'association Cinéma Itinérant Fictif.\n"
     "Mis aux voix : adopté par 20 voix pour et 18 contre.", ["« Amendement n° 2 : ajouter au tableau"]),
])
def test_an_amendment_not_read_for_sure_leaves_the_tables_amounts_and_names_it(tmp_path, adopted, named):
    facts, issues = _facts(tmp_path, _VILLE.format(amendments=adopted, total=""))
    assert sorted(facts["grants"]) == sorted(_TABLE)
    warned = [message for message in issues if "amendement" in message]
    assert len(warned) == 1 and "les montants lus sont ceux du tableau" in warned[0]
    assert all(name in warned[0] for name in named)


def test_a_grant_an_adopted_amendment_withdrew_is_left_out():
    found = find_grants(_VILLE.format(amendments="Amendement n° 2 : supprimer la subvention du Montval Basket Club.\n"
                                                 "Mis aux voix : adopté à l'unanimité.",
                                      total=", pour un montant total de 28 000 €"))
    assert sorted((g.beneficiary, str(g.amount)) for g in found.grants) == [
        ("Union Sportive Montvaloise", "18000"), ("École de musique Le Diapason", "10000")]
    assert [str(t.amount) for t in found.totals] == ["28000"] and all(t.reconciled for t in found.totals)
