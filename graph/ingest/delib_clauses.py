"""Where the clauses of a sentence of several grants part (:data:`NEXT_GRANT`): "… 3 000 € au Basket Club | et
1 800 € au Cercle", "… à la SAS Alpha une subvention de 125 000 € | et à la SAS Beta …".

Each amount of a sentence asks where its own clause starts (:func:`where_clause_starts`) and where the next one begins
(:func:`next_clause`). Sought through the sentence before and after each amount, the parts took time that grew with
the square of the sentence (a sentence of 400 grants: each amount read 18,000 characters twice); they are found once a
sentence here, and each amount's answer taken from them, the same as the pattern's own search would give.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

#: Where a sentence of several grants passes to the next: "… 3 000 € au Basket Club | et 1 800 € au Cercle",
#: "… à la SAS Alpha une subvention de 125 000 € | et à la SAS Beta …", "… Sourire d'Automne | et de 750 € à …".
NEXT_GRANT = re.compile(r"\s+et\s+(?=(?:à|au|aux)\s|a\s+la?\s|a\s+l['’]|de\s+\d|\d)|\s*;\s*", re.I)
#: :data:`NEXT_GRANT` for a search through a whole sentence from its start, which finds the same parts: a part opens
#: a run of spaces at its first one, or at a semicolon after the spaces of the part before it. It does not try the
#: run again from each of its spaces (each try went through the rest of the run: a list indented 4,000 spaces deep).
_NEXT_GRANT_FROM_START = re.compile(r"(?<!\s)\s+et\s+(?=(?:à|au|aux)\s|a\s+la?\s|a\s+l['’]|de\s+\d|\d)|"
                                    r"(?<!\s)\s*;\s*|;\s*", re.I)


@lru_cache(maxsize=8)
def _parts(sentence: str) -> tuple[list[int], list[int]]:
    """Where each of the parts of ``sentence`` (:data:`NEXT_GRANT`) starts, and where each ends."""
    found = [m.span() for m in _NEXT_GRANT_FROM_START.finditer(sentence)]
    return [start for start, _ in found], [end for _, end in found]


def where_clause_starts(sentence: str, at: int) -> int:
    """Where the clause of the amount at ``at`` starts: the end of the last part before it in the sentence cut at
    ``at``, else 0 — ``max((m.end() for m in NEXT_GRANT.finditer(sentence, 0, at)), default=0)``.

    The sentence cut at ``at`` has the whole sentence's parts before the last one that starts before ``at`` (the
    pattern reads nothing past the start of the part after each: its look ahead reads a word, "à ", "de 5"), and no
    part that the whole has not (it has no word boundary, no end, nothing that must not follow). Only that last part
    is sought again in the cut sentence, from where it starts.

    >>> text = "ATTRIBUE 3 000 € au Basket Club ; 1 800 € au Cercle et à X 500 €"
    >>> [where_clause_starts(text, at) for at in (9, 34, 59)]
    [0, 34, 55]
    """
    starts, ends = _parts(sentence)
    last = bisect_left(starts, at) - 1
    if last < 0:
        return 0
    cut = NEXT_GRANT.match(sentence, starts[last], at)
    if cut is not None and cut.end() == ends[last]:
        return ends[last]
    return max((m.end() for m in NEXT_GRANT.finditer(sentence, starts[last], at)),
               default=ends[last - 1] if last else 0)


def next_clause(sentence: str, at: int) -> re.Match | None:
    """The part after which the clause of the amount at ``at`` ends, the first from ``at`` —
    ``NEXT_GRANT.search(sentence, at)``: the first part of the whole sentence that starts from ``at``, unless a part
    starts before ``at`` and ends after it (then sought again from ``at``).

    >>> next_clause("ATTRIBUE 3 000 € au Basket Club ; 1 800 € au Cercle", 9).start()
    31
    """
    starts, ends = _parts(sentence)
    following = bisect_left(starts, at)
    if following and ends[following - 1] > at:
        return NEXT_GRANT.search(sentence, at)
    return NEXT_GRANT.match(sentence, starts[following]) if following < len(starts) else None
