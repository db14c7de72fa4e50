"""How a converter of :mod:`search.documents` assembles a document: the empty document of a kind
(:func:`start_document`), its facets (:func:`add_facet`), what it shows of other resources (:func:`show_labels`) or
depends on (:func:`add_dependencies`), and its canonical order (:func:`finish_document`).
"""

from __future__ import annotations

from collections.abc import Iterable

from search.document_kinds import FACETS, KINDS, class_labels
from search.fact_readers import label_of
from search.facts import Facts


def start_document(iri, kind: str, label: str, type_: str = "", type_label: str = "") -> dict:
    """The empty document of ``iri``, of ``kind`` (and ``type_``, the kind's when none), named ``label``."""
    return {"iri": iri, "kind": kind, "type": type_ or kind, "type_label": type_label or KINDS[kind],
            "classes": list(class_labels(kind, type_ or kind)),
            "label": label, "names": [label], "text": [], "related": [], "summary": "",
            "facets": {f: [] for f in FACETS}, "labels": {}, "amount": None, "date": None, "deps": set(),
            "shown": {}}


def add_facet(doc: dict, facts: Facts, name: str, values: Iterable) -> None:
    """Add ``values`` to a facet; the label of each IRI is shown (see :func:`show_labels`)."""
    for value in values:
        if value not in doc["facets"][name]:
            doc["facets"][name].append(value)
            if name != "fiscal_year":
                doc["labels"][value] = doc["shown"][value] = label_of(facts, value)


def add_dependencies(doc: dict, values: Iterable) -> None:
    """Note that the document shows facts of ``values`` beyond their labels: an update that touches one of them
    re-derives it (the index keeps ``deps``)."""
    doc["deps"].update(v for v in values if type(v) is str)


def show_labels(doc: dict, facts: Facts, values: Iterable) -> list[str]:
    """Note that the document shows the labels of ``values`` and nothing else of them; return the labels. The
    index keeps each with its label (``search.schema.dependency_terms``): an update that touches one re-derives
    the document only when the label changed (a funder named by 1,000 grants and a new file)."""
    labels = []
    for value in values:
        if type(value) is str:
            label = doc["shown"][value] = label_of(facts, value)
            labels.append(label)
    return labels


def finish_document(doc: dict) -> dict:
    """Put the document in a canonical order: the same facts read in any order give the same document (and hash)."""
    doc["related"] = sorted(set(doc["related"]) - set(doc["names"]))
    deps, shown, labels = doc["deps"], doc["shown"], doc["labels"]
    deps.discard(doc["iri"])
    shown.pop(doc["iri"], None)
    for iri in deps.intersection(shown):  # a full dependency says more than a label one
        del shown[iri]
    if len(shown) > 1:
        doc["shown"] = dict(sorted(shown.items()))
    if len(labels) > 1:
        doc["labels"] = dict(sorted(labels.items()))
    doc["deps"] = sorted(deps)
    for values in doc["facets"].values():
        values.sort()
    return doc
