"""Grant tables whose columns are aligned with spaces: plain-text deliberations, and PDFs read with their layout.

A header line names the columns, two spaces or more apart; the lines right below it that write nothing under the
first column continue the heads ("Subvention" / "attribuée"). Each line below is cut where two spaces or more part
its words, and each piece goes to the column whose head it overlaps most, so that a SIRET, a project or a cost
("coût 120 000 € TTC") stays in its own cell. The cells then read as those of a ``| … |`` table
(:func:`graph.ingest.delib_tables.rows_grants`).

A row is the line whose amount column holds an amount, in figures or in words ("mille cinq cents euros", which reach
further left than the figures set right with them), or words that say why it holds none ("Dossier incomplet – non
retenu"), with the lines that continue its cells: a line with nothing
under the first column, a line that starts in lower case or follows a name ending in a hyphen or "de", "du"…, and
any other line without an amount when the table's rows start with their amount line. A line ending in "de", "du"…
begins the next row instead, and so does a line right above an amount line whose name opens in lower case (the
name's end: "Association d'Aide à Domicile" / "du Pays de Dronne   7 250", or after a dash: "– antenne de X"). Names
and amounts listed under a sentence that grants ("attribue les subventions suivantes :"), with no header, are a table
of two columns, a name wrapped to its amount's line or a sub-heading left of the names included; a section's heading
with its subtotal ("Canton de X – 3 dossiers – 4 650 €") is no row. A table
ends at a blank line (unless a row follows it), at a page number, at a new header or at a line that runs across the
columns (the prose after it). A table whose columns are written one after the other, a paragraph each, is read too,
and so is a table whose cells a PDF's text wrote one a line, heads first (:mod:`graph.ingest.delib_stacked`).

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

from graph.ingest.delib_aligned_columns import (AMOUNT_CELL, LISTED_AMOUNT, RULE, SEGMENT, SUBTOTAL_HEADING, Columns,
                                               header_at, list_at)
from graph.ingest.delib_columns import ColumnHints
from graph.ingest.delib_grants import GrantsFound, StatedTotal
from graph.ingest.delib_line_joins import join_cell_words
from graph.ingest.delib_lists import RECORD_CODE
from graph.ingest.delib_notes import note_markers, notes_end, without_call, without_marker
from graph.ingest.delib_table_context import for_the_record, heading_nature, in_thousands, section_nature
from graph.ingest.delib_table_header import amount_columns, choose_amount_column, name_column
from graph.ingest.delib_tables import TOTAL_ROW, marked_nature, row_label, rows_grants
from graph.ingest.french import AMOUNT_RE, fold, parse_amount
from graph.ingest.french_numbers import words_amount

#: What ends a cell's line when its words go on below: a hyphen, or a word that needs the next one.
GOES_ON = re.compile(r"(?:-|\b(?:de|du|des|d['’]|l['’]|la|le|les|et|à|au|aux|en|pour|sur))$", re.I)


def _goes_on(text: str) -> bool:
    """Whether a name's line goes on below: it ends with a hyphen, a word that needs the next one or a comma, or
    leaves a bracket open ("Association La Maison des Liens (espace de rencontre,")."""
    return bool(GOES_ON.search(text)) or text.endswith(",") or text.count("(") > text.count(")")


_PAGE = re.compile(r"(?:page\s*)?\d{1,3}\s*/\s*\d{1,3}", re.I)
#: A section's heading in a table, alone on its line and in capitals ("CANTON DE LAMASTRE-FICTIF", "SPORT",
#: "PROGRAMME 2 – MAISONS DE SANTÉ (INVESTISSEMENT)").
_SECTION = re.compile(r"(?=.*[A-ZÀ-Ý])[A-ZÀ-Ý0-9][A-ZÀ-Ý0-9 '’()/&,.–—-]{2,80}")
#: A sentence's end, which no cell's words have: the prose after the table begins.
SENTENCE_END = re.compile(r"\w{2,}(?:\.| ?[!?:;])[ \t]*$")
#: What opens the sentence that sums a table right below its last row: "soit 6 500,00 €.", "soit un total de …".
_SUMS_UP = re.compile(r"soit\b", re.I)
#: A line of a record's codes, below or above its name: "Tiers n° 098765 – Dossier EX025471", "Dossier 24-117".
_RECORD_CODES = re.compile(rf"{RECORD_CODE.pattern}(?:[ \t]*[–—,;/-][ \t]*{RECORD_CODE.pattern})*", re.I)


@dataclass
class _Row:
    cells: list[str]
    start: int
    end: int
    name: str = ""  # the name cell's words on the row's last line that has some
    section: str | None = None  # the nature that the section heading above the row gives it ("INVESTISSEMENT")

    def add(self, pieces: list[tuple[int, str]], name_col: int, end: int) -> None:
        for i, text in pieces:
            self.cells[i] = join_cell_words(self.cells[i], text)
            if i == name_col:
                self.name = text
        self.end = end


def lines_at(body: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in re.finditer(r"^.*$", body, re.M)]




def _left_of_names(lines: list[tuple[int, str]], i: int) -> int:
    """Where the next line after ``i`` that is written starts: a sub-heading is left of it."""
    below = next((line for _, line in lines[i + 1:] if line.strip()), "")
    return len(below) - len(below.lstrip()) if below else -1


#: How the name of a row's amount line opens when it ends a name that the line above begins: in lower case ("du Pays
#: de Dronne"), or after a dash ("– antenne d'Ouche-Nord", a branch of the body named above).
_NAME_GOES_ON = re.compile(r"[^\W\d_](?<=[a-zà-ÿ])|[–—]\s")


def _rows(lines: list[tuple[int, str]], i: int, columns: Columns, amount_col: int,
          name_col: int, hints: ColumnHints | None = None) -> tuple[list[_Row], int]:
    """The rows of a table from line ``i``, and the index of the line after the table."""
    return _TableRows(lines, columns, (amount_col, name_col), hints).read(i)


class _TableRows:
    """The rows of a table, read line after line (:meth:`read`): each line is a row's amount line, a line that goes
    on a row or begins the next one (``pending``), a heading (a section's, which may give the rows below it their
    nature), or the end of the table."""

    def __init__(self, lines: list[tuple[int, str]], columns: Columns, cols: tuple[int, int],
                 hints: ColumnHints | None):
        self.lines, self.columns, self.hints = lines, columns, hints
        self.amount_col, self.name_col = cols
        self.amount_cols = amount_columns(columns.heads, self.amount_col)
        self.rows: list[_Row] = []
        self.pending: _Row | None = None  # lines that begin the next row
        self.first_line_rows: bool | None = None  # whether the table's rows start with their amount line
        self.section: str | None = None  # the nature of the last section heading read
        self.marked_by: str | None = None  # the first word of the heading that marked that nature in brackets

    def read(self, i: int) -> tuple[list[_Row], int]:
        """The rows from line ``i``, and the index of the line after the table."""
        while i < len(self.lines):
            after = self._line(i)
            if after is None:
                break
            i = after
        markers = note_markers([text for _, text in self.lines]) if self.rows else set()
        for row in self.rows if markers else []:
            row.cells[self.name_col] = without_marker(row.cells[self.name_col], markers)
        return self.rows, i

    def amount_in(self, pieces: list[tuple[int, str]]) -> bool:
        """Whether ``pieces`` hold an amount in any amount column: a row may lack one nature's."""
        cells = [" ".join(text for column, text in pieces if column == c) for c in self.amount_cols]
        return any(cell and (AMOUNT_CELL.fullmatch(without_call(cell)) or words_amount(cell) is not None)
                   for cell in cells)

    def _new_row(self, start: int) -> _Row:
        return _Row([""] * len(self.columns.spans), start, start)

    def _line(self, i: int) -> int | None:
        """Read line ``i``; return the index of the next line to read, or None when the table ended before it."""
        lines, columns, amount_col, name_col = self.lines, self.columns, self.amount_col, self.name_col
        start, line = lines[i]
        if not line.strip():  # a blank line ends the table, unless a row follows it
            after = next((j for j in range(i + 1, len(lines)) if lines[j][1].strip()), None)
            pieces = columns.pieces(lines[after][1], amount_col) if after is not None else None
            if pieces is None or not self.amount_in(pieces) or self.pending:
                return None
            return after
        if self.rows and self.pending is None and (after := notes_end([text for _, text in lines], i, lambda text: (
                found := columns.pieces(text, amount_col)) is not None and self.amount_in(found))):
            return after  # a page's footnotes between two rows
        if RULE.fullmatch(line):
            return i + 1
        pieces = columns.pieces(line, amount_col)
        if pieces is None or _PAGE.fullmatch(line.strip()) \
                or not line.lstrip()[:1].islower() and header_at(lines, i, self.hints):
            return None  # (a cell's next words in small letters, "fonctionnement   (investissement)", head nothing)
        if self.amount_in(pieces):
            row = self.pending or self._new_row(start)
            if self.first_line_rows is None:
                self.first_line_rows = self.pending is None
            row.add(pieces, name_col, start + len(line))
            row.section = self.section
            self.rows.append(row)
            self.pending = None
        elif SUBTOTAL_HEADING.fullmatch(line.strip()) or len(pieces) == 1 and not AMOUNT_RE.search(line) \
                and len(line) - len(line.lstrip()) < columns.spans[name_col][0] <= _left_of_names(lines, i):
            pass  # a section's heading (with its subtotal), left of the names: no row, no part of a row's name
        elif _RECORD_CODES.fullmatch(line.strip()):
            pass  # a record's codes on a line of their own ("Tiers n° 098765 – Dossier EX025471"): no name's words
        elif _SECTION.fullmatch(line.strip()) and len(pieces) == 1 and not GOES_ON.search(line.strip()):
            self._section_heading(line)
        elif TOTAL_ROW.match(line.strip()) and AMOUNT_RE.search(line) and name_col not in {c for c, _ in pieces}:
            return None  # a total written out of the columns ("   …   Total rapport 11 000 €"): the prose reads it
        elif not self._words(i, pieces):
            return None
        return i + 1

    def _section_heading(self, line: str) -> None:
        """Read a section's heading in capitals ("CANTON DE LAMASTRE"): no part of the next row's name; its nature,
        if it names one ("INVESTISSEMENT"), the rows' below. A nature that a heading marks in brackets ("PROGRAMME 2
        – MSP (INVESTISSEMENT)") is that section's only: the next heading of its kind ("PROGRAMME 3 – PRÉVENTION")
        ends it."""
        heading, first_word = line.strip(), line.split()[0]
        if self.marked_by == first_word:
            self.section, self.marked_by = None, None
        if named := section_nature([heading]):
            self.section, self.marked_by = named, None
        elif marked := marked_nature([heading], -1):
            self.section, self.marked_by = marked, first_word

    def _words(self, i: int, pieces: list[tuple[int, str]]) -> bool:
        """Read line ``i``, of words and no amount (its ``pieces``), as a row of its own, or as the next words of
        the row above or of the row below; False when it is the prose after the table."""
        lines, columns, amount_col, name_col = self.lines, self.columns, self.amount_col, self.name_col
        start, line = lines[i]
        name = " ".join(text for column, text in pieces if column == name_col)
        rows = self.rows
        last = rows[-1] if rows and not TOTAL_ROW.match(row_label(rows[-1].cells)) else None
        goes_on = last is not None and (not name or name[0].islower() or _goes_on(last.name))
        said = " ".join(text for column, text in pieces if column == amount_col)
        if name and not goes_on and re.match(r"[^\W\d_]", said):
            # a row whose amount cell says why it has none ("Dossier incomplet – non retenu"): a row of its own, the
            # lines below continuing its cells, not the next words of the row above
            row, self.pending = self.pending or self._new_row(start), None
            row.add(pieces, name_col, start + len(line))
            row.section = self.section
            rows.append(row)
            return True
        ends = not goes_on and (SENTENCE_END.search(line) or _runs_across(line, columns, name_col)) \
            or _SUMS_UP.match(line.strip()) and LISTED_AMOUNT.search(line)
        if self.pending is None and ends:
            return False  # the prose after a table without a total or a blank line ("Adopté à l'unanimité.", "soit …")
        # a row's amount line whose name opens in lower case ends a name that this line begins ("Association d'Aide
        # à Domicile" / "du Pays de Dronne (ADPD)   Fonctionnement   7 250"): this line is that row's
        below = columns.pieces(lines[i + 1][1], amount_col) if i + 1 < len(lines) else None
        ends_below = below is not None and self.amount_in(below) \
            and _NAME_GOES_ON.match(" ".join(text for column, text in below if column == name_col))
        if self.pending is None and (goes_on or last is not None and self.first_line_rows and not _goes_on(name)
                                     and not ends_below):
            last.add(pieces, name_col, start + len(line))
        else:
            self.pending = self.pending or self._new_row(start)
            self.pending.add(pieces, name_col, start + len(line))
        return True


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


def _runs_across(line: str, columns: Columns, name_col: int) -> bool:
    """Whether ``line`` is a clause of prose that runs from the name column under the next one's head and ends in a
    comma ("Le Conseil municipal, après en avoir délibéré,"), not a name's next words."""
    segments = list(SEGMENT.finditer(line.expandtabs()))
    if len(segments) != 1 or name_col + 1 >= len(columns.spans):
        return False
    text = segments[0].group(0)
    return segments[0].end() > columns.spans[name_col + 1][0] and text.endswith(",")


def aligned_table_grants(body: str, found: GrantsFound, legend: dict[str, str],
                         hints: ColumnHints | None = None) -> None:
    """Read the grants and totals of the tables of ``body`` whose columns are aligned with spaces; the spans of the
    tables read go to ``found.tables``."""
    lines = lines_at(body)
    i = 0
    while i < len(lines):
        table = header_at(lines, i, hints) or list_at(body, lines, i)
        if table is None:
            i += 1
            continue
        columns, after = table
        header = list(columns.heads)
        amount_col = choose_amount_column(header, hints)
        name_col = name_column([fold(h) for h in header], {amount_col})
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
