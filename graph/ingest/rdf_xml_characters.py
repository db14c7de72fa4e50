"""Characters that XML 1.0 forbids in an RDF/XML document: control characters other than a tab, a line feed and a
carriage return (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F), the non-characters U+FFFE and U+FFFF, written as
they are or as a character reference (``&#0;``, ``&#x1;``; XML 1.0, 2.2 Characters, and the well-formedness
constraint "Legal Character" of 4.1). Oxigraph's parser stores most of them without a word (it refuses ``&#0;``
alone), and a literal with a NUL makes every RDF/XML export of the store unreadable: Maillage refuses the file, with
the line and the column of the first one.

Turtle, TriG, N-Triples and N-Quads allow any character in a literal, written as it is or as an escape (their
grammars exclude only the quote, the backslash and line ends from a string: ``[^#x22#x5C#xA#xD]``); JSON requires
control characters to be escaped, and the engine refuses a JSON-LD document that writes one as it is.

A reference within a comment or a CDATA section is text, not a character, yet it is refused too: no document
writes one there.
"""

from __future__ import annotations

import re

from graph.ingest.base import InputError

#: One forbidden character in UTF-8 (a surrogate is no UTF-8, and the engine refuses it), or a reference to one, in
#: hexadecimal or decimal (surrogates D800–DFFF are 55296–57343 in decimal).
_FORBIDDEN = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]"
    rb"|&#[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF]|[dD][89a-fA-F][0-9a-fA-F]{2});"
    rb"|&#0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}|57[0-2][0-9]{2}|573[0-3][0-9]"
    rb"|5734[0-3]|6553[45]);")


def forbidden_character(data: bytes) -> InputError | None:
    """The error of the RDF/XML document ``data`` (UTF-8) that holds a character XML 1.0 forbids, at the first one's
    line and column (in characters, from 1); None when it holds none. One search in C.

    >>> forbidden_character(b'<rdf:RDF>\\n<ex:p>a\\x00b</ex:p>').args[0]
    "caractère interdit en XML à la ligne 2, colonne 8 : U+0000 (nul) ; XML 1.0 n'admet aucun caractère de \
contrôle hormis la tabulation et les fins de ligne, ni U+FFFE, U+FFFF : retirez-le (ou remplacez-le par une espace)"
    >>> forbidden_character(b'<ex:p>&#233;&#x9;&#10;</ex:p>') is None
    True
    """
    found = _FORBIDDEN.search(data)
    if found is None:
        return None
    start = data.rfind(b"\n", 0, found.start()) + 1
    line = data.count(b"\n", 0, found.start()) + 1
    column = len(data[start:found.start()].decode("utf-8", "replace")) + 1
    written = found.group()
    if written.startswith(b"&#"):
        code = int(written[3:-1], 16) if written[2:3] in b"xX" else int(written[2:-1])
        what, what_en = f"la référence « {written.decode()} », ", f"the reference '{written.decode()}', "
    else:
        code = ord(written.decode("utf-8"))
        what, what_en = "", ""
    name = f"U+{code:04X}" + (" (nul)" if code == 0 else "")
    name_en = f"U+{code:04X}" + (" (null)" if code == 0 else "")
    return InputError(f"caractère interdit en XML à la ligne {line}, colonne {column} : {what}{name} ; XML 1.0 "
                      "n'admet aucun caractère de contrôle hormis la tabulation et les fins de ligne, ni U+FFFE, "
                      "U+FFFF : retirez-le (ou remplacez-le par une espace)", line=line,
                      message_en=f"character not allowed in XML at line {line}, column {column}: {what_en}{name_en}; "
                                 "XML 1.0 allows no control character but the tab and line ends, nor U+FFFE, U+FFFF: "
                                 "remove it (or replace it with a space)")


