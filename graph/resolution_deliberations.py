"""The resolution of an extraction's deliberations against the store (:mod:`graph.resolution`): each one renamed to
its IRI under its resolved authority (:func:`canonical_deliberations`), and a grants list's deliberation known by no
more than an ACTES id (:data:`REFERENCE_ONLY`) pointed at the store's deliberation of that id
(:func:`deliberations_by_actes`), with its number and date (:func:`reference_statements`).

Apart from :mod:`graph.resolution` because deliberations are renamed after their authorities, the actors, are
resolved.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from graph.identity import actor_key, deliberation_iri, rewrite_nodes
from graph.namespaces import DEFAULT_BASE, MAI
from graph.resolution_lookups import LOOKUP_BATCH
from graph.terms import sparql_string
from graph.triples import TripleSet


#: What a grants list says of the deliberation its reference names, stored (its source, prov:wasDerivedFrom): a
#: deliberation text says more (its session).
REFERENCE_ONLY = frozenset({RDF.type, DCTERMS.identifier, DCTERMS.date, MAI.authority, MAI.actesId,
                            PROV.wasDerivedFrom})
#: What a deliberation has one of (maish:DeliberationShape), which a reference takes from the deliberation it is
#: renamed to: the list's number is the ACTES id's internal one ("D20240024010"), the text's the printed one
#: ("2024.00240"), and the store would hold two of them.
ONE_EACH = (DCTERMS.identifier, DCTERMS.date)
#: The deliberations of the store that hold one of some ACTES ids, whether some source says more of them than a
#: reference does (a deliberation text: ``?described``), with their numbers and dates; from the graphs of the
#: store but ``?source``'s, which the extraction replaces (:func:`graph.resolution_lookups.skipping`).
_BY_ACTES = ("SELECT DISTINCT ?actes ?deliberation ?described ?p ?o WHERE { VALUES ?actes { %s } "
             "GRAPH ?g { ?deliberation mai:actesId ?actes } FILTER(?g != ?source) "
             "BIND(EXISTS { GRAPH ?h { ?deliberation ?q ?v } FILTER(?h != ?source && ?q NOT IN ("
             + ", ".join(f"<{p}>" for p in sorted(REFERENCE_ONLY)) + ")) } AS ?described) "
             "OPTIONAL { VALUES ?p { " + " ".join(f"<{p}>" for p in ONE_EACH) + " } GRAPH ?k { ?deliberation ?p ?o } "
             "FILTER(?k != ?source) } }")


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
    deliberation of the store that has that id under another IRI, ``graph``'s description of it renamed too, with
    the store's number and date (:func:`reference_statements`). That deliberation is a deliberation text's (minted
    from its printed number); without one, the one that other grants lists name by that id under another IRI than
    ``graph``'s: a text's that they still describe once it is removed, so that a list ingested then meets them.
    Several such deliberations: left as they are. Return the IRIs renamed.
    """
    from graph.namespaces import sparql_prologue

    seekers = {str(actes): d for d, _, actes in graph.triples((None, MAI.actesId, None))
               if isinstance(d, URIRef) and all(p in REFERENCE_ONLY for p, _ in graph.predicate_objects(d))}
    found: dict[URIRef, dict[bool, set[URIRef]]] = {}
    held: dict[URIRef, set[tuple]] = {}
    wanted = sorted(seekers)
    for i in range(0, len(wanted), LOOKUP_BATCH):
        values = " ".join(sparql_string(k) for k in wanted[i:i + LOOKUP_BATCH])
        for actes, deliberation, described, p, o in query(sparql_prologue() + _BY_ACTES % values, None):
            if isinstance(deliberation, URIRef) and deliberation != seekers[str(actes)]:
                found.setdefault(seekers[str(actes)], {}).setdefault(bool(described), set()).add(deliberation)
                held.setdefault(deliberation, set()).update([(p, o)] if p is not None else [])
    targets = {d: kinds.get(True) or kinds[False] for d, kinds in found.items()}
    mapping = {d: next(iter(them)) for d, them in targets.items() if len(them) == 1}
    for d, target in mapping.items():
        said = list(graph.predicate_objects(d))
        graph.remove((d, None, None))
        for p, o in reference_statements(said, held.get(target, ())):
            graph.add((d, p, o))
    rewrite_nodes(graph, mapping)
    return mapping


def canonical_deliberations(graph: TripleSet) -> dict[URIRef, URIRef]:
    """Rename, in place, each deliberation to its :func:`graph.identity.deliberation_iri` once its authority is
    resolved, and its session and organ to theirs (:func:`renamed_under`): the extractors mint those IRIs from the
    authority they know, which the resolution of actors may have renamed (a list read with ``--funder`` and a name,
    the texts of its session with their SIREN: one session, one organ).
    """
    mapping = {}
    for deliberation in set(graph.subjects(RDF.type, MAI.Deliberation)):
        authority = graph.value(deliberation, MAI.authority)
        number = graph.value(deliberation, DCTERMS.identifier)
        if not isinstance(deliberation, URIRef) or authority is None or number is None:
            continue
        head, sep, _ = str(deliberation).rpartition("deliberation/")
        base = head if sep else DEFAULT_BASE
        canonical = deliberation_iri(authority, number, base=base)
        if canonical != deliberation:
            mapping[deliberation] = canonical
        for prop, kind in ((MAI.session, "session/"), (MAI.body, "body/")):
            for node in graph.objects(deliberation, prop):
                if (renamed := renamed_under(node, authority, base + kind)) is not None:
                    mapping[node] = renamed
    rewrite_nodes(graph, mapping)
    return mapping


def renamed_under(node, authority: URIRef, prefix: str) -> URIRef | None:
    """``node``, a session's or an organ's IRI ``{prefix}{authority key}/…`` (:func:`graph.identity.session_iri`,
    :func:`graph.identity.body_iri`), under the key of ``authority`` instead when it is another; None when it is
    that key's already, or is not of that form.

    >>> str(renamed_under(URIRef("https://ex.org/id/session/ville-de-x/conseil-municipal/2014-04-24"),
    ...                   URIRef("https://ex.org/id/actor/siren-213401722"), "https://ex.org/id/session/"))
    'https://ex.org/id/session/siren-213401722/conseil-municipal/2014-04-24'
    """
    if not isinstance(node, URIRef) or not node.startswith(prefix):
        return None
    key, sep, rest = node[len(prefix):].partition("/")
    return URIRef(f"{prefix}{actor_key(authority)}/{rest}") if sep and key != actor_key(authority) else None
