"""What readers keep of each segment of the index, for the life of the process: term bitsets, facet columns
and bitsets, sort keys.

Segments never change once written (deletions are kept apart), so what was read of a segment serves every later
view of the index (:class:`search.reader.IndexView`); a segment written by a build comes with a warm-up file
(:class:`search.segment.WarmUp`) that holds its facet and frequent term bitsets and its sort keys.
"""

from __future__ import annotations

import pickle
from collections import OrderedDict
from pathlib import Path

from whoosh.reading import TermNotFound

from search.bitsets import bits_to_column, column_to_bits, ids_to_bits, renumber_column
from search.schema import WARM_UP
from search.segment import WARM_EXT

#: Bytes of term bitsets the segment cache keeps, its least recently used dropped first (read again on demand). A
#: segment's bitset is up to a bit per document of the segment (7.7 kB in the two 62,937-document segments of a
#: 100k-actor build): a count of 4,096 let up to 32 MB build up per worker. At 100k actors, the frequent terms of the
#: warm-up files take 8.7 MB (1,229 terms); 16 MB keeps them and ~950 more terms, as the count did at 427 varied
#: searches (15.8 MB); 24 MB made them no faster.
SEGMENT_TERM_BUDGET = 16 * 2 ** 20
#: What an entry costs besides its bitset's bytes: its key (a tuple of strings), the int's header, the dict's slot
#: and the LRU links (tracemalloc, terms of 11 letters: 185 bytes a view's entry, 238 a segment cache's), so that
#: many small or empty bitsets are bounded too.
ENTRY_OVERHEAD = 224
#: Facet fields of at most this many values keep their bitsets (kind, years, circles, themes, goals: ~5 MB at
#: 100k actors); the others (places, funders) only their column, which a build writes in place of their bitsets.
RESIDENT_VALUES = WARM_UP.resident


def bitset_bytes(bits: int) -> int:
    """What a cached bitset counts against its cache's budget: its bytes and the entry's overhead."""
    return (bits.bit_length() + 7) // 8 + ENTRY_OVERHEAD


class BitsetCache:
    """Bitsets by key, kept under a budget of bytes (see :func:`bitset_bytes`): the least recently used are dropped
    first, and read again when asked for, so a budget bounds a process's memory, never its results."""

    def __init__(self, budget: int):
        self.budget = budget
        self.bytes = 0
        self._entries: OrderedDict = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key) -> bool:
        return key in self._entries

    def get(self, key) -> int | None:
        """The bitset kept under ``key`` (now the most recently used), or None."""
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key, bits: int) -> None:
        """Keep ``bits`` under ``key``, dropping the least recently used until the budget holds (``bits`` itself
        when it alone passes the budget)."""
        previous = self._entries.pop(key, None)
        if previous is not None:
            self.bytes -= bitset_bytes(previous)
        self._entries[key] = bits
        self.bytes += bitset_bytes(bits)
        while self.bytes > self.budget:
            _, dropped = self._entries.popitem(last=False)
            self.bytes -= bitset_bytes(dropped)

    def keep_only(self, wanted) -> None:
        """Drop the entries whose key ``wanted(key)`` refuses."""
        for key in [k for k in self._entries if not wanted(k)]:
            self.bytes -= bitset_bytes(self._entries.pop(key))


