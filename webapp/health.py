"""Liveness and the state of the store: ``/healthz`` answers 503 while a remote store does not answer."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from flask import Blueprint, current_app, jsonify, request

from graph import __version__
from graph.french_text import counted
from graph.store import RESTORE_ADVICE, StoreError, open_store
from search.errors import SearchError
from webapp.errors import RETRY_AFTER_S, STORE_DOWN
from webapp.settings import store_config

bp = Blueprint("health", __name__)

#: Seconds the check waits for a remote store's answer: a store that hangs holds a monitor's request that long.
PROBE_TIMEOUT_S = 2.0
#: Seconds an answer of the check is reused: a monitor that polls every second asks the store once in that time.
PROBE_REUSED_S = 5.0


def probe_store(config) -> StoreError | None:
    """Ask the remote store of the settings ``config`` the cheapest question (``ASK {}``), waiting
    :data:`PROBE_TIMEOUT_S` at most; its failure, or None when it answers."""
    try:
        open_store({**store_config(config), "remote_timeout": PROBE_TIMEOUT_S}).query("ASK {}")
    except StoreError as exc:
        return exc
    return None


def _remote_failure() -> StoreError | None:
    """The failure of the application's remote store when last asked, asked again once :data:`PROBE_REUSED_S` old
    (None for a store in this process: the embedded store's state is its own)."""
    extensions = current_app.extensions
    if extensions["maillage.store"].name != "sparql":
        return None
    lock = extensions.setdefault("maillage.probe_lock", threading.Lock())
    with lock:  # one request asks the store; those that come meanwhile take its answer
        asked, failure = extensions.get("maillage.probe", (None, None))
        if asked is None or time.monotonic() - asked > PROBE_REUSED_S:
            failure = probe_store(current_app.config["MAILLAGE"])
            if failure is not None:
                current_app.logger.error("store unavailable: %s", failure)
            extensions["maillage.probe"] = (time.monotonic(), failure)
    return failure


#: The blueprints whose views answer without asking the store: the search (from the local index) and the named
#: queries' list (from files).
WITHOUT_THE_STORE = frozenset({"search_page", "search_api", "search_download", "queries"})


def require_store() -> None:
    """Before a view of :data:`WITHOUT_THE_STORE`, raise the remote store's failure (answered 503 with
    ``Retry-After``, as the pages that ask the store are): their results lead to pages that cannot answer, and
    ``/healthz`` says that this instance is down."""
    if request.blueprint in WITHOUT_THE_STORE and (failure := _remote_failure()) is not None:
        raise failure.with_traceback(None)


@bp.get("/healthz")
def healthz():
    """Report liveness, the version and the state of the store and of the search index; 503 with what is wrong
    when this instance cannot serve its data (a load balancer then takes it out of service)."""
    store = current_app.extensions["maillage.store"]
    problems = local_problems(store)
    index = current_app.extensions.get("maillage.index")
    index_state = index.state() if index is not None else {"index": None}
    body = {"status": "ok", "version": __version__, "store": store.state(), "search": index_state}
    if problems:
        body.update(status="unavailable", problems=problems, message=problems[0]["message"],
                    message_en=problems[0]["message_en"])
        return jsonify(body), 503, {"Retry-After": str(RETRY_AFTER_S)}
    if _remote_failure() is None:
        return jsonify(body)
    body.update(status="store-unavailable", message=STORE_DOWN[0], message_en=STORE_DOWN[1])
    return jsonify(body), 503, {"Retry-After": str(RETRY_AFTER_S)}


def local_problems(store) -> list[dict]:
    """What keeps this instance from serving, each as ``{"code", "message", "message_en"}``: its data directory
    gone, its store's current snapshot that cannot be opened or whose files changed under it once open, its search
    index missing or unreadable while the store holds data (an instance that nothing was ingested into yet serves its
    empty site). Cheap: a ``stat`` or two and one per file of the snapshot, and a snapshot or an index opened only
    when it changed."""
    data = Path(current_app.config["MAILLAGE"]["data_dir"])
    if store.name == "oxigraph" and not data.is_dir():
        return [{"code": "data-dir-missing", "message": f"le dossier de données « {data} » n'existe pas",
                 "message_en": f"the data directory '{data}' does not exist"}]
    problems = []
    try:
        store.refresh()
    except (StoreError, RuntimeError) as exc:  # a pointer to no snapshot; the engine's Corruption of a damaged file
        problems.append({"code": "store-unavailable", "message": f"base illisible ({exc}) : restaurez une sauvegarde",
                         "message_en": f"store unreadable ({exc}): restore a backup"})
    else:
        problems.extend(_store_damaged(store))
    index = current_app.extensions.get("maillage.index")
    if index is not None and store.state().get("snapshot") is not None:
        try:
            index.view()
        except SearchError as exc:
            problems.append({"code": "index-unavailable", "message": exc.message, "message_en": exc.message_en})
    return problems


def _store_damaged(store) -> list[dict]:
    """The problem of a store whose open snapshot's files were removed or rewritten under it (none or one): its
    pages fail on what it can no longer read, while the snapshot's pointer has not moved (a probe query on it was
    seen to hang; the files' stamps tell it at once)."""
    changed = store.changed_files()
    if not changed:
        return []
    named = ", ".join(changed[:5]) + (", …" if len(changed) > 5 else "")
    files, plural = counted(len(changed), "fichier"), "s" * (len(changed) > 1)
    current_app.logger.error("store damaged: files of snapshot %s changed since it was opened: %s",
                             store.state().get("snapshot"), ", ".join(changed))
    return [{"code": "store-damaged",
             "message": f"base endommagée : {files} de la version publiée modifié{plural} "
                        f"ou supprimé{plural} depuis son ouverture ({named}) : {RESTORE_ADVICE[0]}",
             "message_en": f"store damaged: {counted(len(changed), 'file', lang='en')} of the published version "
                           f"changed or removed since it was opened ({named}): {RESTORE_ADVICE[1]}"}]
