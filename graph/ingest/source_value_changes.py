"""What a new version of a source changed in values, and the resources it added and removed by name: the change
summary counted resources by class, so a deliberation's erratum (20 000 € become 25 000 €) read « aucune ressource
ajoutée ni retirée », and a grants list's correction « Subvention −1 », with neither the grant removed nor the amount
corrected named.

The stored graph's values that a reader cares about (:data:`WATCHED`: amounts, names and goal titles, identifiers,
convention dates, a grant's own decision date, a deliberation's date and its dates of receipt in the prefecture and
of publication; dates said in words) are read with the resource counts, before the new version replaces the graph
and after, by one query of the watched properties only (a few milliseconds for a register, a fraction of a second
for a grants list of 100,000 rows). A resource is named by its label, a grant by its beneficiary's. The members'
entry and exit dates and circles are told with the members (:mod:`graph.ingest.source_changes`), not here.

>>> values = {URIRef("https://ex.org/g"): {SCHEMA.amount: frozenset({Decimal("25000")})}}
>>> before = {URIRef("https://ex.org/g"): {SCHEMA.amount: frozenset({Decimal("20000")})}}
>>> fr, en = value_changes(before, values, [(URIRef("https://ex.org/g"), URIRef("https://ex.org/g"))], set())
>>> fr
'1 valeur changée (https://ex.org/g : montant 20 000 € → 25 000 €)'
>>> en
'1 value changed (https://ex.org/g: amount €20,000 → €25,000)'
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from graph.ingest.french import format_date_words
from graph.namespaces import MAI, SCHEMA

#: The properties whose changed values a change summary names, with their French and English words.
WATCHED = {SCHEMA.amount: ("montant", "amount"), RDFS.label: ("nom", "name"), SKOS.prefLabel: ("intitulé", "title"),
           MAI.siren: ("SIREN", "SIREN"), MAI.siret: ("SIRET", "SIRET"), MAI.rna: ("RNA", "RNA"),
           MAI.conventionDate: ("date de convention", "convention date"),
           # a grants list's decision date that no deliberation holds, kept on the grant (scdl_grant_description)
           DCTERMS.dateAccepted: ("date de la décision", "decision date"),
           # a deliberation's (an erratum moving « 16 mai 2024 » to « 23 mai 2024 »: its IRI, minted from its number,
           # is kept), or a session's that an RDF file names otherwise than by its date (our readers mint a session's
           # IRI from its date: a session redated is one removed and one added); a source's own times are
           # prov:generatedAtTime, never told
           DCTERMS.date: ("date", "date"),
           MAI.receivedByPrefecture: ("date de réception en préfecture", "prefecture reception date"),
           MAI.publishedOn: ("date de publication", "publication date")}
#: Resources, or values changed, named per change before « et N autres »: a line stays readable when a whole list
#: changed.
SHOWN = 5
#: The properties that name a resource: a change of one is quoted, and names the resource otherwise.
_NAMES = {RDFS.label, SKOS.prefLabel}
#: What names a resource besides its label: an action's title, a grant's beneficiary, a goal's rank.
_NAMING = (DCTERMS.title, MAI.beneficiary, SKOS.notation)
_VALUES = ("SELECT ?s ?p ?o WHERE { GRAPH ?g { VALUES ?p { "
           + " ".join(f"<{p}>" for p in (*WATCHED, *_NAMING)) + " } ?s ?p ?o } FILTER(isIRI(?s)) }")

Values = dict[URIRef, dict[URIRef, frozenset]]


def watched_values(query, graph: URIRef) -> Values:
    """The values of the watched properties (and of those that name a resource) in the stored ``graph``, by
    resource and property: numbers and dates as such, so that « 25000 » and « 25000.00 » are one amount."""
    found: dict[URIRef, dict[URIRef, set]] = {}
    for subject, prop, value in query(_VALUES, {"g": graph}):
        found.setdefault(subject, {}).setdefault(prop, set()).add(_plain(value))
    return {subject: {prop: frozenset(objs) for prop, objs in props.items()} for subject, props in found.items()}


def _plain(value):
    """A value as compared: a number or a date as such, any other literal as its text, an IRI as it is."""
    if isinstance(value, Literal):
        python = value.toPython()
        return python if isinstance(python, (Decimal, int, date)) and not isinstance(python, bool) else str(value)
    return value


def resource_name(subject: URIRef, values: Values) -> str:
    """A resource as a change summary names it: its label or its title, a grant by its beneficiary's; else its
    IRI."""
    props = values.get(subject, {})
    for prop in (RDFS.label, SKOS.prefLabel, DCTERMS.title):
        if props.get(prop):
            return min(str(label) for label in props[prop])
    beneficiaries = sorted(props.get(MAI.beneficiary, ()))
    if beneficiaries and (name := resource_name(beneficiaries[0], values)) != str(beneficiaries[0]):
        return name
    return str(subject)


def named_resources(added: set[URIRef], removed: set[URIRef], before: Values, after: Values) -> tuple[str, str]:
    """« + A, B ; − C » (French, English): the resources ``added`` (named in ``after``) and ``removed`` (named in
    ``before``), the first SHOWN of each named and the others counted."""
    said = [(sign, _listed(sorted(resource_name(s, values) for s in subjects)))
            for sign, subjects, values in (("+", added, after), ("−", removed, before)) if subjects]
    return " ; ".join(f"{sign} {fr}" for sign, (fr, _) in said), "; ".join(f"{sign} {en}" for sign, (_, en) in said)


def value_changes(before: Values, after: Values, pairs: list[tuple[URIRef, URIRef]],
                  members: set[URIRef]) -> tuple[str, str] | None:
    """« 2 valeurs changées (REGAIN : montant 24 740 € → 24 470 € ; …) » (French, English): the watched values that
    changed between each pair of ``pairs`` (a resource's IRI before and after), the first SHOWN named; None when none
    changed. The names of ``members`` are left out: the summary tells them as renamed."""
    said, count = [], 0
    for old, new in pairs:
        was, now = before.get(old, {}), after.get(new, {})
        changed = [prop for prop in WATCHED if was.get(prop, frozenset()) != now.get(prop, frozenset())
                   and not (prop == RDFS.label and new in members)]
        if changed:
            name_fr, name_en = _changed_name(new, changed, after)
            told = [_value_change(prop, was.get(prop), now.get(prop)) for prop in changed]
            said.append((f"{name_fr} : {', '.join(fr for fr, _ in told)}",
                         f"{name_en}: {', '.join(en for _, en in told)}"))
            count += len(changed)
    if not said:
        return None
    said.sort()
    fr, en = _listed(said, (" ; ", "; "))
    return (f"{count} valeur{'s' if count > 1 else ''} changée{'s' if count > 1 else ''} ({fr})",
            f"{count} value{'s' if count > 1 else ''} changed ({en})")


def _changed_name(subject: URIRef, changed: list[URIRef], values: Values) -> tuple[str, str]:
    """The name of a resource whose ``changed`` properties changed (French, English): by its label, unless the label
    is what changed (« objectif 3 », or its IRI's last segment)."""
    if not _NAMES & set(changed):
        name = resource_name(subject, values)
        return name, name
    ranks = sorted(str(rank) for rank in values.get(subject, {}).get(SKOS.notation, ()))
    if ranks and "/goal/" in subject:
        return f"objectif {ranks[0]}", f"goal {ranks[0]}"
    key = subject.rsplit("/", 1)[-1]
    return key, key


def _value_change(prop: URIRef, was: frozenset | None, now: frozenset | None) -> tuple[str, str]:
    """« montant 24 740 € → 24 470 € » (French, English)."""
    (word_fr, word_en), quoted = WATCHED[prop], prop in _NAMES
    (was_fr, was_en), (now_fr, now_en) = _said(was, quoted), _said(now, quoted)
    return f"{word_fr} {was_fr} → {now_fr}", f"{word_en} {was_en} → {now_en}"


def _said(values: frozenset | None, quoted: bool) -> tuple[str, str]:
    """Values as a change says them (French, English): amounts in euros, names ``quoted``, « aucun » for none."""
    if not values:
        return "aucun", "none"
    shown = [_one(value, quoted) for value in sorted(values, key=str)]
    return ", ".join(fr for fr, _ in shown), ", ".join(en for _, en in shown)


def _one(value, quoted: bool) -> tuple[str, str]:
    """« 24 740 € », « « Nom » », « 100000009 », « 12 mars 2016 »… (French, English); a time to the second (an RDF
    file's ``dcterms:date``, which may be an ``xsd:dateTime``), for a change of the time alone to be seen.

    >>> _one(date(2016, 3, 12), False)
    ('12 mars 2016', '12 March 2016')
    >>> _one(datetime(2016, 3, 12, 9, 30), False)
    ('12 mars 2016 à 09:30:00', '12 March 2016 at 09:30:00')
    """
    if isinstance(value, datetime):
        (day_fr, day_en), time = _one(value.date(), quoted), value.strftime("%H:%M:%S")
        return f"{day_fr} à {time}", f"{day_en} at {time}"
    if isinstance(value, date):
        return format_date_words(value), f"{value.day} {value.strftime('%B')} {value.year}"
    if isinstance(value, (Decimal, int)) and not quoted:
        text = f"{value:,.2f}".removesuffix(".00")
        return text.replace(",", " ").replace(".", ",") + " €", f"€{text}"
    if quoted:
        return f"« {value} »", f"'{value}'"
    return str(value), str(value)


def _listed(items: list, separators: tuple[str, str] = (", ", ", ")) -> tuple[str, str]:
    """The first SHOWN of ``items`` (texts, or French and English pairs) joined by ``separators`` (French, English),
    then « et N autres » (French, English)."""
    pairs = [(item, item) if isinstance(item, str) else item for item in items]
    more = len(pairs) - SHOWN
    fr = separators[0].join(fr for fr, _ in pairs[:SHOWN])
    en = separators[1].join(en for _, en in pairs[:SHOWN])
    if more > 0:
        fr, en = f"{fr} et {more} autre{'s' if more > 1 else ''}", f"{en} and {more} other{'s' if more > 1 else ''}"
    return fr, en


__all__ = ["SHOWN", "WATCHED", "Values", "named_resources", "resource_name", "value_changes", "watched_values"]
