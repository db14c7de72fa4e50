"""The sentences that the prose reader reads, mended: a sentence that a civility's dot ended joined to the next
(:func:`join_civilities`), the words of the sentence that a dot inside a token cut (:func:`words_cut_before`), and
a table's rows that open a sentence (:data:`TABLE_ROWS`).
"""

from __future__ import annotations

import re

from graph.ingest.french import AMOUNT_RE


def words_cut_before(body: str, start: int) -> str:
    """The words of the sentence that the one at ``start`` goes on, when a dot inside a token cut it there: "VU la
    délibération n° 24CP." then "0733 du 18 octobre 2024 attribuant …" (else nothing), on one line.

    >>> words_cut_before("Titre.\\nVU la délibération n° 24CP.0733 du 18 octobre", 34)
    'VU la délibération n° 24CP.'
    """
    if start == 0 or body[start - 1] != "." or not body[start:start + 1].isalnum():
        return ""
    above = body[max(0, start - 300):start]
    ends = [m.end() for m in re.finditer(r"[.;:](?=\s)|\n[ \t]*\n", above)]
    return above[max(ends, default=0):].lstrip().replace("\n", " ")


#: A civility's dot at a sentence's end, whom a grant goes to: "… une bourse de 4 800 € à M." then " Yassine X, …".
_CIVILITY_END = re.compile(r"(?:\bà|\bau|\bde|\bpour|\bfaveur\s+de)\s+(?:M|MM|Dr|Pr)\.$")


def join_civilities(sentences):
    """The sentences, one that gives an amount and that a civility's dot ends joined to the next: "une bourse de
    4 800 € à M. Yassine X" is one sentence (a list of members, "M. X, Mme Y, M. Z", is left as it is).

    >>> list(join_civilities([(0, "Une bourse de 500 € à M."), (24, " Yassine X, interne.")]))
    [(0, 'Une bourse de 500 € à M. Yassine X, interne.')]
    """
    held = None
    for start, sentence in sentences:
        if held is not None and held[0] + len(held[1]) == start:
            start, sentence, joined = held[0], held[1] + sentence, True
        else:
            if held is not None:
                yield held
            joined = False
        held = None
        if not joined and _CIVILITY_END.search(sentence) and AMOUNT_RE.search(sentence):
            held = (start, sentence)
        else:
            yield start, sentence
    if held is not None:
        yield held


#: The rows of a table with rules that open a sentence: "| AURIOL Marc | X |  |\n| BESSE Nadine | X |  |\n".
TABLE_ROWS = re.compile(r"(?:[ \t]*\|[^\n]*(?:\n|$))+")
