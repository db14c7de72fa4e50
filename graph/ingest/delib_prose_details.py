"""What a deliberation's sentence says of a grant besides its amount and its beneficiary: its nature (operating,
investment, in kind), its fiscal year, its purpose, and whether it is a yearly amount.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from graph.ingest.delib_bounded import NOT_WORDS, last_within, search_opened, search_within
from graph.ingest.delib_clauses import next_clause, where_clause_starts
from graph.ingest.delib_grant_words import GRANT_VERB, GRANT_WORD
from graph.ingest.delib_grants import nature_in
from graph.ingest.delib_not_grants import YEARLY


#: Where one sentence passes to a second grant to the same beneficiary: "une subvention de fonctionnement de 3 000 €
#: | et une subvention en nature, … valorisée à 1 840 €".
_AND_ANOTHER_GRANT = re.compile(r"\s+et\s+(?=une?\s+(?:subventions?|aides?|participations?|contributions?|avantages?"
                                r"|soutiens?|concours)\b)", re.I)
#: :data:`_AND_ANOTHER_GRANT` for a search from the start of a sentence or from after a character that is no space: it
#: finds the same parts, trying a run of spaces from its first one only (each try from one of its spaces went through
#: the rest of it: a list indented deep).
_AND_ANOTHER_GRANT_FROM_RUN = re.compile(r"(?<!\s)" + _AND_ANOTHER_GRANT.pattern, re.I)


def _clause_around(sentence: str, anchor: int) -> tuple[int, re.Match | None]:
    """Where the clause of the amount at ``anchor`` starts, and the part that ends it (None at the sentence's end):
    a next grant (:func:`graph.ingest.delib_clauses.where_clause_starts`) or a second one to the same beneficiary."""
    second = last_within(_AND_ANOTHER_GRANT_FROM_RUN, NOT_WORDS, sentence, 0, anchor)
    clause_start = max(where_clause_starts(sentence, anchor), second.end() if second else 0)
    following = min(filter(None, (next_clause(sentence, anchor), another_grant_after(sentence, anchor))),
                    key=lambda m: m.start(), default=None)
    return clause_start, following


def another_grant_after(sentence: str, anchor: int) -> re.Match | None:
    """``_AND_ANOTHER_GRANT.search(sentence, anchor)``, in time that does not grow with the runs of spaces after it.

    A part that starts inside a run of spaces also starts at the run's first space, so only the run ``anchor`` is in
    may hold the leftmost part from ``anchor`` on without starting after a character that is no space: tried there
    alone, and :data:`_AND_ANOTHER_GRANT_FROM_RUN` after it (searched with ``_AND_ANOTHER_GRANT`` from within a run,
    each of the sentence's runs of spaces was tried from each of its spaces: a list indented 8,000 spaces deep, 15 s).

    >>> sentence = "attribue 1 500 € à A" + " " * 40 + "et une subvention de 300 € à B"
    >>> [another_grant_after(sentence, at).start() for at in (5, 20, 30)]
    [20, 20, 30]
    """
    if sentence[anchor - 1:anchor].isspace() and (part := _AND_ANOTHER_GRANT.match(sentence, anchor)) is not None:
        return part
    return search_within(_AND_ANOTHER_GRANT_FROM_RUN, NOT_WORDS, sentence, anchor, len(sentence))


def read_clause_nature(sentence: str, anchor: int) -> str | None:
    """The nature of the grant at ``anchor``: its own clause's when the sentence grants several and that clause
    names its grant ("… au centre social X une subvention de fonctionnement de 6 500 €, et au comité Y une
    subvention de 1 200 €": the second states none), else the sentence's."""
    clause_start, following = _clause_around(sentence, anchor)
    clause = sentence[clause_start:following.start() if following else len(sentence)]
    several = clause_start > 0 or following is not None
    return nature_in(clause) if several and GRANT_WORD.search(clause) else nature_in(sentence)


#: A fiscal year as a grant's clause names it: "au titre de 2025", "au titre de l'exercice 2025", "pour l'année 2025".
#: An advance on a grant of a year to come: "une avance de 20 000 € sur la subvention 2026".
_CLAUSE_YEAR = re.compile(r"(?:\bau\s+titre\s+(?:de\s+)?(?:l['’](?:ann[ée]e|exercice)\s+)?|\bpour\s+l['’]ann[ée]e\s+|"
                          r"\bexercice\s+|\bsur\s+(?:la\s+|sa\s+|leur\s+)?subvention\s+(?:de\s+l['’](?:ann[ée]e|exercice)\s+)?)"
                          r"(?P<y>(?:19|20)\d\d)\b", re.I)


def read_clause_year(sentence: str, anchor: int) -> int | None:
    """The fiscal year that the clause of the amount at ``anchor`` names, when it names one: a list's items may
    each name theirs ("1. … 2 500 € à l'Office … au titre de 2024 ; 2. … 18 200 € à … au titre de 2025").

    >>> read_clause_year("ATTRIBUE une subvention de 18 200 € à l'association Accords Majeurs au titre de 2025.", 30)
    2025
    >>> read_clause_year("DÉCIDE de verser au Centre X une avance de 20 000 € sur la subvention 2026 ;", 40)
    2026
    """
    clause_start, following = _clause_around(sentence, anchor)
    return _year_between(sentence, clause_start, following.start() if following else len(sentence))


# The amounts of one clause ask for its year each: read once (a sentence of 400 grants, one clause, read 400 times).
@lru_cache(maxsize=8)
def _year_between(sentence: str, start: int, end: int) -> int | None:
    """The year that :data:`_CLAUSE_YEAR` finds in ``sentence`` from ``start`` to ``end``."""
    match = _CLAUSE_YEAR.search(sentence, start, end)
    return int(match.group("y")) if match else None


#: The year said right after a grant's amount: "une subvention de 2 000 € en 2025 et 3 000 € en 2026", "de 8 000 €
#: pour 2025, de 9 000 € pour 2026", "900 € pour l'exercice 2026".
#: A bare year after "pour" ends its clause, lest a count be read as one: not "3 000 € pour 2000 participants".
_YEAR_AFTER = re.compile(r"[ \t]+(?:en|pour[ \t]+l['’](?:ann[ée]e|exercice)|pour(?=[ \t]+\d{4}[ \t]*(?:[,;.)]|et\b|$)))"
                         r"[ \t]+(?P<y>(?:19|20)\d\d)\b(?![-/]\d)")


def read_year_after(sentence: str, end: int) -> int | None:
    """The fiscal year that the words right after the amount ending at ``end`` name.

    >>> read_year_after("une subvention de 2 000 € en 2025 et 3 000 € en 2026.", 44)
    2026
    >>> read_year_after("de 8 000 € pour 2025, de 9 000 € pour 2026 et de 9 500 € pour 2027", 32)
    2026
    >>> read_year_after("une aide de 3 000 € pour 2000 participants", 19) is None
    True
    """
    match = _YEAR_AFTER.match(sentence, end)
    return int(match.group("y")) if match else None

#: A grant's nature in brackets after its amount: "45 K€ (fonctionnement)", or after "en".
NATURE_AFTER = re.compile(r"\s*(?:\(\s*(fonctionnement|investissement|équipement|exceptionnelles?)\s*\)"
                           # "1 500 € en fonctionnement et 500 € en investissement"
                          r"|en\s+(fonctionnement|investissement)\b)", re.I)


#: What opens a grant's purpose after its amount: "pour l'organisation de …", "dans le cadre du …", "afin de …".
_PURPOSE = re.compile(r"(?:dans\s+le\s+cadre\s+(?:de\s+la|du|de\s+l['’]|des|de)|pour\s+(?:la|les|le|l['’])|"
                      r"afin\s+de|au\s+titre\s+(?:de\s+la|du|de\s+l['’]|des))\s*(?P<p>[^;\n]+)", re.I)
#: The words that open a match of :data:`_PURPOSE` (:func:`graph.ingest.delib_bounded.search_opened`).
_PURPOSE_OPENER = re.compile(r"dans\s+le\s+cadre|pour\s|afin\s|au\s+titre", re.I)


def read_purpose(sentence: str, after: int, name: str | None = None) -> str | None:
    """What the grant whose amount ends at ``after`` is for: the words after its "pour la …", "dans le cadre de …".
    A "pour" inside the beneficiary's ``name`` as read ("à la Ligue pour la protection des oiseaux") is the name's,
    not a purpose: the purpose is looked for after the name.

    >>> read_purpose("500 € à la Ligue pour la protection des oiseaux.", 5, "Ligue pour la protection des oiseaux")
    >>> read_purpose("800 € à l'association X pour l'organisation de la fête.", 5, "X")
    'organisation de la fête'
    """
    match = search_opened(_PURPOSE, _PURPOSE_OPENER, sentence, after, len(sentence))
    if not match:
        return None
    if (named := _name_around(sentence, after, match.start(), name)) is not None:
        return read_purpose(sentence, named, name)
    text = re.split(r"\s*(?:;|\.\s|\.$| et\s+(?:autorise|approuve))", match.group("p"))[0].strip()
    if len(text) <= 5 or re.fullmatch(r"(?:l['’])?(?:ann[ée]e|exercice)\s+\d{4}|\d{4}", text):
        return None
    return text


def _name_around(sentence: str, after: int, at: int, name: str | None) -> int | None:
    """Where ``name``, written after ``after``, ends when it holds the words at ``at`` ("Fédération de l'Aude pour la
    pêche …" holds its "pour la"), its spacing and apostrophes as the sentence writes them.

    >>> _name_around("500 € à la Ligue pour  la protection des oiseaux.", 5, 17, "Ligue pour la protection des oiseaux")
    48
    """
    if not name:
        return None
    words = ("['’]".join(map(re.escape, re.split(r"['’]", word))) for word in name.split())
    return next((m.end() for m in re.compile(r"\s+".join(words), re.I).finditer(sentence, after)
                 if m.start() < at < m.end()), None)


def match_yearly_grant(sentence: str, at: int, end: int, amounts: list[tuple[int, int, Decimal]]) -> re.Match | None:
    """The words after the amount at ``at`` (ending at ``end``) that make it a grant's yearly amount ("une subvention
    de 10 000 € par an de 2025 à 2027"): a grant's word or verb opens its clause and no amount before it in that
    clause gives the grant whole ("30 000 € sur trois ans (10 000 € par an)").

    >>> match_yearly_grant("attribue à X une subvention de 10 000 € par an de 2025 à 2027", 31, 39, []).group("first")
    '2025'
    """
    clause_start = where_clause_starts(sentence, at)
    # the amounts first: a clause of many grants has one before each, and its words need not be read again each time
    if any(clause_start <= s < at for s, _, _ in amounts):
        return None
    said = sentence[clause_start:at]
    if not (GRANT_WORD.search(said) or GRANT_VERB.search(said)):
        return None
    return YEARLY.match(sentence, end)
