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

from graph.ingest.delib_columns import ColumnHints
from graph.ingest.delib_grant_words import GRANT_VERB, GRANT_WORD
from graph.ingest.delib_grants import GrantsFound, StatedTotal
from graph.ingest.delib_line_joins import join_cell_words
from graph.ingest.delib_list_leads import approved_below
from graph.ingest.delib_lists import RECORD_CODE
from graph.ingest.delib_notes import note_markers, notes_end, without_call, without_marker
from graph.ingest.delib_pipe_tables import pipe_cells
from graph.ingest.delib_table_context import for_the_record, heading_nature, in_thousands, section_nature
from graph.ingest.delib_table_header import (AMOUNT_COL, BENEF_COL, amount_columns, choose_amount_column,
                                             name_column)
from graph.ingest.delib_tables import AMOUNT_QUALIFIER, TOTAL_ROW, marked_nature, row_label, rows_grants
from graph.ingest.french import AMOUNT_RE, fold, parse_amount
from graph.ingest.french_numbers import words_amount

#: A cell: words that single spaces (or the no-break spaces grouping thousands) join.
_SEGMENT = re.compile(r"\S+(?:[ \u00a0\u202f]\S+)*")
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
_GLUED_AMOUNT = re.compile(r"(?<=[^\W\d_]) ((?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+)(?:,\d{1,2})?\s*(?:€|euros?|EUR))$",
                           re.I)
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
#: How far right a header line starts when it heads only the amounts, the names' column left without a head.
_NAMELESS_INDENT = 16
#: A sentence's end, which no cell's words have: the prose after the table begins.
SENTENCE_END = re.compile(r"\w{2,}(?:\.| ?[!?:;])[ \t]*$")
#: What opens the sentence that sums a table right below its last row: "soit 6 500,00 €.", "soit un total de …".
_SUMS_UP = re.compile(r"soit\b", re.I)
#: A line of a record's codes, below or above its name: "Tiers n° 098765 – Dossier EX025471", "Dossier 24-117".
_RECORD_CODES = re.compile(rf"{RECORD_CODE.pattern}(?:[ \t]*[–—,;/-][ \t]*{RECORD_CODE.pattern})*", re.I)
#: The head of a column of words that an amount's word ends ("Nature de l'aide", "Objet de la subvention").
_WORDS_HEAD = re.compile(r"(?:nature|objet|type|motif|intitule)\b")
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
        >>> columns.pieces("Mme Inès BOUDOU, infirmière en pratique avancée\\t\\t4 000 €", 2)
        [(0, 'Mme Inès BOUDOU, infirmière en pratique avancée'), (2, '4 000 €')]
        """
        if "\t" in line and len(tabbed := [c.strip() for c in line.split("\t")]) == len(self.spans) and tabbed[0]:
            # a row whose cells tabs part, one a column, as the heads' are: where its cells stand once the tabs are
            # spaces says nothing (a long cell runs under the next column's head)
            return [(k, cell) for k, cell in enumerate(tabbed) if cell]
        cells = [m.group(0) for m in _SEGMENT.finditer(line.expandtabs())]
        if len(cells) == len(self.spans) > 1 and not AMOUNT_CELL.fullmatch(cells[0]) \
                and re.search(r"[^\W\d_]{2}", cells[0]) \
                and all(AMOUNT_CELL.fullmatch(without_call(c)) for c in cells[1:]):
            return list(enumerate(cells))
        pieces = []
        segments = [(m.start(), m.end(), m.group(0)) for m in _SEGMENT.finditer(line.expandtabs())]
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

        >>> columns = _Columns(["Porteur", "Action", "Ville"], [[0, 7], [18, 24], [40, 45]])
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
        for match in _SEGMENT.finditer(line.expandtabs()):
            i = self._column_of(*match.span())
            self.heads[i] = join_cell_words(self.heads[i], match.group(0))
            self.spans[i] = [min(self.spans[i][0], match.start()), max(self.spans[i][1], match.end())]


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


def _header_at(lines: list[tuple[int, str]], i: int, hints: ColumnHints | None = None) -> tuple[_Columns, int] | None:
    """The columns of a header at line ``i`` (with the lines that continue it) and the next line's index."""
    line = lines[i][1]
    if line.lstrip().startswith("|") or LISTED_AMOUNT.search(line) or pipe_cells(line) is not None:
        return None  # (a ``|`` table's head is :mod:`graph.ingest.delib_tables`')
    found = list(_SEGMENT.finditer(line.expandtabs()))
    if len(found) < 2 or any(_FIGURE.fullmatch(without_call(m.group(0))) for m in found):
        return None  # a row whose amount has no currency ("28 000,00", "4 800 (1)"), not a header
    columns = _Columns([m.group(0) for m in found], [list(m.span()) for m in found])
    if found[0].start() >= _NAMELESS_INDENT and not any(BENEF_COL.search(fold(h)) for h in columns.heads):
        # Heads of amounts only, far to the right: the names below go without a head.
        columns = _Columns(["Bénéficiaire"] + columns.heads, [[0, 0]] + columns.spans)
    i += 1
    while i < len(lines) and lines[i][1].strip() and not LISTED_AMOUNT.search(lines[i][1]) \
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
    if not (above.endswith(":") and (GRANT_WORD.search(above) or GRANT_VERB.search(above)
                                     or approved_below(body, start + len(above), above))):
        return None
    names, amounts = [], []

    def listed(line: str) -> list[re.Match] | None:  # a name and its amount
        found = list(_SEGMENT.finditer(line.expandtabs()))
        ok = len(found) == 2 and LISTED_AMOUNT.fullmatch(found[1].group(0)) and line.lstrip()[:1] not in "-•*|"
        return found if ok else None

    rest = [line for _, line in lines[i:]]
    for k, line in enumerate(rest):
        if (found := listed(line)) is None:
            segments = list(_SEGMENT.finditer(line.expandtabs()))
            if _SUBTOTAL_HEADING.fullmatch(line.strip()) and k + 1 < len(rest) and listed(rest[k + 1]):
                continue  # a section's heading with its subtotal ("Canton de X – 3 dossiers – 4 650 €"): no row
            below = listed(rest[k + 1]) if k + 1 < len(rest) else None
            after = list(_SEGMENT.finditer(rest[k + 1].expandtabs())) if k + 1 < len(rest) else []
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
    return _Columns(["Bénéficiaire", "Montant"], [[min(s for s, _ in names), max(e for _, e in names)],
                                                  [min(s for s, _ in amounts), max(e for _, e in amounts)]]), i


