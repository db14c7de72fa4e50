"""What an RDF file's report says beyond SHACL, from what the first pass read (:mod:`graph.ingest.rdf_first_pass`):
SIRETs whose check digit is wrong, statements that redefine the vocabulary contract, actors that another source
already holds under another IRI (by an identifier or by their name) or that the file names anew, identifiers given
by properties that Maillage does not read, actors without an IRI, and a file that names none of the contract's
classes (so that nothing of it is read as an actor, a grant or a deliberation).

These are per-file checks on the SIRETs, types, labels and subjects that the first pass collects anyway (a
100k-actor N-Triples file: ~0.1 s); a query runs only for a file that has ``mai:`` subjects, or a SIRET whose key is
wrong; the file's names are compared with the store's only when other sources hold actors, from the smaller side.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from operator import itemgetter

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from graph.identifiers import LA_POSTE_SIREN, siret_ok
from graph.identity import name_key, siren_of
from graph.ingest.base import Issue
from graph.namespaces import FOAF, MAI, ORG, PREFIXES, SCHEMA
from graph.ontology import VOCABULARY_FILES, load_ontology, superclasses
from graph.terms import term_parts

#: Invalid SIRETs reported one by one, at most; the others are counted in one more warning.
MAX_SIRETS_SHOWN = 10
#: Statements about contract terms shown in the warning, at most.
MAX_STATEMENTS_SHOWN = 5
#: Actors reported one by one for an identifier that another actor IRI of the store holds, at most.
MAX_SHARED_SHOWN = 10
#: Name keys or labels a query looks up, at most (VALUES blocks of this size stay fast).
LOOKUP_BATCH = 500
#: A word of a name, once lowercased: the words of an ASCII name's key are among them (:func:`graph.identity.fold`).
_WORD = re.compile(r"[a-z0-9]+")
#: The other RDF files' actor labels read, at most, to compare their name keys with a file's (2,000: ~0.05 s); past
#: that, and past the file's own actors, the file's labels are looked up as written.
RDF_NAMES_READ = 2_000
#: Classes named in the warning of a file without any of the contract's, at most.
MAX_CLASSES_SHOWN = 6
_MORE_PREFIXES = {"dcat": "http://www.w3.org/ns/dcat#", "vcard": "http://www.w3.org/2006/vcard/ns#"}
#: Classes of other vocabularies for organisations that the ontology does not name as a superclass of an actor.
_ORGANISATIONS = {FOAF.Organization, SCHEMA.Organization, ORG.Organization, SCHEMA.Corporation,
                  SCHEMA.LocalBusiness, SCHEMA.MedicalOrganization}
_ACTOR_KINDS = (MAI.Association, MAI.PublicAuthority, MAI.Enterprise)
_UNQUOTED = (f"SELECT DISTINCT ?v WHERE {{ GRAPH <%s> {{ ?s <{MAI.siret}> ?v }} "
             f"FILTER(!isLiteral(?v) || DATATYPE(?v) != <{XSD.string}>) }}")
#: The statements of a file's graph about some ``mai:`` terms that no shipped vocabulary states (Maillage's own
#: provenance link aside).
_ABOUT_TERMS = ("SELECT ?s ?p ?o WHERE { VALUES ?s { %s } GRAPH <%s> { ?s ?p ?o } "
                f"FILTER(?p != <{PROV.wasDerivedFrom}>) "
                "FILTER NOT EXISTS { VALUES ?vocabulary { %s } GRAPH ?vocabulary { ?s ?p ?o } } }")


def rdf_file_issues(query, source: URIRef, observed, strict: bool = False, others_identified: bool = True) \
        -> list[Issue]:
    """The warnings of an RDF file that ``observed`` (its first pass) read, stored as the graph ``source``.

    Statements that redefine contract terms are an error under ``strict`` (the file is refused, as for a SHACL
    violation), a warning otherwise. ``others_identified``: whether any other source held a SIREN or an RNA number
    before the file was stored (:func:`others_hold_identifiers`); if none did, no actor of the file can share one."""
    issues = invalid_sirets(observed.sirets, lambda: _unquoted_sirets(query, source))
    issues += contract_redefinitions(query, source, observed.subjects, strict)
    if others_identified:
        issues += shared_identifiers(query, source, len(observed.sirets) + len(observed.sirens) > MANY_IDENTIFIERS)
    issues += identifiers_held_twice(query, source, observed)
    issues += same_as_nowhere(query, observed.same_as)
    # the other sources' actors, counted up to the file's subjects (none for a bulk load into an empty store)
    if others := _counted(query, _OTHER_ACTOR % {"source": source}, len(observed.subjects)):
        issues += names_given(query, source, observed, others <= len(observed.subjects))
        issues += namesakes(query, source, observed)
    issues += unread_identifiers(query, source, observed)
    issues += blank_actors(query, source, observed)
    if (issue := no_contract_class(observed.types)) is not None:
        issues.append(issue)
    return issues


#: Whether a graph other than the source's holds a SIREN or an RNA number: the first one found ends the search.
_OTHERS_IDENTIFIED = (f"ASK {{ VALUES ?p {{ <{MAI.siren}> <{MAI.rna}> }} GRAPH ?g {{ ?x ?p ?id }} "
                      "FILTER(?g != <%s>) }")


def others_hold_identifiers(query, source: URIRef) -> bool:
    """Whether any source but ``source`` holds a SIREN or an RNA number, asked before an RDF file is stored. A store
    whose other sources hold some answers at the first one found; one without any answers at once, and the file's
    check against them (:func:`shared_identifiers`), which could warn of nothing, is not run: for a dump of 100k
    identified actors, 1.4–1.6 s of a join that reads each of the file's own identifiers in turn."""
    return query(_OTHERS_IDENTIFIED % source, None).boolean


