"""What the pages of sources and of their versions say of them (u32, findings 6 and 7): times of import to the
second, readable labels for a source's kept issues and previous versions in « Liens vers cette fiche », and
prov:wasRevisionOf named in French and English."""

from __future__ import annotations

from pathlib import Path

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

V1 = """\
nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;objet;montant;nature
Commune de Lyon;21690123100011;2023-03-01;Association A;44306184100047;Fête du quartier;1500;aide en numéraire
Commune de Lyon;21690123100011;2023-03-02;Association B;44306184100047;Jardin partagé;2500;aide en numéraire
"""
V2 = V1.replace("2500", "2600")


def _ingest(tmp_path: Path, text: str) -> None:
    """Write ``text`` as grants.csv and ingest it into the store of ``tmp_path/data``."""
    (tmp_path / "grants.csv").write_text(text, encoding="utf-8")
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    ingest_paths(store, [tmp_path / "grants.csv"])
    store.close()


def _two_versions(tmp_path: Path, app_of):
    """Ingest V1 then V2 as grants.csv; a client, and the times of import of the source and of its version."""
    _ingest(tmp_path, V1)
    _ingest(tmp_path, V2)
    client = app_of()
    query = ("SELECT ?now ?then WHERE { GRAPH ?g { ?g prov:generatedAtTime ?now ; prov:wasRevisionOf ?v . "
             "?v prov:generatedAtTime ?then } }")
    row = client.post("/sparql", data={"query": "PREFIX prov: <http://www.w3.org/ns/prov#> " + query},
                      headers={"Accept": "application/sparql-results+json"}).get_json()["results"]["bindings"][0]
    return client, row["now"]["value"][11:19], row["then"]["value"][11:19]


def test_times_of_import_are_shown_to_the_second(tmp_path, app_of):
    client, now, then = _two_versions(tmp_path, app_of)
    assert f" {now}</td>" in client.get("/sources").get_data(as_text=True)
    page = client.get("/id/source/grants-csv").get_data(as_text=True)
    assert f" {now}" in page  # « importé le »
    section = page[page.index("Versions précédentes"):]
    assert f" {then}" in section[:section.index("</ul>")]
    assert f" {then}" in client.get("/id/version/grants-csv/1").get_data(as_text=True)


def test_a_sources_issues_and_versions_are_named_in_the_links_to_it(tmp_path, app_of):
    client, now, then = _two_versions(tmp_path, app_of)
    page = client.get("/id/source/grants-csv").get_data(as_text=True)
    links = page[page.index("Liens vers cette fiche"):]
    assert f'<a href="/id/version/grants-csv/1">version du ' in links and f" {then}</a>" in links
    assert '<a href="/id/issue/grants-csv/1">avertissement : ' in links
    assert '<a href="/id/issue/grants-csv/1">1</a>' not in links
    english = client.get("/id/source/grants-csv?lang=en").get_data(as_text=True)
    assert '<a href="/id/issue/grants-csv/1">warning: ' in english and "version of " in english


def test_a_line_of_an_issue_names_it():
    from flask import Flask

    from webapp.resource_names import issue_label

    with Flask(__name__).test_request_context("/?lang=fr"):
        said = issue_label("warning", "subvention déjà publiée par « lot.csv » (ligne 2) : elle sera comptée deux "
                                      "fois dans les totaux", 12)
    assert said == "avertissement ligne 12 : subvention déjà publiée par « lot.csv » (ligne 2) : elle…"


def test_a_previous_versions_page_names_its_revision_links(tmp_path, app_of):
    client, *_ = _two_versions(tmp_path, app_of)
    page = client.get("/id/version/grants-csv/1").get_data(as_text=True)
    assert "prov:wasRevisionOf" not in page and "version suivante" in page
    assert "next version" in client.get("/id/version/grants-csv/1?lang=en").get_data(as_text=True)
