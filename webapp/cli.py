"""The ``maillage`` command line: the composition root. Each command is a few lines calling one library function.

Data goes to stdout, messages to stderr; exit 0 on success, 1 on bad input, 2 on usage errors.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from graph import __version__
from graph.french_text import counted, os_reason
from graph.ingest.base import InputError
from graph.store import QuerySyntaxError, StoreError, open_store
from webapp.cli_help import Command, Group
from webapp.cli_messages import IntRange, install as install_messages
from webapp.settings import SettingError, load_settings

EXIT_BAD_INPUT = 1


def fail(message: str, message_en: str | None = None) -> None:
    """Print one clear line on stderr, in the ``lang`` setting's language, and exit 1 (bad input)."""
    click.echo(f"maillage: {message_en if message_en and _lang() == 'en' else message}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _lang() -> str:
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


install_messages(_lang)


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

#: The options of ``maillage`` itself, which go before the command (``maillage --data DIR ingest …``).
_GROUP_OPTIONS = ("--data", "--version")


class _DataHelp:
    """A help that ends with where the data go, and how to name another directory (README.md, "Command line")."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_epilog(ctx, formatter)  # type: ignore[misc]
        command = ctx.info_name if ctx.parent is not None else None
        if _lang() == "en":
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


class _Command(_DataHelp, Command):
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


def _misplaced(option: str, command: str, args: list[str]) -> str:
    """Why an option of ``maillage`` itself, given after ``command`` (its arguments ``args``), is refused: with the
    command line that gives it before the command."""
    en = _lang() == "en"
    if option == "--version":
        return ("--version is an option of maillage, not of a command: maillage --version" if en else
                "--version est une option de maillage, pas d'une commande : maillage --version")
    value = next((args[i + 1] for i, arg in enumerate(args[:-1]) if arg == option), None) or next(
        (arg.split("=", 1)[1] for arg in args if arg.startswith(f"{option}=")), "DIR" if en else "DOSSIER")
    line = f"maillage {option} {shlex.quote(value)} {command} …"
    return (f"{option} is an option of maillage, not of '{command}': give it before the command ({line}), or set "
            "MAILLAGE_DATA" if en else f"{option} est une option de maillage, pas de « {command} » : donnez-la avant "
            f"la commande ({line}), ou réglez MAILLAGE_DATA")


class _Main(_DataHelp, Group):
    """The ``maillage`` group, whose help ends with where the data go, and whose commands are :class:`_Command`."""

    command_class = _Command


# The help of each command and option, in French and in English, is in webapp/cli_help.py.
@click.group(cls=_Main, language=_lang, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="maillage")
@click.option("--data", "data_dir", envvar="MAILLAGE_DATA")
@click.pass_context
def main(ctx: click.Context, data_dir: str | None) -> None:
    """Maillage: the knowledge graph of a PTCE santé — ingest, query, search, serve."""
    from graph.locks import announcing_waits

    ctx.obj = Context(data_dir)
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
    if _lang() == "en":
        who = (f"process {holder['pid']} ({holder.get('command', 'unknown command')}) since {holder.get('since', '?')}"
               if "pid" in holder else "another process")
        click.echo(f"{what[1]} is being written by {who}: waiting for it to finish, {timeout:g} s at most "
                   "(lock_timeout setting)", err=True)
    else:
        who = (f"le processus {holder['pid']} ({holder.get('command', 'commande inconnue')}) depuis "
               f"{holder.get('since', '?')}" if "pid" in holder else "un autre processus")
        click.echo(f"{what[0]} est en cours d'écriture par {who} : attente de sa fin, {timeout:g} s au plus (réglage "
                   "lock_timeout)", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--kind")
@click.option("--strict", is_flag=True)
@click.option("--force", is_flag=True)
@click.option("--funder")
@click.option("--no-index", is_flag=True)
@click.option("--name", "source_name")
@click.option("--verbose", is_flag=True)
@pass_context
def ingest(ctx: Context, paths, kind, strict, force, funder, no_index, source_name, verbose) -> None:
    """Ingest files: one named graph per file, validated, indexed.

    A source is named by its file name (or --name): ingesting a file of the same name again replaces it."""
    tally = _Tally(len(paths))
    try:
        _ingest(ctx, tally, paths, kind, strict, force, funder, no_index, source_name, verbose)
    except KeyboardInterrupt:  # Ctrl-C, from the imports on: what was published stays whole, the rest is as it was
        if tally.progress is not None:
            tally.progress.close()
        _interrupted(tally, ctx.lang)


@dataclass
class _Tally:
    """What an ingest has done so far, for the line that ends it on a Ctrl-C: how many files in all, those that
    readers see (stored, or unchanged) as their reports came, those that failed, and its progress display."""

    total: int
    announced: list = field(default_factory=list)
    failures: list[Path] = field(default_factory=list)
    progress: Any = None


def _ingest(ctx: Context, tally: _Tally, paths, kind, strict, force, funder, no_index, source_name, verbose) -> None:
    """The work of :func:`ingest`, which ``tally`` follows: the files found under ``paths`` ingested, each one's
    report said as it comes, then the summary."""
    from graph.ingest.pipeline import ingest_paths
    from search.indexer import note_pending, pending
    from webapp.reports import Progress, expand_paths, format_failure, format_left_out, format_report, format_summary

    from graph.ingest import kind_name, unknown_kind

    if kind is not None and (kind := kind_name(given := kind)) is None:  # the kinds' modules imported only then
        unknown = unknown_kind(given).issue
        raise click.BadParameter(unknown.message_en if ctx.lang == "en" else unknown.message, param_hint="--kind")
    left_out: list[Path] = []
    unread: list[tuple[Path, str, str]] = []
    files = expand_paths(paths, left_out, unread)
    if left_out:  # a README, a lock file, a .git: said, not skipped in silence
        click.echo(format_left_out(left_out, ctx.lang), err=True)
    for path, french, english in unread:  # failures, said first: the files that could be read are ingested
        click.echo(format_failure(path, InputError(french, message_en=english), ctx.lang), err=True)
    if not files and unread:
        sys.exit(EXIT_BAD_INPUT)
    if not files:  # folders that hold no file to ingest (only hidden ones, or nothing)
        fail(f"aucun fichier à ingérer dans {', '.join(map(str, paths))}", f"no file to ingest in "
             f"{', '.join(map(str, paths))}")
    if source_name is not None and not source_name.strip():
        raise click.UsageError("--name takes a name, not an empty text" if ctx.lang == "en" else
                               "--name prend un nom, pas un texte vide")
    if source_name and len(files) != 1:
        raise click.UsageError(f"--name names one source: one file, not {len(files)}" if ctx.lang == "en" else
                               f"--name nomme une source : un seul fichier, pas {len(files)}")
    failures = tally.failures = [path for path, *_ in unread]  # counted in the summary as the files that failed
    progress = tally.progress = Progress(len(files))
    tally.total = len(files) + len(unread)

    lang = ctx.lang
    options = {"funder": funder} if funder else {}
    if source_name:
        options["source_name"] = source_name

    def on_report(report, error, path):
        if error is not None:
            failures.append(path)
            progress.note(_failed(ctx, path, error, options, files))
        else:
            tally.announced.append(report)
            progress.note(format_report(report, lang, verbose))

    def on_publish(published):
        if not no_index:
            _after_ingest(ctx, published)

    try:
        reports = ingest_paths(ctx.store, files, kind=kind, strict=strict, force=force,
                               base=ctx.config["base"], options=options, on_report=on_report,
                               on_publish=on_publish, publish_interval=float(ctx.config["publish_interval"]),
                               # noted before each publish: what the index lacks, should the ingest stop before its
                               # update (the next ingest, even of unchanged files, brings the index up to date)
                               before_publish=lambda touched: note_pending(ctx.config, touched))
    except StoreError as exc:
        progress.close()
        fail(str(exc), exc.message_en)
    progress.close()
    if not no_index and pending(ctx.config):  # what an ingest stopped earlier left for the index, all files unchanged
        from search.indexer import update_index

        update_index(ctx.store, ctx.config, ())
    click.echo(format_summary(reports, failures, lang, verbose), err=True)
    if no_index and any(r.status == "stored" for r in reports):
        click.echo("search index not updated (--no-index): run 'maillage index'" if lang == "en" else
                   "index de recherche non mis à jour (--no-index) : lancez « maillage index »", err=True)
    if failures:
        sys.exit(EXIT_BAD_INPUT)


def _failed(ctx: Context, path: Path, error, options: dict, files: list[Path]) -> str:
    """The lines that say why a file was not stored — and, when its source was stored before this ingest, that the
    version stored stays as it was: with its violations, when it is this very file that --strict --force refused."""
    import hashlib

    from graph.ingest.base import source_iri
    from graph.ingest.pipeline import IngestRefused
    from graph.ingest.sources import stored_sha256
    from webapp.reports import format_failure

    lines = format_failure(path, error, ctx.lang).split("\n")
    base = ctx.config["base"]
    source = error.report.source if isinstance(error, IngestRefused) else source_iri(path, base, options)
    if source is None or sum(source_iri(file, base, options) == source for file in files) > 1 \
            or (stored := stored_sha256(ctx.store.query, source)) is None:  # another file of this ingest may replace it
        return "\n".join(lines)
    try:
        same = isinstance(error, IngestRefused) and bool(error.report.violations) \
            and hashlib.sha256(path.read_bytes()).hexdigest() == stored
    except OSError:  # the file gone meanwhile: not said to be the one stored
        same = False
    if ctx.lang == "en":
        lines[0] += "; the version stored before stays as it was" + (
            ", with these violations (maillage validate shows them)" if same else "")
    else:
        lines[0] += " ; la version enregistrée avant reste telle quelle" + (
            ", avec ces violations (maillage validate les montre)" if same else "")
    return "\n".join(lines)


def _interrupted(tally: _Tally, lang: str) -> None:
    """Say what an ingest stopped by Ctrl-C leaves (it said « Abandon. » alone), and exit 130 as a shell expects."""
    stored = sum(report.status == "stored" for report in tally.announced)
    left = tally.total - len(tally.announced) - len(tally.failures)
    if lang == "en":
        click.echo(f"ingest interrupted: {counted(stored, 'file', lang='en')} stored, {left} not processed (as they "
                   "were); run the same command again: the files stored will be unchanged, the search index brought up "
                   "to date", err=True)
    else:
        click.echo(f"ingestion interrompue : {counted(stored, 'fichier')} enregistré{'s' * (stored > 1)}, {left} non "
                   f"traité{'s' * (left > 1)} (tel{'s' * (left > 1)} qu'avant) ; relancez la même commande : les "
                   "fichiers enregistrés seront inchangés, l'index de recherche mis à jour", err=True)
    sys.exit(130)


def _after_ingest(ctx: Context, reports) -> None:
    """Bring the search index up to date with what the files of one publish touched."""
    from search.indexer import update_index

    touched = set().union(*(r.touched for r in reports if r.status == "stored"))
    if touched:
        update_index(ctx.store, ctx.config, touched)


@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--no-index", is_flag=True)
@pass_context
def remove(ctx: Context, names: tuple[str, ...], no_index: bool) -> None:
    """Remove sources: each one's named graph, as if its file had never been ingested; the search index follows."""
    from graph.ingest.removal import remove_sources
    from webapp.reports import format_removal

    try:
        removal = remove_sources(ctx.existing_store, list(names), ctx.config["base"])
    except InputError as exc:
        fail(exc.issue.message, exc.issue.message_en)
    except StoreError as exc:
        fail(str(exc), exc.message_en)
    click.echo(format_removal(removal, ctx.lang), err=True)
    if removal.touched:
        from search.indexer import note_pending

        note_pending(ctx.config, removal.touched)
    if not no_index and removal.touched:
        from search.indexer import update_index

        update_index(ctx.store, ctx.config, removal.touched)


@main.command()
@click.argument("query")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "json", "csv", "tsv", "xml", "turtle", "jsonld", "ntriples"]))
@click.option("--param", "params", multiple=True)
@click.option("--max-rows", type=click.IntRange(1), default=None)
@pass_context
def query(ctx: Context, query: str, fmt: str, params: tuple[str, ...], max_rows: int | None) -> None:
    """Run a SPARQL query (text, file, or the name of a named query) over the whole graph, with the endpoint's
    limits; ``--max-rows`` raises the rows' one for this query."""
    from graph.querypool import FormatMismatch, QueryFailed
    from graph.sparql import QueryCrashed, QueryRefused, QueryTimeout
    from webapp.cli_queries import QueryArgumentError, cli_lookup, query_to_run, run_query
    from webapp.reports import format_table

    try:
        to_run = query_to_run(query, params, cli_lookup(lambda: ctx.existing_store, ctx.config, ctx.lang))
    except QueryArgumentError as exc:
        fail(exc.message, exc.message_en)
    try:
        limits = ctx.config if max_rows is None else {**ctx.config, "max_rows": max_rows}
        answer, result = run_query(ctx.existing_store, to_run, fmt, limits)
    except QuerySyntaxError as exc:
        fail(f"requête SPARQL refusée : {exc}", f"SPARQL query refused: {exc.message_en}")
    except QueryRefused as exc:
        fail(f"requête SPARQL refusée : {exc}", f"SPARQL query refused: {exc.message_en}")
    except QueryTimeout as exc:
        fail(f"requête arrêtée après {exc.seconds:g} s (réglage query_timeout)",
             f"query stopped after {exc.seconds:g} s (query_timeout setting)")
    except FormatMismatch as exc:  # a format that does not fit the query's form
        fail(str(exc), exc.message_en)
    except (QueryCrashed, QueryFailed) as exc:  # the engine's failure on this query: said, not a traceback
        fail(f"le moteur SPARQL a échoué sur cette requête ({exc}) : réécrivez-la, par exemple ORDER BY STR(?o) "
             "plutôt que ORDER BY ?o sur des valeurs de types mêlés",
             f"the SPARQL engine failed on this query ({exc}): rewrite it, e.g. ORDER BY STR(?o) rather than "
             "ORDER BY ?o over values of mixed types")
    except StoreError as exc:
        fail(f"base indisponible : {exc}", f"store unavailable: {exc.message_en}")
    if result is not None:
        click.echo(format_table(result, ctx.lang))
    else:
        last = b""
        for chunk in answer.chunks:
            sys.stdout.buffer.write(chunk)
            last = chunk or last
        if not last.endswith(b"\n"):  # a terminal's prompt on a line of its own; the formats allow it
            sys.stdout.buffer.write(b"\n")
    if answer.truncated:  # said on stderr, so that a file written from stdout holds only the results
        cap = limits["max_rows"]
        click.echo(f"(results cut at {cap} rows: --max-rows N gives more)" if ctx.lang == "en" else
                   f"(résultat coupé à {cap} lignes : --max-rows N en donne davantage)", err=True)


