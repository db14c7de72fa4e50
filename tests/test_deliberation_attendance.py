"""Who voted how and who sat, as minutes word it outside the usual headed lists: the members named before what they
did ("Mme X et M. Y ayant voté contre"), the absent named after their count on a line of counts ("Présents : 52 –
Absents : 3 – M. A, Mme B, M. C"), and the members excused who gave a proxy, listed under a heading that says both.
"""

from __future__ import annotations

import pytest
from rdflib.namespace import RDFS

from graph.ingest.delib_facts import deliberation_facts, extract_fixture
from graph.ingest.delib_people import parse_attendance
from graph.ingest.delib_vote import parse_vote
from graph.namespaces import MAI

_HEAD = ("COMMUNE DE VERNOUX-FICTIF\nSÉANCE DU CONSEIL MUNICIPAL DU 6 JUIN 2024\n{counts}\n"
         "Délibération n° 2024-031\nLe Conseil municipal attribue une subvention de 300 € au Comité des fêtes.\n"
         "{vote}\n")


def _extract(tmp_path, counts: str, vote: str = "Adopté à l'unanimité."):
    path = tmp_path / "delib.txt"
    path.write_text(_HEAD.format(counts=counts, vote=vote), encoding="utf-8")
    return extract_fixture(path).graph


def _votes(graph) -> list[tuple[str, int]]:
    return [(str(p).rsplit("#", 1)[-1], int(o)) for p, o in sorted(
        (p, o) for p in (MAI.votesFor, MAI.votesAgainst, MAI.abstentions) for o in graph.objects(None, p))]


@pytest.mark.parametrize("text, counts", [
    ("Adopté à la majorité, Mme Claire Martin et M. Paul Durand ayant voté contre.", (None, 2, None)),
    ("Adopté à la majorité, Mme Claire MARTIN et M. Paul DURAND ayant voté contre, M. Luc ROUX s'étant abstenu.",
     (None, 2, 1)),
    ("Adopté à la majorité (M. Luc ROUX, Mme Anne VIAL et M. Jean PONS s'étant abstenus).", (None, None, 3)),
    # the list wrapped over two lines, the names after a sentence of their own, a register typed without accents
    ("Adopté à la majorité, Mme Claire MARTIN et\nM. Paul DURAND ayant voté contre.", (None, 2, None)),
    ("Adopté à la majorité. M. Paul DURAND et Mme Anne VIAL ont voté contre.", (None, 2, None)),
    ("Adopte a la majorite, M. Luc ROUX s'etant abstenu.", (None, None, 1)),
    # a member who took no part in the vote is neither against nor abstaining
    ("Adopté à la majorité, M. Paul DURAND ayant voté contre, Mme Anne VIAL ne prenant pas part au vote.",
     (None, 1, None)),
])
def test_the_members_named_before_ayant_vote_contre_or_s_etant_abstenus_are_counted(text, counts):
    vote = parse_vote(text)
    assert (vote.outcome, (vote.votes_for, vote.against, vote.abstentions)) == ("adopted", counts)


@pytest.mark.parametrize("text, counts", [
    # the figures stated win over the names
    ("Pour : 29 – Contre : 3 – Abstentions : 0\nAdopté à la majorité, Mme Claire MARTIN et M. Paul DURAND ayant "
     "voté contre.", (29, 3, 0)),
    # a group among the names: their number is unknown
    ("Adopté à la majorité, le groupe Ensemble-Fictif et M. Paul DURAND ayant voté contre.", (None, None, None)),
    ("Adopté à la majorité, M. le Maire et M. Paul DURAND ayant voté contre.", (None, None, None)),
    # the member's own sentence, their office between: not a list of names
    ("Mme Léa MARTIN, présidente du club, quitte la salle et ne prend pas part au vote.\nAdopté par 4 voix pour.",
     (4, None, None)),
])
def test_names_before_a_vote_are_not_counted_against_a_figure_or_beside_a_group(text, counts):
    vote = parse_vote(text)
    assert (vote.votes_for, vote.against, vote.abstentions) == counts


@pytest.mark.parametrize("vote, votes", [
    ("Adopté à la majorité, Mme Claire Martin et M. Paul Durand ayant voté contre.", [("votesAgainst", 2)]),
    # the abstainers named make the votes cast unanimous for the voters less them
    ("Adopté à l'unanimité des suffrages exprimés, M. Luc ROUX et Mme Anne VIAL s'étant abstenus.",
     [("abstentions", 2), ("votesAgainst", 0), ("votesFor", 29)]),
    # a member named as taking no part, whom the 31 voters may count or not: the votes for stay unknown
    ("Adopté à l'unanimité des suffrages exprimés, M. Luc ROUX s'étant abstenu, Mme Anne VIAL ne prenant pas part "
     "au vote.", [("abstentions", 1), ("votesAgainst", 0)]),
])
def test_the_votes_of_members_named_without_a_count_are_stored_as_counts(tmp_path, vote, votes):
    graph = _extract(tmp_path, "Présents : 27 – Pouvoirs : 4 – Votants : 31", vote)
    assert _votes(graph) == votes


