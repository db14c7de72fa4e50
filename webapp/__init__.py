"""Maillage's web explorer, JSON API and SPARQL endpoint, built by the application factory."""

from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

from webapp.settings import load_settings


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create the Flask application: configuration, resources (store, index) and blueprints meet here."""
    app = Flask(__name__)
    config = load_settings(test_config)
    app.config.update({"MAILLAGE": config, "MAX_CONTENT_LENGTH": config["max_upload_bytes"]})
    app.config["DEBUG"] = bool(config["debug"])

    from webapp import errors, health, resources, sparql

    resources.init_app(app)
    errors.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(sparql.bp)
    return app
