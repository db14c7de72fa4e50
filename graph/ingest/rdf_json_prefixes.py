"""Compact IRIs of a JSON-LD document whose prefix no context defines (``"schema:name"`` with no ``"schema"`` in a
``@context``): JSON-LD takes such a text for a whole IRI, of the scheme ``schema:`` (IRI Expansion, step 6: a
prefix that is no term leaves the value as it is), and the engine stores ``<schema:name>`` without a word, where
the author meant ``<http://schema.org/name>``. The prefix is sought in

- a node's key (:mod:`graph.ingest.rdf_json_keys` finds them, in the walk that finds the keys it drops), or the
  text that a context maps a term to (``"name": "schema:name"``);
- a type: a node's ``@type``, a value's (its datatype, ``"xsd:date"``), a term's in a context, or a value of a
  term whose values are vocabulary terms (``"@type": "@vocab"``);
- a node's IRI: the value of a node's ``@id`` (``"@id": "ex:a"`` is stored as ``<ex:a>``), or of a term whose values
  are IRIs (``"@type": "@id"``).

The rule, :meth:`graph.ingest.rdf_json_terms.JsonLdTerms.undefined_prefix`: a text whose part before its first
colon is shaped as a scheme is a compact IRI of an undefined prefix when that part is no prefix that a context
defines, the colon is not followed by ``//`` (``http://…``, ``ftp://…``: an IRI whatever its scheme), and the part
is none of the schemes that IRIs write without ``//`` (``urn:``, ``mailto:``, ``tag:``, ``did:``…,
:data:`graph.ingest.rdf_json_terms.SCHEMES`). A text that a context defines as a term is no compact IRI, nor is a
blank node identifier (``_:b``). A prefix that a context defines, but not as a prefix (its IRI ends with none of
``/``, ``#``, ``:``…, or its definition says ``"@prefix": false``), is told so.

Each prefix is warned once, at its first use's line, with the IRIs read, how many times they are written and what
to declare (the namespace of Maillage's well-known prefixes, :data:`graph.namespaces.PREFIXES`). The types and node
IRIs are found by a search in C for a value of ``@type`` or ``@id`` (or of an alias, or of such a term) of another
prefix than those the contexts define: only a document with one is walked.

A prefix that a context defines by a relative IRI (``"ex": "foo/"``, without ``@vocab`` to resolve it against) or a
blank node identifier (``"ex": "_:b"``, a prefix too: Create Term Definition, step 14.2.5) makes no IRIs of its
compact IRIs: the engine ignores what is written with a relative one, and makes blank nodes of a blank one's
(``"@id": "ex:a"`` is ``_:ba``; a key, a blank node, is ignored). Nor does a prefix that a context defines through
another prefix that none defines (``"ex": "undeclared:base/"``): each ``"ex:a"`` becomes an IRI of the scheme
``undeclared:``; nor a vocabulary mapping so written (``"@vocab": "undeclared:base/"``). :func:`misdefined_prefixes`
warns of each that the document uses, at its definition's line.
"""

from __future__ import annotations

import json
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
#: A JSON string as written, read whole: a ``]``, a ``,`` or a quote that it holds ends nothing.
_STRING = rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"'


@lru_cache(maxsize=64)
def _value_search(keys: frozenset[bytes], allowed: frozenset[bytes]) -> re.Pattern:
    """The search for a value of the keys ``keys`` (as written), or an item of its array, that starts with a prefix
    other than ``allowed``, followed by a colon, not by ``//``: an array's items are read as JSON strings, each
    whole, up to the array's ``]`` (``["a]b", "ex:T"]``: the item after a text that holds a ``]`` is sought too).
    The keys make a search of each quote (50 MB, 110k nodes, 330k values of ``@id`` and ``@type``: 0.13 s; a search
    for each key, each a literal that the engine's search skips to: 0.14 s); ``@type`` alone took 0.06 s, and 0.05 s
    when an array was read up to its first ``]``, whatever its texts held."""
    other = rb"(?!(?:" + one_of(sorted(allowed)) + rb"):)" if allowed else b""
    key = rb'"(?:' + one_of(sorted(k[1:-1] for k in keys)) + rb')"'
    return re.compile(key + rb'\s*:\s*(?:\[[^"\]]*+(?:' + _STRING + rb'[^"\]]*+)*?)?"' + other
                      + rb'[A-Za-z][A-Za-z0-9+.-]*+:(?!//)')


def _value_keys(terms: JsonLdTerms) -> tuple[set[bytes], set[bytes]]:
    """The keys, as written, whose values are IRIs that a compact IRI may write: ``@type`` (within contexts too, a
    term's datatype), and those that only nodes write: ``@id`` (a context's is a term's IRI, told where the term is
    written), the aliases of either, the terms whose values are IRIs (typed ``@id`` or ``@vocab``)."""
    nodes = terms.keyword_keys("@type", "@id") - {b'"@type"'}
    if terms.iri_terms:
        nodes |= terms.written(terms.iri_terms)
    return {b'"@type"'}, nodes


