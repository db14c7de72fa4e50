"""``| … |`` grant tables (PDF ruled tables, Markdown): each run of ``|``-delimited lines, framed or not
(:func:`pipe_cells`), its head on two lines joined, the rows that go on the row above joined to it and the ditto marks
filled in, read as a table's rows by :func:`graph.ingest.delib_tables.rows_grants`.

>>> from graph.ingest.delib_grants import GrantsFound
>>> found = GrantsFound()
>>> pipe_table_grants("| Bénéficiaire | Montant |\\n|---|---|\\n| Club des Aînés | 1 200 € |\\n", found, {})
>>> [(g.beneficiary, g.amount) for g in found.grants]
[('Club des Aînés', Decimal('1200'))]
"""

from __future__ import annotations

import re

from graph.ingest.delib_columns import ColumnHints
from graph.ingest.delib_grants import GrantsFound
from graph.ingest.delib_line_joins import join_cell_words
from graph.ingest.delib_table_context import for_the_record, heading_nature, in_thousands
from graph.ingest.delib_table_header import choose_amount_column, name_column
from graph.ingest.delib_tables import AMOUNT_CELL_RE, TOTAL_ROW, row_label, rows_grants
from graph.ingest.french import fold


def pipe_cells(line: str, width: int | None = None) -> list[str] | None:
    """The cells of a ``|``-delimited line, or None: a line framed by ``|`` ("| Club | 1 200 € |"), or a line whose
    cells only ``|`` parts, without a frame ("Club      | 1 200 €"), as text layers write ruled tables; ``width``: the
    number of cells of the table's first line, that each unframed line below must have (its first cell empty on a
    head's second line or a total's row: "        |   (k€)").

    >>> pipe_cells("| Club | 1 200 € |"), pipe_cells("Club des Aînés   |  1 200 €"), pipe_cells("          |  (k€)", 2)
    (['Club', '1 200 €'], ['Club des Aînés', '1 200 €'], ['', '(k€)'])
    >>> pipe_cells("Mise à jour | voir page 3 | total", 2) is None
    True
    """
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        return [c.strip() for c in stripped.strip("|").split("|")]
    cells = [c.strip() for c in line.rstrip().rstrip("|").split("|")]
    if len(cells) < 2 or (width is None and not cells[0]) or (width is not None and len(cells) != width):
        return None
    return cells


def _pipe_tables(body: str):
    """Yield (rows, [(start, end)…]) for each run of ``|``-delimited lines, framed or not (:func:`pipe_cells`); in
    a grid, whose rules part its rows and not only its head, the lines between two rules as one row
    (:func:`_grid_rows`), and the blank lines of a page break before a rule no end of the table."""
    rows, spans, rules = [], [], []
    lines = list(re.finditer(r"^.*$", body, re.M))
    for i, match in enumerate(lines):
        cells = pipe_cells(match.group(0), len(rows[0]) if rows else None)
        if cells is not None:
            if _rule(cells):
                rules.append(len(rows))
            else:
                rows.append(cells)
                spans.append(match.span())
        elif rows and not (rules and not match.group(0).strip() and _rule_next(lines, i + 1)):
            yield _grid_rows(rows, spans, rules)
            rows, spans, rules = [], [], []
    if rows:
        yield _grid_rows(rows, spans, rules)


def _rule(cells: list[str]) -> bool:
    """Whether a ``| … |`` line's ``cells`` are a rule's: Markdown's ("|---|:---:|"), or a border that a scan's
    character recognition or a plain-text export draws with underscores, dashes, pluses or equal signs
    ("|______|_____|", "|--+--|"), some of its cells empty.

    >>> _rule(["---", ":---:"]), _rule(["______", "", "__"]), _rule(["", ""]), _rule(["Club", "---"])
    (True, True, False, False)
    """
    return all(re.fullmatch(r":?-{2,}:?|[-_+=]*", c) for c in cells) and any(cells)


def _rule_next(lines: list[re.Match], i: int) -> bool:
    """Whether the first line from ``i`` on that is not blank is a ``| … |`` table's rule."""
    line = next((m.group(0) for m in lines[i:] if m.group(0).strip()), "")
    return (cells := pipe_cells(line)) is not None and _rule(cells)


