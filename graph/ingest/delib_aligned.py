"""Grant tables whose columns are aligned with spaces: plain-text deliberations, and PDFs read with their layout.

A header line names the columns, two spaces or more apart; the lines right below it that write nothing under the
first column continue the heads ("Subvention" / "attribuée"). Each line below is cut where two spaces or more part
its words, and each piece goes to the column whose head it overlaps most, so that a SIRET, a project or a cost
("coût 120 000 € TTC") stays in its own cell. The cells then read as those of a ``| … |`` table
(:func:`graph.ingest.delib_tables.rows_grants`).

A row is the line whose amount column holds an amount (or words that say why it holds none: "Dossier incomplet – non
retenu"), with the lines that continue its cells: a line with nothing
under the first column, a line that starts in lower case or follows a name ending in a hyphen or "de", "du"…, and
any other line without an amount when the table's rows start with their amount line. A line ending in "de", "du"…
begins the next row instead. Names and amounts listed under a sentence that grants ("attribue les subventions
suivantes :"), with no header, are a table of two columns. A table ends at a blank line (unless a row follows it),
at a page number, at a new header or at a line that runs across the columns (the prose after it). A table whose
columns are written one after the other, a paragraph each, is read too (:func:`stacked_table_grants`), and so is
a table whose cells a PDF's text wrote one a line, heads first (:func:`stacked_cell_grants`).

>>> from graph.ingest.delib_grants import GrantsFound
>>> found = GrantsFound()
>>> aligned_table_grants("Association        Montant\\nComité des fêtes   3 000,00 €\\nTotal              3 000,00 €",
...                      found, {})
>>> [(g.beneficiary, g.amount) for g in found.grants], [t.amount for t in found.totals], found.tables
([('Comité des fêtes', Decimal('3000.00'))], [Decimal('3000.00')], [(0, 86)])
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ingest.delib_columns import ColumnHints
from graph.ingest.delib_grant_words import _GRANT_VERB, _GRANT_WORD
from graph.ingest.delib_grants import GrantsFound, StatedTotal
from graph.ingest.delib_lists import _RECORD_CODE, approved_below
from graph.ingest.delib_notes import note_markers, notes_end, without_marker
from graph.ingest.delib_table_context import for_the_record, heading_nature, in_thousands, section_nature
from graph.ingest.delib_table_header import (_AMOUNT_COL, _BENEF_COL, _PURPOSE_COL, _column, amount_columns,
                                             choose_amount_column)
from graph.ingest.delib_tables import AMOUNT_QUALIFIER, _TOTAL_ROW, _marked_nature, pipe_cells, rows_grants
from graph.ingest.french import AMOUNT_RE, fold, parse_amount

#: A cell: words that single spaces (or the no-break spaces grouping thousands) join.
_SEGMENT = re.compile(r"\S+(?:[ \u00a0\u202f]\S+)*")
#: A cell that is an amount ("3 000,00 €", "12 500", "15 k€", "- 1 200,00 €", "4 000,00 € net", "9 300 € HT") or says
#: there is none ("—").
_AMOUNT_CELL = re.compile(r"[-+−–]?\s*(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?\s*(?:(?:€|euros?|EUR|k€)"
                          + AMOUNT_QUALIFIER + r")?"
                          r"|[—–-]|néant", re.I)
#: A figure that a head never is, only a row's amount: thousands grouped or cents ("28 000,00", "1.500", "750,00").
_FIGURE = re.compile(r"[-+−–]?\s*(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d{1,2})?|\d+,\d{1,2})")
#: An amount with its currency, as a list without header writes it.
_LISTED_AMOUNT = re.compile(r"(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?\s*(?:€|euros?|EUR|k€)"
                            + AMOUNT_QUALIFIER, re.I)
#: An amount with its currency that ends a cell of words, one space after them: "… Nouvelle-Aquitaine 5 000 €".
_GLUED_AMOUNT = re.compile(r"(?<=[^\W\d_]) ((?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?\s*(?:€|euros?|EUR))$",
                           re.I)
#: What ends a cell's line when its words go on below: a hyphen, or a word that needs the next one.
_GOES_ON = re.compile(r"(?:-|\b(?:de|du|des|d['’]|l['’]|la|le|les|et|à|au|aux|en|pour|sur))$", re.I)


def _goes_on(text: str) -> bool:
    """Whether a name's line goes on below: it ends with a hyphen, a word that needs the next one or a comma, or
    leaves a bracket open ("Association La Maison des Liens (espace de rencontre,")."""
    return bool(_GOES_ON.search(text)) or text.endswith(",") or text.count("(") > text.count(")")


_PAGE = re.compile(r"(?:page\s*)?\d{1,3}\s*/\s*\d{1,3}", re.I)
#: A section's heading in a table, alone on its line and in capitals ("CANTON DE LAMASTRE-FICTIF", "SPORT",
#: "PROGRAMME 2 – MAISONS DE SANTÉ (INVESTISSEMENT)").
_SECTION = re.compile(r"(?=.*[A-ZÀ-Ý])[A-ZÀ-Ý0-9][A-ZÀ-Ý0-9 '’()/&,.–—-]{2,80}")
#: How far right a header line starts when it heads only the amounts, the names' column left without a head.
_NAMELESS_INDENT = 16
#: A sentence's end, which no cell's words have: the prose after the table begins.
_SENTENCE_END = re.compile(r"\w{2,}(?:\.| ?[!?:;])[ \t]*$")
#: What opens the sentence that sums a table right below its last row: "soit 6 500,00 €.", "soit un total de …".
_SUMS_UP = re.compile(r"soit\b", re.I)
#: A line of a record's codes, below or above its name: "Tiers n° 098765 – Dossier EX025471", "Dossier 24-117".
_RECORD_CODES = re.compile(rf"{_RECORD_CODE.pattern}(?:[ \t]*[–—,;/-][ \t]*{_RECORD_CODE.pattern})*", re.I)
#: A line that rules the table ("-------   ------", "=====", "+----+----+").
_RULE = re.compile(r"[-=_—–+|\s]*[-=_—–]{3,}[-=_—–+|\s]*")


@dataclass
class _Columns:
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

        >>> columns = _Columns(["Bénéficiaire", "Montant N-1", "Montant N"], [[0, 12], [40, 51], [60, 69]])
        >>> columns.pieces("PTCE Alpha      25 000 €        26 000 €", 2)
        [(0, 'PTCE Alpha'), (1, '25 000 €'), (2, '26 000 €')]
        """
        cells = [m.group(0) for m in _SEGMENT.finditer(line.expandtabs())]
        if len(cells) == len(self.spans) > 1 and not _AMOUNT_CELL.fullmatch(cells[0]) \
                and re.search(r"[^\W\d_]{2}", cells[0]) and all(_AMOUNT_CELL.fullmatch(c) for c in cells[1:]):
            return list(enumerate(cells))
        pieces = []
        segments = [(m.start(), m.end(), m.group(0)) for m in _SEGMENT.finditer(line.expandtabs())]
        while segments:
            start, end, text = segments.pop(0)
            under = [i for i, (a, b) in enumerate(self.spans) if min(end, b) > max(start, a)]
            if len(under) == 2 and amount_col in under and (glued := _GLUED_AMOUNT.search(text)):
                # a long name that runs under the amount's head, one space before its amount: two cells
                # ("Mutualité Française Nouvelle-Aquitaine 5 000 €")
                segments[:0] = [(start, start + glued.start(), text[:glued.start()]),
                                (start + glued.start(1), end, glued.group(1))]
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

        >>> columns = _Columns(["Porteur", "Action", "Ville"], [[0, 7], [18, 24], [40, 45]])
        >>> columns.pieces("Club Vesle-Avenir Chantiers éducatifs     4 000", 2)
        [(0, 'Club Vesle-Avenir'), (1, 'Chantiers éducatifs'), (2, '4 000')]
        """
        head = self.spans[column][0] - start
        cut = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i + 1 - head), default=None)
        if cut is None or abs(cut + 1 - head) > 2 or not re.match(r"[A-ZÀ-Ý0-9]", text[cut + 1:]) \
                or text.isupper() or _AMOUNT_COL.search(fold(self.heads[column])):
            return None  # a heading in capitals ("ARRONDISSEMENT DE DOUAI") runs across; words are no amount
        return cut

    def merge(self, line: str) -> None:
        """Add a line that continues the heads to them."""
        for match in _SEGMENT.finditer(line.expandtabs()):
            i = self._column_of(*match.span())
            self.heads[i] = _join(self.heads[i], match.group(0))
            self.spans[i] = [min(self.spans[i][0], match.start()), max(self.spans[i][1], match.end())]


def _join(text: str, more: str) -> str:
    """A cell's words and the next line's: a hyphen at the end of a line joins them ("Coëvrons-" "Fictifs")."""
    return more if not text else text + more if text.endswith("-") else text + " " + more


@dataclass
class _Row:
    cells: list[str]
    start: int
    end: int
    name: str = ""  # the name cell's words on the row's last line that has some
    section: str | None = None  # the nature that the section heading above the row gives it ("INVESTISSEMENT")

    def add(self, pieces: list[tuple[int, str]], name_col: int, end: int) -> None:
        for i, text in pieces:
            self.cells[i] = _join(self.cells[i], text)
            if i == name_col:
                self.name = text
        self.end = end


def _lines(body: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in re.finditer(r"^.*$", body, re.M)]


def _header_at(lines: list[tuple[int, str]], i: int, hints: ColumnHints | None = None) -> tuple[_Columns, int] | None:
    """The columns of a header at line ``i`` (with the lines that continue it) and the next line's index."""
    line = lines[i][1]
    if line.lstrip().startswith("|") or _LISTED_AMOUNT.search(line) or pipe_cells(line) is not None:
        return None  # (a ``|`` table's head is :mod:`graph.ingest.delib_tables`')
    found = list(_SEGMENT.finditer(line.expandtabs()))
    if len(found) < 2 or any(_FIGURE.fullmatch(m.group(0)) for m in found):
        return None  # a row whose amount has no currency ("28 000,00"), not a header
    columns = _Columns([m.group(0) for m in found], [list(m.span()) for m in found])
    if found[0].start() >= _NAMELESS_INDENT and not any(_BENEF_COL.search(fold(h)) for h in columns.heads):
        # Heads of amounts only, far to the right: the names below go without a head.
        columns = _Columns(["Bénéficiaire"] + columns.heads, [[0, 0]] + columns.spans)
    i += 1
    while i < len(lines) and lines[i][1].strip() and not _LISTED_AMOUNT.search(lines[i][1]) \
            and not _RULE.fullmatch(lines[i][1]):
        first = _SEGMENT.search(lines[i][1].expandtabs())
        if first.start() < columns.spans[1][0] - 1:  # words under the first column: a row's
            break
        columns.merge(lines[i][1])
        i += 1
    return (columns, i) if choose_amount_column(columns.heads, hints) is not None else None


