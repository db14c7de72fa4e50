"""Word pairs: what lets a query ask for words side by side (a quoted phrase) without positions in the index.

The index records which documents hold a term, not where (:mod:`search.schema`), so a phrase is read as its
pairs of neighbouring words: the ``pairs`` field holds, for each text of a document's names and body, each content
word's stem with the next one's, and the number of stop words between them when there are some ("aide à domicile"
gives ``aid +1 domicil``); ``own_pairs``, those of a deliberation's own text. A quoted phrase requires all its
pairs, so that "aide à domicile" does not find « domicile aide »; an unquoted text weighs more where its words
stand side by side as typed ("accès au numérique"). A pair never spans two texts (a document's texts are joined
by line breaks) nor more than MAX_GAP stop words.

>>> pair_terms("L'aide à domicile des personnes")
['aid +1 domicil', 'domicil +1 person']
>>> pair_terms("santé et la prévention"), pair_terms("santé\\nprévention")
(['sant +2 prevent'], [])
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh.analysis import Analyzer, Token

from search.analysis import stem_word, words

#: Stop words at most between the two words of a pair (« l'accès aux soins de la personne »: 2).
MAX_GAP = 3


def pair_term(first: str, gap: int, second: str) -> str:
    """The term of two stems with ``gap`` stop words between them (stems hold no space)."""
    return f"{first} +{gap} {second}" if gap else f"{first} {second}"


def pair_terms(text: str) -> list[str]:
    """The pair terms of ``text``, line by line, in order."""
    found = []
    for line in text.split("\n"):
        previous, gap = None, 0
        for word in words(line):
            stem = stem_word(word)
            if stem is None:
                gap += 1
                continue
            if previous is not None and gap <= MAX_GAP:
                found.append(pair_term(previous, gap, stem))
            previous, gap = stem, 0
    return found


def pair_term_set(texts: Iterable[str]) -> set[str]:
    """The distinct pair terms of ``texts``: what PAIRS makes of them joined by line breaks."""
    return {term for text in texts for term in pair_terms(text)}


class PairAnalyzer(Analyzer):
    """The whoosh analyzer of the ``pairs`` field (:func:`pair_terms`)."""

    def __eq__(self, other):
        return isinstance(other, PairAnalyzer)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, text in enumerate(pair_terms(value) if tokenize else [value]):
            token.text, token.boost, token.stopped = text, 1.0, False
            if positions:
                token.pos = start_pos + pos
            yield token


PAIRS = PairAnalyzer()
