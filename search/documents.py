"""Pure converters from graph facts to index documents: one per actor, grant, deliberation, agreement, strategic
goal, theme.

A document is a plain dict keyed by the resource IRI; :mod:`search.schema` turns it into whoosh fields. Nothing
here reads the store: :func:`search.facts.load_facts` gathers the facts, these functions only reshape them.

>>> facts = Facts()
>>> a = "https://ex.org/id/actor/danaecare"
>>> facts.types[a].update({mai.Actor, mai.Association})
>>> facts.add(a, rdfs.label, ("DanaeCare", None))
>>> doc = actor_to_document(a, facts)
>>> doc["kind"], doc["type"], doc["label"]
('actor', 'association', 'DanaeCare')
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterable, Iterator

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from graph.french_text import counted, of
from graph.identity import preferred_label
from graph.namespaces import MAI, ORG, SCHEMA, THEMES
from graph.ontology import load_ontology, load_schemes
from search.facts import FULL, LABELS, Facts


class _Terms:
    """The terms of a namespace as plain strings (facts hold plain values; rdflib's lookups validate each time)."""

    def __init__(self, namespace):
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        value = str(self._namespace[name])
        setattr(self, name, value)
        return value


mai, rdfs, skos, dcterms, schema, org = map(_Terms, (MAI, RDFS, SKOS, DCTERMS, SCHEMA, ORG))
THEMES_IRI = str(THEMES)

#: Kinds of documents, with their French labels (the ``kind`` facet).
KINDS = {"actor": "Acteur", "grant": "Subvention", "deliberation": "Délibération", "agreement": "Convention",
         "goal": "Objectif stratégique", "theme": "Thème"}

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
             "goal": "Strategic goal",
             "theme": "Theme", "cooperation": "Cooperation (PTCE)", "association": "Association",
             "collectivite": "Public authority", "entreprise": "Enterprise",
             "universite": "University or research body", "professionnel-de-sante": "Health professional",
             "usagers": "Users' group",
             "acteur": "Actor"}  # a plain actor's type in an index built before its code was "actor"

#: Facets of every document; each holds IRIs, except ``fiscal_year`` (years as text).
FACETS = ("theme", "place", "funder", "fiscal_year", "goal", "circle")

#: Names of the other side of an actor's grants put in its text: a funder of 10,000 grants would otherwise match
#: every beneficiary's name.
MAX_RELATED = 20

THEME_PREFIX = "https://w3id.org/maillage/ontology/theme/"
_LABELS = (rdfs.label, skos.prefLabel, dcterms.title)


# --- small readers over facts -------------------------------------------------------------------------------


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


def _labelled(facts: Facts, iri) -> bool:
    """Whether a source gives ``iri`` a label (else :func:`label_of` falls back on its IRI's tail)."""
    return any(type(v) is tuple for predicate in _LABELS for v in facts.get(iri, predicate))


def deliberation_name(number: str | None, title: str | None, authorities: list[str]) -> str:
    """A deliberation's label as its page names it: "Délibération n°2024.00240 — title" when a source titles it,
    "Délibération CONV N° 365-15 — Ville d'Antibes" (the authority) when none does; "n°" only before a number.

    >>> deliberation_name("CONV N° 365-15", None, ["Ville d'Antibes"])
    "Délibération CONV N° 365-15 — Ville d'Antibes"
    >>> deliberation_name("2024.00240", "Création d'un PTCE", ["SEM"])
    "Délibération n°2024.00240 — Création d'un PTCE"
    """
    if number is None:
        return title or " — ".join(["Délibération"] + authorities[:1])
    if title and number in title:
        return title
    name = f"Délibération n°{number}" if re.fullmatch(r"[\d\W_]+", number) else f"Délibération {number}"
    after = title or (authorities[0] if authorities else None)
    return f"{name} — {after}" if after else name


def _texts(facts: Facts, iri, *predicates) -> list[str]:
    found = []
    for p in predicates:
        values = facts.get(iri, p)
        if len(values) == 1:  # most often: no list to sort (the sorts took an eighth of the conversion's time)
            if type(values[0]) is tuple:
                found.append(values[0][0])
        elif values:
            found += sorted(v[0] for v in values if type(v) is tuple)
    return found


def _party_names(facts: Facts, grant, predicate) -> list[str]:
    """The names of a grant's funders or beneficiaries (``predicate``) as the explorer shows them
    (webapp.views.party_label): their labels, then the texts a source wrote where their IRI belongs (« Club des
    aînés », a SHACL violation stored without --strict), which no document, facet nor label names otherwise."""
    return [label_of(facts, party) for party in _iris(facts, grant, predicate)] + _texts(facts, grant, predicate)


