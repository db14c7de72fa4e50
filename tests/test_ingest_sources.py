"""What the pipeline reads of the stored sources once per ingest: the same answers as one query per file."""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef

from graph.ingest.pipeline import ingest_paths
from graph.ingest.sources import StoredSources, stored_sha256, stored_subjects
from graph.namespaces import MAI
from graph.triples import TripleSet

GRANTS = "nomAttribuant;idAttribuant;nomBeneficiaire;montant\nVille;21060004500392;{name};100\n"
A, B = URIRef("https://ex.org/g/a"), URIRef("https://ex.org/g/b")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def answers(sources: StoredSources, query, graphs) -> list[tuple]:
    return [(sources.sha256(g), sources.subjects(g), stored_sha256(query, g), stored_subjects(query, g))
            for g in graphs]


def test_stored_sources_answer_as_the_queries_for_present_absent_and_changed_graphs(oxi_store):
    with oxi_store.writer() as writer:
        writer.replace_graph(A, TripleSet([(A, MAI.sha256, Literal("1"))]))
        sources = StoredSources(writer.query)
        writer.replace_graph(B, TripleSet([(B, MAI.sha256, Literal("2"))]))
        sources.changed(B)
        found = answers(sources, writer.query, [A, B])
    assert found == [("1", {A}, "1", {A}), ("2", {B}, "2", {B})]


def test_a_graph_with_two_hashes_is_left_to_the_query(oxi_store):
    with oxi_store.writer() as writer:
        writer.replace_graph(A, TripleSet([(A, MAI.sha256, Literal("1")), (A, MAI.sha256, Literal("2"))]))
        sources = StoredSources(writer.query)
        assert sources.sha256(A) == stored_sha256(writer.query, A)


def test_after_forget_all_every_answer_comes_from_the_store(oxi_store):
    with oxi_store.writer() as writer:
        sources = StoredSources(writer.query)
        writer.replace_graph(A, TripleSet([(A, MAI.sha256, Literal("1"))]))
        sources.forget_all()
        assert answers(sources, writer.query, [A]) == [("1", {A}, "1", {A})]


def test_a_file_name_met_twice_in_one_ingest_is_stored_once_the_others_refused_saying_so(oxi_store, tmp_path):
    """One source a name: a second file of the name in the same ingest would replace the first unseen (it did)."""
    first = write(tmp_path / "one" / "list.csv", GRANTS.format(name="Club Alpha"))
    second = write(tmp_path / "two" / "list.csv", GRANTS.format(name="Club Beta"))
    same = write(tmp_path / "three" / "list.csv", GRANTS.format(name="Club Beta"))
    refused = []
    reports = ingest_paths(oxi_store, [first, second, same], publish_interval=3600,
                           on_report=lambda report, error, path: error and refused.append(path))
    labels = {str(row[0]) for row in oxi_store.query(
        "SELECT ?l WHERE { GRAPH ?g { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l } }")}
    assert [r.status for r in reports] == ["stored"] and refused == [second, same]
    assert "Club Alpha" in labels and "Club Beta" not in labels


def test_a_new_version_of_a_file_touches_the_subjects_of_the_old_one(oxi_store, tmp_path):
    path = write(tmp_path / "list.csv", GRANTS.format(name="Club Alpha"))
    [old] = ingest_paths(oxi_store, [path])
    write(tmp_path / "list.csv", GRANTS.format(name="Club Beta"))
    [new] = ingest_paths(oxi_store, [path])
    assert old.touched < new.touched and any("remplace la source" in i.message for i in new.warnings)
