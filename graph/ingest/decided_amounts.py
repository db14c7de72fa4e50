"""The grants of a grants list whose deliberation, stored, decides another amount for the same beneficiary.

A list's row names the deliberation that decided its grant (``referenceDecision`` → ``mai:decidedBy``); once that
deliberation's text is stored too, its own grants say what it decided: « une subvention … à Danaecare d'un montant
global de 20 000 € », where the list publishes 25 000 € under the same number. One of the two is wrong (a typo in
the list, an amount voted later by another act, a reference copied from another row): the ingest warns, at the
list's row (:func:`check_list_amounts`) or at the deliberation when the list was stored first
(:func:`check_text_amounts`), naming the other side, both amounts and the difference. Both grants are kept, and
the totals count them once, at the deliberation's amount (:data:`SAME_GRANT`).

The beneficiary is the same when it is the same actor, or when both have the same SIREN or RNA number. A row whose
amount is one of those the deliberation decides for that beneficiary (it decides two grants to it), or that a later
act sets for it (``dcterms:replaces``), is not warned of.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from rdflib import URIRef

from graph.ingest.base import Issue
from graph.ingest.french import format_amount
from graph.namespaces import sparql_prologue

#: The kind of source that cites a deliberation by its reference (a row's ``referenceDecision``), and the kind whose
#: text decides its grants.
LIST_KIND, TEXT_KIND = "scdl-subventions", "deliberation"

#: The same beneficiary in a list (?beneficiary) and in a deliberation (?decidedTo): one actor, or one SIREN or RNA.
_SAME_BENEFICIARY = ("FILTER(?decidedTo = ?beneficiary || EXISTS { ?beneficiary mai:siren|mai:rna ?number . "
                     "?decidedTo mai:siren|mai:rna ?number })")
#: A grant of a grants list (?grant) and a grant that a stored deliberation's text decides (?decided) that are one:
#: the list names the deliberation (?deliberation) as its decision, the text decides a grant to the same beneficiary.
#: The totals count it once, as the text decides it: the text is the decision, the list publishes it
#: (webapp.grant_amounts.NOT_LISTED_TWICE). Each source's kind is stated in its own graph. Started from the texts and
#: the deliberations they state, each read whole, then a lookup each for the grants that name them, the list's kind
#: and both beneficiaries after: at 100k generated actors (1,112 texts, 20,491 grants of lists naming a
#: deliberation), 16–37 ms; begun with the lists' grants, 4–5 s; with the texts' grants, 80 ms.
SAME_GRANT = f"""{{ SELECT * WHERE {{ GRAPH ?text {{ ?text dcterms:type "{TEXT_KIND}" }} }} }}
  {{ SELECT * WHERE {{ GRAPH ?text {{ ?deliberation a mai:Deliberation }} }} }}
  GRAPH ?list {{ ?grant mai:decidedBy ?deliberation }} FILTER(?list != ?text)
  GRAPH ?list {{ ?list dcterms:type "{LIST_KIND}" . ?grant mai:beneficiary ?beneficiary }}
  GRAPH ?text {{ ?decided mai:decidedBy ?deliberation ; mai:beneficiary ?decidedTo }}
  {_SAME_BENEFICIARY}"""
#: The same pairs, looked up from a list's grant (?grant) or a text's grant (?decided) that is bound: a page's grants,
#: a lookup each (50 grants at 100k generated actors: 8 ms; reading every pair of :data:`SAME_GRANT`, 17 ms).
_LISTED_GRANT = (f'GRAPH ?list {{ ?grant mai:decidedBy ?deliberation ; mai:beneficiary ?beneficiary }} '
                 f'GRAPH ?list {{ ?list dcterms:type "{LIST_KIND}" }}')
_DECIDED_GRANT = (f'GRAPH ?text {{ ?decided mai:decidedBy ?deliberation ; mai:beneficiary ?decidedTo }} '
                  f'GRAPH ?text {{ ?text dcterms:type "{TEXT_KIND}" }}')
SAME_GRANT_OF_LISTED = f"{_LISTED_GRANT} {_DECIDED_GRANT} {_SAME_BENEFICIARY}"
SAME_GRANT_OF_DECIDED = f"{_DECIDED_GRANT} {_LISTED_GRANT} {_SAME_BENEFICIARY}"
#: The amounts a deliberation's own text decides for a beneficiary.
_DECIDED = """GRAPH ?text { ?decided mai:decidedBy ?deliberation ; schema:amount ?decidedAmount ;
                           mai:beneficiary ?decidedTo }
  ?text dcterms:type "%TEXT%" .""".replace("%TEXT%", TEXT_KIND)
#: The amount that a later act sets instead of a deliberation's, if any: after the other patterns, which an OPTIONAL
#: before them made the engine evaluate over the whole store (25 ms a deliberation at 10k generated actors).
_NEWER = "OPTIONAL { ?newer dcterms:replaces ?decided ; schema:amount ?newerAmount }"
#: The deliberations that the list ``?source`` cites (``%s``: VALUES of them) and that a deliberation's text states:
#: asked apart, before the grants (below), for the few deliberations a list cites; joined from the list's grants, the
#: engine looked each grant's deliberation up in every graph that types it, each list citing it (9 ms a list at 100k
#: generated actors, 0.2 ms so).
_CITED = "SELECT DISTINCT ?deliberation WHERE { GRAPH ?source { ?grant mai:decidedBy ?deliberation } }"
_STATED_BY_TEXT = f"""SELECT DISTINCT ?deliberation WHERE {{ VALUES ?deliberation {{ %s }}
  GRAPH ?text {{ ?deliberation a mai:Deliberation }} ?text dcterms:type "{TEXT_KIND}" }}"""
#: Started from the deliberations of ``%s`` (VALUES: those of :data:`_STATED_BY_TEXT`), the grants of the list
#: ``?source`` that name one, the texts that state it, then their grants to the same beneficiary. The texts before the
#: grants they decide: other lists name the same deliberations, whose grants the engine read before their kind
#: (generated store of 10k actors: 2.3 ms a list, 1.1 ms so).
_FROM_LIST = f"""SELECT DISTINCT ?line ?amount ?deliberation ?number ?textTitle ?decided ?decidedAmount ?newerAmount
WHERE {{ VALUES ?deliberation {{ %s }}
  GRAPH ?source {{ ?grant mai:decidedBy ?deliberation ; schema:amount ?amount ; mai:beneficiary ?beneficiary ;
                          mai:rowNumber ?line }}
  GRAPH ?text {{ ?deliberation a mai:Deliberation }}
  {_DECIDED}
  {_SAME_BENEFICIARY}
  {_NEWER}
  OPTIONAL {{ GRAPH ?text {{ ?deliberation dcterms:identifier ?number }} }}
  OPTIONAL {{ ?text dcterms:title ?textTitle }}
}}"""
#: Started from the grants that the deliberation text ``?text`` decides: the grants of lists that name the
#: deliberation, through it, then the beneficiary compared. The list's kind is read last: as a pattern, the engine
#: began with every grants list of the store (generated store of 10k actors: 30 ms a deliberation, 0.3 ms so).
_FROM_TEXT = f"""SELECT DISTINCT ?line ?amount ?list ?listTitle ?deliberation ?number ?decided ?decidedAmount
  ?newerAmount ?label WHERE {{
  {_DECIDED}
  GRAPH ?list {{ ?grant mai:decidedBy ?deliberation ; schema:amount ?amount ; mai:beneficiary ?beneficiary ;
                        mai:rowNumber ?line }}
  OPTIONAL {{ ?list dcterms:type ?listKind }} FILTER(?listKind = "{LIST_KIND}")
  {_SAME_BENEFICIARY}
  {_NEWER}
  OPTIONAL {{ GRAPH ?text {{ ?deliberation dcterms:identifier ?number }} }}
  OPTIONAL {{ ?list dcterms:title ?listTitle }}
  OPTIONAL {{ GRAPH ?text {{ ?decidedTo rdfs:label ?label }} }}
}}"""


#: What becomes of the two grants, said at the end of each warning.
_KEPT = ("les deux subventions sont gardées ; les totaux du financement les comptent une fois, au montant de la "
         "délibération", "both grants are kept; the funding totals count them once, at the deliberation's amount")


def check_list_amounts(query, source: URIRef) -> list[Issue]:
    """Warn at each row of the grants list ``source`` whose deliberation, stored, decides for the row's beneficiary
    other amounts than the row's (see the module's docstring), naming it, its amount and the difference; ``query``:
    a store's query function. Two queries, three when a text states a deliberation the list cites."""
    cited = " ".join(row[0].n3() for row in query(sparql_prologue() + _CITED, {"source": source}))
    stated = " ".join(row[0].n3() for row in query(sparql_prologue() + _STATED_BY_TEXT % cited, None)) if cited else ""
    rows = list(query(sparql_prologue() + _FROM_LIST % stated, {"source": source})) if stated else []
    issues = []
    for (line, amount, deliberation), found in sorted(_differing(rows, (0, 1, 2), 6, 7).items(),
                                                      key=lambda kv: kv[0][0]):
        number, title, decided = found[0][3], found[0][4], _decided_amounts(found, 6)
        act = f"la délibération n° {number}" if number else f"la délibération <{deliberation}>"
        act_en = f"deliberation no. {number}" if number else f"the deliberation <{deliberation}>"
        named, named_en = (f" (« {title} »)", f" ('{title}')") if title else ("", "")
        issues.append(Issue(
            "warning", f"{act}{named} décide {_french(decided)} pour ce bénéficiaire, et non "
                       f"{format_amount(amount)} : écart de {_french(decided, amount)} ; {_KEPT[0]} : le montant de "
                       "la liste ou sa référence de décision est à vérifier",
            f"{act_en}{named_en} decides {_english(decided)} for this beneficiary, not {_english([amount])}: a "
            f"difference of {_english(decided, amount)}; {_KEPT[1]}: the list's amount or its decision reference "
            "needs checking", line=line))
    return issues


