"""Which of a resource's quotes supports which of the facts its page shows, for the page to set each quote beside its
fact: a session's « Nombre de présents : 54 » with the counts, « Membres titulaires présents : … » with the list of
those present, not all ten under one « Pourquoi ? » below the facts.

The reader says which property each quote of a session is the evidence of (``mai:supports`` → ``mai:membersPresent``,
``stated``: every property it supports): a quote goes beside the first of the facts it states. A store ingested by
an older reader says none, so a quote without is matched to the fact whose values it names: a count by its number, a
date by its day and year, a person or a proxy by the family names (the words in capitals) of its name. A quote
goes to the fact whose values it names the largest share of (the list of those present, which names the chair
too, before the chair), the fact with more values first on a tie; one that names no fact's values stays where it
was.

>>> from webapp.page_data import Ref
>>> chair, member = Ref("a", "Sylvie FAYOLLE"), Ref("b", "Denis BARRIOL")
>>> facts = [{"property": Ref("p:present", "présent"), "values": [chair, member]},
...          {"property": Ref("p:chair", "président"), "values": [chair]},
...          {"property": Ref("p:count", "présents"), "values": [2]}]
>>> quotes = [{"quote": "Président de séance : Mme Sylvie FAYOLLE"}, {"quote": "Nombre de présents : 02"},
... {"quote": "Présents : Mme Sylvie FAYOLLE, M. Denis BARRIOL"}, {"quote": "Adopté à l'unanimité."}]
>>> {p: [q["quote"][:9] for q in found] for p, found in quotes_by_fact(quotes, facts).items()}
{'p:chair': ['Président'], 'p:count': ['Nombre de'], 'p:present': ['Présents ']}

A quote that states its property goes beside it, whatever values it names (the chair named in the count's line):

>>> stated = {"quote": "Présents : 2 sous la présidence de Mme Sylvie FAYOLLE", "stated": ["p:count"]}
>>> list(quotes_by_fact([stated], facts))
['p:count']
"""

from __future__ import annotations

import datetime as dt

from rdflib import Literal

from graph.identity_names import fold
from graph.namespaces import MAI
from webapp.page_data import Ref


def quotes_by_fact(quotes: list[dict], facts: list[dict]) -> dict[str, list[dict]]:
    """The ``quotes`` (dicts with a ``quote`` text) that support each of ``facts`` (dicts with a ``property`` Ref and
    its ``values``), by property IRI, each quote once, in its order; the quotes that name no fact's values are in
    none."""
    found: dict[str, list[dict]] = {}
    for quote in quotes:
        prop = _stated_fact(quote, facts) if quote.get("stated") else _named_fact(quote, facts)
        if prop is not None:
            found.setdefault(prop, []).append(quote)
    return found


def _stated_fact(quote: dict, facts: list[dict]) -> str | None:
    """The first of ``facts`` whose property the quote states (its ``stated`` properties), or None."""
    return next((str(fact["property"].iri) for fact in facts if str(fact["property"].iri) in quote["stated"]), None)


def _named_fact(quote: dict, facts: list[dict]) -> str | None:
    """The fact whose values a quote that states none names the largest share of, half of them at least, or None."""
    tokens = fold(quote["quote"]).split()
    words, numbers = set(tokens), {int(token) for token in tokens if token.isdigit()}
    best = max(((_share(fact["values"], words, numbers), len(fact["values"]), str(fact["property"].iri))
                for fact in facts if fact["values"]), default=None)
    return best[2] if best is not None and best[0] >= 0.5 else None


def _share(values: list, words: set[str], numbers: set[int]) -> float:
    """The share of ``values`` that a quote of these ``words`` and ``numbers`` names."""
    return sum(_named(value, words, numbers) for value in values) / len(values)


