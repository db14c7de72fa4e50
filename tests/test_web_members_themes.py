"""The members' list tells the themes that the PTCE's register declares from those that other sources give."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import EXAMPLES

from webapp.resources import close_resources


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """An app on the demo corpus: the partner register, and the deliberation that gives DanaeCare themes too."""
    from graph.ingest.pipeline import ingest_paths
    from graph.store import open_store
    from webapp import create_app

    folder = tmp_path_factory.mktemp("members-themes")
    store = open_store({"store": "oxigraph", "data_dir": str(folder / "data")})
    paths = [EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt",
             EXAMPLES / "ptce-registre.yaml"]
    assert [r.status for r in ingest_paths(store, paths)] == ["stored", "stored"]
    store.close()
    app = create_app({"store": "oxigraph", "data_dir": str(folder / "data"), "query_workers": 1})
    yield app.test_client()
    close_resources(app)


def _themes(client, name: str) -> dict[str, tuple[set[str], set[str]]]:
    """Each member's themes in the CSV of ``name``: those of the register, those of other sources only."""
    rows = csv.DictReader(io.StringIO(client.get(f"/queries/{name}.csv").get_data(as_text=True)))
    return {row["memberLabel"]: tuple(set(filter(None, row[column].split(" | ")))
                                      for column in ("themes", "themes_other_sources")) for row in rows}


@pytest.mark.parametrize("name", ["partenaires-par-cercle", "membres-actuels-par-cercle"])
def test_the_registers_themes_are_apart_from_those_only_a_deliberation_gives(client, name):
    themes = _themes(client, name)
    assert themes["DanaeCare"] == ({"Relation soignant-soigné", "Tiers-lieu santé"},
                                   {"Coopération territoriale", "ESS et santé"})


def test_a_theme_the_register_declares_is_in_its_column_whatever_other_sources_say_it_too(client):
    assert _themes(client, "partenaires-par-cercle")["Saint-Etienne Métropole"] == (
        {"ESS et santé", "Coopération territoriale"}, set())


@pytest.mark.parametrize("lang, header", [("fr", "Thèmes selon d'autres sources"), ("en", "Themes from other sources")])
def test_the_members_page_names_the_column_of_the_other_sources_themes(client, lang, header):
    page = client.get(f"/queries/partenaires-par-cercle?run=1&lang={lang}", headers={"Accept": "text/html"})
    assert f">{header}<" in page.get_data(as_text=True).replace("&#39;", "'")
