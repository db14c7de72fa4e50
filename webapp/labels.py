"""Labels and tooltips of vocabulary terms in the interface's language: the ontology first, then our own table.

The ontology (``ontology/maillage.ttl``) labels and comments every ``mai:`` term in French and English; the
standard terms that the contract reuses (``schema:funder``, ``org:role``…) get theirs from :data:`STANDARD`.
Inverse relations ("financeur de", "membre de"…) have their own labels in :data:`INVERSE`.
"""

from __future__ import annotations

from functools import cache

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, VANN

from graph.namespaces import MAI, OA, ORG, PREFIXES, SCHEMA
from graph.ontology import load_ontology, load_schemes
from webapp.i18n import get_lang

#: Standard terms: (French label, English label, French comment, English comment).
STANDARD: dict[URIRef, tuple[str, str, str, str]] = {
    RDF.type: ("type", "type", "La classe de la ressource.", "The class of the resource."),
    RDF.value: ("valeur", "value", "La valeur en cause (celle d'une cellule ou d'un champ que l'import signale).",
                "The value at issue (that of a cell or field which the ingest reports)."),
    RDFS.label: ("nom", "name", "Le nom affiché.", "The display name."),
    RDFS.comment: ("définition", "definition", "Ce que le terme désigne.", "What the term means."),
    SKOS.prefLabel: ("libellé", "label", "Le libellé préféré.", "The preferred label."),
    SKOS.altLabel: ("autre nom", "other name", "Une variante du nom.", "A variant of the name."),
    SKOS.hiddenLabel: ("ancien nom", "former name", "Le nom qu'une version antérieure du registre lui donnait.",
                       "The name that an earlier version of the register gave it."),
    SKOS.changeNote: ("changements", "changes", "Ce que cette version de la source a changé par rapport à la "
                      "précédente.", "What this version of the source changed from the previous one."),
    SKOS.notation: ("rang", "rank", "Le numéro d'ordre.", "The rank."),
    SKOS.inScheme: ("dans le référentiel", "in scheme", "Le référentiel dont le concept fait partie.",
                    "The scheme the concept belongs to."),
    SKOS.broader: ("plus général", "broader", "Le concept plus général.", "The broader concept."),
    SKOS.narrower: ("plus précis", "narrower", "Un concept plus précis.", "A narrower concept."),
    SKOS.related: ("concept voisin", "related", "Un concept proche, ni plus général ni plus précis.",
                   "A close concept, neither broader nor narrower."),
    SKOS.definition: ("définition", "definition", "Ce que le concept désigne.", "What the concept means."),
    SKOS.scopeNote: ("note d'usage", "scope note", "Quand employer le concept.", "When to use the concept."),
    SKOS.example: ("exemple", "example", "Un exemple de ce que le concept désigne.", "An example of what the concept "
                   "means."),
    SKOS.note: ("note", "note", "Une remarque sur le concept.", "A remark on the concept."),
    SKOS.topConceptOf: ("concept de tête de", "top concept of", "Le référentiel dont c'est un concept de premier "
                        "niveau.", "The scheme of which it is a top-level concept."),
    SKOS.hasTopConcept: ("concept de tête", "top concept", "Un concept de premier niveau du référentiel.",
                         "A top-level concept of the scheme."),
    SKOS.exactMatch: ("équivalent exact", "exact match", "Le même concept dans un autre référentiel.",
                      "The same concept in another scheme."),
    SKOS.closeMatch: ("équivalent proche", "close match", "Un concept presque identique d'un autre référentiel.",
                      "A nearly identical concept of another scheme."),
    RDFS.subClassOf: ("sous-classe de", "subclass of", "Une classe plus générale.", "A more general class."),
    RDFS.subPropertyOf: ("sous-propriété de", "subproperty of", "Une propriété plus générale.",
                         "A more general property."),
    RDFS.domain: ("s'applique à", "domain", "La classe des ressources qui ont cette propriété.",
                  "The class of the resources that have this property."),
    RDFS.range: ("valeurs", "range", "Le type des valeurs de cette propriété.", "The type of this property's values."),
    RDFS.seeAlso: ("voir aussi", "see also", "Une ressource qui en dit plus.", "A resource that says more."),
    RDFS.isDefinedBy: ("défini par", "defined by", "Le vocabulaire qui définit le terme.",
                       "The vocabulary that defines the term."),
    OWL.inverseOf: ("inverse de", "inverse of", "La propriété qui relie les mêmes ressources dans l'autre sens.",
                    "The property that links the same resources the other way."),
    OWL.equivalentClass: ("classe équivalente", "equivalent class", "Une classe qui a les mêmes membres.",
                          "A class with the same members."),
    DCTERMS.description: ("description", "description", "Description ou objet.", "Description or purpose."),
    DCTERMS.subject: ("thème", "theme", "Un thème d'action de l'acteur.", "A theme the actor works on."),
    DCTERMS.title: ("titre", "title", "Le titre que la source donne.", "The title the source gives."),
    DCTERMS.identifier: ("numéro", "identifier", "Le numéro qui désigne la ressource (celui d'une délibération).",
                         "The number that names the resource (a deliberation's)."),
    DCTERMS.date: ("date", "date", "La date de l'acte ou du fait.", "The date of the act or fact."),
    DCTERMS.dateAccepted: ("date de la décision", "decision date", "Le jour où la subvention a été décidée, quand sa "
                           "source ne nomme aucune délibération qui porte cette date (SCDL dateDecision sans "
                           "referenceDecision).", "The day the grant was decided, when its source names no "
                           "deliberation that holds this date (SCDL dateDecision without referenceDecision)."),
    DCTERMS.format: ("format", "format", "Le format du fichier.", "The file's format."),
    DCTERMS.type: ("nature", "kind", "La sorte de la ressource (d'une source : son type de document).",
                   "The sort of the resource (a source's: its kind of document)."),
    DCTERMS.replaces: ("remplace", "replaces", "La subvention qu'un acte ultérieur (un erratum) corrige et remplace.",
                       "The grant that a later act (an erratum) corrects and replaces."),
    DCTERMS.isReplacedBy: ("remplacé par", "replaced by", "La nouvelle adresse d'un membre renommé, d'une action "
                           "reformulée ou d'une adhésion (son membre renommé ou changé de cercle) par une nouvelle "
                           "version de son registre, ou d'une séance changée de date et de ses pouvoirs par une "
                           "nouvelle version du texte d'une délibération.", "The new address of a member renamed, an "
                           "action reworded or a membership (its member renamed or moved to another circle) by a new "
                           "version of its register, or of a session redated and its proxies by a new version of a "
                           "deliberation's text."),
    DCTERMS.references: ("se réfère à", "references", "Un acte auquel celui-ci se réfère (celui qu'un erratum "
                         "corrige).", "An act this one refers to (the one an erratum corrects)."),
    SCHEMA.funder: ("financeur", "funder", "L'acteur qui accorde la subvention.", "The actor granting the money."),
    # schema.org's own term, which any file may state (a grant's, a register's grant reference's): its definition
    SCHEMA.fundedItem: ("élément financé", "funded item",
                        "Ce qu'une subvention finance, directement ou indirectement (schema.org).",
                        "Something directly or indirectly funded or sponsored through a grant (schema.org)."),
    SCHEMA.amount: ("montant", "amount", "Montant en euros.", "Amount in euros."),
    SCHEMA.currency: ("devise", "currency", "La monnaie du montant.", "The amount's currency."),
    SCHEMA.location: ("lieu", "place", "Où l'acteur est établi.", "Where the actor is based."),
    SCHEMA.foundingDate: ("date de création", "founding date", "La date de création de l'organisation.",
                          "The date the organisation was founded."),
    SCHEMA.text: ("texte", "text", "Le texte de la source.", "The text of the source."),
    ORG.member: ("membre", "member", "L'acteur membre.", "The member actor."),
    ORG.organization: ("organisation", "organisation", "Ce dont l'acteur est membre.", "What the actor is a member of."),
    ORG.role: ("cercle", "circle", "Le cercle d'implication dans le PTCE.", "The circle of involvement in the PTCE."),
    ORG.unitOf: ("organe de", "unit of", "L'organisation dont c'est un organe (l'assemblée d'une collectivité).",
                 "The organisation it is a body of (an authority's assembly)."),
    PROV.wasDerivedFrom: ("source", "source", "Le fichier d'où vient la donnée.", "The file the data comes from."),
    PROV.generatedAtTime: ("importé le", "ingested on", "Le moment où le fichier a été importé.",
                           "When the file was ingested."),
    PROV.wasRevisionOf: ("version précédente", "previous version",
                         "La version du fichier qu'une nouvelle version de la source a remplacée.",
                         "The version of the file that a new version of the source replaced."),
    PROV.invalidatedAtTime: ("retirée le", "removed on", "Le moment où la source a été retirée (maillage remove).",
                             "When the source was removed (maillage remove)."),
    DCTERMS.isVersionOf: ("version de", "version of", "La source dont c'était une version, avant qu'elle soit "
                          "retirée.", "The source it was a version of, before it was removed."),
    FOAF.givenName: ("prénom", "given name", "Le prénom de la personne.", "The person's given name."),
    FOAF.familyName: ("nom de famille", "family name", "Le nom de famille de la personne.",
                      "The person's family name."),
    OA.exact: ("citation", "quote", "Le passage cité de la source.", "The passage quoted from the source."),
    OA.start: ("début", "start", "Où la citation commence dans le texte de la source (en caractères).",
               "Where the quote starts in the source's text (in characters)."),
    OA.end: ("fin", "end", "Où la citation finit dans le texte de la source (en caractères).",
             "Where the quote ends in the source's text (in characters)."),
    OWL.sameAs: ("identique à", "same as", "La même ressource, sous une autre adresse.",
                 "The same resource, under another address."),
    SCHEMA.url: ("site web", "website", "Le site web de l'acteur.", "The actor's website."),
    SCHEMA.startDate: ("date de début", "start date", "Le jour où cela commence.", "The day it starts."),
    SCHEMA.endDate: ("date de fin", "end date", "Le jour où cela finit.", "The day it ends."),
    SCHEMA.containedInPlace: ("situé dans", "contained in", "Le lieu plus large qui le contient.",
                              "The wider place that contains it."),
    SCHEMA.areaServed: ("zone d'action", "area served", "Où l'acteur agit, comme la source le dit.",
                        "Where the actor works, as the source says."),
    SCHEMA.dissolutionDate: ("date de dissolution", "dissolution date", "La date où l'organisation a été dissoute.",
                             "The date the organisation was dissolved."),
    # what the ontology says of itself
    OWL.versionInfo: ("version", "version", "La version du vocabulaire.", "The vocabulary's version."),
    DCTERMS.source: ("d'après", "based on", "Le document d'où le terme est tiré.", "The document the term comes from."),
    VANN.preferredNamespacePrefix: ("préfixe conseillé", "preferred prefix",
                                    "Le préfixe sous lequel citer l'espace de noms.",
                                    "The prefix to cite the namespace by."),
    VANN.preferredNamespaceUri: ("espace de noms", "namespace", "L'IRI que les termes du vocabulaire prolongent.",
                                 "The IRI the vocabulary's terms extend."),
}