def _grid_rows(rows: list[list[str]], spans: list[tuple[int, int]],
               rules: list[int]) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """The rows of a ``| … |`` table whose rules (before the rows of ranks ``rules``) part its rows, two of them
    between rows at least, the lines between two rules joined into one row, cell by cell (a name, a purpose or a
    nature cut at a line's end: "Fonction-" / "nement"), unless two of them give an amount (rows that rules border
    as a block, under a head and above a total); a table ruled under its head only (Markdown's) or above and below
    its rows as it is.

    >>> rows, spans = _grid_rows([["Nom", "Nature"], ["Union Sportive", "Fonction-"], ["Ripagérienne", "nement"],
    ...                           ["Club", "Projet"]], [(0, 1), (2, 3), (4, 5), (6, 7)], [0, 1, 3, 4])
    >>> rows
    [['Nom', 'Nature'], ['Union Sportive Ripagérienne', 'Fonctionnement'], ['Club', 'Projet']]
    >>> spans
    [(0, 1), (2, 5), (6, 7)]
    >>> _grid_rows([["Nom", "Montant"], ["Club", "500 €"], ["Comité", "300 €"], ["TOTAL", "800 €"]],
    ...            [(0, 1), (2, 3), (4, 5), (6, 7)], [0, 1, 3, 4])[0]
    [['Nom', 'Montant'], ['Club', '500 €'], ['Comité', '300 €'], ['TOTAL', '800 €']]
    """
    inside = {rank for rank in rules if 0 < rank < len(rows)}
    if len(inside) < 2:
        return rows, spans
    bounds = sorted(inside | {0, len(rows)})
    joined, joined_spans = [], []
    for start, end in zip(bounds, bounds[1:]):
        if sum(any(AMOUNT_CELL_RE.fullmatch(c) for c in row if c) for row in rows[start:end]) > 1:
            joined += rows[start:end]
            joined_spans += spans[start:end]
            continue
        cells = list(rows[start])
        for line in rows[start + 1:end]:
            cells = [join_cell_words(a, b) if b else a for a, b in zip(cells, line)] + cells[len(line):]
        joined.append(cells)
        joined_spans.append((spans[start][0], spans[end - 1][1]))
    return joined, joined_spans


def pipe_table_grants(body: str, found: GrantsFound, legend: dict[str, str], hints: ColumnHints | None = None) -> None:
    """Read the grants and totals of ``| … |`` tables."""
    for rows, spans in _pipe_tables(body):
        start = _table_start(body, spans[0][0])
        if for_the_record(body, start):
            continue
        rows, spans = _wrapped_rows(*_two_line_head(rows, spans), hints)
        rows_grants(rows, spans, found, legend, heading_nature(body, start), hints, thousands=in_thousands(body, start))


def _table_start(body: str, start: int) -> int:
    """The offset of the first line of the ``| … |`` table whose first row begins at ``start``: the rules that
    border it above ("|______|_____|") are the table's, the heading above them the table's heading.

    >>> text = "suivantes :\\n|____|___|\\n| Nom | Montant |"
    >>> text[_table_start(text, text.index("| Nom")):]
    '|____|___|\\n| Nom | Montant |'
    """
    while start > 0:
        line_start = body.rfind("\n", 0, start - 1) + 1
        cells = pipe_cells(body[line_start:start - 1])
        if cells is None or not _rule(cells):
            break
        start = line_start
    return start


def _two_line_head(rows: list[list[str]],
                   spans: list[tuple[int, int]]) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """The rows of a ``| … |`` table, the lines that go on its head (no first cell and no amount: "| | (k€ HT) | |
    (k€) |" under "| Bénéficiaire | Dépense éligible | Taux | Subvention |") joined to it, cell by cell.

    >>> _two_line_head([["Bénéficiaire", "Subvention"], ["", "(k€)"], ["Club", "1,5"]], [(0, 1), (2, 3), (4, 5)])
    ([['Bénéficiaire', 'Subvention (k€)'], ['Club', '1,5']], [(0, 3), (4, 5)])
    """
    head, end = list(rows[0]), 1
    while end < len(rows) and not rows[end][0] and len(rows[end]) == len(head) \
            and not any(AMOUNT_CELL_RE.fullmatch(c) for c in rows[end] if c):
        head = [(h + " " + c).strip() for h, c in zip(head, rows[end])]
        end += 1
    if end == 1:
        return rows, spans
    return [head] + rows[end:], [(spans[0][0], spans[end - 1][1])] + spans[end:]


