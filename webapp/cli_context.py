"""What every command of ``maillage`` shares: the language of its messages (the ``lang`` setting), its way of
refusing bad input (:func:`fail`: one line on stderr, exit 1), the way it prints what the library's ``maillage.*``
loggers say (:func:`logs_said`), and its :class:`Context` — the settings and, opened on demand, the store. Importing
this module makes click's own messages follow the same language."""

from __future__ import annotations

import errno
import logging
import os
import re
import select
import socket
import sys
import urllib.error
from contextlib import contextmanager
from pathlib import Path

import click

from graph.french_text import os_reason
from graph.store import RESTORE_ADVICE, StoreError, open_store
from webapp.cli_messages import install as install_messages
from webapp.settings import load_settings

EXIT_BAD_INPUT = 1
#: The exit code of a usage error: a command, an option or an option's value that does not fit (click's own).
EXIT_USAGE = 2


def fail(message: str, message_en: str | None = None, code: int = EXIT_BAD_INPUT) -> None:
    """Print one clear line on stderr, in the ``lang`` setting's language, and exit ``code`` (1, bad input)."""
    click.echo(f"maillage: {message_en if message_en and current_lang() == 'en' else message}", err=True)
    sys.exit(code)


def fail_store(exc: StoreError, config: dict | None = None) -> None:
    """Say in one line, in the ``lang`` setting's language, why the store failed (:func:`store_failure`); exit 1."""
    fail(*store_failure(exc, config or {}))


def store_damaged(exc: RuntimeError) -> tuple[str, str]:
    """The engine's ``Corruption`` error (a store's damaged file) as the command line says it, in French and in
    English: what the engine found, and how to get the data back."""
    return (f"base endommagée ({str(exc)[:200]}) : {RESTORE_ADVICE[0]}",
            f"store damaged ({str(exc)[:200]}): {RESTORE_ADVICE[1]}")


def data_dir_unusable(exc: OSError, config: dict) -> tuple[str, str]:
    """A data directory that the store cannot use (``--data`` names a file, a directory that cannot be written…) as
    the command line says it, in French and in English."""
    said, said_en = os_reason(exc)
    return (f"dossier de données « {config['data_dir']} » inutilisable : {said}",
            f"data directory '{config['data_dir']}' unusable: {said_en}")


def store_failure(exc: StoreError, config: dict) -> tuple[str, str]:
    """A store's failure as the command line says it, in French and in English: its own words when it has them in
    both (the writer's lock), a remote store that cannot be reached or refuses a request with its address and why
    (its failures are urllib's, in English: « maillage: cannot reach …/update » under lang fr), else its own words
    after « base indisponible »."""
    if exc.message_en != str(exc):  # its own words in both languages, whatever it met (a lock's wait: an OSError)
        return str(exc), exc.message_en
    cause = exc.__context__
    if not isinstance(cause, OSError) or config.get("store") != "sparql":  # an embedded store's files: no server
        return f"base indisponible : {exc}", f"store unavailable: {exc}"
    found = _URL.search(str(exc))
    url = found.group(0) if found else config.get("query_url", "")
    if isinstance(cause, urllib.error.HTTPError):
        said = str(exc).partition(f"{cause.code}: ")[2] or cause.reason
        return (f"le serveur SPARQL a répondu à {url} par l'erreur HTTP {cause.code} ({said})",
                f"the SPARQL server answered {url} with the HTTP error {cause.code} ({said})")
    reason = getattr(cause, "reason", cause)
    if isinstance(reason, TimeoutError):
        seconds = float(config.get("remote_timeout", 60))
        return (f"le serveur SPARQL n'a pas répondu à {url} en {f'{seconds:g}'.replace('.', ',')} s (réglage "
                "remote_timeout)",
                f"the SPARQL server did not answer {url} within {seconds:g} s (remote_timeout setting)")
    why, why_en = _network_reason(reason)
    return (f"le serveur SPARQL ne répond pas à {url} ({why}) : est-il lancé, et MAILLAGE_QUERY_URL et "
            "MAILLAGE_UPDATE_URL le nomment-ils ?",
            f"the SPARQL server does not answer at {url} ({why_en}): is it running, and do MAILLAGE_QUERY_URL and "
            "MAILLAGE_UPDATE_URL name it?")


#: The address a remote store's failure names (the request's, query or update).
_URL = re.compile(r"https?://[^\s]+?(?=:? |$)")
#: The network's errors as the command line says them in French (the system's words are English).
_NETWORK_ERRORS = {errno.ECONNREFUSED: "connexion refusée", errno.ECONNRESET: "connexion coupée par le serveur",
                   errno.EHOSTUNREACH: "machine injoignable", errno.ENETUNREACH: "réseau injoignable"}


