"""Freshness: ingest updates what it touched, a rebuild swaps a new version in, the check finds disagreements."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from search.documents import facts_to_documents, reach_of
from search.facts import load_facts
from search.index_check import CheckReport, check_index
from search.index_layout import current_version, index_root
from search.indexer import BuildStats, UpdateStats, build_index, update_index
from search.query import search
from search.reader import SearchIndex
from test_search_corpus import ACTORS_TTL, PREFIXES, THEMES_TTL, build_corpus, ingest, iri, make_config, write

from graph.store import open_store

NEW_GRANT = PREFIXES + """
<grant/g9> a mai:Grant ; schema:funder <actor/departement> ; mai:beneficiary <actor/veilleurs> ;
    schema:amount "7000"^^xsd:decimal ; mai:fiscalYear 2025 ; dcterms:description "Formation des bénévoles" .
"""


def _result(index, text, target):
    return next((r for r in search(index, text, page_size=100)["results"] if r["iri"] == target), None)


def test_the_first_ingest_builds_the_index(tmp_path):
    config = make_config(tmp_path)
    store = open_store(config)
    ingest(store, config, write(tmp_path, "themes.ttl", THEMES_TTL), write(tmp_path, "actors.ttl", ACTORS_TTL))
    assert search(SearchIndex.from_config(config), "Veilleurs")["results"][0]["iri"] == iri("actor/veilleurs")


def test_a_new_grant_updates_its_own_document_and_its_beneficiary_and_funder_documents(tmp_path):
    store, config, index = build_corpus(tmp_path)
    before = index.view().version
    ingest(store, config, write(tmp_path, "grant.ttl", NEW_GRANT))
    assert index.view().version == before  # updated in place, not rebuilt
    assert _result(index, "formation des bénévoles", iri("grant/g9")) is not None
    veilleurs = _result(index, "Veilleurs du Gier", iri("actor/veilleurs"))
    assert "27 000 € reçus (2 subventions)" in veilleurs["summary"]
    funders = search(index, "permanences d'écoute", kind="actor")["facets"]["fiscal_year"]
    assert {f["value"] for f in funders} == {"2024", "2025"}
    assert check_index(store, config).ok


def test_a_resource_removed_from_the_graph_leaves_the_index(tmp_path):
    store, config, index = build_corpus(tmp_path)
    ingest(store, config, write(tmp_path, "grant.ttl", NEW_GRANT))
    ingest(store, config, write(tmp_path, "grant.ttl", PREFIXES + "<actor/other> a mai:Association ; "
                                                                  'rdfs:label "Autre" .'))
    assert _result(index, "formation des bénévoles", iri("grant/g9")) is None
    veilleurs = _result(index, "Veilleurs du Gier", iri("actor/veilleurs"))
    assert "20 000 € reçus (1 subvention)" in veilleurs["summary"]
    assert check_index(store, config).ok


def test_a_rebuild_writes_a_new_version_and_moves_the_pointer(tmp_path):
    store, config, index = build_corpus(tmp_path)
    root = index_root(config)
    first = current_version(root)
    stats = build_index(store, config)
    assert stats.version != first and current_version(root) == stats.version
    assert (root / first).is_dir()  # kept while a reader may still open it
    assert index.view().version == stats.version
    assert "documents" in stats.format()


def test_old_versions_are_removed_after_their_grace_period(tmp_path, monkeypatch):
    import search.index_layout as index_layout

    store, config, _ = build_corpus(tmp_path)
    root = index_root(config)
    first = current_version(root)
    monkeypatch.setattr(index_layout, "VERSION_GRACE_S", 0.0)
    build_index(store, config)
    build_index(store, config)
    assert not (root / first).exists()
    assert len([p for p in root.iterdir() if p.is_dir()]) == 2  # the current one and the previous one


def test_the_check_reports_stale_missing_and_extra_documents(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    assert check_index(store, config).ok
    with store.writer() as writer:  # a change the index was not told about
        writer.update(f"""INSERT DATA {{ GRAPH <urn:test> {{
            <{iri('actor/pilat')}> <http://www.w3.org/2004/02/skos/core#altLabel> "MSP du Pilat" .
            <{iri('actor/new')}> a <https://w3id.org/maillage/ontology#Actor> . }} }}""")
        writer.update(f"DELETE WHERE {{ GRAPH ?g {{ <{iri('actor/repit')}> ?p ?o }} }}")
    report = check_index(store, config)
    assert not report.ok
    assert report.stale == [iri("actor/pilat")]
    assert report.missing == [iri("actor/new")]
    assert report.extra == [iri("actor/repit")]
    assert "1 manquant, 1 périmé, 1 en trop" in report.format()


def test_the_checks_counts_are_in_the_singular_below_two_and_in_the_plural_else():
    report = CheckReport(missing=["a", "b", "c"], stale=["d"], extra=["e", "f"], documents=1, version="v1")
    assert report.format(limit=1).splitlines() == [
        "index v1 : 1 document ; 3 manquants, 1 périmé, 2 en trop", "  manquant : a", "  … et 2 autres manquants",
        "  périmé : d", "  en trop : e", "  … et 1 autre en trop", "pour corriger : maillage index"]


def test_the_checks_report_is_in_english_when_asked():
    report = CheckReport(missing=["a", "b", "c"], stale=["d"], extra=[], documents=1, version="v1")
    assert report.format(limit=1, lang="en").splitlines() == [
        "index v1: 1 document; 3 missing, 1 stale, 0 extra", "  missing: a", "  … and 2 more missing",
        "  stale: d", "to fix: maillage index"]
    assert CheckReport().format(lang="en") == "no index: run 'maillage index'"


@pytest.mark.parametrize("lang, said", [
    ("fr", "index v1 : 3 documents (1 acteur, 2 subventions) en 1,5 s (2 documents/s, lecture du graphe 0,3 s), "
           "2,5 Mo"),
    ("en", "index v1: 3 documents (1 actor, 2 grants) in 1.5 s (2 documents/s, graph read in 0.3 s), 2.5 MB")])
def test_a_builds_summary_names_the_kinds_of_documents_in_the_language_asked(lang, said):
    from collections import Counter

    stats = BuildStats(version="v1", documents=Counter(actor=1, grant=2), read_seconds=0.3, seconds=1.5,
                       size_bytes=2_500_000)
    assert stats.format(lang) == said


@pytest.mark.parametrize("updated, deleted, said", [
    (1, 0, "index : 1 document mis à jour, 0 supprimé"), (3, 2, "index : 3 documents mis à jour, 2 supprimés")])
def test_an_updates_counts_are_in_the_singular_below_two_and_in_the_plural_else(updated, deleted, said):
    assert UpdateStats(updated=updated, deleted=deleted).format() == said


def test_the_check_of_a_missing_index_fails(tmp_path):
    config = make_config(tmp_path)
    report = check_index(open_store(config), config)
    assert not report.ok and "maillage index" in report.format()


def test_an_update_with_nothing_touched_writes_nothing(tmp_path):
    store, config, index = build_corpus(tmp_path)
    generation = index.view().generation
    assert update_index(store, config, set()).updated == 0
    assert index.view().generation == generation


def test_an_update_of_unchanged_documents_rewrites_none(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    stats = update_index(store, config, {iri("actor/pilat"), iri("grant/g2")})
    assert stats.updated == 0 and stats.unchanged >= 2


def test_the_versions_live_under_the_data_directory(tmp_path):
    _, config, _ = build_corpus(tmp_path)
    root = index_root(config)
    assert root == Path(config["data_dir"]) / "index"
    assert (root / "current").read_text().strip() == current_version(root)


def test_renaming_a_place_updates_the_documents_that_show_it(tmp_path):
    store, config, index = build_corpus(tmp_path)
    ingest(store, config, write(tmp_path, "vals.ttl", PREFIXES + '<place/vals> rdfs:label "Vals" .'),
           write(tmp_path, "coop.ttl", PREFIXES + '<actor/coop> a mai:Enterprise ; rdfs:label "Coop" ; '
                                                  'schema:location <place/vals> .\n'
                                                  '<grant/g7> a mai:Grant ; mai:beneficiary <actor/coop> ; '
                                                  'schema:amount "10"^^xsd:decimal .'))
    ingest(store, config, write(tmp_path, "vals.ttl", PREFIXES + '<place/vals> rdfs:label "Vals-les-Bains" .'))
    assert [p["label"] for p in search(index, "Coop", kind="actor")["facets"]["place"]] == ["Vals-les-Bains"]
    assert _result(index, "Vals-les-Bains", iri("grant/g7")) is not None  # a grant shows its beneficiary's place
    assert check_index(store, config).ok


def test_term_bitsets_read_block_by_block_equal_whoosh_postings(tmp_path):
    from search.bitsets import bits_to_ids
    from search.segment_cache import posting_bits

    _, _, index = build_corpus(tmp_path)
    view = index.view()
    for reader, _, _ in view.leaves:
        for field in ("body", "theme", "kind"):
            for text in list(reader.field_terms(field))[:50]:
                assert bits_to_ids(posting_bits(reader, field, text)) == list(reader.postings(field, text).all_ids())


GRANTS = PREFIXES + """
<actor/aidants> a mai:Association ; rdfs:label "Aidants du Forez" ; dcterms:subject th:test-aidants ;
    schema:location <place/firminy> .
<grant/g10> a mai:Grant ; schema:funder <actor/metropole> ; mai:beneficiary <actor/aidants> ;
    schema:amount "3000"^^xsd:decimal ; mai:fiscalYear 2025 ; mai:decidedBy <deliberation/d2> ;
    mai:contributesTo <goal/1> .
<grant/g11> a mai:Grant ; schema:funder <actor/departement> ; mai:beneficiary <actor/repit> ;
    schema:amount "1500"^^xsd:decimal ; mai:fiscalYear 2025 ; mai:decidedBy <deliberation/d2> .
<deliberation/d2> a mai:Deliberation ; dcterms:identifier "2025.00012" ; dcterms:title "Soutien aux aidants" ;
    mai:authority <actor/metropole> .
<membership/m2> a org:Membership ; org:member <actor/aidants> ; org:organization <actor/ptce> ;
    org:role circle:partenaires ; mai:contributesTo <goal/1> .
"""

#: The same file changed: a grant moves to another beneficiary and funder, another goes, a new one comes, the
#: deliberation is renamed, the new actor moves and changes theme.
GRANTS_CHANGED = PREFIXES + """
<actor/aidants> a mai:Association ; rdfs:label "Aidants du Forez et du Gier" ; dcterms:subject th:test-psychiatrie ;
    schema:location <place/saint-etienne> .
<grant/g10> a mai:Grant ; schema:funder <actor/departement> ; mai:beneficiary <actor/veilleurs> ;
    schema:amount "3500"^^xsd:decimal ; mai:fiscalYear 2026 ; mai:decidedBy <deliberation/d2> .
<grant/g12> a mai:Grant ; schema:funder <actor/metropole> ; mai:beneficiary <actor/aidants> ;
    schema:amount "800"^^xsd:decimal ; mai:fiscalYear 2025 ; mai:decidedBy <deliberation/d1> ;
    mai:contributesTo <goal/1> .
<deliberation/d2> a mai:Deliberation ; dcterms:identifier "2025.00012" ; dcterms:title "Soutien aux proches aidants" ;
    mai:authority <actor/departement> .
"""


def _stored_documents(config) -> dict:
    root = index_root(config)
    with whoosh_index.open_dir(str(root / current_version(root))).searcher() as searcher:
        return {fields["iri"]: fields for fields in searcher.all_stored_fields()}


def test_an_update_after_a_changed_file_gives_the_documents_of_a_full_rebuild(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    ingest(store, config, write(tmp_path, "grants.ttl", GRANTS))
    ingest(store, config, write(tmp_path, "grants.ttl", GRANTS_CHANGED))
    updated = _stored_documents(config)
    build_index(store, config)
    rebuilt = _stored_documents(config)
    assert updated == rebuilt
    assert "grant/g11" not in "".join(updated) and iri("grant/g12") in updated


def test_the_facts_read_for_some_documents_give_the_documents_of_the_whole_graph(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    ingest(store, config, write(tmp_path, "grants.ttl", GRANTS))
    whole = {d["iri"]: d for d in facts_to_documents(load_facts(store))}
    for iri_ in whole:  # each alone: it reads no more than its own document needs (READS)
        facts = load_facts(store, [iri_], reach=reach_of)
        assert list(facts_to_documents(facts, [iri_])) == [whole[iri_]]
    first = sorted(whole)[::2]  # in two rounds into the same facts, as an update reads what the first shows
    facts = load_facts(store, first, reach=reach_of)
    load_facts(store, set(whole) - set(first), facts, reach_of)
    assert list(facts_to_documents(facts, whole)) == [whole[i] for i in sorted(whole)]
