"""The prefecture stamp's text, cut out of the flow and quoted after the body, keeps the file's order."""

from __future__ import annotations

from pathlib import Path

from graph.ingest.base import SourceContext
from graph.ingest.deliberation import extract
from graph.ingest.delib_stamps import strip_stamps
from graph.ingest.delib_text import STAMP_HEADING

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "deliberations" / \
    "saint-etienne-metropole-2024-00240-danaecare.txt"


def test_the_stamp_quotes_follow_the_file_not_the_order_the_patterns_are_tried_in():
    _, stamp = strip_stamps("Reçu en préfecture le 28 mai 2024\n042-244200770-20240516-D1-DE\n"
                            "Date de mise en ligne : 28 mai 2024\nLe Bureau")
    assert stamp.quotes == ["Reçu en préfecture le 28 mai 2024", "042-244200770-20240516-D1-DE",
                            "Date de mise en ligne : 28 mai 2024"]


def test_the_example_deliberation_quotes_its_stamp_with_the_actes_id_before_the_posting_date():
    text = extract(SourceContext(path=EXAMPLE, data=EXAMPLE.read_bytes())).text
    stamp = text[text.index(STAMP_HEADING):]
    assert stamp.index("99_DE-042-244200770") < stamp.index("Date de mise en ligne")
