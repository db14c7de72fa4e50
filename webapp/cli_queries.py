"""What ``maillage query`` runs: SPARQL text, a query file, or a named query (``webapp/queries/<name>.rq``) by its
name, with its parameters given as ``--param name=value``.

A query, a query file or a named query is run as the pages at ``/queries`` and the SPARQL editor's form run
theirs: the contract's prefixes that it uses without declaring are declared for it, and its parameters are bound to
its variables (never formatted into its text). An IRI parameter may be given by name, resolved as the form resolves it
(:func:`webapp.query_parameters.resolve_names`): a circle by its label or rank, a session by its day, a class or a
theme by its label, else one resource of the search index by its name.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from graph.french_text import os_reason
from graph.sparql import with_prologue

#: An argument that can only be meant as a name: no space, no brace, no "?" variable.
_NAME_LIKE = re.compile(r"[\w.-]+")


class QueryArgumentError(Exception):
    """The query argument or a parameter cannot be used: the reason in French and English."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message)
        self.message, self.message_en = message, message_en


def query_to_run(argument: str, params: tuple[str, ...], lookup) -> tuple[str, dict]:
    """Return the SPARQL text that ``argument`` (a query, a file, a named query's name) stands for and the bindings
    of ``params`` (``name=value`` items), names looked up through ``lookup`` (a
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
        return with_prologue(text), bindings(header, params, lookup, argument)
    if argument in named:
        return with_prologue(named[argument].text), bindings(named[argument], params, lookup, argument)
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
    return with_prologue(argument), {}


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
        raise QueryArgumentError(
            f"{argument} : paramètre inconnu « {unknown[0]} » (paramètres : {known})",
            f"{argument}: unknown parameter '{unknown[0]}' (parameters: {', '.join(declared) or 'none'})")
    if query is None:
        return {}
    try:
        return query.bindings(resolve_names(query, values, lookup))
    except ApiError as exc:
        usage = " ".join(f"--param {p.name}=…" for p in query.parameters if not p.optional and p.default is None)
        usage = f" ({usage})" if usage and exc.code == "missing-parameter" else ""
        raise QueryArgumentError(f"{argument} : {exc.message}{usage}", f"{argument}: {exc.message_en}{usage}") from None


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
