"""One organisation, one actor: identifiers, IRIs, lookup keys, and the actors met in one file.

Extractors mint an actor's IRI from what they know (:func:`actor_iri`): its SIREN, else its RNA number, else its
name key (:mod:`graph.identity_names`) — a natural person's scoped to the authority that funds it
(:func:`person_key`); :class:`ActorBook` joins the spellings of one actor within a file. At ingest,
:func:`graph.resolution.resolve_actors` looks each extracted actor up in the store by its keys (:func:`actor_keys`)
— by SIREN (or the SIREN prefix of a SIRET), by RNA, then by name key and known variants — and rewrites the
extraction to the IRI already there. Ambiguous candidates are reported, never merged silently.

>>> str(actor_iri(siren="244200770"))
'https://w3id.org/maillage/id/actor/siren-244200770'
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from graph.identity_names import cached_name_variants, fold, is_acronym, name_key
from graph.namespaces import DEFAULT_BASE, MAI, SCHEMA, mint, slugify
from graph.triples import TripleSet, plain_literal

_NON_DIGIT = re.compile(r"\D")
#: Made once: rdflib's RDF, RDFS and SKOS namespaces make a new term on each use, and a term made once is also
#: found by identity (not by rdflib's equality, a Python call) in the dicts of an extraction.
_TYPE, LABEL, ALT_LABEL = RDF.type, RDFS.label, SKOS.altLabel
_ID_PREDICATES = ((MAI.siren, "siren"), (MAI.siret, "siren"), (MAI.rna, "rna"))
_NAME_KEY = MAI.nameKey
_PERSON, _BENEFICIARY, _FUNDER = FOAF.Person, MAI.beneficiary, SCHEMA.funder
_NAME_PREDICATES = (LABEL, ALT_LABEL)


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
            for key in cached_name_variants(str(value)):
                if p is ALT_LABEL and is_acronym(key):
                    continue
                for scope in scopes:
                    if ("name", scope + key) not in keys:
                        keys.append(("name", scope + key))
    return keys


def _funders(graph: TripleSet, person: URIRef) -> list[str]:
    """The scopes (:func:`person_key`) of a natural person: the keys of the funders of its grants in ``graph``."""
    funders = {f for g in graph.subjects(_BENEFICIARY, person) for f in graph.objects(g, _FUNDER)}
    return sorted(actor_key(f) + _SCOPE for f in funders if isinstance(f, URIRef))


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


def body_iri(authority: URIRef, label: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of ``authority``'s deliberative organ of canonical label ``label``
    (:data:`graph.ingest.delib_session.BODIES`): ``{base}body/{authority key}/{label}``, where a deliberation text
    and a deliberations list that names the assembly meet.

    >>> str(body_iri(URIRef("https://ex.org/id/actor/siren-213401722"), "Conseil Municipal", "https://ex.org/id/"))
    'https://ex.org/id/body/siren-213401722/conseil-municipal'
    """
    return mint("body", actor_key(authority), label, base=base)


