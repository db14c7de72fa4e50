"""Grant tables flattened into lines by PDF extraction: a header line whose heads follow one another ("Bénéficiaire
Nature Montant"), then rows that end in amounts (in figures, or in words: "Foyer Rural deux mille euros"), a
beneficiary's name wrapped over lines joined.

>>> from graph.ingest.delib_grants import GrantsFound
>>> found = GrantsFound()
>>> flat_table_grants("Association Montant\\nClub des Aînés 1 200 €\\nTotal 1 200 €", found, {})
>>> [(g.beneficiary, g.amount) for g in found.grants], [t.amount for t in found.totals]
([('Club des Aînés', Decimal('1200'))], [Decimal('1200')])
"""

from __future__ import annotations

import re
from decimal import Decimal

from graph.ingest.delib_aligned_columns import AMOUNT_CELL
from graph.ingest.delib_columns import ColumnHints
from graph.ingest.delib_grants import GrantFact, GrantsFound, StatedTotal
from graph.ingest.delib_notes import without_call
from graph.ingest.delib_pipe_tables import pipe_cells
from graph.ingest.delib_table_header import BENEF_COL, choose_amount_column, nature_columns
from graph.ingest.delib_stacked import RATE_CELL
from graph.ingest.delib_tables import TOTAL_ROW, nature_of
from graph.ingest.french import fold, parse_amount
from graph.ingest.french_numbers import words_amount_ending


#: An amount's last figures as a token: "500", "1200,50", or thousands a dot apart ("12.000", "1.250,00").
_AMOUNT_TOKEN = re.compile(r"^\d{1,3}(?:,\d{1,2})?$|^\d+(?:,\d{1,2})?$|^\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$")
_FLAT_AMOUNT_COL = re.compile(
    r"\b(?:montant|subvention|budget|co[uû]t|proposition|somme|aide)(?:\s+(?:de|du|des|la|le|l['’]|proposée?|demandée?|"
    r"sollicitée?|accordée?|attribuée?|votée?|allouée?|retenue?|\d{4}|N-1|N|total|globale?|subvention|projet|"
    r"prévisionnel|en\s+euros|€|\(€\)|fonctionnement|investissement|exceptionnelle?|en\s+nature))*", re.I)


_YEAR = re.compile(r"(?:19|20)\d\d")


def _split_row(line: str, columns: int) -> tuple[str, list[Decimal], str | None]:
    """Split a flattened row into (text, amounts from the right, nature code)."""
    if re.search(r"[\d€]$", bare := without_call(line)):
        line = bare  # a note's call after the amount: "Union Sportive 4 800 (1)"
    tokens = line.split()
    currency = re.search(r"€|\beuros?\b|\bEUR\b", line, re.I)
    amounts: list[Decimal] = []
    while tokens and len(amounts) < columns:
        end = len(tokens)
        if tokens[end - 1] in ("€", "euros", "EUR"):
            end -= 1
        elif tokens[end - 1].endswith("€"):
            tokens[end - 1] = tokens[end - 1][:-1]
        start = end - 1
        if start < 0 or not _AMOUNT_TOKEN.match(tokens[start]) or not currency and _YEAR.fullmatch(tokens[start]):
            break  # not an amount; a year with no currency on its line ("Classes de" / "découverte 2025")
        # "3 000,00": the right-most group may carry the cents, the groups before it are three digits each.
        while start > 0 and re.fullmatch(r"\d{3}" + (r"(?:,\d{1,2})?" if start == end - 1 else ""), tokens[start]) \
                and re.fullmatch(r"\d{1,3}", tokens[start - 1]):
            start -= 1
        amounts.insert(0, parse_amount(" ".join(tokens[start:end])))
        tokens = tokens[:start]
    if not amounts and (spelled := words_amount_ending(line)):  # "Club B Fête mille cinq cents euros"
        tokens, amounts = line[:spelled[0]].split(), [spelled[1]]
    code = None
    if tokens and re.fullmatch(r"[A-Z]", tokens[-1]) and amounts:
        code = tokens.pop()
    return re.sub(r"\s*(?:\.{3,}|…+)$", "", " ".join(tokens)), amounts, code  # no dot leaders ("Club ...... 850 €")


#: A title or a sentence, never a table's header ("Objet : Attribution de subventions aux associations", "N° 2025-06-088
#: – SUBVENTIONS AUX ASSOCIATIONS").
_TITLE_LINE = re.compile(r"\s*(?:Objet|Rapport|Point|D[ée]lib[ée]ration|N\s*[°o]\s*\d)\b|.*[.;]\s*$", re.I)


#: An amount with its currency, that no header writes.
_AMOUNT_IN_LINE = re.compile(r"\d\s*(?:€|euros?\b|EUR\b|k€)", re.I)


