"""The line of a JSON-LD error that the engine gives without one (an error of JSON-LD rather than of JSON): a
context whose terms map to each other (``"a": "b:x", "b": "a:y"``), an object with a keyword twice, a keyword's
value of the wrong JSON type, a key that the engine names, the text that it quotes. Found by the walk of
:mod:`graph.ingest.rdf_json_tokens`, or a search of the text, on the error path only."""

from __future__ import annotations

import json
import re

from graph.ingest.rdf_json_tokens import CONTEXT, JsonObject, Member, decoded, line_of, objects

#: The engine's messages about a keyword written twice in one object: the keyword is the first group.
_TWICE = re.compile(r"^(@\w+) (?:is defined twice|cannot be set multiple times)")
#: The engine's messages about a keyword's value (or a keyword in a context): the keyword is the first group.
_KEYWORD = re.compile(r"^(@\w+) (?:values? must be|must be an? |keyword can't be redefined)")


#: The engine's messages about a key that it names (or that they imply), and whether it is sought in a context only
#: (its own keys or its terms' definitions): the key is the first group, or the text after the pattern.
_NAMED_KEYS = (
    (re.compile(r"^Unexpected key in term definition '([^']+)'"), True),
    (re.compile(r"^The only supported (@version) value"), True),
    (re.compile(r"^Not supported (@container) value"), True),
    (re.compile(r"^(@reverse) and @id cannot be used together"), True),
    (re.compile(r"^Inconsistent expansion of (\S+) between"), True),
    (re.compile(r"^@context terms must not be the empty (s)trings"), True),
    (re.compile(r"^No @vocab key to build an IRI from context (.+) term definition"), True),
    (re.compile(r"^Objects with @value cannot contain properties, (.+) found$"), False),
    (re.compile(r"^@\w+ must be the only key of an object, (@\w+) found$"), False),
)


def json_ld_error_line(message: str, data: bytes) -> int | None:
    """The line of the JSON-LD document ``data`` that the engine's ``message`` is about (for another message, where
    the text it quotes is written: :func:`_json_quoted_line`), or None when the walk does not find its place.

    >>> json_ld_error_line("Cyclic IRI mapping", b'{"@context": {\\n "a": "ex:a",\\n "p": "p:x"},\\n "@id": "a"}')
    3
    >>> json_ld_error_line("@id is defined twice", b'{"@id": "a",\\n "b": {"@id": "c"},\\n "@id": "d"}')
    3
    >>> json_ld_error_line("@id value must be a string", b'{"a": {"@id": "c"},\\n "@id": 5}')
    2
    """
    if message.startswith("Cyclic IRI mapping"):
        return _cyclic_term_line(data)
    if match := re.match(r"Overriding the protected term (.+)$", message):  # its second definition
        key = json.dumps(match[1], ensure_ascii=False).encode()
        ats = sorted(member.at for found in objects(data) if found.in_context for member in found.members
                     if member.key == key)
        return line_of(data, ats[1]) if len(ats) > 1 else None
    for pattern, in_context in _NAMED_KEYS:
        if match := pattern.match(message):
            key = b'""' if match[1] == "s" else json.dumps(match[1], ensure_ascii=False).encode()
            ats = [member.at for found in objects(data) if found.in_context or not in_context
                   for member in found.members if member.key == key]
            return line_of(data, min(ats)) if ats else None
    if message.startswith("Term definition value must be"):  # a term of a context defined by a number, a list…
        return next((line_of(data, member.at) for found in objects(data) if _is_context(found)
                     for member in found.members if not member.key.startswith(b'"@') and (member.array or any(
                         token[:1] not in (b'"', b"{") and token != b"null" for _, token in member.values))), None)
    if (line := _keyword_line(message, data)) is not None:
        return line
    return _json_quoted_line(message, data)


def _keyword_line(message: str, data: bytes) -> int | None:
    """The line of the keyword that the engine's ``message`` says is twice in one object (its second), of the wrong
    type (the first whose value is not a string) or redefined in a context; None for another message."""
    if match := _TWICE.match(message):
        key = f'"{match[1]}"'.encode()
        for found in objects(data):
            keys = [member for member in found.members if member.key == key]
            if len(keys) > 1:
                return line_of(data, keys[1].at)
        return None
    if match := _KEYWORD.match(message):
        key, in_context = f'"{match[1]}"'.encode(), "redefined" in message
        members = [member for found in objects(data) for member in found.members
                   if member.key == key and (found.in_context or not in_context)]
        # the first whose value is not a string, when the message is about its type; else the first
        wrong = [member for member in members if any(token[:1] != b'"' for _, token in member.values)]
        if chosen := (wrong if "must be" in message and wrong else members):
            return line_of(data, min(member.at for member in chosen))
    return None


