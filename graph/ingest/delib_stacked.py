"""Grant tables that a PDF's text wrote without their layout: columns one after the other, a paragraph each
(:func:`stacked_table_grants`), or cells one a line, heads first (:func:`stacked_cell_grants`). Their cells read
as those of a ``| … |`` table (:func:`graph.ingest.delib_tables.rows_grants`), as the tables aligned with spaces of
:mod:`graph.ingest.delib_aligned` do.

>>> from graph.ingest.delib_grants import GrantsFound
>>> found = GrantsFound()
>>> stacked_table_grants("Club\\nStade Rugby\\n\\nSubvention proposée\\n4 500 €", found, {})
>>> [(g.beneficiary, g.amount) for g in found.grants]
[('Stade Rugby', Decimal('4500'))]
"""

from __future__ import annotations

import re

from graph.ingest.delib_aligned import GOES_ON, SENTENCE_END, lines_at
from graph.ingest.delib_aligned_columns import AMOUNT_CELL
from graph.ingest.delib_columns import ColumnHints
from graph.ingest.delib_grants import GrantsFound
from graph.ingest.delib_line_joins import join_cell_words
from graph.ingest.delib_notes import without_call
from graph.ingest.delib_table_context import heading_nature, in_thousands
from graph.ingest.delib_table_header import (AMOUNT_COL, BENEF_COL, PURPOSE_COL, REJECT_COL,
                                             choose_amount_column, name_column)
from graph.ingest.delib_tables import TOTAL_ROW, rows_grants
from graph.ingest.french import fold


def _paragraphs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    paragraphs, current = [], []
    for start, line in lines + [(0, "")]:
        if line.strip():
            current.append((start, line.strip()))
        elif current:
            paragraphs.append(current)
            current = []
    return paragraphs


def _column_block(paragraph: list[tuple[int, str]]) -> bool:
    """Whether a paragraph can be a column written on its own: a head and cells, one a line, none a sentence."""
    return len(paragraph) >= 2 and all(len(line) <= 80 and not line.endswith((".", ":", ";")) for _, line in paragraph)


def stacked_table_grants(body: str, found: GrantsFound, legend: dict[str, str],
                         hints: ColumnHints | None = None) -> None:
    """Read the grants of tables whose columns a PDF's text wrote one after the other, a paragraph each: a head,
    then a cell a line ("Club" / "Stade Rugby" / … / "Total", then "Subvention proposée" / "4 500 €" / …). The
    column of names and the column of amounts must have as many cells; a column with fewer is left empty."""
    paragraphs = _paragraphs(lines_at(body))
    i = 0
    while i < len(paragraphs):
        j = i
        while j < len(paragraphs) and _column_block(paragraphs[j]):
            j += 1
        run, i = paragraphs[i:j], max(j, i + 1)
        heads = [block[0][1] for block in run]
        amount_col = choose_amount_column(heads, hints) if len(run) >= 2 else None
        name_col = name_column([fold(h) for h in heads], {amount_col}) if amount_col is not None else None
        if name_col is None:
            continue
        names, amounts = run[name_col][1:], run[amount_col][1:]
        if len(names) != len(amounts) or not all(AMOUNT_CELL.fullmatch(cell) for _, cell in amounts):
            continue
        rows = [[block[k + 1][1] if len(block) == len(names) + 1 else "" for block in run] for k in range(len(names))]
        spans = [(name[0], amount[0] + len(amount[1])) for name, amount in zip(names, amounts)]
        rows_grants([heads] + rows, [(run[0][0][0], run[0][0][0])] + spans, found, legend,
                    heading_nature(body, run[0][0][0]), hints, thousands=in_thousands(body, run[0][0][0]))
        found.tables.append((run[0][0][0], run[-1][-1][0] + len(run[-1][-1][1])))


#: A word that a name's next line holds without a capital: "Centre de santé sexuelle" / "Marie-Thérèse Vialle".
_SMALL_WORDS = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "à", "au", "aux", "sur", "pour"}


def name_like(line: str) -> bool:
    """Whether a line reads as the rest of a name, not as an object's words: each word a capital or a figure first,
    but the small words that join a name's ("Marie-Thérèse Vialle-Fictif", "Pays de Gex")."""
    words = re.findall(r"[\w'’-]+", line)
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or fold(w).split("'")[0] in _SMALL_WORDS
                               for w in words) and not SENTENCE_END.search(line)


