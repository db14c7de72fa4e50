"""The passages of a deliberation that state one fact of a grant — its fiscal year, its budget account, its purpose —
each the evidence of that property alone (``mai:evidence`` → a selector that ``mai:supports`` the property, see
:mod:`graph.ingest.delib_graph`): a page shows each quote beside its fact, and tells a year that the text states
from one the reader took from the session's date.

A passage is found only where the text states the fact for the grant: its own clause, or a sentence that names the
account (with the words of an imputation) or the purpose with the grant's amount; else the fact has no quote of its
own, rather than a quote of another grant's.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from graph.ingest.french import AMOUNT_RE, fold, parse_amount

#: The words that name a grant's fiscal year in its own clause: "pour l'année 2024", "au titre de 2025", "sur la
#: subvention 2026", "exercice 2025", "budget primitif 2025", "en 2025", "pour 2026", "par an de 2025 à 2027"; a year
#: that is an amount ("de 2025 €") or a date's ("2025-03") is none.
_YEAR_WORDS = re.compile(r"(?:\bpour\s+l['’]\s*(?:ann[ée]e|exercice)|\bau\s+titre(?:\s+de)?(?:\s+l['’]\s*(?:ann[ée]e"
                         r"|exercice))?|\bsur\s+(?:la\s+|sa\s+|leur\s+)?subvention(?:\s+de\s+l['’]\s*(?:ann[ée]e"
                         r"|exercice))?|\bexercice|\bbudget(?:\s+primitif)?|\ben|\bpour|\bde)\s+(?P<y>(?:19|20)\d\d)\b"
                         r"(?![-/]\d)(?![ \t\u00a0]*(?:€|euros?\b|EUR\b))", re.I)


def year_passage(body: str, year: int, span: tuple[int, int]) -> tuple[int, int] | None:
    """The words of a grant's own clause (``span`` of ``body``) that name its fiscal ``year``, or None.

    >>> body = "ATTRIBUE 2 500 € à l'Office au titre de 2024 ; 18 200 € à l'association X au titre de 2025."
    >>> start, end = year_passage(body, 2025, (47, len(body)))
    >>> body[start:end]
    'au titre de 2025'
    >>> year_passage("une subvention de 2025 € en 2024", 2025, (0, 32)) is None
    True
    """
    return next((m.span() for m in _YEAR_WORDS.finditer(body, *span) if int(m["y"]) == year), None)


#: Where a passage ends: a sentence's end (before a space, or a web page's tag kept in the text), a blank line, a
#: line that opens a list's item, an article or a table's row, and a table's row's end.
_SENTENCE_END = re.compile(r"[.;!?](?=\s|<)|\n[ \t]*\n|\n(?=[ \t]*(?:[-•*–|]|\d{1,2}[.)°]\s|ARTICLE\b|Article\b))"
                           r"|(?<=\|)[ \t]*\n")
#: How far a passage reaches either side of the words it holds: a line of a text that ends no sentence in it (a
#: web page's markup kept on one line) is cut at the last space within reach, not quoted whole.
_REACH = 400
#: An item's mark that opens a passage: the quote is its words ("la dépense … sera imputée …", not "- la dépense …").
_ITEM_MARK = re.compile(r"[-•*–][ \t]+")


def sentence_around(body: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence of ``body`` that holds ``start``–``end``, within its lines, without the mark of a
    list's item nor the spaces around it.

    >>> body = "VU le budget ;\\n- la dépense sera imputée au compte 6574.\\n\\nAdopté."
    >>> start, end = sentence_around(body, body.index("6574"), body.index("6574") + 4)
    >>> body[start:end]
    'la dépense sera imputée au compte 6574.'
    """
    before = body[max(0, start - _REACH):start]
    ends = [m.end() for m in _SENTENCE_END.finditer(before)]
    first = start - len(before) + max(ends) if ends else max(body.rfind("\n", 0, start) + 1, _space_after(
        body, start - _REACH, start))
    after = _SENTENCE_END.search(body, end, end + _REACH)
    if after is not None:
        last = after.start() + (body[after.start()] in ".;!?")
    else:
        line_end = body.find("\n", end) if body.find("\n", end) >= 0 else len(body)
        last = min(line_end, _space_before(body, end, end + _REACH))
    while first < start and body[first].isspace():
        first += 1
    if (mark := _ITEM_MARK.match(body, first)) is not None and mark.end() <= start:
        first = mark.end()
    while last > end and body[last - 1].isspace():
        last -= 1
    return first, last


def _space_after(body: str, at: int, limit: int) -> int:
    """The offset after the first space of ``body`` from ``at`` (0 if negative) to ``limit``, else ``limit``."""
    if at <= 0:
        return 0
    space = re.compile(r"\s").search(body, at, limit)
    return space.end() if space else limit


