"""An actor's index document (:func:`actor_to_document`): its names, identifiers, description, themes, place,
circles and goals, the poles it is or was a member of, and the grants it received or gave — for
:mod:`search.documents`, which holds the other kinds' converters and the loop over them.
"""

from __future__ import annotations

import datetime as dt

from graph.french_text import counted
from graph.ingest.french import format_date_words
from search.document_assembly import (MAX_RELATED, add_dependencies, add_facet, finish_document, format_amount,
                                      show_labels, start_document)
from search.document_kinds import ACTOR_TYPES
from search.fact_readers import (counted_amount_of, dcterms, foaf, grants_counted, grants_replacing, iris_of,
                                 label_of, labels_in_every_language, mai, membership_holds, org, published_twice,
                                 rdfs, schema, skos, texts_of, year_of)
from search.facts import Facts
from search.synonyms import initials
def actor_to_document(iri: str, facts: Facts) -> dict:
    """The document of an actor: names, description, themes, place, circles, and the grants it received or gave."""
    types = facts.types.get(iri, ())
    _, type_, type_label = next(t for t in ACTOR_TYPES if t[0] in types or t[0] == mai.Actor)
    doc = start_document(iri, "actor", label_of(facts, iri), type_, type_label)
    # its old names too (skos:hiddenLabel, graph.ingest.source_renames): partners still use a member's old name;
    # and the names that a Linked Data file gives (schema:name, foaf:name)
    doc["names"] += [n for n in texts_of(facts, iri, rdfs.label, skos.altLabel, skos.hiddenLabel, schema.name,
                                         foaf.name) if n not in doc["names"]]
    doc["text"] = texts_of(facts, iri, dcterms.description)
    # its numbers, an RNA import row's old one (« 751P00085568 », dcterms:identifier) too: its page shows it
    doc["related"] += texts_of(facts, iri, mai.siren, mai.siret, mai.rna, dcterms.identifier)
    doc["identifier"] = actor_identifier(facts, iri)
    # its acronym (« ADMR »), searched but not shown
    doc["translations"] += [acronym for name in doc["names"] for acronym in initials(name)]
    themes, places = iris_of(facts, iri, dcterms.subject), iris_of(facts, iri, schema.location)
    add_facet(doc, facts, "theme", themes)
    add_facet(doc, facts, "place", places)
    received = _grants_total(doc, facts, grants_counted(facts, facts.pointing(iri, mai.beneficiary)),
                             side=schema.funder)
    # given: to a beneficiary, as its page lists them (webapp.resource_grants)
    given = _grants_total(doc, facts, [g for g in grants_counted(facts, facts.pointing(iri, schema.funder))
                                       if facts.get(g, mai.beneficiary)], side=mai.beneficiary, facets=False)
    memberships = facts.pointing(iri, org.member)
    left = _memberships(doc, facts, memberships)
    add_facet(doc, facts, "goal", iris_of(facts, iri, mai.contributesTo))
    for name in ("theme", "place", "circle", "goal"):
        doc["related"] += [doc["labels"][v] for v in doc["facets"][name]]
    # a circle by its English name too, as the English pages show it (« Funders circle »), searched but not shown (a
    # page translates the French name it shows); the themes' English names are read when a query names them
    # (search.themes), a circle's only here
    doc["translations"] += [name for c in doc["facets"]["circle"] for name in labels_in_every_language(facts, c)]
    doc["amount"] = received[0] or given[0] or None
    parts = [type_label] + [doc["labels"][p] for p in doc["facets"]["place"]] + ended(facts, iri, type_) + left
    parts += [grants_part(*received, "reçus")] if received[1] else []
    parts += [grants_part(*given, "attribués")] if given[1] else []
    doc["summary"] = " · ".join(parts)
    grants = facts.pointing(iri, mai.beneficiary) + facts.pointing(iri, schema.funder)
    add_dependencies(doc, memberships + grants + grants_replacing(facts, grants))
    return finish_document(doc)


def _memberships(doc: dict, facts: Facts, memberships: list) -> list[str]:
    """Add an actor's ``memberships`` to its document: the circles and goals of those that hold today (a former member
    is no longer in the circle, as its page says), the poles of all; return what the summary says of the poles it
    left."""
    today = dt.date.today().isoformat()
    left = []
    for membership in memberships:
        if membership_holds(facts, membership, today):
            add_facet(doc, facts, "circle", iris_of(facts, membership, org.role))
            add_facet(doc, facts, "goal", iris_of(facts, membership, mai.contributesTo))
        poles = show_labels(doc, facts, iris_of(facts, membership, org.organization))
        doc["related"] += poles
        left += left_pole(facts, membership, poles, today)
    return left


