"""The RDF and SPARQL parsers' errors told in French first: a sentence for the common cases (an undeclared prefix,
a string left open, a missing dot, a file or a query that stops half-way), with the parser's own English text kept
after it for whoever knows it (the RDF cases and their sentences: :mod:`graph.rdf_error_words`; a YAML register's
errors: :mod:`graph.yaml_errors`).

>>> invalid_rdf("Parser error at line 27 between columns 5 and 14: The prefix skos: has not been declared", 27)[0]
'RDF invalide : préfixe « skos: » non déclaré ; ajoutez @prefix skos: <http://www.w3.org/2004/02/skos/core#> . \
(Parser error at line 27 between columns 5 and 14: The prefix skos: has not been declared)'
"""

from __future__ import annotations

import re

from graph.namespaces import PREFIXES
from graph.rdf_error_words import FORMAT_CASES, RDF_CASES
from graph.sparql_text import FUNCTIONS, closest_word, unknown_word


def explain_rdf(message: str, fmt: str | None = None) -> tuple[str, str] | None:
    """The French and English sentence for an RDF parser's ``message`` about a document in the format named
    ``fmt`` (Turtle's wording when None), or None when it is not a common case.

    >>> explain_rdf("error while parsing IRI 'http://ex.org/a b': Invalid IRI code point ' '", "rdfxml")[0]
    "caractère interdit dans une IRI (valeur d'un attribut : rdf:about, rdf:resource, rdf:datatype, xml:base, xmlns…)"
    """
    said = _POSITION.sub("", message)  # the patterns read the engine's sentence, from its start
    for pattern, fr, en in (*FORMAT_CASES.get(fmt, ()), *RDF_CASES):
        if match := re.search(pattern, said, re.S):  # a quoted character may be a line end
            groups = [_shown(group or "") for group in match.groups()]
            prefix = groups[0] if groups else ""
            fr, en = fr.format(*groups), en.format(*groups)
            if pattern.startswith("The prefix") and prefix in PREFIXES:
                fr += f" ; ajoutez @prefix {prefix}: <{PREFIXES[prefix]}> ."
                en += f"; add @prefix {prefix}: <{PREFIXES[prefix]}> ."
            return fr, en
    return None


#: Where the engine's message says the error is: the patterns of :mod:`graph.rdf_error_words` read what follows.
_POSITION = re.compile(r"^Parser error at line \d+ (?:between )?columns? \d+(?: and (?:column )?\d+)?: ")
#: How many characters of a text that the engine quotes are shown in our sentence (it quotes whole lines of RDF/XML).
SHOWN = 60


def _shown(quoted: str) -> str:
    """``quoted``, a part of the engine's message, as our sentence shows it: line ends and tabs escaped (a quoted
    line end would break the report's line), cut after :data:`SHOWN` characters.

    >>> _shown("\\n  ex:p x")
    '\\\\n  ex:p x'
    """
    escaped = _one_line(quoted)
    return escaped if len(escaped) <= SHOWN else escaped[:SHOWN] + "…"


def _one_line(text: str) -> str:
    """``text`` with its line ends and tabs escaped, as a report's line shows it."""
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def invalid_rdf(message: str, line: int | None, fmt: str | None = None) -> tuple[str, str]:
    """The French and English messages of an RDF file (in the format named ``fmt``, Turtle's wording when None)
    that does not parse: ours first, then the engine's."""
    message = re.sub(r" \(line \d+\)$", "", message)
    said, message = explain_rdf(message, fmt), _one_line(message)
    if said is None:
        return f"RDF invalide : {message}", f"invalid RDF: {message}"
    return f"RDF invalide : {said[0]} ({message})", f"invalid RDF: {said[1]} ({message})"


#: The schema.org context as JSON-LD documents name it (http or https, with or without its final slash, or its file):
#: it maps every term to the vocabulary that a context in the file gives without fetching anything.
_SCHEMA_ORG = re.compile(r"https?://schema\.org(?:/|/docs/jsonldcontext\.jsonld?)?")
#: What a file writes in place of the schema.org context: its vocabulary, and its terms whose values are IRIs (as
#: schema.org's own context defines them) kept so, or a link such as sameAs would be stored as a plain text.
SCHEMA_ORG_VOCABULARY = ('{"@vocab": "http://schema.org/", "sameAs": {"@type": "@id"}, "url": {"@type": "@id"}, '
                         '"image": {"@type": "@id"}, "logo": {"@type": "@id"}, "mainEntityOfPage": {"@type": "@id"}}')


