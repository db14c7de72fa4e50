"""Every route under /api takes ``lang`` (the names and messages of its answer in that language): the OpenAPI
description said so of /api/grants only, and a client generated from it could not ask another route in English."""

from __future__ import annotations

import pytest
from web_fixture import GRANT, app_on_fixture

#: A request each GET route answers with a 200, but for ``lang``.
REQUESTS = {"/api/search": {"q": "santé"}, "/api/suggest": {"q": "san"}, "/api/resource": {"iri": GRANT},
            "/api/grants": {}, "/api/queries": {}, "/api/openapi.json": {}}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with app_on_fixture(tmp_path_factory.mktemp("lang")) as app:
        yield app.test_client()


def test_every_get_route_describes_lang_and_takes_it(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    described = {path for path, item in paths.items()
                 if "get" in item and any(p["name"] == "lang" for p in item["get"].get("parameters", []))}
    assert described == {path for path, item in paths.items() if "get" in item}
    for path, args in REQUESTS.items():
        assert client.get(path, query_string={**args, "lang": "en"}).status_code == 200, path


def test_a_named_query_takes_lang_as_its_description_says(client):
    name = next(query["name"] for query in client.get("/api/queries").get_json()["queries"]
                if not query["parameters"])
    assert client.get(f"/api/queries/{name}", query_string={"lang": "en"}).status_code == 200