def _lists(text: str) -> tuple[list[str], list[str], list[str]]:
    a = parse_attendance(text)
    return [p.label for p in a.present], [p.label for p in a.excused], [p.label for p in a.absent]


_ABSENT = ["Luc ROUX", "Anne VIAL", "Jean PONS"]


@pytest.mark.parametrize("line", [
    "Présents : 52 - Absents : 3 – M. Luc ROUX, Mme Anne VIAL, M. Jean PONS",
    "En exercice : 55 – Présents : 52 – Absents : 3 – M. Luc ROUX, Mme Anne VIAL, M. Jean PONS",
    "Présents : 52 – Absents : 3 (M. Luc ROUX, Mme Anne VIAL, M. Jean PONS)",
    "Présents : 52 – Absents : 3 – M. Luc ROUX, Mme Anne VIAL, M. Jean PONS – Votants : 52",
    # the names wrapped onto the next line
    "Présents : 52 – Absents : 3 – M. Luc ROUX, Mme Anne VIAL,\nM. Jean PONS",
])
def test_the_absent_named_after_their_count_on_a_line_of_counts_are_absent_not_present(line):
    a = parse_attendance(line + "\n\nObjet : subvention\n")
    assert ([p.label for p in a.present], [p.label for p in a.absent], a.present_count) == ([], _ABSENT, 52)


@pytest.mark.parametrize("line", [
    "Présents : 50 – Excusés : 2 – Mme Rose PIC, M. Marc FAURE – Absents : 1 – M. Jean PONS",
    "Présents : 50 - Excusés : 2 - Mme Rose PIC, M. Marc FAURE - Absents : 1 - M. Jean PONS - Votants : 50",
])
def test_the_excused_and_the_absent_named_on_one_line_of_counts_are_each_in_their_list(line):
    assert _lists(line + "\n") == ([], ["Rose PIC", "Marc FAURE"], ["Jean PONS"])


def test_the_session_records_the_absent_named_on_its_line_of_counts(tmp_path):
    graph = _extract(tmp_path, "Présents : 52 - Absents : 3 – M. Luc ROUX, Mme Anne VIAL, M. Jean PONS")
    session = next(graph.objects(None, MAI.session))
    assert sorted(str(graph.value(p, RDFS.label)) for p in graph.objects(session, MAI.absent)) == sorted(_ABSENT)
    assert list(graph.objects(session, MAI.present)) == []


@pytest.mark.parametrize("heading", [
    "Absents excusés ayant donné pouvoir :",
    "Excusés ayant donné procuration :",
    "Absent(s) excusé(s) ayant remis un pouvoir :",
    "ABSENTS EXCUSÉS AYANT DONNÉ POUVOIR :",
    "A B S E N T S E X C U S E S AYA N T D O N N E P O U V O I R\n",
])
def test_the_members_who_gave_a_proxy_under_a_heading_that_says_them_excused_are_excused(heading):
    a = parse_attendance("Présents : M. Paul DURAND, M. Jean PONS\n" + heading
                         + " M. Luc ROUX à M. Paul DURAND, Mme Anne VIAL à M. Jean PONS\n\nObjet : subvention\n")
    assert [p.label for p in a.excused] == ["Luc ROUX", "Anne VIAL"]
    assert [(p.giver.label, p.holder.label) for p in a.proxies] == [("Luc ROUX", "Paul DURAND"),
                                                                    ("Anne VIAL", "Jean PONS")]


@pytest.mark.parametrize("heading", ["Absents ayant donné pouvoir :", "Pouvoirs :"])
def test_the_members_who_gave_a_proxy_under_a_heading_that_does_not_say_them_excused_are_not(heading):
    a = parse_attendance("Présents : M. Paul DURAND\n" + heading + " M. Luc ROUX à M. Paul DURAND\n\nObjet : x\n")
    assert (a.excused, [p.giver.label for p in a.proxies]) == ([], ["Luc ROUX"])


def test_the_session_records_the_excused_who_gave_a_proxy_and_their_proxies(tmp_path):
    graph = _extract(tmp_path, "Présents : M. Paul DURAND, M. Jean PONS, Mme Rose PIC\n"
                               "Absents excusés ayant donné pouvoir : M. Luc ROUX à M. Paul DURAND, Mme Anne VIAL à "
                               "M. Jean PONS\nAbsents excusés : M. Marc FAURE")
    facts = deliberation_facts(graph)
    assert (facts["present"], facts["excused"], facts["proxies"], facts["proxy_holders"]) == (3, 3, 2, 2)


def test_a_member_named_by_office_under_that_heading_is_the_excused_person_the_text_names_in_it():
    a = parse_attendance("Présents : Mme Anne MOREL, M. Paul GIRARD\nAbsents excusés ayant donné pouvoir : "
                         "M. le Maire à Mme Anne MOREL, M. Victor ROY à M. Paul GIRARD.\n\nAdopté.\n\n"
                         "Le Maire,\nBernard FAYOLLE\n")
    assert sorted(p.label for p in a.excused) == ["Bernard FAYOLLE", "Victor ROY"]
    assert sorted((p.giver.label, p.holder.label) for p in a.proxies) == [("Bernard FAYOLLE", "Anne MOREL"),
                                                                          ("Victor ROY", "Paul GIRARD")]