def _list_at(body: str, lines: list[tuple[int, str]], i: int) -> tuple[_Columns, int] | None:
    """The two columns of names and amounts listed, without header, from line ``i`` under a granting sentence, or
    under a sentence that a decision below grants ("La commission a retenu les candidatures suivantes :" …
    "ATTRIBUE les bourses d'études listées ci-dessus")."""
    start, above = next(((s, line) for s, line in reversed(lines[max(0, i - 3):i]) if line.strip()), (0, ""))
    above = above.strip()
    if not (above.endswith(":") and (_GRANT_WORD.search(above) or _GRANT_VERB.search(above)
                                     or approved_below(body, start + len(above), above))):
        return None
    names, amounts = [], []
    for _, line in lines[i:]:
        found = list(_SEGMENT.finditer(line.expandtabs()))
        if len(found) != 2 or not _LISTED_AMOUNT.fullmatch(found[1].group(0)) or line.lstrip()[:1] in "-•*|":
            break
        names.append(found[0].span())
        amounts.append(found[1].span())
    if not names:
        return None
    return _Columns(["Bénéficiaire", "Montant"], [[min(s for s, _ in names), max(e for _, e in names)],
                                                  [min(s for s, _ in amounts), max(e for _, e in amounts)]]), i


def _rows(lines: list[tuple[int, str]], i: int, columns: _Columns, amount_col: int,
          name_col: int, hints: ColumnHints | None = None) -> tuple[list[_Row], int]:
    """The rows of a table from line ``i``, and the index of the line after the table."""
    rows: list[_Row] = []
    pending: _Row | None = None  # lines that begin the next row
    first_line_rows = None  # whether the table's rows start with their amount line
    section = None  # the nature of the last section heading read
    marked_by = None  # the first word of the heading that marked that nature in brackets ("PROGRAMME")
    n = len(columns.spans)
    amount_cols = amount_columns(columns.heads, amount_col)

    def amount_in(pieces: list[tuple[int, str]]) -> bool:  # in any amount column: a row may lack one nature's
        cells = [" ".join(text for column, text in pieces if column == c) for c in amount_cols]
        return any(cell and _AMOUNT_CELL.fullmatch(cell.strip()) for cell in cells)

    while i < len(lines):
        start, line = lines[i]
        if not line.strip():  # a blank line ends the table, unless a row follows it
            after = next((j for j in range(i + 1, len(lines)) if lines[j][1].strip()), None)
            pieces = columns.pieces(lines[after][1], amount_col) if after is not None else None
            if pieces is None or not amount_in(pieces) or pending:
                break
            i = after
            continue
        if rows and pending is None and (after := notes_end([text for _, text in lines], i, lambda text: (
                found := columns.pieces(text, amount_col)) is not None and amount_in(found))):
            i = after  # a page's footnotes between two rows
            continue
        if _RULE.fullmatch(line):
            i += 1
            continue
        pieces = columns.pieces(line, amount_col)
        if pieces is None or _PAGE.fullmatch(line.strip()) \
                or not line.lstrip()[:1].islower() and _header_at(lines, i, hints):
            break  # (a cell's next words in small letters, "fonctionnement   (investissement)", head nothing)
        if amount_in(pieces):
            row = pending or _Row([""] * n, start, start)
            if first_line_rows is None:
                first_line_rows = pending is None
            row.add(pieces, name_col, start + len(line))
            row.section = section
            rows.append(row)
            pending = None
        elif _RECORD_CODES.fullmatch(line.strip()):
            pass  # a record's codes on a line of their own ("Tiers n° 098765 – Dossier EX025471"): no name's words
        elif _SECTION.fullmatch(line.strip()) and len(pieces) == 1 and not _GOES_ON.search(line.strip()):
            # a section's heading in capitals ("CANTON DE LAMASTRE"): no part of the next row's name; its nature,
            # if it names one ("INVESTISSEMENT"), the rows' below. A nature that a heading marks in brackets
            # ("PROGRAMME 2 – MSP (INVESTISSEMENT)") is that section's only: the next heading of its kind
            # ("PROGRAMME 3 – PRÉVENTION") ends it.
            heading, first_word = line.strip(), line.split()[0]
            if marked_by == first_word:
                section, marked_by = None, None
            if named := section_nature([heading]):
                section, marked_by = named, None
            elif marked := _marked_nature([heading], -1):
                section, marked_by = marked, first_word
        else:
            name = " ".join(text for column, text in pieces if column == name_col)
            last = rows[-1] if rows and not _TOTAL_ROW.match(next((c for c in rows[-1].cells if c), "")) else None
            goes_on = last is not None and (not name or name[0].islower() or _goes_on(last.name))
            said = " ".join(text for column, text in pieces if column == amount_col)
            if name and not goes_on and re.match(r"[^\W\d_]", said):
                # a row whose amount cell says why it has none ("Dossier incomplet – non retenu"): a row of its own,
                # the lines below continuing its cells, not the next words of the row above
                row, pending = pending or _Row([""] * n, start, start), None
                row.add(pieces, name_col, start + len(line))
                row.section = section
                rows.append(row)
                i += 1
                continue
            ends = not goes_on and (_SENTENCE_END.search(line) or _runs_across(line, columns, name_col)) \
                or _SUMS_UP.match(line.strip()) and _LISTED_AMOUNT.search(line)
            if pending is None and ends:
                break  # the prose after a table without a total or a blank line ("Adopté à l'unanimité.", "soit …")
            if pending is None and (goes_on or last is not None and first_line_rows and not _goes_on(name)):
                last.add(pieces, name_col, start + len(line))
            else:
                pending = pending or _Row([""] * n, start, start)
                pending.add(pieces, name_col, start + len(line))
        i += 1
    markers = note_markers([text for _, text in lines]) if rows else set()
    for row in rows if markers else []:
        row.cells[name_col] = without_marker(row.cells[name_col], markers)
    return rows, i


