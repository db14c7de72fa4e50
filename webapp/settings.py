"""Every setting of Maillage, declared once, as data, with its default and help text.

``create_app`` reads the defaults, then ``MAILLAGE_*`` environment variables, then ``test_config``;
``tests/test_settings.py`` checks that README.md documents each one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Mapping


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str
    env_name: str | None = None

    @property
    def env(self) -> str:
        return self.env_name or "MAILLAGE_" + self.name.upper()


def _bool(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "oui", "on")


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "maillage-data", "Directory of the embedded store, the search index and the logs.",
            env_name="MAILLAGE_DATA"),
    Setting("store", "oxigraph", "Store backend: oxigraph (embedded, on disk), memory (tests) or sparql (remote)."),
    Setting("query_url", "", "SPARQL 1.1 query URL of the remote store (store = sparql)."),
    Setting("update_url", "", "SPARQL 1.1 update URL of the remote store (defaults to the query URL)."),
    Setting("base", "https://w3id.org/maillage/id/", "Base of the instance IRIs: {base}{kind}/{key}."),
    Setting("query_timeout", 10.0, "Seconds a user SPARQL query may run before it is stopped (HTTP 503).", float),
    Setting("max_rows", 10_000, "Rows a user SPARQL query may return; more are cut and flagged.", int),
    Setting("query_workers", 2, "Worker processes that run user SPARQL queries (killed past the time limit).", int),
    Setting("lock_timeout", 30.0, "Seconds a writer waits for another writer before giving up.", float),
    Setting("write_token", "", "Token that authorises writes (upload, SPARQL Update, Graph Store); empty: none.",),
    Setting("max_upload_bytes", 50 * 1024 * 1024, "Largest accepted upload or POST body, in bytes.", int),
    Setting("publish_interval", 5.0, "Seconds an ingest of several files gathers them before publishing them "
            "together (0: after each file); each file is seen whole, old or new.", float),
    Setting("index_procs", 2, "Processes that write the search index in parallel during a full rebuild.", int),
    Setting("lang", "fr", "Default language of the interface, and of the command line's reports, messages and "
            "help: fr or en."),
    Setting("debug", False, "Flask debug mode (never in `maillage serve`).", _bool),
)


def load_settings(test_config: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> dict:
    """Return the configuration: defaults, then MAILLAGE_* variables of ``environ``, then ``test_config``."""
    environ = os.environ if environ is None else environ
    config = {s.name: s.default for s in SETTINGS}
    for setting in SETTINGS:
        if setting.env in environ:
            config[setting.name] = setting.parse(environ[setting.env])
    config.update(test_config or {})
    return config


def store_config(config: Mapping[str, Any]) -> dict:
    """The part of the configuration that the store reads."""
    keys = ("store", "data_dir", "query_url", "update_url", "lock_timeout")
    return {k: config[k] for k in keys if k in config}