def _iris(facts: Facts, iri, predicate) -> list[str]:
    values = facts.get(iri, predicate)
    if len(values) == 1:
        return [values[0]] if type(values[0]) is str else []
    return sorted(v for v in values if type(v) is str) if values else []


def _current(facts: Facts, membership, today: str) -> bool:
    """Whether a membership holds on ``today`` (YYYY-MM-DD): joined, and not yet left, dates compared as text as
    the named query "Membres actuels par cercle" does. The index says it as of its build: an exit date that passes
    later shows in the circle's facet at the next ingest, which rebuilds the documents it touches."""
    joined, left = _texts(facts, membership, mai.joinedOn), _texts(facts, membership, mai.leftOn)
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


def _amount(facts: Facts, grant: str) -> float | None:
    """A grant's amount as the explorer names it (webapp.views.least_amount): the least number its sources state,
    a negative one too; None when none is a number ("mille euros")."""
    numbers = _numbers(facts, grant)
    return min(numbers) if numbers else None


def _counted_amount(facts: Facts, grant: str) -> float | None:
    """A grant's amount as the explorer's totals count it (webapp.views.COUNTED_AMOUNT): the least number zero or
    more that its sources state; None for none, a text or a negative number, which the shapes reject (stored without
    --strict): a grant of -500 € took 500 € off its beneficiary's « reçus », which its page counts without it.

    >>> facts = Facts()
    >>> facts.add("g", schema.amount, ("-500", None))
    >>> _amount(facts, "g"), _counted_amount(facts, "g")
    (-500.0, None)
    """
    numbers = [number for number in _numbers(facts, grant) if number >= 0]
    return min(numbers) if numbers else None


def _year(value) -> str | None:
    text = (value[0] if type(value) is tuple else value).strip()
    return text[:4] if text[:4].isdigit() else None


def format_amount(amount: float | None) -> str:
    """Format euros the French way.

    >>> format_amount(20000.0)
    '20 000 €'
    >>> format_amount(1234.5)
    '1 234,50 €'
    """
    if amount is None:
        return ""
    text = f"{amount:,.2f}" if amount != int(amount) else f"{int(amount):,}"
    return text.replace(",", " ").replace(".", ",") + " €"


def is_theme(facts: Facts, iri) -> bool:
    return THEMES_IRI in facts.get(iri, skos.inScheme) or (iri.startswith(THEME_PREFIX)
                                                           and skos.Concept in facts.types.get(iri, ()))


def kind_of(facts: Facts, iri) -> str | None:
    """The kind of document ``iri`` makes, or None when it makes none."""
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
    return None


#: The class of each kind of document (a theme is a SKOS concept: KINDS and LABELS_EN name it).
KIND_CLASSES = {"actor": mai.Actor, "grant": mai.Grant, "deliberation": mai.Deliberation,
                "agreement": mai.Agreement, "goal": mai.StrategicGoal}


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


def _document(iri, kind: str, label: str, type_: str = "", type_label: str = "") -> dict:
    return {"iri": iri, "kind": kind, "type": type_ or kind, "type_label": type_label or KINDS[kind],
            "classes": list(class_labels(kind, type_ or kind)),
            "label": label, "names": [label], "text": [], "related": [], "summary": "",
            "facets": {f: [] for f in FACETS}, "labels": {}, "amount": None, "date": None, "deps": set(),
            "shown": {}}


def _facet(doc: dict, facts: Facts, name: str, values: Iterable) -> None:
    """Add ``values`` to a facet; the label of each IRI is shown (see :func:`_show`)."""
    for value in values:
        if value not in doc["facets"][name]:
            doc["facets"][name].append(value)
            if name != "fiscal_year":
                doc["labels"][value] = doc["shown"][value] = label_of(facts, value)


def _depend(doc: dict, values: Iterable) -> None:
    """Note that the document shows facts of ``values`` beyond their labels: an update that touches one of them
    re-derives it (the index keeps ``deps``)."""
    doc["deps"].update(v for v in values if type(v) is str)


def _show(doc: dict, facts: Facts, values: Iterable) -> list[str]:
    """Note that the document shows the labels of ``values`` and nothing else of them; return the labels. The
    index keeps each with its label (``search.schema.dependency_terms``): an update that touches one re-derives
    the document only when the label changed (a funder named by 1,000 grants and a new file)."""
    labels = []
    for value in values:
        if type(value) is str:
            label = doc["shown"][value] = label_of(facts, value)
            labels.append(label)
    return labels