#: The line right below a table or a list that sums it: "soit 6 500,00 €.", "soit un total de 2 250 €".
_SUM_BELOW = re.compile(r"\n(?:[ \t]*\n)?[ \t]*soit[ \t]+(?:un[ \t]+(?:montant[ \t]+)?total[ \t]+(?:de[ \t]+)?|"
                        r"au[ \t]+total[ \t]+)?(?P<amount>" + AMOUNT_RE.pattern + ")", re.I)


def sum_below(body: str, end: int, found: GrantsFound) -> int:
    """Read the line that sums the table or list ending at offset ``end`` right below it ("soit 6 500,00 €.") as a
    stated total; return where the table ends, that line's amount included (the prose leaves it alone then).

    >>> found = GrantsFound()
    >>> body = "Club   300 €\\nsoit un total de 300 €."
    >>> sum_below(body, 12, found), [t.amount for t in found.totals]
    (35, [Decimal('300')])
    """
    match = _SUM_BELOW.match(body, end)
    if match is None:
        return end
    line_start = body.rfind("\n", 0, match.start("amount")) + 1
    line_end = body.find("\n", match.end())
    line = body[line_start:line_end if line_end >= 0 else len(body)].strip()
    found.totals.append(StatedTotal(parse_amount(match["amount"]), match.span("amount"), line))
    return match.end()