def check_text_amounts(query, source: URIRef) -> list[Issue]:
    """Warn, for the deliberation text ``source``, about each row of a stored grants list that names it for one of
    its beneficiaries at an amount it does not decide, naming the list, its row and both amounts; ``query``: a
    store's query function. One query."""
    rows = list(query(sparql_prologue() + _FROM_TEXT, {"text": source}))
    issues = []
    for (line, amount, _, title), found in sorted(_differing(rows, (0, 1, 2, 3), 7, 8).items(),
                                                  key=lambda kv: (str(kv[0][3]), kv[0][0])):
        number, label, decided = found[0][5], found[0][9], _decided_amounts(found, 7)
        who, who_en = (f" à {label}", f" to {label}") if label else ("", "")
        act, act_en = (f"la délibération n° {number}", f"deliberation no. {number}") if number else \
            ("cette délibération", "this deliberation")
        issues.append(Issue(
            "warning", f"la liste « {title} » (ligne {line}) publie sous {act} une subvention{who} de "
                       f"{format_amount(amount)}, que la délibération ne décide pas : elle décide "
                       f"{_french(decided)}, écart de {_french(decided, amount)} ; {_KEPT[0]}",
            f"the list '{title}' (line {line}) publishes under {act_en} a grant{who_en} of {_english([amount])}, which "
            f"the deliberation does not decide: it decides {_english(decided)}, a difference of "
            f"{_english(decided, amount)}; {_KEPT[1]}"))
    return issues


