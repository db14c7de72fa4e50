"""The columns of a table aligned with spaces (:class:`Columns`): where its header is (:func:`header_at`, or a list
of names and amounts under a granting sentence, :func:`list_at`), its heads and where they stand, and which column
each piece of a line goes to — for :mod:`graph.ingest.delib_aligned`, which reads the table's rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ingest.delib_columns import ColumnHints
from graph.ingest.delib_grant_words import GRANT_VERB, GRANT_WORD
from graph.ingest.delib_line_joins import join_cell_words
from graph.ingest.delib_list_leads import approved_below
from graph.ingest.delib_notes import without_call
from graph.ingest.delib_pipe_tables import pipe_cells
from graph.ingest.delib_table_header import AMOUNT_COL, BENEF_COL, choose_amount_column
from graph.ingest.delib_tables import AMOUNT_QUALIFIER
from graph.ingest.french import AMOUNT_RE, fold
from graph.ingest.french_numbers import words_amount


#: A cell: words that single spaces (or the no-break spaces grouping thousands) join.
SEGMENT = re.compile(r"\S+(?:[ \u00a0\u202f]\S+)*")
#: A cell that is an amount ("3 000,00 €", "12 500", "15 k€", "- 1 200,00 €", "4 000,00 € net", "9 300 € HT") or says
#: there is none ("—").
AMOUNT_CELL = re.compile(r"[-+−–]?\s*(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?\s*(?:(?:€|euros?|EUR|k€)"
                         + AMOUNT_QUALIFIER + r")?"
                         r"|[—–-]|néant", re.I)
#: A figure that a head never is, only a row's amount: thousands grouped or cents ("28 000,00", "1.500", "750,00").
_FIGURE = re.compile(r"[-+−–]?\s*(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d{1,2})?|\d+,\d{1,2})")
#: An amount with its currency, as a list without header writes it.
LISTED_AMOUNT = re.compile(r"(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?\s*(?:€|euros?|EUR|k€)"
                           + AMOUNT_QUALIFIER, re.I)
#: An amount with its currency that ends a cell of words, one space after them: "… Nouvelle-Aquitaine 5 000 €".
_GLUED_AMOUNT = re.compile(r"(?<=[^\W\d_]) ((?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?"
                           r"\s*(?:€|euros?|EUR))$", re.I)
#: How far right a header line starts when it heads only the amounts, the names' column left without a head.
_NAMELESS_INDENT = 16
#: The head of a column of words that an amount's word ends ("Nature de l'aide", "Objet de la subvention").
_WORDS_HEAD = re.compile(r"(?:nature|objet|type|motif|intitule)\b")
#: A line that rules the table ("-------   ------", "=====", "+----+----+").
RULE = re.compile(r"[-=_—–+|\s]*[-=_—–]{3,}[-=_—–+|\s]*")


@dataclass
class Columns:
    """The columns of a table: each head's text and where it is written, [start, end) on its lines."""

    heads: list[str]
    spans: list[list[int]]

    def _region(self, i: int) -> tuple[int, int]:
        return (self.spans[i][0] if i else 0), (self.spans[i + 1][0] if i + 1 < len(self.spans) else 1 << 30)

    def _column_of(self, start: int, end: int) -> int:
        def score(i: int) -> tuple[int, int]:
            low, high = self._region(i)
            head_start, head_end = self.spans[i]
            return min(end, high) - max(start, low), -abs(start + end - head_start - head_end)
        return max(range(len(self.spans)), key=score)

    def pieces(self, line: str, amount_col: int) -> list[tuple[int, str]] | None:
        """The (column, text) pieces of ``line``; None when a piece runs under the heads of the amount column and
        another, or of three columns: a sentence, not a cell (a long name may reach under the next column's head).
        A line of as many cells as columns, words then amounts, is a row read a cell a column, wherever its cells
        stand: the amounts of a row whose name was cut or padded otherwise than its heads' ("PTCE Alpha     25 000 €
        25 000 €" under "Bénéficiaire          Montant N-1     Montant N").

        >>> columns = Columns(["Bénéficiaire", "Montant N-1", "Montant N"], [[0, 12], [40, 51], [60, 69]])
        >>> columns.pieces("PTCE Alpha      25 000 €        26 000 €", 2)
        [(0, 'PTCE Alpha'), (1, '25 000 €'), (2, '26 000 €')]
        >>> columns.pieces("Mme Inès BOUDOU, infirmière en pratique avancée\\t\\t4 000 €", 2)
        [(0, 'Mme Inès BOUDOU, infirmière en pratique avancée'), (2, '4 000 €')]
        """
        if "\t" in line and len(tabbed := [c.strip() for c in line.split("\t")]) == len(self.spans) and tabbed[0]:
            # a row whose cells tabs part, one a column, as the heads' are: where its cells stand once the tabs are
            # spaces says nothing (a long cell runs under the next column's head)
            return [(k, cell) for k, cell in enumerate(tabbed) if cell]
        cells = [m.group(0) for m in SEGMENT.finditer(line.expandtabs())]
        if len(cells) == len(self.spans) > 1 and not AMOUNT_CELL.fullmatch(cells[0]) \
                and re.search(r"[^\W\d_]{2}", cells[0]) \
                and all(AMOUNT_CELL.fullmatch(without_call(c)) for c in cells[1:]):
            return list(enumerate(cells))
        pieces = []
        segments = [(m.start(), m.end(), m.group(0)) for m in SEGMENT.finditer(line.expandtabs())]
        while segments:
            start, end, text = segments.pop(0)
            under = [i for i, (a, b) in enumerate(self.spans) if min(end, b) > max(start, a)]
            if under[-1:] == [amount_col] and len(under) <= 2 and words_amount(text) is not None:
                # an amount in words, right-aligned with the figures, reaches further left than they do, over the
                # column before it: the amount's cell all the same ("mille cinq cents euros")
                pieces.append((amount_col, text))
                continue
            if len(under) == 2 and amount_col in under and (glued := _GLUED_AMOUNT.search(text)):
                # a long name that runs under the amount's head, one space before its amount: two cells
                # ("Mutualité Française Nouvelle-Aquitaine 5 000 €")
                segments[:0] = [(start, start + glued.start(), text[:glued.start()]),
                                (start + glued.start(1), end, glued.group(1))]
                continue
            if len(under) == 2 and under[1] == amount_col and not AMOUNT_CELL.fullmatch(text) \
                    and any(AMOUNT_CELL.fullmatch(later) for _, _, later in segments):
                # words that spill under the amount's head, the amount further right: the cell of the column they
                # start in ("Secours – impayé d'énergie (versé au fournisseur)    1 150 €")
                pieces.append((under[0], text))
                continue
            if len(under) > 2 or len(under) == 2 and amount_col in under:
                return None
            if len(under) == 2 and (cut := self._cut(text, start, under[1])):
                pieces += [(under[0], text[:cut]), (under[1], text[cut + 1:])]
                continue
            pieces.append((self._column_of(start, end), text))
        return pieces

    def _cut(self, text: str, start: int, column: int) -> int | None:
        """Where two cells that one space parts begin and end: "Club Vesle-Avenir Chantiers éducatifs" under the
        heads "Porteur" and "Action" is cut at the space next to where "Action" begins (a column of text set flush
        left, its cells begin where its head does), when a capital or a figure follows it.

        >>> columns = Columns(["Porteur", "Action", "Ville"], [[0, 7], [18, 24], [40, 45]])
        >>> columns.pieces("Club Vesle-Avenir Chantiers éducatifs     4 000", 2)
        [(0, 'Club Vesle-Avenir'), (1, 'Chantiers éducatifs'), (2, '4 000')]
        """
        head = self.spans[column][0] - start
        cut = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i + 1 - head), default=None)
        if cut is None or abs(cut + 1 - head) > 2 or not re.match(r"[A-ZÀ-Ý0-9]", text[cut + 1:]) \
                or text.isupper() or AMOUNT_COL.search(head_words := fold(self.heads[column])) \
                and not _WORDS_HEAD.match(head_words):
            return None  # a heading in capitals ("ARRONDISSEMENT DE DOUAI") runs across; words are no amount
        return cut

    def merge(self, line: str) -> None:
        """Add a line that continues the heads to them."""
        for match in SEGMENT.finditer(line.expandtabs()):
            i = self._column_of(*match.span())
            self.heads[i] = join_cell_words(self.heads[i], match.group(0))
            self.spans[i] = [min(self.spans[i][0], match.start()), max(self.spans[i][1], match.end())]