def _runs_across(line: str, columns: _Columns, name_col: int) -> bool:
    """Whether ``line`` is a clause of prose that runs from the name column under the next one's head and ends in a
    comma ("Le Conseil municipal, après en avoir délibéré,"), not a name's next words."""
    segments = list(_SEGMENT.finditer(line.expandtabs()))
    if len(segments) != 1 or name_col + 1 >= len(columns.spans):
        return False
    text = segments[0].group(0)
    return segments[0].end() > columns.spans[name_col + 1][0] and text.endswith(",")


def aligned_table_grants(body: str, found: GrantsFound, legend: dict[str, str],
                         hints: ColumnHints | None = None) -> None:
    """Read the grants and totals of the tables of ``body`` whose columns are aligned with spaces; the spans of the
    tables read go to ``found.tables``."""
    lines = _lines(body)
    i = 0
    while i < len(lines):
        table = _header_at(lines, i, hints) or _list_at(body, lines, i)
        if table is None:
            i += 1
            continue
        columns, after = table
        header = list(columns.heads)
        amount_col = choose_amount_column(header, hints)
        name_col = _column([fold(h) for h in header], _BENEF_COL, {amount_col})
        if name_col is None:
            i += 1
            continue
        rows, end = _rows(lines, after, columns, amount_col, name_col, hints)
        if not rows:
            i += 1
            continue
        start = lines[i][0]
        if for_the_record(body, start):
            found.tables.append((start, rows[-1].end))  # nor are its amounts the prose's
            i = end
            continue
        rows_grants([header] + [row.cells for row in rows], [(start, start)] + [(r.start, r.end) for r in rows],
                    found, legend, heading_nature(body, start), hints, [row.section for row in rows],
                    in_thousands(body, start))
        found.tables.append((start, sum_below(body, rows[-1].end, found)))
        i = end


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
    paragraphs = _paragraphs(_lines(body))
    i = 0
    while i < len(paragraphs):
        j = i
        while j < len(paragraphs) and _column_block(paragraphs[j]):
            j += 1
        run, i = paragraphs[i:j], max(j, i + 1)
        heads = [block[0][1] for block in run]
        amount_col = choose_amount_column(heads, hints) if len(run) >= 2 else None
        name_col = _column([fold(h) for h in heads], _BENEF_COL, {amount_col}) if amount_col is not None else None
        if name_col is None:
            continue
        names, amounts = run[name_col][1:], run[amount_col][1:]
        if len(names) != len(amounts) or not all(_AMOUNT_CELL.fullmatch(cell) for _, cell in amounts):
            continue
        rows = [[block[k + 1][1] if len(block) == len(names) + 1 else "" for block in run] for k in range(len(names))]
        spans = [(name[0], amount[0] + len(amount[1])) for name, amount in zip(names, amounts)]
        rows_grants([heads] + rows, [(run[0][0][0], run[0][0][0])] + spans, found, legend,
                    heading_nature(body, run[0][0][0]), hints, thousands=in_thousands(body, run[0][0][0]))
        found.tables.append((run[0][0][0], run[-1][-1][0] + len(run[-1][-1][1])))



