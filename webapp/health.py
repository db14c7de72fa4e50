"""Liveness and the state of the store."""

from __future__ import annotations

from flask import Blueprint, jsonify

from graph import __version__
from webapp.resources import get_store

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Report liveness, the version and the state of the store."""
    store = get_store()
    return jsonify({"status": "ok", "version": __version__, "store": store.state()})
