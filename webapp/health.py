"""Liveness and the state of the store."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from graph import __version__
from webapp.resources import get_store

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Report liveness, the version and the state of the store and of the search index."""
    store = get_store()
    index = current_app.extensions.get("maillage.index")
    index_state = index.state() if index is not None else {"index": None}
    return jsonify({"status": "ok", "version": __version__, "store": store.state(), "search": index_state})
