"""The read side of the index: one searcher per process, reopened when a writer published a change.

:class:`SearchIndex` follows the ``current`` pointer of :mod:`search.indexer` and whoosh's table of contents:
each :meth:`SearchIndex.view` costs a ``stat`` of the pointer and a listing of the version's directory; when
either changed, a new searcher and a new :class:`IndexView` are opened. A search holds one view from its first to
its last step, so it sees one consistent state of the index.

The set of documents of a term is a Python integer used as a bitset (``&``, ``|`` and ``bit_count()`` run in C).
Term and facet bitsets, and sort keys, are read once per *segment* and kept for the life of the process
(:mod:`search.segment_cache`; deletions are masked with the view's live set), so after an update only the new
small segment is read. A view adds what depends on the whole generation: live set, facet labels, theme scheme
(:mod:`search.themes`), sort orders. Reading a posting list block by block uses whoosh's private block API
(``_read_ids``, ``_next_block``); ``tests/test_search_freshness.py`` checks it against whoosh's own ``all_ids()``.

Facets are kept as columns (a value number per document, :func:`search.bitsets.bits_to_column`), and as bitsets
only for the fields of few values: counting the values of a facet on the matches is either an ``&`` per value or
a look-up per matched document, whichever costs less (:meth:`IndexView.counts`). At 100k actors, the bitsets of
the 3,333 places and 666 funders took 45–100 ms per query to count and ~110 MB per process to keep.

Segment files are read through whoosh's file-based storage, not its memory map: on a memory-mapped segment,
whoosh copies each file it opens (``BytesIO`` of the map), so every process held its term tables, postings and
stored fields twice (the copy and the mapped pages it read): ~290 of a reader's 534 MB at 100k actors.
"""

from __future__ import annotations

import os
import threading
import weakref
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from search.bitsets import bits_to_ids, count_column, ids_to_bits
from search.errors import DAMAGED, IndexUnavailable, damaged
from search.index_layout import INDEX_FORMAT, current_version, index_format, index_root
from search.schema import WARM_UP
from search.segment_cache import BitsetCache, SegmentCache, posting_bits
from search.themes import ThemeScheme

#: Blocks a sort order is cut into (see IndexView.first).
ORDER_BLOCKS = 256
#: Counting a facet on the matches by bitsets costs an ``&`` and a ``bit_count`` per value over every document
#: (6–17 µs per value at 125k documents), by its column a look-up per matched document (60–150 ns, a ``Counter``
#: in C): one look-up costs about as much as one value's ``&`` over 450–2,300 documents (kind, theme and goal
#: facets at 100k actors, 500 to 100k matches).
LOOKUP_DOCUMENTS = 1000
#: Fields whose terms warm-up reads for typo tolerance (see IndexView.lexicon): the first typo of a letter took
#: 25–30 ms more without.
FUZZY_WARM_UP = ("name", "exact")
#: Bytes of whole-index term bitsets a view keeps, its least recently used dropped first (made again from the
#: segment cache). A bitset is up to a bit per document (15.7 kB at 100k actors' 125,874 documents): the former count
#: of 4,096 let up to 64 MB build up per worker. At 100k actors, warm-up's frequent terms take 10 MB and
#: bench/search.py's 400 searches 32 MB, which run as fast as unbounded (median 5.6 ms CPU); 427 more varied searches
#: (every word of the relevance cases, 300 names) 45 MB unbounded, 8.0 ms instead of 7.3 at 32 MB (24 MB: 8.2–8.8).
VIEW_TERM_BUDGET = 32 * 2 ** 20
#: Bytes of prefix bitsets a view keeps (query words of four letters or more, completions; as large as terms'):
#: 427 varied searches at 100k actors asked for 591 prefixes, 7.6 MB.
PREFIX_BUDGET = 8 * 2 ** 20

