"""``maillage serve``: the application on gunicorn, a production WSGI server (never Flask's debug server)."""

from __future__ import annotations

import ctypes
import ctypes.util

from gunicorn.app.base import BaseApplication

#: gunicorn's ``limit_request_line``. Its default (4094 bytes) refused GET queries of 4–8 kB with an HTML 414 before
#: the application's own limit (``webapp.security.MAX_QUERY_STRING``, 8 kB, a JSON 414 that says to use POST) could
#: apply, and gunicorn caps any other value at 8190 bytes, less than that limit plus the method, path and version.
#: 0 lifts gunicorn's limit (it still stops reading a line at 1 MB): the application's check decides.
REQUEST_LINE_LIMIT = 0

#: glibc's malloc arenas a web worker allocates from. By default a process may open eight a core, one for each thread
#: that allocates while the others hold theirs (the request threads, the warm-ups, the engine's), and each keeps
#: what was freed in it for its own thread: at 100k actors, after the scale bench's pages and two 16-client load
#: tests, a worker peaked at 435–442 MB, and at 376–397 MB with two arenas, answering as many requests a second.
MALLOC_ARENAS = 2
_M_ARENA_MAX = -8  # mallopt's parameter, from glibc's malloc.h
#: gunicorn 25.1 and later open a control socket for their ``gunicornc`` tool (count, reload or stop the workers), by
#: default in the user's home (``~/.gunicorn/gunicorn.ctl``): a way in that Maillage neither uses nor documents, one
#: path for every server of the machine, a file outside the data directory, and an error logged at each start where
#: the home is not writable (a service account, a container). Off, where the setting exists.
NO_CONTROL_SOCKET = "control_socket_disable"


class _Server(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)
        if NO_CONTROL_SOCKET in self.cfg.settings:
            self.cfg.set(NO_CONTROL_SOCKET, True)

    def load(self):
        limit_malloc_arenas(MALLOC_ARENAS)  # in the worker, before it starts any thread
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
             "limit_request_line": REQUEST_LINE_LIMIT,
             # the scheme from X-Forwarded-Proto only where the ``proxy`` setting trusts it (webapp.trust_proxies),
             # not from any local process as gunicorn does by default
             "forwarded_allow_ips": ""}).run()


def limit_malloc_arenas(count: int) -> bool:
    """Let this process's threads allocate from at most ``count`` malloc arenas (glibc's ``mallopt``); whether the C
    library took it (another one, without ``mallopt``, leaves its allocator as it is)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return bool(libc.mallopt(_M_ARENA_MAX, count))
    except (OSError, AttributeError):
        return False
