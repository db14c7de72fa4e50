"""One organisation, one actor: identifiers, name keys, and the resolution of extracted actors against the store.

Extractors mint an actor's IRI from what they know (:func:`actor_iri`): its SIREN, else its RNA number, else its
name key — a natural person's scoped to the authority that funds it (:func:`person_key`). At ingest,
:func:`resolve_actors` looks each extracted actor up in the store — by SIREN (or the SIREN prefix of a SIRET), by
RNA, then by name key and known variants — and rewrites the extraction to the IRI already there. Ambiguous
candidates are reported, never merged silently.

>>> name_key("L'Association DANAECARE")
'danaecare'
>>> name_key("Saint-Étienne Métropole") == name_key("SAINT ETIENNE METROPOLE")
True
>>> str(actor_iri(siren="244200770"))
'https://w3id.org/maillage/id/actor/siren-244200770'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS

from graph.namespaces import DEFAULT_BASE, MAI, SCHEMA, ascii_fold, mint, slugify
from graph.triples import TripleSet, plain_literal

#: Words folded away from name keys: articles and prepositions, and legal-form words that sources add or drop
#: ("Association DanaeCare", "DANAECARE", "Danaecare (association loi 1901)").
STOP_WORDS = frozenset("""
    l la le les de du des d a au aux et en pour sur par un une
    association assoc asso loi 1901 declaree federation union
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
    """Return the name keys under which ``name`` is looked up: its key, and its key without parentheses.

    Sources add remarks or acronyms in parentheses ("Association … du Lot (ADDA)", "… (fictive)"); the bare name
    is a known variant. An acronym alone is not used: it collides too often.

    >>> name_variants("Association départementale des arts du Lot (ADDA)")
    ['departementale arts lot adda', 'departementale arts lot']
    >>> name_variants("DanaeCare")
    ['danaecare']
    """
    return list(_name_variants(name))