#: The standard classes that the contract's classes specialise (the ingest adds them as types): their name in the
#: interface's language, and the vocabulary they come from, told in their tooltip with their CURIE.
STANDARD_CLASSES: dict[URIRef, tuple[str, str, str]] = {
    FOAF.Agent: ("Agent", "Agent", "FOAF"),
    FOAF.Person: ("Personne", "Person", "FOAF"),
    FOAF.Group: ("Groupe", "Group", "FOAF"),
    ORG.FormalOrganization: ("Organisation formelle", "Formal organization", "W3C ORG"),
    ORG.OrganizationalCollaboration: ("Collaboration d'organisations", "Organizational collaboration", "W3C ORG"),
    ORG.OrganizationalUnit: ("Organe", "Organizational unit", "W3C ORG"),
    ORG.Membership: ("Adhésion", "Membership", "W3C ORG"),
    SCHEMA.NGO: ("ONG", "NGO", "schema.org"),
    SCHEMA.GovernmentOrganization: ("Organisme public", "Government organization", "schema.org"),
    SCHEMA.CollegeOrUniversity: ("Établissement d'enseignement supérieur", "College or university", "schema.org"),
    SCHEMA.MonetaryGrant: ("Aide financière", "Monetary grant", "schema.org"),
    SCHEMA.Legislation: ("Acte juridique", "Legislation", "schema.org"),
    SCHEMA.CreativeWork: ("Document", "Creative work", "schema.org"),
    SCHEMA.Place: ("Lieu", "Place", "schema.org"),
    SCHEMA.Event: ("Événement", "Event", "schema.org"),
    SKOS.Concept: ("Concept", "Concept", "SKOS"),
    SKOS.ConceptScheme: ("Référentiel", "Concept scheme", "SKOS"),
    OWL.Class: ("Classe", "Class", "OWL"),
    RDFS.Class: ("Classe", "Class", "RDF Schema"),
    OWL.ObjectProperty: ("Propriété (lien)", "Object property", "OWL"),
    OWL.DatatypeProperty: ("Propriété (valeur)", "Datatype property", "OWL"),
    OWL.Ontology: ("Ontologie", "Ontology", "OWL"),
    RDF.Property: ("Propriété", "Property", "RDF"),
    PROV.Entity: ("Entité", "Entity", "PROV"),
    OA.TextQuoteSelector: ("Citation du texte", "Text quote", "Web Annotation"),
    OA.TextPositionSelector: ("Position dans le texte", "Text position", "Web Annotation"),
}

