"""One organisation, one actor: identifiers, name keys, and the resolution of extracted actors against the store.

Extractors mint an actor's IRI from what they know (:func:`actor_iri`): its SIREN, else its RNA number, else its
name key. At ingest, :func:`resolve_actors` looks each extracted actor up in the store — by SIREN (or the SIREN
prefix of a SIRET), by RNA, then by name key and known variants — and rewrites the extraction to the IRI already
there. Ambiguous candidates are reported, never merged silently.

>>> name_key("L'Association DANAECARE")
'danaecare'
>>> name_key("Saint-Étienne Métropole") == name_key("SAINT ETIENNE METROPOLE")
True
>>> str(actor_iri(siren="244200770"))
'https://w3id.org/maillage/id/actor/siren-244200770'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from graph.namespaces import DEFAULT_BASE, MAI, mint, slugify

#: Words folded away from name keys: articles and prepositions, and legal-form words that sources add or drop
#: ("Association DanaeCare", "DANAECARE", "Danaecare (association loi 1901)").
STOP_WORDS = frozenset("""
    l la le les de du des d a au aux et en pour sur par un une
    association assoc asso loi 1901 declaree federation union
    sas sasu sarl eurl sa sci scop scic sa-scop gie gip ses cie societe
""".split())

_PUNCT = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase, strip accents, turn punctuation and elisions into spaces.

    >>> fold("L’Étrat — Saint-Étienne")
    'l etrat saint etienne'
    """
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _PUNCT.sub(" ", text).strip()


def name_key(name: str) -> str:
    """Return the key under which two spellings of one organisation's name meet (empty if nothing is left)."""
    words = [w for w in fold(name).split() if w not in STOP_WORDS]
    if not words:  # a name made only of folded words ("Association") keeps them
        words = fold(name).split()
    return " ".join(words)


def siren_of(identifier: str | None) -> str | None:
    """Return the SIREN of a SIREN or SIRET string (digits only), or None."""
    digits = re.sub(r"\D", "", identifier or "")
    return digits[:9] if len(digits) in (9, 14) else None


def actor_iri(name: str | None = None, siren: str | None = None, rna: str | None = None,
              base: str = DEFAULT_BASE) -> URIRef:
    """Mint the IRI of an actor from its strongest identifier: SIREN, then RNA, then name key."""
    if siren:
        return mint("actor", "siren-" + siren, base=base)
    if rna:
        return mint("actor", "rna-" + rna, base=base)
    if not name:
        raise ValueError("an actor needs a SIREN, an RNA number or a name")
    return mint("actor", slugify(name_key(name) or name), base=base)


@dataclass
class Resolution:
    """What :func:`resolve_actors` did: IRIs rewritten, and ambiguities reported (French, English)."""

    rewritten: dict[URIRef, URIRef] = field(default_factory=dict)
    ambiguous: list[tuple[str, str]] = field(default_factory=list)


_LOOKUP = """
SELECT DISTINCT ?actor ?how WHERE {
  { ?actor mai:siren ?key . BIND("siren" AS ?how) }
  UNION { ?actor mai:siret ?siret . FILTER(STRSTARTS(?siret, ?key)) BIND("siren" AS ?how) }
  UNION { ?actor mai:rna ?key . BIND("rna" AS ?how) }
  UNION { ?actor mai:nameKey ?key . BIND("name" AS ?how) }
  ?actor a mai:Actor .
  FILTER(?actor != ?self)
}
"""


def actor_keys(graph: Graph, actor: URIRef) -> list[tuple[str, str]]:
    """Return the lookup keys of an extracted actor, strongest first: ("siren", …), ("rna", …), ("name", …)."""
    keys: list[tuple[str, str]] = []
    for p, how in ((MAI.siren, "siren"), (MAI.siret, "siren"), (MAI.rna, "rna")):
        for value in graph.objects(actor, p):
            key = siren_of(str(value)) if how == "siren" else str(value).upper()
            if key and (how, key) not in keys:
                keys.append((how, key))
    for p in (RDFS.label, SKOS.altLabel):
        for value in graph.objects(actor, p):
            key = name_key(str(value))
            if key and ("name", key) not in keys:
                keys.append(("name", key))
    return keys


def add_name_keys(graph: Graph) -> None:
    """Give every actor of ``graph`` its ``mai:nameKey`` literals (one per label and variant)."""
    for actor in set(graph.subjects(RDF.type, MAI.Actor)):
        for _, key in (k for k in actor_keys(graph, actor) if k[0] == "name"):
            graph.add((actor, MAI.nameKey, Literal(key)))


def resolve_actors(graph: Graph, query) -> Resolution:
    """Rewrite, in place, the actors of ``graph`` that the store already knows under another IRI.

    ``query(sparql, bindings)`` reads the store (the writer's view). An actor with a SIREN matches only that
    SIREN; otherwise RNA, then name keys. Several candidates for the strongest key found → reported, not merged.
    """
    from graph.namespaces import sparql_prologue

    resolution = Resolution()
    sparql = sparql_prologue() + _LOOKUP
    for actor in sorted(set(graph.subjects(RDF.type, MAI.Actor))):
        keys = actor_keys(graph, actor)
        has_id = any(how != "name" for how, _ in keys)
        for how, key in keys:
            candidates = {row[0] for row in query(sparql, {"key": Literal(key), "self": actor})
                          if str(row[1]) == how}
            if not candidates:
                continue
            if how == "name" and has_id:
                # A named actor with an identifier merges by name only into actors without a conflicting one.
                candidates = {c for c in candidates if not _conflicting_ids(graph, actor, c, query)}
            if len(candidates) == 1:
                resolution.rewritten[actor] = candidates.pop()
            elif len(candidates) > 1:
                label = next(iter(graph.objects(actor, RDFS.label)), key)
                names = ", ".join(sorted(str(c) for c in candidates))
                resolution.ambiguous.append((
                    f"acteur « {label} » : plusieurs correspondances ({how}) — non fusionné : {names}",
                    f"actor '{label}': several matches ({how}), not merged: {names}"))
            break
    _rewrite(graph, resolution.rewritten)
    return resolution


def _conflicting_ids(graph: Graph, actor: URIRef, candidate: URIRef, query) -> bool:
    ours = {siren_of(str(v)) for p in (MAI.siren, MAI.siret) for v in graph.objects(actor, p)} - {None}
    rows = query("SELECT ?v WHERE { { ?c <%s> ?v } UNION { ?c <%s> ?v } }" % (MAI.siren, MAI.siret),
                 {"c": candidate})
    theirs = {siren_of(str(row[0])) for row in rows} - {None}
    return bool(ours and theirs and not ours & theirs)


def _rewrite(graph: Graph, mapping: dict[URIRef, URIRef]) -> None:
    if not mapping:
        return
    for s, p, o in list(graph):
        s2, o2 = mapping.get(s, s), mapping.get(o, o)
        if (s2, o2) != (s, o):
            graph.remove((s, p, o))
            graph.add((s2, p, o2))
