"""``maillage export``: the whole graph with its named graphs (TriG, N-Quads), or the grants as SCDL CSV — to the
standard output, or to a file replaced only once the export is complete (a backup is never lost half-way). An export
killed leaves no file of its own: a SIGTERM or a SIGHUP removes them on its way out (:func:`_ended_by_signals`), and
the next export removes what a SIGKILL left (:func:`_remove_stale_leftovers`)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import tempfile
import threading
from pathlib import Path

import click

from graph.french_text import counted, os_reason
from webapp.cli_context import Context, PathGiven, fail, pass_context, standard_output
from webapp.cli_group import ReadingCommand

#: The partial file an export to a file writes beside it (:func:`_export_file`): ``.NAME.PID.partiel``.
_PARTIAL = re.compile(r"\..+\.(\d+)\.partiel")
#: The signals that end an export as an exception, its files removed on the way out (:func:`_ended_by_signals`):
#: by default they end the process at once, and a dump's spool stayed in the temporary directory.
_ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class _ExportCommand(ReadingCommand):
    """``export``, whose dump is a backup: a reader that stops reading it (a ``gzip`` that died) leaves it incomplete,
    which must not end as a whole one does (exit 0): it fails, saying so."""

    unread = ("sortie standard fermée par son lecteur : l'export est incomplet",
              "standard output closed by its reader: the export is incomplete")


@click.command(cls=_ExportCommand)
@click.option("--format", "fmt", default="trig", show_default=True, type=click.Choice(["trig", "nquads", "scdl"]))
@click.option("-o", "--output", type=PathGiven(writing=True, path_type=Path))
@click.option("--verbose", is_flag=True)
@pass_context
def export(ctx: Context, fmt: str, output: Path | None, verbose: bool) -> None:
    """Dump the whole graph with its named graphs (trig, nquads), or the grants as SCDL CSV; ``verbose``: name the
    grants whose SCDL cells were replaced or left out."""
    store = ctx.existing_store
    if output == Path("-"):  # the usual name of standard output (it made a file named "-")
        output = None
    if output is not None:
        _check_export_path(output, ctx.config["data_dir"])
    with _ended_by_signals(), _export_file(output) as out:
        if fmt == "scdl":
            from graph.export import export_scdl
            from graph.scdl_export_summary import scdl_summary

            summary = scdl_summary(export_scdl(store, out), ctx.lang, verbose)
        else:
            from graph.dump_writing import write_dump

            summary = _dump_summary(*write_dump(store, out, fmt, _spool_dir(output)), fmt, output, ctx.lang)
    click.echo(summary, err=True)


class _Ended(BaseException):
    """One of :data:`_ENDING_SIGNALS` came: a BaseException, as KeyboardInterrupt is, so that no handler of errors
    takes it for one of them."""

    def __init__(self, number: int):
        super().__init__(number)
        self.number = number


@contextlib.contextmanager
def _ended_by_signals():
    """While the export runs, let a SIGTERM or a SIGHUP end it by an exception, so that its files are removed on the
    way out (the partial file, the dump's spool), then end the process by that signal, as it would have ended: by
    default either ends it at once, and an export to the standard output left its spool in the temporary directory.
    A signal ignored (``nohup``) or handled by the caller stays so; outside the main thread, which alone receives
    signals, nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def end(number, frame):
        raise _Ended(number)

    previous = {number: signal.signal(number, end) for number in _ENDING_SIGNALS
                if signal.getsignal(number) is signal.SIG_DFL}
    try:
        yield
    except _Ended as ended:
        signal.signal(ended.number, signal.SIG_DFL)
        signal.raise_signal(ended.number)
        raise  # the default action of both is to end the process: not reached
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _check_export_path(output: Path, data_dir: str) -> None:
    """Refuse to write an export into the data directory: its files are the store's and the index's (an export
    written over the store's pointer file left every read failing); or over a read-only file."""
    if output.resolve().is_relative_to(Path(data_dir).resolve()):
        fail(f"{output} : ce fichier est dans le dossier de données « {data_dir} », dont les fichiers sont ceux de la "
             "base ; écrivez l'export ailleurs",
             f"{output}: this file is in the data directory '{data_dir}', whose files are the store's; write the "
             "export elsewhere")
    if output.is_file() and (not output.stat().st_mode & 0o222 or not os.access(output, os.W_OK)):
        # the export is written beside the file and renamed over it, which a read-only file does not stop: a backup
        # kept with `chmod 444` was replaced
        fail(f"{output} : ce fichier est en lecture seule, l'export le remplacerait ; choisissez un autre nom, ou "
             "rendez-le modifiable (chmod u+w) si vous voulez le remplacer",
             f"{output}: this file is read-only, the export would replace it; choose another name, or make it "
             "writable (chmod u+w) if you mean to replace it")


@contextlib.contextmanager
def _export_file(output: Path | None):
    """The file an export writes: standard output, or a file written beside ``output`` and renamed to it once
    complete — an export interrupted, or that fills the disk, leaves the previous file as it was (it was truncated
    first: a backup lost). A device or a pipe (``/dev/full``, ``>(gzip)``) is written directly."""
    if output is None:
        yield standard_output()
        return
    direct = _direct(output)
    if not direct:
        _remove_stale_leftovers(output.parent)
    written = output if direct else output.with_name(f".{output.name}.{os.getpid()}.partiel")
    try:
        out = open(written, "wb")
    except OSError as exc:
        said, said_en = os_reason(exc)
        fail(f"{output} : impossible d'écrire ce fichier ({said})", f"{output}: cannot write this file ({said_en})")
    try:
        with out:
            yield out
        if not direct:
            os.replace(written, output)
    except OSError as exc:
        said, said_en = os_reason(exc)
        kept, kept_en = ("", "") if direct else (" ; le fichier précédent est intact", "; the previous file is intact")
        fail(f"{output} : export interrompu ({said}){kept}", f"{output}: export stopped ({said_en}){kept_en}")
    finally:
        if not direct and written.exists():
            written.unlink()


def _remove_stale_leftovers(directory: Path) -> None:
    """Remove from ``directory`` what exports killed while writing there left: their partial files
    (:data:`_PARTIAL`) and their dumps' spool directories (:data:`graph.dump_writing.SPOOL_PREFIX`), each named by
    its process id — when that process is gone. A live export's files are still being written: left alone. This
    process's id on a leftover is a killed process's that the system gave again: this export has written nothing yet.
    """
    from graph.dump_writing import SPOOL_PREFIX
    from graph.locks import process_alive

    spool = re.compile(re.escape(SPOOL_PREFIX) + r"(\d+)-.+")
    try:
        names = [entry.name for entry in os.scandir(directory)]
    except OSError:  # the export's own open says why, in one line
        return
    for name in names:
        match = _PARTIAL.fullmatch(name) or spool.fullmatch(name)
        if match is None or (pid := int(match.group(1))) != os.getpid() and process_alive(pid):
            continue
        path = directory / name
        # Gone already (another export removed it first) or not ours to remove: the export goes on, it is left.
        with contextlib.suppress(OSError):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()


def _direct(output: Path) -> bool:
    """Whether ``output`` is written directly: a device or a pipe, not a file replaced once complete."""
    return output.exists() and not output.is_file()


def _spool_dir(output: Path | None) -> Path:
    """Where a dump writes its body while it counts it (its counts come first): beside the file it replaces, on the
    disk that is to hold it anyway, rather than in a temporary directory that may be small or in memory (a tmpfs);
    the temporary directory for the standard output, a device or a pipe, where what the exports killed there left
    is first removed, as :func:`_export_file` removes it beside a file (which is where an export to a file looks)."""
    if output is not None and not _direct(output):
        return output.parent
    directory = Path(tempfile.gettempdir())
    _remove_stale_leftovers(directory)
    return directory


def _dump_summary(quads: int, graphs: int, fmt: str, output: Path | None, lang: str) -> str:
    """The line that ends an export of the graph: what was written (quads, graphs: those of the file, the graph that
    states its counts included), and where."""
    if lang == "en":
        return (f"{fmt} export: {counted(quads, 'quad', lang='en')} of {counted(graphs, 'graph', lang='en')} "
                f"written to {output or 'the standard output'}")
    return (f"export {fmt} : {counted(quads, 'quadruplet')} de {counted(graphs, 'graphe')} "
            f"{'écrit' if quads < 2 else 'écrits'} dans {output or 'la sortie standard'}")
