"""Where an amount stands in its sentence, for :func:`graph.ingest.delib_prose.prose_grants`: inside or before an
aside in brackets, in a run of grants whose verb is far before it, in a clause that a granting verb opens, as a
grant's own field after a cost; and the amounts next to it (:class:`AmountsAround`).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from decimal import Decimal

from graph.ingest.delib_bounded import NOT_WORDS, search_opened, search_within
from graph.ingest.delib_clauses import where_clause_starts
from graph.ingest.delib_grant_words import GRANT_WORD
from graph.ingest.delib_lists import AMOUNT_FIELD
from graph.ingest.delib_not_grants import ANOTHER_AID, CLAUSE_VERB, ENVELOPE, LOAN, PART_OF
from graph.ingest.delib_prose_cues import (AWARDED_PRIZE, CAPPED_AFTER, CHARGED_AFTER, COMPARISON_FOLLOWS, CO_FUNDING,
                                           EXCLUDE, NO_GRANT_LINE, PRIZE_ITEM, PROPOSED_BEFORE, PROPOSED_OPENER,
                                           REQUEST_ASIDE, SHARE_AFTER)
from graph.ingest.delib_prose_totals import ITEM_COMES_TO, year_said_from


Amount = tuple[int, int, Decimal | None]


class AmountsAround:
    """A sentence's amounts (start, end, value) and, for a place in it, the ones next to it, found by bisection: each
    amount asked all the others which came before it and which after (a sentence of 400 grants, 160,000 questions).

    >>> around = AmountsAround([(10, 17, 500), (30, 37, 800), (50, 57, 900)])
    >>> around.ending_by(37), around.last_end(45), around.starting_before(50), around.starting_after(30)
    ((30, 37, 800), 37, (30, 37, 800), (50, 57, 900))
    """

    def __init__(self, amounts: list[Amount]):
        self._by_end = sorted(amounts, key=lambda amount: amount[1])
        self._ends = [end for _, end, _ in self._by_end]
        # of the amounts that end by each of those ends, the one of the greatest (start, end)
        self._latest = list(itertools.accumulate(self._by_end, lambda best, amount: max(
            best, amount, key=lambda a: (a[0], a[1]))))
        self._by_start = sorted(amounts, key=lambda amount: amount[0])
        self._starts = [start for start, _, _ in self._by_start]

    def ending_by(self, at: int) -> Amount | None:
        """The amount of the greatest (start, end) of those that end by ``at``: ``max(... if e <= at)``."""
        k = bisect_right(self._ends, at)
        return self._latest[k - 1] if k else None

    def last_end(self, at: int) -> int | None:
        """The greatest end of an amount that ends by ``at``."""
        k = bisect_right(self._ends, at)
        return self._ends[k - 1] if k else None

    def starting_before(self, at: int) -> Amount | None:
        """An amount of the greatest start before ``at``."""
        k = bisect_left(self._starts, at)
        return self._by_start[k - 1] if k else None

    def starting_after(self, at: int) -> Amount | None:
        """An amount of the least start after ``at``."""
        k = bisect_right(self._starts, at)
        return self._by_start[k] if k < len(self._by_start) else None

    def ending_before_or_starting_after(self, at: int) -> list[Amount]:
        """The amount that ends last by ``at`` and the first that starts after it: all that :func:`words_exclude_grant`
        asks of the others about the amount at ``at``."""
        k = bisect_right(self._ends, at)
        return ([self._by_end[k - 1]] if k else []) + [a for a in [self.starting_after(at)] if a is not None]


#: What may come between an amount and the bracket that says more of it: "1 200 € (…)", "18 600 € HT (…)".
_ASIDE_OPENS = re.compile(r"[ \t]*(?:HT|TTC)?[ \t]*\(")


def _aside_after(sentence: str, end: int, amounts: list[tuple[int, int, Decimal]]) -> bool:
    """Whether brackets open right after the amount ending at ``end`` and hold amounts of their own: they speak of a
    cost, a past year, a breakdown ("1 200 € (coût du projet : 10 000 €, …)"), and their words are not the amount's.

    >>> text = "– Club A : 1 200 € (coût du projet : 10 000 €) ;"
    >>> _aside_after(text, 18, [(11, 18, 0), (36, 44, 0)])
    True
    >>> _aside_after("– Club A : 900 € (fonctionnement)", 16, [])
    False
    """
    opens = _ASIDE_OPENS.match(sentence, end)
    if opens is None:
        return False
    closes = sentence.find(")", opens.end())
    return any(opens.end() <= s < (closes if closes >= 0 else len(sentence)) for s, _, _ in amounts)


def _year_said_after(sentence: str, at: tuple[int, int], figures: list[tuple[int, int, Decimal]],
                     beside: list[tuple[int, int, Decimal]]) -> int | None:
    """Where the words start that give the amount after the one spanning ``at`` as a year of it ("36 000 € sur deux
    ans, soit 18 000 € par an": :func:`graph.ingest.delib_prose_totals.year_said_from`), or None. ``figures``: the
    sentence's amounts in figures; ``beside``: those it reads beside this one.

    >>> text = "36 000 € sur deux ans, soit 18 000 € par an"
    >>> _year_said_after(text, (0, 8), [(0, 8, Decimal(36000)), (28, 36, Decimal(18000))], [(28, 36, Decimal(18000))])
    21
    """
    start, end = at
    whole = next((value for s, _, value in figures if s == start), None)
    each = next((amount for amount in beside if amount[0] >= end), None)
    return year_said_from(sentence, (end, whole), each) if each else None


def is_in_aside_of(sentence: str, at: int, grants_at: dict[int, int]) -> bool:
    """Whether the amount at ``at`` is inside brackets that open right after a grant's amount (``grants_at``: where
    the sentence's grants read so far start, and where their amounts end): it is said of that grant — a past year's
    ("1 200 € (1 000 € en 2024)"), the project's cost and funding ("1 200 € (coût du projet : 10 000 €, participation
    des familles : 1 500 €)") — and is no grant of its own.

    >>> text = "– Club A : 1 200 € (1 000 € en 2024) ;"
    >>> is_in_aside_of(text, 20, {11: 18}), is_in_aside_of(text, 20, {})
    (True, False)
    """
    opened = sentence.rfind("(", 0, at)
    if opened < 0 or ")" in sentence[opened:at]:
        return False
    return any(end <= opened and (opens := _ASIDE_OPENS.match(sentence, end)) and opens.end() == opened + 1
               for end in grants_at.values())


def verb_opens_clause(sentence: str, at: int, amounts: list[tuple[int, int, Decimal]]) -> bool:
    """Whether a granting verb opens the clause of the amount at ``at``, however far before it, no other amount
    between: "d'allouer à l'association X, pour les permanences de son unité mobile dans les villages de …, une
    aide de 4 200 euros" (an aside longer than the words read before an amount).

    >>> verb_opens_clause("DÉCIDE d'allouer à l'association X, pour " + "ses permanences, " * 9
    ...                    + "une aide de 4 200 €", 200, [])
    True
    """
    clause_start = where_clause_starts(sentence, at)
    verb = CLAUSE_VERB.search(sentence, clause_start, at)
    return bool(verb) and not any(verb.end() <= s < at for s, _, _ in amounts)


#: What follows an amount given to someone: "650 € à l'ADMR", "400 € au Secours populaire".
_TO_SOMEONE = re.compile(r"\s*(?:à|au|aux)\s")
#: What parts two items of one run of grants: a comma, or "et".
_NEXT_ITEM = re.compile(r"[^;:.()]*(?:,|\bet\b)[^;:.()]*")


def goes_on_amounts_to(flat: str, at: int, end: int, last: int | None) -> bool:
    """Whether the amount at ``at`` goes on a run of grants that its sentence gives amount first, its verb far
    before it: "décide de verser : 650 € à l'ADMR, 400 € à la Banque alimentaire, …, 150 € à X et 120 € à Y" — the
    grant before it read (whose amount starts at ``last``), only a name and a comma or "et" between, and it goes to
    someone too.

    >>> run = "verser : 650 € à X et 120 € à Y"
    >>> goes_on_amounts_to(run, run.index("120"), run.index("120") + 5, run.index("650"))
    True
    >>> other = "verser : 650 € à X ; le coût de 120 € à sa charge"
    >>> goes_on_amounts_to(other, other.index("120"), other.index("120") + 5, other.index("650"))
    False
    """
    if last is None or not _TO_SOMEONE.match(flat, end):
        return False
    gap = flat[flat.find("€", last, at) + 1 if "€" in flat[last:at] else last:at]
    return bool(_TO_SOMEONE.match(gap)) and _NEXT_ITEM.fullmatch(gap) is not None


#: An amount that a record's line gives as its own field after others': "… coût HT 112 000 €, fonds de concours
#: 33 600 €." — the words since the amount before it, a grant's, its own.
_OWN_FIELD = re.compile(r"\s*(?:(?:HT|TTC)\s*)?[,;]\s*(?:" + GRANT_WORD.pattern + r")\b[^,;:.€\d]{0,30}?[\s:]*", re.I)


def _own_field(sentence: str, at: int, ends: list[int]) -> str | None:
    """The words of the amount at ``at`` when its line gives it as a grant's field after another amount ("coût HT
    112 000 €, fonds de concours 33 600 €"): since that amount, so that the cost's words are not the grant's."""
    previous = max((e for e in ends if e <= at), default=None)
    if previous is None or not _OWN_FIELD.fullmatch(sentence, previous, at):
        return None
    return sentence[previous:at]