#: Namespaces in XML 1.0's NCName (XML 1.0's Name without ":"): its first character, then the others.
_NAME_START = ("A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c\u200d\u2070-\u218f"
               "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_NCNAME = re.compile(f"[{_NAME_START}][{_NAME_START}\\-.0-9\u00b7\u0300-\u036f\u203f\u2040]*")
#: A tag whose names are plain names (almost all of them: ASCII, and the Latin letters U+00C0–U+02FF but × and ÷, in
#: UTF-8), left alone in C; comments, CDATA sections, processing instructions and the document type, whose text is not
#: markup; and any other "<", whose names are checked (one left open, "<!" or "<?", is the engine's to tell). Checking
#: every accented name in Python cost 1.6 times the engine's parse of a 45 MB file with one per node; now 0.6 times.
_LATIN = rb"\xc3[\x80-\x96\x98-\xb6\xb8-\xbf]|[\xc4-\xcb][\x80-\xbf]"
_PLAIN = rb"(?:[A-Za-z_]|" + _LATIN + rb")[\w.-]*+(?:(?:" + _LATIN + rb")[\w.-]*+)*+"  # possessive: read once
_PLAIN_NAME = rb"(?:" + _PLAIN + rb":)?" + _PLAIN
_MARKUP = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>"
                     rb"|<(?![!?]|/" + _PLAIN_NAME + rb"\s*>|" + _PLAIN_NAME + rb"(?:\s+" + _PLAIN_NAME
                     + rb"""\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*/?>)(/?)([^\s/>=]*)([^>]*)""", re.S)
_ATTRIBUTE_NAME = re.compile(r"""\s([^\s=]+)\s*=\s*(?:"[^"]*"|'[^']*')""")


def forbidden_name(data: bytes) -> InputError | None:
    """The error of the RDF/XML document ``data`` (UTF-8) that writes an element or attribute name that XML forbids
    (Namespaces in XML 1.0: a prefix and a local name, each starting with a letter or "_", then letters, digits,
    "_", "-", "." and a few others), at its line and column (in characters, from 1); None when all are allowed.
    Oxigraph's parser reads ``<ex:1p>`` as the IRI ``ex:`` + ``1p``, which no XML tool reads back.

    >>> forbidden_name(b'<rdf:RDF>\\n <ex:1p/>').args[0][:54]
    'nom XML interdit à la ligne 2, colonne 3 : « ex:1p » ;'
    >>> forbidden_name("<rdf:RDF>\\n <ex:Événement ex:a_b-c.d='x'/>".encode()) is None
    True
    """
    for found in _MARKUP.finditer(data):
        if found.group(2) is None:
            continue
        attributes = found[3].decode("utf-8", "replace")
        names = [(found.start(2), found[2].decode("utf-8", "replace"))] + [
            (found.start(3) + len(attributes[:name.start(1)].encode()), name[1])
            for name in _ATTRIBUTE_NAME.finditer(attributes)]
        for at, name in names:
            if name and not all(_NCNAME.fullmatch(part) for part in name.split(":", 1)):
                return _name_error(data, at, name)
    return None


def _name_error(data: bytes, at: int, name: str) -> InputError:
    """The error of the name ``name`` that XML forbids, written near the offset ``at`` of ``data``."""
    start = data.rfind(b"\n", 0, at) + 1
    line = data.count(b"\n", 0, at) + 1
    column = len(data[start:at].decode("utf-8", "replace")) + 1
    return InputError(f"nom XML interdit à la ligne {line}, colonne {column} : « {name} » ; un nom d'élément ou "
                      "d'attribut (son préfixe et son nom local, de part et d'autre du « : ») commence par une lettre "
                      "ou « _ », suivie de lettres, de chiffres, de « _ », « - » ou « . » : renommez-le", line=line,
                      message_en=f"XML name not allowed at line {line}, column {column}: '{name}'; an element or "
                                 "attribute name (its prefix and its local name, on either side of ':') starts with a "
                                 "letter or '_', followed by letters, digits, '_', '-' or '.': rename it")


__all__ = ["forbidden_character", "forbidden_name"]
