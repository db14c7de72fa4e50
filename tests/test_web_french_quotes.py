"""French quotes on the web pages: no line breaks between a guillemet and its word, in French and in English pages
alike — a no-break space inside « … » in the interface's strings, and in the values and messages that pages show
(while the JSON and the terminal keep the source's spaces). The demo corpus, one app for the module's pages."""

from __future__ import annotations

import re
import shutil

import pytest

from webapp import create_app
from webapp.i18n import STRINGS
from webapp.resources import close_resources

#: A plain space (or its entity) right after « or right before ».
BREAKABLE = re.compile(r"«(?: |&#32;)|(?: |&#32;)»")

PAGES = {"home": "/", "search": "/search?q=sant%C3%A9", "actor": "/id/actor/danaecare",
         "founding deliberation": "/id/deliberation/siren-244200770/2024-00240", "funding": "/funding",
         "goals": "/goals", "network": "/network", "named query": "/queries/membres-actuels-par-cercle",
         "named query, no name matches": "/queries/partenaires-par-cercle?cercle=zzzz",
         "upload": "/upload", "sparql": "/sparql", "error message": "/network?limit=beaucoup"}


@pytest.fixture(scope="module")
def client(demo_data_template, tmp_path_factory):
    data = tmp_path_factory.mktemp("quotes") / "data"
    shutil.copytree(demo_data_template, data)
    app = create_app({"data_dir": str(data), "write_token": "secret", "query_workers": 1})
    yield app.test_client()
    close_resources(app)


def _breakable(text: str) -> list[str]:
    return [text[max(0, m.start() - 40):m.end() + 40] for m in BREAKABLE.finditer(text)]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_can_break_a_line_inside_french_quotes(client, name, lang):
    path = PAGES[name]
    response = client.get(path + ("&" if "?" in path else "?") + f"lang={lang}", headers={"Accept": "text/html"})
    page = response.get_data(as_text=True)
    assert _breakable(page) == []


def test_the_search_page_s_title_keeps_the_searched_words_in_whole_quotes(client):
    page = client.get("/search?q=DanaeCare&lang=fr").get_data(as_text=True)
    assert "<title>«&nbsp;DanaeCare&nbsp;» · Recherche · Maillage</title>" in page


def test_no_interface_string_has_a_plain_space_inside_french_quotes():
    assert [key for key, texts in STRINGS.items() for text in texts if BREAKABLE.search(text)] == []


def test_the_json_keeps_the_source_s_spaces_inside_its_quotes(client):
    page = client.get("/network?limit=beaucoup", headers={"Accept": "application/json"}).get_json()
    assert "« limit »" in str(page)


@pytest.mark.parametrize("given, kept", [("« santé »", "«\u00a0santé\u00a0»"), ("a «b» c", "a «b» c"),
                                         ("no quotes here ", "no quotes here "), (3, 3)])
def test_a_value_keeps_its_quotes_whole_and_anything_else_as_it_is(given, kept):
    from webapp.formatting import quotes_kept_whole

    assert quotes_kept_whole(given) == kept


def test_the_search_field_gives_back_the_searched_text_as_typed(client):
    page = client.get("/search", query_string={"q": "« santé »", "lang": "fr"}).get_data(as_text=True)
    assert 'type="search" value="« santé »"' in page


def test_the_sparql_editor_gives_back_its_query_as_typed_and_shows_the_result_with_whole_quotes(client):
    query = 'SELECT ?x WHERE { BIND("« a »" AS ?x) }'
    page = client.post("/sparql?lang=fr", data={"query": query}, headers={"Accept": "text/html"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'SELECT ?x WHERE { BIND(&#34;« a »&#34; AS ?x) }</textarea>' in text
    assert "«\u00a0a\u00a0»" in text and _breakable(text[text.index("</textarea>"):]) == []
