"""The explorer's pages on a touch phone (390 x 844), in headless Chromium (Debian's) through Playwright: the tables
of grants, goals and memberships stack their rows within the screen, amount and beneficiary in sight, and stay
tables to a screen reader; a finger's links are 24 px targets, the mouse's look unchanged; a goal's card title
shrinks to the phone."""

from __future__ import annotations

import shutil

import pytest
from conftest import needs_chromium, serving

pytestmark = [pytest.mark.browser, needs_chromium]

TOUCH_PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def server(tmp_path_factory, demo_data_template):
    """The demo corpus served: DanaeCare's facts come from two sources, each value marked with its own's number."""
    data = tmp_path_factory.mktemp("phone-pages") / "data"
    shutil.copytree(demo_data_template, data)
    with serving(data, log=data.parent / "serve.log") as url:
        yield url


@pytest.fixture
def open_page(server, browser):
    """Open a path of the served fixture in a new context (``TOUCH_PHONE`` or ``DESKTOP``); closed after the test."""
    contexts = []

    def opened(path: str, device: dict):
        contexts.append(browser.new_context(**device))
        page = contexts[-1].new_page()
        assert page.goto(server + path).status == 200
        return page

    yield opened
    for context in contexts:
        context.close()


#: Each table's right edge, and the right edges of its cells (the amounts, the beneficiaries), in screen pixels.
_EDGES = ("[...document.querySelectorAll('main table')].map(t => [t.getBoundingClientRect().right, "
          "[...t.querySelectorAll('td')].map(td => td.getBoundingClientRect().right)])")


@pytest.mark.parametrize("path", ["/", "/goals", "/id/actor/danaecare"])
def test_on_a_touch_phone_each_grant_goal_and_membership_table_fits_the_screen_cells_and_all(open_page, path):
    page = open_page(path, TOUCH_PHONE)
    edges = page.evaluate(_EDGES)
    assert edges
    assert all(right <= 390 and all(cell <= 390 for cell in cells) for right, cells in edges), edges


def test_on_a_touch_phone_a_stacked_table_is_still_a_table_of_headers_and_cells_to_a_screen_reader(open_page):
    page = open_page("/id/actor/danaecare", TOUCH_PHONE)
    tree = page.locator("table.stacked").last.aria_snapshot()
    assert tree.startswith("- table:") and '- columnheader "Organisation"' in tree
    assert '- cell "16' in tree and "Entrée :" not in tree  # the label before a cell is silent


_SIZES = ("[...document.querySelectorAll(SELECTOR)].map(a => { const r = a.getBoundingClientRect(); "
          "return [r.width, r.height]; })")
TARGETS = {"/id/actor/danaecare": ["sup.sources a", "dl.properties dd > a", ".kinds a", ".formats a"],
           "/": ["section.card li > a"], "/goals": ["section.card li > a", ".network-link a"]}


@pytest.mark.parametrize("path", list(TARGETS))
def test_on_a_touch_phone_a_link_that_stands_alone_is_a_24_px_square_target_at_least(open_page, path):
    page = open_page(path, TOUCH_PHONE)
    small = []
    for selector in TARGETS[path]:
        sizes = page.evaluate(_SIZES.replace("SELECTOR", repr(selector)))
        assert sizes, selector
        small += [(selector, width, height) for width, height in sizes if width < 24 or height < 24]
    assert not small, small


def test_with_a_mouse_the_numbers_of_a_values_sources_keep_their_small_size(open_page):
    page = open_page("/id/actor/danaecare", DESKTOP)
    sizes = page.evaluate(_SIZES.replace("SELECTOR", "'sup.sources a'"))
    assert sizes and all(width < 24 and height < 24 for width, height in sizes), sizes


_TITLE_SIZE = "parseFloat(getComputedStyle(document.querySelector('main section.card h2')).fontSize)"


def test_on_a_phone_a_goals_card_title_is_smaller_than_on_a_wide_screen(open_page):
    phone = open_page("/goals", TOUCH_PHONE).evaluate(_TITLE_SIZE)
    wide = open_page("/goals", DESKTOP).evaluate(_TITLE_SIZE)
    assert phone < 20 < wide, (phone, wide)
