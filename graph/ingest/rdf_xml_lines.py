"""The lines of an RDF/XML file's statements (:mod:`graph.ingest.rdf_lines`): read by expat, which gives each
element's line; a statement read so is kept only if the engine's parser states it too.
"""

from __future__ import annotations

from urllib.parse import urljoin
from xml.parsers import expat

import pyoxigraph as ox
from rdflib.namespace import RDF

from graph.ingest.rdf_line_statements import Statement, Unreadable, term_value


def xml_statements(data: bytes, base: str, focus: set[str]) -> list[Statement]:
    """The statements of ``focus`` nodes in an RDF/XML file, read from its elements, each kept only if the engine's
    parser states it too (the same subject, predicate and object): a statement that the elements were read into
    wrongly names no line."""
    stated = {(quad.subject.value, quad.predicate.value, term_value(quad.object))
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
            raise Unreadable from None

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
