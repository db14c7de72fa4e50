"""The whoosh schema of the index and the pure converters from a document to its whoosh fields and terms.

Fields:

- ``iri`` (unique key), ``kind`` and ``type`` (actor type), exact terms;
- ``name`` (labels and variants, stemmed), ``exact`` (the same, accent-folded and unstemmed: prefix completion
  and typo tolerance on names), ``whole`` (each name as one term: a query that is a whole name weighs more),
  ``body`` (descriptions, the names of linked resources, their English names that results do not show, and the
  amount, stemmed),
  ``classes`` (the French and English names of the document's kind and actor type, and of the concepts that
  classify it further: a grant's nature, a deliberation's outcome; stemmed); the names and the
  body also hold the expansions of the acronyms they hold and the reverse (:mod:`search.synonyms`);
- ``plain``, the words of the document's own texts (not the names of what it links to) accent-folded and
  unstemmed: a word as typed weighs more than another word of its stem (« soignants » than « soigner »);
- ``english``, the English texts (names in English of what a document shows, a theme's English labels and
  definition) through the English stemmer (:mod:`search.english`); ``pairs``, the neighbouring words of the names
  and texts (:mod:`search.phrases`): quoted phrases;
- ``own``, a deliberation's own text as its source says it (:mod:`search.deliberation_facts`), stemmed as the body
  but apart from it, so that it weighs less (``search.plan.OWN_BOOST``): its minutes hold the words of every topic
  of the act, which ranked it before the documents about them (« tiers-lieu », the actor that is one); and
  ``own_pairs``, its neighbouring words (as ``pairs``), so that a quoted phrase said only there finds the act;
- one keyword field per facet (IRIs, years), and ``deps``: the IRIs whose facts the document shows, so that an
  update finds the documents to re-derive when one of them changes, and for those of which it shows only the
  label, the IRI with a hash of that label (:func:`dependency_terms`);
- ``amount`` (in cents) and ``sort_name``, columns only (for sorting, never searched); ``doc`` (what a result
  shows) and ``hash`` (of the document, to find stale ones) stored.

Every indexed field records only which documents hold a term (whoosh's ``Existence`` format: no frequencies,
positions nor field lengths): :mod:`search.reader` matches and ranks on term bitsets, and leaving the rest out
made postings smaller and the build faster.

>>> fields = document_to_fields({"iri": "https://ex.org/a", "kind": "actor", "type": "association",
...     "type_label": "Association", "label": "Élan", "names": ["Élan"], "text": [], "related": [],
...     "summary": "", "facets": {}, "labels": {}, "amount": None, "date": None, "deps": [], "shown": {}})
>>> fields["sort_name"], fields["exact"], len(fields["hash"])
('elan', 'Élan', 16)
"""

from __future__ import annotations

import functools
import hashlib
import marshal

from whoosh.analysis import Analyzer, Token
from whoosh.codec.whoosh3 import W3Codec, W3PerDocReader
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Existence

from search.analysis import FOLDED, FRENCH, fold, folded_names, term_set, whole_name
from search.document_kinds import FACETS
from search.english import ENGLISH, english_term_set
from search.phrases import PAIRS, pair_term_set
from search.segment import WarmUp
from search.synonyms import expansions

#: Characters of the descriptions kept for snippets (a deliberation's full text is not needed to show one).
SNIPPET_SOURCE_CHARS = 1500


class KeywordAnalyzer(Analyzer):
    """Space-separated values as they are (IRIs, years): one ``str.split`` instead of whoosh's regex tokenizer;
    one value per line with ``lines`` (whole names, which hold spaces).

    >>> [t.text for t in KeywordAnalyzer(lines=True)("pass 1234,5\\nsante")]
    ['pass 1234,5', 'sante']
    """

    def __init__(self, lines: bool = False):
        self.separator = "\n" if lines else None

    def __eq__(self, other):
        return isinstance(other, KeywordAnalyzer) and other.separator == self.separator

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, text in enumerate(value.split(self.separator) if tokenize else [value]):
            token.text, token.boost, token.stopped = text, 1.0, False
            if positions:
                token.pos = start_pos + pos
            yield token


def _keywords() -> KEYWORD:
    field = KEYWORD(lowercase=False, commas=False, scorable=False)
    field.analyzer, field.format = KeywordAnalyzer(), Existence()
    return field


def _whole_names() -> KEYWORD:
    """Whole names (:func:`search.analysis.whole_name`), one per line: a name's words hold no line break, but
    commas (cents: "1234,5"), which parted whole names until index format 8."""
    field = KEYWORD(lowercase=False, commas=False, scorable=False)
    field.analyzer, field.format = KeywordAnalyzer(lines=True), Existence()
    return field