def _finish(doc: dict) -> dict:
    """Put the document in a canonical order: the same facts read in any order give the same document (and hash)."""
    doc["related"] = sorted(set(doc["related"]) - set(doc["names"]))
    deps, shown, labels = doc["deps"], doc["shown"], doc["labels"]
    deps.discard(doc["iri"])
    shown.pop(doc["iri"], None)
    for iri in deps.intersection(shown):  # a full dependency says more than a label one
        del shown[iri]
    if len(shown) > 1:
        doc["shown"] = dict(sorted(shown.items()))
    if len(labels) > 1:
        doc["labels"] = dict(sorted(labels.items()))
    doc["deps"] = sorted(deps)
    for values in doc["facets"].values():
        values.sort()
    return doc


# --- converters ---------------------------------------------------------------------------------------------


def actor_to_document(iri: str, facts: Facts) -> dict:
    """The document of an actor: names, description, themes, place, circles, and the grants it received or gave."""
    types = facts.types.get(iri, ())
    _, type_, type_label = next(t for t in ACTOR_TYPES if t[0] in types or t[0] == mai.Actor)
    doc = _document(iri, "actor", label_of(facts, iri), type_, type_label)
    doc["names"] += [n for n in _texts(facts, iri, rdfs.label, skos.altLabel) if n not in doc["names"]]
    doc["text"] = _texts(facts, iri, dcterms.description)
    doc["related"] += _texts(facts, iri, mai.siren, mai.siret, mai.rna)
    themes, places = _iris(facts, iri, dcterms.subject), _iris(facts, iri, schema.location)
    _facet(doc, facts, "theme", themes)
    _facet(doc, facts, "place", places)
    received = _grants_total(doc, facts, _in_force(facts, facts.pointing(iri, mai.beneficiary)), side=schema.funder)
    given = _grants_total(doc, facts, _in_force(facts, facts.pointing(iri, schema.funder)), side=mai.beneficiary,
                          facets=False)
    memberships = facts.pointing(iri, org.member)
    today = dt.date.today().isoformat()
    for membership in memberships:
        if _current(facts, membership, today):  # a former member is no longer in the circle (its page says so)
            _facet(doc, facts, "circle", _iris(facts, membership, org.role))
            _facet(doc, facts, "goal", _iris(facts, membership, mai.contributesTo))
        doc["related"] += _show(doc, facts, _iris(facts, membership, org.organization))
    _facet(doc, facts, "goal", _iris(facts, iri, mai.contributesTo))
    for name in ("theme", "place", "circle", "goal"):
        doc["related"] += [doc["labels"][v] for v in doc["facets"][name]]
    doc["amount"] = received[0] or given[0] or None
    parts = [type_label] + [doc["labels"][p] for p in doc["facets"]["place"]]
    if received[1]:
        parts.append(f"{format_amount(received[0])} reçus ({received[1]} subvention{'s' * (received[1] > 1)})")
    if given[1]:
        parts.append(f"{format_amount(given[0])} attribués ({given[1]} subvention{'s' * (given[1] > 1)})")
    doc["summary"] = " · ".join(parts)
    grants = facts.pointing(iri, mai.beneficiary) + facts.pointing(iri, schema.funder)
    _depend(doc, memberships + grants + _replacing(facts, grants))
    return _finish(doc)


def _in_force(facts: Facts, grants: list) -> list:
    """``grants`` but those that a later act replaces (``dcterms:replaces``: an erratum's or an amending act's grant
    names the grant it corrects), as the pages count them."""
    return [grant for grant in grants if not facts.pointing(grant, dcterms.replaces)]


def _replacing(facts: Facts, grants: list) -> list:
    """The grants that replace some of ``grants``: a document that counts those depends on them too."""
    return [newer for grant in grants for newer in facts.pointing(grant, dcterms.replaces)]


