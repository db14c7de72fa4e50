"""What ``maillage query`` runs: SPARQL text, a query file, or a named query (``webapp/queries/<name>.rq``) by its
name, with its parameters given as ``--param name=value``; and the filters that ``maillage search`` takes.

A query, a query file or a named query is run as the pages at ``/queries`` and the SPARQL editor's form run
theirs: the contract's prefixes that it uses without declaring are declared for it, and its parameters are bound to
its variables (never formatted into its text). An IRI parameter may be given by name, resolved as the form resolves it
(:func:`webapp.query_parameters.resolve_names`): a circle by its label or rank, a session by its day, a class or a
theme by its label, else one resource of the search index by its name. The CSV of a named query that names
resources is its page's (:func:`page_answer`), its table and JSON too: README's stable contract, whichever gives it.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import click

from graph.french_text import os_reason
from graph.sparql_syntax import with_prologue
from webapp.cli_messages import language

#: An argument that can only be meant as a name: no space, no brace, no "?" variable.
_NAME_LIKE = re.compile(r"[\w.-]+")


class QueryArgumentError(Exception):
    """The query argument or a parameter cannot be used: the reason in French and English."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message)
        self.message, self.message_en = message, message_en


@dataclass(frozen=True)
class QueryToRun:
    """A query as ``maillage query`` runs it: its SPARQL text (:class:`~graph.sparql_syntax.Prologued`), the bindings of
    its parameters, and the named query it is (None for a query of the user's own)."""

    text: str
    bindings: dict = field(default_factory=dict)
    named: object = None  # a webapp.named_queries.NamedQuery


def query_to_run(argument: str, params: tuple[str, ...], lookup) -> QueryToRun:
    """Return what ``argument`` (a query, a file, a named query's name) stands for, with the bindings of
    ``params`` (``name=value`` items), names looked up through ``lookup`` (a
    :class:`~webapp.query_parameters.Lookup`); raises QueryArgumentError."""
    from webapp.named_queries import named_queries, parse_named_query

    named = named_queries()
    if not argument.strip():
        raise QueryArgumentError("requête vide : donnez une requête SPARQL, un fichier ou le nom d'une requête nommée",
                                 "empty query: give a SPARQL query, a file or the name of a named query")
    if os.path.isdir(argument):
        raise QueryArgumentError(f"{argument} : c'est un dossier ; donnez un fichier de requête (.rq)",
                                 f"{argument}: this is a folder; give a query file (.rq)")
    if os.path.isfile(argument):
        path = Path(argument)
        try:
            text = path.read_text(encoding="utf-8-sig")  # a byte order mark (Windows editors) is no SPARQL
        except (OSError, UnicodeDecodeError) as exc:
            reason, reason_en = os_reason(exc) if isinstance(exc, OSError) else ("pas en UTF-8", str(exc))
            raise QueryArgumentError(f"{argument} : fichier de requête illisible ({reason})",
                                     f"{argument}: unreadable query file ({reason_en})") from None
        try:
            header = parse_named_query(path.stem, text)
        except ValueError:  # a plain query file, without a named query's header
            header = None
        return QueryToRun(with_prologue(text), bindings(header, params, lookup, argument), header)
    if argument in named:
        query = named[argument]
        return QueryToRun(with_prologue(query.text), bindings(query, params, lookup, argument), query)
    if re.fullmatch(r"\S+\.(?:rq|sparql|txt)", argument):
        raise QueryArgumentError(f"{argument} : fichier de requête introuvable", f"{argument}: query file not found")
    if _NAME_LIKE.fullmatch(argument):
        close = difflib.get_close_matches(argument, list(named), n=3)
        known = ", ".join(close or named)
        said = "proches" if close else "connues"
        raise QueryArgumentError(
            f"« {argument} » n'est ni une requête SPARQL, ni un fichier, ni le nom d'une requête nommée "
            f"(requêtes nommées {said} : {known} ; lancez-en une par son nom : maillage query NOM --param "
            "nom=valeur)",
            f"'{argument}' is neither a SPARQL query, nor a file, nor the name of a named query (named queries "
            f"{'close to it' if close else 'known'}: {known}; run one by its name: maillage query NAME "
            "--param name=value)")
    if params:
        raise QueryArgumentError("--param ne s'applique qu'à une requête nommée ou à un fichier de requête "
                                 "nommée", "--param applies to a named query, or to a named query's file, only")
    return QueryToRun(with_prologue(argument))


