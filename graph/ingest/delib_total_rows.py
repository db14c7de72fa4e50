"""The "Total" row of a table that no table reader read (one in the exposé without a header, one of more columns
than a grant table's): its amount is a stated total when it is the sum of the amounts that end the rows above it,
which tells it from a total of another column ("Coût HT") or of rows above a blank line.

>>> from graph.ingest.delib_grants import GrantsFound
>>> found = GrantsFound()
>>> summed_total_rows("Commune de Roche       95 000 €\\nCommune du Val         60 000 €\\nTotal   155 000 €\\n", found)
>>> [(t.amount, t.label) for t in found.totals]
[(Decimal('155000'), 'Total')]
"""

from __future__ import annotations

import re

from graph.ingest.delib_grants import GrantsFound, StatedTotal
from graph.ingest.french import parse_amount

#: An amount in euros that ends its line: "95 000 €", "1 250,50 euros", "60 000".
_ENDING_AMOUNT = re.compile(r"(?:^|[ \t])(?P<amount>(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?"
                            r"[ \t]*(?:€|euros?|EUR)?)[ \t]*$", re.I)
#: A total's row: "Total", "TOTAL", "Montant total", alone in its first cell or after blank cells, then its amount.
_TOTAL_ROW = re.compile(r"^[ \t]*(?P<label>(?i:total|montant\s+total))[ \t]*:?[ \t]{2,}", re.M)


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
        if len(amounts) >= 2 and None not in amounts and total is not None and sum(amounts) == total:
            span = (start + ending.start("amount"), start + ending.end("amount"))
            found.totals.append(StatedTotal(total, span, row.group("label")))
