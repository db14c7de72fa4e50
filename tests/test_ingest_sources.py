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


def test_a_file_name_met_twice_in_one_ingest_replaces_its_first_version_and_touches_its_subjects(oxi_store,
                                                                                                 tmp_path):
    first = write(tmp_path / "one" / "list.csv", GRANTS.format(name="Club Alpha"))
    second = write(tmp_path / "two" / "list.csv", GRANTS.format(name="Club Beta"))
    same = write(tmp_path / "three" / "list.csv", GRANTS.format(name="Club Beta"))
    reports = ingest_paths(oxi_store, [first, second, same], publish_interval=3600)
    labels = {str(row[0]) for row in oxi_store.query(
        "SELECT ?l WHERE { GRAPH ?g { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l } }")}
    assert [r.status for r in reports] == ["stored", "stored", "unchanged"]
    assert reports[0].touched < reports[1].touched and "Club Alpha" not in labels and "Club Beta" in labels
