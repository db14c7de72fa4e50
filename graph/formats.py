"""One table of the serialisation formats: media type, format name, file extension and engine constants.

Content negotiation (webapp), file detection (ingest) and the CLI's ``--format`` all read this table, so a format
is declared once.

>>> rdf_format_for_path("dump.nq").name
'nquads'
>>> results_format("json").media_type
'application/sparql-results+json'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

import pyoxigraph as ox

from graph.namespaces import PREFIXES


@dataclass(frozen=True)
class Format:
    """A serialisation format known to Maillage."""

    name: str
    media_type: str
    extensions: tuple[str, ...]
    engine: object  # pyoxigraph.RdfFormat or pyoxigraph.QueryResultsFormat
    rdflib_name: str | None = None
    quads: bool = False
    aliases: tuple[str, ...] = ()


RDF_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ("ttl",), ox.RdfFormat.TURTLE, "turtle", aliases=("application/x-turtle",)),
    Format("trig", "application/trig", ("trig",), ox.RdfFormat.TRIG, "trig", quads=True),
    Format("ntriples", "application/n-triples", ("nt",), ox.RdfFormat.N_TRIPLES, "nt"),
    Format("nquads", "application/n-quads", ("nq",), ox.RdfFormat.N_QUADS, "nquads", quads=True),
    Format("jsonld", "application/ld+json", ("jsonld", "json-ld"), ox.RdfFormat.JSON_LD, "json-ld", quads=True),
    Format("rdfxml", "application/rdf+xml", ("rdf", "owl", "xml"), ox.RdfFormat.RDF_XML, "xml"),
)

RESULTS_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("srj", "json"), ox.QueryResultsFormat.JSON,
           aliases=("application/json",)),
    Format("xml", "application/sparql-results+xml", ("srx", "xml"), ox.QueryResultsFormat.XML,
           aliases=("application/xml",)),
    Format("csv", "text/csv", ("csv",), ox.QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", ("tsv",), ox.QueryResultsFormat.TSV),
)


class UnknownFormat(ValueError):
    """Raised when a name, media type or extension names no known format: ``key``, the ``what`` ("RDF" or
    "SPARQL results") and the ``known`` format names, for a message in the user's language."""

    def __init__(self, key: str, what: str, known: tuple[str, ...]):
        super().__init__(f"unknown {what} format '{key}' (known: {', '.join(known)})")
        self.key, self.what, self.known = key, what, known


def _lookup(table: tuple[Format, ...], key: str, what: str) -> Format:
    key = key.strip().lower()
    for fmt in table:
        if key in (fmt.name, fmt.media_type, *fmt.extensions, *fmt.aliases):
            return fmt
    raise UnknownFormat(key, what, tuple(f.name for f in table))


def rdf_format(key: str) -> Format:
    """Return the RDF format named by a name, media type or extension."""
    return _lookup(RDF_FORMATS, key, "RDF")


def results_format(key: str) -> Format:
    """Return the SPARQL results format named by a name, media type or extension."""
    return _lookup(RESULTS_FORMATS, key, "SPARQL results")


def rdf_format_for_path(path: str | PurePath) -> Format | None:
    """Return the RDF format of a file name's extension, or None when it is not an RDF extension."""
    suffix = PurePath(path).suffix.lstrip(".").lower()
    for fmt in RDF_FORMATS:
        if suffix in fmt.extensions:
            return fmt
    return None


#: What XML 1.0 forbids anywhere in a document, even as a character reference (§2.2 Char), in UTF-8: C0 controls but
#: tab and line ends, U+FFFE and U+FFFF. A UTF-8 multi-byte sequence never holds a byte below 0x80, so bytes will do.
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


def xml_safe(data: bytes, fmt: Format) -> bytes:
    r"""Return ``data`` serialised in ``fmt``, made readable as written when ``fmt`` is an XML format: the characters
    that XML 1.0 forbids replaced by U+FFFD (a value stored before such characters were refused must not make a
    whole answer unreadable to an XML parser; the engine writes them as they are), and each carriage return written
    ``&#13;`` (an XML parser reads a raw CR, or CR LF, as LF, XML 1.0 §2.11: "a\r\nb" was read back "a\nb"; the
    engine writes a CR only inside a value, the line ends of its markup being LF).

    >>> xml_safe(b"<literal>a\x00b</literal>", results_format("xml")).decode() == "<literal>a\ufffdb</literal>"
    True
    >>> xml_safe(b"<literal>a\r\nb</literal>", results_format("xml"))
    b'<literal>a&#13;\nb</literal>'
    >>> xml_safe(b"a\x00b\r", results_format("json"))
    b'a\x00b\r'
    """
    if fmt.name not in ("xml", "rdfxml"):
        return data
    return _NOT_XML.sub("\ufffd".encode(), data).replace(b"\r", b"&#13;")


#: The formats whose writer declares prefixes and writes compact names with them.
_PREFIXED = ("turtle", "trig")


def serialize_triples(triples, fmt: Format) -> bytes:
    """``triples`` (pyoxigraph's) written in the RDF format ``fmt``, Turtle and TriG with the contract's prefixes
    declared and used (``mai:Actor``, not ``<https://w3id.org/maillage/ontology#Actor>``): the same triples, as every
    Turtle of ours writes them (a resource page's, the endpoint's CONSTRUCT and DESCRIBE, the CLI's queries).

    >>> actor = ox.NamedNode("https://w3id.org/maillage/ontology#Actor")
    >>> serialize_triples([ox.Triple(actor, actor, actor)], rdf_format("turtle")).splitlines()[-1]
    b'mai:Actor mai:Actor mai:Actor .'
    """
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()} if fmt.name in _PREFIXED else None
    return ox.serialize(triples, None, fmt.engine, prefixes=prefixes)
