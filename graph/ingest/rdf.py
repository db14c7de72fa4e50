"""The RDF kind: Turtle, TriG, N-Triples, N-Quads, JSON-LD and RDF/XML files, loaded by Oxigraph's parsers.

The bytes go to the store as they are (rdflib's Python parsers are ~10x slower); a quads file lands whole in
the file's own named graph, whatever graphs it names.
"""

from __future__ import annotations

from graph.formats import RDF_FORMATS, rdf_format_for_path
from graph.ingest.base import Extraction, InputError, SourceContext, SourceKind

#: What the first bytes of each syntax look like, when the extension says nothing.
_SNIFF = (
    (b"<?xml", "rdfxml"), (b"<rdf:RDF", "rdfxml"), (b"{", "jsonld"), (b"[", "jsonld"),
    (b"@prefix", "turtle"), (b"PREFIX", "turtle"), (b"@base", "turtle"), (b"BASE", "turtle"),
)


def sniff_format(ctx: SourceContext) -> str | None:
    """Return the RDF format name of a file from its extension, else from its first bytes."""
    fmt = rdf_format_for_path(ctx.path)
    if fmt:
        return fmt.name
    head = ctx.data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    for prefix, name in _SNIFF:
        if head.startswith(prefix):
            if name == "rdfxml" and b"rdf:RDF" not in ctx.data[:4096] and b"22-rdf-syntax-ns" not in ctx.data[:4096]:
                return None
            if name == "jsonld" and b"@context" not in ctx.data[:4096] and b"@id" not in ctx.data[:4096]:
                return None
            return name
    return None


def detect(ctx: SourceContext) -> int:
    """Certain for a file named as an RDF syntax (no other kind reads those extensions; ``.xml`` may be any XML);
    likely when the first bytes look like one."""
    if rdf_format_for_path(ctx.path) and ctx.path.suffix.lower() != ".xml":
        return 100
    return 60 if sniff_format(ctx) else 0


def extract(ctx: SourceContext) -> Extraction:
    fmt = sniff_format(ctx)
    if fmt is None:
        known = ", ".join(e for f in RDF_FORMATS for e in f.extensions)
        raise InputError(f"syntaxe RDF non reconnue (extensions connues : {known})",
                         message_en=f"unrecognised RDF syntax (known extensions: {known})")
    return Extraction(rdf=(ctx.data, fmt), stats={"format": fmt})


KIND = SourceKind("rdf", "Fichier RDF", detect, extract, extensions=tuple(e for f in RDF_FORMATS for e in f.extensions))
