"""Members who leave before the deliberation's item, and the counts stated for its vote: the deliberation states the
attendance at its vote (who left, the proxies they gave, the counts "au moment du vote"), the session keeps its
opening's; a session's members in office are its body's. The text of the fixture
ville-conflit-interet-quitte-la-salle has all of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.ingest.delib_moves import apply_moves
from graph.ingest.delib_number import number_match
from graph.ingest.delib_people import parse_attendance
from graph.ingest.delib_vote import parse_vote

FIXTURE = Path(__file__).parent / "fixtures" / "deliberations" / "ville-conflit-interet-quitte-la-salle.txt"

_OPENING = ("Conseillers municipaux en exercice : 9\n"
            "Présents à l'ouverture de la séance (6) : M. Paul DURAND, Mme Léa MARTIN, M. Jean ROUX, Mme Anne VIAL,\n"
            "M. Marc BRUN, Mme Rose PONS.\n"
            "Pouvoirs (1) : M. Luc FAURE à M. Paul DURAND.\n"
            "Absents (2) : M. Yves GUY, Mme Ida LOUP.\n\n")
_DECISION = "\nDélibération n° 2025-12\nObjet : Subventions\n\nLe Conseil municipal DÉCIDE d'attribuer …\n\n{vote}\n"
_OPENING_PRESENT = ["DURAND", "MARTIN", "ROUX", "VIAL", "BRUN", "PONS"]


def _counts(a) -> tuple:
    return a.present_count, a.proxy_count, a.vote_count


def _at_vote(text: str) -> tuple:
    """The attendance at the vote of ``text`` (after its moves): the family names of the present, the proxies (giver,
    holder) and the counts (present, proxies, votes)."""
    a = parse_attendance(text)
    own = number_match(text)
    apply_moves(text, a, own, parse_vote(text, own.start() if own else 0), lambda fr, en: None)
    return ([p.family for p in a.present], [(p.giver.family, p.holder and p.holder.family) for p in a.proxies],
            _counts(a))


@pytest.mark.parametrize("departure", [
    "À 19 h 50, avant l'examen de la présente délibération, M. Jean ROUX quitte définitivement la séance et\n"
    "donne pouvoir à Mme Anne VIAL.\n",
    "M. Jean ROUX quitte la séance et donne pouvoir à Mme Anne VIAL.\n",
    "Avant le vote de ce rapport, M. Jean ROUX a quitté la séance ; il donne pouvoir à Mme Anne VIAL.\n",
])
def test_a_member_who_leaves_the_session_with_a_proxy_before_the_item_votes_by_it(departure):
    text = _OPENING + departure + _DECISION.format(vote="Adopté à l'unanimité.")
    assert _at_vote(text) == ([n for n in _OPENING_PRESENT if n != "ROUX"], [("FAURE", "DURAND"), ("ROUX", "VIAL")],
                              (5, 2, None))


@pytest.mark.parametrize("departure", [
    "Avant l'examen de la présente délibération, M. Jean ROUX quitte la séance.\n",
    "M. Jean ROUX quitte définitivement la séance.\n",
])
def test_a_member_who_leaves_the_session_before_the_item_or_for_good_is_not_at_its_vote(departure):
    text = _OPENING + departure + _DECISION.format(vote="Adopté à l'unanimité.")
    assert _at_vote(text) == ([n for n in _OPENING_PRESENT if n != "ROUX"], [("FAURE", "DURAND")], (5, 1, None))


_AT_THE_VOTE = "Présents au moment du vote : 4 – Pouvoirs : 1 – Votants : 5\n"


@pytest.mark.parametrize("leave", [
    "Mme Léa MARTIN, présidente de l'association Cèze Santé, et M. Marc BRUN, trésorier du\n"
    "Centre social La Calade, quittent la salle et ne prennent pas part au débat ni au vote.\n",
    "Mme Léa MARTIN et M. Marc BRUN se retirent de la salle pour le vote.\n",
    "Mme Léa MARTIN, présidente de l'association, quitte la salle.\n"
    "M. Marc BRUN, trésorier du centre social, quitte la salle et ne prend pas part au vote.\n",
])
@pytest.mark.parametrize("counts_first", [False, True])
def test_members_who_leave_the_room_are_out_of_the_vote_whose_counts_the_text_states(leave, counts_first):
    moves = _AT_THE_VOTE + leave if counts_first else leave + _AT_THE_VOTE
    text = _OPENING + moves + _DECISION.format(vote="Pour : 5 – Contre : 0 – Abstentions : 0")
    assert _at_vote(text) == (["DURAND", "ROUX", "VIAL", "PONS"], [("FAURE", "DURAND")], (4, 1, 5))


@pytest.mark.parametrize("leave, left", [
    ("Mme Léa MARTIN, présidente du club, quitte la salle et ne prend pas part au vote.", ["MARTIN"]),
    ("Mme Léa MARTIN et M. Marc BRUN quittent momentanément la salle.", ["MARTIN", "BRUN"]),
    ("MM. Marc BRUN et Jean ROUX se retirent de la salle le temps du vote.", ["BRUN", "ROUX"]),
])
def test_in_minutes_members_who_leave_the_room_for_an_items_vote_are_at_the_next_ones(leave, left):
    minutes = _OPENING + "3. Tarifs{}\n" + leave + "\nVotants pour ce point : 5\nAdopté.\n4. Subventions{}\nAdopté.\n"
    third = _at_vote(minutes.format(" – Délibération n° 2025-03", ""))
    fourth = _at_vote(minutes.format("", " – Délibération n° 2025-04"))
    assert (third[0], third[2][2]) == ([n for n in _OPENING_PRESENT if n not in left], 5)
    assert fourth == (_OPENING_PRESENT, [("FAURE", "DURAND")], (6, 1, None))


@pytest.mark.parametrize("line", [
    "Présents au moment du vote : 4 – Pouvoirs : 1 – Votants : 5",
    "Présents lors du vote : 4 – Pouvoirs : 1 – Votants : 5",
    "Membres présents au moment du vote : 4 – Procurations : 1 – Votants : 5",
])
def test_the_counts_stated_for_the_vote_are_the_deliberations_and_the_session_keeps_its_openings(line):
    text = _OPENING + "Mme Léa MARTIN et M. Marc BRUN quittent la salle.\n" + line + "\n" + _DECISION.format(
        vote="Adopté à l'unanimité.")
    assert _counts(parse_attendance(text)) == (6, 1, None)
    assert _at_vote(text)[2] == (4, 1, 5)


@pytest.mark.parametrize("line", [
    "Présents au moment du vote : 49 – Pouvoirs : 4 – Votants : 53",
    "Présents lors du vote : 49 – Pouvoirs : 4 – Votants : 53",
])
def test_the_counts_stated_for_the_vote_are_the_sessions_when_the_text_states_no_others(line):
    assert _counts(parse_attendance("Conseillers départementaux en exercice : 54\n" + line)) == (49, 4, 53)


def test_a_member_the_list_of_the_present_does_not_name_leaves_the_lists_and_counts_as_they_are():
    text = _OPENING + "M. Eric NOIR quitte la séance et donne pouvoir à M. Paul DURAND.\n" + _DECISION.format(
        vote="Adopté à l'unanimité.")
    assert _at_vote(text) == (_OPENING_PRESENT, [("FAURE", "DURAND")], (6, 1, None))


@pytest.mark.parametrize("heading, kind", [
    ("Présents à l'ouverture de la séance (3) :", "present"),
    ("Présents en début de séance :", "present"),
    ("Absents à l'ouverture de la séance (3) :", "absent"),
])
def test_a_list_whose_heading_says_the_opening_names_its_members(heading, kind):
    a = parse_attendance(f"{heading} M. Paul DURAND, Mme Léa MARTIN,\nM. Jean ROUX.\nSecrétaire : M. Paul DURAND")
    assert [p.family for p in getattr(a, kind)] == ["DURAND", "MARTIN", "ROUX"]


@pytest.mark.parametrize("text, in_office", [
    ("Conseillers régionaux en exercice : 204 – Membres de la Commission permanente : 68\nPrésents : 59", 68),
    ("Conseillers communautaires en exercice : 45\nMembres du Bureau : 12\nPrésents : 10", 12),
    ("Membres de la Commission permanente en exercice : 42 – Présents : 40", 42),
    ("Conseillers municipaux en exercice : 29 – Présents : 24", 29),
])
def test_the_members_in_office_are_those_of_the_body_that_sits(text, in_office):
    assert parse_attendance(text).in_office == in_office


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """The fixture ingested through the real pipeline (SHACL included): the store and the report."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    root = tmp_path_factory.mktemp("conflit")
    store = open_store({"store": "oxigraph", "data_dir": str(root / "data")})
    (report,) = ingest_paths(store, [FIXTURE])
    yield store, report
    store.close()


