"""A deliberation's attendance lists on paper in any browser, without script: their names are also in a block of
their own, outside any ``<details>`` (Firefox ESR prints a closed ``<details>`` closed, « Présents (54) » without
the names), that the stylesheet displays in print only. The browser's side: tests/test_browser_print.py.

Fixture strategy: the demo corpus's data directory (``demo_data``) served by a fresh app through Flask's test
client; the page's HTML read with the standard library's parser, the stylesheet as text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from webapp import create_app
from webapp.resources import close_resources

DELIBERATION = "/id/deliberation/siren-244200770/2024-00240"
STYLESHEET = Path(__file__).resolve().parent.parent / "webapp" / "static" / "style.css"


class ListItems(HTMLParser):
    """The text of each list item of a page, by where it is: ``folded`` inside a ``<details>``, ``printed`` inside a
    ``print-only`` block and outside every ``<details>``."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, bool, bool]] = []  # (tag, inside a details, inside a print-only block)
        self.items: dict[str, list[str]] = {"folded": [], "printed": []}
        self.item: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        details, printed = self.open[-1][1:] if self.open else (False, False)
        details, printed = details or tag == "details", printed or "print-only" in (dict(attrs).get("class") or "")
        self.open.append((tag, details, printed))
        if tag == "li" and (details or printed):
            self.items["folded" if details else "printed"].append("")
            self.item = self.items["folded" if details else "printed"]

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            continue
        if tag == "li":
            self.item = None

    def handle_data(self, data):
        if self.item is not None:
            self.item[-1] += data


@pytest.fixture
def client(demo_data):
    app = create_app({"data_dir": str(demo_data)})
    yield app.test_client()
    close_resources(app)


def test_a_deliberations_attendance_names_are_in_a_print_only_block_outside_any_details(client):
    page = client.get(DELIBERATION, headers={"Accept": "text/html"}).get_data(as_text=True)
    parser = ListItems()
    parser.feed(page)
    assert parser.items["printed"] == parser.items["folded"]  # the folded lists: attendance only, on this page
    assert "Christiane BARAILLER" in parser.items["printed"]
    assert "pouvoir de Gilles ARTIGUES à Jean-Luc DEGRAIX" in parser.items["printed"]
    assert re.findall(r'<p class="printed-heading">([^<]*)</p>', page) == [
        "Présents (54)", "Excusés (6)", "Pouvoirs (8)"]


def _rules(css: str, selector: str) -> list[str]:
    """The declarations of each rule of ``css`` whose selector is exactly ``selector``."""
    return re.findall(rf"(?m)^\s*{re.escape(selector)} \{{([^}}]*)\}}", css)


def test_the_print_only_block_is_displayed_in_print_only():
    css = STYLESHEET.read_text()
    screen, paper = css.split("@media print {", 1)
    assert [rule.strip() for rule in _rules(screen, ".print-only")] == ["display: none;"]
    assert [rule.strip() for rule in _rules(paper, ".print-only")] == ["display: block;"]
    assert "display: none;" in _rules(paper, "details.attendance-list")[0]
