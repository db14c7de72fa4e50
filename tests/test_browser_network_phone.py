"""The network drawing on a phone, in headless Chromium (Debian's) through Playwright: at 375 px its labels read at
11 px or more and every one of them can be scrolled into view within the drawing's own box, while the page stays
as wide as the screen; on a wide screen the drawing still fits the page, with no scrolling hint."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from conftest import funder_of_many, needs_chromium, serving

pytestmark = [pytest.mark.browser, needs_chromium]
PHONE = {"width": 375, "height": 740}
NAMES = ["Association départementale des amis et parents de personnes handicapées mentales", "Club Santé",
         "Fédération des maisons et pôles de santé pluriprofessionnels du territoire", "Les Aidants"] * 3

#: Each label's font size as drawn on the screen: its font size in the drawing's units times the drawing's scale.
_RENDERED_SIZES = ("[...document.querySelectorAll('svg.network text')].map(t => "
                   "parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)")
#: Each label scrolled into view (the drawing's box scrolls, and the page if need be), then where it lies.
_LABELS_IN_VIEW = ("[...document.querySelectorAll('svg.network text')].map(t => {"
                   "t.scrollIntoView({block: 'center', inline: 'center'}); const r = t.getBoundingClientRect(); "
                   "return [t.textContent, r.left, r.right, r.top, r.bottom]})")


@pytest.fixture(scope="module")
def network_url(tmp_path_factory):
    """A funder of 12 associations, some of long names, served: its drawing has labels on every side."""
    directory = tmp_path_factory.mktemp("network-phone")
    funder_of_many(directory, NAMES)
    with serving(directory / "data", log=directory / "serve.log") as url:
        yield url + "/network?" + urlencode({"focus": "https://w3id.org/maillage/id/actor/departement"})


@pytest.fixture
def phone_page(browser, network_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    assert page.goto(network_url).status == 200
    yield page
    context.close()


def test_on_a_phone_the_network_labels_read_at_11_px_or_more(phone_page):
    sizes = phone_page.evaluate(_RENDERED_SIZES)
    assert len(sizes) == 13 and min(sizes) >= 11


def test_on_a_phone_every_network_label_scrolls_into_view_in_the_drawing_s_box(phone_page):
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = phone_page.evaluate("(() => {const b = document.querySelector('.network-scroll'); "
                              "return [b.scrollWidth > b.clientWidth, b.scrollHeight > b.clientHeight]})()")
    assert box == [True, True]
    cut = [(text, round(left), round(right)) for text, left, right, top, bottom in
           phone_page.evaluate(_LABELS_IN_VIEW)
           if left < 0 or right > PHONE["width"] or top < 0 or bottom > PHONE["height"]]
    assert not cut, f"labels that no scrolling brings into view: {cut}"


@pytest.mark.parametrize("lang, hint", [("fr", "Le dessin défile dans son cadre"),
                                        ("en", "The drawing scrolls within its frame")])
def test_on_a_phone_a_line_says_that_the_drawing_scrolls(browser, network_url, lang, hint):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(network_url + f"&lang={lang}")
    assert page.locator(".scroll-hint").is_visible() and hint in page.inner_text(".scroll-hint")
    context.close()


def test_on_a_wide_screen_the_drawing_fits_the_page_without_a_hint(browser, network_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(network_url)
    fits = page.evaluate("(() => {const b = document.querySelector('.network-scroll'); "
                         "return b.scrollWidth <= b.clientWidth})()")
    assert fits and not page.locator(".scroll-hint").is_visible()
    context.close()
