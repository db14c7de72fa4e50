"""The new actors of an extraction, named without an identifier, whose name is nearly a stored actor's: one word
mistyped (« Comite de Gestion Rue Pinnel » beside the RNA's « COMITE DE GESTION RUE PINEL »).

A name joins an actor only by its name key (:mod:`graph.resolution`): a near name is never joined, since two
organisations may be named a letter apart. But the row's author may have mistyped it, and a new actor with no
word left the two apart unseen: the resolution warns at the row instead, naming the stored actor and asking for the
identifier that would join them (:func:`near_names`), as a register's grant entry names the member whose name its
beneficiary nearly is.

Apart from :mod:`graph.resolution` because it asks the store for the keys a letter apart from the new actors' (every
spelling of each key with one of its words mistyped: ~1,000 keys for « comite gestion rue pinnel », looked up as the
keys are, 11 ms at 10k actors), or, for more than :data:`SPELLINGS_LOOKED_UP` of them, reads every key of the store
once (~60–110 ms at 10k actors, growing with the store) — for the kinds of sources whose rows a person types
(:data:`NEAR_NAME_KINDS`); a deliberation's beneficiaries, dozens per text and hundreds of texts, are left out.
"""

from __future__ import annotations

import string

from rdflib import URIRef

from graph.identity import LABEL
from graph.identity_names import name_key
from graph.namespaces import MAI
from graph.resolution_lookups import LOOKUP_BATCH
from graph.terms import sparql_string, term_parts

#: The kinds of sources whose new actors named without an identifier are compared with the store's names.
NEAR_NAME_KINDS = frozenset({"register", "scdl-subventions"})
#: The shortest word that a near name may mistype: shorter words (« lyon », « apf ») are other words a letter apart.
_SHORTEST_WORD = 5
#: The most spellings looked up one by one (in batches of LOOKUP_BATCH); beyond, every key of the store is read once.
SPELLINGS_LOOKED_UP = 5000
#: The name keys of the store's actors, but for those of the graph that the extraction replaces.
_KEYS = "SELECT DISTINCT ?key WHERE { GRAPH ?g { ?actor <%s> ?key } FILTER(?g != ?source) }" % MAI.nameKey
#: Which of some name keys the store's actors hold (the extraction's previous graph left out).
_HELD = ("SELECT DISTINCT ?key WHERE { VALUES ?key { %s } GRAPH ?g { ?actor <" + str(MAI.nameKey) + "> ?key } "
         "FILTER(?g != ?source) }")
#: The actors of some name keys, with their labels.
_HOLDERS = ("SELECT DISTINCT ?key ?actor ?label WHERE { VALUES ?key { %s } GRAPH ?g { ?actor <" + str(MAI.nameKey)
            + "> ?key } FILTER(?g != ?source) OPTIONAL { ?actor <" + str(LABEL) + "> ?label } } ORDER BY ?label")


def near_keys(key: str, known: dict[str, list[str]]) -> list[str]:
    """The keys among ``known`` (indexed by :func:`_masked`) that are ``key`` with one word mistyped: as many words,
    all the same but one, and that one a letter apart (one letter changed, added or left out), both of at least
    :data:`_SHORTEST_WORD` letters and neither a number.

    >>> index = _index(["comite gestion rue pinel", "comite fetes lyon", "danaecare"])
    >>> near_keys("comite gestion rue pinnel", index), near_keys("comite fetes lyons", index)
    (['comite gestion rue pinel'], [])
    >>> near_keys("danaekare", index), near_keys("comite gestion rue martin", index)
    (['danaecare'], [])
    """
    from rapidfuzz.distance import Levenshtein

    words, found = key.split(), []
    for i, word in enumerate(words):
        for other in known.get(_mask(words, i), ()):
            theirs = other.split()[i]
            if theirs != word and min(len(word), len(theirs)) >= _SHORTEST_WORD \
                    and not any(c.isdigit() for c in word + theirs) and Levenshtein.distance(word, theirs) == 1:
                found.append(other)
    return sorted(set(found))


def spelling_corrected(old: str, new: str) -> bool:
    """Whether the name ``new`` is ``old`` with its spelling corrected, not another name: the same name key (accents,
    case, punctuation mended) or one word mistyped (:func:`near_keys`), as « Comite de Gestion Rue Pinnel » and
    « … Rue Pinel ». A register's new version that corrects a name so keeps the old one as an earlier spelling, not
    as a former name.

    >>> spelling_corrected("Comite de Gestion Rue Pinnel", "Comité de gestion rue Pinel")
    True
    >>> spelling_corrected("Télésoins SCIC", "Télésoins du Forez SCIC"), spelling_corrected("", "Télésoins")
    (False, False)
    """
    old_key, new_key = name_key(old), name_key(new)
    return bool(old_key) and (old_key == new_key or bool(near_keys(old_key, _index([new_key]))))


