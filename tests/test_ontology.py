"""The ontology package: the vocabulary contract, the SHACL shapes and the SKOS schemes shipped as package data.

Fixture strategy: the shipped files are read through ``importlib.resources`` (as the product reads them) and
parsed once per module, since they are read-only; validation samples are tiny inline Turtle documents checked
with pySHACL, the reference implementation, against the shipped shapes.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from graph.namespaces import (
    CIRCLES, DCTERMS, FOAF, GRANT_NATURES, MAI, OA, ORG, OUTCOMES, OWL, PROV, RDF, RDFS, SCHEMA, SH, SKOS, THEMES,
    XSD,
)

THEME = Namespace("https://w3id.org/maillage/ontology/theme/")
CIRCLE = Namespace("https://w3id.org/maillage/ontology/circle/")
NATURE = Namespace("https://w3id.org/maillage/ontology/nature/")
OUTCOME = Namespace("https://w3id.org/maillage/ontology/outcome/")
KIND = Namespace("https://w3id.org/maillage/ontology/kind/")
MAISH = Namespace("https://w3id.org/maillage/shapes#")
ACTOR_KINDS = MAI.actorKinds

ONTOLOGY_FILES = ["maillage.ttl", "shapes.ttl", "themes.ttl", "circles.ttl", "natures.ttl", "outcomes.ttl",
                  "kinds.ttl"]

#: Scheme file -> (scheme IRI, namespace of its concepts).
SCHEME_FILES = {
    "themes.ttl": (THEMES, THEME),
    "circles.ttl": (CIRCLES, CIRCLE),
    "natures.ttl": (GRANT_NATURES, NATURE),
    "outcomes.ttl": (OUTCOMES, OUTCOME),
    "kinds.ttl": (ACTOR_KINDS, KIND),
}


@cache
def parsed(name: str) -> Graph:
    """The shipped file ``name``, parsed (once per module: the graphs are only read)."""
    return Graph().parse(data=resources.files("ontology").joinpath(name).read_bytes(), format="turtle")


def local_name(term: URIRef) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def texts_by_language(graph: Graph, subject, predicate) -> dict[str | None, list[str]]:
    found: dict[str | None, list[str]] = {}
    for value in graph.objects(subject, predicate):
        found.setdefault(getattr(value, "language", None), []).append(str(value))
    return found


def test_every_ontology_file_is_readable_as_package_data():
    root = resources.files("ontology")
    assert [name for name in ONTOLOGY_FILES if not root.joinpath(name).is_file()] == []


@pytest.mark.parametrize("name", ONTOLOGY_FILES)
def test_ontology_file_parses_as_turtle(name):
    assert len(parsed(name)) > 0


# --- The vocabulary contract (DESIGN.md, "Vocabulary contract") ---------------------------------------------

#: Every mai: class and property of DESIGN.md's vocabulary table, with the OWL type it must be declared as.
CONTRACT_TERMS = {
    MAI.Actor: OWL.Class, MAI.Association: OWL.Class, MAI.PublicAuthority: OWL.Class, MAI.Enterprise: OWL.Class,
    MAI.University: OWL.Class, MAI.HealthProfessional: OWL.Class, MAI.UserGroup: OWL.Class,
    MAI.Cooperation: OWL.Class, MAI.StrategicGoal: OWL.Class, MAI.Grant: OWL.Class,
    MAI.Deliberation: OWL.Class, MAI.Session: OWL.Class, MAI.Source: OWL.Class,
    MAI.siren: OWL.DatatypeProperty, MAI.siret: OWL.DatatypeProperty, MAI.rna: OWL.DatatypeProperty,
    MAI.esus: OWL.DatatypeProperty, MAI.ess: OWL.DatatypeProperty,
    MAI.coordinatedBy: OWL.ObjectProperty, MAI.hasGoal: OWL.ObjectProperty,
    MAI.joinedOn: OWL.DatatypeProperty, MAI.leftOn: OWL.DatatypeProperty,
    MAI.beneficiary: OWL.ObjectProperty, MAI.fiscalYear: OWL.DatatypeProperty, MAI.nature: OWL.ObjectProperty,
    MAI.budgetAccount: OWL.DatatypeProperty, MAI.decidedBy: OWL.ObjectProperty,
    MAI.contributesTo: OWL.ObjectProperty,
    MAI.authority: OWL.ObjectProperty, MAI.body: OWL.ObjectProperty, MAI.session: OWL.ObjectProperty,
    MAI.actesId: OWL.DatatypeProperty, MAI.receivedByPrefecture: OWL.DatatypeProperty,
    MAI.publishedOn: OWL.DatatypeProperty, MAI.outcome: OWL.ObjectProperty,
    MAI.votesFor: OWL.DatatypeProperty, MAI.votesAgainst: OWL.DatatypeProperty,
    MAI.abstentions: OWL.DatatypeProperty,
    MAI.convenedOn: OWL.DatatypeProperty, MAI.membersInOffice: OWL.DatatypeProperty,
    MAI.membersPresent: OWL.DatatypeProperty, MAI.proxyCount: OWL.DatatypeProperty,
    MAI.voteCount: OWL.DatatypeProperty, MAI.chair: OWL.ObjectProperty, MAI.secretary: OWL.ObjectProperty,
    MAI.present: OWL.ObjectProperty, MAI.excused: OWL.ObjectProperty, MAI.absent: OWL.ObjectProperty,
    MAI.proxy: OWL.ObjectProperty, MAI["from"]: OWL.ObjectProperty, MAI.to: OWL.ObjectProperty,
    MAI.inseeCode: OWL.DatatypeProperty, MAI.sha256: OWL.DatatypeProperty, MAI.evidence: OWL.ObjectProperty,
}

#: The mai: terms the code uses beyond the table (same rules; README.md, « Beyond DESIGN.md », says what each is).
EXTRA_TERMS = {
    MAI.Proxy: OWL.Class, MAI.RoadmapAction: OWL.Class,
    MAI.nameKey: OWL.DatatypeProperty, MAI.budgetNature: OWL.ObjectProperty, MAI.actesIdRaw: OWL.DatatypeProperty,
    MAI.transmissionPlatform: OWL.DatatypeProperty, MAI.legalityControlAuthority: OWL.DatatypeProperty,
    MAI.programme: OWL.DatatypeProperty,
    MAI.roleTitle: OWL.DatatypeProperty, MAI.memberCount: OWL.DatatypeProperty,
    MAI.memberKind: OWL.ObjectProperty, MAI.statedTotal: OWL.DatatypeProperty, MAI.shareOf: OWL.DatatypeProperty,
    MAI.conventionDate: OWL.DatatypeProperty, MAI.decisionReference: OWL.DatatypeProperty,
    MAI.paymentPeriod: OWL.DatatypeProperty, MAI.naf: OWL.DatatypeProperty, MAI.legalCategory: OWL.DatatypeProperty,
    MAI.rowNumber: OWL.DatatypeProperty, MAI.paymentConditions: OWL.DatatypeProperty,
    MAI.euNotified: OWL.DatatypeProperty, MAI.aidForms: OWL.DatatypeProperty,
    MAI.funderSiret: OWL.DatatypeProperty, MAI.beneficiarySiret: OWL.DatatypeProperty,
    MAI.beneficiaryRna: OWL.DatatypeProperty, MAI.fiscalYearColumn: OWL.DatatypeProperty,
    MAI.Agreement: OWL.Class, MAI.approvedBy: OWL.ObjectProperty, MAI.party: OWL.ObjectProperty,
    MAI.signatory: OWL.DatatypeProperty, MAI.governedBy: OWL.ObjectProperty, MAI.readerVersion: OWL.DatatypeProperty,
    MAI.supports: OWL.ObjectProperty, MAI.pageStart: OWL.DatatypeProperty, MAI.pageEnd: OWL.DatatypeProperty,
    MAI.IngestIssue: OWL.Class, MAI.ingestIssue: OWL.ObjectProperty, MAI.severity: OWL.DatatypeProperty,
    MAI.field: OWL.DatatypeProperty, MAI.occurrences: OWL.DatatypeProperty, MAI.warningCount: OWL.DatatypeProperty,
    MAI.errorCount: OWL.DatatypeProperty, MAI.SourceVersion: OWL.Class,
    MAI.RemovedSource: OWL.Class, MAI.tripleCount: OWL.DatatypeProperty,
}

ALL_TERMS = {**CONTRACT_TERMS, **EXTRA_TERMS}

SUBCLASSES = [
    (MAI.Actor, FOAF.Agent),
    (MAI.Association, MAI.Actor), (MAI.Association, SCHEMA.NGO), (MAI.Association, ORG.FormalOrganization),
    (MAI.PublicAuthority, MAI.Actor), (MAI.PublicAuthority, SCHEMA.GovernmentOrganization),
    (MAI.Enterprise, MAI.Actor),
    (MAI.University, MAI.Actor), (MAI.University, SCHEMA.CollegeOrUniversity),
    (MAI.HealthProfessional, MAI.Actor),
    (MAI.UserGroup, MAI.Actor), (MAI.UserGroup, FOAF.Group),
    (MAI.Cooperation, MAI.Actor), (MAI.Cooperation, ORG.OrganizationalCollaboration),
    (MAI.StrategicGoal, SKOS.Concept),
    (MAI.Grant, SCHEMA.MonetaryGrant),
    (MAI.Deliberation, SCHEMA.Legislation),
    (MAI.Session, SCHEMA.Event),
    (MAI.Source, PROV.Entity),
    (MAI.IngestIssue, PROV.Entity),
    (MAI.SourceVersion, PROV.Entity),
    (MAI.RemovedSource, PROV.Entity),
]

#: Namespaces whose terms the ontology and shapes may use without declaring them.
STANDARD = (str(XSD), str(RDF), str(RDFS), str(SKOS), str(ORG), str(SCHEMA), str(FOAF), str(PROV), str(OA),
            str(DCTERMS))


def is_standard(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(STANDARD)


@pytest.mark.parametrize("term", list(ALL_TERMS), ids=local_name)
def test_term_is_declared_as_its_kind_of_owl_term(term):
    assert set(parsed("maillage.ttl").objects(term, RDF.type)) == {ALL_TERMS[term]}


@pytest.mark.parametrize("term", list(ALL_TERMS), ids=local_name)
def test_term_has_one_label_and_one_comment_in_french_and_in_english(term):
    ontology = parsed("maillage.ttl")
    labels = texts_by_language(ontology, term, RDFS.label)
    comments = texts_by_language(ontology, term, RDFS.comment)
    assert sorted(labels) == sorted(comments) == ["en", "fr"]
    assert [len(v) for v in (*labels.values(), *comments.values())] == [1, 1, 1, 1]


def test_the_ontology_declares_no_mai_term_beyond_the_listed_ones():
    declared = {s for s in parsed("maillage.ttl").subjects(RDF.type, None) if str(s).startswith(str(MAI))}
    assert declared - set(ALL_TERMS) == set()


def test_the_ontology_has_a_header_with_french_and_english_labels():
    ontology = parsed("maillage.ttl")
    header = URIRef(str(MAI).rstrip("#"))
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert sorted(texts_by_language(ontology, header, RDFS.label)) == ["en", "fr"]


@pytest.mark.parametrize(("cls", "superclass"), SUBCLASSES, ids=local_name)
def test_class_is_aligned_with_its_standard_superclass(cls, superclass):
    assert (cls, RDFS.subClassOf, superclass) in parsed("maillage.ttl")


def test_beneficiary_is_a_sub_property_of_schema_funded_item():
    assert (MAI.beneficiary, RDFS.subPropertyOf, SCHEMA.fundedItem) in parsed("maillage.ttl")


@pytest.mark.parametrize(("page", "standard"), [(MAI.pageStart, SCHEMA.pageStart), (MAI.pageEnd, SCHEMA.pageEnd)],
                         ids=local_name)
def test_a_quotes_pages_are_aligned_with_schema_org_page_start_and_end(page, standard):
    assert (page, RDFS.subPropertyOf, standard) in parsed("maillage.ttl")


def test_decided_by_is_a_plain_property_not_a_derivation():
    assert list(parsed("maillage.ttl").objects(MAI.decidedBy, RDFS.subPropertyOf)) == []


def test_every_domain_and_range_is_a_declared_class_or_a_standard_term():
    ontology = parsed("maillage.ttl")
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    used = set(ontology.objects(None, RDFS.domain)) | set(ontology.objects(None, RDFS.range))
    assert {t for t in used if t not in classes and not is_standard(t)} == set()


def test_datatype_properties_range_over_datatypes_and_object_properties_do_not():
    ontology = parsed("maillage.ttl")
    wrong = [p for p in ontology.subjects(RDF.type, OWL.DatatypeProperty)
             if any(not str(r).startswith(str(XSD)) for r in ontology.objects(p, RDFS.range))]
    wrong += [p for p in ontology.subjects(RDF.type, OWL.ObjectProperty)
              if any(str(r).startswith(str(XSD)) for r in ontology.objects(p, RDFS.range))]
    assert wrong == []


# --- SHACL shapes ------------------------------------------------------------------------------------------

SHAPES_HEADER = URIRef("https://w3id.org/maillage/shapes")
STANDARD_TARGETS = {ORG.Membership, FOAF.Person, SCHEMA.Place, OA.TextQuoteSelector}
NODE_SHAPE_PREDICATES = {RDF.type, SH.targetClass, SH.property, RDFS.label, RDFS.comment}
#: The constraints that graph/validation.py compiles to SPARQL, and the non-validating keys it skips.
CONSTRAINTS = {SH.minCount, SH.maxCount, SH.datatype, SH["class"], SH.nodeKind, SH.minInclusive, SH.maxInclusive,
               SH.pattern, SH["in"], SH.hasValue, SH["or"], SH.uniqueLang, SH.qualifiedMaxCount}
PROPERTY_SHAPE_PREDICATES = CONSTRAINTS | {SH.path, SH.message, SH.severity, SH.name, SH.description, SH.order,
                                           SH.group, SH.qualifiedValueShape}
SHAPES = sorted(set(parsed("shapes.ttl").subjects(SH.targetClass, None)))
EX_SHAPES = Namespace("https://ex.org/shapes#")


def property_shapes(shape, shapes: Graph | None = None) -> list:
    return list((shapes or parsed("shapes.ttl")).objects(shape, SH.property))


def shape_problems(shapes: Graph, shape) -> list[str]:
    """Everything in ``shape`` outside the SHACL subset that the compiled validator supports."""
    problems = [f"node shape uses {p}" for p in set(shapes.predicates(shape, None)) - NODE_SHAPE_PREDICATES]
    if set(shapes.objects(shape, RDF.type)) != {SH.NodeShape}:
        problems.append("is not typed sh:NodeShape only")
    if len(set(shapes.objects(shape, SH.targetClass))) != 1:
        problems.append("has not exactly one sh:targetClass")
    for prop in property_shapes(shape, shapes):
        path = shapes.value(prop, SH.path)
        problems += [f"property shape on {path} uses {p}"
                     for p in set(shapes.predicates(prop, None)) - PROPERTY_SHAPE_PREDICATES]
        if len(list(shapes.objects(prop, SH.path))) != 1:
            problems.append("property shape without exactly one sh:path")
        elif isinstance(path, BNode):
            if set(shapes.predicate_objects(path)) != {(SH.inversePath, shapes.value(path, SH.inversePath))} \
                    or not isinstance(shapes.value(path, SH.inversePath), URIRef):
                problems.append(f"path {path} is neither an IRI nor the inverse of an IRI")
        elif not isinstance(path, URIRef):
            problems.append(f"path {path} is not an IRI")
        if not set(shapes.predicates(prop, None)) & CONSTRAINTS:
            problems.append(f"property shape on {path} has no constraint")
        for members in shapes.objects(prop, SH["in"]):
            if any(isinstance(m, BNode) for m in Collection(shapes, members)):
                problems.append(f"sh:in on {path} holds a blank node")
        for members in shapes.objects(prop, SH["or"]):
            if (prop, SH.datatype, None) in shapes or any(
                    set(shapes.predicate_objects(m)) != {(SH.datatype, shapes.value(m, SH.datatype))}
                    for m in Collection(shapes, members)):
                problems.append(f"sh:or on {path} is not of shapes with one sh:datatype each")
        qualified = list(shapes.objects(prop, SH.qualifiedValueShape))
        if ((prop, SH.qualifiedMaxCount, None) in shapes) != bool(qualified) or any(
                set(shapes.predicate_objects(q)) != {(SH.datatype, shapes.value(q, SH.datatype))} for q in qualified):
            problems.append(f"sh:qualifiedMaxCount on {path} is not of one shape with one sh:datatype")
    return problems


def test_every_shape_is_named_after_its_class_in_the_shapes_namespace():
    shapes = parsed("shapes.ttl")
    assert [s for s in SHAPES if s != MAISH[local_name(shapes.value(s, SH.targetClass)) + "Shape"]] == []


@pytest.mark.parametrize("shape", SHAPES, ids=local_name)
def test_shape_targets_a_class_of_the_ontology_or_a_standard_class(shape):
    target = parsed("shapes.ttl").value(shape, SH.targetClass)
    assert target in STANDARD_TARGETS or (target, RDF.type, OWL.Class) in parsed("maillage.ttl")


@pytest.mark.parametrize("cls", sorted(parsed("maillage.ttl").subjects(RDF.type, OWL.Class)), ids=local_name)
def test_every_class_of_the_ontology_has_a_shape(cls):
    assert list(parsed("shapes.ttl").subjects(SH.targetClass, cls)) == [MAISH[local_name(cls) + "Shape"]]


@pytest.mark.parametrize("shape", SHAPES, ids=local_name)
def test_every_property_shape_has_one_message_in_french_and_one_in_english(shape):
    shapes = parsed("shapes.ttl")
    counts = [{lang: len(v) for lang, v in texts_by_language(shapes, p, SH.message).items()}
              for p in property_shapes(shape)]
    assert counts == [{"fr": 1, "en": 1}] * len(counts)


@pytest.mark.parametrize("shape", SHAPES, ids=local_name)
def test_every_property_shape_has_a_violation_warning_or_info_severity(shape):
    shapes = parsed("shapes.ttl")
    severities = [list(shapes.objects(p, SH.severity)) for p in property_shapes(shape)]
    assert [s for s in severities if s not in ([SH.Violation], [SH.Warning], [SH.Info])] == []


@pytest.mark.parametrize("shape", SHAPES, ids=local_name)
def test_shape_uses_only_the_supported_shacl_subset(shape):
    assert shape_problems(parsed("shapes.ttl"), shape) == []


@pytest.mark.parametrize(("turtle", "problem"), [
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true .", f"node shape uses {SH.closed}"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ;"
     " sh:property [ sh:path ex:p ; sh:maxCount 1 ; sh:qualifiedMinCount 1 ] .",
     f"property shape on {EX_SHAPES.p} uses {SH.qualifiedMinCount}"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ] .",
     "is neither an IRI nor the inverse of an IRI"),
    ("ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:or ( [ sh:minCount 1 ] ) ] .",
     "is not of shapes with one sh:datatype each"),
], ids=["closed", "qualified", "sequence path", "or of other constraints"])
def test_the_subset_check_refuses_what_the_compiled_validator_cannot_run(turtle, problem):
    prefixes = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://ex.org/shapes#> . "
    shapes = Graph().parse(data=prefixes + turtle, format="turtle")
    problems = shape_problems(shapes, EX_SHAPES.S)
    assert len(problems) == 1 and problem in problems[0]


def test_the_shapes_file_holds_only_shapes_their_paths_and_lists():
    shapes = parsed("shapes.ttl")
    props = {p for s in SHAPES for p in property_shapes(s)}
    paths = {path for p in props for path in shapes.objects(p, SH.path) if isinstance(path, BNode)}
    lists = set()
    for head in [*shapes.objects(None, SH["in"]), *shapes.objects(None, SH["or"])]:
        while head != RDF.nil:
            lists.add(head)
            lists.add(shapes.value(head, RDF.first))  # a shape of an sh:or
            head = shapes.value(head, RDF.rest)
    qualified = set(shapes.objects(None, SH.qualifiedValueShape))
    assert set(shapes.subjects()) - set(SHAPES) - props - paths - lists - qualified == {SHAPES_HEADER}


@pytest.mark.parametrize("shape", SHAPES, ids=local_name)
def test_every_path_and_class_of_a_shape_is_declared_or_standard(shape):
    shapes, ontology = parsed("shapes.ttl"), parsed("maillage.ttl")
    terms = set()
    for prop in property_shapes(shape):
        path = shapes.value(prop, SH.path)
        terms.add(shapes.value(path, SH.inversePath) if isinstance(path, BNode) else path)
        terms.update(shapes.objects(prop, SH["class"]))
    assert {t for t in terms if not is_standard(t) and (t, RDF.type, None) not in ontology} == set()


@pytest.mark.parametrize(("path", "scheme_file"), [(MAI.nature, "natures.ttl"), (MAI.outcome, "outcomes.ttl")],
                         ids=["nature", "outcome"])
def test_the_allowed_values_of_a_shape_are_exactly_the_concepts_of_its_scheme(path, scheme_file):
    shapes = parsed("shapes.ttl")
    allowed = {m for p in shapes.subjects(SH.path, path) for head in shapes.objects(p, SH["in"])
               for m in Collection(shapes, head)}
    assert allowed == set(parsed(scheme_file).subjects(RDF.type, SKOS.Concept))


# --- pySHACL on inline samples -----------------------------------------------------------------------------

EX = Namespace("https://ex.org/")
PREFIXES = """
@prefix mai: <https://w3id.org/maillage/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix oa: <http://www.w3.org/ns/oa#> .
@prefix theme: <https://w3id.org/maillage/ontology/theme/> .
@prefix circle: <https://w3id.org/maillage/ontology/circle/> .
@prefix nature: <https://w3id.org/maillage/ontology/nature/> .
@prefix outcome: <https://w3id.org/maillage/ontology/outcome/> .
@prefix kind: <https://w3id.org/maillage/ontology/kind/> .
@prefix ex: <https://ex.org/> .
"""

# Types are written as the ingest materialises them: every actor is also typed mai:Actor.
PARTIES = """
ex:funder a mai:PublicAuthority , mai:Actor ; rdfs:label "Métropole" .
ex:beneficiary a mai:Association , mai:Actor ; rdfs:label "DanaeCare" .
"""

VALID = PARTIES + """
ex:funder mai:siren "244200770" ; mai:legalCategory "7344" ; mai:memberCount 53 ; schema:location ex:city .
ex:beneficiary skos:altLabel "Danaecare" ; schema:foundingDate "2012"^^xsd:gYear ; mai:ess true ;
    dcterms:subject theme:relation-soignant-soigne ; mai:rna "W9T1002867" .