#: The file's actors whose SIREN (its own, or its SIRET's: the first pass stated it in the file's graph) or RNA
#: number another actor IRI holds in another source, but for a pair that some source links by owl:sameAs. The join
#: starts from the smaller side (the engine keeps the order written): the file's identifiers, each looked up by its
#: value (50k: 0.35 s), or those of the other sources, each looked up in the file's graph (a bulk file loaded into a
#: store of few identifiers: 0.01 s). From the file, each distinct value is looked up once: its holders are found in
#: every graph, the file's own too, before the filter drops those, so that a value that many of the file's actors
#: share (the SIREN of 2,000 establishments) would cost the square of their number (2,000: a minute).
_FROM_FILE = (f"{{ SELECT DISTINCT ?p ?id WHERE {{ VALUES ?p {{ <{MAI.siren}> <{MAI.rna}> }} "
              "GRAPH <%(source)s> { ?x ?p ?id } } } "
              "GRAPH ?g { ?other ?p ?id } FILTER(?g != <%(source)s>) GRAPH <%(source)s> { ?s ?p ?id } ")
_FROM_OTHERS = "GRAPH ?g { ?other ?p ?id } FILTER(?g != <%(source)s>) GRAPH <%(source)s> { ?s ?p ?id } "
_SHARED = (f"SELECT ?s ?p ?id ?other (SAMPLE(?own) AS ?ownLabel) (SAMPLE(?their) AS ?theirLabel) "
           f"WHERE {{ VALUES ?p {{ <{MAI.siren}> <{MAI.rna}> }} %(join)s "
           "FILTER(?other != ?s && isIRI(?other)) "
           "FILTER NOT EXISTS { GRAPH <%(source)s> { ?other ?p ?id } } "
           f"FILTER EXISTS {{ ?s a <{MAI.Actor}> }} FILTER EXISTS {{ ?other a <{MAI.Actor}> }} "
           f"FILTER NOT EXISTS {{ ?s <{OWL.sameAs}>|^<{OWL.sameAs}> ?other }} "
           f"OPTIONAL {{ ?s <{RDFS.label}> ?own }} OPTIONAL {{ ?other <{RDFS.label}> ?their }} }} "
           "GROUP BY ?s ?p ?id ?other ORDER BY ?id ?s ?other")
#: A file's SIRETs and SIRENs (as the first pass counts them) from which the join starts from the other sources.
MANY_IDENTIFIERS = 2_000
#: The sources that give the other actors their identifier: asked apart, only when some actor is found (in the
#: query above, Oxigraph ran this part first, over every graph: 0.33 s for a file of 200k triples without one).
_HOLDING_SOURCES = (f"SELECT ?other ?p ?id (SAMPLE(?title) AS ?file) WHERE {{ VALUES (?other ?p ?id) {{ %s }} "
                    f"GRAPH ?g {{ ?other ?p ?id }} ?g <{DCTERMS.title}> ?title FILTER(?g != <%s>) }} "
                    "GROUP BY ?other ?p ?id")


def shared_identifiers(query, source: URIRef, many: bool = False) -> list[Issue]:
    """A warning for each actor of the file whose SIREN, SIRET or RNA number another actor IRI of the store already
    holds: an RDF file keeps its own IRIs, so one organisation would be two nodes, each with part of its grants
    (ingested after a table that minted the actor from its SIREN). One query a file (two when some is found);
    ``many``: the file has many identifiers, the join starts from the other sources'."""
    join = (_FROM_OTHERS if many else _FROM_FILE) % {"source": source}
    rows = list(query(_SHARED % {"join": join, "source": source}))
    if not rows:
        return []
    shown = rows[:MAX_SHARED_SHOWN]
    values = " ".join(f"({other.n3()} {p.n3()} {number.n3()})" for _, p, number, other, _, _ in shown)
    files = {(other, p, number): file for other, p, number, file in query(_HOLDING_SOURCES % (values, source))}
    issues = []
    for s, p, number, other, own, their in shown:
        kind = "SIREN" if p == MAI.siren else "RNA"
        issues.append(_twin(s, own, other, their, files.get((other, p, number)),
                            (f"même {kind} {number}", f"same {kind} {number}"), f"mai:{p.rsplit('#', 1)[-1]}",
                            str(number)))
    return issues + _more(len(rows) - MAX_SHARED_SHOWN,
                          "acteurs d'un identifiant (SIREN, RNA) déjà porté par un autre acteur : {} autres",
                          "actors with an identifier (SIREN, RNA) another actor already holds: {} more")


