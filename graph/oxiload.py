"""Loading payloads into the embedded store's primary: which engine call, and large documents in parallel parts.

Apart from the store and its writer because it is tuning against the engine, each number measured: when
pyoxigraph's bulk loader pays, how a large document is cut at line ends into parts that threads load at once (the
engine releases the GIL), and how a syntax error in a part gets its line in the whole document.
"""

from __future__ import annotations

import io
import os
import threading

import pyoxigraph as ox

from graph.store import RdfSyntaxError, parse_base

#: Payloads from this size go through bulk_load (parallel, writes SST files directly); smaller ones through load,
#: which is ~40 ms faster for a small file because it writes no new files.
BULK_LOAD_BYTES = 4 * 1024 * 1024
#: Additions from this many quads go through bulk_extend (a transactional extend of 100k quads takes ~4 s).
BULK_EXTEND_QUADS = 30_000
#: N-Triples payloads from BULK_LOAD_BYTES are cut at line ends into parts, bulk-loaded this many at once …
PARALLEL_LOADS = max(1, min(4, os.cpu_count() or 1))
#: … in parts of at most this size (~250k triples): the loader's memory grows with the part. Each part is one more
#: sorted file per index, which RocksDB soon merges into the others (Oxigraph compacts from two such files), so a
#: payload is cut no finer than that and the cores the ingest leaves idle ask (see :meth:`Loads.put`).
LOAD_PART_BYTES = 32 * 1024 * 1024


def is_bulk(size: int) -> bool:
    """Whether a payload of ``size`` bytes goes through the engine's bulk loader (and, replacing a graph, threads)."""
    return size >= BULK_LOAD_BYTES


def loader(primary: ox.Store, size: int):
    """The engine's loader for a payload of ``size`` bytes: ``bulk_load`` from BULK_LOAD_BYTES, else ``load``."""
    return primary.bulk_load if is_bulk(size) else primary.load


def extender(primary: ox.Store, count: int):
    """The engine's way to add ``count`` quads: ``bulk_extend`` from BULK_EXTEND_QUADS, else ``extend``."""
    return primary.bulk_extend if count >= BULK_EXTEND_QUADS else primary.extend


def pieces_reader(pieces: list) -> io.BufferedReader:
    """One stream over ``pieces``; read a megabyte at a time (the engine's reads of 8 kB each cost ~0.3 s per
    100 MB in Python calls)."""
    return io.BufferedReader(_Pieces(pieces), 1 << 20)


def _splittable(pieces: list) -> bool:
    """Whether an N-Triples document can be loaded in parts: each load names its blank nodes afresh, so a
    document with blank nodes (or ``_:`` in a literal: the check is a plain search) is loaded whole."""
    return not any(b"_:" in piece for piece in pieces)


