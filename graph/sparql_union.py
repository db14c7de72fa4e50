"""A query over the union of the sources' graphs answered as over a set: the text rewritten before the engine runs it.

SPARQL's default graph, when it is the merge of several graphs (the union of the sources' named graphs, or ``FROM
<a> FROM <b>``), holds a triple once however many graphs state it (an RDF merge; Fuseki's ``unionDefaultGraph``).
pyoxigraph 0.5 matches a triple once per graph that holds it (a bag: oxigraph/oxigraph#1919, fixed for 0.6): an
actor named by three sources had its name three times, and a sum over its grants was three times too high.

A group whose solutions over a set of triples are a set — triple patterns, OPTIONAL, MINUS, FILTER, BIND, nested
groups, GRAPH, a VALUES block without a repeated row, a subquery that is DISTINCT or grouped by the variables it
projects — has the same solutions over the bag, repeated: it is wrapped as ``{ SELECT DISTINCT * WHERE { … } }``,
whole, so that the optimizer plans it as written (a subquery for each run of triple patterns, inside each
OPTIONAL, lost the bound variables that it pushes into a left join: 0.002 s -> 0.13 s for a named query). Its
blank nodes (``_:x``, ``[ … ]``, a collection's nodes) and a sequence path's intermediate nodes count, as SPARQL
1.1 §18.5 counts them: they become fresh variables inside the DISTINCT, projected away outside
(:mod:`graph.sparql_patterns`). Its FILTERs stay outside the DISTINCT: an OPTIONAL's FILTER reads the solution
that it extends.

In a group that may repeat a solution on its own (a UNION, a repeated VALUES row, a subquery that is neither, a
function that differs at each call: RAND, BNODE, UUID), each run of triple patterns that only FILTERs separate is
wrapped alone, and each inner group is rewritten the same way. A subquery's group is rewritten as a query's, in an
``EXISTS`` too (its aggregates count); the rest of an ``EXISTS`` (true or false), ``SERVICE``, ``LATERAL`` and a
``GRAPH`` with blank nodes are left as written (a named graph is a set already).

A query whose answer cannot change with multiplicity is left as it is (ASK, DESCRIBE, SELECT DISTINCT or REDUCED,
a CONSTRUCT whose template has no blank node, unless an aggregate or a subquery counts), and so is a text that
this reader does not follow (an RDF-star triple term): it runs as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.sparql_patterns import Unfollowed, existential, triple_patterns
from graph.sparql_rules import AGGREGATES
from graph.sparql_text import Token, form_at, tokenize, where_group

#: The words that start a group's element that is not a triple pattern.
_ELEMENTS = frozenset({"FILTER", "OPTIONAL", "MINUS", "GRAPH", "SERVICE", "BIND", "VALUES", "LATERAL", "UNION"})
_OPENING = {"(": ")", "[": "]", "{": "}"}


def as_set_query(text: str) -> str:
    """``text`` rewritten so that the engine's bag union of graphs answers it as SPARQL's set union would; the text
    itself when multiplicity cannot change its answer or its patterns are not followed.

    >>> as_set_query("SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://ex.org/C> }")
    'SELECT (COUNT(*) AS ?n) WHERE { { SELECT DISTINCT * WHERE { ?s a <http://ex.org/C> . } } }'
    >>> as_set_query("SELECT DISTINCT ?s WHERE { ?s a <http://ex.org/C> }")
    'SELECT DISTINCT ?s WHERE { ?s a <http://ex.org/C> }'
    """
    tokens = tokenize(text)
    code = _without_comments(text, tokens)
    tokens = [token for token in tokens if token.kind != "comment"]  # blanking them moved no other token
    form = form_at(tokens)
    group = None if form is None else where_group(tokens, form)
    if group is None or group[1] == -1 or not _multiplicity_counts(tokens, form, group[0]):
        return text
    try:
        rewritten = _Rewriter(code, tokens).group(*group)
    except Unfollowed:
        return text
    opening, closing = group
    return code[:tokens[opening].start] + rewritten + code[tokens[closing].end:]


def _without_comments(text: str, tokens: list[Token]) -> str:
    """``text`` with its comments (among its ``tokens``) blanked out, the same length: a piece of it never ends
    inside a comment."""
    pieces, at = [], 0
    for token in tokens:
        if token.kind == "comment":
            pieces += [text[at:token.start], " " * (token.end - token.start)]
            at = token.end
    return "".join(pieces) + text[at:]


def _multiplicity_counts(tokens: list[Token], form: int, where: int) -> bool:
    """Whether how many times a solution comes can change the answer: a SELECT that does not remove duplicates, a
    CONSTRUCT whose template (before the WHERE group's ``{`` at ``where``) has a blank node or a collection (each
    solution makes new ones: a solution matched twice made two resources), or any query with an aggregate or a
    subquery."""
    if _counts(tokens, form):
        return True
    word = tokens[form].value.upper()
    if word == "CONSTRUCT":
        return any(t.kind == "bnode" or (t.kind == "punct" and t.value in "[(") for t in tokens[form + 1:where])
    modifier = tokens[form + 1].value.upper() if form + 1 < len(tokens) else ""
    return word == "SELECT" and modifier not in ("DISTINCT", "REDUCED")


@dataclass
class _Element:
    """One element of a group: its kind (``triples``, ``filter``, ``bind``, ``values``, ``optional``, ``minus``,
    ``group``, ``union``, ``kept``, ``dot``), its first and last tokens, and its group's when it has one."""

    kind: str
    first: int
    last: int
    group: tuple[int, int] | None = None


