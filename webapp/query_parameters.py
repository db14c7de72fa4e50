"""A named query's IRI parameter given by name: the one resolution that the pages at ``/queries``, the JSON API and
``maillage query`` share, so that a name the form accepts is accepted on the command line too.

A parameter declared ``in <scheme>`` or ``a <class>`` takes one of its values' labels, notations (a circle's
rank), titles or dates (a session by its day or by its name as its page shows it); another parameter takes a
vocabulary term's label (a class, a theme), else the one search document of that name (an actor, a goal…).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

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
    them, each with its IRI."""
    resolved = {key: values.get(key) for key in values}
    for parameter in query.parameters:
        raw = (values.get(parameter.name) or "").strip()
        if parameter.type == "iri" and raw:
            resolved[parameter.name] = resolve_name(parameter, raw, lookup)
    return resolved


def resolve_name(parameter, raw: str, lookup: Lookup, fitting=None) -> str:
    """The IRI that ``raw`` names for the IRI parameter ``parameter`` (``raw`` itself when it is an IRI). Raises
    ApiError (400) when no name matches, or when several do (listed, each with its IRI). ``fitting``, given the
    IRIs that a name matches, keeps those that the parameter can take: "Aurec" names six actors, one a funder."""
    if raw.startswith(("http://", "https://", "urn:")):
        return raw
    listed = parameter.values is not None and parameter.values[0] in ("in", "a")
    found = values_named(parameter, raw, lookup) if listed else _named(parameter, raw, lookup)
    if len(found) > 1 and fitting is not None:
        kept = fitting([iri for iri, _ in found])
        found = [hit for hit in found if hit[0] in kept] or found
    if len(found) > 1 and parameter.default and not listed:
        # "Association": the class, not the kind of member, for a class
        namespace = parameter.default[:max(parameter.default.rfind("#"), parameter.default.rfind("/")) + 1]
        found = [hit for hit in found if hit[0].startswith(namespace)] or found
    if len(found) != 1:
        raise _unresolved(parameter, raw, found)
    return found[0][0]


#: Matches listed in the message of an ambiguous name.
LISTED_MATCHES = 10


def _unresolved(parameter, raw: str, found: list[tuple[str, dict]]) -> ApiError:
    """The 400 of a name that matches nothing, or several values (listed, label and IRI); a long name is said by its
    beginning (5,000 characters were echoed twice)."""
    raw = raw if len(raw) <= 80 else raw[:79] + "…"
    if not found:
        return ApiError(f"« {raw} » ({parameter.label_fr}) : aucun nom ne correspond ; précisez le nom ou donnez "
                        f"l'IRI", f"'{raw}' ({parameter.label_en}): no name matches; give the full name or the IRI",
                        code="bad-parameter")
    rest = len(found) - LISTED_MATCHES

    def listed(lang: str) -> str:
        return ", ".join(f"{labels[lang]} <{iri}>" for iri, labels in found[:LISTED_MATCHES])

    return ApiError(f"« {raw} » ({parameter.label_fr}) : {len(found)} noms correspondent : {listed('fr')}"
                    f"{f' et {rest} autres' if rest > 0 else ''} ; précisez le nom ou donnez l'IRI",
                    f"'{raw}' ({parameter.label_en}): {len(found)} names match: {listed('en')}"
                    f"{f' and {rest} more' if rest > 0 else ''}; give the full name or the IRI", code="bad-parameter")


def _named(parameter, text: str, lookup: Lookup) -> list[tuple[str, dict]]:
    """The vocabulary terms labelled ``text``, else the search documents of that name, else those whose name the
    typed words begin. Raises ApiError (400) for a text that the search refuses (too long a name)."""
    from graph.identity import fold
    from search.errors import IndexUnavailable, SearchError
    from search.query import suggest
    from webapp.labels import term_label, terms_labelled

    if terms := terms_labelled(text):
        return [(iri, dict.fromkeys(("fr", "en"), term_label(URIRef(iri)))) for iri in terms]
    index = lookup.index()
    kind = parameter.values[1] if parameter.values and parameter.values[0] == "search" else None
    try:
        # documents of one kind among the first 50 whose names the words begin, as many as the others' first 10
        hits = suggest(index, text, 50 if kind else 10) if index is not None else []
        hits = [hit for hit in hits if hit["kind"] == kind][:10] if kind else hits
    except IndexUnavailable:
        hits = []
    except SearchError as exc:
        raise ApiError(f"{parameter.label_fr} : {exc.message}", f"{parameter.label_en}: {exc.message_en}",
                       code="bad-parameter") from None
    exact = [(h["iri"], {"fr": h["label"], "en": h["label"]}) for h in hits if fold(h["label"]) == fold(text)]
    return exact or [(h["iri"], {"fr": h["label"], "en": h["label"]}) for h in hits]


#: The values of a parameter (a scheme's concepts, a class's instances) with the names a user may type for them.
_VALUES = """SELECT ?value ?p ?name ?date ?organ ?session WHERE {
  { ?value skos:inScheme ?set } UNION { ?value a ?set }
  OPTIONAL { VALUES ?p { rdfs:label skos:prefLabel skos:altLabel skos:notation dcterms:title dcterms:identifier }
    ?value ?p ?name }
  OPTIONAL { ?value dcterms:date ?date }
  OPTIONAL { ?value mai:body ?body . ?body rdfs:label|skos:prefLabel ?organ }
  OPTIONAL { ?value a mai:Session . BIND(true AS ?session) }
}"""


def parameter_values(parameter, lookup: Lookup) -> dict[str, dict]:
    """The values of ``parameter`` (declared ``in <scheme>`` or ``a <class>``) by IRI: {"labels": the name shown in
    French and in English, "label": in the lookup's language, "names": the folded names a user may type for it,
    "rank": its notation}."""
    from graph.identity import fold
    from webapp.views import short_iri

    found: dict[str, dict] = {}
    for row in lookup.select(_VALUES, set=URIRef(parameter.values[1])):
        value = found.setdefault(str(row["value"]), {"names": set(), "rank": None, "shown": [], "dated": {}})
        if (name := row.get("name")) is not None:
            value["names"].add(fold(str(name)))
            if row["p"] == SKOS.notation:
                value["rank"] = str(name)
            elif row["p"] not in (SKOS.altLabel, DCTERMS.identifier):
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


def values_named(parameter, text: str, lookup: Lookup) -> list[tuple[str, dict]]:
    """The values of ``parameter`` that ``text`` names, as (IRI, its label in French and English): those with a
    name equal to it (case, accents and punctuation aside), else those with a name that contains its words."""
    from graph.identity import fold

    key = fold(text)
    keys = {key} | ({fold(day)} if (day := _as_day(text)) else set())
    values = parameter_values(parameter, lookup)
    exact = [(iri, v["labels"]) for iri, v in values.items() if keys & v["names"]]
    if exact or not key:
        return sorted(exact, key=lambda hit: hit[1]["fr"])
    return sorted(((iri, v["labels"]) for iri, v in values.items()
                   if any(f" {key} " in f" {name} " for name in v["names"])), key=lambda hit: hit[1]["fr"])


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
