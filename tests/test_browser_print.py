"""Printing the explorer's pages (a coordinator's handout for a steering committee), with Debian's Chromium through
Playwright, on the demo corpus: print media emulated at the width of an A4 page's content, and the page printed to
PDF, A4, as the browser's « Enregistrer au format PDF » does. The menu, the downloads and the forms stay off paper,
the attendance lists print from a block of their own, closed details print open, a ten-column table prints whole,
headings stay with what follows them."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from conftest import needs_chromium, serving

pytestmark = [pytest.mark.browser, needs_chromium]

#: An A4 page at 96 px an inch (210 mm wide), less the stylesheet's 12 mm margins on either side: 703 px.
MM = 96 / 25.4
CONTENT_WIDTH = round((210 - 2 * 12) * MM)
#: The same margin in the PDF's points (72 an inch), and the text's leeway for rounding.
MARGIN_PT = 12 * 72 / 25.4
LEEWAY_PT = 1

MEMBERS = "/queries/membres-actuels-par-cercle?run=1"
PARTNERS = "/queries/partenaires-par-cercle?run=1"
DELIBERATION = "/id/deliberation/siren-244200770/2024-00240"
PTCE = "/id/actor/ptce-sante-danaecare"
PAGES = [MEMBERS, PARTNERS, DELIBERATION, "/goals", PTCE, "/id/actor/danaecare"]


@pytest.fixture(scope="module")
def server(demo_data_template, tmp_path_factory):
    data = tmp_path_factory.mktemp("print") / "data"
    shutil.copytree(demo_data_template, data)
    with serving(data, log=data.parent / "serve.log") as url:
        yield url


@pytest.fixture
def printed(server, browser):
    """Open a page as it prints: print media, at the width of an A4 page's content."""
    context = browser.new_context(viewport={"width": CONTENT_WIDTH, "height": 1000})

    def open_printed(path: str):
        page = context.new_page()
        assert page.goto(server + path).status == 200
        page.emulate_media(media="print")
        return page

    yield open_printed
    context.close()


def _pdf_pages(page) -> list[dict]:
    """The page printed to PDF on A4, each sheet's text lines, its words' right edges and its width (points)."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(page.pdf(format="A4"))) as pdf:
        return [{"lines": (sheet.extract_text() or "").splitlines(), "width": sheet.width,
                 "rights": [word["x1"] for word in sheet.extract_words()]} for sheet in pdf.pages]


def _text(sheets: list[dict]) -> str:
    return "\n".join(line for sheet in sheets for line in sheet["lines"])


#: What a reader of paper cannot use: the menu, the language switch, the downloads, the forms, the links to other
#: views of the page.
CONTROLS = ["header.site nav", "header.site .lang", ".downloads", "form", "footer.site a",
            "a[href^='/network']", "text=Voir le réseau", "text=Cette page en JSON"]


@pytest.mark.parametrize("path", PAGES)
def test_a_printed_page_leaves_out_the_menu_the_downloads_the_forms_and_the_links_to_other_views(printed, path):
    page = printed(path)
    shown = [selector for selector in CONTROLS
             if any(element.is_visible() for element in page.locator(selector).all())]
    assert not shown, f"{path}: printed {shown}"


def _luminance(rgb: str) -> float:
    """The relative luminance (WCAG 2) of a CSS colour as the browser computes it, "rgb(27, 31, 35)"."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_printed_header_is_dark_text_on_the_white_paper(printed):
    page = printed("/goals")
    colour = page.evaluate("getComputedStyle(document.querySelector('header.site .brand')).color")
    # Browsers print no backgrounds by default: the header's text is read against the paper's white.
    assert (1.05 / (_luminance(colour) + 0.05)) >= 4.5, colour


def _attendance(page, name: str, where: str = "details.attendance-list"):
    """The item of the deliberation's attendance lists (folded, or ``where``) that names ``name``."""
    return page.locator(f"{where} li", has_text=name)


def test_the_deliberations_attendance_lists_print_from_their_paper_block_and_stay_folded_on_screen(
        server, browser, printed):
    """Printed from the paper block, which needs no <details> opened: Firefox ESR prints a closed one closed."""
    screen = browser.new_page()
    screen.goto(server + DELIBERATION)
    on_screen = [_attendance(screen, "Christiane BARAILLER", where).is_visible()
                 for where in ("details.attendance-list", ".attendance-printed")]
    screen.close()
    page = printed(DELIBERATION)
    names = [_attendance(page, name, ".attendance-printed").is_visible()
             for name in ("Christiane BARAILLER", "Ingrid ARNAUD", "pouvoir de Gilles ARTIGUES à Jean-Luc DEGRAIX")]
    folded = [details.is_visible() for details in page.locator("details.attendance-list").all()]
    text = _text(_pdf_pages(page))
    assert on_screen == [False, False] and all(names) and folded and not any(folded)
    assert text.count("Présents (54)") == 1 and text.count("Christiane BARAILLER") == 1
    assert "Jean-Luc DEGRAIX" in text