@main.command("search")
@click.argument("text", required=False, default="")
@click.option("--type", "kind", multiple=True)
@click.option("--theme", multiple=True)
@click.option("--page", default=1, show_default=True, type=IntRange(min=1))
@click.option("--json", "as_json", is_flag=True)
@pass_context
def search_command(ctx: Context, text: str, kind: tuple[str, ...], theme: tuple[str, ...], page: int,
                   as_json: bool) -> None:
    """Search the graph in French, as the web page does (``--type`` or ``--theme`` repeated: any of the values, as
    the API's)."""
    import json

    from search.indexer import pending
    from search.query import SearchError, format_results
    from webapp.cli_queries import run_search

    try:
        results = run_search(ctx.config, text, kind, theme, page)
    except SearchError as exc:
        fail(str(exc), exc.message_en)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        from webapp.search_page import in_language

        click.echo(format_results(in_language(results, ctx.lang), ctx.lang))
    if behind := len(pending(ctx.config)):  # an ingest stopped between its publish and the index's update
        click.echo(f"the search index is behind the graph for {behind} resources (an ingest that was stopped?): "
                   "run 'maillage index', or the next ingest brings it up to date" if ctx.lang == "en" else
                   f"l'index de recherche est en retard sur la base pour {behind} ressource{'s' * (behind > 1)} (une "
                   "ingestion interrompue ?) : lancez « maillage index », ou la prochaine ingestion le mettra à jour",
                   err=True)


