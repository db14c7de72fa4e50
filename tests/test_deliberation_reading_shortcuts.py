"""The shortcuts of the deliberation reader find what the plain searches find: the genre's markers counted up to three,
what a deliberation decides in three patterns, the vote's counts of a text without their words, and the attendance
at a vote copied from the opening's."""

import copy
import dataclasses
import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.ingest.delib_names import Person
from graph.ingest.delib_people import Attendance, Proxy, parse_attendance
from graph.ingest.delib_counts import header_row_counts
from graph.ingest.delib_vote_counts import (_COUNT, _COUNT_LINE, _COUNTED_AFTER, _IN_BRACKETS_BEFORE, FOR_AGAINST,
                                            _lines_of_labels, read_count)
from graph.ingest.deliberation import _OPERATIVE, _decides, _has_the_words, genre_markers
from graph.ingest.french_numbers import SPELLED_COUNT, words_to_number

#: Pieces of deliberations: the genre's words and what it decides, counts of a vote, and near misses.
PIECES = ["Le Conseil", "CONSEIL MUNICIPAL", "séance", "délibération", "après en avoir délibéré", "apres avoir",
          "DÉCIDE", "décide", "adopté", "adopte", "approuve", "rejet", "REJET", "Arrête", "ARRÊTE", "arrêté",
          "Vote", "votes", "pour", "Pour", "contre", "Contre", "abstention", "Abstentions", "s'abstient",
          "pour l'adoption", "pour le rejet", "voix", "deux", "trois", "quinze", "dix-neuf", "unanimité", "13", "2",
          "0", "12", "aucun", "en exercice", "membres", ":", "(", ")", ";", "–", "-", "|", " ", "   ", "\t", "\n", "é", "x"]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_what_decides_is_what_the_three_patterns_in_one_find(text):
    one = re.compile("|".join(pattern.pattern for pattern in _OPERATIVE), re.I | re.M)
    assert _decides(text) == bool(one.search(text))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_the_genres_words_are_three_markers_or_more(text):
    assert _has_the_words(text) == (len(genre_markers(text)) >= 3)


def _read_count_searched_in_full(text, words, voix=False):
    """What :func:`read_count` found with each search made in full: its way before its shortcuts."""
    def labelled():
        for start, end in _lines_of_labels(text):
            if match := re.compile(rf"\b(?:{words})[ \t]+{_COUNT}\b", re.I).search(text, start, end):
                return match
        return None

    def stacked():
        lines = list(_COUNT_LINE.finditer(text))
        stacked = [m for m in lines if any(abs(other.start() - m.end()) <= 1 or abs(m.start() - other.end()) <= 1
                                           for other in lines if other is not m)]
        pattern = re.compile(rf"[ \t|]*(?:{words})[ \t|]+{_COUNT}[ \t|]*", re.I)
        return next((found for m in stacked if (found := pattern.fullmatch(text, m.start(), m.end()))), None)

    spelled_voix = "" if re.fullmatch(words, "abstentions", re.I) else r"voix\s+"
    match = (re.search(rf"\b(?:{words})[ \t]*:[ \t]*{_COUNT}\b", text, re.I)
             or labelled()
             or re.search(rf"{_IN_BRACKETS_BEFORE}(?:{words})[ \t]*\([ \t]*{_COUNT}[ \t]*\)", text, re.I | re.M)
             or re.search(rf"^[ \t]*(?:{words})[ \t]{{2,}}{_COUNT}[ \t]*$", text, re.I | re.M)
             or stacked()
             or re.search(rf"\b{_COUNT}\s+(?:voix\s+){'' if voix else '?'}(?:{words})\b", text, re.I)
             or re.search(rf"\b(?:{words})[ \t]*:?[ \t]*{_COUNT}[ \t]+voix\b", text, re.I)
             or (re.search(rf"\b{_COUNT}\s+(?:{words})\b{_COUNTED_AFTER}", text, re.I) if voix else None)
             or re.search(rf"(?<![\w-])(?P<n>{SPELLED_COUNT})\s+{spelled_voix}(?:{words})\b(?!-)", text, re.I))
    if not match:
        return next(((n, span) for label, n, span in header_row_counts(text) if re.fullmatch(words, label, re.I)),
                    None)
    n = match.group("n")
    return (int(n) if n.isdigit() else words_to_number(n) or 0), match.span()


@pytest.mark.parametrize("words, voix", [(rf"{FOR_AGAINST[0]}|pour|votes?\s+pour", True),
                                         (rf"contre|{FOR_AGAINST[1]}", False),
                                         (r"abstentions?|s['’]abst\w+", False), ("pour", True), ("contre", False)])
@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_a_vote_count_is_the_one_that_each_search_made_in_full_finds(words, voix, text):
    assert read_count(text, words, voix) == _read_count_searched_in_full(text, words, voix)


@pytest.mark.parametrize("text, words, expected", [
    ("Pour : 20 – Contre : 3", "contre", (3, (12, 22))),
    ("Pour : 20", "contre", None),
    ("à l'unanimité moins deux voix contre", "contre", (2, (20, 36))),
    ("il présente un contre-projet", "contre", None),
    ("(deux abstentions)", "abstentions?", (2, (1, 17))),
])
def test_each_text_gets_its_own_vote_count(text, words, expected):
    assert read_count(text, words) == expected


def test_an_attendance_copied_has_what_its_original_has_and_shares_nothing_that_changes():
    body = ("Présents : M. Paul DURAND, Mme Léa MARTIN\nExcusés : M. Jean ROUX\nAbsents : Mme Anne PETIT\n"
            "Pouvoirs : M. Jean ROUX à M. Paul DURAND\nEn exercice : 5\nPrésents : 2\nVotants : 3\n"
            "Secrétaire de séance : Mme Léa MARTIN\nConvoqué le 3 mai 2024")
    opening = parse_attendance(body)
    opening.unread.append(("présents", "—"))
    opening.by_office.append(("présents", "le Maire", None))
    assert opening.proxies and opening.present and opening.count_at and opening.convened == dt.date(2024, 5, 3)
    copied = opening.copy()
    assert copied == opening == copy.deepcopy(opening)
    for f in dataclasses.fields(Attendance):
        value = getattr(opening, f.name)
        if not isinstance(value, (int, str, dt.date, Person, type(None))):
            assert getattr(copied, f.name) is not value, f.name
    assert all(a is not b for a, b in zip(copied.proxies, opening.proxies))


def test_an_attendance_copied_changes_apart_from_its_original():
    opening = Attendance(present=[Person("Léa", "MARTIN")], proxies=[Proxy(Person("Paul", "ROY"))], in_office=3)
    at_vote = opening.copy()
    at_vote.proxies[0].holder = at_vote.present.pop()
    at_vote.count_at["present_count"] = 4
    at_vote.spans.append((0, 1))
    assert opening == Attendance(present=[Person("Léa", "MARTIN")], proxies=[Proxy(Person("Paul", "ROY"))],
                                 in_office=3)