def _network_reason(reason) -> tuple[str, str]:
    """Why a connection failed, in French and in English (a name that does not resolve, a refused connection…)."""
    if isinstance(reason, socket.gaierror):
        return "nom de machine inconnu", f"unknown host name ({reason.strerror or reason})"
    if isinstance(reason, ConnectionResetError):
        return _NETWORK_ERRORS[errno.ECONNRESET], "connection reset by the server"
    if isinstance(reason, OSError):
        english = reason.strerror or str(reason)
        return _NETWORK_ERRORS.get(reason.errno, english), english
    return str(reason), str(reason)


def check_remote_settings(config: dict) -> None:
    """Refuse in one line a remote store (``store = sparql``) without the address of its query endpoint (the store's
    own refusal is in English)."""
    if config.get("store") == "sparql" and not config.get("query_url"):
        fail("la base SPARQL (store = sparql) demande l'adresse de son point de requête : réglez MAILLAGE_QUERY_URL "
             "(et MAILLAGE_UPDATE_URL pour écrire)",
             "the sparql store needs the address of its query endpoint: set MAILLAGE_QUERY_URL (and "
             "MAILLAGE_UPDATE_URL to write)")


class PathGiven(click.Path):
    """A path given on the command line, refused when empty — click made ``""`` the current directory (``ingest
    "$DIR"`` with the variable unset ingested every file under it), an option that an environment variable may also
    give named with it (``--data / MAILLAGE_DATA``) — and, for a file to write (``writing``), when it
    ends with a slash (``export -o backups/`` wrote a file named ``backups``); for files to read (``reading``), ``-``
    when no file has that name: the standard input is not read, a source being named by its file."""

    def __init__(self, *, writing: bool = False, reading: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.writing, self.reading = writing, reading

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            raise click.BadParameter("empty path (an unset shell variable?)" if current_lang() == "en" else
                                     "chemin vide (une variable du shell non définie ?)", ctx, param,
                                     _named_with_variable(param))
        if self.writing and isinstance(value, str) and value.endswith(("/", os.sep)) and value != "-":
            self.fail(f"'{value}' names a folder: give the name of the file to write ({value}FILE)"
                      if current_lang() == "en" else
                      f"« {value} » nomme un dossier : donnez le nom du fichier à écrire ({value}FICHIER)",
                      param, ctx)
        if self.reading and value == "-" and not os.path.lexists(value):
            self.fail("'-': the standard input is not read; save it to a file, whose name names the source"
                      if current_lang() == "en" else "« - » : l'entrée standard n'est pas lue ; enregistrez-la dans "
                      "un fichier, dont le nom nomme la source", param, ctx)
        return super().convert(value, param, ctx)


def _named_with_variable(param: click.Parameter | None) -> str | None:
    """How a refusal names an option that an environment variable may also give: with it (``--data /
    MAILLAGE_DATA``), since the empty value may come from either; None (click's own naming) for another."""
    if param is None or not isinstance(getattr(param, "envvar", None), str):
        return None
    return " / ".join([*param.opts, param.envvar])


def standard_output():
    """The standard output's bytes, or one line and exit 1 when it is closed (``maillage export >&-``: Python then
    has no ``sys.stdout``, and the export ended in a traceback)."""
    if sys.stdout is None:
        fail("la sortie standard est fermée : redirigez-la vers un fichier, ou écrivez dans un fichier (-o FICHIER)",
             "the standard output is closed: redirect it to a file, or write to a file (-o FILE)")
    return sys.stdout.buffer


@contextmanager
def quiet_when_unread(status: int = 0, said: tuple[str, str] | None = None):
    """While the block writes to the standard output, let its reader stop reading (``maillage query … | head``): the
    command ends quietly, exit ``status`` — what its reader does not read is its reader's choice, and a command that
    only reads has nothing half-written (click ended it with exit 1 and no word, the same command exit 0 when its
    output fitted in the pipe) — or, when the output was meant whole (``said``: a dump piped to ``gzip``), fails
    saying ``said``. What the block leaves in the output's buffer is written before the block ends, so that a closed
    pipe is met here, not by Python's last flush (« Exception ignored … BrokenPipeError »). A broken pipe of another
    stream (a remote store's connection) is no reader's choice: raised as it is."""
    try:
        yield
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        if not _reader_gone():
            raise
        # Python's advice (the signal module's note on SIGPIPE): what is still buffered goes nowhere, not to a pipe
        # that fails again at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        if said:
            fail(*said)
        sys.exit(status)


def _reader_gone() -> bool:
    """Whether the standard output is a pipe (or a socket) that its reader closed: the kernel says so by POLLERR
    (POLLHUP for a socket) to a writer that polls it."""
    try:
        output = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # no standard output, or a stream without a file (a test runner)
        return False
    poll = select.poll()
    poll.register(output, select.POLLOUT)
    return any(events & (select.POLLERR | select.POLLHUP) for _, events in poll.poll(0))


def permission_failure(exc: PermissionError, reading: bool) -> tuple[str, str]:
    """A file of the data directory that this user may not open, said in French and in English with what the command
    needs of the directory: a command that only reads (``reading``) needs to read it, the others to write it too (a
    directory that ``query`` could not list was said to have to be writable, which ``query`` never needs)."""
    where = exc.filename or ""
    if reading:
        return (f"{where} : permission refusée ; le dossier de données doit être lisible par qui lance cette commande",
                f"{where}: permission denied; the data directory must be readable by whoever runs this command")
    return (f"{where} : permission refusée ; le dossier de données doit être modifiable par qui lance cette commande",
            f"{where}: permission denied; the data directory must be writable by whoever runs this command")


def current_lang() -> str:
    """The language of the command being run: the ``lang`` setting (French unless it says ``en``)."""
    context = click.get_current_context(silent=True)
    if context is not None and isinstance(context.obj, Context):
        return context.obj.lang
    try:  # before the command's context (its help), or once it is closed (click shows its usage errors then)
        return _lang_of(load_settings())
    except ValueError:  # another setting that cannot be used: said in the language asked for all the same
        return "en" if os.environ.get("MAILLAGE_LANG", "").strip().lower() == "en" else "fr"


def _lang_of(config: dict) -> str:
    """The ``lang`` setting of ``config`` as the command line reads it: French unless it says ``en``."""
    return "en" if config.get("lang") == "en" else "fr"


install_messages(current_lang)


class _SaidInLanguage(logging.Handler):
    """Print a record of a ``maillage.*`` logger on stderr as it is: its message, or its English version (the
    record's ``message_en``, given as ``extra``) under ``lang`` en."""

    def __init__(self, lang: str):
        super().__init__(logging.WARNING)  # what Python's last resort printed: an INFO record is for a log file
        self.lang = lang

    def emit(self, record: logging.LogRecord) -> None:
        try:
            english = getattr(record, "message_en", None)
            click.echo(english if english and self.lang == "en" else record.getMessage(), err=True)
        except Exception:  # logging's contract: a handler that fails says so on stderr, never stops the caller
            self.handleError(record)


@contextmanager
def logs_said(lang: str):
    """While the command runs, print the warnings of the ``maillage.*`` loggers on stderr in ``lang``: without a
    handler, Python's last resort printed their French message whatever the language (a remote store's recovery)."""
    handler, logger = _SaidInLanguage(lang), logging.getLogger("maillage")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def say_logs_by_default(lang: str) -> bool:
    """Print the warnings of the ``maillage.*`` loggers on stderr in ``lang`` from now on, as :func:`logs_said` does,
    where no handler would hear them (Python's last resort printed their French message): in the web application
    that another WSGI server than ``maillage serve`` runs (``gunicorn 'webapp:create_app()'`` configures no logging
    of it). Where a handler hears them — the command line's (``maillage serve``), a logging configured by the server
    or the program that runs the application — they stay its own. Whether the handler was added."""
    logger = logging.getLogger("maillage")
    if logger.hasHandlers():
        return False
    logger.addHandler(_SaidInLanguage(lang))
    return True


class Context:
    """What every command shares: the configuration and, opened on demand, the store."""

    def __init__(self, data_dir: str | None):
        overrides = {"data_dir": data_dir} if data_dir else {}
        self.config = load_settings(overrides)
        self._store = None

    @property
    def lang(self) -> str:
        """The language of the reports: the ``lang`` setting (``MAILLAGE_LANG``), French unless it says ``en``."""
        return _lang_of(self.config)

    @property
    def store(self):
        if self._store is None:
            from webapp.settings import store_config

            check_remote_settings(self.config)
            try:
                self._store = open_store(store_config(self.config))
            except StoreError as exc:
                fail_store(exc, self.config)
            except OSError as exc:  # --data names a file, a directory that cannot be written…
                fail(*data_dir_unusable(exc, self.config))
        return self._store

    @property
    def existing_store(self):
        """The store, for a command that only reads it: an embedded store must exist (a mistyped ``--data`` would
        otherwise answer from a new, empty store)."""
        data = Path(self.config["data_dir"])
        if self.config.get("store", "oxigraph") == "oxigraph" and data.exists() and not data.is_dir():
            fail(f"« {data} » n'est pas un dossier : --data / MAILLAGE_DATA nomme le dossier des données",
                 f"'{data}' is not a directory: --data / MAILLAGE_DATA names the data directory")
        if self.config.get("store", "oxigraph") == "oxigraph" and not (data / "store").is_dir():
            fail(f"aucune base dans « {self.config['data_dir']} » : rien n'y a été importé (maillage ingest …), "
                 "ou --data / MAILLAGE_DATA nomme un autre dossier",
                 f"no store in '{self.config['data_dir']}': nothing was ingested there (maillage ingest …), or "
                 "--data / MAILLAGE_DATA names another directory")
        return self.store


pass_context = click.make_pass_decorator(Context)
