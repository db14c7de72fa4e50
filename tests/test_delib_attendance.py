"""A session's attendance as deliberations write it: proxies in their many wordings, a proxy's sentence cut by a line
end before the next list, the convocation's date spelled out, and a member's arrival where only counts are given."""

from __future__ import annotations

import pytest

from graph.ingest.delib_counts import _DAY_IN_WORDS, _date_in_words
from graph.ingest.delib_moves import apply_moves
from graph.ingest.delib_number import number_match
from graph.ingest.delib_people import parse_attendance
from graph.ingest.delib_vote import parse_vote


def _proxies(text: str) -> list[tuple[str, str | None]]:
    return [(p.giver.family, p.holder.family if p.holder else None) for p in parse_attendance(text).proxies]


@pytest.mark.parametrize("gave", ["a donné", "donne"])
def test_a_proxy_sentence_cut_before_pouvoir_does_not_take_the_next_list_for_proxies(gave):
    text = (f"Pouvoirs : M. Paul GOBERT {gave} pouvoir à Mme Hélène DUCASSE ; Mme Lucie NOËL {gave}\n"
            "pouvoir à M. Gérard PINSON.\nAbsents : Mme Fatima OUALI, M. Kevin DROUOT.\n\nObjet : subventions\n")
    attendance = parse_attendance(text)
    assert _proxies(text) == [("GOBERT", "DUCASSE"), ("NOËL", "PINSON")]
    assert [p.family for p in attendance.absent] == ["OUALI", "DROUOT"]


def test_a_proxies_heading_whose_colon_comes_on_the_next_line_is_still_one():
    text = ("Absents ayant voté par procuration en application de l'article L 2121-20 du Code\nGénéral des "
            "Collectivités Territoriales : M. Luc ROUX à Mme Anne VIAL.\n\nObjet : subventions\n")
    assert _proxies(text) == [("ROUX", "VIAL")]


@pytest.mark.parametrize("wording", ["pouvoir à", "pouvoir donné à", "procuration donnée à", "a donné procuration à",
                                     "donne procuration à", "procuration à", "représenté par", "délégation donnée à",
                                     "pouvoir remis à", "ayant donné pouvoir à"])
@pytest.mark.parametrize("aside", [" ({} M. Francis DUPUY)", ", {} M. Francis DUPUY"])
def test_a_proxy_said_beside_an_excused_members_name_is_read_whatever_its_wording(wording, aside):
    text = ("Étaient excusés : M. Jacques BAYLE" + aside.format(wording) + ", M. Roland PUJOL.\n\n"
            "Objet : subventions\n")
    attendance = parse_attendance(text)
    assert _proxies(text) == [("BAYLE", "DUPUY")]
    assert [p.family for p in attendance.excused] == ["BAYLE", "PUJOL"]


@pytest.mark.parametrize("text", [
    "à la suite de la convocation adressée le\nvingt-deux novembre deux mille vingt-trois.",
    "à la suite de la convocation adressée le vingt-deux novembre deux mille vingt-trois.",
    "Conseillers convoqués le vingt-deux novembre 2023.",
])
def test_a_convocations_date_spelled_out_is_read_with_its_year_without_a_session_date(text):
    assert str(parse_attendance(text).convened) == "2023-11-22"


def test_a_convocations_date_in_words_without_its_year_takes_the_sessions():
    assert _date_in_words(_DAY_IN_WORDS.match("premier décembre, à vingt heures")).group(0) == "1 décembre"
    text = "Séance du 8 décembre 2023\nLe Conseil, légalement convoqué le premier décembre, s'est réuni."
    assert str(parse_attendance(text).convened) == "2023-12-01"


def test_a_member_who_arrives_where_the_present_are_only_counted_is_counted_not_listed():
    text = ("Présents : 26 – Pouvoirs : 0 – Votants : 26\nAbsents : M. Olivier BLACHE, Mme Sandrine ROBIN.\n"
            "Mme Sandrine ROBIN rejoint la séance au point n° 4.\n"
            "Point n° 5 – Subventions\nDélibération n° 2024-05\nAdopté à l'unanimité.\n")
    attendance, own = parse_attendance(text), number_match(text)
    apply_moves(text, attendance, own, parse_vote(text, own.start()), lambda fr, en: None)
    assert (attendance.present, [p.family for p in attendance.absent]) == ([], ["BLACHE"])
    assert (attendance.present_count, attendance.vote_count) == (27, 27)