def _twin(s, own, other, their, file, same: tuple[str, str], field: str, value: str, maybe: bool = False,
          line: int | None = None) -> Issue:
    """The warning of an actor ``s`` of the file (labelled ``own``) that is like ``other`` (``their``), of the
    source ``file``, in what ``same`` says (French, English): the IRI to give it, or the owl:sameAs to state.
    ``maybe``: only a name is shared, they may be two organisations."""
    own_fr, own_en = (f" « {own} »", f" '{own}'") if own is not None else ("", "")
    (their_fr, their_en), (from_fr, from_en) = _other_named(their, file)
    # a blank node is no IRI to link: the file names the organisation by the IRI already present, or by none
    blank = isinstance(s, BNode)
    who_fr, who_en = ("acteur anonyme (nœud sans IRI)", "anonymous actor (a node without an IRI)") if blank \
        else (f"acteur <{s}>", f"actor <{s}>")
    or_fr, or_en = ("", "") if blank else (f", ou déclarez <{s}> owl:sameAs <{other}>",
                                           f", or state <{s}> owl:sameAs <{other}>")
    if_fr, if_en = (" si c'en est une ; donnez-lui alors", " if it is one; then give it") if maybe \
        else (" ; donnez-lui", "; give it")
    return Issue(
        "warning", f"{who_fr}{own_fr} : {same[0]} que <{other}>{their_fr}, déjà présent{from_fr} — deux nœuds pour "
                   f"une même organisation{if_fr} dans ce fichier l'IRI déjà présente <{other}>{or_fr}",
        f"{who_en}{own_en}: {same[1]} as <{other}>{their_en}, already present{from_en}, two nodes for one "
        f"organisation{if_en} the IRI already present <{other}> in this file{or_en}", line, field, value)


#: Of the file's IRIs that hold one identifier, the actors (their types materialised), their labels, and the pairs
#: that some source links by owl:sameAs.
_ACTORS_OF = (f"SELECT ?s (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?s {{ %s }} GRAPH <%s> {{ ?s a <{MAI.Actor}> }} "
              f"OPTIONAL {{ ?s <{RDFS.label}> ?l }} }} GROUP BY ?s")
_SAME_AS = f"SELECT ?a ?b WHERE {{ VALUES ?a {{ %s }} ?a <{OWL.sameAs}> ?b }}"


def identifiers_held_twice(query, source: URIRef, observed) -> list[Issue]:
    """A warning for each SIREN (stated, or a SIRET's) or RNA number that two actor IRIs of the file hold: one
    organisation, two nodes, unless the file (or another source) links them by owl:sameAs. Found in what the first
    pass read; the store is asked only about the IRIs of such a number (their types and labels)."""
    holders: dict[tuple, set] = {}
    for subject, value in observed.sirens.items():
        holders.setdefault(("SIREN", value.strip()), set()).add(subject)
    for subject, siret in observed.sirets.items():
        if subject not in observed.sirens and (siren := siren_of(siret)):
            holders.setdefault(("SIREN", siren), set()).add(subject)
    for subject, value in observed.rnas.items():
        holders.setdefault(("RNA", value.strip().upper()), set()).add(subject)
    shared = {key: named for key, subjects in holders.items()
              if len(named := sorted(s.value for s in subjects if isinstance(s, ox.NamedNode))) > 1}
    blanks = sorted((key, sum(isinstance(s, ox.BlankNode) for s in subjects)) for key, subjects in holders.items()
                    if len(subjects) > 1 and any(isinstance(s, ox.BlankNode) for s in subjects))
    if not shared:
        return _blanks_held_twice(blanks)
    iris = " ".join(f"<{iri}>" for iri in sorted(set().union(*shared.values())))
    labels = {str(s): (str(label) if label is not None else None) for s, label in query(_ACTORS_OF % (iris, source))}
    linked = {frozenset((str(a), str(b))) for a, b in query(_SAME_AS % iris)}
    found = []
    for (kind, number), named in sorted(shared.items()):
        actors = [iri for iri in named if iri in labels]
        first, *others = actors or [None]
        found += [(kind, number, first, other) for other in others if frozenset((first, other)) not in linked]
    issues = []
    for kind, number, first, other in found[:MAX_SHARED_SHOWN]:
        (first_fr, first_en), (other_fr, other_en) = (_labelled(iri, labels[iri]) for iri in (first, other))
        issues.append(Issue(
            "warning", f"acteurs {first_fr} et {other_fr} : même {kind} {number} dans ce fichier — deux nœuds pour "
                       f"une même organisation ; donnez-leur une seule IRI, ou déclarez <{other}> owl:sameAs "
                       f"<{first}>",
            f"actors {first_en} and {other_en}: same {kind} {number} in this file, two nodes for one organisation; "
            f"give them one IRI, or state <{other}> owl:sameAs <{first}>",
            field="mai:siren" if kind == "SIREN" else "mai:rna", value=number))
    return issues + _more(len(found) - MAX_SHARED_SHOWN,
                          "acteurs de ce fichier d'un même identifiant (SIREN, RNA) : {} autres",
                          "actors of this file with one identifier (SIREN, RNA): {} more") + _blanks_held_twice(blanks)


