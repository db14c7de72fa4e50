"""The resources a request uses — the store (and later the search index) — opened once per process.

They are attached to the application, never module globals: each app from the factory has its own.
"""

from __future__ import annotations

from flask import Flask, current_app

from graph.store import Store, open_store


def store_config(config: dict) -> dict:
    """The part of the configuration that the store reads."""
    keys = ("store", "data_dir", "query_url", "update_url", "lock_timeout")
    return {k: config[k] for k in keys if k in config}


def init_app(app: Flask) -> None:
    """Open the store for ``app`` (readers open the current snapshot; nothing is written)."""
    app.extensions["maillage.store"] = open_store(store_config(app.config["MAILLAGE"]))


def get_store() -> Store:
    """Return the store of the current application, refreshed to the latest published snapshot."""
    store: Store = current_app.extensions["maillage.store"]
    store.refresh()
    return store
