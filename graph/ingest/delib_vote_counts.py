"""The counts of a deliberation's vote, for, against or abstaining (:func:`read_count`): after their label ("Pour :
20", "Pour 72" among other counts, "Ont voté pour (20)"), on a table's line or a list of counts a line each, before
their label ("20 voix pour"), spelled out ("deux abstentions"), or in a row of labels over a row of counts.

Apart from :mod:`graph.ingest.delib_vote` because each way councils write a count is a pattern of its own; the
outcome that the counts make is the other's.

>>> read_count("Pour : 40 - Contre : 3 - Abstentions : 2", "contre")
(3, (12, 22))
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from graph.ingest.delib_counts import header_row_counts
from graph.ingest.french_numbers import SPELLED_COUNT, words_to_number


_COUNT = r"(?P<n>\d+|z[ée]ro|aucune?)"


#: A count against or abstaining, written number first, that makes a "13 pour" before it on its line a vote.
_COUNTED_AFTER = r"(?=[^\n]{0,60}?\b(?:\d+|aucune?|z[ée]ro)\s+(?:voix\s+)?(?:contre|abstentions?)\b)"


#: The labels of a vote for and against that some councils write: "Pour l'adoption : 30 ; pour le refus : 10".
FOR_AGAINST = (r"pour\s+l['’]adoption", r"pour\s+le\s+(?:refus|rejet)")

#: A count after its label without a colon ("Pour 72"): a vote's only on a line that gives it for two labels or
#: more, "Pour 72 – Contre 0 – Abstention 2", "Votes : Pour 112 – Contre 0 – Abstentions 6" ("pour 3 ans" is none,
#: and "12 000 € pour 2025 et 12 000 € pour 2026" neither). No assembly has a thousand members: a year is no count.
_LABELS = "|".join((*FOR_AGAINST, "pour", "contre", "abstention"))
_LABELLED = re.compile(rf"\b({_LABELS})s?[ \t]+\d{{1,3}}\b", re.I)
_LABELLED_APART = re.compile(rf"\b({_LABELS})s?[ \t]+\d{{1,3}}[ \t]*(?=[;,(–—-]|$)", re.I)


def _labelled_count(text: str, words: str) -> re.Match | None:
    """The first "Pour 72" for ``words`` on a line of ``text`` that :data:`_LABELLED` finds for two labels or more
    on, with those of the line before when this one goes on from it ("Pour 41 (groupes …) ; Contre 0 ;" then
    "Abstentions 10 (groupes …)").

    >>> _labelled_count("Vote : Pour 41 (groupes A, B) ; Contre 0 ;\\nAbstentions 10 (groupe C)", "abstentions?")[0]
    'Abstentions 10'
    """
    pattern = _patterns(words, False).labelled
    for start, end in _lines_of_labels(text):
        match = pattern.search(text, start, end)
        if match:
            return match
    return None


# The vote's three counts look for their labels on the same lines: found once for the three (the 1,112 texts of the
# 100k-actor corpus: 0.31 s, against 0.12 s).
@lru_cache(maxsize=4)
def _lines_of_labels(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of the lines of ``text`` that :data:`_LABELLED` finds two labels or more on, with those of the line
    before when this one goes on from it (see :func:`_labelled_count`)."""
    lines, before = [], set()
    for line in re.finditer(r"[^\n]+", text):
        labels = {label.lower() for label in _LABELLED.findall(line.group(0))}
        if len(labels | before) >= 2 and labels:
            lines.append(line.span())
        # the counts of a line that goes on below, each before its separator or its bracket ("pour 3 ans ;" is none)
        before = {label.lower() for label in _LABELLED_APART.findall(line.group(0))} \
            if re.search(r"[;,–—-][ \t]*$", line.group(0)) else set()
    return tuple(lines)


#: Where a count in brackets after its label is a vote's: the label opens its line, perhaps after "Ont voté" or "A
#: voté" (one member), or follows another count's separator ("Ont voté POUR (49) : …", "A voté contre (1) : …",
#: "Abstention (11) : …", "Pour (20) – Contre (2)").
_IN_BRACKETS_BEFORE = r"(?:^[ \t]*(?:(?:ont|a)[ \t]+vot[ée][ \t]+)?|(?<=\))[ \t]*[;,/–—-]?[ \t]*)"


