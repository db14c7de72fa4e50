"""English text analysis: the English labels and definitions that documents hold, and the words of a query typed on
the English interface, through the Porter stemmer rather than the French one.

The French stemmer made English words meet unrelated French ones: "carers" stemmed "car", the term of
« camping-cars ». English texts get a field of their own (``english``, :mod:`search.schema`), whose terms are those
of :func:`english_word`: folded, English stop words left out, stemmed by Porter ("caregivers" finds « Caregiver »).

>>> english_terms("Health of older people and the carers")
['health', 'older', 'peopl', 'carer']
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.lang.porter import stem
from whoosh.lang.stopwords import stoplists

from search.analysis import _DIGIT, OPERATOR_WORDS, WordAnalyzer, fold, joined_compounds, words

#: English stop words (the Snowball list), and the operators' words.
ENGLISH_STOP_WORDS = frozenset(stoplists["en"]) | OPERATOR_WORDS

_TERMS: dict[str, str] = {}
_CACHE_LIMIT = 200_000


def english_word(word: str) -> str | None:
    """The term of one word in the ``english`` field: folded and stemmed by Porter; None for a stop word or a word
    with a digit (numbers are the French fields' terms).

    >>> english_word("Caregivers"), english_word("elderly"), english_word("the"), english_word("2024")
    ('caregiv', 'elderli', None, None)
    """
    term = _TERMS.get(word)
    if term is None:
        folded = fold(word)
        term = "" if folded in ENGLISH_STOP_WORDS or _DIGIT.search(folded) else stem(folded)
        if len(_TERMS) < _CACHE_LIMIT:
            _TERMS[word] = term
    return term or None


def english_terms(text: str) -> list[str]:
    """The ``english`` terms of ``text``, in order."""
    return [t for t in map(english_word, words(text)) if t]


def english_term_set(texts: Iterable[str]) -> set[str]:
    """The distinct ``english`` terms of ``texts``: what ENGLISH makes of each, hyphenated words joined too."""
    found = set()
    for text in texts:
        found.update(english_terms(text))
        if "-" in text:
            found.update(t for t in map(english_word, joined_compounds(text)) if t)
    return found


class EnglishAnalyzer(WordAnalyzer):
    """The whoosh analyzer of the ``english`` field: the words of the text through :func:`english_word`."""

    def __init__(self):
        super().__init__("english")

    def word_term(self):
        return english_word


ENGLISH = EnglishAnalyzer()
