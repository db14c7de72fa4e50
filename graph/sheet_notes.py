"""The warnings of what reading a workbook's sheet did that its values do not show (:func:`sheet_notes`): its hidden
columns put after the visible ones, its merged cells copied down their rows, its formulas without a computed value
read empty, its hidden rows read as the others. Every reader of a table gives them (:mod:`graph.tabular`).
"""

from __future__ import annotations

from collections.abc import Mapping

from graph.ingest.base import Issue
from graph.spreadsheets import Sheet, column_letters


def sheet_notes(sheet: Sheet, header: list[str] | None = None, header_line: int = 0,
                known: frozenset[str] | set[str] = frozenset(), beside: Mapping[int, int] | None = None
                ) -> list[Issue]:
    """The warnings of what reading ``sheet`` did that its values do not show: hidden columns put after the
    visible ones, merged cells copied down their rows, formulas read empty, for they have no computed value, hidden
    rows read as the others. With the ``header`` that a reader found (at ``header_line``), the columns are named by
    it, only those that name ``known`` columns (all, without any) and only the cells and rows below it are told;
    ``beside``: the columns that the reader reads beside another column of their field, by place in ``header``, with
    that column's place (a grants list's SIREN column beside its SIRET column), whose notes say so.

    >>> sheet = Sheet("S", 0, [], columns=[0, 2, 1], hidden_columns=frozenset({1}), merged=[((2, 0), (5, 0))])
    >>> [i.message for i in sheet_notes(sheet, ["nom", "Montant voté", "montant"], 1)]  # doctest: +NORMALIZE_WHITESPACE
    ['colonne « montant » (B) masquée dans le classeur : une colonne visible qui donne le même champ est lue à sa
    place ; sinon elle est lue, vérifiez ses valeurs', 'cellules fusionnées recopiées : A2:A5 ; la valeur de la
    première cellule de la plage est lue sur chacune de ses lignes']
    >>> sheet = Sheet("S", 0, [], columns=[0, 1, 2], hidden_columns=frozenset({2}))
    >>> sheet_notes(sheet, ["nom", "SIRET", "SIREN"], 1, beside={2: 1})[0].message  # doctest: +NORMALIZE_WHITESPACE
    'colonne « SIREN » (C) masquée dans le classeur : elle est lue, ses SIREN identifiant les lignes dont le SIRET
    (colonne « SIRET », B) manque ou est invalide ; vérifiez ses valeurs'
    """
    notes = (*_hidden_columns_notes(sheet, header, header_line, known, beside or {}),
             _merged_note(sheet, header_line), _uncomputed_note(sheet, header, header_line),
             _hidden_rows_note(sheet, header_line))
    return [note for note in notes if note is not None]


def _hidden_columns_notes(sheet: Sheet, header: list[str] | None, line: int, known: frozenset[str] | set[str],
                          beside: Mapping[int, int]) -> list[Issue]:
    """The hidden columns of ``sheet`` (those that name ``known`` columns, without ``known`` all): one warning for
    those that a visible column of their field is read instead of (else they are read), one for each that is read
    ``beside`` a visible column of its field."""
    from graph.tabular import normalise_header  # graph.tabular imports this module

    named, notes = [], []
    for at, column in enumerate(sheet.columns):
        if column not in sheet.hidden_columns:
            continue
        if header is None:
            named.append(column_letters(column))
        elif at < len(header) and header[at] and (not known or normalise_header(header[at]) in known):
            named.append(f"« {header[at]} » ({column_letters(column)})")
            if at in beside:
                notes.append(_read_beside_note(named.pop(), f"« {header[beside[at]]} », "
                                               f"{column_letters(sheet.columns[beside[at]])}", line))
    if not named:
        return notes
    said, said_en = _listed(named)
    if len(named) == 1:
        return [Issue("warning", f"colonne {said} masquée dans le classeur : une colonne visible qui donne le même "
                                 "champ est lue à sa place ; sinon elle est lue, vérifiez ses valeurs",
                      f"column {said_en} hidden in the workbook: a visible column giving the same field is read "
                      "instead; otherwise it is read, check its values", line=line or None), *notes]
    return [Issue("warning", f"colonnes {said} masquées dans le classeur : une colonne visible qui donne le même "
                             "champ est lue à leur place ; sinon elles sont lues, vérifiez leurs valeurs",
                  f"columns {said_en} hidden in the workbook: a visible column giving the same field is read instead "
                  "of them; otherwise they are read, check their values", line=line or None), *notes]


