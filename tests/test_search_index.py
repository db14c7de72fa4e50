"""The index as written in bulk: the same index as whoosh's own writer would make, readable and mergeable by
whoosh, independent of the number of writer processes, and versioned by its format."""

from __future__ import annotations

import pytest
from whoosh import index as whoosh_index

import search.bulk as bulk
from search.documents import facts_to_documents
from search.errors import IndexUnavailable
from search.facts import load_facts
from search.index_check import check_index
from search.index_layout import INDEX_FORMAT, current_version, index_root
from search.indexer import build_index, update_index
from search.query import search
from search.reader import SearchIndex
from search.schema import WARM_UP, Codec, document_to_fields, make_schema
from search.segment import WARM_EXT
from test_search_corpus import PREFIXES, build_corpus, ingest, iri, write

NEW_GRANT = PREFIXES + """
<grant/g9> a mai:Grant ; schema:funder <actor/departement> ; mai:beneficiary <actor/veilleurs> ;
    schema:amount "7000"^^xsd:decimal ; mai:fiscalYear 2025 ; dcterms:description "Formation des bénévoles" .
"""


def _contents(ix) -> tuple:
    """Everything a reader can get from an index: the postings of every term, stored fields, column values."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        postings = {(field, text): list(reader.postings(field, text).all_ids())
                    for field in reader.indexed_field_names() for text, _ in reader.iter_field(field)}
        columns = {name: list(reader.column_reader(name)) for name in ("sort_name", "amount")}
        return postings, list(reader.all_stored_fields()), columns


def _terms_by_iri(ix) -> dict[str, set]:
    """The (field, term) pairs of each live document, by IRI."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        iris = {docnum: fields["iri"] for docnum, fields in reader.iter_docs()}
        found: dict[str, set] = {iri: set() for iri in iris.values()}
        for field in reader.indexed_field_names():
            for text, _ in reader.iter_field(field):
                for docnum in reader.postings(field, text).all_ids():
                    if docnum in iris:
                        found[iris[docnum]].add((field, text))
        return found


def _current(config):
    root = index_root(config)
    return whoosh_index.open_dir(str(root / current_version(root)))


def whoosh_own_index(store, folder):
    """The index of ``store``'s documents as whoosh's own writer makes it, in ``folder``: what the bulk writer's
    must hold."""
    folder.mkdir()
    reference = whoosh_index.create_in(str(folder), make_schema())
    writer = reference.writer(codec=Codec())
    for doc in facts_to_documents(load_facts(store)):
        writer.add_document(**document_to_fields(doc))
    writer.commit()
    return reference


