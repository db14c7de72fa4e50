"""The resolution of an extraction's actors against the store: each one the store already knows (by SIREN, by RNA,
by name key or a known variant) is renamed to the IRI there, ambiguities reported, never merged silently; then each
deliberation renamed to its IRI under its resolved authority.

Apart from :mod:`graph.identity` (which mints actors' keys and IRIs from what an extractor knows, with no store)
because this is the one step of identity that reads the store: batched SPARQL lookups, run by the writer at ingest.

This module runs the resolution (:func:`resolve_actors`) and keeps the names that the store already gives the actors
(:data:`LABEL_RANKS`). The keys are looked up in the store by :mod:`graph.resolution_lookups`, what the store's
holders of a key decide is :mod:`graph.resolution_decisions`', the branches of a body that one source names are told
apart or brought together by :mod:`graph.resolution_branches`, the deliberations are renamed by
:mod:`graph.resolution_deliberations`, a grants list's beneficiaries that an identifier joins to an actor of
unrelated names are told by :mod:`graph.resolution_identifier_names`, and new actors whose name is nearly a stored
actor's by :mod:`graph.resolution_near_names`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS

from graph.identity import ALT_LABEL, LABEL, actor_keys, actors_of, rewrite_nodes
from graph.namespaces import DEFAULT_BASE, MAI
from graph.resolution_branches import bodies_apart, bring_branches_together, tell_branches_apart
from graph.resolution_decisions import decide, share_no_name
from graph.resolution_deliberations import deliberations_by_actes
from graph.resolution_identifier_names import identifier_clashes
from graph.resolution_lookups import LOOKUP_BATCH, labels_of, lookup_keys, skipping
from graph.resolution_near_names import NEAR_NAME_KINDS, near_names
from graph.triples import TripleSet


@dataclass
class Resolution:
    """What :func:`resolve_actors` did: IRIs rewritten, and ambiguities reported (French, English, and the line of
    the first row that names the actor, when the source has rows; then the field and its value, when one is meant)."""

    rewritten: dict[URIRef, URIRef] = field(default_factory=dict)
    ambiguous: list[tuple[str, str, int | None] | tuple[str, str, int, str, str]] = field(default_factory=list)
    #: (graph, actor, label): labels of other sources that the extraction's name outranks (:data:`LABEL_RANKS`),
    #: to be made alternative labels in their graphs once the extraction is stored.
    demoted: list[tuple[URIRef, URIRef, Literal]] = field(default_factory=list)


#: Whose name an actor is shown under, by the kind of the source that names it, best first: the partner register
#: (the coordinator's words), then the official registries (RNA, SIRENE), then deliberations and grants lists.
#: Among sources of one rank, the first ingested. An RDF file's labels are its own: never made alternative.
LABEL_RANKS = {"register": 0, "rna": 1, "sirene": 1}
_OTHER_RANK = 2
#: The kind of source whose beneficiaries an identifier joins to an actor of unrelated names are told
#: (:mod:`graph.resolution_identifier_names`).
_GRANTS = "scdl-subventions"


#: Whether the store holds an RDF file's graph. Every other source gives each actor it names the name keys of its
#: names: without an RDF file, the keys find every namesake, and neither the names as written nor the IRIs minted
#: from the keys are looked up (at 100k actors, an RNA extract's 5,000 names took ~0.3 s more, a grants list ~2 ms).
_ANY_RDF_FILE = f'ASK {{ GRAPH ?g {{ ?g <{DCTERMS.type}> "rdf" }} FILTER(?g != ?source) }}'


def resolve_actors(graph: TripleSet, query, source: URIRef | None = None, kind: str | None = None,
                   lines: dict[URIRef, int] | None = None) -> Resolution:
    """Rewrite, in place, the actors of ``graph`` that the store already knows under another IRI.

    ``query(sparql, bindings)`` reads the store (the writer's view). An actor with a SIREN matches only that
    SIREN; otherwise RNA, then name keys and known variants (:func:`graph.identity_names.name_variants`), and the IRI
    minted from a name key. Several candidates for the strongest key found → reported, not merged. Keys are looked
    up in batches: a file of 50k rows costs a few hundred queries, not one per actor.
    ``kind``: the kind of the source, which ranks its names against those already stored (:data:`LABEL_RANKS`).
    ``source``: the graph that the extraction replaces, which no lookup reads (:func:`skipping`): the same file
    ingested twice gives the same graph (DESIGN.md, "Identity").
    ``lines``: the line that names each actor, for a source whose graph does not say it (a register's members).
    """
    query = skipping(query, source)
    line_of = partial(_line_of, graph, lines or {})
    resolution = Resolution()
    if kind == "deliberation":
        tell_branches_apart(graph)
    actors, keys = _keyed_actors(graph)
    outcomes, held, by_identifier = _decide_by_stages(graph, (actors, keys), query, source, resolution, line_of)
    for actor in actors:  # in the actors' order, as one pass over them gave
        outcome = outcomes.get(actor)
        if outcome is not None and outcome[0] == "rewrite":
            resolution.rewritten[actor] = outcome[1]
        if outcome is not None and outcome[0] == "ambiguous":
            resolution.ambiguous.append((*outcome[1], line_of(actor)))
        elif outcome is not None and isinstance(outcome[-1], tuple):  # a decision that says what it left out
            resolution.ambiguous.append((*outcome[-1], line_of(actor)))
    if kind in NEAR_NAME_KINDS:
        unnamed = {actor: [k for _, k in keys[actor]] for actor in actors
                   if actor not in outcomes and keys[actor] and all(how == "name" for how, _ in keys[actor])}
        resolution.ambiguous += [(fr, en, line_of(actor)) for actor, fr, en in near_names(graph, unnamed, query)]
    targets = {actor: resolution.rewritten.get(actor, actor) for actor in actors}
    stored = _stored_labels(targets.values(), query, source)
    resolution.demoted = _keep_existing_labels(graph, targets, stored, LABEL_RANKS.get(kind, _OTHER_RANK))
    if kind == _GRANTS:
        joined = {actor: targets[actor] for actor in actors if actor in by_identifier or actor in held}
        resolution.ambiguous += identifier_clashes(graph, joined, stored, query)
    rewrite_nodes(graph, resolution.rewritten)
    deliberations_by_actes(graph, query)
    return resolution


def _keyed_actors(graph: TripleSet) -> tuple[list[URIRef], dict[URIRef, list[tuple[str, str]]]]:
    """The actors of ``graph`` in the order of their IRIs' text, and the keys of each; the branches of one body that
    the graph names in several ways brought together first (:func:`graph.resolution_branches.bring_branches_together`:
    those joined to another are no actors of their own)."""
    actors = sorted(actors_of(graph), key=str)  # IRIs sort by their text: rdflib's __lt__ is a Python call
    keys = {actor: actor_keys(graph, actor, keyed=True) for actor in actors}
    if together := bring_branches_together(graph, keys):
        actors = [actor for actor in actors if actor not in together]
        joined = set(together.values())
        keys = {actor: actor_keys(graph, actor, keyed=True) if actor in joined else keys[actor] for actor in actors}
    return actors, keys


def _decide_by_stages(graph: TripleSet, keyed: tuple[list[URIRef], dict[URIRef, list[tuple[str, str]]]], query,
                      source: URIRef | None, resolution: Resolution, line_of) -> tuple[dict, dict, set[URIRef]]:
    """What becomes of each actor of ``keyed`` (the actors, and their keys), looked up by key kinds in turn:
    the outcomes of those decided (:func:`graph.resolution_decisions.decide`), the actors that the store already
    holds under their own identifier (with that key), and those that an identifier rewrites to another IRI. A
    branch's name that a stored body holds is said in ``resolution`` (:func:`bodies_apart`).

    Each kind is looked up only for the actors that no stronger key matched: an association that its RNA number
    joins to another actor needs no lookup of its names. An actor whose identifier finds only its own IRI (an
    association with a SIRET finds its SIRENE unit) goes on to the next kind of identifier, and is looked up by its
    names only to warn of a namesake: its identifier says where it is, a name does not outweigh it."""
    actors, keys = keyed
    base, outcomes, undecided = _base_of(actors), {}, actors
    held: dict[URIRef, tuple[str, str]] = {}  # actors that the store already holds under their own identifier
    by_identifier: set[URIRef] = set()  # and those that an identifier rewrites to another IRI
    for stage in ("siren", "rna", "name"):
        seekers: dict[tuple[str, str], set[URIRef]] = {}
        for actor in undecided:
            for key in keys[actor]:
                if key[0] == stage:
                    seekers.setdefault(key, set()).add(actor)
        unkeyed = stage == "name" and bool(seekers) and query(_ANY_RDF_FILE, None).boolean
        labels = labels_of(graph, (a for a in undecided if any(k[0] == "name" for k in keys[a]))) \
            if unkeyed else set()
        own: set[tuple[str, str]] = set()
        found = lookup_keys(seekers, query, base, labels, own, unkeyed)
        left = []
        for actor in undecided:
            mine = [key for key in keys[actor] if key in own and seekers[key] == {actor}]
            if mine and actor not in held:
                held[actor] = mine[0]
            holders = found
            if stage == "name":  # a branch is not the body that a file stored before c3fe764 gave its name
                holders, said = bodies_apart(graph, actor, keys[actor], found, query, base, source)
                resolution.ambiguous += [(fr, en, line_of(actor)) for fr, en in said]
            outcome = decide(graph, actor, keys[actor], stage, holders, query, base, held.get(actor), mine)
            if outcome is None:
                left.append(actor)
            else:
                outcomes[actor] = outcome
                if stage != "name" and outcome[0] == "rewrite":
                    by_identifier.add(actor)
        if stage == "name":
            share_no_name(graph, {actor: outcomes[actor] for actor in undecided if actor in outcomes}, outcomes)
        undecided = left
    return outcomes, held, by_identifier


_LABELS = ("SELECT ?actor ?label ?g ?kind WHERE { VALUES ?actor { %s } GRAPH ?g { ?actor <" + str(RDFS.label)
           + "> ?label OPTIONAL { ?g <" + str(DCTERMS.type) + "> ?kind } } FILTER(?g != ?source) }")


def _stored_labels(targets, query, source: URIRef | None) -> dict[URIRef, list[tuple[URIRef, Literal, int | None]]]:
    """The labels that other sources than ``source`` give the actors ``targets``: each one's graph and its source's
    rank (:data:`LABEL_RANKS`; None for an RDF file's, or one of no known source, which no name outranks). Labels
    from the previous version of the same source do not count."""
    stored: dict[URIRef, list[tuple[URIRef, Literal, int | None]]] = {}
    targets = sorted(set(targets), key=str)
    bindings = {"source": source or URIRef("urn:maillage:none")}
    for i in range(0, len(targets), LOOKUP_BATCH):
        values = " ".join(t.n3() for t in targets[i:i + LOOKUP_BATCH])
        for actor, label, where, kind in query(_LABELS % values, bindings):
            rank = None if kind is None or str(kind) == "rdf" else LABEL_RANKS.get(str(kind), _OTHER_RANK)
            stored.setdefault(actor, []).append((where, label, rank))
    return stored


def _keep_existing_labels(graph: TripleSet, mapping: dict[URIRef, URIRef],
                          others: dict[URIRef, list[tuple[URIRef, Literal, int | None]]],
                          rank: int = _OTHER_RANK) -> list[tuple[URIRef, URIRef, Literal]]:
    """Turn the label of an actor that other sources already name into an alternative label, when names differ;
    return the stored labels that it outranks instead (graph, actor, label), to be made alternative.

    The actor keeps the display name that the best-ranked source (:data:`LABEL_RANKS`, ``rank`` this source's)
    gave it, the first of them; other spellings become ``skos:altLabel`` (one rdfs:label per actor, as the shapes
    expect), and the same name written with another language tag takes the stored one. Labels from the previous
    version of the same source do not count. ``others``: the labels that other sources give the actors, each with
    its graph and rank (:func:`_stored_labels`).
    """
    known: dict[URIRef, dict[str, Literal]] = {actor: {} for actor in others}
    for actor, labels in others.items():
        for _, label, _ in labels:
            known[actor].setdefault(str(label), label)
    demoted = []
    for actor, target in mapping.items():
        if not known.get(target):
            continue
        own = list(graph.objects(actor, LABEL))
        if own and all(r is not None and rank < r for _, _, r in others[target]) \
                and not any(str(label) in known[target] for label in own):
            demoted += [(where, target, label) for where, label, _ in others[target]]
            continue
        for label in own:
            if str(label) not in known[target]:
                graph.remove((actor, LABEL, label))
                graph.add((actor, ALT_LABEL, label))
            elif (stored := known[target][str(label)]) != label:  # the same name tagged otherwise ("…"@fr)
                graph.remove((actor, LABEL, label))
                graph.add((actor, LABEL, stored))
    return demoted


def _base_of(actors: list[URIRef]) -> str:
    """The IRI base of the extraction's actors (``{base}actor/…``), to mint name-key IRIs alike."""
    for actor in actors:
        head, sep, _ = str(actor).rpartition("actor/")
        if sep:
            return head
    return DEFAULT_BASE


def _line_of(graph: TripleSet, given: dict[URIRef, int], actor: URIRef) -> int | None:
    """The first row of the source that names ``actor`` (a grant's or a record's ``mai:rowNumber``, else the line
    that the extraction ``given``), if any."""
    lines = [int(line) for node in (actor, *graph.subjects(None, actor)) for line in graph.objects(node, MAI.rowNumber)]
    return min(lines, default=given.get(actor))