def _value_uses(data: bytes, terms: JsonLdTerms) -> list[tuple[int, str, str]]:
    """Each type or node IRI of the JSON-LD ``data`` (:func:`_value_keys`) whose prefix no context defines: its
    offset, its prefix and its text.

    >>> data = b'{"@context": {"ex": "http://ex.org/", "t": "@type"}, "@type": ["schema:B", "ex:A"], "t": "xsd:c"}'
    >>> _value_uses(data, read_terms(data))
    [(63, 'schema', 'schema:B'), (89, 'xsd', 'xsd:c')]
    >>> data = b'{"@context": {"ex": "http://ex.org/"}, "@type": ["a]b", "schema:B", "ex:A"], "@id": "org:1"}'
    >>> _value_uses(data, read_terms(data))
    [(56, 'schema', 'schema:B'), (84, 'org', 'org:1')]
    """
    everywhere, nodes = _value_keys(terms)
    allowed = frozenset(p.encode() for p in terms.prefixes | terms.ambiguous | SCHEMES if _PREFIX.fullmatch(p))
    if _value_search(frozenset(everywhere | nodes), allowed).search(data) is None:
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
    """The prefix of ``text``, a type or a node's IRI, when no context defines it as one."""
    if text in terms.terms or FORBIDDEN.search(text) or not (scheme := _PREFIX.match(text)) \
            or not text.startswith(":", scheme.end()):
        return None  # a term, an IRI refused (rdf_json_iris), a keyword, a text without a scheme
    return terms.undefined_prefix(text)


