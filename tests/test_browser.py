"""Headless Chromium (Debian's) through Playwright: the main pages render, work without JavaScript, and are
screenshotted under the test's output directory and test-output/screenshots/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, serving
from web_fixture import DANAECARE, template_data

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed "
                                 "(apt-get install chromium): browser tests skipped")]

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("browser") / "data"
    shutil.copytree(template_data(), data)
    with serving(data, log=data.parent / "serve.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield instance
        instance.close()


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
