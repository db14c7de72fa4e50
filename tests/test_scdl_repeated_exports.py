"""A grants list's own SCDL export, ingested beside the list: each of its grants is warned as already published,
the grants whose reference names a convention (no deliberation) as those that name a deliberation, and those that
only their decision date dates, which the export writes as their convention date."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from graph.export import export_scdl
from graph.ingest.pipeline import ingest_paths
from graph.store import open_store

FIXTURES = Path(__file__).parent / "fixtures" / "tabular"


def _published_lines(report) -> list[int]:
    return sorted(i.line for i in report.issues if i.message.startswith("subvention déjà publiée par"))


def test_every_grant_of_a_lists_scdl_export_ingested_beside_it_is_warned_as_already_published(tmp_path):
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "store")})
    try:
        ingest_paths(store, [FIXTURES / "exemple_valide_v2.1.1.csv"])
        out = io.BytesIO()
        export_scdl(store, out)
        (path := tmp_path / "export.csv").write_bytes(out.getvalue())
        (report,) = ingest_paths(store, [path])
    finally:
        store.close()
    assert _published_lines(report) == list(range(2, 31))
    said = next(i for i in report.issues if i.message.startswith("subvention déjà publiée par"))
    assert (said.message, said.message_en) == (
        "subvention déjà publiée par « exemple_valide_v2.1.1.csv » (ligne 3) : elle sera comptée deux fois dans les "
        "totaux", "grant already published by 'exemple_valide_v2.1.1.csv' (line 3): it will be counted twice in "
        "the totals")


_HEAD = "nomAttribuant;idAttribuant;dateConvention;referenceDecision;nomBeneficiaire;idBeneficiaire;montant\n"
_ROW = "Ville d'Antibes;21060004500012;2013-10-04;CONV N° 2994-13;Club;37939422400016;33000\n"


def _warned(tmp_path: Path, second: str) -> bool:
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        for number, row in enumerate((_ROW, second), 1):
            (path := tmp_path / f"liste{number}.csv").write_text(_HEAD + row, encoding="utf-8")
            (report,) = ingest_paths(store, [path])
    finally:
        store.close()
    return bool(_published_lines(report))


def test_a_grant_whose_reference_names_no_deliberation_is_warned_when_another_list_publishes_it(tmp_path):
    assert _warned(tmp_path, _ROW)


def test_a_grant_of_another_convention_reference_is_not_warned(tmp_path):
    assert not _warned(tmp_path, _ROW.replace("2994-13", "2995-13"))


def test_grants_without_reference_match_by_their_convention_date_only(tmp_path):
    assert _warned(tmp_path, _ROW.replace("CONV N° 2994-13", ""))


_DECIDED_HEAD = ("nomAttribuant;idAttribuant;dateConvention;referenceDecision;dateDecision;nomBeneficiaire;"
                 "idBeneficiaire;montant\n")
#: A grant that only its decision date dates (no reference, no convention date): its export's row has that day as
#: its dateConvention, SCDL 2.1.1 having no dateDecision column.
_DECIDED_ROW = "Ville d'Antibes;21060004500012;;;2016-03-12;Club;37939422400016;33000\n"


def _exported(tmp_path: Path, day: str) -> Path:
    """The project's SCDL export of a list of :data:`_DECIDED_ROW` alone, its dates made ``day``."""
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "exported")})
    try:
        (path := tmp_path / "liste.csv").write_text(_DECIDED_HEAD + _DECIDED_ROW, encoding="utf-8")
        ingest_paths(store, [path])
        out = io.BytesIO()
        export_scdl(store, out)
    finally:
        store.close()
    assert b",2016-03-12," in out.getvalue()
    (path := tmp_path / "export" / "export.csv").parent.mkdir()
    path.write_bytes(out.getvalue().replace(b"2016-03-12", day.encode()))
    return path


@pytest.mark.parametrize("export_first", [False, True], ids=["list, then export", "export, then list"])
@pytest.mark.parametrize("day, warned", [("2016-03-12", True), ("2017-03-14", False)],
                         ids=["the decision's day", "another day"])
def test_a_grant_dated_by_its_decision_alone_is_warned_beside_its_export_only_if_the_export_gives_that_day(
        tmp_path, day, warned, export_first):
    export, listed = _exported(tmp_path, day), tmp_path / "liste.csv"
    store = open_store({"store": "oxigraph", "data_dir": str(tmp_path / "data")})
    try:
        for path in (export, listed) if export_first else (listed, export):
            (report,) = ingest_paths(store, [path])
    finally:
        store.close()
    other = "export.csv" if export_first else "liste.csv"
    assert [(i.line, i.message) for i in report.issues if i.message.startswith("subvention déjà publiée par")] == (
        [(2, f"subvention déjà publiée par « {other} » (ligne 2) : elle sera comptée deux fois dans les totaux")]
        if warned else [])