def _blanks_held_twice(blanks: list[tuple[tuple[str, str], int]]) -> list[Issue]:
    """A warning for each SIREN or RNA number that several nodes of the file hold, blank nodes among them (which
    no owl:sameAs can link): ``blanks`` gives each number and how many blank nodes hold it."""
    issues = []
    for (kind, number), count in blanks[:MAX_SHARED_SHOWN]:
        nodes_fr, nodes_en = (f"{count} nœuds anonymes (sans IRI)", f"{count} anonymous nodes (without an IRI)") \
            if count > 1 else ("un nœud anonyme (sans IRI)", "an anonymous node (without an IRI)")
        issues.append(Issue(
            "warning", f"{nodes_fr} et d'autres nœuds de ce fichier portent le même {kind} {number} — plusieurs nœuds "
                       "pour une même organisation ; donnez-leur une seule IRI",
            f"{nodes_en} and other nodes of this file hold the same {kind} {number}, several nodes for one "
            "organisation; give them one IRI", field="mai:siren" if kind == "SIREN" else "mai:rna", value=number))
    return issues + _more(len(blanks) - MAX_SHARED_SHOWN,
                          "identifiants (SIREN, RNA) portés par des nœuds anonymes et d'autres : {} autres",
                          "identifiers (SIREN, RNA) held by anonymous nodes and others: {} more")


#: Of some IRIs, those that some source types: the ones any source describes.
_TYPED = "SELECT DISTINCT ?x WHERE { VALUES ?x { %s } ?x a ?type }"


def same_as_nowhere(query, links: list[tuple]) -> list[Issue]:
    """A warning for each ``owl:sameAs`` of the file that names an IRI no source describes (no type anywhere, the
    file included): a mistyped IRI, or one guessed, links nothing, and the duplicate it was to join stays two
    nodes. One query, for a file that states owl:sameAs at all."""
    named = [(a, b) for a, b in links if isinstance(a, ox.NamedNode) and isinstance(b, ox.NamedNode)]
    if not named:
        return []
    iris = sorted({node.value for pair in named for node in pair})
    typed = set()
    for i in range(0, len(iris), 500):
        typed |= {str(row[0]) for row in query(_TYPED % " ".join(f"<{iri}>" for iri in iris[i:i + 500]))}
    issues = []
    for a, b in named:
        unknown = [node.value for node in (a, b) if node.value not in typed]
        if unknown:
            names = " et ".join(f"<{iri}>" for iri in unknown)
            names_en = " and ".join(f"<{iri}>" for iri in unknown)
            issues.append(Issue(
                "warning", f"<{a.value}> owl:sameAs <{b.value}> : {names} n'est décrit par aucune source (aucun "
                           "type) — ce lien ne relie rien ; vérifiez l'IRI (la page de l'acteur la donne)",
                f"<{a.value}> owl:sameAs <{b.value}>: {names_en} described by no source (no type), the link joins "
                "nothing; check the IRI (the actor's page gives it)", field="owl:sameAs", value=unknown[0]))
    return issues[:MAX_SHARED_SHOWN] + _more(len(issues) - MAX_SHARED_SHOWN,
                                             "liens owl:sameAs vers une IRI qu'aucune source ne décrit : {} autres",
                                             "owl:sameAs links to an IRI no source describes: {} more",
                                             "owl:sameAs")


def _other_named(their, file) -> tuple[tuple[str, str], tuple[str, str]]:
    """How a warning names another source's actor: its label ``their`` and its source's title ``file``, each in
    French and English, or nothing of what is unknown."""
    return ((f" « {their} »", f" '{their}'") if their is not None else ("", ""),
            (f" (source « {file} »)", f" (source '{file}')") if file is not None else ("", ""))