ex:city a schema:Place ; rdfs:label "Saint-Étienne" ; mai:inseeCode "42218" .
ex:bureau a org:OrganizationalUnit ; rdfs:label "Bureau métropolitain" ; org:unitOf ex:funder .

ex:grant a mai:Grant ; schema:funder ex:funder ; mai:beneficiary ex:beneficiary ;
    schema:amount 20000.00 ; schema:currency "EUR" ; mai:fiscalYear 2024 ; mai:nature nature:operating ;
    mai:budgetAccount "SERV/65748/PROCE" ; mai:decidedBy ex:deliberation ; mai:contributesTo ex:goal .

ex:deliberation a mai:Deliberation ; dcterms:identifier "2024.00240" ; dcterms:title "Subvention à DanaeCare" ;
    dcterms:date "2024-05-16"^^xsd:date ; mai:authority ex:funder ; mai:body ex:bureau ; mai:session ex:session ;
    mai:actesId "042-244200770-20240516-D20240024010-DE" ; mai:receivedByPrefecture "2024-05-28"^^xsd:date ;
    mai:legalityControlAuthority "PREF042" ; mai:publishedOn "2024-05-28"^^xsd:date ;
    mai:outcome outcome:adopted-unanimously .

ex:session a mai:Session ; dcterms:date "2024-05-16"^^xsd:date ; mai:body ex:bureau ;
    mai:convenedOn "2024-05-07"^^xsd:date ; mai:membersInOffice 68 ; mai:membersPresent 54 ; mai:proxyCount 8 ;
    mai:voteCount 62 ; mai:chair ex:chair ; mai:secretary ex:secretary ; mai:present ex:chair , ex:secretary ;
    mai:excused ex:excused ; mai:proxy ex:proxy .
