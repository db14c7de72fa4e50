"""Which sheet of a workbook a table is read from (:func:`read_best_sheet`, for :mod:`graph.tabular` and the kinds
that read a workbook themselves): the visible sheet whose header names most of the columns a kind expects, and the
warning that says when it is hidden or not the first, or when other sheets name the same columns and are not read.
"""

from __future__ import annotations

from typing import Any, Callable

from graph.ingest.base import Issue
from graph.sheet_notes import sheet_notes
from graph.spreadsheets import MAX_ROWS, Rows, Sheet, read_heads, read_sheet
from graph.table_checks import collect_issues


def read_best_sheet(data: bytes, score: Callable[[Rows], Any] | None, max_rows: int = MAX_ROWS
                    ) -> tuple[Sheet, Issue | None]:
    """Read the sheet of the spreadsheet ``data`` whose first rows ``score`` highest — how well its header names
    the columns a kind expects — among its visible worksheets, the first one on a tie, or without ``score``; a
    hidden sheet only when no visible one names any (a sheet of last year's data, hidden rather than deleted, is
    not this year's). Also a warning naming the sheet read when it is hidden or not the first (a workbook may open
    on a sheet of notes, its data on the next one), and naming the other sheets whose header scores as high, which
    are not read (a sheet a year: their grants were left out in silence). Every kind that reads a workbook chooses
    its sheet so; what reading the sheet did (:func:`graph.sheet_notes.sheet_notes`) goes to
    :func:`graph.table_checks.collected_issues`. Raises InputError when the workbook cannot be read."""
    sheet, warning = choose_sheet(data, score, max_rows)
    collect_issues(sheet_notes(sheet))
    return sheet, warning


def choose_sheet(data: bytes, score: Callable[[Rows], Any] | None, max_rows: int) -> tuple[Sheet, Issue | None]:
    """:func:`read_best_sheet`, its sheet's notes left to the caller."""
    heads = read_heads(data) if score is not None else []
    if len(heads) < 2:
        return read_sheet(data, max_rows), None
    scores = [score(head.rows) for head in heads]
    chosen = max(range(len(heads)), key=lambda i: (_names_columns(scores[i]) and not heads[i].hidden, scores[i],
                                                   not heads[i].hidden, -i))
    sheet = read_sheet(data, max_rows, lambda _: chosen)
    return sheet, _choice_warning(sheet, heads, scores, chosen)


def _choice_warning(sheet: Sheet, heads: list[Sheet], scores: list[Any], chosen: int) -> Issue | None:
    """The warning that names the ``sheet`` read (the ``chosen`` of ``heads``) when it is hidden or not the first,
    and the other sheets whose header ``scores`` as high, which are not read; None when there is nothing to say."""
    first = next((i for i, head in enumerate(heads) if not head.hidden), 0)
    french, english = [], []
    if sheet.hidden:
        french.append(f"feuille masquée « {sheet.name} » lue : aucune feuille visible ne nomme les colonnes "
                      "attendues ; vérifiez que ce sont bien les données à importer")
        english.append(f"hidden sheet '{sheet.name}' read: no visible sheet names the expected columns; check that "
                       "these are the data to import")
    elif chosen != first:
        french.append(f"feuille « {sheet.name} » lue, et non la première (« {heads[first].name} ») : c'est son "
                      "en-tête qui nomme les colonnes attendues")
        english.append(f"sheet '{sheet.name}' read, not the first one ('{heads[first].name}'): its header names the "
                       "expected columns")
    if alike := [head for i, head in enumerate(heads) if i != chosen and _names_columns(scores[i])
                 and scores[i] >= scores[chosen]]:
        names = ", ".join(f"« {head.name} »" + " (masquée)" * head.hidden for head in alike)
        names_en = ", ".join(repr(head.name) + " (hidden)" * head.hidden for head in alike)
        several = len(alike) > 1
        french.append((f"feuilles {names} non lues, bien que leur en-tête" if several else
                       f"feuille {names} non lue, bien que son en-tête") + " nomme les mêmes colonnes : une feuille "
                      "est lue par fichier ; enregistrez chacune dans un fichier à part pour l'importer")
        english.append(f"{'sheets' if several else 'sheet'} {names_en} not read, though "
                       f"{'their headers name' if several else 'its header names'} the same columns: one sheet is "
                       "read per file; save each in a file of its own to import it")
    return Issue("warning", " ; ".join(french), "; ".join(english)) if french else None


def _names_columns(score: Any) -> bool:
    """Whether a sheet's ``score`` says that its header names some of the expected columns: a count above 0, or
    counts not all 0.

    >>> _names_columns(2), _names_columns((0, 0)), _names_columns((0, 1))
    (True, False, True)
    """
    return any(score) if isinstance(score, tuple) else bool(score)
