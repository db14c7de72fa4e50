"""Write a whoosh segment in one pass from documents already turned into terms, bypassing whoosh's writer.

whoosh's ``SegmentWriter`` sends every posting through a generic pool (a tuple per posting, runs sorted and
spilled to disk, merged back at commit) and its codec writes postings one call at a time, with type checks and
a field-length lookup each: 1.5 ms of CPU per document at 10k actors, 2.5 ms at 100k (bench/README.md, "Search
speed"). Here the terms of a document are appended to one list per term (documents come in order, so the lists
are sorted), and at the end each list is cut into whoosh's blocks.

The files are those of whoosh's W3 codec — the term table, the posting blocks, the per-document columns, put
together in one compound file — so whoosh opens the segment as one of its own, and its writer can later add
update segments and merge this one. Postings hold no frequencies, positions nor field lengths (``Existence``
format): :mod:`search.reader` uses only which documents hold a term. Nothing is compressed: posting blocks of
delta-encoded numbers gave zlib nothing to gain, and stored fields are written as zlib streams of stored blocks
(:func:`zlib_stored`). Next to the segment, a warm-up file keeps what readers would otherwise compute at their
first search (:class:`WarmUp`).

>>> import tempfile
>>> from whoosh import index
>>> from whoosh.fields import ID, STORED, Schema
>>> schema = Schema(tag=ID, doc=STORED)
>>> folder = tempfile.TemporaryDirectory()
>>> ix = index.create_in(folder.name, schema)
>>> builder = SegmentBuilder(ix.storage, ix.indexname, schema)
>>> builder.add({"tag": ["b", "a"]}, {"doc": 1})
>>> builder.add({"tag": ["a"]}, {"doc": 2})
>>> commit_segments(ix, [builder.finish()])
>>> with ix.searcher() as searcher:
...     list(searcher.postings("tag", "a").all_ids()), searcher.stored_fields(1)
([0, 1], {'doc': 2})
>>> folder.cleanup()
"""

from __future__ import annotations

import heapq
import pickle
import struct
import zlib
from array import array
from binascii import crc32
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from operator import sub

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.columns import VarBytesColumn
from whoosh.filedb.filetables import HashWriter, OrderedHashWriter
from whoosh.fields import ID, KEYWORD, TEXT
from whoosh.formats import Existence
from whoosh.index import TOC, clean_files
from whoosh.util.numlists import GrowableArray

from search.bitsets import ids_to_bits, ids_to_column

#: The extension of a segment's warm-up file (a pickle; see :class:`WarmUp`). Named after the segment, it goes
#: with it when whoosh merges the segment away.
WARM_EXT = ".warm"
#: Postings per block, as whoosh's W3 codec writes them.
BLOCK = 128
#: Postings up to which a term's list is kept in the term table rather than in a block of the postings file:
#: most terms (identifiers, IRIs, rare words) belong to a document or two.
INLINE = 4

_INT = struct.Struct("!i")
_LONG = struct.Struct("!q")
_FIELD_ID = struct.Struct("!H")
_LENGTHS = struct.Struct("!ii")
_CRC32 = 1  # whoosh.filedb.filetables' number for crc_hash
_POINTER = struct.Struct("!Iq")
_ZLIB_HEADER = b"\x78\x01"  # deflate, 32 kB window, fastest level (RFC 1950)
_STORED_BLOCK = 0xFFFF  # bytes at most in a stored deflate block (RFC 1951)
_STORED_LENGTHS = struct.Struct("<HH")
_ADLER = struct.Struct(">I")
_EMPTY_SLOT = _POINTER.pack(0, 0)
# whoosh writes protocol 2, which has no opcode for bytes; its readers unpickle any protocol.
_PICKLE = pickle.HIGHEST_PROTOCOL


