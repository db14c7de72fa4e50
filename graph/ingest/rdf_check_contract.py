"""An RDF file against Maillage's vocabulary contract, checked at ingest (:mod:`graph.ingest.rdf_checks`): statements
that redefine the contract's ``mai:`` terms, ``mai:`` names that it does not define (misspelt), and a file that types
resources with none of the contract's classes (so that nothing of it is read as an actor, a grant or a
deliberation). Also the contract's classes of actors, as the
first pass reads types, for the checks that look at the file's actors.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import OWL, PROV, RDF, SKOS

from graph.ingest.base import Issue
from graph.ingest.rdf_check_wording import MAX_SHARED_SHOWN, MAX_STATEMENTS_SHOWN, more_unshown, short
from graph.ingest.rdf_namespaces import contract_iri
from graph.namespaces import FOAF, MAI, ORG, SCHEMA
from graph.ontology import VOCABULARY_FILES, load_ontology, superclasses
from graph.terms import term_parts

#: Classes named in the warning of a file without any of the contract's, at most.
MAX_CLASSES_SHOWN = 6
#: Classes of other vocabularies for organisations that the ontology does not name as a superclass of an actor.
_ORGANISATIONS = {FOAF.Organization, SCHEMA.Organization, ORG.Organization, SCHEMA.Corporation,
                  SCHEMA.LocalBusiness, SCHEMA.MedicalOrganization}
_ACTOR_KINDS = (MAI.Association, MAI.PublicAuthority, MAI.Enterprise)
#: The statements of a file's graph about some ``mai:`` terms that no shipped vocabulary states (Maillage's own
#: provenance link aside).
_ABOUT_TERMS = ("SELECT ?s ?p ?o WHERE { VALUES ?s { %s } GRAPH <%s> { ?s ?p ?o } "
                f"FILTER(?p != <{PROV.wasDerivedFrom}>) "
                "FILTER NOT EXISTS { VALUES ?vocabulary { %s } GRAPH ?vocabulary { ?s ?p ?o } } }")


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


def unknown_terms(observed, strict: bool = False) -> list[Issue]:
    """A warning for each ``mai:`` name that the file uses as a class or a property and that the vocabulary does not
    define (``mai:Grnat``, ``mai:benefciary``), at its line, with the term it likely stands for: Maillage reads
    nothing of it (a resource typed so is no grant), silently. An error under ``strict``, which refuses the file,
    as it refuses one that redefines the contract's terms."""
    from graph.sparql_text import meant_term, vocabulary_terms  # the query's slips, told alike

    unknown = observed.contract_terms(vocabulary_terms())
    issues = []
    for local, role in unknown[:MAX_SHARED_SHOWN]:
        meant = meant_term(local)
        role_fr, role_en = ("classe", "class") if role == "class" else ("propriété", "property")
        meant_fr, meant_en = (f" ; vouliez-vous dire mai:{meant} ?", f"; did you mean mai:{meant}?") if meant \
            else ("", "")
        refused_fr, refused_en = (" ; refusé (--strict)", "; refused (--strict)") if strict else ("", "")
        issues.append(Issue("error" if strict else "warning",
                            f"mai:{local} n'est pas un terme du vocabulaire{meant_fr} ({role_fr} inconnue de "
                            f"l'ontologie : Maillage ne lit rien de ce qu'elle dit){refused_fr}",
                            f"mai:{local} is not a term of the vocabulary{meant_en} (a {role_en} the ontology does "
                            f"not define: Maillage reads nothing of what it says){refused_en}",
                            line=observed.line_of_term(str(MAI) + local), field=f"mai:{local}"))
    return issues + more_unshown(len(unknown) - MAX_SHARED_SHOWN,
                                 "termes mai: que le vocabulaire ne définit pas : {} autres",
                                 "mai: terms the vocabulary does not define: {} more")


def _written(term) -> str:
    kind, value, datatype, lang = term_parts(term)
    if kind == "iri":
        return short(value)
    if kind == "literal":
        return f'"{value}"' + (f"@{lang}" if lang else "" if datatype.endswith("#string") else f"^^{short(datatype)}")
    return "[]"


