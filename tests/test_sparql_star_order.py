"""``SELECT *`` answers its columns in the order in which the query names its variables, in every results format of
the endpoint (the engine sorts them by name)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from web_fixture import app_on_fixture

from graph.projection import in_query_order

QUERY = ("SELECT * WHERE { ?s a <https://w3id.org/maillage/ontology#Grant> ; <http://schema.org/amount> ?amount "
         "OPTIONAL { ?s <https://w3id.org/maillage/ontology#fiscalYear> ?b } FILTER(!BOUND(?zzz)) } ORDER BY ?s")
ORDER = ["s", "amount", "b", "zzz"]
RESULTS = "http://www.w3.org/2005/sparql-results#"


def columns(fmt: str, data: bytes) -> list[str]:
    """The columns of SELECT results ``data`` in format ``fmt``, as a client reads them."""
    text = data.decode("utf-8")
    if fmt == "json":
        return json.loads(text)["head"]["vars"]
    if fmt == "xml":
        return [v.get("name") for v in ET.fromstring(text).iter(f"{{{RESULTS}}}variable")]
    if fmt == "tsv":
        return [name.lstrip("?") for name in text.split("\n")[0].split("\t")]
    return next(csv.reader(io.StringIO(text)))


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with app_on_fixture(tmp_path_factory.mktemp("star")) as app:
        yield app.test_client()


@pytest.mark.parametrize("fmt, media_type", [
    ("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"), ("csv", "text/csv"),
    ("tsv", "text/tab-separated-values")])
def test_select_star_gives_its_columns_in_the_order_the_query_names_them(client, fmt, media_type):
    response = client.get("/sparql", query_string={"query": QUERY}, headers={"Accept": media_type})
    assert response.status_code == 200
    assert columns(fmt, response.data) == ORDER[:3]  # ?zzz, only in a FILTER, is in no scope


def test_select_star_keeps_each_cell_under_its_column(client):
    def rows(media_type):
        response = client.get("/sparql", query_string={"query": QUERY}, headers={"Accept": media_type})
        tsv = "tab" in media_type
        return list(csv.DictReader(io.StringIO(response.data.decode("utf-8")), delimiter="\t" if tsv else ",",
                                   quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL))

    def lexical(term: str) -> str:  # a TSV cell's term as CSV writes it: an IRI bare, a literal's text alone
        return term.split('"')[1] if term.startswith('"') else term.strip("<>")

    by_csv, by_tsv = rows("text/csv"), rows("text/tab-separated-values")
    assert len(by_csv) == 2 and list(by_csv[0]) == ORDER[:3]
    assert [list(row.values()) for row in by_csv] == [[lexical(term) for term in row.values()] for row in by_tsv]


def test_a_cell_quoted_in_csv_moves_whole_with_its_column():
    data = b'o,s\r\n"a,""b""\nc",http://e/1\r\n'
    assert in_query_order(data, "csv", ["o", "s"], ("s", "o")) == b's,o\r\nhttp://e/1,"a,""b""\nc"\r\n'
