"""Triples of a beneficiary's profile and of the PTCE it coordinates (see :mod:`delib_graph` for the modelling).

The PTCE being created has no name yet: by convention it is labelled "PTCE santé <coordinator label>" (or
"PTCE <coordinator label>" outside health), so that the partner register mints the same IRIs for it and for its
goals: ``actor_iri(name=label)``, goals ``mint("goal", key, rank)`` in the scheme ``mint("goals", key)``.

>>> ptce_label("DanaeCare", health=True)
'PTCE santé DanaeCare'
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from graph.identity import actor_iri, actor_key
from graph.ingest.base import goal_scheme_labels
from graph.ingest.delib_graph import Builder, goal_scheme_key
from graph.ingest.delib_profile import Profile, Site
from graph.ingest.delib_ptce import Ptce
from graph.ingest.delib_themes import locate_concepts
from graph.ingest.french import fold
from graph.namespaces import MAI, SCHEMA


def ptce_label(coordinator: str, health: bool) -> str:
    """The label of an unnamed PTCE, from its coordinator's label."""
    return f"PTCE {'santé ' if health else ''}{coordinator}"


def site_label(site: Site, actor: str) -> str:
    """The label of a beneficiary's site: the facility the text names there, or else the actor's presence there
    (an *implantation*), with the year it dates from.

    >>> site_label(Site("tiers-lieu santé", "L'Étrat", 2023, (0, 0)), "DanaeCare")
    "tiers-lieu santé (L'Étrat)"
    >>> site_label(Site(None, "bassin stéphanois", 2019, (0, 0)), "DanaeCare")
    'implantation de DanaeCare (bassin stéphanois, depuis 2019)'
    >>> site_label(Site(None, "Lyon", None, (0, 0)), "AIDES")
    "implantation d'AIDES (Lyon)"
    """
    if site.what:
        return f"{site.what} ({site.place})"
    of = "d'" if fold(actor[:1]) in _VOWELS else "de "
    since = f", depuis {site.since}" if site.since else ""
    return f"implantation {of}{actor} ({site.place}{since})"


#: The letters before which « de » is elided (« implantation d'AIDES »), folded: a name's « h » may be aspirated.
_VOWELS = frozenset("aeiouy")


def add_profile(b: Builder, iri: URIRef, profile: Profile) -> None:
    """Add a beneficiary: class, label and variants, description, founding year, places, sites, themes."""
    b.add(iri, RDF.type, MAI[profile.kind])
    if profile.person:  # a natural person: an actor (the beneficiary of a grant), and a person
        b.add(iri, RDF.type, FOAF.Person)
        b.add(iri, FOAF.givenName, profile.person.given)
        b.add(iri, FOAF.familyName, profile.person.family)
    if not any(b.graph.objects(iri, RDFS.label)):
        b.add(iri, RDFS.label, profile.label)
    for variant in profile.variants:
        b.add(iri, SKOS.altLabel, variant)
    if profile.description:
        text, start, end = profile.description
        b.add(iri, DCTERMS.description, text)
        b.evidence(iri, (start, end))
    if profile.founded:
        b.add(iri, SCHEMA.foundingDate, Literal(str(profile.founded), datatype=XSD.gYear))
    b.add(iri, SCHEMA.areaServed, profile.area_served)
    for site in profile.sites:
        place = b.place(site.place)
        node = b.mint("site", actor_key(iri), site.place)
        b.add(iri, SCHEMA.location, place)
        b.add(iri, SCHEMA.location, node)
        b.add(node, RDF.type, SCHEMA.Place)
        b.add(node, RDFS.label, site_label(site, profile.label))
        b.add(node, SCHEMA.containedInPlace, place)
        if site.since:
            b.add(node, SCHEMA.startDate, Literal(str(site.since), datatype=XSD.gYear))
        if site.what:
            b.themes(node, locate_concepts([(site.what, site.what_start)], "themes"))
        b.evidence(node, site.span)
    b.themes(iri, [(theme, profile.theme_spans[theme]) for theme in profile.themes])
    for prop, value in ((MAI.siren, profile.siren), (MAI.siret, profile.siret), (MAI.rna, profile.rna)):
        b.add(iri, prop, value)
    if profile.identifiers_span:
        b.evidence(iri, profile.identifiers_span)


def add_ptce(b: Builder, ptce: Ptce, coordinator: URIRef, coordinator_label: str) -> URIRef:
    """Add the PTCE being created, its coordinator, member kinds, what it is for and its ranked goals."""
    label = ptce_label(coordinator_label, ptce.health)
    iri = actor_iri(name=label, base=b.ctx.base)
    key = goal_scheme_key(label)
    b.add(iri, RDF.type, MAI.Cooperation)
    b.add(iri, RDFS.label, label)
    b.add(iri, MAI.coordinatedBy, coordinator)
    for kind in ptce.member_kinds:
        b.add(iri, MAI.memberKind, kind)
    b.evidence(iri, ptce.span)
    if ptce.purpose:
        b.add(iri, DCTERMS.description, " ".join(text for text, _, _ in ptce.purpose))
        for _, start, end in ptce.purpose:
            b.evidence(iri, (start, end))
    b.themes(iri, [(theme, ptce.theme_spans[theme]) for theme in ptce.themes])
    if ptce.goals:
        scheme = b.mint("goals", key)
        b.add(scheme, RDF.type, SKOS.ConceptScheme)
        for scheme_label in goal_scheme_labels(label):
            b.add(scheme, SKOS.prefLabel, scheme_label)
    for rank, ((text, start, end), themes) in enumerate(zip(ptce.goals, ptce.goal_themes), 1):
        goal = b.mint("goal", key, rank)
        b.add(iri, MAI.hasGoal, goal)
        b.add(goal, RDF.type, MAI.StrategicGoal)
        b.add(goal, SKOS.prefLabel, Literal(text, lang="fr"))
        b.add(goal, SKOS.notation, Literal(rank, datatype=XSD.integer))
        b.add(goal, SKOS.inScheme, scheme)
        b.themes(goal, themes)
        b.evidence(goal, (start, end))
    return iri
