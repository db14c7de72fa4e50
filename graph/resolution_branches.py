"""The branches of a body that one source names (:mod:`graph.resolution`): a deliberation that names a body and
one branch of it names that branch (:func:`tell_branches_apart`), and a branch written branch first and body first
in one source is one actor (:func:`bring_branches_together`).

Apart from :mod:`graph.resolution` because it reads the extraction alone, before its actors' keys are looked up in
the store.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import FOAF, RDF

from graph.identity import (_ALT_LABEL, _BRANCH_WORDS, _LABEL, _rewrite, actor_keys, actors_of, branch_keys,
                            is_branch_of, name_key, name_key_iri)
from graph.namespaces import MAI
from graph.triples import TripleSet, plain_literal


def tell_branches_apart(graph: TripleSet) -> None:
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


def bring_branches_together(graph: TripleSet,
                            keys: dict[URIRef, list[tuple[str, str]]]) -> dict[URIRef, URIRef]:
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
