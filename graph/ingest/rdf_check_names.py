"""The names an RDF file gives, checked at ingest (:mod:`graph.ingest.rdf_checks`) against the other sources' actors:
a name given to an actor of another source (by its IRI), and an actor of the file whose name is that of another
source's actor under another IRI (a namesake: maybe one organisation as two nodes). Each join starts from its
smaller side, counted first (:func:`solutions_counted`), and looks names up in batches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS

from graph.identity_names import name_key
from graph.ingest.base import Issue
from graph.ingest.rdf_check_contract import actor_classes
from graph.ingest.rdf_check_wording import MAX_SHARED_SHOWN, more_unshown, other_named, twin_issue
from graph.namespaces import MAI

#: Name keys or labels a query looks up, at most (VALUES blocks of this size stay fast).
LOOKUP_BATCH = 500
#: A word of a name, once lowercased: the words of an ASCII name's key are among them (:func:`graph.identity.fold`).
_WORD = re.compile(r"[a-z0-9]+")
#: An actor that a source other than the file types (once for each source that types it).
OTHER_ACTOR = f"GRAPH ?g {{ ?s a <{MAI.Actor}> }} FILTER(?g != <%(source)s>) "
#: A label that the file gives an IRI.
_FILE_LABEL = f"GRAPH <%(source)s> {{ ?s <{RDFS.label}> ?l }} FILTER(isIRI(?s)) "
#: The file's labels of IRIs (of ``%(actors)s`` if given) that another source types as actors, but for the names
#: those sources give them too; with each actor's name there and the source's title.
_NAMES_GIVEN = ("SELECT ?s ?l (SAMPLE(?their) AS ?theirLabel) (SAMPLE(?title) AS ?file) WHERE { %(actors)s "
                + _FILE_LABEL + OTHER_ACTOR +
                f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s <{RDFS.label}>|<{SKOS.altLabel}> ?name }} "
                "FILTER(?h != <%(source)s> && STR(?name) = STR(?l)) } "
                f"OPTIONAL {{ GRAPH ?g {{ ?s <{RDFS.label}> ?their }} }} OPTIONAL {{ ?g <{DCTERMS.title}> ?title }} }} "
                "GROUP BY ?s ?l ORDER BY ?s ?l")


def names_given(query, source: URIRef, observed, from_others: bool) -> list[Issue]:
    """A warning for each name that the file gives an actor of another source (by its IRI, written in full or
    relative and leaving the file's base): an RDF file's labels are its own and never changed, so the actor is
    shown under both names. One query from the file's labels, or (``from_others``: they are the fewer) one for the
    other sources' actors, then each looked up in the file's graph (a join from them, Oxigraph started from the
    file's labels all the same: 0.1 s for 20k)."""
    if not from_others:
        rows = list(query(_NAMES_GIVEN % {"actors": "", "source": source}))
    else:
        actors = sorted({f"<{s}>" for s, in query(f"SELECT DISTINCT ?s WHERE {{ {OTHER_ACTOR} }}"
                                                   % {"source": source}) if isinstance(s, URIRef)})
        rows = [row for batch in _batches(actors)
                for row in query(_NAMES_GIVEN % {"actors": f"VALUES ?s {{ {batch} }}", "source": source})]
    issues = []
    for s, label, their, file in rows[:MAX_SHARED_SHOWN]:
        (their_fr, their_en), (from_fr, from_en) = other_named(their, file)
        issues.append(Issue(
            "warning", f"acteur <{s}>{their_fr}{from_fr} : ce fichier lui donne le nom « {label} » — les noms d'un "
                       "fichier RDF sont les siens, l'explorateur montrera les deux ; si ce fichier parle d'une autre "
                       "organisation, donnez-lui une IRI à lui",
            f"actor <{s}>{their_en}{from_en}: this file gives it the name '{label}'; an RDF file's names are its "
            "own, the explorer will show both; if this file means another organisation, give it an IRI of its own",
            line=observed.line_of(str(label)), field="rdfs:label", value=str(label)))
    return issues + more_unshown(len(rows) - MAX_SHARED_SHOWN, "noms donnés à des acteurs d'autres sources : {} autres",
                                 "names given to actors of other sources: {} more", "rdfs:label")


#: The names of the other sources' actors: their name keys (a table's actors: :mod:`graph.resolution`), and, for
#: an RDF file's (which has none), their labels as written; each with the lookup of some of them.
_OTHER_KEYS = f"GRAPH ?g {{ ?other <{MAI.nameKey}> ?key }} FILTER(?g != <%(source)s>)"
_KEYED = f"SELECT DISTINCT ?key ?other WHERE {{ VALUES ?key {{ %(values)s }} {_OTHER_KEYS} }}"
_OTHER_LABELS = (f"GRAPH ?g {{ ?g <{DCTERMS.type}> \"rdf\" . ?other a <{MAI.Actor}> ; <{RDFS.label}> ?key }} "
                 "FILTER(?g != <%(source)s>)")
_LABELLED = f"SELECT DISTINCT ?key ?other WHERE {{ VALUES ?key {{ %(values)s }} {_OTHER_LABELS} }}"
#: Of pairs (actor of the file, namesake), those that no owl:sameAs links and that do not both hold a SIREN, or both
#: an RNA number: two tell them apart, the same one is warned of as such
#: (:func:`graph.ingest.rdf_check_twins.shared_identifiers`); with the namesake's label and source.
_NAMESAKES = (f"SELECT ?s ?other (SAMPLE(?their) AS ?theirLabel) (SAMPLE(?title) AS ?file) WHERE {{ "
              f"VALUES (?s ?other) {{ %s }} FILTER NOT EXISTS {{ ?s <{OWL.sameAs}>|^<{OWL.sameAs}> ?other }} "
              f"FILTER NOT EXISTS {{ VALUES ?id {{ <{MAI.siren}> <{MAI.rna}> }} ?s ?id ?a . ?other ?id ?b }} "
              f"GRAPH ?g {{ ?other a <{MAI.Actor}> }} FILTER(?g != <%s>) "
              f"OPTIONAL {{ GRAPH ?g {{ ?other <{RDFS.label}> ?their }} }} OPTIONAL {{ ?g <{DCTERMS.title}> ?title }} "
              "} GROUP BY ?s ?other ORDER BY ?s ?other")


def namesakes(query, source: URIRef, observed, names_read: int) -> list[Issue]:
    """A warning for each actor of the file (an IRI it types with a contract class) whose label's name key is that
    of an actor of another source under another IRI, that no owl:sameAs links to it: the file's IRI is kept, so one
    organisation may be two nodes. The file's labels come from the first pass. Of each kind of the other sources'
    names, all are read when they are the fewer (their keys made here; the other RDF files' labels, up to
    ``names_read``), else the file's are looked up: by their key, or as written in other RDF files, whose
    labels the store holds no key of (in a few usual forms: plain or French, in capitals or not)."""
    classes = actor_classes()
    actors = {s.value for s, cls in observed.types if isinstance(s, ox.NamedNode) and cls in classes}
    sides = [(count <= bound, pattern, lookup)
             for pattern, lookup, bound in ((_OTHER_KEYS, _KEYED, len(actors)),
                                            (_OTHER_LABELS, _LABELLED, max(len(actors), names_read)))
             if actors and (count := solutions_counted(query, pattern % {"source": source}, bound))]
    if not sides:
        return []
    known: dict[str, set[str]] = {}  # a name key -> the other sources' actors of that key
    lookups = []
    for fewer, pattern, lookup in sides:
        if fewer:
            _know(known, query(f"SELECT ?key ?other WHERE {{ {pattern % {'source': source}} }}"))
        else:
            lookups.append(lookup)
    firsts = {key.partition(" ")[0] for key in known}  # a key's first word is a word of the name it was made of
    by_key: dict[str, set[str]] = {}  # a name key -> the file's actors of that key
    own: dict[tuple[str, str], str] = {}  # (actor, key) -> its label of that key
    for s, label in observed.labels():
        if not (isinstance(s, ox.NamedNode) and s.value in actors and isinstance(label, ox.Literal)):
            continue
        text = label.value
        if not lookups and text.isascii() and firsts.isdisjoint(_WORD.findall(text.lower())):
            continue  # its key can be none of those known (making one costs ~10 µs)
        if key := name_key(text):
            by_key.setdefault(key, set()).add(s.value)
            own.setdefault((s.value, key), text)
    for lookup in lookups:
        _know(known, _looked_up(query, lookup, source, _looked_up_terms(lookup, by_key, own.values())))
    pairs = {(s, other): key for key, mine in by_key.items() for s in mine for other in known.get(key, ())
             if other != s}
    ordered = [f"(<{s}> <{other}>)" for s, other in sorted(pairs)]
    rows = [row for batch in _batches(ordered) for row in query(_NAMESAKES % (batch, source))]
    issues = []
    for s, other, their, file in rows[:MAX_SHARED_SHOWN]:
        key = pairs[str(s), str(other)]
        label = own[str(s), key]
        same = (f"même nom (clé « {key} »)", f"same name (key '{key}')")
        issues.append(twin_issue(s, label, other, their, file, same, "rdfs:label", label, maybe=True,
                                 line=observed.line_of(label)))
    return issues + more_unshown(len(rows) - MAX_SHARED_SHOWN,
                                 "acteurs du nom d'un acteur d'une autre source : {} autres",
                                 "actors with the name of another source's actor: {} more", "rdfs:label")


def solutions_counted(query, pattern: str, bound: int) -> int:
    """How many solutions the graph pattern ``pattern`` has, counted up to ``bound`` + 1 (the engine stops there):
    whether a join's other side is the smaller, at the cost of the smaller."""
    rows = query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {{ SELECT * WHERE {{ {pattern} }} LIMIT {bound + 1} }} }}")
    return int(next(iter(rows))[0])


