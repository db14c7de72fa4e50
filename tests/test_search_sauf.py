"""SAUF (NOT) leaves out what the excluded word finds as a search text of its own: "A SAUF B" finds what A finds
less what B finds, for any words A and B. Before, it left out the documents holding B only: "Saint-Étienne SAUF
usagers" kept the agreement, grant and deliberation tagged « Démocratie en santé », which "usagers" finds through
that theme's synonym; a typo excluded nothing; "soins SAUF soins", finding nothing, tolerated typos and found the
words one letter from « soins »; and "le SAUF hôpital" found all but the hospitals where "le" finds nothing.

Strategy: the session's demo corpus (``demo_data_template``, ingested and indexed once) is only read; the pairs of
words are drawn with a fixed seed from the index's own terms.
"""

from __future__ import annotations

import random

import pytest

from search import plan, trees
from search.bitsets import bits_to_ids
from search.query import search
from search.reader import SearchIndex
from search.syntax import parse

#: Pairs of words drawn from the index's terms (each pair: three searches on the demo corpus).
PAIRS = 150


@pytest.fixture(scope="module")
def demo_index(demo_data_template):
    return SearchIndex.from_config({"data_dir": str(demo_data_template)})


@pytest.fixture(scope="module")
def vocabulary(demo_index) -> list[str]:
    """The terms of the names (folded words, stop words included) and of the texts (stems) of the demo index."""
    view = demo_index.view()
    return sorted({term.decode() if isinstance(term, bytes) else term
                   for field in ("exact", "body") for term in view.reader.expand_prefix(field, "")})


def found(index, text: str, **options) -> set[str]:
    """Every result's IRI, all pages read."""
    iris, page = set(), 1
    while True:
        answer = search(index, text, page=page, page_size=100, **options)
        iris |= {result["iri"] for result in answer["results"]}
        if page * 100 >= answer["total"]:
            return iris
        page += 1


def left_out(index, word: str, **options) -> set[str]:
    """What ``SAUF word`` leaves out: what ``word`` finds, but the documents it finds only as saying one of the
    other names of a theme it names, without score (search.plan.found_alone)."""
    view = index.view()
    words = parse(word)[0].words
    other_named = 0
    for fuzzy in (False, True):
        with_them, without = (trees.matches(view, plan.text_query(view, words, fuzzy, other_names=other).tree)
                              for other in (True, False))
        other_named |= with_them & ~without
    return found(index, word, **options) - {view.stored(d)["iri"] for d in bits_to_ids(other_named)}


def test_an_excluded_word_leaves_out_the_documents_of_the_theme_it_names(demo_index):
    tagged = found(demo_index, "Saint-Étienne") & found(demo_index, "", theme="ESS et santé")
    assert tagged and tagged <= found(demo_index, "mutualisme")
    assert found(demo_index, "Saint-Étienne SAUF mutualisme") == found(demo_index, "Saint-Étienne") - tagged


def test_an_excluded_theme_leaves_out_its_narrower_themes(demo_index):
    assert found(demo_index, "prévention") and found(demo_index, "prévention SAUF prévention") == set()


def test_an_excluded_typo_leaves_out_what_its_search_finds_with_typos_tolerated(demo_index):
    assert search(demo_index, "usagrs")["fuzzy"]
    assert found(demo_index, "santé SAUF usagrs") == found(demo_index, "santé") - found(demo_index, "usagrs")
    assert found(demo_index, "santé SAUF usagrs") != found(demo_index, "santé")


def test_typos_are_not_tolerated_when_what_the_words_find_is_all_excluded(demo_index):
    answer = search(demo_index, "soins SAUF soins")
    assert (answer["total"], answer["fuzzy"]) == (0, False)


@pytest.mark.parametrize("text", ["le SAUF hôpital", "le NOT hôpital", "de la SAUF santé"])
def test_stop_words_find_nothing_whatever_they_exclude(demo_index, text):
    assert search(demo_index, text)["total"] == 0


def test_sauf_alone_still_finds_everything_but_what_the_word_finds(demo_index):
    assert found(demo_index, "SAUF hôpital") == found(demo_index, "") - found(demo_index, "hôpital") != set()


@pytest.mark.parametrize("options", [{}, {"kind": "grant"}, {"kind": "actor"}, {"theme": "Démocratie en santé"}],
                         ids=["all", "grants", "actors", "theme"])
def test_a_sauf_b_finds_what_a_finds_less_what_b_finds(demo_index, vocabulary, options):
    rng = random.Random(46)
    for a, b in (rng.sample(vocabulary, 2) for _ in range(PAIRS)):
        assert found(demo_index, f"{a} SAUF {b}", **options) == (
            found(demo_index, a, **options) - left_out(demo_index, b, **options)), (a, b)


def test_or_still_binds_less_than_sauf(demo_index, vocabulary):
    rng = random.Random(47)
    for a, b, c in (rng.sample(vocabulary, 3) for _ in range(PAIRS // 3)):
        if any(search(demo_index, word)["fuzzy"] for word in (a, b)):  # OU tolerates typos only when both find none
            continue
        assert found(demo_index, f"{a} OU {b} SAUF {c}") == (
            found(demo_index, a) | (found(demo_index, b) - left_out(demo_index, c))), (a, b, c)