def undefined_prefixes(data: bytes, terms: JsonLdTerms | None = None, keys: list | None = None) -> list[Issue]:
    """A warning for each prefix of the JSON-LD document ``data`` that no context defines (as a prefix), of its
    keys ``keys`` (:class:`graph.ingest.rdf_json_keys.KeyUse` of the kind "prefix"), its types and its node IRIs
    (:func:`_value_uses`): at the first one's line, with the IRIs read, how many times they are written and what to
    declare.

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
    uses += _value_uses(data, terms)
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


def misdefined_prefixes(data: bytes, terms: JsonLdTerms | None = None) -> list[Issue]:
    """A warning for each prefix that a context of the JSON-LD document ``data`` defines by a blank node identifier,
    by a relative IRI without ``@vocab``, or by a compact IRI of a prefix that no context defines, and that the
    document writes (a text that starts with it and a colon,
    ``"ex:…"``): at its definition's line, with the line of its first use and what to write; none when a context is
    remote (the engine refuses the document for it).

    >>> [i.format("f.jsonld") for i in misdefined_prefixes(b'{"@context": {"ex": "ex/"},\\n "@id": "ex:a"}')]
    ['f.jsonld:1: avertissement : préfixe « ex » : le « @context » le définit par « ex/ », une IRI relative, que \
JSON-LD ne résout que contre un « @vocab », absent ; les IRI compactes « ex:… » (dès la ligne 2) n\\'en deviennent \
pas, et JSON-LD ignore les triplets qui les écrivent ; définissez-le par une IRI complète : « "ex": "http://…/" »']
    """
    terms = terms or read_terms(data)
    if terms.remote:
        return []
    wrong = {}
    for term in sorted(terms.prefixes):
        iri = terms.iri_of(term)
        if (fault := _fault(iri, terms)) is not None:
            written = json.dumps(term, ensure_ascii=False).encode()
            if used := re.search(re.escape(written[:-1]) + rb":(?!//)", data):  # "ex: opens no key: "ex": does
                wrong[term] = (iri, fault, used.start())
    issues = _misdefined_vocabulary(data, terms)
    if not wrong:
        return issues
    for obj in objects(data):  # each definition's offset, from the walk of the document's first objects
        for member in obj.members:
            if obj.in_context and not member.array and (term := decoded(member.key)) in wrong:
                iri, fault, used = wrong.pop(term)
                issues.append(Issue("warning", *_misdefined(term, iri, fault, line_of(data, used)),
                                    line=line_of(data, member.at)))
        if not wrong:
            break
    return sorted(issues, key=lambda issue: issue.line)


#: A vocabulary mapping's value: a JSON string that starts with a scheme or a prefix, and a colon not followed by //.
_VOCABULARY = re.compile(rb'"@vocab"\s*:\s*("[A-Za-z][A-Za-z0-9+.-]*:(?!//)[^"\\]*(?:\\.[^"\\]*)*")')


def _misdefined_vocabulary(data: bytes, terms: JsonLdTerms) -> list[Issue]:
    """A warning for the first vocabulary mapping (``@vocab``) of the JSON-LD document ``data`` written as a compact
    IRI whose prefix no context defines (``"@vocab": "undeclared:base/"``): each key and type that it maps is
    stored as an IRI of the scheme ``undeclared:``; at its line. One search in C."""
    for found in _VOCABULARY.finditer(data):
        if (iri := decoded(found[1])) and not FORBIDDEN.search(iri) and (prefix := terms.undefined_prefix(iri)):
            return [Issue("warning", f"« @vocab » : le « @context » le définit par « {iri} », écrit avec le préfixe "
                                     f"« {prefix} », qu'aucun « @context » ne définit ; JSON-LD lit donc les clés et "
                                     f"les types qu'il définit (« {iri}… ») comme des IRI complètes, de schéma "
                                     f"« {prefix}: » ; définissez « {prefix} » dans le « @context », ou écrivez "
                                     "l'IRI complète du vocabulaire : « \"@vocab\": \"http://…/\" »",
                          f"\"@vocab\": the \"@context\" defines it as '{iri}', written with the prefix '{prefix}', "
                          f"which no \"@context\" defines; so JSON-LD reads the keys and types it defines "
                          f"('{iri}…') as full IRIs, of scheme '{prefix}:'; define '{prefix}' in the \"@context\", "
                          "or write the vocabulary's full IRI: \"@vocab\": \"http://…/\"",
                          line=line_of(data, found.start()))]
    return []


def _fault(iri: str, terms: JsonLdTerms) -> str | None:
    """What makes ``iri``, the IRI of a prefix, make no IRIs of its compact IRIs as its author meant: "blank" for a
    blank node identifier, "relative" for a relative IRI without ``@vocab`` (a vocabulary resolves it), else the
    prefix that it is written with when no context defines that one (``"ex": "undeclared:base/"``: its compact IRIs
    are IRIs of the scheme ``undeclared:``); None for a prefix that makes IRIs."""
    if iri.startswith("_:"):
        return "blank"
    scheme = _PREFIX.match(iri)
    if scheme is None or not iri.startswith(":", scheme.end()):
        return None if terms.vocab else "relative"
    return terms.undefined_prefix(iri) if not FORBIDDEN.search(iri) else None  # an IRI refused (rdf_json_iris)


def _misdefined(term: str, iri: str, fault: str, used: int) -> tuple[str, str]:
    """The warning about the prefix ``term`` defined by ``iri``, whose ``fault`` (:func:`_fault`) is a blank node
    identifier, a relative IRI or a prefix that no context defines, first used on the line ``used``, in French and
    English."""
    declared = f'"{term}": "{PREFIXES[term] if term in PREFIXES else "http://…/"}"'
    if fault not in ("blank", "relative"):
        return (f"préfixe « {term} » : le « @context » le définit par « {iri} », écrit avec le préfixe « {fault} », "
                f"qu'aucun « @context » ne définit ; JSON-LD lit donc les IRI compactes « {term}:… » (dès la ligne "
                f"{used}) comme des IRI complètes, de schéma « {fault}: » ; définissez « {fault} » dans le "
                f"« @context », ou « {term} » par une IRI complète : « {declared} »",
                f"prefix '{term}': the \"@context\" defines it as '{iri}', written with the prefix '{fault}', which no "
                f"\"@context\" defines; so JSON-LD reads compact IRIs '{term}:…' (from line {used}) as full IRIs, of "
                f"scheme '{fault}:'; define '{fault}' in the \"@context\", or '{term}' as a full IRI: {declared}")
    if fault == "blank":
        what, what_en = "un identifiant de nœud anonyme", "a blank node identifier"
        lost = (f"deviennent des nœuds anonymes (« {iri}… »), et JSON-LD ignore les clés ainsi écrites",
                f"become blank nodes ('{iri}…'), and JSON-LD ignores the keys written so")
    else:
        what, what_en = ("une IRI relative, que JSON-LD ne résout que contre un « @vocab », absent",
                         'a relative IRI, which JSON-LD resolves only against an "@vocab", absent')
        lost = ("n'en deviennent pas, et JSON-LD ignore les triplets qui les écrivent",
                "do not become IRIs, and JSON-LD ignores the statements that write them")
    return (f"préfixe « {term} » : le « @context » le définit par « {iri} », {what} ; les IRI compactes "
            f"« {term}:… » (dès la ligne {used}) {lost[0]} ; définissez-le par une IRI complète : « {declared} »",
            f"prefix '{term}': the \"@context\" defines it as '{iri}', {what_en}; compact IRIs '{term}:…' (from line "
            f"{used}) {lost[1]}; define it as a full IRI: {declared}")


__all__ = ["misdefined_prefixes", "undefined_prefixes"]
