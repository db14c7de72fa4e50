"""What the readers of an RDF file's lines share (:mod:`graph.ingest.rdf_lines`): a statement about a focus node
with the lines of its terms, the offsets where a reader found its terms counted into lines, an object as a SHACL
result's value names it, and the exception by which a reader gives up rather than guess a line.
"""

from __future__ import annotations

from typing import NamedTuple

import pyoxigraph as ox


class Statement(NamedTuple):
    """A statement of the file about a focus node, and the lines where its terms are written."""

    subject: str
    predicate: str
    value: str | None  # the object's IRI or lexical form; None for a blank node
    lines: tuple[int, int, int]  # of the subject, the predicate, the object


class Unreadable(Exception):
    """The tokens are not where the reader expects them: no line is given."""


def counted(data: bytes, found: list[tuple[str, str, str | None, tuple[int, ...]]]) -> list[Statement]:
    """``found`` statements, the offsets where their terms start (in the file's order) counted into lines."""
    lines, line, last = {}, 1, 0
    for offset in sorted({offset for *_, offsets in found for offset in offsets}):
        line += data.count(b"\n", last, offset)
        lines[offset], last = line, offset
    return [Statement(subject, predicate, value, tuple(lines[offset] for offset in offsets))
            for subject, predicate, value, offsets in found]


def term_value(term) -> str | None:
    """An object as a result's value names it: an IRI or a literal's lexical form (None: a blank node)."""
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else None
