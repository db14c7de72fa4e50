"""Facet counts and typo terms: the fast paths of the reader give what the reference paths give.

Facets are counted either with an ``&`` per value's bitset or with a look-up per matched document in the facet's
column (``IndexView.counts``); typo tolerance compares the terms of the same first letter and close lengths
(``search.typos.near_terms``) instead of calling whoosh's ``terms_within``. The corpus is generated with a fixed
seed so that matches are many next to the values, several documents hold several themes or funders, and the
index has three segments (and, once updated, deletions).
"""

from __future__ import annotations

import dataclasses
import itertools
import pickle
import random

import pytest
from whoosh.reading import IndexReader
from whoosh.support.levenshtein import damerau_levenshtein

from graph.ingest.pipeline import ingest_paths
from graph.store import open_store
from search import bulk, plan, segment_cache, trees, typos
from search.analysis import fold_word, iter_words, stem_word
from search.bitsets import bits_to_ids, ids_to_bits
from search.document_kinds import FACETS
from search.indexer import build_index
from search.query import _facets, _filters, search
from search.reader import SearchIndex
from search.schema import WARM_UP
from search.segment import WARM_EXT
from test_search_corpus import PREFIXES, THEMES_TTL, ingest, iri, make_config, write

FIELDS = ("kind", *FACETS)
THEMES = ["test-sante-mentale", "test-psychiatrie", "test-vieillissement", "test-aidants"]
PLACES = ["firminy", "saint-etienne", "roanne", "montbrison", "rive-de-gier", "le-chambon"]
FUNDERS = ["metropole", "departement", "region", "ars"]
WORDS = ["soins", "prévention", "écoute", "répit", "familles", "coordination", "accueil"]

#: (text, kind, theme, filters) of the compared queries: everything, many matches, text and filters, nothing.
QUERIES = [("", None, None, None), ("soins", None, None, None), ("soins", "actor", None, None),
           ("prévention écoute", None, "vieillissement", None), ("soins", None, None, {"year": "2024"}),
           ("", "grant", None, {"place": iri("place/roanne")}), ("santé mentale familles", None, None, None),
           ("zzzz", None, None, None)]


def generated_ttl(actors: int = 120, seed: int = 11) -> str:
    """Actors with one to three themes and a place, each funded by up to three funders over the years."""
    rng = random.Random(seed)
    lines = [PREFIXES]
    lines += [f'<place/{p}> a schema:Place ; rdfs:label "{p.replace("-", " ").title()}" .' for p in PLACES]
    lines += [f'<actor/{f}> a mai:PublicAuthority ; rdfs:label "Financeur {f}" .' for f in FUNDERS]
    lines.append('<goal/1> a mai:StrategicGoal ; skos:prefLabel "Animation"@fr ; skos:notation "1" .')
    lines.append('<actor/ptce> a mai:Cooperation ; rdfs:label "PTCE" ; mai:hasGoal <goal/1> .')
    for a in range(actors):
        themes = ", ".join(f"th:{t}" for t in rng.sample(THEMES, rng.randint(1, 3)))
        words = " ".join(rng.sample(WORDS, 3))
        lines.append(f'<actor/a{a}> a mai:Association ; rdfs:label "Association {a}" ; '
                     f'dcterms:description "{words}" ; dcterms:subject {themes} ; '
                     f"schema:location <place/{rng.choice(PLACES)}> .")
        if a % 4 == 0:
            lines.append(f"<membership/m{a}> a org:Membership ; org:member <actor/a{a}> ; "
                         "org:organization <actor/ptce> ; org:role circle:operationnel .")
        for g, funder in enumerate(rng.sample(FUNDERS, rng.randint(0, 3))):
            lines.append(f"<grant/a{a}-{g}> a mai:Grant ; schema:funder <actor/{funder}> ; "
                         f'mai:beneficiary <actor/a{a}> ; schema:amount "{rng.randint(1, 90)}000"^^xsd:decimal ; '
                         f'mai:fiscalYear {rng.choice([2023, 2024, 2025])} ; dcterms:description "{words}" .')
    return "\n".join(lines) + "\n"


def build_generated(tmp_path, monkeypatch):
    """The generated corpus, stored and indexed in three segments by three writer processes."""
    config = make_config(tmp_path)
    store = open_store(config)
    ingest_paths(store, [write(tmp_path, "themes.ttl", THEMES_TTL), write(tmp_path, "actors.ttl", generated_ttl())])
    monkeypatch.setattr(bulk, "MIN_DOCUMENTS_PER_PROCESS", 1)
    build_index(store, {**config, "index_procs": 3})
    return store, config, SearchIndex.from_config(config)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield build_generated(tmp_path_factory.mktemp("facets"), monkeypatch)


def matched_by(view, text, kind, theme, filters) -> int:
    """The matches of a query, as ``search`` computes them (no typo retry)."""
    clauses, _ = _filters(view, kind, theme, filters)
    words = [(stem_word(w), fold_word(w)) for w, _, _ in iter_words(text)]
    return trees.matches(view, trees.all_of([plan.text_query(view, words).tree, *clauses.values()]))


def test_the_generated_index_has_several_segments_many_matches_and_multi_valued_facets(generated):
    view = generated[2].view()
    assert len(view.leaves) == 3
    assert matched_by(view, "soins", None, None, None).bit_count() > 4 * len(view.facet("place"))
    for field in ("theme", "funder"):
        assert any(type(held) is tuple for held in view.column(field)), field


