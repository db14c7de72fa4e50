"""The ``maillage`` command line: the composition root. Each command is a few lines calling one library function.

Data goes to stdout, messages to stderr; exit 0 on success, 1 on bad input, 2 on usage errors. This module holds
the ``maillage`` group and the console script's entry point (:func:`run`); the commands are in the modules that
their responsibility names — :mod:`webapp.cli_ingest` (ingest, remove), :mod:`webapp.cli_read` (query, search,
validate), :mod:`webapp.cli_export` (export), :mod:`webapp.cli_serve` (index, optimize, serve) — and what they share
in :mod:`webapp.cli_context` and :mod:`webapp.cli_group`.
"""

from __future__ import annotations

from pathlib import Path

import click

from graph import __version__
from graph.french_text import os_reason
from graph.ingest.base import InputError
from webapp.cli_context import Context, PathGiven, current_lang, fail, logs_said, permission_failure, store_damaged
from webapp.cli_export import export
from webapp.cli_group import MaillageGroup
from webapp.cli_ingest import ingest, remove
from webapp.cli_read import query, search_command, validate
from webapp.cli_serve import index, optimize, serve
from webapp.settings import SettingError


# The help of each command and option, in French and in English, is in webapp/cli_help.py.
@click.group(cls=MaillageGroup, language=current_lang, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="maillage")
# An empty MAILLAGE_DATA is unset for click: the setting's own parser refuses it (webapp/settings.py). A directory
# that cannot be read is the command's to say, with what it needs of it (MaillageGroup.invoke): not click's.
@click.option("--data", "data_dir", envvar="MAILLAGE_DATA", type=PathGiven(readable=False))
@click.pass_context
def main(ctx: click.Context, data_dir: str | None) -> None:
    """Maillage: the knowledge graph of a PTCE santé — ingest, query, search, serve."""
    from graph.locks import announcing_waits

    ctx.obj = Context(data_dir)
    ctx.with_resource(logs_said(ctx.obj.lang))
    if ctx.invoked_subcommand != "serve":  # a server's workers write uploads: their waits are not this terminal's
        ctx.with_resource(announcing_waits(_say_waiting))


def _say_waiting(lock: Path, timeout: float) -> None:
    """Say at once, on stderr, that this command waits for another writer — which process, as the lock's timeout
    names it, and for how long at most: an ingest started while another one wrote waited in silence."""
    import json

    try:
        holder = json.loads(lock.with_name(lock.name + ".info").read_text())
    except (OSError, ValueError):  # the index's lock says nothing of its holder; a holder that has not said it yet
        holder = {}
    holder = holder if isinstance(holder, dict) else {}
    what = ("la base", "the store") if lock.parent.name == "store" else ("l'index de recherche", "the search index")
    if current_lang() == "en":
        who = (f"process {holder['pid']} ({holder.get('command', 'unknown command')}) since {holder.get('since', '?')}"
               if "pid" in holder else "another process")
        click.echo(f"{what[1]} is being written by {who}: waiting for it to finish, {timeout:g} s at most "
                   "(lock_timeout setting)", err=True)
    else:
        who = (f"le processus {holder['pid']} ({holder.get('command', 'commande inconnue')}) depuis "
               f"{holder.get('since', '?')}" if "pid" in holder else "un autre processus")
        click.echo(f"{what[0]} est en cours d'écriture par {who} : attente de sa fin, {timeout:g} s au plus (réglage "
                   "lock_timeout)", err=True)


# In the order of README's table of commands and of the help's catalogue (webapp/cli_help.py).
for command in (ingest, remove, query, search_command, index, optimize, validate, export, serve):
    main.add_command(command)


def run() -> None:
    """Entry point of the console script: usage errors exit 2, bad input 1, never a traceback for either — nor for
    a setting that cannot be used, a data directory this user may not read or write, a disk full, a store's damaged
    file."""
    try:
        main(standalone_mode=True)
    except InputError as exc:
        fail(exc.issue.message, exc.issue.message_en)
    except SettingError as exc:
        fail(exc.message, exc.message_en)
    except PermissionError as exc:  # outside a command, which says itself what it needs (MaillageGroup.invoke)
        fail(*permission_failure(exc, reading=False))
    except OSError as exc:  # a disk full, an input/output error
        said, said_en = os_reason(exc)
        where = f"{exc.filename} : " if exc.filename else ""
        fail(f"{where}{said}", f"{where}{said_en}")
    except RuntimeError as exc:
        if not str(exc).startswith("Corruption"):  # the engine's word for a store's damaged file
            raise
        fail(*store_damaged(exc))


if __name__ == "__main__":  # python -m webapp.cli, as the console script
    run()
