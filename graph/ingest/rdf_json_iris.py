"""Badly formed IRIs in a JSON-LD document (``"@id": "http://ex.org/a b"``), which the engine drops without a word.

JSON-LD's conversion to RDF leaves out what names a value that is not a well-formed IRI: a node whose ``@id`` is
one, with every statement about it; a type, an object, a term whose ``@id`` is one (its values) — Oxigraph does so
without a word, as the spec's algorithms do. A Turtle, N-Triples or RDF/XML file that writes such an IRI does not
parse, and is refused with its line. So is a JSON-LD one, for the same IRIs: an ``@id`` or ``@type`` value (a
node's, an object's, a term's) with a character that no IRI holds, whatever the base or the prefix it is resolved
against — a blank, a control character, ``<>"{}|^`\\``, or a ``%`` not followed by two hexadecimal digits. A value
that a context defines as a term (``"@type": "my type"``) is the term's IRI, and is not one.

Three searches of the document's bytes, in C, tell that it has none: only a file with one is read further.
"""

from __future__ import annotations

import json
import re

from graph.ingest.base import InputError
from graph.parse_errors import explain_rdf

#: What makes a text no IRI, whatever it is resolved against.
_FORBIDDEN = re.compile(r"[\x00-\x20<>\"{}|^`\\]|%(?![0-9A-Fa-f]{2})")
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
#: An ``@id`` or ``@type`` key; the characters of a string that hold no forbidden character nor escape; one that
#: is either (an escape is decoded, then checked).
_KEY = rb'"@(?:id|type)"\s*:\s*'
_GOOD = rb'[^"\\%\x00-\x20<>{}|^`]*+(?:%[0-9A-Fa-f]{2}[^"\\%\x00-\x20<>{}|^`]*+)*+'
_BAD = rb'(?:[\\\x00-\x20<>{}|^`]|%(?![0-9A-Fa-f]{2}))'
#: The three searches that tell, in C, that a document has no such value (27 MB, 400k values: 0.25 s, a sixth of
#: the engine's reading): no string value that holds one, and as many arrays as arrays of strings without one.
_BAD_STRING = re.compile(_KEY + b'"' + _GOOD + _BAD)
_ARRAY = re.compile(_KEY + rb"\[")
_GOOD_ARRAY = re.compile(_KEY + rb'\[\s*(?:"' + _GOOD + rb'"\s*(?:,\s*"' + _GOOD + rb'"\s*)*+)?\]')
_ENTRY = re.compile(rb'"@(?P<key>id|type)"\s*:\s*(?P<array>\[)?')
_ITEM = re.compile(rb'\s*(?:,\s*)?("[^"\\]*(?:\\.[^"\\]*)*"|\])')
_KEYS = re.compile(rb'("[^"\\]*(?:\\.[^"\\]*)*")\s*:')
#: How many lines the refusal lists.
SHOWN = 5


def _why(found: re.Match) -> tuple[str, str, str, str]:
    """What is wrong with the character ``found`` in an IRI, and what to write, in French and English."""
    char = found.group()
    if char.startswith("%"):
        return ("« % » sans deux chiffres hexadécimaux", "'%' without two hexadecimal digits",
                "un « % » s'écrit %25", "a '%' is written %25")
    what = "une espace" if char == " " else f"le caractère U+{ord(char):04X}" if char <= " " else f"« {char} »"
    what_en = "a space" if char == " " else f"character U+{ord(char):04X}" if char <= " " else f"'{char}'"
    return what, what_en, f"encodez-le en %{ord(char):02X}", f"encode it as %{ord(char):02X}"


def _bad_values(data: bytes) -> list[tuple[int, str, str, re.Match]]:
    """Each ``@id`` or ``@type`` value of the JSON-LD ``data`` that is no IRI: its offset, its key, its text, and
    its first forbidden character.

    >>> [(at, key, text) for at, key, text, _ in _bad_values(b'{"@id": "a b", "@type": ["T", "@id", "U\\\\tV"]}')]
    [(8, 'id', 'a b'), (37, 'type', 'U\\tV')]
    """
    found = []
    keys: set[bytes] | None = None  # the document's keys, the terms among them: read at the first value that is no IRI
    for entry in _ENTRY.finditer(data):
        starts, at = [], entry.end()
        if entry["array"] is None:
            starts.append(at)
        else:
            while (item := _ITEM.match(data, at)) and item[1] != b"]":
                starts.append(item.start(1))
                at = item.end()
        for start in starts:
            if (string := _STRING.match(data, start)) is None:
                continue
            try:
                text = json.loads(string.group())
            except ValueError:
                continue  # not JSON: the engine says where
            if text.startswith("@") or not (bad := _FORBIDDEN.search(text)):  # a keyword, an IRI
                continue
            if keys is None:
                keys = set(_KEYS.findall(data))
            if string.group() not in keys:  # else a term
                found.append((start, entry["key"].decode(), text, bad))
    return found


def miswritten_iris(data: bytes) -> InputError | None:
    """Why the JSON-LD document ``data`` is refused when an ``@id`` or ``@type`` value is no IRI (the engine would
    drop what it names without a word): the first one, its line and what is wrong, and how many there are, with
    their lines; None when there is none.

    >>> print(miswritten_iris(b'{"@id": "http://ex.org/a",\\n "@type": "http://ex.org/My type"}').issue.message_en)
    invalid RDF: character not allowed in an IRI (an address between quotes: @id, @type, @base, @vocab…) \
('http://ex.org/My type' of @type: a space); JSON-LD ignores the statements that name it (1 such value of @id \
or @type); encode it as %20
    """
    if _BAD_STRING.search(data) is None and len(_ARRAY.findall(data)) == len(_GOOD_ARRAY.findall(data)):
        return None
    if not (found := _bad_values(data)):
        return None
    at, key, text, bad = found[0]
    line = data.count(b"\n", 0, at) + 1
    what, what_en, fix, fix_en = _why(bad)
    said, said_en = explain_rdf("Invalid IRI code point", "jsonld")
    many = "s" if len(found) > 1 else ""
    lines, last = [1], 0
    for offset in sorted(offset for offset, *_ in found):  # each counted from the one before (200k values: 0.1 s)
        lines.append(lines[-1] + data.count(b"\n", last, offset))
        last = offset
    lines = sorted(set(lines[1:]))
    where = ", ".join(map(str, lines[:SHOWN])) + (" …" if len(lines) > SHOWN else "")
    where_fr, where_en = ("", "") if len(found) == 1 else \
        ((f", ligne {where}", f", line {where}") if len(lines) == 1 else (f", lignes {where}", f", lines {where}"))
    return InputError(f"RDF invalide : {said} (« {text} » de @{key} : {what}) ; JSON-LD ignore les "
                      f"triplets qui la nomment ({len(found)} valeur{many} de @id ou @type ainsi{where_fr}) ; {fix}",
                      line=line,
                      message_en=f"invalid RDF: {said_en} ('{text}' of @{key}: {what_en}); JSON-LD ignores the "
                                 f"statements that name it ({len(found)} such value{many} of @id or @type"
                                 f"{where_en}); {fix_en}")


__all__ = ["miswritten_iris"]
