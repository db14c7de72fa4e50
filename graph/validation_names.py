"""What a validation report names a result by: the source files (graphs) that state its offending values, else
those that state its focus node, and the focus node's own name — so that a coordinator reads « DanaeCare » in
``danaecare.csv``, not an IRI or a blank node's hash, and in the file to mend.

Blank nodes cannot be named in a query: those of a target class are listed (only when one of them failed) and
picked in Python by their identifier, which the engine keeps stable within one store. A remote server may label
them afresh in each answer; they are then reported without a name or a source, as before.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from graph.terms import term_parts

#: An IRI that can be written between <> in a query (SPARQL's IRIREF), and has a scheme (a blank node's identifier
#: has none).
NAMED_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^<>"{}|^`\\\x00-\x20]*')
_PROLOGUE = ("PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
             "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT DISTINCT ?focus ?graph ?file ?label WHERE ")
#: A source's title (its file name) is stated in its own graph.
_NAMES = ("OPTIONAL { GRAPH ?graph { ?graph dcterms:title ?file } } "
          "OPTIONAL { ?focus rdfs:label|skos:prefLabel|dcterms:title ?label }")
_OF_IRIS = _PROLOGUE + "{ VALUES ?focus { %s } GRAPH ?graph { ?focus a ?type } %s }"
_OF_BLANKS = _PROLOGUE + "{ GRAPH ?graph { ?focus a <%s> } FILTER(isBlank(?focus)) %s }"
#: The graphs that state a path's values of some focus nodes, with their titles: where a result's offending facts
#: are. The pattern (``?focus <path> ?value``, or ``?value <path> ?focus`` for an inverse path) is the second %s.
_STATING = ("PREFIX dcterms: <http://purl.org/dc/terms/> SELECT DISTINCT ?focus ?value ?graph ?file WHERE { "
            "VALUES ?focus { %s } GRAPH ?graph { %s } OPTIONAL { GRAPH ?graph { ?graph dcterms:title ?file } } }")
#: IRIs that one query names (as :data:`graph.validation_checks.IRIS_PER_QUERY`).
IRIS_PER_QUERY = 2000


def name_violations(query, violations: list) -> list:
    """Return ``violations`` with their focus node's name (``label``), whether it is a blank node (``blank``) and
    the files to mend (``sources``): those that state the offending value (:func:`_stating_sources`), else those
    that type the focus node (a missing value's) — their graphs' titles, else the graphs' IRIs.

    ``query(sparql, bindings)`` is a store's or a writer's; one query per IRIS_PER_QUERY named focus nodes, and one
    per target class of the blank ones."""
    if not violations:
        return violations
    found: dict[str, dict] = defaultdict(lambda: {"labels": defaultdict(set), "sources": set(), "blank": False})
    iris = sorted({v.focus for v in violations if NAMED_IRI.fullmatch(v.focus)})
    for start in range(0, len(iris), IRIS_PER_QUERY):
        chunk = " ".join(f"<{iri}>" for iri in iris[start:start + IRIS_PER_QUERY])
        _gather(found, query(_OF_IRIS % (chunk, _NAMES)).raw_rows(), None)
    blank_targets = {v.target for v in violations if v.target and not NAMED_IRI.fullmatch(v.focus)}
    wanted = {v.focus for v in violations}
    for target in sorted(blank_targets):
        _gather(found, query(_OF_BLANKS % (target, _NAMES)).raw_rows(), wanted)
    stating = _stating_sources(query, violations)
    named = []
    for violation in violations:
        about = found.get(violation.focus)
        if about is None:
            named.append(replace(violation, blank=not NAMED_IRI.fullmatch(violation.focus)))
            continue
        sources = stating.get(violation) or about["sources"]
        named.append(replace(violation, label=_pick(about["labels"]), blank=about["blank"],
                             sources=tuple(sorted(sources))))
    return named


def _stating_sources(query, violations: list) -> dict:
    """The files that state each result's offending facts: the graphs that give its named focus node the value it
    reports, else (a count, a list of values) any value of its path. A focus node typed in ``membres.ttl`` whose bad
    RNA number came from ``numeros.ttl`` was reported in ``membres.ttl``, which has nothing to mend. A result with
    no such graph (a missing value) is left out: the files that type its focus node are its sources."""
    stated: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    by_path = defaultdict(set)
    for v in violations:
        if NAMED_IRI.fullmatch(v.focus) and NAMED_IRI.fullmatch(v.path.removeprefix("^")):
            by_path[v.path].add(v.focus)
    for path, focus_nodes in sorted(by_path.items()):
        pattern = f"?value <{path[1:]}> ?focus" if path.startswith("^") else f"?focus <{path}> ?value"
        ordered = sorted(focus_nodes)
        for start in range(0, len(ordered), IRIS_PER_QUERY):
            chunk = " ".join(f"<{iri}>" for iri in ordered[start:start + IRIS_PER_QUERY])
            for focus, value, graph, file in query(_STATING % (chunk, pattern)).raw_rows():
                source = term_parts(file)[1] if file is not None else term_parts(graph)[1]
                stated[term_parts(focus)[1], path][term_parts(value)[1]].add(source)
    sources = {}
    for v in violations:
        if values := stated.get((v.focus, v.path)):
            sources[v] = values.get(v.value) or set().union(*values.values())
    return sources


def _gather(found: dict, rows, wanted: set[str] | None) -> None:
    for focus, graph, file, label in rows:
        kind, name, *_ = term_parts(focus)
        if wanted is not None and name not in wanted:
            continue
        about = found[name]
        about["blank"] = kind == "bnode"
        about["sources"].add(term_parts(file)[1] if file is not None else term_parts(graph)[1])
        if label is not None:
            _, text, _, lang = term_parts(label)
            about["labels"][lang or ""].add(text)


def _pick(labels: dict[str, set[str]]) -> str | None:
    """The French name, else one without a language, else any (the first in order, for a stable report)."""
    for lang in ("fr", "", "en", *sorted(labels)):
        if labels.get(lang):
            return min(labels[lang])
    return None