#: An actor that a source other than the file types (once for each source that types it).
_OTHER_ACTOR = f"GRAPH ?g {{ ?s a <{MAI.Actor}> }} FILTER(?g != <%(source)s>) "
#: A label that the file gives an IRI.
_FILE_LABEL = f"GRAPH <%(source)s> {{ ?s <{RDFS.label}> ?l }} FILTER(isIRI(?s)) "
#: The file's labels of IRIs (of ``%(actors)s`` if given) that another source types as actors, but for the names
#: those sources give them too; with each actor's name there and the source's title.
_NAMES_GIVEN = ("SELECT ?s ?l (SAMPLE(?their) AS ?theirLabel) (SAMPLE(?title) AS ?file) WHERE { %(actors)s "
                + _FILE_LABEL + _OTHER_ACTOR +
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
        actors = sorted({f"<{s}>" for s, in query(f"SELECT DISTINCT ?s WHERE {{ {_OTHER_ACTOR} }}"
                                                   % {"source": source}) if isinstance(s, URIRef)})
        rows = [row for batch in _batches(actors)
                for row in query(_NAMES_GIVEN % {"actors": f"VALUES ?s {{ {batch} }}", "source": source})]
    issues = []
    for s, label, their, file in rows[:MAX_SHARED_SHOWN]:
        (their_fr, their_en), (from_fr, from_en) = _other_named(their, file)
        issues.append(Issue(
            "warning", f"acteur <{s}>{their_fr}{from_fr} : ce fichier lui donne le nom « {label} » — les noms d'un "
                       "fichier RDF sont les siens, l'explorateur montrera les deux ; si ce fichier parle d'une autre "
                       "organisation, donnez-lui une IRI à lui",
            f"actor <{s}>{their_en}{from_en}: this file gives it the name '{label}'; an RDF file's names are its "
            "own, the explorer will show both; if this file means another organisation, give it an IRI of its own",
            line=observed.line_of(str(label)), field="rdfs:label", value=str(label)))
    return issues + _more(len(rows) - MAX_SHARED_SHOWN, "noms donnés à des acteurs d'autres sources : {} autres",
                          "names given to actors of other sources: {} more", "rdfs:label")


#: The names of the other sources' actors: their name keys (a table's actors: :mod:`graph.resolution`), and, for
#: an RDF file's (which has none), their labels as written; each with the lookup of some of them.
_OTHER_KEYS = f"GRAPH ?g {{ ?other <{MAI.nameKey}> ?key }} FILTER(?g != <%(source)s>)"
_KEYED = f"SELECT DISTINCT ?key ?other WHERE {{ VALUES ?key {{ %(values)s }} {_OTHER_KEYS} }}"
_OTHER_LABELS = (f"GRAPH ?g {{ ?g <{DCTERMS.type}> \"rdf\" . ?other a <{MAI.Actor}> ; <{RDFS.label}> ?key }} "
                 "FILTER(?g != <%(source)s>)")
_LABELLED = f"SELECT DISTINCT ?key ?other WHERE {{ VALUES ?key {{ %(values)s }} {_OTHER_LABELS} }}"
#: Of pairs (actor of the file, namesake), those that no owl:sameAs links and that do not both hold a SIREN, or both
#: an RNA number: two tell them apart, the same one is warned of as such (:func:`shared_identifiers`); with the
#: namesake's label and source.
_NAMESAKES = (f"SELECT ?s ?other (SAMPLE(?their) AS ?theirLabel) (SAMPLE(?title) AS ?file) WHERE {{ "
              f"VALUES (?s ?other) {{ %s }} FILTER NOT EXISTS {{ ?s <{OWL.sameAs}>|^<{OWL.sameAs}> ?other }} "
              f"FILTER NOT EXISTS {{ VALUES ?id {{ <{MAI.siren}> <{MAI.rna}> }} ?s ?id ?a . ?other ?id ?b }} "
              f"GRAPH ?g {{ ?other a <{MAI.Actor}> }} FILTER(?g != <%s>) "
              f"OPTIONAL {{ GRAPH ?g {{ ?other <{RDFS.label}> ?their }} }} OPTIONAL {{ ?g <{DCTERMS.title}> ?title }} "
              "} GROUP BY ?s ?other ORDER BY ?s ?other")


def namesakes(query, source: URIRef, observed) -> list[Issue]:
    """A warning for each actor of the file (an IRI it types with a contract class) whose label's name key is that
    of an actor of another source under another IRI, that no owl:sameAs links to it: the file's IRI is kept, so one
    organisation may be two nodes. The file's labels come from the first pass. Of each kind of the other sources'
    names, all are read when they are the fewer (their keys made here; the other RDF files' labels, up to
    :data:`RDF_NAMES_READ`), else the file's are looked up: by their key, or as written in other RDF files, whose
    labels the store holds no key of (in a few usual forms: plain or French, in capitals or not)."""
    classes = _actor_classes()
    actors = {s.value for s, cls in observed.types if isinstance(s, ox.NamedNode) and cls in classes}
    sides = [(count <= bound, pattern, lookup)
             for pattern, lookup, bound in ((_OTHER_KEYS, _KEYED, len(actors)),
                                            (_OTHER_LABELS, _LABELLED, max(len(actors), RDF_NAMES_READ)))
             if actors and (count := _counted(query, pattern % {"source": source}, bound))]
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
        issues.append(_twin(s, label, other, their, file, (f"même nom (clé « {key} »)", f"same name (key '{key}')"),
                            "rdfs:label", label, maybe=True, line=observed.line_of(label)))
    return issues + _more(len(rows) - MAX_SHARED_SHOWN,
                          "acteurs du nom d'un acteur d'une autre source : {} autres",
                          "actors with the name of another source's actor: {} more", "rdfs:label")


def _counted(query, pattern: str, bound: int) -> int:
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


#: Identifiers that other vocabularies give and Maillage does not read: schema.org's tax ID and identifier (a text,
#: or a PropertyValue whose propertyID says what it is), the Organization ontology's identifier. None that the file
#: also gives by the contract's property (the same value).
_UNREAD = (f"SELECT DISTINCT ?s ?p ?v ?kind WHERE {{ GRAPH <%s> {{ "
           f"{{ VALUES ?p {{ <{SCHEMA.taxID}> <{SCHEMA.identifier}> <{ORG.identifier}> }} ?s ?p ?v "
           "FILTER(isLiteral(?v)) } "
           f"UNION {{ ?s <{SCHEMA.identifier}> ?node . ?node <{SCHEMA.propertyID}> ?kind ; <{SCHEMA.value}> ?v "
           f"BIND(<{SCHEMA.identifier}> AS ?p) }} "
           f"FILTER NOT EXISTS {{ ?s <{MAI.siren}>|<{MAI.siret}>|<{MAI.rna}> ?same FILTER(STR(?same) = STR(?v)) }} "
           "} } ORDER BY ?s ?p ?v")
#: The contract's property of each kind of identifier, and its form (spaces aside) when nothing else says the kind.
_READ_AS = {"SIREN": MAI.siren, "SIRET": MAI.siret, "RNA": MAI.rna}
_FORMS = (("SIREN", re.compile(r"\d{9}")), ("SIRET", re.compile(r"\d{14}")), ("RNA", re.compile(r"W\d{9}", re.I)))


def unread_identifiers(query, source: URIRef, observed) -> list[Issue]:
    """One warning for the SIRENs, SIRETs and RNA numbers that the file gives by properties Maillage does not read
    (schema:taxID, schema:identifier, org:identifier), each with the statement that it reads: without it, the actor
    is matched to no other source's, nor told a twin of one. One query on the file's graph."""
    found = []
    for s, p, value, kind in query(_UNREAD % source):
        kind = str(kind).strip().upper() if kind is not None else \
            next((name for name, form in _FORMS if form.fullmatch(str(value).replace(" ", ""))), None)
        if kind in _READ_AS:
            found.append((s, p, str(value), kind))
    if not found:
        return []
    shown, shown_en = [], []
    for s, p, value, kind in found[:MAX_STATEMENTS_SHOWN]:
        node, node_en = (f"<{s}>", f"<{s}>") if isinstance(s, URIRef) else ("[un nœud anonyme]", "[a blank node]")
        said = f'{short(str(p))} "{value}"' + ("" if p == SCHEMA.taxID else f" ({kind})")
        shown.append(f'{node} {said} → {node} {short(str(_READ_AS[kind]))} "{value}"')
        shown_en.append(f'{node_en} {said} → {node_en} {short(str(_READ_AS[kind]))} "{value}"')
    more, more_en = (f" ; … ({len(found)} en tout)", f"; … ({len(found)} in all)") \
        if len(found) > MAX_STATEMENTS_SHOWN else ("", "")
    return [Issue("warning", f"identifiants que Maillage ne lit pas : {' ; '.join(shown)}{more} — ni schema:taxID, ni "
                             "schema:identifier, ni org:identifier ne sont lus ; donnez le SIREN par mai:siren, le "
                             "SIRET par mai:siret, le numéro RNA par mai:rna",
                  f"identifiers that Maillage does not read: {'; '.join(shown_en)}{more_en}; neither schema:taxID, "
                  "schema:identifier nor org:identifier is read; give the SIREN as mai:siren, the SIRET as mai:siret, "
                  "the RNA number as mai:rna", line=observed.line_of(found[0][2]), field=short(str(found[0][1])),
                  value=found[0][2])]


#: The labels of the file's actors without an IRI (their types materialised).
_BLANK_ACTORS = (f"SELECT ?s ?l WHERE {{ GRAPH <%s> {{ ?s a <{MAI.Actor}> FILTER(isBlank(?s)) "
                 f"OPTIONAL {{ ?s <{RDFS.label}> ?l }} }} }}")
#: Actors without an IRI named in the warning, at most.
MAX_BLANKS_SHOWN = 3


def blank_actors(query, source: URIRef, observed) -> list[Issue]:
    """A warning for the actors of the file that are blank nodes (``[] a mai:UserGroup``): counted among the actors,
    but no search result, page nor link of another source can name them. A look at the types that the first pass
    read; a query for their labels when there are some."""
    classes = _actor_classes()
    if not any(isinstance(subject, ox.BlankNode) and cls in classes for subject, cls in observed.types):
        return []
    labels: dict = {}  # each actor without an IRI -> its labels
    for s, label in query(_BLANK_ACTORS % source):
        labels.setdefault(s, []).extend([label] if label is not None else [])
    count = len(labels)
    # each one's label in French (or without a language) if it has one
    shown = sorted(str(min(found, key=lambda label: label.language not in (None, "fr")))
                   for found in labels.values() if found)[:MAX_BLANKS_SHOWN]
    names_fr = ", ".join(f"« {name} »" for name in shown) + (", …" if count > len(shown) else "")
    names_en = ", ".join(f"'{name}'" for name in shown) + (", …" if count > len(shown) else "")
    if count > 1:
        who, who_en = f"{count} acteurs anonymes (nœuds sans IRI)", f"{count} anonymous actors (nodes without an IRI)"
        fr, en = ("comptés", "ils ne sont", "liés", "leur"), ("they are", "them")
    else:
        who, who_en = "acteur anonyme (nœud sans IRI)", "anonymous actor (a node without an IRI)"
        fr, en = ("compté", "il n'est", "lié", "lui"), ("it is", "it")
    return [Issue("warning", f"{who}{' ' + names_fr if shown else ''} : {fr[0]} parmi les acteurs, {fr[1]} pourtant "
                             f"ni dans la recherche, ni sur une page, ni {fr[2]} par une autre source — un acteur a "
                             f"besoin d'une IRI pour être trouvé, lié et montré ; donnez-{fr[3]}-en une (<https://…> "
                             "au lieu de [ … ] ou _:…)",
                  f"{who_en}{' ' + names_en if shown else ''}: counted among the actors, {en[0]} yet neither in the "
                  "search, nor on a page, nor linked by another source; an actor needs an IRI to be found, linked "
                  f"and shown; give {en[1]} one (<https://…> instead of [ … ] or _:…)",
                  line=observed.line_of(shown[0]) if shown else None)]


@cache
def _actor_classes() -> frozenset:
    """The contract's classes of actors (mai:Actor and its subclasses), as the first pass reads types."""
    return frozenset(ox.NamedNode(str(cls)) for cls, sups in superclasses().items() if MAI.Actor in sups) \
        | {ox.NamedNode(str(MAI.Actor))}


def _labelled(iri: str, label: str | None) -> tuple[str, str]:
    """An actor as a warning names it: its IRI, and its label when it has one (French, English)."""
    return (f"<{iri}> « {label} »", f"<{iri}> '{label}'") if label is not None else (f"<{iri}>", f"<{iri}>")


def _more(more: int, french: str, english: str, field: str | None = None) -> list[Issue]:
    """The one warning that counts the ``more`` issues of a kind left unshown (none when ``more`` is not positive);
    ``french`` and ``english`` hold ``{}`` for the count."""
    if more <= 0:
        return []
    return [Issue("warning", french.format(more), english.format(more), field=field)]


def short(iri: str) -> str:
    """A prefixed name for an IRI of a known vocabulary, else the IRI between <>.

    >>> short("https://w3id.org/maillage/ontology#Grant"), short("https://ex.org/a")
    ('mai:Grant', '<https://ex.org/a>')
    """
    for prefix, namespace in (*PREFIXES.items(), *_MORE_PREFIXES.items()):
        if iri.startswith(str(namespace)) and iri != str(namespace):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return f"<{iri}>"


def invalid_sirets(sirets: dict, unquoted=lambda: set()) -> list[Issue]:
    """A warning for each SIRET of 14 digits whose check digit is wrong (SHACL tells the others: not 14 digits,
    or written as a number, the values that ``unquoted()`` gives, asked only when some key is wrong). The tables
    ignore such a SIRET; an RDF file's statement is kept as the file gives it."""
    suspects = [(value, subject) for subject, value in sirets.items() if not _luhn_sum_ok(value)]
    wrong = sorted(((value, subject) for value, subject in suspects if len(value) == 14 and value.isdigit()
                    and not (value.startswith(LA_POSTE_SIREN) and siret_ok(value))), key=itemgetter(0))
    if wrong and (numbers := unquoted()):
        wrong = [(value, subject) for value, subject in wrong if value.lstrip("0") not in numbers]
    issues = [Issue("warning", f"SIRET invalide (clé de contrôle) de {_node(subject)} : gardé tel que le fichier "
                               "le donne ; vérifiez-le (SIRENE, annuaire-entreprises.data.gouv.fr)",
                    f"invalid SIRET (check digit) of {_node(subject, 'en')}: kept as the file gives it; check it "
                    "(SIRENE, annuaire-entreprises.data.gouv.fr)", field="mai:siret", value=value)
              for value, subject in wrong[:MAX_SIRETS_SHOWN]]
    return issues + _more(len(wrong) - MAX_SIRETS_SHOWN, "SIRET invalides (clé de contrôle) : {} autres",
                          "invalid SIRETs (check digit): {} more", "mai:siret")


def _unquoted_sirets(query, source: URIRef) -> set[str]:
    """The SIRETs of the graph ``source`` that are not strings (a number: SHACL says to quote it), without their
    leading zeros (the store writes 03312345600012 as 3312345600012)."""
    rows = query(_UNQUOTED % source).raw_rows()
    return {term_parts(row[0])[1].lstrip("0") for row in rows}


_DOUBLED = str.maketrans("0123456789", "0246813579")  # a digit doubled, less 9 past 9


def _luhn_sum_ok(digits: str) -> bool:
    """The Luhn check of a string of digits, in C loops (a bulk file's 100k SIRETs: 0.08 s instead of 0.7 s):
    the sum of the digits is the sum of their bytes less 48 ('0') each.

    >>> _luhn_sum_ok("21060004500392"), _luhn_sum_ok("22420001800018"), _luhn_sum_ok("244200770")
    (True, False, True)
    """
    doubled = digits[-2::-2].translate(_DOUBLED)
    return (sum(digits[-1::-2].encode()) + sum(doubled.encode()) - 48 * len(digits)) % 10 == 0


def _node(term, lang: str = "fr") -> str:
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    return "a blank node" if lang == "en" else "un nœud anonyme"


def contract_redefinitions(query, source: URIRef, subjects: set[str], strict: bool = False) -> list[Issue]:
    """One issue naming the statements of the file about ``mai:`` terms (the vocabulary contract) that the shipped
    ontology does not make: a subclass, a range, a label, a new class. Maillage keeps reading its own ontology, but a
    SPARQL user's ``rdfs:subClassOf*`` would follow the file's."""
    terms = sorted(s for s in subjects if s.startswith(str(MAI)) and s != str(MAI))
    if not terms:
        return []
    vocabularies = " ".join(f"<{iri}>" for iri in VOCABULARY_FILES.values())
    rows = query(_ABOUT_TERMS % (" ".join(f"<{t}>" for t in terms), source, vocabularies)).raw_rows()
    statements = sorted(" ".join(_written(term) for term in row) for row in rows)
    if not statements:
        return []
    shown = " ; ".join(statements[:MAX_STATEMENTS_SHOWN])
    more = len(statements) - MAX_STATEMENTS_SHOWN
    more_fr, more_en = (f" ; … ({len(statements)} en tout)", f"; … ({len(statements)} in all)") if more > 0 \
        else ("", "")
    refused_fr, refused_en = (" : refusé (--strict)", ": refused (--strict)") if strict else \
        (" ; Maillage lit sa propre ontologie, mais une requête SPARQL lira aussi celles-ci",
         "; Maillage reads its own ontology, but a SPARQL query will read these too")
    return [Issue("error" if strict else "warning",
                  f"le fichier redéfinit des termes du vocabulaire de Maillage (mai:) : {shown}{more_fr}{refused_fr}"
                  " ; retirez ces déclarations, ou mettez vos termes dans votre propre espace de noms",
                  f"the file redefines terms of Maillage's vocabulary (mai:): {shown}{more_en}{refused_en}; remove "
                  "these statements, or put your terms in your own namespace")]


def _written(term) -> str:
    kind, value, datatype, lang = term_parts(term)
    if kind == "iri":
        return short(value)
    if kind == "literal":
        return f'"{value}"' + (f"@{lang}" if lang else "" if datatype.endswith("#string") else f"^^{short(datatype)}")
    return "[]"


def no_contract_class(types: list[tuple]) -> Issue | None:
    """A warning for a file that types resources, none with a class of the contract: nothing of it becomes an actor,
    a grant or a deliberation. It names the classes found, each with the contract's classes to type it as."""
    # Counted as terms, named once each: reading a term's string out of Oxigraph costs ~3 µs (0.28 s for 100k).
    counts = Counter({cls.value: n for cls, n in Counter(cls for _, cls in types).items()
                      if isinstance(cls, ox.NamedNode)})
    ontology, read = _contract_classes()
    if any(URIRef(cls) in ontology for cls in counts) or all(URIRef(cls) in read for cls in counts):
        return None  # a class of the contract, or only the standard ones it reads (memberships of known actors)
    found_fr, found_en = [], []
    for cls, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_CLASSES_SHOWN]:
        typed_as = [short(str(c)) for c in _typed_as(URIRef(cls))]
        advice, advice_en = " ou ".join(typed_as), " or ".join(typed_as)
        found_fr.append(f"{short(cls)} ({count})" + (f" → typez-les {advice}" if advice else ""))
        found_en.append(f"{short(cls)} ({count})" + (f" → type them {advice_en}" if advice_en else ""))
    more = len(counts) - MAX_CLASSES_SHOWN
    return Issue("warning",
                 "aucune ressource des classes du contrat de Maillage (mai:Association, mai:PublicAuthority, "
                 "mai:Grant, mai:Deliberation…) : rien de ce fichier ne sera lu comme acteur, subvention ou "
                 f"délibération ; classes trouvées : {' ; '.join(found_fr)}"
                 + (f" ; et {more} autre{'s' if more > 1 else ''}" if more > 0 else ""),
                 "no resource of the classes of Maillage's contract (mai:Association, mai:PublicAuthority, "
                 "mai:Grant, mai:Deliberation…): nothing in this file will be read as an actor, a grant or a "
                 f"deliberation; classes found: {'; '.join(found_en)}" + (f"; and {more} more" if more > 0 else ""))


