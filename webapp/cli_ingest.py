"""The commands that change the graph's sources: ``maillage ingest`` (each file's report as it comes, the search
index brought up to date at each publish, and on a Ctrl-C what was stored and what was left) and
``maillage remove``."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from graph.french_text import counted
from graph.ingest.base import InputError, source_iri
from graph.store import StoreError
from webapp.cli_context import EXIT_BAD_INPUT, Context, PathGiven, fail, fail_store, pass_context
from webapp.cli_group import MaillageCommand


@click.command(cls=MaillageCommand)
@click.argument("paths", nargs=-1, required=True, type=PathGiven(reading=True, path_type=Path))
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
    from search.index_layout import note_pending
    from webapp.reports import Progress, format_report

    kind, files, unread = _files_to_ingest(ctx, paths, kind, source_name)
    failures = tally.failures = [path for path, *_ in unread]  # counted in the summary as the files that failed
    progress = tally.progress = Progress(len(files))
    tally.total = len(files) + len(unread)

    lang = ctx.lang
    options = {"funder": funder} if funder else {}
    if source_name:
        options["source_name"] = source_name

    per_source: Counter = Counter()  # the files of this ingest per source they name, counted at the first failure

    def on_report(report, error, path):
        if error is not None:
            failures.append(path)
            if not per_source:
                per_source.update(source_iri(file, ctx.config["base"], options) for file in files)
            progress.note(_failed(ctx, path, error, options, per_source))
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
                               before_publish=lambda touched: note_pending(ctx.config, touched),
                               lines_for_infos=verbose)
    except StoreError as exc:
        progress.close()
        fail_store(exc, ctx.config)
    progress.close()
    _conclude(ctx, reports, failures, no_index, verbose)


def _conclude(ctx: Context, reports: list, failures: list[Path], no_index: bool, verbose: bool) -> None:
    """End an ingest: the index brought up to date with what an ingest stopped earlier left for it, the summary,
    and the exit status."""
    from search.index_layout import pending
    from webapp.reports import format_summary

    if not no_index and pending(ctx.config):  # what an ingest stopped earlier left for the index, all files unchanged
        from search.indexer import update_index

        update_index(ctx.store, ctx.config, ())
    click.echo(format_summary(reports, failures, ctx.lang, verbose), err=True)
    if no_index and any(r.status == "stored" for r in reports):
        click.echo("search index not updated (--no-index): run 'maillage index'" if ctx.lang == "en" else
                   "index de recherche non mis à jour (--no-index) : lancez « maillage index »", err=True)
    if failures:
        sys.exit(EXIT_BAD_INPUT)


def _files_to_ingest(ctx: Context, paths, kind: str | None,
                     source_name: str | None) -> tuple[str | None, list[Path], list[tuple[Path, str, str]]]:
    """The kind's name that ``kind`` gives (None for none), the files found under ``paths``, and those that could not
    be read (each with why, in French and English): the files left out and the unread ones are said now; a mistake
    in the options, or no file to ingest, ends the command."""
    from graph.ingest import kind_name, unknown_kind
    from webapp.reports import format_failure
    from webapp.source_files import expand_paths, format_left_out

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
    return kind, files, unread


def _failed(ctx: Context, path: Path, error, options: dict, per_source: Counter) -> str:
    """The lines that say why a file was not stored — and, when its source was stored before this ingest, that the
    version stored stays as it was: with its violations, when it is this very file that --strict --force refused.
    ``per_source`` counts the ingest's files by the source each names."""
    from graph.ingest.pipeline import IngestRefused
    from graph.ingest.sources import stored_sha256
    from webapp.reports import format_failure, stored_as_refused, version_kept

    lines = format_failure(path, error, ctx.lang).split("\n")
    base = ctx.config["base"]
    source = error.report.source if isinstance(error, IngestRefused) else source_iri(path, base, options)
    if source is None or per_source[source] > 1 \
            or (stored := stored_sha256(ctx.store.query, source)) is None:  # another file of this ingest may replace it
        return "\n".join(lines)
    same = stored_as_refused(error, path, stored)
    lines[0] += ("; " if ctx.lang == "en" else " ; ") + version_kept(ctx.lang, same)
    if same:
        lines[0] += " (maillage validate shows them)" if ctx.lang == "en" else " (maillage validate les montre)"
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


@click.command(cls=MaillageCommand)
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
    click.echo(format_removal(removal, ctx.lang), err=True)
    if removal.touched:
        from search.index_layout import note_pending

        note_pending(ctx.config, removal.touched)
    if not no_index and removal.touched:
        from search.indexer import update_index

        update_index(ctx.store, ctx.config, removal.touched)