@main.command()
@click.option("--check", is_flag=True)
@pass_context
def index(ctx: Context, check: bool) -> None:
    """Rebuild the search index from the graph and swap it in atomically."""
    from search.errors import SearchError
    from search.indexer import build_index, check_index

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


@main.command()
@pass_context
def optimize(ctx: Context) -> None:
    """Compact the embedded store after a large import, its content unchanged: queries and pages read fewer files."""
    import time

    start = time.perf_counter()
    try:
        with ctx.existing_store.writer() as writer:
            sizes = writer.optimize()
    except StoreError as exc:
        fail(str(exc), exc.message_en)
    if sizes is None:
        click.echo("nothing to compact: only the embedded store has files of its own (a SPARQL server compacts its "
                   "own database)" if ctx.lang == "en" else
                   "rien à compacter : seule la base embarquée a des fichiers à elle (un serveur SPARQL compacte sa "
                   "propre base)", err=True)
        return
    figures = [f"{x:.1f}" if ctx.lang == "en" else f"{x:.1f}".replace(".", ",")
               for x in (time.perf_counter() - start, sizes[0] / 1e6, sizes[1] / 1e6)]
    click.echo("store compacted in {} s: {} MB before, {} MB after; readers open it at their next request".format(
        *figures) if ctx.lang == "en" else
        "base compactée en {} s : {} Mo avant, {} Mo après ; les lecteurs l'ouvrent à leur prochaine requête".format(
        *figures), err=True)


