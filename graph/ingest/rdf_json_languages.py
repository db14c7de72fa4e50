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

A document is scanned only when a plain search finds ``"@language": ""``; the values that a context's one loses
are counted by the engine, reading the document again with ``null`` in its place (only on those files).
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
    if _EMPTY.search(data) is None:
        return []
    found = _empty_languages(data)
    issues = []
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
