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

This module reads N-Triples and N-Quads and gives the lines to the results; Turtle and TriG are read by
:mod:`graph.ingest.rdf_turtle_lines`, RDF/XML by :mod:`graph.ingest.rdf_xml_lines`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from graph.formats import rdf_format
from graph.ingest.rdf_line_statements import Statement, Unreadable, counted, term_value
from graph.ingest.rdf_turtle_lines import turtle_statements
from graph.ingest.rdf_xml_lines import xml_statements
from graph.validation import Violation

#: The formats whose statements are given lines.
LINED = ("ntriples", "nquads", "turtle", "trig", "rdfxml")
#: A line end that editors count and ``\n`` does not.
_LONE_CR = re.compile(rb"\r(?!\n)")
#: The subject at the start of a line of N-Triples or N-Quads, after the line end (as in
#: :mod:`graph.ingest.rdf_first_pass`: a literal first character makes the search fast).
_NT_SUBJECT = re.compile(rb"\n[ \t]*<([^>\n]*)>")


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


def _statements(data: bytes, fmt: str, base: str, focus: set[str]) -> list[Statement]:
    """The file's statements whose subject is among ``focus``, in the file's order; none when their places cannot be
    known for sure (a file that the engine read does not fail to parse again: if it did, its ingest would still not
    fail for a line), nor for a Turtle file whose blank nodes or collections nest deeper than Python recurses
    (about 300 levels: the engine reads thousands)."""
    try:
        if fmt in ("ntriples", "nquads"):
            return _line_statements(data, fmt, focus)
        if fmt in ("turtle", "trig"):
            return turtle_statements(data, fmt, base, focus)
        return xml_statements(data, base, focus)
    except (Unreadable, SyntaxError, UnicodeDecodeError, RecursionError):
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
            found += [(quad.subject.value, quad.predicate.value, term_value(quad.object), (start, start, start))
                      for quad in quads if isinstance(quad.subject, ox.NamedNode) and quad.subject.value in focus]
    return counted(data, found)
