"""The explorer's pages against the accessibility audit (RGAA 4.1 / WCAG 2.1 AA): the search page's order and
filters, the network drawing's role and name, French text marked on English pages, errors tied to their fields,
distinct link names, the current page in the navigation, property names explained without a mouse. Markup through
the Flask test client on the fixture graph; the Tab order in Debian's Chromium (skipped when it is missing)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest
from conftest import needs_chromium
from web_fixture import DANAECARE, app_on_fixture

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    """An element of a parsed page: its tag, attributes, parent, children (nodes and texts)."""

    def __init__(self, tag: str, attrs: dict, parent: Node | None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def lang(self) -> str | None:
        """The language that the element's nearest ``lang`` (itself or an ancestor) says."""
        node = self
        while node is not None and "lang" not in node.attrs:
            node = node.parent
        return node.attrs["lang"] if node is not None else None

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str, **attrs) -> list[Node]:
        return [n for n in self.iter() if n.tag == tag and all(n.attrs.get(k) == v for k, v in attrs.items())]

    def find(self, tag: str, **attrs) -> Node:
        return self.find_all(tag, **attrs)[0]


class Page(HTMLParser):
    """A page parsed into :class:`Node` objects (the standard library has no DOM for HTML)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def page_of(client, path: str) -> Node:
    response = client.get(path)
    assert response.status_code == 200, path
    return Page(response.get_data(as_text=True)).root


def title_of(root: Node) -> str:
    return root.find("title").text().strip()


@pytest.fixture
def client(tmp_path):
    with app_on_fixture(tmp_path) as app:
        yield app.test_client()


# 1. The search page: the results, then the filters; the count a heading


def test_the_search_results_come_before_the_filters_in_the_page(client):
    html = client.get("/search?q=sant%C3%A9").get_data(as_text=True)
    assert html.index('<section class="results"') < html.index('<aside class="facets"')


def test_the_search_results_count_is_a_heading_that_names_the_results(client):
    root = page_of(client, "/search?q=sant%C3%A9")
    section = root.find("section", **{"class": "results"})
    heading = section.find("h2")
    assert re.fullmatch(r"\d+ résultats?", heading.text())
    assert section.attrs["aria-labelledby"] == heading.attrs["id"]


def test_the_stylesheet_no_longer_moves_the_results_before_the_filters():
    from conftest import ROOT

    css = (ROOT / "webapp" / "static" / "style.css").read_text(encoding="utf-8")
    assert "order: -1" not in css
    assert ".search-layout { display: grid; grid-template-columns: minmax(0, 1fr) 14rem;" in css


# 2. The network drawing: a group of links, named by what it draws, that points to its table


def test_the_network_drawing_is_a_named_group_that_points_to_its_table(client):
    root = page_of(client, f"/network?focus={DANAECARE}")
    svg = root.find("svg", **{"class": "network"})
    assert svg.attrs["role"] == "group"
    assert svg.attrs["aria-label"] == "Réseau autour de DanaeCare"
    note = root.find("p", id=svg.attrs["aria-describedby"])
    assert "tableau «\u00a0Liens\u00a0»" in note.text()
    assert note.find("a").attrs["href"] == "#network-edges"
    assert root.find("h2", id="network-edges").text() == "Liens"
    assert svg.find_all("a"), "the drawing's nodes are links, which a group keeps"


def test_the_network_figure_is_named_by_its_drawing_not_by_its_legend(client):
    root = page_of(client, f"/network?focus={DANAECARE}&lang=en")
    assert root.find("figure").attrs["aria-label"] == "Network around DanaeCare"


# 3. French text on English pages


def test_the_home_page_in_english_marks_a_french_goal_and_a_grants_purpose_as_french(client):
    root = page_of(client, "/?lang=en")
    goal = [a for a in root.find_all("a") if a.attrs.get("href") == "/id/goal/prevention"][0]
    assert goal.text() == "Développer la prévention" and goal.lang() == "fr"
    purpose = [a for a in root.find_all("a") if a.attrs.get("href") == "/id/grant/sem-danaecare-2024"][0]
    assert purpose.text().startswith("Création du PTCE santé (") and purpose.lang() == "fr"


def test_a_goal_with_an_english_label_is_not_marked_french(client):
    root = page_of(client, "/?lang=en")
    goal = [a for a in root.find_all("a") if a.attrs.get("href") == "/id/goal/acces-aux-soins"][0]
    assert goal.text() == "Improve access to care" and goal.lang() == "en"


def test_the_goals_page_in_english_marks_a_french_goals_heading_as_french(client):
    root = page_of(client, "/goals?lang=en")
    heading = [h for h in root.find_all("h2") if "Développer la prévention" in h.text()][0]
    assert heading.find("a").lang() == "fr"


def test_the_network_page_in_english_marks_the_french_goals_of_its_list_as_french(client):
    root = page_of(client, "/network?lang=en")
    goal = [a for a in root.find_all("a") if a.text() == "Développer la prévention"][0]
    assert goal.lang() == "fr"


def test_the_search_page_in_english_marks_a_french_goal_title_and_facet_as_french(client):
    root = page_of(client, "/search?q=pr%C3%A9vention&lang=en")
    results = root.find("section", **{"class": "results"})
    goal = [a for a in results.find_all("a") if a.text() == "Développer la prévention"][0]
    assert goal.lang() == "fr"
    facets = root.find("aside")
    assert [a.lang() for a in facets.find_all("a") if a.text() == "Développer la prévention"] == ["fr"]
    theme = [a for a in results.find_all("a") if a.text() == "Prevention"]
    assert theme and theme[0].lang() == "en"


def test_the_search_page_in_french_says_no_language_of_its_own(client):
    html = client.get("/search?q=pr%C3%A9vention").get_data(as_text=True)
    assert 'lang="fr">Développer' not in html


# 6. The active filter, and the title that names the filters and the page


def test_the_active_facet_is_marked_current_and_said_in_words(client):
    root = page_of(client, "/search?q=sant%C3%A9&type=actor")
    current = [a for a in root.find("aside").find_all("a") if "aria-current" in a.attrs]
    assert [(a.text(), a.attrs["aria-current"], a.attrs["class"]) for a in current] == [("Acteur", "true", "active")]
    assert "(filtre actif)" in current[0].parent.text()


def test_no_facet_is_current_without_a_filter(client):
    root = page_of(client, "/search?q=sant%C3%A9")
    assert not [a for a in root.find("aside").find_all("a") if "aria-current" in a.attrs]


def test_the_search_title_names_the_filters_and_the_page(client):
    root = page_of(client, "/search?q=sant%C3%A9&type=actor")
    assert title_of(root) == "«\u00a0santé\u00a0» · Acteur · Recherche · Maillage"
    root = page_of(client, "/search?q=sant%C3%A9&type=actor&page=2")
    assert title_of(root) == "«\u00a0santé\u00a0» · Acteur · page 2 · Recherche · Maillage"


def test_the_search_title_says_an_error_first(client):
    response = client.get("/search?q=sant%C3%A9&page=x")
    assert response.status_code == 400
    assert title_of(Page(response.get_data(as_text=True)).root).startswith("Erreur · ")


# 7. Distinct names for links that say the same


def test_each_show_all_link_names_its_facet(client):
    root = page_of(client, "/search?q=sant%C3%A9")
    names = [a.text() for a in root.find("aside").find_all("a") if a.text().startswith("Tout afficher")]
    assert len(names) > 1 and len(set(names)) == len(names)
    assert "Tout afficher (Type)" in names



# 4. A wrong upload token: the form again, the error tied to the token field


@pytest.fixture
def upload_client(tmp_path):
    with app_on_fixture(tmp_path, write_token="s3cret") as app:
        yield app.test_client()


def wrong_token_answer(client, lang: str = "fr"):
    import io

    return client.post(f"/upload?lang={lang}", data={"file": (io.BytesIO(b"<a> <b> <c> ."), "depot.nt"),
                                                     "token": "wrong", "kind": "rna", "funder": "Ville de Lyon",
                                                     "strict": "1"})


def test_a_wrong_upload_token_answers_401_with_the_form_and_the_error_tied_to_the_token_field(upload_client):
    response = wrong_token_answer(upload_client)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="maillage"'
    root = Page(response.get_data(as_text=True)).root
    token = root.find("input", id="token")
    assert token.attrs["aria-invalid"] == "true" and "autofocus" in token.attrs
    assert root.find("span", id=token.attrs["aria-describedby"]).text() == "jeton d'écriture absent ou invalide"
    assert title_of(root) == "Erreur · Déposer un fichier · Maillage"


def test_a_wrong_upload_token_keeps_the_options_chosen_and_says_to_choose_the_file_again(upload_client):
    root = Page(wrong_token_answer(upload_client, "en").get_data(as_text=True)).root
    assert [o.attrs["value"] for o in root.find_all("option") if "selected" in o.attrs] == ["rna"]
    assert root.find("input", id="funder").attrs["value"] == "Ville de Lyon"
    assert "checked" in root.find("input", name="strict").attrs
    again = root.find("span", id=root.find("input", id="file").attrs["aria-describedby"])
    assert again.text().startswith("Choose the file again")


def test_the_upload_form_has_no_error_before_it_is_sent(upload_client):
    root = page_of(upload_client, "/upload")
    assert "aria-invalid" not in root.find("input", id="token").attrs
    assert title_of(root) == "Déposer un fichier · Maillage"


# 5. Errors and reports announced, and named in the title


def test_an_upload_report_takes_the_focus_and_a_refused_file_says_error_in_the_title(upload_client):
    import io

    response = upload_client.post("/upload", data={"file": (io.BytesIO(b"garbage"), "bad.csv"), "token": "s3cret"})
    assert response.status_code == 422
    root = Page(response.get_data(as_text=True)).root
    heading = root.find("h2", id="result-heading")
    assert heading.attrs["tabindex"] == "-1" and "autofocus" in heading.attrs
    assert root.find("section", **{"class": "result"}).attrs["aria-labelledby"] == "result-heading"
    assert title_of(root).startswith("Erreur · ")


def test_a_sparql_syntax_error_is_tied_to_the_query_field_and_named_in_the_title(client):
    response = client.post("/sparql", data={"query": "SELECT * WHERE { ?s ?p ?o FILTRE(?s) }", "format": "html"})
    assert response.status_code == 400
    root = Page(response.get_data(as_text=True)).root
    query = root.find("textarea", id="query")
    assert query.attrs["aria-invalid"] == "true"
    assert "FILTER" in root.find("p", id=query.attrs["aria-describedby"]).text()
    assert title_of(root) == "Erreur · Éditeur SPARQL · Maillage"


def test_a_sparql_query_that_runs_marks_no_field_invalid(client):
    root = Page(client.post("/sparql", data={"query": "ASK {}", "format": "html"}).get_data(as_text=True)).root
    assert "aria-invalid" not in root.find("textarea", id="query").attrs
    assert not title_of(root).startswith("Erreur")


# 7. Links of one text to different places say what tells them apart


def test_a_latest_grant_named_by_its_purpose_says_its_grant_to_a_screen_reader(client):
    root = page_of(client, "/")
    link = [a for a in root.find_all("a") if a.attrs.get("href") == "/id/grant/sem-danaecare-2024"][0]
    hidden = link.find("span", **{"class": "visually-hidden"})
    assert hidden.text() == " (Subvention de 20\u202f000\u00a0€ à DanaeCare)"
    assert link.text().startswith("Création du PTCE santé")


def test_the_grants_context_is_in_the_pages_language_inside_a_purpose_marked_french(client):
    root = page_of(client, "/?lang=en")
    link = [a for a in root.find_all("a") if a.attrs.get("href") == "/id/grant/sem-danaecare-2024"][0]
    assert link.lang() == "fr" and link.find("span", **{"class": "visually-hidden"}).lang() == "en"


def test_the_latest_grants_json_has_no_screen_reader_context(client):
    rows = client.get("/index.json").get_json()["latest_grants"]["rows"]
    assert all("grant_name" not in row for row in rows)


def test_a_link_to_the_source_says_its_quote_to_a_screen_reader(client):
    root = page_of(client, "/id/actor/danaecare")
    links = [a for a in root.find_all("a") if a.text().startswith("Voir dans la source")]
    assert links and all(a.find("span", **{"class": "visually-hidden"}).text()
                         == " («\u00a020 000 € à l'association DanaeCare\u00a0»)" for a in links)


# 8. The navigation marks the current page


@pytest.mark.parametrize("path, current", [("/", "Accueil"), ("/search?q=sant%C3%A9", "Recherche"),
                                           ("/queries/totaux-par-financeur", "Requêtes"),
                                           ("/id/actor/danaecare", None)])
def test_the_navigation_marks_the_current_page_and_only_it(client, path, current):
    nav = page_of(client, path).find("nav", **{"aria-label": "Navigation"})
    marked = [a.text() for a in nav.find_all("a") if a.attrs.get("aria-current") == "page"]
    assert marked == ([current] if current else [])


# 9. A property's meaning, reachable without a mouse


def test_a_property_name_says_its_meaning_in_the_reading_order_not_in_an_abbr(client):
    root = page_of(client, "/id/deliberation/saint-etienne-metropole/2024-00240")
    assert not root.find_all("abbr")
    terms = [dt for dt in root.find_all("dt") if dt.find_all("span", **{"class": "visually-hidden"})]
    said = {dt.find("span").text(): dt.find("span", **{"class": "visually-hidden"}).text() for dt in terms}
    assert said["numéro"] == " (Le numéro qui désigne la ressource (celui d'une délibération).)"
    assert all(dt.find("span").attrs["title"] == hidden[2:-1] for dt in terms
               for hidden in [dt.find("span", **{"class": "visually-hidden"}).text()])


# The Tab order in a browser: after the search form, the results, at a phone's width as on a wide screen

@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from conftest import serving
    from web_fixture import template_data

    data = tmp_path_factory.mktemp("accessibility") / "data"
    shutil.copytree(template_data(), data)
    with serving(data, log=data.parent / "serve.log", env={"MAILLAGE_WRITE_TOKEN": "s3cret"}) as url:
        yield url


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
def test_tab_goes_from_the_search_form_to_the_first_result_at_every_width(server, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(server + "/search?q=sant%C3%A9")
    page.focus("form.search button[type=submit]")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('section.results, aside.facets')?.className")
    first = page.evaluate("() => document.activeElement === document.querySelector('section.results ol a')")
    above = page.evaluate("() => document.querySelector('section.results').getBoundingClientRect().top"
                          " <= document.querySelector('aside.facets').getBoundingClientRect().top")
    page.close()
    assert (focused, first, above) == ("results", True, True)


@needs_chromium
@pytest.mark.browser
@pytest.mark.parametrize("token, focused", [("wrong", "token"), ("s3cret", "result-heading")])
def test_the_upload_answer_puts_the_focus_on_the_token_field_or_on_the_report(server, browser, tmp_path, token,
                                                                              focused):
    bad = tmp_path / "bad.csv"
    bad.write_text("garbage\n", encoding="utf-8")
    page = browser.new_page()
    page.goto(server + "/upload")
    page.set_input_files("#file", str(bad))
    page.fill("#token", token)
    page.press("#token", "Enter")
    page.wait_for_load_state()
    from playwright.sync_api import TimeoutError as NotFocused

    try:  # a browser applies autofocus at its next rendering opportunity, after the load event
        page.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg=focused,
                               timeout=10_000)
    except NotFocused:
        pass  # the assertion below says what took the focus instead
    active = page.evaluate("() => document.activeElement.id")
    page.close()
    assert active == focused