def _cyclic_term_line(data: bytes) -> int | None:
    """The line of the first term of a context whose IRI, read through the prefixes of the context's terms, leads
    back to itself (``"p": "p:x"``, or ``{"@id": "p:x"}``), or None."""
    targets: dict[str, tuple[str, int]] = {}  # term: (the term its IRI begins with, the term's offset)
    for found in objects(data):
        if not _is_context(found):
            continue
        for member in found.members:
            term = decoded(member.key)
            iri = _iri_of(member, data)
            if term and not term.startswith("@") and iri and ":" in iri and term not in targets:
                targets[term] = (iri.split(":", 1)[0], member.at)
    for term, (_, at) in sorted(targets.items(), key=lambda item: item[1][1]):
        seen, current = set(), term
        while current in targets and current not in seen:
            seen.add(current)
            current = targets[current][0]
            if current == term:
                return line_of(data, at)
    return None


def _is_context(found: JsonObject) -> bool:
    """Whether ``found`` is a context (the value of a ``@context`` key, or an item of its array)."""
    return found.in_context and found.under == CONTEXT


def _iri_of(member: Member, data: bytes) -> str | None:
    """The IRI that a term of a context (``member``) maps to: its string, or the ``@id`` of its definition."""
    if len(member.values) != 1:
        return None
    at, token = member.values[0]
    if token[:1] == b'"':
        return decoded(token)
    if token != b"{":
        return None
    definition = next((found for found in objects(data[at:]) if found.parent is None), None)
    identifier = next((m for m in definition.members if m.key == b'"@id"'), None) if definition else None
    return decoded(identifier.values[0][1]) if identifier and identifier.values else None


#: The text that a JSON-LD error of the engine quotes: an IRI (of ``@base``, ``@vocab``, a ``@type``…), a term; or
#: the ``@type`` of a term's definition, which it names unquoted.
_QUOTED = re.compile(r"'(.+?)'(?=:| must\b)|^Invalid @type value in context: (.+)$")


def _json_quoted_line(message: str, data: bytes) -> int | None:
    """The line of the JSON-LD document ``data`` where the text that the engine's ``message`` quotes is written
    (the engine gives no line for an error of JSON-LD rather than of JSON), or None: first as a JSON string, between
    quotes, else anywhere; on the error path only.

    >>> _json_quoted_line("Invalid @base 'http://ex.org/a b': Invalid IRI code point ' '",
    ...                   b'{"@context": {\\n  "@base": "http://ex.org/a b"},\\n "@id": "a"}')
    2
    >>> _json_quoted_line("@type value 'é x' must be an IRI: Invalid IRI code point ' '", '{"@type":\\n"é x"}'.encode())
    2
    >>> _json_quoted_line("@type value '@id' must be an IRI: No scheme found", b'{"@id": "a",\\n "@type": "@id"}')
    2
    >>> _json_quoted_line("Invalid @type value in context: @d", b'{"@context": {"p":\\n {"@type": "@d"}}}')
    2
    """
    if (quoted := _QUOTED.search(message)) is None:
        return None
    text = quoted[1] or quoted[2]
    for written in (json.dumps(text, ensure_ascii=False), json.dumps(text), f'"{text}"', text):
        finds = [found.start() for found in re.finditer(re.escape(written.encode("utf-8")), data)]
        if finds:  # a value rather than a key of the same text ("@type": "@id")
            found = next((at for at in finds if not re.match(rb"\s*:", data[at + len(written.encode()):][:64])),
                         finds[0])
            return data.count(b"\n", 0, found) + 1
    return None


#: A ``\u`` escape of a UTF-16 surrogate (D800–DFFF) and the backslashes before it: an odd count escapes the ``u``.
_SURROGATE = re.compile(rb"(\\+)u([dD][89a-fA-F][0-9a-fA-F]{2})")


def lone_surrogate(data: bytes) -> tuple[int, str] | None:
    """The offset and the text of the first ``\\uXXXX`` escape in the JSON document ``data`` that writes half a
    character: a UTF-16 surrogate that is not a high one (D800–DBFF) directly followed by a low one (DC00–DFFF).
    JSON allows only the pair (RFC 8259, 7); the engine's parser then says "Unexpected end of file" at the escape,
    or that the next escape "is not a valid low surrogate". None when there is none (on the error path only).

    >>> lone_surrogate(b'{"a": "\\\\ud83d\\\\ude00",\\n "b": "x\\\\ud800"}')
    (30, '\\\\ud800')
    >>> lone_surrogate(b'{"a": "\\\\\\\\ud800"}') is None  # an escaped backslash, then the text "ud800"
    True
    """
    pending: re.Match | None = None  # a high surrogate that awaits its low one
    for found in _SURROGATE.finditer(data):
        if len(found[1]) % 2 == 0:
            continue
        escape = found.start() + len(found[1]) - 1
        low = found[2][1:2].lower() in b"cdef"
        if pending is not None and (not low or pending.end() != escape):
            break
        if pending is None and low:
            pending = found
            break
        pending = None if low else found
    else:
        if pending is None:
            return None
    at = pending.start() + len(pending[1]) - 1
    return at, data[at:pending.end()].decode("ascii")
