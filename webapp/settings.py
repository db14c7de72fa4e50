"""Every setting of Maillage, declared once, as data, with its default and help text.

``create_app`` reads the defaults, then ``MAILLAGE_*`` environment variables, then ``test_config``;
``tests/test_settings.py`` checks that README.md documents each one.
"""

from __future__ import annotations

import os
import re
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


_TRUE, _FALSE = ("1", "true", "yes", "oui", "on"), ("0", "false", "no", "non", "off", "")


def _bool(value: str) -> bool:
    """A yes or a no; any other word is refused (« maybe » or « 2 » read as no, without a word), with every word
    accepted, from the same lists as the check (« yes » and « no » were accepted but left out of the message).

    >>> _bool("peut-etre")
    Traceback (most recent call last):
    webapp.settings.SettingError: attendu : 1, true, yes, oui ou on pour oui ; 0, false, no, non, off ou rien pour non
    """
    if value.strip().lower() not in _TRUE + _FALSE:
        raise SettingError(f"attendu : {_listed(_TRUE, 'ou')} pour oui ; {_listed(_FALSE, 'ou', 'rien')} pour non",
                           f"expected: {_listed(_TRUE, 'or')} for yes; {_listed(_FALSE, 'or', 'nothing')} for no")
    return value.strip().lower() in _TRUE


def _listed(words: tuple[str, ...], conjunction: str, empty: str = "") -> str:
    """``words`` as a list in a sentence, the empty word said ``empty``: "0, false, no, non, off or nothing"."""
    shown = [word or empty for word in words]
    return f"{', '.join(shown[:-1])} {conjunction} {shown[-1]}"


