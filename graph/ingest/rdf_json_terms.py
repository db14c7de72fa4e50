"""What the contexts of a JSON-LD document define, read from its bytes without the engine, and what JSON-LD makes
of a key of its nodes: a property, or nothing (its values dropped without a word).

Every ``@context`` the document writes is read with ``json`` (in C), and what any of them defines counts for the
whole document: a term defined in one scoped context is taken as defined everywhere, and a ``@vocab`` anywhere as
mapping every key. The checks that rely on it may miss a key that is undefined where it is written; they never
take a defined key for an undefined one. A remote context (``"@context": "https://schema.org"``, an ``@import``)
could define any key: Maillage does not fetch it, the engine refuses the document for it
(:func:`graph.parse_errors.rdf_error` says which context and what to write), and the checks leave it alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property

from graph.ingest.rdf_json_tokens import document_keys

#: JSON-LD 1.1's keywords (JSON-LD 1.1, section 1.7), and ``@none`` of maps.
KEYWORDS = frozenset({"@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included",
                      "@index", "@json", "@language", "@list", "@nest", "@none", "@prefix", "@propagate",
                      "@protected", "@reverse", "@set", "@type", "@value", "@version", "@vocab"})
#: The keywords whose value, in a node, holds nodes and values (the others' hold IRIs, texts or a context).
STRUCTURAL = frozenset({"@graph", "@list", "@set", "@reverse", "@included", "@nest"})
#: A key of the form of a keyword, which JSON-LD 1.1 reserves and ignores (IRI Expansion, step 2).
KEYWORD_FORM = re.compile(r"@[A-Za-z]+")
#: A key that starts as an absolute or compact IRI: a scheme, or a prefix, then a colon.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
#: What makes a text no IRI, whatever it is resolved against: a blank, a control character, ``<>"{}|^`\``, or a
#: ``%`` not followed by two hexadecimal digits.
FORBIDDEN = re.compile(r"[\x00-\x20<>\"{}|^`\\]|%(?![0-9A-Fa-f]{2})")
#: The containers that make a term's value a map, whose keys are no properties: languages, or indexes, IRIs, types.
_MAPS = frozenset({"@index", "@id", "@type"})
_CONTEXT_KEY = re.compile(rb'"@context"\s*:\s*')
#: How much of a document after a ``@context`` key is first decoded for the context (a context is a few hundred
#: bytes; decoding the whole 27 MB document took 0.014 s a time).
_WINDOW = 16 * 1024


@dataclass
class JsonLdTerms:
    """What the contexts of the JSON-LD document ``data`` define: its terms (a term defined as null too), whether
    any gives a vocabulary mapping (``@vocab``) or is remote, the terms whose values are JSON literals
    (``"@type": "@json"``), language maps (``"@container": "@language"``) or other maps; and the document's keys
    (:func:`graph.ingest.rdf_json_tokens.document_keys`), read when first asked."""

    data: bytes = field(repr=False)
    terms: set[str] = field(default_factory=set)
    vocab: bool = False
    remote: bool = False
    json_terms: set[str] = field(default_factory=set)
    language_maps: set[str] = field(default_factory=set)
    other_maps: set[str] = field(default_factory=set)

    @cached_property
    def keys(self) -> dict[bytes, str | None]:
        return document_keys(self.data)

    def written(self, keys) -> set[bytes]:
        """The document's keys, as written, that are among ``keys`` (decoded)."""
        return {written for written, key in self.keys.items() if key in keys}

    def key_kind(self, key: str | None) -> str | None:
        """What JSON-LD makes of ``key``, a key of a node object, when it makes no property of it: "keyword" for
        the form of a keyword that is none (``@Id``), "blank" for a blank node (``_:p``, no RDF predicate), "iri"
        for an IRI with a character no IRI holds (written whole, compact, or against ``@vocab``), "undefined" for
        a key that is no term, no IRI and no keyword, without ``@vocab``; None for a property (or a keyword).

        >>> terms = read_terms(b'{"@context": {"ex": "http://ex.org/", "my name": "ex:n"}}')
        >>> [terms.key_kind(k) for k in ("@id", "@Id", "_:p", "ex:a b", "my name", "ex:a", "foo:a", "name", "a b")]
        [None, 'keyword', 'blank', 'iri', None, None, None, 'undefined', 'undefined']
        """
        if key is None or key in KEYWORDS or key in self.terms:
            return None
        if KEYWORD_FORM.fullmatch(key):
            return "keyword"
        if key.startswith("_:"):
            return "blank"
        if _SCHEME.match(key) or self.vocab:
            return "iri" if FORBIDDEN.search(key) else None
        return "undefined"


def read_terms(data: bytes) -> JsonLdTerms:
    """What the contexts of the JSON-LD document ``data`` define: each ``@context`` it writes read by ``json``
    (one that is not JSON is left to the engine, which says where it breaks).

    >>> terms = read_terms(b'{"@context": [{"@vocab": "http://ex.org/", "l": {"@id": "ex:l", "@container": '
    ...                    b'["@language", "@set"]}}, "https://schema.org"], "l": {"fr": "x"}}')
    >>> terms.terms, terms.vocab, terms.remote, terms.language_maps
    ({'l'}, True, True, {'l'})
    """
    terms = JsonLdTerms(data)
    decoder = json.JSONDecoder()
    for found in _CONTEXT_KEY.finditer(data):
        size = _WINDOW
        while True:  # the bytes after the key, more of them until they hold the whole context
            try:
                context, _ = decoder.raw_decode(data[found.end():found.end() + size].decode("utf-8", "replace"))
            except ValueError:
                if found.end() + size < len(data):
                    size *= 16
                    continue
                context = None  # not JSON, or a text that shows a context
            break
        _gather(context, terms)
    return terms


def _gather(context, terms: JsonLdTerms) -> None:
    """Add what ``context`` (a context as JSON reads it, or an array of them) defines to ``terms``."""
    if isinstance(context, list):
        for item in context:
            _gather(item, terms)
    elif isinstance(context, str):
        terms.remote = True
    elif isinstance(context, dict):
        terms.remote = terms.remote or isinstance(context.get("@import"), str)
        terms.vocab = terms.vocab or isinstance(context.get("@vocab"), str)
        for term, definition in context.items():
            if term in KEYWORDS:
                continue
            terms.terms.add(term)
            if isinstance(definition, dict):
                containers = definition.get("@container")
                containers = set(containers) if isinstance(containers, list) else {containers}
                if "@language" in containers:
                    terms.language_maps.add(term)
                if containers & _MAPS:
                    terms.other_maps.add(term)
                if definition.get("@type") == "@json":
                    terms.json_terms.add(term)


__all__ = ["FORBIDDEN", "KEYWORDS", "KEYWORD_FORM", "STRUCTURAL", "JsonLdTerms", "read_terms"]
