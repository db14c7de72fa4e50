"""A named query's IRI parameter given by name: the one resolution that the pages at ``/queries``, the JSON API and
``maillage query`` share, so that a name the form accepts is accepted on the command line too.

A parameter declared ``in <scheme>`` or ``a <class>`` takes one of its values' labels, notations (a circle's
rank), titles or dates (a session by its day or by its name as its page shows it); another parameter takes a
vocabulary term's label (a class, a theme), else the one search document of that name (an actor, a goal…).
A goal is one PTCE's: its rank or name is looked up among the goals of the PTCE given (``pole``), if any.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from graph.namespaces import MAI
from webapp.errors import ApiError


@dataclass(frozen=True)
class Lookup:
    """Where names are looked up: ``store()`` gives the store, ``index()`` the search index (None while none has
    been built), ``lang`` the language of the labels given back. Both are called only when a name needs them."""

    store: Callable
    index: Callable
    lang: str = "fr"

    def select(self, sparql: str, **bindings) -> list[dict]:
        """Run one of our queries (the contract's prefixes declared) with ``bindings``; its rows as dicts."""
        from graph.namespaces import sparql_prologue

        bound = {k: (v if isinstance(v, (URIRef, Literal, BNode)) else Literal(v)) for k, v in bindings.items()
                 if v is not None}
        return list(self.store().query(sparql_prologue() + sparql, bound).dicts())


def resolve_names(query, values, lookup: Lookup) -> dict:
    """``values`` (a mapping of the parameters' names to the text given) with a name given for an IRI parameter
    replaced by the IRI it names. Raises ApiError (400) when no name matches, or when several do: the message lists
    them, each with its IRI. A goal is looked up after the query's ``pole``, among that PTCE's goals."""
    resolved = {key: values.get(key) for key in values}
    for parameter in sorted(query.parameters, key=is_goal):
        raw = (values.get(parameter.name) or "").strip()
        if parameter.type == "iri" and raw:
            resolved[parameter.name] = resolve_goal(parameter, raw, lookup, _pole(query, resolved)) \
                if is_goal(parameter) else resolve_name(parameter, raw, lookup)
    return resolved


def _pole(query, resolved: dict) -> str | None:
    """The IRI of the PTCE that the query's ``pole`` gives (resolved), or None."""
    if not any(parameter.name == "pole" for parameter in query.parameters):
        return None
    return (resolved.get("pole") or "").strip() or None


def resolve_name(parameter, raw: str, lookup: Lookup, side=None) -> str:
    """The IRI that ``raw`` names for the IRI parameter ``parameter`` (``raw`` itself when it is an IRI); an actor
    parameter takes an actor's SIRET, SIREN or RNA number too (:func:`identified`). Raises ApiError (400) when
    nothing matches, or when several do (listed, each with its IRI). ``side``, a side of grants
    (:mod:`webapp.grant_parties`), keeps the actors of that side: "Aurec" names six actors, one a funder; a name
    that names none of them is the 400, which suggests the closest names of that side."""
    if raw.startswith(("http://", "https://", "urn:")):
        return raw
    listed = parameter.values is not None and parameter.values[0] in ("in", "a")
    number = identified(raw, lookup) if parameter.values == ("search", "actor") else None
    if number is not None:
        nothing, found = number
    else:
        nothing = _NO_NAME
        found = values_named(parameter, raw, lookup) if listed else _named(parameter, raw, lookup)
    among, meant = ("", ""), []
    if side is not None:
        kept = side.holding(lookup, [iri for iri, _ in found])
        among = side.among if found else among  # what it named, none of that side; else it named nothing at all
        found = [hit for hit in found if hit[0] in kept]
        meant = side.closest(lookup, raw) if not found and number is None else []
    if parameter.default and not listed:
        found = _like(parameter.default, found)
    if len(found) != 1:
        numbers = _namesakes(found, lookup) if parameter.values == ("search", "actor") else None
        raise _unresolved(parameter, raw, found, among, nothing=nothing, meant=meant, numbers=numbers)
    return found[0][0]


#: What the 400 of a name that names nothing says.
_NO_NAME = ("aucun nom ne correspond", "no name matches")
#: The identifiers an actor parameter takes, as people write them (spaces, dots: :func:`clean_identifier`).
_SIRET, _SIREN, _RNA = re.compile(r"\d{14}"), re.compile(r"\d{9}"), re.compile(r"W[0-9A-Z]{9}")
#: The actors that hold a SIREN, or the SIREN of a SIRET or that SIRET itself (an RDF file's actor may state its
#: SIRET alone): the store keys one organisation's actor by its SIREN (README, « One organisation, one actor »).
_HOLDING_SIREN = """SELECT DISTINCT ?actor ?label WHERE { ?actor mai:siren ?siren
  OPTIONAL { ?actor rdfs:label ?label } }"""
_HOLDING_SIRET = """SELECT DISTINCT ?actor ?label WHERE { { ?actor mai:siren ?siren } UNION { ?actor mai:siret ?siret }
  OPTIONAL { ?actor rdfs:label ?label } }"""
_HOLDING_RNA = "SELECT DISTINCT ?actor ?label WHERE { ?actor mai:rna ?rna OPTIONAL { ?actor rdfs:label ?label } }"
#: The associations that hold an old RNA number (an RNA import row's ``id``, « 751P00085568 »), which their pages
#: show: a deliberation's number (``dcterms:identifier`` too) may have its shape.
_HOLDING_OLD_RNA = """SELECT DISTINCT ?actor ?label WHERE { ?actor dcterms:identifier ?number ; a mai:Association
  OPTIONAL { ?actor rdfs:label ?label } }"""


def identified(raw: str, lookup: Lookup) -> tuple[tuple[str, str], list[tuple[str, dict]]] | None:
    """When ``raw`` is a SIRET (14 digits), a SIREN (9), an RNA number (``W`` and 9 digits or capitals) or an old
    RNA number (``751P00085568``, :data:`graph.identifiers.RNA_OLD_NUMBER`), what the 400 of no holder says and the
    actors that hold it, as (IRI, its name in French and English): a SIRET's are those of its SIREN. None for
    another text, a name.

    >>> identified("Ville d'Antibes", None) is None
    True
    """
    from graph.identifiers import RNA_OLD_NUMBER, clean_identifier

    text = clean_identifier(raw).upper()
    if _SIRET.fullmatch(text):
        what, rows = ("ce numéro SIRET", "this SIRET number"), lookup.select(_HOLDING_SIRET, siren=text[:9], siret=text)
    elif _SIREN.fullmatch(text):
        what, rows = ("ce numéro SIREN", "this SIREN number"), lookup.select(_HOLDING_SIREN, siren=text)
    elif _RNA.fullmatch(text):
        what, rows = ("ce numéro RNA", "this RNA number"), lookup.select(_HOLDING_RNA, rna=text)
    elif RNA_OLD_NUMBER.fullmatch(text):
        what, rows = ("cet ancien numéro RNA", "this old RNA number"), lookup.select(_HOLDING_OLD_RNA, number=text)
    else:
        return None
    names: dict[str, list[str]] = {}
    for row in rows:
        names.setdefault(str(row["actor"]), []).extend([str(row["label"])] if row.get("label") is not None else [])
    found = [(iri, dict.fromkeys(("fr", "en"), min(labels, default=iri))) for iri, labels in sorted(names.items())]
    return (f"aucun acteur n'a {what[0]}", f"no actor holds {what[1]}"), found


#: An actor's SIREN and RNA number: what tells namesakes apart.
_NUMBERS_OF = "SELECT ?siren ?rna WHERE { OPTIONAL { ?actor mai:siren ?siren } OPTIONAL { ?actor mai:rna ?rna } }"


def _namesakes(found: list[tuple[str, dict]], lookup: Lookup) -> dict[str, dict] | None:
    """When the actors ``found`` bear one name (« FONDATION ARP » twice, name keys alike:
    :func:`graph.identity_names.name_key`), what tells each listed one apart, in French and English, by IRI: its
    SIREN, else its RNA number ({"fr": …, "en": …}). None when their names differ: a fuller name tells them
    apart."""
    from graph.identity_names import name_key

    if len(found) < 2 or len({name_key(labels["fr"]) for _, labels in found}) > 1:
        return None
    numbers = {}
    for iri, _ in found[:LISTED_MATCHES]:
        rows = lookup.select(_NUMBERS_OF, actor=URIRef(iri))
        siren = min((str(row["siren"]) for row in rows if row.get("siren") is not None), default=None)
        rna = min((str(row["rna"]) for row in rows if row.get("rna") is not None), default=None)
        said = f"SIREN {siren}" if siren else f"RNA {rna}" if rna else None
        numbers[iri] = {"fr": said, "en": said} if said else {"fr": "sans SIREN ni numéro RNA",
                                                               "en": "no SIREN nor RNA number"}
    return numbers


def _like(default: str, found: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
    """Those of ``found`` that are vocabulary terms of the default's kind, when the vocabulary types the default:
    a class for a class (« collectivité » names the class mai:PublicAuthority and the property mai:authority,
    « Association » the class and a kind of member, a concept; an actor of that name is no class)."""
    from graph.ontology import load_ontology

    ontology = load_ontology()
    kinds = set(ontology.objects(URIRef(default), RDF.type))
    if not kinds:
        return found
    return [hit for hit in found if kinds & set(ontology.objects(URIRef(hit[0]), RDF.type))]


def is_goal(parameter) -> bool:
    """True for a parameter whose values are strategic goals (each PTCE's: their ranks and names repeat)."""
    return parameter.values == ("a", str(MAI.StrategicGoal))


#: The goals of a PTCE.
_GOALS_OF = "SELECT DISTINCT ?goal WHERE { ?pole mai:hasGoal ?goal }"


def resolve_goal(parameter, raw: str, lookup: Lookup, pole: str | None) -> str:
    """The IRI of the goal that ``raw`` gives (its IRI, name or rank) for the goal parameter ``parameter``, looked up
    among the goals of ``pole`` (a PTCE's IRI) when it is given: each PTCE has its goal 2. Raises ApiError (400) when
    no goal matches, or several do: then, without ``pole``, the message says to give it."""
    if raw.startswith(("http://", "https://", "urn:")):
        return raw
    among = {str(row["goal"]) for row in lookup.select(_GOALS_OF, pole=URIRef(pole))} if pole else None
    found = values_named(parameter, raw, lookup, among)
    if len(found) != 1:
        raise _unresolved(parameter, raw, found, (f" parmi les objectifs du PTCE <{pole}>",
                                                  f" among the goals of the PTCE <{pole}>") if pole else ("", ""),
                          ("", "") if pole or not found else (", ou le PTCE de l'objectif (pole=son nom ou son IRI)",
                                                             ", or the goal's PTCE (pole=its name or IRI)"))
    return found[0][0]


#: Matches listed in the message of an ambiguous name.
LISTED_MATCHES = 10


def _unresolved(parameter, raw: str, found: list[tuple[str, dict]], among=("", ""), hint=("", ""),
                nothing=_NO_NAME, meant=(), numbers=None) -> ApiError:
    """The 400 of a name that matches nothing, or several values (listed, label and IRI); a long name is said by its
    beginning (5,000 characters were echoed twice). ``among`` says where the name was looked up, ``hint`` what else
    tells the values apart, ``nothing`` that nothing matches (each in French and English); ``meant``, (IRI, name) of
    what a name that matches nothing may have meant (« vouliez-vous dire », :func:`webapp.errors.error_response`);
    ``numbers``, the SIREN or RNA number of each of several actors of one name (:func:`_namesakes`): a fuller name
    cannot help, so the message lists them and asks for one."""
    raw = raw if len(raw) <= 80 else raw[:79] + "…"
    if not found:
        return ApiError(f"« {raw} » ({parameter.label_fr}) : {nothing[0]}{among[0]} ; précisez le nom ou "
                        f"donnez l'IRI{hint[0]}", f"'{raw}' ({parameter.label_en}): {nothing[1]}{among[1]}; give "
                        f"the full name or the IRI{hint[1]}", code="bad-parameter", meant=list(meant))
    rest = len(found) - LISTED_MATCHES

    def listed(lang: str) -> str:
        return ", ".join(f"{labels[lang]}{f' ({numbers[iri][lang]})' if numbers else ''} <{iri}>"
                         for iri, labels in found[:LISTED_MATCHES])

    match, advice = ((("acteurs du même nom correspondent", "actors of the same name match"),
                      ("donnez son SIREN, son SIRET, son numéro RNA ou l'IRI", "give its SIREN, SIRET, RNA number or "
                       "IRI")) if numbers else
                     (("noms correspondent", "names match"), ("précisez le nom ou donnez l'IRI",
                                                               "give the full name or the IRI")))
    return ApiError(f"« {raw} » ({parameter.label_fr}) : {len(found)} {match[0]}{among[0]} : {listed('fr')}"
                    f"{f' et {rest} autres' if rest > 0 else ''} ; {advice[0]}{hint[0]}",
                    f"'{raw}' ({parameter.label_en}): {len(found)} {match[1]}{among[1]}: {listed('en')}"
                    f"{f' and {rest} more' if rest > 0 else ''}; {advice[1]}{hint[1]}",
                    code="bad-parameter")


def _named(parameter, text: str, lookup: Lookup) -> list[tuple[str, dict]]:
    """The vocabulary terms labelled ``text``, else the search documents of that name (case, accents and
    punctuation aside, else the legal-form words and articles that the identity rules fold away as well:
    :func:`graph.identity_names.name_key`), else those whose name the typed words begin. « Asso Club des Minines »
    is looked up as « club minines » too when it names nothing, as the search finds it. Raises ApiError (400) for a
    text that the search refuses (too long a name)."""
    from graph.identity_names import fold, name_key
    from webapp.labels import term_label, terms_labelled

    if terms := terms_labelled(text):
        return [(iri, dict.fromkeys(("fr", "en"), term_label(URIRef(iri)))) for iri in terms]
    index = lookup.index()
    kind = parameter.values[1] if parameter.values and parameter.values[0] == "search" else None
    hits = _suggested(index, text, kind, parameter)
    named = _same_name(hits, text)
    if not named and (key := name_key(text)) != fold(text):
        bare = _suggested(index, key, kind, parameter)
        named, hits = _same_name(bare, text), hits or bare
    return named or [(h["iri"], {"fr": h["label"], "en": h["label"]}) for h in hits]


def _same_name(hits: list[dict], text: str) -> list[tuple[str, dict]]:
    """Those of ``hits`` named ``text``, case, accents and punctuation aside, else those that the identity rules
    take for one name (:func:`graph.identity_names.name_key`: « Asso Club des Minines », « Club des Minines »)."""
    from graph.identity_names import fold, name_key

    for key in (fold, name_key):
        if same := [(h["iri"], {"fr": h["label"], "en": h["label"]}) for h in hits if key(h["label"]) == key(text)]:
            return same
    return []


def _suggested(index, text: str, kind: str | None, parameter) -> list[dict]:
    """The search documents (of ``kind``, when given) whose names the words of ``text`` begin: those of one kind
    among the first 50, as many as the others' first 10. Raises ApiError (400) for a text that the search refuses
    (too long a name)."""
    from search.errors import IndexUnavailable, SearchError
    from search.query import suggest

    if index is None:
        return []
    try:
        hits = suggest(index, text, 50 if kind else 10)
    except IndexUnavailable:
        return []
    except SearchError as exc:
        raise ApiError(f"{parameter.label_fr} : {exc.message}", f"{parameter.label_en}: {exc.message_en}",
                       code="bad-parameter") from None
    return [hit for hit in hits if hit["kind"] == kind][:10] if kind else hits


#: The values of a parameter (a scheme's concepts, a class's instances) with the names a user may type for them.
_VALUES = """SELECT ?value ?p ?name ?date ?organ ?session WHERE {
  { ?value skos:inScheme ?set } UNION { ?value a ?set }
  OPTIONAL { VALUES ?p { rdfs:label skos:prefLabel skos:altLabel skos:notation dcterms:title dcterms:identifier
                         mai:inseeCode } ?value ?p ?name }
  OPTIONAL { ?value dcterms:date ?date }
  OPTIONAL { ?value mai:body ?body . ?body rdfs:label|skos:prefLabel ?organ }
  OPTIONAL { ?value a mai:Session . BIND(true AS ?session) }
}"""


def parameter_values(parameter, lookup: Lookup) -> dict[str, dict]:
    """The values of ``parameter`` (declared ``in <scheme>`` or ``a <class>``) by IRI: {"labels": the name shown in
    French and in English, "label": in the lookup's language, "names": the folded names a user may type for it,
    "rank": its notation}."""
    from graph.identity_names import fold
    from webapp.page_data import short_iri

    found: dict[str, dict] = {}
    for row in lookup.select(_VALUES, set=URIRef(parameter.values[1])):
        value = found.setdefault(str(row["value"]), {"names": set(), "rank": None, "shown": [], "dated": {}})
        if (name := row.get("name")) is not None:
            value["names"].add(fold(str(name)))
            if row["p"] == SKOS.notation:
                value["rank"] = str(name)
            elif row["p"] not in _UNSHOWN:
                value["shown"].append(name)
        if (day := row.get("date")) is not None:
            value["dated"] = _dated_names(day.toPython(), row.get("organ"), row.get("session") is not None)
            value["names"].update(fold(text) for text in value["dated"].values())
            value["names"].add(fold(str(day)))
    for iri, value in found.items():
        value["labels"] = {lang: _label_in(value["shown"], lang) or value["dated"].get(lang) or short_iri(iri)
                           for lang in ("fr", "en")}
        value["label"] = value["labels"][lookup.lang]
    return found


#: The names a user may type for a value that do not name it on a page: a variant, an identifier, a code.
_UNSHOWN = (SKOS.altLabel, DCTERMS.identifier, MAI.inseeCode)


def _label_in(labels: list, lang: str) -> str | None:
    """The label in ``lang``, else one without a language, in French, any."""
    for wanted in (lang, None, "fr"):
        if chosen := sorted(str(label) for label in labels if getattr(label, "language", None) == wanted):
            return chosen[0]
    return min((str(label) for label in labels), default=None)


def _dated_names(day, organ, session: bool) -> dict[str, str]:
    """A dated value's name in each language: its day ("16 mai 2024"), a session's as its page names it ("Séance du
    16 mai 2024 — Bureau Métropolitain")."""
    import datetime as dt

    from graph.ingest.french import format_date_words
    from webapp.i18n import STRINGS

    if not isinstance(day, dt.date):
        return {"fr": str(day), "en": str(day)}
    if isinstance(day, dt.datetime):
        day = day.date()
    words = {"fr": format_date_words(day), "en": f"{day.day} {day.strftime('%B')} {day.year}"}
    if not session:
        return words
    of = dict(zip(("fr", "en"), STRINGS["session_of"]))
    return {lang: of[lang].format(date=words[lang], organ=f" — {organ}" if organ else "") for lang in of}


def values_named(parameter, text: str, lookup: Lookup, among: set[str] | None = None) -> list[tuple[str, dict]]:
    """The values of ``parameter`` (those ``among`` only, when given) that ``text`` names, as (IRI, its label in
    French and English): those with a name equal to it (case, accents and punctuation aside), else those with a
    name that contains its words."""
    from graph.identity_names import fold

    key = fold(text)
    keys = {key} | ({fold(day)} if (day := _as_day(text)) else set())
    values = parameter_values(parameter, lookup)
    if among is not None:
        values = {iri: value for iri, value in values.items() if iri in among}
    exact = [(iri, v["labels"]) for iri, v in values.items() if keys & v["names"]]
    if exact or not key:
        return sorted(exact, key=lambda hit: hit[1]["fr"])
    return sorted(((iri, v["labels"]) for iri, v in values.items()
                   if any(f" {key} " in f" {name} " for name in v["names"])), key=lambda hit: hit[1]["fr"])


def names_none(parameter, text: str, lookup: Lookup) -> bool:
    """True when ``text``, given to a text parameter declared ``a <class>``, is part of the name (or code) of no
    instance of the class, case, accents and punctuation aside: a place that no place's name contains."""
    from graph.identity_names import fold

    key = fold(text)
    return bool(key) and not any(key in name for value in parameter_values(parameter, lookup).values()
                                 for name in value["names"])


def _as_day(text: str) -> str | None:
    """The day (ISO) of a text that is a date and nothing else, written as the register may write it ("16/05/2024",
    "16.05.2024", "1er mai 2024"), or None.

    >>> _as_day("16/05/2024"), _as_day("Séance du 16/05/2024"), _as_day("31/02/2024")
    ('2024-05-16', None, None)
    """
    from graph.ingest.french import DATE_RE, date_from_match

    match = DATE_RE.fullmatch(" ".join(text.split()))
    day = date_from_match(match) if match else None
    return day.isoformat() if day else None