@lru_cache(maxsize=65_536)  # each name is looked at by the book, by add_name_keys and by resolve_actors
def _name_variants(name: str) -> tuple[str, ...]:
    if is_placeholder_name(name):
        return ()
    keys = [name_key(name)]
    bare = _PARENTHESES.sub("", name)
    if bare.strip() and bare != name:
        keys.append(name_key(bare))
    return tuple(k for i, k in enumerate(keys) if k and k not in keys[:i])


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

    >>> person_key("Marie MARTIN", URIRef("https://w3id.org/maillage/id/actor/siren-214401093"))
    'siren-214401093--marie martin'
    """
    return actor_key(funder) + _SCOPE + name_key(name)


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


@dataclass
class Resolution:
    """What :func:`resolve_actors` did: IRIs rewritten, and ambiguities reported (French, English)."""

    rewritten: dict[URIRef, URIRef] = field(default_factory=dict)
    ambiguous: list[tuple[str, str]] = field(default_factory=list)


#: Lookups by kind of key, each answering (?key ?actor) for a batch of keys given as VALUES, put first so that
#: the engine looks each key up in its index (a UNION over every SIRET's prefix cost 1 s per file at 10k actors).
#: Every actor in the store has its mai:siren: the pipeline derives it from a SIRET when a source gives only that.
#: The resources that hold each key, then which of them are actors: in one query, Oxigraph joined the keys' holders
#: with every actor of the store (0.1–0.25 s per 500 keys at 100k actors, 4x the two queries).
_LOOKUPS = {
    "siren": "SELECT DISTINCT ?key ?actor WHERE { VALUES ?key { %s } ?actor mai:siren ?key }",
    "rna": "SELECT DISTINCT ?key ?actor WHERE { VALUES ?key { %s } ?actor mai:rna ?key }",
    "name": "SELECT DISTINCT ?key ?actor WHERE { VALUES ?key { %s } ?actor mai:nameKey ?key }",
    # Which are actors; also an actor minted from a name key (actor_iri(name=…)) in an RDF file that has no
    # mai:nameKey.
    "iri": "SELECT DISTINCT ?actor WHERE { VALUES ?actor { %s } ?actor a mai:Actor }",
}
#: Keys per lookup query (VALUES blocks of this size stay fast in both engines).
LOOKUP_BATCH = 500


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


def resolve_actors(graph: TripleSet, query, source: URIRef | None = None) -> Resolution:
    """Rewrite, in place, the actors of ``graph`` that the store already knows under another IRI.

    ``query(sparql, bindings)`` reads the store (the writer's view). An actor with a SIREN matches only that
    SIREN; otherwise RNA, then name keys and known variants (:func:`name_variants`), and the IRI minted from a
    name key. Several candidates for the strongest key found → reported, not merged. Keys are looked up in
    batches: a file of 50k rows costs a few hundred queries, not one per actor.
    """
    resolution = Resolution()
    actors = sorted(actors_of(graph), key=str)  # IRIs sort by their text: rdflib's __lt__ is a Python call
    keys = {actor: actor_keys(graph, actor, keyed=True) for actor in actors}
    base, outcomes, undecided = _base_of(actors), {}, actors
    # Key kinds in turn, each looked up only for the actors that no stronger key matched: an association that its
    # RNA number joins to another actor needs no lookup of its names. (An actor whose key finds only its own IRI,
    # as an association with a SIRET finds its SIRENE unit, goes on to the next kind, as before.)
    for stage in ("siren", "rna", "name"):
        found = _lookup_keys({k for a in undecided for k in keys[a] if k[0] == stage}, query, base)
        left = []
        for actor in undecided:
            outcome = _decide(graph, actor, keys[actor], stage, found, query)
            if outcome is None:
                left.append(actor)
            else:
                outcomes[actor] = outcome
        undecided = left
    for actor in actors:  # in the actors' order, as one pass over them gave
        outcome = outcomes.get(actor)
        if outcome is not None and outcome[0] == "rewrite":
            resolution.rewritten[actor] = outcome[1]
        elif outcome is not None and outcome[0] == "ambiguous":
            resolution.ambiguous.append(outcome[1])
    targets = {actor: resolution.rewritten.get(actor, actor) for actor in actors}
    _keep_existing_labels(graph, targets, query, source)
    _rewrite(graph, resolution.rewritten)
    return resolution


def _decide(graph: TripleSet, actor: URIRef, keys: list[tuple[str, str]], stage: str,
            found: dict[tuple[str, str], set[URIRef]], query) -> tuple | None:
    """What the first of ``actor``'s keys of kind ``stage`` that the store knows decides: ("rewrite", IRI),
    ("ambiguous", messages) or ("keep",); None when no key of that kind matched (the next kind is tried)."""
    has_id = any(how != "name" for how, _ in keys)
    for how, key in keys:
        if how != stage:
            continue
        candidates = found.get((how, key), set()) - {actor}
        if not candidates:
            continue
        if how == "name" and has_id:
            # A named actor with an identifier merges by name only into actors without a conflicting one.
            candidates = {c for c in candidates if not _conflicting_ids(graph, actor, c, query)}
        if len(candidates) == 1:
            return "rewrite", candidates.pop()
        if len(candidates) > 1:
            label = next(iter(graph.objects(actor, _LABEL)), key)
            names = ", ".join(sorted(str(c) for c in candidates))
            return "ambiguous", (f"acteur « {label} » : plusieurs correspondances ({how}) — non fusionné : {names}",
                                 f"actor '{label}': several matches ({how}), not merged: {names}")
        return ("keep",)
    return None


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


def canonical_deliberations(graph: TripleSet) -> dict[URIRef, URIRef]:
    """Rename, in place, each deliberation to its :func:`deliberation_iri` once its authority is resolved: the
    extractors mint that IRI from the authority they know, which the resolution of actors may have renamed.
    """
    mapping = {}
    for deliberation in set(graph.subjects(RDF.type, MAI.Deliberation)):
        authority = graph.value(deliberation, MAI.authority)
        number = graph.value(deliberation, DCTERMS.identifier)
        if not isinstance(deliberation, URIRef) or authority is None or number is None:
            continue
        head, sep, _ = str(deliberation).rpartition("deliberation/")
        canonical = deliberation_iri(authority, number, base=head if sep else DEFAULT_BASE)
        if canonical != deliberation:
            mapping[deliberation] = canonical
    _rewrite(graph, mapping)
    return mapping


_LABELS = ("SELECT ?actor ?label WHERE { VALUES ?actor { %s } GRAPH ?g { ?actor <" + str(RDFS.label)
           + "> ?label } FILTER(?g != ?source) }")


def _keep_existing_labels(graph: TripleSet, mapping: dict[URIRef, URIRef], query, source: URIRef | None) -> None:
    """Turn the label of an actor that other sources already name into an alternative label, when names differ.

    The actor keeps the display name it first had; other spellings become ``skos:altLabel`` (one rdfs:label per
    actor, as the shapes expect). Labels from the previous version of the same source do not count.
    """
    known: dict[URIRef, set[str]] = {}
    targets = sorted(set(mapping.values()), key=str)
    bindings = {"source": source or URIRef("urn:maillage:none")}
    for i in range(0, len(targets), LOOKUP_BATCH):
        values = " ".join(t.n3() for t in targets[i:i + LOOKUP_BATCH])
        for actor, label in query(_LABELS % values, bindings):
            known.setdefault(actor, set()).add(str(label))
    for actor, target in mapping.items():
        if not known.get(target):
            continue
        for label in list(graph.objects(actor, _LABEL)):
            if str(label) not in known[target]:
                graph.remove((actor, _LABEL, label))
                graph.add((actor, _ALT_LABEL, label))


def _base_of(actors: list[URIRef]) -> str:
    """The IRI base of the extraction's actors (``{base}actor/…``), to mint name-key IRIs alike."""
    for actor in actors:
        head, sep, _ = str(actor).rpartition("actor/")
        if sep:
            return head
    return DEFAULT_BASE


def _lookup_keys(keys: set[tuple[str, str]], query, base: str) -> dict[tuple[str, str], set[URIRef]]:
    """Return (how, key) -> IRIs of the store's actors, for every key, in batched queries."""
    from graph.namespaces import sparql_prologue

    def actors_among(iris) -> set[URIRef]:
        iris, actors = sorted(iris, key=str), set()
        for i in range(0, len(iris), LOOKUP_BATCH):
            values = " ".join(iri.n3() for iri in iris[i:i + LOOKUP_BATCH])
            actors.update(actor for (actor,) in query(sparql_prologue() + _LOOKUPS["iri"] % values, None))
        return actors

    holders: dict[tuple[str, str], set[URIRef]] = {}
    for how in ("siren", "rna", "name"):
        wanted = sorted(k for h, k in keys if h == how)
        for i in range(0, len(wanted), LOOKUP_BATCH):
            values = " ".join(_string_term(k) for k in wanted[i:i + LOOKUP_BATCH])
            for key, holder in query(sparql_prologue() + _LOOKUPS[how] % values, None):
                if isinstance(holder, URIRef):  # a blank node, local to its source, is no identity to join
                    holders.setdefault((how, str(key)), set()).add(holder)
    by_iri = {name_key_iri(k, base): k for h, k in keys if h == "name"}
    actors = actors_among({iri for held_by in holders.values() for iri in held_by} | set(by_iri))
    found = {key: kept for key, held_by in holders.items() if (kept := held_by & actors)}
    for actor in actors & set(by_iri):
        found.setdefault(("name", by_iri[actor]), set()).add(actor)
    return found


_PLAIN = re.compile(r"[A-Za-z0-9 ]*")


def _string_term(text: str) -> str:
    """A key as a SPARQL string: escaped by Literal.n3() (keys are data, never query text), or quoted as it is
    when it holds only letters, digits and spaces (name keys, SIRENs: rdflib took 3 µs a key for the same text).

    >>> _string_term("danaecare 42"), _string_term('a"b')
    ('"danaecare 42"', '"a\\\\"b"')
    """
    return f'"{text}"' if _PLAIN.fullmatch(text) else Literal(text).n3()


def _conflicting_ids(graph: TripleSet, actor: URIRef, candidate: URIRef, query) -> bool:
    ours = {siren_of(str(v)) for p in (MAI.siren, MAI.siret) for v in graph.objects(actor, p)} - {None}
    rows = query("SELECT ?v WHERE { { ?c <%s> ?v } UNION { ?c <%s> ?v } }" % (MAI.siren, MAI.siret),
                 {"c": candidate})
    theirs = {siren_of(str(row[0])) for row in rows} - {None}
    return bool(ours and theirs and not ours & theirs)


def _rewrite(graph: TripleSet, mapping: dict[URIRef, URIRef]) -> None:
    """Rename, in place, the nodes of ``mapping``: only the triples that mention them are touched."""
    for old, new in mapping.items():
        for s, p, o in list(graph.triples((old, None, None))) + list(graph.triples((None, None, old))):
            graph.remove((s, p, o))
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