class _Rewriter:
    """Rewrites the groups of one query's text (comments blanked), on its tokens."""

    def __init__(self, code: str, tokens: list[Token]):
        self.code, self.tokens = code, tokens
        self.closing = _closing_brackets(tokens)
        taken = {t.value[1:] for t in tokens if t.kind == "var"}
        self.prefix = "_u"
        while any(name.startswith(self.prefix) for name in taken):
            self.prefix += "u"
        self.made = 0  # fresh variables made so far
        self.read: dict[int, list[_Element]] = {}  # each group's elements, by its "{": the walks ask for them again
        self.sets: dict[tuple[int, bool], bool] = {}  # whether each group gives a set (see gives_a_set)

    def fresh(self) -> str:
        """A variable that the query does not name."""
        self.made += 1
        return f"?{self.prefix}{self.made}"

    def span(self, first: int, last: int) -> str:
        return self.code[self.tokens[first].start:self.tokens[last].end]

    # --- a group's elements --------------------------------------------------------------------------------------

    def elements(self, opening: int, closing: int) -> list[_Element]:
        """The elements of the group from the ``{`` at ``opening`` to its ``}`` (not a subquery's)."""
        if opening not in self.read:
            self.read[opening] = self.read_elements(opening, closing)
        return self.read[opening]

    def read_elements(self, opening: int, closing: int) -> list[_Element]:
        tokens, found, i = self.tokens, [], opening + 1
        while i < closing:
            token = tokens[i]
            word = token.value.upper() if token.kind == "word" else ""
            if word == "FILTER":
                found.append(_Element("filter", i, self.filter_end(i)))
            elif word in ("BIND", "UNION"):
                found.append(_Element(word.lower(), i, self.closing[i + 1] if word == "BIND" else i))
            elif word in _ELEMENTS or token.value == "{":
                last = self.element_end(i)
                kind = {"OPTIONAL": "optional", "MINUS": "minus", "VALUES": "values", "": "group"}.get(word, "kept")
                found.append(_Element(kind, i, last, (self.tokens_before_group(i), last)))
            elif token.value == "." and (not found or found[-1].kind != "triples"):
                found.append(_Element("dot", i, i))
            else:
                found.append(_Element("triples", i, self.triples_end(i, closing)))
            i = found[-1].last + 1
        return found

    def tokens_before_group(self, i: int) -> int:
        """The index of the ``{`` of the element at ``i`` (past GRAPH's term, VALUES' variables)."""
        while self.tokens[i].value != "{":
            i = self.closing.get(i, i) + 1
        return i

    def element_end(self, i: int) -> int:
        """The last token of the element at ``i`` that ends with a group."""
        return self.closing[self.tokens_before_group(i)]

    def filter_end(self, i: int) -> int:
        """The last token of the FILTER at ``i``: its parentheses, or its EXISTS group."""
        j = i + 1
        while self.tokens[j].value not in ("(", "{"):  # NOT EXISTS, EXISTS, a function's name
            j += 1
        return self.closing[j]

    def triples_end(self, i: int, closing: int) -> int:
        """The last token of the triple patterns from ``i``, before the next element or the group's end."""
        tokens = self.tokens
        last = i
        while i < closing:
            token = tokens[i]
            if token.value == "{" or (token.kind == "word" and token.value.upper() in _ELEMENTS):
                break
            last = self.closing.get(i, i)
            i = last + 1
        return last

    def is_subquery(self, opening: int) -> bool:
        after = self.tokens[opening + 1]
        return after.kind == "word" and after.value.upper() == "SELECT"

    # --- whether a group's solutions are a set -------------------------------------------------------------------

    def gives_a_set(self, opening: int, closing: int, named: bool = False) -> bool:
        """Whether the group's solutions over a set of triples, its blank nodes and a sequence path's intermediate
        nodes counted, are a set, so that the engine's bag answer made DISTINCT (those nodes as variables) is the
        set's: no UNION, no VALUES row given twice, no subquery that may repeat a row, no function that differs at
        each call, no blank node in a named graph (``named``: its graph is a set already, its nodes are not
        rewritten)."""
        if (opening, named) not in self.sets:
            self.sets[opening, named] = self.group_gives_a_set(opening, closing, named)
        return self.sets[opening, named]

    def group_gives_a_set(self, opening: int, closing: int, named: bool) -> bool:
        if self.is_subquery(opening):
            return self.subquery_gives_a_set(opening, closing)
        if any(t.kind == "word" and t.value.upper() in _FRESH_EACH_CALL for t in self.tokens[opening:closing]):
            return False
        for element in self.elements(opening, closing):
            graph = element.kind == "kept" and self.tokens[element.first].value.upper() == "GRAPH"
            if named and element.kind == "triples" and existential(self.tokens[element.first:element.last + 1]):
                return False
            if element.kind == "union" or (element.kind == "kept" and not graph):
                return False
            if element.kind == "values" and not self.rows_differ(*element.group):
                return False
            if element.kind in ("optional", "group", "kept") and not self.gives_a_set(*element.group, named or graph):
                return False
        return True

    def reads_default(self, opening: int, closing: int) -> bool:
        """Whether the group matches triple patterns in the default graph (outside GRAPH and its subqueries)."""
        return not self.is_subquery(opening) and any(
            element.kind == "triples" or (element.kind in ("optional", "minus", "group")
                                          and self.reads_default(*element.group))
            for element in self.elements(opening, closing))

    def rows_differ(self, opening: int, closing: int) -> bool:
        """Whether the rows of a VALUES block are written differently from each other."""
        rows, i = [], opening + 1
        while i < closing:
            last = self.closing.get(i, i)
            rows.append(self.span(i, last))
            i = last + 1
        return len(rows) == len(set(rows))

    def subquery_gives_a_set(self, opening: int, closing: int) -> bool:
        """Whether a subquery's rows are a set: a SELECT DISTINCT, or one grouped by variables that it projects."""
        tokens = self.tokens
        if tokens[opening + 2].value.upper() == "DISTINCT":
            return True
        where = self.tokens_before_group(opening + 2)
        head = tokens[opening + 2:where]
        tail = tokens[self.closing[where] + 1:closing]
        projected = {t.value[1:] for t in _outside_parentheses(head) if t.kind == "var"}
        words = [t.value.upper() for t in tail]
        if "BY" not in words or words[words.index("BY") - 1] != "GROUP":
            return any(t.kind == "word" and t.value.upper() in AGGREGATES for t in head)  # one row, or a plain one
        keys = tail[words.index("BY") + 1:]
        keys = keys[:next((k for k, t in enumerate(keys) if t.kind != "var"), len(keys))]
        return bool(keys) and {t.value[1:] for t in keys} <= projected

    # --- rewriting ------------------------------------------------------------------------------------------------

    def group(self, opening: int, closing: int) -> str:
        """The group from the ``{`` at ``opening`` to its ``}``, answering as over the set of triples."""
        if self.is_subquery(opening):
            return self.subquery(opening, closing)
        if self.gives_a_set(opening, closing):
            return self.lifted(opening, closing)
        pieces: list[str] = []
        run: list[_Element] = []
        for element in self.elements(opening, closing):
            if element.kind == "triples":
                if not run:
                    pieces.append("")
                    at = len(pieces) - 1
                run.append(element)
                pieces[at] = self.wrapped(run)
                continue
            if element.kind not in ("filter", "dot"):
                run = []
            pieces.append(self.element(element))
        return "{ " + " ".join(piece for piece in pieces) + " }"

    def lifted(self, opening: int, closing: int) -> str:
        """A group that gives a set, under one DISTINCT: the optimizer plans the group as written (a subquery a
        run, in an OPTIONAL, was evaluated for every solution of the store: 0.002 -> 0.13 s), its blank nodes and
        paths' intermediate nodes as variables projected away. Its FILTERs stay outside the DISTINCT, in the group:
        an OPTIONAL's FILTER reads the solution that it extends."""
        if not self.reads_default(opening, closing):
            return self.inner(opening, closing, {})
        made = self.made
        elements = self.elements(opening, closing)
        inner = self.inner(opening, closing, {}, [e for e in elements if e.kind != "filter"])
        filters = "".join(" " + self.filter(e) for e in elements if e.kind == "filter")
        if self.made == made:
            return "{ { SELECT DISTINCT * WHERE " + inner + " }" + filters + " }"
        shown = " ".join(self.scope(opening, closing)) or self.fresh()  # a projection names one variable at least
        return "{ { SELECT " + shown + " WHERE { SELECT DISTINCT * WHERE " + inner + " } }" + filters + " }"

    def inner(self, opening: int, closing: int, labels: dict[str, str], elements: list[_Element] | None = None
              ) -> str:
        """A group that gives a set (or those of its ``elements`` given), as written but for its triple patterns'
        blank nodes and sequence paths (fresh variables; ``labels``: those of the blank nodes by label), and its
        subqueries' groups, rewritten."""
        if self.is_subquery(opening):
            return self.subquery(opening, closing)
        pieces = []
        for element in self.elements(opening, closing) if elements is None else elements:
            tokens = self.tokens[element.first:element.last + 1]
            if element.kind in ("optional", "group", "minus"):
                opened, _ = element.group
                pieces.append(self.span(element.first, opened - 1) + " " if opened > element.first else "")
                pieces[-1] += self.inner(*element.group, labels)
            elif element.kind == "triples" and existential(tokens):
                triples = triple_patterns(tokens, self.fresh, labels)
                pieces.append(" ".join(f"{s} {p} {o} ." for s, p, o in triples))
            elif element.kind == "dot":  # optional after an element, and a run here ends with its own
                continue
            elif element.kind == "triples":  # ended by a dot: a FILTER taken out may have stood between two
                written = self.span(element.first, element.last).rstrip(" \t\r\n.")
                pieces.append(written + " ." if written else "")
            elif element.kind == "filter":
                pieces.append(self.filter(element))
            else:
                pieces.append(self.span(element.first, element.last))
        return "{ " + " ".join(pieces) + " }"

    def scope(self, opening: int, closing: int) -> list[str]:
        """The variables in scope of a group (SPARQL 1.1 §18.2.1), each once, ``?`` first."""
        tokens, names = self.tokens, []
        if self.is_subquery(opening):
            where = self.tokens_before_group(opening + 2)
            head = tokens[opening + 2:where]
            if any(t.value == "*" for t in _outside_parentheses(head)):
                return self.scope(where, self.closing[where])
            names = [t.value for t in _outside_parentheses(head) if t.kind == "var"]
            names += [t.value for k, t in enumerate(head) if t.kind == "var" and head[k - 1].value.upper() == "AS"]
        for element in [] if self.is_subquery(opening) else self.elements(opening, closing):
            if element.kind == "triples":
                names += [t.value for t in tokens[element.first:element.last + 1] if t.kind == "var"]
            elif element.kind == "bind":
                names.append(tokens[element.last - 1].value)
            elif element.kind == "values":
                names += [t.value for t in tokens[element.first:element.group[0]] if t.kind == "var"]
            elif element.kind in ("optional", "group", "kept"):
                names += [t.value for t in tokens[element.first:element.group[0]] if t.kind == "var"]
                names += self.scope(*element.group)
        return list(dict.fromkeys("?" + name[1:] for name in names))

    def subquery(self, opening: int, closing: int) -> str:
        """A subquery's group: its own WHERE group rewritten (unless it is a SELECT DISTINCT that counts nothing),
        the rest as written."""
        where = self.tokens_before_group(opening + 2)
        inner = self.closing[where]
        head = self.tokens[opening + 1:where]
        if head[1].value.upper() == "DISTINCT" and not _counts(self.tokens[opening + 1:closing], 0):
            return self.span(opening, closing)
        return (self.code[self.tokens[opening].start:self.tokens[where].start] + self.group(where, inner)
                + self.code[self.tokens[inner].end:self.tokens[closing].end])

    def element(self, element: _Element) -> str:
        """A group's element that is not a triple pattern: its groups rewritten, unless it is kept as written."""
        if element.kind in ("optional", "minus", "group"):
            opened, closed = element.group
            keyword = self.span(element.first, opened - 1) + " " if opened > element.first else ""
            return keyword + self.group(opened, closed)
        if element.kind == "filter":
            return self.filter(element)
        return self.span(element.first, element.last)

    def filter(self, element: _Element) -> str:
        """A FILTER as written but for the subqueries of its EXISTS groups, rewritten as a query's: an aggregate
        there counted a fact that two sources state twice (``FILTER EXISTS { { SELECT ?x (COUNT(*) AS ?n) … } FILTER
        (?n >= 5) }``), while the rest of an EXISTS is true or false whatever the multiplicity."""
        pieces, at, i = [], self.tokens[element.first].start, element.first
        while i <= element.last:
            if self.tokens[i].value == "{" and self.is_subquery(i):
                pieces += [self.code[at:self.tokens[i].start], self.subquery(i, self.closing[i])]
                at, i = self.tokens[self.closing[i]].end, self.closing[i]
            i += 1
        return "".join(pieces) + self.code[at:self.tokens[element.last].end]

    def wrapped(self, run: list[_Element]) -> str:
        """A run of triple patterns as a group that gives each distinct solution once (see the module's docstring)."""
        tokens = [t for element in run for t in self.tokens[element.first:element.last + 1]]
        names = list(dict.fromkeys("?" + t.value[1:] for t in tokens if t.kind == "var"))
        if not existential(tokens):
            pieces = (self.span(e.first, e.last).rstrip(" \t\r\n.") for e in run)
            text = " . ".join(piece for piece in pieces if piece)
            return "{ SELECT DISTINCT * WHERE { " + text + " } }"
        triples = triple_patterns(tokens, self.fresh)
        body = " ".join(f"{s} {p} {o} ." for s, p, o in triples)
        shown = " ".join(names) or self.fresh()  # a projection names one variable at least
        return "{ SELECT " + shown + " WHERE { SELECT DISTINCT * WHERE { " + body + " } } }"