#: Labels of a property read backwards, on the page of its object: (French, English).
INVERSE: dict[URIRef, tuple[str, str]] = {
    SCHEMA.funder: ("financeur de", "funder of"),
    MAI.beneficiary: ("bénéficiaire de", "beneficiary of"),
    ORG.member: ("ses adhésions", "its memberships"),  # « membre de : <an adhésion> » read backwards
    ORG.organization: ("adhésions à ce pôle", "memberships of this pole"),
    MAI.decidedBy: ("décide", "decides"),
    MAI.approvedBy: ("approuve", "approves"),
    MAI.party: ("partie à", "party to"),
    MAI.governedBy: ("régit", "governs"),
    MAI.coordinatedBy: ("coordonne", "coordinates"),
    MAI.hasGoal: ("objectif de", "goal of"),
    MAI.contributesTo: ("servi par", "served by"),
    MAI.authority: ("collectivité de", "authority of"),
    MAI.session: ("séance de", "session of"),
    MAI.present: ("présent à", "present at"),
    MAI.excused: ("excusé à", "excused at"),
    MAI.absent: ("absent à", "absent at"),
    MAI.chair: ("préside", "chairs"),
    MAI.secretary: ("secrétaire de", "secretary of"),
    DCTERMS.subject: ("thème de", "theme of"),
    DCTERMS.replaces: ("remplacée par", "replaced by"),
    DCTERMS.references: ("cité par", "referenced by"),
    DCTERMS.isReplacedBy: ("ancienne adresse", "former address"),
    SCHEMA.location: ("lieu de", "place of"),
    PROV.wasDerivedFrom: ("source de", "source of"),
    PROV.wasRevisionOf: ("version suivante", "next version"),
    DCTERMS.isVersionOf: ("versions retirées", "removed versions"),
    ORG.role: ("cercle de", "circle of"),
    ORG.unitOf: ("a pour organe", "has unit"),
    SCHEMA.containedInPlace: ("contient", "contains"),
    MAI.body: ("organe de", "body of"),
    MAI.evidence: ("preuve de", "evidence of"),
    MAI.supports: ("justifié par", "supported by"),
    RDF.type: ("instances", "instances"),
    SKOS.broader: ("plus général que", "broader than"),
    SKOS.narrower: ("plus précis que", "narrower than"),
    SKOS.topConceptOf: ("a pour concept de tête", "has top concept"),
    SKOS.hasTopConcept: ("concept de tête de", "top concept of"),
    SKOS.inScheme: ("contient", "contains"),
    RDFS.subClassOf: ("sous-classes", "subclasses"),
    RDFS.domain: ("propriétés de la classe", "properties of the class"),
    RDFS.range: ("valeur de", "value of"),
    RDFS.subPropertyOf: ("sous-propriétés", "subproperties"),
    RDFS.seeAlso: ("cité en « voir aussi » par", "see also from"),
    RDFS.isDefinedBy: ("définit", "defines"),
    OWL.inverseOf: ("inverse de", "inverse of"),
    OWL.sameAs: ("identique à", "same as"),
    SKOS.related: ("concept voisin de", "related to"),
    SKOS.exactMatch: ("équivalent exact de", "exact match of"),
    SKOS.closeMatch: ("équivalent proche de", "close match of"),
    SCHEMA.fundedItem: ("élément financé de", "funded item of"),
    SCHEMA.areaServed: ("zone d'action de", "area served by"),
    MAI["from"]: ("pouvoir donné", "proxy given"),
    MAI.to: ("pouvoir reçu", "proxy received"),
    MAI.proxy: ("pouvoir pour", "proxy for"),
    MAI.memberKind: ("type des membres de", "kind of members of"),
    MAI.budgetNature: ("compte par nature de", "budget nature account of"),
    MAI.nature: ("nature de", "nature of"),
    MAI.outcome: ("issue du vote de", "outcome of"),
}

