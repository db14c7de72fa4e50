"""An RDF/XML file cut short (an interrupted download, copy or export): its last elements never closed.

Oxigraph's RDF/XML parser states each resource as it reads it and takes the end of the input for the end of the
document: a file cut after ``<ex:p>y`` or before ``</rdf:RDF>`` loads without a word, less what was cut. Maillage
refuses it as it refuses a table cut short (:func:`graph.tabular.cut_short`), saying where it stops and what is left
open. A whole document ends with its root element's end tag (``</rdf:RDF>``), or is that element alone
(``<rdf:RDF …/>``), then only blanks, comments and processing instructions: one look at its start and its end,
no cost per element. Only a file whose end is not that is read by expat, for the elements left open (a document
that expat finds whole, or broken elsewhere, is left to the engine, which says where).

Turtle, TriG, N-Triples and N-Quads need no such check: cut in a statement, they do not parse (the engine's "Unexpected
end of file", told as "le fichier s'arrête au milieu d'une instruction"); cut between two, they are whole documents,
as for any reader. A JSON-LD document cut short is not JSON.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from graph.ingest.base import InputError

#: What may come before the root element: the XML declaration, processing instructions, comments, a document type
#: (with its internal subset).
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*", re.S)
#: The root element's start tag: its name, its attribute values between quotes (where ">" may be), its end.
_ROOT_TAG = re.compile(rb"""<([^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")
#: The errors of expat that a document cut short gives: open elements at its end, a tag, a character or a CDATA
#: section cut.
_CUT = {expat.errors.codes[message] for message in (
    expat.errors.XML_ERROR_NO_ELEMENTS, expat.errors.XML_ERROR_UNCLOSED_TOKEN, expat.errors.XML_ERROR_PARTIAL_CHAR,
    expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION)}


def _body_end(data: bytes) -> int:
    """Where ``data`` ends, less the blanks, comments and processing instructions after its last element (no copy
    of a large file's bytes)."""
    end = len(data)
    while True:
        while end and data[end - 1] in b" \t\r\n":
            end -= 1
        if data.endswith(b"-->", 0, end) and (start := data.rfind(b"<!--", 0, end - 3)) >= 0:
            end = start
        elif data.endswith(b"?>", 0, end) and (start := data.rfind(b"<?", 0, end - 2)) >= 0:
            end = start
        else:
            return end


def _looks_whole(data: bytes) -> bool:
    """Whether the RDF/XML document ``data`` ends as a whole one does: with its root element's end tag, or with its
    root element's start tag when that one closes itself.

    >>> _looks_whole(b'<?xml version="1.0"?>\\n<rdf:RDF a="x>y">\\n</rdf:RDF >\\n<!-- end -->\\n')
    True
    >>> _looks_whole(b'<rdf:RDF xmlns:rdf="r"/>'), _looks_whole(b'<rdf:RDF>\\n<rdf:Description/>\\n')
    (True, False)
    """
    root = _ROOT_TAG.match(data, _PROLOG.match(data).end())
    if root is None:
        return False
    end = _body_end(data)
    if root[2]:
        return root.end() == end
    return re.search(rb"</" + re.escape(root[1]) + rb"\s*>\Z", data[max(0, end - 1024):end]) is not None


def cut_short(data: bytes) -> InputError | None:
    """Why the RDF/XML document ``data`` (in UTF-8) is refused as truncated: where it stops and the elements it
    leaves open, innermost first, each with the line of its start tag; None for a document that ends as a whole one
    does, or that expat finds broken before its end (the engine's error says where).

    >>> print(cut_short(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\\n'
    ...                 b'<rdf:Description rdf:about="http://ex.org/a">\\n<rdfs:label>Ma').issue.message_en)
    truncated file: it stops at line 3 without closing element 'rdfs:label' (opened at line 3), nor 'rdf:Description' \
(line 2), nor 'rdf:RDF' (line 1) (interrupted download, copy or export, or a file still being written?); nothing of \
it is imported: ingest it again once it is written in full
    """
    if _looks_whole(data):
        return None
    opened: list[tuple[str, int]] = []
    parser = expat.ParserCreate()

    def start(name: str, attributes: dict) -> None:
        opened.append((name, parser.CurrentLineNumber))

    parser.StartElementHandler, parser.EndElementHandler = start, lambda name: opened.pop()
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        if exc.code not in _CUT or not opened:
            return None
        in_tag = exc.code == expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]
    else:
        return None
    last = max(1, data.count(b"\n") + (not data.endswith(b"\n")))
    (name, line), outer = opened[-1], opened[-2::-1]
    fr = f"sans fermer l'élément « {name} » (ouvert ligne {line})" + "".join(
        f", ni « {name} » (ligne {line})" for name, line in outer)
    en = f"without closing element '{name}' (opened at line {line})" + "".join(
        f", nor '{name}' (line {line})" for name, line in outer)
    if in_tag:
        fr, en = f"au milieu d'une balise, {fr}", f"in the middle of a tag, {en}"
    return InputError(f"fichier tronqué : il s'arrête à la ligne {last} {fr} (téléchargement, copie ou export "
                      "interrompu, ou fichier encore en cours d'écriture ?) ; rien n'en est importé : importez-le de "
                      "nouveau une fois écrit en entier", line=last,
                      message_en=f"truncated file: it stops at line {last} {en} (interrupted download, copy or "
                                 "export, or a file still being written?); nothing of it is imported: ingest it again "
                                 "once it is written in full")


__all__ = ["cut_short"]