def _said_after_end(sentence: str, at: tuple[int, int],
                    amounts: tuple[list[tuple[int, int, Decimal]], list[tuple[int, int, Decimal]]],
                    sums: dict[int, int], item: bool) -> int:
    """Where the words said after the amount spanning ``at`` end, for :func:`words_exclude_grant`: a few words on,
    up to what says more of it (the line's end for a list's item, a share, an aside, where it is charged, a
    comparison, the year it is for, its ceiling, a sum of the amounts before it)."""
    a_start, a_end = at
    figures, every = amounts
    window_end = a_end + 25
    if item and (line_end := sentence.find("\n", a_end)) >= 0:
        window_end = min(window_end, line_end)
    if PART_OF.match(sentence, a_end) or CHARGED_AFTER.match(sentence, a_end) \
            or COMPARISON_FOLLOWS.match(sentence, a_end) or _aside_after(sentence, a_end, figures):
        window_end = a_end
    elif (share := SHARE_AFTER.search(sentence, a_end, window_end + 40)) and share.start() < window_end:
        window_end = share.start()
    if (year := _year_said_after(sentence, at, figures, every)) is not None:
        window_end = min(window_end, year)
    if CAPPED_AFTER.match(sentence, a_end):  # "40 000 € (plafond)": the grant, at the ceiling
        window_end = a_end
    # "…, de 9 500 € pour 2027, soit 26 500 € sur la durée": that "soit" sums the amounts, not this one's
    return min([window_end] + [at for at in sums.values() if at >= a_end])


