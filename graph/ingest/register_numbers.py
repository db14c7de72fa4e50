"""A register's deliberation numbers read by their digits: ``366-15`` names the deliberation ``CONV N° 366-15``.

A grant reference (:mod:`graph.ingest.register_grants`) first names deliberations whose number is one of the forms
of its own (:func:`graph.ingest.register_grants.number_forms`). A coordinator writes the number as it reads
in the deliberation's text, without the words and prefixes that an authority's open data may put around it
(SCDL ``referenceDecision`` values such as ``CONV N° 366-15`` or ``DEL-2024-12 du 3 mai``): a reference that none
of those forms names is matched on its *digit groups*, the sequence of its runs of digits compared as numbers
(``366-15`` and ``CONV N° 366-15`` are both 366, 15); when no deliberation has the same groups, those whose groups
begin with the reference's two or more (``02-1`` for ``CONV N° 02-1 RECONDUCTION du 2015-06-19``). When the digits
name several deliberations, the beneficiary (and the idSubvention) keep those that granted it; when more than one
is left, nothing is linked and the reference is reported as ambiguous. When nothing matches, the deliberations
whose number holds the reference's longest digit group and whose groups are the reference's but one, written a digit
apart (``366-15`` for ``366-16``), are its *near matches*, which the warning names: a number that only shares the
year (``CP-2024-03-101`` for ``2024.00240``) is not near it, and none is named.

The candidates are read with one ``CONTAINS`` over the deliberations' numbers for each such reference (a handful
per register), then compared here: normalising every deliberation's number on the store's side for each reference
is what made ``/goals`` take 37 s at 10k actors. A grant whose decision reference names no deliberation (``CONV N°
366-15``, :func:`graph.ingest.scdl_decisions.names_no_deliberation`) is decided by no deliberation: its reference,
with its funder, is matched as a deliberation's number is.

>>> digit_groups("CONV N° 366-15"), digit_groups("2024.00240") == digit_groups("n°2024-240")
((366, 15), True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from graph.namespaces import sparql_prologue

_DIGITS = re.compile(r"\d+")
#: How many near matches a warning names.
NEAR_SHOWN = 3


def digit_groups(number: str) -> tuple[int, ...]:
    """The runs of digits of a deliberation number, as numbers (leading zeros do not count)."""
    return tuple(int(run) for run in _DIGITS.findall(number))


def is_near(groups: tuple[int, ...], other: tuple[int, ...]) -> bool:
    """Whether the digit groups ``other`` are nearly ``groups``: as many, all the same but one, and that one a digit
    apart (one digit changed, added or left out), as a number mistyped is.

    >>> is_near((366, 16), (366, 15)), is_near((2024, 240), (2024, 241)), is_near((2024, 240), (2024, 3, 101))
    (True, True, False)
    >>> is_near((2024, 240), (2024, 399)), is_near((2024, 240), (2023, 241))
    (False, False)
    """
    from rapidfuzz.distance import Levenshtein

    if len(groups) != len(other):
        return False
    apart = [(str(a), str(b)) for a, b in zip(groups, other) if a != b]
    return len(apart) == 1 and Levenshtein.distance(*apart[0]) == 1


#: The deliberations whose number contains ``?needle`` (the reference's longest digit group), with their authority;
#: and the references that name no deliberation of grants (``?deliberation`` unbound), with their funder.
_CANDIDATES = """SELECT DISTINCT ?deliberation ?number ?authorityLabel ?funder WHERE {
  { ?deliberation dcterms:identifier ?number ; a mai:Deliberation FILTER(CONTAINS(STR(?number), ?needle))
    OPTIONAL { ?deliberation mai:authority ?authority OPTIONAL { ?authority rdfs:label ?authorityLabel } } }
  UNION
  { ?grant mai:decisionReference ?number FILTER(CONTAINS(STR(?number), ?needle))
    FILTER NOT EXISTS { ?grant mai:decidedBy ?decision } ?grant schema:funder ?funder
    OPTIONAL { ?funder rdfs:label ?authorityLabel } }
} ORDER BY ?number ?deliberation ?funder"""
#: The grants of ``?deliberation``, or of the reference ``?number`` of funder ``?funder`` that names no deliberation.
_DECIDED = {True: "?grant mai:decidedBy ?deliberation ; a mai:Grant .",
            False: "?grant mai:decisionReference ?number ; schema:funder ?funder ; a mai:Grant . "
                   "FILTER NOT EXISTS { ?grant mai:decidedBy ?decision }"}
#: How many grants a deliberation (a reference) decides.
_TOTAL = "SELECT (COUNT(DISTINCT ?grant) AS ?n) WHERE { %s }"
#: The grants of a deliberation (a reference) that the reference ``?ref`` describes: its idSubvention, its
#: beneficiary (the actor, or an actor of that SIREN) when it gives them.
_GRANTS = """SELECT DISTINCT ?grant WHERE {
  %s
  FILTER NOT EXISTS { ?ref dcterms:identifier ?refId FILTER NOT EXISTS { ?grant dcterms:identifier ?refId } }
  FILTER NOT EXISTS { ?ref schema:fundedItem ?refBeneficiary
                      FILTER NOT EXISTS { ?grant mai:beneficiary ?refBeneficiary }
                      FILTER NOT EXISTS { ?grant mai:beneficiary/mai:siren ?refBeneficiary } }
}"""


@dataclass
class Deliberation:
    """A deliberation that a reference's digits name, or nearly: its number, authority and the grants it describes.
    ``iri`` None: a decision reference that names no deliberation, of the grants of ``funder``."""

    iri: URIRef | None
    number: str
    authority: str
    grants: set[URIRef] = field(default_factory=set)
    total: int = 0  # all its grants, whoever they are to
    funder: URIRef | None = None

    def bindings(self, ref: URIRef) -> dict:
        """What the queries of its grants bind (:data:`_DECIDED`), for the register's reference ``ref``."""
        if self.iri is not None:
            return {"ref": ref, "deliberation": self.iri}
        return {"ref": ref, "number": Literal(self.number), "funder": self.funder}

    def named(self) -> str:
        """The deliberation as a message names it: its number and authority."""
        return f"« {self.number} » ({self.authority})" if self.authority else f"« {self.number} »"

    def named_en(self) -> str:
        return f"'{self.number}' ({self.authority})" if self.authority else f"'{self.number}'"


