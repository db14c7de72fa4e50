"""The deliberations among a resource's incoming links — those an authority adopted (« collectivité de »), those of a
session — newest first, each named by its number, date and title (« Délibération n° 504 du 25 novembre 2013 — Mise à
disposition de locaux associatifs »): a city's page listed its 162 deliberations by title alone, in the order of
their IRIs, and two acts of one title (n° 504 and n° 595) could not be told apart without opening each.
"""

from __future__ import annotations

import re
from typing import Iterable

from rdflib import URIRef

from graph.namespaces import MAI
from webapp.funding_grants import deliberation_name
from webapp.page_queries import select

#: The properties through which deliberations link to what their incoming links list.
DELIBERATION_LINKS = frozenset(str(p) for p in (MAI.authority, MAI.session))
#: Deliberations whose date and number one query reads (a VALUES block).
DATED_PER_QUERY = 500
# %IRIS% are IRIs read from the store, written with rdflib's escaping (never request text). A deliberation that two
# sources date or number apart has a row for each: the latest date and the least number are kept.
_DATED = """SELECT ?x ?date ?number WHERE { VALUES ?x { %IRIS% } ?x a mai:Deliberation
  OPTIONAL { ?x dcterms:date ?date } OPTIONAL { ?x dcterms:identifier ?number } }"""


def dated_deliberations(iris: Iterable[URIRef]) -> dict[URIRef, tuple]:
    """The date and number (either None when unknown) of each deliberation among ``iris``."""
    iris = sorted(set(iris), key=str)
    found: dict[URIRef, tuple] = {}
    for start in range(0, len(iris), DATED_PER_QUERY):
        block = " ".join(iri.n3() for iri in iris[start:start + DATED_PER_QUERY])
        for row in select(_DATED.replace("%IRIS%", block)):
            date, number = found.get(row["x"], (None, None))
            found[row["x"]] = (max((d for d in (date, row.get("date")) if d is not None), key=str, default=None),
                               min((n for n in (number, row.get("number")) if n is not None), key=str, default=None))
    return found


def newest_first(links: Iterable[tuple[bool, str]], dated: dict[URIRef, tuple]) -> list[tuple[bool, str]]:
    """``links`` (whether an IRI, the value) newest first: by date, then by number (« 595 » before « 504 », « 10 »
    before « 9 »); those without a date after, by number too; ties in IRI order.

    >>> d = {URIRef("a"): ("2013-11-25", "504"), URIRef("b"): ("2013-12-16", "595"), URIRef("c"): (None, "9")}
    >>> newest_first([(True, "c"), (True, "a"), (True, "b")], d)
    [(True, 'b'), (True, 'a'), (True, 'c')]
    """
    def key(link: tuple[bool, str]) -> tuple:
        date, number = dated.get(URIRef(link[1]), (None, None)) if link[0] else (None, None)
        return date is not None, str(date or ""), _natural(number)

    return sorted(sorted(links), key=key, reverse=True)  # a stable sort: ties stay in IRI order


def _natural(number) -> list[tuple[int, int | str]]:
    """A number's sort key that compares its digits as numbers: « 10 » after « 9 », « 2024.00240 » after
    « 2024.00239 »."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", str(number or ""))]


def entry_name(dated: tuple | None, title) -> str | None:
    """A deliberation as an incoming link names it: « Délibération n° 504 du 25 novembre 2013 — title », what is
    known of them (None when nothing is)."""
    date, number = dated or (None, None)
    name = deliberation_name(number, date)
    if name is None or title is None:
        return name if name is not None else title
    return f"{name} — {title}"
