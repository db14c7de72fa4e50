"""Keys of a JSON-LD document's nodes that JSON-LD makes no property of: the engine drops them with their values,
without a word, as the spec does (JSON-LD 1.1 Processing Algorithms and API, 5.1.2 Expansion Algorithm: "If
expanded property is null or it neither contains a colon (:) nor it is a keyword, drop key by continuing to the
next key"; 8.1 Deserialize JSON-LD to RDF skips a property that is a blank node unless generalized RDF is asked
for, and Oxigraph asks for none):

- a key that no ``@context`` defines, that is no IRI (no scheme nor prefix before a colon) and no keyword, in a
  document without ``@vocab`` (``"name"``, with no context at all);
- a key of the form of a keyword that is none (``"@Id"``), which JSON-LD 1.1 reserves (IRI Expansion, step 2);
- a blank node (``"_:p"``), which RDF admits as no predicate;
- a term that a context maps to no IRI (``"name": {"@id": "foo"}``, without ``@vocab``; ``"name": "_:p"``).

Each kind is warned once for the document, at the first one's line, with how many values it loses and what to write.
A key that is an IRI with a character that no IRI holds (``"http://ex.org/a b"``) is refused with the ``@id``
values that are none (:mod:`graph.ingest.rdf_json_iris`): a Turtle file does not parse with such an IRI. So is a
document all of whose statements are lost: :func:`why_no_statement` tells why. A key whose IRI is a compact one
with a prefix that no context defines (``"schema:name"``) is not dropped but stored as that text
(``<schema:name>``): :mod:`graph.ingest.rdf_json_prefixes` warns about it, from the same walk.

The keys are not those of a context, of a value object, of a map (of languages, indexes, IRIs or types), nor within
a JSON literal, the value of a keyword (or of its alias) that holds no node, or the value of a key that is dropped.
A search in C of the document's distinct keys (:func:`graph.ingest.rdf_json_tokens.document_keys`, 27 MB: 0.07 s)
tells that a document has none; only a document with one is walked (27 MB: 1.4 s).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.ingest.base import Issue
from graph.ingest.rdf_json_languages import miswritten_languages
from graph.ingest.rdf_json_prefixes import misdefined_prefixes, undefined_prefixes
from graph.ingest.rdf_json_terms import KEYWORDS, STRUCTURAL, JsonLdTerms, read_terms
from graph.ingest.rdf_json_tokens import JsonObject, line_of, objects

#: What the warnings show of a kind's distinct keys.
SHOWN = 3


@dataclass
class KeyUse:
    """A key of a node that JSON-LD makes no property of: its offset, its text, its kind
    (:meth:`JsonLdTerms.key_kind`) and how many values it holds."""

    at: int
    key: str
    kind: str
    values: int


def key_uses(data: bytes, terms: JsonLdTerms, kinds: set[str]) -> list[KeyUse]:
    """Each key of a node of the JSON-LD document ``data`` whose kind is one of ``kinds``, in order; none for a
    document whose contexts cannot all be read (a remote one).

    >>> data = b'{"@id": "ex:a", "name": ["x", "y"], "@Id": {"title": 1}, "ex:p": {"@value": "v", "bad": 1}}'
    >>> [(u.at, u.key, u.kind, u.values) for u in key_uses(data, read_terms(data), {"undefined", "keyword"})]
    [(16, 'name', 'undefined', 2), (36, '@Id', 'keyword', 1)]
    """
    if terms.remote:
        return []
    found = {written: kind for written, key in terms.keys.items() if (kind := terms.key_kind(key)) is not None}
    if not any(kind in kinds for kind in found.values()):
        return []
    dropped = {written: kind for written, kind in found.items() if kind != "prefix"}  # a prefix's values are kept
    maps = terms.written(terms.language_maps | terms.other_maps)
    opaque_keywords = {key for key in KEYWORDS if key not in STRUCTURAL}
    opaque = terms.written(opaque_keywords | terms.json_terms | {a for a, k in terms.aliases.items()
                                                                  if k in opaque_keywords})
    values = terms.keyword_keys("@value")
    uses = []
    for obj in objects(data, opaque):
        if obj.in_context or (obj.direct and obj.under in maps) or any(member.key in values for member in obj.members):
            continue
        inside: bool | None = None
        for member in obj.members:
            if (kind := found.get(member.key)) in kinds:
                if inside is None:
                    inside = _inside(obj, dropped, maps)
                if not inside:
                    uses.append(KeyUse(member.at, terms.keys[member.key], kind, member.count()))
    return sorted(uses, key=lambda use: use.at)


def _inside(obj: JsonObject, dropped: dict[bytes, str], maps: set[bytes]) -> bool:
    """Whether ``obj`` is within the value of a key that is dropped (lost with it)."""
    while (parent := obj.parent) is not None:
        if obj.under in dropped and not (parent.direct and parent.under in maps):
            return True
        obj = parent
    return False


def lost_keys(data: bytes, terms: JsonLdTerms | None = None) -> list[Issue]:
    """A warning for each kind of key of the JSON-LD document ``data`` that is dropped with its values: at the
    first one's line, with its keys, how many values they lose and what to write; one for each prefix that no
    context defines, of its keys, types and node IRIs (:func:`graph.ingest.rdf_json_prefixes.undefined_prefixes`);
    one for each prefix that a context defines by no IRI (:func:`graph.ingest.rdf_json_prefixes.misdefined_prefixes`).

    >>> [i.format("f.jsonld") for i in lost_keys(b'{"@id": "http://ex.org/a",\\n "name": "A", "http://ex.org/p": 1}')]
    ['f.jsonld:2: avertissement : clé « name » sans définition : ni un terme d\\'un « @context », ni une IRI, ni un \
mot-clé ; JSON-LD l\\'ignore avec sa valeur (1 valeur non importée) ; définissez-la dans le « @context » \
(« "name": "http://…" », ou « "@vocab": "http://…" » pour toutes les clés), ou écrivez son IRI complète']
    """
    terms = terms or read_terms(data)
    uses = [use for use in key_uses(data, terms, {"undefined", "keyword", "blank", "unmapped", "prefix"})
            if use.values]
    issues = _dropped(data, terms, [use for use in uses if use.kind != "prefix"])
    issues += undefined_prefixes(data, terms, [use for use in uses if use.kind == "prefix"])
    issues += misdefined_prefixes(data, terms)
    return sorted(issues, key=lambda issue: issue.line)


def _dropped(data: bytes, terms: JsonLdTerms, uses: list[KeyUse]) -> list[Issue]:
    """The warnings of :func:`lost_keys` about the keys ``uses`` that are dropped, a warning a kind."""
    issues = []
    for kind, said in (("undefined", _undefined), ("keyword", _keyword), ("blank", _blank), ("unmapped", _unmapped)):
        if of_kind := [use for use in uses if use.kind == kind]:
            issues.append(Issue("warning", *said(_Said(of_kind), terms), line=line_of(data, of_kind[0].at)))
    return issues


class _Said:
    """What the warnings say of the keys ``uses`` of one kind: the keys (the first few), how many values they lose
    (in French and English), and their values' possessive."""

    def __init__(self, uses: list[KeyUse]) -> None:
        self.keys = list(dict.fromkeys(use.key for use in uses))
        self.one = len(self.keys) == 1
        more = " …" if len(self.keys) > SHOWN else ""
        self.shown = ", ".join(f"« {k} »" for k in self.keys[:SHOWN]) + more
        self.shown_en = ", ".join(f"'{k}'" for k in self.keys[:SHOWN]) + more
        count = sum(use.values for use in uses)
        s = "s" if count > 1 else ""
        self.lost, self.lost_en = f"{count} valeur{s} non importée{s}", f"{count} value{s} not imported"
        self.its, self.its_en = ("sa valeur", "its value") if count == 1 else \
            ("ses valeurs", "its values") if self.one else ("leurs valeurs", "their values")


