"""Counts written below a member's departure ("M. X quitte la séance." / "Présents : 21 – Pouvoirs : 4 – Votants :
25") are those of the vote that follows, as the counts "au moment du vote" are: the deliberation states them, the
session keeps its opening's. The fixture commune-depart-effectifs-apres-sortie has a member leaving the session
before the item and one leaving the room for its vote, each followed by a line of counts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.delib_facts import extract_fixture, session_facts
from graph.ingest.delib_moves import apply_moves
from graph.ingest.delib_number import number_match
from graph.ingest.delib_people import parse_attendance
from graph.ingest.delib_vote import parse_vote
from graph.namespaces import MAI

FIXTURE = Path(__file__).parent / "fixtures" / "deliberations" / "commune-depart-effectifs-apres-sortie.txt"

_OPENING = ("Conseillers municipaux en exercice : 9\n"
            "Présents (6) : M. Paul DURAND, Mme Léa MARTIN, M. Jean ROUX, Mme Anne VIAL, M. Marc BRUN,\n"
            "Mme Rose PONS.\n"
            "Pouvoirs (1) : M. Luc FAURE à M. Paul DURAND.\n"
            "Absents (2) : M. Yves GUY, Mme Ida LOUP.\n\n")
_DECISION = "\nDélibération n° 2025-12\nObjet : Subventions\n\nLe Conseil municipal DÉCIDE d'attribuer …\n\n{vote}\n"


def _counts(a) -> tuple:
    return a.present_count, a.proxy_count, a.vote_count


def _at_vote(text: str) -> tuple:
    """The family names of the present at the vote of ``text`` (after its moves) and the counts there."""
    a = parse_attendance(text)
    own = number_match(text)
    apply_moves(text, a, own, parse_vote(text, own.start() if own else 0), lambda fr, en: None)
    return [p.family for p in a.present], _counts(a)


@pytest.mark.parametrize("departure", [
    "M. Jean ROUX quitte la séance.",
    "M. Jean ROUX a quitté la séance à 20 h 40.",
    "Mme Léa MARTIN sort de la salle et ne prend pas part au vote.",
])
def test_counts_below_a_departure_are_the_votes_and_the_session_keeps_its_openings(departure):
    text = _OPENING + departure + "\n\nPrésents : 5 – Pouvoirs : 1 – Votants : 6\n" + _DECISION.format(
        vote="Pour : 6 – Contre : 0 – Abstentions : 0")
    left = "MARTIN" if "MARTIN" in departure else "ROUX"
    assert _counts(parse_attendance(text)) == (6, 1, None)
    assert _at_vote(text) == ([n for n in ["DURAND", "MARTIN", "ROUX", "VIAL", "BRUN", "PONS"] if n != left],
                              (5, 1, 6))


def test_counts_above_the_items_heading_below_a_departure_are_its_votes():
    text = _OPENING + ("M. Jean ROUX quitte la séance.\nPrésents : 5 – Pouvoirs : 1 – Votants : 6\n\n"
                       "7. Subventions – Délibération n° 2025-07\nLe Conseil DÉCIDE d'attribuer …\nAdopté.\n")
    assert _at_vote(text)[1] == (5, 1, 6)


def test_counts_of_a_later_item_are_not_those_of_an_earlier_ones_vote():
    minutes = _OPENING + ("3. Tarifs – Délibération n° 2025-03\nAdopté.\n\nM. Jean ROUX quitte la séance.\n"
                          "Présents : 5 – Pouvoirs : 1 – Votants : 6\n\n4. Subventions\nAdopté.\n")
    assert _at_vote(minutes) == (["DURAND", "MARTIN", "ROUX", "VIAL", "BRUN", "PONS"], (6, 1, None))


def test_counts_above_any_departure_are_the_openings():
    text = ("Conseillers municipaux en exercice : 9\nPrésents : 6 – Pouvoirs : 1 – Votants : 7\n\n"
            "M. Jean ROUX quitte la séance.\n" + _DECISION.format(vote="Adopté à l'unanimité."))
    assert _counts(parse_attendance(text)) == (6, 1, 7)


def test_the_fixtures_session_keeps_its_opening_counts_and_its_deliberation_states_those_of_its_vote():
    graph = extract_fixture(FIXTURE).graph
    deliberation = next(graph.subjects(MAI.session, None))
    session = next(graph.objects(deliberation, MAI.session))
    counted = ("present_count", "proxy_count", "vote_count", "present")
    assert [session_facts(graph, session)[k] for k in counted] == [22, 4, None, 22]
    assert [session_facts(graph, session, deliberation)[k] for k in counted] == [20, 4, 24, 20]
