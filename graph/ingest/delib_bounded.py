"""Searches of a sentence up to a place in it, or from a place on, that give what the pattern's own search gives in
time that does not grow with the rest of the sentence.

Each amount of a sentence reads the words before it (a cue, the clause's last granting verb) or after it (a purpose):
sought from the sentence's start or to its end, a sentence of 400 grants had each of its amounts read 18,000
characters, time that grew with the square of the sentence. Here the whole sentence is read once per pattern, and each
search asks only the stretch around its own place.

Two kinds of patterns:

- kept within barriers (:func:`search_within`, :func:`last_within`): a match holds no character of ``barrier`` but
  as its first, and an attempt at a place reads no further than the first barrier after it (a greedy run stops at
  it, a word boundary or a look ahead reads it and no more). The barriers part the sentence into stretches, each
  opening at a barrier, that the pattern reads apart: a stretch that ends before the cut reads the same in the
  sentence cut there, and is answered from the whole sentence's matches; only the stretches at the two ends are
  sought again;
- opened by words (:func:`search_opened`): a match starts where ``opener`` finds its first words; the places where it
  does are found once, and the pattern tried at those from the place on. The places where a pattern matches, found
  so, also tell whether it matches between a place and the barrier after it (:func:`found_before_barrier`).

None of these patterns matches empty text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

#: The barriers of a pattern of words and spaces only (a verb, "et une subvention"): any other character.
NOT_WORDS = re.compile(r"[^\w\s]")


@lru_cache(maxsize=32)
def _barriers(barrier: re.Pattern, text: str) -> list[int]:
    """Where each character of ``text`` that ``barrier`` finds lies, in order."""
    return [m.start() for m in barrier.finditer(text)]


@lru_cache(maxsize=32)
def _firsts(pattern: re.Pattern, barrier: re.Pattern, text: str) -> tuple[list[int], list[re.Match]]:
    """The first match of ``pattern`` in ``text`` from the start of each stretch that has one (a stretch after the
    one that holds the match before), and where each starts: the leftmost match from any barrier on is one of them."""
    bars, starts, found = _barriers(barrier, text), [], []
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        starts.append(match.start())
        found.append(match)
        after = bisect_right(bars, match.start())
        if after == len(bars):
            break
        pos = bars[after]
    return starts, found


@lru_cache(maxsize=32)
def _matches(pattern: re.Pattern, text: str) -> tuple[list[int], list[re.Match]]:
    """The matches of ``pattern`` through ``text`` one after the other (its ``finditer``), and where each starts."""
    found = list(pattern.finditer(text))
    return [m.start() for m in found], found


def _ends(barrier: re.Pattern, text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first barrier after ``start`` and the last before ``end``, when there is one between them."""
    bars = _barriers(barrier, text)
    first = bisect_right(bars, start)
    if first == len(bars) or bars[first] >= end:
        return None
    return bars[first], bars[bisect_left(bars, end) - 1]


def search_within(pattern: re.Pattern, barrier: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    """``pattern.search(text, start, end)`` for a pattern kept within ``barrier``'s characters.

    >>> WORD, BARRIER = re.compile(r"\\bfonds\\s+\\w+"), re.compile(r"[,;€\\d]")
    >>> text = "1 000 € au fonds social, 2 000 € au fonds vert, 3 000 € au fonds"
    >>> [(m.group(0) if m else None) for m in (search_within(WORD, BARRIER, text, 20, len(text) - 1),
    ...                                         search_within(WORD, BARRIER, text, 50, len(text)))]
    ['fonds vert', None]
    """
    ends = _ends(barrier, text, start, end)
    if ends is None:
        return pattern.search(text, start, end)
    first_bar, last_bar = ends
    # the first stretch from start: its attempts read up to its barrier, which ends it, and no further
    if (match := pattern.search(text, start, first_bar + 1)) is not None and match.start() < first_bar:
        return match
    starts, found = _firsts(pattern, barrier, text)
    k = bisect_left(starts, first_bar)
    if k < len(starts) and starts[k] < last_bar:  # a whole stretch before the last barrier: as in the whole text
        return found[k]
    return pattern.search(text, last_bar, end)


def last_within(pattern: re.Pattern, barrier: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    """The last match of ``pattern.finditer(text, start, end)`` for a pattern kept within ``barrier``'s characters:
    no match runs over a barrier but from it, so that the matches of each stretch are the same whatever comes before.

    >>> VERB, BARRIER = re.compile(r"\\battribu\\w*"), re.compile(r"[,;€\\d]")
    >>> text = "attribue 1 000 € à A, puis attribuera 2 000 € à B, et 3 000 € à C"
    >>> [last_within(VERB, BARRIER, text, 0, at).group(0) for at in (9, 40, 60)]
    ['attribue', 'attribuera', 'attribuera']
    """
    ends = _ends(barrier, text, start, end)
    if ends is None:
        return _last(pattern.finditer(text, start, end))
    first_bar, last_bar = ends
    if (match := _last(pattern.finditer(text, last_bar, end))) is not None:
        return match
    starts, found = _matches(pattern, text)
    k = bisect_left(starts, last_bar) - 1
    if k >= 0 and starts[k] >= first_bar:
        return found[k]
    return _last(m for m in pattern.finditer(text, start, first_bar + 1) if m.start() < first_bar)


def _last(matches) -> re.Match | None:
    match = None
    for match in matches:
        pass
    return match


@lru_cache(maxsize=32)
def _openings(opener: re.Pattern, text: str) -> list[int]:
    """Every place of ``text`` where ``opener`` matches (overlapping ones too: it is tried at each place)."""
    return [m.start() for m in re.finditer(f"(?=(?:{opener.pattern}))", text, opener.flags)]


def search_opened(pattern: re.Pattern, opener: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    """``pattern.search(text, start, end)`` for a pattern whose matches start where ``opener`` matches: tried at those
    places only, the first that it matches from.

    >>> ASKED, OPENER = re.compile(r"(?:demand|sollicit)\\w*\\s+\\d+\\s*€"), re.compile(r"demand|sollicit", re.I)
    >>> search_opened(ASKED, OPENER, "X demande 500 € ; Y sollicite 300 €", 5, 36).group(0)
    'sollicite 300 €'
    """
    places = _openings(opener, text)
    for place in places[bisect_left(places, start):bisect_left(places, end)]:
        if (match := pattern.match(text, place, end)) is not None:
            return match
    return None


def found_before_barrier(pattern: re.Pattern, barrier: re.Pattern, text: str, start: int) -> bool:
    r"""Whether ``pattern`` matches at a place of ``text`` from ``start`` on, before the first of ``barrier``'s
    characters from there: whether ``[^…]*?`` then ``pattern`` (the characters between none of the barrier's)
    matches at ``start``, for a pattern that matches none of the barrier's characters where it starts.

    >>> found_before_barrier(re.compile(r"\best\s+annulée"), re.compile(r"[.;]"), "500 €, qui est annulée.", 5)
    True
    >>> found_before_barrier(re.compile(r"\best\s+annulée"), re.compile(r"[.;]"), "500 €. La X est annulée.", 5)
    False
    """
    places, bars = _openings(pattern, text), _barriers(barrier, text)
    place, bar = bisect_left(places, start), bisect_left(bars, start)
    return place < len(places) and places[place] < (bars[bar] if bar < len(bars) else len(text))
