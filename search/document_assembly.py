"""How a converter of :mod:`search.documents` assembles a document: the empty document of a kind
(:func:`start_document`), its facets (:func:`add_facet`), the concepts that classify it (:func:`add_classes`), what
it shows of other resources (:func:`show_labels`) or depends on (:func:`add_dependencies`), and its canonical order
(:func:`finish_document`).
"""

from __future__ import annotations

from collections.abc import Iterable

from search.document_kinds import FACETS, KINDS, class_labels
from search.fact_readers import label_of, labels_in_every_language
from search.facts import Facts

#: Names of the other side of an actor's grants put in its text: a funder of 10,000 grants would otherwise match
#: every beneficiary's name.
MAX_RELATED = 20


def start_document(iri, kind: str, label: str, type_: str = "", type_label: str = "") -> dict:
    """The empty document of ``iri``, of ``kind`` (and ``type_``, the kind's when none), named ``label``. Its
    ``translations`` are the names in other languages of what it shows (a circle's « Funders circle »): searched in
    its body, not shown in its results (a page translates the French names it shows)."""
    return {"iri": iri, "kind": kind, "type": type_ or kind, "type_label": type_label or KINDS[kind],
            "classes": list(class_labels(kind, type_ or kind)),
            "label": label, "names": [label], "text": [], "related": [], "translations": [], "summary": "",
            "facets": {f: [] for f in FACETS}, "labels": {}, "amount": None, "date": None, "deps": set(),
            "shown": {}}


def add_facet(doc: dict, facts: Facts, name: str, values: Iterable) -> None:
    """Add ``values`` to a facet; the label of each IRI is shown (see :func:`show_labels`)."""
    for value in values:
        if value not in doc["facets"][name]:
            doc["facets"][name].append(value)
            if name != "fiscal_year":
                doc["labels"][value] = doc["shown"][value] = label_of(facts, value)


def add_classes(doc: dict, facts: Facts, concepts: Iterable) -> None:
    """Add to the names of the document's classes the labels, French and English, of ``concepts`` that classify it
    further (a grant's nature, a deliberation's outcome): "operating grant" and « fonctionnement » find the grant of
    that nature. In ``classes``, not the body: there a word gets a weight of its own, low when thousands of grants
    are classified by it, so that the texts that say it (« Fonctionnement de l'association », rarer) come first
    rather than tie with every grant of that nature. Their labels are noted as shown (:func:`show_labels`)."""
    concepts = [c for c in concepts if type(c) is str]
    show_labels(doc, facts, concepts)
    labels = {label for concept in concepts for label in labels_in_every_language(facts, concept)}
    doc["classes"] = sorted(labels.union(doc["classes"]))


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
    doc["translations"] = sorted(set(doc["translations"]) - set(doc["related"]) - set(doc["names"]))
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


def format_amount(amount: float | None) -> str:
    """Format euros the French way.

    >>> format_amount(20000.0)
    '20 000 €'
    >>> format_amount(1234.5), format_amount(-2500.0)
    ('1 234,50 €', '-2 500 €')
    """
    if amount is None:
        return ""
    text = f"{amount:,.2f}" if amount != int(amount) else f"{int(amount):,}"
    return text.replace(",", " ").replace(".", ",") + " €"