def _grants_total(doc: dict, facts: Facts, grants: list, side, facets: bool = True) -> tuple[float, int]:
    """Add what an actor's document shows of its grants; return their total amount, as the explorer's totals count
    it (:func:`_counted_amount`), and their number, those it leaves out included (as the actor's page lists them)."""
    total = 0.0
    for i, grant in enumerate(grants):
        total += _counted_amount(facts, grant) or 0.0
        others = _iris(facts, grant, side)
        if i < MAX_RELATED:
            doc["related"] += _show(doc, facts, others) + _texts(facts, grant, side)
        if facets:
            _facet(doc, facts, "funder", others)
            _facet(doc, facts, "fiscal_year", filter(None, map(_year, facts.get(grant, mai.fiscalYear))))
            _facet(doc, facts, "goal", _iris(facts, grant, mai.contributesTo))
    return total, len(grants)


def grant_to_document(iri: str, facts: Facts) -> dict:
    """The document of a grant: amount, funder, beneficiary, purpose, year, deliberation, goals.

    Its ``amount`` (the sort's, the result's) is the one the totals count (:func:`_counted_amount`), as the pages
    sort and sum it; one they leave out (-500 €) is in its name and summary, as its page names it, and in its body: a
    search "500" still finds it."""
    funders, beneficiaries = _iris(facts, iri, schema.funder), _iris(facts, iri, mai.beneficiary)
    amount, counted_amount = _amount(facts, iri), _counted_amount(facts, iri)
    years = sorted(filter(None, map(_year, facts.get(iri, mai.fiscalYear))))
    who = ", ".join(_party_names(facts, iri, mai.beneficiary)) or "bénéficiaire inconnu"
    title = _texts(facts, iri, rdfs.label)
    label = title[0] if title else f"Subvention de {format_amount(amount) or 'montant inconnu'} à {who}" + (
        f" ({years[0]})" if years else "")
    doc = _document(iri, "grant", label)
    doc["text"] = _texts(facts, iri, dcterms.description)
    deliberations = _iris(facts, iri, mai.decidedBy)
    themes = _iris(facts, iri, dcterms.subject) + [t for b in beneficiaries for t in _iris(facts, b, dcterms.subject)]
    places = [p for b in beneficiaries for p in _iris(facts, b, schema.location)]
    _facet(doc, facts, "funder", funders)
    _facet(doc, facts, "fiscal_year", years)
    _facet(doc, facts, "goal", _iris(facts, iri, mai.contributesTo))
    _facet(doc, facts, "theme", themes)
    _facet(doc, facts, "place", places)
    # A deliberation that no source titles (an SCDL row's) would show its IRI's tail, a slug: its own document
    # names it by its number and authority.
    doc["related"] += _show(doc, facts, funders + beneficiaries + [d for d in deliberations if _labelled(facts, d)])
    doc["related"] += _texts(facts, iri, mai.budgetAccount, mai.programme)
    doc["related"] += _texts(facts, iri, schema.funder, mai.beneficiary)  # parties that a source wrote as texts
    for name in ("theme", "goal", "place"):
        doc["related"] += [doc["labels"][v] for v in doc["facets"][name]]
    if amount != counted_amount:
        doc["related"].append(format_amount(amount))
    doc["amount"] = counted_amount
    funder = ", ".join(_party_names(facts, iri, schema.funder))
    replacing = facts.pointing(iri, dcterms.replaces)  # an erratum's or an amending act's grant
    doc["summary"] = " · ".join(filter(None, [format_amount(amount), of(funder) if funder else "",
                                              f"à {who}", ", ".join(years),
                                              "remplacée par un acte ultérieur" if replacing else ""]))
    _depend(doc, beneficiaries + replacing)  # their themes and places; what replaces it
    return _finish(doc)


