"""Small readers over :class:`search.facts.Facts` that the converters of :mod:`search.documents` share: the terms of
our namespaces as plain strings, a resource's label, texts and IRIs, a grant's amounts and years, and the grants that
a later act replaces.
"""

from __future__ import annotations

import math

from rdflib.namespace import DCTERMS, FOAF, RDFS, SKOS

from graph.identity_names import preferred_label
from graph.namespaces import MAI, ORG, SCHEMA
from search.facts import Facts


class _Terms:
    """The terms of a namespace as plain strings (facts hold plain values; rdflib's lookups validate each time)."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        value = str(self._namespace[name])
        setattr(self, name, value)
        return value


mai, rdfs, skos, dcterms, schema, org, foaf = map(_Terms, (MAI, RDFS, SKOS, DCTERMS, SCHEMA, ORG, FOAF))
#: What names a resource, in this order: a Linked Data file may name it by ``schema:name`` or ``foaf:name`` only
#: (its page does so too: :mod:`webapp.resource_names`).
_LABELS = (rdfs.label, skos.prefLabel, dcterms.title, schema.name, foaf.name)


def label_of(facts: Facts, iri, lang: str = "fr") -> str:
    """The display label of ``iri``: a French or untagged label first, else any label, else the IRI's tail.

    Several candidates: the smallest, so that a document does not depend on the order the store answers in.
    Remembered in ``facts.derived``: the labels of funders, places and themes are asked for by thousands of
    documents.
    """
    key = ("label", iri, lang)
    label = facts.derived.get(key)
    if label is None:
        label = facts.derived[key] = _find_label(facts, iri, lang)
    return label


def _find_label(facts: Facts, iri, lang: str) -> str:
    for predicate in _LABELS:
        values = [v for v in facts.get(iri, predicate) if type(v) is tuple]
        preferred = [v[0] for v in values if v[1] in (None, lang)]
        if preferred:
            return preferred_label(preferred)
        if values:
            return preferred_label(v[0] for v in values)
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def labels_in_every_language(facts: Facts, iri) -> list[str]:
    """The labels of ``iri`` in every language (``skos:prefLabel`` and ``rdfs:label``), sorted: the French one that
    :func:`label_of` gives and the English one that English pages show (« Funders circle », "operating grant").

    >>> facts = Facts()
    >>> facts.add("c", skos.prefLabel, ("Cercle des financeurs", "fr"))
    >>> facts.add("c", skos.prefLabel, ("Funders circle", "en"))
    >>> labels_in_every_language(facts, "c")
    ['Cercle des financeurs', 'Funders circle']
    """
    return sorted(set(texts_of(facts, iri, skos.prefLabel, rdfs.label)))


def has_label(facts: Facts, iri) -> bool:
    """Whether a source gives ``iri`` a label (else :func:`label_of` falls back on its IRI's tail)."""
    return any(type(v) is tuple for predicate in _LABELS for v in facts.get(iri, predicate))


def texts_of(facts: Facts, iri, *predicates) -> list[str]:
    """The texts (literals) that ``iri`` has for each of ``predicates``, in that order, each predicate's sorted."""
    found = []
    for p in predicates:
        values = facts.get(iri, p)
        if len(values) == 1:  # most often: no list to sort (the sorts took an eighth of the conversion's time)
            if type(values[0]) is tuple:
                found.append(values[0][0])
        elif values:
            found += sorted(v[0] for v in values if type(v) is tuple)
    return found


def party_names_of(facts: Facts, grant, predicate) -> list[str]:
    """The names of a grant's funders or beneficiaries (``predicate``) as the explorer shows them
    (webapp.resource_names.party_label): their labels, then the texts a source wrote where their IRI belongs
    (« Club des aînés », a SHACL violation stored without --strict), which no document, facet nor label names
    otherwise."""
    return [label_of(facts, party) for party in iris_of(facts, grant, predicate)] + texts_of(facts, grant, predicate)


def iris_of(facts: Facts, iri, predicate) -> list[str]:
    """The IRIs that ``iri`` has for ``predicate``, sorted (a text where an IRI belongs is left to :func:`texts_of`)."""
    values = facts.get(iri, predicate)
    if len(values) == 1:
        return [values[0]] if type(values[0]) is str else []
    return sorted(v for v in values if type(v) is str) if values else []


def membership_holds(facts: Facts, membership, today: str) -> bool:
    """Whether a membership holds on ``today`` (YYYY-MM-DD): joined, and not yet left, dates compared as text as
    the named query "Membres actuels par cercle" does. The index says it as of its build: an exit date that passes
    later shows in the circle's facet at the next ingest, which rebuilds the documents it touches."""
    joined, left = texts_of(facts, membership, mai.joinedOn), texts_of(facts, membership, mai.leftOn)
    return not (joined and min(joined)[:10] > today) and not (left and min(left)[:10] <= today)


def _number(value) -> float | None:
    """A value's number, or None: a text ("mille euros", "NaN") is none."""
    try:
        number = float(value[0])
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _numbers(facts: Facts, grant: str) -> list[float]:
    """The numbers among a grant's amounts (two amounts are a SHACL violation, stored without --strict)."""
    return [number for number in map(_number, facts.get(grant, schema.amount)) if number is not None]


def amount_of(facts: Facts, grant: str) -> float | None:
    """A grant's amount as the explorer names it (webapp.grant_amounts.least_amount): the least number its sources
    state, a negative one too; None when none is a number ("mille euros")."""
    numbers = _numbers(facts, grant)
    return min(numbers) if numbers else None


def counted_amount_of(facts: Facts, grant: str) -> float | None:
    """A grant's amount as the explorer's totals count it (webapp.grant_amounts.COUNTED_AMOUNT): the least number
    zero or more that its sources state; None for none, a text or a negative number, which the shapes reject (stored
    without --strict): a grant of -500 € took 500 € off its beneficiary's « reçus », which its page counts without it.

    >>> facts = Facts()
    >>> facts.add("g", schema.amount, ("-500", None))
    >>> amount_of(facts, "g"), counted_amount_of(facts, "g")
    (-500.0, None)
    """
    numbers = [number for number in _numbers(facts, grant) if number >= 0]
    return min(numbers) if numbers else None


def year_of(value) -> str | None:
    """The year a fact's value (a literal or a plain string) starts with, or None when it starts with none."""
    text = (value[0] if type(value) is tuple else value).strip()
    return text[:4] if text[:4].isdigit() else None


def grants_in_force(facts: Facts, grants: list) -> list:
    """``grants`` but those that a later act replaces (``dcterms:replaces``: an erratum's or an amending act's grant
    names the grant it corrects), as the pages count them."""
    return [grant for grant in grants if not facts.pointing(grant, dcterms.replaces)]


def grants_counted(facts: Facts, subjects: list) -> list:
    """The grants (``mai:Grant``) among ``subjects`` that no later act replaces: those that an actor's page and the
    funding page list and sum. A node of another class that names a beneficiary and an amount (``mai:Grnat``, a
    misspelt class) is no grant: it added its 3,000 € to an actor's « reçus » that the funding page did not."""
    return [grant for grant in grants_in_force(facts, subjects) if mai.Grant in facts.types.get(grant, ())]


def published_twice(facts: Facts, grant: str) -> bool:
    """Whether ``grant`` is a list's that a stored deliberation's text decides too (:mod:`search.listed_twice`): one
    grant published twice, which the totals count once, as the text decides it (webapp.grant_amounts.LISTED_TWICE).
    None are known of facts that :func:`search.facts.load_facts` did not fill."""
    return grant in (facts.listed_twice or ())


def grants_replacing(facts: Facts, grants: list) -> list:
    """The grants that replace some of ``grants``: a document that counts those depends on them too."""
    return [newer for grant in grants for newer in facts.pointing(grant, dcterms.replaces)]