ex:proxy a mai:Proxy ; mai:from ex:excused ; mai:to ex:chair .
ex:chair a foaf:Person ; rdfs:label "Camille Martin" ; foaf:givenName "Camille" ; foaf:familyName "Martin" .
ex:secretary a foaf:Person ; rdfs:label "Dominique Bernard" .
ex:excused a foaf:Person ; rdfs:label "Claude Petit" .

ex:ptce a mai:Cooperation , mai:Actor ; rdfs:label "PTCE santé" ; mai:coordinatedBy ex:beneficiary ;
    mai:hasGoal ex:goal ; mai:memberKind kind:association .
ex:goal a mai:StrategicGoal , skos:Concept ; skos:prefLabel "Animer l'écosystème santé"@fr ; skos:notation "2" ;
    skos:inScheme ex:goals .
ex:action a mai:RoadmapAction ; dcterms:title "Cartographier les acteurs" ; mai:contributesTo ex:goal .
ex:membership a org:Membership ; org:member ex:beneficiary ; org:organization ex:ptce ; org:role circle:coeur ;
    mai:joinedOn "2024-06-01"^^xsd:date .
ex:source a mai:Source ; dcterms:title "deliberation.txt" ; dcterms:format "text/plain" ;
    mai:sha256 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    prov:generatedAtTime "2024-06-01T10:00:00Z"^^xsd:dateTime ; mai:readerVersion 1 .