def header_at(lines: list[tuple[int, str]], i: int, hints: ColumnHints | None = None) -> tuple[Columns, int] | None:
    """The columns of a header at line ``i`` (with the lines that continue it) and the next line's index."""
    line = lines[i][1]
    if line.lstrip().startswith("|") or LISTED_AMOUNT.search(line) or pipe_cells(line) is not None:
        return None  # (a ``|`` table's head is :mod:`graph.ingest.delib_tables`')
    found = list(SEGMENT.finditer(line.expandtabs()))
    if len(found) < 2 or any(_FIGURE.fullmatch(without_call(m.group(0))) for m in found):
        return None  # a row whose amount has no currency ("28 000,00", "4 800 (1)"), not a header
    columns = Columns([m.group(0) for m in found], [list(m.span()) for m in found])
    if found[0].start() >= _NAMELESS_INDENT and not any(BENEF_COL.search(fold(h)) for h in columns.heads):
        # Heads of amounts only, far to the right: the names below go without a head.
        columns = Columns(["Bénéficiaire"] + columns.heads, [[0, 0]] + columns.spans)
    i += 1
    while i < len(lines) and lines[i][1].strip() and not LISTED_AMOUNT.search(lines[i][1]) \
            and not RULE.fullmatch(lines[i][1]):
        first = SEGMENT.search(lines[i][1].expandtabs())
        if first.start() < columns.spans[1][0] - 1:  # words under the first column: a row's
            break
        columns.merge(lines[i][1])
        i += 1
    return (columns, i) if choose_amount_column(columns.heads, hints) is not None else None