#: Functions that give another value at each call: a solution repeated by the bag is no longer a duplicate after.
_FRESH_EACH_CALL = frozenset({"RAND", "BNODE", "UUID", "STRUUID"})


def _outside_parentheses(tokens: list[Token]) -> list[Token]:
    depth, out = 0, []
    for token in tokens:
        if token.kind == "punct" and token.value in "()":
            depth += 1 if token.value == "(" else -1
        elif depth == 0:
            out.append(token)
    return out


def _counts(tokens: list[Token], form: int) -> bool:
    """Whether a query's ``tokens`` (its form's at ``form``) have an aggregate or a subquery."""
    words = [(i, t.value.upper()) for i, t in enumerate(tokens) if t.kind == "word"]
    return any(word == "SELECT" for i, word in words if i != form) or any(
        word in AGGREGATES and i + 1 < len(tokens) and tokens[i + 1].value == "(" for i, word in words)


def _closing_brackets(tokens: list[Token]) -> dict[int, int]:
    """Each ``(``, ``[`` and ``{`` token's index, to the index of the token that closes it."""
    closing, stack = {}, []
    for i, token in enumerate(tokens):
        if token.kind != "punct":
            continue
        if token.value in _OPENING:
            stack.append(i)
        elif token.value in ")]}" and stack:
            closing[stack.pop()] = i
    return closing
