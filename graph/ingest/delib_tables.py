"""Grant tables: the rows of a table split into cells, read as grants and totals (:func:`rows_grants`), and every
grant table of a text (:func:`table_grants`); ``| … |`` rows (PDF ruled tables, Markdown) are cut into cells by
:mod:`graph.ingest.delib_pipe_tables`, tables aligned with spaces by :mod:`graph.ingest.delib_aligned`; rows
flattened into lines by PDF extraction are :mod:`graph.ingest.delib_flattened`'s.
Which columns a header gives the grants is :mod:`graph.ingest.delib_table_header`'s; what a name cell writes
besides the name, and an identifier cell, :mod:`graph.ingest.delib_table_cells`'.

A table said to be in thousands of euros ("(en K€)", "Montant (k€)") has its amounts read so. Rows whose first cell
says "Total" or "Sous-total" are stated totals.

>>> from graph.ingest.delib_grants import GrantsFound
>>> found = GrantsFound()
>>> table_grants("Bénéficiaire Nature Montant\\nClub des Aînés\\nde Brossac F 1 200 €\\nTotal 1 200 €", found)
>>> [(g.beneficiary, g.amount, g.nature) for g in found.grants], [t.amount for t in found.totals]
([('Club des Aînés de Brossac', Decimal('1200'), 'operating')], [Decimal('1200')])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from graph.ingest.delib_columns import ColumnHints, column_hints
from graph.ingest.delib_grant_words import NATURE_CODES, NATURE_WORDS
from graph.ingest.delib_grants import GrantFact, GrantsFound, StatedTotal
from graph.ingest.delib_notes import without_call
from graph.ingest.delib_table_cells import name_cell
from graph.ingest.delib_table_context import (IMPUTATION_COL, LOAN, MEMBER_DUES, in_thousands, referred_nature,
                                              row_account, section_nature, thousands_amount)
from graph.ingest.delib_table_header import (CODES_HEAD, ID_COL, PURPOSE_COL, amount_columns, choose_amount_column,
                                             column_matching, name_column, nature_columns, nature_word,
                                             row_total_column)
from graph.ingest.french import fold, parse_amount
from graph.ingest.french_numbers import words_amount

#: A row of totals, not a grant: "Total", "TOTAUX", "Sous-totaux", "Montant total".
TOTAL_ROW = re.compile(r"^(?:sous[- ]?tota(?:l|ux)|tota(?:l|ux)|montant total)\b", re.I)


def row_label(cells: list[str]) -> str:
    """The first cell of a table's row that is not an amount: its name, or the "Total" of a total's row, whether the
    amount comes before it (an annex whose first column is the amount: "16 700 | TOTAL") or after.

    >>> row_label(["16 700", "TOTAL", ""]), row_label(["", "Club A", "1 200 €"])
    ('TOTAL', 'Club A')
    """
    return next((c for c in cells if c and not AMOUNT_CELL_RE.fullmatch(c.strip())), "")
#: What a cell may say after an amount's currency: whether it is net, before tax or with it ("4 000,00 € net",
#: "9 300,00 euros H.T.").
#: A request refused, said in brackets after its row's amount: "0 € (rejet)", "(refusé)", "(ajourné)".
_REFUSED = r"\((?:rejet[ée]?e?|refus[ée]?e?|ajourn[ée]e?|sans\s+suite|non\s+retenue?|irrecevable)\)"
#: A row's result cell that refuses its grant: "Rejetée", "Refusé", "Non adoptée", "Ajournée" (a table of the votes
#: on each grant, or of the decision on each request).
_ROW_REJECTED = re.compile(r"(?:non[ \t]+(?:adopt|retenu|accord)|rejet|refus|ajourn)[ée]?e?s?", re.I)
AMOUNT_QUALIFIER = (r"(?:[ \u00a0\u202f]*(?:net|brut|H\.?T\.?|T\.?T\.?C\.?)(?![\w.]))?"
                    rf"(?:[ \u00a0\u202f]*{_REFUSED})?")


def nature_of(value: str, legend: dict[str, str]) -> str | None:
    value = value.strip()
    if value in legend:
        return legend[value]
    if value in NATURE_CODES:
        return NATURE_CODES[value]
    return nature_word(value) or next((n for w, n in NATURE_WORDS.items() if w in fold(value)), None)


#: A nature that a cell marks in brackets: "Acquisition de 6 kayaks (investissement)", "(fonctionnement)".
_MARKED_NATURE = re.compile(r"\((fonctionnement|investissement|equipement)\)")


def marked_nature(cells: list[str], name_col: int) -> str | None:
    """The nature that a row's cell other than its name marks in brackets, when the table has no nature column.

    >>> marked_nature(["Kayak Club", "Acquisition de 6 kayaks (investissement)", "2 250 €"], 0)
    'investment'
    """
    found = {NATURE_WORDS[m] for k, c in enumerate(cells) if k != name_col for m in _MARKED_NATURE.findall(fold(c))}
    return found.pop() if len(found) == 1 else None


def legend_of(body: str) -> dict[str, str]:
    """Read a nature-code legend ("F : fonctionnement ; P : projet ; M : mise à disposition").

    >>> legend_of("F = fonctionnement, M = manifestation, N = aide en nature")
    {'F': 'operating', 'M': 'project', 'N': 'in-kind'}
    """
    legend = {}
    for match in re.finditer(r"\b([A-Z])\s*[:=]\s*([a-zéèêàç' ]+?)(?=\s*[,;.)\n]|$)", body):
        words = fold(match.group(2))
        words = "nature" if re.search(r"\ben nature\b", words) else words  # "aide en nature"
        nature = next((n for w, n in NATURE_WORDS.items() if words.startswith(w)), None)
        if nature:
            legend[match.group(1)] = nature
    return legend


#: An amount column of what the law, not a decision to help, makes an EPCI pay its communes: "Attribution de
#: compensation 2025".
_DUE_BY_LAW_COL = re.compile(r"\battributions?\s+de\s+compensation\b")


def _cell_amount(cell: str, amount_of: Callable[[str], Decimal | None]) -> Decimal | None:
    """The amount of a grant's cell, in figures (``amount_of`` reads them, in euros or in thousands) or in words
    with their currency alone ("mille cinq cents euros": a text may write an amount in full to leave no doubt).

    >>> _cell_amount("trois mille cinq cents euros", parse_amount), _cell_amount("1 500 € (mille)", parse_amount)
    (Decimal('3500'), Decimal('1500'))
    """
    figures = amount_of(cell)
    return figures if figures is not None else words_amount(cell)


def rows_grants(rows: list[list[str]], spans: list[tuple[int, int]], found: GrantsFound, legend: dict[str, str],
                heading: str | None = None, hints: ColumnHints | None = None,
                sections: list[str | None] | None = None, thousands: bool = False) -> bool:
    """Read the grants and totals of a table split into cells, its header first; ``heading``: the nature that the
    sentence above the table gives its rows ("les subventions de fonctionnement suivantes"), when no column does;
    ``sections``: the section heading above each row, when the table's reader took them out of its rows (a section
    row "INVESTISSEMENT" gives the rows below it their nature); ``thousands``: whether the text above the table says
    its amounts are in thousands of euros ("(en K€)"), as a head may say too. A row without a name but with an amount
    and another cell is the next line of the beneficiary's merged cell above (a second grant to it). An imputation
    column gives each grant its account. A row whose nature or purpose says a member's dues ("cotisation",
    "participation statutaire") is no grant, and the "Total" row of a column that sums such rows no total of grants.
    Return whether the header is that of a grant table."""
    header = rows[0]
    amount_col = choose_amount_column(header, hints)
    if amount_col is None:
        return False
    if _DUE_BY_LAW_COL.search(fold(header[amount_col])):
        return True  # what the law makes the authority pay, no grant: its amounts are no prose's either
    columns = _table_columns(header, amount_col, thousands)
    if columns is None:
        return False
    for column, column_nature in columns.by_nature:
        _ColumnGrants(columns, (column, column_nature), found, (legend, heading, sections)).read(rows, spans)
    if columns.row_total_col is not None:  # the grand total, in the "Total" column of the "Total" row
        for cells, span in zip(rows[1:], spans[1:]):
            amount = columns.amount_of(cells[columns.row_total_col])
            if amount is not None and TOTAL_ROW.match(row_label(cells)):
                found.totals.append(StatedTotal(amount, span, cells[0]))
    return True


@dataclass
class _TableColumns:
    """What the columns of a grant table hold, from its header: the beneficiary's name, the grants' amounts (a
    column, or one a nature: ``by_nature``), their nature, identifier, purpose and account, the rows' totals; and how
    its amounts read (``amount_of``: in euros or in thousands)."""

    header: list[str]
    folded: list[str]
    amount_of: Callable[[str], Decimal | None]
    name_col: int
    nature_col: int | None
    id_col: int | None
    purpose_col: int | None
    account_col: int | None
    by_nature: list[tuple[int, str | None]]
    row_total_col: int | None


def _table_columns(header: list[str], amount_col: int, thousands: bool) -> _TableColumns | None:
    """The columns of a grant table whose header is ``header`` and whose amounts are ``amount_col``'s; None when no
    column names the beneficiaries."""
    amount_of = thousands_amount if thousands or in_thousands("", 0, header) else parse_amount
    folded = [fold(h) for h in header]
    name_col = name_column(folded, {amount_col})
    if name_col is None:
        return None
    nature_col = next((c for word in ("nature", "type", "code") if (c := column_matching(
        folded, re.compile(rf"\b{word}\b(?!.*\b(?:travaux|projet|action|depense|operation)\b)"),
        {amount_col, name_col})) is not None),
                      column_matching(folded, CODES_HEAD, {amount_col, name_col}))
    id_col = column_matching(folded, ID_COL, {amount_col, name_col, nature_col})
    # "Fonctionnement 2024 | Exceptionnelle 2024", "Fonct. | Projet | Total": one grant a cell, a column after the
    # other, so that each column's "Total" row sums a run of them; the rows' "Total" column sums each row's grants.
    by_nature = nature_columns(header, amount_col) or [(amount_col, None)]
    amount_cols = set(amount_columns(header, amount_col))
    purpose_col = column_matching(folded, PURPOSE_COL, {name_col, nature_col, id_col} | amount_cols)
    account_col = column_matching(folded, IMPUTATION_COL, {amount_col, name_col, nature_col, id_col, purpose_col})
    row_total_col = row_total_column(folded) if len(by_nature) > 1 else None
    return _TableColumns(header, folded, amount_of, name_col, nature_col, id_col, purpose_col, account_col, by_nature,
                         row_total_col)


class _ColumnGrants:
    """The grants and totals of one column of amounts of a table (:meth:`read`), of the nature it gives them if it
    is one of several (``amount``: the column, and that nature); ``context``: the legend of the table's codes, the
    nature that the sentence above the table gives its rows, and the section heading above each row (see
    :func:`rows_grants`). Row after row, it keeps the nature of the last section row, the name of the last grant's
    beneficiary (a merged cell's, for the rows below it), and whether a row was a member's dues."""

    def __init__(self, columns: _TableColumns, amount: tuple[int, str | None], found: GrantsFound,
                 context: tuple[dict[str, str], str | None, list[str | None] | None]):
        self.columns, self.found = columns, found
        self.column, self.column_nature = amount
        self.legend, self.heading, self.sections = context
        self.section, self.above, self.dues = None, "", False

    def read(self, rows: list[list[str]], spans: list[tuple[int, int]]) -> None:
        """Read the rows below the header (``rows[1:]``, with their ``spans``)."""
        for k, (cells, span) in enumerate(zip(rows[1:], spans[1:])):
            cells += [""] * (len(self.columns.header) - len(cells))
            self._row(k, cells, span)

    def _row(self, k: int, cells: list[str], span: tuple[int, int]) -> None:
        """Read the ``k``-th row below the header: a grant, a total, a section's heading, or a row set aside."""
        columns, found, column, name_col = self.columns, self.found, self.column, self.columns.name_col
        # a column of one nature among others holds amounts only ("Projet" may head the projects' names)
        # a note's call after the amount or after the words that stand for it ("4 800 (1)", "reporté (1)")
        # is no figure of it
        amount = _cell_amount(without_call(cells[column]), columns.amount_of) if self.column_nature is None \
            or AMOUNT_CELL_RE.fullmatch(without_call(cells[column]).strip()) else None
        first = row_label(cells)
        if amount is None and cells[name_col] and self.column_nature is None \
                and re.match(r"[^\W\d_]", cells[column]) and not TOTAL_ROW.match(first):
            # words instead of the amount: a request refused or put off ("Dossier incomplet – non retenu")
            found.warnings.append((f"« {cells[name_col]} » : « {cells[column]} » au lieu d'un montant, aucune "
                                   f"subvention retenue",
                                   f"'{cells[name_col]}': '{cells[column]}' instead of an amount, no grant kept"))
            return
        if amount is None:
            self.section = section_nature(cells) or self.section
            return
        if TOTAL_ROW.match(first):
            if not self.dues:  # (a total of dues and grants together is the table's, not the grants')
                found.totals.append(StatedTotal(amount, span, first))
            self.above = ""
            return
        if any(LOAN.search(fold(c)) for c in cells):  # a loan beside the grants: no grant
            return
        if any(MEMBER_DUES.search(fold(c)) for i, c in enumerate(cells) if i not in (name_col, column)):
            self.dues = True  # "Association des Maires Ruraux | cotisation | 1 240 €": a member's fee
            return
        if not cells[name_col] and self.above and amount and sum(bool(c) for c in cells) > 1:
            cells[name_col] = self.above  # the merged cell of the row above: "|  | Acquisition de minibus | … |"
        result = next((c.strip() for i, c in enumerate(cells)
                       if i not in (name_col, column) and _ROW_REJECTED.fullmatch(c.strip())), None)
        if cells[name_col] and amount and (re.search(_REFUSED, cells[column], re.I) or result):
            said = f"{cells[column].strip()}, {result}" if result else cells[column].strip()
            found.warnings.append((f"« {cells[name_col]} » : « {said} », aucune subvention retenue",
                                   f"'{cells[name_col]}': '{said}', no grant kept"))
            return
        if cells[name_col] and not amount:  # a grant brought to nothing, or none
            found.warnings.append((f"« {cells[name_col]} » : montant de 0 €, aucune subvention retenue",
                                   f"'{cells[name_col]}': amount of 0, no grant kept"))
        elif cells[name_col]:
            self.above = cells[name_col]
            found.grants.append(self._grant(k, cells, span, amount))

    def _grant(self, k: int, cells: list[str], span: tuple[int, int], amount: Decimal) -> GrantFact:
        """The grant of the ``k``-th row below the header, whose beneficiary's cell is written."""
        columns = self.columns
        name_col, nature_col, purpose_col = columns.name_col, columns.nature_col, columns.purpose_col
        nature = (nature_of(cells[nature_col], self.legend) if nature_col is not None else self.column_nature) \
            or marked_nature(cells, name_col) or (self.sections[k] if self.sections else None) or self.section \
            or self.heading
        purpose = cells[purpose_col] or None if purpose_col is not None else None
        name, stated = name_cell(cells[name_col], columns.folded[name_col])
        return GrantFact(_commune(name, columns.folded[name_col]), amount, span, nature, purpose, True, True,
                         identifier=(cells[columns.id_col] if columns.id_col is not None else None) or stated,
                         account=row_account(cells[columns.account_col]) if columns.account_col is not None else None)


def _commune(name: str, head: str) -> str:
    """A name in a column of communes is a commune's: "Monbahus" there is the Commune de Monbahus.

    >>> _commune("Agen-Fictif", "commune"), _commune("Commune de Nérac", "commune beneficiaire")
    ("Commune d'Agen-Fictif", 'Commune de Nérac')
    """
    if not re.fullmatch(r"communes?(?: beneficiaires?)?", head) or re.match(r"(?:commune|ville|mairie)\b", fold(name)):
        return name
    return "Commune " + ("d'" if fold(name[0]) in "aeiouyh" else "de ") + name


def table_grants(body: str, found: GrantsFound) -> None:
    """Read the grants and stated totals of every grant table of ``body`` into ``found``. (A table that the decision
    adopts as an amendment changed it is warned of once every reader has read its grants, by
    :func:`delib_grant_checks.apply_amendment`, which applies the amendment's amounts when it can.)"""
    from graph.ingest.delib_aligned import aligned_table_grants
    from graph.ingest.delib_stacked import stacked_cell_grants, stacked_table_grants
    from graph.ingest.delib_side_by_side import side_by_side_grants
    from graph.ingest.delib_blocks import block_grants
    from graph.ingest.delib_funding_lines import credit_rows, financing_line_grants
    from graph.ingest.delib_pipe_tables import pipe_table_grants
    from graph.ingest.delib_flattened import flat_table_grants

    legend, hints = legend_of(body), column_hints(body)
    aligned_table_grants(body, found, legend, hints)
    side_by_side_grants(body, found, legend, hints)
    stacked_table_grants(body, found, legend, hints)
    stacked_cell_grants(body, found, legend, hints)
    block_grants(body, found)
    financing_line_grants(body, found, hints)
    pipe_table_grants(body, found, legend, hints)
    flat_table_grants(body, found, legend, hints)
    credit_rows(body, found)  # a budget amendment's credits, no grants
    if (nature := referred_nature(body)) is not None:
        for grant in found.grants:
            grant.nature = grant.nature or (nature if grant.table else None)
    if not found.grants:
        found.unread_table = unread_table(body)


def unread_table(body: str) -> str | None:
    """The head of the first table of amounts in ``body`` (a line of words above a line of two amounts or more,
    cells apart by two spaces or more or by ``|``), for the warning given when none of its columns is the grants'.

    >>> unread_table("Porteur       Coût total     État     Région\\nClub       24 000    8 000    6 000\\n")
    'Porteur Coût total État Région'
    """
    def amounts(line: str) -> int:
        cells = re.split(r"\s{2,}|\s*\|\s*", line.strip())
        return sum(bool(AMOUNT_CELL_RE.fullmatch(cell)) for cell in cells)

    lines = body.split("\n")
    for head, row in zip(lines, lines[1:]):
        if amounts(row) >= 2 and not amounts(head) and re.search(r"[^\W\d_]{3}", head):
            return re.sub(r"[\s|]+", " ", head).strip()[:80]
    return None


#: A cell that is an amount alone: "24 000", "8 000,00 €", "15 k€".
AMOUNT_CELL_RE = re.compile(r"[-+]?\s*\d{1,3}(?:[ \u00a0\u202f.]\d{3})*(?:,\d{1,2})?\s*(?:(?:€|k€|EUR|euros?)"
                             + AMOUNT_QUALIFIER + r")?", re.I)
