"""Badly formed IRIs and blank node identifiers in a JSON-LD document (``"@id": "http://ex.org/a b"``, a key
``"http://ex.org/a b"``, ``"@id": "_:a b"``), which the engine drops without a word.

JSON-LD's conversion to RDF leaves out what names a value that is not a well-formed IRI: a node whose ``@id`` is
one, with every statement about it; a type, an object, a term whose ``@id`` is one (its values), a property whose
key expands to one (its values) — Oxigraph does so without a word, as the spec's algorithms do. A Turtle,
N-Triples or RDF/XML file that writes such an IRI does not parse, and is refused with its line. So is a JSON-LD
one, for the same IRIs: an ``@id`` or ``@type`` value (a node's, an object's, a term's; or of an alias of either,
``"id": "@id"``), a value of a term whose values are IRIs (``"@type": "@id"`` or ``"@vocab"``), the IRI that a
context maps a term to, or a node's key, with a character that no IRI holds, whatever the base, the prefix or the
vocabulary it is resolved against — a blank, a control character, ``<>"{}|^`\\``, or a ``%`` not followed by two
hexadecimal digits. A value that a context defines as a term (``"@type": "my type"``) is the term's IRI, and is not
one; a key without a colon is an IRI only against a ``@vocab`` (else it is an undefined term:
:mod:`graph.ingest.rdf_json_keys` warns about it).

A blank node identifier (``_:`` and a label) is no IRI. JSON-LD admits any label, and its algorithms would name
the node afresh (Node Map Generation); Oxigraph keeps the label, and drops the node when the label is not one that
RDF's syntaxes write (letters, digits, ``_``, ``-``, ``.`` and ``:``, as Turtle's ``BLANK_NODE_LABEL``): ``_:a b``,
``_:a/b``, ``_:a.``. Turtle refuses such a label too: the document is refused, told as a label to rewrite.

A document whose contexts cannot all be read (a remote one) is left to the engine, which refuses it for that
context. Searches of the document's bytes, in C, tell that it has none of these values: only a file with one is
walked.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyoxigraph as ox

from graph.ingest.base import InputError
from graph.ingest.rdf_json_keys import key_uses
from graph.ingest.rdf_json_terms import FORBIDDEN, JsonLdTerms, read_terms
from graph.ingest.rdf_json_tokens import decoded, line_of, lines_of, objects
from graph.parse_errors import explain_rdf

#: An ``@id`` or ``@type`` key; the characters of a string that hold no forbidden character nor escape; one that
#: is either (an escape is decoded, then checked); a blank node identifier that is plainly well-formed.
_KEY = rb'"@(?:id|type)"'
_GOOD = rb'[^"\\%\x00-\x20<>{}|^`]*+(?:%[0-9A-Fa-f]{2}[^"\\%\x00-\x20<>{}|^`]*+)*+'
_BAD = rb'(?:[\\\x00-\x20<>{}|^`]|%(?![0-9A-Fa-f]{2}))'
_LABEL = rb'[A-Za-z0-9_](?:[A-Za-z0-9_.:-]*+(?<!\.))?'
_GOOD_ITEM = rb'"(?:_:' + _LABEL + rb'|(?!_:)' + _GOOD + rb')"'
_ENTRIES = (b'"@id"', b'"@type"')
#: How many lines the refusal lists.
SHOWN = 5


@lru_cache(maxsize=32)
def _search(key: bytes) -> re.Pattern:
    """The search that tells, in C, that the values of the keys ``key`` (a pattern) hold no such value: a string
    value that holds one, or an array that is not one of strings without one (27 MB, 400k values of ``@id`` and
    ``@type``: 0.08 s; as three searches, a string's and a count of arrays and of good ones, 0.12 s)."""
    good_array = rb'\[\s*(?:' + _GOOD_ITEM + rb'\s*(?:,\s*' + _GOOD_ITEM + rb'\s*)*+)?\]'
    return re.compile(key + rb'\s*:\s*(?:"(?:' + _GOOD + _BAD + rb'|_:(?!' + _LABEL + rb'"))|(?!' + good_array
                      + rb')\[)')


def _suspect(data: bytes, keys: set[bytes]) -> bool:
    """Whether a value of the keys ``keys`` (as written; ``@id`` and ``@type`` when none) may be no IRI: one search
    of all of them (7 keys of a 27 MB document, 0.12 s; one after the other, 0.28 s)."""
    key = b"(?:" + b"|".join(re.escape(key) for key in sorted(keys)) + b")" if keys else _KEY
    return _search(key).search(data) is not None


def _iri_keys(terms: JsonLdTerms) -> set[bytes]:
    """The keys, as written, whose values are IRIs in nodes, beyond ``@id`` and ``@type``: their aliases, and the
    terms typed ``@id`` or ``@vocab``."""
    keys = terms.keyword_keys("@id", "@type") - set(_ENTRIES)
    return keys | terms.written(terms.iri_terms) if terms.iri_terms else keys


def _why(found: re.Match) -> tuple[str, str, str, str]:
    """What is wrong with the character ``found`` in an IRI, and what to write, in French and English."""
    char = found.group()
    if char.startswith("%"):
        return ("« % » sans deux chiffres hexadécimaux", "'%' without two hexadecimal digits",
                "un « % » s'écrit %25", "a '%' is written %25")
    what, what_en = _named(char)
    return what, what_en, f"encodez-le en %{ord(char):02X}", f"encode it as %{ord(char):02X}"


def _named(char: str) -> tuple[str, str]:
    """A character as the messages name it, in French and English."""
    if char == " ":
        return "une espace", "a space"
    if char <= " ":
        return f"le caractère U+{ord(char):04X}", f"character U+{ord(char):04X}"
    return f"« {char} »", f"'{char}'"


def _blank_label(label: str) -> bool:
    try:
        ox.BlankNode(label)
    except ValueError:
        return False
    return True


def blank_fault(label: str) -> tuple[str, str, str] | None:
    """What is wrong, for the engine, with the blank node label ``label`` (what follows ``_:``), in French and
    English, and the label to write in its place; None when it is well-formed.

    >>> blank_fault("a b"), blank_fault("a."), blank_fault("a:b-1")
    (('une espace', 'a space', 'a_b'), ('« . » à la fin', "'.' at the end", 'a_'), None)
    """
    if _blank_label(label):
        return None
    if not label:
        return "vide", "empty", "b1"
    fixed = "".join(char if _blank_label(char if n == 0 else f"a{char}a") else "_" for n, char in enumerate(label))
    wrong = next((n for n, (char, kept) in enumerate(zip(label, fixed)) if char != kept), None)
    if wrong is None:
        return "« . » à la fin", "'.' at the end", fixed[:-1] + "_"
    what, what_en = _named(label[wrong])
    if wrong == 0 and _blank_label(f"a{label[0]}a"):
        what, what_en = f"{what} en tête", f"{what_en} first"
    return what, what_en, fixed if _blank_label(fixed) else fixed.rstrip(".") + "_"


def _bad_values(data: bytes, terms: JsonLdTerms) -> list[tuple[int, str, str, tuple]]:
    """Each ``@id`` or ``@type`` value of the JSON-LD ``data`` (or of an alias, or of a term whose values are IRIs)
    that is no IRI nor blank node the engine reads, and each IRI that a context maps a term to that is none: its
    offset, its key (the term's, for a term's IRI), its text, and what is wrong: "iri" (a term's: "term") and
    :func:`_why` of its first forbidden character, or "blank" and :func:`blank_fault`; in order.

    >>> data = b'{"@id": "a b", "@type": ["T", "@id", "U\\\\tV"], "p": {"@id": "_:b/1"}}'
    >>> [(at, key, text) for at, key, text, _ in _bad_values(data, read_terms(data))]
    [(8, '@id', 'a b'), (37, '@type', 'U\\tV'), (59, '@id', '_:b/1')]
    >>> data = b'{"@context": {"id": "@id", "p": "http://ex.org/p q"}, "id": "a b"}'
    >>> [(at, key, text, why[0]) for at, key, text, why in _bad_values(data, read_terms(data))]
    [(32, 'p', 'http://ex.org/p q', 'term'), (60, 'id', 'a b', 'iri')]
    """
    found = []
    nodes = _iri_keys(terms)
    for obj in objects(data, terms.written(terms.json_terms) | terms.keyword_keys("@value")):
        for member in obj.members:
            kind = "iri"
            if obj.in_context and terms.bad_definitions and not member.key.startswith(b'"@') and not member.array:
                kind = "term"  # a term's definition: the IRI it maps to, when it is a text
            elif member.key not in _ENTRIES and (member.key not in nodes or obj.in_context):
                continue
            key = decoded(member.key) or ""
            for at, written in member.values:
                if (text := decoded(written)) is None or text.startswith("@") or text in terms.terms:
                    continue  # no string, not JSON (the engine says where), a keyword, a term
                if text.startswith("_:"):
                    if kind == "iri" and (fault := blank_fault(text[2:])):
                        found.append((at, key, text, ("blank", *fault)))
                elif bad := FORBIDDEN.search(text):
                    found.append((at, key, text, (kind, *_why(bad))))
    return sorted(found)


def miswritten_iris(data: bytes, terms: JsonLdTerms | None = None) -> InputError | None:
    """Why the JSON-LD document ``data`` is refused when an ``@id`` or ``@type`` value or a node's key is no IRI,
    or a blank node identifier that the engine does not read (the engine would drop what it names without a word):
    the first one, its line and what is wrong, and how many there are, with their lines; None when there is none,
    or when a context is remote (the engine refuses the document for it).

    >>> print(miswritten_iris(b'{"@id": "http://ex.org/a",\\n "@type": "http://ex.org/My type"}').issue.message_en)
    invalid RDF: character not allowed in an IRI (an address between quotes: @id, @type, @base, @vocab…) \
('http://ex.org/My type' of @type: a space); JSON-LD ignores the statements that name it (1 such value of @id \
or @type); encode it as %20
    """
    terms = terms or read_terms(data)
    if terms.remote:
        return None
    iri_keys = _iri_keys(terms)
    suspect = terms.bad_definitions or _suspect(data, iri_keys | set(_ENTRIES) if iri_keys else set())
    found = _bad_values(data, terms) if suspect else []
    keys = [(use.at, None, use.key, ("key", *_why(bad))) for use in key_uses(data, terms, {"iri"})
            if (bad := FORBIDDEN.search(use.key))]
    if not found and not keys:
        return None
    lines = sorted(set(lines_of(data, sorted(at for at, *_ in [*found, *keys]))))
    where = ", ".join(map(str, lines[:SHOWN])) + (" …" if len(lines) > SHOWN else "")
    where_fr, where_en = ("", "") if len(found) + len(keys) == 1 else \
        ((f", ligne {where}", f", line {where}") if len(lines) == 1 else (f", lignes {where}", f", lines {where}"))
    ids = all(kind != "term" and (key in ("@id", "@type") or terms.aliases.get(key) in ("@id", "@type"))
              for _, key, _, (kind, *_) in found)
    counted, counted_en = _counted(len(found), len(keys), ids)
    first = min([*found, *keys], key=lambda bad: bad[0])
    fr, en = _refusal(first, f"{counted}{where_fr}", f"{counted_en}{where_en}")
    return InputError(fr, line=line_of(data, first[0]), message_en=en)


def _refusal(first: tuple, counted: str, counted_en: str) -> tuple[str, str]:
    """The refusal, in French and English, of a document whose first value or key that the engine drops is
    ``first`` (as :func:`_bad_values` gives it; a key's is None), with how many there are (and where)."""
    _, key, text, (kind, what, what_en, *fixes) = first
    said, said_en = explain_rdf("Invalid IRI code point", "jsonld")
    if kind == "key":
        fix, fix_en = fixes
        return (f"RDF invalide : {said} (« {text} », clé d'une propriété : {what}) ; JSON-LD ignore ses valeurs "
                f"({counted}) ; {fix}",
                f"invalid RDF: {said_en} ('{text}', a property's key: {what_en}); JSON-LD ignores its values "
                f"({counted_en}); {fix_en}")
    if kind == "blank":
        return (f"identifiant de nœud anonyme « {text} » (de {key} : {what}) : le moteur ne lit que ceux de lettres, "
                "de chiffres, « _ », « - », « . » et « : », comme Turtle, et ignore les triplets qui le nomment, où la "
                f"spécification JSON-LD l'aurait renommé ({counted}) ; écrivez « _:{fixes[0]} »",
                f"blank node identifier '{text}' (of {key}: {what_en}): the engine reads only those of letters, "
                "digits, '_', '-', '.' and ':', as Turtle does, and ignores the statements that name it, where the "
                f"JSON-LD specification would have renamed it ({counted_en}); write '_:{fixes[0]}'")
    fix, fix_en = fixes
    if kind == "term":
        return (f"RDF invalide : {said} (« {text} », IRI du terme « {key} » : {what}) ; JSON-LD ignore ses valeurs "
                f"({counted}) ; {fix}",
                f"invalid RDF: {said_en} ('{text}', the IRI of term '{key}': {what_en}); JSON-LD ignores its values "
                f"({counted_en}); {fix_en}")
    return (f"RDF invalide : {said} (« {text} » de {key} : {what}) ; JSON-LD ignore les triplets qui la nomment "
            f"({counted}) ; {fix}",
            f"invalid RDF: {said_en} ('{text}' of {key}: {what_en}); JSON-LD ignores the statements that name it "
            f"({counted_en}); {fix_en}")


def _counted(values: int, keys: int, ids: bool = True) -> tuple[str, str]:
    """How many values and keys are refused, in French and English: values of ``@id`` or ``@type`` (or of their
    aliases) when ``ids``, else IRIs (of terms too)."""
    s, ks = "s" if values > 1 else "", "s" if keys > 1 else ""
    of = "de @id ou @type" if ids else "d'IRI"
    such = f"{values} such value{s} of @id or @type" if ids else f"{values} such IRI value{s}"
    if not keys:
        return f"{values} valeur{s} {of} ainsi", such
    if not values:
        return f"{keys} clé{ks} ainsi", f"{keys} such key{ks}"
    return f"{values} valeur{s} {of} et {keys} clé{ks} ainsi", f"{such} and {keys} key{ks}"


__all__ = ["blank_fault", "miswritten_iris"]
