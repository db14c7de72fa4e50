"""Decode the bytes of a text table and repair the mojibake already in its text (DATA-FORMATS.md §5, pitfalls 1–4).

- encodings (pitfalls 1–3): UTF-16 with a BOM; a UTF-8 BOM followed by UTF-8 *or* cp1252 bytes; UTF-8; cp1252
  (never latin-1: ``€`` is 0x80, ``œ`` 0x9C, ``’`` 0x92); MacRoman or DOS CP850 when their French letters outnumber
  cp1252's (with a warning). The decision is made once per file, not per line,
  except in a file where UTF-8 lines with accents and lines that are not UTF-8 mix (rows pasted from another
  export): each line is then read in its own encoding, and the cp1252 lines are named;
- mojibake already in the text (pitfall 4): UTF-8 read as cp1252 (``Ã©``) is repaired with ftfy, DOS CP850 read
  as cp1252 (``D‚partement``) is decoded back, the OOXML escape ``_x0001_`` becomes a newline.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from graph.ingest.base import InputError, Issue

_OOXML = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: What a cell that :func:`repair_text` would change holds (a cheap test: most cells hold none of it).
SUSPECT = re.compile(r"Ã.|Â.|â€|[A-Za-z]‚[A-Za-z]")
#: What old Mac Excel's MacRoman French looks like read as cp1252, inside a word: é -> Ž, à -> ˆ, ô -> ™, â -> ‰,
#: è ç ê ù -> undefined bytes (U+FFFD). The decoding that gives more French accented letters is kept.
_MAC_ROMAN = re.compile("[A-Za-z][Ž\ufffdˆ‰™•][a-z]")
_FRENCH = re.compile("[éèêëàâäîïôöûùüçœ]")
#: French letters of either case, next to a letter (a cp1252 ``€`` or no-break space is CP850 ``Ç``, ``á``), to
#: tell DOS CP850 from cp1252: CP850 puts é at 0x82, É at 0x90 (undefined in
#: cp1252), È at 0xD4 (cp1252 ``Ô``); a cp1252 ``é`` (0xE9) is CP850 ``Ú``.
_FRENCH_ANY = re.compile("(?<=[A-Za-z])[éèêëàâäîïôöûùüçœÉÈÊËÀÂÎÏÔÛÙÜÇŒ]|[éèêëàâäîïôöûùüçœÉÈÊËÀÂÎÏÔÛÙÜÇŒ](?=[A-Za-z])")
#: An ASCII character shifted by one byte in UTF-16 (``a`` -> U+6100): a byte was lost before it.
_SHIFTED = re.compile("[" + "".join(chr(byte << 8) for byte in range(0x21, 0x7F)) + "]")
_CP850 = re.compile(r"[A-Za-z]?‚[A-Za-z]|[A-Za-z]Š[A-Za-z]|[A-Za-z]…[A-Za-z]")
#: What an ISO-8859-15 (Latin-9) file looks like read as cp1252: its euro sign (0xA4) is "¤" by a figure, its "œ"
#: (0xBD) and "Œ" (0xBC) are "½" and "¼" inside a word ("C½ur", "Mise en ½uvre"). Such a file has none of the
#: bytes 0x80–0x9F, which cp1252 uses for "€", "’", "œ" and Latin-9 leaves to control characters.
_LATIN9 = re.compile(r"\d[ \u00a0]?¤|¤[ \u00a0]?\d|[A-Za-z]½[a-z]|(?<![\d/])[½¼](?=[a-zA-Z]{2})")
_CP1252_ONLY = re.compile(rb"[\x80-\x9f]")


def repair_text(text: str) -> str:
    """Undo the mojibake of a cell: UTF-8 read as cp1252 (ftfy), CP850 read as cp1252, OOXML ``_x0001_`` escapes.

    >>> repair_text("Aide notifiÃ©e ÃƒÂ  l'Europe"), repair_text("D‚partement de l'Aude")
    ("Aide notifiée à l'Europe", "Département de l'Aude")
    >>> repair_text("Gestion_x0001_Participation")
    'Gestion\\nParticipation'
    """
    if "_x" in text:
        text = _OOXML.sub(_unescape_ooxml, text)
    if not SUSPECT.search(text):
        return text
    if _CP850.search(text):
        try:
            return text.encode("cp1252").decode("cp850")
        except UnicodeEncodeError:
            pass
    import ftfy  # imported when first needed: 0.4 s at start-up otherwise

    return ftfy.fix_encoding(text)


def _unescape_ooxml(match: re.Match) -> str:
    char = chr(int(match[1], 16))
    # Montpellier's generator wrote its line break as _x0001_ (README of VilleMTP_MTP_Delibs).
    return "\n" if char in "\x01\r\n\x0b" else (" " if ord(char) < 32 else char)


def composed(text: str) -> str:
    """``text`` in Unicode's composed form (NFC): an accent written as a letter and a combining mark, as macOS tools
    and some PDF text extractors write it ("Ho\u0302pital"), becomes the one accented letter ("Hôpital") that a
    keyboard types, so that both spellings are one word. A text already composed, nearly every one, is returned
    as it is after a check that costs a fraction of reading it.

    >>> composed("Ho\u0302pital Ste\u0301phane") == "Hôpital Stéphane", composed("Hôpital")
    (True, 'Hôpital')
    """
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def decode(data: bytes, *, nfc: bool = True) -> tuple[str, str]:
    """Return the text of a file and the encoding used, decided once for the whole file; its accents composed
    (:func:`composed`) unless ``nfc`` is false (an RDF file, whose literals are stored as written).

    >>> decode("é".encode("cp1252")), decode(codecs.BOM_UTF8 + "é".encode("cp1252"))
    (('é', 'cp1252'), ('é', 'utf-8-bom+cp1252'))
    >>> decode("D'ÉDUCATION DE BÈGLES".encode("cp850"))
    ("D'ÉDUCATION DE BÈGLES", 'cp850')
    >>> decode(codecs.BOM_UTF16_LE + "é;x".encode("utf-16-le"))
    ('é;x', 'utf-16')
    >>> decode("aide en numéraire ; coût à prévoir".encode("mac_roman"))
    ('aide en numéraire ; coût à prévoir', 'mac-roman')

    Raises InputError for a UTF-16 file that does not decode: a byte lost inside shifts the rest of it.
    """
    text, encoding = _decode(data)
    return (composed(text) if nfc else text), encoding


def _decode(data: bytes) -> tuple[str, str]:
    """:func:`decode`, the accents left as the file writes them."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return _utf16(data), "utf-16"
    head = data[:400]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    try:
        return body.decode("utf-8"), "utf-8-bom" if bom else "utf-8"
    except UnicodeDecodeError:
        if (mixed := _mixed(body)) is not None:
            return mixed, "utf-8-bom+utf-8+cp1252" if bom else "utf-8+cp1252"
        # cp1252 leaves 5 bytes undefined: they become U+FFFD, which callers flag as lost data (pitfall 7).
        text, encoding = body.decode("cp1252", errors="replace"), "cp1252"
        if _MAC_ROMAN.search(text) and _accents(mac := body.decode("mac_roman")) > _accents(text):
            text, encoding = mac, "mac-roman"
        elif _LATIN9.search(text) and not _CP1252_ONLY.search(body):
            text, encoding = body.decode("iso-8859-15"), "iso-8859-15"
        elif _dos_score(dos := body.decode("cp850")) > _dos_score(text):
            text, encoding = dos, "cp850"
        return text, f"utf-8-bom+{encoding}" if bom else encoding


