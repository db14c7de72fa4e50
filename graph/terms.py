"""RDF terms between the two libraries: pyoxigraph's (the engine's) and rdflib's (the rest of the code's).

Apart from the store because every layer converts terms — the backends, validation, the web pages — and none of
them needs a store for it.

>>> to_rdflib(to_oxigraph(Literal("1", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")))).n3()
'"1"^^<http://www.w3.org/2001/XMLSchema#integer>'
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term: Any) -> Node | None:
    """Convert a pyoxigraph term to the equal rdflib term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # the same literal in RDF 1.1; rdflib tells them apart
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(term: Node) -> Any:
    """Convert an rdflib term to the equal pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")


def term_parts(term: Any) -> tuple[str, str, str | None, str | None]:
    """Return (kind, lexical value, datatype IRI, language) of a pyoxigraph or rdflib term, cheaply.

    >>> term_parts(Literal("1", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")))[1:3]
    ('1', 'http://www.w3.org/2001/XMLSchema#integer')
    >>> term_parts(ox.NamedNode("https://ex.org/a"))
    ('iri', 'https://ex.org/a', None, None)
    """
    if isinstance(term, (ox.NamedNode, URIRef)):
        return ("iri", term.value if isinstance(term, ox.NamedNode) else str(term), None, None)
    if isinstance(term, ox.Literal):
        lang = term.language
        return ("literal", term.value, _RDF_LANG_STRING if lang else term.datatype.value, lang)
    if isinstance(term, Literal):
        lang = term.language
        datatype = _RDF_LANG_STRING if lang else str(term.datatype or _XSD_STRING)
        return ("literal", str(term), datatype, lang)
    if term is None:
        return ("none", "", None, None)
    return ("bnode", term.value if isinstance(term, ox.BlankNode) else str(term), None, None)


def as_uri(name: str | URIRef) -> URIRef:
    """A graph's name as an rdflib IRI, whether given as one or as a string."""
    return name if isinstance(name, URIRef) else URIRef(name)


def sparql_string(text: str) -> str:
    r"""A SPARQL string literal for ``text``, its quotes, backslashes and line ends escaped; followed by ``@fr``, a
    tagged one.

    >>> print(sparql_string('Le "Pôle"\nSanté') + "@fr")
    "Le \"Pôle\"\nSanté"@fr
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'