def bindings(query, params: tuple[str, ...], lookup, argument: str) -> dict:
    """Bind ``params`` to the parameters of the named query ``query`` (None: a file without a header)."""
    from webapp.errors import ApiError
    from webapp.query_parameters import resolve_names

    values: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryArgumentError(f"--param « {item} » : écrivez nom=valeur",
                                     f"--param '{item}': write name=value")
        if name.strip() in values and values[name.strip()] != value.strip():  # the last one won, without a word
            raise QueryArgumentError(f"--param « {name.strip()} » donné deux fois (« {values[name.strip()]} », "
                                     f"« {value.strip()} ») : un paramètre prend une valeur",
                                     f"--param '{name.strip()}' given twice ('{values[name.strip()]}', "
                                     f"'{value.strip()}'): a parameter takes one value")
        values[name.strip()] = value.strip()
    declared = {p.name: p for p in query.parameters} if query is not None else {}
    if unknown := sorted(set(values) - set(declared)):
        known = ", ".join(declared) or "aucun"
        if meant := meant_parameter(unknown[0], declared.values()):
            raise QueryArgumentError(
                f"{argument} : paramètre inconnu « {unknown[0]} » : vouliez-vous dire « {meant.name} » "
                f"({meant.label_fr.split('(')[0].strip()}) ? (paramètres : {known})",
                f"{argument}: unknown parameter '{unknown[0]}': did you mean '{meant.name}' "
                f"({meant.label_en.split('(')[0].strip()})? (parameters: {', '.join(declared)})")
        raise QueryArgumentError(
            f"{argument} : paramètre inconnu « {unknown[0]} » (paramètres : {known})",
            f"{argument}: unknown parameter '{unknown[0]}' (parameters: {', '.join(declared) or 'none'})")
    if query is None:
        return {}
    for name in [name for name, value in values.items() if value and declared[name].type == "date"]:
        values[name] = iso_date(declared[name], values[name], argument)
    try:
        return query.bindings(resolve_names(query, values, lookup))
    except ApiError as exc:
        usage = " ".join(f"--param {p.name}=…" for p in query.parameters if not p.optional and p.default is None)
        usage = f" ({usage})" if usage and exc.code == "missing-parameter" else ""
        raise QueryArgumentError(f"{argument} : {exc.message}{usage}", f"{argument}: {exc.message_en}{usage}") from None


def meant_parameter(name: str, parameters):
    """The parameter among ``parameters`` that ``name`` stands for: the one whose label's words hold it, French or
    English (« beneficiaire »: beneficiary, « Bénéficiaire »; « cercle »: circle), else the one spelt alike; None
    when no one parameter is.

    >>> from webapp.named_queries import named_queries
    >>> meant_parameter("beneficiaire", named_queries()["subventions-d-un-beneficiaire"].parameters).name
    'beneficiary'
    """
    from graph.identity_names import fold

    key = fold(name).replace(" ", "")
    worded = [p for p in parameters if key in {fold(word) for label in (p.label_fr, p.label_en)
                                               for word in re.findall(r"\w+", label.split("(")[0])}]
    if len(worded) == 1:
        return worded[0]
    spelt = difflib.get_close_matches(key, [p.name for p in parameters], n=1, cutoff=0.8)
    return next((p for p in parameters if spelt and p.name == spelt[0]), None)


