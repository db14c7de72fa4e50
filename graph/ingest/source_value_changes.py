"""What a new version of a source changed in values, and the resources it added and removed by name: the change
summary counted resources by class, so a deliberation's erratum (20 000 € become 25 000 €) read « aucune ressource
ajoutée ni retirée », and a grants list's correction « Subvention −1 », with neither the grant removed nor the amount
corrected named.

The stored graph's values that a reader cares about (:data:`WATCHED`: amounts, names and goal titles, identifiers,
convention dates, a grant's own decision date, a deliberation's date and its dates of receipt in the prefecture and
of publication; dates said in words) are read with the resource counts, before the new version replaces the graph
and after, by one query of the watched properties only (a few milliseconds for a register, a fraction of a second
for a grants list of 100,000 rows). A resource is named by its label, a grant by its beneficiary's, a session (which
has no label) by its body's label and its date (« Bureau Métropolitain du 16 mai 2024 »), a proxy by the names of who
gives it and who holds it (« Aline MOUSEGHIAN à Andonella FLECHET »): the query reads a session's body and proxies
and a proxy's persons too, which a grants list has none of (the same time, measured on 20,000 rows) and a
deliberation's text a few dozen. The members' entry and exit dates and circles are told with the members
(:mod:`graph.ingest.source_changes`), not here, and a session redated with its proxies in
:mod:`graph.ingest.session_redatings`.

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
           # IRI from its date: a session redated is one removed and one added, which session_redatings pairs); a
           # source's own times are prov:generatedAtTime, never told
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
#: What names a session and a proxy, and tells a session redated (:mod:`graph.ingest.session_redatings`): a session's
#: body and proxies, a proxy's giver and holder.
SESSION_LINKS = (MAI.body, MAI.proxy, MAI["from"], MAI.to)
_VALUES = ("SELECT ?s ?p ?o WHERE { GRAPH ?g { VALUES ?p { "
           + " ".join(f"<{p}>" for p in (*WATCHED, *_NAMING, *SESSION_LINKS)) + " } ?s ?p ?o } FILTER(isIRI(?s)) }")

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


def resource_names(subject: URIRef, values: Values, cls: URIRef | None = None) -> tuple[str, str]:
    """A resource as a change summary names it (French, English): its label or its title, a session of the class
    ``cls`` by its body and date (:func:`session_names`), a proxy by its giver and holder, a grant by its
    beneficiary's name; else its IRI."""
    props = values.get(subject, {})
    for prop in (RDFS.label, SKOS.prefLabel, DCTERMS.title):
        if props.get(prop):
            name = min(str(label) for label in props[prop])
            return name, name
    if cls == MAI.Session and (names := session_names(subject, values)):
        return _with_proxies(names, len(props.get(MAI.proxy, ())))
    if cls == MAI.Proxy and (givers := _person_names(props.get(MAI["from"]), values)):
        holders = _person_names(props.get(MAI.to), values)
        return (f"{givers} à {holders}", f"{givers} to {holders}") if holders else (givers, givers)
    beneficiaries = sorted(props.get(MAI.beneficiary, ()))
    if beneficiaries and (name := resource_names(beneficiaries[0], values)[0]) != str(beneficiaries[0]):
        return name, name
    return str(subject), str(subject)


def session_names(session: URIRef, values: Values) -> tuple[str, str] | None:
    """« Bureau Métropolitain du 16 mai 2024 », "Bureau Métropolitain session of 16 May 2024" (« séance du 16 mai
    2024 » when it has no body): a session, which our readers give no label, by its body's label and its date; None
    when it has neither (an RDF file's may).

    >>> values = {URIRef("x:s"): {MAI.body: frozenset({URIRef("x:b")}), DCTERMS.date: frozenset({date(2024, 5, 16)})},
    ...           URIRef("x:b"): {RDFS.label: frozenset({"Bureau Métropolitain"})}}
    >>> session_names(URIRef("x:s"), values)
    ('Bureau Métropolitain du 16 mai 2024', 'Bureau Métropolitain session of 16 May 2024')
    """
    props = values.get(session, {})
    bodies = sorted(name for body in props.get(MAI.body, ())
                    if (name := resource_names(body, values)[0]) != str(body))
    days = sorted(props.get(DCTERMS.date, ()), key=str)
    if not days:
        return (bodies[0], f"{bodies[0]} session") if bodies else None
    day_fr, day_en = date_names(days[0])
    body_fr, body_en = (bodies[0], f"{bodies[0]} session") if bodies else ("séance", "session")
    return f"{body_fr} du {day_fr}", f"{body_en} of {day_en}"


def date_names(day: date) -> tuple[str, str]:
    """« 16 mai 2024 », "16 May 2024": a date as a change summary says it."""
    return _one(day, False)


def _with_proxies(names: tuple[str, str], count: int) -> tuple[str, str]:
    """A session's names, and « et ses 8 pouvoirs » (French, English) when proxies were given at it: a session
    removed or added is told with them (:mod:`graph.ingest.session_redatings`)."""
    if not count:
        return names
    if count == 1:
        return f"{names[0]} et son pouvoir", f"{names[1]} and its proxy"
    return f"{names[0]} et ses {count} pouvoirs", f"{names[1]} and its {count} proxies"


def _person_names(persons: frozenset | None, values: Values) -> str:
    """The names of ``persons`` (their labels, else their IRIs), joined; empty when there are none."""
    return ", ".join(sorted(resource_names(person, values)[0] for person in persons or ()))


def named_resources(added: set[URIRef], removed: set[URIRef], before: Values, after: Values,
                    cls: URIRef | None = None) -> tuple[str, str]:
    """« + A, B ; − C » (French, English): the resources ``added`` (named in ``after``) and ``removed`` (named in
    ``before``), of the class ``cls``, the first SHOWN of each named and the others counted."""
    said = [(sign, listed(sorted(resource_names(s, values, cls) for s in subjects)))
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
    fr, en = listed(said, (" ; ", "; "))
    return (f"{count} valeur{'s' if count > 1 else ''} changée{'s' if count > 1 else ''} ({fr})",
            f"{count} value{'s' if count > 1 else ''} changed ({en})")


def _changed_name(subject: URIRef, changed: list[URIRef], values: Values) -> tuple[str, str]:
    """The name of a resource whose ``changed`` properties changed (French, English): by its label, unless the label
    is what changed (« objectif 3 », or its IRI's last segment)."""
    if not _NAMES & set(changed):
        return resource_names(subject, values)
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


def listed(items: list, separators: tuple[str, str] = (", ", ", ")) -> tuple[str, str]:
    """The first SHOWN of ``items`` (texts, or French and English pairs) joined by ``separators`` (French, English),
    then « et N autres » (French, English)."""
    pairs = [(item, item) if isinstance(item, str) else item for item in items]
    more = len(pairs) - SHOWN
    fr = separators[0].join(fr for fr, _ in pairs[:SHOWN])
    en = separators[1].join(en for _, en in pairs[:SHOWN])
    if more > 0:
        fr, en = f"{fr} et {more} autre{'s' if more > 1 else ''}", f"{en} and {more} other{'s' if more > 1 else ''}"
    return fr, en


__all__ = ["SESSION_LINKS", "SHOWN", "WATCHED", "Values", "date_names", "listed", "named_resources",
           "resource_names", "session_names", "value_changes", "watched_values"]