def posting_bits(segment_reader, field: str, text: str) -> int:
    """The bitset (segment-local document numbers) of a term's postings in one segment, deleted ones included."""
    try:
        matcher = segment_reader.postings(field, text)
    except TermNotFound:
        return 0
    while hasattr(matcher, "child"):  # a deletion filter: deletions are masked with the live set instead
        matcher = matcher.child
    size = segment_reader.doc_count_all()
    if not hasattr(matcher, "_read_ids"):  # a short posting list stored inline with its term
        return ids_to_bits(matcher.all_ids(), size)
    # Block by block: whoosh's generator per posting (all_ids) costs ~5x more on long lists.
    buffer = bytearray((size + 7) // 8 or 1)
    while not matcher._atend:
        matcher._read_ids()
        for i in matcher._ids:
            buffer[i >> 3] |= 1 << (i & 7)
        matcher._next_block()
    return int.from_bytes(buffer, "little")


class SegmentCache:
    """Term bitsets, facet columns and bitsets per segment. Segments never change once written (deletions are
    kept apart), so what was read of a segment serves every later view: after an update, only its new small
    segment is read.

    Facet values are numbered per field, the same numbers in every segment (``values``), so that a view's column
    is its segments' columns end to end.
    """

    def __init__(self):
        self.terms = BitsetCache(SEGMENT_TERM_BUDGET)  # (segment_id, field, text) -> bitset
        self.facets: dict[tuple[str, str], dict[str, int]] = {}
        self.facet_columns: dict[tuple[str, str], list] = {}
        self.values: dict[str, list[str]] = {}
        self._numbers: dict[str, dict[str, int]] = {}
        self.columns: dict[tuple[str, str], list] = {}
        self.frequent: dict[tuple[str, str], list[str]] = {}
        self._preloaded: set[str] = set()

    def preload(self, directory: Path | None, segment_id: str) -> None:
        """Take what a segment's warm-up file holds, once (see :class:`search.segment.WarmUp`): facet and frequent
        term bitsets, sort keys. A segment without one (written by an update) has its values read on demand."""
        if segment_id in self._preloaded or directory is None:
            return
        self._preloaded.add(segment_id)
        try:
            data = pickle.loads((directory / (segment_id + WARM_EXT)).read_bytes())
        except FileNotFoundError:
            return
        for field, bits in data["fields"].items():
            self.facets[(segment_id, field)] = bits  # until its column is made (facet_column)
        for field, (texts, column) in data.get("facet_columns", {}).items():  # numbered in the segment
            self.facet_columns[(segment_id, field)] = renumber_column(column, [self._number(field, t) for t in texts])
        for field, bits in data["frequent"].items():
            self.frequent[(segment_id, field)] = list(bits)
            for text, value in bits.items():
                self.terms.put((segment_id, field, text), value)
        for name, values in data["columns"].items():
            self.columns[(segment_id, name)] = values

    def term(self, segment_reader, segment_id: str, field: str, text: str) -> int:
        """The bitset of a term in one segment (see :func:`posting_bits`), kept while the budget allows."""
        key = (segment_id, field, text)
        found = self.terms.get(key)
        if found is None:
            found = posting_bits(segment_reader, field, text)
            self.terms.put(key, found)
        return found

    def facet(self, segment_reader, segment_id: str, field: str) -> dict[str, int]:
        """Value -> bitset in one segment; once the field's column is made, kept only for a field of few values
        (RESIDENT_VALUES), made again from the column for the others."""
        key = (segment_id, field)
        found = self.facets.get(key)
        if found is None:
            column = self.facet_columns.get(key)
            if column is None:
                found = self.facets[key] = {text: posting_bits(segment_reader, field, text)
                                            for text in segment_reader.field_terms(field)}
            else:
                values = self.values[field]
                found = {values[number]: bits for number, bits in column_to_bits(column).items()}
        return found

    def facet_column(self, segment_reader, segment_id: str, field: str) -> list:
        """The value numbers of a facet field in one segment, by document number (see bits_to_column)."""
        key = (segment_id, field)
        column = self.facet_columns.get(key)
        if column is None:
            bits = self.facet(segment_reader, segment_id, field)
            column = bits_to_column({self._number(field, text): b for text, b in bits.items()},
                                    segment_reader.doc_count_all())
            self.facet_columns[key] = column
            if len(bits) > RESIDENT_VALUES:
                self.facets.pop(key, None)
        return column

    def _number(self, field: str, text: str) -> int:
        """The number of the value ``text`` of ``field``, the same in every segment (given on first sight)."""
        numbers = self._numbers.setdefault(field, {})
        if (number := numbers.get(text)) is None:
            values = self.values.setdefault(field, [])
            number = numbers[text] = len(values)
            values.append(text)
        return number

    def resident(self, field: str) -> bool:
        """Whether the bitsets of ``field`` are kept once its column is made (a field of few values)."""
        return len(self.values.get(field, ())) <= RESIDENT_VALUES

    def column(self, segment_reader, segment_id: str, name: str) -> list:
        """The values of a column in one segment (a sort key), by document number."""
        key = (segment_id, name)
        if key not in self.columns:
            self.columns[key] = list(segment_reader.column_reader(name))
        return self.columns[key]

    def frequent_terms(self, segment_reader, segment_id: str, field: str) -> list[str]:
        """The terms of ``field`` that more than WARM_UP.ratio of the segment's documents hold."""
        key = (segment_id, field)
        if key not in self.frequent:
            threshold = max(2, int(segment_reader.doc_count_all() * WARM_UP.ratio))
            self.frequent[key] = [text.decode() if isinstance(text, bytes) else text for frequency, text
                                  in segment_reader.most_frequent_terms(field, number=WARM_UP.most)
                                  if frequency >= threshold]
        return self.frequent[key]

    def forget(self, live_segments: set[str]) -> None:
        """Drop what belongs to segments no longer in the index (merged away)."""
        self.terms.keep_only(lambda key: key[0] in live_segments)
        for cache in (self.facets, self.facet_columns, self.columns, self.frequent):
            for key in [k for k in cache if k[0] not in live_segments]:
                del cache[key]
