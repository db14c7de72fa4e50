"""The RDF kind: Turtle, TriG, N-Triples, N-Quads, JSON-LD and RDF/XML files, loaded by Oxigraph's parsers.

The bytes go to the store as they are (rdflib's Python parsers are ~10x slower); a quads file lands whole in
the file's own named graph, whatever graphs it names.
"""

from __future__ import annotations

import codecs
import re

from graph.encodings import decode, reads_as_utf8
from graph.formats import RDF_FORMATS, rdf_format_for_path
from graph.ingest.base import Extraction, InputError, Issue, SourceContext, SourceKind
from graph.ingest.rdf_json_duplicates import duplicate_keys
from graph.ingest.rdf_json_iris import miswritten_iris
from graph.ingest.rdf_json_keys import lost_keys
from graph.ingest.rdf_json_languages import miswritten_languages
from graph.ingest.rdf_json_terms import read_terms
from graph.ingest.rdf_json_tokens import MAX_NESTING, line_of, too_deep
from graph.ingest.rdf_namespaces import BULK_FORMATS, miswritten_namespaces
from graph.ingest.rdf_truncated import cut_short
from graph.ingest.rdf_xml_characters import forbidden_character, forbidden_name

#: What the first bytes of each syntax look like, when the extension says nothing.
_SNIFF = (
    (b"<?xml", "rdfxml"), (b"<rdf:RDF", "rdfxml"), (b"{", "jsonld"), (b"[", "jsonld"),
    (b"@prefix", "turtle"), (b"PREFIX", "turtle"), (b"@base", "turtle"), (b"BASE", "turtle"),
)


#: The byte order mark that some editors write at the start of a UTF-8 file: Oxigraph's Turtle and N-Triples
#: parsers refuse it ("\ufeff is not a valid subject"), other RDF tools skip it; so does Maillage.
BOM = codecs.BOM_UTF8
#: The marks of UTF-16 (Windows' "Unicode"), which say the encoding without doubt: such a file is read as UTF-8.
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
#: The encoding that an XML declaration names (an RDF/XML file in ISO-8859-1 says so; Oxigraph reads UTF-8 only).
_XML_ENCODING = re.compile(r"\s*<\?xml[^>]*?\sencoding\s*=\s*[\"']([A-Za-z][\w.:-]*)[\"']")
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
    data, encoding = in_utf8(ctx.data, fmt)
    blanked: list[int] = []
    if fmt == "rdfxml":
        data = checked_entities(data)
        if (refused := cut_short(data)) or (refused := forbidden_character(data)) or \
                (refused := forbidden_name(data)):
            raise refused
        data, blanked = without_empty_languages(data)
    elif fmt == "jsonld":
        if (deep := too_deep(data)) is not None:  # before the engine, whose parser would overflow its stack
            raise InputError(f"objets et tableaux JSON imbriqués sur plus de {MAX_NESTING} niveaux : fichier refusé",
                             line=line_of(data, deep), message_en=f"JSON objects and arrays nested more than "
                                                                  f"{MAX_NESTING} levels deep: file refused")
        if miswritten := miswritten_iris(data, terms := read_terms(data)):
            raise miswritten
    extraction = Extraction(rdf=(data, fmt), stats={"format": fmt, **({"encoding": encoding} if encoding else {})})
    if fmt not in BULK_FORMATS:  # the bulk path's are sought while the engine loads it (store_rdf)
        extraction.issues += miswritten_namespaces(data, fmt)
    if fmt == "jsonld":
        extraction.issues += sorted(duplicate_keys(data) + miswritten_languages(data, terms) + lost_keys(data, terms),
                                    key=lambda issue: issue.line or 0)
    if blanked:
        count = f"{len(blanked)} élément{'s' if len(blanked) > 1 else ''}", \
            f"{len(blanked)} element{'s' if len(blanked) > 1 else ''}"
        extraction.issues.append(Issue("Info", f'xml:lang="" (RDF/XML : aucune langue) sur {count[0]} : textes '
                                               "enregistrés sans langue",
                                       f'xml:lang="" (RDF/XML: no language) on {count[1]}: texts stored without a '
                                       "language", line=blanked[0]))
    if encoding and encoding.endswith("utf-8"):  # read as UTF-8 against the declaration, on some lines or all
        _warn_utf8_declared_otherwise(extraction, ctx.data.removeprefix(BOM), encoding)
    return extraction


