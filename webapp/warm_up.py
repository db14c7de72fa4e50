"""What a web worker prepares before its visitors ask for it.

- The search index's facet data and sort orders, once per process (under a second at 100k actors since the warm-up
  data is saved with each segment, bench/README.md "Search speed"); without it the first search of each worker
  would pay it.
- Which columns of each named query hold resources (0.8 s of parsing for them all), which the first page of each
  query paid: after the first warm-up of the pages below, not beside it, since rdflib's parsing holds the
  interpreter that the worker's first visitor of the home page waits for (at 100k actors, the home page answered
  ~3 s later after a start).
- The aggregates of the pages that count over the whole graph — the home page's counts and circles, the funding
  page's totals, the goals' lists — and the sorted instances of the largest classes (actors, grants,
  deliberations), after the worker starts and after each publish, once no ingest holds the store.
  They are kept per published state (webapp.cache), so only the first request after a publish computes them: at
  100k actors 0.8–3 s a page, against ~20 ms once kept (bench/README.md, "The heaviest page of each kind"). The
  worker asks for those pages itself, in a thread, so that the first visitor does not wait.

Both run in daemon threads of the worker (``maillage serve`` starts them, webapp.server); a failure only costs speed:
it is logged, and the visitor's request computes what the warm-up did not.
"""

from __future__ import annotations

import threading
import time
from typing import Hashable
from urllib.parse import quote

from flask import Flask

from webapp.resource_tables import WARMED_CLASSES

#: The pages whose first request after a publish computes aggregates over the whole graph, in the configured language.
AGGREGATE_PAGES = ("/", "/funding", "/goals")
#: The pages of the large classes, whose first request after a publish sorts their instances
#: (webapp.resource_tables.WARMED_CLASSES).
CLASS_PAGES = tuple(f"/resource?iri={quote(str(c), safe='')}" for c in WARMED_CLASSES)
PAGES = AGGREGATE_PAGES + CLASS_PAGES
#: Seconds between two looks at the store's published state (a ``stat`` of its pointer).
INTERVAL = 2.0
#: Seconds a newly published state must stay current, with no writer at work, before its pages are warmed. An ingest
#: of many files publishes every few seconds (the ``publish_interval`` setting): warming each of those states would
#: take the writer's CPU for pages that nobody may ask for before the next publish.
QUIET = 10.0


class Schedule:
    """When to warm a published state (never None): the state found at start at once, then each new state once it
    has stayed current ``quiet`` seconds (states seen for less are skipped). :attr:`warmed` is the last warmed (or
    tried: a page that fails is not asked for again until the next state).

    >>> schedule = Schedule(quiet=10)
    >>> schedule.due("s1", now=0)
    True
    >>> schedule.warmed = "s1"
    >>> schedule.due("s1", now=5), schedule.due("s2", now=6), schedule.due("s3", now=12), schedule.due("s3", now=21)
    (False, False, False, False)
    >>> schedule.due("s3", now=22)
    True
    """

    def __init__(self, quiet: float):
        self.quiet = quiet
        self.warmed: Hashable = None
        self._seen: Hashable = None
        self._since = 0.0

    def due(self, state: Hashable, now: float) -> bool:
        """Whether to warm ``state``, seen at time ``now``."""
        if state != self._seen:
            self._seen, self._since = state, now
        if state == self.warmed:
            return False
        return self.warmed is None or now - self._since >= self.quiet


def warm_search_in_background(app: Flask) -> None:
    """Load the search index's facet data and sort orders in a thread, so that the worker answers at once."""

    def warm():
        index = app.extensions.get("maillage.index")
        try:
            if index is not None and index.available():
                index.view().warm()
        except Exception:  # a warm-up failure only costs speed: the first search warms instead
            app.logger.exception("search warm-up failed")

    threading.Thread(target=warm, name="maillage-search-warm-up", daemon=True).start()


def warm_named_queries(app: Flask) -> None:
    """Read each named query's resource columns (webapp.named_queries.resource_variables, kept for the process), so
    that the first page of each query does not parse it (rdflib parses each query: 0.01–0.2 s)."""
    from webapp.named_queries import named_queries

    for query in named_queries().values():
        try:
            query.resource_variables()
        except Exception:  # a query rdflib cannot read: its first page says so as it did
            app.logger.exception("warm-up of the named query %s failed", query.name)


def warm_pages(app: Flask, pages: tuple[str, ...] = PAGES) -> None:
    """Ask ``app`` for each of ``pages``, as a visitor would, so that their aggregates are kept for the next one."""
    client = app.test_client()
    for path in pages:
        try:
            status = client.get(path).status_code
        except Exception:
            app.logger.exception("warm-up of %s failed", path)
            continue
        if status != 200:
            app.logger.warning("warm-up of %s answered %s", path, status)


class Watch:
    """The thread that warms the pages after each publish, on its :class:`Schedule`."""

    def __init__(self, quiet: float):
        self.schedule = Schedule(quiet)
        self._stop = threading.Event()

    @property
    def warmed(self) -> Hashable:
        """The state warmed last (None before the first)."""
        return self.schedule.warmed

    def stop(self) -> None:
        self._stop.set()

    def stopped_within(self, seconds: float) -> bool:
        """Wait ``seconds``, or less if :meth:`stop` is called: whether it was."""
        return self._stop.wait(seconds)


def watch_in_background(app: Flask, pages: tuple[str, ...] = PAGES, interval: float = INTERVAL,
                        quiet: float = QUIET) -> Watch:
    """Warm ``pages`` now, then after each publish (:class:`Schedule`), in a daemon thread, never while a writer holds
    the store (``Store.writing``: its ingest keeps the CPU); the named queries' columns once, after the first warm-up
    (:func:`warm_named_queries`). The :class:`Watch` is also the app's ``maillage.warm_up`` extension. A store that
    cannot tell when its data changed (a remote SPARQL server) keeps no aggregates: the thread then reads the named
    queries' columns and ends."""
    from webapp.cache import kept_for
    from webapp.resources import get_store

    watch = app.extensions["maillage.warm_up"] = Watch(quiet)
    not_now = object()  # a state that could not be read this time, or that a writer is changing

    def state() -> Hashable:
        with app.app_context():
            current = kept_for()
            return not_now if current is not None and get_store().writing() else current

    def run():
        failure = None
        while True:
            try:
                current = state()
            except Exception as exc:  # a snapshot that cannot be opened now: requests will say so; try again later
                if str(exc) != failure:
                    failure = str(exc)
                    app.logger.warning("warm-up: cannot read the store's state: %s", exc)
                current = not_now
            if current is None:
                warm_named_queries(app)
                return
            if current is not not_now and watch.schedule.due(current, time.monotonic()):
                first = watch.schedule.warmed is None
                warm_pages(app, pages)
                watch.schedule.warmed = current
                if first:
                    warm_named_queries(app)
            if watch.stopped_within(interval):
                return

    threading.Thread(target=run, name="maillage-page-warm-up", daemon=True).start()
    return watch
