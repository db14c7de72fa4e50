"""One organisation as two nodes, told by identifiers at an RDF file's ingest (:mod:`graph.ingest.rdf_checks`): an
actor of the file whose SIREN or RNA number another source's actor IRI already holds, two nodes of the file that hold
one, and an owl:sameAs of the file that names an IRI no source describes (so links nothing).
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, OWL, RDFS

from graph.identity import siren_of
from graph.ingest.base import Issue
from graph.ingest.rdf_check_wording import MAX_SHARED_SHOWN, more_unshown, twin_issue
from graph.namespaces import MAI

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
#: The sources that give the other actors their identifier: asked apart, only when some actor is found (in the
#: query above, Oxigraph ran this part first, over every graph: 0.33 s for a file of 200k triples without one).
_HOLDING_SOURCES = (f"SELECT ?other ?p ?id (SAMPLE(?title) AS ?file) WHERE {{ VALUES (?other ?p ?id) {{ %s }} "
                    f"GRAPH ?g {{ ?other ?p ?id }} ?g <{DCTERMS.title}> ?title FILTER(?g != <%s>) }} "
                    "GROUP BY ?other ?p ?id")


def shared_identifiers(query, source: URIRef, many: bool = False, observed=None) -> list[Issue]:
    """A warning for each actor of the file whose SIREN, SIRET or RNA number another actor IRI of the store already
    holds: an RDF file keeps its own IRIs, so one organisation would be two nodes, each with part of its grants
    (ingested after a table that minted the actor from its SIREN). One warning a pair of nodes, naming every
    identifier they share (a SIREN and an RNA number), at the line of the actor in the file (``observed``, its first
    pass, tells it). One query a file (two when some is found); ``many``: the file has many identifiers, the join
    starts from the other sources'."""
    join = (_FROM_OTHERS if many else _FROM_FILE) % {"source": source}
    rows = list(query(_SHARED % {"join": join, "source": source}))
    if not rows:
        return []
    pairs: dict[tuple, list] = {}  # (the file's actor, the other): the rows of their identifiers, in order
    for row in rows:
        pairs.setdefault((row[0], row[3]), []).append(row)
    shown = list(pairs.values())[:MAX_SHARED_SHOWN]
    values = " ".join(f"({other.n3()} {p.n3()} {number.n3()})" for pair in shown for _, p, number, other, _, _ in pair)
    files = {(other, p, number): file for other, p, number, file in query(_HOLDING_SOURCES % (values, source))}
    named = [str(pair[0][0]) for pair in shown if isinstance(pair[0][0], URIRef)]
    lines = dict(zip(named, observed.lines_of([(s, "", None) for s in named]))) if observed is not None else {}
    sirets = _sirets_only(observed)
    issues = []
    for pair in shown:
        s, p, number, other, own, their = pair[0]
        said = [("SIREN" if p == MAI.siren else "RNA", str(number)) for _, p, number, *_ in pair]
        siret = sirets.get(str(s)) if p == MAI.siren else None
        of_fr, of_en = (f" (celui de son SIRET {siret})", f" (its SIRET's, {siret})") if siret else ("", "")
        same_fr = " et ".join(f"même {kind} {number}" for kind, number in said).replace(f"SIREN {number}",
                                                                                        f"SIREN {number}{of_fr}", 1)
        same_en = " and ".join(f"same {kind} {number}" for kind, number in said).replace(f"SIREN {number}",
                                                                                         f"SIREN {number}{of_en}", 1)
        field, value = ("mai:siret", siret) if siret else (f"mai:{p.rsplit('#', 1)[-1]}", str(number))
        issues.append(twin_issue(s, own, other, their, files.get((other, p, number)), (same_fr, same_en),
                                 field, value, line=lines.get(str(s))))
    return issues + more_unshown(len(pairs) - MAX_SHARED_SHOWN,
                                 "acteurs d'un identifiant (SIREN, RNA) déjà porté par un autre acteur : {} autres",
                                 "actors with an identifier (SIREN, RNA) another actor already holds: {} more")


def _sirets_only(observed) -> dict[str, str]:
    """The SIRET of each actor IRI of the file that states one and no SIREN (``observed``, its first pass, read
    them): its SIREN is the SIRET's, which the ingest derived, and a warning quotes what the file states."""
    if observed is None:
        return {}
    return {subject.value: str(siret).strip() for subject, siret in observed.sirets.items()
            if isinstance(subject, ox.NamedNode) and subject not in observed.sirens}


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
    more = more_unshown(len(found) - MAX_SHARED_SHOWN,
                        "acteurs de ce fichier d'un même identifiant (SIREN, RNA) : {} autres",
                        "actors of this file with one identifier (SIREN, RNA): {} more")
    return issues + more + _blanks_held_twice(blanks)


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
    return issues + more_unshown(len(blanks) - MAX_SHARED_SHOWN,
                                 "identifiants (SIREN, RNA) portés par des nœuds anonymes et d'autres : {} autres",
                                 "identifiers (SIREN, RNA) held by anonymous nodes and others: {} more")


def _labelled(iri: str, label: str | None) -> tuple[str, str]:
    """An actor as a warning names it: its IRI, and its label when it has one (French, English)."""
    return (f"<{iri}> « {label} »", f"<{iri}> '{label}'") if label is not None else (f"<{iri}>", f"<{iri}>")


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
    more = more_unshown(len(issues) - MAX_SHARED_SHOWN,
                        "liens owl:sameAs vers une IRI qu'aucune source ne décrit : {} autres",
                        "owl:sameAs links to an IRI no source describes: {} more", "owl:sameAs")
    return issues[:MAX_SHARED_SHOWN] + more