class SettingError(ValueError):
    """A setting's value that cannot be used; ``message`` in French, ``message_en`` in English."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message)
        self.message, self.message_en = message, message_en


def _number(kind: type, least: float, said: str, said_en: str, most: float = 10**9) -> Callable[[str], Any]:
    """A parser of a number of ``kind`` (int or float) from ``least`` to ``most``, that says what is expected
    ("inf" or 1e400 seconds made the query's time limit overflow, a traceback)."""
    def parse(value: str):
        try:
            number = kind(value.strip())
        except ValueError:
            number = None
        if number is None or not least <= number <= most:  # NaN is no number of seconds either
            raise SettingError(f"{said}, entre {_plain(least, ',')} et {_plain(most, ',')}",
                               f"{said_en}, from {_plain(least)} to {_plain(most)}")
        return number
    return parse


def _plain(number: float, point: str = ".") -> str:
    """A bound as a message writes it: 86400, 1000000000, 0.1 (0,1 in French).

    >>> _plain(10**9), _plain(0.1, ","), _plain(86_400.0)
    ('1000000000', '0,1', '86400')
    """
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", point)


def _one_of(*choices: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value.strip().lower() not in choices:
            raise SettingError(f"attendu : {' ou '.join(choices)}", f"expected: {' or '.join(choices)}")
        return value.strip().lower()
    return parse


def _directory(value: str) -> str:
    """A directory's path, not empty: an empty one was the current directory, where an ingest wrote its store."""
    if not value.strip():
        raise SettingError("un chemin de dossier est attendu, pas un texte vide",
                           "a directory path is expected, not an empty text")
    return value


def _base(value: str) -> str:
    if re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+[/#]", value.strip()) is None:
        raise SettingError("une IRI absolue http(s) qui finit par / ou # est attendue (https://exemple.fr/id/)",
                           "an absolute http(s) IRI ending with / or # is expected (https://example.org/id/)")
    return value.strip()


#: A day: no wait of the application is longer.
_A_DAY = 86_400
_SECONDS = _number(float, 0, "un nombre de secondes est attendu", "a number of seconds is expected", _A_DAY)


def _url(value: str) -> str:
    """A SPARQL endpoint's URL: http(s), or empty (the setting unused)."""
    if value.strip() and re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", value.strip()) is None:
        raise SettingError("une adresse http(s) est attendue (http://127.0.0.1:7878/query)",
                           "an http(s) address is expected (http://127.0.0.1:7878/query)")
    return value.strip()


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "maillage-data", "Directory of the embedded store, the search index and the logs.",
            _directory, env_name="MAILLAGE_DATA"),
    Setting("store", "oxigraph", "Store backend: oxigraph (embedded, on disk), memory (tests) or sparql (remote).",
            _one_of("oxigraph", "memory", "sparql")),
    Setting("query_url", "", "SPARQL 1.1 query URL of the remote store (store = sparql).", _url),
    Setting("update_url", "", "SPARQL 1.1 update URL of the remote store (defaults to the query URL).", _url),
    Setting("remote_timeout", 60.0, "Seconds a request to the remote store (store = sparql) may wait for its "
            "answer: an ingest's update, an export's dump; the web server's requests wait at most query_timeout.",
            _number(float, 0.1, "un nombre de secondes est attendu", "a number of seconds is expected", _A_DAY)),
    Setting("base", "https://w3id.org/maillage/id/", "Base of the instance IRIs: {base}{kind}/{key}.", _base),
    Setting("query_timeout", 10.0, "Seconds a user SPARQL query may run before it is stopped (HTTP 503).",
            _number(float, 0.1, "un nombre de secondes est attendu", "a number of seconds is expected", _A_DAY)),
    Setting("max_rows", 10_000, "Rows a user SPARQL query may return; more are cut and flagged.",
            _number(int, 1, "un nombre entier de lignes est attendu", "a whole number of rows is expected")),
    Setting("query_workers", 2, "Worker processes that run user SPARQL queries (killed past the time limit).",
            _number(int, 1, "un nombre entier de processus est attendu", "a whole number of processes is expected",
                    64)),
    Setting("lock_timeout", 30.0, "Seconds a writer waits for another writer before giving up.", _SECONDS),
    Setting("write_token", "", "Token that authorises writes (upload, SPARQL Update, Graph Store); empty: none.",),
    Setting("max_upload_bytes", 50 * 1024 * 1024,
            "Largest accepted body of an upload or a Graph Store write, in bytes (any other request body: 1 MiB).",
            _number(int, 1, "un nombre entier d'octets est attendu", "a whole number of bytes is expected", 2**40)),
    Setting("publish_interval", 5.0, "Seconds an ingest of several files gathers them before publishing them "
            "together (0: after each file); each file is seen whole, old or new.", _SECONDS),
    Setting("index_procs", 2, "Processes that write the search index in parallel during a full rebuild.",
            _number(int, 1, "un nombre entier de processus est attendu", "a whole number of processes is expected",
                    64)),
    Setting("lang", "fr", "Default language of the interface, and of the command line's reports, messages and "
            "help: fr or en.", _one_of("fr", "en")),
    Setting("proxy", 0, "Reverse proxies in front of the server whose X-Forwarded-For, -Proto, -Host and -Prefix "
            "headers are trusted (0: none, the headers ignored).",
            _number(int, 0, "un nombre entier de proxys est attendu", "a whole number of proxies is expected", 10)),
    Setting("debug", False, "Flask debug mode (never in `maillage serve`).", _bool),
)


def load_settings(test_config: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> dict:
    """Return the configuration: defaults, then MAILLAGE_* variables of ``environ``, then ``test_config``."""
    environ = os.environ if environ is None else environ
    config = {s.name: s.default for s in SETTINGS}
    for setting in SETTINGS:
        if setting.env in environ:
            try:
                config[setting.name] = setting.parse(environ[setting.env])
            except SettingError as exc:  # one clear line, never a traceback (the CLI and `create_app` say it)
                raise SettingError(f"{setting.env}=« {environ[setting.env]} » : {exc.message}",
                                   f"{setting.env}='{environ[setting.env]}': {exc.message_en}") from None
    config.update(test_config or {})
    return config


def store_config(config: Mapping[str, Any]) -> dict:
    """The part of the configuration that the store reads."""
    keys = ("store", "data_dir", "query_url", "update_url", "remote_timeout", "lock_timeout")
    return {k: config[k] for k in keys if k in config}