def _mixed(body: bytes) -> str | None:
    """The text of ``body`` read line by line, UTF-8 where a line is UTF-8, cp1252 elsewhere, when some line with
    accents is UTF-8 (else None: a cp1252 file). A UTF-8 character never holds a line break's byte.

    >>> _mixed("é\\n".encode() + "è\\n".encode("cp1252")), _mixed("é\\n".encode("cp1252") + b"a\\n")
    ('é\\nè\\n', None)
    """
    parts, utf8_accents = [], False
    for line in body.splitlines(keepends=True):
        try:
            parts.append(line.decode("utf-8"))
            utf8_accents = utf8_accents or not line.isascii()
        except UnicodeDecodeError:
            parts.append(line.decode("cp1252", errors="replace"))
    return "".join(parts) if utf8_accents else None


def cp1252_lines(data: bytes) -> list[int]:
    """The lines of ``data`` that are not UTF-8 (a file :func:`decode` read line by line).

    >>> cp1252_lines("a\\né\\n".encode() + "è\\n".encode("cp1252"))
    [3]
    """
    lines = data.removeprefix(codecs.BOM_UTF8).splitlines()
    return [n for n, line in enumerate(lines, start=1) if not reads_as_utf8(line)]


def reads_as_utf8(line: bytes) -> bool:
    """Whether ``line`` decodes as UTF-8 (a line in Windows-1252 or Latin-1 with accents almost never does)."""
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _dos_score(text: str) -> int:
    """French letters of either case within words of ``text``, less its U+FFFD (bytes cp1252 leaves undefined).

    >>> _dos_score("SANT\ufffd DE BÔGLES"), _dos_score("SANTÉ DE BÈGLES")
    (0, 2)
    """
    return len(_FRENCH_ANY.findall(text)) - text.count("\ufffd")


def _accents(text: str) -> int:
    return len(_FRENCH.findall(text))


def _utf16(data: bytes) -> str:
    """The text of UTF-16 ``data`` (with its BOM); a last odd byte, half a character, is left out
    (:func:`encoding_issue` tells it). A byte lost inside makes every following ASCII character a code point
    ``0xNN00``: the file is refused from there.

    >>> _utf16(codecs.BOM_UTF16_LE + "nom;montant\\nA;1".encode("utf-16-le")[:-1])
    'nom;montant\\nA;'
    """
    body = data[:len(data) - len(data) % 2]
    try:
        text = body.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise InputError(f"fichier UTF-16 tronqué ou endommagé (octet {exc.start})",
                         message_en=f"truncated or damaged UTF-16 file (byte {exc.start})") from None
    if len(data) % 2 and (shifted := _SHIFTED.search(text)):
        line = text.count("\n", 0, shifted.start()) + 1
        raise InputError("fichier UTF-16 endommagé : un octet y manque, la suite est illisible", line=line,
                         message_en="damaged UTF-16 file: a byte is missing, what follows cannot be read")
    return text


