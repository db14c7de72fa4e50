"""The "Total" row of a table that no table reader read (one in the exposé without a header, one of more columns
than a grant table's): its amount is a stated total when it is the sum of the amounts that end the rows above it,
which tells it from a total of another column ("Coût HT") or of rows above a blank line.

>>> from graph.ingest.delib_grants import GrantsFound
>>> found = GrantsFound()
>>> summed_total_rows("Commune de Roche       95 000 €\\nCommune du Val         60 000 €\\nTotal   155 000 €\\n", found)
>>> [(t.amount, t.label) for t in found.totals]
[(Decimal('155000'), 'Total')]

A total under a lead that tells of other amounts than the grants (a financing plan, shares given for the record)
is none of theirs:

>>> found = GrantsFound()
>>> summed_total_rows("Plan de financement :\\nFEDER   180 000 €\\nCommune   60 000 €\\nTOTAL   240 000 €\\n", found)
>>> found.totals
[]
"""

from __future__ import annotations

import re

from graph.ingest.delib_grants import GrantsFound, StatedTotal
from graph.ingest.french import fold, parse_amount

#: An amount in euros that ends its line: "95 000 €", "1 250,50 euros", "60 000".
_ENDING_AMOUNT = re.compile(r"(?:^|[ \t])(?P<amount>(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?"
                            r"[ \t]*(?:€|euros?|EUR)?)[ \t]*$", re.I)
#: A total's row: "Total", "TOTAL", "Montant total", alone in its first cell or after blank cells, then its amount.
_TOTAL_ROW = re.compile(r"^[ \t]*(?P<label>(?i:total|montant\s+total))[ \t]*:?[ \t]{2,}", re.M)


#: A table's lead (in folded text) that tells of amounts that are not the grants': a financing plan's, its costs or
#: resources, or shares given for the record ("Répartition entre les communes, pour information :").
_OTHER_AMOUNTS_LEAD = re.compile(r"plan\s+de\s+financement|\bfinanceurs?\b|\bco[uû]ts?\b|\bdepenses\b|"
                                 r"\brecettes\b|\bpour\s+(?:memoire|information|rappel)\b|\ba\s+titre\s+indicatif\b")


def _lead_of(lines: list[str], first: int) -> str:
    """The sentence that leads a table whose first row is line ``first``: the first line ending with a colon above it,
    over its header and blank lines (a few lines up at most), else ""."""
    for line in reversed(lines[max(0, first - 6):first]):
        if line.rstrip().endswith(":"):
            return line
        if _ENDING_AMOUNT.search(line):
            break
    return ""


def summed_total_rows(body: str, found: GrantsFound) -> None:
    """Add to ``found`` the total of each "Total" row outside the tables read whose amount sums the amounts ending the
    two rows or more right above it (up to a blank line or a line that ends in no amount, a header)."""
    lines = body.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    for index, line in enumerate(lines):
        row = _TOTAL_ROW.match(line)
        ending = _ENDING_AMOUNT.search(line) if row else None
        start = starts[index]
        if ending is None or ending.start("amount") < row.end() - 1 or any(
                a <= start < b for a, b in found.tables) or any(
                t.span[0] <= start + ending.start("amount") < t.span[1] for t in found.totals):
            continue
        amounts = []
        for above in reversed(lines[:index]):
            if (amount := _ENDING_AMOUNT.search(above)) is None or not above.strip():
                break
            amounts.append(parse_amount(amount.group("amount")))
        total = parse_amount(ending.group("amount"))
        if _OTHER_AMOUNTS_LEAD.search(fold(_lead_of(lines, index - len(amounts)))):
            continue  # "Plan de financement prévisionnel :", "… pour information :": no total of the grants
        if len(amounts) >= 2 and None not in amounts and total is not None and sum(amounts) == total:
            span = (start + ending.start("amount"), start + ending.end("amount"))
            found.totals.append(StatedTotal(total, span, row.group("label")))