@dataclass(frozen=True)
class WarmUp:
    """What a segment keeps for its readers in a file of its own (WARM_EXT), so that a new reader process loads
    it rather than computes it (22–33 s at 100k actors, mostly scanning term tables for frequent terms): the
    bitset of every term of ``fields`` (facets) — for a field of more than ``resident`` values, the column of its
    values by document instead (:func:`search.bitsets.ids_to_column`) —, the bitsets of the terms of ``frequent``
    fields that more than ``ratio`` of the documents hold (``most`` at most per field), and the values of
    ``columns`` (sort keys).

    A reader keeps the bitsets of a field of few values, and only the column of the others
    (:mod:`search.segment_cache`): the places' and funders' bitsets at 100k actors (a bitset a value, up to 8 kB
    each) were 60 of the 81 MB that each web worker read from these files, only to turn them into their columns and
    free them."""

    fields: tuple[str, ...] = ()
    frequent: tuple[str, ...] = ()
    ratio: float = 0.005
    most: int = 200
    columns: tuple[str, ...] = ()
    resident: int = 256


def _codec():
    from search.schema import Codec  # the codec that segments name (schema imports this module's users)

    return Codec()


class SegmentBuilder:
    """Collect documents in memory, then write them as one whoosh segment of ``storage``.

    Each document comes as its terms per indexed field, its stored fields and its column values, in the form
    whoosh's readers return them (``search.schema.document_to_record`` makes them).
    """

    def __init__(self, storage, indexname: str, schema, codec=None, warm_up: WarmUp | None = None):
        self.storage, self.schema, self.warm_up = storage, schema, warm_up
        self.codec = codec or _codec()
        self.segment = self.codec.new_segment(storage, indexname)
        self.docnum = 0
        self._postings: dict[str, dict[str, list[int]]] = {}
        for name in schema.names():
            if schema[name].indexed:
                field = schema[name]
                if not isinstance(field, (ID, KEYWORD, TEXT)) or type(field.format) is not Existence or field.scorable:
                    raise ValueError(f"field {name!r}: only unscored text terms can be written in bulk")
                self._postings[name] = {}
        self._files = []
        self._stored = self._column_writer("_stored", VarBytesColumn())
        self._columns = {name: self._column_writer(name, schema[name].column_type)
                         for name in schema.names() if schema[name].column_type}
        self._column_values: dict[str, list] = {name: [] for name in (warm_up.columns if warm_up else ())}

    def _column_writer(self, name: str, column):
        self._files.append(self.storage.create_file(W3Codec.column_filename(self.segment, name)))
        return _BytesColumn(self._files[-1]) if type(column) is VarBytesColumn else column.writer(self._files[-1])

    def add(self, terms: Mapping[str, Iterable[str]], stored: dict, columns: Mapping | None = None) -> None:
        """Add the next document: ``terms`` per indexed field, ``stored`` fields, ``columns`` values."""
        docnum = self.docnum
        for name, texts in terms.items():
            postings = self._postings[name]
            for text in texts:
                ids = postings.get(text)
                if ids is None:
                    postings[text] = [docnum]
                elif ids[-1] != docnum:
                    ids.append(docnum)
        # What whoosh's stored-fields column holds: a pickle per document, in a zlib stream.
        self._stored.add(docnum, zlib_stored(pickle.dumps(stored, _PICKLE)))
        columns = columns or {}
        for name, value in columns.items():
            if value is not None:
                self._columns[name].add(docnum, self.schema[name].to_column_value(value))
        for name, values in self._column_values.items():
            value = columns.get(name)
            values.append(value if value is not None else self._column_default(name))
        self.docnum += 1

    def _column_default(self, name: str):
        field = self.schema[name]
        return field.from_column_value(field.column_type.default_value())

    def finish(self):
        """Write the segment's files; return the segment, to be committed with :func:`commit_segments`."""
        warm = self._warm_data() if self.warm_up else None
        for writer in (self._stored, *self._columns.values()):
            writer.finish(self.docnum)
        for handle in self._files:
            handle.close()
        self._write_terms()
        self.segment.set_doc_count(self.docnum)
        self.segment._fieldlengths = {}  # no scorable field: whoosh's per-document writer would leave it empty
        # One file, as whoosh's writer leaves a segment: readers map it in memory rather than keep a file open
        # per column.
        self.segment.create_compound_file(self.storage)
        if warm is not None:
            handle = self.segment.create_file(self.storage, WARM_EXT)
            handle.write(pickle.dumps(warm, _PICKLE))
            handle.close()
        return self.segment

    def _write_terms(self) -> None:
        terms_file = self.segment.create_file(self.storage, W3Codec.TERMS_EXT)
        postings_file = self.segment.create_file(self.storage, W3Codec.POSTS_EXT)
        table = _TermTable(terms_file)
        offset = 0
        for name in sorted(self._postings):
            postings = self._postings.pop(name)
            if not postings:
                continue
            prefix = table.start_field(name)
            entries, chunks = [], []
            for text in sorted(postings):
                ids = postings[text]
                if len(ids) <= INLINE:
                    info = _inline_term_info(ids)
                else:
                    data = _posting_blocks(ids)
                    info = _term_info(ids, offset, len(data))
                    chunks.append(data)
                    offset += len(data)
                entries.append((prefix + text.encode("utf-8"), info))
            table.add_sorted(entries)
            postings_file.write(b"".join(chunks))
        table.close()
        postings_file.close()

    def _warm_data(self) -> dict:
        """What the segment's WARM_EXT file holds (see :class:`WarmUp`)."""
        size, warm_up = self.docnum, self.warm_up
        fields, facet_columns = {}, {}
        for name in warm_up.fields:
            postings = self._postings[name]
            if len(postings) > warm_up.resident:
                texts = sorted(postings)
                facet_columns[name] = (texts, ids_to_column(dict(enumerate(map(postings.get, texts))), size))
            else:
                fields[name] = {text: ids_to_bits(ids, size) for text, ids in postings.items()}
        threshold = max(2, int(size * warm_up.ratio))
        frequent = {}
        for name in warm_up.frequent:
            postings = self._postings[name]
            common = [(len(ids), text) for text, ids in postings.items() if len(ids) >= threshold]
            frequent[name] = {text: ids_to_bits(postings[text], size)
                              for _, text in heapq.nlargest(warm_up.most, common)}
        return {"size": size, "fields": fields, "facet_columns": facet_columns, "frequent": frequent,
                "columns": self._column_values}


