"""The columns and rows that a legacy XLS sheet hides, read from its records: calamine reads a legacy XLS's cells and
merged ranges, but tells nothing of what the sheet hides, and no other reader is a dependency.

A legacy XLS is an OLE compound file (MS-CFB) holding a BIFF workbook stream (« Workbook », or « Book » in BIFF5):
its globals name each sheet with the offset of its records (BOUNDSHEET8, in calamine's order of sheets); a sheet's
``COLINFO`` records (MS-XLS 2.4.53) give ranges of columns with a hidden flag (``fHidden``), its ``ROW`` records
(MS-XLS 2.4.221) each row's flag (``fDyZero``). The file was checked (:func:`graph.ole_check.check_ole`) before
calamine read it; whatever cannot be followed here adds nothing (:class:`graph.sheet_layout.Layout`).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from graph.sheet_layout import Layout

_BOF, _EOF, _BOUNDSHEET, _COLINFO, _ROW = 0x0809, 0x000A, 0x0085, 0x007D, 0x0208
#: A BIFF8 sheet's columns (IV is the last).
_COLUMNS = 256
_END_OF_CHAIN, _MAX_SECTOR = 0xFFFFFFFE, 0xFFFFFFFA


def xls_layout(data: bytes, index: int) -> Layout:
    """The hidden columns and rows of the legacy XLS ``data``'s sheet ``index``; nothing when they cannot be read.

    >>> xls_layout(b"not an OLE file", 0)
    Layout(hidden_columns=frozenset(), merged=None, uncomputed=(), hidden_rows=())
    """
    try:
        stream = _workbook_stream(data)
        if stream is None:
            return Layout()
        sheets = [_U32(stream, at)[0] for kind, at in _records(stream, 0) if kind == _BOUNDSHEET]
        if index >= len(sheets):
            return Layout()
        columns: set[int] = set()
        rows: list[tuple[int, int]] = []
        for kind, at in _records(stream, sheets[index]):
            if kind == _COLINFO and _U16(stream, at + 8)[0] & 1:  # fHidden
                first, last = _RANGE(stream, at)
                columns.update(range(first, min(last + 1, _COLUMNS)))
            elif kind == _ROW and _U16(stream, at + 12)[0] & 0x20:  # fDyZero
                rows.append((_U16(stream, at)[0],) * 2)
        return Layout(hidden_columns=frozenset(columns), hidden_rows=tuple(rows))
    except (struct.error, IndexError, ValueError, UnicodeDecodeError):
        return Layout()


_U16, _U32, _RANGE = struct.Struct("<H").unpack_from, struct.Struct("<I").unpack_from, struct.Struct("<HH").unpack_from


def _records(stream: bytes, at: int) -> Iterator[tuple[int, int]]:
    """The (type, offset of the body) of the BIFF records of the substream that begins at ``at`` (a BOF), up to its
    EOF: the substreams inside it (a chart's) are skipped. A sheet's cells are a record each: nothing is copied."""
    depth, end = 0, len(stream) - 4
    while at <= end:
        kind, length = _RANGE(stream, at)
        if kind == _BOF or kind == _EOF:
            depth += 1 if kind == _BOF else -1
            if depth <= 0:
                return
        elif depth == 1:
            yield kind, at + 4
        at += 4 + length


def _workbook_stream(data: bytes) -> bytes | None:
    """The workbook stream of the OLE compound file ``data`` (MS-CFB), from its sectors or from its mini stream;
    None when it has none."""
    if not data.startswith(b"\xd0\xcf\x11\xe0") or len(data) < 512:
        return None
    size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    directory, _, cutoff, mini_fat, _, difat, difat_count = struct.unpack_from("<7I", data, 0x30)
    sectors = (len(data) - size) // size
    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < _MAX_SECTOR]
    for _ in range(difat_count):
        if difat >= _MAX_SECTOR:
            break
        entries = _u32(data, (difat + 1) * size, size // 4)
        fat_sectors += [s for s in entries[:-1] if s < _MAX_SECTOR]
        difat = entries[-1]
    fat = [entry for s in fat_sectors for entry in _u32(data, (s + 1) * size, size // 4)]

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        found = []
        while start != _END_OF_CHAIN and len(found) <= limit:
            found.append(start)
            start = table[start]
        return found

    def read(start: int) -> bytes:
        return b"".join(data[(s + 1) * size:(s + 2) * size] for s in chain(start, fat, sectors))

    entries = read(directory)
    found = root = None
    for at in range(0, len(entries) - 127, 128):
        name_size = min(struct.unpack_from("<H", entries, at + 64)[0], 64)
        name = entries[at:at + max(name_size - 2, 0)].decode("utf-16-le")
        kind, (start, length) = entries[at + 66], struct.unpack_from("<IQ", entries, at + 116)
        if size == 512:  # version 3: the high 32 bits may be garbage (MS-CFB 2.6.3)
            length &= 0xFFFFFFFF
        if kind == 5:
            root = start
        elif kind == 2 and name in ("Workbook", "Book") and found is None:
            found = (start, length)
    if found is None:
        return None
    start, length = found
    if length >= cutoff:
        return read(start)[:length]
    mini = read(root) if root is not None else b""  # a stream below the cutoff is in the root's mini stream
    table = [entry for s in chain(mini_fat, fat, sectors) for entry in _u32(data, (s + 1) * size, size // 4)]
    return b"".join(mini[s * 64:(s + 1) * 64] for s in chain(start, table, len(mini) // 64))[:length]


def _u32(data: bytes, offset: int, count: int) -> tuple[int, ...]:
    return struct.unpack_from(f"<{count}I", data, offset)
