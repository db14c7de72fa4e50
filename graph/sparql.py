"""The guard in front of user SPARQL: what a public, read-only endpoint refuses, and the row cap.

Both engines execute ``SERVICE`` and ``LOAD`` over the network (pyoxigraph included: it has an HTTP client), and
rdflib reads ``FROM <file:…>``. So before a user query reaches an engine:

- it is tokenised by a SPARQL lexer (:mod:`graph.sparql_text`: strings, IRIs, comments, names, variables): a keyword
  cannot hide inside a string or an IRI, and a bare ``SERVICE`` token can only be the keyword;
- a query nested deeper than :data:`MAX_NESTING` groups, parentheses and brackets is refused: Oxigraph's parser
  recurses once a level and overflows the C stack (a segfault that takes the web worker down) past ~2,100 nested
  ``{`` or ~4,500 nested ``(``;
- ``SERVICE`` and ``LOAD`` are refused, and so are ``FROM``/``FROM NAMED``/``USING`` (and the protocol's
  ``default-graph-uri``/``named-graph-uri``) naming a graph the store does not hold;
- Oxigraph's parser then parses it (it exposes no syntax tree, but it gives the exact message, line and column
  of a syntax error) without evaluating it, nor even planning it (:func:`parse_only`): pyoxigraph evaluates an
  ``ASK`` — and a ``SELECT``'s ``ORDER BY`` — within ``query()``, outside any time limit (38 s, or an engine panic
  that aborts the process, in the reviews), and its planner alone took 89 s for 300 ``OPTIONAL`` groups. The
  functions the query calls by IRI are planned one at a time, in a query of their own. The kind of a query is read
  from its first word after the prologue;
- a ``SELECT`` gets a ``LIMIT`` of the row cap (a lower ``LIMIT`` of the user's is kept), so that Oxigraph's own
  serialiser can write the capped answer (graphs are capped while iterating their triples).

>>> plan = check_query("PREFIX ex: <https://ex.org/> SELECT ?s WHERE { ?s ex:p 'SERVICE' }", max_rows=100)
>>> plan.kind, plan.text.endswith("LIMIT 100"), plan.capped
('select', True, True)
>>> check_query("SELECT * WHERE { SERVICE <https://ex.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
graph.sparql.QueryRefused: SERVICE est refusé : ce point d'accès n'interroge que sa propre base
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

import pyoxigraph as ox

from graph.parse_errors import KNOWN_FUNCTIONS, explain_sparql
from graph.projection import star_order
from graph.sparql_syntax import moved_back, syntax_error, users_place
from graph.sparql_text import (FORMS, FUNCTIONS, KEYWORDS, Token, closest_word, dataset_clauses, form_at,
                               function_calls, prologue_end, tokenize, with_dataset, words_of)
from graph.store import QuerySyntaxError


class QueryRefused(ValueError):
    """A query or update that the public endpoint does not run (SERVICE, LOAD, a dataset outside the store)."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message)
        self.message, self.message_en = message, message_en


class QueryTimeout(Exception):
    """A query ran past its time limit and its worker was killed."""

    def __init__(self, seconds: float):
        super().__init__(f"query stopped after {seconds:g} s")
        self.seconds = seconds


class QueryCrashed(Exception):
    """The engine failed on a query: its worker died of a signal (pyoxigraph 0.5.13 aborts on a panic, e.g. while
    sorting some literals of mixed types) or the engine panicked. Our failure (HTTP 500), told as the engine's."""

    def __init__(self, reason: str):
        super().__init__(f"the SPARQL engine failed on this query ({reason})")
        self.reason = reason


class QueryWorkersBusy(Exception):
    """Every query worker stayed busy for the whole time limit."""

    def __init__(self, seconds: float):
        super().__init__(f"no query worker free within {seconds:g} s")
        self.seconds = seconds


# --- the guard ---------------------------------------------------------------------------------------------


