"""The resolution of an extraction's actors against the store: each one the store already knows (by SIREN, by RNA,
by name key or a known variant) is renamed to the IRI there, ambiguities reported, never merged silently; then each
deliberation renamed to its IRI under its resolved authority.

Apart from :mod:`graph.identity` (which mints actors' keys and IRIs from what an extractor knows, with no store)
because this is the one step of identity that reads the store: batched SPARQL lookups, run by the writer at ingest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS

from graph.identifiers import RNA_OLD_NUMBER
from graph.identity import (_ALT_LABEL, _BRANCH_WORDS, _LABEL, _is_acronym, _rewrite, actor_keys, actors_of,
                            branch_keys, deliberation_iri, is_branch_of, name_key, name_key_iri, siren_of)
from graph.namespaces import DEFAULT_BASE, MAI
from graph.terms import sparql_string
from graph.triples import TripleSet, plain_literal


@dataclass
class Resolution:
    """What :func:`resolve_actors` did: IRIs rewritten, and ambiguities reported (French, English, and the line of
    the first row that names the actor, when the source has rows)."""

    rewritten: dict[URIRef, URIRef] = field(default_factory=dict)
    ambiguous: list[tuple[str, str, int | None]] = field(default_factory=list)
    #: (graph, actor, label): labels of other sources that the extraction's name outranks (:data:`LABEL_RANKS`),
    #: to be made alternative labels in their graphs once the extraction is stored.
    demoted: list[tuple[URIRef, URIRef, Literal]] = field(default_factory=list)


#: Whose name an actor is shown under, by the kind of the source that names it, best first: the partner register
#: (the coordinator's words), then the official registries (RNA, SIRENE), then deliberations and grants lists.
#: Among sources of one rank, the first ingested. An RDF file's labels are its own: never made alternative.
LABEL_RANKS = {"register": 0, "rna": 1, "sirene": 1}
_OTHER_RANK = 2


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
    # The resources named by the very name, as written (an RDF file's actor, which has no mai:nameKey: adding keys
    # to the bulk load of RDF files would be work per triple). The literal is bound, so the engine reads the few
    # triples that have it as object.
    "label": "SELECT DISTINCT ?key ?actor ?p WHERE { VALUES ?key { %s } ?actor ?p ?key "
             f"FILTER(?p = <{RDFS.label}> || ?p = <{_ALT_LABEL}>) }}",
}
#: Whether the store holds an RDF file's graph. Every other source gives each actor it names the name keys of its
#: names: without an RDF file, the keys find every namesake, and neither the names as written nor the IRIs minted
#: from the keys are looked up (at 100k actors, an RNA extract's 5,000 names took ~0.3 s more, a grants list ~2 ms).
_ANY_RDF_FILE = f'ASK {{ GRAPH ?g {{ ?g <{DCTERMS.type}> "rdf" }} }}'
#: The forms in which an RDF file writes a name that a table gives as a plain string.
_LABEL_LANGUAGES = (None, "fr", "fr-fr")
#: Keys per lookup query (VALUES blocks of this size stay fast in both engines).
LOOKUP_BATCH = 500


def resolve_actors(graph: TripleSet, query, source: URIRef | None = None, kind: str | None = None) -> Resolution:
    """Rewrite, in place, the actors of ``graph`` that the store already knows under another IRI.

    ``query(sparql, bindings)`` reads the store (the writer's view). An actor with a SIREN matches only that
    SIREN; otherwise RNA, then name keys and known variants (:func:`graph.identity.name_variants`), and the IRI
    minted from a name key. Several candidates for the strongest key found → reported, not merged. Keys are looked
    up in batches: a file of 50k rows costs a few hundred queries, not one per actor.
    ``kind``: the kind of the source, which ranks its names against those already stored (:data:`LABEL_RANKS`).
    """
    resolution = Resolution()
    if kind == "deliberation":
        _branches_apart(graph)
    actors = sorted(actors_of(graph), key=str)  # IRIs sort by their text: rdflib's __lt__ is a Python call
    keys = {actor: actor_keys(graph, actor, keyed=True) for actor in actors}
    if together := _branches_together(graph, keys):
        actors = [actor for actor in actors if actor not in together]
        joined = set(together.values())
        keys = {actor: actor_keys(graph, actor, keyed=True) if actor in joined else keys[actor] for actor in actors}
    base, outcomes, undecided = _base_of(actors), {}, actors
    held: dict[URIRef, tuple[str, str]] = {}  # actors that the store already holds under their own identifier
    # Key kinds in turn, each looked up only for the actors that no stronger key matched: an association that its
    # RNA number joins to another actor needs no lookup of its names. An actor whose identifier finds only its own
    # IRI (an association with a SIRET finds its SIRENE unit) goes on to the next kind of identifier, and is looked
    # up by its names only to warn of a namesake: its identifier says where it is, a name does not outweigh it.
    for stage in ("siren", "rna", "name"):
        seekers: dict[tuple[str, str], set[URIRef]] = {}
        for actor in undecided:
            for key in keys[actor]:
                if key[0] == stage:
                    seekers.setdefault(key, set()).add(actor)
        unkeyed = stage == "name" and bool(seekers) and query(_ANY_RDF_FILE, None).boolean
        labels = _labels_of(graph, (a for a in undecided if any(k[0] == "name" for k in keys[a]))) \
            if unkeyed else set()
        own: set[tuple[str, str]] = set()
        found = _lookup_keys(seekers, query, base, labels, own, unkeyed)
        left = []
        for actor in undecided:
            mine = [key for key in keys[actor] if key in own and seekers[key] == {actor}]
            if mine and actor not in held:
                held[actor] = mine[0]
            outcome = _decide(graph, actor, keys[actor], stage, found, query, base, held.get(actor), mine)
            if outcome is None:
                left.append(actor)
            else:
                outcomes[actor] = outcome
        if stage == "name":
            _share_no_name(graph, {actor: outcomes[actor] for actor in undecided if actor in outcomes}, outcomes)
        undecided = left
    for actor in actors:  # in the actors' order, as one pass over them gave
        outcome = outcomes.get(actor)
        if outcome is not None and outcome[0] == "rewrite":
            resolution.rewritten[actor] = outcome[1]
        if outcome is not None and outcome[0] == "ambiguous":
            resolution.ambiguous.append((*outcome[1], _line_of(graph, actor)))
        elif outcome is not None and isinstance(outcome[-1], tuple):  # a decision that says what it left out
            resolution.ambiguous.append((*outcome[-1], _line_of(graph, actor)))
    targets = {actor: resolution.rewritten.get(actor, actor) for actor in actors}
    resolution.demoted = _keep_existing_labels(graph, targets, query, source, LABEL_RANKS.get(kind, _OTHER_RANK))
    _rewrite(graph, resolution.rewritten)
    deliberations_by_actes(graph, query)
    return resolution


def _branches_apart(graph: TripleSet) -> None:
    """Make, in place, each actor of a deliberation's ``graph`` that the text names by a body and by one branch of it
    (its variant: "Ligue contre le cancer" and "Ligue contre le cancer – antenne gardoise", :func:`is_branch_of`)
    that branch: the branch's IRI, label and name keys, none of the body's. Left the body's, the grants of two
    branches that two deliberations tell apart were one actor's, summed under the body's name, and a branch that
    another deliberation named as an actor of its own was found by its variant's key and folded into the body.
    """
    mapping: dict[URIRef, URIRef] = {}
    for actor in actors_of(graph):
        labels = list(graph.objects(actor, _LABEL))
        if len(labels) != 1:
            continue
        body, base = labels[0], str(actor).rpartition("actor/")[0]
        branches = {v for v in graph.objects(actor, _ALT_LABEL) if is_branch_of(str(v), str(body))}
        if len(branches) != 1 or actor != name_key_iri(name_key(str(body)), base):  # an identified actor stays
            continue
        branch = branches.pop()
        for variant in list(graph.objects(actor, _ALT_LABEL)):
            if variant == branch or name_key(str(variant)) == name_key(str(body)):  # the body's other spellings
                graph.remove((actor, _ALT_LABEL, variant))
        graph.remove((actor, _LABEL, body))
        graph.add((actor, _LABEL, branch))
        for key in list(graph.objects(actor, MAI.nameKey)):
            graph.remove((actor, MAI.nameKey, key))
        for _, key in (k for k in actor_keys(graph, actor) if k[0] == "name"):
            graph.add((actor, MAI.nameKey, plain_literal(key)))
        mapping[actor] = name_key_iri(name_key(str(branch)), base)
    _rewrite(graph, mapping)


def _branches_together(graph: TripleSet, keys: dict[URIRef, list[tuple[str, str]]]) -> dict[URIRef, URIRef]:
    """Make, in place, one actor of two that ``graph`` names, each by its name alone, by one branch of a body written
    branch first ("Comité du Gard de la Ligue contre le cancer") and body first ("Ligue contre le cancer – comité du
    Gard"): the body-first one, whose IRI the other's :func:`graph.identity.branch_keys` mint, the other's name its
    variant. Across sources the keys find each other; in one source, each spelling minted its own IRI. ``keys``: the
    actors' lookup keys (:func:`graph.identity.actor_keys`). Return the actors renamed.
    """
    first = [actor for actor, known in keys.items()  # an identified actor's keys start with its identifier
             if known and known[0][0] == "name" and any(k.partition(" ")[0] in _BRANCH_WORDS for _, k in known)]
    mapping: dict[URIRef, URIRef] = {}
    for actor in first:
        base = str(actor).rpartition("actor/")[0]
        found = {name_key_iri(key, base) for label in graph.objects(actor, _LABEL) for key in branch_keys(str(label))}
        found = {other for other in found if other in keys and other != actor and other not in mapping
                 and keys[other] and keys[other][0][0] == "name"}
        if len(found) == 1 and (actor, RDF.type, FOAF.Person) not in graph:
            mapping[actor] = target = found.pop()
            for label in list(graph.objects(actor, _LABEL)):
                graph.remove((actor, _LABEL, label))
                if (target, _LABEL, label) not in graph:
                    graph.add((actor, _ALT_LABEL, label))
    _rewrite(graph, mapping)
    return mapping


def _decide(graph: TripleSet, actor: URIRef, keys: list[tuple[str, str]], stage: str,
            found: dict[tuple[str, str], set[URIRef]], query, base: str = DEFAULT_BASE,
            held: tuple[str, str] | None = None, mine: list[tuple[str, str]] = ()) -> tuple | None:
    """What the first of ``actor``'s keys of kind ``stage`` that the store knows decides: ("rewrite", IRI),
    ("ambiguous", messages) or ("keep",); None when no key of that kind matched (the next kind is tried).

    ``held``: the identifier under which the store already holds ``actor``'s own IRI — a name then merges nothing,
    and a namesake without a conflicting identifier is warned of. ``mine``: the keys of kind ``stage`` that the
    store holds under ``actor``'s own IRI, which is then one of their holders.
    """
    identified = any(how != "name" for how, _ in keys) or bool(_old_numbers(graph, actor))
    for how, key in keys:
        if how != stage:
            continue
        candidates = found.get((how, key), set()) - {actor}
        if not candidates:
            continue
        if how == "rna" and held is not None and held[0] == "siren" \
                and _one_organisation(candidates | {actor}, base, query) is None:
            return _two_organisations(graph, actor, held[1], key, candidates, keys, query)
        if how != "name":
            return _decide_by_identifier(graph, actor, how, key, candidates, query, base, (how, key) in mine)
        if held is not None:
            return _decide_by_name_when_held(graph, actor, key, candidates, query, held)
        return _decide_by_name(graph, actor, key, candidates, query, identified)
    return None


def _decide_by_identifier(graph: TripleSet, actor: URIRef, how: str, key: str, candidates: set[URIRef], query,
                          base: str, own: bool) -> tuple:
    """What a SIREN or RNA number (``how``, ``key``) that other actors of the store hold decides.

    One other holder is the actor itself under another IRI. Several holders — ``actor`` among them when the store
    holds the key under its own IRI too (``own``) — merge only when they are one organisation
    (:func:`_one_organisation`); otherwise they are reported, never merged.
    """
    if not own and len(candidates) == 1:
        return "rewrite", next(iter(candidates))
    holders = candidates | {actor} if own else candidates
    if (one := _one_organisation(holders, base, query)) is not None:
        return ("keep",) if one == actor else ("rewrite", one)
    return _several_holders(graph, actor, how, key, holders)


def _two_organisations(graph: TripleSet, actor: URIRef, siren: str, rna: str, holders: set[URIRef],
                       keys: list[tuple[str, str]], query) -> tuple:
    """An actor whose SIREN the store holds under its own IRI and whose RNA number another actor holds: a row that
    gives two organisations' identifiers (one's SIRET pasted beside the other's RNA number). Its name says which
    one it is: the identifier of the other is left out of the source, and said; a name that says neither keeps the
    SIREN's and says so. Merged by its RNA number, it took the other's SIRET with it, and the grants of the SIRET's
    holder moved to the RNA number's."""
    names = {key for how, key in keys if how == "name"}
    rows = query("SELECT ?a ?k WHERE { VALUES ?a { %s } ?a <%s> ?k }"
                 % (" ".join(a.n3() for a in sorted(holders | {actor}, key=str)), MAI.nameKey), None)
    named = {a for a, k in rows if str(k) in names}
    label = _label_or(graph, actor, siren)
    told = (f"acteur « {label} » : son SIREN {siren} et son numéro RNA {rna} sont ceux de deux organisations "
            f"({actor}, {', '.join(sorted(map(str, holders)))})",
            f"actor '{label}': its SIREN {siren} and its RNA number {rna} are two organisations' "
            f"({actor}, {', '.join(sorted(map(str, holders)))})")
    if len(holders) == 1 and named == holders:
        for predicate in (MAI.siren, MAI.siret):
            graph.remove((actor, predicate, None))
        (holder,) = holders
        return "rewrite", holder, (told[0] + " ; rapproché par son nom et son numéro RNA, son SIRET est laissé de "
                                   "côté", told[1] + "; joined by its name and its RNA number, its SIRET left out")
    if named == {actor}:
        graph.remove((actor, MAI.rna, None))
        return "keep", (told[0] + " ; rapproché par son nom et son SIREN, son numéro RNA est laissé de côté",
                        told[1] + "; joined by its name and its SIREN, its RNA number left out")
    return "keep", (told[0] + " ; son nom ne dit pas laquelle : rapproché par son SIREN, vérifiez la ligne",
                    told[1] + "; its name does not say which: joined by its SIREN, check the row")


def _decide_by_name_when_held(graph: TripleSet, actor: URIRef, key: str, candidates: set[URIRef], query,
                              held: tuple[str, str]) -> tuple:
    """What a name decides for an actor that the store already holds under its own identifier (``held``): nothing
    to merge, since the identifier outweighs the name; the namesakes without a conflicting identifier are warned
    of, since they may be the same organisation on two nodes."""
    kept = sorted((c for c in candidates if not _conflicting_ids(graph, actor, c, query)), key=str)
    if not kept:
        return ("keep",)
    label, names = _label_or(graph, actor, key), ", ".join(map(str, kept))
    number = f"{_ID_NAMES[held[0]]} {held[1]}"
    return "ambiguous", (
        f"acteur « {label} » : relié par son {number} à {actor} ; son nom est aussi celui de {names}, qui n'a "
        "pas cet identifiant — non fusionné : l'identifiant l'emporte sur le nom ; si c'est une même "
        "organisation, deux nœuds la portent",
        f"actor '{label}': joined by its {number} to {actor}; its name is also that of {names}, which does "
        "not hold that identifier, not merged: the identifier outweighs the name; if they are one "
        "organisation, two nodes hold it")


def _decide_by_name(graph: TripleSet, actor: URIRef, key: str, candidates: set[URIRef], query,
                    identified: bool) -> tuple:
    """What a name key that other actors of the store hold decides: one holder is the actor, several are reported.

    A named actor with an identifier (``identified``) merges by name only into an actor without a conflicting one,
    and not at all when the name is also another identified organisation's: the name alone (a deliberation's, a
    list's without identifiers) no longer says which of them it named.
    """
    if identified:
        kept = {c for c in candidates if not _conflicting_ids(graph, actor, c, query)}
        if kept and kept != candidates:
            return _name_shared_by_identified(graph, actor, key, kept, candidates - kept)
        candidates = kept
    if not candidates:
        return ("keep",)
    if len(candidates) == 1:
        return "rewrite", next(iter(candidates))
    label, names = _label_or(graph, actor, key), ", ".join(sorted(str(c) for c in candidates))
    return "ambiguous", (f"acteur « {label} » : plusieurs correspondances (name) — non fusionné : {names}",
                         f"actor '{label}': several matches (name), not merged: {names}")


def _name_shared_by_identified(graph: TripleSet, actor: URIRef, key: str, kept: set[URIRef],
                               others: set[URIRef]) -> tuple:
    """The report of an identified actor whose name is that of actors it may be (``kept``) and of actors with
    another identifier (``others``): not merged."""
    label = _label_or(graph, actor, key)
    names, theirs = ", ".join(sorted(map(str, kept))), ", ".join(sorted(map(str, others)))
    return "ambiguous", (
        f"acteur « {label} » : son nom est celui de {names}, mais aussi d'acteurs d'un autre identifiant "
        f"({theirs}) — non fusionné : le nom seul ne dit pas lequel il désignait",
        f"actor '{label}': its name is that of {names}, but also of actors with another identifier "
        f"({theirs}), not merged: the name alone does not say which of them it named")


def _several_holders(graph: TripleSet, actor: URIRef, how: str, key: str, holders: set[URIRef]) -> tuple:
    """The report of an actor whose SIREN or RNA number several actors hold that may be several organisations:
    not merged, unless a source states that they are one."""
    label, names = _label_or(graph, actor, key), ", ".join(sorted(str(c) for c in holders))
    number = f"{_ID_NAMES[how]} {key}"
    return "ambiguous", (
        f"acteur « {label} » : plusieurs acteurs ont son {number} ({names}) — non fusionné ; si c'est une "
        "même organisation, déclarez-le dans un fichier RDF (<une IRI> owl:sameAs <l'autre>)",
        f"actor '{label}': several actors hold its {number} ({names}), not merged; if they are one "
        "organisation, state it in an RDF file (<one IRI> owl:sameAs <the other>)")


def _label_or(graph: TripleSet, actor: URIRef, fallback: str) -> str:
    """The name under which a message shows ``actor``: its label in ``graph``, else ``fallback``."""
    return next(iter(graph.objects(actor, _LABEL)), fallback)


#: How a message names an identifier of each kind of key.
_ID_NAMES = {"siren": "SIREN", "rna": "RNA"}
_SAME_AS = "SELECT ?a ?b WHERE { VALUES ?a { %s } VALUES ?b { %s } ?a <" + str(OWL.sameAs) + "> ?b }"


def _one_organisation(candidates: set[URIRef], base: str, query) -> URIRef | None:
    """The one actor that several holders of an identifier are, or None when they may be several organisations.

    Holders that some source links by ``owl:sameAs`` are one organisation; so is an RDF file's own IRI (outside
    ``{base}actor/``) with the one actor that Maillage minted: the file keeps its IRI, and its ingest warned of the
    twin. That actor, where the other sources meet, is the one chosen (else the first IRI of the linked ones).
    """
    iris = sorted(candidates, key=str)
    group = {iri: {iri} for iri in iris}
    values = " ".join(iri.n3() for iri in iris)
    for a, b in query(_SAME_AS % (values, values), None):
        if a in group and b in group and group[a] is not group[b]:
            merged = group[a] | group[b]
            for iri in merged:
                group[iri] = merged
    groups = list({id(g): g for g in group.values()}.values())
    minted = [g for g in groups if any(str(iri).startswith(base + "actor/") for iri in g)]
    if len(minted) > 1 or (not minted and len(groups) > 1):
        return None
    mine = [iri for iri in iris if str(iri).startswith(base + "actor/")]
    return (mine or iris)[0]


#: What a grants list says of the deliberation its reference names, stored (its source, prov:wasDerivedFrom): a
#: deliberation text says more (its session).
REFERENCE_ONLY = frozenset({RDF.type, DCTERMS.identifier, DCTERMS.date, MAI.authority, MAI.actesId,
                            PROV.wasDerivedFrom})
#: What a deliberation has one of (maish:DeliberationShape), which a reference takes from the deliberation it is
#: renamed to: the list's number is the ACTES id's internal one ("D20240024010"), the text's the printed one
#: ("2024.00240"), and the store would hold two of them.
ONE_EACH = (DCTERMS.identifier, DCTERMS.date)
#: The deliberations of the store that hold one of some ACTES ids, and of which some source says more than a
#: reference does (another grants list's reference is no deliberation to point at), with their numbers and dates.
_BY_ACTES = ("SELECT DISTINCT ?actes ?deliberation ?p ?o WHERE { VALUES ?actes { %s } ?deliberation mai:actesId ?actes "
             "FILTER EXISTS { ?deliberation ?q ?v FILTER(?q NOT IN ("
             + ", ".join(f"<{p}>" for p in sorted(REFERENCE_ONLY)) + ")) } "
             "OPTIONAL { VALUES ?p { " + " ".join(f"<{p}>" for p in ONE_EACH) + " } ?deliberation ?p ?o } }")


def reference_statements(said, held) -> list[tuple]:
    """What a grants list's graph says of the deliberation that its reference names, once renamed to it: ``said``
    (the reference's predicate-object pairs), but the number and the date (:data:`ONE_EACH`) that the deliberation's
    ``held`` pairs give, one each. The list keeps its own description of the deliberation: a deliberation text
    removed, or replaced by a version without that ACTES id, leaves the list's grants decided by a deliberation it
    describes.

    >>> said = [(RDF.type, MAI.Deliberation), (DCTERMS.identifier, Literal("D20240024010"))]
    >>> [str(o) for _, o in reference_statements(said, [(DCTERMS.identifier, Literal("2024.00240"))])]
    ['https://w3id.org/maillage/ontology#Deliberation', '2024.00240']
    >>> reference_statements(said, []) == said
    True
    """
    taken = {p: [o for q, o in held if q == p] for p in ONE_EACH}
    taken = {p: values for p, values in taken.items() if len(set(values)) == 1}
    return [(p, o) for p, o in said if p not in taken] + [(p, values[0]) for p, values in taken.items()]


def deliberations_by_actes(graph: TripleSet, query) -> dict[URIRef, URIRef]:
    """Point, in place, what ``graph`` says of each of its deliberations known by no more than an ACTES id (a grants
    list's ``referenceDecision``: a ``mai:actesId`` and what the id gives, :data:`REFERENCE_ONLY`) at the one
    deliberation of the store that has that id under another IRI (a deliberation text, minted from its printed
    number), ``graph``'s description of it renamed too, with the store's number and date
    (:func:`reference_statements`). Several such deliberations: left as they are. Return the IRIs renamed.
    """
    from graph.namespaces import sparql_prologue

    seekers = {str(actes): d for d, _, actes in graph.triples((None, MAI.actesId, None))
               if isinstance(d, URIRef) and all(p in REFERENCE_ONLY for p, _ in graph.predicate_objects(d))}
    found: dict[URIRef, set[URIRef]] = {}
    held: dict[URIRef, set[tuple]] = {}
    wanted = sorted(seekers)
    for i in range(0, len(wanted), LOOKUP_BATCH):
        values = " ".join(sparql_string(k) for k in wanted[i:i + LOOKUP_BATCH])
        for actes, deliberation, p, o in query(sparql_prologue() + _BY_ACTES % values, None):
            if isinstance(deliberation, URIRef) and deliberation != seekers[str(actes)]:
                found.setdefault(seekers[str(actes)], set()).add(deliberation)
                held.setdefault(deliberation, set()).update([(p, o)] if p is not None else [])
    mapping = {d: next(iter(targets)) for d, targets in found.items() if len(targets) == 1}
    for d, target in mapping.items():
        said = list(graph.predicate_objects(d))
        graph.remove((d, None, None))
        for p, o in reference_statements(said, held.get(target, ())):
            graph.add((d, p, o))
    _rewrite(graph, mapping)
    return mapping


def canonical_deliberations(graph: TripleSet) -> dict[URIRef, URIRef]:
    """Rename, in place, each deliberation to its :func:`graph.identity.deliberation_iri` once its authority is
    resolved: the extractors mint that IRI from the authority they know, which the resolution of actors may have
    renamed.
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


_LABELS = ("SELECT ?actor ?label ?g ?kind WHERE { VALUES ?actor { %s } GRAPH ?g { ?actor <" + str(RDFS.label)
           + "> ?label OPTIONAL { ?g <" + str(DCTERMS.type) + "> ?kind } } FILTER(?g != ?source) }")


def _keep_existing_labels(graph: TripleSet, mapping: dict[URIRef, URIRef], query, source: URIRef | None,
                          rank: int = _OTHER_RANK) -> list[tuple[URIRef, URIRef, Literal]]:
    """Turn the label of an actor that other sources already name into an alternative label, when names differ;
    return the stored labels that it outranks instead (graph, actor, label), to be made alternative.

    The actor keeps the display name that the best-ranked source (:data:`LABEL_RANKS`, ``rank`` this source's)
    gave it, the first of them; other spellings become ``skos:altLabel`` (one rdfs:label per actor, as the shapes
    expect), and the same name written with another language tag takes the stored one. Labels from the previous
    version of the same source do not count.
    """
    known: dict[URIRef, dict[str, Literal]] = {}
    held: dict[URIRef, list[tuple[URIRef, Literal, int | None]]] = {}  # each stored label's graph and rank
    targets = sorted(set(mapping.values()), key=str)
    bindings = {"source": source or URIRef("urn:maillage:none")}
    for i in range(0, len(targets), LOOKUP_BATCH):
        values = " ".join(t.n3() for t in targets[i:i + LOOKUP_BATCH])
        for actor, label, where, kind in query(_LABELS % values, bindings):
            known.setdefault(actor, {}).setdefault(str(label), label)
            # None: an RDF file's label, or one of no known source, which no name outranks
            held.setdefault(actor, []).append(
                (where, label, None if kind is None or str(kind) == "rdf" else LABEL_RANKS.get(str(kind), _OTHER_RANK)))
    demoted = []
    for actor, target in mapping.items():
        if not known.get(target):
            continue
        own = list(graph.objects(actor, _LABEL))
        if own and all(r is not None and rank < r for _, _, r in held[target]) \
                and not any(str(label) in known[target] for label in own):
            demoted += [(where, target, label) for where, label, _ in held[target]]
            continue
        for label in own:
            if str(label) not in known[target]:
                graph.remove((actor, _LABEL, label))
                graph.add((actor, _ALT_LABEL, label))
            elif (stored := known[target][str(label)]) != label:  # the same name tagged otherwise ("…"@fr)
                graph.remove((actor, _LABEL, label))
                graph.add((actor, _LABEL, stored))
    return demoted


def _base_of(actors: list[URIRef]) -> str:
    """The IRI base of the extraction's actors (``{base}actor/…``), to mint name-key IRIs alike."""
    for actor in actors:
        head, sep, _ = str(actor).rpartition("actor/")
        if sep:
            return head
    return DEFAULT_BASE


def _labels_of(graph: TripleSet, actors) -> set[str]:
    """The names (labels and variants) of ``actors``, as the source writes them."""
    return {str(label) for actor in actors for p in (_LABEL, _ALT_LABEL) for label in graph.objects(actor, p)}


def _lookup_keys(seekers: dict[tuple[str, str], set[URIRef]], query, base: str, labels: set[str] = frozenset(),
                 own: set[tuple[str, str]] | None = None, unkeyed: bool = True) -> dict[tuple[str, str], set[URIRef]]:
    """Return (how, key) -> IRIs of the store's actors, for every key of ``seekers`` (each with the extraction's
    actors that look it up), in batched queries.

    ``labels``: names of the seekers, also looked up as they are written (:func:`_lookup_labels`), each found
    resource counted as a holder of the name's key. ``unkeyed``: whether the store may hold actors without name
    keys — an RDF file's —, which are also sought under the IRIs minted from the name keys looked up.

    A key's holder that is the one actor looking it up is left out unasked: :func:`_decide` never counts an actor as
    its own match, so whether the store holds it as an actor changes nothing (an association with a SIRET finds its
    SIRENE unit under its own IRI: a third of the questions of an RNA extract, two thirds of a grants list's).
    ``own``, when given, gets the keys of one seeker that the store holds under that seeker's own IRI.
    """
    from graph.namespaces import sparql_prologue

    def others(key: tuple[str, str], iris: set[URIRef]) -> set[URIRef]:
        return iris - seekers[key] if len(seekers[key]) == 1 else iris

    def actors_among(iris) -> set[URIRef]:
        iris, actors = sorted(iris, key=str), set()
        for i in range(0, len(iris), LOOKUP_BATCH):
            values = " ".join(iri.n3() for iri in iris[i:i + LOOKUP_BATCH])
            actors.update(actor for (actor,) in query(sparql_prologue() + _LOOKUPS["iri"] % values, None))
        return actors

    holders: dict[tuple[str, str], set[URIRef]] = {}
    for how in ("siren", "rna", "name"):
        wanted = sorted(k for h, k in seekers if h == how)
        for i in range(0, len(wanted), LOOKUP_BATCH):
            values = " ".join(sparql_string(k) for k in wanted[i:i + LOOKUP_BATCH])
            for key, holder in query(sparql_prologue() + _LOOKUPS[how] % values, None):
                if isinstance(holder, URIRef):  # a blank node, local to its source, is no identity to join
                    holders.setdefault((how, str(key)), set()).add(holder)
                    if own is not None and how != "name" and {holder} == seekers[(how, str(key))]:
                        own.add((how, str(key)))
    for key, holder in _lookup_labels(labels, query):
        if ("name", key) in seekers:  # a name with no key of its seekers (a placeholder, a person's) joins no one
            holders.setdefault(("name", key), set()).add(holder)
    holders = {key: kept for key, held_by in holders.items() if (kept := others(key, held_by))}
    by_iri = {iri: k for h, k in seekers if h == "name" for iri in others((h, k), {name_key_iri(k, base)})} \
        if unkeyed else {}
    actors = actors_among({iri for held_by in holders.values() for iri in held_by} | set(by_iri))
    found = {key: kept for key, held_by in holders.items() if (kept := held_by & actors)}
    for actor in actors & set(by_iri):
        found.setdefault(("name", by_iri[actor]), set()).add(actor)
    return found


def _lookup_labels(labels: set[str], query) -> list[tuple[str, URIRef]]:
    """(name key, IRI) for each resource of the store whose ``rdfs:label`` or ``skos:altLabel`` is one of
    ``labels`` as written (a plain string, or tagged French): an RDF file's actor, which has no ``mai:nameKey``.
    An alternative label that is an acronym is no key (:func:`graph.identity.actor_keys`)."""
    from graph.namespaces import sparql_prologue

    found, wanted = [], sorted(labels)
    for i in range(0, len(wanted), LOOKUP_BATCH):
        values = " ".join(_label_terms(text) for text in wanted[i:i + LOOKUP_BATCH])
        for label, holder, predicate in query(sparql_prologue() + _LOOKUPS["label"] % values, None):
            key = name_key(str(label))
            if isinstance(holder, URIRef) and key and not (predicate == _ALT_LABEL and _is_acronym(key)):
                found.append((key, holder))
    return found


def _label_terms(text: str) -> str:
    """``text`` as the SPARQL literals of :data:`_LABEL_LANGUAGES`: plain, and tagged in each language.

    >>> _label_terms('Le "Pôle"')
    '"Le \\\\"Pôle\\\\"" "Le \\\\"Pôle\\\\""@fr "Le \\\\"Pôle\\\\""@fr-fr'
    """
    term = sparql_string(text)
    return " ".join(term + (f"@{lang}" if lang else "") for lang in _LABEL_LANGUAGES)


def _share_no_name(graph: TripleSet, decided: dict[URIRef, tuple], outcomes: dict[URIRef, tuple]) -> None:
    """Undo the name stage's merges of actors of ``graph`` with conflicting identifiers into one stored actor: two
    organisations of one name (a national network's departmental bodies, each with its SIREN) would become one,
    with both SIRENs and both grants. Each is kept as itself and reported instead; ``decided``: the stage's
    outcomes, changed in ``outcomes``."""
    claims: dict[URIRef, list[URIRef]] = {}
    for actor, outcome in decided.items():
        if outcome[0] == "rewrite":
            claims.setdefault(outcome[1], []).append(actor)
    for target, claimants in claims.items():
        ids = {actor: _ids_in(graph, actor) for actor in claimants}
        for actor in claimants:
            rivals = [other for other in claimants if other != actor and _ids_conflict(ids[actor], ids[other])]
            if not rivals:
                continue
            label = next(iter(graph.objects(actor, _LABEL)), actor)
            own = ", ".join(sorted(set().union(*ids[actor])))
            theirs = ", ".join(sorted({v for other in rivals for v in set().union(*ids[other])}))
            outcomes[actor] = "ambiguous", (
                f"acteur « {label} » ({own}) : son nom est celui de {target}, mais aussi d'un autre acteur de cette "
                f"source, d'un autre identifiant ({theirs}) — non fusionné : le nom seul ne dit pas lequel il "
                "désignait",
                f"actor '{label}' ({own}): its name is that of {target}, but also of another actor of this source "
                f"with another identifier ({theirs}), not merged: the name alone does not say which of them it named")


def _line_of(graph: TripleSet, actor: URIRef) -> int | None:
    """The first row of the source that names ``actor`` (a grant's or a record's ``mai:rowNumber``), if any."""
    lines = [int(line) for node in (actor, *graph.subjects(None, actor)) for line in graph.objects(node, MAI.rowNumber)]
    return min(lines, default=None)


def _ids_in(graph: TripleSet, actor: URIRef) -> tuple[set[str], set[str], set[str]]:
    """An actor's SIRENs (its own, its SIRETs'), RNA numbers and old RNA numbers in ``graph``."""
    sirens = {siren_of(str(v)) for p in (MAI.siren, MAI.siret) for v in graph.objects(actor, p)} - {None}
    return sirens, {str(v) for v in graph.objects(actor, MAI.rna)}, _old_numbers(graph, actor)


def _old_numbers(graph: TripleSet, actor: URIRef) -> set[str]:
    """The old RNA numbers of ``actor`` in ``graph`` (an RNA import row's, :data:`RNA_OLD_NUMBER`): the « COMITE DES
    FETES » of two communes, which have no W number, are two associations by them."""
    return {str(v) for v in graph.objects(actor, DCTERMS.identifier) if RNA_OLD_NUMBER.fullmatch(str(v))}


def _ids_conflict(ours: tuple[set[str], ...], theirs: tuple[set[str], ...]) -> bool:
    """Whether two actors' identifiers say they are two organisations: SIRENs, RNA numbers or old RNA numbers
    that both have and none of which they share."""
    return any(a and b and not a & b for a, b in zip(ours, theirs))


def _conflicting_ids(graph: TripleSet, actor: URIRef, candidate: URIRef, query) -> bool:
    rows = query("SELECT ?p ?v WHERE { VALUES ?p { <%s> <%s> <%s> <%s> } ?c ?p ?v }"
                 % (MAI.siren, MAI.siret, MAI.rna, DCTERMS.identifier), {"c": candidate})
    sirens, rnas, olds = set(), set(), set()
    for predicate, value in rows:
        if predicate == MAI.rna:
            rnas.add(str(value))
        elif predicate == DCTERMS.identifier:
            if RNA_OLD_NUMBER.fullmatch(str(value)):
                olds.add(str(value))
        elif (siren := siren_of(str(value))) is not None:
            sirens.add(siren)
    return _ids_conflict(_ids_in(graph, actor), (sirens, rnas, olds))
