"""The names of organisations folded into keys: the key under which two spellings of one organisation's name meet
(:func:`name_key`), the placeholders that name no one, the other keys a name is looked up under (its bare name, its
acronym, a local authority's usual names, a branch named branch first: :func:`name_variants`), whether a name names a
branch of a body (:func:`is_branch_of`), and the label to show of several.

Apart from :mod:`graph.identity` (which mints actors' IRIs and lookup keys from identifiers and these keys, and joins
the spellings of one actor within a file) because it reads names alone: text in, keys out, with no graph.

>>> name_key("L'Association DANAECARE")
'danaecare'
>>> name_key("Saint-Étienne Métropole") == name_key("SAINT ETIENNE METROPOLE")
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.encodings import composed
from graph.namespaces import ascii_fold

#: Words folded away from name keys: articles and prepositions, and legal-form words that sources add or drop
#: ("Association DanaeCare", "DANAECARE", "Danaecare (association loi 1901)"). Not « Fédération » nor « Union »: they
#: name another organisation, the one that federates (« Fédération ADMR de la Loire » is not « ADMR de la Loire »).
STOP_WORDS = frozenset("""
    l la le les de du des d a au aux et en pour sur par un une
    association assoc asso loi 1901 declaree
    sas sasu sarl eurl sa sci scop scic sa-scop gie gip ses cie societe
