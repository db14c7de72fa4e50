"""The rules of SPARQL that its grammar does not say — what a grouped SELECT may name, a name given twice, ``SELECT *``
with GROUP BY, a VALUES row's length, variables in INSERT DATA — told in words, with the variables at fault.

Oxigraph's parser checks these rules while it reads, and says a broken one as one more item of its list of tokens
expected (« expected one of "$", "(", …, The SELECT contains a variable that is unbound, … »), at the end of the
query: read as a syntax error, that was « the query stops before it is complete (expected: « The », SELECT…) ». Apart
from :mod:`graph.sparql_place` (where a text stops being readable) because these texts are readable: the engine
refuses what they mean. The variables at fault are found on the outermost SELECT's tokens; where the text does not
show them (the rule is broken in a subquery), the rule is told without them. Three rules the engine breaks off at
without naming them (« expected UNDEF », « expected [_] », « expected <unreported> ») are found on the tokens: a
VALUES row of another length, a BIND to a variable that its group binds before it, one blank node in two groups.

>>> text = "SELECT ?p ?o WHERE { ?s ?p ?o } GROUP BY ?p"
>>> print(broken_rule("error at 1:44: expected one of IF, The SELECT contains a variable that is unbound, TZ", text)[1])
SELECT names ?o, which is neither in GROUP BY nor inside an aggregate: add it to GROUP BY or take an aggregate \
(SAMPLE(?o), COUNT(?o)…)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.sparql_text import Token, form_at, tokenize, where_group

#: SPARQL's aggregates: a variable inside one is not projected as such.
AGGREGATES = frozenset({"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"})
#: The words that end a GROUP BY clause.
_AFTER_GROUP = frozenset({"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"})

#: The engine's message when it breaks off at a rule without saying it: it expected UNDEF alone, a term alone, or
#: it does not say what.
_SAYS_NOTHING = re.compile(r"expected (UNDEF|\[_\]|<unreported>)\s*$")
#: (French, English, offset of the token at fault or None): what a broken rule says, and where.
Told = tuple[str, str, "int | None"]


@dataclass
class Projection:
    """What the outermost SELECT names: its plain variables and its ``(expression AS ?name)`` columns, and the
    names that its GROUP BY groups by."""

    plain: list[Token] = field(default_factory=list)
    #: (the expression's tokens, the name given, the variables it uses outside any aggregate)
    expressions: list[tuple[list[Token], Token, list[Token]]] = field(default_factory=list)
    grouped: set[str] = field(default_factory=set)
    #: whether the SELECT groups its solutions: a GROUP BY, or an aggregate among its columns
    grouping: bool = False
    where: list[Token] = field(default_factory=list)  # the WHERE group's tokens

    def names(self) -> list[Token]:
        """The names the SELECT gives, in its order."""
        return sorted(self.plain + [name for _, name, _ in self.expressions], key=lambda token: token.start)


def broken_rule(message: str, text: str) -> Told | None:
    """What the engine's ``message`` about ``text`` says of a rule that the text breaks, in French and English, and
    the offset of the token at fault when it is found; None when the message is a plain syntax error."""
    for rule, tell in _RULES:
        if rule in message:
            return tell(_projection(text))
    if _SAYS_NOTHING.search(message):  # a rule the engine breaks off at without saying it
        tokens = [token for token in tokenize(text) if token.kind != "comment"]
        return _short_values_row(tokens) or _bound_again(tokens) or _blank_node_in_two_groups(tokens)
    return None


def _ungrouped(projection: Projection | None) -> Told:
    names = [t for t in projection.plain if t.value not in projection.grouped] if projection is not None \
        and projection.grouping else []
    if not names:
        return ("SELECT nomme une variable qui n'est ni dans GROUP BY ni dans un agrégat : ajoutez-la au GROUP BY ou "
                "prenez-en un agrégat (SAMPLE(?x), COUNT(?x)…)",
                "SELECT names a variable that is neither in GROUP BY nor inside an aggregate: add it to GROUP BY or "
                "take an aggregate of it (SAMPLE(?x), COUNT(?x)…)", None)
    first = names[0].value
    listed = _listed([t.value for t in names])
    one = len(names) == 1
    which, which_en = ("qui n'est", "which is") if one else ("qui ne sont", "which are")
    them, them_en = ("la", "it") if one else ("les", "them")
    return (f"SELECT nomme {listed[0]}, {which} ni dans GROUP BY ni dans un agrégat : ajoutez-{them} au GROUP BY ou "
            f"prenez-en un agrégat (SAMPLE({first}), COUNT({first})…)",
            f"SELECT names {listed[1]}, {which_en} neither in GROUP BY nor inside an aggregate: add {them_en} to "
            f"GROUP BY or take an aggregate (SAMPLE({first}), COUNT({first})…)", names[0].start)


def _expression_ungrouped(projection: Projection | None) -> Told:
    found = None
    if projection is not None and projection.grouping:
        found = next(((tokens, name, used) for tokens, name, used in projection.expressions
                      if any(t.value not in projection.grouped for t in used)), None)
    if found is None:
        return ("une expression de SELECT emploie une variable qui n'est ni dans GROUP BY ni dans un agrégat : "
                "nommez l'expression dans GROUP BY, GROUP BY (expression AS ?nom), et sélectionnez ?nom, ou prenez un "
                "agrégat de la variable (SAMPLE(?x))",
                "an expression of SELECT uses a variable that is neither in GROUP BY nor inside an aggregate: name the "
                "expression in GROUP BY, GROUP BY (expression AS ?name), and select ?name, or take an aggregate of the "
                "variable (SAMPLE(?x))", None)
    tokens, name, used = found
    variable = next(t.value for t in used if t.value not in projection.grouped)
    expression = _text(tokens)
    return (f"l'expression {expression} de SELECT emploie {variable}, qui n'est ni dans GROUP BY ni dans un agrégat "
            f"(une expression de GROUP BY ne groupe pas ses variables) : groupez par l'expression nommée, GROUP BY "
            f"({expression} AS {name.value}), et sélectionnez {name.value} ; ou prenez un agrégat, "
            f"SAMPLE({variable})",
            f"the expression {expression} of SELECT uses {variable}, which is neither in GROUP BY nor inside an "
            f"aggregate (an expression of GROUP BY does not group its variables): group by the named expression, "
            f"GROUP BY ({expression} AS {name.value}), and select {name.value}; or take an aggregate, "
            f"SAMPLE({variable})", tokens[0].start)


def _named_twice(projection: Projection | None) -> Told:
    seen: set[str] = set()
    for token in projection.names() if projection is not None else []:
        if token.value in seen:
            return (f"SELECT nomme deux fois {token.value}", f"SELECT names {token.value} twice", token.start)
        seen.add(token.value)
    return "SELECT nomme deux fois la même variable", "SELECT names the same variable twice", None


def _name_taken(projection: Projection | None) -> Told:
    if projection is not None:
        bound = {t.value for t in projection.where if t.kind == "var"} | {t.value for t in projection.plain}
        for _, name, _ in projection.expressions:
            if name.value in bound:
                return (f"SELECT donne le nom {name.value} à une expression, mais la requête lie déjà {name.value} : "
                        f"donnez-lui un autre nom",
                        f"SELECT gives the name {name.value} to an expression, but the query already binds "
                        f"{name.value}: give it another name", name.start)
            bound.add(name.value)
    return ("SELECT donne à une expression (… AS ?nom) le nom d'une variable que la requête lie déjà : donnez-lui un "
            "autre nom", "SELECT gives an expression (… AS ?name) the name of a variable that the query already "
            "binds: give it another name", None)


def _star_grouped(_: Projection | None) -> Told:
    return ("SELECT * ne s'emploie pas avec GROUP BY : nommez les variables groupées et les agrégats voulus "
            "(SELECT ?p (COUNT(*) AS ?n) … GROUP BY ?p)",
            "SELECT * cannot be used with GROUP BY: name the grouped variables and the aggregates wanted "
            "(SELECT ?p (COUNT(*) AS ?n) … GROUP BY ?p)", None)


def _values_row(_: Projection | None) -> Told:
    return ("une ligne de VALUES n'a pas autant de valeurs que de variables (UNDEF tient la place d'une valeur "
            "absente)", "a row of VALUES does not have as many values as there are variables (UNDEF stands for a "
            "missing value)", None)


def _data_variables(_: Projection | None) -> Told:
    return ("INSERT DATA n'admet que des termes, pas de variables : pour insérer d'après un motif, écrivez "
            "INSERT { … } WHERE { … }", "INSERT DATA takes terms only, no variables: to insert from a pattern, "
            "write INSERT { … } WHERE { … }", None)


def _deleted_blank_nodes(_: Projection | None) -> Told:
    return ("un DELETE n'admet pas de nœud anonyme (_:x, [ ]) : un nœud anonyme ne désigne aucun nœud stocké ; "
            "employez une variable", "a DELETE takes no blank node (_:x, [ ]): a blank node names no stored node; "
            "use a variable", None)


def _blank_node_reused(_: Projection | None) -> Told:
    return ("un même nœud anonyme (_:x) est employé dans deux groupes de la requête : employez une variable",
            "one blank node (_:x) is used in two groups of the query: use a variable", None)


def _blank_node_in_two_groups(tokens: list[Token]) -> Told | None:
    """A blank node's label written in two groups (the engine says « expected <unreported> »), told at its second
    group's use.

    >>> _blank_node_in_two_groups(tokenize("SELECT * { _:a ?p ?o OPTIONAL { _:a ?q ?r } }"))[1]
    'the blank node _:a is used in two groups of the query: a blank node is the same node within one group only; \
use a variable (?a)'
    """
    groups: dict[str, int] = {}
    for i, token in enumerate(tokens):
        if token.kind != "bnode":
            continue
        group = next((k for k in range(i - 1, -1, -1) if tokens[k].value == "{" and tokens[k].depth
                      == token.depth - 1), -1)
        if groups.setdefault(token.value, group) != group:
            variable = "?" + token.value[2:]
            return (f"le nœud anonyme {token.value} est employé dans deux groupes de la requête : un nœud anonyme "
                    f"n'est le même nœud que dans un groupe ; employez une variable ({variable})",
                    f"the blank node {token.value} is used in two groups of the query: a blank node is the same "
                    f"node within one group only; use a variable ({variable})", token.start)
    return None


#: The engine's words for each rule (as its parser writes them in the list of tokens expected), and how it is told.
_RULES = (
    ("The SELECT contains an expression with a variable that is unbound", _expression_ungrouped),
    ("The SELECT contains a variable that is unbound", _ungrouped),
    ("Duplicated variable name in SELECT", _named_twice),
    ("The SELECT overrides an existing variable using an expression", _name_taken),
    ("SELECT * is not authorized with GROUP BY", _star_grouped),
    ("The VALUES clause rows should have exactly the same number of values", _values_row),
    ("Variables are not allowed in INSERT DATA", _data_variables),
    ("Blank nodes are not allowed in DELETE", _deleted_blank_nodes),
    ("Already used blank node id", _blank_node_reused),
)


def _short_values_row(tokens: list[Token]) -> Told | None:
    """The first VALUES row whose length is not its variables' count (the engine says « expected UNDEF »).

    >>> _short_values_row(tokenize('SELECT * { VALUES (?a ?b) { (1 "x"@fr) ("y"^^xsd:string) } }'))[1]
    'this row of VALUES has 1 value for 2 variables (?a, ?b): give each variable its value, UNDEF for none'
    """
    for i, token in enumerate(tokens):
        if token.kind != "word" or token.value.upper() != "VALUES" or i + 1 >= len(tokens):
            continue
        if tokens[i + 1].kind == "var":  # VALUES ?x { … }: one value a row, never short
            continue
        end = _after_parentheses(tokens, i + 1)
        variables = [t.value for t in tokens[i + 2:end - 1] if t.kind == "var"]
        j = end + 1  # past the block's "{"
        while j < len(tokens) and tokens[j].value == "(":
            close = _after_parentheses(tokens, j)
            values = _values(tokens[j + 1:close - 1])
            if values != len(variables):
                listed = ", ".join(variables)
                plural = "s" if values > 1 else ""
                return (f"cette ligne de VALUES a {values} valeur{plural} pour {len(variables)} variables ({listed}) : "
                        "donnez à chaque variable sa valeur, UNDEF pour aucune",
                        f"this row of VALUES has {values} value{plural} for {len(variables)} variables ({listed}): "
                        "give each variable its value, UNDEF for none", tokens[j].start)
            j = close
    return None


def _values(row: list[Token]) -> int:
    """How many terms a VALUES row's tokens write: a datatype after ``^^`` and a language tag belong to their
    literal, a sign to its number."""
    count = 0
    for k, token in enumerate(row):
        after_datatype = k >= 2 and row[k - 1].value == "^" and row[k - 2].value == "^"
        if token.kind in ("string", "iri", "pname", "number", "word", "bnode") and not after_datatype:
            count += 1
    return count


def _bound_again(tokens: list[Token]) -> Told | None:
    """The first ``BIND(… AS ?x)`` whose ``?x`` its group already binds before it (the engine says « expected [_] »):
    a variable of a triple pattern, of an earlier BIND or of a VALUES block, in that group or a group inside it.

    >>> _bound_again(tokenize("SELECT * { ?s ?p ?o FILTER(?n > 1) BIND(1 AS ?n) BIND(2 AS ?o) }"))[1]
    'BIND(… AS ?o) gives ?o a value, but its group binds ?o before it: give it another name'
    """
    for i, token in enumerate(tokens):
        if token.kind != "word" or token.value.upper() != "BIND" or i + 1 >= len(tokens):
            continue
        end = _after_parentheses(tokens, i + 1)
        name = tokens[end - 2] if end - 2 > i and tokens[end - 3].value.upper() == "AS" else None
        if name is None or name.kind != "var":
            continue
        opening = next((k for k in range(i - 1, -1, -1) if tokens[k].value == "{" and tokens[k].depth
                        == token.depth - 1), 0)
        if name.value in _bound_in(tokens[opening + 1:i]):
            return (f"BIND(… AS {name.value}) donne une valeur à {name.value}, mais son groupe lie déjà {name.value} "
                    "avant lui : donnez-lui un autre nom",
                    f"BIND(… AS {name.value}) gives {name.value} a value, but its group binds {name.value} before "
                    "it: give it another name", name.start)
    return None


def _bound_in(tokens: list[Token]) -> set[str]:
    """The variables that ``tokens`` (a group's, up to a point) bind: outside parentheses (triple patterns), or named
    by ``AS`` or listed by VALUES inside them; not those that a FILTER's expression only reads."""
    bound, depth, in_values = set(), 0, False  # in_values: from a VALUES to the "}" that ends its data block
    for k, token in enumerate(tokens):
        depth += {"(": 1, ")": -1}.get(token.value, 0) if token.kind == "punct" else 0
        if token.kind == "word" and token.value.upper() == "VALUES":
            in_values = True
        elif in_values and token.value == "}":
            in_values = False
        after_as = k > 0 and tokens[k - 1].value.upper() == "AS"
        if token.kind == "var" and (depth == 0 or after_as or in_values):
            bound.add(token.value)
    return bound


def _projection(text: str) -> Projection | None:
    """What the outermost SELECT of ``text`` names and groups by; None when it is no SELECT with a WHERE group.

    >>> p = _projection("SELECT ?p (DATATYPE(?o) AS ?t) (COUNT(?s) AS ?n) { ?s ?p ?o } GROUP BY ?p (STR(?o) AS ?x)")
    >>> [t.value for t in p.plain], [(n.value, [v.value for v in u]) for _, n, u in p.expressions], sorted(p.grouped)
    (['?p'], [('?t', ['?o']), ('?n', [])], ['?p', '?x'])
    """
    tokens = [token for token in tokenize(text) if token.kind != "comment"]
    form = form_at(tokens)
    if form is None or tokens[form].value.upper() != "SELECT" or (where := where_group(tokens, form)) is None:
        return None
    opening, closing = where
    projection = Projection(where=tokens[opening:closing])
    head = [t for t in tokens[form + 1:opening] if t.value.upper() not in ("DISTINCT", "REDUCED", "WHERE")]
    for group, name in _columns(head, projection.plain):
        used = _outside_aggregates(group)
        projection.expressions.append((group, name, used))
        projection.grouping |= _aggregates(group)
    if closing != -1:
        grouped = _grouped(tokens[closing + 1:])
        projection.grouped, projection.grouping = grouped or set(), projection.grouping or grouped is not None
    return projection


def _columns(head: list[Token], plain: list[Token]) -> list[tuple[list[Token], Token]]:
    """The ``(expression AS ?name)`` columns of a SELECT's ``head``, each as its expression's tokens and its name;
    its variables outside parentheses go to ``plain``. A dataset clause (FROM) ends the head."""
    columns, depth, group = [], 0, []
    for token in head:
        if depth == 0 and token.value.upper() == "FROM":
            break
        if token.value == "(":
            depth += 1
            if depth == 1:
                group = []
                continue
        elif token.value == ")":
            depth -= 1
            if depth == 0:
                if len(group) >= 3 and group[-2].value.upper() == "AS" and group[-1].kind == "var":
                    columns.append((group[:-2], group[-1]))
                continue
        if depth == 0 and token.kind == "var":
            plain.append(token)
        elif depth >= 1:
            group.append(token)
    return columns


def _outside_aggregates(tokens: list[Token]) -> list[Token]:
    """The variables of an expression's ``tokens`` that no aggregate's parentheses hold."""
    used, i = [], 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "word" and token.value.upper() in AGGREGATES and i + 1 < len(tokens) \
                and tokens[i + 1].value == "(":
            i = _after_parentheses(tokens, i + 1)
            continue
        if token.kind == "var":
            used.append(token)
        i += 1
    return used


def _after_parentheses(tokens: list[Token], opening: int) -> int:
    """The index after the ``)`` that closes the ``(`` at ``opening``."""
    depth = 0
    for i in range(opening, len(tokens)):
        depth += {"(": 1, ")": -1}.get(tokens[i].value, 0)
        if depth == 0:
            return i + 1
    return len(tokens)


def _aggregates(tokens: list[Token]) -> bool:
    """Whether an expression's ``tokens`` call an aggregate."""
    return any(token.kind == "word" and token.value.upper() in AGGREGATES and after.value == "("
               for token, after in zip(tokens, tokens[1:]))


def _grouped(tail: list[Token]) -> set[str] | None:
    """The names that a GROUP BY among the ``tail`` tokens (those after the WHERE group) groups by: its variables
    outside parentheses and the names its ``(expression AS ?name)`` give; None without a GROUP BY (a HAVING alone
    groups all solutions in one: an empty set)."""
    words = [t.value.upper() for t in tail]
    start = next((i + 2 for i in range(len(tail) - 1) if words[i] == "GROUP" and words[i + 1] == "BY"), None)
    if start is None:
        return set() if "HAVING" in words else None
    grouped, depth = set(), 0
    for i in range(start, len(tail)):
        token = tail[i]
        if depth == 0 and token.kind == "word" and words[i] in _AFTER_GROUP:
            break
        depth += {"(": 1, ")": -1}.get(token.value, 0)
        if token.kind == "var" and (depth == 0 or (i > 0 and words[i - 1] == "AS")):
            grouped.add(token.value)
    return grouped


def _text(tokens: list[Token]) -> str:
    """An expression's tokens written back, spaced as SPARQL reads them (none around parentheses and commas)."""
    out = ""
    for token in tokens:
        glue = not out or out[-1] in "(" or token.value in "),(" and token.kind == "punct"
        out += token.value if glue else " " + token.value
    return out


def _listed(names: list[str]) -> tuple[str, str]:
    """``names`` listed in French and in English."""
    if len(names) == 1:
        return names[0], names[0]
    return f"{', '.join(names[:-1])} et {names[-1]}", f"{', '.join(names[:-1])} and {names[-1]}"
