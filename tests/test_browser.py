"""Headless Chromium (Debian's) through Playwright: the main pages render, work without JavaScript, and are
screenshotted under the test's output directory and test-output/screenshots/; on a phone (375 px) the navigation
waits behind its « Menu » button and wide tables scroll in their own boxes, the page never wider than the screen."""

from __future__ import annotations

import shutil
from urllib.parse import urlencode

import pytest
from conftest import ROOT, funder_of_many, needs_chromium, serving
from web_fixture import DANAECARE, PTCE, template_data

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("browser") / "data"
    shutil.copytree(template_data(), data)
    with serving(data, log=data.parent / "serve.log") as url:
        yield url


PAGES = {"home": ("/", "Le graphe du PTCE santé"),
         "search": ("/search?q=DanaeCare", "Recherche"),
         "resource": ("/id/actor/danaecare", "DanaeCare"),
         "network": (f"/network?focus={DANAECARE}", "Réseau"),
         "sparql": ("/sparql", "Éditeur SPARQL")}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_without_javascript_and_is_screenshotted(server, browser, tmp_path, name):
    path, heading = PAGES[name]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    response = page.goto(server + path)
    assert response.status == 200
    assert heading in page.inner_text("h1")
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 5000
    keep = ROOT / "test-output" / "screenshots"
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, keep / shot.name)
    context.close()