class IndexView:
    """A searcher on one generation of the index, with the caches that make repeated searches cheap."""

    def __init__(self, searcher, version: str, cache: SegmentCache | None = None, directory: Path | None = None):
        self.searcher, self.version = searcher, version
        # Segment files stay open (see the module's docstring): closed with the view's last reference, or by close.
        self.close = weakref.finalize(self, searcher.close)
        self.reader = searcher.reader()
        self.generation = self.reader.generation()
        self.size = self.reader.doc_count_all()
        self.lock = threading.Lock()
        self.cache = cache or SegmentCache()
        self.leaves = [(r, offset, r.segment().segment_id()) for r, offset in self.reader.leaf_readers()
                       if r.segment() is not None]
        self.cache.forget({segment_id for _, _, segment_id in self.leaves})
        for _, _, segment_id in self.leaves:
            self.cache.preload(directory, segment_id)
        self._terms = BitsetCache(VIEW_TERM_BUDGET)  # (field, text) -> bitset
        self._prefixes = BitsetCache(PREFIX_BUDGET)  # (field, prefix) -> bitset
        self._facets: dict[str, dict[str, int]] = {}
        self._columns: dict[str, list] = {}
        self._lexicon: dict[tuple[str, str], dict[int, list[str]]] = {}
        self._labels: dict[tuple[str, str], str] = {}
        self._themes = None
        self._orders: dict[str, tuple[list[int], list[int]]] = {}
        self._blocks: dict[str, list[int]] = {}
        # Postings still list the documents an update replaced until their segment is merged: mask them.
        live = 0
        for reader, offset, _ in self.leaves:
            local = (1 << reader.doc_count_all()) - 1
            if reader.has_deletions():
                local &= ~ids_to_bits(reader.deleted_docs_set, reader.doc_count_all())  # a property
            live |= local << offset
        self.live = live

    def bits(self, field: str, text: str) -> int:
        """The bitset of the live documents holding ``text`` in ``field``."""
        facet = self._facets.get(field)
        if facet is not None:  # facet fields are read whole: no need to read the term again
            return facet.get(text, 0)
        key = (field, text)
        found = self._terms.get(key)
        if found is None:
            found = 0
            for reader, offset, segment_id in self.leaves:
                local = self.cache.term(reader, segment_id, field, text)
                if local:
                    found |= local << offset
            found &= self.live
            self._terms.put(key, found)
        return found

    def _read_bits(self, field: str, text: str) -> int:
        """The bitset of the live documents holding ``text`` in ``field``, read from the postings, not cached."""
        found = 0
        for reader, offset, _ in self.leaves:
            found |= posting_bits(reader, field, text) << offset
        return found & self.live

    def prefixed(self, field: str, prefix: str) -> int:
        """The bitset of the live documents holding a term of ``field`` that starts with ``prefix`` (kept for the
        view: every query word of four letters or more asks for its own, see :data:`search.plan.PREFIX_MIN_CHARS`)."""
        key = (field, prefix)
        found = self._prefixes.get(key)
        if found is None:
            found = 0
            for text in self.reader.expand_prefix(field, prefix):
                found |= self.bits(field, text.decode() if isinstance(text, bytes) else text)
            self._prefixes.put(key, found)
        return found

    def lexicon(self, field: str, first: str = "") -> dict[int, list[str]]:
        """The terms of ``field`` that start with ``first`` (a letter), by length (see :func:`search.typos.near_terms`).

        Read when a typo first asks, then kept for the view: 10–15 ms a field and letter at 100k actors. Warm-up
        reads those of the names whole (``first`` empty: 0.3 s a field); the text's are read a letter at a time
        (4 s whole, most of its 134k terms being numbers).
        """
        found = self._lexicon.get((field, first))
        if found is None:
            read: dict[str, dict[int, list[str]]] = {}
            for term in self.reader.expand_prefix(field, first):
                word = term.decode() if isinstance(term, bytes) else term
                read.setdefault(word[:1], {}).setdefault(len(word), []).append(word)
            self._lexicon.update(((field, letter), by_length) for letter, by_length in read.items())
            found = self._lexicon[(field, first)] = read.get(first, {})
        return found

    def facet(self, field: str) -> dict[str, int]:
        """Value -> bitset of live documents, for every value of a facet field."""
        found = self._facets.get(field)
        if found is None:
            found = {}
            for reader, offset, segment_id in self.leaves:
                for text, local in self.cache.facet(reader, segment_id, field).items():
                    found[text] = found.get(text, 0) | (local << offset)
            found = self._facets[field] = {k: v & self.live for k, v in found.items() if v & self.live}
        return found

    def column(self, field: str) -> list:
        """The value numbers (see :func:`search.bitsets.bits_to_column`) of a facet field, by document number;
        ``cache.values[field]`` names them. Deleted documents keep theirs: count live documents only."""
        found = self._columns.get(field)
        if found is None:
            found = [None] * self.size
            for reader, offset, segment_id in self.leaves:
                local = self.cache.facet_column(reader, segment_id, field)
                found[offset:offset + len(local)] = local
            self._columns[field] = found
        return found

    def counts(self, matched: int, fields, strategy: str = "auto") -> dict[str, dict[str, int]]:
        """How many documents of ``matched`` hold each value of each facet field (values none holds left out).

        ``strategy`` is ``bits`` (an ``&`` per value), ``columns`` (a look-up per matched document) or ``auto``:
        bitsets when the field keeps them and its values cost less than the look-ups (see LOOKUP_DOCUMENTS),
        columns otherwise. Both give the same counts (tests/test_search_facet_counts.py).
        """
        found, ids, count = {}, None, matched.bit_count()
        for field in fields:
            if not count:
                found[field] = {}
            elif strategy == "bits" or (strategy == "auto" and field in self._facets
                                        and len(self._facets[field]) * self.size < count * LOOKUP_DOCUMENTS):
                found[field] = {value: n for value, bits in self.facet(field).items()
                                if (n := (bits & matched).bit_count())}
            else:
                ids = bits_to_ids(matched) if ids is None else ids
                counted = count_column(self.column(field), ids)
                values = self.cache.values.get(field, [])
                found[field] = dict(zip(map(values.__getitem__, counted), counted.values()))
        return found

    def warm(self) -> None:
        """Read the facets, the theme scheme, the sort orders and the frequent terms now (a web worker does it
        once per index change, before its first answer). Segments written by a build hold most of it in their
        warm-up file: 1 s at 100k actors instead of 22–33 s. Searches wait for it (the view's lock): whoosh's
        readers are not safe to share between threads."""
        with self.lock:
            self._warm()

    def _warm(self) -> None:
        for field in WARM_UP.fields:
            self.column(field)
            if self.cache.resident(field):
                self.facet(field)
        self.themes()
        for sort in ("short", "name"):
            self.first(self.live, sort, 1)  # the order and its blocks
        for reader, offset, _ in self.leaves:  # opening a segment's stored-fields file takes ~60 ms
            if reader.doc_count_all():
                self.reader.stored_fields(offset)
        for field in FUZZY_WARM_UP:
            self.lexicon(field)
        for field in WARM_UP.frequent:
            for text in sorted({t for reader, _, segment_id in self.leaves
                                for t in self.cache.frequent_terms(reader, segment_id, field)}):
                self.bits(field, text)

    def label(self, facet: str, value: str) -> str:
        """The label of a facet value, as the documents that carry it store it."""
        key = (facet, value)
        if key not in self._labels:
            label = value
            bits = self._facets[facet].get(value, 0) if facet in self._facets else self._read_bits(facet, value)
            if bits:
                docnum = (bits & -bits).bit_length() - 1
                label = self.reader.stored_fields(docnum)["doc"].get("labels", {}).get(value, value)
            self._labels[key] = label
        return self._labels[key]

    def stored(self, docnum: int) -> dict:
        return self.reader.stored_fields(docnum)

    def themes(self) -> ThemeScheme:
        if self._themes is None:
            ids = bits_to_ids(self.bits("kind", "theme"))
            self._themes = ThemeScheme([self.reader.stored_fields(d) for d in ids])
        return self._themes

    def order(self, sort: str) -> tuple[list[int], list[int]]:
        """The document numbers in the ``name`` (A→Z), ``amount`` (largest first) or ``short`` (shortest name
        first: the tie-break of equal relevance scores) order, and the rank of each document in it."""
        if sort not in self._orders:
            column = "amount" if sort == "amount" else "sort_name"
            values = [value for reader, _, segment_id in self.leaves
                      for value in self.cache.column(reader, segment_id, column)]
            if sort == "short":  # by name, then (a stable sort) by length: no (length, name) tuple per document
                order = sorted(self.order("name")[0], key=[len(v) for v in values].__getitem__)
            else:
                order = sorted(range(self.size), key=values.__getitem__, reverse=(sort == "amount"))
            rank = [0] * self.size
            for position, docnum in enumerate(order):
                rank[docnum] = position
            self._orders[sort] = (order, rank)
        return self._orders[sort]

    def first(self, bits: int, sort: str, count: int) -> list[int]:
        """The first ``count`` documents of ``bits`` in a sort order.

        The order is cut into ORDER_BLOCKS bitsets of consecutive ranks: the first blocks that meet ``bits``
        give the answer in a few big-integer ANDs, wherever the documents sit in the order (scanning the order
        document by document took 30 ms at 100k actors when they sat at its end).
        """
        order, rank = self.order(sort)
        if bits.bit_count() <= 64 * count and sort in self._blocks:
            return sorted(bits_to_ids(bits), key=rank.__getitem__)[:count]
        blocks = self._blocks.get(sort)
        if blocks is None:
            step = max(1, -(-self.size // ORDER_BLOCKS))
            blocks = self._blocks[sort] = [ids_to_bits(order[i:i + step], self.size)
                                           for i in range(0, self.size, step)]
        found: list[int] = []
        for block in blocks:
            common = bits & block
            if common:
                found.extend(sorted(bits_to_ids(common), key=rank.__getitem__))
                if len(found) >= count:
                    break
        return found[:count]


class SearchIndex:
    """The index of a data directory, as readers see it; safe to keep for the life of a process."""

    def __init__(self, root: Path):
        self.root = root
        self._lock = threading.Lock()
        self._stamp = None
        self._view: IndexView | None = None
        self._ix = None
        self._cache = SegmentCache()

    @classmethod
    def from_config(cls, config) -> "SearchIndex":
        return cls(index_root(config))

    def _pointer_stamp(self):
        try:
            st = os.stat(self.root / "current")
            return st.st_mtime_ns, st.st_ino, st.st_size
        except FileNotFoundError:
            return None

    def view(self) -> IndexView:
        """The view of the latest published state (reopened only when it changed)."""
        stamp = self._pointer_stamp()
        with self._lock:
            view = self._view
            if view is not None and stamp == self._stamp and self._ix.latest_generation() == view.generation:
                return view
            version = current_version(self.root)
            if version is None:
                raise IndexUnavailable("aucun index de recherche : lancez « maillage index » ou ingérez un fichier",
                                       "no search index: run `maillage index` or ingest a file")
            if (view is None or view.version != version) and index_format(self.root / version) != INDEX_FORMAT:
                raise IndexUnavailable("l'index de recherche a été construit par une version antérieure : "
                                       "lancez « maillage index »",
                                       "the search index was built by an earlier version: run `maillage index`")
            try:
                if view is None or view.version != version:
                    storage = FileStorage(str(self.root / version), supports_mmap=False, readonly=True)
                    self._ix = storage.open_index()
                # A new searcher rather than searcher.refresh(), which closes the readers that a search running in
                # another thread may still be using; the old view's files are released with its last reference.
                searcher = self._ix.searcher()
            except DAMAGED as exc:  # a segment's file deleted or cut short: told, not a traceback
                raise damaged(exc) from None
            if view is not None and view.version != version:
                self._cache = SegmentCache()
            self._view, self._stamp = IndexView(searcher, version, self._cache, self.root / version), stamp
            return self._view

    def available(self) -> bool:
        """True once an index has been built (its pointer exists)."""
        return current_version(self.root) is not None

    def state(self) -> dict:
        """For /healthz: the version and generation readers see, or why there is none."""
        try:
            view = self.view()
        except IndexUnavailable:
            return {"index": None}
        # the live documents: ``size`` counts the deleted ones too until a merge (347 for an index of 150)
        return {"index": view.version, "generation": view.generation, "documents": view.live.bit_count()}

    def close(self) -> None:
        with self._lock:
            if self._view is not None:
                self._view.close()
            self._view = None


