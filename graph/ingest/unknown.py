"""What a file of no known kind plainly is, for detection to say so instead of suggesting ``--kind``: JSON that is
not JSON-LD (a Table Schema, a JSON Schema, plain JSON), XML that is not RDF/XML (an ACTES envelope, a chart of
accounts), a table whose header names none of the columns of the tables Maillage reads. ``--kind`` helps only
a file that is one of the kinds and was not recognised as such; for these, no kind would read it.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

from graph.encodings import text_head
from graph.ingest.base import InputError, SourceContext

#: What Maillage reads, for a refusal to say (French, English).
READ = ("délibérations (PDF, texte, Markdown) ; listes SCDL de subventions ou de délibérations, extraits RNA ou "
        "SIRENE, annuaires d'associations d'une collectivité (CSV, XLSX, ODS) ; registre des partenaires (YAML, CSV, "
        "XLSX, ODS) ; RDF (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML)",
        "deliberations (PDF, text, Markdown); SCDL lists of grants or deliberations, RNA or SIRENE extracts, local "
        "authorities' directories of associations (CSV, XLSX, ODS); the partner register (YAML, CSV, XLSX, ODS); RDF "
        "(Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML)")
#: Names of keys or columns shown: enough to recognise the file.
SHOWN = 4
TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xls", ".ods")
#: The names of the text files Maillage reads: one of binary bytes is said to be no text.
TEXT_SUFFIXES = (".csv", ".tsv", ".txt", ".md", ".markdown", ".yaml", ".yml", ".ttl", ".trig", ".nt", ".nq", ".json",
                 ".jsonld", ".rdf", ".owl", ".xml")


def plainly_not(ctx: SourceContext) -> InputError | None:
    """The refusal of a file that is plainly none of the kinds (JSON without ``@context``, a table of unknown
    columns), saying what it is and what Maillage reads; None when it may be one that detection missed.

    >>> from pathlib import Path
    >>> refusal = plainly_not(SourceContext(Path("area.json"), b'{"name": "Ward 1"}'))
    >>> refusal.issue.message.split(" ; ")[0]
    'type de fichier non reconnu : du JSON sans « @context » (clés : « name »), pas du JSON-LD'
    """
    seen = _binary(ctx) or _json(ctx) or _html(ctx) or _xml(ctx) or _table(ctx) or _foreign(ctx)
    if seen is None:
        return None
    (what, what_en), line = seen
    return InputError(f"type de fichier non reconnu : {what} ; Maillage lit : {READ[0]}", line=line,
                      message_en=f"unrecognised file kind: {what_en}; Maillage reads: {READ[1]}")


#: The first bytes of the compressed files that publishers hand out (a gzip'd export, a download of several files),
#: with the compression's name.
COMPRESSED = ((b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\xfd7zXZ\x00", "xz"), (b"\x28\xb5\x2f\xfd", "zstd"),
              (b"7z\xbc\xaf\x27\x1c", "7z"), (b"Rar!\x1a\x07", "rar"))


def compressed(data: bytes) -> InputError | None:
    """The refusal of a compressed file, or of a zip archive that is not a workbook (XLSX and ODS are zips too):
    no kind reads it as it is, whatever ``--kind`` says, and its bytes would be read as a garbled header; None for
    any other file.

    >>> compressed(b"\\x1f\\x8b\\x08\\x00rest").issue.message.split(" ; ")[0]
    "fichier compressé (gzip) : décompressez-le d'abord"
    >>> compressed(b"nom;montant\\n") is None
    True
    """
    for magic, name in COMPRESSED:
        if data.startswith(magic):
            return InputError(f"fichier compressé ({name}) : décompressez-le d'abord ; puis importez le fichier qu'il "
                              "contient", message_en=f"compressed file ({name}): decompress it first, then ingest the "
                                                     "file it holds")
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return None  # a damaged workbook, maybe: the spreadsheet reader tells
        if names and not {"[Content_Types].xml", "mimetype", "content.xml"} & set(names):
            shown, shown_en = _names(names)
            files, files_en = (f"{len(names)} fichiers", f"{len(names)} files") if len(names) > 1 else ("1 fichier",
                                                                                                       "1 file")
            return InputError(f"archive zip ({files} : {shown}), pas un classeur : extrayez-en les fichiers, puis "
                              "importez-les", message_en=f"zip archive ({files_en}: {shown_en}), not a spreadsheet: "
                                                         "extract its files, then ingest them")
    return None


#: The word processors' documents, by what their bytes hold (a zip's member, an OLE directory's stream name, a
#: prefix), with their name.
_WORD_MEMBERS = {"word/document.xml": "Word, .docx"}
_ODF_TEXT = b"application/vnd.oasis.opendocument.text"
_OLE_WORD = "WordDocument".encode("utf-16-le")


def word_document(data: bytes) -> InputError | None:
    r"""The refusal of a word processor's document (Word, OpenDocument, RTF), which a deliberation often is before
    it is published: Maillage reads its text once exported (PDF, text, Markdown). None for any other file.

    >>> word_document(b"{\\rtf1\\ansi D\\'e9lib\\'e9ration}").issue.message.split(" : ")[0]
    'document de traitement de texte (RTF)'
    >>> word_document(b"nom;montant\n") is None
    True
    """
    name = None
    if data.startswith(b"{\\rtf"):
        name = "RTF"
    elif data.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = set(archive.namelist())
            if "mimetype" in members and archive.read("mimetype").strip() == _ODF_TEXT:
                name = "OpenDocument, .odt"
        except (zipfile.BadZipFile, OSError, ValueError, KeyError, NotImplementedError):
            return None  # a damaged workbook, maybe: the spreadsheet reader tells
        name = name or next((kind for member, kind in _WORD_MEMBERS.items() if member in members), None)
    elif data.startswith(b"\xd0\xcf\x11\xe0") and _OLE_WORD in data:
        name = "Word 97-2003, .doc"
    if name is None:
        return None
    return InputError(f"document de traitement de texte ({name}) : Maillage lit le texte d'une délibération en PDF, "
                      "en texte ou en Markdown ; enregistrez-le sous l'un de ces formats (Fichier › Exporter en PDF, "
                      "ou Enregistrer sous › Texte brut), puis importez ce fichier",
                      message_en=f"word processor document ({name}): Maillage reads a deliberation's text as PDF, "
                                 "text or Markdown; save it in one of these formats (File › Export as PDF, or Save as "
                                 "› Plain text), then ingest that file")


def _names(names: list[str]) -> tuple[str, str]:
    shown = [name.strip().replace("\n", " ")[:40] for name in names[:SHOWN]]
    more = ", …" if len(names) > SHOWN else ""
    return ", ".join(f"« {n} »" for n in shown) + more, ", ".join(f"'{n}'" for n in shown) + more


def _json(ctx: SourceContext) -> tuple[tuple[str, str], None] | None:
    if ctx.data.lstrip()[:1] not in (b"{", b"["):
        return None
    try:
        value = json.loads(ctx.data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(value, dict):
        if "@context" in value or "@graph" in value:
            return None
        if isinstance(value.get("fields"), list):
            return ("un schéma de données (Table Schema, « fields ») : il décrit les colonnes d'un tableau, il n'en "
                    "contient pas les données ; importez le fichier CSV ou XLSX qu'il décrit",
                    "a data schema (Table Schema, 'fields'): it describes a table's columns, it holds none of its "
                    "data; ingest the CSV or XLSX file it describes"), None
        if "$schema" in value:
            return ("un schéma JSON (« $schema ») : il décrit des données, il n'en contient pas",
                    "a JSON Schema ('$schema'): it describes data, it holds none"), None
        keys, keys_en = _names(list(value))
        return (f"du JSON sans « @context » (clés : {keys}), pas du JSON-LD",
                f"JSON without '@context' (keys: {keys_en}), not JSON-LD"), None
    if isinstance(value, list) and not any(isinstance(v, dict) and "@context" in v for v in value):
        return ("une liste JSON sans « @context », pas du JSON-LD",
                "a JSON list without '@context', not JSON-LD"), None
    return None


#: How much of a file is looked at to tell text from binary, and the share of control bytes (NUL and the other C0
#: controls but tab, line feed, form feed and carriage return) above which it is binary: random bytes have one in
#: nine, a text exported with a stray NUL in a cell (which the table reader removes with a warning) far fewer.
BINARY_PEEK = 4096
BINARY_SHARE = 0.05
#: Control bytes below which a file is not said binary, whatever their share: a few-byte table with a NUL is text.
BINARY_LEAST = 16
_CONTROL_BYTES = bytes(b for b in [*range(0x20), 0x7F] if b not in b"\t\n\x0c\r")


def control_bytes(data: bytes) -> tuple[int, int] | None:
    """How many control bytes, and of them NULs, the first :data:`BINARY_PEEK` bytes of a binary file hold; None for
    a text (UTF-16 included, whose every other byte may be NUL).

    >>> control_bytes(b"nom;montant\\nClub\\x00 A;12\\n" * 3) is None
    True
    >>> control_bytes(bytes(range(256)))
    (29, 1)
    >>> control_bytes(b"a;b\\n\\x00\\x01\\n") is None
    True
    """
    from graph.encodings import decode

    head = data[:BINARY_PEEK]
    controls = sum(head.count(byte) for byte in _CONTROL_BYTES)
    if controls < BINARY_LEAST or controls <= BINARY_SHARE * len(head):
        return None
    try:
        if decode(head)[1].startswith("utf-16"):
            return None
    except InputError:
        pass  # not text in any encoding the readers know
    return controls, head.count(0)


def _binary(ctx: SourceContext) -> tuple[tuple[str, str], None] | None:
    """A file of bytes that are no text (an image, an executable, random bytes) under a table's or a text's name:
    its bytes are not shown as a header, nor a line of it named."""
    if ctx.path.suffix.lower() not in TEXT_SUFFIXES or (counts := control_bytes(ctx.data)) is None:
        return None
    controls, nuls = counts
    size = min(len(ctx.data), BINARY_PEEK)
    suffix = ctx.path.suffix.lstrip(".").upper() or "texte"
    return (f"fichier binaire, pas un fichier {suffix} : {nuls} octets nuls et {controls - nuls} autres octets de "
            f"contrôle dans ses {size} premiers octets, qu'aucun texte ne contient",
            f"binary file, not a {suffix} file: {nuls} NUL bytes and {controls - nuls} other control bytes in its "
            f"first {size} bytes, which no text holds"), None


def not_a_pdf(ctx: SourceContext) -> InputError | None:
    """The refusal of a file named ``.pdf`` that is no PDF (a PDF starts with ``%PDF-``, ISO 32000-1 7.5.2, within
    its first 1024 bytes as readers allow), saying what it is when its bytes tell (a web page, plain text), else
    that it does not start so; None for a PDF. A word processor's document or an archive is refused before
    (:func:`word_document`, :func:`compressed`). Without this, a web page saved as ``.pdf`` was told a truncated
    PDF (no ``%%EOF`` marker), and the user downloaded it again.

    >>> from pathlib import Path
    >>> not_a_pdf(SourceContext(Path("d.pdf"), b"<html><body>Deliberation</body></html>")).issue.message.split(" : ")[0]
    'fichier nommé .pdf, mais une page web (HTML), pas un PDF'
    >>> not_a_pdf(SourceContext(Path("d.pdf"), b"%PDF-1.7 ...")) is None
    True
    """
    if b"%PDF-" in ctx.data[:1024]:
        return None
    if (refused := word_document(ctx.data) or compressed(ctx.data)) is not None:
        return refused
    if _HTML_START.match(ctx.data[:4096]):
        (what, what_en), _ = _html(ctx)
    elif control_bytes(ctx.data) is None:
        what, what_en = ("du texte brut : renommez-le en .txt pour qu'il soit lu comme le texte d'une délibération",
                         "plain text: rename it .txt for it to be read as a deliberation's text")
    else:
        return InputError("fichier nommé .pdf qui n'est pas un PDF : il ne commence pas par %PDF- (un autre type de "
                          "fichier renommé, ou un téléchargement qui a échoué ?)",
                          message_en="file named .pdf that is no PDF: it does not start with %PDF- (another kind of "
                                     "file renamed, or a failed download?)")
    return InputError(f"fichier nommé .pdf, mais {what.replace(' : ', ', pas un PDF : ', 1)}",
                      message_en=f"file named .pdf, but {what_en.replace(': ', ', not a PDF: ', 1)}")


#: The start of an HTML page (after a byte order mark, blanks and comments).
_HTML_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S)


def _html(ctx: SourceContext) -> tuple[tuple[str, str], None] | None:
    """A web page (HTML), which a deliberation published on a site may be saved as."""
    if ctx.path.suffix.lower() not in (".html", ".htm", ".xhtml") and not _HTML_START.match(ctx.data[:4096]):
        return None
    return ("une page web (HTML) : enregistrez-la en PDF (Imprimer › Enregistrer au format PDF), ou copiez-en le texte "
            "dans un fichier .txt ou .md",
            "a web page (HTML): save it as PDF (Print › Save as PDF), or copy its text into a .txt or .md file"), None


#: What an XML root element (its local name) in a namespace names (French, English): the families of XML that
#: local authorities publish beside their acts.
_XML_FAMILIES = {
    (b"interieur.gouv.fr/ACTES", "Acte"): (
        "l'enveloppe ACTES d'un acte transmis au contrôle de légalité (élément racine « {root} ») : ses métadonnées, "
        "pas son texte ; importez le document de l'acte (PDF) qu'elle accompagne",
        "the ACTES envelope of an act sent to the legality control (root element '{root}'): its metadata, not its "
        "text; ingest the act's document (PDF) that it comes with"),
    (b"interieur.gouv.fr/ACTES", ""): ("un message du protocole ACTES de contrôle de légalité (élément racine "
                                       "« {root} »)", "a message of the ACTES legality control protocol (root "
                                                      "element '{root}')"),
    (b"", "Nomenclature"): ("un plan de comptes, nomenclature budgétaire (élément racine « {root} »)",
                            "a chart of accounts, budget nomenclature (root element '{root}')"),
}


def _xml(ctx: SourceContext) -> tuple[tuple[str, str], None] | None:
    from graph.ingest.rdf import XML_PEEK, xml_root

    root = xml_root(ctx)
    if root is None or not re.fullmatch(r"[\w.:-]+", root):
        return None
    head, local = ctx.data[:XML_PEEK], root.rpartition(":")[2]
    for (namespace, name), (what, what_en) in _XML_FAMILIES.items():
        if namespace in head and name in ("", local):
            return (what.format(root=root), what_en.format(root=root)), None
    return (f"un document XML (élément racine « {root} »), pas du RDF/XML",
            f"an XML document (root element '{root}'), not RDF/XML"), None


def _table(ctx: SourceContext) -> tuple[tuple[str, str], int] | None:
    from graph.spreadsheets import is_spreadsheet
    from graph.tabular import PEEK_BYTES, peek_lines, read_table

    if ctx.path.suffix.lower() not in TABLE_SUFFIXES and not is_spreadsheet(ctx.data):
        return None
    head = ctx.data if is_spreadsheet(ctx.data) else ctx.data[:PEEK_BYTES].rsplit(b"\n", 1)[0]
    try:
        # Title lines above the header ("Liste des entreprises agréées ESUS, mise à jour 01/03/2025", which a comma
        # cuts in two cells of a ","-separated table): the header is the first line of most cells.
        widest = max((keys for _, keys in peek_lines(head)), key=len, default=frozenset())
        table = read_table(head, known=widest, max_rows=5)
        header = [cell for cell in table.header if cell.strip()]
    except InputError:
        return None
    if len(header) < 2:
        return None
    columns, columns_en = _names(header)
    count = len(header)
    return (f"tableau dont l'en-tête ({count} colonnes : {columns}) ne nomme les colonnes d'aucun des tableaux lus",
            f"a table whose header ({count} columns: {columns_en}) names the columns of none of the tables read"
            ), table.header_line


#: Short words frequent in any text of a language and rare in the others' (French, English names): a text's
#: language is the one whose words it uses most. Words French shares with another ("de", "la", "il", "des", "en")
#: are left out of both; a word two foreign languages share ("con", "una") counts for one of them, since either way
#: the text is not French.
_LANGUAGE_WORDS = {
    ("français", "French"): {"le", "les", "du", "et", "est", "une", "au", "aux", "pour", "dans", "sur", "par", "qui",
                             "cette", "sont", "avec", "ou", "ne", "pas"},
    ("anglais", "English"): {"the", "and", "of", "to", "is", "that", "for", "with", "was", "be", "by", "shall",
                             "this", "are", "its", "from", "having"},
    ("espagnol", "Spanish"): {"el", "los", "las", "del", "y", "por", "para", "que", "se", "al", "es", "su", "sus",
                              "como", "con", "una"},
    ("italien", "Italian"): {"della", "che", "per", "gli", "delle", "dei", "nel", "nella", "sono", "alla", "ai",
                             "di"},
    ("allemand", "German"): {"der", "die", "und", "das", "den", "von", "mit", "für", "dem", "ist", "zu", "auf"},
}
#: Words of a language counted before a text is said to be in it: a line or two of a foreign quotation is not.
_LANGUAGE_HITS = 8


def text_language(text: str) -> tuple[str, str] | None:
    """The language (French, English names) of a text not in French, by its frequent short words; None for a
    French text, or one too short or too mixed to tell.

    >>> text_language("The Council, having deliberated, awards a grant of EUR 12,000 to the association for its "
    ...               "health centre and authorises the Mayor to sign the agreement with the association that "
    ...               "runs the centre; this is the decision of the council of the town.")
    ('anglais', 'English')
    >>> text_language("Le conseil, après en avoir délibéré, attribue une subvention de 12 000 € à l'association "
    ...               "pour son centre de santé et autorise le maire à signer la convention avec elle.") is None
    True
    """
    words = re.findall(r"[^\W\d_]+", text[:200_000].lower())
    hits = {language: sum(w in vocabulary for w in words) for language, vocabulary in _LANGUAGE_WORDS.items()}
    language, most = max(hits.items(), key=lambda item: item[1])
    french = hits[("français", "French")]
    if language == ("français", "French") or most < _LANGUAGE_HITS or most < 3 * french:
        return None
    return language


def _foreign(ctx: SourceContext) -> tuple[tuple[str, str], None] | None:
    """A text (a deliberation's kind of file) written in another language than French."""
    if ctx.path.suffix.lower() not in ("", ".txt", ".text", ".md", ".markdown"):
        return None
    language = text_language(text_head(ctx.data))  # as the deliberation reader would decode it
    if language is None:
        return None
    return (f"un texte en {language[0]}, pas une délibération française (Maillage lit les actes des collectivités "
            "françaises, en français)",
            f"a text in {language[1]}, not a French deliberation (Maillage reads the acts of French local "
            "authorities, in French)"), None
