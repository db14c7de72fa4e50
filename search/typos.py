"""Typo tolerance: the index terms and the theme names that a query word spells with one typo.

A search that finds too few documents is planned again with one typo allowed per word (:mod:`search.plan`): each
word also matches the terms of the index one edit away (:func:`near_terms`), and a misspelt theme name names that
theme (:func:`themes_near`). Apart from the planning, as these compare letters, not stems nor fields: an edit
distance, and the view's lexicon by first letter and length.
"""

from __future__ import annotations

#: Words shorter than this get no typo tolerance ("sant" would match "saint").
FUZZY_MIN_CHARS = 5


def near_terms(view, field_name: str, text: str) -> list[str]:
    """The terms of a field at most one edit from ``text`` (a letter inserted, deleted or replaced, or two
    neighbours swapped: Damerau-Levenshtein) that start with its first letter, in order.

    What whoosh's ``terms_within(field, text, 1, prefix=1)`` gives on an index of several segments, without its
    Python edit distance to every term of that first letter (50 ms per word and field at 100k actors): only the
    terms of the view's lexicon one letter shorter, as long or one longer are compared, by string slices.
    """
    by_length, size = view.lexicon(field_name, text[:1]), len(text)
    return sorted(word for length in (size - 1, size, size + 1) for word in by_length.get(length, ())
                  if _one_edit(word, text))


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b``, of lengths at most one apart, are at most one edit apart (Damerau-Levenshtein).

    >>> [_one_edit("soins", w) for w in ("soins", "soin", "sions", "sains", "snois", "sian")]
    [True, True, True, True, False, False]
    """
    if a == b:
        return True
    half = len(b) // 2  # the one edit leaves either b's first half or what follows its middle letter in place
    if not (a.startswith(b[:half]) or a.endswith(b[half + 1:])):
        return False
    first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), None)
    if first is None:  # one is the other and a letter
        return True
    if len(a) > len(b):
        return a[first + 1:] == b[first:]
    if len(a) < len(b):
        return a[first:] == b[first + 1:]
    return a[first + 1:] == b[first + 1:] or (a[first + 2:] == b[first + 2:] and a[first] == b[first + 1]
                                              and a[first + 1] == b[first])


def spells(label: list[tuple[str, str]], words: list[tuple[str, str]]) -> bool:
    """Whether the (stem, folded) ``words`` spell a label's: the same stems, or the folded words with a typo each
    (:func:`_near_word`), as a misspelt theme is named.

    >>> spells([("acce", "acces"), ("soin", "soins")], [("acess", "acess"), ("soin", "soin")])
    True
    >>> spells([("exercic", "exercice"), ("coordon", "coordonne")], [("maison", "maison"), ("sant", "sante")])
    False
    """
    return len(label) == len(words) and all(stem == other or _near_word(folded, typed)
                                            for (stem, folded), (other, typed) in zip(label, words))


def themes_near(scheme, words: list[tuple[str, str]]) -> list[tuple[str, tuple[int, int]]]:
    """The themes of ``scheme`` whose label (or synonym) the (stem, folded) ``words`` spell with at most one typo
    per word (:func:`_one_edit` of their folded forms; words shorter than FUZZY_MIN_CHARS or with a digit exactly),
    with the span of words each covers, as :meth:`search.themes.ThemeScheme.named_in` finds those they spell right:
    "prévension" names « Prévention ». The longest names win; a span spelt right is left to ``named_in``.

    >>> from search.themes import ThemeScheme
    >>> scheme = ThemeScheme([{"iri": "th:p", "doc": {"label": "Prévention"}}])
    >>> themes_near(scheme, [("prevens", "prevension"), ("lyon", "lyon")]), themes_near(scheme, [("prev", "prev")])
    ([('th:p', (0, 1))], [])
    """
    found, taken, spans = [], set(), set()
    for label, iri in scheme.folded_names:
        n = len(label)
        for start in range(len(words) - n + 1):
            span, spelt = (start, start + n), tuple(folded for _, folded in words[start:start + n])
            if spelt == label or not all(map(_near_word, label, spelt)):
                continue
            # two themes named alike share the span; a shorter name inside a longer one's span is skipped
            if (span in spans or not taken & set(range(*span))) and (iri, span) not in found:
                found.append((iri, span))
                spans.add(span)
                taken |= set(range(*span))
    return found


def _near_word(label_word: str, word: str) -> bool:
    """Whether a query's folded ``word`` spells a theme label's ``label_word``, when it is long enough
    (FUZZY_MIN_CHARS) and holds no digit, with one typo, as the search tolerates typos, or with letters doubled
    where the label has one or the other way round: the commonest French misspelling, which may be two edits
    ("acess" for « accès », "acces" folded: one c undoubled, one s doubled) and named no theme.

    >>> [_near_word("acces", w) for w in ("acces", "acess", "aces", "accees", "axes")]
    [True, True, False, True, False]
    """
    if label_word == word:
        return True
    if len(word) < FUZZY_MIN_CHARS or any(c.isdigit() for c in word):
        return False
    return (abs(len(word) - len(label_word)) <= 1 and _one_edit(label_word, word)
            or _undoubled(label_word) == _undoubled(word))


def _undoubled(word: str) -> str:
    """``word`` with each run of one letter written once.

    >>> _undoubled("acces"), _undoubled("acess")
    ('aces', 'aces')
    """
    return "".join(letter for i, letter in enumerate(word) if not i or word[i - 1] != letter)
