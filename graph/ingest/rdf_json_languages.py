"""Languages that are not well-formed in a JSON-LD document (``"@language": ""``, ``"a b"``, ``"en_US"``), whose
values the engine drops without a word.

A context's ``@language`` (JSON-LD 1.1 Processing Algorithms and API, 4.1.2 Context Processing, steps 5.9.2-5.9.3):
"If value is null, remove any default language from result. Otherwise, if value is a string, the default language
of result is set to value […] If value is not well-formed according to section 2.2.9 of [BCP47], processors SHOULD
issue a warning"; a term's ``@language`` likewise becomes its language mapping. Then 8.2 Object to RDF Conversion,
step 7: "If item has an @language entry which is not well-formed, return null" — no triple. So a text in a language
that is not well-formed (a value object's, a context's default, a term's) is no statement: Oxigraph follows the
spec, and Maillage with it. A value object's ``@language`` may be written as an alias of it (``"lang": "@language"``
in a context; a context's own is always ``@language``). Well-formed is BCP 47's syntax, as the engine checks it
(``FR`` and ``x-private`` are, ``a b``, ``en_US``, ``fr-`` and ``abcdefghi`` are not). Nothing is rewritten; the
ingest warns, with the line, the key as the file writes it (``"lang": "en_US"``), how many values are lost and what
to write.

JSON-LD 1.1 reads ``""`` as a language too, not as the absence of one, and BCP 47 has no empty tag (rdflib reads
``""`` as no language: not the spec; RDF/XML's ``xml:lang=""``, which does mean no language, is another rule:
:func:`graph.ingest.rdf.without_empty_languages`): its warnings say what to write for texts without a language.

A language map's key (``"label": {"": "x"}`` for a term whose ``@container`` is ``@language``) is its texts'
language (JSON-LD 1.1's expansion: a language map's key other than ``@none`` is its texts' language, a warning when
it is not well-formed): its texts are lost as well, and warned at their line, with the spec's "no language" there,
``"@none"``.

A document is walked only when a search in C finds a language that is not plainly well-formed (and then only when
one of them is not), or a key of a language map that may not be one; the values that a context's language loses
are counted by the engine, reading the document again with ``null`` in its place (only on those files).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyoxigraph as ox

from graph.ingest.base import Issue
from graph.ingest.rdf_json_terms import KEYWORDS, JsonLdTerms, read_terms
from graph.ingest.rdf_json_tokens import decoded, line_of, objects

_LANGUAGE_KEY = b'"@language"'
_WRITTEN = rb'\s*:\s*("[^"\\]*(?:\\.[^"\\]*)*")'
_WELL_FORMED = "(BCP 47 : « fr », « fr-CA », « en »…)", "(BCP 47: 'fr', 'fr-CA', 'en'…)"


@lru_cache(maxsize=256)
def well_formed(tag: str) -> bool:
    """Whether ``tag`` is a well-formed language tag (BCP 47), as the engine checks it.

    >>> [well_formed(t) for t in ("fr", "FR", "x-foo", "de-CH-1996", "", "a b", "en_US", "fr-", "abcdefghi")]
    [True, True, True, True, False, False, False, False, False]
    """
    try:
        ox.Literal("", language=tag)
    except ValueError:
        return False
    return True


def _suggested(tag: str) -> str | None:
    """The well-formed tag that ``tag`` likely means (``en_US``: ``en-US``), or None."""
    for meant in (tag.strip(), tag.replace("_", "-"), re.sub(r"[\s_]+", "-", tag.strip())):
        if meant and meant != tag and well_formed(meant):
            return meant
    return None


@lru_cache(maxsize=32)
def _searches(key: bytes) -> tuple[re.Pattern, re.Pattern]:
    """The value of the key ``key`` (as written) when it is not plainly a well-formed tag (a language, a script and a
    region; an alias's definition, ``"@language"``, neither): only a document with one is read further (27 MB, 130k
    languages: 0.02 s); and any value of it."""
    return (re.compile(re.escape(key) + rb'\s*:\s*"(?![a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|[0-9]{3}))?")'
                       + (rb'(?!@language")' if key != _LANGUAGE_KEY else b"")),
            re.compile(re.escape(key) + _WRITTEN))


def _bad_languages(data: bytes, keys: set[bytes]) -> set[bytes]:
    """The values of the keys ``keys`` (``@language`` and its aliases, as written) of the JSON-LD ``data``, as
    written, that are no well-formed tags."""
    if not any(_searches(key)[0].search(data) for key in keys):
        return set()
    return {written for key in keys for written in set(_searches(key)[1].findall(data))
            if (tag := decoded(written)) is not None and not well_formed(tag) and written != b'"@language"'}


def _map_suspects(terms: JsonLdTerms) -> set[bytes]:
    """The keys of the document, as written, that are no well-formed tags when it has language maps (a key that
    holds a colon, a term's or a keyword are not sought there)."""
    if not terms.language_maps:
        return set()
    return {written for written, key in terms.keys.items() if key is not None and ":" not in key
            and key not in KEYWORDS and key not in terms.terms and not well_formed(key)}


def _texts(values: list[tuple[int, bytes]]) -> int:
    return sum(token.startswith(b'"') for _, token in values)


def miswritten_languages(data: bytes, terms: JsonLdTerms | None = None) -> list[Issue]:
    """A warning for the values that the JSON-LD document ``data`` loses to a language that is not well-formed:
    those of value objects, at the first one's line; those that a context's language leaves with it, at its first
    line, when there are any; the texts of a language map under such a key. Each says how many values it loses and
    what to write.

    >>> [i.format("f.jsonld") for i in miswritten_languages(b'{"@id": "http://ex.org/a",\\n'
    ...                                                     b' "http://ex.org/p": {"@value": "x", "@language": ""}}')]
    ['f.jsonld:2: avertissement : « "@language": "" » dans 1 valeur, non importée : JSON-LD ne lit pas une langue \
vide comme l\\'absence de langue ; retirez « "@language": "" » des textes sans langue']
    >>> [i.message_en for i in miswritten_languages(b'{"@id": "http://ex.org/a",\\n'
    ...                                             b' "http://ex.org/p": {"@value": "x", "@language": "en_US"}}')]
    ['"@language": "en_US" in 1 value, not imported: \\'en_US\\' is not a well-formed language tag (BCP 47: \\'fr\\', \
\\'fr-CA\\', \\'en\\'…); write \\'en-US\\'']
    """
    terms = terms or read_terms(data)
    languages = terms.keyword_keys("@language")
    bad = _bad_languages(data, languages)
    if not bad and b'"@container"' not in data:
        return []
    if not (suspects := _map_suspects(terms)) and not bad:
        return []
    values, contexts, keys = _found(data, bad, suspects, terms.written(terms.language_maps),
                                    (languages, terms.keyword_keys("@value")))
    issues = []
    # the empty language's warnings (they say what to write for texts without a language), then the others'
    for empty, (values_issue, context_issue, keys_issue) in ((True, (_values_issue, _context_issue, _keys_issue)),
                                                              (False, (_values_issue_of, _context_issue_of,
                                                                       _keys_issue_of))):
        if found := [(at, key, w) for at, key, w in values if (w == b'""') == empty]:
            issues.append(values_issue(found, line_of(data, found[0][0])))
        if (found_contexts := [c for c in contexts if (c[1] == b'""') == empty]) \
                and (lost := _lost_to_contexts(data, found_contexts)):
            issues.append(context_issue(found_contexts, lost, data))
        if found_keys := [(at, key, texts) for at, key, texts in keys if (key == b'""') == empty and texts]:
            issues.append(keys_issue(found_keys, line_of(data, found_keys[0][0])))
    return sorted(issues, key=lambda issue: issue.line)


def _found(data: bytes, bad: set[bytes], suspects: set[bytes], maps: set[bytes],
           keywords: tuple[set[bytes], set[bytes]]) -> tuple[list, list, list]:
    """Where the JSON-LD ``data`` writes the languages ``bad`` (as written): in value objects, each the key's offset,
    the key (``@language`` or an alias of it) and the language, as written; in contexts, each the key's offset, the
    language and its own offset; and the keys among ``suspects`` of the language maps (the values of the terms
    ``maps``) that are no well-formed tags, each its offset, its text and how many texts it gives; each in order.
    ``keywords``: the keys that stand for ``@language`` and for ``@value`` in nodes (the keywords, and their
    aliases), as written."""
    languages, value_keys = keywords
    values: list[tuple[int, bytes, bytes]] = []
    contexts: list[tuple[int, bytes, int]] = []
    keys: list[tuple[int, bytes, int]] = []
    for obj in objects(data):
        if bad:
            for member in obj.members:
                if member.key in languages and not member.array and member.values \
                        and (written := member.values[0][1]) in bad:
                    if obj.in_context:
                        if member.key == _LANGUAGE_KEY:
                            contexts.append((member.at, written, member.values[0][0]))
                    elif any(other.key in value_keys for other in obj.members):
                        values.append((member.at, member.key, written))
        if suspects and obj.direct and obj.under in maps and not obj.in_context:
            keys += [(member.at, member.key, _texts(member.values)) for member in obj.members
                     if member.key in suspects]
    return sorted(values), sorted(contexts), sorted(keys)


def _lost_to_contexts(data: bytes, contexts: list[tuple[int, bytes, int]]) -> int:
    """How many values the engine reads once the contexts' languages ``contexts`` are ``null``, more than in
    ``data``."""
    patched = bytearray(data)
    for _, written, at in sorted(contexts, key=lambda context: context[2], reverse=True):
        patched[at:at + len(written)] = b"null"
    read, meant = _statements(data), _statements(bytes(patched))
    return meant - read if read is not None and meant is not None and meant > read else 0


def _statements(data: bytes) -> int | None:
    """How many statements the engine reads in the JSON-LD ``data``, or None when it does not parse (the first
    pass says why)."""
    try:
        return sum(1 for _ in ox.parse(data, ox.RdfFormat.JSON_LD))
    except (SyntaxError, ValueError):
        return None


def _values_issue(values: list[tuple[int, bytes, bytes]], line: int) -> Issue:
    many = "s" if len(values) > 1 else ""
    shown, shown_en = _shown(_written(values)), _shown(_written(values), True)
    return Issue("warning", f"{shown} dans {len(values)} valeur{many}, non importée{many} : JSON-LD ne lit pas une "
                            f"langue vide comme l'absence de langue ; retirez {shown} des textes sans langue",
                 f"{shown_en} in {len(values)} value{many}, not imported: JSON-LD does not read an empty language as "
                 f"no language; remove {shown_en} from texts without a language", line=line)


def _context_issue(contexts: list[tuple[int, bytes, int]], lost: int, data: bytes) -> Issue:
    many = "s" if lost > 1 else ""
    return Issue("warning", '« "@language": "" » dans un contexte : JSON-LD ne lit pas une langue vide comme '
                            "l'absence de langue, et les textes qui la prennent ne sont pas importés "
                            f"({lost} valeur{many}) ; écrivez « \"@language\": null » pour des textes sans langue",
                 '"@language": "" in a context: JSON-LD does not read an empty language as no language, and the texts '
                 f'that take it are not imported ({lost} value{many}); write "@language": null for texts without a '
                 "language", line=line_of(data, contexts[0][0]))


def _keys_issue(keys: list[tuple[int, bytes, int]], line: int) -> Issue:
    texts = sum(count for _, _, count in keys)
    lost, lost_en = (f"ses {texts} textes ne sont pas importés", f"its {texts} texts are not imported") \
        if texts > 1 else ("son texte n'est pas importé", "its text is not imported")
    return Issue("warning", f'clé « "" » dans une table de langues (« "@container": "@language" ») : JSON-LD ne la '
                            f"lit pas comme l'absence de langue, et {lost} ; écrivez la clé « \"@none\" » pour des "
                            "textes sans langue",
                 f'key "" in a language map ("@container": "@language"): JSON-LD does not read it as no language, '
                 f'and {lost_en}; write the key "@none" for texts without a language', line=line)


def _tags(written: list[bytes]) -> tuple[list[str], str, str, str, str]:
    """The distinct tags of ``written`` (as written), and what to say of them: whether they are well-formed, what to
    write instead (in French and English), for a value's language (a context's and a map key's fixes differ only
    in their last words)."""
    tags = list(dict.fromkeys(decoded(w) or "" for w in written))
    meant = [(tag, right) for tag in tags[:3] if (right := _suggested(tag))]
    if len(tags) == 1:
        what = f"« {tags[0]} » n'est pas une étiquette de langue bien formée {_WELL_FORMED[0]}"
        what_en = f"'{tags[0]}' is not a well-formed language tag {_WELL_FORMED[1]}"
    else:
        what = f"ce ne sont pas des étiquettes de langue bien formées {_WELL_FORMED[0]}"
        what_en = f"they are not well-formed language tags {_WELL_FORMED[1]}"
    if len(tags) == 1 and meant:
        return tags, what, what_en, f"écrivez « {meant[0][1]} »", f"write '{meant[0][1]}'"
    fix = ", ".join(f"« {right} » pour « {tag} »" for tag, right in meant)
    fix_en = ", ".join(f"'{right}' for '{tag}'" for tag, right in meant)
    them, them_en = ("corrigez-la", "correct it") if len(tags) == 1 else ("corrigez-les", "correct them")
    return (tags, what, what_en, f"{them} ({fix})" if fix else them, f"{them_en} ({fix_en})" if fix else them_en)


def _written(values: list[tuple[int, bytes, bytes]]) -> list[tuple[str, str]]:
    """The distinct keys and languages of ``values`` (each an offset, a key and a language, as written), decoded: a
    key as the file writes it, ``@language`` or an alias of it (``"lang": "@language"``)."""
    return list(dict.fromkeys((decoded(key) or "", decoded(tag) or "") for _, key, tag in values))


def _shown(written: list[tuple[str, str]], en: bool = False) -> str:
    """The first few ``written`` (each a key and a language), as the messages show them, in French or English."""
    more = ", …" if len(written) > 3 else ""
    if en:
        return ", ".join(f'"{key}": "{tag}"' for key, tag in written[:3]) + more
    return ", ".join(f'« "{key}": "{tag}" »' for key, tag in written[:3]) + more


def _values_issue_of(values: list[tuple[int, bytes, bytes]], line: int) -> Issue:
    _, what, what_en, fix, fix_en = _tags([w for _, _, w in values])
    written = _written(values)
    many = "s" if len(values) > 1 else ""
    if not fix.startswith("écrivez"):
        keys = list(dict.fromkeys(key for key, _ in written))
        fix += ", ou retirez " + ", ".join(f'« "{key}" »' for key in keys) + " des textes sans langue"
        fix_en += ", or remove " + ", ".join(f'"{key}"' for key in keys) + " from texts without a language"
    return Issue("warning", f"{_shown(written)} dans {len(values)} valeur{many}, non importée{many} : {what} ; {fix}",
                 f"{_shown(written, True)} in {len(values)} value{many}, not imported: {what_en}; {fix_en}", line=line)


def _context_issue_of(contexts: list[tuple[int, bytes, int]], lost: int, data: bytes) -> Issue:
    tags, what, what_en, fix, fix_en = _tags([w for _, w, _ in contexts])
    many = "s" if lost > 1 else ""
    if not fix.startswith("écrivez"):
        fix += ', ou écrivez « "@language": null » pour des textes sans langue'
        fix_en += ', or write "@language": null for texts without a language'
    where, where_en = ("dans un contexte", "in a context") if len(contexts) == 1 else ("dans des contextes",
                                                                                       "in contexts")
    it, it_en = ("la", "it") if len(tags) == 1 else ("les", "them")
    shown = [("@language", tag) for tag in tags]  # a context's language is always written so
    return Issue("warning", f"{_shown(shown)} {where} : {what}, et les textes qui {it} prennent ne sont pas importés "
                            f"({lost} valeur{many}) ; {fix}",
                 f"{_shown(shown, True)} {where_en}: {what_en}, and the texts that take {it_en} are not imported "
                 f"({lost} value{many}); {fix_en}", line=line_of(data, contexts[0][0]))


def _keys_issue_of(keys: list[tuple[int, bytes, int]], line: int) -> Issue:
    tags, what, what_en, fix, fix_en = _tags([key for _, key, _ in keys])
    texts, one = sum(count for _, _, count in keys), len(tags) == 1
    its, its_en = ("ses", "its") if one else ("leurs", "their")
    lost, lost_en = (f"{its} {texts} textes ne sont pas importés", f"{its_en} {texts} texts are not imported") \
        if texts > 1 else (f"{'son' if one else 'leur'} texte n'est pas importé", f"{its_en} text is not imported")
    if fix.startswith("écrivez"):
        fix, fix_en = fix.replace("écrivez", "écrivez la clé", 1), fix_en.replace("write", "write the key", 1)
    else:
        fix += ', ou écrivez la clé « "@none" » pour des textes sans langue'
        fix_en += ', or write the key "@none" for texts without a language'
    shown = ", ".join(f"« {tag} »" for tag in tags[:3]) + (", …" if len(tags) > 3 else "")
    shown_en = ", ".join(f"'{tag}'" for tag in tags[:3]) + (", …" if len(tags) > 3 else "")
    return Issue("warning", f"clé{'' if one else 's'} {shown} dans une table de langues (« \"@container\": "
                            f"\"@language\" ») : {what}, et {lost} ; {fix}",
                 f"key{'' if one else 's'} {shown_en} in a language map (\"@container\": \"@language\"): {what_en}, "
                 f"and {lost_en}; {fix_en}", line=line)


__all__ = ["miswritten_languages", "well_formed"]