@dataclass
class QueryPlan:
    """A checked query, ready for an engine: its kind, the text to run, the dataset it names, the cap."""

    text: str
    kind: str  # select | ask | graph
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    max_rows: int = 10_000
    capped: bool = False  # a SELECT whose answer the row cap may cut (its own LIMIT is not lower)
    #: A ``SELECT *``'s variables in the order the text names them, its columns' (:mod:`graph.projection`).
    star_order: tuple[str, ...] | None = None

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


_EMPTY = ox.Store()


#: Levels of ``{``, ``(`` and ``[`` (outside strings, IRIs and comments) a query or update may nest. pyoxigraph 0.5.13
#: segfaulted on 2,200 nested groups and 5,000 nested parentheses (2,000 and 4,000 passed, on an 8 MB stack); the
#: deepest named query nests 9. 256 leaves the engine a margin of 8 on a smaller thread stack.
MAX_NESTING = 256
_OPENERS, _CLOSERS = frozenset("{(["), frozenset("})]")


def nesting_depth(tokens: list[Token]) -> int:
    """The deepest nesting of ``{``, ``(`` and ``[`` among ``tokens`` (those in strings, IRIs, comments don't count).

    >>> nesting_depth(tokenize('ASK { FILTER((1 + 2) = 3) } # (((((('))
    3
    """
    depth = deepest = 0
    for token in tokens:
        if token.kind != "punct":
            continue
        if token.value in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif token.value in _CLOSERS:
            depth = max(depth - 1, 0)
    return deepest


def _refuse_deep(tokens: list[Token]) -> None:
    """Refuse a text nested past :data:`MAX_NESTING` before any parser sees it (see the module's docstring)."""
    if (depth := nesting_depth(tokens)) > MAX_NESTING:
        raise QueryRefused(f"requête trop imbriquée : {depth} niveaux de {{ }}, ( ) ou [ ] les uns dans les autres, "
                           f"la limite est {MAX_NESTING}",
                           f"query nested too deeply: {depth} levels of {{ }}, ( ) or [ ] inside one another, the "
                           f"limit is {MAX_NESTING}")


def _refuse_remote(tokens: list[Token], update: bool) -> None:
    for _, word in words_of(tokens):
        if word == "SERVICE":
            raise QueryRefused("SERVICE est refusé : ce point d'accès n'interroge que sa propre base",
                               "SERVICE is refused: this endpoint only queries its own store")
        if word == "LOAD" and update:
            raise QueryRefused("LOAD est refusé : les données entrent par l'import (maillage ingest)",
                               "LOAD is refused: data comes in through ingest (maillage ingest)")


def _check_dataset(graphs: Iterable[str], graph_exists: Callable[[str], bool] | None) -> None:
    for iri in graphs:
        if graph_exists is None or not graph_exists(iri):
            raise QueryRefused(
                f"le graphe <{iri}> n'est pas dans la base : FROM, FROM NAMED et USING ne peuvent nommer que "
                "les graphes de la base (une source importée)",
                f"graph <{iri}> is not in the store: FROM, FROM NAMED and USING may only name the store's graphs "
                "(an ingested source)")


def query_kind(text: str, tokens: list[Token] | None = None) -> str:
    r"""The kind of a query (select, ask, graph) read from its first word after the prologue, never by evaluating
    it; raises QuerySyntaxError when that word is no query form.

    >>> query_kind("PREFIX ex: <https://ex.org/a#b> # ASK\nBASE <x:> construct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'graph'
    """
    tokens = tokenize(text) if tokens is None else tokens
    at = form_at(tokens)
    if at is None:
        first = prologue_end(tokens)
        token = tokens[first] if first < len(tokens) else None
        offset = token.start if token is not None else len(text)
        line, column = users_place(text, text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset))
        _misspelt_first_word(text, token, line, column)
        _engines_refusal(text, token)
        raise QuerySyntaxError("une requête SPARQL commence (après ses PREFIX et BASE) par SELECT, ASK, CONSTRUCT "
                               "ou DESCRIBE", line, column,
                               "a SPARQL query starts (after its PREFIX and BASE) with SELECT, ASK, CONSTRUCT or "
                               "DESCRIBE")
    return FORMS[tokens[at].value.upper()]


