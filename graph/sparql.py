"""The guard in front of user SPARQL: what a public, read-only endpoint refuses, and the row cap.

Both engines execute ``SERVICE`` and ``LOAD`` over the network (pyoxigraph included: it has an HTTP client), and
rdflib reads ``FROM <file:…>``. So before a user query reaches an engine:

- it is tokenised by a SPARQL lexer (strings, IRIs, comments, names, variables): a keyword cannot hide inside a
  string or an IRI, and a bare ``SERVICE`` token can only be the keyword;
- a query nested deeper than :data:`MAX_NESTING` groups, parentheses and brackets is refused: Oxigraph's parser
  recurses once a level and overflows the C stack (a segfault that takes the web worker down) past ~2,100 nested
  ``{`` or ~4,500 nested ``(``;
- ``SERVICE`` and ``LOAD`` are refused, and so are ``FROM``/``FROM NAMED``/``USING`` (and the protocol's
  ``default-graph-uri``/``named-graph-uri``) naming a graph the store does not hold;
- Oxigraph's parser then parses it (it exposes no syntax tree, but it gives the exact message, line and column
  of a syntax error, and the kind of query) — only after the lexer check, because parsing an ``ASK`` evaluates it;
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

from graph.namespaces import PREFIXES
from graph.parse_errors import explain_sparql
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


class QueryWorkersBusy(Exception):
    """Every query worker stayed busy for the whole time limit."""

    def __init__(self, seconds: float):
        super().__init__(f"no query worker free within {seconds:g} s")
        self.seconds = seconds


# --- lexer -------------------------------------------------------------------------------------------------

_PN_CHARS = r"A-Za-z0-9_\-\u00B7\u00C0-\uFFFF"
_LEXER = re.compile(rf"""
   (?P<ws>\s+)
 | (?P<comment>\#[^\n\r]*)
 | (?P<string>\"\"\"(?:[^"\\]|\\[\s\S]|"(?!""))*\"\"\"|'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''
             |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
 | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
 | (?P<var>[?$][{_PN_CHARS}]+)
 | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
 | (?P<bnode>_:[{_PN_CHARS}.]*)
 | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][{_PN_CHARS}.]*)?:(?:[{_PN_CHARS}.:%]|\\.)*)
 | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
 | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
 | (?P<punct>[\s\S])
