"""Query plans: a small boolean tree from which both the whoosh query and the bitset of matches are made.

Nodes are tuples: ``("term", field, text, boost)``, ``("prefix", field, text, boost)`` (the terms of ``field``
that start with ``text``, scored as one term), ``("and", [nodes])``, ``("or", [nodes])``, ``("not", node)``
(what ``node`` does not match; it scores nothing), ``("all",)``, ``("none",)``, and ``("unscored", node, field,
text)``: ``node``, whose terms add nothing to the score of the documents of the term (field, text) — they still
match.
One tree, two evaluations: :func:`to_whoosh` for the scored page, :func:`matches` for the total and the facets
(term bitsets from the view's cache, combined with ``&`` and ``|``) — so that they never disagree.

>>> to_whoosh(all_of([term("kind", "actor"), any_of([term("name", "sant"), term("body", "sant")])]))
And([Term('kind', 'actor'), Or([Term('name', 'sant'), Term('body', 'sant')])])
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from functools import reduce

from whoosh import query as wq

from search import analysis
from search.english import english_word
from search.phrases import MAX_GAP, pair_term

#: Weights of a query word found in a name, a folded name, the text; and of a document tagged with a theme that
#: the query names (or a narrower one). Tuned on bench/relevance_queries.yaml. Being tagged with the theme that a
#: query names weighs what having its word in one's name, folded name and text does (NAME + EXACT + BODY): with 3,
#: the register's two actors tagged "Prévention" came after seven theme concepts whose name or definition says
#: "prévention" (or that are narrower themes). Measured: recall@5 1.000 and MRR@10 0.866 before (demo corpus
#: 0.767); 0.870 (demo 0.774) with the scoring of narrower themes in _tagged, the same with 3, 5 or 6 here.
NAME_BOOST, EXACT_BOOST, BODY_BOOST, THEME_BOOST = 3.0, 2.0, 1.0, 6.0
#: Below this many matches (none), a text is planned again with one typo allowed per word (see search.query.search),
#: and an excluded word leaves out what it finds so (:func:`found_alone`). With a higher threshold, "soignant
#: prévention" matched "soins" as a typo of "soignant".
FUZZY_BELOW = 1
#: Words shorter than this get no typo tolerance ("sant" would match "saint").
FUZZY_MIN_CHARS = 5
FUZZY_BOOST = 0.5
#: A word of this many letters or more also matches the names that have a word starting with it ("Danae" finds
#: « DanaeCare »), weighed less than the whole word (PREFIX_BOOST) and scored as one term whatever the number of
#: words it starts: a rare word it starts would otherwise outrank the names holding the word itself. Three letters
#: would start too many words ("san": sanitaire, sans, santé) for a query to mean them.
PREFIX_MIN_CHARS = 4
PREFIX_BOOST = 1.0
#: Weight of a query word found in the names of the document's kind and actor type ("collectivité").
CLASS_BOOST = 1.0
#: Weight of a query word found in a deliberation's own text (``own``, search.schema) but not in its body: well
#: below the body's, as its minutes hold the words of every topic of the act. Weighed as the body, « tiers-lieu »
#: and « relation soignant-soigné » ranked the act about DanaeCare before DanaeCare, which is one; added to the
#: body's where both say a word, it still did, by any weight (the two were equal before).
OWN_BOOST = 0.25
#: Weight of a query word found as typed (accent-folded, unstemmed) in the text, besides its stem's BODY_BOOST,
#: when its stem finds other words there: "aidants" ranks what says « aidants » before what says « aide » (one
#: stem, "aid"), as a name's word would (bench/relevance.py: recall@5 and MRR the same with 1, 2 or 3). Weighed
#: whatever the stem finds, it ranked the agreement that says « Saint-Étienne Métropole » before the Métropole.
PLAIN_BOOST = 3.0
#: Weight of a query word of the English interface found in a document's English texts (a theme's English label
#: or definition): as a name's word.
ENGLISH_BOOST = 3.0
#: Weight of two words of a query found side by side in a name or a text, as typed (:mod:`search.phrases`): as a
#: name's word. "accès au numérique" ranked a grant saying « numérique » in its name and « accès » in its purpose
#: before the one whose purpose says « l'accès au numérique ».
PAIR_BOOST = 3.0
#: Weight of two words of a quoted phrase found side by side in a deliberation's own text (``own_pairs``) but in
#: none of its names and texts: PAIR_BOOST lightened as the own text's words are (OWN_BOOST), for the same reason.
OWN_PAIR_BOOST = PAIR_BOOST * OWN_BOOST / BODY_BOOST
#: Share of their boost that the words of a theme's other names keep when the theme is asked (:func:`_theme_clause`):
#: none, so that a document saying one only is found without coming before the others. Not scored through an
#: ``unscored`` node: its mask is a term's wherever the tree holds it, and « santé » of « centre de santé » took
#: from the theme concept « Exercice coordonné » the « santé » of « maison de santé », typed.
SYNONYM_SHARE = 0.0
#: Weight of a query that is the whole of a document's name (its words but the stop words, folded): "Saint-Etienne
#: Métropole" ranked the agreement that names it in its title and text before the Métropole itself.
WHOLE_BOOST = 3.0


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
    if node[0] == "unscored":  # the ``plain`` term of a word (:func:`_word_clause`)
        return (node[0], weighed(node[1], share), *node[2:])
    return node


#: What a prefix node is keyed by among a tree's terms (see :func:`leaves`): its text and this mark, which no term
#: holds (terms are words).
PREFIX_MARK = "*"


def to_whoosh(node: tuple):
    """The whoosh query of a tree."""
    if node[0] == "unscored":
        return to_whoosh(node[1])
    if node[0] == "term":
        return wq.Term(node[1], node[2], boost=node[3])
    if node[0] == "prefix":
        return wq.Prefix(node[1], node[2], boost=node[3])
    if node[0] == "all":
        return wq.Every()
    if node[0] == "none":
        return wq.NullQuery
    if node[0] == "not":
        return wq.Not(to_whoosh(node[1]))
    children = [to_whoosh(n) for n in node[1]]
    return wq.And(children) if node[0] == "and" else wq.Or(children)


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
    node of a theme's label still scores nothing where its body says the word, :func:`_word_clause`)."""
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
        if boost and bits & matched:  # a term of no weight (SYNONYM_SHARE) would still put its documents first
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


