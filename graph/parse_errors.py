"""The RDF and SPARQL parsers' errors told in French first: a sentence for the common cases (an undeclared prefix,
a string left open, a missing dot, a file or a query that stops half-way), with the parser's own English text kept
after it for whoever knows it (a YAML register's errors: :mod:`graph.yaml_errors`).

>>> invalid_rdf("Parser error at line 27 between columns 5 and 14: The prefix skos: has not been declared", 27)[0]
'RDF invalide : préfixe « skos: » non déclaré ; ajoutez @prefix skos: <http://www.w3.org/2004/02/skos/core#> . \
(Parser error at line 27 between columns 5 and 14: The prefix skos: has not been declared)'
"""

from __future__ import annotations

import re

from graph.namespaces import PREFIXES
from graph.sparql_text import FUNCTIONS, closest_word, unknown_word

#: (pattern of the engine's RDF message, French, English); ``{0}`` is the pattern's first group (braces doubled).
_RDF_CASES = (
    (r"The prefix (\S*): has not been declared", "préfixe « {0}: » non déclaré", "undeclared prefix '{0}:'"),
    (r"Line jumps are not allowed in string literals",
     "chaîne non fermée : un guillemet manque avant la fin de la ligne",
     "unclosed string: a quote is missing before the end of the line"),
    (r"Unexpected end( of file)?",
     "le fichier s'arrête au milieu d'une instruction (un « . », un « ] » ou un guillemet manque ?)",
     "the file stops in the middle of a statement (a missing '.', ']' or quote?)"),
    (r"A dot is expected at the end of statements", "un « . » manque à la fin de l'instruction précédente",
     "a '.' is missing at the end of the previous statement"),
    (r"blank node property lists should end with a '\]'",
     "un « ] » manque pour fermer un nœud anonyme « [ … ] »",
     "a ']' is missing to close a blank node '[ … ]'"),
    (r"Invalid IRI code point", "caractère interdit dans une IRI (entre « < » et « > »)",
     "character not allowed in an IRI (between '<' and '>')"),
    (r"is not a valid predicate|The predicate of a triple must be an IRI",
     "le prédicat d'un triplet doit être une IRI",
     "a triple's predicate must be an IRI"),
    (r"Unexpected escape character", "caractère d'échappement inconnu (« \\ » suivi d'une lettre non prévue)",
     "unknown escape character ('\\' followed by an unexpected letter)"),
    (r"Invalid UTF-8", "le fichier n'est pas en UTF-8, l'encodage que RDF exige (enregistré en Windows-1252 ou "
     "Latin-1 ?) : enregistrez-le en UTF-8", "the file is not in UTF-8, the encoding RDF requires (saved as "
     "Windows-1252 or Latin-1?): save it as UTF-8"),
    # RDF/XML
    (r"Cannot find ';' after '&'", "« & » seul dans un texte XML : écrivez-le « &amp; »",
     "a lone '&' in XML text: write it '&amp;'"),
    (r"ill-formed document: expected `(</[^`]*>)`", "balise fermante inattendue : « {0} » est attendue ici (un élément "
     "resté ouvert, ou un nom mal écrit ?)", "unexpected end tag: '{0}' is expected here (an element left open, or a "
     "misspelt name?)"),
    # JSON-LD
    (r"Trailing commas are not allowed", "virgule en trop avant un « }} » ou un « ] »",
     "a comma too many before a '}}' or a ']'"),
    (r"Object values must be followed by a comma", "une virgule manque entre deux valeurs, ou un « }} » pour fermer "
     "l'objet", "a comma is missing between two values, or a '}}' to close the object"),
    (r"Unexpected char: '''", "guillemet simple : JSON écrit les textes et les clés entre guillemets doubles",
     "single quote: JSON writes texts and keys between double quotes"),
)


