"""The network drawing on a phone, in headless Chromium (Debian's) through Playwright: at 375 px its labels read at
11 px or more and every one of them can be scrolled into view within the drawing's own box, while the page stays
as wide as the screen; on a wide screen the drawing still fits the page, with no scrolling hint."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from conftest import serving

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed "
                                 "(apt-get install chromium): browser tests skipped")]

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
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
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store

    directory = tmp_path_factory.mktemp("network-phone")
    base = "https://w3id.org/maillage/id/"
    lines = ["@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix schema: <http://schema.org/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             f'<{base}actor/departement> a mai:PublicAuthority ; rdfs:label "Département de la Loire-Fictive" .']
    for i, name in enumerate(NAMES):
        lines.append(f'<{base}actor/a{i}> a mai:Association ; rdfs:label "{name} {i}" .')
        lines.append(f'<{base}grant/g{i}> a mai:Grant ; schema:funder <{base}actor/departement> ; '
                     f'mai:beneficiary <{base}actor/a{i}> ; schema:amount {1000 + i}.0 .')
    (directory / "network.ttl").write_text("\n".join(lines), encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(directory / "data")})
    assert ingest_paths(store, [directory / "network.ttl"])[0].status == "stored"
    store.close()
    with serving(directory / "data", log=directory / "serve.log") as url:
        yield url + "/network?" + urlencode({"focus": base + "actor/departement"})


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield instance
        instance.close()


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