#: A word that a name's next line holds without a capital: "Centre de santé sexuelle" / "Marie-Thérèse Vialle".
_SMALL_WORDS = {"de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "à", "au", "aux", "sur", "pour"}


def _name_like(line: str) -> bool:
    """Whether a line reads as the rest of a name, not as an object's words: each word a capital or a figure first,
    but the small words that join a name's ("Marie-Thérèse Vialle-Fictif", "Pays de Gex")."""
    words = re.findall(r"[\w'’-]+", line)
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or fold(w).split("'")[0] in _SMALL_WORDS
                               for w in words) and not _SENTENCE_END.search(line)


def _stacked_heads(lines: list[tuple[int, str]], i: int) -> list[str] | None:
    """The heads of a table whose cells are one a line, when they start at line ``i``: two to six short lines, each
    the head of a column ("Organisme" / "Objet" / "Montant"), a column of names and one of amounts among them."""
    heads: list[str] = []
    while i + len(heads) < len(lines) and len(heads) < 6:
        line = lines[i + len(heads)][1].strip()
        folded = fold(line)
        if not line or len(line.split()) > 4 or re.search(r"\d", line) or not (
                _BENEF_COL.fullmatch(folded) or _AMOUNT_COL.search(folded) or _PURPOSE_COL.match(folded)
                or re.fullmatch(r"nature|type|imputation|commune|date", folded)):
            break
        heads.append(line)
    if len(heads) < 2 or choose_amount_column(heads) != len(heads) - 1:
        return None
    return heads if _column([fold(h) for h in heads], _BENEF_COL, {len(heads) - 1}) is not None else None