#: The cases whose sentence differs in a format (its name: :mod:`graph.formats`) from Turtle's, which
#: :data:`_RDF_CASES` words (N-Triples, N-Quads and TriG write IRIs and statements as it does).
_FORMAT_CASES = {
    "rdfxml": (
        (r"Invalid IRI code point", "caractère interdit dans une IRI (valeur d'un attribut : rdf:about, rdf:resource, "
         "rdf:datatype, xml:base, xmlns…)", "character not allowed in an IRI (an attribute value: rdf:about, "
         "rdf:resource, rdf:datatype, xml:base, xmlns…)"),
        (r"cannot decode input using UTF-8", "le fichier n'est pas en UTF-8, l'encodage que dit sa déclaration XML "
         "(ou son absence) : enregistrez-le en UTF-8, ou déclarez le sien (<?xml version=\"1.0\" "
         "encoding=\"ISO-8859-1\"?>)", "the file is not in UTF-8, the encoding its XML declaration (or its absence) "
         "says: save it as UTF-8, or declare its own (<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>)"),
        (r"Unknown prefix (\S*):", "préfixe « {0}: » non déclaré : aucun attribut xmlns:{0}=\"…\" ne le déclare",
         "undeclared prefix '{0}:': no xmlns:{0}=\"…\" attribute declares it"),
    ),
    "jsonld": (
        (r"Invalid IRI code point", "caractère interdit dans une IRI (une adresse entre guillemets : @id, @type, "
         "@base, @vocab…)", "character not allowed in an IRI (an address between quotes: @id, @type, @base, "
         "@vocab…)"),
        (r"@type value '(.*)' must be an IRI", "le « @type » d'une valeur (un objet avec « @value ») est l'IRI de "
         "son type de données, pas « {0} »", "the '@type' of a value (an object with '@value') is the IRI of its "
         "datatype, not '{0}'"),
        (r"Cyclic IRI mapping", "définitions circulaires dans le « @context » : un terme s'y définit par lui-même, "
         "directement (« \"p\": \"p:x\" ») ou par d'autres termes (« \"a\": \"b:x\", \"b\": \"a:y\" ») ; écrivez "
         "l'IRI complète d'au moins l'un d'eux", "circular definitions in the '@context': a term is defined by "
         "itself, directly ('\"p\": \"p:x\"') or through other terms ('\"a\": \"b:x\", \"b\": \"a:y\"'); write the "
         "full IRI of at least one of them"),
        (r"^(@\w+) (?:is defined twice|cannot be set multiple times)", "« {0} » deux fois dans un même objet : JSON "
         "n'y admet qu'une valeur par clé ; gardez-en une (plusieurs valeurs s'écrivent en tableau [ … ])",
         "'{0}' twice in one object: JSON allows one value per key there; keep one (several values are written "
         "as an array [ … ])"),
        (r"^(@\w+) keyword can't be redefined", "« {0} » redéfini dans le « @context » : un mot-clé de JSON-LD ne "
         "se redéfinit pas ; retirez-le du contexte", "'{0}' redefined in the '@context': a JSON-LD keyword cannot "
         "be redefined; remove it from the context"),
        (r"^(@\w+) (?:values? must be|must be an? )", "la valeur de « {0} » n'est pas du type que JSON-LD exige "
         "pour ce mot-clé (dit ci-après)", "the value of '{0}' is not of the type that JSON-LD requires for this "
         "keyword (said below)"),
        (r"^Term definition value must be", "la définition d'un terme du « @context » doit être un texte (une IRI), "
         "un objet {{ \"@id\": … }} ou null", "a term's definition in the '@context' must be a text (an IRI), an "
         "object {{ \"@id\": … }} or null"),
        (r"^Invalid @type iri '(.*)'", "le « @type » d'un terme du « @context » est l'IRI d'un type de données "
         "(ou @id, @vocab, @json, @none), pas « {0} »", "the '@type' of a term in the '@context' is the IRI of a "
         "datatype (or @id, @vocab, @json, @none), not '{0}'"),
        (r"^Unexpected key in term definition '(@\w+)'", "clé « {0} » inconnue dans la définition d'un terme du "
         "« @context » (les clés admises : @id, @type, @container, @language, @reverse, @context, @prefix, "
         "@protected…)", "unknown key '{0}' in a term's definition in the '@context' (the keys allowed: @id, @type, "
         "@container, @language, @reverse, @context, @prefix, @protected…)"),
        (r"^The only supported @version value is 1\.1", "« @version » ne peut valoir que 1.1 (un nombre) : écrivez "
         "\"@version\": 1.1 ou retirez-le", "'@version' can only be 1.1 (a number): write \"@version\": 1.1 or "
         "remove it"),
        (r"^Not supported @container value", "valeur de « @container » que JSON-LD n'admet pas (@list, @set, "
         "@language, @index, @id, @type, @graph, ou une combinaison admise de ceux-ci)", "a '@container' value that "
         "JSON-LD does not allow (@list, @set, @language, @index, @id, @type, @graph, or an allowed combination)"),
        (r"^@reverse and @id cannot be used together", "« @reverse » et « @id » dans la définition d'un même terme : "
         "un terme est l'un ou l'autre ; gardez-en un", "'@reverse' and '@id' in the definition of one term: a term "
         "is one or the other; keep one"),
        (r"^Inconsistent expansion of (\S+) between", "le terme « {0} », qui a la forme d'une IRI abrégée, est "
         "défini par une autre IRI que celle qu'il abrège : renommez-le sans « : »", "the term '{0}', which has the "
         "form of a compact IRI, is defined as another IRI than the one it abbreviates: rename it without ':'"),
        (r"^@context terms must not be the empty strings", "terme vide (« \"\" ») dans le « @context » : donnez-lui "
         "un nom ou retirez-le", "empty term ('\"\"') in the '@context': give it a name or remove it"),
        (r"^Overriding the protected term (.+)$", "le terme « {0} », protégé (« @protected »), est redéfini par un "
         "contexte qui suit : retirez cette redéfinition", "the term '{0}', protected ('@protected'), is redefined by "
         "a later context: remove this redefinition"),
        (r"^Objects with @value cannot contain properties, (.+) found$", "un objet avec « @value » (une valeur) ne "
         "porte pas de propriété, ici « {0} » : placez-la dans le nœud (l'objet avec « @id ») qui a cette valeur",
         "an object with '@value' (a value) bears no property, here '{0}': put it in the node (the object with "
         "'@id') that has this value"),
        (r"^(@\w+) must be the only key of an object", "« {0} » doit être la seule clé de son objet : placez les "
         "autres dans l'objet qui le contient", "'{0}' must be the only key of its object: put the others in the "
         "object holding it"),
        (r"Unexpected end of file", "le fichier s'arrête au milieu d'un objet (une « }} », un « ] » ou un guillemet "
         "manque ?)", "the file stops in the middle of an object (a missing '}}', ']' or quote?)"),
    ),
}


