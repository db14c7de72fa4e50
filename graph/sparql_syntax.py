"""A user's SPARQL text: the declarations it lacks, and the engine's syntax errors told in its own words.

``maillage query`` and the SPARQL editor's form declare the contract's prefixes that a query uses without declaring
them (:func:`with_prologue`); the guard (:mod:`graph.sparql`) turns Oxigraph's SyntaxError into a
:class:`~graph.store.QuerySyntaxError` placed at the token at fault, in the user's own lines and columns
(:func:`syntax_error`).
"""

from __future__ import annotations

import re

from graph.namespaces import PREFIXES
from graph.parse_errors import explain_sparql
from graph.sparql_place import error_place, place_of
from graph.sparql_rules import broken_rule
from graph.sparql_text import Token, prefixes_of, tokenize
from graph.store import QuerySyntaxError

_POSITION = re.compile(r"error at (\d+):(\d+)")


#: How much of the engine's "expected one of …" list a message keeps, after our own sentence.
_EXPECTED_SHOWN = 100


def syntax_error(exc: SyntaxError, text: str | None = None, update: bool = False) -> QuerySyntaxError:
    """Turn Oxigraph's SyntaxError on a query (an update when ``update``) into QuerySyntaxError, placed.

    With the text, a prefix used without its declaration is named, with the declaration to add when the prefix is
    one of the contract's; another error is placed at the token at fault as far as it can be found (the engine's
    place is often past it: :mod:`graph.sparql_place`) and told in words. A text that :func:`with_prologue` wrote
    is told as its user wrote it: the line, the column and the words quoted are theirs.
    """
    message = exc.msg or str(exc)
    match = _POSITION.search(message)
    line, column = (int(match.group(1)), int(match.group(2))) if match else (exc.lineno, exc.offset)
    if text is None:
        if len(message) > _EXPECTED_SHOWN and "expected one of" in message:
            message = message[:_EXPECTED_SHOWN].rstrip() + " …"
        return QuerySyntaxError(message, line, column)
    called = undeclared_call(text)  # the engine reads ``xsd:integer(`` undeclared as a built-in call it lacks
    missing = undeclared_prefixes(text) if "Prefix not found" in message else []
    if called is not None or missing:
        line, column = users_place(text, *(place_of(text, called.start) if called is not None else (line, column)))
        prefix = called.value.split(":", 1)[0] if called is not None else missing[0]
        namespace = PREFIXES.get(prefix)
        add = f" ; ajoutez PREFIX {prefix}: <{namespace}>" if namespace else ""
        add_en = f"; add PREFIX {prefix}: <{namespace}>" if namespace else ""
        return QuerySyntaxError(f"préfixe non déclaré « {prefix}: »{add}", line, column,
                                f"undeclared prefix '{prefix}:'{add_en}")
    if (rule := broken_rule(message, users_text := text[getattr(text, "declared", 0):])) is not None:
        said, said_en, at = rule
        line, column = place_of(users_text, at) if at is not None else users_place(text, line, column)
        return QuerySyntaxError(said, line, column, said_en)
    offset, detail = error_place(text, message, line, column, update)
    if offset is not None:
        line, column = users_place(text, *place_of(text, offset))
    said, said_en = explain_sparql(detail, text[getattr(text, "declared", 0):], line, column)
    return QuerySyntaxError(said, line, column, said_en)


class Prologued(str):
    """A user's query after :func:`with_prologue`: the declarations it lacked, on its first line, then the user's
    text, which starts ``declared`` characters in. The guard tells an error's place in the user's own text (the
    engine's, after the declarations, was 40 columns and more past the end of a short query)."""

    declared: int = 0

    def __new__(cls, text: str, declared: int = 0):
        made = super().__new__(cls, text)
        made.declared = declared
        return made


def users_place(text: str | None, line: int | None, column: int | None) -> tuple[int | None, int | None]:
    """``line``:``column`` of ``text`` told in its user's text: on the first line of a :class:`Prologued` text, after
    the declarations written there (an error in them is told at the user's first column).

    >>> users_place(with_prologue("SELECT * { ?s a mai:Actor ; ?p }"), 1, 82)
    (1, 32)
    """
    declared = getattr(text, "declared", 0)
    if declared and line == 1 and column:
        return line, max(column - declared, 1)
    return line, column


def with_prologue(text: str) -> Prologued:
    """``text`` with the declarations of the contract's prefixes that it uses without declaring, written on its
    first line (the lines of an error in the query stay its own, and :class:`Prologued` tells its columns): what
    ``maillage query`` and the SPARQL editor's form run; the endpoint itself runs a query as it is sent.

    >>> with_prologue("SELECT * { ?s a org:Membership }")
    'PREFIX org: <http://www.w3.org/ns/org#> SELECT * { ?s a org:Membership }'
    """
    missing = [p for p in undeclared_prefixes(text) if p in PREFIXES]
    prologue = "".join(f"PREFIX {p}: <{PREFIXES[p]}> " for p in missing)
    return Prologued(prologue + text, len(prologue))


def undeclared_prefixes(text: str) -> list[str]:
    """The prefixes that ``text`` uses in prefixed names without declaring them, in the order of first use.

    >>> undeclared_prefixes('PREFIX mai: <x#> SELECT * { ?s rdfs:label "a:b" ; mai:x ?o ; a skos:Concept }')
    ['rdfs', 'skos']
    """
    tokens = tokenize(text)
    declared, _ = prefixes_of(tokens)
    used = [t.value.split(":", 1)[0] for t in tokens if t.kind == "pname"]
    return list(dict.fromkeys(p for p in used if p not in declared))


def undeclared_call(text: str) -> Token | None:
    """The first prefixed name that ``text`` calls as a function (a cast, ``xsd:integer(?x)``) without declaring its
    prefix: the engine says only that it expected a built-in function there.

    >>> undeclared_call('PREFIX ex: <x:> SELECT * { ?s ex:p ?o FILTER(xsd:integer(?o) > ex:f(1)) }').value
    'xsd:integer'
    """
    tokens = [token for token in tokenize(text) if token.kind != "comment"]
    declared, _ = prefixes_of(tokens)
    return next((token for token, after in zip(tokens, tokens[1:]) if token.kind == "pname" and after.value == "("
                 and token.value.split(":", 1)[0] not in declared), None)


def moved_back(exc: SyntaxError, probe: str, text: str, edits: list[tuple[int, str]]) -> SyntaxError:
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
