"""One JSON API: a bad paging parameter gets the code and the echoed value that the others get, and /api/grants gives
every sum of money as the exact decimal string that its matching total is."""

from __future__ import annotations

import pytest
from web_fixture import app_on_fixture


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with app_on_fixture(tmp_path_factory.mktemp("api")) as app:
        yield app.test_client()


@pytest.mark.parametrize("name, value", [("page", "0"), ("page_size", "0"), ("page_size", "101"),
                                         ("page_size", "dix")])
def test_a_bad_paging_parameter_of_the_search_is_a_bad_parameter_that_echoes_the_value(client, name, value):
    response = client.get("/api/search", query_string={"q": "santé", name: value})
    error = response.get_json()["error"]
    assert (response.status_code, error["code"]) == (400, "bad-parameter")
    assert f"« {name} »" in error["message"] and f"(reçu « {value} »)" in error["message"]
    assert f"(got '{value}')" in error["message_en"]


def test_the_grants_api_gives_every_amount_as_an_exact_decimal_string(client):
    body = client.get("/api/grants").get_json()
    assert sorted(row["amount"] for row in body["rows"]) == ["20000", "5000"]
    assert (body["total_amount"], body["matching_total_amount"]) == ("25000", "25000")
