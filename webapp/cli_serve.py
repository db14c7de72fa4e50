"""The commands that make the data ready to serve, and serve them: ``maillage index`` (the search index rebuilt,
or checked), ``maillage optimize`` (the embedded store compacted) and ``maillage serve`` (the production server)."""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import click

from graph.french_text import os_reason
from graph.store import StoreError, open_store
from webapp.cli_context import (EXIT_BAD_INPUT, Context, check_remote_settings, data_dir_unusable, fail, pass_context,
                                 store_damaged, store_failure)
from webapp.cli_group import MaillageCommand, ReadingCommand
from webapp.cli_messages import IntRange


@click.command(cls=MaillageCommand)
@click.option("--check", is_flag=True)
@pass_context
def index(ctx: Context, check: bool) -> None:
    """Rebuild the search index from the graph and swap it in atomically."""
    from search.errors import SearchError
    from search.index_check import check_index
    from search.indexer import build_index

    if check:
        try:
            report = check_index(ctx.existing_store, ctx.config)
        except SearchError as exc:  # a damaged index: what is wrong, and that `maillage index` rebuilds it
            fail(exc.message, exc.message_en)
        click.echo(report.format(lang=ctx.lang))
        sys.exit(0 if report.ok else EXIT_BAD_INPUT)
    en = ctx.lang == "en"

    def progress(written: int | None) -> None:
        if written is None:
            click.echo("index: reading the graph" if en else "index : lecture du graphe", err=True)
        else:
            click.echo(f"index: {written} documents written" if en else f"index : {written} documents écrits",
                       err=True)

    stats = build_index(ctx.existing_store, ctx.config, progress=progress)  # a mistyped --data: no empty index
    click.echo(stats.format(ctx.lang), err=True)


@click.command(cls=MaillageCommand)
@pass_context
def optimize(ctx: Context) -> None:
    """Compact the embedded store after a large import, its content unchanged: queries and pages read fewer files."""
    import time

    from graph.disk_usage import data_usage

    store, data = ctx.existing_store, Path(ctx.config["data_dir"])  # none there: one line, nothing created
    start, before = time.perf_counter(), data_usage(data)
    with store.writer() as writer:  # another writer that holds the lock: one line (cli_group)
        sizes = writer.optimize()
    if sizes is None:
        click.echo("nothing to compact: only the embedded store has files of its own (a SPARQL server compacts its "
                   "own database)" if ctx.lang == "en" else
                   "rien à compacter : seule la base embarquée a des fichiers à elle (un serveur SPARQL compacte sa "
                   "propre base)", err=True)
        return
    en = ctx.lang == "en"
    figures = [_decimal(x, en) for x in (time.perf_counter() - start, sizes[0] / 1e6, sizes[1] / 1e6)]
    click.echo("store compacted in {} s: {} MB before, {} MB after; readers open it at their next request".format(
        *figures) if en else
        "base compactée en {} s : {} Mo avant, {} Mo après ; les lecteurs l'ouvrent à leur prochaine requête".format(
        *figures), err=True)
    click.echo(_usage_line(before, data_usage(data), en), err=True)


def _usage_line(before, after, en: bool) -> str:
    """The data directory's size before and after ``maillage optimize``, by part, and its older snapshots (most of
    the room after many ingests: each holds the files of the store as they were)."""
    mb = [_decimal(x / 1e6, en) for x in (before.total, after.total, after.primary, after.snapshots, after.index)]
    if en:
        return ("data directory: {} MB before, {} MB after (store {} MB, its snapshots {} MB more, index {} MB); "
                "older snapshots: {} before, {} after").format(*mb, before.older_snapshots, after.older_snapshots)
    return ("dossier de données : {} Mo avant, {} Mo après (base {} Mo, ses instantanés {} Mo de plus, index {} Mo) ; "
            "anciens instantanés : {} avant, {} après").format(*mb, before.older_snapshots, after.older_snapshots)


def _decimal(value: float, en: bool) -> str:
    """``value`` with one decimal, written the French way unless ``en``."""
    return f"{value:.1f}" if en else f"{value:.1f}".replace(".", ",")


