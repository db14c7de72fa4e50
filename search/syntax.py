"""The syntax of a search text: words, and the operators ET / AND, OU / OR, SAUF / NOT written in capitals.

- Words are all required, as if joined by ``ET`` (``AND``): "santé mentale" finds what holds both.
- ``OU`` (``OR``) separates alternatives, and binds less than the implicit ``ET``: "santé mentale OU psychiatrie"
  is (santé ET mentale) OU psychiatrie. There are no parentheses.
- ``SAUF`` (``NOT``) leaves out what holds the word that follows it: "aidants SAUF répit".
- Operators count in capitals only: in lower case, "et" and "ou" are French stop words and "and", "or" and "not"
  English ones, left out of queries and of the index alike (:data:`search.analysis.STOP_WORDS`). An operator with
  nothing to join is ignored; a text made only of stop words and operators finds nothing.
- A currency word after a number ("20 000 euros", "500 EUR") is left out: the amount is the number.
- A hyphenated word is its parts or its joined form: "télé-médecine" finds « télémédecine » and « télé médecine ».

>>> [(g.words, g.excluded) for g in parse("santé mentale OU psychiatrie SAUF enfants")]
[([('sant', 'sante'), ('mental', 'mentale')], []), ([('psychiatr', 'psychiatrie')], [('enfant', 'enfants')])]
>>> [g.words for g in parse("20 000 euros")]
[[('20000', '20000')]]
>>> [(g.words, g.compounds) for g in parse("médico-social")]
[([('medico', 'medico'), ('social', 'social')], [(0, 2, ('medicosocial', 'medicosocial'))])]
>>> [(g.words, g.excluded) for g in parse("AND")], parse("")
([([], [])], [])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.analysis import fold_word, iter_compounds, iter_words, stem_word

#: Operators (as written, capitals only) and what they do.
OPERATORS = {"ET": "and", "AND": "and", "OU": "or", "OR": "or", "SAUF": "not", "NOT": "not"}
#: Words of a currency, folded, left out after a number.
CURRENCY = frozenset({"euro", "euros", "eur"})

Word = tuple[str, str]  # (stemmed term, folded term)


@dataclass
class Group:
    """One alternative of a query: the words it requires and the words it excludes."""

    words: list[Word] = field(default_factory=list)
    excluded: list[Word] = field(default_factory=list)
    # hyphenated words, each as the span of ``words`` its parts take and its joined form: either matches
    compounds: list[tuple[int, int, Word]] = field(default_factory=list)


def parse(text: str) -> list[Group]:
    """The alternatives of a search text (none for a text without words; one empty group for a text of stop
    words and operators only, which finds nothing)."""
    groups, current, negated, after_number, seen = [], Group(), False, False, False
    compounds = {m.start(): m for m in iter_compounds(text) if not any(c.isdigit() for c in m.group(0))}
    opened: tuple[int, re.Match] | None = None  # the compound being read: where its parts start in ``words``
    for word, start, end in iter_words(text):
        seen = True
        if start in compounds and not negated:
            opened = (len(current.words), compounds[start])
        operator = OPERATORS.get(word)
        if operator == "or":
            if current.words or current.excluded:
                groups.append(current)
            current, negated = Group(), False
            continue
        if operator is not None:
            negated = operator == "not"
            continue
        folded = fold_word(word)
        if after_number and folded in CURRENCY:
            after_number = False
            continue
        after_number = folded[:1].isdigit()
        stem = stem_word(word)
        if stem is not None:
            (current.excluded if negated else current.words).append((stem, folded))
        negated = False
        if opened is not None and end == opened[1].end():
            joined = opened[1].group(0).replace("-", "")
            if (stem := stem_word(joined)) is not None and len(current.words) > opened[0]:
                current.compounds.append((opened[0], len(current.words), (stem, fold_word(joined))))
            opened = None
    if current.words or current.excluded or (seen and not groups):
        groups.append(current)
    return groups
