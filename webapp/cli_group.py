"""The classes of the ``maillage`` group and of its commands: a help that ends with where the data go and how to
name another directory, and an option of ``maillage`` itself given after a command refused with the command line
that gives it before. The texts of the help are in :mod:`webapp.cli_help`."""

from __future__ import annotations

import shlex

import click

from graph.store import StoreError
from webapp.cli_context import Context, current_lang, fail, fail_store, permission_failure, quiet_when_unread
from webapp.cli_help import Command, Group

#: The options of ``maillage`` itself, which go before the command (``maillage --data DIR ingest …``).
_GROUP_OPTIONS = ("--data", "--version")


class _DataHelp:
    """A help that ends with where the data go, and how to name another directory (README.md, "Command line")."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)  # type: ignore[misc]
        command = ctx.info_name if ctx.parent is not None else None
        if current_lang() == "en":
            text = (f"Data directory: --data DIR before the command (maillage --data DIR {command or 'COMMAND'} …), "
                    "or the MAILLAGE_DATA environment variable; ./maillage-data by default.")
        else:
            nbsp = "\N{NO-BREAK SPACE}"  # click wraps the help at spaces: none before a French colon
            text = (f"Dossier des données{nbsp}: --data DOSSIER avant la commande (maillage --data DOSSIER "
                    f"{command or 'COMMANDE'} …), ou la variable d'environnement MAILLAGE_DATA{nbsp}; "
                    "./maillage-data par défaut.")
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)


class MaillageCommand(_DataHelp, Command):
    """A command of ``maillage`` whose help ends with where the data go, and which tells an option of ``maillage``
    itself given after it where it goes (click said only « option inconnue « --data » »)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        given = list(args)  # click's parser consumes ``args``
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            if exc.option_name not in _GROUP_OPTIONS:
                raise
            raise click.UsageError(_misplaced(exc.option_name, ctx.info_name or "", given), ctx) from None


class ReadingCommand(MaillageCommand):
    """A command that only reads the data directory (query, search, validate, export, serve): a directory that this
    user may not read is said to have to be readable — not writable, which such a command never needs — and a reader
    of its standard output that stops reading (``maillage query … | head``) ends it quietly, exit 0
    (:func:`~webapp.cli_context.quiet_when_unread`): nothing was half-written. ``unread``: what it says instead, and
    exit 1, when its output is meant whole (``export``'s dump)."""

    unread: tuple[str, str] | None = None

    def invoke(self, ctx: click.Context):
        with quiet_when_unread(said=self.unread):
            return super().invoke(ctx)


def _misplaced(option: str, command: str, args: list[str]) -> str:
    """Why an option of ``maillage`` itself, given after ``command`` (its arguments ``args``), is refused: with the
    command line that gives it before the command."""
    en = current_lang() == "en"
    if option == "--version":
        return ("--version is an option of maillage, not of a command: maillage --version" if en else
                "--version est une option de maillage, pas d'une commande : maillage --version")
    value = next((args[i + 1] for i, arg in enumerate(args[:-1]) if arg == option), None) or next(
        (arg.split("=", 1)[1] for arg in args if arg.startswith(f"{option}=")), "DIR" if en else "DOSSIER")
    line = f"maillage {option} {shlex.quote(value)} {command} …"
    return (f"{option} is an option of maillage, not of '{command}': give it before the command ({line}), or set "
            "MAILLAGE_DATA" if en else f"{option} est une option de maillage, pas de « {command} » : donnez-la avant "
            f"la commande ({line}), ou réglez MAILLAGE_DATA")


class MaillageGroup(_DataHelp, Group):
    """The ``maillage`` group, whose help ends with where the data go, whose commands are :class:`MaillageCommand`,
    and whose store's failure is one line in the user's language whatever the command (``export`` and ``validate``
    of a remote store out of reach ended in a traceback), as is a data directory that this user may not open, with
    what the command needs of it (:class:`ReadingCommand`: to read it; the others: to write it)."""

    command_class = MaillageCommand

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except StoreError as exc:
            fail_store(exc, ctx.obj.config if isinstance(ctx.obj, Context) else None)
        except PermissionError as exc:
            command = self.commands.get(ctx.invoked_subcommand or "")
            fail(*permission_failure(exc, reading=isinstance(command, ReadingCommand)))
