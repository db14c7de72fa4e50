"""A file whose bytes are those of a stored source under another name (u30, finding 6: a list renamed
« …-corrige.csv » and ingested before the old name was removed) is told first, with what to do — on the command line
and on the upload form, which removes no source —, and its grants, all published by that source, in one line rather
than row by row."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from web_fixture import app_on_fixture

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

TOKEN = "s3cret"
GRANTS = """\
nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;objet;montant;nature
Commune de Lyon;21690123100011;2023-03-01;Association A;44306184100047;Fête du quartier;1500;aide en numéraire
Commune de Lyon;21690123100011;2023-03-02;Association B;44306184100047;Jardin partagé;2500;aide en numéraire
Commune de Lyon;21690123100011;2023-03-03;Association C;44306184100047;Atelier vélo;800;aide en numéraire
"""


def _ingest(data: Path, path: Path):
    """Ingest ``path`` into the store of ``data``; its report."""
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    said = []
    ingest_paths(store, [path], on_report=lambda report, error, _: said.append(report))
    store.close()
    return said[0]


@pytest.fixture
def renamed(tmp_path) -> tuple[Path, Path]:
    """The data directory with ``grants.csv`` stored, and the same bytes as ``grants-corrige.csv``."""
    (tmp_path / "grants.csv").write_text(GRANTS, encoding="utf-8")
    (tmp_path / "grants-corrige.csv").write_text(GRANTS, encoding="utf-8")
    _ingest(tmp_path / "data", tmp_path / "grants.csv")
    return tmp_path / "data", tmp_path / "grants-corrige.csv"


def test_a_file_identical_to_a_stored_source_is_told_first_with_the_command_that_finishes_the_rename(renamed):
    report = _ingest(*renamed)
    first = report.warnings[0]
    assert first.message.startswith("fichier identique à « grants.csv », déjà importé le ")
    assert "s'il le remplace sous un nouveau nom, retirez l'ancien (maillage remove grants.csv)" in first.message
    assert first.message.endswith("sinon ses subventions sont comptées deux fois dans les totaux")
    assert first.message_en.startswith("file identical to 'grants.csv', already ingested on ")
    assert "remove the old one (maillage remove grants.csv)" in first.message_en


def test_its_grants_all_published_by_that_source_are_said_in_one_line(renamed):
    report = _ingest(*renamed)
    repeated = [issue for issue in report.warnings if "déjà publiée" in issue.message]
    assert [issue.message for issue in repeated] == [
        "ses 3 subventions sont toutes déjà publiées par « grants.csv » : elles seront comptées deux fois dans les "
        "totaux"]


def test_a_list_that_repeats_only_some_grants_is_still_told_row_by_row(tmp_path):
    (tmp_path / "grants.csv").write_text(GRANTS, encoding="utf-8")
    (tmp_path / "other.csv").write_text(GRANTS.replace("800", "900"), encoding="utf-8")
    _ingest(tmp_path / "data", tmp_path / "grants.csv")
    report = _ingest(tmp_path / "data", tmp_path / "other.csv")
    assert [issue.line for issue in report.warnings if "déjà publiée" in issue.message] == [2, 3]
    assert not any("fichier identique" in issue.message for issue in report.warnings)


def test_the_same_file_read_again_under_its_own_name_is_not_said_identical(renamed):
    data, copy = renamed
    store = open_store({"store": "oxigraph", "data_dir": str(data)})
    said = []
    ingest_paths(store, [copy.with_name("grants.csv")], force=True, on_report=lambda report, *_: said.append(report))
    store.close()
    assert not any("fichier identique" in issue.message for issue in said[0].warnings)


def test_the_upload_says_what_to_do_where_the_form_removes_no_source(tmp_path):
    with app_on_fixture(tmp_path, write_token=TOKEN) as app:
        client = app.test_client()
        for name in ("grants.csv", "grants-corrige.csv"):
            answer = client.post("/api/upload", data={"file": (io.BytesIO(GRANTS.encode()), name)},
                                 headers={"Authorization": f"Bearer {TOKEN}"})
            assert answer.status_code == 200, answer.get_data(as_text=True)
        text = "\n".join(answer.get_json()["lines"])
    assert "fichier identique à « grants.csv »" in text
    assert "demandez à qui administre Maillage de retirer l'ancien (ce formulaire ne retire aucune source : " \
           "maillage remove grants.csv), ou déposez-le plutôt sous le nom « grants.csv »" in text
