"""The first pass over an RDF file: what the pipeline adds to it (superclass types, ``prov:wasDerivedFrom``,
SIRENs derived from SIRETs) and the resources it describes, read from the file's bytes while the engine loads them.

An extraction gets the same from :func:`graph.ingest.pipeline_storage._materialise_extraction`;
tests/test_rdf_first_pass.py checks that both agree.
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urljoin

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS

from graph.formats import rdf_format
from graph.identity import siren_of
from graph.ingest.base import InputError
from graph.ingest.rdf_json_keys import why_no_statement
from graph.namespaces import MAI
from graph.ontology import superclasses
from graph.parse_errors import rdf_error
from graph.store import PARSE_BASE

#: How many relative IRIs a warning shows.
SHOWN_RELATIVE = 3
#: The base against which a second reading resolves a file's relative IRIs, to tell those that leave the file's own
#: base from IRIs written in full: resolved against the source's IRI, ``<../../actor/x>`` reads the same as a link to
#: Maillage's actor. Its scheme is no file's, and its path is deep enough for the ".." segments of any file.
_PROBE_SCHEME = "x-maillage-relative:"
_PROBE_ROOT = _PROBE_SCHEME + "//probe/"
_PROBE_DEPTH = 12
_PROBE_BASE = _PROBE_ROOT + "".join(f"m{n}/" for n in range(1, _PROBE_DEPTH + 1))
#: What, in a file's bytes, may write a relative IRI that leaves its base: a ".." segment, or a path from the root
#: ("/x", "//host/x"); only such a file is read the second time. In RDF/XML, a path from the root is an attribute's
#: value (every end tag starts with "</").
_LEAVING = re.compile(rb'[<"\'/]\.\.(?:[/>"\'#?]|$)|[<"\']/')
_LEAVING_XML = re.compile(rb'[<"\'/]\.\.(?:[/>"\'#?]|$)|=\s*["\']/')

_TYPE, _SIRET, _SIREN, _RNA, _SAME_AS = (ox.NamedNode(str(p)) for p in (RDF.type, MAI.siret, MAI.siren, MAI.rna,
                                                                         OWL.sameAs))
_PREDICATES = tuple(f"<{p}>".encode() for p in (RDF.type, MAI.siret, MAI.siren, MAI.rna, OWL.sameAs))
_LABEL = ox.NamedNode(str(RDFS.label))
#: The end of rdfs:label's IRI: rarer in an N-Triples file than its start, which every IRI of W3C's shares (a
#: search 7x faster).
_LABEL_END = b"rdf-schema#label>"
#: The subject at the start of an N-Triples line: an IRI (a blank node is no resource to index). The line end
#: before it is part of the pattern, not ``^`` with MULTILINE: a literal first character makes the search 5x faster.
_NT_SUBJECT = re.compile(rb"\n[ \t]*<([^>]*)>")
#: A line of an N-Triples document that holds a statement (not blank, not a comment): the first one is near the start.
_NT_STATEMENT = re.compile(rb"(?:^|\n)[ \t]*[<_]")
#: A line of an N-Triples document whose predicate is one that the first pass reads, the line end before it (as
#: above): its subject an IRI or a blank node, its terms apart by spaces or tabs, or by none.
_NT_READ = re.compile(rb"\n[ \t]*(?:<[^>\n]*>|_:[^ \t\n<]+)[ \t]*(?:" + b"|".join(map(re.escape, _PREDICATES))
                      + rb")[^\n]*")


def _no_triple(data: bytes, fmt: str) -> InputError:
    """The error of a file that parses but states nothing (0 bytes, or only prefixes and comments): stored, it
    would replace the source of its name by an empty one (a truncated download). A JSON-LD document may write
    statements that JSON-LD drops (keys that no context defines, texts in a language that is not well-formed): the
    error says which, at the first one's line."""
    if fmt == "jsonld" and (why := why_no_statement(data)):
        said, said_en, line = why
        return InputError(f"fichier vide : aucun triplet, car JSON-LD ignore ce qu'il écrit — {said}", line=line,
                          message_en=f"empty file: no triple, as JSON-LD ignores what it writes — {said_en}")
    return InputError("fichier vide : aucun triplet (rien que des préfixes ou des commentaires ?)",
                      message_en="empty file: no triple (only prefixes or comments?)")