#: A column's head that holds figures, not words: the grant's, or a cost, a budget, a request, a rate beside it
#: ("Coût total", "Montant demandé", "Taux").
_FIGURE_COL = re.compile(AMOUNT_COL.pattern + "|" + REJECT_COL.pattern + r"|\btaux\b|%|pourcentage|quote-part")
#: A column of rates ("Taux", "% du coût"), whose cells are percentages.
_RATE_COL = re.compile(r"\btaux\b|%|pourcentage|quote-part")
#: A rate's cell: "30 %", "12,5 %".
RATE_CELL = re.compile(r"\d{1,3}(?:[,.]\d{1,2})?\s*%")


def _figure_head(folded: str) -> bool:
    """Whether a head heads figures (an amount, a cost, a rate), not words ("Projet", "Objet de la demande")."""
    return bool(_FIGURE_COL.search(folded)) and not PURPOSE_COL.match(folded) and not BENEF_COL.fullmatch(folded)


def _stacked_heads(lines: list[tuple[int, str]], i: int) -> tuple[list[str], int] | None:
    """The heads of a table whose cells are one a line, when they start at line ``i``, and how many of them head
    words: two to six short lines, each the head of a column ("Organisme" / "Objet" / "Montant"), the columns of
    words first (one of names among them), then those of figures (the grants' among them: "Coût total" / "Taux" /
    "Subvention")."""
    heads: list[str] = []
    while i + len(heads) < len(lines) and len(heads) < 6:
        line = lines[i + len(heads)][1].strip()
        folded = fold(line)
        if not line or len(line.split()) > 4 or re.search(r"\d", line) or not (
                BENEF_COL.fullmatch(folded) or _FIGURE_COL.search(folded) or PURPOSE_COL.match(folded)
                or BENEF_COL.search(folded) and not re.search(r"\s[A-ZÀ-Ý]", line)  # "Porteur de projet", no name
                or re.fullmatch(r"nature|type|imputation|commune|date", folded)):
            break
        heads.append(line)
    words = next((k for k, head in enumerate(heads) if _figure_head(fold(head))), len(heads))
    if words == len(heads) and len(heads) >= 2:
        words = len(heads) - 1  # "Organisme" / "Objet" / "Montant": the last head the amounts' however it reads
    if not 1 <= words < len(heads) or not all(_figure_head(fold(h)) or k == len(heads) - 1 == words
                                              for k, h in enumerate(heads[words:], words)):
        return None
    amount_col = choose_amount_column(heads)
    if amount_col is None or amount_col < words:
        return None
    return (heads, words) if name_column([fold(h) for h in heads[:words]], set()) is not None else None


def _figure_cell(line: str) -> bool:
    """Whether a line is a cell of figures: an amount or a rate, a note's call after it or not ("4 800 € (1)")."""
    return bool(AMOUNT_CELL.fullmatch(without_call(line)) or RATE_CELL.fullmatch(without_call(line)))


def _placed_figures(figures: list[str], kinds: list[bool], total: bool) -> list[str] | None:
    """The cells of the columns of figures (``kinds``: whether each is a rate's) that a row's ``figures`` fill: each
    figure in a column of its kind, rates in the rates', amounts in the others', in order; a row with fewer amounts
    than columns (a "Total" row that sums no rate) has them in the right-most ones. None when they do not fit: more
    of a kind than columns, or a row of grants short of a cell, which cannot say which cell it lacks.

    >>> _placed_figures(["42 000 €", "30 %", "12 600 €"], [False, True, False], False)
    ['42 000 €', '30 %', '12 600 €']
    >>> _placed_figures(["79 600 €", "23 440 €"], [False, True, False], True)
    ['79 600 €', '', '23 440 €']
    >>> _placed_figures(["12 600 €"], [False, True, False], False) is None
    True
    """
    placed = [""] * len(kinds)
    for is_rate in (True, False):
        columns = [k for k, kind in enumerate(kinds) if kind == is_rate]
        cells = [f for f in figures if bool(RATE_CELL.fullmatch(without_call(f))) == is_rate]
        if len(cells) > len(columns) or len(cells) < len(columns) and not total and not is_rate:
            return None
        for column, cell in zip(columns[len(columns) - len(cells):], cells):
            placed[column] = cell
    return placed


