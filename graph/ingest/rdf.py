"""The RDF kind: Turtle, TriG, N-Triples, N-Quads, JSON-LD and RDF/XML files, loaded by Oxigraph's parsers.

The bytes go to the store as they are (rdflib's Python parsers are ~10x slower); a quads file lands whole in
the file's own named graph, whatever graphs it names.
"""

from __future__ import annotations

import re

from graph.formats import RDF_FORMATS, rdf_format_for_path
from graph.ingest.base import Extraction, InputError, SourceContext, SourceKind

#: What the first bytes of each syntax look like, when the extension says nothing.
_SNIFF = (
    (b"<?xml", "rdfxml"), (b"<rdf:RDF", "rdfxml"), (b"{", "jsonld"), (b"[", "jsonld"),
    (b"@prefix", "turtle"), (b"PREFIX", "turtle"), (b"@base", "turtle"), (b"BASE", "turtle"),
)


#: The byte order mark that some editors write at the start of a UTF-8 file: Oxigraph's Turtle and N-Triples
#: parsers refuse it ("\ufeff is not a valid subject"), other RDF tools skip it; so does Maillage.
BOM = b"\xef\xbb\xbf"
#: The marks of UTF-16 (Windows' "Unicode"), which say the encoding without doubt: such a file is read as UTF-8.
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: How far into an ``.xml`` file the RDF namespace is sought (comments and stylesheets may come first).
XML_PEEK = 64 * 1024
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def _is_rdf_xml(data: bytes) -> bool:
    head = data[:XML_PEEK]
    return b"rdf:RDF" in head or b"22-rdf-syntax-ns" in head


def sniff_format(ctx: SourceContext) -> str | None:
    """Return the RDF format name of a file from its extension, else from its first bytes."""
    fmt = rdf_format_for_path(ctx.path)
    if fmt:
        return fmt.name
    head = ctx.data[:2048].lstrip(BOM + b" \t\r\n")
    for prefix, name in _SNIFF:
        if head.startswith(prefix):
            if name == "rdfxml" and not _is_rdf_xml(ctx.data):
                return None
            if name == "jsonld" and b"@context" not in ctx.data[:4096] and b"@id" not in ctx.data[:4096]:
                return None
            return name
    return None


def detect(ctx: SourceContext) -> int:
    """Certain for a file named as an RDF syntax (no other kind reads those extensions); likely when the first
    bytes look like one. An ``.xml`` file may be any XML (an ACTES envelope, a chart of accounts): RDF/XML only
    when it names the RDF namespace."""
    if ctx.path.suffix.lower() == ".xml":
        return 60 if _is_rdf_xml(ctx.data) else 0
    if rdf_format_for_path(ctx.path):
        return 100
    return 60 if sniff_format(ctx) else 0


def near_miss(ctx: SourceContext) -> InputError | None:
    """Why an XML file whose root element is an ``RDF`` one is not read as RDF/XML: it never names the RDF
    namespace. Other XML (an ACTES envelope, a chart of accounts) is none of the kinds: :mod:`graph.ingest.unknown`
    says what it is."""
    name = xml_root(ctx)
    if name is None or _is_rdf_xml(ctx.data) or name.rpartition(":")[2] != "RDF":
        return None
    return InputError(f"document XML qui n'est pas du RDF/XML (élément racine « {name} », sans l'espace de noms "
                      f"RDF)", message_en=f"an XML document that is not RDF/XML (root element '{name}', without "
                                          f"the RDF namespace)")


def xml_root(ctx: SourceContext) -> str | None:
    """The name of an XML file's root element ("?" when none is seen), None for a file that is not XML; RDF/XML
    included.

    >>> from pathlib import Path
    >>> xml_root(SourceContext(Path("a.xml"), b"<?xml version='1.0'?>\\n<!-- x --><actes:Acte/>"))
    'actes:Acte'
    """
    head = ctx.data[:XML_PEEK]
    if ctx.path.suffix.lower() != ".xml" and not head.lstrip(BOM + b" \t\r\n").startswith(b"<?xml"):
        return None
    # The first element that is not a declaration, a comment or a processing instruction.
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.S)
    root = _ROOT.search(body)
    return root.group(1).decode("ascii", "replace") if root else "?"


def extract(ctx: SourceContext) -> Extraction:
    fmt = sniff_format(ctx)
    if fmt is None:
        known = ", ".join(e for f in RDF_FORMATS for e in f.extensions)
        raise InputError(f"syntaxe RDF non reconnue (extensions connues : {known})",
                         message_en=f"unrecognised RDF syntax (known extensions: {known})")
    stats = {"format": fmt}
    data = ctx.data[len(BOM):] if ctx.data.startswith(BOM) else ctx.data  # a copy, for the rare file that has one
    if data.startswith(UTF16_BOMS):
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"texte UTF-16 illisible (octet {exc.start}) : enregistrez le fichier en UTF-8",
                             message_en=f"unreadable UTF-16 text (byte {exc.start}): save the file as UTF-8") from None
        stats["encoding"] = "utf-16"
    return Extraction(rdf=(data, fmt), stats=stats)


KIND = SourceKind("rdf", "Fichier RDF", detect, extract, extensions=tuple(e for f in RDF_FORMATS for e in f.extensions),
                  near_miss=near_miss)
