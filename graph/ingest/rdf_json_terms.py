"""What the contexts of a JSON-LD document define, read from its bytes without the engine, and what JSON-LD makes
of a key of its nodes: a property, or nothing (its values dropped without a word), or a property whose IRI is a
compact one with a prefix that no context defines (``"schema:name"`` stored as ``<schema:name>``).

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
#: The schemes of IRIs that data writes without ``//`` after the colon (``urn:isbn:…``, ``mailto:…``, ``tag:…``),
#: and those of identifiers written as such (``doi:``, ``ark:``): a key, a type or a node IRI that starts with one is
#: an IRI, not a compact IRI whose prefix the author forgot to declare (``schema:name``, stored as ``<schema:name>``).
SCHEMES = frozenset({"about", "ark", "cid", "data", "did", "doi", "file", "ftp", "http", "https", "info", "isbn",
                     "mailto", "mid", "news", "sip", "sips", "tag", "tel", "urn", "uuid", "xmpp"})
#: The ends of an IRI that make the term that maps to it a prefix (JSON-LD 1.1, Create Term Definition, step 14.2.5:
#: an IRI that ends with a "gen-delim" character, or a blank node identifier; the engine does so for a term's
#: expanded definition too, unless its ``@prefix`` is false).
GEN_DELIMS = tuple(":/?#[]@")
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
    (``"@type": "@json"``), language maps (``"@container": "@language"``) or other maps; the keyword that each alias
    stands for (``"id": "@id"``), the text that each term maps to (``"name": "ex:name"``, none for a term defined
    as null, or without ``@id``), the terms that serve as prefixes, those whose string values are IRIs
    (``"@type": "@id"`` or ``"@vocab"``; the latter's in ``vocab_terms`` too), the terms defined as null
    (``nulls``), and whether a term's definition is a text that no IRI holds (``bad_definitions``). A term defined
    twice, differently, has no mapping, no alias, no IRI values. And the document's keys
    (:func:`graph.ingest.rdf_json_tokens.document_keys`), read when first asked."""

    data: bytes = field(repr=False)
    terms: set[str] = field(default_factory=set)
    vocab: bool = False
    remote: bool = False
    json_terms: set[str] = field(default_factory=set)
    language_maps: set[str] = field(default_factory=set)
    other_maps: set[str] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)
    mappings: dict[str, str] = field(default_factory=dict)
    prefixes: set[str] = field(default_factory=set)
    iri_terms: set[str] = field(default_factory=set)
    vocab_terms: set[str] = field(default_factory=set)
    nulls: set[str] = field(default_factory=set)
    bad_definitions: bool = False
    definitions: dict[str, object] = field(default_factory=dict, repr=False)
    ambiguous: set[str] = field(default_factory=set, repr=False)

    @cached_property
    def keys(self) -> dict[bytes, str | None]:
        return document_keys(self.data)

    def written(self, keys) -> set[bytes]:
        """The document's keys, as written, that are among ``keys`` (decoded)."""
        return {written for written, key in self.keys.items() if key in keys}

    def keyword_keys(self, *keywords: str) -> set[bytes]:
        """The keys, as written, that stand for ``keywords``: each keyword, and the aliases of it that the document
        writes (the document's keys are read only when it has an alias).

        >>> sorted(read_terms(b'{"@context": {"id": "@id", "ident": "id"}, "ident": "ex:a"}').keyword_keys("@id"))
        [b'"@id"', b'"id"', b'"ident"']
        """
        written = {json.dumps(keyword).encode() for keyword in keywords}
        if aliases := {alias for alias, keyword in self.aliases.items() if keyword in keywords}:
            written |= self.written(aliases)
        return written

    def iri_of(self, term: str) -> str:
        """The text that ``term`` stands for, through the terms that it maps to in turn: the term itself when it
        maps to none."""
        seen = set()
        while term in self.mappings and term not in seen:
            seen.add(term)
            term = self.mappings[term]
        return term

    def undefined_prefix(self, iri: str) -> str | None:
        """The prefix of ``iri`` (which starts with a scheme, or a prefix, and a colon) when it is none that a
        context defines as one, nor a scheme of :data:`SCHEMES`: JSON-LD then takes the text for a whole IRI.

        >>> terms = read_terms(b'{"@context": {"ex": "http://ex.org/", "s": "http://ex.org/s"}}')
        >>> [terms.undefined_prefix(i) for i in ("ex:a", "schema:name", "s:b", "http://a", "urn:x:y", "_:b")]
        [None, 'schema', 's', None, None, None]
        """
        prefix, _, rest = iri.partition(":")
        if rest.startswith("//") or prefix == "_" or prefix in self.prefixes or prefix in self.ambiguous:
            return None
        return prefix if prefix in self.terms or prefix.lower() not in SCHEMES else None

    def key_kind(self, key: str | None) -> str | None:
        """What JSON-LD makes of ``key``, a key of a node object, when it makes no property of it: "keyword" for
        the form of a keyword that is none (``@Id``), "blank" for a blank node (``_:p``, no RDF predicate), "iri"
        for an IRI with a character no IRI holds (written whole, compact, or against ``@vocab``), "undefined" for
        a key that is no term, no IRI and no keyword, without ``@vocab``, "unmapped" for a term that maps to no IRI
        (a relative one, without ``@vocab``, or a blank node); "prefix" for a property whose IRI is a compact one
        with a prefix that no context defines (:meth:`undefined_prefix`); None for a property (or a keyword).

        >>> terms = read_terms(b'{"@context": {"ex": "http://ex.org/", "my name": "ex:n", "n": {"@id": "foo"}}}')
        >>> [terms.key_kind(k) for k in ("@id", "@Id", "_:p", "ex:a b", "my name", "ex:a", "foo:a", "name", "a b")]
        [None, 'keyword', 'blank', 'iri', None, None, 'prefix', 'undefined', 'undefined']
        >>> [terms.key_kind(k) for k in ("n", "urn:a", "http://ex.org/a")]
        ['unmapped', None, None]
        """
        if key is None or key in KEYWORDS or key in self.aliases or key in self.nulls or key in self.ambiguous:
            return None
        if key in self.terms:
            return self._term_kind(key)
        if KEYWORD_FORM.fullmatch(key):
            return "keyword"
        if key.startswith("_:"):
            return "blank"
        if _SCHEME.match(key):
            return "iri" if FORBIDDEN.search(key) else "prefix" if self.undefined_prefix(key) else None
        if self.vocab:
            return "iri" if FORBIDDEN.search(key) else None
        return "undefined"

    def _term_kind(self, term: str) -> str | None:
        """:meth:`key_kind` of a term, from the text it maps to (a text that no IRI holds is refused with the
        definition, by :mod:`graph.ingest.rdf_json_iris`)."""
        iri = self.iri_of(term)
        if iri.startswith("_:"):
            return "unmapped"
        if _SCHEME.match(iri):
            return "prefix" if not FORBIDDEN.search(iri) and self.undefined_prefix(iri) else None
        if iri == term or iri in self.terms or iri.startswith("@") or self.vocab:
            return None  # the term itself against @vocab (the engine refuses it without), a keyword
        return "unmapped"