def rdf_error(message: str, line: int | None, data: bytes, fmt: str) -> tuple[str, str, int | None]:
    """The French and English messages of the RDF document ``data`` (format name ``fmt``) that does not parse, and
    its line: :func:`invalid_rdf` in the format's words, with what the engine leaves out — the URL of a remote
    JSON-LD context that Maillage does not fetch (for schema.org's, the context to write in its place; the engine's
    text, which says only that no context is fetched, left out), the line of an RDF/XML error (the engine gives
    none; on this error path only, a second reading by expat for XML that is not well-formed, else
    :func:`_rdf_xml_error_line`), the line of a JSON-LD error that the engine gives without one (an IRI of
    ``@base``, of a value's ``@type``: where the text it quotes is written).

    >>> print(rdf_error("No LoadDocumentCallback has been set to load remote contexts",
    ...                 None, b'{\\n "@context": "https://schema.org"}', "jsonld")[1])
    invalid RDF: remote JSON-LD context 'https://schema.org': Maillage does not fetch remote contexts; write in its \
place the vocabulary it names: "@context": {"@vocab": "http://schema.org/", "sameAs": {"@type": "@id"}, "url": \
{"@type": "@id"}, "image": {"@type": "@id"}, "logo": {"@type": "@id"}, "mainEntityOfPage": {"@type": "@id"}}
    >>> rdf_error("No LoadDocumentCallback has been set to load remote contexts",
    ...           None, b'{\\n "@context": "https://ex.org/context.jsonld"}', "jsonld")[0]
    'RDF invalide : contexte JSON-LD distant « https://ex.org/context.jsonld » : Maillage ne charge pas de contexte \
distant ; incluez-le dans le fichier (« @context » : { … })'
    >>> rdf_error("ill-formed document", None, b'<?xml version="1.0"?>\\n<a>\\n<b>\\n</a>', "rdfxml")[2]
    4
    >>> rdf_error("error while parsing language tag 'a b': The given language subtag is invalid", None,
    ...           b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\\n<rdf:Description>\\n'
    ...           b'<rdf:value xml:lang="a b">x</rdf:value>\\n</rdf:Description>\\n</rdf:RDF>', "rdfxml")[2]
    3
    """
    if "LoadDocumentCallback" in message and (urls := _remote_contexts(data)):
        found = data.find(urls[0].encode("utf-8"))
        line = data.count(b"\n", 0, found) + 1 if found >= 0 else line
        return (*_remote_context(urls), line)
    if line is None and fmt == "rdfxml":
        line = _open_cdata_line(message, data) or _xml_error_line(data) or _rdf_xml_error_line(message, data)
    elif fmt == "jsonld":
        from graph.ingest.rdf_json_errors import json_ld_error_line, lone_surrogate

        if ("Unexpected end of file" in message or "low surrogate" in message) and (lone := lone_surrogate(data)):
            return _half_character(message, *lone, data)
        line = line or json_ld_error_line(message, data)
    return (*invalid_rdf(message, line, fmt), line)


def _half_character(message: str, at: int, escape: str, data: bytes) -> tuple[str, str, int]:
    """The French and English messages of a JSON-LD document whose escape ``escape``, at the offset ``at`` of
    ``data``, writes half a character (a lone UTF-16 surrogate), and its line: the engine's ``message`` ("Unexpected
    end of file") says the file stops there, which it does not."""
    line = data.count(b"\n", 0, at) + 1
    return (f"RDF invalide : « {escape} » à la ligne {line} écrit la moitié d'un caractère (une moitié de paire "
            "UTF-16, « surrogate ») : JSON n'admet ces échappements que par paires, « \\ud83d\\ude00 » pour 😀 ; "
            f"écrivez le caractère lui-même, ou la paire entière ({message})",
            f"invalid RDF: '{escape}' at line {line} writes half a character (half of a UTF-16 pair, a surrogate): "
            "JSON allows these escapes only in pairs, '\\ud83d\\ude00' for 😀; write the character itself, or the "
            f"whole pair ({message})", line)