def _space_before(body: str, limit: int, at: int) -> int:
    """The offset of the last space of ``body`` from ``limit`` to ``at`` (the end of the text if beyond it), else
    ``limit``."""
    if at >= len(body):
        return len(body)
    return max(limit, body.rfind(" ", limit, at))


def _account_pattern(account: str) -> re.Pattern:
    """The account or imputation ``account`` as a text may write it: its words with any spaces between them, not a
    part of a longer number nor an amount ("6574" neither in "16574" nor in "6574 €")."""
    words = r"\s+".join(re.escape(word) for word in account.split())
    return re.compile(rf"(?<!\d)(?<!\d[ .,\u00a0]){words}(?!\d)(?![ \t\u00a0]*(?:€|euros?\b|EUR\b))")


#: The words of a passage that says where an expense is charged, by strength: an imputation's own words first, then
#: any that names an account.
_CHARGED = re.compile(r"imput|inscri|prelev|depense|credits?\b")
_ACCOUNT_WORDS = re.compile(r"compte|nature|article|chapitre|c/|budget")


def account_passage(body: str, account: str | None, span: tuple[int, int], row: bool = False) -> tuple[int, int] | None:
    """The passage of ``body`` that states a grant's ``account`` (its imputation as printed, else its nature
    account): the sentence of its own clause (``span``) that names it — the line, of a table's ``row`` or a block's
    fields ("Montant : 30 K€ (fonctionnement) - Imputation : 65 - 6574") —, else the first sentence of the text
    that charges an expense to it ("la dépense correspondante sera imputée au compte SERV/65748/PROCE."), else the
    first that names it as an account; None when none does.

    >>> body = "ATTRIBUE 500 € au Club.\\nLa dépense sera imputée au compte 6574 du budget 2024."
    >>> start, end = account_passage(body, "6574", (0, 23))
    >>> body[start:end]
    'La dépense sera imputée au compte 6574 du budget 2024.'
    >>> account_passage("ATTRIBUE 6574 € au Club.", "6574", (0, 24)) is None
    True
    """
    if not account:
        return None
    pattern = _account_pattern(account)
    own = pattern.search(body, *span)
    if own is None:
        return _stated_account(body, pattern)
    return _line_around(body, *own.span()) if row else sentence_around(body, *own.span())


def _line_around(body: str, start: int, end: int) -> tuple[int, int]:
    """The span of the line of ``body`` that holds ``start``–``end``, without the spaces around it."""
    first = body.rfind("\n", 0, start) + 1
    last = body.find("\n", end) if body.find("\n", end) >= 0 else len(body)
    while body[first].isspace():
        first += 1
    while body[last - 1].isspace():
        last -= 1
    return first, last


@lru_cache(maxsize=16)
def _stated_account(body: str, pattern: re.Pattern) -> tuple[int, int] | None:
    """The first sentence of ``body`` that charges an expense to the account of ``pattern``, else the first that names
    it as an account (the grants of a text share its imputation: looked for once)."""
    passages = [sentence_around(body, *m.span()) for m in pattern.finditer(body)]
    said = [(start, end) for start, end in passages if _ACCOUNT_WORDS.search(fold(body[start:end]))]
    return next((p for p in said if _CHARGED.search(fold(body[p[0]:p[1]]))), said[0] if said else None)


def purpose_passage(body: str, purpose: str | None, amount: Decimal, span: tuple[int, int]) -> tuple[int, int] | None:
    """The passage of ``body`` that states a grant's ``purpose`` (its words, whatever spaces or line breaks are between
    them): in its own clause or row (``span``), else in a sentence that gives the purpose with the grant's ``amount``
    (a purpose read from another sentence of the grant: "… une subvention de 20 000 € dans le cadre de la création
    d'un PTCE"); None when no sentence states it so. The passage is the purpose's words: a table's cell, not its
    row, whose other cells have their own facts.

    >>> body = "Objet : soutien.\\nLa Ville verse 800 € pour l'organisation de la fête.\\nATTRIBUE 800 € au Club."
    >>> start, end = purpose_passage(body, "l'organisation de la fête", Decimal(800), (68, 91))
    >>> body[start:end]
    "l'organisation de la fête"
    >>> purpose_passage(body, "l'organisation de la fête", Decimal(900), (68, 91)) is None
    True
    """
    if not purpose or not purpose.split():
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in purpose.split()))
    own = pattern.search(body, *span)
    if own is not None:
        return own.span()
    for match in pattern.finditer(body):
        start, end = sentence_around(body, *match.span())
        if any(parse_amount(a.group(0)) == amount for a in AMOUNT_RE.finditer(body, start, end)):
            return match.span()
    return None
