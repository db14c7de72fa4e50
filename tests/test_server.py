"""What each web worker of ``maillage serve`` does as it starts, before it answers."""

from __future__ import annotations

import platform

import pytest

import webapp
import webapp.warm_up
from webapp import server


def test_a_worker_caps_its_malloc_arenas_before_it_makes_the_app_or_starts_a_thread(monkeypatch):
    """glibc keeps what a thread freed in that thread's arena: capped before the worker's threads exist (the
    request threads, the warm-ups), they share two (bench/README.md: a worker at 100k actors peaked ~50 MB lower)."""
    calls = []
    monkeypatch.setattr(server, "limit_malloc_arenas", lambda count: calls.append(("arenas", count)))
    monkeypatch.setattr(webapp, "create_app", lambda config: calls.append(("app", config)) or "app")
    monkeypatch.setattr(webapp.warm_up, "warm_search_in_background", lambda app: calls.append(("search", app)))
    monkeypatch.setattr(webapp.warm_up, "watch_in_background", lambda app: calls.append(("pages", app)))
    assert server._Server({"bind": "127.0.0.1:0"}).load() == "app"
    assert calls == [("arenas", server.MALLOC_ARENAS), ("app", {"debug": False}), ("search", "app"),
                     ("pages", "app")]


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt's arena cap is glibc's")
def test_glibc_takes_the_arena_cap():
    assert server.limit_malloc_arenas(server.MALLOC_ARENAS) is True


def test_the_server_opens_no_control_socket_in_the_users_home(tmp_path):
    """gunicorn's control socket (``~/.gunicorn/gunicorn.ctl`` from gunicorn 25.1) would be a way in that Maillage
    does not use, outside the data directory."""
    import urllib.request

    from tests.conftest import serving

    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "data").mkdir()
    log = tmp_path / "serve.log"
    with serving(tmp_path / "data", env={"HOME": str(home), "XDG_RUNTIME_DIR": str(home)}, log=log) as url:
        assert urllib.request.urlopen(url + "/healthz", timeout=10).status == 200
    assert list(home.iterdir()) == [] and "Control" not in log.read_text(encoding="utf-8")