class _Patterns(NamedTuple):
    """The patterns of :func:`read_count` for one ``words`` (and ``voix``)."""

    words: re.Pattern
    label: re.Pattern
    after: re.Pattern
    labelled: re.Pattern
    in_brackets: re.Pattern
    table_line: re.Pattern
    stacked: re.Pattern
    before: re.Pattern
    after_voix: re.Pattern
    before_counted: re.Pattern
    spelled_words: re.Pattern
    spelled: re.Pattern


# The same few ``words`` for every text: their patterns compiled once, rather than looked up in the re module's cache
# at each search (and compiled again when the reading of a text filled it).
@lru_cache(maxsize=16)
def _patterns(words: str, voix: bool) -> _Patterns:
    spelled_voix = "" if re.fullmatch(words, "abstentions", re.I) else r"voix\s+"
    return _Patterns(
        words=re.compile(rf"(?:{words})", re.I),
        label=re.compile(words, re.I),
        after=re.compile(rf"\b(?:{words})[ \t]*:[ \t]*{_COUNT}\b", re.I),
        labelled=re.compile(rf"\b(?:{words})[ \t]+{_COUNT}\b", re.I),
        in_brackets=re.compile(rf"{_IN_BRACKETS_BEFORE}(?:{words})[ \t]*\([ \t]*{_COUNT}[ \t]*\)", re.I | re.M),
        table_line=re.compile(rf"^[ \t]*(?:{words})[ \t]{{2,}}{_COUNT}[ \t]*$", re.I | re.M),
        stacked=re.compile(rf"[ \t|]*(?:{words})[ \t|]+{_COUNT}[ \t|]*", re.I),
        before=re.compile(rf"\b{_COUNT}\s+(?:voix\s+){'' if voix else '?'}(?:{words})\b", re.I),
        after_voix=re.compile(rf"\b(?:{words})[ \t]*:?[ \t]*{_COUNT}[ \t]+voix\b", re.I),
        before_counted=re.compile(rf"\b{_COUNT}\s+(?:{words})\b{_COUNTED_AFTER}", re.I),
        # the end of :attr:`spelled`, which each of its matches holds
        spelled_words=re.compile(rf"\s+{spelled_voix}(?:{words})\b(?!-)", re.I),
        spelled=re.compile(rf"(?<![\w-])(?P<n>{SPELLED_COUNT})\s+{spelled_voix}(?:{words})\b(?!-)", re.I))


def read_count(text: str, words: str, voix: bool = False) -> tuple[int, tuple[int, int]] | None:
    """The count that ``text`` gives for ``words``: "Pour : 20" (on the same line), "Pour 20" among other counts
    on its line (:func:`_labelled_count`), "Ont voté pour (20)" (:data:`_IN_BRACKETS_BEFORE`), a table's line
    "Pour      117", or "20 voix pour" — "voix" required when ``voix`` ("65738 pour le GIP" is no vote) unless a
    count against or abstaining follows on the line ("13 pour – 2 contre"); else a row of labels over a row of
    counts (:func:`header_row_counts`)."""
    patterns = _patterns(words, voix)
    # Each way below reads ``words`` in the text, a row of labels too (its labels are pieces of the text), and
    # ``words`` has no anchor nor lookaround that the text around could fail: a text without them has none of their
    # counts (the vote's counts against and abstaining are told in a third of the texts of the 100k-actor corpus).
    if not patterns.words.search(text):
        return None
    match = (patterns.after.search(text)
             or _labelled_count(text, words)
             or patterns.in_brackets.search(text)
             or patterns.table_line.search(text)
             or _stacked_count(text, words)
             or patterns.before.search(text)
             # "pour l'adoption 30 voix, pour le rejet 10 voix"
             or patterns.after_voix.search(text)
             or (patterns.before_counted.search(text) if voix else None)
             or _spelled_count(text, words))
    if not match:
        return next(((n, span) for label, n, span in header_row_counts(text) if patterns.label.fullmatch(label)),
                    None)
    n = match.group("n")
    return (int(n) if n.isdigit() else words_to_number(n) or 0), match.span()