def _misspelt_first_word(text: str, first: Token | None, line: int | None, column: int | None) -> None:
    """Name a first word that is a misspelt keyword (« SELEC » : SELECT ?), as a misspelt FILTER is named: the
    engine's own message points past it (« SELEC * WHERE … »: "expected CONSTRUCT", at « HERE »)."""
    if first is None or first.kind != "word" or first.value.upper() in KEYWORDS | FUNCTIONS \
            or closest_word(first.value) is None:
        return
    said, said_en = explain_sparql(("", ""), text[getattr(text, "declared", 0):], line, column)
    raise QuerySyntaxError(said, line, column, said_en)


def _engines_refusal(text: str, first: Token | None) -> None:
    """Raise the engine's own SyntaxError for a text whose first word after the prologue is no query form — only
    when that word cannot be a form the engine reads otherwise (``ASKWHERE{}``, ``SELECTDISTINCT …`` parse):
    a text it would read as a query is never given to it here, since parsing a query evaluates it."""
    if first is None or first.kind in ("pname", "iri"):
        return
    if first.kind == "word" and first.value.upper().startswith(tuple(FORMS) + ("PREFIX", "BASE")):
        return
    try:
        _EMPTY.query(text)
    except SyntaxError as exc:
        raise syntax_error(exc, text) from None
    except Exception:  # not the engine's syntax error: ours says it
        return


#: The function that no engine knows, called in the text that is parsed: Oxigraph refuses it while planning the
#: query, after parsing it and before evaluating anything (checked with the reviews' 38 s ASK and its panicking
#: ORDER BY: both answer in a millisecond).
PARSE_ONLY = "urn:maillage:parse-only"
_PARSE_ONLY_CALL = f" FILTER(<{PARSE_ONLY}>())"
_UNSUPPORTED = re.compile(r"custom function <([^>]*)> is not supported")


def unsupported_function(exc: Exception) -> QueryRefused | None:
    """The refusal to give for an engine error that names a function it does not know (None for another error)."""
    match = _UNSUPPORTED.search(str(exc))
    if match is None or match.group(1) == PARSE_ONLY:
        return None
    iri = match.group(1)
    return QueryRefused(f"fonction non prise en charge : <{iri}> ; {KNOWN_FUNCTIONS[0]}",
                        f"function not supported: <{iri}>; {KNOWN_FUNCTIONS[1]}")


def parse_only(text: str, tokens: list[Token] | None = None, update: bool = False) -> None:
    r"""Parse a query (or an update) with Oxigraph without evaluating it; raises QuerySyntaxError with the line and
    column in ``text``, or QueryRefused for a function the engine does not know.

    A query is parsed alone (:func:`_parse_query`), then each function it calls by IRI is planned in a query of its
    own (:func:`_refuse_unknown_functions`): the planner's work grows faster than cubically with the query's groups
    (300 ``OPTIONAL`` groups: 89 s), and this runs in the web process, outside any time limit. An update gets,
    after its prologue, a first operation that calls :data:`PARSE_ONLY`: the engine parses the whole text, then
    stops on it while planning that operation. An error's place after an insertion is told back in ``text``.

    >>> parse_only("ASK { VALUES ?a { 1 2 } VALUES ?b { 3 4 } }")
    >>> parse_only("SELECT ?s\nWHERE { ?s ?p }")
    Traceback (most recent call last):
    ...
    graph.store.QuerySyntaxError: ...
    """
    tokens = tokenize(text) if tokens is None else tokens
    if not update:
        _parse_query(text)
        _refuse_unknown_functions(text, tokens)
        return
    edits: list[tuple[int, str]] = []  # (offset in text, text inserted there)
    if (first := prologue_end(tokens)) < len(tokens):
        edits.append((tokens[first].start, f"INSERT {{ }} WHERE {{{_PARSE_ONLY_CALL} }} ; "))
    probe = text
    for offset, inserted in reversed(edits):
        probe = probe[:offset] + inserted + probe[offset:]
    try:
        ox.Store().update(probe)
    except SyntaxError as exc:
        raise syntax_error(moved_back(exc, probe, text, edits), text, update=True) from None
    except RuntimeError as exc:
        if (refused := unsupported_function(exc)) is not None:
            raise refused from None
        if PARSE_ONLY not in str(exc):
            raise