@main.command()
@click.option("--verbose", is_flag=True)
@pass_context
def validate(ctx: Context, verbose: bool) -> None:
    """Validate the whole graph against the SHACL shapes; exit 1 on violations."""
    from graph.validation import validate as run
    from webapp.reports import format_violations, hidden_infos

    violations = run(ctx.existing_store.query)
    shown = [v for v in violations if verbose or v.severity != "Info"]
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    by_source = sorted(shown, key=lambda v: (order.get(v.severity, 1), v.sources, v.path, v.focus))
    for line in format_violations(by_source, ctx.lang):
        click.echo(line)
    errors = sum(v.severity == "Violation" for v in violations)
    warnings = sum(v.severity == "Warning" for v in violations)
    infos = sum(v.severity == "Info" for v in violations)
    if ctx.lang == "en":
        line = (f"{counted(errors, 'violation', lang='en')}, {counted(warnings, 'warning', lang='en')}"
                + (f", {counted(infos, 'info', lang='en')}" if verbose else ""))
    else:
        line = (f"{counted(errors, 'violation')}, {counted(warnings, 'avertissement')}"
                + (f", {counted(infos, 'information')}" if verbose else ""))
    click.echo(line + ("" if verbose else hidden_infos(violations, ctx.lang)), err=True)
    sys.exit(EXIT_BAD_INPUT if errors else 0)