def _differing(rows: list, keys: tuple[int, ...], decided: int, newer: int) -> dict[tuple, list]:
    """The rows of a query grouped by the list's grant (its columns ``keys``: line, amount, then the deliberation or
    the list), keyed by (line as an int, amount as a Decimal, …); kept, the grants whose amount is none of those
    that the deliberation decides for the beneficiary (column ``decided``) nor one that a later act sets (column
    ``newer``)."""
    grouped: dict[tuple, list] = defaultdict(list)
    for row in rows:
        row = list(row)
        grouped[(int(row[keys[0]]), _decimal(row[keys[1]]), *(row[k] for k in keys[2:]))].append(row)
    return {key: found for key, found in grouped.items()
            if key[1] not in {_decimal(row[column]) for row in found for column in (decided, newer)
                              if row[column] is not None}}


def _decimal(term) -> Decimal:
    """An amount's literal as a Decimal, whatever its datatype (a decimal, an integer, a double)."""
    return Decimal(str(term.toPython()))


def _decided_amounts(found: list, column: int) -> list[Decimal]:
    """The amounts (``column`` of the rows ``found``) that the deliberation decides for the beneficiary, each once,
    in order."""
    return sorted({_decimal(row[column]) for row in found})


def _french(decided: list[Decimal], stated: Decimal | None = None) -> str:
    """The ``decided`` amounts written the French way, or, given the ``stated`` one, the differences to it."""
    amounts = decided if stated is None else [abs(stated - amount) for amount in decided]
    return " ou ".join(format_amount(amount) for amount in amounts)


def _english(decided: list[Decimal], stated: Decimal | None = None) -> str:
    """As :func:`_french`, in English: « 20,000 € », « 30,000.50 € »."""
    amounts = decided if stated is None else [abs(stated - amount) for amount in decided]
    return " or ".join(f"{amount:,.2f}".removesuffix(".00") + " €" for amount in amounts)