def _flat_header(line: str) -> list[str] | None:
    folded = fold(line)
    # A list's item ("- ATTRIBUE aux organismes … les subventions de fonctionnement suivantes") is a sentence, and
    # so is the lead of a list ("ARTICLE 1er : Des subventions … sont attribuées aux associations suivantes :").
    # A line with an amount is a row ("2. Association Entr'Aides Guyane (Maripasoula) : 44 500 €"), a line of
    # cells that "|" parts a pipe table's.
    # A line that begins in a small letter goes on from the sentence above ("Objet : Programme LEADER –" /
    # "attribution de subventions aux porteurs de projets"): no header.
    if line.startswith(("|", "-", "•", "*")) or pipe_cells(line) is not None or len(line.split()) > 14 \
            or line[:1].islower() \
            or not BENEF_COL.search(folded) or _AMOUNT_IN_LINE.search(line) \
            or _TITLE_LINE.match(line) or line.endswith(":") and len(line.split()) > 4:
        return None
    columns = [part for m in _FLAT_AMOUNT_COL.finditer(line) for part in _column_heads(m.group(0))]
    if columns and re.search(r"\btotal$", folded) and not fold(columns[-1]).endswith("total"):
        columns.append("Total")
    return columns or None


def _column_heads(text: str) -> list[str]:
    """Split the heads of columns that a flattened header wrote one after the other: a head ends with a year, a
    nature or "€" before the next "Subvention"/"Montant"; a last "Total" after such a head is the rows' totals.

    >>> _column_heads("Subvention de fonctionnement 2024 Subvention exceptionnelle 2024 Total")
    ['Subvention de fonctionnement 2024', 'Subvention exceptionnelle 2024', 'Total']
    >>> _column_heads("Montant de la subvention proposée")
    ['Montant de la subvention proposée']
    """
    heads: list[str] = []
    for part in re.split(r"\s+(?=(?:subventions?|montants?|aides?|sommes?|total)\b)", text, flags=re.I):
        if heads and not re.search(r"(?:\d{4}|fonctionnement|investissement|exceptionnelle?|nature|€|\))$",
                                   heads[-1], re.I):
            heads[-1] += " " + part
        else:
            heads.append(part)
    return heads


def _continues(previous: str, line: str) -> bool:
    first = line.split()[0] if line.split() else ""
    return bool(first) and (first[0].islower() or previous.endswith(("-", " de", " du", " des", " et", " la")))


def flat_table_grants(body: str, found: GrantsFound, legend: dict[str, str], hints: ColumnHints | None = None) -> None:
    """Read the grants and totals of tables flattened into lines: a header line, then rows ending in amounts.

    With amount columns of one nature each ("fonctionnement 2024 … exceptionnelle 2024 … Total"), a row gives a
    grant a column; a row that lacks a cell (its amounts then fewer than the columns, its own total equal to
    their sum) gives its amounts without a nature, as the flattened text does not say which cell was empty.
    """
    lines = [(m.start(), m.group(0).strip()) for m in re.finditer(r"^.*$", body, re.M)]
    i = 0
    while i < len(lines):
        columns = _flat_header(lines[i][1]) if not _read_already(found, lines[i][0]) else None
        choice = choose_amount_column(["Bénéficiaire"] + columns, hints) if columns else None
        i += 1
        if choice is not None:
            i = _FlatRows(found, legend, columns, choice).read(lines, i)


def _read_already(found: GrantsFound, at: int) -> bool:
    """Whether offset ``at`` is in a table read already (one aligned with spaces)."""
    return any(start <= at <= end for start, end in found.tables)


