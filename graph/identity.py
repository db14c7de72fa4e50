"""One organisation, one actor: identifiers, name keys, IRIs, and the actors met in one file.

Extractors mint an actor's IRI from what they know (:func:`actor_iri`): its SIREN, else its RNA number, else its
name key — a natural person's scoped to the authority that funds it (:func:`person_key`); :class:`ActorBook` joins
the spellings of one actor within a file. At ingest, :func:`graph.resolution.resolve_actors` looks each extracted
actor up in the store by its keys (:func:`actor_keys`) — by SIREN (or the SIREN prefix of a SIRET), by RNA, then by
name key and known variants — and rewrites the extraction to the IRI already there. Ambiguous candidates are
reported, never merged silently.

>>> name_key("L'Association DANAECARE")
'danaecare'
>>> name_key("Saint-Étienne Métropole") == name_key("SAINT ETIENNE METROPOLE")
True
>>> str(actor_iri(siren="244200770"))
'https://w3id.org/maillage/id/actor/siren-244200770'
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from graph.namespaces import DEFAULT_BASE, MAI, SCHEMA, ascii_fold, mint, slugify
from graph.triples import TripleSet, plain_literal

#: Words folded away from name keys: articles and prepositions, and legal-form words that sources add or drop
#: ("Association DanaeCare", "DANAECARE", "Danaecare (association loi 1901)"). Not « Fédération » nor « Union »: they
#: name another organisation, the one that federates (« Fédération ADMR de la Loire » is not « ADMR de la Loire »).
STOP_WORDS = frozenset("""
    l la le les de du des d a au aux et en pour sur par un une
    association assoc asso loi 1901 declaree
    sas sasu sarl eurl sa sci scop scic sa-scop gie gip ses cie societe
