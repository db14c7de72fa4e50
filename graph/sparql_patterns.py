"""Triple patterns read from a query's tokens and written back one a triple, with the nodes that count apart from
their variables — blank nodes (``_:x``, ``[ … ]``), a collection's nodes, a sequence path's intermediate nodes — as
fresh variables: what :mod:`graph.sparql_union` projects away after its DISTINCT.

>>> from graph.sparql_text import tokenize
>>> names = iter(["?_u1", "?_u2"])
>>> triple_patterns(tokenize("?a <p>/<q> [ <r> 1 ]"), lambda: next(names))
[('?_u1', '<r>', '1'), ('?a', '<p>', '?_u2'), ('?_u2', '<q>', '?_u1')]
"""

from __future__ import annotations

from typing import Callable

from graph.sparql_text import Token

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


class Unfollowed(ValueError):
    """A triple pattern that this reader does not follow (an RDF-star triple term): its query is left as written."""


def existential(tokens: list[Token]) -> bool:
    """Whether triple patterns' tokens have a blank node, a collection or a sequence path: nodes that count apart
    from the variables (a ``(`` of a path is counted too: reading it would take a path parser for a rare case)."""
    return any(t.kind == "bnode" or (t.kind == "punct" and t.value in ("[", "(", "/")) for t in tokens)


def triple_patterns(tokens: list[Token], fresh: Callable[[], str], labels: dict[str, str] | None = None
                    ) -> list[tuple[str, str, str]]:
    """The triple patterns that ``tokens`` write, as (subject, predicate, object) texts; ``fresh()`` names a new
    variable, ``labels`` keeps the one of each blank node label (shared by a group's patterns)."""
    return _Triples(_split_dots(tokens), fresh, labels).read()


def _split_dots(tokens: list[Token]) -> list[Token]:
    """``tokens`` with the dots that end a prefixed name or a number (``:o.``, ``1.``) as tokens of their own: a
    name or a number does not end with a dot, the dot ends the triple."""
    out = []
    for token in tokens:
        value = token.value
        if token.kind in ("pname", "number") and value.endswith(".") and value != ".":
            kept = value.rstrip(".")
            out.append(Token(token.kind, kept, token.start, token.start + len(kept), token.depth))
            out += [Token("punct", ".", token.start + k, token.start + k + 1, token.depth)
                    for k in range(len(kept), len(value))]
        else:
            out.append(token)
    return out


