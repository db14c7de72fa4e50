"""The lines of a Turtle or TriG file's statements (:mod:`graph.ingest.rdf_lines`): the file cut into tokens that
know their place (prefixed names, ``a``, ``;`` and ``,``, nested blank nodes, collections, literals over several
lines); the statements of IRI subjects so read are matched one by one with the engine parser's, which resolve the
names. If a pair disagrees (predicate, kind of object), or one reading has more, no line is given at all.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

import pyoxigraph as ox
from rdflib.namespace import RDF

from graph.formats import rdf_format
from graph.ingest.rdf_line_statements import Statement, Unreadable, counted, term_value

_LOCAL_CHAR = rb"(?:[\w:\x80-\xff-]|%[0-9A-Fa-f]{2}|\\[_~.!$&'()*+,;=/?#@%-])"
#: One token of Turtle or TriG after the blanks and comments before it. The syntax is the one the engine already
#: accepted: the patterns need not refuse what it refuses, only cut where it cuts. A non-ASCII byte is read as a
#: character of a name (the engine refused those that are not).
_TOKEN = re.compile(rb"""(?:[ \t\r\n]+|\#[^\n]*)*(?:
    (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
  | (?P<long>\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"|'''(?:(?:'|'')?(?:[^'\\]|\\.))*''')
  | (?P<string>"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<bnode>_:[\w\x80-\xff](?:[\w.\x80-\xff-]*[\w\x80-\xff-])?)
  | (?P<pname>(?:[A-Za-z\x80-\xff](?:[\w.\x80-\xff-]*[\w\x80-\xff-])?)?:
               (?:""" + _LOCAL_CHAR + rb"(?:(?:" + _LOCAL_CHAR + rb"|\.)*" + _LOCAL_CHAR + rb""")?)?)
  | (?P<number>[+-]?(?:\d+\.\d*[eE][+-]?\d+|\.\d+[eE][+-]?\d+|\d+[eE][+-]?\d+|\d*\.\d+|\d+))
  | (?P<at>@[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--[A-Za-z]+)?)
  | (?P<word>[A-Za-z]+)
  | (?P<punct>\^\^|[.;,\[\](){}])
  | (?P<end>\Z)
  | (?P<unknown>.)
)""", re.X | re.S)
_SCHEME = re.compile(rb"[A-Za-z][A-Za-z0-9+.-]*:")
_ESCAPE = re.compile(rb"\\(.)", re.S)
_TYPE = str(RDF.type)
_KINDS = {ox.NamedNode: "iri", ox.BlankNode: "bnode", ox.Literal: "literal"}


def turtle_statements(data: bytes, fmt: str, base: str, focus: set[str]) -> list[Statement]:
    """The statements of ``focus`` nodes in a Turtle or TriG file: those of IRI subjects that the tokens read, each
    matched with the engine's statement of the same rank among those of IRI subjects (both in the file's order);
    none if one pair disagrees, or one reading has more."""
    read = _TurtleReader(data, fmt == "trig").statements()
    found, subject_read, predicates_read = [], (b"", ""), {}
    for quad in ox.parse(data, rdf_format(fmt).engine, base_iri=base):
        subject = quad.subject
        if not isinstance(subject, ox.NamedNode):
            continue
        written = next(read, None)
        if written is None or _KINDS.get(type(quad.object)) != written.kind:
            return []
        if (written.subject, subject.value) != subject_read:  # each subject's tokens checked once, not per statement
            if not _names(written.subject, subject.value):
                return []
            subject_read = written.subject, subject.value
        predicate = quad.predicate.value
        if (agree := predicates_read.get((written.predicate, predicate))) is None:
            agree = predicates_read[written.predicate, predicate] = _names(written.predicate, predicate)
        if not agree:
            return []
        if subject.value in focus:
            found.append((subject.value, predicate, term_value(quad.object), written.at))
    return counted(data, found) if next(read, None) is None else []


def _names(token: bytes, iri: str) -> bool:
    """Whether the IRI, prefixed name or ``a`` of ``token`` may name ``iri``: an absolute IRI is it, a relative one
    and a prefixed name end as it does (the engine resolved them against the base and the prefixes).

    >>> _names(b"a", str(RDF.type)), _names(b"ex:amount", "https://ex.org/amount"), _names(b"ex:a", "https://ex.org/b")
    (True, True, False)
    """
    if token == b"a":
        return iri == _TYPE
    if token.startswith(b"<"):
        written = token[1:-1]
        if b"\\" in written:  # \u escapes: the engine's reading, as the rank and the other terms agree
            return True
        if _SCHEME.match(written):
            return iri == written.decode("utf-8")
        last = written.rpartition(b"/")[2]
        return last in (b"", b".", b"..") or iri.endswith(last.decode("utf-8"))
    local = token.partition(b":")[2]
    return iri.endswith((_ESCAPE.sub(rb"\1", local) if b"\\" in local else local).decode("utf-8"))


class _Written(NamedTuple):
    """A statement of an IRI subject as the tokens write it."""

    subject: bytes
    predicate: bytes
    kind: str  # of the object: "iri", "bnode" or "literal"
    at: tuple[int, int, int]


class _TurtleReader:
    """The statements of IRI subjects of a Turtle (or TriG) document, read from its tokens: a recursive descent of
    the grammar that keeps where each term starts. Anything it does not expect (RDF 1.2's triple terms and
    annotations, a directive it does not know) raises :class:`Unreadable`."""

    def __init__(self, data: bytes, trig: bool) -> None:
        self.data, self.trig = data, trig
        self.tokens = self._tokens()
        self.kind, self.text, self.at = next(self.tokens)
        self.written: list[_Written] = []

    def _tokens(self) -> Iterator[tuple[str | None, bytes, int]]:
        """Each token's kind (a punctuation's: itself), text and offset."""
        for match in _TOKEN.finditer(self.data):
            if (kind := match.lastgroup) == "unknown":
                raise Unreadable
            if kind == "end":
                break
            text = match[kind]
            yield (text.decode("ascii") if kind == "punct" else kind), text, match.start(kind)
        while True:
            yield None, b"", len(self.data)

    def take(self) -> bytes:
        text = self.text
        self.kind, self.text, self.at = next(self.tokens)
        return text

    def expect(self, kind: str) -> None:
        if self.kind != kind:
            raise Unreadable
        self.take()

    def statements(self) -> Iterator[_Written]:
        """The statements of IRI subjects, in the file's order."""
        while self.kind is not None:
            self.statement()
            yield from self.written
            self.written.clear()

    def statement(self) -> None:
        word = self.text.upper() if self.kind == "word" else b""
        if self.kind == "at" and self.text in (b"@prefix", b"@base", b"@version"):
            directive = self.take()
            if directive == b"@prefix":
                self.expect("pname")
            self.expect("string" if directive == b"@version" else "iri")
            self.expect(".")
        elif word in (b"PREFIX", b"BASE", b"VERSION"):  # SPARQL's directives: without a dot
            self.take()
            if word == b"PREFIX":
                self.expect("pname")
            self.expect("string" if word == b"VERSION" else "iri")
        elif self.trig and word == b"GRAPH":
            self.take()
            if self.kind not in ("iri", "pname", "bnode", "["):
                raise Unreadable
            if self.take() == b"[":
                self.expect("]")
            self.graph()
        elif self.trig and self.kind == "{":
            self.graph()
        elif not self.triples(top=True):
            self.expect(".")

    def graph(self) -> None:
        """A TriG graph's block: statements apart by dots, the last one's optional."""
        self.expect("{")
        while self.kind != "}":
            self.triples(top=False)
            if self.kind != ".":
                break
            self.take()
        self.expect("}")

    def triples(self, top: bool) -> bool:
        """Read one subject's statements; whether they were a TriG graph's name and block instead."""
        subject, at = self.text, self.at
        if self.kind in ("iri", "pname"):
            self.take()
        elif self.kind == "bnode":
            self.take()
            subject = None
        elif self.kind == "[":
            self.take()
            subject = None
            if self.kind != "]":  # a blank node's statements, which its subject's may follow
                self.predicate_objects(None, at)
                self.expect("]")
                if self.verb():
                    self.predicate_objects(None, at)
                return False
            self.take()
        elif self.kind == "(":
            self.collection()
            subject = None
        else:
            raise Unreadable
        if top and self.trig and self.kind == "{":
            self.graph()
            return True
        self.predicate_objects(subject, at)
        return False

    def verb(self) -> bool:
        """Whether the next token is a predicate."""
        return self.kind in ("iri", "pname") or self.kind == "word" and self.text == b"a"

    def predicate_objects(self, subject: bytes | None, at: int) -> None:
        self.objects(subject, at)
        while self.kind == ";":
            self.take()
            if self.verb():
                self.objects(subject, at)

    def objects(self, subject: bytes | None, at: int) -> None:
        """A predicate and its objects, apart by commas."""
        if not self.verb():
            raise Unreadable
        predicate_at = self.at
        predicate = self.take()
        while True:
            object_at = self.at
            kind = self.object()
            if subject is not None:
                self.written.append(_Written(subject, predicate, kind, (at, predicate_at, object_at)))
            if self.kind != ",":
                return
            self.take()

    def object(self) -> str:
        """Read an object; its kind."""
        kind, text = self.kind, self.text
        if kind in ("iri", "pname", "bnode", "number"):
            self.take()
            return {"iri": "iri", "pname": "iri", "bnode": "bnode"}.get(kind, "literal")
        if kind == "word" and text in (b"true", b"false"):
            self.take()
            return "literal"
        if kind in ("string", "long"):
            self.take()
            if self.kind == "at":
                self.take()
            elif self.kind == "^^":
                self.take()
                if self.kind not in ("iri", "pname"):
                    raise Unreadable
                self.take()
            return "literal"
        if self.kind == "[":
            at = self.at
            self.take()
            if self.kind != "]":
                self.predicate_objects(None, at)
            self.expect("]")
            return "bnode"
        if self.kind == "(":
            return "bnode" if self.collection() else "iri"  # (): rdf:nil
        raise Unreadable

    def collection(self) -> int:
        """Read a collection; how many members it has."""
        self.expect("(")
        members = 0
        while self.kind != ")":
            self.object()
            members += 1
        self.take()
        return members
