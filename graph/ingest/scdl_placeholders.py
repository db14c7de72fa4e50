"""The texts that stand for an empty date in a table's cell (:func:`empty_mark`): what a database, a script or a
spreadsheet writes where no date was entered — ``NULL`` (a SQL dump), ``None`` and ``NaN`` (a Python script,
pandas), ``#N/A`` (Excel), MySQL's zero date ``0000-00-00``. Read as a date, each was "unreadable" or "impossible"
on every row, and a payment period kept it as its text; it is an empty cell, said once per column.

(``0001-01-01`` and ``1900-01-01``, the null dates that DATA-FORMATS.md lists among the pitfalls, are real dates in
form: :func:`graph.dates.parse_date` reads them as empty, without a word.)
"""

from __future__ import annotations

import re

#: The words of an empty cell, in any case: a SQL ``NULL``, Python's ``None``, ``NaN`` and pandas' ``NaT``,
#: ``N/A`` and Excel's ``#N/A``.
_WORDS = r"null|none|nan|nat|n/a|#n/a"
#: A date of zeros, year first (MySQL's zero date, maybe with its zero time) or day first (a French export of it).
_ZEROS = r"(?:0000(?P<a>[-/.])00(?P=a)00|00(?P<b>[-/.])00(?P=b)0000)(?:[T ]00:00(?::00(?:\.0+)?)?)?"
_EMPTY_MARK = re.compile(f"(?:{_WORDS})|{_ZEROS}", re.IGNORECASE)


def empty_mark(text: str) -> bool:
    """Whether a date cell's ``text`` is a mark of an empty cell, not a date (see the module's docstring).

    >>> [empty_mark(t) for t in ("NULL", "NaN", "0000-00-00", "00/00/0000", "0000-00-00 00:00:00", " null ")]
    [True, True, True, True, True, True]
    >>> [empty_mark(t) for t in ("", "2024-00-00", "0001-01-01", "nullement", "Nantes")]
    [False, False, False, False, False]
    """
    return _EMPTY_MARK.fullmatch(text.strip()) is not None


def read_as_empty(raw: str) -> tuple[str, str]:
    """The warning (French, English) that the date cell ``raw``, a mark of an empty cell (:func:`empty_mark`), is
    read as empty with the rest of its column's: said once per column, at its first line."""
    return (f"« {raw} » : marque d'une cellule vide (export d'une base de données, d'un script ou d'un tableur), pas "
            "une date : lue comme vide, ici et dans le reste de la colonne",
            f"'{raw}': the mark of an empty cell (a database's, a script's or a spreadsheet's export), not a date: "
            "read as empty, here and in the rest of the column")


__all__ = ["empty_mark", "read_as_empty"]