ex:grant mai:evidence ex:quote .
ex:quote a oa:TextQuoteSelector , oa:TextPositionSelector ; oa:exact "d'un montant de 20 000 €" ; oa:start 6443 ;
    oa:end 6530 ; mai:pageStart 2 ; mai:pageEnd 3 ; prov:wasDerivedFrom ex:source .
"""

GRANT = 'ex:g a mai:Grant ; schema:funder ex:funder ; mai:beneficiary ex:beneficiary ; schema:currency "EUR" '

#: case -> (sample, focus node, path, fragment of the French message).
BROKEN = {
    "grant with two amounts": (PARTIES + GRANT + "; schema:amount 1.0 , 2.0 .",
                               EX.g, SCHEMA.amount, "exactement un montant"),
    "negative amount": (PARTIES + GRANT + "; schema:amount -5.0 .", EX.g, SCHEMA.amount, "positif ou nul"),
    "amount typed as a double": (PARTIES + GRANT + "; schema:amount 1.5E4 .", EX.g, SCHEMA.amount, "nombre décimal"),
    "grant without funder": (PARTIES + "ex:g a mai:Grant ; mai:beneficiary ex:beneficiary ; schema:amount 1.0 .",
                             EX.g, SCHEMA.funder, "exactement un financeur"),
    "funder that is not an actor": (PARTIES + "ex:g a mai:Grant ; schema:funder ex:unknown ; "
                                    "mai:beneficiary ex:beneficiary ; schema:amount 1.0 .",
                                    EX.g, SCHEMA.funder, "est un acteur"),
    "currency other than euro": (PARTIES + "ex:g a mai:Grant ; schema:funder ex:funder ; "
                                 'mai:beneficiary ex:beneficiary ; schema:amount 1.0 ; schema:currency "USD" .',
                                 EX.g, SCHEMA.currency, "EUR"),
    "actor without label": ("ex:a a mai:Association , mai:Actor .", EX.a, RDFS.label, "Un acteur a un nom"),
    "siren of eight digits": ('ex:a a mai:Actor ; rdfs:label "A" ; mai:siren "24420077" .',
                              EX.a, MAI.siren, "9 chiffres"),
    "siren written as a number": ('ex:a a mai:Actor ; rdfs:label "A" ; mai:siren 244200770 .',
                                  EX.a, MAI.siren, "entre guillemets"),
    "rna number too short": ('ex:a a mai:Actor ; rdfs:label "A" ; mai:rna "W12345678" .',
                             EX.a, MAI.rna, "W suivi de 9"),
    "membership without member": ("ex:m a org:Membership ; org:organization ex:ptce ; org:role circle:coeur .",
                                  EX.m, ORG.member, "exactement un membre"),
    "deliberation without number": ('ex:d a mai:Deliberation ; dcterms:title "Objet" .',
                                    EX.d, DCTERMS.identifier, "exactement un numéro"),
    "legality control not of the SCDL PREF_ID form": (
        'ex:d a mai:Deliberation ; dcterms:identifier "1" ; dcterms:title "Objet" ; '
        'mai:legalityControlAuthority "Loire" .',
        EX.d, MAI.legalityControlAuthority, "se code comme le SCDL PREF_ID"),
    "two legality controls": (
        'ex:d a mai:Deliberation ; dcterms:identifier "1" ; dcterms:title "Objet" ; '
        'mai:legalityControlAuthority "PREF042" , "SPREF0421" .',
        EX.d, MAI.legalityControlAuthority, "deux codes signalent deux sources en désaccord"),
    "session without date": ("ex:s a mai:Session .", EX.s, DCTERMS.date, "exactement une date"),
    "person without label": ("ex:p a foaf:Person .", EX.p, RDFS.label, "Une personne a un nom"),
    "source with a short digest": ('ex:s a mai:Source ; dcterms:title "f.csv" ; mai:sha256 "abc" ; '
                                   'prov:generatedAtTime "2024-06-01T10:00:00Z"^^xsd:dateTime .',
                                   EX.s, MAI.sha256, "64 caractères"),
    "quote on page zero": ('ex:q a oa:TextQuoteSelector ; oa:exact "20 000 €" ; mai:pageStart 0 .',
                           EX.q, MAI.pageStart, "un entier à partir de 1"),
    "quote ending on two pages": ('ex:q a oa:TextQuoteSelector ; oa:exact "20 000 €" ; mai:pageStart 2 ; '
                                  'mai:pageEnd 3 , 4 .', EX.q, MAI.pageEnd, "au plus une page"),
    "source with a reader version as text": (
        'ex:s a mai:Source ; dcterms:title "f.csv" ; prov:generatedAtTime "2024-06-01T10:00:00Z"^^xsd:dateTime ; '
        'mai:sha256 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ; mai:readerVersion "2" .',
        EX.s, MAI.readerVersion, "version du lecteur"),
}


def shacl_results(turtle: str) -> list[tuple]:
    """Validate ``turtle`` with pySHACL; return (focus, path, French message) of every result, sorted."""
    data = Graph().parse(data=PREFIXES + turtle, format="turtle")
    _, report, _ = pyshacl_validate(data, shacl_graph=parsed("shapes.ttl"), inference="none")
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        french = [str(m) for m in report.objects(result, SH.resultMessage) if getattr(m, "language", None) == "fr"]
        results.append((report.value(result, SH.focusNode), report.value(result, SH.resultPath), " ".join(french)))
    return sorted(results)


def test_a_valid_sample_has_no_violation_and_no_warning():
    assert shacl_results(VALID) == []


def test_an_integer_amount_is_a_decimal_and_passes():
    assert shacl_results(PARTIES + GRANT + "; schema:amount 15000 .") == []


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_sample_is_reported_once_with_its_message(case):
    sample, focus, path, fragment = BROKEN[case]
    [(found_focus, found_path, message)] = shacl_results(sample)
    assert (found_focus, found_path) == (focus, path)
    assert fragment in message


# --- SKOS schemes ------------------------------------------------------------------------------------------

def concepts(name: str) -> list[URIRef]:
    return sorted(parsed(name).subjects(RDF.type, SKOS.Concept))


ALL_CONCEPTS = [(name, c) for name in SCHEME_FILES for c in concepts(name)]


@pytest.mark.parametrize("name", list(SCHEME_FILES))
def test_scheme_is_declared_with_labels_in_french_and_english(name):
    scheme, _ = SCHEME_FILES[name]
    graph = parsed(name)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert sorted(texts_by_language(graph, scheme, SKOS.prefLabel)) == ["en", "fr"]


def test_the_themes_scheme_has_at_least_40_concepts():
    assert len(concepts("themes.ttl")) >= 40


@pytest.mark.parametrize(("name", "concept"), ALL_CONCEPTS,
                         ids=[f"{name[:-4]}-{local_name(c)}" for name, c in ALL_CONCEPTS])
def test_concept_has_one_preferred_label_in_french_and_one_in_english(name, concept):
    labels = texts_by_language(parsed(name), concept, SKOS.prefLabel)
    assert {lang: len(values) for lang, values in labels.items()} == {"fr": 1, "en": 1}


@pytest.mark.parametrize("name", list(SCHEME_FILES))
def test_every_concept_is_in_the_scheme_of_its_file_and_under_its_namespace(name):
    scheme, namespace = SCHEME_FILES[name]
    graph = parsed(name)
    assert {c: (list(graph.objects(c, SKOS.inScheme)), str(c).startswith(str(namespace))) for c in concepts(name)} \
        == {c: ([scheme], True) for c in concepts(name)}


@pytest.mark.parametrize("name", list(SCHEME_FILES))
def test_broader_and_narrower_are_stated_both_ways(name):
    graph = parsed(name)
    broader = set(graph.subject_objects(SKOS.broader))
    narrower = {(child, parent) for parent, child in graph.subject_objects(SKOS.narrower)}
    assert broader == narrower


@pytest.mark.parametrize("name", list(SCHEME_FILES))
def test_top_concepts_are_stated_both_ways_and_are_those_without_broader(name):
    scheme, _ = SCHEME_FILES[name]
    graph = parsed(name)
    tops = set(graph.subjects(SKOS.topConceptOf, scheme))
    assert tops == set(graph.objects(scheme, SKOS.hasTopConcept))
    assert tops == {c for c in concepts(name) if (c, SKOS.broader, None) not in graph}


@pytest.mark.parametrize("name", list(SCHEME_FILES))
def test_broader_links_stay_inside_the_scheme(name):
    graph = parsed(name)
    inside = set(concepts(name))
    assert {o for o in graph.objects(None, SKOS.broader)} - inside == set()


@pytest.mark.parametrize("name", list(SCHEME_FILES))
def test_no_label_names_two_concepts_of_a_scheme(name):
    graph = parsed(name)
    owners: dict[str, set] = {}
    for predicate in (SKOS.prefLabel, SKOS.altLabel):
        for concept, label in graph.subject_objects(predicate):
            owners.setdefault(str(label).casefold(), set()).add(concept)
    assert {label: c for label, c in owners.items() if len(c) > 1} == {}


@pytest.mark.parametrize("slug", [
    "prevention", "sante-mentale", "psychiatrie", "relation-soignant-soigne", "acces-aux-soins", "e-sante",
    "telemedecine", "nutrition", "activite-physique", "handicap", "vieillissement", "perte-d-autonomie", "aidants",
    "addictions", "perinatalite", "sante-de-l-enfant", "maladies-chroniques", "diabete", "cancer",
    "sante-environnementale", "sante-au-travail", "precarite-et-sante", "education-therapeutique",
    "coordination-des-soins", "exercice-coordonne", "tiers-lieu-sante", "innovation-en-sante", "recherche-en-sante",
    "formation-des-soignants", "democratie-en-sante", "sante-sexuelle", "vaccination", "soins-palliatifs",
    "urgence", "medico-social", "logement-et-sante", "alimentation", "sport-sante", "ess-et-sante",
    "cooperation-territoriale",
])
def test_theme_exists(slug):
    assert (THEME[slug], RDF.type, SKOS.Concept) in parsed("themes.ttl")


def test_psychiatry_is_narrower_than_mental_health():
    assert (THEME.psychiatrie, SKOS.broader, THEME["sante-mentale"]) in parsed("themes.ttl")


@pytest.mark.parametrize(("slug", "synonym"), [
    ("relation-soignant-soigne", "relation soignant/patient"),
    ("relation-soignant-soigne", "relation soignant-patient"),
    ("relation-soignant-soigne", "relation de soin"),
    ("relation-soignant-soigne", "relation humaine en santé"),
    ("sante-mentale", "psychisme"),
    ("sante-mentale", "bien-être psychique"),
    ("e-sante", "santé numérique"),
    ("e-sante", "numérique en santé"),
    ("exercice-coordonne", "maisons de santé"),
    ("democratie-en-sante", "usagers"),
])
def test_theme_has_the_synonyms_coordinators_use(slug, synonym):
    assert (THEME[slug], SKOS.altLabel, Literal(synonym, lang="fr")) in parsed("themes.ttl")


@pytest.mark.parametrize(("slug", "rank"), [("coeur", "1"), ("operationnel", "2"), ("partenaires", "3"),
                                            ("financeurs", "4")])
def test_circle_has_its_rank_as_notation(slug, rank):
    assert list(parsed("circles.ttl").objects(CIRCLE[slug], SKOS.notation)) == [Literal(rank)]


@pytest.mark.parametrize(("slug", "code", "label"), [
    ("operating", "F", "subvention de fonctionnement"), ("investment", "I", "subvention d'investissement"),
    ("project", "P", "subvention de projet"), ("in-kind", "N", "aide en nature"),
])
def test_grant_nature_has_its_code_and_french_label(slug, code, label):
    graph = parsed("natures.ttl")
    assert list(graph.objects(NATURE[slug], SKOS.notation)) == [Literal(code)]
    assert (NATURE[slug], SKOS.prefLabel, Literal(label, lang="fr")) in graph


@pytest.mark.parametrize(("slug", "label"), [
    ("adopted-unanimously", "adopté à l'unanimité"), ("adopted", "adopté"), ("rejected", "rejeté"),
    ("withdrawn", "retiré"),
])
def test_outcome_has_its_french_label(slug, label):
    assert (OUTCOME[slug], SKOS.prefLabel, Literal(label, lang="fr")) in parsed("outcomes.ttl")


@pytest.mark.parametrize(("slug", "cls"), [
    ("collectivite", MAI.PublicAuthority), ("association", MAI.Association), ("entreprise-ess", MAI.Enterprise),
    ("universite", MAI.University), ("professionnel-de-sante", MAI.HealthProfessional), ("usagers", MAI.UserGroup),
])
def test_actor_kind_points_to_its_class(slug, cls):
    assert list(parsed("kinds.ttl").objects(KIND[slug], RDFS.seeAlso)) == [cls]
    assert (cls, RDF.type, OWL.Class) in parsed("maillage.ttl")


def test_the_esus_enterprise_kind_answers_to_entreprise_esus():
    assert (KIND["entreprise-ess"], SKOS.altLabel, Literal("entreprise ESUS", lang="fr")) in parsed("kinds.ttl")