def test_the_bulk_writer_makes_the_index_whoosh_own_writer_makes(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    assert _contents(_current(config)) == _contents(whoosh_own_index(store, tmp_path / "reference"))


def test_whoosh_merges_a_bulk_written_segment_without_changing_it(tmp_path):
    _, config, _ = build_corpus(tmp_path)
    ix = _current(config)
    before = _contents(ix)
    ix.writer(codec=Codec()).commit(optimize=True)
    assert _contents(ix) == before


def test_several_writer_processes_give_the_same_documents_in_the_same_order(tmp_path, monkeypatch):
    store, config, _ = build_corpus(tmp_path)
    one = _contents(_current(config))
    monkeypatch.setattr(bulk, "MIN_DOCUMENTS_PER_PROCESS", 1)
    build_index(store, {**config, "index_procs": 3})
    ix = _current(config)
    assert len(ix.reader().leaf_readers()) == 3
    assert _contents(ix) == one


def test_a_writer_process_that_fails_fails_the_build_and_keeps_the_published_version(tmp_path, monkeypatch):
    store, config, index = build_corpus(tmp_path)
    published = current_version(index_root(config))

    def fail(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(bulk, "MIN_DOCUMENTS_PER_PROCESS", 1)
    monkeypatch.setattr(bulk, "_write_segment", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        build_index(store, {**config, "index_procs": 2})
    assert current_version(index_root(config)) == published
    assert search(index, "Veilleurs")["results"][0]["iri"] == iri("actor/veilleurs")


def test_an_update_writes_the_terms_a_rebuild_writes(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    ingest(store, config, write(tmp_path, "grant.ttl", NEW_GRANT))
    updated = _terms_by_iri(_current(config))
    build_index(store, config)
    assert _terms_by_iri(_current(config)) == updated


def test_an_update_writes_the_whole_name_of_a_name_with_cents_as_a_rebuild_does(tmp_path):
    """A whole name holds a comma when it holds cents ("1234,5"): whole names were parted by commas in the
    fields that whoosh's writer reads, so an update wrote « Pass 1 234,50 € » as "pass 1234" and "5"."""
    store, config, _ = build_corpus(tmp_path)
    ingest(store, config, write(tmp_path, "pass.ttl", PREFIXES + '<actor/pass> a mai:Association ;'
                                                               ' rdfs:label "Pass 1 234,50 €" .\n'))
    updated = _terms_by_iri(_current(config))
    assert ("whole", b"pass 1234,5") in updated[iri("actor/pass")]
    build_index(store, config)
    assert _terms_by_iri(_current(config)) == updated


def _downgrade(config) -> None:
    root = index_root(config)
    (root / current_version(root) / "FORMAT").unlink()  # as an index built before formats were numbered


def test_an_index_of_an_older_format_is_refused_by_readers_and_reported_by_the_check(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    _downgrade(config)
    with pytest.raises(IndexUnavailable, match="maillage index"):
        search(SearchIndex.from_config(config), "Veilleurs")
    report = check_index(store, config)
    assert not report.ok and "format 1" in report.format() and f"format {INDEX_FORMAT}" in report.format()


def test_an_update_rebuilds_an_index_of_an_older_format(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    _downgrade(config)
    stats = update_index(store, config, {iri("actor/pilat")})
    assert stats.rebuilt is not None
    assert check_index(store, config).ok


def _damage(config) -> None:
    root = index_root(config)
    for segment in (root / current_version(root)).glob("*.seg"):
        segment.unlink()  # a segment's file deleted (a disk error, a hand that cleaned up)


def test_a_damaged_index_is_refused_by_readers_and_the_check_saying_how_to_rebuild_it(tmp_path):
    """A segment's file deleted gave tracebacks (FileNotFoundError) to `maillage search` and `index --check`."""
    store, config, _ = build_corpus(tmp_path)
    _damage(config)
    with pytest.raises(IndexUnavailable, match=r"^index de recherche endommagé \(FileNotFoundError: .*\) : lancez "
                                               r"« maillage index » pour le reconstruire$"):
        search(SearchIndex.from_config(config), "Veilleurs")
    with pytest.raises(IndexUnavailable, match="index de recherche endommagé"):
        check_index(store, config)


def test_an_update_rebuilds_a_damaged_index(tmp_path):
    """An ingest stored its file, then stopped on the damaged index with a traceback, which stayed damaged."""
    store, config, _ = build_corpus(tmp_path)
    _damage(config)
    stats = update_index(store, config, {iri("actor/pilat")})
    assert stats.rebuilt is not None and check_index(store, config).ok


def test_the_warm_up_file_of_a_segment_holds_what_a_reader_would_compute(tmp_path):
    _, config, _ = build_corpus(tmp_path)
    root = index_root(config)
    preloaded = SearchIndex.from_config(config).view()
    for path in (root / current_version(root)).glob("*" + WARM_EXT):
        path.unlink()
    computed = SearchIndex.from_config(config).view()
    assert preloaded.cache.facets and not computed.cache.facets
    for view in (preloaded, computed):
        view.warm()
    for field in WARM_UP.fields:
        assert preloaded.facet(field) == computed.facet(field)
    for sort in ("name", "short", "amount"):
        assert preloaded.order(sort) == computed.order(sort)
    for field in WARM_UP.frequent:
        found = [{t for r, _, s in view.leaves for t in view.cache.frequent_terms(r, s, field)}
                 for view in (preloaded, computed)]
        assert found[0] == found[1] != set()


def test_what_a_writer_noted_and_no_update_took_is_taken_by_the_next_update_or_a_rebuild(tmp_path):
    """An ingest killed between its publish and the index's update left the index behind for good."""
    from search.index_layout import note_pending, pending

    store, config, _ = build_corpus(tmp_path)
    note_pending(config, {iri("actor/pilat"), iri("actor/veilleurs")})
    assert pending(config) == {iri("actor/pilat"), iri("actor/veilleurs")}
    update_index(store, config, ())
    assert pending(config) == set()
    note_pending(config, {iri("actor/pilat")})
    build_index(store, config)
    assert pending(config) == set()
