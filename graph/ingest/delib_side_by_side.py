"""Two lists of grants set side by side, as the text of a two-column page read with its layout writes them: each
line holds a name and its amount, then another name and its amount ("Judo Club   450 €     Tennis Club   300 €").

>>> from graph.ingest.delib_grants import GrantsFound
>>> found = GrantsFound()
>>> side_by_side_grants("attribue les subventions suivantes :\\n  Judo Club   450 €     Tennis Club   300 €\\n"
...                     "  Pétanque    200 €\\n", found, {})
>>> [(g.beneficiary, g.amount) for g in found.grants]
[('Judo Club', Decimal('450')), ('Pétanque', Decimal('200')), ('Tennis Club', Decimal('300'))]
"""

from __future__ import annotations

import re

from graph.ingest.delib_aligned import lines_at, sum_below
from graph.ingest.delib_aligned_columns import LISTED_AMOUNT
from graph.ingest.delib_columns import ColumnHints
from graph.ingest.delib_grant_words import GRANT_VERB, GRANT_WORD
from graph.ingest.delib_grants import GrantsFound
from graph.ingest.delib_table_context import heading_nature, in_thousands
from graph.ingest.delib_tables import rows_grants


#: A line of two lists set side by side (a two-column page read with its layout): a name and its amount, then
#: another name and its amount, each two spaces or more apart ("Judo Club   450 €     Tennis Club   300 €").
def _pair(k: int) -> str:
    return rf"(?P<name{k}>[^\W\d_][^\n]*?\S)[ \t]{{2,}}(?P<amount{k}>{LISTED_AMOUNT.pattern})"


_TWO_PAIRS = re.compile(r"[ \t]*" + _pair(1) + r"[ \t]{2,}" + _pair(2) + r"[ \t]*", re.I)
_ONE_PAIR = re.compile(r"[ \t]*" + _pair(1) + r"[ \t]*", re.I)


def side_by_side_grants(body: str, found: GrantsFound, legend: dict[str, str],
                        hints: ColumnHints | None = None) -> None:
    """Read the grants of two lists of names and amounts set side by side under a granting sentence, as the text
    of a two-column page read with its layout writes them: each line holds two items, the first ends at its amount
    (the last line may hold one). The left column's items come first, then the right one's; a blank line within
    the lists (a page break) does not end them."""
    lines = lines_at(body)
    i = 0
    while i < len(lines):
        if not _TWO_PAIRS.fullmatch(lines[i][1]) or any(s <= lines[i][0] < e for s, e in found.tables) \
                or not _granting_lead(lines, i):
            i += 1
            continue
        left, right, j, last = [], [], i, i
        while j < len(lines):
            start, line = lines[j]
            if not line.strip():
                j += 1
                continue
            pairs = _TWO_PAIRS.fullmatch(line) or _ONE_PAIR.fullmatch(line)
            halves = [k for k in (1, 2) if pairs is not None and f"name{k}" in pairs.groupdict()]
            if not halves or any(LISTED_AMOUNT.search(pairs[f"name{k}"]) for k in halves):
                break
            for column, k in zip((left, right), halves):
                column.append(([pairs[f"name{k}"], pairs[f"amount{k}"]],
                               (start + pairs.start(f"name{k}"), start + pairs.end(f"amount{k}"))))
            last = j
            j += 1
            if len(halves) == 1:  # the last line, the left list one item longer
                break
        rows = left + right
        table_start, table_end = lines[i][0], lines[last][0] + len(lines[last][1])
        rows_grants([["Bénéficiaire", "Montant"]] + [cells for cells, _ in rows],
                    [(table_start, table_start)] + [span for _, span in rows], found, legend,
                    heading_nature(body, table_start), hints, thousands=in_thousands(body, table_start))
        found.tables.append((table_start, sum_below(body, table_end, found)))
        i = last + 1


def _granting_lead(lines: list[tuple[int, str]], i: int) -> bool:
    """Whether the sentence right above line ``i`` (wrapped over two lines at most) announces grants with a colon."""
    above = [line.strip() for _, line in lines[max(0, i - 3):i] if line.strip()][-2:]
    lead = " ".join(above)
    return bool(above) and above[-1].endswith(":") and bool(GRANT_WORD.search(lead) or GRANT_VERB.search(lead)
                                                           or re.search(r"\baides?\b", lead, re.I))
