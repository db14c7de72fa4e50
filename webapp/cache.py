"""Results of the pages' aggregate queries, memoised per published state of the store and per day.

The data a reader sees changes only when a writer publishes: the embedded store then moves to a new snapshot, the
memory store to a new version (``Store.state()`` reports either). So the rows of an aggregate query (counts by kind,
latest grants, totals by funder, year or theme…) can be kept per (state, query, bindings) and reused by every
request until the next publication — or the next day: what is today's (a member who left yesterday) changes at
midnight. At 10k actors these queries take seconds each (bench/README.md) and the home and funding pages ran five
of them on every request.

The cache is bounded, least recently used entries going first: at most :data:`MAX_ENTRIES` entries, each of at
most :data:`MAX_ROWS` rows unless its caller allows more — the long listings (a class's instances, a circle's
memberships, kept sorted), which hold at most :data:`MAX_KEPT_ROWS` rows in all. The aggregates of the overview
pages (home, funding, goals: a few dozen entries, which their code names) and the sorted instances of the largest
classes are *pinned*: kept whatever else comes, since they cost seconds at 100k actors and a crawl of resource
pages, each with an entry of its own, would otherwise push them out; pinned long listings count against the bound
of the long listings, whose others make room for them. The cache forgets everything when the state moves on. It
belongs to the application (``app.extensions``), never to the module. A store that cannot tell when its data
changed (a remote SPARQL server, written to by others) is never cached.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable

from flask import Flask, current_app

#: Entries kept (one per query and bindings): the pages run about a dozen aggregates, a few per resource.
MAX_ENTRIES = 256
#: Larger results are not kept: a few aggregates of 100 rows cost kilobytes, a per-grant listing would cost megabytes.
MAX_ROWS = 2000
#: Rows of the long listings (results of more than MAX_ROWS rows) kept in all, pinned ones included: ~275 bytes a
#: class's instance (~70 MB for 250,000), more a membership (its member, pole and circle). They would otherwise pile
#: up, one per class visited: at 100k actors the pages of the 16 largest classes took a web worker from 145 to 495 MB,
#: whose target is 500 MB; with this bound its peak was 433 MB (bench/README.md).
MAX_KEPT_ROWS = 250_000
#: A row kept: a dict, copied for each caller (who may edit it), or a tuple, shared (see :func:`_fresh`).
Row = dict | tuple


def _fresh(row: Row) -> Row:
    """A copy of a row dict that its reader may edit; a tuple as it is (a class's instances are kept as (IRI, name)
    tuples: 56 bytes each where a dict of the same took 184).

    >>> row = ("https://ex.org/a", "A")
    >>> _fresh(row) is row, _fresh({"n": 1}) == {"n": 1}
    (True, True)
    """
    return row if type(row) is tuple else dict(row)


class SnapshotCache:
    """A bounded least-recently-used map from (query, bindings) to rows, valid for one state of the store.

    >>> cache = SnapshotCache(max_entries=2)
    >>> cache.get_or_compute("snapshot-1", ("q", ()), lambda: [{"n": 1}])
    [{'n': 1}]
    >>> cache.get_or_compute("snapshot-1", ("q", ()), lambda: [{"n": 2}])
    [{'n': 1}]
    >>> cache.get_or_compute("snapshot-2", ("q", ()), lambda: [{"n": 2}])
    [{'n': 2}]
    """

    def __init__(self, max_entries: int = MAX_ENTRIES, max_rows: int = MAX_ROWS, max_kept_rows: int = MAX_KEPT_ROWS):
        self.max_entries, self.max_rows, self.max_kept_rows = max_entries, max_rows, max_kept_rows
        self._entries: OrderedDict[Hashable, list[Row]] = OrderedDict()
        self._pinned: set[Hashable] = set()
        self._state: Hashable = None
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def state(self) -> Hashable:
        """The state that the kept entries belong to (None before the first)."""
        return self._state

    def get_or_compute(self, state: Hashable, key: Hashable, compute: Callable[[], list[Row]],
                       max_rows: int | None = None, pin: bool = False) -> list[Row]:
        """Return the rows kept for ``key`` in ``state``, else compute, keep (when small enough: ``max_rows``, else
        the cache's own bound; ``pin``: until the state moves on, whatever else comes) and return them.

        Each call returns fresh row dicts: a caller that edits its rows does not edit the cache (rows given as tuples,
        which no caller can edit, are shared).
        """
        return list(map(_fresh, self._kept(state, key, compute, max_rows, pin)))

    def get_slice(self, state: Hashable, key: Hashable, compute: Callable[[], list[Row]], start: int,
                  stop: int | None, max_rows: int | None = None, pin: bool = False) -> tuple[list[Row], int]:
        """Rows ``start:stop`` of those :meth:`get_or_compute` returns, fresh, and how many there are in all:
        a page of a long listing copies its own rows only (the 145,000 actors of a class page took 50 ms to copy).

        >>> SnapshotCache().get_slice("s", "k", lambda: [{"n": n} for n in range(5)], 1, 3)
        ([{'n': 1}, {'n': 2}], 5)
        """
        rows = self._kept(state, key, compute, max_rows, pin)
        return list(map(_fresh, rows[start:stop])), len(rows)

    def _kept(self, state: Hashable, key: Hashable, compute: Callable[[], list[Row]],
              max_rows: int | None, pin: bool) -> list[Row]:
        """The rows kept for ``key`` in ``state`` (not to be edited), else those computed, kept when small enough
        (or pinned)."""
        with self._lock:
            if state != self._state:
                self._reset(state)
            rows = self._entries.get(key)
            if rows is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return rows
            self.misses += 1
        # Computed outside the lock: two requests may compute the same entry once each, none waits on the other.
        rows = list(map(_fresh, compute()))
        if len(rows) <= (max_rows or self.max_rows) and self._long(rows) <= self.max_kept_rows:
            with self._lock:
                if state == self._state:
                    self._forget(key)
                    self._entries[key] = rows
                    # A long listing is pinned only while the pinned ones stay within the bound (else it is kept as
                    # any other): the others then make room for it, the oldest first.
                    if pin and self._long(rows) + self.pinned_rows <= self.max_kept_rows:
                        self._pinned.add(key)
                    while len(self._entries) - len(self._pinned) > self.max_entries:
                        self._forget(self._oldest(lambda rows: True))
                    while self.kept_rows > self.max_kept_rows:  # the oldest long listing not pinned goes
                        self._forget(self._oldest(self._long))
        return rows

    def _long(self, rows: list[Row]) -> int:
        """The rows of ``rows`` that count against :attr:`max_kept_rows`: all of a long listing's, none otherwise."""
        return len(rows) if len(rows) > self.max_rows else 0

    def _oldest(self, which: Callable[[list[Row]], Any]) -> Hashable:
        """The least recently used entry, not pinned, whose rows ``which`` accepts."""
        return next(k for k, rows in self._entries.items() if k not in self._pinned and which(rows))

    def _forget(self, key: Hashable) -> None:
        self._entries.pop(key, None)
        self._pinned.discard(key)

    def _reset(self, state: Hashable) -> None:
        self._entries.clear()
        self._pinned.clear()
        self._state = state

    @property
    def kept_rows(self) -> int:
        """The rows of the long listings kept, pinned ones included."""
        return sum(self._long(rows) for rows in self._entries.values())

    @property
    def pinned_rows(self) -> int:
        """The rows of the long listings pinned."""
        return sum(self._long(self._entries[key]) for key in self._pinned)

    def clear(self) -> None:
        with self._lock:
            self._reset(None)


def state_key(state: dict[str, Any]) -> Hashable | None:
    """The part of ``Store.state()`` that changes with each publication, or None when the store has none.

    >>> state_key({"backend": "oxigraph", "snapshot": "7"})
    ('oxigraph', 'snapshot', '7')
    >>> state_key({"backend": "sparql", "query_url": "http://localhost:7878/query"}) is None
    True
    """
    for name in ("snapshot", "version"):
        if name in state:
            return (state.get("backend"), name, state[name])
    return None


def init_app(app: Flask) -> None:
    """Attach an empty cache to ``app``."""
    app.extensions["maillage.cache"] = SnapshotCache()


def get_cache() -> SnapshotCache:
    """Return the cache of the current application."""
    return current_app.extensions["maillage.cache"]


def cached_select(sparql: str, max_rows: int | None = None, pin: bool = False, **bindings) -> list[dict]:
    """Run one of our aggregate page queries like :func:`webapp.page_queries.select`, once per published state; an
    answer of more than ``max_rows`` rows (default :data:`MAX_ROWS`) is not kept; ``pin`` keeps it whatever else comes
    (an overview page's aggregate, of which the code names a bounded number).

    The state is read before the query runs: a query that runs on a newer snapshot than the one read may be kept
    under the older key (newer data, harmless), never the reverse (older data under the newer key would stay
    until the next publication).
    """
    from webapp.page_queries import select

    state = kept_for()
    if state is None:
        return select(sparql, **bindings)
    key = (sparql, tuple(sorted((k, v) for k, v in bindings.items() if v is not None)))
    return get_cache().get_or_compute(state, key, lambda: select(sparql, **bindings), max_rows, pin)


def cached_slice(key: Hashable, compute: Callable[[], list[Row]], start: int, stop: int | None,
                 max_rows: int | None = None, pin: bool = False) -> tuple[list[Row], int]:
    """Rows ``start:stop`` of those that ``compute`` makes from the store (not one query: a listing sorted in
    Python), and how many there are; the whole listing kept under ``key`` once per published state like
    :func:`cached_select`'s, and ``pin`` as there."""
    state = kept_for()
    if state is None:
        rows = compute()
        return rows[start:stop], len(rows)
    return get_cache().get_slice(state, ("rows", key), compute, start, stop, max_rows, pin)


def kept_for() -> Hashable | None:
    """What the kept results are valid for: the store's published state and today's date (what is "today's" — a
    member who left yesterday, a grant of this year — changes at midnight, whatever the data); None when nothing is
    kept (no cache, or a store that cannot tell when its data changed)."""
    from webapp.resources import get_store

    state = state_key(get_store().state())
    if state is None or "maillage.cache" not in current_app.extensions:
        return None
    return state, dt.date.today().isoformat()