def test_a_screen_reader_reads_an_opened_attendance_list_once(server, browser):
    page = browser.new_page()
    page.emulate_media(media="screen")
    page.goto(server + DELIBERATION)
    page.locator("#attendance-present > summary").click()  # not the list's « Pourquoi ? » that it holds
    said = page.locator("section.attendance").aria_snapshot()
    page.close()
    assert said.count("Christiane BARAILLER") == 1


def test_a_printed_pages_why_quotes_print_open(printed):
    page = printed("/id/actor/danaecare")
    quotes = page.locator("details.why blockquote").all()
    assert quotes and all(quote.is_visible() for quote in quotes)


@pytest.mark.parametrize("path", PAGES)
def test_every_printed_table_fits_the_width_of_an_a4_page(printed, path):
    page = printed(path)
    rights = page.evaluate("[...document.querySelectorAll('main table')].map(t => t.getBoundingClientRect().right)")
    sheets = _pdf_pages(page)
    assert rights and max(rights) <= CONTENT_WIDTH + 0.5, (path, rights)
    beyond = [right for sheet in sheets for right in sheet["rights"]
              if right > sheet["width"] - MARGIN_PT + LEEWAY_PT]
    assert not beyond, f"{path}: text past the right margin at {beyond}"


#: What a narrow page cut off a ten-column table: the identifiers, the last columns' headers (a date's cell wraps,
#: its words reach the PDF's text among its row's other cells).
WHOLE_CELLS = {MEMBERS: ["10000000000008", "100000000", "W423000001", "Organisation", "Entrée", "RNA"],
               PARTNERS: ["10000000000008", "W423000001", "Entrée", "Sortie", "RNA"]}


@pytest.mark.parametrize("path", list(WHOLE_CELLS))
def test_a_printed_named_query_shows_every_column_and_its_identifiers_whole(printed, path):
    page = printed(path)
    siret = page.locator("main td", has_text=re.compile(r"^10000000000008$"))
    lines = siret.evaluate("td => { const range = document.createRange(); range.selectNodeContents(td); "
                           "return range.getClientRects().length; }")
    clipped = siret.evaluate("td => td.scrollWidth > td.clientWidth")
    words = set(_text(_pdf_pages(page)).split())
    assert lines == 1 and not clipped
    missing = [cell for cell in WHOLE_CELLS[path] if cell not in words]
    assert not missing, f"{path}: not on paper: {missing}"


def test_a_printed_address_wraps_after_a_slash_not_inside_its_number(printed):
    page = printed(DELIBERATION)
    number = page.locator(".iri code span", has_text="2024-00240")
    pieces = number.evaluate("span => { const range = document.createRange(); range.selectNodeContents(span); "
                             "return range.getClientRects().length; }")
    lines = [line for line in _text(_pdf_pages(page)).splitlines() if "00240" in line]
    assert pieces == 1
    assert not any(re.search(r"2024-0*$", line) for line in lines), lines


def _headings(page) -> list[str]:
    return [" ".join(text.split()) for text in page.evaluate("[...document.querySelectorAll('main :is(h1, h2, h3, "
                                                             "summary)')].map(h => h.innerText)")]


@pytest.mark.parametrize("path", ["/goals", PTCE, DELIBERATION])
def test_no_printed_sheet_ends_with_a_heading_or_holds_only_the_footer(printed, path):
    page = printed(path)
    headings = _headings(page)
    sheets = _pdf_pages(page)
    last_lines = [sheet["lines"][-1].strip() for sheet in sheets[:-1]]
    # a heading, or a piece of one long enough not to be a name that a heading holds too (« DanaeCare »)
    orphans = [line for line in last_lines
               if any(line == heading or (len(line) >= 12 and line in heading) for heading in headings)]
    assert not orphans, f"{path}: headings at the foot of a sheet: {orphans}"
    assert not sheets[-1]["lines"][0].startswith("Maillage — "), f"{path}: a last sheet of footer only"


def test_a_printed_external_link_shows_its_address_and_the_sites_own_links_do_not(printed):
    page = printed("/goals")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                  "'<p><a id=out href=\"https://www.data.gouv.fr/fr/datasets/x/\">data.gouv.fr</a></p>')")
    after = "id => getComputedStyle(document.getElementById(id) || document.querySelector(id), '::after').content"
    external = page.evaluate(after, "out")
    internal = page.evaluate(after, "main a[href^='/id/']")
    assert external == '" <https://www.data.gouv.fr/fr/datasets/x/>"' and internal in ("none", "normal")


def test_a_wide_table_printed_over_several_sheets_prints_every_row_whole_under_its_header_on_each(printed):
    page = printed(MEMBERS)
    page.evaluate("const body = document.querySelector('main tbody'); body.innerHTML = body.innerHTML.repeat(12)")
    sheets = _pdf_pages(page)
    headed = [any(line.startswith("Cercle Membre Type") for line in sheet["lines"]) for sheet in sheets]
    sirets = _text(sheets).split().count("10000000000008")
    assert len(sheets) > 2 and all(headed) and sirets == 12, (headed, sirets)
