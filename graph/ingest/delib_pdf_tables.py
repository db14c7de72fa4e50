"""Grant tables that a PDF draws without vertical rules: columns apart by space alone, rows maybe ruled off.

pdfplumber finds a table by its rules, and finds none without vertical ones: each of its lines joined the cells of a
row with one space, and a cell wrapped over lines ("Association familiale et" / "intercommunale d'aide à") gave
lines that mixed the names, the purposes and the amounts of a row, read as the wrong grants or as none. Here a
table is found under a header that names a beneficiary and an amount, its columns by the gutters
(:data:`_GUTTER`) that no word of its lines crosses, and its rows by the rules drawn between them or else by the
gaps between its lines and the amounts that open them; each row is then written on one ``| … |`` line, its cells
whole, as a ruled table's. A table that runs on over the next page, its heads repeated there or not, goes on there
(:func:`continued`), and a row that the page break split is made whole again (:func:`join_parts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.ingest.delib_aligned_columns import AMOUNT_CELL
from graph.ingest.delib_table_header import AMOUNT_COL, REJECT_COL, amount_columns, choose_amount_column
from graph.ingest.delib_tables import TOTAL_ROW
from graph.ingest.french import fold
from graph.ingest.pdf_lines import Line

#: The narrowest gutter (pt) between two columns: cells are padded by some 2 mm at each side (Word's default is
#: 1.9 mm); a space between words is 2–4 pt wide.
_GUTTER = 8
#: Two lines of one cell are this many times their height apart at most (a line's height is some 1.15 times the
#: type's); two rows, with their cells' padding, are more.
_LINE_GAP = 1.5
#: Two rows of a table are this many times a line's height apart at most (their padding and rule between them);
#: farther, the text below the table begins.
_ROW_GAP = 3.0
#: A rule rules a table's rows off when it runs under this share of the table's width at least.
_RULE_SPAN = 0.6
#: A year, which no amount column holds as an amount ("Montant" / "2024").
_YEAR = re.compile(r"(?:19|20)\d\d")
#: Words that a grants' column writes instead of an amount, for a request refused: "non retenu", "rejeté", "ajourné".
_REFUSAL = re.compile(r"\bnon[ \t]+(?:retenu|accord|adopt|financ)|\brejet|\brefus|\bajourn|\birrecevable|"
                      r"\bsans[ \t]+suite", re.I)
#: The end of a sentence or of a list's lead, which a table's name cell does not have.
_SENTENCE_END = re.compile(r"[^\W\d_]{2}[.!?]$|:$")

#: A horizontal rule: (x0, x1, middle).
Rule = tuple[float, float, float]


@dataclass
class GridTable:
    """A table read from its lines' places: its heads and the lines that write them (their words place the columns,
    on the next page too), the columns of the grants' amounts and those of any figures (an amount requested, a
    cost), its rows' cells, which rows hold a grant's amount, and whether a rule closes its last row (else a page
    break may have cut that row); once it is joined over pages (:func:`join_parts`), the page that writes each row."""

    top: float
    heads: list[str]
    head_lines: list[Line]
    money: list[int]
    figures: list[int]
    rows: list[list[str]] = field(default_factory=list)
    amounts: list[bool] = field(default_factory=list)
    closed: bool = True
    #: The number of the page that writes each row, for a table joined over pages; None for a row that a page break
    #: split, whose cells are of two pages, a value in them on either; empty for a table on one page.
    pages: list[int | None] = field(default_factory=list)

    def text(self) -> str:
        """Return the table as ``| … |`` lines, its heads first."""
        return "\n".join("| " + " | ".join(cells) + " |" for cells in [self.heads] + self.rows)


def grid_tables(lines: list[Line], rules: list[Rule]) -> list[tuple[GridTable, set[int]]]:
    """Return the grant tables without vertical rules among ``lines`` (a page's, top to bottom), each with the
    indices of the lines it takes; ``rules``: the page's horizontal rules."""
    tables = []
    i = 0
    while i < len(lines):
        found = _table_at(lines, i, rules)
        if found is None:
            i += 1
            continue
        tables.append(found)
        i = max(found[1]) + 1
    return tables


def _table_at(lines: list[Line], i: int, rules: list[Rule]) -> tuple[GridTable, set[int]] | None:
    """The table whose header opens at line ``i``, or None."""
    if not _may_head(lines[i]) or not (cuts := _cuts(lines[i:i + 1], lines[i:i + 1])):
        return None
    ruled = _table_rules(rules, lines[i])
    head_end = i + 1  # the lines that go on the heads ("Montant" / "attribué"), above the first row's
    while head_end < len(lines) and _close(lines[head_end - 1], lines[head_end]) \
            and not _rule_between(ruled, lines[head_end - 1], lines[head_end]) \
            and len(now := _cuts(lines[i:head_end + 1], lines[i:head_end + 1])) >= len(cuts) \
            and not _has_amount(_cells(lines[head_end], now), None):
        head_end, cuts = head_end + 1, now
    heads = [re.sub(r"\s+", " ", " ".join(cell)).strip() for cell in zip(*(_cells(line, cuts)
                                                                           for line in lines[i:head_end]))]
    if (amount_col := choose_amount_column(heads)) is None:
        return None
    money = amount_columns(heads, amount_col)
    figures = sorted(set(money) | {k for k, head in enumerate(heads) if k and (
        AMOUNT_COL.search(folded := fold(head)) or REJECT_COL.search(folded))})
    table = GridTable(lines[i].top, heads, lines[i:head_end], money, figures)
    end = _read_rows(table, lines, head_end, rules)
    return (table, set(range(i, end))) if any(table.amounts) else None


def continued(table: GridTable, lines: list[Line], rules: list[Rule]) -> tuple[GridTable, int] | None:
    """Return the part of ``table`` that ``lines``, those that open the next page, write without its heads, and how
    many lines it takes; or None. It must give a row with an amount, besides the end of a row that the break cut: a
    short line of prose at the page's head fits in a column too."""
    part = GridTable(lines[0].top, table.heads, table.head_lines, table.money, table.figures)
    end = _read_rows(part, lines, 0, rules)
    joined = _joins(table, part)
    return (part, end) if any(part.amounts[1 if joined else 0:]) else None


def _read_rows(table: GridTable, lines: list[Line], start: int, rules: list[Rule]) -> int:
    """Read into ``table`` the rows of ``lines`` from line ``start`` on; return the index of the line after them.

    The gutters are those of the heads and of the rows' lines but for a section's heading written across the
    columns ("CULTURE", "Total des subventions" in cells merged): that line is a row of its own, its words in its
    first column."""
    heads, ruled = table.head_lines, _table_rules(rules, table.head_lines[0])
    cuts = _cuts(heads, heads)
    placing: list[Line] = []  # the lines whose words place the gutters
    end = start
    while end < len(lines):
        now = _cuts(heads + placing + [lines[end]], heads)
        if len(now) == len(cuts) and _in_table(lines, end, start, now, table, ruled):
            placing.append(lines[end])
            cuts = now
        elif not (_across(lines[end], cuts, table) and _heads_a_row(lines, end, cuts, table)):
            break
        end += 1
    if end == start:
        return end
    body = lines[start:end]
    for band in _bands(body, cuts, table, ruled):
        table.rows.append([_cell_text([_cells(line, cuts)[k] for line in band]) for k in range(len(cuts) + 1)])
        table.amounts.append(any(_has_amount(_cells(line, cuts), table.money) for line in band))
    last = body[-1]
    table.closed = any(_below(last, middle) and middle - last.top < _ROW_GAP * _height(last) for _, _, middle in ruled)
    return end


def _across(line: Line, cuts: list[float], table: GridTable) -> bool:
    """Whether ``line`` may be a section's heading or a total's label written across columns: one run of a few
    words (and figures in their own columns), no sentence."""
    words = [piece for piece in _pieces(line) if not (
        _column(piece, cuts) in table.figures and _has_amount([" ".join(w["text"] for w in piece)], None))]
    return len(words) == 1 and len(words[0]) <= 10 and not re.search(r"[.:;,]$", words[0][-1]["text"])


def _heads_a_row(lines: list[Line], k: int, cuts: list[float], table: GridTable) -> bool:
    """Whether line ``k``, a row's apart from the line above, holds figures (a total's) or stands right above a line
    that does (a section's heading above its first row): the prose below a table does neither."""
    def near(above: Line, below: Line) -> bool:
        return below.top - above.top <= _ROW_GAP * _height(above)

    if k and not near(lines[k - 1], lines[k]):
        return False
    return _marked(_cells(lines[k], cuts), table) or k + 1 < len(lines) and near(lines[k], lines[k + 1]) \
        and _marked(_cells(lines[k + 1], cuts), table)


def _may_head(line: Line) -> bool:
    """Whether ``line`` may open a table's header: a few words, no sentence's end, no amount, a wide gap between
    two of its words."""
    return len(line.words) <= 14 and not re.search(r"[:;]\s*$|[^\W\d_]{4}\.\s*$|\d\s*€", line.text) \
        and any(b["x0"] - a["x1"] >= _GUTTER for a, b in zip(line.words, line.words[1:]))


def _cuts(lines: list[Line], heads: list[Line]) -> list[float]:
    """The x of the gutters that part the columns of ``lines``: gaps of :data:`_GUTTER` pt at least that no word of
    theirs crosses, each with a word of ``heads`` (the header's lines) between it and the one before, and after
    the last (a gap in a column's cells heads nothing)."""
    header = [w for line in heads for w in line.words]
    spans = sorted((w["x0"], w["x1"]) for line in lines for w in line.words)
    gaps, reach = [], spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= _GUTTER:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    cuts: list[float] = []
    for low, high in gaps:
        if any((cuts[-1] if cuts else -1) < w["x0"] and w["x1"] <= low for w in header):
            cuts.append((low + high) / 2)
    if cuts and not any(w["x0"] >= cuts[-1] for w in header):
        cuts.pop()
    return cuts


def _pieces(line: Line) -> list[list[dict]]:
    """The runs of the words of ``line`` that gaps narrower than a gutter part: a cell's words each."""
    pieces = [[line.words[0]]]
    for left, right in zip(line.words, line.words[1:]):
        if right["x0"] - left["x1"] >= _GUTTER:
            pieces.append([])
        pieces[-1].append(right)
    return pieces


def _cells(line: Line, cuts: list[float]) -> list[str]:
    """The words of ``line`` in each column that ``cuts`` part, each run of words in the column it starts in (the
    words of a heading that runs across columns in the first)."""
    cells: list[list[str]] = [[] for _ in range(len(cuts) + 1)]
    for piece in _pieces(line):
        cells[_column(piece, cuts)] += [word["text"] for word in piece]
    return [" ".join(words) for words in cells]


def _column(piece: list[dict], cuts: list[float]) -> int:
    return sum(cut < piece[0]["x0"] for cut in cuts)


def _has_amount(cells: list[str], columns: list[int] | None) -> bool:
    """Whether ``cells`` hold an amount in one of ``columns`` (any column if None); a year is none ("Montant" /
    "2024")."""
    return any(AMOUNT_CELL.fullmatch(cell) and re.search(r"\d", cell) and not _YEAR.fullmatch(cell)
               for k, cell in enumerate(cells) if columns is None or k in columns)


def _marked(cells: list[str], table: GridTable) -> bool:
    """Whether ``cells`` are a row's line that its figures mark: an amount in a column of figures (a grant's, or
    one requested beside a grant refused), a dash in the grants' ("—": none), or the words there of a request refused
    ("non retenu": a row of its own, no next line of the name above it)."""
    return _has_amount(cells, table.figures) or any(AMOUNT_CELL.fullmatch(cells[k]) or _REFUSAL.search(cells[k])
                                                    for k in table.money)


def _height(line: Line) -> float:
    return max(w["bottom"] - w["top"] for w in line.words)


def _close(above: Line, below: Line) -> bool:
    """Whether ``below`` is the next line of a cell of ``above``'s row: one line's spacing below it."""
    return below.top - above.top <= _LINE_GAP * _height(above)


def _table_rules(rules: list[Rule], header: Line) -> list[Rule]:
    """The rules that run under most of the table's width, its header's."""
    width = header.x1 - header.x0
    return [(x0, x1, middle) for x0, x1, middle in rules
            if min(x1, header.x1) - max(x0, header.x0) >= _RULE_SPAN * width]


def _rule_between(rules: list[Rule], above: Line, below: Line) -> bool:
    return any(_below(above, middle) and middle < below.top for _, _, middle in rules)


def _below(line: Line, middle: float) -> bool:
    return middle > max(w["bottom"] for w in line.words)


def _in_table(lines: list[Line], k: int, first: int, cuts: list[float], table: GridTable,
              rules: list[Rule]) -> bool:
    """Whether line ``k`` is a row's, the rows starting at line ``first`` (under the heads, or at the page's head):
    the first line near enough; a line that figures mark, a row's apart; a line without any, a cell's next line, or
    the first of a row whose figures come below (its cells aligned at their middle or bottom), or a row of words
    alone above a row (a section's heading), or a line that rules part from the lines above and below. A sentence
    in the first column alone is the text below the table ("Adopté à l'unanimité."), or above its next part
    ("Investissement :"); so are the lines right below a total's row that lead to no other row."""
    line, above, cells = lines[k], lines[k - 1] if k else None, _cells(lines[k], cuts)
    if not any(cells[1:]) and _SENTENCE_END.search(cells[0]):
        return False
    if above is None:
        return True
    if line.top - above.top > _ROW_GAP * _height(above):
        return False
    if k == first or _marked(cells, table) or _close(above, line) and not _after_total(lines, k, first, cuts, table):
        return True
    j = k
    while j + 1 < len(lines) and _close(lines[j], lines[j + 1]):
        j += 1
        if _marked(_cells(lines[j], cuts), table):
            return True
    if j + 1 < len(lines) and lines[j + 1].top - lines[j].top <= _ROW_GAP * _height(lines[j]) \
            and _marked(_cells(lines[j + 1], cuts), table):
        return True
    return _rule_between(rules, above, line) and (j + 1 == len(lines) or _rule_between(rules, lines[j], lines[j + 1]))


def _after_total(lines: list[Line], k: int, first: int, cuts: list[float], table: GridTable) -> bool:
    """Whether the row above line ``k`` is a total's ("Total", "TOTAL GÉNÉRAL"): the lines right below it are the
    text after the table, unless a row follows."""
    opening = next((lines[j] for j in range(k - 1, first - 1, -1) if _marked(_cells(lines[j], cuts), table)), None)
    return opening is not None and TOTAL_ROW.match(next((c for c in _cells(opening, cuts) if c), "")) is not None


def _bands(body: list[Line], cuts: list[float], table: GridTable, rules: list[Rule]) -> list[list[Line]]:
    """The rows of ``body``: its lines parted by the rules between them, if any; else by the gaps wider than a cell's
    line spacing, and by each line that figures mark after a first in a run of lines so parted (rows whose cells
    open at their top, without padding)."""
    between = [rule for rule in rules if any(_rule_between([rule], a, b) for a, b in zip(body, body[1:]))]
    if between:
        return _split(body, lambda a, b: _rule_between(between, a, b))
    # a cell's line spacing: that of two lines with words in one column (an amount set at its row's middle, between
    # two lines of the other cells, is nearer)
    spacing = min((b.top - a.top for a, b in zip(body, body[1:]) if _close(a, b) and any(
        x and y for x, y in zip(_cells(a, cuts), _cells(b, cuts)))), default=None)
    rows = []
    for band in _split(body, lambda a, b: spacing is None or b.top - a.top > 1.25 * spacing):
        opens = [k for k, line in enumerate(band) if _marked(_cells(line, cuts), table)]
        if len(opens) < 2:
            rows.append(band)
            continue
        starts = ([0] if opens[0] else []) + opens
        rows += [band[a:b] for a, b in zip(starts, starts[1:] + [len(band)])]
    return rows


def _split(lines: list[Line], apart) -> list[list[Line]]:
    groups = [[lines[0]]]
    for above, below in zip(lines, lines[1:]):
        if apart(above, below):
            groups.append([])
        groups[-1].append(below)
    return groups


def _cell_text(parts: list[str]) -> str:
    from graph.ingest.delib_pdf import cell_text

    return cell_text("\n".join(part for part in parts if part))


def join_parts(table: GridTable, part: GridTable, first: int = 1, then: int = 2) -> GridTable:
    """Return ``table`` followed by ``part``, its rows on the next page; a row that the page break split, its end
    opening ``part``, made whole (:func:`_joins`) cell by cell. Each row keeps the page that writes it
    (:attr:`GridTable.pages`): ``table``'s on page ``first`` unless it says its own (joined before), ``part``'s on
    page ``then``, a row made whole on none."""
    rows, amounts = [list(cells) for cells in part.rows], list(part.amounts)
    whole = GridTable(table.top, table.heads, table.head_lines, table.money, table.figures,
                      [list(cells) for cells in table.rows], list(table.amounts), part.closed,
                      list(table.pages) or [first] * len(table.rows))
    if _joins(table, part):
        whole.rows[-1] = [_cell_text([a, b]) for a, b in zip(whole.rows[-1], rows.pop(0))]
        whole.amounts[-1] = amounts.pop(0) or whole.amounts[-1]
        whole.pages[-1] = None
    whole.rows += rows
    whole.amounts += amounts
    whole.pages += [then] * len(rows)
    return whole


def _joins(table: GridTable, part: GridTable) -> bool:
    """Whether the last row of ``table`` and the first of ``part``, on the next page, are one row that a page break
    split: no rule closes the first half, and one half holds the amount, the other none (a cell's lines that the
    page's foot cut, or an amount that a cell aligned at its bottom set on the next page). A section's heading in
    capitals at the foot or the head of a page is no half of a row."""
    return bool(table.rows and part.rows) and not table.closed and table.amounts[-1] != part.amounts[0] \
        and not any(_heading(cells) for cells in (table.rows[-1], part.rows[0]))


def _heading(cells: list[str]) -> bool:
    """Whether a row is a section's heading: words in capitals in its first cell alone ("CULTURE")."""
    return bool(cells[0]) and cells[0].isupper() and not any(cells[1:])


def same_heads(one: GridTable, other: GridTable) -> bool:
    """Whether two tables have the same heads: one table's parts on two pages."""
    return [fold(h) for h in one.heads] == [fold(h) for h in other.heads]
