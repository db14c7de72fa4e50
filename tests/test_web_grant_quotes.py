"""A grant's page quotes the deliberation's words beside its fiscal year, its budget account (and the M57 nature
account read from it) and its purpose; a year that the text states is not said to be the deliberation's, one that
the text does not name still is."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EXAMPLES

from webapp.resources import close_resources

DEMO = EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
GRANT = "/id/grant/siren-244200770/2024-00240/danaecare"
FRENCH = GRANT + "?lang=fr"
HTML = {"Accept": "text/html"}
IMPUTATION = "la dépense correspondante sera imputée au compte SERV/65748/PROCE."
PURPOSE = "création d'un pôle territorial de coopération économique (PTCE) en santé"


def _client(folder: Path, text: str):
    """An app on a store that holds the deliberation ``text`` alone."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store
    from webapp import create_app

    path = folder / DEMO.name
    path.write_text(text, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(folder / "data")})
    assert [r.status for r in ingest_paths(store, [path])] == ["stored"]
    store.close()
    return create_app({"store": "oxigraph", "data_dir": str(folder / "data"), "query_workers": 1})


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """An app on the example deliberation, which gives its grant's year: « pour l'année 2024 »."""
    app = _client(tmp_path_factory.mktemp("demo"), DEMO.read_text(encoding="utf-8"))
    yield app.test_client()
    close_resources(app)


@pytest.fixture(scope="module")
def yearless(tmp_path_factory):
    """An app on the example deliberation with its year's words taken out: the year is the session's."""
    text = DEMO.read_text(encoding="utf-8")
    assert text.count(" pour l'année 2024") == 1
    app = _client(tmp_path_factory.mktemp("yearless"), text.replace(" pour l'année 2024", ""))
    yield app.test_client()
    close_resources(app)


def _property_item(page: str, label: str) -> str:
    """The <dd> items of the property whose French label is ``label``, in the page's list of properties."""
    properties = page[page.index('<dl class="properties">'):]
    match = re.search(rf"<dt><span[^>]*>{re.escape(label)}</span>.*?</dt>(.*?)(?=<dt>|</dl>)", properties, re.S)
    assert match, label
    return match.group(1).replace("&#39;", "'").strip()


def test_a_year_the_deliberation_states_is_not_said_to_be_the_deliberation_s(demo):
    assert demo.get(GRANT + ".json").get_json()["fiscal_year_origin"] is None
    page = demo.get(FRENCH, headers=HTML).get_data(as_text=True)
    assert "année de la délibération" not in page
    assert "year of the deliberation" not in demo.get(GRANT + "?lang=en", headers=HTML).get_data(as_text=True)


def test_the_year_s_why_quotes_the_words_that_name_it(demo):
    item = _property_item(demo.get(FRENCH, headers=HTML).get_data(as_text=True), "exercice budgétaire")
    assert item.startswith("<dd>2024") and 'class="why"' in item and "pour l'année 2024" in item


def test_the_account_and_the_nature_read_from_it_quote_the_sentence_that_imputes_the_expense(demo):
    page = demo.get(FRENCH, headers=HTML).get_data(as_text=True)
    for label in ("imputation budgétaire", "compte par nature"):
        item = _property_item(page, label)
        assert 'class="why"' in item and IMPUTATION in item, label


def test_the_purpose_s_why_quotes_its_words(demo):
    item = _property_item(demo.get(FRENCH, headers=HTML).get_data(as_text=True), "description")
    assert 'class="why"' in item and PURPOSE in item


def test_the_json_twin_says_the_property_each_quote_of_the_grant_supports(demo):
    iri = "https://w3id.org/maillage" + GRANT
    quotes = demo.get(GRANT + ".json").get_json()["evidence"][iri]
    supported = {q["supports"]: q["quote"] for q in quotes if q["supports"]}
    assert supported == {"https://w3id.org/maillage/ontology#fiscalYear": "pour l'année 2024",
                         "https://w3id.org/maillage/ontology#budgetAccount": IMPUTATION,
                         "http://purl.org/dc/terms/description": PURPOSE}
    own = [q["quote"] for q in quotes if not q["supports"]]
    assert len(own) == 1 and "approuve le versement" in own[0]


def test_a_year_the_deliberation_does_not_name_is_still_said_to_be_the_deliberation_s(yearless):
    assert yearless.get(GRANT + ".json").get_json()["fiscal_year_origin"] == "deliberation"
    item = _property_item(yearless.get(FRENCH, headers=HTML).get_data(as_text=True), "exercice budgétaire")
    assert item.startswith("<dd>2024 (année de la délibération)") and 'class="why"' not in item
