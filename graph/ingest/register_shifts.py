"""The rows of a CSV register (see :mod:`graph.ingest.register_read`) longer than its header: the value that a
separator written inside it (unquoted) cut in two, found by reading the row with its cells joined again where more
typed values are valid (:func:`find_cut_value`, :func:`plausible`), and why such a row refuses the register
(:func:`shifted_row`).
"""

from __future__ import annotations

from graph.identifiers import clean_identifier, rna_ok, siren_ok, siret_ok
from graph.ingest.base import InputError
from graph.ingest.register_values import circle_concept, kind_class, read_date
from graph.values import ValueProblem

def shifted_row(cells: list[str], width: int, line: int, cut: str | None, sheet_header: int | None) -> InputError:
    """Why a register with a row shifted by a separator inside an unquoted value is refused whole: stored without
    that row, the register would drop a member the coordinator listed (the register stored before stays). In a
    sheet (``sheet_header``: the header's line) no separator shifts a cell: the value lies in a column that the
    header does not name."""
    if sheet_header is not None:
        column = next(i for i in range(width, len(cells)) if cells[i].strip())
        letter = _column_letter(column)
        return InputError(
            f"valeur « {cells[column].strip()} » en colonne {letter}, que l'en-tête (ligne {sheet_header}) ne nomme "
            f"pas : nommez la colonne ou videz la cellule ; registre refusé, pour ne pas perdre ce qu'elle dit",
            line=line, message_en=f"value '{cells[column].strip()}' in column {letter}, which the header (line "
                                  f"{sheet_header}) does not name: name the column or empty the cell; register "
                                  "refused, so as not to lose what it says")
    said = (f"la valeur « {cut} » contient sans doute le séparateur ; mettez-la entre guillemets",
            f"the value '{cut}' probably holds the separator; quote it") if cut else (
        "un séparateur dans une valeur non entre guillemets ? mettez-la entre guillemets",
        "a separator inside an unquoted value? quote it")
    return InputError(f"{len(cells)} cellules pour {width} colonnes : {said[0]} ; registre refusé, pour ne pas perdre "
                      "ce membre", line=line, message_en=f"{len(cells)} cells for {width} columns: {said[1]}; register "
                      "refused, so as not to lose this member")


def _column_letter(index: int) -> str:
    """A sheet's column letters for the 0-based ``index``: ``A``, ``Z``, ``AA``.

    >>> _column_letter(0), _column_letter(25), _column_letter(26)
    ('A', 'Z', 'AA')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def find_cut_value(cells: list[str], columns: dict[int, str], width: int, delimiter: str) -> str | None:
    """The value that a separator written inside it (unquoted) cut in two, shifting the following ones, in a row
    longer than the header; None when the row reads best as it is (it ends with extra separators). The row is
    read with each pair of cells (or more, as many as it has extra) joined again, and the reading where more
    kinds, circles, dates and identifiers are valid wins.

    >>> header = {0: "name", 1: "kind", 2: "circle", 3: "joined"}
    >>> find_cut_value(["C Santé", " Prévention", "association", "coeur", "2024-01-01"], header, 4, ",")
    'C Santé, Prévention'
    >>> find_cut_value(["A", "association", "coeur", "2024-01-01", ""], header, 4, ",") is None
    True
    """
    def valid(row: list[str]) -> int:
        return sum(1 for i, key in columns.items() if i < len(row) and plausible(key, row[i].strip()))

    best, found = valid(cells), None
    for extra in range(1, len(cells) - width + 1):
        for i in range(width):
            if not all(c.strip() for c in cells[i:i + extra + 1]):  # a value cut in two has text on both sides
                continue
            joined = delimiter.join(cells[i:i + extra + 1])
            if (score := valid(cells[:i] + [joined] + cells[i + extra + 1:])) > best:
                best, found = score, joined.strip()
    return found


def plausible(key: str, value: str) -> bool | None:
    """Whether ``value`` is a valid value of the typed field ``key`` (a kind, circle, date or identifier); None when
    ``key`` has no typed value (a name, a list).

    >>> plausible("circle", "coeur"), plausible("circle", "coe"), plausible("joined", "2024-0"), plausible("name", "A")
    (True, False, False, None)
    """
    checks = {"kind": kind_class, "circle": circle_concept, "siren": lambda v: siren_ok(clean_identifier(v)),
              "siret": lambda v: siret_ok(clean_identifier(v)), "rna": rna_ok, "joined": _date, "left": _date,
              "start": _date, "end": _date}
    if key not in checks:
        return None
    return bool(value) and bool(checks[key](value))


def _date(value: str) -> bool:
    try:
        return read_date(value)[0] is not None
    except ValueProblem:
        return False


__all__ = ["shifted_row", "find_cut_value", "plausible"]
