"""``/search.csv``: every result of a search as CSV, with the parameters of ``/search``, linked from its page.

The corpus is the demo one (``examples/``), ingested by ``maillage ingest``; each test gets a fresh app on it.
"""

from __future__ import annotations

import csv
import html
import io
import re

import pytest

from web_fixture import client_on, demo_data, page_text

HTML = {"Accept": "text/html"}
HEADER = ["rank", "result", "result_iri", "kind", "type", "type_label", "summary", "score", "amount", "theme",
          "theme_iri", "page"]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return demo_data(tmp_path_factory, "search-csv")


@pytest.fixture
def client(data):
    yield from client_on(data)


def _rows(response, delimiter: str = ",") -> list[dict]:
    assert response.status_code == 200 and response.mimetype == "text/csv", response.get_data(as_text=True)
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=delimiter))


def test_the_csv_gives_every_result_in_the_order_of_the_pages_not_one_page(client):
    api = client.get("/api/search?q=santé&page_size=100").get_json()
    assert api["total"] > 20  # more than the page's 20
    response = client.get("/search.csv?q=santé&page=2")
    rows = _rows(response)
    assert [r["result_iri"] for r in rows] == [r["iri"] for r in api["results"]]
    assert [r["rank"] for r in rows] == [str(n) for n in range(1, api["total"] + 1)]
    assert "X-Maillage-Truncated" not in response.headers


def test_the_csvs_columns_say_each_results_kind_label_address_summary_and_score(client):
    response = client.get("/search.csv?q=prévention")
    assert next(csv.reader(io.StringIO(response.get_data(as_text=True)))) == HEADER
    api = {r["iri"]: r for r in client.get("/api/search?q=prévention&page_size=100").get_json()["results"]}
    for row in _rows(response):
        hit = api[row["result_iri"]]
        assert (row["result"], row["kind"], row["type"], row["type_label"], row["summary"]) == (
            hit["label"], hit["kind"], hit["type"], hit["type_label"], hit["summary"])
        assert float(row["score"]) == hit["score"]
        assert row["theme_iri"] == (hit["matched_theme"]["iri"] if hit["matched_theme"] else "")
        assert row["page"].startswith("http://localhost/")
    mutuelle = next(r for r in _rows(response) if r["result"].startswith("Mutuelle"))
    assert mutuelle["page"] == "http://localhost/id/actor/" + mutuelle["result_iri"].rsplit("/", 1)[1]


def test_the_csv_takes_the_searchs_filters_and_sort(client):
    rows = _rows(client.get("/search.csv?q=santé&type=action&sort=name"))
    assert [r["result"] for r in rows] == sorted(r["result"] for r in rows) and len(rows) == 3
    assert {r["kind"] for r in rows} == {"action"} and {r["score"] for r in rows} == {""}


@pytest.mark.parametrize("query, name", [("q=prévention", "recherche-prevention"), ("type=theme", "recherche"),
                                         ("q=Santé mentale&type=theme", "recherche-sante-mentale"),
                                         ("q=prévention&lang=en", "search-prevention")])
def test_the_download_is_named_after_the_text_sought_in_the_pages_language(client, query, name):
    query += "&lang=fr" * ("lang=" not in query)  # not the language another test's cookie chose
    response = client.get("/search.csv?" + query)
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}.csv"'
    excel = client.get("/search.csv?" + query + "&excel=1")
    assert excel.headers["Content-Disposition"] == f'attachment; filename="{name}-excel.csv"'


def test_the_excel_download_has_a_byte_order_mark_semicolons_and_decimal_commas(client):
    response = client.get("/search.csv?q=prévention&excel=1")
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeffrank;result;result_iri;")
    scores = [r["score"] for r in _rows(response, ";")]
    assert any("," in score for score in scores) and not any("." in score for score in scores)


def test_a_search_that_finds_more_than_the_cap_is_cut_and_says_how_many_it_left_out(client, monkeypatch):
    import webapp.search_download

    total = client.get("/api/search?q=santé").get_json()["total"]
    monkeypatch.setattr(webapp.search_download, "MAX_EXPORT_RESULTS", 5)
    response = client.get("/search.csv?q=santé")
    assert len(_rows(response)) == 5 and response.headers["X-Maillage-Truncated"] == str(total - 5)


def test_nothing_asked_downloads_the_header_alone_as_the_page_shows_nothing(client):
    assert _rows(client.get("/search.csv")) == []


@pytest.mark.parametrize("query", ["q=soins&year=deux-mille", "q=soins&page=0", "type=gâteau", "theme=astronomie",
                                   "q=soins&goal=objectif-inexistant", "q=" + "a" * 501])
def test_a_bad_parameter_answers_as_the_search_page_does(client, query):
    page = client.get("/search?" + query, headers=HTML)
    response = client.get("/search.csv?" + query)
    assert page.status_code == response.status_code == 400
    error = response.get_json()["error"]
    assert error["message"] in page_text(page.get_data(as_text=True))


def test_the_search_page_links_the_download_of_every_result_with_its_filters(client):
    page = client.get("/search?q=santé&type=actor&type=action&page=2", headers=HTML).get_data(as_text=True)
    links = [html.unescape(u) for u in re.findall(r'<p class="downloads"><a href="([^"]+)" download>.*?'
                                                  r'<a href="([^"]+)" download', page)[0]]
    assert links == ["/search.csv?q=sant%C3%A9&type=actor&type=action",
                     "/search.csv?q=sant%C3%A9&type=actor&type=action&excel=1"]
    assert _rows(client.get(links[0]))