""".split())

_PUNCT = re.compile(r"[^a-z0-9]+")
_MARKS = re.compile(r"[^\w\s]|_")
_NON_DIGIT = re.compile(r"\D")
#: Made once: rdflib's RDF, RDFS and SKOS namespaces make a new term on each use, and a term made once is also
#: found by identity (not by rdflib's equality, a Python call) in the dicts of an extraction.
_TYPE, _LABEL, _ALT_LABEL = RDF.type, RDFS.label, SKOS.altLabel
_ID_PREDICATES = ((MAI.siren, "siren"), (MAI.siret, "siren"), (MAI.rna, "rna"))
_NAME_KEY = MAI.nameKey
_PERSON, _BENEFICIARY, _FUNDER = FOAF.Person, MAI.beneficiary, SCHEMA.funder
_NAME_PREDICATES = (_LABEL, _ALT_LABEL)


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
    """Lowercase, strip accents, spell out œ and æ, turn punctuation and elisions into spaces.

    >>> fold("L’Étrat — Saint-Étienne"), fold("Sœurs de Saint-Joseph")
    ('l etrat saint etienne', 'soeurs de saint joseph')
    """
    text = _MARKS.sub(" ", text)  # before NFKD: "L’Étrat" must not become "letrat"
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
    return list(_name_variants(name))


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
    return None if _is_acronym(key) or key == acronym else key


@lru_cache(maxsize=65_536)  # each name is looked at by the book, by add_name_keys and by resolve_actors
def _name_variants(name: str) -> tuple[str, ...]:
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
_BRANCH_WORDS = frozenset("antenne antennes section sections delegation delegations comite comites unite unites "
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
        return key[len(of) + 1:].split()[0] in _BRANCH_WORDS
    return key.endswith(" " + of) and key.split()[0] in _BRANCH_WORDS


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
    if not words or words[0] not in _BRANCH_WORDS:
        return []
    keys = []
    for at in range(1, len(words) - 1):
        if words[at] in _BRANCH_JOINS:
            branch, body = name_key(" ".join(words[:at])), name_key(" ".join(words[at + 1:]))
            if " " in branch and body and body.split()[0] not in _BRANCH_WORDS:
                keys.append(f"{body} {branch}")
    return keys


def siren_of(identifier: str | None) -> str | None:
    """Return the SIREN of a SIREN or SIRET string (digits only), or None."""
    digits = _NON_DIGIT.sub("", identifier or "")
    return digits[:9] if len(digits) in (9, 14) else None


def actor_iri(name: str | None = None, siren: str | None = None, rna: str | None = None,
              base: str = DEFAULT_BASE) -> URIRef:
    """Mint the IRI of an actor from its strongest identifier: SIREN, then RNA, then name key.

    The IRI is ``mint("actor", key)``, made here without folding keys that are already slugs (an identifier, a
    folded name): each actor's IRI is minted when it is met and again when its name keys are looked up.
    """
    if siren:
        key = "siren-" + siren
    elif rna:
        key = "rna-" + rna
    elif not name:
        raise ValueError("an actor needs a SIREN, an RNA number or a name")
    else:
        key = slugify(name_key(name) or name)
    return URIRef(base + "actor/" + _slug(key))


#: Between a natural person's funder and name in its key and IRI: no slug holds two hyphens in a row, so no name of
#: an organisation gives that key or IRI.
_SCOPE = "--"


def person_key(name: str, funder: URIRef) -> str:
    """The name key of a natural person that ``funder`` grants (a bourse's holder, a doctor given installation aid):
    the funder's key (:func:`actor_key`), then the person's name key. Two namesakes funded by two authorities are
    two people; the same name in two deliberations of one authority is one.

    A person named by initials alone ("A. K.", as lists of aids to persons anonymise them) keeps every initial,
    which a name key would drop as an elided article ("l'", "d'") or a lone letter.

    >>> person_key("Marie MARTIN", URIRef("https://w3id.org/maillage/id/actor/siren-214401093"))
    'siren-214401093--marie martin'
    >>> person_key("A. K.", URIRef("https://w3id.org/maillage/id/actor/lussac")), name_key("A. K.")
    ('lussac--a k', 'k')
    """
    if _INITIALS.fullmatch(name.strip()):
        return actor_key(funder) + _SCOPE + " ".join(fold(name).split())
    return actor_key(funder) + _SCOPE + name_key(name)


#: A name of initials alone: "A. K.", "J.-P. V.".
_INITIALS = re.compile(r"[A-ZÀ-Ý]\.(?:[ -]*[A-ZÀ-Ý]\.)+")


def person_actor_iri(name: str, funder: URIRef, base: str = DEFAULT_BASE) -> URIRef:
    """Mint the IRI of a natural person that ``funder`` grants, from its :func:`person_key`.

    >>> str(person_actor_iri("Marie MARTIN", URIRef("https://w3id.org/maillage/id/actor/lussac")))
    'https://w3id.org/maillage/id/actor/lussac--marie-martin'
    """
    return name_key_iri(person_key(name, funder), base)


def name_key_iri(key: str, base: str = DEFAULT_BASE) -> URIRef:
    """``actor_iri(name=key)`` for a name key, without folding it again: a key is words of ``[a-z0-9]`` joined by
    single spaces, and folds to itself (45 µs a key in the writer's process, 5,000 keys a file).

    >>> key = name_key("Les Amis de l'Hôpital Nord")
    >>> key, name_key_iri(key) == actor_iri(name=key)
    ('amis hopital nord', True)
    """
    if _NAME_KEY_TEXT.fullmatch(key):
        return URIRef(base + "actor/" + _slug(key.replace(" ", "-")))
    scope, scoped, name = key.partition(_SCOPE)
    if scoped and _SLUG.fullmatch(scope) and _NAME_KEY_TEXT.fullmatch(name):  # a natural person's key
        return URIRef(base + "actor/" + scope + _SCOPE + _slug(name.replace(" ", "-")))
    return actor_iri(name=key, base=base)


_NAME_KEY_TEXT = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _slug(text: str) -> str:
    """``slugify(text)``, without its Unicode folding for ASCII text that is already a slug once lowercased.

    >>> _slug("rna-W751085568"), _slug("Saint-Étienne")
    ('rna-w751085568', 'saint-etienne')
    """
    low = text.lower()
    if len(low) <= 80 and text.isascii() and _SLUG.fullmatch(low):
        return low
    return slugify(text)


def actor_keys(graph: TripleSet, actor: URIRef, keyed: bool = False) -> list[tuple[str, str]]:
    """Return the lookup keys of an extracted actor, strongest first: ("siren", …), ("rna", …), ("name", …).

    ``keyed``: the actor's name keys are its ``mai:nameKey`` values, when it has some — :func:`add_name_keys` put
    them there, in this order, in the extracting process (folding the names again took 0.2 s per file of 5,000
    associations in the writer's).
    """
    keys: list[tuple[str, str]] = []
    for p, how in _ID_PREDICATES:
        for value in graph.objects(actor, p):
            key = siren_of(str(value)) if how == "siren" else str(value).upper()
            if key and (how, key) not in keys:
                keys.append((how, key))
    if keyed and (known := list(graph.objects(actor, _NAME_KEY))):
        keys += [("name", str(key)) for key in known]
        return keys
    # A natural person is known by its name only where it is funded: its keys are scoped to its funders, and one
    # without a funder has none (no organisation's key is one of these).
    scopes = _funders(graph, actor) if (actor, _TYPE, _PERSON) in graph else [""]
    for p in _NAME_PREDICATES:
        for value in graph.objects(actor, p):
            for key in _name_variants(str(value)):
                if p is _ALT_LABEL and _is_acronym(key):
                    continue
                for scope in scopes:
                    if ("name", scope + key) not in keys:
                        keys.append(("name", scope + key))
    return keys


def _funders(graph: TripleSet, person: URIRef) -> list[str]:
    """The scopes (:func:`person_key`) of a natural person: the keys of the funders of its grants in ``graph``."""
    funders = {f for g in graph.subjects(_BENEFICIARY, person) for f in graph.objects(g, _FUNDER)}
    return sorted(actor_key(f) + _SCOPE for f in funders if isinstance(f, URIRef))


def _is_acronym(key: str) -> bool:
    """A one-word key of at most 5 letters ("apf", "admr"): shared by unrelated organisations, never a key.

    >>> _is_acronym("admr"), _is_acronym("danaecare")
    (True, False)
    """
    return " " not in key and len(key) <= 5


def actors_of(graph: TripleSet) -> set[URIRef]:
    """Return the actors of an extraction: subjects typed ``mai:Actor`` or any of its subclasses.

    Extractions type actors with their own class (``mai:Association``…); superclasses are added in the store.
    """
    from graph.ontology import superclasses

    classes = {MAI.Actor} | {c for c, sups in superclasses().items() if MAI.Actor in sups}
    return {s for cls in classes for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)}


def add_name_keys(graph: TripleSet) -> None:
    """Give every actor of ``graph`` its ``mai:nameKey`` literals (one per label and variant)."""
    for actor in actors_of(graph):
        for _, key in (k for k in actor_keys(graph, actor) if k[0] == "name"):
            graph.add((actor, _NAME_KEY, plain_literal(key)))


def actor_key(iri: URIRef) -> str:
    """The last segment of an actor IRI (``siren-244200770`` or a name slug), the key of what belongs to it:
    its deliberations, organs, sessions, goals."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


def deliberation_iri(authority: URIRef, number: object, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of deliberation ``number`` of ``authority``: ``{base}deliberation/{authority key}/{number}``, where a
    deliberation text, an SCDL deliberations row and a grant's decision reference meet.

    >>> str(deliberation_iri(URIRef("https://ex.org/id/actor/siren-244200770"), "2024.00240", "https://ex.org/id/"))
    'https://ex.org/id/deliberation/siren-244200770/2024-00240'
    """
    return mint("deliberation", actor_key(authority), number, base=base)


def _rewrite(graph: TripleSet, mapping: dict[URIRef, URIRef]) -> None:
    """Rename, in place, the nodes of ``mapping``, all at once: only the triples that mention them are touched, and
    a node renamed to another that is renamed in turn stays where it was sent (a row's actor sent to the SIREN's
    holder, whose IRI the file's other actor had and left: the row followed that actor)."""
    touched = {triple for old in mapping
               for triple in (*graph.triples((old, None, None)), *graph.triples((None, None, old)))}
    for triple in touched:
        graph.remove(triple)
    for s, p, o in touched:
        graph.add((mapping.get(s, s), p, mapping.get(o, o)))


class ActorBook:
    """The actors met while extracting one file: one IRI per organisation, and its names.

    The first name met becomes ``rdfs:label``, later spellings ``skos:altLabel``. An actor named without an
    identifier joins the one actor of the file that has an identifier and the same name key; :meth:`finish` does
    that rewrite once the whole file has been read (names may come before identifiers).

    >>> from graph.ingest.base import new_graph
    >>> book = ActorBook(new_graph())
    >>> a = book.actor("Association DanaeCare", MAI.Association)
    >>> b = book.actor("DANAECARE", MAI.Association, siren="123456782")
    >>> book.finish() == {a: b}, sorted(str(o) for o in book.graph.objects(b, SKOS.altLabel))
    (True, ['Association DanaeCare'])
    """

    def __init__(self, graph: TripleSet, base: str = DEFAULT_BASE):
        self.graph, self.base = graph, base
        self.labels: dict[URIRef, str] = {}
        self._by_key: dict[str, set[URIRef]] = {}
        self._with_id: set[URIRef] = set()
        self._met: dict[tuple, URIRef] = {}

    def actor(self, name: str | None, cls: URIRef = MAI.Actor, siren: str | None = None,
              siret: str | None = None, rna: str | None = None) -> URIRef:
        """Return the IRI of an actor (minting it), typed ``cls``, with its name and (already valid) identifiers."""
        met = (name, cls, siren, siret, rna)
        if met in self._met:  # the same funder or beneficiary on many rows of a file
            return self._met[met]
        siren = siren or siren_of(siret)
        iri = actor_iri(name, siren=siren, rna=rna, base=self.base)
        g = self.graph
        g.add((iri, _TYPE, cls))
        for prop, value in ((MAI.siren, siren), (MAI.siret, siret), (MAI.rna, rna)):
            if value:
                g.add((iri, prop, plain_literal(value)))
        if siren or rna:
            self._with_id.add(iri)
        if name:
            self.name(iri, name)
        self._met[met] = iri
        return iri

    def unnamed(self, text: str, cls: URIRef, *key: object) -> URIRef:
        """Return the IRI of an actor that a source does not name (:func:`is_placeholder_name`), minted from
        ``key`` (where the source mentions it): an actor of its own, labelled with the source's ``text``, that no
        name joins to any other."""
        iri = mint("actor", "sans-nom", *key, base=self.base)
        self.graph.add((iri, _TYPE, cls))
        self.graph.add((iri, _LABEL, plain_literal(" ".join(text.split()))))
        return iri

    def name(self, iri: URIRef, name: str) -> None:
        """Give ``iri`` the name ``name``: its label if it has none yet, else a variant."""
        name = " ".join(name.split())
        if iri not in self.labels:
            self.labels[iri] = name
            self.graph.add((iri, _LABEL, plain_literal(name)))
        elif name != self.labels[iri]:
            self.graph.add((iri, _ALT_LABEL, plain_literal(name)))
        for key in _name_variants(name):
            self._by_key.setdefault(key, set()).add(iri)

    def finish(self) -> dict[URIRef, URIRef]:
        """Merge name-only actors into the one identified actor sharing their name key; return the mapping."""
        mapping: dict[URIRef, URIRef] = {}
        for iris in self._by_key.values():
            ided = iris & self._with_id
            if len(ided) != 1:
                continue
            target = next(iter(ided))
            for iri in iris - self._with_id:
                mapping.setdefault(iri, target)
        for source, target in mapping.items():
            for name in [self.labels.get(source)] if self.labels.get(source) else []:
                self.graph.remove((source, RDFS.label, Literal(name)))
                if name != self.labels.get(target):
                    self.graph.add((source, SKOS.altLabel, Literal(name)))
        _rewrite(self.graph, mapping)
        return mapping
