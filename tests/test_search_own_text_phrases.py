"""Quoted phrases reach a deliberation's own text (the text of its source as read, ``own``): its words did, but
not its neighbouring words, so that « "revalorisation des déchets" », said only in the minutes of the demo
deliberation, found nothing, and a minus sign before it left that deliberation in.

Strategy: the session's demo corpus (``demo_data_template``, ingested and indexed once) is only read; the phrases
are words of the deliberation's minutes that neither its names nor its texts say side by side.
"""

from __future__ import annotations

import pytest

from search import plan, trees
from search.phrases import pair_terms
from search.query import search
from search.reader import SearchIndex
from search.syntax import parse

DELIBERATION = "https://w3id.org/maillage/id/deliberation/siren-244200770/2024-00240"
#: Said in the minutes only: « … la revalorisation des déchets, ou même encore l'industrie ».
PHRASE = "revalorisation des déchets"


@pytest.fixture(scope="module")
def demo_index(demo_data_template):
    return SearchIndex.from_config({"data_dir": str(demo_data_template)})


def found(index, text: str) -> set[str]:
    """Every result's IRI (the demo corpus holds fewer than 100 documents)."""
    return {result["iri"] for result in search(index, text, page_size=100)["results"]}


def test_the_phrase_is_said_side_by_side_in_the_own_text_only(demo_index):
    view = demo_index.view()
    [pair] = pair_terms(PHRASE)
    assert (view.bits("pairs", pair), view.bits("own_pairs", pair).bit_count()) == (0, 1)


def test_a_quoted_phrase_said_only_in_a_deliberations_own_text_finds_it(demo_index):
    assert found(demo_index, f'"{PHRASE}"') == {DELIBERATION}


@pytest.mark.parametrize("query", ['"déchets revalorisation"', '"revalorisation circuits"'])
def test_words_of_the_own_text_not_side_by_side_in_that_order_are_no_phrase_of_it(demo_index, query):
    assert DELIBERATION in found(demo_index, query.strip('"'))
    assert DELIBERATION not in found(demo_index, query)


def test_a_minus_sign_before_quotes_leaves_out_what_says_the_phrase_in_its_own_text(demo_index):
    assert DELIBERATION in found(demo_index, "ESS")
    results = found(demo_index, f'ESS -"{PHRASE}"')
    assert DELIBERATION not in results and results


def test_a_phrase_in_the_own_text_weighs_as_its_words_do_and_nothing_where_a_text_says_it(demo_index):
    view = demo_index.view()
    group = parse(f'"{PHRASE}"')[0]
    tree = plan.text_query(view, group.words, pairs=group.pairs, phrases=group.phrases).tree
    [pair] = pair_terms(PHRASE)
    assert trees.leaves(tree)[("own_pairs", pair)] == plan.PAIR_BOOST * plan.OWN_BOOST / plan.BODY_BOOST
    assert ("pairs", pair) in trees.unscoring(tree)[("own_pairs", pair)]