@dataclass
class TextQuery:
    """The plan of a text: its tree, its content words, the themes it names, the terms to highlight, and the tree
    of its words without what its excluded words leave out (``wanted``: the tree when it excludes nothing)."""

    tree: tuple
    words: list[tuple[str, str]] = field(default_factory=list)
    themes: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    highlight: set[str] = field(default_factory=set)
    wanted: tuple | None = None

    def __post_init__(self):
        if self.wanted is None:
            self.wanted = self.tree


def _word_clause(view, stem: str, folded: str, fuzzy: bool, highlight: set[str], lang: str = "fr") -> tuple:
    """What one word of a query matches (see :func:`text_query`); on the English interface (``lang`` "en"), an
    English word (:func:`_english_term`) matches the French texts only as written, not by its French stem."""
    english = _english_term(view, stem, folded) if lang == "en" else None
    stemmed = english is None or english[1]
    clauses = [term("exact", folded, EXACT_BOOST)]
    as_typed = view.bits("plain", folded)
    if as_typed and (not stemmed or as_typed != view.bits("body", stem)):  # the stem finds other words too
        # not for a theme concept's definition: the actors tagged « Prévention » came after the concepts that say it
        clauses.append(unscored(term("plain", folded, PLAIN_BOOST), "kind", "theme"))
    if stemmed:
        clauses += [term("name", stem, NAME_BOOST), term("body", stem, BODY_BOOST), term("classes", stem, CLASS_BOOST),
                    unscored(term("own", stem, OWN_BOOST), "body", stem)]  # what the body says already: no more
    if english is not None:
        clauses.append(term("english", english[0], ENGLISH_BOOST))
    number = any(c.isdigit() for c in folded)
    if len(folded) >= PREFIX_MIN_CHARS and not number:
        clauses.append(prefix("exact", folded, PREFIX_BOOST))
    highlight.update((stem, folded) if stemmed else (folded,))
    # A number or an identifier one digit away is another one (15 900 € for 15 000 €, another SIREN): no typos.
    if fuzzy and len(folded) >= FUZZY_MIN_CHARS and not number:
        fields = (("name", stem, 1.0), ("body", stem, 1.0), ("own", stem, OWN_BOOST / BODY_BOOST),
                  ("exact", folded, 1.0))
        for field_name, text, share in fields[0 if stemmed else 3:]:
            for near in near_terms(view, field_name, text):
                if near != text:
                    clauses.append(term(field_name, near, FUZZY_BOOST * share))
                    highlight.add(near)
    return any_of(clauses)


