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
  of a syntax error) without evaluating it: pyoxigraph has no parse-only call and evaluates an ``ASK`` — and a
  ``SELECT``'s ``ORDER BY`` — within ``query()``, outside any time limit (38 s, or an engine panic that aborts the
  process, in the reviews). So the text parsed carries a call of an unknown function in its ``WHERE``
  (:func:`parse_only`): the engine refuses it while planning, before any evaluation. The kind of a query is read
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


_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


def _prologue_end(tokens: list[Token]) -> int:
    """The index of the first token after the prologue: its comments and its well-formed PREFIX and BASE
    declarations (a malformed one ends it)."""
    i = 0
    while i < len(tokens):
        word = tokens[i].value.upper() if tokens[i].kind == "word" else ""
        kinds = [t.kind for t in tokens[i + 1:i + 3]]
        if tokens[i].kind == "comment":
            i += 1
        elif word == "PREFIX" and kinds == ["pname", "iri"] and tokens[i + 1].value.endswith(":"):
            i += 3
        elif word == "BASE" and kinds[:1] == ["iri"]:
            i += 2
        else:
            break
    return i


def _form(tokens: list[Token]) -> int | None:
    """The index of the query's form word (SELECT, ASK, CONSTRUCT, DESCRIBE), after its prologue; None if another
    token comes first (the text is no query)."""
    i = _prologue_end(tokens)
    if i < len(tokens) and tokens[i].kind == "word" and tokens[i].value.upper() in _FORMS:
        return i
    return None


def query_kind(text: str, tokens: list[Token] | None = None) -> str:
    r"""The kind of a query (select, ask, graph) read from its first word after the prologue, never by evaluating
    it; raises QuerySyntaxError when that word is no query form.

    >>> query_kind("PREFIX ex: <https://ex.org/a#b> # ASK\nBASE <x:> construct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'graph'
    """
    tokens = tokenize(text) if tokens is None else tokens
    at = _form(tokens)
    if at is None:
        first = _prologue_end(tokens)
        _engines_refusal(text, tokens[first] if first < len(tokens) else None)
        offset = tokens[first].start if first < len(tokens) else len(text)
        line, column = text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
        raise QuerySyntaxError("une requête SPARQL commence (après ses PREFIX et BASE) par SELECT, ASK, CONSTRUCT "
                               "ou DESCRIBE", line, column,
                               "a SPARQL query starts (after its PREFIX and BASE) with SELECT, ASK, CONSTRUCT or "
                               "DESCRIBE")
    return _FORMS[tokens[at].value.upper()]


def _engines_refusal(text: str, first: Token | None) -> None:
    """Raise the engine's own SyntaxError for a text whose first word after the prologue is no query form — only
    when that word cannot be a form the engine reads otherwise (``ASKWHERE{}``, ``SELECTDISTINCT …`` parse):
    a text it would read as a query is never given to it here, since parsing a query evaluates it."""
    if first is None or first.kind in ("pname", "iri"):
        return
    if first.kind == "word" and first.value.upper().startswith(tuple(_FORMS) + ("PREFIX", "BASE")):
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
    return QueryRefused(f"fonction non prise en charge : <{iri}> ; ce point d'accès connaît les fonctions de SPARQL "
                        "1.1 et les conversions xsd: (xsd:integer(?x)…)",
                        f"function not supported: <{iri}>; this endpoint knows the functions of SPARQL 1.1 and the "
                        "xsd: casts (xsd:integer(?x)…)")


def _where_group(tokens: list[Token], form: int) -> tuple[int, int] | None:
    """The indices of the ``{`` and ``}`` of the query's WHERE group (None when it has none: a DESCRIBE of IRIs, a
    CONSTRUCT WHERE of triples only — both cheap to evaluate on an empty store — or an unclosed group)."""
    stack, top = 0, []  # top-level: outside any ( ) or [ ], at brace depth 0 (not an EXISTS in a SELECT's list)
    for i, token in enumerate(tokens):
        if token.kind == "punct" and token.value in "([":
            stack += 1
        elif token.kind == "punct" and token.value in ")]":
            stack = max(stack - 1, 0)
        elif stack == 0 and token.depth == 0 and i > form and (token.value == "{" or token.value.upper() == "WHERE"):
            top.append(i)
    where = next((k for k, i in enumerate(top) if tokens[i].value.upper() == "WHERE"), None)
    if where is not None:
        if tokens[form].value.upper() == "CONSTRUCT" and where == 0:  # CONSTRUCT WHERE { triples }
            return None
        braces = [i for i in top[where:] if tokens[i].value == "{"]
    else:
        braces = [i for i in top if tokens[i].value == "{"]
        if tokens[form].value.upper() == "CONSTRUCT":
            braces = braces[1:]  # after the template
    if not braces:
        return None
    opening = braces[0]
    closing = next((i for i in range(opening + 1, len(tokens))
                    if tokens[i].value == "}" and tokens[i].depth == tokens[opening].depth), None)
    return (opening, closing) if closing is not None else (opening, -1)


