"""The searches of a sentence up to a place in it or from a place on (graph.ingest.delib_bounded) give what the
patterns' own searches give, for each pattern that the prose reader so searches, at every place of sentences made
of the words those patterns look for (a fixed seed: the same sentences each run).
"""

from __future__ import annotations

import random
import re

import pytest

from graph.ingest import delib_not_grants, delib_prose_cues, delib_prose_details, delib_profile
from graph.ingest.delib_bounded import NOT_WORDS, found_before_barrier, last_within, search_opened, search_within
from graph.ingest.delib_grant_words import DECIDED_PAYMENT, DECIDED_PAYMENT_BARRIERS

#: Pieces of sentences: the words the patterns look for, and what parts them (stops, semicolons, amounts,
#: brackets, apostrophes, line ends, runs of spaces).
_PIECES = ["L'ARS verse", "la CAF, qui accorde", "et l'État", "participe à hauteur de", "versement d'une aide de",
           "versement à l'association X de la somme de", "a attribué", "avait été versée", "attribue", "décerne le",
           "premier prix", "prix de vente", "sollicite", "demande 3 000 €, proposition", "délibération n° 12",
           "du 3 mai attribuant", "portant attribution", "cotisation", "cotisations", "pour la fête", "afin de",
           "au titre de la", "dans le cadre du", "est annulée", "sont donc caduques", "et une subvention",
           "et une aide", "SIRET", "n°", ":", "842 117", "de", "à", "X", "Y", "une", "1 000 €", "2024", ",", ";", ".",
           "(", ")", "’", "'", "\n", "  ", " ", "\u00a0"]

_WITHIN = [
    (delib_not_grants.PAID_BY_OUTSIDER, delib_not_grants.PAID_BY_OUTSIDER_BARRIERS),
    (DECIDED_PAYMENT, DECIDED_PAYMENT_BARRIERS),
    (delib_prose_cues.AWARDED_PRIZE, NOT_WORDS),
    (delib_prose_cues._GRANTING, NOT_WORDS),
    (delib_not_grants._REQUEST_VERB, NOT_WORDS),
    (delib_not_grants.CLAUSE_VERB, delib_not_grants._CLAUSE_VERB_BARRIERS),
    (delib_not_grants.BY_EARLIER_ACT, delib_not_grants.BY_EARLIER_ACT_BARRIERS),
    (delib_prose_cues.DUES, NOT_WORDS),
    (delib_prose_details._AND_ANOTHER_GRANT, NOT_WORDS),
    (delib_prose_details._AND_ANOTHER_GRANT_FROM_RUN, NOT_WORDS),
    (delib_profile._IDENTIFIER_CUT, delib_profile._IDENTIFIER_CUT_BARRIERS),
]
_OPENED = [
    (delib_prose_cues.PROPOSED_BEFORE, delib_prose_cues.PROPOSED_OPENER),
    (delib_prose_details._PURPOSE, delib_prose_details._PURPOSE_OPENER),
]


def _sentences(count: int = 15) -> list[str]:
    draw = random.Random(2024)
    return [" ".join(draw.choice(_PIECES) for _ in range(draw.randint(5, 40))) for _ in range(count)]


def _said(match: re.Match | None):
    return None if match is None else (match.span(), match.groups())


def _last(matches):
    return _said(next(iter(reversed(list(matches))), None))


@pytest.mark.parametrize("pattern, barrier", _WITHIN, ids=lambda p: p.pattern[:30])
def test_a_search_kept_within_barriers_finds_what_the_patterns_own_search_finds(pattern, barrier):
    for text in _sentences():
        for start in range(0, len(text), 9):
            for end in range(start, len(text) + 1):
                found, last = search_within(pattern, barrier, text, start, end), last_within(pattern, barrier, text,
                                                                                             start, end)
                assert _said(found) == _said(pattern.search(text, start, end))
                assert _said(last) == _last(pattern.finditer(text, start, end))


@pytest.mark.parametrize("pattern, opener", _OPENED, ids=lambda p: p.pattern[:30])
def test_a_search_at_the_places_its_words_open_finds_what_the_patterns_own_search_finds(pattern, opener):
    for text in _sentences():
        for start in range(0, len(text), 9):
            for end in range(start, len(text) + 1, 3):
                found = search_opened(pattern, opener, text, start, end)
                assert _said(found) == _said(pattern.search(text, start, end))


def test_a_cue_found_before_the_barrier_is_what_the_pattern_after_any_other_characters_finds():
    pattern, barrier = delib_prose_cues.CANCELLED_AFTER, delib_prose_cues.CANCELLED_AFTER_BARRIERS
    after_any = re.compile(r"[^.;]*?" + pattern.pattern, pattern.flags)
    for text in _sentences():
        for start in range(len(text) + 1):
            assert found_before_barrier(pattern, barrier, text, start) == bool(after_any.match(text, start))
