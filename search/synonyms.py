"""The acronyms of the French public and health sector, and the names they stand for, found in either form.

A document whose texts hold an acronym (« CCAS ») is indexed with its expansion too (« centre communal d'action
sociale »), and one whose texts hold the expansion with the acronym: "CCAS" finds « Centre communal d'action
sociale de Roche-Vernaz », and "centre communal d'action sociale" finds « CCAS de Firminy ». This happens when a
document is indexed (:mod:`search.schema`), where the words' order is known: the index keeps no positions, and a
query-time expansion would have matched the four words scattered over a deliberation's text.

Acronyms of four letters or more are found whatever their case (« Ehpad » is common); shorter ones only in capitals
(« ARS », not the town of Ars; « CH », not "ch."). Themes have their own synonyms, in the theme scheme
(``skos:altLabel``, :mod:`search.themes`).

>>> expansions(["Le CCAS de Firminy"], term_set(["Le CCAS de Firminy"]))
["centre communal d'action sociale"]
>>> expansions(["Centres communaux d'action sociale"], term_set(["Centres communaux d'action sociale"]))
['CCAS']
>>> expansions(["Ars-sur-Formans"], term_set(["Ars-sur-Formans"]))
[]
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from search.analysis import LETTER, SHORT_TEXT, content_words, stem_word, term_set, terms  # noqa: F401

#: Acronym -> the names it stands for (the first is the one indexed with a document that holds the acronym).
ACRONYMS = {
    "ARS": ("agence régionale de santé",),
    "CAF": ("caisse d'allocations familiales",),
    "CCAS": ("centre communal d'action sociale",),
    "CH": ("centre hospitalier",),
    "CHU": ("centre hospitalier universitaire", "centre hospitalo-universitaire"),
    "CIAS": ("centre intercommunal d'action sociale",),
    "CLS": ("contrat local de santé",),
    "CLSM": ("conseil local de santé mentale",),
    "CMP": ("centre médico-psychologique",),
    "CPAM": ("caisse primaire d'assurance maladie",),
    "CPTS": ("communauté professionnelle territoriale de santé",),
    "DAC": ("dispositif d'appui à la coordination",),
    "EHPAD": ("établissement d'hébergement pour personnes âgées dépendantes",),
    "EPCI": ("établissement public de coopération intercommunale",),
    "ESAT": ("établissement et service d'aide par le travail",
             "établissement et service d'accompagnement par le travail"),
    "ESS": ("économie sociale et solidaire",),
    "ESUS": ("entreprise solidaire d'utilité sociale",),
    "GCS": ("groupement de coopération sanitaire",),
    "GHT": ("groupement hospitalier de territoire",),
    "GIP": ("groupement d'intérêt public",),
    "MDPH": ("maison départementale des personnes handicapées",),
    "MSA": ("mutualité sociale agricole",),
    "MSP": ("maison de santé pluriprofessionnelle", "maison de santé pluridisciplinaire",
            "maison de santé pluri-professionnelle"),
    "PA": ("personnes âgées",),  # « formation des PA », « au domicile des PA » (SCDL purposes)
    "PMI": ("protection maternelle et infantile",),
    "PTCE": ("pôle territorial de coopération économique",),
    "PTSM": ("projet territorial de santé mentale",),
    "SSIAD": ("service de soins infirmiers à domicile",),
}

#: Acronyms shorter than this are found in capitals only.
ANY_CASE_FROM = 4

# The term of each acronym, and the pattern that finds it in a text (a plural "s" allowed: « des EHPADs »), a word
# of its own: no letter (search.analysis.LETTER) before or after it, an apostrophe being none (« dʼEHPAD »).
_ACRONYM_TERMS = {acronym: stem_word(acronym) for acronym in ACRONYMS}
_ACRONYM_PATTERNS = {acronym: re.compile(rf"(?<!{LETTER}){acronym}s?(?!{LETTER})",
                                         0 if len(acronym) < ANY_CASE_FROM else re.IGNORECASE)
                     for acronym in ACRONYMS}
# Each expansion as its sequence of terms, with its acronym; the expansions by their first term; and the terms
# that an acronym or an expansion starts with: a document that holds none of them (most) costs one intersection,
# and one that holds "centre" or "maison" a subset test per expansion starting so (5 µs a document at 10k actors).
_PHRASES = [(tuple(terms(name)), acronym) for acronym, names in ACRONYMS.items() for name in names]
_BY_FIRST_TERM: dict[str, list[tuple[str, ...]]] = {}
for _phrase, _ in _PHRASES:
    _BY_FIRST_TERM.setdefault(_phrase[0], []).append(_phrase)
_ACRONYM_TERM_SET = frozenset(_ACRONYM_TERMS.values())
_FIRST_TERMS = frozenset(_BY_FIRST_TERM) | _ACRONYM_TERM_SET
_FOUND: dict[str, tuple[str, ...]] = {}
_CACHE_LIMIT = 100_000


def expansions(texts: Iterable[str], found: set[str] | frozenset[str]) -> list[str]:
    """The expansions of the acronyms that ``texts`` hold and the acronyms of the expansions they hold, sorted;
    ``found`` is the set of their terms (:func:`search.analysis.term_set`), which rules most texts out at once."""
    firsts = _FIRST_TERMS.intersection(found)
    if not any(term in _ACRONYM_TERM_SET or any(map(found.issuperset, _BY_FIRST_TERM.get(term, ())))
               for term in firsts):
        return []
    extra: set[str] = set()
    for text in texts:
        extra.update(_text_expansions(text))
    return sorted(extra)


def _text_expansions(text: str) -> tuple[str, ...]:
    cached = _FOUND.get(text)
    if cached is not None:
        return cached
    sequence = terms(text)
    present = set(sequence)
    extra = {ACRONYMS[acronym][0] for acronym, term in _ACRONYM_TERMS.items()
             if term in present and _ACRONYM_PATTERNS[acronym].search(text)}
    if not present.isdisjoint(_FIRST_TERMS):
        joined = f" {' '.join(sequence)} "
        extra.update(acronym for phrase, acronym in _PHRASES if f" {' '.join(phrase)} " in joined)
    found = tuple(sorted(extra))
    if len(text) <= SHORT_TEXT and len(_FOUND) < _CACHE_LIMIT:
        _FOUND[text] = found
    return found



#: Significant words that a name's initials need: with fewer, initials spell common words (« Les Amis du Vin »,
#: "AV") or acronyms that name other things.
INITIALS_FROM = 4

#: Words that name the kind of an organisation before its own name, left out of a second form of its initials:
#: « Association Aide à Domicile en Milieu Rural » is the ADMR too.
_KIND_WORDS = frozenset({"association", "federation", "union"})


def initials(name: str) -> list[str]:
    """The acronyms that a name's initials make (« ADMR » for « Aide à Domicile en Milieu Rural »), its stop words
    left out, and those of its name without a first word that names its kind of organisation; none for a name of
    fewer than INITIALS_FROM significant words. Indexed with an actor, not shown: its acronym finds it.

    >>> initials("Aide à Domicile en Milieu Rural"), initials("Association Aide à Domicile en Milieu Rural du Lot")
    (['ADMR'], ['AADMRL', 'ADMRL'])
    >>> initials("Les Aidants du Gier")
    []
    """
    content = content_words(name)
    letters = [folded[0].upper() for _, folded in content if folded[:1].isalpha()]
    found = ["".join(letters)] if len(letters) >= INITIALS_FROM else []
    if content and content[0][1] in _KIND_WORDS and len(letters) > INITIALS_FROM:
        found.append("".join(letters[1:]))
    return found