@main.command()
@click.option("--format", "fmt", default="trig", show_default=True, type=click.Choice(["trig", "nquads", "scdl"]))
@click.option("-o", "--output", type=click.Path(path_type=Path))
@pass_context
def export(ctx: Context, fmt: str, output: Path | None) -> None:
    """Dump the whole graph with its named graphs (trig, nquads), or the grants as SCDL CSV."""
    store = ctx.existing_store
    if output == Path("-"):  # the usual name of standard output (it made a file named "-")
        output = None
    if output is not None:
        _check_export_path(output, ctx.config["data_dir"])
    with _export_file(output) as out:
        if fmt == "scdl":
            from graph.export import export_scdl, scdl_summary

            summary = scdl_summary(export_scdl(store, out), ctx.lang)
        else:
            store.dump(out, fmt)
            summary = _dump_summary(store, fmt, output, ctx.lang)
    click.echo(summary, err=True)


def _check_export_path(output: Path, data_dir: str) -> None:
    """Refuse to write an export into the data directory: its files are the store's and the index's (an export
    written over the store's pointer file left every read failing)."""
    if output.resolve().is_relative_to(Path(data_dir).resolve()):
        fail(f"{output} : ce fichier est dans le dossier de données « {data_dir} », dont les fichiers sont ceux de la "
             "base ; écrivez l'export ailleurs",
             f"{output}: this file is in the data directory '{data_dir}', whose files are the store's; write the "
             "export elsewhere")