#: A date as a register writes it: 31/01/2024 (or 31.01.2024, 31-01-2024).
_FRENCH_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def iso_date(parameter, raw: str, argument: str) -> str:
    """A date parameter's value as ISO: written so (2024-01-31), or as a register writes it (31/01/2024); raises
    QueryArgumentError, with both forms, for what is no date.

    >>> from webapp.named_queries import named_queries
    >>> iso_date(named_queries()["entrees-sorties-periode"].parameters[0], "31/01/2024", "entrees-sorties-periode")
    '2024-01-31'
    """
    import datetime as dt

    try:
        if found := _FRENCH_DATE.fullmatch(raw):
            return dt.date(int(found[3]), int(found[2]), int(found[1])).isoformat()
        return dt.date.fromisoformat(raw).isoformat()
    except ValueError:
        raise QueryArgumentError(
            f"{argument} : valeur invalide pour « {parameter.label_fr} » ({parameter.name}) : « {raw[:80]} » ; "
            "attendu : une date AAAA-MM-JJ ou JJ/MM/AAAA (2024-01-31, 31/01/2024)",
            f"{argument}: invalid value for '{parameter.label_en}' ({parameter.name}): '{raw[:80]}'; expected: a "
            "date YYYY-MM-DD or DD/MM/YYYY (2024-01-31, 31/01/2024)") from None


def cli_lookup(store, config: dict, lang: str):
    """Names looked up in the store (``store()`` opens it) and in the data directory's search index, when built."""
    from webapp.query_parameters import Lookup

    def index():
        from search.query import SearchError
        from webapp.resources import open_search_index

        try:
            found = open_search_index(config)
            return found if found.available() else None
        except (SearchError, OSError):
            return None

    return Lookup(store, index, lang)


def run_query(store, to_run: QueryToRun, fmt: str, config: dict) -> tuple:
    """Run ``to_run`` as the endpoint runs a query (:func:`graph.user_query.run_user_query`), but for the CSV of a
    named query that names resources in table, JSON and CSV: its page's (:func:`page_answer`). A query that found
    nothing and names ``mai:`` terms that the vocabulary does not have says so on stderr, its results left as they
    are. Returns (Answer, table result or None)."""
    from graph.user_query import run_user_query
    from graph.sparql_text import vocabulary_note

    if fmt in PAGE_FORMATS and to_run.named is not None and names_resources(to_run.named.text):
        return page_answer(to_run.named, to_run.bindings, config, fmt), None
    answer, result = run_user_query(store, to_run.text, fmt, config, to_run.bindings)
    data = answer.read()  # a graph's Turtle with the contract's prefixes (graph.formats.serialize_triples)
    answer.chunks = iter([data])
    if found_nothing(answer, result, data, to_run.text) and (note := vocabulary_note(to_run.text)):
        click.echo(note[language() == "en"], err=True)
    return answer, result


def names_resources(text: str) -> bool:
    """Whether a query's results name resources: a variable beside its label (``?member`` and ``?memberLabel``).

    >>> names_resources("SELECT ?member ?memberLabel WHERE {}"), names_resources("SELECT ?source ?title WHERE {}")
    (True, False)
    """
    from graph.sparql_text import tokenize

    variables = {token.value[1:] for token in tokenize(text) if token.kind == "var"}
    return any(variable + "Label" in variables for variable in variables)


#: The formats in which a named query that names resources gives its page's results (:func:`page_answer`).
PAGE_FORMATS = ("table", "json", "csv")


def page_answer(query, bindings: dict, config: dict, fmt: str):
    """The results of the named query ``query``'s page (``/queries/NAME``) for these bindings, in the command
    line's language, as ``fmt``: its CSV (``/queries/NAME.csv``, README's stable contract: each column of resources
    as its name and its IRI, ``member`` and ``member_iri``, beside its label), its JSON (``/queries/NAME.json``), or
    the CSV's columns as a text table. Made by the page's own table, in an application made for it, so that the
    command line and the page cannot differ (the command line gave IRIs where the page gave names, and French
    circles, kinds and themes in table and JSON where the English page gave English ones)."""
    from flask import jsonify

    from graph.querypool import Answer
    from webapp import create_app
    from webapp.queries_pages import run_bound
    from webapp.resources import close_resources
    from webapp.rendering import csv_response

    app = create_app({**config, "query_workers": 1})
    try:
        with app.test_request_context(f"/queries/{query.name}.{fmt}", query_string={"lang": language()}):
            table, truncated = run_bound(query, bindings)
            if fmt == "json":  # the page's JSON twin: the query, its results and whether the cap cut them
                data = jsonify({"query": query.to_json(), "results": table.to_json(), "truncated": truncated})
                data = data.get_data()
            else:
                data = csv_response(table).get_data()
    finally:
        close_resources(app)
    if fmt == "table":
        data = csv_as_table(data).encode("utf-8")
    return Answer("select", fmt, len(table.rows), truncated, iter([data]))