def _named(value, words: set[str], numbers: set[int]) -> bool:
    """Whether a quote of these ``words`` and ``numbers`` names ``value``: a number, a date (its day and year), a
    text's numbers (a date the page wrote, « 7 mai 2024 »), a resource's family names (its name's words in
    capitals, else all its name's words)."""
    if isinstance(value, Literal):
        value = value.toPython()
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value in numbers
    if isinstance(value, dt.date):
        return {value.day, value.year} <= numbers
    if isinstance(value, Ref):
        name = str(value.label or "")
        capitals = [word for word in name.split() if len(word) > 1 and word.isupper()]
        wanted = set(fold(" ".join(capitals or [name])).split())
        return bool(wanted) and wanted <= words
    if isinstance(value, str):
        wanted = {int(token) for token in fold(value).split() if token.isdigit()}
        return bool(wanted) and wanted <= numbers
    return False


def placed_quotes(data: dict, summary: list[dict], lists: list[dict], order: tuple = ()) -> dict:
    """Where a page sets the quotes of its resource and of its session beside the facts they support: ``summary``,
    the quotes of a deliberation's key facts (its own that no fact below takes, and those of the counts);
    ``facts``, those of its session's facts said with the attendance (convocation, chair, secretary) and those that
    state a fact of the session that the page does not show; ``lists``, those of each list of names by its id
    (``lists``: :func:`webapp.display.attendance_lists`); ``by_property``, those of a session's own facts
    (``order``: the properties its page orders, :data:`webapp.display.KIND_ORDERS`); ``moved``, the quotes that the
    page no longer shows where they were (under the fact « séance », atop a session's page, beside a property).
    A quote of the resource that supports a value of its own (a theme) stays beside that value."""
    evidence, placed = data.get("evidence") or {}, {"summary": [], "facts": [], "lists": {}, "by_property": {},
                                                    "moved": []}
    quotes = evidence.get(data.get("iri"), [])
    if order:  # a session's page: its quotes beside its properties
        facts = [prop for prop in data.get("properties", []) if prop["property"].iri in {str(p) for p in order}]
        placed["by_property"] = quotes_by_fact(_placeable(quotes, facts), facts)
        placed["moved"] = [quote for found in placed["by_property"].values() for quote in found]
        return placed
    own = _placeable(quotes, summary)
    attendance = data.get("attendance")
    if not attendance:
        placed["summary"] = own
        return placed
    session = attendance.get("session") or _session_of(data)
    session_quotes = evidence.get(session.iri if session else None, [])  # a session's quotes support no value
    counts = [prop for prop in summary if prop in attendance["session_facts"] + attendance["properties"]]
    shown = [prop for prop in attendance["session_facts"] if prop not in summary]
    found = quotes_by_fact(own + session_quotes, counts + shown + lists)
    elsewhere = [quote for prop in shown + lists for quote in found.get(str(prop["property"].iri), [])]
    placed["summary"] = ([quote for quote in own if quote not in elsewhere]
                         + [quote for prop in counts for quote in found.get(str(prop["property"].iri), [])
                            if quote not in own])
    placed_anywhere = [quote for quotes in found.values() for quote in quotes]
    placed["facts"] = ([quote for prop in shown for quote in found.get(str(prop["property"].iri), [])]
                       + [quote for quote in session_quotes if quote.get("stated") and quote not in placed_anywhere])
    placed["lists"] = {item["id"]: found.get(str(item["property"].iri), []) for item in lists}
    placed["moved"] = [quote for quote in session_quotes if quote in placed_anywhere or quote in placed["facts"]]
    return placed


def _placeable(quotes: list[dict], facts: list[dict]) -> list[dict]:
    """The ``quotes`` that a page may set beside one of ``facts``: those that state no value (matched by the values
    they name), and those that state the property of one of them."""
    properties = {str(fact["property"].iri) for fact in facts}
    return [quote for quote in quotes if not quote.get("supports") or properties & set(quote.get("stated", ()))]


def _session_of(data: dict) -> Ref | None:
    """The session of a deliberation's page, whose own attendance at its vote names none."""
    return next((value for prop in data.get("properties", []) if prop["property"].iri == str(MAI.session)
                 for value in prop["values"] if isinstance(value, Ref)), None)