def _said_before(sentence: str, a_start: int, every: list[tuple[int, int, Decimal]],
                 how: tuple[bool, bool, bool], said_instead: str | None) -> str:
    """The words before the amount starting at ``a_start`` that say what it is, for :func:`words_exclude_grant`;
    ``how``: whether the amount is a share or an instalment of a grant, a list's item under a lead that grants, a
    computed result."""
    part, listed, computed = how
    # A computed grant's words are those after its operands ("… dépense éligible …, soit 100 000 €"); a
    # block's "Montant : 45 K€" line, its own (not the "Dépense subventionnable : …" line above it).
    said = "" if computed else sentence[max(0, a_start - 80):a_start]  # "soit", "="
    # a request told in an aside before it is the aside's: "X, qui avait sollicité 3 000 €, une subvention de"
    said = REQUEST_ASIDE.sub(" ", said)
    said = said_instead if said_instead is not None else said  # "…, taux 30 %, soit une aide de 7 200 €"
    if AMOUNT_FIELD.fullmatch(sentence, line_start := sentence.rfind("\n", 0, a_start) + 1, a_start):
        said = sentence[line_start:a_start]
    # "le versement du solde …, soit 16 000 €": that "soit" gives the instalment; "- M. X, interne, 12 mois,
    # soit 7 200 € ;", "…, 600 € par mois pendant 24 mois, soit un montant total de 14 400 € ;": a list's item, the
    # amount it comes to (an item's total that sums its grants is read before: :func:`delib_prose_totals.states_total`).
    if part or listed:
        said = re.sub(r"\bsoit\s*$", "", ITEM_COMES_TO.sub("", said) if listed else said)
    if own := _own_field(sentence, a_start, [e for _, e, _ in every]):
        said = own if not CO_FUNDING.search(sentence, 0, a_start) else said
    return said


