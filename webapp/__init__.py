"""Maillage's web explorer, JSON API and SPARQL endpoint, built by the application factory."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from webapp.settings import load_settings

if TYPE_CHECKING:
    from flask import Flask


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create the Flask application: configuration, resources (store, index) and blueprints meet here. The library's
    warnings are printed in the ``lang`` setting's language where nothing else hears them, as ``maillage serve``
    prints them (:func:`webapp.cli_context.say_logs_by_default`)."""
    from flask import Flask  # here, not above: the command line's other commands start 0.2 s sooner without it

    from webapp.cli_context import say_logs_by_default

    app = Flask(__name__)
    config = load_settings(test_config)
    say_logs_by_default(config["lang"])
    app.config.update({"MAILLAGE": config, "MAX_CONTENT_LENGTH": config["max_upload_bytes"]})
    app.config["DEBUG"] = bool(config["debug"])
    trust_proxies(app, config["proxy"])

    from webapp import errors, health, resources, sparql
    from webapp import api, funding, goals, graph_store, home, i18n, network, queries_pages, resource_pages
    from webapp import scdl_download, search_page, sources_page
    from webapp import views, vocabulary_pages

    resources.init_app(app)
    errors.init_app(app)
    i18n.init_app(app)
    views.init_app(app)
    from webapp import cache

    cache.init_app(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(sparql.bp)
    for module in (home, resource_pages, vocabulary_pages, funding, goals, scdl_download, network, queries_pages,
                   search_page, api, graph_store, sources_page):
        app.register_blueprint(module.bp)
    from webapp import search_api, search_download

    app.register_blueprint(search_api.bp)
    app.register_blueprint(search_download.bp)
    app.before_request(health.require_store)
    from webapp import security, upload

    security.init_app(app)
    app.register_blueprint(upload.bp)
    return app


def trust_proxies(app: Flask, count: int) -> None:
    """Take the client's address, the scheme, the host and the path prefix from the ``X-Forwarded-*`` headers of the
    ``count`` reverse proxies in front of the server (werkzeug's ProxyFix): links, redirects and the service
    description then name the public address, and the logs the client. None by default: a client could forge them."""
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_prefix=count)
