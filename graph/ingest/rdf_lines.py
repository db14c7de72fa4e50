"""The line where an RDF file writes what a SHACL result of its ingest is about, so that a coordinator finds the
grant with a negative amount in a 5,000-line file, as a table's row is found by its line.

The engine's parser gives no positions, and a valid file must not pay for them (files load at ~100k triples/s): a
file is read again only once it has results, and only its statements about their focus nodes are kept. A wrong
line is worse than none: each reading gives up (no line) rather than guess.

- N-Triples and N-Quads write one statement a line: the lines whose subject is a focus node are parsed again.
- Turtle and TriG are cut into tokens that know their place (prefixed names, ``a``, ``;`` and ``,``, nested blank
  nodes, collections, literals over several lines); the statements of IRI subjects so read are matched one by one
  with the engine parser's, which resolve the names. If a pair disagrees (predicate, kind of object), or one
  reading has more, no line is given at all. ~140k statements/s.
- RDF/XML is read by expat, which gives each element's line; a statement read so is kept only if the engine's
  parser states it too.
- JSON-LD: no line (what writes a statement depends on contexts, which a reader of the text cannot follow).

A file with a line end that ``\n`` does not count (a lone carriage return) gets no line either.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import Iterator, NamedTuple
from urllib.parse import urljoin
from xml.parsers import expat

import pyoxigraph as ox
from rdflib.namespace import RDF

from graph.formats import rdf_format
from graph.validation import Violation

#: The formats whose statements are given lines.
LINED = ("ntriples", "nquads", "turtle", "trig", "rdfxml")
#: A line end that editors count and ``\n`` does not.
_LONE_CR = re.compile(rb"\r(?!\n)")
#: The subject at the start of a line of N-Triples or N-Quads, after the line end (as in
#: :mod:`graph.ingest.rdf_first_pass`: a literal first character makes the search fast).
_NT_SUBJECT = re.compile(rb"\n[ \t]*<([^>\n]*)>")
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


class Statement(NamedTuple):
    """A statement of the file about a focus node, and the lines where its terms are written."""

    subject: str
    predicate: str
    value: str | None  # the object's IRI or lexical form; None for a blank node
    lines: tuple[int, int, int]  # of the subject, the predicate, the object


class _Unreadable(Exception):
    """The tokens are not where the reader expects them: no line is given."""


def file_with_lines(violations: list[Violation], path: Path, fmt: str, base: str, sha256: str | None,
                    infos: bool = True) -> list[Violation]:
    """:func:`with_lines` for a file stored earlier in the ingest, read again from ``path``; the results as they
    are when its bytes are no longer those stored (``sha256``: the stored source's), or cannot be read. Without
    ``infos`` (a report that does not show them), a file whose results are all infos is not read again."""
    if not any(infos or v.severity != "Info" for v in violations) or fmt not in LINED:
        return violations
    from graph.ingest.rdf import in_utf8  # a kind's module, imported by the pipeline only when needed

    try:
        data = path.read_bytes()
    except OSError:
        return violations
    if hashlib.sha256(data).hexdigest() != sha256:
        return violations
    return with_lines(violations, in_utf8(data, fmt)[0], fmt, base, infos)


def with_lines(violations: list[Violation], data: bytes, fmt: str, base: str, infos: bool = True
               ) -> list[Violation]:
    """``violations`` of the file ``data`` (as the engine parsed it, in ``fmt``, its relative IRIs against
    ``base``), each with the line where the file writes its focus node's statement (:func:`line_of`), or as it
    is; its infos as they are unless ``infos`` (shown on demand only: looking up the lines of the hundreds of
    infos of a 2M-triple file read it again, 5.7 s, for nothing shown)."""
    lined = [v for v in violations if infos or v.severity != "Info"]
    if not lined or fmt not in LINED or _LONE_CR.search(data):
        return violations
    by_subject: dict[str, list[Statement]] = {}
    for statement in _statements(data, fmt, base, {v.focus for v in lined}):
        by_subject.setdefault(statement.subject, []).append(statement)
    return [replace(v, line=line) if (infos or v.severity != "Info")
            and (line := line_of(v, by_subject.get(v.focus, []))) is not None else v for v in violations]


def line_of(violation: Violation, statements: list[Statement]) -> int | None:
    """Where the file states what ``violation`` is about, among its focus node's ``statements`` (in the file's
    order): the object that is the result's value, else the first statement of the result's path, else the focus
    node's first statement.

    >>> found = [Statement("ex:g", "ex:amount", "5", (1, 2, 3)), Statement("ex:g", "ex:amount", "-5", (1, 4, 5))]
    >>> [line_of(Violation("ex:g", path, "m", "m", "Violation", value), found)
    ...  for path, value in (("ex:amount", "-5"), ("ex:amount", "5, -5"), ("ex:funder", None), ("^ex:amount", None))]
    [5, 2, 1, 1]
    """
    of_path = [s for s in statements if s.predicate == violation.path]
    for statement in of_path:
        if violation.value is not None and statement.value == violation.value:
            return statement.lines[2]
    if of_path:
        return of_path[0].lines[1]
    return statements[0].lines[0] if statements else None


def _counted(data: bytes, found: list[tuple[str, str, str | None, tuple[int, ...]]]) -> list[Statement]:
    """``found`` statements, the offsets where their terms start (in the file's order) counted into lines."""
    lines, line, last = {}, 1, 0
    for offset in sorted({offset for *_, offsets in found for offset in offsets}):
        line += data.count(b"\n", last, offset)
        lines[offset], last = line, offset
    return [Statement(subject, predicate, value, tuple(lines[offset] for offset in offsets))
            for subject, predicate, value, offsets in found]


def _statements(data: bytes, fmt: str, base: str, focus: set[str]) -> list[Statement]:
    """The file's statements whose subject is among ``focus``, in the file's order; none when their places cannot be
    known for sure (a file that the engine read does not fail to parse again: if it did, its ingest would still not
    fail for a line)."""
    try:
        if fmt in ("ntriples", "nquads"):
            return _line_statements(data, fmt, focus)
        if fmt in ("turtle", "trig"):
            return _aligned(data, fmt, base, focus)
        return _xml_statements(data, base, focus)
    except (_Unreadable, SyntaxError, UnicodeDecodeError):
        return []


def _line_statements(data: bytes, fmt: str, focus: set[str]) -> list[Statement]:
    """The statements of ``focus`` nodes in an N-Triples or N-Quads file: one a line, each line whose subject is
    written as one of them (or with escapes) parsed again: 250 MB, 5,000 focus nodes: 4 s."""
    wanted, engine, found = {iri.encode("utf-8") for iri in focus}, rdf_format(fmt).engine, []
    first = _NT_SUBJECT.match(b"\n" + data[:data.find(b"\n") + 1 or len(data)])
    starts = ((match.start() + 1, match[1]) for match in _NT_SUBJECT.finditer(data))
    for start, subject in chain([(0, first[1])] if first else [], starts):
        if subject in wanted or b"\\" in subject:
            quads = ox.parse(data[start:data.find(b"\n", start) + 1 or len(data)], engine)
            found += [(quad.subject.value, quad.predicate.value, _value(quad.object), (start, start, start))
                      for quad in quads if isinstance(quad.subject, ox.NamedNode) and quad.subject.value in focus]
    return _counted(data, found)


def _aligned(data: bytes, fmt: str, base: str, focus: set[str]) -> list[Statement]:
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
            found.append((subject.value, predicate, _value(quad.object), written.at))
    return _counted(data, found) if next(read, None) is None else []


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


def _value(term) -> str | None:
    """An object as a result's value names it: an IRI or a literal's lexical form (None: a blank node)."""
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else None


class _Written(NamedTuple):
    """A statement of an IRI subject as the tokens write it."""

    subject: bytes
    predicate: bytes
    kind: str  # of the object: "iri", "bnode" or "literal"
    at: tuple[int, int, int]


class _TurtleReader:
    """The statements of IRI subjects of a Turtle (or TriG) document, read from its tokens: a recursive descent of
    the grammar that keeps where each term starts. Anything it does not expect (RDF 1.2's triple terms and
    annotations, a directive it does not know) raises :class:`_Unreadable`."""

    def __init__(self, data: bytes, trig: bool) -> None:
        self.data, self.trig = data, trig
        self.tokens = self._tokens()
        self.kind, self.text, self.at = next(self.tokens)
        self.written: list[_Written] = []

    def _tokens(self) -> Iterator[tuple[str | None, bytes, int]]:
        """Each token's kind (a punctuation's: itself), text and offset."""
        for match in _TOKEN.finditer(self.data):
            if (kind := match.lastgroup) == "unknown":
                raise _Unreadable
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
            raise _Unreadable
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
                raise _Unreadable
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
            raise _Unreadable
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
            raise _Unreadable
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
                    raise _Unreadable
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
        raise _Unreadable

    def collection(self) -> int:
        """Read a collection; how many members it has."""
        self.expect("(")
        members = 0
        while self.kind != ")":
            self.object()
            members += 1
        self.take()
        return members


def _xml_statements(data: bytes, base: str, focus: set[str]) -> list[Statement]:
    """The statements of ``focus`` nodes in an RDF/XML file, read from its elements, each kept only if the engine's
    parser states it too (the same subject, predicate and object): a statement that the elements were read into
    wrongly names no line."""
    stated = {(quad.subject.value, quad.predicate.value, _value(quad.object))
              for quad in ox.parse(data, ox.RdfFormat.RDF_XML, base_iri=base)
              if isinstance(quad.subject, ox.NamedNode) and quad.subject.value in focus}
    return [statement for statement in _XmlReader(data, base, focus).statements
            if statement[:3] in stated]


_RDF = str(RDF)
_XML = "http://www.w3.org/XML/1998/namespace"
#: The attributes of RDF/XML's syntax, which state nothing of their own.
_SYNTAX = {_RDF + name for name in ("about", "ID", "nodeID", "resource", "datatype", "parseType")}


def _stating(attribute: str) -> bool:
    """Whether an element's attribute (its namespace's IRI and its name) states a property of a resource."""
    return ":" in attribute and attribute not in _SYNTAX and not attribute.startswith(_XML)


class _XmlReader:
    """The statements of IRI subjects of an RDF/XML document, each with the lines of the elements that write its
    subject and its predicate: expat's events, a frame for each open element — a node's, a property's, a
    collection's, or one that states nothing of itself (the document's, or one inside an XML literal)."""

    def __init__(self, data: bytes, base: str, focus: set[str]) -> None:
        self.focus, self.statements = focus, []
        self.frames: list[dict] = [{"kind": "document", "base": base}]
        self.parser = expat.ParserCreate(namespace_separator="")
        self.parser.StartElementHandler, self.parser.EndElementHandler = self.start, self.end
        self.parser.CharacterDataHandler = self.text
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError:
            raise _Unreadable from None

    def state(self, subject: tuple[str | None, int], predicate: str, value: str | None, line: int) -> None:
        if subject[0] in self.focus:
            self.statements.append(Statement(subject[0], predicate, value, (subject[1], line, line)))

    def start(self, name: str, attrs: dict[str, str]) -> None:
        top, line = self.frames[-1], self.parser.CurrentLineNumber
        base = urljoin(top["base"], attrs[_XML + "base"]) if _XML + "base" in attrs else top["base"]
        if top["kind"] == "node":
            self.frames.append(self.property(top, name, attrs, base, line))
        elif top["kind"] in ("property", "collection") or top["kind"] == "document" and name != _RDF + "RDF":
            self.frames.append(self.node(top, name, attrs, base, line))
        else:  # rdf:RDF, or an element of an XML literal
            self.frames.append({"kind": "document" if name == _RDF + "RDF" else "skipped", "base": base})

    def node(self, top: dict, name: str, attrs: dict[str, str], base: str, line: int) -> dict:
        """A node element: its subject (the object of the property around it), its type, the properties that its
        attributes give."""
        if _RDF + "about" in attrs:
            subject = urljoin(base, attrs[_RDF + "about"])
        else:
            subject = urljoin(base, "#" + attrs[_RDF + "ID"]) if _RDF + "ID" in attrs else None
        if top["kind"] == "property":
            top["object"] = subject
        node = (subject, line)
        if name != _RDF + "Description":
            self.state(node, _RDF + "type", name, line)
        for attribute, value in attrs.items():
            if _stating(attribute):
                self.state(node, attribute, urljoin(base, value) if attribute == _RDF + "type" else value, line)
        return {"kind": "node", "base": base, "node": node, "items": 0}

    def property(self, top: dict, name: str, attrs: dict[str, str], base: str, line: int) -> dict:
        """A property element: its object is the resource that it names, the node inside it, or its text; a
        property whose object is not known before its end is stated there."""
        if name == _RDF + "li":
            top["items"] += 1
            name = f"{_RDF}_{top['items']}"
        parse = attrs.get(_RDF + "parseType")
        if parse is None and _RDF + "resource" in attrs:
            self.state(top["node"], name, urljoin(base, attrs[_RDF + "resource"]), line)
        elif parse is not None or _RDF + "nodeID" in attrs or any(_stating(a) for a in attrs):
            self.state(top["node"], name, None, line)  # a blank node, an XML literal or a collection
        else:
            return {"kind": "property", "base": base, "node": top["node"], "predicate": name, "line": line,
                    "text": []}
        if parse == "Resource":  # the elements inside are the properties of a blank node
            return {"kind": "node", "base": base, "node": (None, line), "items": 0}
        return {"kind": "collection" if parse == "Collection" else "skipped", "base": base}

    def text(self, data: str) -> None:
        if self.frames[-1]["kind"] == "property":
            self.frames[-1]["text"].append(data)

    def end(self, name: str) -> None:
        frame = self.frames.pop()
        if frame["kind"] == "property":
            value = frame["object"] if "object" in frame else "".join(frame["text"])
            self.state(frame["node"], frame["predicate"], value, frame["line"])