def _warn_utf8_declared_otherwise(extraction: Extraction, data: bytes, encoding: str) -> None:
    """Warn that an RDF/XML file (``data``, without its byte order mark) whose declaration names another encoding
    was read as UTF-8 (``encoding``: "utf-8" when the whole file is, else the declared one's name and "+utf-8"),
    naming its lines in UTF-8."""
    declared = _XML_ENCODING.match(data[:1024].decode("latin-1"))[1]
    lines = sorted(_utf8_lines(data))
    shown = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
    which_fr, which_en = ("le fichier est", "the file is") if encoding == "utf-8" else \
        (f"la ligne {shown} est", f"line {shown} is") if len(lines) == 1 else \
        (f"les lignes {shown} sont", f"lines {shown} are")
    extraction.warn(f"la déclaration XML annonce l'encodage « {declared} », mais {which_fr} en UTF-8 : lu en "
                    "UTF-8 ; corrigez sa déclaration ou ses lignes",
                    f"the XML declaration says '{declared}', but {which_en} in UTF-8: read as UTF-8; correct its "
                    "declaration or its lines", line=lines[0])


def in_utf8(data: bytes, fmt: str) -> tuple[bytes, str | None]:
    """``data`` in UTF-8, without a byte order mark, and the encoding it was in when that was another one: UTF-16
    by its mark, or for RDF/XML the one its XML declaration names (the declaration then says UTF-8); "utf-8" for an
    RDF/XML file whose declaration names another encoding but whose bytes are UTF-8.

    >>> in_utf8(b'<?xml version="1.0" encoding="ISO-8859-1"?><rdf:RDF>Soci\\xe9t\\xe9', "rdfxml")
    (b'<?xml version="1.0" encoding="UTF-8"?><rdf:RDF>Soci\\xc3\\xa9t\\xc3\\xa9', 'iso-8859-1')
    """
    if data.startswith(BOM):
        data = data[len(BOM):]  # a copy, for the rare file that has one
    text, encoding = None, None
    if data.startswith(UTF16_BOMS):
        text, encoding = decode(data, nfc=False)  # as written; a damaged file refused with the line where it breaks
    elif fmt == "rdfxml" and (declared := _XML_ENCODING.match(data[:1024].decode("latin-1"))) \
            and declared[1].lower() not in ("utf-8", "utf8"):
        if utf8 := _utf8_lines(data):  # an export that declares Latin-1 and writes UTF-8, on some lines or all
            lines = data.splitlines(keepends=True)
            latin = [n for n, line in enumerate(lines, start=1) if not line.isascii() and n not in utf8]
            text = "".join(line.decode("utf-8") if n in utf8 else _decoded(line, declared[1])
                           for n, line in enumerate(lines, start=1))
            encoding = f"{declared[1].lower()}+utf-8" if latin else "utf-8"
        else:
            text, encoding = _decoded(data, declared[1]), declared[1].lower()
    if text is None:
        return data, None
    if fmt == "rdfxml" and (declared := _XML_ENCODING.match(text)):
        text = text[:declared.start(1)] + "UTF-8" + text[declared.end(1):]
    return text.encode("utf-8"), encoding


def _utf8_lines(data: bytes) -> set[int]:
    """The lines of ``data`` that hold UTF-8 characters beyond ASCII (a line in Latin-1 with accents almost never
    reads as UTF-8).

    >>> sorted(_utf8_lines("a\\né\\n".encode() + "è\\n".encode("latin-1")))
    [2]
    """
    return {n for n, line in enumerate(data.splitlines(), start=1) if not line.isascii() and reads_as_utf8(line)}


def _decoded(data: bytes, encoding: str) -> str:
    """``data`` read in the ``encoding`` its XML declaration names; an InputError, with the line, when it cannot
    be."""
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(f"encodage « {encoding} » inconnu (déclaration XML) : enregistrez le fichier en UTF-8",
                         message_en=f"unknown encoding '{encoding}' (XML declaration): save the file as UTF-8") from None
    except UnicodeDecodeError as exc:
        line = data[:exc.start].decode(encoding, "replace").count("\n") + 1
        raise InputError(f"texte illisible en {encoding} (octet {exc.start}) : enregistrez le fichier en UTF-8",
                         line=line, message_en=f"unreadable {encoding} text (byte {exc.start}): save the file as "
                                               "UTF-8") from None