def _posting_blocks(ids: list[int]) -> bytes:
    """The posting list of one term in whoosh's W3 layout: a header, then blocks of BLOCK document numbers, each
    the length of what follows (negative for the last), a pickled block summary and the pickled, delta-encoded
    numbers (weights and values: None, as whoosh writes them for ``Existence`` postings)."""
    parts = [WHOOSH3_HEADER_MAGIC]
    count = len(ids)
    for start in range(0, count, BLOCK):
        block = ids[start:start + BLOCK]
        deltas = tuple(map(sub, block, [0] + block[:-1]))
        data = pickle.dumps((deltas, None, None), _PICKLE)
        info = pickle.dumps((len(block), block[-1], 1.0, 0, 0, 0), _PICKLE)
        length = len(info) + len(data)
        parts += (_INT.pack(-length if start + BLOCK >= count else length), info, data)
    return b"".join(parts)


def zlib_stored(data: bytes) -> bytes:
    """``data`` as a zlib stream of stored (uncompressed) blocks, what ``zlib.decompress`` reads back.

    whoosh's stored-fields column is read through ``zlib.decompress``. Compressing at level 1 halved it (11 MB
    instead of 21 at 10k actors) but cost 30 µs per document, and even level 0 cost 40–75 µs: zlib allocates
    256 kB of state per call, whose pages the kernel faulted in again each time.

    >>> zlib.decompress(zlib_stored(b"abc"))
    b'abc'
    """
    parts = [_ZLIB_HEADER]
    for start in range(0, len(data) or 1, _STORED_BLOCK):
        chunk = data[start:start + _STORED_BLOCK]
        final = start + _STORED_BLOCK >= len(data)
        parts += (b"\x01" if final else b"\x00", _STORED_LENGTHS.pack(len(chunk), len(chunk) ^ 0xFFFF), chunk)
    parts.append(_ADLER.pack(zlib.adler32(data)))
    return b"".join(parts)


