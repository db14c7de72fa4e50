"""Named queries: ``webapp/queries/*.rq`` files, each with its title, description and parameters in a header.

Header syntax (comment lines before the query)::

    # title: Partenaires par cercle
    # title@en: Partners by circle
    # description: Les membres du PTCE par cercle d'implication, avec leurs dates d'entrée et de sortie.
    # description@en: …
    # param: circle | iri | Cercle | Circle | optional | in mai:circles
    # param: year | integer | Année | Year | 2024
    # param: start | date | Du | From | year-start
    # labels: fr
    # A note for developers (why the query is written so): never shown.

A parameter is ``name | type | French label | English label | optional or a default``, and for an IRI, where its
values are found: ``in <scheme>`` (the concepts of a SKOS scheme, a closed set) or ``a <class>`` (the instances of a
class), as a prefixed name or an IRI; a user then types a value's label, notation, title or date instead of its IRI.
A date's default may be ``year-start`` or ``year-end``: the first or last day of the calendar year of the request
(:data:`DATE_DEFAULTS`), so that a period's form asks about this year, whatever the year the file was written.
``search actor`` takes the search documents of that kind (:data:`search.document_kinds.KINDS`) whose name the text
gives: a beneficiary is an actor, never an agreement or a deliberation of that name.
A string parameter may say ``a <class>`` too: its text is part of the name (or the code) of an instance of the class
(a place's), and a page whose text names none says so rather than « Aucun résultat ».
Its value is bound to ``?name`` through the store's bindings (never formatted into the text). Types: iri, string,
integer, decimal, date. The pages at ``/queries`` run them as forms; the JSON API at ``/api/queries``.

A result's IRI is shown under its ``?xLabel`` column, or its label in the interface's language; a label column in
the other language then says what the link says, unless ``labels: fr`` declares the query's label columns French
whatever the visitor's language (a CSV whose columns are a contract: the members' lists' ``circleLabel``).

Every other comment line (``# …``, anywhere in the file) is a note for developers — a performance measure, why a
pattern is written so: it stays in the file, out of the text that users see and run (:attr:`NamedQuery.text`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources

import pyoxigraph as ox
from rdflib import Literal, URIRef, Variable
from rdflib.namespace import RDF, XSD
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from graph.namespaces import PREFIXES, sparql_prologue
from graph.ontology import resource_properties
from graph.sparql_text import tokenize
from webapp.errors import ApiError

_TYPES = {"iri", "string", "integer", "decimal", "date"}
#: What a value of each type is, said in an error message: (French, English).
TYPE_NAMES = {"iri": ("une IRI (https://…)", "an IRI (https://…)"), "string": ("un texte", "a text"),
              "integer": ("un nombre entier", "an integer"), "decimal": ("un nombre", "a number"),
              "date": ("une date AAAA-MM-JJ", "a date YYYY-MM-DD")}


def is_iri(text: str) -> bool:
    """True for an absolute IRI (RFC 3987) with one of the schemes a resource of the graph has.

    Oxigraph's own parser decides, so that a value accepted here is never refused by the engine afterwards
    (a space, ``<>"{}|^`\\``, a control character, U+FFFD of an undecodable byte).

    >>> is_iri("https://w3id.org/maillage/id/actor/danaecare"), is_iri("http://x/a b"), is_iri("a>b")
    (True, False, False)
    """
    if not text.startswith(("http://", "https://", "urn:")):
        return False
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


#: The defaults of a date parameter that depend on the day of the request: the first and last day of its calendar year.
DATE_DEFAULTS = {"year-start": lambda today: dt.date(today.year, 1, 1),
                 "year-end": lambda today: dt.date(today.year, 12, 31)}


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    label_fr: str
    label_en: str
    optional: bool = False
    default: str | None = None
    #: Where the values are found: ("in", scheme IRI), ("a", class IRI), ("search", a search kind), or None; a
    #: string's ("a", class IRI): the instances whose name (or code) it is part of.
    values: tuple[str, str] | None = None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_fr

    def default_on(self, today: dt.date | None = None) -> str | None:
        """The default value on the day ``today`` (the current day when None): a default of :data:`DATE_DEFAULTS`
        as the ISO date it stands for that day, any other as written.

        >>> Parameter("end", "date", "Au", "To", default="year-end").default_on(dt.date(2026, 12, 5))
        '2026-12-31'
        """
        if self.type == "date" and self.default in DATE_DEFAULTS:
            return DATE_DEFAULTS[self.default](today or dt.date.today()).isoformat()
        return self.default

    def bind(self, raw: str | None, today: dt.date | None = None):
        """Return the rdflib term of a form value, the default on ``today`` (:meth:`default_on`) for none; raises
        ApiError (400) on a bad value."""
        raw = (raw or "").strip() or self.default_on(today)
        if raw is None:
            if self.optional:
                return None
            raise ApiError(f"paramètre « {self.name} » manquant : {self.label_fr}",
                           f"missing parameter '{self.name}': {self.label_en}", code="missing-parameter")
        try:
            if self.type == "iri":
                if not is_iri(raw):
                    raise ValueError(raw)
                return URIRef(raw)
            if self.type == "integer":
                return Literal(int(raw), datatype=XSD.integer)
            if self.type == "decimal":
                return Literal(Decimal(raw.replace(",", ".")), datatype=XSD.decimal)
            if self.type == "date":
                return Literal(dt.date.fromisoformat(raw), datatype=XSD.date)
        except (ValueError, InvalidOperation):
            french, english = TYPE_NAMES[self.type]
            raise ApiError(f"valeur invalide pour « {self.label_fr} » ({self.name}) : « {raw[:80]} » ; attendu : "
                           f"{french}", f"invalid value for '{self.label_en}' ({self.name}): '{raw[:80]}'; expected: "
                           f"{english}", code="bad-parameter") from None
        return Literal(raw)


#: Date parameters that bound a period, its first day then its last: a period that ends before it starts selects
#: nothing, which is a mistake in the form rather than an answer.
PERIOD = ("start", "end")


def _check_period(bound: dict) -> None:
    """Raise ApiError (400) when the bound period's start date is after its end date."""
    start, end = (bound.get(name) for name in PERIOD)
    if start is not None and end is not None and start.datatype == end.datatype == XSD.date \
            and start.toPython() > end.toPython():
        raise ApiError(f"la date de début « {PERIOD[0]} » ({start}) est après la date de fin « {PERIOD[1]} » ({end}) "
                       ": la période ne contient aucun jour",
                       f"the start date '{PERIOD[0]}' ({start}) is after the end date '{PERIOD[1]}' ({end}): "
                       "the period holds no day", code="bad-parameter")


@dataclass(frozen=True)
class NamedQuery:
    """A named query; ``text`` is what users see and what runs: the file without its developer notes (``notes``)."""

    name: str
    title_fr: str
    title_en: str
    description_fr: str
    description_en: str
    parameters: tuple[Parameter, ...]
    text: str
    meta: dict = field(default_factory=dict, compare=False)
    notes: tuple[str, ...] = ()

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_fr

    def description(self, lang: str) -> str:
        return self.description_en if lang == "en" else self.description_fr

    def bindings(self, values, today: dt.date | None = None) -> dict:
        """Bind the request's values (a mapping) to the query's parameters, those not given to their defaults on
        ``today`` (the current day when None)."""
        bound = {p.name: p.bind(values.get(p.name), today) for p in self.parameters}
        _check_period(bound)
        return {k: v for k, v in bound.items() if v is not None}

    def resource_variables(self) -> frozenset[str]:
        """The result variables that hold resources (:func:`resource_variables`): each has its IRI column in the
        CSV, whatever the rows."""
        return resource_variables(self.text)

    def to_json(self, today: dt.date | None = None) -> dict:
        """The query's description, each default as it stands on ``today`` (the current day when None)."""
        return {"name": self.name, "title": self.title_fr, "title_en": self.title_en,
                "description": self.description_fr, "description_en": self.description_en,
                "parameters": [{"name": p.name, "type": p.type, "label": p.label_fr, "label_en": p.label_en,
                                "optional": p.optional, "default": p.default_on(today),
                                "scheme": p.values[1] if p.values and p.values[0] == "in" else None,
                                "class": p.values[1] if p.values and p.values[0] == "a" else None,
                                "search_kind": p.values[1] if p.values and p.values[0] == "search" else None}
                               for p in self.parameters],
                "sparql": self.text}


#: rdflib's SPARQL parser is not safe in threads: pyparsing learns each parse action's arity at its first call, and
#: two first calls at once (a worker's warm-up beside a request) failed with « Param.postParse2() missing 1 required
#: positional argument » — a page answered 500. One parse at a time.
_PARSING = threading.Lock()


@cache
def resource_variables(text: str) -> frozenset[str]:
    """The variables of the query ``text`` that are bound to resources whatever the rows: those in a triple pattern's
    subject or predicate (a literal never is one), a graph's name, the class of ``a``, the value of a property of
    resources (:func:`graph.ontology.resource_properties`: ``mai:decidedBy``), and those beside a label (``?member``
    and ``?memberLabel``). Read from the query, not from its results: an empty result's CSV lacked the
    ``*_iri`` columns of the same query's CSV with rows.

    >>> sorted(resource_variables("SELECT * WHERE { ?a dcterms:subject ?s ; mai:decidedBy ?d . ?s skos:broader* ?t ;"
    ...                           " a ?k . ?a rdfs:label ?aLabel ; schema:amount ?n . ?x rdfs:label ?xLabel }"))
    ['a', 'd', 'k', 's', 'x']
    """
    with _PARSING:
        algebra = translateQuery(parseQuery(sparql_prologue() + text)).algebra
    found = set()
    for node in _algebra_nodes(algebra):
        if node.name == "Graph" and isinstance(node.get("term"), Variable):
            found.add(str(node["term"]))
        if node.name == "BGP":
            for subject, predicate, obj in node["triples"]:
                resource = predicate == RDF.type or predicate in resource_properties()
                found.update(str(term) for term in (subject, predicate, obj if resource else None)
                             if isinstance(term, Variable))
    named = {token.value[1:] for token in tokenize(text) if token.kind == "var"}
    return frozenset(found | {v for v in named if v + "Label" in named})


def _algebra_nodes(node) -> Iterator[CompValue]:
    """Every node of a query's algebra, ``node`` first."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _algebra_nodes(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _algebra_nodes(value)


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read a ``.rq`` file's header and set its developer notes apart; raises ValueError when the title or
    description is missing.

    >>> q = parse_named_query("x", "# title: T\\n# title@en: T\\n# description: D\\n# description@en: D\\n"
    ...                       "# Why: faster.\\nSELECT * WHERE { ?s ?p ?o }\\n# Sorted in memory.\\nORDER BY ?s\\n")
    >>> q.notes, q.text.splitlines()[-2:]
    (('Why: faster.', 'Sorted in memory.'), ['SELECT * WHERE { ?s ?p ?o }', 'ORDER BY ?s'])
    """
    meta: dict[str, str] = {}
    params = []
    shown, notes = [], []
    in_header = True
    for line in text.splitlines():
        if not line.lstrip().startswith("#"):
            in_header = in_header and not line.strip()
            shown.append(line)
            continue
        key, sep, value = line.lstrip()[1:].strip().partition(":")
        key, value = key.strip(), value.strip()
        if not (in_header and sep and key in _HEADER_KEYS):
            notes.append(line.lstrip()[1:].strip())
            continue
        shown.append(line)
        if key == "param":
            params.append(_parse_param(name, value))
        else:
            meta[key] = value
    for required in ("title", "title@en", "description", "description@en"):
        if not meta.get(required):
            raise ValueError(f"{name}: header has no {required}")
    return NamedQuery(name, meta["title"], meta["title@en"], meta["description"], meta["description@en"],
                      tuple(params), "\n".join(shown) + "\n", meta, tuple(notes))


#: The keys of a header line; any other comment is a developer's note.
_HEADER_KEYS = {"title", "title@en", "description", "description@en", "param", "labels"}


def _parse_param(name: str, value: str) -> Parameter:
    parts = [p.strip() for p in value.split("|")]
    if len(parts) < 4 or parts[1] not in _TYPES:
        raise ValueError(f"{name}: bad param line: {value}")
    extra = parts[4] if len(parts) > 4 else ""
    values = None
    if len(parts) > 5:
        how, _, where = parts[5].partition(" ")
        takes = parts[1] == "iri" or (parts[1], how) == ("string", "a")
        if how not in ("in", "a", "search") or not takes or not where.strip():
            raise ValueError(f"{name}: bad values of a param (in <scheme>, a <class> or search <kind>): {value}")
        values = (how, where.strip() if how == "search" else _expand(where.strip()))
    return Parameter(parts[0], parts[1], parts[2], parts[3], extra == "optional",
                     extra if extra not in ("", "optional") else None, values)


def _expand(name: str) -> str:
    """An IRI from a prefixed name (``mai:circles``) or ``<…>``."""
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, _, local = name.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return str(PREFIXES[prefix]) + local
    return name


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped in ``webapp/queries``, by name (the file name without ``.rq``), sorted."""
    folder = resources.files("webapp").joinpath("queries")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            found[name] = parse_named_query(name, entry.read_text(encoding="utf-8"))
    return found


def get_named_query(name: str) -> NamedQuery:
    """Return the named query ``name``; raises ApiError 404 when there is none."""
    try:
        return named_queries()[name]
    except KeyError:
        raise ApiError(f"aucune requête nommée « {name} »", f"no named query '{name}'", status=404,
                       code="unknown-query") from None
