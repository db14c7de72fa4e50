"""Empty languages in a JSON-LD document (``"@language": ""``), whose values the engine drops without a word.

JSON-LD 1.1 reads ``""`` as a language, not as the absence of one. A context's ``@language`` (JSON-LD 1.1
Processing Algorithms and API, 4.1.2 Context Processing, steps 5.9.2-5.9.3): "If value is null, remove any
default language from result. Otherwise, if value is a string, the default language of result is set to value
[…] If value is not well-formed according to section 2.2.9 of [BCP47], processors SHOULD issue a warning"; a
term's ``@language`` likewise becomes its language mapping. Then 8.2 Object to RDF Conversion, step 7: "If item
has an @language entry which is not well-formed, return null" — no triple, and BCP 47 has no empty tag. So a text
in ``"@language": ""`` (a value object's, a context's default, a term's) is no statement: Oxigraph follows the
spec, and Maillage with it (rdflib reads ``""`` as no language: not the spec, and RDF/XML's ``xml:lang=""``, which
does mean no language, is another rule: :func:`graph.ingest.rdf.without_empty_languages`). Nothing is rewritten;
the ingest warns, with the line, how many values are lost and what to write.

A language map's key ``""`` (``"label": {"": "x"}`` for a term whose ``@container`` is ``@language``) is that
language too (JSON-LD 1.1's expansion: a language map's key other than ``@none`` is its texts' language, a warning
when it is not well-formed): its texts are lost as well, and warned at their line, with the spec's "no
language" there, ``"@none"``.

A document is scanned only when a plain search finds ``"@language": ""``, or an empty key (``"":``); the values
that a context's one loses are counted by the engine, reading the document again with ``null`` in its place (only
on those files).
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from graph.ingest.base import Issue

#: An empty @language entry, as a plain search finds it.
_EMPTY = re.compile(rb'"@language"\s*:\s*""')
#: JSON's strings and punctuation: what :func:`_empty_languages` reads (numbers, true, false, null skipped).
_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def _empty_languages(data: bytes) -> list[tuple[int, str]]:
    """The offset of each ``"@language": ""`` entry of the JSON document ``data``, in order, and where it is:
    "value" in a value object (one with ``@value``), "context" in a context (its default, or a term's language),
    "other" elsewhere.

    >>> _empty_languages(b'{"@context": {"@language": ""}, "p": [{"@value": "x", "@language": ""}]}')
    [(14, 'context'), (54, 'value')]
    """
    found: list[tuple[int, str]] = []
    # each open container: [an object?, the key it is the value of, within a context?, has @value, its entries
    # "@language": "" (offsets), its last key, a key expected next]
    stack: list[list] = []
    previous = b""
    for token in _TOKEN.finditer(data):
        text = token.group()
        top = stack[-1] if stack else None
        if text in (b"{", b"["):
            under = (top[5] if top[0] else top[1]) if top else None
            stack.append([text == b"{", under, bool(top) and (top[2] or under == b'"@context"'), False, [], None,
                          True])
        elif text in (b"}", b"]"):
            if top is None:
                break  # not JSON: the engine says where
            stack.pop()
            kind = "value" if top[3] else "context" if top[2] else "other"
            found += [(at, kind) for at in top[4]]
        elif text == b",":
            if top is not None and top[0]:
                top[6] = True
        elif text != b":" and top is not None and top[0]:
            if top[6]:
                top[5], top[6] = text, False
                top[3] = top[3] or text == b'"@value"'
            elif previous == b":" and text == b'""' and top[5] == b'"@language"':
                top[4].append(data.rfind(b'"@language"', 0, token.start()))
        previous = text
    return sorted(found)


#: An empty key, as a plain search finds it: a language map's ``""`` is one.
_EMPTY_KEY = re.compile(rb'""\s*:')
_STRING_OR_END = re.compile(rb'\s*(?:,\s*)?("(?:[^"\\]|\\.)*"|\])')
_ARRAY = re.compile(rb"\s*\[")


def _empty_language_keys(data: bytes) -> list[tuple[int, int]]:
    """The offset of each ``""`` key of a language map (the value of a term whose ``@container`` is ``@language``)
    in the JSON document ``data``, in order, and how many texts it gives.

    >>> _empty_language_keys(b'{"@context": {"l": {"@id": "ex:l", "@container": ["@language", "@set"]}},'
    ...                      b' "l": {"fr": "a", "": ["b", "c"]}, "m": {"": "d"}}')
    [(91, 2)]
    """
    terms: set[bytes] = set()  # the terms whose container is @language
    keys: list[tuple[int, bytes]] = []  # each "" key outside a context, and the key of the object it is in
    # each open container: [an object?, the key it is the value of, within a context?, its last key, a key next]
    stack: list[list] = []
    previous = b""
    for token in _TOKEN.finditer(data):
        text = token.group()
        top = stack[-1] if stack else None
        if text in (b"{", b"["):
            under = (top[3] if top[0] else top[1]) if top else None
            stack.append([text == b"{", under, bool(top) and (top[2] or under == b'"@context"'), None, True])
        elif text in (b"}", b"]"):
            if top is None:
                break  # not JSON: the engine says where
            stack.pop()
        elif text == b",":
            if top is not None and top[0]:
                top[4] = True
        elif text != b":" and top is not None:
            if top[0] and top[4]:
                top[3], top[4] = text, False
                if text == b'""' and not top[2]:
                    keys.append((token.start(), top[1]))
            elif text == b'"@language"' and top[2] and (top[0] and previous == b":" and top[3] == b'"@container"'
                                                       or not top[0] and top[1] == b'"@container"'):
                definition = top if top[0] else stack[-2]
                terms.add(definition[1])
        previous = text
    found = []
    for at, under in keys:
        if under in terms:
            value_at = _EMPTY_KEY.match(data, at).end()
            if (opened := _ARRAY.match(data, value_at)) is None:  # a text (or null: none)
                found.append((at, int(_STRING_OR_END.match(data, value_at) is not None)))
                continue
            count, value_at = 0, opened.end()
            while (item := _STRING_OR_END.match(data, value_at)) and item[1] != b"]":
                count, value_at = count + 1, item.end()
            found.append((at, count))
    return found


def _empty_keys_issue(data: bytes) -> Issue | None:
    """A warning for the texts that a language map of the JSON-LD ``data`` gives under the key ``""``, at the first
    one's line, with how many they are and what to write: JSON-LD's "no language" there is ``"@none"``."""
    if not (found := _empty_language_keys(data)):
        return None
    texts = sum(count for _, count in found)
    lost, lost_en = (f"ses {texts} textes ne sont pas importés", f"its {texts} texts are not imported") \
        if texts > 1 else ("son texte n'est pas importé", "its text is not imported")
    return Issue("warning", f'clé « "" » dans une table de langues (« "@container": "@language" ») : JSON-LD ne la '
                            f"lit pas comme l'absence de langue, et {lost} ; écrivez la clé « \"@none\" » pour des "
                            "textes sans langue",
                 f'key "" in a language map ("@container": "@language"): JSON-LD does not read it as no language, '
                 f'and {lost_en}; write the key "@none" for texts without a language',
                 line=data.count(b"\n", 0, found[0][0]) + 1)


def _statements(data: bytes) -> int | None:
    """How many statements the engine reads in the JSON-LD ``data``, or None when it does not parse (the first
    pass says why)."""
    try:
        return sum(1 for _ in ox.parse(data, ox.RdfFormat.JSON_LD))
    except (SyntaxError, ValueError):
        return None


def empty_languages(data: bytes) -> list[Issue]:
    """A warning for the values that the JSON-LD document ``data`` loses to ``"@language": ""``: those of value
    objects, at the first one's line; those that a context's leaves with that language, at its first line, when
    there are any. Each says how many values it loses and what to write for texts without a language.

    >>> [i.format("f.jsonld") for i in empty_languages(b'{"@id": "http://ex.org/a",\\n'
    ...                                                b' "http://ex.org/p": {"@value": "x", "@language": ""}}')]
    ['f.jsonld:2: avertissement : « "@language": "" » dans 1 valeur, non importée : JSON-LD ne lit pas une langue \
vide comme l\\'absence de langue ; retirez « "@language": "" » des textes sans langue']
    """
    issues = []
    if _EMPTY_KEY.search(data) is not None and (keys := _empty_keys_issue(data)) is not None:
        issues.append(keys)
    if _EMPTY.search(data) is None:
        return issues
    found = _empty_languages(data)
    if values := [at for at, kind in found if kind == "value"]:
        many = "s" if len(values) > 1 else ""
        issues.append(Issue("warning", f'« "@language": "" » dans {len(values)} valeur{many}, non importée{many} : '
                                       "JSON-LD ne lit pas une langue vide comme l'absence de langue ; retirez "
                                       '« "@language": "" » des textes sans langue',
                            f'"@language": "" in {len(values)} value{many}, not imported: JSON-LD does not read an '
                            'empty language as no language; remove "@language": "" from texts without a language',
                            line=data.count(b"\n", 0, values[0]) + 1))
    if contexts := [at for at, kind in found if kind == "context"]:
        patched = bytearray(data)
        for at in reversed(contexts):
            end = _EMPTY.match(data, at).end()
            patched[end - 2:end] = b"null"
        read, meant = _statements(data), _statements(bytes(patched))
        if read is not None and meant is not None and meant > read:
            lost, many = meant - read, "s" if meant - read > 1 else ""
            issues.append(Issue("warning", '« "@language": "" » dans un contexte : JSON-LD ne lit pas une langue '
                                           "vide comme l'absence de langue, et les textes qui la prennent ne sont "
                                           f"pas importés ({lost} valeur{many}) ; écrivez « \"@language\": null » "
                                           "pour des textes sans langue",
                                f'"@language": "" in a context: JSON-LD does not read an empty language as no '
                                f"language, and the texts that take it are not imported ({lost} value{many}); write "
                                '"@language": null for texts without a language',
                                line=data.count(b"\n", 0, contexts[0]) + 1))
    return sorted(issues, key=lambda issue: issue.line)