#: A line that gives one count after its label, a space or a table's bar apart: "Pour 17", "| Contre | 2 |".
_COUNT_LINE = re.compile(r"^[ \t|]*(?:votants|pour|contre|abstentions?|suffrages\s+exprimés)[ \t|]+\d{1,3}[ \t|]*$",
                         re.I | re.M)


def _stacked_count(text: str, words: str) -> re.Match | None:
    """The count for ``words`` in a list of counts a line each, a label and its figure a space apart, two lines
    at least ("Votants 20" / "Pour 17" / "Contre 2"): "20" / "Pour 17" was read number first across the line's
    end, each label taking the figure above it. A line alone ("Abstentions 10" under a sentence) is none.

    >>> _stacked_count("Votants 20\\nPour 17\\nContre 2\\nAbstentions 1", "contre")["n"]
    '2'
    >>> _stacked_count("Une convention pour 3 ans ;\\nAbstentions 10", "abstentions?") is None
    True
    """
    lines = list(_COUNT_LINE.finditer(text))
    stacked = [m for m in lines if any(abs(other.start() - m.end()) <= 1 or abs(m.start() - other.end()) <= 1
                                       for other in lines if other is not m)]
    pattern = _patterns(words, False).stacked
    return next((found for m in stacked if (found := pattern.fullmatch(text, m.start(), m.end()))), None)


#: The label of the members who took no part in the vote, before their count: "Ne prennent pas part au vote : 4",
#: "Non-participation : 3", "N'a pas pris part au vote : 1".
_NOT_VOTING_LABEL = (r"ne\s+(?:prend|prennent)\s+pas\s+part\s+au\s+vote|n['’](?:a|ont)\s+pas\s+pris\s+part\s+au\s+vote"
                     r"|non[- ]participations?(?:\s+au\s+vote)?")
#: Members counted before the words that they took no part in the vote: "3 conseillers n'ayant pas pris part au
#: vote", "2 membres ne prenant pas part au vote", "4 élus ne participant pas au vote".
_COUNTED_NOT_VOTING = re.compile(r"(?<![\w,.])(?P<n>\d{1,3})\s+(?:conseill[eè]re?s?|membres?|élu(?:e|s|es)?|"
                                 r"délégu[ée]e?s?)(?:\s+(?:municipaux|communautaires|départementaux|régionaux|"
                                 r"territoriaux|métropolitains))?\s*,?\s+(?:n['’]ayant\s+pas\s+pris\s+part"
                                 r"|ne\s+(?:prenant|prennent|prend)\s+pas\s+part|ne\s+participant\s+pas"
                                 r"|n['’](?:a|ont)\s+pas\s+pris\s+part)\s+au\s+vote\b", re.I)


def read_not_voting(text: str) -> tuple[int, tuple[int, int]] | None:
    """The count of the members who took no part in the vote, stated as a vote's count is (:func:`read_count`:
    "Ne prennent pas part au vote : 4") or before the words that say it ("3 conseillers n'ayant pas pris part au
    vote"), with its span; None when the text counts them nowhere (naming them is :mod:`graph.ingest.delib_vote_names`'
    task).

    >>> read_not_voting("par 45 voix pour, 7 voix contre, 3 conseillers n'ayant pas pris part au vote,")
    (3, (33, 76))
    >>> read_not_voting("Pour : 41 ; Contre : 0 ; Ne prend pas part au vote : 2")[0]
    2
    """
    if (found := read_count(text, _NOT_VOTING_LABEL)) is not None:
        return found
    match = _COUNTED_NOT_VOTING.search(text)
    return (int(match["n"]), match.span()) if match else None


def _spelled_count(text: str, words: str) -> re.Match | None:
    """A count spelled out before ``words``: "deux abstentions", "trois voix contre", "quinze voix pour" — "voix"
    required but before abstentions ("un contre-projet" counts no vote).

    >>> _spelled_count("à l'unanimité des suffrages exprimés (deux abstentions)", "abstentions?")["n"]
    'deux'
    >>> _spelled_count("il présente un contre-projet", "contre") is None
    True
    """
    patterns = _patterns(words, False)
    # A spelled count is looked for after its words only (the spelled numbers, tried at each offset, made this the
    # slowest of the ways): a text where they are not is left at once.
    return patterns.spelled.search(text) if patterns.spelled_words.search(text) else None