#: The last words of a label that is already a relation ("sous-propriété de", "donné par"): read backwards it cannot
#: take a mechanical "… de" (« est sous-propriété de de » was shown).
_RELATION_ENDS = {"fr": (" de", " d'", " du", " des", " par", " à", " au", " aux", " le", " la", " pour", " sur", " en",
                         " avec"),
                  "en": (" of", " by", " to", " at", " on", " for", " from", " in", " with")}


@cache
def _vocabulary() -> dict[URIRef, dict[str, dict[str, str]]]:
    """term -> {"label": {lang: text}, "comment": {lang: text}} from the ontology and the shipped schemes."""
    table: dict[URIRef, dict[str, dict[str, str]]] = {}
    for graph in (load_ontology(), load_schemes()):
        for predicate, slot in ((RDFS.label, "label"), (SKOS.prefLabel, "label"), (RDFS.comment, "comment"),
                                (SKOS.definition, "comment")):
            for term, _, text in graph.triples((None, predicate, None)):
                if isinstance(term, URIRef) and isinstance(text, Literal):
                    table.setdefault(term, {"label": {}, "comment": {}})[slot].setdefault(text.language or "", str(text))
    return table


def terms_labelled(text: str) -> list[str]:
    """The vocabulary terms (classes, properties, concepts) one of whose labels is ``text``, case and accents
    aside."""
    from graph.identity_names import fold

    key = fold(text)
    return sorted({str(term) for term, texts in _vocabulary().items()
                   if any(fold(label) == key for label in texts["label"].values())})


