"""The branches of a body that one source names (:mod:`graph.resolution`): a deliberation that names a body and
one branch of it names that branch, and its grants are named after it (:func:`tell_branches_apart`), and a branch
written branch first and body first in one source is one actor (:func:`bring_branches_together`); a branch is not
the body that a file stored before branches were actors of their own gave its name (:func:`bodies_apart`).

Apart from :mod:`graph.resolution` because it reads the extraction alone, before its actors' keys are looked up in
the store — but for what the store holds of the bodies of a branch that its keys find.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF

from graph.identity import ALT_LABEL, LABEL, actor_keys, actors_of, name_key_iri, rewrite_nodes
from graph.identity_names import BRANCH_WORDS, branch_bodies, branch_keys, is_branch_of, name_key
from graph.namespaces import MAI, slugify
from graph.triples import TripleSet, plain_literal

#: The files, other than ``?source``, whose graph gives ``?body`` the name key ``?key``.
_FILES_GIVING = ("SELECT DISTINCT ?title WHERE { GRAPH ?g { ?body <" + str(MAI.nameKey) + "> ?key } ?g <"
                 + str(DCTERMS.title) + "> ?title FILTER(?g != ?source) } ORDER BY ?title")


def tell_branches_apart(graph: TripleSet) -> None:
    """Make, in place, each actor of a deliberation's ``graph`` that the text names by a body and by one branch of it
    (its variant: "Ligue contre le cancer" and "Ligue contre le cancer – antenne gardoise", :func:`is_branch_of`)
    that branch: the branch's IRI, label and name keys, none of the body's. Left the body's, the grants of two
    branches that two deliberations tell apart were one actor's, summed under the body's name, and a branch that
    another deliberation named as an actor of its own was found by its variant's key and folded into the body. Its
    grants are named after it too (:func:`_grants_of_branch`).
    """
    mapping: dict[URIRef, URIRef] = {}
    for actor in sorted(actors_of(graph), key=str):  # in one order: a grant's IRI may depend on another's
        labels = list(graph.objects(actor, LABEL))
        if len(labels) != 1:
            continue
        body, base = labels[0], str(actor).rpartition("actor/")[0]
        branches = {v for v in graph.objects(actor, ALT_LABEL) if is_branch_of(str(v), str(body))}
        if len(branches) != 1 or actor != name_key_iri(name_key(str(body)), base):  # an identified actor stays
            continue
        branch = branches.pop()
        for variant in list(graph.objects(actor, ALT_LABEL)):
            if variant == branch or name_key(str(variant)) == name_key(str(body)):  # the body's other spellings
                graph.remove((actor, ALT_LABEL, variant))
        graph.remove((actor, LABEL, body))
        graph.add((actor, LABEL, branch))
        for key in list(graph.objects(actor, MAI.nameKey)):
            graph.remove((actor, MAI.nameKey, key))
        for _, key in (k for k in actor_keys(graph, actor) if k[0] == "name"):
            graph.add((actor, MAI.nameKey, plain_literal(key)))
        mapping[actor] = name_key_iri(name_key(str(branch)), base)
        _grants_of_branch(graph, actor, name_key(str(branch)), mapping)
    rewrite_nodes(graph, mapping)


def _grants_of_branch(graph: TripleSet, actor: URIRef, key: str, mapping: dict[URIRef, URIRef]) -> None:
    """Add to ``mapping`` the grants of a deliberation's ``graph`` to ``actor``, which is the branch of name key
    ``key``, each renamed after the branch as a grant is after its beneficiary (``…/grant/{authority}/{number}/{the
    branch's slug}``, then ``-2``, ``-3``… for the branch's other grants, in the order of their IRIs), and the grants
    of an earlier act that they replace, named from the same beneficiary, alike. Minted from the body's name that the
    text writes ("à l'antenne gardoise de la Ligue contre le cancer"), a branch's grant was named after the body; no
    name is taken twice (a text that names the branch both ways keeps both grants)."""
    slug, taken = slugify(key), set(mapping.values())
    grants = [g for g in graph.subjects(MAI.beneficiary, actor) if (g, RDF.type, MAI.Grant) in graph]
    for grant in sorted(grants, key=lambda g: (len(str(g)), str(g))):  # "…-cancer" before "…-cancer-2", "…-10"
        head, _, old = str(grant).rpartition("/")
        rank = 1
        while (new := URIRef(f"{head}/{slug}" + (f"-{rank}" if rank > 1 else ""))) in taken \
                or new != grant and (new, None, None) in graph:
            rank += 1
        taken.add(new)
        if new == grant:
            continue
        mapping[grant] = new
        for replaced in graph.objects(grant, DCTERMS.replaces):
            before, _, segment = str(replaced).rpartition("/")
            if segment == old and isinstance(replaced, URIRef):
                mapping[replaced] = URIRef(f"{before}/{new.rpartition('/')[2]}")


def bring_branches_together(graph: TripleSet,
                            keys: dict[URIRef, list[tuple[str, str]]]) -> dict[URIRef, URIRef]:
    """Make, in place, one actor of two that ``graph`` names, each by its name alone, by one branch of a body written
    branch first ("Comité du Gard de la Ligue contre le cancer") and body first ("Ligue contre le cancer – comité du
    Gard"): the body-first one, whose IRI the other's :func:`graph.identity_names.branch_keys` mint, the other's name
    its variant. Across sources the keys find each other; in one source, each spelling minted its own IRI. ``keys``:
    the actors' lookup keys (:func:`graph.identity.actor_keys`). Return the actors renamed.
    """
    first = [actor for actor, known in keys.items()  # an identified actor's keys start with its identifier
             if known and known[0][0] == "name" and any(k.partition(" ")[0] in BRANCH_WORDS for _, k in known)]
    mapping: dict[URIRef, URIRef] = {}
    for actor in first:
        base = str(actor).rpartition("actor/")[0]
        found = {name_key_iri(key, base) for label in graph.objects(actor, LABEL) for key in branch_keys(str(label))}
        found = {other for other in found if other in keys and other != actor and other not in mapping
                 and keys[other] and keys[other][0][0] == "name"}
        if len(found) == 1 and (actor, RDF.type, FOAF.Person) not in graph:
            mapping[actor] = target = found.pop()
            for label in list(graph.objects(actor, LABEL)):
                graph.remove((actor, LABEL, label))
                if (target, LABEL, label) not in graph:
                    graph.add((actor, ALT_LABEL, label))
    rewrite_nodes(graph, mapping)
    return mapping


def bodies_apart(graph: TripleSet, actor: URIRef, keys: list[tuple[str, str]], found: dict, query, base: str,
                 source: URIRef | None) -> tuple[dict, list[tuple[str, str]]]:
    """``found`` (the store's holders of each key, :func:`graph.resolution_lookups.lookup_keys`) for ``actor``: without
    the bodies, minted from their names, of which its label names a branch (:func:`graph.identity_names.branch_bodies`);
    and what to say of each body left out (French, English): the files that give it the branch's name.

    A store made before a body's branches were actors of their own (commit c3fe764) holds the body with the names
    and keys of the branches that a deliberation named (« Restos du Cœur » and « – antenne de Luzech »): found by
    them, a branch named since was folded into the body, and so was the deliberation that named it, ingested again.
    Such a body keeps them until those files are ingested again, which is said; no other body holds a branch's key
    (:func:`tell_branches_apart`).
    """
    candidates = {holder for key in keys if key[0] == "name" for holder in found.get(key, ())}
    bodies = {name_key_iri(of, base) for label in graph.objects(actor, LABEL) for of in branch_bodies(str(label))} \
        if candidates else set()
    if not candidates & bodies:
        return found, []
    said = []
    for body in sorted(candidates & bodies, key=str):
        titles = sorted({str(title) for how, key in keys if how == "name" and body in found.get((how, key), ())
                         for (title,) in query(_FILES_GIVING, {"body": body, "key": plain_literal(key),
                                                               "source": source or URIRef("urn:maillage:none")})})
        if titles:
            said.append(_old_body_said(str(next(graph.objects(actor, LABEL))), body, titles))
    return {key: found.get(key, set()) - bodies for key in keys}, said


def _old_body_said(label: str, body: URIRef, titles: list[str]) -> tuple[str, str]:
    """What :func:`bodies_apart` says of a body that the files ``titles`` give the name of its branch ``label``."""
    files = ", ".join(titles)
    (these, its), (those, their) = (("ce fichier", "ses"), ("that file", "its")) if len(titles) == 1 else \
        (("ces fichiers", "leurs"), ("those files", "their"))
    return (f"acteur « {label} » : son nom est, dans {files}, une variante de {body}, dont il est une antenne — non "
            f"fusionné : une antenne est un acteur distinct de son organisme ; importez de nouveau {these} (maillage "
            f"ingest --force) pour que {its} subventions aillent à l'antenne",
            f"actor '{label}': its name is, in {files}, a variant of {body}, a branch of which it is, not merged: a "
            f"branch is an actor other than its body; ingest {those} again (maillage ingest --force) so that {their} "
            "grants go to the branch")