""", re.X)


@dataclass(frozen=True)
class Token:
    kind: str  # comment, string, iri, var, langtag, bnode, pname, number, word, punct
    value: str
    start: int
    end: int
    depth: int  # braces open before it


def tokenize(text: str) -> list[Token]:
    """Split SPARQL text into tokens (whitespace dropped), each with its brace depth.

    >>> [(t.kind, t.value) for t in tokenize('SELECT * { ?s <a#b> "}#" } # SERVICE')]
    [('word', 'SELECT'), ('punct', '*'), ('punct', '{'), ('var', '?s'), ('iri', '<a#b>'), ('string', '"}#"'), ('punct', '}'), ('comment', '# SERVICE')]
    """
    tokens, depth = [], 0
    for match in _LEXER.finditer(text):
        kind = match.lastgroup
        if kind == "ws":
            continue
        value = match.group()
        if value == "}":
            depth = max(depth - 1, 0)
        tokens.append(Token(kind, value, match.start(), match.end(), depth))
        if value == "{":
            depth += 1
    return tokens


def _words(tokens: list[Token]) -> list[tuple[int, str]]:
    return [(i, t.value.upper()) for i, t in enumerate(tokens) if t.kind == "word"]


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

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


_EMPTY = ox.Store()
_POSITION = re.compile(r"error at (\d+):(\d+)")


#: How much of the engine's "expected one of …" list a message keeps, after our own sentence.
_EXPECTED_SHOWN = 100


def syntax_error(exc: SyntaxError, text: str | None = None) -> QuerySyntaxError:
    """Turn Oxigraph's SyntaxError into QuerySyntaxError with the line and column of its message.

    With the query's ``text``, a prefix used without its declaration is named, with the declaration to add when
    the prefix is one of the contract's; the engine's list of the tokens it expected is cut short.
    """
    message = exc.msg or str(exc)
    match = _POSITION.search(message)
    line, column = (int(match.group(1)), int(match.group(2))) if match else (exc.lineno, exc.offset)
    if text is not None and "Prefix not found" in message and (missing := undeclared_prefixes(text)):
        prefix = missing[0]
        namespace = PREFIXES.get(prefix)
        add = f" ; ajoutez PREFIX {prefix}: <{namespace}>" if namespace else ""
        add_en = f"; add PREFIX {prefix}: <{namespace}>" if namespace else ""
        return QuerySyntaxError(f"préfixe non déclaré « {prefix}: »{add}", line, column,
                                f"undeclared prefix '{prefix}:'{add_en}")
    if len(message) > _EXPECTED_SHOWN and "expected one of" in message:
        message = message[:_EXPECTED_SHOWN].rstrip() + " …"
    if text is None:
        return QuerySyntaxError(message, line, column)
    said, said_en = explain_sparql(message, text, line, column)
    return QuerySyntaxError(said, line, column, said_en)


def with_prologue(text: str) -> str:
    """``text`` with the declarations of the contract's prefixes that it uses without declaring, written on its
    first line (the lines of an error in the query stay its own): what ``maillage query`` and the SPARQL editor's
    form run; the endpoint itself runs a query as it is sent.

    >>> with_prologue("SELECT * { ?s a org:Membership }")
    'PREFIX org: <http://www.w3.org/ns/org#> SELECT * { ?s a org:Membership }'
    """
    missing = [p for p in undeclared_prefixes(text) if p in PREFIXES]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}> " for p in missing) + text


def undeclared_prefixes(text: str) -> list[str]:
    """The prefixes that ``text`` uses in prefixed names without declaring them, in the order of first use.

    >>> undeclared_prefixes('PREFIX mai: <x#> SELECT * { ?s rdfs:label "a:b" ; mai:x ?o ; a skos:Concept }')
    ['rdfs', 'skos']
    """
    tokens = tokenize(text)
    declared, _ = _prefixes(tokens)
    used = [t.value.split(":", 1)[0] for t in tokens if t.kind == "pname"]
    return list(dict.fromkeys(p for p in used if p not in declared))


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
    for _, word in _words(tokens):
        if word == "SERVICE":
            raise QueryRefused("SERVICE est refusé : ce point d'accès n'interroge que sa propre base",
                               "SERVICE is refused: this endpoint only queries its own store")
        if word == "LOAD" and update:
            raise QueryRefused("LOAD est refusé : les données entrent par l'import (maillage ingest)",
                               "LOAD is refused: data comes in through ingest (maillage ingest)")


def _prefixes(tokens: list[Token]) -> tuple[dict[str, str], str]:
    prefixes, base = {}, ""
    for i, token in enumerate(tokens):
        word = token.value.upper() if token.kind == "word" else ""
        if word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2].kind == "iri":
            prefixes[tokens[i + 1].value[:-1]] = _resolve(tokens[i + 2].value[1:-1], base)
        elif word == "BASE" and i + 1 < len(tokens) and tokens[i + 1].kind == "iri":
            base = _resolve(tokens[i + 1].value[1:-1], base)
    return prefixes, base


def _resolve(iri: str, base: str) -> str:
    if not base or re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri):
        return iri
    from urllib.parse import urljoin

    return urljoin(base, iri)


def dataset_clauses(tokens: list[Token], keywords: tuple[str, ...] = ("FROM", "USING")) -> tuple[list, list]:
    """Return the (default, named) graph IRIs of the ``FROM``/``USING`` [``NAMED``] clauses, prefixes expanded."""
    prefixes, base = _prefixes(tokens)
    default, named = [], []
    for i, word in _words(tokens):
        if word not in keywords:
            continue
        j = i + 1
        target = default
        if j < len(tokens) and tokens[j].kind == "word" and tokens[j].value.upper() == "NAMED":
            target, j = named, j + 1
        if j >= len(tokens):
            continue
        token = tokens[j]
        if token.kind == "iri":
            target.append(_resolve(token.value[1:-1], base))
        elif token.kind == "pname":
            prefix, _, local = token.value.partition(":")
            target.append(prefixes.get(prefix, prefix + ":") + local)
    return default, named


def _check_dataset(graphs: Iterable[str], graph_exists: Callable[[str], bool] | None) -> None:
    for iri in graphs:
        if graph_exists is None or not graph_exists(iri):
            raise QueryRefused(
                f"le graphe <{iri}> n'est pas dans la base : FROM, FROM NAMED et USING ne peuvent nommer que "
                "les graphes de la base (une source importée)",
                f"graph <{iri}> is not in the store: FROM, FROM NAMED and USING may only name the store's graphs "
                "(an ingested source)")


def _kind(text: str) -> str:
    try:
        result = _EMPTY.query(text)
    except SyntaxError as exc:
        raise syntax_error(exc, text) from None
    if isinstance(result, ox.QuerySolutions):
        return "select"
    if isinstance(result, ox.QueryBoolean):
        return "ask"
    return "graph"


def _cap_select(text: str, tokens: list[Token], max_rows: int) -> tuple[str, bool]:
    """Give a SELECT a top-level LIMIT of ``max_rows`` (a lower LIMIT of the user's stays); True if it may cut."""
    top = [(i, t) for i, t in enumerate(tokens) if t.depth == 0 and t.kind == "word"]
    for i, token in top:
        if token.value.upper() == "LIMIT" and i + 1 < len(tokens) and tokens[i + 1].kind == "number":
            number = tokens[i + 1]
            if int(number.value) <= max_rows:
                return text, False
            return text[:number.start] + str(max_rows) + text[number.end:], True
    for i, token in top:
        if token.value.upper() == "VALUES":
            return text[:token.start] + f"LIMIT {max_rows}\n" + text[token.start:], True
    return text + f"\nLIMIT {max_rows}", True


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
    default, named = dataset_clauses(tokens, ("FROM",))
    default_graph_uris, named_graph_uris = list(default_graph_uris), list(named_graph_uris)
    if default_graph_uris or named_graph_uris:  # the protocol's dataset overrides the query's (SPARQL Protocol 2.1.4)
        default, named = default_graph_uris, named_graph_uris
        text = with_dataset(text, tokens, default, named)
        tokens = tokenize(text)
    _check_dataset(default + named, graph_exists)
    kind = _kind(text)
    plan = QueryPlan(text, kind, default, named, max_rows)
    if kind == "select":
        plan.text, plan.capped = _cap_select(text, tokens, max_rows)
    return plan


_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def _refuse_update(tokens: list[Token]) -> None:
    """Refuse an update sent as a query, saying so (the engine would only say it expected SELECT)."""
    words = [word for _, word in _words(tokens) if word not in ("PREFIX", "BASE")]
    if words and words[0] in _UPDATE_WORDS:
        raise QueryRefused(
            f"« {words[0]} » est une mise à jour SPARQL, pas une requête : elle s'envoie au point d'accès en "
            "« update= », avec le jeton d'écriture",
            f"'{words[0]}' is a SPARQL Update, not a query: send it to the endpoint as 'update=', with the write "
            "token")


def with_dataset(text: str, tokens: list[Token], default: list[str], named: list[str]) -> str:
    r"""``text`` with its ``FROM [NAMED]`` clauses replaced by those of ``default`` and ``named`` graph IRIs.

    They go where SPARQL puts a dataset: before the top-level ``WHERE`` or, without one, the first top-level ``{``
    (at the end of a ``DESCRIBE`` that has neither). Any engine then answers over the same dataset.

    >>> with_dataset("SELECT * { ?s ?p ?o }", tokenize("SELECT * { ?s ?p ?o }"), ["http://ex.org/g"], [])
    'SELECT * FROM <http://ex.org/g>\n{ ?s ?p ?o }'
    """
    cuts = []
    for i, word in _words(tokens):
        if word == "FROM" and tokens[i].depth == 0:
            last = i + 2 if i + 1 < len(tokens) and tokens[i + 1].value.upper() == "NAMED" else i + 1
            if last < len(tokens):
                cuts.append((tokens[i].start, tokens[last].end))
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    tokens = tokenize(text)
    at = next((t.start for t in tokens if t.depth == 0 and t.kind == "word" and t.value.upper() == "WHERE"), None)
    if at is None:
        at = next((t.start for t in tokens if t.depth == 0 and t.value == "{"), len(text))
    clauses = [f"FROM <{iri}>" for iri in default] + [f"FROM NAMED <{iri}>" for iri in named]
    return text[:at].rstrip() + " " + " ".join(clauses) + "\n" + text[at:]


def check_update(text: str, graph_exists: Callable[[str], bool] | None = None) -> None:
    """Check a SPARQL Update before the writer runs it: no LOAD, no SERVICE, USING only inside the store.

    Raises QueryRefused or QuerySyntaxError (parsed by Oxigraph against an empty in-memory store).
    """
    tokens = tokenize(text)
    _refuse_deep(tokens)
    _refuse_remote(tokens, update=True)
    default, named = dataset_clauses(tokens, ("USING",))
    _check_dataset(default + named, graph_exists)
    try:
        ox.Store().update(text)
    except SyntaxError as exc:
        raise syntax_error(exc, text) from None
