"""How pages read grants' amounts: the patterns that every total counts (:data:`COUNTED_AMOUNT`), the numbers
that a term holds, the amount a grant is named and sorted by, what a page says of the grants its totals leave out, and
the grants that a list and a deliberation's text publish both, counted once (:data:`LISTED_TWICE`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from rdflib import URIRef

from graph.french_text import counted
from graph.ingest.decided_amounts import SAME_GRANT, SAME_GRANT_OF_DECIDED, SAME_GRANT_OF_LISTED
from graph.namespaces import NOT_REPLACED
from webapp.cache import cached_select
from webapp.i18n import get_lang, t
from webapp.page_queries import read_whole, select


#: A grant's amounts as the sums read them (bound to ?stated): numbers zero or more only, what the shapes accept
#: (ontology/shapes.ttl, GrantShape). A text is none, since Oxigraph's SUM or MIN of a group that holds a text is
#: unbound (a funder's total went blank); a negative amount, stored without --strict, took 500 € off a funder's
#: total. The pages that show totals say how many grants they leave out (:func:`uncounted_note`). Each sum groups
#: the amounts by grant and keeps the least, ``(MIN(?stated) AS ?amount)``: a grant that its sources give two
#: amounts (a SHACL violation, stored without --strict) counts once, at the amount the SCDL export writes.
COUNTED_AMOUNT = "?grant schema:amount ?stated FILTER(isNumeric(?stated) && ?stated >= 0)"

#: The grants of grants lists (bound to ?grant) that a stored deliberation's text decides too, for the same
#: beneficiary (graph.ingest.decided_amounts.SAME_GRANT): one grant published twice, which the totals count once, as
#: the text decides it (at its amount, should the list write another: the text is the decision). A sub-select: its
#: own variables stay apart from those of the query that joins it.
LISTED_TWICE = f"{{ SELECT DISTINCT ?grant WHERE {{ {SAME_GRANT} }} }}"
#: A pattern that leaves out those grants (:data:`LISTED_TWICE`): an anti-join with them, read once, as
#: :data:`graph.namespaces.NOT_REPLACED` leaves out the grants that a later act replaces.
NOT_LISTED_TWICE = f"MINUS {LISTED_TWICE}"
#: Whether the store holds any of those grants (:data:`LISTED_TWICE`): asked once per published state.
_ANY_LISTED_TWICE = f"SELECT ?grant WHERE {{ {SAME_GRANT} }} LIMIT 1"

#: The pairs of grants (a list's ?grant, a deliberation text's ?decided) that are one grant published twice
#: (graph.ingest.decided_amounts.SAME_GRANT), either side among %IRIS% (VALUES: IRIs read from the store, written with
#: rdflib's escaping, never request text): each side started from, the other looked up through the deliberation.
_SAME_GRANTS = f"""SELECT DISTINCT ?grant ?decided WHERE {{
  {{ VALUES ?grant {{ %IRIS% }} {SAME_GRANT_OF_LISTED} }}
  UNION {{ VALUES ?decided {{ %IRIS% }} {SAME_GRANT_OF_DECIDED} }} }}"""

#: Every grant with its year and its amounts (bound to ?stated, text included: a list shows what a source wrote, and
#: groups by grant to keep one, ``(MIN(?stated) AS ?amount)``), each read whole
#: (:func:`webapp.page_queries.read_whole`), but those replaced.
EVERY_GRANT_YEAR_AMOUNT = " ".join([read_whole("?grant a mai:Grant"),
                                    f"OPTIONAL {{ {read_whole('?grant mai:fiscalYear ?year')} }}",
                                    f"OPTIONAL {{ {read_whole('?grant schema:amount ?stated')} }}", NOT_REPLACED])
#: The same with the amounts that the sums count only (:data:`COUNTED_AMOUNT`): a grant with none has ?stated unbound.
EVERY_GRANT_YEAR_COUNTED_AMOUNT = EVERY_GRANT_YEAR_AMOUNT.replace("?grant schema:amount ?stated", COUNTED_AMOUNT)


def number_of(term) -> int | float | Decimal | None:
    """The number that a term holds (an amount, a year), or None: none, or a text ("mille euros", a SHACL violation
    stored without --strict)."""
    value = term.toPython() if term is not None else None
    return value if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else None


def counted_amount(term) -> int | float | Decimal | None:
    """The number of an amount that the totals count (:data:`COUNTED_AMOUNT`), or None: none, a text, or a negative
    number (the shapes reject both).

    >>> from rdflib import Literal
    >>> counted_amount(Literal(20000)), counted_amount(Literal(-500)), counted_amount(Literal("mille euros"))
    (20000, None, None)
    """
    number = number_of(term)
    return number if number is not None and number >= 0 else None


def uncounted_note(count: int) -> str:
    """What a page that shows totals says of the ``count`` grants they leave out, and why; '' for none."""
    if not count:
        return ""
    singular, _, plural = t("grant_noun").partition("|")
    return t("uncounted_grants", grants=counted(count, singular, plural, lang=get_lang()))


def any_listed_twice() -> bool:
    """Whether the store holds a grant of :data:`LISTED_TWICE` at all, asked once per published state: a page skips
    what would count them apart when none (most stores: no deliberation's text that a list cites)."""
    return bool(cached_select(_ANY_LISTED_TWICE, pin=True))


def listed_twice_join(grant: str = "?grant", flag: str = "?listedTwice") -> str:
    """A pattern binding ``flag`` to 1 when the grant bound to ``grant`` is one of :data:`LISTED_TWICE`, for a page
    that keeps those grants in its rows (an actor's tables) or counts them apart (the network): those grants read
    once and joined, as :data:`NOT_LISTED_TWICE` leaves them out (16–37 ms at 100k actors; looked up from each grant,
    EXISTS or OPTIONAL, the engine planned the pattern alone: 0.4 s a grant at 10k). '' for a store that holds none,
    ``flag`` then unbound: no page pays for the join."""
    if not any_listed_twice():
        return ""
    return f"OPTIONAL {{ {LISTED_TWICE.replace('?grant', grant)} BIND(1 AS {flag}) }}"


def listed_twice_note(count: int) -> str:
    """What a page that shows totals says of the ``count`` grants of lists that they count once, as the
    deliberation's text that decides them too (:data:`LISTED_TWICE`); '' for none."""
    if not count:
        return ""
    return t("listed_twice_many", n=count) if count > 1 else t("listed_twice_one")


def amount_cell(term) -> float | str | None:
    """An amount as the grants tables show it: its number, or the text a source wrote instead (shown as written)."""
    if term is None:
        return None
    number = number_of(term)
    return float(number) if number is not None else str(term)


def least_amount(terms: list) -> Any:
    """The amount a grant is named by among those its sources state: the least number (as the sums keep one,
    :data:`COUNTED_AMOUNT`, a negative one too, which they leave out), else the text one wrote; None for none."""
    numbers = [term for term in terms if number_of(term) is not None]
    return min(numbers, key=number_of) if numbers else next(iter(terms), None)


def descending(term) -> tuple:
    """A sort key putting ``term`` in SPARQL's DESC order: larger numbers first, unbound last (a text, between)."""
    if term is None:
        return (1, 0)
    number = number_of(term)
    return (0, -number) if number is not None else (0, 0)


def same_grants(grants: Iterable[URIRef]) -> tuple[dict[URIRef, list[URIRef]], set[URIRef]]:
    """For each of ``grants`` that is one grant published twice (:data:`LISTED_TWICE`), the other grants that are it
    (a list's grant: the grants its deliberation's text decides to its beneficiary; a text's: the lists' grants that
    publish it), by IRI; and those of ``grants`` that the totals leave out, counted as the text decides them (the
    lists'). One query, for a page of grants."""
    asked = {grant for grant in grants if isinstance(grant, URIRef)}
    iris = " ".join(grant.n3() for grant in sorted(asked))
    others: dict[URIRef, set[URIRef]] = defaultdict(set)
    listed: set[URIRef] = set()
    for row in select(_SAME_GRANTS.replace("%IRIS%", iris)) if iris else []:
        others[row["grant"]].add(row["decided"])
        others[row["decided"]].add(row["grant"])
        listed.add(row["grant"])
    return {grant: sorted(found) for grant, found in others.items() if grant in asked}, listed & asked