class _Triples:
    """Triple patterns read from tokens, written back one a line with their blank nodes, collections and sequence
    paths' intermediate nodes as fresh variables."""

    def __init__(self, tokens: list[Token], fresh: Callable[[], str], labels: dict[str, str] | None = None):
        self.tokens, self.at, self.fresh = tokens, 0, fresh
        self.triples: list[tuple[str, str, str]] = []
        self.labels = {} if labels is None else labels

    def peek(self, ahead: int = 0) -> Token | None:
        k = self.at + ahead
        return self.tokens[k] if k < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise Unfollowed("a triple pattern ends early")
        self.at += 1
        return token

    def read(self) -> list[tuple[str, str, str]]:
        while self.peek() is not None:
            if self.peek().value == ".":
                self.at += 1
                continue
            subject = self.term()
            if self.peek() is None or self.peek().value == ".":
                if self.tokens[self.at - 1].value in ("]", ")"):
                    continue  # [ :p ?o ] or ( ?a ?b ) alone: its triples are read
                raise Unfollowed("a subject without a predicate")
            self.properties(subject)
        return self.triples

    def properties(self, subject: str) -> None:
        """A property list after ``subject``: verbs and their objects, up to ``.``, ``]`` or the end."""
        while True:
            verb = self.verb()
            self.add(subject, verb, self.term())
            while self.peek() is not None and self.peek().value == ",":
                self.at += 1
                self.add(subject, verb, self.term())
            if self.peek() is None or self.peek().value != ";":
                return
            while self.peek() is not None and self.peek().value == ";":
                self.at += 1
            if self.peek() is None or self.peek().value in (".", "]"):
                return

    def add(self, subject: str, verb: list[Token] | str, obj: str) -> None:
        """Add a triple; a sequence path's steps become triples linked by fresh variables."""
        steps = [verb] if isinstance(verb, str) else _sequence_steps(verb)
        for n, step in enumerate(steps):
            target = obj if n == len(steps) - 1 else self.fresh()
            self.triples.append((subject, step if isinstance(step, str) else _joined(step), target))
            subject = target

    def verb(self) -> list[Token] | str:
        token = self.peek()
        if token is not None and token.kind == "var":
            self.at += 1
            return token.value
        start = self.at
        while True:
            while self.peek() is not None and self.peek().value in ("^", "!"):
                self.at += 1
            primary = self.take()
            if primary.value == "(":
                self.skip_brackets()
            elif primary.kind not in ("iri", "pname") and primary.value != "a":
                raise Unfollowed(f"no predicate at {primary.value!r}")
            if self.peek() is not None and self.peek().kind == "punct" and self.peek().value in "*+?":
                self.at += 1
            if self.peek() is not None and self.peek().kind == "punct" and self.peek().value in "/|":
                self.at += 1
                continue
            return self.tokens[start:self.at]

    def skip_brackets(self) -> None:
        """Move past the ``)`` that closes the ``(`` just taken."""
        depth = 1
        while depth:
            value = self.take().value
            depth += {"(": 1, ")": -1}.get(value, 0)

    def term(self) -> str:
        """A subject or an object: a variable or an RDF term, or a fresh variable for a blank node."""
        token = self.take()
        if token.kind in ("var", "iri", "pname") or (token.kind == "word" and token.value.lower() in ("true", "false")):
            return token.value
        if token.kind == "bnode":
            return self.labels.setdefault(token.value, self.fresh())
        if token.kind == "number" or (token.value in "+-" and self.peek() is not None and self.peek().kind == "number"):
            return token.value if token.kind == "number" else token.value + self.take().value
        if token.kind == "string":
            return token.value + self.literal_suffix()
        if token.value == "[":
            return self.blank_node()
        if token.value == "(":
            return self.collection()
        raise Unfollowed(f"no term at {token.value!r}")

    def literal_suffix(self) -> str:
        token = self.peek()
        if token is not None and token.kind == "langtag":
            self.at += 1
            return token.value
        if token is not None and token.value == "^" and self.peek(1) is not None and self.peek(1).value == "^":
            self.at += 2
            datatype = self.take()
            if datatype.kind not in ("iri", "pname"):
                raise Unfollowed("no datatype after ^^")
            return "^^" + datatype.value
        return ""

    def blank_node(self) -> str:
        node = self.fresh()
        if self.peek() is not None and self.peek().value == "]":
            self.at += 1
            return node
        self.properties(node)
        if self.take().value != "]":
            raise Unfollowed("a blank node's property list is not closed")
        return node

    def collection(self) -> str:
        items = []
        while self.peek() is not None and self.peek().value != ")":
            items.append(self.term())
        self.take()
        head = rest = f"<{_RDF}nil>"
        for item in reversed(items):
            node = self.fresh()
            self.triples += [(node, f"<{_RDF}first>", item), (node, f"<{_RDF}rest>", rest)]
            head = rest = node
        return head


def _sequence_steps(path: list[Token]) -> list[list[Token]]:
    """The steps of a path that is a sequence at its top (``:p/^:q``), or the path itself as one step; a path in
    parentheses is its inside."""
    while path and path[0].value == "(" and _bracket_end(path, 0) == len(path) - 1:
        path = path[1:-1]
    steps, depth, step = [], 0, []
    for token in path:
        if token.kind == "punct":
            depth += {"(": 1, ")": -1}.get(token.value, 0)
            if depth == 0 and token.value == "|":
                return [path]
            if depth == 0 and token.value == "/":
                steps.append(step)
                step = []
                continue
        step.append(token)
    return steps + [step]


def _bracket_end(tokens: list[Token], opening: int) -> int:
    depth = 0
    for k in range(opening, len(tokens)):
        depth += {"(": 1, ")": -1}.get(tokens[k].value, 0) if tokens[k].kind == "punct" else 0
        if depth == 0:
            return k
    return len(tokens)


def _joined(path: list[Token]) -> str:
    """A path's tokens written back (no spaces: a modifier follows its step, as in ``:p*``)."""
    return "".join(token.value for token in path)
