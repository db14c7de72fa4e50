"""The commands that answer from the graph: ``maillage query`` (SPARQL, with the endpoint's limits),
``maillage search`` (the web page's French search) and ``maillage validate`` (the SHACL shapes). What a query runs,
and the search's filters, are in :mod:`webapp.cli_queries`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

import click

from graph.french_text import counted
from graph.store import QuerySyntaxError
from webapp.cli_context import (EXIT_BAD_INPUT, EXIT_USAGE, Context, fail, pass_context, quiet_when_unread,
                                standard_output)
from webapp.cli_group import ReadingCommand
from webapp.cli_messages import IntRange


@click.command(cls=ReadingCommand)
@click.argument("query")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "json", "csv", "tsv", "xml", "turtle", "jsonld", "ntriples"]))
@click.option("--param", "params", multiple=True)
@click.option("--max-rows", type=click.IntRange(1), default=None)
@pass_context
def query(ctx: Context, query: str, fmt: str, params: tuple[str, ...], max_rows: int | None) -> None:
    """Run a SPARQL query (text, file, or the name of a named query) over the whole graph, with the endpoint's
    limits; ``--max-rows`` raises the rows' one for this query."""
    from graph.querypool import QueryFailed
    from graph.sparql import QueryCrashed, QueryRefused, QueryTimeout
    from graph.user_query import FormatMismatch
    from webapp.cli_queries import QueryArgumentError, cli_lookup, query_to_run, run_query
    from webapp.errors import syntax_messages
    from webapp.reports import format_table

    if not os.path.exists(query):  # a file's name may be any bytes; a query's text is UTF-8
        check_utf8(("QUERY", [query]))
    check_utf8(("--param", params))
    try:
        to_run = query_to_run(query, params, cli_lookup(lambda: ctx.existing_store, ctx.config, ctx.lang))
    except QueryArgumentError as exc:
        fail(exc.message, exc.message_en)
    try:
        limits = ctx.config if max_rows is None else {**ctx.config, "max_rows": max_rows}
        answer, result = run_query(ctx.existing_store, to_run, fmt, limits)
    except QuerySyntaxError as exc:
        fail(*syntax_messages(exc))
    except QueryRefused as exc:
        fail(f"requête SPARQL refusée : {exc}", f"SPARQL query refused: {exc.message_en}")
    except QueryTimeout as exc:
        fail(f"requête arrêtée après {exc.seconds:g} s (réglage query_timeout)",
             f"query stopped after {exc.seconds:g} s (query_timeout setting)")
    except FormatMismatch as exc:  # a format that does not fit the query's form: a usage error, as README says
        fail(str(exc), exc.message_en, EXIT_USAGE)
    except (QueryCrashed, QueryFailed) as exc:  # the engine's failure on this query: said, not a traceback
        fail(f"le moteur SPARQL a échoué sur cette requête ({exc}) : réécrivez-la, par exemple ORDER BY STR(?o) "
             "plutôt que ORDER BY ?o sur des valeurs de types mêlés",
             f"the SPARQL engine failed on this query ({exc}): rewrite it, e.g. ORDER BY STR(?o) rather than "
             "ORDER BY ?o over values of mixed types")
    if result is not None:
        click.echo(format_table(result, ctx.lang))
    else:
        out, last = standard_output(), b""
        for chunk in answer.chunks:
            out.write(chunk)
            last = chunk or last
        if not last.endswith(b"\n"):  # a terminal's prompt on a line of its own; the formats allow it
            out.write(b"\n")
    if answer.truncated:  # said on stderr, so that a file written from stdout holds only the results
        cap = limits["max_rows"]
        click.echo(f"(results cut at {counted(cap, 'row', lang='en')}: --max-rows N gives more)" if ctx.lang == "en"
                   else f"(résultat coupé à {counted(cap, 'ligne')} : --max-rows N en donne davantage)", err=True)


@click.command("search", cls=ReadingCommand)
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

    from search.index_layout import pending
    from search.query import SearchError, format_results
    from webapp.cli_queries import run_search

    check_utf8(("TEXT", [text]), ("--type", kind), ("--theme", theme))
    if ctx.config.get("store") == "sparql":  # as the web search: not while the store that its results name is down
        ctx.store.query("ASK {}")
    try:
        results = run_search(ctx.config, text, kind, theme, page, ctx.lang)
    except SearchError as exc:
        fail(str(exc), exc.message_en)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        from webapp.search_english import in_language

        click.echo(format_results(in_language(results, ctx.lang), ctx.lang))
    if behind := len(pending(ctx.config)):  # an ingest stopped between its publish and the index's update
        click.echo(f"the search index is behind the graph for {behind} resources (an ingest that was stopped?): "
                   "run 'maillage index', or the next ingest brings it up to date" if ctx.lang == "en" else
                   f"l'index de recherche est en retard sur la base pour {behind} ressource{'s' * (behind > 1)} (une "
                   "ingestion interrompue ?) : lancez « maillage index », ou la prochaine ingestion le mettra à jour",
                   err=True)


def check_utf8(*arguments: tuple[str, Iterable[str]]) -> None:
    """Refuse, in one line naming it, an argument that is not UTF-8 text (bytes that the shell passed undecoded
    reach Python as lone surrogates, which printing the results' header stopped with a traceback), as the API
    refuses such a parameter with a 400."""
    for name, values in arguments:
        for value in values:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                shown = value.encode("utf-8", "backslashreplace").decode("utf-8")[:40]
                fail(f"argument non UTF-8 : {name} « {shown} » (encodez le texte en UTF-8)",
                     f"argument not in UTF-8: {name} '{shown}' (encode the text in UTF-8)")


@click.command(cls=ReadingCommand)
@click.option("--verbose", is_flag=True)
@pass_context
def validate(ctx: Context, verbose: bool) -> None:
    """Validate the whole graph against the SHACL shapes; exit 1 on violations. The sources that another version of
    their kind's reader read are warned too, one line each: a warning, not a violation (nothing wrong in the graph
    but its age; the next ingest of the file reads it again)."""
    from graph.ingest.sources import outdated_sources
    from graph.validation import validate as run
    from webapp.shacl_results import format_violations, hidden_infos

    store = ctx.existing_store
    violations = run(store.query)
    shown = [v for v in violations if verbose or v.severity != "Info"]
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    by_source = sorted(shown, key=lambda v: (order.get(v.severity, 1), v.sources, v.path, v.focus))
    errors = sum(v.severity == "Violation" for v in violations)
    outdated = outdated_sources(store.query)
    with quiet_when_unread(EXIT_BAD_INPUT if errors else 0):  # its verdict, whether or not the reader read it all
        for line in format_violations(by_source, ctx.lang):
            click.echo(line)
        for source in outdated:
            click.echo(source.issue.format(source.title, ctx.lang))
    warnings = sum(v.severity == "Warning" for v in violations) + len(outdated)
    infos = sum(v.severity == "Info" for v in violations)
    if ctx.lang == "en":
        line = (f"{counted(errors, 'violation', lang='en')}, {counted(warnings, 'warning', lang='en')}"
                + (f", {counted(infos, 'info', lang='en')}" if verbose else ""))
    else:
        line = (f"{counted(errors, 'violation')}, {counted(warnings, 'avertissement')}"
                + (f", {counted(infos, 'information')}" if verbose else ""))
    click.echo(line + ("" if verbose else hidden_infos(violations, ctx.lang)), err=True)
    sys.exit(EXIT_BAD_INPUT if errors else 0)
