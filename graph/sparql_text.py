"""SPARQL as text: a lexer, and where a query's parts are (its prologue, its form, its WHERE group, its dataset).

What :mod:`graph.sparql`'s guard reads a query with, before any engine parses it: a keyword cannot hide inside a
string or an IRI, and the places where the guard puts a dataset's ``FROM`` or a parse-only call are found on tokens,
never by a regular expression over the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def words_of(tokens: list[Token]) -> list[tuple[int, str]]:
    return [(i, t.value.upper()) for i, t in enumerate(tokens) if t.kind == "word"]


def prefixes_of(tokens: list[Token]) -> tuple[dict[str, str], str]:
    prefixes, base = {}, ""
    for i, token in enumerate(tokens):
        word = token.value.upper() if token.kind == "word" else ""
        if word == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2].kind == "iri":
            prefixes[tokens[i + 1].value[:-1]] = resolve_iri(tokens[i + 2].value[1:-1], base)
        elif word == "BASE" and i + 1 < len(tokens) and tokens[i + 1].kind == "iri":
            base = resolve_iri(tokens[i + 1].value[1:-1], base)
    return prefixes, base


def resolve_iri(iri: str, base: str) -> str:
    if not base or re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri):
        return iri
    from urllib.parse import urljoin

    return urljoin(base, iri)


def dataset_clauses(tokens: list[Token], keywords: tuple[str, ...] = ("FROM", "USING")) -> tuple[list, list]:
    """Return the (default, named) graph IRIs of the ``FROM``/``USING`` [``NAMED``] clauses, prefixes expanded."""
    prefixes, base = prefixes_of(tokens)
    default, named = [], []
    for i, word in words_of(tokens):
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
            target.append(resolve_iri(token.value[1:-1], base))
        elif token.kind == "pname":
            prefix, _, local = token.value.partition(":")
            target.append(prefixes.get(prefix, prefix + ":") + local)
    return default, named


FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


def prologue_end(tokens: list[Token]) -> int:
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


def form_at(tokens: list[Token]) -> int | None:
    """The index of the query's form word (SELECT, ASK, CONSTRUCT, DESCRIBE), after its prologue; None if another
    token comes first (the text is no query)."""
    i = prologue_end(tokens)
    if i < len(tokens) and tokens[i].kind == "word" and tokens[i].value.upper() in FORMS:
        return i
    return None


def where_group(tokens: list[Token], form: int) -> tuple[int, int] | None:
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
    for i, word in words_of(tokens):
        if word == "FROM" and tokens[i].depth == 0:
            last = i + 2 if i + 1 < len(tokens) and tokens[i + 1].value.upper() == "NAMED" else i + 1
            if last < len(tokens):
                cuts.append((tokens[i].start, tokens[last].end))
    for start, end in reversed(cuts):
        text = text[:start] + text[end:]
    at = dataset_point(text, tokenize(text))
    clauses = [f"FROM <{iri}>" for iri in default] + [f"FROM NAMED <{iri}>" for iri in named]
    return text[:at].rstrip() + " " + " ".join(clauses) + "\n" + text[at:]


MODIFIERS = {"GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"}


def dataset_point(text: str, tokens: list[Token]) -> int:
    """Where a query's dataset clauses go: see :func:`with_dataset`."""
    form = form_at(tokens)
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
    group = where_group(tokens, form)
    if group is not None:
        return tokens[group[0]].start
    return next((t.start for t in tokens[form + 1:] if t.depth == 0 and t.kind == "word"
                 and t.value.upper() in MODIFIERS), len(text))
