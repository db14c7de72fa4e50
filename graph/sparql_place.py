"""Where a SPARQL text stops being readable, and what the engine expected there, told in words.

Oxigraph's parser tells the furthest place that one of its rules reached, which is often past the token that breaks
the text: « error at 6:1 » for a stray ``?b`` on line 4 of a five-line file (the line after its final line end), or
inside the parentheses after a misspelt FILTER. rdflib's parser stops at the start of the construct that it cannot
read, often further back (the start of the triple or of the clause): the stray ``?b``, but « ORDER » for
« ORDER ?s ». So the place told is the engine's when it is inside the text, else rdflib's; and the engine's list of
what it expected there, whose character classes are written in Rust (``['0' ..= '9' | '\\u{00B7}' …]``), is
told in words.

>>> text = "SELECT ?s WHERE {\\n  ?s <urn:p> ?a ?b .\\n}\\n"
>>> offset, _ = error_place(text, "error at 4:1: expected one of LATERAL, SERVICE, [_]", 4, 1)
>>> text[offset:offset + 2], place_of(text, offset)
('?b', (2, 17))
"""

from __future__ import annotations

import re

from graph.sparql_text import unknown_word

#: The longest text that rdflib's parser reads to place an error, in the web process and outside any time limit:
#: it read a 1.8 kB query of 80 triple patterns in 0.08 s, and gave up on one of 100 patterns (2.3 kB, its grammar
#: recursing once a pattern) or of 400 (10 kB) in 0.1 s. Past this, or past its recursion, the engine's place is told.
MAX_PLACED = 20_000

_ENGINE_PLACE = re.compile(r"error at \d+:\d+:?")
_ESCAPE = re.compile(r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}")
_EXPECTED = re.compile(r"expected (?:one of )?(.*)$", re.S)
#: An item of the engine's list: a quoted token, a Rust character class, or a keyword.
_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|\[(?:\'(?:[^\'\\]|\\.)*\'|[^\]\'])*\]|[A-Za-z_]+')
#: How many of the engine's expected keywords and tokens are quoted.
_SHOWN = 8


def error_place(text: str, message: str, line: int | None, column: int | None,
                update: bool = False) -> tuple[int | None, tuple[str, str]]:
    """The offset in ``text`` of the error that the engine's ``message`` places at ``line``:``column``, and what to
    say of it in parentheses, in French and in English: the engine's place when it is inside the text (with what it
    expected there, in words), else rdflib's (:func:`first_unreadable`; the engine's expectations are those of its
    own place), else the end of the text; moved back to the start of a word that SPARQL does not know, which the
    engine reads past (« FILTRE(?x != 1) »: it stopped inside the parentheses)."""
    words = expected_in_words(message)
    engines = _ENGINE_PLACE.sub("", message).strip() if words is None else ""
    detail = words or (engines, engines)
    end = len(text.rstrip())
    offset = _offset(text, line, column) if line and column else None
    if offset is None or offset >= end:
        if (read := first_unreadable(text, update)) is not None:
            offset, detail = min(read, end), ("", "")
        elif offset is not None:
            offset = end
    if offset is not None and (word := unknown_word(text, offset)) is not None:
        offset = word.start
    return offset, detail


def first_unreadable(text: str, update: bool = False) -> int | None:
    """The offset in ``text`` where rdflib's SPARQL parser stops reading a query (an update when ``update``), or None
    when it reads it all (an error that only the engine sees: a variable bound twice…), or cannot tell (a text
    longer than :data:`MAX_PLACED`, or too deeply nested for its recursion)."""
    if len(text) > MAX_PLACED:
        return None
    # rdflib's SPARQL grammar (and pyparsing) take ~0.12 s to import: only a query in error needs them
    import pyparsing
    from rdflib.plugins.sparql.parser import Query, UpdateUnit

    grammar = UpdateUnit if update else Query
    # a tab is a space to SPARQL, but pyparsing expands it to 8 columns, and its places with it; an escape is read
    # as a letter of its own length, rather than expanded (rdflib's own parseQuery expands it, moving the places)
    read = _ESCAPE.sub(lambda escape: "a" * len(escape.group()), text.replace("\t", " "))
    try:
        grammar.parse_string(read, parse_all=True)
    except pyparsing.ParseBaseException as exc:
        return min(exc.loc, len(text))
    except RecursionError:
        return None
    return None


def place_of(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _offset(text: str, line: int, column: int) -> int:
    """The offset in ``text`` of ``line``:``column`` (1-based), kept inside it (the engine places the end of a text
    that ends with a line end on the line after it)."""
    lines = text.split("\n")
    line = min(max(line, 1), len(lines))
    return sum(len(one) + 1 for one in lines[:line - 1]) + min(max(column, 1) - 1, len(lines[line - 1]))


def expected_in_words(message: str) -> tuple[str, str] | None:
    """What the engine's ``message`` says it expected, in French and in English: its keywords and tokens quoted (the
    first few), its character classes as « un terme »; None when the message lists nothing.

    >>> expected_in_words('error at 1:27: expected one of ",", "}", FILTER, [\\'0\\' ..= \\'9\\' | \\'a\\']')[0]
    'attendu : « , », « } », FILTER ou un terme (variable, IRI, nom préfixé, nombre, littéral…)'
    """
    match = _EXPECTED.search(message)
    if match is None:
        return None
    items = _ITEM.findall(match.group(1))
    words = [item[1:-1].replace('\\"', '"').replace("\\\\", "\\") if item.startswith('"') else item
             for item in items if not item.startswith("[")]
    shown = [w if w.isalpha() and w.isupper() else f"« {w} »" for w in words[:_SHOWN]]
    shown_en = [w if w.isalpha() and w.isupper() else f"'{w}'" for w in words[:_SHOWN]]
    more = ("…", "…") if len(words) > _SHOWN else ("", "")
    if any(item.startswith("[") for item in items):
        shown.append("un terme (variable, IRI, nom préfixé, nombre, littéral…)")
        shown_en.append("a term (variable, IRI, prefixed name, number, literal…)")
    if not shown:
        return None
    return f"attendu : {_listed(shown, 'ou')}{more[0]}", f"expected: {_listed(shown_en, 'or')}{more[1]}"


def _listed(items: list[str], last: str) -> str:
    """``items`` joined by commas, the last after ``last`` (« ou », "or")."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"