def read_terms(data: bytes) -> JsonLdTerms:
    """What the contexts of the JSON-LD document ``data`` define: each ``@context`` it writes read by ``json``
    (one that is not JSON is left to the engine, which says where it breaks).

    >>> terms = read_terms(b'{"@context": [{"@vocab": "http://ex.org/", "l": {"@id": "ex:l", "@container": '
    ...                    b'["@language", "@set"]}}, "https://schema.org"], "l": {"fr": "x"}}')
    >>> terms.terms, terms.vocab, terms.remote, terms.language_maps
    ({'l'}, True, True, {'l'})
    >>> terms = read_terms(b'{"@context": {"ex": "http://ex.org/", "id": "@id", "k": {"@id": "ex:k", "@type": '
    ...                    b'"@id"}, "s": "http://ex.org/s", "t": {"@id": "ex:t/", "@prefix": false}}}')
    >>> terms.aliases, terms.mappings["k"], terms.iri_terms, terms.prefixes
    ({'id': '@id'}, 'ex:k', {'k'}, {'ex'})
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
    _derive(terms)
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
            if term in terms.definitions and terms.definitions[term] != definition:
                terms.ambiguous.add(term)
            terms.terms.add(term)
            terms.definitions[term] = definition
            if isinstance(definition, dict):
                containers = definition.get("@container")
                containers = set(containers) if isinstance(containers, list) else {containers}
                if "@language" in containers:
                    terms.language_maps.add(term)
                if containers & _MAPS:
                    terms.other_maps.add(term)
                if definition.get("@type") == "@json":
                    terms.json_terms.add(term)


def _derive(terms: JsonLdTerms) -> None:
    """Set what the definitions of ``terms`` make of each term, once every context is read: its mapping, alias,
    string values that are IRIs, whether it is null, or a prefix."""
    flags = {}
    for term, definition in terms.definitions.items():
        if term in terms.ambiguous:
            continue
        if definition is None:
            terms.nulls.add(term)
        elif isinstance(definition, str):
            terms.mappings[term] = definition
            terms.bad_definitions = terms.bad_definitions or bool(FORBIDDEN.search(definition))
        elif isinstance(definition, dict):
            if isinstance(mapped := definition.get("@id"), str):
                terms.mappings[term] = mapped
            elif "@id" in definition:
                terms.nulls.add(term)  # "@id": null, a term left out on purpose
            if definition.get("@type") in ("@id", "@vocab"):
                terms.iri_terms.add(term)
                if definition["@type"] == "@vocab":
                    terms.vocab_terms.add(term)
            flags[term] = definition.get("@prefix")
    for term in terms.mappings:
        iri = terms.iri_of(term)
        if iri in KEYWORDS:
            terms.aliases[term] = iri
        elif flags.get(term) is True or (flags.get(term) is not False
                                         and (iri.endswith(GEN_DELIMS) or iri.startswith("_:"))):
            terms.prefixes.add(term)


__all__ = ["FORBIDDEN", "GEN_DELIMS", "KEYWORDS", "KEYWORD_FORM", "SCHEMES", "STRUCTURAL", "JsonLdTerms", "read_terms"]
