"""The dates that cannot be are said at the line that writes them, and only they are looked for there: the reader
locates a date (graph.ingest.delib_reader_report.where_written, a search of the whole text) when it warns of it,
not for each right date of the text, which made a text of many dates cost a search of the whole text per date.
"""

from __future__ import annotations

from graph.ingest import delib_reader_report
from graph.ingest.base import Extraction
from graph.ingest.delib_reader_report import warn_impossible_dates

_TEXT = "".join(f"Vu la délibération du {day} mars 2024 ;\n" for day in range(1, 29)) + (
    "Reçue en préfecture le 31/04/2024.\nPubliée le 2 mai 9999.\n")


def test_an_impossible_and_an_implausible_date_among_right_ones_are_said_at_their_lines():
    extraction = Extraction()
    warn_impossible_dates(extraction, _TEXT, source=_TEXT)
    said = [(issue.message.split(" :")[0], issue.line) for issue in extraction.issues]
    assert said == [("date impossible « 31/04/2024 »", 29), ("date invraisemblable « 2 mai 9999 »", 30)]


def test_only_the_dates_said_are_looked_for_in_the_text(monkeypatch):
    looked_for = []

    def recording(source, pages, pattern, written, once=False):
        looked_for.append(written)
        return {}

    monkeypatch.setattr(delib_reader_report, "where_written", recording)
    warn_impossible_dates(Extraction(), _TEXT, source=_TEXT)
    assert looked_for == ["31/04/2024", "2 mai 9999"]
