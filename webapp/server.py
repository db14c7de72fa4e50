"""``maillage serve``: the application on gunicorn, a production WSGI server (never Flask's debug server)."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication

#: gunicorn's ``limit_request_line``. Its default (4094 bytes) refused GET queries of 4–8 kB with an HTML 414 before
#: the application's own limit (``webapp.security.MAX_QUERY_STRING``, 8 kB, a JSON 414 that says to use POST) could
#: apply, and gunicorn caps any other value at 8190 bytes, less than that limit plus the method, path and version.
#: 0 lifts gunicorn's limit (it still stops reading a line at 1 MB): the application's check decides.
REQUEST_LINE_LIMIT = 0


class _Server(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from webapp import create_app
        from webapp.warm_up import warm_search_in_background, watch_in_background

        app = create_app({"debug": False})
        warm_search_in_background(app)
        watch_in_background(app)
        return app


def serve(host: str, port: int, workers: int = 1) -> None:
    """Serve the app on ``host:port`` with ``workers`` processes (each opens the store's current snapshot)."""
    _Server({"bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread", "threads": 4,
             "accesslog": "-", "timeout": 120, "graceful_timeout": 5,
             "limit_request_line": REQUEST_LINE_LIMIT}).run()
