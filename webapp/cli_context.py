"""What every command of ``maillage`` shares: the language of its messages (the ``lang`` setting), its way of
refusing bad input (:func:`fail`: one line on stderr, exit 1), and its :class:`Context` — the settings and, opened
on demand, the store. Importing this module makes click's own messages follow the same language."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from graph.french_text import os_reason
from graph.store import StoreError, open_store
from webapp.cli_messages import install as install_messages
from webapp.settings import load_settings

EXIT_BAD_INPUT = 1


def fail(message: str, message_en: str | None = None) -> None:
    """Print one clear line on stderr, in the ``lang`` setting's language, and exit 1 (bad input)."""
    click.echo(f"maillage: {message_en if message_en and current_lang() == 'en' else message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


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

            try:
                self._store = open_store(store_config(self.config))
            except StoreError as exc:
                fail(str(exc), exc.message_en)
            except OSError as exc:  # --data names a file, a directory that cannot be written…
                said, said_en = os_reason(exc)
                fail(f"dossier de données « {self.config['data_dir']} » inutilisable : {said}",
                     f"data directory '{self.config['data_dir']}' unusable: {said_en}")
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
