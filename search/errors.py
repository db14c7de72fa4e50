"""The errors of the search package, each with the HTTP status it maps to (the yente way).

>>> IndexUnavailable("aucun index").status
503
"""

from __future__ import annotations

import struct


class SearchError(ValueError):
    """A search cannot be run as asked (bad parameter): 400. The message is French, ``message_en`` English."""

    status = 400

    def __init__(self, message: str, message_en: str = ""):
        super().__init__(message)
        self.message, self.message_en = message, message_en or message


class IndexUnavailable(SearchError):
    """No index has been built yet in this data directory: 503 (`maillage index` or an ingest builds one)."""

    status = 503


#: What reading a damaged index raises: a segment's file deleted (FileNotFoundError), cut short or overwritten.
DAMAGED = (OSError, EOFError, ValueError, struct.error)


def damaged(exc: BaseException) -> IndexUnavailable:
    """The refusal to search an index whose files are damaged, with what was found wrong and how to repair it."""
    what = f"{type(exc).__name__}: {exc}"[:200]
    return IndexUnavailable(f"index de recherche endommagé ({what}) : lancez « maillage index » pour le reconstruire",
                            f"search index damaged ({what}): run `maillage index` to rebuild it")