def _remote_context(urls: list[str]) -> tuple[str, str]:
    """The French and English messages of a JSON-LD document that names the remote contexts ``urls``: what to write
    in place of schema.org's, and to include the others in the file."""
    listed = ", ".join(f"« {url} »" for url in urls[:3])
    listed_en = ", ".join(f"'{url}'" for url in urls[:3])
    schema = [url for url in urls if _SCHEMA_ORG.fullmatch(url)]
    others = len(urls) - len(schema)
    fr, en = [], []
    if schema:
        # alone, the whole context; among others, the one in its place
        place, place_en, context = ("à sa place", "in its place", f'"@context": {SCHEMA_ORG_VOCABULARY}') \
            if not others else (f"à la place de « {schema[0]} »", f"in place of '{schema[0]}'", SCHEMA_ORG_VOCABULARY)
        fr.append(f"écrivez {place} le vocabulaire qu'il désigne : {context}")
        en.append(f"write {place_en} the vocabulary it names: {context}")
    if others:
        them, them_en = ("incluez les autres", "include the others") if schema else \
            ("incluez-les", "include them") if others > 1 else ("incluez-le", "include it")
        fr.append(f"{them} dans le fichier (« @context » : {{ … }})")
        en.append(f"{them_en} in the file (\"@context\": {{ … }})")
    return (f"RDF invalide : contexte JSON-LD distant {listed} : Maillage ne charge pas de contexte distant ; "
            f"{' ; '.join(fr)}",
            f"invalid RDF: remote JSON-LD context {listed_en}: Maillage does not fetch remote contexts; "
            f"{'; '.join(en)}")


def _remote_contexts(data: bytes) -> list[str]:
    """The remote contexts (URLs) that a JSON-LD document names, in their order, each once."""
    import json

    try:
        document = json.loads(data.decode("utf-8-sig"))
    except ValueError:
        return []
    urls: list[str] = []

    def walk(node, in_context: bool = False) -> None:
        if isinstance(node, str):
            if in_context and node not in urls:
                urls.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item, in_context)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import") or (in_context and isinstance(value, (dict, list))):
                    walk(value, key in ("@context", "@import"))
                elif not in_context:
                    walk(value)

    walk(document)
    return urls


def _open_cdata_line(message: str, data: bytes) -> int | None:
    """The line where the CDATA section opens that the engine's ``message`` says is never closed (expat gives the
    file's last line): the first "<![CDATA[" after the last "]]>"; None for another message.

    >>> _open_cdata_line("syntax error: CDATA not closed", b'<a><![CDATA[x]]>\\n<![CDATA[y\\n</a>')
    2
    """
    if "CDATA not closed" not in message:
        return None
    at = data.find(b"<![CDATA[", data.rfind(b"]]>") + 1)
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None


