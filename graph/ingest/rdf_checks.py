"""What an RDF file's report says beyond SHACL, from what the first pass read (:mod:`graph.ingest.rdf_first_pass`):
SIRETs whose check digit is wrong, statements that redefine the vocabulary contract, and a file that names none of
the contract's classes (so that nothing of it is read as an actor, a grant or a deliberation).

These are per-file checks on the SIRETs, types and subjects that the first pass collects anyway (a 100k-actor
N-Triples file: ~0.1 s); a query runs only for a file that has ``mai:`` subjects, or a SIRET whose key is wrong.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from operator import itemgetter

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from graph.identifiers import LA_POSTE_SIREN, siret_ok
from graph.identity import siren_of
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
        kind, file = "SIREN" if p == MAI.siren else "RNA", files.get((other, p, number))
        own_fr, own_en = (f" « {own} »", f" '{own}'") if own is not None else ("", "")
        their_fr, their_en = (f" « {their} »", f" '{their}'") if their is not None else ("", "")
        from_fr, from_en = (f" (source « {file} »)", f" (source '{file}')") if file is not None else ("", "")
        # a blank node is no IRI to link: the file names the organisation by the IRI already present, or by none
        blank = isinstance(s, BNode)
        who_fr, who_en = ("acteur anonyme (nœud sans IRI)", "anonymous actor (a node without an IRI)") if blank \
            else (f"acteur <{s}>", f"actor <{s}>")
        or_fr, or_en = ("", "") if blank else (f", ou déclarez <{s}> owl:sameAs <{other}>",
                                               f", or state <{s}> owl:sameAs <{other}>")
        issues.append(Issue(
            "warning", f"{who_fr}{own_fr} : même {kind} {number} que <{other}>{their_fr}, déjà présent"
                       f"{from_fr} — deux nœuds pour une même organisation ; donnez-lui dans ce fichier l'IRI "
                       f"déjà présente <{other}>{or_fr}",
            f"{who_en}{own_en}: same {kind} {number} as <{other}>{their_en}, already present{from_en}, two nodes "
            f"for one organisation; give it the IRI already present <{other}> in this file{or_en}",
            field=f"mai:{p.rsplit('#', 1)[-1]}", value=str(number)))
    return issues + _more(len(rows) - MAX_SHARED_SHOWN,
                          "acteurs d'un identifiant (SIREN, RNA) déjà porté par un autre acteur : {} autres",
                          "actors with an identifier (SIREN, RNA) another actor already holds: {} more")


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
           "contract_redefinitions", "no_contract_class", "short"]
