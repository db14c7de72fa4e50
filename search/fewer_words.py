"""A search text whose words find nothing all together, searched again with fewer of them; and the words of a text
as typed, to say how the search read them.

« santé mentale ado », « personnes âgées isolées », « accès aux soins quartier » found nothing where the text without
its last word finds the right actors: people type a word more than the texts hold. The search then finds what all
the words but one find (each left out in turn), else what any of them finds, and says which it left out
(:func:`notice`); the answer's ``partial`` holds them. What all the words find is never mixed with this: it is
searched with fewer words only when all of them together find nothing, typos tolerated.
"""

from __future__ import annotations

from search import plan, trees
from search.analysis import fold_word, iter_words

#: The content words at most of a text searched again with fewer words when all of them together find nothing
#: (:func:`search_with_fewer`): one search per word, twice at most; a longer text is not a question typed in words.
FEWER_MAX_WORDS = 8


def search_with_fewer(view, text: str, groups: list, scope: tuple,
                      lang: str) -> tuple[plan.TextQuery, int, dict] | None:
    """The plan and matches of a ``text`` of several words (its ``groups``, :func:`search.syntax.parse`) that find
    nothing together, searched with fewer of them within ``scope`` (the filters), and ``partial``: its words and
    those left out, as typed (:func:`as_typed`), and whether all the words but one were kept.

    All the words but one first (each left out in turn: what any of those searches finds), else any one of them;
    a document holding more of the words scores more, as it holds more of their terms. None for a text of one word,
    of alternatives (OU) or with quoted phrases, whose words were asked together on purpose, or when fewer words
    find nothing either."""
    if len(groups) != 1 or groups[0].phrases or groups[0].excluded_phrases:
        return None
    group = groups[0]
    content = plan.content_indexes(group)
    if not 2 <= len(content) <= FEWER_MAX_WORDS:
        return None
    for all_but_one in (True, False) if len(content) > 2 else (False,):  # of two words, all but one is any one
        found = _found(view, [plan.without_word(group, i) if all_but_one else plan.only_word(group, i)
                              for i in content], scope, lang)
        if found:
            matched = 0
            for _, bits in found.values():
                matched |= bits
            words = [as_typed(text, group.words[i][1]) for i in content]
            left_out = [word for n, word in enumerate(words) if (n in found) == all_but_one]
            return (plan.either([part for part, _ in found.values()]), matched,
                    {"words": words, "left_out": left_out, "all_but_one": all_but_one})
    return None


def _found(view, groups: list, scope: tuple, lang: str) -> dict[int, tuple[plan.TextQuery, int]]:
    """The plan and matches within ``scope`` of each of ``groups`` that matches something, by its place."""
    found = {}
    for n, group in enumerate(groups):
        part = plan.parsed_query(view, [group], scope=scope, lang=lang)
        if bits := trees.matches(view, trees.all_of([part.tree, scope])):
            found[n] = (part, bits)
    return found


def as_typed(text: str, folded: str) -> str:
    """A word of the text as it was typed (« santé »), from its folded form (« sante »); the folded form when the
    text holds it in no other way (the parts of a compound)."""
    return next((word for word, _, _ in iter_words(text) if fold_word(word) == folded), folded)


def typed_span(text: str, folded: list[str]) -> str:
    """The part of ``text`` that the (folded) words ``folded`` were read from, as typed, the stop words between
    them kept (« accès aux soins »); the words joined when the text holds them apart."""
    spans = list(iter_words(text))
    for first, (word, start, _) in enumerate(spans):
        if folded and fold_word(word) == folded[0]:
            ahead = [(fold_word(w), e) for w, _, e in spans[first:first + len(folded) + plan.MAX_GAP * len(folded)]]
            if (end := next((e for w, e in reversed(ahead) if w == folded[-1]), None)) is not None:
                return text[start:end]
    return " ".join(as_typed(text, word) for word in folded)


def notice(partial: dict) -> tuple[str, str]:
    """The notice (French, English) of a search done with fewer words than typed (:func:`search_with_fewer`),
    naming those left out.

    >>> notice({"words": ["santé", "ado"], "left_out": ["ado"], "all_but_one": True})[0]
    'Aucun résultat avec tous les mots ; résultats sans «\xa0ado\xa0».'
    >>> notice({"words": ["a", "b", "c"], "left_out": ["c"], "all_but_one": False})[1]
    "No result with all the words; results with some of the words. Found nowhere: 'c'."
    """
    fr = [f"«\u00a0{word}\u00a0»" for word in partial["left_out"]]
    en = [f"'{word}'" for word in partial["left_out"]]
    none = ("Aucun résultat avec tous les mots ; ", "No result with all the words; ")
    if partial["all_but_one"] and len(fr) == 1:
        return none[0] + f"résultats sans {fr[0]}.", none[1] + f"results without {en[0]}."
    if partial["all_but_one"]:
        return (none[0] + f"résultats avec tous les mots sauf un ({' ou '.join(fr)}).",
                none[1] + f"results with all the words but one ({' or '.join(en)}).")
    nowhere = (f" Introuvables : {', '.join(fr)}.", f" Found nowhere: {', '.join(en)}.") if fr else ("", "")
    return (none[0] + "résultats avec une partie des mots." + nowhere[0],
            none[1] + "results with some of the words." + nowhere[1])


def read_as(query: plan.TextQuery, text: str) -> list[dict]:
    """The words of ``text`` that name a theme, as typed, each with the theme (``iri``) it was read as (« psy »:
    Santé mentale): the page says how it read them, as what a theme finds need not hold the words."""
    read = []
    for iri, (start, end) in query.themes:
        said = {"words": typed_span(text, [folded for _, folded in query.words[start:end]]), "iri": iri}
        if said not in read:
            read.append(said)
    return read
