"""The whoosh schema of the index and the pure converter from a document to its whoosh fields.

Fields:

- ``iri`` (unique key), ``kind`` and ``type`` (actor type), exact terms;
- ``name`` (labels and variants, stemmed, boosted), ``exact`` (the same, accent-folded and unstemmed: prefix
  completion and typo tolerance on names), ``body`` (descriptions and the names of linked resources, stemmed);
- one keyword field per facet (IRIs, years), and ``deps``: the IRIs whose facts the document shows, so that an
  update finds the documents to re-derive when one of them changes;
- ``amount`` (in cents: whoosh's float columns write an unsigned default of NaN and fail) and ``sort_name``
  columns for sorting; ``doc`` (what a result shows) and ``hash`` (of the document,
  to find stale ones) stored.

>>> fields = document_to_fields({"iri": "https://ex.org/a", "kind": "actor", "type": "association",
...     "type_label": "Association", "label": "Élan", "names": ["Élan"], "text": [], "related": [],
...     "summary": "", "facets": {}, "labels": {}, "amount": None, "date": None, "deps": []})
>>> fields["sort_name"], fields["exact"], len(fields["hash"])
('elan', 'Élan', 16)
"""

from __future__ import annotations

import hashlib
import json

from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.analysis import Analyzer, Token
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from search.analysis import FOLDED, FRENCH, fold
from search.documents import FACETS

#: Characters of the descriptions kept for snippets (a deliberation's full text is not needed to show one).
SNIPPET_SOURCE_CHARS = 1500


class KeywordAnalyzer(Analyzer):
    """Space-separated values as they are (IRIs, years): one ``str.split`` instead of whoosh's regex tokenizer."""

    def __eq__(self, other):
        return isinstance(other, KeywordAnalyzer)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, text in enumerate(value.split() if tokenize else [value]):
            token.text, token.boost, token.stopped = text, 1.0, False
            if positions:
                token.pos = start_pos + pos
            yield token


def _keywords() -> KEYWORD:
    field = KEYWORD(lowercase=False, commas=False, scorable=False)
    field.analyzer = KeywordAnalyzer()
    return field


def make_schema() -> Schema:
    """Return the schema of a new index."""
    return Schema(
        iri=ID(stored=True, unique=True),
        kind=ID(stored=True),
        type=ID,
        name=TEXT(analyzer=FRENCH, phrase=False, field_boost=3.0),
        exact=TEXT(analyzer=FOLDED, phrase=False, field_boost=2.0),
        body=TEXT(analyzer=FRENCH, phrase=False),
        deps=_keywords(),
        amount=NUMERIC(int, bits=64, signed=False, sortable=True),  # cents: float columns are broken

        sort_name=ID(sortable=True),
        doc=STORED,
        hash=STORED,
        **{facet: _keywords() for facet in FACETS},
    )


class _PerDocReader(W3PerDocReader):
    def _cached_reader(self, fieldname, column):
        # whoosh looks for the length column of a field without one (ID, unscored keywords) with a stat() for
        # every posting written or scored: 90k stat calls for 3k documents, half the build time. Remember misses.
        if fieldname not in self._readers:
            self._readers[fieldname] = super()._cached_reader(fieldname, column)
        return self._readers[fieldname]


class Codec(W3Codec):
    """whoosh's default codec, with the per-document reader above (segments pickle it: readers use it too)."""

    def per_document_reader(self, storage, segment):
        return _PerDocReader(storage, segment)


def stored_view(doc: dict) -> dict:
    """What a result shows of a document (kept in the index, so that results need no store query)."""
    text = " — ".join(doc["text"])[:SNIPPET_SOURCE_CHARS]
    view = {k: doc[k] for k in ("label", "kind", "type", "type_label", "summary", "amount", "date", "labels")}
    view.update(text=text, related=" · ".join(dict.fromkeys(doc["related"]))[:SNIPPET_SOURCE_CHARS],
                facets={k: v for k, v in doc["facets"].items() if v})
    if "scheme" in doc:
        view["scheme"] = doc["scheme"]
    return view


def document_hash(doc: dict) -> str:
    """A short hash of a document's content: equal documents, equal hashes."""
    return hashlib.sha1(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def document_to_fields(doc: dict) -> dict:
    """Return the whoosh fields of a document (see the module docstring)."""
    fields = {
        "iri": doc["iri"], "kind": doc["kind"], "type": doc["type"],
        "name": " ".join(doc["names"]),
        "body": " ".join(doc["text"] + doc["related"]),
        "deps": " ".join(doc["deps"]), "sort_name": fold(doc["label"]),
        "doc": stored_view(doc), "hash": document_hash(doc),
    }
    if doc["kind"] != "grant":  # a grant's name is made of its beneficiary's: completion offers the actor
        fields["exact"] = fields["name"]
    if doc["amount"] is not None:
        fields["amount"] = max(0, round(doc["amount"] * 100))
    for facet in FACETS:
        values = doc["facets"].get(facet)
        if values:
            fields[facet] = " ".join(values)
    return fields