def actor_identifier(facts: Facts, iri) -> dict | None:
    """What tells an actor from its namesakes in results (« FONDATION ARP » twice: two SIRENs): its SIREN, else its
    RNA number, as {"scheme": …, "value": …}; None for an actor with neither.

    >>> facts = Facts()
    >>> facts.add("https://ex.org/a", mai.rna, ("W423000001", None))
    >>> actor_identifier(facts, "https://ex.org/a"), actor_identifier(facts, "https://ex.org/b")
    ({'scheme': 'RNA', 'value': 'W423000001'}, None)
    """
    for scheme, predicate in (("SIREN", mai.siren), ("RNA", mai.rna)):
        if numbers := texts_of(facts, iri, predicate):
            return {"scheme": scheme, "value": numbers[0]}
    return None


def grants_part(total: float, count: int, uncounted: int, verb: str) -> str:
    """What an actor's summary says of the grants it received or gave (``verb``): their total, as its page sums it,
    and their number, each grant once as its page's totals count it, with how many the total leaves out (a negative
    amount, or none).

    >>> grants_part(1200.0, 2, 1, "reçus"), grants_part(3000.0, 1, 0, "attribués")
    ('1 200 € reçus (2 subventions, dont 1 hors du total)', '3 000 € attribués (1 subvention)')
    """
    left_out = f", dont {uncounted} hors du total" if uncounted else ""
    return f"{format_amount(total)} {verb} ({counted(count, 'subvention')}{left_out})"


#: What an actor's summary says of its dissolution date (``schema:dissolutionDate``: an RNA extract's dissolved
#: association, a SIRENE extract's ceased company), by actor type: its word agrees with the type's name.
ENDED_WORDS = {"entreprise": "cessée", "professionnel-de-sante": "cessé", "actor": "dissous", "usagers": "dissous"}


def ended(facts: Facts, iri, type_: str) -> list[str]:
    """The part of an actor's summary that says it no longer exists (« dissoute le 30 juin 2021 », « cessée le 1er
    janvier 2023 »: its earliest dissolution date), or none; a date written otherwise is shown as written."""
    dates = texts_of(facts, iri, schema.dissolutionDate)
    if not dates:
        return []
    first = min(dates)
    try:
        day = format_date_words(dt.date.fromisoformat(first[:10]))
    except ValueError:
        day = first
    return [f"{ENDED_WORDS.get(type_, 'dissoute')} le {day}"]


def left_pole(facts: Facts, membership, poles: list[str], today: str) -> list[str]:
    """The part of an actor's summary that says it left a pole (« a quitté PTCE santé Forez le 30 juin 2025 »), for
    a membership whose exit date (its earliest) is past on ``today`` (YYYY-MM-DD), as a dissolution is said: a search
    result showed a former member as a member; none for a membership that holds."""
    dates = texts_of(facts, membership, mai.leftOn)
    if not dates or min(dates)[:10] > today:
        return []
    try:
        day = format_date_words(dt.date.fromisoformat(min(dates)[:10]))
    except ValueError:
        day = min(dates)
    return [f"a quitté {pole} le {day}" for pole in poles]


def _grants_total(doc: dict, facts: Facts, grants: list, side, facets: bool = True) -> tuple[float, int, int]:
    """Add what an actor's document shows of its grants; return their total amount, as the explorer's totals count
    it (:func:`counted_amount_of`), their number, those it leaves out included, and the number of those it leaves
    out. A list's grant that a stored deliberation's text decides too (:func:`published_twice`) is one grant published
    twice: counted once, as the text decides it, as the pages' totals count it (a grant of 20 000 € that a list
    published at 25 000 € made « 45 000 € reçus (2 subventions) »); its funder, year and goals are still the actor's
    facets. The deliberation that a list's grant cites is a dependency: storing its text, or removing it, changes
    whether the grant counts, the grant unchanged."""
    total, count, uncounted = 0.0, 0, 0
    for i, grant in enumerate(grants):
        if not published_twice(facts, grant):
            amount = counted_amount_of(facts, grant)
            total += amount or 0.0
            uncounted += amount is None
            count += 1
        if facts.get(grant, mai.decisionReference):  # a list's grant, citing the act that decided it
            add_dependencies(doc, iris_of(facts, grant, mai.decidedBy))
        others = iris_of(facts, grant, side)
        if i < MAX_RELATED:
            doc["related"] += show_labels(doc, facts, others) + texts_of(facts, grant, side)
        if facets:
            add_facet(doc, facts, "funder", others)
            add_facet(doc, facts, "fiscal_year", filter(None, map(year_of, facts.get(grant, mai.fiscalYear))))
            add_facet(doc, facts, "goal", iris_of(facts, grant, mai.contributesTo))
    return total, count, uncounted