def _english_term(view, stem: str, folded: str) -> tuple[str, bool] | None:
    """The ``english`` term of a query word typed on the English interface, and whether its French stem still
    applies; None for a word without one (a stop word, a number). An English word — one that the English texts hold
    and that the French stemmer reads otherwise than the English one — loses its French stem: "carers" (French stem
    "car") found « camping-cars ». A word that both read alike ("prevention", "mental"), or that no English text
    holds (a French word: "aidants"), keeps it, so that a French query finds there what it finds in French."""
    english = english_word(folded)
    if english is None:
        return None
    return english, english == stem or not view.bits("english", english)


def near_terms(view, field_name: str, text: str) -> list[str]:
    """The terms of a field at most one edit from ``text`` (a letter inserted, deleted or replaced, or two
    neighbours swapped: Damerau-Levenshtein) that start with its first letter, in order.

    What whoosh's ``terms_within(field, text, 1, prefix=1)`` gives on an index of several segments, without its
    Python edit distance to every term of that first letter (50 ms per word and field at 100k actors): only the
    terms of the view's lexicon one letter shorter, as long or one longer are compared, by string slices.
    """
    by_length, size = view.lexicon(field_name, text[:1]), len(text)
    return sorted(word for length in (size - 1, size, size + 1) for word in by_length.get(length, ())
                  if _one_edit(word, text))


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b``, of lengths at most one apart, are at most one edit apart (Damerau-Levenshtein).

    >>> [_one_edit("soins", w) for w in ("soins", "soin", "sions", "sains", "snois", "sian")]
    [True, True, True, True, False, False]
    """
    if a == b:
        return True
    half = len(b) // 2  # the one edit leaves either b's first half or what follows its middle letter in place
    if not (a.startswith(b[:half]) or a.endswith(b[half + 1:])):
        return False
    first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), None)
    if first is None:  # one is the other and a letter
        return True
    if len(a) > len(b):
        return a[first + 1:] == b[first:]
    if len(a) < len(b):
        return a[first:] == b[first + 1:]
    return a[first + 1:] == b[first + 1:] or (a[first + 2:] == b[first + 2:] and a[first] == b[first + 1]
                                              and a[first + 1] == b[first])


def text_query(view, words: list[tuple[str | None, str]], fuzzy: bool = False,
               excluded: list[tuple[str, str]] = (), compounds: list[tuple[int, int, tuple[str, str]]] = (),
               scope: tuple = ("all",), pairs: list[tuple[int, str]] = (), phrases: list[tuple[int, int]] = (),
               lang: str = "fr", excluded_phrases: list[list[tuple[str | None, str]]] = (),
               other_names: bool = True) -> TextQuery:
    """Plan the text of a query: every content word must match (in a name or the text), or a theme that the
    text names matches (through its narrower themes and synonyms too) with the other words; and nothing that an
    ``excluded`` word finds searched alone within ``scope`` (the filters, :func:`found_alone`) matches. The words
    of each of ``compounds`` (start, end, joined form) match, or its joined form does. The ``pairs`` of neighbouring
    words (:class:`search.syntax.Group`) within a quoted span of ``phrases`` must stand side by side in a name or a
    text, the others weigh more where they do; what holds the words of one of ``excluded_phrases`` side by side
    does not match. ``lang`` is the interface's language (see :func:`_word_clause`). With ``other_names``, a theme
    named also finds what says one of its other names (:func:`_theme_clause`)."""
    content = [(s, f) for s, f in words if s]
    left_out = [found_alone(view, word, scope) for word in excluded] + [_said(view, p) for p in excluded_phrases]
    unwanted = [none_of(any_of(left_out))] if left_out else []
    if not content:
        return TextQuery(all_of(unwanted))
    highlight: set[str] = set()
    clauses = [_word_clause(view, s, f, fuzzy, highlight, lang) for s, f in content]
    if len(content) == len(words):  # the compounds' spans are those of ``words``
        for start, end, (stem, folded) in compounds:
            either = any_of([all_of(clauses[start:end]), _word_clause(view, stem, folded, fuzzy, highlight, lang)])
            clauses[start:end] = [either] + [("all",)] * (end - start - 1)  # the spans of the others stay
    said = _phrase_terms(pairs, phrases)
    alternatives = [all_of(clauses + said)]
    if near := [_pair(t) for i, t in pairs if not any(s < i < e for s, e in phrases)]:
        alternatives.append(all_of(clauses + said + [any_of(near)]))  # matches no more: scores the pairs
    scheme = view.themes()
    named = scheme.named_in(content)
    if fuzzy:  # a misspelt theme is that theme, as the right spelling is: its actors first, not its neighbours
        named += [found for found in themes_near(scheme, content) if found not in named]
    for iri, (start, end) in named:
        crossed = [(s, e) for s, e in phrases if s < end and start < e]
        if any(span != (start, end) for span in crossed):  # a theme named across a quote's edge, or in part of it
            continue
        alternatives.append(all_of([_theme_clause(view, iri, content[start:end], highlight, other_names)]
                                   + clauses[:start] + clauses[end:]
                                   + _phrase_terms(pairs, [p for p in phrases if p not in crossed])))
    # the whole name adds to the score of what matches already (a name holds its words): it matches nothing else
    alternatives.append(term("whole", " ".join(f for _, f in content), WHOLE_BOOST))
    wanted = any_of(alternatives)
    return TextQuery(all_of([wanted, *unwanted]), content, named, highlight, wanted)


def _phrase_terms(pairs: list[tuple[int, str]], phrases: list[tuple[int, int]]) -> list[tuple]:
    """The pair terms that the quoted spans ``phrases`` require: each pair whose two words are in one of them."""
    return [_phrase_pair(t) for i, t in pairs if any(s < i < e for s, e in phrases)]


def _said(view, phrase: list[tuple[str | None, str]]) -> tuple:
    """What holds the words of a quoted ``phrase`` ((stem, folded), a stop word's stem None) side by side."""
    said, previous, gap = [], None, 0
    for stem, folded in phrase:
        if stem is None:
            gap += 1
            continue
        said.append(_word_clause(view, stem, folded, False, set()))
        if previous is not None and gap <= MAX_GAP:
            said.append(_phrase_pair(pair_term(previous, gap, stem)))
        previous, gap = stem, 0
    return all_of(said) if said else ("none",)


def _phrase_pair(text: str) -> tuple:
    """The node of a pair that a quoted phrase requires: side by side in a name or a text (:func:`_pair`), or in a
    deliberation's own text, where it weighs less (OWN_PAIR_BOOST) and nothing when a name or text holds it too,
    as the own text's words (:func:`_word_clause`): « "revalorisation des déchets" », said in its minutes only,
    found no act."""
    return any_of([_pair(text), unscored(term("own_pairs", text, OWN_PAIR_BOOST), "pairs", text)])


def _pair(text: str) -> tuple:
    """The node of a pair term: a theme concept scores nothing for it, as for the theme it is (:func:`_tagged`):
    « proches aidants », a synonym of Aidants, ranked that concept before the actor whose text says it."""
    return unscored(term("pairs", text, PAIR_BOOST), "kind", "theme")


def _theme_clause(view, iri: str, spelt: list[tuple[str, str]], highlight: set[str],
                  other_names: bool = True) -> tuple:
    """What the theme ``iri`` that the (stem, folded) words ``spelt`` name matches: the documents tagged with it, or
    saying its name — "santé psychique" (a synonym) finds the « santé mentale » of a collective's name, which no one
    tagged.

    Named by a synonym, the theme's concept scores only for the words typed, as any document whose name holds them:
    not for being the theme asked, nor for its label's words. « maison de santé », a synonym of « Exercice
    coordonné », ranked that concept (150) above the actor named « Maison de santé pluriprofessionnelle … » (80).
    """
    scheme = view.themes()
    label = analysis.content_words(scheme.labels[iri])
    by_label = _spells(label, spelt)
    theme = [_tagged(view, iri, scheme.expand(iri), by_label)]
    if label and label != spelt:
        said = all_of([_word_clause(view, s, f, False, highlight) for s, f in label])
        theme.append(said if by_label else unscored(said, "kind", "theme"))
    # or saying one of its other names: « sport-santé » finds the grant for « l'activité physique adaptée », which
    # scores nothing for it (SYNONYM_SHARE) and is not highlighted: it would come before what the words typed name
    for synonym in scheme.synonyms.get(iri, ()) if other_names else ():
        if synonym != spelt and synonym != label:
            said = all_of([_word_clause(view, s, f, False, set()) for s, f in synonym])
            theme.append(weighed(said, SYNONYM_SHARE))
    return any_of(theme)


def _spells(label: list[tuple[str, str]], words: list[tuple[str, str]]) -> bool:
    """Whether the (stem, folded) ``words`` spell a label's: the same stems, or the folded words with a typo each
    (:func:`_near_word`), as a misspelt theme is named.

    >>> _spells([("acce", "acces"), ("soin", "soins")], [("acess", "acess"), ("soin", "soin")])
    True
    >>> _spells([("exercic", "exercice"), ("coordon", "coordonne")], [("maison", "maison"), ("sant", "sante")])
    False
    """
    return len(label) == len(words) and all(stem == other or _near_word(folded, typed)
                                            for (stem, folded), (other, typed) in zip(label, words))


def themes_near(scheme, words: list[tuple[str, str]]) -> list[tuple[str, tuple[int, int]]]:
    """The themes of ``scheme`` whose label (or synonym) the (stem, folded) ``words`` spell with at most one typo
    per word (:func:`_one_edit` of their folded forms; words shorter than FUZZY_MIN_CHARS or with a digit exactly),
    with the span of words each covers, as :meth:`search.themes.ThemeScheme.named_in` finds those they spell right:
    "prévension" names « Prévention ». The longest names win; a span spelt right is left to ``named_in``.

    >>> from search.themes import ThemeScheme
    >>> scheme = ThemeScheme([{"iri": "th:p", "doc": {"label": "Prévention"}}])
    >>> themes_near(scheme, [("prevens", "prevension"), ("lyon", "lyon")]), themes_near(scheme, [("prev", "prev")])
    ([('th:p', (0, 1))], [])
    """
    found, taken, spans = [], set(), set()
    for label, iri in scheme.folded_names:
        n = len(label)
        for start in range(len(words) - n + 1):
            span, spelt = (start, start + n), tuple(folded for _, folded in words[start:start + n])
            if spelt == label or not all(map(_near_word, label, spelt)):
                continue
            # two themes named alike share the span; a shorter name inside a longer one's span is skipped
            if (span in spans or not taken & set(range(*span))) and (iri, span) not in found:
                found.append((iri, span))
                spans.add(span)
                taken |= set(range(*span))
    return found


def _near_word(label_word: str, word: str) -> bool:
    """Whether a query's folded ``word`` spells a theme label's ``label_word``, when it is long enough
    (FUZZY_MIN_CHARS) and holds no digit, with one typo, as the search tolerates typos, or with letters doubled
    where the label has one or the other way round: the commonest French misspelling, which may be two edits
    ("acess" for « accès », "acces" folded: one c undoubled, one s doubled) and named no theme.

    >>> [_near_word("acces", w) for w in ("acces", "acess", "aces", "accees", "axes")]
    [True, True, False, True, False]
    """
    if label_word == word:
        return True
    if len(word) < FUZZY_MIN_CHARS or any(c.isdigit() for c in word):
        return False
    return (abs(len(word) - len(label_word)) <= 1 and _one_edit(label_word, word)
            or _undoubled(label_word) == _undoubled(word))


def _undoubled(word: str) -> str:
    """``word`` with each run of one letter written once.

    >>> _undoubled("acces"), _undoubled("acess")
    ('aces', 'aces')
    """
    return "".join(letter for i, letter in enumerate(word) if not i or word[i - 1] != letter)


def found_alone(view, word: tuple[str, str], scope: tuple = ("all",)) -> tuple:
    """The tree of what a word (stem, folded) finds as a search text of its own within ``scope``: its documents and
    those of the themes it names, with one typo allowed when it finds too few so (FUZZY_BELOW), as the search does.
    Leaving out less than this (the word alone, not its themes), "Saint-Étienne SAUF usagers" kept the grant
    tagged « Démocratie en santé » that "usagers" finds by that theme's synonym « usagers ». Not what merely says
    one of the theme's other names, found without score: "SAUF mutualisme" left out a goal of the PTCE whose
    contributors' names hold « entreprise » and « solidaire »."""
    tree = text_query(view, [word], other_names=False).tree
    if matches(view, all_of([tree, scope])).bit_count() < FUZZY_BELOW:
        return text_query(view, [word], fuzzy=True, other_names=False).tree
    return tree


def parsed_query(view, groups, fuzzy: bool = False, scope: tuple = ("all",), lang: str = "fr") -> TextQuery:
    """Plan the alternatives of a search text (:func:`search.syntax.parse`) within ``scope`` (the filters, which
    decide what an excluded word finds, :func:`found_alone`): what any of them matches. No group (a text without
    words) matches every document; groups without words nor exclusions, none, and so do those whose words are all
    stop words, whatever they exclude ("le SAUF Lyon": "le" finds nothing). ``lang``: the interface's language."""
    if not groups:
        return TextQuery(("all",))
    groups = [g for g in groups if g.words or g.excluded or g.excluded_phrases]
    if not groups:
        return TextQuery(("none",))
    parts = [text_query(view, g.words, fuzzy, g.excluded, g.compounds, scope, g.pairs, g.phrases, lang,
                        g.excluded_phrases)
             if g.words or not g.stop_words
             else TextQuery(("none",)) for g in groups]
    if len(parts) == 1:
        return parts[0]
    return TextQuery(any_of([p.tree for p in parts]), [w for p in parts for w in p.words],
                     [t for p in parts for t in p.themes], set().union(*(p.highlight for p in parts)),
                     any_of([p.wanted for p in parts]))


def _tagged(view, iri: str, themes, by_label: bool = True) -> tuple:
    """The documents tagged with the theme ``iri`` or with one of its narrower ``themes``. A document tagged with a
    narrower theme scores what one tagged with ``iri`` does (a rarer theme is not a better answer to the theme asked),
    and a theme concept does not score for being tagged with itself unless it is the theme asked, and asked
    ``by_label`` (not by a synonym, :func:`_theme_clause`): the concepts near a theme would otherwise come before the
    actors of that theme."""
    concepts = view.bits("kind", "theme")

    def idf(bits: int) -> float:  # as rank() weighs a term
        return math.log(1 + view.size / (bits.bit_count() + 0.5))

    asked = idf(view.bits("theme", iri))
    return any_of([term("theme", t, THEME_BOOST) if t == iri and by_label
                   else unscored(term("theme", t, THEME_BOOST), "kind", "theme") if t == iri
                   else unscored(term("theme", t, THEME_BOOST * asked / idf(view.bits("theme", t) & ~concepts)),
                                 "kind", "theme")
                   for t in sorted(themes)])