def _words(analyzer: Analyzer) -> TEXT:
    field = TEXT(analyzer=analyzer, phrase=False)
    field.format, field.scorable = Existence(), False
    return field


class SortKey(COLUMN):
    """A text kept as a column only (UTF-8 bytes on disk, ``str`` when read)."""

    def __init__(self):
        super().__init__(VarBytesColumn())

    def to_column_value(self, value: str) -> bytes:
        return value.encode("utf-8")

    def from_column_value(self, value: bytes) -> str:
        return value.decode("utf-8")


#: What a build keeps for readers' warm-up in each segment: facet bitsets, the bitsets of the words of names and
#: texts that more than 0.5 % of the documents hold (read by nearly every query), the sort keys.
WARM_UP = WarmUp(fields=("kind", *FACETS), frequent=("name", "body", "exact", "classes"), ratio=0.005, most=200,
                 columns=("sort_name", "amount"))

#: The fields that results show (kept in the index, so that results need no store query).
STORED_FIELDS = ("iri", "kind", "doc", "hash")


def make_schema() -> Schema:
    """Return the schema of a new index."""
    return Schema(
        iri=ID(stored=True, unique=True),
        kind=ID(stored=True),
        type=ID,
        name=_words(FRENCH),
        exact=_words(FOLDED),
        whole=_whole_names(),
        body=_words(FRENCH),
        own=_words(FRENCH),
        plain=_words(FOLDED),
        english=_words(ENGLISH),
        pairs=_words(PAIRS),
        own_pairs=_words(PAIRS),
        classes=_words(FRENCH),
        deps=_keywords(),
        amount=COLUMN(NumericColumn("Q", default=0)),  # cents
        sort_name=SortKey(),
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
    text = " — ".join(doc["text"] + doc.get("own", []))[:SNIPPET_SOURCE_CHARS]
    view = {k: doc[k] for k in ("label", "kind", "type", "type_label", "summary", "amount", "date", "labels")}
    view.update(text=text, related=" · ".join(dict.fromkeys(doc["related"]))[:SNIPPET_SOURCE_CHARS],
                facets={k: v for k, v in doc["facets"].items() if v})
    if "scheme" in doc:
        view["scheme"] = doc["scheme"]
    if doc.get("identifier"):
        view["identifier"] = doc["identifier"]
    return view


def dependency_terms(doc: dict) -> list[str]:
    """The ``deps`` terms of a document: the IRIs whose facts it shows, and ``IRI|hash`` for each IRI of which it
    shows only the label (see :func:`label_dependency`).

    >>> dependency_terms({"deps": ["https://ex.org/g"], "shown": {"https://ex.org/f": "Région"}})
    ['https://ex.org/g', 'https://ex.org/f|a0d60bf991fc2c78']
    """
    return doc["deps"] + [label_dependency(iri, label) for iri, label in doc["shown"].items()]


@functools.lru_cache(maxsize=1 << 16)
def label_dependency(iri: str, label: str) -> str:
    """The ``deps`` term of a document that shows the label ``label`` of ``iri``: an update that touches ``iri``
    re-derives the documents with a term of its prefix ``IRI|`` other than the one of its current label (an IRI
    holds no ``|``: Oxigraph refuses one)."""
    return f"{iri}|{hashlib.blake2b(label.encode(), digest_size=8).hexdigest()}"


def document_hash(doc: dict) -> str:
    """A short hash of a document's content: equal documents, equal hashes.

    Documents come in a canonical order (``search.document_assembly.finish_document``: sorted lists, dictionaries in
    sorted or fixed key order), and marshal's format 2 writes equal values as equal bytes (no references between
    objects, no mark for interned strings): 12–17 µs of CPU per document at 10k actors, where JSON with sorted keys
    took 24–35 µs.
    """
    return hashlib.blake2b(marshal.dumps(doc, 2), digest_size=8).hexdigest()


def _kept(doc: dict) -> dict:
    """The stored fields and the column values of a document."""
    kept = {"iri": doc["iri"], "kind": doc["kind"], "doc": stored_view(doc), "hash": document_hash(doc),
            "sort_name": fold(doc["label"])}
    if doc["amount"] is not None:
        kept["amount"] = max(0, round(doc["amount"] * 100))
    return kept


def amount_words(doc: dict) -> list[str]:
    """The amount of a document as a word, the way :func:`search.analysis.number_term` writes numbers: a query
    "20000", "20 000 €" or "20.000" finds a grant of 20 000 €, and an actor who received that much in all.

    >>> amount_words({"amount": 20000.0}), amount_words({"amount": 1234.5}), amount_words({"amount": None})
    (['20000'], ['1234,5'], [])
    """
    amount = doc["amount"]
    if amount is None:
        return []
    cents = round(amount * 100)
    return [f"{cents // 100},{cents % 100:02d}".rstrip("0").rstrip(",") if cents % 100 else str(cents // 100)]


def _texts(doc: dict, found: tuple[set, set] | None = None) -> tuple[list[str], list[str]]:
    """The texts of the name and body fields: names; descriptions, related names, their translations and the
    amount; each with the acronyms and expansions they hold (``found``: the terms of the names and of the body, when
    known)."""
    body = doc["text"] + doc["related"] + doc.get("translations", [])
    name_terms, body_terms = found or (term_set(doc["names"]), term_set(body))
    return (doc["names"] + expansions(doc["names"], name_terms),
            body + expansions(body, body_terms) + amount_words(doc))


def _whole(doc: dict) -> set[str]:
    """The document's names, each as one term (:func:`search.analysis.whole_name`)."""
    return {whole for name in doc["names"] if (whole := whole_name(name))}


def _added(doc: dict, names: list[str], body: list[str]) -> list[str]:
    """What :func:`_texts` added to the document's own ``names`` and ``body``: the acronyms' expansions, the
    expansions' acronyms and the amount's words."""
    return names[len(doc["names"]):] + body[len(doc["text"] + doc["related"] + doc.get("translations", [])):]


def _word_texts(doc: dict, added: list[str]) -> dict[str, list[str]]:
    """The texts of the ``plain``, ``english``, ``pairs``, ``own`` and ``own_pairs`` fields (see the module
    docstring). The pairs hold those of the acronyms' expansions (``added``, :func:`_added`): « PA » says
    « personnes âgées » side by side, as a theme's other name is looked for (:func:`search.plan._side_by_side`)."""
    return {"plain": doc["text"],
            "english": doc.get("translations", []) + doc.get("english", []),
            "pairs": doc["names"] + doc["text"] + doc["related"] + added,
            "own": doc.get("own", []), "own_pairs": doc.get("own", [])}


def document_to_fields(doc: dict) -> dict:
    """Return the whoosh fields of a document (see the module docstring)."""
    names, body = _texts(doc)
    # Texts joined by a line break, which never groups digits: "n°12" and "345 places" are not the number 12345.
    fields = {"type": doc["type"], "name": "\n".join(names), "body": "\n".join(body),
              "classes": "\n".join(doc.get("classes", ())), "deps": " ".join(dependency_terms(doc)), **_kept(doc)}
    fields.update({name: "\n".join(texts) for name, texts in _word_texts(doc, _added(doc, names, body)).items()
                   if texts})
    if doc["kind"] != "grant":  # a grant's name is made of its beneficiary's: completion offers the actor
        fields["exact"] = fields["name"]
        if whole := _whole(doc):
            fields["whole"] = "\n".join(sorted(whole))
    for facet in FACETS:
        values = doc["facets"].get(facet)
        if values:
            fields[facet] = " ".join(values)
    return fields


def document_to_record(doc: dict) -> tuple[dict, dict, dict]:
    """Return the terms per indexed field, the stored fields and the column values of a document, as
    :class:`search.segment.SegmentBuilder` takes them: what whoosh's writer makes of :func:`document_to_fields`
    (tests/test_search_index.py checks that both give the same index). Keyword values (IRIs, years) hold no
    space, so they are their own terms."""
    body_texts = doc["text"] + doc["related"] + doc.get("translations", [])
    name_terms, body_terms = term_set(doc["names"]), term_set(body_texts)
    names, body = _texts(doc, (name_terms, body_terms))
    terms = {"iri": (doc["iri"],), "kind": (doc["kind"],), "type": (doc["type"],), "deps": dependency_terms(doc),
             "name": name_terms | term_set(names[len(doc["names"]):]),
             "body": body_terms | term_set(body[len(body_texts):]),
             "classes": term_set(doc.get("classes", ())), **doc["facets"]}
    texts = _word_texts(doc, _added(doc, names, body))
    terms.update(plain=term_set(texts["plain"], folded=True), english=english_term_set(texts["english"]),
                 pairs=pair_term_set(texts["pairs"]), own=term_set(texts["own"]),
                 own_pairs=pair_term_set(texts["own_pairs"]))
    if doc["kind"] != "grant":
        exact, whole = folded_names(doc["names"])  # as term_set(names, folded=True) and _whole(doc)
        terms["exact"] = exact | term_set(names[len(doc["names"]):], folded=True)
        if whole:
            terms["whole"] = whole
    kept = _kept(doc)
    return terms, {name: kept[name] for name in STORED_FIELDS}, {"sort_name": kept["sort_name"],
                                                                 "amount": kept.get("amount")}
