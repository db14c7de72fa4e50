"""The term and prefix caches of a reader are bounded by bytes, and what they drop is read again: a tiny budget
changes how much a process keeps, never what a search finds.

The corpus is the generated one of ``test_search_facet_counts`` (three segments, several hundred documents), so
that its searches ask for many more bitsets than a budget of a few kB holds.
"""

from __future__ import annotations

import pytest

from search import reader, segment_cache
from search.query import search
from search.reader import SearchIndex
from search.segment_cache import ENTRY_OVERHEAD, BitsetCache, bitset_bytes
from test_search_facet_counts import QUERIES, build_generated

#: Varied searches: words, prefixes of four letters or more, typos, names, filters.
SEARCHES = [*QUERIES, ("association 12", None, None, None), ("asociation", None, None, None),
            ("prév", None, None, None), ("coordination accueil", "grant", None, None),
            ("famille répit", None, None, None), ("Association 7", "actor", None, None)]
#: Budgets of a few entries each.
TINY = 3000


def held_bytes(cache: BitsetCache) -> int:
    """What the entries of ``cache`` actually cost, counted afresh."""
    return sum(bitset_bytes(bits) for bits in cache._entries.values())


def test_a_bitset_cache_drops_its_least_recently_used_entries_to_stay_within_its_budget():
    cache = BitsetCache(3 * ENTRY_OVERHEAD + 3 * 100)
    for key in "abc":
        cache.put(key, 1 << 799)  # 100 bytes each
    assert cache.get("a") == 1 << 799  # now the most recently used
    cache.put("d", 1 << 799)
    assert "b" not in cache and list(cache._entries) == ["c", "a", "d"]
    assert cache.bytes == held_bytes(cache) == 3 * (ENTRY_OVERHEAD + 100)


def test_a_bitset_cache_counts_a_replaced_entry_once_and_drops_one_larger_than_its_budget():
    cache = BitsetCache(1000)
    cache.put("a", 1 << 799)
    cache.put("a", 0)
    assert cache.bytes == held_bytes(cache) == ENTRY_OVERHEAD
    cache.put("b", 1 << 8000)
    assert len(cache) == 0 and cache.bytes == 0
    assert cache.get("b") is None


def test_a_bitset_cache_forgets_the_entries_refused_and_their_bytes():
    cache = BitsetCache(10_000)
    for n, key in enumerate([("s1", "name", "a"), ("s2", "name", "b"), ("s1", "body", "c")]):
        cache.put(key, (1 << (8 * n)) - 1)
    cache.keep_only(lambda key: key[0] == "s1")
    assert set(cache._entries) == {("s1", "name", "a"), ("s1", "body", "c")}
    assert cache.bytes == held_bytes(cache)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield build_generated(tmp_path_factory.mktemp("budget"), monkeypatch)


def answers(index: SearchIndex) -> list[dict]:
    return [search(index, text, kind=kind, theme=theme, filters=filters)
            for text, kind, theme, filters in SEARCHES]


def test_a_view_of_tiny_budgets_keeps_no_more_and_answers_every_search_as_an_unbounded_one(generated, monkeypatch):
    _, config, _ = generated
    unbounded = SearchIndex.from_config(config)
    expected = answers(unbounded)
    for module, budget in ((reader, "VIEW_TERM_BUDGET"), (reader, "PREFIX_BUDGET"),
                           (segment_cache, "SEGMENT_TERM_BUDGET")):
        monkeypatch.setattr(module, budget, TINY)
    bounded = SearchIndex.from_config(config)
    view = bounded.view()
    view.warm()
    for _ in range(2):  # the second time, what was dropped is read again
        assert answers(bounded) == expected
        for cache in (view._terms, view._prefixes, view.cache.terms):
            assert cache.budget == TINY and cache.bytes == held_bytes(cache) <= TINY
    assert len(view._terms) < len(unbounded.view()._terms)  # entries were dropped
    assert len(view.cache.terms) < len(unbounded.view().cache.terms)


@pytest.mark.parametrize("text", ["soins", "prévention écoute", "asso"])
def test_a_term_dropped_from_the_caches_is_read_again_to_the_same_bitset(generated, text):
    index = SearchIndex.from_config(generated[1])
    view = index.view()
    first = search(index, text)
    for cache in (view._terms, view._prefixes, view.cache.terms):
        cache.keep_only(lambda key: False)
        assert cache.bytes == 0 and len(cache) == 0
    assert search(index, text) == first
    assert view.cache.terms.bytes == held_bytes(view.cache.terms) > 0
