"""Keys written twice in one object of a JSON-LD document (``{"name": "A", "name": "B"}``). JSON says that the keys
of an object should be unique (RFC 8259, 4) and leaves what a reader does with a repeated one open: most JSON
readers keep the last value without a word; Oxigraph's JSON-LD parser, which streams, states both values of a
node's property, and keeps the last definition of a context's term. Whatever was meant, another tool reads the file
otherwise: Maillage warns, once for each key, at the line of its first repetition. Some keywords twice (``@id``,
``@value``, ``@language``) are refused by the engine, whose error :mod:`graph.parse_errors` tells; others
(``@type``) are read as a property is.

The document is read by ``json`` in C, with a hook that compares each object's keys (50 MB: 0.26 s, less than
``json.loads`` alone, which builds the dictionaries that the hook does not); only a document with a repeated key is
walked (:func:`graph.ingest.rdf_json_tokens.objects`) for the lines.
"""

from __future__ import annotations

import json

from graph.ingest.base import Issue
from graph.ingest.rdf_json_tokens import decoded, line_of, objects


def _repeated_keys(data: bytes) -> set[str]:
    """The keys that an object of the JSON document ``data`` writes more than once; none for a document that
    ``json`` does not read (the engine says where it breaks)."""
    repeated: set[str] = set()

    def compare(pairs: list[tuple[str, object]]) -> None:
        if len(pairs) > 1 and len({key for key, _ in pairs}) < len(pairs):
            seen = set()
            for key, _ in pairs:
                if key in seen:
                    repeated.add(key)
                seen.add(key)

    try:
        json.loads(data, object_pairs_hook=compare)  # each object made None: no dictionary is built
    except (ValueError, RecursionError):
        return set()
    return repeated


def duplicate_keys(data: bytes) -> list[Issue]:
    """A warning for each key that an object of the JSON-LD document ``data`` writes twice (or more): at the line of
    its first repetition, with the line of the key it repeats and how many objects repeat it.

    >>> [i.format("f.jsonld") for i in duplicate_keys(b'{"@id": "http://ex.org/a",\\n "name": "A",\\n "name": "B"}')]
    ['f.jsonld:3: avertissement : clé « name » deux fois dans un même objet (lignes 2 et 3) : JSON n\\'admet qu\\'une \
valeur par clé, et la plupart des lecteurs JSON ne gardent que la dernière, sans un mot ; écrivez ses valeurs en \
tableau (« "name": [ … ] ») ou gardez-en une']
    """
    if not (repeated := _repeated_keys(data)):
        return []
    found: dict[str, list[tuple[int, int, bool]]] = {}  # key: each object's first repetition, the first, in a context
    for obj in objects(data):
        seen: dict[str, int | None] = {}  # key: its first offset, None once repeated
        for member in obj.members:
            if (key := decoded(member.key)) in repeated:
                if key not in seen:
                    seen[key] = member.at
                elif seen[key] is not None:
                    found.setdefault(key, []).append((member.at, seen[key], obj.in_context))
                    seen[key] = None
    issues = []
    for key, repetitions in sorted(found.items(), key=lambda item: min(item[1])):
        at, before, in_context = min(repetitions)
        said = _said(key, line_of(data, before), line_of(data, at), len(repetitions), in_context)
        issues.append(Issue("warning", *said, line=line_of(data, at)))
    return issues


def _said(key: str, before: int, line: int, count: int, in_context: bool) -> tuple[str, str]:
    """The warning about ``key``, written on the line ``before`` and again on ``line`` in one object (a context's
    when ``in_context``: a term defined twice), repeated so in ``count`` objects, in French and English."""
    where = f"lignes {before} et {line}" if before != line else f"ligne {line}"
    where_en = f"lines {before} and {line}" if before != line else f"line {line}"
    more = (f", et dans {count - 1} autre{'s' if count > 2 else ''} objet{'s' if count > 2 else ''}",
            f", and in {count - 1} other object{'s' if count > 2 else ''}") if count > 1 else ("", "")
    return (f"clé « {key} » deux fois dans un même objet ({where}){more[0]} : JSON n'admet qu'une valeur par clé, et "
            "la plupart des lecteurs JSON ne gardent que la dernière, sans un mot ; écrivez ses valeurs en tableau "
            f"(« \"{key}\": [ … ] ») ou gardez-en une",
            f"key '{key}' twice in one object ({where_en}){more[1]}: JSON allows one value per key, and most JSON "
            f"readers keep only the last one, without a word; write its values as an array (\"{key}\": [ … ]) or "
            "keep one") if not in_context else \
        (f"terme « {key} » défini deux fois dans un même « @context » ({where}){more[0]} : JSON n'admet qu'une valeur "
         "par clé ; JSON-LD garde la dernière définition, sans un mot ; gardez-en une",
         f"term '{key}' defined twice in one \"@context\" ({where_en}){more[1]}: JSON allows one value per key; "
         "JSON-LD keeps the last definition, without a word; keep one")


__all__ = ["duplicate_keys"]
