"""The errors of the search package, each with the HTTP status it maps to (the yente way).

>>> IndexUnavailable("aucun index").status
503
"""

from __future__ import annotations


class SearchError(ValueError):
    """A search cannot be run as asked (bad parameter): 400. The message is French, ``message_en`` English."""

    status = 400

    def __init__(self, message: str, message_en: str = ""):
        super().__init__(message)
        self.message, self.message_en = message, message_en or message


class IndexUnavailable(SearchError):
    """No index has been built yet in this data directory: 503 (`maillage index` or an ingest builds one)."""

    status = 503
