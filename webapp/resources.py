"""The resources a request uses — the store (and later the search index) — opened once per process.

They are attached to the application, never module globals: each app from the factory has its own.
"""

from __future__ import annotations

from flask import Flask, current_app

from graph.store import Store, open_store
from webapp.settings import store_config


def init_app(app: Flask) -> None:
    """Open the store for ``app`` (readers open the current snapshot; nothing is written)."""
    app.extensions["maillage.store"] = open_store(serving_config(app.config["MAILLAGE"]))
    app.extensions["maillage.index"] = open_search_index(app.config["MAILLAGE"])


def serving_config(config: dict) -> dict:
    """The store's settings for the web server: a request waits for a remote store at most ``query_timeout``, the
    time a user's query may take (with the command line's minute, a store that hung held every web thread)."""
    return {**store_config(config), "remote_timeout": min(config["remote_timeout"], config["query_timeout"])}


def get_store() -> Store:
    """Return the store of the current application, refreshed to the latest published snapshot."""
    store: Store = current_app.extensions["maillage.store"]
    store.refresh()
    return store


def get_query_runner():
    """Return the runner of user queries: killable worker processes on the embedded store, inline otherwise."""
    from graph.querypool import InlineRunner, QueryPool

    extensions = current_app.extensions
    runner = extensions.get("maillage.query_runner")
    if runner is None:
        store: Store = extensions["maillage.store"]
        config = current_app.config["MAILLAGE"]
        if store.name == "oxigraph":
            runner = QueryPool(store_config(config), config["query_workers"], config["query_timeout"])
        else:
            runner = InlineRunner(store)
        runner = extensions.setdefault("maillage.query_runner", runner)
    return runner


def close_resources(app: Flask) -> None:
    """Stop the query workers of ``app`` (tests call it; a server process stops them at exit)."""
    runner = app.extensions.pop("maillage.query_runner", None)
    if runner is not None and hasattr(runner, "close"):
        runner.close()


def open_search_index(config: dict):
    """Open the search index of the data directory for reading (it follows rebuilds and updates by itself)."""
    from search.reader import SearchIndex

    return SearchIndex.from_config(config)


def get_index():
    """Return the search index of the current application, or None while no index has been built."""
    index = current_app.extensions["maillage.index"]
    return index if index.available() else None


def index_missing() -> tuple[str, str]:
    """Why there is no search index to search, in French and in English: an ingest that builds it is under way (the
    store's writer is at work: the first ingest into an empty data directory), else ``maillage index`` builds it."""
    if current_app.extensions["maillage.store"].writing():
        return ("l'index de recherche est en cours de construction par une ingestion : réessayez quand elle aura fini",
                "the search index is being built by an ingest: try again once it is done")
    return ("l'index de recherche n'est pas encore construit : lancez « maillage index »",
            "the search index has not been built yet: run `maillage index`")