def stacked_cell_grants(body: str, found: GrantsFound, legend: dict[str, str],
                        hints: ColumnHints | None = None) -> None:
    """Read the grants of tables whose cells a PDF's text (read without its layout) wrote one a line: the heads, one
    a line, then each row's cells, the amount last ("Organisme" / "Objet" / "Montant" / "Club X" / "Stage d'été" /
    "1 500 €"). A row ends at its amount; the next line begins the next row. When a row has more lines than cells,
    its name is its first line and the next ones that read as a name's (words in capitals), the rest its object;
    where the name is not the first column, such a row cannot be read safely and is said in a warning."""
    lines = _lines(body)
    i = 0
    while i < len(lines):
        heads = _stacked_heads(lines, i) if not any(s <= lines[i][0] < e for s, e in found.tables) else None
        if heads is None:
            i += 1
            continue
        n, start = len(heads), lines[i][0]
        name_col = _column([fold(h) for h in heads], _BENEF_COL, {n - 1})
        rows, spans, cells, row_start, unsafe = [], [], [], None, []
        i += n
        while i < len(lines) and (line := lines[i][1].strip()) and not line.startswith(("-", "•", "|")) \
                and len(line) <= 90 and not _stacked_heads(lines, i):
            row_start = lines[i][0] if row_start is None else row_start
            if not _AMOUNT_CELL.fullmatch(line):
                cells.append(line)
            elif cells:
                row = _stacked_row(cells, n, name_col)
                if row is None:
                    unsafe.append(" / ".join(cells))
                else:
                    rows.append(row + [line])
                    spans.append((row_start, lines[i][0] + len(lines[i][1])))
                cells, row_start = [], None
            i += 1
        if not rows and not unsafe:
            continue
        end = spans[-1][1] if spans else lines[i - 1][0] + len(lines[i - 1][1])
        if rows:
            rows_grants([heads] + rows, [(start, start)] + spans, found, legend, heading_nature(body, start), hints,
                        thousands=in_thousands(body, start))
        for row in unsafe:
            found.warnings.append((f"tableau aux cellules une par ligne (« {' / '.join(heads)} ») : ligne « {row} » "
                                   f"non lue, son bénéficiaire ne se distingue pas de façon sûre : vérifiez-la",
                                   f"table with one cell a line ('{' / '.join(heads)}'): row '{row}' not read, its "
                                   f"beneficiary cannot be told apart safely: check it"))
        found.tables.append((start, end))


def _stacked_row(cells: list[str], n: int, name_col: int) -> list[str] | None:
    """The ``n - 1`` cells before the amount of a row whose lines are ``cells``, or None when they cannot be told
    apart: one a line when there are as many, else the name first (with its lines that read as a name's, see
    :func:`_name_like`) and the other lines the next column's (the object, one column left) or nobody's."""
    if len(cells) == n - 1:
        return list(cells)
    if name_col != 0 or len(cells) < n - 1 or n > 3 and len(cells) > n - 1:
        return None
    k = 1
    while k < len(cells) - (n - 2) and (_GOES_ON.search(cells[k - 1]) or _name_like(cells[k])):
        k += 1
    name = ""
    for cell in cells[:k]:
        name = _join(name, cell)
    return [name] + ([" ".join(cells[k:])] if n == 3 else [])