def text_head(data: bytes, size: int = 200_000) -> str:
    """The first ``size`` characters of a text file, decoded as :func:`decode` decodes it, for detection: a UTF-16
    file that :func:`decode` refuses (damaged) is read as UTF-8 with replacements, its reader telling what is wrong.

    >>> text_head(codecs.BOM_UTF16_LE + "Délibération".encode("utf-16-le"), 5), text_head("é".encode("cp1252"))
    ('Délib', 'é')
    """
    try:
        return decode(data)[0][:size]
    except InputError:
        return data[:size].decode("utf-8-sig", errors="replace")


#: The encodings that :func:`decode` tells, as a coordinator knows them.
ENCODING_NAMES = {"cp1252": "Windows-1252", "utf-8-bom+cp1252": "Windows-1252", "utf-16": "UTF-16",
                  "utf-16-le": "UTF-16", "mac-roman": "MacRoman (ancien Excel pour Mac)",
                  "utf-8-bom+mac-roman": "MacRoman (ancien Excel pour Mac)", "cp850": "CP850 (DOS)",
                  "utf-8-bom+cp850": "CP850 (DOS)", "iso-8859-15": "ISO-8859-15 (Latin-9)",
                  "utf-8-bom+iso-8859-15": "ISO-8859-15 (Latin-9)", "utf-8+cp1252": "UTF-8 et Windows-1252 mêlés",
                  "utf-8-bom+utf-8+cp1252": "UTF-8 et Windows-1252 mêlés"}


def encoding_name(encoding: str) -> str:
    """An encoding that :func:`decode` tells, as a coordinator knows it.

    >>> encoding_name("utf-8-bom+cp1252"), encoding_name("utf-16-le")
    ('Windows-1252', 'UTF-16')
    """
    return ENCODING_NAMES.get(encoding, encoding)


def is_utf8(encoding: str) -> bool:
    """Whether :func:`decode` read a file as UTF-8 throughout (with or without a byte order mark)."""
    return encoding in ("utf-8", "utf-8-bom")


def encoding_issue(data: bytes, encoding: str | None) -> Issue | None:
    """A warning about how ``data`` was decoded (as ``encoding``): UTF-16 that ends with half a character (cut
    short), MacRoman (told from cp1252 by its accents: a guess worth checking)."""
    if encoding and encoding.startswith("utf-16") and len(data) % 2:
        return Issue("warning", "fichier UTF-16 tronqué : son dernier octet, un demi-caractère, est ignoré",
                     "truncated UTF-16 file: its last byte, half a character, is ignored")
    if encoding and encoding.endswith("utf-8+cp1252"):
        lines = cp1252_lines(data)
        shown = ", ".join(map(str, lines[:10])) + (f" et {len(lines) - 10} autres" if len(lines) > 10 else "")
        shown_en = ", ".join(map(str, lines[:10])) + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")
        plural = "s" if len(lines) > 1 else ""
        return Issue("warning", f"encodages mêlés : ligne{plural} {shown} en Windows-1252, le reste en UTF-8 : chaque "
                                "ligne lue dans le sien (vérifiez leurs accents)",
                     f"mixed encodings: line{plural} {shown_en} in Windows-1252, the rest in UTF-8: each line read in "
                     "its own (check their accents)", line=lines[0] if lines else None)
    if encoding and encoding.endswith("cp850"):
        return Issue("warning", "fichier lu en CP850 (DOS), ses accents l'indiquent : vérifiez-les ; enregistrez-le "
                                "en UTF-8",
                     "file read as CP850 (DOS), as its accents tell: check them; save it in UTF-8")
    if encoding and encoding.endswith("iso-8859-15"):
        return Issue("warning", "fichier lu en ISO-8859-15 (Latin-9), ses « € » et « œ » l'indiquent : vérifiez-les ; "
                                "enregistrez-le en UTF-8",
                     "file read as ISO-8859-15 (Latin-9), as its '€' and 'œ' tell: check them; save it in UTF-8")
    if encoding and encoding.endswith("mac-roman"):
        return Issue("warning", "fichier lu en MacRoman (ancien Excel pour Mac), ses accents l'indiquent : "
                                "vérifiez-les", "file read as MacRoman (old Excel for Mac), as its accents tell: "
                                                "check them")
    return None


def is_blank(data: bytes) -> bool:
    """Whether ``data`` holds nothing but a byte order mark, blanks and line breaks.

    >>> is_blank(b""), is_blank(codecs.BOM_UTF8 + b"\\r\\n"), is_blank(codecs.BOM_UTF16_LE + b"\\n\\x00")
    (True, True, True)
    >>> is_blank(b" a"), is_blank(b"\\x00")
    (False, False)
    """
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return not data.decode("utf-16", errors="replace").strip()
    return not data.removeprefix(codecs.BOM_UTF8).strip(b" \t\r\n")