def _xml_error_line(data: bytes) -> int | None:
    """The line where expat finds ``data`` not well-formed, or None (it is, and the RDF/XML error is of RDF)."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        return exc.lineno
    return None


def _rdf_xml_error_line(message: str, data: bytes) -> int | None:
    """The line of ``data``, well-formed XML, where Oxigraph's RDF/XML parser stops with ``message`` (an RDF
    error: a language tag, an IRI), or None when its parts do not give that error again.

    The engine reads a document in order and stops at the first error: the document cut after the line of the
    error gives the same error, cut before it another one (its end comes first) or none. The first such line is
    sought by halves: ~17 readings of at most the document for 100k lines (16 MB: ~4 s), on this error path only.
    """
    import pyoxigraph as ox

    ends = [match.end() for match in re.finditer(rb"\n", data)] + [len(data)]

    def same_error(end: int) -> bool:
        try:
            for _ in ox.parse(data[:end], ox.RdfFormat.RDF_XML):
                pass
        except SyntaxError as exc:
            return exc.msg == message
        return False

    low, high = 0, len(ends) - 1  # the line sought is in ends[low:high + 1], 0-based
    if not same_error(ends[high]):
        return None
    while low < high:
        middle = (low + high) // 2
        if same_error(ends[middle]):
            high = middle
        else:
            low = middle + 1
    return low + 1


#: What the endpoint knows of functions: said after a function that it does not know, by its name or by its IRI
#: (:func:`graph.sparql.unsupported_function`).
KNOWN_FUNCTIONS = ("ce point d'accès connaît les fonctions de SPARQL 1.1 et les conversions xsd: (xsd:integer(?x)…)",
                   "this endpoint knows the functions of SPARQL 1.1 and the xsd: casts (xsd:integer(?x)…)")


def explain_sparql(detail: tuple[str, str], text: str, line: int | None, column: int | None) -> tuple[str, str]:
    """The French and English messages of a query that does not parse at ``line``:``column`` (1-based): where
    reading stopped — at the end (something left open), at the words shown, or at a word that SPARQL does not know,
    named with the keyword or function it may stand for — then ``detail``, in French and in English, in
    parentheses (what was expected there; nothing when empty). The engine's list of what it expected is left out
    after an unknown word: « expected OPTIONAL » after « FILTRE » misleads.

    >>> explain_sparql(("", ""), "SELECT ?s WHERE { ?s ?p ?o } ORDER ?s", 1, 30)[0]
    'la requête ne se lit plus à partir de « ORDER ?s »'
    >>> print(explain_sparql(("attendu : « , »", "expected: ','"), "SELECT * WHERE { ?s ?p ?o", 1, 26)[1])
    the query stops before it is complete (a missing term, '}', ')' or quote?) (expected: ',')
    >>> explain_sparql(("", ""), "SELECT * { ?s ?p ?o FILTRE(?s != 1) }", 1, 21)[0]
    "la requête ne se lit plus à partir de « FILTRE(?s != 1) } » : « FILTRE » n'est pas un mot de SPARQL ; \
vouliez-vous dire FILTER ?"
    """
    offset = _offset(text, line, column)
    if offset is None:
        return detail if detail[0] else ("requête SPARQL illisible", "unreadable SPARQL query")
    if (word := unknown_word(text, offset)) is not None:
        return _unknown_word(word.value, text[word.start:], text[word.end:].lstrip().startswith("("))
    fr, en = (f" ({detail[0]})", f" ({detail[1]})") if detail[0] else ("", "")
    if not text[offset:].strip():
        return ("la requête s'arrête avant d'être complète (un terme, une « } », une « ) » ou un guillemet "
                f"manque ?){fr}", f"the query stops before it is complete (a missing term, '}}', ')' or quote?){en}")
    shown = text[offset:].strip().splitlines()[0][:30]
    return f"la requête ne se lit plus à partir de « {shown} »{fr}", f"the query cannot be read from '{shown}' on{en}"


def _unknown_word(word: str, rest: str, call: bool) -> tuple[str, str]:
    """The French and English messages of a query that does not parse at ``word``, which SPARQL does not know:
    ``rest`` is the text from it on, ``call`` says it is followed by "(" (a function, unless it stands for a
    keyword: « FILTRE(…) »)."""
    shown = rest.strip().splitlines()[0][:30]
    where = f"la requête ne se lit plus à partir de « {shown} » : ", f"the query cannot be read from '{shown}' on: "
    meant = closest_word(word)
    if call and (meant is None or meant in FUNCTIONS):
        hint, hint_en = (f" (vouliez-vous dire {meant} ?)", f" (did you mean {meant}?)") if meant else ("", "")
        return (f"{where[0]}fonction inconnue « {word} »{hint} ; {KNOWN_FUNCTIONS[0]}",
                f"{where[1]}unknown function '{word}'{hint_en}; {KNOWN_FUNCTIONS[1]}")
    hint, hint_en = (f" ; vouliez-vous dire {meant} ?", f"; did you mean {meant}?") if meant else ("", "")
    return f"{where[0]}« {word} » n'est pas un mot de SPARQL{hint}", f"{where[1]}'{word}' is no word of SPARQL{hint_en}"


def _offset(text: str, line: int | None, column: int | None) -> int | None:
    """The offset in ``text`` of ``line``:``column`` (1-based), or None when the position is not in ``text``."""
    if not line or not column:
        return None
    lines = text.split("\n")
    if line > len(lines):
        return None
    return sum(len(one) + 1 for one in lines[:line - 1]) + min(column - 1, len(lines[line - 1]))