def _lines_read(data: bytes) -> bytes:
    """The lines of an N-Triples document whose predicate is one that the first pass reads, in their order, found
    by one search in ``re``'s engine (1.85M triples: 0.8 s; 1.7 s for a search of each predicate wherever it is)."""
    first = _NT_READ.match(b"\n" + data[:data.find(b"\n") + 1 or len(data)])
    return (first.group(0) if first else b"") + b"".join(_NT_READ.findall(data))


def _label_lines(data: bytes) -> bytes:
    """The lines of an N-Triples document that name rdfs:label (as their predicate, or elsewhere), in their order:
    200k triples, 20k labels: 0.03 s."""
    lines, find, rfind, at = [], data.find, data.rfind, data.find(_LABEL_END)
    while at >= 0:
        end = find(b"\n", at) + 1 or len(data)
        lines.append(data[rfind(b"\n", 0, at) + 1:end])
        at = find(_LABEL_END, end)
    return b"\n".join(lines)


def _ntriples_subjects(data: bytes) -> set[str]:
    """The IRIs at the start of the lines of an N-Triples document (escapes, rare in IRIs, read by the parser)."""
    subjects = set()
    first = _NT_SUBJECT.match(b"\n" + data[:data.find(b"\n") + 1 or len(data)])
    for raw in set(_NT_SUBJECT.findall(data)) | ({first.group(1)} if first else set()):
        if b"\\" in raw:
            raw = next(ox.parse(b"<" + raw + b"> <p:> <p:> .", ox.RdfFormat.N_TRIPLES)).subject.value.encode()
        subjects.add(raw.decode("utf-8"))
    return subjects