def _undefined(said: _Said, terms: JsonLdTerms) -> tuple[str, str]:
    """The warning about keys that no context defines, in French and English."""
    example = f'« "{said.keys[0]}": "http://…" », ou « "@vocab": "http://…" » pour toutes les clés'
    example_en = f'"{said.keys[0]}": "http://…", or "@vocab": "http://…" for every key'
    if said.one:
        return (f"clé {said.shown} sans définition : ni un terme d'un « @context », ni une IRI, ni un mot-clé ; "
                f"JSON-LD l'ignore avec {said.its} ({said.lost}) ; définissez-la dans le « @context » ({example}), "
                "ou écrivez son IRI complète",
                f'key {said.shown_en} undefined: no term of an "@context", no IRI, no keyword; JSON-LD ignores it '
                f'with {said.its_en} ({said.lost_en}); define it in the "@context" ({example_en}), or write its full '
                "IRI")
    return (f"clés {said.shown} sans définition : ni des termes d'un « @context », ni des IRI, ni des mots-clés ; "
            f"JSON-LD les ignore avec {said.its} ({said.lost}) ; définissez-les dans le « @context » ({example}), "
            "ou écrivez leur IRI complète",
            f'keys {said.shown_en} undefined: no terms of an "@context", no IRIs, no keywords; JSON-LD ignores them '
            f'with {said.its_en} ({said.lost_en}); define them in the "@context" ({example_en}), or write their full '
            "IRIs")