@cache
def _english_by_french(namespace: str) -> dict[str, str]:
    """French label -> English label of the vocabulary terms under ``namespace`` that have both, for the French
    labels that name one term only."""
    found: dict[str, set[str]] = {}
    for term, texts in _vocabulary().items():
        labels = texts["label"]
        if str(term).startswith(namespace) and labels.get("fr") and labels.get("en"):
            found.setdefault(labels["fr"], set()).add(labels["en"])
    return {french: next(iter(english)) for french, english in found.items() if len(english) == 1}


def in_english(french: str, namespace: str) -> str:
    """The English label of the term under ``namespace`` (a shipped scheme's concepts) whose French label is
    ``french``; ``french`` itself when none is, or several are."""
    return _english_by_french(namespace).get(french, french)


def _choose(texts: dict[str, str], lang: str) -> str:
    for key in (lang, "", "fr", "en"):
        if texts.get(key):
            return texts[key]
    return next(iter(texts.values()), "")


def qname(term: URIRef) -> str:
    """Return ``prefix:local`` for a term of a known namespace, else the IRI.

    >>> qname(URIRef("http://schema.org/funder"))
    'schema:funder'
    """
    text = str(term)
    for prefix, namespace in PREFIXES.items():
        if text.startswith(str(namespace)) and len(text) > len(str(namespace)):
            return f"{prefix}:{text[len(str(namespace)):]}"
    return text


STANDARD.update({term: (fr, en, f"{qname(term)} ({vocabulary})", f"{qname(term)} ({vocabulary})")
                 for term, (fr, en, vocabulary) in STANDARD_CLASSES.items()})


#: Properties that the pages name more closely than the ontology's general label, since the data states them of
#: one kind of resource only: (French label, English label). mai:roleTitle is a person's title in a role; the
#: deliberation reader states it on a session, of its chair: « titre = Maire » on a session's page did not say whose.
AS_STATED: dict[URIRef, tuple[str, str]] = {
    MAI.roleTitle: ("titre du président de séance", "chair's title"),
}