def stacked_cell_grants(body: str, found: GrantsFound, legend: dict[str, str],
                        hints: ColumnHints | None = None) -> None:
    """Read the grants of tables whose cells a PDF's text (read without its layout) wrote one a line: the heads, one
    a line, then each row's cells, its words first, then its figures ("Organisme" / "Objet" / "Montant" / "Club X" /
    "Stage d'été" / "1 500 €"; "Porteur" / "Projet" / "Coût total" / "Taux" / "Subvention" / "Club X" / "Minibus" /
    "42 000 €" / "30 %" / "12 600 €"). A row ends at its last figure; the next line begins the next row, and a
    "Total" row ends the table. When a row has more lines of words than cells, its name is its first line and the
    next ones that read as a name's (words in capitals), the rest its object; where the name is not the first
    column, or where a row lacks one of its amounts, such a row cannot be read safely and is said in a warning."""
    lines = lines_at(body)
    i = 0
    while i < len(lines):
        found_heads = _stacked_heads(lines, i) if not any(s <= lines[i][0] < e for s, e in found.tables) else None
        if found_heads is None:
            i += 1
            continue
        table, start = _StackedRows(*found_heads), lines[i][0]
        i = table.read(lines, i + len(table.heads))
        if not table.rows and not table.unsafe:
            continue
        end = table.spans[-1][1] if table.spans else _end_of(lines[i - 1])
        if table.rows:
            rows_grants([table.heads] + table.rows, [(start, start)] + table.spans, found, legend,
                        heading_nature(body, start), hints, thousands=in_thousands(body, start))
        heads = " / ".join(table.heads)
        for row in table.unsafe:
            found.warnings.append((f"tableau aux cellules une par ligne (« {heads} ») : ligne « {row} » non lue, son "
                                   f"bénéficiaire ne se distingue pas de façon sûre : vérifiez-la",
                                   f"table with one cell a line ('{heads}'): row '{row}' not read, its beneficiary "
                                   f"cannot be told apart safely: check it"))
        found.tables.append((start, end))


def _end_of(line: tuple[int, str]) -> int:
    """Where a line (its offset, and its text) ends in the text."""
    return line[0] + len(line[1])


class _StackedRows:
    """The rows of a table whose cells are one a line, below its ``heads`` (the first ``words`` of them head words,
    the others figures: amounts or rates), read line after line (:meth:`read`): the cells of the row being read, its
    figures and where it starts; the rows read (their cells, and spans), and those that cannot be read safely."""

    def __init__(self, heads: list[str], words: int):
        self.heads, self.words = heads, words
        self.kinds = [bool(_RATE_COL.search(fold(h))) for h in heads[words:]]
        self.name_col = name_column([fold(h) for h in heads[:words]], set())
        self.rows: list[list[str]] = []
        self.spans: list[tuple[int, int]] = []
        self.unsafe: list[str] = []
        self.cells: list[str] = []
        self.figures: list[str] = []
        self.row_start: int | None = None

    def read(self, lines: list[tuple[int, str]], i: int) -> int:
        """Read the rows from line ``i``; return the index of the line after the table."""
        while i < len(lines) and (line := lines[i][1].strip()) and not line.startswith(("-", "•", "|")) \
                and len(line) <= 90 and not _stacked_heads(lines, i):
            if not _figure_cell(line):
                if self.figures and self.close_row(_end_of(lines[i - 1])):
                    return i
                self.cells.append(line)
            else:
                self.figures.append(line)
            self.row_start = lines[i][0] if self.row_start is None else self.row_start
            if self.figures and len(self.figures) == len(self.kinds) and self.close_row(_end_of(lines[i])):
                return i + 1
            i += 1
        if self.figures:
            self.close_row(_end_of(lines[i - 1]))
        return i

    def close_row(self, end: int) -> bool:
        """Take the row read so far among the rows; whether it was a "Total" row, which ends the table."""
        cells, words = self.cells, self.words
        total = bool(cells) and bool(TOTAL_ROW.match(cells[0]))
        placed = _placed_figures(self.figures, self.kinds, total) if cells else None
        row = ([cells[0]] + [""] * (words - 1) if total else _stacked_row(cells, words + 1, self.name_col)) \
            if placed is not None else None
        if row is None and cells:
            self.unsafe.append(" / ".join(cells))
        elif row is not None:
            self.rows.append(row + placed)
            self.spans.append((self.row_start, end))
        self.cells, self.figures, self.row_start = [], [], None
        return total


def _stacked_row(cells: list[str], n: int, name_col: int) -> list[str] | None:
    """The ``n - 1`` cells before the amount of a row whose lines are ``cells``, or None when they cannot be told
    apart: one a line when there are as many, else the name first (with its lines that read as a name's, see
    :func:`name_like`) and the other lines the next column's (the object, one column left) or nobody's."""
    if len(cells) == n - 1:
        return list(cells)
    if name_col != 0 or len(cells) < n - 1 or n > 3 and len(cells) > n - 1:
        return None
    k = 1
    while k < len(cells) - (n - 2) and (GOES_ON.search(cells[k - 1]) or name_like(cells[k])):
        k += 1
    name = ""
    for cell in cells[:k]:
        name = join_cell_words(name, cell)
    return [name] + ([" ".join(cells[k:])] if n == 3 else [])