def csv_as_table(data: bytes) -> str:
    """A page's CSV as an aligned text table, in the command line's language, as the page shows it: a column of
    resources by their names (and IRIs), without the label column that the query gives beside it (``memberLabel``,
    the same name, or the French one: the page leaves it out too); its IRIs whole, its texts cut."""
    import csv
    import io

    from webapp.reports import cut_cell, format_rows

    header, *rows = csv.reader(io.StringIO(data.decode("utf-8")))
    shown = [i for i, name in enumerate(header) if not (name.endswith("Label") and name[:-len("Label")] in header)]
    rows = [[row[i] if header[i].endswith("_iri") else cut_cell(row[i]) for i in shown] for row in rows]
    return format_rows([header[i] for i in shown], rows, language())


def found_nothing(answer, result, data: bytes, text: str) -> bool:
    """Whether a SELECT found no row or counted nothing (each row's aggregates 0, empty or unbound: ``COUNT(*)`` over
    a misspelt class is one row, 0), or a CONSTRUCT or DESCRIBE no triple (an ASK answers either way); ``result``
    is the table's (None for a format), ``data`` the answer's bytes, ``text`` the query's."""
    import pyoxigraph as ox

    from graph.formats import rdf_format, results_format

    if (result.kind if result is not None else answer.kind) == "ask":
        return False
    if result is not None:
        variables = list(result.variables)
        rows = [[None if value is None else str(value) for value in row] for row in result]
    elif answer.kind == "graph":
        return next(iter(ox.parse(data, rdf_format(answer.format).engine)), None) is None
    elif answer.format == "csv":  # Oxigraph does not read CSV results: its header, then its rows
        import csv
        import io

        variables, *rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""))) or [[]]
    else:
        parsed = ox.parse_query_results(data, results_format(answer.format).engine)
        variables = [v.value for v in parsed.variables]
        rows = [[None if term is None else term.value for term in solution] for solution in parsed]
    aggregates = aggregate_columns(text)
    counted = [k for k, name in enumerate(variables) if name in aggregates]
    return not rows or bool(counted) and all(_nothing(row[k]) for row in rows for k in counted)


def aggregate_columns(text: str) -> set[str]:
    """The variables that a query's aggregates are named (``(COUNT(*) AS ?n)``: n).

    >>> sorted(aggregate_columns("SELECT ?f (SUM(?a) AS ?t) (STR(?f) AS ?s) (COUNT(*) AS ?n) WHERE {}"))
    ['n', 't']
    """
    from graph.sparql_rules import AGGREGATES
    from graph.sparql_text import tokenize

    tokens = [token for token in tokenize(text) if token.kind != "comment"]
    names, opened = set(), []
    for i, token in enumerate(tokens):
        if token.kind == "punct" and token.value == "(":
            opened.append(i)
        elif token.kind == "punct" and token.value == ")" and opened:
            inside = tokens[opened.pop() + 1:i]
            if len(inside) > 2 and inside[-2].value.upper() == "AS" and inside[-1].kind == "var" and any(
                    t.kind == "word" and t.value.upper() in AGGREGATES for t in inside):
                names.add(inside[-1].value[1:])
    return names


def _nothing(value: str | None) -> bool:
    """Whether an aggregate's value (its lexical form, None when unbound) says that nothing was counted."""
    from decimal import Decimal, InvalidOperation

    if not value:
        return True
    try:
        return Decimal(value) == 0
    except InvalidOperation:
        return False


def run_search(config: dict, text: str, kinds, themes, page: int, lang: str = "fr") -> dict:
    """Search the data directory's index as ``maillage search`` does: each type and theme, of a ``--type`` or a
    ``--theme`` or of the text (``type:associations``), read as the API reads them (:mod:`search.filter_values`);
    English words read as English when ``lang`` is "en" (:func:`search.query.search`)."""
    from search.query import search
    from webapp.resources import open_search_index

    return search(open_search_index(config), text, kind=list(kinds), theme=list(themes), page=page, lang=lang)