def no_contract_class(types: list[tuple], goals=lambda: True) -> Issue | None:
    """A warning for a file that types resources, none with a class of the contract: nothing of it becomes an actor,
    a grant or a deliberation. It names the classes found, each with the contract's classes to type it as; a class
    of a miswritten namespace (``<https://schema.org/NGO>``: :mod:`graph.ingest.rdf_namespaces`) with those of the
    class it stands for; none for a standard class that Maillage reads as it is (``org:Membership``), whose
    resources the warning says are read. ``skos:Concept`` is advised as ``mai:StrategicGoal`` only if ``goals()``
    (:func:`concepts_as_goals`): a partner's concepts are most often themes, which typed so would be bogus goals."""
    # Counted as terms, named once each: reading a term's string out of Oxigraph costs ~3 µs (0.28 s for 100k).
    counts = Counter({cls.value: n for cls, n in Counter(cls for _, cls in types).items()
                      if isinstance(cls, ox.NamedNode)})
    ontology, read = _contract_classes()
    if any(URIRef(cls) in ontology for cls in counts) or all(URIRef(cls) in read for cls in counts):
        return None  # a class of the contract, or only the standard ones it reads (memberships of known actors)
    found_fr, found_en = [], []
    for cls, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_CLASSES_SHOWN]:
        advice, advice_en = _advice(cls, read, goals)
        found_fr.append(f"{short(cls)} ({count})" + (f" → typez-les {advice}" if advice else ""))
        found_en.append(f"{short(cls)} ({count})" + (f" → type them {advice_en}" if advice_en else ""))
    more = len(counts) - MAX_CLASSES_SHOWN
    kept = sorted((cls, n) for cls, n in counts.items() if URIRef(cls) in read)
    kept_fr = ", ".join(f"{short(cls)} ({n})" for cls, n in kept)
    read_fr, read_en = (f" (seules ses ressources {kept_fr} sont lues, telles quelles)",
                        f" (only its {kept_fr} resources are read, as they are)") if kept else ("", "")
    return Issue("warning",
                 "aucune ressource des classes du contrat de Maillage (mai:Association, mai:PublicAuthority, "
                 "mai:Grant, mai:Deliberation…) : rien de ce fichier ne sera lu comme acteur, subvention ou "
                 f"délibération{read_fr} ; classes trouvées : {' ; '.join(found_fr)}"
                 + (f" ; et {more} autre{'s' if more > 1 else ''}" if more > 0 else ""),
                 "no resource of the classes of Maillage's contract (mai:Association, mai:PublicAuthority, "
                 "mai:Grant, mai:Deliberation…): nothing in this file will be read as an actor, a grant or a "
                 f"deliberation{read_en}; classes found: {'; '.join(found_en)}"
                 + (f"; and {more} more" if more > 0 else ""))


def _advice(cls: str, read: frozenset[URIRef], goals) -> tuple[str, str]:
    """The contract's classes to type the resources of ``cls`` as (French, English), or nothing: for a class that
    Maillage reads as it is, and for ``skos:Concept`` unless ``goals()``."""
    if URIRef(cls) in read or (URIRef(cls) == SKOS.Concept and not goals()):
        return "", ""
    meant = URIRef(contract_iri(cls))
    typed_as = [short(str(c)) for c in _typed_as(meant) or ([meant] if str(meant) != cls and meant in read else [])]
    return " ou ".join(typed_as), " or ".join(typed_as)


#: Whether some concept of a file's graph is a goal: the object of mai:contributesTo or mai:hasGoal (in any graph),
#: or in a scheme that holds a strategic goal.
_GOALS = (f"ASK {{ GRAPH <%s> {{ ?c a <{SKOS.Concept}> }} "
          f"{{ ?x <{MAI.contributesTo}>|<{MAI.hasGoal}> ?c }} UNION "
          f"{{ ?c <{SKOS.inScheme}> ?scheme . ?goal <{SKOS.inScheme}> ?scheme ; a <{MAI.StrategicGoal}> }} }}")


def concepts_as_goals(query, source: URIRef) -> bool:
    """Whether the concepts of the file's graph ``source`` may be strategic goals (:data:`_GOALS`): only then is
    ``skos:Concept`` advised as ``mai:StrategicGoal``. One query, asked only when the advice is given."""
    return bool(query(_GOALS % source).boolean)


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


@cache
def actor_classes() -> frozenset:
    """The contract's classes of actors (mai:Actor and its subclasses), as the first pass reads types."""
    return frozenset(ox.NamedNode(str(cls)) for cls, sups in superclasses().items() if MAI.Actor in sups) \
        | {ox.NamedNode(str(MAI.Actor))}