@pytest.mark.parametrize("query", QUERIES, ids=[" ".join(map(str, q)) for q in QUERIES])
def test_counting_by_columns_gives_the_counts_of_the_bitsets(generated, query):
    view = generated[2].view()
    matched = matched_by(view, *query)
    by_bits = view.counts(matched, FIELDS, "bits")
    assert view.counts(matched, FIELDS, "columns") == by_bits
    assert view.counts(matched, FIELDS, "auto") == by_bits
    assert _facets(view, matched, "columns") == _facets(view, matched, "bits")


def test_an_empty_result_counts_no_value(generated):
    view = generated[2].view()
    assert search(generated[2], "zzzz")["total"] == 0
    for strategy in ("bits", "columns", "auto"):
        assert view.counts(0, FIELDS, strategy) == {field: {} for field in FIELDS}


def test_counts_describe_the_matches_exactly(generated):
    view = generated[2].view()
    matched = matched_by(view, "soins", "actor", None, None)
    for field in FIELDS:
        expected = {value: (bits & matched).bit_count() for value, bits in view.facet(field).items()}
        assert view.counts(matched, [field], "columns")[field] == {v: n for v, n in expected.items() if n}


def test_counts_leave_out_the_documents_an_update_replaced(tmp_path, monkeypatch):
    store, config, index = build_generated(tmp_path, monkeypatch)
    ingest(store, config, write(tmp_path, "grant.ttl", PREFIXES + """
<grant/new> a mai:Grant ; schema:funder <actor/region> ; mai:beneficiary <actor/a1> , <actor/a2> ;
    schema:amount "1000"^^xsd:decimal ; mai:fiscalYear 2026 ; dcterms:description "soins" .
"""))
    view = index.view()
    assert len(view.leaves) == 4 and view.live.bit_count() < view.size  # a new segment; replaced documents
    for query in QUERIES:
        matched = matched_by(view, *query)
        assert view.counts(matched, FIELDS, "columns") == view.counts(matched, FIELDS, "bits"), query
    assert view.counts(view.live, ["fiscal_year"], "columns")["fiscal_year"]["2026"] == 3


def test_the_bitsets_of_a_field_kept_as_a_column_only_are_those_of_its_postings(tmp_path, monkeypatch):
    monkeypatch.setattr(segment_cache, "RESIDENT_VALUES", 3)
    _, _, index = build_generated(tmp_path, monkeypatch)
    view = index.view()
    view.warm()
    assert "kind" not in view._facets and "place" not in view._facets and "circle" in view._facets
    for field in FIELDS:
        assert view.facet(field) == {value: view._read_bits(field, value) for value in view.facet(field)}
        assert set(view.facet(field)) == set(view.counts(view.live, [field], "columns")[field])


def test_a_build_writes_the_column_of_a_field_of_many_values_which_readers_take_without_its_bitsets(tmp_path,
                                                                                                       monkeypatch):
    """Bitsets of a field's values are 8 kB each at 60k documents a segment: for a field of many values (places,
    funders), whose readers keep only the column, the warm-up file holds that column instead, which the readers
    renumber to their numbering of the field's values over all the segments."""
    monkeypatch.setattr(bulk, "WARM_UP", dataclasses.replace(WARM_UP, resident=3))
    monkeypatch.setattr(segment_cache, "RESIDENT_VALUES", 3)
    _, _, index = build_generated(tmp_path, monkeypatch)
    warm = [pickle.loads(path.read_bytes()) for path in tmp_path.rglob("*" + WARM_EXT)]
    assert len(warm) == 3
    assert all(set(data["facet_columns"]) == {"place", "theme", "funder"} for data in warm)
    assert all("place" not in data["fields"] and "circle" in data["fields"] for data in warm)
    view = index.view()
    view.warm()
    assert not {key[1] for key in view.cache.facets} & {"place", "theme", "funder"}
    for field in FIELDS:
        assert view.facet(field) == {value: view._read_bits(field, value) for value in view.facet(field)}, field
    for query in QUERIES:
        matched = matched_by(view, *query)
        assert view.counts(matched, FIELDS, "columns") == view.counts(matched, FIELDS, "bits"), query


@pytest.mark.parametrize("field,text", [("name", "asociation"), ("exact", "associatoin"), ("body", "sions"),
                                        ("body", "prevension"), ("name", "zzzzz"), ("exact", "financeurs")])
def test_terms_one_typo_away_are_those_whoosh_finds(generated, field, text):
    view = generated[2].view()
    expected = sorted(set(IndexReader.terms_within(view.reader, field, text, 1, prefix=1)))
    assert typos.near_terms(view, field, text) == expected


def test_one_edit_is_a_damerau_levenshtein_distance_of_at_most_one():
    words = [""] + ["".join(letters) for n in range(1, 5) for letters in itertools.product("abc", repeat=n)]
    for a, b in itertools.product(words, repeat=2):
        if abs(len(a) - len(b)) <= 1:
            assert typos._one_edit(a, b) == (damerau_levenshtein(a, b) <= 1), (a, b)


@pytest.mark.parametrize("count", [0, 1, 3, 40, 700, 3000, 9000, 20000])
def test_bits_to_ids_reads_sparse_middling_and_dense_sets(count):
    ids = sorted(random.Random(count).sample(range(20000), count))
    assert bits_to_ids(ids_to_bits(ids, 20000)) == ids
