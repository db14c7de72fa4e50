"""Reader versions (:mod:`graph.ingest.reader_versions`): recorded with each source, a file stored by another
version of its kind's reader read again at its next ingest and listed by ``maillage validate``, and the guard that
a reader's output does not change without its version (:mod:`tests.reader_digests`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from graph.ingest import KIND_MODULES
from graph.ingest.base import source_iri
from graph.ingest.pipeline import ingest_file, ingest_paths, read_source
from graph.ingest.reader_versions import READER_VERSIONS
from graph.ingest.sources import StoredSources, stored_reading
from graph.namespaces import MAI
from graph.store import open_store
from graph.triples import TripleSet
from tests import reader_digests
from webapp.cli import main
from webapp.reports import format_report, format_summary

GRANTS = ("nomAttribuant;idAttribuant;dateConvention;nomBeneficiaire;idBeneficiaire;objet;montant;nature;"
          "conditionsVersement;datesPeriodeVersement;notificationUE;pourcentageSubvention\n"
          "Ville;21060004500392;2024-01-15;Club Alpha;10000000000008;Fonctionnement;100;aide en numéraire;unique;"
          "2024-02-01;non;1\n")  # every column SCDL 2.1.1 requires: a list missing one is warned of
TURTLE = "<https://ex.org/a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\" .\n"
VERSION = MAI.readerVersion.n3()
NOW = READER_VERSIONS["scdl-subventions"]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def set_version(store, source: URIRef, version: int | None) -> None:
    """Make the stored ``source`` look read by ``version`` of its reader (None: by a Maillage that recorded none)."""
    with store.writer() as writer:
        writer.update(f"DELETE WHERE {{ GRAPH <{source}> {{ <{source}> {VERSION} ?v }} }}")
        if version is not None:
            writer.add(source, TripleSet([(source, MAI.readerVersion, Literal(version))]))
        writer.commit()


def cli(data: Path, *args: str):
    return CliRunner().invoke(main, ["--data", str(data), *args], catch_exceptions=False)


# --- the versions ----------------------------------------------------------------------------------------------

def test_every_registered_kind_has_a_reader_version():
    assert set(READER_VERSIONS) == set(KIND_MODULES), (
        f"kinds without a reader version: {sorted(set(KIND_MODULES) - set(READER_VERSIONS))}, versions of no kind: "
        f"{sorted(set(READER_VERSIONS) - set(KIND_MODULES))}: give each kind its version (1 for a new one) in "
        "READER_VERSIONS in graph/ingest/reader_versions.py")
    assert all(isinstance(version, int) and version >= 1 for version in READER_VERSIONS.values())


@pytest.mark.parametrize("name, text, kind", [("f.csv", GRANTS, "scdl-subventions"), ("f.ttl", TURTLE, "rdf")],
                         ids=["table", "rdf"])
def test_a_file_is_stored_with_the_version_of_its_kinds_reader(any_store, tmp_path, name, text, kind):
    """An extraction's description and an RDF file's (loaded by the engine, described apart) alike."""
    path = write(tmp_path / name, text)
    ingest_paths(any_store, [path])
    reading = stored_reading(any_store.query, source_iri(path))
    assert reading.kind == kind and reading.versions == {READER_VERSIONS[kind]}


def test_the_shipped_vocabularies_are_stored_without_a_reader_version(oxi_store, tmp_path):
    ingest_paths(oxi_store, [write(tmp_path / "f.ttl", TURTLE)])
    rows = list(oxi_store.query(f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g {VERSION} ?v }} }}"))
    assert [row[0] for row in rows] == [source_iri(tmp_path / "f.ttl")]


# --- read again ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("version", [None, NOW - 1], ids=["none recorded", "earlier"])
def test_a_file_stored_by_another_reader_version_is_read_again_and_replaced(any_store, tmp_path, version):
    path = write(tmp_path / "list.csv", GRANTS)
    ingest_paths(any_store, [path])
    set_version(any_store, source_iri(path), version)
    [report] = ingest_paths(any_store, [path])
    assert report.status == "stored"
    assert stored_reading(any_store.query, source_iri(path)).versions == {NOW}
    graphs = list(any_store.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a ?t } }"))
    assert source_iri(path) in [row[0] for row in graphs]
    assert [report.status for report in ingest_paths(any_store, [path])] == ["unchanged"]


def test_a_file_stored_by_the_current_reader_version_is_unchanged(any_store, tmp_path):
    path = write(tmp_path / "list.csv", GRANTS)
    ingest_paths(any_store, [path])
    [report] = ingest_paths(any_store, [path])
    assert (report.status, report.issues) == ("unchanged", [])


def test_a_file_is_read_again_alone_or_prepared_ahead_in_a_batch(oxi_store, tmp_path):
    """One file is extracted by the writer; of two, the lookahead extracts the one to read again in advance."""
    one, two = write(tmp_path / "one.csv", GRANTS), write(tmp_path / "two.csv", GRANTS.replace("Alpha", "Beta"))
    ingest_paths(oxi_store, [one, two])
    set_version(oxi_store, source_iri(one), None)
    set_version(oxi_store, source_iri(two), None)
    assert [r.status for r in ingest_paths(oxi_store, [one])] == ["stored"]
    assert [r.status for r in ingest_paths(oxi_store, [one, two])] == ["unchanged", "stored"]


def test_ingest_file_without_the_stored_sources_asks_the_store_for_the_version(oxi_store, tmp_path):
    path = write(tmp_path / "list.csv", GRANTS)
    ingest_paths(oxi_store, [path])
    set_version(oxi_store, source_iri(path), None)
    with oxi_store.writer() as writer:
        report = ingest_file(writer, read_source(path))
        writer.commit()
        assert report.status == "stored" and report.issues[0].message.startswith("relu : ")
        assert ingest_file(writer, read_source(path)).status == "unchanged"


@pytest.mark.parametrize("version, lang, said", [
    (NOW - 1, "fr", f"list.csv: information : relu : enregistré par une version antérieure du lecteur "
                    f"scdl-subventions ({NOW - 1}, maintenant {NOW})"),
    (None, "fr", f"list.csv: information : relu : enregistré par une version antérieure du lecteur scdl-subventions "
                 f"(version non notée, maintenant {NOW})"),
    (NOW + 1, "en", f"list.csv: info: read again: stored by a later version of the scdl-subventions reader "
                    f"({NOW + 1}, now {NOW})"),
    (None, "en", f"list.csv: info: read again: stored by an earlier version of the scdl-subventions reader "
                 f"(no version recorded, now {NOW})"),
])
def test_the_report_of_a_file_read_again_says_why_in_one_line(oxi_store, tmp_path, version, lang, said):
    path = write(tmp_path / "list.csv", GRANTS)
    ingest_paths(oxi_store, [path])
    set_version(oxi_store, source_iri(path), version)
    [report] = ingest_paths(oxi_store, [path])
    assert format_report(report, lang).splitlines()[2] == "  " + said  # the first issue, under the counts
    stored, unchanged = ("1 file stored, 0 unchanged", "0 warnings") if lang == "en" else \
        ("1 fichier enregistré, 0 inchangé", "0 avertissement")
    assert stored in format_summary([report], [], lang) and unchanged in format_summary([report], [], lang)


def test_force_reads_again_a_file_of_the_current_version_without_saying_it_is_old(oxi_store, tmp_path):
    path = write(tmp_path / "list.csv", GRANTS)
    ingest_paths(oxi_store, [path])
    [report] = ingest_paths(oxi_store, [path], force=True)
    assert report.status == "stored" and not any("relu" in issue.message for issue in report.issues)


def test_stored_sources_read_the_versions_as_the_query_of_one_source(oxi_store):
    a, b, c = (URIRef(f"https://ex.org/g/{name}") for name in "abc")
    with oxi_store.writer() as writer:
        writer.replace_graph(a, TripleSet([(a, MAI.sha256, Literal("1")), (a, MAI.readerVersion, Literal(2))]))
        writer.replace_graph(b, TripleSet([(b, MAI.sha256, Literal("2"))]))
        writer.replace_graph(c, TripleSet([(c, MAI.sha256, Literal("3")), (c, MAI.readerVersion, Literal(1)),
                                           (c, MAI.readerVersion, Literal(2))]))
        sources = StoredSources(writer.query)
        assert [sources.reading(g) for g in (a, b, c)] == [stored_reading(writer.query, g) for g in (a, b, c)]
        assert [sources.reading(g).versions for g in (a, b, c)] == [{2}, set(), {1, 2}]
        assert sources.sha256(c) == "3"  # two versions make no two hashes


# --- maillage validate ---------------------------------------------------------------------------------------------

def test_validate_lists_the_sources_of_an_earlier_reader_one_warning_each_without_failing(tmp_path):
    data = tmp_path / "data"
    old, none, fresh = (write(tmp_path / f"{name}.csv", GRANTS.replace("Alpha", name)) for name in
                        ("old", "none", "fresh"))
    assert cli(data, "ingest", "--no-index", str(old), str(none), str(fresh)).exit_code == 0
    store = open_store({"store": "oxigraph", "data_dir": str(data), "lock_timeout": 5})
    set_version(store, source_iri(old), NOW - 1)
    set_version(store, source_iri(none), None)
    store.close()
    result = cli(data, "validate")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"none.csv: avertissement : lu par une version antérieure du lecteur scdl-subventions (version non notée, "
        f"maintenant {NOW}) : ingérez-le de nouveau",
        f"old.csv: avertissement : lu par une version antérieure du lecteur scdl-subventions ({NOW - 1}, maintenant "
        f"{NOW}) : ingérez-le de nouveau"]
    assert "0 violation, 2 avertissements" in result.stderr
    assert cli(data, "ingest", "--no-index", str(old), str(none), str(fresh)).exit_code == 0
    again = cli(data, "validate")
    assert (again.exit_code, again.stdout) == (0, "")


# --- backups ---------------------------------------------------------------------------------------------------

def test_a_restored_dump_keeps_the_reader_versions_it_holds(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    old, fresh = write(tmp_path / "old.csv", GRANTS), write(tmp_path / "fresh.csv", GRANTS.replace("Alpha", "Beta"))
    assert cli(first, "ingest", "--no-index", str(old), str(fresh)).exit_code == 0
    store = open_store({"store": "oxigraph", "data_dir": str(first), "lock_timeout": 5})
    set_version(store, source_iri(old), NOW - 1)
    store.close()
    assert cli(first, "export", "--format", "trig", "-o", str(tmp_path / "backup.trig")).exit_code == 0
    assert cli(second, "ingest", "--no-index", str(tmp_path / "backup.trig")).exit_code == 0
    store = open_store({"store": "oxigraph", "data_dir": str(second), "lock_timeout": 5})
    versions = [stored_reading(store.query, source_iri(path)).versions for path in (old, fresh)]
    reports = ingest_paths(store, [old, fresh])
    store.close()
    assert versions == [{NOW - 1}, {NOW}]
    assert [report.status for report in reports] == ["stored", "unchanged"]


# --- the guard: a reader's output does not change without its version ----------------------------------------------

def test_every_registered_kind_has_samples_and_a_recorded_digest():
    sampled, recorded, registered = set(reader_digests.SAMPLES), set(reader_digests.recorded()), set(KIND_MODULES)
    assert sampled == recorded == registered, (
        f"kinds without sample files: {sorted(registered - sampled)}, without a recorded digest: "
        f"{sorted(registered - recorded)}; samples or digests of no kind: {sorted((sampled | recorded) - registered)}: "
        "add each kind's sample files to SAMPLES in tests/reader_digests.py, then record its digest with "
        "`python -m tests.reader_digests --update KIND`")


@pytest.mark.parametrize("kind", list(KIND_MODULES))
def test_each_readers_output_is_the_one_recorded_at_its_version(kind):
    assert reader_digests.digest_problem(kind) is None, reader_digests.digest_problem(kind)


def test_an_output_changed_at_the_same_version_asks_to_bump_the_version_and_record_the_digest(monkeypatch):
    monkeypatch.setattr(reader_digests, "kind_digest", lambda kind: "0" * 64)
    said = reader_digests.digest_problem("register")
    assert said.startswith("the register reader's output changed")
    assert f"bump its version in graph/ingest/reader_versions.py (now {READER_VERSIONS['register']})" in said
    assert said.endswith("record the new digest with `python -m tests.reader_digests --update register`")


def test_a_version_bumped_without_its_digest_recorded_asks_to_record_it(monkeypatch):
    monkeypatch.setitem(READER_VERSIONS, "register", READER_VERSIONS["register"] + 1)
    said = reader_digests.digest_problem("register")
    assert "but its digest was recorded at version" in said
    assert said.endswith("with `python -m tests.reader_digests --update register`")


def test_the_update_command_records_the_digest_at_the_current_version(monkeypatch, tmp_path):
    monkeypatch.setattr(reader_digests, "RECORDED", tmp_path / "digests.json")
    monkeypatch.setattr(reader_digests, "kind_digest", lambda kind: f"digest of {kind}")
    monkeypatch.setitem(READER_VERSIONS, "register", 7)
    assert reader_digests.main(["--update", "register"]) == 0
    assert reader_digests.recorded() == {"register": {"version": 7, "digest": "digest of register"}}
    assert reader_digests.digest_problem("register") is None