""".split())

#: What is read as an apostrophe wherever text is read into words — organisations' name keys here, the search
#: index's writers, its queries, snippets, acronyms and sort keys (:mod:`search.analysis`): the apostrophe, straight
#: or typographic (’ U+2019, ʼ U+02BC), and what is written for it — quotation marks, primes and accents (‘ ‛ ′ ´ `),
#: the fullwidth and Armenian apostrophes, modifier letters that look like one (ʻ ʽ ʹ ʾ ʿ ˈ ꞌ). ``\w`` takes the
#: modifier letters for letters: a pattern of ``\w`` read « Lʼhôpital » as one word (the search's bulk writer
#: indexed ``lʼhopital``, the name key was « lhopital ») where « L'hôpital » is « hopital ».
APOSTROPHES = "'’ʼ‘‛′´`＇՚ʻʽʹʾʿˈꞌ"

_PUNCT = re.compile(r"[^a-z0-9]+")
#: What parts words before accents are folded: punctuation, and an apostrophe that ``\w`` takes for a letter.
_MARKS = re.compile(rf"[^\w\s]|_|[{APOSTROPHES}]")


def preferred_label(labels) -> str | None:
    """The label to show of several that sources give one actor: one written in small letters before one in
    capitals only (a register's "Centre hospitalier de La Rochelle" before a grants list's "CTRE HOSP GRPE HOSP
    ROCHELLE"), then the first in alphabetical order, so that a page does not depend on the order the store answers
    in.

    >>> preferred_label(["CTRE HOSP ROCHELLE", "Centre hospitalier de La Rochelle"])
    'Centre hospitalier de La Rochelle'
    """
    labels = [str(label) for label in labels if label is not None]
    return min(labels, key=lambda label: (not any(c.islower() for c in label), label)) if labels else None


def fold(text: str) -> str:
    """Lowercase, strip accents, spell out œ and æ, turn punctuation and elisions into spaces. An accent written
    as a combining mark after its letter (Unicode NFD: macOS tools, some PDF extractors, an RDF file's literal) is
    the accented letter: composed first, it is not taken for punctuation ("Ho\u0302pital" was « ho pital »).

    >>> fold("L’Étrat — Saint-Étienne"), fold("Sœurs de Saint-Joseph"), fold("Lʼhôpital")
    ('l etrat saint etienne', 'soeurs de saint joseph', 'l hopital')
    >>> fold("Ho\u0302pital Ste\u0301phane")
    'hopital stephane'
    """
    text = _MARKS.sub(" ", composed(text))  # before NFKD: "L’Étrat" must not become "letrat"
    return _PUNCT.sub(" ", ascii_fold(text)).strip()


@lru_cache(maxsize=65_536)  # a funder's or a nature's name recurs on every row of a file
def name_key(name: str) -> str:
    """Return the key under which two spellings of one organisation's name meet (empty if nothing is left)."""
    words = [w for w in fold(name).split() if w not in STOP_WORDS]
    if not words:  # a name made only of folded words ("Association") keeps them
        words = fold(name).split()
    return " ".join(words)


#: Folded names that stand for no one in particular: grants lists hide natural persons ("Personne physique"),
#: SIRENE hides restricted names ("[ND]"), producers fill empty cells ("NC", "-"). Two such "names" are not one
#: actor, and no name key is made from them.
PLACEHOLDER_NAMES = frozenset({
    "personne physique", "personnes physiques", "particulier", "particuliers", "anonyme", "anonymes", "anonymise",
    "anonymisee", "beneficiaire anonyme", "beneficiaire anonymise", "beneficiaires divers", "divers beneficiaires",
    "divers", "nc", "n c", "nd", "n d", "na", "n a", "non communique", "non renseigne", "non precise",
    "non diffusible", "confidentiel", "inconnu", "x", "xx", "xxx", "neant", "sans objet", "autre", "autres",
})
_LETTER = re.compile(r"[a-z]")


def is_placeholder_name(name: str) -> bool:
    """Whether ``name`` names no one: a known placeholder, or no letter at all ("-", "***", "31/12/99").

    >>> [is_placeholder_name(n) for n in ("Personne physique", "[ND]", "-", "N.C.", "Particulier Services", "AMAP")]
    [True, True, True, True, False, False]
    """
    folded = fold(name)
    return folded in PLACEHOLDER_NAMES or not _LETTER.search(folded)


_PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]")


def name_variants(name: str) -> list[str]:
    """Return the name keys under which ``name`` is looked up: its key, its key without parentheses, its key with
    the acronym in parentheses for the words it abbreviates (:func:`acronym_variant`), and the key a local
    authority's usual names share (:func:`authority_key`).

    Sources add remarks or acronyms in parentheses ("Association … du Lot (ADDA)", "… (fictive)"); the bare name
    is a known variant. An acronym alone is not used: it collides too often.

    >>> name_variants("Association départementale des arts du Lot (ADDA)")
    ['departementale arts lot adda', 'departementale arts lot']
    >>> name_variants("DanaeCare")
    ['danaecare']
    """
    return list(cached_name_variants(name))


#: The usual names of one local authority, each to the key they share: a commune is also named by its town ("Ville
#: de Bordeaux") or its town hall ("Mairie de …"), a département by its council (today "conseil départemental",
#: before 2015 "conseil général"), a région by its council, a CCAS in full.
_AUTHORITY_NAMES = (
    (re.compile(r"(?:ville|mairie|commune) (?:de |d |du |des )(.+)"), "commune"),
    (re.compile(r"(?:conseil departemental|conseil general|departement) (?:de |d |du |des )(.+)"), "departement"),
    (re.compile(r"(?:conseil regional|region) (?:de |d |du |des )?(.+)"), "region"),
    (re.compile(r"(?:centre communal d action sociale|ccas) (?:de |d |du |des )(.+)"), "ccas"),
)


def authority_key(name: str) -> str | None:
    """The key that the usual names of one local authority share, or None for a name of no such form.

    >>> [authority_key(n) for n in ("Ville de Bordeaux", "Mairie de Bordeaux", "Commune de Bordeaux")]
    ['commune bordeaux', 'commune bordeaux', 'commune bordeaux']
    >>> authority_key("Conseil départemental de la Gironde"), authority_key("Département de la Gironde")
    ('departement gironde', 'departement gironde')
    >>> authority_key("Conseil régional de Bretagne"), authority_key("Région Bretagne"), authority_key("Ville en fête")
    ('region bretagne', 'region bretagne', None)
    """
    folded = fold(name)
    for pattern, kind in _AUTHORITY_NAMES:
        if (match := pattern.fullmatch(folded)) and (rest := name_key(match.group(1))):
            return f"{kind} {rest}"
    return None


#: An acronym in parentheses: "(GEM)", "(G.E.M.)".
_ACRONYM = re.compile(r"[(\[]\s*([A-Z](?:\.?[A-Z]){1,7})\.?\s*[)\]]")
#: Words that an acronym's letters skip: articles, prepositions, elided letters ("Centre communal d'action sociale").
_SMALL_WORDS = frozenset("l la le les de du des d a au aux et en pour sur par un une".split())


def acronym_variant(name: str) -> str | None:
    """The name key of ``name`` with the words that a parenthesised acronym abbreviates replaced by it, or None.

    Sources name an organisation in full with its acronym ("Groupe d'Entraide Mutuelle (GEM) L'Escale") or by the
    acronym and the rest ("GEM L'Escale"). The acronym must be the initials of the words just before it (small
    words skipped), and something must be left beside it: an acronym alone is no key, it collides too often.

    >>> acronym_variant("Groupe d'Entraide Mutuelle (GEM) L'Escale")
    'gem escale'
    >>> acronym_variant("Maison de santé pluriprofessionnelle (MSP) des Sucs")
    'msp sucs'
    >>> [acronym_variant(n) for n in ("Centre communal d'action sociale (CCAS)", "Les Amis du Lot (ADDA) Nord")]
    [None, None]
    """
    match = _ACRONYM.search(name)
    if match is None:
        return None
    acronym = match.group(1).replace(".", "").lower()
    before = fold(name[:match.start()]).split()
    initials, start = [], len(before)
    while start > 0 and len(initials) < len(acronym):
        start -= 1
        if before[start] not in _SMALL_WORDS:
            initials.append(before[start][0])
    if "".join(reversed(initials)) != acronym:
        return None
    key = name_key(" ".join([*before[:start], acronym, name[match.end():]]))
    return None if is_acronym(key) or key == acronym else key


@lru_cache(maxsize=65_536)  # each name is looked at by the book, by add_name_keys and by resolve_actors
def cached_name_variants(name: str) -> tuple[str, ...]:
    """:func:`name_variants` of ``name``, as a tuple kept for the next call (used by :mod:`graph.identity`)."""
    if is_placeholder_name(name):
        return ()
    keys = [name_key(name)]
    bare = _PARENTHESES.sub("", name)
    if bare.strip() and bare != name:
        keys.append(name_key(bare))
        keys.append(acronym_variant(name))
    keys.append(authority_key(bare if bare.strip() else name))
    keys += branch_keys(bare if bare.strip() else name)
    return tuple(k for i, k in enumerate(keys) if k and k not in keys[:i])


#: The folded words that name a body's branch: "antenne", "comité", "délégation"…
BRANCH_WORDS = frozenset("antenne antennes section sections delegation delegations comite comites unite unites "
                          "branche branches secteur secteurs bureau bureaux agence agences relais equipe "
                          "equipes".split())


def is_branch_of(name: str, body: str) -> bool:
    """Whether ``name`` names a branch of ``body``: the body's name then a word that names a branch ("Restos du
    Cœur – antenne de Luzech"), or that word first and the body's name last ("Antenne gardoise de la Ligue contre
    le cancer"). A branch is an actor of its own: neither the body nor another of its branches.

    >>> is_branch_of("Les Restos du Cœur – antenne de Luzech", "Restos du Cœur")
    True
    >>> is_branch_of("Antenne gardoise de la Ligue contre le cancer", "Ligue contre le cancer")
    True
    >>> is_branch_of("Ligue contre le cancer", "Ligue contre le cancer"), is_branch_of("Cancer Ligue", "Ligue")
    (False, False)
    """
    key, of = name_key(name), name_key(body)
    if not of or key == of:
        return False
    if key.startswith(of + " "):
        return key[len(of) + 1:].split()[0] in BRANCH_WORDS
    return key.endswith(" " + of) and key.split()[0] in BRANCH_WORDS


def branch_bodies(name: str) -> list[str]:
    """The name keys of the bodies of which ``name`` names a branch (:func:`is_branch_of`): the words before each
    word that names a branch, and the words after a first one that does.

    >>> branch_bodies("Les Restos du Cœur – antenne de Luzech"), branch_bodies("Restos du Cœur")
    (['restos coeur'], [])
    >>> branch_bodies("Antenne gardoise de la Ligue contre le cancer")
    ['gardoise ligue contre cancer', 'ligue contre cancer', 'contre cancer', 'cancer']
    >>> all(is_branch_of("Antenne gardoise de la Ligue contre le cancer", body) for body in _)
    True
    """
    words = name_key(name).split()
    bodies = [" ".join(words[:at]) for at in range(1, len(words)) if words[at] in BRANCH_WORDS]
    if words and words[0] in BRANCH_WORDS:
        bodies += [" ".join(words[at:]) for at in range(1, len(words))]
    return bodies


#: The words that join a branch named first to its body: "Comité du Gard de la Ligue…", "Antenne de Luzech des…".
_BRANCH_JOINS = frozenset("de du des d".split())
#: The articles that may come before a branch's word: "Le Comité du Gard de la Ligue…".
_ARTICLES = frozenset("l la le les".split())


def branch_keys(name: str) -> list[str]:
    """The name keys of ``name`` written as its body then its branch, when it names a branch first and its body
    after ("Comité du Gard de la Ligue contre le cancer"): the key of "Ligue contre le cancer – comité du Gard", which
    names the same branch. One key for each word after which the body may start ("de", "du", "des"), the branch
    being more than its word ("Comité des fêtes de Luzech": "luzech comite fetes"). Neither is the body's key nor
    another branch's: the branch's words stay in it.

    >>> branch_keys("Comité du Gard de la Ligue contre le cancer"), branch_keys("Le comité du Gard de la Ligue")
    (['ligue contre cancer comite gard'], ['ligue comite gard'])
    >>> branch_keys("Antenne de Luzech des Restos du Cœur")
    ['restos coeur antenne luzech', 'coeur antenne luzech restos']
    >>> branch_keys("Ligue contre le cancer – comité du Gard"), branch_keys("Agence de l'eau Loire-Bretagne")
    ([], [])
    """
    words = fold(name).split()
    while words and words[0] in _ARTICLES:  # "Le Comité départemental de la Ligue…"
        words = words[1:]
    if not words or words[0] not in BRANCH_WORDS:
        return []
    keys = []
    for at in range(1, len(words) - 1):
        if words[at] in _BRANCH_JOINS:
            branch, body = name_key(" ".join(words[:at])), name_key(" ".join(words[at + 1:]))
            if " " in branch and body and body.split()[0] not in BRANCH_WORDS:
                keys.append(f"{body} {branch}")
    return keys


def is_acronym(key: str) -> bool:
    """A one-word key of at most 5 letters ("apf", "admr"): shared by unrelated organisations, never a key.

    >>> is_acronym("admr"), is_acronym("danaecare")
    (True, False)
    """
    return " " not in key and len(key) <= 5


def names_related(one: str, other: str) -> bool:
    """Whether two names that one identifier is given may name one organisation: they share a name key
    (:func:`cached_name_variants`), a word or the abbreviation of one (« HOSP », « hospitalier »), a word misspelt
    (rapidfuzz's ratio, 80 and more, for words of five letters or more), or one is the acronym of the other. A
    placeholder (:func:`is_placeholder_name`) says nothing against any name. Meant to be generous: what it finds
    unrelated are names with nothing in common, an identifier copied from another organisation's row.

    >>> names_related("CEA DU PERSONNEL DE LA VILLE D'ANTIBES JUAN-LES-PINS", "Trouver sonnette a son pied")
    False
    >>> names_related("CTRE HOSP GRPE HOSP ROCHELLE", "Centre hospitalier de La Rochelle")
    True
    >>> names_related("ADMR", "Aide à domicile en milieu rural"), names_related("Prevension", "PRÉVENTION")
    (True, True)
    """
    if is_placeholder_name(one) or is_placeholder_name(other):
        return True
    if set(cached_name_variants(one)) & set(cached_name_variants(other)):
        return True
    words, other_words = fold(one).split(), fold(other).split()
    keyed, other_keyed = _key_words(words), _key_words(other_words)
    if any(_words_alike(a, b) for a in keyed for b in other_keyed):
        return True
    return _abbreviates(keyed, other_words) or _abbreviates(other_keyed, words)


def _key_words(words: list[str]) -> list[str]:
    """The words of a folded name that its name key keeps (all of them when it keeps none)."""
    return [w for w in words if w not in STOP_WORDS] or words


def _words_alike(one: str, other: str) -> bool:
    """Whether two folded words are one: equal, one the abbreviation of the other, or one misspelt."""
    from rapidfuzz import fuzz  # imported when a name is compared: most ingests compare none

    short, long = sorted((one, other), key=len)
    if short == long or (len(short) >= 3 and long.startswith(short)):
        return True
    return len(short) >= 5 and fuzz.ratio(short, long) >= 80


def _abbreviates(keyed: list[str], words: list[str]) -> bool:
    """Whether a name of one word (``keyed``, its key's words) is the acronym of the folded ``words`` of another:
    their initials, small words skipped or not, or the start of them (« ASA », « association sportive automobile
    d'Antibes »)."""
    if len(keyed) != 1 or len(keyed[0]) < 2:
        return False
    acronym = keyed[0]
    for kept in (words, [w for w in words if w not in _SMALL_WORDS], _key_words(words)):
        initials = "".join(w[0] for w in kept)
        if initials == acronym or (len(acronym) >= 3 and initials.startswith(acronym)):
            return True
    return False
