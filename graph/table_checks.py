"""What reading a table (:mod:`graph.tabular`) checks in its rows and cells, and what the kinds that read it warn
of alike: a totals row (:func:`is_total`), control characters (:func:`without_controls`), notes below the table
(:func:`skip_footer_notes`), a row short or long of cells (:func:`short_row`, :func:`overlong_row`), a file cut
short (:func:`cut_short`, :func:`why_cut_short`) or whose quote is never closed (:func:`check_quotes`), lost and
repaired characters (:func:`lost_characters`, :func:`repair_issues`); and where the issues of the tables read in a
block go (:func:`collected_issues`).

>>> is_total("Total général"), without_controls("A\\x0cB")
(True, ('AB', ['U+000C']))
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from graph.identity_names import fold
from graph.ingest.base import InputError, Issue

if TYPE_CHECKING:
    from graph.tabular import Row, Table

#: Where :func:`graph.tabular.read_table` puts the issues of its tables while a :func:`collected_issues` block runs.
_COLLECTED: ContextVar[list[Issue] | None] = ContextVar("table_issues", default=None)


#: A row that sums those above it names itself so in its first cell or as its beneficiary ("Total", "TOTAL
#: GÉNÉRAL", "Sous-total sport", "Totaux"), folded; "TotalEnergies" is a name, not a total.
_TOTAL = re.compile(r"(?:sous )?tota(?:l|ux)\b")


def is_total(text: str) -> bool:
    """Whether a cell's ``text`` names its row a totals row.

    >>> is_total("Sous-total sport"), is_total("TOTAL GÉNÉRAL"), is_total("TotalEnergies")
    (True, True, False)
    """
    return bool(text) and bool(_TOTAL.match(fold(text)))


#: Control characters that no text value holds (C0 but tab and line ends, DEL): a NUL from a broken export or a
#: C string, a form feed from a printer's file. XML 1.0 cannot carry them, even escaped, and a reader skips them.
#: Also U+FEFF, a byte order mark in the middle of a file (two exports pasted one after the other): invisible, it
#: stayed in a name ("\ufeffClub C", another label than "Club C") and made a SIRET unreadable.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")


def without_controls(text: str) -> tuple[str, list[str]]:
    """``text`` without its control characters (:data:`CONTROL`), and their code points as a warning names them.

    >>> without_controls("A\\x00B\\x7f")
    ('AB', ['U+0000', 'U+007F'])
    """
    if not CONTROL.search(text):
        return text, []
    return CONTROL.sub("", text), sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(text)})


def drop_controls(table: Table, line: int, cells: list[str]) -> list[str]:
    """Remove the control characters of ``cells`` (a row starting at ``line``), with a warning for each cell that held
    some, naming its column: the value is kept, and its source is to be checked."""
    out = []
    for i, cell in enumerate(cells):
        cell, found = without_controls(cell)
        if found:
            cell = cell.strip()
            table.issues.append(Issue(
                "warning", f"caractère de contrôle {', '.join(found)} dans la valeur, retiré (export abîmé ?) : "
                           "valeur à vérifier à sa source",
                f"control character {', '.join(found)} in the value, removed (damaged export?): value to check at "
                "its source", line=line, value=cell,
                field=table.header[i] if i < len(table.header) and table.header[i] else f"colonne {i + 1}"))
        out.append(cell)
    return out


#: Two words of letters: the prose of a note ("Source : Direction des finances"), not a value.
_PROSE = re.compile(r"[^\W\d_]{2,}\W+[^\W\d_]{2,}")


def skip_footer_notes(table: Table) -> None:
    """Drop the note lines below the last data row ("Source : …", "Extraction du …"): rows of one filled cell, of
    prose, after the last row of several; each is skipped with a warning, instead of rejected for the values it
    lacks. Totals rows ("Total", "Sous-total sport": what the kind reads and checks) may lie among or below them;
    they stay rows."""
    last, notes = len(table.rows), []
    while last > 1:
        filled = [c for c in table.rows[last - 1].cells if c]
        if len(filled) == 1 and _PROSE.search(filled[0]):
            notes.append(last - 1)
        elif not filled or not is_total(filled[0]):
            break
        last -= 1
    if not notes or sum(bool(c) for c in table.rows[last - 1].cells) < 2:
        return
    for row in [table.rows[n] for n in reversed(notes)]:
        i = next(i for i, c in enumerate(row.cells) if c)
        table.issues.append(Issue("warning", "note en pied de tableau, pas une ligne de données : ignorée",
                                  "note below the table, not a data row: skipped", line=row.line, value=row.cells[i],
                                  field=table.header[i] if i < len(table.header) else f"colonne {i + 1}"))
    for n in notes:
        del table.rows[n]


def repair_issues(table: Table) -> list[Issue]:
    """A warning for each cell of ``table`` whose text was repaired (mojibake, pitfall 4), with its raw text:
    whatever kind reads the table tells them alike.

    >>> from graph.tabular import read_table
    >>> [(i.line, i.field, i.message) for i in repair_issues(read_table("nom;n\\nAidÃ©s;1\\n".encode()))]
    [(2, 'nom', 'texte réparé (encodage) : « Aidés »')]
    """
    return [Issue("warning", f"texte réparé (encodage) : « {repair.fixed} »",
                  f"text repaired (encoding): '{repair.fixed}'", line=repair.line, value=repair.raw,
                  field=table.header[repair.column] if repair.column < len(table.header) else None)
            for repair in table.repairs]


def cut_short(line: int, why: tuple[str, str]) -> InputError:
    """Why a file that stops in the middle of its ``line``, without a line end, is refused (``why``: what else shows
    it cut, French and English): an interrupted download, copy or export, or a file still being written — stored,
    a part of it would replace the whole source (a register read 4 of its 8 members, a grants list 11 of 27 rows).

    >>> cut_short(12, ("elle n'a que 2 cellules sur 3", "it has only 2 cells of 3")).issue.message_en
    'truncated file: it stops at line 12 without ending with a line end, and it has only 2 cells of 3 (interrupted \
download, copy or export, or a file still being written?); ingest it again once it is written in full (if it is, end \
it with a line end)'
    """
    return InputError(f"fichier tronqué : il s'arrête à la ligne {line} sans finir par une fin de ligne, et {why[0]} "
                      "(téléchargement, copie ou export interrompu, ou fichier encore en cours d'écriture ?) ; "
                      "importez-le de nouveau une fois écrit en entier (s'il l'est, finissez-le par une fin de ligne)",
                      line=line, message_en=f"truncated file: it stops at line {line} without ending with a line end, "
                                            f"and {why[1]} (interrupted download, copy or export, or a file still "
                                            "being written?); ingest it again once it is written in full (if it is, "
                                            "end it with a line end)")


def why_cut_short(table: Table, last_line: int) -> InputError | None:
    """Why a CSV text that does not end with a line end (``table.unterminated``) is refused as cut short: its last
    line (``last_line``), a data row, has fewer cells than the header while every other row has them all — the lists
    that public bodies export write every column. None otherwise: a file that merely lacks its final line end, or
    whose export leaves out the empty cells at the end of its rows, is read (each short row with a warning)."""
    if not table.rows or (last := table.rows[-1]).line != last_line or not last.short \
            or any(row.short for row in table.rows[:-1]):
        return None
    cells, width = len(last.cells) - last.short, len(last.cells)
    return cut_short(last.line, (f"elle n'a que {cells} cellule{'s' * (cells > 1)} sur {width}",
                                 f"it has only {cells} cell{'s' * (cells > 1)} of {width}"))


def short_row(table: Table, row: Row) -> Issue | None:
    """A warning for a CSV row with fewer cells than the header (its missing cells are read empty): the lists that
    public bodies export write every column, so a short row was most likely cut, the more so when it is the last one
    and the file does not end with a line end (an interrupted download or export: refused when the other rows are
    whole, :func:`cut_short`); None for a row of full width.

    >>> from graph.tabular import read_table
    >>> table = read_table(b"nom;montant;objet;date\\nA;1\\nB;2")
    >>> short_row(table, table.rows[0]).message_en, short_row(table, table.rows[1]).message
    ('short row: 2 cells for 4 columns, cells left out by the export?; the missing cells are read empty', \
'ligne courte : 2 cellules pour 4 colonnes, la dernière du fichier, qui ne finit pas par une fin de ligne : \
fichier tronqué (téléchargement ou export interrompu ?) ; les cellules manquantes sont lues vides')
    >>> read_table(b"nom;montant;objet\\nA;1;Sport\\nB;2")
    Traceback (most recent call last):
    graph.ingest.base.InputError: fichier tronqué : il s'arrête à la ligne 3 sans finir par une fin de ligne, et \
elle n'a que 2 cellules sur 3 (téléchargement, copie ou export interrompu, ou fichier encore en cours d'écriture ?) \
; importez-le de nouveau une fois écrit en entier (s'il l'est, finissez-le par une fin de ligne)
    """
    if not row.short:
        return None
    cells, width = len(row.cells) - row.short, len(row.cells)
    if table.unterminated and row is table.rows[-1]:
        why = ("la dernière du fichier, qui ne finit pas par une fin de ligne : fichier tronqué (téléchargement ou "
               "export interrompu ?)", "the file's last, and the file does not end with a line end: truncated file "
               "(interrupted download or export?)")
    else:
        why = ("des cellules oubliées à l'export ?", "cells left out by the export?")
    return Issue("warning", f"ligne courte : {cells} cellules pour {width} colonnes, {why[0]} ; les cellules "
                            "manquantes sont lues vides",
                 f"short row: {cells} cells for {width} columns, {why[1]}; the missing cells are read empty",
                 line=row.line)


def lost_characters(row: Row, header: list[str]) -> list[Issue]:
    """A warning for each cell of ``row`` that holds U+FFFD, the character that replaced bytes lost before the file
    reached us (pitfall 7): nothing can restore them, the value is to be checked at its source.

    >>> from graph.tabular import Row
    >>> [(i.line, i.field) for i in lost_characters(Row(3, ["Caf\ufffd", "12"]), ["nom", "montant"])]
    [(3, 'nom')]
    """
    return [Issue("warning", "caractères perdus (U+FFFD), déjà dans le fichier : valeur à vérifier à sa source",
                  "lost characters (U+FFFD), already in the file: value to check at its source", line=row.line,
                  field=header[i] if i < len(header) else f"colonne {i + 1}")
            for i, cell in enumerate(row.cells) if "\ufffd" in cell]


def overlong_row(row: Row, width: int, header_cells: int, usual: int) -> Issue | None:
    """Why ``row`` is refused when it has a value beyond the header's cells, or more cells than the shortest of the
    rows as long as the header at least (``usual``): a separator inside an unquoted value ("1234,56" in a
    comma-separated file) cut a cell in two and shifted the following ones, the last one out of the header. Empty
    cells that every such row has beyond the header (rows ending with an extra separator) are kept."""
    if len(row.cells) <= usual and not any(c.strip() for c in row.cells[header_cells:]):
        return None
    return Issue("error", f"{len(row.cells)} cellules pour {width} colonnes (un séparateur dans une valeur non "
                          "entre guillemets ?) : ligne ignorée",
                 f"{len(row.cells)} cells for {width} columns (a separator inside an unquoted value?): row skipped",
                 line=row.line)


def check_quotes(text: str, rows: list[Row], delimiter: str, width: int) -> None:
    """Refuse a CSV text where a quote opened in a cell is never closed: the cell then swallows the following rows
    (a line of it that the separator cuts like a row), or runs to the end of the file. Which of the rows are data
    cannot be told: the file is refused, with the line of that quote's row.

    >>> from graph.tabular import Row
    >>> check_quotes('a;b;c\\n1;"x;y;z\\n2;u;v\\n', [Row(2, ["1", "x;y;z\\n2;u;v\\n"])], ";", 3)
    Traceback (most recent call last):
    graph.ingest.base.InputError: guillemet ouvert jamais fermé : la cellule avale les lignes suivantes
    """
    needed = max(min(width - 1, 3), (width - 1) // 2)  # separators of a line that looks like a row of the table
    for row in rows:
        for cell in row.cells:
            if "\n" in cell and any(line.count(delimiter) >= needed for line in cell.splitlines()[1:]):
                raise _unclosed(row.line)
    if rows and any("\n" in c or "\r" in c for c in rows[-1].cells):  # a quoted cell may run to the end
        tail = "".join(io.StringIO(text, newline="").readlines()[rows[-1].line - 1:])
        try:
            for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
                pass
        except csv.Error as exc:
            if "end of data" in str(exc):
                raise _unclosed(rows[-1].line) from None


def _unclosed(line: int) -> InputError:
    return InputError("guillemet ouvert jamais fermé : la cellule avale les lignes suivantes", line=line,
                      message_en="quote opened and never closed: the cell swallows the following lines")


@contextmanager
def collected_issues() -> Iterator[list[Issue]]:
    """Gather the issues of the tables read in the block (rows refused by :func:`graph.tabular.read_table`), so that
    whoever runs a kind's extraction reports them with the kind's own, whichever kind read the table.

    >>> from graph.tabular import read_table
    >>> with collected_issues() as issues:
    ...     table = read_table(b"nom,montant\\nA,1234,56\\n")
    >>> [(i.line, i.message[:25]) for i in issues], table.rows
    ([(2, '3 cellules pour 2 colonne')], [])
    """
    collected: list[Issue] = []
    token = _COLLECTED.set(collected)
    try:
        yield collected
    finally:
        _COLLECTED.reset(token)


def collect_issues(issues: list[Issue]) -> None:
    """Add ``issues`` to those of the :func:`collected_issues` block that runs, if one does."""
    if (collected := _COLLECTED.get()) is not None:
        collected.extend(issues)