def list_at(body: str, lines: list[tuple[int, str]], i: int) -> tuple[Columns, int] | None:
    """The two columns of names and amounts listed, without header, from line ``i`` under a granting sentence, or
    under a sentence that a decision below grants ("La commission a retenu les candidatures suivantes :" …
    "ATTRIBUE les bourses d'études listées ci-dessus")."""
    start, above = next(((s, line) for s, line in reversed(lines[max(0, i - 3):i]) if line.strip()), (0, ""))
    above = above.strip()
    if not (above.endswith(":") and (GRANT_WORD.search(above) or GRANT_VERB.search(above)
                                     or approved_below(body, start + len(above), above))):
        return None
    names, amounts = [], []

    def listed(line: str) -> list[re.Match] | None:  # a name and its amount
        found = list(SEGMENT.finditer(line.expandtabs()))
        ok = len(found) == 2 and LISTED_AMOUNT.fullmatch(found[1].group(0)) and line.lstrip()[:1] not in "-•*|"
        return found if ok else None

    rest = [line for _, line in lines[i:]]
    for k, line in enumerate(rest):
        if (found := listed(line)) is None:
            segments = list(SEGMENT.finditer(line.expandtabs()))
            if SUBTOTAL_HEADING.fullmatch(line.strip()) and k + 1 < len(rest) and listed(rest[k + 1]):
                continue  # a section's heading with its subtotal ("Canton de X – 3 dossiers – 4 650 €"): no row
            below = listed(rest[k + 1]) if k + 1 < len(rest) else None
            after = list(SEGMENT.finditer(rest[k + 1].expandtabs())) if k + 1 < len(rest) else []
            alone = len(segments) == 1 and line.lstrip()[:1] not in "-•*|" and not AMOUNT_RE.search(line)
            if alone and below and segments[0].start() >= below[0].start():
                # a name wrapped to the line of its amount (not a sub-heading, written left of the names)
                names.append(segments[0].span())
                continue
            if alone and after and after[0].start() > segments[0].start() and (below or len(after) == 1):
                continue  # a sub-heading above the names, written left of them ("Canton de Brenne-Ouest")
            break
        names.append(found[0].span())
        amounts.append(found[1].span())
    if not amounts:
        return None
    if not names:
        return None
    return Columns(["Bénéficiaire", "Montant"], [[min(s for s, _ in names), max(e for _, e in names)],
                                                  [min(s for s, _ in amounts), max(e for _, e in amounts)]]), i


#: A section's heading that gives its count of grants and their subtotal: "Canton de Brenne-Ouest – 3 dossiers –
#: 4 650 €", "Secteur Nord (2 demandes) : 1 200 €".
SUBTOTAL_HEADING = re.compile(r"[^\s\d].*\b\d+\s+(?:dossiers?|demandes?|projets?|bénéficiaires?|associations?)\b"
                               r"\W*(?:[–—:-]\s*)?" + AMOUNT_RE.pattern + r"\W*", re.I)