#: A name cell's words that go on a row below: it ends with a hyphen, a word that needs the next one, a comma, or
#: leaves a bracket open.
_NAME_GOES_ON = re.compile(r"(?:-|,|\b(?:de|du|des|d['’]|l['’]|la|le|les|et|à|au|aux|en|pour|sur))$", re.I)


def _wrapped_rows(rows: list[list[str]], spans: list[tuple[int, int]],
                  hints: ColumnHints | None = None) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """The rows of a ``| … |`` table, each row that only continues the cells of the row above (no amount, and a name
    cell that goes on the name above: "(FCM)" below "Association Festival des Cévennes Musicales", "santé" below
    "Union régionale des professionnels de") joined to it, cell by cell; and so is a row whose amount the row
    above, its name cut and no amount of its own, waited for (a row that a page break split).

    >>> rows, spans = _wrapped_rows([["Association", "Montant"], ["Festival des Cévennes", "6 500 €"], ["(FCM)", ""]],
    ...                             [(0, 1), (2, 3), (4, 5)])
    >>> rows, spans
    ([['Association', 'Montant'], ['Festival des Cévennes (FCM)', '6 500 €']], [(0, 1), (2, 5)])
    """
    header = rows[0]
    rows = [header] + dittos_filled(rows[1:])
    amount_col = choose_amount_column(header, hints)
    name_col = name_column([fold(h) for h in header], {amount_col}) if amount_col is not None else None
    if name_col is None:
        return rows, spans
    joined, joined_spans = [list(rows[0])], [spans[0]]
    for cells, span in zip(rows[1:], spans[1:]):
        above = joined[-1] if len(joined) > 1 else None
        name = cells[name_col] if name_col < len(cells) else ""
        amount = any(AMOUNT_CELL_RE.fullmatch(c) for c in cells if c)
        # the row above, its name cut and no amount yet, is this row's beginning: a row that a page break split
        # ("Les Amis de la Bibliothèque municipale et du" | … | (empty) above "Patrimoine local" | … | "650 €")
        split = above is not None and name and amount and above[amount_col:amount_col + 1] == [""] \
            and _NAME_GOES_ON.search(above[name_col]) is not None and not TOTAL_ROW.match(row_label(above) or "")
        if split or above is not None and name and not amount \
                and above[amount_col:amount_col + 1] != [""] and not TOTAL_ROW.match(row_label(above) or name) \
                and (name[0] in "(«" or name[0].islower() or _NAME_GOES_ON.search(above[name_col])
                     or above[name_col].count("(") > above[name_col].count(")")):
            for i, cell in enumerate(cells[:len(above)]):
                if cell:
                    above[i] = join_cell_words(above[i], cell)
            joined_spans[-1] = (joined_spans[-1][0], span[1])
            continue
        joined.append(list(cells))
        joined_spans.append(span)
    return joined, joined_spans


#: A cell that repeats the one above it: a ditto mark ("〃", '"', "»", "''"), "id.", "idem", "d°", "dito".
_DITTO = re.compile(r"[〃\"”“»«]|''|-?\s*(?:id\.?|idem|d°|dito|ditto)\s*-?", re.I)


def dittos_filled(rows: list[list[str]]) -> list[list[str]]:
    """``rows`` with each cell that is a ditto mark (:data:`_DITTO`) replaced by the cell above it.

    >>> dittos_filled([["CPTS Ornelle", "Fonctionnement", "15 000 €"], ["〃", "Soins", "6 500 €"], ["id.", "", "1 €"]])
    [['CPTS Ornelle', 'Fonctionnement', '15 000 €'], ['CPTS Ornelle', 'Soins', '6 500 €'], ['CPTS Ornelle', '', '1 €']]
    """
    filled: list[list[str]] = []
    for cells in rows:
        above = filled[-1] if filled else []
        filled.append([above[i] if i < len(above) and above[i] and _DITTO.fullmatch(c.strip()) else c
                       for i, c in enumerate(cells)])
    return filled