class _FlatRows:
    """The rows below a flattened table's header (its ``columns``, the amounts' one at index ``choice`` of the
    header with a beneficiaries' column first), read line after line (:meth:`read`). A line short of amounts begins
    a row's name (``pending``) or goes on the last row's (``last``); the grants of the columns of one nature each
    are kept a column after the other (``runs``), so that each column's "Total" row sums a run of them."""

    def __init__(self, found: GrantsFound, legend: dict[str, str], columns: list[str], choice: int):
        self.found, self.legend, self.columns = found, legend, columns
        self.by_nature = [(c - 1, n) for c, n in nature_columns(["Bénéficiaire"] + columns, choice)]
        self.row_total = len(columns) - 1 if self.by_nature and columns[-1] == "Total" else None
        self.choice = choice - 1
        self.runs: list[list[GrantFact]] = [[] for _ in self.by_nature]  # by_nature's grants, a column after the other
        self.pending, self.pending_start, self.last = "", None, []
        self.grants_before, self.totals_before = len(found.grants), len(found.totals)

    def read(self, lines: list[tuple[int, str]], i: int) -> int:
        """Read the rows from line ``i``; return the index of the line after the table."""
        while i < len(lines) and lines[i][1] and not lines[i][1].startswith("|") \
                and not _read_already(self.found, lines[i][0]):
            after = self._line(lines, i)
            if after is None:
                break
            i = after
        self.found.grants += [grant for run in self.runs for grant in run if grant.amount]
        return i

    def _line(self, lines: list[tuple[int, str]], i: int) -> int | None:
        """Read line ``i``; return the index of the next line, or None when the table ended before it."""
        found, columns = self.found, self.columns
        start, line = lines[i]
        text, amounts, code = _split_row(line, len(columns))
        if not text and amounts and i + 1 < len(lines) and _lone_figure(lines[i + 1][1].strip()):
            _one_cell_a_line(found, (self.pending + " / " + line + " / " + lines[i + 1][1].strip()).strip(" /"))
            del found.grants[self.grants_before:], found.totals[self.totals_before:]
            self.runs = [[] for _ in self.by_nature]
            return None
        if len(text.split()) > 12 and "," in text:  # a sentence ending in a number ("…réuni le 15"): no row
            return None
        short = len(amounts) < len(columns)
        if short and self.row_total is not None and len(amounts) >= 2 and sum(amounts[:-1]) == amounts[-1]:
            short = False  # a row with an empty cell, its own total last
        if short:
            if len(line.split()) > 12 or line.endswith(":") and len(line.split()) > 4:
                return None  # a sentence; a list's lead ("… attribue les subventions suivantes :"), the prose's
            self._words(start, line)
            return i + 1
        if self.pending and " " not in self.pending and len(text.split()) >= 2 \
                and not _continues(self.pending, text):
            self.pending, self.pending_start = "", None  # a one-word section heading ("Culture") before a whole row
        self._row((self.pending_start or start, start + len(line)), text, amounts, code)
        self.pending, self.pending_start = "", None
        return i + 1

    def _words(self, start: int, line: str) -> None:
        """Read a line short of amounts, at offset ``start``: the next words of the last row's name, a section's
        heading, or the first words of the next row's name."""
        if self.last and not self.pending and _continues(self.last[0].beneficiary, line):
            for grant in self.last:
                grant.beneficiary += ("" if grant.beneficiary.endswith("-") else " ") + line
        elif self.pending and not _continues(self.pending, line):  # the pending line was a section heading
            self.pending, self.pending_start = line, start
        else:
            self.pending, self.pending_start = (self.pending + " " + line).strip(), self.pending_start or start

    def _row(self, span: tuple[int, int], text: str, amounts: list[Decimal], code: str | None) -> None:
        """Read a row with its amounts, spanning ``span`` with the name's lines above it: a total, or grants."""
        found, by_nature, columns = self.found, self.by_nature, self.columns
        name = re.sub(r"^[-–—•*]\s+", "", (self.pending + " " + text).strip())  # a list's item: no dash of a name
        whole = len(amounts) == len(columns)
        if TOTAL_ROW.match(name):
            chosen = [amounts[c] for c, _ in by_nature] + [amounts[-1]] if by_nature and whole else [
                amounts[self.choice if whole else -1]]
            found.totals += [StatedTotal(amount, span, name) for amount in chosen]
            self.last = []
        elif name and by_nature:
            cells = ([(amounts[c], n) for c, n in by_nature] if whole else
                     [(amount, None) for amount in amounts[:-1]])
            self.last = [GrantFact(name, amount, span, nature, None, True, True) for amount, nature in cells]
            for run, grant in zip(self.runs, self.last):
                run.append(grant)
        elif name:
            self.last = [GrantFact(name, amounts[self.choice], span, nature_of(code, self.legend) if code else None,
                                   None, True, True)]
            found.grants += self.last


def _lone_figure(line: str) -> bool:
    """Whether a line is a figure alone: an amount ("42 000 €") or a rate ("30 %")."""
    return bool(AMOUNT_CELL.fullmatch(line) and re.search(r"\d", line) or RATE_CELL.fullmatch(line))


def _one_cell_a_line(found: GrantsFound, cells: str) -> None:
    """Say that a table's figures come one a line, as a PDF's text read without its layout writes each cell: its rows
    are not flattened ones, and their figures (a cost, a rate, the grant) cannot be told apart without heads that
    say which is which, one a line too."""
    found.warnings.append((f"tableau aux cellules une par ligne non lu (« {cells} ») : ses colonnes ne se distinguent "
                           f"pas de façon sûre, aucune de ses subventions n'est retenue : vérifiez-les",
                           f"table with one cell a line not read ('{cells}'): its columns cannot be told apart "
                           f"safely, none of its grants is kept: check them"))