@click.command(cls=ReadingCommand)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=IntRange(1, 64))
@pass_context
def serve(ctx: Context, host: str, port: int, workers: int) -> None:
    """Serve the explorer, the API and the SPARQL endpoint on a production WSGI server."""
    from webapp.server import serve as run

    _port_free(host, port)  # a mistake refused before the notices of a server that will not start
    data = Path(ctx.config["data_dir"])
    if ctx.config.get("store", "oxigraph") == "oxigraph" and not data.is_dir():
        # refused, not created: a mistyped --data served an empty site, and left an empty directory behind
        fail(f"le dossier de données « {data} » n'existe pas : --data / MAILLAGE_DATA nomme-t-il un autre dossier ? "
             "(maillage ingest le crée)",
             f"the data directory '{data}' does not exist: does --data / MAILLAGE_DATA name another directory? "
             "(maillage ingest creates it)")
    if ctx.config.get("store", "oxigraph") == "oxigraph" and (data / "store").is_dir():
        _check_store(ctx)
    elif ctx.config.get("store", "oxigraph") == "oxigraph":
        # said, not refused: a server may start empty and take its files by upload; a mistyped --data is seen
        click.echo(f"no store in '{data}' yet: the site is empty until a file is ingested or uploaded (--data / "
                   "MAILLAGE_DATA names another directory?)" if ctx.lang == "en" else
                   f"aucune base dans « {data} » pour l'instant : le site sera vide jusqu'à ce qu'un fichier y soit "
                   "ingéré ou déposé (--data / MAILLAGE_DATA nomme-t-il un autre dossier ?)", err=True)
    if ctx.config.get("store") == "sparql":
        _say_remote_unreachable(ctx)
    os.environ["MAILLAGE_DATA"] = ctx.config["data_dir"]
    run(host, port, workers)


def _check_store(ctx: Context) -> None:
    """Open the embedded store's current snapshot once before the workers start, and refuse in one line a store that
    cannot be opened (a damaged file, a pointer to no snapshot): each worker failed to boot with a traceback, and
    gunicorn gave up with « Worker failed to boot ».

    It is opened in a spawned process, never in this one: the engine (RocksDB) starts its background threads in the
    first process that opens a store, and never again in a fork of it. gunicorn's workers, forks of this process,
    inherited the record of threads that did not exist in them: their engine had no background threads, and each
    worker died by SIGSEGV as it exited (« Worker (pid:…) was sent SIGSEGV! » at every stop), joining them."""
    from webapp.settings import store_config

    # spawned, not forked: a fork of a process that had opened a store before (a program that runs the command line
    # in its own process, as the tests do) would miss the same threads
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as child:
        failure = child.submit(_opening_failure, store_config(ctx.config)).result()
    if failure is not None:
        fail(*failure)


def _opening_failure(config: dict) -> tuple[str, str] | None:
    """Why the store of ``config`` cannot be opened, in French and in English (as :attr:`Context.store` says it); None
    when it opens."""
    try:
        open_store(config).close()  # opening it reads the pointer and opens the snapshot it names
    except StoreError as exc:
        return store_failure(exc, config)
    except OSError as exc:
        return data_dir_unusable(exc, config)
    except RuntimeError as exc:
        if not str(exc).startswith("Corruption"):  # the engine's word for a store's damaged file
            raise
        return store_damaged(exc)
    return None


def _say_remote_unreachable(ctx: Context) -> None:
    """Say, not refuse, a remote store that does not answer: the server starts all the same (the store may come up
    after it) and its pages answer 503 until it does; a mistyped MAILLAGE_QUERY_URL is seen at once."""
    from webapp.health import probe_store

    check_remote_settings(ctx.config)
    if (failure := probe_store(ctx.config)) is not None:
        said, said_en = store_failure(failure, ctx.config)
        click.echo(f"the site answers 503 until the store answers: {said_en}" if ctx.lang == "en" else
                   f"le site répondra 503 tant que la base ne répondra pas : {said}", err=True)


def _port_free(host: str, port: int) -> None:
    """Refuse, in one line, a port that another program listens on (the server retried for 5 s, then exited with
    its own log lines and no word of ours)."""
    import socket

    if not host.strip():  # an empty host listened on every interface
        fail("--host : adresse vide ; donnez celle où écouter (127.0.0.1, 0.0.0.0 pour toutes, ::1)",
             "--host: empty address; give the one to listen on (127.0.0.1, 0.0.0.0 for all, ::1)")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds it
            probe.bind((host, port))
    except socket.gaierror:  # a name that does not resolve was told as a port in use
        fail(f"--host « {host} » : adresse ou nom de machine inconnu ; donnez une adresse de cette machine "
             "(127.0.0.1, 0.0.0.0 pour toutes, ::1), sans port (--port)",
             f"--host '{host}': unknown address or host name; give an address of this machine (127.0.0.1, 0.0.0.0 "
             "for all, ::1), without a port (--port)")
    except OSError as exc:
        fail(f"impossible d'écouter sur {host}:{port} ({os_reason(exc)[0]}) : un autre programme l'occupe-t-il ? "
             "choisissez un autre port (--port)",
             f"cannot listen on {host}:{port} ({os_reason(exc)[1]}): does another program use it? choose another "
             "port (--port)")
