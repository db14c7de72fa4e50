"""``maillage serve``: the application on gunicorn, a production WSGI server (never Flask's debug server)."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from webapp import create_app

        app = create_app({"debug": False})
        return app


def serve(host: str, port: int, workers: int = 1) -> None:
    """Serve the app on ``host:port`` with ``workers`` processes (each opens the store's current snapshot)."""
    _Server({"bind": f"{host}:{port}", "workers": workers, "worker_class": "gthread", "threads": 4,
             "accesslog": "-", "timeout": 120, "graceful_timeout": 5}).run()
