"""A JSON document's objects and keys as the JSON-LD checks read them, from its bytes: one walk over its tokens
(:func:`objects`), shared by the checks of languages (:mod:`graph.ingest.rdf_json_languages`), IRIs
(:mod:`graph.ingest.rdf_json_iris`), keys (:mod:`graph.ingest.rdf_json_keys`) and prefixes
(:mod:`graph.ingest.rdf_json_prefixes`); its distinct keys, found by
searches in C (:func:`document_keys`), which tell most documents apart from those that need the walk.

The walk is Python (27 MB: 1.4 s, three times the searches of all the checks): only a document that a search has
found suspect is walked. It reads JSON as the engine does on well-formed documents and stops where a document is
not JSON (the engine says where).
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Iterator, Sequence
from itertools import accumulate

#: A JSON token: a string as written, a punctuation mark, or a number, ``true``, ``false`` or ``null``.
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s"{}\[\]:,]+')
_OPEN, _CLOSE, _QUOTE, _COMMA, _COLON = frozenset(b"{["), frozenset(b"}]"), ord('"'), ord(","), ord(":")
#: The key whose value is a JSON-LD context.
CONTEXT = b'"@context"'


class Member:
    """One entry of an object: its key as written (quotes included), the key's offset, whether its value is an
    array, and its value's tokens — the value itself, or each item of its array — with their offsets: a string as
    written, ``{`` or ``[`` for an object or an array, a number, ``true``, ``false`` or ``null``."""

    __slots__ = ("key", "at", "array", "values")

    def __init__(self, key: bytes, at: int) -> None:
        self.key, self.at, self.array = key, at, False
        self.values: list[tuple[int, bytes]] = []

    def count(self) -> int:
        """How many values it has: its array's items, else one, ``null`` none."""
        return sum(token != b"null" for _, token in self.values)


class JsonObject:
    """One object of the document: the key (as written) whose value it is, as the value itself (``direct``) or an
    item of its array (None at the document's top); whether it is within a ``@context``; the object it is in, and
    its entries."""

    __slots__ = ("under", "direct", "in_context", "parent", "members", "_next")

    def __init__(self, under: bytes | None, direct: bool, in_context: bool, parent: JsonObject | None) -> None:
        self.under, self.direct, self.in_context, self.parent = under, direct, in_context, parent
        self.members: list[Member] = []
        self._next: Member | None = None  # the entry whose value comes next; None when a key does

    def has(self, key: bytes) -> bool:
        return any(member.key == key for member in self.members)


class _Array:
    """An open array: the entry whose value it is (None for an array in an array), and the key, the context and
    the object of its items."""

    __slots__ = ("member", "under", "in_context", "parent")

    def __init__(self, member: Member | None, under: bytes | None, in_context: bool, parent: JsonObject | None):
        self.member, self.under, self.in_context, self.parent = member, under, in_context, parent


def objects(data: bytes, opaque: frozenset[bytes] | set[bytes] = frozenset()) -> Iterator[JsonObject]:
    """Each object of the JSON document ``data``, complete, in the order its end is read (an object before the
    one it is in); the values of the keys in ``opaque`` (as written, quotes included) are not entered.

    >>> for o in objects(b'{"@context": {"a": "ex:a"}, "a": [{"@value": "x"}, 1], "@value": {"b": 2}}', {b'"@value"'}):
    ...     print(o.under, o.direct, o.in_context, [(m.key, m.array, m.values) for m in o.members])
    b'"@context"' True True [(b'"a"', False, [(19, b'"ex:a"')])]
    b'"a"' False False [(b'"@value"', False, [(45, b'"x"')])]
    None False False [(b'"@context"', False, [(13, b'{')]), (b'"a"', True, [(34, b'{'), (51, b'1')]), \
(b'"@value"', False, [(65, b'{')])]
    """
    stack: list[JsonObject | _Array] = [_Array(None, None, False, None)]  # the document, an array of one value
    skipping = 0  # how deep within the value of an opaque key
    for token in _TOKEN.finditer(data):
        text = token.group()
        first = text[0]
        if skipping:
            skipping += (first in _OPEN) - (first in _CLOSE)
        elif first in _CLOSE:
            if len(stack) == 1:
                return  # not JSON: the engine says where
            if type(top := stack.pop()) is JsonObject:
                yield top
        elif first == _COMMA:
            if type(top := stack[-1]) is JsonObject:
                top._next = None
        elif first != _COLON:
            top = stack[-1]
            if type(top) is _Array:
                _item(top, text, token.start(), stack)
            elif top._next is None:  # a key
                if first != _QUOTE:
                    return
                top._next = Member(text, token.start())
                top.members.append(top._next)
            else:
                skipping = _value(top, text, token.start(), stack, opaque)


def _value(top: JsonObject, text: bytes, at: int, stack: list, opaque) -> int:
    """Read ``text``, the value of the entry of ``top`` that comes next, at ``at``; 1 when it is to be skipped."""
    member = top._next
    first = text[0]
    if first in _OPEN and member.key in opaque:
        member.values.append((at, text))
        return 1
    in_context = top.in_context or member.key == CONTEXT
    if first == 0x5B:
        member.array = True
        stack.append(_Array(member, member.key, in_context, top))
    else:
        member.values.append((at, text))
        if first == 0x7B:
            stack.append(JsonObject(member.key, True, in_context, top))
    return 0


def _item(top: _Array, text: bytes, at: int, stack: list) -> None:
    """Read ``text``, an item of the array ``top``, at ``at``."""
    if top.member is not None:
        top.member.values.append((at, text))
    if text == b"{":
        stack.append(JsonObject(top.under, False, top.in_context, top.parent))
    elif text == b"[":
        stack.append(_Array(None, top.under, top.in_context, top.parent))


#: How deep a document's objects and arrays may nest: Oxigraph's JSON-LD parser recurses once a nested object, and
#: overflows the C stack (a segfault that takes the ingest or the web worker down) from about 3,500 levels
#: (pyoxigraph 0.5.13, 8 MB stack); no document written by hand or by a tool nests a hundredth of that.
MAX_NESTING = 1000
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_DEPTHS = bytes.maketrans(b"{[}]", b"\x01\x01\xff\xff")
_NOT_BRACKETS = bytes(sorted(set(range(256)) - set(b"{}[]")))


def too_deep(data: bytes, limit: int = MAX_NESTING) -> int | None:
    """The offset where the objects and arrays of the JSON document ``data`` nest deeper than ``limit``; None when
    they never do. Its brackets outside strings are counted in C; only a document too deep is walked for the place.

    >>> too_deep(b'{"a": [{"b": "{{{{"}]}', limit=3), too_deep(b'{"a": [{"b": [1]}]}', limit=3)
    (None, 13)
    """
    if data.count(b"{") + data.count(b"[") <= limit:
        return None
    marks = _STRING.sub(b"", data).translate(_DEPTHS, _NOT_BRACKETS)
    if max(accumulate(array("b", marks)), default=0) <= limit:
        return None
    depth = 0
    for token in _TOKEN.finditer(data):
        if token[0] in (b"{", b"["):
            depth += 1
            if depth > limit:
                return token.start()
        elif token[0] in (b"}", b"]"):
            depth -= 1
    return None


def line_of(data: bytes, at: int) -> int:
    """The line of the offset ``at`` of ``data``."""
    return data.count(b"\n", 0, at) + 1


def lines_of(data: bytes, offsets: Sequence[int]) -> list[int]:
    """The lines of ``offsets`` (in order) of ``data``, each counted from the one before (200k offsets: 0.1 s)."""
    lines, line, last = [], 1, 0
    for at in offsets:
        line += data.count(b"\n", last, at)
        lines.append(line)
        last = at
    return lines


def decoded(written: bytes) -> str | None:
    """A JSON string as written (quotes included), decoded; None when it is none.

    >>> decoded(b'"caf\\\\u00e9"'), decoded(b'"a\\\\x"'), decoded(b"12")
    ('café', None, None)
    """
    if len(written) < 2 or written[0] != _QUOTE or written[-1] != _QUOTE:
        return None
    if b"\\" not in written:  # most keys and values: no escape to read (400k keys: 0.1 s, against 1.2 s)
        try:
            return written[1:-1].decode("utf-8")
        except UnicodeDecodeError:
            return None
    try:
        return json.loads(written)
    except ValueError:
        return None


#: A key's end, in the document's bytes reversed (where ``"key":`` reads ``:"yek"``): a quote after a colon that no
#: backslash escapes. A key that ends with an escaped backslash (``"a\\":``) is taken for a string's text, and missed.
_KEY_END = rb':[ \t\r\n]*"(?!\\)'
#: A key's text, reversed, up to its opening quote (an escaped quote, reversed, is a quote followed by a backslash).
_REVERSED_KEY = re.compile(rb'((?:[^"]|"(?=\\))*)"')
#: How many distinct keys the searches below go to; past them (an index map's keys), the keys are gathered by a
#: split of the whole document: 27 MB, 18 keys: 0.07 s (the split 0.34 s); 34 MB, 123 keys: 0.13 s (the split
#: 0.43 s).
SEARCHED_KEYS = 256
#: How much of a document's start gives the keys known before the searches.
_HEAD = 256 * 1024


def _unknown_key(known: dict[bytes, str | None]) -> re.Pattern:
    """The end of a key (reversed) that is none of ``known``."""
    if not known:
        return re.compile(_KEY_END)
    return re.compile(_KEY_END + rb'(?!' + one_of([key[-2:0:-1] for key in known]) + rb'"(?!\\))')


def one_of(words: list[bytes]) -> bytes:
    """A pattern that matches any of ``words``, as a tree of their common starts: a search of 123 keys in 34 MB
    takes half the time of one with an alternative a key.

    >>> one_of([b"ab", b"ac", b"a", b"b."])
    b'(?:a(?:b|c)?|b\\\\.)'
    """
    tree: dict = {}
    for word in words:
        node = tree
        for byte in word:
            node = node.setdefault(byte, {})
        node[None] = {}

    def pattern(node: dict) -> bytes:
        branches = [re.escape(bytes([byte])) + pattern(child) for byte, child in node.items() if byte is not None]
        if None in node:
            return b"(?:" + b"|".join(branches) + b")?" if branches else b""
        return branches[0] if len(branches) == 1 else b"(?:" + b"|".join(branches) + b")"

    return pattern(tree)


def document_keys(data: bytes) -> dict[bytes, str | None]:
    """The distinct keys of the JSON document ``data``, as written (quotes included), and decoded (None when a key
    does not decode). Found by searches of the bytes reversed, in C, each for a key that is none of those already
    found (a key's end, ``":``, is a literal that the search finds fast; its start is not), each from where the one
    before stopped; those of the document's first bytes, split, are known before the first search (each key found
    by a search makes a new one, and the pattern of a hundred keys takes milliseconds to make).

    >>> sorted(document_keys(b'{"@id": "a", "k": {"l": "x\\\\": y", "k": 1}, "\\\\u00e9": [{"@id": 2}]}').items())
    [(b'"@id"', '@id'), (b'"\\\\u00e9"', 'é'), (b'"k"', 'k'), (b'"l"', 'l')]
    """
    reverse = data[::-1]
    known = _split_keys(data[:_HEAD])
    if len(known) > SEARCHED_KEYS:
        return _split_keys(data)
    search, at = _unknown_key(known).search, 0
    while (found := search(reverse, at)) is not None:
        if (key := _REVERSED_KEY.match(reverse, found.end())) is None:
            break  # not JSON: the engine says where
        written = b'"' + key[1][::-1] + b'"'
        if written in known:  # a string's text read as a key: go on past it
            at = found.end()
            continue
        known[written] = decoded(written)
        if len(known) > SEARCHED_KEYS:
            return _split_keys(data)
        search, at = _unknown_key(known).search, found.start()
    return known


def _split_keys(data: bytes) -> dict[bytes, str | None]:
    """:func:`document_keys` for a document of many distinct keys: the text before each ``":`` (or ``" :``)."""
    pieces = data.split(b'":')
    if b'" :' in data or re.search(rb'"[\t\r\n][ \t\r\n]*:', data):
        pieces = re.split(rb'"[ \t\r\n]*:', data)
    written = {piece[at:] + b'"' for piece in pieces[:-1]
               if not piece.endswith(b"\\") and (at := _key_start(piece)) >= 0}  # not a quote a string escapes
    return {key: decoded(key) for key in written}


def _key_start(piece: bytes) -> int:
    """Where the key that ends ``piece`` opens: its last quote that no backslash escapes."""
    at = piece.rfind(b'"')
    while at > 0 and piece[at - 1] == 0x5C and (at - len(piece[:at].rstrip(b"\\"))) % 2:
        at = piece.rfind(b'"', 0, at)
    return at


__all__ = ["CONTEXT", "JsonObject", "Member", "decoded", "document_keys", "line_of", "lines_of", "objects",
           "one_of"]