def deliberation_to_document(iri: str, facts: Facts) -> dict:
    """The document of a deliberation: number, title, authority, date, the grants it decides and the titles of the
    agreements it approves ("Convention pluriannuelle d'objectifs avec …", in its text)."""
    identifiers = _texts(facts, iri, dcterms.identifier)
    authorities = _iris(facts, iri, mai.authority)
    label = deliberation_name(identifiers[0] if identifiers else None, label_of(facts, iri) if _labelled(facts, iri)
                              else None, [label_of(facts, a) for a in authorities])
    doc = _document(iri, "deliberation", label)
    doc["names"] += identifiers + _texts(facts, iri, dcterms.title)
    agreements = facts.pointing(iri, mai.approvedBy)
    doc["text"] = _texts(facts, iri, dcterms.description) + [t for a in agreements for t in _texts(facts, a,
                                                                                              dcterms.title)]
    decided = facts.pointing(iri, mai.decidedBy)
    grants = _in_force(facts, decided)
    dates = _texts(facts, iri, dcterms.date)
    doc["date"] = dates[0] if dates else None
    _facet(doc, facts, "funder", authorities + [f for g in grants for f in _iris(facts, g, schema.funder)])
    _facet(doc, facts, "fiscal_year", [y for g in grants for y in map(_year, facts.get(g, mai.fiscalYear)) if y]
           or [y for y in map(_year, dates) if y])
    _facet(doc, facts, "theme", _iris(facts, iri, dcterms.subject))
    beneficiaries = [b for g in grants for b in _iris(facts, g, mai.beneficiary)]
    _facet(doc, facts, "theme", [t for b in beneficiaries for t in _iris(facts, b, dcterms.subject)])
    _facet(doc, facts, "goal", [x for g in grants for x in _iris(facts, g, mai.contributesTo)])
    shown = authorities + beneficiaries[:MAX_RELATED] + _iris(facts, iri, mai.body)
    doc["related"] += _show(doc, facts, shown)
    doc["related"] += [t for g in grants for t in _texts(facts, g, mai.beneficiary)][:MAX_RELATED]
    doc["related"] += _texts(facts, iri, mai.actesId, mai.programme)
    doc["related"] += [doc["labels"][v] for v in doc["facets"]["theme"]]
    total = sum(_counted_amount(facts, g) or 0.0 for g in grants)
    doc["amount"] = total or None
    doc["summary"] = " · ".join(filter(None, [", ".join(label_of(facts, a) for a in authorities), doc["date"] or "",
                                              f"{len(grants)} subvention{'s' * (len(grants) > 1)}, "
                                              f"{format_amount(total)}" if grants else ""]))
    # amounts, years, themes; the agreements' titles; what replaces a grant it decided
    _depend(doc, decided + _replacing(facts, decided) + beneficiaries + agreements)
    return _finish(doc)


def agreement_to_document(iri: str, facts: Facts) -> dict:
    """The document of an agreement: its title in the text's words, the deliberation that approves it, its parties
    (their themes and places) and the grants it governs (their funders, years and total)."""
    titles = _texts(facts, iri, dcterms.title)
    doc = _document(iri, "agreement", titles[0] if titles else label_of(facts, iri))
    deliberations, parties = _iris(facts, iri, mai.approvedBy), _iris(facts, iri, mai.party)
    grants = facts.pointing(iri, mai.governedBy)
    doc["text"] = _texts(facts, iri, dcterms.description)
    numbers = [n for d in deliberations for n in _texts(facts, d, dcterms.identifier)]
    dates = sorted(t for d in deliberations for t in _texts(facts, d, dcterms.date))
    doc["date"] = dates[0] if dates else None
    _facet(doc, facts, "theme", [t for p in parties for t in _iris(facts, p, dcterms.subject)])
    _facet(doc, facts, "place", [x for p in parties for x in _iris(facts, p, schema.location)])
    _facet(doc, facts, "funder", [f for g in grants for f in _iris(facts, g, schema.funder)])
    _facet(doc, facts, "fiscal_year", [y for g in grants for y in map(_year, facts.get(g, mai.fiscalYear)) if y]
           or [y for y in map(_year, dates) if y])
    _facet(doc, facts, "goal", [x for g in grants for x in _iris(facts, g, mai.contributesTo)])
    doc["related"] += _show(doc, facts, parties[:MAX_RELATED]) + numbers
    doc["related"] += _texts(facts, iri, mai.signatory)
    doc["related"] += [doc["labels"][v] for v in doc["facets"]["theme"]]
    total = sum(_counted_amount(facts, g) or 0.0 for g in grants)
    doc["amount"] = total or None
    approved = f"approuvée par la délibération n°{numbers[0]}" if numbers else ""
    doc["summary"] = " · ".join(filter(None, ["Convention", approved, ", ".join(label_of(facts, p) for p in parties),
                                              f"{counted(len(grants), 'subvention')}, {format_amount(total)}"
                                              if grants else "", doc["date"] or ""]))
    _depend(doc, deliberations + parties + grants)  # its number and date; their themes and places; amounts, years
    return _finish(doc)


