"""How the query plan weighs what a document holds besides its body: a deliberation's own text (``own``), which
scores only where its body does not say the word; the other names of a theme, which score nothing and must not
order the results either; and the ``plain`` terms under an ``unscored`` node, which a theme's other names weigh
as the rest of their words (search.plan, search.trees)."""

from __future__ import annotations

from search.trees import any_of, rank, term, unscored, unscoring, weighed


class View:
    """The few members of a reader's view that :func:`search.trees.rank` reads: term bitsets, the live documents
    and the shortest-name order (here, document numbers)."""

    def __init__(self, terms: dict[tuple[str, str], int], size: int):
        self.terms, self.size = terms, size

    def bits(self, field_name: str, text: str) -> int:
        return self.terms.get((field_name, text), 0)

    def first(self, bits: int, sort: str, count: int) -> list[int]:
        return [d for d in range(self.size) if bits >> d & 1][:count]


def test_a_term_of_no_weight_does_not_put_its_documents_first():
    # documents 0 and 1 both say the typed word; only 1 says the theme's other name, which weighs nothing
    view = View({("body", "lieu"): 0b11, ("body", "cooper"): 0b10}, size=8)
    tree = any_of([term("body", "lieu"), term("body", "cooper", 0.0)])
    assert [d for d, _ in rank(view, tree, 0b11, 2)] == [0, 1]


def test_a_term_under_two_unscored_nodes_scores_for_neither():
    tree = unscored(any_of([unscored(term("own", "ti", 0.25), "body", "ti"), term("body", "ti")]), "kind", "theme")
    assert unscoring(tree)[("own", "ti")] == {("kind", "theme"), ("body", "ti")}


def test_the_own_text_scores_only_where_the_body_does_not_say_the_word():
    # document 0 says « lieu » in its body and its own text, document 1 in its own text only
    view = View({("body", "lieu"): 0b01, ("own", "lieu"): 0b11}, size=8)
    tree = any_of([term("body", "lieu"), unscored(term("own", "lieu", 0.25), "body", "lieu")])
    scores = dict(rank(view, tree, 0b11, 2))
    assert scores[0] == rank(View({("body", "lieu"): 0b01}, 8), term("body", "lieu"), 0b01, 1)[0][1]
    assert 0 < scores[1] < scores[0]


def test_a_weighed_node_weighs_its_unscored_terms_too():
    assert weighed(any_of([term("body", "sant", 1.0), unscored(term("plain", "sante", 3.0), "kind", "theme")]), 0.0) \
        == ("or", [term("body", "sant", 0.0), unscored(term("plain", "sante", 0.0), "kind", "theme")])