@contextlib.contextmanager
def _export_file(output: Path | None):
    """The file an export writes: standard output, or a file written beside ``output`` and renamed to it once
    complete — an export interrupted, or that fills the disk, leaves the previous file as it was (it was truncated
    first: a backup lost). A device or a pipe (``/dev/full``, ``>(gzip)``) is written directly."""
    if output is None:
        yield sys.stdout.buffer
        return
    direct = output.exists() and not output.is_file()
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


def _dump_summary(store, fmt: str, output: Path | None, lang: str) -> str:
    """The line that ends an export of the graph: what was written (quads, graphs), and where."""
    row = next(iter(store.query("SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) "
                                "WHERE { GRAPH ?g { ?s ?p ?o } }")))
    quads, graphs = int(row[0]), int(row[1])
    if lang == "en":
        return (f"{fmt} export: {counted(quads, 'quad', lang='en')} of {counted(graphs, 'graph', lang='en')} "
                f"written to {output or 'the standard output'}")
    return (f"export {fmt} : {counted(quads, 'quadruplet')} de {counted(graphs, 'graphe')} "
            f"{'écrit' if quads < 2 else 'écrits'} dans {output or 'la sortie standard'}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=IntRange(1, 64))
@pass_context
def serve(ctx: Context, host: str, port: int, workers: int) -> None:
    """Serve the explorer, the API and the SPARQL endpoint on a production WSGI server."""
    from webapp.server import serve as run

    data = Path(ctx.config["data_dir"])
    if ctx.config.get("store", "oxigraph") == "oxigraph" and not (data / "store").is_dir():
        # said, not refused: a server may start empty and take its files by upload; a mistyped --data is seen
        click.echo(f"no store in '{data}' yet: the site is empty until a file is ingested or uploaded (--data / "
                   "MAILLAGE_DATA names another directory?)" if ctx.lang == "en" else
                   f"aucune base dans « {data} » pour l'instant : le site sera vide jusqu'à ce qu'un fichier y soit "
                   "ingéré ou déposé (--data / MAILLAGE_DATA nomme-t-il un autre dossier ?)", err=True)
    _port_free(host, port)
    os.environ["MAILLAGE_DATA"] = ctx.config["data_dir"]
    run(host, port, workers)


def _port_free(host: str, port: int) -> None:
    """Refuse, in one line, a port that another program listens on (the server retried for 5 s, then exited with
    its own log lines and no word of ours)."""
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds it
            probe.bind((host, port))
    except OSError as exc:
        fail(f"impossible d'écouter sur {host}:{port} ({os_reason(exc)[0]}) : un autre programme l'occupe-t-il ? "
             "choisissez un autre port (--port)",
             f"cannot listen on {host}:{port} ({os_reason(exc)[1]}): does another program use it? choose another "
             "port (--port)")


def run() -> None:
    """Entry point of the console script: usage errors exit 2, bad input 1, never a traceback for either — nor for
    a setting that cannot be used, a data directory this user may not write, a disk full, a store's damaged file."""
    try:
        main(standalone_mode=True)
    except InputError as exc:
        fail(exc.issue.message, exc.issue.message_en)
    except SettingError as exc:
        fail(exc.message, exc.message_en)
    except PermissionError as exc:  # a data directory of another user, or read-only: `query` and `search` still read
        where = exc.filename or ""
        fail(f"{where} : permission refusée ; le dossier de données doit être modifiable par qui lance cette commande",
             f"{where}: permission denied; the data directory must be writable by whoever runs this command")
    except OSError as exc:  # a disk full, an input/output error
        said, said_en = os_reason(exc)
        where = f"{exc.filename} : " if exc.filename else ""
        fail(f"{where}{said}", f"{where}{said_en}")
    except RuntimeError as exc:
        if not str(exc).startswith("Corruption"):  # the engine's word for a store's damaged file
            raise
        fail(f"base endommagée ({str(exc)[:200]}) : restaurez une sauvegarde (maillage export) dans un nouveau "
             "dossier, ou ingérez-y de nouveau ses fichiers",
             f"store damaged ({str(exc)[:200]}): restore a backup (maillage export) into a new directory, or ingest "
             "its files there again")


if __name__ == "__main__":  # python -m webapp.cli, as the console script
    run()