def _keyword(said: _Said, terms: JsonLdTerms) -> tuple[str, str]:
    """The warning about keys of the form of a keyword that are none, in French and English: the keyword that a
    key in capitals likely means."""
    meant = [(key, key.lower()) for key in said.keys[:SHOWN] if key.lower() in KEYWORDS]
    if said.one and meant:
        fix, fix_en = f"écrivez « {meant[0][1]} »", f"write '{meant[0][1]}'"
    elif meant:
        fix = "écrivez " + ", ".join(f"« {right} » pour « {key} »" for key, right in meant)
        fix_en = "write " + ", ".join(f"'{right}' for '{key}'" for key, right in meant)
    else:
        fix, fix_en = ('retirez le « @ » et définissez la clé dans le « @context », ou écrivez une IRI',
                       'remove the "@" and define the key in the "@context", or write an IRI')
    what, what_en = ("clé", "de la forme d'un mot-clé, mais aucun mot-clé de JSON-LD, qui l'ignore"), \
        ("key", "shaped as a keyword, but no JSON-LD keyword, and JSON-LD ignores it")
    if not said.one:
        what, what_en = ("clés", "de la forme de mots-clés, mais aucun mot-clé de JSON-LD, qui les ignore"), \
            ("keys", "shaped as keywords, but no JSON-LD keywords, and JSON-LD ignores them")
    return (f"{what[0]} {said.shown} : {what[1]} avec {said.its} ({said.lost}) ; {fix}",
            f"{what_en[0]} {said.shown_en}: {what_en[1]} with {said.its_en} ({said.lost_en}); {fix_en}")


def _blank(said: _Said, terms: JsonLdTerms) -> tuple[str, str]:
    """The warning about blank node keys, in French and English."""
    what, what_en = ("clé", "un nœud anonyme, que RDF n'admet pas comme prédicat ; JSON-LD l'ignore"), \
        ("key", "a blank node, which RDF does not allow as a predicate; JSON-LD ignores it")
    if not said.one:
        what, what_en = ("clés", "des nœuds anonymes, que RDF n'admet pas comme prédicats ; JSON-LD les ignore"), \
            ("keys", "blank nodes, which RDF does not allow as predicates; JSON-LD ignores them")
    return (f"{what[0]} {said.shown} : {what[1]} avec {said.its} ({said.lost}) ; écrivez une IRI, ou un terme défini "
            "dans le « @context »",
            f"{what_en[0]} {said.shown_en}: {what_en[1]} with {said.its_en} ({said.lost_en}); write an IRI, or a term "
            'defined in the "@context"')


def _unmapped(said: _Said, terms: JsonLdTerms) -> tuple[str, str]:
    """The warning about terms that a context maps to no IRI, in French and English, with what they map to."""
    mapped = list(dict.fromkeys(terms.mappings.get(key, "") for key in said.keys))
    more = " …" if len(mapped) > SHOWN else ""
    shown, shown_en = ", ".join(f"« {m} »" for m in mapped[:SHOWN]) + more, \
        ", ".join(f"'{m}'" for m in mapped[:SHOWN]) + more
    example = f'« "{said.keys[0]}": "http://…" »'
    if said.one:
        return (f"clé {said.shown} : le « @context » la définit par {shown}, qui n'est pas une IRI ; JSON-LD l'ignore "
                f"avec {said.its} ({said.lost}) ; définissez-la par une IRI complète ({example}), ou compacte, d'un "
                "préfixe défini",
                f'key {said.shown_en}: the "@context" defines it as {shown_en}, which is no IRI; JSON-LD ignores it '
                f'with {said.its_en} ({said.lost_en}); define it as a full IRI ("{said.keys[0]}": "http://…"), or a '
                "compact one, of a defined prefix")
    return (f"clés {said.shown} : le « @context » les définit par {shown}, qui ne sont pas des IRI ; JSON-LD les "
            f"ignore avec {said.its} ({said.lost}) ; définissez-les par des IRI complètes ({example}), ou compactes, "
            "de préfixes définis",
            f'keys {said.shown_en}: the "@context" defines them as {shown_en}, which are no IRIs; JSON-LD ignores '
            f'them with {said.its_en} ({said.lost_en}); define them as full IRIs ("{said.keys[0]}": "http://…"), or '
            "compact ones, of defined prefixes")


def why_no_statement(data: bytes) -> tuple[str, str, int | None] | None:
    """Why the JSON-LD document ``data``, which the engine reads without a statement, states nothing, in French
    and English, and the line of the first thing it loses: its keys that are dropped, its texts in a language that
    is not well-formed, its prefixes defined by no IRI; None when it loses nothing that the checks know of (an
    empty document, only a context). On the error path only.

    >>> why_no_statement(b'{"@id": "http://ex.org/a",\\n "title": "A",\\n "name": "B"}')[1:]
    ('keys \\'title\\', \\'name\\' undefined: no terms of an "@context", no IRIs, no keywords; JSON-LD ignores \
them with their values (2 values not imported); define them in the "@context" ("title": "http://…", or "@vocab": \
"http://…" for every key), or write their full IRIs', 2)
    """
    terms = read_terms(data)
    uses = [use for use in key_uses(data, terms, {"undefined", "keyword", "blank", "unmapped"}) if use.values]
    issues = sorted(_dropped(data, terms, uses) + miswritten_languages(data, terms) + misdefined_prefixes(data, terms),
                    key=lambda issue: issue.line or 0)
    if not issues:
        return None
    return " ; ".join(i.message for i in issues), "; ".join(i.message_en for i in issues), issues[0].line


__all__ = ["KeyUse", "key_uses", "lost_keys", "why_no_statement"]