def goal_to_document(iri: str, facts: Facts) -> dict:
    """The document of a strategic goal: its label, rank, and the actions and grants that serve it."""
    doc = _document(iri, "goal", label_of(facts, iri))
    doc["names"] += [n for n in _texts(facts, iri, skos.prefLabel, skos.altLabel) if n not in doc["names"]]
    doc["text"] = _texts(facts, iri, skos.definition, dcterms.description)
    pointing = facts.pointing(iri, mai.contributesTo)
    # What serves it, typed: a partner register's grant references are untyped nodes, and the goals they give are
    # stated on the grants they describe (graph.ingest.register_links), counted as grants.
    contributions = [c for c in pointing if facts.types.get(c)]
    doc["related"] += _show(doc, facts, contributions)
    _facet(doc, facts, "goal", [iri])
    rank = _texts(facts, iri, skos.notation)
    grants = sum(1 for c in _in_force(facts, contributions) if mai.Grant in facts.types.get(c, ()))
    others = sum(1 for c in contributions if mai.Grant not in facts.types.get(c, ()))
    doc["summary"] = " · ".join(filter(None, [f"Objectif n°{rank[0]}" if rank else "Objectif stratégique",
                                              counted(grants, "subvention") if grants else "",
                                              counted(others, "acteur ou action", "acteurs ou actions") if others
                                              else ""]))
    # what points at it (their facts say which), and what replaces a grant among them
    _depend(doc, pointing + _replacing(facts, pointing) + facts.pointing(iri, mai.hasGoal))
    return _finish(doc)


def theme_to_document(iri: str, facts: Facts) -> dict:
    """The document of a theme: preferred and alternative labels, broader and narrower themes."""
    doc = _document(iri, "theme", label_of(facts, iri))
    doc["names"] += [n for n in _texts(facts, iri, skos.prefLabel, skos.altLabel) if n not in doc["names"]]
    # The French definition, or an untagged one: the English one is for English pages (webapp.search_page).
    doc["text"] = sorted(v[0] for v in facts.get(iri, skos.definition) if type(v) is tuple and v[1] in ("fr", "", None))
    broader, narrower = _iris(facts, iri, skos.broader), facts.pointing(iri, skos.broader)
    # The labels of broader and narrower themes stay out of the text: "accès aux soins" would otherwise find
    # every theme below it before the actors tagged with it (bench/relevance.py).
    _facet(doc, facts, "theme", [iri])
    # English labels are matched word for word, not through the French stemmer ("Carers" stemmed "car", so that
    # "car" and "Danae Care" named the theme Aidants).
    labels = [v for p in (skos.prefLabel, skos.altLabel) for v in facts.get(iri, p) if type(v) is tuple]
    french = {v[0] for v in labels if v[1] != "en"}
    doc["scheme"] = {"labels": doc["names"][:], "broader": sorted(str(b) for b in broader),
                     "english": sorted({v[0] for v in labels if v[1] == "en"} - french)}
    doc["summary"] = "Thème" + (f" · dans {', '.join(_show(doc, facts, broader))}" if broader else "")
    _depend(doc, narrower)
    return _finish(doc)


#: How far the converter of each kind reads around a resource (see :func:`search.facts.load_facts`): around the
#: resource, and around what points at it (None: nothing). An actor shows the labels of its themes and of its
#: grants' funders; a grant the labels of its beneficiary's place, and the grant that replaces it; a deliberation the
#: labels of its grants' beneficiaries' themes; a goal the labels of its contributions; a theme the labels of its
#: broader themes.
READS = {"actor": (FULL + 1, FULL + 1), "grant": (FULL + 2, LABELS), "deliberation": (FULL + 1, FULL + 2),
         "agreement": (FULL + 2, FULL + 1), "goal": (FULL, FULL), "theme": (FULL + 1, FULL)}


def reach_of(facts: Facts, iri) -> tuple[int, int | None] | None:
    """How far the document of ``iri`` reads in the graph (see READS), or None when it makes none."""
    kind = kind_of(facts, iri)
    return READS[kind] if kind else None


CONVERTERS = {"actor": actor_to_document, "grant": grant_to_document, "deliberation": deliberation_to_document,
              "agreement": agreement_to_document, "goal": goal_to_document, "theme": theme_to_document}


def document_iris(facts: Facts) -> list[str]:
    """The IRIs of the resources of ``facts`` that make a document, sorted."""
    return [iri for iri in sorted(set(facts.types) | set(facts.props)) if kind_of(facts, iri) is not None]


def facts_to_documents(facts: Facts, iris: Iterable[str] | None = None) -> Iterator[dict]:
    """Yield the document of each of ``iris`` that makes one (of every resource in ``facts`` when None)."""
    for iri in (sorted(set(facts.types) | set(facts.props)) if iris is None else sorted(map(str, iris))):
        kind = kind_of(facts, iri)
        if kind is not None:
            yield CONVERTERS[kind](iri, facts)