@cache
def _contract_classes() -> tuple[frozenset[URIRef], frozenset[URIRef]]:
    """The ontology's classes, and the standard classes that Maillage reads (those its shapes target: memberships,
    persons, places): read once, as the ontology and the shapes are."""
    from graph.validation import compiled_shapes

    ontology = frozenset(load_ontology().subjects(RDF.type, OWL.Class))
    return ontology, ontology | {URIRef(s.target) for s in compiled_shapes()}


def _typed_as(cls: URIRef) -> list[URIRef]:
    """The contract's classes that have ``cls`` among their superclasses (schema:NGO: mai:Association); for an
    organisation class the ontology does not name, the main kinds of actors."""
    if cls in _ORGANISATIONS:
        return list(_ACTOR_KINDS)
    under = sorted(c for c, sups in superclasses().items() if cls in sups and c.startswith(str(MAI)))
    if len(under) > len(_ACTOR_KINDS) and all(MAI.Actor in superclasses().get(c, ()) for c in under):
        return list(_ACTOR_KINDS)  # foaf:Agent: any actor
    return under


__all__ = ["rdf_file_issues", "invalid_sirets", "shared_identifiers", "identifiers_held_twice", "same_as_nowhere",
           "names_given", "namesakes", "unread_identifiers", "blank_actors", "contract_redefinitions",
           "no_contract_class", "short"]