def _left_of_names(lines: list[tuple[int, str]], i: int) -> int:
    """Where the next line after ``i`` that is written starts: a sub-heading is left of it."""
    below = next((line for _, line in lines[i + 1:] if line.strip()), "")
    return len(below) - len(below.lstrip()) if below else -1


#: A section's heading that gives its count of grants and their subtotal: "Canton de Brenne-Ouest – 3 dossiers –
#: 4 650 €", "Secteur Nord (2 demandes) : 1 200 €".
_SUBTOTAL_HEADING = re.compile(r"[^\s\d].*\b\d+\s+(?:dossiers?|demandes?|projets?|bénéficiaires?|associations?)\b"
                               r"\W*(?:[–—:-]\s*)?" + AMOUNT_RE.pattern + r"\W*", re.I)
#: How the name of a row's amount line opens when it ends a name that the line above begins: in lower case ("du Pays
#: de Dronne"), or after a dash ("– antenne d'Ouche-Nord", a branch of the body named above).
_NAME_GOES_ON = re.compile(r"[^\W\d_](?<=[a-zà-ÿ])|[–—]\s")


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
        return any(cell and (AMOUNT_CELL.fullmatch(without_call(cell)) or words_amount(cell) is not None)
                   for cell in cells)

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
        elif _SUBTOTAL_HEADING.fullmatch(line.strip()) or len(pieces) == 1 and not AMOUNT_RE.search(line) \
                and len(line) - len(line.lstrip()) < columns.spans[name_col][0] <= _left_of_names(lines, i):
            pass  # a section's heading (with its subtotal), left of the names: no row, no part of a row's name
        elif _RECORD_CODES.fullmatch(line.strip()):
            pass  # a record's codes on a line of their own ("Tiers n° 098765 – Dossier EX025471"): no name's words
        elif _SECTION.fullmatch(line.strip()) and len(pieces) == 1 and not GOES_ON.search(line.strip()):
            # a section's heading in capitals ("CANTON DE LAMASTRE"): no part of the next row's name; its nature,
            # if it names one ("INVESTISSEMENT"), the rows' below. A nature that a heading marks in brackets
            # ("PROGRAMME 2 – MSP (INVESTISSEMENT)") is that section's only: the next heading of its kind
            # ("PROGRAMME 3 – PRÉVENTION") ends it.
            heading, first_word = line.strip(), line.split()[0]
            if marked_by == first_word:
                section, marked_by = None, None
            if named := section_nature([heading]):
                section, marked_by = named, None
            elif marked := marked_nature([heading], -1):
                section, marked_by = marked, first_word
        elif TOTAL_ROW.match(line.strip()) and AMOUNT_RE.search(line) and name_col not in {c for c, _ in pieces}:
            break  # a total written out of the columns ("   …   Total rapport 11 000 €"): the prose reads it
        else:
            name = " ".join(text for column, text in pieces if column == name_col)
            last = rows[-1] if rows and not TOTAL_ROW.match(row_label(rows[-1].cells)) else None
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
            ends = not goes_on and (SENTENCE_END.search(line) or _runs_across(line, columns, name_col)) \
                or _SUMS_UP.match(line.strip()) and LISTED_AMOUNT.search(line)
            if pending is None and ends:
                break  # the prose after a table without a total or a blank line ("Adopté à l'unanimité.", "soit …")
            # a row's amount line whose name opens in lower case ends a name that this line begins ("Association
            # d'Aide à Domicile" / "du Pays de Dronne (ADPD)   Fonctionnement   7 250"): this line is that row's
            below = columns.pieces(lines[i + 1][1], amount_col) if i + 1 < len(lines) else None
            ends_below = below is not None and amount_in(below) \
                and _NAME_GOES_ON.match(" ".join(text for column, text in below if column == name_col))
            if pending is None and (goes_on or last is not None and first_line_rows and not _goes_on(name)
                                    and not ends_below):
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
    lines = lines_at(body)
    i = 0
    while i < len(lines):
        table = _header_at(lines, i, hints) or _list_at(body, lines, i)
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