class Loads:
    """Parts of one graph's data bulk-loaded by threads, each part once, taken in the order they were given.

    pyoxigraph releases the GIL while it loads: below its batch of a million triples the engine's loader keeps one
    core busy, so two loads on two idle cores take ~55 % of the time of one, and parts of LOAD_PART_BYTES bound the
    memory the loader holds (2M triples: 0.8 GB instead of 1.6 GB, and no slower). Parts may be given while the
    threads load the first ones (the embedded store's :meth:`~graph.store.Writer.replacing`); :meth:`finish` loads
    what is left with the calling thread's help and raises the first part's error, a syntax error with its line in
    the whole data.
    """

    def __init__(self, primary: ox.Store, graph: ox.NamedNode):
        self.primary, self.graph = primary, graph
        self.parts: list[tuple[list, ox.RdfFormat]] = []
        self.errors: dict[int, BaseException] = {}  # any error, not only syntax: no part may be lost silently
        self._taken, self._closed, self._stopped = 0, False, False  # stopped: by an error, or abandoned
        self._ready = threading.Condition()
        self._threads: list[threading.Thread] = []

    def put(self, pieces: list, fmt: ox.RdfFormat) -> None:
        """Queue ``pieces`` (one document's byte strings): N-Triples without blank nodes in parts cut at line
        ends; any other document whole (each load names blank nodes afresh).

        Parts of at most LOAD_PART_BYTES, and at least one for each core the ingest leaves to the loads: it keeps
        one busy meanwhile (the first pass of an RDF file, the extracting process of a table). Cut finer, each
        part's files cost a merge of the indexes: on two cores, the RNA extracts of 100k actors (12 payloads of
        10 MB) loaded in two parts each took 10 % more time and 15 % more CPU than whole (bench/HISTORY.md)."""
        size = sum(map(len, pieces))
        if fmt == ox.RdfFormat.N_TRIPLES and _splittable(pieces):
            parts = split_at_lines(pieces, max(PARALLEL_LOADS - 1, -(-size // LOAD_PART_BYTES)))
        else:
            parts = [pieces]
        with self._ready:
            self.parts += [(part, fmt) for part in parts]
            self._ready.notify_all()

    def start(self, threads: int | None = None) -> None:
        """Start ``threads`` loading threads, which wait for parts until :meth:`finish`; by default one fewer than
        PARALLEL_LOADS, the caller's thread being busy meanwhile (it helps at :meth:`finish`)."""
        for n in range(max(1, PARALLEL_LOADS - 1) if threads is None else threads):
            thread = threading.Thread(target=self._work, name=f"bulk-load-{n + 1}")
            thread.start()
            self._threads.append(thread)

    def finish(self) -> None:
        """Load the parts left (with this thread's help), wait for the threads, raise the first part's error."""
        self._close()
        self._work()
        for thread in self._threads:
            thread.join()
        if self.errors:
            i = min(self.errors)
            exc = self.errors[i]
            if not isinstance(exc, SyntaxError):
                raise exc
            before = sum(bytes(segment).count(b"\n") for part, _ in self.parts[:i] for segment in part)
            raise RdfSyntaxError(exc.msg, before + exc.lineno if exc.lineno else None, exc.offset)

    def abandon(self) -> None:
        """Take no more parts and wait for the loads under way (their graph is then restored by the caller)."""
        with self._ready:
            self._stopped = True
        self._close()
        for thread in self._threads:
            thread.join()

    def _close(self) -> None:
        with self._ready:
            self._closed = True
            self._ready.notify_all()

    def _next(self) -> int | None:
        with self._ready:
            while self._taken == len(self.parts) and not self._closed and not self._stopped:
                self._ready.wait()
            if self._taken == len(self.parts) or self._stopped:
                return None
            self._taken += 1
            return self._taken - 1

    def _work(self) -> None:
        while (i := self._next()) is not None:
            part, fmt = self.parts[i]
            try:
                # A part is given as bytes (a copy of at most LOAD_PART_BYTES), not as a stream: the engine reads
                # a stream through Python calls, each waiting for the GIL, and while another thread holds it (the
                # first pass of `replacing`'s block) 200k triples took 80 s to load instead of 0.7 s.
                data = part[0] if len(part) == 1 and isinstance(part[0], bytes) else b"".join(part)
                self.primary.bulk_load(data, fmt, base_iri=parse_base(self.graph.value), to_graph=self.graph)
            except BaseException as exc:
                with self._ready:
                    self.errors[i], self._stopped = exc, True
                    self._ready.notify_all()


def split_at_lines(pieces: list[bytes], count: int) -> list[list[memoryview]]:
    """Cut the document that ``pieces`` make into about ``count`` parts of equal size, each ending at a line end.

    >>> [[bytes(s) for s in part] for part in split_at_lines([b"a\\nb", b"b\\nc\\nd\\n"], 2)]
    [[b'a\\nb', b'b\\n'], [b'c\\nd\\n']]
    >>> [[bytes(s) for s in part] for part in split_at_lines([b"one line, no end"], 3)]
    [[b'one line, no end']]
    """
    total = sum(map(len, pieces))
    parts: list[list[memoryview]] = [[]]
    filled = 0  # bytes of the document in the parts so far
    for piece in pieces:
        view, start = memoryview(piece), 0
        while start < len(piece):
            target = total * len(parts) // count  # where the current part should end
            cut = piece.find(b"\n", start + max(0, target - filled)) + 1 if len(parts) < count else 0
            if cut == 0 or filled + len(piece) - start <= target:  # the part goes on past this piece
                parts[-1].append(view[start:])
                filled += len(piece) - start
                break
            parts[-1].append(view[start:cut])
            filled += cut - start
            start = cut
            parts.append([])
    return [part for part in parts if part]


class _Pieces(io.RawIOBase):
    """A readable stream over byte strings, one after the other."""

    def __init__(self, pieces: list[bytes]):
        self.pieces, self.index, self.offset = [memoryview(p) for p in pieces], 0, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self.index < len(self.pieces):
            piece = self.pieces[self.index][self.offset:]
            if piece.nbytes:
                n = min(len(buffer), piece.nbytes)
                buffer[:n] = piece[:n]
                self.offset += n
                return n
            self.index, self.offset = self.index + 1, 0
        return 0


def chunks(iterable, size: int = 100_000):
    """Lists of ``size`` items of ``iterable`` in turn, the last one shorter."""
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