#: A document type's internal subset, where an XML file declares its entities ("<!DOCTYPE rdf:RDF [ … ]>").
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[(?P<subset>.*?)\]\s*>", re.S)
#: One entity's declaration: a general one with its value, or an external one (SYSTEM / PUBLIC), or a parameter one.
_ENTITY = re.compile(rb"<!ENTITY\s+(?P<param>%\s+)?(?P<name>[^\s\"'>]+)\s+(?:(?P<external>SYSTEM|PUBLIC)\b[^>]*"
                     rb"|\"(?P<value>[^\"]*)\"|'(?P<single>[^']*)')\s*>")
_REFERENCE = re.compile(rb"&([A-Za-z_][\w.-]*);")
#: How long one entity may grow once its references are replaced: prefixes and IRIs are tens of characters; a file
#: of a kilobyte whose nested entities grow to gigabytes (the "billion laughs") is refused before any parser.
ENTITY_LIMIT = 10_000


def checked_entities(data: bytes) -> bytes:
    """``data``, an RDF/XML file, once its entities are known to be safe: declared in the file itself (none read
    from a file or an address it names), and none growing past :data:`ENTITY_LIMIT` characters; an entity's value
    between single quotes, which XML allows and Oxigraph's parser refuses, is put between double ones.

    >>> checked_entities(b"<!DOCTYPE rdf:RDF [ <!ENTITY id 'https://ex.org/'> ]><rdf:RDF/>")
    b'<!DOCTYPE rdf:RDF [ <!ENTITY id "https://ex.org/"> ]><rdf:RDF/>'
    >>> bomb = b"<!DOCTYPE r [<!ENTITY a 'xxxxxxxxxx'>" + b"".join(
    ...     b"<!ENTITY %c '%s'>" % (98 + k, b"&%c;" % (97 + k) * 10) for k in range(4)) + b"]><r/>"
    >>> checked_entities(bomb)
    Traceback (most recent call last):
    graph.ingest.base.InputError: l'entité XML « e » s'étend à 100 000 caractères (au plus 10 000) : fichier refusé
    """
    # Sought in the whole file, each one (a comment may hold another): comments of any length may come before the
    # document type, and the engine expands the entities of one that comes after the first 64 KB all the same.
    for doctype in list(_INTERNAL_SUBSET.finditer(data)):
        data = _checked_subset(data, doctype)
    return data


def _checked_subset(data: bytes, doctype: re.Match) -> bytes:
    """``data`` once the entities that the internal subset ``doctype`` declares are known to be safe (see
    :func:`checked_entities`)."""
    values: dict[bytes, bytes] = {}
    lines: dict[bytes, int] = {}
    for match in _ENTITY.finditer(doctype["subset"]):
        at = doctype.start("subset") + match.start()
        line = data.count(b"\n", 0, at) + 1
        name = match["name"].decode("utf-8", "replace")
        if match["external"] or match["param"]:
            what_fr, what_en = ("externe", "external") if match["external"] else ("de paramètre", "parameter")
            raise InputError(f"entité XML {what_fr} « {name} » : Maillage ne lit ni fichier ni adresse qu'un document "
                             f"désigne, ni les entités de paramètre ; déclarez sa valeur dans le fichier", line=line,
                             message_en=f"{what_en} XML entity '{name}': Maillage reads no file nor address a "
                                        "document names, nor parameter entities; declare its value in the file")
        values[match["name"]] = match["value"] if match["value"] is not None else match["single"]
        lines[match["name"]] = line
        if match["single"] is not None and b'"' not in match["single"]:
            quoted = match.group(0).replace(b"'" + match["single"] + b"'", b'"' + match["single"] + b'"')
            data = data[:at] + quoted + data[at + len(quoted):]  # as long: every line and offset kept
    sizes: dict[bytes, int] = {}

    def size(name: bytes, seen: tuple[bytes, ...] = ()) -> int:
        if name not in sizes:
            if name in seen or len(seen) > 64:
                raise InputError(f"l'entité XML « {name.decode('utf-8', 'replace')} » se contient elle-même, ou "
                                 f"s'imbrique sur plus de 64 niveaux : fichier refusé", line=lines.get(name),
                                 message_en=f"XML entity '{name.decode('utf-8', 'replace')}' contains itself, or "
                                            "nests more than 64 levels deep: file refused")
            value = values.get(name, b"")
            sizes[name] = len(_REFERENCE.sub(b"", value)) + sum(
                size(ref, (*seen, name)) for ref in _REFERENCE.findall(value) if ref in values)
        return sizes[name]

    for name in values:
        if (grown := size(name)) > ENTITY_LIMIT:
            fr, limit = f"{grown:,}".replace(",", " "), f"{ENTITY_LIMIT:,}".replace(",", " ")
            raise InputError(f"l'entité XML « {name.decode('utf-8', 'replace')} » s'étend à {fr} caractères (au "
                             f"plus {limit}) : fichier refusé", line=lines[name],
                             message_en=f"XML entity '{name.decode('utf-8', 'replace')}' grows to {grown:,} "
                                        f"characters (at most {ENTITY_LIMIT:,}): file refused")
    return data


