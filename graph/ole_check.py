"""A legacy XLS's structure checked before calamine reads it: an OLE compound file (MS-CFB) whose sector chains lead
past its end (cut short) or loop (damaged), or that holds an encrypted workbook, is refused with a clear message
(:mod:`graph.spreadsheets` calls it).
"""

from __future__ import annotations

import functools
import struct
import sys
from array import array

from graph.ingest.base import InputError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls: an OLE compound file (MS-CFB)
#: MS-CFB sector numbers from MAXREGSECT on are markers (end of chain, free, FAT or DIFAT sector), not sectors.
_MAX_SECTOR = 0xFFFFFFFA
_END_OF_CHAIN = 0xFFFFFFFE


def check_ole(data: bytes) -> None:
    """Refuse a legacy XLS whose sector chains (MS-CFB) lead past its end (cut short) or loop (damaged).

    calamine panics on a sector past the end of the file and loops forever on a chain that comes back on itself
    (a zeroed block makes every sector of it point at sector 0): the chains of the directory, of the mini stream's
    table and of every stream stored in whole sectors are walked here first.

    >>> check_ole(OLE + bytes(100))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graph.ingest.base.InputError: classeur illisible : fichier .xls tronqué ou endommagé (il renvoie au-delà ...)
    """
    if len(data) < 512:
        raise _truncated(data)
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):  # 512- or 4096-byte sectors: nothing else exists
        raise _damaged()
    size = 1 << shift
    sectors = (len(data) - size) // size  # the header takes the first sector's room; a partial last one is unusable
    directory, _, cutoff, mini_fat, _, difat, difat_count = struct.unpack_from("<7I", data, 0x30)
    chain = functools.partial(_chain, data, _fat(data, size, sectors, difat, difat_count), sectors)
    entries = b"".join(data[(s + 1) * size:(s + 2) * size] for s in chain(directory))
    if mini_fat < _MAX_SECTOR:
        chain(mini_fat)
    for at in range(0, len(entries) - 127, 128):
        kind, start, length = entries[at + 66], *struct.unpack_from("<IQ", entries, at + 116)
        if kind == 2 and _entry_name(entries, at) == "EncryptedPackage":
            raise encrypted_error()
        if shift == 9:  # version 3: the size's high 32 bits may be garbage (MS-CFB 2.6.3)
            length &= 0xFFFFFFFF
        # A root (5) holds the mini stream; a stream (2) of cutoff bytes or more lies in whole sectors.
        if start < _MAX_SECTOR and (kind == 5 and length or kind == 2 and length >= cutoff):
            chain(start)


def _fat(data: bytes, size: int, sectors: int, difat: int, difat_count: int) -> array:
    """The file allocation table: the sectors that hold it are listed in the header (the first 109) and in the
    DIFAT's chain of sectors (the rest)."""
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _MAX_SECTOR]
    seen: set[int] = set()
    while difat < _MAX_SECTOR and len(seen) <= difat_count:  # the DIFAT chain, when more than 109 FAT sectors
        if difat >= sectors or difat in seen:
            raise _truncated(data) if difat >= sectors else _damaged()
        seen.add(difat)
        entries = _u32(data, (difat + 1) * size, size // 4)
        fat_sectors += [s for s in entries[:-1] if s < _MAX_SECTOR]
        difat = entries[-1]
    if any(s >= sectors for s in fat_sectors):
        raise _truncated(data)
    fat = array("I")
    for s in fat_sectors:
        fat += _u32(data, (s + 1) * size, size // 4)
    return fat


def _chain(data: bytes, fat: array, sectors: int, start: int) -> list[int]:
    """The sectors of the chain that starts at ``start``, refused when it leads past the file's ``sectors`` or
    loops."""
    found, s = [], start
    while s != _END_OF_CHAIN:
        if s >= _MAX_SECTOR or len(found) >= sectors:  # a free sector, or longer than the file: a loop
            raise _damaged()
        if s >= sectors:
            raise _truncated(data)
        if s >= len(fat):
            raise _damaged()
        found.append(s)
        s = fat[s]
    return found


def _entry_name(entries: bytes, at: int) -> str:
    """The name of the directory entry at ``at``: UTF-16LE, its length in bytes (final NUL included) at 64
    (MS-CFB 2.6.1)."""
    size = min(struct.unpack_from("<H", entries, at + 64)[0], 64)
    return entries[at:at + max(size - 2, 0)].decode("utf-16-le", "replace")


def encrypted_error() -> InputError:
    """A workbook protected by a password to open it: an XLSX or ODS encrypted by Excel is an OLE compound file
    holding an ``EncryptedPackage`` stream (MS-OFFCRYPTO 2.3.4.4); a legacy XLS holds a FILEPASS record."""
    return InputError("classeur protégé par un mot de passe (chiffré) : il ne peut pas être lu ; enregistrez-en une "
                      "copie sans mot de passe (Fichier > Informations > Protéger le classeur), ou demandez-la à qui "
                      "l'a publié",
                      message_en="spreadsheet protected by a password (encrypted): it cannot be read; save a copy "
                                 "without a password (File > Info > Protect Workbook), or ask whoever published it")


def _u32(data: bytes, offset: int, count: int) -> array:
    values = array("I", data[offset:offset + 4 * count])
    if sys.byteorder == "big":
        values.byteswap()
    return values


def _truncated(data: bytes) -> InputError:
    return InputError(f"classeur illisible : fichier .xls tronqué ou endommagé (il renvoie au-delà de ses "
                      f"{len(data)} octets)", message_en=f"unreadable spreadsheet: truncated or damaged .xls file "
                                                       f"(it refers beyond its {len(data)} bytes)")


def _damaged() -> InputError:
    return InputError("classeur illisible : fichier .xls endommagé (table d'allocation incohérente)",
                      message_en="unreadable spreadsheet: damaged .xls file (inconsistent allocation table)")