def _stated(store, kind: str) -> tuple:
    """The counts (present, proxies, votes) on the session or the deliberation (``kind``), and its proxies' givers
    and holders by family name."""
    from graph.namespaces import sparql_prologue

    node = "?d" if kind == "deliberation" else "?s"
    where = "?d a mai:Deliberation ; mai:session ?s ."

    def values(prop: str) -> list:
        query = f"SELECT DISTINCT ?v WHERE {{ {where} {node} {prop} ?v }}"
        return sorted(int(row[0].toPython()) for row in store.query(sparql_prologue() + query))

    query = (f"SELECT ?g ?h WHERE {{ {where} {node} mai:proxy ?p . ?p mai:from/foaf:familyName ?g ; "
             "mai:to/foaf:familyName ?h }")
    proxies = sorted((str(g), str(h)) for g, h in store.query(sparql_prologue() + query))
    return values("mai:membersPresent"), values("mai:proxyCount"), values("mai:voteCount"), proxies


_OPENING_PROXIES = [("BOUCOIRAN", "COMBALUZIER-FICTIF"), ("DELON", "ABRIC"), ("FABRE", "GRAS")]


def test_the_session_keeps_its_opening_attendance_and_states_no_votes_of_the_deliberations(stored):
    assert _stated(stored[0], "session") == ([24], [3], [], _OPENING_PROXIES)


def test_the_deliberation_states_the_attendance_at_its_vote_with_the_proxy_given_before_it(stored):
    assert _stated(stored[0], "deliberation") == ([21], [4], [25],
                                                  sorted([*_OPENING_PROXIES, ("CASTANIER", "MAZOYER")]))


def test_the_fixture_is_stored_without_a_shacl_violation(stored):
    assert stored[1].status == "stored"
    assert [v.message for v in stored[1].violations if v.severity == "Violation"] == []