def test_the_sparql_editor_runs_a_query_from_its_form(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/sparql")
    page.fill("#query", "SELECT ?label WHERE { ?s a <https://w3id.org/maillage/ontology#Cooperation> ; "
                        "<http://www.w3.org/2000/01/rdf-schema#label> ?label }")
    page.click("form.sparql-form button[type=submit]")
    assert "PTCE santé Loire" in page.inner_text("table")
    context.close()


def test_the_why_details_open_and_lead_to_the_highlighted_quote(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/id/actor/danaecare")
    page.click("details.why summary")
    page.click("details.why[open] a")
    assert "20 000 €" in page.inner_text("mark#quote")
    context.close()


def _luminance(rgb: str) -> float:
    """The relative luminance (WCAG 2) of a CSS colour as the browser computes it, "rgb(27, 31, 35)"."""
    channels = [int(c) / 255 for c in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


#: The colour around an element, where its focus ring is drawn: its nearest ancestor's background.
_BACKGROUND = """element => { for (let e = element.parentElement; e; e = e.parentElement) {
    const colour = getComputedStyle(e).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour; }
  return "rgb(255, 255, 255)"; }"""


@pytest.mark.parametrize("selector, width", [("main a", 1280), ("header.site a", 1280), ("main input", 1280),
                                             ("main button", 1280), ("header.site summary", 375),
                                             ("main .table-scroll", 375)])
def test_the_focus_ring_stands_out_from_what_is_around_it(server, browser, selector, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto(server + ("/funding" if "table" in selector else "/search?q=sant%C3%A9"))
    element = page.locator(selector).first
    page.keyboard.press("Tab")  # a keyboard's focus (:focus-visible), not a click's
    element.focus()
    outline = element.evaluate("e => getComputedStyle(e).outlineColor")
    width = element.evaluate("e => getComputedStyle(e).outlineWidth")
    around = element.evaluate(_BACKGROUND)
    context.close()
    assert width != "0px" and _contrast(outline, around) >= 3, (selector, outline, around)


@pytest.mark.parametrize("path", ["/", "/funding", "/goals", "/id/actor/danaecare", "/search?q=sant%C3%A9",
                                  "/resource?iri=https%3A%2F%2Fw3id.org%2Fmaillage%2Fid%2Fsession%2F"
                                  "saint-etienne-metropole%2F2024-05-14"])
def test_a_phone_reads_the_page_without_scrolling_sideways(server, browser, path):
    context = browser.new_context(java_script_enabled=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    assert page.goto(server + path).status == 200
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0, f"{path}: {overflow} px wider than the phone"


def test_on_a_phone_the_search_results_come_before_the_filters(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(server + "/search?q=DanaeCare")
    results, facets = (page.locator(selector).bounding_box() for selector in ("section.results", "aside.facets"))
    context.close()
    assert results["y"] < facets["y"]



LONG_NAMES = ["Association départementale des amis et parents de personnes handicapées mentales",
              "Union régionale des professionnels de santé médecins libéraux", "Club Santé", "Les Aidants",
              "Fédération des maisons et pôles de santé pluriprofessionnels du territoire", "Réseau Périnatal"] * 3


@pytest.fixture(scope="module")
def crowded_network(tmp_path_factory):
    """A funder of 18 associations, some of long names, served: its drawing has labels on every side."""
    directory = tmp_path_factory.mktemp("network")
    funder_of_many(directory, LONG_NAMES)
    with serving(directory / "data", log=directory / "serve.log") as url:
        yield url + "/network?" + urlencode({"focus": "https://w3id.org/maillage/id/actor/departement"})


def test_the_network_drawing_shows_every_label_whole_or_cut_with_an_ellipsis_inside_the_drawing(crowded_network,
                                                                                                 browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    assert page.goto(crowded_network).status == 200
    width = page.evaluate("document.querySelector('svg.network').viewBox.baseVal.width")
    boxes = page.evaluate("[...document.querySelectorAll('svg.network text')].map(t => {const b = t.getBBox(); "
                          "return [t.textContent, b.x, b.x + b.width]})")
    tooltips = page.evaluate("[...document.querySelectorAll('svg.network a > title')].map(t => t.textContent)")
    context.close()
    assert len(boxes) == 19 and any(text.endswith("…") for text, _, _ in boxes)
    outside = [(text, round(left), round(right)) for text, left, right in boxes if left < 0 or right > width]
    assert not outside, f"labels outside the {width}-wide drawing: {outside}"
    for (text, _, _), whole in zip(boxes, tooltips):
        assert text == whole or (text.endswith("…") and whole.startswith(text[:-1].rstrip()))


PHONE = {"width": 375, "height": 740}
#: The pages a coordinator opens on a phone, from the navigation to a named query's result (the members list: its
#: table is the widest of the fixture's).
PHONE_PAGES = ["/", "/id/actor/danaecare", "/funding", "/search?q=sant%C3%A9",
               "/queries/membres-actuels-par-cercle?run=1"]
_NO_PAGE_OVERFLOW = "document.documentElement.scrollWidth <= window.innerWidth"


def _visible_navigation_links(page) -> list[bool]:
    """Whether each link of the header's navigation shows."""
    return [link.is_visible() for link in page.locator("header.site nav a").all()]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_on_a_phone_the_navigation_waits_behind_its_menu_button_which_the_keyboard_opens(server, browser, path):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    assert page.goto(server + path).status == 200
    closed = _visible_navigation_links(page)
    page.locator("header.site summary", has_text="Menu").focus()
    page.keyboard.press("Enter")
    opened = _visible_navigation_links(page)
    fits = page.evaluate(_NO_PAGE_OVERFLOW)
    context.close()
    assert closed and not any(closed) and all(opened) and len(opened) == len(closed)
    assert fits, f"{path}: wider than the phone with its menu open"


_FOCUSED_MENU_BUTTON = "document.activeElement === document.querySelector('details.menu > summary')"


@pytest.mark.parametrize("tabs", [0, 2], ids=["from-its-button", "from-a-link"])
def test_on_a_phone_escape_closes_the_menu_and_puts_the_focus_back_on_its_button(server, browser, tabs):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    assert page.goto(server + "/funding").status == 200
    page.locator("header.site summary", has_text="Menu").focus()
    page.keyboard.press("Enter")
    for _ in range(tabs):
        page.keyboard.press("Tab")
    inside = page.evaluate("document.activeElement.closest('details.menu nav') !== null")
    page.keyboard.press("Escape")
    closed = _visible_navigation_links(page)
    state = (page.locator("details.menu").evaluate("menu => menu.open"), page.evaluate(_FOCUSED_MENU_BUTTON))
    context.close()
    assert inside == (tabs > 0)
    assert state == (False, True) and closed and not any(closed)


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_on_a_phone_no_page_is_wider_than_the_screen_even_with_its_details_open(server, browser, path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    assert page.goto(server + path).status == 200
    fits_closed = page.evaluate(_NO_PAGE_OVERFLOW)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    fits_open = page.evaluate(_NO_PAGE_OVERFLOW)
    context.close()
    assert fits_closed and fits_open, path


def test_on_a_wide_screen_the_navigation_shows_without_a_menu_button(server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "/")
    shown = _visible_navigation_links(page)
    menu_shown = page.get_by_text("Menu", exact=True).is_visible()
    context.close()
    assert shown and all(shown) and not menu_shown


def test_the_english_interface_calls_its_menu_button_menu_too(server, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(server + "/?lang=en")
    menu = page.locator("header.site summary")
    said = (menu.inner_text(), page.locator("html").get_attribute("lang"))
    context.close()
    assert said == ("Menu", "en")


#: A wide table on a phone: the members list of a named query (nine columns, 850 px wide at 375 px).
MEMBERS = "/queries/membres-actuels-par-cercle?run=1"
_SCROLLER = "document.querySelector('main table').parentElement"


def test_on_a_phone_a_wide_table_scrolls_in_its_own_named_box_that_the_keyboard_reaches(server, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server + MEMBERS)
    box = page.locator("main table").locator("xpath=..")
    wide = page.evaluate(f"(b => b.scrollWidth > b.clientWidth)({_SCROLLER})")
    name = box.get_attribute("aria-label")
    box.focus()
    focused = page.evaluate(f"document.activeElement === {_SCROLLER}")
    assert wide and focused and name == "Membres actuels par cercle"
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => {_SCROLLER}.scrollLeft > 0")  # the arrow's scroll is animated
    context.close()


@pytest.mark.parametrize("path", [MEMBERS, "/funding?year=2024", "/id/actor/danaecare"])
def test_on_a_phone_each_table_header_reads_on_one_line(server, browser, path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server + path)
    lines = page.evaluate("[...document.querySelectorAll('main th')].map(th => { const range = document.createRange();"
                          " range.selectNodeContents(th); return [th.innerText, range.getClientRects().length]; })")
    context.close()
    assert lines and all(count == 1 for _, count in lines), lines



#: A phone of touch (its pointer coarse), as the coordinator's: the same screen, tapped with a finger.
TOUCH_PHONE = {"viewport": PHONE, "has_touch": True, "is_mobile": True}
_AMOUNT_BOXES = ("[...document.querySelectorAll('svg.chart .chart-value')].map(t => { const b = "
                 "t.getBoundingClientRect(); return [t.textContent, b.left, b.right]; })")


@pytest.mark.parametrize("path", ["/funding", "/funding?" + urlencode({"pole": PTCE})])
def test_on_a_phone_the_chart_shows_every_amount_within_the_screen(server, browser, path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server + path)
    amounts = page.evaluate(_AMOUNT_BOXES)
    context.close()
    assert amounts and all("€" in text for text, _, _ in amounts), amounts
    outside = [(text, round(left), round(right)) for text, left, right in amounts if left < 0 or right > PHONE["width"]]
    assert not outside, f"{path}: amounts off the {PHONE['width']} px screen: {outside}"


def test_on_a_phone_a_wide_table_keeps_its_first_column_in_view_and_hints_at_the_rest(server, browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server + MEMBERS)
    page.evaluate(f"{_SCROLLER}.scrollLeft = 400")
    left, scrolled, hint = page.evaluate(f"(b => [b.getBoundingClientRect().left, b.scrollLeft, "
                                         f"getComputedStyle(b).backgroundImage])({_SCROLLER})")
    firsts = page.evaluate("[...document.querySelectorAll('main table tr > :first-child')]"
                           ".map(c => c.getBoundingClientRect().left)")
    context.close()
    assert scrolled > 0 and firsts and all(cell >= left - 0.5 for cell in firsts), (left, firsts)
    assert "gradient" in hint  # a shadow on the side where more of the table lies


_TEXT_SIZES = "['main td', 'main p'].map(s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))"


@pytest.mark.parametrize("path", ["/", "/id/actor/danaecare", "/funding"])
def test_the_text_grows_with_the_readers_text_size(server, browser, path):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server + path)
    before = page.evaluate(_TEXT_SIZES)
    page.evaluate("document.documentElement.style.fontSize = '150%'")
    after = page.evaluate(_TEXT_SIZES)
    hyphens = page.evaluate("getComputedStyle(document.querySelector('h1')).hyphens")
    context.close()
    assert [round(size * 1.5, 1) for size in before] == [round(size, 1) for size in after], (before, after)
    assert hyphens == "auto"


#: What a finger taps on a phone, each at least 44 px tall (WCAG 2.5.5's size, Apple's and Android's guidance).
TAP_TARGETS = {"/search?q=sant%C3%A9": [".facets li a", "select#sort", "form.search button", "form.search input#q",
                                        ".downloads a"],
               "/id/actor/danaecare": ["details.why summary", ".downloads a"],
               "/queries/membres-actuels-par-cercle": [".query-form input:not([type=hidden])", ".query-form select",
                                                       ".query-form button"]}


@pytest.mark.parametrize("path", list(TAP_TARGETS))
def test_on_a_touch_phone_every_control_is_a_44_px_target_and_form_text_is_16_px(server, browser, path):
    context = browser.new_context(**TOUCH_PHONE)
    page = context.new_page()
    page.goto(server + path)
    small, tiny_text = [], []
    for selector in TAP_TARGETS[path]:
        elements = page.locator(selector).all()
        assert elements, selector
        small += [(selector, e.inner_text()[:20], e.bounding_box()["height"]) for e in elements
                  if e.bounding_box()["height"] < 44]
        if not selector.endswith(" a") and "summary" not in selector:
            tiny_text += [(selector, size) for size in (float(e.evaluate("e => getComputedStyle(e).fontSize")[:-2])
                                                        for e in elements) if size < 16]
    context.close()
    assert not small, small
    assert not tiny_text, tiny_text  # below 16 px, iOS zooms into the field it focuses


def _box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def test_on_a_phone_the_sort_label_and_its_select_share_a_line(server, browser):
    context = browser.new_context(**TOUCH_PHONE)
    page = context.new_page()
    page.goto(server + "/search?q=sant%C3%A9")
    label, select = _box(page, "label[for=sort]"), _box(page, "select#sort")
    context.close()
    assert label["x"] + label["width"] <= select["x"]
    assert select["y"] < label["y"] + label["height"] / 2 < select["y"] + select["height"]


def test_at_150_percent_text_the_search_field_stays_within_the_page_s_margins(server, browser):
    context = browser.new_context(**TOUCH_PHONE)
    page = context.new_page()
    page.goto(server + "/search?q=sant%C3%A9")
    page.evaluate("document.documentElement.style.fontSize = '150%'")
    field = _box(page, "input#q")
    edge = page.evaluate("(m => m.getBoundingClientRect().right - parseFloat(getComputedStyle(m).paddingRight))"
                         "(document.querySelector('main'))")
    fits = page.evaluate(_NO_PAGE_OVERFLOW)
    context.close()
    assert field["x"] >= 0 and field["x"] + field["width"] <= edge + 0.5 and fits, (field, edge)
