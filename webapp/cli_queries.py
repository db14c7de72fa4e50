"""What ``maillage query`` runs: SPARQL text, a query file, or a named query (``webapp/queries/<name>.rq``) by its
name, with its parameters given as ``--param name=value``.

A named query, or a query file, is run as the pages at ``/queries`` run the named queries: the contract's prefixes
that it uses without declaring are declared for it, and its parameters are bound to its variables (never formatted
into its text). An IRI parameter may be given by name: a vocabulary term's label ("coeur", "Association"), else
the name of one resource of the search index.
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from graph.namespaces import PREFIXES
from graph.sparql import undeclared_prefixes

#: An argument that can only be meant as a name: no space, no brace, no "?" variable.
_NAME_LIKE = re.compile(r"[\w.-]+")


class QueryArgumentError(Exception):
    """The query argument or a parameter cannot be used: the reason in French and English."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message)
        self.message, self.message_en = message, message_en


def query_to_run(argument: str, params: tuple[str, ...], config: dict) -> tuple[str, dict]:
    """Return the SPARQL text that ``argument`` (a query, a file, a named query's name) stands for and the bindings
    of ``params`` (``name=value`` items); raises QueryArgumentError."""
    from webapp.named_queries import named_queries, parse_named_query

    named = named_queries()
    if os.path.isfile(argument):
        path = Path(argument)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise QueryArgumentError(f"{argument} : fichier de requête illisible ({reason})",
                                     f"{argument}: unreadable query file ({reason})") from None
        try:
            header = parse_named_query(path.stem, text)
        except ValueError:  # a plain query file, without a named query's header
            header = None
        return with_prologue(text), bindings(header, params, config, argument)
    if argument in named:
        return with_prologue(named[argument].text), bindings(named[argument], params, config, argument)
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
    return argument, {}


def with_prologue(text: str) -> str:
    """``text`` with the declarations of the contract's prefixes that it uses without declaring, written on its
    first line (the lines of an error in the query stay its own).

    >>> with_prologue("SELECT * { ?s a org:Membership }")
    'PREFIX org: <http://www.w3.org/ns/org#> SELECT * { ?s a org:Membership }'
    """
    missing = [p for p in undeclared_prefixes(text) if p in PREFIXES]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}> " for p in missing) + text


def bindings(query, params: tuple[str, ...], config: dict, argument: str) -> dict:
    """Bind ``params`` to the parameters of the named query ``query`` (None: a file without a header)."""
    from webapp.errors import ApiError

    values: dict[str, str] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryArgumentError(f"--param « {item} » : écrivez nom=valeur",
                                     f"--param '{item}': write name=value")
        values[name.strip()] = value.strip()
    declared = {p.name: p for p in query.parameters} if query is not None else {}
    if unknown := sorted(set(values) - set(declared)):
        known = ", ".join(declared) or "aucun"
        raise QueryArgumentError(
            f"{argument} : paramètre inconnu « {unknown[0]} » (paramètres : {known})",
            f"{argument}: unknown parameter '{unknown[0]}' (parameters: {', '.join(declared) or 'none'})")
    if query is None:
        return {}
    for name, value in values.items():
        if declared[name].type == "iri" and value and not value.startswith(("http://", "https://", "urn:")):
            values[name] = _resolve(declared[name], value, config)
    try:
        return query.bindings(values)
    except ApiError as exc:
        usage = " ".join(f"--param {p.name}=…" for p in query.parameters if not p.optional and p.default is None)
        usage = f" ({usage})" if usage else ""
        raise QueryArgumentError(f"{argument} : {exc.message}{usage}", f"{argument}: {exc.message_en}{usage}") from None


def _resolve(parameter, name: str, config: dict) -> str:
    """The IRI that ``name`` stands for: a vocabulary term of that label, else the one resource of the search
    index of that name; raises QueryArgumentError naming the candidates when there is not exactly one."""
    from graph.identity import fold
    from webapp.labels import terms_labelled

    found = terms_labelled(name)
    if not found:
        from search.query import SearchError, suggest
        from webapp.resources import open_search_index

        try:
            index = open_search_index(config)
            hits = suggest(index, name, 10) if index.available() else []
        except (SearchError, OSError):
            hits = []
        found = [h["iri"] for h in hits if fold(h["label"]) == fold(name)] or [h["iri"] for h in hits]
    if len(found) > 1 and parameter.default:  # "Association": the class, not the kind of member, for a class
        namespace = parameter.default[:max(parameter.default.rfind("#"), parameter.default.rfind("/")) + 1]
        found = [iri for iri in found if iri.startswith(namespace)] or found
    if len(found) == 1:
        return found[0]
    said, said_en = f"--param {parameter.name}=« {name} »", f"--param {parameter.name}='{name}'"
    if not found:
        raise QueryArgumentError(f"{said} : aucun nom ne correspond ; donnez le nom complet ou l'IRI",
                                 f"{said_en}: no name matches; give the full name or the IRI")
    shown = ", ".join(found[:5]) + (", …" if len(found) > 5 else "")
    raise QueryArgumentError(f"{said} : {len(found)} noms correspondent ({shown}) ; donnez le nom complet ou l'IRI",
                             f"{said_en}: {len(found)} names match ({shown}); give the full name or the IRI")