class Observed:
    """What the pipeline needs of an RDF file, read while (or, for a small file, before) the engine loads it: the
    IRIs of its subjects, their types, their SIRETs, SIRENs and RNA numbers, the IRIs it states owl:sameAs, and its
    labels (of an N-Triples file, when asked).

    Reading these back from the store cost more than loading the file: SPARQL updates for the materialised types
    (~3 s for 200k triples) and a query for the touched subjects (~1 s). A file is read by a first pass of
    Oxigraph's parser, which also finds bad syntax (a large file's load under way is then abandoned); an
    N-Triples file (one triple a line: the format of dumps and bulk loads) only by its lines that name a type, a
    SIRET or a SIREN, and its subjects by a search at each line's start (200k triples: 0.35 s instead of
    1.25 s); its syntax is then checked by the engine's load, which leaves the store as it was on an error.
    """

    def __init__(self, data: bytes, fmt: str, base: str = PARSE_BASE) -> None:
        """Read ``data``, its relative IRIs against ``base`` (the engine's load must use the same)."""
        self.base, self.fmt, self._data = base, fmt, data
        self._leaving: list[tuple[str, str]] | None = None
        self.types: list[tuple] = []
        self.sirets: dict = {}
        self.sirens: dict = {}
        self.rnas: dict = {}
        self.same_as: list[tuple] = []
        #: The predicates of all its statements; None for an N-Triples file, read by its lines (:meth:`contract_terms`)
        self.predicates: set | None = set()
        self._labels: list[tuple] | None = None if fmt == "ntriples" else []  # N-Triples: read when asked
        self.subjects: set[str] = set()
        self.graphs: set[str] = set()  # the graphs a quads file names: all land in the file's own
        try:
            if fmt == "ntriples":
                try:
                    self.predicates = None  # the pass reads some lines only: :meth:`contract_terms` searches the bytes
                    self._read(ox.parse(_lines_read(data), ox.RdfFormat.N_TRIPLES, base_iri=base))
                    self.subjects = _ntriples_subjects(data)
                    if _NT_STATEMENT.search(data) is None:  # no line opens as a statement: one may be miswritten
                        for _ in ox.parse(data, ox.RdfFormat.N_TRIPLES, base_iri=base):
                            pass
                        raise _no_triple(data, fmt)
                    return
                except SyntaxError:  # read the whole file again, for the line of the error
                    self.types, self.sirets, self.sirens, self.rnas, self.same_as = [], {}, {}, {}, []
                    self.predicates = set()
            quads = ox.parse(data, rdf_format(fmt).engine, base_iri=base)
            if not (self._read_quads(quads) if fmt in ("trig", "nquads") else self._read(quads, self.subjects)):
                raise _no_triple(data, fmt)
        except SyntaxError as exc:
            said, said_en, line = rdf_error(exc.msg, exc.lineno, data, fmt)
            raise InputError(said, line=line, message_en=said_en) from None
        except MemoryError:  # pyoxigraph's parser gives up on a term of tens of megabytes (a runaway literal)
            raise InputError("RDF illisible : le lecteur refuse un terme démesuré (fichier réduit à une seule "
                             "ligne ?)", message_en="unreadable RDF: the parser refuses an outsized term (a file "
                             "collapsed onto one line?)") from None

    def _read(self, quads, subjects: set | None = None) -> bool:
        """Read ``quads``; whether there was any (the loop's last value: no count kept per quad)."""
        types, sirets, sirens, rnas, labels = self.types, self.sirets, self.sirens, self.rnas, self._labels
        predicates = self.predicates
        quad = None
        for quad in quads:
            subject, predicate = quad.subject, quad.predicate
            if predicates is not None:  # a set of a few dozen predicates: ~0.15 µs a statement
                predicates.add(predicate)
            if subjects is not None and isinstance(subject, ox.NamedNode):
                subjects.add(subject.value)
            if predicate == _TYPE:
                types.append((subject, quad.object))
            elif predicate == _SIRET:
                sirets.setdefault(subject, quad.object.value)
            elif predicate == _SIREN:
                sirens.setdefault(subject, quad.object.value)
            elif predicate == _RNA:
                rnas.setdefault(subject, quad.object.value)
            elif predicate == _SAME_AS:
                self.same_as.append((subject, quad.object))
            elif predicate == _LABEL and labels is not None:
                labels.append((subject, quad.object))
        return quad is not None

    def _read_quads(self, quads) -> bool:
        """:meth:`_read` for a file that may name graphs, each one named noted as N-Triples writes it ("<…>",
        "_:…")."""
        graphs, default = self.graphs, ox.DefaultGraph()

        def noted():
            for quad in quads:
                if quad.graph_name != default:
                    graphs.add(str(quad.graph_name))
                yield quad

        return self._read(noted(), self.subjects)

    def contract_terms(self, known: frozenset[str]) -> list[tuple[str, str]]:
        """The ``mai:`` names that the file uses as a class or a property and that are not among ``known`` (the
        vocabulary's), each once with its use ("class" or "property"), in order. Looked up once per distinct class and
        predicate; in an N-Triples file, whose pass reads only some lines, by one search of the bytes for ``mai:``
        IRIs that are not ``known`` (1M triples: 0.1 s), each found looked for as a predicate."""
        cut = len(MAI)
        classes = {cls.value[cut:] for cls in {cls for _, cls in self.types}
                   if isinstance(cls, ox.NamedNode) and cls.value.startswith(MAI)}
        if self.predicates is not None:
            properties = {p.value[cut:] for p in self.predicates if p.value.startswith(MAI)}
        else:
            properties = {local.decode("utf-8", "replace") for local in set(_unknown_terms(known).findall(self._data))
                          if _as_predicate(local).search(self._data)}
        used = sorted((local, "class") for local in classes) + sorted((local, "property") for local in properties)
        return [(local, role) for local, role in used if local and local not in known]

    def touched(self) -> set[str]:
        return self.subjects

    def relative(self) -> tuple[int, list[str]]:
        """How many IRIs were written relative without a base: the subjects resolved against ``base`` (no file
        names an IRI under its own source's), and those of any place that leave it (:meth:`leaving`); and the
        first of them as written, those within ``base`` first. One look at each subject the pass already gathered,
        no work per triple; none for N-Triples and N-Quads, whose IRIs are all absolute (the parser refuses others),
        nor their cost on the bulk path."""
        if self.fmt in ("ntriples", "nquads"):
            return 0, []
        base, cut = self.base, len(self.base)
        found = sorted(s[cut:] for s in self.subjects if s.startswith(base)) + [w for w, _ in self.leaving()]
        return len(found), found[:SHOWN_RELATIVE]

    def labels(self) -> list[tuple]:
        """The file's rdfs:label statements, (subject, label) as the parser gives them: gathered by the pass; for
        N-Triples, whose pass reads only the lines that it needs, from the lines that name rdfs:label, when first
        asked (by a check that compares the file's names with the store's)."""
        if self._labels is None:
            quads = ox.parse(_label_lines(self._data), ox.RdfFormat.N_TRIPLES, base_iri=self.base)
            self._labels = [(quad.subject, quad.object) for quad in quads if quad.predicate == _LABEL]
        return self._labels

    def leaving(self) -> list[tuple[str, str]]:
        """The relative IRIs that resolve outside the file's base, the source's IRI (``<../x>``, ``</x>``,
        ``<//host/x>``, as subject, object or class): each as written and as resolved, a resource of Maillage or of
        another source. Found by a second reading against a base of no file (:data:`_PROBE_BASE`), of a file whose
        bytes may write one only: any other is read once."""
        if self._leaving is None:
            self._leaving = self._find_leaving()
        return self._leaving

    def _find_leaving(self) -> list[tuple[str, str]]:
        leaving = _LEAVING_XML if self.fmt == "rdfxml" else _LEAVING
        if self.fmt in ("ntriples", "nquads") or not leaving.search(self._data):
            return []
        probed = set()
        for quad in ox.parse(self._data, rdf_format(self.fmt).engine, base_iri=_PROBE_BASE):
            for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
                if isinstance(term, ox.NamedNode) and term.value.startswith(_PROBE_SCHEME):
                    probed.add(term.value)
        # resolved as the engine resolves them (RFC 3986: ".." above the root stays at the root)
        resolved = ((written, urljoin(self.base, written))
                    for written in sorted({_as_written(iri) for iri in probed if not iri.startswith(_PROBE_BASE)}))
        return [(written, iri) for written, iri in resolved if not iri.startswith(self.base)]

    def line_of(self, text: str) -> int | None:
        """The line of the file where ``text`` is first written (between quotes, if it is so written anywhere),
        or None: what a warning about a term of the file names, the engine giving no line but its errors'."""
        wanted = text.encode("utf-8")
        found = self._data.find(b'"' + wanted + b'"')
        if found < 0:
            found = self._data.find(wanted)
        return self._data.count(b"\n", 0, found) + 1 if found >= 0 else None

    def states(self, predicate: str) -> bool:
        """Whether the file has a statement of ``predicate`` (an N-Triples file: whether it writes its IRI), so
        that a check of what it says costs nothing to the files that say nothing of it."""
        if self.predicates is not None:
            return ox.NamedNode(predicate) in self.predicates
        return f"<{predicate}>".encode("utf-8") in self._data

    def lines_of(self, places: list[tuple[str, str, str | None]]) -> list[int | None]:
        """The lines where the file states each of ``places`` (subject IRI, predicate IRI, value or None), as
        SHACL results are given theirs (:func:`graph.ingest.rdf_lines.with_lines`): the statement of that value,
        else the subject's first of the predicate, else its first; None where none can be told for sure."""
        from graph.ingest.rdf_lines import with_lines
        from graph.validation import Violation

        asked = [Violation(subject, predicate, "", "", "Warning", value) for subject, predicate, value in places]
        return [violation.line for violation in with_lines(asked, self._data, self.fmt, self.base)]

    def line_of_term(self, iri: str) -> int | None:
        """The line of the file where the term ``iri`` is first written: in full, else by a prefixed name of its
        local name (``mai:Grnat``, ``"@type": "mai:Grnat"``), or None."""
        namespace, local = re.match(r"(.*[#/:])(.*)", iri).groups()
        local_bytes, end = re.escape(local.encode("utf-8")), rb"(?![\w-])"
        for pattern in (re.escape(iri.encode("utf-8")) + end, rb"mai:" + local_bytes + end if namespace == str(MAI)
                        else None, rb"[\w-]*:" + local_bytes + end):
            if pattern is not None and (found := re.search(pattern, self._data)):
                return self._data.count(b"\n", 0, found.start()) + 1
        return None

    def materialised(self, source: URIRef) -> tuple[bytes, list[tuple]]:
        """The superclass types, ``prov:wasDerivedFrom`` and derived SIRENs that the pipeline adds to an extraction
        (:func:`graph.ingest.pipeline_storage._materialise_extraction`): as N-Triples for the engine's loader (~3x
        faster than building the quads in Python) for IRI subjects; for blank-node subjects, as SPARQL updates on
        the stored graph (the engine's loader names blank nodes afresh: triples about the parser's blank nodes would
        land on other nodes)."""
        supers, blank_classes, blank_sirens = superclasses(), set(), {}
        classes_of: dict = {}
        for subject, cls in self.types:
            classes_of.setdefault(subject, []).append(cls)
        derived_from = f" <{PROV.wasDerivedFrom}> <{source}> .\n"
        tails: dict[tuple, tuple] = {}  # a subject's classes -> (its superclasses, the tails of their lines)

        def tails_of(classes: tuple) -> tuple[list[URIRef], list[str]]:
            named = {URIRef(c.value) for c in classes if isinstance(c, ox.NamedNode)}
            sups = sorted(set().union(*(supers.get(c, ()) for c in named)) - named)
            return sups, [f" <{RDF.type}> <{sup}> .\n" for sup in sups]

        lines = []
        for subject, classes in classes_of.items():
            key = tuple(classes)
            if (known := tails.get(key)) is None:
                known = tails[key] = tails_of(key)
            sups, parts = known
            if isinstance(subject, ox.BlankNode):
                blank_classes.update(c.value for c in classes if isinstance(c, ox.NamedNode) and sups)
                continue
            head = str(subject)  # written "<iri>": each line is the subject and a tail
            if subject.value != source:
                lines.append(head + head.join([*parts, derived_from]))
            elif parts:
                lines.append(head + head.join(parts))
        for subject, siret in self.sirets.items():
            if subject not in self.sirens and (siren := siren_of(siret)):
                if isinstance(subject, ox.BlankNode):
                    blank_sirens[siret] = siren
                else:
                    lines.append(f'{subject} <{MAI.siren}> "{siren}" .\n')
        return "".join(lines).encode("utf-8"), _blank_updates(source, blank_classes, blank_sirens)


