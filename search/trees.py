"""Query trees: a small boolean tree of index terms, and what it matches and how it ranks, read from term bitsets.

Nodes are tuples: ``("term", field, text, boost)``, ``("prefix", field, text, boost)`` (the terms of ``field``
that start with ``text``, scored as one term), ``("and", [nodes])``, ``("or", [nodes])``, ``("not", node)``
(what ``node`` does not match; it scores nothing), ``("all",)``, ``("none",)``, and ``("unscored", node, field,
text)``: ``node``, whose terms add nothing to the score of the documents of the term (field, text) — they still
match.
One tree, two readings of a view's cached term bitsets: :func:`matches` for the total and the facets, and
:func:`rank` for the scored page (the terms and boosts of :func:`leaves`) — so that they never disagree.

Apart from the planning of a search text (:mod:`search.plan`), which makes the trees of its words and themes: a
tree knows fields and terms only, so that the filters are trees of their own (:mod:`search.query`) and the
benchmark translates trees for another engine (bench/search.py).

>>> leaves(all_of([term("kind", "actor"), any_of([term("name", "sant", 3.0), prefix("exact", "sant")])]))
{('kind', 'actor'): 1.0, ('name', 'sant'): 3.0, ('exact', 'sant*'): 1.0}
"""

from __future__ import annotations

import heapq
import math
from functools import reduce


def term(field_name: str, text: str, boost: float = 1.0) -> tuple:
    return ("term", field_name, text, boost)


def all_of(nodes: list) -> tuple:
    nodes = [n for n in nodes if n != ("all",)]
    if not nodes:
        return ("all",)
    return nodes[0] if len(nodes) == 1 else ("and", nodes)


def any_of(nodes: list) -> tuple:
    return nodes[0] if len(nodes) == 1 else ("or", nodes)


def unscored(node: tuple, field_name: str, text: str) -> tuple:
    return ("unscored", node, field_name, text)


def prefix(field_name: str, text: str, boost: float = 1.0) -> tuple:
    return ("prefix", field_name, text, boost)


def none_of(node: tuple) -> tuple:
    return ("not", node)


def weighed(node: tuple, share: float) -> tuple:
    """``node`` (terms and prefixes, in ``and``, ``or`` and ``unscored`` nodes) with the boost of each of its terms
    and prefixes times ``share``: it matches what ``node`` does. A term that the tree holds elsewhere keeps its
    highest boost there (:func:`leaves`)."""
    if node[0] in ("term", "prefix"):
        return node[:3] + (node[3] * share,)
    if node[0] in ("and", "or"):
        return (node[0], [weighed(child, share) for child in node[1]])
    if node[0] == "unscored":  # the ``plain`` term of a word (:func:`search.plan._word_clause`)
        return (node[0], weighed(node[1], share), *node[2:])
    return node


#: What a prefix node is keyed by among a tree's terms (see :func:`leaves`): its text and this mark, which no term
#: holds (terms are words).
PREFIX_MARK = "*"


def term_bits(view, field_name: str, text: str) -> int:
    """The bitset of a term of :func:`leaves` (a prefix's when ``text`` ends with PREFIX_MARK)."""
    if text.endswith(PREFIX_MARK):
        return view.prefixed(field_name, text[:-1])
    return view.bits(field_name, text)


def matches(view, node: tuple) -> int:
    """The bitset of the live documents a tree matches."""
    kind = node[0]
    if kind == "unscored":
        return matches(view, node[1])
    if kind == "term":
        return view.bits(node[1], node[2])
    if kind == "prefix":
        return view.prefixed(node[1], node[2])
    if kind == "all":
        return view.live
    if kind == "none":
        return 0
    if kind == "not":
        return view.live & ~matches(view, node[1])
    if kind == "or":
        return reduce(lambda acc, n: acc | matches(view, n), node[1], 0)
    result = view.live
    for child in sorted(node[1], key=lambda n: n[0] != "term"):  # cheap terms first: stop early on 0
        result &= matches(view, child)
        if not result:
            break
    return result


def leaves(node: tuple) -> dict[tuple[str, str], float]:
    """The terms of a tree with their boost (the highest when a term appears twice); a prefix is keyed by its text
    and PREFIX_MARK. What a ``not`` node excludes scores nothing."""
    if node[0] == "term":
        return {(node[1], node[2]): node[3]}
    if node[0] == "prefix":
        return {(node[1], node[2] + PREFIX_MARK): node[3]}
    found: dict = {}
    for child in node[1] if node[0] in ("and", "or") else [node[1]] if node[0] == "unscored" else ():
        for key, boost in leaves(child).items():
            found[key] = max(boost, found.get(key, 0.0))
    return found


def unscoring(node: tuple) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """The terms of a tree under ``unscored`` nodes, each with the terms whose documents it does not score: those of
    every ``unscored`` node above it, wherever the tree holds it (a deliberation's own text under the ``unscored``
    node of a theme's label still scores nothing where its body says the word,
    :func:`search.plan._word_clause`)."""
    found: dict = {}
    if node[0] == "unscored":
        for key in leaves(node[1]):
            found.setdefault(key, set()).add((node[2], node[3]))
    for child in [node[1]] if node[0] == "unscored" else node[1] if node[0] in ("and", "or") else ():
        for key, masks in unscoring(child).items():
            found.setdefault(key, set()).update(masks)
    return found


def rank(view, tree: tuple, matched: int, count: int) -> list[tuple[int, float]]:
    """The ``count`` best (docnum, score) of ``matched``: a document scores the sum, over the query's terms it
    holds, of the term's boost times its idf; equal scores go shortest name first.

    Scores come from term bitsets alone (no posting is read per document): a best-first search splits the
    matched set by each term, heaviest first, and stops once ``count`` documents have their final score.
    """
    weights = []
    masks = unscoring(tree)
    for (field_name, text), boost in leaves(tree).items():
        bits = term_bits(view, field_name, text)
        for mask in masks.get((field_name, text), ()):
            bits &= ~view.bits(*mask)
        # a term of no weight (search.plan.SYNONYM_SHARE) would still put its documents first
        if boost and bits & matched:
            weights.append((boost * math.log(1 + view.size / (bits.bit_count() + 0.5)), bits))
    weights.sort(key=lambda wb: -wb[0])
    remaining = [0.0] * (len(weights) + 1)
    for i in range(len(weights) - 1, -1, -1):
        remaining[i] = remaining[i + 1] + weights[i][0]
    heap = [(-remaining[0], 0, 0, matched, 0.0)]
    tick, found = 1, []
    while heap and len(found) < count:
        _, _, level, docs, score = heapq.heappop(heap)
        if level == len(weights):
            found.extend((d, round(score, 4)) for d in view.first(docs, "short", count - len(found)))
            continue
        weight, bits = weights[level]
        for part, gained in ((docs & bits, weight), (docs & ~bits, 0.0)):
            if part:
                heapq.heappush(heap, (-(score + gained + remaining[level + 1]), tick, level + 1, part, score + gained))
                tick += 1
    return found
