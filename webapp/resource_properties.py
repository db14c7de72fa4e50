"""What a resource's page says from its own triples: its title (made up, for what no source names, as the links to
it name it) and its properties, each value named and in order.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import FOAF, OWL, PROV, RDF, SKOS

from graph.namespaces import DCTERMS, MAI, OA, ORG, PREFIXES, SCHEMA
from graph.resolution_near_names import spelling_corrected
from webapp.display import KIND_LAST, KIND_ORDERS, by_language, source_language, value_order
from webapp.formatting import colon
from webapp.i18n import get_lang, t
from webapp.labels import qname, shipped_label, specific_types, term_comment, term_label
from webapp.page_data import Ref, in_language, ref
from webapp.page_queries import select
from webapp.resource_evidence import quote_name
from webapp.resource_names import (deliberation_label, deliberations_by_number, grant_label, labels_of,
                                   names_of_unnamed, party_label, pick_label, session_label)

_TYPE = URIRef(str(PREFIXES["rdf"]) + "type")
#: The kinds of a property of the vocabulary, whose page's title takes a capital its label does not have.
_PROPERTY_TYPES = {RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
_LABEL_PREDICATES = {URIRef(str(PREFIXES["rdfs"]) + "label"), URIRef(str(PREFIXES["skos"]) + "prefLabel"),
                     URIRef(str(PREFIXES["dcterms"]) + "title")}


def _value(term, label=None):
    """A property's value: an IRI as a link named by its label, else by the interface's name for a vocabulary term
    (a class, a concept: as the badges name them), else by the end of the IRI; a literal as it is."""
    if not isinstance(term, URIRef):
        return term
    if label is None and (known := term_label(term)) != qname(term):
        label = known
    return ref(term, label)


def _unlabelled_values(rows: list[dict]) -> list[URIRef]:
    """The IRIs among the values of ``rows`` that have no label, nor a name in the vocabulary (a proxy, a grant)."""
    return [row["o"] for row in rows if isinstance(row["o"], URIRef) and row.get("label") is None
            and row["p"] not in (_TYPE, MAI.evidence) and term_label(row["o"]) == qname(row["o"])]


#: The properties whose values are deliberations: named by their number, as the tables name them.
_DELIBERATION_PROPERTIES = frozenset({MAI.decidedBy, MAI.approvedBy})


def _numbered(rows: list[dict]) -> dict[URIRef, str]:
    """The deliberations among the values of ``rows`` (a grant's, an agreement's), named by their number."""
    return deliberations_by_number(row["o"] for row in rows if row["p"] in _DELIBERATION_PROPERTIES
                                   and isinstance(row["o"], URIRef))


#: The properties of one blank node that a page shows inline, at most (an address has three or four).
BLANK_NODE_PROPERTIES = 20
#: The properties of the blank nodes that the resource ?s links to (an address: ``schema:address _:b`` with its
#: street, postal code and town), one level deep, with the labels of their values; the page showed the node's hash.
_BLANK_VALUES = """SELECT DISTINCT ?b ?p ?o ?label WHERE {
  ?s ?x ?b FILTER(isBlank(?b)) ?b ?p ?o OPTIONAL { ?o rdfs:label ?label } } LIMIT %CAP%"""


class Nested(str):
    """A blank node's value shown inline: its properties (``nested``: pairs of the property's Ref and its value, a Ref
    or a literal), its text the same said in one line (« rue : 12 rue Gambetta ; code postal : 42000 ») for the
    JSON and CSV twins."""

    nested: list[tuple[Ref, object]]

    def __new__(cls, nested: list[tuple[Ref, object]]):
        said = super().__new__(cls, " ; ".join(f"{p.label}{colon()} {getattr(v, 'label', v)}" for p, v in nested))
        said.nested = nested
        return said


def blank_values(s: URIRef) -> dict[BNode, Nested]:
    """The blank nodes among the values of ``s``, each with its own properties (:data:`BLANK_NODE_PROPERTIES` at most,
    in the order of their names), their values named as the page names values."""
    found: dict[BNode, dict] = defaultdict(dict)
    for row in select(_BLANK_VALUES.replace("%CAP%", str(BLANK_NODE_PROPERTIES * 10)), s=s):
        if len(found[row["b"]]) < BLANK_NODE_PROPERTIES:
            found[row["b"]].setdefault((row["p"], row["o"]), row.get("label"))
    return {node: Nested(sorted(((ref(p, term_label(p)), _value(o, label)) for (p, o), label in pairs.items()
                                 if not isinstance(o, BNode)),  # one level deep
                                key=lambda pair: (pair[0].label, str(pair[1]))))
            for node, pairs in found.items()}


def properties(rows: list[dict], blanks: dict[BNode, Nested] | None = None) -> list[dict]:
    """The resource's properties, in the order of its kind (:data:`KIND_ORDERS`) else by name, its long texts last
    (:data:`KIND_LAST`), with their values in order (by rank or family name, then by name); the texts in another
    language than the page's, where the page's has one, apart (``other_languages``); the values that no source names
    named as their own pages name them, the deliberations by their number (whatever their title); of its types, only
    the most specific (:func:`webapp.labels.specific_types`); a blank node by its own properties (``blanks``:
    :func:`blank_values`)."""
    blanks = blanks or {}
    unlabelled = _unlabelled_values(rows)
    # a value that its file names by schema:name or foaf:name only (a partner's Linked Data) is named so
    names = {**names_of_unnamed(unlabelled), **{iri: pick_label(found) for iri, found in labels_of(unlabelled).items()}}
    numbered = _numbered(rows)
    grouped: dict[URIRef, list] = defaultdict(list)
    stated_by: dict[tuple, list[str]] = {}
    types = set(specific_types(row["o"] for row in rows if row["p"] == _TYPE))
    for row in rows:
        if row["p"] in (SCHEMA.text, MAI.evidence, MAI.ingestIssue):  # each said in its own section
            continue
        if row["p"] == _TYPE and isinstance(row["o"], URIRef) and row["o"] not in types:
            continue  # a superclass materialised for SPARQL (« Agent », « ONG »): the page names the specific type
        # A type is named as its badge names it, in the interface's language, whatever the ontology's label.
        label = None if row["p"] == _TYPE else row.get("label")
        if row["p"] in _DELIBERATION_PROPERTIES and row["o"] in numbered:
            label = numbered[row["o"]]
        value = blanks.get(row["o"]) or _value(row["o"], label if label is not None else names.get(row["o"]))
        grouped[row["p"]].append((value_order(row.get("order"), value), value))
        stated_by[row["p"], value] = _graphs(row)
    order = next((KIND_ORDERS[kind] for kind in types if kind in KIND_ORDERS), ())
    last = next((KIND_LAST[kind] for kind in types if kind in KIND_LAST), ())
    found = []
    for p, values in sorted(grouped.items(), key=lambda kv: _place(order, last, kv[0])):
        shown, others = by_language([value for _, value in sorted(values, key=lambda kv: kv[0])])
        found.append({"property": ref(p, term_label(p)), "tooltip": term_comment(p), "values": shown,
                      "value_sources": [stated_by[p, value] for value in shown], "other_languages": others})
    return _earlier_spellings(found, [str(row["o"]) for row in rows if row["p"] in _LABEL_PREDICATES])


def _earlier_spellings(found: list[dict], names: list[str]) -> list[dict]:
    """``found`` with the old names (``skos:hiddenLabel``) that are one of the resource's ``names`` misspelt, which
    a new version of its source corrected (:func:`graph.resolution_near_names.spelling_corrected`: « Rue Pinnel »,
    now « Rue Pinel »), said apart as « graphie précédente »: the organisation was never called so, and « ancien
    nom » said it was. They stay old names for search, and a real rename keeps « ancien nom »."""
    at = next((i for i, prop in enumerate(found) if prop["property"].iri == str(SKOS.hiddenLabel)), None)
    if at is None:
        return found
    old = found[at]
    corrected = {n for n, value in enumerate(old["values"]) if any(spelling_corrected(str(value), name)
                                                                   for name in names)}
    if not corrected:
        return found
    spelt = {"property": ref(SKOS.hiddenLabel, t("earlier_spelling")), "tooltip": t("earlier_spelling_tip"),
             "values": [old["values"][n] for n in sorted(corrected)],
             "value_sources": [old["value_sources"][n] for n in sorted(corrected)], "other_languages": []}
    kept = [n for n in range(len(old["values"])) if n not in corrected]
    old["values"], old["value_sources"] = [old["values"][n] for n in kept], [old["value_sources"][n] for n in kept]
    return found[:at] + [spelt] + found[at + (0 if kept or old["other_languages"] else 1):]


#: The sites (an actor's facility: « tiers-lieu santé (L'Étrat) ») among some places (VALUES), with the place each is
#: in. %IRIS% are IRIs read from the store, written with rdflib's escaping.
_SITES_IN = "SELECT ?site ?place WHERE { VALUES ?site { %IRIS% } ?site schema:containedInPlace ?place }"


def places_once(found: list[dict]) -> list[dict]:
    """``found`` (:func:`properties`) with each place of an actor's ``schema:location`` said once: a deliberation
    links the actor to the place and to its site there (the place, and the facility with its date, « implantation de
    DanaeCare (bassin stéphanois, depuis 2019) »), which named each place twice; the site, which names its place and
    links to it, stays."""
    for prop in found:
        links = [v for v in prop["values"] if isinstance(v, Ref)]
        if prop["property"].iri != str(SCHEMA.location) or len(links) < 2:
            continue
        rows = select(_SITES_IN.replace("%IRIS%", " ".join(URIRef(v.iri).n3() for v in links)))
        within = {str(row["place"]) for row in rows}
        kept = [i for i, v in enumerate(prop["values"]) if not (isinstance(v, Ref) and v.iri in within)]
        prop["values"] = [prop["values"][i] for i in kept]
        prop["value_sources"] = [prop["value_sources"][i] for i in kept]
    return found


def _place(order: tuple, last: tuple, p: URIRef) -> tuple:
    """The place of the property ``p`` on a page whose kind says some properties first (``order``), the others by
    name, then some last (``last``)."""
    if p in order:
        return (0, order.index(p), "")
    if p in last:
        return (2, last.index(p), "")
    return (1, 0, term_label(p).lower())


def _graphs(row: dict) -> list[str]:
    """The sources that state a row's triple: the IRIs of the named graphs that hold it (each graph is one source's),
    in order."""
    return sorted(str(row.get("sources") or "").split())


def sources_of(rows: list[dict]) -> list:
    """The sources that state the resource's own triples (``rows``: its properties' rows), as links named by their
    titles, in order of their names: the page marks each value with those of its sources (``value_sources``) when
    there are more than one."""
    graphs = {URIRef(g) for row in rows for g in _graphs(row)}
    titles = {row["o"]: row.get("label") for row in rows
              if row["p"] == PROV.wasDerivedFrom and row["o"] in graphs and row.get("label") is not None}
    if untitled := graphs - set(titles):
        titles.update({g: pick_label(labels) for g, labels in labels_of(untitled).items()})
    return sorted((ref(g, titles.get(g)) for g in graphs), key=lambda source: value_order(None, source))


def own_name(rows: list[dict]) -> str | None:
    """The name that the sources of a resource give it, of its labels and titles (``rows``: its properties' rows);
    None when they give none. It keeps the language it is written in, as a value does
    (:func:`webapp.display.source_language`), for an English page to mark its heading French: a tagged label's
    (a goal's ``"…"@fr``), French for a title copied from a text (a deliberation's); none for a proper name (an
    actor's untagged ``rdfs:label``). Of a resource with no label nor title, its ``schema:name``, else its
    ``foaf:name``: a Linked Data file names its actors so, and their pages were titled by their IRI."""
    named = next((found for predicates in (_LABEL_PREDICATES, {SCHEMA.name}, {FOAF.name})
                  if (found := [row for row in rows if row["p"] in predicates and isinstance(row["o"], Literal)])),
                 [])
    name = pick_label([row["o"] for row in named])
    if name is None:
        return None
    languages = {getattr(source_language(row["p"], row["o"]), "language", None) for row in named
                 if str(row["o"]) == name}
    if None in languages:
        return name
    # in the order pick_label prefers them: the page's language (left unmarked), then French, then any
    return in_language(name, min(languages, key=lambda lang: (lang.split("-")[0] != get_lang(), lang != "fr", lang)))


def page_title(s: URIRef, types: list, rows: list[dict], name: str | None) -> str:
    """The title of the page of ``s``: the label Maillage's ontology gives a term of its own (a file's redefinition,
    warned at ingest, does not rename it), else its ``name`` (:func:`own_name`), else one made up for what no source
    names, else the name of a term of the vocabulary, else its IRI; a property's with a capital."""
    label = (shipped_label(s) or name or _unlabelled_name(s, types, rows)
             or (names_of_unnamed([s]).get(s) if not types else None))
    if not label and (known := term_label(s)) != str(s):
        label = known  # a class of another vocabulary that the graph names nowhere (foaf:Person: « Personne »)
    if label and _PROPERTY_TYPES & set(types):  # a property's label is written small ("bénéficiaire"): not its title
        label = label[:1].upper() + label[1:]
    return label or str(s)


def _unlabelled_name(s: URIRef, types: list, out: list[dict]) -> str | None:
    """A name for a resource that no source names: a grant by its amount and beneficiary, a session by its day and
    organ, a deliberation without a title by its number and authority (as the links to them name them), a quote by
    its source."""
    def first(predicate: URIRef, column: str = "o"):
        return next((row.get(column) for row in out if row["p"] == predicate and row.get(column) is not None), None)

    if MAI.Grant in types:
        return grant_label(first(SCHEMA.amount), party_label(first(MAI.beneficiary), first(MAI.beneficiary, "label")))
    if ORG.Membership in types and (member := first(ORG.member, "label")) and (
            organization := first(ORG.organization, "label")):
        circle = first(ORG.role, "label")
        return t("membership_name", member=member, organization=organization, circle=f" ({circle})" if circle else "")
    if MAI.Proxy in types and (giver := first(MAI["from"], "label")) and (holder := first(MAI.to, "label")):
        return t("proxy_name", giver=giver, holder=holder)
    if MAI.Session in types and (day := first(DCTERMS.date)) is not None:
        return session_label(day, first(MAI.body, "label"))
    if MAI.Deliberation in types and (first(DCTERMS.identifier) or first(MAI.authority)) is not None:
        return deliberation_label(first(DCTERMS.identifier), first(MAI.authority, "label"))
    if OA.TextQuoteSelector in types:
        return quote_name(s, out)
    return None
