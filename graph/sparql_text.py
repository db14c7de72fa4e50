"""SPARQL as text: a lexer, and where a query's parts are (its prologue, its form, its WHERE group, its dataset).

What :mod:`graph.sparql`'s guard reads a query with, before any engine parses it: a keyword cannot hide inside a
string or an IRI, and the places where the guard puts a dataset's ``FROM`` or a parse-only call are found on tokens,
never by a regular expression over the text. On the same tokens, the slips that a reader is told of: a word that
SPARQL does not know where the engine stopped, a ``mai:`` term that the vocabulary does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

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


def function_calls(tokens: list[Token]) -> dict[str, list[Token]]:
    """The IRIs that a text calls like functions — an IRI or a prefixed name that ``(`` follows, its prefix and
    base applied —, each with its tokens; a predicate before a collection (``?s ex:p (1 2)``) is one too.

    >>> list(function_calls(tokenize("PREFIX ex: <http://ex.org/> SELECT (ex:f (1) AS ?x) { ?s ex:p ?o }")))
    ['http://ex.org/f']
    """
    prefixes, base = prefixes_of(tokens)
    code = [t for t in tokens if t.kind != "comment"]
    calls: dict[str, list[Token]] = {}
    for token, after in zip(code, code[1:]):
        if token.kind in ("iri", "pname") and (after.kind, after.value) == ("punct", "("):
            prefix, _, local = token.value.partition(":")
            iri = resolve_iri(token.value[1:-1], base) if token.kind == "iri" else prefixes.get(prefix, "") + local
            calls.setdefault(iri, []).append(token)
    return calls


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


# --- words that SPARQL does not know ----------------------------------------------------------------------

#: The keywords of SPARQL 1.1 (and of Oxigraph's SPARQL 1.2 and extensions), upper case: a bare word of a query is
#: one of them, a function of :data:`FUNCTIONS`, ``a``, ``true`` or ``false`` — else it is a slip.
KEYWORDS = frozenset("""
    BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK ORDER BY ASC DESC LIMIT OFFSET DISTINCT REDUCED FROM NAMED WHERE GRAPH
    OPTIONAL SERVICE SILENT BIND UNION FILTER MINUS VALUES AS GROUP HAVING UNDEF NOT IN EXISTS SEPARATOR LATERAL
    INSERT DELETE DATA LOAD CLEAR CREATE DROP COPY MOVE ADD TO INTO WITH USING DEFAULT ALL A TRUE FALSE VERSION
""".split())
#: The functions of SPARQL 1.1, its aggregates, and Oxigraph's SPARQL 1.2 ones, upper case.
FUNCTIONS = frozenset("""
    STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE
    ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW
    UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL
    ISNUMERIC REGEX SUBSTR REPLACE COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT ADJUST TRIPLE SUBJECT PREDICATE OBJECT
    ISTRIPLE LANGDIR HASLANG HASLANGDIR STRLANGDIR
""".split())


def unknown_word(text: str, offset: int) -> Token | None:
    """The bare word that SPARQL does not know (a misspelt keyword or function) where the engine stopped reading
    ``text`` at ``offset``: the word there, the one just before (the engine stops after « FILTRE », at what follows),
    or the last one inside the parentheses open there (it stops inside « FILTRE(?x != 1) », after « regexp(…) »);
    at the end of the text (the engine read on, looking for what would end « foo(?x) »), the first of the text.
    None when no such word is there.

    >>> unknown_word("SELECT * { ?s ?p ?o FILTRE(?s != 1) }", 28).value
    'FILTRE'
    >>> unknown_word("SELEC ?s WHERE { ?s ?p ?o }", 9) is None
    True
    """
    tokens = tokenize(text)
    at = next((i for i, t in enumerate(tokens) if t.end > offset), len(tokens))
    near = [tokens[i] for i in (at, at - 1) if 0 <= i < len(tokens)] if at < len(tokens) else list(tokens)
    depth = 0
    for i in range(at - 1, -1, -1):  # back to the parenthesis open at the offset, if any
        value = tokens[i].value
        if value in "{}" or (value == "(" and depth == 0):
            near += tokens[max(i - 1, 0):at][::-1] if value == "(" else []
            break
        depth += {")": 1, "(": -1}.get(value, 0)
    return next((t for t in near if t.kind == "word" and t.value.upper() not in KEYWORDS | FUNCTIONS), None)


def closest_word(word: str) -> str | None:
    """The keyword or function that ``word`` is likely a misspelling of (« FILTRE »: FILTER, « regexp »: REGEX).

    >>> closest_word("FILTRE"), closest_word("regexp"), closest_word("xyzzy")
    ('FILTER', 'REGEX', None)
    """
    import difflib

    # 0.8: « ORDRE » (0.8 to ORDER), « FILTRE » (0.83) and « OPTIONNEL » (0.82) find theirs; « foo » (0.75 to FLOOR)
    # finds none
    found = difflib.get_close_matches(word.upper(), sorted(KEYWORDS | FUNCTIONS), n=1, cutoff=0.8)
    return found[0] if found else None


# --- the vocabulary's terms that a query names -------------------------------------------------------------


def vocabulary_slips(text: str) -> list[tuple[str, str | None]]:
    """The ``mai:`` terms that ``text`` names and that the vocabulary (the ontology and its schemes) does not have,
    each once, in order, with the term it likely stands for: the one whose label it is (mai:Acteur, « Acteur »:
    mai:Actor), else the closest in spelling, else None. A query that names one finds nothing, silently.

    >>> vocabulary_slips("PREFIX mai: <https://w3id.org/maillage/ontology#> SELECT * { ?x a mai:Acteur ; mai:siren ?s ;"
    ...                  " <https://w3id.org/maillage/ontology#beneficiare> ?b }")
    [('Acteur', 'Actor'), ('beneficiare', 'beneficiary')]
    """
    from graph.namespaces import MAI

    tokens = tokenize(text)
    prefixes, base = prefixes_of(tokens)
    terms = vocabulary_terms()
    slips: dict[str, str | None] = {}
    for token in tokens:
        if token.kind == "pname" and token.value.partition(":")[0] in prefixes:
            prefix, _, local = token.value.partition(":")
            iri = prefixes[prefix] + local.rstrip(".")  # a name does not end with ".": that one ends the triple
        elif token.kind == "iri":
            iri = resolve_iri(token.value[1:-1], base)
        else:
            continue
        local = iri[len(MAI):] if iri.startswith(MAI) else ""
        if local and local not in terms and local not in slips:
            slips[local] = meant_term(local)
    return list(slips.items())


def vocabulary_terms() -> frozenset[str]:
    """The local names of the vocabulary's ``mai:`` terms (the ontology's and its schemes')."""
    return _vocabulary()[0]


def meant_term(local: str) -> str | None:
    """The vocabulary's term that the ``mai:`` name ``local`` (not one of them) likely stands for: the one whose
    label it is, else the closest in spelling, else None; as a query's slips are told (:func:`vocabulary_slips`),
    so an RDF file's at ingest (:mod:`graph.ingest.rdf_check_contract`).

    >>> meant_term("Grnat"), meant_term("Acteur"), meant_term("zzz")
    ('Grant', 'Actor', None)
    """
    terms, labels = _vocabulary()
    return labels.get(_folded(local)) or _closest_term(local, terms)


def _folded(text: str) -> str:
    from graph.identity_names import fold

    return fold(text).replace(" ", "")


def _closest_term(local: str, terms: frozenset[str]) -> str | None:
    """The term of the vocabulary that ``local`` is likely a misspelling of: spelt alike, case aside."""
    import difflib

    by_case = {term.lower(): term for term in terms}
    found = difflib.get_close_matches(local.lower(), sorted(by_case), n=1, cutoff=0.75)
    return by_case[found[0]] if found else None


@cache
def _vocabulary() -> tuple[frozenset[str], dict[str, str]]:
    """The local names of the vocabulary's ``mai:`` terms, and each term by its labels (folded, without spaces)."""
    from rdflib.namespace import RDFS, SKOS

    from graph.namespaces import MAI
    from graph.ontology import load_ontology, load_schemes

    terms, labels = set(), {}
    for graph in (load_ontology(), load_schemes()):
        for subject in set(graph.subjects()):
            if str(subject).startswith(MAI) and (local := str(subject)[len(MAI):]):
                terms.add(local)
                for predicate in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
                    for label in graph.objects(subject, predicate):
                        labels.setdefault(_folded(str(label)), local)
    return frozenset(terms), labels


def vocabulary_note(text: str) -> tuple[str, str] | None:
    """What to say of a query that found nothing and names terms that the vocabulary does not have (French,
    English, a line each), or None when it names none.

    >>> print(vocabulary_note("PREFIX mai: <https://w3id.org/maillage/ontology#> SELECT * { ?x a mai:Acteur }")[0])
    mai:Acteur n'est pas un terme du vocabulaire ; vouliez-vous dire mai:Actor ?
    """
    slips = vocabulary_slips(text)
    if not slips:
        return None
    french = [f"mai:{term} n'est pas un terme du vocabulaire" + (f" ; vouliez-vous dire mai:{meant} ?" if meant else "")
              for term, meant in slips]
    english = [f"mai:{term} is not a term of the vocabulary" + (f"; did you mean mai:{meant}?" if meant else "")
               for term, meant in slips]
    return "\n".join(french), "\n".join(english)