def _read_beside_note(said: str, siret: str, line: int) -> Issue:
    """The warning of a hidden SIREN column (``said``: its name and letters) read beside the SIRET column ``siret``
    (its name and letters)."""
    return Issue("warning", f"colonne {said} masquée dans le classeur : elle est lue, ses SIREN identifiant les lignes "
                            f"dont le SIRET (colonne {siret}) manque ou est invalide ; vérifiez ses valeurs",
                 f"column {said} hidden in the workbook: it is read, its SIRENs identifying the rows whose SIRET "
                 f"(column {siret}) is missing or invalid; check its values", line=line or None)


def _hidden_rows_note(sheet: Sheet, line: int) -> Issue | None:
    """The rows below the header that the workbook hides, and that hold a value: read as the others, as a hidden
    column is when no visible one gives its field; but hidden rather than deleted, or left out by a filter, they
    may not be meant to be imported, which the user is to check.

    >>> sheet = Sheet("S", 0, [(1, ["nom"]), (2, ["A"]), (3, [""]), (4, ["B"])], hidden_rows=[1, 3, 4])
    >>> sheet_notes(sheet, ["nom"], 1)[0].message  # doctest: +NORMALIZE_WHITESPACE
    "ligne 4 masquée dans le classeur : elle est lue comme les autres ; vérifiez qu'elle est à importer (masquée
    plutôt que supprimée, ou écartée par un filtre ?)"
    """
    hidden = set(sheet.hidden_rows)
    lines = [at for at, cells in sheet.rows if at in hidden and at > line and any(cell.strip() for cell in cells)]
    if not lines:
        return None
    said, said_en = _listed([str(at) for at in lines])
    if len(lines) == 1:
        return Issue("warning", f"ligne {said} masquée dans le classeur : elle est lue comme les autres ; vérifiez "
                                "qu'elle est à importer (masquée plutôt que supprimée, ou écartée par un filtre ?)",
                     f"row {said_en} hidden in the workbook: it is read as the others; check that it is to be "
                     "imported (hidden rather than deleted, or left out by a filter?)", line=lines[0])
    return Issue("warning", f"lignes {said} masquées dans le classeur : elles sont lues comme les autres ; vérifiez "
                            "qu'elles sont à importer (masquées plutôt que supprimées, ou écartées par un filtre ?)",
                 f"rows {said_en} hidden in the workbook: they are read as the others; check that they are to be "
                 "imported (hidden rather than deleted, or left out by a filter?)", line=lines[0])


def _merged_note(sheet: Sheet, line: int) -> Issue | None:
    ranges = [(top, bottom) for top, bottom in sheet.merged if bottom[0] > line]
    if not ranges:
        return None
    said, said_en = _listed([f"{_cell_name(top)}:{_cell_name(bottom)}" for top, bottom in ranges])
    which = ("de la plage", "the range's") if len(ranges) == 1 else ("de chaque plage", "each range's")
    return Issue("warning", f"cellules fusionnées recopiées : {said} ; la valeur de la première cellule {which[0]} "
                            "est lue sur chacune de ses lignes",
                 f"merged cells copied: {said_en}; the value of {which[1]} first cell is read on each of its rows",
                 line=ranges[0][0][0])


def _uncomputed_note(sheet: Sheet, header: list[str] | None, line: int) -> Issue | None:
    cells = [(cell, formula) for cell, formula in sheet.uncomputed if cell[0] > line]
    if not cells:
        return None
    (first, formula), several = cells[0], len(cells) > 1
    said, said_en = _listed([_cell_name(cell) for cell, _ in cells])
    at = sheet.columns.index(first[1]) if first[1] in sheet.columns else None
    field = header[at] if header is not None and at is not None and at < len(header) and header[at] else None
    return Issue("warning", f"formule{'s' * several} sans valeur calculée (cellule{'s' * several} {said}) : le "
                            "classeur n'a jamais été recalculé (écrit par un programme ?) et "
                            f"{'ces cellules sont lues vides' if several else 'la cellule est lue vide'} ; ouvrez-le "
                            "dans un tableur, enregistrez-le, puis importez-le de nouveau",
                 f"formula{'s' * several} without a computed value (cell{'s' * several} {said_en}): the workbook was "
                 f"never recalculated (written by a program?) and {'those cells are' if several else 'the cell is'} "
                 "read empty; open it in a spreadsheet program, save it, and ingest it again",
                 line=first[0], field=field, value=formula)


def _cell_name(cell: tuple[int, int]) -> str:
    """The name of a sheet's cell (line, column): "F5"."""
    return f"{column_letters(cell[1])}{cell[0]}"


#: Items named in a warning; the others are counted.
NAMED = 10


def _listed(items: list[str]) -> tuple[str, str]:
    """``items`` as a warning names them, French and English: the first ``NAMED``, then how many more."""
    shown = ", ".join(items[:NAMED])
    more = len(items) - NAMED
    return (shown + (f" et {more} autres" if more > 0 else ""), shown + (f" and {more} more" if more > 0 else ""))