def _inline_term_info(ids: list[int]) -> bytes:
    """The term table's entry of a term with few postings, which it holds itself (whoosh reads such entries, and
    its own writer would write them but for a typo in its codec)."""
    count = len(ids)
    return (W3TermInfo._struct.pack(1, float(count), count, 0, 0, 1.0, ids[0], ids[-1])
            + pickle.dumps((tuple(ids), None, (b"",) * count), _PICKLE))


def _term_info(ids: list[int], offset: int, length: int) -> bytes:
    """The term table's entry of a term: whoosh's W3TermInfo (flags, weight, document frequency, lengths, maximum
    weight, first and last document) and where its postings are."""
    return (W3TermInfo._struct.pack(0, float(len(ids)), len(ids), 0, 0, 1.0, ids[0], ids[-1])
            + _LONG.pack(offset) + _INT.pack(length))


class _BytesColumn:
    """whoosh's ``VarBytesColumn`` writer, for a value per document: the values, then their lengths and offsets
    (big-endian 32-bit arrays), their type codes and "X" (offsets present), with a C-level append per value
    rather than whoosh's per-value bookkeeping."""

    def __init__(self, dbfile):
        self.dbfile, self.lengths = dbfile, array("I")

    def add(self, docnum: int, value: bytes) -> None:
        if docnum > len(self.lengths):
            self.lengths.extend([0] * (docnum - len(self.lengths)))
        self.dbfile.write(value)
        self.lengths.append(len(value))

    def finish(self, doccount: int) -> None:
        self.lengths.extend([0] * (doccount - len(self.lengths)))
        offsets = array("I", accumulate(self.lengths, initial=0))
        offsets.pop()
        self.dbfile.write_array(self.lengths)
        self.dbfile.write_array(offsets)
        self.dbfile.write(b"IIX")


class _TermTable(OrderedHashWriter):
    """whoosh's term table (an ordered hash file), written a field at a time: its keys are the field's number
    and the term, its values the term infos. CRC32 rather than MD5 hashes (the file's header says which; whoosh
    reads both), and one write per field rather than three per term."""

    def __init__(self, dbfile):
        HashWriter.__init__(self, dbfile, hashtype=_CRC32)
        self.index, self.lastkey = GrowableArray("H"), b""
        self.fieldmap = self.extras["fieldmap"] = {}

    def start_field(self, name: str) -> bytes:
        """Number the field; return the prefix of its keys."""
        self.fieldmap[name] = len(self.fieldmap)
        return _FIELD_ID.pack(self.fieldmap[name])

    def add_sorted(self, entries: list[tuple[bytes, bytes]]) -> None:
        """Add ``(key, value)`` entries, in increasing key order (after every key added before)."""
        position = self.dbfile.tell()
        buckets, append_position = self.buckets, self.index.append
        chunks = []
        for key, value in entries:
            append_position(position)
            hashed = crc32(key)
            buckets[hashed & 255].append((hashed, position))
            chunks += (_LENGTHS.pack(len(key), len(value)), key, value)
            position += _LENGTHS.size + len(key) + len(value)
        self.dbfile.write(b"".join(chunks))

    def _write_hashes(self):
        # whoosh's own, with one write per table instead of one per slot.
        for entries in self.buckets:
            count = 2 * len(entries)
            self.directory.append((self.dbfile.tell(), count))
            slots: list = [None] * count
            for hashed, position in entries:
                slot = (hashed >> 8) % count
                while slots[slot] is not None:
                    slot = (slot + 1) % count
                slots[slot] = _POINTER.pack(hashed, position)
            self.dbfile.write(b"".join(slot or _EMPTY_SLOT for slot in slots))


def commit_segments(ix, segments: list) -> None:
    """Publish ``segments`` as the next generation of index ``ix`` (a new table of contents)."""
    toc = ix._read_toc()
    TOC(toc.schema, toc.segments + list(segments), toc.generation + 1).write(ix.storage, ix.indexname)
    clean_files(ix.storage, ix.indexname, toc.generation + 1, toc.segments + list(segments))