@dataclass
class DigitMatch:
    """What the digits of a reference's number name: the deliberations of the same digit groups, and near ones."""

    same: list[Deliberation] = field(default_factory=list)
    near: list[Deliberation] = field(default_factory=list)

    @property
    def granting(self) -> list[Deliberation]:
        """The deliberations of the same digit groups that grant what the reference describes."""
        return [d for d in self.same if d.grants]

    @property
    def grants(self) -> set[URIRef]:
        """The grants that the reference describes: those of its one granting deliberation; none when several."""
        granting = self.granting
        return set(granting[0].grants) if len(granting) == 1 else set()


def match_digits(query, ref: URIRef, number: str) -> DigitMatch:
    """Match the reference ``ref`` of deliberation number ``number`` on its digit groups (see the module's
    docstring), through ``query(sparql, bindings)``."""
    groups, found = digit_groups(number), DigitMatch()
    same: list[Deliberation] = []
    beginning: list[Deliberation] = []  # the reference's groups, then others (a date): when none is the same
    if not groups:
        return found
    needle = str(max(groups, key=lambda g: len(str(g))))
    for deliberation, other, authority, funder in query(sparql_prologue() + _CANDIDATES, {"needle": Literal(needle)}):
        other_groups = digit_groups(str(other))
        candidate = Deliberation(deliberation, str(other), str(authority or ""), funder=funder)
        if other_groups == groups:
            same.append(candidate)
        elif len(groups) > 1 and other_groups[:len(groups)] == groups:
            beginning.append(candidate)
        elif is_near(groups, other_groups):
            found.near.append(candidate)
    found.same = same or beginning
    for candidate in found.same:
        bound, decided = candidate.bindings(ref), _DECIDED[candidate.iri is not None]
        candidate.grants = {row[0] for row in query(sparql_prologue() + _GRANTS % decided, bound)}
        candidate.total = int(next(iter(query(sparql_prologue() + _TOTAL % decided, bound)))[0])
    found.near = found.near[:NEAR_SHOWN]
    return found