def words_exclude_grant(sentence: str, at: tuple[int, int],
                        amounts: tuple[list[tuple[int, int, Decimal]], list[tuple[int, int, Decimal]]],
                        sums: dict[int, int], part: bool, listing: tuple[bool, bool], computed: bool,
                        said_instead: str | None, prize: bool) -> bool:
    """Whether the words that the amount spanning ``at`` is said with make it no grant (:data:`EXCLUDE`: a request,
    a budget, a cost…), or a loan, or an envelope's share: the words before it (none for a ``computed`` result, whose
    words before it are its operands'; ``said_instead`` when its sentence names the aid it computes) and a few after
    it, up to what says more of it (a share, an aside, where it is charged, a sum of the amounts before it: ``sums``,
    :func:`graph.ingest.delib_prose_totals.summed_after`).

    ``amounts``: the sentence's amounts in figures, then those (in words too) that it reads beside this one: the one
    that ends last before it and the first after it (:meth:`AmountsAround.ending_before_or_starting_after`);
    ``part``: the amount is a share or an instalment of a grant; ``listing``: the sentence is a list's item, and it
    stands under a lead that grants; ``prize``: a prize is awarded, whose "prix" says no price.

    >>> words_exclude_grant("une subvention de 500 € pour le coût du projet", (18, 23), ([], []), {}, False,
    ...                     (False, False), False, None, False)
    True
    >>> words_exclude_grant("attribue une subvention de 500 € à X", (27, 32), ([], []), {}, False, (False, False),
    ...                     False, None, False)
    False
    """
    a_start, a_end = at
    every = amounts[1]
    item, lead = listing
    # A list item's words are its own line's: "soit un total …" on the next line is the list's; a line that says its
    # action has no grant ("réalisée en régie (4 800 € …) – pas de subvention") gives none, wherever it says so.
    if item and NO_GRANT_LINE.search(sentence, sentence.rfind("\n", 0, a_start) + 1,
                                     len(sentence) if (end := sentence.find("\n", a_end)) < 0 else end):
        return True
    window_end = _said_after_end(sentence, at, amounts, sums, item)
    said = _said_before(sentence, a_start, every, (part, item and lead, computed), said_instead)
    # A title in quotes is a project's name, not what the amount is: "Club X – « Bien manger à petit prix »".
    checked = re.sub(r"«[^«»\n]*»|^[^«»\n]*»", " ", said + sentence[a_start:window_end])
    if (proposed := search_opened(PROPOSED_BEFORE, PROPOSED_OPENER, sentence, 0, a_start)) is not None:
        # the amount proposed after the one asked: "demande 3 500 €, proposition 3 000 €" — its own words
        checked = sentence[proposed.start("word"):window_end]
    # A prize awarded, not a price: its "prix" excludes nothing (a list's item below a lead that grants too).
    if search_within(AWARDED_PRIZE, NOT_WORDS, sentence, 0, a_start) or item and lead and PRIZE_ITEM.match(sentence) \
            or prize:
        checked = re.sub(r"\bprix\b", "", checked, flags=re.I)
    if EXCLUDE.search(checked) or ENVELOPE.search(sentence, max(0, a_start - 120), a_start):
        return True
    following = min((s for s, _, _ in every if s > a_start), default=len(sentence))
    if (another := ANOTHER_AID.search(sentence, a_end, following)) is not None:  # "… et un prêt de …"
        following = another.start()
    # a loan, to be repaid: "un prêt d'honneur de 15 000 € …, remboursable sur 5 ans"
    return bool(LOAN.search(said + sentence[a_start:following]))