def term_label(term: URIRef, lang: str | None = None) -> str:
    """Return the label of a vocabulary term (class, property, concept) in ``lang``, by default the request's.

    >>> term_label(MAI.roleTitle, "fr"), term_label(MAI.roleTitle, "en")
    ('titre du président de séance', "chair's title")
    """
    lang = lang or get_lang()
    if term in AS_STATED:
        return AS_STATED[term][lang == "en"]
    if shipped := shipped_label(term, lang):
        return shipped
    if term in STANDARD:
        return STANDARD[term][1 if lang == "en" else 0]
    return qname(term)


def shipped_label(term: URIRef, lang: str | None = None) -> str | None:
    """The label that Maillage's own ontology or schemes give ``term`` in ``lang``, None for a term they do not label:
    what a term of the vocabulary contract is called, whatever an ingested file says of it."""
    found = _vocabulary().get(term)
    return _choose(found["label"], lang or get_lang()) if found and found["label"] else None


def untranslated(iri: str, lang: str) -> bool:
    """Whether Maillage's own vocabularies label the term ``iri`` in French but not in ``lang``: such a term keeps
    its French label on an English page, marked as French (none does today: the M57 accounts, whose nomenclature
    is French only, have Maillage's English labels from :mod:`graph.ingest.m57_english`)."""
    if lang == "fr":
        return False
    found = _vocabulary().get(URIRef(iri))
    return bool(found and found["label"].get("fr") and not found["label"].get(lang))


def term_comment(term: URIRef) -> str:
    """Return the definition (rdfs:comment) of a vocabulary term in the current language, or ''."""
    lang = get_lang()
    found = _vocabulary().get(term)
    if found and found["comment"]:
        return _choose(found["comment"], lang)
    if term in STANDARD:
        return STANDARD[term][3 if lang == "en" else 2]
    return ""


def term_comments(term: URIRef) -> dict[str, str]:
    """The definitions (rdfs:comment, skos:definition) of a vocabulary term by language ("" untagged), or {}."""
    found = _vocabulary().get(term)
    return dict(found["comment"]) if found else {}


def inverse_label(term: URIRef) -> str:
    """Return the label of ``term`` read from its object's side."""
    lang = get_lang()
    if term in INVERSE:
        return INVERSE[term][1 if lang == "en" else 0]
    return inverse_of_label(term_label(term, lang), lang)


def inverse_of_label(label: str, lang: str) -> str:
    """A property's ``label`` read from its object's side, for a term :data:`INVERSE` does not list: a noun takes
    « de » (the way the table's nouns read: « financeur de »); a label that ends in a preposition is already a
    relation, and is marked as read backwards, never given a second preposition.

    >>> inverse_of_label("bénéficiaire visé", "fr"), inverse_of_label("sous-propriété de", "fr")
    ('bénéficiaire visé de', 'inverse de « sous-propriété de »')
    >>> inverse_of_label("from", "en"), inverse_of_label("funded item", "en")
    ("inverse of 'from'", 'funded item of')
    """
    ends = _RELATION_ENDS["en" if lang == "en" else "fr"]
    bare = label.strip()
    if lang == "en":
        if bare.endswith(ends) or bare in {end.strip() for end in ends}:
            return f"inverse of '{bare}'"
        return f"{bare} of"
    if bare.endswith(ends) or bare in {end.strip() for end in ends}:
        return f"inverse de « {bare} »"
    return f"{bare} de"


@cache
def _superclasses() -> dict[URIRef, frozenset[URIRef]]:
    """class -> every class it specialises (``rdfs:subClassOf``, transitively), from the ontology."""
    direct: dict[URIRef, set[URIRef]] = {}
    for sub, _, sup in load_ontology().triples((None, RDFS.subClassOf, None)):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct.setdefault(sub, set()).add(sup)
    closure = {}
    for start in direct:
        seen, todo = set(), list(direct[start])
        while todo:
            found = todo.pop()
            if found not in seen:
                seen.add(found)
                todo.extend(direct.get(found, ()))
        closure[start] = frozenset(seen)
    return closure


def specific_types(types) -> list[URIRef]:
    """The most specific of ``types`` (IRIs): those that no other of them specialises; an association is not also
    shown as an actor, an agent, an NGO and a formal organisation."""
    iris = [ty for ty in dict.fromkeys(types) if isinstance(ty, URIRef)]
    general = set().union(*(_superclasses().get(ty, frozenset()) for ty in iris)) if iris else set()
    return [ty for ty in iris if ty not in general]