def _know(known: dict[str, set[str]], rows) -> None:
    """Add to ``known`` the actors of the rows (name, actor) under their name's key."""
    for name, other in rows:
        if isinstance(other, URIRef):
            known.setdefault(name_key(str(name)), set()).add(str(other))


def _looked_up_terms(lookup: str, keys, labels) -> list[str]:
    """The terms that the query ``lookup`` looks up, as SPARQL writes them: name ``keys`` (words of ``[a-z0-9]``),
    or ``labels`` in a few usual forms, plain or French.

    >>> _looked_up_terms(_LABELLED, [], ["Coop Furan"])[:3]
    ['"COOP FURAN"', '"COOP FURAN"@fr', '"Coop Furan"']
    """
    if lookup is _KEYED:
        return sorted(f'"{key}"' for key in keys)
    return sorted({str(ox.Literal(form, language=lang)) for label in labels
                   for form in (label, label.upper(), label.lower(), label.title()) for lang in (None, "fr")})


def _looked_up(query, lookup: str, source: URIRef, written: list[str]) -> Iterator[tuple]:
    """The rows of the query ``lookup`` for the terms ``written`` (as SPARQL writes them), a batch at a time."""
    for batch in _batches(written):
        yield from query(lookup % {"values": batch, "source": source})


def _batches(written: list[str]) -> Iterator[str]:
    """The terms ``written`` in VALUES blocks of :data:`LOOKUP_BATCH`."""
    for i in range(0, len(written), LOOKUP_BATCH):
        yield " ".join(written[i:i + LOOKUP_BATCH])
