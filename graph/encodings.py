"""Decode the bytes of a text table and repair the mojibake already in its text (DATA-FORMATS.md §5, pitfalls 1–4).

- encodings (pitfalls 1–3): UTF-16 with a BOM; a UTF-8 BOM followed by UTF-8 *or* cp1252 bytes; UTF-8; cp1252
  (never latin-1: ``€`` is 0x80, ``œ`` 0x9C, ``’`` 0x92). The decision is made once per file, not per line;
- mojibake already in the text (pitfall 4): UTF-8 read as cp1252 (``Ã©``) is repaired with ftfy, DOS CP850 read
  as cp1252 (``D‚partement``) is decoded back, the OOXML escape ``_x0001_`` becomes a newline.
"""

from __future__ import annotations

import codecs
import re

_OOXML = re.compile(r"_x([0-9A-Fa-f]{4})_")
#: What a cell that :func:`repair_text` would change holds (a cheap test: most cells hold none of it).
SUSPECT = re.compile(r"Ã.|Â.|â€|[A-Za-z]‚[A-Za-z]")
_CP850 = re.compile(r"[A-Za-z]?‚[A-Za-z]|[A-Za-z]Š[A-Za-z]|[A-Za-z]…[A-Za-z]")


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


def decode(data: bytes) -> tuple[str, str]:
    """Return the text of a file and the encoding used, decided once for the whole file.

    >>> decode("é".encode("cp1252")), decode(codecs.BOM_UTF8 + "é".encode("cp1252"))
    (('é', 'cp1252'), ('é', 'utf-8-bom+cp1252'))
    >>> decode(codecs.BOM_UTF16_LE + "é;x".encode("utf-16-le"))
    ('é;x', 'utf-16')
    """
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return data.decode("utf-16"), "utf-16"
    head = data[:400]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[3:] if bom else data
    try:
        return body.decode("utf-8"), "utf-8-bom" if bom else "utf-8"
    except UnicodeDecodeError:
        # cp1252 leaves 5 bytes undefined: they become U+FFFD, which callers flag as lost data (pitfall 7).
        return body.decode("cp1252", errors="replace"), "utf-8-bom+cp1252" if bom else "cp1252"