def parse_only(text: str, tokens: list[Token] | None = None, update: bool = False) -> None:
    r"""Parse a query (or an update) with Oxigraph without evaluating it; raises QuerySyntaxError with the line and
    column in ``text``, or QueryRefused for a function the engine does not know.

    A query's WHERE group opens with a FILTER that calls :data:`PARSE_ONLY` (a sub-SELECT alone in it is put in a
    group after it); an update gets, after its prologue, a first operation that calls it: the engine stops on it
    while planning. An error's place after an insertion is told back in ``text``. A query without a WHERE group
    is parsed as it is: it is cheap to evaluate on an empty store.

    >>> parse_only("ASK { VALUES ?a { 1 2 } VALUES ?b { 3 4 } }")
    >>> parse_only("SELECT ?s\nWHERE { ?s ?p }")
    Traceback (most recent call last):
    ...
    graph.store.QuerySyntaxError: ...
    """
    tokens = tokenize(text) if tokens is None else tokens
    edits: list[tuple[int, str]] = []  # (offset in text, text inserted there)
    if update:
        if (first := _prologue_end(tokens)) < len(tokens):
            edits.append((tokens[first].start, f"INSERT {{ }} WHERE {{{_PARSE_ONLY_CALL} }} ; "))
    elif (form := _form(tokens)) is not None and (group := _where_group(tokens, form)) is not None:
        opening, closing = group
        inner = next((t for t in tokens[opening + 1:] if t.kind != "comment"), None)
        if inner is not None and inner.kind == "word" and inner.value.upper() == "SELECT":
            edits.append((tokens[opening].end, _PARSE_ONLY_CALL + " {"))
            if closing >= 0:
                edits.append((tokens[closing].start, "} "))
        else:
            edits.append((tokens[opening].end, _PARSE_ONLY_CALL))
    probe = text
    for offset, inserted in reversed(edits):
        probe = probe[:offset] + inserted + probe[offset:]
    try:
        (ox.Store().update if update else _EMPTY.query)(probe)
    except SyntaxError as exc:
        raise syntax_error(_moved_back(exc, probe, text, edits), text) from None
    except RuntimeError as exc:
        if (refused := unsupported_function(exc)) is not None:
            raise refused from None
        if PARSE_ONLY not in str(exc):
            raise


def _moved_back(exc: SyntaxError, probe: str, text: str, edits: list[tuple[int, str]]) -> SyntaxError:
    """Oxigraph's SyntaxError on ``probe`` told at its place in ``text`` (before the insertions of ``edits``)."""
    message = exc.msg or str(exc)
    match = _POSITION.search(message)
    if match is None or not edits:
        return exc
    line, column = int(match.group(1)), int(match.group(2))
    lines = probe.split("\n")
    offset = sum(len(one) + 1 for one in lines[:line - 1]) + column - 1
    shift = 0
    for at, inserted in edits:
        if offset >= at + shift + len(inserted):
            shift += len(inserted)
        elif offset >= at + shift:  # inside what was inserted: where it was inserted
            offset = at + shift
            break
    offset = min(offset - shift, len(text))
    line, column = text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
    return SyntaxError(message[:match.start()] + f"error at {line}:{column}" + message[match.end():])


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
    kind = query_kind(text, tokens)
    default, named = dataset_clauses(tokens, ("FROM",))
    default_graph_uris, named_graph_uris = list(default_graph_uris), list(named_graph_uris)
    if default_graph_uris or named_graph_uris:  # the protocol's dataset overrides the query's (SPARQL Protocol 2.1.4)
        default, named = default_graph_uris, named_graph_uris
    _check_dataset(default + named, graph_exists)
    parse_only(text, tokens)  # the user's own text: an error's line and column are in it
    if default_graph_uris or named_graph_uris:
        text = with_dataset(text, tokens, default, named)
        tokens = tokenize(text)
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

    They go where SPARQL puts a dataset: before the top-level ``WHERE`` or, without one, the WHERE group — after a
    CONSTRUCT's template, not in an ``EXISTS { }`` of a SELECT's list — or, in a ``DESCRIBE`` that has neither,
    before its solution modifiers. Any engine then answers over the same dataset.

    >>> with_dataset("SELECT * { ?s ?p ?o }", tokenize("SELECT * { ?s ?p ?o }"), ["http://ex.org/g"], [])
    'SELECT * FROM <http://ex.org/g>\n{ ?s ?p ?o }'
    >>> with_dataset("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }", tokenize("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }"), [],
    ...              ["http://ex.org/g"])
    'CONSTRUCT { ?s ?p ?o } FROM NAMED <http://ex.org/g>\n{ ?s ?p ?o }'
    """
    cuts = []
    for i, word in _words(tokens):
        if word == "FROM" and tokens[i].depth == 0:
            last = i + 2 if i + 1 < len(tokens) and tokens[i + 1].value.upper() == "NAMED" else i + 1
            if last < len(tokens):
                cuts.append((tokens[i].start, tokens[last].end))
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    at = _dataset_point(text, tokenize(text))
    clauses = [f"FROM <{iri}>" for iri in default] + [f"FROM NAMED <{iri}>" for iri in named]
    return text[:at].rstrip() + " " + " ".join(clauses) + "\n" + text[at:]


_MODIFIERS = {"GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"}


def _dataset_point(text: str, tokens: list[Token]) -> int:
    """Where a query's dataset clauses go: see :func:`with_dataset`."""
    form = _form(tokens)
    if form is None:
        return len(text)
    stack = 0
    for token in tokens[form + 1:]:
        if token.kind == "punct" and token.value in "([":
            stack += 1
        elif token.kind == "punct" and token.value in ")]":
            stack = max(stack - 1, 0)
        elif stack == 0 and token.depth == 0 and token.kind == "word" and token.value.upper() == "WHERE":
            return token.start
    group = _where_group(tokens, form)
    if group is not None:
        return tokens[group[0]].start
    return next((t.start for t in tokens[form + 1:] if t.depth == 0 and t.kind == "word"
                 and t.value.upper() in _MODIFIERS), len(text))


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
