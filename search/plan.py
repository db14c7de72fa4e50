"""The plan of a search text: the query tree (:mod:`search.trees`) that its words, quoted phrases, excluded words
and the themes it names make, with the words to highlight.

A word matches in a name, a folded name, the text, a deliberation's own text, the kind's names or the English
texts, each with its weight (the boosts below, tuned on bench/relevance_queries.yaml); a theme that the text names
matches the documents tagged with it or saying one of its names. The tree is read by :mod:`search.query`, which
plans a text again with typos allowed (:mod:`search.typos`) when it finds too few. Two neighbouring words typed
apart also match the word they make together ("danae care": « DanaeCare »), and a theme's other names match what
says them, not what shares a stem with one of their words (« autonomie »: not « logement autonome »).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from search import analysis
from search.english import english_word
from search.phrases import MAX_GAP, pair_term
from search.trees import all_of, any_of, matches, none_of, prefix, term, unscored, weighed
from search.typos import FUZZY_MIN_CHARS, near_terms, spells, themes_near

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
#: Weight of an index term one typo away from a query word (:func:`search.typos.near_terms`), for the
#: words of search.typos.FUZZY_MIN_CHARS letters or more.
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
#: when its stem finds other words there: "soignants" ranks what says « soignants » before what says « soigner »
#: (one stem, "soign"), as a name's word would (bench/relevance.py: recall@5 and MRR the same with 1, 2 or 3). Weighed
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
    joined = []
    if len(content) == len(words):  # the compounds' spans are those of ``words``
        for start, end, (stem, folded) in compounds:
            either = any_of([all_of(clauses[start:end]), _word_clause(view, stem, folded, fuzzy, highlight, lang)])
            clauses[start:end] = [either] + [("all",)] * (end - start - 1)  # the spans of the others stay
        joined = _join_neighbours(view, clauses, content, pairs, phrases, compounds, fuzzy, highlight, lang)
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
    folded = [f for _, f in content]
    alternatives.append(term("whole", " ".join(folded), WHOLE_BOOST))
    for first in joined:  # "danae care", the whole name « DanaeCare »
        alternatives.append(term("whole", " ".join(folded[:first] + [folded[first] + folded[first + 1]]
                                                   + folded[first + 2:]), WHOLE_BOOST))
    wanted = any_of(alternatives)
    return TextQuery(all_of([wanted, *unwanted]), content, named, highlight, wanted)


def _join_neighbours(view, clauses: list[tuple], content: list[tuple[str, str]], pairs: list[tuple[int, str]],
                     phrases: list[tuple[int, int]], compounds, fuzzy: bool, highlight: set[str],
                     lang: str) -> list[int]:
    """Let each two neighbouring words typed apart (no stop word between them, neither quoted nor part of a
    hyphenated word) be matched by the word they make written together, where the index holds it: "danae care"
    finds « DanaeCare » (as "danaecare" does), "medico social" « médico-social ». Pairs only, each word joined
    with the one before or the one after it: ``clauses`` (one per word of ``content``) changed in place. Returns
    the index in ``content`` of the first word of each pair joined so."""
    found = []
    taken = {i for start, end, _ in compounds for i in range(start, end)}
    quoted = {i for start, end in phrases for i in range(start, end)}
    for second, pair in pairs:
        first = second - 1
        if " +" in pair or {first, second} & (taken | quoted):
            continue
        folded = content[first][1] + content[second][1]
        stem = analysis.stem_word(folded)
        marked: set[str] = set()
        joined = _word_clause(view, stem, folded, fuzzy, marked, lang) if stem else ("none",)
        if matches(view, joined):
            highlight.update(marked)
            clauses[first], clauses[second] = any_of([clauses[first], joined]), any_of([clauses[second], joined])
            found.append(first)
    return found


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
    by_label = spells(label, spelt)
    theme = [_tagged(view, iri, scheme.expand(iri), by_label)]
    if label and label != spelt:
        if by_label:  # the label misspelt: its words are those typed
            theme.append(all_of([_word_clause(view, s, f, False, highlight) for s, f in label]))
        else:
            theme.append(unscored(_expansion(view, label, highlight), "kind", "theme"))
    # or saying one of its other names: « sport-santé » finds the grant for « l'activité physique adaptée », which
    # scores nothing for it (SYNONYM_SHARE) and is not highlighted: it would come before what the words typed name
    for synonym in scheme.synonyms.get(iri, ()) if other_names else ():
        if synonym != spelt and synonym != label:
            theme.append(weighed(_expansion(view, synonym, set()), SYNONYM_SHARE))
    return any_of(theme)


def _expansion(view, words: list[tuple[str, str]], highlight: set[str]) -> tuple:
    """What says a theme's name that the query did not type (a synonym, or its label when a synonym names the
    theme), given as its (stem, folded) content ``words``: the name, not a word that merely shares a stem with one
    of its words. A name of several words is said with its words side by side (:func:`_side_by_side`); a name of
    one word as written (:func:`_as_written`). By its stem, « autonomie » (a synonym of « Perte d'autonomie »)
    found « Comité local pour le logement autonome des jeunes » for "ehpad" and "maintien à domicile", and the
    label's words, said apart, a text saying « perte » and « autonome ». Its folded words are highlighted, not
    their stems (« Autonome » was)."""
    highlight.update(folded for _, folded in words)
    said = [_word_clause(view, s, f, False, set()) for s, f in words]
    return all_of(said + (_side_by_side(words) if len(words) > 1 else [_as_written(words[0][1])]))


def _as_written(folded: str) -> tuple:
    """What holds the folded word ``folded``, or its plural or singular (a final "s"), in its names (``exact``) or
    its own texts (``plain``), weighed as the word's other terms are (:func:`_word_clause`)."""
    forms = [folded, folded[:-1] if folded.endswith("s") else folded + "s"]
    weights = (("exact", EXACT_BOOST), ("plain", BODY_BOOST))
    return any_of([term(field_name, form, boost) for field_name, boost in weights for form in forms])


def theme_said(view, iri: str) -> tuple:
    """What says the name of the theme ``iri`` — its label or one of its other names, their words side by side
    (:func:`_side_by_side`) — besides the theme concepts, which the theme filter takes by their tags: what the
    ``theme`` filter finds with the documents tagged with the theme or a narrower one. A grant « Mission de
    prévention et de médiation » that no one tagged is found by ``theme=Prévention``, as by the text "prévention"."""
    scheme = view.themes()
    names = [analysis.content_words(scheme.labels[iri]), *scheme.synonyms.get(iri, ())]
    said = [all_of([_word_clause(view, s, f, False, set()) for s, f in name] + _side_by_side(name))
            for name in names if name]
    return all_of([any_of(said), none_of(term("kind", "theme"))]) if said else ("none",)


def _side_by_side(words: list[tuple[str, str]]) -> list[tuple]:
    """The pairs that hold a name's (stem, folded) content ``words`` side by side, each with up to MAX_GAP stop words
    between them (« promotion de la santé », « promotion santé »): what says a theme's name of several words says
    them together. Apart, « promotion des produits … Journées Aliments & Santé » said « Prévention » (its synonym
    « promotion de la santé »): a grant found for "prévention" with no word of it, at score 0."""
    return [any_of([_pair(pair_term(first, gap, second)) for gap in range(MAX_GAP + 1)])
            for (first, _), (second, _) in zip(words, words[1:])]


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
    return parts[0] if len(parts) == 1 else either(parts)


def either(parts: list[TextQuery]) -> TextQuery:
    """The plan that matches what any of ``parts`` matches, a document scoring for each part's terms it holds: one
    that holds the words of several parts comes first. Each theme keeps the span of the words that name it, counted
    in the words of all the parts."""
    words, themes = [], []
    for part in parts:
        themes += [(iri, (start + len(words), end + len(words))) for iri, (start, end) in part.themes]
        words += part.words
    return TextQuery(any_of([p.tree for p in parts]), words, themes, set().union(*(p.highlight for p in parts)),
                     any_of([p.wanted for p in parts]))


def only_word(group, kept: int):
    """The group (:class:`search.syntax.Group`) with its word at ``kept`` as its only word, what it excludes
    still excluded."""
    return replace(group, words=[group.words[kept]], compounds=[], pairs=[], phrases=[])


def content_indexes(group) -> list[int]:
    """The places in a group's words (:class:`search.syntax.Group`) of its content words (not its stop words)."""
    return [i for i, (stem, _) in enumerate(group.words) if stem]


def without_word(group, left_out: int):
    """The group (:class:`search.syntax.Group`) without its word at ``left_out``: the compound that holds it goes
    and so do the pairs it makes, the places of the others shift. For a group without quoted phrases (whose pairs
    are required); what it excludes stays excluded."""
    content = content_indexes(group)

    def first_of(second: int) -> int | None:  # the content word that a pair's second word follows
        return max((i for i in content if i < second), default=None)

    def moved(i: int) -> int:
        return i - (i > left_out)

    return replace(group, words=[w for i, w in enumerate(group.words) if i != left_out],
                   compounds=[(moved(s), moved(e - 1) + 1, joined) for s, e, joined in group.compounds
                              if not s <= left_out < e],
                   pairs=[(moved(i), text) for i, text in group.pairs if left_out not in (i, first_of(i))])


def _tagged(view, iri: str, themes, by_label: bool = True) -> tuple:
    """The documents tagged with the theme ``iri`` or with one of its narrower ``themes``. A document tagged with a
    narrower theme scores what one tagged with ``iri`` does (a rarer theme is not a better answer to the theme asked),
    and a theme concept does not score for being tagged with itself unless it is the theme asked, and asked
    ``by_label`` (not by a synonym, :func:`_theme_clause`): the concepts near a theme would otherwise come before the
    actors of that theme."""
    concepts = view.bits("kind", "theme")

    def idf(bits: int) -> float:  # as search.trees.rank weighs a term
        return math.log(1 + view.size / (bits.bit_count() + 0.5))

    asked = idf(view.bits("theme", iri))
    return any_of([term("theme", t, THEME_BOOST) if t == iri and by_label
                   else unscored(term("theme", t, THEME_BOOST), "kind", "theme") if t == iri
                   else unscored(term("theme", t, THEME_BOOST * asked / idf(view.bits("theme", t) & ~concepts)),
                                 "kind", "theme")
                   for t in sorted(themes)])
