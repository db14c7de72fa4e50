"""An actor's page says why a deliberation gives it each theme: a « Pourquoi ? » beside the theme, quoting the
words, and the JSON twin gives each quote the theme it supports."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES

from webapp.resources import close_resources

THEME = "https://w3id.org/maillage/ontology/theme/"
DANAECARE = "https://w3id.org/maillage/id/actor/danaecare"
RELATION = "Fondée en 2012, DanaeCare est une association née du constat"
HEADING = "PROGRAMME DE COOPÉRATION DE L'ÉCONOMIE SOCIALE ET SOLIDAIRE"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """An app on the example deliberation that gives DanaeCare its themes."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store
    from webapp import create_app

    folder = tmp_path_factory.mktemp("theme-quotes")
    store = open_store({"store": "oxigraph", "data_dir": str(folder / "data")})
    paths = [EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"]
    assert [r.status for r in ingest_paths(store, paths)] == ["stored"]
    store.close()
    app = create_app({"store": "oxigraph", "data_dir": str(folder / "data"), "query_workers": 1})
    yield app.test_client()
    close_resources(app)


def test_the_json_twin_gives_each_theme_quote_the_theme_it_supports(client):
    quotes = client.get("/id/actor/danaecare.json").get_json()["evidence"][DANAECARE]
    supported = {q["supports"][len(THEME):] for q in quotes if q["supports"]}
    assert supported == {"relation-soignant-soigne", "tiers-lieu-sante", "cooperation-territoriale", "ess-et-sante"}
    assert [q["quote"][:len(RELATION)] for q in quotes if q["supports"] == THEME + "relation-soignant-soigne"] == [
        RELATION]


def test_the_same_words_quoted_for_the_description_and_for_a_theme_are_two_quotes(client):
    quotes = client.get("/id/actor/danaecare.json").get_json()["evidence"][DANAECARE]
    assert sorted(str(q["supports"]) for q in quotes if q["quote"].startswith(RELATION)) == [
        "None", THEME + "relation-soignant-soigne"]


def _value_items(page: str) -> list[str]:
    """The <dd> items of the page's property list."""
    properties = page[page.index('<dl class="properties">'):]
    return re.findall(r"<dd>.*?</dd>", properties, re.S)


def test_the_page_shows_a_why_beside_the_theme_quoting_its_words(client):
    page = client.get("/id/actor/danaecare", headers={"Accept": "text/html"}).get_data(as_text=True)
    theme = next(item for item in _value_items(page) if "relation-soignant-soigne" in item)
    assert 'class="why"' in theme and RELATION in theme.replace("&#39;", "'")


def test_the_actors_own_why_quotes_its_description_and_no_theme(client):
    page = client.get("/id/actor/danaecare", headers={"Accept": "text/html"}).get_data(as_text=True)
    own = page[page.index("<h1>"):page.index("<h2>")].replace("&#39;", "'")
    assert own.count("<blockquote>") == 1 and RELATION in own and HEADING not in own


def test_a_themes_page_lists_the_quotes_that_give_it_as_supporting_it(client):
    iri = THEME + "relation-soignant-soigne"
    data = client.get("/resource", query_string={"iri": iri}, headers={"Accept": "application/json"}).get_json()
    [group] = [g for g in data["inverse"] if g["property"]["iri"] == "https://w3id.org/maillage/ontology#supports"]
    assert group["property"]["label"] == "justifié par"