@cache
def _unknown_terms(known: frozenset[str]) -> re.Pattern:
    """A search for the ``mai:`` IRIs of an N-Triples file that are not ``known`` (their local names)."""
    names = b"|".join(re.escape(term.encode("utf-8")) for term in sorted(known, key=len, reverse=True))
    return re.compile(rb"<" + re.escape(str(MAI).encode()) + rb"(?!(?:" + names + rb")>)([^>\n]*)>")


def _as_predicate(local: bytes) -> re.Pattern:
    """A search for the ``mai:`` IRI of ``local`` as the predicate of a line of N-Triples."""
    return re.compile(rb"(?:^|\n)[ \t]*(?:<[^>\n]*>|_:\S+)[ \t]*<" + re.escape(str(MAI).encode() + local) + rb">")


def _as_written(probed: str) -> str:
    """A relative IRI as the file wrote it, from its resolution against :data:`_PROBE_BASE` (the second reading).

    >>> [_as_written(_PROBE_BASE.removesuffix("m12/") + t) for t in ("x", "../actor/y", "")]
    ['../x', '../../actor/y', '../']
    >>> _as_written(_PROBE_ROOT + "actor/y"), _as_written(_PROBE_SCHEME + "//ex.org/y")
    ('/actor/y', '//ex.org/y')
    """
    if not probed.startswith(_PROBE_ROOT):
        return probed[len(_PROBE_SCHEME):]  # a path from another host
    parts = probed[len(_PROBE_ROOT):].split("/")
    kept = 0
    while kept < len(parts) - 1 and parts[kept] == f"m{kept + 1}":
        kept += 1
    rest = "/".join(parts[kept:])
    return "../" * (_PROBE_DEPTH - kept) + rest if kept else "/" + rest