#: An empty xml:lang attribute, which Oxigraph's RDF/XML parser refuses (any xml:lang must be a language tag).
_EMPTY_LANG = re.compile(rb"""\sxml:lang\s*=\s*(?:""|'')""")
#: A start tag, its attribute values between quotes (where ">" may be), and one attribute of it.
_START_TAG = re.compile(rb"""<[^\s/>!?]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""")
_ATTRIBUTE = re.compile(rb"""\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def without_empty_languages(data: bytes) -> tuple[bytes, list[int]]:
    """``data``, an RDF/XML document, with its empty ``xml:lang`` attributes blanked out, and their lines.

    ``xml:lang=""`` is legal RDF/XML: the element's literals have no language (RDF 1.1 XML Syntax, section 2.7;
    rdflib reads it so); Oxigraph's parser refuses the whole file. Where no enclosing element gives a language, the
    attribute says what its absence says: it is replaced by as many spaces (every line and offset kept), the rest
    of the file as the engine reads it. Under an element that gives one (``<rdf:RDF xml:lang="fr">``), without it
    the texts would take that language: an InputError with the line. Only a document that writes one is read, by
    expat, for its elements (none within an XML literal, whose markup is text).

    >>> without_empty_languages(b'<rdf:RDF>\\n<s:l xml:lang="">x</s:l></rdf:RDF>')
    (b'<rdf:RDF>\\n<s:l            >x</s:l></rdf:RDF>', [2])
    """
    if _EMPTY_LANG.search(data) is None:
        return data, []
    from xml.parsers import expat

    parser = expat.ParserCreate()
    scopes = [("", False)]  # the language in scope, and whether within an XML literal
    found: list[tuple[int, int, str]] = []  # each empty xml:lang: its tag's offset, line, and the language it resets

    def start(name: str, attributes: dict) -> None:
        language, literal = scopes[-1]
        if not literal and attributes.get("xml:lang") == "":
            found.append((parser.CurrentByteIndex, parser.CurrentLineNumber, language))
        scopes.append((scopes[-1] if literal else
                       (attributes.get("xml:lang", language),
                        any(key.rpartition(":")[2] == "parseType" and value == "Literal"
                            for key, value in attributes.items()))))

    parser.StartElementHandler, parser.EndElementHandler = start, lambda name: scopes.pop()
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        pass  # not well-formed: those before the error blanked, the engine says where it is
    if reset := next(((line, language) for _, line, language in found if language), None):
        raise InputError(f'xml:lang="" dans un élément en langue « {reset[1]} » : Maillage ne sait pas enregistrer '
                         f"ces textes sans langue (sans l'attribut, ils prendraient la langue « {reset[1]} ») ; "
                         "retirez xml:lang de l'élément englobant, et donnez leur langue aux textes qui en ont une",
                         line=reset[0], message_en=f'xml:lang="" within an element in language \'{reset[1]}\': '
                         "Maillage cannot store these texts without a language (without the attribute, they would "
                         f"take the language '{reset[1]}'); remove xml:lang from the enclosing element, and give their "
                         "language to the texts that have one")
    blanked = bytearray(data)
    for offset, _, _ in found:
        if tag := _START_TAG.match(data, offset):
            for attribute in _ATTRIBUTE.finditer(data, tag.start(), tag.end()):
                if attribute[1] == b"xml:lang" and not (attribute[2] or attribute[3]):
                    start_at = attribute.start(1)
                    blanked[start_at:attribute.end()] = re.sub(rb"[^\n]", b" ", data[start_at:attribute.end()])
    return bytes(blanked), [line for _, line, _ in found]


KIND = SourceKind("rdf", "Fichier RDF", "RDF file", detect, extract,
                  extensions=tuple(e for f in RDF_FORMATS for e in f.extensions), near_miss=near_miss)