def session_iri(authority: URIRef, organ: str | None, day: object, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of the session that ``authority``'s organ ``organ`` (its canonical label; None when not known) held on
    ``day``: ``{base}session/{authority key}/{organ, or "seance"}/{day}``, where the texts of one session's
    deliberations and a deliberations list's rows of that session meet.

    >>> str(session_iri(URIRef("https://ex.org/id/actor/siren-213401722"), "Conseil Municipal", "2014-04-24",
    ...                 "https://ex.org/id/"))
    'https://ex.org/id/session/siren-213401722/conseil-municipal/2014-04-24'
    """
    return mint("session", actor_key(authority), slugify(organ or "seance"), str(day), base=base)


def rewrite_nodes(graph: TripleSet, mapping: dict[URIRef, URIRef]) -> None:
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
        #: The name key of each actor's first name, and the identifiers it was met with (SIREN, RNA number).
        self._key_of: dict[URIRef, str] = {}
        self._ids: dict[URIRef, set[tuple[str, str]]] = {}

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
            self._ids.setdefault(iri, set()).update(i for i in (("siren", siren), ("rna", rna)) if i[1])
        if name:
            self.name(iri, name)
            if iri in self._with_id and iri not in self._key_of and (keys := cached_name_variants(name)):
                self._key_of[iri] = keys[0]  # the name key, folded once for the name's variants
        self._met[met] = iri
        return iri

    def unnamed(self, text: str, cls: URIRef, *key: object) -> URIRef:
        """Return the IRI of an actor that a source does not name (:func:`is_placeholder_name`), minted from
        ``key`` (where the source mentions it): an actor of its own, labelled with the source's ``text``, that no
        name joins to any other."""
        iri = mint("actor", "sans-nom", *key, base=self.base)
        self.graph.add((iri, _TYPE, cls))
        self.graph.add((iri, LABEL, plain_literal(" ".join(text.split()))))
        return iri

    def name(self, iri: URIRef, name: str) -> None:
        """Give ``iri`` the name ``name``: its label if it has none yet, else a variant."""
        name = " ".join(name.split())
        if iri not in self.labels:
            self.labels[iri] = name
            self.graph.add((iri, LABEL, plain_literal(name)))
        elif name != self.labels[iri]:
            self.graph.add((iri, ALT_LABEL, plain_literal(name)))
        for key in cached_name_variants(name):
            self._by_key.setdefault(key, set()).add(iri)

    def namesakes(self) -> list[set[URIRef]]:
        """The actors of this file with an identifier that share the name key of their first name, in sets of two
        or more, for :meth:`join_namesakes` and for the reader to say."""
        by_key: dict[str, set[URIRef]] = {}
        for iri in self._with_id:
            if key := self._key_of.get(iri):
                by_key.setdefault(key, set()).add(iri)
        return [iris for iris in by_key.values() if len(iris) > 1]

    def compatible(self, iris: set[URIRef]) -> bool:
        """Whether the identifiers of ``iris`` can be one organisation's: one SIREN at most, one RNA number at most
        (one row giving the RNA number, another the SIRET)."""
        ids = set().union(*(self._ids[iri] for iri in iris))
        return all(sum(kind == k for kind, _ in ids) <= 1 for k in ("siren", "rna"))

    def join_namesakes(self) -> dict[URIRef, URIRef]:
        """Join into one actor the namesakes of this file (:meth:`namesakes`) whose identifiers do not conflict
        (:meth:`compatible`): the one holding the SIREN, which also gets the RNA number; the other's first name
        becomes a variant. Return the mapping; namesakes whose identifiers conflict stay apart."""
        mapping: dict[URIRef, URIRef] = {}
        for iris in self.namesakes():
            held = [iri for iri in iris if any(kind == "siren" for kind, _ in self._ids[iri])]
            if self.compatible(iris) and len(held) == 1:
                mapping |= {iri: held[0] for iri in iris if iri != held[0]}
        self._merge(mapping)
        for source, target in mapping.items():
            self._ids[target] |= self._ids.pop(source)
            self._with_id.discard(source)
            self.labels.pop(source, None)
            for iris in self._by_key.values():
                if source in iris:
                    iris.discard(source)
                    iris.add(target)
        return mapping

    def _merge(self, mapping: dict[URIRef, URIRef]) -> None:
        """Rename the actors of ``mapping`` to their targets, each source's label becoming a target's variant."""
        for source, target in mapping.items():
            for name in [self.labels.get(source)] if self.labels.get(source) else []:
                self.graph.remove((source, RDFS.label, Literal(name)))
                if name != self.labels.get(target):
                    self.graph.add((source, SKOS.altLabel, Literal(name)))
        rewrite_nodes(self.graph, mapping)

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
        self._merge(mapping)
        return mapping
