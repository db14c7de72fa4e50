"""What a page's data holds: links to resources (:class:`Ref`), tables (:class:`Table`), and their JSON form.

A page view builds ``data`` (a dict, the JSON twin) whose tables are :class:`Table` objects and whose links are
:class:`Ref` objects; :mod:`webapp.rendering` answers it as HTML, JSON or CSV.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from rdflib import Literal, URIRef


class Said(str):
    """A text and the language it is written in (``language``: a BCP 47 tag, "fr"): a label that a page shows in a
    link or a cell, its language kept so that an English page marks a French one (``lang="fr"``, read by a screen
    reader with French pronunciation). Equal to the same text without a language, as a ``str``."""

    language: str | None

    def __new__(cls, text: str, language: str | None):
        said = super().__new__(cls, text)
        said.language = language
        return said


def in_language(text: Any, language: str | None = None) -> str:
    """``text`` as a str that keeps its language: a tagged literal's (``"Prévention"@fr``), else ``language`` (the
    language of the document it was read from, for an untagged one); a plain str when neither says.

    >>> in_language(Literal("Prévention", lang="fr")).language, in_language("objet", "fr").language
    ('fr', 'fr')
    >>> type(in_language("DanaeCare")).__name__
    'str'
    """
    found = getattr(text, "language", None) or language
    return Said(str(text), found) if found else str(text)


class Ref(NamedTuple):
    """A link to a resource: its IRI and the label to show. No IRI (None) for a text that a source wrote where an
    IRI belongs (a grant's funder "Ville de Lyon", a SHACL violation stored without --strict): shown as text, never
    as a link to a page that would answer 400."""

    iri: str | None
    label: str


@dataclass
class Table:
    """A table of a page: column keys with their headers, rows as dicts (values: str, number, Ref or None)."""

    name: str
    columns: list[tuple[str, str]]
    rows: list[dict[str, Any]] = field(default_factory=list)
    more: int = 0  # rows left out by a cap
    more_url: str | None = None  # where the rows left out are: a named query, a paged view
    blanks: dict[str, str] = field(default_factory=dict)  # what a page shows for an empty cell, by column
    hidden: tuple[str, ...] = ()  # columns the page leaves out (its own resource on every row); JSON and CSV keep them
    # columns that hold resources: each has its IRI column in the CSV, whatever the rows (an empty table's too); a
    # query's results, whose variables may be bound to anything, are read from their rows
    links: tuple[str, ...] = ()
    download: str | None = None  # what its CSV download is called (a named query's name), else the table's name
    # a link column and the row's key of what its link also says to a screen reader, which lists a page's links out
    # of their context (nine grants named « Fonctionnement »); neither JSON nor CSV has it
    contexts: dict[str, str] = field(default_factory=dict)
    # a column and the row's key of what the page says in its empty cell instead, unlinked (a grant's decision that
    # no deliberation holds: « Décision du 12 mars 2016 » under « Décidé par »); neither JSON nor CSV has it
    fills: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"name": self.name, "columns": [k for k, _ in self.columns],
                "rows": [{k: json_value(row.get(k)) for k, _ in self.columns} for row in self.rows],
                "more": self.more}


def json_value(value: Any) -> Any:
    """A cell as JSON: a Ref as {"iri", "label"} ({"label"} alone for a text, which no IRI names), numbers as
    numbers, dates as ISO strings."""
    if isinstance(value, Ref):
        return {"iri": value.iri, "label": value.label} if value.iri is not None else {"label": value.label}
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, Literal):
        value = value.toPython()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return str(value)


def json_value_deep(value: Any) -> Any:
    """A page's data as JSON, deep: its tables by :meth:`Table.to_json`, its other values by :func:`json_value`."""
    if isinstance(value, Table):
        return value.to_json()
    if isinstance(value, dict):
        return {str(k): json_value_deep(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and not isinstance(value, Ref):
        return [json_value_deep(v) for v in value]
    return json_value(value)


def ref(iri: Any, label: Any = None) -> Ref | None:
    """A Ref to ``iri`` labelled ``label`` (else a short form of the IRI); None stays None; a literal (a text where
    an IRI belongs) is a Ref without IRI, named by its text.

    >>> ref(Literal("Ville de Lyon"))
    Ref(iri=None, label='Ville de Lyon')
    """
    if iri is None:
        return None
    if isinstance(iri, Literal):
        return Ref(None, in_language(label) if label is not None else in_language(iri))
    return Ref(str(iri), in_language(label) if label is not None else short_iri(str(iri)))


def short_iri(iri: str) -> str:
    from webapp.labels import qname

    short = qname(URIRef(iri))
    if short != iri:
        return short
    return iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1] or iri