#: What pyoxigraph says, once it has parsed a query, when asked for two datasets at once: it checks its options
#: after parsing and before planning, so asking for both parses the query and goes no further.
_TWO_DATASETS = "should not be set at the same time"


def _parse_query(text: str) -> None:
    """Parse a query with Oxigraph, neither planned nor evaluated; raise QuerySyntaxError with its place.

    >>> _parse_query("SELECT * WHERE { ?s ?p ?o FILTER(<urn:unknown>(?o)) } ORDER BY ?o")
    """
    try:
        _EMPTY.query(text, use_default_graph_as_union=True, default_graph=ox.DefaultGraph())
    except SyntaxError as exc:
        raise syntax_error(exc, text) from None
    except ValueError as exc:
        if _TWO_DATASETS not in str(exc):
            raise
    else:  # an engine that evaluates it: the guard would no longer keep a query from running outside its limit
        raise RuntimeError("pyoxigraph answered a query it was only to parse: graph.sparql.parse_only needs another "
                           "probe")


#: How many of the IRIs that a query calls like functions are checked before it runs: past them, the engine refuses
#: the others when it runs the query, under its time limit.
MAX_FUNCTION_CHECKS = 32


def _refuse_unknown_functions(text: str, tokens: list[Token]) -> None:
    """Refuse a query that calls a function the engine does not know, naming it: each IRI that a ``(`` follows is
    planned as a function in a query of its own; those that the engine refuses are called when the text no longer
    parses with a variable in their places (a variable cannot be called; it can be a predicate before a
    collection): the first one called is found by halves, a parse of the text each."""
    unknown: list[tuple[QueryRefused, list[Token]]] = []
    for iri, places in list(function_calls(tokens).items())[:MAX_FUNCTION_CHECKS]:
        try:
            _EMPTY.query(f"SELECT * WHERE {{ FILTER(<{iri}>()) }}")
        except RuntimeError as exc:
            if (refused := unsupported_function(exc)) is not None:
                unknown.append((refused, places))
        except (SyntaxError, ValueError):  # not an IRI the engine reads (an escape in a name): it says so when run
            continue
    while unknown and not _parses_without(text, unknown):
        if len(unknown) == 1:
            raise unknown[0][0]
        half = unknown[:len(unknown) // 2]
        unknown = half if not _parses_without(text, half) else unknown[len(half):]


def _parses_without(text: str, calls: list[tuple[QueryRefused, list[Token]]]) -> bool:
    """Whether ``text`` still parses with a variable in place of each token of ``calls``."""
    for token in sorted((t for _, places in calls for t in places), key=lambda t: t.start, reverse=True):
        text = text[:token.start] + "?" + "_" * 8 + text[token.end:]
    try:
        _parse_query(text)
    except QuerySyntaxError:
        return False
    return True


def _token_after(tokens: list[Token], i: int) -> Token | None:
    """The token after ``tokens[i]``, comments skipped: a LIMIT's number may come after a comment on its line."""
    return next((tokens[j] for j in range(i + 1, len(tokens)) if tokens[j].kind != "comment"), None)


def _cap_select(text: str, tokens: list[Token], max_rows: int) -> tuple[str, bool]:
    """Give a SELECT a top-level LIMIT of ``max_rows`` (a lower LIMIT of the user's stays); True if it may cut."""
    top = [(i, t) for i, t in enumerate(tokens) if t.depth == 0 and t.kind == "word"]
    for i, token in top:
        if token.value.upper() == "LIMIT" and (number := _token_after(tokens, i)) and number.kind == "number":
            if int(number.value) <= max_rows:
                return text, False
            return text[:number.start] + str(max_rows) + text[number.end:], True
    for i, token in top:
        if token.value.upper() == "VALUES":
            return text[:token.start] + f"LIMIT {max_rows}\n" + text[token.start:], True
    return text + f"\nLIMIT {max_rows}", True


def _once(iris: list[str]) -> list[str]:
    """``iris`` without repeats: the engine merges a graph named twice into the default graph twice, and counted each
    of its triples twice (``FROM <g> FROM <g>``, or ``default-graph-uri`` given twice)."""
    return list(dict.fromkeys(iris))


def check_query(text: str, max_rows: int = 10_000, graph_exists: Callable[[str], bool] | None = None,
                default_graph_uris: Iterable[str] = (), named_graph_uris: Iterable[str] = ()) -> QueryPlan:
    """Check a user query and return the plan to run it; raises QueryRefused or QuerySyntaxError.

    ``graph_exists(iri)`` says whether the store holds a named graph (a dataset naming any other is refused);
    ``default_graph_uris`` and ``named_graph_uris`` are the SPARQL Protocol's parameters of the same meaning.
    """
    tokens = tokenize(text)
    _refuse_deep(tokens)
    _refuse_remote(tokens, update=False)
    _refuse_update(tokens)
    kind = query_kind(text, tokens)
    from_default, from_named = dataset_clauses(tokens, ("FROM",))
    default_graph_uris, named_graph_uris = list(default_graph_uris), list(named_graph_uris)
    if default_graph_uris or named_graph_uris:  # the protocol's dataset overrides the query's (SPARQL Protocol 2.1.4)
        default, named = _once(default_graph_uris), _once(named_graph_uris)
    else:
        default, named = _once(from_default), _once(from_named)
    _check_dataset(default + named, graph_exists)
    parse_only(text, tokens)  # the user's own text: an error's line and column are in it
    if (default, named) != (from_default, from_named):  # the protocol's dataset, or a graph named twice
        text = with_dataset(text, tokens, default, named)
        tokens = tokenize(text)
    plan = QueryPlan(text, kind, default, named, max_rows)
    if kind == "select":
        plan.text, plan.capped = _cap_select(text, tokens, max_rows)
        plan.star_order = star_order(tokens)
    return plan


_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def _refuse_update(tokens: list[Token]) -> None:
    """Refuse an update sent as a query, saying so (the engine would only say it expected SELECT)."""
    words = [word for _, word in words_of(tokens) if word not in ("PREFIX", "BASE")]
    if words and words[0] in _UPDATE_WORDS:
        raise QueryRefused(
            f"« {words[0]} » est une mise à jour SPARQL, pas une requête : elle s'envoie au point d'accès en "
            "« update= », avec le jeton d'écriture",
            f"'{words[0]}' is a SPARQL Update, not a query: send it to the endpoint as 'update=', with the write "
            "token")


def check_update(text: str, graph_exists: Callable[[str], bool] | None = None) -> None:
    """Check a SPARQL Update before the writer runs it: no LOAD, no SERVICE, USING only inside the store.

    Raises QueryRefused or QuerySyntaxError (parsed by Oxigraph, never run: :func:`parse_only`).
    """
    tokens = tokenize(text)
    _refuse_deep(tokens)
    _refuse_remote(tokens, update=True)
    default, named = dataset_clauses(tokens, ("USING",))
    _check_dataset(default + named, graph_exists)
    parse_only(text, tokens, update=True)
