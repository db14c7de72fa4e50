"""Compact IRIs of a JSON-LD document whose prefix no context defines (``"schema:name"`` with no ``"schema"`` in a
``@context``): JSON-LD takes such a text for a whole IRI, of the scheme ``schema:`` (IRI Expansion, step 6: a
prefix that is no term leaves the value as it is), and the engine stores ``<schema:name>`` without a word, where
the author meant ``<http://schema.org/name>``. The prefix is sought in

- a node's key (:mod:`graph.ingest.rdf_json_keys` finds them, in the walk that finds the keys it drops), or the
  text that a context maps a term to (``"name": "schema:name"``);
- a type: a node's ``@type``, a value's (its datatype, ``"xsd:date"``), a term's in a context, or a value of a
  term whose values are vocabulary terms (``"@type": "@vocab"``).

A text whose scheme IRIs write without ``//`` (``urn:``, ``mailto:``, ``tag:``…,
:data:`graph.ingest.rdf_json_terms.SCHEMES`) is an IRI. A prefix that a context defines, but not as a prefix
(its IRI ends with none of ``/``, ``#``, ``:``…, or its definition says ``"@prefix": false``), is told so.

Each prefix is warned once, at its first use's line, with the IRIs read, how many times they are written and what
to declare (the namespace of Maillage's well-known prefixes, :data:`graph.namespaces.PREFIXES`). The types are
found by a search in C for a ``@type`` value (or its alias's, or such a term's) of another prefix than those the
contexts define: only a document with one is walked.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.ingest.base import Issue
from graph.ingest.rdf_json_terms import FORBIDDEN, SCHEMES, JsonLdTerms, read_terms
from graph.ingest.rdf_json_tokens import decoded, line_of, objects, one_of
from graph.namespaces import PREFIXES

#: A prefix (or a scheme).
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
#: How many IRIs a warning shows.
SHOWN = 3


@lru_cache(maxsize=64)
def _type_search(keys: frozenset[bytes], allowed: frozenset[bytes]) -> re.Pattern:
    """The search for a value of the keys ``keys`` (as written), or an item of its array, that starts with a prefix
    other than ``allowed``, followed by a colon, not by ``//``: any quote of the array, up to its first ``]`` (an
    item after a text that holds one is not sought; a quote within a text is, in vain). A key alone is a literal
    that the engine's search skips to (27 MB, 108k types, 36k arrays: 0.03 s; as an array of texts, item by item,
    0.08 s); keys, a search of each quote (3 keys: 0.05 s)."""
    other = rb"(?!(?:" + one_of(sorted(allowed)) + rb"):)" if allowed else b""
    key = re.escape(next(iter(keys))) if len(keys) == 1 else rb'"(?:' + one_of(sorted(k[1:-1] for k in keys)) + rb')"'
    return re.compile(key + rb'\s*:\s*(?:"|\[[^\]]*")' + other + rb'[A-Za-z][A-Za-z0-9+.-]*+:(?!//)')


def _type_keys(terms: JsonLdTerms) -> tuple[set[bytes], set[bytes]]:
    """The keys, as written, whose values are types: ``@type`` (within contexts too), and those that only nodes
    write (its aliases, the terms typed ``@vocab``)."""
    nodes = terms.keyword_keys("@type") - {b'"@type"'}
    if terms.vocab_terms:
        nodes |= terms.written(terms.vocab_terms)
    return {b'"@type"'}, nodes


def _type_uses(data: bytes, terms: JsonLdTerms) -> list[tuple[int, str, str]]:
    """Each type of the JSON-LD ``data`` whose prefix no context defines: its offset, its prefix and its text.

    >>> data = b'{"@context": {"ex": "http://ex.org/", "t": "@type"}, "@type": ["schema:B", "ex:A"], "t": "xsd:c"}'
    >>> _type_uses(data, read_terms(data))
    [(63, 'schema', 'schema:B'), (89, 'xsd', 'xsd:c')]
    >>> data = b'{"@context": {"ex": "http://ex.org/"}, "@type": ["schema:B", "ex:A"]}'
    >>> _type_uses(data, read_terms(data))
    [(49, 'schema', 'schema:B')]
    """
    everywhere, nodes = _type_keys(terms)
    allowed = frozenset(p.encode() for p in terms.prefixes | terms.ambiguous | SCHEMES if _PREFIX.fullmatch(p))
    if _type_search(frozenset(everywhere | nodes), allowed).search(data) is None:
        return []
    found = []
    opaque = terms.written(terms.json_terms) | terms.keyword_keys("@value")
    for obj in objects(data, opaque):
        for member in obj.members:
            if member.key in everywhere or (member.key in nodes and not obj.in_context):
                for at, written in member.values:
                    if (text := decoded(written)) is not None and (prefix := _undefined(text, terms)):
                        found.append((at, prefix, text))
    return sorted(found)


def _undefined(text: str, terms: JsonLdTerms) -> str | None:
    """The prefix of ``text``, a type, when no context defines it as one."""
    if text in terms.terms or FORBIDDEN.search(text) or not (scheme := _PREFIX.match(text)) \
            or not text.startswith(":", scheme.end()):
        return None  # a term, an IRI refused (rdf_json_iris), a keyword, a text without a scheme
    return terms.undefined_prefix(text)


def undefined_prefixes(data: bytes, terms: JsonLdTerms | None = None, keys: list | None = None) -> list[Issue]:
    """A warning for each prefix of the JSON-LD document ``data`` that no context defines (as a prefix), of its
    keys ``keys`` (:class:`graph.ingest.rdf_json_keys.KeyUse` of the kind "prefix") and its types: at the first
    one's line, with the IRIs read, how many times they are written and what to declare.

    >>> [i.format("f.jsonld") for i in undefined_prefixes(b'{"@id": "http://ex.org/a",\\n "@type": "schema:Thing"}')]
    ['f.jsonld:2: avertissement : préfixe « schema » défini par aucun « @context » : JSON-LD lit « schema:Thing » \
comme une IRI complète, de schéma « schema: », et non dans l\\'espace de noms http://schema.org/ (écrit 1 fois) ; \
déclarez-le dans le « @context » : « "schema": "http://schema.org/" »']
    """
    terms = terms or read_terms(data)
    if terms.remote:
        return []
    uses = [(use.at, prefix, iri) for use in keys or ()
            if (prefix := terms.undefined_prefix(iri := terms.iri_of(use.key)))]
    uses += _type_uses(data, terms)
    issues = []
    for prefix in dict.fromkeys(prefix for _, prefix, _ in sorted(uses)):
        of_prefix = sorted(use for use in uses if use[1] == prefix)
        iris = list(dict.fromkeys(iri for _, _, iri in of_prefix))
        issues.append(Issue("warning", *_said(prefix, iris, len(of_prefix), terms),
                            line=line_of(data, of_prefix[0][0])))
    return issues


def _said(prefix: str, iris: list[str], count: int, terms: JsonLdTerms) -> tuple[str, str]:
    """The warning about the prefix ``prefix`` of ``iris`` (written ``count`` times), in French and English."""
    more = " …" if len(iris) > SHOWN else ""
    shown = ", ".join(f"« {iri} »" for iri in iris[:SHOWN]) + more
    shown_en = ", ".join(f"'{iri}'" for iri in iris[:SHOWN]) + more
    read, read_en = ("comme une IRI complète", "as a full IRI") if len(iris) == 1 else \
        ("comme des IRI complètes", "as full IRIs")
    times = f"écrit {count} fois", f"written {count} time{'s' if count > 1 else ''}"
    if prefix in terms.terms:
        why, why_en = _not_a_prefix(prefix, terms)
        return (f"préfixe « {prefix} » : le « @context » définit « {prefix} », mais pas comme un préfixe ({why}) ; "
                f"JSON-LD lit {shown} {read} ({times[0]}) ; finissez son IRI par « / » ou « # », ou écrivez "
                "« \"@prefix\": true » dans sa définition",
                f"prefix '{prefix}': the \"@context\" defines '{prefix}', but not as a prefix ({why_en}); JSON-LD "
                f"reads {shown_en} {read_en} ({times[1]}); end its IRI with '/' or '#', or write \"@prefix\": true "
                "in its definition")
    namespace = str(PREFIXES[prefix]) if prefix in PREFIXES else None
    meant, meant_en = (f", et non dans l'espace de noms {namespace}", f", not in the namespace {namespace}") \
        if namespace else ("", "")
    declared = f'"{prefix}": "{namespace or "http://…/"}"'
    return (f"préfixe « {prefix} » défini par aucun « @context » : JSON-LD lit {shown} {read}, de schéma "
            f"« {prefix}: »{meant} ({times[0]}) ; déclarez-le dans le « @context » : « {declared} »",
            f"prefix '{prefix}' defined by no \"@context\": JSON-LD reads {shown_en} {read_en}, of scheme "
            f"'{prefix}:'{meant_en} ({times[1]}); declare it in the \"@context\": {declared}")


def _not_a_prefix(prefix: str, terms: JsonLdTerms) -> tuple[str, str]:
    """Why the term ``prefix`` is no prefix, in French and English."""
    definition = terms.definitions.get(prefix)
    if isinstance(definition, dict) and definition.get("@prefix") is False:
        return "sa définition dit « \"@prefix\": false »", "its definition says \"@prefix\": false"
    if prefix not in terms.mappings:
        return "sans IRI", "without an IRI"
    iri = terms.iri_of(prefix)
    return (f"son IRI « {iri} » ne finit ni par « / », ni par « # », ni par « : »",
            f"its IRI '{iri}' ends with neither '/', '#' nor ':'")


__all__ = ["undefined_prefixes"]