def _blank_updates(source: URIRef, classes: set[str], sirens: dict[str, str]) -> list[str]:
    """SPARQL updates that give the blank nodes of the stored graph ``source`` their superclass types, and their
    SIREN when they have a SIRET but no SIREN (IRIs come from the ontology and the graph's name; identifiers are
    digits, checked by ``siren_of``)."""
    supers, g, updates = superclasses(), f"<{source}>", []
    for cls in sorted(classes):
        types = " . ".join(f"?s a <{sup}>" for sup in sorted(supers.get(URIRef(cls), ())))
        updates.append(f"INSERT {{ GRAPH {g} {{ {types} }} }} WHERE {{ GRAPH {g} {{ ?s a <{cls}> "
                       f"FILTER(isBlank(?s)) }} }}")
    if sirens:
        pairs = " ".join(f'("{siret}" "{siren}")' for siret, siren in sorted(sirens.items())
                         if siret.isdigit() and siren.isdigit())
        updates.append(f"INSERT {{ GRAPH {g} {{ ?s <{MAI.siren}> ?siren }} }} WHERE {{ VALUES (?siret ?siren) "
                       f"{{ {pairs} }} GRAPH {g} {{ ?s <{MAI.siret}> ?v FILTER(isBlank(?s)) "
                       f"FILTER NOT EXISTS {{ ?s <{MAI.siren}> ?any }} }} FILTER(STR(?v) = ?siret) }}")
    return updates


__all__ = ["Observed"]
