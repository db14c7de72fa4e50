"""Incremental updates re-derive what shows a touched resource, and no more: a document that shows only the label
of a resource (a grant its funder's name) is re-derived when that label changes, not whenever the resource is
touched. Each test ends on the documents of a full rebuild, which an update must give exactly."""

from __future__ import annotations

from whoosh import index as whoosh_index

from graph.ingest.pipeline import ingest_paths
from search.index_layout import current_version, index_root
from search.indexer import build_index, update_index
from test_search_corpus import PREFIXES, build_corpus, ingest, iri, write

#: A second file of the metropole: it names the funder again (same label) and adds one grant.
FUNDER_AGAIN = PREFIXES + """
<actor/metropole> a mai:PublicAuthority ; rdfs:label "Saint-Etienne Métropole" .
<grant/g20> a mai:Grant ; schema:funder <actor/metropole> ; mai:beneficiary <actor/pilat> ;
    schema:amount "900"^^xsd:decimal ; mai:fiscalYear 2025 ; mai:decidedBy <deliberation/d1> .
"""


def _stored_documents(config) -> dict:
    root = index_root(config)
    with whoosh_index.open_dir(str(root / current_version(root))).searcher() as searcher:
        return {fields["iri"]: fields for fields in searcher.all_stored_fields()}


def _rebuilt_documents(store, config) -> dict:
    build_index(store, config)
    return _stored_documents(config)


def test_a_file_naming_a_funder_again_re_derives_its_new_grant_and_what_shows_that_grant_only(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    reports = []
    ingest_paths(store, [write(tmp_path, "funder.ttl", FUNDER_AGAIN)],
                 on_report=lambda report, error, _: reports.append(report))
    stats = update_index(store, config, reports[0].touched)
    # The funder, its new grant, the grant's beneficiary and deliberation; not the funder's grant g1, nor g1's
    # beneficiary, which show only the funder's unchanged name.
    assert stats.updated + stats.unchanged == 4
    updated = _stored_documents(config)
    assert updated == _rebuilt_documents(store, config)


def test_renaming_a_funder_re_derives_the_grants_and_actors_that_show_its_name(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    ingest(store, config, write(tmp_path, "rename.ttl", PREFIXES + '<actor/metropole> rdfs:label "Métropole de '
                                                                   'Saint-Étienne" .'))
    updated = _stored_documents(config)
    assert "Métropole de Saint-Étienne" in updated[iri("grant/g1")]["doc"]["summary"]
    assert updated == _rebuilt_documents(store, config)


def test_renaming_a_goal_re_derives_the_actors_whose_grants_serve_it(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    # A second French label that sorts first: it becomes the goal's label (label_of takes the smallest).
    ingest(store, config, write(tmp_path, "goal.ttl", PREFIXES + '<goal/1> skos:prefLabel "Accueil des acteurs"@fr .'))
    updated = _stored_documents(config)
    assert updated[iri("actor/veilleurs")]["doc"]["labels"][iri("goal/1")] == "Accueil des acteurs"
    assert updated == _rebuilt_documents(store, config)


#: An erratum of the metropole's deliberation: its grant to the Veilleurs replaces g1 (20 000 €) at 18 000 €.
ERRATUM = PREFIXES + """
<deliberation/d1-erratum> a mai:Deliberation ; dcterms:identifier "2024.00240 (erratum)" ;
    dcterms:title "Erratum à la délibération n° 2024.00240" ; mai:authority <actor/metropole> .
<grant/g1-erratum> a mai:Grant ; schema:funder <actor/metropole> ; mai:beneficiary <actor/veilleurs> ;
    schema:amount "18000"^^xsd:decimal ; mai:fiscalYear 2024 ; mai:decidedBy <deliberation/d1-erratum> ;
    mai:contributesTo <goal/1> ; dcterms:replaces <grant/g1> .
"""


def test_a_grant_replaced_by_an_erratum_leaves_the_totals_of_the_documents_that_showed_it(tmp_path):
    store, config, _ = build_corpus(tmp_path)
    ingest(store, config, write(tmp_path, "erratum.ttl", ERRATUM))
    updated = _stored_documents(config)
    summaries = {path: updated[iri(path)]["doc"]["summary"] for path in (
        "actor/veilleurs", "actor/metropole", "deliberation/d1", "deliberation/d1-erratum", "goal/1")}
    assert summaries == {"actor/veilleurs": "Association · Firminy · 18 000 € reçus (1 subvention)",
                         "actor/metropole": "Collectivité · Saint-Étienne · 18 000 € attribués (1 subvention)",
                         "deliberation/d1": "Saint-Etienne Métropole · 2024-05-16",
                         "deliberation/d1-erratum": "Saint-Etienne Métropole · 1 subvention, 18 000 €",
                         "goal/1": "Objectif n°\u00a01 · 1 subvention"}
    assert updated[iri("grant/g1")]["doc"]["summary"].endswith("· 2024 · remplacée par un acte ultérieur")
    assert updated == _rebuilt_documents(store, config)


def test_removing_the_erratum_counts_the_replaced_grant_again(tmp_path):
    from graph.ingest.removal import remove_sources

    store, config, _ = build_corpus(tmp_path)
    ingest(store, config, write(tmp_path, "erratum.ttl", ERRATUM))
    update_index(store, config, remove_sources(store, ["erratum.ttl"]).touched)
    updated = _stored_documents(config)
    assert "20 000 € reçus (1 subvention)" in updated[iri("actor/veilleurs")]["doc"]["summary"]
    assert "1 subvention, 20 000 €" in updated[iri("deliberation/d1")]["doc"]["summary"]
    assert "remplacée" not in updated[iri("grant/g1")]["doc"]["summary"]
    assert updated == _rebuilt_documents(store, config)
