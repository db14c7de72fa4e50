"""The kinds of search documents and what classifies them: their French and English labels, the actor types, the
facets every document has, the kind of document a resource makes (:func:`kind_of`) and the names of its classes
that a query finds it by (:func:`class_labels`).
"""

from __future__ import annotations

import functools

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from graph.namespaces import THEMES
from graph.ontology import load_ontology, load_schemes
from search.fact_readers import mai, skos
from search.facts import Facts

THEMES_IRI = str(THEMES)

#: Kinds of documents, with their French labels (the ``kind`` facet).
KINDS = {"actor": "Acteur", "grant": "Subvention", "deliberation": "Délibération", "agreement": "Convention",
         "goal": "Objectif stratégique", "theme": "Thème", "action": "Action de la feuille de route"}

#: Actor classes, most specific first: the first one an actor has gives its ``type``, a stable code: the member
#: kind of a register (graph.ingest.register_values), or ``actor`` as the document's kind for a plain actor, as a
#: grant's type is ``grant``. The labels are French; LABELS_EN has the English ones.
ACTOR_TYPES = (
    (mai.Cooperation, "cooperation", "Coopération (PTCE)"), (mai.Association, "association", "Association"),
    (mai.PublicAuthority, "collectivite", "Collectivité"), (mai.Enterprise, "entreprise", "Entreprise"),
    (mai.University, "universite", "Université ou organisme de recherche"),
    (mai.HealthProfessional, "professionnel-de-sante", "Professionnel de santé"),
    (mai.UserGroup, "usagers", "Groupe d'usagers"), (mai.Actor, "actor", "Acteur"),
)

#: The kinds' and actor types' labels in English, by code (the index keeps the French ones): the ontology's English
#: labels of their classes, as the other pages name them (a test holds them to it).
LABELS_EN = {"actor": "Actor", "grant": "Grant", "deliberation": "Deliberation", "agreement": "Agreement",
             "goal": "Strategic goal", "theme": "Theme", "action": "Roadmap action",
             "cooperation": "Cooperation (PTCE)", "association": "Association",
             "collectivite": "Public authority", "entreprise": "Enterprise",
             "universite": "University or research body", "professionnel-de-sante": "Health professional",
             "usagers": "Users' group",
             "acteur": "Actor"}  # a plain actor's type in an index built before its code was "actor"

#: Facets of every document; each holds IRIs, except ``fiscal_year`` (years as text).
FACETS = ("theme", "place", "funder", "fiscal_year", "goal", "circle")

THEME_PREFIX = "https://w3id.org/maillage/ontology/theme/"


def is_theme(facts: Facts, iri) -> bool:
    return THEMES_IRI in facts.get(iri, skos.inScheme) or (iri.startswith(THEME_PREFIX)
                                                           and skos.Concept in facts.types.get(iri, ()))


def kind_of(facts: Facts, iri) -> str | None:
    """The kind of document ``iri`` makes, or None when it makes none. A roadmap action without an IRI (a blank
    node of an RDF file) makes none: no key of it lasts from one ingest to the next, nor can an update find it; its
    goal's document holds its title, and its goal's page shows it."""
    types = facts.types.get(iri, ())
    if mai.Actor in types:
        return "actor"
    if mai.Grant in types:
        return "grant"
    if mai.Deliberation in types:
        return "deliberation"
    if mai.Agreement in types:
        return "agreement"
    if mai.StrategicGoal in types:
        return "goal"
    if is_theme(facts, iri):
        return "theme"
    if mai.RoadmapAction in types and not iri.startswith("_:"):
        return "action"
    return None


#: The class of each kind of document (a theme is a SKOS concept: KINDS and LABELS_EN name it).
KIND_CLASSES = {"actor": mai.Actor, "grant": mai.Grant, "deliberation": mai.Deliberation,
                "agreement": mai.Agreement, "goal": mai.StrategicGoal, "action": mai.RoadmapAction}


@functools.cache
def class_labels(kind: str, type_: str) -> tuple[str, ...]:
    """The names of a document's kind and actor type, French and English, as the ontology labels their classes
    and as the pages show them: what a query "collectivités" or "public authority" finds.

    >>> class_labels("actor", "collectivite")
    ('Acteur', 'Actor', 'Collectivité', 'Local authority', 'Public authority')
    """
    classes = [URIRef(c) for c in [KIND_CLASSES.get(kind)] + [t[0] for t in ACTOR_TYPES if t[1] == type_] if c]
    ontology, schemes = load_ontology(), load_schemes()
    found = {str(label) for c in classes for label in ontology.objects(c, RDFS.label)}
    # and the names of the kinds of PTCE members that a class stands for (« Local authority »: rdfs:seeAlso)
    found.update(str(label) for c in classes for member_kind in schemes.subjects(RDFS.seeAlso, c)
                 for label in schemes.objects(member_kind, SKOS.prefLabel))
    found.update(filter(None, [KINDS.get(kind), LABELS_EN.get(kind), LABELS_EN.get(type_)]))
    found.update(t[2] for t in ACTOR_TYPES if t[1] == type_)
    return tuple(sorted(found))
