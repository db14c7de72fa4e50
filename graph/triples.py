"""A small in-memory graph for extractions: the part of ``rdflib.Graph``'s API that the source kinds use.

An extraction is built triple by triple, looked up by subject while actors are resolved, renamed in place, then
handed to the store as N-Triples. rdflib's default memory store indexes every triple three ways and per context:
~25 µs per ``add`` here, half the time of an SCDL import. :class:`TripleSet` keeps one index by subject and one by
object (dicts of insertion-ordered dicts, so output order is stable) and writes N-Triples itself.

>>> from rdflib import Literal, URIRef
>>> g = TripleSet()
>>> a, name = URIRef("https://ex.org/a"), URIRef("https://ex.org/name")
>>> _ = g.add((a, name, Literal('Le "Pôle"', lang="fr")))
>>> len(g), g.value(a, name).language
(1, 'fr')
>>> g.ntriples()
'<https://ex.org/a> <https://ex.org/name> "Le \\\\"Pôle\\\\""@fr .\\n'
"""

from __future__ import annotations

from typing import Iterable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class TripleSet:
    """A set of rdflib triples indexed by subject and by object; ``None`` in a pattern matches anything."""

    __slots__ = ("_spo", "_osp", "_len")

    def __init__(self, triples: Iterable[Triple] = ()):
        self._spo: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._osp: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._len = 0
        for triple in triples:
            self.add(triple)

    # -- changes -------------------------------------------------------------------------------------------------

    def add(self, triple: Triple) -> "TripleSet":
        s, p, o = triple
        by_p = self._spo.get(s)
        if by_p is None:
            by_p = self._spo[s] = {}
        objects = by_p.get(p)
        if objects is None:
            objects = by_p[p] = {}
        # rdflib hashes a Literal in Python (~2 µs): the object is hashed twice here, not four times.
        known = len(objects)
        objects[o] = None
        if len(objects) == known:
            return self
        by_s = self._osp.setdefault(o, {})
        preds = by_s.get(s)
        if preds is None:
            preds = by_s[s] = {}
        preds[p] = None
        self._len += 1
        return self

    def __iadd__(self, triples: Iterable[Triple]) -> "TripleSet":
        for triple in triples:
            self.add(triple)
        return self

    def remove(self, pattern: tuple[Node | None, Node | None, Node | None]) -> "TripleSet":
        for s, p, o in list(self.triples(pattern)):
            by_p = self._spo[s]
            del by_p[p][o]
            if not by_p[p]:
                del by_p[p]
                if not by_p:
                    del self._spo[s]
            by_s = self._osp[o]
            del by_s[s][p]
            if not by_s[s]:
                del by_s[s]
                if not by_s:
                    del self._osp[o]
            self._len -= 1
        return self

    def set(self, triple: Triple) -> "TripleSet":
        """Replace the objects of (subject, predicate) by the one given."""
        s, p, o = triple
        self.remove((s, p, None))
        return self.add(triple)

    # -- lookups -------------------------------------------------------------------------------------------------

    def triples(self, pattern: tuple[Node | None, Node | None, Node | None]) -> Iterator[Triple]:
        """Yield the triples matching ``pattern`` (a snapshot: the set may change while they are used)."""
        s, p, o = pattern
        if s is not None:
            by_p = self._spo.get(s, {})
            for pred in ([p] if p is not None else list(by_p)):
                for obj in list(by_p.get(pred, ())):
                    if o is None or o == obj:
                        yield s, pred, obj
        elif o is not None:
            for subj, preds in list(self._osp.get(o, {}).items()):
                for pred in list(preds):
                    if p is None or p == pred:
                        yield subj, pred, o
        elif p is not None:
            for subj, by_p in list(self._spo.items()):
                for obj in list(by_p.get(p, ())):
                    yield subj, p, obj
        else:
            for subj, by_p in list(self._spo.items()):
                for pred, objects in list(by_p.items()):
                    for obj in list(objects):
                        yield subj, pred, obj

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        if subject is not None and predicate is not None:
            return iter(list(self._spo.get(subject, {}).get(predicate, ())))
        return (o for _, _, o in self.triples((subject, predicate, None)))

    def subjects(self, predicate: Node | None = None, object: Node | None = None) -> Iterator[Node]:
        if predicate is None and object is None:
            return iter(list(self._spo))  # every subject has a triple: an emptied subject leaves the index
        if object is not None:
            found = self._osp.get(object, {})
            return iter([s for s, preds in found.items() if predicate is None or predicate in preds])
        return iter(list(dict.fromkeys(s for s, _, _ in self.triples((None, predicate, None)))))

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        return ((p, o) for _, p, o in self.triples((subject, None, None)))

    def value(self, subject: Node | None = None, predicate: Node | None = None, object: Node | None = None,
              default=None, any: bool = True):
        """One object of (subject, predicate), or one subject of (predicate, object) — as ``rdflib.Graph.value``."""
        found = self.objects(subject, predicate) if object is None else self.subjects(predicate, object)
        return next(found, default)

    def __contains__(self, triple: tuple[Node | None, Node | None, Node | None]) -> bool:
        s, p, o = triple
        if s is not None and p is not None and o is not None:
            return o in self._spo.get(s, {}).get(p, ())
        return next(self.triples(triple), None) is not None

    def __iter__(self) -> Iterator[Triple]:
        return self.triples((None, None, None))

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return True  # like rdflib.Graph: an empty graph is still a graph

    # -- output --------------------------------------------------------------------------------------------------

    def ntriples(self) -> str:
        """The triples as N-Triples, subjects in the order they were first added."""
        # Each distinct IRI is written once: types and actors repeat. A literal is written each time it comes: that
        # costs less than the Python hash that rdflib gives literals (looking one up here cost more than writing it).
        written: dict[Node, str] = {}
        lines = []
        for s, by_p in self._spo.items():
            subject = written.get(s) or written.setdefault(s, _term(s))
            for p, objects in by_p.items():
                head = f"{subject} {written.get(p) or written.setdefault(p, _term(p))} "
                for o in objects:
                    if isinstance(o, Literal):
                        text = _literal(o)
                    else:
                        text = written.get(o)
                        if text is None:
                            text = written[o] = _term(o)
                    lines.append(f"{head}{text} .\n")
        return "".join(lines)

    def serialize(self, format: str = "nt", encoding: str | None = None, **kwargs):
        """N-Triples written here; any other rdflib format through an rdflib copy (for inspection and tests)."""
        if format in ("nt", "ntriples", "nt11"):
            text = self.ntriples()
            return text.encode(encoding) if encoding else text
        return self.to_rdflib().serialize(format=format, encoding=encoding, **kwargs)

    def to_rdflib(self) -> Graph:
        graph = Graph()
        for triple in self:
            graph.add(triple)
        return graph


def plain_literal(text: str) -> Literal:
    """Return ``Literal(text)`` for a string without language or datatype, made without rdflib's conversions.

    rdflib spends ~2 µs a literal looking for a Python type to convert and a datatype to check; a plain string has
    none (names, identifiers, name keys: most of an extraction's literals). The attributes are those that
    ``Literal.__new__`` gives a ``str`` (a property test compares the two).

    >>> plain_literal("Pôle santé") == Literal("Pôle santé"), plain_literal("x").value
    (True, 'x')
    """
    if type(text) is not str:
        return Literal(text)
    made = str.__new__(Literal, text)
    made._language = made._datatype = made._ill_typed = None
    made._value = text
    return made


def _term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    return _literal(node)


def _literal(node: Literal) -> str:
    text = str(node)
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:  # rare: four scans cost less than translate
        text = text.translate(_ESCAPES)
    lexical = f'"{text}"'
    if node.language:
        return f"{lexical}@{node.language}"
    datatype = node.datatype
    if datatype is not None and str(datatype) != _XSD_STRING:
        return f"{lexical}^^<{datatype}>"
    return lexical


__all__ = ["TripleSet", "plain_literal"]