def explain_rdf(message: str, fmt: str | None = None) -> tuple[str, str] | None:
    """The French and English sentence for an RDF parser's ``message`` about a document in the format named
    ``fmt`` (Turtle's wording when None), or None when it is not a common case.

    >>> explain_rdf("error while parsing IRI 'http://ex.org/a b': Invalid IRI code point ' '", "rdfxml")[0]
    "caractère interdit dans une IRI (valeur d'un attribut : rdf:about, rdf:resource, rdf:datatype, xml:base, xmlns…)"
    """
    for pattern, fr, en in (*_FORMAT_CASES.get(fmt, ()), *_RDF_CASES):
        if match := re.search(pattern, message):
            prefix = match.group(1) if match.groups() and match.group(1) else ""
            fr, en = fr.format(prefix), en.format(prefix)
            if pattern.startswith("The prefix") and prefix in PREFIXES:
                fr += f" ; ajoutez @prefix {prefix}: <{PREFIXES[prefix]}> ."
                en += f"; add @prefix {prefix}: <{PREFIXES[prefix]}> ."
            return fr, en
    return None


def invalid_rdf(message: str, line: int | None, fmt: str | None = None) -> tuple[str, str]:
    """The French and English messages of an RDF file (in the format named ``fmt``, Turtle's wording when None)
    that does not parse: ours first, then the engine's."""
    message = re.sub(r" \(line \d+\)$", "", message)
    if (said := explain_rdf(message, fmt)) is None:
        return f"RDF invalide : {message}", f"invalid RDF: {message}"
    return f"RDF invalide : {said[0]} ({message})", f"invalid RDF: {said[1]} ({message})"


#: The schema.org context as JSON-LD documents name it (http or https, with or without its final slash, or its file):
#: it maps every term to the vocabulary that a context in the file gives without fetching anything.
_SCHEMA_ORG = re.compile(r"https?://schema\.org(?:/|/docs/jsonldcontext\.jsonld?)?")
#: What a file writes in place of the schema.org context.
SCHEMA_ORG_VOCABULARY = '{"@vocab": "http://schema.org/"}'


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
place the vocabulary it names: "@context": {"@vocab": "http://schema.org/"}
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
        line = _xml_error_line(data) or _rdf_xml_error_line(message, data)
    elif line is None and fmt == "jsonld":
        from graph.ingest.rdf_json_errors import json_ld_error_line

        line = json_ld_error_line(message, data)
    return (*invalid_rdf(message, line, fmt), line)


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


def explain_sparql(message: str, text: str, line: int | None, column: int | None) -> tuple[str, str]:
    """The French and English messages of a query that does not parse at ``line``:``column`` (1-based): where
    reading stopped — at the end (something left open), at the words shown, then the engine's text, or at a word
    that SPARQL does not know, named with the keyword or function it may stand for (the engine's list of what it
    expected there misleads: « expected OPTIONAL » after « FILTRE », and is left out).

    >>> explain_sparql("error at 1:10: expected CONSTRUCT", "SELEC ?s WHERE {}", 1, 10)[0]
    'la requête ne se lit plus à partir de « WHERE {} » (error at 1:10: expected CONSTRUCT)'
    >>> print(explain_sparql('error at 1:26: expected one of ","', "SELECT * WHERE { ?s ?p ?o", 1, 26)[1])
    the query stops before it is complete (a missing term, '}', ')' or quote?) (error at 1:26: expected one of ",")
    >>> explain_sparql("error at 1:29: expected OPTIONAL", "SELECT * { ?s ?p ?o FILTRE(?s != 1) }", 1, 29)[0]
    "la requête ne se lit plus à partir de « FILTRE(?s != 1) } » : « FILTRE » n'est pas un mot de SPARQL ; \
vouliez-vous dire FILTER ?"
    """
    offset = _offset(text, line, column)
    if offset is None:
        return message, message
    if (word := unknown_word(text, offset)) is not None:
        return _unknown_word(word.value, text[word.start:], text[word.end:].lstrip().startswith("("))
    if not text[offset:].strip():
        return ("la requête s'arrête avant d'être complète (un terme, une « } », une « ) » ou un guillemet "
                f"manque ?) ({message})",
                f"the query stops before it is complete (a missing term, '}}', ')' or quote?) ({message})")
    shown = text[offset:].strip().splitlines()[0][:30]
    return (f"la requête ne se lit plus à partir de « {shown} » ({message})",
            f"the query cannot be read from '{shown}' on ({message})")


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
