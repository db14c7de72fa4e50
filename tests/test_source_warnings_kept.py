"""The source's description keeps every warning its ingest gave (u30, finding 3): those that the stored graph tells
(a grant another source publishes too, a register's reference that no grant answers), a replacement's, and a
recheck at the end of a batch that settles some of them keeps the count right."""

from __future__ import annotations

import shutil
from pathlib import Path

from rdflib import Literal

from graph.ingest.pipeline import ingest_paths
from graph.namespaces import MAI, sparql_prologue
from graph.store import open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
REGISTER = EXAMPLES / "ptce-registre.yaml"
DELIBERATION = EXAMPLES / "deliberations" / "saint-etienne-metropole-2024-00240-danaecare.txt"
GRANTS = """\
nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;objet;montant;nature
Commune de Lyon;21690123100011;2023-03-01;Association A;44306184100047;Fête du quartier;1500;aide en numéraire
Commune de Lyon;21690123100011;2023-03-02;Association B;77567227200026;Jardin partagé;2500;aide en numéraire
"""


def _ingest(tmp_path: Path, *paths: Path):
    """Ingest ``paths`` in one batch, published together as ``maillage ingest`` does, into the store of
    ``tmp_path/data``; the store and the reports by file name."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    reports = {}
    ingest_paths(store, list(paths), publish_interval=60.0,
                 on_report=lambda report, error, path: reports.setdefault(path.name, report))
    return store, reports


def _kept(store, file_name: str) -> tuple[int, list[str]]:
    """The warning count kept with the source of ``file_name`` and the French messages of its kept issues."""
    query = ("SELECT ?count ?message WHERE { GRAPH ?g { ?g dcterms:title ?title ; mai:warningCount ?count "
             "OPTIONAL { ?g mai:ingestIssue ?i . ?i dcterms:description ?message FILTER(lang(?message) = 'fr') } } }")
    rows = list(store.query(sparql_prologue() + query, {"title": Literal(file_name)}))
    return int(rows[0][0]), sorted(str(row[1]) for row in rows if row[1] is not None)


def test_the_warnings_told_once_the_list_is_stored_are_kept_with_its_source(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "grants.csv").write_text(GRANTS, encoding="utf-8")
    (tmp_path / "grants-copy.csv").write_text(GRANTS.replace("2500", "2600"), encoding="utf-8")
    _ingest(tmp_path, tmp_path / "a" / "grants.csv")[0].close()
    store, reports = _ingest(tmp_path, tmp_path / "grants-copy.csv")
    count, messages = _kept(store, "grants-copy.csv")
    assert count == len(reports["grants-copy.csv"].warnings) == len(messages)
    assert any("déjà publiée par « grants.csv »" in message for message in messages)


def test_a_replacements_warnings_are_kept_with_its_source(tmp_path):
    (tmp_path / "grants.csv").write_text(GRANTS, encoding="utf-8")
    _ingest(tmp_path, tmp_path / "grants.csv")[0].close()
    (tmp_path / "grants.csv").write_text(GRANTS.splitlines()[0] + "\n" + GRANTS.splitlines()[1] + "\n",
                                         encoding="utf-8")
    store, reports = _ingest(tmp_path, tmp_path / "grants.csv")
    count, messages = _kept(store, "grants.csv")
    assert count == len(reports["grants.csv"].warnings) == len(messages)
    assert any(message.startswith("remplace la source") for message in messages)
    assert any("décrit moins que celle qu'elle remplace" in message for message in messages)


def test_a_registers_reference_warning_is_kept_until_a_later_file_of_the_batch_settles_it(tmp_path):
    shutil.copy(REGISTER, tmp_path / REGISTER.name)
    alone, _ = _ingest(tmp_path / "alone", tmp_path / REGISTER.name)
    count, messages = _kept(alone, REGISTER.name)
    assert count == 1 and "aucune délibération n° 2024.00240" in messages[0]
    together, reports = _ingest(tmp_path / "together", tmp_path / REGISTER.name, DELIBERATION)
    assert not reports[REGISTER.name].warnings
    assert _kept(together, REGISTER.name) == (0, [])
    assert not list(together.query(f"SELECT ?i WHERE {{ GRAPH ?g {{ ?s <{MAI.ingestIssue}> ?i }} }}"))


def test_the_source_page_lists_the_warnings_told_once_the_list_is_stored(tmp_path, app_of):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "grants.csv").write_text(GRANTS, encoding="utf-8")
    (tmp_path / "grants-copy.csv").write_text(GRANTS.replace("2500", "2600"), encoding="utf-8")
    _ingest(tmp_path, tmp_path / "a" / "grants.csv")[0].close()
    store, _ = _ingest(tmp_path, tmp_path / "grants-copy.csv")
    store.close()
    page = app_of().get("/id/source/grants-copy-csv").get_data(as_text=True)
    assert "aucun avertissement" not in page
    assert "3 avertissements" in page
    assert "subvention déjà publiée par" in page  # the page spaces « » with no-break spaces


def test_a_registers_reference_warning_kept_is_settled_by_the_deliberation_ingested_later(tmp_path):
    shutil.copy(REGISTER, tmp_path / REGISTER.name)
    store, _ = _ingest(tmp_path, tmp_path / REGISTER.name)
    assert _kept(store, REGISTER.name)[0] == 1
    store.close()
    store, _ = _ingest(tmp_path, DELIBERATION)
    assert _kept(store, REGISTER.name) == (0, [])