def _spellings(key: str) -> set[str]:
    """``key`` with one of its words (of :data:`_SHORTEST_WORD` letters or more, no digit) a letter apart: one letter
    changed, added or left out.

    >>> sorted(_spellings("rue pinel"))[:3], "rue pinnel" in _spellings("rue pinel"), _spellings("rue 42")
    (['rue ainel', 'rue apinel', 'rue binel'], True, set())
    """
    words, found = key.split(), set()
    for i, word in enumerate(words):
        if len(word) < _SHORTEST_WORD or any(c.isdigit() for c in word):
            continue
        for j in range(len(word) + 1):
            others = [word[:j] + word[j + 1:]] if j < len(word) else []
            for letter in string.ascii_lowercase:
                others += [word[:j] + letter + word[j:]] + ([word[:j] + letter + word[j + 1:]] if j < len(word) else [])
            found.update(" ".join([*words[:i], other, *words[i + 1:]]) for other in others
                         if other != word and len(other) >= _SHORTEST_WORD)
    return found


def _candidates(keys: list[str], query) -> set[str]:
    """The stored keys that may be a letter apart from some of ``keys``: those of their spellings that the store
    holds (:func:`_spellings`), or, when they are too many to look up, the store's keys of as many words that share
    the first or the last word of one of them."""
    spellings = sorted(set().union(*map(_spellings, keys)))
    if len(spellings) <= SPELLINGS_LOOKED_UP:
        held = set()
        for i in range(0, len(spellings), LOOKUP_BATCH):
            values = " ".join(sparql_string(k) for k in spellings[i:i + LOOKUP_BATCH])
            held.update(term_parts(key)[1] for (key,) in query(_HELD % values, None).raw_rows())
        return held
    ends = {(len(words), words[0], words[-1]) for words in (key.split() for key in keys)}
    firsts, lasts = {(n, first) for n, first, _ in ends}, {(n, last) for n, _, last in ends}
    found = set()
    for (key,) in query(_KEYS, None).raw_rows():
        words = term_parts(key)[1].split()
        if (len(words), words[0]) in firsts or (len(words), words[-1]) in lasts:
            found.add(" ".join(words))
    return found


def _mask(words: list[str], i: int) -> str:
    """A key's words with the ``i``-th one left out, marked by its place."""
    return " ".join([*words[:i], "*", *words[i + 1:]])


def _index(keys) -> dict[str, list[str]]:
    """Each key under each of its masks (:func:`_mask`): the keys that differ by one word share one."""
    index: dict[str, list[str]] = {}
    for key in keys:
        words = key.split()
        for i in range(len(words)):
            index.setdefault(_mask(words, i), []).append(key)
    return index


def near_names(graph, seekers: dict[URIRef, list[str]], query) -> list[tuple[URIRef, str, str]]:
    """For each new actor of ``graph`` named without an identifier (``seekers``: its name keys), the warning that
    its name is nearly a stored actor's (French, English): the actor, then the messages. ``query(sparql,
    bindings)`` reads the store, the extraction's own previous graph left out (:func:`graph.resolution_lookups.
    skipping`)."""
    if not seekers:
        return []
    index = _index(_candidates(sorted({key for keys in seekers.values() for key in keys}), query))
    near = {actor: found for actor, keys in seekers.items()
            if (found := sorted({other for key in keys for other in near_keys(key, index)}))}
    if not near:
        return []
    wanted = sorted({key for found in near.values() for key in found})
    holders: dict[str, dict[URIRef, str]] = {}
    values = " ".join(sparql_string(key) for key in wanted)
    for key, holder, label in query(_HOLDERS % values, None):
        if isinstance(holder, URIRef):
            holders.setdefault(str(key), {}).setdefault(holder, str(label) if label is not None else str(key))
    said = []
    for actor, found in near.items():
        others = {holder: label for key in found for holder, label in holders.get(key, {}).items() if holder != actor}
        if others:
            said.append((actor, *_near_said(str(next(graph.objects(actor, LABEL), actor)), others)))
    return said


def _near_said(label: str, others: dict[URIRef, str]) -> tuple[str, str]:
    """What is said of an actor named « ``label`` », whose name is nearly that of ``others`` (IRI -> label)."""
    names = ", ".join(f"« {name} » ({iri})" for iri, name in sorted(others.items(), key=str))
    names_en = ", ".join(f"'{name}' ({iri})" for iri, name in sorted(others.items(), key=str))
    return (f"acteur « {label} » : nom proche de {names} : même organisation ? Donnez son numéro RNA ou son SIREN "
            "pour les réunir ; lu tel qu'écrit, comme un autre acteur (un nom proche ne suffit pas à les réunir)",
            f"actor '{label}': name close to {names_en}: the same organisation? Give its RNA number or SIREN to "
            "join them; read as written, as another actor (a close name is not enough to join them)")
